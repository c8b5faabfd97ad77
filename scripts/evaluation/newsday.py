"""A day of news for ``scripts/bench_follow.py``: an RSS feed of many items and their pages, served from
127.0.0.1 by a thread of the benchmark's own process.

The pages are built at run time from the sentences of real captures (``../shared/data/articles-dev``),
never stored: the development corpus holds 76 articles, and a day holds hundreds of stories, so each
distinct story is a mosaic of sentences taken in turn from one shuffled pool of every capture's
content sentences (``story_sentences``). Two stories of one pass through the pool share no sentence,
and stories of different passes share a sentence by chance, far below the grouping threshold: they are
different stories to ``follow``, as a day's stories are. Some stories are carried by several outlets,
edited as outlets edit a press release (``evaluation.following.EDITS``: sentences reordered, a
paragraph dropped, the byline changed), each under its own headline; a few are made relevant by a
headline and a lead written here about the glossary's field; a few items fail (a link the server
answers 404, a page with no Korean text).

What it does not imitate: many outlets' feeds (one feed carries every item), slow servers, or the
repetitions of real news (a day's stock phrases, a column's standing introduction). And the pool is
small (418 sentences from the 76 captures): the more items, the more sentences two mosaics share, so
grouping finds more candidate pairs per text (9 at 500 items, 39 at 2,000) and, from about 1,000
items, a few mosaics share enough to be one story; ``bench_follow``'s checks then say so.
"""

from __future__ import annotations

import html
import http.server
import random
import re
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Sequence

from evaluation.following import EDITS, PARAGRAPH_CHARS, paragraphs

#: A sentence end of Korean news (…했다. …니다. …까?) followed by space: where a paragraph is cut.
SENTENCE_END = re.compile(r"(?<=[다요까죠]\.)\s+")
#: A sentence shorter than this is a fragment (a caption, a credit), not a sentence of a story.
MIN_SENTENCE_CHARS = 20
#: A sentence of a story begins with Hangul, a digit or a quotation mark, not a marker (▲, •, ■) or a credit.
HANGUL = re.compile(r"[가-힣0-9\"'“‘]")
#: Sentences two distinct stories may share (a mosaic of about 12: a Jaccard well under 0.3).
MAX_SHARED = 2
#: Sentences per paragraph and paragraphs per story: a regional story of 8 to 15 sentences.
PARAGRAPH_SENTENCES = (2, 3)
STORY_PARAGRAPHS = (4, 5)
OUTLETS = ("가온일보", "남도뉴스", "새가온신문", "한빛타임즈", "들녘방송", "누리경제", "바다신문")
REPORTERS = ("박지훈", "김서연", "이하늘", "최유나", "정도현", "한소망", "오세린")

#: Headlines and leads of the relevant stories, written for the benchmark (not taken from any capture):
#: each names glossary terms in its headline and lead, so it scores well above the rest of the day.
RELEVANT = (
    ("가온시, 중입자 치료센터 건립 업무협약 체결",
     "가온시가 지역 대학병원과 중입자 치료센터 건립을 위한 업무협약을 맺었다고 밝혔다. "
     "시는 중입자가속기 도입과 함께 양자기술 기업 유치에도 나설 계획이다."),
    ("양자컴퓨터 연구소 유치 나선 가온시…양자기술 인재 키운다",
     "가온시가 양자컴퓨터 연구소 유치를 위해 카이스트와 업무협약을 체결했다고 밝혔다. "
     "협약에 따라 양자컴퓨팅 교육과정과 양자암호 실증 사업이 함께 추진된다."),
    ("남도시, 자매도시와 양자통신 시범망 구축 업무협약",
     "남도시가 자매도시와 양자통신 시범망을 함께 구축하는 업무협약을 맺었다고 밝혔다. "
     "두 도시는 양자암호 기술을 행정망에 적용하는 실증을 벌인다."),
    ("가온의료원, 중입자 치료 첫 환자 맞아…탄소이온 치료 시작",
     "가온의료원이 중입자 치료센터에서 첫 환자의 탄소이온 치료를 시작했다고 밝혔다. "
     "의료원은 방사선 치료보다 치료 기간이 짧은 중입자 치료를 연 500명에게 제공할 계획이다."),
    ("가온시, 양자산업 육성 위해 퀀텀시티 조성 업무협약",
     "가온시가 양자산업 육성을 위한 퀀텀시티 조성 업무협약을 정부출연연구기관과 체결했다고 밝혔다. "
     "시는 양자센서와 양자컴퓨팅 기업을 단지에 모을 계획이다."),
)


