"""What a batch reads and where it writes: articles from files, folders and a list of paths, their
output names, and the rule that tells a batch from a single ``run``."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Sequence
from urllib.parse import unquote, urlparse

from briefing.batch.records import BatchInput
from briefing.errors import BriefingError, OutputError
from briefing.files import is_folder

#: The files a folder contributes: what ``run`` reads as articles (text and saved pages).
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")

#: Output names an article may not take: the index's own files.
RESERVED_NAMES = frozenset({"index"})

#: A list of paths on standard input longer than this is not a list of paths.
MAX_PATH_LIST_BYTES = 4 * 1024 * 1024

#: The longest output name, in UTF-8 bytes. A file name may hold 255 bytes (ext4, XFS, APFS; 255 UTF-16
#: units on NTFS): this leaves room for ``-2``, ``.json`` and a Hangul name decomposed by macOS. A longer
#: name (90 Hangul syllables are 270 bytes) is cut and given a hash of the whole name (#22).
MAX_NAME_BYTES = 200
HASH_CHARS = 8


def is_batch(articles: Sequence[str], output: str | None) -> bool:
    """Whether ``run`` runs a batch: several ARTICLEs, a folder among them, or ``-o`` naming a folder
    (a trailing slash, or a folder that exists). One article with ``-o FILE`` or no ``-o`` is the
    single run it always was, ``-`` included (the article itself on standard input)."""
    if len(articles) > 1 or any(a != "-" and is_folder(a) for a in articles):
        return True
    return bool(output) and output != "-" and (output.endswith(("/", os.sep)) or is_folder(output))


def expand_inputs(articles: Sequence[str], stdin_text: str | None = None) -> list[BatchInput]:
    """The articles named, in order: a folder gives its article files (``ARTICLE_SUFFIXES``, also in
    subfolders, hidden ones left out) sorted by path; ``-`` gives the paths listed on standard input,
    one per line. A path named twice is read once. A file that does not exist stays in the list, so that
    the index reports it as failed."""
    paths: list[str] = []
    for arg in articles:
        if arg == "-":
            listed = stdin_text if stdin_text is not None else _read_path_list()
            for line in listed.splitlines():
                if line.strip():
                    paths.extend(_expand(line.strip()))
        else:
            paths.extend(_expand(arg))
    seen: set[str] = set()
    unique = []
    for path in paths:
        key = path if _is_url(path) else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    if not unique:
        raise BriefingError(f"no articles found in {', '.join(articles)} (a folder contributes its "
                            f"{', '.join(ARTICLE_SUFFIXES)} files)")
    return [BatchInput(path, name, note) for path, (name, note) in zip(unique, output_names(unique))]


def _expand(arg: str) -> list[str]:
    if _is_url(arg) or not is_folder(arg):
        return [arg]
    root = Path(arg)
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            found.append(path)
    return [str(p) for p in sorted(found, key=lambda p: p.relative_to(root).as_posix())]


def _read_path_list() -> str:
    from briefing.files import STDIN_NAME, read_stdin

    data = read_stdin(MAX_PATH_LIST_BYTES, "a list of article paths")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BriefingError(f"{STDIN_NAME}: a list of article paths must be UTF-8 text, one path a line") from None


def _is_url(path: str) -> bool:
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", path))


def output_names(paths: Sequence[str]) -> list[tuple[str, str | None]]:
    """The stem of each article's outputs and, when it is not simply the file's name, why: the file's
    name without its suffix (a link: the last part of its path, ``%XX`` decoded), read as CP949 when it
    is not UTF-8 (``readable_name``), cut to ``MAX_NAME_BYTES`` with a hash when longer, and made unique
    in order with ``-2``, ``-3``… (compared without case and as NFC, for file systems that ignore
    either); ``index`` is the index's own."""
    taken = {n.lower() for n in RESERVED_NAMES}
    names = []
    for path in paths:
        raw = Path(unquote(urlparse(path).path, errors="surrogateescape") if _is_url(path) else path).stem
        stem, notes = readable_name(raw), []
        if stem != raw:
            notes.append(_encoding_note(raw, stem))
        # one name to a reader and to macOS, whose file systems ignore the difference: a zip made on a Mac
        # holds decomposed Hangul (NFD), which must not take the same outputs as the composed name
        stem = unicodedata.normalize("NFC", stem)
        stem = re.sub(r"[\x00-\x1f\x7f/\\]", "_", stem).strip(". ") or "article"
        if len(stem.encode("utf-8")) > MAX_NAME_BYTES:
            stem = shortened(stem)
            notes.append(f"name cut to {MAX_NAME_BYTES} bytes, a file name's limit, with a hash of the whole")
        name, k = stem, 1
        while name.lower() in taken:
            k += 1
            name = f"{stem}-{k}"
        if k > 1:
            notes.append(f"written as {name}: another article is named {stem}")
        taken.add(name.lower())
        names.append((name, "; ".join(notes) or None))
    return names


