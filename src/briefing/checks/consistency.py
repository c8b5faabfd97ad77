"""Names across segments: one proper noun spelt two ways in one document."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from briefing.disjoint_sets import DisjointSets
from briefing.model import Issue, Segment, TermHit
from briefing.checks.names import common_word, different_lookalikes, sounds_alike, spelling_slip, zipf
from briefing.checks.renderings import taken_spans


def check_inconsistent(segments: Sequence[Segment]) -> list[Issue]:
    """A proper noun spelt two ways in one document: Willoughby in one sentence, Willowby in the next.

    Groups segments by the Korean proper nouns (kiwi NNP) and longer nouns they share; within a group,
    capitalised English words that sound like that Korean word (consonant skeletons) and are near-miss
    spellings of each other (same initial, character similarity) are one name spelt several ways. A
    common English word is never one of the spellings, however close a rare name is to it (Marshel and
    "Marshal law"): one the document also writes in lower case, or capitalises only to open a sentence. Each
    name is reported once, on the first line of a minority spelling, with the lines of every spelling,
    so the findings grow with the names, not with the pairs of lines (#16). Not reported: derived forms
    (Japan/Japanese, Brexit/Brexiteer), two spellings that are both common English words or names
    (Alan/Allan, Stephen/Steven are two people; Island/Ireland; Spanish/Spaniards), glossary terms (left
    to ``missing``). False alarms: two different, rare names that look alike and share a Korean word
    (Austria and Australia both next to 유럽 when the Korean names differ too little to tell).
    """
    keys = [_korean_keys(s.morphemes) for s in segments]
    caps = [_capitalised(s.en or "", s.hits) for s in segments]
    words = _everyday_words(segments, caps)
    by_key: dict[str, list[int]] = {}
    for seg, k in enumerate(keys):
        for key in k:
            by_key.setdefault(key, []).append(seg)
    found, reported = [], set()  # (segment index, finding)
    for key, segs in by_key.items():
        where: dict[str, list[int]] = {}  # spelling -> segments of this group that hold it
        for seg in segs:
            for word in caps[seg]:
                where.setdefault(word, []).append(seg)
        spellings = [w for w in where if w not in words and _sounds_like_key(key, w)]
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
            at = where[first][0]
            found.append((at, Issue("inconsistent", segments[at].id, key, canonical, first,
                                    message=f"{key} is spelt {len(ranked)} ways: {shown}", lines=lines)))
    found.sort(key=lambda pair: pair[0])
    return [issue for _, issue in found]


@lru_cache(maxsize=65536)
def _sounds_like_key(key: str, word: str) -> bool:
    return sounds_alike(key, word) >= 0.6


def _spelling_clusters(spellings: Sequence[str], where: dict[str, list[int]], keys: Sequence[set[str]]):
    """Groups of spellings that are slips of one name; buckets by initial keep this near-linear."""
    buckets: dict[str, list[str]] = {}
    for w in spellings:
        buckets.setdefault(w[0].lower(), []).append(w)
    for bucket in buckets.values():
        names = DisjointSets(bucket)
        for x, a in enumerate(bucket):
            for b in bucket[x + 1:]:
                if not names.joined(a, b) and _slip_of_one_name(a, b, where, keys):
                    names.join(a, b)
        yield from (frozenset(g) for g in names.groups() if len(g) > 1)


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
    return not all(different_lookalikes(keys[i] - keys[j], keys[j] - keys[i]) for i in only_a for j in only_b)




# A word capitalised only to open a sentence is taken for an everyday word from this Zipf frequency up:
# the boundary checker-dev's misspelt names stay under (Italy and Texas are above it, Willoughby 3.1).
SENTENCE_OPENER_ZIPF = 4.2


def _everyday_words(segments: Sequence[Segment], caps: Sequence[set[str]]) -> set[str]:
    """Capitalised words of the document that are common English words, not names: common in English
    (``common_word``) and written in lower case somewhere in the document, or frequent and capitalised
    only where a sentence opens (Standing, Island). A name the document writes mid-sentence stays a
    name (Carter, Miller), and so does a rarer one at the start of every sentence (Willoughby said)."""
    lower, mid = set(), set()
    for segment in segments:
        en = segment.en or ""
        lower.update(re.findall(r"(?<![A-Za-z'\u2019])[a-z]+(?:-[a-z]+)*", en))
        for m in re.finditer(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*", en):
            if not _opens_sentence(en, m.start()):
                mid.add(m.group())
    return {w for c in caps for w in c
            if (w.lower() in lower and common_word(w)) or (w not in mid and zipf(w) >= SENTENCE_OPENER_ZIPF)}


def _opens_sentence(en: str, start: int) -> bool:
    before = en[:start]
    return not before.strip(" \"'\u201c\u2018(") or bool(re.search(r"[.!?:]\s+[\"'\u201c\u2018(]?$", before))


def _korean_keys(morphs: Sequence) -> set[str]:
    return {f for f, tag, _, _ in morphs
            if re.fullmatch(r"[가-힣 ]+", f) and ((tag == "NNP" and len(f) >= 2) or (tag == "NNG" and len(f) >= 3))}


def _capitalised(en: str, hits: Sequence[TermHit]) -> set[str]:
    """Capitalised words that are not part of a glossary rendering (sentence-initial function words out)."""
    taken = taken_spans(hits, en, None)
    out = set()
    for m in re.finditer(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*", en):
        start = m.start()
        if m.group().lower() in FUNCTION_WORDS:
            continue
        if start > 0 and (en[start - 1].isalnum() or en[start - 1] in "'\u2019"):
            continue
        if any(s <= start < e for s, e in taken):
            continue
        out.add(m.group())
    return out


#: Words a sentence may open with a capital that are never a name (also what ``glossary suggest`` strips
#: from the ends of a candidate rendering).
FUNCTION_WORDS = frozenset(
    "the this these those there their then than that they when where while which what who with within "
    "without however although after before during since until because but and for from into over under "
    "some many most more other another each every both all any its his her our your one two three "
    "first second third last next also still even only just many much such".split())
