"""Gather: everything the site needs, read, validated and decided.

`gather(data_dir, today)` is the whole input side of a build: it reads the
data directory, validates every source, redacts decisions and applies the
publication rules. It writes nothing. Raises load.LoadError when a file
cannot be read at all.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .decisions import Decision, validate_decisions
from .findings import UNKNOWN_REF, WARNING, Findings
from .load import DataDir, load_data_dir
from .publication import (CREDIT_REPAIRED, EMBARGOED, EXPIRED, PUBLISHED, UNDISCLOSED, WITHDRAWN,
                          WITHDRAWN_UNPUBLISHED, Outcome, decide, resolve_withdrawals)
from .validate import Directory, Record, validate_simple, validate_subjects


@dataclass
class Dataset:
    today: dt.date
    directory: Directory
    decisions: list[Decision]            # every valid decision, redacted
    outcomes: list[Outcome]              # one per valid decision
    officers: list[Record]
    items: list[Record]
    statistics: list[Record]
    holidays: list[Record]
    findings: Findings
    rows_read: int = 0
    files: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)   # files that look like broken exports

    def by_status(self, *statuses: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in statuses]

    @property
    def published(self) -> list[Outcome]:
        return self.by_status(PUBLISHED)

    @property
    def notices(self) -> list[Outcome]:
        return self.by_status(WITHDRAWN)

    def counts(self) -> dict[str, int]:
        f = self.findings
        statuses = [o.status for o in self.outcomes]
        return {
            "rows_read": self.rows_read,
            "published": statuses.count(PUBLISHED),
            "withdrawn": statuses.count(WITHDRAWN),
            "withdrawn_unpublished": statuses.count(WITHDRAWN_UNPUBLISHED),
            "credit_repaired": statuses.count(CREDIT_REPAIRED),
            "expired": statuses.count(EXPIRED),
            "embargoed": statuses.count(EMBARGOED),
            "undisclosed": statuses.count(UNDISCLOSED),
            "quarantined": len(f.quarantined_rows()),
            "warnings": len(f.of_level(WARNING)),
            "unknown_references": len(f.of_level(UNKNOWN_REF)),
        }


def gather(data_dir: Path, today: dt.date, progress=None, load=load_data_dir) -> Dataset:
    """`load` reads the data directory (ops passes one that caches parsed files)."""
    say = progress or (lambda msg: None)
    findings = Findings()
    data: DataDir = load(Path(data_dir))
    for tables in data.tables.values():
        for t in tables:
            if t.unknown_columns:
                findings.unknown_columns[t.file] = t.unknown_columns
    n_rows = sum(len(t.rows) for t in data.tables["decisions"])
    say(f"读取 {len(data.tables['decisions'])} 个决定文件，共 {n_rows} 行")

    directory = validate_subjects(data.tables["subjects"], findings)
    items = validate_simple(data.tables["items"], "items", findings, "code")
    item_codes = {r.values["code"] for r in items}
    officers = _officers(validate_simple(data.tables["officers"], "officers", findings, "cert_no"), directory, findings)
    decisions = validate_decisions(data.tables["decisions"], directory, findings, item_codes if items else None)
    say(f"校验完成：有效决定 {len(decisions)} 条")
    broken = broken_exports(data.tables["decisions"], findings)
    withdrawals = resolve_withdrawals(
        validate_simple(data.tables["withdrawals"], "withdrawals", findings, "decision_no"),
        {d.decision_no for d in decisions}, findings)
    outcomes = decide(decisions, withdrawals, today)
    statistics = validate_simple(data.tables["statistics"], "statistics", findings)
    holidays = validate_simple(data.tables["holidays"], "holidays", findings)
    for rec in items:
        _resolve_agency(rec, "agency", directory, findings, "items", "实施主体")
    for rec in statistics:
        _resolve_agency(rec, "agency", directory, findings, "statistics", "执法机关")
    files = [t.file for ts in data.tables.values() for t in ts]
    return Dataset(today, directory, decisions, outcomes, officers, items, statistics, holidays,
                   findings, rows_read=sum(len(t.rows) for ts in data.tables.values() for t in ts),
                   files=sorted(files), broken=broken)


# A file most of whose rows fail validation is a broken export (a renamed
# column, a wrong sheet), not bad rows: publishing the rest would silently
# take its decisions off the site. The build stops instead.
BROKEN_EXPORT_MIN_ROWS = 10
BROKEN_EXPORT_SHARE = 0.5


def broken_exports(tables, findings: Findings) -> list[str]:
    """Messages for decision files that look like broken exports."""
    bad = findings.quarantined_rows()
    out = []
    for t in tables:
        n = len(t.rows)
        q = sum(1 for r in t.rows if (t.file, r.line) in bad)
        if n >= BROKEN_EXPORT_MIN_ROWS and q > n * BROKEN_EXPORT_SHARE:
            rules = sorted({f.field + "：" + f.rule for f in findings.items
                            if f.file == t.file and f.level == "quarantined"})[:5]
            out.append(f"{t.file}：{n} 行中有 {q} 行未通过校验（超过一半），疑似导出格式有误，"
                       f"本次不更新网站。主要问题：{'；'.join(rules)}")
    return out


def _resolve_agency(rec: Record, key: str, directory: Directory, findings: Findings, src: str, label: str) -> bool:
    name = rec.values.get(key, "")
    if not name:
        return False
    subject = directory.resolve(name)
    if subject is None:
        findings.add(file=rec.file, row=rec.line, field=label, rule="unknown_agency",
                     reason=f"“{name[:60]}”不在执法主体名录（subjects.csv）中", level=UNKNOWN_REF, source=src)
        return False
    rec.values[key] = subject.name
    rec.values["agency_slug"] = subject.slug
    return True


def _officers(records: list[Record], directory: Directory, findings: Findings) -> list[Record]:
    """Officers whose agency is known; certificate numbers unique."""
    out, seen = [], {}
    for rec in records:
        cert = rec.values["cert_no"]
        if cert in seen:
            findings.add(file=rec.file, row=rec.line, field="执法证号", rule="duplicate_cert",
                         reason=f"执法证号重复（另见第 {seen[cert]} 行），两条均暂不公开", level="quarantined",
                         source="officers")
            continue
        seen[cert] = rec.line
        if not _resolve_agency(rec, "agency", directory, findings, "officers", "所属机关"):
            continue
        out.append(rec)
    counts = Counter(r.values["cert_no"] for r in records)
    dup = {c for c, n in counts.items() if n > 1}
    out = [r for r in out if r.values["cert_no"] not in dup]
    out.sort(key=lambda r: (r.values["agency"], r.values["cert_no"]))
    return out
