"""The applicant's facts, typed: a mirror of ``shared/spec/facts.md``.

Build these with ``parse.parse_facts`` (which validates); the engine trusts them.
Collections are tuples so a ``Facts`` is hashable and can never change under the engine.
"""

from datetime import date
from decimal import Decimal

from eligibility.rules.frozen import frozen

MARITAL_STATUSES = (
    "single", "married", "common_law", "separated", "divorced", "widowed", "annulled",
)
WITH_PARTNER = ("married", "common_law")

EDUCATION_LEVELS = (
    "secondary", "one_year", "two_year", "bachelors", "masters", "professional", "doctoral",
)

PROVINCES = {
    "AB": "Alberta",
    "BC": "British Columbia",
    "MB": "Manitoba",
    "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador",
    "NS": "Nova Scotia",
    "NT": "Northwest Territories",
    "NU": "Nunavut",
    "ON": "Ontario",
    "PE": "Prince Edward Island",
    "QC": "Quebec",
    "SK": "Saskatchewan",
    "YT": "Yukon",
}

CANADA = "CA"


@frozen
class Education:
    level: str  # one of EDUCATION_LEVELS
    canadian: bool = False


@frozen
class LanguageTest:
    test: str  # one of language.ACCEPTED_TESTS
    taken_on: date
    listening: Decimal
    reading: Decimal
    writing: Decimal
    speaking: Decimal


@frozen
class Job:
    noc: str  # NOC 2021, five digits; TEER = 2nd digit
    country: str  # ISO 3166 alpha-2
    start: date
    end: date | None  # None: still working
    hours_per_week: Decimal  # 1..168, at most 2 decimal places (37.5 is common)
    paid: bool = True
    self_employed: bool = False
    full_time_student: bool = False
    authorized: bool = True
    physician_fee_for_service: bool = False

    @property
    def teer(self) -> int:
        return int(self.noc[1])

    @property
    def in_canada(self) -> bool:
        return self.country == CANADA

    @property
    def rate(self) -> int:
        """Hours per week in integer hundredths (37.5 → 3750): counting stays exact."""
        return int(self.hours_per_week * 100)


@frozen
class JobOffer:
    noc: str


@frozen
class Spouse:
    accompanying: bool = True
    canadian_citizen_or_pr: bool = False
    education: tuple[Education, ...] = ()
    language_tests: tuple[LanguageTest, ...] = ()
    jobs: tuple[Job, ...] = ()


@frozen
class Facts:
    as_of: date
    birth_date: date
    marital_status: str  # one of MARITAL_STATUSES
    spouse: Spouse | None = None  # present iff marital_status is married or common_law
    intended_province: str | None = None  # None: not stated
    education: tuple[Education, ...] = ()
    language_tests: tuple[LanguageTest, ...] = ()
    jobs: tuple[Job, ...] = ()
    certificate_of_qualification: bool = False
    provincial_nomination: bool = False
    sibling_in_canada: bool = False
    job_offer: JobOffer | None = None
