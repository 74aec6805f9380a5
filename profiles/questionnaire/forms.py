"""The questionnaire's forms. They say what is wrong in words; the database refuses it too."""

import copy
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import Jinja2
from django.forms.widgets import ChoiceWidget
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator, BlankChoiceIterator
from django.utils.translation import gettext_lazy as _

from eligibility.rules.language import TEF_2019_FROM
from profiles.dates import not_before_birth
from profiles.enums import STATUS_WITH_DOCUMENT
from profiles.models import ABILITIES, Applicant, Education, Job, LanguageTest, Spouse
from profiles.selectors import earliest_dated_fact, known_noc_codes

FUTURE_DATE = _("This date is in the future. Enter a date on or before today.")
TOO_OLD = _("Enter a date of birth within the last 100 years.")
TOO_YOUNG = _("You must be at least 16 years old to use this questionnaire.")
BIRTH_AFTER_FACTS = _(
    "You have a job, test or assessment dated %(date)s, before this date of birth. Check this "
    "date, or correct that row first."
)
STATUS_EXPIRY_NEEDED = _("Enter the expiry date of this status (printed on your permit).")
ISSUED_BEFORE_BIRTH = _("This passport was issued before the date of birth you gave.")
IDENTITY_FIELDS = ("family_name", "given_names", "citizenship", "passport_number",
                   "passport_issued_on", "passport_expires_on")
TEF_TOO_OLD = _(
    "TEF Canada results from before %(date)s cannot be converted to NCLC (they expired long "
    "ago). Enter a more recent test."
)


# The questionnaire's rows render dozens of widgets per page; Django's Jinja2 widget templates
# render them several times faster than the template-language ones (bench/questionnaire_http.py).
# Only these forms use it: the admin's own widgets exist as Django templates only.
WIDGET_RENDERER = Jinja2()


class SharedChoices(BaseChoiceIterator):
    """A field's fixed list of choices, shared by every copy of the field. Django copies and
    normalises a list of choices again for each form it builds (twice: the field's and its
    widget's), which made building a row's form cost more than it needed."""

    def __init__(self, choices) -> None:
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _copy_widget(widget: forms.Widget, memo: dict) -> forms.Widget:
    """``copy.deepcopy(widget)`` for the widgets whose copy is Django's plain one."""
    copier = type(widget).__deepcopy__
    if copier is not forms.Widget.__deepcopy__ and not (
        copier is ChoiceWidget.__deepcopy__ and isinstance(widget.choices, SharedChoices)
    ):
        return copy.deepcopy(widget, memo)
    new = object.__new__(type(widget))
    new.__dict__ = widget.__dict__.copy()  # a ChoiceWidget's SharedChoices stay shared
    new.attrs = widget.attrs.copy()
    memo[id(widget)] = new
    return new


def _copy_field(field: forms.Field, memo: dict) -> forms.Field:
    """``copy.deepcopy(field)`` without its generic machinery, for the fields whose copy is
    Django's plain one (``Field.__deepcopy__``, or ``ChoiceField``'s with shared choices)."""
    copier = type(field).__deepcopy__
    if copier is not forms.Field.__deepcopy__ and not (
        copier is forms.ChoiceField.__deepcopy__ and isinstance(field._choices, SharedChoices)
    ):
        return copy.deepcopy(field, memo)
    new = object.__new__(type(field))
    new.__dict__ = field.__dict__.copy()
    memo[id(field)] = new
    new.widget = _copy_widget(field.widget, memo)
    new.error_messages = field.error_messages.copy()
    new.validators = field.validators[:]
    return new


class _Fields(dict):
    """A form class's fields, which each form copies when it is built: copied field by field
    as Django does, with less generic work (a step builds a form per row)."""

    def __deepcopy__(self, memo):
        return {name: _copy_field(field, memo) for name, field in self.items()}


