"""Many articles in one run: the model loaded once, one brief per article, an index, resumable.

``run_batch`` reads and prepares every article first (so that one progress bar can count all their
segments), then translates, reviews and writes them one by one: ``NAME.md``, then ``NAME.json``,
each written atomically. ``NAME.json`` carries the article's batch key (a hash of its text, the
glossaries, the model and the options), and is written last, so it is the mark that an article is
finished: a rerun skips every article whose JSON holds the same key and whose Markdown exists, and
an interrupted batch resumes at the first article that has none. The translation cache does the
same at sentence level inside an article. An article that cannot be read or fails is recorded with
its reason and the batch goes on; only what stops every article (the model, the output folder)
stops the batch. ``ray_batch`` runs the same steps on a Ray cluster.

With ``same_story`` (``--same-story``), articles whose Korean text is a near-duplicate of an earlier
one (one press release, printed by several outlets) are not translated: the earliest of each group is
briefed, and each other one gets an index row naming it and the numbers and names they state
differently (``group_stories``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from briefing import __version__
from briefing.batch.inputs import readable_path, readable_text
from briefing.batch.records import DONE, FAILED, GROUPED, SKIPPED, ArticleOutcome, BatchInput, BatchReport
from briefing.checks.across import ArticleText, check_across
from briefing.errors import BackendMissing, BriefingError, ModelUnavailable, OutputError, internal_error
from briefing.model import Glossary, Result, Source

log = logging.getLogger("briefing")

#: Failures that would stop every article alike: reported once, as the batch's own error.
FATAL = (ModelUnavailable, BackendMissing, OutputError)

# --------------------------------------------------------------------------------------------- keys


def translator_key(translator) -> str:
    """The model files' fingerprint, the decoding options and the backend: what changes a translation."""
    inner = getattr(translator, "inner", translator)  # behind the translation cache
    fingerprint = inner.fingerprint() if hasattr(inner, "fingerprint") else f"{inner.name}:{inner.model}"
    decoding = inner.decoding_key() if hasattr(inner, "decoding_key") else ""
    return f"{fingerprint}|{decoding}|{translator.name}"


def run_key(model_key: str, glossary: Glossary, *, fix: bool, bullets: int | None) -> str:
    """What every article of a batch shares in its key; a change here redoes every article."""
    parts = {"version": __version__, "model": model_key, "fix": fix, "bullets": bullets,
             "glossaries": [s.sha256 for s in glossary.sources]}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def article_key(base: str, source: Source) -> str:
    """The article's text and what its source states about it (a page's headline), under ``base``."""
    digest = hashlib.sha256(base.encode())
    for part in (source.text, source.title or "", source.subtitle or "", *source.headings):
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


# ------------------------------------------------------------------------------------ article steps


def load(item: BatchInput, base: str, outdir: Path, glossary: Glossary) -> tuple[ArticleOutcome | None, Result | None, str]:
    """Read one article and decide: skipped (its outputs hold this key), failed, or prepared to translate.

    Returns ``(outcome, None, key)`` for a skipped or failed article, ``(None, result, key)`` otherwise.
    """
    from briefing.pipeline import prepare
    from briefing.reader.source import load_source

    try:
        source = item.source if item.source is not None else load_source(item.path)
        key = article_key(base, source)
        done = finished_outcome(item, outdir, key, glossary)
        if done is not None:
            return done, None, key
        return None, prepare(source, glossary), key
    except FATAL:
        raise
    except BriefingError as exc:
        return failed(item, exc.message), None, ""
    except OSError as exc:  # a path the system cannot look up (a name over 255 bytes): this article's own
        from briefing.files import describe_os_error

        return failed(item, f"{item.path}: cannot read: {describe_os_error(exc)}"), None, ""
    except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the other articles
        return failed(item, internal_error(exc)), None, ""


def finish(item: BatchInput, result: Result, key: str, outdir: Path, *, fix: bool, bullets: int | None) -> ArticleOutcome:
    """Review, brief and write one translated article: ``NAME.md``, then ``NAME.json`` (the mark of a
    finished article), each atomically."""
    from briefing.pipeline import review, select

    try:
        result = select(review(result, fix=fix), bullets)
        write_article(result, item, key, outdir)
    except FATAL:
        raise
    except BriefingError as exc:
        return failed(item, exc.message)
    except Exception as exc:  # noqa: BLE001
        return failed(item, internal_error(exc))
    return done_outcome(item, result)


