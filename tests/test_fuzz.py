"""Property-based tests (hypothesis) of every loader and normaliser: any
input gives a value or a clear error (NormalizeError / LoadError with a
message), never another exception and never a hang (per-example deadlines).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generators.pipeline import load, normalize as nz, privacy
from generators.pipeline.audit import PATTERNS as AUDIT_PATTERNS
from generators.pipeline.findings import Findings
from generators.pipeline.schema import _lookups, source, sources
from generators.pipeline.validate import normalise_row

FUZZ = settings(max_examples=300, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
FUZZ_FILES = settings(max_examples=60, deadline=3000,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# What a CSV or Excel cell may hold.
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
TRICKY = st.sampled_from(list("0123456789０１２３４５６７８９.,，-+/年月日万元¥￥ :T\t\n\r\x00\u200b\u202e\ufeff\u3000Ee"))
TEXTS = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.one_of(TRICKY, HAN), max_size=40),
    st.from_regex(r"\A[0-9０-９]{1,4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?\Z"),
    st.from_regex(r"\A[+-]?[0-9,]{0,12}(\.[0-9]{0,4})?(万元|万|元)?\Z"),
)
CELLS = st.one_of(
    st.none(), st.booleans(), TEXTS,
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(), st.datetimes(),
)


def _value_or_error(fn, *args, **kwargs):
    """Call fn; a NormalizeError must carry a rule and a reason."""
    try:
        return fn(*args, **kwargs)
    except nz.NormalizeError as exc:
        assert exc.rule and exc.reason and str(exc), (fn.__name__, args)
        return exc


@FUZZ
@given(CELLS)
def test_date(value):
    out = _value_or_error(nz.date, value)
    assert out is None or isinstance(out, (dt.date, nz.NormalizeError))


@FUZZ
@given(CELLS, st.booleans())
def test_amount(value, in_wan):
    out = _value_or_error(nz.amount, value, in_wan=in_wan)
    if isinstance(out, Decimal):
        assert out >= 0 and out == out.quantize(Decimal("0.01"))
    else:
        assert out is None or isinstance(out, nz.NormalizeError)


@FUZZ
@given(CELLS)
def test_identifier(value):
    out = _value_or_error(nz.identifier, value)
    if isinstance(out, str):
        assert len(out) <= 200 and " " not in out
        assert not re.search(r"[\x00-\x1f\u200b\u202e\ufeff]", out)
        nz.is_uscc(out)
        nz.is_resident_id(out)
        if nz.is_uscc(out):
            nz.uscc_check_ok(out)
    else:
        assert isinstance(out, nz.NormalizeError)


@FUZZ
@given(CELLS)
def test_count_and_year(value):
    out = _value_or_error(nz.count, value)
    assert isinstance(out, nz.NormalizeError) or (isinstance(out, int) and out >= 0)
    out = _value_or_error(nz.year, value)
    assert isinstance(out, nz.NormalizeError) or 1990 <= out <= 2100


TABLES = sorted(t for t, v in _lookups().items() if all(isinstance(a, list) for a in v.values()))


@FUZZ
@given(st.sampled_from(TABLES), CELLS)
def test_choice(table, value):
    out = _value_or_error(nz.choice, table, value)
    assert isinstance(out, (str, nz.NormalizeError))


@FUZZ
@given(st.sampled_from(TABLES), st.data())
def test_choice_accepts_every_listed_spelling(table, data):
    spellings = [(canon, s) for canon, alts in _lookups()[table].items() for s in [canon, *(alts or [])]]
    canon, spelling = data.draw(st.sampled_from(spellings))
    padded = data.draw(st.sampled_from(["{}", " {} ", "{}\u200b", "\u3000{}"])).format(spelling)
    assert nz.choice(table, padded) == nz.choice(table, canon)


@FUZZ
@given(CELLS)
def test_split_list(value):
    out = _value_or_error(nz.split_list, value)
    if isinstance(out, list):
        assert all(p and p == p.strip() for p in out) and len(set(out)) == len(out)


@FUZZ
@given(CELLS, st.booleans())
def test_clean_text(value, multiline):
    out = _value_or_error(nz.clean_text, value, multiline=multiline)
    if isinstance(out, str):
        assert out == out.strip()
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]", out)
        if not multiline:
            assert "\n" not in out


def _clean_text_everywhere(text: str, multiline: bool) -> str:
    """clean_text's substitutions run on every value (before its shortcut)."""
    text = re.sub(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]", "", text)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    if multiline:
        text = "\n".join(re.sub(r"[ \t\u3000]+", " ", line).strip() for line in text.splitlines())
        return re.sub(r"\n{3,}", "\n\n", text).strip()
    return re.sub(r"\s+", " ", text).strip()


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("ab 张\t\n\r\u3000\u00a0\u200b\ufeff\x00\x1f\x85\u2028")), max_size=12),
       st.booleans())
