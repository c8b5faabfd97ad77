"""Segments a translation made elsewhere left untranslated: an empty line, an XLIFF unit without a target,
a TMX unit without English, the Korean copied, another language. Each is one `untranslated` error on its
segment, shown in every format; the sentence stays in the full translation, marked, never an empty bullet."""

import json

import pytest
from click.testing import CliRunner

from briefing.checks import check_segments
from briefing.checks.untranslated import untranslated_reason
from briefing.cli import cli
from briefing.formats.layout import reading_order
from briefing.model import Term
from briefing.pipeline import prepare
from conftest import SEED, seed_script


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def seed_lines(glossary):
    script = seed_script()
    return [script[s.ko] for s in reading_order(prepare(SEED.read_text(encoding="utf-8"), glossary))]


@pytest.fixture(scope="module")
def summary_line(seed_lines, tmp_path_factory):
    """The line (0-based, reading order) of the summary's first sentence, and that sentence's Korean."""
    en = tmp_path_factory.mktemp("whole") / "seed.en.txt"
    en.write_text("\n".join(seed_lines) + "\n", encoding="utf-8")
    doc = json.loads(invoke("run", SEED, "--translation", en, "--format", "json").output)
    first = doc["summary"][0]
    return seed_lines.index(first)


def with_line(tmp_path, seed_lines, at, text, name="seed.en.txt"):
    lines = list(seed_lines)
    lines[at] = text
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def segment_at(glossary, at):
    return reading_order(prepare(SEED.read_text(encoding="utf-8"), glossary))[at]


def korean_of_line(glossary, at):
    return segment_at(glossary, at).ko


@pytest.mark.parametrize("english, reason", [
    ("", "no English"),
    ("   ", "no English"),
    (None, "no English"),
    ("세종시는 일본을 방문했다.", "the Korean copied as it is"),
    ("世宗市は日本を訪問した。", "not English (Japanese)"),
    ("世宗市访问了日本。", "not English (mostly Chinese characters)"),
    ("2026.", "no English words"),
    ("최민호 시장은 QST를 방문했다고 밝혔다.", "the English is still Korean"),
])
def test_what_is_not_an_english_translation(english, reason):
    assert untranslated_reason("세종시는 일본을 방문했다.", english) == reason


@pytest.mark.parametrize("english", [
    "Sejong City visited Japan.",
    "Mayor Choi Min-ho (최민호) visited QST in Chiba.",  # a name quoted in Hangul is still English
])
def test_english_quoting_korean_is_english(english):
    assert untranslated_reason("세종시는 2026년 일본을 방문했다.", english) is None
    assert untranslated_reason("2026.12.06", "2026.12.06") is None  # nothing but digits on either side


def test_a_segment_with_nothing_to_translate_needs_no_english():
    assert untranslated_reason("", "") is None


def test_an_empty_line_is_one_untranslated_error_not_a_finding_per_term(tmp_path, seed_lines, glossary, summary_line):
    en = with_line(tmp_path, seed_lines, summary_line, "")
    result = invoke("check", SEED, en, "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    segment = segment_at(glossary, summary_line)
    on_segment = [(f["kind"], f["severity"], f["ko"]) for f in report["findings"] if f["segment"] == segment.label]
    assert on_segment == [("untranslated", "error", segment.ko)]
    text = invoke("check", SEED, en).output
    assert ": untranslated: no English: “" in text


def test_run_keeps_an_untranslated_sentence_marked_and_never_an_empty_bullet(tmp_path, seed_lines, glossary, summary_line):
    en = with_line(tmp_path, seed_lines, summary_line, "")
    korean = korean_of_line(glossary, summary_line)
    md = invoke("run", SEED, "--translation", en)
    assert md.exit_code == 0, md.output  # reported, not fatal, unless --strict
    summary = md.output.split("## Summary\n", 1)[1].split("\n## ", 1)[0]
    assert f"- [not translated] {korean}" in summary
    assert all(line.strip() not in ("-", "- None") for line in md.output.splitlines())
    full = md.output.split("## Full translation\n", 1)[1].split("## Glossary report", 1)[0]
    assert f"[not translated] {korean}" in full
    assert "untranslated — no English" in md.output
    doc = json.loads(invoke("run", SEED, "--translation", en, "--format", "json").output)
    bullets = doc["summary"] + [b for s in doc["sections"] for b in s["brief"]]
    assert all(b and b.strip() for b in bullets)
    assert doc["summary"][0] == f"[not translated] {korean}"
    assert [f["kind"] for f in doc["findings"]].count("untranslated") == 1
    for fmt, marker in (("html", "[not translated]"), ("text", "[not translated]"), ("xliff", "untranslated: no English")):
        out = invoke("run", SEED, "--translation", en, "--format", fmt).output
        assert marker in out, fmt
    strict = invoke("run", SEED, "--translation", en, "--strict")
    assert strict.exit_code == 1, strict.output


@pytest.mark.parametrize("fmt, suffix", [("xliff", ".xlf"), ("tmx", ".tmx"), ("json", ".json"), ("lines", ".txt")])
def test_what_briefing_writes_for_an_untranslated_segment_reads_back_as_untranslated(
        tmp_path, seed_lines, summary_line, glossary, fmt, suffix):
    en = with_line(tmp_path, seed_lines, summary_line, "")
    written = tmp_path / f"written{suffix}"
    result = invoke("run", SEED, "--translation", en, "--format", fmt, "-o", written)
    assert result.exit_code == 0, result.output
    again = json.loads(invoke("check", SEED, written, "--format", "json").output)
    assert [f["segment"] for f in again["findings"] if f["kind"] == "untranslated"] == [
        segment_at(glossary, summary_line).label]


def test_an_xliff_unit_without_a_target_is_untranslated(tmp_path, seed_lines, glossary, summary_line):
    en = with_line(tmp_path, seed_lines, summary_line, seed_lines[summary_line])
    xliff = tmp_path / "seed.xlf"
    assert invoke("run", SEED, "--translation", en, "--format", "xliff", "-o", xliff).exit_code == 0
    text = xliff.read_text(encoding="utf-8")
    target = f"<target>{seed_lines[summary_line]}</target>"
    assert text.count(target) == 1
    xliff.write_text(text.replace(target, ""), encoding="utf-8")
    report = json.loads(invoke("check", SEED, xliff, "--format", "json").output)
    assert [f["segment"] for f in report["findings"] if f["kind"] == "untranslated"] == [
        segment_at(glossary, summary_line).label]


def test_a_japanese_or_copied_target_is_untranslated_and_says_which(tmp_path, seed_lines, glossary, summary_line):
    korean = korean_of_line(glossary, summary_line)
    copied = with_line(tmp_path, seed_lines, summary_line, korean, "copied.txt")
    assert "untranslated: the Korean copied as it is" in invoke("check", SEED, copied).output
    japanese = with_line(tmp_path, seed_lines, summary_line, "世宗市は日本の千葉県を訪問した。", "ja.txt")
    assert "untranslated: not English (Japanese), found “世宗市は日本の千葉県を訪問した。”" in invoke(
        "check", SEED, japanese).output


def test_the_other_checks_leave_an_untranslated_segment_to_its_one_finding():
    report = check_segments(["세종시는 2026년 치바현을 방문했다.", "세종시는 3곳을 방문했다."],
                            ["", "Sejong City visited three places."],
                            [Term("세종시", "Sejong City"), Term("치바현", "Chiba Prefecture")])
    assert [(i.segment, i.kind) for i in report.issues] == [("l1", "untranslated")]
    assert report.reviewed[0].en is None and report.en[0] == ""
