import datetime as dt
from decimal import Decimal

import pytest

from generators.pipeline import normalize as nz


@pytest.mark.parametrize("raw", ["2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "20240305",
                                 dt.datetime(2024, 3, 5, 10, 0), "２０２４-０３-０５", 45356.0])
def test_dates(raw):
    assert nz.date(raw) == dt.date(2024, 3, 5)


@pytest.mark.parametrize("raw", ["2024-02-30", "三月五日", "2024-13-01"])
def test_bad_dates(raw):
    with pytest.raises(nz.NormalizeError):
        nz.date(raw)


@pytest.mark.parametrize("raw,expected", [("5000", "5000.00"), ("5,000.00", "5000.00"), ("5000元", "5000.00"),
                                          ("0.5万元", "5000.00"), ("５０００", "5000.00"), (5000, "5000.00")])
def test_amounts(raw, expected):
    assert nz.amount(raw) == Decimal(expected)


def test_wan_columns():
    assert nz.amount("1.5", in_wan=True) == Decimal("15000.00")
    assert nz.amount("15000元", in_wan=True) == Decimal("15000.00")


@pytest.mark.parametrize("raw", ["五千", "-5", "abc元"])
def test_bad_amounts(raw):
    with pytest.raises(nz.NormalizeError):
        nz.amount(raw)


def test_numeric_identifier_lost_digits():
    with pytest.raises(nz.NormalizeError) as exc:
        nz.identifier(9.11201e17)
    assert exc.value.rule == "number_lost_digits" and "文本" in exc.value.reason
    with pytest.raises(nz.NormalizeError):
        nz.identifier("1.2E+17")
    assert nz.identifier(1001.0) == "1001"


def test_uscc_check_digit():
    assert nz.uscc_check_ok("91350100M000100Y43")
    assert not nz.uscc_check_ok("91350100M000100Y44")


def test_resident_id_shape():
    assert nz.is_resident_id("11010519491231002X")
    assert nz.is_resident_id("110105194912310021")  # wrong check digit: still an ID
    assert not nz.is_resident_id("91350100M000100Y43")


def test_lookup_of_dirty_values():
    assert nz.choice("category", " 处罚 ") == "行政处罚"
    assert nz.choice("target_type", "个体户") == "个体工商户"
    with pytest.raises(nz.NormalizeError) as exc:
        nz.choice("category", "罚没")
    assert "行政许可" in exc.value.reason


def test_invisible_characters_removed():
    assert nz.clean_text("天津\u200b市\u202e某\x00公司") == "天津市某公司"
