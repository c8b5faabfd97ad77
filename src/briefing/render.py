"""Results as Markdown, JSON and plain text; the only place that maps the dataclasses to JSON.

The JSON keys documented in the README never change meaning; new keys may be added (``version``,
``backend``, ``glossaries``, ``findings``, ``repairs``, ``boilerplate_detail``, ``page``).
"""

from __future__ import annotations

import json
from typing import Any, Sequence

from . import __version__
from .model import Article, Result, Section, Segment, segment_label

SCHEMA_VERSION = 1


def _paragraph_texts(section: Section, sentences: Sequence[Segment]) -> list[str]:
    """The English of a section, one string per Korean paragraph, sentences joined by a space (the
    Korean where a sentence has no English)."""
    paragraphs: list[list[str]] = [[] for _ in section.paragraphs]
    for sentence in sentences:
        owner = next(
            (p for p, para in enumerate(section.paragraphs) if para.start <= sentence.start < para.end),
            len(paragraphs) - 1,
        )
        paragraphs[owner].append(sentence.en if sentence.en is not None else sentence.ko)
    return [" ".join(p) for p in paragraphs if p]


def _by_section(result: Result) -> list[list[Segment]]:
    """The sentence segments of each section of the article."""
    out: list[list[Segment]] = [[] for _ in result.article.sections]
    for sentence in result.sentences:
        out[sentence.section].append(sentence)
    return out


