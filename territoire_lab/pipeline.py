"""Out-of-core and distributed processing of a corpus: clean, places, vectorise, topics.

The same four steps run three ways, with identical results on the same data:

- :func:`run_in_memory`: a pandas corpus, each step on the whole table;
- :func:`run_chunked` with ``client=None``: chunk by chunk from a
  :class:`~territoire_lab.store.CorpusStore`, memory bounded by the chunk, whatever the
  size of the corpus;
- :func:`run_chunked` with ``client=``: the chunks as tasks on a Dask cluster
  (``"local"``: a ``LocalCluster`` of this machine; or any ``distributed.Client``,
  e.g. on a Slurm cluster through ``dask-jobqueue``).

How each step stays exact when chunked:

``clean``
    :func:`territoire_lab.clean.clean_corpus` on each chunk. Cleaning is per document,
    so the tokens and lemmas do not depend on the chunking. The corpus-level flags
    (near duplicates, bots) compare documents with each other and are not computed here
    (``duplicates=False, bots=False``); language detection is off by default for speed
    (``clean_options={"detect_lang": True}`` turns it on, per document).
``places``
    :func:`territoire_lab.places.attribute_territory` with the per-document evidence
    (``geotag``, ``mention``) on each chunk. Thread and author-stay evidence link
    documents of different chunks and are not used here.
``vectorise``
    A vocabulary fitted on a seeded sample of the corpus: a document is in the sample
    when a keyed hash of its ``doc_id`` falls below ``vocab_sample / n_docs`` of the hash
    range, a rule that does not depend on the order or the chunking of the documents.
    ``CountVectorizer`` (``min_df``, ``max_df``, ``max_features`` on the sample), then,
    for NMF, TF-IDF with the inverse document frequencies of the sample.
``topics``
    A :class:`~territoire_lab.topics.TopicModel` (``minibatch_nmf``: mini-batch NMF,
    Mairal et al. 2010, Lefèvre et al. 2011; or ``online_lda``: Hoffman, Blei & Bach
    2010) learnt with :meth:`~territoire_lab.topics.TopicModel.partial_fit` over the
    vocabulary above, on mini-batches of ``batch_size`` documents cut from the stream of
    documents in the store's canonical order (platform, month, append order), a
    remainder carried over from one chunk to the next: the mini-batches and hence the
    topics are the same for any chunk size and any number of workers. The
    document-topic weights are solved row by row (multiplicative updates with a per-row
    stopping rule for NMF, the per-document E-step for LDA), so they do not depend on
    the chunking either.

Results are written per chunk to Parquet under ``output`` (default
``<store>/results``): ``clean/``, ``places/``, ``topics/`` (one file a chunk), plus
``vocabulary.parquet`` and ``model.joblib``. Query them with DuckDB, e.g.
``SELECT * FROM read_parquet('<store>/results/topics/*.parquet')``.

References
----------
Lee, D. D. and Seung, H. S. (2001). Algorithms for non-negative matrix factorization.
*NIPS* 13, 556-562.
Mairal, J., Bach, F., Ponce, J. and Sapiro, G. (2010). Online learning for matrix
factorization and sparse coding. *JMLR* 11, 19-60.
Lefèvre, A., Bach, F. and Févotte, C. (2011). Online algorithms for nonnegative matrix
factorization with the Itakura-Saito divergence. *WASPAA*.
Hoffman, M. D., Blei, D. M. and Bach, F. (2010). Online learning for latent Dirichlet
allocation. *NIPS* 23, 856-864.
Rocklin, M. (2015). Dask: parallel computation with blocked algorithms and task
scheduling. *Proceedings of the 14th Python in Science Conference*, 130-136.
"""

from __future__ import annotations

import itertools
import logging
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ._compat import import_optional
from .clean import clean_corpus
from .places import attribute_territory
from .store import CorpusStore, arrow_to_corpus
from .topics import PARTIAL_FIT_METHODS, TopicModel

__all__ = ["STEPS", "PipelineResult", "run_chunked", "run_in_memory"]

logger = logging.getLogger("territoire_lab")

#: the steps of the pipeline, in order
STEPS = ("clean", "places", "vectorise", "topics")

#: topic models fitted with ``partial_fit``
ONLINE_METHODS = PARTIAL_FIT_METHODS

#: columns of the ``clean`` results (``text_clean`` and ``urls`` are left out: the first
#: is the text again, the second is in ``text``)
CLEAN_RESULT_COLUMNS = ("tokens", "lemmas", "hashtags", "mentions", "emojis", "flags")