def _fixed(choices) -> bool:
    """Whether a field's choices are a fixed list (a model field's, with or without the blank
    choice Django puts first), not computed anew each time (a callable, a query)."""
    if isinstance(choices, BlankChoiceIterator):
        choices = choices.choices
    return isinstance(choices, (list, tuple))


class QuestionnaireForm(forms.ModelForm):
    default_renderer = WIDGET_RENDERER
    # Every instance has the same fields, labels, help and choices in a given language (what
    # ``__init__`` changes, it changes alike for all), so a select's options, a label and a
    # help text are built once per form class and language (``profiles.widget_html``,
    # ``portal.bs_field``).
    static_fields = True

    def __init__(self, *args, **kwargs):
        cls = type(self)
        if "_choices_shared" not in cls.__dict__:
            for field in cls.base_fields.values():
                if isinstance(field, forms.ChoiceField) and _fixed(field.choices):
                    field._choices = field.widget.choices = SharedChoices(field.choices)
            cls.base_fields = _Fields(cls.base_fields)
            cls._choices_shared = True
        super().__init__(*args, **kwargs)


class RowForm(QuestionnaireForm):
    """A row of the person's own (not their spouse's) history: its dates cannot come before
    their birth. ``birth_date`` is given by the formset; the spouse's rows get none."""

    after_birth: tuple[str, ...] = ()

    def __init__(self, *args, birth_date: date | None = None, **kwargs):
        self.birth_date = birth_date
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        for name in self.after_birth:
            try:
                not_before_birth(cleaned.get(name), self.birth_date)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _not_in_future(value: date | None) -> date | None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(FUTURE_DATE, code="future")
    return value


class IdentityForm(QuestionnaireForm):
    """The passport's names, number and dates (the applicant's or their spouse's).

    The dates' order (both or neither, expiry after issue) is the model's ``clean``; here only
    what needs the day or the person: an issue date is not in the future, nor before birth.
    """

    birth_field: str | None = None

    def clean_passport_issued_on(self) -> date | None:
        value = _not_in_future(self.cleaned_data.get("passport_issued_on"))
        birth = self.cleaned_data.get(self.birth_field) if self.birth_field else None
        if value and birth and value < birth:
            raise forms.ValidationError(ISSUED_BEFORE_BIRTH, code="before_birth")
        return value


IDENTITY_WIDGETS = {"passport_issued_on": DateInput(), "passport_expires_on": DateInput()}


