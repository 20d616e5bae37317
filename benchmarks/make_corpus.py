"""Generate a large corpus (10k ... 5M posts) as one Parquet file, in constant memory.

The posts are recombined from the bundled sample (``data/sample/posts.csv``, 30,000
generated French posts about eight territories of the Centre-Val de Loire and the
Sarthe): each new post takes a sample post as its base (platform, territory, geotag,
engagement) and its text is made of sentences of posts *of the same territory*, drawn
with a seeded generator, cut to a length of 10 to 40 words (uniform). The vocabulary,
hashtags, emojis, place names and spelling noise are the sample's; the combinations
are new, so the word cache of the cleaner sees realistic repetition, not copies.
``doc_id`` values are 19-digit strings (beyond 2**53), ``created_at`` is uniform over
2024-2025 (24 months), authors are drawn from a pool of ``n / 20`` pseudonyms.

Run::

    python benchmarks/make_corpus.py 1000000 /tmp/tl_bench/corpus_1000000.parquet
    python benchmarks/make_corpus.py 5000000 out.parquet --seed 1 --chunk 200000

Written in row groups of ``--chunk`` posts with ``pyarrow.parquet.ParquetWriter``:
memory is bounded by one chunk whatever the size.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import territoire_lab as tl
from territoire_lab.store import CorpusStore

KEY = "benchmark key, not a secret 0123456789"
_SENT_RE = re.compile(r"[^.!?\n]+[.!?\n]*")
_START = pd.Timestamp("2024-01-01", tz="UTC")
_SECONDS = int((pd.Timestamp("2026-01-01", tz="UTC") - _START).total_seconds())
_KEEP = (
    "platform",
    "lang",
    "territory_code",
    "territory_level",
    "lat",
    "lon",
    "likes",
    "shares",
    "replies",
    "views",
    "rating",
)


def _base() -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The sample posts and, per territory, the pool of their sentences."""
    corpus = tl.load_sample_corpus(key=KEY).reset_index(drop=True)
    pools: dict[str, list[str]] = {}
    for code, text in zip(corpus["territory_code"], corpus["text"], strict=True):
        sents = [s.strip() for s in _SENT_RE.findall(str(text)) if s.strip()]
        pools.setdefault(str(code), []).extend(sents)
    return corpus, pools


def chunks(n: int, *, seed: int = 0, chunk: int = 100_000) -> Iterator[pd.DataFrame]:
    """Yield the generated corpus in DataFrames of ``chunk`` rows (data contract)."""
    base, pools = _base()
    pool_arrays = {k: np.array(v, dtype=object) for k, v in pools.items()}
    rng = np.random.default_rng(seed)
    n_authors = max(10, n // 20)
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        pick = rng.integers(0, len(base), m)
        rows = base.iloc[pick].reset_index(drop=True)
        lengths = rng.integers(10, 41, m)
        texts = []
        codes = rows["territory_code"].astype(str).to_numpy()
        first = rows["text"].to_numpy(dtype=object)
        draws = rng.integers(0, 1 << 30, (m, 6))
        for i in range(m):
            words = str(first[i]).split()
            pool = pool_arrays[codes[i]]
            j = 0
            while len(words) < lengths[i] and j < 6:
                words += str(pool[draws[i, j] % len(pool)]).split()
                j += 1
            texts.append(" ".join(words[: lengths[i]]))
        out = pd.DataFrame(
            {
                "doc_id": pd.array(
                    [str(1_000_000_000_000_000_000 + seed * 10**12 + start + i) for i in range(m)],
                    dtype="string",
                )
            }
        )
        out["platform"] = rows["platform"].astype("string")
        out["text"] = pd.array(texts, dtype="string")
        secs = rng.integers(0, _SECONDS, m)
        out["created_at"] = (_START + pd.to_timedelta(secs, unit="s")).astype("datetime64[ns, UTC]")
        authors = rng.integers(0, n_authors, m)
        out["author_id"] = pd.array([f"u_{seed}_{a:08d}" for a in authors], dtype="string")
        for col in _KEEP:
            out[col] = rows[col].to_numpy()
            out[col] = out[col].astype(rows[col].dtype)
        out["source_file"] = pd.array(["generated"] * m, dtype="string")
        out["source_line"] = pd.array(np.arange(start + 1, start + m + 1), dtype="Int64")
        yield out


def write(n: int, path: str | Path, *, seed: int = 0, chunk: int = 100_000) -> Path:
    """Write ``n`` generated posts to ``path`` (Parquet), one row group a chunk."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    schema = None
    writer = None
    try:
        for df in chunks(n, seed=seed, chunk=chunk):
            if schema is None:
                schema = CorpusStore(path.parent)._arrow_schema(df)
                writer = pq.ParquetWriter(tmp, schema)
            writer.write_table(pa.Table.from_pandas(df, schema=schema, preserve_index=False))
    finally:
        if writer is not None:
            writer.close()
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus and print its size and the time it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of posts (10000, 100000, 1000000, 5000000)")
    parser.add_argument("path", help="output Parquet file")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunk", type=int, default=100_000, help="posts per row group")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    path = write(args.n, args.path, seed=args.seed, chunk=args.chunk)
    size = path.stat().st_size / 1e6
    print(f"{args.n:,} posts -> {path} ({size:,.0f} MB) in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
