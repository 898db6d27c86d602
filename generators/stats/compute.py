"""Statistics from a Dataset: official annual figures (data/statistics/) beside
figures derived from the decisions, timeliness of publication, and whether
each year's report was published on time.

Which decisions count where (see also the methods page, statistics_methods.html):

| status                | derived count | fine sums | timeliness | late list |
|-----------------------|---------------|-----------|------------|-----------|
| published             | yes           | yes       | yes        | yes       |
| expired               | yes           | yes       | yes        | no        |
| undisclosed (否)      | yes           | no        | no         | no        |
| embargoed             | yes           | no        | no         | no        |
| credit_repaired       | yes           | no        | no         | no        |
| withdrawn (+ notice)  | no (own column "withdrawn") | no | no | no      |
| withdrawn_unpublished | no (own column "withdrawn") | no | no | no      |

Decisions that are not (or no longer) public only ever contribute to
aggregate counts: no amount, date or number of theirs is shown. Withheld
amounts (不予公开) are left out of sums and the number left out is stated.

Everything here is plain data; no Pelican, no templates.
"""
from __future__ import annotations

import datetime as dt
import statistics as pystats
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..pipeline.publication import (CREDIT_REPAIRED, EMBARGOED, EXPIRED, PUBLISHED, UNDISCLOSED, WITHDRAWN,
                                    WITHDRAWN_UNPUBLISHED)
from ..pipeline.views import decision_url, fmt_date
from .tables import Column, Table
from .workdays import WorkCalendar

MAIN_CATEGORIES = ["行政许可", "行政处罚", "行政强制", "行政征收", "行政征用", "行政检查"]
EXTRA_CATEGORIES = ["行政确认", "其他"]
SHORT_DEADLINE = {"行政许可": 7, "行政处罚": 7}
LONG_DEADLINE = 20
COUNTED = {PUBLISHED, EXPIRED, UNDISCLOSED, EMBARGOED, CREDIT_REPAIRED}
SUMMED = {PUBLISHED, EXPIRED}
TIMED = {PUBLISHED, EXPIRED}
WITHDRAWN_ANY = {WITHDRAWN, WITHDRAWN_UNPUBLISHED}
DEFAULT_REPORT_DEADLINE = "01-31"

# report status of one agency-year
ON_TIME, LATE, NO_DATE, MISSING, NOT_DUE = "on_time", "late", "no_date", "missing", "not_due"
STATUS_TEXT = {ON_TIME: "按时公布", LATE: "逾期公布", NO_DATE: "未注明公布日期", MISSING: "未见统计数据",
               NOT_DUE: "尚未到公布期限"}


def publish_deadline_days(category: str) -> int:
    """Legal deadline for publishing a decision, in working days after the decision day."""
    return SHORT_DEADLINE.get(category, LONG_DEADLINE)


def report_deadline(year: int, setting: str | None) -> dt.date:
    """The date by which `year`'s statistics are due: MM-DD of the next year."""
    text = (setting or DEFAULT_REPORT_DEADLINE).strip()
    try:
        month, day = (int(x) for x in text.split("-"))
        return dt.date(year + 1, month, day)
    except (ValueError, TypeError):
        month, day = (int(x) for x in DEFAULT_REPORT_DEADLINE.split("-"))
        return dt.date(year + 1, month, day)


@dataclass
class Agency:
    key: str                # slug, or "name:" + name for a name not in the directory
    name: str
    slug: str = ""          # empty when not in the directory (no page of its own)

    @property
    def in_directory(self) -> bool:
        return bool(self.slug)


@dataclass
class Official:
    count: int = 0
    fine: Decimal | None = None
    reviewed: int = 0
    litigated: int = 0
    corrected: int = 0

    def add(self, other: "Official") -> None:
        self.count += other.count
        if other.fine is not None:
            self.fine = (self.fine or Decimal(0)) + other.fine
        self.reviewed += other.reviewed
        self.litigated += other.litigated
        self.corrected += other.corrected


@dataclass
class Derived:
    count: int = 0
    fine: Decimal = Decimal(0)
    fines: int = 0          # decisions whose fine is in `fine`
    withheld: int = 0       # published/expired decisions whose fine is withheld
    withdrawn: int = 0

    def add(self, other: "Derived") -> None:
        self.count += other.count
        self.fine += other.fine
        self.fines += other.fines
        self.withheld += other.withheld
        self.withdrawn += other.withdrawn


