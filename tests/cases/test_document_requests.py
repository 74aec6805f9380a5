"""Document requests: the consultant adds any document to a client's checklist (the client is
told, reminders come before its due date); anyone on the case adds a country for a police
certificate; the spouse's police certificates are listed by default; rebuilds keep them all."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases.documents.checklist import checklist_for
from cases.documents.services import case_rebuild_checklist
from cases.enums import CaseStatus, DocumentStatus, NotificationKind
from cases.errors import ALREADY_LISTED, DUE_IN_PAST
from cases.models import DocumentItem, Notification, ReminderSent
from tests.cases.factories import CaseFactory, DocumentItemFactory, as_applicant
from tests.cases.personas import STRANGERS, is_login_redirect, log_in_as
from tests.factories import ApplicantFactory, JobFactory, SpouseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(eligible_applicant):
    return CaseFactory(applicant=eligible_applicant, status=CaseStatus.INVITED)


def request_url(case):
    return reverse("cases:request", args=[case.pk])


def country_url(case):
    return reverse("cases:police_country", args=[case.pk])


def in_ten_days():
    return timezone.localdate() + timedelta(days=10)


REQUEST = {"title": "Police certificate: spouse, India", "instructions": "Issued after 2024",
           "due_on": ""}


def test_consultant_request_adds_the_document_with_what_it_must_show_and_its_date(
    client, case
):
    log_in_as(client, "consultant", case)
    response = client.post(request_url(case), {**REQUEST, "due_on": in_ten_days().isoformat()})
    assert response["Location"] == reverse("cases:documents", args=[case.pk])
    item = DocumentItem.objects.get(case=case, kind="requested")
    assert (item.title, item.detail, item.due_on) == (
        "Police certificate: spouse, India", "Issued after 2024", in_ten_days())
    assert (item.added, item.added_by, item.status) == (
        True, case.applicant.consultant, DocumentStatus.MISSING)


def test_request_emails_the_client_a_link_and_nothing_personal(
    client, case, mailoutbox, django_capture_on_commit_callbacks
):
    log_in_as(client, "consultant", case)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(request_url(case), REQUEST)
    (mail,) = mailoutbox
    item = DocumentItem.objects.get(case=case, kind="requested")
    assert mail.to == [case.applicant.user.email]
    assert mail.subject == "A document was requested on your file"
    assert f"/case/{case.pk}/documents/#item-{item.pk}" in mail.body
    assert "India" not in mail.body and "India" not in mail.subject


def test_request_puts_a_notification_on_the_clients_dashboard(client, case):
    log_in_as(client, "consultant", case)
    client.post(request_url(case), REQUEST)
    notification = Notification.objects.get(user=case.applicant.user)
    assert notification.kind == NotificationKind.DOCUMENT_REQUESTED
    assert notification.item.title == REQUEST["title"]


def test_a_due_date_in_the_past_is_refused_and_nothing_added(client, case):
    log_in_as(client, "consultant", case)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(request_url(case), {**REQUEST, "due_on": yesterday.isoformat()})
    assert str(DUE_IN_PAST) in response.content.decode()
    assert not DocumentItem.objects.filter(case=case).exists()


def test_the_applicant_cannot_request_a_document(client, case):
    log_in_as(client, "applicant", case)
    assert client.post(request_url(case), REQUEST).status_code == 403
    assert not DocumentItem.objects.exists()


@pytest.mark.parametrize("persona", STRANGERS)
def test_a_stranger_cannot_request_a_document(client, case, persona):
    log_in_as(client, persona, case)
    assert client.post(request_url(case), REQUEST).status_code == 404
    assert not DocumentItem.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in_by_request(client, case):
    assert is_login_redirect(client.post(request_url(case), REQUEST))
    assert not DocumentItem.objects.exists()


def test_a_rebuild_keeps_requested_documents_and_added_countries(client, case):
    log_in_as(client, "consultant", case)
    client.post(request_url(case), REQUEST)
    client.post(country_url(case), {"country": "IN"})
    case_rebuild_checklist(access=as_applicant(case))
    keys = set(case.documents.values_list("key", flat=True))
    assert "police_certificate:IN" in keys
    assert any(key.startswith("requested:") for key in keys)
    assert "passport" in keys  # the built checklist is there too


@pytest.mark.parametrize("persona", ["applicant", "consultant"])
def test_the_applicant_or_consultant_adds_a_country_for_a_police_certificate(
    client, case, persona
):
    log_in_as(client, persona, case)
    client.post(country_url(case), {"country": "IN"})
    item = DocumentItem.objects.get(case=case, key="police_certificate:IN")
    assert item.title == "Police certificate: India"
    assert item.added


def test_a_country_already_listed_is_refused(client, case):
    case_rebuild_checklist(access=as_applicant(case))  # lists Canada
    log_in_as(client, "applicant", case)
    before = case.documents.count()
    response = client.post(country_url(case), {"country": "CA"})
    assert str(ALREADY_LISTED % {"country": "Canada"}) in response.content.decode()
    assert case.documents.count() == before


@pytest.mark.parametrize("persona", STRANGERS)
def test_a_stranger_cannot_add_a_country(client, case, persona):
    log_in_as(client, persona, case)
    assert client.post(country_url(case), {"country": "IN"}).status_code == 404
    assert not DocumentItem.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in_by_add_country(client, case):
    assert is_login_redirect(client.post(country_url(case), {"country": "IN"}))


def test_the_spouse_can_have_a_country_added_of_their_own(client):
    spouse = SpouseFactory()
    case = CaseFactory(applicant=spouse.applicant)
    log_in_as(client, "applicant", case)
    client.post(country_url(case), {"country": "IN", "spouse": "on"})
    item = DocumentItem.objects.get(case=case, key="spouse_police_certificate:IN")
    assert item.title == "Spouse or partner: police certificate: India"


def test_the_checklist_lists_the_spouses_police_certificates_by_default():
    spouse = SpouseFactory()
    JobFactory(applicant=spouse.applicant, person="spouse", country="FR")
    keys = [entry.key for entry in checklist_for(applicant=spouse.applicant, result=None)]
    assert "spouse_police_certificate:CA" in keys
    assert "spouse_police_certificate:FR" in keys


def test_a_single_person_has_no_spouse_police_certificate():
    keys = [entry.key for entry in checklist_for(applicant=ApplicantFactory(), result=None)]
    assert not [key for key in keys if key.startswith("spouse_police")]


# ----- reminders before the due date --------------------------------------------------------

DUE = date(2026, 12, 20)


def run(day):
    call_command("send_reminders", f"--today={day.isoformat()}", stdout=open("/dev/null", "w"))  # noqa: SIM115


def request_mails(mailoutbox):
    return [mail for mail in mailoutbox if "A document is due" in mail.subject]


@pytest.fixture
def requested(case):
    return DocumentItemFactory(case=case, key="requested:abc", kind="requested",
                               subject="Bank letter", added=True, due_on=DUE)


@pytest.mark.parametrize(("days_before", "sent"), [(8, 0), (7, 1), (3, 1), (2, 1), (0, 1)])
def test_request_reminder_day_boundaries(requested, mailoutbox, days_before, sent):
    run(DUE - timedelta(days=days_before))
    assert len(request_mails(mailoutbox)) == sent


def test_request_reminder_says_the_days_left_and_goes_to_client_and_consultant(
    requested, mailoutbox
):
    run(DUE - timedelta(days=7))
    (mail,) = request_mails(mailoutbox)
    assert mail.subject == "A document is due in 7 days"
    assert "2026-12-20" in mail.body and "Bank letter" not in mail.body
    applicant = requested.case.applicant
    assert mail.to == [applicant.user.email, applicant.consultant.email]


def test_request_reminders_are_idempotent_and_one_per_threshold(requested, mailoutbox):
    for days_before in (7, 7, 6, 3, 2, 2, 1):
        run(DUE - timedelta(days=days_before))
    assert len(request_mails(mailoutbox)) == 2
    assert set(ReminderSent.objects.values_list("key", flat=True)) == {
        f"request:{requested.pk}:7", f"request:{requested.pk}:2"}


def test_no_request_reminder_after_the_due_date(requested, mailoutbox):
    run(DUE + timedelta(days=1))
    assert request_mails(mailoutbox) == []


def test_no_request_reminder_once_uploaded(requested, mailoutbox):
    requested.status = DocumentStatus.UPLOADED
    requested.save()
    run(DUE - timedelta(days=2))
    assert request_mails(mailoutbox) == []


def test_a_sent_back_request_is_reminded_again(requested, mailoutbox):
    requested.status = DocumentStatus.NEEDS_CHANGES
    requested.save()
    run(DUE - timedelta(days=2))
    assert len(request_mails(mailoutbox)) == 1
