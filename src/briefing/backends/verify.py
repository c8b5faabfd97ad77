"""Is the loaded model the checkpoint? Its vocabulary tensors against the file, then probe sentences.

OPUS-MT transformer-big conversions have translated garbage under some transformers versions because
the library tied the output projection to the embeddings while the checkpoint keeps them apart
(transformers #24657, #26216, and #45005 for v5); the fix was new files on the hub, loaded with
``revision=``. The CTranslate2 path converts *through* transformers, so a mis-loaded model would be
converted, cached and used for good. Hence two checks, on first load and on every conversion, before
anything is cached:

1. ``check_tensors``: the output projection (``lm_head``), its bias (``final_logits_bias``) and the
   embeddings (``shared``, encoder, decoder) of the loaded model equal the tensors in the checkpoint
   file, read directly (safetensors; a ``.bin`` only through torch's weights-only loader). A tensor
   the file does not hold must equal the one Marian ties it to in the file (``lm_head`` → decoder
   embeddings → ``shared``); a missing bias must be zeros. Whatever tying the library applied, the
   file decides.
2. ``check_probes``: a few sentences through the backend that will be used. The default model must
   give its model card's own examples (a word off is a note: int8 weights may change one; garbage,
   a loop, lost numbers or another script is a failure); any other model only gets a warning per probe whose
   output is empty, a loop, not Latin script or of an implausible length (tiny test models translate
   nonsense and must still run).

A failure is a ``ModelMisloaded``: one line, exit code 2, naming the tensor or the probe, the
transformers version and the ways out. The record each check returns is stored with the conversion
(and, for the transformers backend, under ``verified/`` in the cache folder), so later runs pay nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Callable, Sequence

from briefing.errors import BriefingError
from briefing.backends.common import DEFAULT_MODEL, is_degenerate, max_output_tokens

# The examples of the Helsinki-NLP/opus-mt-tc-big-ko-en model card, with the card's own output.
KNOWN_PROBES: dict[str, tuple[tuple[str, str], ...]] = {
    DEFAULT_MODEL: (("2, 4, 6 등은 짝수이다.", "2, 4, and 6 are even."), ("네.", "Yeah.")),
}
# For any other model: the same sentences and a news sentence, judged only by their shape.
GENERIC_PROBES = ("2, 4, 6 등은 짝수이다.", "네.", "정부는 내년 예산안을 국회에 제출했다고 밝혔다.")
PROBE_BEAMS = 4  # the card's outputs come from the generation config's 4 beams

# Vocabulary tensors and, for each, where the file may hold it: its own key first, then the tensor
# Marian ties it to. The first key present in the file is what the loaded tensor must equal.
TENSOR_SOURCES: dict[str, tuple[str, ...]] = {
    "lm_head.weight": ("lm_head.weight", "model.decoder.embed_tokens.weight", "model.shared.weight"),
    "final_logits_bias": ("final_logits_bias",),
    "model.shared.weight": ("model.shared.weight", "model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight"),
    "model.encoder.embed_tokens.weight": ("model.encoder.embed_tokens.weight", "model.shared.weight"),
    "model.decoder.embed_tokens.weight": ("model.decoder.embed_tokens.weight", "model.shared.weight"),
}


class ModelMisloaded(BriefingError):
    """The loaded model is not what its checkpoint file holds, or it fails its known probes."""


def library_versions() -> str:
    """``transformers X`` (and torch), read from the installed metadata: the cause is usually there."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"transformers {version('transformers')}"
    except PackageNotFoundError:  # pragma: no cover - the check runs only after transformers loaded
        return "transformers (version unknown)"


def _ways_out() -> str:
    return ("nothing was cached; pin a fixed model revision with --revision REV, "
            "or install another transformers version")


# ------------------------------------------------------------------------------------------ tensors