@dataclass
class Timed:
    delays: list[int] = field(default_factory=list)
    on_time: int = 0

    def add(self, other: "Timed") -> None:
        self.delays.extend(other.delays)
        self.on_time += other.on_time

    @property
    def n(self) -> int:
        return len(self.delays)

    @property
    def late(self) -> int:
        return self.n - self.on_time

    @property
    def share(self) -> float | None:
        return round(100 * self.on_time / self.n, 1) if self.n else None

    @property
    def median(self) -> float | None:
        return round(float(pystats.median(self.delays)), 1) if self.delays else None


@dataclass
class Stats:
    """Everything gathered; the page builders below read from it."""
    today: dt.date
    deadline_setting: str
    calendar: WorkCalendar
    years: list[int]                                   # ascending, contiguous
    agencies: dict[str, Agency]
    directory_keys: list[str]                          # subjects, by name
    official: dict[tuple[int, str, str], Official]     # (year, agency key, category)
    published_on: dict[tuple[int, str], dt.date | None]
    derived: dict[tuple[int, str, str], Derived]
    timed: dict[tuple[int, str, str], Timed]
    late: dict[tuple[int, str], list[dict]]
    calendar_years: dict[tuple[int, str], set[int]]    # years whose calendar a page used
    duplicates: int = 0                                # statistics rows added to an earlier row

    # helpers ------------------------------------------------------------------
    def official_years(self) -> set[int]:
        return {y for (y, _) in self.published_on}

    def reported(self, year: int) -> list[str]:
        return sorted(k for (y, k) in self.published_on if y == year)

    def categories(self, year: int, key: str | None = None) -> list[str]:
        """The six main categories, then any extra one present."""
        extra = {c for name in ("official", "derived") for (k, c, _) in self._index(name, year)
                 if (key is None or k == key) and c not in MAIN_CATEGORIES}
        return MAIN_CATEGORIES + [c for c in EXTRA_CATEGORIES if c in extra] + sorted(
            extra - set(EXTRA_CATEGORIES))

    def _index(self, name: str, year: int) -> list:
        cache = self.__dict__.setdefault("_by_year", {})
        if (name, year) not in cache:
            cache[(name, year)] = [(k, c, v) for (y, k, c), v in getattr(self, name).items() if y == year]
        return cache[(name, year)]

    def _sum(self, name: str, year: int, key: str | None, category: str | None, make):
        cache = self.__dict__.setdefault("_sums", {})
        ck = (name, year, key, category)
        if ck not in cache:
            out = None
            for k, c, v in self._index(name, year):
                if (key is None or k == key) and (category is None or c == category):
                    out = out or make()
                    out.add(v)
            cache[ck] = out
        return cache[ck]

    def official_cell(self, year: int, key: str | None, category: str | None) -> Official | None:
        """Sum over agencies (key None) and/or categories (category None); None: nothing reported."""
        return self._sum("official", year, key, category, Official)

    def derived_cell(self, year: int, key: str | None, category: str | None) -> Derived:
        return self._sum("derived", year, key, category, Derived) or Derived()

    def timed_cell(self, year: int, key: str | None, category: str | None) -> Timed:
        return self._sum("timed", year, key, category, Timed) or Timed()

    def report_status(self, year: int, key: str) -> tuple[str, dt.date | None]:
        deadline = report_deadline(year, self.deadline_setting)
        if (year, key) not in self.published_on:
            return (MISSING if self.today > deadline else NOT_DUE), None
        day = self.published_on[(year, key)]
        if day is None:
            return NO_DATE, None
        return (ON_TIME if day <= deadline else LATE), day


_cache: tuple | None = None


def stats_for(ds, settings: dict) -> Stats:
    """gather_stats, computed once per Dataset and deadline (the section and the
    agency pages' context both ask)."""
    global _cache
    deadline = (settings.get("PORTAL_SITE", {}) or {}).get("stats_deadline")
    if _cache is None or _cache[0] is not ds or _cache[1] != deadline:
        _cache = (ds, deadline, gather_stats(ds, settings))
    return _cache[2]


