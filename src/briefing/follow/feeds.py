"""A feed or a list of links → the items it announces (link, title, date, outlet).

RSS 2.0, RSS 1.0 and Atom are parsed by feedparser, a maintained parser that copes with the feeds
real sites publish (undeclared entities, a wrong encoding declaration, dates in a dozen formats); a
hand-written parser would fail on the first Korean regional site that writes ``&nbsp;`` in a title.
A plain list of links (one per line, ``#`` starts a comment) is read as is: a person can keep one by
hand, or another tool can write it. A feed is a link or a local file; a link is fetched by the
reader's ``fetch_feed``, with the limits and the one-line failures of a page.

What it gets wrong: a feed that lists its items by ``guid`` only (no ``link``) gives none, and an
item's date is the feed's own word (many Korean sites give the time of the last edit, not of
publication).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from briefing.errors import BriefingError
from briefing.files import read_limited

#: Largest feed or list read from a file; a day's feed of a busy site is well under 1 MB.
MAX_FEED_BYTES = 10 * 1024 * 1024

_URL = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class FeedItem:
    """One item a feed or a list announces; ``link`` is its identity in the state."""

    link: str
    feed: str
    title: str | None = None
    published: str | None = None  # ISO 8601, UTC, when the feed gives a date
    outlet: str | None = None  # the feed's title, else the link's host


@dataclass(frozen=True)
class FeedReport:
    """What one FEED_OR_LIST gave: its items, or the one line that says why it gave none."""

    feed: str
    items: tuple[FeedItem, ...] = ()
    error: str | None = None


def read_feed(feed: str) -> FeedReport:
    """Every item of one feed or list of links, in its order, each link once; a failure is one line."""
    try:
        data, charset = _feed_bytes(feed)
        if data.lstrip().lstrip(b"\xef\xbb\xbf").startswith(b"<"):
            items = _parse_feed(feed, data, charset)
        else:
            items = _parse_list(feed, data, charset)
    except BriefingError as exc:
        return FeedReport(feed, error=exc.message)
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.link not in seen:
            seen.add(item.link)
            unique.append(item)
    return FeedReport(feed, tuple(unique))


def _feed_bytes(feed: str) -> tuple[bytes, str | None]:
    if _URL.match(feed):
        from briefing.reader.fetch import fetch_feed

        fetched = fetch_feed(feed)
        return fetched.body, fetched.charset
    if Path(feed).is_dir():
        raise BriefingError(f"{feed} is a folder; pass a feed (RSS or Atom) or a list of links, one per line")
    return read_limited(feed, MAX_FEED_BYTES, "a feed", BriefingError), None


def _parse_feed(feed: str, data: bytes, charset: str | None) -> list[FeedItem]:
    import feedparser

    headers = {"content-type": f"application/xml; charset={charset}"} if charset else None
    parsed = feedparser.parse(data, response_headers=headers) if headers else feedparser.parse(data)
    linked = [e for e in parsed.entries if (e.get("link") or "").strip()]
    if not linked and (parsed.bozo or not parsed.get("version")):
        # A feed cut short or not a feed at all; one whose XML is only a little wrong but gives its
        # items (an undeclared entity, a wrong encoding label) is read, as a browser would.
        reason = getattr(parsed.get("bozo_exception"), "getMessage", None)
        why = reason() if reason else str(parsed.get("bozo_exception") or "no <rss> or <feed> element")
        raise BriefingError(f"{feed} is not a readable feed ({why}); check the address")
    outlet = (parsed.feed.get("title") or "").strip() or None
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        link = normal_link(_absolute(link, feed))
        items.append(FeedItem(link, feed, (entry.get("title") or "").strip() or None, _date(entry),
                              outlet or urlsplit(link).hostname))
    return items


def _parse_list(feed: str, data: bytes, charset: str | None) -> list[FeedItem]:
    try:
        text = data.decode(charset or "utf-8-sig")
    except (UnicodeDecodeError, LookupError):
        raise BriefingError(f"{feed}: a list of links must be UTF-8 text, one link a line") from None
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not re.match(r"\Ahttps?://\S+\Z", line):
            raise BriefingError(f"{feed}, line {n}: {line[:80]!r} is not an http(s) link; a list holds one link a line")
        items.append(FeedItem(normal_link(line), feed, outlet=urlsplit(line).hostname))
    return items


def _absolute(link: str, feed: str) -> str:
    if _URL.match(link) or not _URL.match(feed):
        return link
    from urllib.parse import urljoin

    return urljoin(feed, link)


def normal_link(link: str) -> str:
    """The link as the state knows it: without its ``#fragment`` (the same page), scheme and host in
    lower case. Query strings stay: Korean sites name their articles by them (``?idxno=1234``)."""
    parts = urlsplit(link.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def _date(entry) -> str | None:
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if not when:
        return None
    return datetime(*when[:6], tzinfo=timezone.utc).isoformat(timespec="minutes")


def is_link(text: str) -> bool:
    return bool(_URL.match(text))


__all__ = ["FeedItem", "FeedReport", "MAX_FEED_BYTES", "is_link", "normal_link", "read_feed"]
