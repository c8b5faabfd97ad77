"""A translation cache on SQLite, so that a rerun (or a resumed run) translates only what is new.

Each entry is keyed by a hash of three things: the model's file fingerprint, the decoding options that
change output (beams, the length rule; the same for both backends), and the exact source string. Writes
are committed batch by batch, so an interrupted run keeps what it finished. A cache file that SQLite
cannot read is renamed ``*.corrupt-<timestamp>`` with a warning and a fresh one is started: losing the
cache costs time, never a run.
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

from .model import Translation

FILENAME = "translations.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    en TEXT NOT NULL,
    retried INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
)
"""

log = logging.getLogger("briefing")


@dataclass(frozen=True)
class CacheInfo:
    """Where the cache is, how many translations it holds and its size on disk (WAL files included)."""

    path: str
    entries: int
    size_bytes: int


def cache_path() -> Path:
    """``$BRIEFING_CACHE_DIR/translations.sqlite3``, else ``~/.cache/briefing/translations.sqlite3``."""
    base = os.environ.get("BRIEFING_CACHE_DIR")
    return (Path(base).expanduser() if base else Path.home() / ".cache" / "briefing") / FILENAME


def translation_key(model_key: str, options_key: str, source: str) -> str:
    digest = hashlib.sha256()
    for part in (model_key, options_key, source):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class TranslationCache:
    """The SQLite file; opened on first use, one connection per object."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else cache_path()
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)
            db.execute("SELECT count(*) FROM translations").fetchone()  # reads the file: fails if corrupt
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _set_aside(self, exc: Exception) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            if part.exists():
                os.replace(part, Path(str(aside) + suffix))
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
        try:
            with self.db:  # one transaction: all of the batch or nothing
                self.db.executemany("INSERT OR REPLACE INTO translations (key, en, retried, created) VALUES (?, ?, ?, ?)", rows)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO translations (key, en, retried, created) VALUES (?, ?, ?, ?)", rows)

    def _query(self, sql: str, params: Sequence) -> list[tuple]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            return self.db.execute(sql, params).fetchall()

    def _recover(self, exc: Exception) -> None:
        """Corruption found after opening (a page read later): set the file aside and start again."""
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise exc
        self.close()
        self._set_aside(exc)
        self._db = self._connect()

    def info(self) -> CacheInfo:
        entries = self._query("SELECT count(*) FROM translations", [])[0][0]
        size = sum(Path(str(self.path) + s).stat().st_size for s in ("", "-wal", "-shm") if Path(str(self.path) + s).exists())
        return CacheInfo(str(self.path), entries, size)

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        entries = self._query("SELECT count(*) FROM translations", [])[0][0]
        with self.db:
            self.db.execute("DELETE FROM translations")
        self.db.execute("VACUUM")
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
    does not wrap the backend at all.

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
        self._model_key = model_key
        self._options_key = options_key
        self.chunk_size = chunk_size
        self.hits = 0
        self.misses = 0

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
        found = self.cache.get_many(keys)
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
            self.cache.put_many(fresh)
            found.update(fresh)
            self.misses += len(chunk)
            if progress:
                progress(sum(done[key] for key, _ in chunk))
        return [found[k] for k in keys]

    def max_source_tokens(self) -> int:
        return self.inner.max_source_tokens()

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)
