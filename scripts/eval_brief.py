"""Measure the briefing selection against key sentences a person picked, beside first-k baselines.

    python scripts/eval_brief.py                     # ../shared/data/articles-dev
    python scripts/eval_brief.py DIR --json
    python scripts/eval_brief.py --cv                # also leave-one-out by article (refits weights)
    python scripts/eval_brief.py --read              # end to end: the tool reads the .txt itself

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
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from briefing import brief
from briefing.glossary import TermFinder, load_glossaries
from briefing.model import Article, Line, Section, Sentence

DEFAULT = Path("../shared/data/articles-dev")
MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Case:
    """One annotated article: the Article built from its brief, and the person's picks as strings."""

    name: str
    article: Article
    hits: tuple
    keys: tuple[tuple[str, ...], ...]  # key sentences per section
    summary_key: tuple[str, ...]


def _read_json(path: Path) -> dict:
    if path.stat().st_size > MAX_BYTES:
        raise SystemExit(f"Error: {path} is over {MAX_BYTES} bytes")
    return json.loads(path.read_text(encoding="utf-8"))


def _line(text: str, value: str | None, after: int = 0) -> Line | None:
    if not value:
        return None
    value = value.split("\n")[0]
    at = text.find(value, after)
    return Line(value, max(at, 0), max(at, 0) + len(value))


def load_cases(data: Path) -> list[Case]:
    """Every brief of ``data/briefs`` as a Case; sentences are located in the .txt in order. A folder
    without briefs ends the script with exit code 2 and one line, as both scripts that read them do."""
    if not (data / "briefs").is_dir():
        print(f"Error: {data}/briefs is not a folder of annotated briefs", file=sys.stderr)
        raise SystemExit(2)
    finder = TermFinder(load_glossaries(None))
    cases = []
    for path in sorted((data / "briefs").glob("*.json")):
        b = _read_json(path)
        stem = Path(b["article"]).stem
        text = (data / b["article"]).read_text(encoding="utf-8-sig")
        expected = data / f"{stem}.expected.json"
        meta = _read_json(expected) if expected.exists() else {}
        sections, keys, at = [], [], 0
        for sec in b["sections"]:
            sents = []
            for s in sec["sentences"]:
                start = text.find(s, at)
                if start < 0:
                    raise SystemExit(f"Error: {path.name}: sentence not found in {b['article']}: {s[:40]}")
                sents.append(Sentence(s, start, start + len(s)))
                at = start + len(s)
            heading = _line(text, sec["heading"])
            sections.append(Section(heading=heading, paragraphs=(), sentences=tuple(sents)))
            keys.append(tuple(sec["sentences"][k] for k in sec["key"]))
        article = Article(
            text=text, title=_line(text, meta.get("title")), subtitle=_line(text, meta.get("subtitle")),
            sections=tuple(sections),
        )
        hits = tuple(finder.find(s.ko) for s in article.sentences())
        summary_key = tuple(b["sections"][s]["sentences"][i] for s, i in b["summary_key"])
        cases.append(Case(stem, article, hits, tuple(keys), summary_key))
    return cases


def same(a: str, b: str) -> bool:
    """The one matching tolerance: whitespace-free equality, containment at 80% length, or ratio 0.85."""
    a, b = "".join(a.split()), "".join(b.split())
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if short and short in long and len(short) >= 0.8 * len(long):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.85


def matches(picked: list[str], key: list[str]) -> int:
    """How many picks match a distinct key sentence."""
    left, hit = list(key), 0
    for p in picked:
        for k in left:
            if same(p, k):
                left.remove(k)
                hit += 1
                break
    return hit


