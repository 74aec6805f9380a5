"""Canadian Experience Class minimum requirements (shared/rules/cec.md)."""

from datetime import date
from decimal import Decimal
from functools import lru_cache

from eligibility.rules.dates import ONE_DAY, add_years
from eligibility.rules.facts import PROVINCES, Facts
from eligibility.rules.frozen import frozen
from eligibility.rules.hours import HOURS_1560, OPEN_END, RATE_DAYS_PER_HOUR, RateFn, apportion
from eligibility.rules.language import LanguageResult
from eligibility.rules.reasons import Reason, because, define, define_values, plain, shared, then
from eligibility.rules.rulesets import Ruleset
from eligibility.rules.work import CanadianWork, not_counted

WINDOW_YEARS = 3
HOURS_NEEDED = 1560

# --- What the engine says (constants the tests assert) ----------------------------------------
# Each is the English of one reason code (``reasons.define``); the figures are its parameters.
WORK_SHORT = define("work_short", "{hours:,} of 1,560 hours in the window {first} … {last}")
WORK_MET = define("work_met", "{hours:,} hours in the window {first} … {last} (1,560 needed)")
REACH_ONE_JOB = define(
    "reach_one_job", "If your current job continues at {rate} h/week you reach 1,560 hours on {on}"
)
REACH_JOBS = define(
    "reach_jobs",
    "If your current jobs continue at {rate} h/week in total you reach 1,560 hours on {on}",
)
REACH_AS_ENTERED = define(
    "reach_as_entered", "With your jobs as entered you reach 1,560 hours on {on}"
)
NEVER_REACH = define(
    "never_reach", "At {rate} h/week your current work never adds up to 1,560 hours in 3 years"
)
OUTSIDE_WINDOW = define("outside_window", "outside the 3-year window {first} … {last}")

TEST_EXPIRES = define("test_expires", "Your {test} of {taken_on} expires on {until}")
TEST_EXPIRED = define("test_expired", "your {test} of {taken_on} expired on {until}")
TEST_NOT_YET = define("test_not_yet", "your {test} of {taken_on} was taken after {on}")
NO_TEST = define("no_test", "No language test is entered")
NO_VALID_TEST = define("no_valid_test", "No valid language test on {on}: {tests}")
LEVEL_ANY_TEER = define(
    "level_any_teer", "{unit} {level} or more in all four abilities: enough for TEER 0, 1, 2 or 3"
)
LEVEL_TEER_23 = define(
    "level_teer_23",
    "{unit} {level} or more in all four abilities: enough for your TEER 2 or 3 experience",
)
LEVEL_NEEDS_7 = define(
    "level_needs_7",
    "your experience is in TEER 0 or 1, which needs {unit} 7 in all four abilities; "
    "your {ability} is {unit} {level}",
)
LEVEL_MIXED_ENOUGH = define(
    "level_mixed_enough",
    "with {unit} {level} in {ability} only your TEER 2 and 3 hours count, and they reach 1,560 "
    "({hours:,})",
)
LEVEL_MIXED_SHORT = define(
    "level_mixed_short",
    "with {unit} {level} in {ability} only your TEER 2 and 3 hours count ({hours:,} of 1,560); "
    "TEER 0 or 1 hours need {unit} 7",
)
LEVEL_MIXED_REVIEW = define(
    "level_mixed_review",
    "with {unit} {level} in {ability} only your TEER 2 and 3 hours count: {hours:,} of 1,560. "
    "You reach 1,560 only by adding TEER 0 or 1 hours, which need {unit} 7. No official rule "
    "covers mixed experience, so a consultant should review this",
)
LEVEL_TOO_LOW = define(
    "level_too_low",
    "your {ability} is {level}; {unit} 5 in all four abilities is the minimum "
    "({unit} 7 for TEER 0 or 1 experience)",
)
LEVEL = define("level", "{unit} {level}")
BELOW_LEVEL_4 = define("below_level_4", "below {unit} 4")

