"""Fitting the briefing weights (``brief.BULLETS``, ``brief.SUMMARY``) on annotated briefs.

Coordinate search: starting from the hand-set defaults of ``brief.Weights``, each weight in turn takes
the grid value that gives the most key sentences matched (bullets: over all sections; summary: over
all articles), ties kept at the current value, until a full round changes nothing (at most ``ROUNDS``
rounds). Bullet weights and summary weights are fitted separately, each on its own objective.
Features are computed once per article (kiwipiepy is the slow part), so a fit takes seconds.

The figures that count are cross-validated by site: each article's brief is chosen with weights fitted
on the articles of the other sites only (``cross_validate``); the in-sample figures are what the fitted weights reach on
the data they were fitted to, an upper bound.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Callable, Sequence

from briefing import brief
from briefing.model import Brief

from evaluation.briefs import Case
from evaluation.scoring import Figures, same_sentence
from evaluation.selection import evaluate

ROUNDS = 4
GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
#: Where every fit starts: the hand-set defaults of brief.Weights, never the fitted constants, so that a
#: cross-validation fold learns nothing from the article it leaves out.
START_BULLETS = brief.Weights()
START_SUMMARY = brief.Weights(spread=0.3)
SUMMARY_ONLY = {"spread", "bullet", "opens"}  # no meaning within one section
#: features added for the ranker (``ranker_fit``), left at 0 here so that the search still gives the
#: weights it gave when it made the weights shipped before the ranker's: a comparison, reproducible
NOT_SEARCHED = {"dates", "decision", "section"}


class Prepared:
    """A case with its features and, per sentence id, whether it matches a key (bullet / summary)."""

    def __init__(self, case: Case) -> None:
        self.features = brief.features(case.article, case.hits)
        self.site = case.site
        sections = case.article.sections
        self.bullet_key: set[int] = set()
        first = 0
        for section, key in zip(sections, case.keys):
            for p, s in enumerate(section.sentences):
                if any(same_sentence(s.ko, k) for k in key):
                    self.bullet_key.add(first + p)
            first += len(section.sentences)
        ko = [s.ko for s in case.article.sentences()]
        self.summary_key = {i for i, s in enumerate(ko) if any(same_sentence(s, k) for k in case.summary_key)}
        self.every = [i for ids in self.features.spans for i in ids]


def bullet_hits(prepared: list[Prepared], w: brief.Weights) -> int:
    return sum(len(set(ids) & p.bullet_key) for p in prepared for ids in brief.section_bullets(p.features, w))


def summary_hits(prepared: list[Prepared], w: brief.Weights, bullets: brief.Weights) -> int:
    """The key summary lines matched by the tool's summary (``brief.choose``) under summary weights ``w``."""
    return sum(len(set(brief.choose(p.features, weights=bullets, summary=w).summary) & p.summary_key) for p in prepared)


def coordinate_search(prepared: list[Prepared], start: brief.Weights, objective, names) -> brief.Weights:
    best, best_score = start, objective(prepared, start)
    for _ in range(ROUNDS):
        changed = False
        for name in names:
            current = getattr(best, name)
            for value in GRID:
                if value == current:
                    continue
                trial = replace(best, **{name: value})
                score = objective(prepared, trial)
                if score > best_score:
                    best, best_score, changed = trial, score, True
        if not changed:
            break
    return best


def fit(prepared: list[Prepared]) -> tuple[brief.Weights, brief.Weights]:
    """The bullet weights, then the summary weights given those bullets."""
    names = [f.name for f in fields(brief.Weights) if f.name not in NOT_SEARCHED]
    bullets = coordinate_search(prepared, START_BULLETS, bullet_hits, [n for n in names if n not in SUMMARY_ONLY])
    summary = coordinate_search(
        prepared, START_SUMMARY, lambda ps, w: summary_hits(ps, w, bullets), names
    )
    return bullets, summary


def cross_validate(cases: Sequence[Case], prepared: list[Prepared] | None = None,
                   fitter: Callable[[list[Prepared]], tuple[brief.Weights, brief.Weights]] = fit,
                   folds: int = 0) -> Figures:
    """By site: each article is briefed with weights fitted (by ``fitter``) on the articles of the other
    sites only, as a site nobody fitted to gets them (two articles of one site share its habits).

    ``folds`` 0 leaves one site out at a time (the figure the docs give); a smaller number groups the
    sites into that many folds, for quicker experiments."""
    prepared = prepared or [Prepared(c) for c in cases]
    sites = sorted({c.site for c in cases})
    groups = [set(sites[k::folds]) for k in range(folds)] if folds else [{s} for s in sites]
    briefs: list[Brief | None] = [None] * len(cases)
    for held in groups:
        bullets, summary = fitter([p for p in prepared if p.site not in held])
        for k, c in enumerate(cases):
            if c.site in held:
                briefs[k] = brief.choose(prepared[k].features, weights=bullets, summary=summary)
    return evaluate(cases, briefs)


#: where ``shipped_source`` stands in the package: the two constants, from the first to the last line
SHIPPED_START = "BULLETS = Weights("
SHIPPED_END = "\n)\n"
LINE_WIDTH = 110


def source(bullets: brief.Weights, summary: brief.Weights) -> str:
    """The two constants as ``src/briefing/brief.py`` holds them, every field named, wrapped at
    ``LINE_WIDTH``, so that a fit can be compared with the shipped weights byte for byte."""
    out = []
    for name, w in (("BULLETS", bullets), ("SUMMARY", summary)):
        lines, line = [], "   "
        for f in fields(brief.Weights):
            item = f" {f.name}={getattr(w, f.name)!r},"
            if len(line) + len(item) > LINE_WIDTH:
                lines.append(line)
                line = "   "
            line += item
        lines.append(line)
        out.append(f"{name} = Weights(\n" + "\n".join(lines) + "\n)\n")
    return "".join(out)


def shipped_block(text: str) -> tuple[int, int]:
    """Where the two constants stand in the text of ``brief.py``: from ``BULLETS = Weights(`` to the
    end of the ``SUMMARY`` constant that follows it."""
    start = text.index(SHIPPED_START)
    end = text.index(SHIPPED_END, text.index("SUMMARY = Weights(", start)) + len(SHIPPED_END)
    return start, end
