"""XLIFF 2.0 for CAT tools: one unit per segment, written by translate-toolkit.

Each ``<unit>`` has the segment's stable id (``title``, ``h2``, ``s14``) and its label as ``name``; the
target is the English after repair, and the model's English before repair stays beside it in the
Metadata module (``mda:meta type="raw-target"``), so that a reviewer sees what the repair changed. The
glossary terms are ``<mrk type="term">`` in the source, each with its glossary entry in the Glossary
module and its status (rendered, missing, repaired) in the metadata; findings (priority 1 for an
error, 5 for a warning), repairs (8) and the checks' notes (9) are unit notes. translate-toolkit writes
the core (it puts notes inside ``<segment>``, which XLIFF 2.0 does not allow, so the notes and the
modules are added at unit level here), and any XLIFF 2.0 reader sees the same units. ``xliff_file``
reads XLIFF 2.0 (this file, matched back by unit id) or a CAT tool's 1.2.

A control character XML 1.0 forbids (Word's vertical tab, pdftotext's form feed, ESC) is written in the
source and target as XLIFF 2.0's ``<cp hex="000B"/>`` and read back as the character (translate-toolkit
reads ``<cp>`` as nothing); in the notes and metadata, which are for a reader, it is its Unicode Control
Picture (U+240B).
"""

from __future__ import annotations

from briefing import __version__
from briefing.errors import TranslationError
from briefing.model import Result, Segment
from briefing.formats.layout import finding_detail, reading_order
from briefing.formats.tmx import XML_FORBIDDEN, control_pictures
from briefing.formats.translation_file import TranslationFile, refuse_other_languages, toolkit_file, toolkit_units

MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"


def term_status(result: Result, segment: Segment, h: int) -> str:
    """rendered, missing, repaired (the repair put the rendering in) or unchecked."""
    if segment.rendered is None:
        return "unchecked"
    hit = segment.hits[h]
    fixed = any(i.segment == segment.id and i.ko == hit.ko and i.fixed for i in result.issues)
    if fixed and segment.rendered[h]:
        return "repaired"
    return "rendered" if segment.rendered[h] else "missing"


def to_xliff(result: Result) -> str:
    from lxml import etree
    from translate.storage.xliff2 import Xliff2File

    store = Xliff2File(sourcelanguage="ko", targetlanguage="en")
    root = store.document.getroot()
    nsmap = {None: root.nsmap[None], "mda": MDA, "gls": GLS}
    # lxml fixes a root's namespace map at creation; rebuild the root with the modules' prefixes
    new_root = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=nsmap)
    new_root.extend(list(root))
    store.document._setroot(new_root)
    store.body = new_root[0]
    core = store.namespaced
    provenance = etree.SubElement(store.body, core("notes"))
    etree.SubElement(provenance, core("note"), category="provenance").text = _provenance(result)
    for segment in reading_order(result):
        unit = store.UnitClass(control_pictures(segment.ko))  # _mark_terms writes the source
        store.addunit(unit)
        unit.setid(segment.id)
        element = unit.getunitelement()
        element.set("name", segment.label)
        if segment.en is not None:
            unit.target = control_pictures(segment.en)
            target = unit.xmlelement.find(core("target"))
            target.text = ""
            append_text(target, None, segment.en, etree)
            unit.xmlelement.set("state", "translated")
        _mark_terms(unit.xmlelement.find(core("source")), segment, etree)
        modules = _metadata(result, segment, etree) + _glossary(segment, etree)
        notes = _notes(result, segment, core, etree)
        for position, child in enumerate([*modules, *([notes] if notes is not None else [])]):
            element.insert(position, child)
    return bytes(store).decode("utf-8")


def _provenance(result: Result) -> str:
    origin = f"translation read from {result.model}" if result.backend == "translation file" else (
        f"machine translation by {result.model} ({result.backend})")
    glossaries = ", ".join(s.name or s.path for s in result.glossary.sources) if result.glossary else ""
    return f"{origin}; glossary: {glossaries or 'none'}; briefing {__version__}"


