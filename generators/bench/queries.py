"""Bytes one search query downloads, measured in Debian's chromium
(Playwright): our lunr shards on the site's own /search/ page, and Pagefind
through its JS API on the same decisions. Each query runs in a fresh browser
context (cold cache) against a local static server; the bytes are those of the
files fetched, gzip -6 as a web server would send them (Pagefind's index and
fragment files are already gzip-compressed and are counted as stored).
Engine code (lunr.js and our scripts; pagefind.js and its wasm) is counted
apart: a browser caches it across queries.
"""
from __future__ import annotations

import gzip
import random
import re
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = {".js", ".json", ".html", ".css", ".txt", ".svg"}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def wire_bytes(path: Path) -> int:
    data = path.read_bytes()
    if path.suffix in COMPRESSIBLE:
        return len(gzip.compress(data, 6, mtime=0))
    return len(data)


def pick_queries(decisions: list[dict], seed: int = 7) -> list[tuple[str, str]]:
    """Typical citizen queries drawn from the published decisions."""
    rnd = random.Random(seed)
    firms = [d for d in decisions if (d.get("target_name") or "").endswith("公司") and d.get("target_code")]
    if not firms:
        firms = [d for d in decisions if d.get("target_name")]
    d = rnd.choice(firms)
    name = d["target_name"]
    core = re.sub(r"^(天津市|天津)(西青区)?", "", name)
    numbered = [x for x in decisions if "〔" in x["decision_no"]] or decisions
    dec = rnd.choice(numbered)["decision_no"]
    out = [("2 characters of a name", core[:2]), ("4 characters of a name", core[:4]),
           ("full company name", name)]
    if d.get("target_code"):
        out.append(("USCC", d["target_code"]))
    out += [("decision number without 〔〕/号", dec.replace("〔", "").replace("〕", "").rstrip("号")),
            ("common words 有限公司", "有限公司")]
    return out


# Runs one query on our /search/ page and resolves when search.js has settled
# (ms = -1 after 20 s). Shared with generators/search/bench.py.
RUN_OURS = """async (q) => {
  const out = document.getElementById('search-results');
  const input = document.getElementById('q');
  input.value = q;
  const t0 = performance.now();
  const done = new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      if (!out.hasAttribute('aria-busy') && out.firstChild && !out.textContent.includes('正在搜索')) {
        obs.disconnect(); resolve(performance.now() - t0);
      }
    });
    obs.observe(out, {childList: true, subtree: true, attributes: true});
  });
  document.getElementById('search-form').requestSubmit();
  const ms = await Promise.race([done, new Promise((r) => setTimeout(() => r(-1), 20000))]);
  return {ms, results: out.querySelectorAll('.search-result').length,
          officers: out.querySelectorAll('.search-officer').length,
          notices: out.querySelectorAll('.search-notice').length};
}"""

_RUN_PAGEFIND = """async ([q, n]) => {
  const t0 = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  const r = await pagefind.search(q);
  await Promise.all(r.results.slice(0, n).map((x) => x.data()));
  return {ms: performance.now() - t0, results: r.results.length};
}"""


def _chromium(path: str | None) -> str | None:
    return path or shutil.which("chromium") or shutil.which("chromium-browser")


def _measure(site: Path, page_path: str, run_js: str, arg_of, queries, chromium, is_engine) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=_chromium(chromium), args=["--no-sandbox"])
            for label, q in queries:
                ctx = browser.new_context()
                page = ctx.new_page()
                fetched: list[str] = []
                page.on("requestfinished", lambda r: fetched.append(r.url))
                page.goto(base + page_path, wait_until="load")
                before = len(fetched)
                res = page.evaluate(run_js, arg_of(q))
                files = []
                for u in fetched[before:]:
                    rel = u.split("?")[0].split("#")[0][len(base) + 1:]
                    f = site / rel
                    if f.is_file():
                        files.append(f)
                index = [f for f in dict.fromkeys(files) if not is_engine(f)]
                engine = [f for f in dict.fromkeys(files) if is_engine(f)]
                rows.append({"label": label, "query": q, "ms": round(res["ms"], 1), "results": res["results"],
                             "requests": len(index), "bytes": sum(wire_bytes(f) for f in index),
                             "engine_bytes": sum(wire_bytes(f) for f in engine)})
                ctx.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def our_queries(site: Path, queries, chromium: str | None = None) -> list[dict]:
    """Queries on the site's own /search/ page; engine = files outside search/."""
    site = Path(site)
    return _measure(site, "/search/", RUN_OURS, lambda q: q, queries, chromium,
                    lambda f: "search" not in f.relative_to(site).parts[:1])


def pagefind_queries(site: Path, queries, chromium: str | None = None, shown: int = 10) -> list[dict]:
    site = Path(site)
    (site / "pf-bench.html").write_text(
        "<!DOCTYPE html><html lang=zh-CN><meta charset=utf-8><title>pagefind</title><body></body></html>",
        encoding="utf-8")
    return _measure(site, "/pf-bench.html", _RUN_PAGEFIND, lambda q: [q, shown], queries, chromium,
                    lambda f: f.name.startswith(("pagefind.js", "wasm.", "pagefind-")) and f.suffix != ".json")
