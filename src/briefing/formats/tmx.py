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
from briefing.formats.translation_file import TranslationFile, toolkit_file

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
        if segment.en is None:
            continue
        unit = store.addsourceunit(control_pictures(segment.ko), "ko")
        unit.settarget(control_pictures(segment.en), "en")
        unit.xmlelement.set("tuid", segment.id)
    return bytes(store).decode("utf-8")


def tmx_file(path: str, data: bytes) -> TranslationFile:
    """A TMX memory's units, each with its ``tuid`` (None where a CAT tool wrote none)."""
    from translate.storage.tmx import tmxfile

    read = toolkit_file(path, "tmx", lambda: tmxfile.parsestring(data), lambda unit: unit.xmlelement.get("tuid"))
    header = read.document.document.getroot().find("header")
    if header is None or header.get("creationtool") != "briefing":
        return read
    segments = tuple(replace(s, ko=from_control_pictures(s.ko), en=from_control_pictures(s.en)) for s in read.segments)
    return replace(read, segments=segments)
