"""The line labeller: each line of a capture, seen in its context, labelled title, subtitle, heading,
boilerplate or body by a small multinomial logistic regression shipped as ``data/line_model.json``.

Why learned, not more rules: the same shape means different things on different sites (a bracketed
``[앵커]`` is a section marker on one, a speaker label on another; ``입력`` opens a timestamp on one
and a sentence on another), and a rule tuned to a dozen articles breaks on the next site. What
separates the parts is a mix of weak signals: length, a sentence-final ending, digits and dates,
e-mail or URL, menu and share words, repetition (a sticky header repeats the headline), the
position relative to the body (chrome sits before its first sentence and after its last), and what
the hand-written rules in ``article.py`` and ``chrome.py`` say about the line and its neighbours.
The model weighs them; it was fitted by ``scripts/train_lines.py`` on hand-annotated real
captures (``../shared/data/articles-dev``) and on this repository's own test articles, and its
figure that counts is cross-validated with folds by site (README, "Reading articles").

The features are plain strings with a value; the model file maps each to one weight per label, so
inference is a sparse dot product and a softmax: no numerical library is loaded.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

from .chrome import _EMAIL
from .chrome import _QA as _CHROME_QA

LABELS = ("title", "subtitle", "heading", "boilerplate", "body")


@dataclass(frozen=True)
class LineView:
    """What the labeller sees of one non-blank line: its text and what the rules said about it."""

    ko: str
    line: int  # physical line number (blank lines count), to see gaps
    rule: str  # the rules' reading: title, subtitle, heading, body or a boilerplate kind
    prose: bool  # too long for a headline, or ends like a Korean sentence
    marker: str | None  # the character class that opens it, see ``rows._marker``
    first_tag: str = "none"  # kiwipiepy's tag of the first and last morpheme, punctuation aside
    last_tag: str = "none"
    grammatical: float = 0.0  # share of morphemes that are particles or endings
    finals: int = 0  # sentence-final endings (EF)


_DA_END = re.compile(r"[\uac00-\ud7a3](?:다|요|죠|까)[.!?]?\s*[\"'”’」』)\]]*$")
_STOP_END = re.compile(r"[.!?。…]\s*[\"'”’」』)\]]*$")
_QUESTION = re.compile(r"\?\s*[\"'”’」』)\]]*$")
_DATE = re.compile(r"\d{4}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_URL = re.compile(r"https?://|www\.|\.(?:com|co\.kr|kr|net)\b", re.I)
_REPORTER = re.compile(r"(?:기자|특파원|앵커|PD|리포터|통신원)(?:$|[\s\],.)/】>·=]|입니다|가\s|는\s)")
# chrome's interview turn (Q. …, 답: …), or an answer led by a dash
_QA = re.compile(_CHROME_QA.pattern + r"|^-\s*[^\s]")
_NUMBERED = re.compile(r"^\d{1,2}\s*[.)]\s*")
_ORDINAL_KEY = re.compile(r"^(?:첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?번째")
_CLOSE_BRACKET = re.compile(r"[\]】>〉》」▶]\s*$")
_SEPARATORS = re.compile(r"[|·>›»/]")
_BRACKET_LABEL = re.compile(r"^[\[【<〈{(◀]\s*[^\]】>〉}\)▶]{1,12}\s*[\]】>〉}\)▶:]?$")
# An interviewer's question, with or without its mark: "…평가를 내린다면?", "Q. 비용은.", "…있나요".
_ASKS = re.compile(r"(?:\?|[나까니지]요?|[은는]\.|다면|라면|는지|할까|인가|인가요|습니까|ㅂ니까)\s*[\"'”’」』)\]]*\s*[.)]?$")
# A page speaking to its reader: honorific requests and offers (확인하세요, 남기실 수 있습니다,
# 만나보세요, 권장합니다). News sentences report in the plain -다 style; broadcast scripts in -습니다,
# but they do not ask the viewer to do things.
_ADDRESSES_READER = re.compile(r"(?:하|보|주|받|누르|확인하|이용하|참고하)?(?:세요|십시오|시면|실\s?수|시기\s?바랍니다)|권장합니다|바랍니다")
_POLITE_END = re.compile(r"(?:니다|세요|까요|에요|예요)[.!?]?\s*[\"'”’」』)\]]*$")
_NAME_ROLE = re.compile(r"[\uac00-\ud7a3]{2,4}\s*/\s*\S")
# The vocabulary of a web page's own interface, in any site's wording: reading aloud, font size,
# comments, subscriptions, log-in, sharing, apps, QR codes. Story sentences rarely use two of them.
_UI_WORDS = re.compile(
    r"기사|댓글|구독|글자\s?크기|글씨|로그인|계정|음성|재생|읽어\s?(?:주|드)|누리집|홈페이지|QR|본문|바로\s?가기|"
    r"제보|언론사|채널|앱|공유|스크랩|클릭|보기|이동|브라우저|메뉴|검색|광고|알림|설정|변경|인쇄|"
    r"저작권|무단|배포|뉴스레터|팔로우|좋아요|추천|페이지|URL|링크|다운로드|회원|무료|신청|로고|스크립트", re.I)
_TOKEN = re.compile(r"[\uac00-\ud7a3A-Za-z]+")
#: Lines this short contribute their words as features: the vocabulary of site chrome (구독, 댓글,
#: 글자크기, 공유) is shared across sites, the vocabulary of stories is not.
TOKEN_LINE_MAX = 30


_PATTERNS = (
    ("qa", re.compile(r"^(?:Q|A|문|답)\s*\d{0,2}\s*[.:：)>=]")),
    ("dash", re.compile(r"^[-―—–]\s*\S")),
    ("number", re.compile(r"^\d{1,2}\s*[.)]")),
    ("ordinal", _ORDINAL_KEY),
    ("bracket", re.compile(r"^[\[【<〈{(◀《]")),
)


def pattern(s: str) -> str:
    """How a line opens, in classes that recur across sites: Q./A., a dash, 1., 첫 번째, a bracket,
    or the marker character itself (◇, ■, ▲…)."""
    for name, regex in _PATTERNS:
        if regex.match(s):
            return name
    return s[0] if not s[0].isalnum() else "plain"


def _bucket(n: float, edges: Sequence[float]) -> int:
    for i, edge in enumerate(edges):
        if n <= edge:
            return i
    return len(edges)


def _shape(view: LineView) -> dict[str, float]:
    """Features of the line alone."""
    s = view.ko
    n = len(s)
    letters = sum(ch.isalpha() for ch in s) or 1
    hangul = sum("\uac00" <= ch <= "\ud7a3" for ch in s)
    f = {
        f"len={_bucket(n, (4, 8, 14, 22, 32, 45, 60, 90, 140, 220))}": 1.0,
        f"words={_bucket(len(s.split()), (1, 2, 3, 5, 8, 12, 20))}": 1.0,
        f"rule={view.rule}": 1.0,
        f"marker={view.marker}": 1.0,
        "hangul_share": hangul / letters,
        "latin_share": sum(ch.isascii() and ch.isalpha() for ch in s) / letters,
        "digit_share": sum(ch.isdigit() for ch in s) / n,
        "punct_share": sum(not ch.isalnum() and not ch.isspace() for ch in s) / n,
    }
    for name, on in (
        ("prose", view.prose), ("ends_da", _DA_END.search(s)), ("ends_stop", _STOP_END.search(s)),
        ("ends_question", _QUESTION.search(s)), ("date", _DATE.search(s)), ("time", _TIME.search(s)),
        ("email", _EMAIL.search(s)), ("url", _URL.search(s)), ("reporter", _REPORTER.search(s)),
        ("qa", _QA.match(s)), ("numbered", _NUMBERED.match(s)), ("ordinal_key", _ORDINAL_KEY.match(s)),
        ("close_bracket", _CLOSE_BRACKET.search(s)), ("separators", len(_SEPARATORS.findall(s)) >= 2),
        ("open_paren", s[0] in "(（"), ("quote_start", s[0] in "\"'“‘「『"),
        ("comma_end", s[-1] in ",，、"), ("colon", ":" in s or "：" in s),
        ("sentence_inside", re.search(r"[\uac00-\ud7a3][.!?]\s+\S", s)),
        ("bracket_label", _BRACKET_LABEL.match(s)), ("name_role", _NAME_ROLE.search(s)),
        ("mostly_latin", sum(ch.isascii() and ch.isalpha() for ch in s) > 0.6 * letters),
        ("no_hangul", hangul == 0),
        ("asks", _ASKS.search(s)),
        ("addresses_reader", _ADDRESSES_READER.search(s)),
        ("polite_end", _POLITE_END.search(s)),
    ):
        if on:
            f[name] = 1.0
    ui = len(_UI_WORDS.findall(s))
    if ui:
        f[f"ui_words={min(ui, 3)}"] = 1.0
    f["grammatical"] = view.grammatical
    f[f"grammatical={_bucket(view.grammatical, (0.0, 0.1, 0.2, 0.3, 0.4))}"] = 1.0
    f[f"finals={min(view.finals, 3)}"] = 1.0
    f[f"pattern={pattern(s)}"] = 1.0
    f[f"first_tag={view.first_tag}"] = 1.0
    f[f"last_tag={view.last_tag}"] = 1.0
    f[f"last_tag={view.last_tag[:2]}"] = 1.0
    if n <= TOKEN_LINE_MAX:
        for token in _TOKEN.findall(s):
            f[f"tok={token.lower()}"] = 1.0
    return f


def _context(views: Sequence[LineView], i: int, first_prose: int, last_prose: int,
             counts: dict[str, int], seen_before: set[str], first_candidate: int = -1) -> dict[str, float]:
    """Features of the line's place: neighbours, gaps, the body around it, repetition."""
    view = views[i]
    f: dict[str, float] = {}
    for offset in (-2, -1, 1, 2):
        j = i + offset
        tag = f"{'p' if offset < 0 else 'n'}{abs(offset)}"
        if not 0 <= j < len(views):
            f[f"{tag}=none"] = 1.0
            continue
        other = views[j]
        f[f"{tag}.rule={other.rule}"] = 1.0
        if abs(offset) == 1:
            f[f"{tag}.len={_bucket(len(other.ko), (8, 22, 45, 90, 140))}"] = 1.0
            f[f"{tag}.marker={other.marker}"] = 1.0
            if other.prose:
                f[f"{tag}.prose"] = 1.0
            if _DA_END.search(other.ko):
                f[f"{tag}.ends_da"] = 1.0
            if other.marker is not None and other.marker == view.marker:
                f[f"{tag}.same_marker"] = 1.0
    for name, j in (("p", range(max(0, i - 3), i)), ("n", range(i + 1, min(len(views), i + 4)))):
        near = {views[k].rule for k in j}
        if near & {"timestamp", "byline"}:
            f[f"{name}3.stamp"] = 1.0
        if near & {"menu", "share"}:
            f[f"{name}3.chrome"] = 1.0
    wrapped_from = i > 0 and views[i - 1].line + 1 == view.line and open_end(views[i - 1])
    wraps_into = i + 1 < len(views) and view.line + 1 == views[i + 1].line and open_end(view)
    if wrapped_from:
        f["wrapped_from_previous"] = 1.0
    if wraps_into:
        f["wraps_into_next"] = 1.0
    prev_gap = view.line - views[i - 1].line if i else 99
    next_gap = views[i + 1].line - view.line if i + 1 < len(views) else 99
    f[f"gap_before={min(prev_gap, 3)}"] = 1.0
    f[f"gap_after={min(next_gap, 3)}"] = 1.0
    if first_prose < 0:
        f["no_body"] = 1.0
    elif i < first_prose:
        f[f"before_body={min(first_prose - i, 6)}"] = 1.0
    elif i > last_prose:
        f[f"after_body={min(i - last_prose, 6)}"] = 1.0
    else:
        f["in_body"] = 1.0
    f[f"index={min(i, 12)}"] = 1.0
    if i == first_candidate:
        f["first_headline_candidate"] = 1.0
    f["relative_position"] = i / max(1, len(views) - 1)
    key = "".join(view.ko.split())
    if counts[key] > 1:
        f["repeated"] = 1.0
        f["repeated_later" if key not in seen_before else "repeat_of_earlier"] = 1.0
    return f


