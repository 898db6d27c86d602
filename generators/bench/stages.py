"""Time each stage of one build separately (wall, CPU of this process and of
its workers, peak RSS), keeping the output: the first step of profiling.

    python -m generators.bench.stages --data .bench/data-100000 --out .bench/stages/site

Run it under `pyinstrument -m` or `py-spy record -o prof.svg -- python -m ...`
for the call trees (docs/benchmarks.md records what they showed).
"""
from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


@contextmanager
def stage(name: str, rows: list):
    t0, c0 = time.perf_counter(), _cpu()
    yield
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append((name, time.perf_counter() - t0, _cpu() - c0, rss))
    print(f"{name:<28} wall {rows[-1][1]:7.1f} s  cpu {rows[-1][2]:7.1f} s  peak rss {rss:6.0f} MB",
          file=sys.stderr, flush=True)


def _time_sections(rows: list) -> None:
    """Time the site model, each section and generate_output inside Pelican.run."""
    from .. import pages, pelican_portal
    from ..pipeline import views

    def timed(label, fn):
        def wrapper(*a, **kw):
            with stage(label, rows):
                return fn(*a, **kw)
        wrapper.starts_job = getattr(fn, "starts_job", False)
        return wrapper

    pelican_portal.build_site_model = timed("  site model", views.build_site_model)
    pages.SECTIONS[:] = [timed(f"  section {getattr(s, '__module__', '')}", s) for s in pages.SECTIONS]
    cls = pelican_portal.PortalGenerator
    cls.generate_output = timed("  generate_output (pages, files)", cls.generate_output)


def main(argv=None) -> int:
    from ..build import load_settings, render
    from ..pipeline.audit import auditor_for
    from ..pipeline.gather import gather

    ap = argparse.ArgumentParser(prog="python -m generators.bench.stages")
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--today", default="2026-11-20")
    ap.add_argument("--no-audit", action="store_true")
    args = ap.parse_args(argv)
    rows: list = []
    today = dt.date.fromisoformat(args.today)
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    with stage("gather", rows):
        ds = gather(args.data, today)
    settings = load_settings(None, args.out.resolve(), None, args.data, today, ds)
    _time_sections(rows)
    with stage("render (Pelican.run)", rows):
        render(settings)
    if not args.no_audit:
        with stage("audit", rows):
            findings = auditor_for(ds, settings).scan_dir(args.out)
        print(f"audit findings: {len(findings)}", file=sys.stderr)
        for f in findings[:10]:
            print("  ", f, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
