"""The registry: duplicate names refused at start, broken handlers named, remote skills over real HTTP."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from router_support import (
    NOTES_PY,
    NOTES_YML,
    SKIES_PY,
    SKIES_YML,
    Conversation,
    make_router,
    sample_skills,
    write_skill,
)

from assistant.config import Settings
from assistant.errors import ConfigError, SkillError
from assistant.router.services.clock import ManualClock
from assistant.router.skills.registry import BUILTIN_DIR, build_registry

REMOTE_YML = """
name: echo
description: Repeats things, remotely.
invocations: [echo]
handler: {{url: "{url}", timeout_s: 2}}
intents:
  echo.ping:
    examples: ["ping [the echo]", "are you there echo"]
"""


def registry(tmp_path: Path, *dirs: Path) -> Any:
    return build_registry(Settings(data_dir=tmp_path / "data"), ManualClock(), dirs=list(dirs))


def test_builtin_skills_load(tmp_path: Path) -> None:
    names = {s.name for s in registry(tmp_path, BUILTIN_DIR).skills}
    assert {"weather", "datetime", "help", "smalltalk"} <= names


@pytest.mark.parametrize(
    ("replace", "kind"),
    [
        (("name: notes", "name: skies"), "skill 'skies'"),
        (("notes.count:", "skies.rain:"), "intent 'skies.rain'"),
        (("invocations: [notes, my notes]", "invocations: [sky channel]"), "invocation name 'sky channel'"),
    ],
)
def test_duplicates_are_refused_naming_both_files(tmp_path: Path, replace: tuple[str, str], kind: str) -> None:
    first = write_skill(tmp_path / "first", "skies", SKIES_YML, SKIES_PY).parent
    write_skill(tmp_path / "second", "notes", NOTES_YML.replace(*replace), NOTES_PY)
    with pytest.raises(SkillError) as caught:
        registry(tmp_path, first, tmp_path / "second")
    message = str(caught.value)
    assert kind in message and str(first / "skies" / "skill.yml") in message
    assert str(tmp_path / "second" / "notes" / "skill.yml") in message


def test_missing_skill_dir_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"skill folder .*nowhere is not a folder"):
        registry(tmp_path, tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("handler", "message"),
    [
        ("x = 1\n", "defines no function create(context)"),
        ("import no_such_module_anywhere\n", "handler failed to load: ModuleNotFoundError"),
        ("def create(context):\n    raise ValueError('bad key')\n", "create() failed: ValueError: bad key"),
        ("def create(context):\n    return 42\n", "must return an object with handle()"),
        ("def create(context:\n", "handler failed to load: SyntaxError"),
    ],
)
def test_broken_handlers_name_the_skill_and_file(tmp_path: Path, handler: str, message: str) -> None:
    write_skill(tmp_path, "notes", NOTES_YML, handler)
    with pytest.raises(SkillError) as caught:
        registry(tmp_path, tmp_path)
    assert message in str(caught.value) and str(tmp_path / "notes" / "handler.py") in str(caught.value)


class _Bot(BaseHTTPRequestHandler):
    """A tiny Bot-Framework-style bot: answers "pong" to echo.ping, 500 to anything else."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if body["semanticAction"]["id"] != "echo.ping" or body["text"] == "ping the echo":
            self.send_response(500)
            self.end_headers()
            return
        reply = {
            "type": "message",
            "from": body["recipient"],
            "recipient": body["from"],
            "conversation": body["conversation"],
            "replyToId": body["id"],
            "text": "pong",
            "inputHint": "acceptingInput",
            "channelData": {"state": {"pings": body["channelData"]["state"].get("pings", 0) + 1}},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def bot_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Bot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/messages"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_remote_skill_over_http(tmp_path: Path, bot_url: str) -> None:
    root = sample_skills(tmp_path / "skills")
    write_skill(root, "echo", REMOTE_YML.format(url=bot_url), None)
    router, clock, _ = make_router(root, tmp_path / "data")
    talk = Conversation(router, clock)
    try:
        assert talk.say("are you there echo").text == "pong"
        assert talk.state["skills"]["echo"] == {"pings": 1}
        assert talk.say("are you there echo").text == "pong"
        assert talk.state["skills"]["echo"] == {"pings": 2}
        failed = talk.say("ping the echo")
        assert failed.text == "Sorry, the echo skill ran into a problem. Please try again later."
    finally:
        router.close()


def test_unreachable_remote_skill_gets_an_apology(tmp_path: Path) -> None:
    root = sample_skills(tmp_path / "skills")
    write_skill(root, "echo", REMOTE_YML.format(url="http://127.0.0.1:9/api/messages"), None)
    router, clock, _ = make_router(root, tmp_path / "data")
    try:
        reply = Conversation(router, clock).say("are you there echo")
        assert reply.text == "Sorry, the echo skill ran into a problem. Please try again later."
        assert Conversation(router, clock).say("what is the weather in Paris").text == "Today in Paris: sunny."
    finally:
        router.close()


class _SlowBot(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        time.sleep(1.0)
        self.send_response(500)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_remote_skill_that_answers_too_late_is_said_to_be_slow_not_unreachable(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowBot)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = sample_skills(tmp_path / "skills")
    url = f"http://127.0.0.1:{server.server_address[1]}/api/messages"
    write_skill(root, "echo", REMOTE_YML.format(url=url).replace("timeout_s: 2", "timeout_s: 0.2"), None)
    router, clock, _ = make_router(root, tmp_path / "data")
    try:
        reply = Conversation(router, clock).say("are you there echo")
        assert reply.text == "Sorry, the echo skill ran into a problem. Please try again later."
        error = (reply.channel_data or {})["nlu"]["skillError"]
        manifest = root / "echo" / "skill.yml"
        assert (
            error
            == f"skill 'echo' ({url}): did not answer within 0.2 s (handler.timeout_s in {manifest}) (intent echo.ping)"
        )
    finally:
        router.close()
        server.shutdown()
        server.server_close()
