"""The emails the portal writes read in French when written in French: each line of the French
email that is the same in the English one must be a link, an address or a date (the email's
language itself is chosen by the sender: accounts.mail keeps the request's language)."""

import re
from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from cases.enums import CaseStatus, StageKind
from cases.reminders import reminders_due
from tests.cases.conftest import make_eligible
from tests.cases.factories import (
    ApplicationFactory,
    DecisionStageFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
)
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db

NOT_WORDS = re.compile(r"^(\S+://\S+|[\w.+-]+@[\w.-]+|[\W\d_]*)$")


def english_lines(write) -> list[str]:
    """Lines of ``write()``'s French text found as they are in its English text."""
    with translation.override("en"):
        english = set(write().splitlines())
    with translation.override("fr"):
        french = write().splitlines()
    return [line for line in french
            if line.strip() and line in english and not NOT_WORDS.match(line.strip())]


TEMPLATES = {
    "accounts/email/activate.txt": {"email": "ana@example.test",
                                    "link": "https://portal.example/accounts/activate/MQ/x/"},
    "accounts/email/already_registered.txt": {
        "email": "ana@example.test", "login_url": "https://portal.example/accounts/login/",
        "reset_url": "https://portal.example/accounts/password_reset/"},
    "registration/password_reset_email.html": {
        "email": "ana@example.test", "protocol": "https", "domain": "portal.example",
        "uid": "MQ", "token": "set-password"},
}


@pytest.mark.parametrize("template", TEMPLATES)
def test_account_emails(template):
    assert english_lines(lambda: render_to_string(template, TEMPLATES[template])) == []


def test_the_check_finds_an_english_line():
    def write():
        greeting = "Bonjour" if translation.get_language() == "fr" else "Hello"
        return f"{greeting}\nhttps://x.example/\nStill English"

    assert english_lines(write) == ["Still English"]


ITA = date(2026, 10, 1)  # application due 2026-11-30


@pytest.fixture
def invited():
    applicant = make_eligible(ApplicantFactory())
    return InvitationFactory(case__applicant=applicant, invited_on=ITA).case


def reminders_text(case, today, *kinds) -> str:
    due = reminders_due(case=case, today=today)
    assert {r.key.split(":")[0] for r in due} >= set(kinds), "the test's dates are wrong"
    return "\n".join(f"{reminder.subject}\n{reminder.body}" for reminder in due)


def test_the_application_deadline_reminder(invited):
    assert english_lines(lambda: reminders_text(invited, ITA + timedelta(days=53), "ita")) == []


def test_the_language_test_and_pool_reminders(db):
    applicant = make_eligible(ApplicantFactory(), test_taken_on=date(2024, 12, 1))
    profile = ProfileSubmissionFactory(case__applicant=applicant, submitted_on=date(2025, 12, 1))
    text = lambda: reminders_text(profile.case, date(2026, 11, 20), "language", "pool")  # noqa: E731
    assert english_lines(text) == []


def test_the_biometrics_reminder(invited):
    ApplicationFactory(case=invited, invitation=invited.invitations.get(),
                       submitted_on=ITA + timedelta(days=20))
    invited.status = CaseStatus.SUBMITTED
    invited.save()
    DecisionStageFactory(case=invited, kind=StageKind.BIOMETRICS_LETTER, on=ITA + timedelta(40))
    text = lambda: reminders_text(invited, ITA + timedelta(days=65), "biometrics")  # noqa: E731
    assert english_lines(text) == []