def test_clean_text_shortcut_changes_nothing(text, multiline):
    assert nz.clean_text(text, multiline=multiline) == _clean_text_everywhere(text, multiline)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("13８9０ -@a.b张三（）电话：X")), max_size=30))
def test_mask_text_shortcut_changes_nothing(text):
    """Text without a digit or @ is left to the name masking alone."""
    assert privacy.mask_text(text, ("张三",)) == privacy._mask_numbers(text).replace("张三", "张某")


def test_clean_text_limit_is_a_clear_error():
    with pytest.raises(nz.NormalizeError) as err:
        nz.clean_text("长" * (nz.MAX_TEXT_CHARS + 1))
    assert err.value.rule == "too_long" and str(nz.MAX_TEXT_CHARS) in err.value.reason


# --- privacy -----------------------------------------------------------------

# Personal values in the shapes they take in real free text.
PERSONAL = st.one_of(
    st.from_regex(r"\A(\+86 ?)?1[3-9][0-9]{9}\Z"),
    st.from_regex(r"\A1[3-9][0-9][ -][0-9]{4}[ -][0-9]{4}\Z"),
    st.from_regex(r"\A[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}[0-9Xx]\Z"),
    st.from_regex(r"\A[1-9][0-9]{7}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}\Z"),
    st.from_regex(r"\A0[1-9][0-9]{1,2}[- ]?[2-8][0-9]{6,7}\Z"),
    st.from_regex(r"\A[(（]0[1-9][0-9]{1,2}[)）][2-8][0-9]{6,7}\Z"),
    st.from_regex(r"\A62[0-9]{14,17}\Z"),
    st.from_regex(r"\A62[0-9]{2}([ -][0-9]{4}){3}([ -][0-9]{1,3})?\Z"),
    st.from_regex(r"\A[a-z0-9._]{1,8}@[a-z]{1,8}\.(com|cn|net|com\.cn)\Z"),
)
FREE_TEXT = st.lists(st.one_of(st.text(max_size=20), st.text(alphabet=st.one_of(TRICKY, HAN), max_size=20),
                               PERSONAL), max_size=8).map("".join)
NAMES = st.lists(st.text(alphabet=HAN, min_size=1, max_size=4), max_size=3).map(tuple)


@FUZZ
@given(FREE_TEXT, NAMES)
def test_mask_text_total(text, names):
    out = privacy.mask_text(text, names)
    assert isinstance(out, str)
    for name in names:
        if len(name) >= 2:
            assert name not in out or name in privacy.mask_name(name) or name in text.replace(name, "")


SEPARATOR = st.one_of(st.text(alphabet=HAN, min_size=1, max_size=6),
                      st.sampled_from(["，", "。", "：", "（", "）", " ", "电话", "邮箱", "、"]))


@FUZZ
@given(st.lists(st.tuples(SEPARATOR, st.one_of(PERSONAL, SEPARATOR)), max_size=6)
       .map(lambda parts: "".join(a + b for a, b in parts)))
