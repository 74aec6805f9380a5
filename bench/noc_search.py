"""Benchmark of NOC search: per-query latency with the full catalogue, as people type.

    python bench/noc_search.py                      # SQLite (a fresh file in a temp folder)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cec_portal_bench python bench/noc_search.py

The database named by DATABASE_URL is migrated and the shared NOC data imported into it
first (createdb it beforehand for PostgreSQL). Every prefix of each job title below is
searched, as the questionnaire's field sends them, plus code prefixes; each query runs
REPEAT times. Reported: p50/p95/max of the selector alone and of the whole GET
/noc/search/ request (view, template, session). Target: p95 < 20 ms.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_MS = 20.0
REPEAT = 3
TYPED = [
    "software engineer", "registered nurse", "cook", "truck driver", "cashier",
    "administrative assistant", "electrician", "accountant", "web developer", "welder",
    "early childhood educator", "retail salesperson", "security guard", "carpenter",
    "data scientist", "financial advisor", "plumber", "receptionist", "barista",
    "ingénieur", "DevOps", "home support worker", "heavy equipment operator",
    "restaurant manager", "teacher",
]  # fmt: skip
CODES = ["0", "00", "000", "0001", "00010", "2", "21", "212", "2123", "21231", "6", "65",
         "651", "6510", "65100", "7", "73", "733", "7330", "73300"]


def setup_catalogue() -> str:
    """Point Django at the bench database, migrate it and import the shared NOC data."""
    os.environ.setdefault("DJANGO_DEBUG", "1")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cec_portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    out = StringIO()
    started = time.perf_counter()
    call_command("import_noc", stdout=out)
    imported = time.perf_counter() - started
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"import_noc: {imported:.1f} s — {out.getvalue().strip().splitlines()[-1]}")
    return connection.vendor


def queries() -> list[str]:
    typed = [title[:n] for title in TYPED for n in range(1, len(title) + 1)]
    return [q for q in typed if q.strip()] + CODES


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(times_ms: list[float]) -> dict:
    return {
        "queries": len(times_ms),
        "p50_ms": round(statistics.median(times_ms), 2),
        "p95_ms": round(percentile(times_ms, 0.95), 2),
        "max_ms": round(max(times_ms), 2),
    }


def main() -> None:
    vendor = setup_catalogue()
    from django.test import Client

    from eligibility.noc.selectors import unit_group_search
    from profiles.models import User

    all_queries = queries()
    for q in all_queries[:20]:  # warm the connection and caches
        unit_group_search(query=q)
    selector_ms = []
    for _ in range(REPEAT):
        for q in all_queries:
            started = time.perf_counter()
            unit_group_search(query=q)
            selector_ms.append((time.perf_counter() - started) * 1000)

    user, _ = User.objects.get_or_create(email="bench@example.test")
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    request_ms = []
    for _ in range(REPEAT):
        for q in all_queries:
            started = time.perf_counter()
            response = client.get("/noc/search/", {"q": q}, headers={"HX-Request": "true"})
            request_ms.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code

    result = {
        "database": vendor,
        "selector": summary(selector_ms),
        "request": summary(request_ms),
        "target_p95_ms": TARGET_MS,
        # Other work on the machine slows every figure; note it beside them.
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result, indent=2))
    verdict = "meets" if result["request"]["p95_ms"] < TARGET_MS else "MISSES"
    print(f"{verdict} the target: request p95 {result['request']['p95_ms']} ms < {TARGET_MS} ms")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / f"noc_search_{vendor}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
