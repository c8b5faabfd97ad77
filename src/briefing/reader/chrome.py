"""What one line of web chrome looks like: bylines, captions, copyright, related links, menus, share
buttons, timestamps, datelines and footers, each recognised from the line alone.

``article.read_article`` runs ``classify`` on every line and then the passes that need context (a block
of related links, a repeated line, a dateline that opens a paragraph); those stay in ``article``.
"""

from __future__ import annotations

import re

#: A line longer than this is body text, never a title, subtitle or heading. Korean headlines run
#: 20–60 characters; subtitles up to ~100.
TITLE_MAX = 120
#: Boilerplate lines (bylines, menus, copyright, captions) are short; longer lines are story text
#: even when they mention 기자 or 저작권.
BOILERPLATE_MAX = 200
# Hangul followed by a full stop, then any closing quotes: the end of a Korean sentence (…했다.).
_PROSE_END = re.compile(r"[\uac00-\ud7a3][.。]\s*[\"'”’」』)\]]*$")
_QA = re.compile(r"^(?:Q|A|문|답)\s*\d{0,2}\s*[.:：)>=]")

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_REPORTER = re.compile(
    r"(?:^|[\s=/·\[(【<])[\uac00-\ud7a3]{2,4}\s?(?:기자|특파원|선임기자|수습기자|객원기자|논설위원|"
    r"통신원|PD|앵커|기상캐스터|리포터)(?=$|[\s\],.)/】>·]|[A-Za-z0-9._%+-]+@)"
)
# A broadcast sign-off ("MBN뉴스 홍길동입니다.") and crew credits ("영상취재 : 김철수 기자").
_SIGNOFF = re.compile(
    # "MBN뉴스 홍길동입니다.", "KBS 뉴스, 홍길동입니다.", "제주에서 YTN 홍길동입니다."
    r"^(?:[\uac00-\ud7a3]{1,10}에서\s?)?(?:[A-Za-z0-9]{2,6}|[A-Za-z\uac00-\ud7a30-9]{0,10}\s?뉴스(?:TV)?)"
    r"[\s,]*[\uac00-\ud7a3]{2,4}(?:\s?기자)?입니다\.?$"
    # the anchor's hand-over: "홍길동 기자가 보도합니다.", "보도에 홍길동 기자입니다."
    r"|^[\uac00-\ud7a3]{2,4}\s?(?:[\uac00-\ud7a3]{0,6}기자|특파원)가\s?(?:보도|전|취재|소개)[\uac00-\ud7a3]{0,4}니다\.?$"
    r"|^보도에\s?[\uac00-\ud7a3]{2,4}\s?(?:[\uac00-\ud7a3]{0,6}기자|특파원)입니다\.?$"
)
# "영상취재 : 김철수 기자", "( 영상촬영/편집 = 홍길동 기자 )"
_CREW = re.compile(r"^[\[(<〈]?\s*(?:영상\s?취재|영상\s?편집|영상\s?촬영|촬영\s?기자|촬영|편집|취재|그래픽|정리|글)"
                   r"(?:\s?/\s?(?:편집|촬영|취재))?\s*[:：=]\s*\S")
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
_CREDIT_TAG = re.compile(r"^[\[【<〈]\s*(?:사진|그래픽|인포그래픽|영상|동영상|표|포토|일러스트|자료\s?사진)\s*[\]】>〉]"
                         r"|^[<〈]\s*[^<>〈〉]{0,16}사진\s*[>〉]$")  # <제품 실물 사진>: a picture's label
_CREDIT_TAIL = re.compile(
    r"(?:[\[(<〈]\s*" + _CREDIT_WORDS + r"\s*[=:：][^\[\]()<>〈〉]{0,40}[\])>〉]"
    r"|[\[(<〈][^\[\]()<>〈〉]{1,30}\s?제공\s*[\])>〉])\s*$"
)
# "… 2024.5.28/뉴스1", "…(세종시 제공)/뉴스1 DB", "… 모습. /연합뉴스"
_AGENCY_TAIL = re.compile(
    r"[\d.)\]]\s*/\s*(?=[^/\s]*[\uac00-\ud7a3A-Za-z])[\uac00-\ud7a3A-Za-z0-9]{2,12}"
    r"(?:\s?(?:제공|DB))?\s*(?:[ⓒ©].{0,40})?$"
)
# How a photo caption ends (someone doing something, its credit after it) or what it names: who
# stands where, the picture's credit.
_CAPTION_END = re.compile(
    r"(?:고\s?있다|모습(?:이다)?|기념\s?촬영을\s?했다|포즈를\s?취했다)\s*\.?\s*(?:[\[(<][^\])>]{0,30}[\])>])?\s*$")
_PHOTO_WORDS = re.compile(
    r"\((?:왼쪽|오른쪽|가운데|앞줄|뒷줄)[^)]{0,12}\)|왼쪽\s?(?:부터|두\s?번째|세\s?번째)|사진\s?[=:]|"
    r"[\[(<][^\])>]{1,30}\s?제공\s?[\])>]|기념\s?촬영")


def _doubled(s: str) -> bool:
    """"도담삼봉(왼쪽)도담삼봉(왼쪽)": a picture's caption and its alt text pasted together."""
    half = len(s) // 2
    return len(s) % 2 == 0 and 3 <= half <= 60 and s[:half] == s[half:]


def caption_shape(s: str) -> bool:
    """A ▲/▶ line (possibly in a table cell, "| ▲ … |") that reads like a photo caption: it ends
    like one or names the picture's people and credit. A ▲ line that is a list item or a quote
    does neither."""
    inner = s.strip("| ")
    return bool(inner) and inner[0] in "▲△▶►" and not _QA.match(inner) and bool(
        _CAPTION_END.search(inner) or _PHOTO_WORDS.search(inner))
