"""Korean sentences and morphemes through kiwipiepy, loaded once on first use.

kiwipiepy takes about two seconds to load its model, so it is imported inside ``analyzer()`` and kept;
``briefing --help`` never pays for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from briefing.errors import BackendMissing
from briefing.model import Article, Line, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from kiwipiepy import Kiwi


@dataclass(frozen=True)
class Morpheme:
    """A morpheme with its part-of-speech tag (Sejong tag set) and offsets into the analysed text."""

    form: str
    tag: str
    start: int
    end: int


@lru_cache(maxsize=1)
def analyzer() -> "Kiwi":
    """kiwipiepy's analyser without its typo-correction and multi-word dictionaries: news text rarely has
    the misspellings the first corrects, and the second only joins multi-word proper nouns (노던 록) into
    one morpheme, which nothing here needs; without them the analyser loads in about half the time and
    takes 338 MB instead of 532 MB. Measured on the 76 development captures (every `inspect --format
    json` byte-identical) and FLORES dev (morphemes differ on 25 of 997 lines, multi-word names split in
    two; every finding identical), every in-sample evaluation unchanged; the briefs cross-validated by
    leave-one-out went 0.759/0.692 to 0.747/0.679 (bullets/summary F1; docs/model.md)."""
    try:
        from kiwipiepy import Kiwi
    except ImportError as exc:  # pragma: no cover - kiwipiepy is a hard dependency
        raise BackendMissing("kiwipiepy is not installed; run: pip install kiwipiepy") from exc
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


def morphemes(text: str) -> list[Morpheme]:
    """Morphemes of ``text`` with offsets into ``text``."""
    return [Morpheme(t.form, t.tag, t.start, t.start + t.len) for t in analyzer().tokenize(text)]


def morphemes_of_words(words: Sequence[str]) -> list[list[Morpheme]]:
    """Morphemes of many short strings, each with offsets into its own string.

    kiwipiepy analyses a list in one call about twice as fast as the same words joined into one text
    (measured: 2,226 words, 0.16 s against 0.34 s), and there is no offset bookkeeping to get wrong.
    """
    if not words:
        return []
    return [
        [Morpheme(t.form, t.tag, t.start, t.start + t.len) for t in tokens]
        for tokens in analyzer().tokenize(list(words))
    ]


#: Longer lines are story paragraphs whatever they end in; analysing them would make reading a
#: 1 MB paste cost as much as splitting it into sentences, for nothing the labeller needs.
GRAMMAR_LINE_MAX = 160


def line_grammar(lines: Sequence[str]) -> list[tuple[str, str, float, int]]:
    """For each line: the tags that open and close it (punctuation aside), the share of its
    morphemes that are particles or endings, and its sentence-final endings (EF).

    Story sentences are dense in particles and endings (이/가, 을/를, -었다); menus, credits and
    headlines are not, whatever site they come from: the plain-text cousin of jusText's stop-word
    density. A line that closes on a connective (EC) or a particle is a hard-wrapped sentence.
    """
    short = [i for i, line in enumerate(lines) if len(line) <= GRAMMAR_LINE_MAX]
    analysed = dict(zip(short, morphemes_of_words([lines[i] for i in short])))
    out = []
    for i in range(len(lines)):
        if i not in analysed:
            out.append(("long", "long", 0.0, 0))
            continue
        morphs = analysed[i]
        words = [m.tag for m in morphs if not m.tag.startswith("S") or m.tag in ("SL", "SN", "SH")]
        if not words:
            out.append(("none", "none", 0.0, 0))
            continue
        grammatical = sum(t.startswith(("J", "E", "XS")) for t in words)
        out.append((words[0], words[-1], grammatical / len(words), sum(t == "EF" for t in words)))
    return out


def split_sentences(article: Article) -> Article:
    """Fill each section's ``sentences`` with offsets into ``article.text``.

    kiwipiepy splits on morphology, not on full stops, so a quotation that holds a full stop stays
    inside its sentence: 최 시장은 "…했다. 그리고 …"며 "…"고 말했다. is one sentence. Its sentence
    *starts* are used as cut points and each piece runs to the next start, so a character kiwipiepy
    leaves between two sentences (or counts twice) still lands in exactly one sentence.
    """
    paragraphs = [p for section in article.sections for p in section.paragraphs]
    # a paragraph's line breaks are the page's wrapping, not sentence ends: kiwipiepy ends a sentence
    # at a blank line, and a script that leaves one after every line would be cut at each
    found = analyzer().split_into_sents([p.ko.replace("\n", " ") for p in paragraphs], return_tokens=True) \
        if paragraphs else []
    by_paragraph = {}
    for paragraph, sents in zip(paragraphs, found):
        by_paragraph[(paragraph.start, paragraph.end)] = _cut(paragraph, _starts(paragraph.ko, sents))
    sections = tuple(
        replace(
            section,
            sentences=tuple(s for p in section.paragraphs for s in by_paragraph[(p.start, p.end)]),
        )
        for section in article.sections
    )
    return replace(article, sections=sections)


#: A quotative ending opening a piece ("라는 의미", "이라고 말했다"): no sentence starts so, the words
#: before it are an unmarked quotation of the sentence it belongs to.
_QUOTATIVE_START = re.compile(r"(?:이)?라(?:는|고|며|면서)\s")
#: A quotation opening after a stop ("…열렸다. “올해는 다르다”는 평가가 …"): kiwipiepy goes on across it.
_QUOTE_AFTER_A_STOP = re.compile(r"(?<=[.!?])\s+(?=[“‘\"'])")
#: A list inside a sentence: an item marker after a space (조 후보는 △청년 일자리 △관광 함평 등 …).
_INLINE_LIST = re.compile(r"\s[△▲]")
#: Tags kiwipiepy gives punctuation and symbols: passed over to find the word a sentence ends on.
_PUNCTUATION_TAGS = frozenset(("SF", "SP", "SS", "SSO", "SSC", "SE", "SO", "SW"))
#: A final ending (…했다, …거든요) or a nominalising one (…추진함, …예정임): a sentence can end there.
_SENTENCE_END_TAGS = frozenset(("EF", "ETN"))


def _starts(text: str, sents: Sequence) -> list[int]:
    """Where kiwipiepy's sentences start, a start glued to a word before it moved to where that word
    begins, or dropped when no sentence ends there.

    kiwipiepy ends a sentence at any full stop or exclamation mark, and sometimes after a closing
    quotation mark or bracket, even inside a word: a list of weekdays (금.토.일요일은), a quoted name
    with its particle (…밝혔다. '디소브리핑'은, '올림픽'이라는), a bracketed title (<미스핏츠>의), a
    segment name (경제 뉴스를 픽!해서). Cut there, a sentence would be translated in pieces. The cut
    goes back to the start of the word when a sentence ends before it (…밝혔다. | '디소브리핑'은), and
    is dropped when none does (진행하고 금.토.일요일은). A full stop glued to the next word after a final
    ending (…목표다.이를, …모르거든요.그래서) is a missing space, and stays a cut. Across the 76
    development captures: 8 such cuts inside a phrase, 3 after a final ending. A piece that opens on a
    quotative ending (…간다. 라는 의미를 가지고) goes on the sentence before it: 1 in the 76. So does one
    after a list's item inside a sentence, where no final ending closes it (…△청년들이 돌아오는 함평!
    일자리가 넘치는 함평! △문화와 …): 1 in the 76. A quotation opening after a final ending and its stop
    starts a sentence, which kiwipiepy does not see (…열렸다. “올해는 다르다”는 평가가 나왔다.).
    """
    starts = [sents[0].start] if sents else []
    tokens = [t for sent in sents for t in sent.tokens]
    for before, sent in zip(sents, sents[1:]):
        at = sent.start
        if _INLINE_LIST.search(text, starts[-1], at) and not _ends_sentence(tokens, at):
            continue  # "△청년들이 돌아오는 함평! △…": an item of a list inside the sentence
        if at > 0 and not text[at - 1].isspace() and not _ends_sentence(before.tokens, at):
            word = at
            while word > before.start and not text[word - 1].isspace():
                word -= 1
            if word == before.start or not _ends_sentence(before.tokens, word):
                continue
            at = word
        if _QUOTATIVE_START.match(text, at):
            continue  # "…간다. 라는 의미를 가지고": the full stop closes an unmarked quotation
        starts.append(at)
    opened = [m.end() for m in _QUOTE_AFTER_A_STOP.finditer(text) if _ends_sentence(tokens, m.end())]
    return sorted({*starts, *opened})


def _ends_sentence(tokens: Sequence, at: int) -> bool:
    """The last word before offset ``at`` (punctuation passed over) is a final ending."""
    tags = [t.tag for t in tokens if t.start + t.len <= at and t.tag not in _PUNCTUATION_TAGS]
    return bool(tags) and tags[-1] in _SENTENCE_END_TAGS


_PAIRED_QUOTES = {"“": "”", "「": "」", "『": "』"}


def _inside_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quotations that open and close within ``text`` (“…”, 「…」, "…").

    kiwipiepy ends a sentence at a full stop inside a long quotation (“…했다. 하지만 …같다.”), which
    Korean news treats as one sentence: the speaker's words and the attribution after them. A curly
    opening mark with no curly closing one after it closes at a straight mark left unpaired (“…것이다",
    1 answer of the 76 development captures).
    """
    spans = []
    straight = [i for i, ch in enumerate(text) if ch == '"']
    for i, ch in enumerate(text):
        close = _PAIRED_QUOTES.get(ch)
        if close is not None:
            j = text.find(close, i + 1)
            if j < 0 and ch == "“" and len(straight) % 2:
                # “… closed by a straight mark, as pages that mix them do: that mark pairs with no other
                j = next((k for k in straight if k > i), -1)
                straight = [k for k in straight if k != j]
            if j > 0:
                spans.append((i, j))
    spans.extend(zip(straight[0::2], straight[1::2]))
    return spans


