"""The production shape, started for real: two gunicorn app servers behind nginx (TLS,
round-robin), one Celery worker and beat, PostgreSQL, Redis (cache, sessions, broker) and an
S3 server (moto). A person signs up, activates from the email the worker sent, fills every
questionnaire step, follows a case, uploads and downloads a document — each request landing on
whichever app server nginx picks — and receives the ITA reminder beat had the worker send.

Run with ``make scale-out-test`` (``.ci/run`` does): it needs DATABASE_URL=postgres://… (a
fresh database is made beside it and dropped after) and Debian's nginx and redis-server.
"""

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import httpx
import psycopg
import pytest
from django.utils import timezone

from tests import s3
from tests.cases.samples import PDF
from tests.scale.cluster import Cluster, free_port, wait_until
from tests.scale.html_forms import form_with

pytestmark = pytest.mark.scale_out

PASSWORD = "scale-out-Pa55word-2026"
EMAIL = "scale.out@example.test"
BUCKET = "cec-scale-out"
SERVERS = ("app-1", "app-2")
# The whole test (start-up included) stops within this many seconds, whatever hangs.
BUDGET_SECONDS = 170
_deadline = [0.0]


def budget(seconds: float) -> float:
    """``seconds``, or less when the test's whole budget runs out sooner."""
    left = _deadline[0] - time.monotonic()
    if left <= 0:
        raise TimeoutError(f"the scale-out test ran past its {BUDGET_SECONDS} s budget")
    return min(seconds, left)

NGINX_CONF = """
worker_processes 1;
{user}
pid {folder}/nginx.pid;
events {{ worker_connections 256; }}
http {{
  access_log {folder}/nginx-access.log;
  client_body_temp_path {folder}/nginx-body;
  proxy_temp_path {folder}/nginx-proxy;
  fastcgi_temp_path {folder}/nginx-fastcgi;
  uwsgi_temp_path {folder}/nginx-uwsgi;
  scgi_temp_path {folder}/nginx-scgi;
  client_max_body_size 10m;
  upstream app {{ server 127.0.0.1:{app_1}; server 127.0.0.1:{app_2}; }}
  server {{
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {folder}/cert.pem;
    ssl_certificate_key {folder}/key.pem;
    location / {{
      proxy_pass http://app;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Request-ID $request_id;
    }}
  }}
}}
"""


def _program(name: str) -> str:
    found = shutil.which(name) or next(
        (str(path) for path in (Path("/usr/sbin") / name, Path("/usr/bin") / name)
         if path.exists()), None)
    if found is None:
        message = f"{name} is not installed (apt-get install nginx redis-server)"
        if os.environ.get("CEC_REQUIRE_SCALE_OUT") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found


IMPORT_ROUND_434 = (
    "from datetime import timedelta; from django.utils import timezone; "
    "from eligibility.models import Round; "
    "Round.objects.create(number='434', sequence=434, name='Canadian Experience Class', "
    "category='cec', size=3000, crs_cutoff=515, "
    "drawn_on=timezone.localdate() - timedelta(days=35))"
)


def _database(url: str) -> tuple[str, str]:
    """(admin URL on the server's postgres database, URL of a fresh database to create)."""
    base = url.rsplit("/", 1)[0]
    return f"{base}/postgres", f"{base}/cec_scale_out_{uuid.uuid4().hex[:8]}"


