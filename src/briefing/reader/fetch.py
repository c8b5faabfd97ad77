"""A link → the bytes of its web page, read whole or not at all, within a deadline and limits.

stdlib ``urllib`` is enough for one GET of one page and keeps the start of the CLI light. urllib3
(installed with trafilatura) was weighed: it checks the Content-Length and reads every gzip member,
but returns a cut gzip stream without a word and has no deadline for the whole fetch, so the checks
it would spare are a few lines here, and env proxies keep working through urllib. The
limits are there because a link is untrusted input: a server that never answers, trickles, streams
without end, or redirects in a loop must end in one line and exit code 2, never a hang. A page that
arrives in part (the connection closed before its Content-Length or its last chunk, a gzip stream
without its end) is refused, because its first part would be translated as if it were the article.
Every failure is a ``FetchError`` whose message names the link, what went wrong and what to do.

What it does not do: run JavaScript (a page that builds its article in the browser yields the empty
shell; save it from the browser instead), send cookies, or get past a paywall or a login.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib

from briefing.errors import FetchError
from briefing.model import FetchedPage

#: Largest page read. A Korean news page with its inline scripts is 0.1–2 MB; past 10 MB it is not
#: one article (or the server is streaming without end).
MAX_PAGE_BYTES = 10 * 1024 * 1024
#: Seconds for the whole fetch (connect, answer and body). News sites answer in well under 5 s.
TIMEOUT_S = 20.0
#: Redirects followed; sites chain http → https → www → the mobile or canonical page (3 at most seen).
MAX_REDIRECTS = 5

USER_AGENT = "Mozilla/5.0 (compatible; briefing/0.1; +https://pypi.org/project/briefing/)"
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
#: What a news feed is served as: RSS and Atom under their own types, and the generic XML and text ones
#: that many sites (and plain lists of links) use.
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
                        "application/rdf+xml", "text/plain", "application/octet-stream"})
_CHUNK = 64 * 1024


def fetch_page(url: str) -> FetchedPage:
    """GET ``url`` and return its body, final address and declared charset, or raise ``FetchError``."""
    return _fetch_within_deadline(url, _HTML_TYPES, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")


def fetch_feed(url: str) -> FetchedPage:
    """GET a news feed (RSS, Atom) or a plain list of links, within the same limits as a page.

    A feed is as untrusted as a page, so it gets the same deadline, size limit and one-line failures;
    only the content types it may have differ (``FEED_TYPES``, and HTML is refused: a site's front
    page is not its feed)."""
    return _fetch_within_deadline(url, FEED_TYPES, "application/rss+xml,application/atom+xml,application/xml;q=0.9,"
                                                   "text/plain;q=0.5,*/*;q=0.1")


def _fetch_within_deadline(url: str, types, accept: str) -> FetchedPage:
    request_url = _request_url(url)
    with _Watchdog(TIMEOUT_S) as watchdog:
        try:
            page = _fetch(url, request_url, watchdog, types, accept)
        except FetchError:
            if watchdog.expired:  # whatever the cut connection looked like to http.client
                raise FetchError(_timed_out(url)) from None
            raise
        if watchdog.expired:  # a body without a length ends, to http.client, where the watchdog cut it
            raise FetchError(_timed_out(url))
        return page


def _fetch(url: str, request_url: str, watchdog: _Watchdog, types=_HTML_TYPES,
           accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1") -> FetchedPage:
    timeout = TIMEOUT_S
    deadline = watchdog.deadline
    opener = urllib.request.build_opener(_Redirects(url), _WatchedHTTP(watchdog), _WatchedHTTPS(watchdog))
    request = urllib.request.Request(
        request_url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": accept,
            "Accept-Language": "ko,en;q=0.5",
            "Accept-Encoding": "gzip",
        },
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type")
            if content_type is not None and response.headers.get_content_type() not in types:
                if types is _HTML_TYPES:
                    raise FetchError(
                        f"{url} is {response.headers.get_content_type()}, not a web page (HTML); "
                        "pass the link of the article's page"
                    )
                raise FetchError(f"{url} is {response.headers.get_content_type()}, not a news feed (RSS or Atom) "
                                 "or a list of links; pass the feed's address")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > MAX_PAGE_BYTES:
                raise FetchError(_too_large(url))
            declared = int(length) if length.isdigit() and not _is_chunked(response) else None
            body = _read_bounded(response, url, deadline, declared)
            if (response.headers.get("Content-Encoding") or "").strip().lower() in ("gzip", "x-gzip"):
                body = _gunzip(body, url)
            return FetchedPage(
                url=response.geturl(), body=body, charset=response.headers.get_content_charset()
            )
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        reason = exc.reason if isinstance(exc.reason, str) else http.client.responses.get(exc.code, "")
        hint = "check the link" if exc.code in (404, 410) else "try again later or save the page from the browser"
        raise FetchError(f"{url}: the server answered {exc.code} {reason}; {hint}".replace("  ", " ")) from None
    except urllib.error.URLError as exc:
        raise FetchError(_connection_failure(url, exc.reason)) from None
    except (ssl.SSLError, TimeoutError, socket.timeout, ConnectionError) as exc:
        raise FetchError(_connection_failure(url, exc)) from None
    except http.client.HTTPException as exc:
        raise FetchError(
            f"{url}: the server's answer is not valid HTTP ({type(exc).__name__}); "
            "try again later or save the page from the browser"
        ) from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"{url}: cannot fetch the page ({exc}); check the link") from None


def _request_url(url: str) -> str:
    """The address to request: only http(s), a host, and non-ASCII paths (Korean slugs) percent-encoded."""
    given = url.strip()
    if not given or any(ch.isspace() for ch in given):
        raise FetchError(f"{url!r} is not a valid link (it contains spaces); give an http:// or https:// address")
    try:
        parts = urllib.parse.urlsplit(given)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url} is not a valid link ({exc}); give an http:// or https:// address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(
            f"{url}: only http:// and https:// links are read; save the page and pass the file"
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"{url} is not a valid link (no host name); give an http:// or https:// address")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"{url} is not a valid link (bad host name); give an http:// or https:// address") from None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    path = urllib.parse.quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = urllib.parse.quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return urllib.parse.urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


class _Watchdog:
    """Cuts the fetch's connections at its deadline, whatever read they are blocked in.

    A socket timeout bounds each read, not the fetch: a server that sends its headers one byte a
    second never trips it, and one that sends its body in gaps just under it runs on. A timer thread
    shuts the sockets down when the time is up; the blocked read returns or fails at once, and
    ``fetch_page`` reports the timeout. Looking up the host name cannot be cut (the system resolver
    blocks for as long as its own settings say, 5 s a server and try), so it runs in a thread of
    its own that the fetch waits for only while time is left; one left behind ends with the resolver.
    """

    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        # A descriptor of its own on the same connection: wrapping it in TLS detaches the original object.
        copy = sock.dup()
        with self._lock:
            self._sockets.append(copy)
            if self.expired:
                _cut(copy)

    def connection(self, connection_class):
        """A factory for urllib's ``do_open`` making connections of ``connection_class`` that this watches."""

        def make(host, **kwargs):
            connection = connection_class(host, **kwargs)
            connection.watchdog = self
            # http.client's hook for opening the socket (there "to allow unit tests to replace it").
            connection._create_connection = self.create_connection
            return connection

        return make

    def create_connection(self, address, timeout, source_address=None) -> socket.socket:
        """``socket.create_connection`` with the name looked up and each address tried in the time left."""
        host, port = address
        last: OSError = OSError(f"no address found for {host}")
        for family, kind, proto, _, address_found in self._resolve(host, port):
            left = min(timeout, self.remaining())
            if left <= 0:
                raise TimeoutError("no time left to connect")
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(left)
                if source_address:
                    sock.bind(source_address)
                sock.connect(address_found)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise last

    def _resolve(self, host: str, port: int) -> list:
        found: dict[str, object] = {}

        def look_up() -> None:
            try:
                found["addresses"] = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
            except OSError as exc:
                found["error"] = exc

        worker = threading.Thread(target=look_up, name="briefing-resolve", daemon=True)
        worker.start()
        worker.join(max(0.0, self.remaining()))
        if worker.is_alive():
            raise TimeoutError(f"looking up {host} took too long")
        if "error" in found:
            raise found["error"]  # type: ignore[misc]
        return found["addresses"]  # type: ignore[return-value]

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _cut(sock)


