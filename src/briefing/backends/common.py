"""What both model backends share: length limits, length-sorted batches, degenerate-output checks.

Kept free of torch and ctranslate2 so that the two backends make the same decisions from the same code,
and so that these rules can be tested without a model.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from briefing.model import Translation

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-tc-big-ko-en"

Progress = Callable[[int], None]  # called with the number of source strings just finished


class Translator(Protocol):
    """Translates Korean strings to English: same length and order out as in."""

    name: str  # backend name, for provenance
    model: str  # model name or directory, for provenance

    def translate(self, texts: Sequence[str], progress: Progress | None = None) -> list[Translation]: ...

    def max_source_tokens(self) -> int:
        """The longest source, in model tokens, that the backend translates in one piece."""
        ...

    def count_tokens(self, text: str) -> int: ...


@dataclass(frozen=True)
class TranslatorOptions:
    """What the user chose on the command line; every backend reads the same options."""

    model: str = DEFAULT_MODEL
    revision: str | None = None  # a hub branch, tag or commit (--revision); None: the cached or newest one
    device: str = "auto"  # auto | cpu | cuda
    beams: int = 4
    compute_type: str | None = None  # ctranslate2 only; None: int8 on CPU, int8_float16 on GPU
    threads: int | None = None  # None: chosen for the machine
    batch_tokens: int = 2048  # token budget of one batch
    fixed_output_length: int | None = None  # benchmarks only: decode exactly this many tokens per sentence


# Output length follows the source: English from Korean runs about 1.0-1.5 pieces per source piece with
# OPUS-MT's SentencePiece models, so twice the source plus a margin for short titles never cuts a real
# translation, while a looping decoder stops long before a fixed 512 would let it.
OUTPUT_PER_SOURCE_TOKEN = 2.0
OUTPUT_MARGIN = 10
MAX_LENGTH_RULE = "2x+10"  # recorded in cache keys: change it when the rule above changes

# Sources longer than this many pieces are translated in clause-sized pieces even where the model's
# position limit (512) would take them: OPUS-MT's training sentences are far shorter, and on very long
# inputs Marian models are known to drop whole clauses (under-translation) rather than fail visibly.
# 256 pieces is several times an ordinary news sentence, so only run-on text is cut.
SPLIT_ABOVE_TOKENS = 256

# Settings for the one retry of a degenerate output (CTRL's repetition penalty, Keskar et al. 2019, and a
# ban on repeating any 3-gram); safer against loops, slightly worse on ordinary sentences, hence only then.
RETRY_REPETITION_PENALTY = 1.2
RETRY_NO_REPEAT_NGRAM = 3

# Model families, chosen from config.json's model_type (never from the name).
CT2_MODEL_TYPES = ("marian", "m2m_100")
HF_MODEL_TYPES = ("marian", "m2m_100", "nllb_moe")

# Source and target language codes for the multilingual families.
NLLB_LANGS = ("kor_Hang", "eng_Latn")
M2M100_LANGS = ("ko", "en")


@dataclass(frozen=True)
class Family:
    """How to drive one model family: the tokenizer's source language and the forced first target token."""

    name: str  # marian | nllb | m2m100
    src_lang: str | None = None  # passed to the tokenizer
    tgt_lang: str | None = None
    tgt_token: str | None = None  # the language token that starts the English output



def model_family(config: dict, tokenizer_config: dict | None = None) -> Family:
    """The family of a model from its ``config.json`` (and ``tokenizer_config.json`` for m2m_100).

    NLLB checkpoints say ``model_type: m2m_100`` like M2M100 itself; only their tokenizer class tells them
    apart, so that is read too.
    """
    from briefing.errors import ModelUnavailable

    model_type = config.get("model_type")
    if model_type == "marian":
        return Family("marian")
    if model_type in ("m2m_100", "nllb_moe"):
        tokenizer_class = str((tokenizer_config or {}).get("tokenizer_class") or "")
        if model_type == "nllb_moe" or "nllb" in tokenizer_class.lower():
            return Family("nllb", *NLLB_LANGS, tgt_token=NLLB_LANGS[1])
        return Family("m2m100", *M2M100_LANGS, tgt_token=f"__{M2M100_LANGS[1]}__")
    raise ModelUnavailable(
        f"model type {model_type!r} is not supported; supported model types: {', '.join(HF_MODEL_TYPES)}"
    )


def pick_device(device: str, has_cuda: bool, library: str) -> str:
    """``--device``: ``auto`` takes CUDA when ``library`` (torch or CTranslate2) sees a device; ``cuda``
    without one is one line that names the way out."""
    from briefing.errors import BriefingError

    if device == "auto":
        return "cuda" if has_cuda else "cpu"
    if device == "cuda" and not has_cuda:
        raise BriefingError(f"--device cuda was requested but {library} sees no CUDA device; use --device cpu or auto")
    if device not in ("cpu", "cuda"):
        raise BriefingError(f"unknown device {device!r}; choose one of: auto, cpu, cuda")
    return device


