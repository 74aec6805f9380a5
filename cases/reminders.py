"""Reminder emails (run daily by celery beat on a worker, or by ``manage.py send_reminders``).

What is due: the ITA deadline at 30, 14, 7 and 2 days; a requested document at 7 and 2 days
before its due date; passports, the permit, the medical exam and police certificates
(``cases.expiries``); a language test result that expires
within 90 days while the case is open; the pool expiry within 30 days; the biometrics deadline
at 14, 7 and 2 days. Each reminder has a key, recorded in ``ReminderSent`` when its email goes
out, so a second run on the same day — or a later run for the same threshold — sends nothing.
A missed day is caught up: the reminder for the nearest threshold already reached is sent once.

The deadline reminders read the case's stored next deadline (``cases.deadlines``): what it is
and when. The profile or invitation is read only for what the email names (its number, the ITA
date) and for the reminder's key.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases import expiries
from cases.deadlines import Deadline, next_deadline, pool_expiry_near
from cases.enums import DECIDED, DeadlineKind, DocumentStatus
from cases.models import Case, ReminderSent
from cases.records import latest_invitation, latest_profile
from profiles.evaluation import evaluate_applicant
from profiles.reasons import format_date

ITA_DAYS_BEFORE = (30, 14, 7, 2)
BIOMETRICS_DAYS_BEFORE = (14, 7, 2)
REQUEST_DAYS_BEFORE = (7, 2)
LANGUAGE_DAYS_BEFORE = 90

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminder:
    key: str
    subject: str
    body: str


def _threshold(days_left: int, thresholds: tuple[int, ...]) -> int | None:
    """The nearest threshold already reached (None before the first, and once passed)."""
    if days_left < 0:
        return None
    reached = [days for days in thresholds if days_left <= days]
    return min(reached) if reached else None


def _with_deadline(deadline: Deadline, body: str) -> str:
    # Every deadline reminder opens with the deadline as the lists show it.
    return f"{deadline.sentence}\n\n{body}"


def _deadline_reminders(*, case: Case, today: date) -> list[Reminder]:
    """The reminder the case's stored next deadline calls for today, if any."""
    deadline = next_deadline(case=case, today=today)
    if deadline is None:
        return []
    days_left = deadline.days_left
    if deadline.kind == DeadlineKind.APPLICATION_DUE:
        threshold = _threshold(days_left, ITA_DAYS_BEFORE)
        if threshold is None:
            return []
        invitation = latest_invitation(case=case)
        return [Reminder(
            key=f"ita:{invitation.pk}:{threshold}",
            subject=ngettext(
                "%(days)s day left to submit your application",
                "%(days)s days left to submit your application",
                days_left,
            ) % {"days": days_left},
            body=_with_deadline(deadline, _(
                "Your invitation to apply of %(ita)s must be answered by %(deadline)s: "
                "%(days)s days from today. After that date IRCC no longer accepts the "
                "application."
            ) % {"ita": format_date(invitation.invited_on),
                 "deadline": format_date(deadline.on), "days": days_left}),
        )]
    if deadline.kind == DeadlineKind.POOL_EXPIRY:
        if not pool_expiry_near(expires_on=deadline.on, today=today):
            return []
        profile = latest_profile(case=case)
        return [Reminder(
            key=f"pool:{profile.pk}",
            subject=_("Your Express Entry profile expires on %(date)s")
            % {"date": format_date(deadline.on)},
            body=_with_deadline(deadline, _(
                "Your profile %(number)s leaves the pool on %(date)s, 12 months after it "
                "was submitted. Without an invitation by then, create and submit a new one."
            ) % {"number": profile.profile_number, "date": format_date(deadline.on)}),
        )]
    if deadline.kind == DeadlineKind.BIOMETRICS_DUE:
        threshold = _threshold(days_left, BIOMETRICS_DAYS_BEFORE)
        if threshold is None:
            return []
        return [Reminder(
            key=f"biometrics:{deadline.on.isoformat()}:{threshold}",
            subject=_("Give your biometrics by %(date)s") % {"date": format_date(deadline.on)},
            body=_with_deadline(deadline, _(
                "Your biometrics instruction letter gives you until %(date)s to give "
                "your fingerprints and photo at a service point."
            ) % {"date": format_date(deadline.on)}),
        )]
    return []


def _request_reminders(*, case: Case, today: date) -> list[Reminder]:
    """A document with a due date, still missing or sent back: 7 and 2 days before it."""
    due = []
    items = case.documents.filter(
        due_on__gte=today, status__in=(DocumentStatus.MISSING, DocumentStatus.NEEDS_CHANGES)
    ).order_by("due_on", "pk")
    for item in items:
        days_left = (item.due_on - today).days
        threshold = _threshold(days_left, REQUEST_DAYS_BEFORE)
        if threshold is None:
            continue
        due.append(Reminder(
            key=f"request:{item.pk}:{threshold}",
            subject=ngettext(
                "A document is due in %(days)s day",
                "A document is due in %(days)s days",
                days_left,
            ) % {"days": days_left},
            body=_(
                "A document on your checklist is due on %(date)s and is not in yet. Sign in "
                "to upload it: %(link)s"
            ) % {"date": format_date(item.due_on), "link": _site_link(
                reverse("cases:documents", args=[case.pk]) + f"#item-{item.pk}")},
        ))
    return due


