"""Exceptions that reach the user as one line and an exit code.

The library raises these; ``cli/console.py`` catches ``BriefingError`` in one place and prints ``Error: <message>``.
Every message says what to do next, because it is all the user sees.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USER = 2
EXIT_INTERNAL = 3


class BriefingError(Exception):
    """An error the user can act on; displayed as one line."""

    exit_code = EXIT_USER

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class ArticleError(BriefingError):
    """The article file cannot be read as Korean news text."""


class GlossaryError(BriefingError):
    """A glossary file is malformed; the message names the file and line."""


class ModelUnavailable(BriefingError):
    """The model is not cached, cannot be downloaded, or its files are broken."""


class BackendMissing(BriefingError):
    """A backend's package is not installed; the message gives the install command."""


class OutputError(BriefingError):
    """An output path cannot be written safely."""


class CacheError(BriefingError):
    """The translation cache cannot be used."""


class FetchError(BriefingError):
    """A link cannot be fetched as a web page; the message names the link and what went wrong."""


class TranslationError(BriefingError):
    """A translation made elsewhere cannot be read, or does not line up with its article."""


def internal_error(exc: BaseException) -> str:
    """The one line for a bug, naming the module of briefing where it was raised: a user can report it
    without a traceback, and the batch records it for the one article that failed."""
    tb = exc.__traceback__
    stage = "briefing"
    while tb is not None:
        name = tb.tb_frame.f_globals.get("__name__", "")
        if name.startswith("briefing."):
            stage = name.split(".", 1)[1]
        tb = tb.tb_next
    return f"internal error in {stage}: {type(exc).__name__} (set BRIEFING_DEBUG=1 for the traceback)"
