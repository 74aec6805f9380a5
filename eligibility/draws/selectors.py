"""Reads of the rounds themselves: the history a page lists, and one round by its number."""

from eligibility.models import Round


def rounds_page(*, category: str | None = None) -> list[Round]:
    """Every round, newest first, or those of one ``RoundCategory``."""
    queryset = Round.objects.all()
    if category:
        queryset = queryset.filter(category=category)
    return list(queryset)


def round_numbered(*, number: str) -> Round | None:
    """The round IRCC numbered ``number`` (as an invitation names it), or None if it is not
    loaded."""
    return Round.objects.filter(number=number.strip()).first()