@dataclass(frozen=True)
class Item:
    """One feed item and its page: ``story`` is the story it tells (its versions share it; None for an
    item that fails), ``kind`` how it was made."""

    path: str  # the page's path on the server, e.g. /n3/20261207/1234
    title: str
    outlet: str
    published: str  # RFC 822, as RSS writes it
    story: int | None
    kind: str  # distinct | relevant | reordered | dropped | byline | missing | no-korean
    paragraphs: tuple[str, ...] = ()
    byline: str = ""


def capture_sentences(captures: Sequence[tuple[str, dict]]) -> list[str]:
    """The content sentences of the captures, each once: paragraphs long enough not to be a menu or a
    caption (``evaluation.following.paragraphs``) and not annotated as the page's title, a heading or
    boilerplate (``NAME.expected.json``), cut at sentence ends; a sentence that opens a quotation it
    does not close (the cut fell inside a quote) is left out, as are fragments."""
    seen: dict[str, None] = {}
    for text, expected in captures:
        skip = {line.strip() for line in expected.get("boilerplate", []) + expected.get("headings", [])}
        skip |= {line.strip() for key in ("title", "subtitle") for line in (expected.get(key) or "").split("\n")}
        lines = text.split("\n")
        for i in paragraphs(lines):
            if lines[i].strip() in skip:
                continue
            for sentence in SENTENCE_END.split(lines[i].strip()):
                sentence = sentence.strip()
                if len(sentence) >= MIN_SENTENCE_CHARS and HANGUL.match(sentence) and balanced(sentence):
                    seen.setdefault(sentence, None)
    return list(seen)


def balanced(sentence: str) -> bool:
    return (sentence.count('"') % 2 == 0 and sentence.count("'") % 2 == 0
            and sentence.count("“") == sentence.count("”") and sentence.count("‘") == sentence.count("’")
            and sentence.count("(") == sentence.count(")"))


def story_sentences(pool: Sequence[str], rng: random.Random) -> Iterator[list[str]]:
    """Each story's paragraphs, one after the other, from the pool shuffled anew each time it runs out.
    A story that would share more than ``MAX_SHARED`` sentences with an earlier one is drawn again:
    by chance, two mosaics of a day can share enough to be one story to ``follow``."""
    order: list[str] = []
    stories_of: dict[str, list[int]] = {}
    made = 0
    while True:
        paragraphs_of_story = []
        for _ in range(rng.randint(*STORY_PARAGRAPHS)):
            count = rng.randint(*PARAGRAPH_SENTENCES)
            while len(order) < count:
                order += rng.sample(list(pool), len(pool))
            paragraphs_of_story.append(" ".join(order[:count]))
            del order[:count]
        sentences = [s for p in paragraphs_of_story for s in SENTENCE_END.split(p)]
        shared: dict[int, int] = {}
        for sentence in set(sentences):
            for other in stories_of.get(sentence, ()):
                shared[other] = shared.get(other, 0) + 1
        if shared and max(shared.values()) > MAX_SHARED:
            continue
        for sentence in set(sentences):
            stories_of.setdefault(sentence, []).append(made)
        made += 1
        yield paragraphs_of_story


def headline(paragraphs_of_story: Sequence[str]) -> str:
    """A headline from the lead: its first words, up to about 30 characters."""
    words, out = paragraphs_of_story[0].split(), []
    for word in words:
        if len(" ".join(out + [word])) > 30:
            break
        out.append(word)
    return " ".join(out or words[:1])


