"""Fit the briefing weights (``brief.BULLETS``, ``brief.SUMMARY``) on the annotated development briefs.

    python scripts/fit_brief.py                 # ../shared/data/articles-dev; prints the fitted weights
    python scripts/fit_brief.py DIR --cv        # and the leave-one-out figures (folds by article)
    python scripts/fit_brief.py --select '[defg]*'   # only the briefs of the captures named d... to g...

Coordinate search: starting from the hand-set defaults of ``brief.Weights``, each weight in turn takes the grid value that
gives the most key sentences matched (bullets: over all sections; summary: over all articles), ties
kept at the current value, until a full round changes nothing (``evaluation.weights_fit``).

The shipped ``brief.BULLETS`` and ``brief.SUMMARY`` were fitted on the 26 briefs of the d* to g*
captures; ``--select '[defg]*'`` prints them again (the j* and k* briefs came later and are blind).

The figures that count are cross-validated: each article's brief is chosen with weights fitted on the
other articles only; the in-sample figures are what the printed weights reach on the data they were
fitted to, an upper bound.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

from briefing import brief
from briefing.glossary import load_glossaries

from evaluation import paths, selection, signature, tables, weights_fit
from evaluation.briefs import read_cases
from evaluation.errors import command_line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=paths.DEV_DATA)
    parser.add_argument("--cv", action="store_true", help="also print the leave-one-out figures")
    parser.add_argument("--select", metavar="GLOB",
                        help="fit on the briefs whose capture's file name matches GLOB only (e.g. '[defg]*')")
    args = parser.parse_args(argv)
    cases = read_cases(args.data, args.select)
    prepared = [weights_fit.Prepared(c) for c in cases]
    bullets, summary = weights_fit.fit(prepared)
    print("BULLETS =", brief.Weights(**asdict(bullets)))
    print("SUMMARY =", brief.Weights(**asdict(summary)))
    fitted = [brief.choose(p.features, weights=bullets, summary=summary) for p in prepared]
    in_sample = selection.evaluate(cases, fitted)
    cv = weights_fit.cross_validate(cases, prepared) if args.cv else None
    signed_by = signature.signature(signature.data_parts(((args.data, f) for c in cases for f in c.files), args.select),
                                    glossary=signature.glossary_hash(load_glossaries(None)))
    print(tables.signed(tables.brief_table(in_sample, cv), signed_by))
    return 0


if __name__ == "__main__":
    sys.exit(command_line(main))
