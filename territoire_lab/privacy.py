"""Privacy by default: keyed pseudonyms for authors, allow-listed institutional accounts.

Authors are replaced at load by a keyed hash (HMAC-SHA256) of their handle. The same key
gives the same pseudonym across files and runs, so that a study is reproducible and tables
can be joined; without the key, a pseudonym cannot be reversed by hashing candidate
handles (which a plain, unkeyed hash would allow). The key never appears in an output.

Only accounts on an allow-list of institutions (the territories' official accounts, which
speak publicly as institutions) keep their handle.

The key is taken, in order, from the ``key`` argument, the ``TERRITOIRE_LAB_SECRET``
environment variable, or a key file (``~/.config/territoire_lab/pseudonym.key``, or the
path in ``TERRITOIRE_LAB_SECRET_FILE``) created with 32 random bytes at first use. Share that
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
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

__all__ = [
    "key_id",
    "normalize_handle",
    "pseudonymize",
    "resolve_key",
    "safe_cell",
    "safe_for_spreadsheet",
    "scrub_text",
]

logger = logging.getLogger("territoire_lab")

PREFIX = "u_"
_DIGEST_CHARS = 24  # 96 bits: collision probability ~ n^2 / 2^97, negligible for any corpus


def _key_file() -> Path:
    env = os.environ.get("TERRITOIRE_LAB_SECRET_FILE")
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / "territoire_lab" / "pseudonym.key"


def resolve_key(key: bytes | str | None = None) -> bytes:
    """Return the pseudonymisation key as bytes.

    Parameters
    ----------
    key : bytes or str, optional
        Explicit key. If omitted, ``TERRITOIRE_LAB_SECRET`` is used, then the key file, which
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
        key = os.environ.get("TERRITOIRE_LAB_SECRET")
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


def key_id(key: bytes | str | None = None) -> str:
    """Return a short public fingerprint of the key, to record which key made a dataset.

    The fingerprint (12 hex digits of SHA-256 over a fixed label and the key) identifies the
    key in dataset cards and reports without revealing it.

    Examples
    --------
    >>> len(key_id("an example key, not a secret"))
    12
    """
    secret = resolve_key(key)
    return hashlib.sha256(b"territoire_lab key id\x00" + secret).hexdigest()[:12]


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
        String series aligned on ``handles``: ``u_`` followed by 24 hex digits (96 bits) of
        HMAC-SHA256(key, normalised handle), or the handle itself when allow-listed.

    Examples
    --------
    >>> s = pd.Series(["@julie_tours37", "mairie_tours", None])
    >>> out = pseudonymize(s, key="an example key, not a secret", allow=["@Mairie_Tours"])
    >>> out.iloc[0].startswith("u_"), out.iloc[1], bool(out.isna().iloc[2])
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


_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
# @handle, @handle@instance.tld (Mastodon), @name.bsky.social (Bluesky: dots and hyphens)
_MENTION_RE = re.compile(
    r"(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?"
    r"(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)"
)
# French numbers: 0X XX XX XX XX or +33 (0)X XX XX XX XX, separators space . - or none
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)"
)


def scrub_text(
    texts: pd.Series,
    *,
    key: bytes | str | None = None,
    allow: Iterable[str] = (),
) -> pd.Series:
    """Return texts with e-mails, French phone numbers and @mentions replaced.

    The input is not modified: the result is meant for a new column (``text_scrubbed``);
    the contract keeps ``text`` as published. E-mail addresses become ``<email>``, French
    phone numbers (``06 12 34 56 78``, ``+33 6 12 34 56 78``, ``02.47.59.48.21``) become
    ``<tel>``, and ``@handle`` becomes ``@`` + the handle's keyed pseudonym (see
    :func:`pseudonymize`), except for allow-listed institutional accounts.

    Examples
    --------
    >>> s = pd.Series(["Merci @julie_t ! écrire à a.b@mail.fr ou 06 12 34 56 78", None])
    >>> scrub_text(s, key="an example key, not a secret").iloc[0]  # doctest: +ELLIPSIS
    'Merci @u_... ! écrire à <email> ou <tel>'
    """
    allowed = {normalize_handle(a) for a in allow}
    values = texts.astype("string")
    handles = values.dropna().str.findall(_MENTION_RE.pattern).explode().dropna().unique()
    mapping: dict[str, str] = {}
    if len(handles):
        pseudo = pseudonymize(pd.Series(handles, dtype="string"), key=key, allow=allowed)
        mapping = {h.lower(): p for h, p in zip(handles, pseudo, strict=True)}

    def _one(text: str) -> str:
        # mentions first: "@user@instance.social" is a Mastodon handle, not an e-mail
        text = _MENTION_RE.sub(lambda m: "@" + mapping.get(m.group(1).lower(), "<mention>"), text)
        text = _EMAIL_RE.sub("<email>", text)
        return _PHONE_RE.sub("<tel>", text)

    return values.map(_one, na_action="ignore").astype("string")
