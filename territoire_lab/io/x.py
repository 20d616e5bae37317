"""X (Twitter): API v2 pages (``data`` + ``includes``), twarc2 flat JSONL, API v1.1 JSON
and the ``tweets.js`` of an account archive (see :func:`map_x_v1`).

Field mapping (v2 tweet object -> corpus):

=====================================  ==============================================
``id``                                 ``doc_id`` (exact string)
``text``                               ``text``
``created_at``                         ``created_at`` (UTC)
``includes.users[author_id].username`` ``author_id`` (handle, then pseudonymised);
                                       the numeric ``author_id`` when the user is absent
``lang``                               ``lang`` (``und``/``qme``... -> missing)
``public_metrics.like_count``          ``likes``
``public_metrics.retweet_count``       ``shares``
``public_metrics.reply_count``         ``replies``
``public_metrics.impression_count``    ``views``
``public_metrics.quote_count``         ``quotes`` (extra column)
``referenced_tweets[replied_to]``      ``reply_to_id``
``referenced_tweets[retweeted]``       ``repost_of_id``
``referenced_tweets[quoted]``          ``quote_of_id`` (extra column)
``geo.coordinates.coordinates``        ``lon``, ``lat`` (GeoJSON order)
``includes.places[geo.place_id]``      ``place_name`` (``full_name``, extra column)
``conversation_id``                    ``conversation_id`` (extra column)
=====================================  ==============================================

``url`` is ``https://x.com/<username>/status/<id>`` before pseudonymisation; it holds the
handle, so it is built only for allow-listed accounts (see
:func:`territoire_lab.io.read_corpus`). Users become the accounts table (followers,
following, verified, location); mentions, replies, retweets and quotes become
interactions. Every user of ``includes.users`` (authors, mentioned users, authors of
referenced posts) becomes an account.
"""

from __future__ import annotations

import numpy as np

from ._mapped import Mapped, frame_of_rows, get

__all__ = ["is_x_v1", "is_x_v2_flat", "is_x_v2_page", "map_x_v1", "map_x_v2"]


def is_x_v2_page(obj: object) -> bool:
    """A v2 response page: ``{"data": [...], "includes": {...}, "meta": {...}}``."""
    return (
        isinstance(obj, dict)
        and isinstance(obj.get("data"), (list, dict))
        and ("includes" in obj or "meta" in obj)
    )


def is_x_v2_flat(obj: object) -> bool:
    """A twarc2 flat tweet: a v2 tweet with ``author`` expanded (or ``__twarc``)."""
    return (
        isinstance(obj, dict)
        and "id" in obj
        and "text" in obj
        and ("author" in obj or "__twarc" in obj or "edit_history_tweet_ids" in obj)
    )


def _account_of(user: dict, handle: object = None) -> dict:
    """Accounts-table row of a v2 user object."""
    return {
        "author_id": handle or user.get("username"),
        "platform": "x",
        "followers": get(user, "public_metrics.followers_count"),
        "following": get(user, "public_metrics.following_count"),
        "display_name": user.get("name"),
        "bio": user.get("description"),
        "profile_location": user.get("location"),
        "verified": user.get("verified"),
    }


