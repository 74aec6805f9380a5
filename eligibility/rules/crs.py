"""The Comprehensive Ranking System grid (shared/rules/crs.md), factor by factor.

Two stages: ``crs_inputs`` derives what the grid reads from the facts (age, education level,
valid tests, years of work); ``score`` applies the grid. Keeping them apart lets
``improve.score_improvements`` re-run the very same grid on changed inputs.
"""

from dataclasses import replace
from datetime import date
from functools import lru_cache

from eligibility.rules.dates import ONE_DAY, add_years, completed_years
from eligibility.rules.facts import WITH_PARTNER, Education, Facts, Job
from eligibility.rules.frozen import frozen
from eligibility.rules.hours import HOURS_1560, RATE_DAYS_PER_HOUR, RateFn, interval
from eligibility.rules.language import LanguageResult, clb_reason
from eligibility.rules.reasons import Reason, define, define_values, plain, shared, with_note
from eligibility.rules.rulesets import Ruleset
from eligibility.rules.work import CanadianWork, counts_as_foreign

WORK_YEARS_WINDOW = 10
ENGLISH, FRENCH = "english", "french"

# --- The grid -------------------------------------------------------------------------------
# Every table: key → (with spouse, without spouse), or a single value where both agree.
AGE_POINTS = {
    18: (90, 99), 19: (95, 105),
    **dict.fromkeys(range(20, 30), (100, 110)),
    30: (95, 105), 31: (90, 99), 32: (85, 94), 33: (80, 88), 34: (75, 83), 35: (70, 77),
    36: (65, 72), 37: (60, 66), 38: (55, 61), 39: (50, 55), 40: (45, 50), 41: (35, 39),
    42: (25, 28), 43: (15, 17), 44: (5, 6),
}  # 17 or younger, 45 or older: 0

# Derived education levels, lowest first.
EDUCATION_ORDER = (
    "none", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "doctoral",
)
EDUCATION_LABELS = {
    "none": "less than secondary school",
    "secondary": "secondary school",
    "one_year": "one-year post-secondary credential",
    "two_year": "two-year post-secondary credential",
    "bachelors": "bachelor's degree or other 3+ year credential",
    "two_or_more": "two or more post-secondary credentials, one of 3+ years",
    "masters": "master's or entry-to-practice professional degree",
    "doctoral": "doctoral degree",
}
EDUCATION_POINTS = {
    "none": (0, 0), "secondary": (28, 30), "one_year": (84, 90), "two_year": (91, 98),
    "bachelors": (112, 120), "two_or_more": (119, 128), "masters": (126, 135),
    "doctoral": (140, 150),
}
FIRST_LANGUAGE_POINTS = {  # per ability, by CLB (3 = below 4)
    3: (0, 0), 4: (6, 6), 5: (6, 6), 6: (8, 9), 7: (16, 17), 8: (22, 23), 9: (29, 31),
    10: (32, 34),
}
SECOND_LANGUAGE_POINTS = {3: 0, 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 6, 10: 6}
SECOND_LANGUAGE_CAP = (22, 24)
CANADIAN_WORK_POINTS = {
    0: (0, 0), 1: (35, 40), 2: (46, 53), 3: (56, 64), 4: (63, 72), 5: (70, 80),
}
SPOUSE_EDUCATION_POINTS = {
    "none": 0, "secondary": 2, "one_year": 6, "two_year": 7, "bachelors": 8, "two_or_more": 9,
    "masters": 10, "doctoral": 10,
}
SPOUSE_LANGUAGE_POINTS = {3: 0, 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 5, 10: 5}
SPOUSE_WORK_POINTS = {0: 0, 1: 5, 2: 7, 3: 8, 4: 9, 5: 10}

