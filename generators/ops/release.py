"""A release as files: its manifest, the difference to the previous release,
the audits before it may go live, and hard links for what did not change.

Manifest: release-relative path -> [sha256, size]. It lives in
ROOT/state/<id>.json (outside the web root), together with the audit state
that lets the next release audit only what changed:

- changed and added files get the full audit (privacy and removal scans);
- unchanged files passed the full audit in the previous release, so they are
  scanned again only for what is new: names of natural persons not known
  before, numbers that were public before and are not any more, and removed
  decisions not removed before (the removal check therefore covers every
  file that could mention a newly removed decision);
- the link check covers changed and added pages, and every page when a
  file was removed (an unchanged page may link to it).

The audit state holds 16-hex SHA-256 prefixes only, never names or numbers.
"""
from __future__ import annotations

import copy
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..pipeline.audit import TEXT_SUFFIXES, AuditFinding, Auditor
from . import links
from .inputs import file_sha256


def h16(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def manifest(directory: Path) -> tuple[dict[str, list], list[AuditFinding]]:
    """path -> [sha256, size] of every file; symlinks and special files are findings."""
    directory = Path(directory)
    files, odd = {}, []
    for dirpath, dirnames, filenames in os.walk(directory):
        for name in dirnames:
            if os.path.islink(os.path.join(dirpath, name)):
                odd.append(AuditFinding(Path(dirpath, name).relative_to(directory).as_posix(), "symlink", "不允许符号链接"))
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath, name)
            rel = p.relative_to(directory).as_posix()
            st = p.lstat()
            if not p.is_file() or p.is_symlink():
                odd.append(AuditFinding(rel, "symlink" if p.is_symlink() else "special_file", "不是普通文件"))
                continue
            files[rel] = [file_sha256(p), st.st_size]
    return dict(sorted(files.items())), odd


@dataclass
class Diff:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def counts(self) -> dict:
        return {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed),
                "unchanged": len(self.unchanged)}


def diff(prev: dict | None, new: dict) -> Diff:
    d = Diff()
    prev = prev or {}
    for path, (digest, size) in new.items():
        before = prev.get(path)
        if before is None:
            d.added.append(path)
        elif before[0] == digest and before[1] == size:
            d.unchanged.append(path)
        else:
            d.changed.append(path)
    d.removed = sorted(p for p in prev if p not in new)
    return d


def audit_state(auditor: Auditor) -> dict:
    allowed = ({"d:" + x for x in auditor.public_digits} | {"c:" + x for x in auditor.public_codes}
               | {"e:" + x for x in auditor.public_emails})
    return {
        "names": sorted(h16(n) for n in auditor.name_words),
        "allowed": sorted(h16(a) for a in allowed),
        "removed": sorted(h16(r) for r in auditor.removed_words),
    }


@dataclass
class AuditPlan:
    mode: str                         # "full" or "incremental"
    full_files: list[str]             # every check
    unchanged: list[str]              # the checks below only
    new_names: frozenset = frozenset()
    new_removed: frozenset = frozenset()
    patterns_again: bool = False
    link_pages: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {"mode": self.mode, "fully_scanned": len(self.full_files),
                "unchanged_rescanned": len(self.unchanged) if self.rescan_unchanged else 0,
                "new_names": len(self.new_names), "new_removed": len(self.new_removed),
                "patterns_again": self.patterns_again, "link_checked_pages": len(self.link_pages)}

    @property
    def rescan_unchanged(self) -> bool:
        return bool(self.new_names or self.new_removed or self.patterns_again)


def plan_audit(auditor: Auditor, files: dict, d: Diff, prev_audit: dict | None, same_code: bool) -> AuditPlan:
    html = [p for p in files if links.is_html(p)]
    if not prev_audit or not same_code:
        return AuditPlan("full", sorted(files), [], link_pages=html)
    now = audit_state(auditor)
    prev_names, prev_removed = set(prev_audit.get("names", [])), set(prev_audit.get("removed", []))
    new_names = frozenset(n for n in auditor.name_words if h16(n) not in prev_names)
    new_removed = frozenset(r for r in auditor.removed_words if h16(r) not in prev_removed)
    patterns_again = bool(set(prev_audit.get("allowed", [])) - set(now["allowed"]))
    link_pages = html if d.removed else [p for p in d.added + d.changed if links.is_html(p)]
    return AuditPlan("incremental", sorted(d.added + d.changed), sorted(d.unchanged), new_names, new_removed,
                     patterns_again, sorted(link_pages))


class _Rescan(Auditor):
    """The checks an unchanged file still needs: new names, new removals, and
    the number patterns only if some allowed number stopped being allowed."""

    patterns_again = False

    def check_text(self, name: str, text: str) -> list[AuditFinding]:
        found = self.scan_names(name, text) + self.scan_removed(name, text)
        if self.patterns_again:
            found += self.scan_patterns(name, text)
        return found


def rescan_auditor(auditor: Auditor, plan: AuditPlan) -> Auditor:
    """`auditor` (same public numbers and names) looking only for what is new."""
    partial = copy.copy(auditor)
    partial.__class__ = _Rescan
    only_new = Auditor(names=plan.new_names, removed=plan.new_removed)
    partial.names, partial.removed = only_new.names, only_new.removed
    partial.patterns_again = plan.patterns_again
    partial._clean = (set(), set())  # lines clean for these checks only
    return partial


def run_audit(directory: Path, auditor: Auditor, plan: AuditPlan, files: dict, site_url: str | None,
              progress=None) -> list[AuditFinding]:
    directory = Path(directory)

    def text_files(rels):
        return [r for r in rels if Path(r).suffix.lower() in TEXT_SUFFIXES]

    findings = list(auditor.scan_files(directory, text_files(plan.full_files), progress))
    if plan.rescan_unchanged:
        partial = rescan_auditor(auditor, plan)
        findings += partial.scan_files(directory, text_files(plan.unchanged), progress)
    findings += links.check_links(directory, plan.link_pages, set(files), site_url)
    return sorted(set(findings))


def link_unchanged(staging: Path, previous: Path, unchanged: list[str], prev_files: dict) -> tuple[int, int]:
    """Replace unchanged files by hard links to the previous release's copies.

    Keeps their inode and mtime (caches and rsync see them as unchanged) and
    makes every release whole for rollback. Where a link is not possible the
    new copy stays and gets the old mtime. Returns (linked, copied)."""
    linked = copied = 0
    for rel in unchanged:
        old = previous / rel
        new = staging / rel
        try:
            st = old.stat()
        except OSError:
            continue
        if st.st_size != prev_files[rel][1]:
            continue  # the old copy is not what its manifest says: keep the fresh one
        try:
            if os.path.samestat(st, new.stat()):
                linked += 1  # the renderer linked it already (rename() of a link onto itself is a no-op)
                continue
        except OSError:
            pass
        tmp = new.with_name(f".{new.name}.lnk")
        try:
            os.link(old, tmp)
            os.replace(tmp, new)
            linked += 1
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
            copied += 1
    return linked, copied


def purge_urls(d: Diff, site_url: str | None) -> list[str]:
    """URLs a CDN must purge: changed and removed files (pages by both their URLs)."""
    base = (site_url or "").rstrip("/") + "/"
    out = []
    for rel in sorted(d.changed + d.removed):
        if rel == "index.html":
            out += [base, base + "index.html"]
        elif rel.endswith("/index.html"):
            out += [base + rel[: -len("index.html")], base + rel]
        else:
            out.append(base + rel)
    return out
