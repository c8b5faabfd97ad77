"""Following the news (#26): `briefing follow` against a local news site on 127.0.0.1 that serves an
RSS 2.0 feed, an Atom feed, a broken feed, an empty one and a plain list of links, and article pages in
the shapes of Korean news sites (an ndsoft-style CMS, an old table layout with <br> paragraphs, an
itemprop page). One invented city press release is carried by three outlets with small edits.

Nothing leaves the machine; the texts are written for these tests. The library runs with the scripted
fake translator (readable English where the digest shows it); the command runs with the tiny model.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ScriptedTranslator
from briefing.cli import cli
from briefing.same_story import differences, group_texts, numbers
from briefing.follow.feeds import read_feed
from briefing.follow.run import follow
from briefing.follow.state import MAX_TRIES
from briefing.glossary import load_glossaries
from briefing.reader import fetch

# --- the press release, as three outlets printed it --------------------------------------------------

TITLE_A = "가온시, 중입자 치료센터 2028년 문 연다"
RELEASE = [
    "가온시가 2028년 개원을 목표로 중입자 치료센터 건립에 나선다고 5일 밝혔다.",
    "시는 총사업비 1,950억원을 들여 가온의료단지 안에 지하 2층, 지상 4층 규모의 치료센터를 짓는다. "
    "센터에는 회전형 갠트리 치료실 2개와 고정형 치료실 1개가 들어선다.",
    "중입자 치료는 탄소 이온을 빛의 속도의 70%까지 가속해 암세포를 파괴하는 방식으로, 주변 정상 조직의 "
    "손상이 적은 것이 장점이다. 치료 기간도 기존 방사선 치료보다 짧아 환자 부담을 줄일 수 있다.",
    "시는 연간 1,200명의 암 환자가 센터에서 치료를 받을 것으로 내다봤다. 이를 위해 의료진 40명을 단계적으로 "
    "채용할 계획이다.",
    "한도윤 가온시장은 \"지역 암 환자들이 멀리 가지 않고도 최신 치료를 받을 수 있게 될 것\"이라며 \"양자 기술 "
    "기업 유치와 연계해 첨단의료 도시로 키우겠다\"고 말했다.",
    "시는 이달 중 설계 공모를 내고 내년 상반기 착공할 예정이다.",
]
# Outlet B moves the paragraph on the method up and prints 1,300 patients a year (the release says 1,200).
RELEASE_B = [RELEASE[0], RELEASE[2], RELEASE[1], RELEASE[3].replace("1,200명", "1,300명"), RELEASE[4], RELEASE[5]]
# Outlet C drops the paragraph on the method and has its own headline and byline.
RELEASE_C = [RELEASE[0], RELEASE[1], RELEASE[3], RELEASE[4], RELEASE[5]]

QUANTUM = [
    "가온시가 지역 대학과 함께 청년 100명을 대상으로 양자컴퓨터 교육과정을 연다고 8일 밝혔다.",
    "교육은 양자역학 기초부터 양자컴퓨팅 프로그래밍 실습까지 12주 동안 이어진다.",
    "수료생에게는 양자기술 기업 인턴십 기회를 준다.",
    "시는 내년까지 교육 인원을 300명으로 늘릴 방침이다.",
]
FESTIVAL = [
    "가온시 봄꽃축제가 오는 12일 가온천 둔치에서 막을 올린다.",
    "올해 축제는 벚꽃길 걷기와 야간 조명 공연, 지역 농산물 장터로 꾸며진다.",
    "시는 축제 기간 임시 주차장 3곳을 운영하고 셔틀버스를 20분 간격으로 다니게 한다.",
]
CRYPTO = [
    "가온시가 시청과 가온의료단지를 잇는 양자암호 통신 시범망을 구축한다고 10일 밝혔다.",
    "시범망은 양자통신 기술로 환자 정보를 주고받는 보안을 시험한다.",
    "시는 내년 상반기까지 양자기술 실증을 마치고 다른 공공기관으로 넓힐 계획이다.",
]

MENU = ("<header><nav><ul><li><a href='/'>홈</a></li><li><a href='/list?sc=S1'>정치</a></li>"
        "<li><a href='/list?sc=S2'>경제</a></li><li><a href='/list?sc=S3'>사회</a></li>"
        "<li><a href='/list?sc=S4'>문화</a></li></ul></nav></header>")


def ndsoft_page(outlet, title, byline, paragraphs, related=()):
    """The layout of many regional sites' CMS: a header block, the body as <p>s, related links, footer."""
    body = "".join(f"<p>{(byline + ' ') if k == 0 else ''}{p}</p>\n" for k, p in enumerate(paragraphs))
    links = "".join(f"<li><a href='/news/{n}'>{t}</a></li>" for n, t in enumerate(related, 900))
    return (f"<!DOCTYPE html><html lang='ko'><head><meta charset='utf-8'><title>{title} - {outlet}</title>"
            f"<meta property='og:title' content='{title}'></head><body>{MENU}"
            f"<div class='article-view-header'><h3 class='heading'>{title}</h3>"
            f"<ul class='infomation'><li>입력 2026.12.05 10:20</li></ul></div>"
            f"<article id='article-view-content-div'>\n{body}</article>"
            + (f"<section class='related'><h4>관련기사</h4><ul>{links}</ul></section>" if related else "")
            + f"<footer><p>Copyright © {outlet}. All rights reserved.</p></footer></body></html>")


