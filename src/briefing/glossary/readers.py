"""Glossary files into ``Term``s: one reader each for YAML, TSV, CSV and TBX, all returning the same
``Term`` (as Translate Toolkit's storage classes all return one unit type).

The YAML shape (other tools write it too)::

    name: heavy-ion, quantum and partner cities      # optional
    terms:
      - ko: 중입자 치료
        en: heavy-ion therapy
        ko_variants: [중입자치료]                   # optional
        en_variants: [heavy ion therapy, carbon-ion therapy]
        avoid: [heavy particle therapy]             # renderings the English must not use
        note: QST Hospital has offered it since 1994
      - ko: 양자
        en: quantum
        context:                                     # only for ambiguous entries
          require_any: [컴퓨팅, 기술, 산업]          # a word within the window contains one of these
          exclude_any: [회담, 택일]                  # ... and none of these
          window: 2                                  # words on each side, the match's own word included

TSV and CSV hold ``ko`` and ``en`` columns (a header row is recognised and skipped); TBX reads every
concept's Korean and English terms, with deprecated terms as ``avoid``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable

import yaml

from briefing.errors import GlossaryError
from briefing.model import Context, Term

# A glossary is a hand-edited list of a few thousand entries at most; 5 MB leaves two orders of magnitude
# of headroom while refusing a wrong file (a corpus, a model) before it is parsed into memory.
MAX_GLOSSARY_BYTES = 5 * 1024 * 1024
# The longest term or rendering accepted. Real entries are names and phrases of a few words (the longest
# in the shipped glossary is under 40 characters); pyahocorasick segfaults on a 700,000-character key
# (500,000 pass), so the limit sits three orders of magnitude below the crash and far above any real term.
MAX_TERM_CHARS = 1000

# libyaml's safe loader where PyYAML was built with it (the wheels are): the same documents, the same
# refusals, a tenth of the time (3 ms against 31 ms for the shipped glossary, paid by every command)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_ENTRY_KEYS = ("ko", "en", "ko_variants", "en_variants", "avoid", "note", "context")
_CONTEXT_KEYS = ("require_any", "exclude_any", "window")
_TOP_KEYS = ("name", "terms")
_HEADER_KO = {"ko", "korean", "kor", "source", "src", "term", "한국어", "국문"}
_HEADER_EN = {"en", "english", "eng", "target", "tgt", "translation", "영어", "영문"}


class Problems:
    """Collects (line, message) problems; in strict mode the first one raises ``GlossaryError``."""

    def __init__(self, path: Path, strict: bool):
        self.path, self.strict, self.items, self.warnings = path, strict, [], []

    def add(self, line: int | None, message: str) -> None:
        where = f"{self.path}, line {line}" if line else str(self.path)
        if self.strict:
            raise GlossaryError(f"{where}: {message}")
        self.items.append((line, message))

    def warn(self, line: int | None, message: str) -> None:
        """A problem that does not stop loading (other tools add their own fields); validate reports it."""
        if not self.strict:
            self.warnings.append((line, message))


def _read_text(path: Path) -> tuple[str, bytes]:
    from briefing.files import read_limited

    # A bounded read, not ``stat``: /dev/zero or a FIFO named as a glossary reports size 0.
    data = read_limited(path, MAX_GLOSSARY_BYTES, "a glossary; split it into several files", GlossaryError)
    try:
        return data.decode("utf-8-sig"), data
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(f"{path}, line {line}: not UTF-8; save the glossary as UTF-8") from exc


def _str_list(value, field: str, problems: Problems, line: int) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.add(line, f"'{field}' must be a list of non-empty strings")
        return None
    return tuple(v.strip() for v in value)


def _entry_lines(text: str) -> list[int]:
    """1-based line of each item under ``terms:``, from the composed node tree (no objects built)."""
    try:
        root = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "terms" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _context(value, problems: Problems, line: int) -> Context | None | bool:
    """A ``Context`` from its mapping; False when malformed (reported)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.add(line, "'context' must be a mapping with require_any, exclude_any and window")
        return False
    unknown = sorted(set(value) - set(_CONTEXT_KEYS))
    if unknown:
        problems.add(line, f"unknown context key {unknown[0]!r}; allowed: {', '.join(_CONTEXT_KEYS)}")
        return False
    require = _str_list(value.get("require_any"), "require_any", problems, line)
    exclude = _str_list(value.get("exclude_any"), "exclude_any", problems, line)
    window = value.get("window", Context().window)
    if require is None or exclude is None:
        return False
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        problems.add(line, "'window' must be a whole number of words, 1 or more")
        return False
    if not require and not exclude:
        problems.add(line, "'context' needs require_any or exclude_any")
        return False
    return Context(require_any=require, exclude_any=exclude, window=window)


