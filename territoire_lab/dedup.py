"""Duplicates, near-duplicates and simple bot heuristics.

Copy-paste campaigns, reposts made without the platform's repost feature and automated
accounts inflate some words and some territories. Nothing is dropped here: posts are
*flagged* (in the ``flags`` list column) and grouped with a cluster id, so a study can
count them, look at them and decide.

* :func:`flag_duplicates`: exact duplicates (same matching key) and near duplicates
  (MinHash over word shingles with locality-sensitive hashing, Broder 1997; Leskovec,
  Rajaraman and Ullman 2014, ch. 3).
* :func:`bot_scores` / :func:`flag_bots`: posting rate, repeated texts and link-only
  posts per author.
"""

from __future__ import annotations

import logging
import re
import zlib
from typing import Any

import numpy as np
import pandas as pd

from .clean import fold_accents
from .schema import check_columns

__all__ = [
    "bot_scores",
    "flag_bots",
    "flag_duplicates",
    "is_link_only",
    "matching_key",
    "minhash_signatures",
]

logger = logging.getLogger("territoire_lab")

_RT_RE = re.compile(r"^\s*RT\s+@\w[\w.]*:?\s*", re.IGNORECASE)
_NOISE_RE = re.compile(r"(?:https?://|www\.)\S+|@\w[\w.]*|[^\w\s]|_", re.IGNORECASE)
_PRIME = np.uint64(4294967311)  # a prime just above 2**32


def matching_key(text: str) -> str:
    """Key under which two posts are the same text.

    Drops a leading ``RT @handle:``, URLs, mentions, punctuation and emojis, folds
    accents and case, collapses spaces.

    Examples
    --------
    >>> matching_key("RT @ToursTourisme: Été à Tours ☀️ https://t.co/x !!")
    'ete a tours'
    """
    if not isinstance(text, str):
        return ""
    return " ".join(fold_accents(_NOISE_RE.sub(" ", _RT_RE.sub("", text))).split())


_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_LINK_NOISE_RE = re.compile(r"(?:https?://|www\.)\S+|[@#]\w[\w.]*|\bRT\b", re.IGNORECASE)
_LETTER_RE = re.compile(r"[^\W\d_]")


def is_link_only(text: str) -> bool:
    """A URL and no word besides mentions and hashtags (``RT`` ignored).

    Examples
    --------
    >>> is_link_only("#promo https://gite.fr 👉"), is_link_only("Vu à Blois https://x.co/1")
    (True, False)
    """
    if not isinstance(text, str) or not _URL_RE.search(text):
        return False
    return _LETTER_RE.search(_LINK_NOISE_RE.sub(" ", text)) is None


def _shingle_hashes(key: str, k: int) -> np.ndarray:
    words = key.split()
    if len(words) <= k:
        shingles = [key]
    else:
        shingles = {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
    return np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles)
    )


