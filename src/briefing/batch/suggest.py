"""``briefing glossary suggest``: recurring names and terms of many articles that the glossary lacks,
with the renderings the model gave them, as glossary YAML to edit.

Candidates come from kiwipiepy's tags: a proper noun (NNP), or adjacent proper nouns with at most a
space between them (다나카 히로시), is a ``name``; two or more nouns inside one word (중입자치료센터,
양자컴퓨팅) are a ``term``. A candidate counts once per article it appears in and is proposed when it
appears in ``min_articles`` articles or more, so a name a single story mentions ten times is not. A
candidate inside a span the glossary already matches is left out.

The rendering is found without an aligner, as ``scripts/eval_glossary.py`` builds its glossary: among
the English spans of the segments that hold the candidate (runs of capitalised words; for a term,
also lower-case word n-grams), the best-scoring by the Dice overlap of their segment sets, plus, for a
name, how well the span's words sound like the Korean's parts (consonant skeletons: 다나카 히로시 and
Hiroshi Tanaka, in either order). Other spellings of the same name are counted beside it. What this
gets wrong: a common noun's rendering when the model words it differently each time (no stable span:
the entry is listed in a comment instead), and a name that always stands next to another name.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from briefing.batch.inputs import readable_name, readable_text
from briefing.batch.records import BatchInput
from briefing.errors import BriefingError
from briefing.model import Glossary, Term

log = logging.getLogger("briefing")

#: Share of a candidate's segments whose English must hold the chosen span (several spellings of a
#: name together count), else no rendering is proposed.
MIN_SHARE = 0.4
#: How well a span must sound like a name to count as one of its spellings.
NAME_MATCH = 0.6
#: Articles named in a note before "and N more".
NOTE_ARTICLES = 5

_CAP_RUN = re.compile(r"[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*)*")
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")


@dataclass
class _Candidate:
    ko: str
    kind: str  # name | term
    articles: list[int] = field(default_factory=list)
    segments: list[tuple[int, int]] = field(default_factory=list)  # (article, segment)


def suggest_glossary(inputs: Sequence[BatchInput], glossary: Glossary, translator=None, *, min_articles: int = 2) -> str:
    """The YAML text of the proposed entries; ``translator`` None lists the Korean with an empty ``en``."""
    from briefing.checks.runner import analyse
    from briefing.glossary import glossary_yaml
    from briefing.pipeline import prepare
    from briefing.reader.source import load_source

    articles: list[tuple[BatchInput, list[str], list[tuple]]] = []  # (input, segment ko, hits)
    for item in inputs:
        try:
            result = prepare(load_source(item.path), glossary)
        except BriefingError as exc:
            where = exc.message if item.path in exc.message else f"{item.path}: {exc.message}"
            log.warning(f"warning: {readable_text(where, item.path)}; left out of the suggestions")
            continue
        articles.append((item, [s.ko for s in result.segments], [s.hits for s in result.segments]))
    if not articles:
        raise BriefingError("none of the articles could be read; nothing to suggest")
    flat = [(a, s) for a, (_, ko, _) in enumerate(articles) for s in range(len(ko))]
    morphs = analyse([articles[a][1][s] for a, s in flat])
    found: dict[str, _Candidate] = {}
    for (a, s), segment_morphs in zip(flat, morphs):
        _, ko, hits = articles[a]
        for form, kind in _candidates(ko[s], segment_morphs, hits[s]):
            candidate = found.setdefault(form, _Candidate(form, kind))
            if a not in candidate.articles:
                candidate.articles.append(a)
            candidate.segments.append((a, s))
    kept = sorted((c for c in found.values() if len(c.articles) >= min_articles),
                  key=lambda c: (-len(c.articles), -len(c.segments), c.ko))
    english = _translate(articles, kept, translator) if translator is not None else None
    terms, unsure = [], []
    for candidate in kept:
        where = _where(candidate, articles)
        if english is None:
            terms.append(Term(candidate.ko, "", note=f"{candidate.kind}, {where}; fill in en"))
            continue
        renderings = _renderings(candidate, english)
        if not renderings:
            unsure.append(f"{candidate.ko} ({candidate.kind}, {where}): no stable rendering")
            continue
        used = ", ".join(f"{en} ×{n}" for en, n in renderings)
        terms.append(Term(candidate.ko, renderings[0][0], note=f"{candidate.kind}, {where}; the model wrote: {used}"))
    header = (f"Suggested by `briefing glossary suggest` from {len(articles)} articles: the recurring names and "
              f"terms (in {min_articles}+ articles) that the glossary lacks.\n"
              + ("en is the model's most used rendering; check every entry, then pass this file with --glossary."
                 if english is not None else "No model was run: fill in every en, then pass this file with --glossary."))
    if unsure:
        header += "\nSeen, but with no rendering the model keeps to:\n" + "\n".join(f"  {u}" for u in unsure)
    return glossary_yaml(terms, name="suggested terms", header=header)


def _candidates(ko: str, morphs: Sequence[tuple], hits: Sequence) -> set[tuple[str, str]]:
    """Names and terms of one segment (see the module docstring), outside the glossary's hits."""
    covered = [(h.start, h.end) for h in hits]
    out = set()
    runs: list[list[tuple]] = []  # runs of nouns: (form, tag, start, end)
    for m in morphs:
        form, tag, start, end = m
        noun = tag in ("NNP", "NNG") and re.fullmatch(r"[가-힣]+", form)
        if noun and runs and runs[-1] and _joins(ko, runs[-1][-1], m):
            runs[-1].append(m)
        elif noun:
            runs.append([m])
        else:
            runs.append([])
    for run in runs:
        if not run:
            continue
        start, end = run[0][2], run[-1][3]
        if any(a < end and start < b for a, b in covered):
            continue
        text = ko[start:end]
        glued = " " not in text
        if all(m[1] == "NNP" for m in run) and len(text.replace(" ", "")) >= 2:
            out.add((text, "name"))
        elif glued and len(run) >= 2 and len(text) >= 3:
            out.add((text, "term"))
    return out


