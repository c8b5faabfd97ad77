"""The formats, one module each, every exchange format read and written in its own: ``markdown``,
``text``, ``html`` and ``check_report`` are written; ``json_doc``, ``lines``, ``xliff`` and ``tmx`` are
written and read back (``translations`` tells them apart and matches their units to an article's
segments, ``alignment`` says where a line-aligned file stops lining up). All share the ``layout`` of
segments in sections; ``render`` picks a writer by the name the CLI's ``--format`` takes."""

from __future__ import annotations

from importlib import import_module

from briefing.model import Result

#: --format name → (module, function); imported on first use, so translate-toolkit (XLIFF, TMX) loads
#: only when one of its formats is asked for.
FORMATS = {
    "markdown": ("markdown", "to_markdown"),
    "json": ("json_doc", "to_json"),
    "text": ("text", "to_text"),
    "lines": ("lines", "to_lines"),
    "xliff": ("xliff", "to_xliff"),
    "tmx": ("tmx", "to_tmx"),
    "html": ("html", "to_html"),
}


def render(result: Result, fmt: str, *, briefing: bool = True) -> str:
    """The result in one format; ``briefing`` False leaves the summary and briefing out of Markdown and
    the review page (``translate`` writes the translation alone)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module, name = FORMATS[fmt]
    function = getattr(import_module(f"{__name__}.{module}"), name)
    if fmt in ("markdown", "html"):
        return function(result, briefing=briefing)
    return function(result)
