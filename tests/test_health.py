"""Liveness and readiness endpoints (cec_portal.health)."""

import pytest
from django.urls import reverse

from cec_portal import health

pytestmark = pytest.mark.django_db(transaction=True)


def ready(client):
    return client.get(reverse("health_ready"), HTTP_ACCEPT="application/json")


def test_liveness_answers_without_asking_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health_live"))
    assert (response.status_code, response.content) == (200, b"ok")


def test_readiness_checks_database_cache_broker_and_storage(client):
    response = ready(client)
    assert response.status_code == 200
    names = " ".join(response.json())
    for check in ("Database", "Cache", "Broker", "DocumentStorage"):
        assert check in names


def test_readiness_fails_when_the_broker_is_unreachable(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def refuse():
        raise ConnectionRefusedError("no broker")

    monkeypatch.setattr(health.app, "connection_for_write", refuse)
    response = ready(client)
    assert response.status_code == 500
    assert any("Broker" in name for name, status in response.json().items() if status != "OK")


def test_readiness_fails_when_the_storage_is_unreachable(client, monkeypatch):
    def refuse(name):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(health.storages["default"], "exists", refuse)
    assert ready(client).status_code == 500


def test_health_probes_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("health_live")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


def test_each_response_carries_a_request_id_and_no_server_name(client):
    response = client.get(reverse("health_live"))
    assert len(response["X-Request-ID"]) == 32
    assert "X-Served-By" not in response


def test_the_balancers_request_id_is_kept(client):
    response = client.get(reverse("health_live"), HTTP_X_REQUEST_ID="lb-1234567890")
    assert response["X-Request-ID"] == "lb-1234567890"
