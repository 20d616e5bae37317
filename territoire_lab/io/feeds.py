"""RSS and Atom feeds of the territories (tourism offices, town halls), via feedparser.

Entry -> corpus: ``id`` (else ``link``) -> ``doc_id``; ``title``, blank line, the text of
``content[0]`` (else ``summary``) with its HTML removed -> ``text``; ``published`` (else
``updated``; RFC 2822 or ISO 8601) -> ``created_at``; the feed's ``title`` ->
``author_id`` (an institution, kept by name); ``link`` -> ``url``; ``author`` -> ``author``
(a person: pseudonymised); ``tags`` -> ``tags`` (joined by ``|``); ``language`` of the
feed -> ``lang``. The records are the feed's entries, numbered from 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from territoire_lab._compat import import_optional

from ._mapped import Mapped, frame_of_rows
from .mastodon import html_to_text

if TYPE_CHECKING:
    from .report import LoadReport

__all__ = ["map_feed"]


def map_feed(text: str, *, name: str, report: LoadReport) -> Mapped:
    """Parse feed text and map its entries."""
    feedparser = import_optional("feedparser", purpose="RSS/Atom feeds")
    parsed = feedparser.parse(text)
    if parsed.get("bozo") and not parsed.entries:
        exc = parsed.get("bozo_exception")
        from territoire_lab.exceptions import LoaderError

        line = getattr(exc, "getLineNumber", lambda: None)()
        raise LoaderError(name, f"not a readable RSS/Atom feed ({exc})", line=line)
    if parsed.get("bozo"):
        report.warn(name, None, f"feed is not well-formed ({parsed.get('bozo_exception')})")
    feed_title = parsed.feed.get("title")
    lang = parsed.feed.get("language")
    rows = []
    for e in parsed.entries:
        body = e.get("content", [{}])[0].get("value") if e.get("content") else e.get("summary")
        title = e.get("title") or ""
        body_text = html_to_text(body)
        rows.append(
            {
                "doc_id": e.get("id") or e.get("link"),
                "platform": "rss",
                "text": "\n\n".join(t for t in (title, body_text) if t),
                "title": title or None,
                "created_at": e.get("published") or e.get("updated"),
                "author_id": feed_title,
                "author": e.get("author"),
                "lang": lang,
                "url": e.get("link"),
                "tags": "|".join(t.get("term", "") for t in e.get("tags", [])) or None,
            }
        )
    lines = np.arange(1, len(rows) + 1, dtype=np.int64)
    out = Mapped(frame_of_rows(rows), lines, len(rows))
    out.institutions = [feed_title] if feed_title else []
    return out
