"""Pelican settings for local work (`make html`, `make serve`).

publishconf.py imports these and overrides what production needs. `portal
build` reads this file (or the one given with --settings) and overrides
PATH, OUTPUT_PATH, SITEURL and the PORTAL_* data settings per build.
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent

SITENAME = "天津市西青区行政执法公示平台（示例）"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
PATH = str(HERE / "content")
THEME = str(HERE / "themes" / "portal")
THEME_STATIC_DIR = "theme"
PLUGIN_PATHS = [str(HERE)]
PLUGINS = ["generators.pelican_portal"]

# Markdown pages only; decisions come from the data pipeline.
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["articles"]
PAGE_URL = "pages/{slug}/"
PAGE_SAVE_AS = "pages/{slug}/index.html"
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DEFAULT_DATE = None
SLUGIFY_SOURCE = "basename"
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_SOURCES = False
TYPOGRIFY = False
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}

# Data defaults for a plain `pelican` run; `portal build` overrides them.
PORTAL_DATA_DIR = str(HERE / "data")
PORTAL_TODAY = "2026-11-20"  # the bundled sample's reference date
PORTAL_ABSOLUTE_URL = "http://localhost:8000"

# Everything the footer and contact blocks show. Values are the sample
# district's; a real deployment sets its own in publishconf.py.
PORTAL_SITE = {
    "name": "天津市西青区行政执法公示平台",
    "short_name": "行政执法公示",
    "region": "天津市西青区",
    "demo": True,
    "host_org": "天津市西青区司法局（示例）",
    "host_address": "天津市西青区示例路 1 号",
    "host_phone": "022-27391000",
    "host_postcode": "300380",
    "contact_email": "",
    "site_code": "1201110000",           # 网站标识码
    "icp": "津ICP备00000000号",           # ICP备案编号
    "psb": "津公网安备 12011102000000号",  # 公安机关备案号
    "psb_code": "12011102000000",
    "conac_url": "",                     # 党政机关网站标识 registration page
    "error_report_url": "https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=1201110000",
    "objection_phone": "022-27391000",
    "home_latest": 20,
    "per_page": 50,
    "stats_deadline": "01-10",           # Tianjin: by 10 January
}