def gather_stats(ds, settings: dict) -> Stats:
    site = settings.get("PORTAL_SITE", {}) or {}
    calendar = WorkCalendar.from_records(ds.holidays)
    agencies: dict[str, Agency] = {}
    for s in ds.directory.subjects:
        agencies[s.slug] = Agency(s.slug, s.name, s.slug)
    directory_keys = [s.slug for s in ds.directory.subjects]

    official: dict[tuple[int, str, str], Official] = {}
    published_on: dict[tuple[int, str], dt.date | None] = {}
    seen_rows = set()
    duplicates = 0
    for rec in ds.statistics:
        v = rec.values
        slug = v.get("agency_slug", "")
        key = slug or "name:" + v["agency"]
        if key not in agencies:
            agencies[key] = Agency(key, v["agency"], slug)
        row_key = (v["year"], key, v["category"], v["count"], v.get("fine_yuan"), v.get("reviewed"),
                   v.get("litigated"), v.get("corrected"), v.get("published_on"))
        if row_key in seen_rows:
            continue  # the same row twice (a file exported twice): once
        seen_rows.add(row_key)
        cell_key = (v["year"], key, v["category"])
        if cell_key in official:
            duplicates += 1
        official.setdefault(cell_key, Official()).add(Official(
            v["count"], v.get("fine_yuan"), v.get("reviewed") or 0, v.get("litigated") or 0, v.get("corrected") or 0))
        day = v.get("published_on")
        prev = published_on.get((v["year"], key))
        published_on[(v["year"], key)] = max(d for d in (prev, day) if d) if (prev or day) else None

    derived: dict[tuple[int, str, str], Derived] = defaultdict(Derived)
    timed: dict[tuple[int, str, str], Timed] = defaultdict(Timed)
    late: dict[tuple[int, str], list[dict]] = defaultdict(list)
    calendar_years: dict[tuple[int, str], set[int]] = defaultdict(set)
    for o in ds.outcomes:
        d = o.decision
        key = d.agency_slug
        if key not in agencies:
            agencies[key] = Agency(key, d.agency, d.agency_slug)
        cell = derived[(d.year, key, d.category)]
        if o.status in WITHDRAWN_ANY:
            cell.withdrawn += 1
            continue
        if o.status not in COUNTED:
            continue
        cell.count += 1
        if o.status in SUMMED and d.fine_yuan is not None:
            if "fine_yuan" in d.withheld:
                cell.withheld += 1
            else:
                cell.fine += d.fine_yuan
                cell.fines += 1
        if o.status in TIMED and d.publish_date_given:
            n = publish_deadline_days(d.category)
            delay = calendar.delay(d.decision_date, d.publish_date)
            t = timed[(d.year, key, d.category)]
            t.delays.append(delay)
            t.on_time += delay <= n
            deadline = calendar.deadline(d.decision_date, n)
            years = set(range(d.year, max(d.publish_date, deadline).year + 1))
            calendar_years[(d.year, key)] |= years
            calendar_years[(d.year, "")] |= years
            if delay > n and o.status == PUBLISHED:
                late[(d.year, key)].append({
                    "decision_no": d.decision_no, "url": decision_url(d.slug), "agency": d.agency,
                    "agency_key": key, "category": d.category, "decision_date": d.decision_date,
                    "publish_date": d.publish_date, "deadline": deadline, "delay": delay, "limit": n})

    years_with_data = {y for (y, _) in published_on} | {y for (y, _, _) in derived}
    years = list(range(min(years_with_data), max(years_with_data) + 1)) if years_with_data else []
    return Stats(ds.today, site.get("stats_deadline") or DEFAULT_REPORT_DEADLINE, calendar, years, agencies,
                 directory_keys, official, published_on, dict(derived), dict(timed), dict(late),
                 dict(calendar_years), duplicates)


# ---------------------------------------------------------------------------
# URLs and small helpers

def year_url(year: int) -> str:
    return f"statistics/{year}/"


def agency_year_url(year: int, agency: Agency) -> str:
    return f"statistics/{year}/{agency.slug}/" if agency.slug else ""


def change(now: int | Decimal | None, before: int | Decimal | None) -> tuple:
    """(difference, percentage) or (None, None) when either side is missing."""
    if now is None or before is None:
        return None, None
    diff = now - before
    pct = round(float(diff) * 100 / float(before), 1) if before else None
    return diff, pct


def competition_ranks(values: dict[str, float | int | Decimal | None]) -> dict[str, int]:
    """1, 2, 2, 4: higher is first; None is not ranked."""
    ranked = sorted((v for v in values.values() if v is not None), reverse=True)
    first = {}
    for i, v in enumerate(ranked):
        first.setdefault(v, i + 1)
    return {k: first[v] for k, v in values.items() if v is not None}


# ---------------------------------------------------------------------------
# Tables

