from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in

from accounts import lockout, sessions


def _on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        sessions.begin(request, user)


def connect() -> None:
    user_logged_in.connect(_on_login, dispatch_uid="accounts.sessions.begin")
    user_locked_out.connect(lockout.log_lockout, dispatch_uid="accounts.lockout.log")
