"""A formset row built in Python (``portal.formset_row``) is, to the byte, the template it
replaced (kept below), for every section's rows: blank, stored, marked for removal, with errors,
in English and French."""

import pytest
from django.template import engines
from django.utils import translation

from profiles.questionnaire.steps import STEPS
from profiles.templatetags.portal import formset_row, management_form
from tests.factories import EducationFactory, JobFactory, LanguageTestFactory

pytestmark = pytest.mark.django_db

# The template as it was (templates/questionnaire/_row.html before the row was built in Python).
OLD_ROW = """{% load i18n portal %}
<div class="formset-row card mb-3{% if row.DELETE.value %} marked-removed{% endif %}" id="row-{{ row.prefix }}" data-row>
  <div class="card-body">
    <div class="d-flex justify-content-between align-items-start">
      <h3 class="h6 card-title">{{ section.row_label }} {{ index|add:1 }}</h3>
      <button type="button" class="btn btn-link btn-sm text-danger js-only" data-remove-row
              aria-label="{% blocktranslate with label=section.row_label n=index|add:1 %}Remove {{ label }} {{ n }}{% endblocktranslate %}">{% translate "Remove" %}</button>
    </div>
    {% for hidden in row.hidden_fields %}{{ hidden }}{% endfor %}
    <div class="row g-2">
      {% for field in row.visible_fields %}
        {% if field.name == "DELETE" %}
        {% elif field.name == "noc" %}
          <div class="col-md-6 noc-field">
            {% bs_field field %}
            <div class="noc-lookup mb-3 js-only-block">
              <label class="form-label small" for="noc-q-{{ row.prefix }}">{% translate "Find your occupation by job title or duties" %}</label>
              <input type="text" class="form-control form-control-sm noc-search" id="noc-q-{{ row.prefix }}" name="q"
                     role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="noc-list-{{ row.prefix }}"
                     aria-describedby="noc-help-{{ row.prefix }}" autocomplete="off"
                     placeholder="{% translate 'e.g. software developer' %}"
                     hx-get="{% url 'noc:search' %}?list=noc-list-{{ row.prefix }}" hx-trigger="input changed delay:250ms, search"
                     hx-target="#noc-results-{{ row.prefix }}" hx-swap="innerHTML" hx-sync="this:replace">
              <div id="noc-help-{{ row.prefix }}" class="form-text">{% translate "Results appear as you type: choose one with the arrow keys and Enter, or click it." %}</div>
              <p id="noc-status-{{ row.prefix }}" class="visually-hidden" role="status" aria-live="polite"></p>
              <div id="noc-results-{{ row.prefix }}" class="noc-results"><ul role="listbox" id="noc-list-{{ row.prefix }}" class="list-group" aria-label="{% translate 'Matching NOC unit groups' %}" hidden></ul></div>
            </div>
          </div>
        {% elif field.name == "duties" %}
          <div class="col-12">{% bs_field field %}</div>
        {% else %}
          <div class="col-md-6">{% bs_field field %}</div>
        {% endif %}
      {% endfor %}
    </div>
    {% if row.DELETE %}
      <div class="form-check no-js-remove">
        {{ row.DELETE }}
        <label class="form-check-label" for="{{ row.DELETE.id_for_label }}">{% blocktranslate with label=section.row_label|lower %}Remove this {{ label }} when I save{% endblocktranslate %}</label>
      </div>
    {% endif %}
  </div>
</div>
"""  # noqa: E501
ROW_TEMPLATE = engines["django"].from_string(OLD_ROW)

SECTIONS = [section for step in STEPS for section in step.sections]
FACTORIES = {"Job": JobFactory, "LanguageTest": LanguageTestFactory,
             "Education": EducationFactory}


def _rows(section, applicant):
    FACTORIES[section.model.__name__](applicant=applicant, person=section.person)
    stored = section.formset(applicant, queryset=section.queryset(applicant))
    yield from stored.forms
    yield stored.empty_form
    data = {f"{section.key}-TOTAL_FORMS": "2", f"{section.key}-INITIAL_FORMS": "0",
            f"{section.key}-0-DELETE": "on", f"{section.key}-1-noc": "<b>'x'</b>",
            f"{section.key}-1-start": "2099-01-01"}
    bound = section.formset(applicant, data, queryset=section.model.objects.none())
    bound.is_valid()
    yield from bound.forms


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.key)
def test_a_row_is_the_markup_of_the_template_it_replaced(section, applicant, language):
    with translation.override(language):
        for index, row in enumerate(_rows(section, applicant)):
            expected = ROW_TEMPLATE.render({"section": section, "row": row, "index": index})
            assert "\n" + formset_row(section, row, index) + "\n" == expected


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.key)
def test_the_management_form_is_the_markup_of_its_template(section, applicant):
    key = section.key
    formsets = [
        section.formset(applicant, queryset=section.queryset(applicant)),
        section.formset(applicant, {f"{key}-TOTAL_FORMS": "0", f"{key}-INITIAL_FORMS": "0"},
                        queryset=section.model.objects.none()),
        section.formset(applicant, {f"{key}-TOTAL_FORMS": "x"},
                        queryset=section.model.objects.none()),
    ]
    for formset in formsets:
        formset.is_valid()
        assert management_form(formset) == str(formset.management_form)
