"""Load IRCC's Express Entry rounds of invitations into the draw history.

    python manage.py import_rounds ../shared/data/ee_rounds/ee_rounds_123_en.json
    python manage.py import_rounds https://www.canada.ca/…/ee_rounds_123_en.json

Idempotent: a round is matched by its number and updated in place. The whole file is checked
before anything is written, and the write is one transaction, so a bad file changes nothing.
"""

import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from eligibility.draws.rounds import OFFICIAL_URL, RoundsError, parse_rounds
from eligibility.models import Round

FIELDS = (
    "sequence", "drawn_on", "name", "category", "programs", "size", "crs_cutoff",
    "drawn_at_text", "tie_break_text", "tie_break_at", "distribution_on", "distribution",
)
MAX_DOWNLOAD = 20 * 1024 * 1024


class Command(BaseCommand):
    help = "Import Express Entry rounds from IRCC's JSON (a file or an https address)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "source", nargs="?", default=OFFICIAL_URL,
            help=f"a file path or an https URL (default: {OFFICIAL_URL})",
        )

    def handle(self, *args, source: str, **options) -> None:
        content = self._read(source)
        try:
            parsed = parse_rounds(content)
        except RoundsError as error:
            for problem in error.problems[:20]:
                self.stderr.write(problem)
            raise CommandError(
                f"{source}: {len(error.problems)} problem(s); nothing was imported"
            ) from error
        with transaction.atomic():
            before = Round.objects.count()
            # Only new rounds and rounds whose figures changed are written: their changed_at
            # moves, which tells a cached chances table to be made again (draws.chances).
            known = {row[0]: row[1:] for row in Round.objects.values_list("number", *FIELDS)}
            Round.objects.bulk_create(
                [Round(number=item.number, **{name: getattr(item, name) for name in FIELDS})
                 for item in parsed
                 if known.get(item.number) != tuple(getattr(item, name) for name in FIELDS)],
                update_conflicts=True,
                unique_fields=["number"],
                update_fields=[*FIELDS, "changed_at"],
            )
            added = Round.objects.count() - before
        self.stdout.write(
            f"import_rounds: {len(parsed)} rounds read, {added} new, "
            f"{len(parsed) - added} already known (updated)."
        )

    def _read(self, source: str) -> bytes:
        if source.startswith("https://"):
            try:
                with urllib.request.urlopen(source, timeout=30) as response:  # noqa: S310
                    return response.read(MAX_DOWNLOAD)
            except OSError as error:
                raise CommandError(f"{source}: cannot download ({error})") from error
        if "://" in source:
            raise CommandError(f"{source}: only a file path or an https:// address")
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"{source}: no such file")
        return path.read_bytes()
