"""Every date of every case step: within the range the rules engine evaluates, in the order the
process implies, refused next to its field, and nothing stored when refused."""

from datetime import date, timedelta

import pytest
from django import forms as django_forms
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases import forms
from cases.enums import CaseStatus, StageKind
from cases.errors import INCOMPLETE
from cases.models import (
    Application,
    Case,
    CaseTransition,
    DecisionStage,
    DocumentItem,
    Invitation,
    ProfileSubmission,
)
from tests.auth import log_in_verified
from tests.cases.factories import (
    ApplicationFactory,
    CaseFactory,
    DecisionStageFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
    days_ago,
)
from tests.questionnaire.test_date_fields import BAD_DATES, assert_next_to_field

pytestmark = pytest.mark.django_db

# step → (url name, the form's name on the page, the status it needs, its other fields)
STEPS = {
    "profile": ("cases:profile", "profile_form", CaseStatus.PREPARING,
                {"profile_number": "E001234567", "job_seeker_code": "JS1234567890"}),
    "invitation": ("cases:invitation", "invitation_form", CaseStatus.IN_POOL,
                   {"round_number": "434", "crs_claimed": "520"}),
    "plan": ("cases:invitation_plan", "plan_form", CaseStatus.INVITED, {}),
    "decline": ("cases:invitation_decline", "decline_form", CaseStatus.INVITED, {}),
    "application": ("cases:application", "application_form", CaseStatus.INVITED,
                    {"application_number": "E000123456"}),
    "stage": ("cases:stage", "stage_form", CaseStatus.SUBMITTED, {"kind": "aor", "note": ""}),
    "request": ("cases:request", "request_form", CaseStatus.INVITED, {"title": "Bank letter"}),
}
# (step, form class, field): every date field of every case form.
DATE_FIELDS = [
    ("profile", forms.ProfileForm, "submitted_on"),
    ("invitation", forms.InvitationForm, "invited_on"),
    ("plan", forms.PlanForm, "planned_submission_on"),
    ("decline", forms.DeclineForm, "declined_on"),
    ("application", forms.ApplicationForm, "submitted_on"),
    ("stage", forms.StageForm, "on"),
    ("request", forms.RequestForm, "due_on"),
    # Posted per checklist item; its refusal is tested in test_expiries.
    ("review", forms.ReviewForm, "issued_on"),
]
POSTED_DATE_FIELDS = [field for field in DATE_FIELDS if field[0] != "review"]


def test_the_walk_covers_every_date_field_of_every_case_form():
    found = {
        (form_class, name)
        for form_class in vars(forms).values()
        if isinstance(form_class, type) and issubclass(form_class, django_forms.Form)
        and form_class.__module__ == forms.__name__
        for name, field in form_class.base_fields.items()
        if isinstance(field, django_forms.DateField)
    }
    assert found == {(form_class, field) for _step, form_class, field in DATE_FIELDS}


def case_at(status: str, applicant) -> Case:
    case = CaseFactory(applicant=applicant, status=status)
    if status == CaseStatus.IN_POOL:
        ProfileSubmissionFactory(case=case)
    elif status == CaseStatus.INVITED:
        InvitationFactory(case=case)
    elif status == CaseStatus.SUBMITTED:
        ApplicationFactory(case=case)
    return case


def stored_rows() -> list:
    return [list(model.objects.order_by("pk").values()) for model in (
        Case, ProfileSubmission, Invitation, Application, DecisionStage, CaseTransition,
        DocumentItem)]


def post_step(client, case, step: str, field: str, value: str):
    url_name, _form_name, _status, others = STEPS[step]
    return client.post(reverse(url_name, args=[case.pk]), {**others, field: value})


@pytest.mark.parametrize("value", BAD_DATES)
@pytest.mark.parametrize(("step", "form_class", "field"), POSTED_DATE_FIELDS,
                         ids=[step for step, _f, _n in POSTED_DATE_FIELDS])
def test_a_bad_date_is_refused_next_to_its_field_and_nothing_is_stored(
    owner_client, eligible_applicant, step, form_class, field, value
):
    case = case_at(STEPS[step][2], eligible_applicant)
    if step == "request":  # the consultant's form
        owner_client = log_in_verified(Client(), eligible_applicant.consultant)
    before = stored_rows()
    response = post_step(owner_client, case, step, field, value)
    assert response.status_code == 200
    form = response.context[STEPS[step][1]]
    assert_next_to_field(response.content.decode(), form, field)
    assert stored_rows() == before


# ----- refusals of the services, each next to its field ------------------------------------


def refused(response, step: str, field: str) -> list[str]:
    form = response.context[STEPS[step][1]]
    assert not form.non_field_errors()
    assert_next_to_field(response.content.decode(), form, field)
    return form.errors[field]


