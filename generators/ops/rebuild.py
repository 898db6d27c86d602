"""`portal rebuild`: a new release, audited, then switched in atomically.

    lock -> clean up what interrupted runs left -> fingerprint the inputs
    (nothing changed: keep the current release) -> gather (cached parsing)
    -> change file -> render into releases/.tmp-<id>-<pid>/ -> audit (privacy,
    removals, links; incremental against the current release) -> hard-link
    unchanged files -> state file -> rename to releases/<id>/ -> switch
    `current` -> prune -> audit log; then one follow-up build if requests
    arrived meanwhile.

Any failure before the switch leaves `current` as it was. The rendering and
audit are build.py's (render_and_audit, run_build): `portal build` and
`portal rebuild` share them.
"""
from __future__ import annotations

import datetime as dt
import getpass
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..build import SHANGHAI, Progress, default_today, render_and_audit, run_build
from ..pipeline.audit import auditor_for
from ..pipeline.ids import decision_slug
from ..pipeline.load import load_data_dir
from ..pipeline.report import build_report, write_report
from . import changes
from .inputs import TableCache, code_hash, data_files, fingerprint
from .release import audit_state, diff, link_unchanged, manifest, plan_audit, purge_urls, run_audit
from .root import DEFAULT_KEEP, Root, describe_holder, release_id, write_json

EXIT_OK, EXIT_FAILED, EXIT_BUSY = 0, 1, 75
PAUSE_ENV = "PORTAL_TEST_PAUSE_AFTER_RENDER"   # tests: seconds to sleep with a half-written release


def default_trigger() -> str:
    try:
        user = getpass.getuser()
    except Exception:
        user = str(os.getuid())
    return f"cli:{user}"


@dataclass
class Request:
    """What to build; also the body of ROOT/.pending (last request wins)."""
    data: str
    today: str | None = None
    site_url: str | None = None
    settings: str | None = None
    trigger: str = ""
    force: bool = False
    keep: int = DEFAULT_KEEP
    history: int = changes.DEFAULT_HISTORY
    coalesced: list = field(default_factory=list)

    def same_build(self, other: dict) -> bool:
        return all(str(other.get(k)) == str(getattr(self, k)) for k in ("data", "today", "site_url", "settings"))

    @classmethod
    def from_pending(cls, doc: dict) -> "Request":
        known = {k: doc[k] for k in ("data", "today", "site_url", "settings", "force", "keep", "history") if k in doc}
        triggers = [t for t in doc.get("triggers", []) if t]
        return cls(**known, trigger="合并的后续重建: " + ", ".join(triggers[-5:]), coalesced=triggers)

    def as_pending(self) -> dict:
        d = asdict(self)
        d.pop("coalesced")
        return d


