"""The statistics section: /statistics/, /statistics/<year>/,
/statistics/<year>/<agency-slug>/ and /statistics/methods/, with their
charts (SVG), CSV (UTF-8 with BOM) and JSON files at stable URLs next to
each page.

`statistics_section(model, ds, settings) -> pages.Output`, listed in
generators.pages.SECTIONS. No Pelican imports.
"""
from __future__ import annotations

from . import compute as cp
from .charts import WIDTH_PT, BarRow, ChartRenderer
from .tables import Table, dumps, fmt
from .workdays import SOURCE_LABELS, library_knows

NAV = {"url": "statistics/", "title": "统计数据", "order": 50}
SERIES = ("官方统计", "依公示决定推算")


def statistics_section(model, ds, settings: dict):
    from ..pages import Output, Page   # here, not at import time: pages imports this module

    st = cp.stats_for(ds, settings)
    charts = ChartRenderer()
    out = Output(nav=[dict(NAV)])
    base = "statistics/"

    def page(path, template, ctx):
        out.pages.append(Page(path, template, {"stats_page": ctx}))

    def files(path: str, prefix: str, tables: list[Table], meta: dict) -> list[dict]:
        """CSV per table and one JSON for the page; returns the download links."""
        links = []
        for t in tables:
            out.files[path + t.csv_name] = t.csv_bytes()
        json_name = prefix + ".json"
        out.files[path + json_name] = dumps({**meta, "as_of": st.today.isoformat(),
                                             "tables": [t.as_json() for t in tables]})
        links.append({"url": path + json_name, "label": "本页全部表格（JSON）"})
        return links

    def chart(path: str, name: str, table: Table, label_key: str, title: str, missing: str) -> dict | None:
        rows = [r for r in table.rows if not r.total]
        bar_rows = []
        for r in rows:
            o, d = r.values.get("official_count"), r.values.get("derived_count")
            bar_rows.append(BarRow(str(r.values[label_key]), (o, d), (fmt(o, "int"), fmt(d, "int"))))
        if not any(v for b in bar_rows for v in b.values):
            return None
        desc = "；".join(f"{b.label}：{SERIES[0]} {b.texts[0] if b.values[0] is not None else missing}，"
                        f"{SERIES[1]} {b.texts[1]}" for b in bar_rows)
        svg = charts.bars(bar_rows, SERIES, title=title, desc=desc, missing_text=missing)
        out.files[path + name] = svg
        height = svg.split(b'height="', 1)[1].split(b'pt"', 1)[0].decode()
        # SVG user units are points: shown at 4/3 px per pt, like any 12pt text
        return {"url": path + name, "title": title, "alt": f"{title}。{desc}", "width": round(WIDTH_PT * 4 / 3),
                "height": round(float(height) * 4 / 3), "table_id": table.id}

    # --- overview --------------------------------------------------------------
    years_desc = sorted(st.years, reverse=True)
    overview = cp.overview_table(st, "statistics.csv")
    ov_chart = chart(base, "chart.svg", overview, "year", "历年执法数量：官方统计与依公示决定推算",
                     "无官方统计")
    summaries = {y: cp.year_report_summary(st, y) for y in st.years}
    page(base, "statistics.html", {
        "title": "执法统计数据", "years": years_desc, "summaries": summaries,
        "tables": [_html(overview, base)], "chart": ov_chart,
        "downloads": files(base, "statistics", [overview], {"title": "历年执法统计概览"}),
        "deadline_setting": _deadline_text(st.deadline_setting),
        "agencies_total": len(st.directory_keys),
    })

    # --- year pages -------------------------------------------------------------
    for y in st.years:
        path = f"{base}{y}/"
        p = f"statistics-{y}"
        cats = cp.category_table(st, y, None, "categories", f"{y}年各类执法数量、罚款、复议诉讼与纠错", f"{p}.csv")
        tables = [
            cats,
            cp.change_table(st, y, None, "change", f"{y}年与{y - 1}年相比的变化", f"{p}-change.csv"),
            cp.agencies_table(st, y, f"{p}-agencies.csv"),
            cp.timeliness_by_category(st, y, None, f"{y}年作出的执法决定按类别的公示及时性（全部机关）",
                                      f"{p}-timeliness.csv"),
            cp.timeliness_by_agency(st, y, f"{p}-timeliness-agencies.csv"),
            cp.late_table(st, y, None, f"{y}年作出、逾期公示的执法决定（仅列公示中的决定）", f"{p}-late.csv"),
            cp.reports_table(st, y, f"{p}-reports.csv"),
        ]
        no_official = st.official_cell(y, None, None) is None
        ch = chart(path, f"chart-{y}.svg", cats, "category", f"{y}年各类执法数量：官方统计与依公示决定推算",
                   "无官方统计" if no_official else "未填报")
        total_o, total_d = st.official_cell(y, None, None), st.derived_cell(y, None, None)
        page(path, "statistics_year.html", {
            "title": f"{y}年度执法统计", "year": y, "years": years_desc,
            "summary": summaries[y], "official_total": total_o.count if total_o else None,
            "derived_total": total_d.count, "timely": st.timed_cell(y, None, None),
            "fine_withheld": total_d.withheld,
            "has_data": not no_official or bool(total_d.count or total_d.withdrawn),
            "current_year": y >= st.today.year,
            "tables": {t.id: _html(t, path) for t in tables}, "chart": ch,
            "calendar": _calendar(st, y, ""),
            "downloads": files(path, p, tables, {"title": f"{y}年度执法统计", "year": y}),
        })

        # --- agency-year pages ----------------------------------------------------
        ranks = cp.agency_ranks(st, y)
        for key in st.agencies:
            a = st.agencies[key]
            if not a.slug or (key not in st.directory_keys and key not in ranks):
                continue
            apath = f"{path}{a.slug}/"
            ap = f"statistics-{y}-{a.slug}"
            acats = cp.category_table(st, y, key, "categories", f"{a.name}{y}年各类执法数量、罚款、复议诉讼与纠错",
                                      f"{ap}.csv")
            atables = [
                acats,
                cp.change_table(st, y, key, "change", f"{a.name}{y}年与{y - 1}年相比的变化", f"{ap}-change.csv"),
                cp.timeliness_by_category(st, y, key, f"{a.name}{y}年作出的执法决定按类别的公示及时性",
                                          f"{ap}-timeliness.csv"),
                cp.late_table(st, y, key, f"{a.name}{y}年作出、逾期公示的执法决定（仅列公示中的决定）",
                              f"{ap}-late.csv", show_agency=False),
            ]
            a_official = st.official_cell(y, key, None)
            status, day = st.report_status(y, key)
            ach = chart(apath, f"chart-{y}-{a.slug}.svg", acats, "category",
                        f"{a.name}{y}年各类执法数量：官方统计与依公示决定推算",
                        "无官方统计" if a_official is None else "未填报")
            ad = st.derived_cell(y, key, None)
            page(apath, "statistics_agency.html", {
                "title": f"{a.name}{y}年度执法统计", "year": y, "agency": {"name": a.name, "slug": a.slug},
                "in_directory": key in st.directory_keys,
                "years": [yy for yy in years_desc], "ranks": ranks.get(key),
                "report": {"status": cp.STATUS_TEXT[status], "code": status, "day": day,
                           "deadline": cp.report_deadline(y, st.deadline_setting)},
                "official_total": a_official.count if a_official else None, "derived_total": ad.count,
                "fine_withheld": ad.withheld, "timely": st.timed_cell(y, key, None),
                "has_data": a_official is not None or bool(ad.count or ad.withdrawn),
                "current_year": y >= st.today.year,
                "tables": {t.id: _html(t, apath) for t in atables}, "chart": ach,
                "calendar": _calendar(st, y, key),
                "downloads": files(apath, ap, atables, {"title": f"{a.name}{y}年度执法统计", "year": y,
                                                         "agency": a.name}),
            })

    # --- methods ----------------------------------------------------------------
    known = [y for y in range(2004, st.today.year + 2) if library_knows(y)]
    extra_years = sorted(st.calendar.extra_years)
    page(f"{base}methods/", "statistics_methods.html", {
        "title": "统计口径与方法说明",
        "deadline_setting": _deadline_text(st.deadline_setting),
        "library_years": (known[0], known[-1]) if known else None,
        "holiday_years": [y for y in extra_years if not library_knows(y)],
        "source_labels": SOURCE_LABELS,
        "duplicates": st.duplicates,
        "categories": cp.MAIN_CATEGORIES,
    })
    return out


