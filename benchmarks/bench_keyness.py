"""Benchmark of keyness, specificities and the Reinert classification on large corpora.

The corpora are generated from the bundled sample: its posts are cleaned once with
:func:`territoire_lab.clean.clean_corpus`, then drawn with replacement (each drawn post
gets its own copy of its lemma list, as in a real corpus) and spread over 6 groups.

Run::

    python benchmarks/bench_keyness.py                       # 100k posts, Reinert 100k segments
    python benchmarks/bench_keyness.py --sizes 100000 1000000 --reinert 100000

Prints, for each step, the wall time and the peak of memory allocated during the step
(tracemalloc, in a second run of the step; numpy allocations are traced), and the
process's peak resident memory.
"""

from __future__ import annotations

import argparse
import logging
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import pandas as pd
from _memory import peak_rss_mib

import territoire_lab as tl
from territoire_lab.clean import clean_corpus
from territoire_lab.keyness import count_terms, keyness, specificities
from territoire_lab.reinert import Reinert

logger = logging.getLogger("territoire_lab.benchmarks")

KEY = "benchmark key, not a secret 0123456789"
N_GROUPS = 6


def measure(name: str, fn: Callable[[], object], *, trace: bool = True) -> object:
    """Time ``fn`` and report its peak traced allocation."""
    t0 = time.perf_counter()
    out = fn()
    elapsed = time.perf_counter() - t0
    peak = float("nan")
    if trace:
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    print(
        f"{name:<48} {elapsed:8.2f} s   peak alloc {peak:9.1f} MB   "
        f"max RSS {peak_rss_mib():8.0f} MiB",
        flush=True,
    )
    return out


def base_corpus() -> pd.DataFrame:
    corpus = tl.load_sample_corpus(key=KEY)
    cleaned = clean_corpus(corpus, duplicates=False, hashtags="drop", emojis="drop")
    return cleaned[["doc_id", "territory_code", "lemmas", "lang"]]


def generated(base: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(base), n)
    lemmas = base["lemmas"].to_numpy()
    groups = base["territory_code"].astype(str).to_numpy()
    top = pd.Series(groups).value_counts().index[: N_GROUPS - 1]
    group = np.where(np.isin(groups, top), groups, "autres")
    return pd.DataFrame(
        {
            "doc_id": np.arange(n).astype(str),
            "group": group[idx],
            "lemmas": [list(lemmas[i]) for i in idx],
        }
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--reinert", type=int, default=100_000, help="segments (0: skip)")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args(argv)
    trace = not args.no_trace
    t0 = time.perf_counter()
    base = base_corpus()
    print(f"sample cleaned: {len(base):,} posts in {time.perf_counter() - t0:.1f} s")
    for n in args.sizes:
        corpus = measure(f"generate {n:,} posts", lambda n=n: generated(base, n), trace=False)
        n_tok = int(corpus["lemmas"].map(len).sum())
        print(f"--- {n:,} posts, {n_tok:,} tokens, {N_GROUPS} groups")
        counts = measure(
            "count_terms (sparse group x term)",
            lambda c=corpus: count_terms(c, by="group"),
            trace=trace,
        )
        print(f"    vocabulary: {counts.counts.shape[1]:,} terms")
        measure(
            "keyness g2, one vs rest (from corpus)",
            lambda c=corpus: keyness(c, by="group"),
            trace=trace,
        )
        for m in ("g2", "logodds_dirichlet", "lafon"):
            measure(
                f"keyness {m}, one vs rest (from counts)",
                lambda m=m, k=counts: keyness(k, measure=m),
                trace=trace,
            )
        measure(
            "keyness g2, pairwise (15 pairs, from counts)",
            lambda k=counts: keyness(k, pairwise=True),
            trace=trace,
        )
        measure(
            "specificities (Lafon matrix, from counts)",
            lambda k=counts: specificities(k),
            trace=trace,
        )
        del corpus, counts
    if args.reinert:
        french = base[base["lang"].eq("fr").fillna(False).to_numpy(bool)]
        seg = generated(french.assign(territory_code="x"), args.reinert, seed=1)
        model = Reinert(n_classes=10, segment_size=None, min_terms=5, min_df=20, progress=False)
        measure(
            f"Reinert simple, {args.reinert:,} segments, 10 classes",
            lambda: model.fit(seg),
            trace=trace,
        )
        print(
            f"    classified segments: {(model.labels_ > 0).mean():.1%}; "
            f"terms: {len(model.vocabulary_):,}"
        )


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
