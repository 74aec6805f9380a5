"""The case pages: owner, consultant, outsider (404) and anonymous visitor (log in)."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from cases.enums import CaseStatus
from cases.models import Case, ProfileSubmission
from cases.selectors import case_summary_for
from profiles.evaluation import evaluate_applicant
from tests.auth import log_in_verified
from tests.cases.factories import (
    CaseFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
    days_ago,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def detail(case):
    return reverse("cases:detail", args=[case.pk])


def test_case_home_offers_to_start_a_case_without_creating_one(owner_client):
    response = owner_client.get(reverse("cases:home"))
    assert "Start following the case" in response.content.decode()
    assert not Case.objects.exists()


def test_case_home_post_opens_the_persons_case(owner_client, eligible_applicant):
    response = owner_client.post(reverse("cases:home"))
    case = Case.objects.get(applicant=eligible_applicant)
    assert response["Location"] == detail(case)
    assert case.status == CaseStatus.PREPARING


def test_case_home_leads_to_an_existing_case(owner_client, case):
    response = owner_client.get(reverse("cases:home"))
    assert response["Location"] == detail(case)
    assert Case.objects.count() == 1


def test_case_home_is_404_for_a_user_without_an_applicant_record(consultant_client):
    assert consultant_client.get(reverse("cases:home")).status_code == 404


def test_case_home_redirects_an_anonymous_visitor_to_log_in(client):
    response = client.get(reverse("cases:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_owner_sees_their_case(owner_client, case):
    response = owner_client.get(detail(case))
    assert response.status_code == 200
    assert "Your Express Entry case" in response.content.decode()


def test_consultant_sees_their_clients_case(consultant_client, case):
    response = consultant_client.get(detail(case))
    assert response.status_code == 200
    assert "Case of" in response.content.decode()


def test_another_consultant_gets_404(client, case):
    from profiles.roles import CONSULTANT

    log_in_verified(client, UserFactory(role=CONSULTANT))
    assert client.get(detail(case)).status_code == 404


def test_outsider_gets_404_for_someone_elses_case(outsider_client, case):
    assert outsider_client.get(detail(case)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, case):
    response = client.get(detail(case))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


PROFILE = {"submitted_on": "", "profile_number": "E001234567", "job_seeker_code": "JS1"}


def profile_data():
    return {**PROFILE, "submitted_on": days_ago(10).isoformat()}


def test_plain_post_records_the_profile_and_redirects(owner_client, case):
    response = owner_client.post(reverse("cases:profile", args=[case.pk]), profile_data())
    assert response.status_code == 302
    assert response["Location"] == detail(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_POOL


def test_htmx_post_returns_the_case_fragment(owner_client, case):
    response = owner_client.post(
        reverse("cases:profile", args=[case.pk]), profile_data(), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="case"')
    assert "<html" not in body
    assert "Your profile is recorded" in body


def test_outsider_cannot_post_to_someone_elses_case(outsider_client, case):
    response = outsider_client.post(reverse("cases:profile", args=[case.pk]), profile_data())
    assert response.status_code == 404
    assert not ProfileSubmission.objects.exists()


def test_an_illegal_step_shows_the_reason_and_changes_nothing(owner_client, case):
    url = reverse("cases:application", args=[case.pk])
    response = owner_client.post(url, {"submitted_on": days_ago(1).isoformat(),
                                       "application_number": "E1"})
    assert response.status_code == 200
    assert "cannot become" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.PREPARING


def test_step_pages_refuse_get(owner_client, case):
    assert owner_client.get(reverse("cases:profile", args=[case.pk])).status_code == 405


def test_invited_case_shows_the_deadline_countdown(owner_client, eligible_applicant):
    invitation = InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(10))
    body = owner_client.get(detail(invitation.case)).content.decode()
    assert "Submit the application by" in body
    assert "50 days left" in body


def test_documents_page_for_the_owner(owner_client, case):
    response = owner_client.get(reverse("cases:documents", args=[case.pk]))
    assert response.status_code == 200
    assert "The checklist is built when you record your invitation to apply." in (
        response.content.decode()
    )


def test_documents_page_lists_a_letter_for_each_counted_job(owner_client, eligible_applicant):
    invitation = InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(10))
    owner_client.post(reverse("cases:documents", args=[invitation.case.pk]))
    body = owner_client.get(reverse("cases:documents", args=[invitation.case.pk])).content
    job = eligible_applicant.jobs.get()
    assert f"{job.title} — {job.employer}" in body.decode()


def test_documents_page_is_404_for_an_outsider(outsider_client, case):
    assert outsider_client.get(reverse("cases:documents", args=[case.pk])).status_code == 404


def test_documents_page_sends_an_anonymous_visitor_to_log_in(client, case):
    assert client.get(reverse("cases:documents", args=[case.pk])).status_code == 302


def test_rebuilding_the_checklist_adds_the_items(owner_client, eligible_applicant):
    invitation = InvitationFactory(case__applicant=eligible_applicant)
    owner_client.post(reverse("cases:documents", args=[invitation.case.pk]))
    assert invitation.case.documents.filter(key="passport").exists()


# ----- dashboard summary --------------------------------------------------------------------


def test_summary_without_a_case_is_at_the_first_step(eligible_applicant):
    summary = case_summary_for(applicant=eligible_applicant)
    assert summary.status == CaseStatus.PREPARING
    assert [step.state for step in summary.steps] == ["current", "upcoming", "upcoming",
                                                       "upcoming"]
    assert summary.next_deadline is None


def test_summary_of_an_invited_case_has_the_ita_deadline(eligible_applicant):
    invitation = InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(10))
    summary = case_summary_for(applicant=eligible_applicant)
    assert [step.state for step in summary.steps] == ["done", "done", "current", "upcoming"]
    assert summary.next_deadline.on == invitation.deadline
    assert summary.next_deadline.days_left == 50


def test_summary_fragment_renders_the_countdown(rf, eligible_applicant):
    InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(10))
    html = render_to_string(
        "cases/_case_summary.html",
        {"case_summary": case_summary_for(applicant=eligible_applicant)},
    )
    assert "50 days left" in html
    assert 'aria-current="step"' in html


@pytest.mark.parametrize(("invited_days_ago", "alert"), [
    (46, "alert-warning"), (45, "alert-info"),
])
def test_summary_draws_attention_to_an_urgent_deadline(eligible_applicant, invited_days_ago,
                                                       alert):
    InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(invited_days_ago))
    html = render_to_string(
        "cases/_case_summary.html",
        {"case_summary": case_summary_for(applicant=eligible_applicant)},
    )
    assert f'class="alert {alert} mb-2"' in html


def test_summary_of_a_case_in_the_pool_has_the_expiry(eligible_applicant):
    profile = ProfileSubmissionFactory(case__applicant=eligible_applicant)
    deadline = case_summary_for(applicant=eligible_applicant).next_deadline
    assert deadline.on == profile.expires_on
    assert deadline.label == "Profile expires from the pool"


def test_summary_of_a_decided_case_has_no_deadline(eligible_applicant):
    CaseFactory(applicant=eligible_applicant, status=CaseStatus.APPROVED)
    assert case_summary_for(applicant=eligible_applicant).next_deadline is None


@pytest.mark.parametrize("status", ["preparing", "in_pool", "invited", "submitted", "approved"])
def test_case_page_renders_at_every_status(owner_client, eligible_applicant, status):
    from tests.cases.factories import ApplicationFactory

    application = ApplicationFactory(case__applicant=eligible_applicant)
    Case.objects.filter(pk=application.case.pk).update(status=status)
    response = owner_client.get(detail(application.case))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<strong class="case-status">{CaseStatus(status).label}</strong>' in body
    if status in ("preparing", "in_pool", "invited"):
        crs = evaluate_applicant(applicant=eligible_applicant).result.crs.total
        assert f"Your CRS score today: <strong>{crs}</strong>." in body
    else:
        assert "Your score against recent rounds" not in body


def test_only_the_consultant_is_offered_the_override(owner_client, case):
    assert "override_reason" not in owner_client.get(detail(case)).content.decode()


def test_the_consultant_is_offered_the_override(consultant_client, case):
    assert "override_reason" in consultant_client.get(detail(case)).content.decode()


def test_consultant_override_through_the_page(consultant_client, consultant):
    from tests.cases.factories import CaseFactory
    from tests.factories import ApplicantFactory

    case = CaseFactory(applicant=ApplicantFactory(consultant=consultant))  # not eligible
    data = {**profile_data(), "override_reason": "Hours proven by T4 slips"}
    consultant_client.post(reverse("cases:profile", args=[case.pk]), data)
    assert ProfileSubmission.objects.get(case=case).override_reason == "Hours proven by T4 slips"


def test_an_applicant_not_eligible_is_told_why_on_the_page(client, db):
    from tests.cases.factories import CaseFactory
    from tests.factories import ApplicantFactory

    case = CaseFactory(applicant=ApplicantFactory())
    client.force_login(case.applicant.user)
    response = client.post(reverse("cases:profile", args=[case.pk]), profile_data())
    assert "not eligible for the Canadian Experience Class" in response.content.decode()
    assert not ProfileSubmission.objects.exists()


def test_pool_expiry_warning_30_days_before(owner_client, eligible_applicant):
    from tests.cases.factories import ProfileSubmissionFactory

    profile = ProfileSubmissionFactory(case__applicant=eligible_applicant,
                                       submitted_on=days_ago(340))
    body = owner_client.get(detail(profile.case)).content.decode()
    assert "Your profile leaves the pool on" in body


def test_no_pool_expiry_warning_earlier(owner_client, eligible_applicant):
    from tests.cases.factories import ProfileSubmissionFactory

    profile = ProfileSubmissionFactory(case__applicant=eligible_applicant,
                                       submitted_on=days_ago(300))
    body = owner_client.get(detail(profile.case)).content.decode()
    assert "Your profile leaves the pool on" not in body


def test_no_pool_expiry_warning_once_the_profile_has_expired(owner_client, eligible_applicant):
    from tests.cases.factories import ProfileSubmissionFactory

    profile = ProfileSubmissionFactory(case__applicant=eligible_applicant,
                                       submitted_on=days_ago(400))
    body = owner_client.get(detail(profile.case)).content.decode()
    assert "Your profile leaves the pool on" not in body
    assert "Profile expires from the pool" in body  # the deadline itself, shown as passed


def test_consultant_opens_a_clients_case_from_the_client_list(consultant_client,
                                                              eligible_applicant):
    response = consultant_client.post(reverse("cases:client", args=[eligible_applicant.pk]))
    case = Case.objects.get(applicant=eligible_applicant)
    assert response["Location"] == detail(case)


def test_consultant_reading_a_client_without_a_case_creates_nothing(consultant_client,
                                                                     eligible_applicant):
    response = consultant_client.get(reverse("cases:client", args=[eligible_applicant.pk]))
    assert "This client's case has not been started" in response.content.decode()
    assert not Case.objects.exists()


def test_client_case_is_404_for_someone_elses_client(outsider_client, eligible_applicant):
    response = outsider_client.post(reverse("cases:client", args=[eligible_applicant.pk]))
    assert response.status_code == 404
    assert not Case.objects.exists()


def test_client_case_sends_an_anonymous_visitor_to_log_in(client, eligible_applicant):
    response = client.get(reverse("cases:client", args=[eligible_applicant.pk]))
    assert response["Location"].startswith(reverse("login"))


# ----- who the page speaks to ---------------------------------------------------------------


def test_the_case_page_speaks_to_the_consultant_about_the_client(
    consultant_client, eligible_applicant
):
    invitation = InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(10),
                                   crs_claimed=999)
    html = consultant_client.get(detail(invitation.case)).content.decode()
    assert "The client's CRS score today:" in html
    assert "The client's score against recent rounds" in html
    assert "Your CRS score today" not in html and "finds you" not in html
    assert "your answers give" not in html and "the answers give a CRS of" in html
    assert "<title>Case of" in html


def test_the_case_page_speaks_to_the_applicant_as_you(owner_client, eligible_applicant):
    invitation = InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(10))
    html = owner_client.get(detail(invitation.case)).content.decode()
    assert "Your CRS score today:" in html
    assert "The client's" not in html


def test_the_invitation_warnings_stay_a_list(owner_client, eligible_applicant):
    invitation = InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(10),
                                   crs_claimed=999)
    html = owner_client.get(detail(invitation.case)).content.decode()
    block = html[html.index('case-warnings" role="alert"'):]
    assert block.index("<ul") < block.index("<li>")
    assert '<ul class="alert' not in html


def test_a_refused_profile_does_not_speak_to_the_consultant_as_the_client(
    consultant_client, consultant
):
    from tests.cases.factories import CaseFactory
    from tests.factories import ApplicantFactory

    case = CaseFactory(applicant=ApplicantFactory(consultant=consultant))
    response = consultant_client.post(reverse("cases:profile", args=[case.pk]), {
        "submitted_on": days_ago(1).isoformat(), "profile_number": "E001234567",
        "job_seeker_code": "AB1234567890"})
    html = response.content.decode()
    assert "finds you" not in html and "Your answers" not in html
    assert not ProfileSubmission.objects.filter(case=case).exists()
