"""Writes to applicant data. Views and commands call these; nothing else writes."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation

from profiles.models import Applicant, User
from profiles.roles import APPLICANT


@transaction.atomic
def applicant_sign_up(
    *, email: str, password: str, active: bool = True, language: str | None = None
) -> User:
    """A new person: a user in the Applicant group, with an empty applicant record. The portal's
    sign-up makes it inactive until the person follows the link emailed to them. Their language
    is the one they signed up in (the active one, unless given)."""
    user = User.objects.create_user(
        email=email, password=password, is_active=active,
        language=user_language_code(language or translation.get_language()),
    )
    user.groups.add(Group.objects.get(name=APPLICANT))
    Applicant.objects.create(user=user)
    return user


def user_language_code(code: str | None) -> str:
    """One of ``settings.LANGUAGES`` for a language code ("fr-ca" → "fr"); the default else."""
    known = dict(settings.LANGUAGES)
    if code in known:
        return code
    base = (code or "").split("-")[0].lower()
    return base if base in known else settings.LANGUAGE_CODE


def user_set_language(*, user: User, language: str) -> User:
    """Remember the language a signed-in person chose (one UPDATE, only when it changes)."""
    language = user_language_code(language)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
