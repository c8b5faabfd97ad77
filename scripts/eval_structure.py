"""How well ``briefing`` reads real captures: precision, recall and F1 over title, subtitle, headings
and boilerplate lines, against hand annotations.

    python scripts/eval_structure.py ../shared/data/articles-dev [--json] [--cv] [--verbose] [--select GLOB]

DIR holds ``NAME.txt`` captures with ``NAME.expected.json`` annotations (see that folder's README).
A predicted line matches a gold line of the same part when the two are equal after removing
whitespace and heading markers, or when one contains the other and the shorter is at least 80% of
the longer; each gold line is matched at most once (``evaluation.structure``).

``--cv`` reads each article with a line labeller trained without that article's site (folds by
site, trained as ``scripts/train_lines.py`` trains), which is the figure that counts for texts
nobody tuned the reader to; without it, the shipped labeller is used.

``--select GLOB`` reads only the captures whose file name matches (``'j*'``, ``'[defg]*'``): a
subset reported alone. The shipped labeller was fitted on all of them, so only ``--cv`` gives
figures on texts it never saw (the j and k captures were blind to the labeller before it). With ``--cv`` the selection holds for the folds' training too (the
other captures of DIR are not read), so ``--cv --select '[defg]*'`` is the figure measured before
the j and k captures came.

Characters lost (must be 0): non-whitespace characters of the input that land in no part, or in two.
The figures end with a signature line (``evaluation.signature``): the commit, a hash of the captures
read, the line model's hash and the package version; ``--json`` gives it as the key ``signature``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evaluation import labeller_fit, paths, signature, structure, tables
from evaluation.captures import read_captures
from evaluation.errors import command_line

SELECT_HELP = "only the captures whose file name matches GLOB (e.g. 'j*'): a subset reported alone"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=paths.DEV_DATA)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--cv", action="store_true", help="labeller trained without each article's site")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and extra")
    parser.add_argument("--select", metavar="GLOB", help=SELECT_HELP)
    args = parser.parse_args()
    captures = read_captures(args.folder, args.select)
    read = [(c.folder, f) for c in captures for f in c.files]
    readers, line_model, training = labeller_fit.readers_for(args.folder, args.select, args.cv)
    read += training
    result = structure.evaluate(captures, readers)
    signed_by = signature.signature(signature.data_parts(read, args.select, args.folder), line_model=line_model)
    if args.json:
        print(json.dumps({**{k: v for k, v in result.items() if k != "per_article"}, "signature": signed_by},
                         indent=2))
        return
    print(tables.structure_report(result, signed_by, cv=args.cv, verbose=args.verbose))


if __name__ == "__main__":
    sys.exit(command_line(main))
