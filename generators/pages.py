"""What the site consists of: every page (path, template, variables) and
every data file (path, bytes), computed from the site model.

Plain functions, no Pelican: the Pelican generator only writes what these
return. Each section is a function `(model, ds, settings) -> Output`;
sections are listed in SECTIONS, and the later issues add theirs there.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .pipeline import opendata
from .pipeline.gather import Dataset
from .pipeline.views import SiteModel
from .stats import statistics_section


@dataclass
class Page:
    path: str            # site-relative URL, "" for home; always ends with / or .html
    template: str
    vars: dict = field(default_factory=dict)
    in_sitemap: bool = True

    @property
    def output_name(self) -> str:
        return self.path if self.path.endswith(".html") else self.path + "index.html"


@dataclass
class Output:
    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    nav: list[dict] = field(default_factory=list)   # {"url": "officers/", "title": "执法人员", "order": 30}
    jobs: list = field(default_factory=list)        # background.Job: more files, made while pages render


Section = Callable[[SiteModel, Dataset, dict], Output]


def core_section(model: SiteModel, ds: Dataset, settings: dict) -> Output:
    out = Output(nav=[{"url": "decisions/", "title": "执法决定", "order": 10},
                      {"url": "agencies/", "title": "执法主体", "order": 20},
                      {"url": "withdrawals/", "title": "撤回公告", "order": 70},
                      {"url": "search/", "title": "搜索", "order": 90}])
    site = settings["PORTAL_SITE"]
    latest = model.decisions[:site.get("home_latest", 20)]
    out.pages.append(Page("", "index.html", {
        "latest": latest, "category_counts": model.category_counts, "years": model.years,
        "notices": model.notices[:5], "page_kind": "home"}))
    for listing in model.listings:
        template = "agency.html" if listing.kind == "agency" else "listing.html"
        for url, page in listing.pages(site.get("per_page", 50)):
            out.pages.append(Page(url, template, {
                "listing": listing, "page": page, "years": model.years,
                "category_counts": model.category_counts, **listing.extra}))
    for v in model.decisions:
        out.pages.append(Page(v["url"], "decision.html", {"d": v, "noarchive": True}))
    for n in model.notices:
        out.pages.append(Page(n["url"], "notice.html", {"n": n, "noarchive": True}))
    out.pages.append(Page("withdrawals/", "withdrawals.html", {"notices": model.notices}))
    out.pages.append(Page("agencies/", "agencies.html", {"agencies": model.agencies}))
    out.pages.append(Page("opendata/", "opendata.html", {"count": len(model.decisions)}))
    out.pages.append(Page("404.html", "404.html", {}, in_sitemap=False))

    site_url = settings.get("PORTAL_ABSOLUTE_URL") or "http://localhost:8000"
    out.files["opendata/decisions.csv"] = opendata.decisions_csv(model, site_url)
    out.files["opendata/decisions.json"] = opendata.decisions_json(model, site_url)
    out.files["feeds/decisions.atom.xml"] = opendata.atom_feed(model, site_url, site["name"])
    out.files["robots.txt"] = opendata.robots_txt(site_url)
    return out


def finish(out: Output, model: SiteModel, settings: dict, extra_index: dict | None = None) -> Output:
    """Pages that list every other page: the HTML site map, sitemap.xml, index.json."""
    site_url = settings.get("PORTAL_ABSOLUTE_URL") or "http://localhost:8000"
    listed = [p for p in out.pages if p.in_sitemap]
    sections = sorted({p.path.split("/")[0] for p in listed if "/" in p.path})
    out.pages.append(Page("sitemap/", "sitemap.html", {
        "sections": sections, "listings": model.listings, "agencies": model.agencies,
        "extra_pages": settings.get("PORTAL_SITEMAP_PAGES", [])}))
    urls = [p.path for p in out.pages if p.in_sitemap and not p.path.endswith(".html")]
    urls += [p.path for p in out.pages if p.in_sitemap and p.path.endswith(".html") and p.path != "404.html"]
    urls += [u for u in settings.get("PORTAL_EXTRA_URLS", [])]
    out.files["sitemap.xml"] = opendata.sitemap_xml(urls, site_url, model.today)
    # Files and index.json keys the build script adds (ops: change files, last_change).
    out.files.update(settings.get("PORTAL_EXTRA_FILES") or {})
    extra_index = {**(settings.get("PORTAL_INDEX_EXTRA") or {}), **(extra_index or {})}
    out.files["index.json"] = opendata.index_json(model, extra_index)
    return out


from .exante import section as exante_section  # noqa: E402  (issue 4)
from .search.section import section as search_section  # noqa: E402  (issue 3)

SECTIONS: list[Section] = [core_section, statistics_section, exante_section, search_section]


def site_output(model: SiteModel, ds: Dataset, settings: dict) -> Output:
    out = Output()
    # Sections marked `starts_job` go first: their jobs run while the rest is computed.
    order = sorted(SECTIONS, key=lambda s: not getattr(s, "starts_job", False))
    parts = {section: section(model, ds, settings) for section in order}
    for section in SECTIONS:
        part = parts[section]
        out.pages.extend(part.pages)
        out.files.update(part.files)
        out.nav.extend(part.nav)
        out.jobs.extend(part.jobs)
    out.nav.sort(key=lambda n: (n.get("order", 50), n["url"]))
    return finish(out, model, settings)
