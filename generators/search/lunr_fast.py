"""The serialised lunr index of one term shard, without lunr.py's Builder.

`serialize_shard` returns exactly what `_ShardBuilder` (a lunr.py Builder
with an empty pipeline, whole-corpus statistics and no token set) gives with
`builder.build().serialize()` for the same documents: the same invertedIndex
(terms, `_index` numbers in order of first appearance, postings per field),
the same fieldVectors (in the order documents and fields were added, sorted
by term index, scores rounded to 3 places) and the same version, fields and
pipeline. tests/test_search_lunr_fast.py checks this on real shards, so
lunr.js reads the same index and computes the same scores.

Why: at 100k decisions lunr.py's Builder spent most of the index build in
per-token work this data does not need (a Token object and a deep copy of
its metadata per token, defaultdicts per posting): 20 s of the 35 s the
search index took. This does the same arithmetic on plain dicts.
"""
from __future__ import annotations

LUNR_VERSION = "2.3.9"   # lunr.__TARGET_JS_VERSION__ of lunr.py 0.8


def serialize_shard(fields, docs, true_length, avg: dict, df_pairs: dict, n_docs: int, bm25, idf) -> dict:
    """fields: [(name, boost)]; docs: [(ref, [terms of field 0, terms of field 1, ...])]
    in the order the Builder would have added them; true_length(field index,
    position in docs) -> the field's length in the whole corpus; bm25(tf,
    length, avg, idf, boost) and idf(df, n) as the Builder subclass uses them."""
    names = [name for name, _ in fields]
    inverted: dict[str, dict] = {}
    vectors = []
    for pos, (ref, per_field) in enumerate(docs):
        ref = str(ref)
        for fi, ((fname, boost), terms) in enumerate(zip(fields, per_field)):
            counts: dict[str, int] = {}
            for term in terms or ():
                term = ("" if not term else str(term)).lower()   # lunr.Tokenizer on a list
                counts[term] = counts.get(term, 0) + 1
                posting = inverted.get(term)
                if posting is None:
                    posting = {name: {} for name in names}
                    posting["_index"] = len(inverted)
                    inverted[term] = posting
                posting[fname].setdefault(ref, {})
            if not counts:
                continue  # _ShardBuilder makes no vector for an empty field
            length = true_length(fi, pos)
            elements = sorted((inverted[t]["_index"], bm25(tf, length, avg[fname], idf(df_pairs[t], n_docs), boost))
                              for t, tf in counts.items())
            vectors.append([f"{fname}/{ref}", [round(x, 3) for pair in elements for x in pair]])
    return {
        "version": LUNR_VERSION,
        "fields": names,
        "fieldVectors": vectors,
        "invertedIndex": [[term, inverted[term]] for term in sorted(inverted)],
        "pipeline": [],
    }
