"""The docs hold to the code (sqlite-utils' test_docs habit): every command has --help text and a section in
docs/commands.md with every option, every module is in the map of docs/architecture.md, every relative link
lands, the README stays the entry point, and every block of real output equals what the tool writes.

The conventions these tests read (the output-block marker above all) are written down in
docs/architecture.md, "The docs and their tests"."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefing.cli import cli

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "briefing"
README = (REPO / "README.md").read_text(encoding="utf-8")
PAGES = [REPO / "README.md", REPO / "CHANGELOG.md", *sorted((REPO / "docs").glob("*.md"))]
README_LIMIT = 16 * 1024  # bytes: the README is also the package's page on PyPI (STYLE.md, §4)
TEST_COMMAND = 'python3 -m pip install --quiet -e ".[test]" && python3 -m pytest -q'


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _name(path: Path) -> str:
    return str(path.relative_to(REPO))


# --- reading Markdown: fences, headings, anchors, sections ------------------------------------------------

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MARKER = re.compile(r"^<!-- output: (.+?) -->$")


def _fenced_blocks(text: str):
    """Each fenced block as (line index of its opening fence, its lines); a fence closes only on a run of
    the same character at least as long, so a ```` block may show ``` blocks inside it."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence = opening.group(1)
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        yield i, lines[i + 1:j]
        i = j + 1


def _prose_lines(text: str) -> list[str]:
    """The lines outside fenced blocks (a line inside one is blanked, so indices still match)."""
    lines = text.split("\n")
    for start, body in _fenced_blocks(text):
        for k in range(start, start + len(body) + 2):
            if k < len(lines):
                lines[k] = ""
    return lines


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def _headings(text: str) -> list[tuple[int, int, str]]:
    """(line index, level, text) of every heading outside fenced blocks."""
    found = []
    for i, line in enumerate(_prose_lines(text)):
        m = HEADING.match(line)
        if m:
            found.append((i, len(m.group(1)), m.group(2)))
    return found


def _anchors(text: str) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for _, _, heading in _headings(text):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        anchors.add(base if n == 0 else f"{base}-{n}")
    return anchors


def _sections(text: str) -> dict[str, str]:
    """Each heading's anchor → the text under it, up to the next heading of the same or a higher level."""
    lines = text.split("\n")
    headings = _headings(text)
    out = {}
    for k, (i, level, heading) in enumerate(headings):
        end = next((j for j, lv, _ in headings[k + 1:] if lv <= level), len(lines))
        out[slug(heading)] = "\n".join(lines[i:end])
    return out


# --- every command: --help, a section in docs/commands.md, every option ----------------------------------

COMMANDS_PAGE = _read(REPO / "docs" / "commands.md")


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        yield full, command
        if isinstance(command, click.Group):
            yield from _commands(command, full + " ")


COMMANDS = sorted(_commands(cli))


def _section_of(name: str) -> str | None:
    for _, _, heading in _headings(COMMANDS_PAGE):
        if heading.replace("`", "").strip() == f"briefing {name}":
            return _sections(COMMANDS_PAGE)[slug(heading)]
    return None


