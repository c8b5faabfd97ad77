"""Many articles in one run (#11): `briefing run DIR/ -o OUTDIR/` on three short real-shaped articles
(tests/batch/) with one unreadable file between them, the index, resume, the cross-article check and
`glossary suggest`. The model work runs on the tiny Marian model; what needs readable English runs on
a phrase-scripted fake."""

import json
import shutil
from pathlib import Path

import pytest

from conftest import lines_but_probe_warnings
import yaml
from click.testing import CliRunner

from briefing.batch.run import run_batch
from briefing.batch.inputs import expand_inputs, is_batch
from briefing.cli import cli
from briefing.glossary import load_glossaries
from briefing.model import Translation

ARTICLES = Path(__file__).parent / "batch"
NAMES = ["01-sejong-quantum", "02-busan-heavy-ion", "02x-unreadable", "03-daejeon-talent"]

GLOSSARY = """\
name: batch test glossary
terms:
  - ko: 세종시
    en: Sejong City
  - ko: 중입자
    en: heavy-ion
  - ko: 양자컴퓨팅
    en: quantum computing
    en_variants: [quantum computation]
  - ko: 최민호
    en: Choi Min-ho
"""


# every test gets its own translation cache and no BRIEFING_DEBUG of the developer's shell
pytestmark = pytest.mark.usefixtures("isolated_cache")


