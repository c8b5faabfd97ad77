"""Throughput of many articles, in sentences per second, four ways, in one run (#11).

The model has the default model's shape with random weights, built and converted as
``scripts/bench_translate.py`` builds it (``--workdir`` keeps both between runs). The articles are
``--articles`` short real-shaped Korean news stories generated below (a headline and
``--sentences`` story sentences each, from templates: no real text is copied). Every variant is a
``briefing`` run in a child process, timed from start to exit (model loading, Ray's start-up and
writing included, as a user waits for them), with the translation cache off, so every variant
translates every segment. Random weights stop at random points (and loop, which triggers the retry),
so, as in ``bench_translate.py``, every segment decodes exactly ``--output-tokens`` pieces; that
option exists only in the library, so each child runs the library calls that the command runs:

  per-article   what ``briefing run ARTICLE -o NAME.md`` does, once per article in a fresh process:
                imports, glossary, translator, the model loaded each time
  batch         what ``briefing run DIR/ -o OUT/`` does: one process, one model (``batch.run_batch``)
  ray-1, ray-2  ``briefing run DIR/ -o OUT/ --ray --ray-actors N --threads T`` on a local Ray
                (``ray_batch.run_batch_on_ray``), the machine's cores split between the actors

Memory: the peak RSS of each child (``wait4``); for the Ray variants, the peak RSS of each translator
actor, sampled from /proc every 0.2 s (the actors' process title names their class).

    python scripts/bench_batch.py [--articles 40] [--sentences 4] [--output-tokens 40] [--workdir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from evaluation import paths


CITIES = ["세종시", "대전시", "부산시", "광주시", "울산시", "청주시", "전주시", "춘천시", "포항시", "창원시"]
TOPICS = [
    ("양자컴퓨팅 연구소", "양자컴퓨터 개발 현황을 점검하고 연구 인력을 확충하기로 했다"),
    ("중입자치료센터", "암 환자 치료를 위한 중입자가속기 도입을 추진하기로 했다"),
    ("스마트시티 실증단지", "자율주행 셔틀과 로봇 순찰을 시범 운영하기로 했다"),
    ("수소 산업 클러스터", "재생에너지를 수소로 전환하는 설비를 갖추기로 했다"),
]
PEOPLE = ["김민준", "이서연", "박지훈", "최유진", "정하늘"]


def make_articles(folder: Path, count: int, sentences: int) -> int:
    """Write ``count`` articles; returns how many segments (headline plus sentences) they hold."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        city, (topic, plan), person = CITIES[n % len(CITIES)], TOPICS[n % len(TOPICS)], PEOPLE[n % len(PEOPLE)]
        lines = [f"{city}, {topic} 조성에 {n + 3}00억 원 투입", ""]
        body = [
            f"{city}는 {n % 28 + 1}일 시청에서 기자회견을 열고 {topic} 조성 계획을 발표했다.",
            f"{person} 시장은 \"{topic}를 통해 지역 경제에 새로운 활력을 불어넣겠다\"고 말했다.",
            f"시는 2030년까지 총 {n + 3}00억 원을 들여 {plan}.",
            f"이번 사업에는 지역 대학과 기업 {n % 9 + 2}곳이 참여한다.",
            "시 관계자는 \"주민 의견을 충분히 듣고 일정을 확정하겠다\"고 설명했다.",
            f"전문가들은 {topic}가 일자리 {n % 7 + 1}천 개를 만들 것으로 내다봤다.",
        ]
        for k in range(sentences):
            lines += [body[k % len(body)], ""]
        lines.append(f"{person} 기자 reporter{n}@example.co.kr")
        (folder / f"article-{n + 1:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count * (sentences + 1)


def timed(cmd: list[str], env: dict, watch: str | None = None) -> tuple[float, float, float]:
    """(seconds, the child's peak RSS in MB, the peak RSS in MB of processes titled ``watch``)."""
    peaks: dict[int, int] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.2):
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    title = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
                    if watch not in title:
                        continue
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            peaks[int(pid)] = max(peaks.get(int(pid), 0), int(line.split()[1]))
                except OSError:
                    continue

    sampler = threading.Thread(target=sample, daemon=True) if watch else None
    if sampler:
        sampler.start()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stop.set()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd[:6])}… failed with exit code {code}: {proc.stderr.read()[-2000:]}")
    actor_mb = max(peaks.values()) / 1024 if peaks else 0.0
    return seconds, usage.ru_maxrss / 1024, actor_mb


