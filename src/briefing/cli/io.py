"""The files a command reads and writes: articles, glossaries, the translator, and outputs that may never
land on an input or in a folder briefing reads."""

from __future__ import annotations

import os
from pathlib import Path

from briefing.cli.console import say, set_quiet


def read_article_text(path: str):
    """ARTICLE → ``Source``: a text file, a saved web page, ``-`` (standard input) or an http(s) link."""
    from briefing.reader.source import load_source

    return load_source(path)  # "-": a bounded read of standard input


def check_output_path(output: str | None, inputs: tuple[str, ...], folders: tuple = ()) -> None:
    """Refuse an output that is an input or lies in a folder briefing reads (see ``output.py``)."""
    from briefing.files import check_output_path as check

    check(output, inputs, folders)


def protected_folders(model: str | None = None) -> tuple[Path, ...]:
    """Folders an output must never land in: a local model directory, briefing's cache and the hub cache."""
    from briefing.backends.cache import cache_path

    hub = os.environ.get("HF_HUB_CACHE") or Path(os.environ.get("HF_HOME") or Path.home() / ".cache" / "huggingface") / "hub"
    # The cache's own files and its ct2 folder, not the whole folder: BRIEFING_CACHE_DIR may be a
    # folder the user also writes briefs to.
    database = cache_path()
    folders = [database.parent / "ct2", Path(hub), *(Path(f"{database}{s}") for s in ("", "-wal", "-shm"))]
    if model and Path(model).expanduser().is_dir():
        folders.append(Path(model).expanduser())
    return tuple(folders)


def glossary_inputs(glossaries: tuple[str, ...]) -> tuple[str, ...]:
    """The glossary files a command reads (the shipped one when none is given)."""
    if glossaries:
        return tuple(glossaries)
    from briefing.glossary import default_glossary_path

    return (str(default_glossary_path()),)


def write_output(output: str | None, text: str) -> None:
    """Write to stdout, or to a file (atomically) or a device or pipe (directly); see ``output.py``."""
    if output is None or output == "-":
        say(text, nl=False)
        return
    from briefing.files import write_file

    write_file(output, text)


def make_translator(model, backend, device, compute_type, beams, threads, no_cache, quiet, revision=None):
    from briefing.backends import TranslatorOptions, build_translator

    set_quiet(quiet)
    options = TranslatorOptions(model=model, revision=revision, device=device, beams=beams, compute_type=compute_type,
                                threads=threads)
    return build_translator(backend, options, cache=not no_cache)


def load_glossary(paths: tuple[str, ...]):
    from briefing.glossary import load_glossaries

    return load_glossaries(list(paths) or None)
