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
  ``legacy.retweeted_status_result.result.rest_id`` -> ``repost_of_id``;
  ``quoted_status_result.result.rest_id`` -> ``quote_of_id`` (extra).

Every row keeps ``collected_at`` (``timestamp_collected``, epoch ms) and ``item_id``.

Side tables, from what each platform's object holds:

* accounts: Instagram ``user`` (``username``, ``full_name``, ``is_verified``,
  ``follower_count`` when present) and the users tagged in the photo; TikTok
  ``author`` (``uniqueId``, ``nickname``, ``signature``, ``verified``) and
  ``authorStats`` (``followerCount``, ``followingCount``); X
  ``core.user_results.result.legacy`` (``followers_count``, ``friends_count``,
  ``name``, ``description``, ``location``, ``verified``), also for the author of a
  retweeted or quoted post;
* interactions: Instagram ``usertags`` (people tagged in the photo) and ``@handles`` of
  the caption -> mention; TikTok ``textExtra[].userUniqueId`` -> mention; X
  ``legacy.entities.user_mentions`` -> mention, ``in_reply_to_screen_name`` -> reply,
  the retweeted and quoted posts' authors -> repost and quote.
"""

from __future__ import annotations

import re
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


#: an Instagram handle mentioned in a caption (letters, digits, ``.`` and ``_``, <= 30)
_IG_MENTION_RE = re.compile(r"(?<![\w.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)")


def _edge(out: Mapped, row: dict, target: object, kind: str) -> None:
    if row.get("author_id") and target:
        out.interactions.append(
            {
                "source_author": row["author_id"],
                "target_author": str(target),
                "kind": kind,
                "doc_id": row.get("doc_id"),
                "created_at": row.get("created_at"),
                "platform": row["platform"],
            }
        )


def _instagram(d: dict, out: Mapped) -> dict:
    user = d.get("user") or d.get("owner") or {}
    caption = get(d, "caption.text") or get(d, "edge_media_to_caption.edges.0.node.text") or ""
    loc = d.get("location") or {}
    code = d.get("code") or d.get("shortcode")
    row = {
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
    if user.get("username"):
        out.accounts.append(
            {
                "author_id": user["username"],
                "platform": "instagram",
                "followers": user.get("follower_count"),
                "display_name": user.get("full_name"),
                "verified": user.get("is_verified"),
            }
        )
    for tag in get(d, "usertags.in", []) or []:
        tagged = tag.get("user") if isinstance(tag, dict) else None
        if isinstance(tagged, dict) and tagged.get("username"):
            out.accounts.append(
                {
                    "author_id": tagged["username"],
                    "platform": "instagram",
                    "display_name": tagged.get("full_name"),
                    "verified": tagged.get("is_verified"),
                }
            )
    targets = [get(t, "user.username") for t in get(d, "usertags.in", []) or []]
    targets += _IG_MENTION_RE.findall(caption)
    for target in dict.fromkeys(t for t in targets if t):
        _edge(out, row, target, "mention")
    return row


def _tiktok(d: dict, out: Mapped) -> dict:
    stats = d.get("stats") or {}
    author = d.get("author") if isinstance(d.get("author"), dict) else {}
    row = {
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
    if author.get("uniqueId"):
        astats = d.get("authorStats") or {}
        out.accounts.append(
            {
                "author_id": author["uniqueId"],
                "platform": "tiktok",
                "followers": astats.get("followerCount"),
                "following": astats.get("followingCount"),
                "display_name": author.get("nickname"),
                "bio": author.get("signature"),
                "verified": author.get("verified"),
            }
        )
    for extra in d.get("textExtra") or []:
        if isinstance(extra, dict):
            _edge(out, row, extra.get("userUniqueId"), "mention")
    return row


def _x_user(d: dict) -> dict:
    result = get(d, "core.user_results.result") or {}
    legacy = result.get("legacy") or {}
    core = result.get("core") or {}
    return {
        "screen_name": legacy.get("screen_name") or core.get("screen_name"),
        "name": legacy.get("name") or core.get("name"),
        "legacy": legacy,
        "location": legacy.get("location") or get(result, "location.location"),
        "verified": legacy.get("verified") or result.get("is_blue_verified"),
    }


def _x_account(user: dict, out: Mapped) -> None:
    if user["screen_name"]:
        legacy = user["legacy"]
        out.accounts.append(
            {
                "author_id": user["screen_name"],
                "platform": "x",
                "followers": legacy.get("followers_count"),
                "following": legacy.get("friends_count"),
                "display_name": user["name"],
                "bio": legacy.get("description"),
                "profile_location": user["location"] or None,
                "verified": user["verified"],
            }
        )


def _unwrap(d: dict) -> dict:
    if d.get("__typename") == "TweetWithVisibilityResults":
        return d.get("tweet") or d
    return d


def _x(d: dict, out: Mapped) -> dict:
    d = _unwrap(d)
    legacy = d.get("legacy") or {}
    lang = legacy.get("lang")
    user = _x_user(d)
    row = {
        "doc_id": d.get("rest_id") or legacy.get("id_str"),
        "platform": "x",
        "text": legacy.get("full_text") or "",
        "created_at": legacy.get("created_at"),
        "author_id": user["screen_name"],
        "lang": None if lang in ("und", "qme", "zxx") else lang,
        "likes": legacy.get("favorite_count"),
        "shares": legacy.get("retweet_count"),
        "replies": legacy.get("reply_count"),
        "views": get(d, "views.count"),
        "reply_to_id": legacy.get("in_reply_to_status_id_str"),
        "repost_of_id": get(legacy, "retweeted_status_result.result.rest_id"),
        "quote_of_id": get(d, "quoted_status_result.result.rest_id")
        or legacy.get("quoted_status_id_str"),
        "url": f"https://x.com/i/status/{d.get('rest_id')}",
    }
    _x_account(user, out)
    for m in get(legacy, "entities.user_mentions", []) or []:
        _edge(out, row, m.get("screen_name"), "mention")
    _edge(out, row, legacy.get("in_reply_to_screen_name"), "reply")
    for kind, path in (("repost", "retweeted_status_result"), ("quote", "quoted_status_result")):
        other = get(legacy, f"{path}.result") or get(d, f"{path}.result")
        if isinstance(other, dict):
            other_user = _x_user(_unwrap(other))
            _x_account(other_user, out)
            _edge(out, row, other_user["screen_name"], kind)
    return row


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
    out = Mapped(frame_of_rows([]), np.zeros(0, dtype=np.int64), 0)
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
        row = mapper(data, out)
        row["item_id"] = env.get("item_id")
        row["collected_at"] = env.get("timestamp_collected")
        rows.append(row)
        lines.append(line)
    out.frame = frame_of_rows(rows)
    out.lines = np.asarray(lines, dtype=np.int64)
    out.records = records
    return out
