"""An independent privacy scan for tests: the raw personal values planted in
the fixtures, and generic patterns, searched in every output file."""
from __future__ import annotations

import re
from pathlib import Path

GENERIC = {
    "resident_id": re.compile(r"(?<![0-9A-Za-z.])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])"),
    "mobile": re.compile(r"(?<![0-9A-Za-z.])1[3-9]\d{9}(?![0-9A-Za-z])"),
    "email": re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+\.[A-Za-z]{2,}"),
}


def scan(root: Path, planted: list[str]) -> list[str]:
    problems = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        rel = path.relative_to(root)
        for value in planted:
            if value in text:
                problems.append(f"{rel}: planted value {value[:2]}…")
        for kind, pattern in GENERIC.items():
            for m in pattern.finditer(text):
                problems.append(f"{rel}: {kind} {m.group(0)[:3]}…")
    return problems
