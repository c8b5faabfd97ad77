"""The same story from many outlets: near-duplicate Korean texts grouped, and what differs between them.
Below both its users: ``follow`` groups a day's feed items with it, ``run --same-story`` a batch's
articles, on the same threshold.

One city press release is printed, lightly edited, by many regional outlets: a sentence moved, a
paragraph cut, the byline and the headline changed. Those versions share most of their character
5-grams, while two different stories about the same city share few. Candidates are found with
MinHash and LSH (datasketch) over the shingles, so a day of several hundred items is not compared
pair by pair; every candidate pair is then checked on its exact Jaccard similarity, so LSH's
false positives never group two stories.

Shingles are characters, not words: Korean attaches particles to words (세종시는, 세종시가), so two
versions that say the same thing share far more character grams than word tokens. Spaces and
punctuation are dropped before shingling (outlets differ in both).

``THRESHOLD`` was measured on the development corpus and edited copies of it (docs/following.md,
scripts/eval_follow.py). What it gets wrong: a rewrite that keeps only the facts (a broadcast script
made from the release) shares too little text to be grouped, and a daily column that repeats its
long standing introduction may be grouped with yesterday's. Grouping is transitive (single linkage),
so texts built from the same stock paragraphs can chain into one group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from briefing.disjoint_sets import DisjointSets

#: Characters per shingle; 5 gives Korean text (about 2 characters a morpheme) few chance matches.
SHINGLE = 5
#: Jaccard similarity of the shingle sets from which two texts are one story. Measured on the 76
#: development articles and 228 edited copies (docs/following.md): different articles reach 0.069 at
#: most; a copy with a paragraph dropped falls to 0.366 (a short article losing a third of its text),
#: one with its sentences reordered to 0.797. 0.3 groups every copy (recall 1.000 against 0.980 at 0.5)
#: and stays four times above the closest different stories.
THRESHOLD = 0.3
#: MinHash permutations: 128 estimates a Jaccard of 0.5 within about ±0.09.
PERMUTATIONS = 128

_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def story_text(result) -> str:
    """The Korean text two versions are compared on: every segment of a prepared article but its title
    (each outlet writes its own headline), one a line. Boilerplate the reader set aside (bylines,
    related links, the copyright line) is not in it."""
    return "\n".join(s.ko for s in result.segments if s.kind != "title")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    flat = _DROP.sub("", text)
    if len(flat) <= size:
        return {flat} if flat else set()
    return {flat[i:i + size] for i in range(len(flat) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def group_texts(texts: Sequence[str], threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups of indices into ``texts``, each group in index order, groups in the order of their first
    index; a text like no other is a group of one. A text too short to shingle stays alone."""
    from datasketch import MinHash, MinHashLSH

    sets = [shingles(t) for t in texts]
    lsh = MinHashLSH(threshold=max(0.05, threshold - 0.15), num_perm=PERMUTATIONS)  # wide net; exact check below
    stories = DisjointSets(range(len(texts)))
    for i, grams in enumerate(sets):
        if not grams:
            continue
        signature = MinHash(num_perm=PERMUTATIONS, seed=1)
        signature.update_batch([g.encode("utf-8") for g in grams])
        for j in lsh.query(signature):
            if jaccard(grams, sets[j]) >= threshold:
                stories.join(j, i)
        lsh.insert(i, signature)
    return stories.groups()


# ------------------------------------------------------------------------------- what differs


#: A number with the unit Korean news writes after it (명, 억원, %, 일…), so that 3명 and 3일 differ.
NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_UNIT = re.compile(r"\s?(?:[만억조천]\s?)?(?:원|명|개국|개소|개|곳|건|년|월|일|시간|시|분|%|배|대|회|차|위|세|톤|가구|ha|㎡|㎞|km)?")
#: A person's name as Korean news writes it before a title: three syllables, a space, then the title,
#: with its organisation glued in front or not (최민호 시장, 최민호 세종시장, 홍길동 교수).
PERSON = re.compile(r"(?<![가-힣])([가-힣]{3})\s(?=[가-힣]{0,4}(?:시장|군수|구청장|도지사|지사|장관|차관|의원|대표|교수|"
                    r"원장|총장|청장|위원장|회장|이사장|센터장|국장|과장|팀장|소장|박사|기자)(?![가-힣]{2}))")


@dataclass(frozen=True)
class Difference:
    """A number or a name that one version has and another lacks: the reader must see which is right."""

    kind: str  # number | name
    first: tuple[str, ...]  # what only the first version (the group's briefed one) says
    other: tuple[str, ...]  # what only the other version says
    other_link: str


def numbers(text: str) -> set[str]:
    """The quantities of a text: numbers with a unit (3명, 1,950억원, 70%) or written as amounts (1,200,
    3.5). A bare number without either is left out: in a page's text it is most often a date or a time
    the reader kept from the page's header (2026-12-05 11:02), which outlets print differently."""
    out = set()
    for match in NUMBER.finditer(text):
        unit = _UNIT.match(text, match.end())
        token = (match.group(0) + (unit.group(0) if unit else "")).replace(" ", "")
        if token != match.group(0) or "," in token or "." in token:
            out.add(token)
    return out


def names(text: str) -> set[str]:
    return set(PERSON.findall(text))


def differences(first: str, other: str, other_link: str) -> list[Difference]:
    """What the two versions of one story state differently: numbers (with their unit) and people's
    names before a title. Both sides are given, since either may be the outlet's typo. Only a value
    replaced counts (each side has one the other lacks): a version that cuts a paragraph leaves its
    numbers out without stating another, and listing those would bury the one changed figure."""
    found = []
    for kind, read in (("number", numbers), ("name", names)):
        a, b = read(first), read(other)
        if a - b and b - a:
            found.append(Difference(kind, tuple(sorted(a - b)), tuple(sorted(b - a)), other_link))
    return found
