"""Reading a pasted Korean article: headline, sections and the boilerplate set aside, with offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.reader.article import read_article
from briefing.model import Article
from briefing.reader.source import read_source

HERE = Path(__file__).parent
SEED = HERE.parent / "seeds" / "sejong-japan-visit-heavy-ion-quantum.txt"
ARTICLES = sorted((HERE / "articles").glob("*.txt")) + sorted(SEED.parent.glob("*.txt"))


def parts(article: Article):
    """Every place a character can land, as (label, ko, start, end)."""
    if article.title:
        yield "title", article.title.ko, article.title.start, article.title.end
    if article.subtitle:
        yield "subtitle", article.subtitle.ko, article.subtitle.start, article.subtitle.end
    for section in article.sections:
        if section.heading:
            yield "heading", section.heading.ko, section.heading.start, section.heading.end
        for p in section.paragraphs:
            yield "paragraph", p.ko, p.start, p.end
    for b in article.boilerplate:
        yield b.kind, b.ko, b.start, b.end


def assert_nothing_lost(article: Article) -> None:
    """Each non-whitespace character is in exactly one part, and every part's offsets are exact."""
    text = article.text
    owners = [0] * len(text)
    for label, ko, start, end in parts(article):
        assert text[start:end] == ko, (label, ko)
        assert ko and ko == ko.strip(), (label, ko)
        for i in range(start, end):
            if not text[i].isspace():
                owners[i] += 1
    lost = [(i, text[i]) for i, n in enumerate(owners) if n == 0 and not text[i].isspace()]
    twice = [(i, text[i]) for i, n in enumerate(owners) if n > 1]
    assert not lost and not twice, (lost[:5], twice[:5])


def boilerplate(article: Article) -> list[tuple[str, str]]:
    return [(b.kind, b.ko) for b in article.boilerplate]


def outline(article: Article) -> list[tuple[str | None, int]]:
    return [(s.heading.ko if s.heading else None, len(s.paragraphs)) for s in article.sections]


def read(name: str) -> Article:
    return read_article(read_source(str(HERE / "articles" / name)))


# ---- the seed ----------------------------------------------------------------------------------


def test_seed_article_headline_sections_and_boilerplate():
    # The README example: 대전일보's report of Sejong's trip to Japan, pasted from the web.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    article = read_article(read_source(str(SEED)))
    assert article.title.ko == '일본 방문한 세종시 "중입자·양자·정원 국제교류 물꼬"'
    assert article.subtitle.ko == "의료복지 허브·글로벌 퀀텀시티·정원속 도시 발전 탄력"
    assert outline(article) == [
        (None, 4),
        ("◇ 도시 간 교류협력 추진", 7),
        ("◇ 의료복지 허브 및 퀀텀시티로 도약", 10),
        ("◇세종시 도시브랜드 홍보", 4),  # written without a space after the marker
    ]
    assert [p.ko for p in article.sections[0].paragraphs] == lines[2:6]
    assert article.sections[3].paragraphs[-1].ko == lines[29]
    assert boilerplate(article) == [("copyright", "Copyright © 대전일보. 무단전재 및 재배포 금지.")] + [
        ("related", line) for line in lines[31:41]
    ]
    assert len(lines[31:41]) == 10 and lines[40].startswith("- \"요즘 음식점·카페")


# ---- formats from other papers -------------------------------------------------------------------


def test_web_paste_with_menus_dateline_captions_and_tags():
    # A whole news1 page copied from the browser: menus, timestamps, share buttons, a photo caption
    # shown twice (once over the photo, once in the gallery), a dateline in front of the lead.
    article = read("news1-web-paste.txt")
    caption = "최민호 세종시장이 28일 시청에서 중입자가속기 암치료센터 유치 계획을 발표하고 있다. 2024.5.28/뉴스1"
    assert article.title.ko == "세종시, 중입자가속기 암센터 유치 '속도'…2030년 개원 목표"
    assert article.subtitle.ko == '"중부권 의료복지 허브로" 부지 선정 용역 착수'
    assert outline(article) == [(None, 2), ("■ 사업비 3000억원 규모", 2), ('■ 지역 의료계 "환영"', 1)]
    assert article.sections[0].paragraphs[0].ko == "세종시가 중입자가속기 암치료센터 유치에 속도를 낸다."
    assert boilerplate(article) == [
        ("menu", "전체메뉴"),
        ("menu", "로그인"),
        ("menu", "홈 > 정치 > 행정"),
        ("timestamp", "입력 2024.05.28 10:00 수정 2024.05.28 11:20"),
        ("byline", "홍길동 기자"),
        ("share", "페이스북 트위터 카카오톡 URL복사"),
        ("caption", caption),
        ("dateline", "(세종=뉴스1) 홍길동 기자 ="),
        ("duplicate", caption),
        ("byline", "hong@news1.kr"),
        ("tags", "#세종시 #중입자가속기 #암치료"),
        ("copyright", "<저작권자 © 뉴스1코리아, 무단전재 및 재배포 금지>"),
    ]


