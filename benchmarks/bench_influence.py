"""Time and memory of the influence metrics on a large generated interaction graph.

Usage::

    python benchmarks/bench_influence.py --edges 100000 1000000

Each size runs in a fresh process; prints, per step, the wall time and the peak resident
memory of that process. The graph is generated with heavy-tailed in-degrees (a few
accounts receive most mentions, replies and reposts), as on social platforms.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd


def make_interactions(n_edges: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_nodes = max(1000, n_edges // 4)
    targets = np.minimum((rng.pareto(1.2, n_edges) * 3).astype(int), n_nodes - 1)
    sources = rng.integers(0, n_nodes, n_edges)
    kinds = rng.choice(["mention", "reply", "repost"], n_edges, p=[0.45, 0.3, 0.25])
    return pd.DataFrame(
        {
            "source_author": pd.array([f"u_{i:08x}" for i in sources], dtype="string"),
            "target_author": pd.array([f"u_{i:08x}" for i in targets], dtype="string"),
            "kind": kinds,
            "platform": "x",
        }
    )


def run_one(n_edges: int) -> dict:
    import networkx as nx

    from territoire_lab.influence import interaction_graph

    out = {"edges": n_edges}
    t = time.perf_counter()
    inter = make_interactions(n_edges)
    out["generate_s"] = time.perf_counter() - t
    t = time.perf_counter()
    graph = interaction_graph(inter)
    out["graph_s"] = time.perf_counter() - t
    out["nodes"], out["graph_edges"] = graph.number_of_nodes(), graph.number_of_edges()
    t = time.perf_counter()
    nx.pagerank(graph, weight="weight")
    out["pagerank_s"] = time.perf_counter() - t
    t = time.perf_counter()
    nx.betweenness_centrality(graph, k=100, seed=0)
    out["betweenness_k100_s"] = time.perf_counter() - t
    t = time.perf_counter()
    nx.community.louvain_communities(graph.to_undirected(), weight="weight", seed=0)
    out["louvain_s"] = time.perf_counter() - t
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        sys.stdout.write(json.dumps(run_one(args.one)) + "\n")
        return
    rows = []
    for n in args.edges:
        res = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
    table = pd.DataFrame(rows)
    sys.stdout.write(table.round(2).to_string(index=False) + "\n")


if __name__ == "__main__":
    main()
