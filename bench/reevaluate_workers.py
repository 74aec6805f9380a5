"""Benchmark of a re-evaluation run on Celery workers (``reevaluate --all --on-workers``).

    python bench/reevaluate_workers.py                    # 50,000 applicants, 2 workers
    python bench/reevaluate_workers.py --count 200000     # the linear-growth check

Seeds the database up to ``--count`` applicants (``manage.py seed_bench``), starts its own
Redis and ``--workers`` Celery worker processes (one task at a time each), then times the run
from the command's start to its last chunk. Target: 50,000 applicants with 2 workers in under
15 s. Figures go to bench/out/reevaluate_workers_<count>.json.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.scale.cluster import Cluster, free_port, wait_until  # noqa: E402


def group_cpu_seconds(leader: int) -> float:
    """User + system CPU time of every live process in ``leader``'s process group (a worker
    and its pool child), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == leader:  # field 5 of stat, the process group
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=2000)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="cec-bench-"))
    cluster = Cluster(folder)
    port = free_port()
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    from _admin_setup import OUT, PRODUCTION_LIKE, prepare

    try:
        cluster.start("redis", [shutil.which("redis-server") or "/usr/bin/redis-server",
                                "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], dict(os.environ))
        vendor = prepare(args.count)
        env = {**os.environ, **PRODUCTION_LIKE}
        for number in range(args.workers):
            cluster.start(f"worker-{number + 1}", [
                sys.executable, "-m", "celery", "-A", "cec_portal", "worker", "--concurrency",
                "1", "--loglevel", "WARNING", "-n", f"bench{number + 1}@%h",
            ], env)

        from django.core.management import call_command

        from cec_portal.celery import app

        wait_until(lambda: len(app.control.ping(timeout=1)) >= args.workers, timeout=60,
                   what=f"{args.workers} Celery workers")
        from profiles.models import Applicant

        applicants = Applicant.objects.count()
        leaders = [process.pid for name, process, _log in cluster.processes
                   if name.startswith("worker")]
        cpu_before = sum(group_cpu_seconds(leader) for leader in leaders)
        out = StringIO()
        start = time.perf_counter()
        call_command("reevaluate", "--all", "--on-workers", "--batch-size",
                     str(args.chunk_size), stdout=out, stderr=StringIO())
        seconds = time.perf_counter() - start
        cpu = sum(group_cpu_seconds(leader) for leader in leaders) - cpu_before
        load = os.getloadavg()
        results = {
            "vendor": vendor, "applicants": applicants, "workers": args.workers,
            "chunk_size": args.chunk_size, "seconds": round(seconds, 1),
            "per_second": round(applicants / seconds),
            # The workers' own CPU time: on a machine shared with other work the wall time
            # says how busy it was; this says what the run costs.
            "worker_cpu_seconds": round(cpu, 1),
            "cpu_seconds_per_1000": round(cpu / applicants * 1000, 3),
            "load_average_after": [round(value, 1) for value in load],
            "summary": out.getvalue().strip(),
        }
        print(f"reevaluate --all --on-workers: {applicants:,} applicants, {args.workers} "
              f"workers, {seconds:.1f} s ({applicants / seconds:,.0f}/s); workers' CPU "
              f"{cpu:.1f} s; load average {load[0]:.1f}\n{results['summary']}")
        Path(OUT).mkdir(exist_ok=True)
        (OUT / f"reevaluate_workers_{applicants}.json").write_text(
            json.dumps(results, indent=2) + "\n"
        )
    except BaseException:
        print(cluster.logs())
        raise
    finally:
        cluster.stop_all()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
