"""HTTP benchmark of the questionnaire's work step, against the framework's floor.

gunicorn (2 workers) serves the project on PostgreSQL; wrk, on loopback, drives 20 connections
for 10 s an endpoint (BENCH_DURATION), in ``--rounds`` rounds (3; until 2026-11-28 one round of
30 s), each request as one of ``--people`` applicants in turn (20 by default: as many as
connections, each saving their own rows; ``--people 1`` is the bench as it was until
2026-11-28, where every save waits for the one before it to release the same row), against:
  1. /healthz/ — HttpResponse("ok") behind the same middleware: the floor on this machine;
  2. GET /questionnaire/work_canada/ for an applicant with 3 jobs (the page);
  3. POST of the same step as HTMX sends it (the save: validate, save, evaluate, and the
     answer: only what changed, since 2026-11-28), each with a job title no other save sent
     and other hours (a fact: the person is evaluated again);
  4. the same with only the title changed (no fact: today's evaluation is kept);
  5. 3., answered with the whole step (as after a save refused for errors, and as every save
     was answered before 2026-11-28);
  6. the same POST with the rows as they are (a person pressing "Save" with nothing changed:
     no row is written; until 2026-11-28 this was the bench's only save).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cec_bench \
        .venv/bin/python bench/questionnaire_http.py [--people 20] [--rounds 3]

Production's shape: the bench starts its own redis-server (bench/_redis.py) and sets REDIS_URL,
so the cache and the sessions live in Redis as the README's settings say production runs;
BENCH_SESSIONS=db measures the embedded shape instead (sessions in the database).

Needs Debian's wrk (apt-get install wrk) and redis-server. Prints requests/s, p95, errors
and the ratios: each round's own (the floor is measured again at the start of each round, so a
machine slower for a while slows both), their median and their range.
Targets: page ≥ 1/10 of the floor, save ≥ 1/20, p95 < 50 ms, no errors.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import _redis  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
DURATION = os.environ.get("BENCH_DURATION", "10s")
ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-2b7c9e1f4a6d8b0c3e5f7a9b1d3f5a7c9e1b3d5f",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "CEC_STATIC_MANIFEST": "0",
}
os.environ.update(ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cec_portal.settings")

LUA_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %.3f %.3f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(95) / 1000, latency:percentile(50) / 1000))
end
"""


# Each save changes the first job's title to one no other save sends (the thread's number and
# its count), so no save finds its answer already rendered (``portal.step_part``) as a repeated
# body would: what is measured is a save that changes something. Where the body asks for it,
# the hours change too (30 to 39 a week, other than the person's last save sent): a fact the
# rules read. Each request is one of the
# people's, in turn (``--people``): their own session, CSRF token and rows.
UNIQUE = "BENCH-UNIQUE"
HOURS = "BENCH-HOURS"
LUA_PEOPLE = """
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
init = function(args)
  count = 0
end
request = function()
  count = count + 1
  local person = people[(tid * 7 + count) % #people + 1]
  local headers = {}
  for name, value in pairs(extra_headers) do headers[name] = value end
  headers["Cookie"] = person.cookie
  if method == "GET" then
    return wrk.format("GET", nil, headers, nil)
  end
  headers["X-CSRFToken"] = person.csrf
  local body = person.body:gsub("BENCH%-UNIQUE", tag .. tid .. "-" .. count)
  person.saves = (person.saves or 0) + 1  -- this person's next save changes their hours
  body = body:gsub("BENCH%-HOURS", tostring(30 + person.saves % 10))
  return wrk.format("POST", nil, headers, body)
end
"""


def prepare(people: int) -> list[tuple[str, dict]]:
    """Migrate, create ``people`` applicants with 3 jobs and a test each; return each one's
    (session key, work step's post body)."""
    import django

    django.setup()
    from importlib import import_module

    from _fixtures import applicant_with_three_jobs, work_step_body
    from django.conf import settings
    from django.core.management import call_command

    from profiles.evaluation import applicant_reevaluate

    call_command("migrate", verbosity=0)
    prepared = []
    for number in range(people):
        email = ("bench.applicant@example.test" if number == 0
                 else f"bench.applicant.{number}@example.test")
        user, applicant = applicant_with_three_jobs(email)
        # A person at this step has saved the steps before it, and every save stores their
        # evaluation: store it as a save does, so that the page is measured as they see it (an
        # evaluation not stored today is evaluated again on every view until the next save).
        applicant_reevaluate(applicant=applicant)
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "accounts.backends.PortalBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        prepared.append((session.session_key, work_step_body(applicant)))
    return prepared


def csrf_for(session_key: str) -> str:
    request = urllib.request.Request(f"{BASE}/questionnaire/work_canada/",
                                     headers={"Cookie": f"sessionid={session_key}"})
    with urllib.request.urlopen(request) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
        html = response.read().decode()
    token = re.search(r"csrftoken=([^;]+)", " ".join(cookies)).group(1)
    assert 'id="step"' in html, "the work step did not render"
    return token


def lua_string(value: str) -> str:
    assert value.isascii(), value  # URL-encoded bodies, cookies and tokens are ASCII
    return json.dumps(value)  # a JSON string of ASCII is a Lua string


