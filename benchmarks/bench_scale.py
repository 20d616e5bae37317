"""Scale benchmark: store, cleaning, places and k-topic mini-batch NMF on large corpora.

For each size, a corpus is generated once (``benchmarks/make_corpus.py``, Parquet) and
processed three ways, each in a fresh process so that its peak memory is its own:

``pandas``
    the Parquet file read into pandas, then :func:`territoire_lab.pipeline.run_in_memory`
    (each step on the whole table);
``store``
    the Parquet file appended to a :class:`~territoire_lab.store.CorpusStore` in chunks
    (stage ``store``), then :func:`territoire_lab.pipeline.run_chunked` chunk by chunk
    in one process;
``dask``
    :func:`~territoire_lab.pipeline.run_chunked` on a ``LocalCluster`` of 2 worker
    processes of one thread (the store of the ``store`` mode is reused; built if absent).

Prints, per stage and in total, the seconds, the throughput (posts/s) and the peak
resident memory (``ru_maxrss``; for Dask the client's and each worker's). Stage times
of a chunked run are summed over the chunks (over the workers for Dask); ``wall`` lines
are elapsed times. Run::

    python benchmarks/bench_scale.py                                  # 100k, 3 modes
    python benchmarks/bench_scale.py --sizes 100000 1000000 --modes store dask
    python benchmarks/bench_scale.py --sizes 5000000 --modes store

Figures are also appended as JSON lines to ``<workdir>/bench_scale.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _memory import peak_rss_mib

HERE = Path(__file__).resolve().parent


def _corpus_path(workdir: Path, n: int) -> Path:
    return workdir / f"corpus_{n}.parquet"


def _ingest(corpus: Path, store_dir: Path, batch: int) -> tuple[object, float]:
    import pyarrow.parquet as pq

    from territoire_lab.store import CorpusStore, arrow_to_corpus

    if store_dir.exists():
        shutil.rmtree(store_dir)
    store = CorpusStore(store_dir)
    t = time.perf_counter()
    for rb in pq.ParquetFile(corpus).iter_batches(batch_size=batch):
        store.append(arrow_to_corpus(rb_table(rb)))
    return store, time.perf_counter() - t


def rb_table(rb: object) -> object:
    import pyarrow as pa

    return pa.Table.from_batches([rb])


def child(args: argparse.Namespace) -> dict:
    """Run one mode on one size in this process; return the figures."""
    import pyarrow.parquet as pq

    from territoire_lab.pipeline import run_chunked, run_in_memory
    from territoire_lab.places import load_gazetteer
    from territoire_lab.store import CorpusStore, arrow_to_corpus

    workdir = Path(args.workdir)
    corpus_path = _corpus_path(workdir, args.size)
    opts = {"n_topics": args.k, "random_state": 0, "vocab_sample": args.vocab_sample}
    out: dict = {"mode": args.child, "n": args.size, "load_avg": os.getloadavg()}
    stages: dict[str, float] = {}
    wall: dict[str, float] = {}
    t_all = time.perf_counter()
    load_gazetteer()  # built once per process (about 4 s), as any session does
    wall["gazetteer"] = time.perf_counter() - t_all
    if args.child == "pandas":
        t = time.perf_counter()
        corpus = arrow_to_corpus(pq.read_table(corpus_path))
        stages["load"] = wall["load"] = time.perf_counter() - t
        res = run_in_memory(corpus, **opts)
        del corpus
    else:
        store_dir = workdir / f"store_{args.size}"
        if args.child == "store" or not (store_dir / "_schema.parquet").exists():
            store, secs = _ingest(corpus_path, store_dir, args.ingest_batch)
            stages["store"] = wall["store"] = secs
        else:
            store = CorpusStore(store_dir)
        output = workdir / f"results_{args.child}_{args.size}"
        if args.child == "store":
            res = run_chunked(store, chunksize=args.chunksize, output=output, **opts)
        else:
            from distributed import Client, LocalCluster

            t = time.perf_counter()
            with (
                LocalCluster(
                    n_workers=args.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                ) as cluster,
                Client(cluster) as client,
            ):
                wall["cluster_start"] = time.perf_counter() - t
                res = run_chunked(
                    store, chunksize=args.chunksize, output=output, client=client, **opts
                )
                scale = 1024 * 1024 if sys.platform == "darwin" else 1024
                rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale)
                out["worker_peak_rss_mb"] = sorted(rss.values())
    stages.update(res.timings)
    wall.update(res.wall)
    wall["total"] = time.perf_counter() - t_all
    out["stages"] = stages
    out["wall"] = wall
    out["n_docs"] = res.n_docs
    out["n_chunks"] = res.n_chunks
    out["vocabulary"] = len(res.term_counts) if res.term_counts is not None else 0
    out["peak_rss_mb"] = peak_rss_mib()
    top = res.topic_model.top_terms(5) if res.topic_model is not None else None
    if top is not None:
        out["topics"] = top.groupby("topic")["term"].apply(" ".join).tolist()[:5]
    return out


def report(fig: dict) -> None:
    """Print the figures of one run."""
    n = fig["n"]
    load = ", ".join(f"{x:.1f}" for x in fig["load_avg"])
    print(f"\n== {fig['mode']}  n={n:,}  chunks={fig['n_chunks']}  load avg at start: {load}")
    print(f"   {'stage (summed over chunks)':<30} {'seconds':>9} {'posts/s':>10}")
    for name, secs in fig["stages"].items():
        rate = n / secs if secs > 0 else float("inf")
        print(f"   {name:<30} {secs:9.1f} {rate:10,.0f}")
    print(f"   {'wall (elapsed)':<30}")
    for name, secs in fig["wall"].items():
        print(f"   {name:<30} {secs:9.1f} {n / secs if secs else 0:10,.0f}")
    mem = f"   peak RSS: {fig['peak_rss_mb']:,.0f} MB"
    if "worker_peak_rss_mb" in fig:
        w = fig["worker_peak_rss_mb"]
        mem += f" (client); workers {', '.join(f'{x:,.0f}' for x in w)} MB"
        mem += f"; sum {fig['peak_rss_mb'] + sum(w):,.0f} MB"
    print(mem)
    print(f"   vocabulary {fig['vocabulary']:,} terms; first topics: {fig.get('topics', [])[:3]}")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    """Generate the corpora if needed, run every mode on every size, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--modes", nargs="+", default=["pandas", "store", "dask"])
    parser.add_argument("--workdir", default="/tmp/tl_bench")
    parser.add_argument("--chunksize", type=int, default=50_000)
    parser.add_argument("--ingest-batch", type=int, default=250_000)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--vocab-sample", type=int, default=30_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", choices=["pandas", "store", "dask"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    if args.child:
        print(json.dumps(child(args)))
        return 0
    print(f"bench_scale: python {sys.version.split()[0]}, {os.cpu_count()} CPUs, k={args.k}")
    for n in args.sizes:
        corpus = _corpus_path(workdir, n)
        if not corpus.exists():
            sys.path.insert(0, str(HERE))
            import make_corpus

            t = time.perf_counter()
            make_corpus.write(n, corpus)
            print(f"generated {n:,} posts in {time.perf_counter() - t:.0f} s -> {corpus}")
        for mode in args.modes:
            cmd = [
                sys.executable,
                __file__,
                "--child",
                mode,
                "--size",
                str(n),
                "--workdir",
                str(workdir),
                "--chunksize",
                str(args.chunksize),
                "--ingest-batch",
                str(args.ingest_batch),
                "--k",
                str(args.k),
                "--vocab-sample",
                str(args.vocab_sample),
                "--workers",
                str(args.workers),
            ]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                print(f"\n== {mode} n={n:,} FAILED\n{proc.stderr[-3000:]}")
                continue
            fig = json.loads(proc.stdout.strip().splitlines()[-1])
            report(fig)
            with open(workdir / "bench_scale.jsonl", "a", encoding="utf-8") as fh:
                fh.write(json.dumps(fig) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
