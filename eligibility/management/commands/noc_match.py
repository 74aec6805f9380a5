"""``python manage.py noc_match [--json] [--limit N] [--code CODE] -``: duties in, NOC codes out.

Reads a description of a job's duties on stdin (or as the argument) and prints the unit
groups it matches best, with scores and the main duties it comes closest to. With ``--code``
it prints, for that code, which main duties the description covers and which it does not.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from eligibility.noc.matching import DEFAULT_LIMIT, duty_coverage, match_duties


class Command(BaseCommand):
    help = "Rank NOC unit groups by how well a description of duties (stdin) matches them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("text", nargs="?", default="-", help='The duties, or "-" for stdin.')
        parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT)
        parser.add_argument("--code", help="Show which main duties of this code are covered.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, text: str, limit: int, code: str | None, json: bool, **options):
        if text == "-":
            text = sys.stdin.read()
        if not text.strip():
            raise CommandError("No duties given: pipe the description into the command.")
        if code:
            self._coverage(text, code, as_json=json)
        else:
            self._ranking(text, limit, as_json=json)

    def _ranking(self, text: str, limit: int, *, as_json: bool) -> None:
        matches = match_duties(text, limit=limit)
        if as_json:
            self.stdout.write(_dumps([m.__dict__ for m in matches]))
            return
        if not matches:
            self.stdout.write("No unit group matches this description.")
        for rank, match in enumerate(matches, start=1):
            self.stdout.write(f"{rank}. {match.code}  {match.title}  score {match.score:.3f}")
            for duty in match.matched_duties:
                self.stdout.write(f"     ~ {duty}")

    def _coverage(self, text: str, code: str, *, as_json: bool) -> None:
        coverage = duty_coverage(text, code)
        if coverage is None:
            raise CommandError(f"{code} is not a NOC 2021 unit group code.")
        if as_json:
            self.stdout.write(
                _dumps(
                    {
                        "code": coverage.code,
                        "title": coverage.title,
                        "share_covered": round(coverage.share_covered, 3),
                        "covered": [c.__dict__ for c in coverage.covered],
                        "missing": list(coverage.missing),
                    }
                )
            )
            return
        self.stdout.write(
            f"{coverage.code}  {coverage.title}: {len(coverage.covered)} of "
            f"{len(coverage.covered) + len(coverage.missing)} main duties covered"
        )
        for covered in coverage.covered:
            self.stdout.write(f"  [x] {covered.duty}\n        <- {covered.sentence}")
        for missing in coverage.missing:
            self.stdout.write(f"  [ ] {missing}")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
