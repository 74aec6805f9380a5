"""Re-evaluation runs on the workers (profiles.tasks): chunks, progress, once per chunk, a run
after a rules change, the command that waits, and the admin's list of runs."""

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from profiles import reevaluation
from profiles.models import Applicant, ReevaluationChunk, ReevaluationRun
from profiles.reevaluation import reevaluation_progress, reevaluation_run_chunk
from profiles.tasks import reevaluate_all, reevaluate_if_rules_changed
from tests.admin.conftest import make_client_of
from tests.auth import log_in_verified
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(consultant):
    applicants = [make_client_of(consultant) for _ in range(5)]
    # Stored evaluations cleared: a run must write them back.
    Applicant.objects.update(crs_total=None)
    return applicants


def test_a_run_cuts_everyone_into_chunks_and_finishes_them(clients):
    run = ReevaluationRun.objects.get(pk=reevaluate_all(chunk_size=2))
    assert run.chunks.count() == 3
    assert run.finished_at is not None
    assert reevaluation_progress(run).evaluated == 5
    assert not Applicant.objects.filter(crs_total__isnull=True).exists()


def test_a_chunk_run_again_does_nothing(clients):
    run = ReevaluationRun.objects.get(pk=reevaluate_all())
    chunk = run.chunks.get()
    Applicant.objects.update(crs_total=None)
    assert reevaluation_run_chunk(chunk_pk=chunk.pk) is False
    assert Applicant.objects.filter(crs_total__isnull=True).count() == 5
    assert reevaluation_progress(run).evaluated == 5


def test_an_empty_pool_makes_a_finished_run_without_chunks(db):
    run = ReevaluationRun.objects.get(pk=reevaluate_all())
    assert (run.total, run.chunks.count(), run.finished_at is not None) == (0, 0, True)


def test_a_rules_change_starts_a_run_and_the_same_rules_do_not(clients, monkeypatch):
    first = reevaluate_if_rules_changed()
    assert ReevaluationRun.objects.get(pk=first).reason == ReevaluationRun.Reason.RULES_CHANGED
    assert reevaluate_if_rules_changed() is None
    monkeypatch.setattr(reevaluation, "rules_version", lambda: "a new rules engine")
    assert reevaluate_if_rules_changed() not in (None, first)
    assert ReevaluationRun.objects.count() == 2


def test_the_command_runs_on_the_workers_and_reports(clients):
    out = StringIO()
    call_command("reevaluate", "--all", "--on-workers", "--batch-size", "2",
                 stdout=out, stderr=StringIO())
    assert "Re-evaluated 5 applicants" in out.getvalue()
    run = ReevaluationRun.objects.get()
    assert (run.reason, run.chunks.count()) == (ReevaluationRun.Reason.STAFF, 3)
    assert ReevaluationChunk.objects.filter(done_at__isnull=True).count() == 0


def test_the_admin_lists_the_last_run_with_its_progress(client, clients):
    reevaluate_all()
    admin = UserFactory(is_staff=True, is_superuser=True)
    admin.save()  # keeps the password the factory set, which the session is tied to
    log_in_verified(client, admin)
    response = client.get(reverse("admin:profiles_reevaluationrun_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "5 of 5 re-evaluated" in page
    assert "Nightly" in page


def test_the_admin_list_of_runs_is_for_staff_only(applicant_client):
    response = applicant_client.get(reverse("admin:profiles_reevaluationrun_changelist"))
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
def test_two_chunks_of_a_run_are_worked_at_the_same_time(consultant, monkeypatch):
    for _ in range(4):
        make_client_of(consultant)
    run = reevaluation.reevaluation_start(reason=ReevaluationRun.Reason.NIGHTLY, chunk_size=2)
    first, second = run.chunks.order_by("first_pk")
    inside, release = threading.Event(), threading.Event()
    real = reevaluation.applicants_reevaluate

    def held_in_the_first_chunk(**kwargs):
        if threading.current_thread().name == "first-chunk":
            inside.set()
            release.wait(10)
        return real(**kwargs)

    def work_the_first_chunk():
        try:
            reevaluation_run_chunk(chunk_pk=first.pk)
        finally:
            connection.close()

    monkeypatch.setattr(reevaluation, "applicants_reevaluate", held_in_the_first_chunk)
    worker = threading.Thread(target=work_the_first_chunk, name="first-chunk")
    worker.start()
    try:
        assert inside.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # waiting on the first chunk would fail
        assert reevaluation_run_chunk(chunk_pk=second.pk) is True
    finally:
        release.set()
        worker.join(10)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert run.chunks.filter(done_at__isnull=True).count() == 0
