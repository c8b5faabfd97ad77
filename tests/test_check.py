"""Checks (missing, avoided, number, inconsistent), is_rendered, the repair, and false alarms."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.check import CHECKS, check_segments, english_numbers, is_rendered
from briefing.glossary import TermFinder, load_glossaries
from briefing.model import Edit, Term

# ../shared beside the repository, as in CI; never an absolute machine path (#9).
FLORES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "flores200-dev"


@pytest.fixture(scope="module")
def finder() -> TermFinder:
    return TermFinder(load_glossaries(None))


def term(finder: TermFinder, ko: str) -> Term:
    return next(t for t in finder.glossary.terms if t.ko == ko)


def kinds(report) -> list[tuple[str, str, str | None]]:
    return [(i.kind, i.ko, i.found) for i in report.issues]


# ------------------------------------------------------------------------------------- is_rendered


def test_is_rendered_tolerates_hyphen_plural_case_possessive(finder):
    therapy = term(finder, "중입자 치료")
    assert is_rendered(therapy, "Heavy ion therapy began in 1994.")  # sentence case, space for hyphen
    assert is_rendered(term(finder, "중입자"), "a beam of heavy ions")  # plural
    assert is_rendered(term(finder, "구마가이 도시히토"), "Toshihito Kumagai's plan")  # possessive
    assert is_rendered(term(finder, "최민호"), "Mayor Choi Minho said")  # hyphen dropped in a given name


def test_is_rendered_is_case_sensitive_for_acronyms(finder):
    assert not is_rendered(term(finder, "카이스트"), "researchers at Kaist")
    assert not is_rendered(term(finder, "세종시"), "Sejongcity")  # no word boundary


def test_is_rendered_accepts_derived_forms_of_one_word_names():
    canada = Term("캐나다", "Canada")
    assert is_rendered(canada, "the Canadian government")
    assert not is_rendered(canada, "the Canary Islands")


# ------------------------------------------------------------------------------------------ findings


def test_missing_when_the_model_spells_a_name_otherwise(finder):
    # the model's family-first order is reported as missing, with what it found instead
    report = check_segments(["구마가이 도시히토 치바현 지사는 협력을 약속했다."],
                            ["Chiba Prefecture Governor Kumagai Toshihito promised cooperation."], finder)
    assert kinds(report) == [("missing", "구마가이 도시히토", "Kumagai Toshihito")]
    assert (report.term_occurrences, report.rendered_count, report.rendered) == (2, 1, ((False, True),))


def test_missing_when_a_term_is_paraphrased(finder):
    # 중입자 치료 as "particle treatment": no near-miss, reported and not fixable
    report = check_segments(["치바현은 1994년 세계 최초로 중입자 치료를 시작했다."],
                            ["Chiba Prefecture started particle treatment for the first time in 1994."],
                            finder, fix=True)
    assert [(i.kind, i.ko, i.fixed) for i in report.issues] == [("missing", "중입자 치료", False)]


def test_avoided_rendering(finder):
    report = check_segments(["이화학연구소 이사장을 만났다."],
                            ["He met the head of the Institute of Physical and Chemical Research."], finder)
    assert kinds(report) == [("avoided", "이화학연구소", "Institute of Physical and Chemical Research")]


@pytest.mark.parametrize("ko, en", [
    ("1994년 세계 최초로 시작했다.", "It started in 1994, a world first."),
    ("4박 5일간 일본을 방문했다.", "He visited Japan for four nights and five days."),
    ("1만 명이 참석했다.", "10,000 people attended."),
    ("1만 명이 참석했다.", "Ten thousand people attended."),
    ("3.6㎞ 전 구간 개방", "The entire 3.6 km stretch opens"),
    ("3.6㎞ 전 구간 개방", "The entire 2.2-mile stretch opens"),  # converted unit, within 10%
    ("20주년 하마나코 꽃박람회", "the 20th Hamanako Flower Expo"),
    ("세 분야에서 물꼬를 텄다", "opened the way in three fields"),
    ("5천4백만 개", "54 million units"),
    ("3분의 1", "a third"),
])
def test_number_rendered(ko, en):
    assert check_segments([ko], [en], load_glossaries([]), checks=["number"]).issues == ()


@pytest.mark.parametrize("ko, en, missing", [
    ("1994년 세계 최초로 시작했다.", "It started in 1993, a world first.", "1994년"),  # wrong year
    ("일본 47개 도도부현 중", "among Japan's 46 prefectures", "47개"),
    ("세 분야에서 물꼬를 텄다", "opened the way in two fields", "세 분야에서"),
    ("2024년에는 20주년", "the anniversary in 2024", "20주년"),
])
def test_number_missing(ko, en, missing):
    report = check_segments([ko], [en], load_glossaries([]), checks=["number"])
    assert [(i.kind, i.ko) for i in report.issues] == [("number", missing)]


def test_numbers_in_identifiers_are_not_checked():
    # KV62 and H5N1 are names; the English may drop or keep them
    assert check_segments(["투탕카멘의 무덤(KV62), 조류인플루엔자(H5N1)"], ["Tutankhamun's tomb, bird flu"],
                          load_glossaries([]), checks=["number"]).issues == ()


@pytest.mark.parametrize("ko, en", [
    # dotted dates in captions and timestamps of real captures crashed the check with ValueError (#10)
    ("사진은 2025.02.28 부산 시청 모습.", "The photo shows Busan City Hall on 2025.02.28."),
    ("2025. 2. 28. 기자회견을 열었다.", "held a press conference on Feb. 28, 2025."),
    ("2024-05-28 10:00 입력", "posted 2024-05-28 10:00"),
])
def test_dotted_dates_are_read_as_dates(ko, en):
    assert check_segments([ko], [en], load_glossaries([]), checks=["number"]).issues == ()


def test_a_dotted_date_whose_day_is_lost_is_reported():
    report = check_segments(["2025.02.28 개최"], ["held in February 2025"], load_glossaries([]), checks=["number"])
    assert [(i.kind, i.ko, i.expected) for i in report.issues] == [("number", "28", "28")]


@given(st.text(alphabet="0123456789.,- 만억조천백십년월일", max_size=30))
def test_korean_numbers_never_raise_on_digits_dots_and_units(text):
    from briefing.check import korean_numbers

    korean_numbers(text)  # property: any run of digits, dots, commas and units is read, never raised on


def test_english_number_words():
    assert {2.0, 24.0, 20.0, 3.0} <= english_numbers("World War II, two-dozen awards, two decades, three")


def test_inconsistent_transliteration_across_segments():
    # the real model: Willoughby in one sentence and Willowby in the next for the same 윌로비
    ko = ["윌로비 선수는 어제 경기에서 두 골을 넣었다.", "윌로비 선수는 다음 시즌에도 뛸 예정이다."]
    en = ["Willoughby scored two goals in yesterday's game.", "Player Willowby will play next season too."]
    report = check_segments(ko, en, load_glossaries([]), checks=["inconsistent"])
    assert [(i.segment, i.ko, i.expected, i.found) for i in report.issues] == [(1, "윌로비", "Willoughby", "Willowby")]


def test_inconsistent_ignores_derived_forms_and_different_names():
    # Japan / Japanese and Austria / Australia are not spelling variants of one name
    ko = ["일본 정부는 오스트리아와 협의했다.", "일본 정부는 오스트레일리아와 협의했다."]
    en = ["The Japanese government consulted Austria.", "The government of Japan consulted Australia."]
    assert check_segments(ko, en, load_glossaries([]), checks=["inconsistent"]).issues == ()


# --------------------------------------------------------------------------------------------- repair


def test_repair_near_miss_keeps_the_rest_of_the_sentence(finder):
    ko = ["야마다 시게루 병원장은 자문을 제공하겠다고 밝혔다."]
    en = ["Director Shigeru Yamadda said he would provide advice."]
    report = check_segments(ko, en, finder, fix=True)
    assert report.en == ("Director Shigeru Yamada said he would provide advice.",)
    assert report.edits == (Edit(0, "near-miss", "Shigeru Yamadda", "Shigeru Yamada"),)
    assert [(i.kind, i.fixed) for i in report.issues] == [("missing", True)]


def test_repair_word_order_keeps_the_possessive(finder):
    report = check_segments(["구마가이 도시히토 지사의 약속"], ["Kumagai Toshihito's promise"], finder, fix=True)
    assert report.en == ("Toshihito Kumagai's promise",)


def test_repair_avoided_rendering_fixes_a_an_and_keeps_capital(finder):
    # "a business agreement" becomes "a memorandum..."; sentence-initial lower-case rendering gets a capital
    report = check_segments(["업무협약을 체결했다."], ["Business agreement was signed."], finder, fix=True)
    assert report.en == ("Memorandum of understanding was signed.",)
    report = check_segments(["이화학연구소 측과 업무협약을 맺었다."],
                            ["They signed a business agreement with a Institute of Physical and Chemical Research team."],
                            finder, fix=True)
    assert report.en == ("They signed a memorandum of understanding with a RIKEN team.",)


def test_repair_a_becomes_an(finder):
    glossary = [Term("업무협약", "MOU", avoid=("business agreement",))]
    report = check_segments(["업무협약을 맺었다."], ["They signed a business agreement."], glossary, fix=True)
    assert report.en == ("They signed an MOU.",)
    assert report.edits[0] == Edit(0, "avoid", "a business agreement", "an MOU")


def test_no_repair_of_a_different_short_name():
    # China is not a misspelling of Chiba: short names need a closer match than one letter in five
    report = check_segments(["치바현을 방문했다."], ["He visited China."], [Term("치바현", "Chiba")], fix=True)
    assert report.en == ("He visited China.",) and report.edits == ()


def test_report_json_shape(finder):
    from briefing.checkfiles import CheckOutcome
    from briefing.render import check_dict

    report = check_segments(["최민호 시장은 말했다."], ["Mayor Choi Min-hoe said."], finder, fix=True)
    data = check_dict(CheckOutcome(report, ("line 1",), "", 0))
    documented = {"line", "kind", "ko", "expected", "found", "fixed"}
    data["findings"] = [{k: v for k, v in f.items() if k in documented} for f in data["findings"]]
    assert {k: data[k] for k in ("segments", "term_occurrences", "rendered", "fixed", "findings")} == {
        "segments": 1, "term_occurrences": 1, "rendered": 0, "fixed": 1, "findings": [
            {"line": 1, "kind": "missing", "ko": "최민호", "expected": "Choi Min-ho", "found": "Choi Min-hoe",
             "fixed": True}]}


# -------------------------------------------------------------------------------------- false alarms


@pytest.mark.skipif(not (FLORES / "kor.txt").exists(), reason="FLORES-200 dev not present")
def test_no_false_alarms_on_human_references(finder):
    # the first 150 FLORES-200 dev segments, human reference: no check should fire
    ko = (FLORES / "kor.txt").read_text(encoding="utf-8").splitlines()[:150]
    en = (FLORES / "eng.txt").read_text(encoding="utf-8").splitlines()[:150]
    report = check_segments(ko, en, finder)
    assert [(i.segment + 1, i.kind, i.ko) for i in report.issues] == []


def test_native_number_words_paraphrased_are_not_reported():
    # 두 번째 rendered "secondary", 세 as "a few": good translators paraphrase native number words,
    # so they are reported only against a conflicting number (see test_number_missing: two for 세).
    report = check_segments(["두 번째 구역에 세 사람이 왔다."], ["A few people came to the secondary area."],
                            load_glossaries([]), checks=["number"])
    assert report.issues == ()


def test_month_abbreviations_carry_the_month():
    # "Nov-Feb" renders 11월부터 2월: the abbreviations are months too
    report = check_segments(["11월부터 2월 중에만 가능하다."], ["Only possible in summer Nov-Feb."],
                            load_glossaries([]), checks=["number"])
    assert report.issues == ()


def test_checks_are_registered_by_name_with_docstrings():
    assert list(CHECKS) == ["missing", "avoided", "number", "inconsistent"]
    assert all("False alarms" in f.__doc__ for f in CHECKS.values())


def test_a_transliteration_with_another_first_letter_is_repaired_when_it_sounds_the_same():
    # The real model wrote Cocoda for 코코다 (Kokoda): C and K are the same sound, so the repair applies;
    # China for 치바 (Chiba) stays untouched (see test_no_repair_of_a_different_short_name).
    report = check_segments(["코코다에 착륙하려고 했다."], ["It tried to land on Cocoda yesterday."],
                            [Term("코코다", "Kokoda")], fix=True)
    assert report.en == ("It tried to land on Kokoda yesterday.",)
    assert [e.rule for e in report.edits] == ["sound-alike"]


@pytest.mark.parametrize("rendering, english", [
    ("heavy-ion therapy center", "a heavy-ion therapy centre"),  # British spelling of a US glossary
    ("organization", "the organisations"),
    ("labor union", "the labour union"),
    ("defense ministry", "the Defence Ministry"),
])
def test_british_and_american_spellings_are_the_same_rendering(rendering, english):
    assert is_rendered(Term("x", rendering), english)


def test_spelling_tolerance_does_not_accept_another_word():
    # center/centre are one word; "cent" or "centrist" are not renderings of it
    assert not is_rendered(Term("x", "treatment center"), "a treatment cent")
    assert not is_rendered(Term("x", "research center"), "a research centrist")
