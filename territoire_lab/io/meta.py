"""Meta exports: CrowdTangle CSV (historical), Meta Content Library CSV and Facebook's
"Download your information" JSON (see :func:`map_facebook_dyi`).

CrowdTangle (Facebook pages) -> corpus: ``URL`` -> ``url`` and ``doc_id``
(``<page id>_<post id>`` taken from the URL, else the URL itself); ``Message`` -> ``text``
(``Description`` / ``Link Text`` when there is no message); ``Post Created`` (``2021-03-18
09:37:12 CET``: the zone name is honoured) -> ``created_at``; ``User Name`` (else
``Facebook Id``) -> ``author_id``; ``Likes`` -> ``likes``; ``Shares`` -> ``shares``;
``Comments`` -> ``replies``; ``Post Views`` -> ``views``. Every other column is kept.

Meta Content Library -> corpus: ``id`` -> ``doc_id``; ``text``; ``creation_time``;
``post_owner.username`` (else ``post_owner.name``) -> ``author_id``;
``statistics.reaction_count`` -> ``likes``; ``statistics.share_count`` -> ``shares``;
``statistics.comment_count`` -> ``replies``; ``statistics.views`` -> ``views``;
``url`` or ``link``; platform ``facebook`` (``instagram`` when the file says so).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from ._mapped import Mapped
    from .report import LoadReport

__all__ = [
    "is_content_library",
    "is_crowdtangle",
    "is_facebook_dyi",
    "map_content_library",
    "map_crowdtangle",
    "map_facebook_dyi",
    "repair_mojibake",
]

_FB_POST_RE = r"facebook\.com/(?P<page>[^/?#]+)/(?:posts|videos|photos/[^/]+)/(?P<post>\d+)"


def is_crowdtangle(columns: list[str]) -> bool:
    """CrowdTangle CSV header."""
    return {"Post Created", "URL", "Message"} <= set(columns) or {
        "Post Created",
        "URL",
        "Facebook Id",
    } <= set(columns)


def is_content_library(columns: list[str]) -> bool:
    """Meta Content Library CSV header."""
    return {"id", "creation_time", "text"} <= set(columns) and any(
        c.startswith("post_owner") for c in columns
    )


def _first(df: pd.DataFrame, *names: str) -> pd.Series:
    out = pd.Series(pd.NA, index=df.index, dtype="string")
    for n in names:
        if n in df.columns:
            out = out.fillna(df[n].astype("string"))
    return out


def map_crowdtangle(raw: pd.DataFrame) -> pd.DataFrame:
    """Map a CrowdTangle table (text cells) to contract columns, keeping the others."""
    url = raw["URL"].astype("string")
    parts = url.str.extract(_FB_POST_RE)
    doc_id = (parts["page"] + "_" + parts["post"]).fillna(url)
    mapped = pd.DataFrame(
        {
            "doc_id": doc_id,
            "platform": "facebook",
            "text": _first(raw, "Message", "Description", "Link Text").fillna(""),
            "created_at": raw["Post Created"],
            "author_id": _first(raw, "User Name", "Facebook Id"),
            "likes": _first(raw, "Likes"),
            "shares": _first(raw, "Shares"),
            "replies": _first(raw, "Comments"),
            "views": _first(raw, "Post Views"),
            "url": url,
        }
    )
    used = {"URL", "Message", "Post Created", "User Name", "Likes", "Shares", "Comments"}
    used.add("Post Views")
    rest = raw[[c for c in raw.columns if c not in used]]
    rest.columns = [_snake(c) for c in rest.columns]
    return pd.concat([mapped, rest], axis=1)


def map_content_library(raw: pd.DataFrame) -> pd.DataFrame:
    """Map a Meta Content Library table to contract columns, keeping the others."""
    platform = "instagram" if any("instagram" in c.lower() for c in raw.columns) else "facebook"
    mapped = pd.DataFrame(
        {
            "doc_id": raw["id"],
            "platform": platform,
            "text": raw["text"].fillna(""),
            "created_at": raw["creation_time"],
            "author_id": _first(raw, "post_owner.username", "post_owner.name", "post_owner.id"),
            "likes": _first(raw, "statistics.reaction_count", "statistics.like_count"),
            "shares": _first(raw, "statistics.share_count"),
            "replies": _first(raw, "statistics.comment_count"),
            "views": _first(raw, "statistics.views"),
            "url": _first(raw, "url", "link"),
        }
    )
    used = {"id", "text", "creation_time", "url", "link"}
    used |= {c for c in raw.columns if c.startswith(("post_owner", "statistics."))}
    rest = raw[[c for c in raw.columns if c not in used]]
    rest.columns = [_snake(c) for c in rest.columns]
    return pd.concat([mapped, rest], axis=1)


def _snake(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


# ------------------------------------------------------------------ Download your information


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo the mojibake of Facebook's JSON exports (UTF-8 bytes escaped as latin-1).

    Facebook writes ``é`` as ``\\u00c3\\u00a9``, which JSON decodes to ``Ã©``. When the
    string re-encodes to latin-1 and then decodes as UTF-8, that was the damage.

    Examples
    --------
    >>> repair_mojibake("TrÃ¨s beau chÃ¢teau")
    ('Très beau château', True)
    >>> repair_mojibake("Très beau")
    ('Très beau', False)
    """
    try:
        fixed = text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text, False
    return fixed, fixed != text


def is_facebook_dyi(obj: object) -> bool:
    """A post of Facebook's "Download your information" (``your_posts_1.json``)."""
    return (
        isinstance(obj, dict)
        and "timestamp" in obj
        and isinstance(obj.get("data", obj.get("attachments")), list)
        and "source_platform" not in obj
        and "doc_id" not in obj
    )


def map_facebook_dyi(pairs: list[tuple[int, object]], *, name: str, report: LoadReport) -> Mapped:
    """Map DYI posts: ``data[].post`` -> ``text`` (mojibake repaired and flagged),
    ``timestamp`` (epoch s) -> ``created_at``, external
    ``attachments[].data[].external_context.url`` -> ``url``; ``doc_id`` is
    ``fb_dyi_<timestamp>_<12 hex of sha256(text)>`` (the export has no post id);
    ``author_id`` is missing and ``title`` is not read (it names the owner of the export:
    "Julie Martin a publié ...")."""
    import hashlib

    import numpy as np

    from ._mapped import Mapped, frame_of_rows, get

    rows, lines = [], []
    for line, obj in pairs:
        texts = [d["post"] for d in obj.get("data") or [] if isinstance(d, dict) and "post" in d]
        raw_text = "\n\n".join(texts)
        text, fixed = repair_mojibake(raw_text)
        if fixed:
            report.warn(name, line, "mojibake repaired (UTF-8 read as latin-1 by the export)")
        digest = hashlib.sha256(raw_text.encode("utf-8")).hexdigest()[:12]
        url = None
        for att in obj.get("attachments") or []:
            for d in att.get("data") or []:
                url = url or get(d, "external_context.url")
        rows.append(
            {
                "doc_id": f"fb_dyi_{obj.get('timestamp')}_{digest}",
                "platform": "facebook",
                "text": text,
                "created_at": obj.get("timestamp"),
                "author_id": None,
                "url": url,
                "mojibake_repaired": "true" if fixed else "false",
            }
        )
        lines.append(line)
    return Mapped(frame_of_rows(rows), np.asarray(lines, dtype=np.int64), len(rows))
