"""Seeded, deterministic generator of contract-conforming sample data.

Writes a data directory as described in ``docs/data-contract.md`` for a
fictional but realistic district, 天津市西青区: about 30 enforcement subjects,
their officers and item catalogue, enforcement decisions spread over
2024-01-02 .. ``REFERENCE_DATE`` (the demo's "today"), withdrawals, official
annual statistics for 2024 and 2025 and a few illustrative 2027 holidays.

Usage::

    python -m generators.sample_data --out data [--decisions 2000] [--seed 2024] [--clean]

or from Python ``generate(Path("data"), decisions=2000, seed=2024)``, which
returns a dict of counts.

Properties
----------
* Pure Python: ``random.Random`` (string-seeded per stream, e.g.
  ``"2024:decisions"``, with ``choice``/``randint`` built on ``random()`` so the
  sequence does not depend on the Python version), ``csv`` and ``openpyxl``; no
  clock, no network, no set-order dependence. The same seed and N give
  byte-identical files (the .xlsx gets fixed document properties and fixed zip
  entry timestamps). Separate streams for formatting, withdrawals and
  statistics keep one concern's randomness from shifting another's.
* Streaming: decisions are generated in chronological order and written row by
  row; only counters, small reservoirs, a bounded pool of recurring businesses
  (``POOL_SIZE`` per kind) and the catalogue are kept in memory, so
  N = 1,000,000 works in under 100 MB. For N > 5000 the bulk export is split into
  parts of at most 200,000 rows; the side files are capped (the .xlsx at
  ``XLSX_MAX_ROWS`` rows, the others at 200,000) and overflow into the bulk.
* ``decisions`` is the number of logical, valid decisions. With errors enabled
  (the default, and only when N >= 50) a handful of deliberately bad *extra*
  rows are added (see ``data/README.md``, written by ``generate``); the
  returned ``decision_rows`` is the number of data rows in ``decisions/``.

Identifiers
-----------
* USCC (统一社会信用代码, GB 32100-2015): agencies ``11`` (机关) / ``12``
  (事业单位), companies ``91``, 个体工商户 ``92``, social organisations registered
  by the civil-affairs bureau ``51``/``52``; then the 6-digit area code
  (120111 西青区, 120000 for city-level subjects), a 9-character organisation
  code with a valid GB 11714 check character, and the GB 32100 check
  character. Companies registered before 2015 have all-digit organisation
  codes (so some USCCs are 18 digits, like the one Excel mangled in the demo).
* Resident IDs (GB 11643): area 120111, a birth date, a 3-digit sequence and
  the check digit. A few resident IDs quoted inside free text deliberately
  carry a wrong check digit (redaction must not depend on it).
* Officers' certificate numbers (执法证号): 13 digits =
  6-digit area code of the issuing government (120111 for district and
  township subjects, 120000 for city-level ones) + 2-digit subject sequence
  number (the subject's position in subjects.csv, 01-99) + 5-digit personal
  number, e.g. ``1201110300042``. Unique over the whole file.
* Item codes: ``XQ-<SUBJECT>-<CAT>-NNN`` (``TJ-`` for city-level subjects),
  CAT one of XK CF QZ JC ZS ZY QR QT, e.g. ``XQ-SCJG-CF-001``.
* Decision numbers: ``津西青市监罚〔2025〕123号`` style (prefix of the subject,
  a character for the category, year, sequence per prefix and year);
  inspections use platform record numbers ``JC-120111-2025-000123``.

Distributions (per decision)
----------------------------
Category: 行政检查 45 %, 行政处罚 25 %, 行政许可 20 %, 行政强制 4 %, 行政征收 2 %,
行政确认 2 %, 其他 1 %, 行政征用 0.5 % (weights; then a subject with that power,
weighted by size, then one of its items). Dates: working days, evenly spread in
chronological order. publish_date: 1-10 working days later (89 %), 15-40
calendar days later (8 %, late), empty (3 %), never after REFERENCE_DATE except
a handful of embargoed decisions. disclose=否 2 %, explicit display_until
0.5 %, withheld fields 1 % of organisations' penalties and licences. Severity
of penalties: 轻微 28 %, 一般 52 %, 严重 20 %, left empty in 15 % of rows.

The 2024-2026 working-day calendar is the State Council schedule (embedded);
the 2027 rows written to holidays.csv are illustrative guesses, not an
official schedule.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from bisect import bisect_right
from pathlib import Path
from random import Random
from typing import Any, Callable

__all__ = [
    "REFERENCE_DATE",
    "START_DATE",
    "generate",
    "uscc_check_digit",
    "resident_id_check_digit",
    "org_code_check_digit",
    "is_valid_uscc",
    "is_valid_resident_id",
    "main",
]

REFERENCE_DATE = date(2026, 11, 20)
START_DATE = date(2024, 1, 2)
DISTRICT_AREA = "120111"
CITY_AREA = "120000"
DISTRICT = "天津市西青区"
DISTRICT_GOV = "天津市西青区人民政府"
ALIAS_UNTIL = date(2024, 6, 30)     # 城管委 decisions up to this day still use the former name
FIXED_TIMESTAMP = datetime(2026, 11, 20, 8, 0, 0)
SMALL_N = 5000                     # above this the bulk export is split into parts
MAX_PART_ROWS = 200_000
XLSX_MAX_ROWS = 2_000               # openpyxl is slow; the rest of those agencies goes to the bulk
MIN_N_FOR_SPECIALS = 50
POOL_SIZE = 20_000                 # businesses kept for reuse as targets (bounded memory)
POOL_REUSE = 0.6                   # share of business targets drawn from the pool

# --------------------------------------------------------------------------
# Check digits
# --------------------------------------------------------------------------

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARS)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


_ORG_VALUE = {c: (int(c) if c.isdigit() else ord(c) - 55) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_USCC_HEAD_SUM: dict[str, int] = {}
_ID_AREA_SUM: dict[str, int] = {}


def uscc_check_digit(code17: str) -> str:
    """GB 32100-2015 check character for the first 17 characters of a USCC."""
    code17 = code17.upper()
    if len(code17) != 17:
        raise ValueError("a USCC body has 17 characters")
    try:
        total = sum(_USCC_VALUE[c] * w for c, w in zip(code17, _USCC_WEIGHTS))
    except KeyError as exc:
        raise ValueError(f"character {exc.args[0]!r} is not allowed in a USCC") from None
    return USCC_CHARS[(31 - total % 31) % 31]


def resident_id_check_digit(id17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits of a resident ID."""
    if len(id17) != 17 or not id17.isdigit():
        raise ValueError("a resident ID body has 17 digits")
    return _ID_CHECK[sum(int(c) * w for c, w in zip(id17, _ID_WEIGHTS)) % 11]


def org_code_check_digit(code8: str) -> str:
    """GB 11714-1997 check character for an 8-character organisation code body."""
    if len(code8) != 8:
        raise ValueError("an organisation code body has 8 characters")
    total = sum(_ORG_VALUE[c] * w for c, w in zip(code8.upper(), _ORG_WEIGHTS))  # A=10 .. Z=35
    r = 11 - total % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def is_valid_uscc(code: str) -> bool:
    code = code.upper()
    if len(code) != 18 or any(c not in _USCC_VALUE for c in code):
        return False
    return uscc_check_digit(code[:17]) == code[17]


def is_valid_resident_id(code: str) -> bool:
    if len(code) != 18 or not code[:17].isdigit():
        return False
    return resident_id_check_digit(code[:17]) == code[17].upper()


# --------------------------------------------------------------------------
# Working-day calendar
# --------------------------------------------------------------------------

def _span(a: str, b: str) -> list[date]:
    d, end = date.fromisoformat(a), date.fromisoformat(b)
    out = []
    while d <= end:
        out.append(d)
        d += timedelta(days=1)
    return out


