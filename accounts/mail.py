"""Email leaves the request path: a view asks to send, the sending happens after the request's
transaction commits, in a thread of its own. A request then takes the same time whether or not
it sends anything (whether or not an account exists).

``settings.CEC_MAIL_RUNNER`` names the function that runs a send job: ``in_thread`` in
production, ``at_once`` in tests; a task queue can take their place (a function that enqueues
the job) without touching the callers.
"""

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

logger = logging.getLogger("security")

Job = Callable[[], None]


def send_later(job: Job, *, language: str | None = None) -> None:
    """Run ``job`` once the current transaction commits, in ``language`` (the recipient's;
    the request's when not given), by the configured runner. A failure is logged, never raised
    to the person."""
    language = language or translation.get_language()

    def run() -> None:
        try:
            with translation.override(language):
                job()
        except Exception:
            logger.exception("An email could not be sent")

    transaction.on_commit(lambda: import_string(settings.CEC_MAIL_RUNNER)(run))


def send_templated_later(
    *, to: str, subject: str, template: str, context: dict, language: str | None = None
) -> None:
    """One plain-text email rendered from ``template``, in ``language`` (the recipient's);
    rendered and sent off the request. ``subject`` should be lazy, so it is said then too."""

    def job() -> None:
        body = render_to_string(template, context)
        EmailMessage(str(subject), body, settings.DEFAULT_FROM_EMAIL, [to]).send()

    send_later(job, language=language)


def in_thread(job: Job) -> threading.Thread:
    thread = threading.Thread(target=job, name="send-mail", daemon=True)
    thread.start()
    return thread


def at_once(job: Job) -> None:
    job()


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
