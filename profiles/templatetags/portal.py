"""Labels for the engine's codes, in the reader's language. Presentation only: no rule here."""

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from eligibility.rules.language import FRENCH_TESTS

register = template.Library()

FACTOR_LABELS = {
    "age": _("Age"),
    "education": _("Education"),
    "first_language": _("First official language"),
    "second_language": _("Second official language"),
    "canadian_work": _("Canadian work experience"),
    "spouse_education": _("Spouse: education"),
    "spouse_language": _("Spouse: first official language"),
    "spouse_canadian_work": _("Spouse: Canadian work experience"),
    "education_language": _("Education and language"),
    "education_canadian_work": _("Education and Canadian work"),
    "foreign_work_language": _("Work abroad and language"),
    "foreign_work_canadian_work": _("Work abroad and Canadian work"),
    "certificate_language": _("Trade certificate and language"),
    "provincial_nomination": _("Provincial nomination"),
    "sibling": _("Brother or sister in Canada"),
    "french": _("French-language skills"),
    "canadian_education": _("Education in Canada"),
    "job_offer": _("Arranged employment"),
}
REQUIREMENT_LABELS = {
    "work": _("Skilled work in Canada"),
    "language": _("Language"),
    "province": _("Where you will live"),
}
SECTION_LABELS = (
    ("core", _("Core: age, education, language, Canadian work")),
    ("spouse", _("Spouse or partner")),
    ("transferability", _("Skill transferability")),
    ("additional", _("Additional points")),
)


@register.filter
def factor_label(code: str) -> str:
    return FACTOR_LABELS.get(code, code.replace("_", " ").capitalize())


@register.filter
def language_unit(test: str) -> str:
    """CLB for an English test, NCLC (niveaux de compétence linguistique canadiens) for French."""
    return "NCLC" if test in FRENCH_TESTS else "CLB"


@register.filter
def requirement_label(code: str) -> str:
    return REQUIREMENT_LABELS.get(code, code)


@register.simple_tag
def crs_sections(crs: dict) -> list[tuple[str, int]]:
    return [(label, crs[key]) for key, label in SECTION_LABELS]


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
    control = bound.as_widget(attrs=attrs)
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


# Where each part of the facts is answered, for turning the engine's field paths into a
# sentence with a link (the engine names fields as facts.md does: "birth_date: required").
PROBLEM_PLACES = (
    ("birth_date", "about", _("About you: your date of birth")),
    ("marital_status", "about", _("About you: your marital status")),
    ("intended_province", "about", _("About you: where you plan to live")),
    ("spouse", "spouse", _("Your spouse or partner")),
    ("education", "education", _("Education")),
    ("language_tests", "language", _("Language tests")),
    ("jobs", "work_canada", _("Work")),
)
PROBLEM_WORDS = {"required": _("is missing")}


@register.simple_tag
def problem_place(problem: str) -> dict:
    """{"step": slug or "", "text": readable sentence} for one of the engine's problems."""
    path, _sep, why = problem.partition(": ")
    for prefix, step, label in PROBLEM_PLACES:
        if path == prefix or path.startswith((f"{prefix}.", f"{prefix}[")):
            return {"step": step, "text": f"{label} {PROBLEM_WORDS.get(why, '— ' + why)}"}
    return {"step": "", "text": problem}


@register.simple_tag
def verdict_needs(applicant, evaluation) -> list:
    """The questionnaire steps still needed before a CEC verdict is shown (see steps.py)."""
    from profiles.questionnaire.steps import verdict_needs as needs

    if applicant is None or evaluation is None:
        return []
    return needs(applicant, evaluation.result)
