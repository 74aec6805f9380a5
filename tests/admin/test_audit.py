"""The audit trail: every create, change and delete of a client's data, with who and what,
readable by the client's consultant and by no one else, and never editable."""

from decimal import Decimal

import pytest
from django.contrib import admin

from cases.access import access_to
from cases.documents.review import document_review
from cases.enums import CaseStatus, DocumentStatus
from cases.models import DocumentItem
from profiles.models import Job
from tests.admin.conftest import admin_url, change_form_data, visible_text
from tests.cases.factories import CaseFactory
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def audit(client, applicant) -> str:
    return visible_text(client.get(admin_url("history", applicant.pk)))


def test_a_job_changed_in_the_admin_appears_with_who_and_what(
    consultant_client, consultant, my_client
):
    data = change_form_data(consultant_client.get(admin_url("change", my_client.pk)))
    data["jobs-0-hours_per_week"] = "37.5"
    consultant_client.post(admin_url("change", my_client.pk), data)
    text = audit(consultant_client, my_client)
    assert consultant.email in text
    assert "Hours per week: 40.00 → 37.50" in text


def test_a_job_added_in_the_admin_appears(consultant_client, consultant, my_client):
    data = change_form_data(consultant_client.get(admin_url("change", my_client.pk)))
    data.update({
        "jobs-TOTAL_FORMS": "2", "jobs-1-person": "principal", "jobs-1-noc": "21231",
        "jobs-1-country": "CA", "jobs-1-start": "2021-01-04", "jobs-1-end": "2021-12-31",
        "jobs-1-hours_per_week": "30", "jobs-1-paid": "on", "jobs-1-authorized": "on",
        "jobs-1-employer": "Northern Lights Ltd",
    })
    response = consultant_client.post(admin_url("change", my_client.pk), data)
    assert response.status_code == 302
    text = audit(consultant_client, my_client)
    assert "Employer: Northern Lights Ltd" in text
    assert "created" in text


def test_a_job_deleted_in_the_admin_appears(consultant_client, consultant, my_client):
    data = change_form_data(consultant_client.get(admin_url("change", my_client.pk)))
    data["jobs-0-DELETE"] = "on"
    consultant_client.post(admin_url("change", my_client.pk), data)
    assert not Job.objects.filter(applicant=my_client).exists()
    text = audit(consultant_client, my_client)
    assert "deleted" in text


def test_a_job_changed_by_the_applicant_appears_with_their_email(consultant_client, my_client):
    job = my_client.jobs.get()
    job.hours_per_week = Decimal("20")
    job._history_user = my_client.user  # as the questionnaire's request would record it
    job.save()
    text = audit(consultant_client, my_client)
    assert f"{my_client.user.email}" in text
    assert "Hours per week: 40.00 → 20.00" in text


@pytest.mark.parametrize("change", range(3))
def test_every_change_of_a_job_appears(consultant_client, my_client, change):
    job = my_client.jobs.get()
    for hours in range(21, 21 + change + 1):
        job.hours_per_week = Decimal(hours)
        job.save()
    text = audit(consultant_client, my_client)
    previous = "40.00"
    for hours in range(21, 21 + change + 1):
        assert f"Hours per week: {previous} → {hours}.00" in text
        previous = f"{hours}.00"


def test_a_jobs_creation_appears_for_a_row_added_later(consultant_client, my_client):
    JobFactory(applicant=my_client, employer="Prairie Grain Co", noc="72106")
    assert "Employer: Prairie Grain Co" in audit(consultant_client, my_client)


def test_another_consultants_client_audit_is_not_found(consultant_client, their_client):
    assert consultant_client.get(admin_url("history", their_client.pk)).status_code == 404


def test_the_audit_has_no_form_to_change_anything(consultant_client, my_client):
    assert "<form" not in audit(consultant_client, my_client).split('id="content-main"')[1]


def test_no_url_reverts_a_historical_version(consultant_client, my_client):
    record = my_client.history.first()
    url = admin_url("history", my_client.pk) + f"{record.history_id}/"
    assert consultant_client.get(url, follow=True).status_code == 404


def test_historical_records_are_not_in_the_admin():
    registered = {model._meta.model_name for model in admin.site._registry}
    assert not {name for name in registered if name.startswith("historical")}


@pytest.mark.parametrize("jobs", [1, 8])
def test_audit_queries_do_not_grow_with_the_records(
    consultant_client, my_client, django_assert_max_num_queries, jobs
):
    employers = [f"Employer number {n}" for n in range(jobs)]
    for employer in employers:
        JobFactory(applicant=my_client, employer=employer)
    # One query per audited model (the client's facts, notes and the case's seven record
    # types), the transition log, the users named, the admin's own, and the session's
    # second-factor device.
    with django_assert_max_num_queries(24):
        response = consultant_client.get(admin_url("history", my_client.pk))
    text = visible_text(response)
    assert all(f"Employer: {employer}" in text for employer in employers)


def test_a_case_status_change_appears_with_who(consultant_client, consultant, my_client):
    case = CaseFactory(applicant=my_client, status=CaseStatus.IN_POOL)
    case.transitions.create(from_status=CaseStatus.PREPARING, to_status=CaseStatus.IN_POOL,
                            by=consultant)
    text = audit(consultant_client, my_client)
    assert "Status: Preparing the profile → In the pool (profile submitted)" in text


def test_a_document_review_appears_with_who_and_the_comment(
    consultant_client, consultant, my_client
):
    case = CaseFactory(applicant=my_client, status=CaseStatus.INVITED)
    item = DocumentItem.objects.create(case=case, key="passport", kind="passport",
                                       status=DocumentStatus.UPLOADED)
    document_review(access=access_to(case=item.case, user=consultant), item=item,
                    status=DocumentStatus.NEEDS_CHANGES, comment="Scan both pages.")
    text = audit(consultant_client, my_client)
    assert "Status: Uploaded → Needs changes" in text
    assert "comment: — → Scan both pages." in text
    assert f"Reviewed by: — → {consultant.email}" in text


def test_a_document_review_appears_once_with_who(consultant_client, consultant, my_client):
    from cases.documents.review import document_review
    from tests.cases.factories import DocumentItemFactory

    item = DocumentItemFactory(case=CaseFactory(applicant=my_client))
    document_review(access=access_to(case=item.case, user=consultant), item=item,
                    status="needs_changes", comment="Sign page 2")
    text = audit(consultant_client, my_client)
    assert text.count("Sign page 2") == 1
    assert consultant.email in text


def test_a_recorded_profile_shows_its_verdict_by_name_and_no_raw_data(
    consultant_client, my_client
):
    from tests.cases.factories import ProfileSubmissionFactory

    profile = ProfileSubmissionFactory(
        case__applicant=my_client, verdict="eligible",
        evaluation={"verdict": "eligible", "crs": {"total": 520}},
    )
    text = audit(consultant_client, my_client)
    assert "CEC verdict: Eligible" in text
    assert "&#x27;verdict&#x27;" not in text and "&quot;verdict&quot;" not in text
    assert f"Case: {profile.case.pk}" not in text
