"""Shared test fixtures: the tiny Marian model in the real on-disk format and a scripted fake translator."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pytest

from briefing.model import Translation

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "sejong-japan-visit-heavy-ion-quantum.txt"


@pytest.fixture
def isolated_cache(tmp_path, monkeypatch):
    """A translation cache of the test's own and no BRIEFING_DEBUG from the developer's shell: a test
    module that writes through the cache names it in ``pytestmark``."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A tiny random Marian model saved exactly as the OPUS-MT conversions are (built once per run)."""
    from briefing.backends.tiny_model import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))


class ScriptedTranslator:
    """A fake backend: returns the English it was fed for each Korean string, in any order.

    Unknown strings come back as ``[untranslated: …]`` so a test sees which ones it did not script.
    """

    name = "scripted"

    def __init__(self, script: dict[str, str] | None = None, model: str = "scripted-fake"):
        self.script = dict(script or {})
        self.model = model
        self.calls: list[list[str]] = []

    def enqueue(self, ko: str, en: str) -> None:
        self.script[ko] = en

    def translate(self, texts: Sequence[str], progress=None) -> list[Translation]:
        self.calls.append(list(texts))
        out = [Translation(self.script.get(t, f"[untranslated: {t}]")) for t in texts]
        if progress:
            progress(len(texts))
        return out

    def max_source_tokens(self) -> int:
        return 10_000

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def seed_script() -> dict[str, str]:
    """The seed's human translation (tests/data/seed_en.tsv): its English for each Korean segment."""
    lines = (REPO / "tests" / "data" / "seed_en.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines)


def seed_translator() -> ScriptedTranslator:
    """The scripted fake answering the seed with its human translation: the model's path, no model."""
    return ScriptedTranslator(seed_script())


@pytest.fixture(scope="module")
def glossary():
    """The shipped glossary."""
    from briefing.glossary import load_glossaries

    return load_glossaries(None)


@pytest.fixture(scope="module")
def seed_result(glossary):
    """The seed run end to end with its human translation standing in for the model."""
    from briefing.pipeline import run_article

    return run_article(SEED.read_text(encoding="utf-8"), glossary, seed_translator())


@pytest.fixture
def scripted() -> ScriptedTranslator:
    return ScriptedTranslator()


def lines_but_probe_warnings(output: str) -> list[str]:
    """Output lines without the probe warnings a tiny random model earns on every fresh load (#14)."""
    return [line for line in output.splitlines() if "translates the probe" not in line]
