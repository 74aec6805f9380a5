"""The data migration that stores the next deadline of the cases that existed before it: its
copy of the rule gives what the app's own rule gives, on the historical models."""

import importlib
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from cases.deadlines import deadlines_for
from cases.enums import CaseStatus, DeadlineKind, StageKind
from cases.models import Case
from tests.cases.factories import (
    CaseFactory,
    DecisionStageFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
)

pytestmark = pytest.mark.django_db

MIGRATION = ("cases", "0003_fill_next_deadline")
fill = importlib.import_module("cases.migrations.0003_fill_next_deadline").fill_next_deadline


def run_migration():
    apps = MigrationLoader(connection).project_state(MIGRATION).apps
    fill(apps, None)  # RunPython's schema editor: unused


def existing_cases() -> dict[str, Case]:
    """Cases at every status, made before the migration (stored deadlines then empty)."""
    in_pool = ProfileSubmissionFactory(submitted_on=date(2026, 3, 2)).case
    ProfileSubmissionFactory(case=in_pool, submitted_on=date(2026, 5, 4))  # the latest counts
    leap = ProfileSubmissionFactory(submitted_on=date(2028, 2, 29)).case
    invited = InvitationFactory(invited_on=date(2026, 10, 1)).case
    declined = InvitationFactory(invited_on=date(2026, 9, 1), declined_on=date(2026, 9, 3),
                                 profile__submitted_on=date(2026, 8, 1)).case
    Case.objects.filter(pk=declined.pk).update(status=CaseStatus.IN_POOL)
    letter = DecisionStageFactory(kind=StageKind.BIOMETRICS_LETTER, on=date(2026, 10, 20)).case
    given = DecisionStageFactory(kind=StageKind.BIOMETRICS_LETTER, on=date(2026, 10, 20)).case
    DecisionStageFactory(case=given, kind=StageKind.BIOMETRICS_GIVEN, on=date(2026, 10, 20))
    second = DecisionStageFactory(kind=StageKind.BIOMETRICS_LETTER, on=date(2026, 9, 1)).case
    DecisionStageFactory(case=second, kind=StageKind.BIOMETRICS_GIVEN, on=date(2026, 9, 5))
    DecisionStageFactory(case=second, kind=StageKind.BIOMETRICS_LETTER, on=date(2026, 10, 21))
    approved = DecisionStageFactory(kind=StageKind.BIOMETRICS_LETTER, on=date(2026, 10, 20)).case
    Case.objects.filter(pk=approved.pk).update(status=CaseStatus.APPROVED)
    preparing = CaseFactory()
    Case.objects.update(next_deadline_on=None, next_deadline_kind="")
    return {"in_pool": in_pool, "leap": leap, "invited": invited, "declined": declined,
            "letter": letter, "given": given, "second": second, "approved": approved,
            "preparing": preparing}


def stored(case):
    case = Case.objects.get(pk=case.pk)
    return case.next_deadline_kind, case.next_deadline_on


def test_the_migration_stores_each_cases_next_deadline():
    cases = existing_cases()
    run_migration()
    assert {name: stored(case) for name, case in cases.items()} == {
        "in_pool": (DeadlineKind.POOL_EXPIRY, date(2027, 5, 4)),
        "leap": (DeadlineKind.POOL_EXPIRY, date(2029, 2, 28)),
        "invited": (DeadlineKind.APPLICATION_DUE, date(2026, 11, 30)),
        "declined": (DeadlineKind.POOL_EXPIRY, date(2027, 8, 1)),
        "letter": (DeadlineKind.BIOMETRICS_DUE, date(2026, 11, 19)),
        "given": ("", None),
        "second": (DeadlineKind.BIOMETRICS_DUE, date(2026, 11, 20)),
        "approved": ("", None),
        "preparing": ("", None),
    }


def from_the_app(case):
    case.refresh_from_db()
    found = deadlines_for(case=case)
    return (found[0].kind, found[0].on) if found else ("", None)


def test_the_migrations_copy_of_the_rule_agrees_with_the_apps():
    cases = existing_cases()
    expected = {name: from_the_app(case) for name, case in cases.items()}
    run_migration()
    assert {name: stored(case) for name, case in cases.items()} == expected