def _recurrence(patterns: Sequence[str]) -> list[dict[str, float]]:
    """Whether a line's opening recurs in the article, and with body between (Q. … A. … Q. …: the
    questions of an interview are headings) or back to back (▲ a ▲ b ▲ c: a list)."""
    where: dict[str, list[int]] = {}
    for i, name in enumerate(patterns):
        where.setdefault(name, []).append(i)
    out = []
    for i, name in enumerate(patterns):
        f: dict[str, float] = {}
        if name != "plain" and len(where[name]) > 1:
            idx = where[name]
            gaps = [b - a for a, b in zip(idx, idx[1:])]
            f[f"recurs={min(len(idx), 5)}"] = 1.0
            shape = "recurs_alternating" if sum(g > 1 for g in gaps) > len(gaps) / 2 else "recurs_in_run"
            f[shape] = 1.0
            f[f"{shape}.{name}"] = 1.0
        out.append(f)
    return out


#: Only the top of a capture is compared line with line: the headline and its copies sit there.
NESTING_LINES = 60


def _nesting(views: Sequence[LineView]) -> list[dict[str, float]]:
    """A line that holds another line whole, or is held by one: a page-title bar ("date 2025-09-09
    <headline>", "<headline> | 서울신문") carries a copy of the headline with chrome around it."""
    keys = ["".join(v.ko.split()) for v in views[:NESTING_LINES]]
    out: list[dict[str, float]] = [{} for _ in views]
    for i, a in enumerate(keys):
        if not 8 <= len(a) <= 200:
            continue
        for j, b in enumerate(keys):
            if i != j and len(b) > len(a) and a in b:
                out[i]["held_by_" + ("earlier" if j < i else "later")] = 1.0
                out[j]["holds_" + ("later" if j < i else "earlier")] = 1.0
    return out


