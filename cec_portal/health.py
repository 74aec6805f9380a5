"""Liveness and readiness for the balancer and the orchestrator (django-health-check).

- ``/health/live/``: the process answers; nothing else is asked (a restart cures nothing a
  dependency's outage causes).
- ``/health/ready/``: the database, the cache, the broker and the document storage answer; a
  server that fails it is taken out of the balancer's rotation until it passes again.

Each probe only reads: a GET never writes (the library's own storage check saves a file).
"""

import dataclasses

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from cec_portal.celery import app

PROBE_NAME = "health-check-probe"


@dataclasses.dataclass
class Broker(HealthCheck):
    """The broker accepts a connection (not whether a worker is up: the web serves without)."""

    def run(self) -> None:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return  # no broker: tasks run in process
        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=3)
        except Exception as error:
            raise ServiceUnavailable("broker unreachable") from error


@dataclasses.dataclass
class DocumentStorage(HealthCheck):
    """The document storage answers a read (a HEAD on the bucket's probe key, or a stat)."""

    def run(self) -> None:
        try:
            storages["default"].exists(PROBE_NAME)
        except Exception as error:
            raise ServiceUnavailable("document storage unreachable") from error


# The view is async: it runs outside the request transaction (ATOMIC_REQUESTS refuses those).
ready = transaction.non_atomic_requests(never_cache(
    HealthCheckView.as_view(checks=[Database, Cache, Broker, DocumentStorage])
))


@transaction.non_atomic_requests
@never_cache
def live(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
