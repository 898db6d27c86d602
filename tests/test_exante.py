"""Ex-ante disclosure (issue 4), built for real from tests/fixtures/exante
and the tiny fixture: the subjects directory, officers, the item catalogue
and the procedure guides, with their cross-links, certificate states,
escaping of data and the officers' personal columns that must never be
published."""
from __future__ import annotations

import csv
import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generators.exante.model import (benchmark_parts, certificate_state, item_slug, officer_anchor,
                                     officer_view)
from generators.pipeline.ids import agency_slug, decision_slug
from tests.conftest import FIXTURES, ROOT, TINY, all_files, build_site

EXANTE = FIXTURES / "exante"
TODAY = dt.date(2026, 11, 20)

# Values from officers.csv columns outside the contract (手机, 身份证号, 住址,
# 电子邮箱, 出生日期, 民族, 政治面貌): none may appear in any output file.
OFFICER_PRIVATE = ["13922223333", "13922224444", "13922225555", "13922226666", "13922227777", "13922228888",
                   "120111198505051234", "120111199002021235", "120111197707071236",
                   "幸福里小区", "和平里5号", "光明路99号", "wang.officer@example.com", "li.officer@example.com",
                   "1985-05-05", "1990-02-02", "1977-07-07", "满族", "回族", "群众甲", "群众乙"]