def table_page(outlet, title, byline, paragraphs):
    """An older layout: tables, the title in <h2>, paragraphs separated by <br><br>."""
    body = "<br><br>\n".join(([byline] if byline else []) + paragraphs)
    return (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'>"
            f"<title>{outlet} :: {title}</title></head><body><table><tr><td>{MENU}</td></tr>"
            f"<tr><td><div id='news_title'><h2>{title}</h2></div><div class='date'>기사입력 2026-12-05 11:02</div>"
            f"<div id='news_body_area'>{body}</div><div class='copy'>무단전재 및 재배포 금지</div></td></tr>"
            f"</table></body></html>")


def itemprop_page(outlet, title, byline, paragraphs):
    """A page with schema.org markup: <h1 itemprop=headline> and the body in itemprop=articleBody."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | {outlet}</title></head><body>{MENU}"
            f"<main><article itemscope itemtype='https://schema.org/NewsArticle'><h1 itemprop='headline'>{title}</h1>"
            f"<div itemprop='articleBody'><p>{byline}</p>{body}</div></article></main>"
            f"<footer>{outlet} | 등록번호 가00000</footer></body></html>")


def rss(items):
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
                      for t, link, d in items)
    return (f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>가온일보</title>"
            f"<link>http://gaon.example/</link><description>가온일보 전체기사</description>{entries}</channel></rss>")


def atom(items):
    entries = "".join(f"<entry><title>{t}</title><link href='{link}'/><id>{link}</id><updated>{d}</updated></entry>"
                      for t, link, d in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>남도뉴스</title>"
            f"<id>urn:namdo</id><updated>2026-12-05T00:00:00Z</updated>{entries}</feed>")


class NewsSite(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[str, bytes]] = {}
    hits: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.hits.append(self.path)
        content_type, body = self.routes.get(self.path, ("text/html; charset=utf-8", "없는 페이지".encode()))
        self.send_response(200 if self.path in self.routes else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture
def site(monkeypatch, tmp_path):
    monkeypatch.setattr(fetch, "TIMEOUT_S", 5.0)  # bounded: a hung test fails within seconds
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)
    server = QuietServer(("127.0.0.1", 0), NewsSite)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    html = "text/html; charset=utf-8"
    NewsSite.hits = []
    NewsSite.routes = {
        "/gaon/1001": (html, ndsoft_page("가온일보", TITLE_A, "(가온=가온일보) 박지훈 기자 =", RELEASE).encode()),
        "/namdo/view.php?idx=77": (html, table_page("남도뉴스", "가온시 중입자 치료센터 건립…2028년 개원 목표",
                                                    "[남도뉴스 김서연 기자]", RELEASE_B).encode()),
        "/daily/articles/5521": (html, itemprop_page("새가온신문", "\"멀리 안 가도 중입자 치료\" 가온시 센터 짓는다",
                                                     "이하늘 기자", RELEASE_C).encode()),
        "/gaon/1002": (html, ndsoft_page("가온일보", "가온시, 양자컴퓨터 교육과정 개설…청년 100명 모집",
                                         "(가온=가온일보) 박지훈 기자 =", QUANTUM).encode()),
        # A festival story whose related-links box names the heavy-ion story: the box is boilerplate.
        "/gaon/1003": (html, ndsoft_page("가온일보", "가온시 봄꽃축제 12일 개막", "(가온=가온일보) 최유나 기자 =",
                                         FESTIVAL, related=[TITLE_A, "가온시, 양자컴퓨터 교육과정 개설"]).encode()),
        "/gaon/1004": (html, ndsoft_page("가온일보", "가온시, 양자암호 통신 시범망 구축",
                                         "(가온=가온일보) 박지훈 기자 =", CRYPTO).encode()),
    }
    NewsSite.routes["/rss.xml"] = ("application/rss+xml; charset=utf-8", rss([
        (TITLE_A, f"{base}/gaon/1001", "Fri, 05 Dec 2026 01:20:00 GMT"),
        ("가온시, 양자컴퓨터 교육과정 개설", f"{base}/gaon/1002", "Mon, 08 Dec 2026 00:10:00 GMT"),
        ("가온시 봄꽃축제 12일 개막", f"{base}/gaon/1003", "Mon, 08 Dec 2026 02:00:00 GMT"),
    ]).encode())
    NewsSite.routes["/atom.xml"] = ("application/atom+xml", atom([
        ("가온시 중입자 치료센터 건립", f"{base}/namdo/view.php?idx=77", "2026-12-05T02:02:00Z"),
        ("기사 삭제됨", f"{base}/namdo/view.php?idx=78", "2026-12-05T03:00:00Z"),  # the page is gone: 404
    ]).encode())
    NewsSite.routes["/broken.xml"] = ("application/xml", b"<?xml version='1.0'?><rss><channel><item><title>\xeb\xb0")
    NewsSite.routes["/empty.xml"] = ("application/rss+xml", rss([]).encode())
    NewsSite.routes["/links.txt"] = ("text/plain; charset=utf-8",
                                     f"# 새가온신문 오늘의 기사\n{base}/daily/articles/5521\n".encode())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def feeds(base):
    return [f"{base}/rss.xml", f"{base}/atom.xml", f"{base}/broken.xml", f"{base}/empty.xml", f"{base}/links.txt"]


class CountingFactory:
    """Hands out one scripted translator; counts how often a model would have been loaded."""

    def __init__(self):
        self.loads = 0
        self.translator = ScriptedTranslator({TITLE_A: "Gaon City to open a heavy-ion therapy centre in 2028",
                                              RELEASE[0]: "Gaon City said on the 5th it will build a heavy-ion "
                                                          "therapy centre, to open in 2028."})

    def __call__(self):
        self.loads += 1
        return self.translator


@pytest.fixture(scope="module")
def shipped():
    return load_glossaries(None)


def run(base, out, shipped, factory=None, **options):
    factory = factory or CountingFactory()
    report = follow(feeds(base), out, shipped, factory, **options)
    return report, json.loads((out / "digest.json").read_text(encoding="utf-8")), factory


def shipped_and(tmp_path, name, ko, en):
    """The shipped glossary and a second file, ``name``, of one term: a user's glossary grown."""
    from briefing.glossary.loading import default_glossary_path

    added = tmp_path / f"{name.replace(' ', '-')}.yaml"
    added.write_text(f"name: {name}\nterms:\n  - ko: {ko}\n    en: {en}\n", encoding="utf-8")
    return load_glossaries([default_glossary_path(), added])


