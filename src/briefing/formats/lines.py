"""One segment per line: the form translators and MT evaluations exchange, written and read here.

``inspect --format lines`` writes the Korean and ``translate --format lines`` the English, one line per
segment in reading order (title, subtitle, then each section's heading and its sentences), with no
blank line between sections, because every line is a segment; a translation made elsewhere comes back
in the same order, and ``check --fix`` writes the repaired lines back with the file's own line endings.
"""

from __future__ import annotations

from briefing.model import Result, Segment
from briefing.formats.layout import one_line, reading_order
from briefing.formats.translation_file import LIMIT, MAX_BYTES, TranslationFile, read_bytes


def to_lines(result: Result) -> str:
    """One line per segment in reading order: the English where there is English, else the Korean, so
    that ``inspect --format lines`` is the file to hand to another translator and ``translate --format
    lines`` what they hand back."""
    lines = [one_line(s.en if s.en is not None else s.ko) for s in reading_order(result)]
    return "".join(line + "\n" for line in lines)


def read_lines(path: str, what: str = LIMIT) -> TranslationFile:
    """``path`` as line-aligned Korean, whatever it looks like (``check``'s SOURCE): each line a segment's ``ko``."""
    return lines_file(path, read_bytes(path, what), what, korean=True)


def lines_file(path: str, data: bytes, what: str = LIMIT, *, korean: bool = False) -> TranslationFile:
    """The lines of ``data``, decoded as an article is (UTF-8 or CP949), as segments ``l1``, ``l2``…: each
    line is a segment's ``en`` (its ``ko`` with ``korean``); the newline style and whether the last line
    ends in one are kept for writing the file back."""
    from briefing.reader.source import decode_bytes

    text = decode_bytes(data, path, MAX_BYTES, what) if data.strip() else data.decode("utf-8-sig", "replace")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    trailing = text.endswith("\n")
    lines = text.split("\n")
    if trailing:
        lines.pop()
    segments = tuple(
        Segment(f"l{n}", "line", None, line if korean else "", 0, 0, en=None if korean else line)
        for n, line in enumerate(lines, 1)
    )
    return TranslationFile(path, "lines", segments, None, newline, trailing)


def lines_with_english(translation: TranslationFile, english: list[str]) -> str:
    """The lines replaced, with the file's newline style and final newline as they were."""
    return translation.newline.join(english) + (translation.newline if translation.trailing else "")