# (name, agency, cert_no, expected state label) of every officer with a known agency.
OFFICERS = [
    ("王有效", "天津市示例市场监督管理局", "1200000100001", "有效"),
    ("李暂扣", "天津市示例市场监督管理局", "1200000100002", "暂扣"),
    ("赵注销", "天津市示例区城市管理委员会", "1201110200001", "注销"),   # agency given by its former name
    ("钱过期", "天津市示例区城市管理委员会", "1201110200002", "已过期"),  # 有效, but valid until yesterday
    ("孙今天", "天津市示例区城市管理委员会", "1201110200003", "有效"),    # valid until today: still valid
    ("周无期", "天津市示例区示例街道办事处", "津执-0001", "有效"),
    ("吴<i>斜体</i>", "示例开发区管理委员会", "1201110400001", "有效"),
]
STATE_CLASS = {"有效": "valid", "暂扣": "suspended", "注销": "revoked", "已过期": "expired"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("exante") / "site"
    result = build_site(EXANTE, out)
    assert result.ok, result.report
    return out, result


def read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def subjects(data: Path) -> list[dict]:
    with open(data / "subjects.csv", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def slug_of(name: str, data: Path = EXANTE) -> str:
    row = next(r for r in subjects(data) if r["名称"] == name)
    return agency_slug(row["统一社会信用代码"], row["名称"])


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.rows: dict[str, list[str]] = {}
        self.tags: list[str] = []
        self._row = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "tr" and a.get("id"):
            self._row = a["id"]
            self.rows[self._row] = []

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._row:
            self.rows[self._row].append(data)


def parse(out: Path, rel: str) -> Links:
    p = Links()
    p.feed(read(out, rel))
    return p


def page_of(out: Path, url_path: str) -> Path | None:
    target = out / url_path.lstrip("/")
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_links(out: Path, rel: str) -> list[str]:
    """Internal links of one page that point nowhere (file or #fragment)."""
    base = "http://site.test/" + rel
    problems = []
    for href in parse(out, rel).hrefs:
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.netloc != "site.test":
            continue
        target = page_of(out, unquote(parts.path))
        if target is None:
            problems.append(f"{rel}: {href}")
        elif parts.fragment and target.suffix == ".html":
            ids = parse(out, target.relative_to(out).as_posix()).ids
            if unquote(parts.fragment) not in ids:
                problems.append(f"{rel}: {href} (no #{parts.fragment})")
    return problems


# --- pure helpers -------------------------------------------------------------

def test_item_slugs_are_ascii_and_stable():
    assert item_slug("XQ-SCJG-CF-001") == "xq-scjg-cf-001"
    for code in ("城管-JC-001", "category", "agency", "page", "a b", "x/y", "-lead"):
        s = item_slug(code)
        assert re.fullmatch(r"i-[0-9a-f]{12}", s), (code, s)
    assert item_slug("城管-JC-001") == item_slug("城管-JC-001")


def test_certificate_states():
    assert certificate_state("有效", dt.date(2026, 11, 20), TODAY) == "valid"
    assert certificate_state("有效", dt.date(2026, 11, 19), TODAY) == "expired"
    assert certificate_state("有效", None, TODAY) == "valid"
    assert certificate_state("暂扣", dt.date(2030, 1, 1), TODAY) == "suspended"
    assert certificate_state("注销", dt.date(2020, 1, 1), TODAY) == "revoked"
    assert certificate_state("", dt.date(2030, 1, 1), TODAY) == "unknown"


def test_officer_view_keeps_only_public_fields():
    v = officer_view({"name": "王某", "cert_no": "1", "agency": "局", "agency_slug": "a-1", "status": "有效",
                      "valid_until": None, "domain": "", "phone": "13900000000", "id_no": "x"}, TODAY)
    assert "13900000000" not in repr(v) and "id_no" not in v and "phone" not in v
    assert officer_anchor("津执-0001").startswith("cert-") and officer_anchor("津执-0001").isascii()


def test_benchmark_tiers():
    parts = benchmark_parts("轻微：警告；一般：罚款；严重：吊销；有违法所得的，没收违法所得。")
    assert [p["label"] for p in parts] == ["轻微", "一般", "严重", ""]
    assert benchmark_parts("法定办结时限二十个工作日") == []
    assert benchmark_parts("") == []


# --- the built site -----------------------------------------------------------

def test_nav_has_officers_items_guides_in_order(site):
    out, _ = site
    html = read(out, "index.html")
    nav = html[html.index('class="site-nav"'):html.index("</nav>", html.index('class="site-nav"'))]
    labels = re.findall(r'href="[^"]*/(decisions|agencies|officers|items|guides|withdrawals)/"', nav)
    assert labels.index("officers") < labels.index("items") < labels.index("guides") < labels.index("withdrawals")


def test_directory_grouped_by_level_and_kind(site):
    out, _ = site
    html = read(out, "agencies/index.html")
    heads = re.findall(r"<h2 id=\"(level-[a-z]+)\">([^<]+)</h2>", html)
    assert [h[0] for h in heads] == ["level-city", "level-district", "level-township"]
    sections = re.split(r"<h2 id=\"level-", html)[1:]
    city, district, town = sections
    assert "天津市示例市场监督管理局" in city and "天津市示例区城市管理委员会" not in city
    for name in ("天津市示例区城市管理委员会", "天津市示例区综合执法支队", "示例开发区管理委员会", "天津市示例区无人局"):
        assert name in district, name
    assert "天津市示例区示例街道办事处" in town
    kinds = re.findall(r"<h3>([^（<]+)（", district)
    assert kinds == ["行政机关", "法律法规授权组织", "受委托组织"]
    assert "曾用名：天津市示例区市容委" in district
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html


def test_every_subject_has_page_officers_and_items_links(site):
    out, _ = site
    directory = read(out, "agencies/index.html")
    for row in subjects(EXANTE):
        slug = agency_slug(row["统一社会信用代码"], row["名称"])
        page = read(out, f"agencies/{slug}/index.html")
        assert f"agencies/{slug}/" in directory
        assert 'id="officers-h"' in page and 'id="items-h"' in page and 'id="decisions-h"' in page
        has_officers = (out / "officers" / slug / "index.html").exists()
        has_items = (out / "items" / "agency" / slug / "index.html").exists()
        assert (f"officers/{slug}/" in page) == has_officers
        assert (f"items/agency/{slug}/" in page) == has_items
    none = slug_of("天津市示例区无人局")
    page = read(out, f"agencies/{none}/index.html")
    assert "该主体暂未公示执法人员信息" in page and "该主体暂未公示执法事项" in page


def test_parent_subject_linked(site):
    out, _ = site
    parent = slug_of("天津市示例区城市管理委员会")
    child = read(out, f"agencies/{slug_of('天津市示例区综合执法支队')}/index.html")
    assert f'<dt>上级机关</dt><dd><a href="../../agencies/{parent}/">天津市示例区城市管理委员会</a>' in child
    directory = read(out, "agencies/index.html")
    assert f'<td><a href="../agencies/{parent}/">天津市示例区城市管理委员会</a></td>' in directory


def test_every_officer_listed_with_the_right_status(site):
    out, _ = site
    everyone = parse(out, "officers/index.html").rows
    for name, agency, cert, label in OFFICERS:
        slug = slug_of(agency)
        anchor = officer_anchor(cert)
        for rel in (f"officers/{slug}/index.html", "officers/index.html", f"agencies/{slug}/index.html"):
            html = read(out, rel)
            row = html[html.index(f'<tr id="{anchor}"'):]
            row = row[:row.index("</tr>")]
            assert esc(name) in row and cert in row, (rel, name)
            assert f'class="cert-status cert-{STATE_CLASS[label]}">{label}</span>' in row, (rel, name, label)
            assert ('class="cert-invalid"' in row) == (label != "有效"), (rel, name)
        text = "".join(everyone[anchor])
        if label != "有效":
            assert "不得从事执法活动" in text or "暂停执法资格" in text, name
    assert "郑未知" not in read(out, "officers/index.html")  # agency not in subjects.csv: not published
    page = read(out, f"officers/{slug_of('天津市示例区城市管理委员会')}/index.html")
    assert "有效期至 <time datetime=\"2026-11-19\">2026-11-19</time>" in page
    assert "周无期" in read(out, "officers/index.html") and "有效期至 未注明" in read(out, "officers/index.html")


def test_officers_page_has_certificate_lookup_form(site):
    out, _ = site
    html = read(out, "officers/index.html")
    form = html[html.index("<form"):html.index("</form>")]
    assert 'action="../search/"' in form and 'method="get"' in form  # RELATIVE_URLS: SITEURL is ".."
    assert 'name="q"' in form and "<label" in form


def test_officer_personal_columns_never_published(site):
    out, result = site
    for path in all_files(out):
        text = path.read_text(encoding="utf-8", errors="replace")
        for value in OFFICER_PRIVATE:
            assert value not in text, (path.relative_to(out), value)
    report = (out.parent / "site-report.json").read_text(encoding="utf-8")
    for value in OFFICER_PRIVATE:
        assert value not in report
    assert "手机" in report  # the unknown column is reported by name only


def test_every_item_has_a_page_and_filter_pages(site):
    out, _ = site
    catalogue = read(out, "items/index.html")
    with open(EXANTE / "items.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    first = {}
    for r in rows:
        first.setdefault(r["事项编码"], r)
    slugs = set()
    for code, r in first.items():
        pages = [p for p in (out / "items").glob("*/index.html") if f">{esc(code)}<" in p.read_text(encoding="utf-8")]
        assert len(pages) == 1, (code, pages)
        slug = pages[0].parent.name
        slugs.add(slug)
        assert slug.isascii()
        assert f"items/{slug}/" in catalogue
        page = pages[0].read_text(encoding="utf-8")
        assert esc(r["事项名称"]) in page and esc(r["设定依据"]) in page
    assert len(slugs) == len(first) == 8
    assert "重复编码的另一行" not in catalogue  # the first row of a code wins
    # slug rules: ASCII codes lower-cased; non-ASCII, reserved and clashing codes hashed
    assert (out / "items/sc-cf-001/index.html").exists() and (out / "items/cg-cf-001/index.html").exists()
    assert (out / f"items/{item_slug('城管-JC-001')}/index.html").exists()
    assert not (out / "items/ab-1").exists() and (out / "items/category/index.html").exists() is False
    # filter pages by category and by agency
    chufa = read(out, "items/category/chufa/index.html")
    assert "对销售超过保质期食品的处罚" in chufa and "对擅自占道经营的处罚" in chufa and "食品经营许可" not in chufa
    market = read(out, f"items/agency/{slug_of('天津市示例市场监督管理局')}/index.html")
    assert "对销售超过保质期食品的处罚" in market and "对擅自占道经营的处罚" not in market
    # an implementing subject missing from subjects.csv is named, not linked
    orphan = read(out, "items/xx-qt-001/index.html")
    assert "天津市不存在局" in orphan and "items/agency/" not in orphan.split("<main", 1)[1].split("</main>")[0]


def test_item_page_shows_benchmark_basis_and_cross_links(site):
    out, _ = site
    page = read(out, "items/sc-cf-001/index.html")
    assert '<strong class="tier">轻微</strong>：警告' in page and '<strong class="tier">严重</strong>' in page
    assert "《中华人民共和国食品安全法》第一百二十四条" in page
    assert f"agencies/{slug_of('天津市示例市场监督管理局')}/" in page
    assert decision_slug("津示市监罚〔2026〕101号") in page  # item -> its decisions
    assert "pages/guide-penalty-general/" in page and "pages/guide-review-litigation/" in page


def test_decision_links_to_item_and_agency(site):
    out, _ = site
    for no, code_slug, agency in (("津示市监罚〔2026〕101号", "sc-cf-001", "天津市示例市场监督管理局"),
                                  ("津示城管罚〔2026〕103号", "cg-cf-001", "天津市示例区城市管理委员会"),
                                  ("JC-120111-2026-000104", item_slug("城管-JC-001"), "天津市示例区城市管理委员会")):
        page = read(out, f"decisions/{decision_slug(no)}/index.html")
        assert f"items/{code_slug}/" in page, no
        assert f"agencies/{slug_of(agency)}/" in page, no


def test_markup_in_data_is_text(site):
    out, _ = site
    for rel in ("items/index.html", "items/sc-xk-001/index.html", "items/category/xuke/index.html",
                f"agencies/{slug_of('天津市示例市场监督管理局')}/index.html",
                f"decisions/{decision_slug('津示市监许〔2026〕102号')}/index.html"):
        html = read(out, rel)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, rel
        assert "<script>alert" not in html, rel
    item = read(out, "items/sc-xk-001/index.html")
    assert "&lt;script&gt;alert(&#34;b&#34;)&lt;/script&gt;" in item or "&lt;script&gt;alert(&quot;b&quot;)" in item
    officers = read(out, "officers/index.html")
    assert "吴&lt;i&gt;斜体&lt;/i&gt;" in officers and "<i>斜体" not in officers


def test_guides_index_and_flowcharts(site):
    out, _ = site
    index = read(out, "guides/index.html")
    guides = sorted(p for p in (ROOT / "content" / "pages").rglob("*.md") if "\nGuide:" in p.read_text(encoding="utf-8"))
    assert len(guides) >= 7
    slugs = []
    for md in guides:
        meta = dict(re.findall(r"^(\w+): (.*)$", md.read_text(encoding="utf-8").split("\n\n", 1)[0], re.M))
        assert {"Title", "Slug", "Date", "Modified", "Template", "Guide"} <= set(meta), md
        slugs.append(meta["Slug"])
        assert f"pages/{meta['Slug']}/" in index, meta["Slug"]
        page = read(out, f"pages/{meta['Slug']}/index.html")
        assert "办事指南" in page and f"<time datetime=\"{meta['Modified']}\">" in page
        charts = re.findall(r'<div aria-label="([^"]+)" class="flowchart" role="group">\s*<ol>(.*?)</ol>\s*</div>',
                            page, re.S)
        assert charts, md
        for label, steps in charts:
            assert label.endswith("流程图")
            assert len(re.findall(r"<li>", steps)) >= 4
            assert "<img" not in steps and "<script" not in steps
    for s in ("guide-penalty-general", "guide-penalty-simple", "guide-licensing", "guide-inspection",
              "guide-review-litigation", "credit-repair", "guide-display-periods"):
        assert s in slugs, s
    review = read(out, "pages/guide-review-litigation/index.html")
    assert "六十日" in review and "六个月" in review and "2023年9月1日修订" in review


def test_no_broken_links_on_exante_pages(site):
    out, _ = site
    rels = ["agencies/index.html", "officers/index.html", "items/index.html", "guides/index.html"]
    rels += [p.relative_to(out).as_posix() for p in (out / "officers").glob("*/index.html")]
    rels += [p.relative_to(out).as_posix() for p in (out / "items").rglob("index.html")]
    rels += [p.relative_to(out).as_posix() for p in (out / "agencies").glob("*/index.html")]
    rels += [p.relative_to(out).as_posix() for p in (out / "pages").glob("*/index.html")]
    problems = [p for rel in rels for p in check_links(out, rel)]
    assert problems == []


def test_tiny_fixture_officers_and_items(tiny_site):
    out, _ = tiny_site
    html = read(out, "officers/index.html")
    assert html.count('<tr id="cert-') == 3
    for cert, label in (("1201110000001", "有效"), ("1201110000002", "暂扣"), ("1201110000003", "注销")):
        row = html[html.index(f'<tr id="cert-{cert}"'):]
        assert f">{label}</span>" in row[:row.index("</tr>")]
    assert (out / "items/sj-cf-001/index.html").exists() and (out / "items/sj-xk-001/index.html").exists()
    assert [p for rel in ("officers/index.html", "items/index.html", "agencies/index.html")
            for p in check_links(out, rel)] == []
