"""Loading real files: encodings, Excel title rows, 双公示 codes, bad files."""
from pathlib import Path

import pytest

from generators.pipeline.load import LoadError, load_data_dir, read_table
from tests.conftest import TINY


def test_gbk_csv_is_detected_and_read():
    table = read_table(TINY / "decisions" / "gbk_export.csv", "decisions", TINY)
    assert table.notes == ["encoding: GB18030/GBK"]
    assert table.rows[0].values["target_name"] == "孙小美"
    assert table.rows[0].line == 2


def test_utf8_bom_and_chinese_headers():
    table = read_table(TINY / "decisions" / "utf8_chinese.csv", "decisions", TINY)
    assert {"decision_no", "fine_yuan", "withhold", "disclose"} <= set(table.rows[0].values)
    assert table.unknown_columns == []


def test_excel_title_row_is_skipped_and_rows_numbered_as_spreadsheet():
    table = read_table(TINY / "decisions" / "excel_export.xlsx", "decisions", TINY)
    assert [r.line for r in table.rows] == [3, 4]
    assert table.rows[0].values["decision_no"] == "津示市监强〔2026〕15号"


def test_shuanggongshi_codes_imply_penalty_and_wan_amounts():
    table = read_table(TINY / "decisions" / "CF_shuanggongshi.csv", "decisions", TINY)
    row = table.rows[0]
    assert row.values["category"] == "行政处罚"
    assert "fine_yuan" in row.wan


def test_unknown_columns_are_reported(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("决定书文号,执法类别,备注,内部编号\nA1,行政检查,x,y\n", encoding="utf-8")
    table = read_table(f, "decisions", tmp_path)
    assert table.unknown_columns == ["备注", "内部编号"]


def test_file_without_header_fails_with_file_name(tmp_path):
    f = tmp_path / "junk.csv"
    f.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(LoadError) as exc:
        read_table(f, "decisions", tmp_path)
    assert "junk.csv" in str(exc.value) and "表头" in str(exc.value)


def test_corrupt_excel_fails_clearly(tmp_path):
    f = tmp_path / "broken.xlsx"
    f.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(LoadError) as exc:
        read_table(f, "decisions", tmp_path)
    assert "broken.xlsx" in str(exc.value)


def test_hidden_and_lock_files_ignored(tmp_path):
    import shutil
    data = tmp_path / "d"
    shutil.copytree(TINY, data)
    (data / "decisions" / "~$excel_export.xlsx").write_bytes(b"lock")
    (data / "decisions" / ".hidden.csv").write_text("garbage", encoding="utf-8")
    loaded = load_data_dir(data)
    names = [t.file for t in loaded.tables["decisions"]]
    assert not any("~$" in n or ".hidden" in n for n in names)


def test_missing_subjects_is_fatal(tmp_path):
    (tmp_path / "decisions").mkdir()
    with pytest.raises(LoadError) as exc:
        load_data_dir(tmp_path)
    assert "subjects" in str(exc.value)


def test_missing_optional_files_mean_none(tmp_path):
    import shutil
    (tmp_path / "decisions").mkdir()
    shutil.copy(TINY / "subjects.csv", tmp_path / "subjects.csv")
    loaded = load_data_dir(tmp_path)
    assert loaded.tables["withdrawals"] == [] and loaded.tables["statistics"] == []
