"""Marian tokenization with sentencepiece alone: the pieces and the text MarianTokenizer would give.

(``TransformersPieces`` puts the same interface over any transformers tokenizer, for the rest.)

The CTranslate2 path takes pieces as strings, so once a model is converted nothing but sentencepiece
is needed to feed it; loading transformers (and torch behind it) only to cut text into pieces costs a
second and several hundred MB. This module reproduces what transformers 5.24's ``MarianTokenizer``
does, read from its source (``models/marian/tokenization_marian.py`` and ``tokenization_python.py``):

- text is split around the special tokens (``</s>``, ``<unk>``, ``<pad>``) first, which are kept
  whole, as the base class's added-token trie does;
- each other chunk loses a leading ``>>xx<<`` language code (kept as a piece) and is encoded by the
  *source* SentencePiece model; a piece that is not in ``vocab.json`` becomes ``<unk>``; ``</s>`` ends
  the sequence;
- decoding drops the special tokens, joins the rest with the *target* SentencePiece model, turns
  ``▁`` into spaces and strips.

No punctuation normalisation: ``MarianTokenizer`` builds a sacremoses ``MosesPunctNormalizer`` and
has a ``normalize`` method, but nothing on its encoding path calls it in 5.24, so applying it here
would make the pieces differ. ``tests/test_pieces.py`` holds both paths identical on the tiny models
and on FLORES-200 Korean. A model whose tokenizer does anything else (separate vocabularies, added
tokens with stripping rules, sampling options, clean-up) gets ``None`` from ``load_pieces`` and the
caller uses the transformers tokenizer instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Sequence

SPIECE_UNDERLINE = "\u2581"
_DEFAULT_SPECIALS = {"unk_token": "<unk>", "eos_token": "</s>", "pad_token": "<pad>"}
_LANGUAGE_CODE = re.compile(r"^>>[^<]*?<<")


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _token_text(value) -> str | None:
    """A special token as tokenizer_config writes it: a string, or an AddedToken dict with ``content``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("content"), str):
        return value["content"]
    return None


def _plain_added_token(value) -> bool:
    """An added token MarianTokenizer matches as plain text (no stripping or whole-word rules)."""
    if isinstance(value, str):
        return True
    return isinstance(value, dict) and not any(value.get(k) for k in ("lstrip", "rstrip", "single_word"))


class MarianPieces:
    """Source text → pieces (with ``</s>``), output pieces → English, as MarianTokenizer does."""

    def __init__(self, model_dir: Path, config: dict, specials: dict[str, str]):
        import sentencepiece

        model_dir = Path(model_dir)
        self.vocab: dict[str, int] = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
        self.source = sentencepiece.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
        self.target = sentencepiece.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
        self.unk, self.eos, self.pad = specials["unk_token"], specials["eos_token"], specials["pad_token"]
        self.special = {self.unk, self.eos, self.pad}
        self.model_max_length = int(config.get("model_max_length") or 512)
        ordered = sorted(self.special, key=lambda t: (-len(t), t))  # the longest match first, as the trie
        self._split = re.compile("(" + "|".join(re.escape(t) for t in ordered) + ")")

    def encode(self, text: str) -> list[str]:
        pieces: list[str] = []
        for chunk in self._split.split(text):
            if not chunk:
                continue
            if chunk in self.special:
                pieces.append(chunk)
                continue
            code = _LANGUAGE_CODE.match(chunk) if chunk.startswith(">>") else None
            if code:
                pieces.append(code.group(0))
                chunk = chunk[code.end():]
            pieces.extend(self.source.encode(chunk, out_type=str))
        pieces = [p if p in self.vocab else self.unk for p in pieces]
        pieces.append(self.eos)
        return pieces

    def decode(self, pieces: Sequence[str]) -> str:
        kept = [p for p in pieces if p not in self.special and p in self.vocab]
        return self.target.decode_pieces(kept).replace(SPIECE_UNDERLINE, " ").strip()

    def is_special(self, piece: str) -> bool:
        return piece in self.special or piece not in self.vocab


def load_pieces(model_dir: Path) -> MarianPieces | None:
    """The torch-free tokenizer of a Marian model directory, or None when it would not be exact."""
    model_dir = Path(model_dir)
    config = _read_json(model_dir / "tokenizer_config.json")
    if not all((model_dir / name).is_file() for name in ("vocab.json", "source.spm", "target.spm")):
        return None
    if config.get("tokenizer_class") not in (None, "MarianTokenizer"):
        return None
    if config.get("separate_vocabs") or config.get("sp_model_kwargs") or config.get("clean_up_tokenization_spaces"):
        return None
    if (model_dir / "added_tokens.json").exists() or (model_dir / "tokenizer.json").exists():
        return None
    specials_map = _read_json(model_dir / "special_tokens_map.json")
    specials = {}
    for key, default in _DEFAULT_SPECIALS.items():
        value = config.get(key, specials_map.get(key, default))
        if not _plain_added_token(value) or _token_text(value) is None:
            return None
        specials[key] = _token_text(value)
    # Any other added or special token (bos, mask, extra_special_tokens, added_tokens_decoder entries
    # beyond the three) changes splitting or decoding in ways not reproduced here.
    for source in (config, specials_map):
        if source.get("additional_special_tokens") or source.get("extra_special_tokens"):
            return None
        if any(source.get(k) for k in ("bos_token", "sep_token", "cls_token", "mask_token")):
            return None
    for value in (config.get("added_tokens_decoder") or {}).values():
        if not _plain_added_token(value) or _token_text(value) not in specials.values():
            return None
    try:
        return MarianPieces(model_dir, config, specials)
    except (OSError, ValueError, RuntimeError):  # a broken .spm: the transformers tokenizer reports it
        return None


class TransformersPieces:
    """The same interface over a transformers tokenizer, for the models ``load_pieces`` declines."""

    def __init__(self, tokenizer, marian: bool):
        self.tokenizer = tokenizer
        self.marian = marian
        self._special_ids = set(tokenizer.all_special_ids)
        limit = getattr(tokenizer, "model_max_length", None)
        self.model_max_length = limit if isinstance(limit, int) and limit < 100_000 else 512  # huge: "no limit"

    def encode(self, text: str) -> list[str]:
        return self.tokenizer.convert_ids_to_tokens(self.tokenizer(text).input_ids)

    def is_special(self, piece: str) -> bool:
        return self.tokenizer.convert_tokens_to_ids(piece) in self._special_ids

    def decode(self, pieces: Sequence[str]) -> str:
        ids = [i for i in self.tokenizer.convert_tokens_to_ids(list(pieces)) if i not in self._special_ids]
        if self.marian:
            # transformers 5 decodes a joint-vocabulary Marian model with the SOURCE SentencePiece model
            # by default; the output pieces are target pieces.
            return self.tokenizer.decode(ids, skip_special_tokens=True, use_source_tokenizer=False)
        return self.tokenizer.decode(ids, skip_special_tokens=True)