def _joins(ko: str, left: tuple, right: tuple) -> bool:
    """Whether two nouns belong to one candidate: glued inside a word, or two proper nouns one space apart."""
    gap = ko[left[3]:right[2]]
    return gap == "" or (gap == " " and left[1] == "NNP" and right[1] == "NNP")


def _translate(articles, kept: Sequence[_Candidate], translator) -> dict[tuple[int, int], str]:
    """The model's English of every segment that holds a kept candidate (the translation cache
    answers what a batch already translated)."""
    wanted = sorted({seg for c in kept for seg in c.segments})
    out = translator.translate([articles[a][1][s] for a, s in wanted])
    return {seg: t.en for seg, t in zip(wanted, out)}


def _renderings(candidate: _Candidate, english: dict[tuple[int, int], str]) -> list[tuple[str, int]]:
    """The spellings the model used for the candidate, most used first, with their counts."""
    segments = list(dict.fromkeys(candidate.segments))
    spans = {seg: _spans(english[seg], candidate.kind) for seg in segments}
    everywhere = Counter(e for seg, text in english.items() for e in _spans(text, candidate.kind))
    co = Counter(e for seg in segments for e in spans[seg])
    n = len(segments)

    def score(e: str) -> tuple:
        dice = 2 * co[e] / (n + everywhere[e])
        sound = _name_match(candidate.ko, e) if candidate.kind == "name" else 0.0
        return (round(dice + 0.5 * sound, 6), len(e))

    if not co:
        return []
    best = max(co, key=score)
    if candidate.kind == "name":
        if _name_match(candidate.ko, best) < NAME_MATCH:
            return []
        width = len(best.split())
        same = [e for e in co if len(e.split()) == width and _name_match(candidate.ko, e) >= NAME_MATCH]
    else:
        same = [best]
    if sum(co[e] for e in same) / n < MIN_SHARE:
        return []
    return sorted(((e, co[e]) for e in same), key=lambda p: (-p[1], -score(p[0])[0], p[0]))


def _spans(en: str, kind: str) -> set[str]:
    """English spans that may render a candidate: 1-4 capitalised words (a leading function word
    dropped); for a term also 1-3 lower-case words that neither start nor end with a function word."""
    from briefing.checks.consistency import FUNCTION_WORDS

    out = set()
    for m in _CAP_RUN.finditer(en):
        words = [re.sub(r"['\u2019]s$", "", w).strip("-") for w in m.group().split()]
        if words and words[0].lower() in FUNCTION_WORDS:
            words = words[1:]
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 4) + 1):
                span = " ".join(words[i:j])
                if len(span) >= 2:
                    out.add(span)
    if kind == "term":
        words = _WORD.findall(en)
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 3) + 1):
                part = [w.lower() for w in words[i:j]]
                if part[0] not in FUNCTION_WORDS and part[-1] not in FUNCTION_WORDS and len(" ".join(part)) >= 3:
                    out.add(" ".join(part))
    return out


def _name_match(ko: str, en: str) -> float:
    """How well the English words sound like the Korean name's parts, in either order (0-1); an
    English word that matches no part (a title: Chairman) costs a share of the score."""
    from briefing.checks.names import sounds_alike

    parts, words = ko.split(), en.split()
    if not parts or not words:
        return 0.0
    per_part = [max(sounds_alike(p, w) for w in words) for p in parts]
    unmatched = sum(1 for w in words if max(sounds_alike(p, w) for p in parts) < 0.5)
    return sum(per_part) / len(per_part) - 0.5 * unmatched / len(words)


def _where(candidate: _Candidate, articles) -> str:
    names = [readable_name(Path(articles[a][0].path).name) for a in candidate.articles]  # a CP949 name too
    shown = ", ".join(names[:NOTE_ARTICLES]) + (f" and {len(names) - NOTE_ARTICLES} more" if len(names) > NOTE_ARTICLES else "")
    times = len(candidate.segments)
    return f"seen {times} time{'s' if times != 1 else ''} in {len(names)} articles ({shown})"
