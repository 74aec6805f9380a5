"""Canadian Experience Class minimum requirements (shared/rules/cec.md)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from eligibility.rules.dates import ONE_DAY, add_years
from eligibility.rules.facts import PROVINCES, Facts
from eligibility.rules.hours import HOURS_1560, OPEN_END, RATE_DAYS_PER_HOUR, RateFn, apportion
from eligibility.rules.language import LanguageResult
from eligibility.rules.rulesets import Ruleset
from eligibility.rules.work import CanadianWork, not_counted

WINDOW_YEARS = 3
HOURS_NEEDED = 1560

# --- What the engine says (constants the tests assert) ----------------------------------------
WORK_SHORT = "{hours:,} of 1,560 hours in the window {first} … {last}"
WORK_MET = "{hours:,} hours in the window {first} … {last} (1,560 needed)"
REACH_ONE_JOB = "If your current job continues at {rate} h/week you reach 1,560 hours on {on}"
REACH_JOBS = (
    "If your current jobs continue at {rate} h/week in total you reach 1,560 hours on {on}"
)
REACH_AS_ENTERED = "With your jobs as entered you reach 1,560 hours on {on}"
NEVER_REACH = (
    "At {rate} h/week your current work never adds up to 1,560 hours in 3 years"
)
OUTSIDE_WINDOW = "outside the 3-year window {first} … {last}"

TEST_EXPIRES = "Your {label} of {taken_on} expires on {until}"
TEST_EXPIRED = "your {label} of {taken_on} expired on {until}"
TEST_NOT_YET = "your {label} of {taken_on} was taken after {on}"
NO_TEST = "No language test is entered"
NO_VALID_TEST = "No valid language test on {on}: {tests}"
LEVEL_ANY_TEER = "{unit} {level} or more in all four abilities: enough for TEER 0, 1, 2 or 3"
LEVEL_TEER_23 = (
    "{unit} {level} or more in all four abilities: enough for your TEER 2 or 3 experience"
)
LEVEL_NEEDS_7 = (
    "your experience is in TEER 0 or 1, which needs {unit} 7 in all four abilities; "
    "your {ability} is {unit} {level}"
)
LEVEL_MIXED_ENOUGH = (
    "with {unit} {level} in {ability} only your TEER 2 and 3 hours count, and they reach 1,560 "
    "({hours:,})"
)
LEVEL_MIXED_SHORT = (
    "with {unit} {level} in {ability} only your TEER 2 and 3 hours count ({hours:,} of 1,560); "
    "TEER 0 or 1 hours need {unit} 7"
)
LEVEL_MIXED_REVIEW = (
    "with {unit} {level} in {ability} only your TEER 2 and 3 hours count: {hours:,} of 1,560. "
    "You reach 1,560 only by adding TEER 0 or 1 hours, which need {unit} 7. No official rule "
    "covers mixed experience, so a consultant should review this"
)
LEVEL_TOO_LOW = (
    "your {ability} is {level}; {unit} 5 in all four abilities is the minimum "
    "({unit} 7 for TEER 0 or 1 experience)"
)

PROVINCE_QUEBEC = (
    "You plan to live in Quebec; the Canadian Experience Class needs you to plan to live "
    "outside Quebec (Quebec selects its own immigrants)"
)
PROVINCE_NOT_STATED = (
    "Intended province not stated: counted as met, but you must plan to live outside Quebec"
)
PROVINCE_OUTSIDE_QUEBEC = "You plan to live in {name}, outside Quebec"


@dataclass(frozen=True, slots=True)
class Requirement:
    code: str  # work | language | province
    met: bool
    reason: str


@dataclass(frozen=True, slots=True)
class JobCount:
    index: int
    counted_hours: int  # this job's share of the qualifying hours (see cec.job_counts)
    excluded: str | None
    # Whether the 30 h/week cap took hours off this job in the window (alone or shared with
    # jobs that overlap it), so its counted hours are fewer than it was worked.
    capped: bool = False


@dataclass(frozen=True, slots=True)
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


def _level_text(level: int, unit: str) -> str:
    return f"{unit} {level}" if level >= 4 else f"below {unit} 4"


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
    for index, job in enumerate(facts.jobs):
        if index in work.exclusions:
            counts.append(JobCount(index, 0, not_counted(job, work.exclusions[index])))
            continue
        share = share_of[index]
        if share == 0:
            why = OUTSIDE_WINDOW.format(first=first.isoformat(), last=last.isoformat())
            counts.append(JobCount(index, 0, not_counted(job, why)))
            continue
        hours_by_teer_group["01" if job.teer <= 1 else "23"] += share
        start, end, rate = work.intervals[work.indices.index(index)]
        worked = rate * (min(end, hi) - max(start, lo))
        counts.append(JobCount(index, _hours(share), None, capped=share < worked))

    # --- work -----------------------------------------------------------------------------
    work_met = rate_days >= HOURS_1560
    template = WORK_MET if work_met else WORK_SHORT
    work_reason = template.format(
        hours=qualifying_hours, first=first.isoformat(), last=last.isoformat()
    )
    eligible_on = None
    if not work_met:
        eligible_on = work.fn.first_reach(on, WINDOW_YEARS, HOURS_1560)
        open_rate = sum(
            rate for (_, end, rate) in work.intervals if end == OPEN_END
        )
        open_jobs = sum(1 for (_, end, _) in work.intervals if end == OPEN_END)
        if eligible_on is not None:
            if open_jobs == 1:
                more = REACH_ONE_JOB.format(rate=_rate_text(open_rate), on=eligible_on)
            elif open_jobs > 1:
                more = REACH_JOBS.format(rate=_rate_text(open_rate), on=eligible_on)
            else:
                more = REACH_AS_ENTERED.format(on=eligible_on)
            work_reason = f"{work_reason}. {more}"
        elif open_jobs:
            work_reason = f"{work_reason}. {NEVER_REACH.format(rate=_rate_text(open_rate))}"

    # --- language -------------------------------------------------------------------------
    test = best_test(tests)
    needs_review = False
    if test is None:
        if not tests:
            language_met, language_reason = False, NO_TEST
        else:
            notes = []
            for other in sorted(tests, key=lambda t: t.sort_key(), reverse=True):
                template = TEST_NOT_YET if other.taken_on > on else TEST_EXPIRED
                notes.append(
                    template.format(
                        label=other.label, taken_on=other.taken_on, until=other.valid_until, on=on
                    )
                )
            language_met = False
            language_reason = NO_VALID_TEST.format(on=on, tests="; ".join(notes))
    else:
        level, ability, unit = test.lowest, test.lowest_ability, test.unit
        has_01 = hours_by_teer_group["01"] > 0
        has_23 = hours_by_teer_group["23"] > 0
        if level >= 7:
            language_met = True
            detail = LEVEL_ANY_TEER.format(level=level, unit=unit)
        elif level < 5:
            language_met = False
            detail = LEVEL_TOO_LOW.format(
                ability=ability, level=_level_text(level, unit), unit=unit
            )
        elif not has_01:
            language_met = True
            detail = LEVEL_TEER_23.format(level=level, unit=unit)
        elif not has_23:
            language_met = False
            detail = LEVEL_NEEDS_7.format(ability=ability, level=level, unit=unit)
        else:
            teer_23 = RateFn(
                [iv for i, iv in zip(work.indices, work.intervals, strict=True)
                 if facts.jobs[i].teer >= 2]
            )
            rate_days_23 = teer_23.total(lo, hi)
            hours_23 = _hours(rate_days_23)
            if rate_days_23 >= HOURS_1560:
                language_met = True
                detail = LEVEL_MIXED_ENOUGH.format(
                    level=level, ability=ability, hours=hours_23, unit=unit
                )
            elif work_met:
                language_met = False
                needs_review = True
                detail = LEVEL_MIXED_REVIEW.format(
                    level=level, ability=ability, hours=hours_23, unit=unit
                )
            else:
                language_met = False
                detail = LEVEL_MIXED_SHORT.format(
                    level=level, ability=ability, hours=hours_23, unit=unit
                )
        expires = TEST_EXPIRES.format(
            label=test.label, taken_on=test.taken_on, until=test.valid_until
        )
        language_reason = f"{expires}: {detail}"

    # --- province ---------------------------------------------------------------------------
    province = facts.intended_province
    if province is None:
        province_met, province_reason = True, PROVINCE_NOT_STATED
    elif province == "QC":
        province_met, province_reason = False, PROVINCE_QUEBEC
    else:
        province_met = True
        province_reason = PROVINCE_OUTSIDE_QUEBEC.format(name=PROVINCES[province])

    requirements = (
        Requirement("work", work_met, work_reason),
        Requirement("language", language_met, language_reason),
        Requirement("province", province_met, province_reason),
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

