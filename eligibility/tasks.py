"""The NOC catalogue and Express Entry rounds imports as tasks, for a worker to run (say, the
rounds after each draw). Both imports are idempotent — rows are matched by their code or
number and updated in place, in one transaction — so a retried task is harmless."""

from celery import shared_task
from django.core.management import call_command


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def import_rounds(source: str | None = None) -> None:
    """IRCC's rounds from ``source`` (a file or an https address; IRCC's own by default)."""
    call_command("import_rounds", *([source] if source else []))


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def import_noc(*arguments: str) -> None:
    """The NOC catalogue, with ``import_noc``'s own arguments (its files)."""
    call_command("import_noc", *arguments)
