"""Segments that have no English: an empty or missing target, or one still in Korean or in another script.

A translation made elsewhere often leaves a segment out (an empty line, an XLIFF unit without a target, a
translation memory without an English variant) or copies the source into the target, as CAT tools do for
a segment nobody translated. Such a segment would otherwise vanish from the full translation or give an
empty bullet, and its glossary terms would each be reported missing: one finding says what is wrong.
"""

from __future__ import annotations

import unicodedata
from typing import Sequence

from briefing.model import Issue, Segment

#: Below this share of Latin letters among the English's letters, the English is not English: a copied
#: Korean source keeps a few Latin acronyms (QST, AI) but is mostly Hangul, and a Japanese target mostly
#: Kana and Kanji; an English sentence quoting a Korean or Japanese name is still mostly Latin.
LATIN_SHARE_MIN = 0.5


def untranslated_reason(ko: str, en: str | None) -> str | None:
    """Why ``en`` is not an English translation of ``ko``, or None when it is one (or ``ko`` holds nothing
    to translate)."""
    if not ko.strip():
        return None
    if en is None or not en.strip():
        return "no English"
    if " ".join(en.split()) == " ".join(ko.split()) and any(ch.isalpha() and _script(ch) != "latin" for ch in ko):
        return "the Korean copied as it is"  # what a CAT tool leaves in a segment nobody translated
    letters = [ch for ch in en if ch.isalpha()]
    if not letters:
        source_letters = any(ch.isalpha() for ch in ko)
        return "no English words" if source_letters else None
    latin = sum(1 for ch in letters if _script(ch) == "latin")
    if latin / len(letters) >= LATIN_SHARE_MIN:
        return None
    scripts: dict[str, int] = {}
    for ch in letters:
        scripts[_script(ch)] = scripts.get(_script(ch), 0) + 1
    if "kana" in scripts:  # Kanji alone could be Chinese; with Kana among them it is Japanese
        return "not English (Japanese)"
    main = max(scripts, key=scripts.get)
    if main == "hangul":
        return "the English is still Korean"
    return f"not English (mostly {main})"


def _script(ch: str) -> str:
    """The script of a letter, by its Unicode name: the few that tell English from what it is not."""
    name = unicodedata.name(ch, "")
    for script, word in (("latin", "LATIN"), ("hangul", "HANGUL"), ("kana", "KATAKANA"), ("kana", "HIRAGANA"),
                         ("Chinese characters", "CJK"), ("Cyrillic", "CYRILLIC"), ("Greek", "GREEK")):
        if name.startswith(word):
            return script
    return "another script"


def check_untranslated(segments: Sequence[Segment]) -> list[Issue]:
    """One ``untranslated`` finding per segment whose English is missing or not English.

    Catches what a translation made elsewhere left out or left in Korean. False alarms: an English line
    that is mostly a quoted Korean or Japanese name (more letters in Hangul or Kana than in Latin)."""
    out = []
    for segment in segments:
        reason = untranslated_reason(segment.ko, segment.en)
        if reason is not None:
            en = (segment.en or "").strip()
            out.append(Issue("untranslated", segment.id, segment.ko, None, en or None, message=reason))
    return out
