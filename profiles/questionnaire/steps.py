"""The questionnaire's steps, declared once: what each asks, when it applies, when it is done."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from eligibility.compiled import CompiledQuery
from profiles.enums import Person
from profiles.models import Applicant, Education, Job, LanguageTest, Spouse
from profiles.questionnaire.forms import (
    AboutForm,
    AbroadJobForm,
    EducationForm,
    JobForm,
    JobFormSet,
    LanguageTestForm,
    OtherFactorsForm,
    OwnRowsFormSet,
    SpouseEducationForm,
    SpouseForm,
)


@dataclass(frozen=True)
class Section:
    """A repeatable part of a step (jobs, tests, credentials), edited as a formset."""

    key: str
    title: Promise
    add_label: Promise
    row_label: Promise
    model: type
    form: type[forms.ModelForm]
    person: str = Person.PRINCIPAL
    in_canada: bool | None = None  # jobs only: True = Canada, False = abroad
    # The most rows a person can send; a request claiming more is refused before any form is
    # built (``forms.bounded_rows``), and Django never builds more forms than this either.
    max_rows: int = 10

    def formset_class(self) -> type[BaseModelFormSet]:
        """The section's formset class, made once, so that its form class is the same from one
        request to the next."""
        return _formset_base(self)

    def formset(
        self, applicant: Applicant | None = None, data=None, *, queryset, extra: int | None = None
    ) -> BaseModelFormSet:
        """The section's formset; given the applicant, their own rows are checked against their
        date of birth; ``extra``: empty rows after the stored ones. Both are set on the formset,
        not on a class made for the request: a class made per request is garbage that only the
        cycle collector frees (a save went from 44.60M to 44.12M instructions without it)."""
        formset = _formset_base(self)(data, queryset=queryset, prefix=self.key)
        if applicant is not None and self.person == Person.PRINCIPAL:
            formset.birth_date = applicant.birth_date
        if extra is not None:
            formset.extra = extra
        return formset

    def queryset(self, applicant: Applicant) -> "ReadRows":
        """The applicant's rows of this section, read (by SQL built once per process:
        ``eligibility.compiled``), as the section's formset takes them."""
        return ReadRows(_compiled_rows(self)(applicant.pk))

    def rows_query(self, applicant_id: int) -> QuerySet:
        """The applicant's rows of this section, not read yet."""
        rows = self.model.objects.filter(applicant_id=applicant_id, person=self.person)
        if self.in_canada is True:
            rows = rows.filter(country="CA")
        elif self.in_canada is False:
            rows = rows.exclude(country="CA")
        return rows.order_by("id")

    def prepare(self, instance, applicant: Applicant) -> None:
        """Fill what the person does not type: whose row it is and, for Canada, the country."""
        instance.applicant = applicant
        instance.person = self.person
        if self.in_canada is True:
            instance.country = "CA"


class ReadRows(list):
    """A section's rows, already read, in the section's order (by id): what a model formset
    needs of its queryset (to be iterated, indexed and counted, and ordered). Not a queryset:
    anything else asked of one fails at once (AttributeError) instead of reading other rows;
    ``Section.rows_query`` is the query. Made without building a query: a queryset built for
    each formset only to hold rows already read cost about 70 µs of a request's CPU."""

    ordered = True


_FORMSET_BASES: dict[str, type[BaseModelFormSet]] = {}
_COMPILED_ROWS: dict[str, CompiledQuery] = {}


def _compiled_rows(section: Section) -> CompiledQuery:
    try:
        return _COMPILED_ROWS[section.key]
    except KeyError:
        compiled = _COMPILED_ROWS[section.key] = CompiledQuery(section.rows_query, int)
        return compiled


def _formset_base(section: Section) -> type[BaseModelFormSet]:
    try:
        return _FORMSET_BASES[section.key]
    except KeyError:
        pass
    formset = JobFormSet if section.model is Job else OwnRowsFormSet
    formset_class = modelformset_factory(
        section.model, form=section.form, formset=formset, extra=0, can_delete=True,
        max_num=section.max_rows, absolute_max=section.max_rows, validate_max=True,
    )
    formset_class.section_title = section.title
    _FORMSET_BASES[section.key] = formset_class
    return formset_class


# Row limits. Jobs: the CEC counts the last 3 years and foreign work the last 10, so 20 jobs
# (several concurrent part-time ones included) is far more than anyone needs to list. Tests:
# results are valid for 2 years and there are five accepted tests, so 10 keeps every result
# that can still count and some history. Credentials: 10 covers secondary school to a
# doctorate with room for certificates. The spouse's sections take the same limits.
MAX_JOBS = 20
MAX_TESTS = 10
MAX_CREDENTIALS = 10


def _always(applicant: Applicant) -> bool:
    return True


def _has_spouse(applicant: Applicant) -> bool:
    return applicant.has_spouse


