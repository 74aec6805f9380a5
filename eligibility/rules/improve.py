"""How to raise a CRS score, and what would open a category round.

Every gain is measured, never assumed: the engine scores the facts as they are and again with
one change made (a retaken test, an added test, one more year of Canadian work), and the
difference is the gain. Only changes a person can work towards are proposed; a provincial
nomination (600 points) is left out because it is not a step one can simply take.

Category openings (``category_openings``) are found the same way: the engine evaluates the
facts with a French test at NCLC 7 added, or on the day the work would be enough, and reports
what that evaluation says.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from eligibility.rules.categories import (
    CATEGORY_LABELS,
    FRENCH_LEVEL,
    R_NOT_ASSESSED,
    CategoryResult,
)
from eligibility.rules.cec import best_test, level_reason
from eligibility.rules.crs import CrsInputs, crs_inputs, score, years_of, years_reason
from eligibility.rules.dates import months_until
from eligibility.rules.engine import Result, evaluate
from eligibility.rules.facts import Facts, LanguageTest
from eligibility.rules.hours import HOURS_1560, RATE_DAYS_PER_HOUR
from eligibility.rules.language import (
    ABILITIES,
    FRENCH_TESTS,
    TOP_CLB,
    LanguageResult,
    lowest_score_for,
    read_test,
)
from eligibility.rules.reasons import Reason, define, define_values
from eligibility.rules.rulesets import ruleset_for
from eligibility.rules.work import CanadianWork

MOST = 5

RETAKE_ONE_ABILITY = define(
    "retake_one_ability",
    "Retake {test} and score {score} in {ability} ({unit} {level} instead of {current}), "
    "keeping your other scores",
)
RETAKE_ALL_FOUR = define(
    "retake_all_four",
    "Retake {test} and reach {unit} {level} in all four abilities (at least {scores})",
)
TAKE_FIRST_TEST = define(
    "take_first_test",
    "Take {test} (or another approved test) and reach CLB {level} in all four abilities "
    "(at least {scores})",
)
TAKE_SECOND_LANGUAGE = define(
    "take_second_language",
    "Take {test} and reach {unit} 7 in all four abilities (at least {scores}): a second "
    "official language",
)
RETAKE_SECOND_LANGUAGE = define(
    "retake_second_language",
    "Retake {test} and reach {unit} 7 in all four abilities (at least {scores})",
)
SPOUSE_TAKES_TEST = define(
    "spouse_takes_test",
    "Your spouse or partner takes {test} and reaches {unit} {level} in all four abilities "
    "(at least {scores})",
)
ONE_MORE_YEAR = define(
    "one_more_year",
    "Keep working: with your current Canadian work you reach {years} of experience on {on}",
)
SCORES = define(
    "scores", "listening {listening}, reading {reading}, writing {writing}, speaking {speaking}"
)


@dataclass(frozen=True, slots=True)
class Improvement:
    code: str
    text: str  # the English words of ``why``
    points: int  # CRS points gained, measured by scoring the changed facts
    total: int  # the CRS total with the change
    on: date | None = None  # when the change arrives by itself (work experience)
    why: Reason | None = None  # the change, as a reason code and its figures


def _scores(scores: dict[str, Decimal]) -> Reason:
    return Reason("scores", {ability: str(scores[ability]) for ability in ABILITIES})


def _lowest_scores(test: str, level: int, on: date) -> dict[str, Decimal]:
    return {ability: lowest_score_for(test, ability, level, on) for ability in ABILITIES}


def _with_test(test: str, taken_on: date, scores: dict[str, Decimal]) -> LanguageTest:
    return LanguageTest(test=test, taken_on=taken_on, **scores)


def _replace_test(tests: tuple, index: int, new: LanguageTest) -> tuple:
    return tests[:index] + (new,) + tests[index + 1:]


def _raised(current: LanguageTest, level: int, on: date) -> dict[str, Decimal]:
    # Each ability at least the lowest score of `level`, higher scores kept.
    floor = _lowest_scores(current.test, level, on)
    return {ability: max(getattr(current, ability), floor[ability]) for ability in ABILITIES}


def score_improvements(facts: Facts) -> list[Improvement]:
    """Up to five changes that add the most CRS points, the biggest gain first."""
    on = facts.as_of
    base = evaluate(facts)
    total = base.crs.total
    found: list[Improvement] = []

    def measure(code: str, why: Reason, changed: Facts) -> None:
        gained = evaluate(changed).crs.total - total
        if gained > 0:
            found.append(Improvement(code, why.text, gained, total + gained, why=why))

    first_index = base.crs.first_test
    if first_index is None:
        for level in (7, 9):
            scores = _lowest_scores("ielts_general", level, on)
            measure(
                f"take_test_clb_{level}",
                Reason("take_first_test", {
                    "test": "ielts_general", "level": level, "scores": _scores(scores)}),
                replace(facts, language_tests=facts.language_tests + (
                    _with_test("ielts_general", on, scores),)),
            )
    else:
        _first_language(facts, base.language[first_index], measure)

    _second_language(facts, base, measure)
    _spouse_language(facts, base, measure)
    year = _one_more_year(facts, total)
    if year is not None:
        found.append(year)

    found.sort(key=lambda item: (-item.points, item.code))
    return found[:MOST]


def _first_language(facts: Facts, first: LanguageResult, measure) -> None:
    on = facts.as_of
    current = facts.language_tests[first.index]
    # The one ability whose next level gains most (a retake, dated today).
    best = None
    for position, ability in enumerate(ABILITIES):
        level = first.clb[position]
        if level >= TOP_CLB:
            continue
        target = max(level + 1, 4)
        needed = lowest_score_for(current.test, ability, target, on)
        scores = {name: getattr(current, name) for name in ABILITIES} | {ability: needed}
        changed = replace(facts, language_tests=_replace_test(
            facts.language_tests, first.index, _with_test(current.test, on, scores)))
        gained = evaluate(changed).crs.total
        if best is None or gained > best[0]:
            why = Reason("retake_one_ability", {
                "test": current.test, "score": str(needed), "ability": ability,
                "unit": first.unit, "level": target, "current": level_reason(level, first.unit)})
            best = (gained, why, changed)
    if best is not None:
        measure("first_language_next_level", best[1], best[2])
    for level in (7, 9):
        if first.lowest < level:
            scores = _raised(current, level, on)
            measure(
                f"first_language_clb_{level}",
                Reason("retake_all_four", {
                    "test": current.test, "unit": first.unit, "level": level,
                    "scores": _scores(scores)}),
                replace(facts, language_tests=_replace_test(
                    facts.language_tests, first.index, _with_test(current.test, on, scores))),
            )


def _second_language(facts: Facts, base, measure) -> None:
    on = facts.as_of
    first_index = base.crs.first_test
    if first_index is None:
        return
    first_language = base.language[first_index].language
    other_test = "tef_canada" if first_language == "english" else "ielts_general"
    unit = "NCLC" if other_test == "tef_canada" else "CLB"
    second_index = base.crs.second_test
    if second_index is None:
        scores = _lowest_scores(other_test, 7, on)
        measure(
            "second_language",
            Reason("take_second_language", {
                "test": other_test, "unit": unit, "scores": _scores(scores)}),
            replace(facts, language_tests=facts.language_tests + (
                _with_test(other_test, on, scores),)),
        )
    elif base.language[second_index].lowest < 7:
        current = facts.language_tests[second_index]
        scores = _raised(current, 7, on)
        measure(
            "second_language_clb_7",
            Reason("retake_second_language", {
                "test": current.test, "unit": unit, "scores": _scores(scores)}),
            replace(facts, language_tests=_replace_test(
                facts.language_tests, second_index, _with_test(current.test, on, scores))),
        )


def _spouse_language(facts: Facts, base, measure) -> None:
    if not base.crs.with_spouse or facts.spouse is None:
        return
    on = facts.as_of
    index = base.crs.spouse_test
    tests = facts.spouse.language_tests
    if index is None:
        test, level = "ielts_general", 7
        scores = _lowest_scores(test, level, on)
        new_tests = tests + (_with_test(test, on, scores),)
    else:
        current = tests[index]
        lowest = base.spouse_language[index].lowest
        if lowest >= 9:
            return
        test, level = current.test, 7 if lowest < 7 else 9
        scores = _raised(current, level, on)
        new_tests = _replace_test(tests, index, _with_test(test, on, scores))
    measure(
        f"spouse_language_clb_{level}",
        Reason("spouse_takes_test", {
            "test": test, "level": level,
            "unit": "NCLC" if test in ("tef_canada", "tcf_canada") else "CLB",
            "scores": _scores(scores)}),
        replace(facts, spouse=replace(facts.spouse, language_tests=new_tests)),
    )


def _one_more_year(facts: Facts, total: int) -> Improvement | None:
    """The next whole year of Canadian work, if current jobs bring it, scored by the grid with
    that one input changed (age and test validity on that future day are not mixed in)."""
    on = facts.as_of
    ruleset = ruleset_for(on)
    work = CanadianWork.of(facts.jobs, ruleset)
    spouse_work = CanadianWork.of(facts.spouse.jobs, ruleset) if facts.spouse else None
    spouse_tests = tuple(
        read_test(test, i, on) for i, test in enumerate(facts.spouse.language_tests)
    ) if facts.spouse else ()
    tests = tuple(read_test(test, i, on) for i, test in enumerate(facts.language_tests))
    inputs: CrsInputs = crs_inputs(facts, tests, work, spouse_tests, spouse_work)
    if inputs.canadian_years >= 5:
        return None
    years = inputs.canadian_years + 1
    arrives = work.fn.first_reach(on, 10, years * HOURS_1560)
    if arrives is None:
        return None
    hours = years * HOURS_1560 // RATE_DAYS_PER_HOUR
    changed = replace(inputs, canadian_years=years_of(hours, 5), canadian_hours=hours)
    gained = score(changed, ruleset).total - total
    if gained <= 0:
        return None
    why = Reason("one_more_year", {"years": years_reason(years), "on": arrives.isoformat()})
    return Improvement("canadian_work_year", why.text, gained, total + gained, arrives, why=why)


# --- What would open a category round -------------------------------------------------------

TAKE_FRENCH = define(
    "take_french", "Take {test} and reach NCLC 7 in all four abilities (at least {scores})"
)
# A French test was already taken (valid but short, or expired): the same test again.
RETAKE_FRENCH = define(
    "retake_french", "Retake {test} and reach NCLC 7 in all four abilities (at least {scores})"
)
MORE_MONTH = define("more_month", "{months} more month as {occupation}")
MORE_MONTHS = define("more_months", "{months} more months as {occupation}")
OCCUPATION_TITLED = define("occupation_titled", "{title} ({noc})")
OCCUPATION_CODE = define("occupation_code", "NOC {noc}")
OPENS = define("opens", "{change}: this opens the {category} rounds")
OPENS_ON = define("opens_on", "{change} opens the {category} rounds on {on}")
CONDITION_ONLY = define(
    "condition_only",
    "{change}: this meets the {category} condition, but its rounds also need you to be "
    "eligible for CEC",
)
CONDITION_ONLY_ON = define(
    "condition_only_on",
    "{change} meets the {category} condition on {on}, but its rounds also need you to be "
    "eligible for CEC that day",
)
CEC_OPENS_ON = define(
    "cec_opens_on", "Becoming eligible for CEC on {on} opens the {category} rounds"
)
define_values("category", CATEGORY_LABELS)


def _occupation(noc: str, noc_titles: Mapping[str, str] | None) -> Reason:
    """The occupation as ``categories.occupation_text`` writes it, as a reason (the title,
    when given, is a figure: the engine knows only the English one)."""
    title = noc_titles.get(noc) if noc_titles else None
    if title:
        return Reason("occupation_titled", {"title": title, "noc": noc})
    return Reason("occupation_code", {"noc": noc})


@dataclass(frozen=True, slots=True)
class CategoryOpening:
    category: str  # the category's code
    code: str  # french_test | experience | cec: what changes
    opens: bool  # the category becomes eligible; False: its own condition is met, CEC is not
    on: date | None  # the day it happens by itself; None for a step to take (a test)
    params: Mapping  # the figures in the text: test, scores, months, noc, on
    why: Reason  # the sentence, as a code and its figures (said in French by the Django side)

    @property
    def text(self) -> str:
        """The English words."""
        return self.why.text


def category_openings(
    facts: Facts, *, noc_titles: Mapping[str, str] | None = None
) -> list[CategoryOpening]:
    """For each category the person is not eligible for, the change that would meet its
    condition, in the categories' order: a French test at NCLC 7, more months of the work that
    is already going on, or CEC eligibility arriving. Each is checked by evaluating the changed
    facts (or the same facts on the later day); nothing is assumed."""
    base = evaluate(facts, noc_titles=noc_titles)
    later: dict[date, Result] = {}

    def on_day(day: date) -> Result:
        if day not in later:
            later[day] = evaluate(replace(facts, as_of=day), noc_titles=noc_titles)
        return later[day]

    def entry_of(result: Result, code: str) -> CategoryResult:
        return next(item for item in result.categories if item.code == code)

    found: list[CategoryOpening] = []
    for item in base.categories:
        if item.eligible or item.reason_code == R_NOT_ASSESSED:
            continue
        if item.condition_met:
            day = base.cec.eligible_on
            if day is not None and entry_of(on_day(day), item.code).eligible:
                found.append(CategoryOpening(
                    item.code, "cec", True, day, {"on": day.isoformat()},
                    Reason("cec_opens_on", {"on": day.isoformat(), "category": item.code}),
                ))
        elif item.experience_hours is None:  # the language category
            opening = _french_opening(facts, base, item, noc_titles)
            if opening is not None:
                found.append(opening)
        elif item.experience_on is not None:
            day = item.experience_on
            noc = item.reason_params["experience_on_noc"]
            months = max(months_until(facts.as_of, day), 1)
            change = Reason(
                "more_month" if months == 1 else "more_months",
                {"months": months, "occupation": _occupation(noc, noc_titles)},
            )
            after = entry_of(on_day(day), item.code)
            if not after.condition_met:  # cannot happen: experience_on is when it is met
                continue
            on = day.isoformat()
            found.append(CategoryOpening(
                item.code, "experience", after.eligible, day,
                {"months": months, "noc": noc, "on": on},
                Reason("opens_on" if after.eligible else "condition_only_on",
                       {"change": change, "category": item.code, "on": on}),
            ))
    return found


def _french_opening(
    facts: Facts, base: Result, item: CategoryResult, noc_titles
) -> CategoryOpening | None:
    on = facts.as_of
    french = tuple(test for test in base.language if test.language == "french")
    current = best_test(french)  # the valid French test to improve, if there is one
    if current is not None:
        test = facts.language_tests[current.index]
        scores = _raised(test, FRENCH_LEVEL, on)
        tests = _replace_test(
            facts.language_tests, current.index, _with_test(test.test, on, scores)
        )
        kind, code = test.test, "retake_french"
    else:
        # Expired or none: the latest French test taken, or TEF Canada.
        kind = max(french, key=lambda t: t.sort_key()).test if french else FRENCH_TESTS[0]
        scores = _lowest_scores(kind, FRENCH_LEVEL, on)
        tests = facts.language_tests + (_with_test(kind, on, scores),)
        code = "retake_french" if french else "take_french"
    after = evaluate(replace(facts, language_tests=tests), noc_titles=noc_titles)
    entry = next(one for one in after.categories if one.code == item.code)
    if not entry.condition_met:
        return None
    change = Reason(code, {"test": kind, "scores": _scores(scores)})
    why = Reason("opens" if entry.eligible else "condition_only",
                 {"change": change, "category": item.code})
    params = {"test": kind, **{ability: str(scores[ability]) for ability in ABILITIES}}
    return CategoryOpening(item.code, "french_test", entry.eligible, None, params, why)
