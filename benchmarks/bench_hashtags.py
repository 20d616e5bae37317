"""Hashtag segmentation: accuracy on the gold table, microseconds a hashtag, load time.

Compares :func:`territoire_lab.hashtags.split_hashtag` with the segmenter that
``territoire_lab.clean`` used before it (copied below as ``baseline_split_hashtag``, so the
comparison survives the switch of ``clean`` to the new module) on the hand-written gold
table ``tests/data/hashtags_fr_gold.csv``: 302 ``dev`` hashtags (the parameters of the new
segmenter were tuned on them), 89 ``heldout`` hashtags written after the parameters were
frozen and 77 ``heldout2`` hashtags written before the elision constraint and the words of
complaint and praise tags (``#coupuredeau``, ``#travauxfail``) were added.

Prints, for each segmenter:

* exact-match accuracy by split and by category, and a lenient accuracy that ignores the
  apostrophe of elided words (the baseline writes ``côte d azur``, the gold ``côte d' azur``);
* microseconds a hashtag (median of ``--repeats`` passes over the 468 hashtags, one core);
* the one-off load time of its resources (median of ``--loads`` fresh interpreters) and the
  memory they take (RSS after minus before, MiB).

Usage::

    python benchmarks/bench_hashtags.py
    python benchmarks/bench_hashtags.py --errors       # also list the misses of the new one

This is a script that prints its figures, not a timed test.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from territoire_lab import hashtags
from territoire_lab.clean import fold_accents, load_word_frequencies

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "hashtags_fr_gold.csv"

# --------------------------------------------------------------------------------------
# Baseline: clean.split_hashtag before territoire_lab.hashtags (verbatim, renamed)
# --------------------------------------------------------------------------------------

_CAMEL_RE = re.compile(
    r"\d+[a-zà-ÿ]{0,2}(?![a-zà-ÿ])|\d+"
    r"|[^\W\d_a-zà-ÿ][^\W\d_A-ZÀ-Þ]+"
    r"|[^\W\d_a-zà-ÿ]+(?=[^\W\d_a-zà-ÿ][^\W\d_A-ZÀ-Þ]|\d|_|$)"
    r"|[^\W\d_A-ZÀ-Þ]+"
    r"|[^\W\d_]+"
)
_MIN_ZIPF_SHORT = {2: 500, 3: 400}


@cache
def _accented_forms() -> dict[str, str]:
    out: dict[str, tuple[int, str]] = {}
    for word, zipf in load_word_frequencies().items():
        key = fold_accents(word)
        if key not in out or zipf > out[key][0]:
            out[key] = (zipf, word)
    forms = {k: w for k, (_, w) in out.items()}
    forms["a"] = "à"
    return forms


def _segment(word: str, freq: Mapping[str, int], max_len: int = 20) -> list[str]:
    n = len(word)
    if n < 6 or word in freq:
        return [word]
    unknown = -1000
    best: list[tuple[float, int]] = [(0.0, 0)] + [(-1e18, 0)] * n
    for i in range(1, n + 1):
        for j in range(max(0, i - max_len), i):
            piece = word[j:i]
            zipf = freq.get(piece)
            if zipf is None:
                key_form = _accented_forms().get(piece)
                zipf = freq.get(key_form) if key_form else None
            if (
                zipf is None
                or (len(piece) == 1 and piece not in "ày")
                or zipf < _MIN_ZIPF_SHORT.get(len(piece), 0)
            ):
                score = unknown * len(piece)
            else:
                score = zipf - 800
            if best[j][0] + score > best[i][0]:
                best[i] = (best[j][0] + score, j)
    pieces = []
    i = n
    while i > 0:
        j = best[i][1]
        pieces.append(word[j:i])
        i = j
    pieces.reverse()
    if len(pieces) > 1 and n / len(pieces) < 3:
        return [word]
    accented = _accented_forms()
    if any(
        (len(p) == 1 and p not in "aày") or (p not in freq and p not in accented) for p in pieces
    ):
        return [word]
    return pieces


def baseline_split_hashtag(tag: str) -> list[str]:
    """The segmenter of ``territoire_lab.clean`` before ``territoire_lab.hashtags``."""
    tag = tag.lstrip("#")
    freq = load_word_frequencies()
    accented = _accented_forms()
    out: list[str] = []
    for part in _CAMEL_RE.findall(tag):
        low = part.lower()
        pieces = [low] if part[0].isdigit() else _segment(low, freq)
        for piece in pieces:
            if piece.isascii() and (piece != "a" or len(tag) > 1):
                piece = accented.get(piece, piece)
            out.append(piece)
    return out


# --------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------


def read_gold() -> list[dict[str, str]]:
    """Rows of the gold table (``hashtag, expected, category, split``)."""
    with GOLD.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("# ")))


def accuracy(
    split: Callable[[str], list[str]], rows: list[dict[str, str]], *, lenient: bool = False
) -> float:
    """Share of rows whose words equal the expected words."""

    def norm(words: str) -> str:
        return words.replace("' ", " ") if lenient else words

    hits = sum(norm(" ".join(split(r["hashtag"]))) == norm(r["expected"]) for r in rows)
    return hits / len(rows)


def micros(split: Callable[[str], list[str]], tags: list[str], repeats: int) -> float:
    """Median microseconds a hashtag over ``repeats`` passes (resources loaded first; the
    memo of segmented runs emptied before each pass, as a fresh cleaner starts with its own)."""
    split(tags[0])
    times = []
    for _ in range(repeats):
        hashtags._RUN_CACHE.clear()
        t0 = time.process_time()
        for tag in tags:
            split(tag)
        times.append((time.process_time() - t0) / len(tags) * 1e6)
    return statistics.median(times)


_LOAD = {
    "baseline": "from bench_hashtags import baseline_split_hashtag as f",
    "new": "from territoire_lab.hashtags import split_hashtag as f",
}
_CHILD = """
import json, time, sys
sys.path.insert(0, {here!r})
{imp}
from _memory import rss_mib
import territoire_lab.clean
before = rss_mib()
t0 = time.perf_counter()
f("#chateauxdelaloire")
print(json.dumps([time.perf_counter() - t0, rss_mib() - before]))
"""


def load_cost(which: str, loads: int) -> tuple[float, float]:
    """Median seconds and MiB of the first call in fresh interpreters (package imported)."""
    code = _CHILD.format(here=str(Path(__file__).resolve().parent), imp=_LOAD[which])
    out = [
        json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                  text=True, check=True).stdout)
        for _ in range(loads)
    ]  # fmt: skip
    return statistics.median(o[0] for o in out), statistics.median(o[1] for o in out)


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--errors", action="store_true", help="list the misses of the new one")
    args = parser.parse_args(argv)

    rows = read_gold()
    splitters = {"baseline": baseline_split_hashtag, "new": hashtags.split_hashtag}
    groups = {
        "dev": [r for r in rows if r["split"] == "dev"],
        "heldout": [r for r in rows if r["split"] == "heldout"],
        "heldout2": [r for r in rows if r["split"] == "heldout2"],
        "all": rows,
    }
    print(f"gold table: {GOLD.name}, {len(rows)} hashtags")
    print(f"{'exact-match accuracy':28}" + "".join(f"{k:>10}" for k in splitters))
    for name, group in groups.items():
        cells = "".join(f"{accuracy(f, group):>10.3f}" for f in splitters.values())
        print(f"  {name + f' (n={len(group)})':26}{cells}")
    cells = "".join(f"{accuracy(f, rows, lenient=True):>10.3f}" for f in splitters.values())
    print(f"  {'all, apostrophes ignored':26}{cells}")
    for cat in sorted({r["category"] for r in rows}):
        group = [r for r in rows if r["category"] == cat]
        cells = "".join(f"{accuracy(f, group):>10.3f}" for f in splitters.values())
        print(f"  {cat + f' (n={len(group)})':26}{cells}")

    tags = [r["hashtag"] for r in rows]
    speed = {k: micros(f, tags, args.repeats) for k, f in splitters.items()}
    print(f"{'us a hashtag (median)':28}" + "".join(f"{speed[k]:>10.1f}" for k in splitters))
    costs = {k: load_cost(k, args.loads) for k in splitters}
    print(f"{'first call, s (load)':28}" + "".join(f"{costs[k][0]:>10.2f}" for k in splitters))
    print(f"{'first call, MiB (RSS)':28}" + "".join(f"{costs[k][1]:>10.1f}" for k in splitters))
    vocab = hashtags.load_hashtag_vocabulary()
    print(
        f"vocabulary: {vocab.n_words} words, {vocab.n_places} place names, "
        f"{len(vocab.units)} pieces, {len(vocab.phrases)} multi-word names"
    )
    if args.errors:
        for r in rows:
            got = " ".join(hashtags.split_hashtag(r["hashtag"]))
            if got != r["expected"]:
                print(f"  {r['split']:9}{r['hashtag']:30}{got:34}expected: {r['expected']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
