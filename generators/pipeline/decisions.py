"""Decisions: validate rows, resolve agencies, collapse duplicates, redact.

Output: a list of Decision records whose text fields are already masked
(privacy.mask_text), so nothing after this stage can leak what the
validators saw.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
import os
from dataclasses import dataclass, field, replace
from decimal import Decimal

from . import normalize as nz
from .findings import ERROR, UNKNOWN_REF, WARNING, Findings
from .ids import decision_slug
from .load import Table
from .privacy import mask_name, mask_text
from .schema import category_slug, source
from .validate import Directory, _check_uscc, check_date_order, infer_target_type, normalise_row

NATURAL = "自然人"
INDIVIDUAL_BUSINESS = "个体工商户"
ORGANISATION = "法人及非法人组织"
TEXT_FIELDS = ("target_name", "legal_rep", "violation", "facts", "basis", "result")
WITHHOLDABLE = ("target_name", "target_code", "legal_rep", "violation", "facts", "basis", "result", "penalty_types",
                "fine_yuan", "confiscated_yuan", "item_code")


@dataclass
class Decision:
    decision_no: str
    category: str
    agency: str
    agency_slug: str
    target_name: str
    target_type: str
    result: str
    decision_date: dt.date
    publish_date: dt.date
    publish_date_given: bool
    item_code: str = ""
    target_code: str = ""
    legal_rep: str = ""
    violation: str = ""
    facts: str = ""
    basis: str = ""
    penalty_types: list[str] = field(default_factory=list)
    fine_yuan: Decimal | None = None
    confiscated_yuan: Decimal | None = None
    display_until_given: dt.date | None = None
    severity: str = ""
    disclose: bool = True
    withheld: tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    persons: tuple[str, ...] = ()   # raw names known for the row; never rendered

    @property
    def slug(self) -> str:
        return decision_slug(self.decision_no)

    @property
    def category_slug(self) -> str:
        return category_slug(self.category)

    @property
    def year(self) -> int:
        return self.decision_date.year


def _content_key(values: dict) -> bytes:
    """Digest of a row's normalised values: equal for identical rows."""
    return hashlib.blake2b(repr(sorted((k, repr(v)) for k, v in values.items())).encode(), digest_size=16).digest()


PARALLEL_MIN_ROWS = 20_000   # fewer rows: validate in this process
TASK_ROWS = 10_000           # rows per worker task


def _validate_rows(task: tuple[int, int, int]) -> tuple[list[tuple[bytes, Decision]], list]:
    """Rows start..end of table i of _TASK: (content key, redacted Decision) pairs and the findings."""
    tables, directory, item_codes = _TASK
    i, start, end = task
    spec, findings, out = source("decisions"), Findings(), []
    for row in tables[i].rows[start:end]:
        values = normalise_row(row, spec, findings, key_field="decision_no")
        if values is None:
            continue
        decision = _build(values, row, directory, findings, spec, item_codes)
        if decision is not None:
            out.append((_content_key(values), decision))
    return out, findings.items


_TASK: tuple | None = None


def _validated(tables: list[Table], directory: Directory, item_codes):
    """_validate_rows over every row, in order; on every core for a large input.

    The workers (fork) inherit the tables and send back compact results: the
    parent never interleaves the decisions it keeps with the rows it drops,
    and frees the rows' memory whole afterwards."""
    global _TASK
    tasks = [(i, a, min(a + TASK_ROWS, len(t.rows))) for i, t in enumerate(tables) for a in range(0, len(t.rows), TASK_ROWS)]
    workers = os.cpu_count() or 1
    _TASK = (tables, directory, item_codes)
    try:
        if workers == 1 or sum(len(t.rows) for t in tables) < PARALLEL_MIN_ROWS:
            yield from map(_validate_rows, tasks)
            return
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                yield from pool.imap(_validate_rows, tasks)
        finally:
            gc.unfreeze()
    finally:
        _TASK = None