@pytest.fixture
def deployment(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the scale-out test needs DATABASE_URL=postgres://…")
    nginx, redis_server = _program("nginx"), _program("redis-server")
    admin_url, database_url = _database(url)
    database = database_url.rsplit("/", 1)[1]
    folder = tmp_path
    (folder / "mail").mkdir()
    ports = {name: free_port() for name in ("redis", "s3", "app-1", "app-2", "nginx")}
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(folder)),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "cec_portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "scale-out-only-secret-" + uuid.uuid4().hex,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_BEHIND_PROXY": "1",
        "CEC_STATIC_MANIFEST": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
        "CEC_S3_BUCKET": BUCKET,
        "CEC_S3_ENDPOINT_URL": f"http://127.0.0.1:{ports['s3']}",
        "CEC_S3_REGION": s3.REGION,
        **s3.CREDENTIALS,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(folder / "mail"),
        "CEC_REMINDERS_EVERY_SECONDS": "3",
        "DJANGO_LOG_LEVEL": "INFO",
    }
    cluster = Cluster(folder)
    _deadline[0] = time.monotonic() + BUDGET_SECONDS
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"')
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-keyout", str(folder / "key.pem"),
             "-out", str(folder / "cert.pem")],
            check=True, capture_output=True, timeout=budget(30),
        )
        cluster.start("redis", [redis_server, "--port", str(ports["redis"]), "--bind",
                                "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(folder)], env)
        cluster.start("s3", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1",
                             "-p", str(ports["s3"])], env)
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=cluster_root(), env=env, timeout=budget(150), capture_output=True, text=True,
        )
        assert migrate.returncode == 0, migrate.stdout + migrate.stderr
        # The round the invitation names must be an imported one, drawn that day.
        imported = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", IMPORT_ROUND_434],
            cwd=cluster_root(), env=env, timeout=budget(60), capture_output=True, text=True,
        )
        assert imported.returncode == 0, imported.stdout + imported.stderr
        wait_until(lambda: s3.client(env["CEC_S3_ENDPOINT_URL"]).create_bucket(
            Bucket=BUCKET, ACL="private"), timeout=budget(20), what="S3 server")
        for name in SERVERS:
            cluster.start(name, [
                sys.executable, "-m", "gunicorn", "cec_portal.wsgi:application",
                "--bind", f"127.0.0.1:{ports[name]}", "--workers", "2", "--timeout", "60",
            ], {**env, "CEC_SERVER_NAME": name})
        cluster.start("worker", [sys.executable, "-m", "celery", "-A", "cec_portal", "worker",
                                 "--concurrency", "2", "--loglevel", "INFO"], env)
        cluster.start("beat", [sys.executable, "-m", "celery", "-A", "cec_portal", "beat",
                               "--loglevel", "INFO", "--schedule", str(folder / "beat")], env)
        (folder / "nginx.conf").write_text(NGINX_CONF.format(
            folder=folder, port=ports["nginx"], app_1=ports["app-1"], app_2=ports["app-2"],
            user="user root;" if os.geteuid() == 0 else "",
        ))
        cluster.start("nginx", [nginx, "-e", "stderr", "-p", str(folder), "-c",
                                str(folder / "nginx.conf"), "-g", "daemon off;"], env)
        for name in SERVERS:  # readiness: database, cache, broker and storage all answer
            wait_until(
                lambda name=name: httpx.get(
                    f"http://127.0.0.1:{ports[name]}/health/ready/",
                    headers={"Accept": "application/json"}, timeout=budget(5),
                ).status_code == 200,
                timeout=budget(60), what=f"{name} /health/ready/",
            )
        base = f"https://127.0.0.1:{ports['nginx']}"
        wait_until(lambda: httpx.get(f"{base}/health/live/", verify=False).status_code == 200,
                   timeout=budget(20), what="nginx")
        yield {"base": base, "folder": folder, "cluster": cluster, "env": env}
    except BaseException:
        print(cluster.logs())
        raise
    finally:
        cluster.stop_all()
        print(cluster.logs(lines=40))  # shown by pytest when the test failed
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def cluster_root() -> Path:
    return Path(__file__).resolve().parent.parent.parent


