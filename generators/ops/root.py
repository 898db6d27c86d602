"""The operations root: releases, the `current` symlink, state files, the
lock, coalesced follow-up requests, the audit log and the status file.

Invariants:
- `current` only ever points at a complete, audited release; it is switched
  with one rename (a new symlink created beside it, then os.replace).
- A release directory gets its final name only after it passed every audit
  and its state file was written; anything else under `releases/` starts
  with `.tmp-` and is deleted by the next run.
- One rebuild (or rollback, or install) at a time: fcntl.flock on ROOT/.lock.
  The kernel drops the lock when the holder dies, even by kill -9.
"""
from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import re
import shutil
from pathlib import Path

RELEASE_ID = re.compile(r"^(\d{8}T\d{6})-(\d{4,})-([0-9a-f]{8})$")
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
DEFAULT_KEEP = 5


def now_iso() -> str:
    """Wall-clock time for the audit log and status (never for published files)."""
    return dt.datetime.now(SHANGHAI).isoformat(timespec="seconds")


def write_atomic(path: Path, data: bytes, mode: int = 0o640) -> None:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def write_json(path: Path, doc, mode: int = 0o640) -> None:
    write_atomic(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), mode)


def read_json(path: Path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def release_id(stamp: dt.datetime, seq: int, fingerprint: str) -> str:
    """`20261120T000000-0007-3fa2b9c1`: reference time, build number, input hash.

    Sorts in build order as long as the reference dates do not go backwards;
    the code orders releases by the build number (seq) in any case."""
    return f"{stamp.strftime('%Y%m%dT%H%M%S')}-{seq:04d}-{fingerprint[:8]}"


def release_seq(rid: str) -> int:
    m = RELEASE_ID.match(rid)
    return int(m.group(2)) if m else -1


class Busy(Exception):
    """Another rebuild, rollback or install holds the lock."""

    def __init__(self, holder: dict | None):
        self.holder = holder or {}
        super().__init__(describe_holder(self.holder))


def describe_holder(holder: dict) -> str:
    if not holder:
        return "另一个重建/回滚/安装任务正在进行"
    return (f"另一个任务正在进行：{holder.get('action', '重建')}，进程 {holder.get('pid')}，"
            f"{holder.get('started', '')} 开始，触发者 {holder.get('trigger', '未知')}")


class Root:
    def __init__(self, path: Path):
        self.path = Path(path).resolve()
        self.releases = self.path / "releases"
        self.state_dir = self.path / "state"
        self.cache_dir = self.path / "cache"
        self.reports = self.path / "reports"
        self.current = self.path / "current"
        self.lock_file = self.path / ".lock"
        self.pending_file = self.path / ".pending"
        self.holder_file = self.path / ".building"
        self.audit_log = self.path / "audit.log"
        self.status_file = self.path / "status.json"
        self._lock_fd: int | None = None

    # -- layout -----------------------------------------------------------
    def ensure(self) -> None:
        for d in (self.path, self.releases, self.state_dir, self.cache_dir, self.reports):
            d.mkdir(parents=True, exist_ok=True)
        if self.current.exists() and not self.current.is_symlink():
            raise RuntimeError(f"{self.current} 是普通目录而不是符号链接；请先把它移走（见 docs/operations.md 迁移一节）")

    def release_dir(self, rid: str) -> Path:
        return self.releases / rid

    def state_path(self, rid: str) -> Path:
        return self.state_dir / f"{rid}.json"

    def state(self, rid: str | None) -> dict | None:
        if not rid:
            return None
        doc = read_json(self.state_path(rid))
        return doc if isinstance(doc, dict) and doc.get("release") == rid else None

    def write_state(self, rid: str, doc: dict) -> None:
        write_json(self.state_path(rid), doc)

    def current_id(self) -> str | None:
        try:
            target = os.readlink(self.current)
        except OSError:
            return None
        name = Path(target).name
        if Path(target).parent.name != "releases" or not RELEASE_ID.match(name):
            return None
        return name if self.release_dir(name).is_dir() else None

    def complete_releases(self) -> list[str]:
        """Complete releases (directory and state file), oldest build first."""
        out = []
        if self.releases.is_dir():
            for p in self.releases.iterdir():
                if RELEASE_ID.match(p.name) and p.is_dir() and self.state_path(p.name).is_file():
                    out.append(p.name)
        return sorted(out, key=lambda r: (release_seq(r), r))

    def next_seq(self) -> int:
        seqs = [release_seq(p.stem) for p in self.state_dir.glob("*.json")] if self.state_dir.is_dir() else []
        seqs += [release_seq(p.name) for p in self.releases.iterdir()] if self.releases.is_dir() else []
        return max([0, *seqs]) + 1

    # -- switching --------------------------------------------------------
    def switch(self, rid: str) -> None:
        """Point `current` at releases/<rid> with one atomic rename."""
        if not self.release_dir(rid).is_dir():
            raise FileNotFoundError(self.release_dir(rid))
        tmp = self.path / f".current.tmp-{os.getpid()}"
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        os.symlink(f"releases/{rid}", tmp)
        os.replace(tmp, self.current)
        fsync_dir(self.path)

    # -- housekeeping -----------------------------------------------------
    def cleanup(self) -> list[str]:
        """Remove what interrupted runs left: half-written releases, orphan state files."""
        removed = []
        if self.releases.is_dir():
            for p in self.releases.iterdir():
                if p.name.startswith(".tmp-") or p.name.startswith(".del-"):
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p.name)
        if self.state_dir.is_dir():
            for p in self.state_dir.iterdir():
                if p.name.startswith("."):
                    p.unlink(missing_ok=True)
                elif p.suffix == ".json" and not self.release_dir(p.stem).is_dir():
                    p.unlink(missing_ok=True)
                    removed.append(p.name)
        for p in [*self.path.glob(".current.tmp-*"), self.path / ".test-paused"]:
            p.unlink(missing_ok=True)
        return removed

    def delete_release(self, rid: str) -> None:
        if rid == self.current_id():
            raise RuntimeError("不能删除当前版本")
        d = self.release_dir(rid)
        if d.is_dir():
            trash = self.releases / f".del-{rid}"
            os.rename(d, trash)  # out of the way at once; the rest can take its time
            shutil.rmtree(trash, ignore_errors=True)
        self.state_path(rid).unlink(missing_ok=True)
        (self.reports / f"{rid}.json").unlink(missing_ok=True)
        (self.reports / f"{rid}.xlsx").unlink(missing_ok=True)

    def prune(self, keep: int) -> list[str]:
        """Keep the newest `keep` releases (and always the current one)."""
        keep = max(1, keep)
        releases = self.complete_releases()
        current = self.current_id()
        doomed = [r for r in releases[:-keep] if r != current] if len(releases) > keep else []
        for rid in doomed:
            self.delete_release(rid)
        return doomed

    # -- lock ---------------------------------------------------------------
    def acquire(self, wait: bool = False, *, action: str = "重建", trigger: str = "") -> bool:
        """Take ROOT/.lock. False when busy and not waiting."""
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o640)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        self._lock_fd = fd
        write_json(self.holder_file, {"pid": os.getpid(), "action": action, "trigger": trigger,
                                      "started": now_iso()})
        return True

    def release_lock(self) -> None:
        if self._lock_fd is None:
            return
        self.holder_file.unlink(missing_ok=True)
        fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
        os.close(self._lock_fd)
        self._lock_fd = None

    def holder(self) -> dict | None:
        """Who holds the lock, if anyone is alive to hold it."""
        doc = read_json(self.holder_file)
        if not isinstance(doc, dict):
            return None
        try:
            os.kill(int(doc.get("pid", 0)), 0)
        except (OSError, ValueError):
            return None
        except Exception:
            return None
        return doc

    # -- coalesced follow-ups ------------------------------------------------
    def request_followup(self, request: dict) -> None:
        """Leave a request for the running build: one follow-up build covers them all."""
        old = read_json(self.pending_file) or {}
        triggers = (old.get("triggers") or [])[-19:] + [request.get("trigger", "")]
        write_json(self.pending_file, {**request, "triggers": triggers, "count": int(old.get("count", 0)) + 1,
                                       "requested": now_iso()})

    def take_pending(self) -> dict | None:
        """Claim the pending request (atomically: a request arriving later stays pending)."""
        claimed = self.path / f".pending.taken-{os.getpid()}"
        try:
            os.rename(self.pending_file, claimed)
        except FileNotFoundError:
            return None
        doc = read_json(claimed)
        claimed.unlink(missing_ok=True)
        return doc if isinstance(doc, dict) else {}

    def has_pending(self) -> bool:
        return self.pending_file.exists()

    # -- audit log and status ------------------------------------------------
    def log(self, entry: dict) -> dict:
        entry = {"when": now_iso(), **entry}
        line = (json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
        fd = os.open(self.audit_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
        try:
            os.write(fd, line)  # one write per line: concurrent writers never interleave
        finally:
            os.close(fd)
        return entry

    def write_status(self, entry: dict) -> None:
        old = read_json(self.status_file) or {}
        build = entry.get("action") in ("rebuild", "install")
        doc = {"last": entry,
               "last_build": entry if build else old.get("last_build"),
               "last_success": entry if build and entry.get("result") in ("ok", "unchanged")
               else old.get("last_success"),
               "current": self.current_id()}
        write_json(self.status_file, doc)

    def status(self) -> dict:
        doc = read_json(self.status_file) or {}
        holder = self.holder()
        return {
            "current": self.current_id(),
            "releases": self.complete_releases(),
            "running": holder is not None,
            "running_since": holder.get("started") if holder else None,
            "running_trigger": holder.get("trigger") if holder else None,
            "pending": self.has_pending(),
            "last": doc.get("last"),
            "last_build": doc.get("last_build"),
            "last_success": doc.get("last_success"),
        }
