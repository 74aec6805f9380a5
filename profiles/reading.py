"""The stored evaluation, read once into typed values.

The rules engine's result is kept as JSON (``shared/spec/facts.md``, "Result") on the applicant
and in the case's snapshots. Everything that shows or uses it reads it through
``read_evaluation`` here, never by string keys: the verdict (its one precedence rule is
``Verdict.of``), each requirement, the hours counted for each job *by the job's id*, each
language test, the CRS total, sections and lines, and every date as a ``datetime.date``.

The engine numbers jobs and tests by their place in the facts; the facts bridge
(``profiles.selectors.facts_and_row_ids``) knows which row is at each place, and the stored JSON
carries those ids under ``row_ids``, so this module maps a place to a row and no consumer
matches rows by position. The categories (``shared/rules/categories.md`` §4) are read too, as
``CategoryEntry`` values; keys this module does not know are kept in the JSON and ignored here.

Pure: no database, no request. Names come from ``profiles.phrases``.
"""

from dataclasses import field
from datetime import date

from django.utils import formats

from eligibility.rules.frozen import frozen
from eligibility.rules.language import TEST_LABELS
from profiles import phrases
from profiles.enums import CecStatus
from profiles.reasons import format_date, say

ROW_IDS = "row_ids"  # the key, in the stored JSON, of the rows the engine's indexes refer to
CRS_SECTION_CODES = ("core", "spouse", "transferability", "additional")  # the grid's order

# Which questionnaire step asks each part of the facts (the engine names fields as facts.md).
PROBLEM_STEPS = {
    "birth_date": "about",
    "marital_status": "about",
    "intended_province": "about",
    "spouse": "spouse",
    "education": "education",
    "language_tests": "language",
    "jobs": "work_canada",
}


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@frozen
class Verdict:
    """The CEC verdict: one of ``CecStatus``, with the later date when there is one."""

    status: str
    eligible_on: date | None = None

    @classmethod
    def of(cls, *, eligible: bool, needs_review: bool, eligible_on: date | None) -> "Verdict":
        """The one precedence rule: eligible, then needs review, then eligible on a later
        date, then not eligible."""
        if eligible:
            return cls(CecStatus.ELIGIBLE)
        if needs_review:
            return cls(CecStatus.NEEDS_REVIEW)
        if eligible_on:
            return cls(CecStatus.ELIGIBLE_LATER, eligible_on)
        return cls(CecStatus.NOT_ELIGIBLE)

    @property
    def label(self) -> str:
        """The short name: "Eligible on 2027-03-14" rather than "eligible later" when the date
        is known."""
        if self.status == CecStatus.ELIGIBLE_LATER and self.eligible_on:
            return str(phrases.VERDICT_ELIGIBLE_ON % {"date": format_date(self.eligible_on)})
        return str(phrases.VERDICTS.get(self.status, self.status))

    @property
    def sentence(self) -> str:
        """What the person reads as their result."""
        text = phrases.VERDICT_SENTENCES[self.status]
        if self.status == CecStatus.ELIGIBLE_LATER:
            date_text = format_date(self.eligible_on) if self.eligible_on else "…"
            return str(text % {"date": date_text})
        return str(text)

    @property
    def tone(self) -> str:
        """The colour a page gives it (a Bootstrap text colour)."""
        return {
            CecStatus.ELIGIBLE: "success",
            CecStatus.NEEDS_REVIEW: "warning-emphasis",
            CecStatus.NOT_ELIGIBLE: "danger",
        }.get(self.status, "body")

    @property
    def eligible(self) -> bool:
        return self.status == CecStatus.ELIGIBLE


@frozen
class Requirement:
    code: str  # work | language | province
    met: bool
    english: str  # the engine's words, with numbers and dates
    why: dict | None = None  # the same as the engine's code and figures

    @property
    def label(self) -> str:
        return phrases.requirement_label(self.code)

    @property
    def reason(self) -> str:
        """Why, in the active language."""
        return say(self.why, self.english)


@frozen
class CountedJob:
    """One of the person's jobs as the engine counted it."""

    index: int  # its place in the facts
    job_id: int | None  # the Job row; None in a result stored before the ids were kept
    counted_hours: int
    excluded_english: str | None  # why it does not count (the engine's words), or None
    capped: bool = False  # the 30 h/week cap across overlapping jobs took hours off it
    excluded_why: dict | None = None  # the same as the engine's code and figures

    @property
    def excluded(self) -> str | None:
        """Why it does not count, in the active language; None when it counts."""
        if self.excluded_english is None:
            return None
        return say(self.excluded_why, self.excluded_english)

    @property
    def counted(self) -> bool:
        return self.counted_hours > 0 and self.excluded_english is None


