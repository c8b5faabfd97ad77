"""Where a result's segments sit in the article: sections, paragraphs and the labels of both."""

from __future__ import annotations

import re
from typing import Callable, Sequence

from briefing.model import Article, Issue, Result, Section, Segment


#: What stands before the Korean of a segment that has no English, in every format a person reads: the
#: sentence stays where it was, visibly untranslated, never an empty line or bullet.
NOT_TRANSLATED = "[not translated]"


def shown(segment: Segment) -> str:
    """A segment's English, or its Korean marked ``NOT_TRANSLATED`` when it has none."""
    return segment.en if segment.en else f"{NOT_TRANSLATED} {segment.ko}"


def finding_detail(issue: Issue) -> str:
    """What a finding says after its kind, the same in the Markdown, the review page and the XLIFF notes."""
    if issue.kind == "untranslated":
        copied = issue.found and " ".join(issue.found.split()) == " ".join(issue.ko.split())
        found = f", found “{short(issue.found)}”" if issue.found and not copied else ""
        return f"{issue.message}{found}: “{short(issue.ko, 60)}”"
    expected = f"expected “{issue.expected}”" if issue.expected else "no expectation"
    found = f", found “{issue.found}”" if issue.found else ""
    return f"{issue.ko}: {expected}{found}"


def short(text: str, limit: int = 40) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis: a segment named in a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def paragraph_texts(section: Section, sentences: Sequence[Segment]) -> list[str]:
    """The English of a section, one string per Korean paragraph, sentences joined by a space (the
    Korean, marked, where a sentence has no English)."""
    paragraphs: list[list[str]] = [[] for _ in section.paragraphs]
    for sentence in sentences:
        owner = next(
            (p for p, para in enumerate(section.paragraphs) if para.start <= sentence.start < para.end),
            len(paragraphs) - 1,
        )
        paragraphs[owner].append(shown(sentence))
    return [" ".join(p) for p in paragraphs if p]


def reading_order(result: Result) -> list[Segment]:
    """The segments as a reader meets them: title, subtitle, then each section's heading and its
    sentences. ``Result.segments`` lists all headings before all sentences (the order they are
    translated in); a line-aligned file follows the page instead, so that a translator can work down it."""
    out = [s for s in result.segments if s.kind in ("title", "subtitle")]
    for k, own in enumerate(by_section(result)):
        heading = result.heading(k)
        if heading is not None:
            out.append(heading)
        out.extend(own)
    return out


def one_line(text: str) -> str:
    """A segment as one line of a line-aligned file: a hard-wrapped sentence's line breaks become spaces."""
    return re.sub(r"\s*[\r\n]+\s*", " ", text).strip()


def by_section(result: Result) -> list[list[Segment]]:
    """The sentence segments of each section of the article."""
    out: list[list[Segment]] = [[] for _ in result.article.sections]
    for sentence in result.sentences:
        out[sentence.section].append(sentence)
    return out


def leads_with_empty_section(article: Article) -> bool:
    """Whether the JSON puts an empty lead before the article's sections: the schema promises the lead
    first, and a paste that starts at a heading has none."""
    return not article.sections or article.sections[0].heading is not None


def english(result: Result, segment_id: str) -> str | None:
    segment = result.get(segment_id)
    return shown(segment) if segment else None


def heading_label(result: Result, k: int) -> str:
    section = result.article.sections[k]
    if section.heading is None:
        return "Lead"
    heading = result.heading(k)
    return shown(heading) if heading else section.heading.ko


def page_summary(result: Result) -> str | None:
    """One line on what the extractor left out of a web page, so that nothing disappears silently."""
    page = result.page
    if page is None:
        return None
    return (
        f"web page {page.origin}: {page.extractor} removed {page.removed_chars} characters in "
        f"{len(page.removed)} lines of text (menus, share buttons, related links, footer, hidden elements)"
    )


def provenance(result: Result, quote: Callable[[str], str] = str) -> str:
    """Where the English came from (the model, its pinned revision and backend, or a translation file)
    and the glossaries, said the same way in the Markdown (``quote`` adds backticks) and the review page."""
    if result.backend == "translation file":  # run --translation: a person's or another tool's English
        origin = f"Translation from Korean read from {quote(str(result.model))}"
    else:
        origin = f"Machine translation from Korean by {quote(str(result.model))}"
        if result.revision:
            origin += f" at revision {quote(result.revision[:12])}"
        if result.backend:
            origin += f" ({result.backend})"
    if result.glossary and result.glossary.sources:
        origin += "; glossary: " + ", ".join(quote(s.name or s.path) for s in result.glossary.sources)
    return origin