def _tweet_row(tw: dict, users: dict, places: dict, tweets: dict, out: Mapped) -> dict:
    author = tw.get("author") if isinstance(tw.get("author"), dict) else None
    user = author or users.get(str(tw.get("author_id")), {})
    handle = user.get("username") or tw.get("author_id")
    refs = {r.get("type"): str(r.get("id")) for r in tw.get("referenced_tweets") or []}
    coords = get(tw, "geo.coordinates.coordinates")
    place = places.get(str(get(tw, "geo.place_id")), {})
    metrics = tw.get("public_metrics") or {}
    lang = tw.get("lang")
    row = {
        "doc_id": tw.get("id"),
        "platform": "x",
        "text": tw.get("text"),
        "created_at": tw.get("created_at"),
        "author_id": handle,
        "lang": None if lang in ("und", "qme", "qht", "zxx", "art") else lang,
        "likes": metrics.get("like_count"),
        "shares": metrics.get("retweet_count"),
        "replies": metrics.get("reply_count"),
        "views": metrics.get("impression_count"),
        "quotes": metrics.get("quote_count"),
        "reply_to_id": refs.get("replied_to"),
        "repost_of_id": refs.get("retweeted"),
        "quote_of_id": refs.get("quoted"),
        "lat": coords[1] if isinstance(coords, list) and len(coords) == 2 else None,
        "lon": coords[0] if isinstance(coords, list) and len(coords) == 2 else None,
        "place_name": place.get("full_name"),
        "conversation_id": tw.get("conversation_id"),
        "_url_handle": user.get("username"),
    }
    if user:
        out.accounts.append(_account_of(user, handle))
    for m in get(tw, "entities.mentions", []) or []:
        if m.get("username"):
            out.interactions.append(
                {
                    "source_author": handle,
                    "target_author": m["username"],
                    "kind": "mention",
                    "doc_id": tw.get("id"),
                    "created_at": tw.get("created_at"),
                    "platform": "x",
                }
            )
    for kind, ref_type in (("reply", "replied_to"), ("repost", "retweeted"), ("quote", "quoted")):
        target_tweet = tweets.get(refs.get(ref_type, ""), {})
        target_user = users.get(str(target_tweet.get("author_id")), {})
        target = target_user.get("username") or target_tweet.get("author_id")
        if kind == "reply" and not target:
            reply_user = users.get(str(tw.get("in_reply_to_user_id")), {})
            target = reply_user.get("username") or tw.get("in_reply_to_user_id")
        if ref_type in refs and target:
            out.interactions.append(
                {
                    "source_author": handle,
                    "target_author": target,
                    "kind": kind,
                    "doc_id": tw.get("id"),
                    "created_at": tw.get("created_at"),
                    "platform": "x",
                }
            )
    return row


def map_x_v2(pairs: list[tuple[int, object]]) -> Mapped:
    """Map v2 pages or twarc2 flat tweets, given as ``(line, object)`` pairs."""
    out = Mapped(frame_of_rows([]), np.zeros(0, dtype=np.int64), 0)
    rows, lines = [], []
    for line, obj in pairs:
        if is_x_v2_page(obj):
            inc = obj.get("includes") or {}
            users = {str(u.get("id")): u for u in inc.get("users") or []}
            places = {str(p.get("id")): p for p in inc.get("places") or []}
            tweets = {str(t.get("id")): t for t in inc.get("tweets") or []}
            data = obj["data"] if isinstance(obj["data"], list) else [obj["data"]]
            for tw in data:
                rows.append(_tweet_row(tw, users, places, tweets, out))
                lines.append(line)
            # every user of includes.users is an account (authors of referenced posts,
            # mentioned users), not only the authors of the page's posts
            for user in users.values():
                if user.get("username"):
                    out.accounts.append(_account_of(user))
        elif isinstance(obj, dict):
            rows.append(_tweet_row(obj, {}, {}, {}, out))
            lines.append(line)
    out.frame = frame_of_rows(rows)
    out.lines = np.asarray(lines, dtype=np.int64)
    out.records = len(rows)
    return out


# ------------------------------------------------------------------ API v1.1 and archive

#: prefix of the files of an X account archive (``data/tweets.js``)
ARCHIVE_PREFIX_RE = r"^\s*window\.YTD\.[A-Za-z_]+\.part\d+\s*=\s*"


def is_x_v1(obj: object) -> bool:
    """An X API v1.1 status (``id_str`` + ``user``) or an archive item (``{"tweet": ...}``)."""
    if isinstance(obj, dict) and isinstance(obj.get("tweet"), dict):
        obj = obj["tweet"]
    return isinstance(obj, dict) and "id_str" in obj and ("full_text" in obj or "text" in obj)


