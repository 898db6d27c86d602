"""Tables as data: one definition gives the HTML table, its CSV and its JSON,
so that a download holds exactly what the page shows.

A Table has columns (key, Chinese label, kind) and rows of raw values;
`html_rows()` formats them for the template, `csv_bytes()` writes UTF-8 with
a BOM (so that Excel opens Chinese text correctly) and `as_json()` gives
plain JSON values. None is shown as “—” and written as an empty cell / null.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

DASH = "—"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"      # text | int | yuan | pct | delta | delta_pct | days | date

    @property
    def numeric(self) -> bool:
        return self.kind != "text" and self.kind != "date"


@dataclass
class Row:
    values: dict
    links: dict = field(default_factory=dict)    # column key -> site-relative URL
    total: bool = False


@dataclass
class Table:
    id: str
    caption: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    csv_name: str = ""      # file name next to the page, e.g. statistics-2025.csv
    note: str = ""

    def add(self, values: dict, links: dict | None = None, total: bool = False) -> None:
        self.rows.append(Row(values, links or {}, total))

    # HTML -------------------------------------------------------------------
    def html_rows(self) -> list[dict]:
        out = []
        for row in self.rows:
            cells = []
            for c in self.columns:
                v = row.values.get(c.key)
                cells.append({"text": fmt(v, c.kind), "href": row.links.get(c.key, ""), "num": c.numeric,
                              "value": "" if v is None else plain(v)})
            out.append({"cells": cells, "total": row.total})
        return out

    # downloads --------------------------------------------------------------
    def csv_bytes(self) -> bytes:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow([c.label for c in self.columns])
        for row in self.rows:
            w.writerow([csv_cell(row.values.get(c.key)) for c in self.columns])
        return "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "caption": self.caption,
            "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in self.columns],
            "rows": [{c.key: json_value(row.values.get(c.key)) for c in self.columns} for row in self.rows],
        }


def csv_cell(v) -> str:
    """A CSV cell: numbers as numbers; text (agency names ...) that Excel
    would read as a formula neutralised."""
    from ..pipeline.opendata import neutralise_cell

    if v is None:
        return ""
    return neutralise_cell(v) if isinstance(v, str) else plain(v)


def plain(v) -> str:
    if isinstance(v, Decimal):
        return decimal_text(v)
    if isinstance(v, float):
        return f"{v:g}" if abs(v) < 1e15 else repr(v)
    return str(v)


def decimal_text(v: Decimal) -> str:
    q = v.quantize(Decimal("0.01"))
    text = format(q, "f")
    return text[:-3] if text.endswith(".00") else text


def json_value(v):
    if isinstance(v, Decimal):
        q = v.quantize(Decimal("0.01"))
        return int(q) if q == q.to_integral_value() else float(q)
    return v


def fmt(v, kind: str) -> str:
    if v is None:
        return DASH
    if kind == "int":
        return f"{v:,}"
    if kind == "yuan":
        text = f"{Decimal(v).quantize(Decimal('0.01')):,}"
        return text[:-3] if text.endswith(".00") else text
    if kind == "pct":
        return f"{v:.1f}%"
    if kind == "delta":
        return f"{v:+,}" if v else "0"
    if kind == "delta_pct":
        return f"{v:+.1f}%" if v else "0.0%"
    if kind == "days":
        return f"{v:g}"
    return str(v)


def dumps(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")
