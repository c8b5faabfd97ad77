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

Without --glossary, a glossary is built from the data and written to scripts/data/<dir>-built.yaml:

1. kiwi analyses the Korean; candidates are proper nouns (NNP, 2+ syllables) and runs of adjacent NNPs
   (구마가이 도시히토 when kiwi splits it), Hangul only;
2. on the English side, candidates are runs of capitalised words (1-4 words; the first word of a
   sentence counts only if the word is capitalised mid-sentence elsewhere in the references);
3. a pair (ko, en) is kept when ko occurs in at least 2 segments, the references use en in at least 75%
   of them (a stable rendering), and the Dice coefficient of their segment sets is at least 0.5; per ko
   the best-scoring en wins (Dice plus half the similarity of the two consonant skeletons, so that 롬니
   takes Romney rather than the Republican Party beside it in every sentence), a longer en on ties.

The built glossary is only as good as these alignments: it renders what the references say, in the
references' own casing, and it never contains common nouns.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from briefing.checks import check_segments
from briefing.checks.names import sounds_alike
from briefing.glossary import TermFinder, load_glossaries, write_glossary_yaml
from briefing.model import Glossary, Term

HERE = Path(__file__).resolve().parent
MIN_COUNT = 2  # a pair seen once aligns with every capitalised word in its sentence
STABILITY = 0.75  # share of the ko's segments whose reference holds the en
MIN_DICE = 0.5
_CAP_RUN = re.compile(r"(?:[A-Z][\w'\u2019.\-]*)(?:\s+(?:[A-Z][\w'\u2019.\-]*))*")


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def _korean_candidates(kor: list[str]) -> list[set[str]]:
    from briefing.checks import analyse as _analyse

    out = []
    for ko, morphs in zip(kor, _analyse(kor)):
        cands = set()
        prev = None
        for form, tag, start, end in morphs:
            if tag == "NNP" and re.fullmatch(r"[가-힣 ]+", form) and len(form.replace(" ", "")) >= 2:
                cands.add(ko[start:end])
                if prev is not None and prev[1] == "NNP" and start - prev[3] <= 1:
                    cands.add(ko[prev[2]:end])
            prev = (form, tag, start, end)
        out.append(cands)
    return out


def _english_candidates(eng: list[str]) -> list[set[str]]:
    mid_caps, mid_lower = Counter(), Counter()
    for line in eng:
        words = re.findall(r"[A-Za-z][\w'\u2019\-]*", line)
        for w in words[1:]:
            (mid_caps if w[0].isupper() else mid_lower)[w.lower()] += 1
    out = []
    for line in eng:
        cands = set()
        for m in _CAP_RUN.finditer(line):
            words = m.group().rstrip(".").split()
            if m.start() == 0 or re.search(r"[.!?\"]\s*$", line[:m.start()]):
                first = words[0].lower()
                if mid_caps[first] <= mid_lower[first] or mid_caps[first] == 0:
                    words = words[1:]
            words = [w.rstrip(",;:") for w in words]
            words = [re.sub(r"['\u2019]s$", "", w) for w in words]
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + 4) + 1):
                    span = " ".join(words[i:j])
                    if len(span) >= 3 and not span.isdigit():
                        cands.add(span)
        out.append(cands)
    return out


def build_glossary(kor: list[str], eng: list[str]) -> list[Term]:
    """Glossary entries aligned from the data (see the module docstring for how and what it misses)."""
    ko_sets, en_sets = _korean_candidates(kor), _english_candidates(eng)
    c_ko, c_en, c_pair = Counter(), Counter(), defaultdict(Counter)
    for ks, es in zip(ko_sets, en_sets):
        c_ko.update(ks)
        c_en.update(es)
        for k in ks:
            c_pair[k].update(es)
    terms = []
    for k, n in c_ko.items():
        if n < MIN_COUNT:
            continue
        best = None
        for e, both in c_pair[k].items():
            if both / n < STABILITY:
                continue
            dice = 2 * both / (n + c_en[e])
            if dice < MIN_DICE:
                continue
            # a transliterated name sounds like its Korean (롬니 / Romney, not Republican Party)
            key = (round(dice + 0.5 * sounds_alike(k, e), 6), len(e))
            if best is None or key > best[0]:
                best = (key, e)
        if best:
            terms.append(Term(ko=k, en=best[1], note=f"built: {c_pair[k][best[1]]}/{n} segments"))
    # a ko contained in a longer ko with the same en adds nothing
    terms.sort(key=lambda t: t.ko)
    return terms


