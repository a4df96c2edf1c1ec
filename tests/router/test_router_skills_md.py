"""SKILLS.md's examples work as pasted: its skill.yml loads beside the built-in skills, its handler answers through a
router (a slot prompt, a confirm: question, the handler's own confirm, an open slot's unknown name) with a Mi-Home
action the hub accepts, and its remote reply is an Activity the router takes. (They did not: the manifest named
another skill's intent and asked "Delete the {list} list?", the action set a lamp's 'on', the reply lacked 'from'.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from router_support import Conversation, activity, make_router

from assistant.router.skills.registry import BUILTIN_DIR, load_manifests
from assistant.speaker.mihome.hub import MiHomeHub
from bridge.cortana import Activity

SKILLS_MD = BUILTIN_DIR.parent / "SKILLS.md"


def block(after: str, language: str) -> str:
    """The first ``language`` code block after the heading ``after``."""
    text = SKILLS_MD.read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(after)}$.*?^```{language}\n(.*?)^```$", text, re.M | re.S)
    assert found, f"SKILLS.md has no {language} block after {after!r}"
    return found.group(1)


@pytest.fixture
def skills(tmp_path: Path) -> Path:
    folder = tmp_path / "my_skills" / "coffee"
    folder.mkdir(parents=True)
    (folder / "skill.yml").write_text(block("## skill.yml", "yaml"))
    (folder / "handler.py").write_text(block("## The handler", "python"))
    return folder.parent


def test_the_example_manifest_loads_beside_the_builtin_skills(skills: Path) -> None:
    manifests = load_manifests([BUILTIN_DIR, skills])  # names, intents and invocations unique
    [coffee] = [m for m in manifests if m.name == "coffee"]
    assert coffee.slot("drink").open and coffee.slot("size").keep and coffee.intent("coffee.order").confirm


def test_the_example_handler_answers_and_its_action_is_accepted(skills: Path, tmp_path: Path) -> None:
    router, clock, _ = make_router(skills, tmp_path / "data")
    talk = Conversation(router, clock)
    hub = MiHomeHub.in_dir(tmp_path / "hub")

    def said(text: str) -> str:
        reply = talk.say(text)
        action = (reply.channel_data or {}).get("action")
        if action:
            hub.handle_action(action["name"], action["properties"])  # raises on a device or property it lacks
        return reply.text or ""

    assert said("make me a latte") == "Small or large?"
    assert said("large") == "Making a large latte."
    plug = hub.device("plug.kitchen")
    assert plug is not None and plug.state["power"] == "on"
    assert said("make me a large espresso") == "A large espresso is four shots. Sure?"
    assert said("yes") == "Making a large espresso."
    assert said("order coffee beans") == "Arabica or robusta?"
    assert said("robusta") == "Order a bag of robusta beans?"
    assert said("yes") == "Ordered a bag of robusta beans."
    assert said("open coffee") == "Coffee here. What would you like?"


def test_the_example_remote_reply_is_an_activity_the_router_takes() -> None:
    code = block("## A remote skill", "python")
    request = activity("make me a small coffee").to_dict()
    request["semanticAction"] = {"id": "coffee.make", "entities": {"size": "small"}}
    scope: dict[str, Any] = {"request": request}
    exec(compile(code, "SKILLS.md", "exec"), scope)  # the doc's own example, as pasted
    reply = Activity.from_dict(scope["reply"])
    assert reply.text == "Remote coffee, small size." and reply.recipient.id == request["from"]["id"]


def test_a_remote_reply_lacking_fields_names_all_of_them(tmp_path: Path) -> None:
    import httpx

    from assistant.errors import SkillError
    from assistant.router.skills.loading import HttpSkill
    from assistant.router.skills.manifest import parse_manifest

    manifest = parse_manifest(
        'name: far\ndescription: Far.\ninvocations: [far]\nhandler: {url: "http://bot/api"}\n'
        "intents:\n  far.go:\n    examples: [go far]\n",
        tmp_path / "skill.yml",
    )
    reply = {"type": "message", "text": "hi"}
    client = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=reply)))
    with pytest.raises(SkillError) as caught:
        HttpSkill(manifest, client).handle(activity("go far"))
    assert str(caught.value) == (
        "skill 'far' (http://bot/api): answered with a bad Activity: it lacks from, recipient, conversation (a reply"
        " needs type, from, recipient, conversation: the request's conversation, its from and recipient swapped;"
        " see SKILLS.md)"
    )