def leads_with_empty_section(article: Article) -> bool:
    """Whether the JSON puts an empty lead before the article's sections: the schema promises the lead
    first, and a paste that starts at a heading has none."""
    return not article.sections or article.sections[0].heading is not None


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
    """The documented JSON schema (see README, "JSON output")."""
    article = result.article
    brief = result.brief
    sentences = result.sentences
    title, subtitle = result.get("title"), result.get("subtitle")
    sections = []
    for k, (section, own) in enumerate(zip(article.sections, _by_section(result))):
        heading = result.heading(k)
        sections.append(
            {
                "heading": {"ko": section.heading.ko if section.heading else None,
                            "en": heading.en if heading else None},
                "brief": [sentences[i].en for i in brief.sections[k]] if brief else [],
                "sentences": [{"ko": s.ko, "en": s.en, "terms": _terms(s)} for s in own],
            }
        )
    if leads_with_empty_section(article):
        sections.insert(0, {"heading": {"ko": None, "en": None}, "brief": [], "sentences": []})
    return {
        "model": result.model,
        "title": {"ko": article.title.ko if article.title else None, "en": title.en if title else None},
        "subtitle": {"ko": article.subtitle.ko, "en": subtitle.en if subtitle else None} if article.subtitle else None,
        "summary": [sentences[i].en for i in brief.summary] if brief else [],
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


def page_summary(result: Result) -> str | None:
    """One line on what the extractor left out of a web page, so that nothing disappears silently."""
    page = result.page
    if page is None:
        return None
    return (
        f"web page {page.origin}: {page.extractor} removed {page.removed_chars} characters in "
        f"{len(page.removed)} lines of visible text (menus, share buttons, related links, footer)"
    )


def to_json(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"


def _english(result: Result, segment_id: str) -> str | None:
    segment = result.get(segment_id)
    return segment.en if segment else None


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _heading_label(result: Result, k: int) -> str:
    section = result.article.sections[k]
    if section.heading is None:
        return "Lead"
    heading = result.heading(k)
    return (heading.en if heading else None) or section.heading.ko


def to_markdown(result: Result, *, briefing: bool = True) -> str:
    """The forwardable document: title, summary, briefings, full translation, glossary report."""
    article = result.article
    out: list[str] = []
    title = _english(result, "title") or (article.title.ko if article.title else "(untitled article)")
    out.append(f"# {title}\n")
    if article.subtitle:
        out.append(f"*{_english(result, 'subtitle') or article.subtitle.ko}*\n")
    provenance = f"Machine translation from Korean by `{result.model}`"
    if result.backend:
        provenance += f" ({result.backend})"
    if result.glossary and result.glossary.sources:
        provenance += "; glossary: " + ", ".join(f"`{s.name or s.path}`" for s in result.glossary.sources)
    out.append(f"> {provenance}; briefing {__version__}.\n")

    sentences = result.sentences
    if briefing and result.brief:
        out.append("## Summary\n")
        out.extend(f"- {sentences[i].en}" for i in result.brief.summary)
        out.append("")
        out.append("## Briefing\n")
        for k, ids in enumerate(result.brief.sections):
            if not ids:
                continue
            out.append(f"### {_heading_label(result, k)}\n")
            out.extend(f"- {sentences[i].en}" for i in ids)
            out.append("")

    out.append("## Full translation\n")
    for k, (section, own) in enumerate(zip(article.sections, _by_section(result))):
        if not section.sentences:
            continue
        if section.heading is not None or k > 0:
            out.append(f"### {_heading_label(result, k)}\n")
        for paragraph in _paragraph_texts(section, own):
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
    # the reader wants to see at a glance which entries were not rendered and where.
    rows: dict[tuple[str, str], list[tuple[int, bool | None]]] = {}
    for n, sentence in enumerate(result.sentences, 1):
        for h, hit in enumerate(sentence.hits):
            rendered = sentence.rendered[h] if sentence.rendered is not None else None
            rows.setdefault((hit.term.ko, hit.en), []).append((n, rendered))
    if rows:
        lines.append("| Term | Glossary rendering | Where | Rendered |")
        lines.append("|---|---|---|---|")
        for (ko, en), seen in rows.items():
            numbers = sorted({n for n, _ in seen})
            where = ("sentence " if len(numbers) == 1 else "sentences ") + ", ".join(map(str, numbers))
            missed = sorted({n for n, r in seen if r is False})
            if all(r is None for _, r in seen):
                mark = "—"
            elif not missed:
                mark = "yes"
            else:
                mark = "**no** in " + ", ".join(map(str, missed))
            lines.append(f"| {_md_escape(ko)} | {_md_escape(en)} | {where} | {mark} |")
    else:
        lines.append("No glossary term occurs in the article.")
    lines.append("")
    if result.issues:
        lines.append("**Findings**\n")
        for issue in result.issues:
            where = segment_label(issue.segment)
            state = " (repaired)" if issue.fixed else ""
            found = f", found “{issue.found}”" if issue.found else ""
            expected = f"expected “{issue.expected}”" if issue.expected else "no expectation"
            lines.append(f"- {where}: {issue.kind} — {issue.ko}: {expected}{found}{state}")
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


def to_text(result: Result) -> str:
    """Plain English: title, subtitle, then each section's heading and paragraphs."""
    article = result.article
    out = []
    if article.title:
        out.append(_english(result, "title") or article.title.ko)
    if article.subtitle:
        out.append(_english(result, "subtitle") or article.subtitle.ko)
    if out:
        out.append("")
    for k, (section, own) in enumerate(zip(article.sections, _by_section(result))):
        if section.heading is not None:
            out.append(_heading_label(result, k))
        out.extend(_paragraph_texts(section, own))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def inspect_text(result: Result) -> str:
    """How the article was read: parts, sentences, glossary terms and what was set aside."""
    article = result.article
    out = [
        f"title:    {article.title.ko if article.title else '(none)'}",
        f"subtitle: {article.subtitle.ko if article.subtitle else '(none)'}",
        f"sections: {len(article.sections)}",
        "",
    ]
    number = {s.id: n for n, s in enumerate(result.sentences, 1)}
    for k, (section, own) in enumerate(zip(article.sections, _by_section(result))):
        name = section.heading.ko if section.heading else "(lead)"
        out.append(f"[{k}] {name} — {len(section.sentences)} sentences")
        for sentence in own:
            out.append(f"  {number[sentence.id]:>3}. {sentence.ko}")
            for hit in sentence.hits:
                out.append(f"       term: {hit.ko} → {hit.en}")
        out.append("")
    out.append(f"boilerplate: {len(article.boilerplate)} lines set aside")
    for b in article.boilerplate:
        out.append(f"  - [{b.kind}] {b.ko}")
    if result.page is not None:
        out.append("")
        out.append(page_summary(result) + '; --format json lists them under "page"')
    return "\n".join(out) + "\n"


def check_dict(outcome) -> dict[str, Any]:
    """``briefing check --format json``: the documented schema (``line`` is 1-based)."""
    report = outcome.report
    return {
        "segments": report.segments,
        "term_occurrences": report.term_occurrences,
        "rendered": report.rendered_count,
        "fixed": report.fixed,
        "findings": [
            {
                "line": report.line_of(issue.segment),
                "kind": issue.kind,
                "ko": issue.ko,
                "expected": issue.expected,
                "found": issue.found,
                "fixed": issue.fixed,
                # additions to the documented schema
                "segment": segment_label(issue.segment),
                "message": issue.message,
                "severity": issue.severity,
                **({"lines": {spelling: list(at) for spelling, at in issue.lines}} if issue.lines else {}),
            }
            for issue in report.issues
        ],
        # low-severity notes (a number the English says another way): same keys as a finding
        "notes": [
            {"line": report.line_of(n.segment), "kind": n.kind, "ko": n.ko, "expected": n.expected, "found": n.found,
             "fixed": n.fixed, "message": n.message, "severity": n.severity}
            for n in report.notes
        ],
        "repairs": [
            {"line": report.line_of(e.segment), "rule": e.rule, "before": e.before, "after": e.after} for e in report.edits
        ],
    }


def check_json(outcome) -> str:
    return json.dumps(check_dict(outcome), ensure_ascii=False) + "\n"


def check_text(outcome) -> str:
    """One line per finding, as linters print them, then a one-line total."""
    report = outcome.report
    lines = []
    for issue in report.issues:
        where = segment_label(issue.segment)
        expected = f" expected “{issue.expected}”" if issue.expected else ""
        found = f" found “{issue.found}”" if issue.found else ""
        fixed = " [fixed]" if issue.fixed else ""
        lines.append(f"{where}: {issue.kind}: {issue.ko}:{expected}{found}{fixed}".rstrip(":"))
    for note in report.notes:
        where = segment_label(note.segment)
        lines.append(f"{where}: note: {note.message}")
    lines.append(
        f"{report.segments} segments, {report.term_occurrences} term occurrences, "
        f"{report.rendered_count} rendered, {len(report.issues)} findings, {report.fixed} fixed"
    )
    return "\n".join(lines) + "\n"
