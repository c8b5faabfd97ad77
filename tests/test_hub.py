"""Resolving models to local files, fingerprints, and the one-line errors for missing or broken models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.backends import hub
from briefing.backends import TranslatorOptions
from briefing.errors import ModelUnavailable

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def hub_cache(tmp_path, monkeypatch, tiny_model_dir) -> Path:
    """A hub cache laid out as huggingface_hub writes it, holding the tiny model as ``tiny/ko-en``."""
    import huggingface_hub.constants

    cache = tmp_path / "hub"
    repo = cache / "models--tiny--ko-en"
    shutil.copytree(tiny_model_dir, repo / "snapshots" / COMMIT)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(COMMIT)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "briefing-cache"))
    return cache


def test_a_model_directory_resolves_to_itself(tiny_model_dir):
    assert hub.resolve_model(str(tiny_model_dir)) == tiny_model_dir


def test_a_hub_name_resolves_from_the_cache_without_network(hub_cache):
    path = hub.resolve_model("tiny/ko-en")
    assert path == hub_cache / "models--tiny--ko-en" / "snapshots" / COMMIT
    assert hub.snapshot_revision(path) == COMMIT


def test_a_cached_hub_model_is_converted_under_its_revision(hub_cache):
    from briefing.backends import ct2
    from briefing.backends.select import choose_backend

    options = TranslatorOptions(model="tiny/ko-en")
    assert choose_backend(options) == "ctranslate2"  # read from the cached config.json
    target = ct2.conversion_dir(hub.resolve_model("tiny/ko-en"), "tiny/ko-en", "int8")
    assert target.name == f"tiny--ko-en--{COMMIT[:16]}--int8"


def test_an_uncached_model_offline_says_what_to_do(hub_cache):
    with pytest.raises(ModelUnavailable) as caught:
        hub.resolve_model("Helsinki-NLP/opus-mt-tc-big-ko-en")
    assert str(caught.value) == (
        "model Helsinki-NLP/opus-mt-tc-big-ko-en is not in the local cache and the hub is offline (HF_HUB_OFFLINE); "
        "run `briefing download Helsinki-NLP/opus-mt-tc-big-ko-en` on a connected machine, or pass --model DIR"
    )


def test_an_uncached_model_with_the_hub_unreachable_says_what_to_do(hub_cache, monkeypatch):
    import huggingface_hub.constants

    # Online mode, but the hub is a closed local port: the download fails at once.
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(huggingface_hub.constants, "ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("HF_HUB_DOWNLOAD_TIMEOUT", "2")
    with pytest.raises(ModelUnavailable, match=r"^model nobody/nothing is not in the local cache and the hub is unreachable.*; run `briefing download nobody/nothing` on a connected machine, or pass --model DIR$") as caught:
        hub.resolve_model("nobody/nothing")
    assert "\n" not in str(caught.value)


def test_a_missing_directory_is_named(tmp_path):
    with pytest.raises(ModelUnavailable, match=r"^model directory .*/nope does not exist; pass --model DIR"):
        hub.resolve_model(str(tmp_path / "nope"))


def test_a_directory_without_config_is_not_a_model(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelUnavailable, match=r"has no config.json"):
        hub.resolve_model(str(tmp_path / "empty"))


def test_an_unreadable_config_is_reported_in_one_line(tiny_model_dir, tmp_path):
    broken = shutil.copytree(tiny_model_dir, tmp_path / "broken")
    (broken / "config.json").write_text('{"model_type": "marian", ')  # cut off mid-write
    with pytest.raises(ModelUnavailable, match=r"^the config.json of model .* is unreadable \(JSONDecodeError\); download it again$"):
        hub.resolve_model(str(broken))


def test_missing_tokenizer_files_are_a_model_error_not_a_traceback(tiny_model_dir, tmp_path):
    from briefing.backends.hf import HFTranslator

    broken = shutil.copytree(tiny_model_dir, tmp_path / "no-spm")
    (broken / "source.spm").unlink()
    (broken / "target.spm").unlink()
    translator = HFTranslator(TranslatorOptions(model=str(broken)))
    with pytest.raises(ModelUnavailable, match=r"^the tokenizer files of model .*no-spm are missing or broken") as caught:
        translator.translate(["세종시"])
    assert "\n" not in str(caught.value)


def test_the_fingerprint_follows_the_files_not_the_place(tiny_model_dir, tmp_path):
    copy = shutil.copytree(tiny_model_dir, tmp_path / "copy")
    assert hub.model_fingerprint(copy) == hub.model_fingerprint(tiny_model_dir)
    config = json.loads((copy / "config.json").read_text())
    config["num_beams"] = 6
    (copy / "config.json").write_text(json.dumps(config))
    assert hub.model_fingerprint(copy) != hub.model_fingerprint(tiny_model_dir)