def _mentions(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


@pytest.mark.parametrize("name,command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_has_help_a_section_in_the_docs_and_a_line_in_the_readme(name, command):
    assert command.help and len(command.help.strip()) > 20, f"{name} has no --help text"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert f"briefing {name}" in README, f"`briefing {name}` is not listed in README.md"
    section = _section_of(name)
    assert section is not None, f"docs/commands.md has no section headed `briefing {name}`"
    # An option may be documented in the command's section or in a section of the same page it links to
    # (the model options several commands share).
    linked = _sections(COMMANDS_PAGE)
    documented = section + "".join(linked.get(a, "") for a in re.findall(r"\]\(#([^)\s]+)\)", section))
    for param in command.params:
        if not isinstance(param, click.Option) or param.name == "help":
            continue
        opts = [*param.opts, *param.secondary_opts]
        assert any(_mentions(documented, o) for o in opts), (
            f"`briefing {name}`: option {'/'.join(opts)} is not in its section of docs/commands.md")


# --- the module map -----------------------------------------------------------------------------------

ARCHITECTURE = _read(REPO / "docs" / "architecture.md")
MODULES = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
MAP = _sections(ARCHITECTURE)["the-module-map"]


@pytest.mark.parametrize("module", MODULES)
def test_every_module_is_in_the_architecture_map(module):
    assert re.search(rf"^- `{re.escape(module)}`:", MAP, re.M), (
        f"src/briefing/{module} is not in the module map of docs/architecture.md: add a line `- `{module}`: …`")


def test_every_module_the_map_names_exists():
    named = re.findall(r"^- `([^`]+\.py)`:", MAP, re.M)
    assert named, "the module map lists no module"
    gone = [m for m in named if not (PACKAGE / m).is_file()]
    assert not gone, f"docs/architecture.md maps modules that are not under src/briefing/: {gone}"


# --- links and paths ----------------------------------------------------------------------------------

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _links(text: str) -> list[str]:
    prose = "\n".join(_prose_lines(text))
    prose = re.sub(r"`[^`\n]*`", "", prose)  # a link shown as code is not a link
    return LINK.findall(prose)


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_every_relative_link_lands_on_a_file_and_a_heading(page):
    broken = []
    for target in _links(_read(page)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        where = (page.parent / path).resolve() if path else page
        if not where.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and where.suffix == ".md" and anchor not in _anchors(_read(where)):
            broken.append(f"{target} (no heading with that anchor)")
    assert not broken, f"{_name(page)}: broken links: {broken}"


REPO_PATH = re.compile(r"(?<![\w./-])((?:src/briefing|scripts|tests|seeds)/[\w./*-]*)")


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_every_repository_path_the_docs_name_exists(page):
    missing = []
    for path in REPO_PATH.findall(_read(page)):
        path = path.rstrip(".")
        if page.name == "CHANGELOG.md" and not path.startswith(("scripts/", "tests/")):
            continue  # history names the modules as they were
        if not (list(REPO.glob(path)) if "*" in path else (REPO / path).exists()):
            missing.append(path)
    assert not missing, f"{_name(page)} names paths that do not exist: {sorted(set(missing))}"


# --- the README as the entry point -------------------------------------------------------------------


def test_the_readme_fits_a_package_page():
    size = len((REPO / "README.md").read_bytes())
    assert size <= README_LIMIT, f"README.md is {size} bytes; the limit is {README_LIMIT}: move reference to docs/"


def test_readme_opens_with_the_two_setup_commands():
    ci = _read(REPO / ".ci" / "run")
    assert TEST_COMMAND in ci
    head = README[:1500]
    assert "briefing run seeds/" in head
    assert TEST_COMMAND in head


def _exit_codes(text: str) -> list[str]:
    section = _sections(text)["exit-codes"]
    rows = [line for line in section.split("\n") if re.match(r"^\| \d+ \|", line)]
    return [re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", row) for row in rows]  # the same words, links aside


def test_the_readme_gives_the_exit_codes_the_checks_page_gives():
    readme, checks = _exit_codes(README), _exit_codes(_read(REPO / "docs" / "checks.md"))
    assert readme and readme == checks


# --- the JSON schema ----------------------------------------------------------------------------------


def _json_keys(value, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            _json_keys(inner, found)
    elif isinstance(value, list):
        for inner in value:
            _json_keys(inner, found)
    return found


def test_the_json_schema_names_every_key_the_tool_writes_and_no_other(seed_result, glossary):
    from briefing.formats.json_doc import to_dict
    from briefing.pipeline import inspect_article
    from conftest import SEED

    formats = _read(REPO / "docs" / "formats.md")
    schema = "\n".join(next(body for _, body in _fenced_blocks(_sections(formats)["json"])))
    documented = set(re.findall(r'"(\w+)"\s*:', schema))
    written = _json_keys(to_dict(seed_result), set())
    written |= _json_keys(to_dict(inspect_article(SEED.read_text(encoding="utf-8"), glossary)), set())
    assert written <= documented, f"keys the JSON holds that docs/formats.md does not: {sorted(written - documented)}"
    source = _read(PACKAGE / "formats" / "json_doc.py")
    stale = sorted(k for k in documented if f'"{k}"' not in source)
    assert not stale, f"keys docs/formats.md documents that json_doc.py never writes: {stale}"


# --- blocks of real output ----------------------------------------------------------------------------


def _output_blocks():
    """(page, line, command, block lines) for every fenced block marked `<!-- output: COMMAND -->`."""
    blocks = []
    for page in PAGES:
        text = _read(page)
        lines, prose = text.split("\n"), _prose_lines(text)
        fenced = dict(_fenced_blocks(text))
        for i, line in enumerate(prose):
            m = MARKER.match(line.strip())
            if not m:
                continue
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            blocks.append((page, i + 1, m.group(1), fenced.get(j)))
    return blocks


OUTPUT_BLOCKS = _output_blocks()


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """What each marked command prints, run once each: from the repository root, with a fresh translation
    cache, and the seed's human translation standing in for the model."""
    from conftest import seed_translator

    import briefing.cli.commands
    import briefing.cli.io

    outputs = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        patch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.delenv("BRIEFING_DEBUG", raising=False)
        for module in (briefing.cli.commands, briefing.cli.io):
            patch.setattr(module, "make_translator", lambda **options: seed_translator())
        for command in sorted({c for _, _, c, _ in OUTPUT_BLOCKS}):
            words = shlex.split(command)
            if words[0] == "briefing":
                outputs[command] = CliRunner().invoke(cli, words[1:])
        yield outputs


def _runs_in_order(output: list[str], excerpts: list[list[str]]) -> str | None:
    """None when each excerpt is a run of whole consecutive lines of the output, in order; else the first
    excerpt that is not."""
    position = 0
    for excerpt in excerpts:
        for start in range(position, len(output) - len(excerpt) + 1):
            if output[start:start + len(excerpt)] == excerpt:
                position = start + len(excerpt)
                break
        else:
            return "\n".join(excerpt)
    return None


@pytest.mark.parametrize("page,line,command,body", OUTPUT_BLOCKS,
                         ids=[f"{_name(p)}:{n}" for p, n, _, _ in OUTPUT_BLOCKS])
def test_every_block_of_real_output_is_what_the_tool_writes(page, line, command, body, written):
    where = f"{_name(page)}, line {line}"
    assert body is not None, f"{where}: the output marker is not followed by a fenced block"
    if body and body[0].startswith("$ "):
        assert body[0] == f"$ {command}", f"{where}: the block shows {body[0]!r} but is marked {command!r}"
        body = body[1:]
    assert command in written, f"{where}: the output marker names {command!r}, not a briefing command"
    result = written[command]
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{where}: `{command}` raised {result.exception!r}")
    output = result.output.rstrip("\n").split("\n")
    if "…" not in body:
        assert body == output, f"{where}: the block is not what `{command}` writes:\n" + result.output
        return
    excerpts, current = [], []
    for text in [*body, "…"]:
        if text == "…":
            while current and not current[0].strip():
                current.pop(0)
            while current and not current[-1].strip():
                current.pop()
            if current:
                excerpts.append(current)
            current = []
        else:
            current.append(text)
    missing = _runs_in_order(output, excerpts)
    assert missing is None, f"{where}: this excerpt is not, in order, in what `{command}` writes:\n{missing}"


def test_a_block_that_shows_a_briefing_command_is_marked_as_output():
    marked = {(p, n) for p, n, _, _ in OUTPUT_BLOCKS}
    unmarked = []
    for page in PAGES:
        text = _read(page)
        lines = text.split("\n")
        for start, body in _fenced_blocks(text):
            if not body or not body[0].startswith("$ briefing"):
                continue
            before = start - 1
            while before >= 0 and not lines[before].strip():
                before -= 1
            if (page, before + 1) not in marked:
                unmarked.append(f"{_name(page)}:{start + 1}")
    assert not unmarked, f"blocks showing a `$ briefing` session without an output marker: {unmarked}"

