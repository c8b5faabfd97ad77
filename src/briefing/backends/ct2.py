"""The CTranslate2 backend: the same checkpoint, converted once to int8 and cached.

The first use of a model converts it with ``ctranslate2.converters.TransformersConverter`` into
``$BRIEFING_CACHE_DIR/ct2/<model>--<revision or fingerprint>--<quantization>/`` (default
``~/.cache/briefing/ct2/``). The conversion is written to a temporary directory and renamed into place
only when complete, so an interrupted conversion is never used; the next run converts again.

Tokenizing and detokenizing go through the model's own transformers tokenizer, so both backends cut
and join pieces identically. ctranslate2 is imported inside the functions: ``import ctranslate2``
costs time at start-up, and it is an optional speed-up rather than a requirement.
"""

from __future__ import annotations

import atexit
import errno
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from .. import hub
from ..errors import BackendMissing, BriefingError, ModelUnavailable
from .common import (
    CT2_MODEL_TYPES,
    RETRY_NO_REPEAT_NGRAM,
    RETRY_REPETITION_PENALTY,
    BatchedTranslator,
    TranslatorOptions,
    announce,
    default_threads,
    first_line,
    pick_device,
    quiet_transformers,
    warn,
)

COMPLETE = "briefing-conversion.json"  # written last inside the temporary directory
_WRITE_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG)


def import_ctranslate2():
    try:
        import ctranslate2
    except ImportError as exc:
        raise BackendMissing("ctranslate2 is not installed; run: pip install 'ctranslate2>=4.3,<5' (or use --backend transformers)") from exc
    return ctranslate2


def cache_root() -> Path:
    """Where converted models live: ``$BRIEFING_CACHE_DIR/ct2`` or ``~/.cache/briefing/ct2``."""
    from ..cache import cache_folder

    return cache_folder() / "ct2"


def default_compute_type(device: str) -> str:
    return "int8_float16" if device == "cuda" else "int8"


def resolve_device(device: str) -> str:
    return pick_device(device, import_ctranslate2().get_cuda_device_count() > 0, "CTranslate2")


def conversion_dir(model_dir: Path, name: str, quantization: str) -> Path:
    """The cache directory of one conversion: model name, revision (hub) or fingerprint (local dir),
    quantization."""
    version = hub.snapshot_revision(model_dir) or hub.model_fingerprint(model_dir)
    label = re.sub(r"[^A-Za-z0-9._-]+", "--", name.strip("/\\.~")) or "model"
    return cache_root() / f"{label[-80:]}--{version[:16]}--{quantization}"


def is_complete(path: Path) -> bool:
    """The marker is there and every file has the size it had when the conversion finished (a truncated
    ``model.bin`` or vocabulary is caught here, without loading; a zeroed one only by loading)."""
    marker = path / COMPLETE
    if not (marker.is_file() and (path / "model.bin").is_file()):
        return False
    try:
        sizes = json.loads(marker.read_text(encoding="utf-8")).get("sizes")
        if sizes is None:  # a conversion written before sizes were recorded
            return True
        return all((path / name).stat().st_size == size for name, size in sizes.items())
    except (OSError, ValueError, AttributeError):
        return False


def set_aside(path: Path, reason: str) -> None:
    """Rename a conversion that does not load to ``.<name>.broken-<time>``, where no run looks and
    ``briefing cache clear`` deletes it, and say so in one line."""
    aside = path.with_name(f".{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
    warn(f"warning: the converted model in {path} does not load ({reason}); set aside, converting it again")


def broken_conversions(root: Path | None = None) -> list[Path]:
    """Conversions no run will use: set aside as broken, left by a killed conversion, or incomplete."""
    root = cache_root() if root is None else root
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.iterdir()):
        if not path.is_dir():
            continue
        if path.name.endswith(".partial"):
            continue  # maybe another process's conversion in progress; stale ones are removed on the next
        if ".broken-" in path.name or not is_complete(path):
            found.append(path)
    return found


def load_converted(model_dir: Path, name: str, quantization: str, **kwargs):
    """``(ctranslate2.Translator, its folder)``: a converted model that does not load is set aside and
    converted again, once; if the fresh conversion does not load either, one ``ModelUnavailable`` line."""
    ct2 = import_ctranslate2()
    for attempt in (1, 2):
        path = ensure_converted(model_dir, name, quantization)
        try:
            return ct2.Translator(str(path), **kwargs), path
        except Exception as exc:  # RuntimeError, IndexError, …: CTranslate2 reports bad files in many types
            if attempt == 2:
                raise ModelUnavailable(
                    f"the CTranslate2 conversion of model {name} does not load ({first_line(exc)}); "
                    "check the model files or use --backend transformers"
                ) from exc
            set_aside(path, first_line(exc))
    raise AssertionError("unreachable")