def test_masked_text_passes_the_privacy_gate(text):
    """What the masker leaves must not look personal to the output audit
    (else legitimate builds fail): personal values between Chinese text and
    punctuation, as in real facts fields."""
    out = privacy.mask_text(text)
    for kind, pattern in AUDIT_PATTERNS.items():
        m = pattern.search(out)
        assert m is None, (kind, m.group(0), out)


@pytest.mark.parametrize("text", ["1 " * 10_000, "1-" * 10_000, "0" * 20_000, "@a." * 6_000, "a" * 19_000 + "@",
                                  "13812345678" * 1_800, "022-" * 5_000])
def test_mask_text_no_pathological_slowness(text):
    start = time.monotonic()
    privacy.mask_text(text, ("张三",))
    assert time.monotonic() - start < 2.0


# --- loaders -----------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=400))
def test_decode_csv_bytes(data):
    try:
        text, encoding = load.decode_csv_bytes(data)
    except ValueError as exc:
        assert str(exc)
        return
    assert encoding in ("utf-8-sig", "gb18030") and isinstance(text, str)


@FUZZ
@given(st.text(max_size=200), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk"]))
def test_decode_csv_bytes_roundtrip(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    decoded, _ = load.decode_csv_bytes(data)
    if encoding.startswith("utf-8"):
        assert decoded == text.removeprefix("\ufeff") or decoded == text


SPEC_HEADERS = {name: sorted({h for f in spec.fields.values() for h in (f.name, *f.zh, *f.codes)})
                for name, spec in sources().items()}
CELL_TEXT = st.one_of(st.text(max_size=30), st.text(alphabet=st.one_of(TRICKY, HAN), max_size=12),
                      st.sampled_from(["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\"", "\"\"", ",", "\r\n"]))


@st.composite
def csv_files(draw):
    src = draw(st.sampled_from(sorted(SPEC_HEADERS)))
    known = SPEC_HEADERS[src]
    headers = draw(st.lists(st.one_of(st.sampled_from(known), st.text(max_size=10)), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(CELL_TEXT, max_size=len(headers) + 2), max_size=6))
    title = draw(st.lists(st.lists(CELL_TEXT, max_size=3), max_size=2))   # title rows above the header
    delimiter = draw(st.sampled_from([",", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk"]))

    def line(cells):
        out = []
        for c in cells:
            if any(ch in c for ch in (delimiter, '"', "\n", "\r")):
                c = '"' + c.replace('"', '""') + '"'
            out.append(c)
        return delimiter.join(out)

    text = "\r\n".join(line(r) for r in [*title, headers, *rows]) + draw(st.sampled_from(["", "\r\n", "\n"]))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("gb18030")
    if draw(st.booleans()):  # damage: truncate, insert NUL or a stray byte
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.sampled_from([b"", b"\x00", b"\xff", b"\x81"])) + data[cut:]
    return src, data


@FUZZ_FILES
@given(csv_files())
def test_read_table_and_validate_any_csv(tmp_path, generated):
    src, data = generated
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        table = load.read_table(path, src, tmp_path)
    except load.LoadError as exc:
        assert exc.reason and exc.path == "fuzz.csv", exc
        return
    spec = source(src)
    findings = Findings()
    for row in table.rows:
        assert row.line >= 2 and set(row.values) <= set(spec.fields)
        out = normalise_row(row, spec, findings)
        assert out is None or isinstance(out, dict)
    for f in findings.items:
        assert f.file == "fuzz.csv" and f.row >= 2 and f.reason and f.field


@FUZZ_FILES
@given(st.binary(max_size=300), st.sampled_from([".xlsx", ".xls", ".csv"]))
def test_read_table_garbage_files(tmp_path, data, suffix):
    path = tmp_path / ("garbage" + suffix)
    path.write_bytes(data)
    try:
        load.read_table(path, "decisions", tmp_path)
    except load.LoadError as exc:
        assert exc.reason


XLSX_CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**15, max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    CELL_TEXT, st.sampled_from(["=1+1", "=NOW()", '=HYPERLINK("http://x","y")', "=1/0"]),
)


@FUZZ_FILES
@given(st.sampled_from(sorted(SPEC_HEADERS)), st.data())
def test_read_table_any_xlsx(tmp_path, src, data):
    """Excel files with any typed cells (numbers, dates, formulas, text)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    headers = data.draw(st.lists(st.one_of(st.sampled_from(SPEC_HEADERS[src]), st.text(max_size=8)),
                                 min_size=1, max_size=8))
    rows = data.draw(st.lists(st.lists(XLSX_CELLS, max_size=len(headers) + 1), max_size=5))
    wb = Workbook()
    ws = wb.active
    for r, row in enumerate([headers, *rows], start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            ws.cell(row=r, column=c).value = value
    path = tmp_path / "fuzz.xlsx"
    wb.save(path)
    try:
        table = load.read_table(path, src, tmp_path)
    except load.LoadError as exc:
        assert exc.reason
        return
    findings = Findings()
    for row in table.rows:
        normalise_row(row, source(src), findings)
    assert all(f.reason and f.row >= 2 for f in findings.items)


@FUZZ_FILES
@given(st.lists(st.lists(CELL_TEXT, min_size=3, max_size=8), max_size=8), st.data())
def test_gather_any_decisions_file(tmp_path, rows, data):
    """The whole input side (load, validate, redact, publication rules) on a
    decisions file with known headers and any cells: a Dataset or a LoadError."""
    from generators.pipeline.gather import gather
    from tests.conftest import TINY

    root = tmp_path / "data"
    shutil.rmtree(root, ignore_errors=True)
    (root / "decisions").mkdir(parents=True)
    shutil.copy(TINY / "subjects.csv", root / "subjects.csv")
    header = data.draw(st.permutations(["决定书文号", "执法类别", "执法机关", "相对人名称", "执法结果", "作出决定日期",
                                        "相对人证件号码", "主要事实"]))
    agencies = ["天津市示例区市场监督管理局", "天津市示例区工商行政管理局", "不存在的机关"]
    lines = [header]
    for row in rows:
        row = (row + [""] * len(header))[:len(header)]
        # mostly valid keys, so that rows get past validation into redaction and the publication rules
        row[header.index("执法机关")] = data.draw(st.sampled_from(agencies + [row[header.index("执法机关")]]))
        row[header.index("执法类别")] = data.draw(st.sampled_from(["行政处罚", "许可", row[header.index("执法类别")]]))
        row[header.index("作出决定日期")] = data.draw(st.sampled_from(
            ["2026-03-05", "2026年10月1日", "20261231", row[header.index("作出决定日期")]]))
        for col, good in (("执法结果", "罚款"), ("相对人名称", "张三"), ("决定书文号", f"津示罚〔2026〕{len(lines)}号")):
            row[header.index(col)] = data.draw(st.sampled_from([good, row[header.index(col)]]))
        row[header.index("相对人证件号码")] = data.draw(st.sampled_from(
            ["91120000MA05ABCD14", "120111199001011234", "92120000MA06XY5W1P", row[header.index("相对人证件号码")]]))
        lines.append(row)
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(lines)
    (root / "decisions" / "fuzz.csv").write_bytes(buf.getvalue().encode(data.draw(st.sampled_from(["utf-8", "gb18030"]))))
    try:
        ds = gather(root, dt.date(2026, 11, 20))
    except load.LoadError as exc:
        assert exc.reason
        return
    counts = ds.counts()
    event(f"valid decisions: {min(len(ds.decisions), 2)}")
    assert counts["rows_read"] >= len(ds.decisions)
    for d in ds.decisions:
        assert d.decision_no and d.agency and d.result
        assert not (d.target_type == "自然人" and d.target_code)   # a resident ID is never kept