def _cut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed by the other side
        pass


class _WatchedHTTPConnection(http.client.HTTPConnection):
    """Connects within the time left and hands its socket to the watchdog before anything is read."""

    watchdog: _Watchdog

    def connect(self):
        self.timeout = min(self.timeout, self.watchdog.remaining())
        if self.timeout <= 0:
            raise TimeoutError("no time left to connect")
        super().connect()
        self.watchdog.watch(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection, _WatchedHTTPConnection):
    """``HTTPSConnection.connect`` opens TCP through ``super().connect()``: watched before the handshake."""


class _WatchedHTTP(urllib.request.HTTPHandler):
    def __init__(self, watchdog: _Watchdog):
        super().__init__()
        self.watchdog = watchdog

    def http_open(self, req):
        return self.do_open(self.watchdog.connection(_WatchedHTTPConnection), req)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: _Watchdog):
        super().__init__()
        self.watchdog = watchdog

    def https_open(self, req):
        # context=None: http.client's default, as urllib's own handler gives it (system CAs, ALPN http/1.1).
        return self.do_open(self.watchdog.connection(_WatchedHTTPSConnection), req, context=None)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``MAX_REDIRECTS`` redirects, only to http(s) addresses."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.count = 0
        # urllib's own loop check (4 repeats, 10 redirects) would answer first with its own wording.
        self.max_repeats = self.max_redirections = MAX_REDIRECTS + 1

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.count += 1
        if self.count > MAX_REDIRECTS:
            raise FetchError(
                f"{self.url}: more than {MAX_REDIRECTS} redirects (the site redirects in a loop); "
                "open the link in a browser and pass the address it ends at"
            )
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"{self.url} redirects to {newurl}, which is not an http:// or https:// link")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read_bounded(response, url: str, deadline: float, declared: int | None) -> bytes:
    """Read the whole body and at most ``MAX_PAGE_BYTES``, or raise ``FetchError``.

    A connection that closes early must not pass its first part off as the article: http.client
    ends quietly when fewer bytes than the Content-Length arrive (it keeps old servers working), so
    the count is checked here; a chunked body cut before its last chunk raises ``IncompleteRead``.
    A server that trickles past the deadline counts as a timeout.
    """
    chunks: list[bytes] = []
    size = 0
    # read1 returns what has arrived; read(n) would wait for n bytes from a server that trickles.
    read = getattr(response, "read1", response.read)
    while True:
        if time.monotonic() > deadline:
            raise FetchError(_timed_out(url))
        try:
            chunk = read(_CHUNK)
        except http.client.IncompleteRead:
            raise FetchError(
                f"{url}: the connection closed after {size} bytes, before the end of the page; try again later"
            ) from None
        if not chunk:
            if declared is not None and size < declared:
                raise FetchError(
                    f"{url}: the connection closed after {size} of {declared} bytes; try again later"
                )
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_PAGE_BYTES:
            raise FetchError(_too_large(url))
        chunks.append(chunk)


