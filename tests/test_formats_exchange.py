"""Translations made elsewhere and the exchange formats: line-aligned text, JSON, XLIFF and TMX.

The seed article with its human translation (tests/data/seed_en.tsv) stands in for DeepL or a person;
the scripted fake gives the same English through the model's path, so the two runs must agree.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.formats import render
from briefing.formats.alignment import first_shift
from briefing.formats.layout import reading_order
from briefing.pipeline import prepare, run_article
from conftest import SEED, seed_script, seed_translator


@pytest.fixture(scope="module")
def seed_lines(glossary):
    """The human translation as a translator returns it: one line per segment, in reading order."""
    script = seed_script()
    return [script[s.ko] for s in reading_order(prepare(SEED.read_text(encoding="utf-8"), glossary))]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_error_line(result):
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.output
    return lines[0]


def test_inspect_lines_prints_one_korean_line_per_segment_in_reading_order():
    out = invoke("inspect", SEED, "--format", "lines").output.splitlines()
    assert len(out) == 37  # title, subtitle, 3 headings, 32 sentences
    assert out[0] == '일본 방문한 세종시 "중입자·양자·정원 국제교류 물꼬"'
    assert out[2].startswith("세종시가 일본 순방을 통해")  # the lead's first sentence comes before any heading
    assert out[6] == "도시 간 교류협력 추진"  # heading 1, without its ◇ marker, after the lead's 4 sentences


def test_run_with_the_human_translation_gives_the_scripted_fakes_briefing(tmp_path, seed_lines, seed_result):
    en = tmp_path / "seed.en.txt"
    en.write_text("\n".join(seed_lines) + "\n", encoding="utf-8")
    result = invoke("run", SEED, "--translation", en, "--format", "json", "--model", tmp_path / "no-such-model")
    assert result.exit_code == 0, result.output  # no model is looked up, let alone loaded
    got, want = json.loads(result.output), json.loads(render(seed_result, "json"))
    for key in ("title", "subtitle", "summary", "sections", "findings", "repairs"):
        assert got[key] == want[key], key
    assert (got["model"], got["backend"]) == (str(en), "translation file")
    md = invoke("run", SEED, "--translation", en).output
    assert f"> Translation from Korean read from `{en}`" in md
    assert md.split("\n", 6)[6] == render(seed_result, "markdown").split("\n", 6)[6]  # all but the provenance


def test_a_dropped_line_names_both_counts_and_where_it_stops_lining_up(tmp_path, seed_lines):
    # The translator lost line 13, the English of sentence 10 (title, subtitle, 4 lead sentences,
    # heading 1, then sentences 5-10): every later line has shifted up by one.
    lines = seed_lines[:12] + seed_lines[13:]
    en = tmp_path / "short.en.txt"
    en.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for command in (("run", SEED, "--translation", en), ("check", SEED, en)):
        result = invoke(*command)
        assert result.exit_code == 2
        line = one_error_line(result)
        assert line.startswith(f"Error: {en} has 36 lines but {SEED} has 37 segments")
        assert "the first that does not line up is sentence 10 (“시즈오카현은 일본 문화·경제교류의 중심지로" in line
        assert "line 13 holds “Hamamatsu City in particular" in line


def shifted_by_a_merge_and_a_split(lines):
    """Lines 8 and 9 merged into one, line 21 split in two: still 37 lines, and the twelve segments
    between (sentences 6 to 17) each get the next line's English."""
    split = lines[20]
    return (lines[:7] + [lines[7] + " " + lines[8]] + lines[9:20]
            + [split[: len(split) // 2].rstrip(), split[len(split) // 2:].lstrip()] + lines[21:])


def test_shifted_lines_of_the_right_count_are_refused_naming_the_first_that_does_not_line_up(tmp_path, seed_lines):
    # #22 case 1: a translator merged two lines and split another; the count still matches, so the
    # counts alone accepted it and gave twelve segments the next line's English with exit 0
    lines = shifted_by_a_merge_and_a_split(seed_lines)
    assert len(lines) == 37 and lines[8] == seed_lines[9]
    en = tmp_path / "shifted.en.txt"
    en.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "brief.md"
    for command in (("run", SEED, "--translation", en, "-o", out), ("check", SEED, en)):
        result = invoke(*command)
        assert result.exit_code == 2, result.output
        assert one_error_line(result) == (
            f"Error: {en} does not line up with {SEED}: line 8 should be the English of sentence 5 "
            "(“시 대표단은 지난 30일 일본 치바현을 찾아 치바현지사와 면담을 갖고 …”) but holds “On the 30th the city "
            "delegation visited…”, which looks like the English of sentence 6 (“치바현은 1994년 세계 최초로 중입자 "
            "치료를 시작한 QST 병원이 위…”); were lines merged, split or moved? (one line per segment, in the "
            "order `briefing inspect --format lines` prints them)")
        assert "Sejong" not in result.output  # no English reached any segment
    assert not out.exists()


def test_shifted_lines_against_a_korean_line_file_are_refused(tmp_path, seed_lines):
    ko = tmp_path / "seed.ko.txt"
    ko.write_text(invoke("inspect", SEED, "--format", "lines").output, encoding="utf-8")
    en = tmp_path / "shifted.en.txt"
    en.write_text("\n".join(shifted_by_a_merge_and_a_split(seed_lines)) + "\n", encoding="utf-8")
    result = invoke("check", ko, en)
    assert result.exit_code == 2
    line = one_error_line(result)
    assert line.startswith(f"Error: {en} does not line up with {ko}: line 8 should be the English of line 8 ")
    assert line.endswith("which looks like the English of line 9 (“치바현은 1994년 세계 최초로 중입자 치료를 시작한 QST 병원이 위…”); "
                         "were lines merged, split or moved?")


FLORES = Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200-dev"


@pytest.mark.skipif(not FLORES.is_dir(), reason="../shared/data/flores200-dev is not beside the repository")
@pytest.mark.parametrize("english", ["eng.txt", "opus-mt-ko-en.txt", "opus-mt-tc-big-ko-en.txt"])
def test_a_free_translation_or_a_weak_model_is_not_taken_for_a_shift(english):
    # 997 line-aligned pairs whose English is a person's free rendering or a 2020 model's: the aligner
    # leaves the diagonal for a line here and there, which must not refuse the file
    ko = (FLORES / "kor.txt").read_text(encoding="utf-8").splitlines()
    en = (FLORES / english).read_text(encoding="utf-8").splitlines()
    assert first_shift(ko, en) is None


def test_the_human_translation_in_reading_order_is_not_taken_for_a_shift(seed_lines, seed_result):
    assert first_shift([s.ko for s in reading_order(seed_result)], seed_lines) is None


def test_check_reads_an_article_as_run_does_when_its_raw_lines_number_as_many(tmp_path, seed_lines):
    # #22 case 2: the seed with a blank line before each heading and six of its related links cut has
    # 37 raw lines, as many as its 37 segments; check used to pair the raw lines (60 false findings on a
    # perfect translation) while run --translation read the article
    raw = SEED.read_text(encoding="utf-8").splitlines()
    lines = [part for line in raw[:30] for part in ([""] if line.startswith("◇") else []) + [line]] + raw[30:34]
    assert len(lines) == 37
    article = tmp_path / "article.txt"
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    en = tmp_path / "article.en.txt"
    en.write_text("\n".join(seed_lines) + "\n", encoding="utf-8")
    checked = invoke("check", article, en)
    assert (checked.exit_code, checked.output) == (0, invoke("check", SEED, en).output)
    assert checked.output.splitlines() == [  # the faithful human translation raises no finding, as in a run
        "37 segments, 92 term occurrences, 92 rendered, 0 findings, 0 fixed"]
    run = json.loads(invoke("run", article, "--translation", en, "--format", "json").output)
    assert run["findings"] == []


def test_check_pairs_a_korean_line_file_line_by_line(tmp_path, seed_lines):
    # the Korean as `inspect --format lines` writes it is read as lines: the same pairing, "line N"
    ko = tmp_path / "seed.ko.txt"
    ko.write_text(invoke("inspect", SEED, "--format", "lines").output, encoding="utf-8")
    en = tmp_path / "seed.en.txt"
    en.write_text("\n".join(seed_lines) + "\n", encoding="utf-8")
    checked = invoke("check", ko, en)
    assert checked.exit_code == 0
    assert checked.output.splitlines() == ["37 segments, 92 term occurrences, 92 rendered, 0 findings, 0 fixed"]


def test_an_article_with_blank_lines_is_never_paired_line_by_line(tmp_path, seed_lines):
    # 40 raw lines with blank ones, 37 segments, 40 English lines: neither reading fits
    raw = SEED.read_text(encoding="utf-8").splitlines()
    article = tmp_path / "article.txt"
    article.write_text("\n".join(raw[:3] + [""] + raw[3:39]) + "\n", encoding="utf-8")
    en = tmp_path / "article.en.txt"
    en.write_text("\n".join(seed_lines + ["a", "b", "c"]) + "\n", encoding="utf-8")
    result = invoke("check", article, en)
    assert result.exit_code == 2
    assert one_error_line(result).startswith(f"Error: {en} has 40 lines but {article} has 37 segments")


def test_a_deeply_nested_json_is_one_line_not_a_crash(tmp_path):
    # #22 case 17: Python's JSON parser recurses once per level and used to end in RecursionError, exit 3
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    for command in (("run", SEED, "--translation", path), ("check", SEED, path), ("check", path)):
        result = invoke(*command)
        assert result.exit_code == 2, result.output
        assert one_error_line(result) == (
            f"Error: {path} is not the JSON that `briefing translate --format json` writes (nested too deep "
            "to read; briefing's JSON is seven levels deep)")


def test_a_huge_json_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:
        f.truncate(21 * 1024 * 1024)
    result = invoke("run", SEED, "--translation", path)
    assert result.exit_code == 2
    assert one_error_line(result) == f"Error: {path} is 21.0 MB, over the 20 MB limit for a translation file"


@pytest.mark.parametrize("name", ["seed.en.txt", "seed.en", "seed.deepl"])
@pytest.mark.parametrize("title", ["[Exclusive] Sejong City visits Japan", "<Interview> Sejong City visits Japan",
                                   '{Sejong} visits Japan', "[1] Sejong City visits Japan"])
def test_a_line_aligned_translation_starting_with_a_bracket_is_read_as_lines(tmp_path, seed_lines, name, title):
    # #22 case 10: Korean headlines start [단독], [속보], <인터뷰> and the English keeps the bracket; the
    # first byte alone used to send the file to the JSON or XML reader, which refused it
    en = tmp_path / name
    en.write_text("\n".join([title] + seed_lines[1:]) + "\n", encoding="utf-8")
    result = invoke("run", SEED, "--translation", en, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["title"]["en"] == title
    assert document["sections"][1]["sentences"][0]["en"] == seed_lines[7]  # nothing shifted
    assert invoke("check", SEED, en).exit_code == 1  # the shortened title drops heavy-ion and quantum


@pytest.mark.parametrize("fmt, name", [("json", "seed.out"), ("xliff", "seed.out"), ("tmx", "seed.out")])
def test_a_json_xliff_or_tmx_under_another_name_is_read_by_a_strict_parse(tmp_path, seed_result, fmt, name):
    path = tmp_path / name
    path.write_text(render(seed_result, fmt), encoding="utf-8")
    result = invoke("run", SEED, "--translation", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"] == json.loads(render(seed_result, "json"))["summary"]


def test_a_file_named_json_that_is_not_json_is_refused_as_json(tmp_path, seed_lines):
    path = tmp_path / "seed.json"
    path.write_text("\n".join(["[Exclusive] Sejong"] + seed_lines[1:]) + "\n", encoding="utf-8")
    line = one_error_line(invoke("run", SEED, "--translation", path))
    assert line == (f"Error: {path} is not the JSON that `briefing translate --format json` writes "
                    "(Expecting value: line 1 column 2 (char 1))")  # its name says JSON: never read as lines


def test_the_paragraph_text_is_not_taken_for_one_line_per_segment(tmp_path, seed_result):
    en = tmp_path / "seed.txt"
    en.write_text(render(seed_result, "text"), encoding="utf-8")
    assert "segments (one line each, in the order `briefing inspect --format lines`" in one_error_line(
        invoke("run", SEED, "--translation", en))


@pytest.mark.parametrize("fmt", ["json", "xliff", "tmx", "lines"])
def test_every_format_run_writes_reads_back_into_the_same_run(tmp_path, fmt, seed_result):
    path = tmp_path / f"seed.{fmt}"
    path.write_text(render(seed_result, fmt), encoding="utf-8")
    again = invoke("run", SEED, "--translation", path, "--format", "json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["sections"] == json.loads(render(seed_result, "json"))["sections"]
    checked = invoke("check", SEED, path, "--format", "json")
    report = json.loads(checked.output)
    assert (report["segments"], report["term_occurrences"], report["rendered"]) == (37, 92, 92)
    assert report["findings"] == []


def test_translate_toolkit_reads_the_xliff_and_tmx_with_the_same_segments(seed_result):
    from translate.storage.tmx import tmxfile
    from translate.storage.xliff2 import Xliff2File

    order = reading_order(seed_result)
    xliff = Xliff2File.parsestring(render(seed_result, "xliff").encode("utf-8"))
    assert [(u.getid(), u.source, u.target) for u in xliff.units] == [(s.id, s.ko, s.en) for s in order]
    tmx = tmxfile.parsestring(render(seed_result, "tmx").encode("utf-8"))
    assert [(u.source, u.target) for u in tmx.units] == [(s.ko, s.en) for s in order]


def test_the_xliff_keeps_the_model_output_findings_and_terms(glossary):
    from lxml import etree

    # The model misspelt RIKEN in the sentence on the visit to RIKEN's quantum computing centre.
    translator = seed_translator()
    text = SEED.read_text(encoding="utf-8")
    sentence = next(s for s in prepare(text, glossary).segments if s.ko.startswith("특히 다수의 노벨상"))
    translator.enqueue(sentence.ko, translator.script[sentence.ko].replace("RIKEN", "Rikken"))
    result = run_article(text, glossary, translator)
    root = etree.fromstring(render(result, "xliff").encode("utf-8"))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0", "mda": "urn:oasis:names:tc:xliff:metadata:2.0",
          "gls": "urn:oasis:names:tc:xliff:glossary:2.0"}
    unit = root.find(f".//x:unit[@id='{sentence.id}']", ns)
    assert "Rikken" in unit.find(".//mda:meta[@type='raw-target']", ns).text  # the model's English, kept
    assert "RIKEN" in unit.find(".//x:target", ns).text and "Rikken" not in unit.find(".//x:target", ns).text
    assert any("Rikken" in n.text and "repaired" in n.text for n in unit.findall("x:notes/x:note", ns))
    marks = {m.text: m.get("value") for m in unit.findall(".//x:source/x:mrk[@type='term']", ns)}
    assert marks["이화학연구소"] == "RIKEN"
    assert [e.findtext("gls:translation", namespaces=ns) for e in unit.findall(".//gls:glossEntry", ns)].count("RIKEN") == 1


def test_a_cat_tools_xliff_1_2_is_checked_against_the_article_and_alone(tmp_path, glossary, seed_result):
    from translate.storage.xliff import xlifffile

    # Another tool's file: its own ids (1, 2, …), XLIFF 1.2, one sentence with the glossary avoided and
    # sentence 28's three countries (한미일 3국) made four, a number no repair may touch.
    store = xlifffile(sourcelanguage="ko", targetlanguage="en")
    for n, segment in enumerate(reading_order(seed_result), 1):
        unit = store.addsourceunit(segment.ko)
        unit.setid(str(n))
        unit.target = segment.en.replace("heavy-ion therapy", "heavy particle therapy").replace(
            "where Korea, the United States and Japan", "where four countries")
    path = tmp_path / "vendor.xlf"
    path.write_bytes(bytes(store))
    against_article = json.loads(invoke("check", SEED, path, "--format", "json").output)
    alone = json.loads(invoke("check", path, "--format", "json").output)
    for report in (against_article, alone):
        assert report["segments"] == 37
        assert {f["kind"] for f in report["findings"]} == {"avoided", "number"}
    assert {f["segment"] for f in alone["findings"]} >= {"unit 32"}  # unit 32 holds sentence 28
    fixed = tmp_path / "vendor.fixed.xlf"
    assert invoke("check", path, "--fix", "-o", fixed).exit_code == 1  # the number cannot be repaired
    repaired = xlifffile.parsestring(fixed.read_bytes())
    assert "heavy particle therapy" not in " ".join(str(u.target) for u in repaired.units)
    assert [u.getid() for u in repaired.units] == [u.getid() for u in store.units]


def test_a_translation_memory_with_other_units_is_matched_by_its_korean(tmp_path, seed_result):
    from translate.storage.tmx import tmxfile

    memory = tmxfile(sourcelanguage="ko", targetlanguage="en")
    memory.addtranslation("관계없는 문장이다.", "ko", "An unrelated sentence.", "en")
    for segment in reversed(reading_order(seed_result)):
        memory.addtranslation(segment.ko, "ko", segment.en, "en")
    path = tmp_path / "memory.tmx"
    path.write_bytes(bytes(memory))
    result = invoke("run", SEED, "--translation", path, "--format", "json")
    assert json.loads(result.output)["summary"] == json.loads(render(seed_result, "json"))["summary"]


def test_an_xliff_that_uses_an_entity_is_refused_not_expanded(tmp_path):
    path = tmp_path / "evil.xlf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko"><file id="f">'
        '<unit id="title"><segment><source>x</source><target>&secret;</target></segment></unit></file></xliff>',
        encoding="utf-8",
    )
    result = invoke("check", SEED, path)
    assert result.exit_code == 2
    assert one_error_line(result) == (
        f"Error: {path} uses the entity &secret;, which briefing never expands (entities can read local "
        "files); write the text itself")


@pytest.mark.parametrize("content, reason", [
    ("<xliff version='2.0'><unclosed>", "is not well-formed XML"),
    ("<html><body>hello</body></html>", "is XML but neither XLIFF nor TMX (its root is <html>)"),
])
def test_broken_or_foreign_xml_is_one_line(tmp_path, content, reason):
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    result = invoke("run", SEED, "--translation", path)
    assert result.exit_code == 2 and reason in one_error_line(result)


def test_an_xliff_of_another_article_is_refused(tmp_path, seed_result):
    other = tmp_path / "other.txt"
    other.write_text("세종시가 오늘 새로운 정원 정책을 발표했다.\n", encoding="utf-8")  # one sentence of other news
    path = tmp_path / "seed.xlf"
    path.write_text(render(seed_result, "xliff"), encoding="utf-8")
    line = one_error_line(invoke("run", other, "--translation", path))
    assert line.startswith(f"Error: {path} does not belong to {other}: 37 units for 1 segments, and none holds")


def test_run_refuses_to_write_over_its_translation(tmp_path, seed_lines):
    en = tmp_path / "seed.en.txt"
    en.write_text("\n".join(seed_lines) + "\n", encoding="utf-8")
    assert "is an input file" in one_error_line(invoke("run", SEED, "--translation", en, "-o", en))
    assert en.read_text(encoding="utf-8").count("\n") == 37


def multilingual_memory(seed_result, english=True):
    """A translation memory as CAT tools export them: Korean, Japanese and (unless not ``english``)
    English variants in each unit, in varying order and with regional tags."""
    units = []
    for n, segment in enumerate(reading_order(seed_result)):
        variants = [f'<tuv xml:lang="ko-KR"><seg>{segment.ko}</seg></tuv>',
                    f'<tuv xml:lang="ja"><seg>日本語の訳 {n}</seg></tuv>']
        if english:
            variants.append(f'<tuv xml:lang="{("en", "EN-GB", "en-US")[n % 3]}"><seg>{segment.en}</seg></tuv>')
        if n % 2:
            variants.reverse()
        units.append(f'<tu tuid="{n + 1}">{"".join(variants)}</tu>')
    return ('<?xml version="1.0" encoding="utf-8"?><tmx version="1.4"><header srclang="ko" adminlang="en" '
            'segtype="sentence" datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/>'
            f'<body>{"".join(units)}</body></tmx>').replace("&", "&amp;")


def test_a_multilingual_memory_gives_each_segment_its_english_variant(tmp_path, seed_result):
    path = tmp_path / "memory.tmx"
    path.write_text(multilingual_memory(seed_result), encoding="utf-8")
    result = invoke("run", SEED, "--translation", path, "--format", "json")
    assert result.exit_code == 0, result.output
    got, want = json.loads(result.output), json.loads(render(seed_result, "json"))
    assert (got["title"], got["sections"]) == (want["title"], want["sections"])
    assert "日本語" not in result.output
    report = json.loads(invoke("check", SEED, path, "--format", "json").output)
    assert report["findings"] == []  # the faithful human translation raises no finding
    avoided = tmp_path / "avoided.tmx"
    avoided.write_text(multilingual_memory(seed_result).replace("heavy-ion therapy", "heavy particle therapy"),
                       encoding="utf-8")
    fixed = tmp_path / "fixed.tmx"
    assert invoke("check", SEED, avoided, "--fix", "-o", fixed).exit_code == 0  # every finding was repaired
    text = fixed.read_text(encoding="utf-8")  # the repair went into the English variants, not the Japanese
    assert "heavy particle therapy" not in text and text.count("日本語の訳") == 37


def test_a_memory_without_english_is_refused(tmp_path, seed_result):
    path = tmp_path / "memory.tmx"
    path.write_text(multilingual_memory(seed_result, english=False), encoding="utf-8")
    for command in (("run", SEED, "--translation", path), ("check", SEED, path)):
        result = invoke(*command)
        assert result.exit_code == 2
        assert one_error_line(result) == (
            f'Error: {path} holds no English: no unit has a variant in en (<tuv xml:lang="en">)')


def test_an_xliff_into_another_language_is_refused(tmp_path, seed_result):
    path = tmp_path / "seed.ja.xlf"
    xliff = render(seed_result, "xliff")
    assert 'trgLang="en"' in xliff
    path.write_text(xliff.replace('trgLang="en"', 'trgLang="ja-JP"'), encoding="utf-8")
    for command in (("run", SEED, "--translation", path), ("check", SEED, path)):
        result = invoke(*command)
        assert result.exit_code == 2
        assert one_error_line(result) == (
            f"Error: {path} holds no English: its target language is ja-JP, and briefing reads English (en, en-US…)")
    path.write_text(xliff.replace('trgLang="en"', 'trgLang="EN-US"'), encoding="utf-8")
    assert invoke("run", SEED, "--translation", path).exit_code == 0


OLD_TITLE = '일본 방문한 세종시 "중입자·양자·정원 국제교류 물꼬"'
OLD_HEADING = "도시 간 교류협력 추진"


@pytest.mark.parametrize("fmt, suffix", [("json", "json"), ("xliff", "xlf"), ("tmx", "tmx")])
@pytest.mark.parametrize("headline", [True, False])
def test_a_file_made_for_an_earlier_version_of_the_article_is_refused(tmp_path, seed_result, fmt, suffix, headline):
    # The paper changed its headline (or only a heading) after the file was made; the sentences are unchanged.
    path = tmp_path / f"seed.{suffix}"
    path.write_text(render(seed_result, fmt), encoding="utf-8")
    text = SEED.read_text(encoding="utf-8")
    assert text.count(OLD_TITLE) == 1 and text.count(OLD_HEADING) == 1
    new_title = "세종시, 일본 순방서 중입자·양자 협력 성과" if headline else OLD_TITLE
    article = tmp_path / "seed.v2.txt"
    article.write_text(text.replace(OLD_TITLE, new_title).replace(OLD_HEADING, "도시 간 교류협력 확대"), encoding="utf-8")
    if headline:
        changed = f"title (title) is “{new_title}” in the article but “{OLD_TITLE}” in the file"
    else:
        in_file = f"◇ {OLD_HEADING}" if fmt == "json" else OLD_HEADING  # briefing's JSON keeps the marker
        changed = f"heading 1 (h1) is “도시 간 교류협력 확대” in the article but “{in_file}” in the file"
    for command in (("run", article, "--translation", path), ("check", article, path)):
        result = invoke(*command)
        assert result.exit_code == 2
        assert one_error_line(result) == f"Error: {path} was made for another version of {article}: {changed}"
        assert result.output.count("\n") == 1  # no English went out, under the new headline or anywhere
    same = invoke("run", SEED, "--translation", path, "--format", "json")  # the version it was made for
    assert same.exit_code == 0 and json.loads(same.output)["title"] == json.loads(render(seed_result, "json"))["title"]