def _wrapped_blocks(views: Sequence[LineView]) -> list[dict[str, float]]:
    """Lines hard-wrapped from one sentence (broadcast scripts wrap at ~20 characters): each line
    alone looks like a heading or a credit, the block they make reads as a sentence."""
    out: list[dict[str, float]] = [{} for _ in views]
    i = 0
    while i < len(views):
        j = i
        while j + 1 < len(views) and views[j + 1].line == views[j].line + 1 and open_end(views[j]):
            j += 1
        if j > i:
            block = views[i : j + 1]
            ends = bool(_DA_END.search(block[-1].ko) or _STOP_END.search(block[-1].ko))
            for k in range(i, j + 1):
                out[k] = {"wrapped": 1.0, f"wrapped_lines={min(j - i + 1, 4)}": 1.0,
                          "wrapped_ends_sentence" if ends else "wrapped_open": 1.0,
                          f"wrapped_at={'first' if k == i else 'last' if k == j else 'middle'}": 1.0}
        i = j + 1
    return out


def open_end(view: LineView) -> bool:
    """The line stops where a sentence cannot (a connective or a particle): the next line goes on."""
    if _STOP_END.search(view.ko) or len(view.ko) < 6:
        return False
    return view.last_tag in ("EC", "JKO", "JKB", "JKS", "JX", "JKG", "ETM", "JC", "MAG") or view.ko[-1] in ",，"


