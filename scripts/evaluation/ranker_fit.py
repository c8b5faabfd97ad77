"""Fitting the briefing weights (``brief.BULLETS``, ``brief.SUMMARY``) as a regularised pairwise ranker.

What a person picks is a choice *within* a group (a section's bullets, the article's summary lines), so
the weights are learned from pairs inside one group: a key sentence's features minus a passed-over
sentence's, labelled 1, and the reverse, labelled 0 (RankSVM's reduction, Joachims 2002, with a logistic
loss). A logistic regression without intercept, L2-regularised with strength ``C``, over the features
``brief.scores`` weighs (``ROW``: later and earlier centrality, headline similarity, position, terms,
numbers, names, dates, decisions and the four penalties) gives their weights directly. The summary
learns only three (``SUMMARY_ROW``): the sentence's score as a bullet of its section under the bullet
weights just fitted, whether it was chosen as a bullet, whether it opens a section. Features are
scaled by their spread over the pairs before the fit and the weights scaled back, so that the penalty
treats each alike; the weights are then scaled so that those of the scaled features have length 1,
so that ``redundancy`` (and the summary's ``spread``), which act at pick time and have no pair of
their own, are on a fixed scale.

``C`` and ``redundancy`` (then ``spread``) are chosen by cross-validation by site inside the data
given (``INNER_FOLDS`` groups of sites): the values that match the most key sentences on sites the fit
did not see, ties to the stronger penalty. Three numbers are chosen that way per selection, against
about twenty by coordinate search, and the feature weights are fitted by a convex loss that pulls
them towards zero: what they learn from one article cannot grow without bound.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from briefing import brief

from evaluation.weights_fit import START_BULLETS, START_SUMMARY, Prepared, bullet_hits, summary_hits
from evaluation.weights_fit import fit as weights_fit_search

#: Strong regularisation carries best to unseen sites: with 8 folds of sites, C fixed at 1, 0.1, 0.01
#: gave bullets F1 0.66-0.70, 0.70, 0.72 (summary 0.63-0.66, 0.65, 0.67); below 0.01 nothing changes.
C_GRID = (0.001, 0.003, 0.01, 0.03)
REDUNDANCY_GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0)
SPREAD_GRID = (0.0, 0.25, 0.5, 1.0, 2.0)
INNER_FOLDS = 5
#: the weights a row of features stands for, in order; penalties enter negated, so each weight is the
#: value ``brief.Weights`` takes
ROW = ("centrality", "backward", "title", "position", "terms", "numbers", "names",
       "quote", "pronoun", "roster", "short", "dates", "decision")
#: the summary learns three weights, not fifteen: a sentence's score as a bullet of its section (what the
#: bullet weights, fitted on 141 key sentences, already say of it), whether the tool chose it as a bullet
#: and whether it opens a section; from 48 articles' 144 summary lines. Cross-validated by site (all 48)
#: the summary F1 went from 0.667 with the fifteen (``ROW`` over the whole article, plus those two) to
#: 0.688, and gained 0.014-0.028 with every count of inner folds tried (4, 5, 6, 8).
SUMMARY_ROW = ("section", "bullet", "opens")
DIGITS = 3


def rows(f: brief.Features, ids: Sequence[int]) -> list[list[float]]:
    """The feature row of each sentence of the group ``ids``, as ``brief.scores`` weighs it."""
    n = len(ids)
    out = []
    for p, i in enumerate(ids):
        later = sum(f.sims[i][j] for j in ids[p + 1:]) / (n - 1) if n > 1 else 0.0
        earlier = sum(f.sims[i][j] for j in ids[:p]) / (n - 1) if n > 1 else 0.0
        out.append([later, -earlier, f.title[i], 1.0 / (1.0 + p), f.terms[i], f.numbers[i], f.names[i],
                    -f.quote[i], -f.pronoun[i], -f.roster[i], -f.short[i],
                    f.dates[i], f.decision[i]])
    return out


def pairs(groups: list[tuple[list[list[float]], set[int]]]) -> tuple[list[list[float]], list[int], list[float]]:
    """Differences of each key row and each other row of its group, both ways round, each weighted so
    that every key sentence counts once whatever the size of its group (as a key matched counts once)."""
    X, y, weight = [], [], []
    for table, key in groups:
        others = len(table) - len(key)
        for a in key:
            for b in range(len(table)):
                if b in key:
                    continue
                d = [u - v for u, v in zip(table[a], table[b])]
                X.extend((d, [-v for v in d]))
                y.extend((1, 0))
                weight.extend((1.0 / others, 1.0 / others))
    return X, y, weight


def learn(groups: list[tuple[list[list[float]], set[int]]], c: float) -> list[float]:
    """The pairwise logistic regression's weights, in the features' own units, scaled so that the
    weights of the scaled features have length 1."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    X, y, weight = pairs(groups)
    if not X or len(set(y)) < 2:
        return [0.0] * (len(groups[0][0][0]) if groups and groups[0][0] else len(ROW))
    matrix = np.asarray(X)
    spread = matrix.std(axis=0)
    spread[spread == 0] = 1.0
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(matrix / spread, y, sample_weight=np.asarray(weight) * len(weight) / sum(weight))
    norm = float(np.linalg.norm(model.coef_[0])) or 1.0
    return [float(v) / norm for v in model.coef_[0] / spread]