# Skill transferability. Education groups: E1 one-year, two-year or a single 3+ year
# credential; E2 two or more, master's/professional, doctoral (a single bachelor's is E1).
EDUCATION_GROUP = {
    "none": 0, "secondary": 0, "one_year": 1, "two_year": 1, "bachelors": 1,
    "two_or_more": 2, "masters": 2, "doctoral": 2,
}
# (education group, language group L7=1 / L9=2) → points; likewise for the other pairs.
C1_EDUCATION_LANGUAGE = {(1, 1): 13, (1, 2): 25, (2, 1): 25, (2, 2): 50}
C2_EDUCATION_CANADIAN = {(1, 1): 13, (1, 2): 25, (2, 1): 25, (2, 2): 50}  # years 1 / 2+
C3_FOREIGN_LANGUAGE = {(1, 1): 13, (1, 2): 25, (2, 1): 25, (2, 2): 50}  # foreign 1–2 / 3+
C4_FOREIGN_CANADIAN = {(1, 1): 13, (1, 2): 25, (2, 1): 25, (2, 2): 50}
C5_CERTIFICATE = {1: 25, 2: 50}  # CLB 5+ all four with one below 7 / CLB 7+ all four
EDUCATION_PAIR_CAP = 50  # C1 + C2
FOREIGN_PAIR_CAP = 50  # C3 + C4
TRANSFERABILITY_CAP = 100
ADDITIONAL_CAP = 600

# --- Line details (what the person reads): each the English of one reason code ---------------
AGE_DETAIL = define("age_detail", "{age} years old on {on}")
SPOUSE_COLUMN = define("spouse_column", "; scored with a spouse or partner who comes to Canada")
EDUCATION_DETAIL = define("education_detail", "{education}")
FIRST_LANGUAGE_DETAIL = define(
    "first_language_detail", "{test} of {taken_on}, {language} as first official language: {clb}"
)
SECOND_LANGUAGE_DETAIL = define(
    "second_language_detail", "{test} of {taken_on}, {language} as second official language: {clb}"
)
CHOSEN_FOR_TOTAL = define(
    "chosen_for_total", "; the choice of first language that gives the higher total"
)
SECOND_CAPPED = define("second_capped", " ({raw} before the cap of {cap})")
CANADIAN_WORK_DETAIL = define(
    "canadian_work_detail",
    "{years}: {hours:,} hours of qualifying Canadian work in {first} … {last}",
)
SPOUSE_EDUCATION_DETAIL = define("spouse_education_detail", "spouse or partner: {education}")
SPOUSE_LANGUAGE_DETAIL = define(
    "spouse_language_detail", "spouse or partner: {test} of {taken_on}, {clb}"
)
SPOUSE_WORK_DETAIL = define(
    "spouse_canadian_work_detail", "spouse or partner: {years} of Canadian work ({hours:,} hours)"
)
C1_DETAIL = define(
    "education_language_detail",
    "education ({education}) and first official language at {unit} {level} or more in all four "
    "abilities",
)
C2_DETAIL = define(
    "education_canadian_work_detail", "education ({education}) and {years} of Canadian work"
)
C3_DETAIL = define(
    "foreign_work_language_detail",
    "{foreign} of foreign work (NOC {noc}) and first official language at {unit} {level} or more "
    "in all four abilities",
)
C4_DETAIL = define(
    "foreign_work_canadian_work_detail",
    "{foreign} of foreign work (NOC {noc}) and {years} of Canadian work",
)
C5_DETAIL = define(
    "certificate_language_detail",
    "certificate of qualification and first official language at {unit} {level} or more in all "
    "four abilities",
)
EDUCATION_PAIR_CAPPED = define(
    "education_pair_capped", " ({raw} before the cap: education combinations give at most 50)"
)
FOREIGN_PAIR_CAPPED = define(
    "foreign_pair_capped", " ({raw} before the cap: foreign-work combinations give at most 50)"
)
TRANSFERABILITY_CAPPED = define(
    "transferability_capped", " ({raw} before the cap: skill transferability gives at most 100)"
)
ADDITIONAL_CAPPED = define(
    "additional_capped", " ({raw} before the cap: additional points are at most 600)"
)
NOMINATION_DETAIL = define(
    "provincial_nomination_detail", "provincial or territorial nomination (Express Entry-aligned)"
)
JOB_OFFER_DETAIL = define(
    "job_offer_detail", "arranged employment in NOC {noc} (rules in force from {effective})"
)
FRENCH_STRONG_DETAIL = define(
    "french_strong",
    "NCLC 7 or more in all four French abilities ({french}) and CLB 5 or more in all four "
    "English abilities ({english})",
)
FRENCH_WEAK_DETAIL = define(
    "french_weak", "NCLC 7 or more in all four French abilities ({french}); English {english}"
)
ENGLISH_WEAK = define("english_weak", "below CLB 5 in some ability ({test})")
NO_ENGLISH = define("no_english", "not tested")
TEST_OF = define("test_of", "{test} of {taken_on}")
CANADIAN_EDUCATION_DETAIL = define("canadian_education_detail", "Canadian credential: {education}")
SIBLING_DETAIL = define(
    "sibling_detail",
    "brother or sister in Canada: 18 or older, citizen or permanent resident, living in Canada",
)
YEARS_ONE = define("years_one", "1 year")
YEARS = define("years", "{years} years")
YEARS_OR_MORE = define("years_or_more", "{years} or more years")
define_values("education", EDUCATION_LABELS)
define_values("language", {ENGLISH: "English", FRENCH: "French"})


