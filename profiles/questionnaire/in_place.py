"""A save that stays on its step answers with only what it changed: the person's page already
shows everything else, as they typed it (``questionnaire/_saved_in_place.html``).

What can change when a step is saved without errors:
- the list of steps, the progress and the step's buttons (a step done, a step that now applies);
- the step's own form, or a row of a section, whose answers changed (shown as stored);
- a section whose rows are no longer the ones shown (a row added, removed or left empty):
  shown whole, with its new row count;
- the result (its panel and the phone's summary).
A part sent again replaces what the page showed, anything typed in it since the save was sent
included (as the whole step did before); every other part stays as the person left it.
"""

from dataclasses import dataclass, field

from profiles.models import Applicant
from profiles.questionnaire.steps import Step, applicable_steps, progress


def nav_state(applicant: Applicant) -> tuple:
    """What the list of steps, the progress bar and the step's buttons are made from."""
    return (
        tuple(step.slug for step in applicable_steps(applicant)),
        tuple(applicant.completed_steps),
        progress(applicant),
    )


@dataclass
class Changes:
    """What a save changed on the page: each part as it is now stored."""

    nav: bool
    form: object = None  # the step's form, when its answers changed
    sections: list = field(default_factory=list)  # (section, formset): shown whole
    rows: list = field(default_factory=list)  # (section, row, index): one row each


def saved_changes(
    step: Step, *, nav_before: tuple, applicant: Applicant, posted_form, posted_formsets: dict,
    form, formsets: dict,
) -> Changes:
    """What the page must show again after ``posted_form`` and ``posted_formsets`` (valid, just
    saved) were stored; ``form`` and ``formsets`` are the step's, unbound, as now stored."""
    changes = Changes(nav=nav_state(applicant) != nav_before)
    if posted_form is not None and posted_form.has_changed():
        changes.form = form
    for section in step.sections:
        posted, shown = posted_formsets[section.key], formsets[section.key]
        kept = posted.initial_forms
        same_rows = (
            len(posted.forms) == len(kept)
            and not posted.deleted_forms
            and [row.instance.pk for row in kept] == [row.pk for row in shown.get_queryset()]
        )
        if not same_rows:
            changes.sections.append((section, shown))
            continue
        changes.rows += [
            (section, _row(shown, index), index)
            for index, row in enumerate(kept) if row.has_changed()
        ]
    return changes


def _row(formset, index: int):
    """Row ``index`` of an unbound formset, built alone as ``formset.forms`` builds each of its
    rows (those not shown again are not built)."""
    return formset._construct_form(index, **formset.get_form_kwargs(index))
