"""The main job as its stages, each one function over the same segment records.

``prepare`` (read, split, make the segments, find their terms; ``inspect`` stops here) → ``translate``
(or ``attach`` a translation made elsewhere) → ``review`` (the checks, and the repair of what is safe)
→ ``select`` (the briefings). Each stage takes a ``Result`` and returns a new one with more filled in.
This is the only module that knows the order of the stages; the command line calls the three entry
points at the end by name (``inspect`` → ``inspect_article``).
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Protocol, Sequence

from briefing.reader.article import heading_span, read_article
from briefing.backends import Translator
from briefing.brief import brief_of
from briefing.checks import analyse, compile_patterns, run_checks
from briefing.model import Article, Brief, Glossary, Result, Segment, Source, SourceText, Term
from briefing.sentences import split_long, split_sentences
from briefing.glossary.finder import TermFinder


class ProgressSink(Protocol):
    """Where translation progress goes (the CLI draws a bar on stderr; the library default is silent)."""

    def start(self, total: int) -> None: ...

    def advance(self, n: int) -> None: ...


# ------------------------------------------------------------------------------------------- prepare


def read(text: str | Source) -> Article:
    """Text → Article with its sections split into sentences.

    A ``Source`` from a web page hands over the headline, deck and headings the page states, so they
    are not guessed from line shape.
    """
    if isinstance(text, Source):
        article = read_article(text.text, title=text.title, subtitle=text.subtitle, headings=text.headings)
    else:
        article = read_article(text)
    return split_sentences(article)


def segments_of(article: Article) -> tuple[Segment, ...]:
    """Everything that gets translated: title, subtitle, then the headings, then the sentences.

    Headings are counted 1-based among headings (``h1`` is the first heading whether or not a lead
    comes before it), sentences across the article. A heading's Korean is its words without the marker.
    """
    segments = []
    for kind, line in (("title", article.title), ("subtitle", article.subtitle)):
        if line is not None:
            segments.append(Segment(kind, kind, None, line.ko, line.start, line.end))
    n = 0
    for k, section in enumerate(article.sections):
        if section.heading is not None:
            n += 1
            a, b = heading_span(section.heading.ko)
            start = section.heading.start
            segments.append(Segment(f"h{n}", "heading", k, section.heading.ko[a:b], start + a, start + b))
    i = 0
    for k, section in enumerate(article.sections):
        for sentence in section.sentences:
            i += 1
            segments.append(Segment(f"s{i}", "sentence", k, sentence.ko, sentence.start, sentence.end))
    return tuple(segments)


def prepare(text: str | Source, glossary: Glossary) -> Result:
    """Read the article, make its segments and find the glossary terms in each; loads no model."""
    article = read(text)
    finder = TermFinder(glossary)
    segments = tuple(replace(s, hits=finder.find(s.ko)) for s in segments_of(article))
    page = text.page if isinstance(text, Source) else None
    return Result(article=article, segments=segments, glossary=glossary, page=page)


# ----------------------------------------------------------------------------------------- translate


def _pieces(source: SourceText, fits) -> list[SourceText]:
    """A source too long for the model, cut at clause boundaries, each piece with the hits inside it."""
    pieces, cursor = [], 0
    for piece in split_long(source, fits):
        at = source.find(piece, cursor)
        at = cursor if at < 0 else at
        inside = tuple(
            replace(h, start=h.start - at, end=h.end - at) for h in source.hits if at <= h.start and h.end <= at + len(piece)
        )
        pieces.append(SourceText(piece, inside))
        cursor = at + len(piece)
    return pieces


def translate_texts(
    translator: Translator, sources: Sequence[SourceText], progress: ProgressSink | None = None
) -> tuple[list[str], set[int], set[int]]:
    """Translate strings in one batched call; a string longer than the model accepts goes in pieces.

    Returns the English, the indices that were retried as degenerate, and those split into pieces.
    Pieces are cut at clause boundaries by ``sentences.split_long`` and joined with a space, so nothing
    is truncated.
    """
    limit = translator.max_source_tokens()

    def fits(piece: str) -> bool:
        return translator.count_tokens(piece) <= limit

    pieces: list[SourceText] = []
    owners: list[int] = []
    split: set[int] = set()
    for i, source in enumerate(sources):
        parts = [source] if fits(source) else _pieces(source, fits)
        if len(parts) > 1:
            split.add(i)
        pieces.extend(parts)
        owners.extend([i] * len(parts))
    if progress:
        progress.start(len(pieces))
    out = translator.translate(pieces, progress.advance if progress else None)
    joined: list[list[str]] = [[] for _ in sources]
    retried: set[int] = set()
    for owner, translation in zip(owners, out, strict=True):
        joined[owner].append(translation.en.strip())
        if translation.retried:
            retried.add(owner)
    return [" ".join(p for p in parts if p) for parts in joined], retried, split


def translate(result: Result, translator: Translator, progress: ProgressSink | None = None) -> Result:
    """Every segment translated in the same batches; the translator gets each one's terms with it."""
    sources = [SourceText(s.ko, s.hits) for s in result.segments]
    raw, retried, split = translate_texts(translator, sources, progress)
    segments = tuple(
        replace(s, raw_en=en, en=en, retried=i in retried, split=i in split)
        for i, (s, en) in enumerate(zip(result.segments, raw))
    )
    revision = getattr(translator, "revision", None)
    return replace(result, segments=segments, model=translator.model, backend=translator.name, revision=revision)


