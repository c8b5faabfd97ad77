"""Model names and directories to local files: the hub cache, downloads and fingerprints.

Nothing here imports torch, transformers or ctranslate2, so resolving a model (and checking the
translation cache) costs milliseconds. ``huggingface_hub`` is imported inside the functions.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from briefing.errors import ModelUnavailable

# Files a Marian, M2M100 or NLLB checkpoint needs; the weights are added by ``_weight_patterns``.
TOKENIZER_AND_CONFIG = [
    "config.json",
    "generation_config.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.json",
    "target_vocab.json",
    "*.spm",
    "sentencepiece.bpe.model",
    "tokenizer.json",
    "added_tokens.json",
]
SAFETENSORS = ["model.safetensors", "model.safetensors.index.json", "model-*.safetensors"]
PYTORCH_BIN = ["pytorch_model.bin", "pytorch_model.bin.index.json", "pytorch_model-*.bin"]

# Files up to this size are hashed whole in a fingerprint; larger ones (weights) by size and their first
# and last MiB, which tells apart two checkpoints of one shape without reading 500 MB on every run.
SMALL_FILE = 4 * 1024 * 1024
EDGE = 1024 * 1024


def _hint(name: str) -> str:
    return f"run `briefing download {name}` on a connected machine, or pass --model DIR"


def _offline() -> bool:
    value = os.environ.get("HF_HUB_OFFLINE", "") or os.environ.get("TRANSFORMERS_OFFLINE", "")
    return value.strip().lower() in ("1", "true", "yes", "on")


def _looks_like_path(name: str) -> bool:
    """Hub names are ``owner/name``; anything else with a slash, or starting like a path, is a path."""
    return name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name


def has_safetensors(model_dir: Path) -> bool:
    return any(model_dir.glob("*.safetensors"))


def _check_dir(model_dir: Path, name: str) -> Path:
    """A model directory must hold a readable config.json and some weights."""
    config = model_dir / "config.json"
    if not config.is_file():
        raise ModelUnavailable(f"model directory {name} has no config.json; is it a Hugging Face model directory?")
    try:
        json.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelUnavailable(f"the config.json of model {name} is unreadable ({type(exc).__name__}); download it again") from exc
    if not (has_safetensors(model_dir) or any(model_dir.glob("pytorch_model*.bin"))):
        raise ModelUnavailable(f"model {name} has no weights (model.safetensors or pytorch_model.bin); download it again")
    return model_dir


def read_config(model_dir: Path) -> dict:
    """``config.json`` of a resolved model directory."""
    return json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))


def read_tokenizer_config(model_dir: Path) -> dict:
    path = Path(model_dir) / "tokenizer_config.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def resolve_model(name: str, revision: str | None = None, download: bool = True) -> Path:
    """The local directory of a model given as a directory or a hub name.

    A hub name is looked up in the hub cache first (no network). When it is missing there and the hub
    is allowed (``HF_HUB_OFFLINE`` unset) and ``download`` is true, the files are downloaded: config,
    tokenizer and safetensors weights, or ``pytorch_model.bin`` only for a repository without safetensors.
    Every failure is a ``ModelUnavailable`` whose one line says what to do.
    """
    path = Path(name).expanduser()
    if path.is_dir():
        return _check_dir(path, name)
    if path.exists() or _looks_like_path(name):
        raise ModelUnavailable(f"model directory {name} does not exist; pass --model DIR with a model directory, or a hub name")

    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError, LocalEntryNotFoundError

    _quiet_hub()
    incomplete: ModelUnavailable | None = None
    try:
        local = Path(
            snapshot_download(name, revision=revision, allow_patterns=TOKENIZER_AND_CONFIG + SAFETENSORS + PYTORCH_BIN, local_files_only=True)
        )
        return _check_dir(local, name)
    except HFValidationError as exc:
        raise ModelUnavailable(f"{name!r} is neither a model directory nor a valid hub model name") from exc
    except ModelUnavailable as exc:  # a partial download in the cache: complete it when the hub is allowed
        incomplete = exc
    except (LocalEntryNotFoundError, FileNotFoundError, OSError):
        pass
    if _offline() or not download:
        if incomplete is not None:
            raise incomplete
        raise ModelUnavailable(f"model {name} is not in the local cache and the hub is offline (HF_HUB_OFFLINE); {_hint(name)}")
    return download_snapshot(name, revision=revision)


def download_snapshot(name: str, revision: str | None = None) -> Path:
    """Download (or update) a hub model's files into the hub cache and return the snapshot directory."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import (
        GatedRepoError,
        HFValidationError,
        LocalEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    _quiet_hub()
    try:
        # Safetensors when the repository has them (no pickle); PyTorch weights only when it has none.
        local = Path(snapshot_download(name, revision=revision, allow_patterns=TOKENIZER_AND_CONFIG + SAFETENSORS))
        if not has_safetensors(local):
            local = Path(snapshot_download(name, revision=revision, allow_patterns=TOKENIZER_AND_CONFIG + PYTORCH_BIN))
    except HFValidationError as exc:
        raise ModelUnavailable(f"{name!r} is neither a model directory nor a valid hub model name") from exc
    except GatedRepoError as exc:
        raise ModelUnavailable(f"model {name} is gated on the hub; accept its licence and log in with `hf auth login`") from exc
    except RepositoryNotFoundError as exc:
        raise ModelUnavailable(f"there is no model {name} on the hub; check the name or pass --model DIR") from exc
    except RevisionNotFoundError as exc:
        raise ModelUnavailable(f"model {name} has no revision {revision}") from exc
    except LocalEntryNotFoundError as exc:
        raise ModelUnavailable(f"model {name} is not in the local cache and the hub is unreachable; {_hint(name)}") from exc
    except Exception as exc:  # network stacks raise their own types (httpx, OSError); all mean the same here
        raise ModelUnavailable(
            f"model {name} is not in the local cache and the hub is unreachable ({type(exc).__name__}); {_hint(name)}"
        ) from exc
    return _check_dir(local, name)


def _quiet_hub() -> None:
    from huggingface_hub.utils import disable_progress_bars

    disable_progress_bars()


def snapshot_revision(model_dir: Path) -> str | None:
    """The commit of a hub-cache snapshot (``…/snapshots/<commit>``), or None for any other directory."""
    model_dir = Path(model_dir)
    if model_dir.parent.name == "snapshots" and len(model_dir.name) == 40:
        return model_dir.name
    return None


def model_fingerprint(model_dir: Path) -> str:
    """A short hash that changes when the model's files change; used in cache keys.

    Small files (config, vocabularies, SentencePiece models) are hashed whole; weight files by name,
    size and their first and last MiB. Modification times are left out, so a copied directory keeps
    its fingerprint; a weight file edited only in its middle keeps it too.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(model_dir).iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        size = path.stat().st_size
        digest.update(f"{path.name}\0{size}\0".encode())
        with path.open("rb") as handle:
            if size <= SMALL_FILE:
                digest.update(handle.read())
            else:
                digest.update(handle.read(EDGE))
                handle.seek(size - EDGE)
                digest.update(handle.read(EDGE))
    return digest.hexdigest()[:16]
