"""The dates a person may give: the range the rules engine reads, as a field validator (so
every model form and the admin name the field) and as a database check constraint.

A leaf of ``profiles``: it imports only the engine's bounds.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eligibility.rules.parse import HIGHEST_DATE, LOWEST_DATE

OUT_OF_RANGE = _("Enter a date between %(low)s and %(high)s.")
BEFORE_BIRTH = _("This date is before your date of birth (%(birth)s).")


def check_range(value: date | None, low: date, high: date) -> None:
    """Refuse a date outside ``low``–``high``, saying both in ISO form."""
    if value is not None and not low <= value <= high:
        raise ValidationError(
            OUT_OF_RANGE, code="date_range",
            params={"low": low.isoformat(), "high": high.isoformat()},
        )


def engine_date(value: date | None) -> None:
    """Field validator: a date the rules engine reads (1900-01-01 to 2199-12-31)."""
    check_range(value, LOWEST_DATE, HIGHEST_DATE)


def in_range(field: str, name: str, low: date = LOWEST_DATE, high: date = HIGHEST_DATE,
             *, null: bool = False) -> models.CheckConstraint:
    """The database's side of ``within``: ``field`` lies in ``low``–``high`` (or is null)."""
    condition = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    if null:
        condition = Q(**{f"{field}__isnull": True}) | condition
    return models.CheckConstraint(condition=condition, name=name)


def not_before_birth(value: date | None, birth: date | None) -> None:
    if value is not None and birth is not None and value < birth:
        raise ValidationError(
            BEFORE_BIRTH, code="before_birth", params={"birth": birth.isoformat()}
        )
