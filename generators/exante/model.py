"""View models of the ex-ante disclosure (事前公开 / 事中公示): the subjects
directory, officers and the item catalogue, as plain dicts for templates.

Pure functions of the site model; no Pelican. Officers are copied field by
field from a fixed list (PUBLIC_OFFICER_FIELDS): whatever else an export
carries never reaches a view.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..pipeline.ids import sha256_hex
from ..pipeline.schema import CATEGORIES, category_slug
from ..pipeline.views import SiteModel, agency_url, fmt_date

# What the law makes public about an officer; nothing else is ever shown.
PUBLIC_OFFICER_FIELDS = ("name", "cert_no", "domain", "status", "valid_until", "agency", "agency_slug")

LEVELS = ("市级", "区级", "乡镇街道")
LEVEL_TITLES = {"市级": "市级执法主体", "区级": "区级执法主体", "乡镇街道": "乡镇（街道）执法主体", "": "未注明层级的执法主体"}
LEVEL_IDS = {"市级": "level-city", "区级": "level-district", "乡镇街道": "level-township", "": "level-other"}
KINDS = ("行政机关", "法律法规授权组织", "受委托组织")

# Certificate states, worst first: the label is what a citizen reads.
VALID, EXPIRED, SUSPENDED, REVOKED, UNKNOWN = "valid", "expired", "suspended", "revoked", "unknown"
STATE_LABELS = {VALID: "有效", EXPIRED: "已过期", SUSPENDED: "暂扣", REVOKED: "注销", UNKNOWN: "未注明"}
STATE_NOTES = {
    VALID: "",
    EXPIRED: "执法证已超过有效期，不得从事执法活动",
    SUSPENDED: "执法证暂扣，暂停执法资格",
    REVOKED: "执法证已注销，不得从事执法活动",
    UNKNOWN: "证件状态未注明，请向所属机关核实",
}
STATE_ORDER = (VALID, SUSPENDED, REVOKED, EXPIRED, UNKNOWN)

# Path segments under items/ that an item slug must not take.
RESERVED_ITEM_SLUGS = {"category", "agency", "page"}
_ASCII_SLUG = re.compile(r"[a-z0-9][a-z0-9._-]{0,79}")
_ANCHOR_SAFE = re.compile(r"[A-Za-z0-9-]{1,64}")

# Which guide explains the procedure of an item's category (Markdown pages, pages/<slug>/).
CATEGORY_GUIDES = {
    "行政处罚": [("pages/guide-penalty-general/", "行政处罚普通程序"), ("pages/guide-penalty-simple/", "行政处罚简易程序")],
    "行政许可": [("pages/guide-licensing/", "行政许可办理流程")],
    "行政检查": [("pages/guide-inspection/", "行政检查与“双随机、一公开”")],
}
REMEDY_GUIDE = ("pages/guide-review-litigation/", "如何申请行政复议、提起行政诉讼")


def officers_url(agency_slug: str) -> str:
    return f"officers/{agency_slug}/"


def officer_anchor(cert_no: str) -> str:
    """The HTML id of an officer's row: cert- + the number, or a hash if it has other characters."""
    return "cert-" + (cert_no if _ANCHOR_SAFE.fullmatch(cert_no) else sha256_hex(cert_no)[:12])


def officer_url(agency_slug: str, cert_no: str) -> str:
    """Where an officer is listed: the row on the subject's officer page (used by the search index)."""
    return f"{officers_url(agency_slug)}#{officer_anchor(cert_no)}"


def item_slug(code: str) -> str:
    """ASCII slug of an item code: the code lower-cased, or i- + 12 hex of SHA-256(code)."""
    low = code.lower()
    if _ASCII_SLUG.fullmatch(low) and low not in RESERVED_ITEM_SLUGS and not low.endswith("."):
        return low
    return "i-" + sha256_hex(code)[:12]


def item_url(slug: str) -> str:
    return f"items/{slug}/"


def items_category_url(cat_slug: str) -> str:
    return f"items/category/{cat_slug}/"


def items_agency_url(agency_slug: str) -> str:
    return f"items/agency/{agency_slug}/"


