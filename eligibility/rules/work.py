"""Which periods of work count, and why not (cec.md §1, crs.md "work experience")."""

from dataclasses import dataclass

from eligibility.rules.facts import Job
from eligibility.rules.hours import Interval, RateFn, interval
from eligibility.rules.rulesets import Ruleset

PHYSICIAN_NOCS = ("31100", "31101", "31102")
QUALIFYING_TEERS = (0, 1, 2, 3)

# Why a period of Canadian work does not count; joined with "; " when several apply.
NOT_IN_CANADA = "done outside Canada ({country})"
TEER_TOO_LOW = "NOC {noc} is TEER {teer}; only TEER 0, 1, 2 or 3 counts"
UNPAID = "unpaid (volunteer work and unpaid internships do not count)"
UNAUTHORIZED = (
    "not authorized (work counts only while holding temporary resident status with "
    "authorization to work; refugee claimants have no such status)"
)
SELF_EMPLOYED = "self-employment"
SELF_EMPLOYED_NOT_PHYSICIAN_NOC = (
    "self-employment (the physicians' public policy covers only NOC 31100, 31101 and 31102)"
)
SELF_EMPLOYED_BEFORE_POLICY = (
    "self-employment (the physicians' public policy applies only from 2023-04-25)"
)
FULL_TIME_STUDENT = "full-time student"
WORK_NOT_COUNTED = "Work from {start} to {end} is not counted: {why}"
PRESENT = "the present"


def canadian_exclusions(job: Job, ruleset: Ruleset) -> list[str]:
    """Why ``job`` is not qualifying Canadian work; empty when it qualifies."""
    why = []
    if not job.in_canada:
        why.append(NOT_IN_CANADA.format(country=job.country))
    if job.teer not in QUALIFYING_TEERS:
        why.append(TEER_TOO_LOW.format(noc=job.noc, teer=job.teer))
    if not job.paid:
        why.append(UNPAID)
    if not job.authorized:
        why.append(UNAUTHORIZED)
    if job.self_employed:
        if not job.physician_fee_for_service:
            why.append(SELF_EMPLOYED)
        elif job.noc not in PHYSICIAN_NOCS:
            why.append(SELF_EMPLOYED_NOT_PHYSICIAN_NOC)
        elif not ruleset.physician_policy:
            why.append(SELF_EMPLOYED_BEFORE_POLICY)
    if job.full_time_student:
        why.append(FULL_TIME_STUDENT)
    return why


def counts_as_foreign(job: Job) -> bool:
    """Foreign work for CRS points: paid, outside Canada, TEER 0–3 (crs.md)."""
    return not job.in_canada and job.paid and job.teer in QUALIFYING_TEERS


def not_counted(job: Job, why: list[str] | str) -> str:
    if isinstance(why, list):
        why = "; ".join(why)
    end = job.end.isoformat() if job.end is not None else PRESENT
    return WORK_NOT_COUNTED.format(start=job.start.isoformat(), end=end, why=why)


@dataclass(frozen=True, slots=True)
class CanadianWork:
    """A person's qualifying Canadian work, ready to be counted over any window."""

    indices: tuple[int, ...]  # positions in the input of the qualifying jobs
    intervals: tuple[Interval, ...]  # same order as indices
    exclusions: dict[int, list[str]]  # input position → reasons, for jobs that do not qualify
    fn: RateFn

    @classmethod
    def of(cls, jobs: tuple[Job, ...], ruleset: Ruleset) -> "CanadianWork":
        indices, intervals, exclusions = [], [], {}
        for index, job in enumerate(jobs):
            why = canadian_exclusions(job, ruleset)
            if why:
                exclusions[index] = why
            else:
                indices.append(index)
                intervals.append(interval(job.start, job.end, job.rate))
        return cls(tuple(indices), tuple(intervals), exclusions, RateFn(intervals))
