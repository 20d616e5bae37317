"""Privacy by default: keyed pseudonyms for authors, allow-listed institutional accounts.

Authors are replaced at load by a keyed hash (HMAC-SHA256) of their handle. The same key
gives the same pseudonym across files and runs, so that a study is reproducible and tables
can be joined; without the key, a pseudonym cannot be reversed by hashing candidate
handles (which a plain, unkeyed hash would allow). The key never appears in an output.

Only accounts on an allow-list of institutions (the territories' official accounts, which
speak publicly as institutions) keep their handle.

The key is taken, in order, from the ``key`` argument, the ``TERRITOIRE_LAB_KEY``
environment variable, or a key file (``~/.config/territoire_lab/pseudonym.key``, or the
path in ``TERRITOIRE_LAB_KEY_FILE``) created with 32 random bytes at first use. Share that
file (never commit it) with colleagues who must reproduce the same pseudonyms.

References
----------
Regulation (EU) 2016/679 (GDPR), art. 4(5) "pseudonymisation" and recital 26.
Krawczyk, H., Bellare, M. and Canetti, R. (1997). HMAC: Keyed-Hashing for Message
Authentication. RFC 2104.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

__all__ = [
    "normalize_handle",
    "pseudonymize",
    "resolve_key",
    "safe_cell",
    "safe_for_spreadsheet",
]

logger = logging.getLogger("territoire_lab")

PREFIX = "u_"
_DIGEST_CHARS = 16  # 64 bits: collision probability ~ n^2 / 2^65, negligible below 10^8 authors


def _key_file() -> Path:
    env = os.environ.get("TERRITOIRE_LAB_KEY_FILE")
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / "territoire_lab" / "pseudonym.key"


def resolve_key(key: bytes | str | None = None) -> bytes:
    """Return the pseudonymisation key as bytes.

    Parameters
    ----------
    key : bytes or str, optional
        Explicit key. If omitted, ``TERRITOIRE_LAB_KEY`` is used, then the key file, which
        is created (32 random bytes, permissions 600) if it does not exist.

    Returns
    -------
    bytes
        The key (at least 16 bytes).

    Raises
    ------
    ValueError
        If the key is shorter than 16 bytes.
    """
    if key is None:
        key = os.environ.get("TERRITOIRE_LAB_KEY")
    if key is None:
        path = _key_file()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
            path.chmod(0o600)
            logger.warning(
                "Created a new pseudonymisation key in %s; keep it private, and share it only "
                "with colleagues who must reproduce the same pseudonyms.",
                path,
            )
        key = path.read_text(encoding="ascii").strip()
    key_bytes = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    if len(key_bytes) < 16:
        raise ValueError(
            f"The pseudonymisation key has {len(key_bytes)} bytes; expected at least 16. "
            "Use a long random secret, e.g. "
            "`python -c 'import secrets; print(secrets.token_hex(32))'`."
        )
    return key_bytes


def normalize_handle(handle: str) -> str:
    """Normalise a handle before hashing: strip spaces and a leading ``@``, lower-case.

    Examples
    --------
    >>> normalize_handle("  @Mairie_Tours ")
    'mairie_tours'
    """
    return handle.strip().lstrip("@").lower()


def pseudonymize(
    handles: pd.Series,
    *,
    key: bytes | str | None = None,
    allow: Iterable[str] = (),
) -> pd.Series:
    """Replace author handles by keyed pseudonyms, keeping allow-listed accounts.

    Parameters
    ----------
    handles : pandas.Series
        Raw handles (missing values stay missing).
    key : bytes or str, optional
        Secret key; see :func:`resolve_key`.
    allow : iterable of str
        Handles kept as they are (institutional accounts); matched after
        :func:`normalize_handle`.

    Returns
    -------
    pandas.Series
        String series aligned on ``handles``: ``u_`` followed by 16 hex digits of
        HMAC-SHA256(key, normalised handle), or the handle itself when allow-listed.

    Examples
    --------
    >>> s = pd.Series(["@julie_tours37", "mairie_tours", None])
    >>> out = pseudonymize(s, key="an example key, not a secret", allow=["@Mairie_Tours"])
    >>> out.iloc[0].startswith("u_"), out.iloc[1], out.isna().iloc[2]
    (True, 'mairie_tours', True)
    """
    secret = resolve_key(key)
    allowed = {normalize_handle(a) for a in allow}
    values = handles.astype("string")
    uniques = values.dropna().unique()
    mapping: dict[str, str] = {}
    for raw in uniques:
        norm = normalize_handle(raw)
        if norm in allowed:
            mapping[raw] = raw.strip().lstrip("@")
        else:
            digest = hmac.new(secret, norm.encode("utf-8"), hashlib.sha256).hexdigest()
            mapping[raw] = PREFIX + digest[:_DIGEST_CHARS]
    return values.map(mapping).astype("string")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: object) -> object:
    """Neutralise a spreadsheet formula: prefix text cells starting with ``= + - @`` by ``'``.

    Numbers are returned unchanged (``-3`` is a number, not a formula); text such as
    ``=HYPERLINK(...)``, ``@SUM(...)``, ``+33 6 ...`` or ``-1+1`` gets a leading apostrophe,
    which spreadsheets display as plain text. Full-width variants are covered too.

    References
    ----------
    OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> safe_cell('=HYPERLINK("http://x","clic")'), safe_cell("Tours"), safe_cell(-3)
    ('\\'=HYPERLINK("http://x","clic")', 'Tours', -3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_for_spreadsheet(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a table whose text cells (and column names) cannot run as formulas.

    Use before writing CSV or Excel files meant to be opened in a spreadsheet.
    """
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_cell, na_action="ignore")
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out
