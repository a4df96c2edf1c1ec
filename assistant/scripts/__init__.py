"""Scripted intent tests: declarative YAML conversations run through the whole assistant pipeline.

A script file (``*.intents.yml``, format in FORMAT.md beside this file) is parsed and validated first
(:mod:`assistant.scripts.loader`: every mistake is ``file:line: what is wrong``, before anything runs), then each
conversation is played against a fresh :class:`assistant.app.Assistant` (:mod:`assistant.scripts.runner`), and
what came back is compared with what the script expects (:mod:`assistant.scripts.compare`). The outcomes feed a
readable report, JUnit XML and JSON (:mod:`assistant.scripts.reports`), ``assistant test`` and a pytest plugin.

Nothing is imported here, so ``import assistant.scripts.pytest_plugin`` stays cheap.
"""
