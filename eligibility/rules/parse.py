"""JSON-shaped facts (``shared/spec/facts.md``) → ``Facts``, or every problem with its path.

``parse_facts`` never stops at the first problem: a person fixing a form, or a batch file,
wants the whole list. Each problem reads ``field.path: why``, for example
``jobs[1].hours_per_week: must be between 1 and 168``.

Besides JSON values, ``datetime.date`` and ``decimal.Decimal`` objects are accepted where a
date or a number is expected, so Python callers need not go through strings.
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from eligibility.rules.facts import (
    EDUCATION_LEVELS,
    MARITAL_STATUSES,
    PROVINCES,
    WITH_PARTNER,
    Education,
    Facts,
    Job,
    JobOffer,
    LanguageTest,
    Spouse,
)
from eligibility.rules.language import (
    ABILITIES,
    ACCEPTED_TESTS,
    REFUSED_TEST_MESSAGE,
    REFUSED_TESTS,
    TEF_2019_FROM,
    TEF_TOO_OLD_MESSAGE,
    TEST_LABELS,
    UNKNOWN_TEST_MESSAGE,
    as_decimal,
    decimal_score_problem,
)
from eligibility.rules.rulesets import EARLIEST

# --- Messages (constants the tests assert) -----------------------------------------------------
REQUIRED = "required"
UNKNOWN_FIELD = "unknown field"
NOT_OBJECT = "must be an object"
NOT_ARRAY = "must be a JSON array of facts objects"
NOT_LIST = "must be a list"
NOT_BOOL = "must be true or false"
NOT_STRING = "must be a string"
NOT_NUMBER = "must be a number"
NOT_DATE = "must be a date written YYYY-MM-DD"
NOT_REAL_DATE = "{value} is not a real date"
DATE_RANGE = "must be between 1900-01-01 and 2199-12-31"
ONE_OF = "must be one of {choices}"
HOURS_RANGE = "must be between 1 and 168"
HOURS_PRECISION = "must have at most 2 decimal places"
NOC_FORMAT = 'must be a NOC 2021 code of 5 digits, written as a string (e.g. "21231")'
NOC_TEER = "is not a NOC 2021 code: its 2nd digit (the TEER) must be 0 to 5"
COUNTRY_FORMAT = 'must be a two-letter ISO 3166 country code in capitals (e.g. "CA")'
PROVINCE_CODE = "must be a province or territory code: " + ", ".join(PROVINCES) + " (or null)"
END_BEFORE_START = "must not be before start ({start})"
BIRTH_NOT_BEFORE_AS_OF = "must be before as_of ({as_of})"
AS_OF_TOO_EARLY = (
    f"must be on or after {EARLIEST.isoformat()} (NOC 2021 TEER codes; no earlier rules are kept)"
)
SPOUSE_REQUIRED = "required when marital_status is {status}"
SPOUSE_NOT_ALLOWED = "must be null when marital_status is {status}"
ROOT = "facts"

_NOT_REAL = object()  # marks a well-formed string that names no real day
# Every date the engine reads lies in this range (forms and database constraints use it too).
LOWEST_DATE = date(1900, 1, 1)
HIGHEST_DATE = date(2199, 12, 31)
_LOWEST_DATE, _HIGHEST_DATE = LOWEST_DATE, HIGHEST_DATE
_MISSING = object()
# Date strings already read and found good (real days in range): a batch repeats the same
# dates (as_of above all), so most are read once. Emptied when it grows past a bound.
_GOOD_DAYS: dict[str, date] = {}
_GOOD_DAYS_KEPT = 8192


class FactsError(ValueError):
    """Invalid facts. ``problems``: every problem found, each ``"field.path: why"``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@lru_cache(maxsize=8192)
