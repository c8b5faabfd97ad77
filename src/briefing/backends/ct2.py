"""The CTranslate2 backend: the same checkpoint, converted once to int8 and cached.

The first use of a model converts it with ``ctranslate2.converters.TransformersConverter`` into
``$BRIEFING_CACHE_DIR/ct2/<model>--<revision or fingerprint>--<quantization>/`` (default
``~/.cache/briefing/ct2/``). The conversion is written to a temporary directory and renamed into place
only when complete, so an interrupted conversion is never used; the next run converts again.

Before a conversion is marked complete, the model transformers loaded for it is compared with the
checkpoint file and the converted model translates the probe sentences (``verify.py``); the result is
written into the conversion's marker, and a conversion without one is converted (and checked) again.

Once converted, a Marian model is tokenized with sentencepiece alone (``pieces.py``), exactly as its
transformers tokenizer would, so a run on a cached conversion imports neither torch nor transformers.
ctranslate2 is imported inside the functions: ``import ctranslate2`` costs time at start-up, and it
is an optional speed-up rather than a requirement.
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
from typing import Any, Callable

from briefing.backends import hub
from briefing.errors import BackendMissing, BriefingError, ModelUnavailable
from briefing.backends.common import (
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
    from briefing.backends.cache import cache_folder

    return cache_folder() / "ct2"


def default_compute_type(device: str) -> str:
    return "int8_float16" if device == "cuda" else "int8"


def resolve_device(device: str) -> str:
    return pick_device(device, import_ctranslate2().get_cuda_device_count() > 0, "CTranslate2")


def conversion_dir(model_dir: Path, name: str, quantization: str, revision: str | None = None) -> Path:
    """The cache directory of one conversion: model name (and the ``--revision`` asked for), the
    snapshot's commit (hub) or fingerprint (local dir), quantization."""
    version = hub.snapshot_revision(model_dir) or hub.model_fingerprint(model_dir)
    label = re.sub(r"[^A-Za-z0-9._-]+", "--", name.strip("/\\.~")) or "model"
    if revision:
        label += "@" + re.sub(r"[^A-Za-z0-9._-]+", "-", revision)[:40]
    return cache_root() / f"{label[-80:]}--{version[:16]}--{quantization}"


def is_complete(path: Path) -> bool:
    """The marker is there, records passed checks, and every file has the size it had when the
    conversion finished (a truncated ``model.bin`` or vocabulary is caught here, without loading; a
    zeroed one only by loading). A conversion from before the checks existed is not complete."""
    marker = path / COMPLETE
    if not (marker.is_file() and (path / "model.bin").is_file()):
        return False
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
        sizes, checks = recorded.get("sizes"), recorded.get("checks")
        if sizes is None or not isinstance(checks, dict):  # written before sizes or checks were recorded
            return False
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


Check = Callable[[Path], dict]  # a fresh conversion's folder → the probe record (raises on failure)


def load_converted(model_dir: Path, name: str, quantization: str, check: Check, revision: str | None = None, **kwargs):
    """``(ctranslate2.Translator, its folder)``: a converted model that does not load is set aside and
    converted again, once; if the fresh conversion does not load either, one ``ModelUnavailable`` line."""
    ct2 = import_ctranslate2()
    for attempt in (1, 2):
        path = ensure_converted(model_dir, name, quantization, check, revision)
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


def checked_converter(ct2, model_dir: Path, name: str, record: dict):
    """A ``TransformersConverter`` that compares the model it loaded with the checkpoint file before
    converting it (``verify.check_tensors``); the comparison lands in ``record``."""

    from briefing.backends.verify import check_tensors

    class CheckedConverter(ct2.converters.TransformersConverter):
        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            record["tensors"] = check_tensors(model, model_dir, name)
            return model

    return CheckedConverter(str(model_dir))


