"""Messages on the case: a thread between the applicant and their consultant, attachments
checked like uploads and served only to the two of them, unread counts marked read by a POST,
an email to the other party with a link and nothing personal, private notes kept out."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.mail import recipient_language
from cases.documents.uploads import WRONG_TYPE
from cases.enums import CaseStatus
from cases.models import Message
from cases.thread.selectors import unread_by_client, unread_count
from consultants.models import ConsultantNote
from tests.cases.factories import CaseFactory
from tests.cases.personas import PERSONAS, STRANGERS, is_login_redirect, log_in_as
from tests.cases.samples import PDF

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def case(eligible_applicant):
    return CaseFactory(applicant=eligible_applicant, status=CaseStatus.PREPARING)


def thread_url(case):
    return reverse("cases:messages", args=[case.pk])


def read_url(case):
    return reverse("cases:messages_read", args=[case.pk])


def file_url(message):
    return reverse("cases:message_file", args=[message.case_id, message.pk])


def write(case, author, body="Hello", **fields):
    return Message.objects.create(case=case, author=author, body=body, **fields)


def with_file(client, case, persona="applicant"):
    log_in_as(client, persona, case)
    client.post(thread_url(case), {"body": "Here it is",
                                   "file": SimpleUploadedFile("letter.pdf", PDF)})
    return Message.objects.get(case=case)


# ----- who may read and write ---------------------------------------------------------------


@pytest.mark.parametrize("persona", ["applicant", "consultant"])
def test_each_party_reads_the_thread(client, case, persona):
    write(case, case.applicant.user, "About my reference letter")
    log_in_as(client, persona, case)
    assert "About my reference letter" in client.get(thread_url(case)).content.decode()


@pytest.mark.parametrize("persona", STRANGERS)
def test_a_stranger_gets_404_for_the_thread(client, case, persona):
    log_in_as(client, persona, case)
    assert client.get(thread_url(case)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_by_the_thread(client, case):
    assert is_login_redirect(client.get(thread_url(case)))


@pytest.mark.parametrize("persona", ["applicant", "consultant"])
def test_each_party_writes_to_the_thread(client, case, persona):
    log_in_as(client, persona, case)
    response = client.post(thread_url(case), {"body": "  Done, see the upload.  "})
    assert response["Location"] == thread_url(case)
    message = Message.objects.get(case=case)
    assert (message.body, message.read_at) == ("Done, see the upload.", None)
    assert message.author == (case.applicant.user if persona == "applicant"
                              else case.applicant.consultant)


@pytest.mark.parametrize("persona", STRANGERS)
def test_a_stranger_cannot_write_to_the_thread(client, case, persona):
    log_in_as(client, persona, case)
    assert client.post(thread_url(case), {"body": "Hi"}).status_code == 404
    assert not Message.objects.exists()


def test_an_anonymous_visitor_cannot_write_to_the_thread(client, case):
    assert is_login_redirect(client.post(thread_url(case), {"body": "Hi"}))
    assert not Message.objects.exists()


def test_an_htmx_post_returns_only_the_thread(client, case):
    log_in_as(client, "applicant", case)
    html = client.post(thread_url(case), {"body": "Quick question"}, **HTMX).content.decode()
    assert html.startswith('<div id="thread">') and "Quick question" in html
    assert "<html" not in html


def test_an_empty_message_is_refused(client, case):
    log_in_as(client, "applicant", case)
    response = client.post(thread_url(case), {"body": "   "})
    assert response.status_code == 200
    assert not Message.objects.exists()


# ----- attachments --------------------------------------------------------------------------


def test_a_pdf_is_attached_with_its_checked_type(client, case):
    message = with_file(client, case)
    assert (message.original_name, message.content_type, message.size) == (
        "letter.pdf", "application/pdf", len(PDF))


def test_a_file_that_is_not_a_document_is_refused_and_nothing_stored(client, case):
    log_in_as(client, "applicant", case)
    response = client.post(thread_url(case), {
        "body": "See attached", "file": SimpleUploadedFile("run.pdf", b"MZ\x90\x00" * 100)})
    assert str(WRONG_TYPE) in response.content.decode()
    assert not Message.objects.exists()


@pytest.mark.parametrize("persona", ["applicant", "consultant"])
def test_each_party_downloads_the_attachment(client, case, persona):
    message = with_file(client, case)
    client.logout()
    log_in_as(client, persona, case)
    response = client.get(file_url(message))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("persona", STRANGERS)
def test_a_stranger_gets_404_for_the_attachment(client, case, persona):
    message = with_file(client, case)
    client.logout()
    log_in_as(client, persona, case)
    assert client.get(file_url(message)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_by_the_attachment(client, case):
    message = with_file(client, case)
    client.logout()
    assert is_login_redirect(client.get(file_url(message)))


def test_a_message_of_another_case_is_404_under_this_case(client, case):
    other = CaseFactory()
    log_in_as(client, "applicant", case)
    client.post(thread_url(case), {"body": "x", "file": SimpleUploadedFile("a.pdf", PDF)})
    message = Message.objects.get()
    url = reverse("cases:message_file", args=[other.pk, message.pk])
    client.force_login(other.applicant.user)
    assert client.get(url).status_code == 404


# ----- unread counts ------------------------------------------------------------------------


def test_unread_counts_only_the_other_partys_messages(case):
    consultant, applicant = case.applicant.consultant, case.applicant.user
    write(case, consultant)
    write(case, consultant)
    write(case, applicant)
    assert unread_count(user=applicant, case=case) == 2
    assert unread_count(user=consultant, case=case) == 1


def test_reading_the_thread_does_not_mark_it_read(client, case):
    write(case, case.applicant.consultant)
    log_in_as(client, "applicant", case)
    html = client.get(thread_url(case)).content.decode()
    assert "1 unread" in html
    assert Message.objects.get().read_at is None  # a GET never writes


def test_the_read_post_marks_only_the_other_partys_messages(client, case):
    theirs = write(case, case.applicant.consultant)
    mine = write(case, case.applicant.user)
    log_in_as(client, "applicant", case)
    assert client.post(read_url(case), **HTMX).status_code == 204
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.read_at is not None and mine.read_at is None


@pytest.mark.parametrize("persona", PERSONAS[2:])
def test_only_the_parties_can_mark_the_thread_read(client, case, persona):
    write(case, case.applicant.consultant)
    log_in_as(client, persona, case)
    response = client.post(read_url(case))
    assert response.status_code == 404 or is_login_redirect(response)
    assert Message.objects.get().read_at is None


def test_the_case_page_shows_the_unread_count(client, case):
    write(case, case.applicant.consultant)
    log_in_as(client, "applicant", case)
    assert "1 unread" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_unread_by_client_lists_the_consultants_clients_only(case):
    write(case, case.applicant.user)
    other = CaseFactory()
    write(other, other.applicant.user)
    assert unread_by_client(consultant=case.applicant.consultant) == [
        {"case_id": case.pk, "case__applicant_id": case.applicant.pk, "count": 1}]


# ----- email and privacy --------------------------------------------------------------------


def test_the_other_party_is_emailed_a_link_without_the_text(
    client, case, mailoutbox, django_capture_on_commit_callbacks
):
    log_in_as(client, "applicant", case)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread_url(case), {"body": "My passport number is C1234567"})
    (mail,) = mailoutbox
    assert mail.to == [case.applicant.consultant.email]
    assert mail.subject == "New message on your file"
    assert f"/case/{case.pk}/messages/" in mail.body
    assert "C1234567" not in mail.body


def test_the_consultants_message_is_emailed_to_the_applicant(
    client, case, mailoutbox, django_capture_on_commit_callbacks
):
    log_in_as(client, "consultant", case)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread_url(case), {"body": "Please resend"})
    assert [mail.to for mail in mailoutbox] == [[case.applicant.user.email]]


@pytest.mark.parametrize(("chosen", "used"), [("fr", "fr"), ("", "en"), ("de", "en")])
def test_the_email_language_is_the_recipients_once_known(chosen, used):
    assert recipient_language(SimpleNamespace(language=chosen)) == used


def test_private_consultant_notes_never_reach_the_thread(client, case):
    ConsultantNote.objects.create(applicant=case.applicant, author=case.applicant.consultant,
                                  body="Client seems unsure about dates")
    log_in_as(client, "applicant", case)
    assert "unsure about dates" not in client.get(thread_url(case)).content.decode()
