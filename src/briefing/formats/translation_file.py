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
from briefing.model import Segment

MAX_BYTES = 20 * 1024 * 1024  # as `briefing check`'s line-aligned files
LIMIT = "a translation file"


@dataclass(frozen=True)
class TranslationFile:
    """A translation file as read: ``kind`` is lines, json, xliff 2.0, xliff 1.2 or tmx; one ``Segment``
    per unit (see ``unit_segment``); ``document`` is what a repair is written back into."""

    path: str
    kind: str
    segments: tuple[Segment, ...]
    document: Any = field(default=None, compare=False, repr=False)  # the JSON or translate-toolkit store
    newline: str = "\n"
    trailing: bool = True

    @property
    def bilingual(self) -> bool:
        """Whether every unit carries its Korean (XLIFF, TMX, JSON), so the file can be checked alone."""
        return self.kind != "lines"


def unit_segment(n: int, unit_id: str | None, ko: str, en: str) -> Segment:
    """Unit ``n`` (1-based) of an XLIFF, TMX or JSON file as a segment: named by the id the file gives
    it, else ``u{n}`` (a name no article segment has, so such a file is matched by its Korean)."""
    return Segment(unit_id or f"u{n}", "unit", None, ko, 0, 0, en=en)


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
    a unit's id); a parse failure is one line."""
    from lxml import etree

    try:
        store = parse()
    except (ValueError, AssertionError, etree.LxmlError) as exc:
        raise TranslationError(f"{path} cannot be read as {kind.split()[0].upper()} ({exc})") from None
    segments = tuple(unit_segment(n, ident(unit), str(unit.source), str(unit.target or ""))
                     for n, unit in enumerate(toolkit_units(store), 1))
    return TranslationFile(path, kind, segments, store)


def toolkit_units(store) -> list:
    """The store's units that are segments: a header or a unit with no source is not one, nor a unit of
    an XLIFF 1.2 ``<file>`` into another language than English (one document may hold several)."""
    return [unit for unit in store.units if not unit.isheader() and unit.source
            and primary_language(_file_of(unit).get("target-language") or "en") == "en"]


def _file_of(unit):
    for element in unit.xmlelement.iterancestors():
        if element.tag.rsplit("}", 1)[-1] == "file":
            return element
    return {}


def primary_language(tag: str | None) -> str:
    """The primary subtag of a language tag, lower case: ``en`` for ``en``, ``en-US``, ``EN_GB``."""
    return (tag or "").replace("_", "-").split("-")[0].strip().lower()


def refuse_other_languages(path: str, sources: list[str | None], targets: list[str | None]) -> None:
    """Refuse in one line a file whose declared languages are not Korean into English: the source
    side by ``ko`` and the target by ``en`` (their primary subtag, any case); undeclared is accepted."""
    declared = [t for t in targets if t]
    if declared and "en" not in {primary_language(t) for t in declared}:
        raise TranslationError(f"{path} holds no English: its target language is {', '.join(dict.fromkeys(declared))}, "
                               "and briefing reads English (en, en-US…)")
    declared = [t for t in sources if t]
    if declared and "ko" not in {primary_language(t) for t in declared}:
        raise TranslationError(f"{path} holds no Korean: its source language is {', '.join(dict.fromkeys(declared))}, "
                               "and briefing reads Korean (ko)")