def published(minute: int) -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(1_796_601_600 + 60 * minute))  # 2026-12-07


@dataclass
class Day:
    """The items of a day, and what the benchmark knows of them to check ``follow``'s work."""

    items: list[Item] = field(default_factory=list)
    next_story: int = 0
    stories: Iterator[list[str]] | None = None
    rng: random.Random = field(default_factory=random.Random)

    def story_count(self) -> int:
        return len({i.story for i in self.items if i.story is not None})

    def carried(self) -> int:
        """How many stories are carried by more than one outlet."""
        count: dict[int, int] = {}
        for item in self.items:
            if item.story is not None:
                count[item.story] = count.get(item.story, 0) + 1
        return sum(1 for c in count.values() if c > 1)

    def failing(self) -> list[Item]:
        return [i for i in self.items if i.story is None]


def make_day(pool: Sequence[str], count: int, *, relevant: int = 3, copies_every: int = 6, seed: int = 26) -> Day:
    """``count`` items in feed order: distinct stories; every ``copies_every``-th story carried again by
    one to three other outlets, edited; ``relevant`` stories (at most ``len(RELEVANT)``) about the
    glossary's field, each carried by two outlets; one item in a hundred (at least two) failing, half
    404 and half a page with no Korean text."""
    rng = random.Random(seed)
    day = Day(stories=story_sentences(pool, rng), rng=rng)
    failing = max(2, count // 100)
    relevant = min(relevant, len(RELEVANT))
    made: list[Item] = []
    for k in range(failing):
        kind = "missing" if k % 2 == 0 else "no-korean"
        made.append(Item(f"/n{k % 7}/gone/{k}" if kind == "missing" else f"/n{k % 7}/en/{k}",
                         "Deleted article" if kind == "missing" else "City council meets on budget",
                         OUTLETS[k % len(OUTLETS)], "", None, kind,
                         ("The city council met on Monday to discuss next year's budget.",
                          "No decision was taken; the council meets again next week.")))
    for k in range(relevant):
        title, lead = RELEVANT[k]
        original = new_story(day, title=title, lead=lead)
        made += [original, edited(original, "byline", 1)]
    while len(made) < count:
        original = new_story(day)
        made.append(original)
        if original.story % copies_every == 0:
            for n in range(1 + (original.story // copies_every) % 3):
                if len(made) < count:
                    made.append(edited(original, tuple(EDITS)[n % len(EDITS)], n + 1))
    rng.shuffle(made)
    day.items = [replace(item, published=published(480 + 2 * n)) for n, item in enumerate(made)]
    day.items.reverse()  # a feed lists its newest item first
    return day


def new_story(day: Day, title: str | None = None, lead: str | None = None) -> Item:
    story = day.next_story
    day.next_story += 1
    body = next(day.stories)
    if lead:
        body = [lead] + body[1:]
    outlet = OUTLETS[story % len(OUTLETS)]
    return Item(f"/n{story % len(OUTLETS)}/{20261207}/{story}", title or headline(body), outlet, "", story,
                "relevant" if lead else "distinct", tuple(body),
                f"({outlet}) {REPORTERS[story % len(REPORTERS)]} 기자")


def edited(original: Item, edit: str, n: int) -> Item:
    """Another outlet's version of ``original``: the text edited (``EDITS``), its own headline and byline."""
    text = "\n".join([original.byline, *original.paragraphs])
    lines = [line for line in EDITS[edit](text).split("\n") if line.strip()]
    byline_line = next((line for line in lines if "기자" in line and len(line) < PARAGRAPH_CHARS), "")
    body = tuple(line for line in lines if line != byline_line)
    outlet = OUTLETS[(original.story + n) % len(OUTLETS)]
    return Item(f"/n{(original.story + n) % len(OUTLETS)}/{20261207}/{original.story}-{n}",
                f"[{outlet}] {original.title}", outlet, "", original.story, edit, body, byline_line)


def add_new(day: Day, count: int) -> list[Item]:
    """``count`` new distinct stories at the top of the feed, as the next hour brings them."""
    start = 480 + 2 * len(day.items)
    new = [replace(new_story(day), published=published(start + 2 * n)) for n in range(count)]
    day.items = list(reversed(new)) + day.items
    return new


# ------------------------------------------------------------------------------- pages and the feed


def page(item: Item) -> str:
    """A regional site's article page (the layout of the tests' ndsoft CMS): a menu, the headline, the
    time, the byline and paragraphs, a related-links box, the copyright line."""
    e = html.escape
    body = "".join(f"<p>{e(p)}</p>\n" for p in item.paragraphs)
    return (f"<!DOCTYPE html><html lang='ko'><head><meta charset='utf-8'><title>{e(item.title)} - {e(item.outlet)}"
            f"</title><meta property='og:title' content='{e(item.title, quote=True)}'></head><body>"
            "<header><nav><ul><li><a href='/'>홈</a></li><li><a href='/list?sc=S1'>정치</a></li>"
            "<li><a href='/list?sc=S2'>경제</a></li><li><a href='/list?sc=S3'>사회</a></li></ul></nav></header>"
            f"<div class='article-view-header'><h3 class='heading'>{e(item.title)}</h3>"
            f"<ul class='infomation'><li>입력 2026.12.07 09:00</li></ul></div>"
            f"<article id='article-view-content-div'>\n<p>{e(item.byline)}</p>\n{body}</article>"
            "<section class='related'><h4>관련기사</h4><ul><li><a href='/news/1'>오늘의 날씨</a></li></ul></section>"
            f"<footer><p>Copyright © {e(item.outlet)}. All rights reserved.</p></footer></body></html>")


def rss(items: Sequence[Item], base: str) -> str:
    e = html.escape
    entries = "".join(f"<item><title>{e(i.title)}</title><link>{base}{e(i.path)}</link>"
                      f"<pubDate>{i.published}</pubDate></item>" for i in items)
    return ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>가온 지역뉴스 모음</title>"
            f"<link>{base}/</link><description>오늘의 지역 기사</description>{entries}</channel></rss>")


class NewsServer:
    """The day's feed and pages on 127.0.0.1, in a thread; every request is kept with its time, so that
    the benchmark sees what a run fetched and when (``page_hits``)."""

    FEED = "/rss.xml"

    def __init__(self, day: Day):
        self.day = day
        self.hits: list[tuple[float, str]] = []
        self.routes: dict[str, tuple[str, bytes]] = {}
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.hits.append((time.perf_counter(), self.path))
                found = server.routes.get(self.path)
                content_type, body = found or ("text/html; charset=utf-8", "없는 페이지".encode())
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.http.server_address[1]}"
        self.publish()
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)

    def publish(self) -> None:
        """Serve the day's items as they are now (after ``add_new``, the new ones too)."""
        for item in self.day.items:
            if item.kind != "missing":
                self.routes[item.path] = ("text/html; charset=utf-8", page(item).encode("utf-8"))
        self.routes[self.FEED] = ("application/rss+xml; charset=utf-8", rss(self.day.items, self.base).encode("utf-8"))

    @property
    def feed(self) -> str:
        return self.base + self.FEED

    def page_hits(self, since: int = 0) -> list[tuple[float, str]]:
        return [hit for hit in self.hits[since:] if hit[1] != self.FEED]

    def __enter__(self) -> NewsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.http.shutdown()
        self.http.server_close()


def read_captures(folder: Path) -> list[tuple[str, dict]]:
    """Each capture's text and its annotation (``NAME.expected.json``; empty when there is none)."""
    import json

    from briefing.reader.source import decode_bytes

    out = []
    for path in sorted(Path(folder).glob("*.txt")):
        expected = path.with_suffix(".expected.json")
        out.append((decode_bytes(path.read_bytes(), str(path)),
                    json.loads(expected.read_text(encoding="utf-8")) if expected.is_file() else {}))
    return out
