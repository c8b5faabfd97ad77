"""The ``Translator`` protocol, the registry of backends, and building one (with its cache).

Backends are registered as ``"module:Class"`` strings and imported on first use, as sacreBLEU does for
its tokenizers: importing torch, transformers or ctranslate2 costs seconds, and ``briefing --help`` or
``briefing inspect`` must not pay for it. ``hub`` (model files) is below this package and never
imports it.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import replace
from pathlib import Path

from briefing.errors import BriefingError
from briefing.backends.common import DEFAULT_MODEL, Progress, Translator, TranslatorOptions

__all__ = ["BACKENDS", "DEFAULT_MODEL", "Progress", "Translator", "TranslatorOptions", "build_translator",
           "download_model", "get_translator", "remove_broken_conversions"]

BACKENDS: dict[str, str] = {
    "transformers": "briefing.backends.hf:HFTranslator",
    "ctranslate2": "briefing.backends.ct2:CT2Translator",
}


def get_translator(backend: str, options: TranslatorOptions) -> Translator:
    """Build the named backend (``auto`` picks CTranslate2 when the model converts, else transformers)."""
    if backend == "auto":
        from briefing.backends.select import choose_backend

        backend = choose_backend(options)
    if backend not in BACKENDS:
        raise BriefingError(f"unknown backend {backend!r}; choose one of: auto, {', '.join(sorted(BACKENDS))}")
    length = os.environ.get("BRIEFING_BENCH_OUTPUT_LENGTH", "")
    if length.isdigit():  # scripts/bench_translate.py only: `briefing run` decoding a fixed length
        options = replace(options, fixed_output_length=int(length))
    module_name, class_name = BACKENDS[backend].split(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name)(options)


def build_translator(backend: str, options: TranslatorOptions, *, cache: bool = True) -> Translator:
    """The translator a run uses: the named backend behind the translation cache (``cache`` False:
    ``--no-cache``, the backend alone)."""
    translator = get_translator(backend, options)
    if not cache:
        return translator
    from briefing.backends.cache import CachedTranslator, TranslationCache

    return CachedTranslator(translator, TranslationCache())


def download_model(name: str, convert: bool = True, revision: str | None = None) -> Path:
    """``briefing download MODEL``: fetch a hub model and, if CTranslate2 can run it, convert it now.

    Run this on a connected machine; afterwards translation works offline from the caches.
    """
    from briefing.backends import hub

    if Path(name).expanduser().is_dir():
        local = hub.resolve_model(name)
    else:
        local = hub.download_snapshot(name, revision=revision)
    if convert:
        from briefing.backends.select import ctranslate2_converts

        if ctranslate2_converts(local):
            from briefing.backends.ct2 import CT2Translator

            # Converted, checked and loaded once: "is ready" must not be said of a conversion that fails
            # its checks or does not load.
            CT2Translator(TranslatorOptions(model=name, revision=revision, device="cpu")).translator
    return local


def remove_broken_conversions() -> list[str]:
    """Delete converted models that no run would use (set aside as broken, or incomplete); their names."""
    import shutil

    from briefing.backends.ct2 import broken_conversions  # imports no ctranslate2

    removed = []
    for path in broken_conversions():
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path.name)
    return removed
