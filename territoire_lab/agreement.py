"""Inter-coder agreement: Cohen's kappa, Fleiss' kappa and Krippendorff's alpha.

A published study validates its hand-coded sample with an agreement score before it uses
the sample to validate automatic labels. This module computes the three usual
coefficients on a tidy table of annotations (one row a value given by a coder to an item,
as returned by :func:`territoire_lab.annotation.read_annotations`), each with a bootstrap
95 % interval:

* **Cohen's kappa** (Cohen 1960): two coders, the items both coded, nominal categories;
  with more than two coders, one row per pair of coders;
* **Fleiss' kappa** (Fleiss 1971): any number of coders, the items coded by all of them
  (Fleiss' kappa needs the same number of ratings for every item), nominal categories;
* **Krippendorff's alpha** (Krippendorff 2011): any number of coders, missing values,
  nominal, ordinal, interval or ratio metric.

**Bootstrap.** The intervals are percentile intervals over ``n_boot`` resamples of the
*items* (units) with replacement: each resample draws as many items as there are, keeps
every value the coders gave to the drawn items, and recomputes every statistic on it (so
that all the statistics of one call share the same resamples). Resampling units treats
the coders as fixed and the items as a sample of the population of items, as in Zapf et
al. (2016), who found this interval to have close to nominal coverage for Krippendorff's
alpha and Fleiss' kappa. Hayes & Krippendorff (2007) bootstrap alpha differently (their
KALPHA macro resamples pairs of values from the coincidence matrix with the expected
disagreement held fixed); both approximate the sampling distribution of alpha over
items; the unit bootstrap also applies to the kappas and keeps the items' structure.
Resamples where a statistic is undefined (a single category left) are skipped and
counted in ``n_boot_undefined``.

References
----------
Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
Psychological Measurement*, 20(1), 37-46.
Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. *Psychological
Bulletin*, 76(5), 378-382.
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
Communication, University of Pennsylvania, https://repository.upenn.edu/asc_papers/43.
Hayes, A. F. and Krippendorff, K. (2007). Answering the call for a standard reliability
measure for coding data. *Communication Methods and Measures*, 1(1), 77-89.
Zapf, A., Castell, S., Morawietz, L. and Karch, A. (2016). Measuring inter-rater
reliability for nominal data - which coefficients and confidence intervals are
appropriate? *BMC Medical Research Methodology*, 16, 93.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .exceptions import TerritoireLabError
from .schema import check_columns

__all__ = ["LEVELS", "agreement", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha"]

logger = logging.getLogger("territoire_lab")

#: levels of measurement of Krippendorff's alpha
LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")

_COLUMNS = [
    "statistic",
    "level",
    "coders",
    "n_coders",
    "n_items",
    "value",
    "ci_low",
    "ci_high",
    "n_boot",
    "n_boot_undefined",
]


# --------------------------------------------------------------------------- core formulas


def _cohen_from_tables(tables: np.ndarray) -> np.ndarray:
    """Cohen's kappa of stacked contingency tables (..., V, V) of counts."""
    n = tables.sum(axis=(-2, -1))
    with np.errstate(invalid="ignore", divide="ignore"):
        p_o = np.trace(tables, axis1=-2, axis2=-1) / n
        p_e = (tables.sum(axis=-1) * tables.sum(axis=-2)).sum(axis=-1) / n**2
        out = (p_o - p_e) / (1.0 - p_e)
    return np.where(np.isclose(p_e, 1.0) | (n == 0), np.nan, out)


