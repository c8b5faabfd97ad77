"""Korean sentences and morphemes through kiwipiepy, loaded once on first use.

kiwipiepy takes about two seconds to load its model, so it is imported inside ``analyzer()`` and kept;
``briefing --help`` never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import BackendMissing

if TYPE_CHECKING:  # pragma: no cover
    from kiwipiepy import Kiwi


@dataclass(frozen=True)
class Morpheme:
    """A morpheme with its part-of-speech tag (Sejong tag set) and offsets into the analysed text."""

    form: str
    tag: str
    start: int
    end: int


@lru_cache(maxsize=1)
def analyzer() -> "Kiwi":
    try:
        from kiwipiepy import Kiwi
    except ImportError as exc:  # pragma: no cover - kiwipiepy is a hard dependency
        raise BackendMissing("kiwipiepy is not installed; run: pip install kiwipiepy") from exc
    return Kiwi()


def morphemes(text: str) -> list[Morpheme]:
    """Morphemes of ``text`` with offsets into ``text``."""
    return [Morpheme(t.form, t.tag, t.start, t.start + t.len) for t in analyzer().tokenize(text)]
