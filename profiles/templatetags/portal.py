"""Form markup for the portal's pages. Presentation only: no rule here (the engine's codes are
named in ``profiles.phrases`` and read through ``profiles.reading``)."""

import hashlib
from datetime import date, datetime

import orjson
from django import forms, template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from eligibility.draws.rounds import round_name_in
from eligibility.rules.language import FRENCH_TESTS
from profiles.evaluation import STORED_FIELDS, stored_evaluation_is_current
from profiles.kept import release_stamp, render_header, render_kept
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


# (form class, field name, language) → (label, help text), escaped: the same for every row
# of a form whose fields are the same for every instance (``static_fields``).
_FIELD_TEXTS: dict[tuple, tuple[str, str]] = {}
REQUIRED_MARK = '<span class="asteriskField" aria-hidden="true">*</span>'


def _field_texts(bound) -> tuple[str, str]:
    if not getattr(bound.form, "static_fields", False):
        return _texts(bound)
    key = (type(bound.form), bound.name, get_language())
    texts = _FIELD_TEXTS.get(key)
    if texts is None:
        if len(_FIELD_TEXTS) >= 4096:  # a form class made per request: start again
            _FIELD_TEXTS.clear()
        texts = _FIELD_TEXTS[key] = _texts(bound)
    return texts


def _texts(bound) -> tuple[str, str]:
    # str() first: escaping a lazy translation would give another lazy one, translated anew
    # each time it is written out.
    help_text = str(bound.help_text)
    return escape(str(bound.label)), escape(help_text) if help_text else ""


@register.simple_tag
def bs_field(bound) -> str:
    """One form field in Bootstrap 5 markup: label, widget, help text and errors.

    The questionnaire's rows show dozens of fields; building this markup in Python rather than
    through a template per field keeps a step page fast (see bench/render_inprocess.py).
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
    label_text, help_text = _field_texts(bound)
    auto_id = bound.auto_id
    errors = bound.errors
    described = []
    if help_text:
        described.append(f"{auto_id}_helptext")
    if errors:
        css += " is-invalid"
        described.append(f"{auto_id}_error")
    attrs = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if errors:
        attrs["aria-invalid"] = "true"
    control = control_html(bound, attrs)
    required = REQUIRED_MARK if bound.field.required else ""
    label = (
        f'<label for="{escape(bound.id_for_label)}" '
        f'class="{"form-check-label" if is_check else "form-label"}">{label_text}{required}'
        "</label>"
    )
    field_id = escape(auto_id)
    help_html = (
        f'<div id="{field_id}_helptext" class="form-text">{help_text}</div>' if help_text else ""
    )
    error_html = (
        format_html('<div id="{}_error" class="invalid-feedback d-block">{}</div>',
                    auto_id, " ".join(str(e) for e in errors))
        if errors else ""
    )
    if is_check:
        return mark_safe(
            f'<div id="div_{field_id}" class="mb-3 form-check">'
            f"{control}{label}{error_html}{help_html}</div>"
        )
    return mark_safe(
        f'<div id="div_{field_id}" class="mb-3">{label}{control}{error_html}{help_html}</div>'
    )


@register.simple_tag
def management_form(formset) -> str:
    """``{{ formset.management_form }}``: its hidden counters, built in Python as Django's
    templates write them (``tests/questionnaire/test_row_markup.py``); with errors, through
    the form's own template, which shows them."""
    form = formset.management_form
    if form.is_bound and form.errors:
        return str(form)
    return mark_safe("".join(_hidden_input(field) for field in form.hidden_fields()))


def _hidden_input(bound) -> str:
    widget = bound.field.widget
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    value = context["value"]
    value_html = "" if value is None else f' value="{escape(value)}"'
    attrs_html = "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in context["attrs"].items() if value is not False
    )
    return (f'<input type="{escape(context["type"])}" name="{escape(context["name"])}"'
            f"{value_html}{attrs_html}>")


@register.simple_tag
def bs_fields(form) -> str:
    """Every visible field of a form, each in a half-width column (the quick check's parts)."""
    return mark_safe("".join(
        f'<div class="col-md-6">{bs_field(field)}</div>' for field in form.visible_fields()
    ))


# The applicant's result, as the questionnaire shows it beside every step: the full panel, and
# its short summary for phones.
RESULT_FRAGMENTS = {
    "panel": "questionnaire/_result_panel.html",
    "summary": "questionnaire/_summary.html",
}
RESULT_CACHED_FOR = 24 * 60 * 60  # a day: the key holds the day's evaluation anyway


