"""Faults, hostile files and big inputs (#16): each ends with exit code 0 (a warning where the work went
on) or 2 and one line, never 3, a signal or a traceback, and nothing the user had is lost or replaced."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from conftest import SEED, lines_but_probe_warnings

SEED_TEXT = SEED.read_bytes()


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def one_error_line(result) -> str:
    """The single ``Error: …`` line of a failed command; fails when there is more (a traceback)."""
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    return lines[0]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- limits enforced on the bytes read, not on stat -------------------------------------------------

needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")


@needs_dev_zero
def test_dev_zero_as_the_article_is_refused_after_5_mb(tmp_path):
    # stat says 0 bytes for a device; an unbounded read would fill the memory (MemoryError, exit 3).
    result = invoke("inspect", "/dev/zero")
    assert result.exit_code == 2
    assert one_error_line(result) == "Error: /dev/zero is over the 5 MB limit for one article; pass a single article"


@needs_dev_zero
def test_a_symlink_to_dev_zero_named_like_a_glossary_is_refused(tmp_path):
    # The name says YAML, the bytes never end: the limit must hold on what is read.
    link = tmp_path / "terms.yaml"
    link.symlink_to("/dev/zero")
    result = invoke("inspect", SEED, "--glossary", link)
    assert result.exit_code == 2
    assert one_error_line(result) == f"Error: {link} is over the 5 MB limit for a glossary; split it into several files"


def test_endless_standard_input_is_refused_after_5_mb():
    # `yes 세종시 | briefing inspect -`: the read stops one byte past the limit.
    result = invoke("inspect", "-", input=b"\xec\x84\xb8" * (2 * 1024 * 1024))
    assert result.exit_code == 2
    assert one_error_line(result) == "Error: standard input is over the 5 MB limit for one article; pass a single article"


def test_check_names_its_own_20_mb_limit_not_the_article_limit(tmp_path):
    # A 5.5 MB line-aligned file is within `check`'s 20 MB; it used to be refused as "over the 5 MB
    # limit for one article". The line counts differ, so the answer comes before any checking.
    line = "세종시는 일본 치바현과 양자 기술 협력을 논의했다.\n"
    src = write(tmp_path / "src.ko.txt", line * (5_500_000 // len(line.encode())))
    tgt = write(tmp_path / "tgt.en.txt", "Sejong City discussed quantum technology with Chiba.\n")
    result = invoke("check", src, tgt, "--glossary", write(tmp_path / "g.tsv", "세종시\tSejong City\n"))
    assert result.exit_code == 2
    assert "they must be line-aligned" in one_error_line(result)


def test_check_over_20_mb_names_the_20_mb_limit(tmp_path):
    big = tmp_path / "corpus.en.txt"
    big.write_bytes(b"Sejong City.\n" * (21 * 1024 * 1024 // 13))
    result = invoke("check", SEED, big)
    assert result.exit_code == 2
    assert one_error_line(result) == f"Error: {big} is 21.0 MB, over the 20 MB limit for a file of `briefing check`"


# --- hostile and malformed glossaries ---------------------------------------------------------------


def test_a_700k_character_term_is_refused_with_its_line_instead_of_crashing(tmp_path):
    # pyahocorasick segfaults on a 700,000-character key; the reader stops it first, naming the line.
    path = write(tmp_path / "g.tsv", "세종시\tSejong City\n" + "가" * 700_000 + "\tx\n")
    result = invoke("inspect", SEED, "--glossary", path)
    assert result.exit_code == 2
    assert one_error_line(result) == (
        f"Error: {path}, line 2: a term of 700,000 characters ('가가가가가가가가가가가가가가가가가가가가'…) "
        "is over the limit of 1,000; a glossary entry is a word or a phrase"
    )
    # validate reports it too, as a malformed line, and goes on
    result = invoke("glossary", "validate", path)
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:2: malformed: a term of 700,000 characters")


def test_tsv_line_with_an_empty_korean_column_says_so(tmp_path):
    # "\tx": a cell pasted one column too far right; it used to say "found 2 non-empty column(s)".
    path = write(tmp_path / "g.tsv", "ko\ten\n세종시\tSejong City\n\tx\n")
    result = invoke("glossary", "validate", path)
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:3: malformed: the Korean (first) column is empty; expected ko and en, separated by a tab\n"
    )


def test_tbx_external_entity_is_reported_by_validate_not_rendered(tmp_path):
    # XXE: the entity is never resolved; it must not become the English "&xxe;" either.
    secret = write(tmp_path / "secret.txt", "TOPSECRET")
    path = write(tmp_path / "g.tbx", f"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file://{secret}">]>
<martif><text><body>
<termEntry><langSet xml:lang="ko"><tig><term>이화학연구소</term></tig></langSet>
<langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet></termEntry>
</body></text></martif>
""")
    result = invoke("glossary", "validate", path)
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:4: malformed: term entry uses the entity &xxe;, which briefing never expands "
        "(entities can read local files); write the text itself\n"
    )
    result = invoke("glossary", "import", path, "-o", tmp_path / "g.yaml")
    assert result.exit_code == 2
    assert "&xxe;" in one_error_line(result)
    assert not (tmp_path / "g.yaml").exists()