@frozen
class Clb:
    listening: int
    reading: int
    writing: int
    speaking: int

    def __str__(self) -> str:
        return f"{self.listening}/{self.reading}/{self.writing}/{self.speaking}"


@frozen
class LanguageTestResult:
    """One of the person's language tests, read on the evaluation date."""

    index: int  # its place in the facts
    test_id: int | None  # the LanguageTest row
    test: str  # the engine's code: ielts_general, celpip_general, …
    label: str  # the test's own name
    taken_on: date
    valid_until: date
    valid: bool
    clb: Clb


@frozen
class CrsLine:
    factor: str
    points: int
    english: str  # the engine's reason
    why: dict | None = None  # the same as the engine's code and figures

    @property
    def label(self) -> str:
        return phrases.factor_label(self.factor)

    @property
    def detail(self) -> str:
        """Why these points, in the active language."""
        return say(self.why, self.english)


@frozen
class CrsSection:
    code: str  # core | spouse | transferability | additional
    points: int

    @property
    def label(self) -> str:
        return phrases.section_label(self.code)


@frozen
class Crs:
    total: int
    sections: tuple[CrsSection, ...]  # in the grid's order
    lines: tuple[CrsLine, ...]  # every factor that scored

    def points_by_factor(self) -> dict[str, int]:
        return {line.factor: line.points for line in self.lines}


def _part(key: str, **values) -> str:
    return str(phrases.CATEGORY_REASON_PARTS[key]) % values


def _occupation(noc: str) -> str:
    return _part("noc", noc=noc)


def _experience_text(params: dict, not_cec: bool) -> str:
    window = {"first": params["first"], "last": params["last"]}
    if params.get("noc") is None:
        sentences = [_part("no_listed_work", **window)]
    else:
        sentences = [_part(
            "listed_hours", hours=formats.number_format(params["hours"], force_grouping=True),
            occupation=_occupation(params["noc"]), **window,
        )]
    if params.get("abroad_not_counted"):
        sentences.append(_part("abroad_not_counted"))
    if "experience_on" in params:
        sentences.append(_part("reach", occupation=_occupation(params["experience_on_noc"]),
                               on=params["experience_on"]))
    if "review_noc" in params:
        sentences.append(_part("review", occupation=_occupation(params["review_noc"])))
    if not_cec:
        sentences.append(_part("not_cec", as_of=params["as_of"]))
    return ". ".join(sentences)


def _french_text(params: dict) -> str:
    test = {"label": TEST_LABELS.get(params["test"], params["test"]),
            "taken_on": params["taken_on"], "valid_until": params["valid_until"]}
    if "ability" in params:
        level = params["level"]
        return _part(
            "french_short", **test,
            ability=str(phrases.ABILITIES.get(params["ability"], params["ability"])),
            level=_part("level", level=level) if level >= 4 else _part("below_level_4"),
        )
    text = _part("french_met", **test)
    return f"{text}. {_part('not_cec', as_of=params['as_of'])}" if "as_of" in params else text


# reason_code → the reason in the reader's language (the engine's English in English).
_CATEGORY_REASONS = {
    "experience_met": lambda params: _experience_text(params, not_cec=False),
    "experience_short": lambda params: _experience_text(params, not_cec=False),
    "experience_none": lambda params: _experience_text(params, not_cec=False),
    "experience_met_not_cec": lambda params: _experience_text(params, not_cec=True),
    "french_met": _french_text,
    "french_met_not_cec": _french_text,
    "french_short": _french_text,
    "french_not_valid": lambda params: _part("french_not_valid", as_of=params["as_of"]),
    "french_none": lambda params: _part("french_none"),
    "not_assessed": lambda params: _part("not_assessed"),
}


def category_reason_text(reason_code: str, params: dict, english: str) -> str:
    """A category's reason in the active language, from its code and figures; the engine's
    English ``english`` for a code this module does not know."""
    said = _CATEGORY_REASONS.get(reason_code)
    try:
        return said(params) if said else english
    except KeyError:  # figures missing from an older stored result
        return english


