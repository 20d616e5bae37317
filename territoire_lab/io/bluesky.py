"""Bluesky posts: ``app.bsky.feed.searchPosts`` and ``app.bsky.feed.getAuthorFeed``.

Field mapping (postView -> corpus): ``uri`` (``at://did/app.bsky.feed.post/rkey``) ->
``doc_id``; ``record.text`` -> ``text``; ``record.createdAt`` -> ``created_at``;
``author.handle`` -> ``author_id``; ``record.langs[0]`` -> ``lang``; ``likeCount``/
``repostCount``/``replyCount`` -> ``likes``/``shares``/``replies``; ``quoteCount`` ->
``quotes`` (extra); ``record.reply.parent.uri`` -> ``reply_to_id``; ``indexedAt`` ->
``indexed_at`` (extra). In an author feed, an item whose ``reason`` is a repost is a
repost row: ``doc_id`` the repost record's ``reason.uri`` when the API gives it, else
``<uri>#repost-by-<reposter's DID>`` (never the handle: a doc_id is not pseudonymised),
``repost_of_id`` the post's uri, and
``created_at`` the time of the repost (``reason.indexedAt``).

Side tables: authors (and reposters, authors of replied-to and quoted post views) are
accounts (``handle``, ``displayName``, and
``followersCount``/``followsCount``/``description`` when the view has them); mentions
(facets), reposts, replies and quotes become interactions. A reply's target is the
author of the parent post: the feed item's ``reply.parent.author.handle``, else the
handle of the DID in ``record.reply.parent.uri`` when that author is in the data, else
the DID itself (as for mentions of an unknown handle). A quote's target is the author of
the embedded post view (``embed.record``).
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


def _did_of(uri: object) -> str | None:
    """``did:plc:abc`` of ``at://did:plc:abc/app.bsky.feed.post/xyz``."""
    if isinstance(uri, str) and uri.startswith("at://"):
        return uri[5:].split("/", 1)[0] or None
    return None


def _account(author: dict) -> dict:
    return {
        "author_id": author.get("handle"),
        "platform": "bluesky",
        "followers": author.get("followersCount"),
        "following": author.get("followsCount"),
        "display_name": author.get("displayName"),
        "bio": author.get("description"),
    }


def _post_row(
    post: dict,
    out: Mapped,
    reason: dict | None,
    *,
    reply: dict | None = None,
    handles: dict[str, str] | None = None,
) -> dict:
    n_before = len(out.interactions)
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
    parent_uri = get(rec, "reply.parent.uri")
    if parent_uri:
        did = _did_of(parent_uri)
        parent_author = get(reply or {}, "parent.author")
        if isinstance(parent_author, dict) and parent_author.get("handle"):
            out.accounts.append(_account(parent_author))
        target = get(reply or {}, "parent.author.handle") or (handles or {}).get(did) or did
        if handle and target:
            out.interactions.append(
                {
                    "source_author": handle,
                    "target_author": target,
                    "kind": "reply",
                    "doc_id": post.get("uri"),
                    "created_at": rec.get("createdAt"),
                    "platform": "bluesky",
                }
            )
    embedded = get(post, "embed.record")
    if isinstance(embedded, dict) and isinstance(embedded.get("record"), dict):
        embedded = embedded["record"]  # recordWithMedia#view
    quoted = get(embedded, "author.handle") if isinstance(embedded, dict) else None
    if handle and quoted:
        out.accounts.append(_account(embedded["author"]))
        row["quote_of_id"] = embedded.get("uri")
        out.interactions.append(
            {
                "source_author": handle,
                "target_author": quoted,
                "kind": "quote",
                "doc_id": post.get("uri"),
                "created_at": rec.get("createdAt"),
                "platform": "bluesky",
            }
        )
    if reason and "repost" in str(reason.get("$type", "")).lower():
        by = get(reason, "by.handle")
        row.update(
            doc_id=reason.get("uri")
            or f"{post.get('uri')}#repost-by-{get(reason, 'by.did') or by}",
            author_id=by,
            created_at=reason.get("indexedAt"),
            repost_of_id=post.get("uri"),
            likes=None,
            shares=None,
            replies=None,
            quotes=None,
        )
        row.pop("quote_of_id", None)
        del out.interactions[n_before:]  # the reposted post's own edges are not the repost's
        if isinstance(reason.get("by"), dict) and reason["by"].get("handle"):
            out.accounts.append(_account(reason["by"]))
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
    out.accounts.append(_account(post.get("author") or {}))
    return row


def map_bluesky(pairs: list[tuple[int, object]]) -> Mapped:
    """Map Bluesky responses or items given as ``(line, object)`` pairs."""
    out = Mapped(frame_of_rows([]), np.zeros(0, dtype=np.int64), 0)
    rows, lines = [], []
    units = []
    for line, obj in pairs:
        if isinstance(obj.get("posts"), list):
            items = [(p, None, None) for p in obj["posts"]]
        elif isinstance(obj.get("feed"), list):
            items = [(i.get("post") or {}, i.get("reason"), i.get("reply")) for i in obj["feed"]]
        else:
            items = [(obj.get("post", obj), obj.get("reason"), obj.get("reply"))]
        units += [(line, *item) for item in items]
    # DID -> handle of the authors in the data (to name the author of a replied-to post)
    handles = {}
    for _, post, _, _ in units:
        author = post.get("author") or {}
        if author.get("did") and author.get("handle"):
            handles.setdefault(author["did"], author["handle"])
    for line, post, reason, reply in units:
        rows.append(_post_row(post, out, reason, reply=reply, handles=handles))
        lines.append(line)
    out.frame = frame_of_rows(rows)
    out.lines = np.asarray(lines, dtype=np.int64)
    out.records = len(rows)
    return out
