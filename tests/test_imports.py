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


def _imports_between_modules() -> dict[str, set[str]]:
    """Which briefing modules each one imports, at the top or inside a function (relative imports)."""
    import ast
    from pathlib import Path

    import briefing

    root = Path(briefing.__file__).parent
    names = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {}
    for name, path in names.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
                found |= {m for m in (base, *(f"{base}.{a.name}" for a in node.names)) if m in names}
        graph[name] = found - {name}
    return graph


def test_no_two_modules_import_each_other_even_through_others():
    # An import circle (hub ↔ backends, cache ↔ ct2) works until someone moves an import to the top;
    # data flows one way, and so do the imports.
    graph = _imports_between_modules()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(m == goal or (m not in seen and not seen.add(m) and reaches(m, goal, seen)) for m in graph[start])

    assert sorted(m for m in graph if reaches(m, m, set())) == []


def test_a_run_on_a_cached_conversion_loads_neither_torch_nor_transformers(tiny_model_dir, tmp_path):
    # The fast path: once converted, sentencepiece cuts the text and CTranslate2 translates it; the
    # Korean analyser is built once, by the stages that need it, and on Linux in the child process that
    # reads the article (pipeline.korean_side_apart), never in the one that translates.
    import json
    import os
    from pathlib import Path

    seed = Path(__file__).resolve().parents[1] / "seeds" / "sejong-japan-visit-heavy-ion-quantum.txt"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}
    args = ["run", str(seed), "--model", str(tiny_model_dir), "--no-cache", "-q", "-o", str(tmp_path / "brief.md")]
    subprocess.run([sys.executable, "-m", "briefing", *args], env=env, check=True)  # converts
    code = f"""
import json, sys
import kiwipiepy
built = []
class Counted(kiwipiepy.Kiwi):
    def __init__(self, *a, **k):
        built.append(1)
        super().__init__(*a, **k)
kiwipiepy.Kiwi = Counted
from briefing.cli import cli
try:
    cli({args!r})
except SystemExit as exc:
    status = exc.code
print(json.dumps({{"status": status, "kiwi": len(built),
                  "heavy": sorted(m for m in ("torch", "transformers", "sacremoses") if m in sys.modules)}}))
"""
    forked = sys.platform.startswith("linux")
    for in_process, built in (("1", 1), ("0", 0 if forked else 1)):
        env["BRIEFING_IN_PROCESS"] = in_process
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert json.loads(out.stdout.strip().splitlines()[-1]) == {"status": 0, "kiwi": built, "heavy": []}
