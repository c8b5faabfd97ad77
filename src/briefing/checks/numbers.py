"""The number check: every number and date of the Korean, read as the values English may write it as."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from briefing.model import Issue, Segment


@dataclass(frozen=True)
class KoreanNumber:
    """A number found in Korean, with the values the English may show for it."""

    ko: str
    expected: str
    accept: frozenset
    native: bool = False  # a native number word (두, 세): checked only against a conflicting number


_KO_WORDS = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_SMALL = {"십": 10, "백": 100, "천": 1000}
_BIG = {"만": 10_000, "억": 100_000_000, "조": 1_000_000_000_000}
# 5천4백만, 3만 5천, 1.5억, 1,000: digits with optional 십/백/천 and 만/억/조, several in a row
# Each repeated part ends in a unit, so one run of digits is never cut in two: without that, 2025.02.28
# matched as "2025.0" + "2.28" and was then parsed as one float (a crash on real captions, #10).
_KO_NUMBER = re.compile(r"(?<![\d.,A-Za-z])(?:\d+(?:,\d{3})*(?:\.\d+)?\s?(?:[십백천]\s?[만억조]?|[만억조])\s?)*"
                        r"\d+(?:,\d{3})*(?:\.\d+)?(?:\s?[십백천])?(?:\s?[만억조])?(?![A-Za-z]\d)")
# A dotted or dashed date (2025.02.28, 2025. 2. 28., 2025-02-28, 25.2.28): year, month and day, each
# its own number. Read before other numbers, so a date is never taken for a decimal.
_DOTTED_DATE = re.compile(r"(?<![\d.,])(\d{4}|\d{2})\s?([.\-/])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?![\d,]|\.\d)\.?")
_KO_PART = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s?([십백천])?\s?([만억조])?")
# a unit the English may have converted: (Korean unit prefixes, factor to the English unit)
_CONVERSIONS = (
    (("km", "㎞", "킬로미터", "킬로"), (0.621371,)),
    (("kg", "㎏", "킬로그램"), (2.20462,)),
    (("m", "미터"), (3.28084, 1.09361)),
    (("cm", "㎝", "센티미터", "센티"), (0.393701,)),
    (("mm", "㎜", "밀리미터"), (0.0393701,)),
    (("리터", "ℓ", "L"), (0.264172, 1.05669)),
    (("㎡", "m2", "제곱미터"), (10.7639,)),
)
_MONTHS = {m: n for n, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: n for m, n in list(_MONTHS.items())} | {"sept": 9})  # Nov-Feb, Sept. 3
_EN_UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if n > 1}
_EN_ORDINALS = {w: n for n, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
_EN_ORDINALS.update({w[:-1] + "ieth": v for w, v in _EN_TENS.items()})
_EN_ORDINALS.update({w + "s": v for w, v in list(_EN_ORDINALS.items()) if v >= 3})  # two thirds
_EN_ORDINALS.update({w[:-1] + "ies": v for w, v in _EN_TENS.items()})  # in their twenties
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
              "dozen": 12, "dozens": 12, "decade": 10, "decades": 10}
_SMALL_SCALES = {"hundred", "dozen", "dozens", "decade", "decades"}
# words that carry a number without a numeral: both countries (두 나라), twice (두 번), a decade (10년)
_EN_ALIASES = {"both": 2, "couple": 2, "pair": 2, "twice": 2, "double": 2, "twin": 2, "twins": 2, "once": 1,
               "single": 1, "thrice": 3, "triple": 3, "trio": 3, "century": 100, "half": 2, "halves": 2,
               "quarter": 4, "quarters": 4, "fortnight": 14, "a": 1, "an": 1}
_ROMAN = re.compile(r"\b(?=[IVX]{2,}\b)(X{0,3})(IX|IV|V?I{0,3})\b")


@lru_cache(maxsize=16384)
def _misspelt_month(word: str) -> int | None:
    """A full month name with one letter slipped (Novemeber, Feburary): people misspell months in
    otherwise exact references, and a finding on those is a false alarm."""
    from difflib import SequenceMatcher

    for name, number in _MONTHS.items():
        if len(name) >= 5 and name[0] == word[0] and SequenceMatcher(None, name, word).ratio() >= 0.85:
            return number
    return None


def expressed_otherwise(number: KoreanNumber, en: str) -> bool:
    """Whether the English plausibly says ``number`` in a way the check cannot confirm: a vague
    quantity or a relative date (several, dozens, last year, this morning) or an amount converted into
    another currency (3억 원 as "$230,000"). Such a number is a note, not a finding."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", en)}
    if words & _VAGUE:
        return True
    if "원" in number.ko and re.search(r"[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|yuan)\b", en, re.I):
        return True
    return False


