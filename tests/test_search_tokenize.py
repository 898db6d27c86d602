"""Search engine (issue 3): tokeniser, identifier keys, shard layout."""
from __future__ import annotations

import copy
import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generators.search import build as sbuild  # noqa: E402
from generators.search import write_search_index  # noqa: E402
from generators.search.tokenize import (  # noqa: E402
    exact_key, fnv1a32, query_tokens, significant_length, tokenize, utf16_sort_key,
)

FIX = ROOT / "tests" / "fixtures" / "search"
CASES = json.loads((FIX / "tokenize_cases.json").read_text(encoding="utf-8"))
FIXTURE = json.loads((FIX / "fixture.json").read_text(encoding="utf-8"))
SMALL = {"postings_per_shard": 40, "keys_per_exact_shard": 16, "chunk": 4}


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: repr(c["text"]))
def test_shared_tokenize_table(case):
    assert tokenize(case["text"]) == case["tokens"]
    assert query_tokens(case["text"]) == case["query_tokens"]
    assert exact_key(case["text"]) == case["exact_key"]
    assert significant_length(case["text"]) == case["significant"]


def test_han_bigrams_and_latin_tokens():
    assert tokenize("鑫隆商贸") == ["鑫隆", "隆商", "商贸"]
    assert tokenize("ABC公司") == ["abc", "公司"]
    # Extension B stays one character (a UTF-16 surrogate pair in the browser)
    assert tokenize("𠮷野家") == ["𠮷野", "野家"]
    assert tokenize("a-b:c*d~e") == ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize("typed", [
    "津市监罚〔2025〕12号", "津市监罚[2025]12号", "津市监罚(2025)12号", "津市监罚（2025）12",
    "津市监罚2025 12", "津市监罚〔2025〕第12号", "津市监罚【2025】12号", "津市监罚〔２０２５〕１２号",
])
def test_decision_number_key(typed):
    assert exact_key(typed) == "津市监罚202512"


def test_identifier_keys():
    assert exact_key("91120101MA05T8XK1B") == exact_key("91120101 ma05t8xk1b")
    assert exact_key("JZ-1201-0456") == "jz12010456"
    assert exact_key("号") == "号"


def test_fnv_and_sort_key():
    # reference values of 32-bit FNV-1a (same assertions in tests/js)
    assert fnv1a32("") == 0x811C9DC5
    assert fnv1a32("a") == 0xE40C292C
    assert fnv1a32("foobar") == 0xBF9CF968
    # JS compares UTF-16 code units: U+20000 (surrogates D840..) sorts before U+F900
    assert sorted(["\uf900", "\U00020000"], key=utf16_sort_key) == ["\U00020000", "\uf900"]


def _build(tmp: Path, **kw):
    opts = {**SMALL, **kw}
    return write_search_index(copy.deepcopy(FIXTURE["docs"]), copy.deepcopy(FIXTURE["officers"]), tmp, **opts)


def _tree(files, base):
    return {str(f.relative_to(base)): f.read_bytes() for f in files}


