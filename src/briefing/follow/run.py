"""``briefing follow``: feeds in, each new item read once, the same story grouped, the relevant ones
briefed, the digest written.

A run goes in steps that each leave the state complete (``state.py``): read the feeds; fetch and read
every item the state does not hold yet (or that failed fewer than ``MAX_TRIES`` times), recording each
one as it is read; group all read items, old and new, into stories (kept in the state: a run that read
nothing new groups nothing); translate and brief the first
version of every story that scores at least ``min_score`` and has no brief yet, or a brief that
another model, glossary or options made (``producer_of``; the batch's own steps, ``batch.run.finish``:
``NAME.md`` then ``NAME.json``, each atomically); write the digest from the state. A run stopped
anywhere resumes at the first item or story not recorded, and a rerun with nothing new fetches
nothing, translates nothing and writes the same digest.

``translator_factory`` is called at most once, when some story is relevant: the translator names its
model (to compare it with the one that made each brief) and loads it at its first sentence.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from briefing.errors import BriefingError, OutputError, internal_error
from briefing.same_story import THRESHOLD, Difference, differences, group_texts, story_text
from briefing.follow.feeds import FeedReport, read_feed
from briefing.follow.relevance import DEFAULT_MIN_SCORE
from briefing.follow.state import BRIEFS, MAX_TRIES, READ, ItemRow, State
from briefing.model import Glossary, PageReport, Source

log = logging.getLogger("briefing")


@dataclass(frozen=True)
class Story:
    """One story: its versions in the order first seen (the first is the one briefed), its score (the
    best of its versions) and what the other versions state differently from the first."""

    versions: tuple[ItemRow, ...]
    differences: tuple[Difference, ...]

    @property
    def first(self) -> ItemRow:
        return self.versions[0]

    @property
    def score(self) -> float:
        return max(v.score or 0.0 for v in self.versions)


@dataclass(frozen=True)
class OnRay:
    """``--ray [ADDRESS]`` and ``--ray-actors``, with the model options the actors build their
    translators from (``batch.on_ray.run_batch_on_ray``'s ``model_args``)."""

    address: str
    actors: int | None
    model_args: dict


@dataclass
class FollowReport:
    """What one run did, for the summary line and the exit code; the digest holds the rest."""

    feeds: list[FeedReport]
    fetched: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (link, reason) of this run
    briefed: int = 0
    redone: int = 0  # of ``briefed``: stories briefed before, by another model, glossary or options
    stories: list[Story] = field(default_factory=list)
    min_score: float = DEFAULT_MIN_SCORE

    @property
    def failed(self) -> int:
        return len(self.failures) + sum(1 for f in self.feeds if f.error)


def follow(feeds: Sequence[str], outdir: Path, glossary: Glossary, translator_factory: Callable[[], object], *,
           min_score: float = DEFAULT_MIN_SCORE, threshold: float = THRESHOLD, fix: bool = True,
           bullets: int | None = None, progress: Callable[[str], object] | None = None,
           on_ray: OnRay | None = None) -> FollowReport:
    """One run (the module's docstring says its steps). ``progress`` makes a bar from its label (one
    for the items fetched, then one for the segments translated, each closed before the next opens, so
    that the status lines print above the bar that is drawing), or is None for none. With ``on_ray``
    the stories are translated on the batch's Ray path; the rest stays in this process."""
    from briefing.follow.digest import write_digest

    outdir = Path(outdir)
    (outdir / BRIEFS).mkdir(exist_ok=True)
    with State(outdir) as state:
        report = FollowReport([read_feed(f) for f in feeds], min_score=min_score)
        for feed in report.feeds:
            if feed.error:
                log.warning(f"warning: {feed.error}; the run goes on")
        score_again(state, glossary)
        todo_items, seen = [], set()
        for feed in report.feeds:
            for item in feed.items:
                if item.link not in seen and state.wants(item.link):
                    seen.add(item.link)
                    todo_items.append(item)
        bar = progress("fetching") if progress is not None and todo_items else None
        try:
            if bar is not None:
                bar.start(len(todo_items))
            for item in todo_items:
                read_item(item, state, glossary, report)
                if bar is not None:
                    bar.advance(1)
        finally:
            if bar is not None:
                bar.close()
        rows = state.rows()
        groups = story_groups(state, rows, threshold)
        stories = stories_of(rows, groups)
        relevant = [s.first for s in stories if s.score >= min_score]
        if relevant:
            translator = translator_factory()  # resolves the model to name it; loads it on the first sentence
            producer = producer_of(translator, glossary, fix=fix, bullets=bullets)
            todo = {row.link: None for row in relevant if not row.brief}
            todo.update({row.link: why for row in relevant if row.brief and (why := changed(row.producer, producer))})
            for why, count in Counter(why for why in todo.values() if why).items():
                log.info(f"{count} {'brief' if count == 1 else 'briefs'} made again ({why})")
            if todo:
                bar = progress("translating") if progress is not None else None
                rows = [row for row in relevant if row.link in todo]
                try:
                    if on_ray is not None:
                        brief_on_ray(rows, state, glossary, outdir / BRIEFS, report, producer, todo, on_ray,
                                     fix=fix, bullets=bullets, progress=bar)
                    else:
                        brief_items(rows, state, glossary, translator, outdir / BRIEFS, report, producer, todo,
                                    fix=fix, bullets=bullets, progress=bar)
                finally:
                    if bar is not None:
                        bar.close()
        rows = state.rows()
    report.stories = stories_of(rows, groups)
    write_digest(outdir, report, rows, threshold)
    return report


def read_item(item, state: State, glossary: Glossary, report: FollowReport) -> None:
    """Fetch and read one item with the reader (its limits, its one-line failures), score it, record it."""
    from briefing.follow.relevance import score_article
    from briefing.pipeline import prepare
    from briefing.reader.source import load_source

    report.fetched += 1
    try:
        source = load_source(item.link)
        result = prepare(source, glossary)
    except OutputError:
        raise
    except BriefingError as exc:
        fail(item, exc.message, state, report)
        return
    except Exception as exc:  # noqa: BLE001 - one page's bug must not stop the other items
        fail(item, internal_error(exc), state, report)
        return
    relevance = score_article(result)
    text = story_text(result)
    title = result.article.title.ko if result.article.title else item.title
    state.record_read(item, title, text, stored_source(source), relevance.score, relevance.term_rows())


def score_again(state: State, glossary: Glossary) -> None:
    """Score every item read before again when the glossary is not the one that scored it: a term
    added to the glossary must be able to lift an article over ``--min-score`` (and a term removed,
    drop one), as if it had been read today. From the text the state kept: no page is fetched."""
    from briefing.follow.relevance import score_article
    from briefing.pipeline import prepare

    glossaries = [s.sha256 for s in glossary.sources]
    if state.scored_with() == glossaries:
        return
    scores = {}
    for row in state.rows():
        if row.status == READ and row.source:
            relevance = score_article(prepare(source_of(row), glossary))
            scores[row.link] = (relevance.score, relevance.term_rows())
    if scores:
        log.info(f"{len(scores)} {'article' if len(scores) == 1 else 'articles'} scored again (the glossary changed)")
    state.record_scores(scores, glossaries)


def stored_source(source: Source) -> dict:
    """What the state keeps of a page read: the text and what the page stated about it, and the page
    report (its link, its extractor, the lines set aside), so that a brief made from the state later,
    in this run or a rerun, names its page as a brief of the page itself does."""
    page = source.page
    return {"text": source.text, "title": source.title, "subtitle": source.subtitle, "headings": list(source.headings),
            "page": {"origin": page.origin, "extractor": page.extractor, "removed": list(page.removed)} if page else None}


def source_of(row: ItemRow) -> Source:
    """The ``Source`` an item was read into, from the state; a row stored before the page report was
    kept has none (its brief says ``"page": null``)."""
    stored = row.source or {}
    page = stored.get("page")
    return Source(stored["text"], stored.get("title"), stored.get("subtitle"), tuple(stored.get("headings") or ()),
                  PageReport(page["origin"], page["extractor"], tuple(page.get("removed") or ())) if page else None)


def fail(item, reason: str, state: State, report: FollowReport) -> None:
    tries = state.record_failure(item, reason)
    then = "retried on the next run" if tries < MAX_TRIES else f"given up after {tries} tries"
    shown = reason if item.link in reason else f"{item.link}: {reason}"
    log.warning(f"warning: {shown} ({then}); the run goes on")
    report.failures.append((item.link, reason))


def story_groups(state: State, rows: Sequence[ItemRow], threshold: float = THRESHOLD) -> list[list[str]]:
    """The links of every story's versions, every read item in one story, stories in the order their
    first version was seen. Grouped once a run, and not at all when no item was read since the groups
    were made: a read item's text never changes, so the state keeps the groups with a key of the read
    links, the threshold and briefing's version. Grouping hashes every text of the state (MinHash), 1 to 2 s for 500
    items on the shared 2-core machine (scripts/bench_follow.py): twice a run, that was most of a
    rerun with nothing new, and grew with every day the folder is followed."""
    from briefing import __version__

    read = [r for r in rows if r.status == READ]
    key = hashlib.sha256(json.dumps([__version__, threshold, [r.link for r in read]]).encode()).hexdigest()
    kept = state.groups(key)
    if kept is not None:
        return kept
    groups = [[read[i].link for i in members] for members in group_texts([r.text_ko or "" for r in read], threshold)]
    state.record_groups(key, groups)
    return groups


def stories_of(rows: Sequence[ItemRow], groups: Sequence[Sequence[str]]) -> list[Story]:
    """The stories of ``groups`` (``story_groups``) made of the rows as they are now, with what each
    version states differently from the first."""
    by_link = {r.link: r for r in rows}
    stories = []
    for links in groups:
        versions = tuple(by_link[link] for link in links)
        first = versions[0]
        found = tuple(d for v in versions[1:] for d in differences(first.text_ko or "", v.text_ko or "", v.link))
        stories.append(Story(versions, found))
    return stories


def brief_name(link: str) -> str:
    """The stem of an item's brief: the link's last part and a hash of the link, so that two sites'
    ``view.php?idxno=…`` never take one name, and a name given once is the same on every run."""
    import hashlib

    from briefing.batch.inputs import output_names

    stem, _ = output_names([link])[0]
    return f"{stem[:60]}-{hashlib.sha256(link.encode()).hexdigest()[:8]}"


def producer_of(translator, glossary: Glossary, *, fix: bool, bullets: int | None) -> dict:
    """What makes a brief what it is, as the batch keys its articles (``batch.run.run_key``): the model
    files' fingerprint, its decoding options and backend (``translator_key``), the glossaries' hashes,
    the options that change a brief, and briefing's version. Kept in the state with each brief, so
    that a rerun with another model, glossary or option makes the brief again, and says why."""
    from briefing import __version__
    from briefing.batch.run import translator_key

    return {"model": translator_key(translator), "glossaries": [s.sha256 for s in glossary.sources],
            "fix": fix, "bullets": bullets, "version": __version__}


#: What each part of a producer is called when it changed, in the order they are said.
_CHANGES = (("model", "the model"), ("glossaries", "the glossary"), ("fix", "--no-fix"), ("bullets", "--bullets"),
            ("version", "briefing's version"))


def changed(made_by: dict | None, producer: dict) -> str | None:
    """Why a brief made by ``made_by`` must be made again under ``producer``, or None when it need not."""
    if made_by == producer:
        return None
    if made_by is None:
        return "what made the earlier brief was not recorded"
    parts = [name for key, name in _CHANGES if made_by.get(key) != producer.get(key)]
    return f"{' and '.join(parts) or 'what made them'} changed"


def brief_items(items: Sequence[ItemRow], state: State, glossary: Glossary, translator, briefs: Path,
                report: FollowReport, producer: dict, redo: dict[str, str | None], *, fix: bool,
                bullets: int | None, progress=None) -> None:
    """The first version of each relevant story through the batch's steps; each brief recorded as it is
    written, so an interrupted run resumes at the next story. ``redo`` says, by link, why a story
    briefed before is briefed again (None for a first brief)."""
    from briefing.batch.records import BatchInput
    from briefing.batch.run import FATAL, SharedBar, article_key, finish, run_key, translator_key
    from briefing.pipeline import prepare, translate

    base = run_key(translator_key(translator), glossary, fix=fix, bullets=bullets)
    prepared = []
    for row in items:
        source = source_of(row)
        prepared.append((row, source, prepare(source, glossary)))
    if progress is not None:
        progress.start(sum(len(r.segments) for _, _, r in prepared))
    for row, source, result in prepared:
        item = BatchInput(row.link, brief_name(row.link))
        try:
            translated = translate(result, translator, SharedBar(progress, len(result.segments)) if progress else None)
            outcome = finish(item, translated, article_key(base, source), briefs, fix=fix, bullets=bullets)
        except FATAL:
            raise
        except BriefingError as exc:
            outcome = exc.message
        except Exception as exc:  # noqa: BLE001
            outcome = internal_error(exc)
        record_outcome(row, item.name, outcome, state, briefs, report, producer, redo.get(row.link))


def brief_on_ray(items: Sequence[ItemRow], state: State, glossary: Glossary, briefs: Path, report: FollowReport,
                 producer: dict, redo: dict[str, str | None], on_ray: OnRay, *, fix: bool, bullets: int | None,
                 progress=None) -> None:
    """The same stories on the batch's Ray path (``run --ray``, ``batch.on_ray``), unchanged: each one
    handed over as the page the state kept, so that no page is fetched again. The briefs are recorded
    when the batch is over, so a run stopped before that briefs them again; the batch's own resume
    (a ``NAME.json`` that holds the same key is read back, ``skipped``) spares the translation of those
    already written. The batch's index of this run's stories is removed: the digest is the folder's."""
    from briefing.batch.on_ray import run_batch_on_ray
    from briefing.batch.records import BatchInput

    inputs = [BatchInput(row.link, brief_name(row.link), source=source_of(row)) for row in items]
    batch = run_batch_on_ray(inputs, briefs, glossary, dict(on_ray.model_args), address=on_ray.address,
                             actors=on_ray.actors, fix=fix, bullets=bullets, progress=progress)
    for name in ("index.json", "index.md"):
        (briefs / name).unlink(missing_ok=True)
    for row, item, outcome in zip(items, inputs, batch.outcomes):
        record_outcome(row, item.name, outcome, state, briefs, report, producer, redo.get(row.link))


def record_outcome(row: ItemRow, name: str, outcome, state: State, briefs: Path, report: FollowReport,
                   producer: dict, why: str | None) -> None:
    """Record what became of one story's brief: the batch's outcome (done, skipped as already written
    with this key, or failed, which the batch has said on stderr), or the reason of a failure the batch
    did not see (a string), said here."""
    from briefing.batch.records import DONE, SKIPPED

    if isinstance(outcome, str):
        log.warning(f"warning: {row.link}: {outcome} (retried on the next run); the run goes on")
        reason = outcome
    elif outcome.status not in (DONE, SKIPPED):
        reason = outcome.reason or "failed"
    else:
        doc = json.loads((briefs / f"{name}.json").read_text(encoding="utf-8"))
        findings = [f for f in doc.get("findings", []) if not f.get("fixed")]
        state.record_brief(row.link, name, outcome.title_en, list(doc.get("summary") or []), findings, producer, why)
        report.briefed += 1
        report.redone += why is not None
        return
    state.record_brief_failure(row.link, reason)
    report.failures.append((row.link, reason))