def certificate_state(status: str, valid_until: dt.date | None, today: dt.date) -> str:
    if status == "注销":
        return REVOKED
    if status == "暂扣":
        return SUSPENDED
    if valid_until is not None and valid_until < today:
        return EXPIRED
    if status == "有效":
        return VALID
    return UNKNOWN


def officer_view(values: dict, today: dt.date) -> dict:
    """Only the public fields of an officer, with the certificate's state spelled out."""
    o = {k: values.get(k) for k in PUBLIC_OFFICER_FIELDS}
    valid_until = o["valid_until"]
    state = certificate_state(o["status"] or "", valid_until, today)
    slug = o["agency_slug"] or ""
    return {
        "name": o["name"] or "",
        "cert_no": o["cert_no"] or "",
        "domain": o["domain"] or "",
        "agency": o["agency"] or "",
        "agency_slug": slug,
        "agency_url": agency_url(slug),
        "status": o["status"] or "",
        "valid_until": valid_until.isoformat() if valid_until else "",
        "valid_until_zh": fmt_date(valid_until),
        "expired": bool(valid_until and valid_until < today),
        "state": state,
        "label": STATE_LABELS[state],
        "note": STATE_NOTES[state],
        "ok": state == VALID,
        "anchor": officer_anchor(o["cert_no"] or ""),
        "url": officer_url(slug, o["cert_no"] or ""),
    }


_TIER = re.compile(r"^([^，,：:；;。]{1,10})[：:](.+)$", re.S)


def benchmark_parts(text: str) -> list[dict]:
    """Split a benchmark like "轻微：…；一般：…；严重：…" into labelled parts.

    Returns [] when the text is not tiered (fewer than two labelled parts);
    the template then shows it as written."""
    if not text:
        return []
    segments = [s.strip() for s in re.split(r"[；;\n]+", text) if s.strip()]
    parts = []
    for s in segments:
        m = _TIER.match(s)
        parts.append({"label": m[1].strip(), "text": m[2].strip()} if m else {"label": "", "text": s})
    if len(parts) < 2 or sum(1 for p in parts if p["label"]) < 2:
        return []
    return parts


def item_view(values: dict, slug: str) -> dict:
    cat = values.get("category") or ""
    agency_slug = values.get("agency_slug") or ""
    return {
        "code": values["code"],
        "slug": slug,
        "url": item_url(slug),
        "name": values.get("name") or "",
        "category": cat,
        "category_slug": category_slug(cat) if cat else "",
        "category_url": items_category_url(category_slug(cat)) if cat else "",
        "agency": values.get("agency") or "",
        "agency_slug": agency_slug,
        # an implementing subject missing from subjects.csv is named, not linked
        "agency_url": agency_url(agency_slug) if agency_slug else "",
        "basis": values.get("basis") or "",
        "benchmark": values.get("benchmark") or "",
        "benchmark_parts": benchmark_parts(values.get("benchmark") or ""),
        "guides": [{"url": u, "title": t} for u, t in CATEGORY_GUIDES.get(cat, [])],
        "decision_count": 0,
        "decisions": [],
    }


@dataclass
class Exante:
    today: dt.date
    officers: list[dict]
    officers_by_agency: dict[str, list[dict]]
    officer_counts: dict[str, int]
    items: list[dict]
    items_by_agency: dict[str, list[dict]]
    items_by_category: dict[str, list[dict]]
    item_urls: dict[str, dict]
    directory: list[dict]
    agency_exante: dict[str, dict] = field(default_factory=dict)


def state_counts(officers: list[dict]) -> dict[str, int]:
    c = Counter(o["state"] for o in officers)
    return {s: c.get(s, 0) for s in STATE_ORDER}


def state_summary(officers: list[dict]) -> list[dict]:
    """[{"state", "label", "count"}] for the states present, in a fixed order."""
    counts = state_counts(officers)
    return [{"state": s, "label": STATE_LABELS[s], "count": counts[s]} for s in STATE_ORDER if counts[s]]