def _expiry_reminders(*, case: Case, today: date) -> list[Reminder]:
    """Passports, the permit, the medical exam and police certificates (``cases.expiries``),
    at each of their thresholds. The date is in the key: a renewed passport starts afresh."""
    due = []
    for expiry in expiries.expiries_for(applicant=case.applicant, case=case):
        days_left = expiry.days_left(today)
        threshold = _threshold(days_left, expiry.thresholds)
        if threshold is None:
            continue
        due.append(Reminder(
            key=f"expiry:{expiry.kind}:{expiry.ref}:{expiry.on.isoformat()}:{threshold}",
            subject=_("%(what)s expires on %(date)s")
            % {"what": expiry.label, "date": format_date(expiry.on)},
            body=ngettext(
                "%(what)s expires in %(days)s day, on %(date)s. Renew it in time and update "
                "your file: %(link)s",
                "%(what)s expires in %(days)s days, on %(date)s. Renew it in time and update "
                "your file: %(link)s",
                days_left,
            ) % {"what": expiry.label, "days": days_left, "date": format_date(expiry.on),
                 "link": _site_link(reverse("dashboard"))},
        ))
    return due


def _site_link(path: str) -> str:
    return settings.CEC_SITE_URL.rstrip("/") + path


def reminders_due(*, case: Case, today: date) -> list[Reminder]:
    """The reminders this case calls for today (sent or not)."""
    due = [*_deadline_reminders(case=case, today=today),
           *_request_reminders(case=case, today=today),
           *_expiry_reminders(case=case, today=today)]
    if case.status not in DECIDED:
        result = evaluate_applicant(applicant=case.applicant, on=today).result
        for test in result.valid_tests if result else ():
            if (test.valid_until - today).days <= LANGUAGE_DAYS_BEFORE:
                until, taken = format_date(test.valid_until), format_date(test.taken_on)
                due.append(Reminder(
                    key=f"language:{test.test}:{taken}",
                    subject=_("Your language test result expires on %(date)s")
                    % {"date": until},
                    body=_(
                        "Your %(test)s of %(taken)s is valid until %(date)s. It must be "
                        "valid when your profile is submitted and again on the day you "
                        "submit your application: book a new test in time."
                    ) % {"test": test.label, "taken": taken, "date": until},
                ))
    return due


def _recipients(case: Case) -> dict[str, list[str]]:
    """The addresses a case's reminders go to, by the language each person reads: the
    applicant, and their consultant if they have one."""
    by_language: dict[str, list[str]] = {}
    for person in (case.applicant.user, case.applicant.consultant):
        if person is not None and person.email:
            by_language.setdefault(person.language, []).append(person.email)
    return by_language


def _reminders_in(languages, *, case: Case, today: date) -> dict[str, list[Reminder]]:
    """The case's reminders due today, written in each language (same keys, same order)."""
    written = {}
    for language in languages:
        with translation.override(language):
            written[language] = reminders_due(case=case, today=today)
    return written


def reminder_send_due(*, today: date) -> int:
    """Email every reminder due today that was not sent before; the number sent."""
    return reminders_send(today=today)[0]


def reminders_send(*, today: date) -> tuple[int, int]:
    """Email every reminder due today that was not sent before: (sent, failed to send).
    Each person gets it in their own language."""
    sent = failed = 0
    cases = Case.objects.exclude(status__in=DECIDED).select_related(
        "applicant__user", "applicant__consultant"
    )
    for case in cases.order_by("pk"):
        already = set(case.reminders.values_list("key", flat=True))
        by_language = _recipients(case)
        written = _reminders_in(by_language, case=case, today=today)
        if not written:
            continue
        for position, reminder in enumerate(next(iter(written.values()))):
            if reminder.key in already:
                continue
            try:
                # The row first, in the same transaction as the emails: a failed send
                # rolls it back (tried again tomorrow); a concurrent run cannot send twice.
                with transaction.atomic():
                    ReminderSent.objects.create(
                        case=case, key=reminder.key, sent_on=today,
                        recipients=", ".join(
                            email for emails in by_language.values() for email in emails
                        ),
                    )
                    for language, emails in by_language.items():
                        said = written[language][position]
                        send_mail(
                            subject=said.subject,
                            message=said.body,
                            from_email=None,
                            recipient_list=emails,
                        )
            except IntegrityError:
                continue  # another run sent it a moment ago
            except OSError as error:  # smtplib's errors are OSErrors
                logger.warning("reminder %s for case %s not sent: %s", reminder.key,
                               case.pk, error)
                failed += 1
                continue
            sent += 1
    return sent, failed
