"""Form controls as HTML built in Python, for the questionnaire's forms.

The questionnaire and the quick check show dozens of controls a page; rendering each one
through a widget template cost about half of a step page. ``control_html`` gives, byte for
byte, what Django's Jinja2 widget templates give (the same attributes in the same order, the
same escaping: Jinja2's), for the stock widgets those forms use; any other widget, or a form
rendered by another renderer, goes through the widget's own template as before.
``tests/questionnaire/test_widget_html.py`` compares both for every field of those forms.

A select's options are built once per form class, field and language: every row of a step and
every visitor gets the same list (about 250 countries, the provinces, the permit types…).
"""

import re

from django import forms
from django.forms.renderers import Jinja2
from django.forms.widgets import Input
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries.widgets import LazySelect
from markupsafe import escape as markup_escape

_INPUT_TEMPLATES = {
    "django/forms/widgets/text.html", "django/forms/widgets/number.html",
    "django/forms/widgets/date.html", "django/forms/widgets/email.html",
    "django/forms/widgets/url.html", "django/forms/widgets/hidden.html",
    "django/forms/widgets/checkbox.html", "django/forms/widgets/input.html",
    "django/forms/widgets/password.html",
}
_SELECT_TEMPLATES = ("django/forms/widgets/select.html", "django/forms/widgets/select_option.html")

# (form class, field name, language) → ((value as text, option, option selected), ...)
_OPTIONS: dict[tuple, tuple | None] = {}
# A bound on the entries, should a form class ever be made per request: then the cache is
# emptied and starts again rather than growing.
_MAX_OPTIONS = 512


_SPECIAL = re.compile(r"[&<>'\"]")


def escape(value) -> str:
    """Jinja2's escaping (``markupsafe.escape``) as text, with no work for text that needs
    none (most of it)."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    text = str(value)
    if _SPECIAL.search(text) is None:
        return text
    return str(markup_escape(text))


def attrs_html(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: ``False`` leaves the attribute out, ``True`` writes
    its name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {escape(name)}")
        else:
            parts.append(f' {escape(name)}="{escape(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    value_html = "" if value is None else f' value="{escape(value)}"'
    return (f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
            f'{value_html}{attrs_html(widget["attrs"])}>')


def _textarea(widget: dict) -> str:
    value = widget["value"]
    return (f'<textarea name="{escape(widget["name"])}"{attrs_html(widget["attrs"])}>\n'
            f'{escape(value) if value else ""}</textarea>')


def _options(form, name: str, widget: forms.Select) -> tuple | None:
    """The select's options, built once per form class, field and language, with whether the
    first and whether any has an empty value (None when the choices are grouped: those go
    through the template)."""
    key = (type(form), name, get_language())
    try:
        return _OPTIONS[key]
    except KeyError:
        pass
    options = []
    for value, label in widget.choices:
        if isinstance(label, (list, tuple)):
            options = None
            break
        value = "" if value is None else value
        text = str(value)
        options.append((
            text,
            f'<option value="{escape(value)}">{escape(label)}</option>',
            f'<option value="{escape(value)}" selected>{escape(label)}</option>',
        ))
    found = None
    if options is not None:
        found = (tuple(options), bool(options) and options[0][0] == "",
                 any(text == "" for text, _plain, _marked in options))
    if len(_OPTIONS) >= _MAX_OPTIONS:
        _OPTIONS.clear()
    _OPTIONS[key] = found
    return found


def _select_attrs(bound, widget: forms.Select, attrs: dict | None, found: tuple) -> dict:
    """``BoundField.build_widget_attrs`` for a select, without walking its choices again to
    decide whether it may say ``required`` (Django's rule looks at the first choice, the
    countries' list at any)."""
    rule = type(widget).use_required_attribute
    if rule is forms.Select.use_required_attribute:
        use_required = not widget.is_hidden and found[1]
    elif rule is LazySelect.use_required_attribute:
        use_required = not widget.is_hidden and found[2]
    else:
        use_required = widget.use_required_attribute(bound.initial)
    full = dict(attrs or {})
    if use_required and bound.field.required and bound.form.use_required_attribute:
        full["required"] = True
    if not widget.is_hidden and bound.errors:
        full["aria-invalid"] = "true"
    if not full.get("aria-describedby") and not widget.use_fieldset and (
        aria_describedby := bound.aria_describedby
    ):
        full["aria-describedby"] = aria_describedby
    if bound.auto_id and "id" not in widget.attrs:
        full.setdefault("id", bound.auto_id)
    return full


def _select(bound, widget: forms.Select, attrs: dict | None) -> str | None:
    found = _options(bound.form, bound.name, widget)
    if found is None:
        return None
    full = _select_attrs(bound, widget, attrs, found)
    chosen = widget.format_value(bound.value())
    parts = [f'<select name="{escape(bound.html_name)}"'
             f'{attrs_html(widget.build_attrs(widget.attrs, full))}>']
    selected = False
    for text, plain, marked in found[0]:
        if not selected and text in chosen:
            selected = True
            parts.append("\n  " + marked)
        else:
            parts.append("\n  " + plain)
    parts.append("\n</select>")
    return "".join(parts)


def _fast(bound) -> bool:
    """Whether the field's control can be built here: a form that opts in (its choices are the
    same for every instance), rendered by Jinja2, with a stock widget."""
    return getattr(bound.form, "static_fields", False) and isinstance(
        bound.form.renderer, Jinja2
    ) and not bound.field.localize and not bound.field.disabled


def control_html(bound, attrs: dict | None = None) -> str:
    """``bound.as_widget(attrs=attrs)``, built in Python where the widget allows it."""
    widget = bound.field.widget
    if not _fast(bound):
        return bound.as_widget(attrs=attrs)
    template = widget.template_name
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected and (
        template, widget.option_template_name
    ) == _SELECT_TEMPLATES and not widget.option_inherits_attrs:
        html = _select(bound, widget, attrs)
        return bound.as_widget(attrs=attrs) if html is None else mark_safe(html)
    if template in _INPUT_TEMPLATES and isinstance(widget, Input):
        context = widget.get_context(bound.html_name, bound.value(),
                                     _widget_attrs(bound, widget, attrs))
        return mark_safe(_input(context["widget"]))
    if template == "django/forms/widgets/textarea.html" and type(widget).get_context is (
        forms.Widget.get_context
    ):
        context = widget.get_context(bound.html_name, bound.value(),
                                     _widget_attrs(bound, widget, attrs))
        return mark_safe(_textarea(context["widget"]))
    return bound.as_widget(attrs=attrs)


def _widget_attrs(bound, widget, attrs: dict | None) -> dict:
    """The attributes ``BoundField.as_widget`` gives the widget."""
    full = bound.build_widget_attrs(attrs or {}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        full.setdefault("id", bound.auto_id)
    return full
