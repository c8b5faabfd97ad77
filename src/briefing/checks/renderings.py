"""Where a glossary rendering stands in English: word boundaries, case, endings, US/UK spelling."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

from briefing.model import Rendering, Segment, Term, TermHit
from briefing.checks.names import demonym_pair, demonyms_of, derived_form, skeleton, sounds_alike, zipf

# ------------------------------------------------------------------------------- rendering patterns

_SEP = r"[\s\-\u2010\u2011\u2013]+"  # between words: heavy ion / heavy-ion
_HYPHEN = r"[\s\-\u2010\u2011]?"  # inside a hyphenated word: Min-ho / Min ho / Minho
_ENDING = r"(?P<ending>['\u2019]s|s['\u2019]|['\u2019](?![A-Za-z])|es|s)?"


def is_acronym(word: str) -> bool:
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


# Letters that carry no accent to take off but are read as a plain Latin letter (Erdoğan's ğ decomposes;
# the Turkish dotless ı, the Danish ø and the Polish ł do not).
_PLAIN_LETTER = {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d",
                 "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ŀ": "l"}


@lru_cache(maxsize=4096)
def fold_accents(text: str) -> tuple[str, tuple[int, ...] | None]:
    """``text`` with the accents of Latin letters taken off (López → Lopez, Erdoğan → Erdogan,
    Galápagos → Galapagos), and where each folded character came from in ``text`` (None when nothing
    changed). Matching runs on the folded text so that a glossary written without accents accepts a
    translation written with them, and the other way round; spans are mapped back, so what is shown
    and repaired is the text as written. Hangul and other scripts are left as they are."""
    if text.isascii():
        return text, None
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            origin.append(i)
            continue
        if unicodedata.combining(ch) and out and out[-1].isascii() and out[-1].isalpha():
            continue  # a combining accent after a Latin letter: López written as o + U+0301
        plain = _PLAIN_LETTER.get(ch)
        if plain is None and unicodedata.name(ch, "").startswith("LATIN "):
            plain = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        for c in plain or ch:
            out.append(c)
            origin.append(i)
    folded = "".join(out)
    return (folded, tuple(origin)) if folded != text else (text, None)


def _unfold_span(text: str, origin: tuple[int, ...] | None, start: int, end: int) -> tuple[int, int]:
    """A span of ``fold_accents(text)`` as a span of ``text`` (a combining accent stays with its letter)."""
    if origin is None:
        return start, end

    def at(i: int) -> int:
        return origin[i] if i < len(origin) else len(text)

    return at(start), at(end)


def _piece(chunk: str, last: bool) -> str:
    letters = chunk.replace(".", "")
    dotted_acronym = re.fullmatch(r"(?:[A-Z]\.){2,}", chunk)
    if dotted_acronym or (chunk == letters and letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6):
        # an acronym with or without its dots: FBI, F.B.I. (the last dot may end the sentence: left out)
        dotted = r"\.".join(letters)
        return f"(?:{letters}|{dotted})" if len(letters) > 1 else re.escape(letters)
    out = []
    for part in re.split(r"(['\u2019&])", chunk):
        if part in ("'", "\u2019"):
            out.append("['\u2019]?")
        elif part == "&":
            out.append("(?:&|and)")
        elif part:
            body = _spelling(part) if part.isalpha() and not is_acronym(part) else re.escape(part)
            if last and part.isalpha() and part.endswith("y") and len(part) > 2 and not is_acronym(part):
                body = re.escape(part[:-1]) + "(?:y|ies)"  # city / cities
            out.append(body if is_acronym(part) else f"(?i:{body})")
    return "".join(out)


def _word_pattern(word: str, last: bool) -> str:
    chunks = [c for c in word.split("-") if c]
    return _HYPHEN.join(_piece(c, last and k == len(chunks) - 1) for k, c in enumerate(chunks))


# A name coordinated with another that shares its last word: "North and South Korea" holds North Korea,
# "East, West and Central Africa" holds East Africa. The other names are capitalised words.
_CAPITALISED = r"[A-Z][A-Za-z'\u2019\-]*"
_COORDINATED = rf"(?:,\s*{_CAPITALISED})*,?\s+(?:and|or|&)\s+{_CAPITALISED}(?:\s+{_CAPITALISED})?"


def _is_name(words: Sequence[str]) -> bool:
    return len(words) >= 2 and words[0][:1].isupper() and words[-1][:1].isupper()


@lru_cache(maxsize=8192)
def rendering_pattern(rendering: str) -> re.Pattern:
    """A regex for ``rendering`` at word boundaries, tolerant of case (not in acronyms), plural and
    possessive endings, hyphen/space variation, the dots of an acronym (FBI, F.B.I.) and, in a name of
    several words, another name coordinated before its last word (North and South Korea); group
    ``core`` is the rendering without its ending. It matches text as ``fold_accents`` gives it."""
    words = fold_accents(rendering)[0].split()
    parts = [_word_pattern(word, n == len(words) - 1) for n, word in enumerate(words)]
    core = _SEP.join(parts)
    if _is_name(words):
        core = f"{_SEP.join(parts[:-1])}(?:{_COORDINATED})?{_SEP}{parts[-1]}"
    return re.compile(rf"(?<![A-Za-z0-9])(?P<core>{core}){_ENDING}(?![A-Za-z0-9])")


def rendering_spans(rendering: str, en: str) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of ``rendering`` in ``en``, ending excluded; accents are folded
    on both sides for the match (López for Lopez) and the spans are those of ``en`` as written."""
    folded, origin = fold_accents(en)
    return [_unfold_span(en, origin, *m.span("core")) for m in rendering_pattern(rendering).finditer(folded)]


