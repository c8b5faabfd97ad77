"""Extractive briefings: which sentences of each section (and of the whole article) to forward.

Selection reads only the Korean side, so a mistranslation cannot promote or bury a sentence, and the
chosen sentences are rendered with their own English: nothing is paraphrased or invented, which is what
people who forward a briefing need (abstractive summarisers are known to add facts that are not there).

Each sentence gets a score from its content morphemes (nouns, proper nouns, foreign words, numbers,
roots; particles and endings carry no content):

* centrality — the mean cosine similarity of the sentence's TF-IDF vector to the other sentences of its
  section (for the summary: of the whole article, plus the title). A sentence that shares the section's
  vocabulary states what the section is about; this is the degree of the TextRank graph without the
  iteration, which on sections of 3–15 sentences ranks the same sentences.
* position — news is written as an inverted pyramid: the first sentence of a section usually states its
  point, so position scores 1/(1+i) for the i-th sentence.
* glossary terms — a sentence that names domain terms (institutions, technologies, people in the
  glossary) is what these readers follow; the score grows with the number of distinct terms, saturating.
* length — a sentence with fewer than four content morphemes (a short quote, "이어 …했다") is damped,
  since it cannot stand alone in a bullet.

Bullets are then picked greedily, each pick's score lowered by its similarity to the bullets already
chosen (maximal marginal relevance), so that a sentence restating the first bullet gives way to one
that adds a fact.

The weights were set by reading the choices on news articles of different shapes, not fitted; they are
constants below so that a change shows in review.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable, Sequence

from .model import Article, Brief, TermHit

CONTENT_TAGS = ("NNG", "NNP", "SL", "SH", "SN", "XR", "VV", "VA", "NR")

W_CENTRALITY = 1.0
W_POSITION = 0.6
W_TERMS = 0.4
W_REDUNDANCY = 1.0  # how much similarity to an already chosen bullet costs
SHORT_SENTENCE = 4  # content morphemes below which a sentence is damped
SHORT_DAMPING = 0.5
SUMMARY_SIZE = 3
LONG_SECTION = 15  # sentences; past this a section gets more than 3 bullets

Tokenizer = Callable[[str], list[str]]


def bullets_for(n_sentences: int) -> int:
    """1–3 bullets for a section (one per four sentences), more only for long ones: one per five
    sentences past 15, at most 5, so a bullet list stays shorter than the section it stands for."""
    if n_sentences <= 0:
        return 0
    if n_sentences <= LONG_SECTION:
        return max(1, min(3, math.ceil(n_sentences / 4)))
    return min(5, math.ceil(n_sentences / 5))


def content_words(text: str) -> list[str]:
    """Content morphemes of a Korean sentence, lower-cased (Latin acronyms match in any case)."""
    from .sentences import morphemes

    return [m.form.lower() for m in morphemes(text) if m.tag in CONTENT_TAGS]


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


def score_sentences(
    words: Sequence[list[str]], hits: Sequence[Sequence[TermHit]], vectors: Sequence[dict[str, float]]
) -> list[float]:
    """Scores for one group of sentences (a section, or the whole article); ``vectors`` may hold one
    more than ``words``, an anchor such as the title that sentences are central to but is not chosen."""
    n = len(words)
    if n == 0:
        return []
    scores = []
    for i in range(n):
        others = [j for j in range(len(vectors)) if j != i]
        centrality = sum(_cosine(vectors[i], vectors[j]) for j in others) / len(others) if others else 1.0
        position = 1.0 / (1.0 + i)
        distinct_terms = len({h.term.ko for h in hits[i]})
        terms = 1.0 - 0.5**distinct_terms
        score = W_CENTRALITY * centrality + W_POSITION * position + W_TERMS * terms
        if len(words[i]) < SHORT_SENTENCE:
            score *= SHORT_DAMPING
        scores.append(score)
    return scores


def _top(scores: Sequence[float], k: int, vectors: Sequence[dict[str, float]]) -> list[int]:
    """The k best indices, returned in article order (sumy's habit), each pick penalised by its
    similarity to the ones already picked (maximal marginal relevance, Carbonell and Goldstein 1998):
    three bullets that restate one fact brief less than three that cover the section."""
    chosen: list[int] = []
    candidates = set(range(len(scores)))
    while candidates and len(chosen) < k:
        def gain(i: int) -> tuple[float, int]:
            overlap = max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            return scores[i] - W_REDUNDANCY * overlap, -i  # ties to the earlier sentence

        best = max(candidates, key=gain)
        chosen.append(best)
        candidates.remove(best)
    return sorted(chosen)


def select(
    article: Article, hits: Sequence[Sequence[TermHit]], tokenize: Tokenizer = content_words
) -> Brief:
    """Choose each section's bullets and the article's 3-sentence summary.

    ``hits`` is indexed by article-wide sentence id. The summary takes at most one sentence per section
    first (so that it covers the article rather than repeating the lead), then fills up by score.
    """
    sentences = list(article.sentences())
    words = [tokenize(s.ko) for s in sentences]
    per_section: list[tuple[int, ...]] = []
    first = 0
    spans = []
    for section in article.sections:
        n = len(section.sentences)
        ids = list(range(first, first + n))
        spans.append(ids)
        vectors = _tfidf([words[i] for i in ids])
        scores = score_sentences([words[i] for i in ids], [hits[i] for i in ids], vectors)
        per_section.append(tuple(ids[j] for j in _top(scores, bullets_for(n), vectors)))
        first += n

    anchor = [tokenize(article.title.ko)] if article.title else []
    article_scores = score_sentences(words, hits, _tfidf([*words, *anchor]))
    k = min(SUMMARY_SIZE, len(sentences))
    chosen: list[int] = []
    best_per_section = [max(ids, key=lambda i: (article_scores[i], -i)) for ids in spans if ids]
    for i in sorted(best_per_section, key=lambda i: (-article_scores[i], i))[:k]:
        chosen.append(i)
    for i in sorted(range(len(sentences)), key=lambda i: (-article_scores[i], i)):
        if len(chosen) >= k:
            break
        if i not in chosen:
            chosen.append(i)
    return Brief(summary=tuple(sorted(chosen)), sections=tuple(per_section))
