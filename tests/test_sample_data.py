"""Tests for generators/sample_data.py: determinism, check digits, file formats, counts, scale."""
from __future__ import annotations

import csv
import hashlib
import io
import re
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from generators import sample_data as sd

FIELDS = ["decision_no", "category", "agency", "item_code", "target_name", "target_type", "target_code", "legal_rep",
          "violation", "facts", "basis", "result", "penalty_types", "fine_yuan", "confiscated_yuan", "decision_date",
          "publish_date", "display_until", "severity", "disclose", "withhold"]
ZH = ["决定书文号", "执法类别", "执法机关", "事项编码", "相对人名称", "相对人类型", "相对人证件号码", "法定代表人",
      "违法行为类型", "主要事实", "执法依据", "执法结果", "处罚种类", "罚款金额（元）", "没收金额（元）", "作出决定日期",
      "公示日期", "公示截止日期", "失信程度", "是否公开", "不予公开字段"]
ZH2EN = dict(zip(ZH, FIELDS))
CF2EN = {"CF_WSH": "decision_no", "CF_CFJG": "agency", "CF_XDR_MC": "target_name", "CF_XDR_SHXYM": "target_code",
         "CF_FRDB": "legal_rep", "CF_WFXW": "violation", "CF_SY": "facts", "CF_YJ": "basis", "CF_CFLB": "penalty_types",
         "CF_NR": "result", "CF_NR_FK": "fine_yuan", "CF_NR_WFFF": "confiscated_yuan", "CF_JDRQ": "decision_date",
         "CF_GSJZQ": "display_until", "公示日期": "publish_date"}
EXTRA_KINDS = {"unknown_agency": 1, "missing_required": 1, "duplicate": 1, "conflict": 2, "numeric_identifier": 1}


def digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def read_csv(path: Path, encoding: str) -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def parse_date(v) -> date | None:
    if v in (None, ""):
        return None
    if isinstance(v, datetime):
        return v.date()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y%m%d", "%Y.%m.%d"):
        try:
            return datetime.strptime(str(v), fmt).date()
        except ValueError:
            pass
    raise AssertionError(f"unparseable date {v!r}")


def load_decisions(root: Path) -> list[dict]:
    """All decision rows as dicts keyed by English field names (the test's own mini loader)."""
    rows: list[dict] = []
    for p in sorted((root / "decisions").iterdir()):
        if p.suffix == ".xlsx":
            ws = openpyxl.load_workbook(p, read_only=True).active
            it = ws.iter_rows(values_only=True)
            next(it)  # title row
            head = [ZH2EN[h] for h in next(it)]
            data = [dict(zip(head, r)) for r in it]
        else:
            raw = p.read_bytes()
            enc = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                text = raw.decode("gbk")
            table = list(csv.reader(io.StringIO(text, newline="")))
            mapping = {**ZH2EN, **CF2EN, **{f: f for f in FIELDS}}
            head = [mapping.get(h, "?" + h) for h in table[0]]
            data = [dict(zip(head, r)) for r in table[1:]]
            if p.name.startswith("CF_"):
                for d in data:
                    d["category"] = "行政处罚"
        for d in data:
            d["_file"] = p.name
        rows += data
    return rows


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("demo")
    counts = sd.generate(root, decisions=1500, seed=7)
    return root, counts


# -- check digits -------------------------------------------------------------

def test_check_digits_known_examples():
    assert sd.uscc_check_digit("91350100M000100Y4") == "3"
    assert sd.is_valid_uscc("91350100M000100Y43")
    assert not sd.is_valid_uscc("91350100M000100Y44")
    assert sd.resident_id_check_digit("11010519491231002") == "X"
    assert sd.is_valid_resident_id("11010519491231002X")
    assert sd.is_valid_resident_id("440524188001010014")
    assert not sd.is_valid_resident_id("110105194912310021")
    assert sd.org_code_check_digit("D2143569") == "X"   # the GB 11714 example
    with pytest.raises(ValueError):
        sd.uscc_check_digit("91350100M000100I4")       # I is not a USCC character
    with pytest.raises(ValueError):
        sd.resident_id_check_digit("1101051949123100")


# -- determinism ----------------------------------------------------------------

