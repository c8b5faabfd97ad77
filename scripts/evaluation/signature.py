"""What produced a figure, in one line printed under every table, as sacreBLEU prints its signature.

    signature: commit 61596f4|data articles-dev:3f2a9c01d4e7|line-model 9ab1c2d3e4f5|glossary 77c0aa12bb34|briefing 0.1.0

- ``commit``: ``git rev-parse --short HEAD`` of this checkout, ``+dirty`` when ``git status`` lists any
  change (the figure may then come from code no commit holds), ``unknown`` outside a git checkout;
- ``data``: per folder read, its name (a path inside the repository, relative to it; ``/GLOB`` added
  when ``--select GLOB`` chose its captures) and a hash of the files the run read there: sha256 over
  their paths relative to the folder, sorted, each followed by its length and its bytes; the first 12
  hex digits. Another capture, or one byte changed, changes it;
- ``line-model``: the first 12 hex digits of the sha256 of the line model the reader loaded
  (``cv-by-site`` when each capture was read by a model refitted without its site);
- ``glossary``: the same of the glossary file (of the files' hashes in order, when several);
- ``briefing``: the package version, marked when the package imported is not this checkout's
  (``PYTHONPATH`` pointing elsewhere would score another reader under this commit).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from importlib import resources
from pathlib import Path
from typing import Iterable

import briefing
from briefing.model import Glossary

from evaluation import paths

CV_BY_SITE = "cv-by-site"


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def commit() -> str:
    """The checkout's commit, ``+dirty`` when its tree has changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(paths.REPO), *args], capture_output=True, text=True,
                              check=True).stdout.strip()
    try:
        head = git("rev-parse", "--short", "HEAD")
        return head + ("+dirty" if git("status", "--porcelain") else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def folder_label(folder: Path) -> str:
    """A folder as the signature names it: relative to the repository inside it, else its own name."""
    try:
        return Path(folder).resolve().relative_to(paths.REPO).as_posix()
    except ValueError:
        return Path(folder).resolve().name


def data_hash(folder: Path, files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for relative in sorted({Path(os.path.relpath(f, folder)).as_posix() for f in files}):
        data = (Path(folder) / relative).read_bytes()
        digest.update(f"{relative}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:12]


def data_parts(read: Iterable[tuple[Path, Path]], select: str | None = None,
               select_in: Path | None = None) -> list[str]:
    """``NAME:HASH`` per folder, in the order first read, from (folder, file) pairs; the folder
    ``select_in`` (the first, by default) is named ``NAME/GLOB`` when ``--select GLOB`` chose its files."""
    by_folder: dict[Path, tuple[Path, list[Path]]] = {}
    for folder, file in read:
        by_folder.setdefault(Path(folder).resolve(), (Path(folder), []))[1].append(Path(file))
    chosen = Path(select_in).resolve() if select_in is not None else next(iter(by_folder), None)
    return [f"{folder_label(folder)}{f'/{select}' if select and key == chosen else ''}:{data_hash(folder, files)}"
            for key, (folder, files) in by_folder.items()]


def shipped_line_model() -> str:
    """The hash of the line model the reader loads (package data, as ``reader.labeller`` finds it)."""
    return short_hash(resources.files("briefing.reader").joinpath("line_model.json").read_bytes())


def glossary_hash(glossary: Glossary) -> str:
    hashes = [source.sha256 for source in glossary.sources]
    return hashes[0][:12] if len(hashes) == 1 else short_hash("\n".join(hashes).encode())


def version() -> str:
    here = Path(briefing.__file__).resolve().is_relative_to(paths.REPO)
    return f"briefing {briefing.__version__}" + ("" if here else " (imported from another checkout)")


def signature(data: Iterable[str] = (), line_model: str | None = None, glossary: str | None = None) -> str:
    """The line's text without ``signature:``; ``data`` holds ``data_parts``, one per folder."""
    parts = [f"commit {commit()}"]
    data = list(data)
    if data:
        parts.append("data " + ",".join(data))
    if line_model:
        parts.append(f"line-model {line_model}")
    if glossary:
        parts.append(f"glossary {glossary}")
    parts.append(version())
    return "|".join(parts)


def line(text: str) -> str:
    """The printed line: ``signature: commit …|…``."""
    return f"signature: {text}"