# State Council schedules 2024-2026 (国务院办公厅关于节假日安排的通知).
_OFFICIAL_HOLIDAYS = [
    ("2024-01-01", "2024-01-01"), ("2024-02-10", "2024-02-17"), ("2024-04-04", "2024-04-06"),
    ("2024-05-01", "2024-05-05"), ("2024-06-10", "2024-06-10"), ("2024-09-15", "2024-09-17"),
    ("2024-10-01", "2024-10-07"),
    ("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
    ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08"),
    ("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
]
_OFFICIAL_WORKDAYS = [
    "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
    "2024-09-29", "2024-10-12",
    "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
    "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
]
# Illustrative guesses for 2027 (no official schedule yet): written to holidays.csv.
ILLUSTRATIVE_2027 = (
    [(d, "休") for d in _span("2027-01-01", "2027-01-01")]
    + [(d, "休") for d in _span("2027-02-05", "2027-02-12")]
    + [(date(2027, 2, 20), "班")]
    + [(d, "休") for d in _span("2027-04-03", "2027-04-05")]
)

_HOLIDAY_KIND: dict[date, str] = {}
for _a, _b in _OFFICIAL_HOLIDAYS:
    for _d in _span(_a, _b):
        _HOLIDAY_KIND[_d] = "休"
for _a in _OFFICIAL_WORKDAYS:
    _HOLIDAY_KIND[date.fromisoformat(_a)] = "班"
for _d, _k in ILLUSTRATIVE_2027:
    _HOLIDAY_KIND[_d] = _k


def is_workday(d: date) -> bool:
    kind = _HOLIDAY_KIND.get(d)
    if kind is not None:
        return kind == "班"
    return d.weekday() < 5


def _workdays(start: date, end: date) -> list[date]:
    out, d = [], start
    while d <= end:
        if is_workday(d):
            out.append(d)
        d += timedelta(days=1)
    return out


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


# --------------------------------------------------------------------------
# Categories and the catalogue of subjects and items
# --------------------------------------------------------------------------

XK, CF, QZ, JC, ZS, ZY, QR, QT = "行政许可", "行政处罚", "行政强制", "行政检查", "行政征收", "行政征用", "行政确认", "其他"
CATEGORIES = (XK, CF, QZ, JC, ZS, ZY, QR, QT)
CAT_ABBR = {XK: "XK", CF: "CF", QZ: "QZ", JC: "JC", ZS: "ZS", ZY: "ZY", QR: "QR", QT: "QT"}
CAT_CHAR = {XK: "许", CF: "罚", QZ: "强", ZS: "征", ZY: "征用", QR: "确", QT: "决"}
CATEGORY_WEIGHTS = ((JC, 45.0), (CF, 25.0), (XK, 20.0), (QZ, 4.0), (ZS, 2.0), (QR, 2.0), (ZY, 0.5), (QT, 1.0))
STAT_CATEGORIES = (XK, CF, QZ, ZS, ZY, JC)

ORG, IND, PER = "法人及非法人组织", "个体工商户", "自然人"
DEFAULT_MIX = {
    CF: (55, 30, 15), XK: (60, 38, 2), JC: (65, 35, 0), QZ: (60, 30, 10),
    ZS: (95, 5, 0), ZY: (70, 20, 10), QR: (10, 10, 80), QT: (0, 0, 100),
}

FOOD_TRADES = ("小吃店", "便利店", "早点铺", "麻辣烫店", "烧烤店", "熟食店", "快餐店", "超市", "粮油店", "水果店")
SERVICE_TRADES = ("理发店", "美容美发店", "足疗店", "干洗店", "浴池")
GENERAL_TRADES = FOOD_TRADES + SERVICE_TRADES + (
    "五金店", "烟酒店", "汽车修理部", "服装店", "手机维修部", "建材经营部", "蔬菜店", "废品收购站", "农资经营部")


@dataclass
class Item:
    cat: str
    name: str
    basis: str
    kw: dict[str, Any] = field(default_factory=dict)
    code: str = ""
    agency: "Agency | None" = None


def I(cat: str, name: str, basis: str, **kw: Any) -> Item:  # noqa: E743 - short constructor for the table
    return Item(cat, name, basis, kw)


@dataclass
class Agency:
    key: str
    name: str
    kind: str
    level: str
    parent: str
    abbr: str                # decision-number prefix, e.g. 津西青市监
    domain: str              # officers' 执法类别
    weight: float
    duties: str
    basis: str
    address: str
    type2: str = "11"        # USCC prefix: 11 机关, 12 事业单位
    area: str = DISTRICT_AREA
    reviewer: str = DISTRICT_GOV
    aliases: tuple[str, ...] = ()
    alias_abbr: str = ""
    docs: dict[str, str] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    stats: bool = True       # reports annual statistics to the district
    entrusted_by: str = ""
    town: str = ""
    # filled by build_catalogue
    seq: int = 0
    code: str = ""
    phone: str = ""
    officers: list[tuple[str, str]] = field(default_factory=list)


def _fine(a: int, b: int, c: int, d: int, e: int, f: int) -> tuple[tuple[int, int], ...]:
    return ((a, b), (c, d), (e, f))


TOWNS = ("杨柳青镇", "中北镇", "张家窝镇", "精武镇", "辛口镇", "大寺镇", "王稳庄镇", "西营门街道", "李七庄街道", "赤龙南街道")
ROADS = ("柳口路", "西青道", "津静公路", "中北大道", "万卉路", "阜锦道", "友谊南路", "宾水西道", "津同公路",
         "京福公路", "学府西路", "丰泽道", "外环辅路", "盛达道", "海泰华科路", "大寺中路")


def _township_items(town: str, is_town: bool) -> list[Item]:
    items = [
        I(CF, "对擅自占用城市道路、公共场地从事经营活动的处罚", "《城市市容和环境卫生管理条例》第三十六条",
          act="擅自占用道路两侧公共场地摆摊设点从事经营活动", fine=_fine(50, 200, 200, 500, 500, 2000), warn=True, money=True,
          mix=(5, 45, 50), trades=FOOD_TRADES),
        I(CF, "对露天焚烧秸秆、落叶等产生烟尘污染物质的处罚", "《中华人民共和国大气污染防治法》第一百一十九条第一款",
          act="在村庄周边空地露天焚烧秸秆、落叶", fine=_fine(500, 800, 800, 1500, 1500, 2000), mix=(10, 10, 80)),
        I(CF, "对未经批准张挂、张贴宣传品的处罚", "《城市市容和环境卫生管理条例》第三十四条第（二）项",
          act="未经批准在沿街建筑物外墙张贴小广告", fine=_fine(50, 100, 100, 300, 300, 500), warn=True, mix=(30, 40, 30)),
        I(JC, "市容环境卫生和安全生产监督检查", "《中华人民共和国安全生产法》第九条；《城市市容和环境卫生管理条例》第四条",
          scope="门前责任区市容环境卫生和安全生产情况"),
    ]
    if is_town:
        items.append(I(XK, "农村村民宅基地审批", "《中华人民共和国土地管理法》第六十二条第四款",
                       cert="《农村宅基地批准书》", certpre="ZJD", mix=(0, 0, 100)))
    else:
        items.append(I(JC, "餐饮服务单位油烟污染防治检查", "《中华人民共和国大气污染防治法》第八十一条",
                       scope="油烟净化设施安装和运行情况"))
    return items


def _agencies() -> list[Agency]:
    org_duties = "负责本行政区域内{}的监督管理和行政执法工作，依法实施行政许可、行政处罚、行政强制和行政检查。"
    reform = "《天津市西青区机构改革实施方案》；本机关职能配置、内设机构和人员编制规定"
    A = Agency
    agencies = [
        A("SCJG", "天津市西青区市场监督管理局", "行政机关", "区级", DISTRICT_GOV, "津西青市监", "市场监管", 24,
          org_duties.format("市场主体登记、食品安全、产品质量、特种设备安全、价格和广告"), reform,
          "天津市西青区杨柳青镇柳口路28号", items=[
              I(XK, "食品经营许可", "《中华人民共和国食品安全法》第三十五条第一款；《食品经营许可和备案管理办法》第二条",
                cert="《食品经营许可证》", certpre="JY", trades=FOOD_TRADES),
              I(XK, "食品生产许可", "《中华人民共和国食品安全法》第三十五条第一款；《食品生产许可管理办法》第二条",
                cert="《食品生产许可证》", certpre="SC", mix=(90, 10, 0)),
              I(CF, "对未取得食品经营许可从事食品经营活动的处罚", "《中华人民共和国食品安全法》第一百二十二条第一款",
                act="未取得食品经营许可，在经营场所从事预包装食品和散装食品销售活动",
                fine=_fine(50000, 60000, 60000, 80000, 80000, 100000), conf=0.6, mix=(30, 60, 10), trades=FOOD_TRADES),
              I(CF, "对经营超过保质期食品的处罚", "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
                act="在经营场所销售超过保质期的预包装食品", fine=_fine(50000, 60000, 60000, 80000, 80000, 100000),
                conf=0.5, mix=(50, 50, 0), trades=FOOD_TRADES, severe="吊销许可证件"),
              I(CF, "对食品经营者未按规定建立并遵守进货查验记录制度的处罚",
                "《中华人民共和国食品安全法》第一百二十六条第一款第（三）项",
                act="未按规定查验供货者的许可证和食品出厂检验合格证，未建立进货查验记录",
                fine=_fine(5000, 10000, 10000, 30000, 30000, 50000), warn=True, mix=(45, 55, 0), trades=FOOD_TRADES),
              I(CF, "对销售不合格产品的处罚", "《中华人民共和国产品质量法》第四十九条",
                act="销售经抽样检验不合格的产品", fine=_fine(2000, 10000, 10000, 50000, 50000, 200000), conf=0.7,
                mix=(70, 30, 0)),
              I(CF, "对经营者不按规定明码标价的处罚", "《中华人民共和国价格法》第四十二条；《明码标价和禁止价格欺诈规定》第二十一条",
                act="销售商品未按规定明码标价", fine=_fine(500, 1000, 1000, 3000, 3000, 5000), warn=True,
                mix=(40, 60, 0)),
              I(CF, "对发布虚假广告的处罚", "《中华人民共和国广告法》第五十五条第一款",
                act="在其微信公众号发布含有虚假内容的商品广告", fine=_fine(200000, 300000, 300000, 600000, 600000, 1000000),
                mix=(95, 5, 0)),
              I(CF, "对使用未经定期检验的特种设备的处罚", "《中华人民共和国特种设备安全法》第八十四条第（一）项",
                act="使用超过定期检验有效期的电梯和压力容器", fine=_fine(30000, 50000, 50000, 150000, 150000, 300000),
                mix=(100, 0, 0), severe="吊销特种设备使用登记证书"),
              I(QZ, "查封、扣押涉嫌违法的食品及原料", "《中华人民共和国食品安全法》第一百一十条第（四）项",
                measure="扣押", obj="涉嫌超过保质期的预包装食品", trades=FOOD_TRADES),
              I(JC, "食品经营者监督检查", "《中华人民共和国食品安全法》第一百一十条",
                scope="食品经营许可、进货查验记录、从业人员健康证明和食品贮存条件", trades=FOOD_TRADES),
              I(JC, "特种设备安全监督检查", "《中华人民共和国特种设备安全法》第六十一条",
                scope="特种设备使用登记、定期检验和安全管理人员配备情况", mix=(100, 0, 0)),
              I(QT, "食品安全违法行为举报奖励", "《中华人民共和国食品安全法》第一百一十五条；《市场监管领域重大违法行为举报奖励暂行办法》",
                other="奖励"),
          ]),
        A("STHJ", "天津市西青区生态环境局", "行政机关", "区级", DISTRICT_GOV, "津西青环", "生态环境保护", 6,
          org_duties.format("大气、水、土壤和固体废物污染防治"), reform, "天津市西青区中北镇万卉路6号", items=[
              I(XK, "建设项目环境影响报告表审批", "《中华人民共和国环境影响评价法》第二十二条",
                cert="环境影响报告表批复", certpre="XQHP", mix=(100, 0, 0)),
              I(CF, "对超过大气污染物排放标准排放大气污染物的处罚", "《中华人民共和国大气污染防治法》第九十九条第（二）项",
                act="生产过程中排放的挥发性有机物浓度超过国家规定的排放标准",
                fine=_fine(100000, 200000, 200000, 500000, 500000, 1000000), mix=(100, 0, 0), severe="责令停产整治"),
              I(CF, "对未依法取得排污许可证排放污染物的处罚", "《排污许可管理条例》第三十三条第（一）项",
                act="未取得排污许可证排放污染物", fine=_fine(200000, 300000, 300000, 600000, 600000, 1000000),
                mix=(100, 0, 0), severe="责令停产整治"),
              I(CF, "对需要配套建设的环境保护设施未建成即投入生产的处罚", "《建设项目环境保护管理条例》第二十三条第一款",
                act="配套建设的环境保护设施未经验收即将主体工程投入生产", fine=_fine(200000, 300000, 300000, 600000, 600000, 1000000),
                mix=(100, 0, 0)),
              I(QZ, "查封、扣押造成污染物排放的设施、设备", "《中华人民共和国环境保护法》第二十五条",
                measure="查封", obj="违法排放污染物的喷漆生产线及配套设备", mix=(100, 0, 0)),
              I(JC, "排污单位现场检查", "《中华人民共和国环境保护法》第二十四条",
                scope="污染防治设施运行、排污许可执行和自行监测情况", mix=(100, 0, 0)),
              I(JC, "建设项目环境保护“三同时”监督检查", "《建设项目环境保护管理条例》第十九条",
                scope="环境保护设施与主体工程同时设计、同时施工、同时投产使用情况", mix=(100, 0, 0)),
          ]),
        A("CGW", "天津市西青区城市管理委员会", "行政机关", "区级", DISTRICT_GOV, "津西青城管", "城市管理", 9,
          org_duties.format("市容环境卫生、城市管理综合执法、生活垃圾分类"), reform + "；区委编委关于更名的批复",
          "天津市西青区杨柳青镇西青道160号", aliases=("天津市西青区市容和园林管理委员会",), alias_abbr="津西青市容",
          items=[
              I(XK, "城市建筑垃圾处置核准", "《国务院对确需保留的行政审批项目设定行政许可的决定》第101项；《城市建筑垃圾管理规定》第七条",
                cert="《城市建筑垃圾处置核准证》", certpre="JZLJ", mix=(100, 0, 0)),
              I(XK, "设置大型户外广告审批", "《城市市容和环境卫生管理条例》第十一条",
                cert="户外广告设置审批意见", certpre="HWGG", mix=(80, 20, 0)),
              I(CF, "对擅自占用城市道路、公共场地从事经营活动的处罚", "《城市市容和环境卫生管理条例》第三十六条",
                act="擅自占用道路两侧公共场地摆摊设点从事经营活动", fine=_fine(50, 200, 200, 500, 500, 2000), warn=True, money=True,
                mix=(5, 45, 50), trades=FOOD_TRADES),
              I(CF, "对随意倾倒、抛撒、堆放建筑垃圾的处罚", "《中华人民共和国固体废物污染环境防治法》第一百一十一条第一款第（三）项",
                act="运输车辆沿途抛撒建筑垃圾", fine=_fine(50000, 100000, 100000, 300000, 300000, 500000), mix=(100, 0, 0)),
              I(CF, "对个人随意倾倒、抛撒、堆放生活垃圾的处罚", "《中华人民共和国固体废物污染环境防治法》第一百一十一条第一款第（一）项、第三款",
                act="在小区公共区域随意倾倒生活垃圾", fine=_fine(100, 200, 200, 300, 300, 500), warn=True, mix=(0, 0, 100)),
              I(CF, "对餐饮服务业经营者未安装油烟净化设施的处罚", "《中华人民共和国大气污染防治法》第一百一十八条第一款",
                act="未安装油烟净化设施，油烟直排", fine=_fine(5000, 10000, 10000, 30000, 30000, 50000), mix=(30, 70, 0),
                trades=("烧烤店", "快餐店", "小吃店", "麻辣烫店")),
              I(QZ, "扣押违法经营工具和物品", "《中华人民共和国行政强制法》第九条第（二）项；《城市市容和环境卫生管理条例》第三十六条",
                measure="扣押", obj="占道经营使用的三轮车及经营物品", mix=(0, 40, 60)),
              I(JC, "市容环境卫生监督检查", "《城市市容和环境卫生管理条例》第四条", scope="门前责任区市容环境卫生情况"),
              I(JC, "餐饮服务单位油烟污染防治检查", "《中华人民共和国大气污染防治法》第八十一条",
                scope="油烟净化设施安装和运行情况", trades=FOOD_TRADES),
          ]),
        A("YJGL", "天津市西青区应急管理局", "行政机关", "区级", DISTRICT_GOV, "津西青应急", "应急管理", 6,
          org_duties.format("安全生产综合监督管理、危险化学品安全监督管理、应急救援"), reform,
          "天津市西青区中北镇阜锦道3号", items=[
              I(XK, "危险化学品经营许可", "《危险化学品安全管理条例》第三十三条第一款", cert="《危险化学品经营许可证》",
                certpre="WHJY", mix=(100, 0, 0)),
              I(CF, "对生产经营单位未按规定对从业人员进行安全生产教育和培训的处罚", "《中华人民共和国安全生产法》第九十七条第（三）项",
                act="未按照规定对从业人员进行安全生产教育和培训", fine=_fine(10000, 30000, 30000, 60000, 60000, 100000),
                warn=False, mix=(100, 0, 0)),
              I(CF, "对生产经营单位未建立事故隐患排查治理制度的处罚", "《中华人民共和国安全生产法》第一百零一条第（五）项",
                act="未建立事故隐患排查治理制度", fine=_fine(10000, 30000, 30000, 60000, 60000, 100000), mix=(100, 0, 0)),
              I(CF, "对未经许可经营危险化学品的处罚", "《危险化学品安全管理条例》第七十七条第三款",
                act="未取得危险化学品经营许可证经营危险化学品", fine=_fine(100000, 120000, 120000, 160000, 160000, 200000),
                conf=0.8, mix=(70, 30, 0)),
              I(QZ, "查封、扣押不符合安全生产国家标准的设施、设备、器材", "《中华人民共和国安全生产法》第六十五条第一款第（四）项",
                measure="查封", obj="存在重大事故隐患的生产设备", mix=(100, 0, 0)),
              I(JC, "安全生产监督检查", "《中华人民共和国安全生产法》第六十五条", scope="安全生产责任制落实和事故隐患排查治理情况",
                mix=(100, 0, 0)),
              I(ZY, "应急救援物资、设备征用", "《中华人民共和国突发事件应对法》第十二条",
                obj="挖掘机2台、自卸车3辆", purpose="化工企业火灾事故应急处置", mix=(90, 10, 0)),
          ]),
        A("WJW", "天津市西青区卫生健康委员会", "行政机关", "区级", DISTRICT_GOV, "津西青卫", "卫生健康", 5,
          org_duties.format("医疗卫生、公共卫生、职业卫生"), reform, "天津市西青区杨柳青镇柳口路90号", items=[
              I(XK, "公共场所卫生许可", "《公共场所卫生管理条例》第八条", cert="《公共场所卫生许可证》", certpre="WGW",
                trades=SERVICE_TRADES, mix=(40, 60, 0)),
              I(XK, "医疗机构执业登记", "《医疗机构管理条例》第十五条", cert="《医疗机构执业许可证》", certpre="PDY",
                mix=(90, 10, 0)),
              I(XK, "医师执业注册", "《中华人民共和国医师法》第十三条", cert="《医师执业证书》", certpre="YS", mix=(0, 0, 100)),
              I(CF, "对未取得医疗机构执业许可证擅自执业的处罚", "《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款",
                act="未取得《医疗机构执业许可证》在居民楼内擅自开展诊疗活动", fine=_fine(50000, 80000, 80000, 120000, 120000, 200000),
                conf=0.9, mix=(10, 10, 80)),
              I(CF, "对公共场所未按规定对顾客用品用具进行清洗消毒的处罚", "《公共场所卫生管理条例实施细则》第三十六条第（一）项",
                act="未按照规定对顾客用品用具进行清洗、消毒、保洁", fine=_fine(500, 1000, 1000, 2000, 2000, 20000), warn=True,
                mix=(30, 70, 0), trades=SERVICE_TRADES),
              I(CF, "对医疗机构使用非卫生技术人员从事医疗卫生技术工作的处罚", "《医疗机构管理条例》第四十七条",
                act="使用非卫生技术人员从事医疗卫生技术工作", fine=_fine(10000, 30000, 30000, 60000, 60000, 100000),
                mix=(90, 10, 0)),
              I(JC, "公共场所卫生监督检查", "《公共场所卫生管理条例》第十条", scope="卫生许可、从业人员健康证明和用品用具消毒情况",
                trades=SERVICE_TRADES),
              I(JC, "医疗机构依法执业监督检查", "《医疗机构管理条例》第三十九条", scope="执业许可、人员资质和医疗废物处置情况",
                mix=(95, 5, 0)),
          ]),
        A("WHLY", "天津市西青区文化和旅游局", "行政机关", "区级", DISTRICT_GOV, "津西青文旅", "文化市场", 3,
          org_duties.format("文化、旅游、新闻出版和广播电视市场"), reform, "天津市西青区杨柳青镇估衣街12号", items=[
              I(XK, "娱乐场所经营活动审批", "《娱乐场所管理条例》第九条", cert="《娱乐经营许可证》", certpre="YL",
                mix=(100, 0, 0)),
              I(XK, "互联网上网服务营业场所经营单位设立审批", "《互联网上网服务营业场所管理条例》第十条",
                cert="《网络文化经营许可证》", certpre="WW", mix=(100, 0, 0)),
              I(CF, "对互联网上网服务营业场所接纳未成年人进入的处罚", "《互联网上网服务营业场所管理条例》第三十一条第（二）项",
                act="在营业期间接纳未成年人进入营业场所", fine=_fine(1000, 3000, 3000, 8000, 8000, 15000), warn=True,
                mix=(100, 0, 0), severe="责令停业整顿"),
              I(CF, "对旅行社进行虚假宣传误导旅游者的处罚", "《中华人民共和国旅游法》第九十七条第（一）项",
                act="在网络平台发布旅游产品信息时进行虚假宣传，误导旅游者", fine=_fine(5000, 10000, 10000, 30000, 30000, 50000),
                conf=0.4, mix=(100, 0, 0)),
              I(JC, "文化市场经营场所监督检查", "《娱乐场所管理条例》第三十四条；《互联网上网服务营业场所管理条例》第四条",
                scope="经营许可、未成年人保护和安全管理情况", mix=(100, 0, 0)),
          ]),
        A("JTYS", "天津市西青区交通运输局", "行政机关", "区级", DISTRICT_GOV, "津西青交", "交通运输", 4,
          org_duties.format("道路运输、公路路政和城市客运"), reform, "天津市西青区中北镇中北大道118号", items=[
              I(XK, "道路货物运输经营许可", "《中华人民共和国道路运输条例》第二十四条", cert="《道路运输经营许可证》",
                certpre="JJY", mix=(80, 20, 0)),
              I(CF, "对未取得道路运输经营许可擅自从事道路货物运输经营的处罚", "《中华人民共和国道路运输条例》第六十三条",
                act="未取得道路运输经营许可，驾驶货车擅自从事道路普通货物运输经营", fine=_fine(3000, 5000, 5000, 8000, 8000, 10000),
                conf=0.3, mix=(10, 20, 70)),
              I(CF, "对未取得巡游出租汽车经营许可擅自从事经营活动的处罚", "《巡游出租汽车经营服务管理规定》第四十五条第（一）项",
                act="驾驶未取得经营许可的车辆擅自从事巡游出租汽车经营活动", fine=_fine(5000, 8000, 8000, 15000, 15000, 20000), money=True,
                mix=(0, 0, 100)),
              I(CF, "对车辆超限运输的处罚", "《公路安全保护条例》第六十四条", act="驾驶车货总质量超过限定标准的货车在公路上行驶",
                fine=_fine(1000, 5000, 5000, 15000, 15000, 30000), mix=(60, 10, 30)),
              I(QZ, "暂扣未取得道路运输证件的车辆", "《中华人民共和国道路运输条例》第六十八条",
                measure="暂扣", obj="无道路运输证件的营运车辆1辆", mix=(20, 20, 60)),
              I(JC, "道路运输企业监督检查", "《中华人民共和国道路运输条例》第五十八条",
                scope="车辆技术管理、驾驶员从业资格和动态监控情况", mix=(90, 10, 0)),
          ]),
        A("ZJW", "天津市西青区住房和城乡建设委员会", "行政机关", "区级", DISTRICT_GOV, "津西青建", "住房城乡建设", 4,
          org_duties.format("建筑市场、工程质量安全、房地产市场"), reform, "天津市西青区杨柳青镇柳口路58号", items=[
              I(XK, "建筑工程施工许可", "《中华人民共和国建筑法》第七条", cert="《建筑工程施工许可证》", certpre="SG",
                mix=(100, 0, 0)),
              I(XK, "商品房预售许可", "《中华人民共和国城市房地产管理法》第四十五条", cert="《商品房预售许可证》",
                certpre="YS", mix=(100, 0, 0)),
              I(CF, "对未取得施工许可证擅自施工的处罚", "《建设工程质量管理条例》第五十七条",
                act="未取得施工许可证擅自开工建设", fine=_fine(20000, 50000, 50000, 150000, 150000, 300000), mix=(100, 0, 0)),
              I(CF, "对施工工地未采取扬尘污染防治措施的处罚", "《中华人民共和国大气污染防治法》第一百一十五条第一款",
                act="施工工地裸露土方未覆盖、车辆出场未冲洗", fine=_fine(10000, 20000, 20000, 50000, 50000, 100000),
                mix=(100, 0, 0), severe="责令停工整治"),
              I(ZS, "城市基础设施配套费征收", "《国务院关于加强城市基础设施建设的意见》；天津市城市基础设施配套费征收管理规定",
                fee="城市基础设施配套费", amt=(200000, 5000000), mix=(100, 0, 0)),
              I(JC, "建设工程质量安全监督检查", "《建设工程质量管理条例》第四十七条；《建设工程安全生产管理条例》第四十二条",
                scope="施工现场质量安全管理和扬尘污染防治情况", mix=(100, 0, 0)),
          ]),
        A("GHZY", "天津市规划和自然资源局西青分局", "行政机关", "区级", "天津市规划和自然资源局", "津规资西青", "规划自然资源", 1.5,
          org_duties.format("城乡规划、土地管理和自然资源"), "《天津市规划和自然资源局职能配置、内设机构和人员编制规定》",
          "天津市西青区杨柳青镇西青道225号", reviewer="天津市人民政府", items=[
              I(XK, "建设工程规划许可", "《中华人民共和国城乡规划法》第四十条", cert="《建设工程规划许可证》", certpre="JZ",
                mix=(100, 0, 0)),
              I(CF, "对未取得建设工程规划许可证进行建设的处罚", "《中华人民共和国城乡规划法》第六十四条",
                act="未取得建设工程规划许可证建设厂房", fine=_fine(20000, 50000, 50000, 200000, 200000, 500000),
                mix=(90, 5, 5), severe="没收违法建设的实物"),
              I(CF, "对非法占用土地的处罚", "《中华人民共和国土地管理法》第七十七条第一款；《中华人民共和国土地管理法实施条例》第五十七条",
                act="未经批准占用集体土地建设库房", fine=_fine(5000, 20000, 20000, 100000, 100000, 300000), mix=(70, 10, 20),
                severe="没收非法占用土地上新建的建筑物和其他设施"),
              I(JC, "土地卫片执法检查", "《中华人民共和国土地管理法》第六十七条", scope="土地利用现状和图斑核查情况", mix=(90, 10, 0)),
              I(QR, "建设工程规划核实", "《中华人民共和国城乡规划法》第四十五条", confirm="规划核实", mix=(100, 0, 0)),
          ]),
        A("RSJ", "天津市西青区人力资源和社会保障局", "行政机关", "区级", DISTRICT_GOV, "津西青人社", "劳动保障监察", 3,
          org_duties.format("劳动保障监察、工伤认定和人力资源市场"), reform, "天津市西青区杨柳青镇柳口路76号", items=[
              I(XK, "劳务派遣经营许可", "《中华人民共和国劳动合同法》第五十七条", cert="《劳务派遣经营许可证》", certpre="LP",
                mix=(100, 0, 0)),
              I(CF, "对用人单位违法延长劳动者工作时间的处罚", "《中华人民共和国劳动法》第九十条；《劳动保障监察条例》第二十五条",
                act="安排劳动者延长工作时间超过法定标准", fine=_fine(2000, 5000, 5000, 20000, 20000, 50000), warn=True,
                mix=(90, 10, 0)),
              I(CF, "对用人单位未按规定办理社会保险登记的处罚", "《中华人民共和国社会保险法》第八十四条",
                act="逾期未为职工办理社会保险登记", fine=_fine(1000, 3000, 3000, 10000, 10000, 30000), mix=(85, 15, 0)),
              I(QR, "工伤认定", "《工伤保险条例》第十四条、第十七条、第二十条", confirm="工伤", mix=(0, 0, 100)),
              I(JC, "劳动保障监察", "《劳动保障监察条例》第十五条", scope="劳动合同签订、工资支付和工作时间执行情况",
                mix=(85, 15, 0)),
          ]),
        A("NYW", "天津市西青区农业农村委员会", "行政机关", "区级", DISTRICT_GOV, "津西青农", "农业综合执法", 2,
          org_duties.format("农业投入品、动物防疫、渔业和农村宅基地"), reform, "天津市西青区杨柳青镇新华道9号", items=[
              I(XK, "农药经营许可", "《农药管理条例》第二十四条", cert="《农药经营许可证》", certpre="NYJY", mix=(50, 50, 0)),
              I(XK, "动物防疫条件合格证核发", "《中华人民共和国动物防疫法》第二十四条", cert="《动物防疫条件合格证》",
                certpre="DFH", mix=(70, 30, 0)),
              I(CF, "对经营假农药的处罚", "《农药管理条例》第五十五条第一款第（一）项",
                act="经营标签标注的有效成分与实际不符的假农药", fine=_fine(5000, 10000, 10000, 30000, 30000, 50000),
                conf=0.6, mix=(30, 70, 0), trades=("农资经营部",)),
              I(CF, "对使用电鱼方法进行捕捞的处罚", "《中华人民共和国渔业法》第三十八条第一款",
                act="在子牙河西青段使用电鱼器具捕捞水产品", fine=_fine(500, 1000, 1000, 3000, 3000, 5000), conf=0.3,
                mix=(0, 0, 100)),
              I(JC, "农资市场监督检查", "《农药管理条例》第四十一条", scope="农药经营许可和进销台账", mix=(30, 70, 0),
                trades=("农资经营部",)),
          ]),
        A("SWJ", "天津市西青区水务局", "行政机关", "区级", DISTRICT_GOV, "津西青水", "水务", 1.5,
          org_duties.format("水资源、排水、防汛和水土保持"), reform, "天津市西青区杨柳青镇光明路2号", items=[
              I(XK, "取水许可", "《中华人民共和国水法》第四十八条；《取水许可和水资源费征收管理条例》第二条",
                cert="取水许可电子证照", certpre="QS", mix=(100, 0, 0)),
              I(XK, "城镇污水排入排水管网许可", "《城镇排水与污水处理条例》第二十一条", cert="《城镇污水排入排水管网许可证》",
                certpre="PS", mix=(70, 30, 0)),
              I(CF, "对未经批准擅自取水的处罚", "《中华人民共和国水法》第六十九条第（一）项",
                act="未经批准擅自利用自备井取用地下水", fine=_fine(20000, 30000, 30000, 60000, 60000, 100000), mix=(90, 10, 0)),
              I(CF, "对未取得排水许可向城镇排水设施排放污水的处罚", "《城镇排水与污水处理条例》第五十条第一款",
                act="未取得污水排入排水管网许可证向城镇排水设施排放污水", fine=_fine(5000, 10000, 10000, 30000, 30000, 50000),
                mix=(60, 40, 0)),
              I(ZS, "水土保持补偿费征收", "《中华人民共和国水土保持法》第三十二条；《水土保持补偿费征收使用管理办法》",
                fee="水土保持补偿费", amt=(5000, 300000), mix=(100, 0, 0)),
              I(ZY, "防汛抢险物资、设备征用", "《中华人民共和国防洪法》第四十五条",
                obj="编织袋5000条、水泵4台、运输车辆2辆", purpose="防汛抢险", mix=(70, 25, 5)),
              I(JC, "水资源管理监督检查", "《中华人民共和国水法》第六十条", scope="取水许可、计量设施和用水台账", mix=(100, 0, 0)),
          ]),
        A("SWU", "天津市西青区商务局", "行政机关", "区级", DISTRICT_GOV, "津西青商", "商务", 1,
          org_duties.format("商贸流通、单用途商业预付卡和再生资源回收"), reform, "天津市西青区中北镇阜锦道15号", items=[
              I(CF, "对发卡企业未按规定办理单用途商业预付卡备案的处罚", "《单用途商业预付卡管理办法（试行）》第三十六条",
                act="发行单用途商业预付卡未按规定办理备案", fine=_fine(10000, 15000, 15000, 20000, 20000, 30000), warn=True,
                mix=(80, 20, 0)),
              I(CF, "对回收报废机动车未按规定登记的处罚", "《报废机动车回收管理办法》第二十三条",
                act="回收报废机动车未如实登记车辆信息", fine=_fine(5000, 10000, 10000, 20000, 20000, 50000), mix=(100, 0, 0)),
              I(JC, "单用途商业预付卡监督检查", "《单用途商业预付卡管理办法（试行）》第三十条", scope="预付卡备案和资金存管情况",
                mix=(70, 30, 0)),
              I(JC, "再生资源回收经营者监督检查", "《再生资源回收管理办法》第十七条", scope="经营备案和回收登记情况",
                mix=(40, 60, 0), trades=("废品收购站",)),
              I(JC, "成品油流通监督检查", "《中华人民共和国安全生产法》第十条；成品油流通管理有关规定", scope="成品油经营台账和安全管理",
                mix=(100, 0, 0)),
          ]),
        A("JYJ", "天津市西青区教育局", "行政机关", "区级", DISTRICT_GOV, "津西青教", "教育", 1,
          org_duties.format("民办教育和校外培训"), reform, "天津市西青区杨柳青镇柳口路38号", items=[
              I(XK, "民办学校办学许可", "《中华人民共和国民办教育促进法》第十二条", cert="《民办学校办学许可证》",
                certpre="JY", mix=(100, 0, 0), org="52"),
              I(CF, "对民办学校违规招生的处罚", "《中华人民共和国民办教育促进法》第六十二条第（四）项",
                act="发布虚假招生简章，骗取钱财", fine=_fine(5000, 10000, 10000, 30000, 30000, 50000), warn=True, conf=0.5,
                mix=(100, 0, 0), org="52"),
              I(CF, "对擅自举办校外培训机构的处罚", "《校外培训行政处罚暂行办法》第十六条",
                act="未经许可在居民楼内擅自开展学科类校外培训", fine=_fine(5000, 10000, 10000, 30000, 30000, 100000),
                conf=0.7, mix=(20, 10, 70)),
              I(JC, "校外培训机构监督检查", "《校外培训行政处罚暂行办法》第四条", scope="办学许可、收费和预收费资金监管情况",
                mix=(90, 10, 0)),
              I(JC, "民办学校年度检查", "《中华人民共和国民办教育促进法实施条例》第四十九条", scope="办学条件和财务管理情况",
                mix=(100, 0, 0)),
          ]),
        A("MZJ", "天津市西青区民政局", "行政机关", "区级", DISTRICT_GOV, "津西青民", "民政", 2,
          org_duties.format("社会组织管理、社会救助和养老服务"), reform, "天津市西青区杨柳青镇新华道26号", items=[
              I(XK, "社会团体成立登记", "《社会团体登记管理条例》第九条", cert="《社会团体法人登记证书》", certpre="ST",
                mix=(100, 0, 0), org="51"),
              I(XK, "民办非企业单位成立登记", "《民办非企业单位登记管理暂行条例》第八条", cert="《民办非企业单位登记证书》",
                certpre="MF", mix=(100, 0, 0), org="52"),
              I(CF, "对社会组织不按照规定接受年度检查的处罚", "《社会团体登记管理条例》第三十条第一款第（五）项",
                act="不按照规定接受年度检查", fine=None, warn=True, mix=(100, 0, 0), org="51"),
              I(QR, "最低生活保障对象认定", "《社会救助暂行办法》第九条、第十一条", confirm="低保", mix=(0, 0, 100)),
              I(QT, "临时救助", "《社会救助暂行办法》第四十七条", other="救助", mix=(0, 0, 100)),
              I(JC, "养老机构监督检查", "《养老机构管理办法》第三十六条", scope="服务质量、消防安全和食品安全情况",
                mix=(100, 0, 0), org="52"),
          ]),
        A("YBJ", "天津市西青区医疗保障局", "行政机关", "区级", DISTRICT_GOV, "津西青医保", "医疗保障", 1.5,
          org_duties.format("医疗保障基金使用"), reform, "天津市西青区中北镇万卉路26号", items=[
              I(CF, "对定点医药机构违规结算医疗保障基金的处罚", "《医疗保障基金使用监督管理条例》第三十八条第（一）项",
                act="分解住院、超标准收费，造成医疗保障基金损失", fine=_fine(5000, 10000, 10000, 50000, 50000, 150000),
                mix=(85, 15, 0)),
              I(CF, "对个人以欺诈手段骗取医疗保障基金的处罚", "《医疗保障基金使用监督管理条例》第四十一条第一款",
                act="将本人的医疗保障凭证交由他人冒名使用", fine=_fine(1000, 3000, 3000, 10000, 10000, 20000), money=True, mix=(0, 0, 100)),
              I(QZ, "查封、扣押有关资料和设备", "《医疗保障基金使用监督管理条例》第二十七条第（五）项",
                measure="查封", obj="涉嫌违规结算的病历资料和结算电脑", mix=(90, 10, 0)),
              I(JC, "医疗保障基金使用监督检查", "《医疗保障基金使用监督管理条例》第二十七条", scope="医保结算、进销存和病历资料",
                mix=(85, 15, 0)),
          ]),
        A("GA", "天津市公安局西青分局", "行政机关", "区级", "天津市公安局", "津公西", "公安", 4,
          "负责本辖区治安管理、户籍管理、特种行业管理、道路交通以外的公安行政执法工作。",
          "《中华人民共和国人民警察法》；《公安机关组织管理条例》", "天津市西青区杨柳青镇西青道299号",
          docs={CF: "津公西行罚决字", XK: "津公西行许字", QZ: "津公西扣字", ZY: "津公西征用字"}, items=[
              I(CF, "对殴打他人的处罚", "《中华人民共和国治安管理处罚法》第四十三条第一款",
                act="因琐事与他人发生纠纷，殴打他人", fixed="detention", fine=_fine(200, 300, 300, 400, 400, 500),
                mix=(0, 0, 100), basis2026="《中华人民共和国治安管理处罚法》第五十一条第一款"),
              I(CF, "对违反规定燃放烟花爆竹的处罚", "《烟花爆竹安全管理条例》第四十二条第二款",
                act="在禁止燃放区域内燃放烟花爆竹", fine=_fine(100, 200, 200, 300, 300, 500), mix=(0, 10, 90)),
              I(XK, "焰火晚会烟花爆竹燃放许可", "《烟花爆竹安全管理条例》第三十二条", cert="《焰火燃放许可证》", certpre="YH",
                mix=(100, 0, 0)),
              I(XK, "公章刻制业特种行业许可", "《国务院对确需保留的行政审批项目设定行政许可的决定》第38项",
                cert="《特种行业许可证》", certpre="TH", mix=(60, 40, 0)),
              I(QZ, "扣押与违法行为有关的物品", "《中华人民共和国行政强制法》第九条第（三）项",
                measure="扣押", obj="违法燃放的烟花爆竹", mix=(0, 20, 80)),
              I(JC, "旅馆业治安管理检查", "《旅馆业治安管理办法》第十二条", scope="旅客住宿登记和治安防范措施", mix=(60, 40, 0)),
              I(ZY, "交通工具、通信工具征用", "《中华人民共和国人民警察法》第十三条第二款",
                obj="小型客车1辆", purpose="紧急处置突发事件", mix=(30, 20, 50)),
          ]),
        A("SWJU", "国家税务总局天津市西青区税务局", "行政机关", "区级", "国家税务总局天津市税务局", "津西青税", "税务", 4,
          "负责本辖区各项税收、社会保险费和有关非税收入的征收管理，依法实施税务行政处罚和税务检查。",
          "《中华人民共和国税收征收管理法》；国家税务总局关于税务机构改革的有关规定", "天津市西青区中北镇中北大道156号",
          reviewer="国家税务总局天津市税务局", docs={CF: "津西青税罚", ZS: "津西青税征", QZ: "津西青税保"}, items=[
              I(CF, "对纳税人未按照规定期限办理纳税申报的处罚", "《中华人民共和国税收征收管理法》第六十二条",
                act="未按照规定期限办理纳税申报和报送纳税资料", fine=_fine(50, 200, 200, 2000, 2000, 10000), warn=False,
                mix=(50, 35, 15)),
              I(CF, "对纳税人未按照规定设置、保管账簿的处罚", "《中华人民共和国税收征收管理法》第六十条第一款",
                act="未按照规定设置、保管账簿和记账凭证", fine=_fine(500, 1000, 1000, 2000, 2000, 10000), mix=(70, 30, 0)),
              I(CF, "对虚开发票的处罚", "《中华人民共和国发票管理办法》第三十五条",
                act="为他人开具与实际经营业务情况不符的增值税普通发票", fine=_fine(50000, 100000, 100000, 300000, 300000, 500000),
                conf=0.8, mix=(90, 10, 0)),
              I(ZS, "残疾人就业保障金征收", "《残疾人就业保障金征收使用管理办法》第八条", fee="残疾人就业保障金",
                amt=(3000, 200000), mix=(100, 0, 0)),
              I(QZ, "税收保全措施", "《中华人民共和国税收征收管理法》第三十八条", measure="冻结",
                obj="在开户银行的存款（相当于应纳税款的金额）", mix=(80, 20, 0)),
              I(JC, "税务检查", "《中华人民共和国税收征收管理法》第五十四条", scope="纳税申报、账簿凭证和发票使用情况",
                mix=(75, 25, 0)),
          ]),
        A("XF", "天津市西青区消防救援支队", "行政机关", "区级", "天津市消防救援总队", "津西青消", "消防", 3,
          "负责本辖区消防监督检查、火灾事故调查和消防行政处罚等工作。", "《中华人民共和国消防法》；《消防救援衔条例》",
          "天津市西青区中北镇盛达道8号", docs={CF: "津西青消行罚决字", XK: "津西青消安检字", QZ: "津西青消临封字"}, items=[
              I(XK, "公众聚集场所投入使用、营业前消防安全检查", "《中华人民共和国消防法》第十五条",
                cert="《公众聚集场所投入使用、营业前消防安全检查合格证》", certpre="XFAJ", mix=(80, 20, 0)),
              I(CF, "对消防设施、器材未保持完好有效的处罚", "《中华人民共和国消防法》第六十条第一款第（一）项",
                act="消防设施、器材未保持完好有效", fine=_fine(5000, 10000, 10000, 30000, 30000, 50000), mix=(80, 20, 0)),
              I(CF, "对占用、堵塞、封闭疏散通道、安全出口的处罚", "《中华人民共和国消防法》第六十条第一款第（三）项、第二款",
                act="占用、堵塞疏散通道和安全出口", fine=_fine(200, 500, 5000, 20000, 20000, 50000), warn=True,
                mix=(60, 25, 15)),
              I(QZ, "临时查封", "《中华人民共和国消防法》第五十四条；《消防监督检查规定》第二十二条",
                measure="临时查封", obj="存在重大火灾隐患的经营场所", mix=(60, 40, 0)),
              I(JC, "消防监督检查", "《中华人民共和国消防法》第五十三条", scope="消防安全责任制、消防设施和疏散通道情况"),
          ]),
    ]
    towns = [
        ("YLQZ", "杨柳青镇", True, 2.0), ("ZBZ", "中北镇", True, 1.6), ("ZJWZ", "张家窝镇", True, 1.2),
        ("JWZ", "精武镇", True, 1.0), ("XKZ", "辛口镇", True, 0.8),
        ("XYMJD", "西营门街道", False, 1.0), ("LQZJD", "李七庄街道", False, 1.0),
    ]
    for key, town, is_town, w in towns:
        name = f"{DISTRICT}{town}人民政府" if is_town else f"{DISTRICT}{town}办事处"
        kind_word = "镇" if is_town else "街道"
        agencies.append(A(
            key, name, "行政机关", "乡镇街道", DISTRICT_GOV, f"西青{town.removesuffix('镇').removesuffix('街道')}综执",
            "综合行政执法", w,
            f"负责本{kind_word}辖区内经依法赋权的市容环境卫生、安全生产、大气污染防治等领域的综合行政执法工作。",
            "《中华人民共和国行政处罚法》第二十四条；天津市关于向街道（乡镇）下放部分行政执法权的决定",
            f"{DISTRICT}{town}{ROADS[len(key) % len(ROADS)]}{len(town) * 7 + 3}号", town=town,
            items=_township_items(town, is_town)))
    agencies += [
        A("TJSCJG", "天津市市场监督管理局", "行政机关", "市级", "天津市人民政府", "津市场监管", "市场监管", 0.5,
          "负责全市市场综合监督管理，查处跨区域和重大复杂的市场监管违法案件。", "《天津市机构改革实施方案》",
          "天津市河西区友谊路54号", area=CITY_AREA, reviewer="天津市人民政府", stats=False, items=[
              I(CF, "对生产不符合食品安全标准的食品的处罚", "《中华人民共和国食品安全法》第一百二十四条第一款第（一）项",
                act="生产的食品微生物指标不符合食品安全标准", fine=_fine(50000, 80000, 80000, 150000, 150000, 300000),
                conf=0.8, mix=(100, 0, 0), severe="吊销许可证件"),
              I(XK, "保健食品生产许可", "《中华人民共和国食品安全法》第三十五条；《食品生产许可管理办法》", cert="《食品生产许可证》",
                certpre="SC", mix=(100, 0, 0)),
              I(JC, "食品生产企业监督检查", "《中华人民共和国食品安全法》第一百一十条；《食品生产经营监督检查管理办法》",
                scope="原料控制、生产过程控制和出厂检验情况", mix=(100, 0, 0)),
          ]),
        A("TJSTHJ", "天津市生态环境局", "行政机关", "市级", "天津市人民政府", "津环", "生态环境保护", 0.5,
          "负责全市生态环境监督管理，组织开展全市生态环境保护执法检查。", "《天津市机构改革实施方案》",
          "天津市河西区友谊路17号", area=CITY_AREA, reviewer="天津市人民政府", stats=False, items=[
              I(CF, "对重点排污单位未按规定安装使用自动监测设备的处罚", "《中华人民共和国大气污染防治法》第一百条第（三）项",
                act="未按照规定安装、使用大气污染物排放自动监测设备", fine=_fine(20000, 50000, 50000, 100000, 100000, 200000),
                mix=(100, 0, 0)),
              I(JC, "重点排污单位执法检查", "《中华人民共和国环境保护法》第二十四条", scope="自动监测设备运行和数据传输情况",
                mix=(100, 0, 0)),
          ]),
        A("KFQ", "天津西青经济技术开发区管理委员会", "法律法规授权组织", "区级", DISTRICT_GOV, "津西青开", "开发区综合管理", 1,
          "依据法规授权，在开发区范围内行使建设工程规划、安全生产等方面的行政管理和执法职权。",
          "《天津市开发区条例》；天津市人民政府关于开发区管理体制的有关决定", "天津市西青区中北镇海泰华科路1号",
          items=[
              I(XK, "开发区建设工程规划许可", "《中华人民共和国城乡规划法》第四十条；《天津市开发区条例》",
                cert="《建设工程规划许可证》", certpre="KFJZ", mix=(100, 0, 0)),
              I(JC, "开发区企业安全生产检查", "《中华人民共和国安全生产法》第九条；《天津市开发区条例》",
                scope="安全生产责任制和隐患排查情况", mix=(100, 0, 0)),
              I(CF, "对开发区内企业未按规定进行安全生产教育培训的处罚", "《中华人民共和国安全生产法》第九十七条第（三）项",
                act="未按照规定对从业人员进行安全生产教育和培训", fine=_fine(10000, 30000, 30000, 60000, 60000, 100000),
                mix=(100, 0, 0)),
          ]),
        A("DYZX", "天津市西青区动物疫病预防控制中心", "受委托组织", "区级", "天津市西青区农业农村委员会", "", "动物防疫", 0,
          "受天津市西青区农业农村委员会委托，以委托机关名义实施动物防疫监督检查。",
          "天津市西青区农业农村委员会行政执法委托书（西青农委托〔2023〕1号）", "天津市西青区杨柳青镇新华道11号",
          type2="12", stats=False, entrusted_by="天津市西青区农业农村委员会"),
    ]
    return agencies


def _remedy(agency: Agency) -> str:
    if agency.entrusted_by:
        return (f"本组织受{agency.entrusted_by}委托、以委托机关名义实施行政执法。对相关行政行为不服的，以{agency.entrusted_by}"
                f"为被申请人，可以自知道或者应当知道该行政行为之日起六十日内向{DISTRICT_GOV}申请行政复议；"
                "也可以自知道或者应当知道作出行政行为之日起六个月内依法向有管辖权的人民法院提起行政诉讼。")
    return (f"公民、法人或者其他组织对本机关作出的行政行为不服的，可以自知道或者应当知道该行政行为之日起六十日内向{agency.reviewer}"
            "申请行政复议；也可以自知道或者应当知道作出行政行为之日起六个月内依法向有管辖权的人民法院提起行政诉讼。"
            "法律规定应当先申请行政复议的，依照其规定。")


# --------------------------------------------------------------------------
# Names and identifiers
# --------------------------------------------------------------------------

_SURNAMES = [
    ("王", "wang", 7), ("李", "li", 7), ("张", "zhang", 7), ("刘", "liu", 6), ("陈", "chen", 5), ("杨", "yang", 4),
    ("赵", "zhao", 4), ("黄", "huang", 3), ("周", "zhou", 3), ("吴", "wu", 3), ("徐", "xu", 3), ("孙", "sun", 3),
    ("胡", "hu", 2), ("朱", "zhu", 2), ("高", "gao", 3), ("林", "lin", 2), ("何", "he", 2), ("郭", "guo", 2),
    ("马", "ma", 3), ("罗", "luo", 1), ("梁", "liang", 2), ("宋", "song", 2), ("郑", "zheng", 1), ("谢", "xie", 1),
    ("韩", "han", 2), ("唐", "tang", 1), ("冯", "feng", 1), ("于", "yu", 2), ("董", "dong", 2), ("程", "cheng", 1),
    ("曹", "cao", 1), ("袁", "yuan", 1), ("邓", "deng", 1), ("许", "xu", 1), ("傅", "fu", 1), ("沈", "shen", 1),
    ("曾", "zeng", 1), ("彭", "peng", 1), ("吕", "lv", 1), ("苏", "su", 1), ("卢", "lu", 1), ("蒋", "jiang", 1),
    ("蔡", "cai", 1), ("贾", "jia", 1), ("丁", "ding", 1), ("魏", "wei", 1), ("薛", "xue", 1), ("叶", "ye", 1),
    ("阎", "yan", 1), ("潘", "pan", 1), ("杜", "du", 1), ("戴", "dai", 1), ("夏", "xia", 1), ("钟", "zhong", 1),
    ("田", "tian", 1), ("任", "ren", 1), ("姜", "jiang", 1), ("范", "fan", 1), ("方", "fang", 1), ("石", "shi", 1),
    ("姚", "yao", 1), ("谭", "tan", 1), ("邹", "zou", 1), ("金", "jin", 1), ("郝", "hao", 1), ("孔", "kong", 1),
    ("白", "bai", 1), ("崔", "cui", 1), ("康", "kang", 1), ("孟", "meng", 1), ("齐", "qi", 1), ("穆", "mu", 0.5),
    ("欧阳", "ouyang", 1.5), ("司马", "sima", 0.8), ("上官", "shangguan", 0.8), ("诸葛", "zhuge", 0.5),
    ("东方", "dongfang", 0.5), ("令狐", "linghu", 0.3), ("皇甫", "huangfu", 0.3),
]
_SURNAME_CUM = list(accumulate(w for _, _, w in _SURNAMES))
_GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国林宇浩凯婷雪琳晨欣宁鑫博文斌海波燕飞志峰亮阳"
          "丹慧颖佳怡子涵梓轩雨思嘉俊晓春冬梅兰凤淑荣金成旭东新利清振永德庆立忠云龙彬帅倩蕾晶璐昊然")
_BRAND = "鑫瑞恒泰华盛达源嘉和福祥润宏德信诚博辰昊金海天立新宇通佳永兴隆丰安顺富腾凯杰晟锦鸿悦远科创智汇众联美"
_INDUSTRIES = ("商贸", "餐饮管理", "物流", "科技", "建筑工程", "机械制造", "食品", "环保科技", "汽车服务", "医药",
               "装饰工程", "物业服务", "电子", "化工", "建材", "包装制品", "塑料制品", "供应链管理", "文化传媒", "酒店管理")
_EMAIL_DOMAINS = ("163.com", "qq.com", "126.com", "sina.com", "139.com", "outlook.com")
_MOBILE_PREFIX = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
                  "158", "159", "166", "176", "177", "180", "181", "185", "186", "187", "188", "189", "191", "198", "199")
