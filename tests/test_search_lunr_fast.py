"""lunr_fast.serialize_shard gives exactly the serialised index lunr.py's
Builder (as the search index writer subclasses it) gives for the same term
shard: same terms, postings, term numbers and stored scores. The JSON is
byte-identical, so lunr.js loads the same index and scores the same."""
from __future__ import annotations

import random
from array import array
from collections import Counter

from generators.search import build as sb
from generators.search.bench import synth
from generators.search.lunr_fast import serialize_shard


def _corpus(n, seed):
    docs, _ = synth(n, seed=seed)
    decisions = [d for d in docs if d["kind"] == "decision"]
    per_doc = [sb.field_tokens(d) for d in decisions]
    lengths = [array("I", (len(p[fi]) for p in per_doc)) for fi in range(len(sb.FIELDS))]
    avg = {f: (sum(lengths[fi]) / len(per_doc)) or 1.0 for fi, (f, _) in enumerate(sb.FIELDS)}
    df = Counter()
    for p in per_doc:
        for toks in p:
            for t in set(toks):
                df[t] += 1
    return per_doc, lengths, avg, dict(df)


def _with_lunr_py(shard, lengths, avg, df, n):
    builder = sb._ShardBuilder(n, avg, df)
    builder.ref("ref")
    for fname, boost in sb.FIELDS:
        builder.field(fname, boost=boost)
    names = [f for f, _ in sb.FIELDS]
    for seq, fields in shard:
        ref = sb.b36(seq)
        builder.add({"ref": ref, **dict(zip(names, fields))})
        for fi, fname in enumerate(names):
            builder.true_lengths[f"{fname}/{ref}"] = lengths[fi][seq]
    return builder.build().serialize()


def test_same_serialised_index_as_lunr_py():
    for n, seed in ((400, 1), (1500, 2)):
        per_doc, lengths, avg, df = _corpus(n, seed)
        rnd = random.Random(seed)
        terms = sorted(df)
        for _ in range(6):
            # a shard: some terms, every document holding them, terms repeated by tf
            chosen = set(rnd.sample(terms, min(len(terms), rnd.randint(1, 400))))
            shard = []
            for seq, fields in enumerate(per_doc):
                kept = [[t for t in toks if t in chosen] for toks in fields]
                if any(kept):
                    shard.append((seq, kept))
            expected = _with_lunr_py(shard, lengths, avg, df, len(per_doc))
            got = serialize_shard(sb.FIELDS, [(sb.b36(seq), f) for seq, f in shard],
                                  lambda fi, pos: lengths[fi][shard[pos][0]], avg, df, len(per_doc),
                                  sb._bm25, sb._idf)
            assert got == expected
            assert sb._dumps(got) == sb._dumps(expected)


def test_edge_cases_match_lunr_py():
    avg = {"name": 2.0, "number": 1.0, "text": 3.0}
    df = {"ab": 3, "cd": 1, "x1": 2, "": 1, "é": 1}
    shard = [(0, [["ab", "ab", "cd"], [], ["ab"]]), (5, [[], ["x1"], []]), (7, [["AB", "É"], [], [""]])]
    lengths = [[3, 0, 0, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0, 1, 0, 0], [1, 0, 0, 0, 0, 0, 0, 1]]
    df["é"] = 1
    expected = _with_lunr_py(shard, lengths, avg, df, 10)
    got = serialize_shard(sb.FIELDS, [(sb.b36(s), f) for s, f in shard],
                          lambda fi, pos: lengths[fi][shard[pos][0]], avg, df, 10, sb._bm25, sb._idf)
    assert got == expected
