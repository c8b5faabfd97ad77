"""The torch-free Marian tokenizer gives MarianTokenizer's pieces and text, piece for piece.

On the tiny models (the plain one and one extended with filler pieces as the benchmark's
transformer-big vocabulary is) and on a few hundred real Korean sentences from FLORES-200, plus the
edge cases MarianTokenizer treats specially: special tokens typed into the text, a ``>>xx<<`` language
code, pieces the vocabulary lacks, odd whitespace and full-width characters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.backends.pieces import load_pieces

FLORES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "flores200-dev"

EDGE_CASES = [
    "",
    " ",
    "세종시가  “일본” 순방을… 통해 </s> 국제교류의<unk>물꼬를 텄다 — 10 %",
    ">>eng<< 세종시는 협력하기로 했다.",
    "<pad><pad>끝",
    "a</s>b",
    "\t탭\u00a0공백  과 줄\n바꿈 ",
    "①② 전각ＡＢＣ　１２３",
    "😀 이모지와 ‘따옴표’ «괄호»",
    "  앞뒤 공백  ",
]


@pytest.fixture(scope="module")
def filler_model_dir(tmp_path_factory) -> Path:
    """A tiny model whose vocabulary is padded with filler pieces (the benchmark model's trick)."""
    from briefing.backends.tiny_model import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-filler"), vocab_size=3000)


def korean_sentences(n: int = 300) -> list[str]:
    path = FLORES / "kor.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path.read_text(encoding="utf-8").splitlines()[:n]


def english_sentences(n: int = 300) -> list[str]:
    path = FLORES / "eng.txt"
    return path.read_text(encoding="utf-8").splitlines()[:n] if path.is_file() else []


def marian(model_dir: Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(model_dir))


def assert_same(model_dir: Path, texts: list[str]) -> None:
    tokenizer, ours = marian(model_dir), load_pieces(model_dir)
    assert ours is not None
    target_pieces = []
    for text in texts:
        theirs = tokenizer.convert_ids_to_tokens(tokenizer(text).input_ids)
        assert ours.encode(text) == theirs, text
        target_pieces.append(ours.target.encode(text, out_type=str))
        target_pieces.append(theirs)
    for pieces in target_pieces:  # decoding: target pieces (model output) and the joint vocabulary's others
        theirs = tokenizer.decode(tokenizer.convert_tokens_to_ids(pieces), skip_special_tokens=True,
                                  use_source_tokenizer=False)
        assert ours.decode(pieces) == theirs, pieces


@pytest.mark.parametrize("which", ["tiny", "filler"])
def test_pieces_and_text_match_marian_tokenizer_on_the_tiny_models(which, tiny_model_dir, filler_model_dir):
    model_dir = tiny_model_dir if which == "tiny" else filler_model_dir
    from briefing.backends.tiny_model import ENGLISH, KOREAN

    assert_same(model_dir, EDGE_CASES + KOREAN.splitlines() + ENGLISH.splitlines())


def test_pieces_and_text_match_marian_tokenizer_on_flores_korean(tiny_model_dir, filler_model_dir):
    sentences = korean_sentences()
    assert len(sentences) == 300
    for model_dir in (tiny_model_dir, filler_model_dir):
        assert_same(model_dir, sentences + english_sentences())


def test_the_model_max_length_is_the_tokenizers(tiny_model_dir):
    assert load_pieces(tiny_model_dir).model_max_length == marian(tiny_model_dir).model_max_length == 512


def test_a_tokenizer_it_would_not_reproduce_is_left_to_transformers(tiny_model_dir, tmp_path):
    import json
    import shutil

    copy = shutil.copytree(tiny_model_dir, tmp_path / "separate")
    config = json.loads((copy / "tokenizer_config.json").read_text())
    config["separate_vocabs"] = True
    (copy / "tokenizer_config.json").write_text(json.dumps(config))
    assert load_pieces(copy) is None
    assert load_pieces(tmp_path) is None  # no vocabulary or SentencePiece models at all
