"""Load the reference data that exists: each loader is a management command of its own.

``make run`` calls this; every loader is idempotent, so running it twice is safe. A loader
whose source is missing is skipped with a message rather than failing the set-up.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# (command, path of its source below the shared folder)
LOADERS = (
    ("import_noc", "data/noc2021"),
    ("import_rounds", "data/ee_rounds/ee_rounds_123_en.json"),
)


class Command(BaseCommand):
    help = "Load the NOC 2021 catalogue and the Express Entry rounds from the shared folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--shared", default=str(settings.SHARED_DIR))

    def handle(self, *args, shared: str, **options) -> None:
        available = get_commands()
        for command, relative in LOADERS:
            source = Path(shared) / relative
            if command not in available:
                self.stdout.write(f"{command}: not part of this version yet, skipped.")
            elif not source.exists():
                self.stdout.write(f"{command}: {source} not found, skipped.")
            else:
                call_command(command, str(source), stdout=self.stdout, stderr=self.stderr)
