"""The case steps in the workspace: case status and next deadline in the list, with filters
and search by profile and application number; the timeline and the document checklist, with
accept / needs changes, on the client page."""

import pytest
from django.urls import reverse

from cases.enums import CaseStatus, DeadlineKind, DocumentStatus, StageKind
from cases.models import Case, DocumentItem, Upload
from tests.admin.conftest import admin_url, make_client_of, visible_text
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


QUERIES_WITH_CASES = 13


@pytest.mark.parametrize("rows", [1, 10])
def test_list_queries_with_cases_do_not_grow_with_the_rows(
    consultant, consultant_client, django_assert_max_num_queries, rows
):
    for days in range(rows):
        invited(make_client_of(consultant), days_ago_invited=50 + days % 5)
    # The deadline filter and the column read the deadline stored on the case, with the row.
    with django_assert_max_num_queries(QUERIES_WITH_CASES):
        response = consultant_client.get(admin_url("changelist"), {"deadline": "30"})
    assert len(listed(response)) == rows


def test_the_list_opens_with_the_soonest_deadline_first_and_clients_without_one_last(
    consultant, consultant_client
):
    no_case_older = make_client_of(consultant)
    due_in_50_days = invited(make_client_of(consultant), days_ago_invited=10).case.applicant
    due_in_10_days = invited(make_client_of(consultant), days_ago_invited=50).case.applicant
    no_case_newer = make_client_of(consultant)
    response = consultant_client.get(admin_url("changelist"))
    order = [row.pk for row in response.context["cl"].result_list]
    assert order == [due_in_10_days.pk, due_in_50_days.pk, no_case_newer.pk, no_case_older.pk]


def test_client_page_shows_the_case_timeline(consultant_client, my_client):
    invitation = invited(my_client, days_ago_invited=5)
    invitation.case.transitions.create(from_status=CaseStatus.IN_POOL,
                                       to_status=CaseStatus.INVITED, note="Round 434")
    text = visible_text(consultant_client.get(admin_url("change", my_client.pk)))
    assert "Invitation to apply received" in text
    assert "Round 434" in text




def store_deadline(applicant, kind, on):
    """A case whose stored next deadline is ``kind`` on ``on``, with no record behind it: what
    the list shows can then only have come from the stored columns."""
    case = CaseFactory(applicant=applicant, status=CaseStatus.IN_POOL)
    Case.objects.filter(pk=case.pk).update(next_deadline_on=on, next_deadline_kind=kind)
    return case


def test_deadline_filter_reads_the_stored_deadline(consultant_client, my_client):
    store_deadline(my_client, DeadlineKind.POOL_EXPIRY, days_ago(-3))
    assert listed(consultant_client.get(admin_url("changelist"), {"deadline": "7"})) == {
        my_client.pk
    }


@pytest.mark.parametrize(("days_on", "within", "shown"), [
    (0, "7", True), (7, "7", True), (8, "7", False), (30, "30", True), (31, "30", False),
    (-1, "30", False),
])
def test_deadline_filter_counts_from_today_to_the_last_day_of_the_window(
    consultant_client, my_client, days_on, within, shown
):
    store_deadline(my_client, DeadlineKind.APPLICATION_DUE, days_ago(-days_on))
    response = consultant_client.get(admin_url("changelist"), {"deadline": within})
    assert (my_client.pk in listed(response)) is shown


@pytest.mark.parametrize(("kind", "label"), [
    (DeadlineKind.POOL_EXPIRY, "Profile expires from the pool"),
    (DeadlineKind.APPLICATION_DUE, "Submit the application by"),
    (DeadlineKind.BIOMETRICS_DUE, "Give biometrics by"),
])
def test_list_column_shows_the_stored_deadline_with_its_label(
    consultant_client, my_client, kind, label
):
    store_deadline(my_client, kind, days_ago(-12))
    text = visible_text(consultant_client.get(admin_url("changelist")))
    assert f"{label} {days_ago(-12).isoformat()} (in 12 days)" in text