PROVINCE_QUEBEC = define(
    "province_quebec",
    "You plan to live in Quebec; the Canadian Experience Class needs you to plan to live "
    "outside Quebec (Quebec selects its own immigrants)",
)
PROVINCE_NOT_STATED = define(
    "province_not_stated",
    "Intended province not stated: counted as met, but you must plan to live outside Quebec",
)
PROVINCE_OUTSIDE_QUEBEC = define(
    "province_outside_quebec", "You plan to live in {province}, outside Quebec"
)
define_values("province", PROVINCES)


@frozen
class Requirement:
    code: str  # work | language | province
    met: bool
    why: Reason  # the reason, as a code and its figures

    @property
    def reason(self) -> str:
        """The English words (put together when asked: most evaluations never read them)."""
        return self.why.text


@frozen
class JobCount:
    index: int
    counted_hours: int  # this job's share of the qualifying hours (see cec.job_counts)
    excluded_why: Reason | None  # why it does not count, as a code and its figures
    # Whether the 30 h/week cap took hours off this job in the window (alone or shared with
    # jobs that overlap it), so its counted hours are fewer than it was worked.
    capped: bool = False

    @property
    def excluded(self) -> str | None:
        """Why it does not count, in English; None when it counts."""
        return self.excluded_why.text if self.excluded_why is not None else None


@frozen
class CecResult:
    eligible: bool
    needs_review: bool
    qualifying_hours: int
    eligible_on: date | None
    requirements: tuple[Requirement, ...]
    jobs: tuple[JobCount, ...]
    window: tuple[date, date]  # first and last day of the 3-year window
    test_index: int | None  # the test judged for the language requirement


