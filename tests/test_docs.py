"""Every command is documented in the README and has --help text (sqlite-utils' test_docs habit)."""

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefing.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        yield full, command
        if isinstance(command, click.Group):
            yield from _commands(command, full + " ")


COMMANDS = sorted(_commands(cli))


@pytest.mark.parametrize("name,command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_has_help_and_is_in_the_readme(name, command):
    assert command.help and len(command.help.strip()) > 20, f"{name} has no --help text"
    assert f"briefing {name}" in README, f"`briefing {name}` is not documented in README.md"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0


def test_readme_opens_with_the_two_setup_commands():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    test_command = 'python3 -m pip install --quiet -e ".[test]" && python3 -m pytest -q'
    assert test_command in ci
    head = README[:1500]
    assert "briefing run seeds/" in head
    assert test_command in head


def test_the_readme_brief_of_the_seed_is_what_run_writes():
    # The README shows brief.md for the seed with the human translation standing in for the model; each
    # excerpt between its "…" lines must be, character for character, a run of lines of the real output.
    from briefing.formats.markdown import to_markdown
    from briefing.glossary import load_glossaries
    from briefing.pipeline import run_article
    from conftest import SEED
    from conftest import seed_translator

    block = README[README.index("````markdown\n") + len("````markdown\n"):]
    block = block[: block.index("````")]
    written = to_markdown(run_article(SEED.read_text(encoding="utf-8"), load_glossaries(None), seed_translator()))
    position = 0
    for excerpt in block.split("…\n"):
        excerpt = excerpt.strip("\n")
        found = written.find(excerpt, position)
        assert found >= 0, f"README excerpt not in the output:\n{excerpt[:300]}"
        position = found + len(excerpt)
