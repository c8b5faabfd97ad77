"""Names in the English (#23): what counts as a glossary name rendered, what is a misspelt one, and
which spellings are one name spelt two ways. Every sentence here is invented."""

from __future__ import annotations

import pytest

from briefing.checks import check_segments, is_rendered
from briefing.checks.names import derived_form
from briefing.glossary import load_glossaries
from briefing.model import Term


def findings(ko: str, en: str, term: Term, **kw) -> list[tuple[str, str, str, str | None]]:
    report = check_segments([ko], [en], [term], **kw)
    return [(i.kind, i.severity, i.ko, i.expected) for i in report.issues]


# ------------------------------------------------------------------------ derived forms, not truncations


def test_a_name_with_its_last_letters_changed_is_missing():
    # "Spies" was read as a derived form of Spieth (the name less its last letters): a misspelt name
    # credited as rendered
    assert findings("스피스가 마스터스에서 우승했다.", "Spies won the Masters by three strokes.",
                    Term("스피스", "Spieth")) == [("missing", "error", "스피스", "Spieth")]


def test_another_country_that_is_the_name_cut_short_is_missing():
    # Niger is Nigeria less two letters, and another country
    assert findings("나이지리아는 협정에 서명했다.", "Niger signed the agreement on Monday.",
                    Term("나이지리아", "Nigeria")) == [("missing", "error", "나이지리아", "Nigeria")]


def test_a_demonym_of_the_glossary_name_is_rendered():
    # 나이지리아 군대 is "Nigerian troops" as often as "the troops of Nigeria"
    assert findings("나이지리아 군대가 국경에 도착했다.", "Nigerian troops reached the border.",
                    Term("나이지리아", "Nigeria")) == []


@pytest.mark.parametrize("base, word", [
    ("Canada", "Canadian"), ("China", "Chinese"), ("Libya", "Libyan"), ("Iraq", "Iraqi"),
    ("Italy", "Italian"), ("Hungary", "Hungarians"), ("Mexico", "Mexican"), ("Europe", "European"),
    ("Sikh", "Sikhism"), ("Sikhs", "Sikhism"), ("Buddha", "Buddhist"), ("Pythagoras", "Pythagorean"),
    ("Texas", "Texan"), ("Brexit", "Brexiteers"),
])
def test_real_derivations_are_derived_forms(base, word):
    assert derived_form(base, word)


@pytest.mark.parametrize("base, word", [
    ("Spieth", "Spiet"),  # a letter dropped
    ("Spieth", "Spies"),  # the last letters swapped for an ending
    ("Nigeria", "Niger"),  # cut short: another country
    ("Hungary", "Hungari"),  # -y for -i is a slip, not an ending
    ("Greenlander", "Greenland"),  # the people's word cut back to the place
    ("Danielle", "Daniel"),  # another name
])
def test_truncations_and_slips_are_not_derived_forms(base, word):
    assert not derived_form(base, word)


def test_a_misspelt_ending_is_missing_and_found():
    report = check_segments(["헝가리 대표단이 도착했다."], ["The Hungari delegation arrived."],
                            [Term("헝가리", "Hungary")])
    assert [(i.kind, i.expected, i.found) for i in report.issues] == [("missing", "Hungary", "Hungari")]


def test_two_words_derived_from_one_place_are_not_one_name_spelt_two_ways():
    # Greenlandic and Greenlander: two endings of one stem, not a slip
    ko = ["그린란드 원주민의 언어를 배웠다.", "그린란드 원주민은 스스로를 그렇게 부른다."]
    en = ["She learnt the Greenlandic language.", "A Greenlander calls himself that."]
    assert check_segments(ko, en, load_glossaries([]), checks=["inconsistent"]).issues == ()


