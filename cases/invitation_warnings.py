"""What would change between the ITA and the submission: the person is re-evaluated on both
dates and told what the rules engine finds different (eligibility, a test expiring, a birthday,
a job leaving the window, a score below the round's cut-off)."""

from datetime import date

from django.utils.translation import gettext as _

from cases.models import Case, Invitation
from eligibility.draws.selectors import round_numbered
from profiles.evaluation import evaluate_applicant
from profiles.phrases import factor_label


def invitation_warnings(
    *, case: Case, invitation: Invitation, today: date | None = None
) -> tuple[date, list[str]]:
    """Re-evaluate on the ITA date and on the planned submission date (the deadline when no
    date is planned) and say what would change: eligibility, the score and why (a test that
    expires, a birthday, a job that ends), and the round's cut-off."""
    planned = invitation.planned_submission_on or invitation.deadline
    warnings: list[str] = []
    if planned > invitation.deadline:
        warnings.append(
            _("%(date)s is after the deadline of %(deadline)s.")
            % {"date": planned.isoformat(), "deadline": invitation.deadline.isoformat()}
        )
    applicant = case.applicant
    at_ita = evaluate_applicant(applicant=applicant, on=invitation.invited_on).result
    at_plan = evaluate_applicant(applicant=applicant, on=planned).result
    if at_ita is None or at_plan is None:
        warnings.append(_("The answers are incomplete, so the score cannot be checked."))
        return planned, warnings
    ita_day, plan_day = invitation.invited_on.isoformat(), planned.isoformat()
    if at_ita.crs.total != invitation.crs_claimed:
        warnings.append(
            _(
                "On the ITA date (%(date)s) the answers give a CRS of %(crs)s, not the "
                "%(claimed)s in the invitation: check the answers before applying."
            )
            % {"date": ita_day, "crs": at_ita.crs.total, "claimed": invitation.crs_claimed}
        )
    if not at_ita.verdict.eligible:
        warnings.append(
            _("On the ITA date (%(date)s) the rules engine finds the profile not eligible "
              "for CEC.")
            % {"date": ita_day}
        )
    if at_ita.verdict.eligible and not at_plan.verdict.eligible:
        unmet = "; ".join(requirement.reason for requirement in at_plan.unmet_requirements)
        warnings.append(
            _("On %(date)s the profile would no longer be eligible for CEC: %(why)s")
            % {"date": plan_day, "why": unmet}
        )
    for test in at_ita.valid_tests:
        if test.valid_until < planned:
            warnings.append(
                _(
                    "The %(test)s of %(taken)s expires on %(until)s, before %(date)s: the "
                    "result must be valid on the day the application is submitted."
                )
                % {
                    "test": test.label,
                    "taken": test.taken_on.isoformat(),
                    "until": test.valid_until.isoformat(),
                    "date": plan_day,
                }
            )
    before, after = at_ita.crs.total, at_plan.crs.total
    if before != after:
        old, new = at_ita.crs.points_by_factor(), at_plan.crs.points_by_factor()
        changes = ", ".join(
            f"{factor_label(factor)} {old.get(factor, 0)} → {new.get(factor, 0)}"
            for factor in sorted(set(old) | set(new))
            if old.get(factor, 0) != new.get(factor, 0)
        )
        warnings.append(
            _("On %(date)s the CRS would be %(after)s instead of %(before)s (%(changes)s).")
            % {"date": plan_day, "after": after, "before": before, "changes": changes}
        )
    drawn = round_numbered(number=invitation.round_number)
    if drawn and after < drawn.crs_cutoff:
        warnings.append(
            _(
                "That is below the lowest score invited in round %(round)s (%(cutoff)s): IRCC "
                "can refuse the application."
            )
            % {"round": drawn.number, "cutoff": drawn.crs_cutoff}
        )
    return planned, warnings
