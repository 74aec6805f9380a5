"""The choices of an applicant's facts: a leaf that imports nothing of the project's apps but
the phrases (itself a leaf) and the rules engine's own tables, so models, forms, the case, the
admin and the bridge to the engine can all read it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from eligibility.rules.language import ACCEPTED_TESTS, TEST_LABELS
from profiles.phrases import VERDICTS


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Single (never married)")
    MARRIED = "married", _("Married")
    COMMON_LAW = "common_law", _("Common-law")
    SEPARATED = "separated", _("Separated")
    DIVORCED = "divorced", _("Divorced")
    WIDOWED = "widowed", _("Widowed")
    ANNULLED = "annulled", _("Annulled marriage")


class Province(models.TextChoices):
    AB = "AB", _("Alberta")
    BC = "BC", _("British Columbia")
    MB = "MB", _("Manitoba")
    NB = "NB", _("New Brunswick")
    NL = "NL", _("Newfoundland and Labrador")
    NS = "NS", _("Nova Scotia")
    NT = "NT", _("Northwest Territories")
    NU = "NU", _("Nunavut")
    ON = "ON", _("Ontario")
    PE = "PE", _("Prince Edward Island")
    QC = "QC", _("Quebec")
    SK = "SK", _("Saskatchewan")
    YT = "YT", _("Yukon")


class CecStatus(models.TextChoices):
    """The CEC verdict (its precedence is decided in ``profiles.reading``); named in
    ``profiles.phrases``."""

    ELIGIBLE = "eligible", VERDICTS["eligible"]
    ELIGIBLE_LATER = "eligible_on", VERDICTS["eligible_on"]
    NOT_ELIGIBLE = "not_eligible", VERDICTS["not_eligible"]
    NEEDS_REVIEW = "needs_review", VERDICTS["needs_review"]
    INCOMPLETE = "incomplete", VERDICTS["incomplete"]


class Person(models.TextChoices):
    """Whose fact a row is: the applicant's own, or their spouse's or partner's."""

    PRINCIPAL = "principal", _("Applicant")
    SPOUSE = "spouse", _("Spouse or partner")


class EducationLevel(models.TextChoices):
    SECONDARY = "secondary", _("Secondary (high school) diploma")
    ONE_YEAR = "one_year", _("One-year post-secondary program")
    TWO_YEAR = "two_year", _("Two-year post-secondary program")
    BACHELORS = "bachelors", _("Bachelor's degree or other program of 3 or more years")
    MASTERS = "masters", _("Master's degree")
    PROFESSIONAL = "professional", _("Entry-to-practice professional degree")
    DOCTORAL = "doctoral", _("Doctoral degree (PhD)")


# The language tests IRCC accepts, named as the engine names them (its table is the one list).
TEST_CHOICES = [(key, TEST_LABELS[key]) for key in ACCEPTED_TESTS]


class PermitType(models.TextChoices):
    EMPLOYER_SPECIFIC = "employer_specific", _("Employer-specific work permit")
    OPEN = "open", _("Open work permit")
    PGWP = "pgwp", _("Post-graduation work permit")
    MAINTAINED = "maintained", _("Maintained status (extension applied for)")
    EXEMPT = "exempt", _("Work-permit-exempt work")
    REFUGEE_CLAIMANT = "refugee_claimant", _("Work permit as a refugee claimant")
    NONE = "none", _("No work authorization")


# The answers under which the work was not authorized in the sense of cec.md §1: no
# authorization at all, or a refugee claimant's permit (a refugee claimant holds no temporary
# resident status, so their work does not count even with a work permit).
NOT_AUTHORIZED = frozenset({PermitType.NONE, PermitType.REFUGEE_CLAIMANT})


def work_authorized(permit_type: str) -> bool:
    """Whether work under ``permit_type`` was authorized, as the rules engine takes it (cec.md
    §1); an empty answer (work abroad, rows from before it was asked) counts as authorized."""
    return permit_type not in NOT_AUTHORIZED


class StatusInCanada(models.TextChoices):
    """The person's current status in Canada: what keeps them here, and so what must not
    lapse before permanent residence (a CEC applicant's permit expiry matters most)."""

    EMPLOYER_SPECIFIC = "employer_specific", _("Work permit, employer-specific (closed)")
    OPEN = "open", _("Work permit, open")
    PGWP = "pgwp", _("Post-graduation work permit (PGWP)")
    BOWP = "bowp", _("Bridging open work permit (BOWP)")
    MAINTAINED = "maintained", _("Maintained status (applied to extend before expiry)")
    STUDY = "study", _("Study permit")
    VISITOR = "visitor", _("Visitor")
    OTHER = "other", _("Other status")
    NONE = "none", _("No status in Canada")


# Statuses held on a document with a number and an expiry date.
STATUS_WITH_DOCUMENT = frozenset(set(StatusInCanada) - {StatusInCanada.NONE})