def derived_spans(rendering: str, en: str) -> list[tuple[int, int]]:
    """Where ``en`` names ``rendering`` by a word derived from it: the people or adjective of a place
    (Canadian, Chinese, New Zealanders, South African, North and South Korean), its irregular demonym
    (Norwegian, Dutch, Saudi for Saudi Arabia), a creed (Sikhism). Only a real derivation counts, never a
    truncation (Niger for Nigeria, Spiet for Spieth; ``names.derived_form``). Capitalised names only,
    and a one-word name of 4 letters or more (Iran is not derived into Irani by a slip)."""
    words = fold_accents(rendering)[0].split()
    if not _has_derived_forms(words):
        return []
    last = words[-1]
    folded, origin = fold_accents(en)
    spans = []
    pattern = _derived_pattern(" ".join(words))
    if pattern is not None:
        for m in pattern.finditer(folded):
            word = m.group("word")
            if derived_form(last, word) or demonym_pair(last, word):
                spans.append(_unfold_span(en, origin, m.start(), m.end()))
    for demonym in demonyms_of(" ".join(words)):
        if " " in demonym or len(words) > 1:  # one-word names are the loop's (Spain: Spanish)
            spans.extend(rendering_spans(demonym, en))
    return spans


def _has_derived_forms(words: Sequence[str]) -> bool:
    """A capitalised name not ending in an acronym: what can be named by a word derived from it."""
    return bool(words) and words[0][:1].isupper() and words[-1][:1].isupper() and not is_acronym(words[-1])


@lru_cache(maxsize=8192)
def _derived_pattern(name: str) -> re.Pattern | None:
    """The name's words but the last, then any capitalised word (tested by ``derived_form``)."""
    words = name.split()
    if len(words) == 1 and len(words[0]) < 4:
        return None
    head = ""
    if len(words) > 1:
        head = _SEP.join(_word_pattern(w, False) for w in words[:-1]) + f"(?:{_COORDINATED})?{_SEP}"
    return re.compile(rf"(?<![A-Za-z0-9]){head}(?P<word>[A-Z][a-z]+)(?![A-Za-z0-9])")


def compile_patterns(term: Term) -> None:
    """Compile now the patterns that ``is_rendered`` and ``rendering_places`` search ``term``'s English
    with (each is compiled once, on first use): 1-2 ms a rendering, about 0.2 s of the seed's review, which
    a process waiting for the article to be read spends here instead of after the translation
    (``pipeline.korean_side_apart``). What they find does not change."""
    for rendering in term.accepted:
        rendering_pattern(rendering)
        words = fold_accents(rendering)[0].split()
        if _has_derived_forms(words):
            _derived_pattern(" ".join(words))


