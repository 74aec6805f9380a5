"""Interval counting agrees with the plain day-by-day definition of cec.md §1."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.rules.dates import add_years
from eligibility.rules.hours import CAP, OPEN_END, RateFn, apportion, interval

BASE = date(2020, 1, 1).toordinal()


def day_rate(intervals, day):
    return min(CAP, sum(rate for lo, hi, rate in intervals if lo <= day < hi))


def brute_total(intervals, lo, hi):
    return sum(day_rate(intervals, day) for day in range(lo, hi))


def brute_first_reach(intervals, after: date, years: int, threshold: int, horizon: int):
    # Day by day, with a running sum of the per-day rates so that the walk stays quick.
    first = add_years(after, -years - 1).toordinal()
    last = after.toordinal() + horizon
    prefix = [0]
    for day in range(first, last + 1):
        prefix.append(prefix[-1] + day_rate(intervals, day))
    for offset in range(1, horizon):
        on = after + timedelta(days=offset)
        start = add_years(on, -years).toordinal()
        if prefix[on.toordinal() - first] - prefix[start - first] >= threshold:
            return on
    return None


rates = st.integers(min_value=100, max_value=16800)
jobs = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2400),  # start offset from BASE
        st.one_of(st.none(), st.integers(min_value=0, max_value=800)),  # length (None: open)
        rates,
    ),
    min_size=0,
    max_size=4,
)


def to_intervals(spec):
    result = []
    for start, length, rate in spec:
        lo = BASE + start
        hi = OPEN_END if length is None else lo + length + 1
        result.append((lo, hi, rate))
    return result


@settings(max_examples=150, deadline=None)
@given(jobs, st.integers(0, 2400), st.integers(0, 1200))
def test_interval_sum_equals_the_day_by_day_sum(spec, lo, width):
    intervals = to_intervals(spec)
    fn = RateFn(intervals)
    assert fn.total(BASE + lo, BASE + lo + width) == brute_total(
        intervals, BASE + lo, BASE + lo + width
    )


@settings(max_examples=150, deadline=None)
@given(jobs, st.integers(0, 2400), st.integers(0, 1200))
def test_shares_of_each_job_add_up_to_the_capped_sum(spec, lo, width):
    intervals = to_intervals(spec)
    shares = apportion(intervals, BASE + lo, BASE + lo + width)
    assert sum(shares) == RateFn(intervals).total(BASE + lo, BASE + lo + width)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 1500), st.one_of(st.none(), st.integers(0, 700)),
                  st.integers(500, 4000)),
        min_size=1, max_size=3,
    ),
    st.integers(300, 1800),
    st.integers(50_000, 1_200_000),
)
def test_first_reach_equals_the_first_day_found_by_walking_every_day(spec, after, threshold):
    intervals = to_intervals(spec)
    after_day = date.fromordinal(BASE + after)
    expected = brute_first_reach(intervals, after_day, 3, threshold, horizon=2600)
    found = RateFn(intervals).first_reach(after_day, 3, threshold)
    if expected is None:
        # Beyond the walked horizon only an open-ended job can still bring it; none did.
        assert found is None or found > after_day + timedelta(days=2600 - 1)
    else:
        assert found == expected


def test_first_reach_across_feb_29_matches_walking_every_day():
    # The window start stands still on Feb 29 and jumps on Mar 1: check every day around it.
    intervals = [interval(date(2025, 3, 1), None, 3000)]
    for threshold in range(1_080 * 3000, 1_097 * 3000, 1000):
        after = date(2027, 12, 20)
        expected = brute_first_reach(intervals, after, 3, threshold, horizon=1600)
        assert RateFn(intervals).first_reach(after, 3, threshold) == expected


def test_a_job_with_no_end_never_stops_and_a_closed_job_counts_its_last_day():
    fn = RateFn([interval(date(2024, 1, 1), date(2024, 1, 1), 700)])
    assert fn.total(date(2023, 1, 1).toordinal(), date(2025, 1, 1).toordinal()) == 700
    open_ended = RateFn([interval(date(2024, 1, 1), None, 700)])
    assert open_ended.total(date(2024, 1, 1).toordinal(), date(2124, 1, 1).toordinal()) == (
        700 * (date(2124, 1, 1) - date(2024, 1, 1)).days
    )


def test_the_window_of_three_years_before_feb_29_starts_on_feb_28():
    fn = RateFn([interval(date(2025, 2, 28), date(2025, 2, 28), 3000)])
    assert fn.window(date(2028, 2, 29), 3) == 3000


@settings(max_examples=150, deadline=None)
@given(jobs.filter(lambda spec: len(spec) <= 1))
def test_one_job_has_the_breakpoints_of_the_general_sweep(spec):
    intervals = to_intervals(spec)
    # An empty interval changes nothing but sends the same job through the general sweep.
    swept = RateFn([*intervals, (BASE, BASE, 700)])
    fn = RateFn(intervals)
    assert (fn.xs, fn.rates, fn.cum) == (swept.xs, swept.rates, swept.cum)
