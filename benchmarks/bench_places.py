"""Benchmark place-mention detection: posts per second of ``find_places``.

Generated corpora of 100,000 and 1,000,000 posts are made by resampling (with
replacement, seeded) the texts of the bundled sample; the gazetteer is built once, before
timing. Prints one line per size::

    python benchmarks/bench_places.py                       # 100k and 1M posts
    python benchmarks/bench_places.py --sizes 10000 100000  # other sizes
    python benchmarks/bench_places.py --attribute           # also attribute_territory

This is a script that prints its figures, not a timed test.
"""

from __future__ import annotations

import argparse
import logging
import platform
import time

import numpy as np
import pandas as pd

import territoire_lab as tl
from territoire_lab import places


def make_corpus(texts: np.ndarray, n: int, *, seed: int) -> pd.DataFrame:
    """Resample ``n`` texts with replacement into a corpus with unique ``doc_id``."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(texts), n)
    return pd.DataFrame(
        {"doc_id": pd.array([f"b{i}" for i in range(n)], dtype="string"), "text": texts[pick]}
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print posts/s for each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--attribute", action="store_true", help="also time attribution")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    sample = tl.load_sample_corpus(key="benchmark key, not a secret: 5d2f0e")
    texts = sample["text"].to_numpy(dtype=object)
    t0 = time.perf_counter()
    gaz = places.load_gazetteer()
    print(
        f"gazetteer: {gaz.n_keys_:,} name keys built in {time.perf_counter() - t0:.1f} s "
        f"(python {platform.python_version()}, {platform.machine()})"
    )
    for n in args.sizes:
        corpus = make_corpus(texts, n, seed=args.seed)
        t0, c0 = time.perf_counter(), time.process_time()
        found = places.find_places(corpus, gazetteer=gaz, show_progress=False)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"find_places: {n:>9,} posts in {dt:7.1f} s = {n / dt:8,.0f} posts/s "
            f"(CPU {dc:.1f} s = {n / dc:,.0f} posts per CPU-second; {len(found):,} mentions)"
        )
        if args.attribute:
            t0 = time.perf_counter()
            out = places.attribute_territory(
                corpus, mentions=found, evidence=["mention"], gazetteer=gaz, level="departement"
            )
            dt = time.perf_counter() - t0
            print(
                f"attribute_territory (mentions given): {n:>9,} posts in {dt:7.1f} s = "
                f"{n / dt:8,.0f} posts/s ({out['code'].notna().mean():.1%} attributed)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
