"""Fit the line labeller (``src/briefing/lines.py``) on hand-annotated captures and write the model
file the package ships (``src/briefing/reader/line_model.json``).

    pip install scikit-learn        # training only; reading needs no numerical library
    python scripts/train_lines.py [DIR ...] [--c 0.5] [--cv]

DIR defaults to ``../shared/data/articles-dev`` and this repository's ``tests/articles`` (both in
the layout that folder's README gives: ``NAME.txt`` beside ``NAME.expected.json``). Each non-blank
line gets the label its annotation gives it (title, subtitle, heading, boilerplate, body), aligned
in order, so that of two equal lines the one the annotation means is taken. ``--cv`` prints the
cross-validated structure F1 with folds by site (every article of one site is left out together)
instead of writing the model.

The model is a multinomial logistic regression (scikit-learn, L2, C below) over the sparse
features of ``lines.features``; its weights are written as plain JSON per feature and label.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from briefing.reader.article import line_views, read_article  # noqa: E402
from briefing.reader.rows import classified_rows  # noqa: E402
from briefing.reader.features import features, stacked  # noqa: E402
from briefing.reader.labeller import LABELS, Labeller, LineModel  # noqa: E402
from briefing.reader.source import decode_bytes  # noqa: E402
from eval_structure import close, normalise  # noqa: E402  (one matching rule for training and scoring)

DEFAULT_DIRS = (REPO.parent / "shared" / "data" / "articles-dev", REPO / "tests" / "articles", REPO / "seeds")
MODEL_PATH = REPO / "src" / "briefing" / "reader" / "line_model.json"
#: L2 strength (inverse): site-fold F1 0.814, 0.825, 0.825 for 0.3, 0.5, 1 (8 folds); 1 found more titles.
C = 1.0
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


def site(expected: dict, name: str) -> str:
    """The registrable domain of the source (news1.kr and www.news1.kr are one site)."""
    host = urlparse(expected.get("source") or "").hostname or name
    parts = host.split(".")
    keep = 3 if len(parts) >= 3 and parts[-2] in ("co", "go", "or", "ac", "ne", "re") else 2
    return ".".join(parts[-keep:])


def load(dirs) -> list[dict]:
    """Every annotated capture as {name, site, text, views, gold}."""
    items = []
    for folder in dirs:
        for path in sorted(Path(folder).glob("*.expected.json")):
            name = path.name[: -len(".expected.json")]
            expected = json.loads(path.read_text(encoding="utf-8"))
            text = decode_bytes((path.parent / f"{name}.txt").read_bytes(), name)
            rows, _ = classified_rows(text)
            items.append({"name": name, "folder": Path(folder).resolve(), "site": site(expected, name), "text": text,
                          "views": line_views(text, rows), "gold": gold_labels(rows, expected)})
    return items


def fit_pass(X: list[dict], y: list[str], c: float) -> LineModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(X)
    classifier = LogisticRegression(C=c, max_iter=3000)
    classifier.fit(matrix, y)
    order = [list(classifier.classes_).index(label) if label in classifier.classes_ else None for label in LABELS]

    def row(values) -> tuple[float, ...]:
        return tuple(float(values[k]) if k is not None else 0.0 for k in order)

    coef = classifier.coef_
    weights = {name: row(coef[:, j]) for name, j in vectorizer.vocabulary_.items()}
    bias = tuple(float(classifier.intercept_[k]) if k is not None else -30.0 for k in order)
    return LineModel(weights, bias)


#: The second pass learns from first-pass probabilities made without the article's own site
#: (out of fold), as they will be on a new site; this many site folds make them.
INNER_FOLDS = 5


def fit(items: list[dict], c: float = C) -> Labeller:
    base = {item["name"]: features(item["views"]) for item in items}
    first = fit_pass([f for i in items for f in base[i["name"]]], [g for i in items for g in i["gold"]], c)
    sites = sorted({i["site"] for i in items})
    out_of_fold = {}
    for k in range(INNER_FOLDS):
        held = set(sites[k::INNER_FOLDS])
        train = [i for i in items if i["site"] not in held]
        model = fit_pass([f for i in train for f in base[i["name"]]], [g for i in train for g in i["gold"]], c)
        for item in items:
            if item["site"] in held:
                out_of_fold[item["name"]] = [model.probabilities(f) for f in base[item["name"]]]
    X, y = [], []
    for item in items:
        X.extend(stacked(base[item["name"]], out_of_fold[item["name"]]))
        y.extend(item["gold"])
    return Labeller(first, fit_pass(X, y, c))


def cross_validated_readers(folder: Path, dirs=DEFAULT_DIRS, c: float = C, folds: int = 0) -> dict:
    """For each article of ``folder``: a reader whose labeller never saw that article's site.

    ``folds`` 0 leaves one site out at a time (the figure the README gives); a smaller number
    groups the sites into that many folds, for quicker experiments.
    """
    items = load(dirs)
    readers = {}
    wanted = [i for i in items if i["folder"] == Path(folder).resolve()]
    sites = sorted({i["site"] for i in wanted})
    groups = [sites[k::folds] for k in range(folds)] if folds else [[s] for s in sites]
    for group in groups:
        model = fit([i for i in items if i["site"] not in group], c)
        for item in wanted:
            if item["site"] in group:
                readers[item["name"]] = (lambda m: lambda text: read_article(text, model=m))(model)
    return readers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=list(DEFAULT_DIRS))
    parser.add_argument("--c", type=float, default=C, help="inverse L2 strength")
    parser.add_argument("--cv", action="store_true", help="print the site-fold F1 instead of writing the model")
    args = parser.parse_args()
    if args.cv:
        import eval_structure

        for folder in args.dirs:
            if list(Path(folder).glob("*.expected.json")):
                readers = cross_validated_readers(folder, args.dirs, args.c)
                r = eval_structure.evaluate(folder, readers=readers)
                print(f"{folder}: C={args.c} F1 {r['f1']:.3f} (P {r['precision']:.3f}, R {r['recall']:.3f}), "
                      f"titles {r['titles_right']}/{r['articles']}, lost {r['characters_lost']}")
        return
    model = fit(load(args.dirs), args.c)
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n",
                          encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(REPO)}: {len(model.first.weights)} + {len(model.second.weights)} features")


if __name__ == "__main__":
    main()
