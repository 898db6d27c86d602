"""Browser test infrastructure: Debian's chromium through Playwright, built
sites served over HTTP on 127.0.0.1, and axe-core.

Fixtures (imported into tests/conftest.py, so every test module can use them):

- `browser` (module scope): a headless chromium. Playwright's sync API
  allows one instance per thread at a time, so it lives per module; a
  module that launches its own must not use this one.
- `page`: a fresh context and page; console errors, page errors, HTTP
  errors and dialogs are collected in `page.problems` and fail the test.
- `tiny_url`, `sample_url`: the tiny / sample site served over HTTP.
- `served_site`: parametrised over both: a DemoSite with `.url`.

Mark browser tests `@pytest.mark.browser`. Without chromium or Playwright
they are skipped, except on CI (CI=true), where they fail.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PORTAL_CHROMIUM") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def unavailable(reason: str):
    """Skip, or fail on CI where everything the tests need is installed."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI=true: run `make browser-deps node-deps` as root)")
    pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml"}

    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path):
    """Serve a directory on 127.0.0.1 on an ephemeral port; yields the base URL (no trailing /)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- fixtures ----------------------------------------------------------------

@pytest.fixture(scope="session")
def tiny_url(tiny_site):
    with serve(tiny_site[0]) as url:
        yield url


@pytest.fixture(scope="session")
def sample_url(sample_site):
    with serve(sample_site[0]) as url:
        yield url


@pytest.fixture(scope="session")
def served_site(demo_site, request):
    demo_site.url = request.getfixturevalue(f"{demo_site.name}_url")
    return demo_site


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed")
    if not CHROMIUM or not Path(CHROMIUM).exists():
        unavailable("no chromium executable (Debian: apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _favicon(url: str) -> bool:
    return url.endswith("/favicon.ico")


def watch(pg) -> list[str]:
    """Collect what should never happen on a page of the portal."""
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: m.type == "error" and not _favicon(m.location.get("url", ""))
          and problems.append(f"console: {m.text} ({m.location.get('url', '')})"))
    pg.on("response", lambda r: r.status >= 400 and not _favicon(r.url)
          and problems.append(f"HTTP {r.status} {r.url}"))
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    return problems


@pytest.fixture
def page(browser):
    ctx = browser.new_context(locale="zh-CN")
    pg = ctx.new_page()
    pg.problems = watch(pg)
    yield pg
    ctx.close()
    assert pg.problems == []


# --- axe-core ----------------------------------------------------------------

def axe(pg, tags=WCAG_AA) -> list[dict]:
    """Run axe-core (from node_modules) on the current page; the violations."""
    if not AXE_JS.exists():
        unavailable("axe-core is not installed (make node-deps)")
    if not pg.evaluate("typeof window.axe === 'object'"):
        # evaluate(), not add_script_tag(): the page's CSP rightly refuses inline scripts.
        pg.evaluate(_axe_source())
    result = pg.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary,
                                          html: n.html.slice(0, 200)}))}));
        }""", list(tags))
    return result


_AXE_SOURCE: list[str] = []


def _axe_source() -> str:
    if not _AXE_SOURCE:
        _AXE_SOURCE.append(AXE_JS.read_text(encoding="utf-8"))
    return _AXE_SOURCE[0]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)[:6000]
