"""Article text → ``Article``: title, subtitle, lead, headed sections and the boilerplate set aside.

What ``read_article`` expects, by example (a pasted Korean news article)::

    일본 방문한 세종시 "중입자·양자 국제교류 물꼬"             ← title: first short line, no 다. ending
    의료복지 허브·글로벌 퀀텀시티 발전 탄력                   ← subtitle (optional)
    (세종=뉴스1) 홍길동 기자 = 세종시가 성과를 밝혔다.         ← dateline set aside; the rest is the lead
    ◇ 도시 간 교류협력 추진                                  ← heading: marker, short, followed by prose
    시 대표단은 치바현을 찾아 면담을 가졌다.                   ← paragraph of that section
    홍길동 기자 hong@news1.kr                              ← byline
    Copyright © 대전일보. 무단전재 및 재배포 금지.              ← copyright
    - 가상화폐 비트코인, 사상 첫 9만 달러 돌파 - 대전일보        ← related-article link

Every non-whitespace character lands in exactly one place: the title, the subtitle, a heading, a
paragraph or a ``Boilerplate`` record (kinds: copyright, related, byline, dateline, caption, menu,
share, timestamp, tags, duplicate, speaker, other). Nothing is dropped silently, so a reader of the
output can always see what was set aside and why.

Why line shape and context, not per-paper rules: the same marker means different things in different
papers (◇ opens a section in one and a speaker turn in another; ▲ opens a photo caption, a heading or
a list item), and unseen papers arrive every day. So a line is a heading only when it is short, has
no sentence ending, and is followed by body text; a ▲ line that reads like a caption (-고 있다, 모습,
a photo credit) is a caption; a run of short lines with the same marker is a list, kept as content.

What it gets wrong: an unmarked heading is only recognised when it is much shorter than the
paragraph after it and follows a finished sentence; a headline that ends in "다." is read as the lead;
a story sentence that is an exact repeat of an earlier one is set aside as a duplicate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .lines import Labeller, LineView, label_lines
from .model import Article, Boilerplate, Line, Section
from .sentences import line_grammar

#: A line longer than this is body text, never a title, subtitle or heading. Korean headlines run
#: 20–60 characters; subtitles up to ~100.
TITLE_MAX = 120
#: Longest heading line (marker included). Section headings in Korean news are 5–40 characters.
HEADING_MAX = 60
#: An unmarked line is taken as a heading only when this short (and followed by a longer paragraph).
UNMARKED_HEADING_MAX = 30
#: Boilerplate lines (bylines, menus, copyright, captions) are short; longer lines are story text
#: even when they mention 기자 or 저작권.
BOILERPLATE_MAX = 200
#: A repeated line shorter than this (e.g. "(끝)") is not called a duplicate.
DUPLICATE_MIN = 8
#: A line shorter than this that lacks a sentence ending is not joined to the next one: it is a
#: list item or a label, not a hard-wrapped piece of a sentence.
WRAP_MIN = 20
#: ... and at least this share of the next line's length (wrapped lines are of similar width).
WRAP_RATIO = 0.8

_CLOSERS = "\"'”’」』)]>》〉»"
_SENTENCE_STOPS = ".!?。…"
# Hangul followed by a full stop, then any closing quotes: the end of a Korean sentence (…했다.).
_PROSE_END = re.compile(r"[\uac00-\ud7a3][.。]\s*[\"'”’」』)\]]*$")
# Two sentences on one line: "…했다. 이어 …".
_INNER_SENTENCE = re.compile(r"[\uac00-\ud7a3]\.\s+\S")
_QA = re.compile(r"^(?:Q|A|문|답)\s*\d{0,2}\s*[.:：)>=]")

#: Characters that open a heading, a list item or a caption, depending on context.
_MARKERS = "◇◆■□▲△○●◎▶▷►◈▣☆★•·-–—※☞"
_STRONG = "◇◆■□◈▣"
_OPEN_CLOSE = {"[": "]", "【": "】", "<": ">", "〈": "〉", "《": "》", "「": "」"}
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")

# ---- boilerplate patterns --------------------------------------------------------------------------

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_REPORTER = re.compile(
    r"(?:^|[\s=/·\[(【<])[\uac00-\ud7a3]{2,4}\s?(?:기자|특파원|선임기자|수습기자|객원기자|논설위원|"
    r"통신원|PD|앵커|기상캐스터|리포터)(?=$|[\s\],.)/】>·]|[A-Za-z0-9._%+-]+@)"
)
# A broadcast sign-off ("MBN뉴스 홍길동입니다.") and crew credits ("영상취재 : 김철수 기자").
_SIGNOFF = re.compile(
    r"^(?:[A-Za-z0-9]{2,6}|[A-Za-z\uac00-\ud7a30-9]{0,10}\s?뉴스(?:TV)?)\s?[\uac00-\ud7a3]{2,4}(?:\s?기자)?입니다\.?$"
    # the anchor's hand-over: "홍길동 기자가 보도합니다."
    r"|^[\uac00-\ud7a3]{2,4}\s?(?:기자|특파원)가\s?(?:보도|전|취재|소개)[\uac00-\ud7a3]{0,4}니다\.?$"
)
_CREW = re.compile(r"^(?:영상\s?취재|영상\s?편집|촬영\s?기자|촬영|편집|취재|그래픽|정리|글)\s*[:：=]\s*\S")
_COPYRIGHT = re.compile(
    r"ⓒ|©|\(c\)|copyright|all rights reserved|저작권자|무단\s*(?:전재|복제|배포|게재|수집)|"
    r"재\s*배포\s*금지|AI\s*학습",
    re.IGNORECASE,
)
# The sign alone marks a notice even when it ends like a sentence ("… 재배포 금지.").
_COPYRIGHT_SIGN = re.compile(r"ⓒ|©|copyright|all rights reserved", re.IGNORECASE)
_CREDIT_WORDS = r"(?:사진|사진\s*제공|자료\s*사진|자료|그래픽|출처|캡처|영상|일러스트|제공|화면\s*캡처)"
_CREDIT_ONLY = re.compile(r"^[\[(<〈/]?\s*" + _CREDIT_WORDS + r"\s*[=:：]")
# "[그래픽] 한일 협력 주요 내용", "[사진] …": a picture's label, not a [ ] section heading.
_CREDIT_TAG = re.compile(r"^[\[【<〈]\s*(?:사진|그래픽|인포그래픽|영상|동영상|표|포토|일러스트|자료\s?사진)\s*[\]】>〉]")
_CREDIT_TAIL = re.compile(
    r"(?:[\[(<〈]\s*" + _CREDIT_WORDS + r"\s*[=:：][^\[\]()<>〈〉]{0,40}[\])>〉]"
    r"|[\[(<〈][^\[\]()<>〈〉]{1,30}\s?제공\s*[\])>〉])\s*$"
)
# "… 2024.5.28/뉴스1", "…(세종시 제공)/뉴스1 DB", "… 모습. /연합뉴스"
_AGENCY_TAIL = re.compile(
    r"[\d.)\]]\s*/\s*(?=[^/\s]*[\uac00-\ud7a3A-Za-z])[\uac00-\ud7a3A-Za-z0-9]{2,12}"
    r"(?:\s?(?:제공|DB))?\s*(?:[ⓒ©].{0,40})?$"
)
_CAPTION_VERB = re.compile(r"(?:고\s?있다|모습이다|모습|있는\s?모습|하고\s?있다)\s*\.?\s*$")
# "▶ 세종일보 기사 더보기", "지난 기사 바로가기": link buttons.
_LINK_BUTTON = re.compile(r"(?:더\s?보기|바로\s?가기|보러\s?가기|전체\s?보기)\s*[>▶»]?$")

_RELATED_HEADER = re.compile(
    r"^[\[【<〈■□◆◇▶▷►☞#※\s]*(?:관련\s?기사|관련\s?뉴스|함께\s?보면\s?좋은\s?(?:기사|뉴스)|"
    r"이\s?기사와\s?관련된\s?기사|많이\s?본\s?(?:뉴스|기사)|인기\s?기사|주요\s?뉴스|추천\s?기사|"
    r"오늘의\s?주요\s?뉴스|실시간\s?(?:인기\s?)?기사|최신\s?기사|핫\s?이슈|포토\s?뉴스|"
    r"이\s?시각\s?주요\s?뉴스|기자의\s?다른\s?기사|다른\s?기사\s?보기|관련\s?기사\s?보기|"
    r"related\s+(?:articles|news))"
    r"\s*[\]】>〉]?\s*[:：]?\s*",
    re.IGNORECASE,
)
# "- 제목 - 대전일보": a link list item with the paper's name after a dash.
_RELATED_LINE = re.compile(r"^[\-–—·•]\s*\S.*\s[\-–—]\s*[^\s\-–—][^\-–—]{0,14}$")

_TS_LABEL = (
    r"(?:기사\s?)?(?:입력|수정|승인|등록|최종\s?수정|업데이트|발행일?|게재|송고|작성|"
    r"지면\s?게재일?|Posted|Updated|Published)(?:\s?(?:시간|일시|일자|시각))?"
)
_TS_DATE = r"\d{4}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}\s*일?\.?(?:\s*\([월화수목금토일]\))?"
_TS_TIME = r"(?:오전|오후|AM|PM)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM))?"
_TS_PART = re.compile(rf"{_TS_LABEL}\s*[:：]?|{_TS_DATE}|{_TS_TIME}", re.IGNORECASE)
_TS_VALUE = re.compile(rf"{_TS_DATE}|{_TS_TIME}", re.IGNORECASE)
_TS_SEPARATORS = " \t|·/,:：~"

_SPLIT_TOKENS = re.compile(r"[\s>›»|/·,]+")
_MENU_WORDS = frozenset(
    """홈 home 전체메뉴 메뉴 menu 로그인 로그아웃 회원가입 마이페이지 검색 검색어 검색하기 구독 구독하기
    뉴스 정치 경제 사회 국제 문화 스포츠 연예 오피니언 사설 칼럼 지역 전국 포토 영상 기사검색 닫기 이전
    다음 이전기사 다음기사 맨위로 위로 top 본문 바로가기 본문바로가기 전체기사 최신기사 많이본뉴스 기사목록
    목록 행정 세종 대전 충남 충북 it 과학 생활 건강 교육 기획 특집 인물 라이프 날씨 산업 금융 부동산 증권
    글씨크기 글자크기 가 가가 크게 작게 폰트 다른기사 기자의 다른 기사 보기 더보기 전체 랭킹 속보 기자
    정보 설정 알림 닫기 열기 주요뉴스 오늘의 이슈 지면보기 pdf 구독신청 기사제보 제보 광고 ad 회사소개
    고객센터 이용약관 개인정보처리방침 청소년보호정책 전체보기 섹션 사이트맵 sitemap 뉴스홈""".split()
)
_SHARE_WORDS = frozenset(
    """페이스북 facebook 트위터 twitter 카카오톡 카톡 카카오스토리 카카오 네이버 밴드 네이버밴드 라인 url복사
    url 복사 링크복사 링크 공유 공유하기 기사공유 기사공유하기 sns 스크랩 인쇄 프린트 print 이메일 메일
    email 기사저장 저장 댓글 좋아요 싫어요 추천 추천해요 추천하기 화나요 슬퍼요 감동이에요 놀랐어요 훈훈해요
    후속기사원해요 후속기사 원해요 텔레그램 x 엑스 페북 트윗 인스타그램 유튜브 기사보내기 보내기 북마크
    번역 음성듣기 듣기 본문듣기 share 기사듣기 카카오톡으로 페이스북으로 공유하기""".split()
)
_SPEAKER_ROLE = (
    r"(?:앵커\s?멘트|앵커|기자\s?스탠드\s?업|기자|리포트|전화\s?인터뷰|인터뷰|싱크|현장음|녹취|스탠드\s?업|"
    r"CG|자막|인서트|나레이션|내레이션|SOT|INT)"
)
# A broadcast script's part marker with no name: [앵커], ◀ANC▶, {리포트}, 【앵커멘트】. The annotation
# conventions of real captures read these as section headings, the speaker lines with a name
# (◀INT▶ 홍길동/교수) as boilerplate; the labeller learns which.
_SEGMENT = re.compile(
    r"^[\[【<〈◀{(]\s*(?:앵커\s?멘트|앵커|기자|리포트|리포터|ANC|VCR|END|기자\s?멘트|리포트\s?멘트)\s*[\]】>〉▶}):]?$",
    re.IGNORECASE,
)
_SPEAKER = re.compile(
    r"^(?:[【\[<〈◀]\s*" + _SPEAKER_ROLE + r"\s*[】\]>〉▶]"  # 【 앵커멘트 】, <기자>, ◀ 리포트 ▶
    r"(?:\s*[\uac00-\ud7a3A-Za-z]{2,10}\s*/.{1,40})?"  # [인터뷰] 홍길동 / 세종시민
    r"|[【\[<〈]\s*" + _SPEAKER_ROLE + r"\s*[:：][^\]】>〉]{1,40}[\]】>〉]"  # [인터뷰: 이름 / 직함]
    r"|[▶▷►]\s*" + _SPEAKER_ROLE + r"\s*(?:\([^)]{0,8}\))?\s*[:：].{0,60}"  # ▶ 인터뷰 : 이름 / 직함
    r"|[\uac00-\ud7a3]{2,4}\s*/\s*[^/.]{2,30})$",  # 김영희 / 연세암병원 교수 (a bare speaker caption)
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"(?:등록번호|발행인|편집인|청소년\s?보호\s?책임자|사업자\s?등록번호|대표\s?전화|팩스|FAX|주소\s*[:：]|"
    r"^\[?광고\]?$|^AD$|^ADVERTISEMENT$|이 기사를 추천합니다|기사\s?제보|"
    r"^\[(?:카카오톡|전화|메일|이메일|홈페이지|문자|제보)\])",
    re.IGNORECASE,
)

# "(대전=뉴스1) 홍길동 기자 = ", "[세종=뉴시스]홍길동 기자 = ", "【서울=뉴시스】", "[대전일보 홍길동 기자] ",
# "홍길동 기자 = ": a dateline at the start of the lead; the rest of the paragraph is the story.
_NAMES = r"[\uac00-\ud7a3]{2,4}(?:\s*[·,]\s*[\uac00-\ud7a3]{2,4})*\s*(?:기자|특파원|통신원|선임기자)"
_DATELINE = re.compile(
    r"^(?:[(\[【<]\s*(?!" + _CREDIT_WORDS + r"\s*=)[^=()\[\]【】<>\n]{1,20}=[^=()\[\]【】<>\n]{1,20}[)\]】>]"
    r"(?:\s*" + _NAMES + r")?(?:\s*=)?"
    r"|[(\[【]\s*[^()\[\]【】\n]{1,20}\s" + _NAMES + r"\s*[)\]】]"
    r"|" + _NAMES + r"\s*=)"
)


@dataclass
class _Row:
    """A non-blank line during reading; ``kind`` None means story content."""

    line: int  # physical line number, to tell adjacent lines from separated ones
    start: int
    end: int
    ko: str
    kind: str | None = None
    related_header: bool = False
    prose: bool = False
    qa: bool = False
    marker: str | None = None
    last_line: int = -1  # last physical line of a joined (hard-wrapped) block
    after_dateline: bool = False  # the line's dateline prefix was set aside; a paragraph starts here

    def __post_init__(self) -> None:
        if self.last_line < 0:
            self.last_line = self.line

    def as_line(self) -> Line:
        return Line(self.ko, self.start, self.end)


def read_article(
    text: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    headings: Sequence[str] = (),
    model: "Labeller | None" = None,
) -> Article:
    """Split ``text`` into title, subtitle, sections and boilerplate, with offsets into ``text``.

    Three steps. The rules read each line alone (``_classify``: menus, timestamps, bylines,
    captions…) and then in context (datelines at the start of a paragraph, related-article blocks,
    repeated lines, the headline-shaped lines before the body, marked or short headings). The
    line labeller (``lines.py``) then weighs what the rules said with the shape and place of every
    line and decides; the rules alone were right on 27 of 48 real captures' titles, the two
    together on all of them (README). Last, content lines are joined into paragraphs (hard-wrapped
    lines carry on) and cut into sections at the headings. Every step is linear in the lines.

    ``title``, ``subtitle`` and ``headings`` are what a structured source already knows (a saved web
    page's <h1>, deck and subheads, see ``page.py``): a line equal to one of them takes that part,
    and the labeller only tells boilerplate from body. ``model`` replaces the shipped labeller
    (cross-validation in ``scripts/train_lines.py``).
    """
    rows, partial = _classified_rows(text)
    views = line_views(text, rows)
    probabilities = label_lines(views, model)
    if title is not None or headings:
        labels = _hinted_labels(rows, probabilities, title, subtitle, headings)
    else:
        labels = decode_labels(probabilities, [_can_be_title(rows, i) for i in range(len(rows))])
    for i, (view, p) in enumerate(zip(views, probabilities)):
        if labels[i] == "boilerplate" and view.rule == "body" and view.prose and view.finals \
                and p["boilerplate"] < PROSE_KEEP:
            labels[i] = "body"
    return _assemble(text, rows, labels, partial)


def _classified_rows(text: str) -> tuple[list[_Row], list[Boilerplate]]:
    """The rows with the rules' boilerplate kind (None: content), and the partial-line datelines."""
    rows = _rows(text)
    partial: list[Boilerplate] = []
    for row in rows:
        row.kind, row.related_header = _classify(row.ko)
    _split_datelines(rows, partial)
    for row in rows:
        row.qa = bool(_QA.match(row.ko))
        row.prose = row.qa or _is_prose(row.ko)
        row.marker = _marker(row.ko)
    _mark_related_blocks(rows)
    _mark_duplicates(rows)
    return rows, partial


def line_views(text: str, rows: list[_Row]) -> list[LineView]:
    """What the labeller sees: each row with the rules' reading of it (structure or boilerplate kind)."""
    rule = [row.kind or "body" for row in rows]
    content = [i for i, row in enumerate(rows) if row.kind is None]
    by_start = {rows[i].start: i for i in content}
    title, subtitle, body = _take_headline(text, [rows[i] for i in content])
    if title is not None:
        rule[by_start[title.start]] = "title"
    if subtitle is not None:
        for i in content:
            if subtitle.start <= rows[i].start < subtitle.end:
                rule[i] = "subtitle"
    for section in _build_sections(text, body):
        if section.heading is not None:
            rule[by_start[section.heading.start]] = "heading"
    grammar = line_grammar([row.ko for row in rows])
    return [LineView(row.ko, row.line, rule[i], row.prose, row.marker, *grammar[i]) for i, row in enumerate(rows)]


#: A line the rules read as a story sentence (it ends in a sentence-final ending) is set aside only
#: when the labeller is this sure: a story sentence lost costs a reader more than a chrome sentence
#: kept. Cross-validated, the guard costs 0.001 F1 (README, "Reading articles").
PROSE_KEEP = 0.8
#: Below this probability no line is the title: the paste starts at the lead (fitted with the model).
TITLE_MIN = 0.2


def _can_be_title(rows: list[_Row], i: int) -> bool:
    """A story sentence (…했다.) or the first line of a hard-wrapped sentence is never the headline,
    however likely the labeller finds it: on a three-line paste it cannot tell them apart."""
    row = rows[i]
    if _PROSE_END.search(row.ko) or _INNER_SENTENCE.search(row.ko):
        return False
    nxt = rows[i + 1] if i + 1 < len(rows) else None
    return not (nxt is not None and row.kind is None and nxt.kind is None and _continues(row, nxt) and nxt.prose)


def decode_labels(probabilities: Sequence[dict[str, float]], titleable: Sequence[bool] | None = None) -> list[str]:
    """One label per line: the most likely, except that there is at most one title (the likeliest
    line that can be one, when likely enough) and a subtitle only as the lines right under it."""
    def best(p: dict[str, float], without: tuple[str, ...]) -> str:
        return max((k for k in p if k not in without), key=p.get)

    labels = [best(p, ("title", "subtitle")) for p in probabilities]
    if not probabilities:
        return labels
    candidates = [i for i in range(len(probabilities)) if titleable is None or titleable[i]]
    if not candidates:
        return labels
    top = max(candidates, key=lambda i: probabilities[i]["title"])
    if probabilities[top]["title"] < TITLE_MIN:
        return labels
    labels[top] = "title"
    i = top + 1
    while i < len(probabilities) and best(probabilities[i], ("title",)) == "subtitle":
        labels[i] = "subtitle"
        i += 1
    return labels


def _hinted_labels(rows, probabilities, title, subtitle, headings) -> list[str]:
    """Known parts by equality; for the other lines the labeller only tells boilerplate from body."""
    wanted = {"title": _squash(title) if title else None, "subtitle": _squash(subtitle) if subtitle else None}
    known = frozenset(_squash(h) for h in headings)
    labels = []
    for row, p in zip(rows, probabilities):
        key = _squash(row.ko)
        part = next((k for k, v in wanted.items() if v and v == key), None)
        if part is not None:
            wanted[part] = None
            labels.append(part)
        elif key in known:
            labels.append("heading")
        else:
            labels.append("boilerplate" if p["boilerplate"] > p["body"] + p["heading"] else "body")
    return labels


def _assemble(text: str, rows: list[_Row], labels: Sequence[str], partial: list[Boilerplate]) -> Article:
    boilerplate = list(partial)
    title = None
    subtitle_rows: list[_Row] = []
    body: list[tuple[_Row, bool]] = []
    for row, label in zip(rows, labels):
        if label == "boilerplate":
            boilerplate.append(Boilerplate(row.ko, row.start, row.end, row.kind or "other"))
        elif label == "title" and title is None:
            title = row.as_line()
        elif label == "subtitle" and (not subtitle_rows or rows.index(subtitle_rows[-1]) + 1 == rows.index(row)):
            subtitle_rows.append(row)
        else:
            body.append((row, label == "heading"))
    subtitle = None
    if subtitle_rows:
        first, last = subtitle_rows[0], subtitle_rows[-1]
        subtitle = Line(text[first.start : last.end], first.start, last.end)
    boilerplate.sort(key=lambda b: b.start)
    return Article(text=text, title=title, subtitle=subtitle, sections=_sections(text, body),
                   boilerplate=tuple(boilerplate))


def _sections(text: str, body: list[tuple[_Row, bool]]) -> tuple[Section, ...]:
    """Paragraphs (hard-wrapped lines joined) between the headings."""
    sections: list[Section] = []
    heading: Line | None = None
    group: list[_Row] = []
    paragraphs: list[Line] = []

    def flush_group() -> None:
        if group:
            paragraphs.extend(b.as_line() for b in _blocks(text, group))
            group.clear()

    for row, is_heading in body:
        if is_heading:
            flush_group()
            if heading is not None or paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = row.as_line(), []
        else:
            group.append(row)
    flush_group()
    if heading is not None or paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)


