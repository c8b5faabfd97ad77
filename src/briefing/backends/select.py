"""Pick the backend for ``--backend auto`` from what is installed and what the model is.

CTranslate2 runs Marian and M2M100/NLLB checkpoints several times faster than transformers on a CPU
(int8, no Python in the decoding loop), so it wins whenever it is installed and converts the model.
The decision reads ``config.json`` only: no torch, no model load.
"""

from __future__ import annotations

import importlib.util

from .. import hub
from . import TranslatorOptions
from .common import CT2_MODEL_TYPES


def choose_backend(options: TranslatorOptions) -> str:
    """``"ctranslate2"`` when ctranslate2 is importable and converts the model's ``model_type``, else
    ``"transformers"``. Resolving the model may download it; a missing model raises ``ModelUnavailable``."""
    if importlib.util.find_spec("ctranslate2") is None:
        return "transformers"
    model_dir = hub.resolve_model(options.model)
    if hub.read_config(model_dir).get("model_type") in CT2_MODEL_TYPES:
        return "ctranslate2"
    return "transformers"
