"""Category-based rounds of 2026: whom a category round can invite (shared/rules/categories.md).

One entry per category, in the order of categories.md §2. A category is eligible when its own
condition is met (NCLC 7 on one TEF/TCF for ``french``, 1,560 hours in one listed occupation for
the others) and the person is eligible for CEC on the same date (§1). ``military`` is never
assessed: its conditions are not in the facts.

Occupational experience (§3) is counted with the engine's CEC counter (``hours.RateFn``): per
listed NOC code the person actually has, over the jobs in that code only, so the 30 h/week cap
never reaches across codes. Canadian jobs are those ``work.canadian_exclusions`` lets through;
jobs abroad count (when the category allows it) when paid.

Choices categories.md leaves open, made here:
- ``experience_on`` is null when the 1,560 hours would be reached more than 3 years after the
  evaluation date (§3.4: "null if met already or never within 3 years");
- when several codes would reach 1,560 hours on the same day, ``experience_on`` names the
  lower code, as ties do for ``experience_hours``;
- ``needs_review`` names the code with the most hours once self-employed and student work is
  added back (ties: the lower code).

Every entry carries an English ``reason`` and the same thing as data, ``reason_code`` and
``reason_params``, so that another layer can say it in French; ``category_reason`` is the one
place the English is put together from them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from eligibility.rules.cec import CecResult, best_test
from eligibility.rules.dates import ONE_DAY, add_years
from eligibility.rules.facts import Facts, Job
from eligibility.rules.frozen import frozen
from eligibility.rules.hours import HOURS_1560, RATE_DAYS_PER_HOUR, Interval, RateFn, interval
from eligibility.rules.language import TEST_LABELS, LanguageResult
from eligibility.rules.rulesets import Ruleset
from eligibility.rules.work import CanadianWork, canadian_exclusions

WINDOW_YEARS = 3
FRENCH_LEVEL = 7

# What a category needs (categories.md §2).
OCCUPATION = "occupation"  # 1,560 hours in one listed NOC code (§3)
FRENCH = "french"  # NCLC 7 in all four abilities on one valid TEF Canada or TCF Canada result
NOT_ASSESSED = "not_assessed"  # conditions the facts cannot show


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    condition: str  # OCCUPATION | FRENCH | NOT_ASSESSED
    nocs: tuple[str, ...] = ()  # the occupation list (NOC 2021), ascending
    abroad: bool = False  # work outside Canada counts toward the experience
    noc_set: frozenset[str] = field(default=frozenset(), init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "noc_set", frozenset(self.nocs))


@dataclass(frozen=True, slots=True)
class CategorySet:
    """The categories in force from ``effective`` (like ``rulesets.Ruleset``)."""

    effective: date
    summary: str
    categories: tuple[Category, ...]
    # Derived. listed: every NOC code of an occupation category (jobs in any other code are
    # never looked at); by_noc: code → the occupation categories listing it, in order.
    listed: frozenset[str] = field(default=frozenset(), init=False, compare=False)
    by_noc: Mapping[str, tuple[Category, ...]] = field(
        default_factory=dict, init=False, compare=False
    )

    def __post_init__(self) -> None:
        by_noc: dict[str, tuple[Category, ...]] = {}
        for category in self.categories:
            if category.condition == OCCUPATION:
                for noc in category.nocs:
                    by_noc[noc] = by_noc.get(noc, ()) + (category,)
        object.__setattr__(self, "listed", frozenset(by_noc))
        object.__setattr__(self, "by_noc", MappingProxyType(by_noc))

    @property
    def name(self) -> str:
        return self.effective.isoformat()


def _nocs(text: str) -> tuple[str, ...]:
    return tuple(sorted(text.split()))


# categories.md §2 and its occupation lists, in the order of its table.
CATEGORIES_2026 = (
    Category("french", FRENCH),
    Category("healthcare", OCCUPATION, _nocs(
        "31100 31101 31102 31103 31110 31111 31112 31120 31121 31200 31201 31202 31203 31209 "
        "31300 31301 31302 31303 32101 32102 32103 32104 32109 32111 32120 32121 32122 32123 "
        "32124 32129 32201 33101 33102 33103 41300 41301 42201"
    ), abroad=True),
    Category("stem", OCCUPATION, _nocs(
        "20011 21220 21300 21301 21310 21321 21331 22300 22301 22310 63100"
    ), abroad=True),
    Category("trades", OCCUPATION, _nocs(
        "22303 63201 70010 70011 72100 72102 72106 72200 72201 72300 72302 72310 72311 72320 "
        "72400 72401 72402 72422 72501 72999 73100 73110 73112 73113 82021"
    ), abroad=True),
    Category("education", OCCUPATION, _nocs("41220 41221 42202 42203 43100"), abroad=True),
    Category("transport", OCCUPATION, _nocs("22313 72404 72410 72600"), abroad=True),
    Category("physicians", OCCUPATION, _nocs("31100 31101 31102")),
    Category("senior_managers", OCCUPATION, _nocs("00012 00013 00014 00015")),
    Category("researchers", OCCUPATION, _nocs("41200 41201")),
    # Listed for completeness; never used: the category is not assessed (§3, last reading).
    Category("military", NOT_ASSESSED, _nocs("40042 42102 43204")),
)

# Oldest first. Before the first effective date no category is modelled (categories.md §2).
CATEGORY_SETS: tuple[CategorySet, ...] = (
    CategorySet(
        effective=date(2026, 2, 18),
        summary="2026 categories: French, healthcare, STEM, trades, education, transport, "
                "physicians, senior managers, researchers, military",
        categories=CATEGORIES_2026,
    ),
)
CATEGORIES_FROM = CATEGORY_SETS[0].effective

CATEGORY_LABELS = {
    "french": "French-language proficiency",
    "healthcare": "healthcare and social services occupations",
    "stem": "STEM occupations",
    "trades": "trade occupations",
    "education": "education occupations",
    "transport": "transport occupations",
    "physicians": "physicians with Canadian work experience",
    "senior_managers": "senior managers with Canadian work experience",
    "researchers": "researchers with Canadian work experience",
    "military": "skilled military recruits",
}


def category_set_for(on: date) -> CategorySet | None:
    """The categories in force on ``on``; None before the first set."""
    chosen = None
    for candidate in CATEGORY_SETS:
        if candidate.effective <= on and (chosen is None or candidate.effective > chosen.effective):
            chosen = candidate
    return chosen


# --- What the engine says (constants the tests assert) ----------------------------------------
NOT_MODELLED = (
    "Category-based selection is assessed for dates from {since} only; none is listed for {as_of}"
)
CEC_ONLY = (
    "A category round invites only people eligible for CEC, FSW or FST; this portal assesses "
    "CEC only, so a category is eligible here only when you are eligible for CEC on {as_of}"
)

LISTED_HOURS = "{hours:,} hours as {occupation} in {first} … {last}; 1,560 needed"
NO_LISTED_WORK = "0 hours in a listed occupation in {first} … {last}; 1,560 needed"
ABROAD_NOT_COUNTED = "Work outside Canada does not count for this category"
REACH = "If your current work goes on, you reach 1,560 hours as {occupation} on {on}"
REVIEW = (
    "Counting your self-employed or full-time-student work in Canada as {occupation}, you would "
    "reach 1,560 hours; a consultant should review this"
)
NOT_CEC = (
    "You are not eligible for CEC on {as_of}, and a category round invites only people eligible "
    "for CEC, FSW or FST; FSW or FST (not assessed here) might still open it"
)
FRENCH_MET = (
    "{label} of {taken_on}, valid until {valid_until}: NCLC 7 or more in all four abilities"
)
FRENCH_SHORT = (
    "{label} of {taken_on}, valid until {valid_until}: your {ability} is {level}; NCLC 7 in all "
    "four abilities on one TEF Canada or TCF Canada result is needed"
)
FRENCH_NOT_VALID = (
    "No TEF Canada or TCF Canada result is valid on {as_of}; NCLC 7 in all four abilities on "
    "one of them is needed"
)
FRENCH_NONE = (
    "No TEF Canada or TCF Canada result is entered; NCLC 7 in all four abilities on one of them "
    "is needed (English tests do not count)"
)
MILITARY_NOT_ASSESSED = (
    "Not assessed: it needs 10+ years in a recognized foreign military, a Canadian Armed Forces "
    "offer and a 2-year credential, which the portal does not ask about"
)

# reason_code values.
R_NOT_MODELLED = "not_modelled"
R_CEC_ONLY = "cec_only"
R_MET = "experience_met"
R_MET_NOT_CEC = "experience_met_not_cec"
R_SHORT = "experience_short"
R_NONE = "experience_none"
R_FRENCH_MET = "french_met"
R_FRENCH_MET_NOT_CEC = "french_met_not_cec"
R_FRENCH_SHORT = "french_short"
R_FRENCH_NOT_VALID = "french_not_valid"
R_FRENCH_NONE = "french_none"
R_NOT_ASSESSED = "not_assessed"


def occupation_text(noc: str, noc_titles: Mapping[str, str] | None = None) -> str:
    """'registered nurse (31301)' when a title is known, else 'NOC 31301'."""
    title = noc_titles.get(noc) if noc_titles else None
    return f"{title} ({noc})" if title else f"NOC {noc}"


def _level_text(level: int) -> str:
    return f"NCLC {level}" if level >= 4 else "below NCLC 4"


def _experience_reason(params: Mapping, noc_titles, not_cec: bool = False) -> str:
    noc = params.get("noc")
    if noc is None:
        text = NO_LISTED_WORK.format(first=params["first"], last=params["last"])
    else:
        text = LISTED_HOURS.format(
            hours=params["hours"], occupation=occupation_text(noc, noc_titles),
            first=params["first"], last=params["last"],
        )
    if params.get("abroad_not_counted"):
        text = f"{text}. {ABROAD_NOT_COUNTED}"
    if "experience_on" in params:
        reach = REACH.format(
            occupation=occupation_text(params["experience_on_noc"], noc_titles),
            on=params["experience_on"],
        )
        text = f"{text}. {reach}"
    if "review_noc" in params:
        review = REVIEW.format(occupation=occupation_text(params["review_noc"], noc_titles))
        text = f"{text}. {review}"
    if not_cec:
        text = f"{text}. {NOT_CEC.format(as_of=params['as_of'])}"
    return text


def _french_test_reason(params: Mapping) -> str:
    label = TEST_LABELS[params["test"]]
    if "ability" in params:
        return FRENCH_SHORT.format(
            label=label, taken_on=params["taken_on"], valid_until=params["valid_until"],
            ability=params["ability"], level=_level_text(params["level"]),
        )
    text = FRENCH_MET.format(
        label=label, taken_on=params["taken_on"], valid_until=params["valid_until"]
    )
    if "as_of" in params:
        text = f"{text}. {NOT_CEC.format(as_of=params['as_of'])}"
    return text


# reason_code → how to say it: (params, noc_titles) → English.
_REASONS = {
    R_NOT_MODELLED: lambda params, _: NOT_MODELLED.format(
        since=params["since"], as_of=params["as_of"]
    ),
    R_CEC_ONLY: lambda params, _: CEC_ONLY.format(as_of=params["as_of"]),
    R_MET: _experience_reason,
    R_MET_NOT_CEC: lambda params, titles: _experience_reason(params, titles, not_cec=True),
    R_SHORT: _experience_reason,
    R_NONE: _experience_reason,
    R_FRENCH_MET: lambda params, _: _french_test_reason(params),
    R_FRENCH_MET_NOT_CEC: lambda params, _: _french_test_reason(params),
    R_FRENCH_SHORT: lambda params, _: _french_test_reason(params),
    R_FRENCH_NOT_VALID: lambda params, _: FRENCH_NOT_VALID.format(as_of=params["as_of"]),
    R_FRENCH_NONE: lambda params, _: FRENCH_NONE,
    R_NOT_ASSESSED: lambda params, _: MILITARY_NOT_ASSESSED,
}


def category_reason(
    reason_code: str, params: Mapping, noc_titles: Mapping[str, str] | None = None
) -> str:
    """The English reason of a category entry (or of the categories note), from its data.

    ``params`` holds only what is set: an optional sentence comes with its own keys
    (``experience_on`` with ``experience_on_noc``, ``review_noc``, ``abroad_not_counted``;
    ``as_of`` for the sentence saying CEC is missing).
    """
    return _REASONS[reason_code](params, noc_titles)


class CategoryResult(NamedTuple):
    """One category's entry (categories.md §4).

    A named tuple rather than a frozen dataclass like the engine's other results: it is just as
    immutable, and an evaluation builds up to ten of them, where a frozen dataclass's
    field-by-field ``__init__`` cost a measurable share of the whole evaluation.
    """

    code: str
    eligible: bool
    needs_review: bool
    experience_hours: int | None  # None for french and military
    noc: str | None  # the code giving the hours
    experience_on: date | None
    reason: str
    reason_code: str
    reason_params: Mapping  # read-only; JSON values only: str, int, bool, None

    def to_json(self) -> dict:
        """The entry of categories.md §4, with ``reason_code`` and ``reason_params``: new
        dicts every time (entries that do not depend on the person are shared)."""
        return {
            "code": self.code,
            "eligible": self.eligible,
            "needs_review": self.needs_review,
            "experience_hours": self.experience_hours,
            "noc": self.noc,
            "experience_on": self.experience_on.isoformat() if self.experience_on else None,
            "reason": self.reason,
            "reason_code": self.reason_code,
            # A mapping proxy's own copy() copies the dict behind it: dict(proxy) is 7× slower.
            "reason_params": self.reason_params.copy(),
        }

    @property
    def condition_met(self) -> bool:
        """The category's own condition (experience or French), whatever CEC says."""
        return self.reason_code in _CONDITION_MET


