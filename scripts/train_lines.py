"""Fit the line labeller (``briefing.reader.labeller``) on hand-annotated captures and write the model
file the package ships (``src/briefing/reader/line_model.json``).

    pip install -e ".[dev]"        # scikit-learn, for training only; reading needs no numerical library
    python scripts/train_lines.py [DIR ...] [--select GLOB] [--c 1.0] [--cv] [--output FILE]

DIR defaults to ``../shared/data/articles-dev``, then this repository's ``tests/articles`` and
``seeds`` (all in the layout that folder's README gives: ``NAME.txt`` beside ``NAME.expected.json``).
``--select GLOB`` keeps, in the first DIR only, the captures whose file name matches; the other
folders are read whole. Each non-blank line gets the label its annotation gives it (title, subtitle,
heading, boilerplate, body), aligned in order. ``--cv`` prints the cross-validated structure F1 with
folds by site (every article of one site is left out together) instead of writing the model.

The shipped model was trained on all 76 captures of ``../shared/data/articles-dev`` (d* to g*, then
the j* and k* that came later), then ``tests/articles`` and ``seeds``; this reproduces it byte for byte:

    python scripts/train_lines.py --select '*' --output /tmp/line_model.json
    cmp /tmp/line_model.json src/briefing/reader/line_model.json

``--select '[defg]*'`` gives the earlier model, fitted before the j and k captures came (the one
their blind figures in docs/evaluation.md were read with).

The model is a multinomial logistic regression (scikit-learn, L2, C below) over the sparse features of
``reader.features``, in two passes (``evaluation.labeller_fit``); its weights are written as plain JSON
per feature and label. The last line is the signature (``evaluation.signature``): the commit, a hash
of the captures per folder, the written model's hash and the package version.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evaluation import labeller_fit, paths, signature, structure
from evaluation.errors import command_line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=list(labeller_fit.TRAINING_FOLDERS))
    parser.add_argument("--c", type=float, default=labeller_fit.C, help="inverse L2 strength")
    parser.add_argument("--cv", action="store_true", help="print the site-fold F1 instead of writing the model")
    parser.add_argument("--select", metavar="GLOB",
                        help="in the first DIR, only the captures whose file name matches GLOB (e.g. '[defg]*')")
    parser.add_argument("--output", type=Path, default=paths.LINE_MODEL,
                        help="where to write the model (default: the shipped src/briefing/reader/line_model.json)")
    args = parser.parse_args()
    captures = labeller_fit.training_captures(args.dirs, args.select)
    training = labeller_fit.labelled(captures)
    data = signature.data_parts(((c.folder, f) for c in captures for f in c.files), args.select, args.dirs[0])
    if args.cv:
        for folder in args.dirs:
            if list(Path(folder).glob("*.expected.json")):
                readers = labeller_fit.cross_validated_readers(training, folder, args.c)
                r = structure.evaluate([c for c in captures if c.folder == folder], readers)
                print(f"{folder}: C={args.c} F1 {r['f1']:.3f} (P {r['precision']:.3f}, R {r['recall']:.3f}), "
                      f"titles {r['titles_right']}/{r['articles']}, lost {r['characters_lost']}")
        print(signature.line(signature.signature(data, line_model=signature.CV_BY_SITE)))
        return
    model = labeller_fit.fit(training, args.c)
    labeller_fit.write_model(model, args.output)
    print(f"wrote {args.output}: {len(model.first.weights)} + {len(model.second.weights)} features")
    print(signature.line(signature.signature(data, line_model=signature.short_hash(args.output.read_bytes()))))


if __name__ == "__main__":
    sys.exit(command_line(main))
