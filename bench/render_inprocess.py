"""In-process timing of the questionnaire's work step and the public quick check.

Django's test client, no HTTP server: what one request costs in CPU (``time.process_time``),
which is what limits throughput with sync workers. DEBUG off, the production settings (the
quick check's limit per address lifted, as in ``bench/quick_check_settings.py``).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cec_bench \
        .venv/bin/python bench/render_inprocess.py [--count 30] [--profile NAME]

Sessions and cache as production keeps them: in Redis, the bench's own (``bench/_redis.py``);
``BENCH_SESSIONS=db`` measures the embedded shape (sessions in the database, cache in the
process). Prints, for each request, the CPU ms and the wall-clock ms per request (each the
best of 3 runs of ``--count`` requests: the difference is mostly waiting on PostgreSQL and
Redis) and the queries of one request. ``--profile NAME`` prints a cProfile of that
request instead.
The rounds of the shared file are imported when it is there, so the chances table is real.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update({
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-2b7c9e1f4a6d8b0c3e5f7a9b1d3f5a7c9e1b3d5f",
    "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "CEC_STATIC_MANIFEST": "0",
})
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.quick_check_settings"
sys.path.insert(0, str(ROOT / "bench"))
import _redis  # noqa: E402
from _fixtures import NURSE_ANSWERS, applicant_with_three_jobs, work_step_body  # noqa: E402

ROUNDS = ROOT.parent / "shared" / "data" / "ee_rounds" / "ee_rounds_123_en.json"
QUICK = "/accounts/quick-check/"
STEP = "/questionnaire/work_canada/"
HTMX = {"HTTP_HX_REQUEST": "true"}
FORM = "application/x-www-form-urlencoded"  # as browsers and HTMX send a form
ANSWERS = NURSE_ANSWERS  # the nurse of bench/quick_check_http.py


def prepare():
    """Migrate, an applicant with 3 jobs and a test; return (logged-in client, save body,
    anonymous client, anonymous client with the nurse's answers)."""
    import django

    sys.path.insert(0, str(ROOT / "bench"))
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    if ROUNDS.exists():
        call_command("import_rounds", str(ROUNDS), verbosity=0)
    from tests.noc.factories import UnitGroupFactory

    for code, teer in (("21232", 1), ("31301", 1)):
        UnitGroupFactory(code=code, teer=teer)  # kept if the catalogue is loaded
    user, applicant = applicant_with_three_jobs("bench.render@example.test")
    member = Client()
    member.force_login(user)
    body = work_step_body(applicant)
    assert member.post(STEP, body, **HTMX).status_code == 200  # the step is saved once
    blank = Client()
    nurse = Client()
    assert nurse.post(QUICK, ANSWERS).status_code == 302
    return member, body, blank, nurse


def requests(member, body, blank, nurse) -> dict:
    changed = dict(body)
    hours = iter(["35", "40"] * 10_000)

    count = iter(range(10**9))

    def save():
        changed["jobs-0-hours_per_week"] = next(hours)  # one row changes, every time,
        changed["jobs-0-title"] = f"Developer {next(count)}"  # never as an earlier save did
        return member.post(STEP, urlencode(changed), content_type=FORM, **HTMX)

    def save_title():
        """A save that changes no fact the rules read: today's evaluation is kept."""
        changed["jobs-0-title"] = f"Developer {next(count)}"
        return member.post(STEP, urlencode(changed), content_type=FORM, **HTMX)

    def save_whole_step():
        """The same save answered with the whole step (as after a save refused for errors)."""
        whole = {key: value for key, value in changed.items() if key != "in_place"}
        whole["jobs-0-hours_per_week"] = changed["jobs-0-hours_per_week"] = next(hours)
        whole["jobs-0-title"] = f"Developer {next(count)}"
        return member.post(STEP, urlencode(whole), content_type=FORM, **HTMX)

    from profiles import kept

    class StepNeverKept:
        """The kept parts' cache, but for a step: found nowhere (its key computed and the part
        stored as on a miss)."""

        def get(self, key, *args, **kwargs):
            return None if ":step:" in key else real_cache().get(key, *args, **kwargs)

        def __getattr__(self, name):
            return getattr(real_cache(), name)

    real_cache = kept.kept_cache

    def first_view():
        """The step's GET when it is not in the cache (its first view since it changed)."""
        kept.kept_cache = StepNeverKept
        try:
            return member.get(STEP)
        finally:
            kept.kept_cache = real_cache

    return {
        "floor: /healthz/": lambda: blank.get("/healthz/"),
        "work step GET, 3 jobs": lambda: member.get(STEP),
        "work step GET, not in the cache": first_view,
        "work step HTMX save, hours and title changed": save,
        "the same, only a title changed": save_title,
        "hours and title, whole step answered": save_whole_step,
        "quick check GET, blank": lambda: blank.get(QUICK),
        "quick check GET, nurse's result": lambda: nurse.get(QUICK),
        "quick check POST (check, redirect)": lambda: nurse.post(
            QUICK, urlencode(ANSWERS), content_type=FORM
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--profile", help="a request's name (its first words suffice)")
    parser.add_argument("--sort", default="cumulative", help="the profile's order (tottime…)")
    parser.add_argument("--dump", type=Path,
                        help="write each answer there (to compare the markup before and after)")
    args = parser.parse_args()
    print(_redis.start())
    todo = requests(*prepare())
    from django.db import connection

    if args.profile:
        name, run = next((n, r) for n, r in todo.items() if n.startswith(args.profile))
        run()
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.count):
            run()
        profiler.disable()
        print(name)
        top = int(os.environ.get("BENCH_TOP", "45"))
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(top)
        return
    print(f"{'request':42} {'CPU ms':>8} {'wall ms':>8} {'queries':>8} {'bytes':>8}")
    for name, run in todo.items():
        response = run()
        assert response.status_code in (200, 302), (name, response.status_code)
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            response = run()
        best = best_wall = float("inf")
        for _ in range(3):
            start, start_wall = time.process_time(), time.perf_counter()
            for _ in range(args.count):
                run()
            best = min(best, (time.process_time() - start) / args.count)
            best_wall = min(best_wall, (time.perf_counter() - start_wall) / args.count)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            slug = "".join(c if c.isalnum() else "_" for c in name)
            (args.dump / f"{slug}.html").write_bytes(response.content)
        print(f"{name:42} {best * 1000:8.2f} {best_wall * 1000:8.2f} {len(queries):8d} "
              f"{len(response.content):8d}")


if __name__ == "__main__":
    main()
