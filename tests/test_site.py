"""The tiny site, built for real: every publication and privacy rule of the
data contract checked on every output file."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from generators.pipeline.ids import decision_slug
from tests.conftest import TINY, all_files, build_site
from tests.privacy_scan import scan

# Raw personal values planted in tests/fixtures/tiny.
PLANTED = ["张三丰", "120111199001011234", "13812345678", "13912345678", "zhangsf@example.com",
           "6222021234567890123", "欧阳娜娜", "022-27654321", "孙小美", "王大伟", "吴法人", "赵六", "钱七", "李四"]

PUBLISHED = ["津示市监罚〔2026〕1号", "津示市监罚〔2026〕2号", "津示市监许〔2026〕4号", "津示市监罚〔2026〕5号",
             "津示城管罚〔2026〕12号", "JC-120000-2026-000013", "津示市监罚〔2026〕14号", "津示市监强〔2026〕15号"]
REMOVED = {
    "津示市监罚〔2026〕6号": "undisclosed",
    "津示市监罚〔2026〕7号": "embargoed",
    "津示市监罚〔2024〕8号": "expired",
    "津示市监罚〔2026〕3号": "expired",
    "津示市监罚〔2026〕10号": "credit_repaired",
    "津示市监罚〔2026〕11号": "quarantined",
    "津示市监强〔2026〕16号": "quarantined",
}
WITHDRAWN = "津示市监罚〔2026〕9号"


def read(out, rel):
    return (out / rel).read_text(encoding="utf-8")


def test_counts(tiny_site):
    _, result = tiny_site
    c = result.report["counts"]
    assert (c["published"], c["withdrawn"], c["embargoed"], c["undisclosed"], c["credit_repaired"]) == (8, 1, 1, 1, 1)
    assert c["expired"] == 2 and c["quarantined"] == 2


def test_every_published_decision_has_a_page(tiny_site):
    out, _ = tiny_site
    for no in PUBLISHED:
        page = read(out, f"decisions/{decision_slug(no)}/index.html")
        assert no in page
        assert '<meta name="robots" content="noarchive">' in page
        assert "公示截止日期" in page and "如何申请信用修复" in page


def test_removed_decisions_absent_from_every_file(tiny_site):
    out, _ = tiny_site
    for path in all_files(out):
        text = path.read_text(encoding="utf-8", errors="replace")
        for no in REMOVED:
            assert no not in text, (path, no)
            assert decision_slug(no) not in text, (path, no)
    for no in REMOVED:
        assert not (out / "decisions" / decision_slug(no)).exists()


def test_withdrawal_notice_replaces_the_page(tiny_site):
    out, _ = tiny_site
    page = read(out, f"decisions/{decision_slug(WITHDRAWN)}/index.html")
    assert "撤回公告" in page and WITHDRAWN in page and "2026年6月1日" in page
    assert "经行政复议，原处罚决定认定事实不清，予以撤销。" in page
    assert "天津市示例区市场监督管理局" in page
    for original in ("天津市撤销有限公司", "事实很长", "8,000", "钱"):
        assert original not in page
    # the withdrawn decision's content appears nowhere else either
    for path in all_files(out):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "天津市撤销有限公司" not in text, path


def test_privacy_over_every_output_file(tiny_site):
    out, _ = tiny_site
    assert scan(out, PLANTED) == []


def test_natural_person_masked_and_contacts_masked(tiny_site):
    out, _ = tiny_site
    page = read(out, f"decisions/{decision_slug('津示市监罚〔2026〕2号')}/index.html")
    assert "张某" in page and "138****5678" in page and "****0123" in page
    assert "[身份证号已隐藏]" in page
    assert "统一社会信用代码" not in page  # no code shown for a natural person


def test_withheld_fields_and_markup_as_text(tiny_site):
    out, _ = tiny_site
    page = read(out, f"decisions/{decision_slug('津示市监罚〔2026〕5号')}/index.html")
    assert page.count("依法不予公开") >= 2
    assert "涉及商业秘密的事实" not in page and "20,000" not in page
    assert "&lt;b&gt;科技&lt;/b&gt;" in page and "<b>科技" not in page
    data = read(out, "opendata/decisions.json")
    assert "<b>科技</b>" in data  # JSON carries the text as text
    assert "涉及商业秘密的事实" not in data


def test_agency_alias_resolves_and_amounts_in_yuan(tiny_site):
    out, _ = tiny_site
    page = read(out, f"decisions/{decision_slug('津示市监罚〔2026〕14号')}/index.html")
    assert "15,000 元" in page  # CF_NR_FK is in 万元
    page = read(out, f"decisions/{decision_slug('津示市监罚〔2026〕1号')}/index.html")
    assert "5,000 元" in page and "1,200 元" in page


def test_open_data_csv_has_bom_and_only_published(tiny_site):
    out, _ = tiny_site
    raw = (out / "opendata/decisions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert sorted(r["决定书文号"] for r in rows) == sorted(PUBLISHED)


def test_feed_sitemap_robots_index(tiny_site):
    out, _ = tiny_site
    feed = read(out, "feeds/decisions.atom.xml")
    assert feed.count("<entry>") == len(PUBLISHED) and "2026-11-20T00:00:00+08:00" in feed
    sitemap = read(out, "sitemap.xml")
    assert "/pages/about/" in sitemap and f"/decisions/{decision_slug(WITHDRAWN)}/" in sitemap
    assert "Sitemap:" in read(out, "robots.txt")
    index = json.loads(read(out, "index.json"))
    assert index["data_as_of"] == "2026-11-20" and index["counts"]["published"] == len(PUBLISHED)


def test_footer_identifiers_on_every_page(tiny_site):
    out, _ = tiny_site
    for path in out.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for needle in ("网站标识码", "ICP备", "公网安备", "我为政府网站找错", "网站地图", "党政机关网站标识", 'lang="zh-CN"',
                       'class="skip-link"'):
            assert needle in html, (path, needle)


def test_listings_and_filters(tiny_site):
    out, _ = tiny_site
    assert (out / "decisions/year/2026/index.html").exists()
    assert (out / "decisions/category/chufa/index.html").exists()
    listing = read(out, "decisions/category/chufa/index.html")
    assert "<caption>" in listing and 'scope="col"' in listing
    assert "津示市监许〔2026〕4号" not in listing  # a licence is not a penalty


def test_report_names_file_row_field_and_no_personal_values(tiny_site):
    out, result = tiny_site
    report_file = out.parent / "site-report.json"
    report = json.loads(report_file.read_text(encoding="utf-8"))
    q = {(f["file"], f["row"], f["rule"]) for f in report["quarantined"]}
    assert ("decisions/excel_export.xlsx", 4, "number_lost_digits") in q
    assert ("decisions/utf8_chinese.csv", 12, "unknown_agency") in q
    text = report_file.read_text(encoding="utf-8")
    for value in PLANTED:
        assert value not in text
    assert report_file.with_suffix(".xlsx").exists()


def test_deterministic_build(tmp_path):
    a = build_site(TINY, tmp_path / "a")
    b = build_site(TINY, tmp_path / "b")
    assert a.ok and b.ok
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in all_files(tmp_path / "a")}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in all_files(tmp_path / "b")}
    assert files_a == files_b


def test_failed_build_leaves_site_untouched(tmp_path, tiny_copy):
    out = tmp_path / "site"
    assert build_site(tiny_copy, out).ok
    before = {p: p.read_bytes() for p in all_files(out)}
    (tiny_copy / "decisions" / "excel_export.xlsx").write_bytes(b"not a workbook")
    (tiny_copy / "withdrawals.csv").unlink()
    result = build_site(tiny_copy, out)
    assert not result.ok and "excel_export.xlsx" in result.report["error"]
    assert {p: p.read_bytes() for p in all_files(out)} == before
    assert not [p for p in tmp_path.iterdir() if ".staging" in p.name]


def test_cli_exit_codes(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "generators.cli", "build", "--data", str(TINY), "--output",
                         str(tmp_path / "o"), "--today", "2026-11-20", "--report", str(tmp_path / "r.json"), "-q"])
    assert ok.returncode == 0 and (tmp_path / "o/index.html").exists()
    bad = subprocess.run([sys.executable, "-m", "generators.cli", "build", "--data", str(tmp_path / "nope"),
                          "--output", str(tmp_path / "o2"), "--report", str(tmp_path / "r2.json"), "-q"])
    assert bad.returncode == 1 and not (tmp_path / "o2").exists()
    assert json.loads((tmp_path / "r2.json").read_text(encoding="utf-8"))["ok"] is False
    check = subprocess.run([sys.executable, "-m", "generators.cli", "check", "--data", str(TINY), "-q",
                            "--today", "2026-11-20"])
    assert check.returncode == 0


def test_mostly_broken_export_stops_the_build(tmp_path, tiny_copy):
    out = tmp_path / "site"
    assert build_site(tiny_copy, out).ok
    before = {p: p.read_bytes() for p in all_files(out)}
    header = "决定书文号,执法类别,执法机关,相对人名称,执法结果,作出决定日期\n"
    rows = "".join(f"B{i},行政检查,天津市示例区市场监督管理局,某公司,合格,2026-13-{i:02d}\n" for i in range(1, 13))
    (tiny_copy / "decisions" / "broken.csv").write_text(header + rows, encoding="utf-8")
    result = build_site(tiny_copy, out)
    assert not result.ok and "broken.csv" in result.report["error"] and "超过一半" in result.report["error"]
    assert {p: p.read_bytes() for p in all_files(out)} == before
