"""The output formats, one module each (``json_doc``, ``markdown``, ``text``, ``xliff``, ``tmx``, ``html``,
``check_report``) over the shared ``layout`` of segments in sections; ``render`` picks one by the name the
CLI's ``--format`` takes."""

from __future__ import annotations

from importlib import import_module

from briefing.model import Result

#: --format name → (module, function); imported on first use, so translate-toolkit (XLIFF, TMX) loads
#: only when one of its formats is asked for.
FORMATS = {
    "markdown": ("markdown", "to_markdown"),
    "json": ("json_doc", "to_json"),
    "text": ("text", "to_text"),
    "lines": ("text", "to_lines"),
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
