"""Named checks on Korean→English segment pairs, and the repair of what can be repaired safely.

Each check is a small function over a ``Document`` (the Korean, the English and the glossary hits of every
segment) that returns ``Issue`` records; ``CHECKS`` maps its name to it so that a caller can list and
select them. ``check_segments`` runs them, optionally repairs the English, and returns a ``CheckReport``.

The repair (``fix=True``) was designed on the real model's misses on FLORES-200 dev, where
opus-mt-tc-big-ko-en spells a transliterated name slightly differently from the reference and from one
sentence to the next (Dilocrit Patavi for Dilokrit Pattavee), or renders a name in another form:

- ``avoid``: a rendering listed under the term's ``avoid`` is replaced by the canonical one;
- ``near-miss``: an English span that is a near-miss spelling of the canonical rendering (character
  similarity, same initial, same number of words give or take one) is replaced by it;
- ``word-order``: the same words in another order (Kumagai Toshihito) become the canonical order.

A replacement keeps a sentence-initial capital, fixes a/an before it, leaves a possessive or plural
ending outside the replaced span, and touches nothing else; each change is recorded as an ``Edit``.
Anything else stays reported with ``Issue.fixed`` False.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Callable, Sequence

from .glossary import TermFinder, finder_for
from .model import Edit, Glossary, Issue, Term, TermHit

# ------------------------------------------------------------------------------- rendering patterns

_SEP = r"[\s\-\u2010\u2011\u2013]+"  # between words: heavy ion / heavy-ion
_HYPHEN = r"[\s\-\u2010\u2011]?"  # inside a hyphenated word: Min-ho / Min ho / Minho
_ENDING = r"(?P<ending>['\u2019]s|s['\u2019]|['\u2019](?![A-Za-z])|es|s)?"


def _is_acronym(word: str) -> bool:
    """QST, RIKEN, KAIST, QuEra, MoU: case carries meaning, so these match case-sensitively."""
    letters = [c for c in word if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 2 or any(c.isupper() for c in letters[1:])


# British and American spellings of the same word are the same rendering: a glossary written in one
# must not flag a translation written in the other (center/centre, organization/organisation).
_US_UK = (
    (re.compile(r"(cent|theat|met|fib|lit|calib)(er|re)(s?)$", re.I), r"\1(?:er|re)\3"),
    (re.compile(r"i[sz](e|ed|es|ing|ation|ations|er|ers)$", re.I), r"i[sz]\1"),
    (re.compile(r"(lab|col|fav|neighb|hon|harb|rum|behavi|vap|endeav)(or|our)(s?)$", re.I), r"\1(?:or|our)\3"),
    (re.compile(r"^(program)(me)?(s?)$", re.I), r"\1(?:me)?\3"),
    (re.compile(r"(defen|licen|offen|preten)[cs](e|es)$", re.I), r"\1[cs]\2"),
)


def _spelling(word: str) -> str:
    """A regex for ``word`` that also accepts its other (British or American) spelling."""
    for pattern, replacement in _US_UK:
        if pattern.search(word):
            return pattern.sub(replacement, word)
    return re.escape(word)


def _piece(chunk: str, last: bool) -> str:
    out = []
    for part in re.split(r"(['\u2019&])", chunk):
        if part in ("'", "\u2019"):
            out.append("['\u2019]?")
        elif part == "&":
            out.append("(?:&|and)")
        elif part:
            body = _spelling(part) if part.isalpha() and not _is_acronym(part) else re.escape(part)
            if last and part.isalpha() and part.endswith("y") and len(part) > 2 and not _is_acronym(part):
                body = re.escape(part[:-1]) + "(?:y|ies)"  # city / cities
            out.append(body if _is_acronym(part) else f"(?i:{body})")
    return "".join(out)


@lru_cache(maxsize=8192)
def rendering_pattern(rendering: str) -> re.Pattern:
    """A regex for ``rendering`` at word boundaries, tolerant of case (not in acronyms), plural and
    possessive endings and hyphen/space variation; group ``core`` is the rendering without its ending."""
    words = rendering.split()
    parts = []
    for n, word in enumerate(words):
        chunks = [c for c in word.split("-") if c]
        last_word = n == len(words) - 1
        parts.append(_HYPHEN.join(_piece(c, last_word and k == len(chunks) - 1) for k, c in enumerate(chunks)))
    core = _SEP.join(parts)
    return re.compile(rf"(?<![A-Za-z0-9])(?P<core>{core}){_ENDING}(?![A-Za-z0-9])")


def rendering_spans(rendering: str, en: str) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of ``rendering`` in ``en``, ending excluded."""
    return [m.span("core") for m in rendering_pattern(rendering).finditer(en)]


