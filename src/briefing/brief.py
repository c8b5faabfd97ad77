"""Extractive briefings: which sentences of each section (and of the whole article) to forward.

Selection reads only the Korean side, so a mistranslation cannot promote or bury a sentence, and the
chosen sentences are rendered with their own English: nothing is paraphrased or invented, which is what
people who forward a briefing need (abstractive summarisers are known to add facts that are not there).

A sentence's score is a weighted sum of what a press officer picks for (the key sentences of
``../shared/data/articles-dev/briefs``: who agreed what with whom, numbers, dates, named institutions)
minus what a forwarded bullet cannot carry:

* ``centrality`` — position-aware centrality (PacSum, Zheng and Lapata 2019): TF-IDF cosine similarity
  over content morphemes to the *later* sentences of the group counts for a sentence, similarity to the
  *earlier* ones counts against it, scaled by ``backward`` (λ). News states a fact and then elaborates on
  it, so the sentence the rest of the section refers back to is the one to keep, and a sentence that
  only restates what came before is not.
* ``title`` — similarity to the headline and deck, which the desk wrote to say what the story is.
* ``position`` — 1/(1+i) for the i-th sentence of the group: the inverted pyramid, kept as one feature
  among others rather than the whole rule.
* ``terms`` — glossary terms (institutions, technologies, people these readers follow), saturating.
* ``numbers`` and ``names`` — concrete news: numbers and dates (kiwipiepy SN tokens), proper nouns and
  Latin-script names (NNP, SL), each saturating with the count of distinct ones. A speaker's label glued
  to a turn (``◆홍길동 감독=…``) is left out of every feature: it says who speaks, not what was said.
* ``quote`` (a penalty) — a sentence that is mostly a quotation holding no number: generic praise or
  intent ("큰 의미가 있다", "최선을 다하겠다") that reads as noise once forwarded.
* ``pronoun`` (a penalty) — a sentence whose subject is only a pronoun (이는, 그는, 이에 …): forwarded
  alone, nobody knows what "this" is.
* ``roster`` (a penalty) — an attendee list ("… 의원, … 위원장 등이 참석했다").
* ``short`` (a penalty) — fewer than four content morphemes: it cannot stand alone in a bullet.
* ``dates`` — a calendar date or month ("3일", "10월부터"): when the news happens (28% of the people's
  bullets hold one, 9% of the sentences they passed over).
* ``decision`` — a decision, agreement or scheduled act ("…하기로 했다", "협약을 체결", "…할 예정이다",
  "선정", "개최"): who agreed or decided what (14% of the bullets, 4% of the others). A decision told again
  counts less by as much as it resembles an earlier sentence of its section (1 − the largest cosine
  similarity): the vote retold with its riders is not news a second time. A decision recalled
  ("…협약을 체결한 바 있다": it was done before) is background and does not count.

Bullets (and summary lines) are picked greedily, each pick's score lowered by ``redundancy`` times its
largest similarity to the lines already chosen (maximal marginal relevance, Carbonell and Goldstein
1998); the summary also pays ``spread`` for a second line from a section it already drew on, so that it
covers the article rather than restating the lead, and gains ``bullet`` for a sentence already chosen as
a bullet of its section and ``opens`` for the first sentence of a section (8 in 10 of the people's
summary lines are also their bullets). ``section`` lets the summary weigh a sentence by its score as a
bullet of its own section under the bullet weights, instead of by weights of its own: what the ranker
fits (three summary weights learned from 48 articles, not fifteen).

The weights (``BULLETS`` and ``SUMMARY`` below) were fitted with ``scripts/fit_brief.py --method
ranker`` on all 48 annotated briefs (the 26 ``d``-``g`` development articles and the 22 ``j``/``k``
ones) as a regularised pairwise ranker, because it carries to sites it never saw: cross-validated by
site it reaches bullets F1 0.752 and summary F1 0.688, against 0.667 / 0.646 for the coordinate search
over about twenty weights that made the earlier ones. The figures that count are cross-validated by
site, in docs/evaluation.md, "Briefing"; ``scripts/eval_brief.py`` reproduces them. What it gets
wrong: the features are lexical, so a key sentence that shares no words with the rest (a late, unrelated
announcement) is found only through its numbers and names.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from briefing.model import Article, Brief, Segment, TermHit

CONTENT_TAGS = frozenset(("NNG", "NNP", "SL", "SH", "SN", "XR", "VV", "VA", "NR"))
#: Reporting and light verbs: every "…라고 밝혔다" sentence shares them, and they say nothing of the news.
STOP_WORDS = frozenset("하 되 있 없 않 밝히 말하 전하 설명하 강조하 대하 위하 통하 같 이 등 것 수 때".split())
SHORT_SENTENCE = 4  # content morphemes below which a sentence cannot stand alone
SUMMARY_SIZE = 3
#: Cosine similarity above which a sentence restates a chosen line rather than adding to it; it is then
#: passed over while any other sentence is left (the seed article's restated 중입자 agreements are at 0.8,
#: two sentences that merely share a subject below 0.5).
RESTATES = 0.6
_QUOTES = re.compile(r"[\"“”]([^\"“”]*)[\"“”]|['‘’]([^'‘’]*)['‘’]")
_ROSTER_VERBS = ("참석", "참여", "자리")
#: A calendar date or month ("3일", "10월", "2월 3일"): when the news happens.
_DATE = re.compile(r"\d+\s*[월일](?![가-힣])|\d+\s*[월일](?:부터|까지|에|께|로|간|엔|에는|의|을|이|은)")
#: A decision, agreement or scheduled act reported as news ("…하기로 했다", "협약을 체결했다", "…할 예정이다").
_DECISION = re.compile(r"기로 (?:했|합의|결정|의결)|계획이다|예정이다|방침이다"
                       r"|협약|합의|체결|선정|개최|착공|준공|개소|개관|출시|시행|도입|의결|승인")
#: "…한 바 있다", "…된 바가 있다": what was done before, recalled as background (none of the 3 such
#: sentences of the annotated briefs is a key sentence).
_RECALLED = re.compile(r"(?<=[가-힣])\s바(?:가)?\s있")
_LIST_SEPARATORS = re.compile(r"[,，·ㆍ、]")
#: A speaker's label glued to the start of a turn (◆삼성 류중일 감독=…, ▶이주헌=…), as papers print
#: remarks and round tables: who speaks, not what the turn says, so its names are not the turn's news.
_SPEAKER_LABEL = re.compile(r"^[◆◇▶▷■□●○]\s*[^=\s][^=\n]{0,20}=(?=\S)")


@dataclass(frozen=True)
class Weights:
    """How much each feature of a sentence counts; see the module docstring for what each one is."""

    centrality: float = 1.0
    backward: float = 1.0
    title: float = 0.5
    position: float = 0.6
    terms: float = 0.4
    numbers: float = 0.2
    names: float = 0.2
    quote: float = 0.2
    pronoun: float = 0.3
    roster: float = 0.3
    short: float = 0.3
    dates: float = 0.0
    decision: float = 0.0
    redundancy: float = 1.0
    spread: float = 0.0
    bullet: float = 0.0
    opens: float = 0.0
    section: float = 0.0


#: Fitted by ``python scripts/fit_brief.py --method ranker`` on the 48 briefs (see the module docstring):
#: every bullet feature carries weight; the summary weighs a sentence only by its score as a bullet of its
#: section, whether it is a bullet and whether it opens a section, with its feature weights left at 0.
BULLETS = Weights(
    centrality=4.349, backward=0.032, title=1.871, position=0.5, terms=1.557, numbers=0.952, names=1.095,
    quote=0.875, pronoun=0.397, roster=0.46, short=1.173, dates=0.416, decision=0.697, redundancy=2.0,
    spread=0.0, bullet=0.0, opens=0.0, section=0.0,
)
SUMMARY = Weights(
    centrality=0.0, backward=0.0, title=0.0, position=0.0, terms=0.0, numbers=0.0, names=0.0, quote=0.0,
    pronoun=0.0, roster=0.0, short=0.0, dates=0.0, decision=0.0, redundancy=1.0, spread=2.0, bullet=0.732,
    opens=0.493, section=0.54,
)


def bullets_for(n_sentences: int) -> int:
    """What a person picks from a section (the convention of the annotated briefs): 1 bullet for 1–3
    sentences, 2 for 4–7, 3 for 8 or more. Long sections do not get more: a briefing that runs to five
    bullets a section is no longer brief."""
    if n_sentences <= 0:
        return 0
    if n_sentences <= 3:
        return 1
    return 2 if n_sentences <= 7 else 3


@dataclass(frozen=True)
class Picks:
    """The chosen sentences by article-wide position (0-based, as ``Article.sentences`` yields them):
    what the scoring works on and the evaluation scripts compare; ``brief_of`` names them by id."""

    summary: tuple[int, ...]
    sections: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Features:
    """What selection knows of one article's sentences, computed once (kiwipiepy is the slow part)
    so that weights can be tried on it by the fitting script without analysing again."""

    spans: tuple[tuple[int, ...], ...]  # sentence positions per section
    sims: tuple[tuple[float, ...], ...]  # sentence × sentence cosine similarity
    title: tuple[float, ...]
    terms: tuple[float, ...]
    numbers: tuple[float, ...]
    names: tuple[float, ...]
    quote: tuple[float, ...]
    pronoun: tuple[float, ...]
    roster: tuple[float, ...]
    short: tuple[float, ...]
    dates: tuple[float, ...]
    decision: tuple[float, ...]


def _saturate(count: int) -> float:
    return 1.0 - 0.5**count


def _tfidf(docs: Sequence[list[str]]) -> list[dict[str, float]]:
    df = Counter(w for d in docs for w in set(d))
    n = len(docs)
    vectors = []
    for d in docs:
        tf = Counter(d)
        vec = {w: c * (1.0 + math.log((1 + n) / (1 + df[w]))) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _is_generic_quote(text: str) -> bool:
    """Mostly quotation (at least half the characters) and no digit inside the quotes."""
    quoted = [m.group(1) if m.group(1) is not None else m.group(2) for m in _QUOTES.finditer(text)]
    inside = "".join(quoted)
    return len(inside) >= 0.5 * len(text.strip()) and not any(c.isdigit() for c in inside)


def _is_roster(text: str, tags: Sequence[tuple[str, str]]) -> bool:
    """An attendance verb and a list of at least three names or titles."""
    if not any(form in _ROSTER_VERBS for form, _ in tags):
        return False
    return len(_LIST_SEPARATORS.findall(text)) >= 2


def _pronoun_subject(tags: Sequence[tuple[str, str]]) -> bool:
    """The sentence opens with a pronoun (이는, 그는, 이에, 이 같은 …) after any opening adverb."""
    for form, tag in tags[:3]:
        if tag == "NP":
            return True
        if tag not in ("MAG", "MAJ", "SP", "SS", "SSO", "SSC"):
            return False
    return False


def features(article: Article, hits: Sequence[Sequence[TermHit]]) -> Features:
    """Analyse the article's sentences (and its headline and deck) once, in one kiwipiepy batch."""
    from briefing.sentences import morphemes_of_words

    sentences = [_SPEAKER_LABEL.sub("", s.ko) for s in article.sentences()]
    headline = " ".join(line.ko for line in (article.title, article.subtitle) if line is not None)
    analysed = morphemes_of_words([*sentences, headline]) if sentences else []
    tags = [[(m.form, m.tag) for m in ms] for ms in analysed]
    words = [
        [form.lower() for form, tag in ts if tag in CONTENT_TAGS and form not in STOP_WORDS] for ts in tags
    ]
    vectors = _tfidf(words)
    n = len(sentences)
    sims = tuple(tuple(_cosine(vectors[i], vectors[j]) if i != j else 1.0 for j in range(n)) for i in range(n))
    spans = tuple(tuple(ids) for ids in article.sentence_ranges())
    told = {i: max((sims[i][j] for j in ids[:p]), default=0.0) for ids in spans for p, i in enumerate(ids)}
    return Features(
        spans=spans,
        sims=sims,
        title=tuple(_cosine(vectors[i], vectors[n]) if headline else 0.0 for i in range(n)),
        terms=tuple(_saturate(len({h.term.ko for h in hits[i]})) for i in range(n)),
        numbers=tuple(_saturate(len({f for f, t in tags[i] if t == "SN"})) for i in range(n)),
        names=tuple(_saturate(len({f for f, t in tags[i] if t in ("NNP", "SL")})) for i in range(n)),
        quote=tuple(float(_is_generic_quote(sentences[i])) for i in range(n)),
        pronoun=tuple(float(_pronoun_subject(tags[i])) for i in range(n)),
        roster=tuple(float(_is_roster(sentences[i], tags[i])) for i in range(n)),
        short=tuple(float(len(words[i]) < SHORT_SENTENCE) for i in range(n)),
        dates=tuple(float(bool(_DATE.search(sentences[i]))) for i in range(n)),
        decision=tuple(float(bool(_DECISION.search(sentences[i])) and not _RECALLED.search(sentences[i]))
                       * (1.0 - told.get(i, 0.0)) for i in range(n)),
    )


