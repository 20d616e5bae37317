"""A corpus store on disk: Parquet partitioned by platform and month, queried with DuckDB.

A national study (every département, two years, several platforms) reaches tens of
millions of posts: more than a laptop holds in pandas. :class:`CorpusStore` keeps the
corpus, exactly as the loaders give it (:func:`territoire_lab.read_corpus`,
:func:`territoire_lab.load_sample`), in a directory of Parquet files partitioned
hive-style by platform and month of publication::

    store/
      data/platform=instagram/month=2025-03/part-000001.parquet
      data/platform=x/month=2025-03/part-000001.parquet
      ...
      _schema.parquet          the arrow schema of the stored columns (evolves by union)

- :meth:`CorpusStore.append` adds a corpus; it is **idempotent on** ``doc_id``: a document
  whose ``doc_id`` is already stored is skipped (the stored row is kept), and so is a
  repeated ``doc_id`` within the input (the first occurrence is kept). The returned
  :class:`AppendReport` says how many rows were skipped and by which rule.
- :meth:`~CorpusStore.query`, :meth:`~CorpusStore.count`, :meth:`~CorpusStore.filter`
  and :meth:`~CorpusStore.sample` run in DuckDB over the Parquet files (projection and
  partition pruning), so only their result is loaded into pandas.
- :meth:`~CorpusStore.iter_chunks` reads the corpus back in chunks of a fixed number of
  rows (a pyarrow dataset scanner): memory is bounded by the chunk, not the corpus.

Identifiers stay text (``doc_id``, ``author_id``, ``territory_code``: never floats),
``created_at`` is stored as UTC and read back as ``datetime64[ns, UTC]``, following the
data contract :data:`territoire_lab.schema.CORPUS`. The store has a single writer at a
time (appends are not transactions between processes).

Needs the ``scale`` extra (pyarrow, DuckDB).

References
----------
Apache Parquet format specification, https://parquet.apache.org/docs/ (columnar
storage, row groups, statistics used for pruning).
Raasveldt, M. and Mühleisen, H. (2019). DuckDB: an embeddable analytical database.
*SIGMOD '19*, 1981-1984.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._compat import import_optional
from .schema import CORPUS, check_columns, validate_corpus

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pyarrow as pa

__all__ = ["PARTITIONS", "AppendReport", "CorpusStore", "arrow_to_corpus"]

logger = logging.getLogger("territoire_lab")

#: the partition columns of the store, outermost first
PARTITIONS: tuple[str, str] = ("platform", "month")

#: the rule applied by :meth:`CorpusStore.append` to documents already seen
DUPLICATE_RULE = (
    "a doc_id already stored is skipped (the stored row is kept); "
    "a doc_id repeated within the input keeps its first occurrence"
)

_PART_RE = re.compile(r"part-(\d{6})\.parquet$")
_ROW_GROUP = 65_536


def _pa() -> Any:
    return import_optional("pyarrow", extra="scale", purpose="the Parquet corpus store")


def _pq() -> Any:
    return import_optional("pyarrow.parquet", extra="scale", purpose="the Parquet corpus store")


def _duckdb() -> Any:
    return import_optional("duckdb", extra="scale", purpose="queries on the corpus store")


def _contract_arrow_type(dtype: str) -> pa.DataType:
    pa = _pa()
    return {
        "string": pa.string(),
        "datetime64[ns, UTC]": pa.timestamp("us", tz="UTC"),
        "float64": pa.float64(),
        "Int64": pa.int64(),
        "boolean": pa.bool_(),
    }[dtype]


def _sql_str(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def arrow_to_corpus(table: pa.Table) -> pd.DataFrame:
    """Convert an arrow table read from the store to a pandas corpus in the data contract.

    Text columns become ``string``, integer columns nullable ``Int64``, booleans
    ``boolean`` and timestamps ``datetime64[ns, UTC]``; partition columns read as
    dictionaries become plain text.

    Parameters
    ----------
    table : pyarrow.Table

    Returns
    -------
    pandas.DataFrame
    """
    pa = _pa()
    for i, f in enumerate(table.schema):
        if pa.types.is_dictionary(f.type):
            table = table.set_column(i, f.name, table.column(i).cast(f.type.value_type))
    mapping = {
        pa.string(): pd.StringDtype(),
        pa.large_string(): pd.StringDtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.int32(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    df = table.to_pandas(types_mapper=mapping.get, ignore_metadata=True)
    for name in df.columns:
        col = df[name]
        if isinstance(col.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(col):
            if getattr(col.dt, "tz", None) is None:
                col = col.dt.tz_localize("UTC")
            df[name] = col.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    return df


@dataclass(frozen=True)
class AppendReport:
    """What :meth:`CorpusStore.append` did.

    Attributes
    ----------
    n_input : int
        Rows given.
    n_written : int
        Rows written (new documents).
    n_already_stored : int
        Rows skipped because their ``doc_id`` was already in the store.
    n_repeated_in_input : int
        Rows skipped because their ``doc_id`` appeared earlier in the same input.
    files : list of str
        Parquet files written, relative to the store directory.
    rule : str
        The rule applied to duplicates (:data:`DUPLICATE_RULE`).
    """

    n_input: int
    n_written: int
    n_already_stored: int
    n_repeated_in_input: int
    files: list[str] = field(default_factory=list)
    rule: str = DUPLICATE_RULE

    @property
    def n_skipped(self) -> int:
        """Rows not written (already stored + repeated in the input)."""
        return self.n_already_stored + self.n_repeated_in_input

    def __str__(self) -> str:
        return (
            f"appended {self.n_written:,} of {self.n_input:,} documents in "
            f"{len(self.files)} file(s); skipped {self.n_already_stored:,} already stored and "
            f"{self.n_repeated_in_input:,} repeated in the input ({self.rule})"
        )


class CorpusStore:
    """A corpus on disk: Parquet partitioned by platform and month, queried with DuckDB.

    Parameters
    ----------
    path : str or Path
        Directory of the store; created at the first :meth:`append`.
    validate : bool, default True
        Validate every appended corpus against the data contract
        (:func:`territoire_lab.schema.validate_corpus`) before writing.
    memory_limit : str, optional
        DuckDB memory limit of the queries (e.g. ``"2GB"``); DuckDB's default (80% of
        RAM) when None. DuckDB spills to disk past it.
    threads : int, optional
        DuckDB threads; DuckDB's default (all cores) when None.

    References
    ----------
    Raasveldt & Mühleisen (2019), DuckDB; the Apache Parquet format. See the module
    docstring.

    Examples
    --------
    >>> import tempfile, territoire_lab as tl
    >>> from territoire_lab.store import CorpusStore
    >>> corpus = tl.load_sample_corpus(key="doc example key, 16+ bytes").head(1000)
    >>> store = CorpusStore(tempfile.mkdtemp())
    >>> store.append(corpus).n_written
    1000
    >>> store.append(corpus).n_already_stored
    1000
    >>> len(store)
    1000
    >>> int(store.count(by="platform")["n_docs"].sum())
    1000
    >>> q = "SELECT territory_code, count(*) AS n FROM corpus GROUP BY 1 ORDER BY n DESC"
    >>> store.query(q)["territory_code"].iloc[0]
    '37261'
    """

    def __init__(
        self,
        path: str | Path,
        *,
        validate: bool = True,
        memory_limit: str | None = None,
        threads: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.validate = validate
        self.memory_limit = memory_limit
        self.threads = threads

    def __repr__(self) -> str:
        return f"CorpusStore({str(self.path)!r})"

    # ------------------------------------------------------------------ layout

    @property
    def data_dir(self) -> Path:
        """Directory of the partitioned Parquet files."""
        return self.path / "data"

    @property
    def _schema_path(self) -> Path:
        return self.path / "_schema.parquet"

    def files(self) -> list[Path]:
        """The Parquet files of the store in canonical order (platform, month, append).

        This order is the order in which :meth:`iter_chunks` and the chunked pipeline
        read the documents.
        """
        if not self.data_dir.exists():
            return []
        return sorted(self.data_dir.glob("platform=*/month=*/part-*.parquet"))

    def schema(self) -> pa.Schema:
        """Arrow schema of the stored columns, including the ``platform`` partition.

        Raises
        ------
        ValueError
            When the store is empty.
        """
        if not self._schema_path.exists():
            raise ValueError(
                f"the store {self.path} is empty: append a corpus first (store.append(corpus))"
            )
        return _pq().read_schema(self._schema_path)

    @property
    def columns(self) -> list[str]:
        """Names of the stored corpus columns, in their stored order."""
        return self.schema().names

    def partitions(self) -> pd.DataFrame:
        """One row a partition: ``platform, month, n_files``."""
        rows = [
            (f.parent.parent.name.split("=", 1)[1], f.parent.name.split("=", 1)[1])
            for f in self.files()
        ]
        df = pd.DataFrame(rows, columns=["platform", "month"], dtype="string")
        return df.value_counts(sort=False).rename("n_files").reset_index()

    # ------------------------------------------------------------------ writing

    def _arrow_schema(self, corpus: pd.DataFrame) -> pa.Schema:
        """Schema of ``corpus``: contract columns typed by the contract, others inferred."""
        pa = _pa()
        fields = []
        for name in corpus.columns:
            try:
                spec = CORPUS[name]
            except KeyError:
                spec = None
            if spec is not None and spec.dtype != "geometry":
                fields.append(pa.field(name, _contract_arrow_type(spec.dtype)))
            else:
                typ = pa.Schema.from_pandas(corpus[[name]].head(1000), preserve_index=False)
                fields.append(typ.field(name))
        return pa.schema(fields)

    def _merged_schema(self, new: pa.Schema) -> pa.Schema:
        pa = _pa()
        if not self._schema_path.exists():
            return new
        old = self.schema()
        for f in new:
            if f.name in old.names:
                have = old.field(f.name).type
                if have != f.type and not pa.types.is_null(f.type):
                    raise ValueError(
                        f"column {f.name!r}: the store holds {have}, the corpus to append has "
                        f"{f.type}; expected the same type; fix: cast the column "
                        f"(corpus[{f.name!r}].astype(...)) before appending"
                    )
        extra = [f for f in new if f.name not in old.names]
        return pa.schema([*old, *extra])

    def _stored_ids(self, ids: pd.Series) -> np.ndarray:
        """Boolean mask: which of ``ids`` are already stored (DuckDB semi-join)."""
        files = self.files()
        if not files:
            return np.zeros(len(ids), dtype=bool)
        pa = _pa()
        incoming = pa.table(
            {
                "doc_id": pa.array(ids.astype("string").to_numpy(dtype=object), pa.string()),
                "pos": pa.array(np.arange(len(ids), dtype=np.int64)),
            }
        )
        con = self.connect(register_views=False)
        try:
            con.register("incoming", incoming)
            found = con.execute(
                "SELECT pos FROM incoming WHERE doc_id IN "
                f"(SELECT doc_id FROM read_parquet({self._file_list_sql(files)}))"
            ).fetchnumpy()["pos"]
        finally:
            con.close()
        mask = np.zeros(len(ids), dtype=bool)
        mask[np.asarray(found, dtype=np.int64)] = True
        return mask

    def append(self, corpus: pd.DataFrame) -> AppendReport:
        """Add the documents of ``corpus`` not already stored.

        Idempotent on ``doc_id``: appending the same corpus twice stores it once. A
        ``doc_id`` already in the store is skipped (the stored row is kept, even if the
        new row differs: re-collected posts keep their first version); a ``doc_id``
        repeated within ``corpus`` keeps its first occurrence. The counts are returned and
        logged.

        Parameters
        ----------
        corpus : pandas.DataFrame
            A corpus in the data contract (``doc_id``, ``platform``, ``text``,
            ``created_at`` tz-aware, ...), as the loaders return it. Columns beyond the
            contract are stored too (the stored schema grows by union; a column must keep
            its type from one append to the next).

        Returns
        -------
        AppendReport

        Raises
        ------
        CorpusSchemaError
            When ``validate`` is on and the corpus breaks the contract.
        ValueError
            When a column's type differs from the stored one.
        """
        pa = _pa()
        pq = _pq()
        check_columns(
            corpus, ["doc_id", "platform", "text", "created_at"], where="CorpusStore.append"
        )
        n_input = len(corpus)
        repeated = corpus["doc_id"].duplicated(keep="first").to_numpy()
        if self.validate:  # repeated ids are the append rule's business, not an error
            validate_corpus(corpus.loc[~repeated] if repeated.any() else corpus)
        elif getattr(corpus["created_at"].dt, "tz", None) is None:
            raise ValueError(
                "column 'created_at': found naive times; expected tz-aware UTC times; fix: "
                "load with territoire_lab.read_corpus or convert with "
                "corpus['created_at'].dt.tz_localize('Europe/Paris').dt.tz_convert('UTC')"
            )
        stored = self._stored_ids(corpus["doc_id"])
        keep = ~(repeated | stored)
        n_stored = int(stored.sum())
        n_repeated = int((repeated & ~stored).sum())
        new = corpus.loc[keep]
        written: list[str] = []
        if len(new):
            logical = self._merged_schema(self._arrow_schema(new))
            file_schema = pa.schema([f for f in logical if f.name not in PARTITIONS])
            cols = [f.name for f in file_schema]
            frame = new.reindex(columns=cols)
            table = pa.Table.from_pandas(frame, schema=file_schema, preserve_index=False, safe=True)
            month = new["created_at"].dt.tz_convert("UTC").dt.strftime("%Y-%m").to_numpy()
            keys = pd.DataFrame(
                {"platform": new["platform"].astype("string").to_numpy(), "month": month}
            )
            seq = self._next_seq()
            for (platform, mon), pos in sorted(keys.groupby(list(PARTITIONS)).indices.items()):
                part = self.data_dir / f"platform={platform}" / f"month={mon}"
                part.mkdir(parents=True, exist_ok=True)
                target = part / f"part-{seq:06d}.parquet"
                pq.write_table(table.take(pa.array(pos)), target, row_group_size=_ROW_GROUP)
                written.append(str(target.relative_to(self.path)))
            pq.write_metadata(logical, self._schema_path)
        report = AppendReport(n_input, int(keep.sum()), n_stored, n_repeated, written)
        logger.info("CorpusStore %s: %s", self.path, report)
        return report

    def _next_seq(self) -> int:
        seqs = [int(m.group(1)) for f in self.files() if (m := _PART_RE.search(f.name))]
        return max(seqs, default=0) + 1

    # ------------------------------------------------------------------ DuckDB

    def _file_list_sql(self, files: Sequence[Path]) -> str:
        return "[" + ", ".join(_sql_str(str(f)) for f in files) + "]"

    def _source_sql(self) -> str:
        glob = str(self.data_dir / "platform=*" / "month=*" / "part-*.parquet")
        return (
            f"read_parquet({_sql_str(glob)}, hive_partitioning = true, union_by_name = true, "
            "filename = true, file_row_number = true, "
            "hive_types = {'platform': VARCHAR, 'month': VARCHAR})"
        )

    def connect(self, *, register_views: bool = True) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with the view ``corpus`` over the store.

        The view has every stored column plus the ``month`` partition (``YYYY-MM``,
        UTC). Times are shown in UTC. Close the connection when done.
        """
        duckdb = _duckdb()
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        if self.memory_limit:
            con.execute(f"SET memory_limit = {_sql_str(self.memory_limit)}")
        if self.threads:
            con.execute(f"SET threads = {int(self.threads)}")
        if register_views:
            if not self.files():
                raise ValueError(
                    f"the store {self.path} is empty: append a corpus first (store.append(corpus))"
                )
            con.execute(f"CREATE VIEW _corpus_files AS SELECT * FROM {self._source_sql()}")
            con.execute(
                "CREATE VIEW corpus AS SELECT * EXCLUDE (filename, file_row_number) "
                "FROM _corpus_files"
            )
        return con

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run SQL on the view ``corpus`` in DuckDB; only the result is loaded.

        Parameters
        ----------
        sql : str
            A DuckDB query over ``corpus`` (all stored columns and ``month``).
        params : sequence, optional
            Values of the ``?`` placeholders.

        Returns
        -------
        pandas.DataFrame
            The result, with text as ``string``, integers as ``Int64`` and times as
            ``datetime64[ns, UTC]``.
        """
        con = self.connect()
        try:
            rel = con.sql(sql, params=list(params) if params else None)
            table = rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()
        finally:
            con.close()
        return arrow_to_corpus(table)

    def __len__(self) -> int:
        if not self.files():
            return 0
        return int(self.query("SELECT count(*) AS n FROM corpus")["n"].iloc[0])

    @staticmethod
    def _by(by: str | Sequence[str] | None) -> list[str]:
        if by is None:
            return []
        return [by] if isinstance(by, str) else list(by)

    def _check_names(self, names: Sequence[str], where: str) -> None:
        known = [*self.columns, "month"]
        bad = [n for n in names if n not in known]
        if bad:
            raise ValueError(
                f"{where}: unknown column(s) {bad}; the store has {known}; fix: use one of them"
            )

    def _where(
        self,
        territory: str | Sequence[str] | None,
        start: Any,
        end: Any,
        platform: str | Sequence[str] | None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for col, value in (("territory_code", territory), ("platform", platform)):
            if value is None:
                continue
            values = [value] if isinstance(value, str) else [str(v) for v in value]
            clauses.append(f"{col} IN ({', '.join('?' for _ in values)})")
            params += values
        for op, value in ((">=", start), ("<", end)):
            if value is None:
                continue
            ts = pd.Timestamp(value)
            ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
            # the month partition prunes whole directories before the row filter
            mon = ts.strftime("%Y-%m")
            clauses.append(f"month {'>=' if op == '>=' else '<='} ?")
            params.append(mon)
            clauses.append(f"created_at {op} ?::TIMESTAMPTZ")
            params.append(ts.isoformat())
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(
        self,
        by: str | Sequence[str] | None = None,
        *,
        territory: str | Sequence[str] | None = None,
        start: Any = None,
        end: Any = None,
        platform: str | Sequence[str] | None = None,
    ) -> pd.DataFrame | int:
        """Count the documents, overall or by columns (``month`` included), in DuckDB.

        Parameters
        ----------
        by : str or sequence of str, optional
            Grouping columns, e.g. ``"platform"``, ``["territory_code", "month"]``.
        territory, start, end, platform
            Restrict the count as :meth:`filter` does.

        Returns
        -------
        int or pandas.DataFrame
            The count when ``by`` is None; else one row a group: the ``by`` columns and
            ``n_docs`` (int64), sorted by the groups (missing values last).
        """
        cols = self._by(by)
        self._check_names(cols, "CorpusStore.count")
        where, params = self._where(territory, start, end, platform)
        if not cols:
            return int(self.query(f"SELECT count(*) AS n FROM corpus{where}", params)["n"].iloc[0])
        keys = ", ".join(f'"{c}"' for c in cols)
        order = ", ".join(f'"{c}" NULLS LAST' for c in cols)
        out = self.query(
            f"SELECT {keys}, count(*) AS n_docs FROM corpus{where} GROUP BY ALL ORDER BY {order}",
            params,
        )
        out["n_docs"] = out["n_docs"].astype("int64")
        return out

    def filter(
        self,
        *,
        territory: str | Sequence[str] | None = None,
        start: Any = None,
        end: Any = None,
        platform: str | Sequence[str] | None = None,
        columns: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """The documents of some territories, period and platforms.

        Only the matching rows are loaded: DuckDB skips the platform and month
        partitions outside the request and reads only ``columns``.

        Parameters
        ----------
        territory : str or sequence of str, optional
            ``territory_code`` values (COG codes as text, exact match).
        start, end : str or Timestamp, optional
            Publication time interval ``[start, end)``; naive times are read as UTC.
        platform : str or sequence of str, optional
        columns : sequence of str, optional
            Columns to return (default all stored columns).

        Returns
        -------
        pandas.DataFrame
            In the store's canonical order (platform, month, append order), with a fresh
            ``RangeIndex``.
        """
        cols = list(columns) if columns is not None else self.columns
        self._check_names(cols, "CorpusStore.filter")
        where, params = self._where(territory, start, end, platform)
        select = ", ".join(f'"{c}"' for c in cols)
        return self.query(
            f"SELECT {select} FROM _corpus_files{where} ORDER BY filename, file_row_number",
            params,
        )

    def sample(
        self,
        n: int,
        *,
        by: str | Sequence[str] | None = "territory_code",
        random_state: int = 0,
        territory: str | Sequence[str] | None = None,
        start: Any = None,
        end: Any = None,
        platform: str | Sequence[str] | None = None,
        columns: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """A random sample of ``n`` documents per group (all of a smaller group), in DuckDB.

        The draw is a seeded hash of ``doc_id``: documents are ranked within their group
        by ``hash(doc_id, random_state)`` and the first ``n`` are kept. It does not
        depend on the order or the chunking of the files, the same seed gives the same
        sample, and the sample of a group does not change when other groups grow.

        Parameters
        ----------
        n : int
            Documents per group.
        by : str or sequence of str or None, default "territory_code"
            Grouping (``"month"`` allowed); None draws ``n`` documents overall. Rows
            with a missing group value form their own group.
        random_state : int, default 0
        territory, start, end, platform
            Restrict the population as :meth:`filter` does.
        columns : sequence of str, optional
            Columns to return (default all).

        Returns
        -------
        pandas.DataFrame
            Sorted by the groups, then by the random rank.
        """
        if int(n) < 0:
            raise ValueError(f"CorpusStore.sample: n={n}; expected n >= 0")
        cols = list(columns) if columns is not None else self.columns
        group = self._by(by)
        self._check_names([*cols, *group], "CorpusStore.sample")
        where, params = self._where(territory, start, end, platform)
        quoted = ", ".join('"' + g + '"' for g in group)
        part = f"PARTITION BY {quoted} " if group else ""
        select = ", ".join(f'"{c}"' for c in cols)
        order = ", ".join([*(f'"{g}" NULLS LAST' for g in group), "_rank"])
        sql = (
            f"SELECT {select} FROM (SELECT *, row_number() OVER ({part}ORDER BY "
            f"hash(doc_id || ':' || {int(random_state)}), doc_id) AS _rank FROM corpus{where}) "
            f"WHERE _rank <= {int(n)} ORDER BY {order}"
        )
        return self.query(sql, params)

    # ------------------------------------------------------------------ reading

    def dataset(self, files: Sequence[Path] | None = None) -> Any:
        """The pyarrow dataset of the store (or of some of its files), canonical order."""
        ds = import_optional("pyarrow.dataset", extra="scale", purpose="chunked reads")
        pa = _pa()
        logical = self.schema()
        part_schema = pa.schema([("platform", pa.string()), ("month", pa.string())])
        full = pa.schema([*logical, pa.field("month", pa.string())])
        return ds.dataset(
            [str(f) for f in (self.files() if files is None else files)],
            schema=full,
            format="parquet",
            partitioning=ds.partitioning(part_schema, flavor="hive"),
            partition_base_dir=str(self.data_dir),
        )

    def iter_chunks(
        self,
        chunksize: int = 100_000,
        *,
        columns: Sequence[str] | None = None,
        files: Sequence[Path] | None = None,
    ) -> Iterator[pd.DataFrame]:
        """Read the corpus back in chunks of ``chunksize`` rows (the last one smaller).

        A pyarrow dataset scanner reads the files in canonical order (platform, month,
        append order); memory is bounded by ``chunksize`` rows of ``columns``.

        Parameters
        ----------
        chunksize : int, default 100_000
        columns : sequence of str, optional
            Columns to read (default every stored column); ``month`` may be asked.
        files : sequence of Path, optional
            Read only these files (default all of :meth:`files`).

        Yields
        ------
        pandas.DataFrame
            Corpus chunks in the data contract, each with a ``RangeIndex`` continuing
            from the previous chunk (the row's position in the store).
        """
        if chunksize < 1:
            raise ValueError(f"iter_chunks: chunksize={chunksize}; expected >= 1")
        pa = _pa()
        cols = list(columns) if columns is not None else self.columns
        self._check_names(cols, "CorpusStore.iter_chunks")
        if not (self.files() if files is None else files):
            return
        scanner = self.dataset(files).scanner(columns=cols, batch_size=min(chunksize, 1 << 16))
        pending: list[Any] = []
        n_pending = 0
        start = 0

        def emit(batches: list[Any]) -> pd.DataFrame:
            df = arrow_to_corpus(pa.Table.from_batches(batches).combine_chunks())
            df.index = pd.RangeIndex(start, start + len(df))
            return df

        for batch in scanner.to_batches():
            while batch.num_rows:
                take = min(chunksize - n_pending, batch.num_rows)
                pending.append(batch.slice(0, take))
                n_pending += take
                batch = batch.slice(take)
                if n_pending == chunksize:
                    yield emit(pending)
                    start += n_pending
                    pending, n_pending = [], 0
        if n_pending:
            yield emit(pending)

    def to_pandas(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The whole corpus in pandas (canonical order): only for stores that fit in memory."""
        cols = list(columns) if columns is not None else self.columns
        self._check_names(cols, "CorpusStore.to_pandas")
        if not self.files():
            return pd.DataFrame(columns=cols)
        return arrow_to_corpus(self.dataset().to_table(columns=cols))
