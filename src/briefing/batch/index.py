"""A batch's index: every article with its English title, status, findings and a link, and the names
and terms rendered differently across articles; Markdown for people, JSON for tools."""

from __future__ import annotations

import json
from typing import Any

from briefing import __version__
from briefing.batch.inputs import escaped_path, readable_path, readable_text
from briefing.batch.records import DONE, FAILED, SKIPPED, ArticleOutcome, BatchReport
from briefing.checks.across import NOT_RENDERED, Variation
from briefing.model import segment_label

INDEX_SCHEMA = 1

_STATUS_WORDS = {DONE: "done", FAILED: "failed", SKIPPED: "skipped (unchanged)"}


def index_dict(report: BatchReport) -> dict[str, Any]:
    """The documented index schema (docs/batches.md, "The index")."""
    return {
        "schema": INDEX_SCHEMA,
        "version": __version__,
        "model": report.model,
        "backend": report.backend,
        "glossaries": [{"path": s.path, "sha256": s.sha256, "name": s.name, "terms": s.terms}
                       for s in report.glossary.sources],
        "counts": {status: report.count(status) for status in (DONE, FAILED, SKIPPED)},
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
                "markdown": f"{o.name}.md" if o.status != FAILED else None,
                "json": f"{o.name}.json" if o.status != FAILED else None,
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
    counts = ", ".join(f"{report.count(s)} {_STATUS_WORDS[s]}" for s in (DONE, FAILED, SKIPPED))
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