def minhash_signatures(
    keys: list[str], *, num_perm: int = 64, shingle: int = 3, random_state: int = 0
) -> np.ndarray:
    """MinHash signatures of texts over their word ``shingle``-grams.

    The probability that two signatures agree at one position equals the Jaccard
    similarity of the two shingle sets (Broder 1997).

    Returns
    -------
    ndarray of uint64, shape (n_texts, num_perm)

    References
    ----------
    Broder, A. Z. (1997). On the resemblance and containment of documents. *Proceedings
    of Compression and Complexity of Sequences*, 21-29.

    Examples
    --------
    >>> sig = minhash_signatures(["le chateau de chambord est magnifique ce matin",
    ...                           "le chateau de chambord est magnifique ce soir",
    ...                           "bouchons sur le pont wilson a tours"])
    >>> float((sig[0] == sig[1]).mean()) > float((sig[0] == sig[2]).mean())
    True
    """
    rng = np.random.default_rng(random_state)
    a = rng.integers(1, 2**32 - 1, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, 2**32 - 1, size=num_perm, dtype=np.uint64)
    sig = np.empty((len(keys), num_perm), dtype=np.uint64)
    batch = 4096
    for start in range(0, len(keys), batch):
        hashes = [_shingle_hashes(k, shingle) for k in keys[start : start + batch]]
        lengths = np.fromiter((len(h) for h in hashes), dtype=np.int64, count=len(hashes))
        flat = np.concatenate(hashes)
        perm = (flat[:, None] * a[None, :] + b[None, :]) % _PRIME
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        sig[start : start + len(hashes)] = np.minimum.reduceat(perm, offsets, axis=0)
    return sig


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = np.arange(n)

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return int(root)

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def flag_duplicates(
    corpus: pd.DataFrame,
    *,
    text_col: str = "text",
    threshold: float = 0.8,
    shingle: int = 3,
    num_perm: int = 64,
    bands: int = 16,
    min_words: int = 5,
    random_state: int = 0,
) -> pd.DataFrame:
    """Group exact and near-duplicate posts and flag the copies.

    Parameters
    ----------
    corpus : DataFrame
    text_col : str, default "text"
    threshold : float, default 0.8
        Estimated Jaccard similarity of word shingles above which two posts are near
        duplicates.
    shingle : int, default 3
        Words per shingle.
    num_perm, bands : int
        MinHash size and LSH bands (``num_perm / bands`` rows a band): pairs above
        about ``(1 / bands) ** (bands / num_perm)`` similarity become candidates.
    min_words : int, default 5
        Texts with fewer words (after :func:`matching_key`) are left out: "Ça promet…"
        or "Magnifique !" written by many people is not a campaign (repeats by one
        author are caught by :func:`bot_scores`).
    random_state : int, default 0

    Returns
    -------
    DataFrame
        A copy with ``dup_cluster`` (Int64, the same id for every post of a group of two
        or more, in order of first appearance, else missing), ``dup_kind`` (``exact`` or
        ``near``) and ``flags`` (created if absent) where every post of a group but the
        first gets ``duplicate`` (same key) or ``near_duplicate``. A post that declares
        itself a repost (``repost_of_id`` set) is grouped but not flagged.

    References
    ----------
    Leskovec, J., Rajaraman, A. and Ullman, J. D. (2014). *Mining of Massive Datasets*,
    2nd ed., ch. 3. Cambridge University Press.

    Examples
    --------
    >>> base = ("Venez découvrir le festival de Chinon ce week-end : concerts gratuits, "
    ...         "marché des producteurs et feu d'artifice au bord de la Vienne samedi soir")
    >>> df = pd.DataFrame({"text": [base, base.upper() + " 🎶", base + " et dimanche",
    ...                             "Bouchons sur le pont Wilson ce matin, comme d'habitude"]})
    >>> out = flag_duplicates(df)
    >>> out["dup_cluster"].tolist(), out["flags"].tolist()
    ([0, 0, 0, <NA>], [[], ['duplicate'], ['near_duplicate'], []])
    """
    check_columns(corpus, [text_col], where="flag_duplicates")
    out = corpus.copy()
    n = len(out)
    keys = [matching_key(t) for t in out[text_col].tolist()]
    codes, _ = pd.factorize(pd.Series(keys, dtype=object))
    uf = _UnionFind(n)
    first_of_code: dict[int, int] = {}
    for i, c in enumerate(codes):
        if len(keys[i].split()) < min_words:  # "Ça promet…" twice is not a campaign
            continue
        j = first_of_code.setdefault(int(c), i)
        if j != i:
            uf.union(j, i)
    # near duplicates among distinct keys long enough
    reps = np.array(
        [i for c, i in first_of_code.items() if len(keys[i].split()) >= min_words], dtype=np.int64
    )
    near_pairs = 0
    if len(reps) > 1:
        sig = minhash_signatures(
            [keys[i] for i in reps], num_perm=num_perm, shingle=shingle, random_state=random_state
        )
        rows = num_perm // bands
        for band in range(bands):
            block = np.ascontiguousarray(sig[:, band * rows : (band + 1) * rows])
            _, inverse, counts = np.unique(
                block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel(),
                return_inverse=True,
                return_counts=True,
            )
            multi = np.flatnonzero(counts[inverse] > 1)
            if len(multi) == 0:
                continue
            order = multi[np.argsort(inverse[multi], kind="stable")]
            groups = np.split(order, np.flatnonzero(np.diff(inverse[order])) + 1)
            for g in groups:
                head = g[0]
                for other in g[1:]:
                    a, b = int(reps[head]), int(reps[other])
                    if uf.find(a) == uf.find(b):
                        continue
                    if float((sig[head] == sig[other]).mean()) >= threshold:
                        uf.union(a, b)
                        near_pairs += 1
    roots = np.array([uf.find(i) for i in range(n)], dtype=np.int64)
    sizes = np.bincount(roots, minlength=n)
    in_group = sizes[roots] > 1
    cluster = pd.array([pd.NA] * n, dtype="Int64")
    kind: list[Any] = [None] * n
    ids: dict[int, int] = {}
    declared = (
        out["repost_of_id"].notna().to_numpy(dtype=bool)
        if "repost_of_id" in out.columns
        else np.zeros(n, dtype=bool)
    )
    if "flags" in out.columns:
        flags = [list(f) if isinstance(f, list) else [] for f in out["flags"]]
    else:
        flags = [[] for _ in range(n)]
    for i in np.flatnonzero(in_group):
        r = int(roots[i])
        cid = ids.setdefault(r, len(ids))
        cluster[i] = cid
        same = codes[i] == codes[r]
        kind[i] = "exact" if same else "near"
        if i != r and not declared[i]:
            flags[i].append("duplicate" if same else "near_duplicate")
    out["dup_cluster"] = cluster
    out["dup_kind"] = pd.array(kind, dtype="string")
    out["flags"] = pd.Series(flags, index=out.index, dtype=object)
    logger.info(
        "duplicates: %d groups, %d posts in groups, %d near-duplicate links",
        len(ids),
        int(in_group.sum()),
        near_pairs,
    )
    return out


