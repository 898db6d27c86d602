"""Tokeniser shared (by specification and by a shared test table) with
``themes/portal/static/js/search-core.js``.

Rules (tokeniser version ``bigram-1``), applied code point by code point so
that characters outside the Basic Multilingual Plane (CJK Extension B and
later, common in personal and shop names) are handled as one character:

1. Fold: full-width ASCII (U+FF01..U+FF5E) to ASCII, the ideographic space
   U+3000 to a space, ASCII ``A-Z`` to ``a-z``.  Nothing else is changed (no
   Unicode normalisation: Python and the browser ship different Unicode
   tables, and the two sides must agree byte for byte).
2. Classify: *alnum* is ``0-9a-z``; *Han* is U+3007 (〇), U+3400..U+4DBF,
   U+4E00..U+9FFF, U+F900..U+FAFF and U+20000..U+3FFFF; everything else
   separates tokens.
3. A run of alnum characters is one token.  A run of Han characters gives
   its overlapping character bigrams; a run of a single Han character gives
   that character (a "unigram", e.g. the 号 of a decision number).

Decision numbers, USCCs and certificate numbers are also looked up exactly
through :func:`exact_key`, which folds the same way and keeps only alnum and
Han characters, so ``津市监罚〔2025〕12号``, ``津市监罚[2025]12`` and
``津市监罚(2025)第12号`` share the key ``津市监罚202512``.
"""
from __future__ import annotations

TOKENIZER_VERSION = "bigram-1"


def fold_cp(cp: int) -> int:
    if 0xFF01 <= cp <= 0xFF5E:
        cp -= 0xFEE0
    elif cp == 0x3000:
        cp = 0x20
    if 0x41 <= cp <= 0x5A:
        cp += 0x20
    return cp


def is_alnum(cp: int) -> bool:
    return 0x30 <= cp <= 0x39 or 0x61 <= cp <= 0x7A


def is_han(cp: int) -> bool:
    return (
        cp == 0x3007
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
    )


def _runs(text: str):
    """Yield (kind, string) runs; kind is 'a' (alnum) or 'h' (Han)."""
    kind = None
    buf: list[str] = []
    for ch in text or "":
        cp = fold_cp(ord(ch))
        k = "a" if is_alnum(cp) else "h" if is_han(cp) else None
        if k != kind and buf:
            yield kind, "".join(buf)
            buf = []
        kind = k
        if k is not None:
            buf.append(chr(cp))
    if buf:
        yield kind, "".join(buf)


def tokenize(text: str) -> list[str]:
    """All tokens of ``text`` in order, with repetitions (term frequency)."""
    out: list[str] = []
    for kind, run in _runs(text):
        if kind == "a" or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def query_tokens(text: str) -> list[str]:
    """Distinct tokens of a query, in order of first occurrence."""
    seen: dict[str, None] = {}
    for t in tokenize(text):
        seen.setdefault(t, None)
    return list(seen)


def significant_length(text: str) -> int:
    """Number of alnum and Han code points (the "too short" test uses it)."""
    return sum(len(run) for _, run in _runs(text))


def exact_key(text: str) -> str:
    """Canonical key of an identifier (decision number, USCC, cert number,
    officer name): folded, only alnum and Han kept, a 第 between two digits
    and a trailing 号 dropped."""
    chars = [run for _, run in _runs(text)]
    s = "".join(chars)
    out = []
    for i, ch in enumerate(s):
        if ch == "第" and 0 < i < len(s) - 1 and _digit(s[i - 1]) and _digit(s[i + 1]):
            continue
        out.append(ch)
    s = "".join(out)
    if s.endswith("号") and len(s) > 1:
        s = s[:-1]
    return s


def _digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def fnv1a32(text: str) -> int:
    """32-bit FNV-1a over the UTF-8 bytes of ``text`` (also in search-core.js)."""
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def utf16_sort_key(term: str) -> bytes:
    """Sort key matching JavaScript string comparison (UTF-16 code units);
    lunr.js's TokenSet.Builder requires terms in that order."""
    return term.encode("utf-16-be")
