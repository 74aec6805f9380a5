"""Email leaves the request path: a view asks to send, the sending happens after the request's
transaction commits, off the request. A request then takes the same time whether or not it
sends anything (whether or not an account exists).

A send is a *job*: a plain dictionary (JSON, so a broker can carry it) naming one of the
``SENDERS`` below, its arguments, the language to write in and a key made when the job is
asked for. ``settings.CEC_MAIL_RUNNER`` names the function that runs jobs: ``in_thread`` in the
embedded default, ``accounts.tasks.on_worker`` (a Celery task, retried on failure) with a
broker, ``at_once`` in tests. Whoever runs it, ``deliver`` records the key in the same
transaction as the send: a job run twice — a retry, a message the broker delivered again —
sends once.
"""

import logging
import threading
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMessage
from django.db import IntegrityError, connections, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from accounts.models import SentEmail
from profiles.models import User

logger = logging.getLogger("security")

Job = dict


def _send_templated(*, to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, context)
    EmailMessage(str(subject), body, settings.DEFAULT_FROM_EMAIL, [to]).send()


def _send_plain(*, to: list[str], subject: str, body: str) -> None:
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to).send()


def _send_password_reset(*, user_pk: int, context: dict, **arguments) -> None:
    # Django's own reset email, with the token made during the request.
    user = User.objects.filter(pk=user_pk).first()
    if user is not None:
        PasswordResetForm().send_mail(context={**context, "user": user}, **arguments)


SENDERS: dict[str, Callable[..., None]] = {
    "templated": _send_templated,
    "plain": _send_plain,
    "password_reset": _send_password_reset,
}


def make_job(sender: str, *, language: str | None = None, **arguments) -> Job:
    """A job for ``sender``, written in ``language`` (the recipient's; the request's when not
    given)."""
    if sender not in SENDERS:
        raise ValueError(f"unknown email sender {sender!r}")
    return {
        "sender": sender,
        "arguments": arguments,
        "language": language or translation.get_language() or settings.LANGUAGE_CODE,
        "key": uuid.uuid4().hex,
    }


def deliver(job: Job) -> bool:
    """Send the job's email unless its key was sent before: True if it was sent now.

    Raises what the send raised, with nothing recorded, so the job can be tried again.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentEmail.objects.create(key=job["key"], sender=job["sender"])
        except IntegrityError:
            return False  # sent already (or being sent by another worker right now)
        with translation.override(job["language"]):
            SENDERS[job["sender"]](**job["arguments"])
    return True


def _deliver_logged(job: Job) -> None:
    try:
        deliver(job)
    except Exception:
        logger.exception("An email could not be sent")


def send_later(sender: str, *, language: str | None = None, **arguments) -> None:
    """Once the current transaction commits, have the configured runner send this email, in
    ``language`` (the recipient's; the request's when not given). A failure never reaches the
    person who made the request."""
    job = make_job(sender, language=language, **arguments)
    transaction.on_commit(lambda: import_string(settings.CEC_MAIL_RUNNER)(job))


def send_templated_later(
    *, to: str, subject: str, template: str, context: dict, language: str | None = None
) -> None:
    """One plain-text email rendered from ``template`` (the context must be JSON: strings,
    numbers), in ``language`` (the recipient's): the subject is said in it now, the body when
    the job runs."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = str(subject)
    send_later(
        "templated", language=language, to=to, subject=subject, template=template,
        context=context,
    )


def send_plain_later(
    *, to: list[str], subject: str, body: str, language: str | None = None
) -> None:
    """One plain-text email, said in ``language`` (the recipient's) now."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        subject, body = str(subject), str(body)
    send_later("plain", language=language, to=to, subject=subject, body=body)


def in_thread(job: Job) -> threading.Thread:
    def run() -> None:
        try:
            _deliver_logged(job)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=run, name="send-mail", daemon=True)
    thread.start()
    return thread


def at_once(job: Job) -> None:
    _deliver_logged(job)


def recipient_language(user) -> str:
    """The language to write to ``user`` in: the one they chose (``User.language``), the
    site's default if it is not one the site speaks. Every email about a case asks here."""
    known = {code for code, _name in settings.LANGUAGES}
    return user.language if user.language in known else settings.LANGUAGE_CODE


def send_to_user_later(*, user, subject, template: str, context: dict) -> None:
    """``send_templated_later`` in the recipient's language: the subject (a lazy string) and
    the body are rendered in it, whatever the language of the request that sent it."""
    send_templated_later(to=user.email, subject=subject, template=template, context=context,
                         language=recipient_language(user))
