"""Every line pattern the reader knows, each written once under a public name: how a line ends (a
plain -다 sentence, a polite -니다 one, a question), how it opens (Q., a dash, 1., 첫 번째, a bracket,
a marker), dates and times, bylines and datelines, the page's own interface words and the other
vocabularies of web chrome, and how long each part of an article may be.

Why one module: the rules (``chrome``, ``rows``, ``sections``), the labeller's features, the
decoding of a page's top and the page conventions all read the same lines; when each wrote its own
sentence ending or closing-quote class, the copies drifted apart unnoticed. Where two patterns here
differ on purpose, the second is built from the first and a comment says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

# ---- characters ------------------------------------------------------------------------------------

#: One Hangul syllable (a regular-expression class).
HANGUL = r"[\uac00-\ud7a3]"
#: What may close a sentence after its stop: quotation marks and brackets (…했다.", …했다.」).
CLOSERS = "\"'”’」』)]"
#: A line may also end by closing an angle-bracketed or guillemet title (《…》, <…>): for telling
#: whether a line is finished, not for finding a sentence's stop.
LINE_CLOSERS = CLOSERS + ">》〉»"
# any closers, then the end of the line
_CLOSED = rf"\s*[{re.escape(CLOSERS)}]*$"
#: What ends a sentence.
SENTENCE_STOPS = ".!?。…"
#: Syllables a Korean sentence ends on even without a stop (…했다, …해요, …하죠, …할까).
ENDING_SYLLABLES = "다요죠까"
#: Commas that leave a line open (…인데요,).
COMMAS = ",，"
#: ... and, where a list may end a line, the ideographic comma too (the features, the heading rule).
LIST_COMMAS = COMMAS + "、"
COLONS = ":："
OPEN_PARENS = "(（"
#: Quotation marks that open and close a quoted utterance ("안된다니까…").
OPEN_QUOTES = "\"“'‘"
CLOSE_QUOTES = "\"”'’"
#: The labeller's feature for a quoted line also counts the corner brackets.
QUOTE_STARTS = OPEN_QUOTES + "「『"
#: A line that opens on the closing mark of a quotation begun on an earlier line: the mark glued to the
#: speaker's attribution in brackets or to a quotative ending ("(더불어민주당 윤건영 의원, …), "라고 말했다).
CLOSES_QUOTATION = re.compile(r'^["”](?:[(\[]|(?:이?라)?(?:고|며|면서)(?![가-힣]))')
#: Brackets whose closing partner ends a line that is all in brackets (【 향후 과제 】, <인터뷰 원문>).
BRACKET_PAIRS = {"[": "]", "【": "】", "<": ">", "〈": "〉", "《": "》", "「": "」"}
#: A line opening with one of these is a label or a tag (<출연 : …>, [단독], (사진)), not a
#: headline printed twice.
LABEL_OPENERS = "<〈[【(《"
#: How a line that names a label ends (일시 :, [앵커], {리포트}, <출연>): not a piece of a sentence.
LABEL_ENDS = ":：]}>)"
#: An item of a fact box or a board's record ("장소: 회의실", "일시 : …", "이름 관리자 작성일 13.01.14"): a short
#: label and its colon, or a board's fields, never a line of a deck.
FACT_ITEM = re.compile(r"^[\uac00-\ud7a3]{1,4}\s*[:：]|(?:작성일|등록일|작성자|조회수)\s*[:：]?\s*\d")
#: Characters that open a heading, a list item or a caption, depending on context.
MARKERS = "◇◆■□▲△○●◎▶▷►◈▣☆★•·-–—※☞"
#: The markers that head sections, never lists or captions; a related-link block ends at one.
STRONG_MARKERS = "◇◆■□◈▣"
DASHES = "-–—"
#: Bullets: a line opening with one is an item of something, never a headline.
BULLETS = "•·∙‧◦"
#: A story's list items also come as "* …" in plain-text pastes; only the story-bullet convention
#: counts the asterisk (the title check never met one, and stays as it was fitted).
STORY_BULLETS = BULLETS + "*"
#: ▲ and △ open a photo caption (printed twice: under the photo and in the gallery) or a list item.
TRIANGLES = "▲△"
#: A caption may also open with an arrow (▶ 군수가 … 기념촬영을 하고 있다.).
CAPTION_MARKERS = TRIANGLES + "▶►"

# ---- how a line ends --------------------------------------------------------------------------------

#: A Korean sentence's full stop, then any closers (…했다.): what makes a line prose for the rules.
#: A headline may ask or exclaim, so ? and ! do not count.
PROSE_END = re.compile(HANGUL + "[.。]" + _CLOSED)
#: A saved page's heading or deck element refuses any stop after Hangul, ? and ! too: markup-named
#: parts are held to the stricter shape.
PAGE_SENTENCE_END = re.compile(HANGUL + "[.!?。]" + _CLOSED)
#: Two sentences on one line: "…했다. 이어 …".
INNER_SENTENCE = re.compile(HANGUL + r"\.\s+\S")
#: ... with any stop (…했다! 이어 …): the labeller's feature.
INNER_SENTENCE_ANY_STOP = re.compile(HANGUL + r"[.!?]\s+\S")
#: A line that ends on a sentence-final syllable, stop or not (…했다, …해요., …할까?).
ENDS_DA = re.compile(HANGUL + "(?:" + "|".join(ENDING_SYLLABLES) + ")[.!?]?" + _CLOSED)
#: A line that ends on a stop, whatever comes before it.
ENDS_STOP = re.compile(f"[{SENTENCE_STOPS}]" + _CLOSED)
#: A line that stops on when something happened ("대구 가톨릭대는 지난 달 27일", "오는 3월 5일", "제주대병원은
#: 지난해 7월", "진도군은 올해", "오늘(31일) 오전"): a time adverbial, which a sentence goes on from;
#: broadcast scripts wrap there.
_PART_OF_DAY = r"(?:\s*(?:오전|오후|새벽|아침|저녁|밤|낮))?"
ENDS_ON_A_TIME = re.compile(
    r"(?:(?:지난|오는|이번|이달|지난달|다음\s?달)\s*(?:달\s*)?(?:\d{1,2}\s*월\s*)?\d{1,2}\s*일"
    r"|(?:지난해|올해|내년|작년|금년)(?:\s*\d{1,2}\s*월)?(?:\s*\d{1,2}\s*일)?"
    r"|(?:지난|오는|올)\s*\d{4}\s*년(?:\s*\d{1,2}\s*월)?"
    r"|(?:오늘|어제|내일|그제|당일)(?:\s*\(\d{1,2}\s*일\))?)"
    + _PART_OF_DAY + "$"
)
#: ... where a closing brace may also follow (a broadcast script's "{리포트}" blocks): the wrapped-
#: sentence convention's test; the labeller's ``ENDS_STOP`` feature was fitted without the brace.
ENDS_STOP_OR_BRACE = re.compile(f"[{SENTENCE_STOPS}]" + rf"\s*[{re.escape(CLOSERS + '}')}]*$")
ENDS_QUESTION = re.compile(r"\?" + _CLOSED)
#: The polite style (…합니다, …하세요, …할까요, …이에요): a page or a broadcast speaking to someone.
POLITE_END = re.compile("(?:니다|세요|까요|에요|예요)[.!?]?" + _CLOSED)
#: A statement in the polite spoken style ("…뉴스입니다!"): a broadcast's or a page's voice, never
#: a headline; unlike ``POLITE_END`` it leaves headlines that ask ("…나올까요?") alone.
SPOKEN_END = re.compile("니다[.!]?" + _CLOSED)
#: A finished plain-style sentence: "…를 발표했다.", "…이다."
STATES = re.compile(HANGUL + r"다\." + _CLOSED)
#: A finished sentence of at least two syllables before 다. ("…입니다.", "…했다."): a numbered
#: point made in a sentence.
FINISHED = re.compile(HANGUL + r"{2}다\." + _CLOSED)
#: An interviewer's question, with or without its mark: "…평가를 내린다면?", "Q. 비용은.", "…있나요";
#: a request ("…소개 부탁드립니다.") asks too.
ASKS = re.compile(r"(?:\?|[나까니지]요?|[은는]\.|다면|라면|는지|할까|인가|인가요|습니까|ㅂ니까|"
                  r"부탁(?:드립|합)니다|해\s?주세요|주시죠)" + rf"\s*[{re.escape(CLOSERS)}]*" + r"\s*[.)]?$")

# ---- how a line opens -------------------------------------------------------------------------------

#: What follows a turn's letter or word: an optional number, then its stop (Q1., 문), A:).
_TURN_MARK = r"\s*\d{0,2}\s*[.:：)>=]"
#: An interview turn: Q. …, A: …, 문) …, 답 …
INTERVIEW_TURN = re.compile(rf"^(?:Q|A|문|답){_TURN_MARK}")
#: The interviewer's turn alone: Q. …, 문) … (A. and 답 are the guest's).
INTERVIEW_QUESTION = re.compile(rf"^(?:Q|문){_TURN_MARK}")
#: The guest's turn alone: A. …, 답) ….
INTERVIEW_ANSWER = re.compile(rf"^(?:A|답){_TURN_MARK}")
#: An answer led by a dash (― 네, …).
DASH_TURN = re.compile(r"^[-―—–]\s*\S")
#: Either: a turn of an interview, which the rules keep as prose.
QA = re.compile(INTERVIEW_TURN.pattern + "|" + DASH_TURN.pattern)
#: A line opening with a number and a stop or parenthesis: "1.", "2 )", "3.5%" too (a feature).
NUMBER_OPENING = re.compile(r"^\d{1,2}\s*[.)]")
#: A numbered list item's marker, stricter: "1. ", "2) " with the space after ("3.5%" is no item).
NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s")
ORDINALS = ("첫", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열")
#: 첫 번째, 두번째 …
ORDINAL_OPENING = re.compile("^(?:" + "|".join(ORDINALS) + r")\s?번째")
#: The number a line opens with, and the shape around it: "1.", "<질문 2>", "[검증.3]", "Q4.".
SEQUENCE = re.compile(r"^([^\w\s]{0,2}\s?[\uac00-\ud7a3A-Za-z]{0,4}\s?[.]?)\s?(\d{1,2})\s*([.)>\]】:]|번째)")
#: An opening bracket of any kind, the guillemet too.
BRACKET_OPENING = re.compile(r"^[\[【<〈{(◀《]")
#: A short label in brackets, or opened by one: [앵커], <인터뷰>, ◀ VCR ▶.
BRACKET_LABEL = re.compile(r"^[\[【<〈{(◀]\s*[^\]】>〉}\)▶]{1,12}\s*[\]】>〉}\)▶:]?$")
CLOSE_BRACKET = re.compile(r"[\]】>〉》」▶]\s*$")
#: Breadcrumb and menu separators; two or more in a line is chrome-like.
SEPARATORS = re.compile(r"[|·>›»/]")
#: A word of Hangul or Latin letters.
TOKEN = re.compile(r"[\uac00-\ud7a3A-Za-z]+")
#: Whitespace inside a line: a line's number shape is written without it ("<질문#>").
SPACE = re.compile(r"\s")

_OPENINGS = (
    ("qa", INTERVIEW_TURN),
    ("dash", DASH_TURN),
    ("number", NUMBER_OPENING),
    ("ordinal", ORDINAL_OPENING),
    ("bracket", BRACKET_OPENING),
)

# ---- dates and times --------------------------------------------------------------------------------

#: 2024.5.28, 2024-05-28, 2024년 5월 28
DATE = re.compile(r"\d{4}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}")
TIME = re.compile(r"\d{1,2}:\d{2}")
# A timestamp line's parts: its label (입력, 수정, 승인…; a programme's air date: 방송일, …방송분), a date
# with its day, a time of day.
_STAMP_LABEL = (
    r"(?:기사\s?)?(?:입력|수정|승인|등록|최종\s?수정|업데이트|발행일?|게재|송고|작성|"
    r"지면\s?게재일?|방송(?=(?:일시|일자|일|분)(?![\uac00-\ud7a3]))|Posted|Updated|Published)(?:\s?(?:시간|일시|일자|시각|일|분))?"
)
#: the day of the week in brackets ((월)) or written out (월요일): a page's date widget, never a story's
_WEEKDAY = r"\([월화수목금토일]\)|[월화수목금토일]요일"
_STAMP_DATE = (DATE.pattern + rf"\s*일?\.?(?:\s*(?:{_WEEKDAY}))?"
               # "11.16 (토)", "11월 16일(토)": a portal's date widget gives no year but always the day of
               # the week, which no headline or story number carries (1 of the 76 dev captures, f07)
               rf"|(?<![\d.])\d{{1,2}}\s*[./월]\s*\d{{1,2}}\s*일?\.?\s*(?:{_WEEKDAY})")
_STAMP_TIME = r"(?:오전|오후|AM|PM)?\s*(?:" + TIME.pattern + r"(?::\d{2})?|\d{1,2}\s?시\s?\d{1,2}\s?분)(?:\s*(?:AM|PM))?"
#: Any part of a timestamp line: label, date or time.
STAMP_PART = re.compile(rf"{_STAMP_LABEL}\s*[:：]?|{_STAMP_DATE}|{_STAMP_TIME}", re.IGNORECASE)
#: A date or a time of a timestamp line.
STAMP_VALUE = re.compile(rf"{_STAMP_DATE}|{_STAMP_TIME}", re.IGNORECASE)
#: What separates a timestamp's parts.
STAMP_SEPARATORS = " \t|·/,:：~"

# ---- people: reporters, bylines, datelines, speakers -----------------------------------------------

#: A reporter's role word with what may follow it (홍길동 기자, 기자입니다, 앵커는 …): a feature,
#: anywhere in a line.
REPORTER_WORD = re.compile(r"(?:기자|특파원|앵커|PD|리포터|통신원)(?:$|[\s\],.)/】>·=]|입니다|가\s|는\s)")
#: A byline's name and role (홍길동 기자, [김철수 특파원, 홍길동 기자 hong@…): the rules' test, which
#: needs the name and knows more roles than the feature.
BYLINE_NAME = re.compile(
    r"(?:^|[\s=/·\[(【<])[\uac00-\ud7a3]{2,4}\s?(?:기자|특파원|선임기자|수습기자|객원기자|논설위원|"
    r"통신원|PD|앵커|기상캐스터|리포터)(?=$|[\s\],.)/】>·]|[A-Za-z0-9._%+-]+@)"
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URL = re.compile(r"https?://|www\.|\.(?:com|co\.kr|kr|net)\b", re.I)
#: A name, a slash and a role: 홍길동 / 교수.
NAME_ROLE = re.compile(r"[\uac00-\ud7a3]{2,4}\s*/\s*\S")
#: A Hangul syllable closed by ㅂ: how a script writes a name run into the ending ㅂ니다, as it is spoken
#: (전재호 + ㅂ니다 → 전재홉니다, 기자 + ㅂ니다 → 기잡니다).
_B_CLOSED = "".join(chr(c) for c in range(0xAC00, 0xD7A4) if (c - 0xAC00) % 28 == 17)
#: What an anchor hands over with: the reporter reports (보도합니다), tells (전해드립니다, 전합니다), covered
#: (취재했습니다), went and looked (다녀왔습니다, 가 봤습니다), met (만났습니다, 만나봤습니다), looked into
#: (알아봤습니다, 살펴봤습니다, 짚어봤습니다) or put together (정리했습니다) what follows.
_HANDING_OVER = r"보도|전|취재|소개|다녀|만나|만났|알아|살펴|짚어|정리|가\s?봤|들어봤|담았"
#: A word of the hand-over's object or place ("단속 현장을", "자세한 내용"): Hangul, a particle at most.
_WORD_BEFORE = r"[\uac00-\ud7a3]{1,8}"
#: The rules' boilerplate kinds a headline never is: who speaks or wrote, when, the page's menus,
#: buttons, notice and tags, and what they set aside otherwise (◀END▶, a tip line, an advertisement). A
#: headline may be a caption, a related link or a duplicate to them (the rules see one line alone), never
#: these: none of the 76 dev captures' headlines is.
NEVER_TITLE = frozenset({"speaker", "byline", "timestamp", "menu", "share", "copyright", "tags", "other"})
#: A broadcast sign-off ("MBN뉴스 홍길동입니다.", "TV조선 홍길동입니다.") or the anchor's hand-over ("홍길동 기자가 보도합니다.").
#: Scripts also write them as spoken: "MBC뉴스 전재홉니다.", "대구방송 김용우 기잡니다.", a bare
#: "김연선 기잡니다." (4 lines in 3 development captures, j08, k01, k02; d03 has one more).
SIGNOFF = re.compile(
    # "MBN뉴스 홍길동입니다.", "KBS 뉴스, 홍길동입니다.", "제주에서 YTN 홍길동입니다.", "대구방송 홍길동 기잡니다."
    r"^(?:[\uac00-\ud7a3]{1,10}에서\s?)?(?:[A-Za-z0-9]{2,6}|[A-Za-z\uac00-\ud7a30-9]{0,10}\s?(?:뉴스(?:TV)?|방송)"
    r"|(?=[^\s,]*[A-Za-z])[A-Za-z\uac00-\ud7a30-9]{2,10})"  # a station named in both scripts: TV조선, 채널A
    r"[\s,]*(?:[\uac00-\ud7a3]{2,4}(?:\s?기자)?입니다|[\uac00-\ud7a3]{2,4}\s?기잡니다"
    rf"|[\uac00-\ud7a3]{{1,3}}[{_B_CLOSED}]니다)\.?$"
    # a reporter's bare sign-off: "홍길동 기자입니다.", "홍길동 기잡니다."
    r"|^[\uac00-\ud7a3]{2,4}\s?기(?:자입니다|잡니다)\.?$"
    # the anchor's hand-over: "홍길동 기자가 보도합니다.", "단속 현장을 홍길동 기자가 다녀왔습니다.",
    # "홍길동 기자가 이동진 군수를 만났습니다.", "홍길동 기자가 첫 치료 현장에 다녀왔습니다.",
    # "경찰의 음주운전 단속 현장 홍길동기자가 취재했습니다.", "보도에 홍길동 기자입니다."
    rf"|^(?:{_WORD_BEFORE}\s){{0,4}}[\uac00-\ud7a3]{{2,4}}\s?(?:[\uac00-\ud7a3]{{0,6}}기자|특파원)가\s?"
    rf"(?:{_WORD_BEFORE}\s){{0,3}}(?:{_HANDING_OVER})[\uac00-\ud7a3\s]{{0,5}}니다\.?$"
    r"|^보도에\s?[\uac00-\ud7a3]{2,4}\s?(?:[\uac00-\ud7a3]{0,6}기자|특파원)입니다\.?$"
)
#: Crew credits: "영상취재 : 김철수 기자", "( 영상촬영/편집 = 홍길동 기자 )", "■ 진행 : 김영희 아나운서".
CREW = re.compile(r"^[\[(<〈■□●○◆◇•]?\s*(?:영상\s?취재|영상\s?편집|영상\s?촬영|촬영\s?기자|촬영|편집|취재|그래픽|정리|글|진행)"
                  r"(?:\s?[/·ㆍ]\s?(?:편집|촬영|취재|정리))?\s*[:：=]\s*\S")
_SPEAKER_ROLE = (
    r"(?:앵커\s?멘트|앵커|기자\s?스탠드\s?업|기자|리포트|전화\s?인터뷰|인터뷰|싱크|현장음|녹취|스탠드\s?업|스탠딩|"
    r"CG|자막|인서트|나레이션|내레이션|SOT|INT)"
)
#: A broadcast script's part marker with no name: [앵커], ◀ANC▶, {리포트}, 【앵커멘트】, (취재기자), (아나운서). The annotation
#: conventions of real captures read these as section headings, the speaker lines with a name
#: (◀INT▶ 홍길동/교수) as boilerplate; the labeller learns which.
SEGMENT = re.compile(
    r"^[\[【<〈◀{(]\s*(?:앵커\s?멘트|앵커|아나운서|(?:취재\s?)?기자|리포트|리포터|ANC|VCR|기자\s?멘트|리포트\s?멘트)"
    r"\s*[\]】>〉▶}):]?$",
    re.IGNORECASE,
)
#: A production cue alone on its line, with no words of the story: a sound (◀SYN▶, (현장음 쾅!)), a
#: stand-up (◀ st-up ▶홍길동 기자, (스탠드업)), a caption or graphic cue. The corpus's README sets them aside.
PRODUCTION_CUE = re.compile(
    r"^[◀\[(<〈{【]\s*(?:SYN|SOT|CG|S\s?/\s?U|st-?up|스탠드\s?업|스탠딩|현장음|효과음|자막|인서트|녹취|싱크)"
    r"[^\]】>〉▶})]{0,12}[\]】>〉▶})]\s*(?:[\uac00-\ud7a3]{2,4}\s?기자)?$",
    re.IGNORECASE,
)
#: ◀END▶: closes the anchor's part.
SEGMENT_END = re.compile(r"^[\[【<〈◀{(]\s*END\s*[\]】>〉▶})]$", re.IGNORECASE)
#: Who speaks next in a script or an interview: a role in brackets, a name and a title.
SPEAKER = re.compile(
    r"^(?:[【\[<〈◀]\s*" + _SPEAKER_ROLE + r"\s*[】\]>〉▶]"  # 【 앵커멘트 】, <기자>, ◀ 리포트 ▶
    r"(?:\s*[\uac00-\ud7a3A-Za-z]{2,10}\s*/.{1,40})?"  # [인터뷰] 홍길동 / 세종시민
    r"|[【\[<〈]\s*" + _SPEAKER_ROLE + r"\s*[:：][^\]】>〉]{1,40}[\]】>〉]"  # [인터뷰: 이름 / 직함]
    r"|[▶▷►]\s*" + _SPEAKER_ROLE + r"\s*(?:\([^)]{0,8}\))?\s*[:：].{0,60}"  # ▶ 인터뷰 : 이름 / 직함
    r"|[\uac00-\ud7a3]{2,4}\s*/\s*[^/.]{2,30}"  # 김영희 / 연세암병원 교수 (a bare speaker caption)
    r"|[\[【]\s*[\uac00-\ud7a3]{2,4}\s*[,/]\s*[^\]】:：.]{1,20}[\]】]"  # [홍길동, 상인]: no quote inside
    r"|[<\[(【〈]\s*(?:출연|진행|대담|사회|패널|게스트)\s*[:：][^>\])】〉]{1,80}[>\])】〉]"  # <출연 : 이름 직함>
    # 출연 : 홍길동 KIST 단장 — a talk show's or a video interview's cast, unbracketed (d08; d02 brackets it)
    r"|(?:출연|대담|패널|게스트)\s*[:：]\s*[\uac00-\ud7a3A-Za-z][^.!?。]{1,60}"
    # ▶홍길동 김철수 아나운서 — who presents the programme, named under a marker
    r"|[▶▷►◆◇■□]\s*(?:[\uac00-\ud7a3]{2,4}\s*){1,3}(?:아나운서|앵커|캐스터|리포터|MC)"
    # ⊙ 홍길동 센터장 (연구소) : — a script's speaker turn, the words on the next line
    r"|[^\w\s]?\s*[\uac00-\ud7a3]{2,4}\s+[\uac00-\ud7a3A-Za-z]{1,10}(?:\s*\([^)]{1,30}\))?\s*[:：])$",
    re.IGNORECASE,
)

# ---- captions and credits ---------------------------------------------------------------------------

_CREDIT_WORDS = r"(?:사진|사진\s*제공|자료\s*사진|자료|그래픽|출처|캡처|영상|일러스트|제공|화면\s*캡처)"
#: A credit line: "사진 = 세종시", "[자료 : 통계청".
CREDIT_ONLY = re.compile(r"^[\[(<〈/]?\s*" + _CREDIT_WORDS + r"\s*[=:：]")
#: "[그래픽] 한일 협력 주요 내용", "[사진] …": a picture's label, not a [ ] section heading.
CREDIT_TAG = re.compile(r"^[\[【<〈]\s*(?:사진|그래픽|인포그래픽|영상|동영상|표|포토|일러스트|자료\s?사진)\s*[\]】>〉]"
                        r"|^[<〈\[]\s*[^<>〈〉\[\]]{0,16}사진(?:\s?설명)?\s*[>〉\]]$")  # <제품 실물 사진>, <아래 사진 설명>
#: A picture in Markdown, as a page converted to text prints it: "![caption](https://…/photo.jpg)"; its
#: alt text is the photo's caption, however long (1 of the 75 probe pages, a repost of a paper's story).
MARKDOWN_IMAGE = re.compile(r"^!\[.*\]\((?:https?://|/)[^\s)]*\)\s*\|?\s*$")
#: A press release's numbered caption, "[사진1] 센터장이 방문단에게 치료기를 설명하고 있다.": the number
#: names the picture the sentence describes, so the line is a caption however it ends (1 of the 75 probe
#: pages, a hospital's release with eight).
PHOTO_NUMBER = re.compile(r"^[\[【<〈(]\s*사진\s*\d{1,2}\s*[\]】>〉)]")
#: A credit closing a line: "… [사진=세종시]", "… (세종시 제공)", "… (사진_전북도)".
#: After a stop, unbracketed: "… 찍고 있다. 사진=남양주시", "… 하고 있다. 사진제공=수원시", "영광 군청. 영광군 제공".
#: A table cell's bar may close the line ("… |").
CREDIT_TAIL = re.compile(
    r"(?:[\[(<〈]\s*" + _CREDIT_WORDS + r"\s*[=:：_][^\[\]()<>〈〉]{0,40}[\])>〉]"
    r"|[\[(<〈][^\[\]()<>〈〉]{1,30}\s?제공\s*[\])>〉]"
    r"|[.!?]\s*/?\s*(?:사진|사진\s*제공|자료\s*사진)\s*[=:：]\s*[^=\s\[\]()<>]{2,20}"
    r"|[.!?]\s*[\uac00-\ud7a3A-Za-z·]{2,15}\s?제공)\s*[|｜]?\s*$"
)
#: An agency's credit closing a caption: "… 2024.5.28/뉴스1", "…(세종시 제공)/뉴스1 DB", "… 모습. /연합뉴스".
AGENCY_TAIL = re.compile(
    r"[\d.)\]]\s*/\s*(?=[^/\s]*[\uac00-\ud7a3A-Za-z])[\uac00-\ud7a3A-Za-z0-9]{2,12}"
    r"(?:\s?(?:제공|DB))?\s*(?:[ⓒ©].{0,40})?\s*[|｜]?\s*$"
)
#: A wire photo's caption closes on the day and the photographer's address: "… 기념촬영을 하고 있다. 2025.7.9
#: cityboy@yna.co.kr" (Yonhap's way, kept by the papers that repost it). A story's sentence does not.
WIRE_PHOTO_TAIL = re.compile(r"[.!?]\s*\d{4}\.\d{1,2}\.\d{1,2}\.?\s+[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\s*$")
#: How a photo caption ends: someone doing something, its credit after it.
CAPTION_END = re.compile(
    r"(?:고\s?있다|모습(?:이다)?|기념\s?촬영을\s?했다|포즈를\s?취했다)\s*\.?\s*(?:[\[(<][^\])>]{0,30}[\])>])?\s*$")
#: What a photo caption names: who stands where, the picture's credit.
PHOTO_WORDS = re.compile(
    r"\((?:왼쪽|오른쪽|가운데|앞줄|뒷줄)[^)]{0,12}\)|왼쪽\s?(?:부터|두\s?번째|세\s?번째)|사진\s?[=:]|"
    r"[\[(<][^\])>]{1,30}\s?제공\s?[\])>]|기념\s?촬영")
#: A photo's file name or numbered alt text printed where its caption goes: "2019032701010011401.jpg",
#: "사본 -16.보이스아이 사진1" (Windows's "사본 -" copy prefix, the CMS's 사진1).
IMAGE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp)\s*$|^사본\s*-|\S사진\d+\s*$", re.IGNORECASE)

# ---- the page's own words: copyright, related links, menus, share buttons, footers ------------------

COPYRIGHT = re.compile(
    r"ⓒ|©|\(c\)|copyright|all rights reserved|저작권자|무단\s*(?:전재|복제|배포|게재|수집)|"
    r"재\s*배포\s*금지|AI\s*학습",
    re.IGNORECASE,
)
#: The sign alone marks a notice even when it ends like a sentence ("… 재배포 금지.").
COPYRIGHT_SIGN = re.compile(r"ⓒ|©|copyright|all rights reserved", re.IGNORECASE)
#: "Copyright © 대전일보. 무단전재 및 재배포 금지." ends in 지. like a sentence but is the notice.
COPYRIGHT_CLOSING = re.compile(r"(?:재\s*배포|전재)\s*(?:및\s*\S+\s*)?금지\.?\s*[>\])】]?$")
#: The header of a block of links to other stories: 관련기사, 많이 본 뉴스, 기자의 다른 기사 …
RELATED_HEADER = re.compile(
    r"^[\[【<〈■□◆◇▶▷►☞#※\s]*(?:관련\s?기사|관련\s?뉴스|함께\s?보면\s?좋은\s?(?:기사|뉴스)|"
    r"이\s?기사와\s?관련된\s?기사|(?:가장\s?)?많이\s?본\s?(?:뉴스|기사)|인기\s?(?:기사|뉴스)|주요\s?뉴스|추천\s?(?:기사|뉴스)|"
    r"댓글\s?많은\s?(?:뉴스|기사)|화제의\s?(?:뉴스|기사)|많이\s?읽은\s?(?:뉴스|기사)|"
    r"오늘의\s?주요\s?뉴스|실시간\s?(?:인기\s?)?기사|최신\s?기사|핫\s?이슈|포토\s?뉴스|"
    r"이\s?시각\s?주요\s?뉴스|기자의\s?다른\s?기사|다른\s?기사\s?보기|관련\s?기사\s?보기|"
    r"(?:최근|최신|인기|추천|관련|다른)\s?(?:게시물|게시글|글)(?![\uac00-\ud7a3A-Za-z])|"  # a blog's list of posts
    r"related\s+(?:articles|news))"
    r"\s*[\]】>〉]?\s*[:：]?\s*",
    re.IGNORECASE,
)
#: "- 제목 - 대전일보": a link list item with the paper's name after a dash.
RELATED_LINE = re.compile(r"^[\-–—·•]\s*\S.*\s[\-–—]\s*[^\s\-–—][^\-–—]{0,14}$")
#: "▶ 세종일보 기사 더보기", "지난 기사 바로가기": link buttons.
LINK_BUTTON = re.compile(r"(?:더\s?보기|바로\s?가기|보러\s?가기|전체\s?보기)\s*[>▶»]?$")
#: 홈 > 정치 > 행정: the separators of a breadcrumb trail.
BREADCRUMB_SEPARATOR = re.compile(r"[>›»]")
#: HOME | 커뮤니티 | 소식/공지사항: a trail that opens on the site's home may be cut by bars too, or by
#: nothing but spaces after a Latin HOME (HOME 포토뉴스 포토뉴스: 1 of the 60 probe pages, read as its
#: title); a headline with a bar ("headline | site") does not open on one, and one may open on 홈
#: (홈 경기 5연승), never on HOME.
HOME_TRAIL = re.compile(r"^(?:(?:HOME|Home|home|홈|홈으로)\s*\||(?:HOME|Home)\s)")
#: Brackets around a timestamp's section name (입력 … [생활·건강]).
ROUND_OR_SQUARE = re.compile(r"[()\[\]]")
#: How a line of menu or share buttons splits into its words.
MENU_SEPARATORS = re.compile(r"[\s>›»|/·,]+")
# Two vocabularies of a page's interface, kept apart on purpose (21 words are in both): MENU_WORDS
# and SHARE_WORDS are whole tokens, and a line made of nothing else is a menu or a share bar (정치 is
# a menu item, though no interface word inside a sentence); UI_WORDS are searched inside any line,
# counted by the labeller and asked of a sentence that addresses its reader (``ui_sentence``).
#: A site's menu items, as whole lower-case tokens.
MENU_WORDS = frozenset(
    """홈 home 전체메뉴 메뉴 menu 로그인 로그아웃 회원가입 마이페이지 검색 검색어 검색하기 구독 구독하기
    뉴스 정치 경제 사회 국제 문화 스포츠 연예 오피니언 사설 칼럼 지역 전국 포토 영상 기사검색 닫기 이전
    다음 이전기사 다음기사 맨위로 위로 top 본문 바로가기 본문바로가기 전체기사 최신기사 많이본뉴스 기사목록
    목록 행정 세종 대전 충남 충북 it 과학 생활 건강 교육 기획 특집 인물 라이프 날씨 산업 금융 부동산 증권
    글씨크기 글자크기 가 가가 크게 작게 폰트 다른기사 기자의 다른 기사 보기 더보기 전체 랭킹 속보 기자
    정보 설정 알림 닫기 열기 주요뉴스 오늘의 이슈 지면보기 pdf 구독신청 기사제보 제보 광고 ad 회사소개
    고객센터 이용약관 개인정보처리방침 청소년보호정책 전체보기 섹션 사이트맵 sitemap 뉴스홈""".split()
)
#: Share, reaction and tool buttons, as whole lower-case tokens.
SHARE_WORDS = frozenset(
    """페이스북 facebook 트위터 twitter 카카오톡 카톡 카카오스토리 카카오 네이버 밴드 네이버밴드 라인 url복사
    url 복사 링크복사 링크 공유 공유하기 기사공유 기사공유하기 sns 스크랩 인쇄 프린트 print 이메일 메일
    email 기사저장 저장 댓글 좋아요 싫어요 추천 추천해요 추천하기 화나요 슬퍼요 감동이에요 놀랐어요 훈훈해요
    후속기사원해요 후속기사 원해요 텔레그램 x 엑스 페북 트윗 인스타그램 유튜브 기사보내기 보내기 북마크
    번역 음성듣기 듣기 본문듣기 share 기사듣기 공유하기 프린트하기 인쇄하기 쪽지 신고
    신고하기 쪽지신고하기 축소 확대 글자축소 글자확대 글씨축소 글씨확대 기사글축소 기사글확대""".split()
)
#: The vocabulary of a web page's own interface, in any site's wording: reading aloud, font size,
#: comments, subscriptions, log-in, sharing, apps, QR codes. Story sentences rarely use two of them.
#: 보기 (더보기, 전체보기) ends its word: inside one it is 공보기능, 정보기술, not a button.
UI_WORDS = re.compile(
    r"기사|댓글|구독|글자\s?크기|글씨|로그인|계정|음성|재생|읽어\s?(?:주|드)|누리집|홈페이지|QR|본문|바로\s?가기|"
    r"제보|언론사|채널|앱|공유|스크랩|클릭|보기(?![가-힣])|이동|브라우저|메뉴|검색|광고|알림|설정|변경|인쇄|"
    r"저작권|무단|배포|뉴스레터|팔로우|좋아요|추천|페이지|URL|링크|다운로드|회원|무료|신청|로고|스크립트|불러오는\s?중", re.I)
#: A page speaking to its reader: honorific requests and offers (확인하세요, 남기실 수 있습니다,
#: 만나보세요, 권장합니다). News sentences report in the plain -다 style; broadcast scripts in -습니다,
#: but they do not ask the viewer to do things.
ADDRESSES_READER = re.compile(r"(?:하|보|주|받|누르|확인하|이용하|참고하)?(?:세요|십시오|시면|실\s?수|시기\s?바랍니다)|권장합니다|바랍니다")
#: A site's footer: registration numbers, publisher, contact labels, an ad slot.
FOOTER = re.compile(
    r"(?:등록번호|발행인|편집인|청소년\s?보호\s?책임자|사업자\s?등록번호|대표\s?전화|팩스|FAX|주소\s*[:：]|"
    r"^\[?광고\]?$|^AD$|^ADVERTISEMENT$|이 기사를 추천합니다|기사\s?제보|"
    r"^\[(?:카카오톡|전화|메일|이메일|홈페이지|문자|제보)\])",
    re.IGNORECASE,
)
#: A station's call for tips ("당신의 제보가 뉴스가 됩니다", "제보를 기다립니다") ends like a sentence.
TIP_PROMO = re.compile(r"제보를\s?기다립니다|제보가\s?뉴스가\s?됩니다|제보하기")
#: A page template's empty ad slot, printed as a sentence: "이곳은 항상 최상단에 위치하는 배너 자리 입니다."
#: (1 of the 90 probe pages, twice).
AD_SLOT = re.compile(r"(?:배너|광고)\s?(?:자리|영역)\s?입니다")
#: A wire story's or a release's end mark closing its last line: "…2yulrip@yna.co.kr(끝)", "<끝>", "[끝]".
END_MARK = re.compile(r"[(<\[]\s*끝\s*[)>\]]\s*$")
#: The page's note about the piece itself: sponsored or supported content ("본 콘텐츠는 제공처의 후원을
#: 받아 게재한 PR보도자료입니다.", "이 기사는 ○○재단의 지원을 받아 작성됐습니다."), a column's views not
#: the paper's. It ends like a sentence, but it is about the page, not the news.
DISCLOSURE = re.compile(
    r"^(?:본|이)\s?(?:기사|콘텐츠|컨텐츠|보도자료|칼럼)는\s.{0,80}(?:후원|지원|협찬|광고|제공처)"
    # a column's disclaimer: "위 칼럼은 신문사의 논지와 견해에 있어 다를 수 있음을 밝힙니다." (1 of the
    # 75 probe pages), "본 칼럼의 내용은 본지의 편집방향과 다를 수 있습니다."
    r"|^(?:위|본|이|외부\s?필자의)\s?(?:기사|칼럼|글|기고|원고)(?:의\s?내용)?(?:은|는)\s"
    r".{0,40}(?:본지|신문사|당사|편집\s?방향|논지|논조|견해|입장).{0,30}다를\s?수\s?있"
)

# ---- datelines ----------------------------------------------------------------------------------------

_NAMES = r"[\uac00-\ud7a3]{2,4}(?:\s*[·,]\s*[\uac00-\ud7a3]{2,4})*\s*(?:기자|특파원|통신원|선임기자)"
#: "(대전=뉴스1) 홍길동 기자 = ", "[세종=뉴시스]홍길동 기자 = ", "【서울=뉴시스】", "[대전일보 홍길동 기자] ",
#: "[홍길동 기자] ", "[더팩트ㅣ홍길동 기자] ", "홍길동 기자 = ", "아주경제 홍길동 기자 =", "㈜한국뉴스 홍길동 기자 | ",
#: "[로컬라이프] 홍길동 기자 = ":
#: a dateline at the start of the lead; the rest of the paragraph is the story.
DATELINE = re.compile(
    r"^(?:[(\[【<]\s*(?!" + _CREDIT_WORDS + r"\s*=)[^=()\[\]【】<>\n]{1,20}=[^=()\[\]【】<>\n]{1,20}[)\]】>]"
    r"(?:\s*" + _NAMES + r")?(?:\s*=)?"
    r"|[(\[【『「]\s*(?:[^()\[\]【】『』「」\n]{1,20}\s)?" + _NAMES + r"\s*[)\]】』」]"  # 『IBN뉴스 홍길동 기자』
    r"|[(\[【]\s*[^()\[\]【】\n/ㅣ|]{1,20}[/ㅣ|]\s*" + _NAMES + r"\s*[)\]】]"  # [여성종합뉴스/홍길동기자]
    # "[로컬라이프] 송준형 기자 = ": an outlet in brackets, then the reporter and the sign; "한민일보 서울포커스
    # 박정민 기자 | ": an outlet and its section's name
    r"|(?:(?:[\w㈜]{2,12}\s+){1,2}|[\[【(][^()\[\]【】\n=]{1,15}[\]】)]\s*)?" + _NAMES + r"\s*[=|ㅣ])"
)

#: A byline glued to the end of the last paragraph: "… 말했다. 홍길동 기자", "… 예정이다. /홍길동 기자
#: hong@example.com". Not a line of its own, so it is cut from the line as a dateline is from the lead's
#: (the corpus's README: `k09`; 2 of the 90 probe pages, and a photo page's captions).
SIGNATURE_TAIL = re.compile(r"(?<=[.!?\"”’])\s*/?\s*" + _NAMES + r"(?:\s+[\w.+-]+@[\w.-]+)?\s*$")
#: A copyright notice glued to the end of the last paragraph: "…고 밝혔다.<저작권자 ⓒ 핫타임뉴스 무단전재 및
#: 재배포 금지>" (1 of the 135 probe pages, i13), cut as the byline is: left on, it is translated as news.
COPYRIGHT_TAIL = re.compile(r"(?<=[.!?\"”’])\s*[<〈‹(\[【]?\s*(?:저작권자|copyright|ⓒ|©)[^<>〈〉‹›\n]{0,60}"
                            r"(?:금지|reserved)\.?\s*[>〉›)\]】]?\s*$", re.IGNORECASE)
#: An outlet's name alone in brackets before the lead ("[충청매일] ", "(용인신문) ", "【파이낸셜뉴스 전국 종합】 "):
#: a dateline only where a story sentence follows it, since a segment's tag opens headlines the same way
#: ("[셀카봉뉴스] 시장 상인들의 '한숨'").
_TAG_OPENS = r"[(\[【]\s*[^()\[\]【】\n]{0,12}"  # the bracket and what may stand before the outlet's word
OUTLET_TAG = re.compile(
    r"^(?:" + _TAG_OPENS + r"(?:신문|일보|뉴스|매일|타임즈|닷컴|저널|방송|투데이|뉴시스)"
    r"(?:\s+[^()\[\]【】\n]{1,8})?\s*[)\]】]"
    # "[뉴스스텝] ": a name that runs on past 뉴스, only with a space after it
    r"|" + _TAG_OPENS + r"뉴스[\uac00-\ud7a3A-Za-z]{1,4}\s*[)\]】](?=\s))"
    # never with a particle glued to it: "[MBC 뉴스데스크]가 …", "[한국방송 뉴스데스크]는 …" name a programme as
    # the lead's subject (j13)
    r"(?!(?:가|이|는|은|의|를|을|에|와|과|도|로|에서|으로)(?![\uac00-\ud7a3]))")

# ---- how long each part may be ------------------------------------------------------------------------

#: A line longer than this is body text, never a title, subtitle or heading. Korean headlines run
#: 20–60 characters; subtitles up to ~100.
HEADLINE_MAX = 120
#: Boilerplate lines (bylines, menus, copyright, captions) are short; longer lines are story text
#: even when they mention 기자 or 저작권.
BOILERPLATE_MAX = 200
#: Longest section heading, marker included, whether the rules or a saved page's markup name it:
#: section headings in Korean news are 5–40 characters.
HEADING_MAX = 60
#: An unmarked line is taken as a heading only when this short (and followed by a longer paragraph).
UNMARKED_HEADING_MAX = 30
#: Longest deck line that ``decode`` finds by its shape alone, under the title (decks run one to
#: three lines of a headline's length).
DECK_LINE_MAX = 90
#: Longest headline or deck that ``page`` takes from a saved page's markup, where the page itself
#: names the part: a deck there may run to ~100 characters or two lines joined; several sentences
#: are a summary box, not a deck.
PAGE_DECK_MAX = 200
#: An article has at least one paragraph this long (a Korean news sentence is 40–80 characters); an
#: extraction without one is a front page, a login wall or a menu.
BODY_LINE_MIN = 25
#: Shortest bullet taken for a list item of the story; shorter ones are a page's buttons and facts.
STORY_BULLET_MIN = 20


# ---- one line ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineView:
    """What the labeller sees of one non-blank line: its text and what the rules said about it."""

    ko: str
    line: int  # physical line number (blank lines count), to see gaps
    rule: str  # the rules' reading: title, subtitle, heading, body or a boilerplate kind
    prose: bool  # too long for a headline, or ends like a Korean sentence
    marker: str | None  # the character class that opens it, see ``marker_of``
    first_tag: str = "none"  # kiwipiepy's tag of the first and last morpheme, punctuation aside
    last_tag: str = "none"
    grammatical: float = 0.0  # share of morphemes that are particles or endings
    finals: int = 0  # sentence-final endings (EF)


def squash(s: str) -> str:
    """The line without its whitespace: two copies of a line are compared so, as pages re-space them."""
    return "".join(s.split())


_ONE_QUOTE_SPELLING = str.maketrans({"`": "'", "‘": "'", "’": "'", "“": '"', "”": '"'})


def plain_quotes(s: str) -> str:
    """One spelling of the quotation marks: a page's two copies of a headline may differ in them."""
    return s.translate(_ONE_QUOTE_SPELLING)


