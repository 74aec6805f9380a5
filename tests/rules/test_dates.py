"""Calendar helpers: whole months, as the category openings count them."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.rules.dates import add_months, months_until


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 11, 25), 1, date(2026, 12, 25)),
    (date(2026, 11, 25), 2, date(2027, 1, 25)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 3, 31), 1, date(2026, 4, 30)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(("start", "later", "expected"), [
    (date(2026, 11, 25), date(2026, 11, 25), 0),
    (date(2026, 11, 25), date(2026, 11, 26), 1),
    (date(2026, 11, 25), date(2026, 12, 25), 1),
    (date(2026, 11, 25), date(2026, 12, 26), 2),
    (date(2026, 11, 25), date(2027, 5, 8), 6),
])
def test_months_until_rounds_up_to_whole_months(start, later, expected):
    assert months_until(start, later) == expected


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(1, 2000))
def test_months_until_is_the_fewest_months_that_get_there(start, days):
    later = date.fromordinal(start.toordinal() + days)
    months = months_until(start, later)
    assert add_months(start, months) >= later
    assert add_months(start, months - 1) < later
