"""Glossary terms in Korean text, found on morpheme-aware word boundaries (see ``TermFinder``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Sequence

from briefing.model import Context, Glossary, Term, TermHit

_WHITESPACE_RUN = re.compile(r"\s+")

# Strings that may follow a noun inside its word without changing what the noun is: case particles,
# auxiliary particles, the copula. When the rest of a word is one of these, the match is accepted
# without a morpheme analysis (kiwi costs ~0.15 ms a word, batched; this is what keeps 1 MB under a
# second). It can be wrong where noun + such a string is itself another word (세종+로 = the road
# Sejong-ro); those are rare and read as the noun anyway.
PARTICLES = frozenset(
    """은 는 이 가 을 를 의 에 에서 에게 에게서 께 께서 와 과 도 로 으로 만 까지 부터 보다 처럼 같이 이나 나
    이나마 란 이란 라는 이라는 라고 이라고 에는 에서는 에서도 에도 에의 으로는 로는 으로도 로도 으로서 로서
    으로써 로써 과의 와의 과는 와는 과도 와도 이다 이며 이고 였다 이었다 이었던 였던 인 이자 입니다 이지만
    조차 마저 뿐 밖에 만큼 대로 씩 들 들은 들이 들을 들의 들과 들도 에서의 으로의 로의 까지의 부터는 에게는
    이었으며 였으며 이라며 라며 측은 측이 측과 측의""".split()
)
_NOUNISH = frozenset({"NNG", "NNP", "NR", "SN", "SL", "SH", "NNB"})


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _compact(form: str) -> str:
    return re.sub(r"\s+", "", form)


class TermFinder:
    """Finds glossary terms in Korean text; build once per glossary, then call ``find`` per sentence.

    Matches on morpheme boundaries and prefers the longest entry: a plain substring search finds 중입자
    inside 중입자가속기, 세종 inside 세종시, and 양자 in 양자 회담 (bilateral talks). An Aho-Corasick
    automaton over every ``ko`` and ``ko_variants`` form (spaces removed, so 중입자 치료 and 중입자치료
    meet) proposes candidates in one pass; only a candidate whose word goes on with something other than
    a particle, or which starts inside a word, is checked against kiwi's morphemes of that one word.
    A match must start at a morpheme that begins the word or follows a noun (a compound: 일본 + 치바현),
    not a prefix (비 + 양자), and end at a morpheme end. Latin forms (QST, RIKEN) match case-sensitively
    at ASCII word boundaries, with any Hangul particle after them.

    Known limits: kiwi sometimes analyses a compound as one noun (세종시청, 일본치바현), and then the term
    inside it is not found; a term split by a line break is matched like one split by a space.
    """

    def __init__(self, glossary: Glossary | Sequence[Term]):
        import ahocorasick

        terms = glossary.terms if isinstance(glossary, Glossary) else tuple(glossary)
        self.glossary = glossary
        senses: dict[str, list[Term]] = {}
        self._forms: dict[str, set[str]] = {}
        for term in terms:
            for form in dict.fromkeys((term.ko, *term.ko_variants)):
                key = _compact(form)
                if not key:
                    continue
                bucket = senses.setdefault(key, [])
                if term not in bucket:
                    bucket.append(term)
                self._forms.setdefault(key, set()).add(re.sub(r"\s+", " ", form.strip()))
        # context-ruled senses are tried first; a context-free entry is the fallback
        self._senses = {k: tuple(sorted(v, key=lambda t: t.context is None)) for k, v in senses.items()}
        self._automaton = ahocorasick.Automaton()
        for key in self._senses:
            self._automaton.add_word(key, key)
        if self._senses:
            self._automaton.make_automaton()
        self._morph_cache: dict[str, tuple[dict, dict]] = {}  # word -> tag by morpheme start, by end
        # keys with a context-free sense: a match of one always yields a hit once its boundaries hold
        self._always_applies = frozenset(k for k, v in self._senses.items() if v[-1].context is None)
        # keys with one sense and no context rule: no need to look at the words around a match
        self._only_sense = {k: v[0] for k, v in self._senses.items() if len(v) == 1 and v[0].context is None}

    def find(self, text: str) -> tuple[TermHit, ...]:
        """Terms in ``text``, in text order, offsets into ``text`` (``text[h.start:h.end] == h.ko``)."""
        if not self._senses or not text:
            return ()
        # search the text with whitespace removed, so 중입자 치료 and 중입자치료 meet; a compact index c
        # maps back to c + (whitespace removed before it), found by bisecting the removed runs
        run_at: list[int] = []  # compact index where each whitespace run was removed
        removed_upto: list[int] = []  # whitespace removed up to and including that run
        removed = 0
        for run in _WHITESPACE_RUN.finditer(text):
            run_at.append(run.start() - removed)
            removed += run.end() - run.start()
            removed_upto.append(removed)
        compact = _WHITESPACE_RUN.sub("", text) if run_at else text

        candidates = []  # (start, end, key, state) state: True ok / None needs morphemes
        fast_check = self._fast_check
        always = self._always_applies
        covered_to = -1  # matches come longest first at each end position (the automaton's output
        # links); a shorter one inside a longer match that is certain to stand cannot win
        for last, key in self._automaton.iter(compact):
            if last == covered_to:
                continue
            first = last - len(key) + 1
            k = bisect_right(run_at, last) - 1
            end = last + 1 + (removed_upto[k] if k >= 0 else 0)
            if k < 0 or run_at[k] <= first:  # no whitespace inside the match (the common case)
                start = end - len(key)
            else:
                j = bisect_right(run_at, first) - 1
                start = first + (removed_upto[j] if j >= 0 else 0)
            state = fast_check(text, start, end, key)
            if state is not False:
                candidates.append((start, end, key, state))
                if state is True and key in always:
                    covered_to = last
        candidates = self._resolve_with_morphemes(text, candidates)
        spans = []  # (start, end, term) of every hit whose sense applies
        only_sense = self._only_sense
        for start, end, key, state in candidates:
            if state:
                term = only_sense.get(key) or self._pick_sense(text, start, end, key)
                if term is not None:
                    spans.append((start, end, term))
        return tuple(TermHit(term=term, ko=text[start:end], start=start, end=end)
                     for start, end, term in _longest_first(spans))

    # -- boundaries

    def _fast_check(self, text: str, start: int, end: int, key: str) -> bool | None:
        """True or False when the characters around the match decide; None when morphemes must."""
        if end - start != len(key):  # whitespace inside the match
            span = text[start:end]
            if re.search(r"[A-Za-z0-9]\s+[A-Za-z0-9]", span) and re.sub(r"\s+", " ", span) not in self._forms[key]:
                return False  # a space inside a Latin name that the entry does not have (Q ST)
        first, last = key[0], key[-1]
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        need = False
        if "가" <= first <= "힣":  # glued to a word before it: a compound's noun, or a particle (Cell이란)
            need = "가" <= before <= "힣" or (before.isascii() and before.isalnum())
        elif first.isascii() and first.isalnum() and before.isascii() and before.isalnum():
            return False
        if "가" <= last <= "힣":
            if "가" <= after <= "힣":
                stop = end + 1
                while stop < len(text) and "가" <= text[stop] <= "힣":
                    stop += 1
                if text[end:stop] not in PARTICLES:
                    need = True
        elif last.isascii() and last.isalnum() and after.isascii() and after.isalnum():
            return False
        return None if need else True

    @staticmethod
    def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
        left, right = start, end
        while left > 0 and (_is_hangul(text[left - 1]) or (text[left - 1].isascii() and text[left - 1].isalnum())):
            left -= 1
        while right < len(text) and _is_hangul(text[right]):
            right += 1
        return left, right

    def _resolve_with_morphemes(self, text: str, candidates: list[tuple]) -> list[tuple]:
        """Decide the undecided candidates from kiwi's morphemes of their words, analysed in one batch."""
        if all(c[3] is not None for c in candidates):
            return candidates
        # a candidate inside an accepted longer one would lose the longest-match rule anyway
        sure = sorted((c[0], c[1]) for c in candidates if c[3] is True)
        starts, reach, best = [], [], -1  # reach[k]: furthest end of an accepted candidate starting <= starts[k]
        for start, end in sure:
            best = max(best, end)
            starts.append(start)
            reach.append(best)
        words: dict[int, tuple[int, str]] = {}  # candidate index -> (word start, word)
        for n, (start, end, _, state) in enumerate(candidates):
            if state is None:
                k = bisect_right(starts, start) - 1
                if not (k >= 0 and reach[k] >= end):
                    left, right = self._word_span(text, start, end)
                    words[n] = (left, text[left:right])
        todo = sorted({w for _, w in words.values() if w not in self._morph_cache})
        if todo:
            self._analyse(todo)
        decided = []
        for n, (start, end, key, state) in enumerate(candidates):
            if state is None:
                state = False
                if n in words:
                    left, word = words[n]
                    begins, ends = self._morph_cache[word]
                    s, e = start - left, end - left
                    state = e in ends or e == len(word)
                    if s > 0:  # inside a word only as a compound's noun after a noun (일본 + 치바현),
                        # never a copula and its ending after one (개체군 + 이 + 란 is not 이란, Iran)
                        state = state and begins.get(s) in _NOUNISH and ends.get(s) in _NOUNISH
            decided.append((start, end, key, state))
        return decided

    def _analyse(self, words: list[str]) -> None:
        from briefing.sentences import morphemes_of_words

        if len(self._morph_cache) > 200_000:
            self._morph_cache.clear()
        for word, morphs in zip(words, morphemes_of_words(words)):
            self._morph_cache[word] = ({m.start: m.tag for m in morphs}, {m.end: m.tag for m in morphs})

    # -- senses

    def _pick_sense(self, text: str, start: int, end: int, key: str) -> Term | None:
        for term in self._senses[key]:
            if term.context is None or context_applies(term.context, text, start, end):
                return term
        return None


