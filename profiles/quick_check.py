"""The quick check: the essential questions on one page, for anyone, with no account.

It asks with the questionnaire's own forms (``profiles.questionnaire.forms``), so every rule a
person's answer must meet is stated once; the answers become the facts through the same bridge
(``profiles.selectors.facts_from_rows``) and are judged by the same engine. Nothing is stored
in the database: the answers live in the anonymous session (as JSON: dates and scores as text)
until the person signs up, and on their first login ``applicant_take_quick_check`` writes
them into the questionnaire, in one transaction, so nothing is typed twice.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import orjson
from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from eligibility.draws.chances import rounds_stamp
from profiles.enums import Person
from profiles.evaluation import applicant_reevaluate, evaluate_facts
from profiles.models import Applicant, Education, Job, LanguageTest, Spouse
from profiles.questionnaire.forms import (
    UNKNOWN_NOC,
    AboutForm,
    AbroadJobForm,
    EducationForm,
    JobForm,
    LanguageTestForm,
    OtherFactorsForm,
    SpouseForm,
)
from profiles.reading import Evaluation
from profiles.selectors import SpouseRows, facts_from_rows, known_noc_codes

SESSION_KEY = "profiles.quick_check"


class QuickJobForm(JobForm):
    """A job in Canada, without what only the full questionnaire needs (employer, duties)."""

    class Meta(JobForm.Meta):
        fields = ("title", "noc", "start", "end", "hours_per_week", "paid", "self_employed",
                  "full_time_student", "permit_type", "physician_fee_for_service")


class QuickSpouseForm(SpouseForm):
    """The spouse's answers that change the score, without their passport (the questionnaire
    asks it once the person has an account)."""

    class Meta(SpouseForm.Meta):
        fields = ("accompanying", "canadian_citizen_or_pr")


class QuickAbroadJobForm(AbroadJobForm):
    class Meta(AbroadJobForm.Meta):
        fields = ("title", "noc", "country", "start", "end", "hours_per_week", "paid",
                  "self_employed")


@dataclass(frozen=True)
class Part:
    """One form of the page: its prefix (also its key in the answers) and whether it may be
    left empty."""

    prefix: str
    form: type[forms.ModelForm]
    optional: bool = False
    row: bool = False  # a dated row of the person's own: checked against the date of birth


PARTS = (
    Part("about", AboutForm),
    Part("spouse", QuickSpouseForm, optional=True),
    Part("education", EducationForm, optional=True, row=True),
    Part("test", LanguageTestForm, row=True),
    Part("french", LanguageTestForm, optional=True, row=True),
    Part("job", QuickJobForm, optional=True, row=True),
    Part("abroad", QuickAbroadJobForm, optional=True, row=True),
    Part("other", OtherFactorsForm),
)


def _to_json(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value if isinstance(value, (str, bool, int, type(None))) else str(value)


def _typed_nothing(form: forms.Form) -> bool:
    """No field but check boxes was filled in (a part of check boxes only is never empty)."""
    fields = [
        (name, field) for name, field in form.fields.items()
        if not isinstance(field.widget, forms.CheckboxInput)
    ]
    for name, field in fields:
        value = str(form[name].data or "").strip()
        if value and value != str(form.get_initial_for_field(field, name) or ""):
            return False
    return bool(fields)


class QuickCheck:
    """The page's forms, bound to a POST or showing answers kept in the session."""

    def __init__(self, data=None, answers: dict | None = None) -> None:
        answers = answers or {}
        self.forms = {
            part.prefix: part.form(
                data, prefix=part.prefix, initial=answers.get(part.prefix),
                use_required_attribute=False,
            )
            for part in PARTS
        }
        # An optional part is left empty when nothing is typed or chosen in it (check boxes
        # always send a value, and a list still on its first choice was not chosen).
        self.blank = {
            part.prefix for part in PARTS
            if part.optional and data is not None and _typed_nothing(self.forms[part.prefix])
        }
        about = self.forms["about"]
        if data is not None and about.is_valid() and not Applicant(
            marital_status=about.cleaned_data["marital_status"]
        ).has_spouse:
            self.blank.add("spouse")
        for prefix in self.blank:  # shown again as they were, never validated
            self.forms[prefix] = type(self.forms[prefix])(
                prefix=prefix, use_required_attribute=False
            )

    def __getitem__(self, prefix: str) -> forms.ModelForm:
        return self.forms[prefix]

    def is_valid(self) -> bool:
        about = self.forms["about"]
        valid = about.is_valid()
        birth_date = about.cleaned_data.get("birth_date") if valid else None
        for part in PARTS[1:]:
            if part.prefix in self.blank:
                continue
            form = self.forms[part.prefix]
            if part.row:
                form.birth_date = birth_date
            valid = form.is_valid() and valid
        return self._nocs_known() and valid

    def _nocs_known(self) -> bool:
        # The questionnaire's job formset checks codes against the catalogue; so does this.
        found = {
            prefix: self.forms[prefix].cleaned_data.get("noc")
            for prefix in ("job", "abroad")
            if prefix not in self.blank and getattr(self.forms[prefix], "cleaned_data", None)
        }
        unknown = {code for code in found.values() if code} - known_noc_codes(
            {code for code in found.values() if code}
        )
        for prefix, code in found.items():
            if code in unknown:
                self.forms[prefix].add_error("noc", UNKNOWN_NOC % {"code": code})
        return not unknown

    def answers(self) -> dict:
        """The valid answers as JSON (a part left empty is left out)."""
        answers = {}
        for part in PARTS:
            form = self.forms[part.prefix]
            if part.prefix in self.blank:
                continue
            answers[part.prefix] = {
                name: _to_json(value) for name, value in form.cleaned_data.items()
            }
        return answers


