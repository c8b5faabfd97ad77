"""The click options that several commands share: glossaries, the model and a batch's cluster."""

from __future__ import annotations

import click

from briefing.backends import DEFAULT_MODEL
from briefing.same_story import THRESHOLD


def glossary_option(f):
    return click.option(
        "--glossary",
        "glossaries",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Glossary file (YAML, TSV, CSV or TBX); repeatable, a later file wins. Default: the shipped one.",
    )(f)


#: What translate and run write (formats.FORMATS, named here so that --help needs no import of them).
OUTPUT_FORMATS = ["markdown", "json", "text", "lines", "xliff", "tmx", "html"]


def translation_option(f):
    return click.option(
        "--translation",
        type=click.Path(dir_okay=False),
        default=None,
        help="English made elsewhere (one line per segment, briefing JSON, XLIFF or TMX) instead of a model.",
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
        click.option("-q", "--quiet", is_flag=True, help="No progress bar or status lines on stderr."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def review_options(f):
    """What is done with the glossary findings of a translation: only the commands that write one."""
    f = click.option("--strict", is_flag=True,
                     help="Exit with code 1 when error findings remain (the output is still written); warnings do not count.")(f)
    return click.option("--no-fix", is_flag=True, help="Report glossary findings but keep the raw model output.")(f)


def batch_options(f):
    """``--ray`` (``ray_options``) and ``--same-story [THRESHOLD]``: an optional value, read as a number
    by ``same_story_threshold`` (a folder after it is not one)."""
    f = click.option(
        "--same-story", "same_story", is_flag=False, flag_value=f"{THRESHOLD:g}", default=None, metavar="[THRESHOLD]",
        help="Brief one article per story: an article whose Korean text is a near-duplicate of an earlier "
             f"one (text similarity from THRESHOLD, default {THRESHOLD:g}) gets an index row naming it and what "
             "they state differently.",
    )(f)
    return ray_options(f)


def ray_options(f):
    """``--ray [ADDRESS]``: an optional value, so ``--ray`` alone starts a local Ray; and ``--ray-actors``.
    Shared by ``run``'s batches and ``follow``, which translates its stories on the batch's Ray path."""
    f = click.option("--ray-actors", "ray_actors", type=click.IntRange(1, 4096), default=None,
                     help="Translators on the cluster (default: one per GPU with --device cuda, else one "
                          "per --threads CPUs).")(f)
    return click.option(
        "--ray", "ray_address", is_flag=False, flag_value="local", default=None, metavar="[ADDRESS]",
        help="Run the batch on Ray: ADDRESS of a cluster (auto, HOST:PORT, ray://HOST:PORT), "
             "or none for a local Ray. Needs pip install -e \".[ray]\".",
    )(f)


def same_story_threshold(value: str | None) -> float | None:
    """``--same-story``'s value as a threshold, or None when the option is not given."""
    from briefing.errors import BriefingError

    if value is None:
        return None
    try:
        threshold = float(value)
    except ValueError:
        threshold = -1.0
    if not 0.05 <= threshold <= 1.0:
        raise BriefingError(f"--same-story {value}: not a threshold (a number from 0.05 to 1); put --same-story "
                            f"after the articles, or write --same-story={THRESHOLD:g}")
    return threshold
