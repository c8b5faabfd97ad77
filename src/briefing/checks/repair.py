"""The safe repair: a near-miss, a reordering or an avoided wording replaced by the glossary rendering.

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
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

from briefing.model import Edit, Term, TermHit
from briefing.checks.names import derived_form, skeleton, sounds_alike
from briefing.checks.renderings import avoided_span, is_acronym, taken_spans, is_rendered

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
            score = _ratio(flat, flat_target)
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


@lru_cache(maxsize=65536)
def _ratio(a: str, b: str) -> float:
    """Character similarity, cached: a long document repeats the same names on every line (#16)."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


_NAME_PARTICLES = {"of", "and", "for", "the", "de", "la", "von", "van", "&"}


# ------------------------------------------------------------------------------------------- repair

_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")  # letters read with a vowel sound: an MOU, an RIKEN lab


def _article_for(word: str) -> str:
    if not word:
        return "a"
    first = word.split()[0].strip("\"'(")
    if is_acronym(first) and first.isupper() and (len(first) <= 3 or not re.search(r"[AEIOU]", first[1:])):
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


def repair_segment(seg: str, en: str, hits: Sequence[TermHit]) -> tuple[str, list[Edit], set[Term]]:
    """One segment's English with its avoided wordings and near-misses replaced, term by term (each term
    once, however many hits it has); returns the English, the edits naming segment ``seg`` and the terms
    repaired."""
    edits: list[Edit] = []
    fixed: set[Term] = set()
    done = set()
    for hit in hits:
        term = hit.term
        if term in done:
            continue
        done.add(term)
        for _ in range(4):  # a sentence may carry the same avoided wording more than once
            span = avoided_span(term, en)
            if not span:
                break
            en, before, after = replace_span(en, span[0], span[1], term.en)
            edits.append(Edit(seg, "avoid", before, after))
            fixed.add(term)
        if is_rendered(term, en):
            continue
        near = find_near_miss(term, en, taken_spans(hits, en, term), hit.ko)
        if near is None:
            continue
        start, end, rule = near
        en, before, after = replace_span(en, start, end, term.en)
        edits.append(Edit(seg, rule, before, after))
        fixed.add(term)
    return en, edits, fixed