@pytest.fixture
def folder(tmp_path) -> Path:
    """The three articles and, sorted between them, a file that is not text."""
    articles = tmp_path / "morning"
    shutil.copytree(ARTICLES, articles)
    (articles / "02x-unreadable.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return articles


@pytest.fixture
def glossary_file(tmp_path) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def index(outdir: Path) -> dict:
    return json.loads((outdir / "index.json").read_text(encoding="utf-8"))


# --- which runs are batches -------------------------------------------------------------------------


def test_one_article_without_a_folder_is_the_single_run_it_always_was(tmp_path):
    (tmp_path / "out").mkdir()
    assert not is_batch(["a.txt"], None)
    assert not is_batch(["a.txt"], "brief.md")
    assert not is_batch(["-"], "brief.md")  # the article itself on standard input
    # several articles, a folder, or -o naming a folder (trailing slash or existing) make a batch
    assert is_batch(["a.txt", "b.txt"], None)
    assert is_batch([str(ARTICLES)], None)
    assert is_batch(["a.txt"], "briefs/")
    assert is_batch(["a.txt"], str(tmp_path / "out"))


def test_a_batch_without_an_output_folder_is_one_line(folder):
    result = invoke("run", folder / "01-sejong-quantum.txt", folder / "02-busan-heavy-ion.txt", "--model", "x")
    assert result.exit_code == 2
    assert result.output.strip() == "Error: a batch writes one brief per article into a folder; give -o OUTDIR/"


def test_ray_with_one_article_says_it_runs_batches(folder, tmp_path):
    result = invoke("run", folder / "01-sejong-quantum.txt", "--ray", "-o", tmp_path / "brief.md")
    assert result.exit_code == 2
    assert result.output.strip() == "Error: --ray runs a batch: give several articles, a folder, or -o OUTDIR/"


def test_ray_before_the_articles_would_take_a_folder_for_the_address(folder, tmp_path):
    result = invoke("run", "--ray", folder, "-o", f"{tmp_path}/out/")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: --ray {folder}: not a Ray address (auto, HOST:PORT or ray://HOST:PORT); "
        "put --ray after the articles, or write --ray=ADDRESS"
    )


def test_missing_ray_extra_names_the_install_command(folder, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    result = invoke("run", folder, "-o", f"{tmp_path}/out/", "--ray", "--model", tmp_path / "no-model")
    assert result.exit_code == 2
    assert result.output.strip() == 'Error: --ray needs the Ray extra; run: pip install -e ".[ray]"'


def test_a_model_that_is_not_there_stops_a_ray_batch_before_ray_starts(folder, tmp_path):
    pytest.importorskip("ray", reason='the Ray extra is not installed (pip install -e ".[ray]")')
    missing = tmp_path / "no-model"
    result = invoke("run", folder, "-o", f"{tmp_path}/out/", "--ray", "--model", missing)
    assert result.exit_code == 2
    assert result.output == (f"Error: model directory {missing} does not exist; pass --model DIR with a model "
                             "directory, or a hub name\n")


def test_a_ray_batch_builds_its_translators_at_the_pinned_revision(folder, tmp_path, monkeypatch):
    # run --ray --revision R must translate with revision R, as run without Ray does: the options the
    # batch builds its translators from dropped it, so a pinned revision was silently not the one used
    pytest.importorskip("ray", reason='the Ray extra is not installed (pip install -e ".[ray]")')
    import briefing.backends
    from briefing.errors import ModelUnavailable

    built = []

    def build_translator(backend, options, cache=True):
        built.append(options)
        raise ModelUnavailable("stop here")

    monkeypatch.setattr(briefing.backends, "build_translator", build_translator)
    result = invoke("run", folder, "-o", f"{tmp_path}/out/", "--ray", "--model", "org/model", "--revision", "v2")
    assert result.output == "Error: stop here\n" and result.exit_code == 2
    assert [o.revision for o in built] == ["v2"]


def test_folder_names_in_order_paths_from_stdin_and_unique_output_names(tmp_path):
    (tmp_path / "a" / "2024").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    for path in ("a/2024/brief.txt", "a/page.html", "a/notes.md", "a/.hidden.txt", "b/brief.txt", "b/index.txt"):
        (tmp_path / path).write_text("기사", encoding="utf-8")
    found = expand_inputs([str(tmp_path / "a")])
    # a folder gives its article files (subfolders too, sorted by path), not notes or hidden files
    assert [Path(i.path).relative_to(tmp_path).as_posix() for i in found] == ["a/2024/brief.txt", "a/page.html"]
    listed = f"{tmp_path / 'a/2024/brief.txt'}\n\n{tmp_path / 'b'}\n"
    items = expand_inputs(["-"], stdin_text=listed)
    # two briefs named alike get two output names; "index" is the index's own
    assert [i.name for i in items] == ["brief", "brief-2", "index-2"]


def test_an_output_that_would_replace_an_input_is_refused_before_any_work(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    article = notes / "a.md"
    article.write_text((ARTICLES / "01-sejong-quantum.txt").read_text(encoding="utf-8"), encoding="utf-8")
    before = article.read_bytes()
    result = invoke("run", article, ARTICLES / "03-daejeon-talent.txt", "-o", notes, "--model", "x")
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: output path {article} is an input file ({article}); choose another -o"
    assert article.read_bytes() == before


# --- the batch with the tiny model ------------------------------------------------------------------


def test_batch_writes_each_article_and_an_index_and_goes_on_past_a_failed_one(tiny_model_dir, folder, glossary_file, tmp_path):
    out = tmp_path / "briefs"
    result = invoke("run", folder, "-o", f"{out}/", "--model", tiny_model_dir, "--glossary", glossary_file, "-q")
    assert result.exit_code == 4, result.output  # some article failed; the others are written
    assert "\n".join(lines_but_probe_warnings(result.output)).strip() == (
        f"warning: {folder / '02x-unreadable.txt'} looks like a binary file (it contains NUL bytes), not article "
        "text; the batch goes on"
    )
    done = [n for n in NAMES if n != "02x-unreadable"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{n}{s}" for n in done for s in (".md", ".json")] + ["index.json", "index.md"])
    data = index(out)
    assert [a["name"] for a in data["articles"]] == NAMES  # input order, the failed one in its place
    assert [a["status"] for a in data["articles"]] == ["done", "done", "failed", "done"]
    assert data["counts"] == {"done": 3, "failed": 1, "skipped": 0}
    failed = data["articles"][2]
    assert failed["reason"].endswith("looks like a binary file (it contains NUL bytes), not article text")
    assert failed["markdown"] is None
    first = data["articles"][0]
    brief = json.loads((out / "01-sejong-quantum.json").read_text(encoding="utf-8"))
    assert first["title"] == {"ko": "세종시, 일본 기업과 양자컴퓨팅 협력 추진", "en": brief["title"]["en"]}
    assert first["findings"] == sum(1 for f in brief["findings"] if not f["fixed"])
    assert first["segments"] == 5  # title, subtitle and three sentences
    md = (out / "index.md").read_text(encoding="utf-8")
    assert f"| 1 | {folder / '01-sejong-quantum.txt'} | [{brief['title']['en']}](01-sejong-quantum.md) | done |" in md
    assert "| 3 | " in md and "| failed: " in md
    assert "## Rendered differently across articles" in md


def test_rerun_skips_finished_articles_and_an_interrupted_batch_resumes(tiny_model_dir, folder, glossary_file, tmp_path, monkeypatch):
    import briefing.pipeline as pipeline

    out = tmp_path / "briefs"
    args = ("run", folder, "-o", f"{out}/", "--model", tiny_model_dir, "--glossary", glossary_file, "-q")
    translate, calls, interrupt = pipeline.translate, [], [True]

    def interrupted_at_the_third(result, translator, progress=None):
        calls.append(result.get("title").ko)
        if len(calls) == 3 and interrupt.pop():
            raise KeyboardInterrupt
        return translate(result, translator, progress)

    monkeypatch.setattr(pipeline, "translate", interrupted_at_the_third)
    result = invoke(*args)
    assert result.exit_code == 130
    assert "Error: interrupted" in result.output and "Traceback" not in result.output
    # the two finished articles are complete; nothing half-written, no temporary file, no index yet
    assert sorted(p.name for p in out.iterdir()) == [
        "01-sejong-quantum.json", "01-sejong-quantum.md", "02-busan-heavy-ion.json", "02-busan-heavy-ion.md"]
    finished = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}

    calls.clear()
    assert invoke(*args).exit_code == 4
    assert calls == ["대전시, 양자 인재 1천명 키운다"]  # only the article the interruption left
    assert [a["status"] for a in index(out)["articles"]] == ["skipped", "skipped", "failed", "done"]
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir() if p.name in finished} == finished

    calls.clear()
    assert invoke(*args).exit_code == 4
    assert calls == []  # nothing left to do; the model is not even loaded
    assert [a["status"] for a in index(out)["articles"]] == ["skipped", "skipped", "failed", "skipped"]
    # a changed glossary changes every article's key: all are done again
    glossary_file.write_text(GLOSSARY + "  - ko: 부산시\n    en: Busan\n", encoding="utf-8")
    assert invoke(*args).exit_code == 4
    assert len(calls) == 3


# --- one bar, and consistency across articles (readable English from a scripted fake) ---------------


class PhraseTranslator:
    """A fake model: the English of the first rule whose Korean phrase the source contains."""

    name, model = "scripted", "phrase-fake"

    def __init__(self, rules):
        self.rules = rules

    def translate(self, texts, progress=None):
        out = [Translation(next((en for ko, en in self.rules if ko in t), "It was said.")) for t in texts]
        if progress:
            progress(len(texts))
        return out

    def max_source_tokens(self):
        return 10_000

    def count_tokens(self, text):
        return len(text.split())


RULES = [
    ("부산 중입자치료센터", "Busan heavy-ion therapy center to open next March"),
    ("대전시, 양자 인재", "Daejeon to train 1,000 quantum specialists"),
    ("일본 기업과 양자컴퓨팅", "Sejong City pursues quantum computing cooperation with a Japanese company"),
    ("회장 \"세종 연구", "Chairman Hiroshi Tanaka: \"interested in Sejong's research infrastructure\""),
    ("세종시가 일본 퀀텀테크", "Sejong City will cooperate with Japan's Quantum Tech in quantum computing."),
    ("최민호 세종시장은", "Mayor Choi Min-ho met Quantum Tech chairman Hiroshi Tanaka at City Hall on the 10th."),
    ("다나카 히로시 회장은 \"세종시", "Chairman Hiroshi Tanaka said he was very interested in the research infrastructure."),
    ("센터 설립을 자문한", "Chairman Hiroshi Tanacka, who advised on the center, said Japan would share its experience."),
    ("대전시는 12일", "Daejeon signed an agreement on training talent in quantum computation at Hanbit University on the 12th."),
    ("협약식에는", "Chairman Hiroshi Tanaka and about 50 university officials attended the ceremony."),
]


class Bar:
    def __init__(self):
        self.starts, self.advanced = [], 0

    def start(self, total):
        self.starts.append(total)

    def advance(self, n):
        self.advanced += n


def test_one_bar_counts_every_segment_of_every_article(folder, glossary_file, tmp_path):
    bar = Bar()
    report = run_batch(expand_inputs([str(folder)]), tmp_path, load_glossaries([glossary_file]),
                       PhraseTranslator(RULES), progress=bar)
    assert bar.starts == [5 + 4 + 4]  # one start: the three readable articles' segments together
    assert bar.advanced == 13
    assert [o.segments for o in report.outcomes] == [5, 4, 0, 4]


def test_names_and_terms_rendered_differently_across_articles_are_listed_with_where(folder, glossary_file, tmp_path):
    run_batch(expand_inputs([str(folder)]), tmp_path, load_glossaries([glossary_file]), PhraseTranslator(RULES))
    across = index(tmp_path)["across_articles"]
    # Tanacka in the Busan article against Tanaka in the other two: one name spelt two ways
    assert {"kind": "name", "ko": "다나카", "expected": None, "renderings": [
        {"en": "Tanaka", "where": [{"article": "01-sejong-quantum", "segments": ["subtitle", "s2", "s3"]},
                                   {"article": "03-daejeon-talent", "segments": ["s2"]}]},
        {"en": "Tanacka", "where": [{"article": "02-busan-heavy-ion", "segments": ["s2"]}]},
    ]} in across
    # a glossary term in its canonical rendering here and an accepted variant there
    assert {"kind": "term", "ko": "양자컴퓨팅", "expected": "quantum computing", "renderings": [
        {"en": "quantum computing", "where": [{"article": "01-sejong-quantum", "segments": ["title", "s1"]}]},
        {"en": "quantum computation", "where": [{"article": "03-daejeon-talent", "segments": ["s1"]}]},
    ]} in across
    assert len(across) == 2  # Sejong City, Choi Min-ho and Hiroshi are written one way everywhere
    md = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert ("- **다나카** (name): “Tanaka” in 01-sejong-quantum (subtitle, sentence 2, sentence 3), 03-daejeon-talent "
            "(sentence 2); “Tanacka” in 02-busan-heavy-ion (sentence 2)") in md
    assert ("- **양자컴퓨팅** (glossary: quantum computing): “quantum computing” in 01-sejong-quantum (title, "
            "sentence 1); “quantum computation” in 03-daejeon-talent (sentence 1)") in md


# --- glossary suggest -------------------------------------------------------------------------------


def test_suggest_proposes_the_unlisted_name_all_three_articles_share(folder, glossary_file):
    from briefing.batch.suggest import suggest_glossary

    text = suggest_glossary(expand_inputs([str(folder)]), load_glossaries([glossary_file]), PhraseTranslator(RULES))
    terms = {t["ko"]: t for t in yaml.safe_load(text)["terms"]}
    entry = terms["다나카 히로시"]
    assert entry["en"] == "Hiroshi Tanaka"
    assert entry["note"] == ("name, seen 4 times in 3 articles (01-sejong-quantum.txt, 02-busan-heavy-ion.txt, "
                             "03-daejeon-talent.txt); the model wrote: Hiroshi Tanaka ×3, Hiroshi Tanacka ×1")
    # what the glossary has is not proposed again, and a name one article mentions is not proposed
    assert not {"세종시", "최민호", "양자컴퓨팅", "기장군", "퀀텀테크"} & set(terms)


def test_suggest_without_a_model_lists_the_korean_to_fill_in(folder, glossary_file, tmp_path):
    out = tmp_path / "new.yaml"
    result = invoke("glossary", "suggest", folder, "--no-translate", "--glossary", glossary_file, "-o", out)
    assert result.exit_code == 0, result.output
    assert "02x-unreadable.txt looks like a binary file" in result.output  # said, and left out
    terms = {t["ko"]: t for t in yaml.safe_load(out.read_text(encoding="utf-8"))["terms"]}
    assert terms["다나카 히로시"]["en"] == ""
    assert terms["다나카 히로시"]["note"].startswith("name, seen 4 times in 3 articles")
    # an entry left empty is the one line the glossary reader gives, with its line, until it is filled in
    refused = invoke("inspect", folder / "01-sejong-quantum.txt", "--glossary", out)
    assert refused.exit_code == 2 and "'ko' and 'en' must both be non-empty text" in refused.output


def test_suggest_reads_a_list_of_paths_on_standard_input(folder, glossary_file):
    listed = "\n".join(str(folder / f"{n}.txt") for n in ("01-sejong-quantum", "03-daejeon-talent")) + "\n"
    result = invoke("glossary", "suggest", "-", "--no-translate", "--glossary", glossary_file, input=listed)
    assert result.exit_code == 0, result.output
    entry = next(t for t in yaml.safe_load(result.output)["terms"] if t["ko"] == "다나카 히로시")
    assert entry["note"] == ("name, seen 3 times in 2 articles (01-sejong-quantum.txt, 03-daejeon-talent.txt); "
                             "fill in en")


def test_ray_actors_are_planned_on_what_the_cluster_has():
    from briefing.errors import BriefingError
    from briefing.batch.on_ray import plan

    assert plan({"CPU": 16.0}, "cpu", None, None) == (4, 4, 0)  # four actors of four threads
    assert plan({"CPU": 2.0}, "cpu", None, 2) == (2, 1, 0)  # two actors share two CPUs
    assert plan({"CPU": 16.0, "GPU": 2.0}, "cuda", None, None) == (2, 1, 1)  # one actor per GPU
    with pytest.raises(BriefingError, match="--threads 8 is more than the 2 CPUs"):
        plan({"CPU": 2.0}, "cpu", 8, None)  # an actor that could never start


def test_suggest_with_the_tiny_model_writes_a_glossary_the_run_accepts(tiny_model_dir, folder, glossary_file, tmp_path):
    out = tmp_path / "new.yaml"
    result = invoke("glossary", "suggest", folder, "--glossary", glossary_file, "--model", tiny_model_dir, "-q", "-o", out)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert all(t["en"] and "the model wrote:" in t["note"] for t in data["terms"] or [])
    assert invoke("glossary", "validate", out).exit_code in (0, 1)  # readable; findings (if any) are lint


# --- the same batch on a local Ray --------------------------------------------------------------------


def test_the_same_batch_on_a_local_ray_writes_the_same_briefs(tiny_model_dir, folder, glossary_file, tmp_path, monkeypatch):
    pytest.importorskip("ray", reason='the Ray extra is not installed (pip install -e ".[ray]")')
    common = ("--model", tiny_model_dir, "--glossary", glossary_file, "--threads", "1", "-q")
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    assert invoke("run", folder, "-o", f"{local}/", *common).exit_code == 4
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "fresh-cache"))  # the actor translates itself
    result = invoke("run", folder, "-o", f"{on_ray}/", *common, "--ray", "--ray-actors", "1")
    assert result.exit_code == 4, result.output
    assert "02x-unreadable.txt looks like a binary file" in result.output
    assert [(a["name"], a["status"]) for a in index(on_ray)["articles"]] == [
        (a["name"], a["status"]) for a in index(local)["articles"]]
    for name in NAMES:
        if name != "02x-unreadable":
            assert (on_ray / f"{name}.md").read_text(encoding="utf-8") == (local / f"{name}.md").read_text(encoding="utf-8")
    from briefing.backends.cache import cache_info

    assert cache_info().entries >= 13  # the segments went through the actor's translator


