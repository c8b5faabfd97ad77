"""The forwardable Markdown document: title, summary, briefings, full translation, glossary report."""

from __future__ import annotations

from briefing import __version__
from briefing.model import Result, segment_label
from briefing.formats.layout import (
    by_section, english, finding_detail, heading_label, page_summary, paragraph_texts, provenance, shown,
)


def to_markdown(result: Result, *, briefing: bool = True) -> str:
    """The forwardable document: title, summary, briefings, full translation, glossary report."""
    article = result.article
    out: list[str] = []
    title = english(result, "title") or (article.title.ko if article.title else "(untitled article)")
    out.append(f"# {title}\n")
    if article.subtitle:
        out.append(f"*{english(result, 'subtitle') or article.subtitle.ko}*\n")
    provenance_line = provenance(result, lambda name: f"`{name}`")
    out.append(f"> {provenance_line}; briefing {__version__}.\n")

    if briefing and result.brief:
        out.append("## Summary\n")
        out.extend(f"- {shown(result.get(i))}" for i in result.brief.summary)
        out.append("")
        out.append("## Briefing\n")
        for k, ids in enumerate(result.brief.sections):
            if not ids:
                continue
            out.append(f"### {heading_label(result, k)}\n")
            out.extend(f"- {shown(result.get(i))}" for i in ids)
            out.append("")

    out.append("## Full translation\n")
    for k, (section, own) in enumerate(zip(article.sections, by_section(result))):
        if not section.sentences:
            continue
        if section.heading is not None or k > 0:
            out.append(f"### {heading_label(result, k)}\n")
        for paragraph in paragraph_texts(section, own):
            out.append(paragraph + "\n")

    out.append(_markdown_report(result))
    if article.boilerplate:
        out.append("## Set aside (not translated)\n")
        out.extend(f"- *{b.kind}*: {b.ko}" for b in article.boilerplate)
        out.append("")
    if result.page is not None:
        out.append(f"*{_md_escape(page_summary(result))}; `briefing inspect --format json` lists them.*\n")
    return "\n".join(out).rstrip() + "\n"


def _markdown_report(result: Result) -> str:
    lines = ["## Glossary report\n"]
    # One row per glossary entry, in order of first occurrence: a long article repeats its terms, and
    # the reader wants to see at a glance which entries were not rendered and where. The title and the
    # headings count: their terms are checked, and a finding there must have its row.
    rows: dict[tuple[str, str], list[tuple[str, bool | None]]] = {}
    for segment in result.segments:
        for h, hit in enumerate(segment.hits):
            rendered = segment.rendered[h] if segment.rendered is not None else None
            rows.setdefault((hit.term.ko, hit.en), []).append((segment.id, rendered))
    if rows:
        lines.append("| Term | Glossary rendering | Where | Rendered |")
        lines.append("|---|---|---|---|")
        for (ko, en), seen in rows.items():
            missed = [i for i, r in seen if r is False]
            if all(r is None for _, r in seen):
                mark = "—"
            elif not missed:
                mark = "yes"
            else:
                mark = "**no** in " + _places(missed)
            lines.append(f"| {_md_escape(ko)} | {_md_escape(en)} | {_places([i for i, _ in seen])} | {mark} |")
    else:
        lines.append("No glossary term occurs in the article.")
    lines.append("")
    if result.issues:
        # a warning is marked and counted apart: it fails nothing, an unrepaired error fails --strict
        warnings = sum(1 for issue in result.issues if issue.severity == "warning")
        counted = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
        lines.append(f"**Findings**{counted}\n")
        for issue in result.issues:
            where = segment_label(issue.segment)
            state = " (repaired)" if issue.fixed else ""
            severity = " (warning)" if issue.severity == "warning" else ""
            lines.append(f"- {where}: {issue.kind}{severity} — {finding_detail(issue)}{state}")
        lines.append("")
    if result.notes:
        lines.append("**Notes** (for a reviewer to glance at; not findings)\n")
        for note in result.notes:
            lines.append(f"- {segment_label(note.segment)}: {note.kind} — {_md_escape(note.message)}")
        lines.append("")
    if result.edits:
        lines.append("**Repairs**\n")
        for edit in result.edits:
            where = segment_label(edit.segment)
            lines.append(f"- {where} ({edit.rule}): “{edit.before}” → “{edit.after}”")
        lines.append("")
    notes = []
    retried = [s.label for s in result.segments if s.retried]
    split = [s.label for s in result.segments if s.split]
    if retried:
        notes.append("decoded again after a degenerate first output: " + ", ".join(retried))
    if split:
        notes.append("translated in pieces (longer than the model accepts): " + ", ".join(split))
    for note in notes:
        lines.append(f"- {note}")
    if notes:
        lines.append("")
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _places(segment_ids: list[str]) -> str:
    """Segments as a reader lists them: "title, heading 2, sentences 1, 3" (each once, in order)."""
    ids = list(dict.fromkeys(segment_ids))
    sentences = [i[1:] for i in ids if i[:1] == "s" and i[1:].isdigit()]
    parts = [segment_label(i) for i in ids if not (i[:1] == "s" and i[1:].isdigit())]
    if sentences:
        parts.append(("sentence " if len(sentences) == 1 else "sentences ") + ", ".join(sentences))
    return ", ".join(parts)
