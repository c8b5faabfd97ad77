"""Pick the backend for ``--backend auto`` from what is installed and what the model is.

CTranslate2 runs Marian and M2M100/NLLB checkpoints several times faster than transformers on a CPU
(int8, no Python in the decoding loop), so it wins whenever it is installed and converts the model.
The decision reads ``config.json`` only: no torch, no model load.
"""

from __future__ import annotations

import importlib.util

from briefing.backends import hub
from briefing.backends.common import CT2_MODEL_TYPES, TranslatorOptions


def choose_backend(options: TranslatorOptions) -> str:
    """``"ctranslate2"`` when ctranslate2 is importable and converts the model's ``model_type``, else
    ``"transformers"``. Resolving the model may download it; a missing model raises ``ModelUnavailable``."""
    return "ctranslate2" if ctranslate2_converts(hub.resolve_model(options.model, revision=options.revision)) else "transformers"


def ctranslate2_converts(model_dir) -> bool:
    """Whether CTranslate2 is installed and converts this model (by its config's ``model_type``)."""
    if importlib.util.find_spec("ctranslate2") is None:
        return False
    return hub.read_config(model_dir).get("model_type") in CT2_MODEL_TYPES
