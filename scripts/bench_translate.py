"""Time briefing's translation path against naive transformers and raw CTranslate2, in one run.

The model has the exact shape of the default model (Helsinki-NLP/opus-mt-tc-big-ko-en: transformer-big,
6+6 layers, d_model 1024, 16 heads, FFN 4096, a 50,000-piece joint vocabulary) with random weights,
saved in the real on-disk format by ``briefing.backends.tiny_model``, so loading and conversion take
the real code paths. Random weights stop at random points, so every variant decodes exactly
``--output-tokens`` pieces per sentence (transformers: min_new_tokens == max_new_tokens; CTranslate2:
min_decoding_length == max_decoding_length; briefing: ``TranslatorOptions.fixed_output_length``).

Variants, all beam 4 on the sentences of the seed article:
  naive       transformers float32, one sentence at a time
  briefing    the default path through the library: get_translator("auto") → CTranslate2 int8, no
              cache; run in a child process, whose peak RSS (ru_maxrss of that child, from wait4) is
              reported; the model build and conversion run in another child so that this one
              starts from a small parent
  raw         ctranslate2 translate_batch on the same converted model, same options, pre-tokenized
  cached      the default path again with a warm translation cache (construction included)

Whole processes, each a new process started from this one, the median of ``--repeats`` runs after one
untimed round, its peak RSS from wait4 (the converted model cached, the translation cache off, every
module run from bytecode kept in the workdir):
  briefing run   ``python -m briefing run SEED --model DIR --no-cache -q -o OUT``, as a user runs it
                 (``BRIEFING_BENCH_OUTPUT_LENGTH`` makes it decode the same fixed length)
  minimal        a script that imports ctranslate2 and sentencepiece, loads the same converted model,
                 cuts the same segments (those ``briefing run`` translates) into pieces, calls
                 ``translate_batch`` once with the same options and joins the output pieces
  minimal with analyser
                 the minimal script, which also loads kiwipiepy's analyser as briefing loads it in a
                 forked child while the model loads and splits the segments there, translating once the
                 child is done: the least any tool must wait that reads the Korean before translating
  inspect        ``python -m briefing inspect SEED`` against a process that only loads kiwipiepy's
                 analyser as briefing loads it (without the typo and multi-word dictionaries) and one
                 analysis (the model loads on the first one); ``Kiwi()``'s default load is timed beside it
They run first, while this process is still small: on Linux a child's peak RSS starts from its
parent's at the fork.

    python scripts/bench_translate.py [--sentences N] [--output-tokens 40] [--workdir DIR] [--json]
                                      [--repeats 3] [--no-naive]

The model build (~1 GB of float16 weights written) and the int8 conversion are done once per
``--workdir`` and timed separately.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from evaluation import paths

SEED = paths.SEEDS / "sejong-japan-visit-heavy-ion-quantum.txt"


def seed_sentences() -> list[str]:
    """Story lines of the seed article split after sentence-final punctuation (a regex, not kiwipiepy:
    the benchmark times translation, not splitting)."""
    out = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("- ", "Copyright")):
            continue
        out.extend(s for s in re.split(r"(?<=[.!?])\s+", line) if s.strip())
    return out


def child(args) -> None:
    """The briefing variant, run in a fresh process so its peak RSS is its own."""
    from briefing.backends import TranslatorOptions, get_translator

    sentences = json.loads(Path(args.child).read_text(encoding="utf-8"))
    options = TranslatorOptions(model=args.model_dir, beams=args.beams, fixed_output_length=args.output_tokens)
    start = time.perf_counter()
    translator = get_translator("auto", options)
    translator.max_source_tokens()  # load the tokenizer and model outside the timed translation
    getattr(translator, "translator", None)
    load = time.perf_counter() - start
    start = time.perf_counter()
    out = translator.translate(sentences)
    seconds = time.perf_counter() - start
    assert len(out) == len(sentences) and all(t.en for t in out)
    print(json.dumps({"backend": translator.name, "load_s": load, "translate_s": seconds}))


def prepare(model_dir: Path) -> None:
    """Build the model (if missing) and convert it to int8 (if not cached), with the first-load checks."""
    from briefing.backends import TranslatorOptions
    from briefing.backends.ct2 import CT2Translator

    if not (model_dir / "model.safetensors").is_file():
        from briefing.backends.tiny_model import BIG_SHAPE, build_tiny_marian

        build_tiny_marian(model_dir, **BIG_SHAPE)
    CT2Translator(TranslatorOptions(model=str(model_dir))).translator


# The minimal script in its parts: the variant with the analyser puts its fork and its wait between them.
_MINIMAL_INPUTS = """
import json, os, sys
import ctranslate2, sentencepiece
model, converted, segments, beams, length, threads = sys.argv[1:7]
texts = json.load(open(segments, encoding="utf-8"))
"""
_MINIMAL_LOAD = """
sp = sentencepiece.SentencePieceProcessor(model_file=model + "/source.spm")
tp = sentencepiece.SentencePieceProcessor(model_file=model + "/target.spm")
translator = ctranslate2.Translator(converted, device="cpu", compute_type="int8", intra_threads=int(threads))
"""
_MINIMAL_TRANSLATE = """
pieces = [sp.encode(t, out_type=str) + ["</s>"] for t in texts]
L = int(length)
results = translator.translate_batch(pieces, beam_size=int(beams), max_batch_size=2048, batch_type="tokens",
                                     min_decoding_length=L, max_decoding_length=L, max_input_length=0)
