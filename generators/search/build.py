"""Writes the sharded search index (see docs/search.md for the design).

Pure Python, no Pelican imports.  Output layout under ``out_dir``::

    manifest.json      shard counts, facet vocabularies, content version
    t/<n>.json         term shard n = fnv1a32(token) % termShards: a lunr
                       index (lunr.py Builder, empty pipeline) holding only the
                       tokens of that shard and, per token and field, its
                       ``top_n`` most recent documents; plus the facet codes of those documents and
                       the true document frequency of truncated tokens
    x/<n>.json         exact-lookup shard n = fnv1a32(key) % exactShards:
                       canonical key of a decision number, USCC, full
                       organisation name, certificate number or officer
                       name -> decisions / notices / officers
    m/<n>.json         display records of decisions seq n*chunk .. n*chunk+chunk-1

Decisions are numbered (``seq``: by target name, then newest first) and referenced by ``seq`` in
base 36.  Withdrawal notices only appear in ``x/`` under their decision
number, with nothing but the number and the URL.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
from array import array
from collections import Counter
from pathlib import Path

from lunr.builder import Builder
from lunr.token_set import TokenSet
from lunr.vector import Vector

from .lunr_fast import serialize_shard
from .tokenize import TOKENIZER_VERSION, exact_key, fnv1a32, tokenize, utf16_sort_key

FORMAT = 1
# (field name, build-time boost); lunr bakes the boost into the stored scores.
FIELDS: tuple[tuple[str, int], ...] = (("name", 10), ("number", 5), ("text", 1))
TOP_N = 100  # most recent documents kept per token and field
CHUNK = 16  # display records per m/ file
POSTINGS_PER_SHARD = 400  # target (field, doc) postings per t/ file
KEYS_PER_EXACT_SHARD = 128
K1 = 1.2
B = 0.75
MAX_TF = 63
OFFICER_STATUSES = ("有效", "暂扣", "注销")

_SAFE_URL = re.compile(r"^[A-Za-z0-9_~-][A-Za-z0-9._~/#%-]*$")


def _check_url(url: str) -> str:
    if not isinstance(url, str) or not _SAFE_URL.match(url) or ".." in url or "//" in url:
        raise ValueError(f"search: unsafe or non-relative url {url!r}")
    return url


def _dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(digits[r])
    return "".join(reversed(out))


def field_tokens(doc: dict) -> list[list[str]]:
    """Tokens per field of FIELDS for a published decision."""
    name = tokenize(doc.get("target_name") or "")
    number = tokenize(doc.get("decision_no") or "") + tokenize(doc.get("target_code") or "")
    text: list[str] = []
    for part in [doc.get("agency"), doc.get("category"), *(doc.get("penalty_types") or []), doc.get("summary")]:
        text.extend(tokenize(part or ""))
    return [name, number, text]


def _bm25(tf: int, length: int, avg: float, idf: float, boost: int) -> float:
    score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / avg)) + tf)
    return round(score * boost, 3)


def _idf(df: int, n: int) -> float:
    # lunr.idf: df counts (field, document) postings
    return math.log(1 + abs((n - df + 0.5) / (df + 0.5)))


class _ShardBuilder(Builder):
    """lunr.py Builder whose scores use the statistics of the whole corpus
    (document count, field lengths, document frequencies) rather than those
    of the shard, so that scores from different shards are comparable and
    equal to what one big index would store."""

    def __init__(self, n_docs, avg_len, df_pairs):
        super().__init__()
        self.pipeline.reset()
        self.search_pipeline.reset()
        self._n_docs = n_docs
        self._avg = avg_len
        self._df_pairs = df_pairs
        self.true_lengths: dict[str, int] = {}

    def _calculate_average_field_lengths(self):
        self.average_field_length = dict(self._avg)

    def _create_field_vectors(self):
        vectors = {}
        for field_ref, freqs in self.field_term_frequencies.items():
            if not freqs:
                continue
            fname, _ = field_ref.split("/", 1)
            boost = self._fields[fname].boost
            length = self.true_lengths[field_ref]
            vec = Vector()
            for term, tf in freqs.items():
                idf = _idf(self._df_pairs[term], self._n_docs)
                vec.insert(self.inverted_index[term]["_index"],
                           _bm25(tf, length, self._avg[fname], idf, boost))
            vectors[field_ref] = vec
        self.field_vectors = vectors

    def _create_token_set(self):
        # lunr.js rebuilds the token set from invertedIndex on load.
        self.token_set = TokenSet()


def _validate(docs, officers):
    for d in docs:
        if d.get("kind") not in ("decision", "notice"):
            raise ValueError(f"search: unknown kind {d.get('kind')!r}")
        if not re.fullmatch(r"[0-9a-f]{16}", d.get("id") or ""):
            raise ValueError(f"search: bad id {d.get('id')!r}")
        _check_url(d["url"])
        if not d.get("decision_no"):
            raise ValueError("search: document without decision_no")
    for o in officers:
        _check_url(o["url"])
        if o.get("status") not in OFFICER_STATUSES:
            raise ValueError(f"search: bad officer status {o.get('status')!r}")


class _Writer:
    def __init__(self, out_dir: Path):
        self.out = out_dir
        self.files: list[Path] = []
        self.hash = hashlib.sha256()
        self.bytes = 0

    def write(self, rel: str, obj) -> None:
        data = _dumps(obj)
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.hash.update(rel.encode() + b"\0" + data + b"\0")
        self.files.append(path)
        self.bytes += len(data)


def write_search_index(docs: list[dict], officers: list[dict], out_dir: Path, *,
                       top_n: int = TOP_N, chunk: int = CHUNK,
                       postings_per_shard: int = POSTINGS_PER_SHARD,
                       keys_per_exact_shard: int = KEYS_PER_EXACT_SHARD) -> list[Path]:
    """Write the search index for published decisions, withdrawal notices and
    officers into ``out_dir`` (the site's ``search/`` directory) and return
    the written files.  Identical input gives byte-identical output."""
    out_dir = Path(out_dir)
    _validate(docs, officers)
    out_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("t", "x", "m"):
        if (out_dir / sub).is_dir():
            shutil.rmtree(out_dir / sub)
    w = _Writer(out_dir)

    # seq order: by target name (a company's decisions share display chunks,
    # so a name query loads few m/ files), newest first within a name, then id.
    decisions = sorted((d for d in docs if d["kind"] == "decision"), key=lambda d: d["id"])
    decisions.sort(key=lambda d: d.get("date") or "", reverse=True)
    decisions.sort(key=lambda d: d.get("target_name") or "")
    notices = sorted((d for d in docs if d["kind"] == "notice"), key=lambda d: d["id"])
    n_docs = len(decisions)
    if n_docs >= 1 << 24:
        raise ValueError("search: more than 16,777,215 decisions do not fit the packed postings")

    # Facet vocabularies and per-document facet codes [category, agency, year, [penalties]].
    cats = sorted({d.get("category") or "" for d in decisions} - {""})
    agencies = sorted({d.get("agency") or "" for d in decisions} - {""})
    penalties = sorted({p for d in decisions for p in (d.get("penalty_types") or []) if p})
    cat_i = {c: i for i, c in enumerate(cats)}
    ag_i = {a: i for i, a in enumerate(agencies)}
    pen_i = {p: i for i, p in enumerate(penalties)}

    def codes(d):
        return [cat_i.get(d.get("category"), -1), ag_i.get(d.get("agency"), -1),
                int(d["year"]) if d.get("year") else 0,
                sorted({pen_i[p] for p in (d.get("penalty_types") or []) if p})]

    # m/: display records, `chunk` per file, in seq order.
    for start in range(0, n_docs, chunk):
        recs = []
        for d in decisions[start:start + chunk]:
            recs.append({
                "url": d["url"], "no": d["decision_no"], "target": d.get("target_name") or "",
                "agency": d.get("agency") or "", "category": d.get("category") or "",
                "date": d.get("date") or "", "fine": d.get("fine_yuan"),
                "penalties": list(d.get("penalty_types") or []),
            })
        w.write(f"m/{start // chunk}.json", recs)

    # Pass 1: postings packed as seq<<8 | field<<6 | tf, and field lengths.
    lengths = [array("I") for _ in FIELDS]
    postings: dict[str, array] = {}
    for seq, d in enumerate(decisions):
        for fi, toks in enumerate(field_tokens(d)):
            lengths[fi].append(len(toks))
            for term, tf in Counter(toks).items():
                arr = postings.get(term)
                if arr is None:
                    arr = postings[term] = array("I")
                arr.append(seq << 8 | fi << 6 | min(tf, MAX_TF))
    avg = {}
    for fi, (fname, _) in enumerate(FIELDS):
        total = sum(lengths[fi])
        avg[fname] = (total / n_docs) if total else 1.0

    # Pass 2: per term and field, keep the top_n most recent documents.  One
    # order for every term (not each term's BM25 order, which favours
    # different short documents for each term) makes the kept lists of
    # co-occurring common terms overlap, so AND queries over common terms
    # still find documents holding all of them.
    recency = sorted(range(n_docs), key=lambda s: decisions[s]["id"])
    recency.sort(key=lambda s: decisions[s].get("date") or "", reverse=True)
    prio = array("I", bytes(4 * n_docs))
    for rank, s_ in enumerate(recency):
        prio[s_] = rank
    del recency
    df_pairs: dict[str, int] = {}
    truncated: dict[str, int] = {}
    kept_total = 0
    for term in list(postings):
        arr = postings[term]
        df_pairs[term] = len(arr)
        per_field = [0] * len(FIELDS)
        for p in arr:
            per_field[(p >> 6) & 3] += 1
        if max(per_field) > top_n:
            keep = []
            for fi, count in enumerate(per_field):
                fp = [p for p in arr if (p >> 6) & 3 == fi]
                if count > top_n:
                    fp.sort(key=lambda p: prio[p >> 8])
                    fp = fp[:top_n]
                keep.extend(fp)
            truncated[term] = len({p >> 8 for p in arr})
            keep.sort()
            postings[term] = array("I", keep)
        kept_total += len(postings[term])

    n_term_shards = max(1, math.ceil(kept_total / postings_per_shard))
    shard_terms: list[list[str]] = [[] for _ in range(n_term_shards)]
    for term in postings:
        shard_terms[fnv1a32(term) % n_term_shards].append(term)

    all_codes = [codes(d) for d in decisions]
    field_names = [f for f, _ in FIELDS]
    for s, terms in enumerate(shard_terms):
        terms.sort(key=utf16_sort_key)
        per_doc: dict[int, list[list[str]]] = {}
        for term in terms:
            for p in postings[term]:
                seq, fi, tf = p >> 8, (p >> 6) & 3, p & 63
                per_doc.setdefault(seq, [[] for _ in FIELDS])[fi].extend([term] * tf)
        # What _ShardBuilder(...).build().serialize() gives, without lunr.py's
        # per-token overhead (lunr_fast; tests/test_search_lunr_fast.py).
        seqs = sorted(per_doc)
        facet_map = {b36(seq): all_codes[seq] for seq in seqs}
        ser = serialize_shard(FIELDS, [(b36(seq), per_doc[seq]) for seq in seqs],
                              lambda fi, pos: lengths[fi][seqs[pos]], avg, df_pairs, n_docs, _bm25, _idf)
        ser["invertedIndex"].sort(key=lambda kv: utf16_sort_key(kv[0]))
        ser["fieldVectors"] = [fv for fv in ser["fieldVectors"] if fv[1]]
        w.write(f"t/{s}.json", {
            "index": ser,
            "facets": facet_map,
            "truncated": {t: truncated[t] for t in terms if t in truncated},
        })
        for term in terms:  # free memory as we go
            del postings[term]

    # x/: exact lookups.
    exact: dict[str, dict] = {}

    def entry(key):
        return exact.setdefault(key, {})

    # Decisions are held as seq numbers here and expanded to
    # [ref, *facet codes] one shard at a time, as it is written (memory).
    for seq, d in enumerate(decisions):
        keys = [exact_key(d["decision_no"])]
        if d.get("target_code"):
            # organisations and 个体工商户 (natural persons have no code and a masked name)
            keys.append(exact_key(d["target_code"]))
            keys.append(exact_key(d.get("target_name") or ""))
        for key in dict.fromkeys(k for k in keys if k):
            entry(key).setdefault("d", []).append(seq)
    for d in notices:
        key = exact_key(d["decision_no"])
        if key:
            entry(key).setdefault("n", []).append({"no": d["decision_no"], "url": d["url"]})
    off_sorted = sorted(officers, key=lambda o: (o.get("cert_no") or "", o.get("name") or "", o["url"]))
    for o in off_sorted:
        rec = {k: o.get(k) or "" for k in ("name", "cert_no", "agency", "domain", "status", "valid_until", "url")}
        for key in dict.fromkeys(k for k in (exact_key(o.get("cert_no") or ""), exact_key(o.get("name") or "")) if k):
            entry(key).setdefault("o", []).append(rec)
    n_exact_shards = max(1, math.ceil(len(exact) / keys_per_exact_shard))
    shards: list[dict] = [{} for _ in range(n_exact_shards)]
    for key, val in exact.items():
        shards[fnv1a32(key) % n_exact_shards][key] = val
    for i, shard in enumerate(shards):
        w.write(f"x/{i}.json", {key: {**val, "d": [[b36(seq), *all_codes[seq]] for seq in val["d"]]} if "d" in val
                                else val for key, val in shard.items()})
        shards[i] = None

    manifest = {
        "format": FORMAT,
        "tokenizer": TOKENIZER_VERSION,
        "lunr": "2.3.9",
        "version": w.hash.hexdigest()[:16],
        "fields": field_names,
        "termShards": n_term_shards,
        "exactShards": n_exact_shards,
        "chunkSize": chunk,
        "topN": top_n,
        "counts": {"decisions": n_docs, "notices": len(notices), "officers": len(officers)},
        "facets": {"category": cats, "agency": agencies, "penalty": penalties},
    }
    w.write("manifest.json", manifest)
    return sorted(w.files)