_CONDITION_MET = frozenset((R_MET, R_MET_NOT_CEC, R_FRENCH_MET, R_FRENCH_MET_NOT_CEC))


@frozen
class CategoriesNote:
    """What the categories list as a whole rests on (or why it is empty)."""

    reason: str
    reason_code: str
    reason_params: Mapping


# --- Occupational experience ------------------------------------------------------------------


class _CodeJobs:
    """One listed NOC code's jobs, as intervals: counted in Canada, paid abroad, and Canadian
    jobs left out only for being self-employed or done as a full-time student (§3.5)."""

    __slots__ = ("canada", "abroad", "review")

    def __init__(self) -> None:
        self.canada: list[Interval] = []
        self.abroad: list[Interval] = []
        self.review: list[Interval] = []


def _left_out_only_as_self_employed_or_student(job: Job, ruleset: Ruleset) -> bool:
    # The CEC test again with those two facts set aside: everything else must still pass.
    if not (job.self_employed or job.full_time_student):
        return False
    as_employee = replace(job, self_employed=False, full_time_student=False)
    return not canadian_exclusions(as_employee, ruleset)


def _jobs_by_code(
    jobs: tuple[Job, ...], work: CanadianWork, listed: frozenset[str], ruleset: Ruleset
) -> dict[str, _CodeJobs]:
    by_code: dict[str, _CodeJobs] = {}
    counted = None  # input position → its interval, as CEC counted it
    for index, job in enumerate(jobs):
        if job.noc not in listed:
            continue
        code_jobs = by_code.get(job.noc)
        if code_jobs is None:
            code_jobs = by_code[job.noc] = _CodeJobs()
        if job.in_canada:
            if index not in work.exclusions:
                if counted is None:
                    counted = dict(zip(work.indices, work.intervals, strict=True))
                code_jobs.canada.append(counted[index])
            elif _left_out_only_as_self_employed_or_student(job, ruleset):
                code_jobs.review.append(interval(job.start, job.end, job.rate))
        elif job.paid:
            code_jobs.abroad.append(interval(job.start, job.end, job.rate))
    return by_code


