"""What one line of web chrome is: bylines, captions, copyright, related links, menus, share
buttons, timestamps, datelines and footers, each recognised from the line alone.

Why apart from the context passes: a line's kind from its own words holds on any site, and the
labeller weighs it as one signal. ``rows.classified_rows`` runs ``classify`` on every line and then
the passes that need context (a block of related links, a repeated line, a dateline that opens a
paragraph). The patterns themselves live in ``shapes``; this module holds the decisions.
"""

from __future__ import annotations

from briefing.reader.shapes import (
    AD_SLOT, AGENCY_TAIL, BOILERPLATE_MAX, BREADCRUMB_SEPARATOR, BYLINE_NAME, COPYRIGHT, COPYRIGHT_CLOSING,
    COPYRIGHT_SIGN, CREDIT_ONLY, CREDIT_TAG, CREDIT_TAIL, CREW, DASHES, DATELINE, DISCLOSURE, EMAIL, FOOTER,
    HEADLINE_MAX, HOME_TRAIL, LINK_BUTTON, MARKDOWN_IMAGE, MENU_SEPARATORS, MENU_WORDS, PHOTO_NUMBER,
    PRODUCTION_CUE, PROSE_END, RELATED_HEADER, RELATED_LINE, ROUND_OR_SQUARE, SEGMENT, SEGMENT_END, SHARE_WORDS,
    SIGNOFF, SPEAKER, STAMP_PART, STAMP_SEPARATORS, STAMP_VALUE, TIP_PROMO, WIRE_PHOTO_TAIL, caption_shape, squash,
)

__all__ = ["classify"]


def _doubled(s: str) -> bool:
    """"도담삼봉(왼쪽)도담삼봉(왼쪽)": a picture's caption and its alt text pasted together."""
    half = len(s) // 2
    return len(s) % 2 == 0 and 3 <= half <= 60 and s[:half] == s[half:]


def classify(s: str) -> tuple[str | None, bool]:
    """Boilerplate kind from the line alone (None: content), and whether it opens a related block."""
    if not any(ch.isalnum() for ch in s):
        return "other", False  # rules such as "------" or a lone ◇
    if MARKDOWN_IMAGE.match(s):
        return "caption", False
    if len(s) > BOILERPLATE_MAX:
        return None, False
    if CREDIT_ONLY.match(s) and len(s) <= 80:
        return "caption", False
    if CREDIT_TAG.match(s) and len(s) <= 80 and not PROSE_END.search(s):
        return "caption", False
    if PHOTO_NUMBER.match(s):
        return "caption", False
    if CREDIT_TAIL.search(s) or AGENCY_TAIL.search(s) or WIRE_PHOTO_TAIL.search(s):
        return "caption", False
    if COPYRIGHT.search(s) and (
        not PROSE_END.search(s) or COPYRIGHT_SIGN.search(s) or COPYRIGHT_CLOSING.search(s)
    ):
        return "copyright", False
    header = RELATED_HEADER.match(s)
    if header:
        return "related", header.end() == len(s)
    if RELATED_LINE.match(s) or (s[0] == "☞" and len(s) <= HEADLINE_MAX):
        return "related", False
    stamp = _timestamp(s)
    if stamp is not None:
        return stamp, False
    tokens = s.split()
    if tokens and all(t.startswith("#") and len(t) > 1 for t in tokens):
        return "tags", False
    words = _interface_words(s)
    if words and all(w in MENU_WORDS or w in SHARE_WORDS or w.isdigit() for w in words):
        if any(w in SHARE_WORDS for w in words):
            return "share", False
        if any(not w.isdigit() for w in words):
            return "menu", False
    if _is_breadcrumb(s) or (len(s) <= 40 and LINK_BUTTON.search(s)):
        return "menu", False
    if SEGMENT.match(s) or SEGMENT.match(squash(s)):
        return "segment", False  # ◀ 앵 커 ▶: a station spaces its marker's letters
    if SEGMENT_END.match(s):
        return "other", False  # ◀END▶ closes the anchor's part; it opens nothing
    if SPEAKER.match(s):
        return "speaker", False
    if PRODUCTION_CUE.match(s):
        return "other", False
    dateline = DATELINE.match(s)
    if dateline and len(s[dateline.end():].split()) >= 3:
        return None, False  # "[매체/홍길동기자] 경기도는 13일 …": a lead, its dateline cut off in context
    if _is_byline(s):
        return "byline", False
    if caption_shape(s) or _doubled(s):
        return "caption", False
    if len(s) <= 80 and FOOTER.search(s) and not PROSE_END.search(s):
        return "other", False
    if len(s) <= 120 and (TIP_PROMO.search(s) or DISCLOSURE.search(s) or AD_SLOT.search(s)):
        return "other", False
    return None, False


