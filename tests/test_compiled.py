"""Reads whose SQL is built once per process: the same rows as the ORM's, each call's own."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count

from eligibility.compiled import CompiledQuery
from profiles.models import Applicant, Job, User
from tests.factories import ApplicantFactory, JobFactory, UserFactory


def _jobs(applicant_id):
    return Job.objects.filter(applicant_id=applicant_id).order_by("id")


def _fields(instance):
    return {field.attname: getattr(instance, field.attname)
            for field in instance._meta.concrete_fields}


def test_gives_the_instances_the_orm_gives(db):
    applicant = ApplicantFactory()
    JobFactory.create_batch(3, applicant=applicant, hours_per_week=37.5)
    rows = CompiledQuery(_jobs, int)(applicant.pk)
    assert [_fields(row) for row in rows] == [_fields(row) for row in _jobs(applicant.pk)]
    assert all(type(row) is Job and not row._state.adding for row in rows)


def test_each_call_reads_only_its_own_values_rows(db):
    compiled = CompiledQuery(_jobs, int)
    mine, theirs = ApplicantFactory(), ApplicantFactory()
    JobFactory(applicant=mine)
    JobFactory.create_batch(2, applicant=theirs)
    compiled(theirs.pk)
    assert {row.applicant_id for row in compiled(mine.pk)} == {mine.pk}
    assert len(compiled(theirs.pk)) == 2


def test_builds_its_sql_only_on_its_first_call(db):
    built = []

    def build(applicant_id):
        built.append(applicant_id)
        return _jobs(applicant_id)

    compiled = CompiledQuery(build, int)
    applicant = ApplicantFactory()
    compiled(applicant.pk)
    builds = len(built)
    compiled(applicant.pk)
    compiled(applicant.pk)
    assert len(built) == builds


def test_runs_as_one_query(db, django_assert_num_queries):
    compiled = CompiledQuery(_jobs, int)
    applicant = ApplicantFactory()
    compiled(applicant.pk)
    with django_assert_num_queries(1):
        compiled(applicant.pk)


def test_applies_the_fields_converters(db):
    applicant = ApplicantFactory()
    Applicant.objects.filter(pk=applicant.pk).update(evaluation={"problems": ["birth_date"]})
    compiled = CompiledQuery(lambda pk: Applicant.objects.filter(pk=pk), int)
    assert compiled(applicant.pk)[0].evaluation == {"problems": ["birth_date"]}


def test_fills_select_related_instances(db, django_assert_num_queries):
    applicant = ApplicantFactory()
    compiled = CompiledQuery(lambda pk: User.objects.select_related("applicant").filter(pk=pk),
                             int)
    (user,) = compiled(applicant.user_id)
    with django_assert_num_queries(0):
        assert user.applicant.pk == applicant.pk
        assert user.applicant.user is user


def test_a_missing_select_related_row_is_known_missing_without_a_query(
    db, django_assert_num_queries
):
    staff = UserFactory()
    compiled = CompiledQuery(lambda pk: User.objects.select_related("applicant").filter(pk=pk),
                             int)
    (user,) = compiled(staff.pk)
    with django_assert_num_queries(0), pytest.raises(Applicant.DoesNotExist):
        user.applicant  # noqa: B018


def test_gives_named_values_as_the_orm_does(db):
    applicant = ApplicantFactory()
    JobFactory(applicant=applicant, start=datetime.date(2024, 1, 8))

    def build(applicant_id):
        return Job.objects.filter(applicant_id=applicant_id).values_list(
            "pk", "start", "hours_per_week", named=True)

    assert CompiledQuery(build, int)(applicant.pk) == list(build(applicant.pk))
    assert CompiledQuery(build, int)(applicant.pk)[0].start == datetime.date(2024, 1, 8)


def test_gives_flat_values_as_the_orm_does(db):
    applicant = ApplicantFactory()
    JobFactory.create_batch(2, applicant=applicant)

    def build(applicant_id):
        return Job.objects.filter(applicant_id=applicant_id).values_list("noc", flat=True)

    assert CompiledQuery(build, int)(applicant.pk) == list(build(applicant.pk))


def test_takes_string_values(db):
    applicant = ApplicantFactory()
    JobFactory(applicant=applicant, noc="21232")
    JobFactory(applicant=applicant, noc="62020")
    compiled = CompiledQuery(
        lambda pk, noc: Job.objects.filter(applicant_id=pk, noc=noc), int, str)
    assert [row.noc for row in compiled(applicant.pk, "62020")] == ["62020"]


def test_refuses_a_value_of_another_type(db):
    compiled = CompiledQuery(_jobs, int)
    with pytest.raises(TypeError):
        compiled("1")


def test_refuses_a_lookup_that_rewrites_its_value(db):
    compiled = CompiledQuery(lambda title: Job.objects.filter(title__startswith=title), str)
    with pytest.raises(ImproperlyConfigured):
        compiled("Cook")


def test_refuses_a_value_computed_from_its_argument(db):
    compiled = CompiledQuery(lambda pk: Job.objects.filter(pk=pk + 1), int)
    with pytest.raises(ImproperlyConfigured):
        compiled(1)


def test_refuses_a_condition_the_orm_drops_for_some_values(db):
    from eligibility.models import UnitGroup

    # A TEER is never negative, so Django leaves "teer >= value" out for a negative value: the
    # SQL differs with the value.
    compiled = CompiledQuery(lambda teer: UnitGroup.objects.filter(teer__gte=teer), int)
    with pytest.raises(ImproperlyConfigured):
        compiled(3)


def test_refuses_a_query_that_matches_nothing_for_some_values(db):
    from eligibility.models import UnitGroup

    compiled = CompiledQuery(lambda teer: UnitGroup.objects.filter(teer__lte=teer), int)
    with pytest.raises(ImproperlyConfigured):
        compiled(3)


def test_refuses_an_annotated_query(db):
    compiled = CompiledQuery(
        lambda pk: Applicant.objects.filter(pk=pk).annotate(jobs_count=Count("jobs")), int)
    with pytest.raises(ImproperlyConfigured):
        compiled(1)


def test_refuses_a_query_that_prefetches(db):
    compiled = CompiledQuery(
        lambda pk: Applicant.objects.filter(pk=pk).prefetch_related("jobs"), int)
    with pytest.raises(ImproperlyConfigured):
        compiled(1)


def test_refuses_a_query_with_deferred_columns(db):
    compiled = CompiledQuery(lambda pk: Applicant.objects.filter(pk=pk).only("pk"), int)
    with pytest.raises(ImproperlyConfigured):
        compiled(1)


@pytest.mark.parametrize("count", [1, 3, 20, 21])
def test_known_noc_codes_finds_the_catalogues_codes_among_any_number(db, count):
    from profiles.selectors import known_noc_codes
    from tests.noc.factories import UnitGroupFactory

    catalogue = {group.code for group in UnitGroupFactory.create_batch(count - 1)}
    UnitGroupFactory()  # in the catalogue, not asked
    assert len(catalogue) == count - 1
    assert known_noc_codes({*catalogue, "99999"}) == catalogue
