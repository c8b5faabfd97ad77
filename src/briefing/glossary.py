"""Glossaries: read YAML, TSV, CSV and TBX into ``Term``s, combine them, validate them, and find terms in
Korean text on morpheme-aware word boundaries.

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

The same ``ko`` may appear several times in one file when each entry carries a ``context`` (one entry per
sense); across files, a later file replaces every entry of earlier files with the same ``ko``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from .errors import GlossaryError
from .model import Context, Glossary, GlossarySource, Term, TermHit

# A glossary is a hand-edited list of a few thousand entries at most; 5 MB leaves two orders of magnitude
# of headroom while refusing a wrong file (a corpus, a model) before it is parsed into memory.
MAX_GLOSSARY_BYTES = 5 * 1024 * 1024
DEFAULT_GLOSSARY = "heavy-ion-quantum-cities.yaml"
# The longest term or rendering accepted. Real entries are names and phrases of a few words (the longest
# in the shipped glossary is under 40 characters); pyahocorasick segfaults on a 700,000-character key
# (500,000 pass), so the limit sits three orders of magnitude below the crash and far above any real term.
MAX_TERM_CHARS = 1000

_ENTRY_KEYS = ("ko", "en", "ko_variants", "en_variants", "avoid", "note", "context")
_CONTEXT_KEYS = ("require_any", "exclude_any", "window")
_TOP_KEYS = ("name", "terms")
_HEADER_KO = {"ko", "korean", "kor", "source", "src", "term", "한국어", "국문"}
_HEADER_EN = {"en", "english", "eng", "target", "tgt", "translation", "영어", "영문"}


@dataclass(frozen=True)
class GlossaryFinding:
    """A problem ``validate_glossary`` found; ``line`` is 1-based where it is known."""

    kind: str  # malformed, duplicate, conflict, ambiguous, avoid-is-rendering
    line: int | None
    message: str
    ko: str | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else (self.path or "glossary")
        return f"{where}: {self.kind}: {self.message}"


class _Problems:
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


# --------------------------------------------------------------------------------------------- readers


def _read_text(path: Path) -> tuple[str, bytes]:
    from .source import read_limited

    # A bounded read, not ``stat``: /dev/zero or a FIFO named as a glossary reports size 0.
    data = read_limited(path, MAX_GLOSSARY_BYTES, "a glossary; split it into several files", GlossaryError)
    try:
        return data.decode("utf-8-sig"), data
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(f"{path}, line {line}: not UTF-8; save the glossary as UTF-8") from exc


def _str_list(value, field: str, problems: _Problems, line: int) -> tuple[str, ...] | None:
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
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "terms" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _context(value, problems: _Problems, line: int) -> Context | None | bool:
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


def _parse_yaml(path: Path, text: str, problems: _Problems) -> tuple[str | None, list[Term]]:
    try:
        data = yaml.safe_load(text)  # safe_load only: tags such as !!python/object are refused
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
    path: Path, rows: Iterable[tuple[int, list[str]]], problems: _Problems, separator: str = "tab"
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


def _parse_tsv(path: Path, text: str, problems: _Problems) -> list[Term]:
    return _parse_rows(path, ((n, raw.split("\t")) for n, raw in enumerate(text.splitlines(), 1)), problems)


def _parse_csv(path: Path, text: str, problems: _Problems) -> list[Term]:
    def rows():
        reader = csv.reader(io.StringIO(text))
        try:
            for fields in reader:
                yield reader.line_num, fields
        except csv.Error as exc:
            problems.add(reader.line_num, f"not valid CSV ({exc})")

    return _parse_rows(path, rows(), problems, separator="comma")


_DEPRECATED = ("deprecated", "superseded", "admitted-not", "notrecommended", "not-recommended")


def _parse_tbx(path: Path, data: bytes, problems: _Problems) -> list[Term]:
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


def _parse(path: Path, strict: bool) -> tuple[str | None, list[Term], bytes, _Problems]:
    text, data = _read_text(path)
    problems = _Problems(path, strict)
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


def _within_length(terms: list[Term], problems: _Problems) -> list[Term]:
    """Terms whose every string fits ``MAX_TERM_CHARS``; a longer one is reported with its line and left
    out, because the matcher would crash on it rather than fail with a message."""
    kept = []
    for term in terms:
        strings = (term.ko, term.en, *term.ko_variants, *term.en_variants, *term.avoid)
        longest = max(strings, key=len)
        if len(longest) > MAX_TERM_CHARS:
            problems.add(
                _line_of(term),
                f"a term of {len(longest):,} characters ({longest[:20]!r}…) is over the limit of "
                f"{MAX_TERM_CHARS:,}; a glossary entry is a word or a phrase",
            )
            continue
        kept.append(term)
    return kept


def read_glossary(path: str | Path) -> tuple[Term, ...]:
    """The terms of one glossary file (YAML, TSV, CSV or TBX, chosen by extension)."""
    return tuple(_parse(Path(path), strict=True)[1])


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
        name, terms, data, _ = _parse(path, strict=True)
        terms = _merge_file(terms)
        file_ko: dict[str, list[Term]] = {}
        for term in terms:
            file_ko.setdefault(term.ko, []).append(term)
        for ko, senses in file_ko.items():
            by_ko.pop(ko, None)  # re-insert: the later file's entry takes the later place too
            by_ko[ko] = senses
        sources.append(GlossarySource(str(path), hashlib.sha256(data).hexdigest(), name, len(terms)))
    return Glossary(tuple(t for senses in by_ko.values() for t in senses), tuple(sources))


# ------------------------------------------------------------------------------------ validate, import

_WHITESPACE_RUN = re.compile(r"\s+")
_HANGUL = re.compile(r"[가-힣]")


def _line_of(term: Term) -> int | None:
    tail = (term.origin or "").rsplit(":", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else None


def validate_glossary(path: str | Path) -> list[GlossaryFinding]:
    """Everything wrong or risky in one glossary file, in line order; an empty list means clean.

    Kinds: ``malformed`` (a line or entry that cannot be read), ``duplicate`` (the same ko and en twice),
    ``conflict`` (the same ko with different en and no context to tell them apart; the same en for
    different ko is fine), ``ambiguous`` (a 1-2 syllable Hangul term without a context rule: 양자 is
    quantum, bilateral or either), ``avoid-is-rendering`` (an avoid entry equal to an accepted rendering),
    ``unknown-key`` (a field briefing does not read: loading ignores it, but it is often a typo).
    """
    path = Path(path)
    _, terms, _, problems = _parse(path, strict=False)
    found = [GlossaryFinding("malformed", line, msg, path=str(path)) for line, msg in problems.items]
    found += [GlossaryFinding("unknown-key", line, msg, path=str(path)) for line, msg in problems.warnings]
    seen: dict[str, list[Term]] = {}
    for term in terms:
        line = _line_of(term)
        for other in seen.get(term.ko, []):
            if other.context is not None and term.context is not None:
                continue  # senses told apart by their contexts
            if other.en == term.en:
                found.append(GlossaryFinding("duplicate", line, f"{term.ko!r} is already listed at line "
                                             f"{_line_of(other)}", term.ko, str(path)))
            else:
                found.append(GlossaryFinding("conflict", line, f"{term.ko!r} is {term.en!r} here but "
                                             f"{other.en!r} at line {_line_of(other)}; add a context to each "
                                             "sense or keep one", term.ko, str(path)))
            break
        seen.setdefault(term.ko, []).append(term)
        for form in (term.ko, *term.ko_variants):
            syllables = len(_HANGUL.findall(form))
            if form == re.sub(r"\s", "", form) and 1 <= syllables <= 2 and syllables == len(form) \
                    and term.context is None:
                found.append(GlossaryFinding("ambiguous", line, f"{form!r} is a short Hangul term that also "
                                             "occurs inside unrelated words; add a context rule", term.ko, str(path)))
        accepted = {a.lower() for a in term.accepted}
        for bad in term.avoid:
            if bad.lower() in accepted:
                found.append(GlossaryFinding("avoid-is-rendering", line, f"{bad!r} is both accepted and avoided "
                                             f"for {term.ko!r}", term.ko, str(path)))
    return sorted(found, key=lambda f: (f.line or 0))


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
    from .output import write_file

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


# ----------------------------------------------------------------------------------------- term finder

# Strings that may follow a noun inside its word without changing what the noun is: case particles,
# auxiliary particles, the copula. When the rest of a word is one of these, the match is accepted
# without a morpheme analysis (kiwi costs ~0.15 ms a word, batched; this is what keeps 1 MB under a
# second). It can be wrong where noun + such a string is itself another word (세종+로 = the road
# Sejong-ro); those are rare and read as the noun anyway.
PARTICLES = frozenset(
    """은 는 이 가 을 를 의 에 에서 에게 에게서 께 께서 와 과 도 로 으로 만 까지 부터 보다 처럼 같이 이나 나
    이나마 란 이란 라는 이라는 라고 이라고 에는 에서는 에서도 에도 에의 으로는 로는 으로도 로도 으로서 로서
    으로써 로써 과의 와의 과는 와는 과도 와도 이다 이며 이고 였다 이었다 이었던 였던 인 이자 입니다 이지만
    조차 마저 뿐 밖에 만큼 대로 씩 들 들은 들이 들을 들의 들과 들도 에서의 으로의 로의 까지의 부터는 에게는
    이었으며 였으며 이라며 라며 측은 측이 측과 측의""".split()
)
_NOUNISH = frozenset({"NNG", "NNP", "NR", "SN", "SL", "SH", "NNB"})


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _compact(form: str) -> str:
    return re.sub(r"\s+", "", form)


class TermFinder:
    """Finds glossary terms in Korean text; build once per glossary, then call ``find`` per sentence.

    Matches on morpheme boundaries and prefers the longest entry: a plain substring search finds 중입자
    inside 중입자가속기, 세종 inside 세종시, and 양자 in 양자 회담 (bilateral talks). An Aho-Corasick
    automaton over every ``ko`` and ``ko_variants`` form (spaces removed, so 중입자 치료 and 중입자치료
    meet) proposes candidates in one pass; only a candidate whose word goes on with something other than
    a particle, or which starts inside a word, is checked against kiwi's morphemes of that one word.
    A match must start at a morpheme that begins the word or follows a noun (a compound: 일본 + 치바현),
    not a prefix (비 + 양자), and end at a morpheme end. Latin forms (QST, RIKEN) match case-sensitively
    at ASCII word boundaries, with any Hangul particle after them.

    Known limits: kiwi sometimes analyses a compound as one noun (세종시청, 일본치바현), and then the term
    inside it is not found; a term split by a line break is matched like one split by a space.
    """

    def __init__(self, glossary: Glossary | Sequence[Term]):
        import ahocorasick

        terms = glossary.terms if isinstance(glossary, Glossary) else tuple(glossary)
        self.glossary = glossary
        senses: dict[str, list[Term]] = {}
        self._forms: dict[str, set[str]] = {}
        for term in terms:
            for form in dict.fromkeys((term.ko, *term.ko_variants)):
                key = _compact(form)
                if not key:
                    continue
                bucket = senses.setdefault(key, [])
                if term not in bucket:
                    bucket.append(term)
                self._forms.setdefault(key, set()).add(re.sub(r"\s+", " ", form.strip()))
        # context-ruled senses are tried first; a context-free entry is the fallback
        self._senses = {k: tuple(sorted(v, key=lambda t: t.context is None)) for k, v in senses.items()}
        self._automaton = ahocorasick.Automaton()
        for key in self._senses:
            self._automaton.add_word(key, key)
        if self._senses:
            self._automaton.make_automaton()
        self._morph_cache: dict[str, tuple[frozenset, dict]] = {}
        # keys with a context-free sense: a match of one always yields a hit once its boundaries hold
        self._always_applies = frozenset(k for k, v in self._senses.items() if v[-1].context is None)
        # keys with one sense and no context rule: no need to look at the words around a match
        self._only_sense = {k: v[0] for k, v in self._senses.items() if len(v) == 1 and v[0].context is None}

    def find(self, text: str) -> tuple[TermHit, ...]:
        """Terms in ``text``, in text order, offsets into ``text`` (``text[h.start:h.end] == h.ko``)."""
        if not self._senses or not text:
            return ()
        # search the text with whitespace removed, so 중입자 치료 and 중입자치료 meet; a compact index c
        # maps back to c + (whitespace removed before it), found by bisecting the removed runs
        run_at: list[int] = []  # compact index where each whitespace run was removed
        removed_upto: list[int] = []  # whitespace removed up to and including that run
        removed = 0
        for run in _WHITESPACE_RUN.finditer(text):
            run_at.append(run.start() - removed)
            removed += run.end() - run.start()
            removed_upto.append(removed)
        compact = _WHITESPACE_RUN.sub("", text) if run_at else text

        candidates = []  # (start, end, key, state) state: True ok / None needs morphemes
        fast_check = self._fast_check
        always = self._always_applies
        covered_to = -1  # matches come longest first at each end position (the automaton's output
        # links); a shorter one inside a longer match that is certain to stand cannot win
        for last, key in self._automaton.iter(compact):
            if last == covered_to:
                continue
            first = last - len(key) + 1
            k = bisect_right(run_at, last) - 1
            end = last + 1 + (removed_upto[k] if k >= 0 else 0)
            if k < 0 or run_at[k] <= first:  # no whitespace inside the match (the common case)
                start = end - len(key)
            else:
                j = bisect_right(run_at, first) - 1
                start = first + (removed_upto[j] if j >= 0 else 0)
            state = fast_check(text, start, end, key)
            if state is not False:
                candidates.append((start, end, key, state))
                if state is True and key in always:
                    covered_to = last
        candidates = self._resolve_with_morphemes(text, candidates)
        spans = []  # (start, end, term) of every hit whose sense applies
        only_sense = self._only_sense
        for start, end, key, state in candidates:
            if state:
                term = only_sense.get(key) or self._pick_sense(text, start, end, key)
                if term is not None:
                    spans.append((start, end, term))
        return tuple(TermHit(term=term, ko=text[start:end], start=start, end=end)
                     for start, end, term in _longest_first(spans))

    # -- boundaries

    def _fast_check(self, text: str, start: int, end: int, key: str) -> bool | None:
        """True or False when the characters around the match decide; None when morphemes must."""
        if end - start != len(key):  # whitespace inside the match
            span = text[start:end]
            if re.search(r"[A-Za-z0-9]\s+[A-Za-z0-9]", span) and re.sub(r"\s+", " ", span) not in self._forms[key]:
                return False  # a space inside a Latin name that the entry does not have (Q ST)
        first, last = key[0], key[-1]
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        need = False
        if "가" <= first <= "힣":
            need = "가" <= before <= "힣"
        elif first.isascii() and first.isalnum() and before.isascii() and before.isalnum():
            return False
        if "가" <= last <= "힣":
            if "가" <= after <= "힣":
                stop = end + 1
                while stop < len(text) and "가" <= text[stop] <= "힣":
                    stop += 1
                if text[end:stop] not in PARTICLES:
                    need = True
        elif last.isascii() and last.isalnum() and after.isascii() and after.isalnum():
            return False
        return None if need else True

    @staticmethod
    def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
        left, right = start, end
        while left > 0 and _is_hangul(text[left - 1]):
            left -= 1
        while right < len(text) and _is_hangul(text[right]):
            right += 1
        return left, right

    def _resolve_with_morphemes(self, text: str, candidates: list[tuple]) -> list[tuple]:
        """Decide the undecided candidates from kiwi's morphemes of their words, analysed in one batch."""
        if all(c[3] is not None for c in candidates):
            return candidates
        # a candidate inside an accepted longer one would lose the longest-match rule anyway
        sure = sorted((c[0], c[1]) for c in candidates if c[3] is True)
        starts, reach, best = [], [], -1  # reach[k]: furthest end of an accepted candidate starting <= starts[k]
        for start, end in sure:
            best = max(best, end)
            starts.append(start)
            reach.append(best)
        words: dict[int, tuple[int, str]] = {}  # candidate index -> (word start, word)
        for n, (start, end, _, state) in enumerate(candidates):
            if state is None:
                k = bisect_right(starts, start) - 1
                if not (k >= 0 and reach[k] >= end):
                    left, right = self._word_span(text, start, end)
                    words[n] = (left, text[left:right])
        todo = sorted({w for _, w in words.values() if w not in self._morph_cache})
        if todo:
            self._analyse(todo)
        decided = []
        for n, (start, end, key, state) in enumerate(candidates):
            if state is None:
                state = False
                if n in words:
                    left, word = words[n]
                    morph_starts, ends = self._morph_cache[word]
                    s, e = start - left, end - left
                    state = e in ends or e == len(word)
                    if s > 0:
                        state = state and s in morph_starts and ends.get(s) in _NOUNISH
            decided.append((start, end, key, state))
        return decided

    def _analyse(self, words: list[str]) -> None:
        from .sentences import morphemes_of_words

        if len(self._morph_cache) > 200_000:
            self._morph_cache.clear()
        for word, morphs in zip(words, morphemes_of_words(words)):
            self._morph_cache[word] = (frozenset(m.start for m in morphs), {m.end: m.tag for m in morphs})

    # -- senses

    def _pick_sense(self, text: str, start: int, end: int, key: str) -> Term | None:
        for term in self._senses[key]:
            if term.context is None or context_applies(term.context, text, start, end):
                return term
        return None


