"""Re-evaluation on the workers: a run is cut into chunks (profiles.reevaluation) that run in
parallel on every worker; each chunk is idempotent, so a retried or redelivered one is safe."""

from celery import group, shared_task
from django.db import OperationalError

from profiles.models import ReevaluationRun
from profiles.reevaluation import (
    CHUNK_SIZE,
    reevaluation_due,
    reevaluation_run_chunk,
    reevaluation_start,
)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=5, max_retries=5)
def reevaluate_chunk(chunk_pk: int) -> bool:
    return reevaluation_run_chunk(chunk_pk=chunk_pk)


def reevaluation_dispatch(run: ReevaluationRun) -> None:
    """Hand the run's chunks to the workers (run at once, in order, without a broker)."""
    chunks = list(run.chunks.order_by("first_pk").values_list("pk", flat=True))
    if chunks:
        group(reevaluate_chunk.si(pk) for pk in chunks).apply_async()


@shared_task
def reevaluate_all(
    reason: str = ReevaluationRun.Reason.NIGHTLY, chunk_size: int = CHUNK_SIZE
) -> int:
    run = reevaluation_start(reason=reason, chunk_size=chunk_size)
    reevaluation_dispatch(run)
    return run.pk


@shared_task
def reevaluate_if_rules_changed() -> int | None:
    if not reevaluation_due():
        return None
    return reevaluate_all(reason=ReevaluationRun.Reason.RULES_CHANGED)