def attach(result: Result, english: Sequence[str], model: str | None = None, backend: str | None = None) -> Result:
    """A translation made elsewhere (a person, another tool), one English string per segment, in order."""
    if len(english) != len(result.segments):
        raise ValueError(f"attach: {len(result.segments)} segments but {len(english)} English strings")
    segments = tuple(replace(s, raw_en=en, en=en) for s, en in zip(result.segments, english))
    return replace(result, segments=segments, model=model, backend=backend)


# -------------------------------------------------------------------------------------------- review


def review(result: Result, *, fix: bool = True) -> Result:
    """Check every segment's English against the glossary and the Korean; with ``fix``, repair what is
    safe. Findings and notes are those of the model's English (``raw_en``), as ``check`` reports them
    on the same English; each segment comes back as ``replace(segment, en=…, rendered=…, spans=…)``:
    the repaired English and what stands in it."""
    report = run_checks([replace(s, en=s.raw_en or "") for s in result.segments], fix=fix)
    return replace(result, segments=report.reviewed, issues=report.issues, edits=report.edits, notes=report.notes)


# -------------------------------------------------------------------------------------------- select


def select(result: Result, bullets: int | None = None) -> Result:
    """Each section's bullets and the article's summary, chosen on the Korean side."""
    return replace(result, brief=brief_of(result.article, result.sentences, bullets=bullets))


# ------------------------------------------------------------------------------ the Korean side apart


@dataclass(frozen=True)
class KoreanSide:
    """Everything the Korean text alone decides: the prepared segments, each carrying the morphemes the
    checks read, and the briefing's picks (None when no briefing was asked for)."""

    prepared: Result
    brief: Brief | None


def korean_side(text: str | Source, glossary: Glossary, *, with_brief: bool, bullets: int | None = None) -> KoreanSide:
    """``prepare``, the checks' analysis and the briefing's selection: every use of the Korean analyser a
    run makes, bar ``split_long`` on a segment too long for the model (rare; it loads the analyser then)."""
    prepared = prepare(text, glossary)
    analysed = analyse([s.ko for s in prepared.segments])
    prepared = replace(prepared, segments=tuple(replace(s, morphemes=m) for s, m in zip(prepared.segments, analysed)))
    brief = brief_of(prepared.article, prepared.sentences, bullets=bullets) if with_brief else None
    return KoreanSide(prepared, brief)


#: Set to 1 to keep the Korean side in the translating process (what runs where fork is unavailable).
IN_PROCESS = "BRIEFING_IN_PROCESS"


def forks() -> bool:
    """Whether the Korean side may run in a forked child: on Linux (macOS and Windows start processes by
    spawn), not turned off, and with this process running one thread, native ones counted: a fork copies
    the locks other threads hold, and the child waits on them for ever (a process that had built a torch
    model did, in the tests)."""
    if not sys.platform.startswith("linux") or os.environ.get(IN_PROCESS) == "1":
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _korean_child(sender, text, glossary, with_brief, bullets) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it ends this process
    try:
        outcome = (True, korean_side(text, glossary, with_brief=with_brief, bullets=bullets))
    except BaseException as exc:  # every error goes back to be raised where it is today
        outcome = (False, exc)
    try:
        sender.send(outcome)
    except Exception as exc:  # what does not pickle goes back as its type and message
        failed = exc if outcome[0] else outcome[1]
        sender.send((False, RuntimeError(f"{type(failed).__name__}: {failed}")))
    sender.close()