def article_hits(prefixes=("/gaon/", "/namdo/", "/daily/")):
    return sorted(h for h in NewsSite.hits if h.startswith(prefixes))


# --- the feeds ----------------------------------------------------------------------------------------


def test_rss_atom_and_a_list_of_links_give_their_items_and_a_broken_feed_one_line(site):
    assert [i.title for i in read_feed(f"{site}/rss.xml").items] == [
        TITLE_A, "가온시, 양자컴퓨터 교육과정 개설", "가온시 봄꽃축제 12일 개막"]
    atom_items = read_feed(f"{site}/atom.xml").items
    assert [i.link for i in atom_items] == [f"{site}/namdo/view.php?idx=77", f"{site}/namdo/view.php?idx=78"]
    assert atom_items[0].outlet == "남도뉴스" and atom_items[0].published == "2026-12-05T02:02+00:00"
    assert [i.link for i in read_feed(f"{site}/links.txt").items] == [f"{site}/daily/articles/5521"]
    empty = read_feed(f"{site}/empty.xml")
    assert empty.items == () and empty.error is None
    broken = read_feed(f"{site}/broken.xml")
    assert broken.items == ()
    assert broken.error.startswith(f"{site}/broken.xml is not a readable feed (") and "\n" not in broken.error
    # A site's front page is not a feed: refused by its type, in one line.
    page = read_feed(f"{site}/gaon/1001")
    assert page.error == (f"{site}/gaon/1001 is text/html, not a news feed (RSS or Atom) or a list of links; "
                          "pass the feed's address")


def test_a_list_of_links_with_a_line_that_is_not_a_link_names_the_line(tmp_path):
    listed = tmp_path / "links.txt"
    listed.write_text("# 오늘\nhttp://a.example/1\n가온시 기사\n", encoding="utf-8")
    assert read_feed(str(listed)).error == (f"{listed}, line 3: '가온시 기사' is not an http(s) link; "
                                            "a list holds one link a line")


# --- one run, the digest ------------------------------------------------------------------------------


def test_the_press_release_of_three_outlets_is_one_story_briefed_once(site, tmp_path, shipped):
    out = tmp_path / "news"
    out.mkdir()
    report, digest, factory = run(site, out, shipped)
    heavy_ion = digest["stories"][0]
    # One story, every outlet listed with its link and date, the first seen briefed.
    assert heavy_ion["title"] == {"en": "Gaon City to open a heavy-ion therapy centre in 2028", "ko": TITLE_A}
    assert [o["link"] for o in heavy_ion["outlets"]] == [
        f"{site}/gaon/1001", f"{site}/namdo/view.php?idx=77", f"{site}/daily/articles/5521"]
    assert [o["outlet"] for o in heavy_ion["outlets"]] == ["가온일보", "남도뉴스", "127.0.0.1"]
    assert heavy_ion["outlets"][1]["published"] == "2026-12-05T02:02+00:00"
    # The brief's name: the link's last part and a hash of the link (stable from run to run).
    assert re.fullmatch(r"briefs/1001-[0-9a-f]{8}\.md", heavy_ion["brief"]) and (out / heavy_ion["brief"]).is_file()
    assert heavy_ion["summary"][0] == ("Gaon City said on the 5th it will build a heavy-ion therapy centre, "
                                       "to open in 2028.")
    # The number one outlet changed is reported, both sides; the dropped paragraph is not a difference.
    assert heavy_ion["differences"] == [{"kind": "number", "first": ["1,200명"], "other": ["1,300명"],
                                         "link": f"{site}/namdo/view.php?idx=77"}]
    # Two stories briefed (heavy-ion, quantum): the model was loaded once and each story translated once.
    assert factory.loads == 1
    translated = [text for call in factory.translator.calls for text in call]
    assert translated.count(RELEASE[0]) == 1
    assert report.briefed == 2
    assert sorted(p.name for p in (out / "briefs").iterdir()) == sorted(
        f"{Path(s['brief']).stem}{x}" for s in digest["stories"] for x in (".md", ".json"))
    md = (out / "digest.md").read_text(encoding="utf-8")
    assert "## 1. Gaon City to open a heavy-ion therapy centre in 2028" in md
    assert (f"Differs (number): the briefed version says 1,200명; {site}/namdo/view.php?idx=77 says 1,300명"
            in md)


