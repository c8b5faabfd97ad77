"""A translation made elsewhere (DeepL, a person, an LLM, a CAT tool) → the English of each segment.

Four shapes are read, told apart by their first bytes: line-aligned text (one line per segment in the
order ``briefing inspect --format lines`` prints the Korean: title, subtitle, then each section's heading
and its sentences), the JSON that ``translate``/``run --format json`` writes, XLIFF 1.2 or 2.0, and TMX.
XLIFF and TMX are parsed by translate-toolkit, whose parser resolves no entity and reads no DTD or
network resource; an entity that is used anyway is refused, never read as its literal ``&name;``.
``run --translation`` and ``check`` both go through here, so both read a file the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from briefing.errors import TranslationError
from briefing.model import Result, Segment

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


def read_translation(path: str, what: str = LIMIT) -> TranslationFile:
    """Read and sniff a translation file; anything unreadable is one ``TranslationError`` line that
    names ``what`` the file is when it is too big."""
    from briefing.files import read_limited

    data = read_limited(path, MAX_BYTES, what, TranslationError)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"[") or path.lower().endswith(".json"):
        return _read_json(path, data)
    if head == b"<":
        return _read_xml(path, data)
    return _read_lines(path, data, what)


def read_lines(path: str, what: str = LIMIT) -> TranslationFile:
    """``path`` as line-aligned text, whatever it looks like (``check``'s Korean side)."""
    from briefing.files import read_limited

    return _read_lines(path, read_limited(path, MAX_BYTES, what, TranslationError), what)


def _read_lines(path: str, data: bytes, what: str) -> TranslationFile:
    from briefing.reader.source import decode_bytes

    text = decode_bytes(data, path, MAX_BYTES, what) if data.strip() else data.decode("utf-8-sig", "replace")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    trailing = text.endswith("\n")
    lines = text.split("\n")
    if trailing:
        lines.pop()
    return TranslationFile(path, "lines", tuple(Unit(None, None, line) for line in lines), None, newline, trailing)


def _read_json(path: str, data: bytes) -> TranslationFile:
    from briefing.formats.json_doc import segment_objects

    try:
        document = json.loads(data.decode("utf-8-sig"))
        objects = segment_objects(document)
    except (UnicodeDecodeError, ValueError) as exc:
        raise TranslationError(f"{path} is not the JSON that `briefing translate --format json` writes ({exc})") from None
    units = tuple(Unit(i, obj.get("ko"), obj.get("en") or "", obj) for i, obj in objects)
    return TranslationFile(path, "json", units, document)


def _read_xml(path: str, data: bytes) -> TranslationFile:
    """XLIFF 2.0, XLIFF 1.2 or TMX, by the root element; translate-toolkit reads the units."""
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
    name = etree.QName(root).localname
    try:
        if name == "xliff" and (root.get("version") or "").startswith("2."):
            from translate.storage.xliff2 import Xliff2File

            store, kind = Xliff2File.parsestring(data), "xliff 2.0"
        elif name == "xliff":
            from translate.storage.xliff import xlifffile

            store, kind = xlifffile.parsestring(data), "xliff 1.2"
        elif name == "tmx":
            from translate.storage.tmx import tmxfile

            store, kind = tmxfile.parsestring(data), "tmx"
        else:
            raise TranslationError(f"{path} is XML but neither XLIFF nor TMX (its root is <{name}>)")
    except (ValueError, AssertionError, etree.LxmlError) as exc:
        raise TranslationError(f"{path} cannot be read as {name.upper()} ({exc})") from None
    units = []
    for unit in store.units:
        if kind == "tmx":
            ident = unit.xmlelement.get("tuid")
        elif kind == "xliff 2.0":
            ident = unit.getid()
        else:
            ident = unit.xmlelement.get("id")
        if unit.isheader() or not unit.source:
            continue
        units.append(Unit(ident, str(unit.source), str(unit.target or ""), unit))
    return TranslationFile(path, kind, tuple(units), store)


# ----------------------------------------------------------------------------- English by segment


def english_from_file(path: str, article: str = "the article") -> Callable[[Result], list[str]]:
    """Read ``path`` now (its errors come before the article is read) and give the English of a
    prepared result's segments later: what ``pipeline.run_translation`` takes."""
    translation = read_translation(path)
    return lambda result: english_for(translation, result, article)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def english_for(translation: TranslationFile, result: Result, article: str = "the article") -> list[str]:
    """The file's English for each of ``result.segments``, in that order (see ``match_units``)."""
    return [translation.units[i].en for i in match_units(translation, result, article)]


def match_units(translation: TranslationFile, result: Result, article: str = "the article") -> list[int]:
    """The index of the file's unit for each of ``result.segments``, in that order.

    Line-aligned text is taken in reading order; a file whose units name every segment's id (JSON, and
    XLIFF or TMX that briefing wrote) by id, its sentences' Korean checked against the article; any other
    bilingual file by its Korean, so that a CAT tool's file with ids of its own still lines up (and a
    translation memory may hold more units than the article needs).
    """
    from briefing.formats.layout import reading_order

    segments = result.segments
    units = translation.units
    if translation.kind == "lines":
        order = reading_order(result)
        if len(units) != len(order):
            raise TranslationError(count_mismatch(translation.path, [u.en for u in units], order, article))
        position = {s.id: n for n, s in enumerate(order)}
        return [position[s.id] for s in segments]
    ids = {u.id: n for n, u in enumerate(units) if u.id is not None}
    if set(ids) == {s.id for s in segments} and len(ids) == len(units):
        for s in segments:
            ko = units[ids[s.id]].ko
            if s.kind == "sentence" and ko is not None and not _same(ko, s.ko):
                raise TranslationError(
                    f"{translation.path} does not belong to {article}: {s.label} is “{_short(s.ko)}” in the "
                    f"article but “{_short(ko)}” in the file"
                )
        return [ids[s.id] for s in segments]
    by_ko: dict[str, int] = {}
    for n, u in enumerate(units):
        by_ko.setdefault(" ".join((u.ko or "").split()), n)
    missing = [s for s in segments if " ".join(s.ko.split()) not in by_ko]
    if missing:
        raise TranslationError(
            f"{translation.path} does not belong to {article}: {len(units)} units for {len(segments)} segments, "
            f"and none holds {missing[0].label} (“{_short(missing[0].ko)}”)"
            + ("; check the file alone with `briefing check FILE`" if translation.bilingual else "")
        )
    return [by_ko[" ".join(s.ko.split())] for s in segments]


def count_mismatch(path: str, lines: list[str], order: list[Segment], article: str) -> str:
    """One line naming both counts and the first segment whose line is not where it should be."""
    from briefing.formats.alignment import first_misaligned

    at = first_misaligned([s.ko for s in order], lines, [[h.en for h in s.hits] for s in order])
    message = (
        f"{path} has {len(lines)} lines but {article} has {len(order)} segments (one line each, in the order "
        f"`briefing inspect --format lines` prints them)"
    )
    if at < len(order):
        segment = order[at]
        line = f"“{_short(lines[at])}”" if at < len(lines) else "nothing"
        message += f"; the first that does not line up is {segment.label} (“{_short(segment.ko)}”), line {at + 1} holds {line}"
    return message


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------- writing back


def with_english(translation: TranslationFile, english: list[str]) -> str:
    """The file as it was, each unit's English replaced (``check --fix``): same shape, same units."""
    if len(english) != len(translation.units):
        raise ValueError(f"with_english: {len(translation.units)} units but {len(english)} strings")
    if translation.kind == "lines":
        return translation.newline.join(english) + (translation.newline if translation.trailing else "")
    if translation.kind == "json":
        for unit, en in zip(translation.units, english):
            unit.handle["en"] = en
        return json.dumps(translation.document, ensure_ascii=False, indent=2) + "\n"
    for unit, en in zip(translation.units, english):
        if en != unit.en:
            unit.handle.target = en
    return bytes(translation.document).decode("utf-8")
