"""The questionnaire's controls built in Python (``profiles.widget_html``) are, byte for byte,
what the widgets' own templates give: every field of every questionnaire and quick check form,
blank, filled in and with errors, in English and French."""

import pytest
from django.utils import translation

from profiles.questionnaire.forms import (
    AboutForm,
    AbroadJobForm,
    EducationForm,
    JobForm,
    LanguageTestForm,
    OtherFactorsForm,
    SpouseEducationForm,
    SpouseForm,
)
from profiles.questionnaire.steps import STEPS
from profiles.quick_check import PARTS
from profiles.widget_html import control_html

FORMS = sorted(
    {AboutForm, SpouseForm, OtherFactorsForm, EducationForm, SpouseEducationForm,
     LanguageTestForm, JobForm, AbroadJobForm, *(part.form for part in PARTS)},
    key=lambda form: form.__name__,
)
# Values with every character that needs escaping, a choice that exists and one that does not.
DATA = {
    "family_name": 'O\'Brien & "Sons" <b>', "given_names": "Zoë", "birth_date": "1990-02-30",
    "marital_status": "married", "intended_province": "QC", "citizenship": "FR",
    "country": "XX", "province": "ON", "level": "masters", "canadian": "on", "test": "tef_canada",
    "listening": "4.5", "taken_on": "2030-01-01", "noc": "2123", "start": "2024-01-08",
    "hours_per_week": "40", "paid": "on", "permit_type": "pgwp", "duties": "Line 1\n<Line 2>",
    "phone": "+1 514 555 0100", "accompanying": "",
}
EXTRA = [None, {"class": "form-select is-invalid", "aria-describedby": "x_helptext x_error",
                "aria-invalid": "true"}]


def _forms(form_class):
    yield form_class(prefix="p")
    yield form_class(prefix="p", use_required_attribute=False)
    bound = form_class({f"p-{name}": value for name, value in DATA.items()}, prefix="p")
    bound.is_valid()
    yield bound


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("form_class", FORMS, ids=lambda form: form.__name__)
def test_each_control_is_the_widget_templates_markup(form_class, language):
    with translation.override(language):
        for form in _forms(form_class):
            for bound in form:
                for attrs in EXTRA:
                    assert str(control_html(bound, attrs)) == str(
                        bound.as_widget(attrs=attrs)
                    ), (form_class.__name__, bound.name)


@pytest.mark.django_db
@pytest.mark.parametrize("section", [s for step in STEPS for s in step.sections],
                         ids=lambda section: section.key)
def test_each_control_of_a_formset_row_is_the_widget_templates_markup(section, applicant):
    formset = section.formset(applicant, queryset=section.model.objects.none())
    row = formset.empty_form
    for bound in row:
        assert str(control_html(bound)) == str(bound.as_widget()), (section.key, bound.name)