def category_table(st: Stats, year: int, key: str | None, tid: str, caption: str, csv_name: str) -> Table:
    cols = [Column("category", "执法类别"),
            Column("official_count", "官方统计数量", "int"),
            Column("derived_count", "推算决定数", "int"),
            Column("official_fine", "官方罚款（元）", "yuan"),
            Column("derived_fine", "推算罚款（元）", "yuan"),
            Column("reviewed", "行政复议", "int"),
            Column("litigated", "行政诉讼", "int"),
            Column("corrected", "被纠错", "int"),
            Column("withdrawn", "已撤回", "int")]
    t = Table(tid, caption, cols, csv_name=csv_name)
    for c in st.categories(year, key):
        o = st.official_cell(year, key, c)
        d = st.derived_cell(year, key, c)
        t.add(_category_values(c, o, d))
    o = st.official_cell(year, key, None)
    d = st.derived_cell(year, key, None)
    t.add(_category_values("合计", o, d), total=True)
    return t


def _category_values(label: str, o: Official | None, d: Derived) -> dict:
    return {
        "category": label,
        "official_count": o.count if o else None,
        "derived_count": d.count,
        "official_fine": o.fine if o else None,
        "derived_fine": d.fine if d.fines else None,
        "reviewed": o.reviewed if o else None,
        "litigated": o.litigated if o else None,
        "corrected": o.corrected if o else None,
        "withdrawn": d.withdrawn,
    }


def change_table(st: Stats, year: int, key: str | None, tid: str, caption: str, csv_name: str) -> Table:
    cols = [Column("category", "执法类别"),
            Column("official_prev", f"官方{year - 1}年", "int"),
            Column("official_now", f"官方{year}年", "int"),
            Column("official_diff", "官方增减", "delta"),
            Column("official_pct", "官方增减（%）", "delta_pct"),
            Column("derived_prev", f"推算{year - 1}年", "int"),
            Column("derived_now", f"推算{year}年", "int"),
            Column("derived_diff", "推算增减", "delta"),
            Column("derived_pct", "推算增减（%）", "delta_pct")]
    t = Table(tid, caption, cols, csv_name=csv_name)
    has_prev = (year - 1) in st.years
    cats = st.categories(year, key)
    for c in [x for x in st.categories(year - 1, key) if x not in cats]:
        cats.append(c)
    for c in cats + [None]:
        o_now, o_prev = st.official_cell(year, key, c), st.official_cell(year - 1, key, c)
        d_now, d_prev = st.derived_cell(year, key, c).count, st.derived_cell(year - 1, key, c).count
        on, op = (o_now.count if o_now else None), (o_prev.count if o_prev else None)
        dp = d_prev if has_prev else None
        od, opct = change(on, op)
        dd, dpct = change(d_now, dp)
        t.add({"category": c or "合计", "official_prev": op, "official_now": on, "official_diff": od,
               "official_pct": opct, "derived_prev": dp, "derived_now": d_now, "derived_diff": dd,
               "derived_pct": dpct}, total=c is None)
    return t


def year_agency_keys(st: Stats, year: int) -> list[str]:
    """Agencies with figures (official or derived) in `year`."""
    keys = {k for (y, k) in st.published_on if y == year}
    keys |= {k for (y, k, _), d in st.derived.items() if y == year and (d.count or d.withdrawn)}
    return list(keys)


def agency_ranks(st: Stats, year: int) -> dict[str, dict]:
    keys = year_agency_keys(st, year)
    counts, fines, shares = {}, {}, {}
    for k in keys:
        o = st.official_cell(year, k, None)
        counts[k] = o.count if o else None
        fines[k] = o.fine if o else None
        shares[k] = st.timed_cell(year, k, None).share
    rc, rf, rs = competition_ranks(counts), competition_ranks(fines), competition_ranks(shares)
    return {k: {"count": rc.get(k), "fine": rf.get(k), "timely": rs.get(k),
                "of_count": len(rc), "of_fine": len(rf), "of_timely": len(rs)} for k in keys}


