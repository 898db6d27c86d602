"""Partitioned builds: independent jobs per district or agency, merged into one site.

    python -m generators.partition build --data PART_DATA --out PART_DIR [--today D]
    python -m generators.partition merge --part PART_DIR --part PART_DIR ... --output SITE [--today D]

A *partition* is a data directory holding one district's (or agency's)
decision exports plus the shared files every partition carries identically
(subjects.csv, officers.csv, items.csv, statistics/, holidays.csv,
withdrawals.csv). See docs/scaling.md for running the jobs on a scheduler.

`build` (one job per partition, on any host): gathers and validates the
partition's decisions, renders and audits its pages, and leaves in PART_DIR

    site/            the partition's pages (its decision and notice pages are
                     what the merge reuses)
    dataset.pickle   the validated, redacted decisions and their publication
                     status (no raw rows), for the merge
    pages.json       page fingerprints (generators/render.py)
    partition.json   the SHA-256 of every shared input file, counts

`merge` (one job, after all partitions): checks that every partition saw the
same shared files and no decision number twice, builds the whole site from
the union of the partitions' decisions (listings, agency pages, statistics,
open data, sitemap, one search index over everything), hard-links every
decision and notice page whose fingerprint equals the partition's instead of
rendering it, audits the result like `portal build` (every file, with every
partition's personal names) and swaps it into place. The merged site is the
site one `portal build` over all the data would make (tests/test_partition.py).

Validation and the decision pages (most of the work and most of the files)
scale out; the merge does the site-wide work once.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from .build import BuildFailed, Progress, default_today, render_and_audit, swap_into_place
from .pipeline.audit import auditor_for, output_files
from .pipeline.findings import Findings
from .pipeline.gather import Dataset, gather
from .pipeline.load import is_ignored

FORMAT = 1
SHARED = ("subjects", "officers", "items", "holidays", "withdrawals", "statistics")
PER_DECISION_TEMPLATES = ("decision.html", "notice.html")


def shared_inputs(data_dir: Path) -> dict[str, str]:
    """relative path -> SHA-256 of every shared (non-decision) input file."""
    data_dir = Path(data_dir)
    out = {}
    for p in sorted(data_dir.rglob("*")):
        rel = p.relative_to(data_dir)
        if not p.is_file() or rel.parts[0] == "decisions" or any(part.startswith(".") for part in rel.parts):
            continue
        if is_ignored(p):
            continue
        out[rel.as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


# --------------------------------------------------------------------------- build one partition

def build_partition(data_dir: Path, out_dir: Path, *, today: dt.date, site_url: str | None = None,
                    settings_file: Path | None = None, quiet: bool = False) -> dict:
    """Build one partition into out_dir (see the module docstring)."""
    say = Progress(quiet)
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    ds = gather(data_dir, today, say)
    if ds.broken:
        raise BuildFailed("；".join(ds.broken))
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site.staging-", dir=out_dir))
    state: dict = {"key": ""}
    try:
        render_and_audit(ds, staging, data_dir=data_dir, today=today, say=say, site_url=site_url,
                         settings_file=settings_file, extra_settings={"PORTAL_RENDER_STATE": state})
        swap_into_place(staging, out_dir / "site")
        staging = None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    _write_atomic(out_dir / "dataset.pickle", pickle.dumps(ds, protocol=pickle.HIGHEST_PROTOCOL))
    _write_atomic(out_dir / "pages.json", json.dumps(state["fingerprints"], sort_keys=True).encode())
    meta = {"format": FORMAT, "today": today.isoformat(), "site_url": site_url, "data": str(data_dir),
            "shared": shared_inputs(data_dir), "counts": ds.counts(), "decisions": len(ds.decisions)}
    _write_atomic(out_dir / "partition.json", json.dumps(meta, ensure_ascii=False, indent=1).encode())
    say(f"分区已生成：{out_dir}")
    return meta


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------- merge

def merge_datasets(parts: list[Dataset]) -> Dataset:
    """One Dataset from partitions that share their non-decision inputs."""
    first = parts[0]
    seen: dict[str, int] = {}
    clash = []
    for i, ds in enumerate(parts):
        for d in ds.decisions:
            if d.decision_no in seen and seen[d.decision_no] != i:
                clash.append(d.decision_no)
            seen[d.decision_no] = i
    if clash:
        raise BuildFailed(f"{len(clash)} 个决定书文号出现在多个分区中（例如 {clash[0]}），请核实后只保留一处")
    pairs = [(o.decision, o) for ds in parts for o in ds.outcomes]
    pairs.sort(key=lambda p: (p[0].decision_date, p[0].decision_no), reverse=True)   # as validate_decisions
    findings = Findings()
    for ds in parts:
        findings.items.extend(ds.findings.items)
        findings.unknown_columns.update(ds.findings.unknown_columns)
    return replace(first, decisions=[d for d, _ in pairs], outcomes=[o for _, o in pairs], findings=findings,
                   rows_read=sum(ds.rows_read for ds in parts),
                   files=sorted(f for ds in parts for f in ds.files if f.startswith("decisions/"))
                   + sorted(f for f in first.files if not f.startswith("decisions/")),
                   broken=[b for ds in parts for b in ds.broken])


def _partition_pages(parts: list[Path]) -> tuple[dict[str, str], dict[str, str]]:
    """Fingerprints of every partition's decision and notice pages, and the
    site directory each is in."""
    fingerprints: dict[str, str] = {}
    where: dict[str, str] = {}
    for part in parts:
        site = str(part / "site")
        for name, fp in json.loads((part / "pages.json").read_text()).items():
            bits = name.split("/")
            if len(bits) != 3 or bits[0] != "decisions" or bits[2] != "index.html" or len(bits[1]) != 16:
                continue  # listings, pages of the partition's own site: the merge makes its own
            fingerprints[name] = fp
            where[name] = site
    return fingerprints, where


def merge(parts: list[Path], output: Path, *, today: dt.date | None = None, site_url: str | None = None,
          settings_file: Path | None = None, quiet: bool = False) -> dict:
    """Merge built partitions into one site at `output` (swapped in when audited)."""
    say = Progress(quiet)
    parts = [Path(p).resolve() for p in parts]
    metas = [json.loads((p / "partition.json").read_text(encoding="utf-8")) for p in parts]
    if any(m.get("format") != FORMAT for m in metas):
        raise BuildFailed("分区格式版本不一致，请用同一版本重新生成各分区")
    days = {m["today"] for m in metas}
    if len(days) != 1 or (today and today.isoformat() not in days):
        raise BuildFailed(f"各分区的基准日期不一致：{sorted(days)}")
    today = dt.date.fromisoformat(days.pop())
    shared = metas[0]["shared"]
    for p, m in zip(parts, metas):
        if m["shared"] != shared:
            diff = sorted(set(m["shared"].items()) ^ set(shared.items()))
            raise BuildFailed(f"分区 {p.name} 的共用文件与 {parts[0].name} 不同（{diff[0][0]}）：各分区须使用同一份"
                              "subjects.csv、officers.csv、items.csv、statistics/、holidays.csv、withdrawals.csv")
    datasets = []
    for p in parts:
        with open(p / "dataset.pickle", "rb") as f:
            datasets.append(pickle.load(f))
    ds = merge_datasets(datasets)
    say(f"合并 {len(parts)} 个分区：有效决定 {len(ds.decisions)} 条")
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.staging-", dir=output.parent))
    state: dict = {"key": ""}
    state["previous"], state["previous_dirs"] = _partition_pages(parts)
    try:

        def audit(settings):
            # Pages taken from a partition passed its full audit there. Number
            # patterns can only find less now (the merged public numbers hold
            # every partition's); names and removed decisions of the other
            # partitions are new to them: those two checks run again.
            auditor = auditor_for(ds, settings)
            rels = output_files(staging)
            taken = {n for n, fp in state["fingerprints"].items() if state["previous"].get(n) == fp
                     and os.path.samestat((staging / n).stat(), Path(state["previous_dirs"][n], n).stat())}
            say(f"审查输出文件：{len(rels) - len(taken)} 个全面审查，{len(taken)} 个取自分区的页面复查姓名与撤下内容")
            return (auditor.scan_files(staging, [r for r in rels if r not in taken], say)
                    + auditor.scan_files(staging, sorted(taken), say, checks=("names", "removed")))

        render_and_audit(ds, staging, data_dir=Path(metas[0]["data"]), today=today, say=say, site_url=site_url,
                         settings_file=settings_file, extra_settings={"PORTAL_RENDER_STATE": state}, audit=audit)
        swap_into_place(staging, output)
        staging = None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    say(f"已合并到 {output}：{state['reused']} 个页面取自分区，{state['rendered']} 个页面在合并时生成")
    return {"decisions": len(ds.decisions), "reused": state["reused"], "rendered": state["rendered"],
            "counts": ds.counts()}


# --------------------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generators.partition", description="分区生成与合并")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="生成一个分区")
    b.add_argument("--data", required=True, type=Path)
    b.add_argument("--out", required=True, type=Path)
    m = sub.add_parser("merge", help="合并各分区为一个网站")
    m.add_argument("--part", required=True, type=Path, action="append")
    m.add_argument("--output", required=True, type=Path)
    for p in (b, m):
        p.add_argument("--today", type=dt.date.fromisoformat, default=None)
        p.add_argument("--site-url", default=None)
        p.add_argument("--settings", type=Path, default=None)
        p.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)
    try:
        if a.command == "build":
            meta = build_partition(a.data, a.out, today=a.today or default_today(), site_url=a.site_url,
                                   settings_file=a.settings, quiet=a.quiet)
        else:
            meta = merge(a.part, a.output, today=a.today, site_url=a.site_url, settings_file=a.settings,
                         quiet=a.quiet)
    except BuildFailed as exc:
        print(f"失败：{exc}", file=sys.stderr)
        return 1
    print(json.dumps({k: v for k, v in meta.items() if k != "shared"}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
