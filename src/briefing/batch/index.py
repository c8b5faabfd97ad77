"""A batch's index: every article with its English title, status, findings and a link, and the names
and terms rendered differently across articles; Markdown for people, JSON for tools."""

from __future__ import annotations

import json
from typing import Any

from briefing import __version__
from briefing.batch.inputs import escaped_path, readable_path, readable_text
from briefing.batch.records import DONE, FAILED, GROUPED, SKIPPED, ArticleOutcome, BatchReport
from briefing.checks.across import NOT_RENDERED, Variation
from briefing.model import segment_label

INDEX_SCHEMA = 1

_STATUS_WORDS = {DONE: "done", FAILED: "failed", SKIPPED: "skipped (unchanged)",
                 GROUPED: "grouped with an earlier article's story"}


def statuses(report: BatchReport) -> tuple[str, ...]:
    """The statuses a batch counts: ``grouped`` only where it grouped (``--same-story``), so that the
    index of a batch run without it is what it always was."""
    return (DONE, FAILED, SKIPPED) + ((GROUPED,) if report.same_story is not None else ())


def index_dict(report: BatchReport) -> dict[str, Any]:
    """The documented index schema (docs/batches.md, "The index")."""
    doc = {
        "schema": INDEX_SCHEMA,
        "version": __version__,
        "model": report.model,
        "backend": report.backend,
        "glossaries": [{"path": s.path, "sha256": s.sha256, "name": s.name, "terms": s.terms}
                       for s in report.glossary.sources],
        "counts": {status: report.count(status) for status in statuses(report)},
        "articles": [
            {
                "name": o.name,
                "source": readable_path(o.source),
                "status": o.status,
                "reason": _reason(o),
                "title": {"ko": o.title_ko, "en": o.title_en},
                "findings": o.findings,
                "fixed": o.fixed,
                "segments": o.segments,
                "markdown": f"{o.name}.md" if o.status not in (FAILED, GROUPED) else None,
                "json": f"{o.name}.json" if o.status not in (FAILED, GROUPED) else None,
                # additions (#22): the findings by severity; a path that is not UTF-8, and why NAME is not the file's
                "errors": o.errors,
                "warnings": o.warnings,
                "source_escaped": escaped_path(o.source),
                "name_note": o.name_note,
            }
            for o in report.outcomes
        ],
        "across_articles": [_variation_dict(v) for v in report.variations],
    }
    if report.same_story is not None:  # additions (#26), with --same-story only
        doc["same_story"] = report.same_story
        for row, o in zip(doc["articles"], report.outcomes):
            row["same_story"] = None if o.status != GROUPED else {
                "as": o.same_as, "markdown": f"{o.same_as}.md",
                "differences": [{"kind": d.kind, "first": list(d.first), "other": list(d.other)} for d in o.differences],
            }
    return doc


def _variation_dict(v: Variation) -> dict[str, Any]:
    return {
        "kind": v.kind,
        "ko": v.ko,
        "expected": v.expected if v.kind == "term" else None,
        "renderings": [
            {"en": None if en == NOT_RENDERED else en,
             "where": [{"article": article, "segments": list(ids)} for article, ids in where]}
            for en, where in v.spellings
        ],
    }


def index_json(report: BatchReport) -> str:
    return json.dumps(index_dict(report), ensure_ascii=False, indent=2) + "\n"


def index_markdown(report: BatchReport) -> str:
    out = [f"# Briefing index: {len(report.outcomes)} articles\n"]
    counts = ", ".join(f"{report.count(s)} {_STATUS_WORDS[s]}" for s in statuses(report))
    provenance = f"> {counts}. Machine translation by `{report.model}`"
    if report.backend:
        provenance += f" ({report.backend})"
    if report.glossary.sources:
        provenance += "; glossary: " + ", ".join(f"`{s.name or s.path}`" for s in report.glossary.sources)
    out.append(provenance + f"; briefing {__version__}.\n")
    out.append("| # | Article | Title | Status | Findings |")
    out.append("|---:|---|---|---|---:|")
    for n, o in enumerate(report.outcomes, 1):
        source = _cell(readable_path(o.source) + (f" ({o.name_note})" if o.name_note else ""))
        if o.status == FAILED:
            out.append(f"| {n} | {source} | | failed: {_cell(_reason(o) or '')} | |")
            continue
        if o.status == GROUPED:
            out.append(f"| {n} | {source} | {_cell(o.title_ko or '(untitled)')} | {_cell(same_story_cell(o))} | |")
            continue
        title = o.title_en or o.title_ko or "(untitled)"
        out.append(f"| {n} | {source} | [{_cell(title)}]({_link(o.name + '.md')}) | "
                   f"{_STATUS_WORDS[o.status]} | {findings_cell(o)} |")
    out.append("")
    out.append("## Rendered differently across articles\n")
    if not report.variations:
        out.append("No name or glossary term is written two ways across these articles.\n")
    for v in report.variations:
        what = f"glossary: {v.expected}" if v.kind == "term" else "name"
        forms = "; ".join(f"{_form(en)} in {_places(where)}" for en, where in v.spellings)
        out.append(f"- **{v.ko}** ({what}): {forms}")
    return "\n".join(out).rstrip() + "\n"


def same_story_cell(o: ArticleOutcome) -> str:
    """"same story as [A](A.md); differs (number): 1,200명 there, 1,300명 here": both sides, since
    either may be the outlet's typo, and the reader of the brief must know which it followed."""
    cell = f"same story as [{o.same_as}]({_link(o.same_as + '.md')})"
    for d in o.differences:
        there = ", ".join(d.first) or "nothing"
        cell += f"; differs ({d.kind}): {there} there, {', '.join(d.other) or 'nothing'} here"
    return cell


def findings_cell(o: ArticleOutcome) -> str:
    """"2 errors, 1 warning": counted apart, as ``check`` counts them, since only errors fail ``--strict``."""
    if not o.errors and not o.warnings:
        return "none"
    parts = [(o.errors, "error"), (o.warnings, "warning")]
    return ", ".join(f"{k} {word}{'s' if k != 1 else ''}" for k, word in parts if k)


def _reason(o: ArticleOutcome) -> str | None:
    return readable_text(o.reason, o.source) if o.reason else o.reason


def _form(en: str) -> str:
    return "not rendered" if en == NOT_RENDERED else f"“{en}”"


def _places(where) -> str:
    return ", ".join(f"{article} ({', '.join(segment_label(i) for i in ids)})" for article, ids in where)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _link(name: str) -> str:
    """A file name as a Markdown link target: Korean kept as it is, and ``%`` (an output name may hold
    ``%XX`` for a byte that is not UTF-8), spaces, brackets and URL marks escaped, so the link opens it."""
    return "".join(c if c.isalnum() or c in "-._~!$&'*+,;=:@" else
                   "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in name)
