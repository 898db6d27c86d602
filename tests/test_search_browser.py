"""Browser test of the search page (headless Chromium via Playwright) on the
stand-alone demo page and the fixture index.  Skipped when Playwright or a
Chromium is not available."""
from __future__ import annotations

import json
import os
import shutil
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generators.search import write_search_index  # noqa: E402
from generators.search.demo import write_demo_site  # noqa: E402

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("PORTAL_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="no chromium executable")

FIXTURE = json.loads((ROOT / "tests/fixtures/search/fixture.json").read_text(encoding="utf-8"))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    write_demo_site(site, "/")
    write_search_index(FIXTURE["docs"], FIXTURE["officers"], site / "search",
                       postings_per_shard=40, keys_per_exact_shard=16, chunk=4)
    for d in FIXTURE["docs"]:
        page = site / d["url"] / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!DOCTYPE html><title>decision {d['id']}</title><h1 id=decision>{d['id']}</h1>",
                        encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context()
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: m.type == "error" and "Failed to load resource" not in m.text
          and errors.append(m.text))
    pg.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico")
          and errors.append(f"{r.status} {r.url}"))
    pg.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    yield pg
    ctx.close()
    assert errors == []


def titles(page):
    return page.locator(".search-result-title").all_inner_texts()


def search(page, q):
    page.fill("#q", q)
    page.press("#q", "Enter")
    page.wait_for_selector("#search-results:not([aria-busy])")


def test_query_from_url_and_form(site, page):
    page.goto(site + "/search/?q=" + "鑫隆商贸")
    page.wait_for_selector(".search-result")
    assert titles(page) == ["天津鑫隆商贸有限公司"] * 3
    assert page.input_value("#q") == "鑫隆商贸"
    search(page, "小吃店")
    assert "q=%E5%B0%8F%E5%90%83%E5%BA%97" in page.url
    assert set(titles(page)) == {"张某小吃店"}
    page.go_back()
    page.wait_for_function("document.getElementById('q').value === '鑫隆商贸'")
    page.wait_for_selector(".search-result")
    assert titles(page) == ["天津鑫隆商贸有限公司"] * 3


def test_facets_follow_result_and_back(site, page):
    page.goto(site + "/search/?q=天津")
    page.wait_for_selector(".search-result")
    note = page.inner_text(".search-facet-note")
    assert "已载入" in note
    before = len(page.locator(".search-result").all())
    page.click("[data-facet=category] a:text('行政许可')")
    page.wait_for_function("location.search.includes('category=')")
    page.wait_for_selector(".facet-selected")
    after = page.locator(".search-result dl").all_inner_texts()
    assert after and all("行政许可" in t for t in after) and len(after) <= before
    first = page.locator(".search-result-title a").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_selector("#decision")
    assert href in page.url
    page.go_back()
    page.wait_for_selector(".facet-selected")
    assert "category=" in page.url
    page.go_back()
    page.wait_for_function("!location.search.includes('category=')")
    page.wait_for_function("!document.querySelector('.facet-selected')")


def test_identifiers(site, page):
    page.goto(site + "/search/")
    search(page, "津西市监罚2024101")
    assert page.locator(".search-exact").count() >= 1
    assert "津西市监罚[2024]101号" in page.inner_text(".search-exact")
    search(page, "91120101ma05t8xk1b")
    assert set(titles(page)) == {"天津鑫隆商贸有限公司"}
    search(page, "12010023002")
    officer = page.inner_text(".search-officer")
    assert "刘芳" in officer and "暂扣" in officer
    assert page.locator(".search-officer-invalid .officer-status-invalid").count() == 1
    search(page, "津和市监罚〔2024〕999号")
    assert "已撤回" in page.inner_text(".search-notices")
    assert page.locator(".search-result").count() == 0


def test_messages(site, page):
    page.goto(site + "/search/")
    search(page, "张")
    assert "至少输入两个字" in page.inner_text("#search-results")
    search(page, "鑫隆化工")
    assert "未找到" in page.inner_text("#search-results")


def test_markup_in_data_is_text(site, page):
    page.goto(site + "/search/")
    search(page, "<script>alert(1)</script>")
    assert "<script>alert(1)</script>商贸有限公司" in titles(page)
    assert page.locator("#search-results script").count() == 0
    page.goto(site + "/search/?q=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E")
    page.wait_for_selector("#search-results:not([aria-busy])")
    assert page.locator("#search-results img").count() == 0
