"""The share of a request's CPU the cycle collector takes, with Python's thresholds and with the
portal's (``cec_portal.collector``: start-up objects frozen, 5,000 new objects a collection).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cec_bench \
        .venv/bin/python bench/collector.py [--count 600] [--request "work step GET"]

Runs the requests of ``bench/render_inprocess.py`` in one process: 50 to warm up, then
``--count`` timed with Python's own settings, then as many with the portal's. Prints the CPU a
request took, the collector's part of it (timed by ``gc.callbacks``) and the collections made.
"""

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import render_inprocess  # noqa: E402


def measure(run, count: int) -> tuple[float, float, list[int]]:
    spent, started, collections = [0], [0], [0, 0, 0]

    def timed(phase, info):
        if phase == "start":
            started[0] = time.process_time_ns()
        else:
            spent[0] += time.process_time_ns() - started[0]
            collections[info["generation"]] += 1

    gc.callbacks.append(timed)
    begin = time.process_time_ns()
    for _ in range(count):
        run()
    total = time.process_time_ns() - begin
    gc.callbacks.remove(timed)
    return total / count / 1e6, spent[0] / count / 1e6, collections


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--request", default="work step HTMX save, hours",
                        help="a request's name (its first words suffice)")
    args = parser.parse_args()
    print(render_inprocess._redis.start())
    todo = render_inprocess.requests(*render_inprocess.prepare())
    name, run = next((n, r) for n, r in todo.items() if n.startswith(args.request))
    for _ in range(50):
        run()
    from cec_portal.collector import THRESHOLDS, tune_collector

    print(name)
    for label, setup in (("Python's thresholds", lambda: None),
                         (f"frozen, {THRESHOLDS}", tune_collector)):
        setup()
        cpu, collector, collections = measure(run, args.count)
        print(f"{label:28} {cpu:6.2f} ms a request, the collector {collector:.3f} ms "
              f"({collector / cpu:.1%}), collections by generation {collections}")


if __name__ == "__main__":
    main()