def build_exante(model: SiteModel, *, recent_decisions: int = 10, agency_preview: int = 30) -> Exante:
    today = model.today
    officers = [officer_view(v, today) for v in model.officers]
    officers.sort(key=lambda o: (o["agency"], o["cert_no"]))
    officers_by_agency: dict[str, list[dict]] = defaultdict(list)
    for o in officers:
        officers_by_agency[o["agency_slug"]].append(o)

    # Items: the first row of a code wins; slugs made unique.
    seen, rows = set(), []
    for v in model.items:
        if v.get("code") and v["code"] not in seen:
            seen.add(v["code"])
            rows.append(v)
    rows.sort(key=lambda v: v["code"])
    slugs = [item_slug(v["code"]) for v in rows]
    clashing = {s for s, n in Counter(slugs).items() if n > 1}
    items = [item_view(v, "i-" + sha256_hex(v["code"])[:12] if s in clashing else s) for v, s in zip(rows, slugs)]
    by_code = {i["code"]: i for i in items}
    for d in model.decisions:  # newest first already
        item = by_code.get(d.get("item_code") or "")
        if item is not None:
            item["decision_count"] += 1
            if len(item["decisions"]) < recent_decisions:
                item["decisions"].append(d)

    items_by_agency: dict[str, list[dict]] = defaultdict(list)
    items_by_category: dict[str, list[dict]] = defaultdict(list)
    for i in items:
        if i["agency_slug"]:
            items_by_agency[i["agency_slug"]].append(i)
        if i["category"]:
            items_by_category[i["category"]].append(i)
    item_urls = {i["code"]: {"url": i["url"], "name": i["name"]} for i in items}

    agency_exante = {}
    url_by_name = {a["name"]: a["url"] for a in model.agencies}
    for a in model.agencies:
        offs = officers_by_agency.get(a["slug"], [])
        its = items_by_agency.get(a["slug"], [])
        agency_exante[a["slug"]] = {
            "officer_list": offs[:agency_preview],
            "officer_total": len(offs),
            "officer_states": state_summary(offs),
            "officers_url": officers_url(a["slug"]) if offs else "",
            "item_list": its[:agency_preview],
            "item_total": len(its),
            "items_url": items_agency_url(a["slug"]) if its else "",
            "parent_url": url_by_name.get(a["parent"], ""),
        }
    directory = build_directory(model.agencies, agency_exante)
    return Exante(today, officers, dict(officers_by_agency), state_counts(officers), items,
                  dict(items_by_agency), dict(items_by_category), item_urls, directory, agency_exante)


def build_directory(agencies: list[dict], agency_exante: dict[str, dict]) -> list[dict]:
    """Subjects grouped by level (市级, 区级, 乡镇街道, then any other) and, within a level, by kind."""
    levels = list(LEVELS) + sorted({a["level"] for a in agencies} - set(LEVELS))
    kinds_order = list(KINDS)
    groups = []
    for level in levels:
        members = [a for a in agencies if a["level"] == level]
        if not members:
            continue
        kinds = []
        for kind in kinds_order + sorted({a["kind"] for a in members} - set(kinds_order)):
            rows = [dict(a, **{k: agency_exante.get(a["slug"], {}).get(k) for k in
                               ("officer_total", "item_total", "officers_url", "items_url", "parent_url")})
                    for a in members if a["kind"] == kind]
            if rows:
                kinds.append({"kind": kind or "未注明类型", "agencies": rows})
        groups.append({"level": level, "title": LEVEL_TITLES.get(level, f"{level}执法主体"),
                       "id": LEVEL_IDS.get(level, "level-" + sha256_hex(level)[:8]),
                       "count": len(members), "kinds": kinds})
    return groups


def category_filters(ex: Exante) -> list[dict]:
    return [{"category": c, "slug": category_slug(c), "url": items_category_url(category_slug(c)),
             "count": len(ex.items_by_category[c])} for c in CATEGORIES if ex.items_by_category.get(c)]


def agency_filters(ex: Exante, agencies: list[dict]) -> list[dict]:
    return [{"name": a["name"], "slug": a["slug"], "url": items_agency_url(a["slug"]),
             "count": len(ex.items_by_agency[a["slug"]])} for a in agencies if ex.items_by_agency.get(a["slug"])]
