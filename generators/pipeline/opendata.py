"""Machine-readable artefacts, as bytes: open data CSV/JSON, Atom feed,
sitemap.xml, robots.txt and index.json.

Everything here is built from the site model (published decisions and
notices only) and stamped with the build's reference date, never the clock.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from xml.sax.saxutils import escape, quoteattr

from .views import SiteModel

OPEN_DATA_COLUMNS = [
    ("decision_no", "决定书文号"), ("category", "执法类别"), ("agency", "执法机关"),
    ("item_code", "事项编码"), ("target_name", "相对人名称"), ("target_type", "相对人类型"),
    ("target_code", "统一社会信用代码"), ("legal_rep", "法定代表人（经营者）"),
    ("violation", "违法行为类型"), ("facts", "主要事实"), ("basis", "执法依据"), ("result", "执法结果"),
    ("penalty_types", "处罚种类"), ("fine", "罚款金额"), ("confiscated", "没收金额"),
    ("decision_date", "作出决定日期"), ("publish_date", "公示日期"), ("display_until", "公示截止日期"),
    ("url", "网址"),
]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value) -> str:
    """Excel formula injection: a cell starting with = + - @ is prefixed with '."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def absolute(site_url: str, path: str) -> str:
    return f"{site_url.rstrip('/')}/{path}"


def decisions_csv(model: SiteModel, site_url: str) -> bytes:
    # Written row by row into UTF-8 bytes (with a BOM for Excel): a text
    # buffer of the whole file would hold it as 4-byte characters.
    buf = io.BytesIO()
    text = io.TextIOWrapper(buf, encoding="utf-8", newline="", write_through=True)
    text.write("\ufeff")
    writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([zh for _, zh in OPEN_DATA_COLUMNS])
    for v in model.decisions:
        row = []
        for key, _ in OPEN_DATA_COLUMNS:
            value = v.get(key, "")
            if key == "penalty_types":
                value = "；".join(value)
            elif key == "url":
                value = absolute(site_url, v["url"])
            row.append(neutralise_cell(value))
        writer.writerow(row)
    text.flush()
    text.detach()
    return buf.getvalue()


def decisions_json(model: SiteModel, site_url: str) -> bytes:
    keys = [k for k, _ in OPEN_DATA_COLUMNS if k not in ("fine", "confiscated")]
    keys += ["fine_yuan", "confiscated_yuan"]
    records = []
    for v in model.decisions:
        rec = {k: v.get(k) for k in keys}
        rec["url"] = absolute(site_url, v["url"])
        rec["withheld"] = v["withheld"]
        records.append(rec)
    doc = {
        "generated": model.today.isoformat(),
        "count": len(records),
        "fields": dict(OPEN_DATA_COLUMNS),
        "decisions": records,
        "withdrawals": [{k: n[k] for k in ("decision_no", "agency", "kind", "date", "reason", "replaced_by")}
                        | {"url": absolute(site_url, n["url"])} for n in model.notices],
    }
    return _json(doc)


def _json(doc) -> bytes:
    """json.dumps(doc, ensure_ascii=False, indent=1) + newline, as UTF-8,
    encoded piece by piece (the same bytes; no whole-file str in memory)."""
    out = io.BytesIO()
    pieces: list[str] = []
    for piece in json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=False).iterencode(doc):
        pieces.append(piece)
        if len(pieces) >= 4096:
            out.write("".join(pieces).encode("utf-8"))
            pieces.clear()
    pieces.append("\n")
    out.write("".join(pieces).encode("utf-8"))
    return out.getvalue()


def stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def atom_feed(model: SiteModel, site_url: str, title: str, limit: int = 50) -> bytes:
    feed_url = absolute(site_url, "feeds/decisions.atom.xml")
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
           f"<title>{escape(title)}：最新执法决定</title>",
           f'<link href={quoteattr(absolute(site_url, ""))} rel="alternate"/>',
           f'<link href={quoteattr(feed_url)} rel="self"/>',
           f"<id>{escape(feed_url)}</id>",
           f"<updated>{stamp(model.today)}</updated>"]
    for v in model.decisions[:limit]:
        url = absolute(site_url, v["url"])
        summary = f"{v['agency']} {v['category']}：{v['target_name']}，{v['result']}"
        out += ["<entry>",
                f"<title>{escape(v['decision_no'])}</title>",
                f"<link href={quoteattr(url)} rel=\"alternate\"/>",
                f"<id>{escape(url)}</id>",
                f"<published>{stamp(dt.date.fromisoformat(v['publish_date']))}</published>",
                f"<updated>{stamp(dt.date.fromisoformat(v['publish_date']))}</updated>",
                f"<author><name>{escape(v['agency'])}</name></author>",
                f"<summary>{escape(summary[:500])}</summary>",
                "</entry>"]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def sitemap_xml(urls: list[str], site_url: str, lastmod: dt.date) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for u in sorted(set(urls)):
        out.append(f"<url><loc>{escape(absolute(site_url, u))}</loc><lastmod>{lastmod.isoformat()}</lastmod></url>")
    out.append("</urlset>")
    return ("\n".join(out) + "\n").encode("utf-8")


def robots_txt(site_url: str) -> bytes:
    return (f"User-agent: *\nAllow: /\nDisallow: /search/t/\nDisallow: /search/x/\nDisallow: /search/m/\n"
            f"Sitemap: {absolute(site_url, 'sitemap.xml')}\n").encode("utf-8")


def index_json(model: SiteModel, extra: dict | None = None) -> bytes:
    counts = model.counts
    doc = {
        "generated": stamp(model.today),
        "data_as_of": model.today.isoformat(),
        "counts": {
            "published": counts.get("published", 0),
            "withdrawal_notices": counts.get("withdrawn", 0),
            "agencies": len(model.agencies),
            "officers": len(model.officers),
            "items": len(model.items),
        },
        "files": {
            "decisions_csv": "opendata/decisions.csv",
            "decisions_json": "opendata/decisions.json",
            "feed": "feeds/decisions.atom.xml",
            "sitemap": "sitemap.xml",
        },
        **(extra or {}),
    }
    return _json(doc)
