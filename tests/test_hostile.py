"""Hostile data (tests/fixtures/hostile, written by tests/make_hostile_fixture.py)
built for real: markup shows as text everywhere, control characters are
gone, formula injection is neutralised in every CSV download, duplicates
are reported and not published, a 10 MB field is rejected with a message
naming file, row and field, and nothing crashes."""
from __future__ import annotations

import csv
import io
import json
import shutil
import time
import xml.etree.ElementTree as ET

import pytest

from generators.pipeline.ids import decision_slug
from tests import make_hostile_fixture as hf
from tests.browser.support import watch
from tests.conftest import build_site
from tests.sites import html_files, representatives, url_path
from tests.test_site_checks import BASE, check_link, csv_formula_cells, nu_check, parse

HOSTILE_PUBLISHED = ["津示市监罚〔2026〕101号", "津示市监罚〔2026〕102号", "津示市监罚〔2026〕103号",
                     "津示市监罚〔2026〕105号", "津示市监罚〔2026〕106号", "津示市监罚〔2026〕107号",
                     "津示市监罚〔2026〕108号", "津示市监罚〔2026〕109号", "<b>津示</b>市监罚〔2026〕112号",
                     "津示市监罚〔2026〕201号", "津示市监罚〔2026〕202号", "津示市监罚〔2026〕203号",
                     "津示市监罚〔2026〕204号", "津示市监罚〔2026〕301号", "津示市监罚〔2026〕113号"]
