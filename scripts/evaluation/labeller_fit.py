"""Fitting the reader's line labeller (``briefing.reader.labeller``) on annotated captures.

Each non-blank line gets the label its annotation gives it (title, subtitle, heading, boilerplate,
body), aligned in order, so that of two equal lines the one the annotation means is taken. The model
is a multinomial logistic regression (scikit-learn, L2, ``C``) over the sparse features of
``reader.features``, in two passes: the second also sees the first pass's probabilities of the
neighbouring lines. Its weights are written as plain JSON per feature and label, so that reading
needs no numerical library. scikit-learn comes with the ``dev`` extra.

Why one BLAS thread: the parameters (about 2,700 features by 5 labels) are past OpenBLAS's threading
threshold, so by default every dot product of L-BFGS is split over all cores; on a shared machine the
threads wait for each other, and a fit took 80-160 s instead of 4-16 s (``threadpoolctl`` comes with
scikit-learn). One thread also makes the fit the same whatever the machine's number of cores (the
sums are added in one order).
"""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from briefing.model import Article
from briefing.reader.article import read_article, rows_as_read
from briefing.reader.features import features, stacked
from briefing.reader.labeller import LABELS, Labeller, LineModel
from briefing.reader.rows import classified_rows

from evaluation import paths, signature
from evaluation.captures import Capture, read_captures, site
from evaluation.scoring import close, normalise

#: L2 strength (inverse): site-fold F1 0.814, 0.825, 0.825 for 0.3, 0.5, 1 (8 folds); 1 found more titles.
C = 1.0
#: The second pass learns from first-pass probabilities made without the article's own site
#: (out of fold), as they will be on a new site; this many site folds make them.
INNER_FOLDS = 5
#: What the labeller learns from by default: the development captures, then the repository's own.
TRAINING_FOLDERS = (paths.DEV_DATA, paths.TEST_ARTICLES, paths.SEEDS)
#: The site folds are fitted in this many processes: leave-one-site-out over the 76 dev captures is
#: 67 fits of 7 regressions each; the machine it was measured on has 2 cores.
WORKERS = 2


@dataclass(frozen=True)
class LabelledCapture:
    """A capture's lines as the labeller sees them, with the label the annotation gives each."""

    name: str
    folder: Path
    site: str
    views: tuple
    gold: tuple[str, ...]
    #: the first pass's features of each line (``reader.features``): they depend on the capture
    #: alone, so every fold reuses them instead of working them out again
    base: tuple = field(repr=False, compare=False, default=())


def gold_labels(rows, expected: dict) -> list[str]:
    """The annotation's label for each row: annotated lines are consumed in order, exact matches
    first, so a headline printed twice is the title once (the first copy) and boilerplate once."""
    title = normalise(expected["title"]) if expected.get("title") else None
    subtitle = [normalise(s) for s in expected["subtitle"].split("\n") if s.strip()] if expected.get("subtitle") else []
    queues = {"heading": [normalise(h) for h in expected.get("headings", [])],
              "boilerplate": [normalise(b) for b in expected.get("boilerplate", [])]}
    labels = []
    for row in rows:
        key = normalise(row.ko)
        label = None
        for same in (lambda a, b: a == b, close):
            if title is not None and same(key, title):
                label, title = "title", None
            elif subtitle and same(key, subtitle[0]):
                label = "subtitle"
                subtitle.pop(0)
            else:
                for part, queue in queues.items():
                    hit = next((k for k in range(min(6, len(queue))) if same(key, queue[k])), None)
                    if hit is not None:
                        label = part
                        del queue[hit]
                        break
            if label:
                break
        labels.append(label or "body")
    return labels


def labelled(captures: Sequence[Capture]) -> list[LabelledCapture]:
    """The captures' lines and gold labels, in the order given (the order the fit sees them in)."""
    items = []
    for capture in captures:
        rows, _ = classified_rows(capture.text)
        views = tuple(rows_as_read(capture.text, rows)[1])
        items.append(LabelledCapture(capture.name, Path(capture.folder).resolve(), site(capture), views,
                                     tuple(gold_labels(rows, capture.expected)), tuple(features(views))))
    return items


def training_captures(folders: Sequence[Path] = TRAINING_FOLDERS, select: str | None = None,
                      select_in: Path | None = None) -> list[Capture]:
    """Every annotated capture of ``folders``, folder by folder (the order the fit sees them in); in
    the folder ``select_in`` (the first, by default) only those ``select`` names, the others whole.

    The shipped model was fitted on every capture of ``TRAINING_FOLDERS`` (``select='*'``); the
    one before it on ``select='[defg]*'``, blind to the j and k captures that came later.
    """
    chosen = Path(select_in if select_in is not None else folders[0]).resolve()
    return [capture for folder in folders
            for capture in read_captures(folder, select if Path(folder).resolve() == chosen else None)]