def test_a_profile_dated_before_noc_2021_names_the_date_not_incomplete_answers(
    owner_client, eligible_applicant
):
    case = case_at(CaseStatus.PREPARING, eligible_applicant)
    response = post_step(owner_client, case, "profile", "submitted_on", "2021-05-01")
    errors = refused(response, "profile", "submitted_on")
    assert "between 2022-11-16 and 2199-12-31" in errors[0]
    assert str(INCOMPLETE).split("%")[0] not in response.content.decode()
    assert not ProfileSubmission.objects.exists()


def test_a_profile_dated_tomorrow_is_refused_next_to_its_date(owner_client, eligible_applicant):
    case = case_at(CaseStatus.PREPARING, eligible_applicant)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = post_step(owner_client, case, "profile", "submitted_on", tomorrow)
    assert "in the future" in refused(response, "profile", "submitted_on")[0]


def test_an_invitation_before_the_profile_is_refused_next_to_its_date(
    owner_client, eligible_applicant
):
    case = case_at(CaseStatus.IN_POOL, eligible_applicant)
    before = (case.profiles.get().submitted_on - timedelta(days=1)).isoformat()
    response = post_step(owner_client, case, "invitation", "invited_on", before)
    assert "before the profile was submitted" in refused(response, "invitation", "invited_on")[0]
    assert not Invitation.objects.exists()


def test_a_planned_submission_before_the_invitation_is_refused_next_to_it(
    owner_client, eligible_applicant
):
    case = case_at(CaseStatus.INVITED, eligible_applicant)
    before = (case.invitations.get().invited_on - timedelta(days=1)).isoformat()
    response = post_step(owner_client, case, "plan", "planned_submission_on", before)
    assert "before the invitation" in refused(response, "plan", "planned_submission_on")[0]
    assert case.invitations.get().planned_submission_on is None


def test_a_planned_submission_after_the_deadline_is_refused_next_to_it(
    owner_client, eligible_applicant
):
    case = case_at(CaseStatus.INVITED, eligible_applicant)
    invitation = case.invitations.get()
    late = (invitation.deadline + timedelta(days=1)).isoformat()
    response = post_step(owner_client, case, "plan", "planned_submission_on", late)
    errors = refused(response, "plan", "planned_submission_on")
    assert f"The deadline to submit is {invitation.deadline.isoformat()}" in errors[0]
    assert case.invitations.get().planned_submission_on is None


def test_a_planned_submission_on_the_deadline_is_saved(owner_client, eligible_applicant):
    case = case_at(CaseStatus.INVITED, eligible_applicant)
    deadline = case.invitations.get().deadline
    post_step(owner_client, case, "plan", "planned_submission_on", deadline.isoformat())
    assert case.invitations.get().planned_submission_on == deadline


def test_an_application_before_the_invitation_is_refused_next_to_its_date(
    owner_client, eligible_applicant
):
    case = case_at(CaseStatus.INVITED, eligible_applicant)
    before = (case.invitations.get().invited_on - timedelta(days=1)).isoformat()
    response = post_step(owner_client, case, "application", "submitted_on", before)
    assert "before the invitation" in refused(response, "application", "submitted_on")[0]
    assert not Application.objects.exists()


def test_a_stage_before_the_application_is_refused_next_to_its_date(
    owner_client, eligible_applicant
):
    case = case_at(CaseStatus.SUBMITTED, eligible_applicant)
    before = (case.applications.get().submitted_on - timedelta(days=1)).isoformat()
    response = post_step(owner_client, case, "stage", "on", before)
    assert "before the application was submitted" in refused(response, "stage", "on")[0]
    assert not DecisionStage.objects.exists()


def test_landing_before_the_approval_is_refused_next_to_its_date(
    owner_client, eligible_applicant
):
    case = case_at(CaseStatus.SUBMITTED, eligible_applicant)
    DecisionStageFactory(case=case, kind=StageKind.APPROVED, on=days_ago(2))
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.APPROVED)
    response = owner_client.post(reverse("cases:stage", args=[case.pk]),
                                 {"kind": "landing", "on": days_ago(3).isoformat()})
    assert "before the approval" in refused(response, "stage", "on")[0]
    assert not DecisionStage.objects.filter(kind=StageKind.LANDING).exists()


# ----- the database refuses what the forms refuse -------------------------------------------


def test_the_database_refuses_a_stage_dated_1800():
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionStageFactory(on=date(1800, 1, 1))


def test_the_database_refuses_a_profile_dated_9999():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProfileSubmissionFactory(submitted_on=date(9999, 12, 31))


def test_the_database_refuses_a_planned_submission_before_the_invitation():
    invitation = InvitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(
            planned_submission_on=invitation.invited_on - timedelta(days=1)
        )


def test_the_database_refuses_a_decline_before_the_invitation():
    invitation = InvitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(
            declined_on=invitation.invited_on - timedelta(days=1)
        )
