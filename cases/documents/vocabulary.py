"""The checklist's vocabulary: each kind of document, its title and what it must show.

A leaf: it imports nothing of the case, so models (``DocumentItem.title``), the checklist, the
admin and emails all read the same words. Titles are rendered when shown, in the reader's
language, rather than stored as text.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy
from django_countries import countries

from profiles.enums import EducationLevel


@dataclass(frozen=True)
class Description:
    title: str
    detail: str


REFERENCE_LETTER_DETAIL = gettext_lazy(
    "On company letterhead with the company's address, phone number and email; signed by your "
    "supervisor or HR with their name and title; your name; and for each position held: job "
    "title, main duties (matching the NOC lead statement and main duties), start and end "
    "dates, hours per week, annual salary and benefits."
)

# kind → (title, instructions). "%(subject)s" is the job, test, credential or country.
KINDS: dict[str, tuple[str, str]] = {
    "reference_letter": (
        gettext_lazy("Employment reference letter: %(subject)s"),
        REFERENCE_LETTER_DETAIL,
    ),
    "physician_billing": (
        gettext_lazy("Billing and payment records: %(subject)s"),
        gettext_lazy(
            "As a self-employed, publicly funded fee-for-service physician you prove this work "
            "with billing and payment records from the province instead of a reference letter."
        ),
    ),
    "work_proof": (
        gettext_lazy("Proof of Canadian work"),
        gettext_lazy(
            "T4 slips, CRA notices of assessment, pay stubs or employment contracts that support "
            "the reference letters."
        ),
    ),
    "work_permits": (
        gettext_lazy("Work permits"),
        gettext_lazy(
            "Every work permit covering the periods of Canadian work counted: %(subject)s."
        ),
    ),
    "language_result": (
        gettext_lazy("Language test result: %(subject)s"),
        gettext_lazy("The test report form; it must still be valid on the day you submit."),
    ),
    "passport": (
        gettext_lazy("Passport"),
        gettext_lazy("Every page with a stamp, visa or personal details."),
    ),
    "photo": (
        gettext_lazy("Digital photo"),
        gettext_lazy("A recent photo that meets IRCC's photo specifications."),
    ),
    "police_certificate": (
        gettext_lazy("Police certificate: %(subject)s"),
        gettext_lazy(
            "A police certificate from each country where you lived 6 months or more since "
            "age 18 — add any country not listed here."
        ),
    ),
    "spouse_police_certificate": (
        gettext_lazy("Spouse or partner: police certificate: %(subject)s"),
        gettext_lazy(
            "A police certificate from each country where your spouse or partner lived 6 months "
            "or more since age 18 — add any country not listed here."
        ),
    ),
    # A document the consultant asked for: its title is the consultant's own words, and what
    # it must show is stored on the item (``DocumentItem.instructions``).
    "requested": ("%(subject)s", ""),
    "education_canadian": (
        gettext_lazy("Canadian credential: %(subject)s"),
        gettext_lazy("The diploma, certificate or degree, and the transcripts."),
    ),
    "education_eca": (
        gettext_lazy("Foreign credential and its ECA report: %(subject)s"),
        gettext_lazy(
            "The diploma or degree, and the Educational Credential Assessment report "
            "(less than 5 years old)."
        ),
    ),
    "marriage_certificate": (
        gettext_lazy("Marriage certificate"),
        gettext_lazy("The marriage certificate."),
    ),
    "common_law_proof": (
        gettext_lazy("Proof of common-law relationship"),
        gettext_lazy(
            "Proof of at least 12 months living together: a joint lease, shared bills, the "
            "statutory declaration of common-law union (IMM 5409)."
        ),
    ),
    "spouse_passport": (
        gettext_lazy("Spouse or partner: passport"),
        gettext_lazy("Every page with a stamp, visa or personal details."),
    ),
    "spouse_language_result": (
        gettext_lazy("Spouse or partner: language test result: %(subject)s"),
        gettext_lazy("The test report form, if the test is claimed for points."),
    ),
    "spouse_education": (
        gettext_lazy("Spouse or partner: credential: %(subject)s"),
        gettext_lazy(
            "The diploma or degree; for a credential from outside Canada, its ECA report."
        ),
    ),
    "spouse_reference_letter": (
        gettext_lazy("Spouse or partner: employment reference letter: %(subject)s"),
        REFERENCE_LETTER_DETAIL,
    ),
    "sibling_proof": (
        gettext_lazy("Sibling in Canada"),
        gettext_lazy(
            "Proof that your brother or sister is a Canadian citizen or permanent resident "
            "living in Canada, and birth certificates showing you share a parent."
        ),
    ),
    "nomination_certificate": (
        gettext_lazy("Provincial nomination certificate"),
        gettext_lazy("The nomination certificate from the province or territory."),
    ),
    "certificate_of_qualification": (
        gettext_lazy("Certificate of qualification in a trade"),
        gettext_lazy("The certificate issued by the province, territory or federal authority."),
    ),
}


# Their subject is a country's code, shown as its name in the reader's language.
COUNTRY_KINDS = ("police_certificate", "spouse_police_certificate")

# Their subject is an education level's code, shown as its label in the reader's language.
EDUCATION_KINDS = ("education_canadian", "education_eca", "spouse_education")


def describe(kind: str, subject: str) -> Description:
    """The item's title and instructions, in the active language."""
    title, detail = KINDS.get(kind, (kind, ""))
    shown = subject
    if kind in COUNTRY_KINDS:
        shown = str(countries.name(subject)) or subject
    elif kind in EDUCATION_KINDS and subject in EducationLevel.values:
        shown = str(EducationLevel(subject).label)
    return Description(
        title=str(title) % {"subject": shown}, detail=str(detail) % {"subject": shown}
    )
