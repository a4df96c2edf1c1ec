"""One ``rasa run --enable-api`` child process on loopback: started, waited on until healthy, stopped.

The server is reached only on 127.0.0.1 with an auth token. Its output goes to a log file whose last lines become
the error message when it fails to come up. The child runs in its own session, so stopping it also stops the
workers Sanic may fork, and a Ctrl-C in the terminal reaches the assistant first, which then stops Rasa cleanly.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from assistant.errors import ModelError, NluError
from assistant.router.nlu.rasa.rasa_environment import RasaEnvironment
from assistant.router.nlu.rasa.rasa_process import log_tail, rasa_env

logger = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class ServerSpec:
    """Everything needed to start (and restart) the same server."""

    environment: RasaEnvironment
    model: Path
    port: int
    token: str
    threads: int
    log: Path
    startup_timeout_s: float

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"


def check_model(model: Path) -> Path:
    """``model`` as an absolute path when it is a Rasa model archive; else a one-line ModelError."""
    if not model.is_file():
        raise ModelError(f"Rasa model {model} does not exist; fix rasa.model in config.yml or set it to null to train")
    if not model.name.endswith(".tar.gz"):
        raise ModelError(f"Rasa model {model} is not a .tar.gz archive made by `rasa train`; fix rasa.model")
    return model.absolute()


def check_port_free(port: int) -> None:
    """A one-line NluError when something already listens on the loopback port.

    SO_REUSEADDR as the server itself uses it: connections of a killed server lingering in TIME_WAIT do not count.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError as e:
            if e.errno in (errno.EADDRINUSE, errno.EACCES):
                raise NluError(
                    f"port {port} on {LOOPBACK} is already in use; set rasa.port in config.yml to a free port "
                    "or stop the program using it"
                ) from None
            raise


def free_port() -> int:
    """A loopback port nobody listens on right now (for tests and benchmarks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


class RasaServer:
    """A running Rasa server; ``start`` returns once it answers ``/status`` with the model loaded."""

    def __init__(self, spec: ServerSpec) -> None:
        self.spec = spec
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        """The ``rasa run`` command line for this server."""
        spec = self.spec
        return [
            str(spec.environment.rasa),
            "run",
            "--enable-api",
            f"--auth-token={spec.token}",  # one argument: a token starting with "-" must not read as an option
            "-p",
            str(spec.port),
            "-i",
            LOOPBACK,
            "--model",
            str(spec.model),
        ]

    def start(self) -> float:
        """Start the child and wait until healthy; returns the seconds it took (the cold start)."""
        spec = self.spec
        check_port_free(spec.port)
        command = self.command()
        spec.log.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with spec.log.open("wb") as sink:
            self._process = subprocess.Popen(
                command,
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=rasa_env(spec.threads),
                cwd=spec.log.parent,
                start_new_session=True,
            )
        logger.info("Rasa server starting (pid %s) on %s with %s", self._process.pid, spec.url, spec.model.name)
        try:
            self._wait_healthy(started)
        except BaseException:
            self.stop()
            raise
        return time.perf_counter() - started

    def _wait_healthy(self, started: float) -> None:
        spec = self.spec
        deadline = started + spec.startup_timeout_s
        with httpx.Client(timeout=2.0) as client:
            while True:
                if self._process is None or self._process.poll() is not None:
                    code = self._process.returncode if self._process else None
                    raise NluError(f"the Rasa server exited (code {code}) while starting: {log_tail(spec.log)}")
                try:
                    reply = client.get(f"{spec.url}/status", params={"token": spec.token})
                    if reply.status_code == 200 and reply.json().get("model_file"):
                        return
                except (httpx.TransportError, ValueError):
                    pass
                if time.perf_counter() > deadline:
                    raise NluError(
                        f"the Rasa server was not healthy after {spec.startup_timeout_s:.0f} s "
                        f"(raise rasa.startup_timeout_s): {log_tail(spec.log)}"
                    )
                time.sleep(0.25)

    def stop(self, timeout_s: float = 10.0) -> None:
        """Terminate the server's whole process group; kill it if it does not go within ``timeout_s``."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()
        logger.info("Rasa server stopped (pid %s)", process.pid)

    def peak_rss_mb(self) -> float | None:
        """The server process's peak resident memory (Linux ``VmHWM``), while it runs."""
        if self._process is None:
            return None
        try:
            for line in Path(f"/proc/{self._process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except (OSError, ValueError, IndexError):
            return None
        return None


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
