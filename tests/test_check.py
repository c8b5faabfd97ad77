"""Checks (missing, avoided, number, inconsistent), is_rendered, the repair, and false alarms."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.checks import CHECKS, check_segments, english_numbers, is_rendered
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
    assert (report.term_occurrences, report.rendered_count) == (2, 1)
    assert [s.rendered for s in report.reviewed] == [(False, True)]


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
    from briefing.checks import korean_numbers

    korean_numbers(text)  # property: any run of digits, dots, commas and units is read, never raised on


def test_english_number_words():
    assert {2.0, 24.0, 20.0, 3.0} <= english_numbers("World War II, two-dozen awards, two decades, three")


def test_inconsistent_transliteration_across_segments():
    # the real model: Willoughby in one sentence and Willowby in the next for the same 윌로비
    ko = ["윌로비 선수는 어제 경기에서 두 골을 넣었다.", "윌로비 선수는 다음 시즌에도 뛸 예정이다."]
    en = ["Willoughby scored two goals in yesterday's game.", "Player Willowby will play next season too."]
    report = check_segments(ko, en, load_glossaries([]), checks=["inconsistent"])
    assert [(i.segment, i.ko, i.expected, i.found) for i in report.issues] == [("l2", "윌로비", "Willoughby", "Willowby")]


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
    assert report.edits == (Edit("l1", "near-miss", "Shigeru Yamadda", "Shigeru Yamada"),)
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
    assert report.edits[0] == Edit("l1", "avoid", "a business agreement", "an MOU")


def test_no_repair_of_a_different_short_name():
    # China is not a misspelling of Chiba: short names need a closer match than one letter in five
    report = check_segments(["치바현을 방문했다."], ["He visited China."], [Term("치바현", "Chiba")], fix=True)
    assert report.en == ("He visited China.",) and report.edits == ()


def test_report_json_shape(finder):
    from briefing.formats.check_files import CheckOutcome
    from briefing.formats.check_report import check_dict

    report = check_segments(["최민호 시장은 말했다."], ["Mayor Choi Min-hoe said."], finder, fix=True)
    data = check_dict(CheckOutcome(report, "", 0))
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
    assert [(i.segment, i.kind, i.ko) for i in report.issues] == []


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
    assert list(CHECKS) == ["untranslated", "missing", "avoided", "number", "inconsistent"]
    assert all("False alarms" in c.run.__doc__ for c in CHECKS.values())
    assert {n: c.severity for n, c in CHECKS.items()} == {
        "untranslated": "error", "missing": "error", "avoided": "error", "number": "error", "inconsistent": "warning"}


def test_a_finding_carries_its_checks_severity_and_a_number_said_otherwise_stays_a_note():
    report = check_segments(["윌러비가 왔다. 윌러비는 웃었다.", "윌러비가 떠났다."],
                            ["Willoughby came and Willoughby laughed.", "Willowby left."], [])
    assert [(i.kind, i.severity) for i in report.issues] == [("inconsistent", "warning")]
    noted = check_segments(["관객 3천 명이 왔다."], ["Thousands of people came."], [], checks=["number"])
    assert noted.issues == () and [n.severity for n in noted.notes] == ["note"]


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


# ------------------------------------------------------------ numbers the way English writes them (#13)


@pytest.mark.parametrize("ko, en", [
    ("이적료는 28억 파운드였다.", "The fee was £2.8bn."),  # newsroom magnitude abbreviation
    ("1억 2500만파운드에 팔렸다.", "It sold for £125m."),  # 1억 2500만 is 125 million
    ("매출은 35억 달러로 늘었다.", "Sales rose to $3.5 billion."),
    ("그는 세계 랭킹 1위에 올랐다.", "He rose to the top of the world rankings."),  # 1위 as "top"
    ("10대 청소년 두 명이 체포됐다.", "Two teenagers were arrested."),  # 10대 as teenagers
    ("2인조 강도가 은행을 털었다.", "A duo of robbers held up the bank."),  # 2인조 as duo
    ("3국 정상이 만났다.", "The leaders of three countries met."),
    ("1차 세계 대전 당시 그는 군인이었다.", "He was a soldier in WW1."),
    ("1차 세계 대전 당시 그는 군인이었다.", "He was a soldier in the First World War."),
    ("2차 경기는 다음 주에 열린다.", "The return match is next week."),  # 2차 경기 as the return leg
    ("정오 12시에 문을 연다.", "It opens at noon."),
    ("그는 후반 10분에 골을 넣었다.", "He scored in the 55th minute."),  # 45 + 10
    ("그 팀은 4점을 얻었다.", "The team earned four points."),
    ("21번째 생일을 맞았다.", "He celebrated his twenty-first birthday."),  # number words via text2num
    ("2008년 11월 26일 도착했다.", "They arrived on Novemeber 26, 2008."),  # a human's misspelt month
])
def test_numbers_as_english_writes_them(ko, en):
    report = check_segments([ko], [en], load_glossaries([]), checks=["number"])
    assert (report.issues, report.notes) == ((), ())


def test_an_ordinal_is_expected_as_english_writes_it():
    # the check used to expect the non-word "3th" for 3차 (and "1th" for 1차 세계 대전)
    report = check_segments(["3차 회의가 열렸다."], ["The meeting was held."], load_glossaries([]),
                            checks=["number"])
    assert [i.expected for i in report.issues] == ["3rd"]


def test_a_number_said_another_way_is_a_note_not_a_finding():
    # 3천 명 as "thousands": the check cannot confirm it, so a reviewer sees a note and the exit code is 0
    report = check_segments(["시위에 3천 명이 참가했다."], ["Thousands joined the protest."],
                            load_glossaries([]), checks=["number"])
    assert report.issues == ()
    assert [(n.kind, n.ko, n.severity) for n in report.notes] == [("number", "3천명이", "note")]


def test_known_limit_a_source_that_gives_another_year_is_still_a_finding():
    # the Korean says 1940년 where the human wrote "the 1480s": a true disagreement, reported as an error
    report = check_segments(["1940년도에 건설이 시작됐다."], ["Construction began in the 1480s."],
                            load_glossaries([]), checks=["number"])
    assert [(i.ko, i.severity) for i in report.issues] == [("1940년도에", "error")]


# ------------------------------------------------------------------------ renderings a reviewer accepts


@pytest.mark.parametrize("term_, english", [
    (Term("노르웨이", "Norway"), "Olaf, a Norwegian, led the fleet."),  # 노르웨이인: the people
    (Term("스페인", "Spanish"), "British travellers in Spain"),  # a built glossary's adjective, the country
    (Term("공화당", "Republican Party"), "He won the Republican nomination."),  # generic head dropped
    (Term("하버드대", "Harvard University"), "a Harvard professor"),
])
def test_country_demonym_and_shortened_names_are_rendered(term_, english):
    assert is_rendered(term_, english)


def test_a_colour_is_not_a_shortened_sea():
    # "Red" alone is not the Red Sea: a stem under five letters is never taken for the name
    assert not is_rendered(Term("홍해", "Red Sea"), "The flag is Red and white.")


def test_the_country_is_not_repaired_into_its_adjective():
    # the old repair turned "the arrival of Spain" into "the arrival of Spanish"
    report = check_segments(["스페인이 도착하기 전"], ["before the arrival of Spain"], [Term("스페인", "Spanish")],
                            fix=True)
    assert report.edits == () and report.issues == ()


# ------------------------------------------------------------------------------ every safe near-miss


@pytest.mark.parametrize("ko, rendering, english, repaired", [
    ("윌러비가 두 골을 넣었다.", "Willoughby", "Willowby scored twice.", "Willoughby scored twice."),
    ("제라드가 페널티킥을 찼다.", "Gerrard", "Gerard took the penalty.", "Gerrard took the penalty."),
    ("하멜이 6이닝을 던졌다.", "Hammel", "Hamel pitched six innings.", "Hammel pitched six innings."),
    ("스터리지는 부상을 당했다.", "Sturridge", "Sterridge was injured.", "Sturridge was injured."),
    ("하츠가 홈에서 이겼다.", "Hearts", "Harts won at home.", "Hearts won at home."),
    ("퓨릭은 59타를 쳤다.", "Furyk", "Furick shot a 59.", "Furyk shot a 59."),
    ("보타스가 2위를 했다.", "Bottas", "Botas finished second.", "Bottas finished second."),
    ("베텔이 폴 포지션을 잡았다.", "Vettel", "Pettel took pole.", "Vettel took pole."),
    ("스털링이 결승골을 넣었다.", "Sterling", "Stirling scored the winner.", "Sterling scored the winner."),
    ("미컬슨이 마스터스에서 우승했다.", "Mickelson", "Michaelson won the Masters.", "Mickelson won the Masters."),
    ("크롬웰은 잉글랜드를 통치했다.", "Cromwell", "Chromewell ruled England.", "Cromwell ruled England."),
    ("힐스버러 참사의 유족", "Hillsborough", "families of the Hillsboro disaster",
     "families of the Hillsborough disaster"),
])
def test_every_safe_near_miss_is_repaired(ko, rendering, english, repaired):
    # the misses a real model left in unseen test sets: one Korean term, one close spelling in the English
    report = check_segments([ko], [english], [Term(_head(ko), rendering)], fix=True)
    assert report.en == (repaired,)
    assert len(report.edits) == 1


def _head(ko: str) -> str:
    """The Korean name at the start of a test sentence, without its particle."""
    word = ko.split()[0]
    return word[:-1] if word[-1] in "가이는은의" else word


def test_nothing_is_inserted_where_no_rendering_stands():
    # the English dropped Harvard altogether: reported, never inserted
    report = check_segments(["하버드대의 퍼셀이 발견했다."], ["It was discovered by Purcell."],
                            [Term("하버드대", "Harvard University")], fix=True)
    assert report.en == ("It was discovered by Purcell.",) and report.edits == ()
    assert [(i.kind, i.fixed) for i in report.issues] == [("missing", False)]


# --------------------------------------------------------------------- names across segments (#13, #16)


@pytest.mark.parametrize("ko, en", [
    # two people, both common names
    (["앨런 감독이 말했다.", "앨런 감독이 웃었다."], ["Coach Alan said so.", "Coach Allan laughed."]),
    (["스티븐 씨가 말했다.", "스티븐 씨가 떠났다."], ["Stephen spoke first.", "Steven left early."]),
    # a country's adjective and its people
    (["스페인 대사가 왔다.", "스페인 사람들이 왔다."], ["The Spanish envoy came.", "The Spaniards came."]),
    # a derived word, not a slip
    (["브렉시트 투표가 있었다.", "브렉시트 지지자들이 모였다."], ["The Brexit vote was held.", "Brexiteers gathered."]),
    # a Korean homograph: 아일랜드 is Ireland and Island
    (["아일랜드 정부가 발표했다.", "보엔 아일랜드는 인기 있다."], ["The Ireland government said so.",
                                                    "Bowen Island is popular."]),
])
def test_inconsistent_stays_quiet_on_different_names_and_words(ko, en):
    assert check_segments(ko, en, load_glossaries([]), checks=["inconsistent"]).issues == ()


def test_one_name_in_many_spellings_is_one_finding_with_its_lines():
    # 윌로비 spelt three ways over six lines: one finding, every spelling with its lines
    ko = ["윌로비 선수가 골을 넣었다."] * 6
    en = ["Willoughby scored.", "Willowby scored.", "Willoughby scored.", "Willoughbie scored.",
          "Willoughby scored.", "Willowby scored."]
    report = check_segments(ko, en, load_glossaries([]), checks=["inconsistent"])
    assert [(i.segment, i.expected, i.lines) for i in report.issues] == [
        ("l2", "Willoughby", (("Willoughby", (1, 3, 5)), ("Willowby", (2, 6)), ("Willoughbie", (4,))))]


def test_inconsistent_findings_do_not_grow_with_the_square_of_the_lines():
    # #16: 12 -> 1,200 -> 11,012 findings for 1k -> 10k -> 30k lines before; now one per name
    def count(n: int) -> int:
        ko = [f"윌로비 선수가 {i}번째 골을 넣었다." for i in range(n)]
        en = [("Willoughby", "Willowby", "Willoughbie")[i % 3] + f" scored goal {i}." for i in range(n)]
        return len(check_segments(ko, en, load_glossaries([]), checks=["inconsistent"]).issues)

    assert count(30) == count(300) == 1


def test_check_json_carries_severity_and_notes():
    from briefing.formats.check_files import CheckOutcome
    from briefing.formats.check_report import check_dict

    report = check_segments(["1만 명 중 3천 명이 왔다."], ["Of 10,000, thousands came."], load_glossaries([]))
    data = check_dict(CheckOutcome(report, "", 0))
    assert data["findings"] == []
    assert [(n["kind"], n["ko"], n["severity"]) for n in data["notes"]] == [("number", "3천명이", "note")]
