"""Hand-coding rounds: stratified annotation samples, coders' files, validation of labels.

A study validates its automatic labels (audience, tone, topic, place) against a sample
of posts coded by hand, and reports the coders' agreement first. The loop is:

1. :func:`annotation_sample` draws a stratified random sample of the corpus and writes it
   as a spreadsheet (one per coder if asked): the posts, an empty ``coder`` column, one
   empty column per label, and a ``codebook`` sheet with the allowed values and their
   meaning. Files are written by :func:`territoire_lab.export.export` (no formula
   injection, ids kept as text).
2. Coders fill the label columns; :func:`read_annotations` reads their XLSX or CSV files
   back into one tidy table (``doc_id, coder, label_name, value``), checking that every id
   is in the sample or corpus and every value in the codebook; an error names the file
   and the 1-based spreadsheet row.
3. :func:`territoire_lab.agreement.agreement` measures the coders' agreement;
   :func:`validate_against` measures an automatic label against the coders' reference
   label: precision, recall and F1 per class, macro and micro averages, with bootstrap
   intervals, and the confusion table.

References
----------
Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed., ch. 5 (stratified random sampling,
proportional allocation). Wiley.
Krippendorff, K. (2019). *Content Analysis: An Introduction to Its Methodology*, 4th ed.,
ch. 12 (reliability samples and coders' instructions). Sage.
Song, H., Tolochko, P., Eberl, J.-M., et al. (2020). In validations we trust? The impact of
imperfect human annotations as a gold standard on the quality of validation of automated
content analysis. *Political Communication*, 37(4), 550-572.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .exceptions import LoaderError, TerritoireLabError
from .export import export
from .schema import check_columns

__all__ = [
    "DEFAULT_CODEBOOK",
    "annotation_sample",
    "codebook_table",
    "read_annotations",
    "validate_against",
]

logger = logging.getLogger("territoire_lab")

#: allowed values and their meaning (French, for the coders) of the default labels;
#: ``None`` values mean free text (the topic labels depend on the study's model)
DEFAULT_CODEBOOK: dict[str, dict[str, str] | None] = {
    "audience": {
        "institution": "compte officiel du territoire (mairie, office de tourisme, département)",
        "resident": "habitant du territoire (parle de chez lui, de son quotidien)",
        "visitor": "visiteur ou touriste (séjour, visite, de passage)",
        "other": "autre : média, commerce, association, impossible à dire",
    },
    "tone": {
        "negative": "ton négatif (plainte, critique, déception)",
        "neutral": "ton neutre ou informatif",
        "positive": "ton positif (éloge, plaisir, recommandation)",
    },
    "topic": None,
    "place": None,
}
_FREE = "(texte libre)"
_INSTRUCTIONS = (
    "Lisez chaque publication (colonne text) et remplissez une valeur par colonne de label.",
    "Écrivez votre nom ou vos initiales dans la colonne coder, sur chaque ligne.",
    "Utilisez uniquement les valeurs de la feuille codebook (la casse n'importe pas).",
    "Laissez la cellule vide si vous ne pouvez pas décider ; ne modifiez pas doc_id.",
    "Codez seul : ne consultez pas les autres codeurs avant la fin de la série.",
)


def _codebook(
    labels: Sequence[str],
    codebook: Mapping[str, Mapping[str, str] | Sequence[str] | None] | None,
    corpus: pd.DataFrame | None = None,
) -> dict[str, dict[str, str] | None]:
    """Allowed values (value -> description) of each label; None: free text."""
    given = dict(codebook or {})
    out: dict[str, dict[str, str] | None] = {}
    for name in labels:
        spec = given[name] if name in given else DEFAULT_CODEBOOK.get(name)
        if (
            spec is None
            and name == "place"
            and corpus is not None
            and "territory_code" in corpus.columns
        ):
            codes = sorted(corpus["territory_code"].dropna().astype(str).unique())
            spec = {c: "code COG du territoire dont parle la publication" for c in codes}
            spec["other"] = "un autre territoire"
            spec["none"] = "aucun territoire identifiable"
        if spec is None:
            out[name] = None
        elif isinstance(spec, Mapping):
            out[name] = {str(k): str(v) for k, v in spec.items()}
        else:
            out[name] = {str(v): "" for v in spec}
    return out


def codebook_table(codebook: Mapping[str, Mapping[str, str] | None]) -> pd.DataFrame:
    """The codebook as a table (``label, value, description``), as written for coders.

    A free-text label has one row with value ``(texte libre)``.

    Examples
    --------
    >>> codebook_table({"tone": {"negative": "négatif", "positive": "positif"}})
      label     value description
    0  tone  negative     négatif
    1  tone  positive     positif
    """
    rows = []
    for name, values in codebook.items():
        if values is None:
            rows.append({"label": name, "value": _FREE, "description": "texte libre"})
        else:
            rows += [{"label": name, "value": v, "description": d} for v, d in values.items()]
    return pd.DataFrame(rows, columns=["label", "value", "description"]).astype("string")


def _parse_codebook_table(table: pd.DataFrame) -> dict[str, dict[str, str] | None]:
    out: dict[str, dict[str, str] | None] = {}
    for name, group in table.groupby("label", sort=False):
        values = group["value"].astype(str).tolist()
        if values == [_FREE]:
            out[str(name)] = None
        else:
            desc = group["description"].fillna("").astype(str).tolist()
            out[str(name)] = dict(zip(values, desc, strict=True))
    return out


def _allocate(sizes: np.ndarray, n: int, allocation: str) -> np.ndarray:
    """Sample size of each stratum: proportional (largest remainder) or equal, capped."""
    total = int(sizes.sum())
    n = min(n, total)
    alloc = np.zeros(len(sizes), dtype=int)
    remaining = n
    open_ = np.ones(len(sizes), dtype=bool)
    while remaining > 0 and open_.any():
        if allocation == "proportional":
            share = sizes * open_ / sizes[open_].sum() * remaining
        else:
            share = open_ / open_.sum() * remaining
        base = np.floor(share).astype(int)
        rest = remaining - base.sum()
        # largest remainders first; ties broken by stratum order
        order = np.lexsort((np.arange(len(sizes)), -(share - base)))
        extra = np.zeros(len(sizes), dtype=int)
        extra[order[:rest]] = 1
        want = alloc + base + extra * open_
        capped = np.minimum(want, sizes)
        remaining = n - int(capped.sum())
        alloc = capped
        open_ = alloc < sizes
    return alloc


def annotation_sample(
    corpus: pd.DataFrame,
    *,
    strata: Sequence[str] = ("territory_code",),
    n: int = 200,
    allocation: str = "proportional",
    labels: Sequence[str] = ("audience", "tone", "topic", "place"),
    codebook: Mapping[str, Mapping[str, str] | Sequence[str] | None] | None = None,
    context: Sequence[str] = ("platform", "created_at"),
    text_col: str = "text",
    coders: Sequence[str] | None = None,
    path: str | os.PathLike[str] | None = None,
    folder: str | os.PathLike[str] | None = None,
    random_state: int | None = None,
) -> pd.DataFrame:
    """Draw a stratified random sample of posts to code by hand, and write the coders' files.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The corpus (``doc_id``, ``text_col``, the ``strata`` and ``context`` columns).
    strata : sequence of str, default ("territory_code",)
        Columns whose combinations form the strata (missing values form their own
        stratum). Use a predicted label (e.g. ``audience``) to over-sample rare classes.
    n : int, default 200
        Sample size (at most the corpus size).
    allocation : {"proportional", "equal"}, default "proportional"
        Proportional: each stratum gets its share of ``n`` (largest-remainder rounding),
        a self-weighting sample; equal: the same number per stratum (capped at its size,
        the rest spread over the larger strata), so that small territories or rare classes
        are measured too; estimates over the whole corpus must then use ``weight``.
    labels : sequence of str
        The label columns left empty for the coders.
    codebook : mapping, optional
        Allowed values of each label: label -> {value: description} or a list of values or
        None (free text). Defaults: :data:`DEFAULT_CODEBOOK`; ``place`` defaults to the
        corpus' territory codes plus ``other`` and ``none``.
    context : sequence of str, default ("platform", "created_at")
        Columns shown to the coders beside the text (never the strata: a predicted label
        shown to coders would bias them).
    text_col : str, default "text"
    coders : sequence of str, optional
        Write one file per coder (``<stem>_<coder><suffix>``), the ``coder`` column filled.
    path : str or path-like, optional
        The ``.xlsx`` (sheets ``annotation`` and ``codebook``) or ``.csv`` (with a sibling
        ``<stem>_codebook.csv``) to write; nothing is written when omitted.
    folder : str or path-like, optional
        Folder the files must stay in (see :func:`territoire_lab.export.export`).
    random_state : int, optional
        Seed of the draw and of the row order.

    Returns
    -------
    pandas.DataFrame
        One row a sampled post, in the (shuffled) order of the files: ``doc_id``, the
        ``strata`` columns, ``stratum_size`` (N_h), ``stratum_n`` (n_h), ``weight``
        (N_h / n_h, the inverse inclusion probability), the ``context`` columns, the text,
        ``coder`` and the empty label columns. ``attrs["codebook"]`` holds the codebook and
        ``attrs["paths"]`` the files written.

    References
    ----------
    Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed., ch. 5. Wiley.

    Examples
    --------
    >>> import territoire_lab as tl
    >>> corpus = tl.load_sample_corpus(key="documentation example key")
    >>> s = annotation_sample(corpus, strata=["territory_code"], n=40, random_state=0)
    >>> len(s), int(s["stratum_n"].groupby(s["territory_code"]).first().sum())
    (40, 40)
    """
    strata = list(strata)
    labels = list(labels)
    check_columns(
        corpus, ["doc_id", text_col, *strata, *context], where="annotation_sample", table="corpus"
    )
    if allocation not in ("proportional", "equal"):
        raise ValueError(f"allocation={allocation!r}; expected 'proportional' or 'equal'.")
    if n < 1:
        raise ValueError(f"n={n}; expected a positive sample size.")
    clash = [c for c in ["coder", *labels] if c in [*context, text_col, "doc_id"]]
    if clash:
        raise TerritoireLabError(
            f"annotation_sample: label columns {clash} would overwrite context columns; "
            "rename them or drop them from context."
        )
    book = _codebook(labels, codebook, corpus)
    rng = np.random.default_rng(random_state)
    if strata:
        keys = corpus[strata].astype("string").fillna("<NA>")
        codes = keys.groupby(strata, sort=True).ngroup().to_numpy()  # strata in sorted order
    else:
        codes = np.zeros(len(corpus), dtype=int)
    members = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes)
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    alloc = _allocate(sizes, n, allocation)
    chosen, size_of, n_of = [], [], []
    for h, (size, k) in enumerate(zip(sizes, alloc, strict=True)):
        if k == 0:
            continue
        positions = members[bounds[h] : bounds[h + 1]]
        chosen.append(rng.choice(positions, size=k, replace=False))
        size_of += [size] * k
        n_of += [k] * k
    positions = np.concatenate(chosen)
    order = rng.permutation(len(positions))
    sample = corpus.iloc[positions[order]][["doc_id", *strata, *context, text_col]].copy()
    sample.insert(1 + len(strata), "stratum_size", np.asarray(size_of)[order])
    sample.insert(2 + len(strata), "stratum_n", np.asarray(n_of)[order])
    sample.insert(3 + len(strata), "weight", sample["stratum_size"] / sample["stratum_n"])
    sample["coder"] = pd.array([pd.NA] * len(sample), dtype="string")
    for name in labels:
        sample[name] = pd.array([pd.NA] * len(sample), dtype="string")
    sample = sample.reset_index(drop=True)
    logger.info(
        "annotation_sample: %d posts from %d strata (%s allocation)",
        len(sample),
        int((alloc > 0).sum()),
        allocation,
    )
    sample.attrs["codebook"] = book
    sample.attrs["paths"] = []
    if path is not None:
        shown = sample[["doc_id", *context, text_col, "coder", *labels]]
        targets = [(None, Path(path))]
        if coders:
            p = Path(path)
            targets = [(c, p.with_name(f"{p.stem}_{c}{p.suffix}")) for c in coders]
        for coder, target in targets:
            table = shown.assign(coder=coder) if coder is not None else shown
            sample.attrs["paths"].append(_write_sheets(table, book, target, folder))
    return sample


def _write_sheets(
    table: pd.DataFrame,
    book: Mapping[str, Mapping[str, str] | None],
    path: Path,
    folder: str | os.PathLike[str] | None,
) -> Path:
    """Write the coders' sheet and the codebook (second sheet, or sibling CSV)."""
    codes = codebook_table(book)
    instructions = pd.DataFrame(
        {"label": "(consigne)", "value": "", "description": list(_INSTRUCTIONS)}
    ).astype("string")
    sheet2 = pd.concat([instructions, codes], ignore_index=True)
    if path.suffix.lower() == ".csv":
        target = export(table, path, folder=folder, fmt="csv")
        export(sheet2, target.with_name(f"{target.stem}_codebook.csv"), fmt="csv")
        return target
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"annotation files are .xlsx or .csv; got {path.name!r}.")
    return export(
        table,
        path,
        folder=folder,
        sheet_name="annotation",
        extra_sheets={"codebook": sheet2},
        widths={"text": 80, "description": 80},
    )


