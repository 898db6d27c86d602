"""Run a command with a time limit and measure it: wall time, CPU time,
peak memory of the whole process tree (sampled from /proc) and the largest
single process's peak RSS (from wait4).

Peak tree memory is sampled every `interval` seconds: the sum of RSS of the
process and all its descendants (pages shared after fork() count once per
process, so this over-states a forked pool) and the sum of PSS (shared pages
split between the processes sharing them: the memory the tree really uses).
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    cmd: list[str]
    returncode: int | None = None
    timed_out: bool = False
    wall_s: float = 0.0
    cpu_s: float = 0.0
    tree_rss_mb: float = 0.0       # peak of the sum of RSS over the process tree
    tree_pss_mb: float = 0.0       # peak of the sum of PSS over the process tree
    max_rss_mb: float = 0.0        # largest single process (ru_maxrss)
    processes: int = 0             # most processes seen at once
    timeline: list = field(default_factory=list)   # (seconds, tree PSS MB), every second or so
    stdout: str = ""
    stderr: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def as_dict(self) -> dict:
        d = asdict(self)
        d["stdout"] = d["stdout"][-2000:]
        d["stderr"] = d["stderr"][-4000:]
        d.pop("timeline")
        return d


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(x) for x in f.read().split())
    except OSError:
        pass
    return out


def tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(_children(p))
    return seen


def _rss_pss(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        try:
            with open(f"/proc/{pid}/statm") as f:
                rss = pss = int(f.read().split()[1]) * PAGE
        except OSError:
            pass
    return rss, pss


def run(cmd: list[str], *, timeout: float, cwd: Path | None = None, env: dict | None = None,
        interval: float = 0.2, stdin_devnull: bool = True) -> Run:
    """Run `cmd` in its own process group; kill the group after `timeout` s."""
    r = Run([str(c) for c in cmd])
    t0 = time.monotonic()
    proc = subprocess.Popen(r.cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL if stdin_devnull else None, start_new_session=True)
    # Drain pipes in threads so a chatty tool cannot block on a full pipe.
    import threading

    chunks: dict[str, list[bytes]] = {"out": [], "err": []}

    def drain(stream, key):
        for block in iter(lambda: stream.read(65536), b""):
            chunks[key].append(block)
            if sum(map(len, chunks[key])) > 4_000_000:  # keep the tail only
                del chunks[key][: len(chunks[key]) // 2]

    threads = [threading.Thread(target=drain, args=(proc.stdout, "out"), daemon=True),
               threading.Thread(target=drain, args=(proc.stderr, "err"), daemon=True)]
    for t in threads:
        t.start()
    peak_rss = peak_pss = 0
    status = usage = None
    while True:
        pid_done, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid_done:
            break
        sampled = time.monotonic()
        pids = tree(proc.pid)
        r.processes = max(r.processes, len(pids))
        rss = pss = 0
        for p in pids:
            a, b = _rss_pss(p)
            rss += a
            pss += b
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        now = time.monotonic() - t0
        if not r.timeline or now - r.timeline[-1][0] >= 1.0:
            r.timeline.append((round(now, 1), round(pss / 2**20)))
        if time.monotonic() - t0 > timeout:
            r.timed_out = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _, status, usage = os.wait4(proc.pid, 0)
            break
        # Reading smaps_rollup walks the page tables of every process: for
        # multi-GB trees one sample costs tens of ms of a core the measured
        # tool needs. Sample at most 5 % of the time.
        time.sleep(max(interval, 20 * (time.monotonic() - sampled)))
    r.wall_s = time.monotonic() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    r.returncode = proc.returncode
    if r.timed_out:  # the group may have grandchildren left: make sure
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for t in threads:
        t.join(timeout=5)
    r.stdout = b"".join(chunks["out"]).decode("utf-8", "replace")
    r.stderr = b"".join(chunks["err"]).decode("utf-8", "replace")
    r.cpu_s = usage.ru_utime + usage.ru_stime
    r.max_rss_mb = usage.ru_maxrss / 1024
    r.tree_rss_mb = max(peak_rss / 2**20, r.max_rss_mb)
    r.tree_pss_mb = max(peak_pss / 2**20, 0.0)
    return r


def du(root: Path) -> tuple[int, int]:
    """(files, bytes) under root, counting each inode once."""
    files = size = 0
    seen = set()
    for dirpath, _, names in os.walk(root):
        for n in names:
            st = os.lstat(os.path.join(dirpath, n))
            files += 1
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                size += st.st_size
    return files, size
