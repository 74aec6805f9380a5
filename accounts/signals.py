from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in

from accounts import lockout, sessions
from profiles.models import Applicant
from profiles.quick_check import SESSION_KEY as QUICK_CHECK_KEY
from profiles.quick_check import applicant_take_quick_check


def _on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        sessions.begin(request, user)
        _carry_quick_check(request, user)


def _carry_quick_check(request, user) -> None:
    """The quick check's answers, kept in this browser's session, become the questionnaire's
    on the first login (never over answers already given; they leave the session either way)."""
    answers = request.session.pop(QUICK_CHECK_KEY, None)
    applicant = Applicant.objects.filter(user=user).first() if answers else None
    if applicant is not None:
        applicant_take_quick_check(applicant=applicant, answers=answers)


def connect() -> None:
    user_logged_in.connect(_on_login, dispatch_uid="accounts.sessions.begin")
    user_locked_out.connect(lockout.log_lockout, dispatch_uid="accounts.lockout.log")
