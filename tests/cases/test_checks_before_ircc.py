"""Checks that catch mistakes before IRCC does: an invitation's round exists, was drawn that
day and invites this person; an application with documents not ready asks for confirmation,
listing them; a decision waits for the stages before it unless the consultant gives a reason."""

import pytest
from django.urls import reverse

from cases import services
from cases.access import access_to
from cases.enums import CaseStatus, DocumentStatus, StageKind
from cases.errors import OVERRIDE_NEEDS_CONSULTANT, CaseError
from cases.invitation_checks import eligible_categories, round_invites
from cases.models import Application, DecisionStage, Invitation
from eligibility.models import RoundCategory
from tests.cases.factories import (
    CaseFactory,
    DocumentItemFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
    as_applicant,
    days_ago,
    round_drawn,
)
from tests.cases.personas import log_in_as
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db

ITA = 20  # days ago


@pytest.fixture
def in_pool(eligible_applicant):
    return ProfileSubmissionFactory(case__applicant=eligible_applicant).case


def invite(case, by=None, **overrides):
    values = {"invited_on": days_ago(ITA), "round_number": "434", "crs_claimed": 500,
              **overrides}
    return services.case_record_invitation(
        access=access_to(case=case, user=by or case.applicant.user), **values
    )


def refusal(call) -> CaseError:
    with pytest.raises(CaseError) as refused:
        call()
    return refused.value


# ----- the invitation's round ---------------------------------------------------------------


def test_a_round_that_was_never_imported_is_refused(in_pool):
    error = refusal(lambda: invite(in_pool, round_number="9999"))
    assert "Round 9999 is not among the imported Express Entry rounds" in str(error.message)
    assert error.field == "round_number"
    assert not Invitation.objects.exists()


def test_a_round_drawn_on_another_day_is_refused(in_pool):
    round_drawn(days_ago(ITA + 1))
    error = refusal(lambda: invite(in_pool))
    assert str(error.message) == (f"Round 434 was drawn on {days_ago(ITA + 1).isoformat()}, "
                                  f"not on {days_ago(ITA).isoformat()}.")
    assert error.field == "invited_on"
    in_pool.refresh_from_db()
    assert in_pool.status == CaseStatus.IN_POOL


@pytest.mark.parametrize("category", [RoundCategory.CEC, RoundCategory.ALL_PROGRAMS])
def test_a_cec_or_all_program_round_of_that_day_is_recorded(in_pool, category):
    round_drawn(days_ago(ITA), category=category)
    assert invite(in_pool).round_number == "434"


def test_a_pnp_round_is_refused_for_a_person_without_a_nomination(in_pool):
    round_drawn(days_ago(ITA), category=RoundCategory.PNP)
    error = refusal(lambda: invite(in_pool))
    assert "does not invite this person's program or category" in str(error.message)
    assert not Invitation.objects.exists()


def test_a_pnp_round_is_accepted_with_a_nomination(in_pool):
    in_pool.applicant.provincial_nomination = True
    in_pool.applicant.save()
    round_drawn(days_ago(ITA), category=RoundCategory.PNP)
    assert invite(in_pool).pk


def test_a_category_round_the_person_does_not_fit_is_refused(in_pool):
    round_drawn(days_ago(ITA), category=RoundCategory.HEALTHCARE)
    refusal(lambda: invite(in_pool))
    assert not Invitation.objects.exists()


def test_the_consultant_records_another_round_with_a_written_reason(in_pool):
    round_drawn(days_ago(ITA), category=RoundCategory.HEALTHCARE)
    invitation = invite(in_pool, by=in_pool.applicant.consultant,
                        override_reason="Nurse aide work abroad, confirmed by IRCC")
    assert invitation.override_reason == "Nurse aide work abroad, confirmed by IRCC"
    assert in_pool.transitions.last().note == invitation.override_reason


def test_the_applicant_cannot_override_the_round_check(in_pool):
    round_drawn(days_ago(ITA), category=RoundCategory.HEALTHCARE)
    error = refusal(lambda: invite(in_pool, override_reason="I think it fits"))
    assert error.message == OVERRIDE_NEEDS_CONSULTANT
    assert not Invitation.objects.exists()


def test_a_category_round_is_accepted_for_a_category_the_engine_finds_eligible():
    applicant = ApplicantFactory()
    drawn = round_drawn(days_ago(ITA), category=RoundCategory.STEM)
    stored = {"categories": [{"code": "stem", "eligible": True},
                             {"code": "healthcare", "eligible": False}]}
    assert eligible_categories(stored) == {"stem"}
    assert round_invites(drawn=drawn, applicant=applicant,
                         eligible_categories=eligible_categories(stored))


def test_the_invitation_form_shows_the_round_refusal_next_to_the_number(client, in_pool):
    log_in_as(client, "applicant", in_pool)
    response = client.post(reverse("cases:invitation", args=[in_pool.pk]), {
        "invited_on": days_ago(ITA).isoformat(), "round_number": "9999", "crs_claimed": "500"})
    assert "Round 9999 is not among" in str(response.context["invitation_form"].errors[
        "round_number"])


# ----- documents before the application -----------------------------------------------------


