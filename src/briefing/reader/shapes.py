"""What one line of a capture looks like, in patterns every Korean news site shares: how it ends
(a plain -다 sentence, a polite -니다 one, a question), how it opens (Q., a dash, 1., 첫 번째, a
bracket, a marker), the page's own interface words, a number in a series. The line labeller's
features and the page conventions after it are written in these terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from briefing.reader.chrome import _QA as _CHROME_QA

__all__ = ["ASKS", "QA", "UI_WORDS", "LineView", "hangul_count", "number_of", "numbering", "open_end", "pattern", "ui_sentence"]


@dataclass(frozen=True)
class LineView:
    """What the labeller sees of one non-blank line: its text and what the rules said about it."""

    ko: str
    line: int  # physical line number (blank lines count), to see gaps
    rule: str  # the rules' reading: title, subtitle, heading, body or a boilerplate kind
    prose: bool  # too long for a headline, or ends like a Korean sentence
    marker: str | None  # the character class that opens it, see ``rows._marker``
    first_tag: str = "none"  # kiwipiepy's tag of the first and last morpheme, punctuation aside
    last_tag: str = "none"
    grammatical: float = 0.0  # share of morphemes that are particles or endings
    finals: int = 0  # sentence-final endings (EF)


_DA_END = re.compile(r"[\uac00-\ud7a3](?:다|요|죠|까)[.!?]?\s*[\"'”’」』)\]]*$")


_STOP_END = re.compile(r"[.!?。…]\s*[\"'”’」』)\]]*$")


_QUESTION = re.compile(r"\?\s*[\"'”’」』)\]]*$")


_DATE = re.compile(r"\d{4}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}")


_TIME = re.compile(r"\d{1,2}:\d{2}")


_URL = re.compile(r"https?://|www\.|\.(?:com|co\.kr|kr|net)\b", re.I)


_REPORTER = re.compile(r"(?:기자|특파원|앵커|PD|리포터|통신원)(?:$|[\s\],.)/】>·=]|입니다|가\s|는\s)")


# chrome's interview turn (Q. …, 답: …), or an answer led by a dash
QA = re.compile(_CHROME_QA.pattern + r"|^[-―—–]\s*[^\s]")


_NUMBERED = re.compile(r"^\d{1,2}\s*[.)]\s*")


_ORDINAL_KEY = re.compile(r"^(?:첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?번째")


_CLOSE_BRACKET = re.compile(r"[\]】>〉》」▶]\s*$")


_SEPARATORS = re.compile(r"[|·>›»/]")


_BRACKET_LABEL = re.compile(r"^[\[【<〈{(◀]\s*[^\]】>〉}\)▶]{1,12}\s*[\]】>〉}\)▶:]?$")


# An interviewer's question, with or without its mark: "…평가를 내린다면?", "Q. 비용은.", "…있나요".
ASKS = re.compile(r"(?:\?|[나까니지]요?|[은는]\.|다면|라면|는지|할까|인가|인가요|습니까|ㅂ니까|"
                   r"부탁(?:드립|합)니다|해\s?주세요|주시죠)\s*[\"'”’」』)\]]*\s*[.)]?$")  # …소개 부탁드립니다.: a request


# A page speaking to its reader: honorific requests and offers (확인하세요, 남기실 수 있습니다,
# 만나보세요, 권장합니다). News sentences report in the plain -다 style; broadcast scripts in -습니다,
# but they do not ask the viewer to do things.
_ADDRESSES_READER = re.compile(r"(?:하|보|주|받|누르|확인하|이용하|참고하)?(?:세요|십시오|시면|실\s?수|시기\s?바랍니다)|권장합니다|바랍니다")


_POLITE_END = re.compile(r"(?:니다|세요|까요|에요|예요)[.!?]?\s*[\"'”’」』)\]]*$")


_NAME_ROLE = re.compile(r"[\uac00-\ud7a3]{2,4}\s*/\s*\S")


# The vocabulary of a web page's own interface, in any site's wording: reading aloud, font size,
# comments, subscriptions, log-in, sharing, apps, QR codes. Story sentences rarely use two of them.
UI_WORDS = re.compile(
    r"기사|댓글|구독|글자\s?크기|글씨|로그인|계정|음성|재생|읽어\s?(?:주|드)|누리집|홈페이지|QR|본문|바로\s?가기|"
    r"제보|언론사|채널|앱|공유|스크랩|클릭|보기|이동|브라우저|메뉴|검색|광고|알림|설정|변경|인쇄|"
    r"저작권|무단|배포|뉴스레터|팔로우|좋아요|추천|페이지|URL|링크|다운로드|회원|무료|신청|로고|스크립트|불러오는\s?중", re.I)


# The number a line opens with, and the shape around it: "1.", "<질문 2>", "[검증.3]", "Q4.".
_SEQUENCE = re.compile(r"^([^\w\s]{0,2}\s?[\uac00-\ud7a3A-Za-z]{0,4}\s?[.]?)\s?(\d{1,2})\s*([.)>\]】:]|번째)")


_ORDINALS = ("첫", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열")


_TOKEN = re.compile(r"[\uac00-\ud7a3A-Za-z]+")


_PATTERNS = (
    ("qa", re.compile(r"^(?:Q|A|문|답)\s*\d{0,2}\s*[.:：)>=]")),
    ("dash", re.compile(r"^[-―—–]\s*\S")),
    ("number", re.compile(r"^\d{1,2}\s*[.)]")),
    ("ordinal", _ORDINAL_KEY),
    ("bracket", re.compile(r"^[\[【<〈{(◀《]")),
)


def pattern(s: str) -> str:
    """How a line opens, in classes that recur across sites: Q./A., a dash, 1., 첫 번째, a bracket,
    or the marker character itself (◇, ■, ▲…)."""
    for name, regex in _PATTERNS:
        if regex.match(s):
            return name
    return s[0] if not s[0].isalnum() else "plain"


def numbering(views: "Sequence[LineView]") -> list[tuple[str, int] | None]:
    """Each line's place in a numbered series (see ``number_of``)."""
    return [number_of(v.ko) for v in views]


def number_of(s: str) -> tuple[str, int] | None:
    """The shape around a line's opening number ("#." for "1.", "<질문#>" for "<질문 1>",
    "ordinal" for 첫 번째) and the number; None for a line that opens with none."""
    m = _SEQUENCE.match(s)
    if m:
        return re.sub(r"\s", "", m.group(1)) + "#" + m.group(3), int(m.group(2))
    o = _ORDINAL_KEY.match(s)
    word = o.group(0).split()[0].replace("번째", "") if o else ""
    return ("ordinal", _ORDINALS.index(word) + 1) if word in _ORDINALS else None


def hangul_count(s: str) -> int:
    """Hangul syllables in ``s``: a Korean paper writes its headlines, decks and headings in them,
    its menus and file names often not."""
    return sum("\uac00" <= ch <= "\ud7a3" for ch in s)


def ui_sentence(s: str) -> bool:
    """The page explaining itself to its reader ("…음성을 재생하면 … 부과될 수 있습니다."): the
    interface's words in a sentence that addresses the reader politely. Stories report; they
    rarely do both."""
    return bool(UI_WORDS.search(s) and (_POLITE_END.search(s) or _ADDRESSES_READER.search(s)))


def open_end(view: LineView) -> bool:
    """The line stops where a sentence cannot (a connective or a particle): the next line goes on."""
    if _STOP_END.search(view.ko) or len(view.ko) < 6:
        return False
    return view.last_tag in ("EC", "JKO", "JKB", "JKS", "JX", "JKG", "ETM", "JC", "MAG") or view.ko[-1] in ",，"
