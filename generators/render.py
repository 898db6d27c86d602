"""Writing the site's pages: on every core, and only what changed.

`render_pages` renders a list of `pages.Page` with Jinja templates into the
output directory. Pelican's generator (generators/pelican_portal.py) calls it
from generate_output; nothing here knows about sections or data.

- **Worker processes.** The page list is split into chunks rendered by a
  fork-based pool of `workers` processes (default: one per core). The
  workers inherit the site model and the Jinja environment from the parent
  (no pickling of the model); each page is written to its own file, so the
  output does not depend on which worker wrote what or in which order.
  Touching an inherited object copies its memory page into the worker, so
  each worker gets contiguous runs of pages (see `lanes`). (Sending each
  chunk's page variables pickled instead was tried: the parent, pickling,
  then touched everything itself, and memory grew by 40 %.)
- **Fingerprints.** Every page gets a fingerprint: a hash of the template
  files, of the site-wide context values its templates can read (found by
  Jinja's static analysis of the template, its parents, includes and
  imports), of its URL and of its own variables. Given the fingerprints of
  a previous output directory, a page whose fingerprint did not change is not
  rendered: its previous file is hard-linked into the new output (same bytes,
  inode and mtime). A value that cannot be hashed makes the page render.
- **Plain dicts first.** View models are plain dicts; Jinja's `d.key` tries
  attribute access before item access, which costs an AttributeError per
  lookup. For a plain dict whose key is not a dict method, the item is
  looked up first (same result, a fraction of the time).
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import multiprocessing
import os
import pickle
from pathlib import Path

from jinja2 import Environment, meta

MIN_PAGES_PER_WORKER = 400        # below this, render in this process
CHUNK = 256                        # pages per task sent to a worker
FORMAT = "1"                       # bump when the fingerprint recipe changes
_DICT_ATTRS = frozenset(dir(dict))


def dict_first_getattr(env: Environment):
    """env.getattr that looks plain dicts' keys up before their attributes."""
    slow = Environment.getattr.__get__(env)

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRS:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return slow(obj, attribute)

    return getattr_


def relative_root(output_name: str) -> str:
    """SITEURL for a page at `output_name` when URLs are relative ('.', '..', '../..')."""
    depth = output_name.count("/")
    return "/".join([".."] * depth) if depth else "."


# --------------------------------------------------------------------------- fingerprints

