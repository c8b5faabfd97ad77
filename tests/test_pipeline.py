"""The main job end to end, against a scripted translator that returns a human English translation.

The fake keeps the model out of the picture so that what is asserted is the tool's own work: which
sentences are chosen, where the English lands, what the glossary report says.
"""

import json

import pytest

from briefing.pipeline import inspect_article, run_article, translate_article
from briefing.formats.json_doc import to_dict, to_json
from briefing.formats.markdown import to_markdown
from briefing.formats.text import to_text
from conftest import SEED, ScriptedTranslator, seed_translator


def test_every_sentence_title_and_heading_is_translated(seed_result):
    # The fake answers "[untranslated: …]" for any string it was not scripted with: none may remain.
    assert seed_result.get("title").en.startswith("Sejong City visits Japan")
    assert seed_result.get("subtitle").en.startswith("Momentum for a medical welfare hub")
    assert [(s.id, s.en) for s in seed_result.segments if s.kind == "heading"] == [
        ("h1", "Exchange and cooperation between cities"),
        ("h2", "A leap towards a medical welfare hub and a Quantum City"),
        ("h3", "Promoting the Sejong City brand"),
    ]
    assert all(s.en and not s.en.startswith("[untranslated") for s in seed_result.segments)


def test_briefs_are_sentences_of_their_own_section_in_article_order(seed_result):
    data = to_dict(seed_result)
    assert len(data["summary"]) == 3
    assert [s["heading"]["ko"] for s in data["sections"]][0] is None
    for section in data["sections"]:
        english = [s["en"] for s in section["sentences"]]
        assert 1 <= len(section["brief"]) <= 3
        # word for word the English of a sentence of this section, in article order
        positions = [english.index(line) for line in section["brief"]]
        assert positions == sorted(positions)
    all_english = [s["en"] for sec in data["sections"] for s in sec["sentences"]]
    assert all(line in all_english for line in data["summary"])


def test_lead_brief_opens_with_the_news_not_a_quote(seed_result):
    # The first sentence of the lead states the news; a reader forwarding the brief expects it first.
    lead = to_dict(seed_result)["sections"][0]
    assert lead["brief"][0].startswith("Sejong City said its tour of Japan")


def test_glossary_report_marks_terms_the_translation_rendered(seed_result):
    data = to_dict(seed_result)
    found = {(t["ko"], t["rendered"]) for sec in data["sections"] for s in sec["sentences"] for t in s["terms"]}
    assert ("이화학연구소", True) in found
    assert ("치바현", True) in found
    for sec in data["sections"]:
        for s in sec["sentences"]:
            for t in s["terms"]:
                assert s["ko"][t["start"]:t["end"]] == t["ko"]


def test_a_term_the_translation_missed_is_reported(glossary):
    # A human translator spelled RIKEN out; the glossary wants the short name every time.
    translator = seed_translator()
    ko = "고노카미 마코토 이사장은 세종시의 양자산업 관련 연구개발 및 인력양성 분야 비전과 전략에 공감했다고 밝혔다."
    translator.enqueue(
        ko,
        "The president of the Institute of Physical and Chemical Research said he shared Sejong City's "
        "vision for the quantum industry.",
    )
    result = translate_article(SEED.read_text(encoding="utf-8"), glossary, translator, fix=False)
    missing = [i for i in result.issues if i.kind == "missing"]
    assert any(i.ko.startswith("고노카미") or "마코토" in i.ko for i in missing)