def map_x_v1(pairs: list[tuple[int, object]], *, owner: str | None = None) -> Mapped:
    """Map v1.1 statuses or account-archive items given as ``(record, object)`` pairs.

    v1.1 -> corpus: ``id_str`` -> ``doc_id``; ``full_text`` (else ``text``) -> ``text``;
    ``created_at`` (``Wed Oct 10 20:19:24 +0000 2018``); ``user.screen_name`` ->
    ``author_id`` (the archive owner ``owner`` for ``tweets.js``, whose items carry no
    user); ``lang``; ``favorite_count``/``retweet_count`` -> ``likes``/``shares``;
    ``in_reply_to_status_id_str`` -> ``reply_to_id``; ``retweeted_status.id_str`` ->
    ``repost_of_id``; ``coordinates.coordinates`` -> ``lon``/``lat``;
    ``place.full_name`` -> ``place_name``; ``quoted_status_id_str`` -> ``quote_of_id``.

    Side tables: ``user`` (and the users of retweeted and quoted statuses) are accounts;
    ``entities.user_mentions`` -> mention, ``in_reply_to_screen_name`` -> reply,
    ``retweeted_status.user`` -> repost and ``quoted_status.user`` -> quote interactions.
    """
    out = Mapped(frame_of_rows([]), np.zeros(0, dtype=np.int64), 0)
    rows, lines = [], []
    for line, obj in pairs:
        tw = obj["tweet"] if isinstance(obj.get("tweet"), dict) else obj
        user = tw.get("user") or {}
        handle = user.get("screen_name") or owner
        coords = get(tw, "coordinates.coordinates")
        lang = tw.get("lang")
        rows.append(
            {
                "doc_id": tw.get("id_str"),
                "platform": "x",
                "text": tw.get("full_text") or tw.get("text") or "",
                "created_at": tw.get("created_at"),
                "author_id": handle,
                "lang": None if lang in ("und", "qme", "zxx") else lang,
                "likes": tw.get("favorite_count"),
                "shares": tw.get("retweet_count"),
                "reply_to_id": tw.get("in_reply_to_status_id_str"),
                "repost_of_id": get(tw, "retweeted_status.id_str"),
                "lat": coords[1] if isinstance(coords, list) and len(coords) == 2 else None,
                "lon": coords[0] if isinstance(coords, list) and len(coords) == 2 else None,
                "place_name": get(tw, "place.full_name"),
                "quote_of_id": tw.get("quoted_status_id_str"),
                "_url_handle": handle,
            }
        )
        lines.append(line)
        users = [user, get(tw, "retweeted_status.user"), get(tw, "quoted_status.user")]
        for u in users:
            if isinstance(u, dict) and u.get("screen_name"):
                out.accounts.append(
                    {
                        "author_id": u["screen_name"],
                        "platform": "x",
                        "followers": u.get("followers_count"),
                        "following": u.get("friends_count"),
                        "display_name": u.get("name"),
                        "bio": u.get("description"),
                        "profile_location": u.get("location") or None,
                        "verified": u.get("verified"),
                    }
                )
        targets = [
            ("mention", m.get("screen_name")) for m in get(tw, "entities.user_mentions", []) or []
        ]
        targets += [
            ("reply", tw.get("in_reply_to_screen_name")),
            ("repost", get(tw, "retweeted_status.user.screen_name")),
            ("quote", get(tw, "quoted_status.user.screen_name")),
        ]
        for kind, target in targets:
            if target and handle:
                out.interactions.append(
                    {
                        "source_author": handle,
                        "target_author": target,
                        "kind": kind,
                        "doc_id": tw.get("id_str"),
                        "created_at": tw.get("created_at"),
                        "platform": "x",
                    }
                )
    out.frame = frame_of_rows(rows)
    out.lines = np.asarray(lines, dtype=np.int64)
    out.records = len(rows)
    return out
