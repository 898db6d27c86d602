"""`make bench`: our build next to plain Pelican, Hugo and Pagefind, in one run.

For each size N: sample data (generators.sample_data, seeded, cached under
.bench/data-N), then, each in a fresh process with a time limit and measured
by generators.bench.measure:

1. ours: `portal build` (full build: pages, listings, data files, search);
2. withdrawal: one row added to withdrawals.csv, then `portal rebuild` on top
   of a release made from the unchanged data (if generators/ops provides
   `portal rebuild`; otherwise a second full `portal build`, and the table
   says so);
3. the bytes a search query downloads on our /search/ page (chromium);
4. plain Pelican, one Markdown article per published decision, minimal theme;
5. Hugo (Debian's), one Markdown page per published decision, minimal layouts;
6. Pagefind (pagefind[extended] from PyPI) indexing Hugo's pages, and the
   bytes one query downloads through its JS API (chromium).

Writes .bench/report.json and .bench/benchmarks.md; with --write-docs (make
bench) also the figures block of docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import competitors, machine, queries
from .measure import Run, du, run

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-20"   # the sample data's reference date
CATEGORY_SLUGS = {"行政许可": "xuke", "行政处罚": "chufa", "行政强制": "qiangzhi", "行政检查": "jiancha",
                  "行政征收": "zhengshou", "行政征用": "zhengyong", "行政确认": "queren", "其他": "qita"}
BEGIN, END = "<!-- bench:begin (written by `make bench`) -->", "<!-- bench:end -->"


def say(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def portal(*args: str) -> list[str]:
    return [sys.executable, "-m", "generators.cli", *args]


def ensure_data(out: Path, n: int, seed: int) -> Path:
    data = out / f"data-{n}"
    mark = data / ".bench-complete"
    if mark.is_file() and mark.read_text().strip() == f"{n} {seed}":
        return data
    say(f"generating {n} decisions into {data}")
    if data.exists():
        shutil.rmtree(data)
    subprocess.run([sys.executable, "-m", "generators.sample_data", "--out", str(data), "--decisions", str(n),
                    "--seed", str(seed)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    mark.write_text(f"{n} {seed}\n")
    return data


def with_one_withdrawal(data: Path, dst: Path, decision_no: str) -> Path:
    """A copy of `data` (hard links) whose withdrawals.csv withdraws one more decision."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(data, dst, copy_function=os.link, ignore=shutil.ignore_patterns(".bench-complete"))
    w = dst / "withdrawals.csv"
    text = w.read_text(encoding="utf-8-sig") if w.exists() else "决定书文号,撤回类型,撤回日期,撤回理由,新决定书文号\n"
    w.unlink(missing_ok=True)  # do not write through the hard link
    if not text.endswith("\n"):
        text += "\n"
    text += f"{decision_no},撤销,{TODAY},经行政复议，原决定予以撤销（基准测试）。,\n"
    w.write_text("\ufeff" + text, encoding="utf-8")
    return dst


def has_rebuild() -> bool:
    p = subprocess.run(portal("rebuild", "--help"), capture_output=True, cwd=ROOT)
    return p.returncode == 0


def fig(r: Run | None, out_dir: Path | None = None) -> dict:
    if r is None:
        return {}
    d = {"ok": r.ok, "timed_out": r.timed_out, "wall_s": round(r.wall_s, 1), "cpu_s": round(r.cpu_s, 1),
         "pss_mb": round(r.tree_pss_mb), "rss_sum_mb": round(r.tree_rss_mb), "max_rss_mb": round(r.max_rss_mb),
         "processes": r.processes}
    if not r.ok:
        d["stderr"] = r.stderr[-1500:]
    if out_dir is not None and out_dir.is_dir():
        files, size = du(out_dir)
        d["files"], d["bytes"] = files, size
    return d


