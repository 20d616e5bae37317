"""territoire_lab: comparative territorial-marketing studies of French territories.

How does each French territory speak about itself, and how do its residents and its
visitors speak about it? The library loads public posts, reviews and institutional
texts into one validated corpus table, and runs the analyses of such a study on it.

Importing the package is light: geopandas, spaCy and Dask are imported only by the
functions that need them.
"""

from __future__ import annotations

import logging

from .agreement import agreement
from .alerts import detect_alerts
from .annotation import annotation_sample, read_annotations, validate_against
from .audience import AudienceClassifier
from .ca import CorrespondenceAnalysis
from .clean import FrenchTextCleaner, clean_corpus
from .datasets import (
    dataset_path,
    list_datasets,
    load_datatourisme,
    load_sample,
    load_sample_corpus,
    load_sample_truth,
    load_territories,
    verify_datasets,
)
from .dedup import bot_scores, flag_duplicates
from .exceptions import (
    CorpusSchemaError,
    LoaderError,
    MissingResourceError,
    OptionalDependencyError,
    TerritoireLabError,
)
from .exchange import to_gexf, to_graphml
from .export import export
from .io import LoadResult, dataset_card, read_corpus, write_card
from .keyness import benjamini_hochberg, count_terms, keyness, specificities
from .langid import detect_language
from .pipeline import run_chunked, run_in_memory
from .places import Gazetteer, attribute_territory, find_places, load_gazetteer
from .privacy import pseudonymize, scrub_text
from .reading import (
    CollocationMerger,
    Concordance,
    KwicIndex,
    build_index,
    collocations,
    examples,
    kwic,
    merge_collocations,
)
from .reinert import Reinert, read_iramuteq, segment_corpus, to_iramuteq
from .schema import (
    check_columns,
    coerce_corpus,
    validate_accounts,
    validate_corpus,
    validate_interactions,
    validate_territories,
)
from .sentiment import score_sentiment
from .store import CorpusStore
from .topics import (
    TopicModel,
    choose_n_topics,
    coherence,
    image_gap,
    prevalence,
    topic_diversity,
    topic_stability,
    word_intrusion,
)
from .versions import show_versions

__version__ = "0.1.0"

__all__ = [
    "AudienceClassifier",
    "CollocationMerger",
    "Concordance",
    "CorpusSchemaError",
    "CorpusStore",
    "CorrespondenceAnalysis",
    "FrenchTextCleaner",
    "Gazetteer",
    "KwicIndex",
    "LoadResult",
    "LoaderError",
    "MissingResourceError",
    "OptionalDependencyError",
    "Reinert",
    "TerritoireLabError",
    "TopicModel",
    "__version__",
    "agreement",
    "annotation_sample",
    "attribute_territory",
    "benjamini_hochberg",
    "bot_scores",
    "build_index",
    "check_columns",
    "choose_n_topics",
    "clean_corpus",
    "coerce_corpus",
    "coherence",
    "collocations",
    "count_terms",
    "dataset_card",
    "dataset_path",
    "detect_alerts",
    "detect_language",
    "examples",
    "export",
    "find_places",
    "flag_duplicates",
    "image_gap",
    "keyness",
    "kwic",
    "list_datasets",
    "load_datatourisme",
    "load_gazetteer",
    "load_sample",
    "load_sample_corpus",
    "load_sample_truth",
    "load_territories",
    "merge_collocations",
    "prevalence",
    "pseudonymize",
    "read_annotations",
    "read_corpus",
    "read_iramuteq",
    "run_chunked",
    "run_in_memory",
    "score_sentiment",
    "scrub_text",
    "segment_corpus",
    "show_versions",
    "specificities",
    "to_gexf",
    "to_graphml",
    "to_iramuteq",
    "topic_diversity",
    "topic_stability",
    "validate_accounts",
    "validate_against",
    "validate_corpus",
    "validate_interactions",
    "validate_territories",
    "verify_datasets",
    "word_intrusion",
    "write_card",
]

logging.getLogger("territoire_lab").addHandler(logging.NullHandler())
