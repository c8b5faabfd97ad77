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
