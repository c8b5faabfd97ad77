"""Measure the briefing selection against key sentences a person picked, beside first-k baselines.

    python scripts/eval_brief.py                     # ../shared/data/articles-dev
    python scripts/eval_brief.py DIR --json
    python scripts/eval_brief.py --cv                # also cross-validated by site (refits the weights)
    python scripts/eval_brief.py --read              # end to end: the tool reads the .txt itself
    python scripts/eval_brief.py --select 'k*'       # only the briefs of the captures named k...

DIR holds ``briefs/NAME.json`` (sections with their sentences in order, ``key`` indices per section and a
3-item ``summary_key``; see DIR/README.md) beside ``NAME.txt`` and ``NAME.expected.json`` (title and deck).
Each brief's sections and sentences are fed to ``briefing.brief`` as an Article, with offsets found in the
.txt, and the shipped glossary's terms. Reported, pooled over all sections (bullets) or articles (summary):
precision, recall and F1 of

* ``tool`` — ``brief.select`` with its own counts;
* ``first-k (person's k)`` — the first k sentences of each section, k the person's own count;
* ``first-k (tool's k)`` — the first sentences with the tool's counts (summary: the article's first 3).

``--read`` measures what a user gets: each .txt is read by the tool's own reader and sentence splitter
(chrome it lets through can take a bullet's place; a section it misses merges two), and the bullets of
all its sections are matched against all the article's key sentences; the baseline is the first
sentences of each section the tool found, with the tool's counts.

A picked sentence matches a key one when they are equal after removing whitespace, or one contains the
other and the shorter is at least 80% of the longer, or their difflib ratio is at least 0.85 (the same
tolerance everywhere, since sentence splits differ). Each key is matched at most once.

``--cv`` adds the figures that count: each article briefed with weights fitted (as ``fit_brief.py``
fits the shipped ones, by the pairwise ranker, or by ``--method``) on the articles of the other sites
only; a site is the registrable domain of the capture's source (``captures.site``), so two captures of
one site are never on both sides. ``--select GLOB`` keeps the briefs whose capture's file name matches
(``'j*'``, ``'[defg]*'``); the folds then hold only those. With ``--read --cv`` it is the reader's
labeller that is refitted without each site (the selection keeps the shipped weights), and the selection
holds for its folds too.

The table ends with a signature line (``evaluation.signature``): the commit, a hash of the briefs,
texts and annotations read, the glossary's hash, the line model's with ``--read``, and the package
version; ``--json`` gives it as the key ``signature``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing.glossary import load_glossaries

from evaluation import labeller_fit, paths, ranker_fit, selection, signature, tables, weights_fit
from evaluation.briefs import read_cases
from evaluation.errors import command_line

SELECT_HELP = "only the briefs whose capture's file name matches GLOB (e.g. 'j*'): a subset reported alone"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=paths.DEV_DATA)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--cv", action="store_true", help="add figures cross-validated by site (refits the weights)")
    parser.add_argument("--method", choices=sorted(ranker_fit.METHODS), default=ranker_fit.SHIPPED_METHOD,
                        help="how --cv refits the weights (default: as the shipped ones were fitted)")
    parser.add_argument("--read", action="store_true", help="end to end: the tool reads each .txt itself")
    parser.add_argument("--select", metavar="GLOB", help=SELECT_HELP)
    args = parser.parse_args(argv)
    cases = read_cases(args.data, args.select)
    read = [(args.data, f) for c in cases for f in c.files]
    glossary = signature.glossary_hash(load_glossaries(None))
    if args.read:
        readers, line_model, training = labeller_fit.readers_for(args.data, args.select, args.cv)
        read += training
        result = selection.evaluate_read(args.data, cases, readers)
        signed_by = signature.signature(signature.data_parts(read, args.select, args.data), line_model=line_model,
                                        glossary=glossary)
        if args.json:
            print(json.dumps({**result, "signature": signed_by}, indent=2, ensure_ascii=False))
            return 0
        print(f"{len(cases)} articles, read by the tool itself"
              f"{' (labeller fitted without each article’s site)' if readers else ''}")
        print(tables.signed(tables.brief_read_table(result), signed_by))
        return 0
    result = selection.evaluate(cases)
    result["articles"] = len(cases)
    cv = None
    if args.cv:
        cv = weights_fit.cross_validate(cases, fitter=ranker_fit.METHODS[args.method])
        result["cross_validated"] = cv
    signed_by = signature.signature(signature.data_parts(read, args.select, args.data), glossary=glossary)
    if args.json:
        print(json.dumps({**result, "signature": signed_by}, indent=2, ensure_ascii=False))
    else:
        print(f"{len(cases)} articles, {sum(len(c.keys) for c in cases)} sections")
        print(tables.signed(tables.brief_table(result, cv), signed_by))
    return 0


if __name__ == "__main__":
    sys.exit(command_line(main))
