"""Fit the briefing weights (``brief.BULLETS``, ``brief.SUMMARY``) on the annotated development briefs.

    python scripts/fit_brief.py                 # ../shared/data/articles-dev; prints the fitted weights
    python scripts/fit_brief.py --write         # and writes them into src/briefing/brief.py
    python scripts/fit_brief.py DIR --cv        # and the figures cross-validated by site
    python scripts/fit_brief.py --method coordinate  # the coordinate search, for comparison
    python scripts/fit_brief.py --select 'j*'   # only the briefs of the captures named j...

``--method ranker`` (the default, how the shipped weights were fitted): a pairwise logistic ranker over
the features of ``brief.scores``, L2-regularised, its strength and the pick-time penalties chosen by
cross-validation by site inside the training data (``evaluation.ranker_fit``); the summary learns three
weights. ``--method coordinate``: each weight in turn takes the grid value that matches the most key
sentences (``evaluation.weights_fit``); about twenty free weights, which fit the data they see and carry
less to sites they never saw (cross-validated by site 0.667 / 0.646 against the ranker's 0.752 / 0.688).

The shipped ``brief.BULLETS`` and ``brief.SUMMARY`` were fitted on all 48 annotated briefs (26 of the d*
to g* captures, 22 of the j* and k*). The constants printed are the source text, compared byte for byte
with src/briefing/brief.py; ``--write`` puts them there, so that a refit is reproduced by the same command:

    python scripts/fit_brief.py                 # the constants; whether brief.py holds them

The figures that count are cross-validated by site: each article's brief is chosen with weights
fitted on the articles of the other sites only; the in-sample figures are what the printed weights
reach on the data they were fitted to, an upper bound.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing import brief
from briefing.glossary import load_glossaries

from evaluation import paths, ranker_fit, selection, signature, tables, weights_fit
from evaluation.briefs import read_cases
from evaluation.errors import command_line

BRIEF_SOURCE = paths.REPO / "src" / "briefing" / "brief.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=paths.DEV_DATA)
    parser.add_argument("--cv", action="store_true", help="also print the figures cross-validated by site")
    parser.add_argument("--method", choices=sorted(ranker_fit.METHODS), default=ranker_fit.SHIPPED_METHOD,
                        help=f"how to fit (default {ranker_fit.SHIPPED_METHOD}, what ships)")
    parser.add_argument("--write", action="store_true", help="write the weights into src/briefing/brief.py")
    parser.add_argument("--select", metavar="GLOB",
                        help="fit on the briefs whose capture's file name matches GLOB only (e.g. 'j*')")
    args = parser.parse_args(argv)
    cases = read_cases(args.data, args.select)
    prepared = [weights_fit.Prepared(c) for c in cases]
    fitter = ranker_fit.METHODS[args.method]
    bullets, summary = fitter(prepared)
    text = weights_fit.source(bullets, summary)
    print(text, end="")
    shipped = BRIEF_SOURCE.read_text(encoding="utf-8")
    start, end = weights_fit.shipped_block(shipped)
    if args.write and shipped[start:end] != text:
        BRIEF_SOURCE.write_text(shipped[:start] + text + shipped[end:], encoding="utf-8")
        print(f"written into {BRIEF_SOURCE.relative_to(paths.REPO)}")
    else:
        same = "holds them byte for byte" if shipped[start:end] == text else "holds other weights"
        print(f"{BRIEF_SOURCE.relative_to(paths.REPO)} {same}")
    fitted = [brief.choose(p.features, weights=bullets, summary=summary) for p in prepared]
    in_sample = selection.evaluate(cases, fitted)
    cv = weights_fit.cross_validate(cases, prepared, fitter) if args.cv else None
    signed_by = signature.signature(signature.data_parts(((args.data, f) for c in cases for f in c.files), args.select),
                                    glossary=signature.glossary_hash(load_glossaries(None)))
    print(tables.signed(tables.brief_table(in_sample, cv), signed_by))
    return 0


if __name__ == "__main__":
    sys.exit(command_line(main))
