"""Reads about accounts: the account an activation link names, roles that need a second
factor, and a person's own devices (each device function looks at the given user's only).
"""

from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tokens import activation_token
from profiles.models import User
from profiles.roles import CONSULTANT, NOC_EDITOR

# Roles that open other people's data or the catalogue: they must use a second factor.
STAFF_ROLES = (CONSULTANT, NOC_EDITOR)


def is_staff_role(user: User) -> bool:
    """Consultants, NOC editors, superusers and any other staff account."""
    return bool(
        user.is_staff
        or user.is_superuser
        or user.groups.filter(name__in=STAFF_ROLES).exists()
    )


def user_to_activate(*, uidb64: str, token: str) -> User | None:
    """The inactive account an activation link names, if the link is still good."""
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
    if user.is_active or not activation_token.check_token(user, token):
        return None
    return user


def authenticator_for(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator_for(user: User) -> TOTPDevice | None:
    """The authenticator being set up (shown as a QR code, not yet confirmed by a code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def backup_device_for(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()