_BANK_PREFIX = ("6222", "6217", "6228", "6212", "6214", "6216", "6226", "6230")
_ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


class FastRandom(Random):
    """Random with choice/randint built on random() only: faster, and the same
    sequence on every Python version (the stdlib's integer methods have changed
    between versions; random() and string seeding have not)."""

    def choice(self, seq):  # type: ignore[override]
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:  # type: ignore[override]
        return a + int(self.random() * (b - a + 1))

    def randrange(self, stop: int) -> int:  # type: ignore[override]
        return int(self.random() * stop)

    def sample(self, population, k):  # type: ignore[override]
        pool = list(population)
        out = []
        for _ in range(k):
            j = int(self.random() * len(pool))
            pool[j], pool[-1] = pool[-1], pool[j]
            out.append(pool.pop())
        return out


class Names:
    """Fast helpers drawing from one Random."""

    def __init__(self, rng: Random):
        self.r = rng

    def surname(self) -> tuple[str, str]:
        s = _SURNAMES[bisect_right(_SURNAME_CUM, self.r.random() * _SURNAME_CUM[-1])]
        return s[0], s[1]

    def person(self) -> tuple[str, str]:
        """(name, pinyin of the surname)."""
        r = self.r
        s, py = self.surname()
        if r.random() < 0.33:
            given = r.choice(_GIVEN)
        else:
            given = r.choice(_GIVEN) + r.choice(_GIVEN)
        return s + given, py

    def resident_id(self, area: str = DISTRICT_AREA, valid: bool = True) -> str:
        r = self.r
        y = r.randint(1952, 2004)
        m = r.randint(1, 12)
        d = r.randint(1, 28)
        tail = f"{y:04d}{m:02d}{d:02d}{r.randint(1, 999):03d}"
        base = _ID_AREA_SUM.get(area)
        if base is None:
            base = _ID_AREA_SUM[area] = sum(int(c) * w for c, w in zip(area, _ID_WEIGHTS))
        body = area + tail
        chk = _ID_CHECK[(base + sum(int(c) * w for c, w in zip(tail, _ID_WEIGHTS[6:]))) % 11]
        if not valid:
            chk = _ID_CHECK[(_ID_CHECK.index(chk) + 1 + r.randint(0, 9)) % 11]
        return body + chk

    def mobile(self) -> str:
        r = self.r
        return r.choice(_MOBILE_PREFIX) + f"{r.randint(0, 99999999):08d}"

    def landline(self) -> str:
        r = self.r
        return f"022-{r.choice('2258'):s}{r.randint(0, 9999999):07d}"

    def bank_account(self) -> str:
        r = self.r
        n = r.choice((16, 19, 19, 17, 18)) - 4
        return r.choice(_BANK_PREFIX) + f"{int(r.random() * 1e8):08d}{int(r.random() * 1e7):07d}"[:n]

    def email(self, py: str) -> str:
        r = self.r
        tail = r.choice((f"{r.randint(60, 99)}", f"{r.randint(1970, 2003)}", f"_{r.choice('abcdefghjklmnpqrstwxyz')}"
                         f"{r.choice('abcdefghjklmnpqrstwxyz')}", f"{r.randint(100, 9999)}"))
        return f"{py}{tail}@{r.choice(_EMAIL_DOMAINS)}"

    def brand(self) -> str:
        r = self.r
        a = r.choice(_BRAND)
        b = r.choice(_BRAND)
        while b == a:
            b = r.choice(_BRAND)
        return a + b

    def org_code(self, modern: bool) -> str:
        r = self.r
        if modern:
            k = int(r.random() * 28629151)  # 31 ** 5
            tail = (_ALNUM[k % 31], _ALNUM[k // 31 % 31], _ALNUM[k // 961 % 31], _ALNUM[k // 29791 % 31],
                    _ALNUM[k // 923521])
            # "MA0" contributes 22*3 + 10*7 + 0*9 = 136 to the GB 11714 sum
            total = 136 + sum(_ORG_VALUE[c] * w for c, w in zip(tail, _ORG_WEIGHTS[3:]))
            body = "MA0" + "".join(tail)
        else:
            body = f"{'67'[int(r.random() * 2)]}{int(r.random() * 10000000):07d}"
            total = sum(_ORG_VALUE[c] * w for c, w in zip(body, _ORG_WEIGHTS))
        rem = 11 - total % 11
        return body + ("X" if rem == 10 else "0" if rem == 11 else str(rem))

    def uscc(self, prefix2: str, area: str = DISTRICT_AREA, modern: bool = True) -> str:
        head = prefix2 + area
        base = _USCC_HEAD_SUM.get(head)
        if base is None:
            base = _USCC_HEAD_SUM[head] = sum(_USCC_VALUE[c] * w for c, w in zip(head, _USCC_WEIGHTS))
        org = self.org_code(modern)
        total = base + sum(_USCC_VALUE[c] * w for c, w in zip(org, _USCC_WEIGHTS[8:]))
        return head + org + USCC_CHARS[(31 - total % 31) % 31]

    def social_org(self, prefix2: str) -> tuple[str, str, str]:
        """A 社会团体 (51...) or 民办非企业单位 (52...) registered by the civil-affairs bureau."""
        r = self.r
        brand = self.brand()
        if prefix2 == "51":
            name = f"{DISTRICT}{r.choice(('餐饮行业协会', '个体劳动者协会', '商会', '书画协会', '志愿者协会', '老年人体育协会'))}"
            if r.random() < 0.6:
                name = f"{DISTRICT}{brand}{r.choice(('文化交流协会', '商会', '科技协会'))}"
        else:
            name = f"{DISTRICT}{brand}{r.choice(('养老院', '社会工作服务中心', '职业培训学校', '幼儿园', '康复中心', '艺术培训学校'))}"
        body = prefix2 + DISTRICT_AREA + "MJ" + "".join(r.choice(_ALNUM) for _ in range(6))
        body = body[:8] + body[8:16] + org_code_check_digit(body[8:16])
        rep, _ = self.person()
        return name, body + uscc_check_digit(body), rep

    def company(self) -> tuple[str, str, str]:
        r = self.r
        brand, ind = self.brand(), r.choice(_INDUSTRIES)
        x = r.random()
        if x < 0.45:
            name = f"天津{brand}{ind}有限公司"
        elif x < 0.70:
            name = f"{DISTRICT}{brand}{ind}有限公司"
        elif x < 0.80:
            name = f"天津市{brand}{ind}有限公司"
        elif x < 0.92:
            name = f"天津{brand}{ind}有限公司西青分公司"
        else:
            name = f"天津{brand}{ind}股份有限公司"
        rep, _ = self.person()
        return name, self.uscc("91", modern=r.random() < 0.7), rep


# --------------------------------------------------------------------------
# Catalogue construction
# --------------------------------------------------------------------------

@dataclass
class Catalogue:
    agencies: list[Agency]
    by_key: dict[str, Agency]
    items: list[Item]
    # per category: (agencies, cumulative weights)
    pick: dict[str, tuple[list[Agency], list[float]]]
    agency_items: dict[tuple[str, str], list[Item]]


def build_catalogue(seed: int) -> Catalogue:
    rng = FastRandom(f"{seed}:catalogue")
    names = Names(rng)
    agencies = _agencies()
    used_phones: set[str] = set()
    used_codes: set[str] = set()
    for seq, ag in enumerate(agencies, 1):
        ag.seq = seq
        while True:
            code = names.uscc(ag.type2, ag.area, modern=rng.random() < 0.6)
            if code not in used_codes:
                used_codes.add(code)
                break
        ag.code = code
        head = {"市级": "022-2", "乡镇街道": "022-2798"}.get(ag.level, "022-2739")
        while True:
            phone = head + f"{rng.randint(0, 10 ** (12 - len(head)) - 1):0{12 - len(head)}d}"
            if phone not in used_phones:
                used_phones.add(phone)
                break
        ag.phone = phone
    # items: codes
    items: list[Item] = []
    for ag in agencies:
        counters: dict[str, int] = {}
        region = "TJ" if ag.level == "市级" else "XQ"
        for it in ag.items:
            n = counters[it.cat] = counters.get(it.cat, 0) + 1
            it.code = f"{region}-{ag.key}-{CAT_ABBR[it.cat]}-{n:03d}"
            it.agency = ag
            items.append(it)
    # officers
    used_certs: set[str] = set()
    for ag in agencies:
        n = 15 if ag.key == "SCJG" else rng.randint(8, 14) if ag.level != "乡镇街道" else rng.randint(8, 10)
        people = sorted(rng.sample(range(1, 100000), n))
        for p in people:
            name, _ = names.person()
            cert = f"{ag.area}{ag.seq:02d}{p:05d}"
            assert cert not in used_certs and len(cert) == 13
            used_certs.add(cert)
            ag.officers.append((name, cert))
    by_key = {ag.key: ag for ag in agencies}
    pick: dict[str, tuple[list[Agency], list[float]]] = {}
    agency_items: dict[tuple[str, str], list[Item]] = {}
    for cat in CATEGORIES:
        ags = [ag for ag in agencies if ag.weight > 0 and any(it.cat == cat for it in ag.items)]
        pick[cat] = (ags, list(accumulate(ag.weight for ag in ags)))
        for ag in ags:
            agency_items[(ag.key, cat)] = [it for it in ag.items if it.cat == cat]
    return Catalogue(agencies, by_key, items, pick, agency_items)


# --------------------------------------------------------------------------
# Decision rows
# --------------------------------------------------------------------------

def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def yuan_cn(n: int) -> str:
    if n >= 10000 and n % 10000 == 0:
        return f"{n // 10000}万元"
    if n >= 10000 and n % 1000 == 0:
        return f"{n / 10000:g}万元"
    return f"{n}元"


def benchmark_text(it: Item) -> str:
    kw = it.kw
    if it.cat == CF:
        fine = kw.get("fine")
        if fine is None:
            return ("轻微：初次违法且及时改正的，可以不予行政处罚；一般：给予警告，责令限期改正；"
                    "严重：逾期不改正或者情节严重的，依法撤销登记。")
        (a, b), (c, d), (e, f) = fine
        light = f"给予警告或者处{yuan_cn(a)}以上{yuan_cn(b)}以下罚款" if kw.get("warn") else f"处{yuan_cn(a)}以上{yuan_cn(b)}以下罚款"
        severe = f"，并{kw['severe']}" if kw.get("severe") else ""
        extra = "；有违法所得的，没收违法所得" if kw.get("conf") else ""
        if kw.get("fixed") == "detention":
            return (f"轻微：情节较轻的，处五日以下拘留或者{yuan_cn(a)}以上{yuan_cn(b)}以下罚款；"
                    f"一般：处五日以上十日以下拘留，并处{yuan_cn(c)}以上{yuan_cn(d)}以下罚款；"
                    f"严重：处十日以上十五日以下拘留，并处{yuan_cn(e)}以上{yuan_cn(f)}以下罚款。")
        return (f"轻微：初次违法、危害后果轻微并及时改正的，{light}；"
                f"一般：违法行为持续时间较短、未造成危害后果的，处{yuan_cn(c)}以上{yuan_cn(d)}以下罚款；"
                f"严重：多次违法、造成危害后果或者拒不改正的，处{yuan_cn(e)}以上{yuan_cn(f)}以下罚款{severe}{extra}。")
    if it.cat == XK:
        return "法定办结时限20个工作日，承诺办结时限5个工作日；符合法定条件、标准的，依法准予许可，不收取费用。"
    if it.cat == JC:
        return "双随机、一公开：一般风险对象每年抽查不少于1次，较高风险对象每年不少于2次，高风险对象实施重点检查；检查结果按规定公示。"
    if it.cat == QZ:
        return "实施前须向行政机关负责人报告并经批准；查封、扣押期限不得超过三十日，情况复杂的经批准可延长不超过三十日。"
    if it.cat == ZS:
        return "按照规定的征收标准和范围据实核定，不得擅自设立、变更征收项目或者提高征收标准。"
    if it.cat == ZY:
        return "仅限于应对突发事件或者紧急情况；使用完毕应当及时返还，财产被征用或者征用后毁损、灭失的，应当给予补偿。"
    if it.cat == QR:
        return "自受理之日起60日内作出认定决定；证据清楚、权利义务明确的，可在15日内作出决定。"
    return "依照规定的条件、标准和程序实施，结果依法公示。"


@dataclass(slots=True, frozen=True)
class Target:
    ttype: str
    name: str
    code: str
    legal_rep: str
    person: str = ""        # a natural person's name (the target, or a 个体工商户's operator)
    person_id: str = ""
    person_py: str = ""


class DecisionFactory:
    """Builds one decision (a dict of canonical values) at a time."""

    def __init__(self, cat: Catalogue, rng: Random, n: int):
        self.cat = cat
        self.r = rng
        self.names = Names(rng)
        self.n = n
        self.seq: dict[tuple[str, int], int] = {}
        self.pools: dict[tuple, list[Target]] = {}
        self._by_cat = {c: getattr(self, "_" + CAT_ABBR[c].lower()) for c in CATEGORIES}
        self._mix = {}
        for it in cat.items:
            mix = it.kw.get("mix") or DEFAULT_MIX[it.cat]
            total = mix[0] + mix[1] + mix[2]
            self._mix[id(it)] = (mix[0] / total, (mix[0] + mix[1]) / total, it.kw.get("org") or it.kw.get("trades") or "")
        self.jc_seq: dict[int, int] = {}
        cw = [w for _, w in CATEGORY_WEIGHTS]
        self.cat_cum = list(accumulate(cw))
        self.cat_list = [c for c, _ in CATEGORY_WEIGHTS]

    # -- numbering ---------------------------------------------------------
    def next_no(self, ag: Agency, cat: str, year: int, item: Item | None = None, alias: bool = False) -> str:
        if cat == JC:
            n = self.jc_seq[year] = self.jc_seq.get(year, 0) + 1
            return f"JC-{DISTRICT_AREA}-{year}-{n:06d}"
        pfx = ag.docs.get(cat)
        if pfx is None:
            char = CAT_CHAR[cat]
            if cat == QT and item is not None:
                char = "奖" if item.kw.get("other") == "奖励" else "助"
            pfx = (ag.alias_abbr if alias else ag.abbr) + char
        key = (pfx, year)
        n = self.seq[key] = self.seq.get(key, 0) + 1
        return f"{pfx}〔{year}〕{n}号"

    # -- picking -----------------------------------------------------------
    def pick_category(self) -> str:
        return self.cat_list[bisect_right(self.cat_cum, self.r.random() * self.cat_cum[-1])]

    def pick_agency_item(self, cat: str, agency_key: str | None = None) -> tuple[Agency, Item]:
        if agency_key is not None:
            ag = self.cat.by_key[agency_key]
        else:
            ags, cum = self.cat.pick[cat]
            ag = ags[bisect_right(cum, self.r.random() * cum[-1])]
        items = self.cat.agency_items[(ag.key, cat)]
        return ag, items[int(self.r.random() * len(items))]

    def target(self, it: Item, force: str | None = None) -> Target:
        r, nm = self.r, self.names
        p_org, p_ind, pool_tag = self._mix[id(it)]
        if force:
            ttype = force
        else:
            x = r.random()
            ttype = ORG if x < p_org else IND if x < p_ind else PER
        if ttype == PER:
            person, py = nm.person()
            pid = nm.resident_id()
            return Target(PER, person, pid, "", person, pid, py)
        # Businesses recur (inspected, then licensed or penalised): draw from a bounded pool.
        pool_key = (ttype, pool_tag)
        pool = self.pools.get(pool_key)
        if pool is None:
            pool = self.pools[pool_key] = []
        if pool and r.random() < POOL_REUSE:
            return pool[int(r.random() * len(pool))]
        t = self._new_business(it, ttype)
        if len(pool) < POOL_SIZE:
            pool.append(t)
        else:
            pool[int(r.random() * POOL_SIZE)] = t
        return t

    def _new_business(self, it: Item, ttype: str) -> Target:
        r, nm = self.r, self.names
        if ttype == ORG:
            social = it.kw.get("org")
            if social:
                name, code, rep = nm.social_org(social)
            else:
                name, code, rep = nm.company()
            return Target(ORG, name, code, rep)
        person, py = nm.person()
        trade = r.choice(it.kw.get("trades") or GENERAL_TRADES)
        x = r.random()
        if x < 0.5:
            name = f"西青区{person}{trade}" if x < 0.35 else f"{DISTRICT}{r.choice(TOWNS)}{person}{trade}"
        else:
            name = f"西青区{nm.brand()}{trade}"
        return Target(IND, name, nm.uscc("92", modern=True), person, person, nm.resident_id(), py)

    def place(self, ag: Agency) -> str:
        r = self.r
        town = ag.town or r.choice(TOWNS)
        return f"{DISTRICT}{town}{r.choice(ROADS)}{r.randint(1, 399)}号"

    # -- personal data in free text -----------------------------------------
    def pii(self, t: Target) -> str:
        """Optional personal details an agency clerk might paste into free text."""
        if not t.person:
            return ""
        r, nm = self.r, self.names
        parts = []
        x = r.random()
        if x < 0.18:
            pid = t.person_id if r.random() < 0.85 else nm.resident_id(valid=False)
            parts.append(f"公民身份号码{pid}")
        if r.random() < 0.25:
            parts.append(f"联系电话{nm.mobile()}")
        if r.random() < 0.08:
            parts.append(f"固定电话{nm.landline()}")
        if r.random() < 0.10:
            parts.append(f"电子邮箱{nm.email(t.person_py)}")
        if not parts:
            return ""
        return "（" + "，".join(parts) + "）"

    # -- per category --------------------------------------------------------
    def build(self, d: date, cat: str | None = None, agency_key: str | None = None,
              ttype: str | None = None, severity: str | None = None, item: Item | None = None,
              target: Target | None = None) -> dict[str, Any]:
        r = self.r
        if item is not None:
            cat, ag, it = item.cat, item.agency, item
        else:
            cat = cat or self.pick_category()
            ag, it = self.pick_agency_item(cat, agency_key)
        alias = bool(ag.aliases) and d <= ALIAS_UNTIL
        t = target or self.target(it, ttype)
        row: dict[str, Any] = {
            "decision_no": self.next_no(ag, cat, d.year, it, alias),
            "category": cat,
            "agency": ag.aliases[0] if alias else ag.name,
            "_agency_key": ag.key,
            "item_code": it.code if r.random() < 0.95 else "",
            "target_name": t.name,
            "target_type": t.ttype,
            "target_code": t.code,
            "legal_rep": t.legal_rep,
            "violation": "",
            "facts": "",
            "basis": it.basis,
            "result": "",
            "penalty_types": [],
            "fine_yuan": None,
            "confiscated_yuan": None,
            "decision_date": d,
            "publish_date": None,
            "display_until": None,
            "severity": "",
            "disclose": "是",
            "withhold": [],
            "_target": t,
            "_item": it,
        }
        self._by_cat[cat](row, ag, it, t, d, severity)
        return row

    def _when(self, d: date, lo: int = 10, hi: int = 90) -> str:
        return cn_date(d - timedelta(days=self.r.randint(lo, hi)))

    def _subject(self, t: Target) -> str:
        if t.ttype == PER:
            return f"当事人{t.person}" if self.r.random() < 0.8 else "当事人"
        if t.ttype == IND and self.r.random() < 0.6:
            return f"当事人（经营者{t.person}）"
        return "当事人"

    def _cf(self, row, ag, it, t, d, severity) -> None:
        r, kw = self.r, it.kw
        row["violation"] = it.name.removeprefix("对").removesuffix("的处罚")
        if severity is None:
            x = r.random()
            tier = 0 if x < 0.28 else 1 if x < 0.80 else 2
            shown = "" if r.random() < 0.15 else ("轻微", "一般", "严重")[tier]
        else:
            tier = ("轻微", "一般", "严重").index(severity)
            shown = severity
        row["severity"] = shown
        types, parts = [], []
        fine = kw.get("fine")
        if kw.get("fixed") == "detention":
            days = (r.randint(3, 5), r.randint(5, 10), r.randint(10, 15))[tier]
            lo, hi = fine[tier]
            amount = r.randint(lo // 100, hi // 100) * 100
            types = ["行政拘留", "罚款"]
            parts = [f"行政拘留{days}日", f"罚款{amount}元"]
            row["fine_yuan"] = amount
            if d.year >= 2026 and kw.get("basis2026"):
                row["basis"] = kw["basis2026"]
        elif fine is None:
            types, parts = ["警告"], ["警告"]
        else:
            warn_only = kw.get("warn") and tier == 0 and r.random() < 0.5
            if kw.get("warn") and (warn_only or r.random() < 0.4):
                types.append("警告")
                parts.append("警告")
            if not warn_only:
                lo, hi = fine[tier]
                step = 100 if hi >= 1000 else 10
                amount = r.randint(lo // step, hi // step) * step
                types.append("罚款")
                parts.append(f"罚款{amount}元")
                row["fine_yuan"] = amount
            if kw.get("conf") and r.random() < kw["conf"]:
                conf = r.randint(2, 400) * 50
                types.append("没收违法所得")
                parts.append(f"没收违法所得{conf}元")
                row["confiscated_yuan"] = conf
            if tier == 2 and kw.get("severe") and r.random() < 0.5:
                sev = kw["severe"]
                types.append("吊销许可证件" if "吊销" in sev else "责令停产停业" if "停" in sev
                             else "没收非法财物" if "没收" in sev else "其他")
                parts.append(sev)
        row["penalty_types"] = types
        act = kw["act"]
        if not act.startswith("在"):
            act = f"在{self.place(ag) if t.ttype != ORG or r.random() < 0.5 else '其经营场所'}{act}"
        facts = f"经查，{self._subject(t)}{self.pii(t)}于{self._when(d)}{act}"
        if t.person and (kw.get("conf") or kw.get("money")) and r.random() < 0.2:
            facts += f"，并通过其本人银行账户{self.names.bank_account()}收取相关款项"
        if row["confiscated_yuan"]:
            facts += f"，违法所得{row['confiscated_yuan']}元"
        facts += "。上述事实有现场检查笔录、询问笔录、现场照片等证据证实。"
        if tier == 0 and shown:
            facts += "当事人系初次违法，危害后果轻微，并已及时改正。"
        row["facts"] = facts
        row["result"] = f"依据{row['basis']}的规定，决定给予当事人如下行政处罚：" + "；".join(parts) + "。"

    def _xk(self, row, ag, it, t, d, severity) -> None:
        r, kw = self.r, it.kw
        if r.random() < 0.04:
            row["result"] = f"不予许可。经审查，申请人提交的申请材料不符合法定条件，依据{it.basis}的规定，决定不予许可。"
            row["facts"] = f"申请人于{self._when(d, 5, 20)}提出{it.name}申请，经材料审查和现场核查，不符合法定条件。"
            return
        certno = f"{kw.get('certpre', 'XK')}{r.randint(1, 3)}{DISTRICT_AREA}{r.randint(0, 999999):06d}"
        until = add_months(d, 12 * r.choice((3, 5, 5, 6))) - timedelta(days=1)
        row["result"] = f"准予许可，核发{kw.get('cert', '许可证件')}（编号：{certno}），有效期至{cn_date(until)}。"
        facts = f"申请人于{self._when(d, 3, 20)}提出{it.name}申请，经审查，申请材料齐全、符合法定形式"
        if t.ttype != ORG and r.random() < 0.5:
            facts += self.pii(t)
        row["facts"] = facts + "，决定准予许可。"

    def _jc(self, row, ag, it, t, d, severity) -> None:
        r, kw = self.r, it.kw
        offs = ag.officers
        o1, o2 = offs[int(r.random() * len(offs))], offs[int(r.random() * len(offs))]
        who = f"执法人员{o1[0]}（执法证号{o1[1]}）、{o2[0]}（执法证号{o2[1]}）" if o1 != o2 else f"执法人员{o1[0]}（执法证号{o1[1]}）"
        facts = f"{cn_date(d)}，{who}对当事人{kw.get('scope', '有关情况')}进行{r.choice(('双随机抽查', '日常检查', '专项检查', '日常检查'))}"
        if t.ttype == IND and r.random() < 0.5:
            facts += f"，经营者{t.person}在场{self.pii(t)}"
        x = r.random()
        if x < 0.70:
            row["result"] = "检查未发现违法违规问题。"
        elif x < 0.92:
            n = r.randint(1, 4)
            row["result"] = f"发现问题{n}处，已当场责令限期整改，整改期限{r.choice((3, 7, 15, 30))}日。"
        else:
            row["result"] = "发现涉嫌违法行为，已依法立案调查。"
        row["facts"] = facts + "。"

    def _qz(self, row, ag, it, t, d, severity) -> None:
        r, kw = self.r, it.kw
        days = r.choice((15, 30, 30, 30))
        row["facts"] = (f"执法人员于{self._when(d, 0, 3)}在{self.place(ag)}检查时发现{self._subject(t)}{self.pii(t)}"
                        f"存在涉嫌违法行为，为防止证据损毁、危害扩大，经本机关负责人批准，依法采取行政强制措施。")
        row["result"] = f"对当事人{kw.get('obj', '涉案物品')}实施{kw.get('measure', '查封')}，期限{days}日。"

    def _zs(self, row, ag, it, t, d, severity) -> None:
        r, kw = self.r, it.kw
        lo, hi = kw.get("amt", (1000, 100000))
        amount = r.randint(lo // 10, hi // 10) * 10
        row["facts"] = f"经核定，当事人应缴纳{kw['fee']}{amount}元，计征依据和标准已告知当事人。"
        row["result"] = f"征收{kw['fee']}人民币{amount}元，限于{cn_date(d + timedelta(days=15))}前缴纳。"

    def _zy(self, row, ag, it, t, d, severity) -> None:
        r, kw = self.r, it.kw
        end = d + timedelta(days=r.randint(2, 20))
        row["facts"] = f"因{kw['purpose']}需要，经本机关负责人批准，依法征用{self._subject(t)}{self.pii(t)}所有的{kw['obj']}。"
        row["result"] = (f"征用当事人{kw['obj']}用于{kw['purpose']}，征用期限自{cn_date(d)}至{cn_date(end)}，"
                         "使用完毕后及时返还；财产被征用或者征用后毁损、灭失的，依法给予补偿。")

    def _qr(self, row, ag, it, t, d, severity) -> None:
        r, kw, nm = self.r, it.kw, self.names
        kind = kw["confirm"]
        if kind == "工伤":
            employer, _, _ = nm.company()
            facts = (f"{t.person}{f'（公民身份号码{t.person_id}）' if r.random() < 0.5 else ''}系{employer}职工，"
                     f"于{self._when(d, 30, 90)}在工作时间和工作场所内因工作原因受伤")
            if r.random() < 0.4:
                facts += f"，联系电话{nm.mobile()}"
            row["facts"] = facts + "。"
            if r.random() < 0.85:
                row["result"] = f"根据{it.basis}的规定，认定{t.person}所受伤害为工伤。"
            else:
                row["result"] = f"根据{it.basis}的规定，{t.person}所受伤害不属于工伤认定范围，不予认定为工伤。"
        elif kind == "低保":
            members = r.randint(1, 4)
            income = r.randint(300, 1000)
            facts = (f"申请人{t.person}（公民身份号码{t.person_id}），家庭共{members}人，经入户调查和家庭经济状况核对，"
                     f"家庭月人均收入{income}元，低于本市最低生活保障标准")
            if r.random() < 0.5:
                facts += f"；联系电话{nm.mobile()}" if r.random() < 0.7 else f"；固定电话{nm.landline()}"
            row["facts"] = facts + "。"
            amount = r.randint(30, 120) * 10
            acct = f"，发放至其本人社会保障卡银行账户{nm.bank_account()}" if r.random() < 0.4 else ""
            row["result"] = f"认定为最低生活保障对象，自{d.year}年{d.month}月起按月发放最低生活保障金{amount}元{acct}。"
        else:  # 规划核实
            certno = f"HS{DISTRICT_AREA}{d.year}{r.randint(1, 999):03d}"
            row["facts"] = "建设单位申请规划核实，经现场测量，建设工程的位置、面积、高度等符合规划条件。"
            row["result"] = f"经核实，该建设工程符合规划条件，出具《建设工程规划核实合格证》（编号：{certno}）。"

    def _qt(self, row, ag, it, t, d, severity) -> None:
        r, kw, nm = self.r, it.kw, self.names
        if kw.get("other") == "奖励":
            company, _, _ = nm.company()
            amount = r.randint(2, 100) * 100
            facts = f"举报人{t.person}"
            if r.random() < 0.6:
                facts += f"（联系电话{nm.mobile()}）"
            row["facts"] = facts + f"于{self._when(d, 60, 200)}举报{company}涉嫌食品安全违法行为，经查证属实，已依法查处。"
            acct = f"，奖金转入举报人银行账户{nm.bank_account()}" if r.random() < 0.3 else ""
            row["result"] = f"给予举报人奖励人民币{amount}元{acct}。"
        else:
            amount = r.randint(5, 60) * 100
            reason = r.choice(("突发重大疾病", "家庭成员意外伤害", "火灾", "遭遇交通事故"))
            facts = f"申请人{t.person}因{reason}导致基本生活暂时出现严重困难"
            if r.random() < 0.5:
                facts += f"（公民身份号码{t.person_id}，联系电话{nm.mobile()}）"
            row["facts"] = facts + "，经审核符合临时救助条件。"
            acct = f"，发放至其本人银行账户{nm.bank_account()}" if r.random() < 0.5 else ""
            row["result"] = f"给予临时救助金{amount}元{acct}。"


# --------------------------------------------------------------------------
# Output sinks (one per decisions file)
# --------------------------------------------------------------------------

ZH_HEADERS = {
    "decision_no": "决定书文号", "category": "执法类别", "agency": "执法机关", "item_code": "事项编码",
    "target_name": "相对人名称", "target_type": "相对人类型", "target_code": "相对人证件号码", "legal_rep": "法定代表人",
    "violation": "违法行为类型", "facts": "主要事实", "basis": "执法依据", "result": "执法结果",
    "penalty_types": "处罚种类", "fine_yuan": "罚款金额（元）", "confiscated_yuan": "没收金额（元）",
    "decision_date": "作出决定日期", "publish_date": "公示日期", "display_until": "公示截止日期",
    "severity": "失信程度", "disclose": "是否公开", "withhold": "不予公开字段",
}
FIELDS = list(ZH_HEADERS)


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _wan(n: int) -> str:
    return format((Decimal(n) / Decimal(10000)).normalize(), "f")


class CsvSink:
    def __init__(self, path: Path, encoding: str, header: list[str], fmt: Callable[[dict], list], limit: int):
        self.path = path
        self.encoding = encoding
        self.header = header
        self.fmt = fmt
        self.limit = limit
        self.rows = 0
        self.paths: list[Path] = [path]
        self._f = open(path, "w", encoding=encoding, newline="")
        self._w = csv.writer(self._f)
        self._w.writerow(header)

    def full(self) -> bool:
        return self.rows >= self.limit

    def write(self, row: dict) -> None:
        self._w.writerow(self.fmt(row))
        self.rows += 1

    def write_raw(self, values: list) -> None:
        self._w.writerow(values)
        self.rows += 1

    def close(self) -> None:
        self._f.close()


class PartedSink:
    """The bulk export: one file, or parts of at most `part_rows` rows."""

    def __init__(self, directory: Path, stem: str, split: bool, part_rows: int, header, fmt):
        self.directory, self.stem, self.split, self.part_rows = directory, stem, split, part_rows
        self.header, self.fmt = header, fmt
        self.rows = 0
        self.paths: list[Path] = []
        self.part_counts: list[int] = []
        self._cur: CsvSink | None = None
        self._open()

    def _open(self) -> None:
        if self._cur is not None:
            self._cur.close()
        name = f"{self.stem}_part{len(self.paths) + 1:02d}.csv" if self.split else f"{self.stem}.csv"
        self._cur = CsvSink(self.directory / name, "utf-8-sig", self.header, self.fmt, self.part_rows)
        self.paths.append(self._cur.path)
        self.part_counts.append(0)

    def full(self) -> bool:
        return False

    def _room(self) -> None:
        if self.split and self._cur.rows >= self.part_rows:
            self._open()

    def write(self, row: dict) -> None:
        self._room()
        self._cur.write(row)
        self.rows += 1
        self.part_counts[-1] += 1

    def write_raw(self, values: list) -> None:
        self._room()
        self._cur.write_raw(values)
        self.rows += 1
        self.part_counts[-1] += 1

    def close(self) -> None:
        self._cur.close()


class XlsxSink:
    TITLE = "天津市西青区行政执法决定公示数据导出"
    HEADER = ["决定书文号", "执法类别", "执法机关", "事项编码", "相对人名称", "相对人类型", "相对人证件号码", "法定代表人",
              "违法行为类型", "主要事实", "执法依据", "执法结果", "处罚种类", "罚款金额（元）", "没收金额（元）",
              "作出决定日期", "公示日期", "公示截止日期", "失信程度", "是否公开", "不予公开字段"]

    def __init__(self, path: Path, rng: Random, limit: int):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        self._Cell = WriteOnlyCell
        self.path, self.r, self.limit = path, rng, limit
        self.rows = 0
        self.paths = [path]
        self.wb = Workbook(write_only=True)
        self.wb.properties.creator = "天津市行政执法监督平台"
        self.wb.properties.lastModifiedBy = "天津市行政执法监督平台"
        self.wb.properties.title = self.TITLE
        self.wb.properties.created = FIXED_TIMESTAMP
        self.wb.properties.modified = FIXED_TIMESTAMP
        self.ws = self.wb.create_sheet("决定公示")
        widths = [30, 10, 30, 18, 34, 14, 22, 10, 30, 60, 40, 60, 20, 14, 14, 14, 14, 14, 10, 10, 14]
        from openpyxl.utils import get_column_letter
        for idx, w in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(idx)].width = w
        self.ws.merged_cells.add(f"A1:{get_column_letter(len(self.HEADER))}1")
        title = WriteOnlyCell(self.ws, value=self.TITLE)
        title.font = Font(bold=True, size=14)
        title.alignment = Alignment(horizontal="center")
        self.ws.append([title])
        head = []
        for h in self.HEADER:
            c = WriteOnlyCell(self.ws, value=h)
            c.font = Font(bold=True)
            head.append(c)
        self.ws.append(head)

    def full(self) -> bool:
        return self.rows >= self.limit

    def _text(self, v: str):
        c = self._Cell(self.ws, value=v if v else None)
        c.number_format = "@"
        return c

    def _date(self, d: date | None):
        if d is None:
            return None
        if self.r.random() < 0.8:
            return d   # openpyxl gives date values the format yyyy-mm-dd
        c = self._Cell(self.ws, value=d)
        c.number_format = 'yyyy"年"m"月"d"日"'
        return c

    def _amount(self, n: int | None):
        if n is None:
            return None
        if n >= 1000 and n % 1000 == 0 and self.r.random() < 0.15:
            return f"{n / 10000:g}万元"
        c = self._Cell(self.ws, value=n)
        c.number_format = "#,##0.00"
        return c

    def write(self, row: dict, numeric_code: bool = False) -> None:
        code: Any = self._text(row["target_code"])
        if numeric_code:
            # What Excel does to an 18-digit code typed into a General cell: 15 significant digits.
            code = float(f"{int(row['target_code']):.15g}")
        self.ws.append([
            self._text(row["decision_no"]), row["category"], row["agency"], self._text(row["item_code"]),
            row["target_name"], row["target_type"], code, row["legal_rep"] or None, row["violation"] or None,
            row["facts"] or None, row["basis"] or None, row["result"] or None, "；".join(row["penalty_types"]) or None,
            self._amount(row["fine_yuan"]), self._amount(row["confiscated_yuan"]), self._date(row["decision_date"]),
            self._date(row["publish_date"]), self._date(row["display_until"]), row["severity"] or None,
            row["disclose"], "；".join(ZH_HEADERS[f] for f in row["withhold"]) or None,
        ])
        self.rows += 1

    def close(self) -> None:
        from openpyxl.writer.excel import ExcelWriter

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(self.wb, archive).save()
        self.path.write_bytes(_deterministic_zip(buf.getvalue()))


def _deterministic_zip(data: bytes) -> bytes:
    """Re-pack a zip with fixed entry timestamps and attributes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# Formatters: canonical row -> the values of one file's columns.

def _fmt_bulk(rng: Random) -> Callable[[dict], list]:
    rand = rng.random

    def amount(n):
        if n is None:
            return ""
        return f"{n}.00" if rand() < 0.3 else str(n)

    def fmt(row: dict) -> list:
        return [
            row["decision_no"], row["category"], row["agency"], row["item_code"], row["target_name"],
            row["target_type"], row["target_code"], row["legal_rep"], row["violation"], row["facts"], row["basis"],
            row["result"], "；".join(row["penalty_types"]), amount(row["fine_yuan"]), amount(row["confiscated_yuan"]),
            _iso(row["decision_date"]), _iso(row["publish_date"]), _iso(row["display_until"]), row["severity"],
            "" if row["disclose"] == "是" and rand() < 0.2 else row["disclose"],
            "；".join([ZH_HEADERS[f] for f in row["withhold"]]) if row["withhold"] else "",
        ]
    return fmt


def _fmt_english(rng: Random) -> Callable[[dict], list]:
    def slash(d):
        return f"{d.year}/{d.month}/{d.day}" if d else ""

    def amount(n):
        return f"{n:,.2f}" if n is not None else ""

    def fmt(row: dict) -> list:
        return [
            row["decision_no"], row["category"], row["agency"], row["item_code"], row["target_name"],
            row["target_type"], row["target_code"], row["legal_rep"], row["violation"], row["facts"], row["basis"],
            row["result"], ",".join(row["penalty_types"]), amount(row["fine_yuan"]), amount(row["confiscated_yuan"]),
            slash(row["decision_date"]), slash(row["publish_date"]), slash(row["display_until"]), row["severity"],
            row["disclose"], ",".join(row["withhold"]),
        ]
    return fmt


GBK_HEADER = ["序号", "执法机关", "执法类别", "决定书文号", "相对人名称", "相对人证件号码", "法定代表人", "违法行为类型",
              "主要事实", "执法依据", "执法结果", "处罚种类", "罚款金额（元）", "没收金额（元）", "作出决定日期", "公示日期",
              "失信程度", "是否公开", "不予公开字段", "备注"]


def _fmt_gbk(rng: Random) -> Callable[[dict], list]:
    rand = rng.random
    counter = [0]

    def day(d):
        if not d:
            return ""
        return f"{d.year}.{d.month}.{d.day}" if rand() < 0.1 else cn_date(d)

    def amount(n):
        if n is None:
            return ""
        x = rand()
        if x < 0.15:
            return str(n).translate(_FULLWIDTH)
        if x < 0.40 and n >= 1000 and n % 100 == 0:
            return f"{n / 10000:g}万元"
        return f"{n}元"

    def fmt(row: dict) -> list:
        counter[0] += 1
        note = ""
        if row["category"] == CF and rand() < 0.3:
            note = "已缴纳罚款" if row["fine_yuan"] else "已送达"
        return [
            counter[0], row["agency"], row["category"], row["decision_no"], row["target_name"], row["target_code"],
            row["legal_rep"], row["violation"], row["facts"], row["basis"], row["result"], "、".join(row["penalty_types"]),
            amount(row["fine_yuan"]), amount(row["confiscated_yuan"]), day(row["decision_date"]), day(row["publish_date"]),
            row["severity"], row["disclose"], "、".join(ZH_HEADERS[f] for f in row["withhold"]), note,
        ]
    return fmt


CF_HEADER = ["CF_WSH", "CF_CFJG", "CF_CFJGDM", "CF_XDR_MC", "CF_XDR_SHXYM", "CF_FRDB", "CF_WFXW", "CF_SY", "CF_YJ",
             "CF_CFLB", "CF_NR", "CF_NR_FK", "CF_NR_WFFF", "CF_JDRQ", "CF_GSJZQ", "公示日期", "BZ"]


def _display_end(row: dict) -> date:
    d = row["decision_date"]
    sev = row["severity"]
    if sev:
        months = {"轻微": 3, "一般": 12, "严重": 36}[sev]
    else:
        months = 3 if set(row["penalty_types"]) <= {"警告", "通报批评"} else 12
    return add_months(d, months)


def _fmt_cf(cat: Catalogue, rng: Random) -> Callable[[dict], list]:
    def ymd(d):
        return f"{d.year}{d.month:02d}{d.day:02d}" if d else ""

    def fmt(row: dict) -> list:
        ag = cat.by_key[row["_agency_key"]]
        return [
            row["decision_no"], row["agency"], ag.code, row["target_name"], row["target_code"], row["legal_rep"],
            row["violation"], row["facts"], row["basis"], "；".join(row["penalty_types"]), row["result"],
            _wan(row["fine_yuan"]) if row["fine_yuan"] is not None else "",
            _wan(row["confiscated_yuan"]) if row["confiscated_yuan"] is not None else "",
            ymd(row["decision_date"]), ymd(row["display_until"] or _display_end(row)), _iso(row["publish_date"]), "",
        ]
    return fmt


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------

FILE_BULK = "xiqing_platform_export"
FILE_EN = "vertical_agencies_api_export.csv"
FILE_GBK = "townships_gbk.csv"
FILE_XLSX = "urban_construction_export.xlsx"
FILE_CF = "CF_market_supervision_shuanggongshi.csv"


def _plan(n: int, with_errors: bool) -> dict[int, list[str]]:
    """Indices of the logical decisions that get special treatment."""
    plan: dict[int, list[str]] = {}
    if n < MIN_N_FOR_SPECIALS:
        return plan

    def at(frac: float, kind: str) -> None:
        i = min(n - 1, int(n * frac))
        while i in plan:
            i += 1
        plan[i] = [kind]

    at(0.80, "replaced")
    at(0.83, "replacement")
    embargo = max(3, n // 400)
    step = max(1, min(5, n // 1000 + 1))
    for j in range(embargo):
        i = n - 1 - j * step
        if i not in plan:
            plan[i] = ["embargo"]
    if with_errors:
        at(0.20, "unknown_agency")
        at(0.25, "missing_required")
        at(0.30, "duplicate")
        at(0.36, "bad_check_digit")
        at(0.42, "conflict")
        at(0.55, "numeric_identifier")
    return plan


def _remove_previous(out: Path) -> None:
    dec = out / "decisions"
    if dec.is_dir():
        for p in sorted(dec.iterdir()):
            if p.is_file() and (p.name.startswith(FILE_BULK) or p.name in (FILE_EN, FILE_GBK, FILE_XLSX, FILE_CF)):
                p.unlink()
    stats = out / "statistics"
    if stats.is_dir():
        for p in sorted(stats.glob("20[0-9][0-9].csv")):
            p.unlink()


def generate(out_dir: Path, decisions: int = 2000, seed: int = 2024, *, with_errors: bool = True) -> dict:
    """Write a sample data directory; return counts.

    `decisions` is the number of logical, valid decisions. With `with_errors`
    (and decisions >= 50) a few deliberately bad extra rows are added; the
    returned `decision_rows` counts all data rows in decisions/.
    """
    n = int(decisions)
    if n < 1:
        raise ValueError("decisions must be >= 1")
    out = Path(out_dir)
    (out / "decisions").mkdir(parents=True, exist_ok=True)
    (out / "statistics").mkdir(parents=True, exist_ok=True)
    _remove_previous(out)

    catalogue = build_catalogue(seed)
    rng = FastRandom(f"{seed}:decisions")
    factory = DecisionFactory(catalogue, rng, n)
    wr = FastRandom(f"{seed}:withdrawals")

    workdays = _workdays(START_DATE, REFERENCE_DATE + timedelta(days=150))
    n_ref = bisect_right(workdays, REFERENCE_DATE)

    split = n > SMALL_N
    part_rows = min(MAX_PART_ROWS, max(1, -(-n // 4))) if split else n + 100
    dec_dir = out / "decisions"
    bulk = PartedSink(dec_dir, FILE_BULK, split, part_rows, [ZH_HEADERS[f] for f in FIELDS],
                      _fmt_bulk(FastRandom(f"{seed}:fmt:bulk")))
    en = CsvSink(dec_dir / FILE_EN, "utf-8", FIELDS, _fmt_english(FastRandom(f"{seed}:fmt:en")), MAX_PART_ROWS)
    gbk = CsvSink(dec_dir / FILE_GBK, "gbk", GBK_HEADER, _fmt_gbk(FastRandom(f"{seed}:fmt:gbk")), MAX_PART_ROWS)
    cf = CsvSink(dec_dir / FILE_CF, "utf-8-sig", CF_HEADER, _fmt_cf(catalogue, FastRandom(f"{seed}:fmt:cf")), MAX_PART_ROWS)
    xlsx = XlsxSink(dec_dir / FILE_XLSX, FastRandom(f"{seed}:fmt:xlsx"), XLSX_MAX_ROWS)

    en_keys = {"GA", "SWJU", "XF"}
    xlsx_keys = {"CGW", "ZJW", "GHZY"}

    plan = _plan(n, with_errors)
    specials: list[dict] = []     # documented in README
    stats: dict[tuple[int, str, str], list] = {}
    reservoir_cf: list[tuple[int, dict]] = []
    reservoir_xk: list[tuple[int, dict]] = []
    seen_cf = seen_xk = 0
    embargoed: list[dict] = []
    replaced: dict | None = None
    replacement: dict | None = None
    extra_rows = 0
    dup_rows = 0
    win_lo = REFERENCE_DATE - timedelta(days=330)
    win_hi = REFERENCE_DATE - timedelta(days=30)

    for i in range(n):
        k = i * n_ref // n
        d = workdays[k]
        kinds = plan.get(i, ())
        kind = kinds[0] if kinds else ""
        if kind in ("replaced", "replacement", "bad_check_digit", "conflict", "unknown_agency"):
            if kind == "replacement" and replaced is not None:
                row = factory.build(d, severity="一般", item=replaced["_item"], target=replaced["_target"])
                row["item_code"] = replaced["item_code"]
                row["facts"] = (f"本机关于{cn_date(replaced['decision_date'])}作出{replaced['decision_no']}行政处罚决定后，"
                                "经行政复议机关审查认为原决定罚款数额明显不当，本机关依法重新作出本决定，原决定同时撤回。")
            else:
                key = "SCJG" if kind in ("replaced", "unknown_agency") else "YJGL" if kind == "conflict" else "STHJ"
                row = factory.build(d, CF, key, ttype=ORG, severity="一般")
        elif kind == "numeric_identifier":
            row = factory.build(d, CF, "CGW", ttype=ORG, severity="一般")
        elif kind == "missing_required":
            row = factory.build(d, CF, "YLQZ", severity="一般")
        elif kind == "embargo" and not embargoed:
            row = factory.build(d, CF, "SCJG", ttype=ORG)
        else:
            row = factory.build(d)

        # publication dates
        r = rng.random()
        if kind == "embargo":
            row["publish_date"] = workdays[n_ref - 1 + rng.randint(1, 8)]
        elif r < 0.03:
            row["publish_date"] = None
        elif r < 0.11:
            row["publish_date"] = min(d + timedelta(days=rng.randint(15, 40)), REFERENCE_DATE)
        else:
            row["publish_date"] = min(workdays[k + rng.randint(1, 10)], REFERENCE_DATE)
        if not kind:
            x = rng.random()
            if x < 0.02:
                row["disclose"] = "否"
            elif x < 0.025:
                x2 = rng.random()
                row["display_until"] = (add_months(d, 6) - timedelta(days=1) if x2 < 0.4 else
                                        add_months(d, 24) - timedelta(days=1) if x2 < 0.8 else d + timedelta(days=45))
            elif x < 0.035 and row["category"] in (CF, XK) and row["target_type"] == ORG:
                row["withhold"] = ["fine_yuan"] if row["fine_yuan"] and rng.random() < 0.6 else ["facts"]
                if row["withhold"] == ["fine_yuan"]:
                    row["result"] = re.sub(r"罚款\d+元", "罚款", row["result"])
                else:
                    row["facts"] += "（该内容涉及当事人商业秘密）"

        # routing
        akey = row["_agency_key"]
        ag = catalogue.by_key[akey]
        if kind:
            sink = bulk
        elif akey in en_keys and not en.full():
            sink = en
        elif ag.level == "乡镇街道" and not gbk.full() and row["display_until"] is None:
            sink = gbk
        elif akey in xlsx_keys and not xlsx.full():
            sink = xlsx
        elif (akey == "SCJG" and row["category"] == CF and row["target_type"] != PER and row["disclose"] == "是"
              and not row["withhold"] and not cf.full()):
            sink = cf
        else:
            sink = bulk

        # special rows
        if kind == "bad_check_digit":
            code = row["target_code"]
            good = code[-1]
            row["target_code"] = code[:-1] + _ALNUM[(_ALNUM.index(good) + 7) % 31]
            specials.append(dict(kind=kind, file=bulk.paths[-1].name, decision_no=row["decision_no"],
                                 note=f"target_code {row['target_code']} fails the GB 32100 check (valid would end in "
                                      f"{good}); a valid decision, published with a warning"))
        sink.write(row)
        if kind == "duplicate":
            bulk.write(row)
            extra_rows += 1
            dup_rows += 1
            specials.append(dict(kind=kind, file=bulk.paths[-1].name, decision_no=row["decision_no"],
                                 note="the same row exported twice; collapses to one decision with a warning"))
        elif kind == "embargo":
            embargoed.append(row)
        elif kind == "replaced":
            replaced = row
        elif kind == "replacement":
            replacement = row

        # extra (bad) rows, not part of the N logical decisions
        if kind == "unknown_agency":
            bad = factory.build(d, CF, "SCJG", ttype=IND, severity="一般")
            bad["agency"] = "西青区市场监管局"
            bad["publish_date"] = row["publish_date"]
            bulk.write(bad)
            extra_rows += 1
            specials.append(dict(kind=kind, file=bulk.paths[-1].name, decision_no=bad["decision_no"],
                                 note="agency 西青区市场监管局 is an informal short name, not a subject or alias: quarantined"))
        elif kind == "missing_required":
            bad = factory.build(d, CF, "YLQZ", severity="一般")
            bad["result"] = ""
            bad["publish_date"] = row["publish_date"]
            gbk.write(bad)
            extra_rows += 1
            specials.append(dict(kind=kind, file=FILE_GBK, decision_no=bad["decision_no"],
                                 note="执法结果 (result, required) left empty: quarantined"))
        elif kind == "conflict":
            conflict_no = factory.next_no(catalogue.by_key["YJGL"], CF, d.year)
            for _ in range(2):
                bad = factory.build(d, CF, "YJGL", ttype=ORG, severity="一般")
                factory.seq[("津西青应急罚", d.year)] -= 1  # the clerk reused one number: do not consume another
                bad["decision_no"] = conflict_no
                bad["publish_date"] = row["publish_date"]
                bulk.write(bad)
                extra_rows += 1
            specials.append(dict(kind="conflict", file=bulk.paths[-1].name, decision_no=conflict_no,
                                 note="two rows share this decision_no with different targets and amounts: both quarantined"))
        elif kind == "numeric_identifier":
            bad = factory.build(d, CF, "CGW", ttype=ORG, severity="一般")
            code = factory.names.uscc("91", modern=False)
            while not code.isdigit():
                code = factory.names.uscc("91", modern=False)
            bad["target_code"] = code
            bad["publish_date"] = row["publish_date"]
            xlsx.write(bad, numeric_code=True)
            extra_rows += 1
            shown = f"{float(code):.5E}"
            specials.append(dict(kind=kind, file=FILE_XLSX, decision_no=bad["decision_no"],
                                 note=f"相对人证件号码 stored as the number {float(f'{int(code):.15g}'):.15g} "
                                      f"(Excel shows {shown}), digits lost from {code}: quarantined, "
                                      "format the column as text"))

        # statistics (logical decisions only)
        y = d.year
        if y in (2024, 2025) and row["category"] in STAT_CATEGORIES:
            s = stats.setdefault((y, akey, row["category"]), [0, 0])
            s[0] += 1
            if row["fine_yuan"]:
                s[1] += row["fine_yuan"]

        # withdrawal candidates (reservoir sampling, own RNG)
        if (not kind and row["disclose"] == "是" and not row["withhold"] and row["display_until"] is None
                and row["publish_date"] and win_lo <= d <= win_hi):
            if row["category"] == CF and row["severity"] != "轻微" and "罚款" in row["penalty_types"]:
                seen_cf += 1
                _reservoir(reservoir_cf, 24, seen_cf, i, row, wr)
            elif row["category"] == XK and row["result"].startswith("准予"):
                seen_xk += 1
                _reservoir(reservoir_xk, 4, seen_xk, i, row, wr)

    files = {}
    for sink in (bulk, en, gbk, xlsx, cf):
        sink.close()
    files.update(_file_counts(bulk, en, gbk, xlsx, cf))

    subjects = _write_subjects(out, catalogue)
    officers = _write_officers(out, catalogue, seed)
    items = _write_items(out, catalogue)
    stat_rows = _write_statistics(out, catalogue, stats, seed)
    holidays = _write_holidays(out)
    withdrawals, wnotes = _write_withdrawals(out, wr, reservoir_cf, reservoir_xk, embargoed, replaced, replacement)

    decision_rows = sum(files.values())
    counts = {
        "decisions": n,
        "decision_rows": decision_rows,
        "extra_rows": extra_rows,
        "duplicate_rows": dup_rows,
        "files": files,
        "withdrawals": withdrawals,
        "subjects": subjects,
        "officers": officers,
        "items": items,
        "statistics": stat_rows,
        "holidays": holidays,
        "embargoed": len(embargoed),
        "seed": seed,
        "bad_rows": [{k: s[k] for k in ("kind", "file", "decision_no")} for s in specials],
    }
    _write_readme(out, counts, specials, wnotes, with_errors and n >= MIN_N_FOR_SPECIALS)
    return counts


def _reservoir(res: list, size: int, seen: int, i: int, row: dict, r: Random) -> None:
    slim = {k: row[k] for k in ("decision_no", "decision_date", "publish_date", "category", "agency")}
    if len(res) < size:
        res.append((i, slim))
    else:
        j = r.randrange(seen)
        if j < size:
            res[j] = (i, slim)


def _file_counts(bulk: PartedSink, *sinks) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p, rows in zip(bulk.paths, bulk.part_counts):
        counts[f"decisions/{p.name}"] = rows
    for s in sinks:
        counts[f"decisions/{s.path.name}"] = s.rows
    return counts


# --------------------------------------------------------------------------
# The small files
# --------------------------------------------------------------------------

def _csv(path: Path, header: list[str], rows: list[list], encoding: str = "utf-8-sig") -> int:
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return len(rows)


def _write_subjects(out: Path, cat: Catalogue) -> int:
    rows = []
    for ag in cat.agencies:
        rows.append([ag.name, ag.code, ag.kind, ag.level, ag.parent, ag.duties, ag.basis, ag.address, ag.phone,
                     _remedy(ag), "；".join(ag.aliases)])
    return _csv(out / "subjects.csv", ["名称", "统一社会信用代码", "主体类型", "层级", "上级机关", "职责", "设立依据", "地址",
                                       "联系电话", "救济渠道", "曾用名"], rows)


def _write_officers(out: Path, cat: Catalogue, seed: int) -> int:
    r = FastRandom(f"{seed}:officers")
    rows = []
    for ag in cat.agencies:
        for name, cert in ag.officers:
            x = r.random()
            status = "有效" if x < 0.90 else "暂扣" if x < 0.94 else "注销"
            if status == "注销":
                until = date(r.randint(2024, 2026), r.randint(1, 12), r.randint(1, 28))
                until = min(until, REFERENCE_DATE - timedelta(days=r.randint(1, 60)))
            elif r.random() < 0.08:   # still marked 有效 but the certificate has lapsed
                until = REFERENCE_DATE - timedelta(days=r.randint(5, 300))
            else:
                until = date(r.randint(2027, 2030), r.choice((6, 12)), 30 if r.random() < 0.5 else 1)
            rows.append([name, ag.name, cert, ag.domain, status, until.isoformat()])
    return _csv(out / "officers.csv", ["姓名", "所属机关", "执法证号", "执法类别", "状态", "有效期至"], rows)


def _write_items(out: Path, cat: Catalogue) -> int:
    rows = [[it.code, it.name, it.cat, it.agency.name, it.basis, benchmark_text(it)] for it in cat.items]
    return _csv(out / "items.csv", ["事项编码", "事项名称", "执法类别", "实施主体", "设定依据", "裁量基准"], rows)


def _write_statistics(out: Path, cat: Catalogue, stats: dict, seed: int) -> int:
    r = FastRandom(f"{seed}:statistics")
    total = 0
    late = {2024: "SWU", 2025: "SWJ"}
    for year in (2024, 2025):
        rows = []
        for ag in cat.agencies:
            if not ag.stats:
                continue
            k = r.randint(2, 6)
            day = date(year + 1, 1, 1)
            while k:
                day += timedelta(days=1)
                if is_workday(day):
                    k -= 1
            published = date(year + 1, 1, 15 if year == 2024 else 19) if late[year] == ag.key else day
            for c in STAT_CATEGORIES:
                count, fine = stats.get((year, ag.key, c), (0, 0))
                reviewed = sum(1 for _ in range(count) if r.random() < 0.015) if c in (CF, XK, QZ) else 0
                litigated = sum(1 for _ in range(count) if r.random() < 0.005) if c in (CF, QZ) else 0
                corrected = sum(1 for _ in range(reviewed + litigated) if r.random() < 0.25)
                rows.append([year, ag.name, c, count, f"{fine}.00" if c == CF else "", reviewed, litigated, corrected,
                             published.isoformat()])
        total += _csv(out / "statistics" / f"{year}.csv",
                      ["年度", "执法机关", "执法类别", "数量", "罚款金额（元）", "行政复议数", "行政诉讼数", "被纠错数", "公布日期"],
                      rows)
    return total


def _write_holidays(out: Path) -> int:
    rows = [[d.isoformat(), k] for d, k in ILLUSTRATIVE_2027]
    return _csv(out / "holidays.csv", ["日期", "类型"], rows)


def _write_withdrawals(out: Path, r: Random, res_cf: list, res_xk: list, embargoed: list[dict],
                       replaced: dict | None, replacement: dict | None) -> tuple[int, list[dict]]:
    rows: list[list[str]] = []
    notes: list[dict] = []
    cands = [row for _, row in sorted(res_cf, key=lambda t: t[0])]
    lic = [row for _, row in sorted(res_xk, key=lambda t: t[0])]

    def when(row: dict, late: bool = False) -> date:
        if late:
            return REFERENCE_DATE + timedelta(days=r.randint(2, 6))
        start = (row["publish_date"] or row["decision_date"]) + timedelta(days=3)
        span = max(0, (REFERENCE_DATE - start).days)
        return start + timedelta(days=r.randint(0, span))

    def add(row_no: str, kind: str, d: date, reason: str, new: str = "", note: str = "") -> None:
        rows.append([row_no, kind, d.isoformat(), reason, new])
        if note:
            notes.append(dict(decision_no=row_no, kind=kind, note=note))

    if replaced is not None and replacement is not None:
        add(replaced["decision_no"], "变更", replacement["decision_date"],
            "经天津市西青区人民政府行政复议，原行政处罚决定罚款数额明显不当，本机关依法重新作出决定。",
            replacement["decision_no"], note="replaced_by points to a real, published decision")
    plan = [
        ("变更", "行政复议机关决定变更原处罚决定中的罚款数额。", ""),
        ("变更", "本机关发现原决定适用依据错误，依法予以变更。", ""),
        ("撤销", "经天津市西青区人民政府行政复议，原行政处罚决定认定事实不清、证据不足，予以撤销。", ""),
        ("撤销", "本机关在执法监督中发现原决定程序违法，依法撤销。", ""),
        ("撤销", "经复查，原决定主要证据不足，本机关依法撤销。", "late"),
        ("确认违法", "经人民法院判决，确认原行政处罚决定程序违法。", ""),
        ("确认违法", "行政复议机关确认原行政处罚决定违法。", ""),
        ("确认无效", "经行政复议，原行政处罚决定实施主体不具有行政主体资格，确认无效。", ""),
        ("确认无效", "经人民法院判决，原行政处罚决定没有依据，确认无效。", ""),
        ("信用修复", "", ""),
        ("信用修复", "当事人已履行行政处罚决定并完成信用修复。", ""),
        ("信用修复", "", ""),
        ("信用修复", "经信用中国（天津）审核同意，提前终止公示。", ""),
        ("其他", "相对人名称登记有误，停止公示待更正。", ""),
        ("twice", "", ""),
    ]
    for kind, reason, flag in plan:
        if not cands:
            break
        row = cands.pop(0)
        if kind == "twice":
            d1 = when(row)
            d2 = min(d1 + timedelta(days=r.randint(10, 40)), REFERENCE_DATE)
            if d2 <= d1:
                d1 = d2 - timedelta(days=5)
            add(row["decision_no"], "其他", d1, "公示信息有误，暂停公示。")
            add(row["decision_no"], "撤销", d2, "经复核，原行政处罚决定依法撤销。",
                note=f"withdrawn twice: 其他 on {d1}, then 撤销 on {d2} (the latest date wins)")
            continue
        note = ""
        if kind == "信用修复" and not reason:
            note = "信用修复 with an empty reason (allowed)"
        if flag == "late":
            note = "withdrawal dated after the reference date: applies at once"
        add(row["decision_no"], kind, when(row, flag == "late"), reason, note=note)
    if lic:
        row = lic.pop(0)
        add(row["decision_no"], "撤销", when(row), "被许可人以欺骗手段取得行政许可，依据《中华人民共和国行政许可法》第六十九条第二款予以撤销。",
            note="withdrawal of a licence")
    if lic:
        row = lic.pop(0)
        add(row["decision_no"], "其他", when(row), "被许可人已申请注销该许可，停止公示。")
    if embargoed:
        row = embargoed[0]
        add(row["decision_no"], "撤销", REFERENCE_DATE - timedelta(days=1), "决定尚未公示即发现认定事实错误，依法撤销。",
            note=f"the decision is embargoed (publish_date {row['publish_date']}): never public, so no notice")
    add("津西青市监罚〔2023〕215号", "撤销", date(2026, 3, 2), "经复核，原决定依法撤销。",
        note="unknown decision number (no such decision in decisions/): reported, not fatal")
    _csv(out / "withdrawals.csv", ["决定书文号", "撤回类型", "撤回日期", "撤回理由", "新决定书文号"], rows)
    return len(rows), notes


# --------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------

def _write_readme(out: Path, counts: dict, specials: list[dict], wnotes: list[dict], errors: bool) -> None:
    f = counts["files"]
    lines = [
        "# Demo data: 天津市西青区 (fictional)",
        "",
        "Generated by `python -m generators.sample_data --out data` "
        f"(seed {counts['seed']}, {counts['decisions']} decisions). Do not edit by hand: "
        "change `generators/sample_data.py` and regenerate. Every person, company, identifier and phone number of a "
        "natural person is invented; check digits are computed so that they look real.",
        "",
        f"The demo's \"today\" is {REFERENCE_DATE.isoformat()} (`REFERENCE_DATE`): build with "
        f"`portal build --data data --today {REFERENCE_DATE.isoformat()}`. Decisions are dated "
        f"{START_DATE.isoformat()} .. {REFERENCE_DATE.isoformat()}; {counts['embargoed']} have a publish_date after it "
        "(embargoed).",
        "",
        "## Files",
        "",
        "| file | rows | demonstrates |",
        "|---|---|---|",
    ]
    demo = {
        FILE_BULK: "the district platform's bulk export: UTF-8 **with BOM**, Chinese headers, ISO dates "
                   "(2024-03-05), amounts `5000` / `5000.00`, 处罚种类 separated by ；, 是否公开 sometimes empty "
                   "(default 是), 不予公开字段, explicit 公示截止日期, empty 公示日期, all categories",
        FILE_EN: "vertically managed agencies (公安分局, 税务局, 消防救援支队) delivered from their own systems: "
                 "UTF-8 **without BOM**, **English** field names, dates `2024/3/5`, amounts `5,000.00`, lists separated by "
                 "`,`, withheld fields named in English; natural persons (治安处罚) with masked-to-be names",
        FILE_GBK: "townships and street offices (乡镇街道综合执法) saved from Excel as CSV: **GBK**, Chinese headers in a "
                  "different order, no 相对人类型 column (inferred from the code: 92… 个体工商户, resident ID 自然人), "
                  "unknown columns 序号 and 备注 (reported once), dates `2024年3月5日` and `2024.3.5`, amounts `5000元`, "
                  "`0.5万元` and full-width `５０００`, lists separated by 、",
        FILE_XLSX: "城管委, 住建委 and 规资分局 as an **.xlsx**: merged title row 1 above the header row 2, real Excel "
                   "date cells, identifier cells formatted as text (@), numeric amount cells and a few `0.5万元` strings; "
                   "城管委 decisions up to 2024-06-30 use its former name 天津市西青区市容和园林管理委员会 (alias)",
        FILE_CF: "市场监管局 penalties in the national **双公示** format: CF_ codes (category 行政处罚 implied by the "
                 "file name), CF_NR_FK / CF_NR_WFFF in **万元**, dates `20240305`, CF_GSJZQ filled, a Chinese 公示日期 "
                 "column mixed in, unknown columns CF_CFJGDM and BZ",
    }
    for name, rows in f.items():
        base = name.removeprefix("decisions/")
        key = FILE_BULK if base.startswith(FILE_BULK) else base
        lines.append(f"| `{name}` | {rows} | {demo.get(key, '')} |")
    lines += [
        f"| `withdrawals.csv` | {counts['withdrawals']} | every kind (变更 撤销 确认违法 确认无效 信用修复 其他); see below |",
        f"| `subjects.csv` | {counts['subjects']} | 区级 agencies (11… USCCs), 乡镇街道, 市级, a 法律法规授权组织 "
        "(开发区管委会) and a 受委托组织 (12… 事业单位, acting in the name of 农业农村委员会, so no items or decisions of "
        "its own); official phones 022-2739xxxx; 救济渠道 with 行政复议 (60 days) and 行政诉讼 (6 months); 城管委 with "
        "曾用名 |",
        f"| `officers.csv` | {counts['officers']} | 8-15 officers per subject; status mostly 有效, some 暂扣 and 注销; some "
        "有效 certificates already past 有效期至; 执法证号 = area code (6) + subject number (2) + personal number (5) |",
        f"| `items.csv` | {counts['items']} | the item catalogue (权责清单), codes `XQ-SCJG-CF-001`, 设定依据 and "
        "裁量基准 with 轻微/一般/严重 tiers |",
        f"| `statistics/2024.csv`, `statistics/2025.csv` | {counts['statistics']} | one row per year x subject x category "
        "(许可 处罚 强制 征收 征用 检查), zeros where there were no cases; counted from the generated decisions; "
        "published early January of the next year, except 商务局 2024 (2025-01-15) and 水务局 2025 (2026-01-19), late "
        "for Tianjin's 10 January deadline |",
        f"| `holidays.csv` | {counts['holidays']} | **illustrative** 2027 days (元旦, a guessed 春节 break with a 班 "
        "Saturday, 清明): not an official schedule |",
        "",
        "Decisions data rows: "
        f"{counts['decision_rows']} = {counts['decisions']} decisions + {counts['extra_rows']} deliberately bad extra rows.",
        "",
        "Personal data for redaction tests: 主要事实 / 执法结果 of natural persons and 个体工商户 sometimes contain the "
        "person's name, resident ID (a few with a wrong check digit), mobile (1[3-9]…), landline (022-…), bank "
        "account (16-19 digits) and e-mail; about half of the 个体工商户 names contain the operator's name "
        "(e.g. 西青区张伟小吃店 with 法定代表人 张伟). Inspection facts name officers and their certificate numbers "
        "(public by law).",
        "",
    ]
    if errors:
        lines += ["## Deliberately bad rows", "",
                  "Extra rows (not among the decisions counted above): unknown_agency 1, missing_required 1, duplicate 1, "
                  "conflict 2, numeric_identifier 1. bad_check_digit is one of the valid decisions. Expected outcome of "
                  f"`portal check --data data --today {REFERENCE_DATE.isoformat()}`: {counts['decisions']} valid "
                  "decisions, 5 quarantined rows, 2 warnings (identical duplicate, USCC check digit), 1 unknown "
                  "reference (withdrawal), unknown columns reported for the 双公示 and GBK files.", "",
                  "| kind | file | decision_no | what happens |", "|---|---|---|---|"]
        for s in specials:
            lines.append(f"| {s['kind']} | `{s['file']}` | {s['decision_no']} | {s['note']} |")
        lines.append("")
    lines += ["## Withdrawals worth noting", "", "| decision_no | kind | note |", "|---|---|---|"]
    for w in wnotes:
        lines.append(f"| {w['decision_no']} | {w['kind']} | {w['note']} |")
    lines += [
        "",
        "Other withdrawals target published penalties and a licence within their display period, so the built site "
        "shows a withdrawal notice at the decision's URL (信用修复: removed without notice).",
        "",
    ]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generators.sample_data", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, type=Path, help="data directory to write")
    p.add_argument("--decisions", type=int, default=2000, help="number of decisions (default 2000)")
    p.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    p.add_argument("--clean", action="store_true", help="no deliberately bad rows")
    a = p.parse_args(argv)
    counts = generate(a.out, a.decisions, a.seed, with_errors=not a.clean)
    json.dump(counts, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