def test_same_seed_gives_identical_bytes(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    ca = sd.generate(a, decisions=300, seed=11)
    time.sleep(2.1)  # zip timestamps have 2-second resolution: a clock leak would show
    cb = sd.generate(b, decisions=300, seed=11)
    assert ca == cb
    assert digest(a) == digest(b)
    sd.generate(c, decisions=300, seed=12)
    assert digest(a) != digest(c)


def test_regenerating_into_the_same_directory_replaces_old_parts(tmp_path):
    sd.generate(tmp_path, decisions=6000, seed=1)
    sd.generate(tmp_path, decisions=200, seed=1)
    names = sorted(p.name for p in (tmp_path / "decisions").iterdir())
    assert not any("_part" in n for n in names), names


# -- files and formats ------------------------------------------------------------

def test_layout(demo):
    root, counts = demo
    for name in ("withdrawals.csv", "subjects.csv", "officers.csv", "items.csv", "holidays.csv", "README.md",
                 "statistics/2024.csv", "statistics/2025.csv"):
        assert (root / name).is_file(), name
    decision_files = sorted(p.name for p in (root / "decisions").iterdir())
    assert decision_files == sorted([sd.FILE_BULK + ".csv", sd.FILE_EN, sd.FILE_GBK, sd.FILE_XLSX, sd.FILE_CF])
    assert sd.FILE_CF.startswith("CF_")


def test_csv_files_parse_with_expected_headers(demo):
    root, _ = demo
    dec = root / "decisions"
    bulk = dec / f"{sd.FILE_BULK}.csv"
    assert bulk.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_csv(bulk, "utf-8-sig")[0] == ZH
    en = dec / sd.FILE_EN
    assert not en.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_csv(en, "utf-8")[0] == FIELDS
    gbk = dec / sd.FILE_GBK
    with pytest.raises(UnicodeDecodeError):
        gbk.read_bytes().decode("utf-8")
    head = read_csv(gbk, "gbk")[0]
    assert set(head) - {"序号", "备注"} <= set(ZH) and "相对人类型" not in head
    cf = read_csv(dec / sd.FILE_CF, "utf-8-sig")[0]
    for code in ("CF_WSH", "CF_XDR_MC", "CF_XDR_SHXYM", "CF_FRDB", "CF_WFXW", "CF_SY", "CF_YJ", "CF_CFLB", "CF_NR",
                 "CF_NR_FK", "CF_JDRQ", "CF_CFJG", "CF_GSJZQ"):
        assert code in cf
    assert read_csv(root / "subjects.csv", "utf-8-sig")[0] == [
        "名称", "统一社会信用代码", "主体类型", "层级", "上级机关", "职责", "设立依据", "地址", "联系电话", "救济渠道", "曾用名"]
    assert read_csv(root / "officers.csv", "utf-8-sig")[0] == ["姓名", "所属机关", "执法证号", "执法类别", "状态", "有效期至"]
    assert read_csv(root / "items.csv", "utf-8-sig")[0] == ["事项编码", "事项名称", "执法类别", "实施主体", "设定依据", "裁量基准"]
    assert read_csv(root / "withdrawals.csv", "utf-8-sig")[0] == ["决定书文号", "撤回类型", "撤回日期", "撤回理由", "新决定书文号"]
    assert read_csv(root / "holidays.csv", "utf-8-sig")[0] == ["日期", "类型"]
    for y in (2024, 2025):
        assert read_csv(root / "statistics" / f"{y}.csv", "utf-8-sig")[0] == [
            "年度", "执法机关", "执法类别", "数量", "罚款金额（元）", "行政复议数", "行政诉讼数", "被纠错数", "公布日期"]


def test_xlsx_title_row_typed_cells_and_fixed_properties(demo):
    root, _ = demo
    wb = openpyxl.load_workbook(root / "decisions" / sd.FILE_XLSX)
    ws = wb.worksheets[0]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:U1"]
    assert ws["A1"].value == "天津市西青区行政执法决定公示数据导出"
    assert [c.value for c in ws[2]] == ZH
    assert wb.properties.created == sd.FIXED_TIMESTAMP and wb.properties.modified == sd.FIXED_TIMESTAMP
    numeric_codes = 0
    for row in ws.iter_rows(min_row=3):
        assert row[0].number_format == "@" and isinstance(row[0].value, str)
        assert isinstance(row[15].value, datetime)            # 作出决定日期 is a real date cell
        code = row[6]
        if isinstance(code.value, float):
            numeric_codes += 1
            assert code.value > 1e17
        else:
            assert code.number_format == "@"
    assert numeric_codes == 1


def test_date_and_amount_formats_vary_across_files(demo):
    root, _ = demo
    dec = root / "decisions"
    bulk = read_csv(dec / f"{sd.FILE_BULK}.csv", "utf-8-sig")
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[15]) for r in bulk[1:])
    en = read_csv(dec / sd.FILE_EN, "utf-8")
    assert any(re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", r[15]) for r in en[1:])
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+\.\d\d", r[13]) for r in en[1:])
    gbk = read_csv(dec / sd.FILE_GBK, "gbk")
    i_date, i_fine = gbk[0].index("作出决定日期"), gbk[0].index("罚款金额（元）")
    assert any("年" in r[i_date] for r in gbk[1:]) and any(re.fullmatch(r"\d{4}\.\d+\.\d+", r[i_date]) for r in gbk[1:])
    fines = [r[i_fine] for r in gbk[1:] if r[i_fine]]
    assert any(f.endswith("元") and "万" not in f for f in fines)
    assert any(f.endswith("万元") for f in fines)
    assert any(re.fullmatch("[０-９]+", f) for f in fines)
    cf = read_csv(dec / sd.FILE_CF, "utf-8-sig")
    assert all(re.fullmatch(r"\d{8}", r[cf[0].index("CF_JDRQ")]) for r in cf[1:])
    # CF_NR_FK is in 万元 and consistent with the amount written in the result text
    for r in cf[1:]:
        fk = r[cf[0].index("CF_NR_FK")]
        m = re.search(r"罚款(\d+)元", r[cf[0].index("CF_NR")])
        if fk and m:
            assert round(float(fk) * 10000) == int(m.group(1))


# -- counts and content ------------------------------------------------------------

def test_requested_n_matches_rows_minus_bad_rows(demo):
    root, counts = demo
    rows = load_decisions(root)
    assert counts["decisions"] == 1500
    assert len(rows) == counts["decision_rows"] == sum(counts["files"].values())
    extra = sum(EXTRA_KINDS.get(b["kind"], 0) for b in counts["bad_rows"])
    assert counts["extra_rows"] == extra == 6
    assert len(rows) - extra == 1500
    assert {b["kind"] for b in counts["bad_rows"]} == set(EXTRA_KINDS) | {"bad_check_digit"}


def test_decisions_follow_the_contract(demo):
    root, counts = demo
    rows = load_decisions(root)
    subjects = read_csv(root / "subjects.csv", "utf-8-sig")[1:]
    names = {s[0] for s in subjects} | {a for s in subjects for a in s[10].split("；") if a}
    items = {r[0] for r in read_csv(root / "items.csv", "utf-8-sig")[1:]}
    bad = {b["kind"]: b["decision_no"] for b in counts["bad_rows"]}

    unknown = {r["decision_no"] for r in rows if r["agency"] not in names}
    assert unknown == {bad["unknown_agency"]}
    assert sum(1 for r in rows if not r["result"]) == 1
    numbers = Counter(r["decision_no"] for r in rows)
    assert {k for k, v in numbers.items() if v > 1} == {bad["duplicate"], bad["conflict"]}
    assert any(r["agency"] == "天津市西青区市容和园林管理委员会" for r in rows)
    assert all(r["item_code"] in items for r in rows if r.get("item_code"))
    cats = Counter(r["category"] for r in rows)
    assert set(cats) == set(sd.CATEGORIES)
    assert 0.38 < cats["行政检查"] / len(rows) < 0.52 and 0.18 < cats["行政处罚"] / len(rows) < 0.32

    invalid = []
    embargoed = 0
    for r in rows:
        d, p = parse_date(r["decision_date"]), parse_date(r.get("publish_date"))
        assert sd.START_DATE <= d <= sd.REFERENCE_DATE
        if p:
            assert p >= d
            embargoed += p > sd.REFERENCE_DATE
        code = r["target_code"]
        if isinstance(code, float):
            continue
        if code[:17].isdigit() and code[6:8] in ("19", "20"):
            ok = sd.is_valid_resident_id(code)
            assert code.startswith("120111")
        else:
            ok = sd.is_valid_uscc(code)
            assert code[:2] in ("91", "92", "51", "52")
        if not ok:
            invalid.append(r["decision_no"])
        if r.get("target_type") == "个体工商户":
            assert code.startswith("92")
    assert invalid == [bad["bad_check_digit"]]
    assert embargoed == counts["embargoed"] >= 3
    assert sum(1 for r in rows if r.get("disclose") == "否") >= 5
    assert any(r.get("withhold") for r in rows)


def test_personal_data_for_redaction_tests(demo):
    root, _ = demo
    rows = load_decisions(root)
    people = [r for r in rows if r.get("target_type") in ("自然人", "个体工商户")
              or (isinstance(r["target_code"], str) and r["target_code"][:2] in ("92", "12"))]
    text = "\n".join(f"{r['facts']}\n{r['result']}" for r in people)
    assert re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text)
    assert re.search(r"022-\d{8}", text)
    assert re.search(r"[a-z]+[\w]*@[a-z0-9]+\.(com|cn)", text)
    assert re.search(r"(?<!\d)62\d{14,17}(?!\d)", text)
    assert re.search(r"(?<!\d)120111(19|20)\d{9}[\dX](?!\d)", text)
    assert any(r["target_name"] in (r["facts"] or "") for r in rows if r.get("target_type") == "自然人")
    ind = [r for r in rows if isinstance(r["target_code"], str) and r["target_code"].startswith("92")]
    with_name = [r for r in ind if r["legal_rep"] and r["legal_rep"] in r["target_name"]]
    assert 0.25 < len(with_name) / len(ind) < 0.75
    persons = [r for r in rows if isinstance(r["target_code"], str) and r["target_code"].startswith("120111")]
    assert all(r.get("target_type") in (None, "自然人") for r in persons)
    assert {r["target_name"][:2] for r in persons} & {"欧阳", "司马", "上官", "诸葛", "东方", "令狐", "皇甫"}