@pytest.fixture
def invited(eligible_applicant):
    invitation = InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(ITA))
    DocumentItemFactory(case=invitation.case, key="passport", kind="passport",
                        status=DocumentStatus.ACCEPTED)
    DocumentItemFactory(case=invitation.case, key="photo", kind="photo")
    DocumentItemFactory(case=invitation.case, key="work_proof", kind="work_proof",
                        status=DocumentStatus.NEEDS_CHANGES)
    return invitation.case


def submit(case, **overrides):
    values = {"submitted_on": days_ago(2), "application_number": "E000123456", **overrides}
    return services.case_submit_application(access=as_applicant(case), **values)


def test_submission_with_documents_not_ready_asks_for_confirmation_listing_them(invited):
    error = refusal(lambda: submit(invited))
    assert "Digital photo; Proof of Canadian work" in str(error.message)
    assert "Passport" not in str(error.message)
    assert error.field == "confirm_incomplete"
    assert not Application.objects.exists()


def test_submission_with_confirmation_is_recorded(invited):
    submit(invited, confirm_incomplete=True)
    invited.refresh_from_db()
    assert invited.status == CaseStatus.SUBMITTED


def test_submission_with_every_document_accepted_needs_no_confirmation(invited):
    invited.documents.update(status=DocumentStatus.ACCEPTED)
    assert submit(invited).pk


def test_a_document_no_longer_required_does_not_hold_the_submission(invited):
    invited.documents.exclude(key="passport").update(required=False)
    assert submit(invited).pk


def test_the_case_page_lists_the_documents_with_the_confirmation(client, invited):
    log_in_as(client, "applicant", invited)
    form = client.get(reverse("cases:detail", args=[invited.pk])).context["application_form"]
    assert form.fields["confirm_incomplete"].help_text == "Digital photo; Proof of Canadian work"


def test_the_confirmation_is_not_asked_when_everything_is_accepted(client, invited):
    invited.documents.update(status=DocumentStatus.ACCEPTED)
    log_in_as(client, "applicant", invited)
    form = client.get(reverse("cases:detail", args=[invited.pk])).context["application_form"]
    assert "confirm_incomplete" not in form.fields


# ----- stages before a decision -------------------------------------------------------------


@pytest.fixture
def submitted(eligible_applicant):
    return CaseFactory(applicant=eligible_applicant, status=CaseStatus.SUBMITTED)


def stage(case, kind, days=1, by=None, **extra):
    return services.case_record_stage(
        access=access_to(case=case, user=by or case.applicant.user), kind=kind,
        on=days_ago(days), **extra,
    )


def test_an_approval_before_aor_biometrics_and_medical_is_refused_naming_them(submitted):
    stage(submitted, StageKind.AOR, days=5)
    error = refusal(lambda: stage(submitted, StageKind.APPROVED))
    assert "Biometrics given, Medical exam" in str(error.message)
    assert not DecisionStage.objects.filter(kind=StageKind.APPROVED).exists()
    submitted.refresh_from_db()
    assert submitted.status == CaseStatus.SUBMITTED


def test_a_stage_recorded_after_the_decision_date_does_not_count_before_it(submitted):
    for kind in (StageKind.AOR, StageKind.BIOMETRICS_GIVEN):
        stage(submitted, kind, days=5)
    stage(submitted, StageKind.MEDICAL, days=1)
    error = refusal(lambda: stage(submitted, StageKind.APPROVED, days=2))
    assert "Medical exam" in str(error.message)


def test_an_approval_after_its_stages_is_recorded(submitted):
    for kind in (StageKind.AOR, StageKind.BIOMETRICS_GIVEN, StageKind.MEDICAL):
        stage(submitted, kind, days=5)
    stage(submitted, StageKind.APPROVED)
    submitted.refresh_from_db()
    assert submitted.status == CaseStatus.APPROVED


def test_a_refusal_needs_the_acknowledgment_of_receipt(submitted):
    error = refusal(lambda: stage(submitted, StageKind.REFUSED))
    assert "Acknowledgment of receipt (AOR)" in str(error.message)


def test_the_consultant_records_a_decision_early_with_a_written_reason(submitted):
    recorded = stage(submitted, StageKind.APPROVED, by=submitted.applicant.consultant,
                     override_reason="AOR and medical were on paper; approval letter in hand")
    assert recorded.override_reason.startswith("AOR and medical")
    submitted.refresh_from_db()
    assert submitted.status == CaseStatus.APPROVED


def test_the_applicant_cannot_override_the_stage_order(submitted):
    error = refusal(lambda: stage(submitted, StageKind.APPROVED, override_reason="trust me"))
    assert error.message == OVERRIDE_NEEDS_CONSULTANT
    assert not DecisionStage.objects.exists()


def test_only_the_consultant_sees_the_override_field_for_stages(client, submitted):
    log_in_as(client, "applicant", submitted)
    page = client.get(reverse("cases:detail", args=[submitted.pk]))
    assert "override_reason" not in page.context["stage_form"].fields
    client.logout()
    log_in_as(client, "consultant", submitted)
    page = client.get(reverse("cases:detail", args=[submitted.pk]))
    assert "override_reason" in page.context["stage_form"].fields