# "▶ 세종일보 기사 더보기", "지난 기사 바로가기": link buttons.
_LINK_BUTTON = re.compile(r"(?:더\s?보기|바로\s?가기|보러\s?가기|전체\s?보기)\s*[>▶»]?$")

_RELATED_HEADER = re.compile(
    r"^[\[【<〈■□◆◇▶▷►☞#※\s]*(?:관련\s?기사|관련\s?뉴스|함께\s?보면\s?좋은\s?(?:기사|뉴스)|"
    r"이\s?기사와\s?관련된\s?기사|(?:가장\s?)?많이\s?본\s?(?:뉴스|기사)|인기\s?(?:기사|뉴스)|주요\s?뉴스|추천\s?(?:기사|뉴스)|"
    r"댓글\s?많은\s?(?:뉴스|기사)|화제의\s?(?:뉴스|기사)|많이\s?읽은\s?(?:뉴스|기사)|"
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
_TS_TIME = r"(?:오전|오후|AM|PM)?\s*(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}\s?시\s?\d{1,2}\s?분)(?:\s*(?:AM|PM))?"
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
    r"^[\[【<〈◀{(]\s*(?:앵커\s?멘트|앵커|기자|리포트|리포터|ANC|VCR|기자\s?멘트|리포트\s?멘트)\s*[\]】>〉▶}):]?$",
    re.IGNORECASE,
)
_SEGMENT_END = re.compile(r"^[\[【<〈◀{(]\s*END\s*[\]】>〉▶})]$", re.IGNORECASE)
_SPEAKER = re.compile(
    r"^(?:[【\[<〈◀]\s*" + _SPEAKER_ROLE + r"\s*[】\]>〉▶]"  # 【 앵커멘트 】, <기자>, ◀ 리포트 ▶
    r"(?:\s*[\uac00-\ud7a3A-Za-z]{2,10}\s*/.{1,40})?"  # [인터뷰] 홍길동 / 세종시민
    r"|[【\[<〈]\s*" + _SPEAKER_ROLE + r"\s*[:：][^\]】>〉]{1,40}[\]】>〉]"  # [인터뷰: 이름 / 직함]
    r"|[▶▷►]\s*" + _SPEAKER_ROLE + r"\s*(?:\([^)]{0,8}\))?\s*[:：].{0,60}"  # ▶ 인터뷰 : 이름 / 직함
    r"|[\uac00-\ud7a3]{2,4}\s*/\s*[^/.]{2,30}"  # 김영희 / 연세암병원 교수 (a bare speaker caption)
    r"|[\[【]\s*[\uac00-\ud7a3]{2,4}\s*[,/]\s*[^\]】:：.]{1,20}[\]】]"  # [홍길동, 상인]: no quote inside
    r"|[<\[(【〈]\s*(?:출연|진행|대담|사회|패널|게스트)\s*[:：][^>\])】〉]{1,80}[>\])】〉]"  # <출연 : 이름 직함>
    # ⊙ 홍길동 센터장 (연구소) : — a script's speaker turn, the words on the next line
    r"|[^\w\s]?\s*[\uac00-\ud7a3]{2,4}\s+[\uac00-\ud7a3A-Za-z]{1,10}(?:\s*\([^)]{1,30}\))?\s*[:：])$",
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
    r"|[(\[【]\s*[^()\[\]【】\n/]{1,20}/\s*" + _NAMES + r"\s*[)\]】]"  # [여성종합뉴스/홍길동기자]
    r"|" + _NAMES + r"\s*=)"
)


def classify(s: str) -> tuple[str | None, bool]:
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
    if _SEGMENT_END.match(s):
        return "other", False  # ◀END▶ closes the anchor's part; it opens nothing
    if _SPEAKER.match(s):
        return "speaker", False
    dateline = _DATELINE.match(s)
    if dateline and len(s[dateline.end():].split()) >= 3:
        return None, False  # "[매체/홍길동기자] 경기도는 13일 …": a lead, its dateline cut off in context
    if _is_byline(s):
        return "byline", False
    if caption_shape(s) or _doubled(s):
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
    labelled = _TS_PART.sub(" ", s) != _TS_VALUE.sub(" ", s)  # 입력/수정/승인 named, not a date alone
    rest = _TS_PART.sub(" ", s).strip(_TS_SEPARATORS)
    if not rest:
        return "timestamp"
    if _is_byline(rest) or _EMAIL.fullmatch(rest):
        return "byline"
    section = re.sub(r"[()\[\]]", " ", rest).strip(_TS_SEPARATORS)
    if labelled and len(section) <= 12 and len(section.split()) <= 2 and not any(ch.isdigit() for ch in section) \
            and not section.endswith("다"):
        return "timestamp"  # "입력 2016.12.31 (10:14) 수정 … 생활·건강": the section's name beside it
    return None


def _is_breadcrumb(s: str) -> bool:
    """홈 > 정치 > 행정, HOME 뉴스 > 데스크기사: a word or two between > or ›."""
    if ">" not in s and "›" not in s and "»" not in s:
        return False
    parts = [p.strip() for p in re.split(r"[>›»]", s)]
    return len(parts) >= 2 and "%" not in s and all(
        0 < len(p) <= 12 and len(p.split()) <= 2 and not p.endswith("다") for p in parts)


def _is_byline(s: str) -> bool:
    if (len(s) <= 40 and _SIGNOFF.match(s)) or (len(s) <= 80 and _CREW.match(s)):
        return True
    if len(s) > 80 or _PROSE_END.search(s):
        return False
    if _EMAIL.search(s) and len(s.split()) <= 8:
        return True
    return len(s) <= 60 and len(s.split()) <= 8 and bool(_REPORTER.search(s))