def agencies_table(st: Stats, year: int, csv_name: str) -> Table:
    cols = [Column("agency", "执法机关"),
            Column("official_count", "官方统计总数", "int"),
            Column("rank_count", "总数排名", "int"),
            Column("derived_count", "推算决定数", "int"),
            Column("official_fine", "官方罚款（元）", "yuan"),
            Column("rank_fine", "罚款排名", "int"),
            Column("derived_fine", "推算罚款（元）", "yuan"),
            Column("reviewed", "行政复议", "int"),
            Column("litigated", "行政诉讼", "int"),
            Column("corrected", "被纠错", "int"),
            Column("official_diff", "总数较上年", "delta"),
            Column("official_pct", "较上年（%）", "delta_pct")]
    t = Table("agencies", f"{year}年各执法机关执法数量、罚款与排名（按官方统计总数排序）", cols, csv_name=csv_name)
    ranks = agency_ranks(st, year)
    rows = []
    for k, r in ranks.items():
        a = st.agencies[k]
        o, d = st.official_cell(year, k, None), st.derived_cell(year, k, None)
        prev = st.official_cell(year - 1, k, None)
        diff, pct = change(o.count if o else None, prev.count if prev else None)
        values = {"agency": a.name, "official_count": o.count if o else None, "rank_count": r["count"],
                  "derived_count": d.count, "official_fine": o.fine if o else None, "rank_fine": r["fine"],
                  "derived_fine": d.fine if d.fines else None,
                  "reviewed": o.reviewed if o else None, "litigated": o.litigated if o else None,
                  "corrected": o.corrected if o else None, "official_diff": diff, "official_pct": pct}
        links = {"agency": agency_year_url(year, a)} if a.slug else {}
        rows.append((r["count"] or 10 ** 9, -d.count, a.name, values, links))
    for *_, values, links in sorted(rows, key=lambda x: x[:3]):
        t.add(values, links)
    return t


def reports_table(st: Stats, year: int, csv_name: str) -> Table:
    deadline = report_deadline(year, st.deadline_setting)
    cols = [Column("agency", "执法机关"), Column("published_on", "统计公布日期", "date"),
            Column("deadline", "公布期限", "date"), Column("status", "公布情况")]
    t = Table("reports", f"{year}年度执法统计的公布情况（期限：{fmt_date(deadline)}）", cols, csv_name=csv_name)
    keys = set(st.directory_keys) | {k for (y, k) in st.published_on if y == year}
    order = {ON_TIME: 2, NO_DATE: 1, LATE: 0, MISSING: 3, NOT_DUE: 4}
    rows = []
    for k in keys:
        status, day = st.report_status(year, k)
        a = st.agencies[k]
        links = {"agency": agency_year_url(year, a)} if a.slug else {}
        rows.append((order[status], a.name, {"agency": a.name, "published_on": day.isoformat() if day else None,
                                             "deadline": deadline.isoformat(), "status": STATUS_TEXT[status]}, links))
    for _, _, values, links in sorted(rows, key=lambda x: x[:2]):
        t.add(values, links)
    return t


TIMELINESS_COLUMNS = [Column("limit", "法定期限（工作日）", "int"),
                      Column("measured", "纳入计算的决定", "int"),
                      Column("on_time", "按时公示", "int"),
                      Column("late", "逾期公示", "int"),
                      Column("share", "按时率（%）", "pct"),
                      Column("median", "公示用时中位数（工作日）", "days")]


def _timed_values(t: Timed, limit) -> dict:
    return {"limit": limit, "measured": t.n, "on_time": t.on_time, "late": t.late, "share": t.share,
            "median": t.median}


def timeliness_by_category(st: Stats, year: int, key: str | None, caption: str, csv_name: str) -> Table:
    t = Table("timeliness", caption, [Column("category", "执法类别"), *TIMELINESS_COLUMNS], csv_name=csv_name)
    for c in st.categories(year, key):
        cell = st.timed_cell(year, key, c)
        if cell.n or c in MAIN_CATEGORIES:
            t.add({"category": c, **_timed_values(cell, publish_deadline_days(c))})
    t.add({"category": "合计", **_timed_values(st.timed_cell(year, key, None), None)}, total=True)
    return t


def timeliness_by_agency(st: Stats, year: int, csv_name: str) -> Table:
    cols = [Column("agency", "执法机关"), Column("category", "执法类别"), *TIMELINESS_COLUMNS,
            Column("rank", "按时率排名（机关）", "int")]
    t = Table("timeliness-agencies", f"{year}年各执法机关按类别的公示及时性", cols, csv_name=csv_name)
    ranks = agency_ranks(st, year)
    keys = sorted({k for (y, k, _), v in st.timed.items() if y == year and v.n},
                  key=lambda k: (ranks.get(k, {}).get("timely") or 10 ** 9, st.agencies[k].name))
    for k in keys:
        a = st.agencies[k]
        links = {"agency": agency_year_url(year, a)} if a.slug else {}
        for c in st.categories(year, k):
            cell = st.timed_cell(year, k, c)
            if cell.n:
                t.add({"agency": a.name, "category": c, **_timed_values(cell, publish_deadline_days(c)),
                       "rank": None}, links)
        t.add({"agency": a.name, "category": "全部类别", **_timed_values(st.timed_cell(year, k, None), None),
               "rank": ranks.get(k, {}).get("timely")}, links, total=True)
    return t


