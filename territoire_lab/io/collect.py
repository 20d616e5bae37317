"""Live collectors for the open APIs: Mastodon and Bluesky.

Each collector pages through an API, writes every raw page to an NDJSON file **before**
any mapping (so that nothing collected is lost if a later step fails), saves its cursor
to disk after each page (an interrupted collection resumes where it stopped), and then
hands the raw file to :func:`territoire_lab.io.read_corpus`.

HTTP failures are handled the way the platforms ask: ``429 Too Many Requests`` waits for
``Retry-After`` (seconds or HTTP date; exponential backoff when absent), ``5xx`` and cut-off
bodies (incomplete reads, JSON that stops mid-way) are retried a bounded number of times,
then :class:`CollectError` names the URL and the last failure. Other ``4xx`` fail at once.

Only the standard library is used (``urllib``); the base URL can point to a local replay
server, which is how the tests run offline.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from os import PathLike
from pathlib import Path

from territoire_lab.exceptions import TerritoireLabError

__all__ = ["CollectError", "collect_bluesky", "collect_mastodon", "get_json"]

logger = logging.getLogger("territoire_lab")

USER_AGENT = "territoire_lab collector (research; https://github.com/territoire-lab)"


class CollectError(TerritoireLabError):
    """A collection failed after its retries; names the URL and the last failure."""


def _retry_after(value: str | None, default: float) -> float:
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def get_json(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    retries: int = 5,
    backoff: float = 1.0,
    max_wait: float = 900.0,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> object:
    """GET a JSON document, honouring rate limits and retrying transient failures.

    Parameters
    ----------
    url : str
        Full URL.
    headers : dict, optional
        Extra request headers (e.g. ``Authorization``).
    retries : int, default 5
        Retries after the first attempt, for 429, 5xx, network errors and truncated bodies.
    backoff : float, default 1.0
        First wait in seconds; doubled at each retry (when no ``Retry-After`` is given).
    max_wait : float, default 900
        Longest single wait.
    timeout : float, default 30
        Socket timeout in seconds.
    sleep : callable
        Waiting function (tests pass a recorder).

    Returns
    -------
    object
        The parsed JSON.

    Raises
    ------
    CollectError
        After ``retries`` failed retries, or at once for other 4xx statuses.
    """
    req_headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    req_headers.update(headers or {})
    last = "no attempt"
    for attempt in range(retries + 1):
        wait = min(max_wait, backoff * 2**attempt)
        try:
            req = urllib.request.Request(url, headers=req_headers)
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                body = resp.read()
            return json.loads(body.decode("utf-8"))
        except urllib.error.HTTPError as exc:
            if exc.code == 429:
                wait = min(max_wait, _retry_after(exc.headers.get("Retry-After"), wait))
                last = f"429 Too Many Requests (waited {wait:.0f}s)"
            elif 500 <= exc.code < 600:
                last = f"HTTP {exc.code} {exc.reason}"
            else:
                raise CollectError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
        except (http.client.IncompleteRead, json.JSONDecodeError, UnicodeDecodeError) as exc:
            last = f"truncated or invalid body ({type(exc).__name__})"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            last = f"network error ({exc})"
        if attempt < retries:
            logger.warning("%s: %s; retry %d/%d in %.1fs", url, last, attempt + 1, retries, wait)
            sleep(wait)
    raise CollectError(f"{url}: gave up after {retries + 1} attempts; last failure: {last}")


class _State:
    """Cursor file and raw NDJSON file of one collection."""

    def __init__(self, out_dir: str | PathLike[str], name: str) -> None:
        self.dir = Path(out_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.raw = self.dir / f"{name}.ndjson"
        self.cursor_file = self.dir / f"{name}.cursor.json"

    def load(self) -> dict:
        if self.cursor_file.exists():
            return json.loads(self.cursor_file.read_text(encoding="utf-8"))
        return {}

    def save(self, state: dict) -> None:
        tmp = self.cursor_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        tmp.replace(self.cursor_file)

    def append(self, lines: list[object]) -> None:
        with self.raw.open("a", encoding="utf-8") as fh:
            for obj in lines:
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _progress(total: int | None, desc: str, progress: bool | None):
    """A bar of pages (tqdm); ``progress=None`` shows it only on a terminal or notebook."""
    from tqdm.auto import tqdm

    disable = {True: False, False: True}.get(progress)
    return tqdm(total=total, desc=desc, unit="page", disable=disable)


def collect_mastodon(
    instance: str,
    *,
    out_dir: str | PathLike[str],
    hashtag: str | None = None,
    account_id: str | None = None,
    query: str | None = None,
    max_pages: int = 10,
    limit: int = 40,
    token: str | None = None,
    name: str | None = None,
    progress: bool | None = None,
    **http: object,
) -> Path:
    """Collect public statuses of a hashtag, an account or a search from a Mastodon instance.

    Timelines page backwards in time with ``max_id``; search pages with ``offset``. Each
    status is written as one NDJSON line to ``<out_dir>/<name>.ndjson`` as soon as its
    page arrives; the cursor (``max_id`` or offset, pages done) is saved to
    ``<name>.cursor.json``. Running the same call again
    resumes after the last saved page; a collection that reached the end says so and
    fetches nothing more.

    Parameters
    ----------
    instance : str
        Base URL, e.g. ``"https://piaille.fr"``.
    out_dir : path
        Folder of the raw file and the cursor.
    hashtag, account_id, query : str
        What to collect (exactly one): ``/api/v1/timelines/tag/<hashtag>``,
        ``/api/v1/accounts/<id>/statuses``, or ``/api/v2/search?type=statuses&q=<query>``
        (full-text search needs a ``token`` on most instances).
    max_pages : int, default 10
        Pages fetched by this call.
    limit : int, default 40
        Statuses a page (the API maximum is 40).
    token : str, optional
        Access token (``Authorization: Bearer``), not written anywhere.
    name : str, optional
        Base name of the files (default: ``mastodon_<hashtag or account>``).
    progress : bool, optional
        Progress bar of the pages fetched, with the statuses collected so far (default:
        shown on a terminal or in a notebook only).
    **http
        Passed to :func:`get_json` (``retries``, ``backoff``, ``sleep``...).

    Returns
    -------
    pathlib.Path
        The raw NDJSON file, ready for :func:`territoire_lab.io.read_corpus`.
    """
    if sum(x is not None for x in (hashtag, account_id, query)) != 1:
        raise ValueError("give exactly one of hashtag=, account_id= or query=")
    base = instance.rstrip("/")
    if hashtag is not None:
        path = f"/api/v1/timelines/tag/{urllib.parse.quote(hashtag.lstrip('#'))}"
        default_name = f"mastodon_tag_{hashtag.lstrip('#')}"
    elif query is not None:
        path = "/api/v2/search"
        default_name = "mastodon_search"
    else:
        path = f"/api/v1/accounts/{urllib.parse.quote(str(account_id))}/statuses"
        default_name = f"mastodon_account_{account_id}"
    state_files = _State(out_dir, name or default_name)
    state = state_files.load()
    headers = {"Authorization": f"Bearer {token}"} if token else None
    with _progress(max_pages, "mastodon", progress) as bar:
        for _ in range(max_pages):
            if state.get("done"):
                logger.info("%s: collection already complete", state_files.raw.name)
                break
            params = {"limit": str(limit)}
            if query is not None:
                params.update(q=query, type="statuses", offset=str(state.get("statuses", 0)))
            elif state.get("max_id"):
                params["max_id"] = state["max_id"]
            url = f"{base}{path}?{urllib.parse.urlencode(params)}"
            page = get_json(url, headers=headers, **http)
            if query is not None and isinstance(page, dict):
                page = page.get("statuses", [])
            if not isinstance(page, list):
                raise CollectError(f"{url}: expected a JSON array of statuses")
            state_files.append(page)
            state["pages"] = state.get("pages", 0) + 1
            state["statuses"] = state.get("statuses", 0) + len(page)
            if page:
                state["max_id"] = str(page[-1]["id"])
            if len(page) == 0:
                state["done"] = True
            state_files.save(state)
            bar.set_postfix(statuses=state["statuses"], refresh=False)
            bar.update(1)
    return state_files.raw


def collect_bluesky(
    *,
    out_dir: str | PathLike[str],
    query: str | None = None,
    actor: str | None = None,
    base_url: str = "https://public.api.bsky.app",
    max_pages: int = 10,
    limit: int = 100,
    name: str | None = None,
    progress: bool | None = None,
    **http: object,
) -> Path:
    """Collect Bluesky posts from ``searchPosts`` (``query``) or ``getAuthorFeed`` (``actor``).

    Each response page is written whole as one NDJSON line (posts and cursor) before
    anything else; the ``cursor`` is saved after each page, so the call resumes; the
    collection ends when the API returns no cursor.

    Parameters
    ----------
    out_dir : path
        Folder of the raw file and the cursor.
    query, actor : str
        Search query, or an author's handle or DID (exactly one of them).
    base_url : str
        AppView (``https://public.api.bsky.app``; searchPosts may need an authenticated
        PDS host).
    max_pages, limit : int
        Pages fetched by this call; posts a page (max 100).
    name : str, optional
        Base name of the files.
    progress : bool, optional
        Progress bar of the pages fetched, with the posts collected so far (default:
        shown on a terminal or in a notebook only).
    **http
        Passed to :func:`get_json`.

    Returns
    -------
    pathlib.Path
        The raw NDJSON file.
    """
    if (query is None) == (actor is None):
        raise ValueError("give exactly one of query= or actor=")
    base = base_url.rstrip("/")
    if query is not None:
        endpoint, key, value = "app.bsky.feed.searchPosts", "q", query
        default_name = "bluesky_search"
    else:
        endpoint, key, value = "app.bsky.feed.getAuthorFeed", "actor", actor
        default_name = f"bluesky_feed_{actor}"
    state_files = _State(out_dir, name or default_name)
    state = state_files.load()
    with _progress(max_pages, "bluesky", progress) as bar:
        for _ in range(max_pages):
            if state.get("done"):
                logger.info("%s: collection already complete", state_files.raw.name)
                break
            params = {key: value, "limit": str(limit)}
            if state.get("cursor"):
                params["cursor"] = state["cursor"]
            url = f"{base}/xrpc/{endpoint}?{urllib.parse.urlencode(params)}"
            page = get_json(url, **http)
            if not isinstance(page, dict):
                raise CollectError(f"{url}: expected a JSON object")
            items = page.get("posts", page.get("feed", []))
            state_files.append([page])
            state["pages"] = state.get("pages", 0) + 1
            state["posts"] = state.get("posts", 0) + len(items)
            state["cursor"] = page.get("cursor")
            if not page.get("cursor") or not items:
                state["done"] = True
            state_files.save(state)
            bar.set_postfix(posts=state["posts"], refresh=False)
            bar.update(1)
    return state_files.raw
