"""``briefing glossary validate``: what is wrong or risky in one glossary file, line by line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.glossary.readers import line_of_term, parse_glossary_file
from briefing.model import Term

_HANGUL = re.compile(r"[가-힣]")


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


def validate_glossary(path: str | Path) -> list[GlossaryFinding]:
    """Everything wrong or risky in one glossary file, in line order; an empty list means clean.

    Kinds: ``malformed`` (a line or entry that cannot be read), ``duplicate`` (the same ko and en twice),
    ``conflict`` (the same ko with different en and no context to tell them apart; the same en for
    different ko is fine), ``ambiguous`` (a 1-2 syllable Hangul term without a context rule: 양자 is
    quantum, bilateral or either), ``avoid-is-rendering`` (an avoid entry equal to an accepted rendering),
    ``unknown-key`` (a field briefing does not read: loading ignores it, but it is often a typo).
    """
    path = Path(path)
    _, terms, _, problems = parse_glossary_file(path, strict=False)
    found = [GlossaryFinding("malformed", line, msg, path=str(path)) for line, msg in problems.items]
    found += [GlossaryFinding("unknown-key", line, msg, path=str(path)) for line, msg in problems.warnings]
    seen: dict[str, list[Term]] = {}
    for term in terms:
        line = line_of_term(term)
        for other in seen.get(term.ko, []):
            if other.context is not None and term.context is not None:
                continue  # senses told apart by their contexts
            if other.en == term.en:
                found.append(GlossaryFinding("duplicate", line, f"{term.ko!r} is already listed at line "
                                             f"{line_of_term(other)}", term.ko, str(path)))
            else:
                found.append(GlossaryFinding("conflict", line, f"{term.ko!r} is {term.en!r} here but "
                                             f"{other.en!r} at line {line_of_term(other)}; add a context to each "
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
