"""Time ``briefing follow`` on a day of several hundred feed items, its reruns, and its memory (#26).

A day of news is served from 127.0.0.1 by a thread of this process (``evaluation.newsday``): one RSS
feed of ``--items`` items whose pages are built at run time from the sentences of the real captures in
``--data`` (nothing is copied into the repository or written but the pages' state in the output
folder): most items distinct stories, every sixth story carried again by one to three other outlets
with the edits outlets make (sentences reordered, a paragraph dropped, the byline changed), a few
relevant stories written here about the glossary's field (two outlets each), and one item in a
hundred failing (404, a page with no Korean text).

Each run is ``python -m briefing follow FEED -o OUT/ --model TINY --min-score S`` in a new process, as
a user runs it, timed from start to exit, its peak RSS from ``wait4`` (the child's ``ru_maxrss``). The
model is the tests' tiny random Marian model (``briefing.backends.tiny_model``), built once per
``--workdir`` in a child process: what it translates means nothing, and ``--min-score`` is set so
that only the few relevant stories are briefed, so the figures are those of the following itself
(feed, fetching, reading, scoring, grouping, the state, the digest), not of a model. The server notes
the time of every request: fetched+read+scored items per second is the page requests of a run over
the time from its first page request to its last (fetching is sequential, so that span holds the
reading and scoring of every page but the last), and what follows the last one (grouping, the briefs,
the digest) is timed apart. Before the timed runs, one untimed run on a single item converts the model
into the cache under ``--workdir`` and warms the disk cache, as on a user's second morning.

  first     the day, into an empty folder
  nothing   the same feed again: must fetch no page but the failed ones (retried, up to 3 tries),
            write no brief, and write the same digest, byte for byte
  +NEW      ``--new`` new items at the top of the feed: must fetch only those and the failed ones

The checks of what each run did print as ``ok`` or ``UNEXPECTED`` (the script then exits 1).

    python scripts/bench_follow.py [--items 500] [--new 10] [--min-score 6] [--workdir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing.follow.state import MAX_TRIES

from evaluation import newsday, paths
from evaluation.errors import DataError, command_line


def timed(cmd: list[str], env: dict, log: Path) -> tuple[float, float, int]:
    """(seconds, the child's peak RSS in MB, its exit code); its stderr goes to ``log``."""
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def tried_again(digest: dict) -> dict:
    """The digest as a rerun that fetches nothing new must write it: the same, but each failure tried once more."""
    return {**digest, "failures": [{**f, "tries": f["tries"] + 1, "given_up": f["tries"] + 1 >= MAX_TRIES}
                                   for f in digest["failures"]]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500, help="items in the day's feed")
    parser.add_argument("--new", type=int, default=10, help="items added for the third run")
    parser.add_argument("--relevant", type=int, default=3, help="stories written about the glossary's field (at most 5)")
    parser.add_argument("--min-score", type=float, default=6.0,
                        help="follow's --min-score: on 500 items the 3 relevant stories score 10.5 to 14.25, the mosaics 4.25 at most")
    parser.add_argument("--data", type=Path, default=paths.DEV_DATA, help="folder of NAME.txt captures")
    parser.add_argument("--workdir", type=Path, help="keeps the tiny model and the output folders; default: a temporary one")
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args()

    files = sorted(args.data.glob("*.txt"))
    if not files:
        raise DataError(f"{args.data}: no .txt captures")
    pool = newsday.capture_sentences(newsday.read_captures(args.data))
    day = newsday.make_day(pool, args.items, relevant=args.relevant, seed=args.seed)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="briefing-bench-follow-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env["BRIEFING_CACHE_DIR"] = str(work / "cache")
    env.pop("BRIEFING_DEBUG", None)
    model = work / "tiny-marian"
    if not (model / "config.json").is_file():
        subprocess.run([sys.executable, "-m", "briefing.backends.tiny_model", str(model)], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    out = work / f"out-{args.items}"
    shutil.rmtree(out, ignore_errors=True)
    cores = len(os.sched_getaffinity(0))
    load_before = os.getloadavg()[0]
    runs, checks = [], []

    def check(what: str, holds: bool) -> None:
        checks.append({"check": what, "ok": bool(holds)})

    with newsday.NewsServer(day) as server:
        command = [sys.executable, "-m", "briefing", "follow", server.feed, "-o", f"{out}/", "--model", str(model),
                   "--min-score", f"{args.min_score:g}"]

        def run(label: str) -> dict:
            since = len(server.hits)
            started = time.perf_counter()
            seconds, rss, code = timed(command, env, work / f"{label}.log")
            ended = started + seconds
            lines = (work / f"{label}.log").read_text(encoding="utf-8").splitlines()
            summary = next((line for line in reversed(lines) if "new items fetched" in line), "")
            if code not in (0, 4):
                sys.exit(f"{' '.join(command[:5])}… failed with exit code {code}: {' / '.join(lines[-5:])}")
            hits = server.page_hits(since)
            span = hits[-1][0] - hits[0][0] if len(hits) > 1 else 0.0
            result = {"run": label, "seconds": round(seconds, 2), "peak_rss_mb": round(rss), "exit": code,
                      "pages": len(hits), "fetch_span_s": round(span, 2),
                      "items_per_s": round((len(hits) - 1) / span, 1) if span else None,
                      "after_last_fetch_s": round(ended - hits[-1][0], 2) if hits else None, "summary": summary}
            runs.append(result)
            print(f"{label}: {seconds:.1f}s, peak RSS {rss:.0f} MB, {len(hits)} pages"
                  + (f" ({result['items_per_s']} items/s)" if span else "") + f"; {summary}", file=sys.stderr)
            return result

        def briefs() -> dict[str, int]:
            return {p.name: p.stat().st_mtime_ns for p in (out / "briefs").iterdir()}

        # Not timed: the model's one-time conversion (into the cache under --workdir) and the disk cache
        # warmed with the reader's and the model's files, as on a user's second morning.
        warm = work / "warm"
        shutil.rmtree(warm, ignore_errors=True)
        warm.mkdir()
        relevant_page = next(i for i in day.items if i.kind == "relevant")
        (warm / "links.txt").write_text(server.base + relevant_page.path + "\n", encoding="utf-8")
        timed([*command[:4], str(warm / "links.txt"), "-o", f"{warm / 'out'}/", *command[6:]], env, warm / "log")
        first = run("first")
        digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
        stories = digest["stories"] + digest["below"]
        grouped = sum(1 for s in stories if len(s["outlets"]) > 1)
        failing = len(day.failing())
        check(f"first: every item fetched once ({len(day.items)})", first["pages"] == len(day.items))
        check(f"first: {day.story_count()} stories, {day.carried()} carried by several outlets",
              (len(stories), grouped) == (day.story_count(), day.carried()))
        check(f"first: the {min(args.relevant, len(newsday.RELEVANT))} relevant stories briefed, no other",
              len(digest["stories"]) == min(args.relevant, len(newsday.RELEVANT))
              and all(s["brief"] for s in digest["stories"]))
        check(f"first: the {failing} failing items listed", len(digest["failures"]) == failing)
        before_briefs = briefs()

        nothing = run("nothing")
        check(f"nothing: only the {failing} failed links fetched again", nothing["pages"] == failing)
        again = json.loads((out / "digest.json").read_text(encoding="utf-8"))
        check("nothing: no brief written, the same digest but for the failures' tries",
              briefs() == before_briefs and tried_again(digest) == again)

        new = newsday.add_new(day, args.new)
        server.publish()
        added = run(f"+{args.new}")
        fetched = {path for _, path in server.page_hits(len(server.hits) - added["pages"])}
        check(f"+{args.new}: only the new items and the failed links fetched",
              fetched == {i.path for i in new} | {i.path for i in day.failing()})
        after = json.loads((out / "digest.json").read_text(encoding="utf-8"))
        check(f"+{args.new}: {args.new} more stories, no brief written",
              len(after["stories"]) + len(after["below"]) == len(stories) + args.new and briefs() == before_briefs)
    load_after = os.getloadavg()[0]

    print(f"{len(day.items) - args.new} items ({day.story_count() - args.new} stories, {day.carried()} carried by "
          f"several outlets, {failing} failing), then {args.new} new; {len(digest['stories'])} briefed by the tiny "
          f"model at --min-score {args.min_score:g}; {cores} cores, load average {load_before:.1f} before, "
          f"{load_after:.1f} after")
    print(f"{'run':10} {'seconds':>8} {'peak RSS MB':>12} {'pages':>6} {'items/s':>8} {'after fetch s':>14}")
    for r in runs:
        print(f"{r['run']:10} {r['seconds']:8.1f} {r['peak_rss_mb']:12} {r['pages']:6} {r['items_per_s'] or '-':>8} "
              f"{r['after_last_fetch_s'] if r['after_last_fetch_s'] is not None else '-':>14}")
    for c in checks:
        print(f"{'ok' if c['ok'] else 'UNEXPECTED':10} {c['check']}")
    from briefing.glossary import load_glossaries

    from evaluation import signature  # here: the timed children start from a small parent

    signed_by = signature.signature(signature.data_parts((args.data, f) for f in files),
                                    glossary=signature.glossary_hash(load_glossaries(None)))
    print(signature.line(signed_by))
    if args.json:
        print(json.dumps({"items": len(day.items) - args.new, "new": args.new, "stories": day.story_count() - args.new,
                          "carried": day.carried(), "failing": failing, "briefed": len(digest["stories"]),
                          "min_score": args.min_score, "cores": cores, "load": [load_before, load_after],
                          "runs": runs, "checks": checks, "signature": signed_by}, ensure_ascii=False))
    return 0 if all(c["ok"] for c in checks) else 1


if __name__ == "__main__":
    sys.exit(command_line(main))