def _cut(paragraph: Line, starts: list[int]) -> list[Sentence]:
    text = paragraph.ko
    quoted = _inside_quotes(text)
    starts = [s for s in starts if not any(a < s <= b for a, b in quoted)]
    cuts = sorted({0, *(s for s in starts if 0 < s < len(text)), len(text)})
    sentences = []
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        stripped = piece.strip()
        if not stripped:
            continue  # whitespace only: nothing to keep
        start = paragraph.start + a + (len(piece) - len(piece.lstrip()))
        sentences.append(Sentence(stripped, start, start + len(stripped)))
    return sentences


#: Connective endings (EC) that close a clause, so a cut after them leaves two readable halves.
#: -어/-게/-지 are left out: they bind an auxiliary verb (협력해 나갈, 하게 된, 하지 않은).
_CLAUSE_ENDINGS = frozenset(
    "고 며 으며 지만 는데 은데 ᆫ데 데 면서 으면서 나 으나 므로 으므로 니까 으니까 어서 아서 여서 "
    "거나 다가 도록 자 든지 더니 는데도 지마는".split()
)
_COMMAS = ",，;；、"
_CLOSING_QUOTES = "\"'”’」』"
_EC, _COMMA, _QUOTE, _SPACE = range(4)  # cut preference, best first