def weights_of(coef: Sequence[float], names: Sequence[str], **fixed: float) -> brief.Weights:
    """``brief.Weights`` from the ranker's weights, every weight it did not learn at 0: the later and
    earlier similarities' two weights become ``centrality`` and PacSum's ratio ``backward`` (0 both when
    later similarity does not count for a sentence)."""
    learned = dict(zip(names, coef))
    values = {name: 0.0 for name in (*ROW, *SUMMARY_ROW)} | learned
    if "centrality" in learned:
        later, earlier = values.pop("centrality"), values.pop("backward")
        values |= {"centrality": later, "backward": earlier / later} if later > 0 else {"centrality": 0.0,
                                                                                      "backward": 0.0}
    return brief.Weights(**{n: round(v, DIGITS) for n, v in values.items()}, **fixed)


def bullet_groups(prepared: Sequence[Prepared]) -> list[tuple[list[list[float]], set[int]]]:
    """Each section of more than one sentence as a group (computed once per article: the fits of a
    cross-validation reuse them)."""
    out = []
    for p in prepared:
        if not hasattr(p, "bullet_groups"):
            p.bullet_groups = [(rows(p.features, ids), {k for k, i in enumerate(ids) if i in p.bullet_key})
                               for ids in p.features.spans if len(ids) > 1]
        out.extend(p.bullet_groups)
    return out


def summary_groups(prepared: Sequence[Prepared], bullets: brief.Weights) -> list[tuple[list[list[float]], set[int]]]:
    """The whole article as one group, each sentence's row its score as a bullet of its section (with
    ``bullets``), whether the tool chose it as a bullet and whether it opens a section."""
    out = []
    for p in prepared:
        picked = {i for ids in brief.section_bullets(p.features, bullets) for i in ids}
        opening = {ids[0] for ids in p.features.spans if ids}
        as_bullet = brief.section_scores(p.features, bullets)
        table = [[as_bullet[i], float(i in picked), float(i in opening)] for i in p.every]
        out.append((table, {k for k, i in enumerate(p.every) if i in p.summary_key}))
    return out


def site_folds(prepared: Sequence[Prepared], folds: int) -> list[tuple[list, list]]:
    names = sorted({p.site for p in prepared})
    out = []
    for k in range(min(folds, len(names))):
        held = set(names[k::folds])
        out.append(([p for p in prepared if p.site not in held],
                    [p for p in prepared if p.site in held]))
    return out


def fit_bullets(prepared: Sequence[Prepared]) -> brief.Weights:
    scores: dict[tuple[float, float], int] = {}
    for train, held in site_folds(prepared, INNER_FOLDS):
        for c in C_GRID:
            w = weights_of(learn(bullet_groups(train), c), ROW)
            for r in REDUNDANCY_GRID:
                scores[c, r] = scores.get((c, r), 0) + bullet_hits(list(held), replace(w, redundancy=r))
    if not scores:  # a single site: nothing to choose C by, nothing learned
        return START_BULLETS
    c, r = max(scores, key=lambda cr: (scores[cr], -cr[0], cr[1]))
    return replace(weights_of(learn(bullet_groups(prepared), c), ROW), redundancy=r)


def fit_summary(prepared: Sequence[Prepared], bullets: brief.Weights) -> brief.Weights:
    scores: dict[tuple[float, float, float], int] = {}
    for train, held in site_folds(prepared, INNER_FOLDS):
        for c in C_GRID:
            w = weights_of(learn(summary_groups(train, bullets), c), SUMMARY_ROW)
            for r in REDUNDANCY_GRID:
                for s in SPREAD_GRID:
                    trial = replace(w, redundancy=r, spread=s)
                    scores[c, r, s] = scores.get((c, r, s), 0) + summary_hits(list(held), trial, bullets)
    if not scores:
        return START_SUMMARY
    c, r, s = max(scores, key=lambda crs: (scores[crs], -crs[0], crs[1], crs[2]))
    return replace(weights_of(learn(summary_groups(prepared, bullets), c), SUMMARY_ROW), redundancy=r, spread=s)


def fit(prepared: Sequence[Prepared]) -> tuple[brief.Weights, brief.Weights]:
    """The bullet weights, then the summary weights given those bullets."""
    bullets = fit_bullets(prepared)
    return bullets, fit_summary(prepared, bullets)


#: the fits ``scripts/fit_brief.py --method`` offers; the shipped weights come from SHIPPED_METHOD, the
#: ranker, because it carries to unseen sites (cross-validated by site, bullets/summary F1 0.752 / 0.688
#: against 0.667 / 0.646 for the coordinate search)
METHODS = {"ranker": fit, "coordinate": weights_fit_search}
SHIPPED_METHOD = "ranker"
