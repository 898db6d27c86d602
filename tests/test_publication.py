import datetime as dt

from generators.pipeline.publication import add_months, display_until, display_months
from generators.pipeline.decisions import Decision


def make(**kw):
    base = dict(decision_no="X1", category="行政处罚", agency="A", agency_slug="a", target_name="T",
                target_type="法人及非法人组织", result="r", decision_date=dt.date(2024, 1, 31),
                publish_date=dt.date(2024, 2, 1), publish_date_given=True)
    base.update(kw)
    return Decision(**base)


def test_months_clip_to_month_end():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)


def test_display_periods():
    assert display_months(make(severity="轻微")) == 3
    assert display_months(make(severity="一般")) == 12
    assert display_months(make(severity="严重")) == 36
    assert display_months(make(penalty_types=["警告"])) == 3
    assert display_months(make(penalty_types=["警告", "通报批评"])) == 3
    assert display_months(make(penalty_types=["警告", "罚款"])) == 12
    assert display_months(make(category="行政许可")) == 36
    assert display_until(make(display_until_given=dt.date(2030, 1, 1))) == dt.date(2030, 1, 1)
    assert display_until(make(severity="轻微")) == dt.date(2024, 4, 30)
