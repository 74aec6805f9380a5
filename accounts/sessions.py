"""What a signed-in session must satisfy, worked out once at login and kept in the session so
that an ordinary request costs no extra query:

- staff (consultants, NOC editors, superusers) must pass a second factor, and their session
  ends when the browser closes and ``CEC_STAFF_SESSION_HOURS`` after login;
- an applicant who turned two-step sign-in on must pass it too.

``user.is_staff`` and ``user.is_superuser`` are read on every request as well, so a staff flag
given during a session is enforced at once.
"""

import time

from django.conf import settings
from django.http import HttpRequest

from accounts import selectors

STAFF_KEY = "accounts.staff"
SECOND_FACTOR_KEY = "accounts.second_factor"
STARTED_KEY = "accounts.signed_in_at"


def begin(request: HttpRequest, user) -> None:
    """At login: note the roles' demands in the session."""
    staff = selectors.is_staff_role(user)
    request.session[STAFF_KEY] = staff
    request.session[SECOND_FACTOR_KEY] = staff or selectors.has_authenticator(user)
    if staff:
        _start_staff_session(request)


def _start_staff_session(request: HttpRequest) -> None:
    request.session.set_expiry(0)  # a browser-session cookie: gone when the browser closes
    request.session[STARTED_KEY] = int(time.time())


def _is_staff(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_staff or user.is_superuser or request.session.get(STAFF_KEY))


def needs_second_factor(request: HttpRequest) -> bool:
    if _is_staff(request):
        return True
    if SECOND_FACTOR_KEY not in request.session:  # a session older than this rule
        request.session[SECOND_FACTOR_KEY] = selectors.has_authenticator(request.user)
    return bool(request.session[SECOND_FACTOR_KEY])


def second_factor_turned(request: HttpRequest, *, on: bool) -> None:
    request.session[SECOND_FACTOR_KEY] = on or _is_staff(request)


def staff_session_over(request: HttpRequest) -> bool:
    """True once a staff session is older than the limit (it is then ended)."""
    if not _is_staff(request):
        return False
    started = request.session.get(STARTED_KEY)
    if started is None:  # made staff during the session, or a session older than this rule
        _start_staff_session(request)
        return False
    return time.time() - started > settings.CEC_STAFF_SESSION_HOURS * 3600
