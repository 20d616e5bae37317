"""territoire_lab: comparative territorial-marketing studies of French territories.

How does each French territory speak about itself, and how do its residents and its
visitors speak about it? The library loads public posts, reviews and institutional
texts into one validated corpus table, and runs the analyses of such a study on it.

Importing the package is light: geopandas, spaCy and Dask are imported only by the
functions that need them.
"""

from __future__ import annotations

import logging

from .audience import AudienceClassifier
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
from .exceptions import (
    CorpusSchemaError,
    LoaderError,
    MissingResourceError,
    OptionalDependencyError,
    TerritoireLabError,
)
from .export import export
from .io import LoadResult, dataset_card, read_corpus, write_card
from .places import Gazetteer, attribute_territory, find_places, load_gazetteer
from .privacy import pseudonymize, scrub_text
from .schema import (
    check_columns,
    coerce_corpus,
    validate_accounts,
    validate_corpus,
    validate_interactions,
    validate_territories,
)
from .sentiment import score_sentiment
from .versions import show_versions

__version__ = "0.1.0"

__all__ = [
    "AudienceClassifier",
    "CorpusSchemaError",
    "Gazetteer",
    "LoadResult",
    "LoaderError",
    "MissingResourceError",
    "OptionalDependencyError",
    "TerritoireLabError",
    "__version__",
    "attribute_territory",
    "check_columns",
    "coerce_corpus",
    "dataset_card",
    "dataset_path",
    "export",
    "find_places",
    "list_datasets",
    "load_datatourisme",
    "load_gazetteer",
    "load_sample",
    "load_sample_corpus",
    "load_sample_truth",
    "load_territories",
    "pseudonymize",
    "read_corpus",
    "score_sentiment",
    "scrub_text",
    "show_versions",
    "validate_accounts",
    "validate_corpus",
    "validate_interactions",
    "validate_territories",
    "verify_datasets",
    "write_card",
]

logging.getLogger("territoire_lab").addHandler(logging.NullHandler())