class Score:
    """Pooled precision, recall and F1."""

    def __init__(self) -> None:
        self.hit = self.picked = self.key = 0

    def add(self, picked: list[str], key: list[str]) -> None:
        self.hit += matches(picked, key)
        self.picked += len(picked)
        self.key += len(key)

    def row(self) -> dict[str, float]:
        p = self.hit / self.picked if self.picked else 0.0
        r = self.hit / self.key if self.key else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def evaluate(cases: list[Case], briefs: list | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """Bullets and summary of the tool (or the given Briefs, one per case) and of both baselines."""
    names = ("tool", "first-k (person's k)", "first-k (tool's k)")
    bullets = {n: Score() for n in names}
    summary = {n: Score() for n in names}
    for c, b in zip(cases, briefs or [brief.select(c.article, c.hits) for c in cases]):
        ko = [s.ko for s in c.article.sentences()]
        for section, ids, key in zip(c.article.sections, b.sections, c.keys):
            sents = [s.ko for s in section.sentences]
            bullets["tool"].add([ko[i] for i in ids], list(key))
            bullets["first-k (person's k)"].add(sents[: len(key)], list(key))
            bullets["first-k (tool's k)"].add(sents[: brief.bullets_for(len(sents))], list(key))
        summary["tool"].add([ko[i] for i in b.summary], list(c.summary_key))
        summary["first-k (person's k)"].add(ko[: len(c.summary_key)], list(c.summary_key))
        summary["first-k (tool's k)"].add(ko[: brief.SUMMARY_SIZE], list(c.summary_key))
    return {"bullets": {n: s.row() for n, s in bullets.items()}, "summary": {n: s.row() for n, s in summary.items()}}


def evaluate_read(data: Path, cases: list[Case], readers: dict | None = None) -> dict:
    """End to end: the tool's reading of each .txt, its bullets and summary, and the first-k baseline.

    ``readers`` maps an article to the reader to use (``--read --cv``: a line labeller fitted without
    the article's site, from ``scripts/train_lines.py``); the shipped reader otherwise.
    """
    from briefing.pipeline import read
    from briefing.sentences import split_sentences
    from briefing.reader.source import read_source

    finder = TermFinder(load_glossaries(None))
    names = ("tool", "first-k (tool's k)")
    bullets = {n: Score() for n in names}
    summary = {n: Score() for n in names}
    for c in cases:
        text = read_source(str(data / f"{c.name}.txt"))
        article = split_sentences(readers[c.name](text)) if readers and c.name in readers else read(text)
        hits = [finder.find(s.ko) for s in article.sentences()]
        b = brief.select(article, hits)
        ko = [s.ko for s in article.sentences()]
        keys = [k for section in c.keys for k in section]
        bullets["tool"].add([ko[i] for ids in b.sections for i in ids], keys)
        bullets["first-k (tool's k)"].add(
            [s.ko for sec in article.sections for s in sec.sentences[: brief.bullets_for(len(sec.sentences))]], keys)
        summary["tool"].add([ko[i] for i in b.summary], list(c.summary_key))
        summary["first-k (tool's k)"].add(ko[: brief.SUMMARY_SIZE], list(c.summary_key))
    return {"bullets": {n: s.row() for n, s in bullets.items()}, "summary": {n: s.row() for n, s in summary.items()}}


def table(result: dict, cv: dict | None = None) -> str:
    rows = ["| selection | bullets P | bullets R | bullets F1 | summary P | summary R | summary F1 |", "|---|---|---|---|---|---|---|"]
    labelled = [("tool, in-sample" if cv else "tool", result, "tool")]
    if cv:
        labelled.insert(0, ("tool, cross-validated (leave-one-out)", cv, "tool"))
    labelled += [(n, result, n) for n in ("first-k (person's k)", "first-k (tool's k)")]
    for label, res, key in labelled:
        b, s = res["bullets"][key], res["summary"][key]
        rows.append(f"| {label} | {b['precision']:.2f} | {b['recall']:.2f} | {b['f1']:.2f} | "
                    f"{s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--cv", action="store_true", help="add leave-one-out figures (refits the weights per fold)")
    parser.add_argument("--read", action="store_true", help="end to end: the tool reads each .txt itself")
    args = parser.parse_args(argv)
    cases = load_cases(args.data)
    if args.read:
        readers = None
        if args.cv:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from train_lines import cross_validated_readers

            readers = cross_validated_readers(args.data)
        result = evaluate_read(args.data, cases, readers)
        if args.json:
            print(json.dumps(result, indent=2, ensure_ascii=False))
            return 0
        print(f"{len(cases)} articles, read by the tool itself"
              f"{' (labeller fitted without each article’s site)' if readers else ''}")
        print("| selection | bullets P | bullets R | bullets F1 | summary P | summary R | summary F1 |")
        print("|---|---|---|---|---|---|---|")
        for n in result["bullets"]:
            b, sm = result["bullets"][n], result["summary"][n]
            print(f"| {n} | {b['precision']:.2f} | {b['recall']:.2f} | {b['f1']:.2f} | "
                  f"{sm['precision']:.2f} | {sm['recall']:.2f} | {sm['f1']:.2f} |")
        return 0
    result = evaluate(cases)
    result["articles"] = len(cases)
    cv = None
    if args.cv:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from fit_brief import cross_validate

        cv = cross_validate(cases)
        result["cross_validated"] = cv
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"{len(cases)} articles, {sum(len(c.keys) for c in cases)} sections")
        print(table(result, cv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
