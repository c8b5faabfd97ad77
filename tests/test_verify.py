"""The first-load checks, proved by breaking things on purpose: a library that ties what the file keeps
apart, a zeroed bias, embeddings the library leaves random, a model that loops. Each failure is one
line and exit code 2, and nothing is cached: no conversion, no translation, no output file."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.backends import verify
from briefing.cli import cli
from conftest import SEED

# The installed transformers, as the message names it: a fresh install brings whatever release is current.
TRANSFORMERS = f"transformers {importlib.metadata.version('transformers')}"

COMMIT = "0123456789abcdef0123456789abcdef01234567"
DEFAULT = "Helsinki-NLP/opus-mt-tc-big-ko-en"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def short_article(tmp_path) -> Path:
    """Three segments: enough to load, check and translate, and quick through transformers' generate,
    which decodes a random model's every sentence to the length limit."""
    path = tmp_path / "short.txt"
    path.write_text("세종시, 일본 치바현과 교류 협력\n\n세종시는 6일 치바현과 협약을 맺었다고 밝혔다.\n", encoding="utf-8")
    return path


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def variant(source: Path, target: Path, state=None, config=None) -> Path:
    """A copy of the tiny model with its weights (``state(dict)``) or config (``config(dict)``) edited."""
    from safetensors.torch import load_file, save_file

    shutil.copytree(source, target)
    if state:
        tensors = load_file(str(target / "model.safetensors"))
        state(tensors)
        save_file(tensors, str(target / "model.safetensors"), metadata={"format": "pt"})
    if config:
        values = json.loads((target / "config.json").read_text())
        config(values)
        (target / "config.json").write_text(json.dumps(values))
    return target


def nothing_cached(cache_dir: Path, output: Path) -> bool:
    """No finished conversion, no checked-load record, no translation, and no output file."""
    from briefing.backends.cache import cache_info

    conversions = list((cache_dir / "ct2").glob("*/briefing-conversion.json")) if (cache_dir / "ct2").is_dir() else []
    records = list((cache_dir / "verified").glob("*.json")) if (cache_dir / "verified").is_dir() else []
    return not conversions and not records and cache_info().entries == 0 and not output.exists()


def random_like(tensor, seed: int):
    import torch

    generator = torch.Generator().manual_seed(seed)
    return (torch.randn(tensor.shape, generator=generator) * 0.1).to(tensor.dtype)


@pytest.fixture
def own_head(tiny_model_dir, tmp_path) -> Path:
    """A checkpoint whose file keeps its own output projection, apart from the embeddings."""

    def add_head(tensors):
        tensors["lm_head.weight"] = random_like(tensors["model.shared.weight"], 1)

    return variant(tiny_model_dir, tmp_path / "own-head", state=add_head)