def evaluate(data: Path, glossary: Glossary, output: str) -> dict:
    from sacrebleu.metrics import CHRF

    kor, eng, hyp = _read(data / "kor.txt"), _read(data / "eng.txt"), _read(data / f"{output}.txt")
    if not (len(kor) == len(eng) == len(hyp)):
        raise SystemExit(f"error: {data}: kor/eng/{output} have {len(kor)}/{len(eng)}/{len(hyp)} lines")
    finder = TermFinder(glossary)
    raw = check_segments(kor, hyp, finder)
    fixed = check_segments(kor, hyp, finder, fix=True)
    ref = check_segments(kor, eng, finder)
    chrf = CHRF(word_order=2)
    occurrences = raw.term_occurrences
    alarmed = {i.segment for i in ref.issues}
    return {
        "segments": raw.segments,
        "occurrences": occurrences,
        "adherence_raw": raw.rendered_count / occurrences if occurrences else 1.0,
        "adherence_fixed": fixed.rendered_fixed / occurrences if occurrences else 1.0,
        "chrf_raw": chrf.corpus_score(list(raw.en), [eng]).score,
        "chrf_fixed": chrf.corpus_score(list(fixed.en), [eng]).score,
        "false_alarm_rate": len(alarmed) / len(kor) if kor else 0.0,
        # reference segments with a finding of each kind (a segment may count under several kinds)
        "false_alarms_by_kind": {k: len({i.segment for i in ref.issues if i.kind == k}) / len(kor) if kor else 0.0
                                 for k in raw.counts()},
        "reference_notes": len(ref.notes),
        "findings": raw.counts(),
        "reference_findings": ref.counts(),
        "reference_adherence": ref.rendered_count / occurrences if occurrences else 1.0,
        "edits": len(fixed.edits),
        "_reports": (raw, fixed, ref),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="directory with kor.txt, eng.txt, NAME.txt")
    parser.add_argument("--glossary", type=Path, help="glossary file; default: build one from the data")
    parser.add_argument("--output", default="opus-mt-tc-big-ko-en", help="NAME of the model output file")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on the last line")
    parser.add_argument("--show", type=int, default=0, help="print up to N findings and edits")
    args = parser.parse_args(argv)

    if args.glossary:
        glossary = load_glossaries([args.glossary])
        source = str(args.glossary)
    else:
        terms = build_glossary(_read(args.data / "kor.txt"), _read(args.data / "eng.txt"))
        out = HERE / "data" / f"{args.data.resolve().name}-built.yaml"
        out.parent.mkdir(parents=True, exist_ok=True)
        write_glossary_yaml(terms, out, name=f"built from {args.data.resolve().name}",
                            header="Built by scripts/eval_glossary.py from the references; regenerate, "
                                   "do not edit.")
        glossary = load_glossaries([out])
        source = f"{out} (built, {len(terms)} terms)"

    result = evaluate(args.data, glossary, args.output)
    raw, fixed, ref = result.pop("_reports")
    print(f"data {args.data}  output {args.output}  glossary {source}")
    rows = [
        ("segments", result["segments"]),
        ("term occurrences", result["occurrences"]),
        ("adherence raw", f"{result['adherence_raw']:.1%}"),
        ("adherence fixed", f"{result['adherence_fixed']:.1%}"),
        ("adherence of the reference", f"{result['reference_adherence']:.1%}"),
        ("chrF++ raw", f"{result['chrf_raw']:.2f}"),
        ("chrF++ fixed", f"{result['chrf_fixed']:.2f}"),
        ("edits", result["edits"]),
        ("false alarms (reference segments)", f"{result['false_alarm_rate']:.1%}"),
    ]
    rows += [(f"findings {k} (raw / reference)", f"{v} / {result['reference_findings'][k]}")
             for k, v in result["findings"].items()]
    rows += [(f"false alarms {k}", f"{v:.1%}") for k, v in result["false_alarms_by_kind"].items()]
    rows.append(("notes on the reference (not findings)", result["reference_notes"]))
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
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
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
