"""Links: `briefing inspect URL` against a local web server that serves news pages and every failure.

The server runs on 127.0.0.1 on a free port, in a thread of the test process; nothing leaves the
machine. Each failure must be one line and exit code 2, with no traceback.
"""

import gzip
import http.server
import json
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.reader import fetch
from briefing.cli import cli

PAGES = Path(__file__).parent / "pages"
HANBIT = (PAGES / "hanbit-sejong-quantum.html").read_bytes()
# The EUC-KR page without its <meta> declaration: only the HTTP header (or detection) can decode it.
NAMHAE_BARE = re.sub(rb"<meta http-equiv[^>]*>", b"", (PAGES / "namhae-busan-heavy-ion.euc-kr.html").read_bytes())
# The site's front page: its name, menus, most-read headlines (links) and the footer; no story.
FRONT_PAGE = """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>한빛일보</title></head><body>
<header><h1><a href="/">한빛일보</a></h1><nav><a href="/politics">정치</a> <a href="/economy">경제</a>
<a href="/society">사회</a> <a href="/opinion">오피니언</a></nav></header><main><h2>많이 본 뉴스</h2><ul>
<li><a href="/news/1001">세종시, 양자컴퓨팅 실증센터 문 연다…국내 첫 지자체 주도 시설로 기업 30곳 유치한다</a></li>
<li><a href="/news/1002">부산 중입자치료센터 첫 환자 맞아…"집 가까이에서 치료받을 수 있게 됐다"고 밝혔다.</a></li></ul></main>
<footer><p>한빛일보 | 세종특별자치시 한누리대로 000 | 대표전화 044-000-0000</p>
<p>저작권자 © 한빛일보 무단전재 및 재배포 금지</p></footer></body></html>""".encode()
# The page as a server that encodes twice sends it: its UTF-8 read as Latin-1, then written as UTF-8.
HANBIT_DOUBLE_ENCODED = HANBIT.decode("utf-8").encode("utf-8").decode("latin-1").encode("utf-8")
# A page whose UTF-8 is broken by one stray byte: under a Latin-1 header, only mojibake decodes.
HANBIT_STRAY_BYTE = HANBIT.replace("센터는 세종테크밸리".encode(), b"\xff" + "센터는 세종테크밸리".encode())


