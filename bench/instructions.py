"""Instructions a request costs, counted by valgrind's callgrind: the same figure run after run
on the same machine, however busy it is (the time a request takes on this shared machine moved
from one run to the next by as much as the changes measured; the instruction counts by under
1 %).

The requests of ``bench/render_inprocess.py`` (Django's test client, DEBUG off, sessions and
cache in the bench's own Redis), each warmed up 5 times, then ``--count`` of each counted:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cec_bench \
        .venv/bin/python bench/instructions.py [--count 10] [--only floor,work step GET]

The process runs again under ``valgrind --tool=callgrind`` (Debian's valgrind), with counting
switched on only around the counted requests (``callgrind_control``). Prints each request's
millions of instructions and its ratio to the floor (``/healthz/``). Only this process is
counted: PostgreSQL's and Redis' work for the request is not (``bench/questionnaire_http.py``
measures everything together).
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNDER = "CEC_BENCH_UNDER_CALLGRIND"
DEFAULT = ("floor: /healthz/", "work step GET, 3 jobs",
           "work step HTMX save, hours and title changed", "the same, only a title changed")


def counted(args) -> None:
    """Under callgrind: run the requests, dumping one profile per request kind."""
    sys.path.insert(0, str(ROOT / "bench"))
    import render_inprocess

    print(render_inprocess._redis.start(), flush=True)
    todo = render_inprocess.requests(*render_inprocess.prepare())
    names = [name for name in todo if any(name.startswith(part) for part in args.only)]
    for name in names:
        for _ in range(5):
            todo[name]()
    pid = str(os.getpid())

    def control(*flags):
        subprocess.run(["callgrind_control", *flags, pid], check=True, capture_output=True)

    control("-i", "on")
    for number, name in enumerate(names):
        control("-z")
        for _ in range(args.count):
            todo[name]()
        control("-d", f"request-{number}")
    control("-i", "off")
    Path(os.environ[UNDER]).write_text("\n".join(names))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--only", default=",".join(DEFAULT),
                        help="requests to count, by the first words of their names")
    args = parser.parse_args()
    args.only = [part.strip() for part in args.only.split(",") if part.strip()]
    if os.environ.get(UNDER):
        counted(args)
        return
    with tempfile.TemporaryDirectory() as folder:
        names_file = Path(folder) / "names"
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no",
             f"--callgrind-out-file={folder}/callgrind.%p", sys.executable, __file__,
             "--count", str(args.count), "--only", ",".join(args.only)],
            env={**os.environ, UNDER: str(names_file), "PYTHONHASHSEED": "0"},
            check=True, stderr=subprocess.DEVNULL,
        )
        names = names_file.read_text().splitlines()
        totals = {}
        for dump in Path(folder).glob("callgrind.*.*"):
            text = dump.read_text(errors="replace")
            trigger = next(line for line in text.splitlines()
                           if line.startswith("desc: Trigger: dump request-"))
            number = int(trigger.rsplit("request-", 1)[1])
            summary = next(line for line in text.splitlines() if line.startswith("summary:"))
            totals[names[number]] = int(summary.split()[1]) / args.count
    floor = totals.get("floor: /healthz/")
    print(f"{'request':46} {'instructions':>14} {'ratio to floor':>15}")
    for name in names:
        ratio = f"1/{totals[name] / floor:.1f}" if floor else ""
        print(f"{name:46} {totals[name] / 1e6:13.2f}M {ratio:>15}")


if __name__ == "__main__":
    main()