def test_list_column_says_when_a_deadline_has_passed(consultant_client, my_client):
    store_deadline(my_client, DeadlineKind.APPLICATION_DUE, days_ago(2))
    text = visible_text(consultant_client.get(admin_url("changelist")))
    assert f"Submit the application by {days_ago(2).isoformat()} (passed 2 days ago)" in text


def sorted_by_deadline(client, descending=False) -> list[int]:
    columns = client.get(admin_url("changelist")).context["cl"].list_display
    order = f"{'-' if descending else ''}{columns.index('next_deadline')}"
    response = client.get(admin_url("changelist"), {"o": order})
    return [row.pk for row in response.context["cl"].result_list]


@pytest.fixture
def deadlines_in_order(consultant, my_client):
    """Clients whose next deadlines fall in 40, 5 and 20 days, one with a case but no
    deadline and one with no case (``my_client``)."""
    later = make_client_of(consultant)
    ProfileSubmissionFactory(case__applicant=later, submitted_on=days_ago(365 - 40))
    soon = invited(make_client_of(consultant), days_ago_invited=55).case.applicant
    between = make_client_of(consultant)
    DecisionStageFactory(case__applicant=between, kind=StageKind.BIOMETRICS_LETTER,
                         on=days_ago(10))
    no_deadline = make_client_of(consultant)
    CaseFactory(applicant=no_deadline, status=CaseStatus.APPROVED)
    return soon, between, later, no_deadline, my_client


def test_list_sorts_by_next_deadline_soonest_first_and_none_last(
    consultant_client, deadlines_in_order
):
    soon, between, later, *without = deadlines_in_order
    found = sorted_by_deadline(consultant_client)
    assert found[:3] == [soon.pk, between.pk, later.pk]
    assert set(found[3:]) == {applicant.pk for applicant in without}


def test_list_sorts_by_next_deadline_latest_first_and_none_still_last(
    consultant_client, deadlines_in_order
):
    soon, between, later, *without = deadlines_in_order
    found = sorted_by_deadline(consultant_client, descending=True)
    assert found[:3] == [later.pk, between.pk, soon.pk]
    assert set(found[3:]) == {applicant.pk for applicant in without}


@pytest.mark.parametrize("rows", [1, 10])
def test_list_sorted_by_deadline_queries_do_not_grow_with_the_rows(
    consultant, consultant_client, django_assert_max_num_queries, rows
):
    for days in range(rows):
        invited(make_client_of(consultant), days_ago_invited=50 + days % 5)
    columns = consultant_client.get(admin_url("changelist")).context["cl"].list_display
    with django_assert_max_num_queries(QUERIES_WITH_CASES):
        response = consultant_client.get(
            admin_url("changelist"), {"o": str(columns.index("next_deadline")), "deadline": "30"}
        )
    assert len(listed(response)) == rows


def test_client_page_links_the_consultant_to_the_case_steps(consultant_client, my_client):
    page = consultant_client.get(admin_url("change", my_client.pk))
    assert reverse("cases:client", args=[my_client.pk]) in page.content.decode()


def test_client_page_offers_no_case_steps_link_to_a_superuser(superuser_client, my_client):
    page = superuser_client.get(admin_url("change", my_client.pk))
    assert reverse("cases:client", args=[my_client.pk]) not in page.content.decode()


def test_client_page_checklist_is_read_only(consultant_client, my_client, document):
    page = consultant_client.get(admin_url("change", my_client.pk)).content.decode()
    assert "passport.pdf" in page
    assert 'name="review"' not in page
    assert "/documents/file/" not in page


def test_client_page_sends_the_consultant_to_the_documents_page(
    consultant_client, my_client, document
):
    page = consultant_client.get(admin_url("change", my_client.pk)).content.decode()
    assert reverse("cases:documents", args=[document.case.pk]) in page


def test_client_page_offers_the_documents_page_to_the_clients_consultant_only(
    superuser_client, my_client, document
):
    page = superuser_client.get(admin_url("change", my_client.pk)).content.decode()
    assert reverse("cases:documents", args=[document.case.pk]) not in page
