"""Collectors against a local replay server (127.0.0.1): paging, resume, 429, 5xx, cut bodies."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from territoire_lab.io import read_corpus
from territoire_lab.io.collect import CollectError, collect_bluesky, collect_mastodon, get_json

from .conftest import TEST_KEY

FIX = Path(__file__).parent / "fixtures" / "io"


@pytest.fixture(autouse=True)
def _cards_in_tmp(tmp_path, monkeypatch):
    """Dataset cards of these loads go to a temporary folder, not the user's state folder."""
    monkeypatch.setenv("TERRITOIRE_LAB_CARDS", str(tmp_path / "cards"))


class Replay:
    """Serve scripted responses: ``{path?query: [(status, headers, body, cut), ...]}``."""

    def __init__(self, script: dict[str, list[tuple]]) -> None:
        self.script = {k: list(v) for k, v in script.items()}
        self.requests: list[str] = []
        self.auth: list[str | None] = []
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                replay.requests.append(self.path)
                replay.auth.append(self.headers.get("Authorization"))
                queue = replay.script.get(self.path)
                if not queue:
                    self.send_response(404)
                    self.end_headers()
                    return
                status, headers, body, cut = queue.pop(0) if len(queue) > 1 else queue[0]
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2] if cut else data)
                if cut:
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Replay:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def statuses() -> list[dict]:
    return json.loads((FIX / "mastodon_statuses.json").read_text(encoding="utf-8"))


def ok(body: object) -> tuple:
    return (200, {}, body, False)


def test_mastodon_hashtag_with_429_500_and_cut_body_then_resume(tmp_path):
    st = statuses()
    page1 = "/api/v1/timelines/tag/loire?limit=2"
    page2 = "/api/v1/timelines/tag/loire?limit=2&max_id=113590000000000002"
    page3 = "/api/v1/timelines/tag/loire?limit=2&max_id=113590000000000003"
    script = {
        page1: [
            (429, {"Retry-After": "7"}, {"error": "Too many requests"}, False),
            (500, {}, {"error": "boom"}, False),
            (200, {}, st[:2], True),  # body cut off mid-way
            ok(st[:2]),
        ],
        page2: [(200, {}, st[2:], True), ok(st[2:])],
        page3: [ok([])],
    }
    waits: list[float] = []
    with Replay(script) as srv:
        raw = collect_mastodon(
            srv.url, hashtag="#loire", out_dir=tmp_path, max_pages=1, limit=2, sleep=waits.append
        )
        assert waits == [7.0, 2.0, 4.0]  # Retry-After, then exponential backoff
        assert len(raw.read_text(encoding="utf-8").splitlines()) == 2
        cursor = json.loads((tmp_path / "mastodon_tag_loire.cursor.json").read_text())
        assert cursor == {"pages": 1, "statuses": 2, "max_id": "113590000000000002"}
        # resume: the next call starts from the saved cursor
        raw = collect_mastodon(
            srv.url, hashtag="loire", out_dir=tmp_path, max_pages=5, limit=2, sleep=waits.append
        )
        assert srv.requests[-3:] == [page2, page2, page3]
        n_requests = len(srv.requests)
        collect_mastodon(srv.url, hashtag="loire", out_dir=tmp_path, limit=2)  # done: no call
        assert len(srv.requests) == n_requests
    cursor = json.loads((tmp_path / "mastodon_tag_loire.cursor.json").read_text())
    assert cursor["done"] is True and cursor["statuses"] == 3
    df = read_corpus(raw, key=TEST_KEY)
    assert df["doc_id"].tolist() == [s["id"] for s in st]
    assert df["platform"].unique().tolist() == ["mastodon"]


def test_bluesky_search_pages_until_no_cursor(tmp_path):
    page = json.loads((FIX / "bluesky_search.json").read_text(encoding="utf-8"))
    first = dict(page, posts=page["posts"][:1], cursor="1")
    second = dict(page, posts=page["posts"][1:], cursor=None)
    base = "/xrpc/app.bsky.feed.searchPosts?q=ch%C3%A2teau+blois&limit=1"
    script = {base: [ok(first)], base + "&cursor=1": [(503, {}, {}, False), ok(second)]}
    waits: list[float] = []
    with Replay(script) as srv:
        raw = collect_bluesky(
            query="château blois",
            base_url=srv.url,
            out_dir=tmp_path,
            limit=1,
            sleep=waits.append,
            backoff=0.5,
        )
    assert waits == [0.5]
    lines = raw.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["cursor"] == "1"
    df = read_corpus(raw, key=TEST_KEY)
    assert df["doc_id"].tolist() == [p["uri"] for p in page["posts"]]
    assert df["source_line"].tolist() == [1, 2]


def test_bounded_retries_name_the_url_and_last_failure():
    script = {"/x": [(502, {}, {}, False)]}
    waits: list[float] = []
    with (
        Replay(script) as srv,
        pytest.raises(CollectError, match=r"/x: gave up after 3 attempts; last failure: HTTP 502"),
    ):
        get_json(srv.url + "/x", retries=2, sleep=waits.append)
    assert waits == [1.0, 2.0]


def test_client_errors_fail_at_once():
    with Replay({"/gone": [(410, {}, {}, False)]}) as srv:
        with pytest.raises(CollectError, match=r"/gone: HTTP 410"):
            get_json(srv.url + "/gone", sleep=lambda s: pytest.fail("no retry expected"))
        assert srv.requests == ["/gone"]


def test_retry_after_http_date_and_missing_cursor_args(tmp_path):
    from territoire_lab.io.collect import _retry_after

    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 5.0) == 0.0
    assert _retry_after("12", 5.0) == 12.0 and _retry_after(None, 5.0) == 5.0
    with pytest.raises(ValueError, match="exactly one of hashtag=, account_id= or query="):
        collect_mastodon("http://127.0.0.1:9", out_dir=tmp_path)
    with pytest.raises(ValueError, match="exactly one of query= or actor="):
        collect_bluesky(out_dir=tmp_path, query="a", actor="b")


def test_mastodon_search_pages_by_offset_with_token(tmp_path):
    st = statuses()
    base = "/api/v2/search?limit=2&q=ch%C3%A2teau&type=statuses&offset="
    script = {
        base + "0": [ok({"accounts": [], "statuses": st[:2], "hashtags": []})],
        base + "2": [ok({"accounts": [], "statuses": st[2:], "hashtags": []})],
        base + "3": [ok({"accounts": [], "statuses": [], "hashtags": []})],
    }
    with Replay(script) as srv:
        raw = collect_mastodon(
            srv.url, query="château", out_dir=tmp_path, limit=2, token="t0k3n", max_pages=5
        )
        assert srv.requests == [base + "0", base + "2", base + "3"]
        assert srv.auth == ["Bearer t0k3n"] * 3
    df = read_corpus(raw, key=TEST_KEY)
    assert df["doc_id"].tolist() == [s["id"] for s in st]
    assert "t0k3n" not in raw.read_text() + (tmp_path / "mastodon_search.cursor.json").read_text()
