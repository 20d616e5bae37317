"""Exchange formats: the influence graph for Gephi, corpora for IRaMuTeQ.

* :func:`to_gexf` and :func:`to_graphml` write the interaction graph of
  :func:`territoire_lab.influence.interaction_graph` for Gephi (or Cytoscape, igraph, R),
  **pseudonymised**: a node keeps its handle only when the account is on the allow-list
  of institutions (and is labelled with the institution's name); every other node is a
  keyed pseudonym (``u_`` + 24 hex digits, see :mod:`territoire_lab.privacy`); a raw
  handle given by mistake is pseudonymised, never written. Node attributes: platform,
  institution flag, follower tier (the count itself is not written), and any allowed
  column of a ``nodes`` table (audience, territory, influence scores); edges carry their
  weight, their counts by kind and their main kind.
* :func:`to_iramuteq` writes a corpus subset in the IRaMuTeQ / Alceste text format, with
  starred variables (``**** *territory_37261 *audience_resident *platform_x``) and texts
  cleaned of the characters that break the format or IRaMuTeQ's import. The format itself
  is written by :func:`territoire_lab.reinert.to_iramuteq` (read back by
  :func:`territoire_lab.reinert.read_iramuteq`).

Tidy result tables go to CSV, XLSX or Parquet with :func:`territoire_lab.export.export`.

References
----------
Bastian, M., Heymann, S. and Jacomy, M. (2009). Gephi: an open source software for
exploring and manipulating networks. *ICWSM* (GEXF format: https://gexf.net).
Brandes, U., Eiglsperger, M., Lerner, J. and Pich, C. (2013). Graph markup language
(GraphML). In R. Tamassia (ed.), *Handbook of Graph Drawing and Visualization*, CRC Press.
Ratinaud, P. (2009). IRaMuTeQ: Interface de R pour les Analyses Multidimensionnelles de
Textes et de Questionnaires. http://www.iramuteq.org.
Reinert, M. (1990). Alceste, une méthodologie d'analyse des données textuelles.
*Bulletin de méthodologie sociologique*, 26, 24-54 (the starred-line corpus format).
"""

from __future__ import annotations

import functools
import logging
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .exceptions import TerritoireLabError
from .influence import DEFAULT_TIERS, follower_tier
from .privacy import normalize_handle, pseudonymize
from .schema import check_columns

if TYPE_CHECKING:  # pragma: no cover
    import networkx

__all__ = [
    "NODE_ATTRIBUTES",
    "clean_iramuteq_text",
    "pseudonymous_graph",
    "to_gexf",
    "to_graphml",
    "to_iramuteq",
]

logger = logging.getLogger("territoire_lab")

#: columns of a ``nodes`` table written as node attributes by default (renamed: the
#: ``territory_code`` column becomes ``territory``). Identifying columns (display name,
#: bio, profile location, follower counts) are never written unless asked for.
NODE_ATTRIBUTES: tuple[str, ...] = (
    "audience",
    "territory_code",
    "home_code",
    "tier",
    "n_posts",
    "local_anchoring",
    "engagement_rate",
    "pagerank",
    "betweenness",
    "in_degree",
    "community",
    "tone",
    "resident_share",
    "score",
)
_IDENTIFYING = {"display_name", "bio", "profile_location", "url", "name", "followers"}
_PSEUDONYM = re.compile(r"u_[0-9a-f]{24}")
_KINDS = ("mention", "reply", "repost")


def _split(node: str) -> tuple[str, str]:
    platform, sep, author = str(node).partition(":")
    if not sep:
        raise TerritoireLabError(
            f"graph node {node!r} is not 'platform:author_id'; build the graph with "
            "territoire_lab.influence.interaction_graph()."
        )
    return platform, author


