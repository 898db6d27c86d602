"""Ex-ante pages in Debian's chromium at a phone (390px) and a desktop
(1280px) width: no page-wide horizontal scrolling, an officer's certificate
state visible without scrolling the table, and the flowcharts drawn as boxes
joined by arrows from a plain ordered list."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)


def _open(page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url)
    assert response is not None and response.ok, url


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_page_scroll(served_site, page, width):
    for path in ("agencies/", "officers/", "items/", "guides/", "pages/guide-penalty-general/",
                 "pages/guide-review-litigation/"):
        _open(page, f"{served_site.url}/{path}", width)
        assert _overflow(page) <= 0, (path, width)
    item = next(p for p in sorted((served_site.out / "items").glob("*/index.html")) if p.parent.name not in
                ("category", "agency", "page"))
    _open(page, f"{served_site.url}/items/{item.parent.name}/", width)
    assert _overflow(page) <= 0


@pytest.mark.parametrize("width", WIDTHS)
def test_certificate_state_visible_without_scrolling(served_site, page, width):
    _open(page, f"{served_site.url}/officers/", width)
    boxes = page.eval_on_selector_all(
        ".officer-table tbody tr .cert-status",
        "els => els.slice(0, 60).map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, e.textContent]; })")
    assert boxes
    for left, right, text in boxes:
        assert 0 <= left and right <= width, (text, left, right, width)
    labels = {t for _, _, t in boxes}
    assert labels <= {"有效", "暂扣", "注销", "已过期", "未注明"}


@pytest.mark.parametrize("width", WIDTHS)
def test_flowchart_drawn_from_ordered_list(tiny_url, page, width):
    _open(page, f"{tiny_url}/pages/guide-penalty-general/", width)
    steps = page.eval_on_selector_all(
        ".flowchart > ol > li",
        """els => els.map(e => { const s = getComputedStyle(e), a = getComputedStyle(e, '::after');
              const r = e.getBoundingClientRect();
              return {border: s.borderTopStyle, width: parseFloat(s.borderTopWidth), marker: s.listStyleType,
                      arrow: a.content !== 'none' && a.content !== '' && parseFloat(a.height) > 0,
                      top: r.top, bottom: r.bottom, right: r.right}; })""")
    assert len(steps) >= 5
    for i, s in enumerate(steps):
        assert s["border"] == "solid" and s["width"] >= 1 and s["marker"] == "decimal", s
        assert s["arrow"] == (i < len(steps) - 1), (i, s)
        assert s["right"] <= width
    for a, b in zip(steps, steps[1:]):
        assert b["top"] - a["bottom"] >= 16  # room for the arrow between boxes
    # without CSS the same content is a numbered list
    page.emulate_media(media="print")
    assert page.eval_on_selector(".flowchart > ol", "e => e.tagName") == "OL"