class _Experience:
    """Hours per listed code, counted once per (code, abroad counts or not) and shared by every
    category listing the code (31100–31102 are in healthcare and physicians)."""

    def __init__(
        self, by_code: dict[str, _CodeJobs], on: date, work: CanadianWork, cec: CecResult
    ) -> None:
        self.by_code = by_code
        self.on = on
        self.work = work
        self.cec = cec
        self.lo = add_years(on, -WINDOW_YEARS).toordinal()
        self.hi = on.toordinal()
        self.horizon = add_years(on, WINDOW_YEARS)
        self._fns: dict[tuple[str, bool], RateFn] = {}
        self._totals: dict[tuple[str, bool], int] = {}
        self._reach: dict[tuple[str, bool], date | None] = {}

    def _key(self, noc: str, abroad: bool) -> tuple[str, bool]:
        # Without jobs abroad in the code, both scopes count the same jobs: count them once.
        return (noc, abroad and bool(self.by_code[noc].abroad))

    def _same_as_cec(self, key: tuple[str, bool]) -> bool:
        # Every qualifying Canadian job is in this code and nothing abroad is added: the code's
        # hours are CEC's, already counted (the common case of one occupation).
        canada = self.by_code[key[0]].canada
        return not key[1] and bool(canada) and len(canada) == len(self.work.intervals)

    def _fn(self, key: tuple[str, bool]) -> RateFn:
        fn = self._fns.get(key)
        if fn is None:
            if self._same_as_cec(key):
                fn = self.work.fn
            else:
                jobs = self.by_code[key[0]]
                fn = RateFn(jobs.canada + jobs.abroad if key[1] else jobs.canada)
            self._fns[key] = fn
        return fn

    def total(self, noc: str, abroad: bool) -> int:
        """Σ rate(d) over the window, in rate-days (exact)."""
        key = self._key(noc, abroad)
        total = self._totals.get(key)
        if total is None:
            total = self._totals[key] = self._fn(key).total(self.lo, self.hi)
        return total

    def reach(self, noc: str, abroad: bool) -> date | None:
        """First day after ``on`` the code's window holds 1,560 hours, if within 3 years."""
        key = self._key(noc, abroad)
        if key not in self._reach:
            jobs = self.by_code[noc]
            if self._same_as_cec(key):
                day = self.cec.eligible_on  # the same search, made for CEC's work requirement
            elif all(end <= self.hi for _, end, _ in jobs.canada) and (
                not key[1] or all(end <= self.hi for _, end, _ in jobs.abroad)
            ):
                day = None  # all work ended before `on`: later windows only lose hours
            else:
                day = self._fn(key).first_reach(self.on, WINDOW_YEARS, HOURS_1560)
            self._reach[key] = day if day is not None and day <= self.horizon else None
        return self._reach[key]

    def total_with_review(self, noc: str, abroad: bool) -> int:
        jobs = self.by_code[noc]
        counted = jobs.canada + jobs.abroad if abroad else jobs.canada
        return RateFn(counted + jobs.review).total(self.lo, self.hi)