def max_output_tokens(source_tokens: int, limit: int = 512) -> int:
    """The decoding limit for a source of ``source_tokens`` pieces, never above the model's ``limit``."""
    return max(1, min(limit, int(OUTPUT_PER_SOURCE_TOKEN * source_tokens) + OUTPUT_MARGIN))


def length_batches(lengths: Sequence[int], budget_tokens: int) -> list[list[int]]:
    """Indices grouped into batches of similar length, longest first, each within ``budget_tokens``.

    A batch costs its size times its longest member (padding included), so sorting by length keeps the
    padding small. A source longer than the budget gets a batch of its own. Callers map outputs back
    through the returned indices.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        n = max(lengths[i], 1)
        if current and max(longest, n) * (len(current) + 1) > budget_tokens:
            batches.append(current)
            current, longest = [], 0
        current.append(i)
        longest = max(longest, n)
    if current:
        batches.append(current)
    return batches


def is_degenerate(source: str, tokens: Sequence) -> bool:
    """True when an output is empty for a non-empty source, or ends in a loop.

    A loop is one token four times in a row, or a 2-, 3- or 4-token sequence three times in a row
    ("the city the city the city"). ``tokens`` are output token ids or pieces without special tokens.
    False alarms: a sentence that really repeats a word ("no, no, no, no" is caught only if the pieces
    repeat exactly, which the commas prevent) or a list of identical numbers split into single pieces.
    """
    if not tokens:
        return bool(source.strip())
    toks = list(tokens)
    for n, times in ((1, 4), (2, 3), (3, 3), (4, 3)):
        span = n * times
        for start in range(0, len(toks) - span + 1):
            gram = toks[start : start + n]
            if all(toks[start + k * n : start + (k + 1) * n] == gram for k in range(1, times)):
                return True
    return False


def decoding_key(beams: int, fixed_output_length: int | None = None) -> str:
    """The decoding options that change a translation, as a stable string for cache keys.

    Backend-independent on purpose: the same model and options give the same cache entry whichever
    backend filled it (CTranslate2's int8 output can differ slightly from transformers' float32).
    """
    return json.dumps(
        {"beams": beams, "max_length": MAX_LENGTH_RULE, "fixed_output_length": fixed_output_length, "retry": 1},
        sort_keys=True,
    )


def default_threads() -> int:
    """CPU threads for one translator: the cores this process may run on (cgroup/affinity aware)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def announce(message: str) -> None:
    """One line on stderr about slow one-time work (a conversion, a download).

    Goes through the ``briefing`` logger when the application configured one; the CLI's ``-q`` sets
    that logger's level above INFO, which silences it. Without any configuration it prints to stderr.
    """
    log = logging.getLogger("briefing")
    if log.level > logging.INFO:
        return
    if log.handlers:
        log.info(message)
    else:
        print(message, file=sys.stderr, flush=True)


def warn(message: str) -> None:
    """One warning line on stderr (also under ``-q``): work went on, but the user should know why."""
    log = logging.getLogger("briefing")
    if log.handlers or logging.getLogger().handlers:
        log.warning(message)
    else:
        print(message, file=sys.stderr, flush=True)


def quiet_transformers() -> None:
    """Silence transformers' and huggingface_hub's progress bars, warnings and advice.

    transformers 5 draws a "Loading weights" bar on every load and logs generation advice; on a
    terminal that breaks ``-q`` and buries a one-line error. Errors still raise.
    """
    import warnings

    from huggingface_hub.utils import disable_progress_bars
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    disable_progress_bars()
    warnings.filterwarnings("ignore", module=r"transformers(\..*)?")
    warnings.filterwarnings("ignore", message=r".*sacremoses.*")
    # torch's weights-only unpickler warns about the protocol before refusing a pickle; the refusal is
    # the one line the user needs.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"torch\._weights_only_unpickler")


