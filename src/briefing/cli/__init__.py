"""The command line: click commands, options and the console; the only importer of click."""

from briefing.cli.commands import cli, main

__all__ = ["cli", "main"]
