"""The safe repair: a near-miss, a reordering, an avoided wording or a term left in Hangul replaced by
the glossary rendering.

The repair (``fix=True``) was designed on the real model's misses on FLORES-200 dev, where
opus-mt-tc-big-ko-en spells a transliterated name slightly differently from the reference and from one
sentence to the next (Dilocrit Patavi for Dilokrit Pattavee), or renders a name in another form, and on
the errors injected into its references (../shared/data/checker-dev, #23):

- ``avoid``: a rendering listed under the term's ``avoid`` is replaced by the canonical one (only its
  wrong words: ``wrong_part``);
- ``untranslated``: the term's Korean left as it is in the English is replaced by the rendering
  (``untranslated_span``);
- ``near-miss`` and ``sound-alike``: an English span that is a near-miss spelling of the canonical
  rendering (character similarity, same initial, same number of words give or take one; or the same
  sound as the rendering and the Korean), each replaced word a ``misspelling``, is replaced by it;
- ``word-order``: the same words in another order (Kumagai Toshihito) become the canonical order.

A replacement keeps a sentence-initial capital, fixes a/an before it, leaves a possessive or plural
ending outside the replaced span, and touches nothing else; each change is recorded as an ``Edit``.
Every replacement is checked after it is made (``loses_nothing``): the repaired English must hold the
rendering once more than before and have lost no other word. The span finders were wrong before that
check (#23): "North and South Korea" became "North North Korea", "Sophocles and Aristophanas" lost its
"and". A replacement that fails the check is not made, and its finding stays reported with
``Issue.fixed`` False.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

from briefing.glossary import PARTICLES
from briefing.model import Edit, Term, TermHit
from briefing.checks.names import skeleton, sounds_alike
from briefing.checks.renderings import avoided_span, is_acronym, is_rendered, rendering_spans, taken_spans

# ------------------------------------------------------------------------------- English near-misses

# A word of any script's letters (Erdoğan is one word, not "Erdo" and "an"), hyphens inside it, and an
# apostrophe inside a name (O'Brien) but not a possessive 's.
_EN_WORD = re.compile(r"[^\W_](?:[^\W_]|[\-\u2010\u2011](?=[^\W_]))*(?:['\u2019](?![sS](?![^\W_]))[^\W\d_]+)?")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _norm(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u2011\u2013]+", " ", _fold(text)).strip().lower()


def _spaced(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u2011\u2013]+", " ", text).strip().lower()


def plural_ending(text: str, rendering: str) -> int:
    """How many letters at the end of ``text`` are a plural ending that ``rendering`` lacks (Vicings for
    Viking: 1); the repair leaves them outside the replaced span, and the spelling is compared without."""
    if rendering.endswith(("s", "S")) or not re.search(r"[^sS'\u2019]s$", text):
        return 0
    flat, flat_target = _norm(text).replace(" ", ""), _norm(rendering).replace(" ", "")
    return 1 if _ratio(flat[:-1], flat_target) > _ratio(flat, flat_target) else 0


def near_miss_threshold(rendering: str) -> float:
    """Short renderings need a closer match: Chiba and China differ in one letter of five (0.8)."""
    return 0.9 if len(rendering) <= 5 else 0.8 if len(rendering) <= 8 else 0.75


def find_near_miss(term: Term, en: str, taken: Sequence[tuple[int, int]] = (),
                   ko: str | None = None) -> tuple[int, int, str] | None:
    """The best English span that is a near-miss spelling, or a reordering, of the canonical rendering.

    Returns (start, end, rule) or None. A span must keep the rendering's initial letter (accents
    aside) and its capitalisation style (a capitalised name only matches capitalised words, or the
    rendering's own lower-case words: Callejon del Beso), hold as many words (give or take one), and
    not overlap ``taken`` (spans that render other terms); each of its words that is not the
    rendering's must be a ``misspelling`` of it: rare in English, not a derived form. A plural ending
    the rendering lacks is not compared (Vicings for Viking; see ``plural_ending``). False alarms: two
    different rare names that differ in one or two letters, when one of them is a glossary term and
    the other is in the sentence instead.

    With ``ko`` (the Korean the term was found as), a name whose spelling is further off is still taken
    when it sounds like both the Korean and the rendering (``sound-alike``: Peteman for Pittman, Olav for
    Olaf): the Korean is the alignment evidence that the span stands for this term.
    """
    target = term.en
    words = [m for m in _EN_WORD.finditer(en)]
    n = len(target.split())
    capital = target[:1].isupper()
    own = {_fold(w).lower() for w in _EN_WORD.findall(target)}
    flat_target = _norm(target).replace(" ", "")
    best = None
    for size in sorted({max(1, n - 1), n, n + 1}):
        for i in range(len(words) - size + 1):
            span = words[i:i + size]
            start, end = span[0].start(), span[-1].end()
            text = en[start:end]
            if any(start < e and s < end for s, e in taken) or _HANGUL.search(text):
                continue  # Hangul is the untranslated rule's, where the Korean says what it is
            if _fold(text[:1]).lower() != _fold(target[:1]).lower() and size == n and \
                    sorted(_norm(text).split()) == sorted(_norm(target).split()):
                return start, end, "word-order"
            if capital and not all(w.group()[:1].isupper() or _fold(w.group()).lower() in own for w in span) \
                    and not (size == 1 and len(text) >= 5):
                continue  # a lower-case name is taken only when it is long and rare (tutankamen)
            if not capital and text[:1].isupper() and start > 0:
                continue
            if _fold(text[:1]).lower() != _fold(target[:1]).lower() and skeleton(text)[:1] != skeleton(target)[:1]:
                continue  # a different first letter is a different name, unless it sounds the same (Cocoda/Kokoda)
            flat = _norm(text).replace(" ", "")
            if flat == flat_target:
                if _spaced(text) == _spaced(target):
                    continue  # the same words (is_rendered decides on casing); an accent apart, a near-miss
            elif set(_norm(text).split()) <= set(_norm(target).split()):
                continue  # a shortened rendering (Mediterranean for Mediterranean Sea), not a misspelling
            if flat != flat_target and \
                    any(_fold(w.group()).lower() not in own and not misspelling(w.group(), target) for w in span):
                continue  # a word the writer meant: "and", a derived form, a common word
            score = _ratio(flat[:len(flat) - plural_ending(text, target)], flat_target)
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


# A word this frequent in English (wordfreq Zipf, log10 of occurrences per billion words) is a word a
# writer chose, never replaced as a slip: Ireland (4.7) for Iceland, Sweden (4.4). Below COMMON_ZIPF
# (Austria 4.1, Stuart 4.1, Gerard 3.7, Niger 3.5, Liberia 3.5, Maori 3.2) a word is replaced only
# when one letter inside it differs (Gerard, Gerrard; Stirling, Sterling) or it sounds the same
# (Stuart, Stewart), not when it is another word: Austria for Australia, Niger for Nigeria, Maori for
# Moriori. Below RARE_ZIPF (Willowby 0, Hamel 2.5, Olav 2.3) any close spelling is a slip.
COMMON_ZIPF = 4.2
RARE_ZIPF = 3.0


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _fold(text: str) -> str:
    """``text`` without accents: Erdoğan and Erdogan, Jardín and Jardin compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _one_letter_inside(a: str, b: str) -> bool:
    """One letter added, dropped or changed, the first and last letters kept (Gerard / Gerrard)."""
    if a == b or abs(len(a) - len(b)) > 1 or a[:1] != b[:1] or a[-1:] != b[-1:]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(1, len(long_) - 1))