@dataclass(frozen=True)
class Rows:
    """The answers as unsaved rows, exactly as the questionnaire would store them."""

    applicant: Applicant
    spouse: Spouse | None
    education: list[Education]
    tests: list[LanguageTest]
    jobs: list[Job]


def _fields(answers: dict, prefix: str) -> dict:
    return dict(answers.get(prefix) or {})


def rows_from_answers(answers: dict) -> Rows:
    applicant = Applicant(**_fields(answers, "about"), **_fields(answers, "other"))
    spouse = Spouse(**_fields(answers, "spouse")) if applicant.has_spouse else None
    education = [Education(**answers["education"])] if "education" in answers else []
    tests = [LanguageTest(**answers[key]) for key in ("test", "french") if key in answers]
    jobs = []
    if "job" in answers:
        jobs.append(Job(**answers["job"], country="CA"))
    if "abroad" in answers:
        jobs.append(Job(**answers["abroad"]))
    for row in (*tests, *jobs, *education):
        row.person = Person.PRINCIPAL
    # Model fields turn the JSON text back into dates and decimals as a form would.
    for row in (applicant, *tests, *jobs, *education):
        for field in row._meta.concrete_fields:
            value = getattr(row, field.attname, None)
            if isinstance(value, str) and field.get_internal_type() in ("DateField",
                                                                         "DecimalField"):
                setattr(row, field.attname, field.to_python(value))
    return Rows(applicant, spouse, education, tests, jobs)


def quick_check_evaluation(answers: dict, *, on: date | None = None) -> Evaluation:
    """The answers judged by the engine, as of ``on`` (today); nothing is stored."""
    on = on or timezone.localdate()
    rows = rows_from_answers(answers)
    spouse = SpouseRows(rows.spouse, [], [], []) if rows.spouse is not None else None
    facts = facts_from_rows(
        applicant=rows.applicant, education=rows.education, tests=rows.tests, jobs=rows.jobs,
        spouse=spouse, as_of=on,
    )
    return evaluate_facts(facts, on=on)


def page_key(answers: dict | None, *, on: date, visitor: str | None) -> str:
    """The cache key of the quick check's page (its form and result, ``profiles.kept``):
    what the page shows is made of the answers, the day they are judged on, the stored rounds
    (the chances) and the language. A page with answers is kept for its own visitor only (their
    session's key), so how fast it comes tells nobody whether someone else gave the same."""
    what = orjson.dumps(
        [get_language(), on.isoformat(), rounds_stamp() if answers else "",
         visitor if answers else "", answers],
        option=orjson.OPT_SORT_KEYS,
    )
    return "quick-check:" + hashlib.blake2b(what, digest_size=20).hexdigest()


# Which questionnaire step each part of the answers fills.
STEP_OF_PART = {
    "about": "about", "spouse": "spouse", "education": "education", "test": "language",
    "french": "language", "job": "work_canada", "abroad": "work_abroad", "other": "other",
}


def has_answers(applicant: Applicant) -> bool:
    """Whether the person has answered anything of the questionnaire already."""
    return bool(
        applicant.birth_date or applicant.completed_steps
        or applicant.jobs.exists() or applicant.language_tests.exists()
        or applicant.education.exists()
    )


@transaction.atomic
def applicant_take_quick_check(*, applicant: Applicant, answers: dict) -> bool:
    """Write the quick check's answers into a new account's questionnaire, in one transaction,
    and evaluate it. Answers never overwrite a questionnaire already begun (False then)."""
    applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
    if has_answers(applicant):
        return False
    rows = rows_from_answers(answers)
    for name in (*_fields(answers, "about"), *_fields(answers, "other")):
        setattr(applicant, name, getattr(rows.applicant, name))
    applicant.completed_steps = list(dict.fromkeys(
        STEP_OF_PART[prefix] for prefix in answers if prefix in STEP_OF_PART
        and (prefix != "spouse" or applicant.has_spouse)
    ))
    applicant.save()
    if rows.spouse is not None:
        rows.spouse.applicant = applicant
        rows.spouse.save()
    for row in (*rows.education, *rows.tests, *rows.jobs):
        row.applicant = applicant
        row.save()
    applicant_reevaluate(applicant=applicant)
    return True