def rendering_places(hits: Sequence[TermHit], en: str) -> tuple[tuple[Rendering, ...], ...]:
    """For each hit, every place in ``en`` where an accepted rendering of its term stands: the canonical
    rendering's places first, then each variant's, each in reading order. Found once when the English is
    checked, so that the review page (which marks the first place no other term took) and the batch
    (which compares the rendering used across articles) read them instead of searching again."""
    return tuple(
        tuple(Rendering(rendering, start, end) for rendering in hit.term.accepted
              for start, end in rendering_spans(rendering, en))
        for hit in hits
    )


def reviewed(segment: Segment, en: str) -> Segment:
    """``segment`` with ``en`` as its English and what stands in it: one ``rendered`` flag (``is_rendered``)
    and one tuple of ``rendering_places`` per hit."""
    return replace(segment, en=en, rendered=tuple(is_rendered(hit.term, en) for hit in segment.hits),
                   spans=rendering_places(segment.hits, en))


def is_rendered(term: Term, en: str) -> bool:
    """Whether ``en`` holds the canonical rendering or an accepted variant, at word boundaries.

    Tolerant of case except in acronyms (QST, RIKEN), of plural and possessive endings (heavy ions,
    Kumagai's), of hyphen/space variation (heavy-ion, heavy ion; Min-ho, Minho), of accents (López for
    Lopez), of an acronym's dots (F.B.I.), of a coordinated name (North and South Korea) and of a name's
    derived forms (``derived_spans``: Canadian, New Zealanders), since 캐나다 인구 is "Canadian
    population" as often as "population of Canada". A truncated name (Spiet for Spieth) is not rendered.
    """
    folded = fold_accents(en)[0]
    if any(rendering_pattern(r).search(folded) for r in term.accepted):
        return True
    if any(derived_spans(r, en) for r in term.accepted):
        return True
    return any(_shortened(r, folded) for r in term.accepted)


# The generic head of a name, which English drops when the name stands before a noun or is well known:
# "the Republican nomination" (Republican Party), "a Harvard professor" (Harvard University), "the
# Mediterranean coast" (Mediterranean Sea). City, State and Island are not here: Mexico City is not
# Mexico, and Sejong City is what its glossary asks for.
_GENERIC_HEADS = frozenset("Party University College Sea Ocean River Dynasty Empire Corporation Company".split())


def _shortened(rendering: str, en: str) -> bool:
    """Whether ``en`` names ``rendering`` without its generic head, capitalised as in the rendering
    and not at the start of a sentence (where any word is capitalised); ``en`` is folded."""
    words = fold_accents(rendering)[0].split()
    if len(words) < 2 or words[-1] not in _GENERIC_HEADS or not all(w[:1].isupper() for w in words[:-1]):
        return False
    stem = " ".join(words[:-1])
    if len(stem) < 5:
        return False  # "Red" for the Red Sea is a colour more often than a sea
    for m in re.finditer(rf"(?<![A-Za-z]){re.escape(stem)}(?:['’]s)?(?![A-Za-z])", en):
        if en[:m.start()].strip() and not re.search(r"[.!?]\s*[\"'“]?$", en[:m.start()]):
            return True
    return False


def taken_spans(hits: Sequence[TermHit], en: str, skip: Term | None) -> list[tuple[int, int]]:
    """Where the renderings of the segment's terms (all but ``skip``) stand in ``en``: a near-miss or a
    capitalised name found there belongs to another term, so the repair and the name checks leave it."""
    spans = []
    for hit in hits:
        if hit.term is skip:
            continue
        for r in hit.term.accepted:
            spans.extend(rendering_spans(r, en))
    return spans


