"""Control characters in the text survive every exchange format's round trip (issue #22, case 11).

Word writes a vertical tab for Shift+Enter, pdftotext a form feed between pages, and a pasted terminal
line may carry ESC. XML 1.0 forbids them: XLIFF 2.0 writes each as its standard ``<cp hex="…"/>``, TMX 1.4
(which has no such element) as the Unicode Control Picture U+2400+n, and briefing reads both back as
the character itself, so ``check`` and ``run --translation`` take its own file exactly.
"""

import json

import pytest
from click.testing import CliRunner
from lxml import etree

from briefing.cli import cli
from briefing.formats.translations import read_translation

# A short article pasted from Word and a PDF: \v inside sentence 1, \f inside sentence 2, ESC in sentence 3.
ARTICLE = (
    "정부, 반도체 지원 확대\n\n"
    "정부는 올해 반도체 산업에\v3조 원을 지원한다고 밝혔다. 업계는 이번 조치를\f환영했다. "
    "전문가들은 \x1b추가 대책이 필요하다고 지적했다.\n"
)
# The English as a translator returned it, one line per segment, the control characters kept.
ENGLISH = [
    "Government expands chip support",
    "The government said it would give the chip industry\v3 trillion won this year.",
    "The industry welcomed\fthe move.",
    "Experts said \x1bmore measures are needed.",
]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def english(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text("\n".join(ENGLISH) + "\n", encoding="utf-8")
    return path


def pairs(result_json):
    """(Korean, English) of the title and every sentence of a ``--format json`` output, in its order."""
    doc = json.loads(result_json)
    out = [(doc["title"]["ko"], doc["title"]["en"])]
    for section in doc["sections"]:
        out.extend((s["ko"], s["en"]) for s in section["sentences"])
    return out


@pytest.mark.parametrize("fmt", ["xliff", "tmx"])
def test_control_characters_survive_the_round_trip_through_xliff_and_tmx(tmp_path, article, english, fmt):
    expected = pairs(invoke("run", article, "--translation", english, "--format", "json").output)
    assert any("\v" in ko for ko, _ in expected) and any("\x1b" in en for _, en in expected)

    written = invoke("run", article, "--translation", english, "--format", fmt)
    assert written.exit_code == 0, written.output
    path = tmp_path / f"article.{'xlf' if fmt == 'xliff' else 'tmx'}"
    path.write_text(written.output, encoding="utf-8")
    etree.fromstring(path.read_bytes())  # well-formed XML 1.0

    # every unit reads back with the Korean and the English exactly as they were
    units = read_translation(str(path)).segments
    assert sorted((u.ko, u.en) for u in units) == sorted(expected)

    again = invoke("run", article, "--translation", path, "--format", "json")
    assert again.exit_code == 0, again.output
    assert pairs(again.output) == expected
    checked = invoke("check", article, path)
    assert checked.exit_code == 0, checked.output


def test_an_xliff_whose_cp_is_not_a_character_is_one_line(tmp_path, article):
    # a hand-edited file: <cp hex="XYZ"/> names no character; refused in one line, never a crash
    path = tmp_path / "broken.xlf"
    path.write_text(
        '<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" '
        'trgLang="en"><file id="f1"><unit id="s1"><segment><source>정부는<cp hex="XYZ"/>밝혔다.</source>'
        '<target>The government said.</target></segment></unit></file></xliff>', encoding="utf-8")
    result = invoke("check", article, path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "has a <cp> in s1 whose hex is not a character" in result.output


@pytest.mark.parametrize("fmt", ["xliff", "tmx"])
def test_check_fix_writes_a_repaired_segment_back_keeping_its_control_character(tmp_path, article, fmt):
    # the translator misspelt a glossary name in the sentence that holds a vertical tab; --fix repairs it
    # and writes the file back in its own format, the vertical tab as that format holds it
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text("terms:\n  - ko: 반도체\n    en: semiconductor\n", encoding="utf-8")
    lines = list(ENGLISH)
    lines[1] = "The government said it would give the semiconductr industry\v3 trillion won this year."
    lines[0] = "Government expands semiconductor support"
    english = tmp_path / "english.txt"
    english.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / f"article.{'xlf' if fmt == 'xliff' else 'tmx'}"
    written = invoke("run", article, "--translation", english, "--no-fix", "--glossary", glossary, "--format", fmt,
                     "-o", path)
    assert written.exit_code == 0, written.output
    fixed = tmp_path / f"fixed.{path.suffix[1:]}"
    result = invoke("check", article, path, "--glossary", glossary, "--fix", "-o", fixed)
    assert "Traceback" not in result.output and "[fixed]" in result.output, result.output
    etree.fromstring(fixed.read_bytes())  # well-formed XML 1.0
    repaired = {u.ko: u.en for u in read_translation(str(fixed)).segments}
    assert repaired["정부는 올해 반도체 산업에\v3조 원을 지원한다고 밝혔다."] == (
        "The government said it would give the semiconductor industry\v3 trillion won this year.")
    again = invoke("check", article, fixed, "--glossary", glossary)
    assert again.exit_code == 0, again.output