def korean_side_apart(
    text: str | Source, glossary: Glossary, *, with_brief: bool, bullets: int | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> KoreanSide:
    """``korean_side`` in a forked child process, which exits once it has handed its result back, so the
    process that translates never holds the Korean analyser (330 MB, which a freed analyser does not
    give back; docs/model.md, "Whole processes"). ``meanwhile`` runs in this process while the child
    works (the model's load); then, until the child is done, the review's patterns for the article's
    terms are compiled here (``compile_patterns``), which would otherwise wait for the translation. The child's error is raised here, before any of ``meanwhile``'s, as the
    stages would raise them in one process; a child that dies without a word (killed) is redone here.
    Where ``forks()`` is false, everything runs here, in order.
    """
    if not forks():
        side = korean_side(text, glossary, with_brief=with_brief, bullets=bullets)
        if meanwhile is not None:
            meanwhile()
        return side
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    sys.stdout.flush()  # the child flushes its copy of these buffers when it exits: empty them first
    sys.stderr.flush()
    child = context.Process(target=_korean_child, args=(sender, text, glossary, with_brief, bullets), daemon=True)
    child.start()
    sender.close()
    later: Exception | None = None
    try:
        if meanwhile is not None:
            try:
                meanwhile()
            except Exception as exc:  # raised after the child's own error, if it has one
                later = exc
        for term in _terms_in(text, glossary):  # the review's patterns, while there is time to wait
            if receiver.poll():
                break
            compile_patterns(term)
        try:
            ok, value = receiver.recv()
        except EOFError:  # the child was killed (out of memory, a signal): do its work here
            ok, value = True, korean_side(text, glossary, with_brief=with_brief, bullets=bullets)
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()
    if not ok:
        raise value
    if later is not None:
        raise later
    return value


def _terms_in(text: str | Source, glossary: Glossary) -> Iterator[Term]:
    """The glossary terms whose Korean stands in the article, one at a time: those the review will
    search the English for (a superset: the reader may set some lines aside)."""
    korean = text.text if isinstance(text, Source) else text
    return (term for term in glossary.terms if any(ko in korean for ko in (term.ko, *term.ko_variants)))


def _model_load(translator: Translator) -> Callable[[], None] | None:
    """The translator's model load, run while the child reads the article, where it cannot be wasted: a
    translator behind the translation cache offers none, since a cached rerun must load no model."""
    return getattr(translator, "load_model", None)


def _translated(side: KoreanSide, translator: Translator, fix: bool, progress: ProgressSink | None) -> Result:
    result = review(translate(side.prepared, translator, progress), fix=fix)
    # the morphemes were the checks' to read; the result holds what the in-process path holds
    result = replace(result, segments=tuple(replace(s, morphemes=()) for s in result.segments))
    return replace(result, brief=side.brief) if side.brief is not None else result


# ------------------------------------------------------------------------------- the three entry points


def inspect_article(text: str | Source, glossary: Glossary) -> Result:
    """How the article was read, with the glossary terms of each segment; loads no model."""
    return prepare(text, glossary)


def translate_article(
    text: str | Source,
    glossary: Glossary,
    translator: Translator,
    *,
    fix: bool = True,
    progress: ProgressSink | None = None,
) -> Result:
    """Translate every segment, then check the English against the glossary and repair what is safe.
    The Korean side runs in a child process (``korean_side_apart``)."""
    side = korean_side_apart(text, glossary, with_brief=False, meanwhile=_model_load(translator))
    return _translated(side, translator, fix, progress)


def run_article(
    text: str | Source,
    glossary: Glossary,
    translator: Translator,
    *,
    fix: bool = True,
    progress: ProgressSink | None = None,
    bullets: int | None = None,
) -> Result:
    """Translation, the per-section briefings and the summary, and the glossary report; ``bullets``
    replaces the per-section count the briefing would choose. The Korean side, selection included,
    runs in a child process (``korean_side_apart``)."""
    side = korean_side_apart(text, glossary, with_brief=True, bullets=bullets, meanwhile=_model_load(translator))
    return _translated(side, translator, fix, progress)


def run_translation(
    text: str | Source,
    glossary: Glossary,
    english_of: Callable[[Result], Sequence[str]],
    *,
    origin: str,
    fix: bool = True,
    bullets: int | None = None,
) -> Result:
    """The main job over a translation made elsewhere, with no model: ``english_of`` gives the English
    of the prepared segments (``translations.english_from_file``), and ``origin`` names it where a model
    would be named. Reviewed and selected exactly as the model's English is, so a person's translation
    gets the same briefing, glossary report and findings."""
    prepared = prepare(text, glossary)
    attached = attach(prepared, english_of(prepared), model=origin, backend=TRANSLATION_FILE)
    return select(review(attached, fix=fix), bullets)


#: The backend a result names when its English was read from a file (``run --translation``).
TRANSLATION_FILE = "translation file"
