"""Normalisers: raw cell values -> typed values, or a NormalizeError saying why.

Each function takes what a CSV or Excel cell may hold (str, int, float,
date, datetime, None) and returns a clean value. Errors carry a short rule
name and a Chinese reason an administrator can act on.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from .schema import canonical_values, lookup


class NormalizeError(ValueError):
    def __init__(self, rule: str, reason: str):
        super().__init__(reason)
        self.rule = rule
        self.reason = reason


MAX_TEXT_CHARS = 20_000
# Zero-width, bidi controls and other invisible format characters.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Text clean_text would change: something invisible or a control character,
# white space other than single spaces, or white space at either end.
_NEEDS_CLEANING = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\x00-\x1f\x7f]|[^\S ]|  |^ | $")
_SPACES = re.compile(r"\s+")
_LINE_SPACES = re.compile(r"[ \t\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(value: Any, *, multiline: bool = False, limit: int = MAX_TEXT_CHARS) -> str:
    """Strip invisible and control characters; collapse white space."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if len(text) > limit:
        raise NormalizeError("too_long", f"内容过长（{len(text)} 字符，上限 {limit}）")
    if not _NEEDS_CLEANING.search(text):
        return text
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    if multiline:
        text = "\n".join(_LINE_SPACES.sub(" ", line).strip() for line in text.splitlines())
        text = _BLANK_LINES.sub("\n\n", text).strip()
    else:
        text = _SPACES.sub(" ", text).strip()
    return text


def identifier(value: Any) -> str:
    """An identifier cell: text as typed. A number has lost digits in Excel."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise NormalizeError("identifier_type", "应为文本")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return ""
        if abs(value) >= 1e11 or (isinstance(value, float) and not value.is_integer()):
            raise NormalizeError(
                "number_lost_digits",
                "编号被 Excel 存成了数字，已丢失位数；请把该列设置为“文本”格式后重新导出",
            )
        value = int(value)
    text = clean_text(value, limit=200)
    text = unicodedata.normalize("NFKC", text).replace(" ", "")
    if re.fullmatch(r"\d(\.\d+)?E\+\d+", text, re.IGNORECASE):
        raise NormalizeError(
            "number_lost_digits",
            "编号显示为科学计数法（如 1.2E+17），已丢失位数；请把该列设置为“文本”格式后重新导出",
        )
    return text


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
EXCEL_EPOCH = dt.date(1899, 12, 30)


def date(value: Any) -> dt.date | None:
    """Accepts 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 and Excel dates."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        if 20000101 <= value <= 21001231 and float(value).is_integer():
            value = str(int(value))
        elif 1 <= value < 80000:  # Excel serial number
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        else:
            raise NormalizeError("date_format", f"无法识别的日期：{value}")
    text = unicodedata.normalize("NFKC", clean_text(value, limit=100)).replace(" ", "")
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise NormalizeError("date_invalid", f"日期不存在：{text}") from None
    raise NormalizeError("date_format", f"无法识别的日期：{text}（应为 2024-03-05 等格式）")


_AMOUNT = re.compile(r"^([+-]?\d+(?:\.\d+)?)(万元|万|元)?$")


def amount(value: Any, *, in_wan: bool = False) -> Decimal | None:
    """Yuan amount as Decimal (two places). `in_wan`: the column is in 万元."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise NormalizeError("amount_format", "金额格式错误")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return None if math.isnan(value) else _bad_amount(value)
        number, unit = Decimal(str(value)), None
    else:
        text = unicodedata.normalize("NFKC", clean_text(value, limit=100))
        text = text.replace(",", "").replace(" ", "").replace("¥", "").replace("￥", "")
        text = text.replace("人民币", "")
        if not text:
            return None
        m = _AMOUNT.match(text)
        if not m:
            return _bad_amount(text)
        try:
            number = Decimal(m[1])
        except InvalidOperation:
            return _bad_amount(text)
        unit = m[2]
    if unit in ("万元", "万") or (in_wan and unit is None):
        number *= 10000
    if number < 0:
        raise NormalizeError("amount_negative", f"金额不能为负数：{value}")
    if number >= Decimal("1e13"):
        raise NormalizeError("amount_range", f"金额超出合理范围：{value}")
    return number.quantize(Decimal("0.01"))


def _bad_amount(text):
    raise NormalizeError("amount_format", f"无法识别的金额：{text}（应为 5000、5,000.00、5000元 或 0.5万元）")


def count(value: Any) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and (math.isnan(value) or not value.is_integer()):
            raise NormalizeError("count_format", f"应为非负整数：{value}")
        if value < 0:
            raise NormalizeError("count_format", f"应为非负整数：{value}")
        return int(value)
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").strip()
    if not re.fullmatch(r"\d+(\.0+)?", text):
        raise NormalizeError("count_format", f"应为非负整数：{text}")
    return int(float(text))


def year(value: Any) -> int:
    n = count(value)
    if not 1990 <= n <= 2100:
        raise NormalizeError("year_range", f"年度不合理：{value}")
    return n


def choice(table: str, value: Any) -> str:
    text = clean_text(value, limit=200)
    if not text:
        return ""
    hit = lookup(table, text)
    if hit is None:
        allowed = "、".join(canonical_values(table))
        raise NormalizeError("unknown_value", f"无法识别的值“{text[:40]}”（可选：{allowed}）")
    return hit


def split_list(value: Any) -> list[str]:
    text = clean_text(value, limit=2000)
    parts = re.split(r"[；;、,，/\n]+", text)
    seen, out = set(), []
    for p in (x.strip() for x in parts):
        if p and p not in seen:
            seen.add(p)
            out.append(p)
    return out


# --- codes -----------------------------------------------------------------

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_RE = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$")
RESIDENT_ID_RE = re.compile(r"^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$")


def uscc_check_ok(code: str) -> bool:
    """GB 32100-2015 check digit."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def is_uscc(code: str) -> bool:
    return bool(USCC_RE.match(code))


def is_resident_id(code: str) -> bool:
    """Shaped like an 18-digit resident ID, whatever its check digit."""
    return bool(RESIDENT_ID_RE.match(code.upper())) or bool(re.fullmatch(r"[1-9]\d{14}", code))
