"""The benches' own Redis, so that they measure the production shape: with ``REDIS_URL`` set
(README, Settings) the cache and the sessions live in Redis, shared by every app server.

``start()`` runs a redis-server on a free port (no persistence), sets ``REDIS_URL`` before
Django reads its settings, and stops it when the bench ends. ``BENCH_SESSIONS=db`` keeps the
embedded shape instead (no Redis: the cache in the process, sessions in the database).
"""

import atexit
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.scale.cluster import Cluster, free_port, wait_until  # noqa: E402


def _answers(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
        connection.sendall(b"PING\r\n")
        return connection.recv(16).startswith(b"+PONG")


def start() -> str:
    """Start the bench's Redis (unless ``BENCH_SESSIONS=db``); say which shape is measured."""
    if os.environ.get("BENCH_SESSIONS") == "db":
        os.environ.pop("REDIS_URL", None)
        return "sessions in the database, cache in the process (BENCH_SESSIONS=db)"
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="cec-bench-redis-")))
    port = free_port()
    cluster.start("redis", [shutil.which("redis-server") or "/usr/bin/redis-server",
                            "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                            "--appendonly", "no"], dict(os.environ))
    atexit.register(cluster.stop_all)
    wait_until(lambda: _answers(port), timeout=20, what="the bench's Redis")
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    return f"sessions and cache in Redis ({os.environ['REDIS_URL']}, started by the bench)"
