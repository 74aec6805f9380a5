"""What django-axes needs from us: the account a login names, the page a locked-out person
sees, and a log line for every lockout."""

import logging

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render

logger = logging.getLogger("security")


def username_from_request(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The email a login attempt names, as stored (lower case), so ``A@x`` and ``a@x`` count
    as one account."""
    credentials = credentials or {}
    raw = credentials.get("username") or credentials.get("email")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    return raw.strip().lower() if isinstance(raw, str) else raw


def lockout_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The lockout page: in plain words, with the way back in (a password reset)."""
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": lockout_minutes(), "admin": request.path.startswith("/admin/")},
        status=429,
    )


def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    logger.warning(
        "Login locked out after %s failures: account %r, address %s",
        settings.AXES_FAILURE_LIMIT, username, ip_address,
    )