def _attr_value(value: object, kind: str) -> object:
    if kind == "bool":
        return bool(value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return str(value)


def _column_kind(s: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(s.dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(s.dtype):
        return "int"
    if pd.api.types.is_numeric_dtype(s.dtype):
        return "float"
    return "str"


def pseudonymous_graph(
    graph: networkx.DiGraph,
    *,
    nodes: pd.DataFrame | None = None,
    accounts: pd.DataFrame | None = None,
    institutions: pd.DataFrame | None = None,
    attributes: Sequence[str] | None = None,
    tiers: Sequence[tuple[str, float]] = DEFAULT_TIERS,
    key: bytes | str | None = None,
) -> networkx.DiGraph:
    """A copy of the interaction graph fit to share: pseudonymous ids, chosen attributes.

    Parameters
    ----------
    graph : networkx.DiGraph
        Nodes ``"platform:author_id"`` and edges with ``weight`` and counts by kind, as
        built by :func:`territoire_lab.influence.interaction_graph`. Node attributes of the
        input are not copied (they could hold names).
    nodes : pandas.DataFrame, optional
        Per-author attributes: ``platform, author_id`` and columns such as ``audience``,
        ``territory_code``, ``pagerank`` (e.g. :func:`territoire_lab.influence.author_metrics`,
        whose rows are per author *and territory*: the row with most ``n_posts`` is kept,
        i.e. the author's main territory).
    accounts : pandas.DataFrame, optional
        ``platform, author_id, followers``: adds the follower ``tier`` (not the count).
    institutions : pandas.DataFrame, optional
        The allow-list (``platform, author_id, name``): these nodes keep their handle and
        are labelled with ``name``; ``institution`` is True for them.
    attributes : sequence of str, optional
        Columns of ``nodes`` to write (default: those of :data:`NODE_ATTRIBUTES` present).
        Identifying columns (``display_name, bio, profile_location, url, name,
        followers``) are refused.
    tiers : sequence of (name, lower bound)
        Follower tiers (see :func:`territoire_lab.influence.follower_tier`).
    key : bytes or str, optional
        Pseudonymisation key for any author id that is not yet a pseudonym.

    Returns
    -------
    networkx.DiGraph
        Node ids ``platform:u_...`` (or ``platform:handle`` for institutions); node
        attributes ``label, platform, institution`` [``tier``] and the chosen columns
        (``territory_code`` renamed ``territory``), missing values left out; edge
        attributes ``weight``, ``mention``, ``reply``, ``repost`` and ``kind`` (the most
        frequent kind).
    """
    import networkx as nx

    allowed: dict[tuple[str, str], str] = {}
    if institutions is not None:
        check_columns(
            institutions, ["platform", "author_id"], where="to_gexf", table="institutions"
        )
        names = institutions["name"] if "name" in institutions else institutions["author_id"]
        for p, a, n in zip(institutions["platform"], institutions["author_id"], names, strict=True):
            allowed[(str(p), normalize_handle(str(a)))] = str(n)

    def is_kept(platform: str, author: str) -> bool:
        return (platform, normalize_handle(author)) in allowed or bool(_PSEUDONYM.fullmatch(author))

    # every raw id of the graph and tables, pseudonymised in one pass
    pairs = [_split(n) for n in graph.nodes]
    for table in (accounts, nodes):
        if table is not None and {"platform", "author_id"} <= set(table.columns):
            plats, authors = table["platform"].astype(str), table["author_id"].astype(str)
            pairs += zip(plats, authors, strict=True)
    raw = sorted({a for p, a in pairs if not is_kept(p, a)})
    cache: dict[str, str] = {}
    if raw:
        cache = dict(zip(raw, pseudonymize(pd.Series(raw), key=key).astype(str), strict=True))

    def pseudo(platform: str, author: str) -> str:
        return author.strip().lstrip("@") if is_kept(platform, author) else cache[author]

    def node_id(platform: str, author: str) -> str:
        return f"{platform}:{pseudo(platform, author)}"

    def keyed(table: pd.DataFrame) -> pd.DataFrame:
        ids = [
            node_id(str(p), str(a))
            for p, a in zip(table["platform"], table["author_id"], strict=True)
        ]
        return table.assign(_node=ids)

    out = nx.DiGraph()
    mapping: dict[str, str] = {}
    for node in graph.nodes:
        platform, author = _split(node)
        new = node_id(platform, author)
        mapping[node] = new
        inst = (platform, normalize_handle(author)) in allowed
        out.add_node(
            new,
            label=allowed.get((platform, normalize_handle(author)), new.partition(":")[2]),
            platform=platform,
            institution=inst,
        )
    if accounts is not None:
        check_columns(
            accounts, ["platform", "author_id", "followers"], where="to_gexf", table="accounts"
        )
        acc = keyed(accounts).drop_duplicates("_node")
        acc = acc.assign(tier=follower_tier(acc["followers"], scheme=tiers))
        for n, tier in zip(acc["_node"], acc["tier"], strict=True):
            if n in out and not pd.isna(tier):
                out.nodes[n]["tier"] = str(tier)
    if nodes is not None:
        check_columns(nodes, ["platform", "author_id"], where="to_gexf", table="nodes")
        cols = (
            [c for c in NODE_ATTRIBUTES if c in nodes.columns]
            if attributes is None
            else list(attributes)
        )
        refused = sorted(set(cols) & _IDENTIFYING)
        if refused:
            raise TerritoireLabError(
                f"node attributes {refused} could identify people and are not written; "
                "use tier instead of followers, and pseudonyms instead of names."
            )
        check_columns(nodes, cols, where="to_gexf", table="nodes")
        table = keyed(nodes)
        if table["_node"].duplicated().any():
            if "n_posts" not in table:
                raise TerritoireLabError(
                    "nodes has several rows per author and no n_posts column to choose the "
                    "main one; aggregate it to one row per (platform, author_id) first."
                )
            n_before = len(table)
            table = table.sort_values(["_node", "n_posts"], ascending=[True, False], kind="stable")
            table = table.drop_duplicates("_node")
            logger.info(
                "to_gexf: %d author rows -> %d nodes (the territory with most posts kept)",
                n_before,
                len(table),
            )
        for col in cols:
            kind = _column_kind(table[col])
            name = "territory" if col == "territory_code" else col
            for n, value in zip(table["_node"], table[col], strict=True):
                if n in out and not pd.isna(value):
                    out.nodes[n][name] = _attr_value(value, kind)
    for u, v, data in graph.edges(data=True):
        counts = {k: int(data.get(k, 0)) for k in _KINDS}
        kind = max(_KINDS, key=lambda k: (counts[k], -_KINDS.index(k)))
        out.add_edge(
            mapping[u],
            mapping[v],
            weight=float(data.get("weight", sum(counts.values()) or 1)),
            kind=kind,
            **counts,
        )
    n_pseudo = len(cache)
    if n_pseudo:
        logger.info("to_gexf: %d raw author ids pseudonymised", n_pseudo)
    return out


def to_gexf(
    graph: networkx.DiGraph,
    path: str | os.PathLike[str],
    **kwargs: object,
) -> Path:
    """Write the interaction graph, pseudonymised, as GEXF 1.2 for Gephi.

    Parameters
    ----------
    graph : networkx.DiGraph
        See :func:`pseudonymous_graph`.
    path : str or path-like
        The ``.gexf`` file written (UTF-8).
    **kwargs
        ``nodes``, ``accounts``, ``institutions``, ``attributes``, ``tiers``, ``key``: see
        :func:`pseudonymous_graph`.

    Returns
    -------
    pathlib.Path

    References
    ----------
    GEXF 1.2 (https://gexf.net); Bastian, Heymann and Jacomy (2009), Gephi.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> import territoire_lab as tl
    >>> s = tl.load_sample(key="documentation example key")
    >>> g = tl.influence.interaction_graph(s.interactions)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     back = nx.read_gexf(to_gexf(g, f"{d}/g.gexf", institutions=s.institutions))
    >>> back.number_of_edges() == g.number_of_edges()
    True
    """
    import networkx as nx

    out = pseudonymous_graph(graph, **kwargs)  # type: ignore[arg-type]
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(out, target, encoding="utf-8", version="1.2draft")
    logger.info(
        "wrote %s: %d nodes, %d edges", target, out.number_of_nodes(), out.number_of_edges()
    )
    return target


def to_graphml(
    graph: networkx.DiGraph,
    path: str | os.PathLike[str],
    **kwargs: object,
) -> Path:
    """Write the interaction graph, pseudonymised, as GraphML (Gephi, Cytoscape, igraph).

    Same options as :func:`to_gexf`; GraphML has no node label field, so the label is a
    node attribute ``label``.

    References
    ----------
    Brandes, U. et al. (2013). Graph markup language (GraphML).
    """
    import networkx as nx

    out = pseudonymous_graph(graph, **kwargs)  # type: ignore[arg-type]
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(out, target, encoding="utf-8")
    logger.info(
        "wrote %s: %d nodes, %d edges", target, out.number_of_nodes(), out.number_of_edges()
    )
    return target


# --------------------------------------------------------------------------- IRaMuTeQ

#: friendly variable names -> corpus columns
_VARIABLE_COLUMNS = {"territory": "territory_code", "level": "territory_level"}
# characters with a meaning in the format (*), or that IRaMuTeQ's import and cleaning
# mishandle: double quotes, $, backslash, |, and characters outside the Basic
# Multilingual Plane (emojis), variation selectors and zero-width joiners
_REPLACED = re.compile(r"[*\"$\\|\u201c\u201d\u00ab\u00bb]")
_DROPPED = re.compile(r"[\U00010000-\U0010ffff\ufe00-\ufe0f\u200b-\u200f\u2060\ufeff\u20e3]")


@functools.cache
def _symbols() -> re.Pattern[str]:
    """Symbols of the Basic Multilingual Plane (category So: ✨ ❤ ☀ ✅ ...), except °."""
    chars = [chr(i) for i in range(0x10000) if unicodedata.category(chr(i)) == "So"]
    chars = [c for c in chars if c != "°"]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u00b4`]")
_BAD_VALUE = re.compile(r"[^\w.-]+|_")


def clean_iramuteq_text(text: str) -> str:
    """Clean one text for IRaMuTeQ: what breaks the format or its import goes.

    ``*`` (it starts variables), double quotes and guillemets, ``$``, ``\\`` and ``|``
    become spaces; ``%`` becomes `` pour cent``; typographic apostrophes become ``'``
    (IRaMuTeQ splits French elisions on it); emojis and other symbols (Unicode category
    So, except ``°``, and every character outside the Basic Multilingual Plane), variation
    selectors, zero-width characters and control characters are removed; line breaks
    become spaces (one post, one line); spaces are collapsed; the result is NFC. Hyphens
    are kept (``Indre-et-Loire``).

    Examples
    --------
    >>> clean_iramuteq_text("Chambord ***** « magique » 😍\\n100% conquis")
    'Chambord magique 100 pour cent conquis'
    """
    text = unicodedata.normalize("NFC", str(text))
    text = _symbols().sub("", _DROPPED.sub("", text))
    text = _CONTROL.sub(" ", text.replace("\r", " ").replace("\n", " ").replace("\t", " "))
    text = _APOSTROPHES.sub("'", text)
    text = text.replace("%", " pour cent ")
    text = _REPLACED.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def _clean_variable(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return pd.NA
    text = unicodedata.normalize("NFC", str(value))
    text = _DROPPED.sub("", text)
    text = _BAD_VALUE.sub("-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-")
    return text or pd.NA


def to_iramuteq(
    corpus: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    variables: Sequence[str] | Mapping[str, str] = ("territory", "audience", "platform"),
    text_col: str = "text",
    keep_empty: bool = False,
) -> Path:
    """Write a corpus (or a subset) as an IRaMuTeQ text corpus, cleaned for its import.

    Each post becomes::

        **** *territory_37261 *audience_resident *platform_instagram
        Le marché des Halles ce matin, que du bonheur

    Parameters
    ----------
    corpus : pandas.DataFrame
        The posts to write (filter them first: a territory, an audience, a period).
    path : str or path-like
        The ``.txt`` file written, UTF-8 without BOM.
    variables : sequence of str or mapping name -> column
        Starred variables. A name is a column, or ``territory`` (``territory_code``) or
        ``level`` (``territory_level``). Names lose ``_``, spaces and ``*`` (the ``_``
        separates the name from the value). Values are NFC, with every run of characters
        other than letters, digits, ``.`` and ``-`` (spaces, ``*``, ``_``, apostrophes)
        replaced by ``-``; a missing value is ``NA``.
    text_col : str, default "text"
    keep_empty : bool, default False
        Write posts whose cleaned text is empty (default: left out, and counted in the
        log and in ``to_iramuteq.last_report``).

    Returns
    -------
    pathlib.Path

    See Also
    --------
    clean_iramuteq_text : the text cleaning.
    territoire_lab.reinert.read_iramuteq : reads the file back.

    References
    ----------
    Ratinaud, P. (2009). IRaMuTeQ. http://www.iramuteq.org (corpus format);
    Reinert, M. (1990). Alceste. *Bulletin de méthodologie sociologique*, 26, 24-54.

    Examples
    --------
    >>> import tempfile
    >>> df = pd.DataFrame({"text": ["Vive la Loire *"], "territory_code": ["37003"],
    ...                    "audience": ["resident"], "platform": ["google_maps"]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(to_iramuteq(df, f"{d}/c.txt").read_text(encoding="utf-8"), end="")
    **** *territory_37003 *audience_resident *platform_google-maps
    Vive la Loire
    """
    from .reinert import to_iramuteq as _write_format

    if isinstance(variables, Mapping):
        names = {str(name): str(col) for name, col in variables.items()}
    else:
        names = {v: v if v in corpus.columns else _VARIABLE_COLUMNS.get(v, v) for v in variables}
    check_columns(corpus, [text_col, *names.values()], where="to_iramuteq")
    texts = corpus[text_col].astype("string").fillna("").map(clean_iramuteq_text)
    table = pd.DataFrame({"_text": texts.astype(str).to_numpy()})
    mapping = {}
    for i, (name, col) in enumerate(names.items()):
        clean_name = re.sub(r"[_\s*]", "", name)
        if not clean_name:
            raise TerritoireLabError(f"to_iramuteq: variable name {name!r} is empty once cleaned.")
        table[f"_v{i}"] = corpus[col].map(_clean_variable).astype(object).to_numpy()
        mapping[f"_v{i}"] = clean_name
    empty = table["_text"] == ""
    n_empty = int(empty.sum())
    if n_empty and not keep_empty:
        logger.warning("to_iramuteq: %d posts with no text left after cleaning left out", n_empty)
        table = table[~empty]
    text = _write_format(table, None, text_col="_text", variables=mapping)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode("utf-8"))
    to_iramuteq.last_report = {
        "path": str(target),
        "documents": len(table),
        "left_out_empty": 0 if keep_empty else n_empty,
    }
    logger.info("to_iramuteq: %d documents written to %s", len(table), target)
    return target


to_iramuteq.last_report = {}