def _entry(
    code: str,
    reason_code: str,
    params: dict,
    eligible: bool = False,
    needs_review: bool = False,
    experience_hours: int | None = None,
    noc: str | None = None,
    experience_on: date | None = None,
    noc_titles: Mapping[str, str] | None = None,
) -> CategoryResult:
    # Read-only parameters: entries that do not depend on the person are shared.
    return CategoryResult(
        code, eligible, needs_review, experience_hours, noc, experience_on,
        _REASONS[reason_code](params, noc_titles), reason_code, MappingProxyType(params),
    )


def _occupation_entry(
    category: Category,
    codes: list[str],
    experience: _Experience,
    cec: CecResult,
    fixed: "_Fixed",
    noc_titles: Mapping[str, str] | None,
) -> CategoryResult:
    """The entry of a category whose list holds some of the person's codes (ascending)."""
    window = fixed.window
    abroad = category.abroad
    best_noc, best = None, 0
    for noc in codes:  # ascending: a tie keeps the lower code
        total = experience.total(noc, abroad)
        if total > best:
            best_noc, best = noc, total
    met = best >= HOURS_1560
    hours = best // RATE_DAYS_PER_HOUR

    params = dict(window)
    if best_noc is not None:
        params["hours"] = hours
        params["noc"] = best_noc
    if not abroad and any(experience.by_code[noc].abroad for noc in codes):
        params["abroad_not_counted"] = True
    experience_on = review_noc = None
    if not met:
        for noc in codes:
            day = experience.reach(noc, abroad)
            if day is not None and (experience_on is None or day < experience_on):
                experience_on = day
                params["experience_on"] = day.isoformat()
                params["experience_on_noc"] = noc
        most = 0
        for noc in codes:
            if experience.by_code[noc].review:
                total = experience.total_with_review(noc, abroad)
                if total >= HOURS_1560 and total > most:
                    review_noc, most = noc, total
        if review_noc is not None:
            params["review_noc"] = review_noc
        if len(params) == len(window):  # nothing counts, nothing to come: the shared entry
            return fixed.unmet[category.code]
        reason_code = R_SHORT if best_noc is not None else R_NONE
    elif cec.eligible:
        reason_code = R_MET
    else:
        reason_code = R_MET_NOT_CEC
        params["as_of"] = experience.on.isoformat()
    return _entry(
        category.code, reason_code, params,
        eligible=met and cec.eligible,
        needs_review=review_noc is not None,
        experience_hours=hours,
        noc=best_noc,
        experience_on=experience_on,
        noc_titles=noc_titles,
    )


