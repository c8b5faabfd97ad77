"""`--fix` never damages: the repair replaces exactly the wrong span, and is checked after it is made (#23)."""

from __future__ import annotations

import pytest

from briefing.checks import check_segments
from briefing.checks.repair import loses_nothing
from briefing.model import Term

KOREA = [Term("북한", "North Korea"), Term("남한", "South Korea")]


def repaired(ko: str, en: str, glossary: list[Term]) -> tuple[str, list[tuple[str, bool]]]:
    report = check_segments([ko], [en], glossary, fix=True)
    return report.en[0], [(i.kind, i.fixed) for i in report.issues]


# -------------------------------------------------------------------------- correct wordings untouched


@pytest.mark.parametrize("ko, en, glossary", [
    # coordinated names: "North" is the rendering's own word, "and South" is not a misspelling of it
    ("남북한 정상이 만났다. 북한은 침묵했다.", "Leaders of North and South Korea met on Friday.", KOREA),
    # a demonym is another word than the country: "New Zealand won the final" would be wrong
    ("뉴질랜드 출신 선수가 결승에서 이겼다.", "A New Zealander won the final.", [Term("뉴질랜드", "New Zealand")]),
    # a derived word, not a slip of the name
    ("유럽연합 지지자들이 모였다.", "European Unionists gathered in the square.",
     [Term("유럽연합", "European Union")]),
    # a common English word is never a slip of a name, even one that spells close to it
    ("스탠퍼드 연구진은 일반 잉크젯 프린터를 썼다.", "The team used standard inkjet printers.",
     [Term("스탠퍼드", "Stanford")]),
    # another country or people is a word the writer chose: reported, not rewritten
    ("호주 정부가 발표했다.", "The government of Austria announced it.", [Term("호주", "Australia")]),
    ("나이지리아 대표팀이 이겼다.", "The Niger team won on Sunday.", [Term("나이지리아", "Nigeria")]),
    ("모리오리족의 땅이었다.", "It was the land of the Maori people.", [Term("모리오리족", "Moriori")]),
])
def test_a_correct_word_near_the_rendering_is_never_rewritten(ko, en, glossary):
    text, findings = repaired(ko, en, glossary)
    assert text == en
    assert not any(fixed for _, fixed in findings)  # what is reported stays reported, unfixed


def test_a_repair_that_would_drop_another_word_is_refused():
    # "Sophocles and Aristophanas" once became "Sophocles Aristophanes": the span took "and" with it
    term = Term("아리스토파네스", "Aristophanes")
    assert not loses_nothing("Sophocles and Aristophanas wrote plays.", "Sophocles Aristophanes wrote plays.", term)
    assert loses_nothing("Sophocles and Aristophanas wrote plays.", "Sophocles and Aristophanes wrote plays.", term)


def test_a_changed_article_is_the_only_other_change_allowed():
    term = Term("유네스코", "UNESCO")
    assert loses_nothing("It is a Unesko site.", "It is a UNESCO site.", term)
    assert loses_nothing("It is an 유네스코 site.", "It is a UNESCO site.", term, ["유네스코"])
    assert not loses_nothing("It is the 유네스코 site.", "It is a UNESCO site.", term, ["유네스코"])


def test_a_change_that_adds_no_rendering_is_not_a_repair():
    # the rendering must stand once more than before: an article turned round repairs nothing
    term = Term("스탠퍼드", "Stanford")
    assert not loses_nothing("It is a old lab at Stanford.", "It is an old lab at Stanford.", term)


def test_an_avoided_wording_in_the_other_spelling_is_replaced():
    # the avoided wording matched in British spelling (centre) is the wording the repair may remove
    term_ = Term("중입자 치료센터", "heavy-ion therapy center", avoid=("heavy particle therapy center",))
    report = check_segments(["중입자 치료센터를 방문했다."], ["They visited the heavy particle therapy centre."], [term_],
                            fix=True)
    assert report.en == ("They visited the heavy-ion therapy center.",)


# ------------------------------------------------------------------------------ the wrong span, exactly


@pytest.mark.parametrize("term_, ko, en, expected", [
    # a letter outside ASCII is part of the word: once "Erdoğanğan", marked fixed
    (Term("에르도안", "Erdoğan"), "에르도안 대통령이 말했다.", "President Erduğan spoke on Monday.",
     "President Erdoğan spoke on Monday."),
    (Term("자르딘", "Jardín"), "자르딘 광장은 붐볐다.", "The Jerdín square was crowded.",
     "The Jardín square was crowded."),
    # the slip is the second name only: "and" stays
    (Term("아리스토파네스", "Aristophanes"), "소포클레스와 아리스토파네스는 아직도 읽힌다.",
     "Sophocles and Aristophanas are still read.", "Sophocles and Aristophanes are still read."),
    # the plural the English gave stays outside the replaced span
    (Term("바이킹", "Viking"), "바이킹은 강을 따라 항해했다.", "The Vicings sailed down the river.",
     "The Vikings sailed down the river."),
    # a name's own lower-case word (del) belongs to the span
    (Term("칼레존 델 베소", "Callejon del Beso"), "칼레존 델 베소 골목은 좁다.", "The Callajun del Beso alley is narrow.",
     "The Callejon del Beso alley is narrow."),
    # a name that is also an English name is still a slip when one letter inside it differs (Gerard)
    # or it sounds the same (Stuart)
    (Term("제라드", "Gerrard"), "제라드가 페널티킥을 찼다.", "Gerard took the penalty.", "Gerrard took the penalty."),
    (Term("스튜어트", "Stewart"), "스튜어트가 선두로 나섰다.", "Stuart took the lead on lap 40.",
     "Stewart took the lead on lap 40."),
])
def test_a_misspelt_name_is_replaced_exactly(term_, ko, en, expected):
    text, findings = repaired(ko, en, [term_])
    assert text == expected
    assert findings == [("missing", True)]


