"""The SQLite translation cache: hits, misses, resuming, and a corrupt file set aside."""

from __future__ import annotations

import logging

import pytest

from briefing.backends import TranslatorOptions
from briefing.backends.cache import CachedTranslator, TranslationCache, cache_clear, cache_info
from briefing.model import Translation


@pytest.fixture
def cache(tmp_path) -> TranslationCache:
    c = TranslationCache(tmp_path / "translations.sqlite3")
    yield c
    c.close()


SCRIPT = {
    "세종시가 일본을 방문했다.": "Sejong City visited Japan.",
    "양자 산업 협력을 추진한다.": "It will promote cooperation in the quantum industry.",
    "중입자가속기를 도입한다.": "It will introduce a heavy ion accelerator.",
}


def test_a_second_run_is_answered_from_the_cache(scripted, cache):
    scripted.script.update(SCRIPT)
    texts = list(SCRIPT)
    first = CachedTranslator(scripted, cache, model_key="m", options_key="beams=4").translate(texts)
    again = CachedTranslator(scripted, cache, model_key="m", options_key="beams=4")
    second = again.translate(texts)
    assert second == first == [Translation(SCRIPT[t]) for t in texts]
    assert scripted.calls == [sorted(texts, key=len)]  # the model was asked once, for all three
    assert (again.hits, again.misses) == (3, 0)


def test_only_new_sentences_go_to_the_model(scripted, cache):
    scripted.script.update(SCRIPT)
    texts = list(SCRIPT)
    CachedTranslator(scripted, cache, "m", "o").translate(texts[:2])
    done = []
    out = CachedTranslator(scripted, cache, "m", "o").translate([texts[2], texts[0], texts[2]], progress=done.append)
    assert scripted.calls[-1] == [texts[2]]  # the repeated new sentence is translated once
    assert [t.en for t in out] == [SCRIPT[texts[2]], SCRIPT[texts[0]], SCRIPT[texts[2]]]
    assert sum(done) == 3


def test_changed_options_or_model_miss(scripted, cache):
    scripted.script.update(SCRIPT)
    text = ["세종시가 일본을 방문했다."]
    CachedTranslator(scripted, cache, "model-a", "beams=4").translate(text)
    CachedTranslator(scripted, cache, "model-a", "beams=1").translate(text)  # other beams: miss
    CachedTranslator(scripted, cache, "model-b", "beams=4").translate(text)  # other model files: miss
    CachedTranslator(scripted, cache, "model-a", "beams=4").translate(text)  # as the first: hit
    assert len(scripted.calls) == 3


def test_an_interrupted_run_keeps_the_batches_it_finished(scripted, cache):
    scripted.script.update({f"문장 {i}": f"sentence {i}" for i in range(10)})
    texts = [f"문장 {i}" for i in range(10)]

    class Interrupted(Exception):
        pass

    calls = 0
    real = scripted.translate

    def dies_on_second_batch(batch, progress=None):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise Interrupted
        return real(batch, progress)

    scripted.translate = dies_on_second_batch
    with pytest.raises(Interrupted):
        CachedTranslator(scripted, cache, "m", "o", chunk_size=4).translate(texts)
    scripted.translate = real
    scripted.calls.clear()
    out = CachedTranslator(scripted, cache, "m", "o", chunk_size=4).translate(texts)
    assert [t.en for t in out] == [f"sentence {i}" for i in range(10)]
    assert sum(len(c) for c in scripted.calls) == 6  # the first four were kept


def test_a_corrupt_cache_file_is_set_aside_with_a_warning(tmp_path, scripted, caplog):
    path = tmp_path / "translations.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    scripted.script.update(SCRIPT)
    cache = TranslationCache(path)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        out = CachedTranslator(scripted, cache, "m", "o").translate(["세종시가 일본을 방문했다."])
    cache.close()
    assert out == [Translation("Sejong City visited Japan.")]
    aside = list(tmp_path.glob("translations.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    assert "is unreadable (file is not a database); set aside as translations.sqlite3.corrupt-" in caplog.text
    assert cache_info(path).entries == 1  # the fresh cache works


def test_info_and_clear(tmp_path, scripted):
    path = tmp_path / "translations.sqlite3"
    assert cache_info(path).entries == 0 and not path.exists()  # info does not create the file
    scripted.script.update(SCRIPT)
    cache = TranslationCache(path)
    CachedTranslator(scripted, cache, "m", "o").translate(list(SCRIPT))
    cache.close()
    info = cache_info(path)
    assert (info.path, info.entries) == (str(path), 3) and info.size_bytes > 0
    assert cache_clear(path) == 3
    assert cache_info(path).entries == 0


def test_the_cache_location_follows_briefing_cache_dir(tmp_path, monkeypatch):
    from briefing.backends.cache import cache_path

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "c"))
    assert cache_path() == tmp_path / "c" / "translations.sqlite3"


