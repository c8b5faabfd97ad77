"""A translation file as read, whatever its format: its units, and the parsed document a repair goes back into.

Each exchange format reads itself into a ``TranslationFile`` and writes a repaired one back in its own
module (``lines``, ``json_doc``, ``xliff``, ``tmx``); ``translations`` tells the formats apart by their
first bytes and matches their units to an article's segments. What XLIFF and TMX share (the XML parser
that reads no entity, the units translate-toolkit gives) is here, below both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.errors import TranslationError

MAX_BYTES = 20 * 1024 * 1024  # as `briefing check`'s line-aligned files
LIMIT = "a translation file"


@dataclass(frozen=True)
class Unit:
    """One unit of a translation file: the id it names (None in line-aligned text and most TMX), its
    Korean where it holds one, its English; ``handle`` is the parsed object a repair is written back to."""

    id: str | None
    ko: str | None
    en: str
    handle: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class TranslationFile:
    """A translation file as read: ``kind`` is lines, json, xliff 2.0, xliff 1.2 or tmx."""

    path: str
    kind: str
    units: tuple[Unit, ...]
    document: Any = field(default=None, compare=False, repr=False)  # the JSON or translate-toolkit store
    newline: str = "\n"
    trailing: bool = True

    @property
    def bilingual(self) -> bool:
        """Whether every unit carries its Korean (XLIFF, TMX, JSON), so the file can be checked alone."""
        return self.kind != "lines" and all(u.ko is not None for u in self.units)


def read_bytes(path: str, what: str = LIMIT) -> bytes:
    """The file's bytes, refused with one line naming ``what`` the file is when it is too big."""
    from briefing.files import read_limited

    return read_limited(path, MAX_BYTES, what, TranslationError)


def xml_root(path: str, data: bytes):
    """The root element of an XML translation file, parsed by translate-toolkit's parser, which resolves
    no entity and reads no DTD or network resource; an entity that is used anyway is refused, never read
    as its literal ``&name;``."""
    from lxml import etree
    from translate.misc.xml_helpers import get_safe_xml_parser

    try:
        root = etree.fromstring(data, parser=get_safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise TranslationError(f"{path} is not well-formed XML ({exc}); pass XLIFF, TMX, JSON or one line per segment") from None
    entities = sorted({f"&{node.name};" for node in root.iter(etree.Entity)})
    if entities:
        raise TranslationError(
            f"{path} uses the entity {', '.join(entities)}, which briefing never expands (entities can read "
            "local files); write the text itself"
        )
    return root


def toolkit_file(path: str, kind: str, parse, ident) -> TranslationFile:
    """The units of an XLIFF or TMX file that translate-toolkit parses (``parse`` gives its store, ``ident``
    a unit's id); a header or a unit with no source is not a segment. A parse failure is one line."""
    from lxml import etree

    try:
        store = parse()
    except (ValueError, AssertionError, etree.LxmlError) as exc:
        raise TranslationError(f"{path} cannot be read as {kind.split()[0].upper()} ({exc})") from None
    units = tuple(
        Unit(ident(unit), str(unit.source), str(unit.target or ""), unit)
        for unit in store.units
        if not unit.isheader() and unit.source
    )
    return TranslationFile(path, kind, units, store)


def toolkit_with_english(translation: TranslationFile, english: list[str]) -> str:
    """An XLIFF or TMX file as it was, each changed unit's target replaced (``check --fix``)."""
    for unit, en in zip(translation.units, english):
        if en != unit.en:
            unit.handle.target = en
    return bytes(translation.document).decode("utf-8")
