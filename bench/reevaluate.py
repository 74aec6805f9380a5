"""Benchmark of ``manage.py reevaluate --all`` on a large database.

    python bench/reevaluate.py                      # 50,000 applicants in cec_bench (PostgreSQL)

Seeds the database up to ``--count`` applicants (``manage.py seed_bench``), then times the
command end to end in-process. Target: under 60 s for 50,000 applicants.
Figures are written to bench/out/reevaluate_<vendor>.json.
"""

import argparse
import json
import time
from io import StringIO
from pathlib import Path

from _admin_setup import OUT, prepare


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    vendor = prepare(args.count)

    from django.core.management import call_command

    from profiles.models import Applicant

    out = StringIO()
    start = time.perf_counter()
    call_command("reevaluate", "--all", "--batch-size", str(args.batch_size), stdout=out)
    seconds = time.perf_counter() - start
    applicants = Applicant.objects.count()
    results = {
        "vendor": vendor, "applicants": applicants, "batch_size": args.batch_size,
        "seconds": round(seconds, 1), "per_second": round(applicants / seconds),
        "summary": out.getvalue().strip(),
    }
    print(f"reevaluate --all: {applicants:,} applicants in {seconds:.1f} s "
          f"({applicants / seconds:,.0f}/s)\n{results['summary']}")
    Path(OUT).mkdir(exist_ok=True)
    (OUT / f"reevaluate_{vendor}.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