def ensure_converted(model_dir: Path, name: str, quantization: str) -> Path:
    """The converted model for ``model_dir``, converting it first if the cache does not have it."""
    target = conversion_dir(Path(model_dir), name, quantization)
    if is_complete(target):
        return target
    ct2 = import_ctranslate2()
    quiet_transformers()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_partials(target.parent)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    except OSError as exc:
        # The cache is a convenience: convert into a temporary folder that lives as long as this process.
        scratch = Path(tempfile.mkdtemp(prefix="briefing-ct2-"))
        atexit.register(shutil.rmtree, scratch, True)
        warn(f"warning: cannot create {target.parent} ({exc.strerror or exc}); converting for this run only")
        target = scratch / target.name
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=scratch))
    announce(f"Converting {name} to CTranslate2 ({quantization}) once, into {target} …")
    try:
        converter = ct2.converters.TransformersConverter(str(model_dir))
        try:
            converter.convert(str(tmp), quantization=quantization, force=True)
        except ValueError:
            raise
        except OSError as exc:
            if exc.errno not in _WRITE_ERRNOS:
                raise ModelUnavailable(
                    f"model {name} cannot be read for conversion to CTranslate2 ({first_line(exc)}); "
                    "download it again or pass --model DIR"
                ) from exc
            raise ModelUnavailable(
                f"cannot write the CTranslate2 conversion of model {name} into {target.parent} "
                f"({exc.strerror or exc}); free some space, or set BRIEFING_CACHE_DIR to another folder"
            ) from exc
        except Exception as exc:  # a truncated model.safetensors, a pickle that is not plain weights, …
            raise ModelUnavailable(
                f"model {name} cannot be read for conversion to CTranslate2 ({first_line(exc)}); "
                "download it again or pass --model DIR"
            ) from exc
        sizes = {p.name: p.stat().st_size for p in tmp.iterdir() if p.is_file()}
        (tmp / COMPLETE).write_text(
            json.dumps({"model": name, "source": str(model_dir), "quantization": quantization, "time": time.time(),
                        "sizes": sizes}) + "\n"
        )
        if target.exists():  # a broken leftover, or another process finished first
            if is_complete(target):
                return target
            shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    except ValueError as exc:  # the converter's answer to an unsupported model configuration
        raise ModelUnavailable(f"model {name} cannot be converted to CTranslate2 ({exc}); use --backend transformers") from exc
    except OSError as exc:  # the marker or the rename: a full or read-only disk
        raise ModelUnavailable(
            f"cannot write the CTranslate2 conversion of model {name} into {target.parent} "
            f"({exc.strerror or exc}); free some space, or set BRIEFING_CACHE_DIR to another folder"
        ) from exc
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def _remove_stale_partials(root: Path, older_than_s: float = 6 * 3600) -> None:
    """Delete temporary conversions left by killed processes (a live conversion takes minutes)."""
    now = time.time()
    for leftover in root.glob(".*.partial"):
        try:
            if now - leftover.stat().st_mtime > older_than_s:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass


class CT2Translator(BatchedTranslator):
    """Translates with ``ctranslate2.Translator.translate_batch`` on a converted copy of the model."""

    name = "ctranslate2"

    def __init__(self, options: TranslatorOptions):
        import_ctranslate2()
        super().__init__(options)
        self._resolve_model()
        if self.config.get("model_type") not in CT2_MODEL_TYPES:
            raise BriefingError(
                f"CTranslate2 does not run model type {self.config.get('model_type')!r} "
                f"(it runs: {', '.join(CT2_MODEL_TYPES)}); use --backend transformers"
            )
        self.device = resolve_device(options.device)
        self.compute_type = options.compute_type or default_compute_type(self.device)
        supported = import_ctranslate2().get_supported_compute_types(self.device)
        if self.compute_type not in supported:
            raise BriefingError(
                f"compute type {self.compute_type} is not supported on {self.device}; choose one of: {', '.join(sorted(supported))}"
            )
        self.threads = options.threads or default_threads()
        self._translator = None
        self.converted_dir: Path | None = None

    @property
    def translator(self):
        if self._translator is None:
            self._translator, self.converted_dir = load_converted(
                self.model_dir,
                self.options.model,
                self.compute_type,
                device=self.device,
                compute_type=self.compute_type,
                intra_threads=self.threads if self.device == "cpu" else 0,
                inter_threads=1,
            )
        return self._translator

    def _encode(self, text: str) -> list[str]:
        tokenizer = self.tokenizer
        return tokenizer.convert_ids_to_tokens(tokenizer(text).input_ids)

    def _generate(self, sources: list[list[str]], max_length: int, min_length: int, retry: bool) -> list[list[int]]:
        tokenizer = self.tokenizer
        kwargs: dict[str, Any] = {
            "beam_size": self.options.beams,
            "max_batch_size": self.options.batch_tokens,
            "batch_type": "tokens",
            "max_decoding_length": max_length,
            "min_decoding_length": min_length,  # 0 like transformers: an empty output is seen, then retried
            "max_input_length": 0,  # the caller splits long sentences; never truncate silently
        }
        if self.family.name != "marian":
            kwargs["target_prefix"] = [[self.family.tgt_token]] * len(sources)
        if retry:
            kwargs["repetition_penalty"] = RETRY_REPETITION_PENALTY
            kwargs["no_repeat_ngram_size"] = RETRY_NO_REPEAT_NGRAM
        results = self.translator.translate_batch(sources, **kwargs)
        special = set(tokenizer.all_special_ids)
        outputs = []
        for result in results:
            ids = tokenizer.convert_tokens_to_ids(result.hypotheses[0])
            outputs.append([i for i in ids if i not in special])
        return outputs
