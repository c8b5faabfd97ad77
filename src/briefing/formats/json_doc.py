"""The JSON document of a result, and reading one back (a translation made elsewhere, ``check --fix``
writing a repaired one); the only place that maps the records to JSON.

The JSON keys documented in docs/formats.md never change meaning; new keys may be added (``version``,
``backend``, ``glossaries``, ``findings``, ``repairs``, ``boilerplate_detail``, ``page``, ``id``,
``notes``).
"""

from __future__ import annotations

import json
from typing import Any

from briefing import __version__
from briefing.errors import TranslationError
from briefing.model import Result, Segment, segment_label
from briefing.formats.layout import by_section, leads_with_empty_section, shown
from briefing.formats.translation_file import TranslationFile, unit_segment

SCHEMA_VERSION = 1


def _terms(sentence: Segment) -> list[dict[str, Any]]:
    return [
        {
            "ko": hit.ko,
            "en": hit.en,
            "start": hit.start,
            "end": hit.end,
            "rendered": sentence.rendered[h] if sentence.rendered is not None else None,
        }
        for h, hit in enumerate(sentence.hits)
    ]


def to_dict(result: Result) -> dict[str, Any]:
    """The documented JSON schema (docs/formats.md, "JSON")."""
    article = result.article
    brief = result.brief
    title, subtitle = result.get("title"), result.get("subtitle")
    sections = []
    for k, (section, own) in enumerate(zip(article.sections, by_section(result))):
        heading = result.heading(k)
        sections.append(
            {
                "heading": {"ko": section.heading.ko if section.heading else None,
                            "en": heading.en if heading else None,
                            "id": heading.id if heading else None},
                "brief": [shown(result.get(i)) for i in brief.sections[k]] if brief else [],
                "sentences": [{"ko": s.ko, "en": s.en, "terms": _terms(s), "id": s.id} for s in own],
            }
        )
    if leads_with_empty_section(article):
        sections.insert(0, {"heading": {"ko": None, "en": None}, "brief": [], "sentences": []})
    return {
        "model": result.model,
        "title": {"ko": article.title.ko if article.title else None, "en": title.en if title else None},
        "subtitle": {"ko": article.subtitle.ko, "en": subtitle.en if subtitle else None} if article.subtitle else None,
        "summary": [shown(result.get(i)) for i in brief.summary] if brief else [],
        "sections": sections,
        "boilerplate": [b.ko for b in article.boilerplate],
        # additions to the documented schema
        "version": __version__,
        "schema": SCHEMA_VERSION,
        "backend": result.backend,
        "revision": result.revision,
        "glossaries": [
            {"path": s.path, "sha256": s.sha256, "name": s.name, "terms": s.terms}
            for s in (result.glossary.sources if result.glossary else ())
        ],
        "findings": [
            {
                "segment": segment_label(i.segment),
                "kind": i.kind,
                "ko": i.ko,
                "expected": i.expected,
                "found": i.found,
                "fixed": i.fixed,
                "severity": i.severity,
            }
            for i in result.issues
        ],
        "repairs": [
            {"segment": segment_label(e.segment), "rule": e.rule, "before": e.before, "after": e.after}
            for e in result.edits
        ],
        "retried": [s.label for s in result.segments if s.retried],
        "split": [s.label for s in result.segments if s.split],
        "boilerplate_detail": [
            {"ko": b.ko, "kind": b.kind, "start": b.start, "end": b.end} for b in article.boilerplate
        ],
        "page": _page_dict(result),
        # what the checks cannot confirm (a number said another way), apart from the findings, with the
        # keys of a finding and its message, as `briefing check --format json` lists them
        "notes": [
            {"segment": segment_label(n.segment), "kind": n.kind, "ko": n.ko, "expected": n.expected,
             "found": n.found, "fixed": n.fixed, "severity": n.severity, "message": n.message}
            for n in result.notes
        ],
    }


def _page_dict(result: Result) -> dict[str, Any] | None:
    """Where a web page came from and what its extractor removed; null for a text file."""
    page = result.page
    if page is None:
        return None
    return {
        "source": page.origin,
        "extractor": page.extractor,
        "removed_chars": page.removed_chars,
        "removed_lines": len(page.removed),
        "removed": list(page.removed),
    }


def to_json(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"


def read_json(text: str) -> dict[str, str | None]:
    """The English of every segment of a JSON document this module wrote, by segment id: what a
    translation made elsewhere (or an earlier run, edited by a person) hands back to the pipeline.
    Anything that is not such a document is a ``ValueError`` naming what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} at line {exc.lineno}") from None
    return {segment_id: obj.get("en") for segment_id, obj in segment_objects(data)}


def segment_objects(data: Any) -> list[tuple[str, dict]]:
    """Each object of a parsed JSON document that holds one segment's ``ko`` and ``en``, with the
    segment's id: title, subtitle, then each section's heading and sentences.

    Documents of schema 1 written before headings and sentences carried ``id`` keys are numbered the
    way ``pipeline.segments_of`` numbers segments (headings and sentences each 1-based). Editing an
    object's ``en`` edits the document: ``check --fix`` writes a repaired JSON that way.
    """
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise ValueError("not a briefing JSON document: no list of sections")
    if data.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise ValueError(f"JSON schema {data.get('schema')!r}; this version reads schema {SCHEMA_VERSION}")
    out: list[tuple[str, dict]] = []
    for key in ("title", "subtitle"):
        part = data.get(key)
        if part is not None and _segment_object(part, key).get("ko"):
            out.append((key, part))
    headings = sentences = 0
    for k, section in enumerate(data["sections"]):
        if not isinstance(section, dict):
            raise ValueError(f"sections[{k}] is not an object")
        heading = section.get("heading")
        if heading is not None and _segment_object(heading, f"sections[{k}].heading").get("ko"):
            headings += 1
            out.append((heading.get("id") or f"h{headings}", heading))
        listed = section.get("sentences", [])
        if not isinstance(listed, list):
            raise ValueError(f"sections[{k}].sentences is not a list")
        for n, sentence in enumerate(listed):
            sentences += 1
            where = f"sections[{k}].sentences[{n}]"
            if not isinstance(_segment_object(sentence, where).get("ko"), str):
                raise ValueError(f"{where}.ko is not text")
            out.append((sentence.get("id") or f"s{sentences}", sentence))
    return out


def _segment_object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{where} is not an object")
    if not isinstance(value.get("en"), (str, type(None))):
        raise ValueError(f"{where}.en is not text")
    return value


def json_file(path: str, data: bytes) -> TranslationFile:
    """A JSON document as a translation file: one unit per segment object, by its id."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
        objects = segment_objects(document)
    except (UnicodeDecodeError, ValueError) as exc:
        raise TranslationError(f"{path} is not the JSON that `briefing translate --format json` writes ({exc})") from None
    except RecursionError:  # arrays or objects nested thousands deep: Python's parser recurses per level
        raise TranslationError(
            f"{path} is not the JSON that `briefing translate --format json` writes (nested too deep to read; "
            "briefing's JSON is seven levels deep)") from None
    segments = tuple(unit_segment(n, i, obj.get("ko"), obj.get("en") or "") for n, (i, obj) in enumerate(objects, 1))
    return TranslationFile(path, "json", segments, document)


def json_with_english(translation: TranslationFile, english: list[str]) -> str:
    """The document as it was, each segment object's ``en`` replaced (``check --fix``)."""
    for (_, obj), en in zip(segment_objects(translation.document), english, strict=True):
        obj["en"] = en
    return json.dumps(translation.document, ensure_ascii=False, indent=2) + "\n"
