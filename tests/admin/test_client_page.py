"""The client page: the facts with inlines, the full evaluation with reasons, private notes;
a change of facts made here re-evaluates the client at once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import escape

from consultants.models import ConsultantNote
from profiles.enums import CecStatus
from profiles.evaluation import applicant_reevaluate, evaluate_applicant, stored_evaluation
from profiles.models import Applicant
from tests.admin.conftest import admin_url, change_form_data, visible_text
from tests.factories import ApplicantFactory, JobFactory, LanguageTestFactory

pytestmark = pytest.mark.django_db


def test_page_shows_each_requirement_by_name_with_the_engines_reason(
    consultant_client, my_client
):
    text = visible_text(consultant_client.get(admin_url("change", my_client.pk)))
    result = stored_evaluation(my_client).result
    for requirement in result.requirements:
        assert f"<td>{requirement.label}</td>" in text
        assert escape(requirement.reason) in text
    assert "<td>work</td>" not in text


def test_page_shows_every_crs_line_and_section_by_name(consultant_client, my_client):
    text = visible_text(consultant_client.get(admin_url("change", my_client.pk)))
    result = stored_evaluation(my_client).result
    assert f"CRS {my_client.crs_total} by section" in text
    for section in result.crs.sections:
        assert f"<td>{escape(section.label)}</td><td>{section.points}</td>" in text
    for line in result.crs.lines:
        assert f"<td>{escape(line.label)}</td><td>{line.points}</td>" in text
        assert f"<td>{line.factor}</td>" not in text  # a name, not the engine's code
    assert "<td>First official language</td>" in text


def test_page_names_each_job_with_its_counted_hours(consultant_client, my_client):
    text = visible_text(consultant_client.get(admin_url("change", my_client.pk)))
    job = my_client.jobs.get()
    counted = stored_evaluation(my_client).result.job(job.pk)
    assert counted is not None and counted.counted_hours > 0
    # Hours are grouped as the reader's language groups them ("4,697"; "4 697" in French).
    assert (f"<td>Software developer (NOC 21232, 2023-09-01 – now)</td>"
            f"<td>{counted.counted_hours:,}</td>") in text


def test_page_shows_the_verdict_with_its_date(consultant_client, consultant):
    late = ApplicantFactory(consultant=consultant)
    LanguageTestFactory(applicant=late)
    JobFactory(applicant=late, start=timezone.localdate() - timedelta(days=200))
    applicant_reevaluate(applicant=late)
    late.refresh_from_db()
    assert late.cec_status == CecStatus.ELIGIBLE_LATER
    text = visible_text(consultant_client.get(admin_url("change", late.pk)))
    assert f"<strong>Eligible on {late.cec_eligible_on.isoformat()}</strong>" in text


def test_page_lists_what_is_missing_for_an_incomplete_client(consultant, consultant_client):
    incomplete = ApplicantFactory(consultant=consultant, birth_date=None)
    applicant_reevaluate(applicant=incomplete)
    text = visible_text(consultant_client.get(admin_url("change", incomplete.pk)))
    assert "The questionnaire is not complete" in text
    assert "<li>About you: your date of birth is missing</li>" in text


def test_changing_a_job_here_re_evaluates_the_client(consultant_client, my_client):
    page = consultant_client.get(admin_url("change", my_client.pk))
    data = change_form_data(page)
    data["jobs-0-hours_per_week"] = "5"
    response = consultant_client.post(admin_url("change", my_client.pk), data)
    assert response.status_code == 302, response.context["errors"]
    my_client.refresh_from_db()
    assert my_client.jobs.get().hours_per_week == Decimal("5")
    assert my_client.cec_status != CecStatus.ELIGIBLE
    job = my_client.jobs.get()
    assert stored_evaluation(my_client).result.job(job.pk).counted_hours < 1560


def test_consultant_cannot_reassign_their_client(consultant_client, my_client, other_consultant):
    data = change_form_data(consultant_client.get(admin_url("change", my_client.pk)))
    data["consultant"] = str(other_consultant.pk)
    consultant_client.post(admin_url("change", my_client.pk), data)
    my_client.refresh_from_db()
    assert my_client.consultant_id != other_consultant.pk


def test_superuser_assigns_a_client_to_a_consultant(superuser_client, my_client, other_consultant):
    data = change_form_data(superuser_client.get(admin_url("change", my_client.pk)))
    data["consultant"] = str(other_consultant.pk)
    response = superuser_client.post(admin_url("change", my_client.pk), data)
    assert response.status_code == 302
    my_client.refresh_from_db()
    assert my_client.consultant_id == other_consultant.pk


def test_only_consultants_can_be_assigned(superuser_client, superuser, my_client):
    data = change_form_data(superuser_client.get(admin_url("change", my_client.pk)))
    data["consultant"] = str(superuser.pk)
    response = superuser_client.post(admin_url("change", my_client.pk), data)
    assert response.status_code == 200
    assert "consultant" in response.context["adminform"].form.errors


def test_a_note_written_here_is_signed_by_its_author(consultant_client, consultant, my_client):
    data = change_form_data(consultant_client.get(admin_url("change", my_client.pk)))
    data["consultant_notes-TOTAL_FORMS"] = "1"
    data["consultant_notes-0-body"] = "Asked for the 2024 T4 slip."
    consultant_client.post(admin_url("change", my_client.pk), data)
    note = ConsultantNote.objects.get(applicant=my_client)
    assert (note.author, note.body) == (consultant, "Asked for the 2024 T4 slip.")


def test_existing_notes_are_shown(consultant_client, consultant, my_client):
    ConsultantNote.objects.create(applicant=my_client, author=consultant, body="First call.")
    page = consultant_client.get(admin_url("change", my_client.pk))
    assert "First call." in visible_text(page)


def test_an_existing_note_cannot_be_changed(consultant_client, consultant, my_client):
    note = ConsultantNote.objects.create(applicant=my_client, author=consultant, body="First.")
    data = change_form_data(consultant_client.get(admin_url("change", my_client.pk)))
    data["consultant_notes-0-body"] = "Rewritten."
    consultant_client.post(admin_url("change", my_client.pk), data)
    note.refresh_from_db()
    assert note.body == "First."


def test_saving_the_page_keeps_the_evaluation_current(consultant_client, my_client):
    Applicant.objects.filter(pk=my_client.pk).update(crs_total=1, cec_status=CecStatus.INCOMPLETE)
    data = change_form_data(consultant_client.get(admin_url("change", my_client.pk)))
    consultant_client.post(admin_url("change", my_client.pk), data)
    my_client.refresh_from_db()
    assert my_client.crs_total == stored_evaluation(my_client).result.crs.total != 1


def test_page_shows_todays_evaluation_when_the_stored_one_is_older(consultant_client, my_client):
    Applicant.objects.filter(pk=my_client.pk).update(
        crs_total=1, evaluated_at=timezone.now() - timedelta(days=2)
    )
    page = consultant_client.get(admin_url("change", my_client.pk)).content.decode()
    today = evaluate_applicant(applicant=my_client).result
    assert f"{today.crs.total}" in page
    assert today.as_of.isoformat() in page


def test_opening_the_client_page_stores_nothing(consultant_client, my_client):
    from datetime import timedelta

    from django.utils import timezone

    two_days_ago = timezone.now() - timedelta(days=2)
    Applicant.objects.filter(pk=my_client.pk).update(crs_total=1, evaluated_at=two_days_ago)
    consultant_client.get(admin_url("change", my_client.pk))
    my_client.refresh_from_db()
    assert (my_client.crs_total, my_client.evaluated_at) == (1, two_days_ago)
