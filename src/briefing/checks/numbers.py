"""The number check: every number and date of the Korean, read as the values English may write it as,
and told apart from a number the English changed (numbers_en reads the English side)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from briefing.model import Issue, Segment
from briefing.checks.numbers_en import (DOTTED_DATE, Mention, english_mentions, english_numbers, english_word_for,
                                        listed_names, number_value)


@dataclass(frozen=True)
class KoreanNumber:
    """A number found in Korean, with the values the English may show for it. ``kind`` is what kind of
    number it is ("year", "month", "day", "time", "percent" or "quantity", which says what may stand
    where it was changed) and ``unit`` its currency ("won"), "measure" or "time" (3년, 일곱 번)."""

    ko: str
    expected: str
    accept: frozenset
    native: bool = False  # a native number word (세 명, 일곱 번): checked only against a rival number
    kind: str = "quantity"
    unit: str | None = None


_KO_WORDS = {"두": 2, "둘": 2, "세": 3, "셋": 3, "석": 3, "네": 4, "넷": 4, "넉": 4, "다섯": 5, "여섯": 6, "일곱": 7,
             "여덟": 8, "아홉": 9, "열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60,
             "일흔": 70, "여든": 80, "아흔": 90}
_SMALL = {"십": 10, "백": 100, "천": 1000}
_BIG = {"만": 10_000, "억": 100_000_000, "조": 1_000_000_000_000}
# 5천4백만, 3만 5천, 1.5억, 1,000: digits with optional 십/백/천 and 만/억/조, several in a row
# Each repeated part ends in a unit, so one run of digits is never cut in two: without that, 2025.02.28
# matched as "2025.0" + "2.28" and was then parsed as one float (a crash on real captions, #10).
# Digits after a letter and a hyphen (F-16, COVID-19) are a name, not a number.
_KO_NUMBER = re.compile(r"(?<![\d.,A-Za-z])(?<![A-Za-z]-)"
                        r"(?:\d+(?:,\d{3})*(?:\.\d+)?\s?(?:[십백천]\s?[만억조]?|[만억조])\s?)*"
                        r"\d+(?:,\d{3})*(?:\.\d+)?(?:\s?[십백천])?(?:\s?[만억조])?(?![A-Za-z]\d)")
_KO_PART = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s?([십백천])?\s?([만억조])?")
# A unit the English may have converted: the Korean unit (not followed by a letter, so "m" is not "mm"),
# and each English unit it converts to with its factor. A conversion counts only when the English
# number carries that other unit: 15 m as "49 feet" is 15 m, "17 meters" is another number.
_CONVERSIONS = (
    (r"(?:km|㎞|킬로미터|킬로)", (("mile", 0.621371),)),
    (r"(?:kg|㎏|킬로그램)", (("pound", 2.20462),)),
    (r"(?:m|미터)", (("foot", 3.28084), ("yard", 1.09361))),
    (r"(?:cm|㎝|센티미터|센티)", (("inch", 0.393701),)),
    (r"(?:mm|㎜|밀리미터)", (("inch", 0.0393701),)),
    (r"(?:리터|ℓ|L)", (("gallon", 0.264172), ("quart", 1.05669))),
    (r"(?:㎡|m2|제곱미터)", (("sqft", 10.7639),)),
    (r"(?:헥타르|ha)", (("acre", 2.47105),)),
)
_CURRENCIES = {"원": "won", "달러": "dollar", "불": "dollar", "유로": "euro", "파운드": "pound", "엔": "yen",
               "위안": "yuan", "루피": "rupee"}
# counters of time: a vague word of time (later, ago, last, night) can stand for these, and no other
_TIME_COUNTERS = ("년", "개월", "달", "주", "일", "시간", "분", "초", "세기", "번", "차례", "회", "박")
# Words that stand for a number the check cannot confirm: the English says it another way, which a
# reviewer should glance at (a "note"), but only for a number such a word can stand for, and only while
# the English holds no other number of the same kind (a rival): then the number was changed.
_VAGUE_QUANTITY = frozenset(
    "several few dozens hundreds thousands millions billions many numerous most majority minority half "
    "handful multiple couple some countless various tens scores".split())
_VAGUE_TIME = frozenset(
    "yesterday today tomorrow tonight recently earlier later last next previous following ago annual annually "
    "monthly weekly daily morning afternoon evening night dawn overnight decade decades century centuries "
    "once twice".split())
# 한미일 3국, 한중 2개국: a count that restates the countries just named, which English lists instead
_COUNTRY_SYLLABLES = frozenset("한미일중러북남영프독호인대")


def expressed_otherwise(number: KoreanNumber, en: str) -> bool:
    """Whether the English plausibly says ``number`` in a way the check cannot confirm: a vague
    quantity for a count (several, dozens, most), a relative date for a date or a span of time (last
    year, this morning, ago), or an amount converted into another currency (3억 원 as "$230,000").
    Such a number is a note, not a finding."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", en)}
    of_time = number.kind in ("year", "month", "day", "time") or number.unit == "time"
    if words & (_VAGUE_TIME if of_time else _VAGUE_QUANTITY):
        return True
    if number.unit == "won" and re.search(r"[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|yuan)\b", en, re.I):
        return True
    return False