def test_subjects_officers_items(demo):
    root, _ = demo
    subjects = read_csv(root / "subjects.csv", "utf-8-sig")[1:]
    assert 25 <= len(subjects) <= 35
    kinds = Counter(s[2] for s in subjects)
    assert kinds["法律法规授权组织"] >= 1 and kinds["受委托组织"] >= 1
    assert {s[3] for s in subjects} == {"区级", "乡镇街道", "市级"}
    for s in subjects:
        assert sd.is_valid_uscc(s[1]) and s[1][:2] in ("11", "12")
        assert re.fullmatch(r"022-\d{8}", s[8])
        assert "行政复议" in s[9] and "六十日" in s[9] and "六个月" in s[9] and "人民法院" in s[9]
    renamed = [s for s in subjects if s[10]]
    assert renamed and renamed[0][0] == "天津市西青区城市管理委员会"
    names = {s[0] for s in subjects}

    officers = read_csv(root / "officers.csv", "utf-8-sig")[1:]
    certs = [o[2] for o in officers]
    assert len(set(certs)) == len(certs)
    assert all(re.fullmatch(r"\d{13}", c) for c in certs)
    assert all(o[1] in names for o in officers)
    per_agency = Counter(o[1] for o in officers)
    assert min(per_agency.values()) >= 8 and max(per_agency.values()) <= 15
    status = Counter(o[4] for o in officers)
    assert status["有效"] > 0.8 * len(officers) and status["暂扣"] and status["注销"]
    assert any(o[4] == "有效" and date.fromisoformat(o[5]) < sd.REFERENCE_DATE for o in officers)

    items = read_csv(root / "items.csv", "utf-8-sig")[1:]
    codes = [i[0] for i in items]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"(XQ|TJ)-[A-Z]+-(XK|CF|QZ|JC|ZS|ZY|QR|QT)-\d{3}", c) for c in codes)
    assert "XQ-SCJG-CF-001" in codes
    assert all(i[3] in names for i in items)
    assert all("轻微" in i[5] and "严重" in i[5] for i in items if i[2] == "行政处罚")