class CheckpointFile:
    """The tensors of a checkpoint as stored on disk, read one key at a time."""

    def __init__(self, model_dir: Path):
        model_dir = Path(model_dir)
        self._where: dict[str, Path] = {}
        self._bin: dict | None = None
        index = model_dir / "model.safetensors.index.json"
        if (model_dir / "model.safetensors").is_file():
            self.kind = "safetensors"
            from safetensors import safe_open

            with safe_open(str(model_dir / "model.safetensors"), framework="pt") as handle:
                self._where = {key: model_dir / "model.safetensors" for key in handle.keys()}
        elif index.is_file():
            self.kind = "safetensors"
            weight_map = json.loads(index.read_text(encoding="utf-8")).get("weight_map", {})
            self._where = {key: model_dir / name for key, name in weight_map.items()}
        else:
            import torch

            self.kind = "bin"
            self._bin = {}
            for path in sorted(model_dir.glob("pytorch_model*.bin")):
                # weights_only: a pickle that is more than tensors is refused, never run.
                self._bin.update(torch.load(str(path), map_location="cpu", weights_only=True, mmap=True))

    def keys(self) -> set[str]:
        return set(self._bin) if self._bin is not None else set(self._where)

    def find(self, key: str) -> str | None:
        """The file's name for ``key``: itself, or without the ``model.`` prefix (base-model files)."""
        keys = self.keys()
        for candidate in (key, key.removeprefix("model.")):
            if candidate in keys:
                return candidate
        return None

    def tensor(self, key: str):
        if self._bin is not None:
            return self._bin[key]
        from safetensors import safe_open

        with safe_open(str(self._where[key]), framework="pt") as handle:
            return handle.get_tensor(key)


def _same(loaded, stored) -> bool:
    """Equal values in the loaded dtype (float16 on disk, float32 in memory compare exactly)."""
    import torch

    if tuple(loaded.shape) != tuple(stored.shape):
        return False
    loaded = loaded.detach().cpu()
    stored = stored.to(loaded.dtype)
    for start in range(0, loaded.shape[0] if loaded.dim() else 1, 8192):  # bounded temporaries
        a = loaded[start : start + 8192] if loaded.dim() else loaded
        b = stored[start : start + 8192] if stored.dim() else stored
        if not torch.equal(a, b):
            return False
    return True


def check_tensors(model, model_dir: Path, name: str) -> dict:
    """Compare the loaded model's vocabulary tensors with the checkpoint file; raise on a difference.

    Returns the record: each checked tensor and the file key it was compared with (``zeros`` for a bias
    the file does not hold).
    """
    import torch

    loaded = dict(model.named_parameters(remove_duplicate=False))
    loaded.update(dict(model.named_buffers(remove_duplicate=False)))
    checkpoint = CheckpointFile(model_dir)
    record: dict[str, str] = {}
    for key, sources in TENSOR_SOURCES.items():
        if key not in loaded:
            continue
        tensor = loaded[key]
        stored_key = next((found for found in map(checkpoint.find, sources) if found), None)
        if stored_key is None:
            if key != "final_logits_bias":
                raise ModelMisloaded(
                    f"model {name}: the checkpoint file holds neither {key} nor a tensor it is tied to; "
                    "download it again or pin another revision with --revision REV"
                )
            ok, stored_key = not bool(torch.count_nonzero(tensor)), "zeros"
        else:
            ok = _same(tensor, checkpoint.tensor(stored_key))
        if not ok:
            raise ModelMisloaded(
                f"model {name} loads wrongly with {library_versions()}: {key} differs from "
                f"{stored_key if stored_key != 'zeros' else 'zeros (the file has no such tensor)'} in the "
                f"checkpoint file{_tied_hint(key, loaded)}; {_ways_out()}"
            )
        record[key] = stored_key
    return record


def _tied_hint(key: str, loaded: dict) -> str:
    """Say so when a loaded output projection *is* the embedding: the known tying bug."""
    if key != "lm_head.weight":
        return ""
    head = loaded[key]
    for other in ("model.shared.weight", "model.decoder.embed_tokens.weight"):
        if other in loaded and loaded[other].data_ptr() == head.data_ptr():
            return " (the library tied it to the embeddings)"
    return ""


# ------------------------------------------------------------------------------------------- probes


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN")) / len(letters)


