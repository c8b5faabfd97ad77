"""The command line as a careless user meets it: exit codes and one-line errors, then the way out."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from conftest import SEED


# every test gets its own translation cache and no BRIEFING_DEBUG of the developer's shell
pytestmark = pytest.mark.usefixtures("isolated_cache")


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def assert_one_line_error(result, code, *words):
    assert result.exit_code == code, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: "), lines[0]
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]


# --- bad articles ---------------------------------------------------------------------------------


def test_missing_article(tmp_path):
    assert_one_line_error(invoke("inspect", tmp_path / "nope.txt"), 2, "nope.txt")


def test_article_is_a_directory(tmp_path):
    assert_one_line_error(invoke("inspect", tmp_path), 2, "directory")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", b"\xef\xbb\xbf\n"], ids=["empty", "whitespace", "bom-only"])
def test_empty_article(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_one_line_error(invoke("inspect", path), 2, "empty.txt")


def test_binary_file(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    assert_one_line_error(invoke("inspect", path), 2, "photo.jpg")


def test_saved_html_page_is_read_through_the_extractor_never_as_tags(tmp_path):
    # A page saved from the browser: its tags must never reach the sentences (see test_page.py).
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>세종시</title></head><body>"
        "<p>세종시가 내년 예산을 2조 원 규모로 편성했다고 10일 밝혔다.</p></body></html>",
        encoding="utf-8",
    )
    result = invoke("inspect", path)
    assert result.exit_code == 0, result.output
    assert "    1. 세종시가 내년 예산을 2조 원 규모로 편성했다고 10일 밝혔다.\n" in result.output
    assert "<p>" not in result.output


def test_cp949_article_is_decoded(tmp_path):
    # Older Korean sites and Windows tools still write CP949; it must read as Korean, not mojibake.
    path = tmp_path / "old.txt"
    # (© has no CP949 code; the Korean text does, every character of it)
    path.write_bytes(SEED.read_text(encoding="utf-8").replace("©", "(c)").encode("cp949", errors="strict"))
    result = invoke("inspect", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["title"]["ko"].startswith("일본 방문한 세종시")


def test_article_from_standard_input():
    result = invoke("inspect", "-", "--format", "json", input=SEED.read_bytes())
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["subtitle"]["ko"].startswith("의료복지 허브")


# --- outputs --------------------------------------------------------------------------------------


def test_output_that_is_the_input_is_refused(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes(SEED.read_bytes())
    result = invoke("inspect", article, "-o", article)
    assert_one_line_error(result, 2, "input")
    assert article.read_bytes() == SEED.read_bytes()


def test_output_folder_that_does_not_exist(tmp_path):
    assert_one_line_error(invoke("inspect", SEED, "-o", tmp_path / "no" / "out.txt"), 2, "does not exist")


def test_inspect_writes_its_output_file(tmp_path):
    out = tmp_path / "inspect.json"
    result = invoke("inspect", SEED, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["sections"]) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["inspect.json"]  # no temporary file left beside it


# --- glossaries -----------------------------------------------------------------------------------


def test_malformed_tsv_glossary_names_the_line(tmp_path):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("ko\ten\n세종시\tSejong City\n치바현 Chiba Prefecture\n", encoding="utf-8")
    assert_one_line_error(invoke("inspect", SEED, "--glossary", glossary), 2, "line 3")


def test_missing_glossary_file(tmp_path):
    assert_one_line_error(invoke("inspect", SEED, "--glossary", tmp_path / "none.yaml"), 2, "none.yaml")


def test_a_later_glossary_wins_on_the_same_term(tmp_path):
    override = tmp_path / "house.tsv"
    override.write_text("세종시\tSejong Special Self-Governing City\n", encoding="utf-8")
    result = invoke("inspect", SEED, "--format", "json", "--glossary", "glossary/heavy-ion-quantum-cities.yaml",
                    "--glossary", override)
    assert result.exit_code == 0, result.output
    terms = {t["ko"]: t["en"] for sec in json.loads(result.output)["sections"] for s in sec["sentences"] for t in s["terms"]}
    assert terms["세종시"] == "Sejong Special Self-Governing City"
    assert terms["치바현"] == "Chiba Prefecture"


# --- models ---------------------------------------------------------------------------------------


def test_model_directory_that_does_not_exist(tmp_path):
    result = invoke("translate", SEED, "--model", tmp_path / "no-model", "-q")
    assert_one_line_error(result, 2, "--model")


def test_model_directory_with_a_broken_config(tmp_path):
    model = tmp_path / "broken"
    model.mkdir()
    (model / "config.json").write_text("{not json", encoding="utf-8")
    assert_one_line_error(invoke("translate", SEED, "--model", model, "-q"), 2, "broken")


# --- check ----------------------------------------------------------------------------------------


def write_pair(tmp_path, ko_lines, en_lines):
    ko = tmp_path / "src.ko.txt"
    en = tmp_path / "mt.en.txt"
    ko.write_text("\n".join(ko_lines) + "\n", encoding="utf-8")
    en.write_text("\n".join(en_lines) + "\n", encoding="utf-8")
    return ko, en


def test_check_clean_translation_exits_0(tmp_path):
    ko, en = write_pair(tmp_path, ["이화학연구소 이사장을 만났다."], ["He met the president of RIKEN."])
    result = invoke("check", ko, en)
    assert result.exit_code == 0, result.output


def test_check_findings_exit_1_and_fix_writes_as_many_lines(tmp_path):
    ko, en = write_pair(
        tmp_path,
        ["치바현 지사를 만났다.", "2026년 국제정원도시박람회에 초청했다.", "세종시는 발표했다."],
        ["He met the governor of Chiba prefecture.", "It invited him to the garden expo.", "Sejong City announced it."],
    )
    result = invoke("check", ko, en, "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["segments"] == 3
    assert any(f["kind"] == "number" and f["line"] == 2 for f in report["findings"])
    out = tmp_path / "fixed.txt"
    result = invoke("check", ko, en, "--fix", "-o", out)
    assert out.read_text(encoding="utf-8").count("\n") == 3


def test_check_lines_that_do_not_align(tmp_path):
    ko, en = write_pair(tmp_path, ["하나.", "둘."], ["One."])
    assert_one_line_error(invoke("check", ko, en), 2, "line-aligned")


def test_check_fix_without_output(tmp_path):
    ko, en = write_pair(tmp_path, ["하나."], ["One."])
    assert_one_line_error(invoke("check", ko, en, "--fix"), 2, "-o")


def test_check_refuses_to_overwrite_the_translation(tmp_path):
    ko, en = write_pair(tmp_path, ["하나."], ["One."])
    assert_one_line_error(invoke("check", ko, en, "--fix", "-o", en), 2, "input")
    assert en.read_text(encoding="utf-8") == "One.\n"


# --- severity: an error fails, a warning is shown, a note is shown apart -----------------------------

# A coach's visit: the English spells the coach two ways (a warning: the check infers it, and two
# spellings may be two people) and says 3천 명 as "thousands" (a note: the check cannot confirm it).
SEVERITY_ARTICLE = """윌러비 감독, 세종시 방문

