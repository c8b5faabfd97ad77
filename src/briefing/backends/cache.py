"""A translation cache on SQLite, so that a rerun (or a resumed run) translates only what is new.

Each entry is keyed by a hash of three things: the model's file fingerprint, the decoding options that
change output (beams, the length rule; the same for both backends), and the exact source string. Writes
are committed batch by batch, so an interrupted run keeps what it finished. A cache file that SQLite
reports as damaged is renamed ``*.corrupt-<timestamp>`` with a warning and a fresh one is started; a cache
that cannot be used for any other reason (no folder, read-only or full disk, a lock held too long, a
symbolic link or another program's database in its place) is left untouched and the run goes on without
it, with one warning: losing the cache costs time, never a run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from briefing.errors import CacheError
from briefing.model import Translation

FILENAME = "translations.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    en TEXT NOT NULL,
    retried INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
)
"""

_COLUMNS = {"key", "en", "retried", "created"}

#: How long a run waits for another process's lock on the cache before going on without it. Writers hold
#: the lock for one batch commit (milliseconds); 10 s covers a slow disk, not a stuck process.
LOCK_WAIT_S = 10.0

log = logging.getLogger("briefing")


class CacheUnavailable(CacheError):
    """The cache cannot be used now (folder, disk, lock); its file, if any, is left as it was."""


@dataclass(frozen=True)
class CacheInfo:
    """Where the cache is, how many translations it holds and its size on disk (WAL files included)."""

    path: str
    entries: int
    size_bytes: int


def cache_folder() -> Path:
    """``$BRIEFING_CACHE_DIR``, else ``~/.cache/briefing``: the translations and the converted models."""
    base = os.environ.get("BRIEFING_CACHE_DIR")
    return Path(base).expanduser() if base else Path.home() / ".cache" / "briefing"


def cache_path() -> Path:
    """``$BRIEFING_CACHE_DIR/translations.sqlite3``, else ``~/.cache/briefing/translations.sqlite3``."""
    return cache_folder() / FILENAME


def translation_key(model_key: str, options_key: str, source: str) -> str:
    digest = hashlib.sha256()
    for part in (model_key, options_key, source):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _is_corrupt(exc: Exception) -> bool:
    """Only what SQLite itself calls a damaged file; "locked", "disk is full", "readonly" and "unable to
    open" are OperationalErrors about the surroundings, and the file behind them is healthy."""
    text = str(exc).lower()
    return not isinstance(exc, sqlite3.OperationalError) and ("not a database" in text or "malformed" in text)


class TranslationCache:
    """The SQLite file; opened on first use, one connection per object.

    Every failure that leaves the file as it was (a folder that cannot be created, a read-only disk, a full
    disk, a lock held past ``LOCK_WAIT_S``) raises ``CacheUnavailable``; only a file that SQLite reports as
    damaged is set aside and started again.
    """

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else cache_path()
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheUnavailable(f"cannot create the cache folder {self.path.parent} ({exc.strerror or exc})") from None
        try:
            self._refuse_another_programs()
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if not _is_corrupt(exc):
                raise self._unavailable(exc) from None
            self._set_aside(exc)
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            raise self._unavailable(exc) from None

    def _refuse_another_programs(self) -> None:
        """Raise ``CacheUnavailable`` unless the file is briefing's own cache (or none yet), read-only.

        Opening a database switches it to WAL and adds the translations table: done to another
        program's SQLite file (a link to it, or a file put in the cache folder) that would change a
        database briefing does not own. A link is refused whatever it points to, since setting aside
        a damaged cache would then rename the link; a file SQLite calls damaged is left to ``_open``.
        """
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            if part.is_symlink():
                raise CacheUnavailable(
                    f"the translation cache {part} is a symbolic link (to {os.readlink(part)}), not a file of "
                    "briefing's own; it was left as it is: remove the link or set BRIEFING_CACHE_DIR to another folder"
                )
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=LOCK_WAIT_S)
        try:
            tables = {name for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
            columns = {row[1] for row in db.execute("PRAGMA table_info(translations)")}
        finally:
            db.close()
        if tables - {"translations"} or (tables and columns != _COLUMNS):
            names = ", ".join(sorted(tables))
            raise CacheUnavailable(
                f"the translation cache {self.path} is not a briefing cache (its tables: {names}); it was left "
                "as it is: move it away or set BRIEFING_CACHE_DIR to another folder"
            )

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=LOCK_WAIT_S)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)
            db.execute("SELECT count(*) FROM translations").fetchone()  # reads the file: fails if corrupt
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _unavailable(self, exc: Exception) -> "CacheUnavailable":
        text = str(exc)
        if "locked" in text or "busy" in text:
            text = f"another briefing holds it locked for more than {LOCK_WAIT_S:g} s"
        return CacheUnavailable(f"the translation cache {self.path} cannot be used: {text}")

    def _set_aside(self, exc: Exception) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                part = Path(str(self.path) + suffix)
                if part.exists():
                    os.replace(part, Path(str(aside) + suffix))
        except OSError as err:
            raise CacheUnavailable(
                f"the translation cache {self.path} is unreadable ({exc}) and cannot be set aside ({err.strerror or err})"
            ) from None
        log.warning(f"warning: translation cache {self.path} is unreadable ({exc}); set aside as {aside.name}, starting a new one")

    def get_many(self, keys: Sequence[str]) -> dict[str, Translation]:
        found: dict[str, Translation] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):  # stay under SQLite's limit on bound parameters
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._query(f"SELECT key, en, retried FROM translations WHERE key IN ({marks})", chunk)
            for key, en, retried in rows:
                found[key] = Translation(en, retried=bool(retried))
        return found

    def put_many(self, items: dict[str, Translation]) -> None:
        now = time.time()
        rows = [(key, t.en, int(t.retried), now) for key, t in items.items()]
        sql = "INSERT OR REPLACE INTO translations (key, en, retried, created) VALUES (?, ?, ?, ?)"
        try:
            with self.db:  # one transaction: all of the batch or nothing
                self.db.executemany(sql, rows)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            try:
                with self.db:
                    self.db.executemany(sql, rows)
            except sqlite3.DatabaseError as again:
                raise self._unavailable(again) from None

    def _query(self, sql: str, params: Sequence) -> list[tuple]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            try:
                return self.db.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as again:
                raise self._unavailable(again) from None

    def _recover(self, exc: Exception) -> None:
        """Corruption found after opening (a page read later): set the file aside and start again.
        Anything else (locked, full, read-only) leaves the file alone."""
        if not _is_corrupt(exc):
            raise self._unavailable(exc) from None
        self.close()
        self._set_aside(exc)
        self._db = self._open()

    def info(self) -> CacheInfo:
        entries = self._query("SELECT count(*) FROM translations", [])[0][0]
        size = sum(Path(str(self.path) + s).stat().st_size for s in ("", "-wal", "-shm") if Path(str(self.path) + s).exists())
        return CacheInfo(str(self.path), entries, size)

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        entries = self._query("SELECT count(*) FROM translations", [])[0][0]
        try:
            with self.db:
                self.db.execute("DELETE FROM translations")
            self.db.execute("VACUUM")
        except sqlite3.DatabaseError as exc:
            raise self._unavailable(exc) from None
        return entries

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def cache_info(path: Path | str | None = None) -> CacheInfo:
    """``briefing cache info``: the cache file, its entries and its size (no file yet: zeros)."""
    target = Path(path) if path is not None else cache_path()
    if not target.exists():
        return CacheInfo(str(target), 0, 0)
    cache = TranslationCache(target)
    try:
        return cache.info()
    finally:
        cache.close()