def _fleiss_from_counts(weights: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Fleiss' kappa for items weighted by ``weights`` (B, U) with counts (U, V), m fixed."""
    m = counts.sum(axis=1)[0]
    p_item = ((counts**2).sum(axis=1) - m) / (m * (m - 1))
    n_items = weights.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        p_bar = weights @ p_item / n_items
        p_cat = (weights @ counts) / (n_items * m)[:, None]
        p_e = (p_cat**2).sum(axis=1)
        out = (p_bar - p_e) / (1.0 - p_e)
    return np.where(np.isclose(p_e, 1.0) | (n_items == 0), np.nan, out)


def _ordinal_delta(marginals: np.ndarray) -> np.ndarray:
    """Ordinal difference matrices (..., V, V) from coincidence marginals in rank order."""
    cum = np.cumsum(marginals, axis=-1)
    lo = np.minimum.outer(np.arange(marginals.shape[-1]), np.arange(marginals.shape[-1]))
    hi = np.maximum.outer(np.arange(marginals.shape[-1]), np.arange(marginals.shape[-1]))
    # sum of n_g for g from lo to hi inclusive
    between = cum[..., hi] - cum[..., lo] + marginals[..., lo]
    half = (marginals[..., :, None] + marginals[..., None, :]) / 2.0
    return (between - half) ** 2


def _delta(level: str, values: np.ndarray) -> np.ndarray:
    """Fixed difference matrix of the nominal, interval and ratio metrics (Krippendorff 2011)."""
    if level == "nominal":
        return 1.0 - np.eye(len(values))
    v = values.astype(float)
    diff = np.subtract.outer(v, v)
    if level == "interval":
        return diff**2
    total = np.add.outer(v, v)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (diff / total) ** 2
    return np.nan_to_num(out, nan=0.0)


def _alpha_from_units(
    weights: np.ndarray, counts: np.ndarray, level: str, values: np.ndarray
) -> np.ndarray:
    """Krippendorff's alpha for units weighted by ``weights`` (B, U), counts (U, V).

    ``values`` are the V values in rank order (ordinal) or their numbers (interval,
    ratio). Units with fewer than two values are not pairable and carry no weight.
    """
    m_u = counts.sum(axis=1)
    pairable = m_u >= 2
    counts = counts[pairable].astype(float)
    weights = weights[:, pairable].astype(float)
    n_values = counts.shape[1]
    w = 1.0 / (m_u[pairable] - 1.0)
    # per-unit coincidences: (n_uc n_uk - [c == k] n_uc) / (m_u - 1)
    per_unit = np.einsum("uc,uk->uck", counts, counts)
    per_unit[:, np.arange(n_values), np.arange(n_values)] -= counts
    per_unit *= w[:, None, None]
    coinc = (weights @ per_unit.reshape(len(counts), -1)).reshape(-1, n_values, n_values)
    marg = coinc.sum(axis=2)
    n = marg.sum(axis=1)
    delta = _ordinal_delta(marg) if level == "ordinal" else _delta(level, values)[None]
    observed = (coinc * delta).sum(axis=(1, 2))
    expected = (marg[:, :, None] * marg[:, None, :] * delta).sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = 1.0 - (n - 1.0) * observed / expected
    return np.where(np.isclose(expected, 0.0) | (n < 2), np.nan, out)


# --------------------------------------------------------------------------- public formulas


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"level={level!r} is unknown; expected one of {', '.join(LEVELS)}.")


