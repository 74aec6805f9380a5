"""Benchmark of duty matching: does the right NOC code come in the top 3?

    python bench/noc_match.py           # SQLite (fresh temp file), full shared catalogue
    DATABASE_URL=postgres://... python bench/noc_match.py

For each everyday description in bench/noc_match_cases.py: the rank of its right code in
match_duties(), the share of the right code's main duties duty_coverage() finds covered, and
the same share for an unrelated code (to show the coverage threshold separates them).
Target: right code in the top 3 for at least 80 % of the descriptions.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.noc_match_cases import CASES  # noqa: E402
from bench.noc_search import setup_catalogue  # noqa: E402

TARGET_TOP3 = 0.80


def main() -> None:
    vendor = setup_catalogue()
    from eligibility.noc.matching import duty_coverage, match_duties

    started = time.perf_counter()
    match_duties("warm up the index")
    build_s = time.perf_counter() - started

    ranks, times_ms, covered_right, covered_other, misses = [], [], [], [], []
    for i, (code, text) in enumerate(CASES):
        started = time.perf_counter()
        matches = match_duties(text, limit=10)
        times_ms.append((time.perf_counter() - started) * 1000)
        codes = [m.code for m in matches]
        rank = codes.index(code) + 1 if code in codes else None
        ranks.append(rank)
        if rank is None or rank > 3:
            misses.append({"code": code, "rank": rank, "top3": codes[:3]})
        covered_right.append(duty_coverage(text, code).share_covered)
        other = CASES[(i + len(CASES) // 2) % len(CASES)][0]
        covered_other.append(duty_coverage(text, other).share_covered)

    n = len(CASES)
    result = {
        "database": vendor,
        "descriptions": n,
        "top1": round(sum(r == 1 for r in ranks) / n, 3),
        "top3": round(sum(r is not None and r <= 3 for r in ranks) / n, 3),
        "top5": round(sum(r is not None and r <= 5 for r in ranks) / n, 3),
        "misses": misses,
        "mean_share_of_duties_covered_right_code": round(statistics.mean(covered_right), 3),
        "mean_share_of_duties_covered_unrelated_code": round(statistics.mean(covered_other), 3),
        "index_build_s": round(build_s, 2),
        "match_ms_p50": round(statistics.median(times_ms), 2),
        "match_ms_max": round(max(times_ms), 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result, indent=2))
    verdict = "meets" if result["top3"] >= TARGET_TOP3 else "MISSES"
    print(f"{verdict} the target: right code in top 3 for {result['top3']:.1%} (≥ 80 %)")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / f"noc_match_{vendor}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
