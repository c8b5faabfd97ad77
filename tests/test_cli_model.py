"""`briefing run` and `translate` end to end on the tiny Marian model: the real loading code, the
real backends and the real output files. A random model proves the plumbing, not the quality."""

import json

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from conftest import SEED


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated_cache(cache_dir, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache_dir))


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_run_writes_markdown_with_every_part(tiny_model_dir, tmp_path, backend):
    out = tmp_path / "brief.md"
    result = invoke("run", SEED, "--model", tiny_model_dir, "--backend", backend, "-q", "-o", out)
    assert result.exit_code == 0, result.output
    # -q: the document went to the file, and stderr has at most the first load's probe warnings (a random
    # model translates the probes into nonsense; see test_verify.py)
    assert all(" translates the probe " in line for line in result.output.splitlines())
    md = out.read_text(encoding="utf-8")
    for marker in ("## Summary", "## Briefing", "### Lead", "## Full translation", "## Glossary report",
                   "## Set aside (not translated)"):
        assert marker in md
    assert f"({backend})" in md
    # the report lists the glossary terms of the article, rendered or not
    assert "| 이화학연구소 | RIKEN | sentence" in md


def test_run_json_has_an_english_string_for_every_sentence(tiny_model_dir, tmp_path):
    out = tmp_path / "brief.json"
    result = invoke("run", SEED, "--model", tiny_model_dir, "--format", "json", "-q", "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["model"] == str(tiny_model_dir)
    assert data["backend"] == "ctranslate2"  # auto picks CTranslate2 for a Marian model
    sentences = [s for sec in data["sections"] for s in sec["sentences"]]
    assert len(sentences) == 32
    assert all(isinstance(s["en"], str) for s in sentences)
    assert all(isinstance(t["rendered"], bool) for s in sentences for t in s["terms"])
    assert len(data["summary"]) == 3
    for section in data["sections"]:
        own = [s["en"] for s in section["sentences"]]
        assert all(line in own for line in section["brief"])


def test_translate_text_and_the_second_run_comes_from_the_cache(tiny_model_dir, tmp_path):
    from briefing.backends.cache import cache_info

    first = invoke("translate", SEED, "--model", tiny_model_dir, "--format", "text", "-q")
    assert first.exit_code == 0, first.output
    entries = cache_info().entries
    assert entries >= 32 + 5  # sentences, title, subtitle and three headings
    second = invoke("translate", SEED, "--model", tiny_model_dir, "--format", "text", "-q")
    assert second.output == first.output
    assert cache_info().entries == entries  # nothing new was translated


def test_no_cache_leaves_the_cache_alone(tiny_model_dir, tmp_path, monkeypatch):
    from briefing.backends.cache import cache_info

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "fresh"))
    result = invoke("translate", SEED, "--model", tiny_model_dir, "--no-cache", "-q", "--backend", "transformers")
    assert result.exit_code == 0, result.output
    assert cache_info().entries == 0


def test_cache_info_and_clear(tiny_model_dir):
    invoke("translate", SEED, "--model", tiny_model_dir, "-q")
    info = invoke("cache", "info")
    assert info.exit_code == 0 and "cached translations" in info.output
    cleared = invoke("cache", "clear")
    assert cleared.exit_code == 0 and cleared.output.startswith("removed ")
    assert "0 cached translations" in invoke("cache", "info").output


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_cuda_asked_for_on_a_machine_without_one(tiny_model_dir, backend, monkeypatch):
    # Even with every sentence in the cache (no model call needed), --device cuda without a GPU is
    # one line and exit code 2, not a silent CPU run. The machine's answer is pinned to "no GPU".
    import ctranslate2
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    invoke("translate", SEED, "--model", tiny_model_dir, "--backend", backend, "-q")  # warm the cache
    result = invoke("translate", SEED, "--model", tiny_model_dir, "--backend", backend, "--device", "cuda", "-q")
    assert result.exit_code == 2
    assert result.output.startswith("Error: --device cuda was requested but ")
    assert result.output.count("\n") == 1


def test_strict_run_exits_1_when_findings_remain_and_still_writes_the_brief(tiny_model_dir, tmp_path):
    # A random model renders no glossary term, so findings remain: a pipeline that forwards briefs
    # automatically can stop on exit code 1, and the brief is there to look at.
    out = tmp_path / "brief.md"
    result = invoke("run", SEED, "--model", tiny_model_dir, "-q", "--strict", "-o", out)
    assert result.exit_code == 1
    assert result.output.endswith("glossary findings remain (see the report)\n")
    assert "## Glossary report" in out.read_text(encoding="utf-8")
    assert invoke("run", SEED, "--model", tiny_model_dir, "-q", "-o", out).exit_code == 0


def _key_paths(value, path="") -> set[str]:
    """Every key path of a JSON document ("sections[].sentences[].terms[].rendered"), lists merged."""
    if isinstance(value, dict):
        out = {f"{path}.{k}".lstrip(".") for k in value}
        for k, v in value.items():
            out |= _key_paths(v, f"{path}.{k}".lstrip("."))
        return out
    if isinstance(value, list):
        return set().union(*(_key_paths(v, f"{path}[]") for v in value)) if value else set()
    return set()


#: The key paths `run --format json` wrote on the seed with the tiny model before the segment records
#: (#9) replaced the parallel tuples of Result: a refactor must write the same keys (``revision``, the
#: model files' hub commit, was added by #14).
RUN_JSON_KEYS = {
    "backend", "boilerplate", "boilerplate_detail", "boilerplate_detail[].end", "boilerplate_detail[].kind",
    "boilerplate_detail[].ko", "boilerplate_detail[].start", "findings", "findings[].expected",
    "findings[].fixed", "findings[].found", "findings[].kind", "findings[].ko", "findings[].segment",
    "findings[].severity", "glossaries", "glossaries[].name", "glossaries[].path", "glossaries[].sha256",
    "glossaries[].terms", "model", "page", "repairs", "retried", "schema", "sections", "sections[].brief",
    "sections[].heading", "sections[].heading.en", "sections[].heading.ko", "sections[].sentences",
    "sections[].sentences[].en", "sections[].sentences[].ko", "sections[].sentences[].terms",
    "sections[].sentences[].terms[].en", "sections[].sentences[].terms[].end",
    "sections[].sentences[].terms[].ko", "sections[].sentences[].terms[].rendered",
    "sections[].sentences[].terms[].start", "revision", "split", "subtitle", "subtitle.en", "subtitle.ko", "summary",
    "title", "title.en", "title.ko", "version",
}


def test_run_json_keeps_every_documented_key(tiny_model_dir, tmp_path):
    # A reader's scripts index the JSON by these keys; the records behind them may change, the keys may not.
    out = tmp_path / "brief.json"
    result = invoke("run", SEED, "--model", tiny_model_dir, "--format", "json", "-q", "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    # every key written before is still written; the keys added since: the segment ids (#9) and the
    # checks' notes, shown on run as on check (#21; the seed's English with the tiny model has none)
    assert _key_paths(data) == RUN_JSON_KEYS | {"sections[].heading.id", "sections[].sentences[].id", "notes"}
    # findings and retried name segments as a reader counts them
    assert {f["segment"] for f in data["findings"]} <= {"title", "subtitle"} | {
        f"{kind} {n}" for kind in ("heading", "sentence") for n in range(1, 33)}
    assert data["retried"] and all(r.split()[0] in ("title", "subtitle", "heading", "sentence") for r in data["retried"])
