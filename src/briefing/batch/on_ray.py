"""A batch on a Ray cluster (``run --ray``): the same steps as ``batch.run_batch``, spread out.

Ray Data runs them as a dataset of articles: each is read, keyed and prepared by a task (one CPU);
translation runs in an actor pool, one translator per actor loaded once, with ``--threads`` CPUs (or
one GPU with ``--device cuda``) each; review, briefing and writing are tasks again, and write
``NAME.md``/``NAME.json`` straight into the output folder, which must therefore be a path every
machine shares. The driver only lists the articles, draws the progress bar as articles come back,
runs the cross-article check and writes the index. Ray is an optional extra, imported here only.

Rows carry the records pickled (``Result`` and ``ArticleOutcome`` are frozen dataclasses), so Arrow
never has to guess a schema for them. An error that would stop every article (the model missing)
comes back as a row's ``fatal`` and stops the batch with its one line, as it does without Ray.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path
from typing import Sequence

from briefing.batch.run import (FATAL, collect, finish, group_stories, load, run_key, translator_key, with_grouped,
                                write_index)
from briefing.batch.records import FAILED, ArticleOutcome, BatchInput, BatchReport
from briefing.errors import BackendMissing, BriefingError
from briefing.model import Glossary

log = logging.getLogger("briefing")

LOCAL = "local"  # ``--ray`` without an address: start a Ray on this machine for this batch

#: Environment the workers need to find what the driver finds (caches, offline mode), passed on
#: when the driver has them set.
PASSED_ENV = ("BRIEFING_CACHE_DIR", "BRIEFING_DEBUG", "HF_HOME", "HF_HUB_CACHE", "HF_HUB_OFFLINE")


def import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise BackendMissing('--ray needs the Ray extra; run: pip install -e ".[ray]"') from None
    for name in ("ray", "ray.data", "ray.train", "ray.tune"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return ray


def check_address(address: str) -> str:
    """``--ray`` takes an optional value, so ``--ray DIR/`` would read the folder as the address."""
    import re

    if address in (LOCAL, "auto") or re.fullmatch(r"(ray://)?[\w.\-]+:\d+", address):
        return address
    raise BriefingError(f"--ray {address}: not a Ray address (auto, HOST:PORT or ray://HOST:PORT); "
                        "put --ray after the articles, or write --ray=ADDRESS")


def start_ray(ray, address: str, num_cpus: int | None = None) -> bool:
    """Connect to ``address`` or start a local Ray; True when this call started it (and must stop it)."""
    if ray.is_initialized():
        return False
    env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
    kwargs = dict(log_to_driver=False, logging_level=logging.ERROR, runtime_env={"env_vars": env})
    try:
        if address == LOCAL:
            ray.init(num_cpus=num_cpus or os.cpu_count(), include_dashboard=False, **kwargs)
        else:
            ray.init(address=address, **kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise BriefingError(f"cannot reach the Ray cluster at {address} ({str(exc).splitlines()[0][:160]}); "
                            "check the address, or run without --ray") from None
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    return True


def plan(resources: dict, device: str, threads: int | None, actors: int | None) -> tuple[int, int, int]:
    """(actors, CPU threads per actor, GPUs per actor) from what the cluster has.

    On CPUs each actor reserves ``threads`` CPUs, and the pool fills the cluster: by default 4 threads
    (CTranslate2 gains little past 4 intra-op threads on batches this size) or fewer on a smaller
    cluster, or the cluster's CPUs shared among ``actors`` when only that is given. With ``--device
    cuda`` each actor gets one GPU (and one CPU thread). An actor asking for more CPUs than the cluster
    has would wait for ever, so that is one line instead.
    """
    cpus = max(1, int(resources.get("CPU", 1)))
    gpus = int(resources.get("GPU", 0))
    if device == "cuda":
        if not gpus:
            raise BriefingError("--device cuda was requested but the Ray cluster has no GPU; use --device cpu or auto")
        return actors or gpus, threads or 1, 1
    if threads and threads > cpus:
        raise BriefingError(f"--threads {threads} is more than the {cpus} CPUs of the Ray cluster; pass --threads {cpus} or less")
    if threads is None:
        threads = max(1, cpus // actors) if actors else min(4, cpus)
    return actors or max(1, cpus // threads), threads, 0


def run_batch_on_ray(
    inputs: Sequence[BatchInput],
    outdir: Path,
    glossary: Glossary,
    model_args: dict,
    *,
    address: str = LOCAL,
    actors: int | None = None,
    fix: bool = True,
    bullets: int | None = None,
    progress=None,
    num_cpus: int | None = None,
    same_story: float | None = None,
) -> BatchReport:
    """``run_batch`` on Ray; ``model_args`` are ``run``'s model options (``make_translator``'s)."""
    from briefing.backends import TranslatorOptions, build_translator

    address = check_address(address)
    ray = import_ray()
    options = TranslatorOptions(model=model_args["model"], revision=model_args.get("revision"),
                                device=model_args.get("device", "auto"),
                                beams=model_args.get("beams", 4), compute_type=model_args.get("compute_type"),
                                threads=model_args.get("threads"),
                                fixed_output_length=model_args.get("fixed_output_length"))  # benchmarks only
    backend, cache = model_args.get("backend", "auto"), not model_args.get("no_cache", False)
    # The driver builds the translator only to key the articles: this resolves the model, loads nothing.
    probe = build_translator(backend, options, cache=False)
    base = run_key(translator_key(probe), glossary, fix=fix, bullets=bullets)
    grouped = group_stories(inputs, glossary, same_story) if same_story is not None else {}
    briefed = [item for n, item in enumerate(inputs) if n not in grouped]
    started = start_ray(ray, address, num_cpus)
    try:
        device = "cuda" if options.device == "cuda" or (options.device == "auto" and ray.cluster_resources().get("GPU")) else "cpu"
        pool, threads, gpus = plan(ray.cluster_resources(), device, options.threads, actors)
        from dataclasses import replace

        options = replace(options, threads=threads, device=device)
        outcomes = _run(ray, briefed, outdir, glossary, base, backend, options, cache, pool, threads, gpus,
                        fix, bullets, progress)
    finally:
        if started:
            ray.shutdown()
    outcomes = with_grouped(len(inputs), grouped, outcomes)
    return write_index(outdir, collect(outcomes, glossary, probe.model, probe.name, same_story=same_story))


def _run(ray, inputs, outdir, glossary, base, backend, options, cache, pool, threads, gpus, fix, bullets,
         progress) -> list[ArticleOutcome]:
    # a path travels as bytes: Arrow holds only valid UTF-8, and a file name may not be (#22)
    items = [{"n": n, "path": os.fsencode(item.path), "name": item.name, "note": item.note or "",
              "source": pickle.dumps(item.source) if item.source is not None else b""}
             for n, item in enumerate(inputs)]
    ds = ray.data.from_items(items, override_num_blocks=max(1, min(len(items), 256)))
    prepared = ds.map(_prepare_task(base, str(outdir), glossary), num_cpus=1).materialize()
    if progress is not None:
        progress.start(int(prepared.sum("segments") or 0))
    translated = prepared.map_batches(
        _translator_actor(backend, options, cache), batch_size=1, batch_format="pandas",
        compute=ray.data.ActorPoolStrategy(size=pool), num_cpus=threads, num_gpus=gpus or None,
        **_no_restarts(ray),
    )
    # Review and writing reserve no CPU, so that they run beside actors that hold every CPU; as many
    # at a time as there are actors, since articles arrive at the actors' pace (each worker process
    # loads kiwipiepy once, ~300 MB, and unbounded zero-CPU tasks would start one per article).
    finished = translated.map(_finish_task(str(outdir), fix, bullets), num_cpus=0, **_bounded(ray, pool))
    outcomes: list[ArticleOutcome | None] = [None] * len(inputs)
    for row in finished.iter_rows():
        if row["fatal"]:
            raise BriefingError(row["fatal"])
        outcome = pickle.loads(row["outcome"])
        outcomes[row["n"]] = outcome
        if outcome.status == FAILED:  # logged by the worker, where no one sees it
            from briefing.batch.run import failed

            failed(BatchInput(outcome.source, outcome.name, outcome.name_note), outcome.reason or "")
        if progress is not None:
            progress.advance(int(row["segments"]))
    return [o for o in outcomes if o is not None]


def _prepare_task(base: str, outdir: str, glossary: Glossary):
    """Read, key and prepare one article (a task); a skipped or failed one carries its outcome."""

    def prepare_row(row: dict) -> dict:
        item = BatchInput(os.fsdecode(row["path"]), row["name"], row["note"] or None,
                          pickle.loads(row["source"]) if row["source"] else None)
        try:
            outcome, result, key = load(item, base, Path(outdir), glossary)
        except FATAL as exc:
            return {**row, "source": b"", "key": "", "segments": 0, "result": b"", "outcome": b"",
                    "fatal": exc.message}
        return {**row, "source": b"", "key": key, "segments": len(result.segments) if result else 0,
                "result": pickle.dumps(result) if result else b"",
                "outcome": pickle.dumps(outcome) if outcome else b"", "fatal": ""}

    return prepare_row


def _translator_actor(backend: str, options, cache: bool):
    """The actor class: one translator per actor, built once; the options travel inside the class,
    so that no constructor argument waits in the object store."""

    class TranslateArticles:
        def __init__(self):
            from briefing.backends import build_translator

            self.error = ""
            try:
                self.translator = build_translator(backend, options, cache=cache)
            except BriefingError as exc:
                self.error = exc.message

        def __call__(self, batch):
            from briefing.pipeline import translate

            results, fatal, outcomes = [], [], []
            for row in batch.itertuples(index=False):
                blob, error, outcome = row.result, row.fatal or self.error, row.outcome
                if blob and not error:
                    result = pickle.loads(blob)
                    try:
                        blob = pickle.dumps(translate(result, self.translator))
                    except FATAL as exc:
                        error = exc.message
                    except Exception as exc:  # noqa: BLE001 - one article's failure is its own
                        from briefing.errors import internal_error

                        message = exc.message if isinstance(exc, BriefingError) else internal_error(exc)
                        outcome = pickle.dumps(ArticleOutcome(row.name, os.fsdecode(row.path), FAILED,
                                                              reason=message, name_note=row.note or None))
                        blob = b""
                results.append(blob)
                fatal.append(error)
                outcomes.append(outcome)
            batch["result"], batch["fatal"], batch["outcome"] = results, fatal, outcomes
            return batch

    return TranslateArticles


def _finish_task(outdir: str, fix: bool, bullets: int | None):
    """Review, brief and write one translated article (a task)."""

    def finish_row(row: dict) -> dict:
        if row["result"] and not row["fatal"]:
            item = BatchInput(os.fsdecode(row["path"]), row["name"], row["note"] or None)
            try:
                outcome = finish(item, pickle.loads(row["result"]), row["key"], Path(outdir), fix=fix, bullets=bullets)
            except FATAL as exc:
                return {**row, "result": b"", "fatal": exc.message}
            row = {**row, "outcome": pickle.dumps(outcome)}
        return {**row, "result": b""}

    return finish_row


def _bounded(ray, size: int) -> dict:
    """At most ``size`` tasks at a time: ``TaskPoolStrategy`` where this Ray has it, else ``concurrency``."""
    strategy = getattr(ray.data, "TaskPoolStrategy", None)
    return {"compute": strategy(size=size)} if strategy else {"concurrency": size}


def _no_restarts(ray) -> dict:
    """``max_restarts=0`` for the actors where this Ray takes it: a lost actor then fails the batch,
    which a rerun resumes, and Ray does not print its warning about restarting an actor whose
    arguments sit in the object store (ray#53727) to the user's stderr. Ray 2.51+ calls the way it is
    passed deprecated, and stops taking it in 2.64; from then on the actors restart as Ray's default."""
    import inspect
    import warnings

    parameters = inspect.signature(ray.data.Dataset.map_batches).parameters
    if "max_restarts" in parameters:
        return {"max_restarts": 0}
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        warnings.filterwarnings("ignore", message=r".*ray_remote_args.*deprecated", module=__name__)
        warnings.filterwarnings("ignore", message=r".*ray_remote_args.*deprecated")
        return {"max_restarts": 0}
    return {}
