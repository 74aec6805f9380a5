"""Benchmark of the rules engine: evaluations per second, and the batch command end to end.

    python bench/engine.py              # evaluate() over 10,000 varied facts
    python bench/engine.py --command    # also: manage.py evaluate on a 10,000-item JSON file

Facts are generated from a fixed seed so that runs compare.
"""

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eligibility.rules import evaluate, parse_many, result_to_json  # noqa: E402

AS_OF = date(2026, 11, 25)
NOCS = ["00012", "10010", "21231", "21232", "22310", "31102", "33102", "41200", "63200",
        "64100", "65200", "72010", "13110", "42202"]
COUNTRIES = ["CA"] * 6 + ["IN", "PH", "FR", "NG", "BR", "CN"]
PROVINCES = [None, "ON", "BC", "AB", "QC", "MB", "NS"]
LEVELS = ["secondary", "one_year", "two_year", "bachelors", "masters", "professional",
          "doctoral"]


def _day(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randrange((hi - lo).days + 1))


def _test(rng: random.Random) -> dict:
    kind = rng.choice(["ielts_general"] * 4 + ["celpip_general"] * 2 + ["pte_core",
                                                                          "tef_canada",
                                                                          "tcf_canada"])
    taken = _day(rng, date(2023, 1, 1), AS_OF - timedelta(days=1))
    if kind == "ielts_general":
        score = lambda: rng.choice([4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0])  # noqa
        scores = [score() for _ in range(4)]
    elif kind == "celpip_general":
        scores = [rng.randint(4, 12) for _ in range(4)]
    elif kind == "pte_core":
        scores = [rng.randint(30, 90) for _ in range(4)]
    elif kind == "tef_canada":
        taken = max(taken, date(2019, 10, 1))
        scores = [rng.randint(280, 699) for _ in range(4)]
    else:
        scores = [rng.randint(330, 699), rng.randint(330, 699), rng.randint(4, 20),
                  rng.randint(4, 20)]
        scores = [scores[0], scores[1], scores[2], scores[3]]
    listening, reading, writing, speaking = scores
    if kind == "tcf_canada":
        listening, reading, writing, speaking = scores[0], scores[1], scores[2], scores[3]
    return {"test": kind, "taken_on": taken.isoformat(), "listening": listening,
            "reading": reading, "writing": writing, "speaking": speaking}


def _job(rng: random.Random) -> dict:
    start = _day(rng, date(2015, 1, 1), AS_OF - timedelta(days=30))
    end = None if rng.random() < 0.35 else _day(rng, start, min(start + timedelta(days=1500),
                                                                AS_OF + timedelta(days=200)))
    return {
        "noc": rng.choice(NOCS),
        "country": rng.choice(COUNTRIES),
        "start": start.isoformat(),
        "end": end.isoformat() if end else None,
        "hours_per_week": rng.choice([15, 20, 25, 30, 35, 37.5, 40, 40, 44, 50]),
        "paid": rng.random() > 0.05,
        "self_employed": rng.random() < 0.05,
        "full_time_student": rng.random() < 0.08,
        "authorized": rng.random() > 0.03,
        "physician_fee_for_service": False,
    }


def _person(rng: random.Random) -> dict:
    return {
        "education": [{"level": rng.choice(LEVELS), "canadian": rng.random() < 0.3}
                      for _ in range(rng.randint(0, 2))],
        "language_tests": [_test(rng) for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3]))],
        "jobs": [_job(rng) for _ in range(rng.choice([0, 1, 2, 2, 3, 3, 4, 5]))],
    }


def generate(count: int, seed: int = 20261125) -> list[dict]:
    rng = random.Random(seed)
    items = []
    for _ in range(count):
        status = rng.choice(["single"] * 5 + ["married"] * 3 + ["common_law", "divorced"])
        spouse = None
        if status in ("married", "common_law"):
            spouse = {"accompanying": rng.random() < 0.85,
                      "canadian_citizen_or_pr": rng.random() < 0.1, **_person(rng)}
        items.append({
            "as_of": AS_OF.isoformat(),
            "birth_date": _day(rng, date(1970, 1, 1), date(2006, 1, 1)).isoformat(),
            "marital_status": status,
            "spouse": spouse,
            "intended_province": rng.choice(PROVINCES),
            **_person(rng),
            "certificate_of_qualification": rng.random() < 0.05,
            "provincial_nomination": rng.random() < 0.05,
            "sibling_in_canada": rng.random() < 0.1,
            "job_offer": None,
        })
    return items


