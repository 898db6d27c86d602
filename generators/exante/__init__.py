"""Ex-ante disclosure (事前公开 / 事中公示), issue 4: the subjects directory,
officers, the item catalogue and the procedure guides' index.

`section(model, ds, settings)` is listed in generators.pages.SECTIONS;
`context_vars(model)` gives what every page may use (decision pages link
their item through `item_urls`, agency pages show their officers and items
through `agency_exante`, the /agencies/ index is `agency_directory`). The
procedure guides themselves are Markdown pages under content/pages/guides/.
"""
from __future__ import annotations

from ..pipeline.gather import Dataset
from ..pipeline.views import Listing, SiteModel
from .model import (Exante, agency_filters, build_exante, category_filters, items_agency_url,
                    items_category_url, officer_url, officers_url, state_summary)

ITEMS_PER_PAGE = 100
# Above this many officers /officers/ lists the subjects only, each linking to its own list.
OFFICERS_ALL_MAX = 3000

_cache: tuple | None = None


def exante_for(model: SiteModel) -> Exante:
    """The ex-ante views of a site model, computed once per model."""
    global _cache
    if _cache is None or _cache[0] is not model:
        _cache = (model, build_exante(model))
    return _cache[1]


def context_vars(model: SiteModel) -> dict:
    ex = exante_for(model)
    return {"item_urls": ex.item_urls, "agency_exante": ex.agency_exante, "agency_directory": ex.directory}


def section(model: SiteModel, ds: Dataset, settings: dict):
    from ..pages import Output, Page  # pages lists this section: import it late

    ex = exante_for(model)
    site = settings.get("PORTAL_SITE", {})
    out = Output(nav=[{"url": "officers/", "title": "执法人员", "order": 30},
                      {"url": "items/", "title": "执法事项", "order": 40},
                      {"url": "guides/", "title": "办事指南", "order": 60}])
    by_slug = {a["slug"]: a for a in model.agencies}

    # Officers: all of them grouped by subject (directory order), and one page per subject.
    groups = []
    for level in ex.directory:
        entries = []
        for kind in level["kinds"]:
            for a in kind["agencies"]:
                offs = ex.officers_by_agency.get(a["slug"])
                if offs:
                    entries.append({"agency": a, "officers": offs, "states": state_summary(offs),
                                    "url": officers_url(a["slug"])})
        if entries:
            groups.append({"title": level["title"], "id": level["id"], "entries": entries})
    show_all = len(ex.officers) <= site.get("officers_all_max", OFFICERS_ALL_MAX)
    out.pages.append(Page("officers/", "officers.html", {
        "groups": groups, "total": len(ex.officers), "states": state_summary(ex.officers), "show_all": show_all}))
    for slug, offs in ex.officers_by_agency.items():
        out.pages.append(Page(officers_url(slug), "officers_agency.html", {
            "agency": by_slug[slug], "officers": offs, "states": state_summary(offs)}))

    # Item catalogue: all, by category, by subject (paginated), and one page per item.
    per_page = site.get("items_per_page", ITEMS_PER_PAGE)
    cats = category_filters(ex)
    ags = agency_filters(ex, model.agencies)
    listings = [Listing("items/", "行政执法事项目录", ex.items, "items")]
    for c in cats:
        listings.append(Listing(c["url"], f"{c['category']}事项", ex.items_by_category[c["category"]],
                                "category", c["category"]))
    for a in ags:
        listings.append(Listing(a["url"], f"{a['name']}执法事项", ex.items_by_agency[a["slug"]],
                                "agency", a["name"], {"agency": by_slug[a["slug"]]}))
    for listing in listings:
        for url, page in listing.pages(per_page):
            out.pages.append(Page(url, "items.html", {
                "listing": listing, "page": page, "item_categories": cats, "item_agencies": ags,
                "total_items": len(ex.items), **listing.extra}))
    for item in ex.items:
        out.pages.append(Page(item["url"], "item.html", {
            "item": item, "agency": by_slug.get(item["agency_slug"])}))

    # Guides: the index of the Markdown guides (pages with a `Guide:` order).
    out.pages.append(Page("guides/", "guides.html", {}))
    return out


__all__ = ["section", "context_vars", "exante_for", "officer_url", "officers_url", "items_agency_url",
           "items_category_url"]