def shortened(stem: str) -> str:
    """``stem`` cut on a character to fit ``MAX_NAME_BYTES`` with ``-`` and a hash of the whole stem, so
    that two long names sharing their first 190 bytes stay two names."""
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:HASH_CHARS]
    room = MAX_NAME_BYTES - HASH_CHARS - 1
    head = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(". -")
    return f"{head}-{digest}"


# ----------------------------------------------------------------------- names that are not UTF-8


#: A byte that is not UTF-8, in Python's surrogate-escaped form, and the C0 controls and DEL.
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def readable_name(name: str) -> str:
    """One file name (Python's surrogate-escaped form, as ``os.listdir`` gives it) as valid UTF-8 text.

    A name that is not UTF-8 is read as CP949 when that gives Korean text: unzip leaves the names of a
    zip made on Korean Windows in CP949. Any other undecodable byte is written ``%XX`` (never U+FFFD, so
    two different names stay different). What it gets wrong: a name in another legacy encoding whose
    bytes happen to be valid CP949 with a Hangul syllable is read as Korean."""
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        korean = raw.decode("cp949")
    except UnicodeDecodeError:
        korean = ""
    if any("\uac00" <= c <= "\ud7a3" for c in korean) and not any(
            unicodedata.category(c).startswith("C") for c in korean):
        return korean
    return _percent_escaped(raw)


def readable_path(path: str) -> str:
    """A path as valid UTF-8 text for the index and the messages: each part by ``readable_name``, and a
    control character (a name may hold ESC, which a terminal would obey) as ``%XX``."""
    if not _needs_escape(path):
        return path
    readable = os.sep.join(readable_name(part) for part in path.split(os.sep))
    return _CONTROL.sub(_percent_byte, readable)


def escaped_path(path: str) -> str | None:
    """The exact path of a file whose name is not UTF-8 or holds a control character, each such byte
    written ``%XX`` and ``%`` itself ``%25``, so that ``urllib.parse.unquote_to_bytes`` gives its bytes
    back; None for any other path (``readable_path`` is then the path itself)."""
    if not _needs_escape(path):
        return None
    return _percent_escaped(os.fsencode(path), escape_percent=True, controls=True)


def readable_text(text: str, path: str) -> str:
    """A message about ``path`` as valid UTF-8 text: the path as ``readable_path`` writes it, and any
    other undecodable byte as ``%XX``."""
    if _needs_escape(path):
        text = text.replace(path, readable_path(path))
    return _percent_escaped(os.fsencode(text)) if _UNDECODABLE.search(text) else text


def _needs_escape(text: str) -> bool:
    return bool(_UNDECODABLE.search(text) or _CONTROL.search(text))


def _percent_byte(match: re.Match) -> str:
    code = ord(match.group())
    return f"%{code - 0xDC00 if code >= 0xDC00 else code:02X}"


def _percent_escaped(raw: bytes, *, escape_percent: bool = False, controls: bool = False) -> str:
    text = raw.decode("utf-8", "surrogateescape")
    if escape_percent:
        text = text.replace("%", "%25")
    text = _UNDECODABLE.sub(_percent_byte, text)
    return _CONTROL.sub(_percent_byte, text) if controls else text


def _encoding_note(raw: str, readable: str) -> str:
    if "%" in readable and _percent_escaped(os.fsencode(raw)) == readable:
        return "file name not UTF-8: its undecodable bytes written %XX"
    return "file name in CP949, not UTF-8"


def prepare_outdir(output: str) -> Path:
    """The output folder, created when missing (its parent must exist, as for ``-o FILE``)."""
    outdir = Path(output)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"output path {output} is a file; a batch writes into a folder (give -o FOLDER/)")
    if not outdir.exists():
        parent = outdir.parent if str(outdir.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(f"output folder {parent} does not exist; create it first")
        try:
            outdir.mkdir()
        except OSError as exc:
            from briefing.files import describe_os_error

            raise OutputError(f"cannot create {output}: {describe_os_error(exc)}") from None
    return outdir


def output_files(outdir: Path, inputs: Sequence[BatchInput]) -> list[Path]:
    """Every file a batch may write: each article's ``NAME.md`` and ``NAME.json``, and the index."""
    files = [outdir / f"{item.name}{suffix}" for item in inputs for suffix in (".md", ".json")]
    return files + [outdir / "index.md", outdir / "index.json"]
