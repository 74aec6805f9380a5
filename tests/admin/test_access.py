"""Who reaches which admin view: for each view a consultant can reach, their own client works,
another consultant's client is a 404, a NOC editor is refused and an applicant is sent to log in.
"""

import pytest
from django.urls import reverse

from tests.admin.conftest import admin_url
from tests.auth import log_in_verified

pytestmark = pytest.mark.django_db

CLIENT_VIEWS = ["change", "history"]


@pytest.mark.parametrize("view", CLIENT_VIEWS)
def test_consultant_opens_their_own_clients_page(consultant_client, my_client, view):
    response = consultant_client.get(admin_url(view, my_client.pk))
    assert response.status_code == 200
    assert "Mine Client" in response.content.decode()


@pytest.mark.parametrize("view", CLIENT_VIEWS)
def test_another_consultants_client_is_not_found(consultant_client, their_client, view):
    assert consultant_client.get(admin_url(view, their_client.pk)).status_code == 404


@pytest.mark.parametrize("view", CLIENT_VIEWS)
def test_a_client_that_does_not_exist_is_not_found(consultant_client, view):
    assert consultant_client.get(admin_url(view, 999_999)).status_code == 404


def test_changing_another_consultants_client_by_post_is_not_found(
    consultant_client, their_client
):
    response = consultant_client.post(admin_url("change", their_client.pk), {"birth_date": ""})
    assert response.status_code == 404
    their_client.refresh_from_db()
    assert their_client.birth_date is not None


def test_consultant_cannot_delete_even_their_own_client(consultant_client, my_client):
    assert consultant_client.get(admin_url("delete", my_client.pk)).status_code == 403


def test_consultant_cannot_add_a_client(consultant_client):
    assert consultant_client.get(admin_url("add")).status_code == 403


def test_consultant_opens_the_client_list(consultant_client, my_client):
    response = consultant_client.get(admin_url("changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mine Client" in html
    assert f'<td class="field-verdict">{my_client.get_cec_status_display()}</td>' in html
    assert f'<td class="field-crs_total">{my_client.crs_total}</td>' in html


@pytest.mark.parametrize("view", ["changelist", "change", "history"])
def test_noc_editor_is_refused_every_client_view(client, noc_editor, my_client, view):
    log_in_verified(client, noc_editor)
    args = () if view == "changelist" else (my_client.pk,)
    assert client.get(admin_url(view, *args)).status_code in (403, 404)


def test_noc_editor_sees_the_catalogue_and_no_client_data(client, noc_editor):
    log_in_verified(client, noc_editor)
    response = client.get(reverse("admin:index"))
    app_labels = {app["app_label"] for app in response.context["app_list"]}
    assert app_labels == {"eligibility"}


@pytest.mark.parametrize("view", ["changelist", "change", "history"])
def test_applicant_is_sent_to_the_admin_login(applicant_client, applicant, view):
    args = () if view == "changelist" else (applicant.pk,)
    response = applicant_client.get(admin_url(view, *args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_consultant_sees_only_client_data_in_the_admin_index(consultant_client):
    response = consultant_client.get(reverse("admin:index"))
    models = {
        model["object_name"]
        for app in response.context["app_list"] for model in app["models"]
    }
    assert models == {"Applicant"}


def test_consultant_cannot_list_users_through_an_autocomplete(consultant_client, my_client):
    response = consultant_client.get(reverse("admin:autocomplete"), {
        "app_label": "profiles", "model_name": "applicant", "field_name": "consultant",
    })
    assert response.status_code == 403


def test_superuser_opens_any_consultants_client(superuser_client, their_client):
    response = superuser_client.get(admin_url("change", their_client.pk))
    assert response.status_code == 200
    assert "Theirs Client" in response.content.decode()


def test_superuser_can_find_consultants_to_assign(superuser_client, consultant):
    response = superuser_client.get(reverse("admin:autocomplete"), {
        "app_label": "profiles", "model_name": "applicant", "field_name": "consultant",
        "term": consultant.email,
    })
    assert [row["text"] for row in response.json()["results"]] == [consultant.email]


@pytest.mark.parametrize("action", ["export_csv", "reevaluate_selected"])
def test_applicant_running_an_action_is_sent_to_the_admin_login(
    applicant_client, applicant, action
):
    response = applicant_client.post(admin_url("changelist"), {
        "action": action, "_selected_action": [applicant.pk],
    })
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("action", ["export_csv", "reevaluate_selected"])
def test_noc_editor_cannot_run_an_action(client, noc_editor, my_client, action):
    log_in_verified(client, noc_editor)
    response = client.post(admin_url("changelist"), {
        "action": action, "_selected_action": [my_client.pk],
    })
    assert response.status_code == 403
