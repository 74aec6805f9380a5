"""Re-evaluate stored applicant evaluations, for when a ruleset changes.

    python manage.py reevaluate --all
    python manage.py reevaluate --consultant consultant@example.ca

Works in batches (each its own transaction) with a progress bar on a terminal, then says how
many verdicts and CRS scores changed.

    python manage.py reevaluate --all --on-workers

runs it on the Celery workers instead, in chunks taken in parallel (in this process when no
broker is configured), and waits for them with the same progress bar; the admin lists the run.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from profiles.models import Applicant, ReevaluationRun, User
from profiles.reevaluation import (
    BATCH_SIZE,
    applicants_reevaluate,
    reevaluation_progress,
    reevaluation_start,
)
from profiles.tasks import reevaluation_dispatch

SUMMARY = (
    "Re-evaluated {evaluated:,} applicants: {verdicts_changed:,} verdicts changed, "
    "{scores_changed:,} CRS scores changed, {incomplete:,} still incomplete."
)


class Command(BaseCommand):
    help = "Re-evaluate applicants with the rules in force today and store the results."

    def add_arguments(self, parser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every applicant")
        which.add_argument("--consultant", metavar="EMAIL",
                           help="only the clients of the consultant with this email")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                            help=f"applicants per batch (default {BATCH_SIZE})")
        parser.add_argument("--on-workers", action="store_true",
                            help="with --all: run in chunks on the Celery workers and wait")
        parser.add_argument("--timeout", type=float, default=3600,
                            help="with --on-workers: seconds to wait at most (default 3600)")

    def handle(self, *args, **options) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        if options["on_workers"]:
            if not options["all"]:
                raise CommandError("--on-workers works with --all only")
            self._on_workers(options)
            return
        applicants = Applicant.objects.all()
        if options["consultant"]:
            consultant = User.objects.filter(email__iexact=options["consultant"]).first()
            if consultant is None:
                raise CommandError(f"No user with the email {options['consultant']}")
            applicants = applicants.filter(consultant=consultant)

        # The bar goes to standard error and only on a terminal (tqdm's ``disable=None``), so
        # a log or a pipe gets the summary line alone. It is given the stream itself: the
        # command's wrapper would end each of tqdm's in-place redraws with a new line.
        with self._bar(applicants.count(), options) as bar:
            summary = applicants_reevaluate(
                applicants=applicants, batch_size=options["batch_size"], progress=bar.update
            )
        self.stdout.write(SUMMARY.format(**vars(summary)))

    def _bar(self, total: int, options: dict) -> tqdm:
        return tqdm(total=total, unit=" applicants", file=self.stderr._out,
                    disable=None if options["verbosity"] > 0 else True)

    def _on_workers(self, options: dict) -> None:
        run = reevaluation_start(
            reason=ReevaluationRun.Reason.STAFF, chunk_size=options["batch_size"]
        )
        reevaluation_dispatch(run)
        deadline = time.monotonic() + options["timeout"]
        with self._bar(run.total, options) as bar:
            while True:
                summary = reevaluation_progress(run)
                bar.update(summary.evaluated - bar.n)
                run.refresh_from_db(fields=["finished_at"])
                if run.finished_at is not None:
                    break
                if time.monotonic() > deadline:
                    raise CommandError(
                        f"Run {run.pk}: {summary.evaluated:,} of {run.total:,} re-evaluated "
                        f"after {options['timeout']:g} s; the workers go on with the rest."
                    )
                time.sleep(0.5)
        self.stdout.write(SUMMARY.format(**vars(summary)))
