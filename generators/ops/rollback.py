"""`portal rollback`: switch `current` back to the previous release.

A rollback must not bring back what the law has taken off the site: if the
target release shows a decision that the current release no longer shows
(or shows only as a withdrawal notice), the rollback is refused unless
--force is given, and the decisions are named on the terminal (never in the
audit log, which counts them).
"""
from __future__ import annotations

import sys

from .root import Root, describe_holder, release_seq

EXIT_OK, EXIT_FAILED, EXIT_BUSY = 0, 1, 75


def reappearing(target_state: dict | None, current_state: dict | None) -> list[str] | None:
    """Decisions the target would show that the current release does not (None: unknown)."""
    try:
        target = target_state["decisions"]["visible"]
        current = current_state["decisions"]["visible"]
    except (TypeError, KeyError):
        return None
    out = []
    for no, (kind, _digest, _url) in target.items():
        now = current.get(no)
        if now is None or (kind == "p" and now[0] != "p"):
            out.append(no)
    return sorted(out)


def previous_release(root: Root, current: str | None) -> str | None:
    releases = root.complete_releases()
    if current is None:
        return releases[-1] if releases else None
    older = [r for r in releases if release_seq(r) < release_seq(current)]
    return older[-1] if older else None


def do_rollback(root: Root, *, to: str | None, force: bool, trigger: str, wait: bool = False,
                quiet: bool = False) -> int:
    def say(msg):
        if not quiet:
            print(msg, file=sys.stderr)

    if not root.path.is_dir():
        say(f"{root.path} 不存在")
        return EXIT_FAILED
    if not root.acquire(wait=wait, action="回滚", trigger=trigger):
        say(f"{describe_holder(root.holder() or {})}；请稍后再回滚，或加 --wait 排队等待。")
        return EXIT_BUSY
    try:
        current = root.current_id()
        target = to or previous_release(root, current)
        entry = {"action": "rollback", "trigger": trigger, "previous": current}
        if not target:
            say("没有可以回滚到的更早版本。")
            root.log({**entry, "result": "failed", "error": "no earlier release"})
            return EXIT_FAILED
        if target not in root.complete_releases():
            say(f"版本 {target} 不存在或不完整。现有版本：{', '.join(root.complete_releases())}")
            root.log({**entry, "result": "failed", "error": f"unknown release {target}"})
            return EXIT_FAILED
        if target == current:
            say(f"{target} 已经是当前版本。")
            return EXIT_OK
        back = reappearing(root.state(target), root.state(current))
        if back is None and not force:
            say("无法确认目标版本是否会重新公开已撤下的决定（缺少版本状态文件）；确认无误请加 --force。")
            root.log({**entry, "result": "refused", "error": "state unknown", "target": target})
            return EXIT_FAILED
        if back and not force:
            say(f"拒绝回滚：版本 {target} 会重新公开当前版本已撤下（或已改为撤回公告）的 {len(back)} 条决定：")
            for no in back[:20]:
                say(f"  {no}")
            if len(back) > 20:
                say(f"  …另有 {len(back) - 20} 条")
            say("如需立即恢复网站，请用 `portal rebuild` 按当前数据重建；确认要回滚请加 --force。")
            root.log({**entry, "result": "refused", "target": target, "reappearing": len(back)})
            return EXIT_FAILED
        root.switch(target)
        say(f"已回滚：current -> releases/{target}（原为 {current}）")
        result = {**entry, "result": "ok", "release": target, "current": target,
                  "forced": bool(force and back), "reappearing": len(back or [])}
        result = root.log(result)
        root.write_status(result)
        return EXIT_OK
    finally:
        root.release_lock()
