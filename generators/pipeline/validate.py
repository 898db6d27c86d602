"""Validate and normalise rows into records.

Each source's rows are normalised field by field with the normaliser the
schema names; a row with an error is quarantined (left out of the site) and
every problem is recorded as a Finding with file, row, field, rule and reason.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from . import normalize as nz
from .findings import ERROR, UNKNOWN_REF, WARNING, Findings
from .load import Row, Table
from .schema import SourceSpec, source

TEXT_TYPES = {"text"}


def _normaliser(spec_type: str, wan: bool) -> Callable[[Any], Any]:
    if spec_type == "date":
        return nz.date
    if spec_type == "amount":
        return lambda v: nz.amount(v, in_wan=wan)
    if spec_type == "count":
        return nz.count
    if spec_type == "year":
        return nz.year
    if spec_type == "list":
        return nz.split_list
    if spec_type == "text":
        return lambda v: nz.clean_text(v, multiline=True)
    if spec_type in ("category", "target_type", "withdrawal_kind", "severity", "yesno",
                     "officer_status", "subject_kind", "level", "holiday_kind"):
        return lambda v: nz.choice(spec_type, v)
    return nz.clean_text


def normalise_row(row: Row, spec: SourceSpec, findings: Findings, key_field: str | None = None) -> dict | None:
    """Normalise every field of a row; None if any error (findings recorded)."""
    out: dict[str, Any] = {}
    errors = []
    key = ""
    if key_field and key_field in row.values:
        try:
            key = nz.identifier(row.values[key_field])
        except nz.NormalizeError:
            key = ""
    for name, fspec in spec.fields.items():
        raw = row.values.get(name)
        try:
            if fspec.identifier:
                value = nz.identifier(raw)
            else:
                value = _normaliser(fspec.type, name in row.wan)(raw)
        except nz.NormalizeError as exc:
            errors.append((fspec.label, exc.rule, exc.reason))
            continue
        if fspec.required and value in (None, "", []):
            errors.append((fspec.label, "required", f"必填字段“{fspec.label}”为空"))
            continue
        out[name] = value
    for label, rule, reason in errors:
        findings.add(file=row.file, row=row.line, field=label, rule=rule, reason=reason,
                     level=ERROR, decision_no=key, source=spec.name)
    return None if errors else out


@dataclass
class Subject:
    name: str
    code: str = ""
    kind: str = ""
    level: str = ""
    parent: str = ""
    duties: str = ""
    basis: str = ""
    address: str = ""
    phone: str = ""
    remedy: str = ""
    aliases: list[str] = field(default_factory=list)
    slug: str = ""


@dataclass
class Directory:
    """Subjects by name and alias."""
    subjects: list[Subject]
    by_name: dict[str, Subject]

    def resolve(self, name: str) -> Subject | None:
        return self.by_name.get(nz.clean_text(name).replace(" ", ""))


def validate_subjects(tables: list[Table], findings: Findings) -> Directory:
    from .ids import agency_slug

    spec = source("subjects")
    subjects: list[Subject] = []
    by_name: dict[str, Subject] = {}
    for table in tables:
        for row in table.rows:
            values = normalise_row(row, spec, findings)
            if values is None:
                continue
            subject = Subject(**{k: v for k, v in values.items() if k in Subject.__dataclass_fields__})
            names = [subject.name, *subject.aliases]
            clash = [n for n in names if n.replace(" ", "") in by_name]
            if clash:
                findings.add(file=row.file, row=row.line, field=spec.label("name"), rule="duplicate_subject",
                             reason=f"执法主体“{clash[0]}”重复出现", level=ERROR, source="subjects")
                continue
            if subject.code:
                _check_uscc(subject.code, row, spec.label("code"), findings, "subjects")
            subject.slug = agency_slug(subject.code, subject.name)
            subjects.append(subject)
            for n in names:
                by_name[n.replace(" ", "")] = subject
    subjects.sort(key=lambda s: s.name)
    return Directory(subjects, by_name)


def _check_uscc(code: str, row: Row, label: str, findings: Findings, src: str, decision_no: str = "") -> None:
    if nz.is_uscc(code) and not nz.uscc_check_ok(code):
        findings.add(file=row.file, row=row.line, field=label, rule="uscc_check_digit",
                     reason="统一社会信用代码校验位不符（已按原样公开，请核实；部分早期试点代码不符合校验规则）",
                     level=WARNING, decision_no=decision_no, source=src)


@dataclass
class Record:
    """A validated row of any source, with provenance."""
    values: dict[str, Any]
    file: str
    line: int


def validate_simple(tables: list[Table], source_name: str, findings: Findings,
                    key_field: str | None = None) -> list[Record]:
    spec = source(source_name)
    out = []
    for table in tables:
        for row in table.rows:
            values = normalise_row(row, spec, findings, key_field)
            if values is not None:
                out.append(Record(values, row.file, row.line))
    return out


def check_date_order(values: dict, row: Row, findings: Findings, spec: SourceSpec) -> bool:
    """publish_date and display_until must not be before decision_date."""
    ok = True
    decided: dt.date = values["decision_date"]
    for name, rule, reason in (
        ("publish_date", "publish_before_decision", "公示日期早于作出决定日期"),
        ("display_until", "display_before_decision", "公示截止日期早于作出决定日期"),
    ):
        value = values.get(name)
        if value is not None and value < decided:
            findings.add(file=row.file, row=row.line, field=spec.label(name), rule=rule, reason=reason,
                         level=ERROR, decision_no=values["decision_no"], source="decisions")
            ok = False
    return ok


def _resident_check_ok(code: str) -> bool:
    """GB 11643 check digit of an 18-character resident ID."""
    if len(code) != 18 or not code[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(code[:17], (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)))
    return "10X98765432"[total % 11] == code[17].upper()


def infer_target_type(values: dict) -> str | None:
    code = values.get("target_code", "")
    if values.get("target_type"):
        return values["target_type"]
    # Every resident ID is also shaped like a USCC. An ID-shaped code is a
    # person's unless only the USCC check digit holds (else a person's name
    # would be published unmasked).
    if code and nz.is_resident_id(code) and (_resident_check_ok(code) or not nz.uscc_check_ok(code.upper())):
        return "自然人"
    if code and nz.is_uscc(code.upper()):
        return "个体工商户" if code.startswith("92") else "法人及非法人组织"
    if code and nz.is_resident_id(code):
        return "自然人"
    return None


__all__ = ["validate_subjects", "validate_simple", "normalise_row", "Directory", "Subject", "Record",
           "infer_target_type", "check_date_order", "UNKNOWN_REF", "WARNING", "ERROR"]
