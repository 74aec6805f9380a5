"""Checks of an invitation against IRCC's published rounds, before anything is recorded.

The round must be one of the imported rounds (``import_rounds``), drawn on the invitation's
date, and of a kind that invites this person: a round for all programs or for the Canadian
Experience Class; a provincial-nominee round only with a nomination; a category round only for
a category the rules engine finds the person eligible for on that day. Other rounds (skilled
workers, trades, anything the engine cannot assess) need the consultant's written reason.
"""

from datetime import date

from cases.errors import ROUND_NOT_FOR_PERSON, ROUND_OTHER_DAY, ROUND_UNKNOWN, CaseError
from eligibility.draws.rounds import ROUND_CATEGORY_OF_ENGINE
from eligibility.models import Round, RoundCategory
from profiles.models import Applicant

ALWAYS_INVITES = frozenset({RoundCategory.ALL_PROGRAMS, RoundCategory.CEC})


def round_for_invitation(*, number: str, invited_on: date) -> Round:
    """The imported round with that number and date; ``CaseError`` naming the field if none."""
    found = Round.objects.filter(number=number).first()
    if found is None:
        raise CaseError(ROUND_UNKNOWN % {"number": number}, "round_number")
    if found.drawn_on != invited_on:
        raise CaseError(
            ROUND_OTHER_DAY % {"number": number, "drawn": found.drawn_on.isoformat(),
                               "date": invited_on.isoformat()},
            "invited_on",
        )
    return found


def round_invites(*, drawn: Round, applicant: Applicant, eligible_categories: set[str]) -> bool:
    """Whether a round of this kind can invite the person (see the module's docstring)."""
    if drawn.category in ALWAYS_INVITES:
        return True
    if drawn.category == RoundCategory.PNP:
        return applicant.provincial_nomination
    return drawn.category in eligible_categories


def check_round_fits(*, drawn: Round, applicant: Applicant, eligible_categories: set[str],
                     override_reason: str) -> None:
    if override_reason or round_invites(
        drawn=drawn, applicant=applicant, eligible_categories=eligible_categories
    ):
        return
    raise CaseError(
        ROUND_NOT_FOR_PERSON % {"number": drawn.number, "round": drawn.get_category_display()},
        "round_number",
    )


def eligible_categories(stored: dict | None) -> set[str]:
    """The round types of the categories the engine found the person eligible for, from a
    stored result (its ``categories`` entries, categories.md §4; none before category rounds
    were modelled), through the one mapping of the engine's codes to round types."""
    entries = (stored or {}).get("categories") or ()
    return {ROUND_CATEGORY_OF_ENGINE[entry["code"]] for entry in entries
            if entry.get("eligible") and entry["code"] in ROUND_CATEGORY_OF_ENGINE}
