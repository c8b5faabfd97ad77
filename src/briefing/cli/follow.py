"""``briefing follow FEED_OR_LIST… -o DIR/``: the command, its options, its summary line and exit code."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from briefing.cli.console import handle_errors
from briefing.cli.options import glossary_option, model_options, ray_options, review_options
from briefing.errors import EXIT_OK, BriefingError

log = logging.getLogger("briefing")


@click.command()
@click.argument("feeds", nargs=-1, metavar="FEED_OR_LIST...")  # required, checked after --ray's value
@click.option("-o", "--output", type=click.Path(), required=True,
              help="The folder (DIR/) that holds the state, the briefs and the digest; reuse it to follow on.")
@click.option("--min-score", type=click.FloatRange(0, 1000), default=None,
              help="Brief the stories whose glossary score reaches this (default: 3; docs/following.md).")
@click.option("--same-story", "threshold", type=click.FloatRange(0.05, 1.0), default=None,
              help="Text similarity (Jaccard of character 5-grams) from which two articles are one story "
                   "(default: 0.3).")
@click.option("--bullets", type=click.IntRange(1, 20), default=None,
              help="Bullets per section of each brief (default: as for run).")
@glossary_option
@model_options
@review_options
@ray_options
@handle_errors
def follow(feeds, output, min_score, threshold, bullets, glossaries, ray_address, ray_actors, **model_args):
    """Follow news feeds: fetch each new item, group the same story, brief the relevant ones, write a digest.

    FEED_OR_LIST is an RSS or Atom feed or a plain list of links (one per line), as a link or a file.
    Each new item is read with the link reader and scored by the glossary terms on its Korean side; the
    stories reaching --min-score are translated and briefed once, however many outlets carried them.
    DIR/digest.md, .html and .json list them by score, then the articles below the threshold and
    every failure. Rerun with the same -o to follow on: only new items are fetched, and an item that
    failed is tried again (3 times at most). With --ray the stories are translated on Ray, as
    run --ray translates a batch.

    \b
    Example:
      briefing follow https://example.kr/rss/science.xml links.txt -o news/
    """
    from briefing.cli.console import RichProgress, set_quiet
    from briefing.cli.io import glossary_inputs, load_glossary, make_translator, protected_folders
    from briefing.files import check_output_path
    from briefing.same_story import THRESHOLD
    from briefing.follow.relevance import DEFAULT_MIN_SCORE
    from briefing.follow.run import OnRay
    from briefing.follow.run import follow as follow_feeds

    if ray_address:
        from briefing.batch.on_ray import check_address

        check_address(ray_address)  # `--ray feed.xml` took the feed for the cluster's address
    if not feeds:
        raise click.UsageError("Missing argument 'FEED_OR_LIST...'.")
    if output == "-":
        raise BriefingError("follow writes a folder (the state, the briefs, the digest); give -o DIR/")
    outdir = Path(output)
    if outdir.exists() and not outdir.is_dir():
        raise BriefingError(f"{output} is a file; follow writes into a folder (give -o DIR/)")
    sources = (*(f for f in feeds if "://" not in f), *glossary_inputs(glossaries))
    if not outdir.exists():
        check_output_path(output.rstrip("/" + os.sep) or output, sources, protected_folders(model_args["model"]))
        from briefing.batch.inputs import prepare_outdir

        prepare_outdir(output)
    glossary = load_glossary(glossaries)
    quiet = model_args["quiet"]
    set_quiet(quiet)
    fix = not model_args.pop("no_fix")
    strict = model_args.pop("strict")
    report = follow_feeds(feeds, outdir, glossary, lambda: make_translator(**model_args),
                          min_score=DEFAULT_MIN_SCORE if min_score is None else min_score,
                          threshold=THRESHOLD if threshold is None else threshold,
                          fix=fix, bullets=bullets, progress=None if quiet else RichProgress,
                          on_ray=OnRay(ray_address, ray_actors, model_args) if ray_address else None)
    relevant = sum(1 for s in report.stories if s.score >= report.min_score)
    log.info(f"{report.fetched} new items fetched, {report.briefed} stories briefed"
             + (f" ({report.redone} made again)" if report.redone else "") + f", {report.failed} failed; "
             f"{relevant} stories at or above {report.min_score:g}, {len(report.stories) - relevant} below; "
             f"digest: {outdir / 'digest.md'}")
    if report.failed:  # the rest was done, and the digest says why: a batch's code 4
        from briefing.cli.batch import EXIT_ARTICLES_FAILED

        sys.exit(EXIT_ARTICLES_FAILED)
    if strict and any(s.first.findings and any(f.get("severity", "error") == "error" for f in s.first.findings)
                      for s in report.stories if s.score >= report.min_score):
        from briefing.errors import EXIT_FINDINGS

        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)
