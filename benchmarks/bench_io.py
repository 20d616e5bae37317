"""Time read_corpus on generated CSV and NDJSON files (1M rows by default).

Each format is read in a fresh subprocess so that its peak memory (max RSS) is its own.
The files imitate a contract-format export: 64-bit ids, French texts of 20-300
characters, ISO times with offsets, handles (pseudonymised at load), counts, COG codes.

Usage::

    python benchmarks/bench_io.py                 # 1,000,000 rows, CSV and NDJSON
    python benchmarks/bench_io.py --rows 200000 --formats csv

Prints one line per format: rows, file size, seconds, rows/s and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

WORDS = [
    *("château", "Loire", "vélo", "marché", "balade", "vin", "Tours", "Amboise", "Blois"),
    *("Chinon", "festival", "musée", "travaux", "bus", "parking", "soleil", "pluie", "été"),
    *("visite", "guide", "jardin", "restaurant", "accueil", "super", "dommage", "fermé"),
    *("ouvert", "magnifique", "bondé", "calme", "rue", "pont", "cathédrale"),
]


def make_table(n: int, seed: int = 0) -> pd.DataFrame:
    """A contract-format table of ``n`` generated posts."""
    rng = np.random.default_rng(seed)
    n_words = rng.integers(4, 50, size=n)
    vocab = np.array(WORDS, dtype=object)
    draws = rng.integers(0, len(vocab), size=int(n_words.sum()))
    cuts = np.cumsum(n_words)[:-1]
    texts = [" ".join(chunk) for chunk in np.split(vocab[draws], cuts)]
    start = pd.Timestamp("2025-01-01", tz="Europe/Paris")
    times = start + pd.to_timedelta(rng.integers(0, 365 * 86400, size=n), unit="s")
    return pd.DataFrame(
        {
            "doc_id": (1_800_000_000_000_000_000 + np.arange(n)).astype(str),
            "platform": rng.choice(["x", "instagram", "facebook", "mastodon"], size=n),
            "text": texts,
            "created_at": times.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "author_id": np.char.add("user_", rng.integers(0, 50_000, size=n).astype(str)),
            "lang": "fr",
            "territory_code": rng.choice(["37261", "41018", "37003", "72181"], size=n),
            "territory_level": "commune",
            "likes": rng.integers(0, 500, size=n),
            "shares": rng.integers(0, 50, size=n),
        }
    )


def write_files(n: int, folder: Path, formats: list[str]) -> dict[str, Path]:
    table = make_table(n)
    paths = {}
    if "csv" in formats:
        paths["csv"] = folder / "posts.csv"
        table.to_csv(paths["csv"], index=False)
    if "ndjson" in formats:
        paths["ndjson"] = folder / "posts.ndjson"
        table.to_json(paths["ndjson"], orient="records", lines=True, force_ascii=False)
    return paths


def worker(path: str) -> None:
    """Read one file and print a JSON line of figures (run in a subprocess)."""
    from territoire_lab.io import read_corpus

    logging.disable(logging.WARNING)
    t0 = time.perf_counter()
    df = read_corpus(path, key="benchmark key, not a secret", progress=False)
    seconds = time.perf_counter() - t0
    print(json.dumps({"rows": len(df), "seconds": seconds, "peak_mib": _peak_kib() / 1024}))


def _peak_kib() -> float:
    """Peak resident memory of this process in KiB.

    ``VmHWM`` (Linux) starts afresh at ``exec``, unlike ``ru_maxrss``, which a child
    inherits from the parent that generated the files.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", nargs="+", default=["csv", "ndjson"])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        paths = write_files(args.rows, Path(tmp), args.formats)
        print(f"generated {args.rows:,} rows in {time.perf_counter() - t0:.1f}s", flush=True)
        for fmt, path in paths.items():
            out = subprocess.run(
                [sys.executable, __file__, "--worker", str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            res = json.loads(out.stdout.strip().splitlines()[-1])
            size = path.stat().st_size / 2**20
            rate = res["rows"] / res["seconds"]
            print(
                f"{fmt:7s} {res['rows']:>10,} rows  {size:8.1f} MiB  {res['seconds']:7.1f} s  "
                f"{rate:>10,.0f} rows/s  peak RSS {res['peak_mib']:,.0f} MiB",
                flush=True,
            )


if __name__ == "__main__":
    main()