def append_text(parent, last, text: str, etree):
    """Append ``text`` to ``parent`` after its child ``last`` (None: at its start), each character XML 1.0
    forbids as a ``<cp hex="…"/>``; the last child written is returned."""
    import re

    cp = f"{{{etree.QName(parent).namespace}}}cp"
    for n, piece in enumerate(re.split(f"([{re.escape(XML_FORBIDDEN)}])", text)):
        if n % 2:
            last = etree.SubElement(parent, cp, hex=f"{ord(piece):04X}")
        elif last is None:
            parent.text = (parent.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece
    return last


def _mark_terms(source, segment: Segment, etree) -> None:
    """Rebuild the source text with one ``<mrk id="tN" type="term">`` per glossary hit."""
    text, cursor, last = segment.ko, 0, None
    source.text = ""
    for n, hit in enumerate(sorted(segment.hits, key=lambda h: h.start), 1):
        if hit.start < cursor:  # overlapping hits cannot nest in XLIFF; the first one is kept
            continue
        last = append_text(source, last, text[cursor:hit.start], etree)
        last = etree.SubElement(source, source.tag.replace("source", "mrk"), id=f"t{n}", type="term", value=hit.en)
        append_text(last, None, text[hit.start:hit.end], etree)
        cursor = hit.end
    append_text(source, last, text[cursor:], etree)


def _metadata(result: Result, segment: Segment, etree) -> list:
    metadata = etree.Element(f"{{{MDA}}}metadata")
    group = etree.SubElement(metadata, f"{{{MDA}}}metaGroup", category="briefing")
    if segment.raw_en is not None:
        etree.SubElement(group, f"{{{MDA}}}meta", type="raw-target").text = control_pictures(segment.raw_en)
    order = sorted(range(len(segment.hits)), key=lambda h: segment.hits[h].start)
    for n, h in enumerate(order, 1):
        etree.SubElement(group, f"{{{MDA}}}meta", type=f"term-status t{n}").text = term_status(result, segment, h)
    return [metadata] if len(group) else []


def _glossary(segment: Segment, etree) -> list:
    if not segment.hits:
        return []
    glossary = etree.Element(f"{{{GLS}}}glossary")
    for n, hit in enumerate(sorted(segment.hits, key=lambda h: h.start), 1):
        entry = etree.SubElement(glossary, f"{{{GLS}}}glossEntry", ref=f"#t{n}")
        etree.SubElement(entry, f"{{{GLS}}}term", source=_origin(hit.term.origin)).text = control_pictures(hit.term.ko)
        etree.SubElement(entry, f"{{{GLS}}}translation").text = control_pictures(hit.en)
        if hit.term.note:
            etree.SubElement(entry, f"{{{GLS}}}definition").text = control_pictures(hit.term.note)
    return [glossary]


def _notes(result: Result, segment: Segment, core, etree):
    lines = []
    for issue in result.issues:
        if issue.segment == segment.id:
            state = " (repaired)" if issue.fixed else ""
            lines.append((issue.kind, "1" if issue.severity == "error" else "5",
                          f"{issue.kind}: {finding_detail(issue)}{state}"))
    for note in result.notes:
        if note.segment == segment.id:
            lines.append((note.kind, "9", f"note: {note.message}"))
    for edit in result.edits:
        if edit.segment == segment.id:
            lines.append(("repair", "8", f"repaired ({edit.rule}): “{edit.before}” → “{edit.after}”"))
    if not lines:
        return None
    notes = etree.Element(core("notes"))
    for category, priority, text in lines:
        etree.SubElement(notes, core("note"), category=category, priority=priority).text = control_pictures(text)
    return notes


def _origin(origin: str | None) -> str:
    """The glossary file and line of an entry, without the folders (a path would leak into a file sent out)."""
    from pathlib import Path

    return Path(origin).name if origin else "glossary"


def xliff_file(path: str, data: bytes, root) -> TranslationFile:
    """XLIFF 2.0 or 1.2, told apart by the root's version; each unit with its id. A file declared
    into another language than English, or from another than Korean, is refused."""
    if (root.get("version") or "").startswith("2."):
        refuse_other_languages(path, [root.get("srcLang")], [root.get("trgLang")])
        from translate.storage.xliff2 import Xliff2File

        read = toolkit_file(path, "xliff 2.0", lambda: Xliff2File.parsestring(data), lambda unit: unit.getid())
        return _with_code_points(read)
    from translate.storage.xliff import xlifffile

    files = [e for e in root.iter() if isinstance(e.tag, str) and e.tag.rsplit("}", 1)[-1] == "file"]
    refuse_other_languages(path, [f.get("source-language") for f in files], [f.get("target-language") for f in files])

    return toolkit_file(path, "xliff 1.2", lambda: xlifffile.parsestring(data),
                        lambda unit: unit.xmlelement.get("id"))


def xliff_with_english(translation: TranslationFile, english: list[str]) -> str:
    """The XLIFF as it was, each changed unit's target replaced (``check --fix``); in XLIFF 2.0 a character
    XML 1.0 forbids (a vertical tab kept from the file's own English) is written back as ``<cp>``, as
    it was read, in 1.2, which has no ``<cp>``, as its Control Picture."""
    from lxml import etree

    version_2 = translation.kind == "xliff 2.0"
    for unit, segment, en in zip(toolkit_units(translation.document), translation.segments, english, strict=True):
        if en == segment.en:
            continue
        unit.target = control_pictures(en)
        if version_2:
            target = unit.xmlelement.find(unit.namespaced("target"))
            for child in list(target):
                target.remove(child)
            target.text = ""
            append_text(target, None, en, etree)
    return bytes(translation.document).decode("utf-8")


def _with_code_points(read: TranslationFile) -> TranslationFile:
    """The units of an XLIFF 2.0 file with each ``<cp hex="…"/>`` read as its character; a unit without
    one is kept as translate-toolkit read it."""
    from dataclasses import replace

    segments = []
    for unit, segment in zip(toolkit_units(read.document), read.segments, strict=True):
        source, target = (unit.xmlelement.find(unit.namespaced(name)) for name in ("source", "target"))
        if not any(element is not None and _has_cp(element) for element in (source, target)):
            segments.append(segment)
            continue
        try:
            ko, en = _text(source), _text(target) if target is not None else segment.en
        except ValueError:
            raise TranslationError(f"{read.path} has a <cp> in {segment.id} whose hex is not a character") from None
        segments.append(replace(segment, ko=ko, en=en))
    return replace(read, segments=tuple(segments))


def _has_cp(element) -> bool:
    from lxml import etree

    return any(etree.QName(child).localname == "cp" for child in element.iter() if isinstance(child.tag, str))


def _text(element) -> str:
    """The text of ``element`` and its inline elements, each ``<cp>`` as its character."""
    from lxml import etree

    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == "cp":
            parts.append(chr(int(child.get("hex", ""), 16)))
        elif isinstance(child.tag, str):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
