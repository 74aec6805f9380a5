"""Settings come from the environment and fail loudly on values we cannot use."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x7Qp2vLr9sTz4WmN8bYc1dKf6hJg3aUe5iOo0pRt2yXw7zQv4nMb",
    "DJANGO_ALLOWED_HOSTS": "portal.example.ca",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CEC_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_missing_secret_key_without_debug_stops_start_up():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_misspelled_debug_value_stops_start_up():
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "flase"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG='flase'" in result.stderr


def test_bad_database_url_stops_start_up():
    result = run_manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "nosuchdb://x"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


@pytest.mark.django_db
def test_migrations_are_complete():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


SHOW_SHARED_STATE = (
    "from django.conf import settings; import sentry_sdk; "
    "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.SESSION_ENGINE, "
    "settings.CACHES['default']['BACKEND'], settings.STORAGES['default']['BACKEND'], "
    "settings.CEC_MAIL_RUNNER, sentry_sdk.get_client().is_active())"
)


def test_without_redis_bucket_or_sentry_everything_stays_in_process():
    result = run_manage("shell", "-c", SHOW_SHARED_STATE, env={
        **PRODUCTION_ENV, "DATABASE_URL": "sqlite:///:memory:"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "True", "django.contrib.sessions.backends.db",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.files.storage.FileSystemStorage", "accounts.mail.in_thread", "False",
    ]


def test_redis_a_bucket_and_a_sentry_dsn_move_state_and_errors_out_of_the_process():
    result = run_manage("shell", "-c", SHOW_SHARED_STATE, env={
        **PRODUCTION_ENV, "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": "redis://127.0.0.1:1/0", "CEC_S3_BUCKET": "documents",
        "SENTRY_DSN": "https://public@sentry.example.invalid/1",
    })
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "False", "django.contrib.sessions.backends.cache",
        "cec_portal.cache.ReusedClientRedisCache", "storages.backends.s3.S3Storage",
        "accounts.tasks.on_worker", "True",
    ]