def validate_decisions(tables: list[Table], directory: Directory, findings: Findings,
                       item_codes: set[str] | None = None) -> list[Decision]:
    spec = source("decisions")
    rows: list[tuple[bytes, Decision]] = []
    for part, items in _validated(tables, directory, item_codes):
        rows.extend(part)
        findings.items.extend(items)

    # Duplicates: identical rows collapse with a warning; differing rows with
    # the same number are all quarantined.
    by_no: dict[str, list[tuple[bytes, Decision]]] = {}
    for key, decision in rows:
        by_no.setdefault(decision.decision_no, []).append((key, decision))
    out: list[Decision] = []
    label = spec.label("decision_no")
    for no, group in by_no.items():
        first = group[0][1]
        if len(group) == 1 or len({k for k, _ in group}) == 1:
            for _, dup in group[1:]:
                findings.add(file=dup.file, row=dup.line, field=label, rule="duplicate_identical",
                             reason=f"与 {first.file} 第 {first.line} 行完全相同，已合并为一条",
                             level=WARNING, decision_no=no, source="decisions")
            out.append(first)
        else:
            where = "；".join(f"{d.file} 第 {d.line} 行" for _, d in group)
            for _, dup in group:
                findings.add(file=dup.file, row=dup.line, field=label, rule="duplicate_conflict",
                             reason=f"决定书文号重复且内容不同（{where}），全部暂不公开，请核实后保留一条",
                             level=ERROR, decision_no=no, source="decisions")
    out.sort(key=lambda d: (d.decision_date, d.decision_no), reverse=True)
    return out


def _build(values: dict, row, directory: Directory, findings: Findings, spec, item_codes) -> Decision | None:
    no = values["decision_no"]

    def err(name, rule, reason, level=ERROR):
        findings.add(file=row.file, row=row.line, field=spec.label(name), rule=rule, reason=reason,
                     level=level, decision_no=no, source="decisions")

    ok = check_date_order(values, row, findings, spec)
    subject = directory.resolve(values["agency"])
    if subject is None:
        err("agency", "unknown_agency", f"执法机关“{values['agency'][:60]}”不在执法主体名录（subjects.csv）中")
        ok = False
    code = values.get("target_code", "").upper()
    values["target_code"] = code
    target_type = infer_target_type(values)
    if target_type is None:
        err("target_type", "target_type_unknown", "相对人类型为空，且无法从证件号码推断（统一社会信用代码或身份证号）")
        ok = False
    withheld = []
    for name in values.get("withhold", []):
        fname = spec.field_by_any_name(name)
        if fname in WITHHOLDABLE:
            withheld.append(fname)
        else:
            err("withhold", "withhold_unknown", f"不予公开字段“{name[:30]}”不是可隐藏的字段，已忽略", WARNING)
    if not ok:
        return None
    if code and target_type != NATURAL and not nz.is_resident_id(code) and nz.is_uscc(code):
        _check_uscc(code, row, spec.label("target_code"), findings, "decisions", no)
    item_code = values.get("item_code", "")
    if item_code and item_codes is not None and item_code not in item_codes:
        err("item_code", "unknown_item", f"事项编码 {item_code[:40]} 不在事项目录（items.csv）中", UNKNOWN_REF)

    decision = Decision(
        decision_no=no,
        category=values["category"],
        agency=subject.name,
        agency_slug=subject.slug,
        item_code=item_code,
        target_name=values["target_name"],
        target_type=target_type,
        target_code=code,
        legal_rep=values.get("legal_rep", ""),
        violation=values.get("violation", ""),
        facts=values.get("facts", ""),
        basis=values.get("basis", ""),
        result=values["result"],
        penalty_types=values.get("penalty_types", []),
        fine_yuan=values.get("fine_yuan"),
        confiscated_yuan=values.get("confiscated_yuan"),
        decision_date=values["decision_date"],
        publish_date=values.get("publish_date") or values["decision_date"],
        publish_date_given=values.get("publish_date") is not None,
        display_until_given=values.get("display_until"),
        severity=values.get("severity", ""),
        disclose=values.get("disclose", "是") != "否",
        withheld=tuple(sorted(set(withheld))),
        file=row.file,
        line=row.line,
    )
    return redact(decision)


def redact(d: Decision) -> Decision:
    """Apply the contract's privacy rules to one decision."""
    persons: list[str] = []
    target_name = d.target_name
    if d.target_type == NATURAL:
        persons.append(d.target_name)
        target_name = mask_name(d.target_name)
    if d.legal_rep:
        persons.append(d.legal_rep)
    names = tuple(p for p in persons if p)
    # A resident ID is never published, whatever its type field says.
    target_code = d.target_code
    if d.target_type == NATURAL or nz.is_resident_id(target_code) or not nz.is_uscc(target_code):
        target_code = ""
    masked = {f: mask_text(getattr(d, f), names) for f in TEXT_FIELDS}
    masked["target_name"] = mask_text(target_name, names)
    masked["legal_rep"] = mask_name(d.legal_rep) if d.legal_rep else ""
    return replace(
        d,
        **masked,
        target_code=target_code,
        penalty_types=[mask_text(p, names) for p in d.penalty_types],
        persons=names,
    )
