"""Re-evaluate stored applicant evaluations, for when a ruleset changes.

    python manage.py reevaluate --all
    python manage.py reevaluate --consultant consultant@example.ca

Works in batches (each its own transaction) with a progress bar on a terminal, then says how
many verdicts and CRS scores changed.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from profiles.models import Applicant, User
from profiles.reevaluation import BATCH_SIZE, applicants_reevaluate

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

    def handle(self, *args, **options) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        applicants = Applicant.objects.all()
        if options["consultant"]:
            consultant = User.objects.filter(email__iexact=options["consultant"]).first()
            if consultant is None:
                raise CommandError(f"No user with the email {options['consultant']}")
            applicants = applicants.filter(consultant=consultant)

        # The bar goes to standard error and only on a terminal (tqdm's ``disable=None``), so
        # a log or a pipe gets the summary line alone. It is given the stream itself: the
        # command's wrapper would end each of tqdm's in-place redraws with a new line.
        with tqdm(total=applicants.count(), unit=" applicants", file=self.stderr._out,
                  disable=None if options["verbosity"] > 0 else True) as bar:
            summary = applicants_reevaluate(
                applicants=applicants, batch_size=options["batch_size"], progress=bar.update
            )
        self.stdout.write(SUMMARY.format(**vars(summary)))
