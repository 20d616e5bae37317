"""Bluesky posts: ``app.bsky.feed.searchPosts`` and ``app.bsky.feed.getAuthorFeed``.

Field mapping (postView -> corpus): ``uri`` (``at://did/app.bsky.feed.post/rkey``) ->
``doc_id``; ``record.text`` -> ``text``; ``record.createdAt`` -> ``created_at``;
``author.handle`` -> ``author_id``; ``record.langs[0]`` -> ``lang``; ``likeCount``/
``repostCount``/``replyCount`` -> ``likes``/``shares``/``replies``; ``quoteCount`` ->
``quotes`` (extra); ``record.reply.parent.uri`` -> ``reply_to_id``; ``indexedAt`` ->
``indexed_at`` (extra). In an author feed, an item whose ``reason`` is a repost is a
repost row: ``doc_id`` ``<uri>#repost-by-<handle>``, ``repost_of_id`` the post's uri, and
``created_at`` the time of the repost (``reason.indexedAt``). Mentions (facets) and
reposts become interactions.
"""

from __future__ import annotations

import numpy as np

from ._mapped import Mapped, frame_of_rows, get

__all__ = ["is_bluesky", "map_bluesky"]


def is_bluesky(obj: object) -> bool:
    """A searchPosts/getAuthorFeed response, a feed item or a postView."""
    if not isinstance(obj, dict):
        return False
    if isinstance(obj.get("posts"), list) or isinstance(obj.get("feed"), list):
        return True
    post = obj.get("post", obj)
    return isinstance(post, dict) and str(post.get("uri", "")).startswith("at://")


def _post_row(post: dict, out: Mapped, reason: dict | None) -> dict:
    handle = get(post, "author.handle")
    rec = post.get("record") or {}
    langs = rec.get("langs") or []
    row = {
        "doc_id": post.get("uri"),
        "platform": "bluesky",
        "text": rec.get("text") or "",
        "created_at": rec.get("createdAt"),
        "author_id": handle,
        "lang": langs[0] if langs else None,
        "likes": post.get("likeCount"),
        "shares": post.get("repostCount"),
        "replies": post.get("replyCount"),
        "quotes": post.get("quoteCount"),
        "reply_to_id": get(rec, "reply.parent.uri"),
        "repost_of_id": None,
        "indexed_at": post.get("indexedAt"),
    }
    for facet in rec.get("facets") or []:
        for feat in facet.get("features") or []:
            if feat.get("$type") == "app.bsky.richtext.facet#mention":
                text = rec.get("text") or ""
                start = get(facet, "index.byteStart")
                end = get(facet, "index.byteEnd")
                target = None
                if isinstance(start, int) and isinstance(end, int):
                    target = text.encode("utf-8")[start:end].decode("utf-8", "replace")
                    target = target.lstrip("@")
                out.interactions.append(
                    {
                        "source_author": handle,
                        "target_author": target or feat.get("did"),
                        "kind": "mention",
                        "doc_id": post.get("uri"),
                        "created_at": rec.get("createdAt"),
                        "platform": "bluesky",
                    }
                )
    if reason and "repost" in str(reason.get("$type", "")).lower():
        by = get(reason, "by.handle")
        row.update(
            doc_id=f"{post.get('uri')}#repost-by-{by}",
            author_id=by,
            created_at=reason.get("indexedAt"),
            repost_of_id=post.get("uri"),
            likes=None,
            shares=None,
            replies=None,
            quotes=None,
        )
        out.interactions.append(
            {
                "source_author": by,
                "target_author": handle,
                "kind": "repost",
                "doc_id": row["doc_id"],
                "created_at": reason.get("indexedAt"),
                "platform": "bluesky",
            }
        )
    out.accounts.append(
        {
            "author_id": handle,
            "platform": "bluesky",
            "display_name": get(post, "author.displayName"),
        }
    )
    return row


def map_bluesky(pairs: list[tuple[int, object]]) -> Mapped:
    """Map Bluesky responses or items given as ``(line, object)`` pairs."""
    out = Mapped(frame_of_rows([]), np.zeros(0, dtype=np.int64), 0)
    rows, lines = [], []
    for line, obj in pairs:
        if isinstance(obj.get("posts"), list):
            items = [(p, None) for p in obj["posts"]]
        elif isinstance(obj.get("feed"), list):
            items = [(i.get("post") or {}, i.get("reason")) for i in obj["feed"]]
        else:
            items = [(obj.get("post", obj), obj.get("reason"))]
        for post, reason in items:
            rows.append(_post_row(post, out, reason))
            lines.append(line)
    out.frame = frame_of_rows(rows)
    out.lines = np.asarray(lines, dtype=np.int64)
    out.records = len(rows)
    return out
