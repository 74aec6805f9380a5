"""Versioned CRS/CEC rule values. An evaluation uses the version in force on its date.

Adding a version (for example the 2026-11-03 high-wage factor, once IRCC's "CRS criteria" page
confirms its values) is one new ``Ruleset`` value appended to ``RULESETS``; see
``shared/rules/changes.md``.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from eligibility.rules.reasons import define


@dataclass(frozen=True, slots=True)
class Ruleset:
    effective: date
    summary: str
    # Arranged employment (D): NOC 00010–00015 / any other TEER 0–3 occupation.
    job_offer_senior_manager: int
    job_offer_other: int
    # French: NCLC 7+ in all four and English CLB ≤ 4 somewhere (or none) / CLB 5+ in all four.
    french_weak_english: int = 25
    french_strong_english: int = 50
    sibling: int = 15
    canadian_education_short: int = 15  # one- or two-year credential
    canadian_education_long: int = 30  # 3+ years, master's, professional or doctoral
    provincial_nomination: int = 600
    # IRCC's public policy of 2023-04-25 for self-employed physicians (cec.md §1).
    physician_policy: bool = True

    @property
    def name(self) -> str:
        return self.effective.isoformat()


# Oldest first. Facts use NOC 2021 TEER codes, which IRCC adopted on 2022-11-16, so no
# earlier version is kept: an older evaluation date could not be judged faithfully.
RULESETS: tuple[Ruleset, ...] = (
    Ruleset(
        effective=date(2022, 11, 16),
        summary="NOC 2021 TEER; job offer 200 (NOC 00010–00015) or 50 (other TEER 0–3)",
        job_offer_senior_manager=200,
        job_offer_other=50,
        physician_policy=False,
    ),
    Ruleset(
        effective=date(2023, 4, 25),
        summary="physicians' fee-for-service work counts for CEC",
        job_offer_senior_manager=200,
        job_offer_other=50,
    ),
    Ruleset(
        effective=date(2025, 3, 25),
        summary="arranged-employment points removed",
        job_offer_senior_manager=0,
        job_offer_other=0,
    ),
)

EARLIEST = RULESETS[0].effective

DISCLAIMER = define(
    "disclaimer",
    "This is an estimate under the Express Entry rules in force from {effective}; the "
    "high-wage occupation factor reported for 2026-11-03 is not included because its values "
    "are not confirmed. IRCC's own system governs: only IRCC decides eligibility and scores.",
)


def ruleset_for(on: date) -> Ruleset:
    """The version in force on ``on``. ValueError before the earliest version."""
    # Reads RULESETS when called, so a version added at run time (or in a test) is seen.
    chosen = max(
        (ruleset for ruleset in RULESETS if ruleset.effective <= on),
        key=lambda ruleset: ruleset.effective,
        default=None,
    )
    if chosen is None:
        raise ValueError(f"no ruleset before {EARLIEST.isoformat()}")
    return chosen


@lru_cache(maxsize=16)
def disclaimer(ruleset: Ruleset) -> str:
    """Cached: the same few words for every result of a batch (a ruleset is frozen, so its
    value is its key)."""
    return DISCLAIMER.format(effective=ruleset.name)