def _result_keys(applicant, oob: bool) -> dict[str, str] | None:
    """The cache key of each result fragment (``RESULT_FRAGMENTS``), or None when they cannot
    be kept. A fragment shows the evaluation stored today (``current_evaluation`` reads it as it
    is; otherwise it evaluates afresh, and nothing is kept), the steps done, and words in the
    active language: the key is the applicant, the day, a digest of the stored evaluation (with
    the rows its jobs and tests are), the steps done, the language and the release. A save that
    leaves the result as it was (a job's title, say) finds its fragments already rendered."""
    if not stored_evaluation_is_current(applicant):
        return None
    stored = orjson.dumps(applicant.evaluation, option=orjson.OPT_SORT_KEYS, default=str)
    digest = hashlib.blake2b(stored, digest_size=16).hexdigest()
    steps = ",".join(applicant.completed_steps)
    return {
        name: (f"result:{name}:{int(oob)}:{applicant.pk}:{timezone.localdate().isoformat()}:"
               f"{get_language()}:{steps}:{digest}:{release_stamp()}")
        for name in RESULT_FRAGMENTS
    }


@register.simple_tag(takes_context=True)
def result_fragment(context, name: str, oob: bool = False) -> str:
    """The ``name`` fragment of the applicant's result (``RESULT_FRAGMENTS``), rendered once
    per stored evaluation and language and then taken from the cache; ``evaluation`` in the
    context is read only when it is rendered (it may be lazy). A page shows both fragments:
    the first asked reads both from the cache at once, for the request (their keys say what
    they show, so one found is the one to show)."""
    if context.get(_DEFERRED):
        return mark_safe(_deferred_marker(name, oob))  # noqa: S308 - our own comment
    applicant = context["applicant"]
    keys = _result_keys(applicant, oob)
    found = _found_fragments(context.get("request"), keys) if keys else {}
    html = found.get(keys[name]) if keys else None
    if html is None:
        html = render_to_string(RESULT_FRAGMENTS[name], {
            "applicant": applicant, "evaluation": context["evaluation"], "oob": oob,
        })
        if keys:
            cache.set(keys[name], html, RESULT_CACHED_FOR)
            found[keys[name]] = html
    return mark_safe(html)  # noqa: S308 - the template's own escaped output


def _found_fragments(request, keys: dict[str, str]) -> dict[str, str]:
    """What the cache holds under ``keys``, read once for the request."""
    wanted = tuple(sorted(keys.values()))
    read = getattr(request, "_result_fragments", None) if request is not None else None
    if read is None or read[0] != wanted:
        read = (wanted, cache.get_many(wanted))
        if request is not None:
            request._result_fragments = read
    return read[1]


# A step as the questionnaire shows it (``questionnaire/_step.html``: the steps, the form and
# its rows) is kept (``profiles.kept``) under a key made of what it shows: the step, the
# language, the applicant's answers, every stored value of the form's record and of each row
# shown, the rows a section adds and the "Saved." message. Fields holding what a person typed
# (a save that failed) and the review (every answer) are never kept. The result fragments
# change with each save: they are cached on their own (``result_fragment``) and put in as the
# step is served.
# The applicant's columns a step never shows: the stored evaluation (its fragments go in as
# served) and the bookkeeping a save changes on every step (what the evaluation was made from
# among it).
_NOT_SHOWN = frozenset(STORED_FIELDS) | {
    "current_step", "created_at", "updated_at", "evaluated_from",
}
_DEFERRED = "_result_fragments_deferred"


def _stored_values(instance) -> tuple:
    return tuple(
        getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in _NOT_SHOWN
    )


def step_key(context) -> str | None:
    """The cache key of the step in ``context``, or None when it is not kept."""
    step, form = context["step"], context["form"]
    if step.slug == "review" or context.get("has_errors") or (form is not None and form.is_bound):
        return None
    parts = [
        step.slug, get_language(), str(context.get("saved_message") or ""),
        bool(context.get("panel_oob")), _stored_values(context["applicant"]),
    ]
    if form is not None:
        parts.append(_stored_values(form.instance))
    for section, formset in context["sections"]:
        if formset.is_bound:
            return None
        rows = [_stored_values(row) for row in formset.get_queryset()]
        parts.append((section.key, formset.extra, formset.max_num, rows))
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()
    return f"step:{digest}"


def _deferred_marker(name: str, oob: bool) -> str:
    # A comment: escaped text (everything a person typed) can never contain one.
    return f"<!--result-fragment:{name}:{int(oob)}-->"


@register.simple_tag(takes_context=True)
def page_header(context) -> str:
    """``{% include "_header.html" %}``, kept in memory (``profiles.kept.render_header``)."""
    return render_header(context)


@register.simple_tag(takes_context=True)
def step_part(context) -> str:
    """``{% include "questionnaire/_step.html" %}``, kept as said above."""

    def fill(html: str) -> str:
        for name in RESULT_FRAGMENTS:
            for oob in (False, True):
                marker = _deferred_marker(name, oob)
                if marker in html:
                    html = html.replace(marker, result_fragment(context, name, oob))
        return html

    return render_kept(context, "questionnaire/_step.html", step_key(context),
                       owner=context["applicant"].pk, deferred={_DEFERRED: True}, fill=fill)


@register.simple_tag(takes_context=True)
def kept_part(context, template_name: str, key: str | None) -> str:
    """``{% include template_name %}``, kept in the cache under ``key`` (``profiles.kept``)."""
    return render_kept(context, template_name, key)