def test_a_name_written_without_its_accent_is_the_name_and_left_alone():
    # accents are folded for matching (#23): Erdogan is Erdoğan, nothing to report or repair
    text, findings = repaired("에르도안 대통령이 말했다.", "President Erdogan spoke on Monday.", [Term("에르도안", "Erdoğan")])
    assert (text, findings) == ("President Erdogan spoke on Monday.", [])


# ----------------------------------------------------------------------------------- left in Hangul


@pytest.mark.parametrize("term_, ko, en, expected", [
    # the Korean copied as it stands: the replacement is known
    (Term("그리펜", "Gripen"), "그리펜 전투기가 추락했다.", "A 그리펜 fighter jet crashed.", "A Gripen fighter jet crashed."),
    # spaced differently from the glossary, and at the start of the sentence (capital kept)
    (Term("캐롤린 윌슨", "Carolyn Wilson"), "캐롤린 윌슨이 말했다.", "캐롤린윌슨 said so.", "Carolyn Wilson said so."),
    (Term("화석", "fossil"), "화석이 발견됐다.", "화석 was found in the cave.", "Fossil was found in the cave."),
    # a particle the Korean line has glued to the term goes with it; the possessive stays
    (Term("스탠포드", "Stanford"), "스탠포드는 발표했다.", "스탠포드는 announced it.", "Stanford announced it."),
    (Term("오베치킨", "Ovechkin"), "오베치킨의 골", "오베치킨's goal came late.", "Ovechkin's goal came late."),
    # a/an follows the new word
    (Term("오페라하우스", "opera house"), "오페라하우스를 지었다.", "They built a 오페라하우스 there.",
     "They built an opera house there."),
    (Term("유네스코", "UNESCO"), "유네스코 유산이다.", "It is a 유네스코 site.", "It is a UNESCO site."),
])
def test_a_term_left_in_hangul_is_replaced_by_its_rendering(term_, ko, en, expected):
    report = check_segments([ko], [en], [term_], fix=True)
    assert report.en == (expected,)
    assert [(i.kind, i.fixed) for i in report.issues] == [("missing", True)]
    assert [e.rule for e in report.edits] == ["untranslated"]


@pytest.mark.parametrize("ko, en", [
    # another word that starts with the term (Stanford University, not Stanford)
    ("스탠포드대 연구진이 말했다.", "Researchers at 스탠포드대 said so."),
    # a particle the Korean does not have there: not the Korean copied
    ("스탠포드의 연구진이 말했다.", "Researchers at 스탠포드는 said so."),
    # nothing in Hangul, nothing rendered: nothing is inserted
    ("스탠포드 연구진이 말했다.", "Researchers said so."),
])
def test_hangul_that_is_not_exactly_the_term_is_left_reported(ko, en):
    report = check_segments([ko], [en], [Term("스탠포드", "Stanford")], fix=True)
    assert report.en == (en,) and report.edits == ()
    assert [(i.kind, i.fixed) for i in report.issues] == [("missing", False)]


def test_a_segment_the_model_left_in_korean_is_not_dressed_up_with_one_english_name():
    # the model echoed the Korean: replacing the one name would hide an untranslated segment
    ko = "스탠포드 연구진이 새 진단 도구를 발표했다."
    report = check_segments([ko], [ko], [Term("스탠포드", "Stanford")], fix=True)
    assert report.en == (ko,) and report.edits == ()
    assert [(i.kind, i.fixed) for i in report.issues] == [("untranslated", False)]


def test_a_korean_line_inside_a_few_english_words_is_not_repaired_either():
    # a backend's marker around the Korean it could not translate: still Korean, still reported
    en = "[untranslated: 스탠포드 연구진이 새 진단 도구를 발표했다.]"
    report = check_segments(["스탠포드 연구진이 새 진단 도구를 발표했다."], [en], [Term("스탠포드", "Stanford")], fix=True)
    assert report.en == (en,) and report.edits == ()


def test_two_terms_left_in_hangul_are_both_replaced():
    glossary = [Term("스탠포드", "Stanford"), Term("하버드", "Harvard")]
    report = check_segments(["스탠포드와 하버드 연구진이 발표했다."], ["Researchers at 스탠포드 and 하버드 announced it."],
                            glossary, fix=True)
    assert report.en == ("Researchers at Stanford and Harvard announced it.",)


# --------------------------------------------------------------------------------- avoided wordings


@pytest.mark.parametrize("term_, ko, en, expected", [
    # only the wrong word of the avoided wording changes: "Party" was right
    (Term("공화당", "Republican", avoid=("Republic Party",)), "공화당 경선에서 이겼다.",
     "He won the Republic Party primary.", "He won the Republican Party primary."),
    # no word of the avoided wording spells like the rendering: all of it goes
    (Term("하와이", "Hawaii", avoid=("Sandwich Islands",)), "하와이에 도착했다.",
     "Trade with Sandwich Islands planters grew.", "Trade with Hawaii planters grew."),
])
def test_an_avoided_wording_loses_only_its_wrong_words(term_, ko, en, expected):
    report = check_segments([ko], [en], [term_], fix=True)
    assert report.en == (expected,)
    assert [(i.kind, i.fixed) for i in report.issues] == [("avoided", True)]