def reference_time(today: dt.date) -> dt.datetime:
    """SOURCE_DATE_EPOCH when it falls on `today`, else `today` 00:00 (Asia/Shanghai)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        t = dt.datetime.fromtimestamp(int(epoch), SHANGHAI)
        if t.date() == today:
            return t
    return dt.datetime.combine(today, dt.time(), SHANGHAI)


def rebuild(root_dir: Path, request: Request, *, wait: bool = False, report_path: Path | None = None,
            quiet: bool = False) -> int:
    """Run one rebuild (plus coalesced follow-ups). Returns the exit status."""
    root = Root(root_dir)
    try:
        root.ensure()
    except (RuntimeError, OSError) as exc:
        print(f"无法使用运维根目录：{exc}", file=sys.stderr)
        return EXIT_FAILED
    if report_path and Path(report_path).resolve().is_relative_to(root.releases):
        print("报告文件不能写在版本目录（releases/）内", file=sys.stderr)
        return EXIT_FAILED
    say = Progress(quiet)
    request.trigger = request.trigger or default_trigger()
    if not root.acquire(wait=False, trigger=request.trigger):
        if not wait:
            root.request_followup(request.as_pending())
            if not root.acquire(wait=False, trigger=request.trigger):   # the holder may just have finished
                holder = root.holder()
                msg = (f"{describe_holder(holder or {})}。本次重建请求已登记，正在进行的重建结束后"
                       f"会再重建一次并包含它（多次请求合并为一次）。要排队等待，请加 --wait。")
                print(msg, file=sys.stderr)
                root.log({"action": "rebuild", "trigger": request.trigger, "result": "coalesced",
                          "detail": "已有重建在进行，已登记为后续重建"})
                return EXIT_BUSY
        else:
            say(f"等待正在进行的任务结束（{describe_holder(root.holder() or {})}）")
            root.acquire(wait=True, trigger=request.trigger)
    worst = EXIT_OK
    first = True
    try:
        while True:  # holding the lock
            queued = None
            pending = root.take_pending()  # requests so far: this build reads the data after them
            if pending is not None:
                if request.same_build(pending):
                    request.coalesced += [t for t in pending.get("triggers", []) if t]
                else:
                    queued = pending
            code = _rebuild_once(root, request, report_path=report_path if first else None, say=say, quiet=quiet)
            first = False
            worst = max(worst, code)
            later = root.take_pending() or queued
            if later is None:
                root.release_lock()
                # A request left after our last look but before the unlock: take it over.
                if not root.has_pending() or not root.acquire(wait=False, trigger="follow-up"):
                    break
                later = root.take_pending()
                if later is None:
                    break
            request = Request.from_pending(later)
            say(f"构建期间收到新的请求，开始后续重建（{request.trigger}）")
    finally:
        root.release_lock()
    return worst


def _rebuild_once(root: Root, req: Request, *, report_path: Path | None, say, quiet: bool) -> int:
    t0 = time.monotonic()
    leftovers = root.cleanup()
    if leftovers:
        say(f"清理上次中断留下的文件：{', '.join(leftovers[:5])}{' …' if len(leftovers) > 5 else ''}")
    today = dt.date.fromisoformat(req.today) if req.today else default_today()
    data_dir = Path(req.data).resolve()
    settings_file = Path(req.settings).resolve() if req.settings else None
    prev_id = root.current_id()
    prev_state = root.state(prev_id)
    prev_dir = root.release_dir(prev_id) if prev_id else None

    inputs = data_files(data_dir)
    code = code_hash([settings_file] if settings_file else [])
    fp = fingerprint(inputs, code, today=today.isoformat(), site_url=req.site_url,
                     sde=os.environ.get("SOURCE_DATE_EPOCH", ""))
    base_entry = {"action": "rebuild", "trigger": req.trigger, "coalesced": req.coalesced[-20:],
                  "data": str(data_dir), "today": today.isoformat(), "previous": prev_id}
    if prev_state and prev_state.get("fingerprint") == fp and not req.force:
        say(f"数据、代码和设置均未变化：继续使用当前版本 {prev_id}")
        entry = root.log({**base_entry, "result": "unchanged", "release": prev_id,
                          "counts": prev_state.get("counts"), "seconds": round(time.monotonic() - t0, 2)})
        root.write_status(entry)
        if report_path:
            report = build_report(ok=True, today=today, data_dir=str(data_dir), counts=prev_state.get("counts"),
                                  findings=None, extra={"release": {"id": prev_id, "unchanged": True}})
            write_report(report, Path(report_path))
        return EXIT_OK

    rid = release_id(reference_time(today), root.next_seq(), fp)
    staging = root.releases / f".tmp-{rid}-{os.getpid()}"
    cache = TableCache(root.cache_dir, inputs, data_dir)
    info: dict = {}

    def load(path):
        return load_data_dir(path, read=cache.read)

    def publish(ds, say_, extra: dict) -> Path:
        index = changes.decision_index(ds)
        prev_visible = (prev_state or {}).get("decisions", {}).get("visible") if prev_state else None
        gone = changes.gone_since(prev_visible, index)
        extra_removed = set(gone) | {decision_slug(no) for no in gone}
        doc = changes.change_doc(rid, prev_id, today, prev_visible, index)
        extra_files = changes.change_files(rid, doc, prev_dir if prev_state else None, index["visible"],
                                           history=req.history)
        # Pages whose fingerprint (generators/render.py) is unchanged are not
        # rendered again but hard-linked from the previous release.
        render_state = {"key": code}
        if (prev_state and prev_state.get("code") == code and prev_state.get("pages")
                and prev_dir is not None and prev_dir.is_dir()):
            render_state.update(previous_dir=str(prev_dir), previous=prev_state["pages"])
        extra_settings = {"PORTAL_EXTRA_FILES": extra_files,
                          "PORTAL_INDEX_EXTRA": {"last_change": changes.last_change(rid, prev_id, today)},
                          "PORTAL_RENDER_STATE": render_state}
        info["render"] = render_state
        staging.mkdir(parents=True)

        def audit(settings):
            pause = os.environ.get(PAUSE_ENV)
            if pause:
                (root.path / ".test-paused").write_text(str(os.getpid()))
                time.sleep(float(pause))
            files, odd = manifest(staging)
            d = diff(prev_state.get("files") if prev_state else None, files)
            auditor = auditor_for(ds, settings, extra_removed=extra_removed)
            same_code = bool(prev_state) and prev_state.get("code") == code
            plan = plan_audit(auditor, files, d, (prev_state or {}).get("audit"), same_code)
            say_(f"审查输出文件（{'全部' if plan.mode == 'full' else '增量'}：{len(plan.full_files)} 个文件全面审查，"
                 f"链接检查 {len(plan.link_pages)} 个页面）")
            site_url = settings.get("SITEURL") or None
            findings = odd + run_audit(staging, auditor, plan, files, site_url, say_)
            info.update(files=files, diff=d, plan=plan, audit=audit_state(auditor),
                        site_url=settings.get("PORTAL_ABSOLUTE_URL") or site_url)
            return findings

        render_and_audit(ds, staging, data_dir=data_dir, today=today, say=say_, site_url=req.site_url,
                         settings_file=settings_file, extra_settings=extra_settings, audit=audit)
        d = info["diff"]
        linked = copied = 0
        if prev_state and prev_dir is not None and prev_dir.is_dir():
            linked, copied = link_unchanged(staging, prev_dir, d.unchanged, prev_state["files"])
        state = {
            "release": rid, "seq": int(rid.split("-")[1]), "previous": prev_id, "today": today.isoformat(),
            "built_at": dt.datetime.now(SHANGHAI).isoformat(timespec="seconds"),
            "fingerprint": fp, "code": code, "inputs": inputs, "site_url": req.site_url,
            "counts": ds.counts(), "files": info["files"], "decisions": index, "audit": info["audit"],
            "pages": info["render"].get("fingerprints", {}),
            "changes": doc["counts"],
        }
        root.write_state(rid, state)
        final = root.release_dir(rid)
        os.rename(staging, final)
        root.switch(rid)
        say_(f"已切换到新版本 {rid}")
        extra["release"] = {
            "id": rid, "previous": prev_id, "root": str(root.path), "path": str(final),
            "change_file": f"changes/{rid}.json", "decisions": doc["counts"],
            "files": {"added": d.added, "changed": d.changed, "removed": d.removed,
                      "unchanged": len(d.unchanged), "hard_linked": linked, "copied_unchanged": copied},
            "purge_urls": purge_urls(d, info.get("site_url")),
            "audit": info["plan"].summary(),
            "cache": {"hits": cache.hits, "misses": cache.misses},
            "pages": {k: info["render"].get(k) for k in ("rendered", "reused", "workers")},
        }
        return final

    try:
        result = run_build(data_dir, today=today, report_path=report_path, quiet=quiet, publish=publish,
                           load=load, say=say)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    rel = result.report.get("release") or {}
    entry = {**base_entry, "result": "ok" if result.ok else "failed",
             "release": rel.get("id") if result.ok else None,
             "current": root.current_id(), "counts": result.report.get("counts"),
             "decisions": rel.get("decisions"),
             "files": {k: (len(v) if isinstance(v, list) else v) for k, v in (rel.get("files") or {}).items()},
             "error": result.report.get("error"),
             "seconds": round(time.monotonic() - t0, 2)}
    if result.ok:
        pruned = root.prune(req.keep)
        if pruned:
            entry["pruned"] = pruned
        cache.prune()
        write_json(root.reports / f"{rid}.json", result.report)
    else:
        write_json(root.reports / "last-failed.json", result.report)
        if not quiet:
            print(f"当前版本保持不变：{root.current_id() or '（尚无版本）'}", file=sys.stderr)
    entry = root.log(entry)
    root.write_status(entry)
    return EXIT_OK if result.ok else EXIT_FAILED
