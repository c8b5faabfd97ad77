"""The batch form of ``briefing run``: its inputs and folder checked, one translator (or a Ray
cluster), one progress bar, a summary line and the batch's exit code."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from briefing.batch.records import DONE, FAILED, GROUPED, SKIPPED
from briefing.cli.io import glossary_inputs, load_glossary, protected_folders
from briefing.errors import EXIT_FINDINGS, EXIT_OK, BriefingError

#: A batch in which some article failed; the others were written and the index says why.
EXIT_ARTICLES_FAILED = 4

log = logging.getLogger("briefing")


def can_look_up(path: str) -> bool:
    """Whether the system can look ``path`` up: one it cannot (a name over 255 bytes) is no output's
    twin, and is left to fail alone when it is read, not to stop the batch in the output check."""
    try:
        Path(path).exists()
    except OSError:
        return False
    return True


def run_batch_command(articles, output, bullets, glossaries, model_args, *, ray_address=None,
                      ray_actors=None, same_story=None) -> int:
    """``briefing run A.txt B.html DIR/ -o OUTDIR/``; returns the exit code (docs/checks.md, "Exit codes")."""
    from briefing.batch.inputs import expand_inputs, output_files, prepare_outdir
    from briefing.cli.console import RichProgress, set_quiet
    from briefing.files import check_output_path

    if not output or output == "-":
        raise BriefingError("a batch writes one brief per article into a folder; give -o OUTDIR/")
    inputs = expand_inputs(articles)
    sources = (*(i.path for i in inputs if can_look_up(i.path)), *glossary_inputs(glossaries))
    folders = protected_folders(model_args["model"])
    if not Path(output).exists():  # the folder itself, before it is created
        check_output_path(output.rstrip("/" + os.sep) or output, sources, folders)
    outdir = prepare_outdir(output)
    for path in output_files(outdir, inputs):
        check_output_path(str(path), sources, folders)
    glossary = load_glossary(glossaries)
    quiet = model_args["quiet"]
    set_quiet(quiet)
    fix = not model_args.pop("no_fix")
    strict = model_args.pop("strict")
    progress = None if quiet else RichProgress("translating")
    try:
        if ray_address:
            from briefing.batch.on_ray import run_batch_on_ray

            report = run_batch_on_ray(inputs, outdir, glossary, model_args, address=ray_address,
                                      actors=ray_actors, fix=fix, bullets=bullets, progress=progress,
                                      same_story=same_story)
        else:
            from briefing.batch.run import run_batch
            from briefing.cli.io import make_translator

            translator = make_translator(**model_args)
            report = run_batch(inputs, outdir, glossary, translator, fix=fix, bullets=bullets, progress=progress,
                               same_story=same_story)
    finally:
        if progress:
            progress.close()
    renamed = sum(1 for i in inputs if i.note)
    log.info(f"{len(report.outcomes)} articles: {report.count(DONE)} done, {report.count(FAILED)} failed, "
             f"{report.count(SKIPPED)} skipped as unchanged"
             + (f", {report.count(GROUPED)} grouped with an earlier article's story" if same_story is not None else "")
             + "; "
             f"{len(report.variations)} rendered differently across articles; "
             + (f"{renamed} written under another name than the file's (the index says why); " if renamed else "")
             + f"index: {outdir / 'index.md'}")
    if report.count(FAILED):
        return EXIT_ARTICLES_FAILED
    if strict and any(o.errors for o in report.outcomes):  # warnings are in the briefs, never fatal
        return EXIT_FINDINGS
    return EXIT_OK