def _timed(work):
    # Wall time and this process's CPU time: on a busy machine the CPU time is the steadier.
    wall, cpu = time.perf_counter(), time.process_time()
    value = work()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def bench_engine(items: list[dict], repeat: int) -> None:
    n = len(items)
    best: dict[str, tuple[float, float]] = {}
    # As manage.py evaluate runs a batch: without the cycle collector (the results hold no
    # cycles; with it on, the collector rescans every kept object again and again, and the
    # figure says more about the heap size than about the engine).
    gc.disable()
    try:
        results = _runs(items, repeat, best)
    finally:
        gc.enable()
    print(f"{n:,} facts, best of {repeat} runs (cycle collector off, as in manage.py evaluate):")
    for name, (wall, cpu) in best.items():
        print(f"  {name:15} {n / wall:9,.0f}/s wall ({wall:.3f} s)   "
              f"{n / cpu:9,.0f}/s CPU ({cpu:.3f} s)")
    wall = sum(w for w, _ in best.values())
    cpu = sum(c for _, c in best.values())
    print(f"  {'all, in process':15} {n / wall:9,.0f}/s wall ({wall:.3f} s)   "
          f"{n / cpu:9,.0f}/s CPU ({cpu:.3f} s)")
    eligible = sum(result.cec.eligible for result in results)
    print(f"  ({eligible:,} CEC-eligible; mean CRS {sum(r.crs.total for r in results) / n:.0f})")


def _runs(items: list[dict], repeat: int, best: dict) -> list:
    results: list = []
    for _ in range(repeat):
        text, *times = _timed(lambda: json.dumps(items))
        # As manage.py evaluate reads its input (orjson; the standard library only for what
        # orjson refuses, which these facts never hold).
        data, *loads = _timed(lambda: orjson.loads(text))  # noqa: B023
        facts, *parse = _timed(lambda: parse_many(data, today=AS_OF))  # noqa: B023
        results, *run = _timed(lambda: [evaluate(one) for one in facts])  # noqa: B023
        payload, *convert = _timed(lambda: [result_to_json(r) for r in results])  # noqa: B023
        # As manage.py evaluate encodes its output (compact, with orjson, as bytes).
        _, *dump = _timed(lambda: orjson.dumps(payload))  # noqa: B023
        for name, (wall, cpu) in (("orjson.loads", loads), ("parse_many", parse),
                                  ("evaluate", run), ("result_to_json", convert),
                                  ("orjson.dumps", dump)):
            old = best.get(name, (float("inf"), float("inf")))
            best[name] = (min(old[0], wall), min(old[1], cpu))
    return results


def bench_command(items: list[dict]) -> None:
    manage = ROOT / "manage.py"
    if not manage.exists():
        print("manage.py not found: command benchmark skipped")
        return
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(items, handle)
        path = handle.name
    # Production settings refuse to start without a secret key; the command needs none.
    env = {"DJANGO_SECRET_KEY": "bench-only-not-secret", "DJANGO_ALLOWED_HOSTS": "localhost",
           **os.environ}
    try:
        before = os.times()
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(manage), "evaluate", path],
            cwd=ROOT, capture_output=True, env=env,
        )
        elapsed = time.perf_counter() - start
        after = os.times()
    finally:
        os.unlink(path)
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    print(f"manage.py evaluate on {len(items):,} facts: {elapsed:.2f} s end to end, "
          f"{cpu:.2f} s CPU (exit {done.returncode}, {len(done.stdout):,} bytes out)")
    if done.returncode != 0:
        print(done.stderr.decode()[:2000])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--command", action="store_true", help="also time manage.py evaluate")
    args = parser.parse_args()
    items = generate(args.count)
    bench_engine(items, args.repeat)
    if args.command:
        bench_command(items)


if __name__ == "__main__":
    main()
