"""Change files for downstream users (newsrooms, credit platforms) who poll
instead of downloading everything again.

Each release publishes `changes/<release-id>.json` (and the same bytes as
`changes/latest.json`), `changes/index.json` lists the change files still
published, and `index.json` carries `last_change`. A change file lists the
decisions added and changed since the previous release by number and URL,
and the removed ones as the data contract says: by number where a
withdrawal notice exists, otherwise only by the SHA-256 of the number.

Older change files are carried into each release, sanitised: an entry
naming a decision that the new release no longer shows is dropped (added,
changed) or reduced to the SHA-256 of its number (removed), so no artefact
names a removed decision.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from ..pipeline.ids import decision_slug, sha256_hex
from ..pipeline.opendata import stamp
from ..pipeline.publication import PUBLISHED, WITHDRAWN
from ..pipeline.views import decision_view, notice_view

FORMAT = 1
PUBLISHED_KIND, NOTICE_KIND = "p", "w"
DEFAULT_HISTORY = 30


def _hash(doc) -> str:
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decision_index(ds) -> dict:
    """What a release shows per decision, and which decisions it keeps off the site.

    visible: decision_no -> [p|w, content hash of what the page shows, URL]
    removed: slug -> status (private: only in ROOT/state, never published)
    """
    published = ds.published
    slugs = {o.decision.slug for o in published}
    visible = {}
    for o in published:
        v = decision_view(o)
        visible[o.decision.decision_no] = [PUBLISHED_KIND, _hash(v), v["url"]]
    for o in ds.notices:
        v = notice_view(o, slugs)
        visible[o.decision.decision_no] = [NOTICE_KIND, _hash(v), v["url"]]
    removed = {o.decision.slug: o.status for o in ds.outcomes if o.status not in (PUBLISHED, WITHDRAWN)}
    return {"visible": dict(sorted(visible.items())), "removed": dict(sorted(removed.items()))}


def gone_since(prev_visible: dict | None, index: dict) -> list[str]:
    """Numbers the previous release showed that are no longer in the data at all."""
    if not prev_visible:
        return []
    return sorted(no for no in prev_visible
                  if no not in index["visible"] and decision_slug(no) not in index["removed"])


def change_doc(rid: str, previous: str | None, today: dt.date, prev_visible: dict | None, index: dict) -> dict:
    visible = index["visible"]
    added, changed, removed = [], [], []
    if prev_visible is not None:
        for no, (kind, digest, url) in visible.items():
            before = prev_visible.get(no)
            if kind == PUBLISHED_KIND:
                if before is None or before[0] != PUBLISHED_KIND:
                    added.append({"decision_no": no, "url": url})
                elif before[1] != digest:
                    changed.append({"decision_no": no, "url": url})
            else:  # a withdrawal notice: named by number
                if before is None or before[0] != NOTICE_KIND:
                    removed.append({"decision_no": no, "url": url, "notice": True})
                elif before[1] != digest:
                    changed.append({"decision_no": no, "url": url, "notice": True})
        hashed = sorted(sha256_hex(no) for no in prev_visible if no not in visible)
        removed += [{"sha256": h} for h in hashed]
    doc = {
        "format": FORMAT,
        "release": rid,
        "previous": previous,
        "previous_url": f"changes/{previous}.json" if previous and prev_visible is not None else None,
        "date": today.isoformat(),
        "generated": stamp(today),
        "complete": prev_visible is not None,
        "counts": {"added": len(added), "changed": len(changed), "removed": len(removed)},
        "added": added,
        "changed": changed,
        "removed": removed,
    }
    if prev_visible is None:
        doc["note"] = "首个可比较的版本：请下载 opendata/decisions.json 全量数据"
        doc["full_snapshot"] = "opendata/decisions.json"
    return doc


def sanitise(doc: dict, visible: dict) -> dict:
    """An older change file, fit to publish next to the current data."""
    out = dict(doc)
    out["added"] = [e for e in doc.get("added", []) if e.get("decision_no") in visible]
    out["changed"] = [e for e in doc.get("changed", []) if e.get("decision_no") in visible]
    removed = []
    for e in doc.get("removed", []):
        no = e.get("decision_no")
        if no is None:
            removed.append(e)
        elif no in visible:
            removed.append(e)
        else:
            removed.append({"sha256": sha256_hex(no)})
    out["removed"] = removed
    out["counts"] = {"added": len(out["added"]), "changed": len(out["changed"]), "removed": len(removed)}
    return out


def dump(doc) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def change_files(rid: str, doc: dict, prev_release: Path | None, visible: dict,
                 history: int = DEFAULT_HISTORY) -> dict[str, bytes]:
    """changes/<rid>.json, latest.json, index.json and the sanitised older files."""
    files = {f"changes/{rid}.json": dump(doc), "changes/latest.json": dump(doc)}
    entries = [{"release": rid, "previous": doc["previous"], "date": doc["date"], "url": f"changes/{rid}.json"}]
    older = []
    if prev_release is not None and (prev_release / "changes").is_dir():
        for p in (prev_release / "changes").glob("*.json"):
            if p.stem in ("latest", "index") or p.stem == rid:
                continue
            try:
                old = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(old, dict) and old.get("release") == p.stem:
                older.append(old)
    older.sort(key=lambda d: _order(d["release"]), reverse=True)
    for old in older[:max(0, history - 1)]:
        files[f"changes/{old['release']}.json"] = dump(sanitise(old, visible))
        entries.append({"release": old["release"], "previous": old.get("previous"), "date": old.get("date"),
                        "url": f"changes/{old['release']}.json"})
    files["changes/index.json"] = dump({"format": FORMAT, "latest": rid, "releases": entries})
    return files


def _order(rid: str):
    from .root import release_seq

    return (release_seq(rid), rid)


def last_change(rid: str, previous: str | None, today: dt.date) -> dict:
    """What index.json says about the latest change file."""
    return {"release": rid, "previous": previous, "date": today.isoformat(), "url": f"changes/{rid}.json",
            "index": "changes/index.json"}
