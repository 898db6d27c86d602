"""Files made in a child process while the build goes on.

A section whose files take long to compute and that no page depends on (the
search index) hands the work to a `Job`: a child process computes them
while the parent renders pages, then the generator moves them into the
output. The page workers and this child run side by side on the cores that
rendering alone would leave half idle.

The child is a fresh interpreter (`python -m generators.background`), given
its input pickled on stdin, not a fork of the parent: a forked child shares the parent's memory
pages, and every page the parent then writes (it goes on building the site)
is copied. At 100k decisions that cost 25 s of system time and 170 MB.
"""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import traceback
import weakref
from pathlib import Path
from typing import Callable

ERROR_FILE = ".job-error"
_PROJECT = str(Path(__file__).resolve().parent.parent)  # the directory holding `generators`


class JobFailed(RuntimeError):
    pass


def main(out_dir: str) -> int:
    """The child: `python -m generators.background DIR`, (fn, args) pickled on stdin."""
    try:
        fn, args = pickle.loads(sys.stdin.buffer.read())
        fn(*args, Path(out_dir))
    except BaseException as exc:  # reported to the parent through the directory
        traceback.print_exc()
        Path(out_dir, ERROR_FILE).write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")
        return 1
    return 0


class Job:
    """`fn(*args, out_dir)` run in a child process; `files()` waits for it.

    `fn` must be importable by name (a module-level function) and `args`
    must pickle (plain data)."""

    def __init__(self, label: str, fn: Callable, *args, prefix: str = "", workdir: str | Path | None = None):
        """prefix: where in the site its files go. workdir: where the child
        writes them (a hidden directory made there): the output directory,
        so they are moved into place by renaming, and a failed build's
        staging directory takes them along; not /tmp, which may be memory."""
        self.label, self.prefix = label, prefix
        if workdir is not None:
            os.makedirs(workdir, exist_ok=True)
        self.dir = tempfile.mkdtemp(prefix=".portal-job-", dir=workdir)
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.dir, True)
        blob = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            p for p in (_PROJECT, os.environ.get("PYTHONPATH", "")) if p))
        self.proc = subprocess.Popen([sys.executable, "-m", "generators.background", self.dir],
                                     stdin=subprocess.PIPE, env=env, cwd=_PROJECT)
        try:
            self.proc.stdin.write(blob)
        except BrokenPipeError:  # the child died at once: files() says so
            pass
        finally:
            self.proc.stdin.close()

    def files(self) -> dict[str, Path]:
        """Wait for the child; its files, by site path (prefix + path in its directory)."""
        code = self.proc.wait()
        error = Path(self.dir, ERROR_FILE)
        if error.exists():
            raise JobFailed(f"{self.label}失败：{error.read_text(encoding='utf-8')}")
        if code != 0:
            raise JobFailed(f"{self.label}失败：子进程退出码 {code}")
        root = Path(self.dir)
        return {self.prefix + p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._cleanup()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
