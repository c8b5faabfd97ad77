"""TMX 1.4, the sentence pairs as a translation memory, written by translate-toolkit.

One ``<tu>`` per segment that has English, in reading order, with the segment id as ``tuid`` so that
``tmx_file`` reads it back by id; a CAT tool imports it as a memory and matches by the Korean.
The English is the repaired one: a memory should hold what a reviewer would accept.
"""

from __future__ import annotations

from briefing import __version__
from briefing.model import Result
from briefing.formats.layout import reading_order
from briefing.formats.translation_file import TranslationFile, toolkit_file


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
        unit = store.addsourceunit(segment.ko, "ko")
        unit.settarget(segment.en, "en")
        unit.xmlelement.set("tuid", segment.id)
    return bytes(store).decode("utf-8")


def tmx_file(path: str, data: bytes) -> TranslationFile:
    """A TMX memory's units, each with its ``tuid`` (None where a CAT tool wrote none)."""
    from translate.storage.tmx import tmxfile

    return toolkit_file(path, "tmx", lambda: tmxfile.parsestring(data), lambda unit: unit.xmlelement.get("tuid"))
