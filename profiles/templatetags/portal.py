"""Form markup for the portal's pages. Presentation only: no rule here (the engine's codes are
named in ``profiles.phrases`` and read through ``profiles.reading``)."""

from datetime import date, datetime

from django import forms, template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from eligibility.draws.rounds import round_name_in
from eligibility.rules.language import FRENCH_TESTS
from profiles.phrases import job_label as phrases_job_label
from profiles.questionnaire.steps import verdict_needs as steps_verdict_needs
from profiles.reasons import format_date
from profiles.widget_html import control_html

register = template.Library()


@register.filter
def round_name(name: str) -> str:
    """An Express Entry round's name as IRCC words it in the active language, where known;
    otherwise IRCC's English name, marked as English for screen readers."""
    language = get_language() or ""
    said = round_name_in(name, language)
    if said == name and not language.startswith("en"):
        return format_html('<span lang="en">{}</span>', name)
    return said

@register.filter
def said_date(value) -> str:
    """A date a person reads, in the same form as the reasons and emails: ``2026-11-27`` in
    English, ``27 novembre 2026`` in French. Accepts a date, an aware datetime (its local day) or
    an ISO string; empty for no date, so ``|default:`` still applies."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    elif isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return format_date(value)


@register.filter
def job_label(job) -> str:
    """A job as people read it: title, NOC code and dates (``profiles.phrases.job_label``)."""
    return phrases_job_label(job)


@register.filter
def language_unit(test: str) -> str:
    """CLB for an English test, NCLC (niveaux de compétence linguistique canadiens) for French."""
    return "NCLC" if test in FRENCH_TESTS else "CLB"



@register.filter
def field_errors(form) -> list:
    """(field id, label, message) for every error of a bound form, for the error summary."""
    if form is None or not form.is_bound:
        return []
    rows = []
    for name, errors in form.errors.items():
        if name == "__all__":
            rows.extend(("", "", message) for message in errors)
            continue
        field = form[name]
        rows.extend((field.id_for_label, field.label, message) for message in errors)
    return rows


@register.simple_tag
def bs_field(bound) -> str:
    """One form field in Bootstrap 5 markup: label, widget, help text and errors.

    The questionnaire's rows show dozens of fields; building this markup in Python rather than
    through a template per field keeps a step page fast (see bench/questionnaire_http.py).
    Errors and help are tied to the input with aria-describedby, and invalid inputs say so.
    """
    widget = bound.field.widget
    is_check = isinstance(widget, forms.CheckboxInput)
    if is_check:
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    errors = bound.errors
    described = []
    if bound.help_text:
        described.append(f"{bound.auto_id}_helptext")
    if errors:
        css += " is-invalid"
        described.append(f"{bound.auto_id}_error")
    attrs = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if errors:
        attrs["aria-invalid"] = "true"
    control = control_html(bound, attrs)
    required = (
        mark_safe('<span class="asteriskField" aria-hidden="true">*</span>')
        if bound.field.required else ""
    )
    label = format_html(
        '<label for="{}" class="{}">{}{}</label>',
        bound.id_for_label, "form-check-label" if is_check else "form-label", bound.label,
        required,
    )
    help_html = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', bound.auto_id,
                    bound.help_text)
        if bound.help_text else ""
    )
    error_html = (
        format_html('<div id="{}_error" class="invalid-feedback d-block">{}</div>',
                    bound.auto_id, " ".join(str(e) for e in errors))
        if errors else ""
    )
    if is_check:
        return format_html(
            '<div id="div_{}" class="mb-3 form-check">{}{}{}{}</div>',
            bound.auto_id, control, label, error_html, help_html,
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>',
        bound.auto_id, label, control, error_html, help_html,
    )


@register.simple_tag
def verdict_needs(applicant, evaluation) -> list:
    """The questionnaire steps still needed before a CEC verdict is shown (see steps.py)."""
    if applicant is None or evaluation is None:
        return []
    return steps_verdict_needs(applicant, evaluation.result)
