"""Throughput and peak memory of the French lexicon sentiment scorer (issue 9).

Corpora of N posts are made by resampling the sample's 30,000 posts with replacement
(fixed seed), in two variants:

* ``resampled``: the posts as drawn; repeated texts hit the per-call cache of
  :func:`territoire_lab.sentiment.score_sentiment` (as reposts and duplicates do in real
  exports);
* ``unique``: each post gets a distinct ``#b<i>`` hashtag, which the scorer ignores (same
  scores) but which defeats the cache: the cost of N distinct texts.

Each (N, variant) runs in a fresh child process (cold caches, lexicon loaded inside the
timing), which reports CPU time (``time.process_time``, robust to a busy machine), wall
time and the peak resident memory (max RSS) before and after scoring.

Usage::

    python benchmarks/bench_sentiment.py                 # --n 100000 1000000
    python benchmarks/bench_sentiment.py --n 100000 --variants unique
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

KEY = "benchmark key, not a secret 0123456789"


def make_corpus(n: int, *, unique: bool, seed: int = 0) -> pd.DataFrame:
    """``n`` posts resampled from the sample (``unique``: made distinct by a hashtag)."""
    from territoire_lab.datasets import load_sample_corpus

    posts = load_sample_corpus(key=KEY)["text"].dropna().to_numpy(dtype=object)
    rng = np.random.default_rng(seed)
    texts = posts[rng.integers(0, len(posts), size=n)]
    if unique:
        texts = np.array([f"{t} #b{i}" for i, t in enumerate(texts)], dtype=object)
    return pd.DataFrame({"doc_id": np.arange(n).astype(str), "text": texts})


def child(n: int, variant: str) -> dict[str, float]:
    """Run one measure in this (fresh) process."""
    corpus = make_corpus(n, unique=variant == "unique")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from territoire_lab.sentiment import score_sentiment

    c0, w0 = time.process_time(), time.perf_counter()
    scored = score_sentiment(corpus, progress=False)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shares = scored["sentiment_label"].value_counts(normalize=True)
    return {
        "n": n,
        "variant": variant,
        "distinct_texts": int(corpus["text"].nunique()),
        "cpu_s": cpu,
        "wall_s": wall,
        "posts_per_s_cpu": n / cpu,
        "posts_per_s_wall": n / wall,
        "peak_rss_before_mb": rss_before,
        "peak_rss_after_mb": rss_after,
        "share_positive": float(shares.get("positive", 0.0)),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--variants", nargs="+", default=["resampled", "unique"], choices=["resampled", "unique"]
    )
    parser.add_argument("--child", nargs=2, metavar=("N", "VARIANT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(int(args.child[0]), args.child[1])))
        return
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; one core", flush=True)
    rows = []
    for n in args.n:
        for variant in args.variants:
            res = subprocess.run(
                [sys.executable, __file__, "--child", str(n), variant],
                check=True,
                capture_output=True,
                text=True,
            )
            row = json.loads(res.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(
                f"{n:>9,} {variant:<9} {row['distinct_texts']:>9,} distinct  "
                f"{row['posts_per_s_cpu']:>8,.0f} posts/s (CPU)  "
                f"{row['posts_per_s_wall']:>8,.0f} posts/s (wall)  "
                f"peak RSS {row['peak_rss_before_mb']:,.0f} -> {row['peak_rss_after_mb']:,.0f} MB",
                flush=True,
            )
    print()
    print(pd.DataFrame(rows).round(2).to_string(index=False))


if __name__ == "__main__":
    main()