# --- French and military --------------------------------------------------------------------


def _french_entry(
    code: str, french: tuple[LanguageResult, ...], cec: CecResult, as_of: str
) -> CategoryResult:
    # The same choice as CEC's: the valid test whose weakest ability is strongest, so a test
    # meeting NCLC 7 in all four is found whenever there is one (abilities never mix).
    test = best_test(french)
    if test is None:
        return _entry(code, R_FRENCH_NOT_VALID, {"as_of": as_of})
    met = test.lowest >= FRENCH_LEVEL
    params = {
        "test": test.test,
        "taken_on": test.taken_on.isoformat(),
        "valid_until": test.valid_until.isoformat(),
    }
    if not met:
        reason_code = R_FRENCH_SHORT
        params["ability"] = test.lowest_ability
        params["level"] = test.lowest
    elif cec.eligible:
        reason_code = R_FRENCH_MET
    else:
        reason_code = R_FRENCH_MET_NOT_CEC
        params["as_of"] = as_of
    return _entry(code, reason_code, params, eligible=met and cec.eligible)


@frozen
class _Fixed:
    """What does not depend on the person, for one evaluation date: built once per date."""

    in_force: CategorySet
    note: CategoriesNote
    window: dict  # first and last day of the 3-year window, ISO
    # category code → its entry when no job counts or will count toward it, or when no
    # TEF/TCF result is entered (french), or always (military)
    unmet: Mapping[str, CategoryResult]
    nothing: tuple[CategoryResult, ...]  # every entry, for someone with none of those
    position: Mapping[str, int]  # category code → its place in the list
    french: Category | None  # the language category