#: per-document evidence of :func:`~territoire_lab.places.attribute_territory`
LOCAL_EVIDENCE = ("geotag", "mention")

_PLACES_COLUMNS = ("code", "level", "name", "evidence", "detail", "confidence")


# ----------------------------------------------------------------------------- helpers


def _as_tokens(tokens: Any) -> list[str]:
    """Analyzer of the vectoriser: the token list (a list or an array) is the analysis."""
    if tokens is None or (isinstance(tokens, float) and np.isnan(tokens)):
        return []
    return list(tokens)


def _hash_key(random_state: int) -> str:
    return f"tl{int(random_state) % 10**14:014d}"


def _sample_mask(doc_ids: Any, threshold: np.uint64, random_state: int) -> np.ndarray:
    """Documents in the vocabulary sample: keyed hash of the doc_id below ``threshold``."""
    ids = np.asarray(pd.Series(doc_ids).astype("string").to_numpy(dtype=object))
    h = pd.util.hash_array(ids, hash_key=_hash_key(random_state))
    return h < threshold


def _threshold(vocab_sample: int, n_docs: int) -> np.uint64:
    p = min(1.0, vocab_sample / max(n_docs, 1))
    if p >= 1.0:
        return np.uint64(np.iinfo(np.uint64).max)
    return np.uint64(int(p * float(2**64)))


def _clean_options(options: dict[str, Any] | None) -> dict[str, Any]:
    opts = {"detect_lang": False, **(options or {})}
    for key in ("duplicates", "bots"):
        if opts.get(key):
            raise ValueError(
                f"clean_options={{{key!r}: True}}: {key} compares documents with each other, "
                "which a chunked run cannot do; expected it off; fix: run "
                f"territoire_lab.dedup on the stored text_clean, or clean_corpus in memory"
            )
        opts[key] = False
    opts.setdefault("progress", False)
    return opts


def _places_options(options: dict[str, Any] | None) -> dict[str, Any]:
    opts = {"evidence": LOCAL_EVIDENCE, **(options or {})}
    other = [e for e in opts["evidence"] if e not in LOCAL_EVIDENCE]
    if other:
        raise ValueError(
            f"places_options evidence {other}: these link documents of different chunks; "
            f"expected a subset of {LOCAL_EVIDENCE}; fix: attribute them on the results "
            "(a DuckDB join on reply_to_id) or run attribute_territory in memory"
        )
    opts.setdefault("show_progress", False)
    return opts


def _clean_frame(cleaned: pd.DataFrame) -> pd.DataFrame:
    cols = ["doc_id", *CLEAN_RESULT_COLUMNS]
    if "lang" in cleaned and "lang_detected" in cleaned:
        cols += ["lang", "lang_detected"]
    out = cleaned[cols].copy()
    out["doc_id"] = out["doc_id"].astype("string")
    return out.reset_index(drop=True)


def _places_frame(attributed: pd.DataFrame) -> pd.DataFrame:
    return attributed[["doc_id", *_PLACES_COLUMNS]].reset_index(drop=True)


def _write(df: pd.DataFrame, path: Path) -> None:
    pa = import_optional("pyarrow", extra="scale")
    pq = import_optional("pyarrow.parquet", extra="scale")
    arrays, names = [], []
    for name in df.columns:
        col = df[name]
        if col.dtype == object and name in (*CLEAN_RESULT_COLUMNS, "urls"):
            # offsets + flat values: 7 times faster than pa.array on a list of lists
            lengths = np.fromiter(map(len, col), dtype=np.int64, count=len(col))
            offsets = np.zeros(len(col) + 1, dtype=np.int32)
            np.cumsum(lengths, out=offsets[1:])
            values = pa.array(list(itertools.chain.from_iterable(col)), type=pa.string())
            arrays.append(pa.ListArray.from_arrays(pa.array(offsets), values))
        else:
            arrays.append(pa.array(col, from_pandas=True))
        names.append(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(arrays, names=names), path)