def test_caption_marker_list_items_and_related_block():
    # ▲ means three things here: a photo caption (-고 있다 + credit), and two list items that stay
    # in the story. The 관련기사 header turns the headline-like lines under it into links.
    article = read("yonhap-caption-related.txt")
    assert article.title.ko == "[단독] 세종시, 日 치바현과 양자기술 공동연구 추진"
    assert article.subtitle is None
    assert outline(article) == [(None, 6)]
    assert [p.ko for p in article.sections[0].paragraphs][3:5] == [
        "▲ 1단계: 2025년 실무협의체 구성",
        "▲ 2단계: 2026년 공동연구소 설립",
    ]
    assert boilerplate(article) == [
        ("dateline", "(세종=연합뉴스) 김영희 기자 ="),
        ("caption", "▲ 최민호 세종시장(왼쪽)과 구마가이 도시히토 치바현 지사가 30일 면담하고 있다. (사진=세종시 제공)"),
        ("byline", "kim@yna.co.kr"),
        ("copyright", "ⓒ 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지"),
        ("related", "관련기사"),
        ("related", '세종시, 일본 순방 마쳐…"중입자·양자·정원 교류 물꼬"'),
        ("related", "최민호 세종시장, 한일지사회의 참석"),
    ]


def test_broadcast_transcript_parts_are_sections_and_the_interviewee_line_is_set_aside():
    # TV scripts mark the anchor's and the reporter's parts with 【 】: the parts are the sections, as
    # the annotations of real captures read them (../shared/data/articles-dev/README.md); the
    # interviewee's ▶ name / title line says who speaks, not what happened, and is set aside.
    article = read("broadcast-transcript.txt")
    assert article.title.ko == "세종시, 일본과 '정원 도시' 손잡는다"
    assert outline(article) == [("【 앵커멘트 】", 2), ("【 기자 】", 4)]
    assert article.sections[1].paragraphs[2].ko == '"시즈오카현의 경험을 배워 박람회를 성공적으로 치르겠습니다."'
    assert boilerplate(article) == [
        ("byline", "홍길동 기자가 보도합니다."),  # the anchor's hand-over says nothing about the story
        ("speaker", "▶ 인터뷰 : 최민호 / 세종시장"),
        ("byline", "MBN뉴스 홍길동입니다."),
        ("byline", "영상취재 : 김철수 기자"),
        ("byline", "영상편집 : 이영희"),
    ]


def test_interview_questions_open_sections_and_answers_are_the_story():
    # Each Q. line opens the answer that follows, as real captures are annotated (a question without
    # "?" too); the A. lines are the story, and the ◇ heading keeps its place between them.
    article = read("interview-qa.txt")
    assert article.title.ko == '[인터뷰] 최민호 세종시장 "중입자가속기, 세종의 미래 먹거리"'
    assert article.subtitle.ko == '"의료·양자 두 축으로 퀀텀시티 만든다"'
    assert outline(article) == [(None, 1), ("Q. 이번 일본 방문에서 가장 큰 성과는?", 1),
                                ("Q. 양자산업은 어떻게 키울 계획인가", 1), ("◇ 정원도시 세종", 0), ("Q. 정원 분야 협력은", 1)]
    assert article.sections[2].paragraphs[0].ko.startswith("A. 이화학연구소와")
    assert boilerplate(article) == [("byline", "정리=김영희 기자 kim@daejonilbo.com")]


def test_paste_that_starts_at_the_lead_has_no_title():
    # Copying only the body: the first line is a full sentence ending in 다., so it is the lead.
    # ○ lines in a row are a list in the story, not three one-line sections.
    article = read("lead-first-list.txt")
    assert article.title is None and article.subtitle is None
    assert outline(article) == [(None, 6)]
    assert article.sections[0].paragraphs[0].ko == (
        "세종시는 올해 정원도시 조성 사업에 모두 120억원을 투입한다고 3일 밝혔다."
    )
    assert article.sections[0].paragraphs[4].ko == "○ 정원 전문인력 양성 15억원"
    assert boilerplate(article) == [
        ("dateline", "[세종=뉴시스]김영희 기자 ="),
        ("byline", "kim@newsis.com"),
    ]