def _korean_value(text: str, article: bool) -> float:
    total = section = 0.0
    for m in _KO_PART.finditer(text):
        value = number_value(m.group(1)) * (_SMALL[m.group(2)] if m.group(2) else 1)
        if m.group(3) and not (article and m.group(3) == "조"):
            total += (section + value) * _BIG[m.group(3)]
            section = 0.0
        else:
            section += value
    return total + section


def _expected(value: float) -> str:
    if value != int(value):
        return str(value)
    return f"{value:,.0f}" if value >= 10_000 else str(int(value))


def _korean_kind(value: float, text: str, before: str, after: str) -> tuple[str, str | None]:
    """What kind of number this is, from its counter: a year (1994년, or a bare 1539 in "1469–1539"), a
    day of a month (3월 20일), a clock time (2시 30분), a percentage, or a quantity with its currency,
    measure or time counter ("time": 3년, 7일간, 일곱 번)."""
    if after.startswith(("%", "퍼센트", "프로")):
        return "percent", None
    bare = re.fullmatch(r"\d{4}", text) is not None
    if 1000 <= value <= 2100 and bare and (after.startswith("년") or not re.match(r"[가-힣A-Za-z]", after)
                                           or re.match(r"[~\-–]|(?:에|의|까지|부터|년)", after)):
        return "year", None
    if after.startswith("일") and not after.startswith(("일간", "일동안")) and re.search(r"월\s?$", before) \
            and value <= 31:
        return "day", None
    if after.startswith("시") and not after.startswith(("시간", "시즌", "시대", "시절")) and value <= 24:
        return "time", None
    if after.startswith(("분", "초")) and re.search(r"\d\s?(?:시|분)\s?(?:\d+\s?분\s?)?$", before):
        return "time", None
    for word, currency in _CURRENCIES.items():
        if after.startswith(word):
            return "quantity", currency
    for units, conversions in _CONVERSIONS:
        if re.match(units + r"(?![A-Za-z])", after):
            return "quantity", "measure"
    if after.startswith(_TIME_COUNTERS):
        return "quantity", "time"
    return "quantity", None


def _enumerated(before: str, value: float) -> bool:
    """Whether the count restates the countries the Korean lists just before it (한미일 3국, 미·중·일
    3개국): English names them instead of counting them."""
    word = re.split(r"\s", before.rstrip())[-1] if before.strip() else ""
    word = word.strip("'\"‘’“”()")
    if not word or value < 2:
        return False
    if len(word) == value and set(word) <= _COUNTRY_SYLLABLES:
        return True
    return len(re.split(r"[·,/]", word)) == value


