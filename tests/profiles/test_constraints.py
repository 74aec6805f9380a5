"""The database refuses what must never be stored, whatever the form said (both databases)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction

from cases.models import Upload
from tests.factories import ApplicantFactory, EducationFactory, JobFactory, LanguageTestFactory

pytestmark = pytest.mark.django_db


def refused(factory, **fields) -> bool:
    applicant = ApplicantFactory()
    try:
        with transaction.atomic():
            factory(applicant=applicant, **fields)
    except (IntegrityError, DataError):  # PostgreSQL refuses an over-long value before the check
        return True
    return False


@pytest.mark.parametrize(
    ("test", "scores"),
    [
        ("ielts_general", {"listening": Decimal("9.5")}),
        ("ielts_general", {"reading": Decimal("6.3")}),
        ("ielts_general", {"writing": Decimal("-0.5")}),
        ("celpip_general", {"speaking": Decimal("13")}),
        ("celpip_general", {"listening": Decimal("7.5")}),
        ("pte_core", {"reading": Decimal("9")}),
        ("pte_core", {"writing": Decimal("91")}),
        ("tef_canada", {"listening": Decimal("700")}),
        ("tef_canada", {"speaking": Decimal("450.5")}),
        ("tcf_canada", {"reading": Decimal("99")}),
        ("tcf_canada", {"writing": Decimal("21")}),
    ],
)
def test_score_outside_its_tests_range_or_step_is_refused(test, scores):
    valid = {
        "ielts_general": Decimal("7"), "celpip_general": Decimal("8"), "pte_core": Decimal("70"),
        "tef_canada": Decimal("450"), "tcf_canada": Decimal("10"),
    }[test]
    others = {ability: valid for ability in ("listening", "reading", "writing", "speaking")}
    if test == "tcf_canada":
        others.update(listening=Decimal("500"), reading=Decimal("500"))
    assert refused(LanguageTestFactory, test=test, **{**others, **scores})


@pytest.mark.parametrize(
    ("test", "score"),
    [("ielts_general", "6.5"), ("celpip_general", "12"), ("pte_core", "10"),
     ("tef_canada", "699"), ("tcf_canada", "20")],
)
def test_score_on_its_tests_scale_is_stored(test, score):
    value = Decimal(score)
    fields = dict.fromkeys(("listening", "reading", "writing", "speaking"), value)
    if test == "tcf_canada":
        fields.update(listening=Decimal("600"), reading=Decimal("600"))
    assert not refused(LanguageTestFactory, test=test, **fields)


def test_test_type_not_accepted_by_ircc_is_refused():
    assert refused(LanguageTestFactory, test="ielts_academic")


def test_job_ending_before_it_starts_is_refused():
    assert refused(JobFactory, start=date(2024, 5, 1), end=date(2024, 4, 30))


def test_job_ending_the_day_it_starts_is_stored():
    assert not refused(JobFactory, start=date(2024, 5, 1), end=date(2024, 5, 1))


@pytest.mark.parametrize("hours", [Decimal(v) for v in ("0", "0.99", "168.01", "169")])
def test_hours_outside_1_to_168_are_refused(hours):
    assert refused(JobFactory, hours_per_week=hours)


@pytest.mark.parametrize("hours", [Decimal("1"), Decimal("37.5"), Decimal("168")])
def test_hours_within_1_to_168_are_stored(hours):
    assert not refused(JobFactory, hours_per_week=hours)


@pytest.mark.parametrize("noc", ["2123", "212311", "2123a", "abcde", ""])
def test_noc_code_that_is_not_five_digits_is_refused(noc):
    assert refused(JobFactory, noc=noc)


def test_noc_code_with_leading_zero_is_stored():
    assert not refused(JobFactory, noc="00012")


@pytest.mark.parametrize(
    ("factory", "fields"),
    [
        (EducationFactory, {"person": "cousin"}),
        (EducationFactory, {"level": "kindergarten"}),
        (LanguageTestFactory, {"person": "cousin"}),
        (JobFactory, {"person": "cousin"}),
        (JobFactory, {"province": "XX"}),
        (JobFactory, {"permit_type": "forged"}),
    ],
)
def test_a_value_outside_its_choices_is_refused(factory, fields):
    assert refused(factory, **fields)


def test_an_applicant_with_an_unknown_marital_status_is_refused():
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        ApplicantFactory(marital_status="complicated")


@pytest.mark.parametrize(
    ("size", "content_type", "extension"),
    [
        (0, "application/pdf", "pdf"),
        (4 * 1024 * 1024 + 1, "application/pdf", "pdf"),
        (100, "text/html", "html"),
        (100, "image/png", "pdf"),
    ],
)
def test_an_upload_outside_the_accepted_size_or_type_is_refused(size, content_type, extension):
    from tests.cases.factories import DocumentItemFactory

    item = DocumentItemFactory()
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Upload.objects.create(item=item, file="x", original_name="x", size=size,
                              content_type=content_type, extension=extension)