def _h(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(p)
        h.update(b"\x1f")
    return h.digest()


class Digests:
    """Digests of values, memoised by identity for the objects many pages share
    (a listing, the list of years). Objects must stay alive while in use: the
    memo is only fed values reachable from the pages being rendered."""

    SCALARS = (str, int, float, bool, type(None))

    def __init__(self):
        self.memo: dict[int, bytes] = {}

    def of(self, value) -> bytes:
        if type(value) in self.SCALARS:
            return _h(b"s", repr(value).encode())
        key = id(value)
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = self._compute(value)
        return got

    def _compute(self, value) -> bytes:
        try:
            if type(value) is list and len(value) > 64:     # long lists: items are often shared
                return _h(b"l", *(self.of(v) for v in value))
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                return _h(b"dc", type(value).__qualname__.encode(),
                          *(f.name.encode() + self.of(getattr(value, f.name)) for f in dataclasses.fields(value)))
            return _h(b"p", pickle.dumps(value, protocol=5))
        except Exception:  # not hashable this way: the page must render
            return os.urandom(16)


def template_closure(env: Environment, name: str) -> tuple[bytes, frozenset[str] | None]:
    """(hash of the sources of `name` and every template it extends, includes
    or imports; names it may read from the context, or None if unknowable)."""
    seen: dict[str, str] = {}
    names: set[str] = set()
    dynamic = False
    todo = [name]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        source, _, _ = env.loader.get_source(env, n)
        seen[n] = source
        ast = env.parse(source)
        names |= meta.find_undeclared_variables(ast)
        for ref in meta.find_referenced_templates(ast):
            if ref is None:
                dynamic = True
            else:
                todo.append(ref)
    h = _h(*(f"{k}\0{v}".encode() for k, v in sorted(seen.items())))
    return h, None if dynamic else frozenset(names)


class Fingerprinter:
    """fingerprint(page) = hash(recipe, template closure, context values the
    templates can read, page URL, relative-URL flag, page variables)."""

    # Build inputs that are in the context but are not for templates: a
    # template reading them would make every page change with the data.
    NOT_FOR_TEMPLATES = ("PORTAL_DATASET", "PORTAL_EXTRA_FILES", "PORTAL_INDEX_EXTRA", "PORTAL_RENDER_STATE")

    def __init__(self, env: Environment, context: dict, key: str = ""):
        self.env = env
        self.context = context
        self.key = key.encode()
        self.digests = Digests()
        self.per_template: dict[str, bytes] = {}

    def _template(self, name: str) -> bytes:
        got = self.per_template.get(name)
        if got is None:
            src, names = template_closure(self.env, name)
            if names is None:
                names = frozenset(self.context)
            used = sorted(n for n in names if n in self.context and n not in self.NOT_FOR_TEMPLATES)
            got = self.per_template[name] = _h(
                FORMAT.encode(), self.key, src,
                *(n.encode() + self.digests.of(self.context[n]) for n in used))
        return got

    def __call__(self, page, relative: bool) -> str:
        d = self.digests
        return _h(self._template(page.template), page.path.encode(), b"R" if relative else b"A",
                  *(k.encode() + d.of(v) for k, v in sorted(page.vars.items()))).hex()


# --------------------------------------------------------------------------- rendering

class _Job:
    """What the workers need; set in the parent before forking."""
    pages: list = []
    templates: dict = {}
    context: dict = {}
    output: str = ""
    relative: bool = False
    fingerprint: Fingerprinter | None = None
    previous_dir: str | None = None
    previous_dirs: dict = {}
    previous: dict = {}


def _relative(page) -> bool:
    # The 404 page is served at any depth: it links from the site root.
    return _Job.relative and page.path != "404.html"


def _render_range(bounds: tuple[int, int]) -> list[tuple[int, str, bool]]:
    start, stop = bounds
    job = _Job
    out = []
    made: set[str] = set()
    for i in range(start, stop):
        page = job.pages[i]
        name = page.output_name
        rel = _relative(page)
        fp = job.fingerprint(page, rel) if job.fingerprint else ""
        path = os.path.join(job.output, name)
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        if fp and job.previous.get(name) == fp and (job.previous_dir or name in job.previous_dirs):
            try:
                os.link(os.path.join(job.previous_dirs.get(name) or job.previous_dir, name), path)
                out.append((i, fp, True))
                continue
            except OSError:
                pass  # not there any more, another file system: render it
        ctx = dict(job.context)
        siteurl = relative_root(name) if rel else job.context.get("SITEURL", "")
        ctx["SITEURL"] = siteurl
        ctx["localsiteurl"] = siteurl if rel else job.context.get("localsiteurl")
        ctx["output_file"] = name
        ctx["page_path"] = page.path
        ctx.update(page.vars)
        html = job.templates[page.template].render(ctx)
        with open(path, "w", encoding="utf-8") as f:
            f.write(html)
        out.append((i, fp, False))
    return out


def lanes(pages: list, workers: int) -> list[list[tuple[int, int]]]:
    """One list of index ranges per worker: each run of pages with the same
    template is cut into `workers` contiguous parts, part w going to worker
    w. Balanced (every worker gets its share of listings and of decision
    pages) and local: a worker touches, and so copies from its parent on
    write, about 1/workers of the objects the pages refer to, not all."""
    out: list[list[tuple[int, int]]] = [[] for _ in range(workers)]
    start = 0
    for i in range(1, len(pages) + 1):
        if i == len(pages) or pages[i].template != pages[start].template:
            n = i - start
            for w in range(workers):
                a, b = start + n * w // workers, start + n * (w + 1) // workers
                if a < b:
                    out[w].append((a, b))
            start = i
    return [lane for lane in out if lane]


def _render_lane(ranges: list[tuple[int, int]]) -> list[tuple[int, str, bool]]:
    out = []
    for start, stop in ranges:
        for a in range(start, stop, CHUNK):
            out.extend(_render_range((a, min(a + CHUNK, stop))))
    return out


def _trim_heap() -> None:
    """Give memory freed while building the model back to the system before
    forking (glibc), so that the workers start from a smaller parent."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def render_pages(pages: list, *, env: Environment, get_template, context: dict, output_path: str | Path,
                 relative_urls: bool, workers: int | None = None, fingerprint_key: str | None = None,
                 previous_dir: str | Path | None = None, previous: dict | None = None,
                 previous_dirs: dict | None = None) -> dict:
    """Render `pages` into `output_path`. Returns {"fingerprints": {output name:
    fingerprint}, "rendered": n, "reused": n, "workers": n}.

    `fingerprint_key=None` computes no fingerprints. With `previous` (output
    name -> fingerprint of a previous output's pages) and `previous_dir` (that
    output) or `previous_dirs` (output name -> the directory holding that
    page: several previous outputs), pages whose fingerprint is unchanged are
    hard-linked from there.
    """
    names = [p.output_name for p in pages]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})[:5]
        raise ValueError(f"two pages write the same file: {dup}")
    env.getattr = dict_first_getattr(env)
    _Job.pages = pages
    _Job.templates = {t: get_template(t.rsplit(".", 1)[0]) for t in dict.fromkeys(p.template for p in pages)}
    _Job.context = context
    _Job.output = str(output_path)
    _Job.relative = bool(relative_urls)
    _Job.fingerprint = Fingerprinter(env, context, fingerprint_key) if fingerprint_key is not None else None
    _Job.previous_dir = str(previous_dir) if previous_dir and previous else None
    _Job.previous_dirs = dict(previous_dirs or {})
    _Job.previous = dict(previous or {})
    if workers is None:
        workers = os.cpu_count() or 1
    workers = max(1, min(workers, len(pages) // MIN_PAGES_PER_WORKER))
    results: list = []
    try:
        if workers == 1:
            results = _render_lane([(0, len(pages))])
        else:
            gc.collect()
            gc.freeze()  # keep the collector from touching (and so copying) the parent's objects
            _trim_heap()
            try:
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    for part in pool.imap_unordered(_render_lane, lanes(pages, workers), chunksize=1):
                        results.extend(part)
            finally:
                gc.unfreeze()
    finally:
        _Job.pages, _Job.previous, _Job.previous_dirs, _Job.templates = [], {}, {}, {}
        _Job.fingerprint = None
    results.sort()
    return {"fingerprints": {names[i]: fp for i, fp, _ in results} if fingerprint_key is not None else {},
            "rendered": sum(1 for r in results if not r[2]), "reused": sum(1 for r in results if r[2]),
            "workers": workers}