def korean_numbers(ko: str, morphs: Sequence = ()) -> list[KoreanNumber]:
    """Numbers in a Korean segment with the English values that render each (see ``check_number``).

    Digits glued to Latin letters are identifiers (KV62, H5N1, CG4684) and are left out.
    """
    out = []
    for m in DOTTED_DATE.finditer(ko):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        out.append(KoreanNumber(m.group(1), str(year), frozenset({float(year), float(year % 100)}),
                                kind="year"))
        out.append(KoreanNumber(m.group(3), str(month), frozenset({float(month), ("month", month)}),
                                kind="month"))
        out.append(KoreanNumber(m.group(4), str(day), frozenset({float(day)}), kind="day"))
    ko = DOTTED_DATE.sub(lambda m: " " * len(m.group()), ko)
    for m in _KO_NUMBER.finditer(ko):
        text = m.group().rstrip()
        start, end = m.start(), m.start() + len(text)
        before = ko[max(0, start - 12):start]
        after = ko[end:end + 6].lstrip()
        article = before.endswith("제")  # 제247조 is Article 247, not 247 trillion
        value = _korean_value(text, article)
        if value == 1 and re.search(r"분의\s?$", before):
            continue  # 3분의 1 is "a third": the numerator is the article
        accept = {value}
        if after.startswith("분의"):
            accept.update(("word", w) for w in {2: ("half", "halves"), 4: ("quarter", "quarters")}.get(int(value), ()))
        if not re.search(r"[십백천만억조]", text):
            accept.add(number_value(text.split()[0]))
        expected = _expected(value)
        kind, unit = _korean_kind(value, text, before, after)
        if after.startswith("월"):
            accept.add(("month", int(value)))
            kind = "month"
        if after.startswith("년") and 1900 <= value < 2100:
            accept.add(("short year", value % 100))  # 1995-96, '96
        if after.startswith("년대") and value < 100:
            accept.update({1900 + value, 2000 + value})
        if after.startswith("시") and "오후" in before and value < 12:
            accept.add(value + 12)
        if after.startswith("℃") or after.startswith("도") and "섭씨" in before:
            accept.add(("about", "fahrenheit", value * 9 / 5 + 32))
            kind, unit = "quantity", "measure"
        if after.startswith(("%", "퍼센트")):
            accept.update(("word", w) for w in {50: ("half",), 25: ("quarter",), 75: ("three-quarters",)}.get(
                int(value), ()) if value == int(value))
        for units, conversions in _CONVERSIONS:
            if re.match(units + r"(?![A-Za-z])", after):
                accept.update(("about", to, value * factor) for to, factor in conversions)
        accept.update(_counter_words(value, after, before))
        if after.startswith("분") and re.search(r"후반(?:전)?\s?$", before):
            accept.add(value + 45)  # 후반 10분 is the 55th minute of a football match
        if after.startswith("박"):
            expected = f"{expected} nights"
        elif after.startswith(("주년", "번째", "째", "차")) or article:
            expected = _ordinal(expected)
        if _enumerated(before, value) and after.startswith(("국", "개국", "개 국", "나라", "개 나라", "개나라")):
            accept.add(("enumerated", int(value)))
        suffix = re.match(r"[가-힣㎞㎏℃%]{0,3}", after).group()
        out.append(KoreanNumber(f"{'제' if article else ''}{text}{suffix}", expected, frozenset(accept),
                                kind=kind, unit=unit))
    out.extend(_native_numbers(ko, morphs))
    return out