def bench_size(n: int, args) -> dict:
    base = args.out / str(n)
    base.mkdir(parents=True, exist_ok=True)
    data = ensure_data(args.out, n, args.seed)
    row: dict = {"n": n, "load_before": machine.load()}
    timeout = args.timeout

    # 1. ours, full build
    site = base / "ours" / "site"
    if site.exists():
        shutil.rmtree(site)
    say(f"{n}: portal build")
    r = run(portal("build", "--data", str(data), "--output", str(site), "--today", TODAY,
                   "--report", str(base / "ours" / "report.json"), "-q"), timeout=timeout, cwd=ROOT)
    row["ours"] = fig(r, site)
    if not r.ok:
        say(f"{n}: our build failed: {r.stderr[-800:]}")
        return row
    published = competitors.load_decisions(site)
    row["published"] = len(published)

    # 2. withdrawal rebuild
    target = next(d for d in published if "〔" in d["decision_no"])
    data2 = with_one_withdrawal(data, base / "data-withdrawn", target["decision_no"])
    if "rebuild" in args.skip:
        pass
    elif has_rebuild():
        root = base / "ops"
        if root.exists():
            shutil.rmtree(root)
        say(f"{n}: portal rebuild (first release, then one withdrawal)")
        first = run(portal("rebuild", "--data", str(data), "--root", str(root), "--today", TODAY),
                    timeout=timeout, cwd=ROOT)
        row["rebuild_first"] = fig(first)
        second = run(portal("rebuild", "--data", str(data2), "--root", str(root), "--today", TODAY),
                     timeout=timeout, cwd=ROOT)
        row["withdrawal"] = fig(second, root / "current")
        row["withdrawal"]["mode"] = "portal rebuild"
        row["withdrawal"].update(_release_diff(root))
    else:  # pragma: no cover - before generators/ops existed
        say(f"{n}: no `portal rebuild` yet: full build after one withdrawal")
        site2 = base / "ours" / "site-withdrawn"
        if site2.exists():
            shutil.rmtree(site2)
        second = run(portal("build", "--data", str(data2), "--output", str(site2), "--today", TODAY, "-q"),
                     timeout=timeout, cwd=ROOT)
        row["withdrawal"] = fig(second, site2)
        row["withdrawal"]["mode"] = "full portal build (no portal rebuild yet)"
        row["withdrawal"].update(_changed_files(site, site2))
        shutil.rmtree(site2, ignore_errors=True)
    if "withdrawal" in row:
        row["withdrawal"]["decision_no"] = target["decision_no"]

    # 3. search bytes per query
    qs = queries.pick_queries(published)
    row["queries"] = qs
    if not args.no_browser and (site / "search" / "manifest.json").is_file():
        say(f"{n}: our search queries in chromium")
        row["ours_queries"] = _safe(lambda: queries.our_queries(site, qs, args.chromium))
    elif not args.no_browser:
        row["ours_queries"] = {"error": "the build wrote no search/manifest.json (search not wired yet)"}

    # 4. plain Pelican
    if "pelican" not in args.skip:
        say(f"{n}: plain Pelican")
        proj = base / "pelican"
        competitors.write_pelican(published, proj)
        r = run(competitors.pelican_cmd(proj), timeout=timeout, cwd=proj)
        row["pelican"] = fig(r, proj / "output")
        if not args.keep:
            shutil.rmtree(proj, ignore_errors=True)

    # 5. Hugo, 6. Pagefind on Hugo's pages
    if "hugo" not in args.skip and competitors.hugo_available():
        say(f"{n}: Hugo")
        proj = base / "hugo"
        competitors.write_hugo(published, proj, categories=CATEGORY_SLUGS)
        r = run(competitors.hugo_cmd(proj), timeout=timeout, cwd=proj)
        row["hugo"] = fig(r, proj / "public")
        if r.ok and "pagefind" not in args.skip and competitors.pagefind_available():
            say(f"{n}: Pagefind")
            r = run(competitors.pagefind_cmd(proj / "public"), timeout=timeout, cwd=proj)
            row["pagefind"] = fig(r, proj / "public" / "pagefind")
            if r.ok and not args.no_browser:
                say(f"{n}: Pagefind queries in chromium")
                row["pagefind_queries"] = _safe(lambda: queries.pagefind_queries(proj / "public", qs, args.chromium))
        if not args.keep:
            shutil.rmtree(proj, ignore_errors=True)
    row["load_after"] = machine.load()
    return row


