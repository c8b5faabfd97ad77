"""Named checks on Korean→English segment pairs, and the repair of what can be repaired safely.

Each check is a small function over a ``Document`` (the Korean, the English and the glossary hits of every
segment) that returns ``Issue`` records; ``CHECKS`` maps its name to it so that a caller can list and
select them. ``check_segments`` runs them, optionally repairs the English, and returns a ``CheckReport``.

The repair (``fix=True``) was designed on the real model's misses on FLORES-200 dev, where
opus-mt-tc-big-ko-en spells a transliterated name slightly differently from the reference and from one
sentence to the next (Dilocrit Patavi for Dilokrit Pattavee), or renders a name in another form:

- ``avoid``: a rendering listed under the term's ``avoid`` is replaced by the canonical one;
- ``near-miss``: an English span that is a near-miss spelling of the canonical rendering (character
  similarity, same initial, same number of words give or take one) is replaced by it;
- ``word-order``: the same words in another order (Kumagai Toshihito) become the canonical order.

A replacement keeps a sentence-initial capital, fixes a/an before it, leaves a possessive or plural
ending outside the replaced span, and touches nothing else; each change is recorded as an ``Edit``.
Anything else stays reported with ``Issue.fixed`` False.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Sequence

from .model import Edit, Glossary, Issue, Term, TermHit
from .names import derived_form, skeleton, sounds_alike
from .names import _private_lookalikes, spelling_slip
from .numbers import KoreanNumber, english_numbers, expressed_otherwise, korean_numbers, number_rendered
from .renderings import _avoided_span, _taken, is_rendered, rendering_pattern, rendering_spans
from .repair import _repair_segment, find_near_miss, replace_span
from .termfinder import TermFinder, finder_for

__all__ = ["CHECKS", "CheckReport", "Document", "KoreanNumber", "check_segments", "derived_form",
           "english_numbers", "find_near_miss", "is_rendered", "korean_numbers", "number_rendered",
           "rendering_pattern", "rendering_spans", "replace_span", "skeleton", "sounds_alike"]

# ------------------------------------------------------------------------------------- the document


@dataclass(frozen=True)
class Document:
    """What the checks read: segment-aligned Korean, English and glossary hits of one document."""

    ko: tuple[str, ...]
    en: tuple[str, ...]
    hits: tuple[tuple[TermHit, ...], ...]
    morphemes: tuple[tuple, ...] = ()  # per segment, (form, tag, start, end); empty when not analysed
    ids: tuple[str, ...] = ()  # per segment, the id findings name it by; empty: l1, l2, … (line numbers)

    def id_of(self, seg: int) -> str:
        return self.ids[seg] if self.ids else f"l{seg + 1}"


@dataclass(frozen=True)
class CheckReport:
    """What ``check_segments`` found and (with ``fix``) changed; ``en`` is the repaired English.

    ``rendered`` holds one flag per hit (parallel to ``hits``) for ``en`` as returned;
    ``rendered_count`` counts hits rendered in the English as given, ``rendered_fixed`` in ``en`` as
    returned (equal without ``fix``); ``fixed`` counts findings the repair removed. Findings and edits
    name their segment by id; ``ids`` holds every segment's id in order.
    """

    segments: int
    term_occurrences: int
    rendered: tuple[tuple[bool, ...], ...]
    rendered_count: int
    fixed: int
    issues: tuple[Issue, ...]
    edits: tuple[Edit, ...]
    en: tuple[str, ...]
    hits: tuple[tuple[TermHit, ...], ...]
    rendered_fixed: int = 0
    notes: tuple[Issue, ...] = ()  # severity "note": shown to a reviewer, never counted as findings
    ids: tuple[str, ...] = ()

    def line_of(self, segment_id: str) -> int:
        """The 1-based position of a segment among those checked (the line of a line-aligned file)."""
        return self.ids.index(segment_id) + 1

    def counts(self) -> dict[str, int]:
        """Findings per kind, every kind present."""
        out = {kind: 0 for kind in CHECKS}
        for issue in self.issues:
            out[issue.kind] = out.get(issue.kind, 0) + 1
        return out


# ----------------------------------------------------------------------------------------- the checks


def check_missing(doc: Document) -> list[Issue]:
    """A glossary term in the Korean whose English lacks the canonical rendering and every variant.

    Catches literal or wrong translations of terms and misspelt names. False alarms: the English says
    it with a pronoun or a paraphrase ("the institute", "the city"), or a legitimate rendering that the
    glossary does not list as a variant.
    """
    issues = []
    for seg, (hits, en) in enumerate(zip(doc.hits, doc.en)):
        seen = set()
        for hit in hits:
            if hit.term in seen or is_rendered(hit.term, en) or _avoided_span(hit.term, en):
                continue
            seen.add(hit.term)
            near = find_near_miss(hit.term, en, _taken(hits, en, hit.term), hit.ko)
            found = en[near[0]:near[1]] if near else None
            issues.append(Issue("missing", doc.id_of(seg), hit.ko, hit.term.en, found,
                                message=f"{hit.ko} should read {hit.term.en!r}"
                                + (f", found {found!r}" if found else "")))
    return issues




def check_avoided(doc: Document) -> list[Issue]:
    """The English uses a rendering the glossary lists under ``avoid`` for a term in the Korean.

    Only looked for where the term is in the Korean, so a word that is fine elsewhere is not flagged.
    False alarms: the avoided wording stands for something else in the same sentence.
    """
    issues = []
    for seg, (hits, en) in enumerate(zip(doc.hits, doc.en)):
        seen = set()
        for hit in hits:
            if hit.term in seen:
                continue
            seen.add(hit.term)
            span = _avoided_span(hit.term, en)
            if span:
                issues.append(Issue("avoided", doc.id_of(seg), hit.ko, hit.term.en, en[span[0]:span[1]],
                                    message=f"{en[span[0]:span[1]]!r} is avoided; use {hit.term.en!r}"))
    return issues


def check_number(doc: Document) -> list[Issue]:
    """A number or date in the Korean that the English does not carry.

    Reads 1994년 as 1994, 1만 as 10,000 (10 thousand), 4박 5일 as 4 nights and 5 days, 3.6㎞ as 3.6,
    20주년 as 20th, 3월 as March or Mar; English number words count too (ten thousand, both, twice,
    third). A native number word (두, 세, 네…) is reported only when the English carries a different
    small number that nothing in the Korean accounts for (세 분야 as "two fields"): good translators
    paraphrase them (두 번째 구역 as "secondary area", 세 가지 증상 as "a triad"), which raised one
    false alarm in a hundred human segments when they were checked like digits. False alarms: a unit
    converted in the English beyond 10% (3.6 km as 2 miles), a 24-hour time written as p.m., a date the
    Korean itself gets wrong.
    """
    issues = []
    for seg, (ko, en) in enumerate(zip(doc.ko, doc.en)):
        english = english_numbers(en)
        morphs = doc.morphemes[seg] if doc.morphemes else ()
        numbers = korean_numbers(ko, morphs)
        accounted = {v for n in numbers for v in n.accept}
        # 2-10: "a"/"an" read as 1 would make every sentence conflict
        conflicting = {v for v in english if isinstance(v, float) and 2 <= v <= 10 and v not in accounted}
        for number in numbers:
            if number.native and not conflicting:
                continue
            if not number_rendered(number, english):
                note = expressed_otherwise(number, en)
                issues.append(Issue("number", doc.id_of(seg), number.ko, number.expected, None,
                                    message=f"{number.ko} ({number.expected}) is not in the English"
                                    + (", which may say it another way" if note else ""),
                                    severity="note" if note else "error"))
    return issues


def check_inconsistent(doc: Document) -> list[Issue]:
    """A proper noun spelt two ways in one document: Willoughby in one sentence, Willowby in the next.

    Groups segments by the Korean proper nouns (kiwi NNP) and longer nouns they share; within a group,
    capitalised English words that sound like that Korean word (consonant skeletons) and are near-miss
    spellings of each other (same initial, character similarity) are one name spelt several ways. Each
    name is reported once, on the first line of a minority spelling, with the lines of every spelling,
    so the findings grow with the names, not with the pairs of lines (#16). Not reported: derived forms
    (Japan/Japanese, Brexit/Brexiteer), two spellings that are both common English words or names
    (Alan/Allan, Stephen/Steven are two people; Island/Ireland; Spanish/Spaniards), glossary terms (left
    to ``missing``). False alarms: two different, rare names that look alike and share a Korean word
    (Austria and Australia both next to 유럽 when the Korean names differ too little to tell).
    """
    keys = [_korean_keys(m) for m in doc.morphemes] if doc.morphemes else [set() for _ in doc.ko]
    caps = [_capitalised(en, hits) for en, hits in zip(doc.en, doc.hits)]
    by_key: dict[str, list[int]] = {}
    for seg, k in enumerate(keys):
        for key in k:
            by_key.setdefault(key, []).append(seg)
    issues, reported = [], set()
    for key, segs in by_key.items():
        where: dict[str, list[int]] = {}  # spelling -> segments of this group that hold it
        for seg in segs:
            for word in caps[seg]:
                where.setdefault(word, []).append(seg)
        spellings = [w for w in where if _sounds_like_key(key, w)]
        for cluster in _spelling_clusters(spellings, where, keys):
            if cluster in reported:
                continue
            reported.add(cluster)
            ranked = sorted(cluster, key=lambda w: (-len(where[w]), where[w][0]))
            canonical, others = ranked[0], ranked[1:]
            first = min(others, key=lambda w: where[w][0])
            lines = tuple((w, tuple(s + 1 for s in where[w])) for w in ranked)
            shown = "; ".join(f"{w!r} in line{'s' if len(at) > 1 else ''} {', '.join(map(str, at))}"
                              for w, at in lines)
            issues.append(Issue("inconsistent", doc.id_of(where[first][0]), key, canonical, first,
                                message=f"{key} is spelt {len(ranked)} ways: {shown}", lines=lines))
    position = {doc.id_of(seg): seg for seg in range(len(doc.ko))}
    issues.sort(key=lambda s: position[s.segment])
    return issues


@lru_cache(maxsize=65536)
def _sounds_like_key(key: str, word: str) -> bool:
    return sounds_alike(key, word) >= 0.6


def _spelling_clusters(spellings: Sequence[str], where: dict[str, list[int]], keys: Sequence[set[str]]):
    """Groups of spellings that are slips of one name; buckets by initial keep this near-linear."""
    buckets: dict[str, list[str]] = {}
    for w in spellings:
        buckets.setdefault(w[0].lower(), []).append(w)
    for bucket in buckets.values():
        parent = {w: w for w in bucket}

        def root(w: str) -> str:
            while parent[w] != w:
                parent[w] = parent[parent[w]]
                w = parent[w]
            return w

        for x, a in enumerate(bucket):
            for b in bucket[x + 1:]:
                if root(a) != root(b) and _slip_of_one_name(a, b, where, keys):
                    parent[root(b)] = root(a)
        groups: dict[str, set[str]] = {}
        for w in bucket:
            groups.setdefault(root(w), set()).add(w)
        yield from (frozenset(g) for g in groups.values() if len(g) > 1)


def _slip_of_one_name(a: str, b: str, where: dict[str, list[int]], keys: Sequence[set[str]]) -> bool:
    """Whether ``a`` and ``b`` are evidence of one name spelt two ways, not two names or two words."""
    if not spelling_slip(a, b):
        return False
    in_a, in_b = set(where[a]), set(where[b])  # built once: per element it made the check quadratic
    only_a = [s for s in where[a] if s not in in_b][:3]
    only_b = [s for s in where[b] if s not in in_a][:3]
    if not only_a or not only_b:
        return False  # always side by side: two different names in the same sentences
    # two segments that name two different, similar-looking things (오스트리아 / 오스트레일리아)
    return not all(_private_lookalikes(keys[i] - keys[j], keys[j] - keys[i]) for i in only_a for j in only_b)


CHECKS: dict[str, Callable[[Document], list[Issue]]] = {
    "missing": check_missing,
    "avoided": check_avoided,
    "number": check_number,
    "inconsistent": check_inconsistent,
}


# ------------------------------------------------------------------------------ names across segments


def _korean_keys(morphs: Sequence) -> set[str]:
    return {f for f, tag, _, _ in morphs
            if re.fullmatch(r"[가-힣 ]+", f) and ((tag == "NNP" and len(f) >= 2) or (tag == "NNG" and len(f) >= 3))}


def _capitalised(en: str, hits: Sequence[TermHit]) -> set[str]:
    """Capitalised words that are not part of a glossary rendering (sentence-initial function words out)."""
    taken = _taken(hits, en, None)
    out = set()
    for m in re.finditer(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*", en):
        start = m.start()
        if m.group().lower() in _FUNCTION_WORDS:
            continue
        if start > 0 and (en[start - 1].isalnum() or en[start - 1] in "'\u2019"):
            continue
        if any(s <= start < e for s, e in taken):
            continue
        out.add(m.group())
    return out


_FUNCTION_WORDS = frozenset(
    "the this these those there their then than that they when where while which what who with within "
    "without however although after before during since until because but and for from into over under "
    "some many most more other another each every both all any its his her our your one two three "
    "first second third last next also still even only just many much such".split())



# ------------------------------------------------------------------------------------------ the entry


def _analyse(ko: Sequence[str]) -> tuple[tuple, ...]:
    """kiwi's morphemes of every segment, in one call (kiwi's per-call cost dominates short strings)."""
    from .sentences import morphemes_of_words

    flat = [k.replace("\n", " ") for k in ko]  # one segment is one line, as in the files check reads
    return tuple(
        tuple((m.form, m.tag, m.start, m.end) for m in morphs) for morphs in morphemes_of_words(flat)
    )


def check_segments(
    ko: Sequence[str],
    en: Sequence[str],
    finder: TermFinder | Glossary | Sequence[Term] | None,
    *,
    fix: bool = False,
    checks: Sequence[str] | None = None,
    ids: Sequence[str] | None = None,
    hits: Sequence[Sequence[TermHit]] | None = None,
) -> CheckReport:
    """Check segment-aligned Korean and English as one document; with ``fix``, repair what is safe.

    Findings of the English as given are reported; with ``fix`` those that the repair removed carry
    ``fixed=True`` and ``en`` holds the repaired lines (same count as the input). ``ids`` names the
    segments (default ``l1``, ``l2``…: the lines of a file); ``hits`` are the terms already found in
    each segment, in which case ``finder`` may be None.
    """
    if len(ko) != len(en):
        raise ValueError(f"check_segments: {len(ko)} Korean segments but {len(en)} English ones")
    ids = tuple(ids) if ids is not None else tuple(f"l{n}" for n in range(1, len(ko) + 1))
    if len(ids) != len(ko) or len(set(ids)) != len(ids):
        raise ValueError("check_segments: ids must name every segment once")
    names = list(CHECKS) if checks is None else list(checks)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise ValueError(f"unknown check {unknown[0]!r}; known: {', '.join(CHECKS)}")
    if hits is None:
        if not isinstance(finder, TermFinder):
            finder = finder_for(finder) if isinstance(finder, Glossary) else TermFinder(tuple(finder))
        hits = tuple(finder.find(k) for k in ko)
    hits = tuple(tuple(h) for h in hits)
    morphs = _analyse(ko) if {"number", "inconsistent"} & set(names) else ()
    doc = Document(tuple(ko), tuple(en), hits, morphs, ids)
    issues = [issue for name in names for issue in CHECKS[name](doc)]
    raw_flags = [tuple(is_rendered(h.term, e) for h in hs) for hs, e in zip(hits, en)]
    out_en = list(en)
    edits: list[Edit] = []
    if fix:
        for seg, seg_hits in enumerate(hits):
            if seg_hits:
                out_en[seg], seg_edits, _ = _repair_segment(ids[seg], out_en[seg], seg_hits)
                edits.extend(seg_edits)
        if edits:
            after = Document(doc.ko, tuple(out_en), hits, morphs, ids)
            remaining = {(i.kind, i.segment, i.ko, i.expected) for name in names for i in CHECKS[name](after)}
            issues = [replace(i, fixed=(i.kind, i.segment, i.ko, i.expected) not in remaining) for i in issues]
    flags = tuple(tuple(is_rendered(h.term, e) for h in hs) for hs, e in zip(hits, out_en))
    position = {segment_id: n for n, segment_id in enumerate(ids)}
    issues.sort(key=lambda i: (position[i.segment], list(CHECKS).index(i.kind)))
    notes = tuple(i for i in issues if i.severity == "note")
    issues = [i for i in issues if i.severity != "note"]
    return CheckReport(
        segments=len(ko),
        term_occurrences=sum(len(h) for h in hits),
        rendered=flags,
        rendered_count=sum(sum(f) for f in raw_flags),
        fixed=sum(i.fixed for i in issues),
        issues=tuple(issues),
        edits=tuple(edits),
        en=tuple(out_en),
        hits=hits,
        rendered_fixed=sum(sum(f) for f in flags),
        notes=notes,
        ids=ids,
    )
