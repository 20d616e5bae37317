"""Zeeschuimer captures and 4CAT exports (NDJSON envelopes; 4CAT CSV).

Zeeschuimer (browser extension of the 4CAT project) saves one JSON object a line::

    {"nav_index": "1:2:3", "item_id": "...", "timestamp_collected": 1732790000000,
     "source_platform": "instagram.com", "source_platform_url": "...", "data": {...}}

``data`` is the platform's own object. Field mapping by ``source_platform``:

* **instagram.com** (media): ``id`` -> ``doc_id``; ``caption.text`` (or
  ``edge_media_to_caption``) -> ``text``; ``taken_at`` (epoch s) -> ``created_at``;
  ``user.username`` (or ``owner.username``) -> ``author_id``; ``like_count`` -> ``likes``;
  ``comment_count`` -> ``replies``; ``play_count``/``view_count`` -> ``views``;
  ``location.lat``/``lng`` -> ``lat``/``lon``; ``location.name`` -> ``place_name``;
  ``code`` -> ``url`` ``https://www.instagram.com/p/<code>/``.
* **tiktok.com** (item): ``id``; ``desc`` -> ``text``; ``createTime`` (epoch s);
  ``author.uniqueId`` -> ``author_id``; ``stats.diggCount``/``shareCount``/
  ``commentCount``/``playCount`` -> ``likes``/``shares``/``replies``/``views``;
  ``textLanguage`` -> ``lang``; ``poi.name`` -> ``place_name``; ``url``
  ``https://www.tiktok.com/@/video/<id>`` (no handle).
* **twitter.com / x.com** (GraphQL tweet result): ``rest_id``; ``legacy.full_text``;
  ``legacy.created_at`` (v1.1 format); ``core.user_results.result.legacy.screen_name``;
  ``legacy.favorite_count``/``retweet_count``/``reply_count``; ``views.count``;
  ``legacy.lang``; ``legacy.in_reply_to_status_id_str`` -> ``reply_to_id``;
  ``legacy.retweeted_status_result.result.rest_id`` -> ``repost_of_id``.

Every row keeps ``collected_at`` (``timestamp_collected``, epoch ms) and ``item_id``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._mapped import Mapped, frame_of_rows, get

if TYPE_CHECKING:
    from .report import LoadReport

__all__ = ["is_zeeschuimer", "map_zeeschuimer"]


def is_zeeschuimer(obj: object) -> bool:
    """A Zeeschuimer/4CAT envelope."""
    return (
        isinstance(obj, dict) and "data" in obj and ("source_platform" in obj or "nav_index" in obj)
    )


def _instagram(d: dict) -> dict:
    user = d.get("user") or d.get("owner") or {}
    caption = get(d, "caption.text") or get(d, "edge_media_to_caption.edges.0.node.text") or ""
    loc = d.get("location") or {}
    code = d.get("code") or d.get("shortcode")
    return {
        "doc_id": d.get("id"),
        "platform": "instagram",
        "text": caption,
        "created_at": d.get("taken_at") or d.get("taken_at_timestamp"),
        "author_id": user.get("username"),
        "likes": d.get("like_count"),
        "replies": d.get("comment_count"),
        "views": d.get("play_count") or d.get("view_count"),
        "lat": loc.get("lat"),
        "lon": loc.get("lng"),
        "place_name": loc.get("name"),
        "url": f"https://www.instagram.com/p/{code}/" if code else None,
    }


def _tiktok(d: dict) -> dict:
    stats = d.get("stats") or {}
    return {
        "doc_id": d.get("id"),
        "platform": "tiktok",
        "text": d.get("desc") or "",
        "created_at": d.get("createTime"),
        "author_id": get(d, "author.uniqueId"),
        "lang": d.get("textLanguage"),
        "likes": stats.get("diggCount"),
        "shares": stats.get("shareCount"),
        "replies": stats.get("commentCount"),
        "views": stats.get("playCount"),
        "place_name": get(d, "poi.name"),
        "url": f"https://www.tiktok.com/@/video/{d.get('id')}",
    }


def _x(d: dict) -> dict:
    if d.get("__typename") == "TweetWithVisibilityResults":
        d = d.get("tweet") or d
    legacy = d.get("legacy") or {}
    lang = legacy.get("lang")
    return {
        "doc_id": d.get("rest_id") or legacy.get("id_str"),
        "platform": "x",
        "text": legacy.get("full_text") or "",
        "created_at": legacy.get("created_at"),
        "author_id": get(d, "core.user_results.result.legacy.screen_name")
        or get(d, "core.user_results.result.core.screen_name"),
        "lang": None if lang in ("und", "qme", "zxx") else lang,
        "likes": legacy.get("favorite_count"),
        "shares": legacy.get("retweet_count"),
        "replies": legacy.get("reply_count"),
        "views": get(d, "views.count"),
        "reply_to_id": legacy.get("in_reply_to_status_id_str"),
        "repost_of_id": get(legacy, "retweeted_status_result.result.rest_id"),
        "url": f"https://x.com/i/status/{d.get('rest_id')}",
    }


_MAPPERS = {
    "instagram.com": _instagram,
    "tiktok.com": _tiktok,
    "twitter.com": _x,
    "x.com": _x,
}


def map_zeeschuimer(pairs: list[tuple[int, object]], *, name: str, report: LoadReport) -> Mapped:
    """Map Zeeschuimer/4CAT NDJSON envelopes, given as ``(line, object)`` pairs.

    Items of platforms without a mapping are skipped and reported with their line.
    """
    rows, lines = [], []
    records = 0
    for line, env in pairs:
        records += 1
        platform = str(env.get("source_platform") or "").lower().removeprefix("www.")
        mapper = _MAPPERS.get(platform)
        data = env.get("data")
        if mapper is None or not isinstance(data, dict):
            report.skip(
                name,
                line,
                f"Zeeschuimer item of source_platform {platform!r} has no mapping "
                f"(mapped: {', '.join(sorted(_MAPPERS))})",
            )
            continue
        row = mapper(data)
        row["item_id"] = env.get("item_id")
        row["collected_at"] = env.get("timestamp_collected")
        rows.append(row)
        lines.append(line)
    return Mapped(frame_of_rows(rows), np.asarray(lines, dtype=np.int64), records)