def _read(path: Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    pq = import_optional("pyarrow.parquet", extra="scale")
    return arrow_to_corpus(pq.read_table(path, columns=list(columns) if columns else None))


def _chunk_name(i: int) -> str:
    return f"chunk-{i:06d}.parquet"


# ----------------------------------------------------------------------------- tasks


def _stage_chunk(
    store_path: str,
    files: list[str],
    chunk_id: int,
    out_dir: str,
    steps: tuple[str, ...],
    clean_options: dict[str, Any],
    places_options: dict[str, Any],
    threshold: np.uint64,
    random_state: int,
) -> dict[str, Any]:
    """Read one chunk of the store, clean it and attribute places; write the results.

    Returns the chunk's size, stage times and the lemmas of its vocabulary-sample rows.
    """
    t0 = time.perf_counter()
    store = CorpusStore(store_path, validate=False)
    chunk = next(store.iter_chunks(1 << 62, files=[Path(f) for f in files]))
    timing = {"read": time.perf_counter() - t0}
    return _stage_frame(
        chunk, chunk_id, Path(out_dir), steps, clean_options, places_options, threshold,
        random_state, timing,
    )  # fmt: skip


def _stage_frame(
    chunk: pd.DataFrame,
    chunk_id: int | None,
    out_dir: Path | None,
    steps: tuple[str, ...],
    clean_options: dict[str, Any],
    places_options: dict[str, Any],
    threshold: np.uint64,
    random_state: int,
    timing: dict[str, float],
) -> dict[str, Any]:
    out: dict[str, Any] = {"chunk_id": chunk_id, "n_docs": len(chunk), "timing": timing}
    if "clean" in steps:
        t = time.perf_counter()
        cleaned = _clean_frame(clean_corpus(chunk, **clean_options))
        timing["clean"] = time.perf_counter() - t
        keep = _sample_mask(cleaned["doc_id"], threshold, random_state)
        out["sample_ids"] = cleaned.loc[keep, "doc_id"].tolist()
        out["sample_lemmas"] = [list(v) for v in cleaned.loc[keep, "lemmas"]]
        if out_dir is not None:
            t = time.perf_counter()
            _write(cleaned, out_dir / "clean" / _chunk_name(chunk_id))
            timing["write"] = timing.get("write", 0.0) + time.perf_counter() - t
        else:
            out["clean"] = cleaned
    if "places" in steps:
        t = time.perf_counter()
        places = _places_frame(attribute_territory(chunk, **places_options))
        timing["places"] = time.perf_counter() - t
        if out_dir is not None:
            t = time.perf_counter()
            _write(places, out_dir / "places" / _chunk_name(chunk_id))
            timing["write"] = timing.get("write", 0.0) + time.perf_counter() - t
        else:
            out["places"] = places
    return out


def _vectorise(vectorizer: Any, lemmas: Iterable[Any]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Model input (counts or TF-IDF) and the term counts of a block of documents."""
    counts = vectorizer["counts"].transform(lemmas)
    # by step name: `"weights" in vectorizer` would compare with the steps themselves and
    # be always False (NMF fitted on counts, until 2026-11-29)
    weights = vectorizer.named_steps.get("weights")
    x = weights.transform(counts) if weights is not None else counts
    return sparse.csr_matrix(x, dtype=np.float64), np.asarray(counts.sum(axis=0)).ravel()


def _vectorise_chunk(out_dir: str, chunk_id: int, vectorizer: Any) -> dict[str, Any]:
    t = time.perf_counter()
    lemmas = _read(Path(out_dir) / "clean" / _chunk_name(chunk_id), ["lemmas"])["lemmas"]
    x, tf = _vectorise(vectorizer, lemmas)
    return {"x": x, "tf": tf, "seconds": time.perf_counter() - t}


def _one_blas_thread() -> Any:
    """Limit BLAS to one thread: the products of a mini-batch are small, and a second
    BLAS thread spinning on a busy 2-core machine made them 100 times slower."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1, user_api="blas")


def _doc_topics(model: Any, x: sparse.csr_matrix, *, tol: float = 1e-4, max_iter: int = 500):
    """Document-topic weights, row by row (independent of the other rows of ``x``).

    NMF: multiplicative updates of W with H fixed (Lee & Seung 2001), each row stopped
    when its own relative change falls below ``tol``; LDA: scikit-learn's per-document
    variational E-step.
    """
    with _one_blas_thread():
        return _doc_topics_impl(model, x, tol=tol, max_iter=max_iter)


def _doc_topics_impl(model: Any, x: sparse.csr_matrix, *, tol: float, max_iter: int):
    if not hasattr(model, "beta_loss"):  # LDA: per-document E-step already
        w = model.transform(x)
        w[np.asarray(x.sum(axis=1)).ravel() == 0] = 0.0
        return w
    h = np.asarray(model.components_, dtype=np.float64)
    hht = h @ h.T
    xht = np.asarray(x @ h.T)
    k = xht.shape[1]
    row_mean = np.asarray(x.sum(axis=1)).ravel() / max(x.shape[1], 1)
    w = np.repeat(np.sqrt(row_mean / k)[:, None], k, axis=1)
    active = np.flatnonzero(row_mean > 0)
    eps = np.finfo(np.float64).eps
    for _ in range(max_iter):
        if not len(active):
            break
        wa = w[active]
        new = wa * xht[active] / np.maximum(wa @ hht, eps)
        change = np.abs(new - wa).sum(axis=1) / np.maximum(wa.sum(axis=1), eps)
        w[active] = new
        active = active[change > tol]
    return w


def _topics_frame(doc_ids: Any, w: np.ndarray) -> pd.DataFrame:
    s = w.sum(axis=1, keepdims=True)
    w = np.divide(w, s, out=np.zeros_like(w), where=s > 0)
    empty = s.ravel() == 0
    topic = pd.array(w.argmax(axis=1), dtype="Int64")
    topic[empty] = pd.NA
    return pd.DataFrame(
        {
            "doc_id": pd.array(np.asarray(doc_ids, dtype=object), dtype="string"),
            "topic": topic,
            "topic_weight": np.where(empty, 0.0, w.max(axis=1)),
        }
    )


def _topics_chunk(out_dir: str, chunk_id: int, vectorizer: Any, model: Any) -> dict[str, Any]:
    t = time.perf_counter()
    clean = _read(Path(out_dir) / "clean" / _chunk_name(chunk_id), ["doc_id", "lemmas"])
    x, _ = _vectorise(vectorizer, clean["lemmas"])
    frame = _topics_frame(clean["doc_id"], _doc_topics(model, x))
    _write(frame, Path(out_dir) / "topics" / _chunk_name(chunk_id))
    return {"n_docs": len(frame), "seconds": time.perf_counter() - t}


# ----------------------------------------------------------------------------- runners


class _LocalRunner:
    """Runs the tasks one after the other in this process."""

    def map_ordered(
        self, fn: Callable[..., Any], items: Sequence[tuple], **shared: Any
    ) -> Iterator[Any]:
        for args in items:
            yield fn(*args, **shared)


class _DaskRunner:
    """Submits the tasks to a Dask cluster, yields their results in order.

    At most ``window`` tasks are in flight, so results waiting to be consumed stay
    bounded in memory.
    """

    def __init__(self, client: Any, window: int) -> None:
        self.client = client
        self.window = max(1, window)

    def map_ordered(
        self, fn: Callable[..., Any], items: Sequence[tuple], **shared: Any
    ) -> Iterator[Any]:
        scattered = {
            k: self.client.scatter(v, broadcast=True, hash=False) for k, v in shared.items()
        }
        pending: deque = deque()
        it = iter(items)

        def submit(args: tuple) -> None:
            pending.append(self.client.submit(fn, *args, **scattered, pure=False))

        for args in it:
            submit(args)
            if len(pending) >= self.window:
                break
        while pending:
            fut = pending.popleft()
            res = fut.result()
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                submit(nxt)
            yield res


def _progress(iterable: Iterable, *, total: int, desc: str, show: bool | None) -> Iterable:
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, disable=None if show is None else not show)


# ----------------------------------------------------------------------------- result


@dataclass
class PipelineResult:
    """What a pipeline run produced.

    Attributes
    ----------
    n_docs : int
    n_chunks : int
        Chunks processed (1 for :func:`run_in_memory`).
    output : Path or None
        Directory of the Parquet results (None in memory).
    tables : dict of str to DataFrame
        In-memory results (``clean``, ``places``, ``topics``) of :func:`run_in_memory`;
        for a chunked run use :meth:`read` or DuckDB on :meth:`glob`.
    topic_model : TopicModel or None
        The :class:`~territoire_lab.topics.TopicModel` learnt by
        :meth:`~territoire_lab.topics.TopicModel.partial_fit` (``vectorizer_`` is
        ``vectorizer``; ``model_`` the scikit-learn estimator): ``top_terms``,
        ``transform``, ``coherence`` ... work, and more chunks can be learnt with
        ``partial_fit``. The document topics are in the ``topics`` results
        (:meth:`read`), not in the model (its ``doc_topics()`` raises, saying so).
    vectorizer : sklearn Pipeline or None
        ``counts`` (CountVectorizer) then, for NMF, ``weights`` (TfidfTransformer).
    term_counts : ndarray or None
        Count of each vocabulary term over the whole corpus.
    n_sample : int
        Documents of the vocabulary sample.
    timings : dict of str to float
        Seconds per stage, summed over chunks (on the workers for Dask): ``read``,
        ``clean``, ``places``, ``write``, ``vectorise``, ``fit``, ``transform``.
    wall : dict of str to float
        Elapsed seconds of each pass and ``total``.
    """

    n_docs: int
    n_chunks: int
    output: Path | None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    topic_model: TopicModel | None = None
    vectorizer: Any = None
    term_counts: np.ndarray | None = None
    n_sample: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    wall: dict[str, float] = field(default_factory=dict)

    def glob(self, step: str) -> str:
        """Glob of the Parquet files of a step (for DuckDB's ``read_parquet``)."""
        if self.output is None:
            raise ValueError("an in-memory run has no files: use result.tables[step]")
        return str(self.output / step / "chunk-*.parquet")

    def read(self, step: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The results of a step as one DataFrame (for results that fit in memory)."""
        if step in self.tables:
            return self.tables[step] if columns is None else self.tables[step][list(columns)]
        if self.output is None or not (self.output / step).exists():
            raise ValueError(f"no results for step {step!r}; steps run: {sorted(self.tables)}")
        files = sorted((self.output / step).glob("chunk-*.parquet"))
        return pd.concat([_read(f, columns) for f in files], ignore_index=True)


def _make_vectorizer(
    sample: list[list[str]], *, method: str, min_df: Any, max_df: Any, max_features: Any
) -> Any:
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
    from sklearn.pipeline import Pipeline

    counts = CountVectorizer(
        analyzer=_as_tokens, lowercase=False, min_df=min_df, max_df=max_df,
        max_features=max_features,
    )  # fmt: skip
    try:
        c = counts.fit_transform(sample)
    except ValueError as err:
        raise ValueError(
            f"vectorise: no term kept from a sample of {len(sample)} documents ({err}); "
            "expected a vocabulary; fix: raise vocab_sample or lower min_df"
        ) from err
    steps = [("counts", counts)]
    if method == "minibatch_nmf":
        steps.append(("weights", TfidfTransformer().fit(c)))
    return Pipeline(steps)


def _topic_model(
    method: str, n_topics: int, batch_size: int, n_docs: int, random_state: int, **limits: Any
) -> TopicModel:
    """The pipeline's topic model, to be learnt with ``partial_fit``.

    Mini-batch NMF with the Frobenius loss on the matrices of :func:`_vectorise`, NNDSVDA
    on the first mini-batch (the vocabulary is given fitted, not as a sample); online LDA
    scaled to the corpus (``total_samples``). ``limits``
    (``min_df``, ``max_df``, ``max_features``) record the vocabulary rules in the model's
    parameters; the vocabulary itself is the pipeline's, given to ``partial_fit``.
    """
    return TopicModel(
        method=method, n_topics=n_topics, beta_loss="frobenius", batch_size=batch_size,
        total_samples=max(n_docs, 1), random_state=random_state, **limits,
    )  # fmt: skip


class _BatchStream:
    """Cut a stream of row blocks into mini-batches of ``batch_size`` rows for partial_fit.

    The full mini-batches of what has arrived go to
    :meth:`~territoire_lab.topics.TopicModel.partial_fit` at once (it cuts them in
    ``batch_size`` rows); the remainder waits for the next block, so the mini-batches do
    not depend on the chunking.
    """

    def __init__(self, model: TopicModel, batch_size: int, vocabulary: Any) -> None:
        self.model = model
        self.batch_size = batch_size
        self.vocabulary = vocabulary
        self.buffer: sparse.csr_matrix | None = None

    def feed(self, x: sparse.csr_matrix) -> None:
        buf = x if self.buffer is None else sparse.vstack([self.buffer, x], format="csr")
        n, bs = buf.shape[0], self.batch_size
        full = n - n % bs
        if full:
            self.model.partial_fit(buf[:full], vocabulary=self.vocabulary)
        self.buffer = buf[full:] if full < n else None

    def flush(self) -> None:
        if self.buffer is not None and self.buffer.shape[0]:
            self.model.partial_fit(self.buffer, vocabulary=self.vocabulary)
        self.buffer = None


def _check_args(steps: Sequence[str], method: str, chunksize: int, batch_size: int) -> tuple:
    steps = tuple(steps)
    bad = [s for s in steps if s not in STEPS]
    if bad:
        raise ValueError(f"unknown step(s) {bad}; expected a subset of {STEPS}")
    if ("vectorise" in steps or "topics" in steps) and "clean" not in steps:
        raise ValueError(
            f"steps={steps}: vectorise and topics read the lemmas of the clean step; "
            "expected 'clean' among the steps; fix: add it"
        )
    if "topics" in steps and "vectorise" not in steps:
        steps = (*steps, "vectorise")
    if method not in ONLINE_METHODS:
        raise ValueError(
            f"method={method!r}; expected one of {ONLINE_METHODS} (models with partial_fit)"
        )
    if chunksize < 1 or batch_size < 1:
        raise ValueError(f"chunksize={chunksize}, batch_size={batch_size}; expected >= 1")
    return steps


# ----------------------------------------------------------------------------- public


def run_in_memory(
    corpus: pd.DataFrame,
    *,
    steps: Sequence[str] = STEPS,
    n_topics: int = 20,
    method: str = "minibatch_nmf",
    vocab_sample: int = 30_000,
    min_df: int | float = 5,
    max_df: int | float = 0.5,
    max_features: int | None = None,
    batch_size: int = 2048,
    n_epochs: int = 1,
    clean_options: dict[str, Any] | None = None,
    places_options: dict[str, Any] | None = None,
    random_state: int = 0,
) -> PipelineResult:
    """Run the pipeline on a pandas corpus, each step on the whole table.

    The reference of :func:`run_chunked`: on the same documents both give the same
    tokens, counts, places and topics. The documents are processed in the store's
    canonical order (platform, then month, then their order in ``corpus``).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus in the data contract.
    steps, n_topics, method, vocab_sample, min_df, max_df, max_features, batch_size,
    n_epochs, clean_options, places_options, random_state
        See :func:`run_chunked`.

    Returns
    -------
    PipelineResult
        With ``tables`` ``clean``, ``places`` and ``topics`` (one row a document, in the
        canonical order).

    References
    ----------
    Mairal et al. (2010); Hoffman, Bach & Blei (2010). See the module docstring.
    """
    steps = _check_args(steps, method, 1, batch_size)
    t_all = time.perf_counter()
    month = corpus["created_at"].dt.tz_convert("UTC").dt.strftime("%Y-%m")
    order = np.lexsort((month.to_numpy(), corpus["platform"].astype("string").to_numpy()))
    corpus = corpus.iloc[order].reset_index(drop=True)
    n = len(corpus)
    thr = _threshold(vocab_sample, n)
    timing: dict[str, float] = {}
    out = _stage_frame(
        corpus, None, None, steps, _clean_options(clean_options),
        _places_options(places_options), thr, random_state, timing,
    )  # fmt: skip
    res = PipelineResult(n_docs=n, n_chunks=1, output=None, timings=timing)
    for key in ("clean", "places"):
        if key in out:
            res.tables[key] = out[key]
    res.wall["clean_places"] = time.perf_counter() - t_all
    if "vectorise" in steps:
        t = time.perf_counter()
        res.n_sample = len(out["sample_lemmas"])
        vec = _make_vectorizer(
            out["sample_lemmas"], method=method, min_df=min_df, max_df=max_df,
            max_features=max_features,
        )  # fmt: skip
        x, tf = _vectorise(vec, out["clean"]["lemmas"])
        res.vectorizer, res.term_counts = vec, tf
        timing["vectorise"] = res.wall["vectorise"] = time.perf_counter() - t
        if "topics" in steps:
            t = time.perf_counter()
            tm = _topic_model(
                method, n_topics, batch_size, n, random_state, min_df=min_df, max_df=max_df,
                max_features=max_features,
            )  # fmt: skip
            for _ in range(n_epochs):
                stream = _BatchStream(tm, batch_size, vec)
                stream.feed(x)
                stream.flush()
            timing["fit"] = res.wall["fit"] = time.perf_counter() - t
            t = time.perf_counter()
            w = _doc_topics(tm.model_, x)
            res.tables["topics"] = _topics_frame(out["clean"]["doc_id"], w)
            timing["transform"] = res.wall["transform"] = time.perf_counter() - t
            res.topic_model = tm
    res.wall["total"] = time.perf_counter() - t_all
    return res


def _plan(store: CorpusStore, chunksize: int) -> list[list[str]]:
    """Consecutive store files grouped into chunks of about ``chunksize`` rows."""
    pq = import_optional("pyarrow.parquet", extra="scale")
    chunks: list[list[str]] = []
    current: list[str] = []
    rows = 0
    for f in store.files():
        current.append(str(f))
        rows += pq.ParquetFile(f).metadata.num_rows
        if rows >= chunksize:
            chunks.append(current)
            current, rows = [], 0
    if current:
        chunks.append(current)
    return chunks


def run_chunked(
    store: CorpusStore | str | Path,
    *,
    steps: Sequence[str] = STEPS,
    chunksize: int = 50_000,
    n_topics: int = 20,
    method: str = "minibatch_nmf",
    vocab_sample: int = 30_000,
    min_df: int | float = 5,
    max_df: int | float = 0.5,
    max_features: int | None = None,
    batch_size: int = 2048,
    n_epochs: int = 1,
    clean_options: dict[str, Any] | None = None,
    places_options: dict[str, Any] | None = None,
    output: str | Path | None = None,
    client: Any = None,
    random_state: int = 0,
    show_progress: bool | None = None,
) -> PipelineResult:
    """Clean, attribute places, vectorise and fit topics chunk by chunk from a store.

    Memory is bounded by the chunk (plus the vocabulary sample and the model), not by
    the corpus. With ``client``, the chunks are tasks on a Dask cluster; the mini-batch
    topic fit runs on the client, in the canonical order, so the results are those of
    :func:`run_in_memory` on the same documents, whatever the chunk size and the number
    of workers.

    Parameters
    ----------
    store : CorpusStore or path
    steps : sequence of {"clean", "places", "vectorise", "topics"}
        ``vectorise`` and ``topics`` need ``clean``; ``topics`` implies ``vectorise``.
    chunksize : int, default 50_000
        Rows per chunk (whole store files are grouped up to this size).
    n_topics : int, default 20
    method : {"minibatch_nmf", "online_lda"}, default "minibatch_nmf"
        Mini-batch NMF of the TF-IDF matrix (Frobenius loss, NNDSVDA initialisation on
        the first mini-batch) or online LDA on counts.
    vocab_sample : int, default 30_000
        Expected size of the seeded sample the vocabulary (and the IDF) is fitted on.
    min_df, max_df, max_features
        Vocabulary limits on the sample (as in :class:`~territoire_lab.topics.TopicModel`).
    batch_size : int, default 2048
        Documents per ``partial_fit`` mini-batch.
    n_epochs : int, default 1
        Passes over the corpus of the topic fit.
    clean_options : dict, optional
        Passed to :func:`~territoire_lab.clean.clean_corpus` (default
        ``detect_lang=False``; ``duplicates`` and ``bots`` cannot be on).
    places_options : dict, optional
        Passed to :func:`~territoire_lab.places.attribute_territory` (default
        ``evidence=("geotag", "mention")``; ``level``, ``targets``, ... allowed).
    output : path, optional
        Results directory (default ``<store>/results``); the steps' directories are
        replaced.
    client : distributed.Client, "local" or None
        None: run here, chunk after chunk. ``"local"``: a ``LocalCluster`` of 2 worker
        processes of one thread, closed at the end. A ``Client``: its cluster (the
        store and ``output`` must be on a file system the workers see).
    random_state : int, default 0
        Seed of the vocabulary sample and of the topic model.
    show_progress : bool, optional
        tqdm progress bars (default: only in a terminal or notebook).

    Returns
    -------
    PipelineResult

    References
    ----------
    Mairal et al. (2010); Hoffman, Bach & Blei (2010); Rocklin (2015). See the module
    docstring.

    Examples
    --------
    >>> import tempfile, territoire_lab as tl
    >>> from territoire_lab.store import CorpusStore
    >>> store = CorpusStore(tempfile.mkdtemp())
    >>> _ = store.append(tl.load_sample_corpus(key="doc example key, 16+ bytes").head(3000))
    >>> res = run_chunked(store, chunksize=1000, n_topics=5, show_progress=False)
    >>> res.n_docs, res.read("topics")["topic"].notna().mean() > 0.9
    (3000, np.True_)
    """
    steps = _check_args(steps, method, chunksize, batch_size)
    store = store if isinstance(store, CorpusStore) else CorpusStore(store)
    out_dir = Path(output) if output is not None else store.path / "results"
    t_all = time.perf_counter()
    plan = _plan(store, chunksize)
    n = len(store)
    if not plan:
        raise ValueError(f"the store {store.path} is empty: append a corpus first")
    for step in ("clean", "places", "topics"):
        if step in steps and (out_dir / step).exists():
            shutil.rmtree(out_dir / step)
    own_cluster = None
    if isinstance(client, str):
        if client != "local":
            raise ValueError(f"client={client!r}; expected None, 'local' or a distributed.Client")
        distributed = import_optional("distributed", extra="scale", purpose="client='local'")
        own_cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = distributed.Client(own_cluster)
    try:
        if client is None:
            runner: Any = _LocalRunner()
        else:
            n_workers = max(1, len(client.scheduler_info().get("workers", {})))
            runner = _DaskRunner(client, window=2 * n_workers)
        res = _run_plan(
            runner, store, plan, n, out_dir, steps, n_topics=n_topics, method=method,
            vocab_sample=vocab_sample, min_df=min_df, max_df=max_df,
            max_features=max_features, batch_size=batch_size, n_epochs=n_epochs,
            clean_options=_clean_options(clean_options),
            places_options=_places_options(places_options), random_state=random_state,
            show_progress=show_progress,
        )  # fmt: skip
    finally:
        if own_cluster is not None:
            client.close()
            own_cluster.close()
    res.wall["total"] = time.perf_counter() - t_all
    logger.info(
        "run_chunked: %d documents in %d chunks, %.1f s (%s)",
        res.n_docs,
        res.n_chunks,
        res.wall["total"],
        ", ".join(f"{k} {v:.1f} s" for k, v in res.wall.items()),
    )
    return res


def _run_plan(
    runner: Any,
    store: CorpusStore,
    plan: list[list[str]],
    n: int,
    out_dir: Path,
    steps: tuple[str, ...],
    *,
    n_topics: int,
    method: str,
    vocab_sample: int,
    min_df: Any,
    max_df: Any,
    max_features: Any,
    batch_size: int,
    n_epochs: int,
    clean_options: dict[str, Any],
    places_options: dict[str, Any],
    random_state: int,
    show_progress: bool | None,
) -> PipelineResult:
    res = PipelineResult(n_docs=0, n_chunks=len(plan), output=out_dir)
    timings = res.timings
    thr = _threshold(vocab_sample, n)
    sample_ids: list[str] = []
    sample: list[list[str]] = []
    t = time.perf_counter()
    if "clean" in steps or "places" in steps:
        items = [
            (str(store.path), files, i, str(out_dir), steps, clean_options, places_options,
             thr, random_state)
            for i, files in enumerate(plan)
        ]  # fmt: skip
        for part in _progress(
            runner.map_ordered(_stage_chunk, items), total=len(plan), desc="clean+places",
            show=show_progress,
        ):  # fmt: skip
            res.n_docs += part["n_docs"]
            for k, v in part["timing"].items():
                timings[k] = timings.get(k, 0.0) + v
            sample_ids += part.get("sample_ids", [])
            sample += part.get("sample_lemmas", [])
    res.wall["clean_places"] = time.perf_counter() - t
    if "vectorise" not in steps:
        return res
    t = time.perf_counter()
    res.n_sample = len(sample)
    vec = _make_vectorizer(
        sample, method=method, min_df=min_df, max_df=max_df, max_features=max_features
    )
    del sample, sample_ids
    res.vectorizer = vec
    names = vec["counts"].get_feature_names_out()
    timings["vocabulary"] = res.wall["vocabulary"] = time.perf_counter() - t
    tm = None
    if "topics" in steps:
        tm = _topic_model(
            method, n_topics, batch_size, n, random_state, min_df=min_df, max_df=max_df,
            max_features=max_features,
        )  # fmt: skip
    t = time.perf_counter()
    tf = np.zeros(len(names))
    items = [(str(out_dir), i) for i in range(len(plan))]
    epochs = n_epochs if tm is not None else 1
    for epoch in range(epochs):
        stream = _BatchStream(tm, batch_size, vec) if tm is not None else None
        for part in _progress(
            runner.map_ordered(_vectorise_chunk, items, vectorizer=vec), total=len(plan),
            desc=f"fit {epoch + 1}/{epochs}", show=show_progress,
        ):  # fmt: skip
            timings["vectorise"] = timings.get("vectorise", 0.0) + part["seconds"]
            if epoch == 0:
                tf += part["tf"]
            if stream is not None:
                t_fit = time.perf_counter()
                stream.feed(part["x"])
                timings["fit"] = timings.get("fit", 0.0) + time.perf_counter() - t_fit
        if stream is not None:
            stream.flush()
    res.term_counts = tf
    res.wall["vectorise_fit"] = time.perf_counter() - t
    pd.DataFrame({"term": pd.array(names, dtype="string"), "count": tf.astype(np.int64)}).pipe(
        _write, out_dir / "vocabulary.parquet"
    )
    if tm is None:
        return res
    t = time.perf_counter()
    for part in _progress(
        runner.map_ordered(_topics_chunk, items, vectorizer=vec, model=tm.model_),
        total=len(plan), desc="topics", show=show_progress,
    ):  # fmt: skip
        timings["transform"] = timings.get("transform", 0.0) + part["seconds"]
    res.wall["transform"] = time.perf_counter() - t
    res.topic_model = tm
    import joblib

    joblib.dump({"vectorizer": vec, "model": tm.model_}, out_dir / "model.joblib")
    return res