def _hours(rate_days: int | float) -> int:
    return int(rate_days // RATE_DAYS_PER_HOUR)


def _rate_text(rate: int) -> str:
    # Hundredths of an hour → "40" or "37.5".
    return str(rate // 100) if rate % 100 == 0 else str(Decimal(rate) / 100)


def best_test(tests: tuple[LanguageResult, ...]) -> LanguageResult | None:
    """The valid test whose weakest ability is strongest (abilities never mix across tests).

    Ties: the higher levels overall, then the more recent test; so input order never matters.
    """
    valid = [test for test in tests if test.valid]
    if not valid:
        return None
    return max(valid, key=lambda test: (test.lowest, sum(test.clb), test.sort_key()))


@lru_cache(maxsize=64)
def level_reason(level: int, unit: str) -> Reason:
    """"CLB 6", or "below CLB 4" for the level reported as 3."""
    if level >= 4:
        return shared("level", unit=unit, level=level)
    return Reason("below_level_4", {"unit": unit})


def _work_reason(
    work: CanadianWork, on: date, first: date, last: date, qualifying_hours: int, met: bool
) -> tuple[Reason, date | None]:
    """The work requirement's reason, and the day 1,560 hours would be reached (if not yet)."""
    window = {"hours": qualifying_hours, "first": first.isoformat(), "last": last.isoformat()}
    counted = Reason("work_met" if met else "work_short", window)
    if met:
        return counted, None
    eligible_on = work.fn.first_reach(on, WINDOW_YEARS, HOURS_1560)
    open_rate = sum(rate for (_, end, rate) in work.intervals if end == OPEN_END)
    open_jobs = sum(1 for (_, end, _) in work.intervals if end == OPEN_END)
    if eligible_on is not None:
        reach_on = eligible_on.isoformat()
        if open_jobs == 1:
            more = Reason("reach_one_job", {"rate": _rate_text(open_rate), "on": reach_on})
        elif open_jobs > 1:
            more = Reason("reach_jobs", {"rate": _rate_text(open_rate), "on": reach_on})
        else:
            more = Reason("reach_as_entered", {"on": reach_on})
    elif open_jobs:
        more = Reason("never_reach", {"rate": _rate_text(open_rate)})
    else:
        return counted, None
    return then(counted, more), eligible_on


def _test_params(test: LanguageResult) -> dict:
    return {
        "test": test.test,
        "taken_on": test.taken_on.isoformat(),
        "until": test.valid_until.isoformat(),
    }


def evaluate_cec(
    facts: Facts, tests: tuple[LanguageResult, ...], ruleset: Ruleset, work: CanadianWork
) -> CecResult:
    on = facts.as_of
    first = add_years(on, -WINDOW_YEARS)
    last = on - ONE_DAY
    lo, hi = first.toordinal(), on.toordinal()

    rate_days = work.fn.total(lo, hi)
    qualifying_hours = _hours(rate_days)
    shares = apportion(list(work.intervals), lo, hi)
    share_of = dict(zip(work.indices, shares, strict=True))

    # --- jobs -----------------------------------------------------------------------------
    counts = []
    hours_by_teer_group = {"01": 0, "23": 0}
    outside = None
    for index, job in enumerate(facts.jobs):
        if index in work.exclusions:
            why = not_counted(job, work.exclusions[index])
            counts.append(JobCount(index, 0, why))
            continue
        share = share_of[index]
        if share == 0:
            if outside is None:
                outside = Reason(
                    "outside_window", {"first": first.isoformat(), "last": last.isoformat()}
                )
            why = not_counted(job, (outside,))
            counts.append(JobCount(index, 0, why))
            continue
        hours_by_teer_group["01" if job.teer <= 1 else "23"] += share
        start, end, rate = work.intervals[work.indices.index(index)]
        worked = rate * (min(end, hi) - max(start, lo))
        counts.append(JobCount(index, _hours(share), None, capped=share < worked))

    # --- work -----------------------------------------------------------------------------
    work_met = rate_days >= HOURS_1560
    work_why, eligible_on = _work_reason(work, on, first, last, qualifying_hours, work_met)

    # --- language -------------------------------------------------------------------------
    test = best_test(tests)
    needs_review = False
    if test is None:
        language_met = False
        if not tests:
            language_why = plain("no_test")
        else:
            notes = []
            for other in sorted(tests, key=lambda t: t.sort_key(), reverse=True):
                if other.taken_on > on:
                    notes.append(Reason("test_not_yet", {
                        "test": other.test, "taken_on": other.taken_on.isoformat(),
                        "on": on.isoformat(),
                    }))
                else:
                    notes.append(Reason("test_expired", _test_params(other)))
            language_why = Reason("no_valid_test", {"on": on.isoformat(), "tests": tuple(notes)})
    else:
        level, ability, unit = test.lowest, test.lowest_ability, test.unit
        has_01 = hours_by_teer_group["01"] > 0
        has_23 = hours_by_teer_group["23"] > 0
        if level >= 7:
            language_met = True
            detail = shared("level_any_teer", unit=unit, level=level)
        elif level < 5:
            language_met = False
            detail = Reason("level_too_low", {
                "ability": ability, "level": level_reason(level, unit), "unit": unit})
        elif not has_01:
            language_met = True
            detail = shared("level_teer_23", unit=unit, level=level)
        elif not has_23:
            language_met = False
            detail = Reason("level_needs_7", {"ability": ability, "level": level, "unit": unit})
        else:
            teer_23 = RateFn(
                [iv for i, iv in zip(work.indices, work.intervals, strict=True)
                 if facts.jobs[i].teer >= 2]
            )
            rate_days_23 = teer_23.total(lo, hi)
            params = {"unit": unit, "level": level, "ability": ability,
                      "hours": _hours(rate_days_23)}
            if rate_days_23 >= HOURS_1560:
                language_met = True
                detail = Reason("level_mixed_enough", params)
            elif work_met:
                language_met = False
                needs_review = True
                detail = Reason("level_mixed_review", params)
            else:
                language_met = False
                detail = Reason("level_mixed_short", params)
        language_why = because(Reason("test_expires", _test_params(test)), detail)

    # --- province ---------------------------------------------------------------------------
    province = facts.intended_province
    if province is None:
        province_met, province_why = True, plain("province_not_stated")
    elif province == "QC":
        province_met, province_why = False, plain("province_quebec")
    else:
        province_met = True
        province_why = shared("province_outside_quebec", province=province)

    requirements = (
        Requirement("work", work_met, work_why),
        Requirement("language", language_met, language_why),
        Requirement("province", province_met, province_why),
    )
    return CecResult(
        eligible=work_met and language_met and province_met and not needs_review,
        needs_review=needs_review,
        qualifying_hours=qualifying_hours,
        eligible_on=eligible_on,
        requirements=requirements,
        jobs=tuple(counts),
        window=(first, last),
        test_index=test.index if test is not None else None,
    )
