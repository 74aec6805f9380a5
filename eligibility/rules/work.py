"""Which periods of work count, and why not (cec.md §1, crs.md "work experience")."""

from eligibility.rules.facts import Job
from eligibility.rules.frozen import frozen
from eligibility.rules.hours import Interval, RateFn, interval
from eligibility.rules.reasons import Reason, define, plain, shared
from eligibility.rules.rulesets import Ruleset

PHYSICIAN_NOCS = ("31100", "31101", "31102")
QUALIFYING_TEERS = (0, 1, 2, 3)

# Why a period of Canadian work does not count; read "a; b" when several apply.
NOT_IN_CANADA = define("not_in_canada", "done outside Canada ({country})")
TEER_TOO_LOW = define("teer_too_low", "NOC {noc} is TEER {teer}; only TEER 0, 1, 2 or 3 counts")
UNPAID = define("unpaid", "unpaid (volunteer work and unpaid internships do not count)")
UNAUTHORIZED = define(
    "unauthorized",
    "not authorized (work counts only while holding temporary resident status with "
    "authorization to work; refugee claimants have no such status)",
)
SELF_EMPLOYED = define("self_employed", "self-employment")
SELF_EMPLOYED_NOT_PHYSICIAN_NOC = define(
    "self_employed_not_physician_noc",
    "self-employment (the physicians' public policy covers only NOC 31100, 31101 and 31102)",
)
SELF_EMPLOYED_BEFORE_POLICY = define(
    "self_employed_before_policy",
    "self-employment (the physicians' public policy applies only from 2023-04-25)",
)
FULL_TIME_STUDENT = define("full_time_student", "full-time student")
WORK_NOT_COUNTED = define("work_not_counted", "Work from {start} to {end} is not counted: {why}")
WORK_NOT_COUNTED_PRESENT = define(
    "work_not_counted_present", "Work from {start} to the present is not counted: {why}"
)
PRESENT = "the present"

_UNPAID, _UNAUTHORIZED = plain("unpaid"), plain("unauthorized")
_SELF_EMPLOYED, _FULL_TIME_STUDENT = plain("self_employed"), plain("full_time_student")


def canadian_exclusions(job: Job, ruleset: Ruleset) -> list[Reason]:
    """Why ``job`` is not qualifying Canadian work; empty when it qualifies."""
    why = []
    if not job.in_canada:
        why.append(shared("not_in_canada", country=job.country))
    if job.teer not in QUALIFYING_TEERS:
        why.append(shared("teer_too_low", noc=job.noc, teer=job.teer))
    if not job.paid:
        why.append(_UNPAID)
    if not job.authorized:
        why.append(_UNAUTHORIZED)
    if job.self_employed:
        if not job.physician_fee_for_service:
            why.append(_SELF_EMPLOYED)
        elif job.noc not in PHYSICIAN_NOCS:
            why.append(plain("self_employed_not_physician_noc"))
        elif not ruleset.physician_policy:
            why.append(plain("self_employed_before_policy"))
    if job.full_time_student:
        why.append(_FULL_TIME_STUDENT)
    return why


def counts_as_foreign(job: Job) -> bool:
    """Foreign work for CRS points: paid, outside Canada, TEER 0–3 (crs.md)."""
    return not job.in_canada and job.paid and job.teer in QUALIFYING_TEERS


def not_counted(job: Job, why: list[Reason] | tuple[Reason, ...]) -> Reason:
    if job.end is None:
        return Reason(
            "work_not_counted_present", {"start": job.start.isoformat(), "why": tuple(why)}
        )
    return Reason(
        "work_not_counted",
        {"start": job.start.isoformat(), "end": job.end.isoformat(), "why": tuple(why)},
    )


@frozen
class CanadianWork:
    """A person's qualifying Canadian work, ready to be counted over any window."""

    indices: tuple[int, ...]  # positions in the input of the qualifying jobs
    intervals: tuple[Interval, ...]  # same order as indices
    exclusions: dict[int, list[Reason]]  # input position → reasons, for jobs that do not qualify
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
