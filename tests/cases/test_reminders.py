"""send_reminders: the right emails, each sent once."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from cases.enums import CaseStatus, DeadlineKind, StageKind
from cases.models import Case, ReminderSent
from cases.reminders import reminder_send_due
from tests.cases.conftest import make_eligible
from tests.cases.factories import (
    CaseFactory,
    DecisionStageFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
)
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db

ITA = date(2026, 10, 1)  # deadline 2026-11-30


@pytest.fixture
def invitation(eligible_applicant):
    return InvitationFactory(case__applicant=eligible_applicant, invited_on=ITA)


def run(day):
    call_command("send_reminders", f"--today={day.isoformat()}", stdout=open("/dev/null", "w"))  # noqa: SIM115


def ita_mails(mailoutbox):
    return [mail for mail in mailoutbox if "left to submit your application" in mail.subject]


@pytest.mark.parametrize("days_before", [30, 14, 7, 2])
def test_ita_deadline_reminder_on_each_threshold(invitation, mailoutbox, days_before):
    run(invitation.deadline - timedelta(days=days_before))
    (mail,) = ita_mails(mailoutbox)
    assert mail.subject == f"{days_before} days left to submit your application"
    assert "2026-11-30" in mail.body


def test_reminders_are_sent_once_when_run_twice_on_a_day(invitation, mailoutbox):
    day = invitation.deadline - timedelta(days=30)
    run(day)
    run(day)
    assert len(ita_mails(mailoutbox)) == 1


def test_no_ita_reminder_between_thresholds_once_sent(invitation, mailoutbox):
    run(invitation.deadline - timedelta(days=30))
    run(invitation.deadline - timedelta(days=29))
    run(invitation.deadline - timedelta(days=15))
    assert len(ita_mails(mailoutbox)) == 1


def test_no_ita_reminder_more_than_30_days_before(invitation, mailoutbox):
    run(invitation.deadline - timedelta(days=31))
    assert ita_mails(mailoutbox) == []


def test_a_missed_day_is_caught_up_once(invitation, mailoutbox):
    run(invitation.deadline - timedelta(days=12))  # the cron did not run on day 14
    run(invitation.deadline - timedelta(days=11))
    (mail,) = ita_mails(mailoutbox)
    assert mail.subject == "12 days left to submit your application"


def test_the_whole_countdown_sends_four_reminders(invitation, mailoutbox):
    for days_before in range(40, -3, -1):
        run(invitation.deadline - timedelta(days=days_before))
    assert len(ita_mails(mailoutbox)) == 4


def test_the_consultant_gets_the_reminder_too(invitation, mailoutbox, consultant):
    run(invitation.deadline - timedelta(days=7))
    (mail,) = ita_mails(mailoutbox)
    assert mail.to == [invitation.case.applicant.user.email, consultant.email]


def test_each_person_gets_the_reminder_in_their_own_language(invitation, mailoutbox, consultant):
    applicant_user = invitation.case.applicant.user
    applicant_user.language = "fr"
    applicant_user.save()
    run(invitation.deadline - timedelta(days=7))
    by_recipient = {tuple(mail.to): mail for mail in mailoutbox}
    assert set(by_recipient) == {(applicant_user.email,), (consultant.email,)}
    assert "30 novembre 2026" in by_recipient[(applicant_user.email,)].body
    assert "2026-11-30" in by_recipient[(consultant.email,)].body
    assert ReminderSent.objects.filter(case=invitation.case).count() == 1


def test_language_test_expiring_within_90_days_while_the_case_is_open(mailoutbox):
    applicant = make_eligible(ApplicantFactory(), test_taken_on=date(2025, 1, 10))
    ProfileSubmissionFactory(case__applicant=applicant, submitted_on=date(2026, 6, 1))
    run(date(2026, 11, 1))  # valid until 2027-01-09: 69 days
    (mail,) = [m for m in mailoutbox if "language test" in m.subject]
    assert mail.subject == "Your language test result expires on 2027-01-09"


def test_no_language_reminder_once_the_case_is_decided(mailoutbox):
    applicant = make_eligible(ApplicantFactory(), test_taken_on=date(2025, 1, 10))
    CaseFactory(applicant=applicant, status=CaseStatus.APPROVED)
    run(date(2026, 11, 1))
    assert mailoutbox == []


def test_pool_expiry_within_30_days(eligible_applicant, mailoutbox):
    profile = ProfileSubmissionFactory(case__applicant=eligible_applicant,
                                       submitted_on=date(2025, 12, 15))
    run(date(2026, 11, 20))  # expires 2026-12-15: 25 days
    (mail,) = [m for m in mailoutbox if "profile expires" in m.subject]
    assert profile.profile_number in mail.body


def test_no_pool_expiry_reminder_once_the_profile_has_expired(eligible_applicant, mailoutbox):
    ProfileSubmissionFactory(case__applicant=eligible_applicant, submitted_on=date(2025, 11, 1))
    run(date(2026, 11, 20))  # expired 2026-11-01
    assert [m for m in mailoutbox if "profile expires" in m.subject] == []


def test_biometrics_deadline_reminder(eligible_applicant, mailoutbox):
    case = CaseFactory(applicant=eligible_applicant, status=CaseStatus.SUBMITTED)
    DecisionStageFactory(case=case, kind=StageKind.BIOMETRICS_LETTER, on=date(2026, 10, 20))
    run(date(2026, 11, 12))  # due 2026-11-19: 7 days
    (mail,) = [m for m in mailoutbox if "biometrics" in m.subject]
    assert mail.subject == "Give your biometrics by 2026-11-19"


def test_a_deadline_reminder_opens_with_the_deadline_as_the_lists_show_it(
    invitation, mailoutbox
):
    run(invitation.deadline - timedelta(days=7))
    (mail,) = ita_mails(mailoutbox)
    assert mail.body.startswith("Submit the application by 2026-11-30 (in 7 days)\n")


def test_deadline_reminders_read_the_deadline_stored_on_the_case(eligible_applicant, mailoutbox):
    case = CaseFactory(applicant=eligible_applicant, status=CaseStatus.SUBMITTED)
    Case.objects.filter(pk=case.pk).update(next_deadline_on=date(2026, 11, 19),
                                           next_deadline_kind=DeadlineKind.BIOMETRICS_DUE)
    run(date(2026, 11, 12))
    (mail,) = [m for m in mailoutbox if "biometrics" in m.subject]
    assert mail.subject == "Give your biometrics by 2026-11-19"
    assert mail.body.startswith("Give biometrics by 2026-11-19 (in 7 days)\n")


def test_sent_reminders_are_recorded(invitation):
    sent = reminder_send_due(today=invitation.deadline - timedelta(days=2))
    assert sent == 1
    assert ReminderSent.objects.get().key == f"ita:{invitation.pk}:2"


def test_a_failed_email_is_not_recorded_and_is_tried_again(invitation, monkeypatch, mailoutbox):
    import smtplib

    def broken(**kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("cases.reminders.send_mail", broken)
    assert reminder_send_due(today=invitation.deadline - timedelta(days=2)) == 0
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert reminder_send_due(today=invitation.deadline - timedelta(days=2)) == 1


def test_a_catch_up_on_the_last_day_says_one_day(invitation, mailoutbox):
    run(invitation.deadline - timedelta(days=1))
    (mail,) = ita_mails(mailoutbox)
    assert mail.subject == "1 day left to submit your application"