def _longest_first(spans: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    """Non-overlapping spans in text order; where spans overlap, the longest wins (then the earlier).

    Only overlapping clusters are resolved longest-first; most hits overlap nothing, so the sweep
    over spans sorted by start does the bulk of the work.
    """
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    chosen: list[tuple[int, int, Term]] = []
    k = 0
    while k < len(spans):
        cluster, reach = [spans[k]], spans[k][1]
        k += 1
        while k < len(spans) and spans[k][0] < reach:
            cluster.append(spans[k])
            reach = max(reach, spans[k][1])
            k += 1
        if len(cluster) == 1:
            chosen.append(cluster[0])
            continue
        taken: list[tuple[int, int, Term]] = []
        for span in sorted(cluster, key=lambda s: (-(s[1] - s[0]), s[0])):
            if all(span[1] <= t[0] or t[1] <= span[0] for t in taken):
                taken.append(span)
        chosen.extend(sorted(taken, key=lambda s: s[0]))
    return chosen


def context_applies(context: Context, text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` satisfy the context rule.

    The window is ``context.window`` whitespace-separated words on each side, the match's own word
    included, with the match itself blanked out (so 양자 never requires itself). A listed word counts
    when a window word contains it: 회담을 contains 회담.
    """
    window = context.window
    left_words = text[max(0, start - 40 * window):start].split()
    right_words = text[end:end + 40 * window].split()
    # the match's own word is the last left word (if glued) plus the first right word (if glued)
    left = left_words[-window:] if start and not text[start - 1].isspace() else left_words[-(window - 1):] \
        if window > 1 else []
    right = right_words[:window] if end < len(text) and not text[end].isspace() else right_words[:window - 1] \
        if window > 1 else []
    near = " ".join(left + ["\u2027"] + right)
    if context.exclude_any and any(word in near for word in context.exclude_any):
        return False
    if context.require_any:
        return any(word in near for word in context.require_any)
    return True


@lru_cache(maxsize=8)
def finder_for(glossary: Glossary) -> TermFinder:
    """A cached ``TermFinder`` for a glossary (building the automaton is the expensive part)."""
    return TermFinder(glossary)
