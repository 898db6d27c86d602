"""Read the files of a data directory into rows with provenance.

Every row keeps the file it came from and its row number as a spreadsheet
shows it (1-based, header row included), so that every finding can name file,
row and field. Values stay raw here (strings, or typed Excel cells);
normalize.py turns them into dates, amounts and codes.

A file that cannot be read at all raises LoadError: the build stops and the
live site stays as it was.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import SourceSpec, fold, source

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
TABLE_SUFFIXES = {".csv", *EXCEL_SUFFIXES}
HEADER_SCAN_ROWS = 20
MAX_FILE_BYTES = 2 * 1024**3
csv.field_size_limit(64 * 1024 * 1024)


class LoadError(Exception):
    """A file that cannot be read at all."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass
class Row:
    file: str
    line: int
    values: dict[str, Any]
    wan: frozenset[str] = frozenset()  # fields whose header is a 万元 code


@dataclass
class Table:
    file: str
    source: str
    rows: list[Row] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    implied: dict[str, str] = field(default_factory=dict)  # e.g. category from CF_ prefix
    notes: list[str] = field(default_factory=list)


def is_ignored(path: Path) -> bool:
    name = path.name
    return name.startswith(".") or name.startswith("~$")


def list_tables(directory: Path) -> list[Path]:
    """Table files of a directory, sorted by name, hidden and lock files ignored."""
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.iterdir()
        if p.is_file() and not is_ignored(p) and p.suffix.lower() in TABLE_SUFFIXES
    )


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Detect the encoding of a CSV export: UTF-8 (with or without BOM) or GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValueError("neither UTF-8 nor GB18030/GBK")


def _read_csv(path: Path) -> tuple[list[list[Any]], list[str]]:
    data = path.read_bytes()
    notes = []
    try:
        text, encoding = decode_csv_bytes(data)
    except ValueError as exc:
        raise LoadError(path, f"无法识别文件编码（{exc}），请另存为 UTF-8 或 GBK 编码的 CSV") from None
    if encoding == "gb18030":
        notes.append("encoding: GB18030/GBK")
    if "\x00" in text:
        text = text.replace("\x00", "")
        notes.append("NUL bytes removed")
    sample = text[:4096]
    delimiter = ","
    if sample.count("\t") > sample.count(",") and sample.count("\t") > 0:
        delimiter = "\t"
    rows: list[list[Any]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            rows.append(record)
    except csv.Error as exc:
        raise LoadError(path, f"CSV 格式错误，第 {reader.line_num} 行：{exc}") from None
    return rows, notes


def _read_excel(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        return sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types
        raise LoadError(path, f"无法读取 Excel 文件：{exc}") from None


def _find_header(raw: list[list[Any]], spec: SourceSpec) -> int | None:
    for i, record in enumerate(raw[:HEADER_SCAN_ROWS]):
        hits = sum(1 for cell in record if isinstance(cell, str) and spec.match_header(cell))
        if hits >= 2 or (hits == 1 and len([c for c in record if str(c).strip()]) == 1):
            return i
    return None


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(path: Path, source_name: str, base: Path | None = None) -> Table:
    """Read one CSV or Excel file of the given source into a Table."""
    spec = source(source_name)
    shown = str(path.relative_to(base)) if base else path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(shown, f"无法打开：{exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise LoadError(shown, "文件超过 2 GB")
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            raw, notes = _read_excel(path), []
        else:
            raw, notes = _read_csv(path)
    except LoadError as exc:
        raise LoadError(shown, exc.reason) from None
    except OSError as exc:
        raise LoadError(shown, f"无法读取：{exc.strerror}") from None

    table = Table(file=shown, source=source_name, notes=notes)
    if not raw or all(all(_is_blank(c) for c in r) for r in raw):
        return table  # an empty file means no rows
    header_idx = _find_header(raw, spec)
    if header_idx is None:
        expected = "、".join(spec.label(f) for f, s in spec.fields.items() if s.required)
        raise LoadError(shown, f"找不到表头行（前 {HEADER_SCAN_ROWS} 行中没有已知字段名；必填字段：{expected}）")

    columns: list[tuple[int, str, bool]] = []
    seen: set[str] = set()
    for col, cell in enumerate(raw[header_idx]):
        header = "" if cell is None else str(cell)
        hit = spec.match_header(header) if header.strip() else None
        if hit and hit[0] not in seen:
            columns.append((col, hit[0], hit[1]))
            seen.add(hit[0])
        elif header.strip():
            table.unknown_columns.append(header.strip())

    prefix = fold(path.name)[:3]
    if source_name == "decisions" and "category" not in seen:
        if prefix == "CF_":
            table.implied["category"] = "行政处罚"
        elif prefix == "XK_":
            table.implied["category"] = "行政许可"

    wan = frozenset(name for _, name, is_wan in columns if is_wan)
    for offset, record in enumerate(raw[header_idx + 1:], start=header_idx + 2):
        if all(_is_blank(c) for c in record):
            continue
        values = {name: (record[col] if col < len(record) else None) for col, name, _ in columns}
        for name, value in table.implied.items():
            values.setdefault(name, value)
        table.rows.append(Row(file=shown, line=offset, values=values, wan=wan))
    return table


SOURCE_FILES = {
    "withdrawals": "withdrawals",
    "subjects": "subjects",
    "officers": "officers",
    "items": "items",
    "holidays": "holidays",
}


@dataclass
class DataDir:
    root: Path
    tables: dict[str, list[Table]]


def find_source_file(root: Path, stem: str) -> Path | None:
    """subjects.csv, or subjects.xlsx etc., case-insensitively."""
    candidates = sorted(
        p for p in root.iterdir()
        if p.is_file() and not is_ignored(p) and p.suffix.lower() in TABLE_SUFFIXES
        and p.stem.lower() == stem
    ) if root.is_dir() else []
    return candidates[0] if candidates else None


def load_data_dir(root: Path, read=read_table) -> DataDir:
    """Read every table of a data directory. Raises LoadError for missing required parts.

    `read(path, source, root) -> Table` reads one file (ops passes a cached one)."""
    root = Path(root)
    if not root.is_dir():
        raise LoadError(root, "数据目录不存在")
    tables: dict[str, list[Table]] = {}
    decisions_dir = root / "decisions"
    if not decisions_dir.is_dir():
        raise LoadError(root, "缺少必需的 decisions/ 目录")
    tables["decisions"] = [read(p, "decisions", root) for p in list_tables(decisions_dir)]
    for stem, src in SOURCE_FILES.items():
        path = find_source_file(root, stem)
        if path is None:
            if src == "subjects":
                raise LoadError(root, "缺少必需的 subjects.csv（执法主体）")
            tables[src] = []
        else:
            tables[src] = [read(path, src, root)]
    tables["statistics"] = [read(p, "statistics", root) for p in list_tables(root / "statistics")]
    return DataDir(root=root, tables=tables)

