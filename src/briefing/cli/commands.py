"""The ``briefing`` command: a thin shell over ``pipeline`` and the stage modules.

Each command parses its options, calls one library function and renders the result. Library errors
(``BriefingError``) become one ``Error: …`` line on stderr and their exit code; anything else is a bug,
reported as one line with exit code 3 (``BRIEFING_DEBUG=1`` lets the traceback through). Nothing heavy
is imported here: torch, transformers, ctranslate2 and kiwipiepy load inside the commands that need them.
"""

from __future__ import annotations

import signal
import sys

import click

from briefing import __version__
from briefing.backends import DEFAULT_MODEL
from briefing.cli.io import (check_output_path, glossary_inputs, load_glossary, make_translator, protected_folders,
                     read_article_text, write_output)
from briefing.cli.options import (OUTPUT_FORMATS, batch_options, glossary_option, model_options, review_options,
                                  same_story_threshold, translation_option)
from briefing.cli.console import RichProgress, handle_errors, say, set_quiet
from briefing.cli.follow import follow
from briefing.errors import EXIT_FINDINGS, BriefingError


# --- commands -------------------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli():
    """Korean news in, forwardable English out: translation, glossary checks and briefings.

    \b
    Example:
      briefing run seeds/sejong-japan-visit-heavy-ion-quantum.txt -o brief.md
    """


@cli.command()
@click.argument("article")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "lines"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(), default=None, help="Write here (atomically) instead of stdout.")
@glossary_option
@handle_errors
def inspect(article, fmt, output, glossaries):
    """Show how the article was read, with no model.

    Title, subtitle, sections and headings, sentences, the glossary terms in each sentence, and the
    lines set aside as boilerplate. ARTICLE is a UTF-8 (or CP949) text file, or - for standard input.
    --format lines prints the Korean one segment per line, the file to hand to another translator.

    \b
    Example:
      briefing inspect seeds/sejong-japan-visit-heavy-ion-quantum.txt --format json
    """
    from briefing.pipeline import inspect_article
    from briefing.formats import render
    from briefing.formats.text import inspect_text

    check_output_path(output, (article, *glossary_inputs(glossaries)), protected_folders())
    glossary = load_glossary(glossaries)
    result = inspect_article(read_article_text(article), glossary)
    write_output(output, render(result, fmt) if fmt != "text" else inspect_text(result))


def _translate_command(article, output, fmt, glossaries, model_args, *, with_brief: bool, bullets=None,
                       translation=None):
    from briefing import pipeline
    from briefing.formats import render

    inputs = (article, *glossary_inputs(glossaries), *((translation,) if translation else ()))
    check_output_path(output, inputs, protected_folders(model_args["model"]))
    text = read_article_text(article)
    glossary = load_glossary(glossaries)
    fix = not model_args.pop("no_fix")
    strict = model_args.pop("strict")
    if translation:  # made elsewhere: no model is loaded
        from briefing.formats.translations import english_from_file

        english = english_from_file(translation, article)
        result = pipeline.run_translation(text, glossary, english, origin=translation, fix=fix, bullets=bullets)
    else:
        result = _translate_with_model(pipeline, text, glossary, model_args, fix, with_brief, bullets)
    write_output(output, render(result, fmt, briefing=with_brief))
    if strict and result.errors_remaining:  # warnings and notes are reported, never fatal
        click.echo(f"{result.errors_remaining} glossary findings remain (see the report)", err=True)
        sys.exit(EXIT_FINDINGS)


def _translate_with_model(pipeline, text, glossary, model_args, fix, with_brief, bullets):
    translator = make_translator(**model_args)
    progress = None if model_args["quiet"] else RichProgress("translating")
    try:
        if with_brief:
            return pipeline.run_article(text, glossary, translator, fix=fix, progress=progress, bullets=bullets)
        return pipeline.translate_article(text, glossary, translator, fix=fix, progress=progress)
    finally:
        if progress:
            progress.close()


@cli.command()
@click.argument("article")
@click.option("-o", "--output", type=click.Path(), default=None, help="Write here (atomically) instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="markdown", show_default=True)
@glossary_option
@model_options
@review_options
@handle_errors
def translate(article, output, fmt, glossaries, **model_args):
    """Translate the whole article, section by section, with the glossary checked and repaired.

    \b
    Example:
      briefing translate article.txt -o article.en.md
      briefing translate article.txt --format json -o article.json
    """
    _translate_command(article, output, fmt, glossaries, model_args, with_brief=False)


@cli.command()
@click.argument("articles", nargs=-1)
@click.option("-o", "--output", type=click.Path(), default=None,
              help="Write here (atomically) instead of stdout; a folder (OUTDIR/) for a batch.")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="markdown", show_default=True)
