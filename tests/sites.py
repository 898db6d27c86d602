"""Built demo sites for the site-wide checks (links, content security, Nu,
axe): the tiny fixture site and, when `data/` holds the sample data, the
sample site; and the discovery of page *types* in a built site, so that a
new kind of page (statistics, officers ...) is covered as soon as it lands.

Fixtures (imported into tests/conftest.py):

- `sample_site`: (output dir, BuildResult) of `data/`, built once per
  session; skipped when data/ has no decisions yet.
- `demo_site`: parametrised over "tiny" and "sample": a DemoSite with
  `name`, `out` (output directory) and `result`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
SAMPLE_TODAY = dt.date(2026, 11, 20)  # the Makefile's TODAY: the sample's reference date


@dataclass
class DemoSite:
    name: str
    out: Path
    result: object


def have_sample() -> bool:
    return (SAMPLE / "decisions").is_dir() and (SAMPLE / "subjects.csv").exists()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """(output dir, BuildResult) of the sample data in data/, if present."""
    if not have_sample():
        pytest.skip("data/ holds no sample data yet")
    from tests.conftest import build_site

    out = tmp_path_factory.mktemp("sample") / "site"
    result = build_site(SAMPLE, out, today=SAMPLE_TODAY)
    assert result.ok, result.report.get("error")
    return out, result


@pytest.fixture(scope="session", params=["tiny", "sample"])
def demo_site(request) -> DemoSite:
    out, result = request.getfixturevalue(f"{request.param}_site")
    return DemoSite(request.param, out, result)


# --- page types --------------------------------------------------------------

_ARTICLE = re.compile(r'<article class="([^"]+)"')


def url_path(site: Path, html: Path) -> str:
    """The site-relative URL of an HTML file: "" for the home page, "x/y/" for x/y/index.html."""
    rel = html.relative_to(site).as_posix()
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def page_type(site: Path, html: Path) -> str:
    """A page's type: its URL with variable parts as `*`, plus the class of
    its <article> if it has one (a decision and a withdrawal notice share
    their URL pattern). A segment is variable when it holds a digit or when
    its directory has several subdirectories (pages/about/, pages/contact/)."""
    url = url_path(site, html)
    segments = [s for s in url.split("/") if s]
    out = []
    parent = site
    for i, seg in enumerate(segments):
        if i > 0 and (any(c.isdigit() for c in seg) or _subdirs(parent) >= 2):
            out.append("*")
        else:
            out.append(seg)
        parent = parent / seg
    key = "/".join(out) + ("/" if url.endswith("/") else "")
    m = _ARTICLE.search(html.read_text(encoding="utf-8", errors="replace"))
    return key + (f" [{m.group(1)}]" if m else "")


_SUBDIRS: dict[Path, int] = {}


def _subdirs(path: Path) -> int:
    if path not in _SUBDIRS:
        _SUBDIRS[path] = sum(1 for p in path.iterdir() if p.is_dir()) if path.is_dir() else 0
    return _SUBDIRS[path]


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "theme" not in p.relative_to(site).parts[:1])


def page_types(site: Path) -> dict[str, list[Path]]:
    """Every HTML page of a built site grouped by type, largest file first."""
    groups: dict[str, list[Path]] = {}
    for html in html_files(site):
        groups.setdefault(page_type(site, html), []).append(html)
    for files in groups.values():
        files.sort(key=lambda p: (-p.stat().st_size, p.as_posix()))
    return dict(sorted(groups.items()))


def representatives(site: Path) -> dict[str, Path]:
    """One page of every type: the largest, which shows the most fields."""
    return {kind: files[0] for kind, files in page_types(site).items()}


# Page types of the tiny site (every build has them, and a withdrawal notice);
# discovery that misses one of them is broken.
CORE_TYPES = {
    "": "home", "decisions/": "decisions listing", "decisions/*/*/": "year/category listing",
    "decisions/*/ [decision]": "decision", "decisions/*/ [notice]": "withdrawal notice", "agencies/": "agency list", "agencies/*/": "agency",
    "withdrawals/": "withdrawal list", "search/": "search", "404.html": "404", "sitemap/": "HTML site map",
    "pages/*/ [prose-page]": "Markdown page", "opendata/": "open data",
}


def missing_core_types(types) -> list[str]:
    """Core page types absent from `types`."""
    return [f"{name} ({key})" for key, name in CORE_TYPES.items() if key not in set(types)]
