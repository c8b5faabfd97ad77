"""Loading, batching, backend parity, conversion and the degenerate-output retry, on the tiny Marian model.

The tiny model has random weights: its "English" is nonsense, so these tests compare backends with each
other and with one-at-a-time decoding, never with expected English. Nothing is timed.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.backends import TranslatorOptions, get_translator
from briefing.backends import common
from briefing.backends.common import SPLIT_ABOVE_TOKENS, is_degenerate, length_batches, max_output_tokens
from briefing.errors import BackendMissing, BriefingError
from briefing.model import Translation

SEED = Path(__file__).resolve().parents[1] / "seeds" / "sejong-japan-visit-heavy-ion-quantum.txt"


def seed_lines(n: int) -> list[str]:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[:n]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def hf(tiny_model_dir):
    from briefing.backends.hf import HFTranslator

    return HFTranslator(TranslatorOptions(model=str(tiny_model_dir), beams=1))


@pytest.fixture(scope="module")
def ct2_float32(tiny_model_dir, tmp_path_factory):
    from briefing.backends.ct2 import CT2Translator

    mp = pytest.MonkeyPatch()
    mp.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("ct2-cache")))
    translator = CT2Translator(TranslatorOptions(model=str(tiny_model_dir), beams=1, compute_type="float32"))
    translator.translator  # convert while the cache directory is set
    mp.undo()
    return translator


# --- the shared rules, without a model -------------------------------------------------------------


@pytest.mark.parametrize(
    "tokens, degenerate",
    [
        (["▁the", "▁city", "▁the", "▁city", "▁the", "▁city"], True),  # a 2-gram three times: a loop
        ([7, 7, 7, 7], True),  # one piece four times
        (["▁Sejong", "▁City", "▁said", "▁it", "▁would", "▁cooperate", "."], False),  # an ordinary sentence
        (["▁no", ",", "▁no", ",", "▁no", "."], False),  # "no, no, no." repeats only twice as a 2-gram run
        ([1, 2, 3, 1, 2, 3, 1, 2, 3], True),  # a 3-gram three times
        ([], True),  # nothing out for a non-empty source
    ],
)
def test_degenerate_outputs_are_recognised(tokens, degenerate):
    assert is_degenerate("세종시는 협력하기로 했다.", tokens) is degenerate


def test_an_empty_source_may_give_an_empty_output():
    assert not is_degenerate("   ", [])


def test_output_limit_follows_the_source_length():
    # A two-piece title may not run to 512 pieces, and a long sentence keeps room for its English.
    assert max_output_tokens(2) == 14
    assert max_output_tokens(100) == 210
    assert max_output_tokens(400, limit=512) == 512


def test_batches_are_sorted_by_length_and_stay_within_the_budget():
    lengths = [5, 30, 10, 10, 3, 100]
    batches = length_batches(lengths, budget_tokens=60)
    assert sorted(i for b in batches for i in b) == list(range(6))  # every index exactly once
    assert batches[0] == [5]  # longer than the budget: alone
    for batch in batches:
        assert max(lengths[i] for i in batch) * len(batch) <= 60 or len(batch) == 1


# --- loading and batching on the tiny model -------------------------------------------------------------


def test_transformers_loads_the_model_directory_and_translates(hf, tiny_model_dir):
    out = hf.translate(seed_lines(3))
    assert (hf.name, hf.model) == ("transformers", str(tiny_model_dir))
    assert len(out) == 3 and all(isinstance(t, Translation) and t.en.strip() for t in out)


def test_batching_keeps_order_and_answers_every_sentence(tiny_model_dir):
    from briefing.backends.hf import HFTranslator

    sentences = seed_lines(8)
    texts = [sentences[5], "", sentences[0], sentences[7], sentences[0], sentences[2]]
    one_by_one = HFTranslator(TranslatorOptions(model=str(tiny_model_dir), beams=1))
    expected = [one_by_one.translate([t])[0] for t in texts]
    small_batches = HFTranslator(TranslatorOptions(model=str(tiny_model_dir), beams=1, batch_tokens=90))
    done = []
    out = small_batches.translate(texts, progress=done.append)
    assert [t.en for t in out] == [t.en for t in expected]
    assert out[1] == Translation("")  # the empty string stays empty and in place
    assert out[2] == out[4]  # the same sentence twice gets the same English
    assert sum(done) == len(texts) and len(done) > 2  # progress per batch, several batches


def test_greedy_ctranslate2_float32_gives_the_same_text_as_transformers(hf, ct2_float32):
    # Same checkpoint, same tokenizer, greedy: the outputs must agree piece for piece, retries included.
    sentences = seed_lines(16)
    assert [(t.en, t.retried) for t in ct2_float32.translate(sentences)] == [
        (t.en, t.retried) for t in hf.translate(sentences)
    ]


def test_both_backends_return_the_same_structure(hf, ct2_float32):
    texts = ["", *seed_lines(2)]
    for translator in (hf, ct2_float32):
        out = translator.translate(texts)
        assert [type(t) for t in out] == [Translation] * 3 and out[0].en == ""
    assert hf.max_source_tokens() == ct2_float32.max_source_tokens() == SPLIT_ABOVE_TOKENS  # < 512 positions
    assert hf.count_tokens(texts[1]) == ct2_float32.count_tokens(texts[1]) > 5
    assert hf.fingerprint() == ct2_float32.fingerprint()
    assert hf.decoding_key() == ct2_float32.decoding_key()


def test_fixed_output_length_decodes_exactly_that_many_pieces(hf, ct2_float32):
    sources = [hf._encode(s) for s in seed_lines(3)]
    assert [len(ids) for ids in hf._generate(sources, 7, 7, retry=False)] == [7, 7, 7]
    pieces = [ct2_float32._encode(s) for s in seed_lines(3)]
    assert [len(ids) for ids in ct2_float32._generate(pieces, 7, 7, retry=False)] == [7, 7, 7]


def test_auto_picks_ctranslate2_for_a_marian_model(tiny_model_dir, cache_dir):
    from briefing.backends.select import choose_backend

    options = TranslatorOptions(model=str(tiny_model_dir))
    assert choose_backend(options) == "ctranslate2"
    translator = get_translator("auto", replace(options, beams=1))
    assert translator.name == "ctranslate2" and translator.compute_type == "int8"
    assert len(translator.translate(seed_lines(2))) == 2


def test_auto_falls_back_to_transformers_without_ctranslate2(tiny_model_dir, monkeypatch):
    from briefing.backends.ct2 import CT2Translator
    from briefing.backends.select import choose_backend

    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # import ctranslate2 now raises ImportError
    assert choose_backend(TranslatorOptions(model=str(tiny_model_dir))) == "transformers"
    with pytest.raises(BackendMissing, match=r"pip install 'ctranslate2"):
        CT2Translator(TranslatorOptions(model=str(tiny_model_dir)))


def test_cuda_requested_without_a_gpu_is_a_clear_error(tiny_model_dir, monkeypatch):
    import torch

    from briefing.backends.hf import HFTranslator

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)  # the answer of a CPU-only machine
    with pytest.raises(BriefingError, match=r"^--device cuda was requested but torch sees no CUDA device; use --device cpu or auto$"):
        HFTranslator(TranslatorOptions(model=str(tiny_model_dir), device="cuda"))


# --- conversion --------------------------------------------------------------------------------------


def no_probes(path):
    return {"probes": []}


def test_an_interrupted_conversion_is_never_used_and_the_rerun_converts(tiny_model_dir, cache_dir, monkeypatch):
    import ctranslate2

    from briefing.backends import ct2

    real_convert = ctranslate2.converters.TransformersConverter.convert

    def convert_then_die(self, output_dir, **kwargs):
        real_convert(self, output_dir, **kwargs)  # model.bin is written…
        raise KeyboardInterrupt  # …and the process is interrupted before the conversion is done

    monkeypatch.setattr(ctranslate2.converters.TransformersConverter, "convert", convert_then_die)
    with pytest.raises(KeyboardInterrupt):
        ct2.ensure_converted(tiny_model_dir, str(tiny_model_dir), "int8", no_probes)
    target = ct2.conversion_dir(tiny_model_dir, str(tiny_model_dir), "int8")
    assert not target.exists()
    assert list(cache_dir.joinpath("ct2").iterdir()) == []  # no half-written directory left behind

    monkeypatch.setattr(ctranslate2.converters.TransformersConverter, "convert", real_convert)
    assert ct2.ensure_converted(tiny_model_dir, str(tiny_model_dir), "int8", no_probes) == target
    assert ct2.is_complete(target)


def test_a_conversion_is_keyed_by_the_model_files_and_quantization(tiny_model_dir, tmp_path, cache_dir):
    from briefing.backends import ct2

    copy = shutil.copytree(tiny_model_dir, tmp_path / "copy")
    assert ct2.conversion_dir(copy, "m", "int8") == ct2.conversion_dir(tiny_model_dir, "m", "int8")  # same files
    assert ct2.conversion_dir(copy, "m", "int8") != ct2.conversion_dir(copy, "m", "float32")
    config = copy / "config.json"
    config.write_text(config.read_text().replace('"num_beams": 4', '"num_beams": 5'))
    assert ct2.conversion_dir(copy, "m", "int8") != ct2.conversion_dir(tiny_model_dir, "m", "int8")


# --- the degenerate-output retry -------------------------------------------------------------------------


def test_a_looping_output_is_decoded_again_with_safer_settings(tiny_model_dir, monkeypatch):
    from briefing.backends.hf import HFTranslator

    translator = HFTranslator(TranslatorOptions(model=str(tiny_model_dir), beams=1))
    loop_source = translator._encode("세종시가 일본 순방을 통해")
    real_generate = HFTranslator._generate
    calls = []

    def scripted(self, sources, max_length, min_length, retry):
        calls.append((len(sources), retry))
        out = real_generate(self, sources, max_length, min_length, retry)
        if not retry:  # the first pass loops on one sentence: "the the the the …"
            the, city = self.tokenizer.convert_tokens_to_ids(["▁the", "▁city"])
            out = [[the] * 12 if s == loop_source else [the, city] for s in sources]
        return out

    monkeypatch.setattr(HFTranslator, "_generate", scripted)
    out = translator.translate(["세종시가 일본 순방을 통해", "대통령은 오늘 오전 국무회의를 주재했다."])
    assert out[0].retried and not out[1].retried
    assert out[0].en != " ".join(["the"] * 12)
    assert calls[-1] == (1, True)  # only the looping sentence went round again


def test_the_retry_keeps_a_non_empty_first_output_over_an_empty_second(monkeypatch):
    class Fake(common.BatchedTranslator):
        name = "fake"

        def _encode(self, text):
            return list(text) + ["</s>"]

        def _generate(self, sources, max_length, min_length, retry):
            return [[] if retry else [5, 5, 5, 5] for _ in sources]

        def _detokenize(self, ids):
            return " ".join(map(str, ids))

        def _length_limit(self):
            return 512

    out = Fake(TranslatorOptions(model="fake")).translate(["가나다"])
    assert out == [Translation("5 5 5 5", retried=True)]


@pytest.mark.parametrize(
    "config, tokenizer_config, expected",
    [
        ({"model_type": "marian"}, {"tokenizer_class": "MarianTokenizer"}, ("marian", None, None)),
        # NLLB says m2m_100 too; only its tokenizer tells it apart. The name is never consulted.
        ({"model_type": "m2m_100"}, {"tokenizer_class": "NllbTokenizerFast"}, ("nllb", "kor_Hang", "eng_Latn")),
        ({"model_type": "m2m_100"}, {"tokenizer_class": "M2M100Tokenizer"}, ("m2m100", "ko", "__en__")),
        ({"model_type": "nllb_moe"}, {}, ("nllb", "kor_Hang", "eng_Latn")),
    ],
)
def test_the_model_family_comes_from_the_config(config, tokenizer_config, expected):
    family = common.model_family(config, tokenizer_config)
    assert (family.name, family.src_lang, family.tgt_token) == expected


def test_an_unsupported_model_type_lists_the_supported_ones():
    from briefing.errors import ModelUnavailable

    with pytest.raises(ModelUnavailable, match=r"^model type 'bert' is not supported; supported model types: marian, m2m_100, nllb_moe$"):
        common.model_family({"model_type": "bert"})