# --- outputs: never over an input, never a rename over a device --------------------------------------


def test_output_that_is_a_glossary_is_refused_also_through_a_symlink_or_hard_link(tmp_path):
    # `-o terms.yaml` typed for `--glossary terms.yaml`: the glossary would be replaced by the brief.
    glossary = write(tmp_path / "terms.yaml", "terms:\n  - ko: 세종시\n    en: Sejong City\n")
    before = glossary.read_bytes()
    (tmp_path / "link.yaml").symlink_to(glossary)
    os.link(glossary, tmp_path / "hard.yaml")
    (tmp_path / "sub").mkdir()
    for out in (glossary, tmp_path / "link.yaml", tmp_path / "hard.yaml", tmp_path / "sub" / ".." / "terms.yaml"):
        result = invoke("inspect", SEED, "--glossary", glossary, "-o", out)
        assert result.exit_code == 2, out
        assert one_error_line(result) == f"Error: output path {out} is an input file ({glossary}); choose another -o"
    assert glossary.read_bytes() == before
    assert (tmp_path / "link.yaml").is_symlink()


def test_output_inside_the_model_folder_is_refused(tiny_model_dir, tmp_path, monkeypatch):
    # `-o` naming the model's config.json would replace it before the model is even loaded.
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    config = tiny_model_dir / "config.json"
    before = config.read_bytes()
    result = invoke("run", SEED, "--model", tiny_model_dir, "-q", "-o", config)
    assert result.exit_code == 2
    assert one_error_line(result) == (
        f"Error: output path {config} is {tiny_model_dir} or in it, which briefing uses; choose another -o"
    )
    assert config.read_bytes() == before


