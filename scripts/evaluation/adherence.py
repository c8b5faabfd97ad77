"""Glossary adherence, repair and false alarms on a line-aligned set, and the glossary built from one.

Reported: glossary-term occurrences in the Korean; adherence (share of occurrences whose English holds
the canonical rendering or a variant, as ``is_rendered`` reads it: a real derivation such as Canadian
counts, a truncated name such as Spiet for Spieth never does, #23) of the raw and the repaired output,
and after repair by the exact count too (``exactly_rendered``: no name without its generic head either);
chrF++ (sacrebleu CHRF(word_order=2)) of raw and repaired output against the reference; the
false-alarm rate (share of *reference* segments on which any check finds anything: a human translation
should raise almost none), in total and per finding kind; findings per kind on the raw output; and the low-severity notes
on the reference (numbers said another way), which are not findings.

``build_glossary`` aligns a glossary from the data itself:

1. kiwi analyses the Korean; candidates are proper nouns (NNP, 2+ syllables) and runs of adjacent NNPs
   (구마가이 도시히토 when kiwi splits it), Hangul only;
2. on the English side, candidates are runs of capitalised words (1-4 words; the first word of a
   sentence is a candidate alone only if the word is capitalised mid-sentence elsewhere in the
   references, but it still opens a longer run: "Northern Rock had ...", "Piquet Jr. crashed ...");
3. a segment holding a word derived from a candidate holds that candidate too (Punjabi for Punjab,
   Norwegians for Norway: the checker accepts a derivation as a rendering of its name);
4. a pair (ko, en) is kept when ko occurs in at least 2 segments, the references use en in at least 75%
   of them (a stable rendering), and the Dice coefficient of their segment sets is at least 0.5; per ko
   the best-scoring en wins (Dice plus half the similarity of the two consonant skeletons, so that 롬니
   takes Romney rather than the Republican Party beside it in every sentence), a longer en on ties.

The built glossary is only as good as these alignments: it renders what the references say, in the
references' own casing, and it never contains common nouns.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from briefing.checks import check_segments
from briefing.checks.names import derived_form, is_demonym_of, sounds_alike
from briefing.checks.renderings import derived_spans
from briefing.glossary import TermFinder
from briefing.model import Glossary, Segment, Term

from evaluation.aligned import AlignedSet

MIN_COUNT = 2  # a pair seen once aligns with every capitalised word in its sentence
STABILITY = 0.75  # share of the ko's segments whose reference holds the en
MIN_DICE = 0.5
_CAP_RUN = re.compile(r"(?:[A-Z][\w'\u2019.\-]*)(?:\s+(?:[A-Z][\w'\u2019.\-]*))*")


def korean_candidates(kor: list[str]) -> list[set[str]]:
    from briefing.checks import analyse

    out = []
    for ko, morphs in zip(kor, analyse(kor)):
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


def english_candidates(eng: list[str]) -> list[set[str]]:
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
            # a sentence's first word is capitalised anyway: one that is lower-case mid-sentence is
            # no name alone ("The", "Eighteen"), but may open one ("Northern Rock had ...")
            opens_sentence = m.start() == 0 or re.search(r"[.!?\"]\s*$", line[:m.start()])
            first = words[0].lower()
            common_first = opens_sentence and (mid_caps[first] <= mid_lower[first] or mid_caps[first] == 0)
            words = [w.rstrip(",;:") for w in words]
            words = [re.sub(r"['\u2019]s$", "", w) for w in words]
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + 4) + 1):
                    span = " ".join(words[i:j])
                    if len(span) >= 3 and not span.isdigit() and not (common_first and (i, j) == (0, 1)):
                        cands.add(span)
        out.append(cands)
    return out


def bases_of(en_sets: list[set[str]]) -> dict[str, set[str]]:
    """For each one-word candidate, the candidates it derives from (Punjab for Punjabi, Belgium for
    Belgians): the checker accepts a derivation as a rendering of its name."""
    words = {e for es in en_sets for e in es if " " not in e}
    by_stem = defaultdict(list)
    for w in words:
        by_stem[w[:4].lower()].append(w)
    return {w: {b for b in by_stem[w[:4].lower()] if derived_form(b, w) or is_demonym_of(w, b)} for w in words}


def build_glossary(kor: list[str], eng: list[str]) -> list[Term]:
    """Glossary entries aligned from the data (see the module docstring for how and what it misses)."""
    ko_sets, en_sets = korean_candidates(kor), english_candidates(eng)
    # a segment saying Punjabi counts for Punjab, as it would in a check
    bases = bases_of(en_sets)
    en_sets = [es | {b for e in es if " " not in e for b in bases[e]} for es in en_sets]
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


def exactly_rendered(segments: tuple[Segment, ...]) -> int:
    """Hits whose English holds an accepted rendering (``spans``, as the review found them: case, plural,
    possessive, accents, an acronym's dots, a coordinated name) or a real derivation of one (Canadian,
    New Zealanders). Stricter than the checker's ``rendered``, which also accepts a name without its
    generic head mid-sentence ("the Republican nomination" for Republican Party), so that the two
    figures side by side show how much adherence rests on that reading."""
    return sum(bool(places) or any(derived_spans(r, s.en) for r in hit.term.accepted)
               for s in segments for hit, places in zip(s.hits, s.spans))


def evaluate(data: AlignedSet, glossary: Glossary) -> tuple[dict, tuple]:
    """The figures, and the check reports of the raw, the repaired and the reference English (which
    ``--show`` lists findings from)."""
    from sacrebleu.metrics import CHRF

    kor, eng, hyp = data.kor, data.eng, data.hyp
    finder = TermFinder(glossary)
    raw = check_segments(kor, hyp, finder)
    fixed = check_segments(kor, hyp, finder, fix=True)
    ref = check_segments(kor, eng, finder)
    chrf = CHRF(word_order=2)
    occurrences = raw.term_occurrences
    alarmed = {i.segment for i in ref.issues}
    figures = {
        "segments": raw.segments,
        "occurrences": occurrences,
        "adherence_raw": raw.rendered_count / occurrences if occurrences else 1.0,
        "adherence_fixed": fixed.rendered_fixed / occurrences if occurrences else 1.0,
        "adherence_fixed_exact": exactly_rendered(fixed.reviewed) / occurrences if occurrences else 1.0,
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
    }
    return figures, (raw, fixed, ref)