CONFLICTS = ["津示市监罚〔2026〕110号", "津示市监罚〔2026〕111号"]
CONTROL = ["\x00", "\u202e", "\u202c", "\u200b", "\u2060", "\ufeff"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile data plus a 10 MB field generated here, built once."""
    base = tmp_path_factory.mktemp("hostile")
    data = base / "data"
    shutil.copytree(hf.HOSTILE, data)
    huge = hf.write_huge_field_file(data)
    assert huge.stat().st_size > 10 * 1024 * 1024
    start = time.monotonic()
    result = build_site(data, base / "site")
    elapsed = time.monotonic() - start
    report_file = base / "site-report.json"
    return base / "site", result, report_file, elapsed


def test_builds_without_crashing_and_writes_the_report(hostile):
    out, result, report_file, elapsed = hostile
    assert result.ok, result.report.get("error")
    assert elapsed < 60
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["ok"] is True and "内部错误" not in json.dumps(report, ensure_ascii=False)
    assert report_file.stat().st_size < 200_000  # the 10 MB value is not copied into it
    published = json.loads((out / "opendata/decisions.json").read_text(encoding="utf-8"))
    assert sorted(d["decision_no"] for d in published["decisions"]) == sorted(HOSTILE_PUBLISHED)


def test_ten_megabyte_field_rejected_with_a_clear_message(hostile):
    _, result, report_file, _ = hostile
    report = json.loads(report_file.read_text(encoding="utf-8"))
    hits = [q for q in report["quarantined"] if q["file"] == "decisions/huge_field.csv"]
    assert len(hits) == 1, hits
    q = hits[0]
    assert q["row"] == 3 and q["field"] == "主要事实" and q["rule"] == "too_long", q
    assert "过长" in q["reason"] and "20000" in q["reason"].replace(",", ""), q
    assert q.get("decision_no") == "津示市监罚〔2026〕302号"
    assert not (hostile[0] / "decisions" / decision_slug("津示市监罚〔2026〕302号")).exists()


def test_conflicting_duplicates_reported_and_not_published(hostile):
    out, result, report_file, _ = hostile
    report = json.loads(report_file.read_text(encoding="utf-8"))
    conflicts = [(q["file"], q["row"]) for q in report["quarantined"] if q["rule"] == "duplicate_conflict"]
    assert sorted(conflicts) == [("decisions/hostile.csv", r) for r in (12, 13, 14, 15)]
    identical = [w for w in report["warnings"] if w["rule"] == "duplicate_identical"]
    assert [(w["file"], w["row"]) for w in identical] == [("decisions/hostile.csv", 11)]
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for no in CONFLICTS:
                assert no not in text and decision_slug(no) not in text, (path, no)
            for name in ("冲突甲", "冲突乙", "零宽冲突"):
                assert name not in text, (path, name)


def test_markup_is_text_on_every_page(hostile):
    """No element or attribute from the data: every page parses to the
    template's own structure (no script, handler, javascript: URL), and the
    markup is visible as text."""
    out = hostile[0]
    problems = []
    for html in html_files(out):
        p = parse(html)
        problems += [f"{html.relative_to(out)}: {x}" for x in p.problems]
        for tag, attr, url in p.links:
            if tag in ("iframe", "object", "embed") or "javascript:" in url.lower():
                problems.append(f"{html.relative_to(out)}: <{tag} {attr}={url!r}>")
            why = check_link(out, BASE + url_path(out, html), url)
            if why:
                problems.append(f"{html.relative_to(out)}: {url}: {why}")
        text = html.read_text(encoding="utf-8")
        for raw in ("<script>alert", "<img src=x", "<svg onload", '<a href="javascript', "<b>王</b>", "<b>市场</b>"):
            if raw in text:
                problems.append(f"{html.relative_to(out)}: raw {raw!r}")
    assert not problems, "\n".join(problems[:40])
    page = (out / "decisions" / decision_slug("津示市监罚〔2026〕101号") / "index.html").read_text(encoding="utf-8")
    for shown in ("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;商贸有限公司", "&lt;img src=x onerror=alert(1)&gt;",
                  "&lt;a href=&#34;javascript:alert(3)&#34;&gt;点击&lt;/a&gt;", "{{ 7*7 }}", "天津市示例区&lt;b&gt;市场&lt;/b&gt;监督管理局"):
        assert shown in page, shown
    assert "<dd>49</dd>" not in page


def test_hostile_pages_are_valid_html(hostile):
    out = hostile[0]
    errors = nu_check(list(representatives(out).values()))
    assert not errors, [(e.get("url", "")[-60:], e.get("message")) for e in errors][:20]


def test_control_characters_gone_emoji_kept(hostile):
    out = hostile[0]
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".txt") and "theme" not in path.parts:
            text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
            for ch in CONTROL:
                assert ch not in text, (path, repr(ch))
    page = (out / "decisions" / decision_slug("津示市监罚〔2026〕106号") / "index.html").read_text(encoding="utf-8")
    assert "🍜面馆🍜餐饮有限公司" in page and "😀" in page
    page = (out / "decisions" / decision_slug("津示市监罚〔2026〕105号") / "index.html").read_text(encoding="utf-8")
    assert "天津司公限有示例贸易有限公司" in page
    page = (out / "decisions" / decision_slug("津示市监罚〔2026〕107号") / "index.html").read_text(encoding="utf-8")
    assert "空字符有限公司" in page and "事实中有空字符。" in page


def test_long_field_published_whole(hostile):
    out = hostile[0]
    page = (out / "decisions" / decision_slug("津示市监罚〔2026〕108号") / "index.html").read_text(encoding="utf-8")
    assert hf.LONG_FACTS.strip() in page


def test_every_csv_download_neutralises_formulas(hostile):
    """Every cell of every CSV file the site offers (open data, statistics,
    whatever lands later) that Excel would read as a formula is prefixed."""
    out = hostile[0]
    cells = csv_formula_cells(out)
    assert not cells["bad"], cells["bad"][:20]
    assert any("statistics" in f.parts for f in cells["files"]), "statistics CSVs are checked too"
    for expected in ("'=HYPERLINK(\"http://evil.example/\",\"点击查看\")", "'+1 科技有限公司", "'-1 事实", "'@SUM(A1:A9)",
                     "'=1+2", "'+1+1 当事人未按规定公示。", "'=HYPERLINK(\"http://evil.example/\",\"表格\")", "'-3 罚款",
                     "'" + hf.FORMULA_AGENCY):
        assert expected in cells["all"], expected


def test_data_files_parse(hostile):
    out = hostile[0]
    for path in out.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in [*out.rglob("*.xml")]:
        ET.fromstring(path.read_bytes())
    feed = ET.fromstring((out / "feeds/decisions.atom.xml").read_bytes())
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "<b>津示</b>市监罚〔2026〕112号" in titles


INJECTED = """() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
        if (el.tagName === 'SCRIPT' && !el.src) bad.push('inline script');
        if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') bad.push('injected img');
        if (String(el.href || el.src || '').startsWith('javascript:')) bad.push('javascript: URL');
    }
    return bad;
}"""


@pytest.mark.browser
def test_hostile_pages_in_the_browser(hostile, browser):
    """Every page type of the hostile site in chromium: no dialog, no script
    error, no request blocked or failed (a CSP violation is a console error)."""
    from tests.browser.support import serve

    out = hostile[0]
    with serve(out) as url:
        ctx = browser.new_context()
        page = ctx.new_page()
        problems = watch(page)
        try:
            for kind, html in representatives(out).items():
                page.goto(f"{url}/{url_path(out, html)}")
                assert page.evaluate(INJECTED) == [], kind
            page.goto(f"{url}/decisions/{decision_slug('津示市监罚〔2026〕101号')}/")
            assert "<script>alert" in page.inner_text("main")
            page.goto(f"{url}/search/?q=" + "<script>alert(1)</script>")
        finally:
            ctx.close()
    assert problems == []