def features(views: Sequence[LineView]) -> list[dict[str, float]]:
    """One feature dict per line; the same function serves training and reading."""
    prose = [i for i, v in enumerate(views) if v.prose and v.rule in ("body", "heading")]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (-1, -1)
    counts: dict[str, int] = {}
    for v in views:
        key = "".join(v.ko.split())
        counts[key] = counts.get(key, 0) + 1
    blocks = _wrapped_blocks(views)
    nesting = _nesting(views)
    first_candidate = next((i for i, v in enumerate(views) if v.rule in ("title", "subtitle", "body", "heading")
                            and 8 <= len(v.ko) <= 100 and not v.prose and _UI_WORDS.search(v.ko) is None), -1)
    patterns = [pattern(v.ko) for v in views]
    recurs = _recurrence(patterns)
    out = []
    seen: set[str] = set()
    for i, view in enumerate(views):
        f = _shape(view)
        f.update(_context(views, i, first_prose, last_prose, counts, seen, first_candidate))
        f.update(recurs[i])
        f.update(blocks[i])
        f.update(nesting[i])
        seen.add("".join(view.ko.split()))
        f["bias"] = 1.0
        out.append(f)
    return out


def stacked(base: Sequence[dict[str, float]], first: Sequence[dict[str, float]]) -> list[dict[str, float]]:
    """The second pass's features: the first pass's, plus what the first pass thinks of the
    neighbours. Chrome comes in blocks and a deck sits under its headline; a line alone rarely
    shows either, its neighbours' labels do."""
    n = len(first)
    body = [i for i, p in enumerate(first) if p["body"] >= 0.5]
    top = max(range(n), key=lambda i: first[i]["title"]) if n else -1
    out = []
    for i, f in enumerate(base):
        g = dict(f)
        for label in LABELS:
            g[f"s0.{label}"] = first[i][label]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                for label in LABELS:
                    g[f"s{offset}.{label}"] = first[j][label]
        window = [first[j] for j in range(max(0, i - 3), min(n, i + 4)) if j != i]
        if window:
            g["window.boilerplate"] = sum(p["boilerplate"] for p in window) / len(window)
            g["window.body"] = sum(p["body"] for p in window) / len(window)
        if not body:
            g["s.no_body"] = 1.0
        elif i < body[0]:
            g[f"s.before_body={min(body[0] - i, 4)}"] = 1.0
        elif i > body[-1]:
            g[f"s.after_body={min(i - body[-1], 4)}"] = 1.0
        if top >= 0:
            g[f"s.from_title={max(-3, min(i - top, 4))}"] = 1.0
        out.append(g)
    return out


