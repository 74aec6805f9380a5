"""Writes about accounts: sign-up without telling who has an account, activation, unlocking
after a password reset, and the second factor (an authenticator app and backup codes)."""

import logging
from dataclasses import dataclass

import django_otp
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import selectors
from accounts.mail import send_templated_later
from accounts.tokens import activation_token
from profiles.models import User
from profiles.services import applicant_sign_up

logger = logging.getLogger("security")

# ----- sign-up ------------------------------------------------------------------------------


def _activation_link(user: User, *, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("activate", args=[uid, activation_token.make_token(user)])
    return base_url.rstrip("/") + path


def sign_up_requested(*, email: str, password: str, base_url: str) -> None:
    """Someone asked for an account for ``email``. They are answered the same way whatever
    happens here; only the owner of the address learns, by email, what it was:

    - a new address: an inactive account and a link to activate it;
    - an account waiting for activation: the activation link again (the password stays the
      one first chosen: whoever activates still needs it, or a password reset, to log in);
    - an active account: a note that someone tried to sign up, with the way to log in.
    """
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        try:
            user = applicant_sign_up(email=email, password=password, active=False)
        except IntegrityError:  # the same address signed up at the same moment
            existing = User.objects.get(email__iexact=email)
        else:
            _send_activation(user, base_url=base_url)
            return
    # The password is hashed all the same, so this answer takes as long as a new account's.
    make_password(password)
    if existing.is_active:
        send_templated_later(
            to=existing.email,
            subject=_("Someone tried to create a CEC Portal account with your address"),
            template="accounts/email/already_registered.txt",
            language=existing.language,
            context={
                "email": existing.email,
                "login_url": base_url.rstrip("/") + reverse("login"),
                "reset_url": base_url.rstrip("/") + reverse("password_reset"),
            },
        )
    else:
        _send_activation(existing, base_url=base_url)


def _send_activation(user: User, *, base_url: str) -> None:
    send_templated_later(
        to=user.email,
        subject=_("Activate your CEC Portal account"),
        template="accounts/email/activate.txt",
        language=user.language,
        context={"email": user.email, "link": _activation_link(user, base_url=base_url)},
    )


def account_activate(*, user: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])


def account_unlock(*, user: User) -> int:
    """Lift a login lockout on the account (after its owner reset the password by email)."""
    removed = axes_reset(username=user.email)
    if removed:
        logger.info("Login lockout lifted by a password reset: account %r", user.email)
    return removed


# ----- second factor ------------------------------------------------------------------------

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"


def authenticator_start(*, user: User) -> TOTPDevice:
    """The authenticator being set up: the same one until it is confirmed."""
    pending = selectors.pending_authenticator_for(user)
    if pending is not None:
        return pending
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


@transaction.atomic
def authenticator_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the pending authenticator with a code it shows; replaces any earlier one and
    issues fresh backup codes. None when the code is wrong (nothing changes)."""
    device = selectors.pending_authenticator_for(user)
    if device is None or not device.verify_token(_clean(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device, backup_codes_renew(user=user)


@transaction.atomic
def backup_codes_renew(*, user: User) -> list[str]:
    """New backup codes, each usable once; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.CEC_BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@dataclass(frozen=True)
class CodeCheck:
    device: Device | None
    throttled: bool = False


def _clean(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def second_factor_check(*, user: User, code: str) -> CodeCheck:
    """Check a code from the authenticator (6 digits) or a backup code (used up by this).
    Repeated wrong codes make the device wait before it checks another (django-otp)."""
    code = _clean(code)
    if len(code) == 6 and code.isdigit():
        device = selectors.authenticator_for(user)
    else:
        device = selectors.backup_device_for(user)
    if device is None:
        return CodeCheck(device=None)
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(device=None, throttled=True)
    verified = django_otp.verify_token(user, device.persistent_id, code)
    return CodeCheck(device=verified)


@transaction.atomic
def second_factor_turn_off(*, user: User) -> None:
    """An applicant turns two-step sign-in off: their authenticator and backup codes go."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
