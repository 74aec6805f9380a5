"""Calendar helpers shared by the rules. Pure functions on ``datetime.date``."""

from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=8192)
def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years; Feb 29 becomes Feb 28 in a year without it.

    Cached: an evaluation moves the same few dates (the evaluation date above all) many times.

    cec.md §1 states this for the 3-year window ("subtracting 3 years from Feb 29 gives
    Feb 28"); we use the same convention everywhere so one date rule governs every period.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # Feb 29 in a year without one
        return day.replace(year=day.year + years, day=28)


def completed_years(birth: date, on: date) -> int:
    """Age in completed years on ``on``. Someone born on Feb 29 turns a year older on Mar 1
    in years without Feb 29 (the birthday has not yet come on Feb 28)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def window_start(on: date, years: int) -> date:
    """First day of the ``years``-year window before ``on`` (the window is start ≤ d < on)."""
    return add_years(on, -years)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; a day the month lacks becomes its last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def months_until(start: date, later: date) -> int:
    """Whole months from ``start`` until ``later``, rounded up: the fewest ``n`` with
    ``add_months(start, n) >= later`` (0 when ``later`` is not after ``start``)."""
    if later <= start:
        return 0
    months = (later.year - start.year) * 12 + later.month - start.month
    months = max(months - 1, 0)
    while add_months(start, months) < later:
        months += 1
    return months
