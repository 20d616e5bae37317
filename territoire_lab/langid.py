"""Offline language identification of posts (py3langid), filling ``lang`` where missing.

Sources such as X say which language a post is in; most others do not. The contract
(:mod:`territoire_lab.schema`) asks for ISO 639-1 codes, detected when the source does
not say. Non-French posts are *flagged* (``non_fr``), never dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .schema import check_columns

__all__ = ["DEFAULT_LANGUAGES", "detect_language", "identify_language"]

logger = logging.getLogger("territoire_lab")

#: Languages considered by default: French and the languages of France's main foreign
#: visitors (restricting the set makes short texts much more reliable).
DEFAULT_LANGUAGES: tuple[str, ...] = ("fr", "en", "de", "es", "it", "nl", "pt")

_STRIP_RE = re.compile(
    r"(?:https?://|www\.)\S+|[@#]\w[\w.]*|[^\w\s'’-]|\d+|_",
    re.IGNORECASE,
)


@lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(languages))
    return ident


def _letters_only(text: str) -> str:
    return " ".join(_STRIP_RE.sub(" ", text).split())


def identify_language(
    text: str,
    *,
    languages: Sequence[str] = DEFAULT_LANGUAGES,
    min_chars: int = 15,
    min_proba: float = 0.6,
) -> tuple[str | None, float]:
    """Language of one text: ``(ISO 639-1 code or None, probability)``.

    URLs, mentions, hashtags, emojis and numbers are removed first (hashtags such as
    ``#photooftheday`` would pull French posts towards English). Texts with fewer than
    ``min_chars`` letters left, or whose best language has a probability under
    ``min_proba``, get None.

    Uses py3langid, a fast repackaging of langid.py whose naive Bayes model over byte
    n-grams ships inside the package (offline).

    References
    ----------
    Lui, M. and Baldwin, T. (2012). langid.py: An off-the-shelf language identification
    tool. *Proceedings of the ACL 2012 System Demonstrations*, 25-30.

    Examples
    --------
    >>> identify_language("Quelle belle balade le long de la Loire à vélo !")[0]
    'fr'
    >>> identify_language("What a lovely ride along the Loire, highly recommended!")[0]
    'en'
    >>> identify_language("😍😍 #Chambord")
    (None, 0.0)
    """
    letters = _letters_only(text)
    if sum(c.isalpha() for c in letters) < min_chars:
        return None, 0.0
    lang, proba = _identifier(tuple(languages)).classify(letters)
    if proba < min_proba:
        return None, float(proba)
    return str(lang), float(proba)


def detect_language(
    corpus: pd.DataFrame,
    *,
    text_col: str = "text",
    lang_col: str = "lang",
    languages: Sequence[str] = DEFAULT_LANGUAGES,
    min_chars: int = 15,
    min_proba: float = 0.6,
    target: str = "fr",
) -> pd.DataFrame:
    """Fill missing languages of a corpus and flag the posts not in ``target``.

    Parameters
    ----------
    corpus : DataFrame
        A corpus with ``text_col`` (``text_clean`` when it exists is a good choice).
    text_col, lang_col : str
        Text column read, language column filled (created if absent).
    languages : sequence of str
        Candidate languages (ISO 639-1), see :data:`DEFAULT_LANGUAGES`.
    min_chars, min_proba : int, float
        See :func:`identify_language`; below them the language stays missing.
    target : str, default "fr"
        Posts whose language is known and differs are flagged ``non_<target>``.

    Returns
    -------
    DataFrame
        A copy with ``lang_col`` filled where it was missing, ``lang_detected`` (boolean,
        True where the language was detected here) and ``flags`` (list of str; created if
        absent) with ``non_fr`` added. Rows are never dropped; languages given by the
        source are never changed.

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["Le château de Chambord, magnifique en automne",
    ...                             "Beautiful castle, we loved the gardens and the views"],
    ...                    "lang": [None, None]})
    >>> out = detect_language(df)
    >>> out["lang"].tolist(), out["flags"].tolist()
    (['fr', 'en'], [[], ['non_fr']])
    """
    check_columns(corpus, [text_col], where="detect_language")
    out = corpus.copy()
    if lang_col in out.columns:
        lang = out[lang_col].astype("string")
    else:
        lang = pd.Series(pd.NA, index=out.index, dtype="string")
    missing = lang.isna().to_numpy()
    texts = out[text_col].to_numpy(dtype=object)
    detected = [
        identify_language(
            t if isinstance(t, str) else "",
            languages=languages,
            min_chars=min_chars,
            min_proba=min_proba,
        )[0]
        for t in texts[missing]
    ]
    values = lang.to_numpy(dtype=object, na_value=None)
    values[missing] = detected
    out[lang_col] = pd.array(values, dtype="string")
    out["lang_detected"] = pd.array(missing & pd.notna(values).astype(bool), dtype="boolean")
    flag = f"non_{target}"
    non_target = (out[lang_col].notna() & (out[lang_col] != target)).to_numpy(dtype=bool)
    if "flags" in out.columns:
        flags = [list(f) if isinstance(f, list) else [] for f in out["flags"]]
    else:
        flags = [[] for _ in range(len(out))]
    for i in np.flatnonzero(non_target):
        if flag not in flags[i]:
            flags[i].append(flag)
    out["flags"] = pd.Series(flags, index=out.index, dtype=object)
    logger.info(
        "language: %d of %d missing values detected; %d posts flagged %s",
        int(pd.notna(values[missing]).sum()),
        int(missing.sum()),
        int(non_target.sum()),
        flag,
    )
    return out
