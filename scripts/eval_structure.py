"""How well ``briefing`` reads real captures: precision, recall and F1 over title, subtitle, headings
and boilerplate lines, against hand annotations.

    python scripts/eval_structure.py ../shared/data/articles-dev [--json] [--cv] [--verbose]

DIR holds ``NAME.txt`` captures with ``NAME.expected.json`` annotations (see that folder's README).
A predicted line matches a gold line of the same part when the two are equal after removing
whitespace and heading markers, or when one contains the other and the shorter is at least 80% of
the longer; each gold line is matched at most once. Predicted boilerplate that is only part of a
line (a dateline cut off the lead) is not scored: the annotations list whole lines only.

``--cv`` reads each article with a line labeller trained without that article's site (folds by
site, see ``scripts/train_lines.py``), which is the figure that counts for texts nobody tuned the
reader to; without it, the shipped labeller is used.

Characters lost (must be 0): non-whitespace characters of the input that land in no part, or in two.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from briefing.reader.article import read_article  # noqa: E402
from briefing.reader.source import decode_bytes  # noqa: E402

PARTS = ("title", "subtitle", "heading", "boilerplate")
_MARKERS = re.compile(r"^[\s◇◆■□▲△○●◎▶▷►◈▣☆★•·\-–—※☞\[【<〈《「]+|[\s\]】>〉》」]+$")


def normalise(line: str) -> str:
    return "".join(_MARKERS.sub("", line.strip()).split()) or "".join(line.split())


def close(a: str, b: str) -> bool:
    """One normalised line contains the other, and the shorter is at least 80% of the longer."""
    short, long_ = sorted((a, b), key=len)
    return bool(short) and short in long_ and len(short) >= 0.8 * len(long_)


def matches(a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    return a == b or close(a, b)


def gold_items(expected: dict) -> list[tuple[str, str]]:
    items = []
    if expected.get("title"):
        items.append(("title", expected["title"]))
    if expected.get("subtitle"):
        items.append(("subtitle", expected["subtitle"]))
    items += [("heading", h) for h in expected.get("headings", [])]
    items += [("boilerplate", b) for b in expected.get("boilerplate", [])]
    return items


def predicted_items(article) -> list[tuple[str, str]]:
    text = article.text
    items = []
    if article.title:
        items.append(("title", article.title.ko))
    if article.subtitle:
        items.append(("subtitle", article.subtitle.ko))
    items += [("heading", s.heading.ko) for s in article.sections if s.heading]
    for b in article.boilerplate:
        line_start = text.rfind("\n", 0, b.start) + 1
        line_end = text.find("\n", b.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if line.strip() == b.ko.strip() or b.kind != "dateline":
            items += [("boilerplate", piece) for piece in b.ko.split("\n") if piece.strip()]
    return items


def characters_lost(article) -> int:
    """Non-whitespace characters covered by no part, plus those covered by more than one."""
    cover = Counter()
    spans = []
    if article.title:
        spans.append(article.title)
    if article.subtitle:
        spans.append(article.subtitle)
    for section in article.sections:
        if section.heading:
            spans.append(section.heading)
        spans.extend(section.paragraphs)
    spans.extend(article.boilerplate)
    for span in spans:
        for i in range(span.start, span.end):
            cover[i] += 1
    return sum(1 for i, ch in enumerate(article.text) if not ch.isspace() and cover[i] != 1)


def score(gold: list[tuple[str, str]], pred: list[tuple[str, str]]):
    """Greedy one-to-one matching within each part; returns (true positives, misses, extras)."""
    used = [False] * len(gold)
    tp, extras = [], []
    for part, line in pred:
        for i, (gpart, gline) in enumerate(gold):
            if not used[i] and gpart == part and matches(line, gline):
                used[i] = True
                tp.append((part, line))
                break
        else:
            extras.append((part, line))
    misses = [g for g, u in zip(gold, used) if not u]
    return tp, misses, extras


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(folder: Path, cv: bool = False, readers: dict | None = None) -> dict:
    paths = sorted(folder.glob("*.expected.json"))
    if not paths:
        raise SystemExit(f"error: no *.expected.json in {folder}")
    readers = readers or {}
    if cv and not readers:
        sys.path.insert(0, str(REPO / "scripts"))
        from train_lines import cross_validated_readers  # noqa: E402

        readers = cross_validated_readers(folder)
    totals = {part: Counter() for part in PARTS}
    articles = []
    titles_right = lost_total = 0
    for path in paths:
        name = path.name[: -len(".expected.json")]
        expected = json.loads(path.read_text(encoding="utf-8"))
        data = (folder / f"{name}.txt").read_bytes()
        text = decode_bytes(data, name)
        reader = readers.get(name, read_article)
        article = reader(text)
        gold, pred = gold_items(expected), predicted_items(article)
        tp, misses, extras = score(gold, pred)
        for part in PARTS:
            totals[part]["tp"] += sum(1 for p, _ in tp if p == part)
            totals[part]["fn"] += sum(1 for p, _ in misses if p == part)
            totals[part]["fp"] += sum(1 for p, _ in extras if p == part)
        title_ok = (expected.get("title") is None and article.title is None) or (
            expected.get("title") is not None and article.title is not None
            and matches(article.title.ko, expected["title"]))
        titles_right += title_ok
        lost = characters_lost(article)
        lost_total += lost
        articles.append({"article": name, "title_right": title_ok, "lost": lost,
                         "missed": misses, "extra": extras})
    all_ = Counter()
    for part in PARTS:
        all_.update(totals[part])
    overall = prf(all_["tp"], all_["fp"], all_["fn"])
    return {
        "articles": len(paths),
        "precision": overall[0], "recall": overall[1], "f1": overall[2],
        "titles_right": titles_right,
        "characters_lost": lost_total,
        "parts": {part: dict(zip(("precision", "recall", "f1"), prf(c["tp"], c["fp"], c["fn"])),
                             gold=c["tp"] + c["fn"]) for part, c in totals.items()},
        "per_article": articles,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=REPO.parent / "shared/data/articles-dev")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--cv", action="store_true", help="labeller trained without each article's site")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    result = evaluate(args.folder, cv=args.cv)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "per_article"}, indent=2))
        return
    print(f"{result['articles']} articles{' (cross-validated by site)' if args.cv else ''}")
    print(f"{'part':<12} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for part, figures in result["parts"].items():
        print(f"{part:<12} {figures['gold']:>5} {figures['precision']:6.3f} {figures['recall']:6.3f} "
              f"{figures['f1']:6.3f}")
    print(f"{'all':<12} {'':>5} {result['precision']:6.3f} {result['recall']:6.3f} {result['f1']:6.3f}")
    print(f"titles right: {result['titles_right']}/{result['articles']}; "
          f"characters lost: {result['characters_lost']}")
    for a in result["per_article"]:
        if a["missed"] or a["extra"] or not a["title_right"]:
            print(f"\n{a['article']}: {len(a['missed'])} missed, {len(a['extra'])} extra"
                  f"{'' if a['title_right'] else ', TITLE WRONG'}")
            if args.verbose:
                for part, line in a["missed"]:
                    print(f"   - missed {part}: {line[:90]}")
                for part, line in a["extra"]:
                    print(f"   + extra  {part}: {line[:90]}")


if __name__ == "__main__":
    main()