def test_stories_are_ordered_by_score_and_the_rest_listed_in_korean_with_theirs(site, tmp_path, shipped):
    out = tmp_path / "news"
    out.mkdir()
    _, digest, _ = run(site, out, shipped)
    scores = [s["score"] for s in digest["stories"]]
    assert scores == sorted(scores, reverse=True) and all(s >= 3 for s in scores)
    assert [s["title"]["ko"] for s in digest["stories"]] == [TITLE_A, "가온시, 양자컴퓨터 교육과정 개설…청년 100명 모집"]
    # The festival names no glossary term; its related-links box (boilerplate) names two: they count nothing.
    [festival] = digest["below"]
    assert festival["title"]["ko"] == "가온시 봄꽃축제 12일 개막"
    assert festival["score"] == 0 and festival["why"] == "no glossary term"
    assert "| 0 | 가온시 봄꽃축제 12일 개막 |" in (out / "digest.md").read_text(encoding="utf-8")
    # A higher threshold moves the quantum story below it, with its score and its terms.
    again = tmp_path / "strict"
    again.mkdir()
    _, strict, _ = run(site, again, shipped, min_score=digest["stories"][1]["score"] + 0.5)
    assert [s["title"]["ko"] for s in strict["stories"]] == [TITLE_A]
    assert strict["below"][0]["title"]["ko"] == "가온시, 양자컴퓨터 교육과정 개설…청년 100명 모집"
    assert "양자컴퓨터" in strict["below"][0]["why"]


def test_a_failing_link_and_a_broken_feed_are_one_line_each_and_the_run_goes_on(site, tmp_path):
    out = tmp_path / "news"
    result = CliRunner().invoke(cli, ["follow", *feeds(site), "-o", f"{out}/", "--model", "no-such-model", "-q",
                                      "--min-score", "1000"])
    # Exit 4, as a batch with a failed article; nothing was relevant at 1000, so no model was needed.
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {site}/broken.xml is not a readable feed " + warnings[0].split("is not a readable feed ", 1)[1],
        f"warning: {site}/namdo/view.php?idx=78: the server answered 404 Not Found; check the link "
        "(retried on the next run); the run goes on",
    ]
    assert warnings[0].endswith("; the run goes on")
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert digest["failures"] == [{"link": f"{site}/namdo/view.php?idx=78", "feed": f"{site}/atom.xml",
                                   "reason": f"{site}/namdo/view.php?idx=78: the server answered 404 Not Found; "
                                             "check the link", "tries": 1, "given_up": False}]
    assert [f["items"] for f in digest["feeds"]] == [3, 2, 0, 0, 1]
    assert digest["feeds"][2]["error"].startswith(f"{site}/broken.xml is not a readable feed")
    md = (out / "digest.md").read_text(encoding="utf-8")
    assert (f"- {site}/namdo/view.php?idx=78: the server answered 404 Not Found; check the link "
            f"(try 1 of {MAX_TRIES}; retried on the next run)") in md


# --- reruns -------------------------------------------------------------------------------------------


def test_a_rerun_does_no_new_work_and_retries_only_the_failed_link(site, tmp_path, shipped):
    out = tmp_path / "news"
    out.mkdir()
    run(site, out, shipped)
    first = (out / "digest.md").read_text(encoding="utf-8")
    NewsSite.hits = []
    briefs = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "briefs").iterdir()}
    report, digest, factory = run(site, out, shipped)
    assert article_hits() == ["/namdo/view.php?idx=78"]  # the failed one, tried again; nothing else
    # The model is named (to know the briefs are its own), and nothing is translated or written again.
    assert factory.translator.calls == [] and report.briefed == 0
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "briefs").iterdir()} == briefs
    assert digest["failures"][0]["tries"] == 2
    assert (out / "digest.md").read_text(encoding="utf-8") == first.replace("try 1 of 3", "try 2 of 3")
    run(site, out, shipped)
    NewsSite.hits = []
    _, digest, _ = run(site, out, shipped)  # the third failure was the last try
    assert article_hits() == []
    assert digest["failures"][0]["given_up"] is True
    assert "(given up after 3 tries)" in (out / "digest.md").read_text(encoding="utf-8")