def test_output_over_the_cache_database_or_conversions_is_refused(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    # the database (also through a hard link) and the conversions are refused; a brief beside them is not
    database = cache / "translations.sqlite3"
    database.write_bytes(b"SQLite format 3\0")
    os.link(database, tmp_path / "linked.sqlite3")
    (cache / "ct2").mkdir()
    for out in (database, tmp_path / "linked.sqlite3", cache / "ct2" / "model.bin"):
        result = invoke("inspect", SEED, "-o", out)
        assert result.exit_code == 2, out
        assert one_error_line(result).endswith("or in it, which briefing uses; choose another -o")
    assert database.read_bytes() == b"SQLite format 3\0"
    assert invoke("inspect", SEED, "-o", cache / "brief.txt").exit_code == 0


# The devices are reached through a link in tmp_path: should the direct write ever regress into a
# rename, the link is what gets replaced (and the test fails), never the system's /dev/null.


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_dev_null_as_output_is_written_to_not_replaced(tmp_path):
    # The atomic rename would put a regular file where the device was (as root: system-wide breakage).
    sink = tmp_path / "sink"
    sink.symlink_to("/dev/null")
    result = invoke("inspect", SEED, "-o", sink)
    assert result.exit_code == 0, result.output
    assert sink.is_symlink() and sink.is_char_device()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_dev_full_as_output_is_one_line_and_stays_a_device(tmp_path):
    sink = tmp_path / "full"
    sink.symlink_to("/dev/full")
    result = invoke("inspect", SEED, "-o", sink)
    assert result.exit_code == 2
    assert one_error_line(result) == f"Error: cannot write {sink}: no space left on the device"
    assert sink.is_symlink() and sink.is_char_device()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_as_output_gets_the_text_and_stays_a_fifo(tmp_path):
    # `-o` a named pipe another program reads: written through, never renamed over. The reading end is
    # opened first without blocking; the seed's 12 kB fit the pipe's buffer, so nothing waits.
    fifo = tmp_path / "brief.pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = invoke("inspect", SEED, "-o", fifo)
        received = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.output
    assert received.decode("utf-8").startswith('title:    일본 방문한 세종시 "중입자·양자·정원 국제교류 물꼬"')
    assert fifo.is_fifo()


def test_a_symlinked_output_keeps_the_link_and_replaces_its_target(tmp_path):
    # brief.md -> briefs/2024-05-28.md: the link is the user's, the new text goes to its target.
    (tmp_path / "briefs").mkdir()
    target = write(tmp_path / "briefs" / "today.md", "yesterday's brief\n")
    link = tmp_path / "brief.md"
    link.symlink_to(target)
    result = invoke("inspect", SEED, "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("title:    일본 방문한 세종시")


def test_a_file_name_too_long_is_one_line(tmp_path):
    out = tmp_path / ("브리핑" * 40 + ".md")  # 360 bytes of UTF-8: over the 255-byte limit of a name
    result = invoke("inspect", SEED, "-o", out)
    assert result.exit_code == 2
    assert one_error_line(result) == f"Error: cannot write {out}: the file name is too long"


def test_a_name_that_just_fits_is_written_though_its_temporary_name_would_not(tmp_path):
    # 250 bytes fit; the temporary file's name (".NAME.XXXX.tmp") must be shortened to fit too.
    out = tmp_path / ("a" * 247 + ".md")
    result = invoke("inspect", SEED, "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes anywhere")
def test_a_read_only_output_folder_is_one_line_and_the_old_file_stays(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    old = write(folder / "brief.txt", "the previous brief\n")
    folder.chmod(0o555)
    try:
        result = invoke("inspect", SEED, "-o", old)
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert one_error_line(result) == (
        f"Error: cannot write {old}: the folder cannot be written (permission denied or read-only)"
    )
    assert old.read_text(encoding="utf-8") == "the previous brief\n"


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="no sysfs")
def test_an_output_folder_that_refuses_new_files_is_one_line():
    # sysfs refuses new files even for root: the case a test can reproduce without dropping privileges.
    result = invoke("inspect", SEED, "-o", "/sys/brief.txt")
    assert result.exit_code == 2
    assert one_error_line(result) == (
        "Error: cannot write /sys/brief.txt: the folder cannot be written (permission denied or read-only)"
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_standard_output_full_is_one_line_exit_2():
    import subprocess

    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "briefing", "inspect", str(SEED)],
            stdout=full, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": _src()},
        )
    assert done.returncode == 2
    assert done.stderr == "Error: cannot write to standard output: no space left on the device\n"


def _src() -> str:
    """This checkout's source first, whatever is installed."""
    import briefing

    return str(Path(briefing.__file__).parents[1]) + os.pathsep + os.environ.get("PYTHONPATH", "")


# --- interruption -----------------------------------------------------------------------------------

_CHILD = """
import atexit, sys, time
import briefing.reader.source as source
from briefing.cli.commands import main

def slow_exit_handler():
    time.sleep(1.0)  # stands in for torch's exit handlers, which run after the command has returned

atexit.register(slow_exit_handler)
original = source.read_stdin

def announced(*args):
    print("reading", file=sys.stderr, flush=True)
    return original(*args)

source.read_stdin = announced
sys.argv = ["briefing", "inspect", "-"]
main()
"""


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_two_ctrl_c_in_a_row_end_with_one_line_and_exit_130():
    # Two SIGINTs 0.01 s apart: the second used to land in the exit handlers and print a traceback.
    import signal
    import subprocess
    import time

    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": _src()}, text=True,
        # As from a terminal: a shell without job control starts background commands (CI jobs, `cmd &`)
        # with SIGINT ignored, a child inherits that, and briefing rightly keeps ignoring it then.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert child.stderr.readline() == "reading\n"  # blocked on standard input, inside the command
        child.send_signal(signal.SIGINT)
        time.sleep(0.01)
        child.send_signal(signal.SIGINT)
        # Standard input stays open until the child has ended: closing it first would let a child that a
        # busy machine had not yet scheduled read an empty article (exit 2) before its signals ran.
        child.wait(timeout=120)
        err = child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130
    assert err == "Error: interrupted\n"


# --- the cache is a convenience: never a reason to fail or to lose work -------------------------------

SCRIPT = {
    "세종시가 일본을 방문했다.": "Sejong City visited Japan.",
    "양자 산업 협력을 추진한다.": "It will promote cooperation in the quantum industry.",
}


def test_a_locked_cache_is_waited_on_then_skipped_and_never_renamed(tmp_path, scripted, monkeypatch, caplog):
    # Another briefing (or a backup tool) holds the database; it is healthy, only busy.
    import logging
    import sqlite3

    from briefing.backends import cache as cache_module
    from briefing.backends.cache import CachedTranslator, TranslationCache

    monkeypatch.setattr(cache_module, "LOCK_WAIT_S", 0.2)
    path = tmp_path / "translations.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE other (x)")
    holder.execute("INSERT INTO other VALUES ('kept')")
    holder.execute("BEGIN EXCLUSIVE")
    scripted.script.update(SCRIPT)
    try:
        with caplog.at_level(logging.WARNING, logger="briefing"):
            out = CachedTranslator(scripted, TranslationCache(path), "m", "o").translate(list(SCRIPT))
    finally:
        holder.execute("COMMIT")
    assert [t.en for t in out] == list(SCRIPT.values())  # the work went on
    assert caplog.messages == [
        f"warning: the translation cache {path} cannot be used: another briefing holds it locked for more "
        "than 0.2 s; translating without the cache"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["translations.sqlite3"]  # nothing set aside
    assert holder.execute("SELECT x FROM other").fetchall() == [("kept",)]
    holder.close()


def test_cache_info_on_a_locked_cache_is_one_line(tmp_path, monkeypatch):
    import sqlite3

    from briefing.backends import cache as cache_module

    monkeypatch.setattr(cache_module, "LOCK_WAIT_S", 0.2)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    holder = sqlite3.connect(tmp_path / "translations.sqlite3", isolation_level=None)
    holder.execute("CREATE TABLE other (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = invoke("cache", "clear")
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert result.exit_code == 2
    assert one_error_line(result) == (
        f"Error: the translation cache {tmp_path / 'translations.sqlite3'} cannot be used: another briefing "
        "holds it locked for more than 0.2 s"
    )


def test_a_full_disk_is_not_corruption(tmp_path, scripted, caplog):
    # SQLITE_FULL ("database or disk is full"), reproduced with max_page_count: the file is healthy and
    # keeps what it had; the run goes on without the cache.
    import logging

    from briefing.backends.cache import CachedTranslator, TranslationCache, cache_info

    path = tmp_path / "translations.sqlite3"
    scripted.script.update(SCRIPT)
    scripted.enqueue("긴 문장.", "A long sentence. " * 20_000)
    cache = TranslationCache(path)
    CachedTranslator(scripted, cache, "m", "o").translate(["세종시가 일본을 방문했다."])
    pages = cache.db.execute("PRAGMA page_count").fetchone()[0]
    cache.db.execute(f"PRAGMA max_page_count = {pages + 2}")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        out = CachedTranslator(scripted, cache, "m", "o").translate(["긴 문장.", "양자 산업 협력을 추진한다."])
    cache.close()
    assert [t.en[:16] for t in out] == ["A long sentence.", "It will promote "]
    assert len(caplog.messages) == 1 and "database or disk is full; translating without the cache" in caplog.messages[0]
    assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name) == []
    assert cache_info(path).entries == 1  # the entry it had is still there


def test_only_a_file_sqlite_calls_malformed_is_set_aside(tmp_path, scripted, caplog):
    # A damaged page inside a real database ("database disk image is malformed"): set aside, new file.
    import logging
    import sqlite3

    from briefing.backends.cache import CachedTranslator, TranslationCache

    path = tmp_path / "translations.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE translations (key TEXT PRIMARY KEY, en TEXT NOT NULL, retried INTEGER NOT NULL "
               "DEFAULT 0, created REAL NOT NULL)")
    db.executemany("INSERT INTO translations VALUES (?, ?, 0, 0)", [(str(i), "x" * 500) for i in range(200)])
    db.commit()
    db.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xff" * (4096 * 2)  # overwrite two pages of the table's b-tree
    path.write_bytes(bytes(data))
    scripted.script.update(SCRIPT)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        cache = TranslationCache(path)
        out = CachedTranslator(scripted, cache, "m", "o").translate(list(SCRIPT))
        cache.close()
    assert [t.en for t in out] == list(SCRIPT.values())
    assert len(list(tmp_path.glob("translations.sqlite3.corrupt-*"))) == 1
    assert "malformed" in caplog.text


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    return cache