def fit_pass(X: list[dict], y: list[str], c: float) -> LineModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(X)
    classifier = LogisticRegression(C=c, max_iter=3000)
    with threadpool_limits(limits=1, user_api="blas"):
        classifier.fit(matrix, y)
    order = [list(classifier.classes_).index(label) if label in classifier.classes_ else None for label in LABELS]

    def row(values) -> tuple[float, ...]:
        return tuple(float(values[k]) if k is not None else 0.0 for k in order)

    coef = classifier.coef_
    weights = {name: row(coef[:, j]) for name, j in vectorizer.vocabulary_.items()}
    bias = tuple(float(classifier.intercept_[k]) if k is not None else -30.0 for k in order)
    return LineModel(weights, bias)


def fit(items: Sequence[LabelledCapture], c: float = C) -> Labeller:
    base = {item.name: list(item.base) for item in items}
    first = fit_pass([f for i in items for f in base[i.name]], [g for i in items for g in i.gold], c)
    sites = sorted({i.site for i in items})
    out_of_fold = {}
    for k in range(INNER_FOLDS):
        held = set(sites[k::INNER_FOLDS])
        train = [i for i in items if i.site not in held]
        model = fit_pass([f for i in train for f in base[i.name]], [g for i in train for g in i.gold], c)
        for item in items:
            if item.site in held:
                out_of_fold[item.name] = [model.probabilities(f) for f in base[item.name]]
    X, y = [], []
    for item in items:
        X.extend(stacked(base[item.name], out_of_fold[item.name]))
        y.extend(item.gold)
    return Labeller(first, fit_pass(X, y, c))


def cross_validated_readers(items: Sequence[LabelledCapture], folder: Path, c: float = C,
                            folds: int = 0, workers: int = WORKERS) -> dict[str, Callable[[str], Article]]:
    """For each capture of ``folder`` among ``items``: a reader whose labeller never saw its site
    (every capture of that site, in any folder, is left out of the fit).

    ``folds`` 0 leaves one site out at a time (the figure the docs give); a smaller number groups the
    sites into that many folds, for quicker experiments. The folds are fitted in ``workers``
    processes; each fit is deterministic, so their number does not change a figure.
    """
    readers = {}
    wanted = [i for i in items if i.folder == Path(folder).resolve()]
    sites = sorted({i.site for i in wanted})
    groups = [sites[k::folds] for k in range(folds)] if folds else [[s] for s in sites]
    for group, model in zip(groups, _fit_folds(items, groups, c, workers)):
        for item in wanted:
            if item.site in group:
                readers[item.name] = (lambda m: lambda text: read_article(text, model=m))(model)
    return readers


_fold_items: Sequence[LabelledCapture] = ()


def _fit_fold(group: Sequence[str], c: float) -> Labeller:
    return fit([i for i in _fold_items if i.site not in group], c)


def _share_items(items: Sequence[LabelledCapture]) -> None:
    global _fold_items
    _fold_items = items


def _fit_folds(items: Sequence[LabelledCapture], groups: Sequence[Sequence[str]], c: float,
               workers: int) -> list[Labeller]:
    """One labeller per group of sites, fitted without them; the captures go to each worker once."""
    _share_items(items)
    if workers <= 1 or len(groups) <= 1:
        return [_fit_fold(group, c) for group in groups]
    with ProcessPoolExecutor(max_workers=workers, initializer=_share_items, initargs=(items,)) as pool:
        return list(pool.map(_fit_fold, groups, [c] * len(groups)))


def write_model(model: Labeller, path: Path) -> None:
    """The model file as the package ships it: compact JSON, one line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def readers_for(folder: Path, select: str | None, cv: bool) -> tuple[list | None, str, list[tuple[Path, str]]]:
    """What an evaluation reads the captures of ``folder`` with: the shipped labeller (None), or with ``cv``
    one refitted per site fold; the line model's part of the signature; and the training files read, which
    the signature's data hash must cover too."""
    if not cv:
        return None, signature.shipped_line_model(), []
    training = training_captures(select=select, select_in=folder)
    readers = cross_validated_readers(labelled(training), folder)
    return readers, signature.CV_BY_SITE, [(c.folder, f) for c in training for f in c.files]
