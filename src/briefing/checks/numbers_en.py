"""The English side of the number check: every value an English sentence carries, and each number it
writes with what kind of number it is (a year, a day of a month, a clock time, a percentage, a quantity
with its currency or unit), so that a changed number can be told from a number said another way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A dotted or dashed date (2025.02.28, 2025. 2. 28., 2025-02-28, 25.2.28): year, month and day, each
# its own number. Read before other numbers, so a date is never taken for a decimal.
DOTTED_DATE = re.compile(r"(?<![\d.,])(\d{4}|\d{2})\s?([.\-/])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?![\d,]|\.\d)\.?")

MONTHS = {m: n for n, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())} | {"sept": 9})  # Nov-Feb, Sept. 3
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
              "dozen": 12, "decade": 10, "decades": 10}
_SMALL_SCALES = {"hundred", "dozen", "decade", "decades"}
# "tens of thousands", "hundreds", "dozens", "millions": a vague quantity, never the number 1,000 (it let
# 1,000 → 2,000 pass beside "tens of thousands"); hidden from text2num, which reads "thousands" as 1000
_VAGUE_MAGNITUDE = re.compile(r"\b(?:tens|dozens|scores|hundreds|thousands|millions|billions|trillions)\b", re.I)
# words that carry a number without a numeral: both countries (두 나라), twice (두 번), a decade (10년)
# (half and quarter stand for the 2 and the 4 of 2분의 1 and 4분의 1 only: numbers.py accepts them there)
_EN_ALIASES = {"both": 2, "couple": 2, "pair": 2, "twice": 2, "double": 2, "twin": 2, "twins": 2, "once": 1,
               "single": 1, "thrice": 3, "triple": 3, "trio": 3, "century": 100, "fortnight": 14, "a": 1, "an": 1}
_ROMAN = re.compile(r"\b(?=[IVX]{2,}\b)(X{0,3})(IX|IV|V?I{0,3})\b")
_EN_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*-?\s*(hundred|thousand|million|billion|trillion))?",
                        re.I)
_EN_TOKEN = re.compile(r"[a-z]+", re.I)
# 2.8bn, £125m, $3.5 trillion, 40k: a numeral with a magnitude word or its newsroom abbreviation
_EN_MAGNITUDE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s?-?(bn|billion|mn|m|million|k|thousand|tn|trillion)\b",
                           re.I)
_MAGNITUDES = {"bn": 10**9, "billion": 10**9, "mn": 10**6, "m": 10**6, "million": 10**6, "k": 1000,
               "thousand": 1000, "tn": 10**12, "trillion": 10**12}
_WORLD_WAR = re.compile(r"\b(?:WW|World War)\s?(I{1,2}|[12]|One|Two)\b")

# Clock and race times: 2:30, 1:05:33, 4:41.30, 7.55am, 3 p.m., 1200 GMT. Each part is a value of its own
# (2시 30분 is 2 and 30), and a time never competes with a count.
_CLOCK = re.compile(
    r"(?<![\w.:])(\d{1,2})(?::(\d{2})(?::(\d{2}))?(?:\.(\d{1,3}))?|\.(\d{2})(?=\s?[ap]\.?m\b))(?:\s?([ap])\.?m\b\.?)?"
    r"|(?<![\w.:,])(\d{1,2})\s?([ap])\.?m\b\.?|(?<![\w.:,])(\d{1,2})\s?o'clock"
    r"|(?<![\w.:,])([012]\d)([0-5]\d)\s?(?:GMT|UTC|hrs|hours|h)\b", re.I)
_NUMERAL = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_MONTH_NAME = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_BEFORE_DAY = re.compile(r"\b(?:" + _MONTH_NAME + r"|[a-z]{5,9})\.?,?\s(?:the\s)?$", re.I)
_AFTER_DAY = re.compile(r"^(?:st|nd|rd|th)?\s(?:of\s)?(" + _MONTH_NAME + r"|[a-z]{5,9})\b", re.I)
_PERCENT = re.compile(r"^\s?(?:%|percent\b|per\s?cent\b|pc\b|percentage point)", re.I)
_CURRENCY_BEFORE = re.compile(r"(US\$|A\$|C\$|HK\$|NZ\$|\$|€|£|¥|₩|Rs\.?\s?)\s?$")
_CURRENCY_AFTER = re.compile(r"^\s?(?:-?\s?(?:bn|billion|mn|m|million|k|thousand|tn|trillion)\s)?\s?"
                             r"(dollars?|euros?|pounds?|sterling|yen|yuan|won|rupees?)\b", re.I)
_CURRENCIES = {"$": "dollar", "us$": "dollar", "a$": "dollar", "c$": "dollar", "hk$": "dollar", "nz$": "dollar",
               "€": "euro", "£": "pound", "sterling": "pound", "¥": "yen", "₩": "won", "rs": "rupee",
               "rs.": "rupee"}
# converted units: the English unit of a number, as the Korean conversions name it (numbers.py)
_MEASURE = re.compile(
    r"^\s?-?\s?(miles?|mi\b|mph|pounds?|lbs?\b|feet|foot|ft\b|yards?|yds?\b|inch(?:es)?|in\b|gallons?|"
    r"quarts?|square\sfeet|sq\.?\s?ft|acres?|ounces?|oz\b|stones?|°\s?F\b|degrees\sfahrenheit|fahrenheit|F\b)", re.I)
_MEASURE_KEYS = {"mile": "mile", "mi": "mile", "mph": "mile", "pound": "pound", "lb": "pound", "feet": "foot",
                 "foot": "foot", "ft": "foot", "yard": "yard", "yd": "yard", "inch": "inch", "in": "inch",
                 "gallon": "gallon", "quart": "quart", "acre": "acre", "ounce": "ounce", "oz": "ounce",
                 "stone": "stone", "square": "sqft", "sq": "sqft", "°": "fahrenheit",
                 "degrees": "fahrenheit", "fahrenheit": "fahrenheit", "f": "fahrenheit"}
_WORD_NUMBER = re.compile(
    r"\b(?:" + "|".join(sorted(list(_EN_UNITS) + list(_EN_TENS), key=len, reverse=True)) + r")"
    r"(?:(?:\s|-|\sand\s)(?:" + "|".join(sorted(list(_EN_UNITS) + list(_EN_TENS) + list(_EN_SCALES), key=len,
                                                  reverse=True)) + r"))*\b", re.I)
_WORD_OR_DIGITS = r"\d+(?:\.\d+)?|" + "|".join(sorted(list(_EN_UNITS) + list(_EN_TENS), key=len, reverse=True))
# "two to three million", "$2-3bn": the first number of a range shares the magnitude of the second
_SHARED_SCALE = re.compile(r"\b(" + _WORD_OR_DIGITS + r")\s?(?:to|or|-|–)\s?[$£€]?(?:" + _WORD_OR_DIGITS
                           + r")\s?-?(thousand|million|billion|trillion|bn|mn|tn)\b", re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


@dataclass(frozen=True)
class Mention:
    """One number the English writes, where it stands and what kind of number it is: "year", "day" (of a
    month), "time", "percent" or "quantity"; ``unit`` is its currency or converted unit ("dollar", "mile"),
    ``values`` what it may stand for (2.8bn is 2.8e9; a bare 10 is 10)."""

    values: frozenset
    kind: str
    start: int
    end: int
    unit: str | None = None


@lru_cache(maxsize=16384)
def misspelt_month(word: str) -> int | None:
    """A full month name with one letter slipped (Novemeber, Feburary): people misspell months in
    otherwise exact references, and a finding on those is a false alarm."""
    from difflib import SequenceMatcher

    word = word.lower()
    for name, number in MONTHS.items():
        if len(name) >= 5 and name[0] == word[:1] and SequenceMatcher(None, name, word).ratio() >= 0.85:
            return number
    return None


def _is_month(word: str) -> bool:
    word = word.lower().rstrip(".")
    return word in MONTHS or (len(word) >= 6 and word[0] in "adfjmnos" and misspelt_month(word) is not None)


def _number_words(en: str) -> set:
    """Values of the number words and ordinals of ``en``, as text2num reads them (threshold 0: one,
    first and second are numbers too). Imported on first use like every library the CLI may not need."""
    from text_to_num import alpha2digit

    converted = alpha2digit(_VAGUE_MAGNITUDE.sub("many", en), "en", threshold=0)
    return {number_value(m.group(1)) for m in re.finditer(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)(?:st|nd|rd|th|s)?\b",
                                                           converted)}


def number_value(text: str) -> float:
    """A numeral as a float (1,000 is 1000)."""
    return float(text.replace(",", ""))


def _word_value(words: list[str]) -> float:
    total = current = 0
    for word in words:
        if word in _EN_SCALES:
            if word in _SMALL_SCALES:
                current = (current or 1) * _EN_SCALES[word]
            else:
                total, current = total + (current or 1) * _EN_SCALES[word], 0
        else:
            current += _EN_UNITS.get(word, _EN_TENS.get(word, 0))
    return float(total + current)


def english_numbers(en: str, said_otherwise: bool = True) -> set:
    """Every value an English segment carries: numerals, scaled numerals (10 thousand, 2.8bn, £125m),
    number words and ordinals (read by text2num: twenty-first, fifty-five), clock times (2:30 is 2 and
    30), months (as ("month", n)), aliases such as both, twice, decade, every word (as ("word", w)) for
    the counters that English writes as words (1위 as "top"), and each number with a converted unit (as
    ("measure", unit, value): 49 feet). Without ``said_otherwise``, only the numbers themselves: no
    words, aliases, converted units or weekdays, which may stand for a number but yield to a rival."""
    values = set()
    for value in _english_values(en):
        if said_otherwise or isinstance(value, float) or value[0] in ("month", "short year"):
            values.add(value)
    if said_otherwise:
        values.update(("word", w.lower()) for w in re.findall(r"[A-Za-z][A-Za-z\-]*", en))
        values.update(float(_EN_ALIASES[w.lower()]) for w in _EN_TOKEN.findall(en) if w.lower() in _EN_ALIASES)
    return values


def _english_values(en: str) -> set:
    values: set = set()
    for m in _EN_MAGNITUDE.finditer(en):
        values.add(number_value(m.group(1)) * _MAGNITUDES[m.group(2).lower()])
    for m in _WORLD_WAR.finditer(en):
        war = m.group(1)
        values.add(float(len(war) if war.startswith("I") else {"One": 1, "Two": 2}.get(war) or int(war)))
    values.update(_number_words(en))
    for m in DOTTED_DATE.finditer(en):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        values.update({float(year), float(month), ("month", month), float(day)})
    for m in _EN_NUMBER.finditer(DOTTED_DATE.sub(" ", en)):
        value = number_value(m.group(1) + (m.group(2) or ""))
        values.add(value)
        if m.group(3):
            values.add(value * _EN_SCALES[m.group(3).lower()])
        if m.group(2):
            values.add(number_value(m.group(1)))
    for m in re.finditer(r"(?:\d{4}\s?[-–/]\s?|’|')(\d{2})\b", en):
        values.add(("short year", float(m.group(1))))  # 1995-96, '96
    for m in re.finditer(r"\b(\d)0s\b", en):
        values.add(("decade", float(m.group(1)) * 10))  # 32℃ as "the 90s" (°F)
    for mention in english_mentions(en):
        values.update(mention.values)
        if mention.unit:
            values.update(("measure", mention.unit, v) for v in mention.values if isinstance(v, float))
    for m in _ROMAN.finditer(en):
        roman = m.group()
        values.add(float(sum({"I": 1, "V": 5, "X": 10}[c] for c in roman) - 2 * roman.count("IV")
                         - 2 * roman.count("IX")))
    values.update(value * scale for _, value, scale in _shared_scales(en))
    if _WEEKDAY.search(en):
        values.add(("weekday",))
    for tok in _EN_TOKEN.findall(en.replace("-", " ")):
        word = tok.lower()
        v = _EN_ORDINALS.get(word)
        if v is not None:
            values.add(float(v))
        if word in MONTHS:
            values.add(("month", MONTHS[word]))
        elif len(word) >= 6 and word[0] in "adfjmnos":
            month = misspelt_month(word)
            if month:
                values.add(("month", month))
    for m in _WORD_NUMBER.finditer(en):
        words = re.split(r"[\s-]+", m.group().lower())
        values.update(_word_value(words[:i]) for i in range(1, len(words) + 1) if words[i - 1] != "and")
    return values


def _kind_of(en: str, start: int, end: int, value: float, text: str) -> tuple[str, str | None]:
    """The kind and unit of the number at en[start:end], from its neighbours, so that only a number of
    the same kind can be taken for a changed one: "March 10" for 3월 20일, not "10 people"."""
    before, after = en[max(0, start - 20):start], en[end:end + 30]
    if _PERCENT.match(after):
        return "percent", None
    currency = _CURRENCY_BEFORE.search(before)
    if currency:
        return "quantity", _CURRENCIES.get(currency.group(1).lower().replace(" ", ""), "dollar")
    named = _CURRENCY_AFTER.match(after)
    if named:
        word = named.group(1).lower().rstrip("s")
        return "quantity", _CURRENCIES.get(word, word)
    measure = _MEASURE.match(after)
    if measure:
        word = re.split(r"[\s.]", measure.group(1).lower().replace("° ", "°"))[0]
        key = _MEASURE_KEYS.get(word) or _MEASURE_KEYS.get(word[:-1] if word.endswith("s") else word)
        if key is None:
            key = "fahrenheit" if word.startswith("°") else "inch" if word.startswith("inch") else None
        return "quantity", key
    if value <= 31 and "." not in text:
        b = _BEFORE_DAY.search(before)
        if b and _is_month(b.group().split()[0].rstrip(".,")):
            return "day", None
        a = _AFTER_DAY.match(after)
        if a and _is_month(a.group(1)):
            return "day", None
    if re.fullmatch(r"\d{4}", text) and 1000 <= value <= 2999 and not re.match(r"^\s?-?\s?(?:km|m|kg)\b", after):
        return "year", None  # 2999, not 2100: a year with a digit slipped (1969 as 2969) is still a year
    if re.match(r"^'?s\b", after) and value < 100 and value % 10 == 0:
        return "decade", None  # in the 90s: an age, a temperature or a decade, not a count
    return "quantity", None


def _shared_scales(en: str) -> list[tuple[int, float, int]]:
    """(where, value, magnitude) of the first number of each range that shares its magnitude."""
    out = []
    for m in _SHARED_SCALE.finditer(en):
        first = m.group(1).lower()
        value = number_value(first) if first[0].isdigit() else float(_EN_UNITS.get(first, _EN_TENS.get(first, 0)))
        out.append((m.start(1), value, _MAGNITUDES[m.group(2).lower()]))
    return out


def english_mentions(en: str) -> list[Mention]:
    """Each number ``en`` writes in digits or in words, with its kind. Digits glued after letters (M16,
    p109, F-16, COVID-19) are names, not numbers, and are left out; so are "one", "a" and the ordinal
    words first and second, which English uses for much besides counting (at first, a second)."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _CLOCK.finditer(en):
        parts = [g for g in m.groups() if g and g.isdigit()]
        values = {float(int(p)) for p in parts}
        pm = any(g and g.lower() == "p" for g in m.groups())
        if pm and parts and int(parts[0]) < 12:
            values.add(float(int(parts[0]) + 12))
        out.append(Mention(frozenset(values), "time", m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in DOTTED_DATE.finditer(en):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        out.append(Mention(frozenset({float(year)}), "year", m.start(1), m.end(1)))
        out.append(Mention(frozenset({float(day)}), "day", m.start(4), m.end(4)))
        taken.append((m.start(), m.end()))
    for m in _NUMERAL.finditer(en):
        start, end = m.span()
        if any(a <= start < b for a, b in taken):
            continue
        previous = en[max(0, start - 2):start]
        if previous[-1:].isalpha() or (previous[-1:] == "-" and previous[:1].isalpha()) or previous[-1:] == ".":
            continue  # M16, F-16, a dotted identifier
        value = number_value(m.group())
        values = {value}
        scale = _EN_MAGNITUDE.match(en, start)
        if scale:
            values = {value * _MAGNITUDES[scale.group(2).lower()]}
        kind, unit = _kind_of(en, start, end, value, m.group())
        out.append(Mention(frozenset(values), kind, start, end, unit))
    for m in _WORD_NUMBER.finditer(en):
        words = re.split(r"[\s-]+", m.group().lower())
        words = [w for w in words if w != "and"]
        value = _word_value(words)
        if value <= 1:
            continue
        kind, unit = _kind_of(en, m.start(), m.end(), value, "word")
        out.append(Mention(frozenset({value}), kind, m.start(), m.end(), unit))
    for m in _EN_TOKEN.finditer(en):
        value = _EN_ORDINALS.get(m.group().lower())
        if value is not None and value >= 3 and not m.group().lower().endswith("s"):
            kind, unit = _kind_of(en, m.start(), m.end(), float(value), "word")  # the fourth (3번째 changed)
            out.append(Mention(frozenset({float(value)}), kind, m.start(), m.end(), unit))
    shared = {start: value * scale for start, value, scale in _shared_scales(en)}
    return [Mention(m.values | {shared[m.start]}, m.kind, m.start, m.end, m.unit) if m.start in shared else m
            for m in out]


def english_word_for(value: int) -> str:
    """The English word of a small number (3 is "three", 12 "twelve", 25 "twenty-five")."""
    units = {v: w for w, v in _EN_UNITS.items()}
    tens = {v: w for w, v in _EN_TENS.items()}
    if value in units:
        return units[value]
    if value in tens:
        return tens[value]
    if value < 100:
        return f"{tens[value - value % 10]}-{units[value % 10]}"
    return str(value)


_NAME = r"(?:the\s)?[A-Z][\w.'’-]*(?:\s(?:of\s)?[A-Z][\w.'’-]*)*"
# Korea, the United States and Japan: names in a row, the last after "and"
_NAME_LIST = re.compile(_NAME + r"(?:,\s" + _NAME + r")*,?\s(?:and|&)\s" + _NAME)


def listed_names(en: str) -> set[int]:
    """How many names each list of names in ``en`` holds ("Korea, the United States and Japan": 3),
    which says a count the Korean gives as well (한미일 3국)."""
    return {len(re.findall(_NAME, m.group().replace(" and ", ", ").replace(" & ", ", ")))
            for m in _NAME_LIST.finditer(en)}
