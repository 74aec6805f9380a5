"""Factories for the draw history (reference data, like the NOC catalogue)."""

from datetime import timedelta

import factory
from django.utils import timezone

from eligibility.models import Round, RoundCategory


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    number = factory.Sequence(lambda n: str(1000 + n))
    sequence = factory.LazyAttribute(lambda o: int(o.number.rstrip("ab")))
    drawn_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=20))
    name = "Canadian Experience Class"
    category = RoundCategory.CEC
    size = 3000
    crs_cutoff = 515
