"""Fixed-window request limits kept in the database (shared by every worker, atomic on both
SQLite and PostgreSQL). Limits are named in ``settings.CEC_RATE_LIMITS``: scope → (count,
window). Keys are stored as digests, so an email address asked about is not kept in clear.
"""

import hashlib
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from accounts.models import RequestCount


def _window_start(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)


def hit(*, scope: str, key: str) -> bool:
    """Count one request by ``key`` in ``scope``; False once it is over the scope's limit."""
    limit, window = settings.CEC_RATE_LIMITS[scope]
    seconds = int(window.total_seconds())
    start = _window_start(timezone.now(), seconds)
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()
    row, created = RequestCount.objects.get_or_create(
        scope=scope, key=digest, window_start=start, defaults={"count": 1}
    )
    if created:
        # Old windows are of no use: drop them as new ones open.
        RequestCount.objects.filter(scope=scope, window_start__lt=start).delete()
        return limit >= 1
    RequestCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
    row.refresh_from_db(fields=["count"])
    return row.count <= limit
