"""HTTP benchmark of the public quick check (/accounts/quick-check/), against the floor.

The same set-up as ``bench/questionnaire_http.py`` (gunicorn with 2 workers on PostgreSQL, wrk
on loopback, 20 connections, BENCH_DURATION each, default 30 s), against:
  1. /healthz/ — the floor;
  2. GET of the blank quick check (an anonymous visitor's first view);
  3. GET with a nurse's answers in the session (the verdict, CRS, categories and chances);
  4. POST of those answers ("Check": validate, keep them in the session, redirect).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cec_bench \
        .venv/bin/python bench/quick_check_http.py

The rounds of the shared file are imported first, so the chances table is the real one. The
quick check's limit per address is lifted (``bench/quick_check_settings.py``). Sessions and
cache in the bench's own Redis, as in production (``bench/_redis.py``; BENCH_SESSIONS=db for
sessions in the database).
"""

import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.quick_check_settings"

import _redis  # noqa: E402
from _fixtures import NURSE_ANSWERS  # noqa: E402
from questionnaire_http import BASE, ROOT, print_ratios, start_server, wrk  # noqa: E402

ROUNDS = ROOT.parent / "shared" / "data" / "ee_rounds" / "ee_rounds_123_en.json"
PATH = "/accounts/quick-check/"
ANSWERS = NURSE_ANSWERS


def prepare() -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("import_rounds", str(ROUNDS), verbosity=0)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _cookies(response, found: dict) -> dict:
    # The cookies are Secure outside DEBUG: set by hand, as questionnaire_http.py does.
    for header in response.headers.get_all("Set-Cookie") or []:
        name, value = header.split(";", 1)[0].split("=", 1)
        found[name] = value
    return found


def checked_session() -> tuple[str, str]:
    """Send the answers once, as a browser would; return (cookie header, CSRF token)."""
    opener = urllib.request.build_opener(_NoRedirect)
    cookies = _cookies(opener.open(BASE + PATH), {})
    token = cookies["csrftoken"]
    body = urllib.parse.urlencode({**ANSWERS, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(BASE + PATH, data=body, headers={
        "Referer": BASE + PATH, "Cookie": f"csrftoken={token}"})
    try:
        opener.open(request)
    except urllib.error.HTTPError as redirect:  # 302 to the result: what a check answers
        assert redirect.code == 302, redirect.code
        _cookies(redirect, cookies)
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    page = opener.open(urllib.request.Request(BASE + PATH, headers={"Cookie": cookie}))
    assert "data-verdict=" in page.read().decode(), "the quick check gave no verdict"
    return cookie, token


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL=postgres://… (the benchmark runs on PostgreSQL).")
    print(_redis.start())
    prepare()
    server = start_server()
    try:
        cookie, token = checked_session()
        results = {
            "floor (/healthz/)": wrk("/healthz/"),
            "quick check GET, blank": wrk(PATH),
            "quick check GET, with the answers' result": wrk(PATH, cookie),
            "quick check POST (check, redirect)": wrk(
                PATH, cookie, "POST", urllib.parse.urlencode(ANSWERS),
                {"X-CSRFToken": token, "Referer": BASE + PATH,
                 "Content-Type": "application/x-www-form-urlencoded"},
            ),
        }
    finally:
        server.terminate()
        server.wait()
    print_ratios(results)


if __name__ == "__main__":
    main()
