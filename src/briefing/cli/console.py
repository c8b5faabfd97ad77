"""What a command prints: errors as one line with their exit code, stdout that may be full, the progress
bar, and the status lines of the ``briefing`` logger on stderr."""

from __future__ import annotations

import functools
import logging
import os
import sys
from typing import Callable

import click

from briefing.errors import EXIT_INTERNAL, BriefingError, OutputError, internal_error


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
            click.echo(f"Error: {internal_error(exc)}", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def say(text: str, nl: bool = True) -> None:
    """Print to standard output; a full or closed one (``> /dev/full``, ``| head``) is one line and exit 2."""
    try:
        click.echo(text, nl=nl)
    except OSError as exc:
        from briefing.files import describe_os_error

        # Point stdout at /dev/null, so that the flush at exit does not fail again with its own message.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # not a real file descriptor (tests capture it)
            pass
        raise OutputError(f"cannot write to standard output: {describe_os_error(exc)}") from None



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

    def add_total(self, n: int) -> None:
        """A batch's bar grows when an article's sentences go to the model in more pieces than counted."""
        if self._task is not None:
            task = next(t for t in self._progress.tasks if t.id == self._task)
            self._progress.update(self._task, total=(task.total or 0) + n)

    def close(self) -> None:
        if self._task is not None:  # a bar that never started leaves no blank line above an error
            self._progress.stop()
        logging.getLogger("briefing").removeHandler(self._handler)


class _ConsoleHandler(logging.Handler):
    """Sends the ``briefing`` logger's lines to the rich console that draws the progress bar."""

    def __init__(self, console):
        super().__init__()
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        self.console.print(record.getMessage(), markup=False, highlight=False, soft_wrap=True)


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


