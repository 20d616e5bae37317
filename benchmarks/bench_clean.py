"""Throughput and memory of the French text cleaning (issue 4).

Generated corpora of N posts (10 to 40 word tokens each, fixed seed), of two kinds
(``--corpus``):

* ``realistic`` (the default): :func:`corpus.realistic_posts`, words drawn from a French
  frequency list with a long tail of rare forms, place names, @mentions, hashtags, URLs,
  emojis, numbers, elisions, abbreviations, typos and stretched letters; its vocabulary
  keeps growing with N (Heaps' law, beta about 0.6: 33k distinct forms at 10k posts,
  138k at 100k, 530k at 1M), so the per-token caches see new forms as on real posts;
* ``sample``: sentences of the sample's posts recombined (:func:`make_corpus`); it
  repeats the same sentences (7,500 distinct forms at 1M posts), which flatters every
  cache: kept for comparison with earlier figures.

On the same texts, one core:

* ``regex``: one compiled ``re.findall(r"\\w+")`` a post (the floor);
* ``pipeline``: the default :class:`territoire_lab.clean.FrenchTextCleaner` (normalise,
  tokenise, stopwords, lemmatise; a fresh cleaner each repeat, fitted before the clock
  starts, so its per-token caches start empty);
* ``spacy_blank``: ``spacy.blank("fr")`` tokenizer alone (if spaCy is installed);

then the full ``transform`` to a DataFrame with ``n_jobs=1`` and ``n_jobs=2`` (interleaved,
with the ceiling of two independent processes cleaning half each), and the
peak memory (max RSS) of ``clean_corpus`` on the largest corpus, in a child process.

Usage::

    python benchmarks/bench_clean.py                  # --n 100000 1000000
    python benchmarks/bench_clean.py --n 100000 --repeats 3 --profile
    python benchmarks/bench_clean.py --n 100000 --sampling-profile   # only the profile
    python benchmarks/bench_clean.py --n 100000 --corpus sample --no-memory

Figures are medians over ``--repeats`` runs, printed as a table.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
from _memory import peak_rss_mib, rss_mib
from corpus import realistic_posts, vocabulary_growth

from territoire_lab import clean as clean_module
from territoire_lab.clean import FrenchTextCleaner
from territoire_lab.datasets import load_sample_corpus

KEY = "benchmark key, not a secret 0123456789"
CORPORA = ("realistic", "sample")
_SENT_RE = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD_RE = re.compile(r"\w+")


def make_corpus(n: int, *, seed: int = 0) -> list[str]:
    """``n`` posts of 10 to 40 word tokens made of sentences of the sample's posts."""
    posts = load_sample_corpus(key=KEY)["text"].dropna().tolist()
    sentences = [s.strip() for p in posts for s in _SENT_RE.split(p) if s.strip()]
    lengths = np.array([len(_WORD_RE.findall(s)) for s in sentences])
    rng = np.random.default_rng(seed)
    out: list[str] = []
    batch = rng.integers(0, len(sentences), size=(n * 3, 4))
    targets = rng.integers(10, 41, size=n * 3)
    for row, target in zip(batch, targets, strict=True):
        picked, total = [], 0
        for i in row:
            if total + lengths[i] > 40:
                continue
            picked.append(sentences[i])
            total += lengths[i]
            if total >= target:
                break
        if 10 <= total <= 40:
            out.append(" ".join(picked))
            if len(out) == n:
                break
    if len(out) < n:  # pragma: no cover - the draw above is large enough
        out += out[: n - len(out)]
    return out


def texts_of(kind: str, n: int, *, seed: int = 0) -> list[str]:
    """``n`` generated posts of the corpus ``kind`` (``realistic`` or ``sample``)."""
    if kind == "realistic":
        return realistic_posts(n, seed=seed)
    if kind == "sample":
        return make_corpus(n, seed=seed)
    raise ValueError(f"corpus={kind!r} is not known; expected one of {CORPORA}")


def median_rate(
    func: Callable[[], object], n: int, repeats: int, clock: Callable[[], float] = time.process_time
) -> float:
    """Median posts per second of ``func`` over ``repeats`` runs.

    One-core figures use the CPU time of this process (``time.process_time``), which a
    busy machine does not inflate; parallel figures use wall-clock time.
    """
    times = []
    for _ in range(repeats):
        t0 = clock()
        func()
        times.append(clock() - t0)
    return n / statistics.median(times)