def avoided_span(term: Term, en: str) -> tuple[int, int, str] | None:
    """The first wording the glossary avoids for ``term`` that stands in ``en`` (the longest tried first),
    as (start, end, wording); one that is only part of a longer accepted rendering does not count."""
    accepted = [s for r in term.accepted for s in rendering_spans(r, en)]
    for bad in sorted(term.avoid, key=len, reverse=True):
        for start, end in rendering_spans(bad, en):
            if not any(s <= start and end <= e and (e - s) > (end - start) for s, e in accepted):
                return start, end, bad
    return None


def hangul_span(term: Term, en: str, ko: str | None = None) -> tuple[int, int] | None:
    """Where the term stands in ``en`` left in Hangul: its Korean, a Korean variant or ``ko`` (the form
    the Korean had), as a word of its own (no Hangul syllable touching it: 스탠포드대 is another word,
    and replacing its first part would leave half a Korean word). The longest form first; None if none.
    The replacement is then known and nothing is inserted where nothing stood (#23)."""
    for form in sorted({term.ko, *term.ko_variants, *([ko] if ko else [])}, key=len, reverse=True):
        if not form or not re.search(r"[가-힣]", form):
            continue
        for m in re.finditer(re.escape(form), en):
            before, after = en[m.start() - 1:m.start()], en[m.end():m.end() + 1]
            if not re.match(r"[가-힣ㄱ-ㅣ]", before) and not re.match(r"[가-힣ㄱ-ㅣ]", after):
                return m.span()
    return None


# A word of any Latin script, accents included (Jerdín is one word, not Jerd and n).
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
# A misspelt name is a rare word: under the Zipf frequency of names such as Italy or Texas (4.2), so
# that a common word (cold, marketing) is never taken for one; Stuart (4.0) is still a name's spelling.
RARE_ZIPF = 4.2


def misspelt_span(term: Term, en: str, ko: str | None = None,
                  taken: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Where ``en`` holds the term's name misspelt: as many words as the rendering, every word that
    differs from it a rare word that sounds like it (the same consonant skeleton, or one close to it
    and spelt close to it), the first sound kept; written in any case (tutankamen) and with any
    accents (Jerdín). With ``ko`` (the Korean the term was found as, which is the evidence that the
    segment names this term), a span whose skeleton differs must sound like the Korean too. Spans in
    ``taken`` (other terms' renderings) are skipped. The closest spelling wins; None if there is none.
    Only for names (a capitalised rendering): a common noun's near-miss is another word."""
    target = fold_accents(term.en)[0]
    target_words = target.split()
    if not target[:1].isupper() or any(is_acronym(w) for w in target_words):
        return None
    n = len(target_words)
    folded, origin = fold_accents(en)
    words = list(_WORD.finditer(folded))
    best = None
    for i in range(len(words) - n + 1):
        span = words[i:i + n]
        if any(not re.fullmatch(r"[\s\-\u2010\u2011]+", folded[a.end():b.start()])
               for a, b in zip(span, span[1:])):
            continue  # one name: its words stand side by side
        start, end = _unfold_span(en, origin, span[0].start(), span[-1].end())
        if any(start < e and s < end for s, e in taken):
            continue
        text = " ".join(w.group() for w in span)
        differ = [(w.group(), t) for w, t in zip(span, target_words) if w.group().lower() != t.lower()]
        if not differ or any(zipf(w) >= RARE_ZIPF for w, _ in differ):
            continue
        if any(derived_form(t, w) or derived_form(w, t) for w, t in differ):
            continue  # Canadian for Canada is another word, not a misspelling
        if skeleton(text)[:1] != skeleton(target)[:1] and text[:1].lower() != target[:1].lower():
            continue  # another first sound is another name
        ratio = SequenceMatcher(None, text.lower(), target.lower(), autojunk=False).ratio()
        same_sound = skeleton(text) == skeleton(target)
        if not same_sound and not (ratio >= 0.75 and sounds_alike(target, text) >= 0.8
                                   and (ko is None or sounds_alike(ko, text) >= 0.6)):
            continue
        if ratio < 0.5:
            continue
        if best is None or ratio > best[0]:
            best = (ratio, start, end)
    return None if best is None else (best[1], best[2])
