"""Evaluate glossary adherence, repair and false alarms on a line-aligned test set.

    python scripts/eval_glossary.py --data ../shared/data/flores200-dev
    python scripts/eval_glossary.py --data DIR --glossary FILE --output opus-mt-ko-en --json

DIR holds kor.txt, eng.txt (the human reference) and NAME.txt (a model's output, default
opus-mt-tc-big-ko-en), one segment per line. Reported: glossary-term occurrences in the Korean;
adherence (share of occurrences whose English holds the canonical rendering or a variant) of the raw and
the repaired output; chrF++ (sacrebleu CHRF(word_order=2)) of raw and repaired output against the
reference; the false-alarm rate (share of *reference* segments on which any check finds anything: a
human translation should raise almost none), in total and per finding kind; findings per kind on the
raw output; and the low-severity notes on the reference (numbers said another way), which are not
findings.

Without --glossary, a glossary is built from the data (``evaluation.adherence.build_glossary`` says how
and what it misses) and written to scripts/data/<dir>-built.yaml.

The table ends with a signature line (``evaluation.signature``): the commit, a hash of the three files
read, the glossary's hash and the package version; ``--json`` gives it as the key ``signature``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing.glossary import load_glossaries, write_glossary_yaml

from evaluation import adherence, paths, signature, tables
from evaluation.aligned import DEFAULT_OUTPUT, read_aligned, read_lines
from evaluation.errors import command_line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="directory with kor.txt, eng.txt, NAME.txt")
    parser.add_argument("--glossary", type=Path, help="glossary file; default: build one from the data")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="NAME of the model output file")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on the last line")
    parser.add_argument("--show", type=int, default=0, help="print up to N findings and edits")
    args = parser.parse_args(argv)

    if args.glossary:
        glossary = load_glossaries([args.glossary])
        source = str(args.glossary)
    else:
        terms = adherence.build_glossary(read_lines(args.data / "kor.txt"), read_lines(args.data / "eng.txt"))
        out = paths.REPO / "scripts" / "data" / f"{args.data.resolve().name}-built.yaml"
        out.parent.mkdir(parents=True, exist_ok=True)
        write_glossary_yaml(terms, out, name=f"built from {args.data.resolve().name}",
                            header="Built by scripts/eval_glossary.py from the references; regenerate, "
                                   "do not edit.")
        glossary = load_glossaries([out])
        source = f"{out} (built, {len(terms)} terms)"

    aligned = read_aligned(args.data, args.output)
    result, (raw, fixed, ref) = adherence.evaluate(aligned, glossary)
    signed_by = signature.signature(signature.data_parts((args.data, f) for f in aligned.files),
                                    glossary=signature.glossary_hash(glossary))
    print(f"data {args.data}  output {args.output}  glossary {source}")
    print(tables.signed(tables.adherence_report(result), signed_by))
    if args.show:
        print("-- reference findings")
        for issue in ref.issues[: args.show]:
            print(f"  {ref.line_of(issue.segment)}: {issue.kind} {issue.ko} expected={issue.expected!r} found={issue.found!r}")
        print("-- edits")
        for edit in fixed.edits[: args.show]:
            print(f"  {fixed.line_of(edit.segment)}: {edit.rule} {edit.before!r} -> {edit.after!r}")
        print("-- unfixed missing")
        for issue in [i for i in fixed.issues if i.kind == "missing" and not i.fixed][: args.show]:
            print(f"  {fixed.line_of(issue.segment)}: {issue.ko} expected={issue.expected!r} found={issue.found!r}")
    if args.json:
        result.pop("reference_findings")
        result.pop("reference_adherence")
        result.pop("edits")
        print(json.dumps({**result, "signature": signed_by}))
    return 0


if __name__ == "__main__":
    sys.exit(command_line(main))
