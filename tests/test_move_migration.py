"""The case, the consultants' notes and the rounds left ``profiles`` for their own apps: a
database holding them in the last release's state migrates to the new layout with every row,
history record and permission still there, and no table copied."""

from datetime import date

import pytest
from django.apps import apps as current_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The last release's state: the case still inside profiles.
BEFORE = [
    ("profiles", "0010_choice_and_upload_constraints"),
    ("eligibility", "0002_exampletitle_search_title"),
]
MOVED_TABLES = (
    "profiles_case", "profiles_historicalcase", "profiles_upload", "profiles_historicalupload",
    "profiles_consultantnote", "profiles_round",
)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _old_release_data(old):
    User = old.get_model("profiles", "User")
    applicant = old.get_model("profiles", "Applicant").objects.create(
        user=User.objects.create(email="person@example.com", password="!")
    )
    consultant = User.objects.create(email="consultant@example.com", password="!", is_staff=True)
    case = old.get_model("profiles", "Case").objects.create(applicant=applicant, status="invited")
    old.get_model("profiles", "CaseTransition").objects.create(
        case=case, from_status="in_pool", to_status="invited", on=date(2026, 9, 1)
    )
    profile = old.get_model("profiles", "ProfileSubmission").objects.create(
        case=case, submitted_on=date(2026, 6, 1), profile_number="E001234567",
        job_seeker_code="JS1234567890", verdict="eligible", crs=470,
    )
    old.get_model("profiles", "Invitation").objects.create(
        case=case, profile=profile, invited_on=date(2026, 9, 1), round_number="434",
        crs_claimed=470, verdict="eligible",
    )
    item = old.get_model("profiles", "DocumentItem").objects.create(
        case=case, key="passport", kind="passport", status="uploaded"
    )
    old.get_model("profiles", "Upload").objects.create(
        item=item, file="cases/1/abc.pdf", original_name="passport.pdf",
        content_type="application/pdf", extension="pdf", size=1000,
    )
    now = timezone.now()
    old.get_model("profiles", "HistoricalCase").objects.create(
        id=case.pk, applicant_id=applicant.pk, status="invited", created_at=now, updated_at=now,
        history_date=now, history_type="~",
    )
    old.get_model("profiles", "HistoricalUpload").objects.create(
        id=1, item_id=item.pk, file="cases/1/abc.pdf", original_name="passport.pdf",
        content_type="application/pdf", extension="pdf", size=1000, uploaded_at=now,
        history_date=now, history_type="+",
    )
    old.get_model("profiles", "ConsultantNote").objects.create(
        applicant=applicant, author=consultant, body="Asked for the 2024 T4."
    )
    old.get_model("profiles", "ReminderSent").objects.create(
        case=case, key="ita:30", sent_on=date(2026, 10, 2)
    )
    old.get_model("profiles", "Round").objects.create(
        number="434", sequence=434, drawn_on=date(2026, 9, 1), name="Canadian Experience Class",
        category="cec", size=3000, crs_cutoff=516,
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    case_type, _ = ContentType.objects.get_or_create(app_label="profiles", model="case")
    return Permission.objects.get_or_create(
        content_type=case_type, codename="view_case", defaults={"name": "Can view case"}
    )[0].pk


@pytest.fixture
def old_release():
    old = _migrate(BEFORE)
    try:
        yield old
    finally:
        _migrate(_latest())


@pytest.mark.django_db(transaction=True)
def test_every_row_of_the_last_release_is_found_after_the_move(old_release):
    permission_pk = _old_release_data(old_release)
    _migrate(_latest())

    Case = current_apps.get_model("cases", "Case")
    case = Case.objects.get()
    assert case.status == "invited"
    assert case.applicant.user.email == "person@example.com"
    assert [(t.from_status, t.to_status) for t in case.transitions.all()] == [
        ("in_pool", "invited")
    ]
    assert case.profiles.get().profile_number == "E001234567"
    assert case.invitations.get().round_number == "434"
    assert case.documents.get().uploads.get().original_name == "passport.pdf"
    assert case.reminders.get().key == "ita:30"
    assert Case.history.get().history_type == "~"
    assert current_apps.get_model("cases", "Upload").history.count() == 1
    note = current_apps.get_model("consultants", "ConsultantNote").objects.get()
    assert note.body == "Asked for the 2024 T4."
    assert current_apps.get_model("eligibility", "Round").objects.get().crs_cutoff == 516

    permission = current_apps.get_model("auth", "Permission").objects.get(pk=permission_pk)
    assert (permission.content_type.app_label, permission.codename) == ("cases", "view_case")


@pytest.mark.django_db
def test_the_move_keeps_the_tables_it_had():
    tables = set(connection.introspection.table_names())
    assert set(MOVED_TABLES) <= tables
    assert not {"cases_case", "consultants_consultantnote", "eligibility_round"} & tables