def write_article(result: Result, item: BatchInput, key: str, outdir: Path) -> None:
    from briefing.formats import render
    from briefing.formats.json_doc import to_dict
    from briefing.files import write_file

    write_file(str(outdir / f"{item.name}.md"), render(result, "markdown"))
    doc = to_dict(result)
    doc["batch"] = {"source": readable_path(item.path), "key": key}  # an added key: how a rerun knows it is done
    write_file(str(outdir / f"{item.name}.json"), json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def failed(item: BatchInput, reason: str) -> ArticleOutcome:
    """The failed outcome, said on stderr; a path that is not UTF-8 is said as ``readable_path`` writes it."""
    said = reason if item.path in reason else f"{item.path}: {reason}"
    log.warning(f"warning: {readable_text(said, item.path)}; the batch goes on")
    return ArticleOutcome(item.name, item.path, FAILED, reason=reason, name_note=item.note)


def done_outcome(item: BatchInput, result: Result) -> ArticleOutcome:
    title = result.get("title")
    return ArticleOutcome(
        item.name, item.path, DONE,
        title_ko=title.ko if title else None, title_en=title.en if title else None,
        findings=sum(1 for i in result.issues if not i.fixed), fixed=sum(1 for i in result.issues if i.fixed),
        errors=result.errors_remaining,
        warnings=sum(1 for i in result.issues if i.severity == "warning" and not i.fixed),
        segments=len(result.segments), text=ArticleText(item.name, result.segments), name_note=item.note,
    )


def finished_outcome(item: BatchInput, outdir: Path, key: str, glossary: Glossary) -> ArticleOutcome | None:
    """The outcome recorded in ``NAME.json`` when it holds ``key`` and ``NAME.md`` exists, else None.

    Its segments are read back from the JSON with the glossary's terms found again and what stands in
    their English (``checks.reviewed``), for the cross-article check."""
    from briefing.checks import reviewed
    from briefing.formats.json_doc import segment_objects
    from briefing.formats.translation_file import unit_segment
    from briefing.glossary.finder import finder_for

    json_path, md_path = outdir / f"{item.name}.json", outdir / f"{item.name}.md"
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
        if not md_path.is_file() or (data.get("batch") or {}).get("key") != key:
            return None
        objects = segment_objects(data)
    except (OSError, ValueError, AttributeError):
        return None  # absent, half a previous version's, or edited beyond reading: do it again
    finder = finder_for(glossary)
    segments = []
    for n, (segment_id, obj) in enumerate(objects, 1):
        segment = unit_segment(n, segment_id, obj.get("ko") or "", obj.get("en") or "")
        segment = replace(segment, hits=finder.find(segment.ko))
        segments.append(reviewed(segment, segment.en))
    findings = [f for f in data.get("findings", []) if isinstance(f, dict)]
    return ArticleOutcome(
        item.name, item.path, SKIPPED,
        title_ko=(data.get("title") or {}).get("ko"), title_en=(data.get("title") or {}).get("en"),
        findings=sum(1 for f in findings if not f.get("fixed")), fixed=sum(1 for f in findings if f.get("fixed")),
        errors=sum(1 for f in findings if not f.get("fixed") and f.get("severity", "error") == "error"),
        warnings=sum(1 for f in findings if not f.get("fixed") and f.get("severity") == "warning"),
        segments=len(objects), text=ArticleText(item.name, tuple(segments)), name_note=item.note,
    )


# ------------------------------------------------------------------------------------- same story


def group_stories(inputs: Sequence[BatchInput], glossary: Glossary, threshold: float) -> dict[int, ArticleOutcome]:
    """The ``grouped`` outcome of every input that is another version of an earlier input's story, by
    its position in ``inputs``; the earliest version of each story is left to the batch to brief.

    Every article is read and prepared once more for this, finished or not, so that a rerun groups
    the same articles the same way. Compared on the text the reader keeps, without the title (each
    outlet writes its own headline) and without what it set aside (bylines, related links), as
    ``follow`` compares feed items. An article that cannot be read stays alone here, and fails with
    its reason in the batch itself."""
    from briefing.pipeline import prepare
    from briefing.reader.source import load_source
    from briefing.same_story import differences, group_texts, story_text

    texts: list[str] = []
    titles: list[str | None] = []
    for item in inputs:
        try:
            result = prepare(item.source if item.source is not None else load_source(item.path), glossary)
        except FATAL:
            raise
        except Exception:  # noqa: BLE001 - read again, and its failure said once, by the batch itself
            texts.append("")  # no text: a group of its own
            titles.append(None)
            continue
        texts.append(story_text(result))
        title = result.get("title")
        titles.append(title.ko if title else None)
    grouped = {}
    for members in group_texts(texts, threshold):
        first = inputs[members[0]]
        for n in members[1:]:
            item = inputs[n]
            grouped[n] = ArticleOutcome(item.name, item.path, GROUPED, title_ko=titles[n], name_note=item.note,
                                        same_as=first.name,
                                        differences=tuple(differences(texts[members[0]], texts[n], item.path)))
    return grouped


def with_grouped(count: int, grouped: dict[int, ArticleOutcome], outcomes: Sequence[ArticleOutcome]) -> list[ArticleOutcome]:
    """The outcomes of the articles briefed, in their order, with the grouped ones put back in their places."""
    briefed = iter(outcomes)
    return [grouped[n] if n in grouped else next(briefed) for n in range(count)]


# -------------------------------------------------------------------------------------------- batch


class SharedBar:
    """Hands one bar over all articles to each article's translation, which reports its own total in
    pieces (a sentence too long for the model counts once per piece): the bar grows by the difference."""

    def __init__(self, sink, expected: int):
        self.sink, self.expected = sink, expected

    def start(self, total: int) -> None:
        if total != self.expected and hasattr(self.sink, "add_total"):
            self.sink.add_total(total - self.expected)

    def advance(self, n: int) -> None:
        self.sink.advance(n)


def run_batch(
    inputs: Sequence[BatchInput],
    outdir: Path,
    glossary: Glossary,
    translator,
    *,
    fix: bool = True,
    bullets: int | None = None,
    progress=None,
    same_story: float | None = None,
) -> BatchReport:
    """Every article through the pipeline with one translator, in input order; writes the index last.
    With ``same_story``, a threshold, only the first version of each story is translated."""
    from briefing.pipeline import translate

    outdir = Path(outdir)
    base = run_key(translator_key(translator), glossary, fix=fix, bullets=bullets)
    grouped = group_stories(inputs, glossary, same_story) if same_story is not None else {}
    outcomes: list[ArticleOutcome | None] = []
    pending: list[tuple[int, BatchInput, Result, str]] = []
    for n, item in enumerate(inputs):
        if n in grouped:
            outcomes.append(grouped[n])
            continue
        outcome, result, key = load(item, base, outdir, glossary)
        if result is not None:
            pending.append((len(outcomes), item, result, key))
        outcomes.append(outcome)
    if progress is not None:
        progress.start(sum(len(r.segments) for _, _, r, _ in pending))
    for at, item, result, key in pending:
        shared = SharedBar(progress, len(result.segments)) if progress is not None else None
        try:
            translated = translate(result, translator, shared)
        except FATAL:
            raise
        except BriefingError as exc:
            outcomes[at] = failed(item, exc.message)
            continue
        except Exception as exc:  # noqa: BLE001
            outcomes[at] = failed(item, internal_error(exc))
            continue
        outcomes[at] = finish(item, translated, key, outdir, fix=fix, bullets=bullets)
    return write_index(outdir, collect(outcomes, glossary, translator.model, translator.name, same_story=same_story))


def collect(outcomes: Sequence[ArticleOutcome], glossary: Glossary, model, backend, *,
            same_story: float | None = None) -> BatchReport:
    """The batch's report: its outcomes and the cross-article check over the articles that have English."""
    texts = [o.text for o in outcomes if o.text is not None]
    variations = tuple(check_across(texts))
    return BatchReport(tuple(outcomes), variations, model, backend, glossary, same_story)


def write_index(outdir: Path, report: BatchReport) -> BatchReport:
    """``index.json`` and ``index.md``, each atomically, once every article has its outcome."""
    from briefing.batch.index import index_json, index_markdown
    from briefing.files import write_file

    write_file(str(outdir / "index.json"), index_json(report))
    write_file(str(outdir / "index.md"), index_markdown(report))
    return report
