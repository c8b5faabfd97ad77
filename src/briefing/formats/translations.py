"""A translation made elsewhere (DeepL, a person, an LLM, a CAT tool) → the English of each segment.

Four shapes are read, told apart by their extension (else by a strict parse), each by its own module:
line-aligned text (``lines``: one line per segment in the order ``briefing inspect --format lines`` prints
the Korean), the JSON that ``translate``/``run --format json`` writes (``json_doc``), XLIFF 1.2 or 2.0 (``xliff``) and TMX
(``tmx``). This module picks the reader, matches the file's units to an article's segments and hands a
repair back to the writer of the file's own format. ``run --translation`` and ``check`` both go through
here, so both read a file the same way.
"""

from __future__ import annotations

from typing import Callable

from briefing.errors import TranslationError
from briefing.model import Result, Segment
from briefing.formats.alignment import first_misaligned, first_shift
from briefing.formats.json_doc import json_file, json_with_english
from briefing.formats.layout import reading_order, short
from briefing.formats.lines import lines_file, lines_with_english
from briefing.formats.tmx import tmx_file, tmx_with_english
from briefing.formats.translation_file import LIMIT, TranslationFile, read_bytes, xml_root
from briefing.formats.xliff import xliff_file, xliff_with_english


JSON_NAMES = (".json",)
XML_NAMES = (".xlf", ".xliff", ".tmx")
LINE_NAMES = (".txt",)


def read_translation(path: str, what: str = LIMIT) -> TranslationFile:
    """Read a translation file, its format decided by its extension (.json; .xlf, .xliff or .tmx; .txt)
    and, for any other name, by a strict parse: a file that parses whole as JSON is JSON, one that
    parses whole as XLIFF or TMX is that, anything else is one line per segment. Never by its first byte
    alone: Korean headlines start with ``[단독]`` or ``<인터뷰>`` and their English keeps the bracket.
    Anything unreadable is one ``TranslationError`` line that names ``what`` the file is when it is too big."""
    data = read_bytes(path, what)
    name = path.lower()
    if name.endswith(JSON_NAMES):
        return json_file(path, data)
    if name.endswith(XML_NAMES):
        return _xml_file(path, data)
    if name.endswith(LINE_NAMES):
        return lines_file(path, data, what)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"[") and _parses_as_json(data):
        return json_file(path, data)
    if head == b"<" and _xml_root_name(data) in ("xliff", "tmx"):
        return _xml_file(path, data)
    return lines_file(path, data, what)


def _xml_file(path: str, data: bytes) -> TranslationFile:
    from lxml import etree

    root = xml_root(path, data)
    name = etree.QName(root).localname
    if name == "xliff":
        return xliff_file(path, data, root)
    if name == "tmx":
        return tmx_file(path, data)
    raise TranslationError(f"{path} is XML but neither XLIFF nor TMX (its root is <{name}>)")


def _parses_as_json(data: bytes) -> bool:
    import json

    try:
        json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return False
    except RecursionError:
        return True  # JSON nested too deep: json_file says so in one line
    return True


def _xml_root_name(data: bytes) -> str | None:
    """The local name of the root of ``data`` when it is well-formed XML, parsed as ``xml_root`` parses
    (no entity, DTD or network resource is read); None when it is not."""
    from lxml import etree
    from translate.misc.xml_helpers import get_safe_xml_parser

    try:
        return etree.QName(etree.fromstring(data, parser=get_safe_xml_parser())).localname
    except (etree.XMLSyntaxError, ValueError):
        return None


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
    return [translation.segments[i].en for i in match_units(translation, result, article)]