def first_line(exc: BaseException) -> str:
    """An exception as one short line, for the messages that wrap a library's error."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:160]}" if text else type(exc).__name__


def load_tokenizer(model_dir: Path, name: str, family: Family) -> Any:
    """The model's own tokenizer (MarianTokenizer, NllbTokenizer, M2M100Tokenizer), as a one-line error
    when its files are missing or broken; both backends split text with it."""
    from transformers import AutoTokenizer

    from briefing.errors import ModelUnavailable

    kwargs = {"src_lang": family.src_lang, "tgt_lang": family.tgt_lang} if family.src_lang else {}
    try:
        return AutoTokenizer.from_pretrained(str(model_dir), trust_remote_code=False, **kwargs)
    except Exception as exc:  # transformers raises OSError, ValueError, TypeError… for the same problem
        raise ModelUnavailable(
            f"the tokenizer files of model {name} are missing or broken ({first_line(exc)}); download it again"
        ) from exc


class BatchedTranslator:
    """The translate loop both backends run; subclasses supply tokenizing and decoding.

    Steps: skip empty strings, tokenize, group by length within the token budget, decode each group,
    decode degenerate outputs once more with the retry settings, detokenize and put every output back at
    its source's index.
    """

    name = "base"
    model = ""
    revision: str | None = None

    def __init__(self, options):
        self.options = options
        self.model = options.model
        self._tokenizer = None

    def _resolve_model(self) -> None:
        """Find the model files (hub cache, download or directory) and read which family it is."""
        from briefing.backends import hub
        from briefing.errors import BriefingError

        revision = self.options.revision
        if revision and Path(self.options.model).expanduser().is_dir():
            raise BriefingError(f"--revision pins a hub model's revision, but {self.options.model} is a local directory")
        self.model_dir = hub.resolve_model(self.options.model, revision=revision)
        self.config = hub.read_config(self.model_dir)
        self.family = model_family(self.config, hub.read_tokenizer_config(self.model_dir))
        # Provenance: the commit of the files used (a branch or tag resolves to one), else what was asked.
        self.revision = hub.snapshot_revision(self.model_dir) or revision

    def fingerprint(self) -> str:
        """Identifies the model files, for the translation cache (see ``hub.model_fingerprint``); a
        pinned ``--revision`` is part of it."""
        from briefing.backends import hub

        fingerprint = hub.model_fingerprint(self.model_dir)
        return f"{fingerprint}@{self.options.revision}" if self.options.revision else fingerprint

    def decoding_key(self) -> str:
        return decoding_key(self.options.beams, self.options.fixed_output_length)

    @property
    def tokenizer(self):
        """The Hugging Face tokenizer; both backends use it, so both split text the same way."""
        if self._tokenizer is None:
            quiet_transformers()
            self._tokenizer = load_tokenizer(self.model_dir, self.options.model, self.family)
        return self._tokenizer

    # Subclasses implement these two (and may override _length_limit).
    def _encode(self, text: str) -> list:
        """Source tokens (ids or pieces, end-of-sentence included) for one string."""
        raise NotImplementedError

    def _generate(self, sources: list[list], max_length: int, min_length: int, retry: bool) -> list[list[int]]:
        """Output token ids without special tokens, one list per source, in order."""
        raise NotImplementedError

    def _detokenize(self, ids: list[int]) -> str:
        """Output ids to English; both backends decode with the transformers tokenizer."""
        if self.family.name == "marian":
            # transformers 5 decodes a joint-vocabulary Marian model with the SOURCE SentencePiece model
            # by default; the output pieces are target pieces.
            return self.tokenizer.decode(ids, skip_special_tokens=True, use_source_tokenizer=False)
        return self.tokenizer.decode(ids, skip_special_tokens=True)

    def _length_limit(self) -> int:
        """The model's source position limit: its config, or the tokenizer's, whichever is smaller."""
        limits = [self.config.get("max_position_embeddings") or 512]
        model_max = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(model_max, int) and model_max < 100_000:  # "no limit" is a huge sentinel
            limits.append(model_max)
        return min(limits)

    def max_source_tokens(self) -> int:
        """The model's position limit (less room for ``</s>``), and never above ``SPLIT_ABOVE_TOKENS``."""
        return max(8, min(self._length_limit() - 1, SPLIT_ABOVE_TOKENS))

    def count_tokens(self, text: str) -> int:
        return len(self._encode(text))

    def translate(self, texts: Sequence[str], progress=None) -> list:
        from briefing.model import Translation

        out: list[Translation | None] = [None] * len(texts)
        todo = []
        for i, text in enumerate(texts):
            if text.strip():
                todo.append(i)
            else:
                out[i] = Translation("")
        if len(todo) < len(texts) and progress:
            progress(len(texts) - len(todo))
        encoded = [self._encode(texts[i]) for i in todo]
        limit = self._length_limit()
        fixed = self.options.fixed_output_length
        for batch in length_batches([len(e) for e in encoded], self.options.batch_tokens):
            sources = [encoded[k] for k in batch]
            if fixed:
                max_length = min_length = fixed
            else:
                max_length, min_length = max_output_tokens(max(len(s) for s in sources), limit), 0
            outputs = self._generate(sources, max_length, min_length, retry=False)
            retried = set()
            again = [j for j, ids in enumerate(outputs) if not fixed and is_degenerate(texts[todo[batch[j]]], ids)]
            if again:
                second = self._generate([sources[j] for j in again], max_length, 1, retry=True)
                for j, ids in zip(again, second):
                    if ids or not outputs[j]:
                        outputs[j] = ids
                    retried.add(j)
            for j, k in enumerate(batch):
                out[todo[k]] = Translation(self._detokenize(outputs[j]), retried=j in retried)
            if progress:
                progress(len(batch))
        return out  # type: ignore[return-value]
