"""A person's own data: the archive of everything held about them, and deleting the account
(rows, files and audit trail gone; one dated record of the deletion kept; consultant told)."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.access import access_to
from cases.documents.services import document_upload
from cases.enums import CaseStatus
from cases.models import Case, CaseTransition, DocumentItem, Upload
from cases.thread.services import message_send
from consultants.models import ConsultantNote
from profiles.evaluation import applicant_reevaluate
from profiles.models import AccountDeletion, Applicant, Job, LanguageTest, User
from profiles.selectors import facts_for_applicant
from tests.cases.factories import (
    ApplicationFactory,
    CaseFactory,
    DecisionStageFactory,
    DocumentItemFactory,
)
from tests.cases.samples import PDF
from tests.factories import PASSWORD, ApplicantFactory, JobFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("my_data_export")
DELETE = reverse("account_delete")
PAGE = reverse("my_data")


@pytest.fixture
def full_case(eligible_applicant, consultant):
    """A case that has been through every step, with a checklist item, a file and a note."""
    case = CaseFactory(applicant=eligible_applicant, status=CaseStatus.SUBMITTED)
    ApplicationFactory(case=case)
    DecisionStageFactory(case=case)
    CaseTransition.objects.create(case=case, from_status="invited", to_status="submitted")
    item = DocumentItemFactory(case=case)
    upload = document_upload(
        access=access_to(case=item.case, user=eligible_applicant.user), item=item,
        file=SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
    )
    ConsultantNote.objects.create(applicant=eligible_applicant, author=consultant, body="Call")
    job = eligible_applicant.jobs.get()
    job.employer = "Maple Software Inc. (renamed)"
    job.save()  # a second history row
    applicant_reevaluate(applicant=eligible_applicant)
    LogEntry.objects.create(
        user=consultant, content_type=ContentType.objects.get_for_model(Applicant),
        object_id=str(eligible_applicant.pk), object_repr=str(eligible_applicant),
        action_flag=CHANGE,
    )
    return case, upload


def archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


# ----- the archive --------------------------------------------------------------------------


def test_the_owner_downloads_their_data_as_a_zip(owner_client, full_case):
    response = owner_client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_the_archive_holds_the_facts_json(owner_client, full_case, eligible_applicant):
    facts = json.loads(archive(owner_client.get(EXPORT)).read("facts.json"))
    assert facts == facts_for_applicant(applicant=eligible_applicant)


def test_the_archive_holds_every_answer_the_facts_leave_out(owner_client, full_case):
    answers = json.loads(archive(owner_client.get(EXPORT)).read("answers.json"))
    assert answers["jobs"][0]["employer"] == "Maple Software Inc. (renamed)"
    assert answers["account"]["email"].endswith("@example.test")
    assert "password" not in answers["account"]


def test_the_archive_leaves_out_the_portals_bookkeeping(owner_client, full_case,
                                                      eligible_applicant):
    Applicant.objects.filter(pk=eligible_applicant.pk).update(evaluated_from="f" * 32)
    answers = json.loads(archive(owner_client.get(EXPORT)).read("answers.json"))
    assert "evaluated_from" not in answers["applicant"]
    assert answers["applicant"]["id"] == eligible_applicant.pk


def test_the_archive_holds_the_latest_evaluation(owner_client, full_case, eligible_applicant):
    evaluation = json.loads(archive(owner_client.get(EXPORT)).read("evaluation.json"))
    eligible_applicant.refresh_from_db()
    assert evaluation["result"] == json.loads(json.dumps(eligible_applicant.evaluation))
    assert evaluation["result"]["crs"]["total"] > 0


def test_the_archive_holds_the_case_steps_timeline_and_checklist(owner_client, full_case):
    case = json.loads(archive(owner_client.get(EXPORT)).read("case.json"))
    assert case["status"] == CaseStatus.SUBMITTED
    assert len(case["steps"]["applications"]) == 1
    assert len(case["steps"]["decision_stages"]) == 1
    assert case["timeline"][0]["to_status"] == "submitted"
    assert case["checklist"][0]["files"][0]["name"] == "letter.pdf"
    assert "recorded_by_id" not in case["steps"]["applications"][0]


def test_the_archive_holds_each_uploaded_file(owner_client, full_case):
    _case, upload = full_case
    zipped = archive(owner_client.get(EXPORT))
    assert zipped.read(f"files/{upload.pk}-letter.pdf") == PDF


@pytest.fixture
def message(full_case, eligible_applicant):
    case, _upload = full_case
    access = access_to(case=case, user=eligible_applicant.user)
    return message_send(access=access, body="The second page is here",
                        file=SimpleUploadedFile("page2.pdf", PDF))


def test_the_archive_holds_the_messages_and_their_files(owner_client, message):
    zipped = archive(owner_client.get(EXPORT))
    (written,) = json.loads(zipped.read("case.json"))["messages"]
    assert (written["from"], written["text"]) == ("you", "The second page is here")
    assert zipped.read(written["file"]) == PDF


def test_deleting_removes_message_files_and_their_folder(
    owner_client, message, django_capture_on_commit_callbacks
):
    path = Path(message.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        delete(owner_client)
    assert not path.exists()
    assert not path.parent.exists()
    assert not path.parent.parent.exists()  # the case's folder too


def test_another_applicant_downloads_only_their_own_data(outsider_client, full_case):
    zipped = archive(outsider_client.get(EXPORT))
    assert json.loads(zipped.read("case.json")) is None
    assert json.loads(zipped.read("answers.json"))["jobs"] == []
    assert not [name for name in zipped.namelist() if name.startswith("files/")]


def test_export_redirects_an_anonymous_visitor_to_log_in(client):
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_export_is_404_for_a_user_without_an_applicant_record(consultant_client):
    assert consultant_client.get(EXPORT).status_code == 404


# ----- the page -----------------------------------------------------------------------------


def test_the_data_page_offers_the_download_and_the_deletion(owner_client):
    html = owner_client.get(PAGE).content.decode()
    assert f'href="{EXPORT}"' in html
    assert f'action="{DELETE}"' in html


def test_the_data_page_redirects_an_anonymous_visitor(client):
    assert client.get(PAGE).status_code == 302


def test_the_data_page_is_404_for_a_user_without_an_applicant_record(consultant_client):
    assert consultant_client.get(PAGE).status_code == 404


# ----- deleting -----------------------------------------------------------------------------


def delete(client, password=PASSWORD, **kwargs):
    return client.post(DELETE, {"password": password}, **kwargs)


def test_a_wrong_password_deletes_nothing_and_says_so_next_to_the_field(
    owner_client, full_case, eligible_applicant
):
    response = delete(owner_client, "not-my-password")
    form = response.context["delete_form"]
    assert form.errors["password"] == ["This is not your password; nothing was deleted."]
    assert 'id="error_1_id_password"' in response.content.decode()
    assert Applicant.objects.filter(pk=eligible_applicant.pk).exists()
    assert not AccountDeletion.objects.exists()


def test_deleting_removes_every_row_of_the_person(
    owner_client, full_case, eligible_applicant, django_capture_on_commit_callbacks
):
    user_pk = eligible_applicant.user_id
    with django_capture_on_commit_callbacks(execute=True):
        response = delete(owner_client)
    assert response["Location"] == reverse("home")
    assert not User.objects.filter(pk=user_pk).exists()
    for model in (Applicant, Job, LanguageTest, Case, CaseTransition, DocumentItem, Upload,
                  ConsultantNote):
        assert not model.objects.exists(), model


def test_deleting_removes_the_persons_audit_trail_and_keeps_one_dated_record(
    owner_client, full_case, eligible_applicant
):
    applicant_pk = eligible_applicant.pk
    assert Job.history.exists()
    delete(owner_client)
    for model in (Applicant, Job, LanguageTest, Case, DocumentItem, Upload, ConsultantNote):
        assert not model.history.exists(), model
    assert not LogEntry.objects.filter(object_id=str(applicant_pk)).exists()
    assert list(AccountDeletion.objects.values_list("deleted_on", flat=True)) == [
        timezone.localdate()
    ]


def test_deleting_removes_the_persons_files_once_committed(
    owner_client, full_case, django_capture_on_commit_callbacks
):
    _case, upload = full_case
    path = Path(upload.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        delete(owner_client)
    assert not path.exists()
    assert not path.parent.exists()


def test_the_consultant_is_emailed_without_the_persons_details(
    owner_client, full_case, consultant, eligible_applicant, django_capture_on_commit_callbacks
):
    email = eligible_applicant.user.email
    with django_capture_on_commit_callbacks(execute=True):
        delete(owner_client)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [consultant.email]
    assert "deleted their CEC Portal account" in sent.body
    assert email not in sent.body + sent.subject
    assert timezone.localdate().isoformat() in sent.body


def test_deleting_logs_the_person_out(owner_client, full_case):
    delete(owner_client)
    assert owner_client.get(reverse("dashboard")).status_code == 302


def test_deleting_leaves_other_applicants_and_their_history_alone(owner_client, full_case):
    other = ApplicantFactory()
    JobFactory(applicant=other)
    delete(owner_client)
    assert Job.objects.get().applicant == other
    assert Job.history.filter(applicant_id=other.pk).exists()
    assert Applicant.history.filter(id=other.pk).exists()


def test_another_applicant_cannot_delete_the_owner_with_the_owners_password(
    client, full_case, eligible_applicant
):
    stranger = ApplicantFactory()
    stranger.user.set_password("their-own-password-99")
    stranger.user.save()
    client.force_login(stranger.user)
    response = delete(client, PASSWORD)
    assert "This is not your password" in response.content.decode()
    assert Applicant.objects.filter(pk__in=[eligible_applicant.pk, stranger.pk]).count() == 2


def test_delete_redirects_an_anonymous_visitor_and_deletes_nothing(client, full_case):
    assert delete(client).status_code == 302
    assert Applicant.objects.exists()
    assert not AccountDeletion.objects.exists()


def test_delete_is_404_for_a_user_without_an_applicant_record(consultant_client, full_case):
    assert delete(consultant_client).status_code == 404
    assert Applicant.objects.exists()


def test_delete_refuses_a_get(owner_client):
    assert owner_client.get(DELETE).status_code == 405
