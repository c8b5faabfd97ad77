"""Files in and out: bounded reads of untrusted inputs, and where ``-o`` may write, and how: never over an input, never by renaming over anything but a regular file.

The atomic write (a temporary file beside the target, then ``os.replace``) is what keeps a half-written
brief from ever existing, but a rename replaces whatever the name pointed at: a glossary or a model file
given by mistake, a symlink, or ``/dev/null`` itself (as root, renaming a regular file over a device breaks
the system). So an output that is any input (also through a symlink, ``../`` or a hard link) or lies in a
model folder or the caches is refused; a character device, FIFO or socket is written directly, as ``>``
would; a symlink to a regular file is followed and its target replaced, the link kept.

Every input (an article, a glossary, a translation, a list of paths) is read through ``read_limited`` or
``read_stdin``, which stop one byte past the limit: a device, a FIFO or a huge file never fills the memory.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from briefing.errors import ArticleError, BriefingError, OutputError

STDIN_NAME = "standard input"
ARTICLE_LIMIT = "one article; pass a single article"

# Characters of the target's name kept in the temporary file's name: the temporary name must fit the
# file system's 255-byte limit even when the target's name almost fills it.
TEMP_NAME_CHARS = 40


def describe_os_error(exc: OSError) -> str:
    """The cause of a failed read or write in the user's words."""
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder cannot be written (permission denied or read-only)"
    return exc.strerror or str(exc)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def check_output_path(output: str | None, inputs: Iterable[str], folders: Iterable[str | Path] = ()) -> None:
    """Refuse ``output`` when it is one of ``inputs`` or is or lies in one of ``folders`` (a model
    directory, the caches and their files), or when its folder does not exist.

    Compared by resolved path and by inode, so a symlink, ``../`` or a hard link to an input is caught.
    """
    if output is None or output == "-":
        return
    out = Path(output)
    try:
        if out.is_dir():
            raise OutputError(f"output path {output} is a directory; give a file name")
        real = out.resolve()
        same = _identity(out)
        for given in inputs:
            if given == "-":
                continue
            src = Path(given)
            if not src.exists():
                continue
            if real == src.resolve() or (same is not None and same == _identity(src)):
                raise OutputError(f"output path {output} is an input file ({given}); choose another -o")
        for folder in folders:
            base = Path(folder).expanduser()
            if not base.exists():
                continue
            if _inside(real, base.resolve()) or (
                same is not None and (same == _identity(base) or (base.is_dir() and same in _identities(base)))
            ):
                raise OutputError(f"output path {output} is {folder} or in it, which briefing uses; choose another -o")
        parent = out.parent if str(out.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(f"output folder {parent} does not exist; create it first")
        if same is not None and stat.S_ISBLK(out.stat().st_mode):
            raise OutputError(f"output path {output} is a block device (a disk); choose a file")
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {describe_os_error(exc)}") from None


def _identities(folder: Path) -> set[tuple[int, int]]:
    """The files directly in ``folder`` (a model directory; hub snapshots link to their blobs)."""
    found = set()
    try:
        for entry in os.scandir(folder):
            ident = _identity(Path(entry.path))
            if ident is not None:
                found.add(ident)
    except OSError:
        pass
    return found


def is_stream(path: Path) -> bool:
    """A character device, FIFO or socket (``/dev/null``, ``/dev/stdout``, ``mkfifo``): written directly."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def write_file(output: str, text: str) -> None:
    """Write ``text`` to ``output``: directly to a stream, else atomically (temporary file, ``os.replace``).

    A symlink to a regular file is followed, so the link stays and its target gets the new text; the
    target keeps its permission bits. Every ``OSError`` (a full disk, a read-only folder, a name too
    long) becomes one ``OutputError`` line; the temporary file is removed and the old target is intact.
    """
    target = Path(output)
    if is_stream(target):
        try:
            with open(target, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {describe_os_error(exc)}") from None
        return
    if target.is_symlink():
        target = target.resolve()
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:TEMP_NAME_CHARS]}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, (target.stat().st_mode & 0o777) if target.exists() else 0o644)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {describe_os_error(exc)}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def read_stdin(limit: int, what: str = ARTICLE_LIMIT) -> bytes:
    """At most ``limit`` bytes of standard input; one byte more means too big (``yes | briefing …``
    or ``< /dev/zero`` would otherwise fill the memory before any check runs)."""
    try:
        data = sys.stdin.buffer.read(limit + 1)
    except OSError as exc:
        raise ArticleError(f"{STDIN_NAME}: cannot read: {describe_os_error(exc)}") from None
    if len(data) > limit:
        raise ArticleError(too_big(STDIN_NAME, None, limit, what))
    return data


def is_folder(path: str | Path) -> bool:
    """Whether ``path`` is a folder. A name the system cannot look up at all (longer than a file name may
    be) is not one, so that reading it fails in ``read_limited``'s one line instead of a crash here."""
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def read_limited(path: str | Path, limit: int, what: str = ARTICLE_LIMIT, error: type[BriefingError] = ArticleError) -> bytes:
    """The bytes of ``path``, refused with one line when there are more than ``limit`` of them.

    The limit is enforced on the bytes read, never on ``stat``: a device (/dev/zero), a FIFO or a /proc
    file reports size 0 and would otherwise be read until the memory runs out. ``what`` names the limit
    in the message ("one article", "a glossary"), so each file is told the limit that applies to it.
    """
    name = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise error(f"{name} is a directory; pass a text file")
        if not p.exists():
            raise error(f"{name}: no such file")
        with p.open("rb") as handle:
            data = handle.read(limit + 1)
            if len(data) > limit:
                size = os.fstat(handle.fileno()).st_size
                raise error(too_big(name, size if size > limit else None, limit, what))
            return data
    except PermissionError:
        raise error(f"{name}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise error(f"{name}: cannot read: {describe_os_error(exc)}") from None


def too_big(name: str, size: int | None, limit: int, what: str = ARTICLE_LIMIT) -> str:
    """``size`` is None when only the limit is known to be passed (a device or a pipe)."""
    mib = 1024 * 1024
    shown = f"{limit // mib} MB" if limit >= mib else f"{limit:,}-byte"
    how_big = f"is {size / mib:.1f} MB, over" if size else "is over"
    return f"{name} {how_big} the {shown} limit for {what}"