def _iso_date(text: str) -> date | object | None:
    """YYYY-MM-DD → date; None if not written so; ``_NOT_REAL`` for e.g. 2023-02-29.

    Cached: a batch repeats the same dates (as_of above all) many times.
    """
    if not (len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii()
            and text[:4].isdigit() and text[5:7].isdigit() and text[8:].isdigit()):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return _NOT_REAL


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Reader:
    """Reads one JSON value after another, noting problems instead of raising."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, key: str | int | None, why: str) -> None:
        # Paths are joined only when there is a problem: most facts have none.
        where = path if key is None else _join(path, key)
        self.problems.append(f"{where or ROOT}: {why}")

    def fields(self, value: object, path: str, known: frozenset[str]) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, None, NOT_OBJECT)
            return None
        if not known.issuperset(value):
            for key in value:
                if key not in known:
                    self.problem(path, str(key), UNKNOWN_FIELD)
        return value

    def boolean(self, obj: dict, path: str, key: str, default: bool | object = _MISSING):
        value = obj.get(key, default)
        if value is True or value is False:  # given, or missing with a default
            return value
        if value is _MISSING and default is not _MISSING:
            return default
        if value is _MISSING or value is None:
            self.problem(path, key, REQUIRED)
            return None
        if not isinstance(value, bool):
            self.problem(path, key, NOT_BOOL)
            return None
        return value

    def day(self, obj: dict, path: str, key: str, *, optional: bool = False) -> date | None:
        value = obj.get(key)
        if type(value) is str:
            known = _GOOD_DAYS.get(value)
            if known is not None:
                return known
        if value is None:
            if not optional:
                self.problem(path, key, REQUIRED)
            return None
        if isinstance(value, str):
            parsed = _iso_date(value)
            if parsed is None:
                self.problem(path, key, NOT_DATE)
                return None
            if parsed is _NOT_REAL:
                self.problem(path, key, NOT_REAL_DATE.format(value=value))
                return None
        elif isinstance(value, date) and not isinstance(value, datetime):
            parsed = value
        else:
            self.problem(path, key, NOT_DATE)
            return None
        if not _LOWEST_DATE <= parsed <= _HIGHEST_DATE:
            self.problem(path, key, DATE_RANGE)
            return None
        if type(value) is str:
            if len(_GOOD_DAYS) >= _GOOD_DAYS_KEPT:
                _GOOD_DAYS.clear()
            _GOOD_DAYS[value] = parsed
        return parsed

    def choice(self, obj: dict, path: str, key: str, choices) -> str | None:
        value = obj.get(key)
        if value is None:
            self.problem(path, key, REQUIRED)
            return None
        if not isinstance(value, str):
            self.problem(path, key, NOT_STRING)
            return None
        if value not in choices:
            self.problem(path, key, ONE_OF.format(choices=", ".join(choices)))
            return None
        return value

    def items(self, obj: dict, path: str, key: str, read: Callable) -> tuple:
        """``read(self, item, path)`` for each item of the list ``obj[key]``."""
        value = obj.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(path, key, NOT_LIST)
            return ()
        if not value:
            return ()
        where = _join(path, key)
        parsed = []
        failed = False  # but read on: the problems of the other items are wanted too
        for i, item in enumerate(value):
            one = read(self, item, f"{where}[{i}]")
            if one is None:
                failed = True
            parsed.append(one)
        return () if failed else tuple(parsed)

    def noc(self, obj: dict, path: str, key: str) -> str | None:
        value = obj.get(key)
        if value is None:
            self.problem(path, key, REQUIRED)
            return None
        if not (isinstance(value, str) and len(value) == 5 and value.isascii()
                and value.isdigit()):
            self.problem(path, key, NOC_FORMAT)
            return None
        if value[1] > "5":
            self.problem(path, key, NOC_TEER)
            return None
        return value


# --- Parts ------------------------------------------------------------------------------------

_EDUCATION_KEYS = frozenset(("level", "canadian"))
_TEST_KEYS = frozenset(("test", "taken_on", *ABILITIES))
_JOB_KEYS = frozenset((
    "noc", "country", "start", "end", "hours_per_week", "paid", "self_employed",
    "full_time_student", "authorized", "physician_fee_for_service",
))
_SPOUSE_KEYS = frozenset(
    ("accompanying", "canadian_citizen_or_pr", "education", "language_tests", "jobs")
)
_OFFER_KEYS = frozenset(("noc",))
_FACTS_KEYS = frozenset((
    "as_of", "birth_date", "marital_status", "spouse", "intended_province", "education",
    "language_tests", "jobs", "certificate_of_qualification", "provincial_nomination",
    "sibling_in_canada", "job_offer",
))


def _education(r: _Reader, value: object, path: str) -> Education | None:
    obj = r.fields(value, path, _EDUCATION_KEYS)
    if obj is None:
        return None
    before = len(r.problems)
    level = r.choice(obj, path, "level", EDUCATION_LEVELS)
    canadian = r.boolean(obj, path, "canadian", False)
    return None if len(r.problems) > before else Education(level=level, canadian=canadian)


def _test_type(r: _Reader, obj: dict, path: str) -> str | None:
    value = obj.get("test")
    if value is None:
        r.problem(path, "test", REQUIRED)
        return None
    if not isinstance(value, str):
        r.problem(path, "test", NOT_STRING)
        return None
    if value in REFUSED_TESTS:
        name, instead = REFUSED_TESTS[value]
        message = REFUSED_TEST_MESSAGE.format(name=name, instead=TEST_LABELS[instead])
        r.problem(path, "test", message)
        return None
    if value not in ACCEPTED_TESTS:
        r.problem(path, "test", UNKNOWN_TEST_MESSAGE)
        return None
    return value


_JSON_NUMBERS = (int, float)


@lru_cache(maxsize=8192, typed=True)
def _checked_score(test: str, ability: str, raw: int | float) -> Decimal | str:
    """A JSON number as a score of ``test``: the exact Decimal, or why it cannot be one.
    Cached: a batch repeats the same scores."""
    number = as_decimal(raw)
    if number is None:
        return NOT_NUMBER
    return decimal_score_problem(test, ability, number) or number


def _language_test(r: _Reader, value: object, path: str) -> LanguageTest | None:
    obj = r.fields(value, path, _TEST_KEYS)
    if obj is None:
        return None
    before = len(r.problems)
    test = _test_type(r, obj, path)
    taken_on = r.day(obj, path, "taken_on")
    if test == "tef_canada" and taken_on is not None and taken_on < TEF_2019_FROM:
        r.problem(path, "taken_on", TEF_TOO_OLD_MESSAGE)
    scores = {}
    for ability in ABILITIES:
        raw = obj.get(ability)
        if raw is None:
            r.problem(path, ability, REQUIRED)
            continue
        if test is not None and type(raw) in _JSON_NUMBERS:
            checked = _checked_score(test, ability, raw)
            if type(checked) is str:
                r.problem(path, ability, checked)
            else:
                scores[ability] = checked
            continue
        number = as_decimal(raw)
        if number is None:
            r.problem(path, ability, NOT_NUMBER)
            continue
        if test is not None:
            why = decimal_score_problem(test, ability, number)
            if why is not None:
                r.problem(path, ability, why)
                continue
        scores[ability] = number
    if len(r.problems) > before:
        return None
    return LanguageTest(test=test, taken_on=taken_on, **scores)


def _hours(r: _Reader, obj: dict, path: str) -> Decimal | None:
    raw = obj.get("hours_per_week")
    if raw is None:
        r.problem(path, "hours_per_week", REQUIRED)
        return None
    checked = _checked_hours(raw) if type(raw) in _JSON_NUMBERS else _hours_value(raw)
    if type(checked) is str:
        r.problem(path, "hours_per_week", checked)
        return None
    return checked


def _hours_value(raw: object) -> Decimal | str:
    """Hours per week as an exact Decimal, or why they cannot be."""
    number = as_decimal(raw)
    if number is None:
        return NOT_NUMBER
    if not 1 <= number <= 168:
        return HOURS_RANGE
    if (number * 100) % 1 != 0:
        return HOURS_PRECISION
    return number


# Cached for JSON numbers: a batch repeats the same few.
_checked_hours = lru_cache(maxsize=1024, typed=True)(_hours_value)


def _job(r: _Reader, value: object, path: str) -> Job | None:
    obj = r.fields(value, path, _JOB_KEYS)
    if obj is None:
        return None
    before = len(r.problems)
    noc = r.noc(obj, path, "noc")
    country = obj.get("country")
    if country is None:
        r.problem(path, "country", REQUIRED)
    elif not (isinstance(country, str) and len(country) == 2 and country.isascii()
              and country.isalpha() and country.isupper()):
        r.problem(path, "country", COUNTRY_FORMAT)
    start = r.day(obj, path, "start")
    end = r.day(obj, path, "end", optional=True)
    if start is not None and end is not None and end < start:
        r.problem(path, "end", END_BEFORE_START.format(start=start.isoformat()))
    hours = _hours(r, obj, path)
    boolean = r.boolean
    paid = boolean(obj, path, "paid", True)
    self_employed = boolean(obj, path, "self_employed", False)
    full_time_student = boolean(obj, path, "full_time_student", False)
    authorized = boolean(obj, path, "authorized", True)
    physician = boolean(obj, path, "physician_fee_for_service", False)
    if len(r.problems) > before:
        return None
    return Job(noc, country, start, end, hours, paid, self_employed, full_time_student,
               authorized, physician)


def _spouse(r: _Reader, value: object, path: str) -> Spouse | None:
    obj = r.fields(value, path, _SPOUSE_KEYS)
    if obj is None:
        return None
    return Spouse(
        accompanying=r.boolean(obj, path, "accompanying", True),
        canadian_citizen_or_pr=r.boolean(obj, path, "canadian_citizen_or_pr", False),
        education=r.items(obj, path, "education", _education),
        language_tests=r.items(obj, path, "language_tests", _language_test),
        jobs=r.items(obj, path, "jobs", _job),
    )


def _job_offer(r: _Reader, value: object, path: str) -> JobOffer | None:
    obj = r.fields(value, path, _OFFER_KEYS)
    if obj is None:
        return None
    noc = r.noc(obj, path, "noc")
    return JobOffer(noc=noc) if noc is not None else None


def _facts(r: _Reader, value: object, path: str, today: date) -> Facts | None:
    obj = r.fields(value, path, _FACTS_KEYS)
    if obj is None:
        return None
    before = len(r.problems)

    as_of = today
    if obj.get("as_of") is not None:
        as_of = r.day(obj, path, "as_of")
    if as_of is not None and as_of < EARLIEST:
        r.problem(path, "as_of", AS_OF_TOO_EARLY)
    birth_date = r.day(obj, path, "birth_date")
    if birth_date is not None and as_of is not None and birth_date >= as_of:
        r.problem(path, "birth_date", BIRTH_NOT_BEFORE_AS_OF.format(as_of=as_of))
    status = r.choice(obj, path, "marital_status", MARITAL_STATUSES)

    spouse = None
    raw_spouse = obj.get("spouse")
    if status in WITH_PARTNER:
        if raw_spouse is None:
            r.problem(path, "spouse", SPOUSE_REQUIRED.format(status=status))
        else:
            spouse = _spouse(r, raw_spouse, _join(path, "spouse"))
    elif status is not None and raw_spouse is not None:
        r.problem(path, "spouse", SPOUSE_NOT_ALLOWED.format(status=status))

    province = obj.get("intended_province")
    if province is not None and (not isinstance(province, str) or province not in PROVINCES):
        r.problem(path, "intended_province", PROVINCE_CODE)

    education = r.items(obj, path, "education", _education)
    tests = r.items(obj, path, "language_tests", _language_test)
    jobs = r.items(obj, path, "jobs", _job)
    flags = {
        key: r.boolean(obj, path, key, False)
        for key in ("certificate_of_qualification", "provincial_nomination", "sibling_in_canada")
    }
    offer = None
    if obj.get("job_offer") is not None:
        offer = _job_offer(r, obj["job_offer"], _join(path, "job_offer"))

    if len(r.problems) > before:
        return None
    return Facts(
        as_of=as_of,
        birth_date=birth_date,
        marital_status=status,
        spouse=spouse,
        intended_province=province,
        education=education,
        language_tests=tests,
        jobs=jobs,
        job_offer=offer,
        **flags,
    )


def parse_facts(obj: object, *, today: date) -> Facts:
    """One facts object → ``Facts``; ``FactsError`` listing every problem otherwise.

    ``today`` is the evaluation date used when ``as_of`` is omitted.
    """
    reader = _Reader()
    facts = _facts(reader, obj, "", today)
    if reader.problems or facts is None:
        raise FactsError(reader.problems)
    return facts


def parse_many(obj: object, *, today: date) -> list[Facts]:
    """A JSON array of facts objects → list of ``Facts``; paths are prefixed ``[i]``."""
    reader = _Reader()
    if not isinstance(obj, list):
        raise FactsError([f"{ROOT}: {NOT_ARRAY}"])
    parsed = [_facts(reader, item, f"[{i}]", today) for i, item in enumerate(obj)]
    if reader.problems:
        raise FactsError(reader.problems)
    return parsed