def _sound_key(word: str) -> str:
    """The consonants of an English spelling as they sound, r and l apart (unlike ``names.skeleton``,
    which reads them as Korean ㄹ): Stuart and Stewart are both strt; Austria is str and Australia
    strl; Maori is mr and Moriori mrr."""
    low = re.sub(r"(.)\1+", r"\1", _fold(word).lower())
    for a, b in (("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("z", "s"), ("v", "f")):
        low = low.replace(a, b)
    return re.sub(r"[aeiouwhy\W\d_]", "", low)


def _sounds_same(a: str, b: str) -> bool:
    """Two spellings of one sound, neither the other with letters added at the end (Niger, Nigeria)."""
    return _sound_key(a) == _sound_key(b) and not (a.startswith(b) or b.startswith(a))


# What a derivation adds to a word: Canada/Canadian, China/Chinese, Zealand/Zealander, Union/Unionists.
_DERIVATION_ENDINGS = frozenset(
    "s es n an ian ans ians ese ish i is ic ics er ers ean eans ern erns ism ist ists al ial ite ites".split())


def derived_word(base: str, word: str) -> bool:
    """Whether ``word`` is ``base`` with a derivational ending (Zealand/Zealander, Union/Unionists,
    Italy/Italian), never a truncation or a changed letter: Pittmen is a slip of Pittman, and Hungari of
    Hungary, not a form of it."""
    b, w = _fold(base).lower(), _fold(word).lower()
    if len(b) < 3 or b == w:
        return False
    if w.startswith(b) and w[len(b):] in _DERIVATION_ENDINGS:
        return True
    tail = w[len(b) - 1:]
    return b[-1] in "aeiouy" and w.startswith(b[:-1]) and len(tail) >= 2 and tail in _DERIVATION_ENDINGS


def misspelling(word: str, rendering: str) -> bool:
    """Whether ``word`` may be replaced as a slip of a word of ``rendering``: close to one of its words
    in spelling or sound, not a derived form of one (Zealander for Zealand, Unionists for Union, which
    are other words), and rare enough in English not to be a word the writer meant (see COMMON_ZIPF).
    A lower-case word must be rare to stand for a capitalised name: "standard" is never Stanford."""
    if not word[:1].isalpha() or any("가" <= c <= "힣" for c in word):
        return False
    w = _fold(word).lower()
    targets = [_fold(t).lower() for t in _tokens(rendering) if t[:1].isalpha()]
    if not targets or w in targets:
        return False
    if any(derived_word(t, w) or derived_word(w, t) for t in targets):
        return False
    close = [t for t in targets
             if _ratio(w, t) >= 0.5 or sounds_alike(t, w) >= 0.6 or _ratio(w, "".join(targets)) >= 0.6]
    if not close:
        return False
    zipf = _zipf(re.sub(r"[\-\u2010\u2011]", "", word))  # Min-hoe is no English word, though "hoe" is
    if zipf < RARE_ZIPF:
        return True
    if word[:1].islower() and rendering[:1].isupper():
        return False
    return zipf < COMMON_ZIPF and any(_one_letter_inside(w, t) or _sounds_same(w, t) for t in close)


# ------------------------------------------------------------------------------------------- repair

_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")  # letters read with a vowel sound: an MOU, an RIKEN lab


def _article_for(word: str) -> str:
    if not word:
        return "a"
    first = word.split()[0].strip("\"'(")
    if is_acronym(first) and first.isupper() and (len(first) <= 3 or not re.search(r"[AEIOU]", first[1:])):
        return "an" if first[0] in _VOWEL_SOUND_LETTERS else "a"  # spelt out: an MOU, a QST (RIKEN is read)
    if is_acronym(first) and first[0] == "U":
        return "a"  # read as a word, U sounds "you": a UNESCO site, a UEFA ruling
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


def wrong_part(en: str, start: int, end: int, rendering: str) -> tuple[int, int]:
    """The words of an avoided wording ``en[start:end]`` that are wrong, as (start, end): in "Republic
    Party" for Republican only "Republic" is (a near-miss of the rendering), and "Party" stays, so the
    repair gives "Republican Party" as a writer would. The whole wording when it has no more words than
    the rendering or no part of it spells like the rendering (Sandwich Islands for Hawaii)."""
    words = list(_EN_WORD.finditer(en, start, end))
    n = len(rendering.split())
    flat_target = _norm(rendering).replace(" ", "")
    for keep in range(n, len(words)):
        for lo in range(len(words) - keep + 1):
            a, b = words[lo].start(), words[lo + keep - 1].end()
            if _ratio(_norm(en[a:b]).replace(" ", ""), flat_target) >= near_miss_threshold(rendering):
                return a, b
    return start, end


# ------------------------------------------------------------------------------- left in Hangul

_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def untranslated_span(hit: TermHit, en: str, ko: str, hits: Sequence[TermHit] = ()) -> tuple[int, int] | None:
    """Where ``hit``'s term stands in ``en`` still in Hangul, as (start, end), or None.

    The Hangul must be the term's Korean exactly (the form the Korean has, the entry's ``ko`` or a
    variant, spaces aside), as whole Hangul words: then the replacement is known, and nothing is inserted
    where nothing stood. A particle glued to it is replaced with it (스탠포드는 → Stanford: English has no
    particles) only when it is one of the finder's ``PARTICLES`` and the Korean has the same word, so
    that the Hangul is the Korean copied, not another word that starts with the term (스탠포드대).
    Only in English: where the rest of the segment holds Hangul other than the segment's other terms
    (``hits``, each with a particle at most), the model left the Korean untranslated, and putting one
    English name into it would hide that.
    """
    forms = {_compact(f) for f in (hit.ko, hit.term.ko, *hit.term.ko_variants) if f.strip()}
    korean = _compact(ko)
    words = list(_HANGUL_WORD.finditer(en))
    for i, first in enumerate(words):
        for last in reversed(words[i:]):
            between = en[first.start():last.end()]
            if re.search(r"[^\uac00-\ud7a3\s]", between):
                continue  # the words must follow one another with only spaces between
            piece = _compact(between)
            for form in forms:
                if piece == form or (piece.startswith(form) and piece[len(form):] in PARTICLES and piece in korean):
                    rest = en[:first.start()] + en[last.end():]
                    others = sum(len(_compact(h.ko)) + 2 for h in hits if h.term != hit.term)
                    if len(_HANGUL.findall(rest)) > others:
                        return None
                    return first.start(), last.end()
    return None


# ------------------------------------------------------------------------- the check after the fact

# Words (a hyphenated name is one word: Min-ho), a possessive 's apart (so that "Kumagai's" keeps its
# ending when the name changes), and each punctuation mark: what a repair must not lose.
_TOKEN = re.compile(
    r"['\u2019][sS](?![^\W_])|[^\W_]+(?:(?:['\u2019](?![sS](?![^\W_]))|[\-\u2010\u2011])[^\W_]+)*|[^\w\s]")
_ARTICLES = frozenset({"a", "an"})


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def loses_nothing(before: str, after: str, term: Term, replaced: Sequence[str] = ()) -> bool:
    """Whether ``after`` is ``before`` with one more rendering of ``term`` and nothing else lost.

    The words that changed are read off a word diff of the two texts, not from the span the repair
    chose, so that a wrong span is caught whatever chose it. Gained words must be the rendering's (or an
    a/an, or a plural of a rendering word); each lost word must be an a/an, one of the rendering's own
    words (another case or order), one of ``replaced`` (the avoided wording, the Hangul the rule
    matched) or a ``misspelling`` of a rendering word; a run of words may also lose only its spacing
    (White Hall, Whitehall). The rendering must stand once more than before: a changed "a" in "a tiny
    chip" repairs nothing.
    """
    if len(rendering_spans(term.en, after)) != len(rendering_spans(term.en, before)) + 1:
        return False
    old, new = _tokens(before), _tokens(after)
    mine = {_fold(w).lower() for w in _tokens(term.en)}
    given = {w.lower() for w in replaced}
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        lost = [w for w in old[i1:i2] if w.lower() not in _ARTICLES]
        gained = [w for w in new[j1:j2] if w.lower() not in _ARTICLES]
        if any(not _renders_word(w, mine) for w in gained):
            return False
        if _joined(lost) == _joined(gained):
            continue  # spacing or hyphenation only
        if any(w.lower() not in given and _fold(w).lower() not in mine and not misspelling(w, term.en)
               for w in lost):
            return False
    return True


def _joined(words: Sequence[str]) -> str:
    return re.sub(r"[\-\u2010\u2011]", "", "".join(words)).lower()


def _renders_word(word: str, mine: set[str]) -> bool:
    low = _fold(word).lower()
    return low in mine or (low.endswith("s") and (low[:-1] in mine or (low.endswith("es") and low[:-2] in mine)))


def _other_renderings(hits: Sequence[TermHit], en: str, term: Term) -> list[int]:
    """How many times each other term of the segment stands rendered in ``en``."""
    return [sum(len(rendering_spans(r, en)) for r in hit.term.accepted) for hit in hits if hit.term != term]


def repair_segment(seg: str, en: str, hits: Sequence[TermHit], ko: str = "") -> tuple[str, list[Edit], set[Term]]:
    """One segment's English with its avoided wordings, terms left in Hangul and near-misses replaced,
    term by term (each term once, however many hits it has); ``ko`` is the segment's Korean, which a
    Hangul word with a particle must copy. Returns the English, the edits naming segment ``seg`` and the
    terms repaired. A replacement that ``loses_nothing`` refuses, or that takes away a rendering of
    another term of the segment, is not made."""
    edits: list[Edit] = []
    fixed: set[Term] = set()
    done = set()

    def attempt(term: Term, start: int, end: int, rule: str, replaced: Sequence[str] = ()) -> bool:
        nonlocal en
        repaired, before, after = replace_span(en, start, end, term.en)
        others = _other_renderings(hits, en, term)
        if not loses_nothing(en, repaired, term, replaced) or \
                any(a < b for a, b in zip(_other_renderings(hits, repaired, term), others)):
            return False
        en = repaired
        edits.append(Edit(seg, rule, before, after))
        fixed.add(term)
        return True

    for hit in hits:
        term = hit.term
        if term in done:
            continue
        done.add(term)
        for _ in range(4):  # a sentence may carry the same avoided wording more than once
            span = avoided_span(term, en)
            if not span:
                break
            start, end = wrong_part(en, span[0], span[1], term.en)
            # the wording as the English spells it (centre for an avoided "center") is what may go
            if not attempt(term, start, end, "avoid", _tokens(en[span[0]:span[1]])):
                break
        if is_rendered(term, en):
            continue
        hangul = untranslated_span(hit, en, ko, hits)
        if hangul is not None and attempt(term, *hangul, "untranslated", _tokens(en[hangul[0]:hangul[1]])):
            continue
        near = find_near_miss(term, en, taken_spans(hits, en, term), hit.ko)
        if near is not None:
            start, end, rule = near
            attempt(term, start, end - plural_ending(en[start:end], term.en), rule)
    return en, edits, fixed
