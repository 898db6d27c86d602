"""A minimal stand-alone search page with the structure the portal template
must have (used by the benchmark and the browser tests before, and
independently of, the Pelican integration)."""
from __future__ import annotations

import html
import shutil
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "themes" / "portal" / "static"
ASSETS = ("vendor/lunr/lunr.js", "vendor/lunr/LICENSE", "js/search-core.js", "js/search.js")

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'self'; form-action 'self'">
<title>搜索 - 行政执法公示平台</title>
</head>
<body>
<main>
<h1>搜索</h1>
<form id="search-form" action="" method="get" role="search" data-search-root="{root}">
  <label for="q">企业名称、统一社会信用代码、决定书文号或执法证号</label>
  <input id="q" name="q" type="search" autocomplete="off" maxlength="100">
  <button type="submit">搜索</button>
</form>
<div id="search-results" aria-live="polite"></div>
<noscript><p>搜索需要启用 JavaScript。您也可以浏览<a href="{root}decisions/">执法决定列表</a>。</p></noscript>
</main>
<script src="{root}theme/vendor/lunr/lunr.js" defer></script>
<script src="{root}theme/js/search-core.js" defer></script>
<script src="{root}theme/js/search.js" defer></script>
</body>
</html>
"""


def write_demo_site(site: Path, root: str = "/") -> Path:
    """Write ``site/search/index.html`` and copy the assets to ``site/theme/``
    (Pelican's THEME_STATIC_DIR).  The index itself goes to ``site/search/``."""
    site = Path(site)
    for rel in ASSETS:
        dest = site / "theme" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STATIC / rel, dest)
    page = site / "search" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(root=html.escape(root, quote=True)), encoding="utf-8")
    return page