def _html(t: Table, path: str) -> dict:
    return {"id": t.id, "caption": t.caption, "note": t.note,
            "columns": [{"label": c.label, "num": c.numeric} for c in t.columns],
            "rows": t.html_rows(), "csv_url": path + t.csv_name, "empty": not t.rows}


def _calendar(st: cp.Stats, year: int, key: str) -> list[dict]:
    years = st.calendar_years.get((year, key), set())
    return [dict(s, label=SOURCE_LABELS[s["source"]]) for s in st.calendar.sources_for(years)]


def _deadline_text(setting: str) -> str:
    d = cp.report_deadline(2000, setting)
    return f"次年{d.month}月{d.day}日"


def context_vars(ds, settings: dict) -> dict:
    """`agency_stats` {agency slug: {"rows": [...]}} for the agency pages
    (_agency_stats.html): one row per year with figures, newest first."""
    st = cp.stats_for(ds, settings)
    out = {}
    for key in st.directory_keys:
        a = st.agencies[key]
        rows = []
        for y in sorted(st.years, reverse=True):
            o, d = st.official_cell(y, key, None), st.derived_cell(y, key, None)
            if o is None and not d.count:
                continue
            timely = st.timed_cell(y, key, None)
            rows.append({"year": y, "url": cp.agency_year_url(y, a),
                         "official": fmt(o.count if o else None, "int"), "derived": fmt(d.count, "int"),
                         "fine": fmt(o.fine if o else None, "yuan"),
                         "reviewed": fmt(o.reviewed if o else None, "int"),
                         "litigated": fmt(o.litigated if o else None, "int"),
                         "corrected": fmt(o.corrected if o else None, "int"),
                         "timely": fmt(timely.share, "pct"),
                         "report": cp.STATUS_TEXT[st.report_status(y, key)[0]]})
        if rows:
            out[a.slug] = {"rows": rows, "url": NAV["url"]}
    return {"agency_stats": out}


__all__ = ["statistics_section", "context_vars", "NAV"]