def _parse_yaml(path: Path, text: str, problems: Problems) -> tuple[str | None, list[Term]]:
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)  # the safe loader: !!python/object is refused
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.add(mark.line + 1 if mark else None, f"not valid YAML ({getattr(exc, 'problem', None) or exc})")
        return None, []
    if data is None:
        return None, []
    if not isinstance(data, dict):
        problems.add(1, "expected a mapping with 'terms:' (and optionally 'name:') at the top")
        return None, []
    unknown = sorted(set(data) - set(_TOP_KEYS), key=str)
    if unknown:
        problems.warn(None, f"unknown top-level key {unknown[0]!r} is ignored; briefing reads name and terms")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        problems.add(None, "'name' must be text")
        name = None
    entries = data.get("terms") or []
    if not isinstance(entries, list):
        problems.add(None, "'terms' must be a list of entries")
        return name, []
    lines = _entry_lines(text)
    terms: list[Term] = []
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else None
        if not isinstance(entry, dict):
            problems.add(line, "each entry must be a mapping with at least 'ko' and 'en'")
            continue
        unknown = sorted(set(entry) - set(_ENTRY_KEYS), key=str)
        if unknown:  # a typo such as en_variant, or another tool's own field: loading goes on
            problems.warn(line, f"unknown key {unknown[0]!r} is ignored; briefing reads {', '.join(_ENTRY_KEYS)}")
        ko, en = entry.get("ko"), entry.get("en")
        if not isinstance(ko, str) or not ko.strip() or not isinstance(en, str) or not en.strip():
            problems.add(line, "'ko' and 'en' must both be non-empty text (quote numbers and yes/no)")
            continue
        lists = [_str_list(entry.get(k), k, problems, line) for k in ("ko_variants", "en_variants", "avoid")]
        note = entry.get("note")
        if note is not None and not isinstance(note, str):
            problems.add(line, "'note' must be text")
            continue
        context = _context(entry.get("context"), problems, line)
        if any(v is None for v in lists) or context is False:
            continue
        terms.append(
            Term(
                ko=ko.strip(),
                en=en.strip(),
                ko_variants=lists[0],
                en_variants=lists[1],
                avoid=lists[2],
                note=note,
                context=context,
                origin=f"{path}:{line}" if line else str(path),
            )
        )
    return name, terms


def _is_header(ko: str, en: str) -> bool:
    return ko.strip().lower() in _HEADER_KO and en.strip().lower() in _HEADER_EN


def _row_problem(fields: list[str], separator: str) -> str:
    """What is wrong with a row, in the words a person editing the file would use (trailing empty
    cells are already gone)."""
    if len(fields) == 1:
        return f"expected two columns, ko and en, separated by a {separator}; found only one"
    if len(fields) == 2 or not fields[0].strip():
        side = "Korean (first)" if not fields[0].strip() else "English (second)"
        return f"the {side} column is empty; expected ko and en, separated by a {separator}"
    return f"expected two columns, ko and en, found {len(fields)} (a {separator} inside a term?)"


def _parse_rows(
    path: Path, rows: Iterable[tuple[int, list[str]]], problems: Problems, separator: str = "tab"
) -> list[Term]:
    """Two-column rows (ko, en): an optional header first; blank lines and ``#`` comments are skipped."""
    terms: list[Term] = []
    first = True
    for line, fields in rows:
        while fields and not fields[-1].strip():
            fields = fields[:-1]  # trailing empty cells (spreadsheets add them)
        if not fields or fields[0].lstrip().startswith("#"):
            continue
        if first and len(fields) == 2 and _is_header(*fields):
            first = False
            continue
        first = False
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            problems.add(line, _row_problem(fields, separator))
            continue
        terms.append(Term(ko=fields[0].strip(), en=fields[1].strip(), origin=f"{path}:{line}"))
    return terms


def _parse_tsv(path: Path, text: str, problems: Problems) -> list[Term]:
    return _parse_rows(path, ((n, raw.split("\t")) for n, raw in enumerate(text.splitlines(), 1)), problems)


def _parse_csv(path: Path, text: str, problems: Problems) -> list[Term]:
    def rows():
        reader = csv.reader(io.StringIO(text))
        try:
            for fields in reader:
                yield reader.line_num, fields
        except csv.Error as exc:
            problems.add(reader.line_num, f"not valid CSV ({exc})")

    return _parse_rows(path, rows(), problems, separator="comma")


_DEPRECATED = ("deprecated", "superseded", "admitted-not", "notrecommended", "not-recommended")