@pytest.fixture
def tying_library(monkeypatch):
    """The old transformers behaviour: the output projection tied to the embeddings, whatever the file says."""
    from transformers import MarianMTModel

    real = MarianMTModel.tie_weights

    def tie_everything(self, *args, **kwargs):
        real(self, *args, **kwargs)
        self.lm_head.weight = self.model.shared.weight

    monkeypatch.setattr(MarianMTModel, "tie_weights", tie_everything)


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_a_separate_output_projection_loads_and_passes(own_head, tmp_path, backend, short_article):
    # The control: transformers 5 keeps a head the file holds apart, and the check says so.
    out = tmp_path / "brief.md"
    result = invoke("run", short_article, "--model", own_head, "--backend", backend, "-q", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.exists()


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_a_library_that_ties_the_output_projection_is_refused(own_head, tying_library, cache_dir, tmp_path, backend):
    out = tmp_path / "brief.md"
    result = invoke("run", SEED, "--model", own_head, "--backend", backend, "-q", "-o", out)
    assert result.exit_code == 2
    assert result.output == (
        f"Error: model {own_head} loads wrongly with {TRANSFORMERS}: lm_head.weight differs from "
        "lm_head.weight in the checkpoint file (the library tied it to the embeddings); nothing was cached; "
        "pin a fixed model revision with --revision REV, or install another transformers version\n"
    )
    assert nothing_cached(cache_dir, out)


@pytest.fixture
def with_bias(tiny_model_dir, tmp_path) -> Path:
    def set_bias(tensors):
        tensors["final_logits_bias"] = random_like(tensors["final_logits_bias"], 2)

    return variant(tiny_model_dir, tmp_path / "bias", state=set_bias)


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_a_bias_the_library_zeroes_is_refused(with_bias, cache_dir, tmp_path, monkeypatch, backend):
    from transformers import MarianMTModel

    real = MarianMTModel.from_pretrained.__func__

    def load_and_zero(cls, *args, **kwargs):
        model = real(cls, *args, **kwargs)
        model.final_logits_bias.zero_()  # a library that drops the bias as "ignored on load"
        return model

    monkeypatch.setattr(MarianMTModel, "from_pretrained", classmethod(load_and_zero))
    out = tmp_path / "brief.json"
    result = invoke("run", SEED, "--model", with_bias, "--backend", backend, "-q", "--format", "json", "-o", out)
    assert result.exit_code == 2
    assert result.output.startswith(
        f"Error: model {with_bias} loads wrongly with {TRANSFORMERS}: final_logits_bias differs from "
        "final_logits_bias in the checkpoint file; nothing was cached; pin a fixed model revision with --revision REV"
    )
    assert result.output.count("\n") == 1
    assert nothing_cached(cache_dir, out)


def test_embeddings_transformers_5_leaves_random_are_refused(tiny_model_dir, cache_dir, tmp_path):
    # Not simulated: with tie_word_embeddings false, transformers 5 ties nothing, so a file that keeps
    # only the shared embeddings leaves the encoder's and decoder's random (the #45005 family of bugs).
    def untie(config):
        config["tie_word_embeddings"] = False

    model = variant(tiny_model_dir, tmp_path / "untied", config=untie)
    out = tmp_path / "brief.md"
    result = invoke("run", SEED, "--model", model, "-q", "-o", out)
    assert result.exit_code == 2
    # The output projection is checked first; it too is left random.
    assert f"{TRANSFORMERS}: lm_head.weight differs from model.shared.weight in the checkpoint file;" in result.output
    assert result.output.count("\n") == 1
    assert nothing_cached(cache_dir, out)


@pytest.fixture
def looping(tiny_model_dir, tmp_path) -> Path:
    """A model that says "the" forever: one logit far above the rest."""
    vocab = json.loads((tiny_model_dir / "vocab.json").read_text(encoding="utf-8"))

    def loop(tensors):
        tensors["final_logits_bias"][0, vocab["\u2581the"]] = 1000.0

    return variant(tiny_model_dir, tmp_path / "looping", state=loop)


def in_hub_cache(model: Path, repo_id: str, tmp_path: Path, monkeypatch) -> None:
    """Put ``model`` in an offline hub cache laid out as huggingface_hub writes it, as ``repo_id`` at COMMIT."""
    import huggingface_hub.constants

    repo = tmp_path / "hub" / f"models--{repo_id.replace('/', '--')}"
    shutil.copytree(model, repo / "snapshots" / COMMIT)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(COMMIT)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def as_default_model(model: Path, tmp_path: Path, monkeypatch) -> None:
    in_hub_cache(model, DEFAULT, tmp_path, monkeypatch)


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_the_default_model_failing_its_card_probe_is_refused(looping, cache_dir, tmp_path, monkeypatch, backend):
    as_default_model(looping, tmp_path, monkeypatch)
    out = tmp_path / "brief.md"
    result = invoke("run", SEED, "--backend", backend, "-q", "-o", out)
    assert result.exit_code == 2
    assert result.output.startswith(
        f"Error: model {DEFAULT} fails its model card's probe '2, 4, 6 등은 짝수이다.': it gave 'the the the the "
    )
    assert result.output.endswith(
        f"the card says '2, 4, and 6 are even.' (with {TRANSFORMERS}); nothing was cached; "
        "pin a fixed model revision with --revision REV, or install another transformers version\n"
    )
    assert nothing_cached(cache_dir, out)


def test_any_other_model_that_loops_runs_with_a_warning_per_probe(looping, cache_dir, tmp_path):
    out = tmp_path / "brief.md"
    result = invoke("run", SEED, "--model", looping, "-o", out)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 3
    assert warnings[1].startswith(f"warning: model {looping} translates the probe '네.' as 'the the the")
    assert warnings[1].endswith("which is a loop; a tiny or untrained model may do this, a real one should not")
    assert out.exists()


def test_the_card_probes_pass_when_the_model_says_what_the_card_says():
    card = {"2, 4, 6 등은 짝수이다.": "2, 4, and 6 are even.", "네.": "Yeah."}
    record = verify.check_probes(lambda texts: [(card[t], card[t].split()) for t in texts], DEFAULT, print)
    assert [p["en"] for p in record["probes"]] == ["2, 4, and 6 are even.", "Yeah."]


@pytest.mark.parametrize(
    "output, problem",
    [
        ("The government said it had submitted the budget.", None),
        ("", "empty"),
        ("정부는 예산안을 제출했다.", "not in Latin script"),
        ("budget " * 60, "a loop"),
        ("A very long answer that goes on and on " * 4, "of an implausible length"),
    ],
)
def test_the_shape_of_a_probe_output(output, problem):
    source = "정부는 예산안을 제출했다."
    assert verify.probe_problem(source, output, [f"{i}" for i, _ in enumerate(output.split())] if problem != "a loop"
                                else output.split()) == problem


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_later_runs_pay_nothing_for_the_probes(tiny_model_dir, monkeypatch, backend, short_article):
    calls = []
    real = verify.check_probes

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(verify, "check_probes", counted)
    for _ in range(2):
        result = invoke("translate", short_article, "--model", tiny_model_dir, "--backend", backend, "--no-cache", "-q")
        assert result.exit_code == 0, result.output
    assert calls == [1]


def test_a_conversion_from_before_the_checks_is_converted_again(tiny_model_dir, cache_dir):
    from briefing.backends import ct2

    def no_probes(path):
        return {"probes": []}

    target = ct2.ensure_converted(tiny_model_dir, str(tiny_model_dir), "int8", no_probes)
    marker = target / ct2.COMPLETE
    old = json.loads(marker.read_text())
    del old["checks"]
    marker.write_text(json.dumps(old))
    assert not ct2.is_complete(target)
    assert ct2.ensure_converted(tiny_model_dir, str(tiny_model_dir), "int8", no_probes) == target
    assert ct2.is_complete(target)
    assert set(json.loads(marker.read_text())["checks"]) == {"tensors", "probes", "library"}


# --- --revision --------------------------------------------------------------------------------------


def test_revision_is_pinned_recorded_and_keyed(tiny_model_dir, cache_dir, tmp_path, monkeypatch):
    from briefing.backends.cache import cache_info

    in_hub_cache(tiny_model_dir, "tiny/ko-en", tmp_path, monkeypatch)

    out = tmp_path / "brief.json"
    result = invoke("run", SEED, "--model", "tiny/ko-en", "--revision", "main", "-q", "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["model"], data["revision"]) == ("tiny/ko-en", COMMIT)  # the branch, resolved to its commit
    assert [p.name for p in (cache_dir / "ct2").iterdir()] == [f"tiny--ko-en@main--{COMMIT[:16]}--int8"]
    entries = cache_info().entries
    # Without --revision the same files are another cache key: nothing is answered from the pinned run.
    again = invoke("run", SEED, "--model", "tiny/ko-en", "-q", "--format", "json", "-o", out)
    assert again.exit_code == 0, again.output
    assert cache_info().entries == 2 * entries


def test_revision_with_a_model_directory_is_one_line(tiny_model_dir, tmp_path):
    result = invoke("run", SEED, "--model", tiny_model_dir, "--revision", "main", "-q")
    assert result.exit_code == 2
    assert result.output == f"Error: --revision pins a hub model's revision, but {tiny_model_dir} is a local directory\n"


def test_download_accepts_a_revision_and_checks_the_conversion(tiny_model_dir, cache_dir):
    result = invoke("download", tiny_model_dir, "-q")
    assert result.exit_code == 0, result.output
    markers = list((cache_dir / "ct2").glob("*/briefing-conversion.json"))
    assert len(markers) == 1 and "tensors" in json.loads(markers[0].read_text())["checks"]


@pytest.mark.parametrize("said, outcome", [
    ({"2, 4, 6 등은 짝수이다.": "2, 4 and 6 are even.", "네.": "Yes."}, "note"),
    ({"2, 4, 6 등은 짝수이다.": "2, 4 and 8 are even.", "네.": "Yeah."}, "refused"),
    ({"2, 4, 6 등은 짝수이다.": "The 2, 4, 6 committee of even hours.", "네.": "Yeah."}, "refused"),
    ({"2, 4, 6 등은 짝수이다.": "2, 4, and 6 are even.", "네.": "네 네 네 네"}, "refused"),
])
def test_a_card_probe_a_word_off_is_a_note_and_anything_further_is_refused(said, outcome):
    # int8 CTranslate2 weights may change a word of the card's output; a mis-loaded model changes all of it.
    notes = []
    run = lambda: verify.check_probes(lambda texts: [(said[t], said[t].split()) for t in texts], DEFAULT, notes.append)
    if outcome == "refused":
        with pytest.raises(verify.ModelMisloaded, match="fails its model card's probe"):
            run()
    else:
        assert [p["exact"] for p in run()["probes"]] == [False, False]
        assert len(notes) == 2 and notes[0].startswith(f"note: model {DEFAULT} translates the card's probe")