@register.simple_tag
def verdict_needs(applicant, evaluation) -> list:
    """The questionnaire steps still needed before a CEC verdict is shown (see steps.py)."""
    if applicant is None or evaluation is None:
        return []
    return steps_verdict_needs(applicant, evaluation.result)


def _field_html(bound) -> str:
    """``{{ bound }}``: the control, with the hidden initial value where the field keeps one."""
    return str(bound) if bound.field.show_hidden_initial else control_html(bound)


@register.simple_tag
def formset_row(section, row, index: int, oob: bool = False) -> str:
    """One row of a repeatable section (a job, a test, a credential), built in Python: a step
    shows up to 20 rows of about 15 fields, and a template per row cost most of the page. The
    markup is that of the template it replaced, to the byte (kept in
    ``tests/questionnaire/test_row_markup.py``)."""
    # As in the template: a variable is escaped, a literal's translation is not.
    prefix = escape(row.prefix)
    label = escape(str(section.row_label))
    number = index + 1
    swap = ' hx-swap-oob="true"' if oob else ""  # swapped out of band (a save in place)
    fields = row.fields
    has_delete = "DELETE" in fields
    removed = " marked-removed" if has_delete and row["DELETE"].value() else ""
    remove_label = gettext("Remove %(label)s %(n)s") % {"label": label, "n": number}
    remove = gettext("Remove")
    out = [
        f'<div class="formset-row card mb-3{removed}" id="row-{prefix}" data-row'
        f'{swap}>\n'
        '  <div class="card-body">\n'
        '    <div class="d-flex justify-content-between align-items-start">\n'
        f'      <h3 class="h6 card-title">{label} {number}</h3>\n'
        '      <button type="button" class="btn btn-link btn-sm text-danger js-only" '
        'data-remove-row\n'
        f'              aria-label="{remove_label}">{remove}</button>\n'
        '    </div>\n'
        '    ',
        *(_field_html(hidden) for hidden in row.hidden_fields()),
        '\n    <div class="row g-2">\n      ',
    ]
    for field in row.visible_fields():
        out.append("\n        ")
        name = field.name
        if name == "DELETE":
            out.append("\n        ")
        elif name == "noc":
            out.append(
                '\n          <div class="col-md-6 noc-field">\n            '
                f'{bs_field(field)}\n{_noc_lookup(prefix)}'
                '          </div>\n        '
            )
        elif name == "duties":
            out.append(f'\n          <div class="col-12">{bs_field(field)}</div>\n        ')
        else:
            out.append(f'\n          <div class="col-md-6">{bs_field(field)}</div>\n        ')
        out.append("\n      ")
    out.append("\n    </div>\n    ")
    if has_delete:
        delete = row["DELETE"]
        said = gettext("Remove this %(label)s when I save") % {
            "label": escape(str(section.row_label).lower())
        }
        out.append(
            '\n      <div class="form-check no-js-remove">\n'
            f'        {_field_html(delete)}\n'
            f'        <label class="form-check-label" for="{escape(delete.id_for_label)}">'
            f'{said}</label>\n'
            '      </div>\n    '
        )
    out.append("\n  </div>\n</div>")
    return mark_safe("".join(out))


def _noc_lookup(prefix: str) -> str:
    """The search box under a job's NOC code (the same for every row but its ids)."""
    # Translated outside the f-strings, where makemessages can find them.
    find = gettext("Find your occupation by job title or duties")
    example = gettext("e.g. software developer")
    how = gettext(
        "Results appear as you type: choose one with the arrow keys and Enter, or click it."
    )
    matching = gettext("Matching NOC unit groups")
    return (
        '            <div class="noc-lookup mb-3 js-only-block">\n'
        f'              <label class="form-label small" for="noc-q-{prefix}">{find}</label>\n'
        '              <input type="text" class="form-control form-control-sm noc-search" '
        f'id="noc-q-{prefix}" name="q"\n'
        '                     role="combobox" aria-autocomplete="list" aria-expanded="false" '
        f'aria-controls="noc-list-{prefix}"\n'
        f'                     aria-describedby="noc-help-{prefix}" autocomplete="off"\n'
        f'                     placeholder="{example}"\n'
        f'                     hx-get="{escape(reverse("noc:search"))}?list=noc-list-{prefix}" '
        'hx-trigger="input changed delay:250ms, search"\n'
        f'                     hx-target="#noc-results-{prefix}" hx-swap="innerHTML" '
        'hx-sync="this:replace">\n'
        f'              <div id="noc-help-{prefix}" class="form-text">{how}</div>\n'
        f'              <p id="noc-status-{prefix}" class="visually-hidden" role="status" '
        'aria-live="polite"></p>\n'
        f'              <div id="noc-results-{prefix}" class="noc-results"><ul role="listbox" '
        f'id="noc-list-{prefix}" class="list-group" '
        f'aria-label="{matching}" hidden></ul></div>\n'
        '            </div>\n'
    )
