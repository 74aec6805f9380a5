"""Counting hours of work exactly, by intervals rather than day by day.

Rates are hours per week in integer hundredths (37.5 h/week → 3750). For a set of jobs,
``rate(d) = min(cap, Σ rate of the jobs active on d)`` is piecewise constant, so the sum of
``rate(d)`` over any run of days is found from a few breakpoints (a sweep over job starts and
ends) instead of a loop over up to 3,650 days. Everything is integer arithmetic; an amount in
"rate-days" becomes hours by dividing by 7 × 100.
"""

from bisect import bisect_right
from datetime import date
from fractions import Fraction

from eligibility.rules.dates import add_years

CAP = 30 * 100  # hours above 30 a week never count (cec.md §1)
RATE_DAYS_PER_HOUR = 7 * 100
HOURS_1560 = 1560 * RATE_DAYS_PER_HOUR  # 1,560 h = Σ rate(d) ≥ 10,920 h/week-days
OPEN_END = date.max.toordinal()  # an open-ended job goes on "for ever" (exclusive end)

Interval = tuple[int, int, int]  # (first day, day after the last, rate), as date ordinals


def interval(start: date, end: date | None, rate: int) -> Interval:
    return (start.toordinal(), end.toordinal() + 1 if end is not None else OPEN_END, rate)