@translation_option
@click.option(
    "--bullets",
    type=click.IntRange(1, 20),
    default=None,
    help="Bullets per section (default: 1 for 1-3 sentences, 2 for 4-7, 3 for 8 or more).",
)
@glossary_option
@model_options
@review_options
@batch_options
@handle_errors
def run(articles, output, fmt, translation, bullets, glossaries, ray_address, ray_actors, same_story, **model_args):
    """The main job: summary, per-section briefings, full translation and glossary report.

    Several ARTICLEs, a folder, or -o naming a folder (OUTDIR/) run a batch: NAME.md and NAME.json
    per article and OUTDIR/index.md; - then reads a list of paths on standard input.

    \b
    Example:
      briefing run seeds/sejong-japan-visit-heavy-ion-quantum.txt -o brief.md
      briefing run article.txt --translation article.en.txt --format html -o review.html
      briefing run A.txt B.html morning/ -o briefs/
    """
    from briefing.batch.inputs import is_batch

    if ray_address:
        from briefing.batch.on_ray import check_address

        check_address(ray_address)  # `--ray DIR/` took the folder for the cluster's address
    threshold = same_story_threshold(same_story)  # before the articles: `--same-story DIR/` took the folder
    if not articles:
        raise click.UsageError("Missing argument 'ARTICLES...'.")
    if is_batch(articles, output):
        if translation:
            raise BriefingError("--translation is the English of one article; a batch translates each article itself")
        from briefing.cli.batch import run_batch_command

        sys.exit(run_batch_command(articles, output, bullets, glossaries, model_args,
                                   ray_address=ray_address, ray_actors=ray_actors, same_story=threshold))
    if ray_address:
        raise BriefingError("--ray runs a batch: give several articles, a folder, or -o OUTDIR/")
    if threshold is not None:
        raise BriefingError("--same-story groups the articles of a batch: give several articles, a folder, "
                            "or -o OUTDIR/")
    _translate_command(articles[0], output, fmt, glossaries, model_args, with_brief=True, bullets=bullets,
                       translation=translation)


