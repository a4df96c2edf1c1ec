"""The Rasa Open Source 3.6 NLU backend: its own virtualenv, cached training, a loopback server, ``RasaEngine``.

Modules: ``rasa_environment`` (find Python 3.10, build the venv), ``rasa_pipeline`` (Rasa config from settings),
``rasa_data`` (clean data, model key), ``rasa_training`` (``rasa train nlu``, cached), ``rasa_server`` (``rasa run``),
``rasa_result`` (parse JSON -> ``NluResult``), ``rasa_engine`` (the ``NluEngine``). Importing this package does no work.
"""

from __future__ import annotations

from assistant.router.nlu.rasa.rasa_engine import RasaEngine, RasaTimings

__all__ = ["RasaEngine", "RasaTimings"]