def _number_words(en: str) -> set:
    """Values of the number words and ordinals of ``en``, as text2num reads them (threshold 0: one,
    first and second are numbers too). Imported on first use like every library the CLI may not need."""
    from text_to_num import alpha2digit

    converted = alpha2digit(en, "en", threshold=0)
    return {_value(m.group(1)) for m in re.finditer(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)(?:st|nd|rd|th|s)?\b",
                                                     converted)}


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def _korean_value(text: str, article: bool) -> float:
    total = section = 0.0
    for m in _KO_PART.finditer(text):
        value = _value(m.group(1)) * (_SMALL[m.group(2)] if m.group(2) else 1)
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


def korean_numbers(ko: str, morphs: Sequence = ()) -> list[KoreanNumber]:
    """Numbers in a Korean segment with the English values that render each (see ``check_number``).

    Digits glued to Latin letters are identifiers (KV62, H5N1, CG4684) and are left out.
    """
    out = []
    for m in _DOTTED_DATE.finditer(ko):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        out.append(KoreanNumber(m.group(1), str(year), frozenset({float(year), float(year % 100)})))
        out.append(KoreanNumber(m.group(3), str(month), frozenset({float(month), ("month", month)})))
        out.append(KoreanNumber(m.group(4), str(day), frozenset({float(day)})))
    ko = _DOTTED_DATE.sub(lambda m: " " * len(m.group()), ko)
    for m in _KO_NUMBER.finditer(ko):
        text = m.group().rstrip()
        start, end = m.start(), m.start() + len(text)
        before = ko[max(0, start - 4):start]
        after = ko[end:end + 4].lstrip()
        article = before.endswith("제")  # 제247조 is Article 247, not 247 trillion
        value = _korean_value(text, article)
        if value == 1 and re.search(r"분의\s?$", before):
            continue  # 3분의 1 is "a third": the numerator is the article
        accept = {value}
        if not re.search(r"[십백천만억조]", text):
            accept.add(_value(text.split()[0]))
        expected = _expected(value)
        if after.startswith("월"):
            accept.add(("month", int(value)))
        if after.startswith("년") and 1900 <= value < 2100:
            accept.add(value % 100)  # 1995-96
        if after.startswith("년대") and value < 100:
            accept.update({1900 + value, 2000 + value})
        if after.startswith("시") and "오후" in before and value < 12:
            accept.add(value + 12)
        if after.startswith("℃") or after.startswith("도") and "섭씨" in ko[max(0, start - 6):start]:
            accept.add(("about", value * 9 / 5 + 32))
        for units, factors in _CONVERSIONS:
            if after.startswith(units):
                accept.update(("about", value * f) for f in factors)
        accept.update(_counter_words(value, after, before))
        if after.startswith("분") and re.search(r"후반(?:전)?\s?$", before):
            accept.add(value + 45)  # 후반 10분 is the 55th minute of a football match
        if after.startswith("박"):
            expected = f"{expected} nights"
        elif after.startswith(("주년", "번째", "째", "차")) or article:
            expected = _ordinal(expected)
        suffix = re.match(r"[가-힣㎞㎏℃%]{0,3}", after).group()
        out.append(KoreanNumber(f"{'제' if article else ''}{text}{suffix}", expected, frozenset(accept)))
    for form, tag, start, end in morphs:
        if tag == "MM" and form in _KO_WORDS:
            value = _KO_WORDS[form]
            word = next(w for w, v in _EN_UNITS.items() if v == value)
            following = ko[end:].split(maxsplit=1)
            out.append(KoreanNumber(f"{form} {following[0]}" if following else form, word,
                                    frozenset({float(value)}), native=True))
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
    """Whether one of the values ``number`` accepts is among the English values (converted units within 10%)."""
    for v in number.accept:
        if isinstance(v, tuple) and v[0] == "about":
            if any(isinstance(e, float) and e > 0 and abs(e - v[1]) <= 0.1 * v[1] for e in english) or \
                    any(isinstance(e, float) and e >= 10 and abs(e - v[1]) < 10 and e % 10 == 0 for e in english):
                return True  # 32℃ as "the 90s" (°F)
        elif v in english:
            return True
    return False


_EN_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*-?\s*(hundred|thousand|million|billion|trillion))?",
                        re.I)
_EN_TOKEN = re.compile(r"[a-z]+", re.I)


# 2.8bn, £125m, $3.5 trillion, 40k: a numeral with a magnitude word or its newsroom abbreviation
_EN_MAGNITUDE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s?-?(bn|billion|mn|m|million|k|thousand|tn|trillion)\b",
                           re.I)
_MAGNITUDES = {"bn": 10**9, "billion": 10**9, "mn": 10**6, "m": 10**6, "million": 10**6, "k": 1000,
               "thousand": 1000, "tn": 10**12, "trillion": 10**12}
