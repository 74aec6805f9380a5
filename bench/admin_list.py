"""Benchmark of the consultant workspace's client list on a large database.

    python bench/admin_list.py                      # 50,000 applicants in cec_bench (PostgreSQL)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/other python bench/admin_list.py --count 5000

Seeds the database up to ``--count`` applicants (``manage.py seed_bench``), then requests the
admin client list in-process — as a superuser who sees every client and as one consultant —
unfiltered, with each filter, sorted and searched. For each it reports the server time (the
median and the slowest of ``--runs`` requests after two warm-ups) and the number of queries.
Target: under 300 ms with filters, and the same number of queries whatever the row count.
Figures are written to bench/out/admin_list_<vendor>.json.
"""

import argparse
import json
import re
import statistics
import time
from pathlib import Path

from _admin_setup import OUT, prepare

SCENARIOS = {
    "unfiltered": {},
    "eligible, CRS 450-499": {"cec_status__exact": "eligible", "crs": "450"},
    "needs review": {"cec_status__exact": "needs_review"},
    "hours 1,000-1,559": {"hours": "close"},
    "language expires within 90 days": {"language": "90"},
    "CRS 500-599, sorted by CRS": {"crs": "500", "o": "-crs"},
    "sorted by CRS": {"o": "-crs"},
    "case status: invited": {"case": "invited"},
    "deadline within 7 days": {"deadline": "7"},
    "deadline within 30 days": {"deadline": "30"},
    "in the pool, CRS 450-499": {"case": "in_pool", "crs": "450"},
    "search by profile number": {"q": "E000001234"},
    "search by name": {"q": "patel"},
    "search by email": {"q": "applicant4242@bench.test"},
}


def rows_matched(html: str) -> int:
    # The admin's paginator line: "12,345 applicants" (response.context is only filled in
    # under the test runner's instrumentation, which would slow what we measure).
    paginator = html[html.index('class="paginator"'):]
    return int(re.search(r"([\d,]+)\s+applicants?", paginator).group(1).replace(",", ""))


def measure(client, url: str, query: dict, runs: int) -> dict:
    from django.contrib import admin
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from profiles.models import Applicant

    if query.get("o") == "-crs":  # the admin sorts by column number (0 is the checkbox)
        columns = ["action_checkbox", *admin.site._registry[Applicant].list_display]
        query = {**query, "o": f"-{columns.index('crs_total')}"}

    for _ in range(2):
        client.get(url, query)
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, query)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "queries": len(queries),
        "rows_matched": rows_matched(response.content.decode()),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    vendor = prepare(args.count)

    from django.test import Client
    from django.urls import reverse

    from profiles.models import Applicant, User

    superuser, _ = User.objects.get_or_create(
        email="superuser@bench.test", defaults={"is_staff": True, "is_superuser": True}
    )
    consultant = User.objects.get(email="consultant0@bench.test")
    url = reverse("admin:profiles_applicant_changelist")
    results = {"applicants": Applicant.objects.count(), "vendor": vendor, "views": {}}
    for who, user in (("superuser (all clients)", superuser),
                      (f"consultant ({consultant.clients.count():,} clients)", consultant)):
        client = Client()
        client.force_login(user)
        for name, query in SCENARIOS.items():
            figures = measure(client, url, query, args.runs)
            results["views"][f"{who}: {name}"] = figures
            print(f"{who:32} {name:34} {figures['median_ms']:7.1f} ms median "
                  f"{figures['max_ms']:7.1f} ms max {figures['queries']:3} queries "
                  f"{figures['rows_matched']:7,} rows", flush=True)
    Path(OUT).mkdir(exist_ok=True)
    (OUT / f"admin_list_{vendor}.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
