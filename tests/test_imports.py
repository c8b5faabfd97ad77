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
