"""The processes of the scale-out test: each started in its own process group with its output
in a log file, every one stopped at teardown (SIGTERM, then SIGKILL), their logs printed when
something fails."""

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check: Callable[[], object], *, timeout: float, what: str, every: float = 0.25):
    """Poll ``check`` until it returns something truthy; fail naming ``what`` after ``timeout``
    seconds. Exceptions count as "not yet" (a server still starting refuses connections)."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            result = check()
        except Exception as error:  # noqa: BLE001 - any failure means "not ready yet"
            last_error = error
        else:
            if result:
                return result
        time.sleep(every)
    raise TimeoutError(f"{what}: not ready after {timeout:g} s (last error: {last_error!r})")


@dataclass
class Cluster:
    folder: Path
    processes: list[tuple[str, subprocess.Popen, Path]] = field(default_factory=list)

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        self.processes.append((name, process, log))
        return process

    def check_running(self) -> None:
        for name, process, _log in self.processes:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}")

    def stop_all(self) -> None:
        """Stop every process group this cluster started, newest first."""
        for _name, process, _log in reversed(self.processes):
            if process.poll() is None:
                _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _name, process, _log in reversed(self.processes):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait(timeout=5)

    def logs(self, lines: int = 80) -> str:
        parts = []
        for name, process, log in self.processes:
            tail = log.read_text(errors="replace").splitlines()[-lines:] if log.exists() else []
            parts.append(f"----- {name} (pid {process.pid}, exit {process.poll()}) -----")
            parts.extend(tail)
        return "\n".join(parts)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)  # the group this process leads (its own workers)