def test_a_cache_folder_that_cannot_be_created_means_a_run_without_it(tiny_model_dir, tmp_path, monkeypatch):
    # BRIEFING_CACHE_DIR under a regular file (a typo, or ~/.cache a file): warnings, and the brief.
    blocker = write(tmp_path / "not-a-folder", "x")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "briefing"))
    out = tmp_path / "brief.md"
    result = invoke("run", SEED, "--model", tiny_model_dir, "--backend", "ctranslate2", "-q", "-o", out)
    assert result.exit_code == 0, result.output
    assert lines_but_probe_warnings(result.output) == [
        f"warning: cannot create the cache folder {blocker / 'briefing'} (Not a directory); translating without the cache",
        f"warning: cannot create {blocker / 'briefing' / 'ct2'} (Not a directory); converting for this run only",
    ]
    assert "## Full translation" in out.read_text(encoding="utf-8")
    assert blocker.read_text() == "x"


def _conversion(model_dir: Path) -> Path:
    from briefing.backends import ct2

    return ct2.conversion_dir(model_dir, str(model_dir), "int8")


def test_a_zeroed_converted_model_is_set_aside_converted_again_and_cleared(tiny_model_dir, own_cache, tmp_path):
    # A disk error zeroed model.bin after the conversion: same size, so only loading finds out.
    first = invoke("translate", SEED, "--model", tiny_model_dir, "--backend", "ctranslate2", "-q", "--no-cache",
                   "--format", "text")
    assert first.exit_code == 0, first.output
    model_bin = _conversion(tiny_model_dir) / "model.bin"
    model_bin.write_bytes(b"\0" * model_bin.stat().st_size)
    again = invoke("translate", SEED, "--model", tiny_model_dir, "--backend", "ctranslate2", "-q", "--no-cache",
                   "--format", "text")
    assert again.exit_code == 0, again.output
    warning, *text = again.output.splitlines()
    assert warning.startswith(f"warning: the converted model in {_conversion(tiny_model_dir)} does not load (")
    assert warning.endswith("); set aside, converting it again")
    assert "\n".join(text) + "\n" == first.output  # the fresh conversion translates as the first did
    broken = list((own_cache / "ct2").glob(".*.broken-*"))
    assert len(broken) == 1
    cleared = invoke("cache", "clear")
    assert cleared.output == "removed 0 cached translations and 1 broken converted model(s)\n"
    assert not broken[0].exists() and (_conversion(tiny_model_dir) / "model.bin").is_file()