def test_a_new_item_in_a_feed_is_the_only_one_processed(site, tmp_path, shipped):
    out = tmp_path / "news"
    out.mkdir()
    run(site, out, shipped)
    route = NewsSite.routes["/rss.xml"]
    NewsSite.routes["/rss.xml"] = (route[0], route[1].replace(
        b"</channel>", f"<item><title>양자암호</title><link>{site}/gaon/1004</link></item></channel>".encode()))
    NewsSite.hits = []
    report, digest, factory = run(site, out, shipped)
    assert article_hits() == ["/gaon/1004", "/namdo/view.php?idx=78"]
    assert factory.loads == 1
    translated = [text for call in factory.translator.calls for text in call]
    assert CRYPTO[0] in translated and RELEASE[0] not in translated and QUANTUM[0] not in translated
    assert report.briefed == 1
    assert "가온시, 양자암호 통신 시범망 구축" in [s["title"]["ko"] for s in digest["stories"]]


def test_the_stories_are_grouped_once_a_run_and_not_again_when_nothing_new_was_read(site, tmp_path, shipped,
                                                                                    monkeypatch):
    # Grouping hashes every text of the state: at 500 items it was most of a rerun with nothing new,
    # done twice a run (scripts/bench_follow.py). It must run once, and not on a rerun that read nothing.
    import briefing.follow.run as follow_run

    texts_grouped = []

    def counting(texts, threshold):
        texts_grouped.append(len(texts))
        return group_texts(texts, threshold)

    monkeypatch.setattr(follow_run, "group_texts", counting)
    out = tmp_path / "news"
    out.mkdir()
    _, first, _ = run(site, out, shipped)
    assert texts_grouped == [5]  # the five pages read; the 404 is not a text
    _, again, _ = run(site, out, shipped)  # the 404 is tried again and fails again: nothing new is read
    assert texts_grouped == [5]
    assert again["stories"] == first["stories"] and again["below"] == first["below"]
    assert [o["link"] for o in again["stories"][0]["outlets"]] == [f"{site}/gaon/1001", f"{site}/namdo/view.php?idx=77",
                                                                  f"{site}/daily/articles/5521"]
    route = NewsSite.routes["/rss.xml"]
    NewsSite.routes["/rss.xml"] = (route[0], route[1].replace(
        b"</channel>", f"<item><title>양자암호</title><link>{site}/gaon/1004</link></item></channel>".encode()))
    _, added, _ = run(site, out, shipped)
    assert texts_grouped == [5, 6]
    assert len(added["stories"]) + len(added["below"]) == len(first["stories"]) + len(first["below"]) + 1
    _, other, _ = run(site, out, shipped, threshold=0.9)  # another threshold groups again
    assert texts_grouped == [5, 6, 6]


def test_an_interrupted_run_resumes_with_nothing_half_written(site, tmp_path, shipped):
    out = tmp_path / "news"
    out.mkdir()

    class Interrupting(CountingFactory):
        def __call__(self):
            translator = super().__call__()
            real = translator.translate

            def translate(texts, progress=None):
                if QUANTUM[0] in texts:
                    raise KeyboardInterrupt  # Ctrl-C during the second story
                return real(texts, progress)

            translator.translate = translate
            return translator

    with pytest.raises(KeyboardInterrupt):
        follow(feeds(site), out, shipped, Interrupting())
    assert not (out / "digest.md").exists()
    assert len(list((out / "briefs").glob("*.json"))) == 1  # the first story, whole
    assert not list(out.rglob("*.tmp"))
    NewsSite.hits = []
    report, digest, factory = run(site, out, shipped)
    assert article_hits() == ["/namdo/view.php?idx=78"]  # every page was recorded before the interruption
    translated = [text for call in factory.translator.calls for text in call]
    assert QUANTUM[0] in translated and RELEASE[0] not in translated
    assert report.briefed == 1 and all(s["brief"] for s in digest["stories"])


def test_a_brief_made_from_the_state_names_its_page_on_every_run(site, tmp_path, shipped):
    # A story is briefed from the text the state kept, not from a second fetch: the brief must still
    # name the page it came from and what the reader set aside there, as a brief of the page does
    # (it said "page": null), and the digest must still link the brief on a rerun.
    out = tmp_path / "news"
    out.mkdir()
    _, digest, _ = run(site, out, shipped)
    brief = out / digest["stories"][0]["brief"]
    page = json.loads(brief.with_suffix(".json").read_text(encoding="utf-8"))["page"]
    assert page["source"] == f"{site}/gaon/1001"
    assert "Copyright © 가온일보. All rights reserved." in page["removed"]  # the footer, set aside
    assert f"web page {site}/gaon/1001: trafilatura" in brief.read_text(encoding="utf-8")
    _, again, _ = run(site, out, shipped)
    assert [s["brief"] for s in again["stories"]] == [s["brief"] for s in digest["stories"]]
    assert f"Full briefing: [{digest['stories'][0]['brief']}]" in (out / "digest.md").read_text(encoding="utf-8")
    assert f'href="{digest["stories"][0]["brief"]}"' in (out / "digest.html").read_text(encoding="utf-8")