def child(mode: str, src: str, out: str, model: str, tokens: int, actors: int, threads: int) -> None:
    """One variant's work in this (fresh) process: what the ``briefing run`` command calls."""
    from briefing.backends import TranslatorOptions, build_translator
    from briefing.batch.inputs import expand_inputs
    from briefing.glossary import load_glossaries

    glossary = load_glossaries(None)
    if mode == "ray":
        from briefing.batch.on_ray import run_batch_on_ray

        model_args = {"model": model, "backend": "auto", "no_cache": True, "threads": threads,
                      "fixed_output_length": tokens}
        run_batch_on_ray(expand_inputs([src]), Path(out), glossary, model_args, actors=actors)
        return
    translator = build_translator("auto", TranslatorOptions(model=model, fixed_output_length=tokens), cache=False)
    if mode == "batch":
        from briefing.batch.run import run_batch

        run_batch(expand_inputs([src]), Path(out), glossary, translator)
        return
    from briefing.formats import render
    from briefing.files import write_file
    from briefing.pipeline import run_article
    from briefing.reader.source import load_source

    write_file(out, render(run_article(load_source(src), glossary, translator), "markdown"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--sentences", type=int, default=4, help="story sentences per article")
    parser.add_argument("--workdir", help="keeps the built model and its conversion between runs")
    parser.add_argument("--skip", default="", help="comma-separated variants to leave out (per-article,batch,ray-1,ray-2)")
    parser.add_argument("--output-tokens", type=int, default=40, help="pieces decoded per segment (fixed)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, src, out, model, actors, threads = args.child
        return child(mode, src, out, model, args.output_tokens, int(actors), int(threads))

    work = Path(args.workdir or tempfile.mkdtemp(prefix="briefing-bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(work / "cache"))
    model_dir = work / "opus-mt-tc-big-shape"
    start = time.perf_counter()
    subprocess.run([sys.executable, str(paths.REPO / "scripts" / "bench_translate.py"), "--prepare", str(model_dir)],
                   check=True, env=env)
    print(f"model and conversion ready in {time.perf_counter() - start:.0f}s: {model_dir}", file=sys.stderr)
    articles = work / f"articles-{args.articles}x{args.sentences}"
    segments = make_articles(articles, args.articles, args.sentences)
    cores = len(os.sched_getaffinity(0))

    def variant(mode: str, src: Path, out: Path, actors: int = 1, threads: int = 0) -> list[str]:
        return [sys.executable, __file__, "--output-tokens", str(args.output_tokens), "--child", mode, str(src),
                str(out), str(model_dir), str(actors), str(threads)]
    skip = set(filter(None, args.skip.split(",")))
    results = []

    def record(label: str, seconds: float, rss: float, actor: float, actors: int) -> None:
        results.append({"variant": label, "seconds": round(seconds, 1), "sentences_per_s": round(segments / seconds, 2),
                        "peak_rss_mb": round(rss), "actor_rss_mb": round(actor) if actor else None, "actors": actors})
        print(f"{label}: {seconds:.1f}s, {segments / seconds:.2f} segments/s, peak RSS {rss:.0f} MB"
              + (f", per actor {actor:.0f} MB" if actor else ""), file=sys.stderr)

    if "per-article" not in skip:
        out = work / "out-per-article"
        out.mkdir(exist_ok=True)
        total, peak = 0.0, 0.0
        for path in sorted(articles.iterdir()):
            seconds, rss, _ = timed(variant("article", path, out / f"{path.stem}.md"), env)
            total, peak = total + seconds, max(peak, rss)
        record("per-article", total, peak, 0.0, 1)
    if "batch" not in skip:
        out = work / "out-batch"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        out.mkdir()
        seconds, rss, _ = timed(variant("batch", articles, out), env)
        record("batch", seconds, rss, 0.0, 1)
    for actors in (1, 2):
        if f"ray-{actors}" in skip:
            continue
        out = work / f"out-ray-{actors}"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        out.mkdir()
        seconds, rss, actor = timed(variant("ray", articles, out, actors, max(1, cores // actors)), env,
                                    watch="TranslateArticles")
        record(f"ray-{actors}", seconds, rss, actor, actors)

    print(f"{args.articles} articles, {segments} segments (headline + {args.sentences} sentences each), beam 4, "
          f"{args.output_tokens} output pieces each, {cores} cores, translation cache off")
    print(f"{'variant':14} {'seconds':>9} {'segments/s':>11} {'vs per-article':>15} {'peak RSS MB':>12} {'per actor MB':>13}")
    base = next((r["seconds"] for r in results if r["variant"] == "per-article"), None)
    for r in results:
        ratio = f"{base / r['seconds']:.2f}x" if base else "-"
        print(f"{r['variant']:14} {r['seconds']:9.1f} {r['sentences_per_s']:11.2f} {ratio:>15} {r['peak_rss_mb']:12} "
              f"{r['actor_rss_mb'] or '-':>13}")
    from briefing.glossary import load_glossaries

    from evaluation import signature  # here: the timed children import no more than they need

    signed_by = signature.signature(glossary=signature.glossary_hash(load_glossaries(None)))
    print(signature.line(signed_by))
    if args.json:
        print(json.dumps({"articles": args.articles, "segments": segments, "cores": cores, "variants": results,
                          "signature": signed_by}))


if __name__ == "__main__":
    main()