_WORLD_WAR = re.compile(r"\bWW\s?(I{1,2}|[12])\b")
# Words that stand for a number the check cannot confirm: the English says it another way, which a
# reviewer should glance at, not a finding (a "note").
_VAGUE = frozenset(
    "several few dozens hundreds thousands millions billions many numerous most majority minority half "
    "handful multiple couple some countless various yesterday today tomorrow tonight recently earlier later "
    "last next previous following ago annual annually monthly weekly daily morning afternoon evening night "
    "dawn overnight decade decades century centuries once twice".split())


def english_numbers(en: str) -> set:
    """Every value an English segment carries: numerals, scaled numerals (10 thousand, 2.8bn, £125m),
    number words and ordinals (read by text2num: twenty-first, fifty-five), months (as ("month", n)),
    aliases such as both, twice, decade, and every word (as ("word", w)) for the counters that English
    writes as words (1위 as "top")."""
    values: set = {("word", w.lower()) for w in re.findall(r"[A-Za-z][A-Za-z\-]*", en)}
    for m in _EN_MAGNITUDE.finditer(en):
        values.add(_value(m.group(1)) * _MAGNITUDES[m.group(2).lower()])
    for m in _WORLD_WAR.finditer(en):
        values.add(float(len(m.group(1)) if m.group(1).startswith("I") else int(m.group(1))))
    values.update(_number_words(en))
    for m in _DOTTED_DATE.finditer(en):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        values.update({float(year), float(month), ("month", month), float(day)})
    for m in _EN_NUMBER.finditer(_DOTTED_DATE.sub(" ", en)):
        value = _value(m.group(1) + (m.group(2) or ""))
        values.add(value)
        if m.group(3):
            values.add(value * _EN_SCALES[m.group(3).lower()])
        if m.group(2):
            values.add(_value(m.group(1)))
    for m in _ROMAN.finditer(en):
        roman = m.group()
        values.add(float(sum({"I": 1, "V": 5, "X": 10}[c] for c in roman) - 2 * roman.count("IV")
                         - 2 * roman.count("IX")))
    total = current = 0
    active = False
    for tok in _EN_TOKEN.findall(en.replace("-", " ")) + [""]:
        word = tok.lower()
        v = _EN_UNITS.get(word, _EN_TENS.get(word, _EN_ORDINALS.get(word)))
        if v is not None:
            values.add(float(v))
            current += v
            active = True
            continue
        if word in _EN_SCALES:
            if word in _SMALL_SCALES:
                current = (current or 1) * _EN_SCALES[word]
            else:
                total, current = total + (current or 1) * _EN_SCALES[word], 0
            values.add(float(total + current))
            active = True
            continue
        if active:
            values.add(float(total + current))
        total = current = 0
        active = False
        if word in _EN_ALIASES:
            values.add(float(_EN_ALIASES[word]))
        if word in _MONTHS:
            values.add(("month", _MONTHS[word]))
        elif len(word) >= 6 and word[0] in "adfjmnos":
            month = _misspelt_month(word)
            if month:
                values.add(("month", month))
    return values


def check_number(segments: Sequence[Segment]) -> list[Issue]:
    """A number or date in the Korean that the English does not carry.

    Reads 1994년 as 1994, 1만 as 10,000 (10 thousand), 4박 5일 as 4 nights and 5 days, 3.6㎞ as 3.6,
    20주년 as 20th, 3월 as March or Mar; English number words count too (ten thousand, both, twice,
    third). A native number word (두, 세, 네…) is reported only when the English carries a different
    small number that nothing in the Korean accounts for (세 분야 as "two fields"): good translators
    paraphrase them (두 번째 구역 as "secondary area", 세 가지 증상 as "a triad"), which raised one
    false alarm in a hundred human segments when they were checked like digits. False alarms: a unit
    converted in the English beyond 10% (3.6 km as 2 miles), a 24-hour time written as p.m., a date the
    Korean itself gets wrong.
    """
    issues = []
    for segment in segments:
        en = segment.en or ""
        english = english_numbers(en)
        numbers = korean_numbers(segment.ko, segment.morphemes)
        accounted = {v for n in numbers for v in n.accept}
        # 2-10: "a"/"an" read as 1 would make every sentence conflict
        conflicting = {v for v in english if isinstance(v, float) and 2 <= v <= 10 and v not in accounted}
        for number in numbers:
            if number.native and not conflicting:
                continue
            if not number_rendered(number, english):
                note = expressed_otherwise(number, en)
                issues.append(Issue("number", segment.id, number.ko, number.expected, None,
                                    message=f"{number.ko} ({number.expected}) is not in the English"
                                    + (", which may say it another way" if note else ""),
                                    severity="note" if note else "error"))
    return issues