def test_a_truncated_vocabulary_is_found_without_loading_and_download_reconverts(tiny_model_dir, own_cache):
    # `download` must not say "is ready" of a conversion that would not load.
    assert invoke("download", tiny_model_dir, "-q").exit_code == 0
    vocab = _conversion(tiny_model_dir) / "shared_vocabulary.json"
    vocab.write_bytes(vocab.read_bytes()[:10])
    result = invoke("download", tiny_model_dir, "-q")
    assert result.exit_code == 0, result.output
    assert lines_but_probe_warnings(result.output) == [f"{tiny_model_dir} is ready: {tiny_model_dir}"]
    assert vocab.stat().st_size > 10  # converted again (the size check saw the truncation)


def test_a_conversion_that_never_loads_is_one_line_and_nothing_is_cached(tiny_model_dir, own_cache, monkeypatch):
    # The fresh conversion is loaded for its probes before it is moved into the cache (#14): one that
    # does not load is refused there, and nothing that cannot load is left behind.
    import ctranslate2

    def refuse(*args, **kwargs):
        raise RuntimeError("Variable 'decoder/embeddings/weight' has an invalid payload size")

    monkeypatch.setattr(ctranslate2, "Translator", refuse)
    result = invoke("download", tiny_model_dir, "-q")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: the CTranslate2 conversion of model {tiny_model_dir} does not load (RuntimeError: Variable "
        "'decoder/embeddings/weight' has an invalid payload size); check the model files or use --backend transformers"
    ]
    assert not _conversion(tiny_model_dir).exists()
    assert not list((own_cache / "ct2").glob("*"))  # no conversion folder, complete or not