def test_markdown_has_title_summary_briefing_translation_and_report(seed_result):
    md = to_markdown(seed_result)
    order = ["# Sejong City visits Japan", "## Summary", "## Briefing", "### Lead",
             "### Exchange and cooperation between cities", "## Full translation", "## Glossary report",
             "## Set aside (not translated)"]
    positions = [md.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "| 이화학연구소 | RIKEN |" in md


def test_json_keeps_the_documented_schema(seed_result):
    data = json.loads(to_json(seed_result))
    assert set(data) >= {"model", "title", "subtitle", "summary", "sections", "boilerplate"}
    assert data["model"] == "scripted-fake"
    assert data["title"]["ko"].startswith("일본 방문한 세종시")
    assert len(data["sections"]) == 4
    assert len(data["boilerplate"]) == 11  # the copyright line and 10 related-article links
    sentence = data["sections"][1]["sentences"][0]
    assert set(sentence) == {"ko", "en", "terms", "id"}  # id: an added key (segment ids)
    assert sentence["id"] == "s5" and data["sections"][1]["heading"]["id"] == "h1"
    assert set(sentence["terms"][0]) == {"ko", "en", "start", "end", "rendered"}


def test_inspect_json_has_null_english_and_empty_briefs(glossary):
    result = inspect_article(SEED.read_text(encoding="utf-8"), glossary)
    data = to_dict(result)
    assert data["summary"] == [] and data["title"]["en"] is None
    assert all(sec["brief"] == [] for sec in data["sections"])
    assert all(s["en"] is None for sec in data["sections"] for s in sec["sentences"])
    assert all(t["rendered"] is None for sec in data["sections"] for s in sec["sentences"] for t in s["terms"])


def test_text_output_keeps_paragraphs(seed_result):
    text = to_text(seed_result)
    assert text.splitlines()[0].startswith("Sejong City visits Japan")
    # the lead has four paragraphs; each is one line of plain text
    lead = text.split("\n\n")[1].splitlines()
    assert len(lead) == 4


class ShortModel(ScriptedTranslator):
    """A model that accepts only 12 whitespace tokens: long sentences must go in pieces."""

    def max_source_tokens(self) -> int:
        return 12

    def translate(self, texts, progress=None):
        self.calls.append(list(texts))
        from briefing.model import Translation

        return [Translation(f"<{t}>") for t in texts]


def test_a_sentence_longer_than_the_model_accepts_is_translated_in_pieces_not_truncated(glossary):
    text = SEED.read_text(encoding="utf-8")
    translator = ShortModel()
    result = translate_article(text, glossary, translator, fix=False)
    assert any(s.split for s in result.segments), "the long quotes of the seed article must have been split"
    for sentence in result.sentences:
        # every Korean word comes back, in order, inside the joined pieces
        words = "".join(sentence.en.replace("<", "").replace(">", "").split())
        assert words == "".join(sentence.ko.split())
    assert all(len(p.split()) <= 12 for call in translator.calls for p in call)


# --- one record per segment (#9) -------------------------------------------------------------------

TWO_SECTIONS = """세종시, 일본 치바현과 교류 확대

세종시는 6일 일본 치바현과 디지털 기술 분야에서 협력하기로 했다고 밝혔다. 최민호 시장은 구마가이 지사와 만나 협약을 맺었다.

《 중입자 치료 협력 》

세종시는 치바현의 중입자 치료 시설을 둘러보고 의료 협력 방안을 논의했다. 시는 내년까지 구체적인 계획을 마련할 예정이다.
"""

HEADED_FIRST = """◇ 중입자 치료 협력

세종시는 치바현의 중입자 치료 시설을 둘러보고 의료 협력 방안을 논의했다. 시는 내년까지 구체적인 계획을 마련할 예정이다.

◇ 양자 기술 교류

세종시는 일본의 양자 기술 연구기관과 교류를 확대하기로 했다. 최민호 시장은 연구소를 방문해 협력을 약속했다.
"""


def test_a_heading_in_double_angle_brackets_reaches_the_model_without_them(glossary):
    # A page states 《 중입자 치료 협력 》 as a subhead: the brackets are layout, and a model handed them
    # echoes them into the English heading.
    from briefing.model import Source

    source = Source(TWO_SECTIONS, title="세종시, 일본 치바현과 교류 확대", headings=("《 중입자 치료 협력 》",))
    translator = ScriptedTranslator()
    result = translate_article(source, glossary, translator, fix=False)
    sent = translator.calls[0]
    assert "중입자 치료 협력" in sent
    assert not any("《" in text or "》" in text for text in sent)
    heading = result.get("h1")
    assert heading.ko == "중입자 치료 협력"
    assert result.article.text[heading.start:heading.end] == heading.ko


def test_an_article_that_opens_with_a_heading_names_it_heading_1(glossary):
    # Labels are 1-based as a reader counts; the first heading of a paste with no lead is heading 1.
    from briefing.model import Source

    translator = ScriptedTranslator({"중입자 치료 협력": "Heavy particle therapy cooperation"})
    source = Source(HEADED_FIRST, headings=("◇ 중입자 치료 협력", "◇ 양자 기술 교류"))
    result = translate_article(source, glossary, translator, fix=False)
    assert [s.id for s in result.segments if s.kind == "heading"] == ["h1", "h2"]
    data = to_dict(result)
    assert data["findings"][0] == {
        "segment": "heading 1", "kind": "avoided", "ko": "중입자 치료", "expected": "heavy-ion therapy",
        "found": "Heavy particle therapy", "fixed": False, "severity": "error"}
    assert "heading 0" not in to_markdown(result, briefing=False)


def test_the_translator_gets_each_segment_with_its_glossary_terms(glossary):
    # Terms found before translation travel with the Korean, so that a backend can hand them to the
    # model; today's backends read the string and ignore them.
    seen = {}

    class Recording(ScriptedTranslator):
        def translate(self, texts, progress=None):
            seen.update({str(t): tuple(h.ko for h in t.hits) for t in texts})
            return super().translate(texts, progress)

    translate_article(TWO_SECTIONS, glossary, Recording(), fix=False)
    assert seen["세종시, 일본 치바현과 교류 확대"] == ("세종시", "치바현")
    assert seen["최민호 시장은 구마가이 지사와 만나 협약을 맺었다."] == ("최민호", "구마가이")


def test_a_repaired_segment_keeps_the_model_english_beside_the_repair(glossary):
    # The model's own English stays on the record (a reviewer, or an XLIFF export, wants both sides).
    translator = ScriptedTranslator({
        "최민호 시장은 구마가이 지사와 만나 협약을 맺었다.": "Mayor Choi Min-hoe met Governor Kumagai and signed an agreement.",
    })
    result = translate_article(TWO_SECTIONS, glossary, translator)
    sentence = result.get("s2")
    assert sentence.raw_en == "Mayor Choi Min-hoe met Governor Kumagai and signed an agreement."
    assert sentence.en == "Mayor Choi Min-ho met Governor Kumagai and signed an agreement."
    assert [(e.segment, e.before, e.after) for e in result.edits] == [("s2", "Choi Min-hoe", "Choi Min-ho")]


def test_the_glossary_table_lists_a_term_found_only_in_a_heading(glossary):
    # A finding in a heading must have its row in the table: the reader looks for it there.
    text = "세종시 양자 협력 확대\n\n세종시는 6일 협력을 확대한다고 밝혔다.\n\n■ 이화학연구소와 협약\n\n협약식은 도쿄에서 열렸다.\n"
    translator = ScriptedTranslator({
        "세종시 양자 협력 확대": "Sejong City expands quantum cooperation",
        "세종시는 6일 협력을 확대한다고 밝혔다.": "Sejong City said on the 6th it would expand cooperation.",
        "이화학연구소와 협약": "Agreement with the Institute of Physical and Chemical Research",
        "협약식은 도쿄에서 열렸다.": "The signing took place in Tokyo.",
    })
    md = to_markdown(run_article(text, glossary, translator, fix=False))
    row = next(line for line in md.splitlines() if line.startswith("| 이화학연구소 |"))
    assert row == "| 이화학연구소 | RIKEN | heading 1 | **no** in heading 1 |"
    assert "| 세종시 | Sejong City | title, sentence 1 | yes |" in md
    assert "- heading 1: avoided — 이화학연구소: expected “RIKEN”" in md


def test_the_json_document_reads_back_as_the_english_of_every_segment(seed_result):
    from briefing.formats.json_doc import read_json

    assert read_json(to_json(seed_result)) == {s.id: s.en for s in seed_result.segments}
    # a document written before sentences carried ids is numbered the way the reader numbers them
    data = to_dict(seed_result)
    for section in data["sections"]:
        section["heading"].pop("id")
        for sentence in section["sentences"]:
            sentence.pop("id")
    assert read_json(json.dumps(data)) == {s.id: s.en for s in seed_result.segments}
    with pytest.raises(ValueError, match="schema 2"):
        read_json(json.dumps({**data, "schema": 2}))
    with pytest.raises(ValueError, match="not a briefing JSON document"):
        read_json("[]")


def test_the_brief_names_the_pinned_revision_of_the_model(seed_result):
    # A reader forwarding the brief must be able to tell which files of the model produced it (#14).
    from dataclasses import replace

    pinned = replace(seed_result, revision="0123456789abcdef0123456789abcdef01234567")
    assert "> Machine translation from Korean by `scripted-fake` at revision `0123456789ab` (scripted);" in to_markdown(pinned)
    assert "at revision" not in to_markdown(seed_result)
