"""The audit trail's manager: made once per model, and every tracked model uses it."""

import pytest
from django.apps import apps

from eligibility.history import HistoryManager
from tests.factories import JobFactory


def test_reading_a_rows_history_twice_gives_the_same_manager_class(db):
    job = JobFactory()
    assert type(job.history) is type(job.history)


def test_a_changed_row_still_gets_a_history_entry(db):
    job = JobFactory(title="Cook")
    job.title = "Chef"
    job.save()
    assert [entry.title for entry in job.history.order_by("history_id")] == ["Cook", "Chef"]


TRACKED = [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]


def test_the_audit_trail_tracks_the_applicants_rows():
    assert {"profiles.Applicant", "profiles.Job"} <= {model._meta.label for model in TRACKED}


@pytest.mark.parametrize("model", TRACKED, ids=lambda model: model._meta.label)
def test_every_tracked_model_reads_its_history_through_the_manager_made_once(model):
    descriptor = model.__dict__[model._meta.simple_history_manager_attribute]
    assert descriptor.manager_class is HistoryManager
