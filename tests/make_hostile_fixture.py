"""Writes tests/fixtures/hostile/: a data directory of real CSV and XLSX
files with hostile content (`python -m tests.make_hostile_fixture`). The
committed files are its output; tests/test_hostile.py builds them.

Every text field carries markup (script tags, event handlers, javascript:
URLs, template syntax); there are very long fields, zero-width and bidi
control characters, emoji, NUL bytes, Excel formula injection in target
names and facts, an identical duplicate row and two rows sharing a decision
number with different content (one differing only by a zero-width space).
The 10 MB field is not committed: `write_huge_field_file` writes it into a
copy at test time.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"

AGENCY = "天津市示例区<b>市场</b>监督管理局"          # markup in an agency name
AGENCY_CODE = "11120000MB1234567P"
OTHER = "示例镇人民政府"
OTHER_CODE = "11120000MB7654321L"
FORMULA_AGENCY = '=HYPERLINK("http://evil.example/","示例局")'   # formula injection through an agency name
FORMULA_AGENCY_CODE = "11120000MB0000001T"

SCRIPT = '<script>alert("x")</script>'
IMG = '<img src=x onerror=alert(1)>'
SVG = '"><svg onload=alert(2)>'
JS_URL = '<a href="javascript:alert(3)">点击</a>'
TEMPLATE = "{{ 7*7 }}{% raw %}${7*7}"
RLO, PDF, ZW, BOM, WJ = "\u202e", "\u202c", "\u200b", "\ufeff", "\u2060"
LONG_FACTS = "当事人经营场所存在安全隐患，" * 1300           # ~18,200 characters: under the 20,000 limit

DECISION_HEADER = ["决定书文号", "执法类别", "执法机关", "事项编码", "相对人名称", "相对人类型", "相对人证件号码", "法定代表人",
                   "违法行为类型", "主要事实", "执法依据", "执法结果", "处罚种类", "罚款金额（元）", "作出决定日期", "公示日期"]


def decision(no, target, facts="事实清楚。", *, cat="行政处罚", agency=AGENCY, item="HX-CF-001", ttype="法人及非法人组织",
             code="91120000MA05ABCD14", rep="王大伟", violation="违法行为", basis="《中华人民共和国行政处罚法》",
             result="罚款", types="罚款", fine="1000", date="2026-10-08", publish="2026-10-09"):
    return [no, cat, agency, item, target, ttype, code, rep, violation, facts, basis, result, types, fine, date, publish]


DECISIONS_CSV = [
    # markup in every text field
    decision("津示市监罚〔2026〕101号", SCRIPT + "商贸有限公司", IMG + "当事人销售过期食品。" + SVG,
             rep="<b>王</b>大伟", violation=TEMPLATE, basis=JS_URL, result=SVG + "罚款" + SCRIPT,
             types="<i>罚款</i>；警告"),
    # Excel formula injection in target name and facts
    decision("津示市监罚〔2026〕102号", '=HYPERLINK("http://evil.example/","点击查看")', "+1+1 当事人未按规定公示。"),
    decision("津示市监罚〔2026〕103号", "+1 科技有限公司", "-1 事实", violation="@SUM(A1:A9)", result="=1+2"),
    decision("津示市监罚〔2026〕104号", "-2 餐饮有限公司", "@SUM(1,2) 事实", basis="\t=cmd|' /C calc'!A0"),
    # zero-width, bidi controls, BOM, word joiner; emoji
    decision("津示市监罚〔2026〕105号", f"天津{RLO}司公限有{PDF}示例{ZW}贸易{WJ}有限公司",
             f"事实{BOM}中夹杂{ZW}零宽字符与{RLO}反向控制符{PDF}。"),
    decision("津示市监罚〔2026〕106号", "🍜面馆🍜餐饮有限公司", "当事人在店内张贴 😀 表情海报。👨‍👩‍👧"),
    # NUL bytes inside fields
    decision("津示市监罚〔2026〕107号", "空\x00字符有限公司", "事实\x00中\x00有空字符。"),
    # a very long field (under the limit): published whole
    decision("津示市监罚〔2026〕108号", "长文本有限公司", LONG_FACTS),
    # identical duplicate rows: collapse with a warning
    decision("津示市监罚〔2026〕109号", "重复一次有限公司", "完全相同的两行。"),
    decision("津示市监罚〔2026〕109号", "重复一次有限公司", "完全相同的两行。"),
    # the same number with different content: both quarantined, neither published
    decision("津示市监罚〔2026〕110号", "冲突甲有限公司", "第一种内容。"),
    decision("津示市监罚〔2026〕110号", "冲突乙有限公司", "第二种内容。"),
    decision(f"津示市监罚〔2026〕{ZW}111号", "零宽冲突甲有限公司", "零宽字符前的内容。"),
    decision("津示市监罚〔2026〕111号", "零宽冲突乙有限公司", "零宽字符后的内容。"),
    # markup in the decision number itself
    decision("<b>津示</b>市监罚〔2026〕112号", "文号带标记有限公司", "文号里有标记。", agency=OTHER),
    # an agency whose name is a formula (it reaches the statistics CSVs)
    decision("津示市监罚〔2026〕113号", "公式机关相对人有限公司", "事实。", agency=FORMULA_AGENCY),
]

# XLSX: strings typed as text (a leading = stays a string), one real formula.
DECISIONS_XLSX = [
    decision("津示市监罚〔2026〕201号", '=HYPERLINK("http://evil.example/","表格")', "@SUM(A1) 表格中的事实。"),
    decision("津示市监罚〔2026〕202号", SCRIPT + "表格有限公司", IMG + "表格" + SVG, result="-3 罚款", rep="<i>李</i>四"),
    decision("津示市监罚〔2026〕203号", "📦表格🚚物流有限公司", f"表格{RLO}反向{PDF}文字。", basis=TEMPLATE),
]

SUBJECTS = [
    ["名称", "统一社会信用代码", "主体类型", "层级", "上级机关", "职责", "设立依据", "地址", "联系电话", "救济渠道", "曾用名"],
    [AGENCY, AGENCY_CODE, "行政机关", "区级", "天津市示例区人民政府", "负责" + SCRIPT + "市场监管。" + IMG, JS_URL,
     "示例路1号" + SVG, "022-27391234", "可申请行政复议" + TEMPLATE, "天津市示例区工商行政管理局"],
    [OTHER, OTHER_CODE, "行政机关", "乡镇街道", "天津市示例区人民政府", "综合执法🏛️", "组织法", "示例镇政府路8号",
     "022-27390000", "可申请行政复议。", ""],
    [FORMULA_AGENCY, FORMULA_AGENCY_CODE, "行政机关", "区级", "@SUM(A1)", "-1 职责", "+1 依据", "示例路3号",
     "022-27390001", "可申请行政复议。", ""],
]
STATISTICS = [
    ["年度", "执法机关", "执法类别", "数量", "罚款金额（元）", "行政复议数", "行政诉讼数", "被纠错数", "公布日期"],
    ["2025", AGENCY, "行政处罚", "12", "35000", "1", "0", "0", "2026-01-08"],
    ["2025", OTHER, "行政处罚", "3", "0", "0", "0", "0", "2026-01-08"],
    ["2025", FORMULA_AGENCY, "行政处罚", "5", "1000", "0", "0", "0", "2026-01-09"],
    ["2025", FORMULA_AGENCY, "行政检查", "0", "", "0", "0", "0", "2026-01-09"],
]
OFFICERS = [
    ["姓名", "所属机关", "执法证号", "执法类别", "状态", "有效期至"],
    ["<b>刘</b>执法", AGENCY, "1201110000001", "市场监管" + SCRIPT, "有效", "2028-12-31"],
    ["陈检查", OTHER, "1201110000002", "综合执法", "有效", "2028-12-31"],
]
ITEMS = [
    ["事项编码", "事项名称", "执法类别", "实施主体", "设定依据", "裁量基准"],
    ["HX-CF-001", "对" + SCRIPT + "的处罚", "行政处罚", AGENCY, JS_URL, "轻微：" + IMG + "；严重：" + TEMPLATE],
]
WITHDRAWALS = [
    ["决定书文号", "撤回类型", "撤回日期", "撤回理由", "新决定书文号"],
    ["津示市监罚〔2026〕104号", "撤销", "2026-10-20", "经复议撤销。" + SCRIPT + IMG, ""],
]


def _csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def write_xlsx(path: Path, rows) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "决定"
    ws.append(["行政执法决定（含恶意内容的测试数据）"])   # a title row above the header
    for r, row in enumerate([DECISION_HEADER, *rows], start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = value.replace("\x00", "")
            cell.data_type = "s"   # text, even when it starts with =
    # a real formula cell (no cached value): read as empty, or as its text
    ws.cell(row=len(rows) + 3, column=1).value = "津示市监罚〔2026〕204号"
    for c, value in enumerate(decision("", "公式单元格有限公司")[1:], start=2):
        ws.cell(row=len(rows) + 3, column=c).value = value
    ws.cell(row=len(rows) + 3, column=10).value = '=CONCATENATE("公式","事实")'
    wb.save(path)


def write_fixture(root: Path = HOSTILE) -> None:
    (root / "decisions").mkdir(parents=True, exist_ok=True)
    (root / "decisions" / "hostile.csv").write_bytes(_csv_bytes([DECISION_HEADER, *DECISIONS_CSV]))
    write_xlsx(root / "decisions" / "hostile.xlsx", DECISIONS_XLSX)
    (root / "subjects.csv").write_bytes(_csv_bytes(SUBJECTS))
    (root / "officers.csv").write_bytes(_csv_bytes(OFFICERS, "gb18030"))   # GBK, emoji-free
    (root / "items.csv").write_bytes(_csv_bytes(ITEMS))
    (root / "withdrawals.csv").write_bytes(_csv_bytes(WITHDRAWALS))
    (root / "statistics").mkdir(exist_ok=True)
    (root / "statistics" / "2025.csv").write_bytes(_csv_bytes(STATISTICS))


HUGE_BYTES = 10 * 1024 * 1024   # "超" is 3 bytes in UTF-8


def write_huge_field_file(root: Path) -> Path:
    """decisions/huge_field.csv: row 2 fine, row 3 with a 10 MB 主要事实."""
    path = root / "decisions" / "huge_field.csv"
    rows = [DECISION_HEADER,
            decision("津示市监罚〔2026〕301号", "正常有限公司", "正常的事实。"),
            decision("津示市监罚〔2026〕302号", "超长字段有限公司", "超" * (HUGE_BYTES // 3))]
    path.write_bytes(_csv_bytes(rows))
    return path


if __name__ == "__main__":
    write_fixture()
    print(f"written {HOSTILE.relative_to(ROOT)}")
