"""Which sentences the briefing picks, asserted exactly (sumy's habit), on small Korean articles."""

import pytest

from briefing.brief import bullets_for, select
from briefing.glossary import TermFinder, load_glossaries
from briefing.pipeline import read, run_article
from conftest import SEED, ScriptedTranslator


def build(*sections: tuple[str | None, list[str]], title: str = "세종시 양자 협력 추진") -> str:
    """An article from (heading, sentences) tuples; each sentence is its own paragraph."""
    lines = [title]
    for heading, sentences in sections:
        if heading:
            lines.append(f"◇ {heading}")
        lines.extend(sentences)
    return "\n".join(lines) + "\n"


def chosen(text: str, glossary=None) -> tuple[list[list[str]], list[str]]:
    article = read(text)
    finder = TermFinder(glossary or load_glossaries([]))
    hits = [finder.find(s.ko) for s in article.sentences()]
    brief = select(article, hits)
    ko = [s.ko for s in article.sentences()]
    return [[ko[i] for i in ids] for ids in brief.sections], [ko[i] for i in brief.summary]


@pytest.mark.parametrize("n, bullets", [(0, 0), (1, 1), (4, 1), (5, 2), (12, 3), (15, 3), (16, 4), (40, 5)])
def test_bullets_grow_with_the_section_but_stay_few(n, bullets):
    assert bullets_for(n) == bullets


def test_two_sentences_but_one_winner():
    # The inverted pyramid: the first sentence states the news, the second adds colour.
    sections, _ = chosen(build((None, [
        "세종시가 일본 치바현과 양자기술 공동연구 협약을 체결했다고 밝혔다.",
        "협약식에는 양측 관계자 30여 명이 참석해 공동연구의 의미를 되새겼다.",
    ])))
    assert sections == [["세종시가 일본 치바현과 양자기술 공동연구 협약을 체결했다고 밝혔다."]]


def test_a_sentence_that_restates_a_chosen_one_gives_way_to_a_new_fact():
    # Nine sentences, three bullets. The second restates the first almost word for word; the third
    # bullet should bring the budget, not the same agreement twice.
    sections, _ = chosen(build((None, [
        "세종시는 일본 치바현과 중입자 치료 협력 협약을 맺었다고 밝혔다.",
        "세종시는 치바현과 중입자 치료 분야 협력 협약을 맺었다고 덧붙였다.",
        "시는 중입자가속기 암치료센터 건립에 국비 3천억 원을 신청할 계획이다.",
        "이날 행사는 시청 대회의실에서 열렸다.",
        "행사에는 시민 100여 명이 참석했다.",
        "참석자들은 기념사진을 찍었다.",
        "행사는 한 시간가량 이어졌다.",
        "시 관계자는 감사 인사를 전했다.",
        "다음 행사는 내년에 열린다.",
    ])))
    assert len(sections[0]) == 3
    assert "세종시는 일본 치바현과 중입자 치료 협력 협약을 맺었다고 밝혔다." in sections[0]
    assert "시는 중입자가속기 암치료센터 건립에 국비 3천억 원을 신청할 계획이다." in sections[0]
    assert "세종시는 치바현과 중입자 치료 분야 협력 협약을 맺었다고 덧붙였다." not in sections[0]


def test_glossary_terms_lift_a_sentence_that_names_them():
    # Two later sentences of equal length and position weight: the one that names RIKEN and quantum
    # computing is what these readers follow.
    text = build((None, [
        "세종시 대표단이 일본 순방 일정을 모두 마치고 귀국했다고 밝혔다.",
        "대표단은 현지에서 여러 기관 관계자들과 다양한 의견을 나눴다.",
        "대표단은 이화학연구소 양자컴퓨팅 센터를 찾아 협력 방안을 논의했다.",
        "대표단은 현지 식당에서 관계자들과 저녁 식사를 함께 했다.",
        "대표단은 이동 중에 여러 도시의 풍경을 둘러봤다.",
    ]))
    with_terms, _ = chosen(text, load_glossaries(None))
    assert "대표단은 이화학연구소 양자컴퓨팅 센터를 찾아 협력 방안을 논의했다." in with_terms[0]


def test_the_summary_covers_the_sections_before_repeating_one():
    _, summary = chosen(build(
        (None, ["세종시가 일본 순방에서 양자기술 협력을 추진하기로 했다고 밝혔다.",
                "최민호 시장은 기자회견을 열고 순방 성과를 발표했다."]),
        ("중입자 치료", ["대표단은 치바현 QST 병원을 방문해 중입자 치료 현황을 들었다.",
                        "병원장은 중입자가속기 관련 자문을 약속했다."]),
        ("정원 도시", ["시는 시즈오카현과 정원 분야 교류를 확대하기로 했다.",
                      "시즈오카현 지사는 국제정원도시박람회 참석을 검토하기로 했다."]),
    ))
    assert len(summary) == 3
    assert summary[0].startswith("세종시가 일본 순방에서")
    assert summary[1].startswith("대표단은 치바현 QST 병원을")
    assert summary[2].startswith("시는 시즈오카현과")


def test_selection_reads_only_the_korean():
    # Two translations of different quality must brief the same sentences: a mistranslation cannot
    # promote or bury a sentence.
    text = SEED.read_text(encoding="utf-8")
    glossary = load_glossaries(None)

    class Echo(ScriptedTranslator):
        def __init__(self, fill):
            super().__init__()
            self.fill = fill

        def translate(self, texts, progress=None):
            from briefing.model import Translation

            return [Translation(self.fill(t)) for t in texts]

    good = run_article(text, glossary, Echo(lambda t: f"English of: {t}"), fix=False)
    broken = run_article(text, glossary, Echo(lambda t: "the the the"), fix=False)
    assert good.brief == broken.brief
