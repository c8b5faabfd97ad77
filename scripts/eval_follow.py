"""Measure `briefing follow`: the near-duplicate grouping and the relevance threshold.

    python scripts/eval_follow.py --data ../shared/data/articles-dev
    python scripts/eval_follow.py --data DIR --glossary FILE --min-score 4 --json

Grouping: every ``*.txt`` article of DIR is read as ``follow`` reads a page's text (the reader, then
every segment but the title) together with three edited copies made in memory (sentences reordered, a
paragraph dropped, the byline changed; ``evaluation.following``). The copies of one article and the
article are one story. For each threshold of the similarity (Jaccard of character 5-grams) the pairwise
precision and recall of ``follow``'s grouping, the number of groups, and the pairs of *different*
articles grouped (there must be none) are printed; then the lowest similarity of each kind of copy to
its original and the most similar pairs of different articles: the threshold must lie between them.

Relevance: each article's score with the glossary (default: the shipped one) and whether it reaches
``--min-score`` (default: ``follow``'s), with the terms behind the score, highest first.

Nothing is written: the copies live in memory. The figures end with a signature line
(``evaluation.signature``): the commit, a hash of the articles read, the glossary's hash and the package
version; ``--json`` prints the summary with the key ``signature`` on the last line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from briefing.same_story import THRESHOLD, group_texts, story_text
from briefing.follow.relevance import DEFAULT_MIN_SCORE, score_article
from briefing.glossary import load_glossaries
from briefing.pipeline import prepare
from briefing.reader.source import load_source

from evaluation import paths, signature
from evaluation.following import (article_files, closest_pairs, edit_similarities, edited_copies,
                                  score_grouping)
from evaluation.errors import DataError, command_line

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=paths.DEV_DATA, help="folder of NAME.txt articles")
    parser.add_argument("--glossary", type=Path, help="glossary file; default: the shipped one")
    parser.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE, help="the relevance threshold")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on the last line")
    args = parser.parse_args(argv)

    files = article_files(args.data)
    if not files:
        raise DataError(f"{args.data}: no .txt articles")
    glossary = load_glossaries([args.glossary] if args.glossary else None)
    versions, texts, scores = [], [], []
    from briefing.reader.source import decode_bytes

    for path in files:
        for version in edited_copies(path.stem, decode_bytes(path.read_bytes(), str(path))):
            result = prepare(load_source("-", version.text.encode("utf-8")), glossary)
            versions.append(version)
            texts.append(story_text(result))
            if version.edit == "original":
                scores.append((path.stem, score_article(result)))

    signed_by = signature.signature(signature.data_parts((args.data, f) for f in files),
                                    glossary=signature.glossary_hash(glossary))
    print(f"grouping: {len(files)} articles and {len(versions) - len(files)} edited copies "
          f"(reordered, dropped, byline), {len(versions)} texts")
    print("| threshold | precision | recall | groups | different stories grouped |")
    print("|---|---|---|---|---|")
    table = {}
    for threshold in sorted({*THRESHOLDS, THRESHOLD}):
        score = score_grouping(versions, group_texts(texts, threshold), threshold)
        table[threshold] = score
        mark = " (default)" if threshold == THRESHOLD else ""
        print(f"| {threshold:g}{mark} | {score.precision:.3f} | {score.recall:.3f} | {score.groups} | "
              f"{len(score.cross)}{': ' + ', '.join('+'.join(p) for p in score.cross[:3]) if score.cross else ''} |")
    lowest = edit_similarities(versions, texts)
    print("lowest similarity to the original: " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(lowest.items())))
    originals = [i for i, v in enumerate(versions) if v.edit == "original"]
    closest = closest_pairs([versions[i].story for i in originals], [texts[i] for i in originals])
    print("most similar different articles: " + "; ".join(f"{a} + {b} {s:.3f}" for s, a, b in closest))
    missed = table[THRESHOLD].missed
    if missed:
        print(f"not grouped at {THRESHOLD:g}: " + ", ".join(f"{s} ({e})" for s, e in missed))

    passing = [(name, r) for name, r in scores if r.score >= args.min_score]
    print(f"\nrelevance: {len(passing)} of {len(scores)} articles reach --min-score {args.min_score:g}")
    print("| article | score | terms |")
    print("|---|---|---|")
    for name, r in sorted(scores, key=lambda x: (-x[1].score, x[0])):
        if r.score >= args.min_score or r.score >= args.min_score / 2:
            print(f"| {name}{'' if r.score >= args.min_score else ' (below)'} | {r.score:g} | {r.why()} |")
    print(signature.line(signed_by))
    if args.json:
        print(json.dumps({
            "grouping": {f"{t:g}": {"precision": s.precision, "recall": s.recall, "groups": s.groups,
                                    "cross": [list(p) for p in s.cross]} for t, s in table.items()},
            "lowest_similarity": lowest,
            "closest": [[a, b, s] for s, a, b in closest],
            "relevance": {name: r.score for name, r in scores},
            "passing": [name for name, _ in passing],
            "signature": signed_by,
        }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(command_line(main))