class AboutForm(IdentityForm):
    birth_field = "birth_date"

    class Meta:
        model = Applicant
        fields = ("family_name", "given_names", "preferred_name", "birth_date", "phone",
                  *IDENTITY_FIELDS[2:], "status_in_canada", "status_document_number",
                  "status_expires_on", "marital_status", "intended_province")
        widgets = {"birth_date": DateInput(), "status_expires_on": DateInput(),
                   **IDENTITY_WIDGETS, "phone": forms.TextInput(attrs={"type": "tel",
                                                                       "autocomplete": "tel"})}
        help_texts = {
            "birth_date": _("Your age is worth up to 110 CRS points (100 with a spouse or "
                            "partner who comes with you). Once you are invited, your age on "
                            "the day of the invitation counts."),
            "marital_status": _("A spouse or common-law partner who comes with you changes "
                                "how points are counted, unless they are a Canadian citizen "
                                "or permanent resident."),
            "intended_province": _("The Canadian Experience Class is for people who plan to "
                                   "live outside Quebec."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].required = True
        self.fields["marital_status"].required = True
        self.fields["intended_province"].choices = [("", _("Not decided yet"))] + list(
            self.fields["intended_province"].choices
        )[1:]

    def clean_birth_date(self) -> date:
        value = _not_in_future(self.cleaned_data["birth_date"])
        today = timezone.localdate()
        if value.year < today.year - 100:
            raise forms.ValidationError(TOO_OLD, code="too_old")
        if (today.year - value.year - ((today.month, today.day) < (value.month, value.day))) < 16:
            raise forms.ValidationError(TOO_YOUNG, code="too_young")
        earliest = earliest_dated_fact(applicant=self.instance)
        if earliest is not None and earliest < value:
            raise forms.ValidationError(
                BIRTH_AFTER_FACTS, code="after_facts", params={"date": earliest.isoformat()}
            )
        return value

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status_in_canada")
        if status in STATUS_WITH_DOCUMENT and not cleaned.get("status_expires_on"):
            self.add_error("status_expires_on", STATUS_EXPIRY_NEEDED)
        return cleaned


class SpouseForm(IdentityForm):
    class Meta:
        model = Spouse
        fields = ("accompanying", "canadian_citizen_or_pr", *IDENTITY_FIELDS)
        widgets = IDENTITY_WIDGETS
        help_texts = {
            "accompanying": _("Their education, language and Canadian work add points only "
                              "if they come with you."),
            "canadian_citizen_or_pr": _("If they are, you are scored as a single person."),
        }


class OtherFactorsForm(QuestionnaireForm):
    class Meta:
        model = Applicant
        fields = ("sibling_in_canada", "provincial_nomination", "certificate_of_qualification")
        help_texts = {
            "sibling_in_canada": _("A brother or sister of yours, or of a spouse or partner "
                                   "who comes with you, aged 18 or more, a Canadian citizen or "
                                   "permanent resident, living in Canada (15 points)."),
            "provincial_nomination": _("A nomination certificate from a province's Express "
                                       "Entry stream (600 points)."),
            "certificate_of_qualification": _("Issued by a province or territory for a "
                                              "skilled trade. With CLB 5 or more in all four "
                                              "abilities of your first official language it "
                                              "adds 25 points, with CLB 7 or more 50."),
        }


class EducationForm(RowForm):
    after_birth = ("eca_date",)

    class Meta:
        model = Education
        fields = ("level", "canadian", "institution", "eca_organisation", "eca_number",
                  "eca_date")
        widgets = {"eca_date": DateInput()}
        help_texts = {
            "canadian": _("Earned in Canada: a one- or two-year post-secondary credential "
                          "adds 15 points of its own, one of three years or more (or a "
                          "master's, professional or doctoral degree) 30. A secondary school "
                          "diploma adds none."),
        }

    def clean_eca_date(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("eca_date"))


class SpouseEducationForm(EducationForm):
    """A spouse's or partner's credential: where it was earned adds nothing to their points."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["canadian"].help_text = _(
            "A spouse's or partner's Canadian credential adds no points of its own: their "
            "education scores the same wherever it was earned."
        )


class LanguageTestForm(RowForm):
    after_birth = ("taken_on",)

    class Meta:
        model = LanguageTest
        fields = ("test", "taken_on", "listening", "reading", "writing", "speaking",
                  "registration_number")
        widgets = {"taken_on": DateInput()}
        help_texts = {"taken_on": _("Results are valid for 2 years from this date.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for ability in ABILITIES:
            field = self.fields[ability]
            # The browser's number input must not refuse a valid score of any test; the
            # test-specific range is checked below and shown next to the field.
            field.widget.attrs.update({"step": "0.5", "min": "0", "max": "699",
                                       "inputmode": "decimal", "class": "score-input"})
        self.fields["test"].widget.attrs["class"] = "test-type"

    def clean_taken_on(self) -> date:
        # Scores are checked against the test's scale by LanguageTest.clean().
        return _not_in_future(self.cleaned_data["taken_on"])

    def clean(self):
        cleaned = super().clean()
        taken_on = cleaned.get("taken_on")
        if cleaned.get("test") == "tef_canada" and taken_on and taken_on < TEF_2019_FROM:
            self.add_error("taken_on", forms.ValidationError(
                TEF_TOO_OLD, code="tef_too_old", params={"date": TEF_2019_FROM.isoformat()}
            ))
        return cleaned


class JobForm(RowForm):
    in_canada = True
    after_birth = ("start",)

    class Meta:
        model = Job
        fields = ("employer", "title", "noc", "province", "country", "start", "end",
                  "hours_per_week", "paid", "self_employed", "full_time_student",
                  "permit_type", "physician_fee_for_service", "duties")
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "duties": forms.Textarea(attrs={"rows": 3}),
            "noc": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                          "class": "noc-code", "maxlength": "5"}),
        }
        help_texts = {
            "noc": _("Five digits. Type a job title below to find it."),
            "hours_per_week": _("Hours over 30 a week, in one job or several, are not "
                                "counted."),
            "paid": _("Volunteer work and unpaid internships do not count."),
            "self_employed": _("Self-employment does not count (except publicly funded "
                               "fee-for-service physicians)."),
            "full_time_student": _("Work done while you were a full-time student, co-op terms "
                                   "included, does not count."),
            "permit_type": _("Work counts only while you held temporary resident status with "
                             "permission to work: a work permit, maintained status or "
                             "work-permit-exempt work. A refugee claimant's work does not "
                             "count, even with a work permit."),
            "physician_fee_for_service": _("Publicly funded fee-for-service work by a "
                                           "physician in NOC 31100, 31101 or 31102 counts "
                                           "although it is self-employment."),
            "duties": _("We compare them with the occupation's main duties."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours_per_week"].widget.attrs.update(
            {"min": "1", "max": "168", "step": "0.5", "inputmode": "decimal"}
        )
        # pop: a form of fewer fields (the quick check's) may lack some of these.
        if self.in_canada:
            self.fields.pop("country", None)
        else:
            self.fields.pop("province", None)
            for name in ("permit_type", "physician_fee_for_service", "full_time_student"):
                self.fields.pop(name, None)
            # Abroad, self-employment is foreign work experience like any other (crs.md).
            self.fields["self_employed"].help_text = _(
                "Self-employment outside Canada counts as foreign work experience."
            )
        if "permit_type" in self.fields:
            self.fields["permit_type"].required = True
            self.fields["permit_type"].label = _("Work authorization while doing this job")

    def clean_start(self) -> date:
        return _not_in_future(self.cleaned_data["start"])

    def clean_end(self) -> date | None:
        return _not_in_future(self.cleaned_data.get("end"))

    def clean_country(self) -> str:
        country = self.cleaned_data["country"]
        if country == "CA":
            raise forms.ValidationError(
                _("Work in Canada belongs in the previous step, “Work in Canada”."),
                code="canada",
            )
        return country


class AbroadJobForm(JobForm):
    in_canada = False


class OwnRowField(forms.Field):
    """A row's id, accepted only if the row is among those the formset loaded for this person.

    It replaces the model formset's default id field, which looks each id up in the whole
    table (one query per row, and another person's id passes that check).
    """

    widget = forms.HiddenInput
    default_error_messages = {
        "not_yours": _("This row no longer exists. Reload the page and try again."),
    }

    def __init__(self, *, formset, **kwargs):
        self.formset = formset
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            pk = int(value)
        except (TypeError, ValueError):
            raise forms.ValidationError(
                self.error_messages["not_yours"], code="not_yours"
            ) from None
        row = self.formset._existing_object(pk)  # from the rows loaded once for this formset
        if row is None:
            raise forms.ValidationError(self.error_messages["not_yours"], code="not_yours")
        return row


    def has_changed(self, initial, data) -> bool:
        return str(initial or "") != str(data or "")

    def prepare_value(self, value):
        return getattr(value, "pk", value)


ROW_COUNTER_DAMAGED = _(
    "“%(section)s”: the number of rows sent was missing or damaged, so nothing was saved. "
    "Check the rows below and save again."
)
TOO_MANY_ROWS = _(
    "“%(section)s” can hold at most %(max)s rows, so nothing was saved. Remove rows until "
    "there are %(max)s or fewer."
)


def _counter(data, key: str, high: int) -> int | None:
    """A management-form counter as sent, if it is a whole number from 0 to ``high``."""
    value = data.get(key)
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    # A counter of thousands of digits is refused before it is turned into a number.
    return int(value) if len(value) <= 6 and int(value) <= high else None


def bounded_rows(data, prefix: str, max_rows: int, section: str):
    """``data`` with row counters that build at most ``max_rows`` forms, and why it changed.

    Read before the formset builds a single form: a counter that is missing, not a number or
    over the section's limit is replaced by the number of rows actually sent (at most
    ``max_rows``), so those rows are shown back, and the refusal (naming the section) is
    returned. ``None`` when the counters were sound.
    """
    total_key, initial_key = f"{prefix}-TOTAL_FORMS", f"{prefix}-INITIAL_FORMS"
    total = _counter(data, total_key, max_rows)
    initial = _counter(data, initial_key, max_rows)
    if total is not None and initial is not None and initial <= total:
        return data, None
    sent = _counter(data, total_key, 10**6)
    if sent is not None and sent > max_rows and initial is not None:
        message = TOO_MANY_ROWS % {"section": section, "max": max_rows}
    else:
        message = ROW_COUNTER_DAMAGED % {"section": section}
    indices = set()
    for key in data:
        index, dash, _rest = key.removeprefix(f"{prefix}-").partition("-")
        if dash and key.startswith(f"{prefix}-") and index.isdigit() and len(index) <= 6:
            indices.add(int(index))
    total = max((i + 1 for i in indices if i < max_rows), default=0)
    if initial is None or initial > total:
        # Rows already stored come first and carry their id.
        initial = 0
        while initial < total and data.get(f"{prefix}-{initial}-id"):
            initial += 1
    data = data.copy()
    data[total_key], data[initial_key] = str(total), str(initial)
    return data, message


class OwnRowsFormSet(forms.BaseModelFormSet):
    renderer = WIDGET_RENDERER
    section_title = ""  # set by ``steps._formset_base``, to name the section in a refusal
    birth_date = None  # set on the formset by ``Section.formset`` for the person's own rows

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "birth_date": self.birth_date}

    def __init__(self, data=None, *args, **kwargs):
        self.refused_counter = None
        if data is not None:
            prefix = kwargs.get("prefix") or self.get_default_prefix()
            data, self.refused_counter = bounded_rows(
                data, prefix, self.max_num, str(self.section_title or prefix)
            )
        super().__init__(data, *args, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound and self.refused_counter:
            self._non_form_errors.append(
                forms.ValidationError(self.refused_counter, code="row_counter")
            )

    def add_fields(self, form, index) -> None:
        # BaseModelFormSet.add_fields would give the row's id a ModelChoiceField over the whole
        # table, replaced here at once: the id field is made here instead, with the initial
        # value Django gives it (the row's stored id; none for a row being added).
        self._pk_field = pk = self.model._meta.pk
        if form.is_bound:
            initial = None if form.instance._state.adding else form.instance.pk
        else:
            rows = self.get_queryset()
            initial = rows[index].pk if index is not None and index < len(rows) else None
        form.fields[pk.name] = OwnRowField(formset=self, initial=initial, required=False)
        forms.BaseFormSet.add_fields(self, form, index)  # the "remove" (DELETE) field


UNKNOWN_NOC = _("%(code)s is not a NOC 2021 unit group. Search by job title to find yours.")


class JobFormSet(OwnRowsFormSet):
    """Job rows; every NOC code must be a unit group of the catalogue, checked in one query."""

    def clean(self) -> None:
        super().clean()
        forms_by_code: dict[str, list] = {}
        for form in self.forms:
            code = getattr(form, "cleaned_data", {}).get("noc")
            if code and not self._should_delete_form(form):
                forms_by_code.setdefault(code, []).append(form)
        unknown = set(forms_by_code) - known_noc_codes(set(forms_by_code))
        for code in sorted(unknown):
            for form in forms_by_code[code]:
                form.add_error("noc", UNKNOWN_NOC % {"code": code})

