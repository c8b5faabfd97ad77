"""The ``briefing`` command: a thin shell over ``pipeline`` and the stage modules.

Each command parses its options, calls one library function and renders the result. Library errors
(``BriefingError``) become one ``Error: …`` line on stderr and their exit code; anything else is a bug,
reported as one line with exit code 3 (``BRIEFING_DEBUG=1`` lets the traceback through). Nothing heavy
is imported here: torch, transformers, ctranslate2 and kiwipiepy load inside the commands that need them.
"""

from __future__ import annotations

import functools
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Callable

import click

from . import __version__
from .backends import DEFAULT_MODEL
from .errors import EXIT_FINDINGS, EXIT_INTERNAL, BriefingError, OutputError



# --- error handling -------------------------------------------------------------------------------


def _stage_of(exc: BaseException) -> str:
    """The module of briefing where an unexpected error was raised, for the one-line message."""
    tb = exc.__traceback__
    stage = "briefing"
    while tb is not None:
        name = tb.tb_frame.f_globals.get("__name__", "")
        if name.startswith("briefing."):
            stage = name.split(".", 1)[1]
        tb = tb.tb_next
    return stage


def handle_errors(command: Callable) -> Callable:
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BriefingError as exc:
            if os.environ.get("BRIEFING_DEBUG") == "1":
                raise
            click.echo(f"Error: {exc.message}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into one line
            if os.environ.get("BRIEFING_DEBUG") == "1":
                raise
            click.echo(
                f"Error: internal error in {_stage_of(exc)}: {type(exc).__name__} "
                "(set BRIEFING_DEBUG=1 for the traceback)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper


# --- input and output -----------------------------------------------------------------------------


def read_article_text(path: str):
    """ARTICLE → ``Source``: a text file, a saved web page, ``-`` (standard input) or an http(s) link."""
    from .source import load_source

    return load_source(path)  # "-": a bounded read of standard input


def check_output_path(output: str | None, inputs: tuple[str, ...], folders: tuple = ()) -> None:
    """Refuse an output that is an input or lies in a folder briefing reads (see ``output.py``)."""
    from .output import check_output_path as check

    check(output, inputs, folders)


def protected_folders(model: str | None = None) -> tuple[Path, ...]:
    """Folders an output must never land in: a local model directory, briefing's cache and the hub cache."""
    from .cache import cache_path

    hub = os.environ.get("HF_HUB_CACHE") or Path(os.environ.get("HF_HOME") or Path.home() / ".cache" / "huggingface") / "hub"
    # The cache's own files and its ct2 folder, not the whole folder: BRIEFING_CACHE_DIR may be a
    # folder the user also writes briefs to.
    database = cache_path()
    folders = [database.parent / "ct2", Path(hub), *(Path(f"{database}{s}") for s in ("", "-wal", "-shm"))]
    if model and Path(model).expanduser().is_dir():
        folders.append(Path(model).expanduser())
    return tuple(folders)


def glossary_inputs(glossaries: tuple[str, ...]) -> tuple[str, ...]:
    """The glossary files a command reads (the shipped one when none is given)."""
    if glossaries:
        return tuple(glossaries)
    from .glossary import default_glossary_path

    return (str(default_glossary_path()),)


def write_output(output: str | None, text: str) -> None:
    """Write to stdout, or to a file (atomically) or a device or pipe (directly); see ``output.py``."""
    if output is None or output == "-":
        say(text, nl=False)
        return
    from .output import write_file

    write_file(output, text)


def say(text: str, nl: bool = True) -> None:
    """Print to standard output; a full or closed one (``> /dev/full``, ``| head``) is one line and exit 2."""
    try:
        click.echo(text, nl=nl)
    except OSError as exc:
        from .output import describe_os_error

        # Point stdout at /dev/null, so that the flush at exit does not fail again with its own message.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # not a real file descriptor (tests capture it)
            pass
        raise OutputError(f"cannot write to standard output: {describe_os_error(exc)}") from None


# --- progress -------------------------------------------------------------------------------------


class RichProgress:
    """A progress bar on stderr for the translation step (it takes minutes on a CPU)."""

    def __init__(self, description: str):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._description = description
        self._task = None
        # Status lines (a conversion, a corrupt cache set aside) print above the bar, not through it.
        self._handler = _ConsoleHandler(self._progress.console)
        logging.getLogger("briefing").addHandler(self._handler)

    def start(self, total: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task(self._description, total=total)

    def advance(self, n: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)

    def close(self) -> None:
        self._progress.stop()
        logging.getLogger("briefing").removeHandler(self._handler)


class _ConsoleHandler(logging.Handler):
    """Sends the ``briefing`` logger's lines to the rich console that draws the progress bar."""

    def __init__(self, console):
        super().__init__()
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        self.console.print(record.getMessage(), markup=False, highlight=False, soft_wrap=True)


# --- shared options -------------------------------------------------------------------------------


def glossary_option(f):
    return click.option(
        "--glossary",
        "glossaries",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Glossary file (YAML, TSV, CSV or TBX); repeatable, a later file wins. Default: the shipped one.",
    )(f)


def model_options(f):
    options = [
        click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Hub model name or local directory."),
        click.option("--revision", default=None, help="A branch, tag or commit of the hub model (e.g. refs/pr/3)."),
        click.option(
            "--backend",
            type=click.Choice(["auto", "ctranslate2", "transformers"]),
            default="auto",
            show_default=True,
            help="auto: CTranslate2 when the model converts, else transformers.",
        ),
        click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True),
        click.option("--compute-type", default=None, help="CTranslate2 compute type (default int8 on CPU, int8_float16 on GPU)."),
        click.option("--beams", type=click.IntRange(1, 16), default=4, show_default=True, help="Beam size."),
        click.option("--threads", type=click.IntRange(1, 256), default=None, help="CPU threads (default: chosen for the machine)."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache."),
        click.option("--no-fix", is_flag=True, help="Report glossary findings but keep the raw model output."),
        click.option("--strict", is_flag=True, help="Exit with code 1 when glossary findings remain (the output is still written)."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar or status lines on stderr."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


class _StderrHandler(logging.Handler):
    """Status and warning lines on stderr when no progress bar is drawing (``-q``, or before and after
    the translation step); while one is, its own handler prints above the bar instead."""

    def emit(self, record: logging.LogRecord) -> None:
        if any(isinstance(h, _ConsoleHandler) for h in logging.getLogger("briefing").handlers):
            return
        click.echo(record.getMessage(), err=True)


def set_quiet(quiet: bool) -> None:
    """``-q``: the ``briefing`` logger (conversion and cache status lines) says only warnings."""
    log = logging.getLogger("briefing")
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        log.addHandler(_StderrHandler())


def make_translator(model, backend, device, compute_type, beams, threads, no_cache, quiet, revision=None):
    from .backends import TranslatorOptions, build_translator

    set_quiet(quiet)
    options = TranslatorOptions(model=model, revision=revision, device=device, beams=beams, compute_type=compute_type,
                                threads=threads)
    return build_translator(backend, options, cache=not no_cache)


def load_glossary(paths: tuple[str, ...]):
    from .glossary import load_glossaries

    return load_glossaries(list(paths) or None)


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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(), default=None, help="Write here (atomically) instead of stdout.")
@glossary_option
@handle_errors
def inspect(article, fmt, output, glossaries):
    """Show how the article was read, with no model.

    Title, subtitle, sections and headings, sentences, the glossary terms in each sentence, and the
    lines set aside as boilerplate. ARTICLE is a UTF-8 (or CP949) text file, or - for standard input.

    \b
    Example:
      briefing inspect seeds/sejong-japan-visit-heavy-ion-quantum.txt --format json
    """
    from .pipeline import inspect_article
    from .render import inspect_text, to_json

    check_output_path(output, (article, *glossary_inputs(glossaries)), protected_folders())
    glossary = load_glossary(glossaries)
    result = inspect_article(read_article_text(article), glossary)
    write_output(output, to_json(result) if fmt == "json" else inspect_text(result))


def _translate_command(article, output, fmt, glossaries, model_args, *, with_brief: bool, bullets=None):
    from . import pipeline, render

    check_output_path(output, (article, *glossary_inputs(glossaries)), protected_folders(model_args["model"]))
    text = read_article_text(article)
    glossary = load_glossary(glossaries)
    quiet = model_args["quiet"]
    fix = not model_args.pop("no_fix")
    strict = model_args.pop("strict")
    translator = make_translator(**model_args)
    progress = None if quiet else RichProgress("translating")
    try:
        if with_brief:
            result = pipeline.run_article(text, glossary, translator, fix=fix, progress=progress, bullets=bullets)
        else:
            result = pipeline.translate_article(text, glossary, translator, fix=fix, progress=progress)
    finally:
        if progress:
            progress.close()
    if fmt == "json":
        rendered = render.to_json(result)
    elif fmt == "text":
        rendered = render.to_text(result)
    else:
        rendered = render.to_markdown(result, briefing=with_brief)
    write_output(output, rendered)
    remaining = sum(1 for issue in result.issues if not issue.fixed)
    if strict and remaining:
        click.echo(f"{remaining} glossary findings remain (see the report)", err=True)
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("article")
@click.option("-o", "--output", type=click.Path(), default=None, help="Write here (atomically) instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json", "text"]), default="markdown", show_default=True)
@glossary_option
@model_options
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
@click.argument("article")
@click.option("-o", "--output", type=click.Path(), default=None, help="Write here (atomically) instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option(
    "--bullets",
    type=click.IntRange(1, 20),
    default=None,
    help="Bullets per section (default: 1 for 1-3 sentences, 2 for 4-7, 3 for 8 or more).",
)
@glossary_option
@model_options
@handle_errors
def run(article, output, fmt, bullets, glossaries, **model_args):
    """The main job: summary, per-section briefings, full translation and glossary report.

    \b
    Example:
      briefing run seeds/sejong-japan-visit-heavy-ion-quantum.txt -o brief.md
    """
    _translate_command(article, output, fmt, glossaries, model_args, with_brief=True, bullets=bullets)


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("translation", type=click.Path(dir_okay=False))
@glossary_option
@click.option("--fix", is_flag=True, help="Repair what is safe and write the repaired translation to -o.")
@click.option("-o", "--output", type=click.Path(), default=None, help="Where --fix writes the repaired translation.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def check(source, translation, glossaries, fix, output, fmt):
    """Check any translation against the glossary: terms, numbers and consistency.

    SOURCE and TRANSLATION are line-aligned plain-text files (one segment per line), or an article and
    the JSON that `briefing translate --format json` wrote for it. Exit code 0 when clean, 1 when
    findings remain, 2 for bad usage or input.

    \b
    Example:
      briefing check source.ko.txt target.en.txt
      briefing check source.ko.txt target.en.txt --fix -o target.fixed.txt
    """
    from .checkfiles import check_files
    from .render import check_json, check_text

    if fix and not output:
        raise BriefingError("--fix needs -o OUT for the repaired translation")
    if output and not fix:
        raise BriefingError("-o is only used with --fix")
    check_output_path(output, (source, translation, *glossary_inputs(glossaries)), protected_folders())
    glossary = load_glossary(glossaries)
    outcome = check_files(source, translation, glossary, fix=fix)
    if fix:
        write_output(output, outcome.repaired_text)
    say(check_json(outcome) if fmt == "json" else check_text(outcome), nl=False)
    if outcome.remaining:
        sys.exit(EXIT_FINDINGS)


@cli.group()
def glossary():
    """Validate glossary files and import them from TSV, CSV or TBX."""


@glossary.command("validate")
@click.argument("file", type=click.Path(dir_okay=False))
@handle_errors
def glossary_validate(file):
    """Report duplicates, conflicts, ambiguous short terms and malformed lines (exit 1 if any).

    \b
    Example:
      briefing glossary validate glossary/heavy-ion-quantum-cities.yaml
    """
    from .glossary import validate_glossary

    findings = validate_glossary(file)
    for finding in findings:
        say(str(finding))
    if findings:
        sys.exit(EXIT_FINDINGS)
    say(f"{file}: no problems found")


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
    from .glossary import import_glossary

    check_output_path(output, (file,), protected_folders())
    write_output(output, import_glossary(file))


@cli.group()
def cache():
    """Show or clear the translation cache."""


@cache.command("info")
@handle_errors
def cache_info():
    """Where the cache is, how many translations it holds and its size on disk."""
    from .cache import cache_info as read_cache_info

    info = read_cache_info()
    say(f"{info.path}: {info.entries} cached translations, {info.size_bytes / 1e6:.1f} MB on disk")


@cache.command("clear")
@handle_errors
def cache_clear():
    """Delete every cached translation and every broken converted model (working ones stay)."""
    from .cache import cache_clear as clear_cache
    from .backends import remove_broken_conversions

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
    from .backends import download_model

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
