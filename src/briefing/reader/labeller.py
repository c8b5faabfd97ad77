"""The line labeller: each line of a capture, seen in its context, labelled title, subtitle, heading,
boilerplate or body by a small multinomial logistic regression shipped as ``reader/line_model.json``.

Why learned, not more rules: the same shape means different things on different sites (a bracketed
``[앵커]`` is a section marker on one, a speaker label on another; ``입력`` opens a timestamp on one
and a sentence on another), and a rule tuned to a dozen articles breaks on the next site. What
separates the parts is a mix of weak signals: length, a sentence-final ending, digits and dates,
e-mail or URL, menu and share words, repetition (a sticky header repeats the headline), the
position relative to the body (chrome sits before its first sentence and after its last), and what
the hand-written rules in ``chrome.py``, ``rows.py`` and ``sections.py`` say about the line and its
neighbours.
The model weighs them; it was fitted by ``scripts/train_lines.py`` on hand-annotated real
captures (``../shared/data/articles-dev``) and on this repository's own test articles, and its
figure that counts is cross-validated with folds by site (docs/evaluation.md, "Reading articles").

The features are plain strings with a value; the model file maps each to one weight per label, so
inference is a sparse dot product and a softmax: no numerical library is loaded.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping, Sequence

from briefing.reader.features import LABELS, features, stacked
from briefing.reader.rows import Row
from briefing.reader.shapes import LineView, open_end

__all__ = ["LABELS", "LabelledLine", "Labeller", "LineModel", "LineView", "label_lines", "open_end", "shipped_model"]


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
    data = resources.files("briefing.reader").joinpath("line_model.json").read_text(encoding="utf-8")
    return Labeller.from_json(json.loads(data))


def label_lines(views: Sequence[LineView], model: Labeller | None = None) -> list[dict[str, float]]:
    """Label probabilities for each line (see ``article.read_article`` for how they are decoded)."""
    model = model or shipped_model()
    base = features(views)
    first = [model.first.probabilities(f) for f in base]
    return [model.second.probabilities(f) for f in stacked(base, first)]


@dataclass(frozen=True)
class LabelledLine:
    """One line after the labeller, as decode and the page conventions read it: the rules' reading
    (``row``), what the labeller saw (``view``) and what it made of it (``probabilities``)."""

    row: Row
    view: LineView
    probabilities: Mapping[str, float]
