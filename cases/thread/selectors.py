"""Reads of the message threads: one case's thread, and what a person has not read yet."""

from django.db.models import Count, QuerySet

from cases.models import Case, Message
from profiles.models import User


def thread_for(*, case: Case) -> list[Message]:
    return list(case.messages.select_related("author"))


def _unread_for(user: User) -> QuerySet[Message]:
    return Message.objects.filter(read_at__isnull=True).exclude(author=user)


def unread_count(*, user: User, case: Case) -> int:
    """Messages on ``case`` that ``user`` has not read (their own never count)."""
    return _unread_for(user).filter(case=case).count()


def unread_by_client(*, consultant: User) -> list[dict]:
    """For each of the consultant's clients with unread messages: the case, the client and
    how many, oldest unread first."""
    return list(
        _unread_for(consultant)
        .filter(case__applicant__consultant=consultant)
        .values("case_id", "case__applicant_id")
        .annotate(count=Count("id"))
        .order_by("case_id")
    )
