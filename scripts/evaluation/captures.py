"""Annotated captures: ``NAME.txt`` as captured beside ``NAME.expected.json``, its annotation.

The layout is the one ``../shared/data/articles-dev/README.md`` gives; ``tests/articles`` and
``seeds`` follow it too. A capture is decoded as the reader decodes a file (``decode_bytes``), so a
CP949 capture with CRLF lines is scored on the text the tool reads.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from briefing.reader.source import decode_bytes

from evaluation.errors import DataError

ANNOTATION = ".expected.json"


@dataclass(frozen=True)
class Capture:
    """One annotated capture: the text the reader gets and the annotation a person made of it."""

    name: str
    folder: Path
    text: str
    expected: dict

    @property
    def files(self) -> tuple[Path, Path]:
        """The two files it was read from."""
        return self.folder / f"{self.name}.txt", self.folder / f"{self.name}{ANNOTATION}"


def selected(name: str, select: str | None) -> bool:
    """Whether the capture ``name`` is one ``--select GLOB`` names: the glob may match ``NAME`` or
    ``NAME.txt`` (``'j*'``, ``'[defg]*'``, ``'d01_*.txt'``), so that a subset can be reported alone
    (captures added later, which no model or weight was fitted on); no glob selects every capture."""
    return select is None or fnmatch.fnmatchcase(name, select) or fnmatch.fnmatchcase(f"{name}.txt", select)


def read_captures(folder: Path, select: str | None = None) -> list[Capture]:
    """Every annotated capture of ``folder`` (those ``select`` names), in the order of their annotation
    files' names, which is the order the shipped line model was trained in."""
    folder = Path(folder)
    captures = []
    for path in sorted(folder.glob(f"*{ANNOTATION}")):
        name = path.name[: -len(ANNOTATION)]
        if not selected(name, select):
            continue
        expected = json.loads(path.read_text(encoding="utf-8"))
        captures.append(Capture(name, folder, decode_bytes((folder / f"{name}.txt").read_bytes(), name), expected))
    if not captures:
        raise DataError(f"no *{ANNOTATION} in {folder}" + (f" whose name matches {select!r}" if select else ""))
    return captures


def site(capture: Capture) -> str:
    """The registrable domain of the capture's source (news1.kr and www.news1.kr are one site): the
    unit of the cross-validation folds, so that no fold is read by a model that saw its site."""
    host = urlparse(capture.expected.get("source") or "").hostname or capture.name
    parts = host.split(".")
    keep = 3 if len(parts) >= 3 and parts[-2] in ("co", "go", "or", "ac", "ne", "re") else 2
    return ".".join(parts[-keep:])
