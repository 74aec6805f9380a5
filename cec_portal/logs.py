"""Structured logs: one JSON object per line, with the request id that ties together a
request's lines on an app server and the lines of the tasks it queued on a worker.

The id is read from the balancer's ``X-Request-ID`` header when it looks like one (so the
balancer's access log matches), made up otherwise, sent back in the response, and carried to
Celery tasks in their message headers (``cec_portal.celery``'s signal handlers).
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# The attributes every LogRecord has; anything else was passed with ``extra=`` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def new_request_id(offered: str | None = None) -> str:
    """The balancer's id if it is a plain token, else a fresh one."""
    if offered and _VALID.match(offered):
        return offered
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        entry.update(
            {key: value for key, value in vars(record).items() if key not in _STANDARD}
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
