"""No broken internal links: every href/src (and form action) of an HTML page that points at
the site itself resolves to a file of the release.

Relative links are resolved against the page's directory, root-relative
ones ("/x/") against the site root (minus the path of SITEURL, if any), and
absolute ones only when they start with SITEURL. A URL ending in "/" (or a
directory) means its index.html. Query strings and fragments are ignored;
external links, mailto:, tel:, data: and javascript: are not checked.
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..pipeline.audit import AuditFinding

ATTR = re.compile(r"""\s(?:href|src|action)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
OUTSIDE = "\0outside"
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "ftp:")


def _site_parts(site_url: str | None) -> tuple[str, str]:
    if not site_url:
        return "", ""
    parts = urlsplit(site_url)
    return parts.netloc.lower(), parts.path.rstrip("/")


def resolve(link: str, page: str, site_url: str | None) -> str | None:
    """The release path a link points at, or None when it leaves the site.

    Returns "" for a link to the site root."""
    link = html.unescape(link).strip()
    if not link or link.startswith("#") or link.lower().startswith(SKIP_SCHEMES):
        return None
    host, prefix = _site_parts(site_url)
    parts = urlsplit(link)
    if parts.scheme or link.startswith("//"):
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return None
        if not host or parts.netloc.lower() != host:
            return None
        path = parts.path
        if prefix:
            if not (path == prefix or path.startswith(prefix + "/")):
                return None
            path = path[len(prefix):]
        target = path.lstrip("/")
    elif link.startswith("/"):
        path = parts.path
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            path = path[len(prefix):]
        target = path.lstrip("/")
    else:
        base = posixpath.dirname(page)
        target = posixpath.join(base, parts.path) if parts.path else page
    directory = target.endswith("/") or target in ("", ".")
    segs: list[str] = []
    for seg in unquote(target).split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if not segs:
                return OUTSIDE  # climbs above the site root
            segs.pop()
        else:
            segs.append(seg)
    norm = "/".join(segs)
    if directory and norm:
        norm += "/"
    return norm


def exists(target: str, files: set[str]) -> bool:
    if target == "" or target.endswith("/"):
        return (target + "index.html") in files
    return target in files or (target + "/index.html") in files


def check_page(page: str, text: str, files: set[str], site_url: str | None) -> list[AuditFinding]:
    found = []
    seen = set()
    for m in ATTR.finditer(text):
        link = m.group(1) if m.group(1) is not None else m.group(2)
        if link in seen:
            continue
        seen.add(link)
        target = resolve(link, page, site_url)
        if target is None:
            continue
        if target == OUTSIDE or not exists(target, files):
            found.append(AuditFinding(page, "broken_link", link[:200]))
    return found


def check_links(root: Path, pages: list[str], files: set[str], site_url: str | None) -> list[AuditFinding]:
    """Check the internal links of `pages` (release-relative paths) against `files`."""
    findings = []
    for page in pages:
        try:
            text = (Path(root) / page).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            findings.append(AuditFinding(page, "unreadable", str(exc)))
            continue
        findings.extend(check_page(page, text, files, site_url))
    return findings


def is_html(path: str) -> bool:
    return path.endswith((".html", ".htm"))