def test_a_brief_is_made_again_when_the_glossary_changes_and_the_digest_says_why(site, tmp_path, shipped, caplog):
    # A term added to the glossary changes what a brief checks and repairs: the briefs made with the
    # old glossary are made again, once, and the digest says so; the same glossary again does nothing.
    out = tmp_path / "news"
    out.mkdir()
    run(site, out, shipped)
    # (치료센터 only: 가온시, in every title, would also lift the festival story over the threshold)
    wider = shipped_and(tmp_path, "city names", "치료센터", "Treatment Center")
    NewsSite.hits = []
    with caplog.at_level("INFO", logger="briefing"):
        report, digest, factory = run(site, out, wider)
    assert article_hits() == ["/namdo/view.php?idx=78"]  # made again from the state: no page fetched again
    assert report.briefed == 2 and report.redone == 2
    assert "2 briefs made again (the glossary changed)" in caplog.messages
    translated = [text for call in factory.translator.calls for text in call]
    assert translated.count(RELEASE[0]) == 1 and translated.count(QUANTUM[0]) == 1
    assert [s["made_again"] for s in digest["stories"]] == ["the glossary changed"] * 2
    assert "(made again: the glossary changed)" in (out / "digest.md").read_text(encoding="utf-8")
    assert "(made again: the glossary changed)" in (out / "digest.html").read_text(encoding="utf-8")
    brief = json.loads((out / digest["stories"][0]["brief"]).with_suffix(".json").read_text(encoding="utf-8"))
    assert [g["name"] for g in brief["glossaries"]][-1] == "city names"
    assert brief["page"]["source"] == f"{site}/gaon/1001"  # made from the state, still naming its page
    caplog.clear()
    with caplog.at_level("INFO", logger="briefing"):
        report, again, factory = run(site, out, wider)
    assert factory.translator.calls == [] and report.briefed == 0
    assert not [m for m in caplog.messages if "made again" in m]
    assert again["stories"] == digest["stories"]


def test_a_glossary_with_a_new_term_scores_the_articles_read_before_again(site, tmp_path, shipped, caplog):
    # The festival story names no term of the shipped glossary (score 0, listed below the threshold).
    # A glossary that adds 봄꽃축제 must lift it, on the next run, from the text the state kept: scored
    # again, translated and briefed, with no page fetched again; the same glossary again does nothing.
    out = tmp_path / "news"
    out.mkdir()
    _, digest, _ = run(site, out, shipped)
    assert [b["title"]["ko"] for b in digest["below"]] == ["가온시 봄꽃축제 12일 개막"]
    wider = shipped_and(tmp_path, "festivals", "봄꽃축제", "Spring Flower Festival")
    NewsSite.hits = []
    with caplog.at_level("INFO", logger="briefing"):
        report, digest, factory = run(site, out, wider)
    assert article_hits() == ["/namdo/view.php?idx=78"]  # the link that always fails: nothing else fetched
    assert "5 articles scored again (the glossary changed)" in caplog.messages
    assert digest["below"] == []
    festival = [s for s in digest["stories"] if s["title"]["ko"] == "가온시 봄꽃축제 12일 개막"]
    assert len(festival) == 1 and festival[0]["score"] >= 3 and "봄꽃축제" in festival[0]["why"]
    assert FESTIVAL[0] in [text for call in factory.translator.calls for text in call]
    caplog.clear()
    with caplog.at_level("INFO", logger="briefing"):
        _, again, factory = run(site, out, wider)
    assert not [m for m in caplog.messages if "scored again" in m] and factory.translator.calls == []
    assert again["stories"] == digest["stories"]


def test_a_brief_is_made_again_for_another_model_or_option_and_only_that_one(site, tmp_path, shipped, caplog):
    out = tmp_path / "news"
    out.mkdir()
    run(site, out, shipped)
    other = CountingFactory()
    other.translator.model = "another-model"
    with caplog.at_level("INFO", logger="briefing"):
        report, digest, _ = run(site, out, shipped, factory=other)
    assert report.redone == 2 and "2 briefs made again (the model changed)" in caplog.messages
    caplog.clear()
    with caplog.at_level("INFO", logger="briefing"):
        report, digest, _ = run(site, out, shipped, factory=other, bullets=1)
    assert report.redone == 2 and "2 briefs made again (--bullets changed)" in caplog.messages
    assert all(len(s["summary"]) <= 3 for s in digest["stories"])
    # A new story alone is briefed for the first time: nothing else is made again.
    route = NewsSite.routes["/rss.xml"]
    NewsSite.routes["/rss.xml"] = (route[0], route[1].replace(
        b"</channel>", f"<item><title>양자암호</title><link>{site}/gaon/1004</link></item></channel>".encode()))
    report, digest, factory = run(site, out, shipped, factory=other, bullets=1)
    assert report.briefed == 1 and report.redone == 0
    by_title = {s["title"]["ko"]: s["made_again"] for s in digest["stories"]}
    assert by_title["가온시, 양자암호 통신 시범망 구축"] is None
    assert by_title[TITLE_A] == "--bullets changed"  # the last reason stays with the brief it made


def test_a_brief_that_fails_to_be_made_again_keeps_the_old_one_and_is_listed(site, tmp_path, shipped):
    from briefing.errors import BriefingError

    out = tmp_path / "news"
    out.mkdir()
    _, first, _ = run(site, out, shipped)

    class Failing(CountingFactory):
        def __call__(self):
            translator = super().__call__()
            translator.model = "another-model"

            def translate(texts, progress=None):
                if QUANTUM[0] in texts:
                    raise BriefingError("the model ran out of memory")  # this story's own failure
                return ScriptedTranslator.translate(translator, texts, progress)

            translator.translate = translate
            return translator

    report, digest, _ = run(site, out, shipped, factory=Failing())
    assert report.briefed == 1 and report.redone == 1
    quantum = digest["stories"][1]
    assert quantum["summary"] == first["stories"][1]["summary"] and quantum["brief"] == first["stories"][1]["brief"]
    assert quantum["made_again"] is None
    assert [f["reason"] for f in digest["failures"] if f["tries"] is None] == ["the model ran out of memory"]