def probe_problem(source: str, output: str, pieces: Sequence) -> str | None:
    """What is wrong with one probe's output, judged by its shape; None when it looks like English."""
    if not output.strip():
        return "empty"
    if is_degenerate(source, list(pieces)):
        return "a loop"
    if _latin_share(output) < 0.8:
        return "not in Latin script"
    if len(output) > 8 * len(source) + 20 or (len(source) >= 8 and 4 * len(output) < len(source)):
        return "of an implausible length"
    return None


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _unlike_the_card(source: str, got: str, expected: str, pieces: Sequence) -> str | None:
    """Why an output that differs from the card's is not the model working (None: it is, give or take
    a word). A mis-loaded model gives no English at all (loops, other scripts, nothing), so the bar is
    the shape of the output plus, for the sentence, its numbers and most of its characters; a
    quantized model that writes "Yes." for the card's "Yeah." must still run."""
    problem = probe_problem(source, got, pieces)
    if problem:
        return problem
    digits = [c for c in expected if c.isdigit()]
    if len(expected.split()) <= 2:
        return None if len(got.split()) <= 3 else "not a short answer"
    if sorted(c for c in got if c.isdigit()) != sorted(digits):
        return "missing the card's numbers"
    from sacrebleu.metrics import CHRF

    return None if CHRF().sentence_score(got, [expected]).score >= 50 else "unlike the card's English"


def one_at_a_time(encode: Callable[[str], list], decode: Callable[[list, int], list],
                  detokenize: Callable[[list], str], limit: int) -> Callable[[list[str]], list[tuple[str, list]]]:
    """The probes through a backend's own encode and decode, one sentence at a time as the card's
    examples were made, each allowed the output length a real sentence of its length would get."""
    def run(texts: list[str]) -> list[tuple[str, list]]:
        out = []
        for text in texts:
            source = encode(text)
            pieces = decode(source, max_output_tokens(len(source), limit))
            out.append((detokenize(pieces), pieces))
        return out

    return run


def check_probes(translate: Callable[[list[str]], list[tuple[str, list]]], name: str, warn: Callable[[str], None]) -> dict:
    """Translate the probes with ``translate`` (texts → (English, output pieces) per text).

    A model with known probes (the default) must give them as the card does, give or take a word (a
    note says which); anything further from the card raises. Any other model's
    odd outputs are warnings, one line each. Returns the record: each probe, its output and the verdict.
    """
    known = KNOWN_PROBES.get(name)
    sources = [ko for ko, _ in known] if known else list(GENERIC_PROBES)
    outputs = translate(sources)
    record = []
    for k, (source, (english, pieces)) in enumerate(zip(sources, outputs)):
        if known:
            expected = known[k][1]
            got = " ".join(english.split())
            verdict = "as the card says" if got == expected else _unlike_the_card(source, got, expected, pieces)
            if verdict is not None and verdict != "as the card says":
                raise ModelMisloaded(
                    f"model {name} fails its model card's probe {source!r}: it gave {_quote(english)}, the card "
                    f"says {expected!r} (with {library_versions()}); {_ways_out()}"
                )
            if verdict is None:
                warn(f"note: model {name} translates the card's probe {source!r} as {_quote(english)} where the "
                     f"card says {expected!r}: close enough (int8 weights or another decoder can change a word)")
            record.append({"ko": source, "en": english, "expected": expected, "exact": got == expected})
            continue
        problem = probe_problem(source, english, pieces)
        if problem:
            warn(f"warning: model {name} translates the probe {source!r} as {_quote(english)}, which is {problem}; "
                 "a tiny or untrained model may do this, a real one should not")
        record.append({"ko": source, "en": english, "problem": problem})
    return {"probes": record}


# --------------------------------------------------------------------------------- the record on disk


def read_record(path: Path) -> dict | None:
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) and value.get("ok") is True else None


def write_record(path: Path, record: dict) -> None:
    """Write atomically; a cache that cannot be written costs the next run the check, nothing else."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({**record, "ok": True}, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except OSError:
        pass
