"""What ``briefing follow`` remembers between runs: one SQLite file in the output folder.

Every item a feed announced is one row, keyed by its link: read (with its Korean text, its score and,
once briefed, its English title and summary, and what made the brief: the model, the glossaries and
the options, so that another of them makes it again) or failed (with the reason and the number of
tries). The meta table says which glossaries scored the items, so that another glossary scores
them again, and keeps the stories as the last run grouped them, with the read links they were
grouped from, so that a run that read nothing new does not group them again. Each change is one SQLite transaction, so a run stopped at any point (Ctrl-C, a killed
process, a full disk) leaves every row as it was before the change or after it, never between; the
next run starts from the rows. SQLite rather than a JSON file because a JSON file rewritten after
every item is either slow or half-written when the run is killed mid-write; ``sqlite3`` is in the
standard library. A state file written before a column was added gets it when it is opened.

What it does not do: share the folder between two runs at once (the second waits up to
``BUSY_TIMEOUT_S`` for the first's transaction, then fails with one line), or forget: rows are never
deleted (a folder per month keeps it small: a row is a few kB).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from briefing.errors import OutputError

STATE_NAME = "follow.sqlite"
#: The folder of the output folder that holds each story's brief (NAME.md, NAME.json).
BRIEFS = "briefs"
#: Tries of a link that fails (the server answered 503, the page had no Korean text) before it is
#: given up and listed as such; a link that failed three runs in a row is not coming back.
MAX_TRIES = 3
#: Seconds a run waits for another run's transaction on the same folder.
BUSY_TIMEOUT_S = 10

SCHEMA = 1
READ, FAILED = "read", "failed"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    link TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    feed_title TEXT,
    first_seen TEXT NOT NULL,
    status TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    title_ko TEXT,
    text_ko TEXT,
    source TEXT,
    score REAL,
    terms TEXT,
    brief TEXT,
    title_en TEXT,
    summary TEXT,
    findings TEXT,
    producer TEXT,
    redone TEXT
);
"""
#: Columns added after the first state files were written, added to such a file when it is opened.
_ADDED = {"producer": "TEXT", "redone": "TEXT"}


@dataclass(frozen=True)
class ItemRow:
    """One row of the state, as the digest and the grouping read it."""

    order: int  # the row's rank in the order items were first seen: a group's first member is its own
    link: str
    feed: str
    outlet: str | None
    published: str | None
    feed_title: str | None
    first_seen: str
    status: str
    tries: int
    reason: str | None
    title_ko: str | None
    text_ko: str | None
    source: dict | None
    score: float | None
    terms: list
    brief: str | None
    title_en: str | None
    summary: list
    findings: list
    producer: dict | None  # what made the brief (``run.producer_of``); None before it was recorded
    redone: str | None  # why the brief was last made again (the glossary changed…), or None

    @property
    def given_up(self) -> bool:
        return self.status == FAILED and self.tries >= MAX_TRIES