@lru_cache(maxsize=64)
def _fixed(on: date) -> _Fixed | None:
    # Keyed by the date alone: hashing a CategorySet would cost more than the entries save.
    # (A set added to CATEGORY_SETS at run time needs _fixed.cache_clear().)
    in_force = category_set_for(on)
    if in_force is None:
        return None
    as_of = on.isoformat()
    note_params = {"as_of": as_of, "categories": in_force.name}
    note = CategoriesNote(
        category_reason(R_CEC_ONLY, note_params), R_CEC_ONLY, MappingProxyType(note_params)
    )
    window = {"first": add_years(on, -WINDOW_YEARS).isoformat(), "last": (on - ONE_DAY).isoformat()}
    unmet = {}
    french = None
    for category in in_force.categories:
        if category.condition == OCCUPATION:
            unmet[category.code] = _entry(category.code, R_NONE, dict(window), experience_hours=0)
        elif category.condition == FRENCH:
            french = category
            unmet[category.code] = _entry(category.code, R_FRENCH_NONE, {})
        else:
            unmet[category.code] = _entry(category.code, R_NOT_ASSESSED, {})
    nothing = tuple(unmet[category.code] for category in in_force.categories)
    position = {category.code: i for i, category in enumerate(in_force.categories)}
    return _Fixed(in_force, note, window, unmet, nothing, position, french)


# --- The list ---------------------------------------------------------------------------------


def evaluate_categories(
    facts: Facts,
    tests: tuple[LanguageResult, ...],
    ruleset: Ruleset,
    work: CanadianWork,
    cec: CecResult,
    noc_titles: Mapping[str, str] | None = None,
) -> tuple[tuple[CategoryResult, ...], CategoriesNote]:
    """Every category in force on ``facts.as_of``, in categories.md's order, and a note on what
    the list rests on. ``work`` and ``tests`` are the ones CEC was judged with."""
    on = facts.as_of
    fixed = _fixed(on)
    if fixed is None:
        params = {"as_of": on.isoformat(), "since": CATEGORIES_FROM.isoformat()}
        reason = category_reason(R_NOT_MODELLED, params)
        return (), CategoriesNote(reason, R_NOT_MODELLED, MappingProxyType(params))
    in_force = fixed.in_force

    # Hours are counted only for listed codes the person has: most people have one or two.
    by_code = _jobs_by_code(facts.jobs, work, in_force.listed, ruleset)
    french = tuple(test for test in tests if test.language == "french")
    if not by_code and not french:
        return fixed.nothing, fixed.note
    entries = list(fixed.nothing)
    position = fixed.position
    if french and fixed.french is not None:
        code = fixed.french.code
        entries[position[code]] = _french_entry(code, french, cec, on.isoformat())
    if by_code:
        experience = _Experience(by_code, on, work, cec)
        codes_of: dict[str, tuple[Category, list[str]]] = {}
        for noc in sorted(by_code):
            for category in in_force.by_noc[noc]:
                codes_of.setdefault(category.code, (category, []))[1].append(noc)
        for code, (category, codes) in codes_of.items():
            entries[position[code]] = _occupation_entry(
                category, codes, experience, cec, fixed, noc_titles
            )
    return tuple(entries), fixed.note
