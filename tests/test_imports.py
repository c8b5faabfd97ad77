"""`briefing --help` and the commands that need no model must start fast."""

import subprocess
import sys

HEAVY = ("torch", "transformers", "ctranslate2", "kiwipiepy")


def test_importing_the_cli_loads_no_heavy_library():
    code = (
        "import briefing.cli, sys; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_runs_without_loading_a_model():
    out = subprocess.run(
        [sys.executable, "-m", "briefing", "--help"], capture_output=True, text=True, check=True
    )
    assert "inspect" in out.stdout and "run" in out.stdout and "check" in out.stdout
