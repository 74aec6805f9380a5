"""Every expiry watched: passports, status in Canada, the medical exam and police certificates,
with reminders on their own schedules (idempotent, day boundaries), the client list's filter on
stored columns, and the dashboard (maintained status flagged)."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases.enums import CaseStatus, DocumentStatus, StageKind
from cases.expiries import expiries_for
from cases.models import Case, ReminderSent
from cases.services import case_record_stage
from eligibility.rules.dates import add_years
from tests.admin.conftest import admin_url
from tests.auth import log_in_verified
from tests.cases.factories import (
    CaseFactory,
    DecisionStageFactory,
    DocumentItemFactory,
    as_applicant,
)
from tests.cases.personas import log_in_as
from tests.factories import SpouseFactory

pytestmark = pytest.mark.django_db

def run(day):
    call_command("send_reminders", f"--today={day.isoformat()}", stdout=open("/dev/null", "w"))  # noqa: SIM115


def expiry_mails(mailoutbox, what="Passport"):
    return [mail for mail in mailoutbox if mail.subject.startswith(f"{what} expires")]


@pytest.fixture
def case(eligible_applicant):
    return CaseFactory(applicant=eligible_applicant, status=CaseStatus.IN_POOL)


def with_passport(case, expires_on):
    applicant = case.applicant
    applicant.passport_issued_on = date(2017, 1, 1)
    applicant.passport_expires_on = expires_on
    applicant.save()
    return applicant


# ----- what expires -------------------------------------------------------------------------


def test_expiries_list_every_kind_soonest_first(case):
    applicant = with_passport(case, date(2027, 6, 1))
    applicant.status_in_canada, applicant.status_expires_on = "pgwp", date(2027, 2, 1)
    applicant.save()
    DecisionStageFactory(case=case, kind=StageKind.MEDICAL, on=date(2026, 3, 10))
    DocumentItemFactory(case=case, key="police_certificate:IN", kind="police_certificate",
                        subject="IN", issued_on=date(2026, 5, 1))
    found = [(expiry.kind, expiry.on) for expiry in expiries_for(applicant=applicant, case=case)]
    assert found == [("status", date(2027, 2, 1)), ("medical", date(2027, 3, 10)),
                     ("police_certificate", date(2027, 5, 1)), ("passport", date(2027, 6, 1))]


def test_the_spouses_passport_is_watched_too():
    spouse = SpouseFactory(passport_issued_on=date(2018, 1, 1),
                           passport_expires_on=date(2027, 1, 15))
    kinds = [expiry.kind for expiry in expiries_for(applicant=spouse.applicant)]
    assert kinds == ["spouse_passport"]


# ----- reminders ----------------------------------------------------------------------------

EXPIRES = date(2027, 3, 31)


@pytest.mark.parametrize(("days_before", "sent"), [
    (121, 0), (120, 1), (119, 1), (61, 1), (60, 1), (30, 1), (0, 1), (-1, 0),
])
def test_passport_reminder_day_boundaries(case, mailoutbox, days_before, sent):
    with_passport(case, EXPIRES)
    run(EXPIRES - timedelta(days=days_before))
    assert len(expiry_mails(mailoutbox)) == sent


def test_passport_reminders_once_per_threshold_and_idempotent(case, mailoutbox):
    with_passport(case, EXPIRES)
    for days_before in (120, 120, 100, 60, 59, 30, 30, 10):
        run(EXPIRES - timedelta(days=days_before))
    assert len(expiry_mails(mailoutbox)) == 3
    assert ReminderSent.objects.filter(key__startswith="expiry:passport").count() == 3


def test_a_renewed_passport_is_reminded_afresh(case, mailoutbox):
    with_passport(case, EXPIRES)
    run(EXPIRES - timedelta(days=30))
    with_passport(case, add_years(EXPIRES, 10))
    run(add_years(EXPIRES, 10) - timedelta(days=120))
    assert len(expiry_mails(mailoutbox)) == 2


def test_the_reminder_goes_to_the_person_and_their_consultant(case, mailoutbox):
    applicant = with_passport(case, EXPIRES)
    run(EXPIRES - timedelta(days=60))
    (mail,) = expiry_mails(mailoutbox)
    assert mail.to == [applicant.user.email, applicant.consultant.email]
    assert mail.subject == "Passport expires on 2027-03-31"
    assert "60 days" in mail.body


def test_the_permit_is_reminded_at_120_days(case, mailoutbox):
    applicant = case.applicant
    applicant.status_in_canada, applicant.status_expires_on = "pgwp", EXPIRES
    applicant.save()
    run(EXPIRES - timedelta(days=120))
    assert len(expiry_mails(mailoutbox, "Status in Canada (permit)")) == 1


@pytest.mark.parametrize(("days_before", "sent"), [(61, 0), (60, 1), (30, 1)])
def test_the_medical_exam_is_reminded_before_its_12_months(case, mailoutbox, days_before,
                                                           sent):
    DecisionStageFactory(case=case, kind=StageKind.MEDICAL, on=date(2026, 3, 31))
    run(date(2027, 3, 31) - timedelta(days=days_before))
    assert len(expiry_mails(mailoutbox, "Medical exam")) == sent


def test_a_police_certificate_is_reminded_by_its_issue_date(case, mailoutbox):
    DocumentItemFactory(case=case, key="police_certificate:IN", kind="police_certificate",
                        subject="IN", issued_on=date(2026, 3, 31))
    run(date(2027, 3, 31) - timedelta(days=30))
    assert len(expiry_mails(mailoutbox, "Police certificate")) == 1


# ----- stored for the list, and the filter --------------------------------------------------


def test_recording_a_medical_stores_its_expiry_on_the_case(eligible_applicant):
    case = CaseFactory(applicant=eligible_applicant, status=CaseStatus.SUBMITTED)
    medical_on = timezone.localdate() - timedelta(days=3)
    case_record_stage(access=as_applicant(case), kind=StageKind.MEDICAL, on=medical_on)
    assert Case.objects.get(pk=case.pk).documents_expire_on == add_years(medical_on, 1)


def review_url(item):
    return reverse("cases:review", args=[item.case_id, item.pk])


def test_the_consultant_notes_a_police_certificates_issue_date(client, case):
    item = DocumentItemFactory(case=case, key="police_certificate:CA", kind="police_certificate",
                               subject="CA", status=DocumentStatus.UPLOADED)
    log_in_as(client, "consultant", case)
    client.post(review_url(item), {"status": "accepted", "comment": "",
                                   "issued_on": "2026-06-01"})
    item.refresh_from_db()
    assert item.issued_on == date(2026, 6, 1)
    assert Case.objects.get(pk=case.pk).documents_expire_on == date(2027, 6, 1)


def test_a_bad_issue_date_is_refused_and_nothing_stored(client, case):
    item = DocumentItemFactory(case=case, key="police_certificate:CA", kind="police_certificate",
                               subject="CA", status=DocumentStatus.UPLOADED)
    log_in_as(client, "consultant", case)
    response = client.post(review_url(item), {"status": "accepted", "comment": "",
                                              "issued_on": "1800-01-01"})
    (row,) = [row for row in response.context["rows"] if row["item"].pk == item.pk]
    assert "Enter a date between" in str(row["review_form"].errors["issued_on"])
    item.refresh_from_db()
    assert (item.issued_on, item.status) == (None, DocumentStatus.UPLOADED)


@pytest.fixture
def consultant_admin(client, consultant):
    log_in_verified(client, consultant)
    return client


def listed(response) -> set[int]:
    return {row.pk for row in response.context["cl"].result_list}


@pytest.mark.parametrize(("days", "within_30", "within_90"), [
    (20, True, True), (60, False, True), (120, False, False), (-5, True, True),
])
def test_the_client_list_filters_on_something_expiring(consultant_admin, case, days, within_30,
                                                       within_90):
    with_passport(case, timezone.localdate() + timedelta(days=days))
    url = admin_url("changelist")
    assert (case.applicant.pk in listed(consultant_admin.get(url, {"expires": "30"}))) is within_30
    assert (case.applicant.pk in listed(consultant_admin.get(url, {"expires": "90"}))) is within_90


def test_the_client_list_filter_reads_the_cases_stored_document_expiry(consultant_admin, case):
    Case.objects.filter(pk=case.pk).update(
        documents_expire_on=timezone.localdate() + timedelta(days=10))
    response = consultant_admin.get(admin_url("changelist"), {"expires": "30"})
    assert listed(response) == {case.applicant.pk}


def test_the_client_list_filters_maintained_status(consultant_admin, case):
    case.applicant.status_in_canada = "maintained"
    case.applicant.save()
    response = consultant_admin.get(admin_url("changelist"), {"expires": "maintained"})
    assert listed(response) == {case.applicant.pk}


# ----- the dashboard ------------------------------------------------------------------------


def test_the_dashboard_shows_what_expires_soon(client, case):
    with_passport(case, timezone.localdate() + timedelta(days=45))
    log_in_as(client, "applicant", case)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Passport expires on" in html and "(in 45 days)" in html


def test_the_dashboard_flags_maintained_status(client, case):
    case.applicant.status_in_canada = "maintained"
    case.applicant.save()
    log_in_as(client, "applicant", case)
    assert "You are on maintained status" in client.get(reverse("dashboard")).content.decode()


def test_the_dashboard_leaves_out_expiries_far_away(client, case):
    with_passport(case, timezone.localdate() + timedelta(days=400))
    log_in_as(client, "applicant", case)
    assert "Passport expires" not in client.get(reverse("dashboard")).content.decode()
