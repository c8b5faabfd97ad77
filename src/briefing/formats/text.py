"""Plain text: the English as a reader pastes it on, and ``inspect``'s account of how the Korean was read
(one segment per line is ``lines``)."""

from __future__ import annotations

from briefing.model import Result
from briefing.formats.layout import by_section, english, heading_label, page_summary, paragraph_texts


def to_text(result: Result) -> str:
    """Plain English: title, subtitle, then each section's heading and paragraphs."""
    article = result.article
    out = []
    if article.title:
        out.append(english(result, "title") or article.title.ko)
    if article.subtitle:
        out.append(english(result, "subtitle") or article.subtitle.ko)
    if out:
        out.append("")
    for k, (section, own) in enumerate(zip(article.sections, by_section(result))):
        if section.heading is not None:
            out.append(heading_label(result, k))
        out.extend(paragraph_texts(section, own))
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
    for k, (section, own) in enumerate(zip(article.sections, by_section(result))):
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
