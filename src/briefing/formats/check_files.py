"""``briefing check`` on files: line-aligned source and translation, an article and its English in any
shape ``translations.py`` reads, or one bilingual XLIFF or TMX file alone.

Translators and MT evaluations exchange line-aligned plain text, one segment per line; ``translate``
writes the article's segments with both sides as JSON or XLIFF; CAT tools keep TMX. Each is read into
segments, each with its Korean, English and glossary terms, and checked by ``checks.run_checks``, so a
human translation and the model's get the same checks, and ``--fix`` writes the repair back in the
file's own shape.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from briefing.checks import CheckReport, run_checks
from briefing.errors import ArticleError, BriefingError, TranslationError
from briefing.files import describe_os_error, is_folder
from briefing.model import Glossary
from briefing.glossary.finder import TermFinder
from briefing.formats.lines import read_lines
from briefing.formats.translation_file import TranslationFile
from briefing.formats.translations import count_mismatch, match_units, read_translation, shift_message, with_english


LIMIT = "a file of `briefing check`"


@dataclass(frozen=True)
class CheckOutcome:
    """The report plus what ``--fix`` writes; ``remaining`` counts the error findings the repair left,
    which set the exit code (warnings and notes never do)."""

    report: CheckReport
    repaired_text: str
    remaining: int


def _exists(path: str) -> None:
    try:
        if not Path(path).exists():
            raise ArticleError(f"{path} does not exist")
    except OSError as exc:  # a name longer than the system allows
        raise ArticleError(f"{path}: cannot read: {describe_os_error(exc)}") from None
    if is_folder(path):
        raise ArticleError(f"{path} is a directory, not a text file")


def check_files(source: str, translation: str | None, glossary: Glossary, *, fix: bool = False) -> CheckOutcome:
    """Check TRANSLATION against SOURCE (or a bilingual SOURCE alone); with ``fix``, also produce the
    repaired translation in the translation file's own format."""
    for path in (source, translation):
        if path is not None:
            _exists(path)
    if translation is None:
        return _check_bilingual(read_translation(source, LIMIT), glossary, fix)
    english = read_translation(translation, LIMIT)
    if english.kind == "lines":
        return _check_lines(source, english, glossary, fix)
    return _check_article(source, english, glossary, fix)


def _check_lines(source: str, english: TranslationFile, glossary: Glossary, fix: bool) -> CheckOutcome:
    """Line-aligned English against SOURCE, which is read as an article first, as ``run --translation``
    reads it, so that the two commands pair the same English with the same segments. Its raw lines are
    paired one by one only when they are those segments (a file ``inspect --format lines`` wrote: the
    pairing is the same, the findings say "line N"), or when the article's segments do not match the
    English but SOURCE is a line-aligned file (no blank line, as many lines as the English: an MT test
    set, one sentence a line). An article whose raw lines merely happen to number as many as the English,
    blank lines and bylines included, is never paired line by line."""
    from briefing.formats.layout import reading_order
    from briefing.pipeline import prepare
    from briefing.reader.source import read_source

    korean = read_lines(source, LIMIT)
    try:
        prepared = prepare(read_source(source), glossary)
    except BriefingError:
        prepared = None  # not an article (over its 5 MB, say): only its lines can be paired
    count = len(english.segments)
    order = reading_order(prepared) if prepared is not None else None
    lines = [k.ko for k in korean.segments]
    if order is not None and len(order) == count:
        if [" ".join(s.ko.split()) for s in order] != [" ".join(line.split()) for line in lines]:
            return _check_article(source, english, glossary, fix, prepared=prepared)
    elif len(lines) != count or any(not line.strip() for line in lines):
        raise TranslationError(_misaligned(source, english, len(lines), prepared))
    finder = TermFinder(glossary)
    segments = [replace(k, en=e.en, hits=finder.find(k.ko)) for k, e in zip(korean.segments, english.segments)]
    shifted = shift_message(english.path, [e.en for e in english.segments], segments, source, by_line=True)
    if shifted:
        raise TranslationError(shifted)
    report = run_checks(segments, fix=fix)
    return _outcome(report, with_english(english, list(report.en)))


def _check_bilingual(translation: TranslationFile, glossary: Glossary, fix: bool) -> CheckOutcome:
    """An XLIFF or TMX file's own pairs, as they are: unit N is reported as "unit N"."""
    if not translation.bilingual:
        raise BriefingError(
            f"{translation.path} holds only English; give the article or the Korean too: briefing check SOURCE {translation.path}"
        )
    finder = TermFinder(glossary)
    segments = [replace(u, id=f"u{n}", hits=finder.find(u.ko)) for n, u in enumerate(translation.segments, 1)]
    report = run_checks(segments, fix=fix)
    return _outcome(report, with_english(translation, list(report.en)))


def _check_article(source: str, translation: TranslationFile, glossary: Glossary, fix: bool,
                   prepared=None) -> CheckOutcome:
    """The article's segments (``prepare``: the same terms a run finds) against the file's English."""
    from briefing.pipeline import prepare
    from briefing.reader.source import read_source

    if prepared is None:
        prepared = prepare(read_source(source), glossary)
    at = match_units(translation, prepared, source)
    segments = [replace(s, en=translation.segments[i].en) for s, i in zip(prepared.segments, at)]
    report = run_checks(segments, fix=fix)
    english = [u.en for u in translation.segments]
    for i, fixed in zip(at, report.en):
        english[i] = fixed
    return _outcome(report, with_english(translation, english))


def _misaligned(source: str, translation: TranslationFile, lines: int, prepared) -> str:
    """A plain-text translation that matches neither SOURCE's lines nor its segments: the message for
    the reading whose count is nearer."""
    from briefing.formats.layout import reading_order

    count = len(translation.segments)
    order = reading_order(prepared) if prepared is not None else None
    if order is None or (lines != count and abs(lines - count) <= abs(len(order) - count)):
        return (
            f"{source} has {lines} lines but {translation.path} has {count}; they must be line-aligned"
            + (f" (or one line per segment: {source} has {len(order)} as an article)" if order is not None else "")
        )
    return count_mismatch(translation.path, [u.en for u in translation.segments], order, source)


def _outcome(report: CheckReport, repaired: str) -> CheckOutcome:
    remaining = sum(1 for issue in report.issues if issue.severity == "error" and not issue.fixed)
    return CheckOutcome(report=report, repaired_text=repaired, remaining=remaining)