def split_long(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Cut a sentence that is too long for the model into pieces that each ``fits``.

    Cuts go where a translator can take the pieces one at a time: after a clause-ending connective
    (-고, -며, -지만, -는데) followed by a space, then after a comma or semicolon, then after a
    closing quote, and only then at any space. A single word longer than the limit is cut between
    characters, the only way to avoid truncating it. ``" ".join(pieces).split() == text.split()``
    holds whenever no word had to be cut.
    """
    text = text.strip()
    if not text or fits(text):
        return [text] if text else []
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    rank = _boundary_ranks(text, words)
    pieces: list[str] = []
    i = 0
    while i < len(words):
        start = words[i][0]
        # The furthest word end that still fits (fits is monotone in the length of a prefix).
        lo, hi = i, len(words)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(text[start : words[mid - 1][1]]):
                lo = mid
            else:
                hi = mid - 1
        if lo == i:  # the word alone is too long
            pieces.extend(_split_word(text[start : words[i][1]], fits))
            i += 1
            continue
        if lo == len(words):
            pieces.append(text[start : words[-1][1]])
            break
        # Among the boundaries that fit, take the best kind; among equals, the last one.
        j = max(range(i + 1, lo + 1), key=lambda k: (-rank[k], k))
        pieces.append(text[start : words[j - 1][1]])
        i = j
    return pieces


def _boundary_ranks(text: str, words: list[tuple[int, int]]) -> list[int]:
    """rank[k]: how good a cut before word k is (lower is better); rank[0] is unused."""
    ec_ends = set()
    tokens = morphemes(text)
    for token, following in zip(tokens, tokens[1:] + [None]):
        if token.tag == "EC" and token.form in _CLAUSE_ENDINGS:
            if following is None or following.tag != "VX":  # 하고 있다: -고 before an auxiliary
                ec_ends.add(token.end)
    rank = [_SPACE] * (len(words) + 1)
    for k in range(1, len(words)):
        end = words[k - 1][1]
        last = text[end - 1]
        if end in ec_ends:
            rank[k] = _EC
        elif last in _COMMAS:
            rank[k] = _COMMA
        elif last in _CLOSING_QUOTES:
            rank[k] = _QUOTE
    return rank


def _split_word(word: str, fits: Callable[[str], bool]) -> list[str]:
    pieces = []
    while word:
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(word[:mid]):
                lo = mid
            else:
                hi = mid - 1
        pieces.append(word[:lo])  # one character even if it does not fit: never drop text
        word = word[lo:]
    return pieces
