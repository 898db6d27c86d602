"""Accessibility in Debian's chromium: axe-core (WCAG 2.1 AA) on one page of
every type the build produces, in normal and in elder mode (适老模式);
keyboard use (skip link, visible focus, the elder-mode switch) and the
elder mode without JavaScript."""
from __future__ import annotations

import csv
import io

import pytest

from tests.browser.support import axe, describe, watch
from tests.sites import missing_core_types, page_types, representatives, url_path

pytestmark = pytest.mark.browser


def _goto(page, url):
    response = page.goto(url)
    assert response is not None and response.ok, url


def _elder_on(page):
    page.click("label[for=elder-mode]")
    assert page.is_checked("#elder-mode")


def test_axe_on_every_page_type(served_site, page):
    """Zero WCAG 2.1 A/AA violations on one page of every type, in both modes."""
    site = served_site
    types = representatives(site.out)
    if site.name == "tiny":
        assert missing_core_types(types) == []
    failures = {}
    for kind, html in types.items():
        url = f"{site.url}/{url_path(site.out, html)}"
        _goto(page, url)
        found = axe(page)
        if found:
            failures[f"{kind} {url}"] = found
        _elder_on(page)
        found = axe(page)
        if found:
            failures[f"{kind} {url} (适老模式)"] = found
        page.evaluate("window.localStorage.clear()")
    assert not failures, describe(failures)


def _a_target_name(site) -> str:
    raw = (site.out / "opendata" / "decisions.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    names = [r["相对人名称"] for r in rows if len(r["相对人名称"]) >= 4 and "依法不予公开" not in r["相对人名称"]]
    assert names
    return sorted(names)[0]


def test_search_with_results(served_site, page):
    """The search page with a query: results once the page runs its search
    script, and no axe violations either way."""
    site = served_site
    name = _a_target_name(site)
    _goto(page, f"{site.url}/search/?q={name}")
    scripted = page.locator("script[src*='search']").count() > 0
    if scripted:
        page.wait_for_selector("#search-results:not([aria-busy])")
        page.wait_for_selector(".search-result", timeout=10_000)
        assert name in page.inner_text("#search-results")
    found = axe(page)
    assert not found, describe(found)
    if scripted:  # keyboard: from the query field to the first result
        page.focus("#q")
        page.keyboard.press("Tab")  # the submit button
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.closest('#search-results') !== null || "
                                "document.activeElement.tagName")
        assert focused is True or focused in ("A", "BUTTON", "INPUT"), focused


def test_search_facets_by_keyboard(tiny_url, page):
    """Query, then narrow the results with a facet, with the keyboard only."""
    _goto(page, tiny_url + "/search/")
    if page.locator("script[src*='search']").count() == 0:
        pytest.skip("the search page does not run its script yet")
    page.focus("#q")
    page.keyboard.type("天津")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results:not([aria-busy]) .search-result")
    before = page.locator(".search-result").count()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('[data-facet]')"):
            break
    else:
        pytest.fail("no facet link reachable with Tab")
    assert _focus_indicator(page)["outline"] != "none"
    page.keyboard.press("Enter")
    page.wait_for_selector(".facet-selected")
    page.wait_for_selector("#search-results:not([aria-busy])")
    assert page.locator(".search-result").count() <= before
    found = axe(page)
    assert not found, describe(found)


def test_skip_link_is_the_first_tab_stop_and_works(tiny_url, page):
    _goto(page, tiny_url + "/decisions/")
    page.keyboard.press("Tab")
    first = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert first == ["skip-link", "#main"]
    box = page.locator(".skip-link").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside = page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert inside, "the next Tab goes into the main content"


def _focus_indicator(page) -> dict:
    """Outline and box shadow of the focused element (of the elder-mode
    switch's label when the visually hidden checkbox has focus)."""
    return page.evaluate("""() => {
        let el = document.activeElement;
        if (el.id === 'elder-mode') el = document.querySelector('label[for=elder-mode]');
        const s = getComputedStyle(el);
        return {tag: el.tagName, cls: el.className, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                shadow: s.boxShadow};
    }""")


def test_focus_is_visible_on_every_tab_stop(tiny_url, page):
    """Every element reached with Tab shows a focus indicator (home page:
    skip link, elder switch, header and nav links, search box, tables, footer)."""
    _goto(page, tiny_url + "/")
    stops = page.evaluate("document.querySelectorAll('a[href], input, button, select, textarea').length")
    seen = []
    for _ in range(stops + 2):
        page.keyboard.press("Tab")
        f = _focus_indicator(page)
        if f["tag"] == "BODY":
            break
        seen.append(f)
        assert (f["outline"] != "none" and f["width"] >= 2) or f["shadow"] != "none", f
    assert len(seen) >= 10


def test_elder_mode_switch_by_keyboard_and_persisted(tiny_url, page):
    _goto(page, tiny_url + "/")
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the elder-mode switch
    assert page.evaluate("document.activeElement.id") == "elder-mode"
    page.keyboard.press("Space")
    assert page.is_checked("#elder-mode")
    large = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large >= base * 1.3 and large >= 24
    _goto(page, tiny_url + "/decisions/")  # portal.js remembers the choice
    assert page.is_checked("#elder-mode")
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == large
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert not page.is_checked("#elder-mode")
    _goto(page, tiny_url + "/")
    assert not page.is_checked("#elder-mode")


def _styles(page) -> dict:
    return page.evaluate("""() => {
        const root = getComputedStyle(document.documentElement), body = getComputedStyle(document.body);
        const h = getComputedStyle(document.querySelector('.site-header'));
        const a = getComputedStyle(document.querySelector('main a'));
        return {root: parseFloat(root.fontSize), body: parseFloat(body.fontSize), color: body.color,
                header: h.backgroundColor, link: a.color};
    }""")


def test_elder_mode_works_without_javascript(browser, tiny_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    problems = watch(page)
    try:
        _goto(page, tiny_url + "/decisions/")
        before = _styles(page)
        assert before["root"] == 18
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        assert page.is_checked("#elder-mode")
        after = _styles(page)
        assert after["root"] >= 24 and after["body"] >= 24, after
        assert after["color"] == "rgb(0, 0, 0)" and after["header"] == "rgb(0, 0, 0)", after
        assert after["link"] != before["link"]
        # and with the mouse: the label toggles it back
        page.click("label[for=elder-mode]")
        assert _styles(page)["root"] == 18
    finally:
        ctx.close()
    assert problems == []


def test_every_page_type_has_one_main_and_one_h1(served_site, page):
    for kind, html in representatives(served_site.out).items():
        _goto(page, f"{served_site.url}/{url_path(served_site.out, html)}")
        counts = page.evaluate("[document.querySelectorAll('main').length, document.querySelectorAll('h1').length,"
                               " document.documentElement.lang]")
        assert counts == [1, 1, "zh-CN"], (kind, counts)


def test_page_types_are_discovered(served_site):
    types = page_types(served_site.out)
    assert len(types) >= 12, sorted(types)
