"""Korean sentences with offsets, and cutting a sentence that is too long for the model."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pytest

from briefing.reader.article import read_article
from briefing.model import Article
from briefing.sentences import split_long, split_sentences
from briefing.reader.source import read_source
from test_article import ARTICLES, SEED, assert_nothing_lost, pasted_articles

QUOTE_SENTENCE = (
    '최 시장은 "일본의 치바현, 시즈오카현 등 일본의 주요도시와 교류 협력을 강화하고 한일지사 회의에서 '
    '세종시 균형발전 정책을 소개했다"며 "특히 일본 치바현, 시즈오카현과 디지털 기술, 의료복지, 정원 '
    '분야에서의 국제협력에 관해 의견을 교환했다"고 말했다.'
)


def assert_sentences_cover_paragraphs(article: Article) -> None:
    """Every non-whitespace character of every paragraph is in exactly one sentence, in order."""
    text = article.text
    for section in article.sections:
        owners = {}
        for sentence in section.sentences:
            assert text[sentence.start : sentence.end] == sentence.ko
            assert sentence.ko and sentence.ko == sentence.ko.strip()
            for i in range(sentence.start, sentence.end):
                owners[i] = owners.get(i, 0) + 1
        assert [s.start for s in section.sentences] == sorted(s.start for s in section.sentences)
        for paragraph in section.paragraphs:
            for i in range(paragraph.start, paragraph.end):
                if not text[i].isspace():
                    assert owners.get(i) == 1, (i, text[i], paragraph.ko)
        assert sum(owners.values()) == len(owners)  # no character in two sentences


def sentences(text: str) -> list[str]:
    return [s.ko for s in split_sentences(read_article(text)).sentences()]


# ---- split_sentences -----------------------------------------------------------------------------


def test_quotation_with_a_full_stop_stays_in_its_sentence():
    # Korean reporting wraps quotes in -며/-고 말했다; the full stop inside the quote is not an end.
    text = '최 시장은 "일본과 협력했다. 그리고 교류를 늘렸다"며 "앞으로도 노력하겠다"고 말했다. 다음 일정은 미정이다.\n'
    assert sentences(text) == [
        '최 시장은 "일본과 협력했다. 그리고 교류를 늘렸다"며 "앞으로도 노력하겠다"고 말했다.',
        "다음 일정은 미정이다.",
    ]


@pytest.mark.parametrize("glued", [
    "주말 뉴스는 금.토.일요일 저녁 8시에 방송된다.",  # weekdays listed with full stops
    "시는 새 코너 'K-브리핑'을 매주 월요일 공개한다고 밝혔다.",  # a quoted name and its particle
    "경제 뉴스를 픽!해서 전하는 코너가 새로 생겼다.",  # a segment's name
    "상표 '다온'은 모두가 함께 간다. 라는 뜻을 담았다.",  # an unmarked quotation and its quotative ending
    "시장은 △청년이 돌아오는 도시! 일자리가 넘치는 도시! △머물고 싶은 도시 등 3대 비전을 내놨다.",  # a list
])
def test_a_full_stop_inside_a_phrase_does_not_end_the_sentence(glued):
    # kiwipiepy ends a sentence at these; cut there, the pieces would be translated apart.
    text = f"방송사는 편성을 바꿨다. {glued} 새 편성은 다음 달 시작된다.\n"
    assert sentences(text) == ["방송사는 편성을 바꿨다.", glued, "새 편성은 다음 달 시작된다."]


@pytest.mark.parametrize("quoted", [
    "“올해는 다르다”는 평가가 나왔다.",
    "‘다시, 사랑’이라는 주제가 눈길을 끌었다.",
    "\"올해는 다르다\"는 평가가 나왔다.",
])
def test_a_sentence_that_opens_with_a_quotation_after_a_stop_is_cut(quoted):
    # kiwipiepy reads on across "…열렸다. “…”는": two sentences translated as one, or cut at the particle.
    assert sentences(f"축제가 지난 주말 열렸다. {quoted}\n") == ["축제가 지난 주말 열렸다.", quoted]


def test_a_quotation_inside_a_quotation_after_a_stop_is_not_cut():
    said = "그는 \"예산을 늘렸다. '미래'를 위해서다\"라고 말했다."
    assert sentences(said + "\n") == [said]


def test_a_missing_space_after_a_sentence_ending_is_still_a_cut():
    # …목표다.이를 — the writer left out the space, not the full stop.
    assert sentences("상용화하는 게 목표다.이를 위해 기술 성숙도를 높인다.\n") == [
        "상용화하는 게 목표다.", "이를 위해 기술 성숙도를 높인다."]


@pytest.mark.parametrize("quoted", ["'K-브리핑'은 매주 월요일 공개된다.", "<미스핏츠>의 동영상은 수개월 동안 준비됐다."])
def test_a_sentence_that_opens_with_a_quoted_name_starts_at_the_name(quoted):
    # kiwipiepy cuts after the closing mark, before the particle; the sentence starts at the mark.
    assert sentences(f"방송사는 편성을 바꿨다. {quoted} 새 편성은 다음 달 시작된다.\n") == [
        "방송사는 편성을 바꿨다.", quoted, "새 편성은 다음 달 시작된다."]


def test_seed_lead_sentences_with_offsets():
    # The seed's lead: four one-sentence paragraphs, two of them long double quotations.
    article = split_sentences(read_article(read_source(str(SEED))))
    lead = article.sections[0].sentences
    assert [s.ko for s in lead] == [p.ko for p in article.sections[0].paragraphs]
    assert lead[2].ko == QUOTE_SENTENCE
    assert article.text[lead[2].start : lead[2].end] == QUOTE_SENTENCE
    first_section = [s.ko for s in article.sections[1].sentences]
    assert first_section[:2] == [
        "시 대표단은 지난 30일 일본 치바현을 찾아 치바현지사와 면담을 갖고 양 도시 간 교류 협력을 확대하기로 했다.",
        "치바현은 1994년 세계 최초로 중입자 치료를 시작한 QST 병원이 위치해 있으며, 최근 디지털 전환 정책을 "
        "통해 도농 간 디지털격차 해소에 노력 중이다.",
    ]
    # 32 full stops end a sentence outside quotation marks in the seed's 25 paragraphs.
    assert len(list(article.sentences())) == 32


def test_headings_and_boilerplate_are_not_sentences():
    # Only paragraphs are translated sentence by sentence; the title and headings go on their own.
    article = split_sentences(read_article(read_source(str(SEED))))
    texts = [s.ko for s in article.sentences()]
    assert "◇ 도시 간 교류협력 추진" not in texts
    assert not [t for t in texts if "대전일보" in t and t.startswith("-")]


def test_wrapped_paragraph_sentence_spans_the_line_break():
    text = "세종시가 로봇 순찰을 내년부터 6개 생활권\n전체로 확대한다. 민원이 30% 줄었다.\n"
    assert sentences(text) == ["세종시가 로봇 순찰을 내년부터 6개 생활권\n전체로 확대한다.", "민원이 30% 줄었다."]


SPACED_SCRIPT = """세종시 정원박람회 준비 한창