def _native_numbers(ko: str, morphs: Sequence) -> list[KoreanNumber]:
    """Native number words (세 명, 일곱 번, 열두 척, 스무 살), from kiwi's determiners (MM) and numerals (NR)."""
    out = []
    morphs = list(morphs)
    i = 0
    while i < len(morphs):
        form, tag, start, end = morphs[i]
        if tag not in ("MM", "NR") or form not in _KO_WORDS:
            i += 1
            continue
        value, last = _KO_WORDS[form], end
        # 열두 (열 + 두), 스물다섯: a tens word and a units word written together
        if value >= 10 and i + 1 < len(morphs):
            nform, ntag, nstart, nend = morphs[i + 1]
            if ntag in ("MM", "NR") and nform in _KO_WORDS and _KO_WORDS[nform] < 10 and nstart == end:
                value, last = value + _KO_WORDS[nform], nend
                i += 1
        i += 1
        if form == "세" and tag != "MM":
            continue  # 세 as a noun (tax, age): only the determiner 세 (세 명) is three
        following = ko[last:].split(maxsplit=1)
        after = following[0] if following else ""
        before = ko[max(0, start - 12):start]
        kind, unit = _korean_kind(float(value), str(value), before, after)
        accept = {float(value)}
        accept.update(_counter_words(float(value), after, before))
        label = ko[start:last] + (f" {after}" if after else "")
        out.append(KoreanNumber(label, english_word_for(value), frozenset(accept), native=True, kind=kind,
                                unit=unit))
    return out


# Korean counters that English writes as a word rather than a number: (counter, value or None for any
# value, English words that carry it). Each comes from a human reference that the digit check flagged
# (#13): 1위 as "top", 10대 as "teenagers", 2인조 as "duo", 1차 세계 대전 as "WW1", 2차 경기 as "the
# return match", 12시 as "noon".
_COUNTER_WORDS = (
    ("위", 1, ("top", "first", "leading", "best", "topped", "tops", "highest", "largest", "biggest",
               "winner", "winners", "won", "champion", "champions", "no")),
    ("대", 10, ("teens", "teen", "teenage", "teenager", "teenagers", "adolescent", "adolescents")),
    ("인조", 2, ("duo", "duet", "pair", "tandem", "two-man", "two-piece")),
    ("인조", 3, ("trio", "threesome")),
    ("인조", 4, ("quartet", "foursome")),
    ("인조", 5, ("quintet",)),
    ("차 세계", 1, ("ww1", "wwi", "great")),
    ("차 세계", 2, ("ww2", "wwii")),
    ("차 경기", 2, ("return", "rematch", "leg", "replay")),
    ("차전", 2, ("return", "rematch", "leg", "replay")),
    ("시", 12, ("noon", "midday", "midnight")),
    ("시", 0, ("midnight",)),
    ("시", 24, ("midnight",)),
    ("시간", 24, ("day", "daily", "around-the-clock", "round-the-clock")),
    ("년", 100, ("century", "centennial", "centenary")),
    ("주", 1, ("week", "weekly")),
    ("개월", 12, ("year", "annual", "annually")),
    ("분", 15, ("quarter-hour", "quarter")),
    ("분", 30, ("half-hour", "half")),
    ("년마다", 2, ("biennial", "biennially")),
    ("년에 한", 2, ("biennial", "biennially")),
    ("년", 50, ("half-century",)),
    ("학년", 1, ("freshman", "freshmen", "first-year")),
    ("학년", 2, ("sophomore", "sophomores", "second-year")),
)


def _counter_words(value: float, after: str, before: str) -> set:
    """English words that stand for ``value`` before this Korean counter (see ``_COUNTER_WORDS``)."""
    out = set()
    for counter, number, words in _COUNTER_WORDS:
        if value == number and after.replace(" ", "").startswith(counter.replace(" ", "")):
            out.update(("word", w) for w in words)
    return out


def _ordinal(number: str) -> str:
    """1st, 2nd, 3rd, 11th, 21st: the check used to expect the non-word "1th" (#13)."""
    digits = number.replace(",", "")
    if not digits.isdigit():
        return f"{number}th"
    n = int(digits)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{number}{suffix}"


def number_rendered(number: KoreanNumber, english: set) -> bool:
    """Whether one of the values ``number`` accepts is among the English values. A converted unit counts
    only in the other unit and within 10% (15 m as "49 feet", 70㎞ as "about 40 miles"); a temperature
    may be a decade of Fahrenheit (32℃ as "the 90s")."""
    for v in number.accept:
        if isinstance(v, tuple) and v[0] == "about":
            _, unit, converted = v
            if any(isinstance(e, tuple) and e[0] == "measure" and e[1] == unit and e[2] > 0
                   and abs(e[2] - converted) <= 0.1 * converted for e in english):
                return True
            if unit == "fahrenheit" and any(isinstance(e, tuple) and e[0] == "decade"
                                            and -1 < converted - e[1] < 10 for e in english):
                return True
        elif v in english:
            return True
    return False


