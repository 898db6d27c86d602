"""Statistics section (issue 5): figures equal hand-computed values on
tests/fixtures/stats, working days match chinese_calendar across holiday
shifts, downloads and charts are what a journalist's tools expect.

The fixture (today 2027-03-31, report deadline 01-10) — see the decisions in
tests/fixtures/stats/decisions/decisions.csv:
- 甲局: 2025 penalties 1-7 (1, 2, 3 published, 3 with its fine withheld; 4 and
  5 expired, 4 without a publish date; 6 undisclosed; 7 withdrawn), licences
  8 and 9 (9 crosses New Year 2026), inspection 10 (late);
- 乙局: 11 credit-repaired, 12 (filed under its alias), 13 embargoed, 14 行政确认;
- 2024: 15, 16, 17 (expired); 2022: 18 (expired); 2023: nothing at all;
- 2027 (after chinese_calendar's last year): 19 and 20, on holidays.csv;
- statistics: 丙镇 reports 0, 丁局 is not in subjects.csv, 乙 reports late.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import time
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import chinese_calendar
import pytest

from generators.pipeline.gather import gather
from generators.pipeline.ids import agency_slug, decision_slug
from generators.stats import compute as cp
from generators.stats.charts import BarRow, ChartRenderer
from generators.stats.workdays import CHINESE_CALENDAR, HOLIDAYS_CSV, WEEKDAYS, WorkCalendar
from tests.conftest import FIXTURES, all_files, build_site

STATS = FIXTURES / "stats"
TODAY = dt.date(2027, 3, 31)
D = dt.date
SVG = "{http://www.w3.org/2000/svg}"
JIA = "11120000mb1234567p"
YI = agency_slug("", "天津市统计测试区乙局")
BING = "11120000mb7654321l"


@pytest.fixture(scope="module")
def ds():
    return gather(STATS, TODAY)


@pytest.fixture(scope="module")
def st(ds):
    return cp.gather_stats(ds, {"PORTAL_SITE": {"stats_deadline": "01-10"}})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("stats") / "site"
    result = build_site(STATS, out, today=TODAY)
    assert result.ok, result.report.get("error")
    return out


def rows(table):
    return {r.values[table.columns[0].key]: r.values for r in table.rows}


def read(site, rel):
    return (site / rel).read_text(encoding="utf-8")


# --- working days -------------------------------------------------------------

def test_workdays_across_spring_festival_and_national_day():
    cal = WorkCalendar()
    # 2025-01-26 is a Sunday worked (班) before the Spring Festival break
    assert chinese_calendar.is_workday(D(2025, 1, 26))
    assert cal.delay(D(2025, 1, 26), D(2025, 2, 5)) == 2            # 1-27, 2-5
    assert cal.deadline(D(2025, 1, 26), 7) == D(2025, 2, 11)         # 1-27, 2-5..2-8(班), 2-10, 2-11
    # 2025-09-28 (Sunday, 班) before National Day; 2025-10-11 (Saturday) is worked too
    assert cal.deadline(D(2025, 9, 28), 7) == D(2025, 10, 14)
    assert cal.delay(D(2025, 9, 28), D(2025, 10, 14)) == 7
    assert cal.delay(D(2025, 9, 28), D(2025, 10, 15)) == 8
    assert cal.deadline(D(2025, 9, 28), 20) == D(2025, 10, 31)
    # New Year 2026: 1-1..1-3 off, Sunday 1-4 worked
    assert cal.delay(D(2025, 12, 31), D(2026, 1, 12)) == 7
    # same day, and a rest day counted as the next working day
    assert cal.delay(D(2025, 3, 3), D(2025, 3, 3)) == 0
    assert cal.delay(D(2025, 3, 7), D(2025, 3, 8)) == 1             # Friday -> Saturday
    assert cal.delay(D(2025, 3, 7), D(2025, 3, 10)) == 1            # Friday -> Monday
    assert cal.source(2025) == CHINESE_CALENDAR


def test_workdays_match_chinese_calendar_everywhere():
    cal = WorkCalendar()
    rnd = random.Random(5)
    for _ in range(2000):
        start = D(2024, 1, 1) + dt.timedelta(days=rnd.randrange(1000))
        end = start + dt.timedelta(days=rnd.randrange(1, 70))
        if end.year > 2026:
            continue
        if chinese_calendar.is_workday(end):
            assert cal.delay(start, end) == len(chinese_calendar.get_workdays(start + dt.timedelta(days=1), end))
        for n in (7, 20):
            day = cal.deadline(start, n)
            if day.year <= 2026:
                assert chinese_calendar.is_workday(day)
                assert len(chinese_calendar.get_workdays(start + dt.timedelta(days=1), day)) == n
                # on time <=> published no later than the deadline
                assert (cal.delay(start, day) <= n) and (cal.delay(start, day + dt.timedelta(days=1)) > n)


def test_future_year_uses_holidays_csv_then_weekdays(ds):
    cal = WorkCalendar.from_records(ds.holidays)
    assert cal.source(2027) == HOLIDAYS_CSV
    assert cal.source(2028) == WEEKDAYS
    # 2027-02-05 (Fri); 2-6 (Sat) worked, 2-8..2-12 off: 2-6, 2-15, 2-16
    assert cal.delay(D(2027, 2, 5), D(2027, 2, 16)) == 3
    assert WorkCalendar().delay(D(2027, 2, 5), D(2027, 2, 16)) == 7   # weekdays only
    assert cal.deadline(D(2027, 2, 5), 1) == D(2027, 2, 6)
    assert cal.deadline(D(2028, 1, 7), 1) == D(2028, 1, 10)          # Friday -> Monday
    assert cal.is_workday(D(2027, 2, 20)) and not cal.is_workday(D(2027, 2, 21))


# --- figures -------------------------------------------------------------------

def test_years_are_contiguous(st):
    assert st.years == [2022, 2023, 2024, 2025, 2026, 2027]


def test_category_figures_2025(st):
    t = rows(cp.category_table(st, 2025, None, "c", "c", "c.csv"))
    assert list(t) == ["行政许可", "行政处罚", "行政强制", "行政征收", "行政征用", "行政检查", "行政确认", "合计"]
    pen = t["行政处罚"]
    # official: 8 + 3 (乙 under its alias) + 0 (丙) + 5 (丁, not in the directory)
    assert pen["official_count"] == 16 and pen["official_fine"] == Decimal("21600")
    assert (pen["reviewed"], pen["litigated"], pen["corrected"]) == (2, 1, 1)
    # derived: 1-6 and 11, 13 (expired, undisclosed, credit-repaired, embargoed count; 7 withdrawn does not)
    assert pen["derived_count"] == 8 and pen["withdrawn"] == 1
    # fines: 1000 + 2000.50 + 300 + 700 (3 withheld; 6, 11, 13 not public)
    assert pen["derived_fine"] == Decimal("4000.50")
    assert t["行政征收"]["official_count"] is None and t["行政征收"]["derived_count"] == 0
    assert t["行政确认"]["official_count"] is None and t["行政确认"]["derived_count"] == 1
    assert t["合计"]["official_count"] == 22 and t["合计"]["derived_count"] == 13
    assert st.derived_cell(2025, None, None).withheld == 1


def test_change_against_previous_year(st):
    t = rows(cp.change_table(st, 2025, None, "ch", "ch", "ch.csv"))
    assert (t["行政处罚"]["official_prev"], t["行政处罚"]["official_now"]) == (3, 16)
    assert (t["行政处罚"]["official_diff"], t["行政处罚"]["official_pct"]) == (13, 433.3)
    assert (t["合计"]["derived_prev"], t["合计"]["derived_now"], t["合计"]["derived_pct"]) == (3, 13, 333.3)
    assert t["行政检查"]["official_diff"] is None          # nothing reported for 2024


def test_timeliness_2025(st):
    t = rows(cp.timeliness_by_category(st, 2025, None, "t", "t.csv"))
    # penalties timed: 1 (2 days), 2 (8), 3 (1), 5 (10, expired); 4 has no publish date
    assert t["行政处罚"] == {"category": "行政处罚", "limit": 7, "measured": 4, "on_time": 2, "late": 2,
                          "share": 50.0, "median": 5.0}
    assert (t["行政许可"]["measured"], t["行政许可"]["median"]) == (2, 4.5)        # 2 and 7 days
    assert (t["行政检查"]["limit"], t["行政检查"]["late"], t["行政检查"]["median"]) == (20, 1, 22.0)
    assert t["行政征收"]["measured"] == 0 and t["行政征收"]["share"] is None
    assert (t["合计"]["measured"], t["合计"]["on_time"], t["合计"]["share"], t["合计"]["median"]) == (9, 6, 66.7, 2.0)


def test_late_list_holds_published_decisions_only(st):
    t = cp.late_table(st, 2025, None, "l", "l.csv")
    assert [(r.values["decision_no"], r.values["delay"], r.values["deadline"]) for r in t.rows] == [
        ("JC-甲-2025-000010", 22, "2025-04-08"), ("甲罚〔2025〕2号", 8, "2025-10-14")]
    assert t.rows[0].links["decision_no"] == f"decisions/{decision_slug('JC-甲-2025-000010')}/"


def test_ranks_and_unknown_agency(st):
    t = cp.agencies_table(st, 2025, "a.csv")
    got = [(r.values["agency"], r.values["official_count"], r.values["rank_count"], r.values["rank_fine"])
           for r in t.rows]
    assert got == [("天津市统计测试区甲局", 13, 1, 1), ("天津市统计测试区丁局", 5, 2, 3),
                   ("天津市统计测试区乙局", 4, 3, 2), ("天津市统计测试区丙镇人民政府", 0, 4, 4)]
    assert "agency" not in t.rows[1].links                  # 丁局: no page of its own
    assert cp.competition_ranks({"a": 5, "b": 3, "c": 3, "d": 1, "e": None}) == {"a": 1, "b": 2, "c": 2, "d": 4}
    ranks = cp.agency_ranks(st, 2025)
    assert (ranks[YI]["timely"], ranks[JIA]["timely"]) == (1, 2)   # 100% vs 4/7


def test_report_deadlines(st):
    assert cp.report_deadline(2025, "01-10") == D(2026, 1, 10)
    assert cp.report_deadline(2025, None) == D(2026, 1, 31)
    assert cp.report_deadline(2025, "") == D(2026, 1, 31)
    assert st.report_status(2025, JIA) == (cp.ON_TIME, D(2026, 1, 8))
    assert st.report_status(2025, YI) == (cp.LATE, D(2026, 1, 12))
    assert st.report_status(2025, BING) == (cp.NO_DATE, None)
    assert st.report_status(2024, YI) == (cp.ON_TIME, D(2025, 1, 10))   # on the deadline day
    assert st.report_status(2024, BING) == (cp.MISSING, None)
    assert st.report_status(2027, JIA) == (cp.NOT_DUE, None)
    assert cp.year_report_summary(st, 2025)["text"] == "部分机关逾期公布"
    assert cp.year_report_summary(st, 2024)["text"] == "按时公布；1 个执法主体未见统计数据"
    assert cp.year_report_summary(st, 2023)["text"] == "未见统计数据"
    assert cp.year_report_summary(st, 2027)["text"] == "尚未到公布期限"


# --- the built pages -------------------------------------------------------------

def test_pages_and_nav(site):
    for rel in ["statistics/index.html", "statistics/methods/index.html", "statistics/2025/index.html",
                f"statistics/2025/{JIA}/index.html", f"statistics/2025/{BING}/index.html",
                "statistics/2023/index.html", "statistics/2027/index.html"]:
        assert (site / rel).exists(), rel
    home = read(site, "index.html")
    assert '<a href="./statistics/">统计数据</a>' in home
    assert "statistics/2025/" in read(site, "sitemap.xml")


def test_year_page(site):
    page = read(site, "statistics/2025/index.html")
    assert "2025年度执法统计" in page and "官方统计" in page and "依公示决定推算" in page
    assert "部分机关逾期公布" in page and "2026年1月10日" in page
    assert "另有 1 件决定的罚款金额依法不予公开" in page
    assert "statistics/methods/" in page
    # both late decisions link to their pages; the expired late one is not named
    assert decision_slug("甲罚〔2025〕2号") in page and decision_slug("JC-甲-2025-000010") in page
    assert "甲罚〔2025〕5号" not in page
    assert "chinese_calendar" in page
    # tables: caption, scope, right-aligned numbers
    assert page.count("<caption id=") >= 7
    assert '<th scope="col"' in page and '<th scope="row">' in page
    assert re.search(r'<td class="num">\s*21,600\s*</td>', page)


def test_agency_year_pages(site):
    jia = read(site, f"statistics/2025/{JIA}/index.html")
    assert "官方统计总数第 1 位（共 4 个报送机关）" in jia
    assert f"agencies/{JIA}/" in jia
    bing = read(site, f"statistics/2025/{BING}/index.html")
    assert "各类执法数量均为 0" in bing and "没有可绘制图表的数据" in bing
    assert not list((site / "statistics/2025" / BING).glob("*.svg"))
    assert "未注明公布日期" in bing
    empty = read(site, f"statistics/2023/{JIA}/index.html")
    assert "既没有报送官方统计，也没有作出的执法决定" in empty


def test_year_without_data(site):
    page = read(site, "statistics/2023/index.html")
    assert "2023年既没有官方统计数据，也没有作出的执法决定" in page
    assert "未见统计数据" in page
    assert not list((site / "statistics/2023").glob("*.svg"))
    with open(site / "statistics/2023/statistics-2023.csv", encoding="utf-8-sig", newline="") as f:
        data = list(csv.reader(f))
    assert data[-1][:3] == ["合计", "", "0"]


def test_future_year_says_which_calendar(site):
    page = read(site, "statistics/2027/index.html")
    assert "holidays.csv" in page and "2027年按数据目录中的 holidays.csv" in page
    assert "尚未到公布期限" in page
    assert decision_slug("JC-乙-2027-000020") in page       # 21 working days: late


def test_methods_page(site):
    page = read(site, "statistics/methods/index.html")
    for text in ("已撤回", "公示期已满", "不予公开", "7 个工作日", "20 个工作日", "次年1月10日", "holidays.csv",
                 "2004年至2026年"):
        assert text in page, text


def test_removed_decisions_never_named(site, ds):
    removed = [o.decision for o in ds.outcomes if o.status not in ("published", "withdrawn")]
    assert len(removed) == 7
    for path in all_files(site / "statistics"):
        text = path.read_text(encoding="utf-8", errors="replace")
        for d in removed:
            assert d.decision_no not in text and d.slug not in text, (path, d.decision_no)


# --- downloads ---------------------------------------------------------------------

def test_csv_downloads_have_bom_and_chinese(site):
    files = list((site / "statistics").rglob("*.csv"))
    assert len(files) > 20
    for path in files:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path
    raw = (site / "statistics/2025/statistics-2025.csv").read_bytes()
    data = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert data[0][:3] == ["执法类别", "官方统计数量", "推算决定数"]
    by = {r[0]: r for r in data[1:]}
    assert by["行政处罚"][1:5] == ["16", "8", "21600", "4000.50"]
    assert by["合计"][1:3] == ["22", "13"]
    # GB18030 readers (Excel on a Chinese Windows) see the BOM and switch to UTF-8: no mojibake here
    assert "执法类别".encode("utf-8") in raw


def test_json_matches_csv(site):
    doc = json.loads(read(site, "statistics/2025/statistics-2025.json"))
    assert doc["year"] == 2025 and doc["as_of"] == "2027-03-31"
    tables = {t["id"]: t for t in doc["tables"]}
    cats = {r["category"]: r for r in tables["categories"]["rows"]}
    assert cats["行政处罚"]["official_count"] == 16 and cats["行政处罚"]["derived_fine"] == 4000.5
    assert cats["行政征收"]["official_count"] is None
    with open(site / "statistics/2025/statistics-2025-late.csv", encoding="utf-8-sig", newline="") as f:
        late_csv = list(csv.DictReader(f))
    assert [r["决定书文号"] for r in late_csv] == [r["decision_no"] for r in tables["late"]["rows"]]
    agency = json.loads(read(site, f"statistics/2025/{JIA}/statistics-2025-{JIA}.json"))
    assert agency["agency"] == "天津市统计测试区甲局"


def test_page_tables_match_their_csv(site):
    """What the page shows is what the CSV holds (cell by cell, formatting aside)."""
    page = read(site, "statistics/2025/index.html")
    table = page.split('id="categories"', 1)[1].split("</table>", 1)[0]
    shown = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table, re.S)]
    with open(site / "statistics/2025/statistics-2025.csv", encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert len(shown) == len(cells)
    for s, c in zip(shown, cells):
        assert s.replace(",", "") == (c or "—"), (s, c)


# --- charts ----------------------------------------------------------------------------

def test_charts_are_valid_svg_with_chinese_text(site):
    charts = list((site / "statistics").rglob("*.svg"))
    assert len(charts) >= 5
    for path in charts:
        root = ET.parse(path).getroot()
        assert root.tag == SVG + "svg" and root.get("role") == "img"
        assert root.find(SVG + "title").text and root.find(SVG + "desc").text
    root = ET.parse(site / "statistics/2025/chart-2025.svg").getroot()
    texts = {t.text for t in root.iter(SVG + "text")}
    assert {"行政许可", "行政处罚", "行政确认", "官方统计", "依公示决定推算", "16", "8"} <= texts
    assert "行政处罚：官方统计 16，依公示决定推算 8" in root.find(SVG + "desc").text
    raw = (site / "statistics/2025/chart-2025.svg").read_text(encoding="utf-8")
    assert "Noto Sans CJK SC" in raw and "<dc:date>" not in raw and "@font-face" not in raw
    page = read(site, "statistics/2025/index.html")
    assert '<img src="../../statistics/2025/chart-2025.svg"' in page


def test_charts_are_deterministic_and_fast():
    rows_ = [BarRow(c, (i * 10, i * 9), (str(i * 10), str(i * 9)))
             for i, c in enumerate(cp.MAIN_CATEGORIES + ["行政确认"])]
    first = ChartRenderer().bars(rows_, ("官方统计", "依公示决定推算"), title="t", desc="d")
    renderer = ChartRenderer()
    start = time.process_time()
    for _ in range(30):
        again = renderer.bars(rows_, ("官方统计", "依公示决定推算"), title="t", desc="d")
    per_chart = (time.process_time() - start) / 30
    assert again == first
    assert per_chart < 0.2, per_chart     # about 0.02 s on an idle machine


def test_no_script_and_no_external_fonts(site):
    for path in (site / "statistics").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>" not in text and "fonts.googleapis" not in text


def test_tiny_site_statistics(tiny_site):
    out, _ = tiny_site
    page = (out / "statistics/2025/index.html").read_text(encoding="utf-8")
    # statistics/2025.csv of the tiny fixture: 120 + 800 + 0
    assert re.search(r'<td class="num">\s*920\s*</td>', page)
    assert "部分机关逾期公布" in page      # 城市管理委员会 published on 2026-01-15


def test_agency_page_shows_yearly_statistics(site):
    page = read(site, f"agencies/{JIA}/index.html")
    assert "历年行政执法统计" in page
    assert f'href="../../statistics/2025/{JIA}/">2025年</a>' in page
    row = page.split(f"statistics/2025/{JIA}/", 1)[1].split("</tr>", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert cells == ["13", "9", "20,000", "2", "1", "1", "57.1%", "按时公布"]
    assert "2023年" not in page.split("历年行政执法统计", 1)[1].split("</table>", 1)[0]   # no figures that year
