"""Benchmark of the topic models on large generated corpora (issue 7).

The corpora are generated from the bundled sample: its posts are cleaned once (territory
names dropped, as in notebook 05), then drawn with replacement (each drawn post gets its
own copy of its lemma list). For each size, the library's default NMF (binary TF-IDF,
Kullback-Leibler loss), NMF with the Frobenius loss on l2-normalised TF-IDF
(``nmf_frobenius``, the former default) and mini-batch NMF with k topics are fitted, then
the NPMI coherence (window 10) of their top 10 terms is computed on the same texts by
:func:`territoire_lab.topics.coherence`. With ``--gensim`` (gensim installed, dev extra),
gensim's ``LdaMulticore`` (one pass, the default) is fitted at equal k on the same texts
and the same vocabulary filter (min_df 5, max_df 0.5), and its top terms are scored by the
same NPMI.

Run::

    python benchmarks/bench_topics.py                        # 100k posts, k = 20
    python benchmarks/bench_topics.py --sizes 100000 1000000 --gensim
    python benchmarks/bench_topics.py --sizes 100000 --gensim --workers 2

Prints the wall time and the peak of memory allocated (tracemalloc, numpy allocations
traced; the traced run is the timed run, so times include tracing overhead) of each step,
and the process's peak resident memory.
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
from territoire_lab.topics import TopicModel, coherence

logger = logging.getLogger("territoire_lab.benchmarks")

KEY = "benchmark key, not a secret 0123456789"


def measure(name: str, fn: Callable[[], object], *, trace: bool = True) -> object:
    """Time ``fn`` (traced when asked) and print its peak allocation."""
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    out = fn()
    elapsed = time.perf_counter() - t0
    peak = float("nan")
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    print(
        f"{name:<44} {elapsed:8.2f} s   peak alloc {peak:9.1f} MB   "
        f"max RSS {peak_rss_mib():8.0f} MiB",
        flush=True,
    )
    return out


def base_corpus() -> pd.DataFrame:
    sample = tl.load_sample(key=KEY)
    cleaned = clean_corpus(
        sample.corpus,
        detect_lang=False,
        duplicates=False,
        bots=False,
        progress=False,
        drop_territories=sample.territories,
    )
    return cleaned[["doc_id", "lemmas"]]


def generated(base: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    idx = np.random.default_rng(seed).integers(0, len(base), n)
    lemmas = base["lemmas"].to_numpy()
    return pd.DataFrame(
        {"doc_id": np.arange(n).astype(str), "lemmas": [list(lemmas[i]) for i in idx]}
    )


def _gensim_lda(texts: list[list[str]], k: int, seed: int, workers: int) -> list[list[str]]:
    from gensim.corpora import Dictionary
    from gensim.models import LdaMulticore

    dictionary = Dictionary(texts)
    dictionary.filter_extremes(no_below=5, no_above=0.5, keep_n=None)
    bow = [dictionary.doc2bow(t) for t in texts]
    lda = LdaMulticore(bow, num_topics=k, id2word=dictionary, random_state=seed, workers=workers)
    return [[w for w, _ in lda.show_topic(t, topn=10)] for t in range(k)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--methods", nargs="+", default=["nmf", "nmf_frobenius", "minibatch_nmf"])
    parser.add_argument("--gensim", action="store_true", help="also gensim's LdaMulticore")
    parser.add_argument("--workers", type=int, default=1, help="LdaMulticore workers")
    parser.add_argument("--no-trace", action="store_true", help="skip tracemalloc")
    args = parser.parse_args(argv)
    trace = not args.no_trace
    t0 = time.perf_counter()
    base = base_corpus()
    print(f"sample cleaned: {len(base):,} posts in {time.perf_counter() - t0:.1f} s")
    for n in args.sizes:
        corpus = generated(base, n)
        n_tok = int(corpus["lemmas"].map(len).sum())
        print(f"--- {n:,} posts, {n_tok:,} tokens, k = {args.k}")
        for method in args.methods:
            if method == "nmf_frobenius":
                model = TopicModel(
                    "nmf", args.k, beta_loss="frobenius", binary=False, random_state=0
                )
            else:
                model = TopicModel(method, args.k, random_state=0)
            measure(f"{method} fit", lambda m=model, c=corpus: m.fit(c), trace=trace)
            npmi = measure(
                "  NPMI (window 10, top 10 terms)",
                lambda m=model, c=corpus: coherence(m, c),
                trace=False,
            )
            print(f"    {method}: NPMI {npmi.attrs['mean']:.3f}")
        if args.gensim:
            texts = corpus["lemmas"].tolist()
            lists = measure(
                f"gensim LdaMulticore fit ({args.workers} worker(s))",
                lambda t=texts: _gensim_lda(t, args.k, 0, args.workers),
                trace=trace,
            )
            npmi = coherence(lists, texts)
            print(f"    gensim LDA: NPMI {npmi.attrs['mean']:.3f}")
        del corpus


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
