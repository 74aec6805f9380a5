"""Reads about accounts: roles that need a second factor, and a person's own devices.

Every function takes the signed-in user and only ever looks at that user's devices.
"""

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

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
