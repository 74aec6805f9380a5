"""Shared set-up for the admin benchmarks: a PostgreSQL database holding N seeded applicants.

Migrations and seeding run as ``manage.py`` subprocesses (seeding needs DJANGO_DEBUG=1); the
measurements themselves run in this process with production settings (DEBUG off).
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/cec_bench"
PRODUCTION_LIKE = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-0b7e5c1a9d3f4e2b8c6a1d0f9e8b7c6d",
    "DJANGO_ALLOWED_HOSTS": "testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "CEC_STATIC_MANIFEST": "0",
}


def manage(*args: str, debug: bool = False) -> None:
    env = {**os.environ, **PRODUCTION_LIKE}
    if debug:
        env["DJANGO_DEBUG"] = "1"
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(count: int) -> str:
    """Migrate, top the database up to ``count`` applicants, then set Django up in-process.
    Returns the database vendor."""
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    for key, value in PRODUCTION_LIKE.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cec_portal.settings")
    sys.path.insert(0, str(ROOT))
    manage("migrate", "--noinput", "-v0")

    import django

    django.setup()
    from django.db import connection

    from profiles.models import Applicant

    missing = count - Applicant.objects.count()
    if missing > 0:
        print(f"seeding {missing:,} applicants …", flush=True)
        manage("seed_bench", str(missing), debug=True)
    return connection.vendor
