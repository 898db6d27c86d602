"""Chinese working days, holiday shifts (调休) included.

Sources, per calendar year, in this order:
1. `chinese_calendar` for the years it knows (those for which the State
   Council has announced the holiday arrangements);
2. the data directory's holidays.csv (休 = holiday, 班 = shifted working day)
   for a year in which it has at least one entry: Monday to Friday are
   working days except the 休 dates, plus the 班 dates;
3. otherwise Monday to Friday only.

The calendar remembers which source it used for each year, so that pages can
say so.

Counting (the legal deadlines are in working days, the decision day not
counted):
- `delay(decided, published)`: the working days after the decision day up to
  the publication; a publication on a rest day counts as made on the next
  working day. Same-day publication: 0.
- `deadline(decided, n)`: the n-th working day after the decision day.
- on time  <=>  published <= deadline  <=>  delay <= n.
"""
from __future__ import annotations

import bisect
import datetime as dt
from typing import Iterable

import chinese_calendar

CHINESE_CALENDAR = "chinese_calendar"
HOLIDAYS_CSV = "holidays.csv"
WEEKDAYS = "weekdays"
SOURCE_LABELS = {
    CHINESE_CALENDAR: "chinese_calendar 软件包（国务院办公厅公布的节假日安排，含调休）",
    HOLIDAYS_CSV: "数据目录中的 holidays.csv（本平台维护的节假日与调休上班日）",
    WEEKDAYS: "仅按周一至周五计算（尚无该年节假日安排，结果可能偏少或偏多）",
}
ONE = dt.timedelta(days=1)


def library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class WorkCalendar:
    """Working days with a prefix count, so each question is O(1) once built."""

    def __init__(self, holidays: Iterable[tuple[dt.date, str]] = ()):
        self.extra: dict[dt.date, str] = {}
        for day, kind in holidays:
            self.extra[day] = kind
        self.extra_years = {d.year for d in self.extra}
        self._source: dict[int, str] = {}
        self._start: dt.date | None = None
        self._cum: list[int] = []       # _cum[i]: working days in [start, start + i]

    @classmethod
    def from_records(cls, records) -> "WorkCalendar":
        return cls((r.values["date"], r.values["kind"]) for r in records)

    def source(self, year: int) -> str:
        if year not in self._source:
            if library_knows(year):
                self._source[year] = CHINESE_CALENDAR
            elif year in self.extra_years:
                self._source[year] = HOLIDAYS_CSV
            else:
                self._source[year] = WEEKDAYS
        return self._source[year]

    def is_workday(self, day: dt.date) -> bool:
        src = self.source(day.year)
        if src == CHINESE_CALENDAR:
            return chinese_calendar.is_workday(day)
        if src == HOLIDAYS_CSV and day in self.extra:
            return self.extra[day] == "班"
        return day.weekday() < 5

    # prefix counts --------------------------------------------------------
    def _ensure(self, first: dt.date, last: dt.date) -> None:
        """Cover [first, last] by whole years (few thousand days at most)."""
        first = dt.date(first.year, 1, 1)
        last = dt.date(last.year, 12, 31)
        if self._start is not None and first >= self._start and last <= self._end:
            return
        if self._start is not None:
            first, last = min(first, self._start), max(last, self._end)
        cum, n, day = [], 0, first
        while day <= last:
            n += self.is_workday(day)
            cum.append(n)
            day += ONE
        self._start, self._end, self._cum = first, last, cum

    def _index(self, day: dt.date) -> int:
        return (day - self._start).days

    def delay(self, decided: dt.date, published: dt.date) -> int:
        """Working days after `decided` up to `published` (rest day -> next working day)."""
        if published <= decided:
            return 0
        self._ensure(decided, published)
        before = self._cum[self._index(published - ONE)] - self._cum[self._index(decided)]
        return before + 1

    def deadline(self, decided: dt.date, n: int) -> dt.date:
        """The n-th working day after `decided` (n >= 1)."""
        self._ensure(decided, decided + dt.timedelta(days=3 * n + 40))
        base = self._cum[self._index(decided)]
        i = bisect.bisect_left(self._cum, base + n, lo=self._index(decided) + 1)
        while i >= len(self._cum):   # pathological calendars: extend by a year
            self._ensure(decided, self._end + dt.timedelta(days=366))
            i = bisect.bisect_left(self._cum, base + n, lo=self._index(decided) + 1)
        day = self._start + dt.timedelta(days=i)
        return day

    def sources_for(self, years: Iterable[int]) -> list[dict]:
        """[{year, source, label}] for the years given, sorted."""
        return [{"year": y, "source": self.source(y), "label": SOURCE_LABELS[self.source(y)]}
                for y in sorted(set(years))]