def _safe(fn):
    try:
        return fn()
    except Exception as exc:  # a browser problem must not lose the other figures
        return {"error": f"{type(exc).__name__}: {exc}"[:500]}


def _changed_files(a: Path, b: Path) -> dict:
    """Files added, removed and changed between two output trees."""
    def files(root):
        return {str(p.relative_to(root)): p for p in root.rglob("*") if p.is_file()}

    fa, fb = files(a), files(b)
    changed = sum(1 for k in fa.keys() & fb.keys()
                  if fa[k].stat().st_size != fb[k].stat().st_size or fa[k].read_bytes() != fb[k].read_bytes())
    return {"added": len(fb.keys() - fa.keys()), "removed": len(fa.keys() - fb.keys()), "changed": changed}


def _release_diff(root: Path) -> dict:
    """Files of the current release not hard-linked from the previous one."""
    releases = sorted((p for p in (root / "releases").iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime) \
        if (root / "releases").is_dir() else []
    if len(releases) < 2:
        return {}
    new, old = releases[-1], releases[-2]
    written = linked = 0
    for p in new.rglob("*"):
        if p.is_file():
            q = old / p.relative_to(new)
            if q.exists() and os.path.samefile(p, q):
                linked += 1
            else:
                written += 1
    return {"files_written": written, "files_linked": linked}


# --------------------------------------------------------------------------- report

def _mb(b):
    return f"{b / 2**20:,.0f} MB" if b is not None else "–"


def _cell_time(d: dict) -> str:
    if not d:
        return "–"
    if d.get("timed_out"):
        return f"> {d['wall_s']:,.0f} s (timeout)"
    if not d.get("ok"):
        return "failed"
    return f"{d['wall_s']:,.1f} s"


def _q(rows) -> tuple[str, str]:
    if not isinstance(rows, list) or not rows:
        return "–", "–"
    b = [r["bytes"] for r in rows]
    return f"{statistics.median(b) / 1024:,.0f} KB", f"{max(b) / 1024:,.0f} KB"


def table(report: dict) -> str:
    m = report["machine"]
    lines = [f"Run of {report['started']} ({report['elapsed_s']:,.0f} s), "
             f"machine: {m['nproc']} × {m['cpu']}, {m['ram_gb']} GB RAM, Linux {m['kernel']}"
             f"{', Debian ' + m['debian'] if m['debian'] else ''}; Python {m['python']}, Pelican {m['pelican']}, "
             f"Jinja2 {m['jinja2']}, lunr.py {m['lunr.py']}, Hugo {m['hugo']}, Pagefind {m['pagefind']}, "
             f"{m['chromium']}.", ""]
    lines += ["| decisions | tool | wall | CPU | peak memory (PSS of tree) | largest process RSS | output | "
              "one query, median / max (gzip) | its wall ÷ ours |",
              "|---|---|---|---|---|---|---|---|---|"]
    for row in report["sizes"]:
        n = f"{row['n']:,}"
        ours = row.get("ours", {})
        ow = ours.get("wall_s") if ours.get("ok") else None

        def line(name, d, qrows=None, extra=""):
            if not d:
                return
            out = f"{d.get('files', 0):,} files, {_mb(d.get('bytes'))}" if d.get("files") is not None else "–"
            med, mx = _q(qrows)
            ratio = f"{d['wall_s'] / ow:,.2f}" if ow and d.get("ok") and not name.startswith("ours") else ""
            lines.append(f"| {n} | {name}{extra} | {_cell_time(d)} | {d.get('cpu_s', 0):,.0f} s | "
                         f"{d.get('pss_mb', 0):,} MB | {d.get('max_rss_mb', 0):,} MB | {out} | {med} / {mx} | {ratio} |")

        line("ours: portal build", ours, row.get("ours_queries"))
        w = row.get("withdrawal")
        if w:
            what = (f" ({w.get('files_written', '?')} files written, {w.get('files_linked', '?')} linked)"
                    if "files_written" in w else
                    f" ({w.get('changed', '?')} changed, {w.get('added', '?')} added, {w.get('removed', '?')} removed)"
                    if "changed" in w else "")
            line(f"ours: one withdrawal, {w['mode']}{what}", w)
        line("plain Pelican", row.get("pelican"))
        line("Hugo", row.get("hugo"))
        line("Pagefind (index Hugo's pages)", row.get("pagefind"), row.get("pagefind_queries"))
    lines.append("")
    for row in report["sizes"]:
        ours, hugo, pel = row.get("ours", {}), row.get("hugo", {}), row.get("pelican", {})
        bits = []
        if ours.get("ok") and hugo.get("ok"):
            bits.append(f"Hugo/ours wall {hugo['wall_s'] / ours['wall_s']:.2f}")
        if ours.get("ok") and pel.get("ok"):
            bits.append(f"Pelican/ours wall {pel['wall_s'] / ours['wall_s']:.1f}")
        if ours.get("ok"):
            bits.append(f"ours peak {ours['pss_mb']:,} MB (target ≤ 1024)")
        w = row.get("withdrawal", {})
        if w.get("ok"):
            bits.append(f"withdrawal {w['wall_s']:.1f} s (target ≤ 5)")
        oq = row.get("ours_queries")
        if isinstance(oq, list) and oq:
            bits.append(f"max query {max(r['bytes'] for r in oq) / 1024:.0f} KB (target ≤ 150)")
        lines.append(f"- {row['n']:,}: " + "; ".join(bits) + f" (load average before/after: {row['load_before']} / "
                     f"{row.get('load_after', '?')})")
    qrows = [(row["n"], row.get("queries")) for row in report["sizes"] if row.get("queries")]
    if qrows:
        lines += ["", "Queries (drawn from the published decisions): " + "; ".join(
            f"{label} `{q}`" for label, q in qrows[-1][1]) + "."]
    return "\n".join(lines) + "\n"


def write_docs(block: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{BEGIN}\n{block}{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generators.bench")
    ap.add_argument("--sizes", type=int, nargs="+",
                    default=[int(s) for s in os.environ.get("BENCH_SIZES", "10000 100000").split()])
    ap.add_argument("--quick", action="store_true", help="CI-sized: 2,000 decisions, short time limits")
    ap.add_argument("--out", type=Path, default=ROOT / ".bench")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("BENCH_TIMEOUT", 3600)),
                    help="seconds per tool run (default 3600, env BENCH_TIMEOUT)")
    ap.add_argument("--skip", nargs="*", default=os.environ.get("BENCH_SKIP", "").split(),
                    choices=["pelican", "hugo", "pagefind", "rebuild"])
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the competitors' projects under .bench/N/")
    ap.add_argument("--chromium", default=os.environ.get("PORTAL_CHROMIUM"))
    ap.add_argument("--write-docs", action="store_true", help="update the figures block of docs/benchmarks.md")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes = [int(os.environ.get("BENCH_QUICK_SIZE", 2000))]
        args.timeout = min(args.timeout, 600)
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    report = {"started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
              "machine": machine.describe(), "sizes": []}
    for n in args.sizes:
        report["sizes"].append(bench_size(n, args))
        report["elapsed_s"] = time.monotonic() - started
        (args.out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    block = table(report)
    print(block)
    (args.out / "benchmarks.md").write_text(block, encoding="utf-8")
    if args.write_docs:
        write_docs(block, ROOT / "docs" / "benchmarks.md")
    ok = all(row.get("ours", {}).get("ok") for row in report["sizes"])
    return 0 if ok else 1
