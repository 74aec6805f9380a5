"""The Celery application: background work (email, reminders, re-evaluation, imports).

With ``CELERY_BROKER_URL`` (or ``REDIS_URL``) set, tasks go to the broker and run on workers
(``make worker``) with celery beat's schedule (``CELERY_BEAT_SCHEDULE`` in the settings).
Without a broker — the embedded default of ``make run`` and the tests — every task runs
at once, in the process that asked for it (``CELERY_TASK_ALWAYS_EAGER``).
"""

import os

from celery import Celery, signals

from cec_portal import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cec_portal.settings")

app = Celery("cec_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# The request id travels with each task in its message headers (cec_portal.logs), so a
# worker's log lines name the request that queued the work.
@signals.before_task_publish.connect
def _send_request_id(headers=None, **kwargs) -> None:
    if headers is not None:
        headers.setdefault("request_id", logs.request_id.get())


@signals.task_prerun.connect
def _receive_request_id(task=None, **kwargs) -> None:
    if task is None:
        return
    offered = getattr(task.request, "request_id", None)
    if offered and offered != "-":
        logs.request_id.set(offered)
    elif not task.request.is_eager:  # a task run in process keeps its request's id
        logs.request_id.set(logs.new_request_id())
