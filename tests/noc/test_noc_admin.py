"""Staff editing in the admin: who may, what is recorded, and restoring an earlier version."""

import pytest
from django.urls import reverse

from eligibility.models import UnitGroup
from tests.auth import log_in_verified
from tests.noc.factories import UnitGroupFactory

CHANGELIST = reverse("admin:eligibility_unitgroup_changelist")


@pytest.fixture
def cooks(db):
    return UnitGroupFactory(
        code="63200",
        title="Cooks",
        lead_statement="Cooks prepare meals.",
        duties=["Prepare meals", "Clean the kitchen"],
        examples=["Line cook", "Pâtissier"],
    )


@pytest.fixture
def editor_client(client, noc_editor):
    log_in_verified(client, noc_editor)
    return client


def _change_url(unit_group: UnitGroup) -> str:
    return reverse("admin:eligibility_unitgroup_change", args=[unit_group.pk])


def _form_data(unit_group: UnitGroup, **changes) -> dict:
    """The change form as the admin would post it, with the duties and examples inline."""
    duties = list(unit_group.duties.order_by("position"))
    examples = list(unit_group.example_titles.all())
    data = {
        "title": unit_group.title,
        "lead_statement": unit_group.lead_statement,
        "employment_requirements": "",
        "inclusions": "",
        "exclusions": "",
        "additional_information": "",
        "duties-TOTAL_FORMS": len(duties),
        "duties-INITIAL_FORMS": len(duties),
        "example_titles-TOTAL_FORMS": len(examples),
        "example_titles-INITIAL_FORMS": len(examples),
    }
    for i, duty in enumerate(duties):
        data |= {
            f"duties-{i}-id": duty.pk,
            f"duties-{i}-unit_group": unit_group.pk,
            f"duties-{i}-position": duty.position,
            f"duties-{i}-text": duty.text,
        }
        if duty.is_heading:
            data[f"duties-{i}-is_heading"] = "on"
    for i, example in enumerate(examples):
        data |= {
            f"example_titles-{i}-id": example.pk,
            f"example_titles-{i}-unit_group": unit_group.pk,
            f"example_titles-{i}-title": example.title,
        }
    return data | changes


def test_a_noc_editor_can_open_the_catalogue(editor_client, cooks):
    assert "Cooks" in editor_client.get(CHANGELIST).content.decode()
    assert "Cooks prepare meals." in editor_client.get(_change_url(cooks)).content.decode()


def test_a_consultant_cannot_open_the_catalogue(client, consultant, cooks):
    log_in_verified(client, consultant)
    assert client.get(CHANGELIST).status_code == 403


def test_an_applicant_is_sent_to_the_admin_login(applicant_client, cooks):
    response = applicant_client.get(CHANGELIST)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_a_noc_editor_cannot_see_applicants(editor_client, applicant):
    assert editor_client.get(reverse("admin:profiles_applicant_changelist")).status_code == 403


def test_a_noc_editor_cannot_add_or_delete_unit_groups(editor_client, cooks):
    assert editor_client.get(reverse("admin:eligibility_unitgroup_add")).status_code == 403
    delete = reverse("admin:eligibility_unitgroup_delete", args=[cooks.pk])
    assert editor_client.get(delete).status_code == 403


def test_search_finds_an_example_title_without_its_accents(editor_client, cooks):
    UnitGroupFactory(code="21231", title="Software engineers and designers")
    response = editor_client.get(CHANGELIST, {"q": "patissier"})
    assert response.context["cl"].result_count == 1


def test_search_finds_a_code_by_its_prefix(editor_client, cooks):
    response = editor_client.get(CHANGELIST, {"q": "632"})
    assert list(response.context["cl"].result_list) == [cooks]


def test_the_list_filters_by_teer_and_major_group(editor_client, cooks):
    UnitGroupFactory(code="21231", title="Software engineers and designers")
    assert editor_client.get(CHANGELIST, {"teer": "3"}).context["cl"].result_count == 1
    response = editor_client.get(CHANGELIST, {"major": "63"})
    assert list(response.context["cl"].result_list) == [cooks]


def test_an_edit_records_who_changed_what(editor_client, noc_editor, cooks):
    response = editor_client.post(
        _change_url(cooks), _form_data(cooks, lead_statement="Cooks cook.")
    )
    assert response.status_code == 302
    latest = cooks.history.first()
    assert latest.history_user == noc_editor
    assert latest.lead_statement == "Cooks cook."
    assert latest.diff_against(latest.prev_record).changed_fields == ["lead_statement"]


def test_reordering_duties_inline_is_saved_and_recorded(editor_client, noc_editor, cooks):
    data = _form_data(cooks, **{"duties-0-position": 2, "duties-1-position": 1})
    editor_client.post(_change_url(cooks), data)
    assert [d.text for d in cooks.duties.order_by("position")] == [
        "Clean the kitchen",
        "Prepare meals",
    ]
    duty = cooks.duties.get(text="Prepare meals")
    assert duty.history.first().history_user == noc_editor


def test_an_edit_marks_the_unit_group_as_edited_by_staff(editor_client, cooks):
    editor_client.post(_change_url(cooks), _form_data(cooks, title="Cooks and chefs"))
    cooks.refresh_from_db()
    assert cooks.staff_edited
    assert cooks.search_title == " cooks and chefs "


def test_the_history_page_lists_changes_to_duties(editor_client, cooks):
    editor_client.post(_change_url(cooks), _form_data(cooks, **{"duties-1-text": "Scrub pots"}))
    history = reverse("admin:eligibility_unitgroup_history", args=[cooks.pk])
    response = editor_client.get(history)
    assert response.status_code == 200
    assert "Scrub pots" in response.content.decode()


def test_restoring_a_version_brings_back_its_duties(editor_client, cooks):
    original = cooks.history.first()
    editor_client.post(
        _change_url(cooks),
        _form_data(cooks, lead_statement="Changed.", **{"duties-1-text": "Scrub pots"}),
    )
    revert = reverse(
        "admin:eligibility_unitgroup_simple_history", args=[cooks.pk, original.history_id]
    )
    response = editor_client.post(
        revert, {"title": "Cooks", "lead_statement": original.lead_statement}
    )
    assert response.status_code == 302
    cooks.refresh_from_db()
    assert cooks.lead_statement == "Cooks prepare meals."
    assert [d.text for d in cooks.duties.order_by("position")] == [
        "Prepare meals",
        "Clean the kitchen",
    ]


def test_the_history_page_leaves_out_the_first_import(editor_client, sample_catalogue):
    cooks = UnitGroup.objects.get(code="63200")
    editor_client.post(_change_url(cooks), _form_data(cooks, **{"duties-2-text": "Scrub pots"}))
    history = reverse("admin:eligibility_unitgroup_history", args=[cooks.pk])
    changes = editor_client.get(history).context["child_history"]
    assert [(c.change, c.text) for c in changes] == [("changed", "Scrub pots")]