def cache_clear(path: Path | str | None = None) -> int:
    """``briefing cache clear``: delete every cached translation; returns how many were deleted."""
    target = Path(path) if path is not None else cache_path()
    if not target.exists():
        return 0
    cache = TranslationCache(target)
    try:
        return cache.clear()
    finally:
        cache.close()


class CachedTranslator:
    """A ``Translator`` that answers from the cache and sends only the misses to ``inner``.

    Misses go to ``inner`` in chunks of ``chunk_size`` sources (sorted by length, so that the inner
    backend still batches well) and each chunk is committed as soon as it is translated: an interrupted
    run resumes where it stopped. Identical sources are translated once. ``--no-cache`` means the caller
    does not wrap the backend at all. A cache that becomes unusable mid-run is dropped with one warning.

    ``model_key`` and ``options_key`` default to ``inner.fingerprint()`` and ``inner.decoding_key()``
    (both backends have them); a backend without them is keyed by its name and model.
    """

    def __init__(
        self,
        inner,
        cache: TranslationCache,
        model_key: str | None = None,
        options_key: str | None = None,
        chunk_size: int = 32,
    ):
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.model = inner.model
        self.revision = getattr(inner, "revision", None)
        self._model_key = model_key
        self._options_key = options_key
        self.chunk_size = chunk_size
        self.hits = 0
        self.misses = 0
        self.unavailable: str | None = None  # why the cache was dropped for this run, once it was

    def _keys(self) -> tuple[str, str]:
        if self._model_key is None:
            fingerprint: Callable[[], str] | None = getattr(self.inner, "fingerprint", None)
            self._model_key = fingerprint() if fingerprint else f"{self.inner.name}:{self.inner.model}"
        if self._options_key is None:
            key: Callable[[], str] | None = getattr(self.inner, "decoding_key", None)
            self._options_key = key() if key else ""
        return self._model_key, self._options_key

    def translate(self, texts: Sequence[str], progress=None) -> list[Translation]:
        model_key, options_key = self._keys()
        keys = [translation_key(model_key, options_key, t) for t in texts]
        found = self._get(keys)
        hits = sum(1 for k in keys if k in found)
        self.hits += hits
        if hits and progress:
            progress(hits)
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts):
            if key not in found and key not in missing:
                missing[key] = text
        pending = sorted(missing.items(), key=lambda item: len(item[1]))
        done: dict[str, int] = {}
        for k in keys:
            if k not in found:
                done[k] = done.get(k, 0) + 1  # how many inputs each translated source answers
        for start in range(0, len(pending), self.chunk_size):
            chunk = pending[start : start + self.chunk_size]
            results = self.inner.translate([text for _, text in chunk])
            fresh = {key: result for (key, _), result in zip(chunk, results)}
            self._put(fresh)
            found.update(fresh)
            self.misses += len(chunk)
            if progress:
                progress(sum(done[key] for key, _ in chunk))
        return [found[k] for k in keys]

    def _get(self, keys: list[str]) -> dict[str, Translation]:
        if self.unavailable is None:
            try:
                return self.cache.get_many(keys)
            except CacheUnavailable as exc:
                self._go_without(exc)
        return {}

    def _put(self, items: dict[str, Translation]) -> None:
        if self.unavailable is None:
            try:
                self.cache.put_many(items)
            except CacheUnavailable as exc:
                self._go_without(exc)

    def _go_without(self, exc: CacheUnavailable) -> None:
        """One warning, then the rest of the run neither reads nor writes the cache (the translations
        still reach the output; only a rerun's saving is lost)."""
        self.unavailable = exc.message
        self.cache.close()
        log.warning(f"warning: {exc.message}; translating without the cache")

    def max_source_tokens(self) -> int:
        return self.inner.max_source_tokens()

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)
