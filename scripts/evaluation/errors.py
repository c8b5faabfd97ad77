"""The one error the scripts expect: data that is missing or not in the layout the script reads.

The scripts print it as one line and exit 2, as ``briefing`` does when the user must fix something;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from typing import Callable


class DataError(Exception):
    """A data folder or file the evaluation cannot read; the message says which and why."""


def command_line(main: Callable[[], int | None]) -> int:
    """Run a script's ``main``; a DataError becomes ``Error: <message>`` on stderr and exit code 2."""
    try:
        return main() or 0
    except DataError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