@frozen
class CategoryEntry:
    """One category-based selection category as the engine judged it on the evaluation date."""

    code: str  # the engine's category code: french, healthcare, …
    eligible: bool
    needs_review: bool
    experience_hours: int | None
    noc: str | None
    experience_on: date | None  # when the experience will be met, if work goes on
    reason: str  # the engine's words, in English, with numbers and dates
    reason_code: str = ""
    reason_params: dict = field(default_factory=dict, compare=False)

    @property
    def explained(self) -> str:
        """The reason in the reader's language."""
        return category_reason_text(self.reason_code, self.reason_params, self.reason)


@frozen
class Result:
    """A complete evaluation: the CEC requirements, the jobs and tests as counted, the CRS."""

    as_of: date
    ruleset: str  # the ruleset's name (its effective date, as the engine writes it)
    disclaimer_english: str
    verdict: Verdict
    qualifying_hours: int
    requirements: tuple[Requirement, ...]
    jobs: tuple[CountedJob, ...]
    tests: tuple[LanguageTestResult, ...]
    crs: Crs
    # The CEC's 3-year window (first and last day), when the engine says it.
    window: tuple[date, date] | None = None
    # Every category in force on the date, in the engine's order ([] before 2026-02-18).
    categories: tuple[CategoryEntry, ...] = ()

    @property
    def nominated(self) -> bool:
        """A provincial nomination is claimed (its 600 points are in the CRS)."""
        return any(
            line.factor == "provincial_nomination" and line.points for line in self.crs.lines
        )

    @property
    def eligible_on(self) -> date | None:
        return self.verdict.eligible_on

    @property
    def disclaimer(self) -> str:
        """That this is an estimate under the ruleset used, in the active language."""
        if not self.disclaimer_english:
            return ""
        return say({"code": "disclaimer", "params": {"effective": self.ruleset}})

    @property
    def unmet_requirements(self) -> tuple[Requirement, ...]:
        return tuple(requirement for requirement in self.requirements if not requirement.met)

    def job(self, job_id: int) -> CountedJob | None:
        return next((job for job in self.jobs if job.job_id == job_id), None)

    @property
    def counted_job_ids(self) -> frozenset[int]:
        return frozenset(job.job_id for job in self.jobs if job.counted and job.job_id)

    @property
    def valid_tests(self) -> tuple[LanguageTestResult, ...]:
        return tuple(test for test in self.tests if test.valid)

    @property
    def valid_test_ids(self) -> frozenset[int]:
        return frozenset(test.test_id for test in self.valid_tests if test.test_id)


@frozen
class Problem:
    """Something the engine needs before it can evaluate, said where the person answers it."""

    path: str  # the engine's field path: "jobs[1].hours_per_week"
    reason: str  # the engine's reason: "must be between 1 and 168"
    step: str  # the questionnaire step that asks it ("" when none does)
    text: str  # the sentence the person reads

    @classmethod
    def of(cls, problem: str) -> "Problem":
        path, _sep, reason = problem.partition(": ")
        for prefix, place in phrases.PROBLEM_PLACES.items():
            if path == prefix or path.startswith((f"{prefix}.", f"{prefix}[")):
                why = phrases.PROBLEM_REASONS.get(reason)
                text = f"{place} {why}" if why else f"{place} — {reason}"
                return cls(path, reason, PROBLEM_STEPS.get(prefix, ""), text)
        return cls(path, reason, "", problem)


@frozen
class Evaluation:
    """One evaluation as everything reads it: the verdict, and either the result or what is
    missing. ``stored`` is the JSON it was read from, to keep as it is."""

    verdict: Verdict
    result: Result | None = None
    problems: tuple[Problem, ...] = ()
    stored: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def complete(self) -> bool:
        return self.result is not None


def _ids(stored: dict, key: str) -> list:
    return list((stored.get(ROW_IDS) or {}).get(key) or ())


def _at(ids: list, index: int) -> int | None:
    return ids[index] if 0 <= index < len(ids) else None


def _why(item: dict, key: str) -> dict | None:
    """The reason ``key`` of ``item`` as code and figures (``reason_code``, ``reason_params``);
    None in a result stored before the engine gave them."""
    code = item.get(f"{key}_code")
    return {"code": code, "params": item.get(f"{key}_params") or {}} if code else None