def one_core(texts: list[str], repeats: int) -> dict[str, float]:
    """Median one-core rates of the regex pass, the pipeline and the cached pipeline.

    The three are interleaved repeat by repeat, so that their ratios compare runs made
    at the same moment of a shared machine. ``pipeline``: a fresh cleaner, fitted
    (resources loaded) before the clock starts, as spaCy's tokenizer is made before its
    clock: both start with empty per-token caches. ``pipeline_cached``: a cleaner run
    again over the same texts, every raw token already resolved (its cache unbounded,
    see :func:`unbounded_caches`): what the design costs when no token is new
    (normalisation, tokenising regex, cache lookups, columns cut back into posts), the
    floor that faster resolution of new tokens could reach.
    """
    n = len(texts)
    word = re.compile(r"\w+")
    times: dict[str, list[float]] = {"regex": [], "pipeline": [], "pipeline_cached": []}
    clock = time.process_time
    cached: FrenchTextCleaner | None = None
    for _ in range(repeats):
        t0 = clock()
        [word.findall(t) for t in texts]
        times["regex"].append(clock() - t0)
        cleaner = FrenchTextCleaner(progress=False).fit()
        t0 = clock()
        cleaner.process_many(texts)
        times["pipeline"].append(clock() - t0)
        del cleaner
        with unbounded_caches():
            if cached is None:  # a first run (not timed) resolves every raw token
                cached = FrenchTextCleaner(progress=False).fit()
                cached.process_many(texts)
            t0 = clock()
            cached.process_many(texts)
            times["pipeline_cached"].append(clock() - t0)
    return {name: n / statistics.median(ts) for name, ts in times.items()}


@contextlib.contextmanager
def unbounded_caches() -> Iterator[None]:
    """Lift the cleaner's bound on its per-token caches (``clean._CACHE_MAX``, 500k raw
    tokens, after which they are emptied), so that a second run over a corpus of more
    distinct raw tokens than that (1M posts: about 1.1M) is entirely cached. For the
    floor measurement only: the ``pipeline`` rate is that of the library as shipped."""
    bound = clean_module._CACHE_MAX
    clean_module._CACHE_MAX = sys.maxsize
    try:
        yield
    finally:
        clean_module._CACHE_MAX = bound


def run_pipeline(texts: list[str]) -> None:
    FrenchTextCleaner(progress=False).fit().process_many(texts)


def bench(n: int, repeats: int, spacy_max: int, kind: str = "realistic") -> dict[str, float]:
    texts = texts_of(kind, n)
    (vocab,) = vocabulary_growth(texts, [len(texts)])
    load = os.getloadavg()[0]
    print(
        f"\n== {kind} corpus: {n:,} posts, {vocab['tokens'] / n:.1f} word tokens a post on "
        f"average, {vocab['forms']:,} distinct word forms (lower-cased \\w+ without URLs), "
        f"{vocab['chunks']:,} distinct whitespace chunks; {os.cpu_count()} CPUs, "
        f"load average {load:.1f} ==",
        flush=True,
    )
    rates = one_core(texts, repeats)
    try:
        import spacy
    except ImportError:
        print("spaCy not installed: spacy_blank skipped")
    else:
        sub = texts[:spacy_max]
        # a fresh tokenizer each repeat (made before the clock starts), as the pipeline
        # gets a fresh cleaner: both start with empty caches
        tokenizers = [spacy.blank("fr").tokenizer for _ in range(min(repeats, 3))]

        def run_spacy() -> None:
            tokenizer = tokenizers.pop()
            for t in sub:
                tokenizer(t)

        rates["spacy_blank"] = median_rate(run_spacy, len(sub), len(tokenizers))
        if len(sub) < n:
            print(f"spacy_blank measured on the first {len(sub):,} texts")
    rates.update(scaling(texts, repeats))
    for name, rate in rates.items():
        print(f"{name:>28}: {rate:>10,.0f} posts/s")
    print(f"{'pipeline / regex':>28}: {rates['regex'] / rates['pipeline']:.2f}x slower")
    print(
        f"{'cached pipeline / regex':>28}: {rates['regex'] / rates['pipeline_cached']:.2f}x "
        "slower (every raw token already resolved: the floor of this design)"
    )
    if "spacy_blank" in rates:
        print(f"{'pipeline / spacy':>28}: {rates['pipeline'] / rates['spacy_blank']:.2f}x faster")
    scale = rates["transform_n_jobs=2 (wall)"] / rates["transform_n_jobs=1 (wall)"]
    ceiling = rates["two independent halves (wall)"] / rates["transform_n_jobs=1 (wall)"]
    first = rates["transform_n_jobs=2, first call (wall)"] / rates["transform_n_jobs=1 (wall)"]
    print(
        f"{'n_jobs=2 scaling':>28}: {scale:.2f}x warm pool, {first:.2f}x first call (pool "
        f"start); ceiling on this machine now (two processes, each cleaning half, nothing "
        f"exchanged): {ceiling:.2f}x"
    )
    print(
        f"targets (issue 4): pipeline >= 30,000 posts/s: {rates['pipeline']:,.0f}; "
        f"within 3x of regex: {rates['regex'] / rates['pipeline']:.2f}x; "
        + (
            f">= 4x faster than spaCy blank: {rates['pipeline'] / rates['spacy_blank']:.2f}x; "
            if "spacy_blank" in rates
            else ""
        )
        + f"n_jobs=2 >= 1.6x: {scale:.2f}x (load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs)",
        flush=True,
    )
    return rates


