"""Line-aligned test sets (the FLORES folders): ``kor.txt``, ``eng.txt`` (the human reference) and
``NAME.txt`` (a model's output), one segment per line, line k of each the same segment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.errors import DataError

#: the default model's output, the file the published figures score
DEFAULT_OUTPUT = "opus-mt-tc-big-ko-en"


def read_lines(path: Path) -> list[str]:
    """One segment per line; a byte-order mark is not part of the first segment."""
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise DataError(f"{path} does not exist: a line-aligned folder holds kor.txt, eng.txt and NAME.txt") from None


@dataclass(frozen=True)
class AlignedSet:
    """The Korean, the reference English and one model's English, line for line."""

    kor: list[str]
    eng: list[str]
    hyp: list[str]
    files: tuple[Path, ...]


def read_aligned(data: Path, output: str = DEFAULT_OUTPUT) -> AlignedSet:
    files = (data / "kor.txt", data / "eng.txt", data / f"{output}.txt")
    kor, eng, hyp = (read_lines(path) for path in files)
    if not (len(kor) == len(eng) == len(hyp)):
        raise DataError(f"{data}: kor/eng/{output} have {len(kor)}/{len(eng)}/{len(hyp)} lines")
    return AlignedSet(kor, eng, hyp, files)
