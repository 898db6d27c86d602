"""The same published decisions as plain Pelican, Hugo and Pagefind input.

Every tool gets one Markdown page per published decision (the redacted
fields our decision page shows, read from our build's
opendata/decisions.json) and a minimal theme: one template for a decision,
one paginated list (50 per page) for the home page and for each category.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

FIELDS = (("agency", "执法机关"), ("category", "执法类别"), ("target_name", "相对人名称"),
          ("target_type", "相对人类型"), ("target_code", "统一社会信用代码"), ("legal_rep", "法定代表人"),
          ("violation", "违法行为类型"), ("facts", "主要事实"), ("basis", "执法依据"), ("result", "执法结果"),
          ("penalty_types", "处罚种类"), ("fine_yuan", "罚款金额（元）"), ("decision_date", "作出决定日期"),
          ("publish_date", "公示日期"), ("display_until", "公示截止日期"))


def load_decisions(site: Path) -> list[dict]:
    doc = json.loads((Path(site) / "opendata" / "decisions.json").read_text(encoding="utf-8"))
    out = []
    for d in doc["decisions"]:
        d = dict(d)
        d["slug"] = d["url"].rstrip("/").rsplit("/", 1)[-1]
        out.append(d)
    return out


def _md_escape(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


def markdown_body(d: dict) -> str:
    lines = []
    for key, label in FIELDS:
        value = d.get(key)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = "、".join(value)
        lines.append(f"**{label}**：{_md_escape(value)}\n")
    return "\n".join(lines)


def _reset(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


# --------------------------------------------------------------------------- Pelican

PELICAN_CONF = """\
PATH = {content!r}
OUTPUT_PATH = {output!r}
THEME = {theme!r}
SITENAME = "行政执法公示（Pelican 基准）"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
ARTICLE_URL = "decisions/{{slug}}/"
ARTICLE_SAVE_AS = "decisions/{{slug}}/index.html"
CATEGORY_URL = "category/{{slug}}/"
CATEGORY_SAVE_AS = "category/{{slug}}/index.html"
DIRECT_TEMPLATES = ["index"]
DEFAULT_PAGINATION = 50
PAGINATED_TEMPLATES = {{"index": None, "category": None}}
PAGINATION_PATTERNS = ((1, "{{url}}", "{{save_as}}"), (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"))
TAGS_SAVE_AS = TAG_SAVE_AS = AUTHORS_SAVE_AS = AUTHOR_SAVE_AS = CATEGORIES_SAVE_AS = ARCHIVES_SAVE_AS = ""
PAGE_SAVE_AS = DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
JINJA_ENVIRONMENT = {{"autoescape": True}}
"""

PELICAN_TEMPLATES = {
    "base.html": """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{% block title %}{{ SITENAME }}{% endblock %}</title></head>
<body><header><a href="{{ SITEURL }}/">{{ SITENAME }}</a></header><main>{% block content %}{% endblock %}</main></body></html>
""",
    "article.html": """{% extends "base.html" %}{% block title %}{{ article.title }}{% endblock %}
{% block content %}<article><h1>{{ article.title }}</h1>{{ article.content }}</article>{% endblock %}
""",
    "index.html": """{% extends "base.html" %}{% block content %}<ul>
{% for a in articles_page.object_list %}<li><a href="{{ SITEURL }}/{{ a.url }}">{{ a.title }}</a> {{ a.category }}</li>
{% endfor %}</ul>
{% if articles_page.has_previous() %}<a href="{{ SITEURL }}/{{ articles_previous_page.url }}">上一页</a>{% endif %}
{% if articles_page.has_next() %}<a href="{{ SITEURL }}/{{ articles_next_page.url }}">下一页</a>{% endif %}
{% endblock %}
""",
}
PELICAN_TEMPLATES["category.html"] = PELICAN_TEMPLATES["index.html"].replace(
    "{% block content %}", "{% block content %}<h1>{{ category }}</h1>")


def write_pelican(decisions: list[dict], root: Path) -> Path:
    """A Pelican project under root; returns its settings file."""
    _reset(root)
    content = root / "content"
    content.mkdir()
    for d in decisions:
        (content / f"{d['slug']}.md").write_text(
            f"Title: {d['decision_no']}\nDate: {d['publish_date']}\nCategory: {d['category']}\n"
            f"Slug: {d['slug']}\n\n{markdown_body(d)}", encoding="utf-8")
    theme = root / "theme" / "templates"
    theme.mkdir(parents=True)
    for name, text in PELICAN_TEMPLATES.items():
        (theme / name).write_text(text, encoding="utf-8")
    conf = root / "pelicanconf.py"
    conf.write_text(PELICAN_CONF.format(content=str(content), output=str(root / "output"),
                                        theme=str(root / "theme")), encoding="utf-8")
    return conf


def pelican_cmd(root: Path) -> list[str]:
    return [sys.executable, "-m", "pelican", str(root / "content"), "-s", str(root / "pelicanconf.py"),
            "-o", str(root / "output"), "-q"]


# --------------------------------------------------------------------------- Hugo

HUGO_CONFIG = """\
baseURL = "http://localhost:8000/"
languageCode = "zh-cn"
defaultContentLanguage = "zh"
title = "行政执法公示（Hugo 基准）"
paginate = 50
disableKinds = ["RSS", "sitemap", "robotsTXT", "taxonomy", "term", "404"]
[taxonomies]
[outputs]
home = ["HTML"]
section = ["HTML"]
page = ["HTML"]
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "title" }}{{ .Title }}{{ end }}
{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.category }}</li>
{{ end }}</ul>
{{ with .Paginator }}{{ if .HasPrev }}<a href="{{ .Prev.URL }}">上一页</a>{{ end }}{{ if .HasNext }}<a href="{{ .Next.URL }}">下一页</a>{{ end }}{{ end }}
{{ end }}
""",
}
# The home page lists every decision; one section per category lists its own.
HUGO_LAYOUTS["index.html"] = HUGO_LAYOUTS["_default/list.html"].replace(
    "{{ range .Paginator.Pages }}", '{{ range (.Paginate .Site.RegularPages).Pages }}'
).replace("{{ with .Paginator }}", "{{ with .Paginator }}")


def write_hugo(decisions: list[dict], root: Path, *, categories: dict[str, str] | None = None) -> Path:
    """A Hugo site under root: content/<category-slug>/<slug>.md, one section per category."""
    _reset(root)
    (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for rel, text in HUGO_LAYOUTS.items():
        p = root / "layouts" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    content = root / "content"
    made = set()
    for d in decisions:
        section = (categories or {}).get(d["category"], "other")
        folder = content / section
        if section not in made:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "_index.md").write_text(f'---\ntitle: "{d["category"]}"\n---\n', encoding="utf-8")
            made.add(section)
        (folder / f"{d['slug']}.md").write_text(
            f'---\ntitle: {json.dumps(d["decision_no"], ensure_ascii=False)}\ndate: {d["publish_date"]}\n'
            f'type: decisions\nurl: /decisions/{d["slug"]}/\ncategory: {json.dumps(d["category"], ensure_ascii=False)}\n'
            f'---\n\n{markdown_body(d)}', encoding="utf-8")
    return root


def hugo_cmd(root: Path) -> list[str]:
    return ["hugo", "--quiet", "--source", str(root), "--destination", str(root / "public"),
            "--cleanDestinationDir"]


# --------------------------------------------------------------------------- Pagefind

def pagefind_cmd(site: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--quiet"]


def pagefind_available() -> bool:
    try:
        import pagefind  # noqa: F401
    except ImportError:
        return False
    return True


def hugo_available() -> bool:
    return shutil.which("hugo") is not None and os.access(shutil.which("hugo"), os.X_OK)
