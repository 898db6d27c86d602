"""The build, as a script: gather, render into a staging directory, audit,
then swap the staging directory into place.

The live output directory is replaced only after everything has been
gathered, rendered and audited; on any failure it stays exactly as it was.
The report is written in every case, never inside the output directory.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline.audit import auditor_for
from .pipeline.gather import Dataset, gather
from .pipeline.load import LoadError
from .pipeline.report import build_report, summary_lines, write_report

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def default_today() -> dt.date:
    """SOURCE_DATE_EPOCH if set, else today in Asia/Shanghai."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), SHANGHAI).date()
    return dt.datetime.now(SHANGHAI).date()


class BuildFailed(Exception):
    pass


@dataclass
class BuildResult:
    ok: bool
    report: dict
    dataset: Dataset | None = None
    output: Path | None = None
    audit: list = field(default_factory=list)


class Progress:
    """Progress lines on stderr with elapsed seconds."""

    def __init__(self, quiet: bool = False):
        self.start = time.monotonic()
        self.quiet = quiet

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.monotonic() - self.start:6.1f}s] {message}", file=sys.stderr, flush=True)


def load_settings(settings_file: Path | None, output: Path, site_url: str | None, data_dir: Path,
                  today: dt.date, dataset: Dataset | None) -> dict:
    from pelican.settings import read_settings

    override = {
        "OUTPUT_PATH": str(output),
        "PORTAL_DATA_DIR": str(data_dir),
        "PORTAL_TODAY": today,
        "PORTAL_DATASET": dataset,
    }
    if site_url is not None:
        override["SITEURL"] = site_url.rstrip("/")
        override["PORTAL_ABSOLUTE_URL"] = site_url.rstrip("/") or None
        override["RELATIVE_URLS"] = not site_url
    return read_settings(str(settings_file or ROOT / "pelicanconf.py"), override=override)


def render(settings: dict) -> None:
    """Run Pelican with our generator into settings['OUTPUT_PATH']."""
    import logging

    from pelican import Pelican

    import contextlib
    import io

    logging.getLogger("pelican").setLevel(logging.WARNING)
    with contextlib.redirect_stdout(io.StringIO()):  # Pelican's own "Done: ..." line
        Pelican(settings).run()


def swap_into_place(staging: Path, output: Path) -> None:
    """Replace `output` by `staging` with two renames on the same file system."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.rename(output, old)
    os.rename(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class AuditFailed(BuildFailed):
    def __init__(self, findings: list):
        self.findings = findings
        super().__init__(f"输出审查发现 {len(findings)} 处问题，例如 {findings[0]}")


def render_and_audit(ds: Dataset, directory: Path, *, data_dir: Path, today: dt.date, say,
                     site_url: str | None = None, settings_file: Path | None = None,
                     extra_settings: dict | None = None, audit=None) -> dict:
    """Render the site of `ds` into `directory`, then audit what was written.

    The one code path of `portal build` and `portal rebuild`. `audit(settings)`
    replaces the default full audit (privacy and removal scans of every file).
    Returns the Pelican settings used; raises AuditFailed with the findings.
    """
    settings = load_settings(settings_file, Path(directory), site_url, Path(data_dir), today, ds)
    settings.update(extra_settings or {})
    say("生成页面")
    render(settings)
    say("审查输出文件（隐私与撤下内容）")
    findings = audit(settings) if audit else auditor_for(ds, settings).scan_dir(Path(directory), say)
    if findings:
        raise AuditFailed(findings)
    return settings


def run_build(data_dir: Path, *, today: dt.date | None = None, report_path: Path | None = None,
              quiet: bool = False, publish=None, load=None, say: Progress | None = None) -> BuildResult:
    """Gather, then `publish(ds, say, extra) -> output path` unless checking only.

    Whatever happens, a report is built (and written to `report_path`); the
    keys `publish` puts into `extra` are added to it.
    """
    say = say or Progress(quiet)
    today = today or default_today()
    data_dir = Path(data_dir)
    ds: Dataset | None = None
    audit = []
    error = None
    extra = {}
    output = None
    try:
        say(f"读取数据目录 {data_dir}（基准日期 {today.isoformat()}）")
        ds = gather(data_dir, today, say, **({"load": load} if load else {}))
        if ds.broken:
            raise BuildFailed("；".join(ds.broken))
        if publish is not None:
            output = publish(ds, say, extra)
    except LoadError as exc:
        error = f"无法读取 {exc.path}：{exc.reason}"
    except AuditFailed as exc:
        audit = exc.findings
        extra["audit"] = [str(a) for a in audit[:200]]
        error = str(exc)
    except BuildFailed as exc:
        error = str(exc)
    except Exception as exc:  # a crash must still leave the site untouched and a report behind
        error = f"内部错误：{type(exc).__name__}: {exc}"
        traceback.print_exc()
    ok = error is None
    report = build_report(ok=ok, today=today, data_dir=str(data_dir),
                          counts=ds.counts() if ds else None, findings=ds.findings if ds else None,
                          error=error, extra=extra)
    if report_path:
        write_report(report, Path(report_path))
    if not quiet:
        for line in summary_lines(report):
            print(line, file=sys.stderr)
    return BuildResult(ok, report, ds, output if ok else None, audit)


def build(data_dir: Path, output: Path | None, *, today: dt.date | None = None, report_path: Path | None = None,
          site_url: str | None = None, settings_file: Path | None = None, check_only: bool = False,
          quiet: bool = False) -> BuildResult:
    """`portal build`: render into a staging directory beside `output`, audit, swap."""

    def publish(ds: Dataset, say, extra: dict) -> Path:
        out = Path(output).resolve()
        if report_path and Path(report_path).resolve().is_relative_to(out):
            raise BuildFailed("报告文件不能写在输出目录内")
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
        try:
            render_and_audit(ds, staging, data_dir=Path(data_dir), today=ds.today, say=say,
                             site_url=site_url, settings_file=settings_file)
            swap_into_place(staging, out)
            staging = None
            say(f"已发布到 {out}")
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
        return out

    return run_build(data_dir, today=today, report_path=report_path, quiet=quiet,
                     publish=None if check_only else publish)