def scores(f: Features, ids: Sequence[int], w: Weights) -> list[float]:
    """Scores of the sentences ``ids`` (a section, or the whole article) as one group."""
    n = len(ids)
    out = []
    for p, i in enumerate(ids):
        later = sum(f.sims[i][j] for j in ids[p + 1 :])
        earlier = sum(f.sims[i][j] for j in ids[:p])
        centrality = (later - w.backward * earlier) / (n - 1) if n > 1 else 0.0
        out.append(
            w.centrality * centrality
            + w.title * f.title[i]
            + w.position / (1.0 + p)
            + w.terms * f.terms[i]
            + w.numbers * f.numbers[i]
            + w.names * f.names[i]
            - w.quote * f.quote[i]
            - w.pronoun * f.pronoun[i]
            - w.roster * f.roster[i]
            - w.short * f.short[i]
            + w.dates * f.dates[i]
            + w.decision * f.decision[i]
        )
    return out


def section_scores(f: Features, w: Weights) -> dict[int, float]:
    """Each sentence's score as a bullet of its own section (under the bullet weights ``w``), by
    article-wide position: what the summary's ``section`` weight counts."""
    return {i: s for ids in f.spans for i, s in zip(ids, scores(f, ids, w))}


def pick_best(
    f: Features,
    ids: Sequence[int],
    k: int,
    w: Weights,
    section_of: dict[int, int] | None = None,
    bullets: frozenset[int] = frozenset(),
    as_bullet: dict[int, float] | None = None,
) -> tuple[int, ...]:
    """The k best of ``ids`` in article order (sumy's habit), each pick lowered by its similarity to
    the ones already picked (maximal marginal relevance) and, for the summary, by ``spread`` when its
    section already has a line: three lines that restate one fact brief less than three that cover it.
    ``as_bullet`` (``section_scores``) is what the summary's ``section`` weight counts."""
    opening = {span[0] for span in f.spans if span}
    base = {
        i: s + w.bullet * (i in bullets) + w.opens * (i in opening) + w.section * (as_bullet or {}).get(i, 0.0)
        for i, s in zip(ids, scores(f, ids, w))
    }
    chosen: list[int] = []
    candidates = list(ids)
    while candidates and len(chosen) < k:
        def gain(i: int) -> tuple[float, int]:
            overlap = max((f.sims[i][j] for j in chosen), default=0.0)
            same = section_of is not None and any(section_of[i] == section_of[j] for j in chosen)
            return base[i] - w.redundancy * overlap - w.spread * same, -i  # ties to the earlier one

        fresh = [i for i in candidates if all(f.sims[i][j] < RESTATES for j in chosen)]
        best = max(fresh or candidates, key=gain)
        chosen.append(best)
        candidates.remove(best)
    return tuple(sorted(chosen))


