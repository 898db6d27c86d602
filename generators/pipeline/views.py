"""View models: plain dicts the templates render, built from a Dataset.

Only published decisions and withdrawal notices ever enter a view model;
removed decisions are not passed on, so no template can show them.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .decisions import Decision
from .gather import Dataset
from .privacy import mask_text
from .publication import Outcome
from .schema import CATEGORIES, category_slug

WITHHELD = "依法不予公开"
PER_PAGE = 50


def fmt_yuan(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    return f"{text} 元"


def fmt_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def decision_url(slug: str) -> str:
    return f"decisions/{slug}/"


def agency_url(slug: str) -> str:
    return f"agencies/{slug}/"


def decision_view(o: Outcome) -> dict:
    """Everything a decision page, listing or data file may show (already redacted)."""
    d: Decision = o.decision
    withheld = set(d.withheld)

    def shown(name, value):
        return WITHHELD if name in withheld else value

    return {
        "slug": d.slug,
        "url": decision_url(d.slug),
        "decision_no": d.decision_no,
        "category": d.category,
        "category_slug": d.category_slug,
        "agency": d.agency,
        "agency_slug": d.agency_slug,
        "agency_url": agency_url(d.agency_slug),
        "item_code": shown("item_code", d.item_code),
        "target_name": shown("target_name", d.target_name),
        "target_type": d.target_type,
        "target_code": shown("target_code", d.target_code),
        "legal_rep": shown("legal_rep", d.legal_rep),
        "violation": shown("violation", d.violation),
        "facts": shown("facts", d.facts),
        "basis": shown("basis", d.basis),
        "result": shown("result", d.result),
        "penalty_types": [WITHHELD] if "penalty_types" in withheld else list(d.penalty_types),
        "fine": shown("fine_yuan", fmt_yuan(d.fine_yuan)),
        "fine_yuan": None if "fine_yuan" in withheld or d.fine_yuan is None else float(d.fine_yuan),
        "confiscated": shown("confiscated_yuan", fmt_yuan(d.confiscated_yuan)),
        "confiscated_yuan": None if "confiscated_yuan" in withheld or d.confiscated_yuan is None
        else float(d.confiscated_yuan),
        "decision_date": d.decision_date.isoformat(),
        "decision_date_zh": fmt_date(d.decision_date),
        "publish_date": d.publish_date.isoformat(),
        "publish_date_zh": fmt_date(d.publish_date),
        "display_until": o.last_day.isoformat(),
        "display_until_zh": fmt_date(o.last_day),
        "severity": d.severity,
        "year": d.year,
        "withheld": sorted(withheld),
    }


def notice_view(o: Outcome, published_slugs: set[str]) -> dict:
    """A withdrawal notice carries number, agency, date, kind and reason: nothing else."""
    d, w = o.decision, o.withdrawal
    from .ids import decision_slug

    replaced = w.replaced_by if w and w.replaced_by else ""
    replaced_slug = decision_slug(replaced) if replaced else ""
    return {
        "slug": d.slug,
        "url": decision_url(d.slug),
        "decision_no": d.decision_no,
        "agency": d.agency,
        "agency_url": agency_url(d.agency_slug),
        "kind": w.kind,
        "date": w.date.isoformat(),
        "date_zh": fmt_date(w.date),
        # free text from the data: masked like every other (the persons of the decision)
        "reason": mask_text(w.reason, d.persons),
        # A replacing decision is named only once it is itself public.
        "replaced_by": replaced if replaced_slug in published_slugs else "",
        "replaced_url": decision_url(replaced_slug) if replaced_slug in published_slugs else "",
    }


class PageURLs:
    """The URLs of a listing's pages, made on demand: every page links to its
    neighbours, and a list per page would make P pages hold P * P strings
    (hundreds of MB for a listing of 100k decisions). One per listing."""

    __slots__ = ("base_url", "count")

    def __init__(self, base_url: str, count: int):
        self.base_url, self.count = base_url, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i: int) -> str:
        if not isinstance(i, int):
            raise TypeError("page index must be an int")
        if i < 0:
            i += self.count
        if not 0 <= i < self.count:
            raise IndexError(i)
        return self.base_url if i == 0 else f"{self.base_url}page/{i + 1}/"

    def __iter__(self):
        return (self[i] for i in range(self.count))

    def __eq__(self, other) -> bool:
        return list(self) == list(other)

    def __reduce__(self):  # pickles (and so fingerprints) as its parameters
        return (PageURLs, (self.base_url, self.count))


@dataclass
class Listing:
    """A paginated list of decisions at a base URL."""
    base_url: str
    title: str
    items: list[dict]
    kind: str = "all"
    key: str = ""
    extra: dict = field(default_factory=dict)

    def pages(self, per_page: int = PER_PAGE):
        n = max(1, -(-len(self.items) // per_page))
        urls = PageURLs(self.base_url, n)
        for i in range(n):
            yield urls[i], {
                "number": i + 1,
                "count": n,
                "entries": self.items[i * per_page:(i + 1) * per_page],
                "total": len(self.items),
                "first_index": i * per_page + 1,
                "urls": urls,
            }


@dataclass
class SiteModel:
    today: dt.date
    decisions: list[dict]
    notices: list[dict]
    listings: list[Listing]
    agencies: list[dict]
    category_counts: list[dict]
    years: list[int]
    counts: dict
    officers: list[dict]
    items: list[dict]


def build_site_model(ds: Dataset) -> SiteModel:
    decisions = [decision_view(o) for o in ds.published]
    decisions.sort(key=lambda v: (v["publish_date"], v["decision_date"], v["decision_no"]), reverse=True)
    slugs = {v["slug"] for v in decisions}
    notices = [notice_view(o, slugs) for o in ds.notices]
    notices.sort(key=lambda v: (v["date"], v["decision_no"]), reverse=True)

    by_year, by_cat, by_agency = defaultdict(list), defaultdict(list), defaultdict(list)
    for v in decisions:
        by_year[v["year"]].append(v)
        by_cat[v["category"]].append(v)
        by_agency[v["agency_slug"]].append(v)
    notices_by_agency = defaultdict(list)
    for n in notices:
        notices_by_agency[n["agency_url"]].append(n)

    listings = [Listing("decisions/", "全部执法决定", decisions)]
    years = sorted(by_year, reverse=True)
    for y in years:
        listings.append(Listing(f"decisions/year/{y}/", f"{y}年作出的执法决定", by_year[y], "year", str(y)))
    for c in CATEGORIES:
        if by_cat.get(c):
            listings.append(Listing(f"decisions/category/{category_slug(c)}/", c, by_cat[c], "category", c))

    agencies = []
    officers_by_agency = defaultdict(list)
    for r in ds.officers:
        officers_by_agency[r.values["agency"]].append(r.values)
    for s in ds.directory.subjects:
        url = agency_url(s.slug)
        cats = Counter(v["category"] for v in by_agency.get(s.slug, []))
        agency = {
            "name": s.name, "slug": s.slug, "url": url, "code": s.code, "kind": s.kind, "level": s.level,
            "parent": s.parent, "duties": s.duties, "basis": s.basis, "address": s.address,
            "phone": s.phone, "remedy": s.remedy, "aliases": s.aliases,
            "decision_count": len(by_agency.get(s.slug, [])),
            "category_counts": [{"category": c, "count": cats[c]} for c in CATEGORIES if cats.get(c)],
            "notices": notices_by_agency.get(url, []),
            "officer_count": len(officers_by_agency.get(s.name, [])),
        }
        agencies.append(agency)
        listings.append(Listing(url, s.name, by_agency.get(s.slug, []), "agency", s.name, {"agency": agency}))

    counter = Counter(v["category"] for v in decisions)
    category_counts = [{"category": c, "slug": category_slug(c), "count": counter[c]}
                       for c in CATEGORIES if counter.get(c)]
    officers = [dict(r.values) for r in ds.officers]
    items = [dict(r.values) for r in ds.items]
    return SiteModel(ds.today, decisions, notices, listings, agencies, category_counts, years,
                     ds.counts(), officers, items)