_DERIVED_TAILS = frozenset(
    "s es n an ian ans ians ese ish i is ic ics er ers ean eans ern ism ist ists al ial".split())


def derived_form(base: str, word: str) -> bool:
    """Whether ``word`` is a derived or inflected form of ``base`` (Canada/Canadian, China/Chinese,
    Libya/Libyan, Sikhs/Sikhism), told by their common stem and a derivational ending."""
    a, b = base.lower(), word.lower()
    if a == b:
        return False
    prefix = 0
    for x, y in zip(a, b):
        if x != y:
            break
        prefix += 1
    if prefix < 4 and prefix < min(len(a), len(b)):
        return False
    removed, added = a[prefix:], b[prefix:]
    return len(removed) <= 2 and (not added or added in _DERIVED_TAILS)


def is_rendered(term: Term, en: str) -> bool:
    """Whether ``en`` holds the canonical rendering or an accepted variant, at word boundaries.

    Tolerant of case except in acronyms (QST, RIKEN), of plural and possessive endings (heavy ions,
    Kumagai's), of hyphen/space variation (heavy-ion, heavy ion; Min-ho, Minho) and, for a one-word
    name, of its derived forms (Canada: Canadian; China: Chinese), since 캐나다 인구 is "Canadian
    population" as often as "population of Canada".
    """
    if any(rendering_pattern(r).search(en) for r in term.accepted):
        return True
    names = [r for r in term.accepted if " " not in r and r[:1].isupper() and not _is_acronym(r) and len(r) >= 4]
    if names:
        for word in re.findall(r"[A-Z][a-z]+", en):
            if any(derived_form(r, word) for r in names):
                return True
    return False


# ------------------------------------------------------------------------------------- the document


@dataclass(frozen=True)
class Document:
    """What the checks read: segment-aligned Korean, English and glossary hits of one document."""

    ko: tuple[str, ...]
    en: tuple[str, ...]
    hits: tuple[tuple[TermHit, ...], ...]
    morphemes: tuple[tuple, ...] = ()  # per segment, (form, tag, start, end); empty when not analysed


@dataclass(frozen=True)
class CheckReport:
    """What ``check_segments`` found and (with ``fix``) changed; ``en`` is the repaired English.

    ``rendered`` holds one flag per hit (parallel to ``hits``) for ``en`` as returned;
    ``rendered_count`` counts hits rendered in the English as given, ``rendered_fixed`` in ``en`` as
    returned (equal without ``fix``); ``fixed`` counts findings the repair removed.
    """

    segments: int
    term_occurrences: int
    rendered: tuple[tuple[bool, ...], ...]
    rendered_count: int
    fixed: int
    issues: tuple[Issue, ...]
    edits: tuple[Edit, ...]
    en: tuple[str, ...]
    hits: tuple[tuple[TermHit, ...], ...]
    rendered_fixed: int = 0

    def counts(self) -> dict[str, int]:
        """Findings per kind, every kind present."""
        out = {kind: 0 for kind in CHECKS}
        for issue in self.issues:
            out[issue.kind] = out.get(issue.kind, 0) + 1
        return out


# ------------------------------------------------------------------------------- English near-misses