def test_layout_and_determinism(tmp_path):
    a, b = tmp_path / "a" / "search", tmp_path / "b" / "search"
    fa, fb = _build(a), _build(b)
    ta, tb = _tree(fa, a), _tree(fb, b)
    assert ta == tb  # byte-identical
    assert fa == sorted(fa)
    assert sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()) == sorted(ta)
    m = json.loads(ta["manifest.json"])
    assert set(ta) == {"manifest.json"} | {f"t/{i}.json" for i in range(m["termShards"])} \
        | {f"x/{i}.json" for i in range(m["exactShards"])} \
        | {f"m/{i}.json" for i in range((m["counts"]["decisions"] + m["chunkSize"] - 1) // m["chunkSize"])}
    assert m["tokenizer"] == "bigram-1" and m["lunr"] == "2.3.9"
    assert m["counts"] == {"decisions": 50, "notices": 2, "officers": 3}
    # input order does not matter
    c = tmp_path / "c"
    rev = write_search_index(list(reversed(FIXTURE["docs"])), list(reversed(FIXTURE["officers"])), c, **SMALL)
    assert _tree(rev, c) == ta
    # rebuilding into the same directory removes stale shards
    _build(a, postings_per_shard=10_000)
    assert not (a / "t" / "1.json").exists()


def test_every_token_in_its_shard(tmp_path):
    out = tmp_path / "search"
    _build(out)
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    seen = set()
    for i in range(m["termShards"]):
        shard = json.loads((out / f"t/{i}.json").read_text(encoding="utf-8"))
        terms = [t for t, _ in shard["index"]["invertedIndex"]]
        assert terms == sorted(terms, key=utf16_sort_key)
        assert shard["index"]["pipeline"] == []
        assert all(v for _, v in shard["index"]["fieldVectors"])
        for t in terms:
            assert fnv1a32(t) % m["termShards"] == i
            seen.add(t)
    expected = set()
    for d in FIXTURE["docs"]:
        if d["kind"] == "decision":
            for toks in sbuild.field_tokens(d):
                expected.update(toks)
    assert seen == expected


def test_scores_equal_one_big_lunr_index(tmp_path):
    """Each shard stores the scores a single lunr.py index over everything would."""
    from lunr.builder import Builder

    out = tmp_path / "search"
    _build(out)
    decisions = [d for d in FIXTURE["docs"] if d["kind"] == "decision"]
    decisions.sort(key=lambda d: d["id"])
    decisions.sort(key=lambda d: d["date"], reverse=True)
    decisions.sort(key=lambda d: d["target_name"])
    big = Builder()
    big.pipeline.reset()
    big.search_pipeline.reset()
    big.ref("ref")
    for name, boost in sbuild.FIELDS:
        big.field(name, boost=boost)
    for seq, d in enumerate(decisions):
        big.add({"ref": sbuild.b36(seq), **dict(zip([f for f, _ in sbuild.FIELDS], sbuild.field_tokens(d)))})
    ser = big.build().serialize()
    terms_of = {e[1]["_index"]: e[0] for e in ser["invertedIndex"]}
    want = {}
    for fref, vec in ser["fieldVectors"]:
        for i in range(0, len(vec), 2):
            want[(fref, terms_of[vec[i]])] = vec[i + 1]
    got = {}
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for i in range(m["termShards"]):
        idx = json.loads((out / f"t/{i}.json").read_text(encoding="utf-8"))["index"]
        names = {e[1]["_index"]: e[0] for e in idx["invertedIndex"]}
        for fref, vec in idx["fieldVectors"]:
            for j in range(0, len(vec), 2):
                got[(fref, names[vec[j]])] = vec[j + 1]
    assert got.keys() == want.keys()
    for k in want:
        assert got[k] == pytest.approx(want[k], abs=0.0015), k


def test_notice_indexed_by_number_only(tmp_path):
    out = tmp_path / "search"
    files = _build(out)
    notices = [d for d in FIXTURE["docs"] if d["kind"] == "notice"]
    assert notices
    for n in notices:
        holders = [f for f in files if n["url"].encode() in f.read_bytes()]
        assert holders and all(f.parent.name == "x" for f in holders)
        table = json.loads(holders[0].read_text(encoding="utf-8"))
        entry = table[exact_key(n["decision_no"])]
        assert entry == {"n": [{"no": n["decision_no"], "url": n["url"]}]}
        assert sum(n["decision_no"] in f.read_text(encoding="utf-8") for f in files) == 1


def test_notice_contents_never_indexed(tmp_path):
    """Even if the caller passed a notice with the original's fields."""
    docs = copy.deepcopy(FIXTURE["docs"])
    for d in docs:
        if d["kind"] == "notice":
            d.update(target_name="秘密公司名称甲乙", target_code="91120101MA0SECRET1", summary="不应出现的事实")
    out = tmp_path / "search"
    files = write_search_index(docs, FIXTURE["officers"], out, **SMALL)
    blob = b"".join(f.read_bytes() for f in files).decode("utf-8")
    for s in ("秘密", "密公", "91120101ma0secret1", "91120101MA0SECRET1", "不应出现"):
        assert s not in blob


def test_truncation_keeps_best_and_records_df(tmp_path):
    out = tmp_path / "search"
    _build(out, top_n=4)
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    trunc = {}
    for i in range(m["termShards"]):
        shard = json.loads((out / f"t/{i}.json").read_text(encoding="utf-8"))
        trunc.update(shard["truncated"])
        for term, posting in shard["index"]["invertedIndex"]:
            for f in m["fields"]:
                assert len(posting[f]) <= 4
                assert set(posting[f]) <= set(shard["facets"])
    assert trunc["有限"] > 4 and "隆商" not in trunc


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "/abs/path/", "//host/x", "../x", "a b/"])
def test_unsafe_urls_rejected(tmp_path, bad):
    docs = copy.deepcopy(FIXTURE["docs"][:1])
    docs[0]["url"] = bad
    with pytest.raises(ValueError):
        write_search_index(docs, [], tmp_path)


def test_vendored_lunr_is_the_npm_2_3_9_file():
    vendor = ROOT / "themes" / "portal" / "static" / "vendor" / "lunr"
    digest = hashlib.sha256((vendor / "lunr.js").read_bytes()).hexdigest()
    assert digest == "9431726f05c0eae2a6e54dc197709422869f25cad44f2430d2fb7ddae80cc717"
    assert "Oliver Nightingale" in (vendor / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize("kinds", [(), ("notice",)])
def test_empty_or_notices_only(tmp_path, kinds):
    docs = [d for d in FIXTURE["docs"] if d["kind"] in kinds]
    files = write_search_index(docs, [], tmp_path)
    m = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert m["counts"]["decisions"] == 0 and m["termShards"] == 1
    assert {f.relative_to(tmp_path).as_posix() for f in files} >= {"manifest.json", "t/0.json", "x/0.json"}