class NewsSite(http.server.BaseHTTPRequestHandler):
    """One route per situation a link can lead to."""

    def log_message(self, *args):  # keep the test output clean
        pass

    def send(self, code, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(code)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if not any(name == "Content-Length" for name, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    #: Trickled answers the client waited out to their end (4 s) instead of hanging up at its deadline.
    trickled_to_the_end: list[str] = []

    def trickle(self, start, piece):
        # Each piece within the client's socket timeout (0.5 s in these tests); 4 s in all at most,
        # then the connection closes unfinished.
        try:
            self.wfile.write(start)
            for _ in range(40):
                time.sleep(0.1)
                self.wfile.write(piece)
        except (BrokenPipeError, ConnectionResetError):
            return
        self.trickled_to_the_end.append(self.path)
        self.close_connection = True

    def do_GET(self):
        path = self.path
        if path == "/news/1001":
            self.send(200, HANBIT)
        elif path == "/old/euckr-declared":
            self.send(200, NAMHAE_BARE, "text/html; charset=euc-kr")
        elif path == "/old/euckr-undeclared":
            self.send(200, NAMHAE_BARE, "text/html")
        elif path.startswith("/wrong-charset/"):
            # An old server's default in front of a Korean page; its <meta> (if any) says otherwise.
            label, page = path.split("/")[2:4]
            body = {"utf8": HANBIT, "cp949": NAMHAE_BARE, "double": HANBIT_DOUBLE_ENCODED,
                    "stray": HANBIT_STRAY_BYTE}[page]
            self.send(200, body, f"text/html; charset={label}")
        elif path == "/":
            self.send(200, FRONT_PAGE)
        elif path == "/gzip":
            self.send(200, gzip.compress(HANBIT), headers=[("Content-Encoding", "gzip")])
        elif path == "/short/1001":
            self.send(301, headers=[("Location", "/news/1001")])
        elif path == "/to-loopback/1001":
            # An absolute redirect to the loopback address (as to an intranet server).
            self.send(302, headers=[("Location", f"http://127.0.0.1:{self.server.server_address[1]}/news/1001")])
        elif path == "/loop":
            self.send(302, headers=[("Location", "/loop")])
        elif path == "/slow":
            time.sleep(1.5)
            self.send(200, HANBIT)
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.7\n", "application/pdf")
        elif path == "/huge-declared":
            self.send(200, b"", headers=[("Content-Length", str(fetch.MAX_PAGE_BYTES + 1))])
        elif path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()  # no Content-Length: the body ends when the connection closes
            chunk = "<p>세종시가 밝혔다.</p>\n".encode() * 4096
            try:
                for _ in range(fetch.MAX_PAGE_BYTES // len(chunk) + 2):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/gzip/members":
            # Two gzip members one after the other, cut mid-page: both are the page.
            body = gzip.compress(HANBIT[:2500]) + gzip.compress(HANBIT[2500:])
            self.send(200, body, headers=[("Content-Encoding", "gzip")])
        elif path == "/cut/gzip":
            # A gzip stream cut in the middle, its length declared as sent (a proxy that cut it).
            whole = gzip.compress(HANBIT)
            self.send(200, whole[: len(whole) // 2], headers=[("Content-Encoding", "gzip")])
        elif path == "/trickle/headers":
            # The headers one byte at a time, each well within the socket timeout, never ending.
            self.trickle(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nX-Padding: ", b"a")
        elif path == "/trickle/body":
            # Headers at once, no Content-Length, then the page in small pieces with pauses between.
            self.trickle(b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n", HANBIT[:40])
        elif path == "/cut/length":
            # Content-Length promises the whole page; the connection closes after a third of it.
            self.send(200, HANBIT[: len(HANBIT) // 3], headers=[("Content-Length", str(len(HANBIT)))])
        elif path == "/cut/chunked":
            # Two chunks arrive, then the connection closes before the last (empty) chunk.
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (HANBIT[:1000], HANBIT[1000:3000]):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.close_connection = True
        else:
            self.send(404, "<html><body><h1>페이지를 찾을 수 없습니다</h1></body></html>".encode())


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up mid-answer (the size limit, a timeout) is what the tests provoke;
        # socketserver would print a traceback into the captured output of the command under test.
        pass


@pytest.fixture(scope="module")
def site():
    server = QuietServer(("127.0.0.1", 0), NewsSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def quick_and_direct(tmp_path, monkeypatch):
    # A short timeout for the slow route; no proxy between the test and its own server.
    monkeypatch.setattr(fetch, "TIMEOUT_S", 0.5)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_error_line(result, line):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output == f"Error: {line}\n"


def inspect_json(url) -> dict:
    result = invoke("inspect", url, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# --- pages that arrive -----------------------------------------------------------------------------


def test_link_is_read_as_the_saved_page(site):
    # The same article as the saved file: headline, deck and subheads from the page.
    data = inspect_json(f"{site}/news/1001")
    assert data["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"
    assert data["subtitle"]["ko"] == "국내 첫 지자체 주도 시설…2027년까지 기업 30곳 유치"
    assert [s["heading"]["ko"] for s in data["sections"]][1:] == ["기업 30곳 유치 목표", "중입자 치료 연구와도 연계"]
    assert data["page"]["source"] == f"{site}/news/1001"
    assert "관련기사" in data["page"]["removed"]


def test_short_link_redirect_is_followed_and_the_final_address_reported(site):
    data = inspect_json(f"{site}/short/1001")
    assert data["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"
    assert data["page"]["source"] == f"{site}/news/1001"


def test_links_and_redirects_to_local_and_private_addresses_are_followed(site):
    # Decided and documented (docs/reading.md): a command run by its user on their own machine may
    # read a page from localhost or the intranet, and a redirect there is followed like any other.
    url = site.replace("127.0.0.1", "localhost") + "/to-loopback/1001"
    data = inspect_json(url)
    assert data["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"
    assert data["page"]["source"] == f"{site}/news/1001"


def test_gzip_body_is_unpacked(site):
    # Some CDNs compress whatever the client asked for.
    assert inspect_json(f"{site}/gzip")["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"


def test_every_gzip_member_is_read(site):
    # The whole page, as served plainly: not only the first member's part of it.
    plain = inspect_json(f"{site}/news/1001")
    plain["page"]["source"] = f"{site}/gzip/members"
    assert inspect_json(f"{site}/gzip/members") == plain


@pytest.mark.parametrize("route", ["/old/euckr-declared", "/old/euckr-undeclared"])
def test_euc_kr_page_decodes_by_header_or_detection(site, route):
    # Older Korean sites still serve EUC-KR; declared in the Content-Type header, or not at all.
    data = inspect_json(f"{site}{route}")
    assert data["title"]["ko"] == "부산 중입자치료센터, 첫 환자 맞아"
    assert data["sections"][0]["sentences"][0]["ko"] == "부산 기장군의 중입자치료센터가 15일 첫 환자 치료를 시작했다."


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "latin-1", "us-ascii"])
def test_a_latin_1_header_in_front_of_utf8_korean_loses_to_the_bytes(site, label):
    # An old server default (charset=iso-8859-1) before a UTF-8 page whose <meta charset> says utf-8:
    # every byte is a Latin-1 character, so the header "fits" and gave mojibake as the article.
    data = inspect_json(f"{site}/wrong-charset/{label}/utf8")
    assert data["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"
    said = [s["ko"] for section in data["sections"] for s in section["sentences"]]
    assert said[0] == "세종시가 내년 3월 국내 첫 지방자치단체 주도의 양자컴퓨팅 실증센터를 연다고 4일 밝혔다."
    assert not any(ch in json.dumps(data, ensure_ascii=False) for ch in "ìëí")


def test_a_latin_1_header_in_front_of_cp949_korean_loses_to_the_bytes(site):
    # EUC-KR bytes with no <meta>, under a Latin-1 header: decoded as the Korean they are.
    data = inspect_json(f"{site}/wrong-charset/iso-8859-1/cp949")
    assert data["title"]["ko"] == "부산 중입자치료센터, 첫 환자 맞아"
    assert data["sections"][0]["sentences"][0]["ko"] == "부산 기장군의 중입자치료센터가 15일 첫 환자 치료를 시작했다."


@pytest.mark.parametrize("label, page, how", [
    # a server that encodes twice: valid UTF-8 whose text is mojibake, nothing to decode it to
    ("utf-8", "double", "UTF-8"),
    # one stray byte: the UTF-8 does not decode strictly, so only the Latin-1 header fits
    ("iso-8859-1", "stray", "UTF-8"),
])
def test_garbled_korean_is_refused_never_translated(site, label, page, how):
    url = f"{site}/wrong-charset/{label}/{page}"
    result = invoke("translate", url, "-q")
    assert_error_line(
        result,
        f"{url} holds garbled Korean ({how} bytes read as Latin-1 or Windows-1252), which would be translated "
        "as nonsense; save the article again as UTF-8 from where it was written",
    )


# --- every failure: one line, exit code 2 ---------------------------------------------------------


def test_not_found(site):
    url = f"{site}/news/9999"
    assert_error_line(invoke("inspect", url), f"{url}: the server answered 404 Not Found; check the link")


def test_run_with_a_dead_link_fails_before_loading_a_model(site):
    # `run` reads the article first: a 404 costs no model load.
    url = f"{site}/news/9999"
    result = invoke("run", url, "--model", "/nonexistent-model-dir", "-q")
    assert_error_line(result, f"{url}: the server answered 404 Not Found; check the link")


def test_slow_server_times_out(site):
    url = f"{site}/slow"
    assert_error_line(
        invoke("inspect", url),
        f"{url}: no complete answer within 0.5 seconds; try again later or save the page from the browser",
    )


@pytest.mark.parametrize("route", ["/trickle/headers", "/trickle/body"])
def test_one_deadline_however_slowly_the_bytes_come(site, route):
    # Every byte arrives within the socket timeout; the whole fetch still ends at its deadline, not
    # when the server stops (a server that trickles for ever would hang a whole batch).
    url = f"{site}{route}"
    assert_error_line(
        invoke("inspect", url),
        f"{url}: no complete answer within 0.5 seconds; try again later or save the page from the browser",
    )
    assert route not in NewsSite.trickled_to_the_end


def test_a_link_to_a_page_that_is_only_a_menu_has_no_article_text(site):
    # The site's front page instead of an article: not a one-sentence article under the site's name.
    url = f"{site}/"
    assert_error_line(
        invoke("run", url, "-q"),
        f"{url}: no article text found in the page; save the article as plain text "
        "(copy it from the browser into a .txt file)",
    )


def test_a_host_name_is_looked_up_and_every_address_tried(site):
    # localhost may resolve to ::1 first, where the test server does not listen: 127.0.0.1 is tried next.
    url = site.replace("127.0.0.1", "localhost") + "/news/1001"
    assert inspect_json(url)["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"


def test_a_name_lookup_that_hangs_ends_at_the_deadline(monkeypatch):
    # The system resolver can block for its own timeouts (5 s a server and try), outside any socket
    # timeout: the fetch's one deadline still ends it, without waiting for the lookup.
    release = threading.Event()
    finished = []
    real = socket.getaddrinfo

    def stuck_resolver(host, *args, **kwargs):
        if host != "news.stuck-dns.example":
            return real(host, *args, **kwargs)
        release.wait(30)  # bounded, and released as soon as the command has answered
        finished.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", stuck_resolver)
    url = "http://news.stuck-dns.example/news/1001"
    try:
        result = invoke("inspect", url)
        assert finished == []  # the command answered while the lookup was still blocked
    finally:
        release.set()
    assert_error_line(
        result, f"{url}: no complete answer within 0.5 seconds; try again later or save the page from the browser"
    )


def test_pdf_link_is_not_a_web_page(site):
    url = f"{site}/report.pdf"
    assert_error_line(
        invoke("inspect", url), f"{url} is application/pdf, not a web page (HTML); pass the link of the article's page"
    )


@pytest.mark.parametrize("route", ["/huge-declared", "/huge-streamed"])
def test_page_over_the_size_limit(site, route):
    # Declared too large, or streamed past the limit without a length: both stop at 10 MB.
    url = f"{site}{route}"
    assert_error_line(
        invoke("inspect", url),
        f"{url}: the page is over the 10 MB limit; save the article from the browser and pass the file",
    )


def test_connection_closed_before_the_content_length(site):
    # The first third of the page is not the article: refused, never read as if it were whole.
    url = f"{site}/cut/length"
    assert_error_line(
        invoke("inspect", url),
        f"{url}: the connection closed after {len(HANBIT) // 3} of {len(HANBIT)} bytes; try again later",
    )


def test_gzip_body_cut_in_the_middle(site):
    # The inflater never reached the end of the stream: the article would end mid-sentence.
    url = f"{site}/cut/gzip"
    assert_error_line(
        invoke("inspect", url), f"{url}: the server's gzip body is cut short (it has no end); try again later"
    )


def test_chunked_body_cut_before_its_last_chunk(site):
    url = f"{site}/cut/chunked"
    assert_error_line(
        invoke("inspect", url),
        f"{url}: the connection closed after 3000 bytes, before the end of the page; try again later",
    )


def test_redirect_loop(site):
    url = f"{site}/loop"
    assert_error_line(
        invoke("inspect", url),
        f"{url}: more than 5 redirects (the site redirects in a loop); open the link in a browser and pass the address it ends at",
    )


def test_https_to_a_plain_http_server_is_a_tls_error(site):
    url = site.replace("http://", "https://") + "/news/1001"
    result = invoke("inspect", url)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert re.fullmatch(
        re.escape(f"Error: {url}: TLS handshake failed (")
        + r"[A-Z_]+"
        + re.escape("); check that the address is right, http:// or https://\n"),
        result.output,
    ), result.output


def test_connection_refused():
    with socket.socket() as sock:  # a port that was free a moment ago and has no server now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/news/1001"
    assert_error_line(invoke("translate", url, "-q"), f"{url}: connection refused by 127.0.0.1; check the link")


@pytest.mark.parametrize(
    "url, line",
    [
        # a scheme that is not the web
        ("ftp://example.com/news.html", "ftp://example.com/news.html: only http:// and https:// links are read; save the page and pass the file"),
        ("file:///etc/passwd", "file:///etc/passwd: only http:// and https:// links are read; save the page and pass the file"),
        # a link without a host, and one cut off inside an IPv6 address
        ("http://", "http:// is not a valid link (no host name); give an http:// or https:// address"),
        ("http://[::1/news", "http://[::1/news is not a valid link (Invalid IPv6 URL); give an http:// or https:// address"),
        # a port that is not a number
        ("http://example.com:80a/", "http://example.com:80a/ is not a valid link (Port could not be cast to integer value as '80a'); give an http:// or https:// address"),
    ],
)
def test_bad_links(url, line):
    assert_error_line(invoke("inspect", url), line)
