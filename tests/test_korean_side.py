"""The Korean side of a model run (reading, the checks' analysis, the briefing's picks) in a forked child:
the translating process never holds the Korean analyser, and nothing a user sees changes."""

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import briefing
from briefing import pipeline
from briefing.errors import ArticleError, ModelUnavailable
from briefing.glossary import load_glossaries
from conftest import SEED

needs_fork = pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin", reason="fork is the Linux path")

# One library-level run on the tiny model in a fresh process: what it printed, and whether the process
# that translated ever imported kiwipiepy.
_RUN = """
import json, sys
from pathlib import Path
from briefing.backends import build_translator, TranslatorOptions
from briefing.formats import render
from briefing.glossary import load_glossaries
from briefing.pipeline import run_article
translator = build_translator("auto", TranslatorOptions(model=sys.argv[1]), cache=False)
result = run_article(Path(sys.argv[2]).read_text(encoding="utf-8"), load_glossaries(None), translator)
print(json.dumps({"kiwi": "kiwipiepy" in sys.modules, "json": render(result, "json"),
                  "markdown": render(result, "markdown")}))
"""


def _run_in_new_process(model_dir: Path, cache: Path, in_process: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=str(Path(briefing.__file__).parents[1]), BRIEFING_CACHE_DIR=str(cache),
               HF_HUB_OFFLINE="1", **{pipeline.IN_PROCESS: "1" if in_process else "0"})
    done = subprocess.run([sys.executable, "-c", _RUN, str(model_dir), str(SEED)], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@needs_fork
def test_a_run_translates_without_the_analyser_and_writes_what_the_in_process_run_writes(tiny_model_dir, tmp_path):
    apart = _run_in_new_process(tiny_model_dir, tmp_path, in_process=False)
    together = _run_in_new_process(tiny_model_dir, tmp_path, in_process=True)
    assert apart["kiwi"] is False  # the 330 MB analyser lived and died in the child
    assert together["kiwi"] is True  # BRIEFING_IN_PROCESS=1: today's path, the analyser loaded here
    assert apart["json"] == together["json"]
    assert apart["markdown"] == together["markdown"]
    assert len(json.loads(apart["json"])["summary"]) == 3  # the briefing was chosen, not left out


def test_errors_cross_the_process_boundary_with_their_message_and_exit_code():
    # the child hands its error back pickled: a lost exit code would turn "fix your article" into a bug
    back = pickle.loads(pickle.dumps(ArticleError("article.txt has no Korean text; pass a Korean article")))
    assert (type(back), str(back), back.exit_code) == (
        ArticleError, "article.txt has no Korean text; pass a Korean article", 2)
    assert pickle.loads(pickle.dumps(ModelUnavailable("gone", 4))).exit_code == 4


@needs_fork
@pytest.mark.parametrize("in_process", [False, True])
def test_an_article_error_is_one_line_and_exit_2_on_either_path(tiny_model_dir, tmp_path, in_process):
    # a new process: pytest's own threads would keep the run from forking (``pipeline.forks``)
    article = tmp_path / "english.txt"
    article.write_text("This is not Korean.\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(briefing.__file__).parents[1]), BRIEFING_CACHE_DIR=str(tmp_path),
               HF_HUB_OFFLINE="1", **{pipeline.IN_PROCESS: "1" if in_process else "0"})
    done = subprocess.run([sys.executable, "-m", "briefing", "run", str(article), "--model", str(tiny_model_dir),
                           "--no-cache", "-q"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == f"Error: {article} has no Korean text; pass a Korean article"
    assert "Traceback" not in done.stderr


_ORDER = """
import sys
from briefing import pipeline
from briefing.errors import ArticleError, BriefingError, ModelUnavailable
from briefing.glossary import load_glossaries

def broken_model():
    raise ModelUnavailable("the model's files are broken", 4)

read = pipeline.read

def unreadable(text):  # stands for any error the reader raises, now in the child
    if text == "unreadable":
        raise ArticleError("the article cannot be read", 5)
    return read(text)

pipeline.read = unreadable

assert pipeline.forks()
try:
    pipeline.korean_side_apart(sys.argv[1], load_glossaries(None), with_brief=True, meanwhile=broken_model)
except BriefingError as exc:
    assert "kiwipiepy" not in sys.modules  # the Korean side ran in the child
    print(type(exc).__name__, exc.exit_code)
"""


@needs_fork
def test_the_article_error_wins_over_a_model_that_fails_to_load_meanwhile():
    # in one process the article is read before the model loads: the user hears about the article first
    env = dict(os.environ, PYTHONPATH=str(Path(briefing.__file__).parents[1]))
    said = [subprocess.run([sys.executable, "-c", _ORDER, text], env=env, capture_output=True, text=True,
                           timeout=600).stdout.strip() for text in ("unreadable", SEED.read_text(encoding="utf-8"))]
    assert said == ["ArticleError 5", "ModelUnavailable 4"]


def test_without_fork_the_korean_side_runs_here_and_gives_the_same_picks(monkeypatch):
    # BRIEFING_IN_PROCESS=1 stands in for macOS and Windows, where fork is not the start method
    text, glossary = SEED.read_text(encoding="utf-8"), load_glossaries(None)
    ran = []
    monkeypatch.setenv(pipeline.IN_PROCESS, "1")
    assert not pipeline.forks()
    here = pipeline.korean_side_apart(text, glossary, with_brief=True, meanwhile=lambda: ran.append("model"))
    assert ran == ["model"]
    monkeypatch.setenv(pipeline.IN_PROCESS, "0")
    apart = pipeline.korean_side_apart(text, glossary, with_brief=True)
    assert here == apart
    assert here.brief.summary and all(s.morphemes for s in here.prepared.segments)


def test_the_checks_read_morphemes_the_segments_already_carry(monkeypatch):
    # the child analysed every segment: the translating process must not load the analyser to do it again
    from briefing.checks import runner
    from briefing.model import Segment

    def no_analyser(ko):
        raise AssertionError("analysed again")

    segments = [Segment("s1", "sentence", 0, "3명이 왔다.", 0, 7, en="Three people came.")]
    analysed = [Segment(s.id, s.kind, s.section, s.ko, s.start, s.end, en=s.en, morphemes=m)
                for s, m in zip(segments, runner.analyse([s.ko for s in segments]))]
    expected = runner.run_checks(segments).issues
    monkeypatch.setattr(runner, "analyse", no_analyser)
    assert runner.run_checks(analysed).issues == expected
    with pytest.raises(AssertionError, match="analysed again"):
        runner.run_checks(segments)



_WAIT = """
import json, sys
from briefing import pipeline
from briefing.checks import renderings
from briefing.glossary import load_glossaries

compiled = []
pattern = renderings.rendering_pattern
renderings.rendering_pattern = lambda rendering: compiled.append(rendering) or pattern(rendering)
glossary = load_glossaries([sys.argv[2]])
text = open(sys.argv[1], encoding="utf-8").read()
assert pipeline.forks()
pipeline.korean_side_apart(text, glossary, with_brief=False)
print(json.dumps(compiled))
"""


@needs_fork
def test_the_parent_compiles_the_review_patterns_of_the_article_terms_while_the_child_reads(tmp_path):
    # the ~0.2 s of pattern compiling the review would do after the translation is done in the wait instead,
    # for the terms that stand in the article, not the whole glossary
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("양자\tquantum\n중입자\theavy-ion\n바르셀로나\tBarcelona\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(briefing.__file__).parents[1]))
    done = subprocess.run([sys.executable, "-c", _WAIT, str(SEED), str(glossary)], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)) == {"quantum", "heavy-ion"}
