"""The thin Pelican layer: one Generator, registered through get_generators.

generate_context() calls the plain pipeline (gather unless the build script
already did, then the site model and the list of pages); generate_output()
only writes. Listed in PLUGINS in pelicanconf.py.
"""
from __future__ import annotations

import datetime as dt
import filecmp
import os
import shutil
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .exante import context_vars as exante_context
from .pages import site_output
from .pipeline.gather import gather
from .pipeline.views import build_site_model
from .render import render_pages
from .stats import context_vars as stats_context


# Agency fields that change with the decisions (kept out of the site-wide context).
PER_DECISION = ("decision_count", "category_counts", "notices")


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
        # Site-wide values change every page that reads them (generators/render.py
        # fingerprints): agency_by_slug carries the directory, not decision counts.
        self.context["agency_by_slug"] = {a["slug"]: {k: v for k, v in a.items() if k not in PER_DECISION}
                                          for a in self.model.agencies}
        self.context["portal_category_counts"] = self.model.category_counts
        self.context.update(exante_context(self.model))  # item_urls, agency_exante, agency_directory
        self.context.update(stats_context(ds, settings))  # agency_stats

    def generate_output(self, writer):
        """Write the data files, then render every page (generators/render.py:
        worker processes, unchanged pages linked from a previous output).

        settings["PORTAL_RENDER_STATE"], if given, is a dict: in, "previous"
        (output name -> fingerprint of a previous output's pages) with
        "previous_dir" (that output) or "previous_dirs" (name -> directory),
        and optionally "key"; out, the same keys as render_pages returns."""
        state = self.settings.get("PORTAL_RENDER_STATE")
        previous = Path(state["previous_dir"]) if state and state.get("previous_dir") else None
        for name, data in sorted(self.output.files.items()):
            self._place(name, previous, data=data)
        self.output.files.clear()  # written: not carried into the page workers
        workers = os.environ.get("PORTAL_RENDER_WORKERS") or self.settings.get("PORTAL_RENDER_WORKERS")
        result = render_pages(
            self.output.pages, env=self.env, get_template=self.get_template, context=self.context,
            output_path=self.output_path, relative_urls=self.settings.get("RELATIVE_URLS", False),
            workers=int(workers) if workers else None,
            fingerprint_key=None if state is None else str(state.get("key", "")),
            previous_dir=(state or {}).get("previous_dir"), previous=(state or {}).get("previous"),
            previous_dirs=(state or {}).get("previous_dirs"))
        if state is not None:
            state.update(result)
        try:
            for job in self.output.jobs:
                for name, path in job.files().items():
                    self._place(name, previous, made=path)
        finally:
            for job in self.output.jobs:
                job.close()

    def _place(self, name: str, previous: Path | None, *, data: bytes | None = None,
               made: Path | None = None) -> None:
        """Put `data`, or the file `made` (moved), at `name` in the output; a
        hard link to the previous output's file instead if it has the same bytes."""
        path = Path(self.output_path, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if previous is not None and _same_bytes(previous / name, data, made):
            try:
                os.link(previous / name, path)
                return
            except OSError:
                pass
        if made is not None:
            shutil.move(made, path)
        else:
            path.write_bytes(data)


def _same_bytes(path: Path, data: bytes | None, made: Path | None) -> bool:
    """Whether the file `path` holds `data` (or the same bytes as the file `made`)."""
    try:
        if made is not None:
            return filecmp.cmp(path, made, shallow=False)
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def get_generators(pelican_object):
    return PortalGenerator


def register():
    signals.get_generators.connect(get_generators)


__all__ = ["PortalGenerator", "register"]