def hangul_count(s: str) -> int:
    """Hangul syllables in ``s``: a Korean paper writes its headlines, decks and headings in them,
    its menus and file names often not."""
    return sum("\uac00" <= ch <= "\ud7a3" for ch in s)


def reads_as_prose(s: str) -> bool:
    """Body text: too long for a headline, or ends like a Korean sentence (…했다.)."""
    return len(s) > HEADLINE_MAX or bool(PROSE_END.search(s)) or bool(INNER_SENTENCE.search(s))


def noun_phrases(s: str) -> bool:
    """Noun phrases joined by stops, a deck's shorthand ("다섯차례 연속 동결. 성장률 전망치는 유지"):
    every stop follows a noun, none an ending (…했다. …요.), and the line ends on no stop. 1 of the
    20 dev decks is written so (``k04``, read as the lead's first sentence); of the other 12 dev lines
    of this shape, 11 are captions and copyright lines ("손흥민. 사진=게티이미지코리아"), chrome the rules
    name, and 1 a fact check's verdict inside its story."""
    stops = [m.group(0)[0] for m in INNER_SENTENCE.finditer(s)]
    return bool(stops) and all(c not in ENDING_SYLLABLES for c in stops) and not PROSE_END.search(s) \
        and len(s) <= HEADLINE_MAX