◀앵커▶

내년 국제정원도시박람회를 앞두고

세종시가 일본 시즈오카현의

노하우를 배우기로 했습니다.



◀리포트▶

세종시 대표단은 지난달 시즈오카현을 찾아

꽃박람회 운영 경험을 전수받기로

합의했습니다.



시즈오카현은 정원 전문가 다섯 명을

내년 봄 세종시에 보낼 예정입니다.
"""


def test_a_script_with_a_blank_line_after_every_line_keeps_its_sentences_whole():
    # A portal's or a station's copy of a script: one blank line is a line break, two or more a
    # paragraph break. Each sentence is whole, and no piece of one becomes a heading.
    article = split_sentences(read_article(SPACED_SCRIPT))
    assert [" ".join(s.ko.split()) for s in article.sentences()] == [
        "내년 국제정원도시박람회를 앞두고 세종시가 일본 시즈오카현의 노하우를 배우기로 했습니다.",
        "세종시 대표단은 지난달 시즈오카현을 찾아 꽃박람회 운영 경험을 전수받기로 합의했습니다.",
        "시즈오카현은 정원 전문가 다섯 명을 내년 봄 세종시에 보낼 예정입니다.",
    ]
    assert [s.heading.ko for s in article.sections] == ["◀앵커▶", "◀리포트▶"]
    assert_sentences_cover_paragraphs(article)


def test_a_script_line_that_ends_on_a_list_closing_deung_runs_on():
    # "…미래형 자동차 산업 등" / "이른바 4차 산업으로 …": 등 closes a list mid-sentence.
    text = ("시는 새해 업무계획을 발표했습니다.\n\n좋은 일자리 문제는\n창업 보육 기업 육성과 함께\n"
            "물과 의료, 미래형 자동차 산업 등\n이른바 4차 산업으로 풀겠다는 계획입니다.\n")
    assert [" ".join(s.split()) for s in sentences(text)][-1] == (
        "좋은 일자리 문제는 창업 보육 기업 육성과 함께 물과 의료, 미래형 자동차 산업 등 이른바 4차 산업으로 풀겠다는 계획입니다.")


def test_a_script_line_that_stops_on_the_day_of_the_news_runs_on():
    # A radio script wraps after the day: "…는 지난 달 27일" / "홍길동 신부를 총장으로 선출했고".
    text = ("대학 총장 잇따라 교체\n\n대학 사회에 변화가 예상됩니다.\n\n한국대는 지난 달 27일\n"
            "홍길동 신부를 총장으로 선출했고\n미래대도 지난 25일\n새 총장의 취임식을 가졌습니다.\n")
    assert [" ".join(s.split()) for s in sentences(text)][-1] == (
        "한국대는 지난 달 27일 홍길동 신부를 총장으로 선출했고 미래대도 지난 25일 새 총장의 취임식을 가졌습니다.")


def test_paragraphs_a_blank_line_apart_stay_apart():
    # An ordinary page: finished sentences, a blank line between paragraphs; nothing is joined.
    text = "세종시 정원박람회 준비 한창\n\n세종시가 정원박람회를 준비한다.\n\n시즈오카현은 전문가를 보낸다.\n\n박람회는 내년 4월에 열린다.\n"
    assert [p.ko for s in read_article(text).sections for p in s.paragraphs] == [
        "세종시가 정원박람회를 준비한다.", "시즈오카현은 전문가를 보낸다.", "박람회는 내년 4월에 열린다."]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_sentences_cover_every_paragraph_of_every_fixture(path):
    article = split_sentences(read_article(read_source(str(path))))
    assert_sentences_cover_paragraphs(article)
    assert_nothing_lost(article)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pasted_articles())
def test_sentences_cover_paragraphs_for_any_mixture(text):
    # Random Unicode and whitespace: kiwipiepy may skip or normalise characters; none may be lost.
    assert_sentences_cover_paragraphs(split_sentences(read_article(text)))


# ---- split_long ----------------------------------------------------------------------------------


def at_most(n: int):
    return lambda piece: len(piece) <= n


def test_long_quotation_is_cut_after_the_connective_between_the_quotes():
    # -며 joins the two quotations; cutting there gives two pieces a translator can handle alone.
    assert split_long(QUOTE_SENTENCE, at_most(100)) == [
        '최 시장은 "일본의 치바현, 시즈오카현 등 일본의 주요도시와 교류 협력을 강화하고 한일지사 회의에서 '
        '세종시 균형발전 정책을 소개했다"며',
        '"특히 일본 치바현, 시즈오카현과 디지털 기술, 의료복지, 정원 분야에서의 국제협력에 관해 의견을 '
        '교환했다"고 말했다.',
    ]


def test_connective_ending_is_preferred_to_a_later_space():
    # -으며 and -지만 close clauses; "보고 있으며" must not be cut inside "-고 있-" (auxiliary verb).
    sentence = "시는 국비와 민간 투자를 합쳐 약 3000억원이 들 것으로 보고 있으며, 부지는 연말까지 정하기로 했지만 주민 반발이 변수다."
    assert split_long(sentence, at_most(40)) == [
        "시는 국비와 민간 투자를 합쳐 약 3000억원이 들 것으로 보고 있으며,",
        "부지는 연말까지 정하기로 했지만 주민 반발이 변수다.",
    ]


def test_list_of_names_is_cut_at_a_comma():
    sentence = "치바현, 시즈오카현, 야마나시현, 나라현, 도쿄도의 지사들이 참석한 회의였다."
    assert split_long(sentence, at_most(25)) == ["치바현, 시즈오카현, 야마나시현, 나라현,", "도쿄도의 지사들이 참석한 회의였다."]


def test_sentence_that_fits_is_returned_whole():
    assert split_long("세종시가 성과를 밝혔다.", at_most(100)) == ["세종시가 성과를 밝혔다."]


def test_word_longer_than_the_limit_is_cut_between_characters_never_dropped():
    # A URL is one "word"; it is the only case where a cut may fall inside a word.
    sentence = "세종시는 https://www.sejong.go.kr/very/long/path/to/the/press/release 에 자료를 올렸다."
    assert split_long(sentence, at_most(20)) == [
        "세종시는",
        "https://www.sejong.g",
        "o.kr/very/long/path/",
        "to/the/press/release",
        "에 자료를 올렸다.",
    ]


WORDS = st.lists(
    st.sampled_from(["세종시는", "치바현과", "협력하고", "교류했지만,", '"성과"', "늘었다.", "양자", "중입자가속기", "A"]),
    min_size=1,
    max_size=40,
)


@settings(max_examples=80, deadline=None)
@given(WORDS, st.integers(min_value=6, max_value=60))
def test_pieces_fit_and_give_back_every_word(words, limit):
    sentence = " ".join(words)
    pieces = split_long(sentence, at_most(limit))
    assert all(len(p) <= limit for p in pieces)
    assert " ".join(pieces).split() == sentence.split()