def test_withdrawals(demo):
    root, _ = demo
    rows = load_decisions(root)
    numbers = {r["decision_no"] for r in rows}
    by_no = {r["decision_no"]: r for r in rows}
    wd = read_csv(root / "withdrawals.csv", "utf-8-sig")[1:]
    assert 15 <= len(wd) <= 25
    assert {w[1] for w in wd} == {"变更", "撤销", "确认违法", "确认无效", "信用修复", "其他"}
    assert [w[0] for w in wd if w[0] not in numbers] == ["津西青市监罚〔2023〕215号"]
    assert all(w[3] or w[1] == "信用修复" for w in wd)
    assert any(w[1] == "信用修复" and not w[3] for w in wd)
    twice = [k for k, v in Counter(w[0] for w in wd).items() if v > 1]
    assert len(twice) == 1
    replaced = [w for w in wd if w[4]]
    assert replaced and all(w[4] in numbers for w in replaced)
    embargoed = [w for w in wd if w[0] in by_no and (p := parse_date(by_no[w[0]].get("publish_date")))
                 and p > sd.REFERENCE_DATE]
    assert len(embargoed) == 1
    assert any(date.fromisoformat(w[2]) > sd.REFERENCE_DATE for w in wd)


def test_statistics_match_decisions(demo):
    root, counts = demo
    subjects = read_csv(root / "subjects.csv", "utf-8-sig")[1:]
    canonical = {s[0]: s[0] for s in subjects} | {a: s[0] for s in subjects for a in s[10].split("；") if a}
    extra = {b["decision_no"] for b in counts["bad_rows"]
             if b["kind"] in ("unknown_agency", "missing_required", "conflict", "numeric_identifier")}
    seen = set()
    expected: Counter = Counter()
    for r in load_decisions(root):
        if r["decision_no"] in extra or r["decision_no"] in seen:
            continue
        seen.add(r["decision_no"])
        y = parse_date(r["decision_date"]).year
        if y in (2024, 2025) and r["category"] in sd.STAT_CATEGORIES:
            expected[(y, canonical[r["agency"]], r["category"])] += 1
    stats_agencies = set()
    for y in (2024, 2025):
        rows = read_csv(root / "statistics" / f"{y}.csv", "utf-8-sig")[1:]
        got = {(int(r[0]), r[1], r[2]): int(r[3]) for r in rows}
        assert len(got) == len(rows)
        agencies = {r[1] for r in rows}
        stats_agencies |= agencies
        assert len(rows) == len(agencies) * 6
        assert {r[2] for r in rows} == set(sd.STAT_CATEGORIES)
        assert any(c == 0 for c in got.values())
        for key, n in got.items():
            assert expected.get(key, 0) == n, key
        published = sorted({r[8] for r in rows})
        assert all(p.startswith(f"{y + 1}-01-") for p in published)
        assert sum(1 for p in published if int(p[-2:]) > 10) == 1   # one agency reported late
    for (y, agency, _), n in expected.items():
        if agency in stats_agencies:
            assert n
    assert "天津市市场监督管理局" not in stats_agencies