def _is_chunked(response) -> bool:
    # A chunked body ends at its last chunk; any Content-Length beside it is ignored (RFC 9112 6.3).
    return "chunked" in (response.headers.get("Transfer-Encoding") or "").lower()


def _gunzip(body: bytes, url: str) -> bytes:
    """Decompress every gzip member of a body, whole, and still within the size limit.

    A gzip body may hold several members one after the other (legal, and curl reads them all); zlib
    stops at the end of the first, so the rest is inflated member by member. A member without its end
    is a body cut in transit: refused, not read as an article that stops mid-sentence. The output is
    bounded because a small gzip can unpack to gigabytes.
    """
    out = bytearray()
    rest = body
    while rest:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, MAX_PAGE_BYTES + 1 - len(out))
        except zlib.error:
            raise FetchError(f"{url}: the server sent a damaged gzip body; try again later") from None
        if len(out) > MAX_PAGE_BYTES:
            raise FetchError(_too_large(url))
        if not inflater.eof:
            raise FetchError(f"{url}: the server's gzip body is cut short (it has no end); try again later")
        # gzip(1) tolerates zero bytes padding a member; anything else must be another member.
        rest = inflater.unused_data.lstrip(b"\0")
    return bytes(out)


def _too_large(url: str) -> str:
    return (
        f"{url}: the page is over the {MAX_PAGE_BYTES // 1024 // 1024} MB limit; "
        "save the article from the browser and pass the file"
    )


def _timed_out(url: str) -> str:
    return f"{url}: no complete answer within {TIMEOUT_S:g} seconds; try again later or save the page from the browser"


def _connection_failure(url: str, reason: object) -> str:
    host = urllib.parse.urlsplit(url.strip()).hostname or url
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"{url}: the site's TLS certificate cannot be verified ({reason.verify_message}); check the address"
    if isinstance(reason, ssl.SSLError):
        return (
            f"{url}: TLS handshake failed ({reason.reason or reason}); check that the address is right, "
            "http:// or https://"
        )
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _timed_out(url)
    if isinstance(reason, ConnectionRefusedError):
        return f"{url}: connection refused by {host}; check the link"
    if isinstance(reason, socket.gaierror):
        return f"{url}: cannot find the host {host}; check the link and the network"
    text = getattr(reason, "strerror", None) or str(reason)
    return f"{url}: cannot connect to {host} ({text}); check the link and the network"


__all__ = ["FEED_TYPES", "MAX_PAGE_BYTES", "MAX_REDIRECTS", "TIMEOUT_S", "fetch_feed", "fetch_page"]
