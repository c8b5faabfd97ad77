"""``briefing check`` on files: line-aligned source and translation, or an article and its JSON.

Translators and MT evaluations exchange line-aligned plain text, one segment per line; ``translate
--format json`` writes the article's segments with both sides. Both are read into the same two lists of
segments and checked by ``checks.check_segments``, so a human translation and the model's get the same
checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .checks import CheckReport, check_segments
from .errors import ArticleError, BriefingError
from .model import Glossary, Result
from .termfinder import TermFinder

MAX_BYTES = 20 * 1024 * 1024
LINES_LIMIT = "a file of `briefing check`"


@dataclass(frozen=True)
class CheckOutcome:
    """The report plus what ``--fix`` writes."""

    report: CheckReport
    repaired_text: str
    remaining: int


def _read_lines(path: str) -> tuple[list[str], str, bool]:
    """Lines of a plain-text file, its newline style and whether it ends with a newline."""
    from .source import decode_bytes, read_limited

    data = read_limited(path, MAX_BYTES, LINES_LIMIT)
    newline = "\r\n" if b"\r\n" in data else "\n"
    # decode_bytes refuses an empty file, which is a valid (empty) list of segments here
    text = decode_bytes(data, path, MAX_BYTES, LINES_LIMIT) if data.strip() else data.decode("utf-8-sig", "replace")
    trailing = text.endswith("\n")
    lines = text.split("\n")
    if trailing:
        lines.pop()
    return lines, newline, trailing


def _is_json(path: str) -> bool:
    if path.lower().endswith(".json"):
        return True
    with open(path, "rb") as fh:
        return fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _segments_from_json(source: str, translation: str, glossary: Glossary) -> tuple[Result, dict, list]:
    """The article's segments with the English of its JSON (as ``translate`` wrote it) attached, the
    parsed document, and its segment objects in the order of the article's segments."""
    from .formats.json_doc import segment_objects
    from .pipeline import attach, prepare
    from .source import read_limited, read_source

    raw = read_limited(translation, MAX_BYTES, LINES_LIMIT)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        objects = dict(segment_objects(data))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ArticleError(
            f"{translation} is not the JSON that `briefing translate --format json` writes ({exc})"
        ) from None
    prepared = prepare(read_source(source), glossary)
    segments = prepared.segments
    # The Korean of a sentence must be the article's; a heading's JSON "ko" keeps its marker, so
    # headings, the title and the subtitle are matched by id alone.
    mismatch = set(objects) != {s.id for s in segments} or any(
        s.kind == "sentence" and objects[s.id]["ko"] != s.ko for s in segments
    )
    if mismatch:
        raise BriefingError(
            f"{translation} does not belong to {source}: its segments are not the article's "
            f"({len(objects)} in the JSON, {len(segments)} in the article)"
        )
    ordered = [objects[s.id] for s in segments]
    return attach(prepared, [obj.get("en") or "" for obj in ordered]), data, ordered


def check_files(source: str, translation: str, glossary: Glossary, *, fix: bool = False) -> CheckOutcome:
    """Check TRANSLATION against SOURCE; with ``fix``, also produce the repaired translation text."""
    for path in (source, translation):
        if not Path(path).exists():
            raise ArticleError(f"{path} does not exist")
        if Path(path).is_dir():
            raise ArticleError(f"{path} is a directory, not a text file")
    if _is_json(translation):
        attached, data, slots = _segments_from_json(source, translation, glossary)
        segments = attached.segments
        report = check_segments([s.ko for s in segments], [s.raw_en for s in segments], None, fix=fix,
                                ids=[s.id for s in segments], hits=[s.hits for s in segments])
        for obj, fixed in zip(slots, report.en):
            obj["en"] = fixed
        repaired = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        ko, _, _ = _read_lines(source)
        en, newline, trailing = _read_lines(translation)
        if len(ko) != len(en):
            raise BriefingError(
                f"{source} has {len(ko)} lines but {translation} has {len(en)}; they must be line-aligned"
            )
        report = check_segments(ko, en, TermFinder(glossary), fix=fix)
        repaired = newline.join(report.en) + (newline if trailing else "")
    remaining = sum(1 for issue in report.issues if not issue.fixed)
    return CheckOutcome(report=report, repaired_text=repaired, remaining=remaining)