def test_a_state_from_before_producers_were_kept_is_opened_and_its_briefs_made_again(site, tmp_path, shipped):
    # A folder followed by the first version of follow: its table has no producer column.
    import sqlite3

    out = tmp_path / "news"
    out.mkdir()
    run(site, out, shipped)
    with sqlite3.connect(out / "follow.sqlite") as db:
        db.execute("ALTER TABLE items DROP COLUMN producer")
        db.execute("ALTER TABLE items DROP COLUMN redone")
    report, digest, _ = run(site, out, shipped)
    assert report.redone == 2
    assert digest["stories"][0]["made_again"] == "what made the earlier brief was not recorded"
    report, _, _ = run(site, out, shipped)
    assert report.briefed == 0


# --- the grouping and its differences, alone -------------------------------------------------------


def test_two_stories_about_the_same_city_are_not_grouped():
    texts = [" ".join(RELEASE), " ".join(QUANTUM), " ".join(FESTIVAL), " ".join(RELEASE_C), " ".join(CRYPTO)]
    assert group_texts(texts) == [[0, 3], [1], [2], [4]]


def test_numbers_keep_their_unit_so_three_people_and_three_days_differ():
    assert numbers("참가자 3명이 3일 동안 1,950억원을 썼다") == {"3명", "3일", "1,950억원"}
    found = differences("한도윤 가온시장은 3일 말했다", "한도준 가온시장은 3일 말했다", "http://b.example/1")
    assert [(d.kind, d.first, d.other) for d in found] == [("name", ("한도윤",), ("한도준",))]


def test_the_command_briefs_the_relevant_stories_with_the_model_and_says_so(site, tmp_path, tiny_model_dir):
    # The command's own path: the model options, the brief files, the summary line, exit 4 for the 404.
    out = tmp_path / "news"
    result = CliRunner().invoke(cli, ["follow", *feeds(site), "-o", f"{out}/", "--model", str(tiny_model_dir)])
    assert result.exit_code == 4, result.output
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert len(digest["stories"]) == 2 and all((out / s["brief"]).is_file() for s in digest["stories"])
    assert (f"6 new items fetched, 2 stories briefed, 2 failed; 2 stories at or above 3, 1 below; "
            f"digest: {out / 'digest.md'}") in result.stderr
    # With the bars drawing (no -q), each failure is still said once.
    assert result.stderr.count("namdo/view.php?idx=78: the server answered 404 Not Found") == 1
    again = CliRunner().invoke(cli, ["follow", *feeds(site), "-o", f"{out}/", "--model", str(tiny_model_dir)])
    assert again.exit_code == 4, again.output  # the 404, tried again
    assert "1 new items fetched, 0 stories briefed, 2 failed;" in again.stderr
    assert json.loads((out / "digest.json").read_text(encoding="utf-8"))["stories"] == digest["stories"]
    # Another model would make the briefs again: one that is not there is the model's own one line.
    gone = CliRunner().invoke(cli, ["follow", *feeds(site), "-o", f"{out}/", "--model", str(tmp_path / "gone"), "-q"])
    assert gone.exit_code == 2 and "Traceback" not in gone.output
    assert gone.output.splitlines()[-1].startswith(f"Error: model directory {tmp_path / 'gone'} does not exist")


# --- the stories on Ray ----------------------------------------------------------------------------


def test_on_a_local_ray_the_stories_get_the_same_briefs_and_digest(site, tmp_path, tiny_model_dir, monkeypatch):
    # --ray hands the relevant stories to run --ray's own path; relevance, grouping, the state and the
    # digest stay here, so the folder it writes is the one a run without Ray writes.
    pytest.importorskip("ray", reason='the Ray extra is not installed (pip install -e ".[ray]")')
    common = ("--model", str(tiny_model_dir), "--threads", "1", "-q")
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    assert CliRunner().invoke(cli, ["follow", *feeds(site), "-o", f"{local}/", *common]).exit_code == 4
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "fresh-cache"))  # the actor translates itself
    result = CliRunner().invoke(cli, ["follow", *feeds(site), "-o", f"{on_ray}/", *common, "--ray",
                                      "--ray-actors", "1"])
    assert result.exit_code == 4, result.output  # the 404 and the broken feed, as without Ray
    assert (on_ray / "digest.json").read_text(encoding="utf-8") == (local / "digest.json").read_text(encoding="utf-8")
    assert (on_ray / "digest.md").read_text(encoding="utf-8") == (local / "digest.md").read_text(encoding="utf-8")
    names = sorted(p.name for p in (local / "briefs").iterdir())
    assert sorted(p.name for p in (on_ray / "briefs").iterdir()) == names  # no batch index left among them
    for name in names:
        if name.endswith(".md"):
            assert (on_ray / "briefs" / name).read_text(encoding="utf-8") == (
                local / "briefs" / name).read_text(encoding="utf-8")
    from briefing.backends.cache import cache_info

    assert cache_info().entries > 0  # the segments went through the actor's translator
    # The briefs made on Ray are the same model's: a rerun without Ray has nothing to make again.
    again = CliRunner().invoke(cli, ["follow", *feeds(site), "-o", f"{on_ray}/", "--model", str(tiny_model_dir),
                                     "--threads", "1"])
    assert "0 stories briefed, 2 failed;" in again.stderr and "made again" not in again.stderr