def _start_worker() -> None:
    FrenchTextCleaner().fit()  # imports and resources, before the clock


def _clean_half(texts: list[str]) -> int:
    FrenchTextCleaner(progress=False).fit().process_many(texts)
    return len(texts)


def scaling(texts: list[str], repeats: int) -> dict[str, float]:
    """Wall-clock rates of ``transform`` with ``n_jobs=1`` and ``2``, interleaved repeat by
    repeat (a shared machine changes speed from one minute to the next), and of the
    ceiling: two processes started beforehand, each cleaning half the texts with a
    fresh cleaner, with nothing to send back (what ``n_jobs=2`` could reach on this
    machine at this moment)."""
    from concurrent.futures import ProcessPoolExecutor

    n = len(texts)
    times: dict[int, list[float]] = {1: [], 2: []}
    first: float | None = None
    for _ in range(repeats + 1):
        for jobs in (1, 2):
            cleaner = FrenchTextCleaner(n_jobs=jobs, progress=False).fit()
            t0 = time.perf_counter()
            cleaner.transform(texts)
            seconds = time.perf_counter() - t0
            if jobs == 2 and first is None:
                first = seconds  # the process pool starts with this call
            else:
                times[jobs].append(seconds)
    half = n // 2
    ceiling = []
    with ProcessPoolExecutor(2, initializer=_start_worker) as pool:
        list(pool.map(time.sleep, [0.5, 0.5]))  # both workers started and warm
        for _ in range(repeats):
            t0 = time.perf_counter()
            list(pool.map(_clean_half, [texts[:half], texts[half:]]))
            ceiling.append(time.perf_counter() - t0)
    return {
        "transform_n_jobs=1 (wall)": n / statistics.median(times[1][-repeats:]),
        "transform_n_jobs=2 (wall)": n / statistics.median(times[2]),
        "transform_n_jobs=2, first call (wall)": n / (first or float("nan")),
        "two independent halves (wall)": n / statistics.median(ceiling),
    }


def profile(n: int, kind: str = "realistic") -> None:
    texts = texts_of(kind, n)
    print(f"\n== cProfile of the pipeline on the {kind} corpus, {n:,} posts ==")
    prof = cProfile.Profile()
    prof.enable()
    run_pipeline(texts)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(15)
    print(out.getvalue())


def profile_child(n: int, kind: str = "realistic") -> None:
    """The profiled run of :func:`sampling_profile`: a fitted cleaner over ``n`` posts."""
    texts = texts_of(kind, n)
    cleaner = FrenchTextCleaner(progress=False).fit()
    cleaner.process_many(texts)


