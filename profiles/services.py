"""Writes to applicant data. Views and commands call these; nothing else writes."""

from django.contrib.auth.models import Group
from django.db import transaction

from profiles.models import Applicant, User
from profiles.roles import APPLICANT


@transaction.atomic
def applicant_sign_up(*, email: str, password: str, active: bool = True) -> User:
    """A new person: a user in the Applicant group, with an empty applicant record. The portal's
    sign-up makes it inactive until the person follows the link emailed to them."""
    user = User.objects.create_user(email=email, password=password, is_active=active)
    user.groups.add(Group.objects.get(name=APPLICANT))
    Applicant.objects.create(user=user)
    return user