out = [tp.decode_pieces(r.hypotheses[0]) for r in results]
print(len(out))
"""
MINIMAL = _MINIMAL_INPUTS + _MINIMAL_LOAD + _MINIMAL_TRANSLATE

# The least any tool must wait that reads the Korean with kiwipiepy before it translates: the minimal script,
# with the analyser loaded as briefing loads it (and the segments split, a few ms) in a forked child while
# the model loads, the translation starting once the child is done.
_ANALYSER_FORKED = """
done, told = os.pipe()
child = os.fork()
if child == 0:
    from kiwipiepy import Kiwi
    Kiwi(load_typo_dict=False, load_multi_dict=False).split_into_sents(texts)
    os.write(told, b"1")
    os._exit(0)
"""
_ANALYSER_AWAITED = """
os.read(done, 1)
os.waitpid(child, 0)
"""
MINIMAL_WITH_ANALYSER = _MINIMAL_INPUTS + _ANALYSER_FORKED + _MINIMAL_LOAD + _ANALYSER_AWAITED + _MINIMAL_TRANSLATE


def segments_of_seed(path: Path) -> None:
    """The Korean of every segment ``briefing run`` translates on the seed article, as JSON."""
    from briefing import pipeline
    from briefing.glossary import load_glossaries
    from briefing.reader.source import load_source

    result = pipeline.prepare(load_source(str(SEED)), load_glossaries(None))
    path.write_text(json.dumps([s.ko for s in result.segments if s.ko.strip()], ensure_ascii=False), encoding="utf-8")


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one new process."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            errors.seek(0)
            sys.exit(f"{' '.join(cmd[:4])} … failed: {errors.read().decode(errors='replace')[-500:]}")
    return seconds, usage.ru_maxrss / 1024


def whole_process(work: Path, model_dir: Path, converted: Path, L: int, beams: int, repeats: int, report) -> dict:
    """``briefing run`` and ``briefing inspect`` as new processes against their minimal counterparts."""
    import statistics

    from briefing.backends.common import default_threads

    env = dict(os.environ, BRIEFING_BENCH_OUTPUT_LENGTH=str(L), PYTHONPATH=str(paths.REPO / "src"))
    # Every process runs from bytecode, as an installed package does (pip compiles it at install): with
    # PYTHONDONTWRITEBYTECODE set (some shells and CI images set it) briefing's ~80 modules, run from a
    # checkout, would be compiled from source in every timed run while the minimal script's libraries
    # were not. The bytecode goes to the workdir, not the checkout; an untimed first round writes it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    segments = work / "segments.json"
    subprocess.run([sys.executable, __file__, "--segments", str(segments)], check=True, env=env)
    out = work / "brief.md"
    variants = {
        "briefing_run": [sys.executable, "-m", "briefing", "run", str(SEED), "--model", str(model_dir), "--beams",
                         str(beams), "--no-cache", "-q", "-o", str(out)],
        "minimal_ct2": [sys.executable, "-c", MINIMAL, str(model_dir), str(converted), str(segments), str(beams),
                        str(L), str(default_threads())],
        "minimal_with_analyser": [sys.executable, "-c", MINIMAL_WITH_ANALYSER, str(model_dir), str(converted),
                                  str(segments), str(beams), str(L), str(default_threads())],
        "briefing_inspect": [sys.executable, "-m", "briefing", "inspect", str(SEED), "-o", str(work / "inspect.txt")],
        # kiwipiepy 0.24 builds its analyser lazily: Kiwi() returns quickly and the first analysis loads
        # the model, so the analyser's own load time is both together.
        "kiwi_load": [sys.executable, "-c", "from kiwipiepy import Kiwi; Kiwi().tokenize('가')"],
        # the analyser as briefing loads it (its own options), which inspect is measured against
        "kiwi_lean": [sys.executable, "-c", "from briefing.sentences import analyzer; analyzer().tokenize('가')"],
    }
    for cmd in variants.values():  # the untimed round: bytecode written, files in the page cache
        timed(cmd, env)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(repeats):  # interleaved, so that a busy moment of a shared machine hits every variant
        for name, cmd in variants.items():
            runs[name].append(timed(cmd, env))
    figures = {}
    for name, values in runs.items():
        figures[f"{name}_s"] = round(statistics.median(s for s, _ in values), 3)
        figures[f"{name}_rss_mb"] = round(max(m for _, m in values), 1)
        report(f"{name}: {figures[name + '_s']:.2f}s (median of {repeats}), peak RSS {figures[name + '_rss_mb']:.0f} MB")
    figures["segments"] = len(json.loads(segments.read_text(encoding="utf-8")))
    figures["run_vs_minimal"] = round(figures["briefing_run_s"] / figures["minimal_ct2_s"] - 1, 4)
    figures["run_vs_minimal_with_analyser"] = round(
        figures["briefing_run_s"] / figures["minimal_with_analyser_s"] - 1, 4)
    figures["inspect_minus_kiwi_s"] = round(figures["briefing_inspect_s"] - figures["kiwi_lean_s"], 3)
    return figures


def naive(model_dir: Path, sentences: list[str], beams: int, L: int) -> float:
    """transformers float32, one sentence at a time: what the speed-up is measured against."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    pad = tokenizer.pad_token_id
    start = time.perf_counter()
    with torch.inference_mode():
        for sentence in sentences:
            model.generate(**tokenizer(sentence, return_tensors="pt"), num_beams=beams, min_new_tokens=L,
                           max_new_tokens=L, max_length=None, bad_words_ids=[[pad]])
    naive_s = time.perf_counter() - start
    return naive_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=0, help="first N sentences (default: all)")
    parser.add_argument("--output-tokens", type=int, default=40, help="pieces decoded per sentence (fixed)")
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--workdir", help="keeps the built model and conversion between runs")
    parser.add_argument("--json", action="store_true", help="print one JSON line at the end")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each whole process (the median counts)")
    parser.add_argument("--no-naive", action="store_true", help="skip the slow naive transformers variant")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--segments", help=argparse.SUPPRESS)
    parser.add_argument("--model-dir", help=argparse.SUPPRESS)
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if args.prepare:
        return prepare(Path(args.prepare))
    if args.segments:
        return segments_of_seed(Path(args.segments))

    work = Path(args.workdir or tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["BRIEFING_CACHE_DIR"] = str(work / "cache")
    sentences = seed_sentences()
    if args.sentences:
        sentences = sentences[: args.sentences]
    L, beams = args.output_tokens, args.beams
    report = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731

    # 0. The model in the real format and its int8 conversion, once per workdir, in a child process:
    # this process stays small, so the briefing child below does not inherit its pages.
    model_dir = work / "opus-mt-tc-big-shape"
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--prepare", str(model_dir)], check=True, env=dict(os.environ))
    prepare_s = time.perf_counter() - start
    report(f"model and conversion ready in {prepare_s:.1f}s: {model_dir}")

    # 1. whole processes first, while this process is small (a child's peak RSS starts from its parent's).
    from briefing.backends.ct2 import conversion_dir

    converted = conversion_dir(model_dir, str(model_dir), "int8")
    whole = whole_process(work, model_dir, converted, L, beams, args.repeats, report)

    # 2. briefing, in a child process; its own rusage (wait4) gives its peak RSS.
    sentences_file = work / "sentences.json"
    sentences_file.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    cmd = [sys.executable, __file__, "--child", str(sentences_file), "--model-dir", str(model_dir),
           "--beams", str(beams), "--output-tokens", str(L)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"the briefing child failed with exit code {proc.returncode}")
    briefing = json.loads(stdout.strip().splitlines()[-1])
    peak_rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
    briefing_s = briefing["translate_s"]
    report(f"briefing ({briefing['backend']}): {briefing_s:.2f}s, load {briefing['load_s']:.1f}s, peak RSS {peak_rss_mb:.0f} MB")

    from briefing.backends import TranslatorOptions
    from briefing.backends.common import default_threads
    from briefing.backends.ct2 import CT2Translator, is_complete
    from briefing.backends.cache import CachedTranslator, TranslationCache

    assert is_complete(converted), converted

    # 3. raw CTranslate2: same converted model, same options, pre-tokenized, one call.
    import ctranslate2

    options = TranslatorOptions(model=str(model_dir), beams=beams, fixed_output_length=L)
    ours = CT2Translator(options)
    tokens = [ours._encode(s) for s in sentences]
    raw = ctranslate2.Translator(str(converted), device="cpu", compute_type="int8", intra_threads=default_threads(), inter_threads=1)
    start = time.perf_counter()
    raw.translate_batch(tokens, max_batch_size=options.batch_tokens, batch_type="tokens", beam_size=beams,
                        min_decoding_length=L, max_decoding_length=L, max_input_length=0)
    raw_s = time.perf_counter() - start
    del raw
    report(f"raw ctranslate2: {raw_s:.2f}s")

    # 4. cached: fill the cache once, then a fresh translator answers from it.
    cache = TranslationCache(work / "cache" / "translations.sqlite3")
    cache.clear()
    CachedTranslator(ours, cache).translate(sentences)
    del ours
    start = time.perf_counter()
    warm = CachedTranslator(CT2Translator(options), TranslationCache(cache.path))
    out = warm.translate(sentences)
    cached_s = time.perf_counter() - start
    assert warm.misses == 0 and len(out) == len(sentences)
    report(f"cached rerun: {cached_s:.4f}s")

    # 1. naive transformers, float32, one sentence at a time (slowest, so last).
    naive_s = float("nan")
    if not args.no_naive:
        naive_s = naive(model_dir, sentences, beams, L)
        report(f"naive transformers: {naive_s:.2f}s")

    numbers = {
        "model_shape": "transformer-big 6+6 d1024 h16 ffn4096 vocab50000 (random weights)",
        "sentences": len(sentences),
        "naive_transformers_s": round(naive_s, 3),
        "briefing_s": round(briefing_s, 3),
        "raw_ctranslate2_s": round(raw_s, 3),
        "cached_rerun_s": round(cached_s, 4),
        "speedup_vs_naive": round(naive_s / briefing_s, 2),
        "overhead_vs_raw": round(briefing_s / raw_s - 1, 4),
        "peak_rss_mb": round(peak_rss_mb, 1),
        **whole,
    }
    rows = [
        ("naive transformers fp32, 1 by 1", naive_s),
        ("briefing (auto → ctranslate2 int8)", briefing_s),
        ("raw ctranslate2 translate_batch", raw_s),
        ("briefing, warm cache", cached_s),
    ]
    print(f"{len(sentences)} sentences, beam {beams}, {L} output pieces each, {default_threads()} threads")
    print(f"{'variant':40} {'seconds':>10} {'vs naive':>9}")
    for label, seconds in rows:
        print(f"{label:40} {seconds:10.3f} {naive_s / seconds:8.1f}x")
    print(f"overhead vs raw: {numbers['overhead_vs_raw']:+.1%}; peak RSS (briefing child): {peak_rss_mb:.0f} MB; "
          f"cached vs uncached: {briefing_s / cached_s:.0f}x; build and conversion {prepare_s:.0f}s")
    print(f"whole processes ({whole['segments']} segments; median of {args.repeats}):")
    print(f"{'process':40} {'seconds':>10} {'peak RSS MB':>12}")
    for label, key in (("briefing run (cached conversion)", "briefing_run"), ("minimal ctranslate2 script", "minimal_ct2"),
                       ("minimal script with the analyser", "minimal_with_analyser"), ("briefing inspect", "briefing_inspect"), ("kiwipiepy Kiwi() alone", "kiwi_load"),
                       ("the analyser as briefing loads it", "kiwi_lean")):
        print(f"{label:40} {whole[key + '_s']:10.3f} {whole[key + '_rss_mb']:12.0f}")
    print(f"run vs minimal: {whole['run_vs_minimal']:+.1%} (goal <= +10%); run peak RSS {whole['briefing_run_rss_mb']:.0f} MB "
          f"(goal <= 900); inspect - its analyser: {whole['inspect_minus_kiwi_s']:+.2f}s (goal <= 0.5)")
    print(f"run vs the minimal script with the analyser: {whole['run_vs_minimal_with_analyser']:+.1%}")
    from evaluation import signature  # here: the timed children import no more than they need

    signed_by = signature.signature()
    print(signature.line(signed_by))
    if args.json:
        print(json.dumps({**numbers, "signature": signed_by}))


if __name__ == "__main__":
    main()