def sampling_profile(n: int, kind: str = "realistic", top: int = 30) -> None:
    """Where the pipeline's time goes, by sampling (py-spy), not by tracing.

    cProfile (``--profile``) charges each Python call its own bookkeeping, which inflates
    code made of many small calls (simplemma's strategy pipeline: 11 % of a cProfile
    against 5.6 % sampled). py-spy samples the stack 250 times a second at no cost to
    the program; the shares below are the samples inside ``process_many`` whose stack
    holds the function (inclusive) or ends in it (own time). Needs ``py-spy`` (``pip
    install py-spy``; on Linux, permission to trace: root or ``ptrace_scope`` 0).
    """
    import collections
    import shutil
    import tempfile

    spy = shutil.which("py-spy") or os.path.join(os.path.dirname(sys.executable), "py-spy")
    if not os.path.exists(spy):
        raise SystemExit("--sampling-profile needs py-spy: pip install py-spy")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "stacks.txt")
        child = [sys.executable, __file__, "--profile-child", str(n), "--corpus", kind]
        subprocess.run(
            [spy, "record", "-r", "250", "-f", "raw", "-o", out, "--", *child],
            check=True,
            capture_output=True,
        )
        with open(out, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in lines:
        stack, _, count_ = line.rpartition(" ")
        frames = stack.split(";")
        if not any(f.startswith("process_many ") or ".process_many " in f for f in frames):
            continue
        weight = int(count_)
        total += weight
        names = [re.sub(r" \((?:.*/)?([^/]+\.py):\d+\)", r" (\1)", f) for f in frames]
        for name in set(names):
            inclusive[name] += weight
        own[names[-1]] += weight
    print(
        f"\n== sampled profile (py-spy, 250 Hz) of the pipeline on the {kind} corpus, "
        f"{n:,} posts, fresh fitted cleaner: {total:,} samples in process_many =="
    )
    print("inclusive (the function and what it calls):")
    for name, weight in inclusive.most_common(top):
        print(f"  {100 * weight / total:5.1f} %  {name}")
    print("own time (the function itself, and the C code it runs: regex, dict, list):")
    for name, weight in own.most_common(top // 2):
        print(f"  {100 * weight / total:5.1f} %  {name}")


def memory_child(n: int, kind: str = "realistic") -> None:
    """Run clean_corpus on n posts and print the peak RSS (MiB) as JSON.

    The corpus is a DataFrame of n texts, as :func:`territoire_lab.io.read_corpus` gives
    it; the Python list the generator made is freed first (it is not part of cleaning).
    """
    from territoire_lab.clean import clean_corpus

    corpus = pd.DataFrame({"text": texts_of(kind, n)})
    gc.collect()
    before, before_peak = rss_mib(), peak_rss_mib()
    t0 = time.perf_counter()
    out = clean_corpus(corpus, detect_lang=False, duplicates=False, progress=False)
    seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "n": len(out),
                "peak_mib": peak_rss_mib(),
                "before_mib": before,
                "generator_peak_mib": before_peak,
                "s": seconds,
            }
        )
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--corpus",
        choices=CORPORA,
        default="realistic",
        help="realistic: corpus.realistic_posts (growing vocabulary, the default); "
        "sample: sentences of the sample recombined (make_corpus, for comparison)",
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--spacy-max", type=int, default=200_000)
    parser.add_argument("--profile", action="store_true", help="cProfile (tracing)")
    parser.add_argument(
        "--sampling-profile",
        action="store_true",
        help="only a py-spy sampling profile (needs py-spy)",
    )
    parser.add_argument("--profile-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--memory-only", action="store_true", help="only the memory figure")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child, args.corpus)
        return
    if args.profile_child:
        profile_child(args.profile_child, args.corpus)
        return
    if args.sampling_profile:  # only the profile
        sampling_profile(min(args.n), args.corpus)
        return
    if not args.memory_only:
        for n in args.n:
            bench(n, args.repeats, args.spacy_max, args.corpus)
        if args.profile:
            profile(min(args.n), args.corpus)
    if not args.no_memory:
        n = max(args.n)
        res = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(n), "--corpus", args.corpus],
            capture_output=True,
            text=True,
            check=True,
        )
        mem = json.loads(res.stdout.strip().splitlines()[-1])
        print(
            f"\nclean_corpus on {mem['n']:,} {args.corpus} posts (one core, no lang/dedup): "
            f"{mem['s']:.1f} s, peak RSS {mem['peak_mib']:,.0f} MiB "
            f"= {mem['peak_mib'] * 2**20 / 1e9:.2f} GB (target < 3 GB); corpus loaded before "
            f"cleaning: {mem['before_mib']:,.0f} MiB RSS (peak while generating it: "
            f"{mem['generator_peak_mib']:,.0f} MiB)"
        )


if __name__ == "__main__":
    main()