def test_holidays_are_2027_and_documented(demo):
    root, _ = demo
    rows = read_csv(root / "holidays.csv", "utf-8-sig")[1:]
    assert rows and all(r[0].startswith("2027-") for r in rows)
    assert {r[1] for r in rows} == {"休", "班"}
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "illustrative" in readme
    for kind in ("unknown_agency", "missing_required", "duplicate", "conflict", "numeric_identifier", "bad_check_digit"):
        assert kind in readme


def test_small_n_without_specials(tmp_path):
    counts = sd.generate(tmp_path, decisions=10, seed=3)
    assert counts["decision_rows"] == 10 and counts["bad_rows"] == []
    assert len(load_decisions(tmp_path)) == 10


def test_clean_mode_has_no_bad_rows(tmp_path):
    counts = sd.generate(tmp_path, decisions=400, seed=3, with_errors=False)
    assert counts["extra_rows"] == 0 and counts["decision_rows"] == 400
    assert len(load_decisions(tmp_path)) == 400


def test_large_n_streams_into_several_files(tmp_path):
    start = time.process_time()
    counts = sd.generate(tmp_path, decisions=20000, seed=5)
    elapsed = time.process_time() - start
    parts = sorted(p for p in (tmp_path / "decisions").iterdir() if p.name.startswith(sd.FILE_BULK))
    assert len(parts) >= 3
    assert all("_part" in p.name for p in parts)
    sizes = [counts["files"][f"decisions/{p.name}"] for p in parts]
    assert max(sizes) <= sd.MAX_PART_ROWS
    assert counts["decision_rows"] == 20000 + counts["extra_rows"]
    total = sum(len(read_csv(p, "utf-8-sig")) - 1 for p in parts)
    assert total == sum(sizes)
    assert elapsed < 20, f"20k decisions took {elapsed:.1f}s of CPU"
