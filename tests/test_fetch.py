"""Fetching links: only public addresses, size and time capped, redirects re-checked."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from bot.chat import Chat
from bot.ingest.fetch import Fetcher, FetchError
from bot.news import News
from bot.settings import Settings
from tests.conftest import FIXTURES
from tests.fakebotapi import serving

PAGE = (FIXTURES / "page.html").read_bytes()


class Site(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.path = self.path.split("?", 1)[0]
        port = self.server.server_port
        routes = {
            "/story.html": (200, "text/html; charset=utf-8", PAGE),
            "/feed.xml": (200, "application/rss+xml", (FIXTURES / "feed.xml").read_bytes()),
            "/image.png": (200, "image/png", b"\x89PNG" + b"\x00" * 100),
            "/missing": (404, "text/html", b"not here"),
        }
        if self.path == "/to-story":
            self._redirect(f"http://127.0.0.1:{port}/story.html")
        elif self.path == "/to-private":
            self._redirect("http://10.1.2.3/secret")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(10 * 1024):  # 10 MB, no Content-Length
                    self.wfile.write(b"<p>" + b"x" * 1021)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", PAGE)
        else:
            self._send(*routes.get(self.path, (404, "text/plain", b"no")))

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving(Site) as url:
        yield url


def fetcher(**overrides: object) -> Fetcher:
    options = {"allow_loopback": True, "timeout": 2.0, "max_bytes": 1_000_000, "max_redirects": 3}
    options.update(overrides)
    return Fetcher(**options)  # type: ignore[arg-type]


async def test_fetches_a_page_following_a_redirect(site: str) -> None:
    fetched = await fetcher().fetch(f"{site}/to-story")
    assert fetched.url.endswith("/story.html")
    assert fetched.kind == "html" and b"Tartu festival" in fetched.body


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://localhost/x",
        "http://[::1]/x",
        "http://10.0.0.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://192.168.1.1/",
        "http://0.0.0.0/",
    ],
)
async def test_private_and_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="private or local"):
        await fetcher(allow_loopback=False).fetch(url)


async def test_redirect_to_private_address_is_refused(site: str) -> None:
    # The first hop (127.0.0.1) is allowed here; the redirect target is checked again.
    with pytest.raises(FetchError, match="private or local"):
        await fetcher().fetch(f"{site}/to-private")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/huge", "larger than 1 MB"),
        ("/slow", "longer than 2 s"),
        ("/loop", "too many redirects"),
        ("/image.png", "not an article or a feed"),
        ("/missing", "404"),
    ],
)
async def test_bad_pages_get_a_clear_reason(site: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        await fetcher().fetch(site + path)


@pytest.mark.parametrize("url", ["ftp://example.com/file", "file:///etc/passwd", "javascript:alert(1)"])
async def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        await fetcher().fetch(url)


async def test_ingest_a_link_and_a_feed_from_chat(settings: Settings, site: str) -> None:
    news = await News(settings.model_copy(update={"fetch_allow_loopback": True})).open()
    try:
        chat = Chat(news)
        page = await chat.ingest(f"{site}/story.html")
        assert "Stored #1" in page.messages[0] and "Tartu festival draws record crowds" in page.messages[0]
        feed = await chat.ingest(f"{site}/feed.xml")
        assert "2 new, 0 duplicates, 0 failed" in feed.messages[-1]
        again = await chat.ingest(f"{site}/story.html?utm_source=twitter#comments")
        assert "Already stored as #1" in again.messages[0]
        summary = await chat.summarize(f"{site}/story.html")
        assert "Tartu" in summary.messages[0] and "cookies" not in summary.messages[0]
    finally:
        await news.close()
