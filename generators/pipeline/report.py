"""The build report: JSON for machines, a Chinese spreadsheet for administrators.

Written whether or not the build succeeds, never inside the output
directory. It names file, row, field, rule, reason and decision number, never
a raw personal value.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .findings import ERROR, UNKNOWN_REF, WARNING, Findings

LEVEL_ZH = {ERROR: "暂不公开（需修改）", WARNING: "警告", UNKNOWN_REF: "引用未找到"}
COUNT_ZH = {
    "rows_read": "读取行数", "published": "已公开", "withdrawn": "撤回公告",
    "withdrawn_unpublished": "撤回（未曾公开）", "credit_repaired": "信用修复停止公示",
    "expired": "公示期满", "embargoed": "未到公示日期", "undisclosed": "不予公开",
    "quarantined": "校验未通过（暂不公开）", "warnings": "警告", "unknown_references": "引用未找到",
}


def build_report(*, ok: bool, today: dt.date, data_dir: str, counts: dict | None,
                 findings: Findings | None, error: str | None = None, extra: dict | None = None) -> dict:
    findings = findings or Findings()
    return {
        "ok": ok,
        "today": today.isoformat(),
        "data_dir": data_dir,
        "error": error,
        "counts": counts or {},
        "quarantined": [f.as_dict() for f in findings.of_level(ERROR)],
        "warnings": [f.as_dict() for f in findings.of_level(WARNING)],
        "unknown_references": [f.as_dict() for f in findings.of_level(UNKNOWN_REF)],
        "unknown_columns": dict(sorted(findings.unknown_columns.items())),
        **(extra or {}),
    }


def write_report(report: dict, path: Path) -> list[Path]:
    """Write FILE (JSON) and, beside it, FILE's stem + .xlsx for administrators."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    xlsx = path.with_suffix(".xlsx")
    write_report_xlsx(report, xlsx)
    return [path, xlsx]


def write_report_xlsx(report: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.properties.creator = "行政执法公示平台"
    fixed = dt.datetime.combine(dt.date.fromisoformat(report["today"]), dt.time())
    wb.properties.created = wb.properties.modified = fixed
    ws = wb.active
    ws.title = "问题清单"
    headers = ["处理结果", "文件", "行号", "字段", "规则", "原因", "决定书文号"]
    ws.append(headers)
    for key in ("quarantined", "warnings", "unknown_references"):
        for f in report.get(key, []):
            ws.append([LEVEL_ZH[f["level"]], f["file"], f["row"], f["field"], f["rule"], f["reason"],
                       f["decision_no"]])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate((18, 28, 8, 16, 24, 70, 32), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions

    summary = wb.create_sheet("汇总")
    summary.append(["项目", "数量"])
    summary.append(["构建结果", "成功" if report["ok"] else "失败"])
    if report.get("error"):
        summary.append(["错误", report["error"]])
    for key, value in report.get("counts", {}).items():
        summary.append([COUNT_ZH.get(key, key), value])
    for file, cols in report.get("unknown_columns", {}).items():
        summary.append([f"未识别的列：{file}", "、".join(cols)])
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 60
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    tmp.replace(path)


def summary_lines(report: dict) -> list[str]:
    """A one-screen summary for the terminal."""
    c = report.get("counts", {})
    lines = ["构建成功" if report["ok"] else "构建失败" + (f"：{report['error']}" if report.get("error") else "")]
    if c:
        lines.append(
            f"已公开 {c.get('published', 0)}  撤回公告 {c.get('withdrawn', 0)}  公示期满 {c.get('expired', 0)}  "
            f"未到公示日 {c.get('embargoed', 0)}  不予公开 {c.get('undisclosed', 0)}  "
            f"信用修复 {c.get('credit_repaired', 0)}")
        lines.append(
            f"校验未通过 {c.get('quarantined', 0)}  警告 {c.get('warnings', 0)}  "
            f"引用未找到 {c.get('unknown_references', 0)}")
    shown = report.get("quarantined", [])[:10]
    for f in shown:
        lines.append(f"  ✗ {f['file']} 第 {f['row']} 行 [{f['field']}] {f['reason']}")
    more = len(report.get("quarantined", [])) - len(shown)
    if more > 0:
        lines.append(f"  …另有 {more} 条，详见报告")
    return lines
