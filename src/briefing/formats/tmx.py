"""TMX 1.4, the sentence pairs as a translation memory, written by translate-toolkit.

One ``<tu>`` per segment that has English, in reading order, with the segment id as ``tuid`` so that
``tmx_file`` reads it back by id; a CAT tool imports it as a memory and matches by the Korean.
The English is the repaired one: a memory should hold what a reviewer would accept.

XML 1.0 forbids the C0 control characters other than tab, newline and carriage return (Word's vertical
tab for Shift+Enter, pdftotext's form feed, ESC), and TMX 1.4 has no element for them; briefing writes
each as its Unicode Control Picture (U+2400 + its code: U+240B for a vertical tab) and, in a TMX it wrote
(``creationtool="briefing"``), reads the pictures back as the characters, so its own memory matches the
article exactly. A CAT tool's memory is read as it is.
"""

from __future__ import annotations

from dataclasses import replace

from briefing import __version__
from briefing.model import Result
from briefing.formats.layout import reading_order
from briefing.errors import TranslationError
from briefing.formats.translation_file import TranslationFile, primary_language, unit_segment

# the C0 controls XML 1.0 forbids: all below U+0020 except tab, newline and carriage return
XML_FORBIDDEN = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r")
PICTURES = str.maketrans({c: chr(0x2400 + ord(c)) for c in XML_FORBIDDEN})
CONTROLS = str.maketrans({chr(0x2400 + ord(c)): c for c in XML_FORBIDDEN})


def control_pictures(text: str) -> str:
    """``text`` with each character XML 1.0 forbids as its Control Picture (U+2400 + its code)."""
    return text.translate(PICTURES)


def from_control_pictures(text: str) -> str:
    """The inverse of ``control_pictures``."""
    return text.translate(CONTROLS)


def to_tmx(result: Result) -> str:
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="ko", targetlanguage="en")
    header = store.document.getroot().find("header")
    if header is not None:
        header.set("creationtool", "briefing")
        header.set("creationtoolversion", __version__)
    for segment in reading_order(result):
        unit = store.addsourceunit(control_pictures(segment.ko), "ko")
        if segment.en is not None:  # a segment with no English keeps its unit, with its Korean alone
            unit.settarget(control_pictures(segment.en), "en")
        unit.xmlelement.set("tuid", segment.id)
    return bytes(store).decode("utf-8")


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_variants(store) -> list[tuple[object, object, object]]:
    """Each ``<tu>`` that has a Korean variant, with its Korean and English ``<tuv>`` (None when it has
    none), each taken by its language tag: a memory may hold Japanese or Chinese beside them, in any
    order, and the second variant is not the English."""
    out = []
    for unit in store.units:
        by_language: dict[str, object] = {}
        for node in unit.getlanguageNodes():
            by_language.setdefault(primary_language(node.get(XML_LANG) or node.get("lang")), node)
        if "ko" in by_language:
            out.append((unit, by_language["ko"], by_language.get("en")))
    return out


def tmx_file(path: str, data: bytes) -> TranslationFile:
    """A TMX memory's units that hold Korean, each with its ``tuid`` (None where a CAT tool wrote none)
    and its English variant; a memory with no Korean or no English variant is refused in one line."""
    from lxml import etree
    from translate.storage.tmx import tmxfile

    try:
        store = tmxfile.parsestring(data)
    except (ValueError, AssertionError, etree.LxmlError) as exc:
        raise TranslationError(f"{path} cannot be read as TMX ({exc})") from None
    variants = tmx_variants(store)
    if not variants:
        raise TranslationError(f"{path} holds no Korean: no unit has a variant in ko (<tuv xml:lang=\"ko\">)")
    if all(en is None for _, _, en in variants):
        raise TranslationError(f"{path} holds no English: no unit has a variant in en (<tuv xml:lang=\"en\">)")
    segments = tuple(
        unit_segment(n, unit.xmlelement.get("tuid"), _text(unit, ko), _text(unit, en) if en is not None else "")
        for n, (unit, ko, en) in enumerate(variants, 1)
    )
    header = store.document.getroot().find("header")
    if header is not None and header.get("creationtool") == "briefing":  # ours: its pictures are controls
        segments = tuple(replace(s, ko=from_control_pictures(s.ko), en=from_control_pictures(s.en)) for s in segments)
    return TranslationFile(path, "tmx", segments, store)


def _text(unit, node) -> str:
    return str(unit.getNodeText(node) or "")


def tmx_with_english(translation: TranslationFile, english: list[str]) -> str:
    """The memory as it was, each changed unit's English variant replaced (``check --fix``), never
    another language's."""
    for (unit, _, en_node), segment, en in zip(tmx_variants(translation.document), translation.segments, english,
                                               strict=True):
        if en == segment.en:
            continue
        en = control_pictures(en)  # XML 1.0 cannot hold the C0 controls: written as their pictures
        if en_node is None:
            unit.settarget(en, "en", append=True)
        else:
            seg = en_node.find(unit.namespaced(unit.textNode))
            seg = en_node if seg is None else seg
            for child in list(seg):
                seg.remove(child)
            seg.text = en
    return bytes(translation.document).decode("utf-8")
