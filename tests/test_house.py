"""The house rules of STYLE.md §3, read off the source: rooms import one way, click stays in cli/, no
private name crosses a module, no import circle, no absolute machine path.

Each rule is checked on the real tree, so a change that breaks the layout fails here with the offending
line named, rather than being found by the next reader."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "briefing"

#: Each room and the rooms it may import (besides itself). Read downwards:
#: cli → follow → batch → pipeline, formats → checks, brief → reader, glossary, backends → sentences, files,
#: same_story → model, errors, disjoint_sets
BASE = {"model", "errors", "disjoint_sets"}
ALLOWED = {
    "model": set(),
    "errors": set(),
    "disjoint_sets": set(),
    "files": BASE,
    "sentences": BASE,
    "same_story": BASE,
    "reader": BASE | {"sentences", "files"},
    "glossary": BASE | {"sentences", "files"},
    "backends": BASE | {"files"},
    "checks": BASE | {"sentences", "files", "glossary"},
    "brief": BASE | {"sentences", "glossary"},
    "pipeline": BASE | {"sentences", "files", "reader", "glossary", "backends", "checks", "brief"},
    "formats": BASE | {"sentences", "files", "reader", "glossary", "checks", "brief", "pipeline"},
    "batch": BASE | {"sentences", "files", "reader", "glossary", "backends", "checks", "brief", "pipeline",
                     "formats", "same_story"},
    "follow": BASE | {"sentences", "files", "reader", "glossary", "backends", "checks", "brief", "pipeline",
                      "formats", "batch", "same_story"},
    "cli": BASE | {"sentences", "files", "reader", "glossary", "backends", "checks", "brief", "pipeline",
                   "formats", "batch", "follow", "same_story"},
    "__init__": set(),
    "__main__": {"cli"},
}


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        found.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    return found


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path, module: str) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names) for every import of briefing code, at any depth in the file."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([target] if target else []))
            if target == "briefing" or target.startswith("briefing."):
                out.append((node.lineno, target, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("briefing"):
                    out.append((node.lineno, alias.name, []))
    return out


def test_rooms_import_only_the_rooms_below_them():
    wrong = []
    for module, path in modules():
        mine = room(module)
        for line, target, names in imports(path, module):
            targets = [target] if target != "briefing" else [f"briefing.{n}" for n in names if not n.startswith("__")]
            for t in targets:
                theirs = room(t)
                if theirs != mine and theirs != "__init__" and theirs not in ALLOWED[mine]:
                    wrong.append(f"{path.relative_to(REPO)}:{line}: {mine} imports {t}")
    assert wrong == []


def test_no_private_name_is_imported_from_another_module():
    wrong = []
    for module, path in modules():
        for line, target, names in imports(path, module):
            for name in names:
                if name.startswith("_") and not name.startswith("__") and target != module:
                    wrong.append(f"{path.relative_to(REPO)}:{line}: {target}.{name}")
    assert wrong == []


def test_only_the_command_line_imports_click():
    wrong = [str(path.relative_to(REPO)) for module, path in modules()
             if room(module) != "cli" and re.search(r"^\s*(import click|from click)", path.read_text(encoding="utf-8"), re.M)]
    assert wrong == []


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), i.e. import circles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_in_the_package():
    known = {module for module, _ in modules()}
    graph: dict[str, set[str]] = {}
    for module, path in modules():
        edges = set()
        for _, target, names in imports(path, module):
            for t in [target] + [f"{target}.{n}" for n in names]:
                if t in known and t != module and not (module.startswith(t + ".")):
                    edges.add(t)
        graph[module] = edges
    assert _circles(graph) == []


def test_no_absolute_machine_path_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    pattern = re.compile(r"(?<![\w.~])/(?:work|root|home|Users|tmp/pytest)/[\w.-]+")
    wrong = []
    for name in tracked:
        path = REPO / name
        if path.suffix in {".png", ".jpg", ".sqlite3"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if pattern.search(line):
                wrong.append(f"{name}:{number}: {line.strip()[:100]}")
    assert wrong == []