cli.add_command(follow)


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("translation", type=click.Path(dir_okay=False), required=False)
@glossary_option
@click.option("--fix", is_flag=True, help="Repair what is safe and write the repaired translation to -o.")
@click.option("-o", "--output", type=click.Path(), default=None, help="Where --fix writes the repaired translation.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def check(source, translation, glossaries, fix, output, fmt):
    """Check any translation against the glossary: terms, numbers and consistency.

    SOURCE and TRANSLATION are line-aligned plain-text files (one segment per line), or an article and
    its English: one line per segment (as `inspect --format lines` prints the Korean), the JSON that
    `translate --format json` wrote, XLIFF or TMX. A bilingual XLIFF or TMX file is also checked alone.
    Exit code 0 when no error finding remains (warnings and notes are shown but fail nothing), 1 when
    one does, 2 for bad usage or input.

    \b
    Example:
      briefing check source.ko.txt target.en.txt
      briefing check source.ko.txt target.en.txt --fix -o target.fixed.txt
      briefing check article.txt article.xlf
      briefing check memory.tmx
    """
    from briefing.formats.check_files import check_files
    from briefing.formats.check_report import check_json, check_text

    if fix and not output:
        raise BriefingError("--fix needs -o OUT for the repaired translation")
    if output and not fix:
        raise BriefingError("-o is only used with --fix")
    check_output_path(output, (source, *((translation,) if translation else ()), *glossary_inputs(glossaries)),
                      protected_folders())
    glossary = load_glossary(glossaries)
    outcome = check_files(source, translation, glossary, fix=fix)
    if fix:
        write_output(output, outcome.repaired_text)
    say(check_json(outcome) if fmt == "json" else check_text(outcome), nl=False)
    if outcome.remaining:
        sys.exit(EXIT_FINDINGS)


@cli.group()
def glossary():
    """Validate glossary files, import them from TSV, CSV or TBX, and suggest new entries."""


@glossary.command("validate")
@click.argument("file", type=click.Path(dir_okay=False))
@handle_errors
def glossary_validate(file):
    """Report duplicates, conflicts, ambiguous short terms and malformed lines (exit 1 if any).

    \b
    Example:
      briefing glossary validate glossary/heavy-ion-quantum-cities.yaml
    """
    from briefing.glossary import validate_glossary

    findings = validate_glossary(file)
    for finding in findings:
        say(str(finding))
    if findings:
        sys.exit(EXIT_FINDINGS)
    say(f"{file}: no problems found")


@glossary.command("suggest")
@click.argument("articles", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(), default=None, help="The YAML glossary to write (default: stdout).")
@click.option("--min-articles", type=click.IntRange(1, 1000), default=2, show_default=True,
              help="Propose a term seen in at least this many articles.")
@click.option("--no-translate", is_flag=True, help="No model: list the Korean terms only, with an empty en to fill in.")
@glossary_option
@model_options
@handle_errors
def glossary_suggest(articles, output, min_articles, no_translate, glossaries, **model_args):
    """Propose entries for the recurring names and terms of the articles that the glossary lacks.

    ARTICLES are files or folders (as for a batch), or - for a list of paths on standard input. Each
    entry has the model's most used rendering as en and a note saying where the term was seen and how
    the model rendered it; edit the file and pass it with --glossary.

    \b
    Example:
      briefing glossary suggest morning/ -o new.yaml
    """
    from briefing.batch.inputs import expand_inputs
    from briefing.batch.suggest import suggest_glossary

    inputs = expand_inputs(articles)
    check_output_path(output, (*(i.path for i in inputs), *glossary_inputs(glossaries)),
                      protected_folders(model_args["model"]))
    glossary = load_glossary(glossaries)
    translator = None if no_translate else make_translator(**model_args)
    write_output(output, suggest_glossary(inputs, glossary, translator, min_articles=min_articles))


@glossary.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(), required=True, help="The YAML glossary to write.")
@handle_errors
def glossary_import(file, output):
    """Convert a TSV, CSV or TBX glossary to briefing's YAML format.

    \b
    Example:
      briefing glossary import terms.tsv -o terms.yaml
    """
    from briefing.glossary import import_glossary

    check_output_path(output, (file,), protected_folders())
    write_output(output, import_glossary(file))


@cli.group()
def cache():
    """Show or clear the translation cache."""


@cache.command("info")
@handle_errors
def cache_info():
    """Where the cache is, how many translations it holds and its size on disk."""
    from briefing.backends.cache import cache_info as read_cache_info

    info = read_cache_info()
    say(f"{info.path}: {info.entries} cached translations, {info.size_bytes / 1e6:.1f} MB on disk")


@cache.command("clear")
@handle_errors
def cache_clear():
    """Delete every cached translation and every broken converted model (working ones stay)."""
    from briefing.backends.cache import cache_clear as clear_cache
    from briefing.backends import remove_broken_conversions

    removed = clear_cache()
    broken = remove_broken_conversions()
    say(f"removed {removed} cached translations" + (f" and {len(broken)} broken converted model(s)" if broken else ""))


@cli.command()
@click.argument("model", default=DEFAULT_MODEL)
@click.option("--no-convert", is_flag=True, help="Only download; skip the CTranslate2 conversion.")
@click.option("--revision", default=None, help="A branch, tag or commit of the model repository.")
@click.option("-q", "--quiet", is_flag=True, help="No status lines on stderr.")
@handle_errors
def download(model, no_convert, revision, quiet):
    """Fetch a model into the Hugging Face cache (and convert it) so later runs work offline.

    \b
    Example:
      briefing download Helsinki-NLP/opus-mt-tc-big-ko-en
      HF_HUB_OFFLINE=1 briefing run article.txt -o brief.md
    """
    from briefing.backends import download_model

    set_quiet(quiet)
    path = download_model(model, convert=not no_convert, revision=revision)
    say(f"{model} is ready: {path}")


def _interrupt_once(signum, frame) -> None:
    """Ctrl-C: raise KeyboardInterrupt once, then ignore SIGINT, so that a second Ctrl-C cannot break
    the clean-up (temporary files, torch's exit handlers) into a traceback after ``Error: interrupted``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def main() -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt_once)
    cli(prog_name="briefing")