@dataclass(frozen=True)
class LineModel:
    """Weights per feature and label, as ``scripts/train_lines.py`` writes them."""

    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        scores = list(self.bias)
        for name, value in feats.items():
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(LABELS, exps)}

    def to_json(self) -> dict:
        return {"labels": list(LABELS), "bias": list(self.bias),
                "weights": {k: [round(w, 5) for w in v] for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict) -> "LineModel":
        if tuple(data["labels"]) != LABELS:
            raise ValueError(f"line model labels {data['labels']} are not {list(LABELS)}")
        return cls({k: tuple(v) for k, v in data["weights"].items()}, tuple(data["bias"]))


@dataclass(frozen=True)
class Labeller:
    """The two passes: the first over each line's own features, the second also over the first
    pass's view of its neighbours (``stacked``)."""

    first: LineModel
    second: LineModel

    def to_json(self) -> dict:
        return {"first": self.first.to_json(), "second": self.second.to_json()}

    @classmethod
    def from_json(cls, data: dict) -> "Labeller":
        return cls(LineModel.from_json(data["first"]), LineModel.from_json(data["second"]))


@lru_cache(maxsize=1)
def shipped_model() -> Labeller:
    data = resources.files("briefing").joinpath("data", "line_model.json").read_text(encoding="utf-8")
    return Labeller.from_json(json.loads(data))


def label_lines(views: Sequence[LineView], model: Labeller | None = None) -> list[dict[str, float]]:
    """Label probabilities for each line (see ``article.read_article`` for how they are decoded)."""
    model = model or shipped_model()
    base = features(views)
    first = [model.first.probabilities(f) for f in base]
    return [model.second.probabilities(f) for f in stacked(base, first)]