def test_hard_wrapped_lines_join_into_paragraphs_and_unmarked_heading_is_found():
    # Text copied from a PDF or an e-mail arrives wrapped at a fixed width; a sentence must not be
    # cut at the line end. "예산 확보가 관건" has no marker but is a heading by its shape.
    article = read("hard-wrapped.txt")
    assert article.title.ko == "세종시 스마트시티 로봇 순찰 확대"
    assert outline(article) == [(None, 1), ("[ 시범 운영 성과 ]", 1), ("예산 확보가 관건", 1)]
    assert article.sections[0].paragraphs[0].ko == (
        "세종시가 스마트방범 로봇 순찰을 내년부터 6개 생활권\n전체로 확대한다. "
        "시는 올해 시범 운영 결과 야간 민원이\n30% 줄었다고 밝혔다."
    )
    assert article.boilerplate == ()


def test_cp949_crlf_file_reads_like_the_utf8_one():
    # Offsets refer to the LF-normalised text, so the paragraph slices back out exactly.
    article = read("daejeon-cp949-crlf.txt")
    assert article.title.ko == "세종시 대전시 충청권 광역철도 예타 통과"
    assert outline(article) == [(None, 2), ("◆ 총사업비 1조원", 1), ("◆ 출퇴근 30분 단축", 1)]
    assert boilerplate(article) == [
        ("timestamp", "입력 2024.11.14 09:30"),
        ("byline", "대전=홍길동 기자"),
        ("byline", "홍길동 기자 hong@daejonilbo.com"),
        ("copyright", "ⓒ 대전일보. 무단전재 및 재배포 금지"),
    ]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("[사진=연합뉴스]", "caption"),
        ("(사진=세종시 제공)", "caption"),
        ("세종시청 전경. /뉴스1 DB", "caption"),
        ("최민호 세종시장이 6일 기자회견을 하고 있다.(세종시 제공)", "caption"),
        ("수정 2024.05.28 11:20", "timestamp"),
        ("승인 2024.05.28 10:00", "timestamp"),
        ("홍길동 기자 | 입력 2024.05.28 10:00", "byline"),
        ("■ 관련기사", "related"),
        ("☞ 세종시, 일본 순방 성과 발표", "related"),
        ("[인터뷰] 홍길동 / 세종시민", "speaker"),
        ("좋아요 0 화나요 0 슬퍼요 0", "share"),
        ("본문 바로가기", "menu"),
        ("------------", "other"),
    ],
)
def test_one_boilerplate_line_between_story_paragraphs(line, kind):
    # Each of these turns up between paragraphs in real pastes; the story around it must survive.
    text = f"세종시가 일본 순방 성과를 밝혔다.\n{line}\n최 시장은 교류를 늘리겠다고 말했다.\n"
    article = read_article(text)
    assert boilerplate(article) == [(kind, line)]
    assert [p.ko for s in article.sections for p in s.paragraphs] == [
        "세종시가 일본 순방 성과를 밝혔다.",
        "최 시장은 교류를 늘리겠다고 말했다.",
    ]


def test_story_sentence_about_copyright_is_not_a_copyright_line():
    # FIXME-style limit kept visible: the words alone do not make a notice; the sentence shape wins.
    text = "정부는 뉴스 무단전재 행위를 막기 위해 저작권법을 고치기로 했다.\n"
    assert boilerplate(read_article(text)) == []


def test_speaker_turn_marker_with_long_text_is_a_paragraph_not_a_heading():
    # In Q&A pages ◇ opens a speaker's turn; a long line that ends in 다. is never a heading.
    text = (
        "세종시장 인터뷰\n"
        "◇ 최민호 시장 = 이번 방일로 중입자가속기 분야 협력의 물꼬를 텄다고 생각합니다.\n"
        "◇ 기자 = 양자산업 협력은 어떻게 진행됩니까? 구체적인 계획을 듣고 싶습니다.\n"
    )
    article = read_article(text)
    assert outline(article) == [(None, 2)]


# ---- nothing is lost -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_character_of_every_fixture_lands_in_exactly_one_place(path):
    assert_nothing_lost(read_article(read_source(str(path))))


LINE_KINDS = [
    "일본 방문한 세종시 \"중입자·양자·정원 국제교류 물꼬\"",
    "세종시가 일본 순방을 통해 국제교류의 물꼬를 텄다고 밝혔다.",
    "최 시장은 \"교류를 늘렸다. 그리고 협력했다\"며 \"앞으로도 노력하겠다\"고 말했다.",
    "◇ 도시 간 교류협력 추진",
    "◇세종시 도시브랜드 홍보",
    "■ 사업비 3000억원 규모",
    "【 앵커멘트 】",
    "▶ 인터뷰 : 최민호 / 세종시장",
    "▲ 최민호 세종시장이 면담하고 있다. (사진=세종시 제공)",
    "[사진=연합뉴스]",
    "○ 생활정원 50곳 조성",
    "Q. 이번 방문의 성과는?",
    "A. 협력 관계를 맺은 것입니다.",
    "(대전=뉴스1) 홍길동 기자 = 세종시가 성과를 밝혔다.",
    "홍길동 기자 hong@news1.kr",
    "Copyright © 대전일보. 무단전재 및 재배포 금지.",
    "- 가상화폐 비트코인, 사상 첫 9만 달러 돌파 - 대전일보",
    "관련기사",
    "홈 > 정치 > 행정",
    "페이스북 트위터 카카오톡 URL복사",
    "입력 2024.05.28 10:00",
    "#세종시 #양자",
    "세종시가 스마트방범 로봇 순찰을 내년부터 6개 생활권",
    "---",
]
WHITESPACE = st.sampled_from(["", " ", "  ", "\t", "\u3000", "\xa0", "\r", "\n", "\n\n"])