def wrk(path: str, people: list | None = None, method: str = "GET",
        headers: dict | None = None, tag: str = "") -> dict:
    """wrk against ``path``; with ``people`` (cookie, CSRF token, body), each request is one
    person's, in turn; ``tag`` starts every unique title (a round's own: wrk counts its
    requests from 1 again each run, and a title sent in an earlier round would find its step
    already rendered)."""
    script = LUA_REPORT
    if people:
        rows = ",\n".join(
            "{{cookie = {}, csrf = {}, body = {}}}".format(*map(lua_string, person))
            for person in people
        )
        extra = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}"
                          for k, v in (headers or {}).items())
        script += (f"people = {{{rows}}}\nmethod = {lua_string(method)}\n"
                   f"tag = {lua_string(tag)}\n"
                   f"extra_headers = {{{extra}}}\n" + LUA_PEOPLE)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    args = ["wrk", "-t2", "-c20", f"-d{DURATION}", "-s", handle.name, BASE + path]
    output = subprocess.run(args, capture_output=True, text=True).stdout
    line = next(row for row in output.splitlines() if row.startswith("RESULT"))
    requests, errors, micros, p95, p50 = line.split()[1:]
    seconds = int(micros) / 1e6
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": int(requests) / seconds, "p95_ms": float(p95), "p50_ms": float(p50),
            "errors": int(errors) + (int(non_2xx.group(1)) if non_2xx else 0),
            "requests": int(requests)}


def start_server() -> subprocess.Popen:
    """gunicorn with 2 workers on the bench's port, once it answers the floor view."""
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "cec_portal.wsgi", "-w", "2",
         "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"], cwd=ROOT, env={**os.environ},
    )
    for _ in range(50):
        try:
            urllib.request.urlopen(f"{BASE}/healthz/")
            break
        except OSError:
            time.sleep(0.2)
    return server


def saved_as_asked(person: tuple, headers: dict, marker: str) -> None:
    """One save of ``person``'s body, as wrk will send it: it must be stored, not refused."""
    cookie, csrf, body = person
    body = body.replace(UNIQUE, "check").replace(HOURS, "38")
    request = urllib.request.Request(
        BASE + "/questionnaire/work_canada/", data=body.encode(), method="POST",
        headers={**headers, "Cookie": cookie, "X-CSRFToken": csrf},
    )
    with urllib.request.urlopen(request) as response:
        html = response.read().decode()
    assert marker in html and "Some answers need a correction" not in html, html[:500]


def encoded(form: dict, **changes) -> str:
    return "&".join(f"{k}={urllib.parse.quote(v)}" for k, v in {**form, **changes}.items())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20,
                        help="applicants the requests take turns as (20: one a connection)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="times every endpoint is measured, the floor first each time")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL=postgres://… (the benchmark runs on PostgreSQL).")
    print(_redis.start())
    prepared = prepare(args.people)
    server = start_server()
    try:
        people = {"unchanged": [], "title": [], "hours": [], "whole": [], "get": []}
        for session_key, form in prepared:
            csrf = csrf_for(session_key)
            cookie = f"sessionid={session_key}; csrftoken={csrf}"
            title = {"jobs-0-title": f"Developer {UNIQUE}"}
            hours = {**title, "jobs-0-hours_per_week": HOURS}
            people["get"].append((cookie, csrf, ""))
            people["unchanged"].append((cookie, csrf, encoded(form)))
            people["title"].append((cookie, csrf, encoded(form, **title)))
            people["hours"].append((cookie, csrf, encoded(form, **hours)))
            people["whole"].append(
                (cookie, csrf, encoded(form, **hours).replace("&in_place=1", ""))
            )
        save_headers = {"HX-Request": "true", "Referer": BASE + "/",
                        "Content-Type": "application/x-www-form-urlencoded"}
        step = "/questionnaire/work_canada/"
        for kind in ("hours", "title", "unchanged"):
            saved_as_asked(people[kind][0], save_headers, 'id="save-status"')
        saved_as_asked(people["whole"][0], save_headers, '<div id="step"')
        endpoints = {
            "floor (/healthz/)": ("/healthz/", None, "GET", None),
            "work step GET (3 jobs)": (step, people["get"], "GET", None),
            "work step HTMX save, hours and title changed": (
                step, people["hours"], "POST", save_headers
            ),
            "work step HTMX save, a title changed": (step, people["title"], "POST", save_headers),
            "hours and title changed, whole step": (step, people["whole"], "POST", save_headers),
            "work step HTMX save, nothing changed": (
                step, people["unchanged"], "POST", save_headers
            ),
        }
        rounds = []
        for number in range(args.rounds):
            # Each round measures the floor again: the ratios are taken within a round, so a
            # machine that is slower for a while slows the floor and the pages alike.
            rounds.append({name: wrk(*how, tag=f"round{number}-")
                           for name, how in endpoints.items()})
            print(f"round {number + 1} of {args.rounds} done", flush=True)
    finally:
        server.terminate()
        server.wait()
    print(f"{args.people} applicant(s), each request one of theirs in turn; "
          f"{args.rounds} round(s) of {DURATION} an endpoint")
    print_ratios(rounds)


def print_ratios(rounds: list[dict]) -> None:
    """One row an endpoint: requests/s, and its ratio to the floor measured in the same round
    (the median of the rounds, and the lowest and highest), p50, p95 and errors."""
    floor = "floor (/healthz/)"
    print("| endpoint | requests/s (median) | ratio to floor, median (range) | p50 ms | p95 ms "
          "(highest) | errors |")
    print("|---|---|---|---|---|---|")
    for name in rounds[0]:
        rows = [each[name] for each in rounds]
        ratios = sorted(each[floor]["rps"] / each[name]["rps"] for each in rounds)
        spread = f" (1/{ratios[0]:.1f}–1/{ratios[-1]:.1f})" if len(ratios) > 1 else ""
        print(f"| {name} | {statistics.median(r['rps'] for r in rows):,.0f} "
              f"| 1/{statistics.median(ratios):.1f}{spread} "
              f"| {statistics.median(r['p50_ms'] for r in rows):.1f} "
              f"| {max(r['p95_ms'] for r in rows):.1f} | {sum(r['errors'] for r in rows)} |")


if __name__ == "__main__":
    import urllib.parse  # noqa: F401  (used in main)

    main()