def _longest_first(spans: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    """Non-overlapping spans in text order; where spans overlap, the longest wins (then the earlier).

    Only overlapping clusters are resolved longest-first; most hits overlap nothing, so the sweep
    over spans sorted by start does the bulk of the work.
    """
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    chosen: list[tuple[int, int, Term]] = []
    k = 0
    while k < len(spans):
        cluster, reach = [spans[k]], spans[k][1]
        k += 1
        while k < len(spans) and spans[k][0] < reach:
            cluster.append(spans[k])
            reach = max(reach, spans[k][1])
            k += 1
        if len(cluster) == 1:
            chosen.append(cluster[0])
            continue
        taken: list[tuple[int, int, Term]] = []
        for span in sorted(cluster, key=lambda s: (-(s[1] - s[0]), s[0])):
            if all(span[1] <= t[0] or t[1] <= span[0] for t in taken):
                taken.append(span)
        chosen.extend(sorted(taken, key=lambda s: s[0]))
    return chosen


def context_applies(context: Context, text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` satisfy the context rule.

    The window is ``context.window`` whitespace-separated words on each side, the match's own word
    included, with the match itself blanked out (so 양자 never requires itself). A listed word counts
    when a window word contains it: 회담을 contains 회담.
    """
    window = context.window
    left_words = text[max(0, start - 40 * window):start].split()
    right_words = text[end:end + 40 * window].split()
    # the match's own word is the last left word (if glued) plus the first right word (if glued)
    left = left_words[-window:] if start and not text[start - 1].isspace() else left_words[-(window - 1):] \
        if window > 1 else []
    right = right_words[:window] if end < len(text) and not text[end].isspace() else right_words[:window - 1] \
        if window > 1 else []
    near = " ".join(left + ["\u2027"] + right)
    if context.exclude_any and any(word in near for word in context.exclude_any):
        return False
    if context.require_any:
        return any(word in near for word in context.require_any)
    return True


@lru_cache(maxsize=8)
def finder_for(glossary: Glossary) -> TermFinder:
    """A cached ``TermFinder`` for a glossary (building the automaton is the expensive part)."""
    return TermFinder(glossary)
