"""``python manage.py noc_search "QUERY" [--limit N] [--json]``: the questionnaire's search."""

import json

from django.core.management.base import BaseCommand

from eligibility.noc.search import DEFAULT_LIMIT
from eligibility.noc.selectors import unit_group_search


class Command(BaseCommand):
    help = "Search the NOC catalogue as the questionnaire does: code prefix, title, examples."

    def add_arguments(self, parser) -> None:
        parser.add_argument("query")
        parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT)
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, query: str, limit: int, json: bool, **options) -> None:
        hits = unit_group_search(query=query, limit=limit)
        if json:
            self.stdout.write(_json(hits))
            return
        if not hits:
            self.stdout.write("No match.")
        for hit in hits:
            self.stdout.write(
                f"{hit.code}  {hit.title}  (TEER {hit.teer})  "
                f"[{hit.kind.name.lower()}: {hit.matched}]"
            )


def _json(hits) -> str:
    return json.dumps(
        [
            {
                "code": h.code,
                "title": h.title,
                "teer": h.teer,
                "match": h.kind.name.lower(),
                "matched": h.matched,
            }
            for h in hits
        ],
        ensure_ascii=False,
        indent=2,
    )
