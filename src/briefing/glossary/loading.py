"""Glossaries: load and combine files (a later file wins on the same ``ko``), and write the YAML shape.

The readers of each format are in ``readers``, the finder in ``finder`` and the lint in ``lint``; the
package (``briefing.glossary``) exports the public names of all four.

The same ``ko`` may appear several times in one file when each entry carries a ``context`` (one entry per
sense); across files, a later file replaces every entry of earlier files with the same ``ko``.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Sequence

import yaml

from briefing.glossary.readers import parse_glossary_file
from briefing.model import Glossary, GlossarySource, Term

DEFAULT_GLOSSARY = "heavy-ion-quantum-cities.yaml"


def read_glossary(path: str | Path) -> tuple[Term, ...]:
    """The terms of one glossary file (YAML, TSV, CSV or TBX, chosen by extension)."""
    return tuple(parse_glossary_file(Path(path), strict=True)[1])


def default_glossary_path() -> Path:
    """The shipped glossary, found as package data so that a non-editable install finds it too."""
    return Path(str(resources.files("briefing.glossaries").joinpath(DEFAULT_GLOSSARY)))


def _merge_file(terms: list[Term]) -> list[Term]:
    """Within one file: entries with a context are senses and all stay; otherwise the last entry of a ko wins."""
    plain: dict[str, int] = {}
    out: list[Term | None] = []
    for term in terms:
        if term.context is None:
            if term.ko in plain:
                out[plain[term.ko]] = None
            plain[term.ko] = len(out)
        out.append(term)
    return [t for t in out if t is not None]


def load_glossaries(paths: Sequence[str | Path] | None = None) -> Glossary:
    """Read and combine glossary files in order; a later file replaces earlier entries with the same ``ko``.

    ``None`` loads the shipped default glossary; an empty sequence gives an empty glossary.
    """
    if paths is None:
        paths = [default_glossary_path()]
    by_ko: dict[str, list[Term]] = {}
    sources = []
    for raw in paths:
        path = Path(raw)
        name, terms, data, _ = parse_glossary_file(path, strict=True)
        terms = _merge_file(terms)
        file_ko: dict[str, list[Term]] = {}
        for term in terms:
            file_ko.setdefault(term.ko, []).append(term)
        for ko, senses in file_ko.items():
            by_ko.pop(ko, None)  # re-insert: the later file's entry takes the later place too
            by_ko[ko] = senses
        sources.append(GlossarySource(str(path), hashlib.sha256(data).hexdigest(), name, len(terms)))
    return Glossary(tuple(t for senses in by_ko.values() for t in senses), tuple(sources))


def term_to_dict(term: Term) -> dict:
    """The YAML entry of a term; empty optional fields are left out."""
    entry: dict = {"ko": term.ko, "en": term.en}
    for key in ("ko_variants", "en_variants", "avoid"):
        if getattr(term, key):
            entry[key] = list(getattr(term, key))
    if term.note:
        entry["note"] = term.note
    if term.context is not None:
        ctx: dict = {}
        if term.context.require_any:
            ctx["require_any"] = list(term.context.require_any)
        if term.context.exclude_any:
            ctx["exclude_any"] = list(term.context.exclude_any)
        ctx["window"] = term.context.window
        entry["context"] = ctx
    return entry


def glossary_yaml(terms: Sequence[Term], name: str | None = None, header: str | None = None) -> str:
    """The YAML text of a glossary in the shape the readers take."""
    doc: dict = {}
    if name:
        doc["name"] = name
    doc["terms"] = [term_to_dict(t) for t in terms]
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
    if header:
        body = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines()) + body
    return body


def write_glossary_yaml(terms: Sequence[Term], dst: str | Path, name: str | None = None,
                        header: str | None = None) -> None:
    """Write terms as a YAML glossary, atomically (temp file beside the target, then ``os.replace``)."""
    from briefing.files import write_file

    write_file(str(dst), glossary_yaml(terms, name, header))


def import_glossary(src: str | Path, dst: str | Path | None = None, name: str | None = None) -> str:
    """Convert a TSV, CSV or TBX (or YAML) glossary into the YAML shape; returns the YAML text and,
    with ``dst``, also writes it there atomically. The name defaults to the source file's stem."""
    src = Path(src)
    terms = read_glossary(src)
    text = glossary_yaml(terms, name=name or src.stem)
    if dst is not None:
        write_glossary_yaml(terms, dst, name=name or src.stem)
    return text