# --------------------------------------------------------------------------- reading back


def _read_source(source: object, pos: int) -> tuple[str, pd.DataFrame, pd.DataFrame | None]:
    """(name, table, codebook table or None) of one coder's file or frame."""
    if isinstance(source, pd.DataFrame):
        return f"table {pos}", source.astype("string"), None
    path = Path(source)  # type: ignore[arg-type]
    if not path.exists():
        raise LoaderError(path, "file not found; give the path of a coder's XLSX or CSV file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
        sheet = "annotation" if "annotation" in sheets else sheets[0]
        table = pd.read_excel(path, sheet_name=sheet, dtype=str).astype("string")
        book = None
        if "codebook" in sheets:
            book = pd.read_excel(path, sheet_name="codebook", dtype=str).astype("string")
        return str(path), table, book
    from .io._contract import unescape_formulas

    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table = unescape_formulas(table.astype("string").replace({"": pd.NA}))
    sibling = path.with_name(f"{path.stem}_codebook.csv")
    book = None
    if sibling.exists():
        book = unescape_formulas(
            pd.read_csv(sibling, dtype=str, keep_default_na=False, encoding="utf-8-sig").astype(
                "string"
            )
        )
    return str(path), table, book


def _clean_values(s: pd.Series) -> pd.Series:
    s = s.astype("string").str.strip()
    s = s.str.replace(r"^(\d+)\.0$", r"\1", regex=True)  # 37261.0 typed as a number
    return s.mask(s == "")


def read_annotations(
    sources: str
    | os.PathLike[str]
    | pd.DataFrame
    | Sequence[str | os.PathLike[str] | pd.DataFrame],
    *,
    ids: Sequence[str] | pd.Series | pd.DataFrame | None = None,
    labels: Sequence[str] | None = None,
    codebook: Mapping[str, Mapping[str, str] | Sequence[str] | None] | None = None,
) -> pd.DataFrame:
    """Read one or several coders' annotation files back into one tidy table.

    Parameters
    ----------
    sources : path, DataFrame or a list of them
        XLSX (sheet ``annotation``, else the first) or CSV files written by
        :func:`annotation_sample` and filled by coders, or tables with the same columns.
    ids : sequence, Series or DataFrame, optional
        The valid document ids (a corpus or sample table: its ``doc_id`` column); every
        annotated id must be among them.
    labels : sequence of str, optional
        Label columns to read (default: the codebook's labels found in the file).
    codebook : mapping, optional
        Allowed values per label (see :func:`annotation_sample`). Default: the file's
        ``codebook`` sheet (or sibling ``_codebook.csv``), else :data:`DEFAULT_CODEBOOK`.
        Values are matched without regard to case and surrounding spaces, and returned
        as spelled in the codebook.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, coder, label_name, value, source, row`` (``row``: 1-based spreadsheet
        row, the header being row 1), one row a non-empty label cell. Empty cells (not
        coded) are left out and counted in ``attrs["n_empty"]``.

    Raises
    ------
    LoaderError
        Naming the file and the 1-based row: missing ``doc_id`` or ``coder`` column, empty
        coder, unknown id, value not in the codebook, the same id coded twice by a coder.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["d1", "d2"], "coder": ["A", "A"],
    ...                   "tone": ["Positive ", "neutral"]})
    >>> read_annotations(t, labels=["tone"])[["doc_id", "coder", "label_name", "value"]]
      doc_id coder label_name     value
    0     d1     A       tone  positive
    1     d2     A       tone   neutral
    """
    if isinstance(sources, (str, os.PathLike, pd.DataFrame)):
        sources = [sources]
    valid: set[str] | None = None
    if ids is not None:
        id_values = ids["doc_id"] if isinstance(ids, pd.DataFrame) else pd.Series(list(ids))
        valid = set(id_values.astype(str))
    frames, n_empty, seen = [], 0, {}
    for pos, source in enumerate(sources, start=1):
        name, table, file_book = _read_source(source, pos)
        where = Path(name) if not name.startswith("table ") else name
        missing = [c for c in ("doc_id", "coder") if c not in table.columns]
        if missing:
            raise LoaderError(
                where,
                f"columns {missing} not found (found {list(table.columns)[:12]}); an annotation "
                "file needs doc_id, coder and the label columns, as written by "
                "annotation_sample().",
            )
        if codebook is not None:
            book_labels = list(codebook)
            book = _codebook(book_labels, codebook)
        elif file_book is not None and {"label", "value"} <= set(file_book.columns):
            book = _parse_codebook_table(file_book[file_book["label"] != "(consigne)"])
        else:
            book = _codebook(list(DEFAULT_CODEBOOK), None)
        wanted = list(labels) if labels is not None else [c for c in book if c in table.columns]
        absent = [c for c in wanted if c not in table.columns]
        if absent or not wanted:
            raise LoaderError(
                where,
                f"label columns {absent or list(book)} not found (found "
                f"{list(table.columns)[:12]}); pass labels=[...] naming the label columns.",
            )
        rows = pd.RangeIndex(2, len(table) + 2)
        doc = table["doc_id"].astype("string").str.strip()
        doc = doc.mask(doc == "")
        coder = _clean_values(table["coder"])
        values = {c: _clean_values(table[c]) for c in wanted}
        anything = pd.concat(values, axis=1).notna().any(axis=1).to_numpy()
        keep = doc.notna().to_numpy() | anything
        for i in np.flatnonzero(keep & doc.isna().to_numpy()):
            raise LoaderError(where, "doc_id is empty; do not edit the doc_id column", rows[i])
        for i in np.flatnonzero(anything & coder.isna().to_numpy()):
            raise LoaderError(
                where, "coder is empty; write the coder's name on every coded row", rows[i]
            )
        if valid is not None:
            unknown = np.flatnonzero(keep & ~doc.fillna("").isin(valid).to_numpy())
            if len(unknown):
                i = unknown[0]
                raise LoaderError(
                    where,
                    f"doc_id {doc.iloc[i]!r} is not in the sample ({len(unknown)} unknown ids); "
                    "the doc_id column must not be edited",
                    rows[i],
                )
        for i in np.flatnonzero(anything):
            k = (str(doc.iloc[i]), str(coder.iloc[i]))
            if k in seen:
                raise LoaderError(
                    where,
                    f"doc_id {k[0]!r} coded twice by coder {k[1]!r} (first at {seen[k]}); keep "
                    "one row per post and coder",
                    rows[i],
                )
            seen[k] = f"{name}, row {rows[i]}"
        for label in wanted:
            s = values[label]
            allowed = book.get(label) if label in book else None
            out = s.copy()
            if allowed is not None:
                canon = {v.casefold(): v for v in allowed}
                out = s.map(lambda v, c=canon: c.get(v.casefold(), None), na_action="ignore")
                bad = np.flatnonzero(s.notna().to_numpy() & out.isna().to_numpy())
                if len(bad):
                    i = bad[0]
                    raise LoaderError(
                        where,
                        f"{label} = {s.iloc[i]!r} is not an allowed value; expected one of "
                        f"{', '.join(allowed)} (see the codebook sheet); {len(bad)} such cells",
                        rows[i],
                    )
            n_empty += int((s.isna().to_numpy() & keep).sum())
            ok = s.notna().to_numpy()
            frames.append(
                pd.DataFrame(
                    {
                        "doc_id": doc[ok].to_numpy(),
                        "coder": coder[ok].to_numpy(),
                        "label_name": label,
                        "value": out[ok].to_numpy(),
                        "source": name,
                        "row": rows[ok],
                    }
                )
            )
    cols = ["doc_id", "coder", "label_name", "value", "source", "row"]
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    result = result[cols].astype({c: "string" for c in cols if c != "row"})
    result["row"] = result["row"].astype("int64")
    result.attrs["n_empty"] = n_empty
    logger.info(
        "read_annotations: %d values from %d sources (%d empty cells)",
        len(result),
        len(sources),
        n_empty,
    )
    return result


# --------------------------------------------------------------------------- validation


def _reference(ann: pd.DataFrame, reference: str) -> tuple[pd.Series, int]:
    """Reference label per item: a coder's, or the majority of the coders (ties dropped)."""
    if reference != "majority":
        one = ann[ann["coder"] == reference]
        if one.empty:
            raise TerritoireLabError(
                f"reference={reference!r} is not a coder; coders: "
                f"{sorted(ann['coder'].astype(str).unique())}, or use 'majority'."
            )
        return one.set_index("doc_id")["value"].astype(str), 0
    counts = ann.groupby(["doc_id", "value"], observed=True).size().rename("n").reset_index()
    counts = counts.sort_values(["doc_id", "n"], ascending=[True, False])
    top = counts.groupby("doc_id", observed=True)["n"].transform("max")
    winners = counts[counts["n"] == top]
    tied = winners.groupby("doc_id", observed=True).size() > 1
    winners = winners[~winners["doc_id"].isin(tied[tied].index)]
    return winners.set_index("doc_id")["value"].astype(str), int(tied.sum())


def _prf(conf: np.ndarray) -> dict[str, np.ndarray]:
    """Per-class and averaged precision, recall, F1 of stacked confusions (B, K, K)."""
    tp = np.diagonal(conf, axis1=1, axis2=2).astype(float)
    pred = conf.sum(axis=1).astype(float)
    true = conf.sum(axis=2).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(pred > 0, tp / pred, 0.0)
        r = np.where(true > 0, tp / true, 0.0)
        f = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
        micro = tp.sum(axis=1) / true.sum(axis=1)
    return {"precision": p, "recall": r, "f1": f, "micro": micro}


def validate_against(
    annotations: pd.DataFrame,
    predictions: pd.DataFrame | pd.Series,
    *,
    label: str | None = None,
    column: str | None = None,
    reference: str = "majority",
    classes: Sequence[str] | None = None,
    n_boot: int = 1000,
    confidence: float = 0.95,
    random_state: int | None = None,
) -> dict[str, object]:
    """Precision, recall and F1 of an automatic label against the hand-coded sample.

    Parameters
    ----------
    annotations : pandas.DataFrame
        Tidy annotations (:func:`read_annotations`): ``doc_id, coder, value`` and, when
        several labels are present, ``label_name``.
    predictions : DataFrame or Series
        The automatic labels: a table with ``doc_id`` and ``column`` (e.g. the output of
        ``AudienceClassifier.transform`` or ``score_sentiment``), or a Series indexed by
        ``doc_id``.
    label : str, optional
        The label validated (``audience``, ``tone``, ``topic``, ``place``): selects the
        annotations' ``label_name``; required when several labels are present.
    column : str, optional
        Column of ``predictions`` holding the automatic label (default: ``label``).
    reference : str, default "majority"
        The hand-coded reference: the coders' majority value (items where coders tie are
        left out, and counted), or the name of one coder.
    classes : sequence of str, optional
        Classes reported, in order (default: every class seen, sorted).
    n_boot : int, default 1000
        Bootstrap resamples of the items for the percentile intervals (0: none).
    confidence : float, default 0.95
    random_state : int, optional
        Seed of the bootstrap.

    Returns
    -------
    dict
        ``scores``: tidy table ``class`` (each class, then ``macro`` and ``micro``),
        ``metric`` (precision, recall, f1), ``value, ci_low, ci_high, support`` (reference
        items of the class; all items for the averages). Undefined ratios (a class never
        predicted) count as 0, as in scikit-learn. ``confusion``: reference (rows) x
        prediction (columns) counts. ``accuracy``, ``n_items`` (items compared),
        ``n_ties`` (items without a majority), ``n_unmatched`` (annotated items without a
        prediction).

    References
    ----------
    Song, H. et al. (2020). In validations we trust? *Political Communication*, 37(4),
    550-572 (validation of automatic labels against hand coding).

    Examples
    --------
    >>> ann = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"],
    ...                     "coder": ["X", "Y"] * 3,
    ...                     "value": ["positive", "positive", "negative", "negative",
    ...                               "neutral", "neutral"]})
    >>> pred = pd.Series(["positive", "neutral", "neutral"], index=["a", "b", "c"])
    >>> out = validate_against(ann, pred, n_boot=0)
    >>> out["accuracy"], out["confusion"].loc["negative", "neutral"]
    (0.6666666666666666, np.int64(1))
    """
    check_columns(annotations, ["doc_id", "coder", "value"], where="validate_against")
    ann = annotations
    if "label_name" in ann.columns:
        names = sorted(ann["label_name"].dropna().astype(str).unique())
        if label is None and len(names) > 1:
            raise TerritoireLabError(
                f"annotations hold several labels ({', '.join(names)}); pass label=..."
            )
        if label is not None:
            if label not in names:
                raise TerritoireLabError(f"label={label!r} not in the annotations ({names}).")
            ann = ann[ann["label_name"] == label]
    ann = ann[ann["value"].notna()].astype({"doc_id": str, "coder": str, "value": str})
    ref, n_ties = _reference(ann, reference)
    if isinstance(predictions, pd.Series):
        pred = predictions.copy()
        pred.index = pred.index.astype(str)
    else:
        col = column or label
        if col is None:
            raise TerritoireLabError("pass column=... naming the predictions' label column.")
        check_columns(predictions, ["doc_id", col], where="validate_against", table="predictions")
        pred = predictions.set_index(predictions["doc_id"].astype(str))[col]
    pred = pred[pred.notna()].astype(str)
    if pred.index.has_duplicates:
        raise TerritoireLabError("predictions have duplicated doc_id values; one label per post.")
    common = ref.index.intersection(pred.index)
    n_unmatched = int(len(ref) - len(common))
    if n_unmatched:
        logger.warning("validate_against: %d annotated items have no prediction", n_unmatched)
    if len(common) == 0:
        raise TerritoireLabError("no annotated item has a prediction: check the doc_id values.")
    y_true = ref.loc[common].to_numpy()
    y_pred = pred.loc[common].to_numpy()
    cls = list(classes) if classes is not None else sorted(set(y_true) | set(y_pred))
    outside = sorted((set(y_true) | set(y_pred)) - set(cls))
    if outside:
        raise TerritoireLabError(f"labels {outside} are not in classes={cls}.")
    index = {c: i for i, c in enumerate(cls)}
    k = len(cls)
    cell = np.array([index[t] * k + index[p] for t, p in zip(y_true, y_pred, strict=True)])
    onehot = np.zeros((len(cell), k * k))
    onehot[np.arange(len(cell)), cell] = 1.0
    rng = np.random.default_rng(random_state)
    if n_boot:
        draws = rng.integers(0, len(cell), size=(n_boot, len(cell)))
        flat = (draws + np.arange(n_boot)[:, None] * len(cell)).ravel()
        mult = np.bincount(flat, minlength=n_boot * len(cell)).reshape(n_boot, len(cell))
        weights = np.vstack([np.ones((1, len(cell))), mult])
    else:
        weights = np.ones((1, len(cell)))
    conf = (weights @ onehot).reshape(-1, k, k)
    scores = _prf(conf)
    tail = (1 - confidence) / 2 * 100
    support = conf[0].sum(axis=1).astype(int)
    rows = []

    def add(name: str, metric: str, values: np.ndarray, sup: int) -> None:
        lo, hi = np.percentile(values[1:], [tail, 100 - tail]) if n_boot else (np.nan, np.nan)
        rows.append(
            {
                "class": name,
                "metric": metric,
                "value": float(values[0]),
                "ci_low": float(lo),
                "ci_high": float(hi),
                "support": int(sup),
            }
        )

    for j, name in enumerate(cls):
        for metric in ("precision", "recall", "f1"):
            add(name, metric, scores[metric][:, j], support[j])
    for metric in ("precision", "recall", "f1"):
        add("macro", metric, scores[metric].mean(axis=1), len(cell))
    for metric in ("precision", "recall", "f1"):
        add("micro", metric, scores["micro"], len(cell))
    confusion = pd.DataFrame(conf[0].astype(int), index=cls, columns=cls)
    confusion.index.name = "reference"
    confusion.columns.name = "prediction"
    return {
        "scores": pd.DataFrame(rows).astype({"class": "string", "metric": "string"}),
        "confusion": confusion,
        "accuracy": float((y_true == y_pred).mean()),
        "n_items": len(cell),
        "n_ties": n_ties,
        "n_unmatched": n_unmatched,
    }
