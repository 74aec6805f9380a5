"""The questionnaire's pages. Each view checks ownership through ``applicant_for_user``."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import push_url, reswap

from eligibility.rules.language import SCORE_RANGES
from profiles.evaluation import current_evaluation
from profiles.models import Applicant
from profiles.questionnaire.in_place import nav_state, saved_changes
from profiles.questionnaire.services import questionnaire_mark_step, questionnaire_save_step
from profiles.questionnaire.steps import (
    STEPS_BY_SLUG,
    ReadRows,
    Step,
    applicable_steps,
    progress,
    resume_step,
    step_after,
    step_before,
)
from profiles.selectors import applicant_for_user, applicant_with_facts

SAVED = _("Saved.")
ROWS_FULL = _("“%(section)s” can hold at most %(max)s rows.")


def _step_or_404(slug: str) -> Step:
    try:
        return STEPS_BY_SLUG[slug]
    except KeyError as exc:
        raise Http404 from exc


def _forms(step: Step, applicant: Applicant, data=None, add: str | None = None, saved=None):
    """The step's form and formsets; ``saved``, the formsets just saved for this same step,
    gives their rows as they now are, so they are not read again."""
    form = step.form(data, instance=step.instance(applicant)) if step.form else None
    formsets = {}
    for section in step.sections:
        if saved is not None:
            queryset = _known_rows(section.model, saved[section.key])
        else:
            queryset = section.queryset(applicant)
        extra = 1 if data is None and add == section.key else None
        formsets[section.key] = section.formset(applicant, data, queryset=queryset, extra=extra)
    return form, formsets


def _known_rows(model, formset) -> ReadRows:
    """The section's rows as a formset of the same section has just saved them: in this
    transaction they are exactly what reading them would give (each saved row is the
    section's, a removed one has lost its primary key, an empty one never had one)."""
    rows = sorted((row.instance for row in formset.forms if row.instance.pk is not None),
                  key=lambda instance: instance.pk)
    decimals = [field for field in model._meta.concrete_fields
                if isinstance(field, models.DecimalField)]
    for instance in rows:
        for field in decimals:  # as the database gives them back: 40 is read as 40.00
            value = getattr(instance, field.attname)
            if isinstance(value, Decimal):
                setattr(instance, field.attname,
                        value.quantize(Decimal(1).scaleb(-field.decimal_places)))
    return ReadRows(rows)


def _context(request: HttpRequest, applicant: Applicant, step: Step, form, formsets, **extra):
    sections = [(section, formsets[section.key]) for section in step.sections]
    done, total = progress(applicant)
    context = {
        "applicant": applicant,
        "step": step,
        "steps": applicable_steps(applicant),
        "previous_step": step_before(applicant, step),
        "next_step": step_after(applicant, step),
        "form": form,
        "sections": sections,
        "progress_done": done,
        "progress_total": total,
        "score_ranges": {
            test: {ability: [str(v) for v in limits] for ability, limits in by_ability.items()}
            for test, by_ability in SCORE_RANGES.items()
        },
        # Read only if a result fragment is not in the cache (``portal.result_fragment``).
        "evaluation": SimpleLazyObject(lambda: current_evaluation(applicant=applicant)),
        **extra,
    }
    if step.slug == "review":
        context["review"] = applicant_with_facts(user=request.user)
    return context


def _render_step(request, applicant, step, form, formsets, status=200, **extra):
    # Either way the step itself is ``portal.step_part`` (kept in the cache while unchanged).
    template = "questionnaire/_step_swap.html" if request.htmx else "questionnaire/step.html"
    context = _context(request, applicant, step, form, formsets, **extra)
    return render(request, template, context, status=status)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    applicant = applicant_for_user(user=request.user)
    return redirect("questionnaire:step", slug=resume_step(applicant).slug)


@login_required
@require_http_methods(["GET", "POST"])
def step_view(request: HttpRequest, slug: str) -> HttpResponse:
    applicant = applicant_for_user(user=request.user)
    step = _step_or_404(slug)
    if not step.applies(applicant):
        return redirect("questionnaire:step", slug=resume_step(applicant).slug)

    if request.method == "GET":
        # A GET only reads: where the person resumes is stored when they save.
        form, formsets = _forms(step, applicant, add=request.GET.get("add"))
        return _render_step(request, applicant, step, form, formsets)

    # Before the forms are bound: validating the step's form sets its answers on the applicant.
    nav_before = nav_state(applicant)
    form, formsets = _forms(step, applicant, data=request.POST)
    valid = (form is None or form.is_valid()) and all(f.is_valid() for f in formsets.values())
    if not valid:
        return _render_step(request, applicant, step, form, formsets, has_errors=True)

    questionnaire_save_step(applicant=applicant, step=step, form=form, formsets=formsets)
    action = request.POST.get("action", "save")
    if action.startswith("add:"):
        questionnaire_mark_step(applicant=applicant, step=step)
        # Without JavaScript, "Add" saves what is there and comes back with an empty row.
        return redirect(f"{reverse('questionnaire:step', args=[step.slug])}?add={action[4:]}")
    target = {"next": step_after(applicant, step), "back": step_before(applicant, step)}.get(
        action, step
    ) or step
    url = reverse("questionnaire:step", args=[target.slug])
    questionnaire_mark_step(applicant=applicant, step=target)
    if not request.htmx:
        return redirect(url)
    if target is step and request.POST.get("in_place"):
        # The page shows this step without errors: it gets only what the save changed.
        shown_form, shown_formsets = _forms(step, applicant, saved=formsets)
        changes = saved_changes(
            step, nav_before=nav_before, applicant=applicant, posted_form=form,
            posted_formsets=formsets, form=shown_form, formsets=shown_formsets,
        )
        context = _context(request, applicant, step, shown_form, shown_formsets,
                           changes=changes, saved_message=SAVED)
        response = render(request, "questionnaire/_saved_in_place.html", context)
        return reswap(response, "none")
    form, formsets = _forms(target, applicant, saved=formsets if target is step else None)
    # The response carries the result panel too (an out-of-band swap): one request per save,
    # so a later save's panel can never be overwritten by an earlier one arriving late.
    response = _render_step(
        request, applicant, target, form, formsets, saved_message=SAVED, panel_oob=True
    )
    return push_url(response, url)


@login_required
@require_GET
def add_row(request: HttpRequest, slug: str, section: str) -> HttpResponse:
    """An empty row for a repeatable section, appended in place by HTMX."""
    applicant = applicant_for_user(user=request.user)
    step = _step_or_404(slug)
    found = next((s for s in step.sections if s.key == section), None)
    if found is None or not step.applies(applicant):
        raise Http404
    try:
        index = int(request.GET.get(f"{found.key}-TOTAL_FORMS", ""))
    except ValueError as exc:
        raise Http404 from exc
    if index < 0:
        raise Http404
    if index >= found.max_rows:
        # The section is full: say so where the row would have gone.
        return HttpResponse(format_html(
            '<p class="text-danger small" role="alert">{}</p>',
            ROWS_FULL % {"section": found.title, "max": found.max_rows},
        ))
    formset = found.formset(queryset=found.model.objects.none())
    row = formset.form(
        prefix=formset.add_prefix(index), empty_permitted=True, use_required_attribute=False,
        auto_id=formset.auto_id, **formset.get_form_kwargs(index),
    )
    formset.add_fields(row, index)  # the row's id and its "remove" (DELETE) field
    return render(
        request,
        "questionnaire/_new_row.html",
        {"section": found, "row": row, "index": index, "total": index + 1},
    )