def test_ray_without_the_extra_names_the_install_command_and_briefs_nothing(site, tmp_path, tiny_model_dir,
                                                                            monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    out = tmp_path / "news"
    result = CliRunner().invoke(cli, ["follow", *feeds(site), "-o", f"{out}/", "--model", str(tiny_model_dir),
                                      "-q", "--ray"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.splitlines()[-1] == 'Error: --ray needs the Ray extra; run: pip install -e ".[ray]"'
    assert list((out / "briefs").iterdir()) == []


def test_ray_before_the_feeds_would_take_a_feed_for_the_address(site, tmp_path):
    result = CliRunner().invoke(cli, ["follow", "--ray", f"{site}/rss.xml", "-o", f"{tmp_path}/news/"])
    assert result.exit_code == 2
    assert result.output.strip() == (f"Error: --ray {site}/rss.xml: not a Ray address (auto, HOST:PORT or "
                                     "ray://HOST:PORT); put --ray after the articles, or write --ray=ADDRESS")
    assert NewsSite.hits == []  # refused before any feed is read


# --- the digest page ----------------------------------------------------------------------------------


def test_the_digest_page_escapes_every_text_and_links_only_http():
    from briefing.follow.digest import digest_html

    hostile = "<script>alert(1)</script>"
    outlet = {"outlet": hostile, "link": "javascript:alert(1)", "published": None, "title_ko": hostile}
    story = {"title": {"en": hostile, "ko": hostile}, "score": 5, "why": hostile, "outlets": [outlet],
             "differences": [{"kind": "number", "first": [hostile], "other": ["1"], "link": "javascript:x"}],
             "summary": [hostile], "brief": "briefs/a\".md", "made_again": hostile, "findings": []}
    page = digest_html({"min_score": 3, "threshold": 0.3, "stories": [story], "below": [dict(story, score=1)],
                        "failures": [{"link": "javascript:y", "feed": "f", "reason": hostile, "tries": 1,
                                      "given_up": False}], "feeds": []})
    assert "<script" not in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="briefs/a&quot;.md"' in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="no chromium/chromedriver installed")
@pytest.mark.parametrize("width", [400, 1400])
def test_the_digest_page_reads_at_phone_and_desktop_width_and_loads_nothing(site, tmp_path, shipped, width):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    out = tmp_path / "news"
    out.mkdir()
    run(site, out, shipped)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        browser.set_window_size(width, 1000)
        browser.get((out / "digest.html").as_uri())
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width  # no sideways scroll
        assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
        stories = browser.find_elements("css selector", "section.story h2")
        assert [s.text for s in stories] == ["1. Gaon City to open a heavy-ion therapy centre in 2028",
                                             f"2. [untranslated: {'가온시, 양자컴퓨터 교육과정 개설…청년 100명 모집'}]"]
        outlets = browser.find_elements("css selector", "#story-1 .outlets a")
        assert [a.get_attribute("href") for a in outlets] == [
            f"{site}/gaon/1001", f"{site}/namdo/view.php?idx=77", f"{site}/daily/articles/5521"]
        assert "1,300명" in browser.find_element("css selector", "#story-1 .differs").text
        assert browser.find_element("css selector", "table td.ko").text == "가온시 봄꽃축제 12일 개막"
        shot = os.environ.get("BRIEFING_DIGEST_SHOTS")  # set to a folder to refresh docs/digest-*.png
        if shot:  # the whole page, down to the failures: the window grows to the page's height (capped)
            page_height = browser.execute_script("return document.documentElement.scrollHeight")
            chrome_height = 1000 - browser.execute_script("return window.innerHeight")
            browser.set_window_size(width, min(page_height, 2400) + chrome_height)
            browser.save_screenshot(str(Path(shot) / f"digest-{width}.png"))
    finally:
        browser.quit()


def test_an_output_that_is_a_file_or_has_no_parent_is_one_line_and_exit_2(tmp_path):
    listed = tmp_path / "links.txt"
    listed.write_text("http://127.0.0.1:9/a\n", encoding="utf-8")
    taken = tmp_path / "digest.md"
    taken.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["follow", str(listed), "-o", str(taken), "-q"])
    assert (result.exit_code, result.output) == (2, f"Error: {taken} is a file; follow writes into a folder "
                                                    "(give -o DIR/)\n")
    assert taken.read_text(encoding="utf-8") == "mine\n"
    result = CliRunner().invoke(cli, ["follow", str(listed), "-o", f"{tmp_path}/no/such/", "-q"])
    assert (result.exit_code, result.output) == (2, f"Error: output folder {tmp_path}/no does not exist; "
                                                    "create it first\n")