def test_articles_returned_by_separate_workers_are_compared_as_one_batch(folder, glossary_file, tmp_path):
    # On Ray each article's result comes back pickled on its own, so one glossary entry arrives as a
    # separate (equal) object per article; the cross-article check must still see them as one term.
    import pickle

    from briefing.checks.across import check_across

    report = run_batch(expand_inputs([str(folder)]), tmp_path, load_glossaries([glossary_file]), PhraseTranslator(RULES))
    texts = [o.text for o in report.outcomes if o.text is not None]
    apart = [pickle.loads(pickle.dumps(text)) for text in texts]
    assert apart[0].segments[0].hits[0].term is not texts[0].segments[0].hits[0].term
    found = check_across(apart)
    assert found == check_across(texts)
    assert [(v.kind, v.ko) for v in found] == [("name", "다나카"), ("term", "양자컴퓨팅")]


def test_a_stray_file_without_korean_fails_alone_and_the_batch_goes_on(tiny_model_dir, glossary_file, tmp_path):
    # #22: an English file in the folder is not an article; it fails, listed in the index, exit 4.
    articles = tmp_path / "morning"
    articles.mkdir()
    shutil.copy(ARTICLES / "01-sejong-quantum.txt", articles)
    stray = articles / "02-press-release.txt"
    stray.write_text("Quantum Tech signs MOU with Sejong City\nThe company said it would invest.\n", encoding="utf-8")
    out = tmp_path / "briefs"
    result = invoke("run", articles, "-o", f"{out}/", "--model", tiny_model_dir, "--glossary", glossary_file, "-q")
    assert result.exit_code == 4, result.output
    assert "\n".join(lines_but_probe_warnings(result.output)).strip() == (
        f"warning: {stray} has no Korean text; pass a Korean article; the batch goes on")
    data = index(out)
    assert [(a["name"], a["status"]) for a in data["articles"]] == [
        ("01-sejong-quantum", "done"), ("02-press-release", "failed")]
    assert data["articles"][1]["reason"] == f"{stray} has no Korean text; pass a Korean article"
    assert sorted(p.name for p in out.iterdir()) == [
        "01-sejong-quantum.json", "01-sejong-quantum.md", "index.json", "index.md"]