def test_a_warm_cache_does_no_model_work_on_the_tiny_model(tiny_model_dir, tmp_path, monkeypatch):
    from briefing.backends.hf import HFTranslator

    options = TranslatorOptions(model=str(tiny_model_dir), beams=1)
    sentences = ["세종시가 일본 순방을 통해", "대통령은 오늘 오전 국무회의를 주재했다."]
    cache = TranslationCache(tmp_path / "t.sqlite3")
    first = CachedTranslator(HFTranslator(options), cache).translate(sentences)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was used on a warm cache")

    monkeypatch.setattr(HFTranslator, "_generate", no_model)
    monkeypatch.setattr(HFTranslator, "_load", no_model)
    rerun = CachedTranslator(HFTranslator(options), cache)
    assert rerun.translate(sentences) == first
    other_beams = CachedTranslator(HFTranslator(TranslatorOptions(model=str(tiny_model_dir), beams=2)), cache)
    with pytest.raises(AssertionError, match="warm cache"):  # beams changed: a miss, so the model is asked
        other_beams.translate(sentences)
    cache.close()


# --- a database that is not briefing's own is never touched ------------------------------------------


def another_programs_database(path):
    """A small SQLite file of another program (a browser's history, a notes app), in rollback mode."""
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('장보기 목록')")
    db.commit()
    db.close()
    return path


def files_of(folder):
    return {p.name: (p.is_symlink(), p.read_bytes()) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("how", ["symlink", "file"])
def test_another_programs_database_as_the_cache_is_left_as_it_is(tmp_path, scripted, caplog, how):
    # The cache folder's database links to (or is) another program's SQLite file: opening it would
    # switch it to WAL and add a table. The run goes on without the cache, with one warning.
    elsewhere, folder = tmp_path / "app", tmp_path / "cache"
    elsewhere.mkdir()
    folder.mkdir()
    path = folder / "translations.sqlite3"
    if how == "symlink":
        target = another_programs_database(elsewhere / "history.sqlite")
        path.symlink_to(target)
        why = f"is a symbolic link (to {target}), not a file of briefing's own; it was left as it is: remove the link"
    else:
        another_programs_database(path)
        why = "is not a briefing cache (its tables: notes); it was left as it is: move it away"
    before = files_of(elsewhere), files_of(folder)
    scripted.script.update(SCRIPT)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        out = CachedTranslator(scripted, TranslationCache(path), "m", "o").translate(list(SCRIPT))
    assert [t.en for t in out] == list(SCRIPT.values())  # the work went on
    assert caplog.messages == [
        f"warning: the translation cache {path} {why} or set BRIEFING_CACHE_DIR to another folder; "
        "translating without the cache"
    ]
    assert (files_of(elsewhere), files_of(folder)) == before  # not a byte changed, no -wal, nothing set aside


@pytest.mark.parametrize("command", ["info", "clear"])
def test_cache_info_and_clear_refuse_another_programs_database_in_one_line(tmp_path, monkeypatch, command):
    from click.testing import CliRunner

    from briefing.cli import cli

    target = another_programs_database(tmp_path / "history.sqlite")
    before = target.read_bytes()
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "translations.sqlite3").symlink_to(target)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, ["cache", command])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: the translation cache {tmp_path / 'cache' / 'translations.sqlite3'} is a symbolic link (to "
        f"{target}), not a file of briefing's own; it was left as it is: remove the link or set "
        "BRIEFING_CACHE_DIR to another folder\n"
    )
    assert target.read_bytes() == before