def _value_order(
    values: pd.Series, level: str, categories: Sequence[object] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the values (0..V-1, -1 missing) and the V values in order."""
    present = values.dropna()
    if categories is not None:
        cats = list(categories)
        unknown = sorted(set(present.astype(str)) - {str(c) for c in cats})
        if unknown:
            raise TerritoireLabError(
                f"values {unknown} are not in categories={cats}; add them to categories or "
                "correct the annotations."
            )
        lookup = {str(c): i for i, c in enumerate(cats)}
        codes = values.map(lambda v: lookup[str(v)], na_action="ignore")
        order = np.asarray(cats, dtype=object)
        if level in ("interval", "ratio"):
            try:
                order = np.asarray([float(c) for c in cats])
            except (TypeError, ValueError):
                raise TerritoireLabError(
                    f"level={level!r} needs numeric values; categories={cats} are not numbers. "
                    "Map the labels to numbers first (e.g. negative=-1, neutral=0, positive=1)."
                ) from None
        return codes.fillna(-1).astype(int).to_numpy(), order
    if level == "nominal":
        uniq = sorted(present.astype(str).unique())
        lookup = {c: i for i, c in enumerate(uniq)}
        codes = values.map(lambda v: lookup[str(v)], na_action="ignore")
        return codes.fillna(-1).astype(int).to_numpy(), np.asarray(uniq, dtype=object)
    numeric = pd.to_numeric(present, errors="coerce")
    if numeric.isna().any():
        bad = sorted(present[numeric.isna()].astype(str).unique())[:5]
        raise TerritoireLabError(
            f"level={level!r} needs numeric values or an explicit order; found {bad}. "
            "Pass categories=[...] in their order (ordinal), or map the labels to numbers."
        )
    uniq = np.unique(numeric.to_numpy(dtype=float))
    if level == "ratio" and (uniq < 0).any():
        raise TerritoireLabError(
            f"level='ratio' needs values >= 0; found {uniq[uniq < 0].tolist()[:5]}."
        )
    num_all = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    codes = np.full(len(values), -1)
    ok = ~np.isnan(num_all)
    codes[ok] = np.searchsorted(uniq, num_all[ok])
    return codes, uniq


def _unit_counts(
    item_codes: np.ndarray, value_codes: np.ndarray, n_items: int, n_values: int
) -> np.ndarray:
    ok = value_codes >= 0
    flat = item_codes[ok] * n_values + value_codes[ok]
    return np.bincount(flat, minlength=n_items * n_values).reshape(n_items, n_values)


def cohen_kappa(coder_a: Sequence[object], coder_b: Sequence[object]) -> float:
    """Cohen's kappa of two coders on the same items (nominal categories).

    kappa = (p_o - p_e) / (1 - p_e), with p_o the observed share of agreement and p_e the
    agreement expected from each coder's own distribution of categories. Items that one
    coder left missing are dropped.

    Parameters
    ----------
    coder_a, coder_b : sequence
        The two coders' values, item by item (same length); None/NaN are missing.

    Returns
    -------
    float
        Kappa; NaN when p_e = 1 (a single category).

    References
    ----------
    Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    Psychological Measurement*, 20(1), 37-46.

    Examples
    --------
    >>> a = ["oui"] * 25 + ["non"] * 25
    >>> b = ["oui"] * 20 + ["non"] * 5 + ["oui"] * 10 + ["non"] * 15
    >>> round(cohen_kappa(a, b), 3)
    0.4
    """
    a = pd.Series(list(coder_a), dtype=object)
    b = pd.Series(list(coder_b), dtype=object)
    if len(a) != len(b):
        raise ValueError(f"coder_a has {len(a)} values and coder_b {len(b)}; expected the same.")
    both = a.notna() & b.notna()
    codes, order = _value_order(pd.concat([a[both], b[both]], ignore_index=True), "nominal", None)
    k = len(order)
    n = int(both.sum())
    table = np.bincount(codes[:n] * k + codes[n:], minlength=k * k).reshape(k, k)
    return float(_cohen_from_tables(table.astype(float)))


def fleiss_kappa(counts: pd.DataFrame | np.ndarray) -> float:
    """Fleiss' kappa from an items x categories table of counts.

    Each row counts how many raters put the item in each category; every row must have the
    same total m >= 2 (Fleiss' kappa assumes a fixed number of ratings per item).

    Parameters
    ----------
    counts : DataFrame or array of shape (n_items, n_categories)

    Returns
    -------
    float

    References
    ----------
    Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    *Psychological Bulletin*, 76(5), 378-382.

    Examples
    --------
    >>> round(fleiss_kappa([[3, 0], [0, 3], [2, 1]]), 3)
    0.55
    """
    table = np.asarray(counts, dtype=float)
    if table.ndim != 2 or len(table) == 0:
        raise ValueError(f"counts must be a non-empty 2-D table; got shape {table.shape}.")
    totals = table.sum(axis=1)
    if not np.allclose(totals, totals[0]) or totals[0] < 2:
        raise ValueError(
            "Fleiss' kappa needs the same number (>= 2) of ratings for every item; "
            f"found row totals {sorted(set(totals.tolist()))[:10]}. Keep the items rated by "
            "every coder, or use Krippendorff's alpha, which allows missing values."
        )
    return float(_fleiss_from_counts(np.ones((1, len(table))), table)[0])


def krippendorff_alpha(
    reliability_data: pd.DataFrame | np.ndarray | Sequence[Sequence[object]],
    *,
    level: str = "nominal",
    categories: Sequence[object] | None = None,
) -> float:
    """Krippendorff's alpha of a coders x units matrix with missing values.

    alpha = 1 - D_o / D_e, computed from the coincidence matrix of the pairable values
    (units with at least two values), with the nominal, ordinal, interval or ratio
    difference function (Krippendorff 2011).

    Parameters
    ----------
    reliability_data : array-like of shape (n_coders, n_units)
        One row a coder, one column a unit; NaN/None are missing values.
    level : {"nominal", "ordinal", "interval", "ratio"}
    categories : sequence, optional
        The possible values; their order is the rank order of the ordinal metric (needed
        for non-numeric ordinal labels such as negative < neutral < positive).

    Returns
    -------
    float

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
    for Communication, University of Pennsylvania.

    Examples
    --------
    Krippendorff's (2011) reliability data, 4 coders and 12 units:

    >>> nan = float("nan")
    >>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    >>> round(krippendorff_alpha(data), 3), round(krippendorff_alpha(data, level="interval"), 3)
    (0.743, 0.849)
    """
    _check_level(level)
    matrix = pd.DataFrame(reliability_data)
    long = matrix.stack(future_stack=True)
    long = long[long.notna()]
    units = long.index.get_level_values(1)
    unit_codes, unit_names = pd.factorize(units)
    value_codes, order = _value_order(long.reset_index(drop=True), level, categories)
    counts = _unit_counts(unit_codes, value_codes, len(unit_names), len(order))
    return float(_alpha_from_units(np.ones((1, len(counts))), counts, level, order)[0])


# --------------------------------------------------------------------------- tidy table


def _boot_weights(n_items: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Multiplicity of each item in each bootstrap resample, shape (n_boot, n_items)."""
    draws = rng.integers(0, n_items, size=(n_boot, n_items))
    flat = (draws + np.arange(n_boot)[:, None] * n_items).ravel()
    return np.bincount(flat, minlength=n_boot * n_items).reshape(n_boot, n_items)


def _interval(boot: np.ndarray, confidence: float) -> tuple[float, float, int]:
    ok = boot[~np.isnan(boot)]
    undefined = int(len(boot) - len(ok))
    if len(ok) == 0:
        return np.nan, np.nan, undefined
    tail = (1.0 - confidence) / 2.0 * 100.0
    lo, hi = np.percentile(ok, [tail, 100.0 - tail])
    return float(lo), float(hi), undefined


def _one_label(
    table: pd.DataFrame,
    *,
    item: str,
    coders: str,
    label: str,
    level: str,
    categories: Sequence[object] | None,
    n_boot: int,
    confidence: float,
    rng: np.random.Generator,
) -> list[dict[str, object]]:
    table = table[table[label].notna()]
    dup = table.duplicated([item, coders], keep=False)
    if dup.any():
        first = table[dup].iloc[0]
        raise TerritoireLabError(
            f"{int(dup.sum())} rows give a second value to the same item and coder (e.g. "
            f"{item}={first[item]!r}, {coders}={first[coders]!r}); keep one value per coder "
            "and item."
        )
    item_codes, item_names = pd.factorize(table[item])
    coder_codes, coder_names = pd.factorize(table[coders], sort=True)
    n_items, n_coders = len(item_names), len(coder_names)
    if n_coders < 2:
        raise TerritoireLabError(
            f"agreement needs at least two coders; found {n_coders} ({list(coder_names)})."
        )
    # nominal codes for the kappas, level codes for alpha
    nom_codes, nom_order = _value_order(
        table[label].reset_index(drop=True),
        "nominal",
        categories if categories is not None and level == "nominal" else None,
    )
    lvl_codes, lvl_order = _value_order(table[label].reset_index(drop=True), level, categories)
    boot_w = _boot_weights(n_items, n_boot, rng) if n_boot else np.zeros((0, n_items))
    weights = np.vstack([np.ones((1, n_items)), boot_w])
    rows: list[dict[str, object]] = []

    def add(stat: str, lvl: str, who: Sequence[str], n_used: int, values: np.ndarray) -> None:
        lo, hi, undefined = _interval(values[1:], confidence) if n_boot else (np.nan,) * 2 + (0,)
        rows.append(
            {
                "statistic": stat,
                "level": lvl,
                "coders": ", ".join(map(str, who)),
                "n_coders": len(who),
                "n_items": n_used,
                "value": float(values[0]),
                "ci_low": lo,
                "ci_high": hi,
                "n_boot": n_boot,
                "n_boot_undefined": undefined,
            }
        )

    # Cohen's kappa: each pair of coders, on the items both coded
    k = len(nom_order)
    grid = np.full((n_items, n_coders), -1)
    grid[item_codes, coder_codes] = nom_codes
    for i, j in itertools.combinations(range(n_coders), 2):
        both = (grid[:, i] >= 0) & (grid[:, j] >= 0)
        if not both.any():
            continue
        cell = np.zeros((n_items, k * k))
        cell[np.flatnonzero(both), grid[both, i] * k + grid[both, j]] = 1.0
        tables = (weights @ cell).reshape(-1, k, k)
        add(
            "cohen_kappa",
            "nominal",
            [coder_names[i], coder_names[j]],
            int(both.sum()),
            _cohen_from_tables(tables),
        )
    # Fleiss' kappa: the items every coder rated
    complete = (grid >= 0).all(axis=1)
    if complete.sum() >= 1:
        counts = _unit_counts(item_codes, nom_codes, n_items, k)[complete].astype(float)
        add(
            "fleiss_kappa",
            "nominal",
            list(coder_names),
            int(complete.sum()),
            _fleiss_from_counts(weights[:, complete], counts),
        )
    if (~complete).any():
        logger.info(
            "agreement: %d of %d items lack a value from some coder; Fleiss' kappa uses the "
            "%d complete items, alpha every item with two values or more",
            int((~complete).sum()),
            n_items,
            int(complete.sum()),
        )
    # Krippendorff's alpha: every pairable unit, missing values allowed
    counts = _unit_counts(item_codes, lvl_codes, n_items, len(lvl_order))
    pairable = counts.sum(axis=1) >= 2
    add(
        "krippendorff_alpha",
        level,
        list(coder_names),
        int(pairable.sum()),
        _alpha_from_units(weights, counts, level, lvl_order),
    )
    return rows


def agreement(
    annotations: pd.DataFrame,
    *,
    coders: str = "coder",
    item: str = "doc_id",
    label: str = "value",
    by: str | None = None,
    level: str | Mapping[str, str] = "nominal",
    categories: Sequence[object] | Mapping[str, Sequence[object]] | None = None,
    n_boot: int = 1000,
    confidence: float = 0.95,
    random_state: int | None = None,
) -> pd.DataFrame:
    """Agreement between coders: Cohen's kappa, Fleiss' kappa, Krippendorff's alpha.

    Parameters
    ----------
    annotations : pandas.DataFrame
        Tidy annotations, one row a value a coder gave to an item (the output of
        :func:`territoire_lab.annotation.read_annotations`: ``doc_id, coder,
        label_name, value``). Missing values are dropped (an item a coder did not code).
    coders : str, default "coder"
        Column naming the coder.
    item : str, default "doc_id"
        Column naming the item (unit) coded.
    label : str, default "value"
        Column holding the value given.
    by : str, optional
        Column splitting the table into separate labels (e.g. ``"label_name"``): one set
        of statistics per label. Required when ``annotations`` has a ``label_name``
        column with several labels.
    level : str or mapping, default "nominal"
        Level of measurement of alpha (``nominal``, ``ordinal``, ``interval``, ``ratio``),
        or a mapping label -> level when ``by`` is given. The kappas are always nominal.
    categories : sequence or mapping, optional
        The possible values of the label (or a mapping label -> values): checks the values
        and gives the rank order of the ordinal metric (e.g. ``["negative", "neutral",
        "positive"]``).
    n_boot : int, default 1000
        Bootstrap resamples of the items (0: no interval). See the module's notes.
    confidence : float, default 0.95
        Level of the percentile intervals.
    random_state : int, optional
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        One row a statistic (and label, when ``by`` is given): ``[by,] statistic``
        (``cohen_kappa`` for each pair of coders, ``fleiss_kappa``, ``krippendorff_alpha``),
        ``level, coders`` (comma-separated), ``n_coders, n_items`` (items entering the
        statistic), ``value, ci_low, ci_high, n_boot, n_boot_undefined``.

    References
    ----------
    Cohen (1960); Fleiss (1971); Krippendorff (2011); Hayes and Krippendorff (2007);
    Zapf et al. (2016): see the module's references.

    Examples
    --------
    >>> ann = pd.DataFrame({
    ...     "doc_id": ["d1", "d1", "d2", "d2", "d3", "d3", "d4", "d4"],
    ...     "coder": ["A", "B"] * 4,
    ...     "value": ["resident", "resident", "visitor", "visitor",
    ...               "visitor", "resident", "institution", "institution"]})
    >>> agreement(ann, n_boot=0)[["statistic", "n_items", "value"]].round(3)
                statistic  n_items  value
    0         cohen_kappa        4  0.636
    1        fleiss_kappa        4  0.619
    2  krippendorff_alpha        4  0.667
    """
    check_columns(annotations, [coders, item, label], where="agreement", table="annotations")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1); got {confidence}.")
    if by is None and "label_name" in annotations and annotations["label_name"].nunique() > 1:
        names = sorted(annotations["label_name"].dropna().astype(str).unique())
        raise TerritoireLabError(
            f"annotations hold several labels ({', '.join(names)}); pass by='label_name' for "
            "one set of statistics per label, or select one label first."
        )
    rng = np.random.default_rng(random_state)
    groups = [(None, annotations)] if by is None else list(annotations.groupby(by, sort=True))
    frames = []
    for name, table in groups:
        lvl = level.get(name, "nominal") if isinstance(level, Mapping) else level
        _check_level(lvl)
        cats = categories.get(name) if isinstance(categories, Mapping) else categories
        rows = _one_label(
            table,
            item=item,
            coders=coders,
            label=label,
            level=lvl,
            categories=cats,
            n_boot=int(n_boot),
            confidence=confidence,
            rng=rng,
        )
        frame = pd.DataFrame(rows, columns=_COLUMNS)
        if by is not None:
            frame.insert(0, by, name)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out["n_items"] = out["n_items"].astype("int64")
    return out