def test_a_slip_in_the_ending_of_a_rare_name_is_still_one_name_spelt_two_ways():
    # -is/-es is a plural ending, not a second derivation: Mathis and Mathes are one name
    ko = ["마티스 감독이 말했다.", "마티스 감독이 웃었다."]
    en = ["Coach Mathis said so.", "Coach Mathes laughed."]
    report = check_segments(ko, en, load_glossaries([]), checks=["inconsistent"])
    assert [(i.kind, i.segment) for i in report.issues] == [("inconsistent", "l2")]


def test_is_rendered_never_credits_a_cut_name():
    assert not is_rendered(Term("스피스", "Spieth"), "Spiet holed the putt.")
    assert is_rendered(Term("스피스", "Spieth"), "Spieth's putt dropped.")  # a possessive


# -------------------------------------------------------------------------------------------- accents


@pytest.mark.parametrize("rendering, english, shown", [
    ("Lopez", "Mr López said no.", "López"),  # the glossary without the accent, the English with it
    ("López", "Mr Lopez said no.", "Lopez"),  # and the other way round
    ("Erdogan", "Erdoğan's party won.", "Erdoğan"),
    ("Galapagos", "the Galápagos Islands", "Galápagos"),
    ("Lopez", "Mr Lo\u0301pez said no.", "Lo\u0301pez"),  # a combining accent stays with its letter
])
def test_accents_are_folded_for_matching_and_kept_in_the_span(rendering, english, shown):
    from briefing.checks import rendering_spans

    assert is_rendered(Term("x", rendering), english)
    assert [english[s:e] for s, e in rendering_spans(rendering, english)] == [shown]


def test_an_accented_name_matches_in_a_check_and_nothing_is_repaired():
    report = check_segments(["로페스 장관이 말했다."], ["Minister López spoke."], [Term("로페스", "Lopez")],
                            fix=True)
    assert report.issues == () and report.edits == () and report.en == ("Minister López spoke.",)


def test_an_accent_does_not_make_another_name_match():
    assert not is_rendered(Term("x", "Lopez"), "Mr Lópes said no.")


# ------------------------------------------------------- coordinated names, demonyms of several words, dots


@pytest.mark.parametrize("rendering, english", [
    ("North Korea", "Leaders of North and South Korea met at the border."),  # 북한 in "North and South Korea"
    ("South Korea", "Leaders of North and South Korea met at the border."),
    ("East Africa", "Drought hit East, West and Central Africa."),
    ("New Zealand", "Two New Zealanders reached the summit."),  # a demonym of two words
    ("South Africa", "A South African court ruled on Friday."),
    ("North Korea", "North and South Korean officials shook hands."),
    ("Saudi Arabia", "A Saudi prince bought the club."),  # an irregular demonym of a two-word country
    ("FBI", "The F.B.I. opened an inquiry."),  # a dotted acronym
    ("F.B.I.", "The FBI opened an inquiry."),  # and the other way round
])
def test_names_as_english_writes_them_are_rendered(rendering, english):
    assert is_rendered(Term("x", rendering), english)


def test_north_and_south_korea_raises_no_finding_for_either_term():
    report = check_segments(["남북한 정상이 만났다. 북한과 남한"], ["Leaders of North and South Korea met."],
                            [Term("북한", "North Korea"), Term("남한", "South Korea")], fix=True)
    assert report.issues == () and report.edits == ()


@pytest.mark.parametrize("rendering, english", [
    ("North Korea", "North Dakota and Korea signed a deal."),  # no shared last word
    ("FBI", "The F.B. Institute opened."),  # the dots of another abbreviation
    ("FBI", "a fbi agent"),  # an acronym keeps its case
    ("New Zealand", "A Zealander arrived."),  # the demonym needs the whole name
])
def test_lookalikes_of_those_forms_are_not_rendered(rendering, english):
    assert not is_rendered(Term("x", rendering), english)


# ------------------------------------------------------------------------------ names across segments


