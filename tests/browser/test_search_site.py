"""Search on the built tiny site, in Debian's chromium: the real index files,
the real lunr.js. Type, narrow by a facet, follow a result, come back."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from generators.pipeline.ids import decision_slug

pytestmark = pytest.mark.browser


def _search(page, url, q):
    page.goto(f"{url}/search/?q={quote(q)}")
    _settled(page)
    return page.inner_text("#search-results")


def _settled(page):
    """Wait until search.js has finished (it sets aria-busy while loading)."""
    page.wait_for_function(
        "() => { const r = document.getElementById('search-results');"
        " return r && r.children.length > 0 && !r.hasAttribute('aria-busy')"
        " && !r.textContent.includes('正在搜索'); }", timeout=10_000)


def _results(page) -> str:
    """Text of the result entries only (the summary echoes the query)."""
    return "\n".join(page.locator(".search-result, .search-officer, .search-notice").all_inner_texts())


def test_type_query_facet_follow_and_back(tiny_url, page):
    page.goto(f"{tiny_url}/search/")
    page.fill("#q", "示例")
    page.press("#q", "Enter")
    _settled(page)
    page.wait_for_selector(".search-result", timeout=10_000)
    assert "q=" in page.url
    total = page.locator(".search-result").count()
    assert total >= 5
    page.click(".search-facets a:has-text('行政检查')")
    page.wait_for_function("document.querySelectorAll('.search-result').length === 1", timeout=10_000)
    assert "JC-120000-2026-000013" in page.inner_text("#search-results")
    page.click(".search-result a")
    page.wait_for_url(f"**/decisions/{decision_slug('JC-120000-2026-000013')}/", timeout=10_000)
    assert "天津市示例食品厂" in page.inner_text("main")
    page.go_back()
    page.wait_for_selector(".search-result", timeout=10_000)
    assert page.locator(".search-result").count() == 1


@pytest.mark.parametrize("query,expected", [
    ("91120000MA05ABCD14", "津示市监罚〔2026〕1号"),          # USCC
    ("津示市监罚2026第1号", "津示市监罚〔2026〕1号"),          # number typed loosely
    ("津示市监罚[2026]14号", "津示市监罚〔2026〕14号"),
    ("好味道", "津示市监许〔2026〕4号"),                      # name fragment
])
def test_lookups(tiny_url, page, query, expected):
    _search(page, tiny_url, query)
    assert expected in _results(page)


def test_officer_certificate_lookup_flags_suspension(tiny_url, page):
    text = _search(page, tiny_url, "1201110000002")
    assert "陈检查" in text and "暂扣" in text


def test_withdrawn_decision_found_only_as_notice(tiny_url, page):
    _search(page, tiny_url, "津示市监罚〔2026〕9号")
    text = _results(page)
    assert "已撤回" in text and "天津市撤销有限公司" not in text
    _search(page, tiny_url, "撤销有限")
    assert _results(page) == ""


def test_removed_decisions_not_found(tiny_url, page):
    for q in ("津示市监罚〔2026〕7号", "天津市明天有限公司", "津示市监罚〔2026〕6号"):
        _search(page, tiny_url, q)
        assert _results(page) == "", q


def test_markup_in_results_is_text(tiny_url, page):
    text = _search(page, tiny_url, "保密")
    assert "<b>科技</b>" in text
    assert page.locator("#search-results b").count() == 0


def test_too_short_query_message(tiny_url, page):
    text = _search(page, tiny_url, "a")
    assert text.strip()
    assert page.locator(".search-result").count() == 0
