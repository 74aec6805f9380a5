"""The list's actions: re-evaluate selected clients, export them to CSV — only ever the
consultant's own clients, whatever ids the request names."""

import csv
import io
from datetime import date

import pytest

from cases.enums import CaseStatus, DeadlineKind
from cases.models import Case
from profiles.enums import CecStatus
from profiles.models import Applicant
from tests.admin.conftest import admin_url, csv_body, make_client_of
from tests.cases.factories import CaseFactory, InvitationFactory, days_ago

pytestmark = pytest.mark.django_db


def run_action(client, action, *applicants, follow=False, **extra):
    return client.post(admin_url("changelist"), {
        "action": action, "_selected_action": [a.pk for a in applicants], **extra,
    }, follow=follow)


def test_export_has_a_header_and_the_evaluation_columns(consultant_client, my_client):
    rows = list(csv.reader(io.StringIO(csv_body(run_action(consultant_client, "export_csv",
                                                            my_client)))))
    header, row = rows
    assert header[:4] == ["family name", "given names", "preferred name", "email"]
    assert {"CEC verdict", "CRS", "qualifying hours", "earliest language test expiry"} <= set(
        header
    )
    assert row[header.index("CRS")] == str(my_client.crs_total)
    assert row[header.index("email")] == my_client.user.email


def test_export_gives_the_passport_names_and_status_in_canada(consultant_client, my_client):
    my_client.family_name, my_client.given_names = "Nguyen Tran", "Thi Mai"
    my_client.status_in_canada, my_client.status_expires_on = "pgwp", date(2027, 3, 31)
    my_client.save()
    header, row = list(csv.reader(io.StringIO(csv_body(
        run_action(consultant_client, "export_csv", my_client)))))
    assert row[:2] == ["Nguyen Tran", "Thi Mai"]
    assert row[header.index("status in Canada")] == "Post-graduation work permit (PGWP)"
    assert row[header.index("status expiry")] == "2027-03-31"


def test_export_falls_back_to_the_account_names_before_the_passport_names(
    consultant_client, my_client
):
    header, row = list(csv.reader(io.StringIO(csv_body(
        run_action(consultant_client, "export_csv", my_client)))))
    assert row[:2] == ["Client", "Mine"]


def test_export_holds_only_the_consultants_clients(consultant_client, my_client, their_client):
    response = run_action(consultant_client, "export_csv", my_client, their_client)
    body = csv_body(response)
    assert my_client.user.email in body
    assert their_client.user.email not in body


def test_export_of_every_client_across_pages_holds_only_the_consultants_clients(
    consultant_client, my_client, their_client
):
    response = run_action(consultant_client, "export_csv", my_client, select_across="1")
    body = csv_body(response)
    assert my_client.user.email in body
    assert their_client.user.email not in body


def test_export_writes_a_formula_like_name_as_text(consultant_client, my_client):
    my_client.user.first_name = "=HYPERLINK(1)"
    my_client.user.save()
    body = csv_body(run_action(consultant_client, "export_csv", my_client))
    assert "'=HYPERLINK(1)" in body


def test_reevaluate_selected_refreshes_the_stored_evaluation(consultant_client, my_client):
    Applicant.objects.filter(pk=my_client.pk).update(crs_total=1, cec_status=CecStatus.INCOMPLETE)
    response = run_action(consultant_client, "reevaluate_selected", my_client)
    assert response.status_code == 302
    my_client.refresh_from_db()
    assert my_client.crs_total == my_client.evaluation["crs"]["total"] != 1
    assert my_client.cec_status == CecStatus.ELIGIBLE


def test_reevaluate_selected_says_what_changed(consultant_client, my_client):
    Applicant.objects.filter(pk=my_client.pk).update(crs_total=1)
    response = run_action(consultant_client, "reevaluate_selected", my_client, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Re-evaluated 1 client. Verdicts changed: 0; CRS scores changed: 1."]


def test_reevaluate_selected_leaves_another_consultants_client_alone(
    consultant_client, their_client
):
    Applicant.objects.filter(pk=their_client.pk).update(crs_total=1)
    run_action(consultant_client, "reevaluate_selected", their_client)
    their_client.refresh_from_db()
    assert their_client.crs_total == 1


def test_export_has_the_case_status_and_next_deadline(consultant_client, my_client):
    case = CaseFactory(applicant=my_client, status=CaseStatus.INVITED)
    invitation = InvitationFactory(case=case, invited_on=days_ago(20))
    header, row = list(csv.reader(io.StringIO(csv_body(
        run_action(consultant_client, "export_csv", my_client)
    ))))
    assert row[header.index("case status")] == "Invited to apply"
    assert row[header.index("next deadline")] == invitation.deadline.isoformat()
    assert row[header.index("what is due")] == "Submit the application by"


def test_export_reads_the_deadline_stored_on_the_case(consultant_client, my_client):
    case = CaseFactory(applicant=my_client, status=CaseStatus.SUBMITTED)  # no record behind it
    Case.objects.filter(pk=case.pk).update(next_deadline_on=date(2026, 12, 1),
                                           next_deadline_kind=DeadlineKind.BIOMETRICS_DUE)
    header, row = list(csv.reader(io.StringIO(csv_body(
        run_action(consultant_client, "export_csv", my_client)
    ))))
    assert row[header.index("next deadline")] == "2026-12-01"
    assert row[header.index("what is due")] == "Give biometrics by"


def test_export_of_a_client_without_a_deadline_leaves_both_cells_empty(
    consultant_client, my_client
):
    header, row = list(csv.reader(io.StringIO(csv_body(
        run_action(consultant_client, "export_csv", my_client)
    ))))
    assert row[header.index("next deadline")] == row[header.index("what is due")] == ""


@pytest.mark.parametrize("rows", [1, 10])
def test_export_queries_do_not_grow_with_the_rows(
    consultant, consultant_client, django_assert_max_num_queries, rows
):
    clients = [make_client_of(consultant) for _ in range(rows)]
    with django_assert_max_num_queries(12):
        body = csv_body(run_action(consultant_client, "export_csv", *clients))
    assert len(body.strip().splitlines()) == 1 + rows  # the header and one line a client
    assert all(client.user.email in body for client in clients)


def test_export_asked_for_in_french_has_french_headers_and_labels(
    consultant_client, consultant, my_client
):
    consultant.language = "fr"  # the consultant reads the language of their account
    consultant.save(update_fields=["language"])
    response = consultant_client.post(admin_url("changelist"), {
        "action": "export_csv", "_selected_action": [my_client.pk],
    }, HTTP_ACCEPT_LANGUAGE="fr")
    header, row = list(csv.reader(io.StringIO(csv_body(response))))
    assert {"nom de famille", "prénoms", "courriel"} <= set(header)
    assert "heures admissibles" in header
    assert row[header.index("verdict CEC")] == "Admissible"
