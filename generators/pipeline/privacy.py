"""Privacy: masking of personal data before anything is written.

Protects natural persons who are parties to or named in decisions. Agencies'
official contacts and officers' names, certificate numbers and domains are
public by law and are not touched here.

- names: 张三 -> 张某, 欧阳娜娜 -> 欧阳某
- resident IDs (whatever the check digit): wholly hidden
- mobiles 139****5678, landlines 022-****8765, bank accounts ****0123,
  e-mail addresses wholly hidden
"""
from __future__ import annotations

import re

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 端木 "
    "独孤 南宫 西门 百里 呼延 万俟 闻人 赫连 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 "
    "钟离 仲孙 拓跋 第五 谷梁 梁丘 左丘 东郭 微生 羊舌 鲜于 闾丘 亓官 司寇 子车 颛孙 "
    "巫马 公西 漆雕 乐正 壤驷 公良 乌孙 即墨 梁丘 东门".split()
)

ID_HIDDEN = "[身份证号已隐藏]"
EMAIL_HIDDEN = "[电子邮箱已隐藏]"

# Anything shaped like a resident ID: 17 digits + digit/X (any check digit),
# or the old 15-digit form. Not inside a longer run of digits or letters.
RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])"
                         r"|(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])")
# Not the middle of a longer, spaced run of digits (a bank card written
# "6222 0212 3456 7890" is masked as one account, not as phone numbers).
# A second pass without that guard catches phones next to a masked card.
_MOBILE = r"(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9A-Za-z])"
_LANDLINE = (r"(?:(0\d{2,3})[-－ ]?|[(（](0\d{2,3})[)）] ?)(\d{3,4})[- ]?(\d{4})(?:[-转]\d{1,6})?(?![0-9A-Za-z])"
             r"|(?<=电话[：:])(\d{3,4})(\d{4})(?!\d)")
MOBILE = re.compile(r"(?<![0-9A-Za-z])(?<!\d[ -])" + _MOBILE)
LANDLINE = re.compile(r"(?<![0-9A-Za-z-])(?<!\d )(?:" + _LANDLINE + ")")
MOBILE_ANY = re.compile(r"(?<![0-9A-Za-z])" + _MOBILE)
LANDLINE_ANY = re.compile(r"(?<![0-9A-Za-z-])(?:" + _LANDLINE + ")")
# A local number without area code, where the text says it is a phone.
CONTEXT_PHONE = re.compile(r"((?:电话|座机|固话|联系方式)[：:]? ?)(\d{3,4})[- ]?(\d{4})(?![0-9A-Za-z])")
BANK_ACCOUNT = re.compile(r"(?<![0-9A-Za-z])(?:\d[ -]?){11,22}\d(?![0-9A-Za-z])")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def mask_name(name: str) -> str:
    """张三 -> 张某; 欧阳娜娜 -> 欧阳某. Non-Han names keep their first letter."""
    # only what can be part of a name: markup and punctuation in a name cell are noise
    name = re.sub(r"<[^>]*>|[^\w·]|_", "", name)
    if not name:
        return ""
    if name[:2] in COMPOUND_SURNAMES and len(name) > 2:
        return name[:2] + "某"
    if re.match(r"[A-Za-z]", name):
        return name[0] + "某"
    return name[0] + "某"


def _mask_mobile(m: re.Match) -> str:
    return f"{m[1]}****{m[3]}"


def _mask_landline(m: re.Match) -> str:
    area = m[1] or m[2]
    if area:
        return f"{area}-****{m[4]}"
    return f"****{m[6]}"


def _mask_account(m: re.Match) -> str:
    digits = re.sub(r"\D", "", m[0])
    if len(digits) < 12:
        return m[0]
    return "****" + digits[-4:]


def mask_text(text: str, names: tuple[str, ...] = ()) -> str:
    """Mask personal data in one free-text value.

    `names`: natural persons' names known for the row; each is replaced by
    its masked form (longest first so 欧阳娜娜 goes before 欧阳).
    """
    if not text:
        return text
    if "@" in text or _DIGIT.search(text):  # every pattern but the names needs one
        text = _mask_numbers(text)
    for name in sorted({n for n in names if len(n) >= 2}, key=len, reverse=True):
        if name in text:
            text = text.replace(name, mask_name(name))
    return text


_DIGIT = re.compile(r"\d")


def _mask_numbers(text: str) -> str:
    text = EMAIL.sub(EMAIL_HIDDEN, text)
    text = RESIDENT_ID.sub(ID_HIDDEN, text)
    text = MOBILE.sub(_mask_mobile, text)
    text = LANDLINE.sub(_mask_landline, text)
    text = CONTEXT_PHONE.sub(lambda m: f"{m[1]}****{m[3]}", text)
    text = BANK_ACCOUNT.sub(_mask_account, text)
    text = MOBILE_ANY.sub(_mask_mobile, text)
    return LANDLINE_ANY.sub(_mask_landline, text)
