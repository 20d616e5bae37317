"""Mastodon statuses (API ``/api/v1/timelines/tag``, ``/accounts/:id/statuses``, search).

Field mapping (status -> corpus): ``id`` -> ``doc_id``; ``content`` (HTML) -> ``text``
(paragraphs and ``<br>`` become line breaks, tags removed, entities decoded);
``spoiler_text`` -> ``spoiler_text`` (extra column, the content warning);
``created_at``; ``account.acct`` -> ``author_id``; ``language`` -> ``lang``;
``favourites_count``/``reblogs_count``/``replies_count`` -> ``likes``/``shares``/
``replies``; ``in_reply_to_id`` -> ``reply_to_id``; ``uri`` -> ``uri`` (extra, unique
across instances). A reblog is a row of its own: its ``text`` is the reblogged status's
text and ``repost_of_id`` its id. ``url`` is the status URL on the author's instance only
for allow-listed accounts (it holds the handle).

Side tables: the author and the reblogged status's author are accounts
(``followers_count``, ``following_count``, ``display_name``, ``note`` as text, and
``profile_location`` from a profile field named like *Lieu*, *Ville*, *Localisation*,
*Location*, *Région*, *Habite à*); mentions, reblogs and replies become interactions. A
reply's target is the account of ``in_reply_to_account_id`` (found among the status's
mentions, its own author, or the authors of the loaded statuses), else the author of the
status ``in_reply_to_id`` when it is in the data; otherwise no reply edge is made (an
instance-local account number is not a handle).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import numpy as np

from ._mapped import Mapped, frame_of_rows

__all__ = ["html_to_text", "is_mastodon_status", "map_mastodon"]


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._invisible = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")
        elif tag in ("script", "style"):
            self._skip += 1
        cls = dict(attrs).get("class") or ""
        if tag == "span" and "invisible" in cls.split():
            self._skip += 1
            self._invisible = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag == "span" and self._invisible:
            self._skip -= 1
            self._invisible = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))  # HTML white space


def html_to_text(markup: str | None) -> str:
    """Plain text of a Mastodon ``content`` HTML fragment.

    Examples
    --------
    >>> html_to_text('<p>Bonjour <a href="#">#Tours</a></p><p>2e&nbsp;ligne<br>3e</p>')
    'Bonjour #Tours\\n\\n2e\\xa0ligne\\n3e'
    """
    if not markup:
        return ""
    p = _TextParser()
    p.feed(markup)
    p.close()
    text = "".join(p.parts)
    text = re.sub(r" *\n *", "\n", html.unescape(text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def is_mastodon_status(obj: object) -> bool:
    """A Mastodon status object."""
    return isinstance(obj, dict) and "content" in obj and isinstance(obj.get("account"), dict)


_LOCATION_FIELD_RE = re.compile(
    r"^\s*(lieu|ville|localisation|location|localité|r[ée]gion|habite|based in|where)",
    re.IGNORECASE,
)


def _account_row(account: dict) -> dict:
    location = None
    for f in account.get("fields") or []:
        if isinstance(f, dict) and _LOCATION_FIELD_RE.match(str(f.get("name") or "")):
            location = html_to_text(f.get("value")) or None
            break
    return {
        "author_id": account.get("acct"),
        "platform": "mastodon",
        "followers": account.get("followers_count"),
        "following": account.get("following_count"),
        "display_name": account.get("display_name"),
        "bio": html_to_text(account.get("note")),
        "profile_location": location,
    }


def map_mastodon(pairs: list[tuple[int, object]]) -> Mapped:
    """Map statuses (one a line, or arrays of statuses) given as ``(line, object)`` pairs."""
    out = Mapped(frame_of_rows([]), np.zeros(0, dtype=np.int64), 0)
    rows, lines = [], []
    # who is who in these statuses: account id -> acct, status id -> author's acct
    acct_of_account: dict[str, str] = {}
    acct_of_status: dict[str, str] = {}
    for _, st in pairs:
        for src in (st, st.get("reblog") if isinstance(st.get("reblog"), dict) else None):
            if not src or not isinstance(src.get("account"), dict):
                continue
            acc = src["account"]
            if acc.get("id") is not None and acc.get("acct"):
                acct_of_account.setdefault(str(acc["id"]), acc["acct"])
            if src.get("id") is not None and acc.get("acct"):
                acct_of_status.setdefault(str(src["id"]), acc["acct"])
            for m in src.get("mentions") or []:
                if m.get("id") is not None and m.get("acct"):
                    acct_of_account.setdefault(str(m["id"]), m["acct"])
    for line, st in pairs:
        acct = st["account"].get("acct")
        boost = st.get("reblog") if isinstance(st.get("reblog"), dict) else None
        src = boost or st
        rows.append(
            {
                "doc_id": st.get("id"),
                "platform": "mastodon",
                "text": html_to_text(src.get("content")),
                "spoiler_text": src.get("spoiler_text") or None,
                "created_at": st.get("created_at"),
                "author_id": acct,
                "lang": src.get("language"),
                "likes": st.get("favourites_count"),
                "shares": st.get("reblogs_count"),
                "replies": st.get("replies_count"),
                "reply_to_id": st.get("in_reply_to_id"),
                "repost_of_id": boost.get("id") if boost else None,
                "uri": st.get("uri"),
                "_url": st.get("url"),
            }
        )
        lines.append(line)
        out.accounts.append(_account_row(st["account"]))
        targets = [("mention", m.get("acct")) for m in src.get("mentions") or []]
        if boost:
            booster = boost.get("account") or {}
            if booster.get("acct"):
                out.accounts.append(_account_row(booster))
            targets.append(("repost", booster.get("acct")))
        elif st.get("in_reply_to_id") is not None:
            reply_acct = st.get("in_reply_to_account_id")
            target = acct_of_account.get(str(reply_acct)) if reply_acct is not None else None
            targets.append(("reply", target or acct_of_status.get(str(st["in_reply_to_id"]))))
        for kind, target in targets:
            if target:
                out.interactions.append(
                    {
                        "source_author": acct,
                        "target_author": target,
                        "kind": kind,
                        "doc_id": st.get("id"),
                        "created_at": st.get("created_at"),
                        "platform": "mastodon",
                    }
                )
    out.frame = frame_of_rows(rows)
    out.lines = np.asarray(lines, dtype=np.int64)
    out.records = len(rows)
    return out