class Browser:
    """An HTTP client that follows redirects itself so every hop's app server is recorded."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.client = httpx.Client(base_url=base, verify=False, timeout=budget(30))
        self.served_by: list[str] = []
        self.posts: list[tuple[str, str]] = []  # (path, request id) of each POST

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        headers = {"Origin": self.base, "Referer": self.base + "/"} if method == "POST" else {}
        response = self.client.request(method, url, headers=headers, **kwargs)
        self.served_by.append(response.headers.get("X-Served-By", "?"))
        if method == "POST":
            self.posts.append((response.request.url.path, response.headers["X-Request-ID"]))
        assert response.status_code < 400, f"{method} {url}: {response.status_code}"
        return response

    def go(self, method: str, url: str, **kwargs) -> httpx.Response:
        response = self._send(method, url, **kwargs)
        while response.is_redirect:
            response = self._send("GET", response.headers["Location"])
        return response

    def get(self, url: str) -> httpx.Response:
        return self.go("GET", url)

    def submit(self, page: httpx.Response, *, button: str | None = None,
               field_name: str | None = None, values: dict | None = None,
               files: dict | None = None) -> httpx.Response:
        form = form_with(page.text, button=button, field_name=field_name)
        data = {**form.fields, **(values or {})}
        return self.go("POST", form.action or str(page.url), data=data, files=files)


def day(days_ago: int) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).isoformat()


def mail_containing(folder: Path, text: str) -> str | None:
    for path in sorted((folder / "mail").glob("*.log")):
        content = path.read_text(errors="replace")
        if text in content:
            return content
    return None


def fill_rows(browser: Browser, step: str, section: str, row: dict, then: str) -> None:
    """Add one row without JavaScript (the step comes back with an empty row), fill it, go on."""
    page = browser.get(f"/questionnaire/{step}/")
    page = browser.submit(page, field_name=f"{section}-TOTAL_FORMS",
                          values={"action": f"add:{section}"})
    values = {f"{section}-0-{name}": value for name, value in row.items()}
    page = browser.submit(page, field_name=f"{section}-0-{next(iter(row))}",
                          values={**values, "action": "next"})
    assert str(page.url).endswith(f"/questionnaire/{then}/"), page.url


def test_one_person_served_by_two_app_servers_a_worker_and_shared_state(deployment):
    started = time.monotonic()
    folder = deployment["folder"]
    browser = Browser(deployment["base"])

    # Sign up; the worker sends the activation email.
    page = browser.get("/accounts/sign-up/")
    page = browser.submit(page, field_name="password1", values={
        "email": EMAIL, "password1": PASSWORD, "password2": PASSWORD})
    assert str(page.url).endswith("/accounts/sign-up/sent/")
    activation = wait_until(lambda: mail_containing(folder, "/accounts/activate/"),
                            timeout=budget(60), what="activation email from the worker")
    link = re.search(r"https://\S+/accounts/activate/\S+/", activation).group(0)
    page = browser.get(link)
    page = browser.submit(page, button="Activate my account")
    page = browser.submit(browser.get("/accounts/login/"), field_name="password",
                          values={"username": EMAIL, "password": PASSWORD})
    assert "/accounts/login/" not in str(page.url)

    # Every questionnaire step (the session lives in Redis, whichever server answers).
    page = browser.get("/questionnaire/about/")
    birth = timezone.localdate().replace(year=timezone.localdate().year - 27, month=1, day=1)
    page = browser.submit(page, field_name="birth_date", values={
        "birth_date": birth.isoformat(), "marital_status": "single",
        "intended_province": "ON", "action": "next"})
    assert str(page.url).endswith("/questionnaire/education/")
    fill_rows(browser, "education", "education", {"level": "bachelors"}, then="language")
    fill_rows(browser, "language", "tests", {
        "test": "ielts_general", "taken_on": day(100), "listening": "8", "reading": "7",
        "writing": "7", "speaking": "7"}, then="work_canada")
    fill_rows(browser, "work_canada", "jobs", {
        "noc": "21231", "start": day(800), "end": day(1), "hours_per_week": "40",
        "permit_type": "pgwp"}, then="work_abroad")
    for step, then in (("work_abroad", "other"), ("other", "review")):
        page = browser.submit(browser.get(f"/questionnaire/{step}/"),
                              button="Save and continue", values={"action": "next"})
        assert str(page.url).endswith(f"/questionnaire/{then}/")
    result = browser.get("/result/").text
    assert 'data-verdict="eligible"' in result
    assert "CRS score: 457" in result

    # The case: start it, record the profile and an ITA 35 days ago (25 days left).
    page = browser.submit(browser.get("/case/"), button="Start following the case")
    case_url = re.search(r"/case/\d+/", str(page.url)).group(0)
    page = browser.submit(page, field_name="submitted_on", values={
        "submitted_on": day(60), "profile_number": "E001234567",
        "job_seeker_code": "JS1234567890"})
    page = browser.submit(page, field_name="invited_on", values={
        "invited_on": day(35), "round_number": "434", "crs_claimed": "500"})
    assert "Invited to apply" in page.text

    # A document: stored in the bucket, read back through the portal's checks.
    page = browser.get(f"{case_url}documents/")
    page = browser.submit(page, field_name="file",
                          files={"file": ("passport.pdf", PDF, "application/pdf")})
    file_url = re.search(rf'href="({case_url}files/\d+/)"', page.text).group(1)
    assert browser.get(file_url).content == PDF
    stored = s3.client(deployment["env"]["CEC_S3_ENDPOINT_URL"]).list_objects_v2(Bucket=BUCKET)
    assert [entry["Size"] for entry in stored["Contents"]] == [len(PDF)]

    # Beat runs the reminders every 3 s here; the worker sends the ITA reminder, once.
    reminder = wait_until(lambda: mail_containing(folder, "left to submit your application"),
                          timeout=budget(60), what="ITA reminder from the worker")
    assert EMAIL in reminder
    time.sleep(4)  # another beat tick: still one
    assert len([p for p in (folder / "mail").glob("*.log")
                if "left to submit" in p.read_text(errors="replace")]) == 1

    # Consecutive requests went to both servers, and nothing depended on which.
    served = browser.served_by
    switches = sum(a != b for a, b in zip(served, served[1:], strict=False))
    print(f"{len(served)} requests: {served.count('app-1')} on app-1, "
          f"{served.count('app-2')} on app-2, {switches} switches between consecutive ones; "
          f"{time.monotonic() - started:.1f} s")
    assert set(served) == set(SERVERS)
    assert switches >= len(served) // 3

    # The worker's log lines carry the request id of the sign-up that queued its email.
    sign_up_id = next(rid for path, rid in browser.posts if path == "/accounts/sign-up/")
    worker_log = (folder / "worker.log").read_text(errors="replace")
    assert f'"request_id": "{sign_up_id}"' in worker_log
    deployment["cluster"].check_running()
