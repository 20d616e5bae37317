"""Time read_corpus on generated CSV and NDJSON files (1M rows by default).

Each format is read in a fresh subprocess so that its peak memory (max RSS) is its own.
The files imitate a contract-format export: 64-bit ids, French texts of 20-300
characters, ISO times with offsets, handles (pseudonymised at load), counts, COG codes.

A third format, ``xjson``, is one X API v2 search response written on a single line
(``data`` + ``includes.users`` + ``meta``, ~20 MB by default, ``--json-mb``): the issue
asks such a response to load in under a minute and 2 GB.

Usage::

    python benchmarks/bench_io.py                 # 1,000,000 rows, CSV and NDJSON; 20 MB xjson
    python benchmarks/bench_io.py --rows 200000 --formats csv
    python benchmarks/bench_io.py --formats xjson --json-mb 20

Prints one line per format: rows, file size, seconds, rows/s, peak RSS of the reading
process and its RSS after the imports (so that the load's own share shows).
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


def x_v2_response(megabytes: float, seed: int = 0) -> dict:
    """One X API v2 search page of about ``megabytes`` MB (posts, users, mentions)."""
    rng = np.random.default_rng(seed)
    n_users = 2000
    users = [
        {
            "id": str(10**18 + u),
            "username": f"visiteur_{u}",
            "name": f"Visiteur {u}",
            "description": "Amoureux de la Loire, des châteaux et du vélo",
            "location": "Tours, France",
            "public_metrics": {"followers_count": int(u), "following_count": 100},
        }
        for u in range(n_users)
    ]
    n = int(megabytes * 1e6 / 1100)  # ~1.1 kB a post with its metrics
    vocab = np.array(WORDS, dtype=object)
    data = []
    for i in range(n):
        words = " ".join(vocab[rng.integers(0, len(vocab), size=120)])
        data.append(
            {
                "id": str(1864427771338227712 + i),
                "text": f"{words} @visiteur_{(i + 1) % n_users}",
                "created_at": f"2026-07-14T10:{i % 60:02d}:00.000Z",
                "author_id": str(10**18 + i % n_users),
                "lang": "fr",
                "conversation_id": str(1864427771338227712 + i),
                "public_metrics": {
                    "like_count": i % 50,
                    "retweet_count": i % 7,
                    "reply_count": i % 3,
                    "quote_count": 0,
                    "impression_count": 100 + i,
                },
                "entities": {"mentions": [{"username": f"visiteur_{(i + 1) % n_users}"}]},
            }
        )
    meta = {"result_count": n, "next_token": "b26v89c19zqg8o3fpzbkk"}
    return {"data": data, "includes": {"users": users}, "meta": meta}


def write_files(n: int, folder: Path, formats: list[str], json_mb: float = 20.0) -> dict[str, Path]:
    paths = {}
    if "xjson" in formats:
        paths["xjson"] = folder / "x_search_response.json"
        text = json.dumps(x_v2_response(json_mb), ensure_ascii=False, separators=(",", ":"))
        paths["xjson"].write_text(text, encoding="utf-8")
    if not {"csv", "ndjson"} & set(formats):
        return paths
    table = make_table(n)
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
    base_mib = _rss_kib() / 1024
    t0 = time.perf_counter()
    df = read_corpus(path, key="benchmark key, not a secret", progress=False, card=False)
    seconds = time.perf_counter() - t0
    out = {"rows": len(df), "seconds": seconds, "peak_mib": _peak_kib() / 1024}
    print(json.dumps(out | {"base_mib": base_mib}))


def _rss_kib() -> float:
    """Current resident memory in KiB (Linux; 0 elsewhere)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return float(line.split()[1])
    return 0.0


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
    parser.add_argument("--formats", nargs="+", default=["csv", "ndjson", "xjson"])
    parser.add_argument("--json-mb", type=float, default=20.0, help="size of the xjson file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        paths = write_files(args.rows, Path(tmp), args.formats, args.json_mb)
        what = ", ".join(
            f"{f} ({args.rows:,} rows)" if f != "xjson" else f"xjson ({args.json_mb:g} MB)"
            for f in paths
        )
        print(f"generated {what} in {time.perf_counter() - t0:.1f}s", flush=True)
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
                f"{rate:>10,.0f} rows/s  peak RSS {res['peak_mib']:,.0f} MiB "
                f"(after imports {res['base_mib']:,.0f} MiB)",
                flush=True,
            )


if __name__ == "__main__":
    main()
