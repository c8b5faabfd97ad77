"""The ``Translator`` protocol and the registry of backends.

Backends are registered as ``"module:Class"`` strings and imported on first use, as sacreBLEU does for
its tokenizers: importing torch, transformers or ctranslate2 costs seconds, and ``briefing --help`` or
``briefing inspect`` must not pay for it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from ..errors import BriefingError
from ..model import Translation

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-tc-big-ko-en"

Progress = Callable[[int], None]  # called with the number of source strings just finished


class Translator(Protocol):
    """Translates Korean strings to English: same length and order out as in."""

    name: str  # backend name, for provenance
    model: str  # model name or directory, for provenance

    def translate(self, texts: Sequence[str], progress: Progress | None = None) -> list[Translation]: ...

    def max_source_tokens(self) -> int:
        """The longest source, in model tokens, that the backend translates in one piece."""
        ...

    def count_tokens(self, text: str) -> int: ...


@dataclass(frozen=True)
class TranslatorOptions:
    """What the user chose on the command line; every backend reads the same options."""

    model: str = DEFAULT_MODEL
    device: str = "auto"  # auto | cpu | cuda
    beams: int = 4
    compute_type: str | None = None  # ctranslate2 only; None: int8 on CPU, int8_float16 on GPU
    threads: int | None = None  # None: chosen for the machine
    batch_tokens: int = 2048  # token budget of one batch
    fixed_output_length: int | None = None  # benchmarks only: decode exactly this many tokens per sentence


BACKENDS: dict[str, str] = {
    "transformers": "briefing.backends.hf:HFTranslator",
    "ctranslate2": "briefing.backends.ct2:CT2Translator",
}


def get_translator(backend: str, options: TranslatorOptions) -> Translator:
    """Build the named backend (``auto`` picks CTranslate2 when the model converts, else transformers)."""
    if backend == "auto":
        from .select import choose_backend

        backend = choose_backend(options)
    if backend not in BACKENDS:
        raise BriefingError(f"unknown backend {backend!r}; choose one of: auto, {', '.join(sorted(BACKENDS))}")
    module_name, class_name = BACKENDS[backend].split(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name)(options)