_EN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-\u2010\u2011]*(?:['\u2019](?![sS]\b)[A-Za-z]+)?")


def _norm(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u2011\u2013]+", " ", text).strip().lower()


def near_miss_threshold(rendering: str) -> float:
    """Short renderings need a closer match: Chiba and China differ in one letter of five (0.8)."""
    return 0.9 if len(rendering) <= 5 else 0.8 if len(rendering) <= 8 else 0.75


def find_near_miss(term: Term, en: str, taken: Sequence[tuple[int, int]] = (),
                   ko: str | None = None) -> tuple[int, int, str] | None:
    """The best English span that is a near-miss spelling, or a reordering, of the canonical rendering.

    Returns (start, end, rule) or None. A span must keep the rendering's initial letter and its
    capitalisation style (a capitalised name only matches capitalised words), hold as many words
    (give or take one), and not overlap ``taken`` (spans that render other terms). False alarms: two
    different names that differ in one or two letters (Austria / Australia) when one of them is a
    glossary term and the other is in the sentence instead.

    With ``ko`` (the Korean the term was found as), a name whose spelling is further off is still taken
    when it sounds like both the Korean and the rendering (``sound-alike``: Peteman for Pittman, Olav for
    Olaf): the Korean is the alignment evidence that the span stands for this term.
    """
    target = term.en
    words = [m for m in _EN_WORD.finditer(en)]
    n = len(target.split())
    capital = target[:1].isupper()
    best = None
    for size in sorted({max(1, n - 1), n, n + 1}):
        for i in range(len(words) - size + 1):
            span = words[i:i + size]
            start, end = span[0].start(), span[-1].end()
            text = en[start:end]
            if any(start < e and s < end for s, e in taken):
                continue
            if text[:1].lower() != target[:1].lower() and size == n and \
                    sorted(_norm(text).split()) == sorted(_norm(target).split()):
                return start, end, "word-order"
            if capital and not all(w.group()[:1].isupper() or w.group().lower() in _NAME_PARTICLES for w in span) \
                    and not (size == 1 and len(text) >= 6):
                continue  # a lower-case name is taken only when it is long (tutankamen)
            if not capital and text[:1].isupper() and start > 0:
                continue
            if text[:1].lower() != target[:1].lower() and skeleton(text)[:1] != skeleton(target)[:1]:
                continue  # a different first letter is a different name, unless it sounds the same (Cocoda/Kokoda)
            flat, flat_target = _norm(text).replace(" ", ""), _norm(target).replace(" ", "")
            if flat == flat_target:
                if _norm(text) == _norm(target):
                    continue  # the same words (is_rendered decides on casing)
            elif set(_norm(text).split()) <= set(_norm(target).split()):
                continue  # a shortened rendering (Mediterranean for Mediterranean Sea), not a misspelling
            if size == 1 and n == 1 and (derived_form(target, text) or derived_form(text, target)):
                continue  # Canadian for Canada is a different word, not a misspelling
            score = SequenceMatcher(None, flat, flat_target, autojunk=False).ratio()
            rule = "near-miss"
            if score < near_miss_threshold(target):
                if not (capital and ko and size == n and score >= 0.6 and sounds_alike(target, text) >= 0.8
                        and sounds_alike(ko, text) >= 0.6):
                    continue
                rule, score = "sound-alike", score - 0.5  # rank below any plain near-miss
            if best is None or score > best[0]:
                best = (score, start, end, rule)
    if best is None:
        return None
    return best[1], best[2], best[3]


_NAME_PARTICLES = {"of", "and", "for", "the", "de", "la", "von", "van", "&"}



# Consonant skeletons: how a name sounds, roughly, on either side. Transliteration keeps consonants
# and loses vowels (윌로비 / Willoughby / Willowby all read L-P), so a skeleton tells a misspelt name
# (Peteman for Pittman) from a different word that happens to look alike (Island / Ireland, Colonels
# / Colonist next to 스타크).
_KO_INITIAL = ["K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", "", "S", "S", "S", "K", "T", "P", ""]
_KO_FINAL = ["", "K", "K", "K", "N", "N", "N", "T", "L", "L", "L", "L", "L", "L", "P", "L", "M", "P", "P",
             "T", "T", "N", "T", "T", "K", "T", "P", ""]
_EN_SOUNDS = [("ph", "P"), ("th", "T"), ("sh", "S"), ("ch", "S"), ("ck", "K"), ("gh", ""), ("ng", "N"),
              ("x", "KS"), ("c", "K"), ("g", "K"), ("q", "K"), ("k", "K"), ("d", "T"), ("t", "T"),
              ("b", "P"), ("p", "P"), ("f", "P"), ("v", "P"), ("l", "L"), ("r", "L"), ("m", "M"),
              ("n", "N"), ("s", "S"), ("z", "S"), ("j", "S")]


def _collapse(skeleton: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skeleton)


def skeleton(text: str) -> str:
    """The consonant skeleton of a Hangul or Latin name: 윌로비 and Willoughby are both LP."""
    out = []
    low = text.lower()
    i = 0
    while i < len(low):
        ch = low[i]
        if "가" <= ch <= "힣":
            code = ord(ch) - 0xAC00
            out.append(_KO_INITIAL[code // 588] + _KO_FINAL[code % 28])
            i += 1
            continue
        for src, dst in _EN_SOUNDS:
            if low.startswith(src, i):
                out.append(dst)
                i += len(src)
                break
        else:
            i += 1
    return _collapse("".join(out))


def sounds_alike(a: str, b: str) -> float:
    """Similarity (0-1) of two names' consonant skeletons; for a several-word ``a``, its best word."""
    sb = skeleton(b)
    if not sb:
        return 0.0
    parts = [a, *a.split()] if " " in a.strip() else [a]
    return max(SequenceMatcher(None, skeleton(p), sb, autojunk=False).ratio() for p in parts if skeleton(p))\
        if any(skeleton(p) for p in parts) else 0.0


# ----------------------------------------------------------------------------------------- the checks


def check_missing(doc: Document) -> list[Issue]:
    """A glossary term in the Korean whose English lacks the canonical rendering and every variant.

    Catches literal or wrong translations of terms and misspelt names. False alarms: the English says
    it with a pronoun or a paraphrase ("the institute", "the city"), or a legitimate rendering that the
    glossary does not list as a variant.
    """
    issues = []
    for seg, (hits, en) in enumerate(zip(doc.hits, doc.en)):
        seen = set()
        for hit in hits:
            if hit.term in seen or is_rendered(hit.term, en) or _avoided_span(hit.term, en):
                continue
            seen.add(hit.term)
            near = find_near_miss(hit.term, en, _taken(hits, en, hit.term), hit.ko)
            found = en[near[0]:near[1]] if near else None
            issues.append(Issue("missing", seg, hit.ko, hit.term.en, found,
                                message=f"{hit.ko} should read {hit.term.en!r}"
                                + (f", found {found!r}" if found else "")))
    return issues


def _avoided_span(term: Term, en: str) -> tuple[int, int, str] | None:
    accepted = [s for r in term.accepted for s in rendering_spans(r, en)]
    for bad in sorted(term.avoid, key=len, reverse=True):
        for start, end in rendering_spans(bad, en):
            if not any(s <= start and end <= e and (e - s) > (end - start) for s, e in accepted):
                return start, end, bad
    return None


def check_avoided(doc: Document) -> list[Issue]:
    """The English uses a rendering the glossary lists under ``avoid`` for a term in the Korean.

    Only looked for where the term is in the Korean, so a word that is fine elsewhere is not flagged.
    False alarms: the avoided wording stands for something else in the same sentence.
    """
    issues = []
    for seg, (hits, en) in enumerate(zip(doc.hits, doc.en)):
        seen = set()
        for hit in hits:
            if hit.term in seen:
                continue
            seen.add(hit.term)
            span = _avoided_span(hit.term, en)
            if span:
                issues.append(Issue("avoided", seg, hit.ko, hit.term.en, en[span[0]:span[1]],
                                    message=f"{en[span[0]:span[1]]!r} is avoided; use {hit.term.en!r}"))
    return issues


def check_number(doc: Document) -> list[Issue]:
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
    for seg, (ko, en) in enumerate(zip(doc.ko, doc.en)):
        english = english_numbers(en)
        morphs = doc.morphemes[seg] if doc.morphemes else ()
        numbers = korean_numbers(ko, morphs)
        accounted = {v for n in numbers for v in n.accept}
        # 2-10: "a"/"an" read as 1 would make every sentence conflict
        conflicting = {v for v in english if isinstance(v, float) and 2 <= v <= 10 and v not in accounted}
        for number in numbers:
            if number.native and not conflicting:
                continue
            if not number_rendered(number, english):
                issues.append(Issue("number", seg, number.ko, number.expected, None,
                                    message=f"{number.ko} ({number.expected}) is not in the English"))
    return issues


def check_inconsistent(doc: Document) -> list[Issue]:
    """A proper noun spelt two ways in one document: Willoughby in one sentence, Willowby in the next.

    Pairs capitalised English words that are near-miss spellings of each other (same initial, character
    similarity, not a derived form such as Japan/Japanese) in two segments whose Korean shares a proper
    noun (kiwi NNP) or a longer noun that sounds like both (consonant skeletons); glossary terms are
    left to ``missing``. False alarms: a Korean homograph (아일랜드 is Ireland and Island); two
    different names that look alike and sit in segments sharing another name (Austria and Australia
    both next to 유럽 when the Korean names differ too little to tell).
    """
    keys = [_korean_keys(m) for m in doc.morphemes] if doc.morphemes else [set() for _ in doc.ko]
    caps = [_capitalised(en, hits) for en, hits in zip(doc.en, doc.hits)]
    words = [set(_EN_WORD.findall(en)) for en in doc.en]
    by_key: dict[str, list[int]] = {}
    for seg, k in enumerate(keys):
        for key in k:
            by_key.setdefault(key, []).append(seg)
    issues, reported = [], set()
    for key, segs in by_key.items():
        for x, i in enumerate(segs):
            for j in segs[x + 1:]:
                for a in caps[i]:
                    if a in words[j]:
                        continue
                    for b in caps[j]:
                        if b in words[i] or (i, j, a, b) in reported or not _spelling_variants(a, b):
                            continue
                        if _private_lookalikes(keys[i] - keys[j], keys[j] - keys[i]):
                            continue
                        if sounds_alike(key, a) < 0.6 or sounds_alike(key, b) < 0.6:
                            continue  # the shared Korean word is not what these two spell
                        reported.add((i, j, a, b))
                        issues.append(Issue("inconsistent", j, key, a, b,
                                            message=f"{key} is {a!r} in line {i + 1} but {b!r} here"))
    issues.sort(key=lambda s: s.segment)
    return issues


CHECKS: dict[str, Callable[[Document], list[Issue]]] = {
    "missing": check_missing,
    "avoided": check_avoided,
    "number": check_number,
    "inconsistent": check_inconsistent,
}


# --------------------------------------------------------------------------------- numbers


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
        if after.startswith("박"):
            expected = f"{expected} nights"
        elif after.startswith(("주년", "번째", "째", "차")) or article:
            expected = f"{expected}th"
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


def english_numbers(en: str) -> set:
    """Every value an English segment carries: numerals, scaled numerals (10 thousand), number words,
    ordinals, months (as ("month", n)) and aliases such as both, twice, decade."""
    values: set = set()
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
    return values


# ------------------------------------------------------------------------------ names across segments


def _korean_keys(morphs: Sequence) -> set[str]:
    return {f for f, tag, _, _ in morphs
            if re.fullmatch(r"[가-힣 ]+", f) and ((tag == "NNP" and len(f) >= 2) or (tag == "NNG" and len(f) >= 3))}


def _capitalised(en: str, hits: Sequence[TermHit]) -> set[str]:
    """Capitalised words that are not part of a glossary rendering (sentence-initial function words out)."""
    taken = _taken(hits, en, None)
    out = set()
    for m in re.finditer(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*", en):
        start = m.start()
        if m.group().lower() in _FUNCTION_WORDS:
            continue
        if start > 0 and (en[start - 1].isalnum() or en[start - 1] in "'\u2019"):
            continue
        if any(s <= start < e for s, e in taken):
            continue
        out.add(m.group())
    return out


_FUNCTION_WORDS = frozenset(
    "the this these those there their then than that they when where while which what who with within "
    "without however although after before during since until because but and for from into over under "
    "some many most more other another each every both all any its his her our your one two three "
    "first second third last next also still even only just many much such".split())


def _spelling_variants(a: str, b: str) -> bool:
    """Willoughby/Willowby yes; Japan/Japanese, Canada/Canadian, These/Those no."""
    la, lb = a.lower(), b.lower()
    if la == lb or la[0] != lb[0] or min(len(la), len(lb)) < 4 or abs(len(la) - len(lb)) > 3:
        return False
    if derived_form(la, lb) or derived_form(lb, la):
        return False  # a derived or inflected form
    ratio = SequenceMatcher(None, la, lb, autojunk=False).ratio()
    return ratio >= (0.85 if min(len(la), len(lb)) <= 5 else 0.75)


def _private_lookalikes(only_i: set[str], only_j: set[str]) -> bool:
    """The two segments name two different, similar-looking things (오스트리아 / 오스트레일리아)."""
    for x in only_i:
        for y in only_j:
            if x[0] == y[0] and SequenceMatcher(None, x, y, autojunk=False).ratio() >= 0.5:
                return True
    return False


def _taken(hits: Sequence[TermHit], en: str, skip: Term | None) -> list[tuple[int, int]]:
    spans = []
    for hit in hits:
        if hit.term is skip:
            continue
        for r in hit.term.accepted:
            spans.extend(rendering_spans(r, en))
    return spans


# ------------------------------------------------------------------------------------------- repair

_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")  # letters read with a vowel sound: an MOU, an RIKEN lab


def _article_for(word: str) -> str:
    if not word:
        return "a"
    first = word.split()[0].strip("\"'(")
    if _is_acronym(first) and first.isupper() and (len(first) <= 3 or not re.search(r"[AEIOU]", first[1:])):
        return "an" if first[0] in _VOWEL_SOUND_LETTERS else "a"  # spelt out: an MOU, a QST (RIKEN is read)
    low = first.lower()
    if low.startswith(("uni", "use", "usu", "eu", "one", "once")):
        return "a"
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    return "an" if low[:1] in "aeiou" else "a"


def _sentence_start(en: str, start: int) -> bool:
    return not en[:start].strip(" \"'\u201c(") or bool(re.search(r"[.!?]\s+[\"'\u201c(]?$", en[:start]))


def replace_span(en: str, start: int, end: int, rendering: str) -> tuple[str, str, str]:
    """Put ``rendering`` in place of ``en[start:end]``; returns the new text, the old and the new wording.

    Keeps a sentence-initial capital, turns a/an before the span to agree with the new word and leaves
    whatever follows the span (a possessive 's, a plural s) as it was.
    """
    new = rendering
    if _sentence_start(en, start) and new[:1].islower():
        new = new[0].upper() + new[1:]
    head = en[:start]
    m = re.search(r"(?<![A-Za-z])(a|an|A|An|AN)(\s+)$", head)
    if m:
        article = _article_for(new)
        if m.group(1)[0].isupper():
            article = article.capitalize()
        if article.lower() != m.group(1).lower():
            return head[:m.start(1)] + article + m.group(2) + new + en[end:], en[m.start(1):end], \
                article + m.group(2) + new
    return head + new + en[end:], en[start:end], new


def _repair_segment(seg: int, en: str, hits: Sequence[TermHit]) -> tuple[str, list[Edit], set[Term]]:
    edits: list[Edit] = []
    fixed: set[Term] = set()
    done = set()
    for hit in hits:
        term = hit.term
        if term in done:
            continue
        done.add(term)
        for _ in range(4):  # a sentence may carry the same avoided wording more than once
            span = _avoided_span(term, en)
            if not span:
                break
            en, before, after = replace_span(en, span[0], span[1], term.en)
            edits.append(Edit(seg, "avoid", before, after))
            fixed.add(term)
        if is_rendered(term, en):
            continue
        near = find_near_miss(term, en, _taken(hits, en, term), hit.ko)
        if near is None:
            continue
        start, end, rule = near
        en, before, after = replace_span(en, start, end, term.en)
        edits.append(Edit(seg, rule, before, after))
        fixed.add(term)
    return en, edits, fixed


# ------------------------------------------------------------------------------------------ the entry


def _analyse(ko: Sequence[str]) -> tuple[tuple, ...]:
    """kiwi's morphemes of every segment, in one call (kiwi's per-call cost dominates short strings)."""
    from .sentences import morphemes_of_words

    flat = [k.replace("\n", " ") for k in ko]  # one segment is one line, as in the files check reads
    return tuple(
        tuple((m.form, m.tag, m.start, m.end) for m in morphs) for morphs in morphemes_of_words(flat)
    )


def check_segments(
    ko: Sequence[str],
    en: Sequence[str],
    finder: TermFinder | Glossary | Sequence[Term],
    *,
    fix: bool = False,
    checks: Sequence[str] | None = None,
) -> CheckReport:
    """Check segment-aligned Korean and English as one document; with ``fix``, repair what is safe.

    Findings of the English as given are reported; with ``fix`` those that the repair removed carry
    ``fixed=True`` and ``en`` holds the repaired lines (same count as the input).
    """
    if len(ko) != len(en):
        raise ValueError(f"check_segments: {len(ko)} Korean segments but {len(en)} English ones")
    names = list(CHECKS) if checks is None else list(checks)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise ValueError(f"unknown check {unknown[0]!r}; known: {', '.join(CHECKS)}")
    if not isinstance(finder, TermFinder):
        finder = finder_for(finder) if isinstance(finder, Glossary) else TermFinder(tuple(finder))
    hits = tuple(finder.find(k) for k in ko)
    morphs = _analyse(ko) if {"number", "inconsistent"} & set(names) else ()
    doc = Document(tuple(ko), tuple(en), hits, morphs)
    issues = [issue for name in names for issue in CHECKS[name](doc)]
    raw_flags = [tuple(is_rendered(h.term, e) for h in hs) for hs, e in zip(hits, en)]
    out_en = list(en)
    edits: list[Edit] = []
    if fix:
        for seg, seg_hits in enumerate(hits):
            if seg_hits:
                out_en[seg], seg_edits, _ = _repair_segment(seg, out_en[seg], seg_hits)
                edits.extend(seg_edits)
        if edits:
            after = Document(doc.ko, tuple(out_en), hits, morphs)
            remaining = {(i.kind, i.segment, i.ko, i.expected) for name in names for i in CHECKS[name](after)}
            issues = [replace(i, fixed=(i.kind, i.segment, i.ko, i.expected) not in remaining) for i in issues]
    flags = tuple(tuple(is_rendered(h.term, e) for h in hs) for hs, e in zip(hits, out_en))
    issues.sort(key=lambda i: (i.segment, list(CHECKS).index(i.kind)))
    return CheckReport(
        segments=len(ko),
        term_occurrences=sum(len(h) for h in hits),
        rendered=flags,
        rendered_count=sum(sum(f) for f in raw_flags),
        fixed=sum(i.fixed for i in issues),
        issues=tuple(issues),
        edits=tuple(edits),
        en=tuple(out_en),
        hits=hits,
        rendered_fixed=sum(sum(f) for f in flags),
    )
