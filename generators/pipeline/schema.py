"""Field specifications and lookup tables, read from schema.yml and lookups.yml.

Headers are matched after folding: NFKC (full-width to half-width), case,
surrounding and inner white space removed, and Chinese/ASCII brackets unified.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).parent


def fold(text: str) -> str:
    """Canonical form used to compare headers and lookup values."""
    text = unicodedata.normalize("NFKC", str(text))
    text = re.sub(r"[\s\u200b-\u200f\u2028-\u202f\u2060\ufeff]+", "", text)
    return text.upper()


@dataclass(frozen=True)
class FieldSpec:
    name: str
    zh: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    wan_codes: tuple[str, ...] = ()
    required: bool = False
    identifier: bool = False
    type: str = "str"

    @property
    def label(self) -> str:
        """Chinese label shown to administrators."""
        return self.zh[0] if self.zh else self.name


@dataclass(frozen=True)
class SourceSpec:
    name: str
    fields: dict[str, FieldSpec]
    min_rows: int = 0
    headers: dict[str, tuple[str, bool]] = field(default_factory=dict)

    def match_header(self, header: str) -> tuple[str, bool] | None:
        """Return (field name, value is in 万元) for a header, or None."""
        return self.headers.get(fold(header))

    def label(self, name: str) -> str:
        spec = self.fields.get(name)
        return spec.label if spec else name

    def field_by_any_name(self, name: str) -> str | None:
        hit = self.match_header(name)
        return hit[0] if hit else None


@functools.cache
def sources() -> dict[str, SourceSpec]:
    raw = yaml.safe_load((HERE / "schema.yml").read_text(encoding="utf-8"))
    out = {}
    for src_name, block in raw.items():
        fields = {}
        headers: dict[str, tuple[str, bool]] = {}
        for fname, opts in block["fields"].items():
            spec = FieldSpec(
                name=fname,
                zh=tuple(opts.get("zh", ())),
                codes=tuple(opts.get("codes", ())),
                wan_codes=tuple(opts.get("wan_codes", ())),
                required=bool(opts.get("required", False)),
                identifier=bool(opts.get("identifier", False)),
                type=opts.get("type", "str"),
            )
            fields[fname] = spec
            for alias in (fname, *spec.zh, *spec.codes):
                headers[fold(alias)] = (fname, alias in spec.wan_codes)
        out[src_name] = SourceSpec(src_name, fields, int(block.get("min_rows", 0)), headers)
    return out


def source(name: str) -> SourceSpec:
    return sources()[name]


@functools.cache
def _lookups() -> dict[str, dict]:
    return yaml.safe_load((HERE / "lookups.yml").read_text(encoding="utf-8"))


@functools.cache
def lookup_table(name: str) -> dict[str, str]:
    """Folded dirty value -> canonical value."""
    table: dict[str, str] = {}
    for canonical, variants in _lookups()[name].items():
        for v in (canonical, *variants):
            table[fold(v)] = canonical
    return table


def lookup(name: str, value: str) -> str | None:
    return lookup_table(name).get(fold(value))


def canonical_values(name: str) -> list[str]:
    return list(_lookups()[name].keys())


CATEGORIES = ("行政许可", "行政处罚", "行政强制", "行政检查", "行政征收", "行政征用", "行政确认", "其他")


def category_slug(category: str) -> str:
    return _lookups()["category_slug"][category]