윌러비 감독이 세종시를 방문했다. 윌러비 감독은 시민들과 인사했다.

윌러비 감독은 관객 3천 명이 경기장을 찾았다고 밝혔다.

세종시는 경기장 47개를 새로 짓는다.
"""
SEVERITY_ENGLISH = [
    "Coach Willoughby visits Sejong City",
    "Coach Willoughby visited Sejong City.",
    "Coach Willowby greeted the citizens.",
    "Coach Willoughby said thousands of fans came to the stadium.",
    "Sejong City will build 47 new stadiums.",
]


def severity_files(tmp_path, english=SEVERITY_ENGLISH):
    article, translation = tmp_path / "visit.txt", tmp_path / "visit.en.txt"
    article.write_text(SEVERITY_ARTICLE, encoding="utf-8")
    translation.write_text("\n".join(english) + "\n", encoding="utf-8")
    return article, translation


def test_run_with_a_translation_and_check_give_the_same_findings_and_notes(tmp_path):
    article, translation = severity_files(tmp_path)
    run = json.loads(invoke("run", article, "--translation", translation, "--format", "json", "-q").output)
    check = json.loads(invoke("check", article, translation, "--format", "json").output)
    keys = ("segment", "kind", "ko", "expected", "found", "severity")
    assert [tuple(f[k] for k in keys) for f in run["findings"]] == [tuple(f[k] for k in keys) for f in check["findings"]] == [
        ("sentence 2", "inconsistent", "윌러비", "Willoughby", "Willowby", "warning")]
    assert [(n["segment"], n["message"]) for n in run["notes"]] == [(n["segment"], n["message"]) for n in check["notes"]] == [
        ("sentence 3", "3천명이 (3000) is not in the English, which may say it another way")]


def test_a_warning_alone_exits_0_under_strict_and_is_shown(tmp_path):
    article, translation = severity_files(tmp_path)
    checked = invoke("check", article, translation)
    assert checked.exit_code == 0, checked.output
    assert "sentence 2: warning: inconsistent: 윌러비: expected “Willoughby” found “Willowby”" in checked.output
    assert checked.output.endswith("5 segments, 3 term occurrences, 3 rendered, 1 findings (1 warning), 0 fixed\n")
    out = tmp_path / "brief.md"
    run = invoke("run", article, "--translation", translation, "--strict", "-q", "-o", out)
    assert run.exit_code == 0, run.output
    brief = out.read_text(encoding="utf-8")
    assert "**Findings** (1 warning)\n\n- sentence 2: inconsistent (warning) — 윌러비: expected “Willoughby”, found “Willowby”" in brief
    assert "- sentence 3: number — 3천명이 (3000) is not in the English, which may say it another way" in brief


def test_an_error_exits_1_for_check_and_under_strict(tmp_path):
    # 47 stadiums became 74: a number the Korean proves wrong
    english = [line.replace("47", "74") for line in SEVERITY_ENGLISH]
    article, translation = severity_files(tmp_path, english)
    checked = invoke("check", article, translation)
    assert checked.exit_code == 1, checked.output
    assert "sentence 4: number: 47개를: expected “47”" in checked.output
    assert "2 findings (1 warning)" in checked.output
    run = invoke("run", article, "--translation", translation, "--strict", "-q", "-o", tmp_path / "brief.md")
    assert run.exit_code == 1
    assert "1 glossary findings remain (see the report)" in run.output
    assert invoke("run", article, "--translation", translation, "-q", "-o", tmp_path / "brief.md").exit_code == 0


def test_the_review_page_and_the_xliff_count_the_warning_and_show_the_note(tmp_path):
    article, translation = severity_files(tmp_path)
    page = invoke("run", article, "--translation", translation, "--format", "html", "-q").output
    assert "<h2>Findings: 1 (1 remaining, 1 warning)</h2>" in page
    assert '<span class="kind warning">inconsistent · warning</span>' in page
    assert ('<a href="#s3">sentence 3</a>: 3천명이 (3000) is not in the English, which may say it another way'
            in page)
    xliff = invoke("run", article, "--translation", translation, "--format", "xliff", "-q").output
    assert ('<note category="number" priority="9">note: 3천명이 (3000) is not in the English, which may say it '
            "another way</note>") in xliff
    assert '<note category="inconsistent" priority="5">' in xliff


# --- internal errors ------------------------------------------------------------------------------


def test_a_bug_is_one_line_with_exit_3_and_debug_shows_the_traceback(monkeypatch):
    import briefing.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(briefing.pipeline, "inspect_article", broken)
    result = invoke("inspect", SEED)
    assert_one_line_error(result, 3, "internal error", "BRIEFING_DEBUG=1")
    monkeypatch.setenv("BRIEFING_DEBUG", "1")
    result = invoke("inspect", SEED)
    assert isinstance(result.exception, ZeroDivisionError)


def test_check_example_from_the_readme(tmp_path):
    # A human translation with four planted problems: an avoided rendering, a family-first Japanese
    # name, a dropped number and a misspelt institute. The repair fixes the three it can do safely.
    data = Path(__file__).parent / "data"
    result = invoke("check", data / "check.ko.txt", data / "check.en.txt")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "line 1: avoided: 중입자 치료: expected “heavy-ion therapy” found “heavy particle therapy”",
        "line 2: missing: 구마가이 도시히토: expected “Toshihito Kumagai” found “Kumagai Toshihito”",
        "line 3: number: 47개: expected “47”",
        "line 5: missing: 이화학연구소: expected “RIKEN” found “Rikken”",
        "6 segments, 14 term occurrences, 11 rendered, 4 findings, 0 fixed",
    ]
    out = tmp_path / "fixed.txt"
    result = invoke("check", data / "check.ko.txt", data / "check.en.txt", "--fix", "-o", out)
    assert result.exit_code == 1  # the dropped number cannot be repaired and stays reported
    fixed = out.read_text(encoding="utf-8").splitlines()
    original = (data / "check.en.txt").read_text(encoding="utf-8").splitlines()
    assert len(fixed) == len(original)
    assert "start heavy-ion therapy, and" in fixed[0]
    assert fixed[1] == original[1].replace("Kumagai Toshihito", "Toshihito Kumagai")
    assert fixed[4] == original[4].replace("Rikken", "RIKEN")
    assert fixed[2:4] == original[2:4] and fixed[5] == original[5]  # nothing else touched


def test_check_an_article_against_the_json_translate_wrote(tmp_path):
    # A human post-edited the JSON and misspelt RIKEN in one sentence: check finds it, --fix repairs
    # it in the JSON itself, and a JSON made from another article is refused.
    from briefing.glossary import load_glossaries
    from briefing.pipeline import translate_article
    from briefing.formats.json_doc import to_json
    from conftest import seed_translator

    result = translate_article(SEED.read_text(encoding="utf-8"), load_glossaries(None), seed_translator())
    data = json.loads(to_json(result))
    sentence = data["sections"][0]["sentences"][3]
    sentence["en"] = sentence["en"].replace("RIKEN", "Rikken")
    translated = tmp_path / "seed.json"
    translated.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    report = invoke("check", SEED, translated, "--format", "json")
    findings = json.loads(report.output)["findings"]
    assert report.exit_code == 1
    assert [(f["segment"], f["kind"], f["found"]) for f in findings if f["kind"] == "missing"] == [
        ("sentence 4", "missing", "Rikken")]

    fixed = tmp_path / "fixed.json"
    fixing = invoke("check", SEED, translated, "--fix", "-o", fixed, "--format", "json")
    assert json.loads(fixing.output)["fixed"] == 1
    repaired = json.loads(fixed.read_text(encoding="utf-8"))
    assert repaired["sections"][0]["sentences"][3]["en"] == result.sentences[3].en

    other = tmp_path / "other.txt"
    other.write_text("세종시가 발표했다.\n", encoding="utf-8")
    assert_one_line_error(invoke("check", other, translated), 2, "does not belong to")


@pytest.mark.parametrize("content, reason", [
    ('{"sections": 5}', "no list of sections"),
    ('{"sections": [{"heading": 3}]}', "sections[0].heading is not an object"),
    ('{"sections": [{"sentences": [{"ko": "x", "en": 7}]}]}', "sections[0].sentences[0].en is not text"),
    ("[1, 2]", "no list of sections"),
    ("{not json", "Expecting property name"),
])
def test_check_refuses_json_that_translate_did_not_write(tmp_path, content, reason):
    # Hand-edited or foreign JSON gets one line naming what is wrong, never an internal error.
    path = tmp_path / "other.json"
    path.write_text(content, encoding="utf-8")
    assert_one_line_error(invoke("check", SEED, path), 2, "is not the JSON that", reason)
