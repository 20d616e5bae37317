"""Web pages of the territories (saved HTML files): one page, one document.

Two main-text extractors, both offline:

* ``"trafilatura"`` (Barbaresi 2021), used by default when installed: it scores the
  page's blocks and keeps the main text, leaving out menus, cookie banners, share buttons,
  newsletter forms and "see also" lists even when the page does not mark them up as
  ``nav``/``aside``/``footer`` (the common case on tourism-office CMS pages);
* ``"builtin"`` (standard library only): the text of ``<article>``, else ``<main>``,
  else ``<body>``, without ``nav``, ``header``, ``footer``, ``aside``, ``form``,
  ``script``, ``style`` and ``noscript``; block elements become line breaks.

The extractor used is recorded (load report and dataset card). When trafilatura finds no
main text in a page, the builtin text is used and a warning names the page.

Page -> corpus: ``link[rel=canonical]`` (else ``og:url``, else the file name) -> ``url``
and ``doc_id``; ``<title>`` (else ``og:title``) -> ``title``; the title, a blank line and
the extracted text -> ``text``; ``article:published_time`` (else ``datePublished`` of
the page's JSON-LD or microdata, else the first ``<time datetime>``, else
``article:modified_time``, else ``dateModified``) -> ``created_at``;
``og:site_name`` (else the host of the URL) -> ``author_id`` (an institution, kept by
name); ``<html lang>`` -> ``lang``; ``meta[name=description]`` -> ``description``.
A page without any date is skipped and reported (a date is never invented: dates
written in the text, such as event dates, are not publication dates).

References
----------
Barbaresi, A. (2021). Trafilatura: A Web Scraping Library and Command-Line Tool for Text
Discovery and Extraction. *Proceedings of ACL-IJCNLP 2021: System Demonstrations*,
122-131.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import numpy as np

from territoire_lab._compat import import_optional
from territoire_lab.exceptions import OptionalDependencyError

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
        self._in_jsonld = False
        self.jsonld: list[str] = []
        self.itemprops: dict[str, str] = {}

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
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")
        if a.get("itemprop") in ("datePublished", "dateModified"):
            value = a.get("content") or a.get("datetime")
            if value:
                self.itemprops.setdefault(a["itemprop"], value)
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
        if tag == "script":
            self._in_jsonld = False
        if tag in _SKIP and self._skip:
            self._skip -= 1
        if self._open.get(tag):
            self._open[tag] -= 1
        if tag in _BLOCK:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data
            return
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


def _jsonld_dates(blocks: list[str]) -> dict[str, str]:
    """``datePublished`` / ``dateModified`` of the page's JSON-LD (first found of each)."""
    found: dict[str, str] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in ("datePublished", "dateModified"):
                if isinstance(node.get(key), str) and key not in found:
                    found[key] = node[key]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for block in blocks:
        try:
            walk(json.loads(block))
        except ValueError:  # broken JSON-LD is common: ignored, the other rules apply
            continue
    return found


def _trafilatura_text(markup: str, url: str | None) -> str | None:
    """Main text by trafilatura (None when it finds none); white space normalised."""
    trafilatura = import_optional(
        "trafilatura", extra="web", purpose="main-text extraction of web pages"
    )
    text = trafilatura.extract(
        markup,
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,
    )
    if not text:
        return None
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() or None


def _has_trafilatura() -> bool:
    try:
        import_optional("trafilatura", extra="web")
    except OptionalDependencyError:
        return False
    return True


def map_web_page(text: str, *, name: str, report: LoadReport, extractor: str = "auto") -> Mapped:
    """Map one saved HTML page (its decoded text) to a one-row corpus.

    Parameters
    ----------
    text : str
        The page's HTML.
    name : str
        File name, for the report.
    report : LoadReport
        Where problems are reported.
    extractor : {"auto", "trafilatura", "builtin"}
        Main-text extractor (see the module docstring); ``"trafilatura"`` raises
        :class:`~territoire_lab.exceptions.OptionalDependencyError` when it is not
        installed, ``"auto"`` uses it when it is.
    """
    p = _PageParser()
    p.feed(text)
    p.close()
    body = ""
    for zone in ("article", "main", "body"):
        body = _clean(p.parts[zone])
        if body:
            break
    url = p.canonical or p.meta.get("og:url")
    used = "builtin"
    if extractor == "trafilatura" or (extractor == "auto" and _has_trafilatura()):
        main = _trafilatura_text(text, url)
        if main is None:
            report.warn(
                name,
                1,
                "trafilatura found no main text in the page: the builtin extractor's text "
                "(article, main or body) is used",
            )
            used = "builtin (trafilatura found no main text)"
        else:
            body, used = main, "trafilatura"
    title = re.sub(r"\s+", " ", p.title).strip() or p.meta.get("og:title")
    ld = _jsonld_dates(p.jsonld)
    created = (
        p.meta.get("article:published_time")
        or ld.get("datePublished")
        or p.itemprops.get("datePublished")
        or (p.times[0] if p.times else None)
        or p.meta.get("article:modified_time")
        or ld.get("dateModified")
        or p.itemprops.get("dateModified")
    )
    site = p.meta.get("og:site_name") or (urllib.parse.urlparse(url).netloc if url else None)
    if not created:
        report.skip(
            name,
            1,
            "web page without a publication date (article:published_time, JSON-LD "
            "datePublished, <time datetime>); a date is never invented: add one with "
            "columns or skip the page",
        )
        out = Mapped(frame_of_rows([]), np.zeros(0, dtype=np.int64), 1)
        out.extractor = used
        return out
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
    out.extractor = used
    return out
