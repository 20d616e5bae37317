"""Web pages of the territories (saved HTML files): one page, one document.

The extraction is deliberately simple and offline (standard library only): the text of
``<article>``, else ``<main>``, else ``<body>``, without ``nav``, ``header``, ``footer``,
``aside``, ``form``, ``script``, ``style`` and ``noscript``; block elements become line
breaks.

Page -> corpus: ``link[rel=canonical]`` (else ``og:url``, else the file name) -> ``url``
and ``doc_id``; ``<title>`` (else ``og:title``) -> ``title``; the title, a blank line and
the extracted text -> ``text``; ``article:published_time`` (else the first
``<time datetime>``, else ``article:modified_time``) -> ``created_at``;
``og:site_name`` (else the host of the URL) -> ``author_id`` (an institution, kept by
name); ``<html lang>`` -> ``lang``; ``meta[name=description]`` -> ``description``.
A page without any date is skipped and reported (a date is never invented).
"""

from __future__ import annotations

import re
import urllib.parse
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import numpy as np

from ._mapped import Mapped, frame_of_rows

if TYPE_CHECKING:
    from .report import LoadReport

__all__ = ["map_web_page"]

_SKIP = {"nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template"}
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"}
_BLOCK |= {"article", "main", "blockquote", "ul", "ol", "table", "dd", "dt"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "base", "col"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.lang: str | None = None
        self.title = ""
        self.times: list[str] = []
        self.canonical: str | None = None
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self._open: dict[str, int] = {"article": 0, "main": 0, "body": 0}
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "meta":
            key = a.get("property") or a.get("name")
            if key and "content" in a:
                self.meta.setdefault(key.lower(), a["content"])
        elif tag == "link" and "canonical" in a.get("rel", "").split():
            self.canonical = a.get("href")
        elif tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        elif tag == "title":
            self._in_title = True
        if tag in _VOID:
            if tag == "br":
                self._add("\n")
            return
        if tag in _SKIP:
            self._skip += 1
        if tag in self._open:
            self._open[tag] += 1
        if tag in _BLOCK:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP and self._skip:
            self._skip -= 1
        if self._open.get(tag):
            self._open[tag] -= 1
        if tag in _BLOCK:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        self._add(re.sub(r"[ \t\r\n\f]+", " ", data))  # HTML white space, not nbsp

    def _add(self, text: str) -> None:
        if self._skip:
            return
        for zone, depth in self._open.items():
            if depth:
                self.parts[zone].append(text)


def _clean(parts: list[str]) -> str:
    text = "".join(parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{2,}", "\n\n", text).strip()


def map_web_page(text: str, *, name: str, report: LoadReport) -> Mapped:
    """Map one saved HTML page (its decoded text) to a one-row corpus."""
    p = _PageParser()
    p.feed(text)
    p.close()
    body = ""
    for zone in ("article", "main", "body"):
        body = _clean(p.parts[zone])
        if body:
            break
    url = p.canonical or p.meta.get("og:url")
    title = re.sub(r"\s+", " ", p.title).strip() or p.meta.get("og:title")
    created = (
        p.meta.get("article:published_time")
        or (p.times[0] if p.times else None)
        or p.meta.get("article:modified_time")
    )
    site = p.meta.get("og:site_name") or (urllib.parse.urlparse(url).netloc if url else None)
    if not created:
        report.skip(
            name,
            1,
            "web page without a publication date (article:published_time, <time "
            "datetime>); a date is never invented: add one with columns or skip the page",
        )
        return Mapped(frame_of_rows([]), np.zeros(0, dtype=np.int64), 1)
    row = {
        "doc_id": url or name,
        "platform": "web",
        "text": "\n\n".join(t for t in (title, body) if t),
        "title": title,
        "created_at": created,
        "author_id": site,
        "lang": p.lang,
        "url": url,
        "description": p.meta.get("description") or p.meta.get("og:description"),
    }
    out = Mapped(frame_of_rows([row]), np.array([1], dtype=np.int64), 1)
    out.institutions = [site] if site else []
    return out
