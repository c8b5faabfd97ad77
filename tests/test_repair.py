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
    # another country is a word the writer chose: reported, not rewritten
    ("호주 정부가 발표했다.", "The government of Austria announced it.", [Term("호주", "Australia")]),
])
def test_a_correct_word_near_the_rendering_is_never_rewritten(ko, en, glossary):
    text, findings = repaired(ko, en, glossary)
    assert text == en
    assert ("missing", False) in findings  # the finding stays, unfixed


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
    (Term("에르도안", "Erdoğan"), "에르도안 대통령이 말했다.", "President Erdogan spoke on Monday.",
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
    # one letter inside a name that is also an English name (Gerard, Zipf 3.7) is still a slip
    (Term("제라드", "Gerrard"), "제라드가 페널티킥을 찼다.", "Gerard took the penalty.", "Gerrard took the penalty."),
])
def test_a_misspelt_name_is_replaced_exactly(term_, ko, en, expected):
    text, findings = repaired(ko, en, [term_])
    assert text == expected
    assert findings == [("missing", True)]