def _copy_model(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


def test_a_truncated_safetensors_is_one_line_on_the_ctranslate2_backend(tiny_model_dir, own_cache, tmp_path):
    model = _copy_model(tiny_model_dir, tmp_path / "model")
    weights = model / "model.safetensors"
    os.truncate(weights, weights.stat().st_size // 2)  # an interrupted copy
    result = invoke("translate", SEED, "--model", model, "--backend", "ctranslate2", "-q")
    assert result.exit_code == 2
    assert one_error_line(result).startswith(
        f"Error: model {model} cannot be read for conversion to CTranslate2 (SafetensorError: "
    )


def test_a_pickle_that_is_not_plain_weights_is_one_line_and_never_run(tiny_model_dir, own_cache, tmp_path):
    # pytorch_model.bin is a pickle; one that calls a function must be refused, not executed.
    import pickle

    model = _copy_model(tiny_model_dir, tmp_path / "model")
    (model / "model.safetensors").unlink()
    marker = tmp_path / "the-pickle-ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    (model / "pytorch_model.bin").write_bytes(pickle.dumps({"model.shared.weight": Payload()}))
    for backend in ("ctranslate2", "transformers"):
        result = invoke("translate", SEED, "--model", model, "--backend", backend, "-q")
        assert result.exit_code == 2, backend
        assert "UnpicklingError" in one_error_line(result)
    assert not marker.exists()


def test_a_conversion_folder_that_refuses_new_files_means_a_conversion_for_this_run(
    tiny_model_dir, own_cache, tmp_path, monkeypatch
):
    # A read-only ct2 folder (root cannot reproduce one, so mkdtemp answers as the kernel would there).
    import errno
    import tempfile

    (own_cache / "ct2").mkdir(parents=True)
    real_mkdtemp = tempfile.mkdtemp

    def read_only(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == own_cache / "ct2":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkdtemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    result = invoke("translate", SEED, "--model", tiny_model_dir, "--backend", "ctranslate2", "-q", "--no-cache",
                    "--format", "text")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"warning: cannot create {own_cache / 'ct2'} (Permission denied); converting for this run only"
    )
    assert list((own_cache / "ct2").iterdir()) == []  # nothing was written where it could not be


@pytest.mark.parametrize("command", [["inspect"], ["run", "--translation", "EN"], ["check", "EN"]])
def test_an_article_name_longer_than_a_file_name_may_be_is_one_line(tmp_path, command):
    # 90 syllables are 270 bytes in UTF-8: no file system holds such a name, and looking it up fails
    too_long = str(tmp_path / ("가" * 90 + ".txt"))
    english = tmp_path / "en.txt"
    english.write_text("Sejong City.\n", encoding="utf-8")
    args = [command[0], too_long, *[str(english) if a == "EN" else a for a in command[1:]]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines() == [f"Error: {too_long}: cannot read: the file name is too long"]