# ---- lines -----------------------------------------------------------------------------------------


def _rows(text: str) -> list[_Row]:
    rows = []
    pos = 0
    for number, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            rows.append(_Row(number, start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return rows


def _is_prose(s: str) -> bool:
    """Body text: too long for a headline, or ends like a Korean sentence (…했다.)."""
    return len(s) > TITLE_MAX or bool(_PROSE_END.search(s)) or bool(_INNER_SENTENCE.search(s))


def _is_complete(s: str) -> bool:
    """The line ends a sentence or a quotation, so the next line is not its continuation."""
    if s[-1] in _CLOSERS:
        return True
    return s[-1] in _SENTENCE_STOPS or s[-1] in "다요죠까"


def _marker(s: str) -> str | None:
    first = s[0]
    if first in _MARKERS:
        return first
    close = _OPEN_CLOSE.get(first)
    if close is not None and s.endswith(close):
        return first  # the whole line in brackets: 【 세종시 도시브랜드 홍보 】
    if close is not None and close in s:
        return "tag"  # [단독] …, [인터뷰] …
    if _NUMBERED.match(s):
        return "num"
    return None


def heading_span(heading: str) -> tuple[int, int]:
    """Where the words of a heading line are once its marker is set aside: ◇, ■, 【 】, 《 》 are layout,
    not text to translate.

    The markers are the ones ``_marker`` reads, so a heading loses exactly what made it one; a line that
    is nothing but a marker keeps it (the model then gets the line as it is).
    """
    start, end = 0, len(heading)
    while start < end and heading[start].isspace():
        start += 1
    while end > start and heading[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return start, end
    close = _OPEN_CLOSE.get(heading[start])
    if close is not None and heading[end - 1] == close:
        inner_start, inner_end = start + 1, end - 1
    else:
        inner_start, inner_end = start, end
        while inner_start < end and (heading[inner_start] in _MARKERS or heading[inner_start].isspace()):
            inner_start += 1
    while inner_start < inner_end and heading[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and heading[inner_end - 1].isspace():
        inner_end -= 1
    return (inner_start, inner_end) if inner_start < inner_end else (start, end)


def _classify(s: str) -> tuple[str | None, bool]:
    """Boilerplate kind from the line alone (None: content), and whether it opens a related block."""
    if not any(ch.isalnum() for ch in s):
        return "other", False  # rules such as "------" or a lone ◇
    if len(s) > BOILERPLATE_MAX:
        return None, False
    if _CREDIT_ONLY.match(s) and len(s) <= 80:
        return "caption", False
    if _CREDIT_TAG.match(s) and len(s) <= 80 and not _PROSE_END.search(s):
        return "caption", False
    if _CREDIT_TAIL.search(s) or _AGENCY_TAIL.search(s):
        return "caption", False
    if _COPYRIGHT.search(s) and (
        not _PROSE_END.search(s) or _COPYRIGHT_SIGN.search(s) or _copyright_sentence(s)
    ):
        return "copyright", False
    header = _RELATED_HEADER.match(s)
    if header:
        return "related", header.end() == len(s)
    if _RELATED_LINE.match(s) or (s[0] == "☞" and len(s) <= TITLE_MAX):
        return "related", False
    stamp = _timestamp(s)
    if stamp is not None:
        return stamp, False
    tokens = s.split()
    if tokens and all(t.startswith("#") and len(t) > 1 for t in tokens):
        return "tags", False
    words = [w for w in _SPLIT_TOKENS.split(s.lower()) if w]
    if words and all(w in _MENU_WORDS or w in _SHARE_WORDS or w.isdigit() for w in words):
        if any(w in _SHARE_WORDS for w in words):
            return "share", False
        if any(not w.isdigit() for w in words):
            return "menu", False
    if _is_breadcrumb(s) or (len(s) <= 40 and _LINK_BUTTON.search(s)):
        return "menu", False
    if _SEGMENT.match(s):
        return "segment", False
    if _SPEAKER.match(s):
        return "speaker", False
    if _is_byline(s):
        return "byline", False
    if s[0] in "▲△" and _CAPTION_VERB.search(s) and not _QA.match(s):
        return "caption", False
    if len(s) <= 80 and _FOOTER.search(s) and not _PROSE_END.search(s):
        return "other", False
    if len(s) <= 120 and _TIP_PROMO.search(s):
        return "other", False
    return None, False


# A station's call for tips ("당신의 제보가 뉴스가 됩니다", "제보를 기다립니다") ends like a sentence.
_TIP_PROMO = re.compile(r"제보를\s?기다립니다|제보가\s?뉴스가\s?됩니다|제보하기")


def _copyright_sentence(s: str) -> bool:
    # "Copyright © 대전일보. 무단전재 및 재배포 금지." ends in 지. like a sentence but is the notice.
    return bool(re.search(r"(?:재\s*배포|전재)\s*(?:및\s*\S+\s*)?금지\.?\s*[>\])】]?$", s))


def _timestamp(s: str) -> str | None:
    """"timestamp" for 입력/수정/승인 lines; "byline" when a reporter's name shares the line."""
    if len(s) > TITLE_MAX or not _TS_VALUE.search(s):
        return None
    rest = _TS_PART.sub(" ", s).strip(_TS_SEPARATORS)
    if not rest:
        return "timestamp"
    if _is_byline(rest) or _EMAIL.fullmatch(rest):
        return "byline"
    return None


def _is_breadcrumb(s: str) -> bool:
    """홈 > 정치 > 행정: short words between > or ›."""
    if ">" not in s and "›" not in s and "»" not in s:
        return False
    parts = [p.strip() for p in re.split(r"[>›»]", s)]
    return len(parts) >= 2 and all(0 < len(p) <= 10 and " " not in p.strip() for p in parts)


def _is_byline(s: str) -> bool:
    if len(s) <= 40 and (_SIGNOFF.match(s) or _CREW.match(s)):
        return True
    if len(s) > 80 or _PROSE_END.search(s):
        return False
    if _EMAIL.search(s) and len(s.split()) <= 8:
        return True
    return len(s) <= 60 and len(s.split()) <= 8 and bool(_REPORTER.search(s))


# ---- passes that need context ---------------------------------------------------------------------


def _split_datelines(rows: list[_Row], boilerplate: list[Boilerplate]) -> None:
    for row in rows:
        if row.kind is not None:
            continue
        match = _DATELINE.match(row.ko)
        if not match:
            continue
        prefix = row.ko[: match.end()].rstrip()
        rest = row.ko[match.end() :]
        if not rest.strip():
            row.kind = "byline"  # "(대전=뉴스1) 홍길동 기자" alone on its line
            continue
        boilerplate.append(Boilerplate(prefix, row.start, row.start + len(prefix), "dateline"))
        skip = match.end() + (len(rest) - len(rest.lstrip()))
        row.start += skip
        row.ko = row.ko[skip:]
        row.after_dateline = True


def _mark_related_blocks(rows: list[_Row]) -> None:
    """Headline-like lines after a 관련기사 header are links, until the story resumes."""
    in_block = False
    for row in rows:
        if row.related_header:
            in_block = True
        elif row.kind is None and in_block:
            if row.prose or (row.marker is not None and row.marker in _STRONG + "【"):
                in_block = False
            else:
                row.kind = "related"


def _mark_duplicates(rows: list[_Row]) -> None:
    """A line repeated verbatim (a caption pasted twice, the headline again above the body)."""
    seen: set[str] = set()
    for row in rows:
        if row.kind not in (None, "caption") or row.qa or len(row.ko) < DUPLICATE_MIN:
            continue
        if row.ko in seen:
            row.kind = "duplicate"
        else:
            seen.add(row.ko)


def _adjacent(a: _Row, b: _Row) -> bool:
    return b.line == a.last_line + 1


def _continues(prev: _Row, row: _Row) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence and this one carries on.

    Wrapped lines are about as long as each other (the last one may be shorter); a headline above
    a one-line paragraph is much shorter than it, so the two are not joined.
    """
    return (
        _adjacent(prev, row)
        and len(prev.ko) >= WRAP_MIN
        and len(prev.ko) >= WRAP_RATIO * len(row.ko)
        and not _is_complete(prev.ko)
        and row.marker is None
        and not row.qa
        and not row.after_dateline
    )


def _blocks(text: str, rows: list[_Row]) -> list[_Row]:
    """Join hard-wrapped lines into one row per paragraph; a block is prose if any line is."""
    blocks: list[_Row] = []
    group: list[_Row] = []
    for row in rows:
        if group and not _continues(group[-1], row):
            blocks.append(_merge(text, group))
            group = []
        group.append(row)
    if group:
        blocks.append(_merge(text, group))
    return blocks


def _merge(text: str, group: list[_Row]) -> _Row:
    if len(group) == 1:
        return group[0]
    first, last = group[0], group[-1]
    return _Row(
        first.line,
        first.start,
        last.end,
        text[first.start : last.end],
        prose=any(r.prose for r in group),
        qa=first.qa,
        marker=first.marker,
        last_line=last.line,
    )


def _take_headline(text: str, content: list[_Row]) -> tuple[Line | None, Line | None, list[_Row]]:
    """Title and subtitle: the headline-shaped lines before the first paragraph of body text."""
    heads: list[_Row] = []
    for index, row in enumerate(content):
        if row.marker is not None and row.marker not in ("tag", "-", "–", "—", "·", "…"):
            break
        if _starts_prose(content, index):
            break
        heads.append(row)
    if len(heads) == len(content) and len(heads) > 2:
        heads = heads[:2]  # only short lines, no prose: keep the rest as paragraphs
    if not heads:
        return None, None, content
    title = heads[0].as_line()
    subtitle = None
    used = 1
    if len(heads) > 1:
        first = last = heads[1]
        used = 2
        while used < len(heads) and _adjacent(last, heads[used]):
            last = heads[used]
            used += 1
        subtitle = Line(text[first.start : last.end], first.start, last.end)
    return title, subtitle, content[used:]


def _squash(s: str) -> str:
    return "".join(s.split())


def _starts_prose(content: list[_Row], index: int) -> bool:
    """The row, with the lines it wraps into, is body text (a lead with no headline above it)."""
    row = content[index]
    while True:
        if row.prose:
            return True
        index += 1
        if index >= len(content) or not _continues(row, content[index]):
            return False
        row = content[index]


def _is_heading(block: _Row, prev: _Row | None, nxt: _Row | None) -> bool:
    """One short line, no sentence ending, and followed by body text."""
    if block.prose or block.last_line != block.line or nxt is None or not nxt.prose:
        return False
    marker = block.marker
    if marker is not None and marker not in ("tag", "num"):
        if len(block.ko) > HEADING_MAX:
            return False
        # A run of short lines with the same marker is a list (▲ 1단계 … ▲ 2단계 …), not headings.
        return not (prev is not None and prev.marker == marker and not prev.prose)
    return (
        len(block.ko) <= UNMARKED_HEADING_MAX
        and prev is not None
        and prev.prose
        and _is_complete(prev.ko)
        and len(nxt.ko) >= 2 * len(block.ko)
        and block.ko[-1] not in ",，、"
    )


def _build_sections(text: str, body: list[_Row]) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading: Line | None = None
    paragraphs: list[Line] = []
    blocks = _blocks(text, body)
    for index, block in enumerate(blocks):
        prev = blocks[index - 1] if index else None
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if _is_heading(block, prev, nxt):
            if heading is not None or paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = block.as_line(), []
        else:
            paragraphs.append(block.as_line())
    if heading is not None or paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)