def match_units(translation: TranslationFile, result: Result, article: str = "the article") -> list[int]:
    """The index of the file's unit for each of ``result.segments``, in that order.

    Line-aligned text is taken in reading order; a file whose units name every segment's id (JSON, and
    XLIFF or TMX that briefing wrote) by id, every segment's Korean (title, subtitle and headings too)
    checked against the article, so that a file made for an earlier version is refused; any other
    bilingual file by its Korean, so that a CAT tool's file with ids of its own still lines up (and a
    translation memory may hold more units than the article needs).
    """
    segments = result.segments
    units = translation.segments
    if translation.kind == "lines":
        order = reading_order(result)
        if len(units) != len(order):
            raise TranslationError(count_mismatch(translation.path, [u.en for u in units], order, article))
        shifted = shift_message(translation.path, [u.en for u in units], order, article)
        if shifted:
            raise TranslationError(shifted)
        position = {s.id: n for n, s in enumerate(order)}
        return [position[s.id] for s in segments]
    ids = {u.id: n for n, u in enumerate(units)}
    if set(ids) == {s.id for s in segments} and len(ids) == len(units):
        written = _korean_as_written(result)
        for s in segments:  # every segment: a new headline or heading must not get the old English
            ko = units[ids[s.id]].ko
            if not _same(ko, s.ko) and not _same(ko, written.get(s.id, s.ko)):
                raise TranslationError(
                    f"{translation.path} was made for another version of {article}: {s.label} ({s.id}) is "
                    f"“{short(s.ko)}” in the article but “{short(ko)}” in the file"
                )
        return [ids[s.id] for s in segments]
    by_ko: dict[str, int] = {}
    for n, u in enumerate(units):
        by_ko.setdefault(" ".join(u.ko.split()), n)
    missing = [s for s in segments if " ".join(s.ko.split()) not in by_ko]
    if missing:
        raise TranslationError(
            f"{translation.path} does not belong to {article}: {len(units)} units for {len(segments)} segments, "
            f"and none holds {missing[0].label} (“{short(missing[0].ko)}”)"
            + ("; check the file alone with `briefing check FILE`" if translation.bilingual else "")
        )
    return [by_ko[" ".join(s.ko.split())] for s in segments]


def _korean_as_written(result: Result) -> dict[str, str]:
    """The article's own text of each title, subtitle and heading segment, by id: briefing's JSON keeps
    a heading as the article wrote it (its ``◇`` marker too), the segment without the marker."""
    article = result.article
    written = {}
    for key, part in (("title", article.title), ("subtitle", article.subtitle)):
        segment = result.get(key) if part is not None else None
        if segment is not None:
            written[segment.id] = part.ko
    for k, section in enumerate(article.sections):
        heading = result.heading(k)
        if heading is not None and section.heading is not None:
            written[heading.id] = section.heading.ko
    return written


def count_mismatch(path: str, lines: list[str], order: list[Segment], article: str) -> str:
    """One line naming both counts and the first segment whose line is not where it should be."""
    at = first_misaligned([s.ko for s in order], lines, [[h.en for h in s.hits] for s in order])
    message = (
        f"{path} has {len(lines)} lines but {article} has {len(order)} segments (one line each, in the order "
        f"`briefing inspect --format lines` prints them)"
    )
    if at < len(order):
        segment = order[at]
        line = f"“{short(lines[at])}”" if at < len(lines) else "nothing"
        message += f"; the first that does not line up is {segment.label} (“{short(segment.ko)}”), line {at + 1} holds {line}"
    return message


def shift_message(path: str, lines: list[str], order: list[Segment], article: str, *, by_line: bool = False) -> str | None:
    """One line naming the first segment whose line belongs to another, when lines of the right count
    are shifted (two merged, another split): None when they line up. ``by_line``: the segments are the
    lines of a Korean file, not an article's, so the reading order needs no saying."""
    found = first_shift([s.ko for s in order], lines, [[h.en for h in s.hits] for s in order])
    if found is None:
        return None
    at, owner, whole = found
    how = "the English" if whole else "part of the English"
    where = "" if by_line else " (one line per segment, in the order `briefing inspect --format lines` prints them)"
    return (
        f"{path} does not line up with {article}: line {at + 1} should be the English of {order[at].label} "
        f"(“{short(order[at].ko)}”) but holds “{short(lines[at])}”, which looks like {how} of "
        f"{order[owner].label} (“{short(order[owner].ko)}”); were lines merged, split or moved?{where}"
    )


# ---------------------------------------------------------------------------------- writing back


def with_english(translation: TranslationFile, english: list[str]) -> str:
    """The file as it was, each unit's English replaced (``check --fix``): same shape, same units."""
    if len(english) != len(translation.segments):
        raise ValueError(f"with_english: {len(translation.segments)} units but {len(english)} strings")
    if translation.kind == "lines":
        return lines_with_english(translation, english)
    if translation.kind == "json":
        return json_with_english(translation, english)
    if translation.kind == "tmx":
        return tmx_with_english(translation, english)
    return xliff_with_english(translation, english)
