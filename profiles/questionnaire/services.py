"""Writes of the questionnaire: one step's forms saved together, then evaluated again if a fact
changed."""

from django.db import transaction

from profiles.evaluation import applicant_reevaluate_after_save
from profiles.models import Applicant
from profiles.questionnaire.steps import Step


# All or nothing; inside a request (ATOMIC_REQUESTS) it joins the request's transaction without
# a savepoint of its own, since any error there rolls the whole request back anyway.
@transaction.atomic(savepoint=False)
def questionnaire_save_step(*, applicant: Applicant, step: Step, form, formsets: dict) -> None:
    """Save a validated step (its form and every row of its sections) in one transaction.

    Only rows that changed are written, so saving a step with many unchanged rows stays cheap.
    """
    if form is not None and (form.has_changed() or form.instance.pk is None):
        form.save()
    for section in step.sections:
        formset = formsets[section.key]
        for instance in formset.save(commit=False):
            section.prepare(instance, applicant)
            instance.save()
        for instance in formset.deleted_objects:
            # formset.save(commit=False) lists them; deleting is ours to do.
            instance.delete()
    # Where the person is and the fresh evaluation go in one UPDATE of the applicant's row (the
    # evaluation only if a fact changed).
    applicant_reevaluate_after_save(
        applicant=applicant, also=_step_fields(applicant, step, completed=True)
    )


def questionnaire_mark_step(*, applicant: Applicant, step: Step, completed: bool = False) -> None:
    """Remember the step the person is on (and, after a save, that it is done)."""
    fields = _step_fields(applicant, step, completed=completed)
    if fields:
        # A plain UPDATE: where someone is in the questionnaire is not an audited fact.
        Applicant.objects.filter(pk=applicant.pk).update(**fields)


def _step_fields(applicant: Applicant, step: Step, *, completed: bool) -> dict:
    """The columns that change to put the person on ``step`` (set on the instance too)."""
    fields = {}
    if applicant.current_step != step.slug:
        applicant.current_step = step.slug
        fields["current_step"] = step.slug
    if completed and step.slug not in applicant.completed_steps:
        applicant.completed_steps = [*applicant.completed_steps, step.slug]
        fields["completed_steps"] = applicant.completed_steps
    return fields