def ends_complete(s: str) -> bool:
    """The line ends a sentence or a quotation, so the next line is not its continuation."""
    if s[-1] in LINE_CLOSERS:
        return True
    return s[-1] in SENTENCE_STOPS or s[-1] in ENDING_SYLLABLES


def marker_of(s: str) -> str | None:
    """The character class a line opens with: a marker (◇, ▲, •…), a bracket that holds the whole
    line (【 … 】), "tag" for a bracketed tag before the words ([단독] …), "num" for a numbered item."""
    first = s[0]
    if first in MARKERS:
        return first
    close = BRACKET_PAIRS.get(first)
    if close is not None and s.endswith(close):
        return first  # the whole line in brackets: 【 세종시 도시브랜드 홍보 】
    if close is not None and close in s:
        return "tag"  # [단독] …, [인터뷰] …
    if NUMBERED_ITEM.match(s):
        return "num"
    return None


def heading_span(heading: str) -> tuple[int, int]:
    """Where the words of a heading line are once its marker is set aside: ◇, ■, 【 】, 《 》 are layout,
    not text to translate.

    The markers are the ones ``marker_of`` reads, so a heading loses exactly what made it one; a line
    that is nothing but a marker keeps it (the model then gets the line as it is).
    """
    start, end = 0, len(heading)
    while start < end and heading[start].isspace():
        start += 1
    while end > start and heading[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return start, end
    close = BRACKET_PAIRS.get(heading[start])
    if close is not None and heading[end - 1] == close:
        inner_start, inner_end = start + 1, end - 1
    else:
        inner_start, inner_end = start, end
        while inner_start < end and (heading[inner_start] in MARKERS or heading[inner_start].isspace()):
            inner_start += 1
    while inner_start < inner_end and heading[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and heading[inner_end - 1].isspace():
        inner_end -= 1
    return (inner_start, inner_end) if inner_start < inner_end else (start, end)


def caption_shape(s: str) -> bool:
    """A ▲/▶ line (possibly in a table cell, "| ▲ … |") that reads like a photo caption: it ends
    like one or names the picture's people and credit. A ▲ line that is a list item or a quote
    does neither."""
    inner = s.strip("| ")
    return bool(inner) and inner[0] in CAPTION_MARKERS and not INTERVIEW_TURN.match(inner) and bool(
        CAPTION_END.search(inner) or PHOTO_WORDS.search(inner))


def pattern(s: str) -> str:
    """How a line opens, in classes that recur across sites: Q./A., a dash, 1., 첫 번째, a bracket,
    or the marker character itself (◇, ■, ▲…)."""
    for name, regex in _OPENINGS:
        if regex.match(s):
            return name
    return s[0] if not s[0].isalnum() else "plain"


def numbering(views: "Sequence[LineView]") -> list[tuple[str, int] | None]:
    """Each line's place in a numbered series (see ``number_of``)."""
    return [number_of(v.ko) for v in views]


def number_of(s: str) -> tuple[str, int] | None:
    """The shape around a line's opening number ("#." for "1.", "<질문#>" for "<질문 1>",
    "ordinal" for 첫 번째) and the number; None for a line that opens with none."""
    m = SEQUENCE.match(s)
    if m:
        return SPACE.sub("", m.group(1)) + "#" + m.group(3), int(m.group(2))
    o = ORDINAL_OPENING.match(s)
    word = o.group(0).split()[0].replace("번째", "") if o else ""
    return ("ordinal", ORDINALS.index(word) + 1) if word in ORDINALS else None


def ui_sentence(s: str) -> bool:
    """The page explaining itself to its reader ("…음성을 재생하면 … 부과될 수 있습니다."): the
    interface's words in a sentence that addresses the reader politely. Stories report; they
    rarely do both."""
    return bool(UI_WORDS.search(s) and (POLITE_END.search(s) or ADDRESSES_READER.search(s)))


def open_end(view: LineView) -> bool:
    """The line stops where a sentence cannot (a connective, a particle, or 등 closing a list: "…미래형
    자동차 산업 등" / "이른바 4차 산업으로 …"): the next line goes on. The 3 lines of the 76 captures
    that end on 등 are all broadcast lines wrapped mid-sentence."""
    if ENDS_STOP.search(view.ko) or len(view.ko) < 6:
        return False
    return view.last_tag in ("EC", "JKO", "JKB", "JKS", "JX", "JKG", "ETM", "JC", "MAG") or view.ko[-1] in COMMAS \
        or (view.last_tag == "NNB" and view.ko.endswith("등"))

#: A topic or subject particle closing a word of a lead's first sentence ("…지원청은", "…교수가").
_SUBJECT_WORD = re.compile(r"([\uac00-\ud7a3A-Za-z0-9·]+?)(?:은|는|이|가)$")
#: "(교육장 최경노)", "(이사장 박인철)": who heads the institution, not the institution.
_ASIDE = re.compile(r"\([^)]*\)")
#: The subject of a lead opens its first sentence: this many words at most.
SUBJECT_WORDS_MAX = 6


def lead_subject(sentence: str) -> tuple[str, ...]:
    """Who a lead's first sentence is about: its words up to the first topic or subject particle
    ("대전동부교육지원청(교육장 최경노)은 …" → 대전동부교육지원청; "2024년 경기 체육은 …" → 경기,
    체육), numbers left out; nothing when no particle comes early. What it gets wrong: a noun that
    ends in 이 or 가 (아이, 평가) is read as carrying the particle, and a lead that opens with an
    adverbial phrase ("지난 7일 열린 …에서") yields the words of that phrase."""
    words = _ASIDE.sub("", sentence).split()[:SUBJECT_WORDS_MAX]
    for k, word in enumerate(words):
        m = _SUBJECT_WORD.fullmatch(word.strip(",'\"‘’“”"))
        if m:
            kept = [w.strip(",'\"‘’“”") for w in words[:k]] + [m.group(1)]
            return tuple(w for w in kept if hangul_count(w) >= 2 and not any(ch.isdigit() for ch in w))
    return ()


def names_subject(line: str, subject: Sequence[str]) -> bool:
    """Whether ``line`` names one of the subject's words, by its first two syllables: headlines
    shorten names (대덕연구개발특구지원본부 → 대덕특구, 정지태 차기 회장 → 정지태)."""
    flat = squash(line)
    return any(word[:2] in flat for word in subject)


#: A word as headlines and leads share it: Hangul, Latin letters or digits.
_WORD = re.compile(r"[\uac00-\ud7a3A-Za-z0-9]+")
#: A page's label opening a headline: "[인터뷰] ", "[단독] ", "【속보】".
_OPENING_TAG = re.compile(r"^\s*[\[【<〈(][^\]】>〉)]{1,10}[\]】>〉)]\s*")


def restated_share(line: str, text: str) -> float:
    """The share of ``line``'s word pairs (two characters in one word: 로봇, 순찰, 확대) that recur in
    ``text``. Pairs, not words, because Korean glues particles and endings to its words (순찰 in a
    headline, 순찰을 in the lead); a leading tag such as "[인터뷰]" is the page's label, not a word of
    the headline."""
    def pairs(s: str) -> set[str]:
        return {w[k : k + 2] for w in _WORD.findall(s) for k in range(len(w) - 1)}

    own = pairs(_OPENING_TAG.sub("", line, count=1))
    return len(own & pairs(text)) / len(own) if own else 0.0
