"""Publication rules: what is shown, what becomes a notice, what is removed.

Implements the data contract's rules 1-5:
- published: disclose=是, publish_date <= today, within the display period,
  not withdrawn, valid;
- removed: disclose=否 (undisclosed), publish_date > today (embargoed),
  display period over (expired), 信用修复 (credit_repaired);
- withdrawn (变更/撤销/确认违法/确认无效/其他) after having been public: a notice
  at the same URL stating number, agency, date and reason; if it was never
  public, removed without a notice.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .decisions import Decision
from .findings import ERROR, UNKNOWN_REF, Findings
from .validate import Record

PUBLISHED = "published"
WITHDRAWN = "withdrawn"
EXPIRED = "expired"
EMBARGOED = "embargoed"
UNDISCLOSED = "undisclosed"
CREDIT_REPAIRED = "credit_repaired"
WITHDRAWN_UNPUBLISHED = "withdrawn_unpublished"
NOTICE_KINDS = ("变更", "撤销", "确认违法", "确认无效", "其他")
MILD_ONLY = {"警告", "通报批评"}


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clipped to the month's end (2024-01-31 + 1 -> 2024-02-29)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def display_months(d: Decision) -> int:
    if d.severity == "轻微":
        return 3
    if d.severity == "一般":
        return 12
    if d.severity == "严重":
        return 36
    if d.category == "行政处罚":
        types = set(d.penalty_types)
        if types and types <= MILD_ONLY:
            return 3
        return 12
    return 36


def display_until(d: Decision) -> dt.date:
    """The last day the decision is shown (inclusive)."""
    if d.display_until_given is not None:
        return d.display_until_given
    return add_months(d.decision_date, display_months(d))


@dataclass(frozen=True)
class Withdrawal:
    decision_no: str
    kind: str
    date: dt.date
    reason: str
    replaced_by: str = ""


@dataclass
class Outcome:
    decision: Decision
    status: str
    last_day: dt.date
    withdrawal: Withdrawal | None = None


def resolve_withdrawals(records: list[Record], decision_nos: set[str], findings: Findings) -> dict[str, Withdrawal]:
    """Latest withdrawal per decision; unknown numbers reported, not fatal."""
    latest: dict[str, Withdrawal] = {}
    for rec in records:
        v = rec.values
        if v["kind"] != "信用修复" and not v.get("reason"):
            findings.add(file=rec.file, row=rec.line, field="撤回理由", rule="required",
                         reason="撤回理由为空（除信用修复外必填，依法须说明理由）", level=ERROR,
                         decision_no=v["decision_no"], source="withdrawals")
            continue
        if v["decision_no"] not in decision_nos:
            findings.add(file=rec.file, row=rec.line, field="决定书文号", rule="unknown_decision",
                         reason="撤回记录中的决定书文号在决定数据中找不到", level=UNKNOWN_REF,
                         decision_no=v["decision_no"], source="withdrawals")
            continue
        w = Withdrawal(v["decision_no"], v["kind"], v["date"], v.get("reason", ""), v.get("replaced_by", ""))
        prev = latest.get(w.decision_no)
        if prev is None or (w.date, w.kind, w.reason) > (prev.date, prev.kind, prev.reason):
            latest[w.decision_no] = w
    return latest


def decide(decisions: list[Decision], withdrawals: dict[str, Withdrawal], today: dt.date) -> list[Outcome]:
    """Status of every valid decision on `today`."""
    out = []
    for d in decisions:
        last_day = display_until(d)
        w = withdrawals.get(d.decision_no)
        if not d.disclose:
            status = UNDISCLOSED
        elif d.publish_date > today:
            status = EMBARGOED
        elif w is not None and w.kind == "信用修复":
            status = CREDIT_REPAIRED
        elif last_day < today:
            status = EXPIRED
        elif w is not None:
            # A notice only for a decision that was public before it was withdrawn.
            status = WITHDRAWN if d.publish_date <= min(w.date, today) else WITHDRAWN_UNPUBLISHED
        else:
            status = PUBLISHED
        out.append(Outcome(d, status, last_day, w if status == WITHDRAWN else None))
    return out
