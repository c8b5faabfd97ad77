"""Score the checker on labelled injected errors: errors found, false alarms, errors fixed, collateral.

    python scripts/eval_checker.py --data ../shared/data/checker-dev
    python scripts/eval_checker.py --data DIR --json
    python scripts/eval_checker.py --data DIR --show 20      # and the misses, false alarms, unfixed

DIR holds kor.txt, eng_clean.txt, eng_errors.txt, errors.json and glossary.yaml (the layout of
../shared/data/checker-dev; ``evaluation.checker`` gives the scoring rules). ``briefing check`` runs on
both English files and with ``--fix`` on the errors, as a user runs it. The four figures are printed
together every time: recall (overall and per kind), false alarms (clean reference lines with an error
or warning), fixable errors restored, and lines the repair changed that held no error. The table ends
with a signature line (``evaluation.signature``); ``--json`` gives the figures as JSON on the last line.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evaluation import signature
from evaluation.checker import FILES, score
from evaluation.errors import command_line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="directory with " + ", ".join(FILES))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    parser.add_argument("--show", type=int, default=0, help="print up to N misses, false alarms and unfixed")
    args = parser.parse_args(argv)

    result = score(args.data)
    from briefing.glossary import load_glossaries

    signed_by = signature.signature(
        signature.data_parts((args.data, args.data / name) for name in FILES),
        glossary=signature.glossary_hash(load_glossaries([args.data / "glossary.yaml"])))
    print(f"data {args.data}")
    print(f"  errors found (recall)        {result['recall']:.3f}  ({sum(int(v.split('/')[0]) for v in result['found_by_kind'].values())}/{result['errors']})")
    for kind, share in result["recall_by_kind"].items():
        print(f"    {kind:<26} {share:.3f}  ({result['found_by_kind'][kind]})")
    print(f"  false alarms (clean lines)   {result['false_alarm_rate']:.2%}  ({result['false_alarm_lines']}/{result['clean_lines']})")
    print(f"  fixable errors restored      {result['fixed_rate']:.3f}  ({result['fixed']}/{result['fixable']})")
    for kind, counted in result["fixed_by_kind"].items():
        print(f"    {kind:<26} {counted}")
    print(f"  collateral changes (lines)   {result['collateral_lines']}")
    print(signature.line(signed_by))
    if args.show:
        print("-- missed")
        for r in result["missed"][: args.show]:
            print(f"  {r['line']}: {r['kind']}/{r.get('subkind')} {r['ko']}: {r['was']!r} -> {r['now']!r}")
        print("-- false alarms")
        for n, findings in result["false_alarms"][: args.show]:
            print(f"  {n}: " + "; ".join(f"{f['kind']} {f['ko']} expected={f.get('expected')!r}" for f in findings))
        print("-- unfixed")
        for r in result["unfixed"][: args.show]:
            print(f"  {r['line']}: {r['kind']} {r['was']!r} -> {r['now']!r}; repaired: …{r['repaired'][max(0, r['offset'] - 20): r['offset'] + 40]!r}…")
        print("-- collateral")
        for n, before, after in result["collateral"][: args.show]:
            print(f"  {n}: {before!r} -> {after!r}")
    if args.json:
        figures = {k: v for k, v in result.items() if k not in ("missed", "unfixed", "false_alarms", "collateral")}
        print(json.dumps({**figures, "signature": signed_by}))
    return 0


if __name__ == "__main__":
    raise SystemExit(command_line(main))