def test_a_common_english_word_is_not_paired_with_a_rare_name():
    # Marshel is a rare name; "Marshal" opens a sentence as the common word the document also writes
    # in lower case: not one name spelt two ways
    ko = ["마셜 의원이 연설했다.", "마셜 의원의 법안은 계엄령을 다룬다.", "소방 책임자가 도착했다."]
    en = ["Senator Marshel gave a speech.", "Marshal law is the subject of his bill.", "The fire marshal arrived."]
    assert check_segments(ko, en, load_glossaries([]), checks=["inconsistent"]).issues == ()


def test_a_frequent_word_that_only_opens_sentences_is_not_a_name():
    # "Standing" capitalised only at the start of a sentence is the word; Standeng is a rare name
    ko = ["스탠딩 씨가 말했다.", "스탠딩 씨의 연설"]
    en = ["Mr Standeng said so.", "Standing before the crowd, he spoke."]
    assert check_segments(ko, en, load_glossaries([]), checks=["inconsistent"]).issues == ()


def test_a_rare_name_that_opens_every_sentence_is_still_a_name():
    ko = ["윌로비 선수가 골을 넣었다.", "윌로비 선수가 웃었다."]
    en = ["Willoughby scored.", "The crowd cheered Willowby."]
    report = check_segments(ko, en, load_glossaries([]), checks=["inconsistent"])
    assert [(i.kind, i.severity, i.expected) for i in report.issues] == [("inconsistent", "warning", "Willoughby")]


# ---------------------------------------------------------------------- left in Hangul, or not there at all


def test_a_term_left_in_hangul_is_an_error_naming_the_hangul():
    report = check_segments(["누사 해변은 서핑으로 유명하다."], ["누사's beaches are known for surfing."],
                            [Term("누사", "Noosa")])
    assert [(i.kind, i.severity, i.ko, i.expected, i.found) for i in report.issues] == [
        ("missing", "error", "누사", "Noosa", "누사")]
    assert "left in Hangul" in report.issues[0].message


def test_hangul_inside_a_longer_korean_word_is_not_the_term():
    from briefing.checks.renderings import hangul_span

    # 누사 inside 누사마을: replacing it would leave half a Korean word behind
    assert hangul_span(Term("누사", "Noosa"), "the 누사마을 beach") is None
    assert hangul_span(Term("누사", "Noosa"), "the 누사 beach") == (4, 6)


def test_a_term_absent_with_no_near_miss_stays_missing():
    # the English dropped the name altogether: an error, with nothing found to repair
    report = check_segments(["바르톨리 교수가 발표했다."], ["The professor gave a talk."], [Term("바르톨리", "Bartoli")])
    assert [(i.kind, i.severity, i.found) for i in report.issues] == [("missing", "error", None)]


# ----------------------------------------------------------------------------------- misspelt names


@pytest.mark.parametrize("rendering, english, found", [
    ("Bartoli", "Professor bartolli gave a talk.", "bartolli"),  # lower-cased, a consonant doubled
    ("Jardín", "They walked to Jerdín at dawn.", "Jerdín"),  # the accent inside the word kept
    ("Pittman", "Peteman said the talks failed.", "Peteman"),  # far spelling, same sound (P-T-M-N)
    ("Callejon del Beso", "the Callajun del Beso alley", "Callajun del Beso"),  # a name with a particle
])
def test_a_rare_misspelling_of_the_name_is_found(rendering, english, found):
    ko = "가나다"  # the Korean term in the segment is what ties the span to the glossary name
    report = check_segments([f"{ko} 관련 문장"], [english], [Term(ko, rendering)])
    assert [(i.kind, i.severity, i.expected, i.found) for i in report.issues] == [
        ("missing", "error", rendering, found)]


def test_a_common_word_is_never_taken_for_a_misspelt_name():
    from briefing.checks.renderings import misspelt_span

    # "Marketing" sounds and looks a little like Marketti, but it is an everyday word
    assert misspelt_span(Term("마르케티", "Marketti"), "Marketing began at once.", "마르케티") is None
    assert misspelt_span(Term("마르케티", "Marketti"), "Marketi began at once.", "마르케티") == (0, 7)
