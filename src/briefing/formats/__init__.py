"""The output formats, one module each (``json_doc``, ``markdown``, ``text``, ``check_report``) over the
shared ``layout`` of segments in sections; ``render`` picks one by the name the CLI's ``--format`` takes."""

from __future__ import annotations

from ..model import Result


def render(result: Result, fmt: str, *, briefing: bool = True) -> str:
    """The result in one format; ``briefing`` False leaves the summary and briefing out of Markdown
    (``translate`` writes the translation alone)."""
    if fmt == "json":
        from .json_doc import to_json

        return to_json(result)
    if fmt == "text":
        from .text import to_text

        return to_text(result)
    if fmt == "markdown":
        from .markdown import to_markdown

        return to_markdown(result, briefing=briefing)
    raise ValueError(f"unknown format {fmt!r}")
