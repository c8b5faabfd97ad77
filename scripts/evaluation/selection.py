"""How well the brief's selection finds the key sentences a person picked, beside first-k baselines.

Pooled over all sections (bullets) or articles (summary): precision, recall and F1 of

* ``tool`` — ``brief.select`` with its own counts (or the given briefs, for the fits);
* ``first-k (person's k)`` — the first k sentences of each section, k the person's own count;
* ``first-k (tool's k)`` — the first sentences with the tool's counts (summary: the article's first 3).

A pick matches a key sentence by ``scoring.same_sentence``; each key is matched at most once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from briefing import brief
from briefing.glossary import TermFinder, load_glossaries
from briefing.model import Article, Brief

from evaluation.briefs import Case
from evaluation.scoring import Figures, PooledScore


def evaluate(cases: Sequence[Case], briefs: Sequence[Brief] | None = None) -> Figures:
    """Bullets and summary of the tool (or the given Briefs, one per case) and of both baselines."""
    names = ("tool", "first-k (person's k)", "first-k (tool's k)")
    bullets = {n: PooledScore() for n in names}
    summary = {n: PooledScore() for n in names}
    for c, b in zip(cases, briefs or [brief.select(c.article, c.hits) for c in cases]):
        ko = [s.ko for s in c.article.sentences()]
        for section, ids, key in zip(c.article.sections, b.sections, c.keys):
            sents = [s.ko for s in section.sentences]
            bullets["tool"].add([ko[i] for i in ids], list(key))
            bullets["first-k (person's k)"].add(sents[: len(key)], list(key))
            bullets["first-k (tool's k)"].add(sents[: brief.bullets_for(len(sents))], list(key))
        summary["tool"].add([ko[i] for i in b.summary], list(c.summary_key))
        summary["first-k (person's k)"].add(ko[: len(c.summary_key)], list(c.summary_key))
        summary["first-k (tool's k)"].add(ko[: brief.SUMMARY_SIZE], list(c.summary_key))
    return {"bullets": {n: s.row() for n, s in bullets.items()}, "summary": {n: s.row() for n, s in summary.items()}}


def evaluate_read(data: Path, cases: Sequence[Case],
                  readers: dict[str, Callable[[str], Article]] | None = None) -> Figures:
    """End to end, what a user gets: the tool reads each .txt itself (chrome it lets through can take a
    bullet's place; a section it misses merges two), and the bullets of all its sections are matched
    against all the article's key sentences; the baseline is the first sentences of each section the
    tool found, with the tool's counts.

    ``readers`` maps an article to the reader to use (``--read --cv``: a line labeller fitted without
    the article's site, from ``labeller_fit``); the shipped reader otherwise.
    """
    from briefing.pipeline import read
    from briefing.reader.source import read_source
    from briefing.sentences import split_sentences

    finder = TermFinder(load_glossaries(None))
    names = ("tool", "first-k (tool's k)")
    bullets = {n: PooledScore() for n in names}
    summary = {n: PooledScore() for n in names}
    for c in cases:
        text = read_source(str(data / f"{c.name}.txt"))
        article = split_sentences(readers[c.name](text)) if readers and c.name in readers else read(text)
        hits = [finder.find(s.ko) for s in article.sentences()]
        b = brief.select(article, hits)
        ko = [s.ko for s in article.sentences()]
        keys = [k for section in c.keys for k in section]
        bullets["tool"].add([ko[i] for ids in b.sections for i in ids], keys)
        bullets["first-k (tool's k)"].add(
            [s.ko for sec in article.sections for s in sec.sentences[: brief.bullets_for(len(sec.sentences))]], keys)
        summary["tool"].add([ko[i] for i in b.summary], list(c.summary_key))
        summary["first-k (tool's k)"].add(ko[: brief.SUMMARY_SIZE], list(c.summary_key))
    return {"bullets": {n: s.row() for n, s in bullets.items()}, "summary": {n: s.row() for n, s in summary.items()}}