# which kinds of English number may stand where a changed Korean number of each kind would
_RIVAL_KINDS = {"year": ("year",), "day": ("day",), "time": ("time",), "percent": ("percent",),
                "month": (), "quantity": ("quantity",)}


def rivals(number: KoreanNumber, mentions: Sequence[Mention], numbers: Sequence[KoreanNumber]) -> list[Mention]:
    """The English numbers that may stand where ``number`` was changed: of the same kind (a year for a
    year, a day for a day, a percentage for a percentage, a quantity for a quantity in the same currency),
    and accounted for by no number of the Korean (a percentage accounts only for a percentage: 2% and
    "two hours" are two numbers)."""
    out = []
    for mention in mentions:
        if mention.kind not in _RIVAL_KINDS.get(number.kind, ()) or any(
                mention.values & n.accept for n in numbers if n.kind != "percent" or mention.kind == "percent"):
            continue
        if number.unit in _CURRENCIES.values() and mention.unit and mention.unit != number.unit:
            continue  # 3억 원 as "$230,000": another currency, converted
        if number.unit == "measure" and mention.unit and mention.unit != "measure":
            continue  # 15 m as "49 feet" is a conversion, judged by number_rendered
        if number.native and not any(2 <= v <= 100 for v in mention.values):
            continue
        out.append(mention)
    return out


def check_number(segments: Sequence[Segment]) -> list[Issue]:
    """A number or date in the Korean that the English does not carry.

    Reads 1994년 as 1994, 1만 as 10,000 (10 thousand), 4박 5일 as 4 nights and 5 days, 3.6㎞ as 3.6 or
    2.2 miles, 20주년 as 20th, 3월 as March or Mar, 2시 30분 as 2:30; English number words count too
    (ten thousand, both, twice, third). A number the English lacks is an error when the English holds
    a rival (another number of the same kind that no Korean number accounts for: 1949 for 1994, 3,000
    for 3만, "four people" for 세 명); without a rival it is a note where the English has a vague word
    that can stand for it (several, ago, last night), and an error otherwise. A native number word
    (두, 세, 일곱…) is reported only against a rival: good translators paraphrase them (두 번째 구역 as
    "secondary area", 세 가지 증상 as "a triad"), which raised one false alarm in a hundred human
    segments when they were checked like digits. A count of countries that restates the list before it
    (한미일 3국) is left to the English when it names as many. False alarms: a unit converted beyond 10% (3.6 km as
    2 miles), a date the Korean itself gets wrong, a number the English writes in a form the check
    does not read.
    """
    issues = []
    for segment in segments:
        en = segment.en or ""
        english, plain = english_numbers(en), english_numbers(en, said_otherwise=False)
        mentions = english_mentions(en)
        numbers = korean_numbers(segment.ko, segment.morphemes)
        for number in numbers:
            if number_rendered(number, plain):
                continue
            rival = rivals(number, mentions, numbers)
            if not rival and number_rendered(number, english):
                continue  # said another way (both, twice, top, 49 feet), and no other number stands there
            if not rival and any(v[0] == "enumerated" and v[1] in listed_names(en)
                                 for v in number.accept if isinstance(v, tuple)):
                continue  # 한미일 3국 as "Korea, the United States and Japan": the list says the count
            if not rival and number.native:
                continue
            if not rival and number.kind in ("month", "day") and ("weekday",) in english:
                continue
            note = not rival and expressed_otherwise(number, en)
            issues.append(Issue("number", segment.id, number.ko, number.expected, None,
                                message=f"{number.ko} ({number.expected}) is not in the English"
                                + (", which may say it another way" if note else ""),
                                severity="note" if note else "error"))
    return issues
