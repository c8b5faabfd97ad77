"""The transformers backend: any Marian, M2M100 or NLLB checkpoint, on CPU or CUDA.

Slower than CTranslate2 on a CPU, but it runs every model transformers can load and needs no
conversion. torch and transformers are imported inside the methods (``briefing --help`` must not pay
for them); remote code is never run and safetensors are used whenever the checkpoint has them. The
first load of a model (per transformers and torch version, dtype and device) is checked against its
checkpoint file and probe sentences (``verify.py``); the record under ``verified/`` in the cache
folder spares later runs the probes.
"""

from __future__ import annotations

from typing import Any

import hashlib
import json

from briefing.backends import hub
from briefing.errors import ModelUnavailable
from briefing.backends.common import (
    RETRY_NO_REPEAT_NGRAM,
    RETRY_REPETITION_PENALTY,
    BatchedTranslator,
    TranslatorOptions,
    first_line,
    pick_device,
    quiet_transformers,
    warn,
)


def resolve_torch_device(device: str) -> str:
    import torch

    return pick_device(device, torch.cuda.is_available(), "torch")


class HFTranslator(BatchedTranslator):
    """Translates with ``AutoModelForSeq2SeqLM.generate``; the model is loaded on first use."""

    name = "transformers"

    def __init__(self, options: TranslatorOptions):
        super().__init__(options)
        self._resolve_model()
        self._model = None
        # Checked now, not at the first model call: with a warm cache no model call may come, and a
        # user who asked for --device cuda on a machine without one must hear so either way.
        self._device = resolve_torch_device(options.device)

    def _load(self):
        if self._model is not None:
            return self._model
        import torch
        from transformers import AutoModelForSeq2SeqLM

        quiet_transformers()
        if self.options.threads:
            torch.set_num_threads(self.options.threads)
        # float32 on CPU: the checkpoints are stored in float16 and transformers 5 would keep that dtype
        # ("auto"), which CPUs run slowly and less accurately.
        dtype = torch.float16 if self._device == "cuda" else torch.float32
        try:
            model = AutoModelForSeq2SeqLM.from_pretrained(
                str(self.model_dir),
                dtype=dtype,
                use_safetensors=hub.has_safetensors(self.model_dir),
                trust_remote_code=False,
            )
        except Exception as exc:
            raise ModelUnavailable(
                f"model {self.options.model} cannot be loaded ({first_line(exc)}); download it again or pass --model DIR"
            ) from exc
        model = model.to(self._device).eval()
        self._check(model)
        self._model = model
        return self._model

    def _check(self, model) -> None:
        """The tensors against the file on every load (cheap); the probes once, then from the record."""
        import torch

        from briefing.backends.verify import (PROBE_BEAMS, check_probes, check_tensors, library_versions, one_at_a_time, read_record,
                             write_record)

        versions = f"{library_versions()} torch {torch.__version__} {model.dtype} {self._device}"
        key = hashlib.sha256(json.dumps([self.fingerprint(), versions]).encode()).hexdigest()[:24]
        tensors = check_tensors(model, self.model_dir, self.options.model)
        path = verified_dir() / f"{key}.json"
        if read_record(path) is not None:
            return
        run = one_at_a_time(self._encode, lambda source, n: self._generate_with(model, [source], n, 0, False, PROBE_BEAMS)[0],
                            self._detokenize, self._length_limit())
        probes = check_probes(run, self.options.model, warn)
        write_record(path, {"model": self.options.model, "versions": versions, "tensors": tensors, **probes})

    def _encode(self, text: str) -> list[int]:
        return list(self.tokenizer(text).input_ids)

    def _generate(self, sources: list[list[int]], max_length: int, min_length: int, retry: bool) -> list[list[int]]:
        return self._generate_with(self._load(), sources, max_length, min_length, retry, self.options.beams)

    def _generate_with(self, model, sources, max_length: int, min_length: int, retry: bool, beams: int) -> list[list[int]]:
        import torch

        tokenizer = self.tokenizer
        pad = tokenizer.pad_token_id
        width = max(len(s) for s in sources)
        input_ids = torch.tensor([s + [pad] * (width - len(s)) for s in sources], device=self._device)
        attention_mask = torch.tensor([[1] * len(s) + [0] * (width - len(s)) for s in sources], device=self._device)
        kwargs: dict[str, Any] = {
            "num_beams": beams,
            "do_sample": False,
            "max_new_tokens": max_length,
            "min_new_tokens": min_length,
            "max_length": None,  # the checkpoints say 512; max_new_tokens decides
            "num_return_sequences": 1,
            # No forced </s> at the limit: CTranslate2 does not force one either, so both backends cut a
            # runaway output at the same piece.
            "forced_eos_token_id": None,
        }
        if self.family.name == "marian":
            kwargs["bad_words_ids"] = [[pad]]  # <pad> only starts the decoder (CTranslate2 drops it)
        else:
            kwargs["forced_bos_token_id"] = tokenizer.convert_tokens_to_ids(self.family.tgt_token)
        if retry:
            kwargs["repetition_penalty"] = RETRY_REPETITION_PENALTY
            kwargs["no_repeat_ngram_size"] = RETRY_NO_REPEAT_NGRAM
        with torch.inference_mode():
            generated = model.generate(input_ids=input_ids, attention_mask=attention_mask, **kwargs)
        special = set(tokenizer.all_special_ids)
        return [[i for i in row.tolist() if i not in special] for row in generated]



def verified_dir():
    """Where the transformers backend records checked loads: ``verified/`` in the cache folder."""
    from briefing.backends.cache import cache_folder

    return cache_folder() / "verified"
