"""In-process timing of the questionnaire's work step and the public quick check.

Django's test client, no HTTP server: what one request costs in CPU (``time.process_time``),
which is what limits throughput with sync workers. DEBUG off, the production settings (the
quick check's limit per address lifted, as in ``bench/quick_check_settings.py``).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cec_bench \
        .venv/bin/python bench/render_inprocess.py [--count 30] [--profile NAME]

Sessions and cache as production keeps them: in Redis, the bench's own (``bench/_redis.py``);
``BENCH_SESSIONS=db`` measures the embedded shape (sessions in the database, cache in the
process). Prints, for each request, the CPU ms per request (best of 3 runs of ``--count``
requests) and the queries of one request. ``--profile NAME`` prints a cProfile of that
request instead.
The rounds of the shared file are imported when it is there, so the chances table is real.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from datetime import date
from decimal import Decimal
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

ROUNDS = ROOT.parent / "shared" / "data" / "ee_rounds" / "ee_rounds_123_en.json"
QUICK = "/accounts/quick-check/"
STEP = "/questionnaire/work_canada/"
HTMX = {"HTTP_HX_REQUEST": "true"}
FORM = "application/x-www-form-urlencoded"  # as browsers and HTMX send a form
# The nurse of bench/quick_check_http.py: CEC-eligible, healthcare.
ANSWERS = {
    "about-birth_date": "1994-03-10", "about-marital_status": "single",
    "about-intended_province": "ON", "spouse-accompanying": "on",
    "education-level": "bachelors", "education-canadian": "on",
    "test-test": "ielts_general", "test-taken_on": "2025-06-14", "test-listening": "8.5",
    "test-reading": "8", "test-writing": "7.5", "test-speaking": "7.5",
    "job-title": "Registered nurse", "job-noc": "31301", "job-start": "2023-01-09",
    "job-hours_per_week": "37.5", "job-paid": "on", "job-permit_type": "pgwp",
    "abroad-paid": "on", "check": "",
}


def prepare():
    """Migrate, an applicant with 3 jobs and a test; return (logged-in client, save body,
    anonymous client, anonymous client with the nurse's answers)."""
    import django

    sys.path.insert(0, str(ROOT / "bench"))
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from profiles.models import Applicant, Job, LanguageTest, User
    from profiles.services import applicant_sign_up

    call_command("migrate", verbosity=0)
    if ROUNDS.exists():
        call_command("import_rounds", str(ROUNDS), verbosity=0)
    from tests.noc.factories import UnitGroupFactory

    for code, teer in (("21232", 1), ("31301", 1)):
        UnitGroupFactory(code=code, teer=teer)  # kept if the catalogue is loaded
    email = "bench.render@example.test"
    User.objects.filter(email=email).delete()
    user = applicant_sign_up(email=email, password="bench-password-2026-x")
    applicant = Applicant.objects.get(user=user)
    Applicant.objects.filter(pk=applicant.pk).update(
        birth_date=date(1995, 5, 5), marital_status="single", intended_province="ON"
    )
    LanguageTest.objects.create(applicant=applicant, test="ielts_general",
                                taken_on=date(2026, 3, 1), listening=Decimal(8),
                                reading=Decimal(7), writing=Decimal(7), speaking=Decimal(7))
    for start in (date(2022, 1, 3), date(2023, 6, 1), date(2024, 9, 2)):
        Job.objects.create(applicant=applicant, noc="21232", country="CA", province="ON",
                           start=start,
                           end=None if start.year == 2024 else date(start.year, 12, 31),
                           hours_per_week=Decimal(40), employer="Bench Co", title="Developer",
                           permit_type="pgwp")
    member = Client()
    member.force_login(user)
    jobs = list(Job.objects.filter(applicant=applicant).order_by("id"))
    body = {"jobs-TOTAL_FORMS": "3", "jobs-INITIAL_FORMS": "3", "jobs-MIN_NUM_FORMS": "0",
            "jobs-MAX_NUM_FORMS": "1000", "action": "save"}
    for i, job in enumerate(jobs):
        body.update({
            f"jobs-{i}-id": str(job.pk), f"jobs-{i}-employer": job.employer,
            f"jobs-{i}-title": job.title, f"jobs-{i}-noc": job.noc, f"jobs-{i}-province": "ON",
            f"jobs-{i}-start": job.start.isoformat(),
            f"jobs-{i}-end": job.end.isoformat() if job.end else "",
            f"jobs-{i}-hours_per_week": "40", f"jobs-{i}-paid": "on",
            f"jobs-{i}-permit_type": "pgwp",
        })
    assert member.post(STEP, body, **HTMX).status_code == 200  # the step is saved once
    blank = Client()
    nurse = Client()
    assert nurse.post(QUICK, ANSWERS).status_code == 302
    return member, body, blank, nurse


def requests(member, body, blank, nurse) -> dict:
    changed = dict(body)
    hours = iter(["35", "40"] * 10_000)

    def save():
        changed["jobs-0-hours_per_week"] = next(hours)  # one row changes, every time
        return member.post(STEP, urlencode(changed), content_type=FORM, **HTMX)

    return {
        "floor: /healthz/": lambda: blank.get("/healthz/"),
        "work step GET, 3 jobs": lambda: member.get(STEP),
        "work step HTMX save, one row changed": save,
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
    print(f"{'request':42} {'CPU ms':>8} {'queries':>8} {'bytes':>8}")
    for name, run in todo.items():
        response = run()
        assert response.status_code in (200, 302), (name, response.status_code)
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            response = run()
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            for _ in range(args.count):
                run()
            best = min(best, (time.process_time() - start) / args.count)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            slug = "".join(c if c.isalnum() else "_" for c in name)
            (args.dump / f"{slug}.html").write_bytes(response.content)
        print(f"{name:42} {best * 1000:8.2f} {len(queries):8d} {len(response.content):8d}")


if __name__ == "__main__":
    main()
