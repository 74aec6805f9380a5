"""The case steps in the workspace: case status and next deadline in the list, with filters
and search by profile and application number; the timeline and the document checklist, with
accept / needs changes, on the client page."""

import pytest
from django.urls import reverse

from profiles.cases.models import CaseStatus, DocumentItem, DocumentStatus, StageKind, Upload
from profiles.cases.selectors import next_deadlines_for
from tests.admin.conftest import admin_url, make_client_of, visible_text
from tests.auth import log_in_verified
from tests.cases.factories import (
    ApplicationFactory,
    CaseFactory,
    DecisionStageFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


def listed(response) -> set[int]:
    return {row.pk for row in response.context["cl"].result_list}


def invited(applicant, *, days_ago_invited: int):
    case = CaseFactory(applicant=applicant, status=CaseStatus.INVITED)
    return InvitationFactory(case=case, invited_on=days_ago(days_ago_invited))


@pytest.fixture
def document(my_client):
    case = CaseFactory(applicant=my_client, status=CaseStatus.INVITED)
    item = DocumentItem.objects.create(case=case, key="passport", kind="passport",
                                       status=DocumentStatus.UPLOADED)
    Upload.objects.create(item=item, file="cases/x/passport.pdf", original_name="passport.pdf",
                          content_type="application/pdf", extension="pdf", size=1000)
    return item


def review(client, applicant, item, status, comment=""):
    return client.post(
        reverse("admin:profiles_applicant_review_document", args=[applicant.pk]),
        {"review": f"{item.pk}:{status}", f"review-{item.pk}-comment": comment},
    )


def test_list_shows_the_case_status(consultant_client, my_client):
    CaseFactory(applicant=my_client, status=CaseStatus.IN_POOL)
    assert "In the pool (profile submitted)" in visible_text(
        consultant_client.get(admin_url("changelist"))
    )


def test_list_shows_the_application_deadline_after_an_invitation(consultant_client, my_client):
    invitation = invited(my_client, days_ago_invited=55)
    text = visible_text(consultant_client.get(admin_url("changelist")))
    assert f"Submit the application by {invitation.deadline.isoformat()} (in 5 days)" in text


@pytest.mark.parametrize(("invited_days_ago", "within", "shown"), [
    (55, "7", True), (40, "7", False), (40, "30", True), (10, "30", False), (61, "30", False),
])
def test_deadline_filter(consultant_client, my_client, invited_days_ago, within, shown):
    invited(my_client, days_ago_invited=invited_days_ago)
    response = consultant_client.get(admin_url("changelist"), {"deadline": within})
    assert (my_client.pk in listed(response)) is shown


def test_deadline_filter_keeps_to_the_consultants_clients(consultant_client, their_client):
    invited(their_client, days_ago_invited=55)
    assert listed(consultant_client.get(admin_url("changelist"), {"deadline": "7"})) == set()


def test_case_status_filter(consultant, consultant_client, my_client):
    in_pool = make_client_of(consultant)
    CaseFactory(applicant=in_pool, status=CaseStatus.IN_POOL)
    response = consultant_client.get(admin_url("changelist"), {"case": "in_pool"})
    assert listed(response) == {in_pool.pk}


def test_a_client_without_a_case_counts_as_preparing(consultant_client, my_client):
    response = consultant_client.get(admin_url("changelist"), {"case": "preparing"})
    assert listed(response) == {my_client.pk}


def test_search_by_profile_number(consultant_client, my_client):
    invitation = invited(my_client, days_ago_invited=5)
    response = consultant_client.get(admin_url("changelist"),
                                     {"q": invitation.profile.profile_number})
    assert listed(response) == {my_client.pk}


def test_search_by_application_number(consultant_client, my_client):
    case = CaseFactory(applicant=my_client, status=CaseStatus.SUBMITTED)
    application = ApplicationFactory(case=case, application_number="E001234567")
    response = consultant_client.get(admin_url("changelist"), {"q": "e001234567"})
    assert application.case.applicant_id in listed(response)


@pytest.mark.parametrize("rows", [1, 10])
def test_list_queries_with_cases_do_not_grow_with_the_rows(
    consultant, consultant_client, django_assert_max_num_queries, rows
):
    for days in range(rows):
        invited(make_client_of(consultant), days_ago_invited=50 + days % 5)
    # The deadline filter and the deadline column each read the cases in four queries.
    with django_assert_max_num_queries(17):
        response = consultant_client.get(admin_url("changelist"), {"deadline": "30"})
    assert len(listed(response)) == rows


def test_client_page_shows_the_case_timeline(consultant_client, my_client):
    invitation = invited(my_client, days_ago_invited=5)
    invitation.case.transitions.create(from_status=CaseStatus.IN_POOL,
                                       to_status=CaseStatus.INVITED, note="Round 434")
    text = visible_text(consultant_client.get(admin_url("change", my_client.pk)))
    assert "Invitation to apply received" in text
    assert "Round 434" in text


def test_client_page_shows_the_checklist_with_its_files(consultant_client, my_client, document):
    text = visible_text(consultant_client.get(admin_url("change", my_client.pk)))
    assert "passport.pdf" in text
    assert 'value="' + f"{document.pk}:accepted" in text


def test_consultant_accepts_a_document(consultant_client, consultant, my_client, document):
    review(consultant_client, my_client, document, DocumentStatus.ACCEPTED)
    document.refresh_from_db()
    assert (document.status, document.reviewed_by) == (DocumentStatus.ACCEPTED, consultant)


def test_consultant_asks_for_changes_with_a_comment(consultant_client, my_client, document):
    review(consultant_client, my_client, document, DocumentStatus.NEEDS_CHANGES, "Page 2 is cut.")
    document.refresh_from_db()
    assert (document.status, document.comment) == (DocumentStatus.NEEDS_CHANGES, "Page 2 is cut.")


def test_asking_for_changes_without_a_comment_is_refused(consultant_client, my_client, document):
    response = review(consultant_client, my_client, document, DocumentStatus.NEEDS_CHANGES)
    document.refresh_from_db()
    assert document.status == DocumentStatus.UPLOADED
    page = consultant_client.get(response["Location"])
    assert "Say what needs to change." in visible_text(page)


def test_reviewing_another_consultants_client_is_not_found(
    client, other_consultant, my_client, document
):
    log_in_verified(client, other_consultant)
    response = review(client, my_client, document, DocumentStatus.ACCEPTED)
    assert response.status_code == 404
    document.refresh_from_db()
    assert document.status == DocumentStatus.UPLOADED


def test_review_needs_a_post(consultant_client, my_client):
    url = reverse("admin:profiles_applicant_review_document", args=[my_client.pk])
    assert consultant_client.get(url).status_code == 405


def test_noc_editor_cannot_review(client, noc_editor, my_client, document):
    log_in_verified(client, noc_editor)
    assert review(client, my_client, document, DocumentStatus.ACCEPTED).status_code == 404


def _scenarios(consultant):
    """Clients at every status with records just inside and outside the windows."""
    made = []
    for days in (300, 340, 358, 364, 366, 400):  # profile submitted that many days ago
        case = CaseFactory(applicant=make_client_of(consultant), status=CaseStatus.IN_POOL)
        ProfileSubmissionFactory(case=case, submitted_on=days_ago(days))
        made.append(case)
    for days in (20, 29, 31, 53, 55, 60, 61):  # invited that many days ago
        made.append(invited(make_client_of(consultant), days_ago_invited=days).case)
    for letter, given in ((5, None), (25, None), (29, 27), (20, 21), (31, None)):
        case = CaseFactory(applicant=make_client_of(consultant), status=CaseStatus.SUBMITTED)
        DecisionStageFactory(case=case, kind=StageKind.BIOMETRICS_LETTER, on=days_ago(letter))
        if given is not None:
            DecisionStageFactory(case=case, kind=StageKind.BIOMETRICS_GIVEN, on=days_ago(given))
        made.append(case)
    for status in (CaseStatus.APPROVED, CaseStatus.PREPARING):
        made.append(CaseFactory(applicant=make_client_of(consultant), status=status))
    return made


@pytest.mark.parametrize("within", [7, 30])
def test_deadline_filter_agrees_with_the_case_selectors(consultant, consultant_client, within):
    cases = _scenarios(consultant)
    expected = {
        pk for pk, deadline in next_deadlines_for(
            applicants=[case.applicant for case in cases]
        ).items()
        if deadline and 0 <= deadline.days_left <= within
    }
    response = consultant_client.get(admin_url("changelist"),
                                     {"deadline": str(within), "all": ""})
    assert expected  # the scenarios do put some deadlines in each window
    assert listed(response) == expected


@pytest.fixture
def stored_file(settings, tmp_path, document):
    settings.MEDIA_ROOT = tmp_path
    upload = document.uploads.get()
    (tmp_path / "cases" / "x").mkdir(parents=True)
    (tmp_path / upload.file.name).write_bytes(b"%PDF-1.4 passport")
    return upload


def file_url(applicant, upload) -> str:
    return reverse("admin:profiles_applicant_document_file", args=[applicant.pk, upload.pk])


def test_consultant_downloads_their_clients_file(consultant_client, my_client, stored_file):
    response = consultant_client.get(file_url(my_client, stored_file))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 passport"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def test_superuser_downloads_any_clients_file(superuser_client, my_client, stored_file):
    assert superuser_client.get(file_url(my_client, stored_file)).status_code == 200


def test_another_consultants_file_is_not_found(client, other_consultant, my_client, stored_file):
    log_in_verified(client, other_consultant)
    assert client.get(file_url(my_client, stored_file)).status_code == 404


def test_a_file_of_another_client_is_not_found_through_ones_own_client(
    consultant, consultant_client, my_client, stored_file
):
    mine_too = make_client_of(consultant)
    assert consultant_client.get(file_url(mine_too, stored_file)).status_code == 404


def test_noc_editor_cannot_download(client, noc_editor, my_client, stored_file):
    log_in_verified(client, noc_editor)
    assert client.get(file_url(my_client, stored_file)).status_code == 404


def test_applicant_downloading_through_the_admin_is_sent_to_log_in(
    applicant_client, applicant, stored_file
):
    response = applicant_client.get(file_url(applicant, stored_file))
    assert response.status_code == 302


def test_client_page_links_the_consultant_to_the_case_steps(consultant_client, my_client):
    page = consultant_client.get(admin_url("change", my_client.pk))
    assert reverse("cases:client", args=[my_client.pk]) in page.content.decode()


def test_client_page_offers_no_case_steps_link_to_a_superuser(superuser_client, my_client):
    page = superuser_client.get(admin_url("change", my_client.pk))
    assert reverse("cases:client", args=[my_client.pk]) not in page.content.decode()
