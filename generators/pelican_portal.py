"""The thin Pelican layer: one Generator, registered through get_generators.

generate_context() calls the plain pipeline (gather unless the build script
already did, then the site model and the list of pages); generate_output()
only writes. Listed in PLUGINS in pelicanconf.py.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .exante import context_vars as exante_context
from .pages import site_output
from .pipeline.gather import gather
from .pipeline.views import build_site_model
from .stats import context_vars as stats_context


class PortalGenerator(Generator):
    """Decision, listing, agency and data pages from the enforcement data."""

    def generate_context(self):
        ds = self.settings.get("PORTAL_DATASET")
        if ds is None:  # plain `pelican` run: gather here
            today = self.settings.get("PORTAL_TODAY") or dt.date.today()
            if isinstance(today, str):
                today = dt.date.fromisoformat(today)
            ds = gather(Path(self.settings["PORTAL_DATA_DIR"]), today)
        self.dataset = ds
        self.model = build_site_model(ds)
        md_pages = [p.url for p in self.context.get("pages", [])]
        settings = dict(self.settings, PORTAL_EXTRA_URLS=md_pages)
        self.output = site_output(self.model, ds, settings)
        self.context["portal_nav"] = self.output.nav
        self.context["PORTAL_TODAY"] = ds.today
        self.context["PORTAL_TODAY_ZH"] = f"{ds.today.year}年{ds.today.month}月{ds.today.day}日"
        self.context["agency_by_slug"] = {a["slug"]: a for a in self.model.agencies}
        self.context["portal_category_counts"] = self.model.category_counts
        self.context.update(exante_context(self.model))  # item_urls, agency_exante, agency_directory
        self.context.update(stats_context(ds, settings))  # agency_stats

    def generate_output(self, writer):
        relative = self.settings.get("RELATIVE_URLS", False)
        templates = {}
        for page in self.output.pages:
            template = templates.get(page.template) or templates.setdefault(
                page.template, self.get_template(page.template.rsplit(".", 1)[0]))
            # The 404 page is served at any depth: it links from the site root.
            writer.write_file(page.output_name, template, self.context,
                              relative_urls=relative and page.path != "404.html",
                              page_path=page.path, **page.vars)
        for name, data in sorted(self.output.files.items()):
            path = Path(self.output_path, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def get_generators(pelican_object):
    return PortalGenerator


def register():
    signals.get_generators.connect(get_generators)


__all__ = ["PortalGenerator", "register"]