def _parse_tbx(path: Path, data: bytes, problems: Problems) -> list[Term]:
    """TBX 2 (martif/termEntry/langSet/tig) and TBX 3 (tbx/conceptEntry/langSec/termSec).

    The parser neither resolves entities nor reads DTDs nor touches the network, so a hostile file cannot
    expand entities (billion laughs) or read local files (XXE).
    """
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        problems.add(exc.lineno, f"not valid XML ({exc.msg})")
        return []
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"

    def local(el) -> str:
        return etree.QName(el).localname if isinstance(el.tag, str) else ""

    terms: list[Term] = []
    for entry in root.iter():
        if local(entry) not in ("termEntry", "conceptEntry"):
            continue
        entities = sorted({f"&{node.name};" for node in entry.iter(etree.Entity)})
        if entities:
            # Left unresolved on purpose (XXE); its text would otherwise become the literal "&xxe;".
            problems.add(
                entry.sourceline,
                f"term entry uses the entity {', '.join(entities)}, which briefing never expands "
                "(entities can read local files); write the text itself",
            )
            continue
        by_lang: dict[str, list[tuple[str, bool]]] = {"ko": [], "en": []}
        notes = []
        for lang_el in entry:
            if local(lang_el) in ("descrip", "note") and (lang_el.text or "").strip():
                notes.append(lang_el.text.strip())
            if local(lang_el) not in ("langSet", "langSec"):
                continue
            lang = (lang_el.get(xml_lang) or lang_el.get("lang") or "").lower()[:2]
            if lang not in by_lang:
                continue
            for term_el in lang_el.iter():
                if local(term_el) != "term" or not "".join(term_el.itertext()).strip():
                    continue
                holder = term_el.getparent()
                status = " ".join(
                    (n.text or "").lower()
                    for n in holder.iter()
                    if local(n) == "termNote" and n.get("type") in ("administrativeStatus", "normativeAuthorization")
                )
                by_lang[lang].append(("".join(term_el.itertext()).strip(), any(d in status for d in _DEPRECATED)))
        ko = [t for t, bad in by_lang["ko"] if not bad]
        en = [t for t, bad in by_lang["en"] if not bad]
        if not ko or not en:
            problems.add(entry.sourceline, "term entry lacks a usable Korean or English term")
            continue
        terms.append(
            Term(
                ko=ko[0],
                en=en[0],
                ko_variants=tuple(ko[1:]),
                en_variants=tuple(en[1:]),
                avoid=tuple(t for t, bad in by_lang["en"] if bad),
                note="; ".join(notes) or None,
                origin=f"{path}:{entry.sourceline}",
            )
        )
    return terms


def parse_glossary_file(path: Path, strict: bool) -> tuple[str | None, list[Term], bytes, Problems]:
    """The glossary's name, terms, bytes and problems, whatever its format. ``strict`` (loading) stops at
    the first problem with one line; lint reads on and lists them all, so both share one reader."""
    text, data = _read_text(path)
    problems = Problems(path, strict)
    suffix = path.suffix.lower()
    name = None
    if suffix in (".yaml", ".yml"):
        name, terms = _parse_yaml(path, text, problems)
    elif suffix in (".tsv", ".txt", ".tab"):
        terms = _parse_tsv(path, text, problems)
    elif suffix == ".csv":
        terms = _parse_csv(path, text, problems)
    elif suffix in (".tbx", ".xml"):
        terms = _parse_tbx(path, data, problems)
    else:
        raise GlossaryError(f"{path}: unknown glossary format {suffix!r}; use .yaml, .tsv, .csv or .tbx")
    return name, _within_length(terms, problems), data, problems


def _within_length(terms: list[Term], problems: Problems) -> list[Term]:
    """Terms whose every string fits ``MAX_TERM_CHARS``; a longer one is reported with its line and left
    out, because the matcher would crash on it rather than fail with a message."""
    kept = []
    for term in terms:
        strings = (term.ko, term.en, *term.ko_variants, *term.en_variants, *term.avoid)
        longest = max(strings, key=len)
        if len(longest) > MAX_TERM_CHARS:
            problems.add(
                line_of_term(term),
                f"a term of {len(longest):,} characters ({longest[:20]!r}…) is over the limit of "
                f"{MAX_TERM_CHARS:,}; a glossary entry is a word or a phrase",
            )
            continue
        kept.append(term)
    return kept


def line_of_term(term: Term) -> int | None:
    """The line a term was read from, kept in ``origin`` ("file:12"), so lint can name both lines of a
    clash; None for formats without lines (TBX)."""
    tail = (term.origin or "").rsplit(":", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else None