class State:
    """The rows of one output folder; use as a context manager so that the file is closed."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / STATE_NAME
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
            self.db.executescript(_TABLES)
            present = {r[1] for r in self.db.execute("PRAGMA table_info(items)")}
            with self.db:
                for column, kind in _ADDED.items():
                    if column not in present:
                        self.db.execute(f"ALTER TABLE items ADD COLUMN {column} {kind}")
            with self.db:
                found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if found is None:
                    self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
                elif found[0] != str(SCHEMA):
                    raise OutputError(f"{self.path} was written by another version of briefing (state schema "
                                      f"{found[0]}); follow into a new folder")
        except sqlite3.DatabaseError as exc:
            raise OutputError(f"{self.path}: cannot use the state file ({exc}); follow into a new folder, "
                              "or move this one away") from None

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc_info) -> None:
        self.db.close()

    def row(self, link: str) -> ItemRow | None:
        found = self.db.execute(f"SELECT rowid, {_COLUMNS} FROM items WHERE link = ?", (link,)).fetchone()
        return _item(found) if found else None

    def rows(self) -> list[ItemRow]:
        return [_item(r) for r in self.db.execute(f"SELECT rowid, {_COLUMNS} FROM items ORDER BY rowid")]

    def wants(self, link: str) -> bool:
        """Whether this run should fetch ``link``: never seen, or failed fewer than ``MAX_TRIES`` times."""
        row = self.row(link)
        return row is None or (row.status == FAILED and row.tries < MAX_TRIES)

    def record_read(self, item, title_ko: str | None, text_ko: str, source: dict, score: float,
                    terms: list) -> None:
        with self.db:
            self._ensure(item)
            self.db.execute(
                "UPDATE items SET status = ?, reason = NULL, title_ko = ?, text_ko = ?, source = ?, score = ?, "
                "terms = ? WHERE link = ?",
                (READ, title_ko, text_ko, json.dumps(source, ensure_ascii=False), score,
                 json.dumps(terms, ensure_ascii=False), item.link))

    def scored_with(self) -> list[str] | None:
        """The hashes of the glossaries the read items were scored with; None in a state written
        before they were kept."""
        return self._meta("scored_with")

    def record_scores(self, scores: dict[str, tuple[float, list]], glossaries: list[str]) -> None:
        """Read items scored again, and the glossaries that scored them, in one transaction: a run
        stopped here leaves every score as the old glossary gave it, and the next run scores again."""
        with self.db:
            for link, (score, terms) in scores.items():
                self.db.execute("UPDATE items SET score = ?, terms = ? WHERE link = ?",
                                (score, json.dumps(terms, ensure_ascii=False), link))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('scored_with', ?)", (json.dumps(glossaries),))

    def groups(self, key: str) -> list[list[str]] | None:
        """The stories' links as a run grouped them, when ``key`` (the read links and the threshold,
        ``run.story_groups``) is the one they were made under; None when it is not, or none was kept."""
        kept = self._meta("groups") or {}
        return kept["groups"] if kept.get("key") == key else None

    def _meta(self, name: str):
        """A JSON value the meta table keeps under ``name``, or None."""
        found = self.db.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        return json.loads(found[0]) if found else None

    def record_groups(self, key: str, groups: list[list[str]]) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('groups', ?)",
                            (json.dumps({"key": key, "groups": groups}, ensure_ascii=False),))

    def record_failure(self, item, reason: str) -> int:
        """One more failed try of ``item``; returns the tries so far."""
        with self.db:
            self._ensure(item)
            self.db.execute("UPDATE items SET status = ?, reason = ?, tries = tries + 1 WHERE link = ?",
                            (FAILED, reason, item.link))
            return self.db.execute("SELECT tries FROM items WHERE link = ?", (item.link,)).fetchone()[0]

    def record_brief(self, link: str, brief: str, title_en: str | None, summary: list[str],
                     findings: list[dict], producer: dict, redone: str | None = None) -> None:
        """The brief of ``link``, what made it (``producer``) and, when it replaces an earlier one, why."""
        with self.db:
            self.db.execute("UPDATE items SET brief = ?, title_en = ?, summary = ?, findings = ?, producer = ?, "
                            "redone = ?, reason = NULL WHERE link = ?",
                            (brief, title_en, json.dumps(summary, ensure_ascii=False),
                             json.dumps(findings, ensure_ascii=False), json.dumps(producer, sort_keys=True),
                             redone, link))

    def record_brief_failure(self, link: str, reason: str) -> None:
        """A read article whose translation failed: it stays read (its score and group hold), keeps
        the brief it had if it was being redone, and is translated again on the next run; the reason
        is listed until then."""
        with self.db:
            self.db.execute("UPDATE items SET reason = ? WHERE link = ?", (reason, link))

    def _ensure(self, item) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO items (link, feed, outlet, published, feed_title, first_seen, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (item.link, item.feed, item.outlet, item.published, item.title,
             datetime.now(timezone.utc).isoformat(timespec="seconds"), FAILED))


_COLUMNS = ("link, feed, outlet, published, feed_title, first_seen, status, tries, reason, title_ko, text_ko, "
            "source, score, terms, brief, title_en, summary, findings, producer, redone")


def _item(row) -> ItemRow:
    (order, link, feed, outlet, published, feed_title, first_seen, status, tries, reason, title_ko, text_ko,
     source, score, terms, brief, title_en, summary, findings, producer, redone) = row
    return ItemRow(order, link, feed, outlet, published, feed_title, first_seen, status, tries, reason, title_ko,
                   text_ko, json.loads(source) if source else None, score, json.loads(terms) if terms else [],
                   brief, title_en, json.loads(summary) if summary else [], json.loads(findings) if findings else [],
                   json.loads(producer) if producer else None, redone)
