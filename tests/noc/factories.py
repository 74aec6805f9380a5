"""Factories for the NOC catalogue; a unit group comes with the classes above it."""

import factory

from eligibility.models import ExampleTitle, MainDuty, NocClass, NocLevel, UnitGroup
from eligibility.noc.services import unit_group_refresh_search_text


def noc_class(code: str, title: str = "") -> NocClass:
    """The class with this code, created with its parents if it does not exist yet."""
    parent = noc_class(code[:-1]) if len(code) > 1 else None
    found, _ = NocClass.objects.get_or_create(
        code=code,
        defaults={
            "level": NocLevel(len(code)),
            "title": title or f"Class {code}",
            "definition": f"Definition of class {code}.",
            "parent": parent,
        },
    )
    return found


class UnitGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitGroup
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9{n % 6}{n % 1000:03d}")
    title = factory.Sequence(lambda n: f"Sample occupation {n}")
    lead_statement = "Sample workers do sample things."
    teer = factory.LazyAttribute(lambda o: int(o.code[1]))
    minor_group = factory.LazyAttribute(lambda o: noc_class(o.code[:4]))

    @factory.post_generation
    def duties(self, create, extracted, **kwargs):
        if create and extracted:
            for position, text in enumerate(extracted, start=1):
                MainDuty.objects.create(unit_group=self, position=position, text=text)

    @factory.post_generation
    def examples(self, create, extracted, **kwargs):
        if create and extracted:
            for title in extracted:
                ExampleTitle.objects.create(unit_group=self, title=title)
        if create:
            unit_group_refresh_search_text(unit_group=self)
            self.refresh_from_db()


class MainDutyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MainDuty

    unit_group = factory.SubFactory(UnitGroupFactory)
    position = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Do sample task number {n}")


class ExampleTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExampleTitle

    unit_group = factory.SubFactory(UnitGroupFactory)
    title = factory.Sequence(lambda n: f"Sample title {n}")
