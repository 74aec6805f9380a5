"""``python manage.py import_noc [SOURCE ...]``: load or refresh the NOC 2021 catalogue."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from eligibility.noc.importer import (
    NocSourceError,
    build_catalogue,
    load_french_source,
    load_sources,
)
from eligibility.noc.services import catalogue_import

DEFAULT_SOURCE = settings.SHARED_DIR / "data" / "noc2021"


class Command(BaseCommand):
    help = (
        "Import Statistics Canada's NOC 2021 V1.0 CSV files (classification structure and "
        "elements) from a folder, or from the two files given as paths or URLs. Running it "
        "again updates the catalogue; records edited by staff are kept unless "
        "--overwrite-edits."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "source",
            nargs="*",
            help=f"A folder with both CSV files, or the two files/URLs (default {DEFAULT_SOURCE}).",
        )
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="Replace records that staff edited with the source's version.",
        )

    def handle(self, *args, source: list[str], overwrite_edits: bool, **options) -> None:
        started = time.monotonic()
        sources = source or [str(DEFAULT_SOURCE)]
        self.stdout.write(f"Reading {', '.join(sources)}…")
        try:
            structure, elements = load_sources(sources)
            catalogue = build_catalogue(
                structure, elements, progress=self.stdout.write,
                french=load_french_source(sources),
            )
        except NocSourceError as exc:
            raise CommandError(f"Nothing imported: {exc}") from exc
        for kind, count in catalogue.skipped_element_types.items():
            self.stderr.write(f"Skipped {count} rows of unknown element type {kind!r}.")
        report = catalogue_import(
            catalogue=catalogue, overwrite_edits=overwrite_edits, progress=self.stdout.write
        )
        if report.kept_edits:
            self.stdout.write(
                self.style.WARNING(
                    f"Left {len(report.kept_edits)} staff-edited records as they are "
                    f"(use --overwrite-edits to replace them): {', '.join(report.kept_edits)}"
                )
            )
        if report.not_in_source:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.not_in_source)} records are not in this source and were left "
                    f"in place: {', '.join(report.not_in_source)}"
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"NOC 2021 import done in {time.monotonic() - started:.1f} s: "
                f"{report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged, {len(report.kept_edits)} kept as edited; "
                f"{report.duties} main duties and {report.example_titles} example titles written."
            )
        )