@frozen
class Line:
    factor: str
    points: int
    why: Reason  # the detail, as a reason code and its figures

    @property
    def detail(self) -> str:
        """The English words."""
        return self.why.text


@frozen
class SpouseInputs:
    education: str
    tests: tuple[LanguageResult, ...]  # valid on the evaluation date
    canadian_hours: int
    canadian_years: int


@frozen
class CrsInputs:
    """Everything the grid reads, derived from the facts on one date."""

    on: date
    age: int
    with_spouse: bool
    education: str  # one of EDUCATION_ORDER
    canadian_education: str | None  # highest Canadian credential's level, if any
    tests: tuple[LanguageResult, ...]  # valid on ``on``
    canadian_hours: int
    canadian_years: int  # 0–5
    foreign_hours: int
    foreign_years: int  # 0–3, 3 meaning "3 or more"
    foreign_noc: str | None
    certificate: bool
    nomination: bool
    sibling: bool
    job_offer_noc: str | None
    spouse: SpouseInputs | None  # only when scored "with spouse"


@frozen
class CrsResult:
    total: int
    core: int
    spouse: int
    transferability: int
    additional: int
    lines: tuple[Line, ...]
    with_spouse: bool
    first_language: str | None  # english | french | None (no valid test)
    first_test: int | None  # input index of the test used as first official language
    second_test: int | None
    spouse_test: int | None


# --- Deriving the inputs -------------------------------------------------------------------------

_RANK = {level: rank for rank, level in enumerate(EDUCATION_ORDER)}
_RANK["professional"] = _RANK["masters"]
_POST_SECONDARY = {"one_year", "two_year", "bachelors", "masters", "professional", "doctoral"}


def education_level(education: tuple[Education, ...]) -> str:
    """The highest level, with "two or more" derived as crs.md says."""
    if not education:
        return "none"
    best = max(education, key=lambda item: _RANK[item.level]).level
    if best == "professional":
        best = "masters"
    if best == "bachelors" and sum(item.level in _POST_SECONDARY for item in education) >= 2:
        return "two_or_more"
    return best


def canadian_education_level(education: tuple[Education, ...]) -> str | None:
    levels = [item.level for item in education if item.canadian]
    if not levels:
        return None
    best = max(levels, key=lambda level: _RANK[level])
    return "masters" if best == "professional" else best


def _canadian_hours(work: CanadianWork, on: date) -> int:
    return work.fn.window(on, WORK_YEARS_WINDOW) // RATE_DAYS_PER_HOUR


def _foreign(jobs: tuple[Job, ...], on: date) -> tuple[int, str | None]:
    """Hours in the one foreign occupation (NOC) with the most, and that NOC."""
    by_noc: dict[str, list] = {}
    for job in jobs:
        if counts_as_foreign(job):
            by_noc.setdefault(job.noc, []).append(interval(job.start, job.end, job.rate))
    best_hours, best_noc = 0, None
    for noc in sorted(by_noc):
        hours = RateFn(by_noc[noc]).window(on, WORK_YEARS_WINDOW) // RATE_DAYS_PER_HOUR
        if hours > best_hours:
            best_hours, best_noc = hours, noc
    return best_hours, best_noc


