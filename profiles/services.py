"""Writes to applicant data. Views and commands call these; nothing else writes."""

from django.contrib.auth.models import Group
from django.db import transaction

from profiles.models import Applicant, User
from profiles.roles import APPLICANT


@transaction.atomic
def applicant_sign_up(*, email: str, password: str) -> User:
    """A new person: a user in the Applicant group, with an empty applicant record."""
    user = User.objects.create_user(email=email, password=password)
    user.groups.add(Group.objects.get(name=APPLICANT))
    Applicant.objects.create(user=user)
    return user
