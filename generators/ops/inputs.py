"""What a release is built from, hashed: the data files, the code and
templates, the settings, the reference date. Equal fingerprints give equal
sites, so a rebuild with nothing changed keeps the current release.

Also the parsed-input cache: each input file's Table, pickled under
ROOT/cache/tables/ and keyed by the SHA-256 of its bytes (and of the loader
code), so a rebuild after one changed file re-reads only that file.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import time
from pathlib import Path

from ..pipeline.load import is_ignored, read_table

REPO = Path(__file__).resolve().parent.parent.parent
CODE_PARTS = ("generators", "themes", "content")
CODE_FILES = ("pelicanconf.py", "publishconf.py", "pyproject.toml")
CODE_SUFFIXES = {".py", ".yml", ".yaml", ".json", ".html", ".js", ".css", ".svg", ".md", ".txt", ".toml", ".png",
                 ".ico", ".woff", ".woff2"}


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def data_files(data_dir: Path) -> dict[str, str]:
    """relative path -> SHA-256 of every non-hidden file of the data directory."""
    data_dir = Path(data_dir)
    out = {}
    if not data_dir.is_dir():
        return out
    for dirpath, dirnames, filenames in os.walk(data_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath, name)
            if is_ignored(p) or not p.is_file():
                continue
            out[p.relative_to(data_dir).as_posix()] = file_sha256(p)
    return out


def _tree_hash(paths) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.relative_to(REPO).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()


def code_hash(extra: list[Path] = ()) -> str:
    """Code, templates, pages and settings that shape the output, and library versions."""
    paths = []
    for part in CODE_PARTS:
        for dirpath, dirnames, filenames in os.walk(REPO / part):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
            for name in sorted(filenames):
                p = Path(dirpath, name)
                if p.suffix.lower() in CODE_SUFFIXES and not name.startswith("."):
                    paths.append(p)
    paths += [REPO / f for f in CODE_FILES if (REPO / f).is_file()]
    h = hashlib.sha256(_tree_hash(paths).encode())
    for p in extra:
        if p and Path(p).is_file():
            h.update(b"\0settings\0" + Path(p).read_bytes())
    try:
        from importlib.metadata import version

        for dist in ("pelican", "jinja2", "markdown", "pandas", "lunr"):
            try:
                h.update(f"\0{dist}={version(dist)}".encode())
            except Exception:
                pass
    except ImportError:
        pass
    return h.hexdigest()


def loader_hash() -> str:
    """The code that turns a file into a Table: a new version invalidates the cache."""
    pipeline = REPO / "generators" / "pipeline"
    return _tree_hash(sorted(p for p in pipeline.iterdir() if p.suffix in (".py", ".yml")))


def fingerprint(inputs: dict[str, str], code: str, **params) -> str:
    doc = {"inputs": inputs, "code": code, "params": {k: str(v) for k, v in sorted(params.items())}}
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()


class TableCache:
    """read_table with a cache of parsed Tables keyed by the file's SHA-256."""

    def __init__(self, directory: Path, known: dict[str, str] | None = None, data_dir: Path | None = None):
        self.dir = Path(directory) / "tables"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.loader = loader_hash()
        self.known = known or {}           # relative path -> sha256, from data_files()
        self.data_dir = Path(data_dir) if data_dir else None
        self.hits = 0
        self.misses = 0

    def _key(self, path: Path, source: str, base: Path | None) -> str:
        rel = path.relative_to(base).as_posix() if base else path.name
        digest = self.known.get(rel) if self.data_dir and base and Path(base) == self.data_dir else None
        digest = digest or file_sha256(path)
        return hashlib.sha256(f"{self.loader}\0{source}\0{rel}\0{digest}".encode()).hexdigest()

    def read(self, path: Path, source: str, base: Path | None = None):
        try:
            key = self._key(Path(path), source, Path(base) if base else None)
        except OSError:
            return read_table(path, source, base)  # read_table reports the error properly
        cached = self.dir / key[:2] / f"{key}.pickle"
        try:
            with open(cached, "rb") as f:
                table = pickle.load(f)
            os.utime(cached)
            self.hits += 1
            return table
        except FileNotFoundError:
            pass
        except Exception:
            cached.unlink(missing_ok=True)  # unreadable cache entry: read the file again
        table = read_table(path, source, base)
        self.misses += 1
        cached.parent.mkdir(exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
        return table

    def prune(self, max_age_days: float = 14) -> int:
        """Drop entries not used for a while."""
        limit = time.time() - max_age_days * 86400
        n = 0
        for p in self.dir.glob("*/*.pickle"):
            try:
                if p.stat().st_mtime < limit:
                    p.unlink()
                    n += 1
            except OSError:
                pass
        return n