def _spouse_instance(applicant: Applicant) -> Spouse:
    try:
        return applicant.spouse
    except Spouse.DoesNotExist:
        return Spouse(applicant=applicant)


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    intro: Promise
    form: type[forms.ModelForm] | None = None
    instance: Callable[[Applicant], object] = lambda applicant: applicant
    sections: tuple[Section, ...] = ()
    applies: Callable[[Applicant], bool] = _always


STEPS: tuple[Step, ...] = (
    Step("about", _("About you"),
         _("Your names as in your passport, your status in Canada, your date of birth, "
           "marital status and where you plan to live."),
         form=AboutForm),
    Step("spouse", _("Your spouse or partner"),
         _("Whether they come with you, and what they bring."),
         form=SpouseForm, instance=_spouse_instance, applies=_has_spouse,
         sections=(
             Section("spouse_education", _("Their education"), _("Add a credential"),
                     _("Credential"), Education, SpouseEducationForm, person=Person.SPOUSE,
                     max_rows=MAX_CREDENTIALS),
             Section("spouse_tests", _("Their language test"), _("Add a test"), _("Test"),
                     LanguageTest, LanguageTestForm, person=Person.SPOUSE, max_rows=MAX_TESTS),
             Section("spouse_jobs", _("Their work in Canada"), _("Add a job"), _("Job"),
                     Job, JobForm, person=Person.SPOUSE, in_canada=True, max_rows=MAX_JOBS),
         )),
    Step("education", _("Education"),
         _("Every diploma, certificate or degree you hold. Education is not required for the "
           "Canadian Experience Class, but it adds CRS points."),
         sections=(Section("education", _("Your credentials"), _("Add a credential"),
                           _("Credential"), Education, EducationForm,
                           max_rows=MAX_CREDENTIALS),)),
    Step("language", _("Language tests"),
         _("Results of IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF "
           "Canada. Results are valid for two years."),
         sections=(Section("tests", _("Your tests"), _("Add a test"), _("Test"), LanguageTest,
                           LanguageTestForm, max_rows=MAX_TESTS),)),
    Step("work_canada", _("Work in Canada"),
         _("Every job you have held in Canada, paid or not; we show which ones count and why."),
         sections=(Section("jobs", _("Your jobs in Canada"), _("Add a job"), _("Job"), Job,
                           JobForm, in_canada=True, max_rows=MAX_JOBS),)),
    Step("work_abroad", _("Work outside Canada"),
         _("Paid work in other countries in the last 10 years, in an occupation of TEER 0, 1, 2 "
           "or 3, adds points when combined with language or Canadian work."),
         sections=(Section("abroad_jobs", _("Your jobs outside Canada"), _("Add a job"),
                           _("Job"), Job, AbroadJobForm, in_canada=False,
                           max_rows=MAX_JOBS),)),
    Step("other", _("Other factors"), _("A few more things that add points."),
         form=OtherFactorsForm),
    Step("review", pgettext_lazy("questionnaire step", "Review"),
         _("Check your answers, then see your result.")),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def applicable_steps(applicant: Applicant) -> list[Step]:
    return [step for step in STEPS if step.applies(applicant)]


def step_after(applicant: Applicant, step: Step) -> Step | None:
    steps = applicable_steps(applicant)
    index = next((i for i, s in enumerate(steps) if s.slug == step.slug), -1)
    return steps[index + 1] if 0 <= index < len(steps) - 1 else None


def step_before(applicant: Applicant, step: Step) -> Step | None:
    steps = applicable_steps(applicant)
    index = next((i for i, s in enumerate(steps) if s.slug == step.slug), 0)
    return steps[index - 1] if index > 0 else None


def resume_step(applicant: Applicant) -> Step:
    """Where a returning person continues: the step they were on, else the first undone one."""
    steps = applicable_steps(applicant)
    current = STEPS_BY_SLUG.get(applicant.current_step)
    if current in steps:
        return current
    for step in steps:
        if step.slug not in applicant.completed_steps:
            return step
    return steps[-1]


def progress(applicant: Applicant) -> tuple[int, int]:
    """(steps done, steps that apply), the review step not counted."""
    steps = [step for step in applicable_steps(applicant) if step.slug != "review"]
    done = sum(1 for step in steps if step.slug in applicant.completed_steps)
    return done, len(steps)


# The answers without which a CEC verdict would only repeat what is missing: until both are
# given, the result says what is still needed instead of "you do not meet the requirements".
VERDICT_STEPS = ("language", "work_canada")


def verdict_needs(applicant: Applicant, result) -> list[Step]:
    """The steps that decide the CEC verdict and are not answered yet, in questionnaire order
    (``result`` is the typed ``profiles.reading.Result``, or None while incomplete).

    A step counts as answered once saved, or when its facts are there already (entered by a
    consultant, say): a language test in the result, or a job in Canada.
    """
    answered = set(applicant.completed_steps)
    if result is not None and result.tests:
        answered.add("language")
    if "work_canada" not in answered and applicant.jobs.filter(
        person=Person.PRINCIPAL, country="CA"
    ).exists():
        answered.add("work_canada")
    return [STEPS_BY_SLUG[slug] for slug in VERDICT_STEPS if slug not in answered]