def _interface_words(s: str) -> list[str]:
    """The line's words as the menu and share vocabularies spell them: lower case, and a button's word
    without the particle it carries ("트위터로 보내기", "카카오톡으로" send to 트위터, 카카오톡)."""
    return [_button(w) for w in MENU_SEPARATORS.split(s.lower()) if w]


def _button(word: str) -> str:
    for particle in ("으로", "로"):
        if word.endswith(particle) and word[: -len(particle)] in SHARE_WORDS:
            return word[: -len(particle)]
    return word


def _buttons_only(s: str) -> bool:
    words = _interface_words(s)
    return bool(words) and all(w in MENU_WORDS or w in SHARE_WORDS for w in words)


def _timestamp(s: str) -> str | None:
    """"timestamp" for 입력/수정/승인 lines; "byline" when a reporter's name shares the line."""
    if len(s) > HEADLINE_MAX or not STAMP_VALUE.search(s):
        return None
    labelled = STAMP_PART.sub(" ", s) != STAMP_VALUE.sub(" ", s)  # 입력/수정/승인 named, not a date alone
    rest = STAMP_PART.sub(" ", s).strip(STAMP_SEPARATORS)
    if not rest or (labelled and _buttons_only(rest)):
        return "timestamp"  # "등록일 2018년03월14일 09시01분 URL복사 프린트하기": the date and the page's buttons
    if _is_byline(rest) or EMAIL.fullmatch(rest):
        return "byline"
    section = ROUND_OR_SQUARE.sub(" ", rest).strip(STAMP_SEPARATORS)
    if labelled and len(section) <= 12 and len(section.split()) <= 2 and not any(ch.isdigit() for ch in section) \
            and not section.endswith("다"):
        return "timestamp"  # "입력 2016.12.31 (10:14) 수정 … 생활·건강": the section's name beside it
    return None


def _is_breadcrumb(s: str) -> bool:
    """홈 > 정치 > 행정, HOME 뉴스 > 데스크기사: a word or two between > or ›, or between bars or
    spaces after the home link (HOME | 커뮤니티 | 소식/공지사항, HOME 포토뉴스 포토뉴스). A menu's labels
    do not exclaim or ask: "프>홧김에 돌진!" is a headline behind a station's item-type prefix."""
    if HOME_TRAIL.match(s):
        parts = [p.strip() for p in (s.split("|") if "|" in s else s.split())]
    elif ">" not in s and "›" not in s and "»" not in s:
        return False
    else:
        parts = [p.strip() for p in BREADCRUMB_SEPARATOR.split(s)]
    return len(parts) >= 2 and "%" not in s and all(
        0 < len(p) <= 12 and len(p.split()) <= 2 and not p.endswith(("다", "!", "?")) for p in parts)


def _is_byline(s: str) -> bool:
    spoken = s.lstrip(DASHES + " ")  # "-홍길동 기자가 전해드립니다.": a script that dashes every line
    if (len(s) <= 40 and SIGNOFF.match(spoken)) or (len(s) <= 80 and CREW.match(s)):
        return True
    if len(s) > 80 or PROSE_END.search(s):
        return False
    if EMAIL.search(s) and len(s.split()) <= 8:
        return True
    return len(s) <= 60 and len(s.split()) <= 8 and bool(BYLINE_NAME.search(s))
