"""Build a random Marian model saved in the on-disk format of the OPUS-MT tc-big conversions, for the
tests and the benchmarks: loading, conversion and batching then take the real code paths with nothing
downloaded. The weights are random, so what it translates means nothing; it lives in the package, not
in tests/, so that ``scripts/bench_translate.py`` and ``scripts/bench_batch.py`` import it as plainly
as the tests do. torch, transformers and sentencepiece are imported inside the functions, as
everywhere in ``backends/``.

What the real ``Helsinki-NLP/opus-mt-tc-big-*`` repositories hold, and what this builder writes:

- ``source.spm`` and ``target.spm``: two SentencePiece models (the "sepvoc" in the OPUS-MT training name).
  Here they are really trained, in-process, on the few Korean and English sentences below.
- ``vocab.json``: ONE vocabulary, the union of both SentencePiece vocabularies, with ``separate_vocabs:
  false`` in ``tokenizer_config.json`` and ``share_encoder_decoder_embeddings: true`` in ``config.json``.
  That is how the tc-big conversions ship (opus-mt-tc-big-en-ko: ``separate_vocabs: false``, one
  ``vocab.json``; opus-mt-tc-big-hu-en: one 56,973-entry vocabulary, ``<pad>`` last). CTranslate2's
  Marian loader also registers a single vocabulary for both sides, so a truly separate target
  vocabulary would not convert.
- ``</s>`` is id 0, ``<unk>`` id 1 and ``<pad>`` the LAST id; ``decoder_start_token_id == pad_token_id``.
  Marian starts the decoder from a zero embedding, which transformers reproduces by starting from
  ``<pad>`` and keeping its embedding row at zero, and CTranslate2 by ``start_from_zero_embedding``
  (it drops ``<pad>`` from the vocabulary). The ``<pad>`` row is therefore zeroed here; otherwise the
  two backends would disagree.
- ``config.json`` in the style of the real files (``torch_dtype: float16``, ``bad_words_ids`` banning
  ``<pad>``), ``generation_config.json``, ``special_tokens_map.json`` and ``model.safetensors`` in float16.

The weights are random, but scaled so that greedy decoding gives varied, non-empty English-piece
output that depends on the source; the ``</s>`` row is shrunk so that sentences do not all stop at once.

``BIG_SHAPE`` is the shape of the default model (transformer-big, ~50k pieces): a SentencePiece model
trained on a few sentences cannot reach 50k pieces, so the trained model is extended with filler pieces
(``▁fillNNNNN``, lowest score, so they are never chosen when encoding) to the real size; the filler
pieces are real entries of both ``target.spm`` and ``vocab.json``, which MarianTokenizer and the
CTranslate2 converter accept like any other piece.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

KOREAN = """\
세종시가 일본 순방을 통해 국제교류의 물꼬를 텄다고 밝혔다.
시장은 시청에서 기자회견을 열고 방문 성과를 발표했다.
정부는 내년 예산안을 국회에 제출했다고 밝혔다.
대통령은 오늘 오전 국무회의를 주재했다.
서울 지역에 많은 비가 내릴 것으로 예상된다.
중입자가속기 암치료센터 설립을 추진하기로 했다.
양자컴퓨터 개발 현황을 청취하고 연구개발 방안을 협의했다.
두 도시는 디지털 기술과 의료 분야에서 협력하기로 약속했다.
회의 마지막 날에는 총리와 만나 협력 과제를 논의했다.
시는 정원 분야에서 상호 협력키로 했다.
이번 만남을 계기로 혁신적인 기술과 경험을 공유할 계획이다.
병원장은 필요한 자문을 제공하고 적극 지원하겠다고 밝혔다.
경제 성장률이 예상보다 높게 나타났다.
학생들은 새 학기를 맞아 학교로 돌아왔다.
지방자치단체는 주민 안전을 위해 노력하고 있다.
연구소는 재생에너지를 수소로 전환하는 시스템을 갖췄다.
스마트시티 분야에서 교류 협력을 추진하기로 했다.
전문가들은 기술 개발이 중요하다고 강조했다.
박람회는 내년 봄에 개최될 예정이다.
한국과 일본은 인력교류를 확대하기로 합의했다.
"""

ENGLISH = """\
Sejong City said it had opened the door to international exchange through its visit to Japan.
The mayor held a press conference at city hall and announced the results of the visit.
The government said it had submitted next year's budget to the National Assembly.
The president chaired a cabinet meeting this morning.
Heavy rain is expected in the Seoul area.
The city decided to push for a heavy ion accelerator cancer treatment center.
They heard about the development of quantum computers and discussed research cooperation.
The two cities promised to cooperate in digital technology and medicine.
On the last day of the meeting they met the prime minister to discuss cooperation.
The city agreed to cooperate in the field of gardens.
This meeting is expected to lead to sharing innovative technology and experience.
The hospital director said he would provide advice and actively support the project.
Economic growth was higher than expected.
Students returned to school for the new semester.
Local governments are working for the safety of residents.
The institute has a system that converts renewable energy into hydrogen.
They agreed to promote exchange and cooperation in smart cities.
Experts stressed that developing technology is important.
The fair will be held next spring.
Korea and Japan agreed to expand exchanges of researchers.
"""

TINY_SHAPE = dict(
    d_model=64,
    encoder_layers=2,
    decoder_layers=2,
    encoder_attention_heads=4,
    decoder_attention_heads=4,
    encoder_ffn_dim=128,
    decoder_ffn_dim=128,
    source_pieces=400,
    target_pieces=300,
    vocab_size=None,  # None: the union of the two SentencePiece vocabularies
    max_position_embeddings=512,
)

# Helsinki-NLP/opus-mt-tc-big-ko-en: transformer-big, 6+6 layers, ~50k pieces in the joint vocabulary.
BIG_SHAPE = dict(
    d_model=1024,
    encoder_layers=6,
    decoder_layers=6,
    encoder_attention_heads=16,
    decoder_attention_heads=16,
    encoder_ffn_dim=4096,
    decoder_ffn_dim=4096,
    source_pieces=400,
    target_pieces=300,
    vocab_size=50_000,
    max_position_embeddings=1024,
)

SPECIALS = ("</s>", "<unk>")  # ids 0 and 1, as in the real vocab.json; <pad> is added last


def _train_spm(text: str, vocab_size: int) -> bytes:
    """Train a unigram SentencePiece model in memory (about half a second)."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text.splitlines()),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,  # a few sentences may not support the full size
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def _extend_spm(model_bytes: bytes, total: int) -> bytes:
    """Append filler pieces with the lowest score until the model has ``total`` pieces."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    proto = pb.ModelProto()
    proto.ParseFromString(model_bytes)
    lowest = min(p.score for p in proto.pieces) - 10.0
    for n in range(total - len(proto.pieces)):
        piece = proto.pieces.add()
        piece.piece = f"\u2581fill{n:05d}"
        piece.score = lowest
        piece.type = pb.ModelProto.SentencePiece.NORMAL
    return proto.SerializeToString()


def _pieces(model_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model_bytes)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if not (sp.is_control(i) or sp.is_unknown(i))]


def build_tiny_marian(path: Path, seed: int = 0, **shape) -> Path:
    """Write a random Marian model to ``path`` (created if missing) and return ``path``.

    ``shape`` overrides entries of ``TINY_SHAPE``; pass ``**BIG_SHAPE`` for the benchmark model.
    """
    import torch
    from safetensors.torch import save_file
    from transformers import MarianConfig, MarianMTModel

    s = {**TINY_SHAPE, **shape}
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)

    # 1. Two SentencePiece models, then one joint vocabulary: specials, source pieces, new target pieces.
    source_spm = _train_spm(KOREAN, s["source_pieces"])
    target_spm = _train_spm(ENGLISH, s["target_pieces"])
    tokens = list(SPECIALS)
    seen = set(tokens)
    for piece in _pieces(source_spm) + _pieces(target_spm):
        if piece not in seen:
            seen.add(piece)
            tokens.append(piece)
    if s["vocab_size"]:
        missing = s["vocab_size"] - 1 - len(tokens)  # -1: <pad>
        if missing > 0:
            target_spm = _extend_spm(target_spm, len(_pieces(target_spm)) + 3 + missing)
            for piece in _pieces(target_spm):
                if piece not in seen:
                    seen.add(piece)
                    tokens.append(piece)
    tokens.append("<pad>")
    vocab = {t: i for i, t in enumerate(tokens)}
    pad_id, eos_id, unk_id = vocab["<pad>"], vocab["</s>"], vocab["<unk>"]
    (path / "source.spm").write_bytes(source_spm)
    (path / "target.spm").write_bytes(target_spm)
    (path / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=2), encoding="utf-8")

    # 2. config.json in the style of the real tc-big files (written by transformers 4.22).
    config = {
        "_name_or_path": "tiny-random-opus-mt-tc-big-ko-en",
        "activation_dropout": 0.0,
        "activation_function": "relu",
        "architectures": ["MarianMTModel"],
        "attention_dropout": 0.0,
        "bad_words_ids": [[pad_id]],
        "bos_token_id": 0,
        "classifier_dropout": 0.0,
        "d_model": s["d_model"],
        "decoder_attention_heads": s["decoder_attention_heads"],
        "decoder_ffn_dim": s["decoder_ffn_dim"],
        "decoder_layerdrop": 0.0,
        "decoder_layers": s["decoder_layers"],
        "decoder_start_token_id": pad_id,
        "decoder_vocab_size": len(tokens),
        "dropout": 0.1,
        "encoder_attention_heads": s["encoder_attention_heads"],
        "encoder_ffn_dim": s["encoder_ffn_dim"],
        "encoder_layerdrop": 0.0,
        "encoder_layers": s["encoder_layers"],
        "eos_token_id": eos_id,
        "forced_eos_token_id": eos_id,
        "init_std": 0.02,
        "is_encoder_decoder": True,
        "max_length": 512,
        "max_position_embeddings": s["max_position_embeddings"],
        "model_type": "marian",
        "normalize_embedding": False,
        "num_beams": 4,
        "num_hidden_layers": s["encoder_layers"],
        "pad_token_id": pad_id,
        "scale_embedding": True,
        "share_encoder_decoder_embeddings": True,
        "static_position_embeddings": True,
        "torch_dtype": "float16",
        "transformers_version": "4.22.0.dev0",
        "use_cache": True,
        "vocab_size": len(tokens),
    }

    # 3. Random weights. The init's small weights make every output the same token over and over; with
    # unit-variance encoder layers and a decoder three times louder, greedy output follows the source and
    # differs between sentences. The </s> row is scaled (1.3, tried 0.55 to 2.5) so that some outputs stop
    # after a few pieces and others run to the length limit; filler rows are shrunk so they never win.
    known = {k: v for k, v in config.items() if k not in ("_name_or_path", "architectures", "transformers_version", "torch_dtype")}
    torch.manual_seed(seed)
    model = MarianMTModel(MarianConfig(**known)).eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() == 2 and "shared" not in name:
                gain = 3.0 if name.startswith("model.decoder.") else 1.0
                p.normal_(0.0, gain / p.shape[1] ** 0.5)
            elif name.endswith("bias"):
                p.normal_(0.0, 0.02)
        shared = model.model.shared.weight
        shared.normal_(0.0, 1.0 / s["d_model"] ** 0.5)  # scale_embedding multiplies by sqrt(d_model)
        for i, token in enumerate(tokens):
            if token.startswith("\u2581fill"):
                shared[i] *= 0.1
        shared[eos_id] *= 1.3
        shared[pad_id] = 0.0  # Marian's zero start embedding
        model.final_logits_bias.zero_()
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in model.state_dict().items()}
    state.pop("lm_head.weight", None)  # tied to model.shared.weight, as in the real files
    for key in ("model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight"):
        state.pop(key, None)
    save_file(state, str(path / "model.safetensors"), metadata={"format": "pt"})

    (path / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    generation = {
        "bad_words_ids": [[pad_id]],
        "bos_token_id": 0,
        "decoder_start_token_id": pad_id,
        "eos_token_id": eos_id,
        "forced_eos_token_id": eos_id,
        "max_length": 512,
        "num_beams": 4,
        "pad_token_id": pad_id,
        "transformers_version": "4.27.0.dev0",
    }
    (path / "generation_config.json").write_text(json.dumps(generation, indent=2) + "\n")
    (path / "special_tokens_map.json").write_text(
        json.dumps({"eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}) + "\n"
    )
    tokenizer_config = {
        "source_lang": "ko",
        "target_lang": "en",
        "unk_token": "<unk>",
        "eos_token": "</s>",
        "pad_token": "<pad>",
        "model_max_length": 512,
        "sp_model_kwargs": {},
        "separate_vocabs": False,
        "special_tokens_map_file": None,
        "name_or_path": "marian-models/tiny-random/ko-en",
        "tokenizer_class": "MarianTokenizer",
    }
    (path / "tokenizer_config.json").write_text(json.dumps(tokenizer_config) + "\n")
    assert unk_id == 1 and eos_id == 0
    return path


if __name__ == "__main__":  # python -m briefing.backends.tiny_model OUT_DIR [--big]
    import sys

    out = build_tiny_marian(Path(sys.argv[1]), **(BIG_SHAPE if "--big" in sys.argv else {}))
    print(out)
