"""Faults, hostile files and big inputs (#16): each ends with exit code 0 (a warning where the work went
on) or 2 and one line, never 3, a signal or a traceback, and nothing the user had is lost or replaced."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from conftest import SEED

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
        f"Error: output path {config} is in {tiny_model_dir}, which briefing reads; choose another -o"
    )
    assert config.read_bytes() == before


def test_output_in_the_translation_cache_folder_is_refused(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    result = invoke("inspect", SEED, "-o", cache / "translations.sqlite3")
    assert result.exit_code == 2
    assert "which briefing reads; choose another -o" in one_error_line(result)
    assert not (cache / "translations.sqlite3").exists()


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
import briefing.source as source
from briefing.cli import main

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
    )
    try:
        assert child.stderr.readline() == "reading\n"  # blocked on standard input, inside the command
        child.send_signal(signal.SIGINT)
        time.sleep(0.01)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130
    assert err == "Error: interrupted\n"
