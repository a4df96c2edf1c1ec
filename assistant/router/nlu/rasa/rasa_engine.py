"""``RasaEngine``: the ``NluEngine`` "rasa", parsing through a real Rasa server that it builds, trains and runs.

``train`` makes sure Rasa's virtualenv exists, trains (or finds cached) a model for the data and starts
``rasa run --enable-api`` on loopback; ``parse`` posts to ``/model/parse``; ``close`` (or leaving the ``with`` block,
or the interpreter exiting) stops the server. When the server dies mid-session, ``parse`` starts a restart in the
background and raises ``NluUnavailable`` at once, so the router can say "my language service is restarting"
instead of hanging; once the new server is healthy, parsing resumes.
"""

from __future__ import annotations

import atexit
import logging
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import httpx

from assistant.config.rasa import RasaSettings
from assistant.errors import NluError, NluUnavailable
from assistant.router.nlu.rasa.rasa_data import rasa_nlu_yaml
from assistant.router.nlu.rasa.rasa_environment import Progress, ensure_environment
from assistant.router.nlu.rasa.rasa_pipeline import language_of, pipeline_yaml
from assistant.router.nlu.rasa.rasa_result import ENGINE_NAME, result_from_rasa
from assistant.router.nlu.rasa.rasa_server import RasaServer, ServerSpec, check_model
from assistant.router.nlu.rasa.rasa_training import train_model
from assistant.router.nlu.types import NluResult, TrainingData

logger = logging.getLogger(__name__)

UNAVAILABLE = "the Rasa NLU server stopped answering; it is restarting, try again in a minute"


@dataclass(frozen=True)
class RasaTimings:
    """What the last ``train``/``load`` cost: training (0 when the model was cached) and the server's cold start."""

    model: Path
    train_s: float
    cached: bool
    load_s: float


class RasaEngine:
    """``NluEngine`` "rasa" over a Rasa 3.6 server in its own virtualenv; use it as a context manager."""

    name = ENGINE_NAME

    def __init__(
        self,
        settings: RasaSettings,
        cache_root: Path,
        *,
        locale: str = "en-US",
        port: int | None = None,
        progress: Progress | None = None,
        parse_timeout_s: float = 30.0,
    ) -> None:
        self.settings = settings
        self.cache_dir = cache_root / "rasa"
        self.locale = locale
        self.port = port if port is not None else settings.port
        self.token = settings.token or secrets.token_hex(24)
        self.timings: RasaTimings | None = None
        self._progress = progress
        self._client = httpx.Client(timeout=parse_timeout_s)
        self._lock = threading.Lock()
        self._server: RasaServer | None = None
        self._spec: ServerSpec | None = None
        self._restart: threading.Thread | None = None
        self._restart_error: str | None = None
        self._closed = False

    # -- lifecycle ----------------------------------------------------------------------------------------------

    def train(self, data: TrainingData) -> None:
        """Train (or reuse the cached model for) ``data`` and serve it; ``rasa.model`` set means serve that instead."""
        if self.settings.model is not None:
            logger.info("rasa.model is set: serving %s instead of training", self.settings.model)
            self.load(self.settings.model)
            return
        if not data.examples:
            raise NluError("no training examples; add intents with examples to the NLU data")
        environment = ensure_environment(self.settings, self._progress)
        config = pipeline_yaml(self.settings, language_of(self.locale))
        trained = train_model(
            environment,
            rasa_nlu_yaml(data),
            config,
            self.cache_dir,
            threads=self.settings.threads,
            progress=self._progress,
        )
        load_s = self._serve(trained.path)
        self.timings = RasaTimings(trained.path, trained.train_s, trained.cached, load_s)

    def load(self, model: Path) -> None:
        """Serve an existing Rasa model archive; a wrong path is a one-line ``ModelError``."""
        path = check_model(model)
        ensure_environment(self.settings, self._progress)
        load_s = self._serve(path)
        self.timings = RasaTimings(path, 0.0, True, load_s)

    def _serve(self, model: Path) -> float:
        self._stop_server()
        spec = ServerSpec(
            environment=ensure_environment(self.settings, self._progress),
            model=model,
            port=self.port,
            token=self.token,
            threads=self.settings.threads,
            log=self.cache_dir / f"server-{self.port}.log",
            startup_timeout_s=self.settings.startup_timeout_s,
        )
        if self._progress:
            self._progress(f"starting the Rasa server on port {self.port}")
        if self._client.is_closed:
            self._client = httpx.Client(timeout=self._client.timeout)
        server = RasaServer(spec)
        load_s = server.start()
        with self._lock:
            self._server, self._spec, self._closed = server, spec, False
        atexit.register(self.close)
        logger.info("Rasa server healthy after %.1f s", load_s)
        return load_s

    def close(self) -> None:
        """Stop the server (and any restart in flight); safe to call twice."""
        with self._lock:
            self._closed = True
            restart = self._restart
        if restart is not None:
            restart.join()
        self._stop_server()
        self._client.close()
        atexit.unregister(self.close)

    def _stop_server(self) -> None:
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            server.stop()

    def __enter__(self) -> RasaEngine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # -- parsing and recovery ------------------------------------------------------------------------------------

    @property
    def server_pid(self) -> int | None:
        with self._lock:
            return self._server.pid if self._server else None

    def peak_rss_mb(self) -> float | None:
        with self._lock:
            return self._server.peak_rss_mb() if self._server else None

    def parse(self, text: str) -> NluResult:
        with self._lock:
            spec, server, restarting = self._spec, self._server, self._restart is not None
        if spec is None:
            raise NluError("the Rasa engine has no model; call train() or load() first")
        if restarting:
            raise NluUnavailable(UNAVAILABLE)
        if server is None:  # the last restart failed: try again, the cause may have gone (a port freed)
            self._start_restart()
            raise NluUnavailable(f"{UNAVAILABLE} (last attempt: {self._restart_error or 'stopped'})")
        try:
            reply = self._client.post(f"{spec.url}/model/parse", params={"token": spec.token}, json={"text": text})
        except httpx.TransportError as e:
            logger.warning("Rasa server unreachable (%s); restarting it", e)
            self._start_restart()
            raise NluUnavailable(UNAVAILABLE) from e
        if reply.status_code != 200:
            raise NluError(f"the Rasa server answered {reply.status_code} to /model/parse: {reply.text[:160]}")
        return result_from_rasa(reply.json(), text, self.locale)

    def _start_restart(self) -> None:
        with self._lock:
            if self._restart is not None or self._closed or self._spec is None:
                return
            spec, dead, self._server = self._spec, self._server, None
            self._restart = threading.Thread(target=self._restart_server, args=(spec, dead), daemon=True)
            self._restart.start()

    def _restart_server(self, spec: ServerSpec, dead: RasaServer | None) -> None:
        started = time.perf_counter()
        if dead is not None:
            dead.stop(timeout_s=5.0)  # a hung server still holds the port
        server = RasaServer(spec)
        try:
            server.start()
        except NluError as e:
            logger.error("Rasa server restart failed: %s", e)
            with self._lock:
                self._restart_error, self._restart = str(e), None
            return
        with self._lock:
            self._restart = None
            if self._closed:
                server.stop()
                return
            self._server, self._restart_error = server, None
        logger.info("Rasa server restarted in %.1f s", time.perf_counter() - started)

    def wait_until_ready(self, timeout_s: float) -> bool:
        """Block until no restart is in flight and a server runs, or ``timeout_s`` passes; True when ready."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                if self._restart is None and self._server is not None:
                    return True
                if self._restart is None and self._restart_error is not None:
                    return False
            time.sleep(0.2)
        return False