@st.composite
def pasted_articles(draw):
    lines = draw(
        st.lists(st.one_of(st.sampled_from(LINE_KINDS), st.text(max_size=40)), min_size=0, max_size=25)
    )
    return "".join(draw(WHITESPACE) + line + draw(WHITESPACE) + "\n" for line in lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pasted_articles())
def test_nothing_is_lost_in_any_mixture_of_line_kinds(text):
    assert_nothing_lost(read_article(text))


def test_a_very_long_paste_and_one_enormous_line_are_read_whole():
    # A 300 kB paste (an archive page) and a single line with no newline at all: every character
    # still lands in one place. (How long it takes is measured in docs/evaluation.md, "Reading articles", not here.)
    seed = SEED.read_text(encoding="utf-8")
    text = (seed + "\n") * (300_000 // len(seed) + 1)
    one_line = "세종시가 일본과 교류를 늘렸다 " * 70_000
    for big in (text, one_line):
        article = read_article(big)
        assert article.text is big
        assert_nothing_lost(article)


def test_a_segment_marker_between_two_sentences_opens_a_section():
    # [앵커] with no name is the anchor's part of a broadcast script: a section, not a speaker line.
    article = read_article("세종시가 일본 순방 성과를 밝혔다.\n[앵커]\n최 시장은 교류를 늘리겠다고 말했다.\n")
    assert outline(article) == [(None, 1), ("[앵커]", 1)]
    assert article.boilerplate == ()


def test_yonhap_send_time_and_graphic_label_are_set_aside():
    # Yonhap pages carry "송고시간2024-05-28 10:00" under the headline and "[그래픽] …" labels under
    # their charts; neither is a subtitle or a sentence of the story.
    text = (
        '한일 양자 회담…"양자기술 협력 강화" 합의\n\n송고시간2024-05-28 10:00\n\n'
        "(도쿄=연합뉴스) 김철수 특파원 = 한국과 일본이 28일 도쿄에서 양자 회담을 열었다.\n\n"
        "양국 정상은 공동연구를 확대하기로 했다.\n\n[그래픽] 한일 양자기술 협력 주요 내용\n\nkcs@yna.co.kr\n"
    )
    article = read_article(text)
    assert article.subtitle is None
    kinds = {b.ko: b.kind for b in article.boilerplate}
    assert kinds["송고시간2024-05-28 10:00"] == "timestamp"
    assert kinds["[그래픽] 한일 양자기술 협력 주요 내용"] == "caption"
    assert [p.ko for p in article.sections[0].paragraphs] == [
        "한국과 일본이 28일 도쿄에서 양자 회담을 열었다.", "양국 정상은 공동연구를 확대하기로 했다."]


def test_ytn_broadcast_script_keeps_only_the_story():
    # [앵커]/[기자] open the anchor's and the reporter's parts (sections, as real captures are
    # annotated); the anchor's hand-over, a bare "name / title" speaker caption, the station sign-off
    # and its call for tips are set aside; the quote itself stays in the story.
    article = read_article((HERE / "articles" / "ytn-broadcast-tips.txt").read_text(encoding="utf-8"))
    assert article.title.ko == "중입자 치료 본격화…암 환자 치료 기회 넓어진다"
    assert outline(article) == [("[앵커]", 1), ("[기자]", 3)]
    assert [p.ko for p in article.sections[1].paragraphs][-1] == '"중입자 치료는 기존 방사선 치료보다 효과가 큽니다."'
    assert [(b.kind, b.ko) for b in article.boilerplate] == [
        ("byline", "홍길동 기자가 보도합니다."),
        ("speaker", "[인터뷰]"),
        ("speaker", "김영희 / 연세암병원 교수"),
        ("byline", "YTN 홍길동입니다."),
        ("other", "※ '당신의 제보가 뉴스가 됩니다' YTN은 여러분의 소중한 제보를 기다립니다."),
        ("other", "[카카오톡] YTN 검색해 채널 추가"),
        ("other", "[전화] 02-398-8585"),
        ("byline", "[메일] social@ytn.co.kr"),
    ]
