"""The assistant's exceptions. Each carries a one-line message a user can act on and a CLI exit code.

AssistantError              anything the assistant raises on purpose (exit 1)
├── ConfigError             config.yml is wrong: names file, key path and what is allowed (exit 2)
├── ModelError              a model is missing, incomplete or unreadable: names the fix (exit 3)
├── SkillError              a skill's handler is broken: names the skill and file
│   └── ManifestError       a skill.yml is wrong, or two skills share a name: names file, line and key (exit 2)
├── NluError                an NLU engine failed to train, load or parse
│   └── NluUnavailable      the NLU service is down for a moment (restarting); say so and try again shortly
├── AudioError              audio input is unreadable or of a format that cannot be converted
├── DeviceError             a Mi-Home command names an unknown device, property or value (nothing is applied)
└── ScriptError             a test script is malformed: ``file:line: what is wrong`` (exit 2)
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error the assistant raises on purpose."""

    exit_code = 1


class ConfigError(AssistantError):
    exit_code = 2


class ModelError(AssistantError):
    exit_code = 3


class SkillError(AssistantError):
    pass


class SkillSetupError(SkillError):
    """A skill cannot be set up at all (its handler does not load): the user's files to fix, as for a manifest."""

    exit_code = 2


class ManifestError(SkillError):
    """A skill.yml is wrong: like config.yml mistakes, the user's files are to fix, so the same exit code."""

    exit_code = 2


class NluError(AssistantError):
    pass


class NluUnavailable(NluError):
    """The NLU service (the Rasa server) stopped answering; a restart is already under way."""


class AudioError(AssistantError):
    pass


class DeviceError(AssistantError):
    pass


class ScriptError(AssistantError):
    exit_code = 2