def late_table(st: Stats, year: int, key: str | None, caption: str, csv_name: str, show_agency=True) -> Table:
    cols = [Column("decision_no", "决定书文号")]
    if show_agency:
        cols.append(Column("agency", "执法机关"))
    cols += [Column("category", "执法类别"), Column("decision_date", "作出决定日期", "date"),
             Column("publish_date", "公示日期", "date"), Column("deadline", "公示期限", "date"),
             Column("limit", "法定期限（工作日）", "int"), Column("delay", "实际用时（工作日）", "int")]
    t = Table("late", caption, cols, csv_name=csv_name)
    entries = [e for (y, k), es in st.late.items() if y == year and (key is None or k == key) for e in es]
    entries.sort(key=lambda e: (-e["delay"], e["decision_date"], e["decision_no"]))
    for e in entries:
        a = st.agencies[e["agency_key"]]
        links = {"decision_no": e["url"]}
        if show_agency and a.slug:
            links["agency"] = agency_year_url(year, a)
        t.add({"decision_no": e["decision_no"], "agency": e["agency"], "category": e["category"],
               "decision_date": e["decision_date"].isoformat(), "publish_date": e["publish_date"].isoformat(),
               "deadline": e["deadline"].isoformat(), "limit": e["limit"], "delay": e["delay"]}, links)
    return t


def overview_table(st: Stats, csv_name: str) -> Table:
    cols = [Column("year", "年度"), Column("official_count", "官方统计总数", "int"),
            Column("derived_count", "推算决定数", "int"),
            Column("official_fine", "官方罚款（元）", "yuan"),
            Column("derived_fine", "推算罚款（元）", "yuan"),
            Column("agencies_reported", "报送统计的机关", "int"),
            Column("deadline", "统计公布期限", "date"),
            Column("report_status", "统计公布情况"),
            Column("timely_share", "决定按时公示率（%）", "pct")]
    t = Table("years", "历年执法统计概览", cols, csv_name=csv_name)
    for y in sorted(st.years, reverse=True):
        o, d = st.official_cell(y, None, None), st.derived_cell(y, None, None)
        t.add({"year": y, "official_count": o.count if o else None, "derived_count": d.count,
               "official_fine": o.fine if o else None,
               "derived_fine": d.fine if d.fines else None,
               "agencies_reported": len(st.reported(y)),
               "deadline": report_deadline(y, st.deadline_setting).isoformat(),
               "report_status": year_report_summary(st, y)["text"],
               "timely_share": st.timed_cell(y, None, None).share}, {"year": year_url(y)})
    return t


def year_report_summary(st: Stats, year: int) -> dict:
    """Whether `year`'s report was published on time, in one phrase, with counts."""
    deadline = report_deadline(year, st.deadline_setting)
    reported = st.reported(year)
    counts = defaultdict(int)
    days = []
    for k in reported:
        status, day = st.report_status(year, k)
        counts[status] += 1
        if day:
            days.append(day)
    missing = [k for k in st.directory_keys if k not in reported]
    if not reported:
        text = "尚未到公布期限" if st.today <= deadline else "未见统计数据"
    elif counts[LATE]:
        text = "逾期公布" if counts[LATE] == len(reported) else "部分机关逾期公布"
    elif counts[NO_DATE] and not counts[ON_TIME]:
        text = "未注明公布日期"
    elif counts[NO_DATE]:
        text = "按时公布，部分未注明日期"
    else:
        text = "按时公布"
    if reported and missing and st.today > deadline:
        text += f"；{len(missing)} 个执法主体未见统计数据"
    return {"text": text, "deadline": deadline, "reported": len(reported), "on_time": counts[ON_TIME],
            "late": counts[LATE], "no_date": counts[NO_DATE], "missing": len(missing) if reported else 0,
            "first": min(days) if days else None, "last": max(days) if days else None,
            "due": st.today > deadline}