def section_bullets(f: Features, weights: Weights = BULLETS, bullets: int | None = None) -> tuple[tuple[int, ...], ...]:
    """Each section's bullets, ``bullets`` a section (never more than it has) or as many as a person
    picks (``bullets_for``): what the summary builds on and the fitting scripts score."""
    return tuple(
        pick_best(f, ids, min(bullets, len(ids)) if bullets is not None else bullets_for(len(ids)), weights)
        for ids in f.spans
    )


def choose(
    f: Features, bullets: int | None = None, weights: Weights = BULLETS, summary: Weights = SUMMARY
) -> Picks:
    """Each section's bullets and the summary from precomputed features; ``bullets`` replaces the
    per-section count (never more than the section has)."""
    sections = section_bullets(f, weights, bullets)
    every = [i for ids in f.spans for i in ids]
    section_of = {i: s for s, ids in enumerate(f.spans) for i in ids}
    picked = frozenset(i for ids in sections for i in ids)
    as_bullet = section_scores(f, weights) if summary.section else None
    lines = pick_best(f, every, min(SUMMARY_SIZE, len(every)), summary, section_of, picked, as_bullet)
    return Picks(summary=lines, sections=sections)


def select(article: Article, hits: Sequence[Sequence[TermHit]], bullets: int | None = None) -> Picks:
    """Choose each section's bullets and the article's 3-line summary.

    Scored on the Korean side so that a mistranslation cannot promote or bury a sentence. ``hits`` is
    indexed by article-wide sentence position; ``bullets`` (``run --bullets N``) caps or raises the count a
    person would choose (``bullets_for``) in every section.
    """
    if bullets is not None and bullets < 1:
        raise ValueError("bullets must be at least 1")
    return choose(features(article, hits), bullets)


def brief_of(article: Article, sentences: Sequence[Segment], bullets: int | None = None) -> Brief:
    """``select`` over the article's sentence segments (in article order, each with its glossary
    ``hits``), the chosen ones named by segment id as findings and the formats name them."""
    picks = select(article, [s.hits for s in sentences], bullets)
    return Brief(summary=tuple(sentences[i].id for i in picks.summary),
                 sections=tuple(tuple(sentences[i].id for i in ids) for ids in picks.sections))