def bot_scores(
    corpus: pd.DataFrame,
    *,
    author_col: str = "author_id",
    time_col: str = "created_at",
    text_col: str = "text",
    max_per_hour: int = 10,
    repeat_share: float = 0.5,
    link_share: float = 0.8,
    min_posts: int = 5,
) -> pd.DataFrame:
    """Per-author signals of automated posting.

    Parameters
    ----------
    corpus : DataFrame
        With ``author_col``, ``time_col`` (datetimes) and ``text_col``.
    max_per_hour : int, default 10
        More posts than this within one hour (sliding window) is suspect.
    repeat_share : float, default 0.5
        Share of an author's posts repeating one of their own earlier texts (same
        :func:`matching_key`) above which the author is suspect.
    link_share : float, default 0.8
        Share of link-only posts (a URL and no word besides mentions/hashtags) above
        which the author is suspect.
    min_posts : int, default 5
        Authors with fewer posts are never suspect on shares.

    Returns
    -------
    DataFrame
        One row an author: ``author_id``, ``n_posts``, ``max_per_hour``,
        ``share_repeated``, ``share_link_only``, ``reasons`` (``;``-joined: ``rate``,
        ``repeat``, ``link_only``) and ``suspect`` (bool). Sorted by ``n_posts``
        descending.

    Examples
    --------
    >>> t0 = pd.Timestamp("2025-07-01 08:00", tz="UTC")
    >>> df = pd.DataFrame({
    ...     "author_id": ["bot"] * 12 + ["anne"] * 2,
    ...     "created_at": [t0 + pd.Timedelta(minutes=m) for m in range(12)] + [t0, t0],
    ...     "text": ["Promo gîte https://x.co/a"] * 12 + ["Super balade", "Et après ?"]})
    >>> bot_scores(df)[["author_id", "n_posts", "max_per_hour", "reasons", "suspect"]]
      author_id  n_posts  max_per_hour      reasons  suspect
    0       bot       12            12  rate;repeat     True
    1      anne        2             2                 False
    """
    check_columns(corpus, [author_col, time_col, text_col], where="bot_scores")
    df = pd.DataFrame(
        {
            "author": corpus[author_col].to_numpy(),
            "t": pd.to_datetime(corpus[time_col], utc=True).to_numpy(),
            "text": corpus[text_col].fillna("").astype(str).to_numpy(),
        }
    )
    df["key"] = [matching_key(t) for t in df["text"]]
    df["link_only"] = [is_link_only(t) for t in df["text"]]
    df["repeated"] = df.duplicated(["author", "key"]) & (df["key"] != "")
    df = df.sort_values(["author", "t"], kind="stable")
    t_ns = df["t"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    authors = df["author"].to_numpy()
    hour = np.int64(3600 * 10**9)
    rates = {}
    for author, idx in pd.Series(np.arange(len(df))).groupby(authors, sort=False):
        times = t_ns[idx.to_numpy()]
        rates[author] = int(
            (np.searchsorted(times, times + hour, side="left") - np.arange(len(times))).max()
        )
    g = df.groupby("author", sort=False)
    table = pd.DataFrame(
        {
            "author_id": list(g.groups.keys()),
            "n_posts": g.size().to_numpy(),
            "share_repeated": g["repeated"].mean().to_numpy(),
            "share_link_only": g["link_only"].mean().to_numpy(),
        }
    )
    table["max_per_hour"] = table["author_id"].map(rates).astype(int)
    enough = table["n_posts"] >= min_posts
    reasons = pd.DataFrame(
        {
            "rate": table["max_per_hour"] > max_per_hour,
            "repeat": enough & (table["share_repeated"] >= repeat_share),
            "link_only": enough & (table["share_link_only"] >= link_share),
        }
    )
    table["reasons"] = [
        ";".join(c for c in reasons.columns if row[c]) for _, row in reasons.iterrows()
    ]
    table["suspect"] = reasons.any(axis=1).to_numpy()
    table = table[
        [
            "author_id",
            "n_posts",
            "max_per_hour",
            "share_repeated",
            "share_link_only",
            "reasons",
            "suspect",
        ]
    ]
    return table.sort_values(
        ["n_posts", "author_id"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def flag_bots(corpus: pd.DataFrame, **options: Any) -> pd.DataFrame:
    """Flag the posts of suspect authors (``bot_<reason>``) and link-only posts.

    Parameters
    ----------
    corpus : DataFrame
    **options
        Passed to :func:`bot_scores`.

    Returns
    -------
    DataFrame
        A copy with ``flags`` (created if absent): ``bot_rate``, ``bot_repeat``,
        ``bot_link_only`` on every post of a suspect author, ``link_only`` on each post
        that is only a link.

    Examples
    --------
    >>> t0 = pd.Timestamp("2025-07-01 08:00", tz="UTC")
    >>> df = pd.DataFrame({"author_id": ["a", "b"], "created_at": [t0, t0],
    ...                    "text": ["https://gite.fr", "Belle vue sur la Loire"]})
    >>> flag_bots(df)["flags"].tolist()
    [['link_only'], []]
    """
    scores = bot_scores(corpus, **options)
    author_col = options.get("author_col", "author_id")
    text_col = options.get("text_col", "text")
    reasons = dict(zip(scores["author_id"], scores["reasons"], strict=True))
    out = corpus.copy()
    if "flags" in out.columns:
        flags = [list(f) if isinstance(f, list) else [] for f in out["flags"]]
    else:
        flags = [[] for _ in range(len(out))]
    for i, (author, text) in enumerate(
        zip(out[author_col].tolist(), out[text_col].fillna("").astype(str), strict=True)
    ):
        for reason in filter(None, reasons.get(author, "").split(";")):
            flags[i].append(f"bot_{reason}")
        if is_link_only(text):
            flags[i].append("link_only")
    out["flags"] = pd.Series(flags, index=out.index, dtype=object)
    n_bot = sum(any(f.startswith("bot_") for f in fl) for fl in flags)
    logger.info("bots: %d suspect authors, %d posts flagged", int(scores["suspect"].sum()), n_bot)
    return out
