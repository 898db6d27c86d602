"""Findings: what validation says about a row, a file or a reference.

A finding never carries a raw personal value: reasons are written by the
validators, which quote only non-personal values (dates, amounts, lookups).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "quarantined"      # the row is left out of the site
WARNING = "warning"        # published, but the administrator should look
UNKNOWN_REF = "unknown_reference"


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    row: int
    field: str
    rule: str
    reason: str
    level: str = ERROR
    decision_no: str = ""
    source: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


class Findings:
    def __init__(self):
        self.items: list[Finding] = []
        self.unknown_columns: dict[str, list[str]] = {}

    def add(self, **kwargs) -> Finding:
        finding = Finding(**kwargs)
        self.items.append(finding)
        return finding

    def of_level(self, level: str) -> list[Finding]:
        return sorted(f for f in self.items if f.level == level)

    def quarantined_rows(self) -> set[tuple[str, int]]:
        return {(f.file, f.row) for f in self.items if f.level == ERROR}