class RateFn:
    """``rate(d)`` of a set of jobs, with its running sum ``P(x) = Σ_{d < x} rate(d)``."""

    __slots__ = ("xs", "rates", "cum")

    def __init__(self, intervals: list[Interval], cap: int = CAP) -> None:
        if len(intervals) <= 1:
            self._one(intervals, cap)  # most people: no job or one job to count
            return
        events: dict[int, int] = {}
        for lo, hi, rate in intervals:
            if hi > lo:
                events[lo] = events.get(lo, 0) + rate
                events[hi] = events.get(hi, 0) - rate
        xs: list[int] = []
        rates: list[int] = []
        cum: list[int] = []
        running = 0
        total = 0
        previous = 0
        for x in sorted(events):
            running += events[x]
            rate = running if running < cap else cap
            if xs:
                total += rates[-1] * (x - previous)
                previous = x
                if rates[-1] == rate:
                    continue  # same rate goes on: no new breakpoint
            previous = x
            xs.append(x)
            rates.append(rate)
            cum.append(total)
        self.xs = xs
        self.rates = rates
        self.cum = cum

    def _one(self, intervals: list[Interval], cap: int) -> None:
        # What the sweep gives for at most one interval: its rate (capped) from its first day,
        # then 0 from the day after its last (unless its rate is 0 already).
        self.xs, self.rates, self.cum = [], [], []
        if not intervals:
            return
        lo, hi, rate = intervals[0]
        if hi <= lo:
            return
        rate = rate if rate < cap else cap
        self.xs.append(lo)
        self.rates.append(rate)
        self.cum.append(0)
        if rate:
            self.xs.append(hi)
            self.rates.append(0)
            self.cum.append(rate * (hi - lo))

    def prefix(self, x: int) -> int:
        """Σ rate(d) for d < x."""
        i = bisect_right(self.xs, x) - 1
        if i < 0:
            return 0
        return self.cum[i] + self.rates[i] * (x - self.xs[i])

    def total(self, lo: int, hi: int) -> int:
        """Σ rate(d) for lo ≤ d < hi (rate-days)."""
        if hi <= lo or not self.xs:
            return 0
        return self.prefix(hi) - self.prefix(lo)

    def rate_at(self, x: int) -> int:
        i = bisect_right(self.xs, x) - 1
        return self.rates[i] if i >= 0 else 0

    def window(self, on: date, years: int) -> int:
        """Σ rate(d) over the ``years`` before ``on``: on − years ≤ d < on."""
        return self.total(add_years(on, -years).toordinal(), on.toordinal())

    def first_reach(self, after: date, years: int, threshold: int) -> date | None:
        """Earliest day ``on`` > ``after`` whose ``years``-year window sums to ≥ ``threshold``;
        None if no day ever does.

        S(on) = P(on) − P(start(on)), start(on) = on − years. From one day to the next,
        S changes by rate(on) − rate(start(on)) while start(on) moves one day at a time. That
        step is constant between breakpoints: days where rate(on) changes, days where
        start(on) reaches a change of rate, and Feb 29 / Mar 1, where start(on) stands still
        or jumps two days. Between breakpoints we solve the linear equation instead of
        walking the days.
        """
        if not self.xs:
            return None
        lo = after.toordinal() + 1
        # Quick answers. No window after `after` can hold more than the highest rate over its
        # whole length (1,096 days at most); and with no work from `after` on, windows only
        # lose days. Either way the sum never reaches the threshold.
        first = add_years(after, -years).toordinal()
        i = max(bisect_right(self.xs, first) - 1, 0)
        highest = max(self.rates[i:])
        longest = (after - add_years(after, -years)).days + 1
        if highest * longest < threshold:
            return None
        no_more_work = self.rate_at(lo - 1) == 0 and not any(
            self.rates[bisect_right(self.xs, lo - 1):]
        )
        if no_more_work and self.total(first, lo - 1) < threshold:
            return None
        changes = [x for x in self.xs if x < OPEN_END]
        points = set(changes)
        for x in changes:
            points.add(_first_day_window_starts_at_or_after(x, years))
        last = max(max(points), lo)
        # After the last breakpoint only the leap-day cycle moves S; 4 more years cover it.
        hi = add_years(date.fromordinal(last), 4).toordinal() + 2
        first_year = date.fromordinal(lo).year
        for year in range(first_year, date.fromordinal(hi).year + 1):
            points.add(date(year, 3, 1).toordinal())
            if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
                points.add(date(year, 2, 29).toordinal())
        stops = sorted(p for p in points if lo < p <= hi)
        stops.append(hi + 1)

        def window_sum(on: int) -> int:
            day = date.fromordinal(on)
            return self.prefix(on) - self.prefix(add_years(day, -years).toordinal())

        a = lo
        for b in stops:
            if b <= a:
                continue
            s = window_sum(a)
            if s >= threshold:
                return date.fromordinal(a)
            if b > a + 1:
                step = window_sum(a + 1) - s
                if step > 0:
                    k = -((s - threshold) // step)  # ceil((threshold − s) / step)
                    if a + k < b:
                        return date.fromordinal(a + k)
            a = b
        return None


def _first_day_window_starts_at_or_after(x: int, years: int) -> int:
    # The first `on` whose window start (on − years) is ≥ day x.
    day = date.fromordinal(x)
    on = add_years(day, years)
    if add_years(on, -years) < day:  # x is Feb 29: no window starts on it
        on = date.fromordinal(on.toordinal() + 1)
    return on.toordinal()


def apportion(intervals: list[Interval], lo: int, hi: int, cap: int = CAP) -> list[int | Fraction]:
    """Each job's share of the capped sum over lo ≤ d < hi, in rate-days.

    On a day where the jobs together exceed the cap, each job counts in proportion to its
    hours (two 20 h jobs → 15 h each). The shares add up exactly to the capped total; they
    stay integers unless a cap had to be shared.
    """
    if len(intervals) == 1:
        start, end, rate = intervals[0]
        days = min(end, hi) - max(start, lo)
        return [min(rate, cap) * days if days > 0 else 0]
    events: dict[int, list[tuple[int, int]]] = {}
    for index, (start, end, rate) in enumerate(intervals):
        start, end = max(start, lo), min(end, hi)
        if end > start:
            events.setdefault(start, []).append((index, rate))
            events.setdefault(end, []).append((index, -rate))
    shares: list[int | Fraction] = [0] * len(intervals)
    active: dict[int, int] = {}
    previous = None
    for x in sorted(events):
        if previous is not None and active:
            days = x - previous
            running = sum(active.values())
            if running <= cap:
                for index, rate in active.items():
                    shares[index] += rate * days
            else:
                for index, rate in active.items():
                    shares[index] += Fraction(rate * cap * days, running)
        for index, delta in events[x]:
            if delta > 0:
                active[index] = delta
            else:
                del active[index]
        previous = x
    return shares