def years_of(hours: int, most: int) -> int:
    return min(most, hours * RATE_DAYS_PER_HOUR // HOURS_1560)


def scored_with_spouse(facts: Facts) -> bool:
    spouse = facts.spouse
    return (
        facts.marital_status in WITH_PARTNER
        and spouse is not None
        and spouse.accompanying
        and not spouse.canadian_citizen_or_pr
    )


def crs_inputs(
    facts: Facts,
    tests: tuple[LanguageResult, ...],
    work: CanadianWork,
    spouse_tests: tuple[LanguageResult, ...],
    spouse_work: CanadianWork | None,
) -> CrsInputs:
    on = facts.as_of
    with_spouse = scored_with_spouse(facts)
    canadian_hours = _canadian_hours(work, on)
    foreign_hours, foreign_noc = _foreign(facts.jobs, on)
    spouse = None
    if with_spouse and facts.spouse is not None and spouse_work is not None:
        spouse_hours = _canadian_hours(spouse_work, on)
        spouse = SpouseInputs(
            education=education_level(facts.spouse.education),
            tests=tuple(test for test in spouse_tests if test.valid),
            canadian_hours=spouse_hours,
            canadian_years=years_of(spouse_hours, 5),
        )
    return CrsInputs(
        on=on,
        age=completed_years(facts.birth_date, on),
        with_spouse=with_spouse,
        education=education_level(facts.education),
        canadian_education=canadian_education_level(facts.education),
        tests=tuple(test for test in tests if test.valid),
        canadian_hours=canadian_hours,
        canadian_years=years_of(canadian_hours, 5),
        foreign_hours=foreign_hours,
        foreign_years=years_of(foreign_hours, 3),
        foreign_noc=foreign_noc,
        certificate=facts.certificate_of_qualification,
        nomination=facts.provincial_nomination,
        sibling=facts.sibling_in_canada,
        job_offer_noc=facts.job_offer.noc if facts.job_offer is not None else None,
        spouse=spouse,
    )


# --- Applying the grid ----------------------------------------------------------------------------


def _language_group(test: LanguageResult | None) -> int:
    """0, L7 = 1 (CLB 7+ in all four, one below 9), L9 = 2 (CLB 9+ in all four)."""
    if test is None:
        return 0
    lowest = test.lowest
    return 2 if lowest >= 9 else 1 if lowest >= 7 else 0


def _pair_group(years: int, one: int, two: int) -> int:
    # 0 below `one`, 1 from `one`, 2 from `two`.
    return 2 if years >= two else 1 if years >= one else 0


def _allot(raw: list[int], cap: int) -> list[int]:
    """Points after a shared cap, given in order: the first factors keep theirs."""
    left, allotted = cap, []
    for points in raw:
        kept = min(points, left)
        allotted.append(kept)
        left -= kept
    return allotted


def _french_points(
    english: LanguageResult | None, french: LanguageResult | None, ruleset: Ruleset
) -> int:
    if french is None or french.lowest < 7:
        return 0
    if english is not None and english.lowest >= 5:
        return ruleset.french_strong_english
    return ruleset.french_weak_english


def _job_offer_points(noc: str | None, ruleset: Ruleset) -> int:
    if noc is None or int(noc[1]) > 3:
        return 0
    return ruleset.job_offer_senior_manager if noc.startswith("00") else ruleset.job_offer_other


def _canadian_education_points(level: str | None, ruleset: Ruleset) -> int:
    if level in ("one_year", "two_year"):
        return ruleset.canadian_education_short
    if level in ("bachelors", "masters", "doctoral"):
        return ruleset.canadian_education_long
    return 0


@frozen
class _Numbers:
    """The language-dependent part of a score, for one choice of first/second language."""

    total: int
    first: LanguageResult | None
    second: LanguageResult | None
    english: LanguageResult | None
    french: LanguageResult | None
    first_points: int
    second_raw: int
    second_points: int
    transferability_raw: tuple[int, int, int, int, int]
    transferability: tuple[int, int, int, int, int]
    additional_raw: tuple[int, int, int, int, int]
    additional: tuple[int, int, int, int, int]


def _numbers(
    inputs: CrsInputs,
    ruleset: Ruleset,
    fixed_core: int,
    spouse_points: int,
    first: LanguageResult | None,
    second: LanguageResult | None,
) -> _Numbers:
    column = 0 if inputs.with_spouse else 1
    first_points = (
        sum(FIRST_LANGUAGE_POINTS[level][column] for level in first.clb) if first else 0
    )
    second_raw = sum(SECOND_LANGUAGE_POINTS[level] for level in second.clb) if second else 0
    second_points = min(second_raw, SECOND_LANGUAGE_CAP[column])

    education_group = EDUCATION_GROUP[inputs.education]
    language_group = _language_group(first)
    canadian_group = _pair_group(inputs.canadian_years, 1, 2)
    foreign_group = _pair_group(inputs.foreign_years, 1, 3)
    c1 = C1_EDUCATION_LANGUAGE.get((education_group, language_group), 0)
    c2 = C2_EDUCATION_CANADIAN.get((education_group, canadian_group), 0)
    c3 = C3_FOREIGN_LANGUAGE.get((foreign_group, language_group), 0)
    c4 = C4_FOREIGN_CANADIAN.get((foreign_group, canadian_group), 0)
    c5 = 0
    if inputs.certificate and first is not None and first.lowest >= 5:
        c5 = C5_CERTIFICATE[2 if first.lowest >= 7 else 1]
    if c1 + c2 + c3 + c4 + c5 == 0:
        transferability = (0, 0, 0, 0, 0)
    else:
        c1a, c2a = _allot([c1, c2], EDUCATION_PAIR_CAP)
        c3a, c4a = _allot([c3, c4], FOREIGN_PAIR_CAP)
        transferability = tuple(_allot([c1a, c2a, c3a, c4a, c5], TRANSFERABILITY_CAP))

    english = first if first is not None and first.language == ENGLISH else second
    french = first if first is not None and first.language == FRENCH else second
    additional_raw = (
        ruleset.provincial_nomination if inputs.nomination else 0,
        _job_offer_points(inputs.job_offer_noc, ruleset),
        _french_points(english, french, ruleset),
        _canadian_education_points(inputs.canadian_education, ruleset),
        ruleset.sibling if inputs.sibling else 0,
    )
    additional = (
        additional_raw if sum(additional_raw) <= ADDITIONAL_CAP
        else tuple(_allot(list(additional_raw), ADDITIONAL_CAP))
    )
    total = (
        fixed_core + first_points + second_points + spouse_points
        + sum(transferability) + sum(additional)
    )
    return _Numbers(
        total=total, first=first, second=second, english=english, french=french,
        first_points=first_points, second_raw=second_raw, second_points=second_points,
        transferability_raw=(c1, c2, c3, c4, c5), transferability=transferability,
        additional_raw=additional_raw, additional=additional,
    )


def _choices(tests: tuple[LanguageResult, ...]) -> list[tuple]:
    """Every (first, second) pairing: one test per language, either language first."""
    if len(tests) <= 1:
        return [(tests[0] if tests else None, None)]
    english = [test for test in tests if test.language == ENGLISH] or [None]
    french = [test for test in tests if test.language == FRENCH] or [None]
    pairs = []
    for e in english:
        for f in french:
            if e is not None or f is None:
                pairs.append((e, f))
            if f is not None:
                pairs.append((f, e))
    return pairs


def _choice_key(numbers: _Numbers) -> tuple:
    # Highest total; then English first; then the more recent tests (then name and scores),
    # so that the order in which tests are listed never changes the result.
    first, second = numbers.first, numbers.second
    return (
        numbers.total,
        first is None or first.language == ENGLISH,
        first.sort_key() if first is not None else (),
        second.sort_key() if second is not None else (),
    )


def _spouse_test(tests: tuple[LanguageResult, ...]) -> LanguageResult | None:
    if not tests:
        return None
    return max(
        tests,
        key=lambda test: (sum(SPOUSE_LANGUAGE_POINTS[level] for level in test.clb),
                          test.sort_key()),
    )


@lru_cache(maxsize=64)
def years_reason(years: int, most: int | None = None) -> Reason:
    """'1 year', '2 years', '5 or more years' (at the grid's top row, when one is given)."""
    if most is not None and years >= most:
        return shared("years_or_more", years=years)
    return plain("years_one") if years == 1 else shared("years", years=years)


def years_text(years: int, most: int | None = None) -> str:
    return years_reason(years, most).text


TRANSFERABILITY_FACTORS = (
    "education_language", "education_canadian_work", "foreign_work_language",
    "foreign_work_canadian_work", "certificate_language",
)
ADDITIONAL_FACTORS = (
    "provincial_nomination", "job_offer", "french", "canadian_education", "sibling",
)


def _test_name(test: LanguageResult) -> Reason:
    return Reason("test_of", {"test": test.test, "taken_on": test.taken_on.isoformat()})


def _transferability_detail(i: int, inputs: CrsInputs, first: LanguageResult | None) -> Reason:
    level = first.lowest if first is not None else 0
    unit = first.unit if first is not None else "CLB"
    education = inputs.education
    if i == 0:
        return Reason("education_language_detail", {
            "education": education, "unit": unit, "level": 9 if level >= 9 else 7})
    if i == 1:
        return Reason("education_canadian_work_detail", {
            "education": education, "years": years_reason(inputs.canadian_years, 5)})
    foreign = years_reason(inputs.foreign_years, 3)
    if i == 2:
        return Reason("foreign_work_language_detail", {
            "foreign": foreign, "noc": inputs.foreign_noc, "unit": unit,
            "level": 9 if level >= 9 else 7})
    if i == 3:
        return Reason("foreign_work_canadian_work_detail", {
            "foreign": foreign, "noc": inputs.foreign_noc,
            "years": years_reason(inputs.canadian_years, 5)})
    return Reason("certificate_language_detail", {"unit": unit, "level": 7 if level >= 7 else 5})


def _additional_detail(i: int, inputs: CrsInputs, best: "_Numbers", ruleset: Ruleset) -> Reason:
    if i == 0:
        return plain("provincial_nomination_detail")
    if i == 1:
        return Reason("job_offer_detail", {"noc": inputs.job_offer_noc, "effective": ruleset.name})
    if i == 2:
        english, french = best.english, best.french
        if english is not None and english.lowest >= 5:
            return Reason("french_strong", {
                "french": _test_name(french), "english": _test_name(english)})
        weak = (
            Reason("english_weak", {"test": _test_name(english)}) if english
            else plain("no_english")
        )
        return Reason("french_weak", {"french": _test_name(french), "english": weak})
    if i == 3:
        return Reason("canadian_education_detail", {"education": inputs.canadian_education})
    return plain("sibling_detail")


def _language_detail(code: str, test: LanguageResult) -> Reason:
    return Reason(f"{code}_detail", {
        "test": test.test, "taken_on": test.taken_on.isoformat(), "language": test.language,
        "clb": clb_reason(test.clb, test.unit)})


def score(inputs: CrsInputs, ruleset: Ruleset) -> CrsResult:
    column = 0 if inputs.with_spouse else 1
    lines: list[Line] = []

    age_points = AGE_POINTS.get(inputs.age, (0, 0))[column]
    education_points = EDUCATION_POINTS[inputs.education][column]
    work_points = CANADIAN_WORK_POINTS[inputs.canadian_years][column]
    fixed_core = age_points + education_points + work_points

    spouse = inputs.spouse
    spouse_lines: list[Line] = []
    spouse_test = None
    spouse_points = 0
    if spouse is not None:
        spouse_test = _spouse_test(spouse.tests)
        parts = (
            SPOUSE_EDUCATION_POINTS[spouse.education],
            sum(SPOUSE_LANGUAGE_POINTS[level] for level in spouse_test.clb) if spouse_test else 0,
            SPOUSE_WORK_POINTS[spouse.canadian_years],
        )
        spouse_points = sum(parts)
        if parts[0]:
            spouse_lines.append(Line("spouse_education", parts[0], Reason(
                "spouse_education_detail", {"education": spouse.education})))
        if parts[1]:
            spouse_lines.append(Line("spouse_language", parts[1], Reason("spouse_language_detail", {
                "test": spouse_test.test, "taken_on": spouse_test.taken_on.isoformat(),
                "clb": clb_reason(spouse_test.clb, spouse_test.unit)})))
        if parts[2]:
            spouse_lines.append(Line("spouse_canadian_work", parts[2], Reason(
                "spouse_canadian_work_detail", {"years": years_reason(spouse.canadian_years, 5),
                                         "hours": spouse.canadian_hours})))

    options = [
        _numbers(inputs, ruleset, fixed_core, spouse_points, first, second)
        for first, second in _choices(inputs.tests)
    ]
    best = options[0] if len(options) == 1 else max(options, key=_choice_key)

    # --- A. core --------------------------------------------------------------------------
    if age_points:
        detail = Reason("age_detail", {"age": inputs.age, "on": inputs.on.isoformat()})
        if inputs.with_spouse:
            detail = with_note(detail, plain("spouse_column"))
        lines.append(Line("age", age_points, detail))
    if education_points:
        lines.append(Line("education", education_points, shared(
            "education_detail", education=inputs.education)))
    if best.first_points:
        detail = _language_detail("first_language", best.first)
        if best.second is not None:
            detail = with_note(detail, plain("chosen_for_total"))
        lines.append(Line("first_language", best.first_points, detail))
    if best.second_raw:
        detail = _language_detail("second_language", best.second)
        if best.second_raw > best.second_points:
            detail = with_note(detail, Reason("second_capped", {
                "raw": best.second_raw, "cap": SECOND_LANGUAGE_CAP[column]}))
        lines.append(Line("second_language", best.second_points, detail))
    if work_points:
        first_day = add_years(inputs.on, -WORK_YEARS_WINDOW)
        lines.append(Line("canadian_work", work_points, Reason("canadian_work_detail", {
            "years": years_reason(inputs.canadian_years, 5), "hours": inputs.canadian_hours,
            "first": first_day.isoformat(), "last": (inputs.on - ONE_DAY).isoformat()})))
    core = fixed_core + best.first_points + best.second_points

    # --- B. spouse --------------------------------------------------------------------------
    lines.extend(spouse_lines)

    # --- C. skill transferability --------------------------------------------------------------
    raw = best.transferability_raw
    after_pairs = (
        *_allot([raw[0], raw[1]], EDUCATION_PAIR_CAP),
        *_allot([raw[2], raw[3]], FOREIGN_PAIR_CAP),
        raw[4],
    )
    for i, factor in enumerate(TRANSFERABILITY_FACTORS):
        if raw[i]:
            detail = _transferability_detail(i, inputs, best.first)
            if after_pairs[i] < raw[i]:
                capped = "education_pair_capped" if i < 2 else "foreign_pair_capped"
                detail = with_note(detail, Reason(capped, {"raw": raw[i]}))
            elif best.transferability[i] < raw[i]:
                detail = with_note(detail, Reason("transferability_capped", {"raw": raw[i]}))
            lines.append(Line(factor, best.transferability[i], detail))
    transferability = sum(best.transferability)

    # --- D. additional ----------------------------------------------------------------------------
    for i, factor in enumerate(ADDITIONAL_FACTORS):
        if best.additional_raw[i]:
            detail = _additional_detail(i, inputs, best, ruleset)
            if best.additional[i] < best.additional_raw[i]:
                detail = with_note(detail, Reason(
                    "additional_capped", {"raw": best.additional_raw[i]}))
            lines.append(Line(factor, best.additional[i], detail))
    additional = sum(best.additional)

    return CrsResult(
        total=core + spouse_points + transferability + additional,
        core=core,
        spouse=spouse_points,
        transferability=transferability,
        additional=additional,
        lines=tuple(lines),
        with_spouse=inputs.with_spouse,
        first_language=best.first.language if best.first is not None else None,
        first_test=best.first.index if best.first is not None else None,
        second_test=best.second.index if best.second is not None else None,
        spouse_test=spouse_test.index if spouse_test is not None else None,
    )


def with_inputs(inputs: CrsInputs, **changes) -> CrsInputs:
    """A copy of ``inputs`` with some values changed (for "what if" questions)."""
    return replace(inputs, **changes)