def ensure_converted(model_dir: Path, name: str, quantization: str, check: Check, revision: str | None = None) -> Path:
    """The converted model for ``model_dir``, converting (and checking) it first if the cache does not
    have it. ``check`` gets the fresh conversion's folder and runs the probes on it."""
    target = conversion_dir(Path(model_dir), name, quantization, revision)
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
    checks: dict = {}
    try:
        converter = checked_converter(ct2, Path(model_dir), name, checks)
        try:
            converter.convert(str(tmp), quantization=quantization, force=True)
        except (ValueError, BriefingError):
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
        from briefing.backends.verify import library_versions

        checks.update(check(tmp), library=library_versions())
        sizes = {p.name: p.stat().st_size for p in tmp.iterdir() if p.is_file()}
        (tmp / COMPLETE).write_text(
            json.dumps({"model": name, "revision": revision, "source": str(model_dir), "quantization": quantization,
                        "time": time.time(), "sizes": sizes, "checks": checks}, ensure_ascii=False) + "\n"
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
        self._pieces = None
        self.converted_dir: Path | None = None

    def _load_kwargs(self) -> dict:
        return {"device": self.device, "compute_type": self.compute_type,
                "intra_threads": self.threads if self.device == "cpu" else 0, "inter_threads": 1}

    @property
    def translator(self):
        if self._translator is None:
            self._translator, self.converted_dir = load_converted(
                self.model_dir, self.options.model, self.compute_type, self._check_conversion,
                self.options.revision, **self._load_kwargs(),
            )
        return self._translator

    def load_model(self) -> None:
        """Load the converted model now rather than on the first batch: ``pipeline`` does it while a child
        process reads the article. The cached translator does not pass this on: a rerun whose every
        segment is cached loads no model."""
        self.translator

    def _check_conversion(self, path: Path) -> dict:
        """The probes, translated by this backend on the fresh conversion in ``path`` (see ``verify``)."""
        from briefing.backends.verify import PROBE_BEAMS, check_probes, one_at_a_time

        try:
            fresh = import_ctranslate2().Translator(str(path), **self._load_kwargs())
        except Exception as exc:  # as in load_converted: CTranslate2 reports bad files in many types
            raise ModelUnavailable(
                f"the CTranslate2 conversion of model {self.options.model} does not load ({first_line(exc)}); "
                "check the model files or use --backend transformers"
            ) from exc
        run = one_at_a_time(self._encode, lambda source, n: self._decode_with(fresh, [source], n, 0, False, PROBE_BEAMS)[0],
                            self._detokenize, self._length_limit())
        return check_probes(run, self.options.model, warn)  # ``fresh`` is freed with this frame

    @property
    def pieces(self):
        """sentencepiece alone for a Marian model whose tokenizer it reproduces (no torch, no
        transformers); the model's transformers tokenizer otherwise."""
        if self._pieces is None:
            from briefing.backends.pieces import TransformersPieces, load_pieces

            found = load_pieces(self.model_dir) if self.family.name == "marian" else None
            self._pieces = found or TransformersPieces(self.tokenizer, self.family.name == "marian")
        return self._pieces

    def _length_limit(self) -> int:
        return min(self.config.get("max_position_embeddings") or 512, self.pieces.model_max_length)

    def _encode(self, text: str) -> list[str]:
        return self.pieces.encode(text)

    def _detokenize(self, pieces: list[str]) -> str:
        return self.pieces.decode(pieces)

    def _generate(self, sources: list[list[str]], max_length: int, min_length: int, retry: bool) -> list[list[str]]:
        return self._decode_with(self.translator, sources, max_length, min_length, retry, self.options.beams)

    def _decode_with(self, translator, sources, max_length: int, min_length: int, retry: bool, beams: int) -> list[list[str]]:
        """Output pieces without special tokens, one list per source (``is_degenerate`` reads pieces)."""
        kwargs: dict[str, Any] = {
            "beam_size": beams,
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
        results = translator.translate_batch(sources, **kwargs)
        is_special = self.pieces.is_special
        return [[p for p in result.hypotheses[0] if not is_special(p)] for result in results]
