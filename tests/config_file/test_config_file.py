"""config.yml in the repository is the rendered default settings: the file and the code cannot drift apart."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings, load_settings
from assistant.config.render import render

ROOT = Path(__file__).resolve().parents[2]


def test_config_yml_is_the_rendered_defaults() -> None:
    expected = render(Settings())
    actual = (ROOT / "config.yml").read_text(encoding="utf-8")
    assert actual == expected, "config.yml is stale: run `python -m assistant.config.render > config.yml`"


def test_config_yml_loads_to_the_defaults() -> None:
    loaded = load_settings(ROOT / "config.yml")
    assert loaded.model_dump() == Settings().resolved(ROOT).model_dump()


def test_every_setting_has_a_comment() -> None:
    from pydantic import BaseModel

    def walk(model: type[BaseModel], path: str) -> list[str]:
        missing = []
        for name, field in model.model_fields.items():
            annotation = field.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                missing += walk(annotation, f"{path}{name}.")
            elif not field.description and name not in {"volume"}:
                missing.append(path + name)
        return missing

    assert walk(Settings, "") == []