def _verdict(cec: dict) -> Verdict:
    return Verdict.of(
        eligible=cec["eligible"],
        needs_review=cec["needs_review"],
        eligible_on=_date(cec["eligible_on"]),
    )


def _result(stored: dict) -> Result:
    cec, crs = stored["cec"], stored["crs"]
    job_ids, test_ids = _ids(stored, "jobs"), _ids(stored, "language_tests")
    window = cec.get("window")
    return Result(
        window=(date.fromisoformat(window[0]), date.fromisoformat(window[1])) if window else None,
        as_of=date.fromisoformat(stored["as_of"]),
        ruleset=stored["ruleset"],
        disclaimer_english=stored.get("disclaimer", ""),
        verdict=_verdict(cec),
        qualifying_hours=cec["qualifying_hours"],
        requirements=tuple(
            Requirement(item["code"], item["met"], item["reason"], _why(item, "reason"))
            for item in cec["requirements"]
        ),
        jobs=tuple(
            CountedJob(
                index=item["index"],
                job_id=_at(job_ids, item["index"]),
                counted_hours=item["counted_hours"],
                excluded_english=item["excluded"],
                capped=item.get("capped", False),
                excluded_why=_why(item, "excluded"),
            )
            for item in cec["jobs"]
        ),
        tests=tuple(
            LanguageTestResult(
                index=index,
                test_id=_at(test_ids, index),
                test=item["test"],
                label=item.get("label") or TEST_LABELS.get(item["test"], item["test"]),
                taken_on=date.fromisoformat(item["taken_on"]),
                valid_until=date.fromisoformat(item["valid_until"]),
                valid=item["valid"],
                clb=Clb(**{ability: item["clb"][ability] for ability in
                           ("listening", "reading", "writing", "speaking")}),
            )
            for index, item in enumerate(stored["language"])
        ),
        categories=tuple(
            CategoryEntry(
                code=item["code"],
                eligible=item["eligible"],
                needs_review=item["needs_review"],
                experience_hours=item["experience_hours"],
                noc=item["noc"],
                experience_on=_date(item["experience_on"]),
                reason=item["reason"],
                reason_code=item.get("reason_code", ""),
                reason_params=item.get("reason_params") or {},
            )
            for item in stored.get("categories") or ()
        ),
        crs=Crs(
            total=crs["total"],
            sections=tuple(CrsSection(code, crs[code]) for code in CRS_SECTION_CODES),
            lines=tuple(
                CrsLine(line["factor"], line["points"], line.get("detail", ""),
                        _why(line, "detail"))
                for line in crs["lines"]
            ),
        ),
    )


def read_evaluation(stored: dict) -> Evaluation:
    """Read a stored evaluation: the engine's result JSON (with ``row_ids``), or
    ``{"problems": [...]}`` when the facts are incomplete."""
    if "cec" not in stored:
        return Evaluation(
            verdict=Verdict(CecStatus.INCOMPLETE),
            problems=tuple(Problem.of(problem) for problem in stored.get("problems", ())),
            stored=stored,
        )
    result = _result(stored)
    return Evaluation(verdict=result.verdict, result=result, stored=stored)


@frozen
class Summary:
    """What lists sort and filter on, read from a stored evaluation without the rest (the
    requirements, jobs, lines and reasons): the one source of the applicant's columns
    (``profiles.evaluation.stored_columns``). A re-evaluation of thousands reads only this;
    reading whole results took a tenth of its time."""

    verdict: Verdict
    qualifying_hours: int | None = None
    crs_total: int | None = None
    # When the first of the valid language tests expires (None without one).
    language_expires_on: date | None = None
    ruleset: str = ""
    eligible_categories: tuple[str, ...] = ()


def read_summary(stored: dict) -> Summary:
    """The ``Summary`` of a stored evaluation (as ``read_evaluation`` takes it)."""
    if "cec" not in stored:
        return Summary(verdict=Verdict(CecStatus.INCOMPLETE))
    cec = stored["cec"]
    return Summary(
        verdict=_verdict(cec),
        qualifying_hours=cec["qualifying_hours"],
        crs_total=stored["crs"]["total"],
        language_expires_on=min(
            (date.fromisoformat(test["valid_until"]) for test in stored["language"]
             if test["valid"]),
            default=None,
        ),
        ruleset=stored["ruleset"],
        eligible_categories=tuple(
            item["code"] for item in stored.get("categories") or () if item["eligible"]
        ),
    )
