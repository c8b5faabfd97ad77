"""Time `check` on 1k, 10k and 50k lines and print the growth ratios: the cost must grow linearly (#16).

    python scripts/bench_check.py                 # adversarial lines, 1k / 10k / 50k
    python scripts/bench_check.py --sizes 1000 5000 --json

Adversarial lines name one person in eight near-miss spellings (the case that took 42 s for 1,000
lines and was killed past 300 s for 4,000 when the name check compared every pair of lines); each line
also carries a number and a glossary term, so every check runs. Written here, not read from any data
set. The ratio column is seconds per line relative to the smallest size: about 1.0 means linear.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

from briefing.checks import check_segments
from briefing.model import Term

from evaluation import signature

SPELLINGS = ("Willoughby", "Willowby", "Willoughbie", "Wiloughby", "Willoghby", "Willoughbey", "Willouby",
             "Willowbie")
GLOSSARY = [Term("윌로비", "Willoughby"), Term("리버풀", "Liverpool")]


def lines(n: int) -> tuple[list[str], list[str]]:
    ko = [f"윌로비 선수는 리버풀과의 {i % 90 + 1}분 경기에서 {i % 7 + 1}골을 넣었다." for i in range(n)]
    en = [f"{SPELLINGS[i % 8]} scored {i % 7 + 1} goals in a {i % 90 + 1}-minute game against Liverpool."
          for i in range(n)]
    return ko, en


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000])
    parser.add_argument("--json", action="store_true", help="print the results as JSON on the last line")
    args = parser.parse_args(argv)
    check_segments(*lines(10), GLOSSARY, fix=True)  # load kiwi and wordfreq outside the timings
    rows = []
    for n in args.sizes:
        ko, en = lines(n)
        start = time.perf_counter()
        report = check_segments(ko, en, GLOSSARY, fix=True)
        seconds = time.perf_counter() - start
        inconsistent = sum(i.kind == "inconsistent" for i in report.issues)
        rows.append({"lines": n, "seconds": round(seconds, 2), "findings": len(report.issues),
                     "inconsistent": inconsistent, "edits": len(report.edits)})
    base = rows[0]["seconds"] / rows[0]["lines"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'lines':>7} {'seconds':>8} {'ratio':>6} {'inconsistent':>12} {'findings':>9} {'edits':>7}")
    for row in rows:
        row["ratio"] = round(row["seconds"] / row["lines"] / base, 2)
        print(f"{row['lines']:>7} {row['seconds']:>8.2f} {row['ratio']:>6.2f} {row['inconsistent']:>12} "
              f"{row['findings']:>9} {row['edits']:>7}")
    print(f"peak RSS {peak_mb:.0f} MB")
    signed_by = signature.signature()
    print(signature.line(signed_by))
    if args.json:
        print(json.dumps({"rows": rows, "peak_rss_mb": round(peak_mb), "signature": signed_by}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
