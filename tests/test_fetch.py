"""Fetching links: only public addresses, size and time capped, redirects re-checked."""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.commands import Commands
from bot.fetch import Fetcher, FetchError, resolve
from bot.ingest.feeds import read_opml, write_opml
from bot.ingest.poll import Poller
from bot.services import Services
from bot.settings import Settings
from storage.models import Article, Feed
from tests.conftest import FIXTURES
from tests.support.bombs import MIB, gzip_in_gzip, gzip_of_zeros
from tests.support.site import RSS, FakeSite, Page, Request, redirect, served

PAGE = (FIXTURES / "page.html").read_bytes()


def _raw_deflate(data: bytes) -> bytes:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return deflate.compress(data) + deflate.flush()


ENCODED = {  # path: (Content-Encoding, body)
    "/bomb-gzip-gzip": lambda: ("gzip, gzip", gzip_in_gzip(1024)),  # 1 GiB inside ~3 KB
    "/bomb-gzip": lambda: ("gzip", gzip_of_zeros(1024)),  # 1 GiB inside ~1 MB
    "/page-gzip": lambda: ("gzip", gzip.compress(PAGE)),
    "/page-x-gzip": lambda: ("x-gzip", gzip.compress(PAGE)),
    "/page-deflate": lambda: ("deflate", zlib.compress(PAGE)),
    "/page-raw-deflate": lambda: ("deflate", _raw_deflate(PAGE)),
    "/page-identity": lambda: ("identity", PAGE),
    "/page-gzip-gzip": lambda: ("gzip, gzip", gzip.compress(gzip.compress(PAGE))),
    "/page-br": lambda: ("br", PAGE),
    "/page-compress": lambda: ("compress", PAGE),
    "/page-bad-gzip": lambda: ("gzip", gzip.compress(PAGE)[:40] + b"garbage" * 50),
}


STORY_TEXT = " ".join(
    f"The port authority of Tallinn said on Monday that ferry line {n} would resume after repairs." for n in range(8)
)
TRAM_TEXT = "Trams returned to the old town of Riga on Sunday after a year of track works, the city said."
# Pages that carry a credential in a link, given the site's base URL with one in it.
PASSWORD_PAGES = {
    "/canonical-with-password.html": lambda base: (
        "text/html",
        '<html><head><title>Ferries resume</title><link rel="canonical" '
        f'href="http://editor:hunter2@news.example/ferries"></head><body><article><h1>Ferries resume</h1>'
        f"<p>{STORY_TEXT}</p></article></body></html>",
    ),
    "/advertises-with-password.html": lambda base: (
        "text/html",
        f'<html><head><link rel="alternate" type="application/rss+xml" title="Wire" href="{base}/wire.xml">'
        "</head><body><p>Home</p></body></html>",
    ),
    "/feed-with-passwords.xml": lambda base: (
        "application/rss+xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Port news</title><link>{base}/</link>'
        f"<item><title>Trams return</title><link>{base}/gone</link><description>{TRAM_TEXT}</description>"
        "</item></channel></rss>",
    ),
}


def _with_password(base: str) -> str:
    return base.replace("http://", "http://editor:hunter2@")


def _password_page(request: Request, path: str) -> Page:
    content_type, body = PASSWORD_PAGES[path](_with_password(request.base))
    return Page(body.encode(), content_type=content_type)


def _encoded(request: Request) -> Page:
    encoded = ENCODED.get(request.path.split("?", 1)[0])
    if encoded is None:
        return Page(b"no", status=404, content_type="text/plain")
    encoding, body = encoded()
    return Page(body, content_type="text/html", headers={"Content-Encoding": encoding})


SITE = FakeSite(
    {
        "/story.html": Page(PAGE),
        "/feed.xml": Page((FIXTURES / "feed.xml").read_bytes(), content_type=RSS),
        "/image.png": Page(b"\x89PNG" + b"\x00" * 100, content_type="image/png"),
        "/missing": Page(b"not here", status=404, content_type="text/html"),
        "/to-story": lambda r: redirect(f"{r.base}/story.html"),
        "/to-private": redirect("http://10.1.2.3/secret"),
        "/loop": redirect("/loop"),
        "/huge": Page(content_type="text/html", chunk=b"<p>" + b"x" * 1021, repeat=10 * 1024),  # 10 MB, no length
        "/slow": Page(PAGE, content_type="text/html", delay=3),
        "/to-story-with-password": lambda r: redirect(f"{_with_password(r.base)}/story.html"),
        **{path: lambda r, path=path: _password_page(r, path) for path in PASSWORD_PAGES},
    },
    fallback=_encoded,
)


site = served(SITE)


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


async def test_a_link_with_an_impossible_port_gets_a_reason_not_a_crash() -> None:
    with pytest.raises(FetchError, match="port is not a number"):
        await fetcher().fetch("http://example.com:99999/story")


async def test_ingest_a_link_and_a_feed_from_chat(settings: Settings, site: str) -> None:
    news = await Services(settings.model_copy(update={"fetch_allow_loopback": True})).open()
    try:
        chat = Commands(news)
        page = await chat.ingesting.ingest(f"{site}/story.html")
        assert "Stored #1" in page.messages[0] and "Tartu festival draws record crowds" in page.messages[0]
        feed = await chat.ingesting.ingest(f"{site}/feed.xml")
        assert "2 new, 0 duplicates, 0 failed" in feed.messages[-1]
        again = await chat.ingesting.ingest(f"{site}/story.html?utm_source=twitter#comments")
        assert "Already stored as #1" in again.messages[0]
        summary = await chat.summaries.summarize(f"{site}/story.html")
        assert "Tartu" in summary.messages[0] and "cookies" not in summary.messages[0]
    finally:
        await news.close()


def _memory_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


@contextmanager
def peak_memory_growth() -> Iterator[list[int]]:
    """Bytes by which this process's peak RSS rose above its RSS at the start of the block."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current RSS
    except OSError:
        pytest.skip("cannot reset the peak RSS on this system")
    growth: list[int] = []
    start = _memory_kib("VmRSS")
    yield growth
    growth.append((_memory_kib("VmHWM") - start) * 1024)


async def test_a_gzip_in_gzip_bomb_is_refused_without_being_inflated(site: str) -> None:
    # Issue 11.1: 1 GiB inside a few KB, Content-Encoding: gzip, gzip. The process used to reach 2.3 GB.
    assert zlib.decompress(gzip_of_zeros(3), wbits=zlib.MAX_WBITS | 16) == bytes(3 * MIB)  # the bomb is real
    assert len(ENCODED["/bomb-gzip-gzip"]()[1]) < 10_000
    with peak_memory_growth() as growth, pytest.raises(FetchError, match=r"compressed 2 times \(gzip, gzip\)"):
        await fetcher().fetch(f"{site}/bomb-gzip-gzip")
    assert growth[0] < 300 * MIB


async def test_one_layer_of_gzip_or_deflate_is_read_and_a_bomb_stops_at_the_cap(site: str) -> None:
    SITE.requests.clear()
    for path in ["/page-gzip", "/page-x-gzip", "/page-deflate", "/page-raw-deflate", "/page-identity"]:
        assert (await fetcher().fetch(site + path)).body == PAGE, path
    assert {request.header("Accept-Encoding") for request in SITE.requests} == {"gzip, deflate"}
    with peak_memory_growth() as growth, pytest.raises(FetchError, match="larger than 1 MB"):
        await fetcher().fetch(f"{site}/bomb-gzip")
    assert growth[0] < 30 * MIB  # the cap is 1 MB; the bomb holds 1 GiB


@pytest.mark.parametrize(
    ("path", "refusal"),
    [
        ("/page-gzip-gzip", r"compressed 2 times \(gzip, gzip\)"),
        ("/page-br", r"encoding newsbrief cannot read \(br\)"),
        ("/page-compress", r"encoding newsbrief cannot read \(compress\)"),
        ("/page-bad-gzip", "gzip data is damaged"),
    ],
)
async def test_other_encodings_are_refused_with_a_clear_reason(site: str, path: str, refusal: str) -> None:
    with pytest.raises(FetchError, match=refusal):
        await fetcher().fetch(site + path)


async def test_credentials_in_a_link_are_never_sent_stored_or_shown(settings: Settings, site: str) -> None:
    # Issue 11.11: http://user:secret@host/ used to go out in the Host header and into the database.
    news = await Services(settings.model_copy(update={"fetch_allow_loopback": True})).open()
    try:
        chat = Commands(news)
        SITE.requests.clear()
        stored = await chat.ingesting.ingest(site.replace("http://", "http://reader:s3cret@") + "/story.html")
        assert "Stored #1" in stored.messages[0]
        redirected = await news.fetcher.fetch(f"{site}/to-story-with-password")
        assert redirected.url == f"{site}/story.html"
        latest = await chat.questions.latest("")
        assert f'href="{site}/story.html"' in latest.messages[0]
        sent = repr(SITE.requests)
        assert "s3cret" not in sent and "hunter2" not in sent and "Authorization" not in sent
        assert "s3cret" not in " ".join(stored.messages + latest.messages)
        again = await chat.ingesting.ingest(site.replace("http://", "http://other:pass@") + "/story.html")
        assert "Already stored as #1" in again.messages[0]
    finally:
        await news.close()


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254, cloud metadata
        "64:ff9b:1::a00:1",  # local-use NAT64
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "::ffff:0:7f00:1",  # SIIT-translated 127.0.0.1
        "::127.0.0.1",  # IPv4-compatible 127.0.0.1
        "::10.0.0.1",  # IPv4-compatible 10.0.0.1
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:192.168.0.1",  # IPv4-mapped
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    ],
)
async def test_ipv6_forms_of_private_ipv4_addresses_are_refused(address: str) -> None:
    # Issue 11.12: each of these reaches the embedded IPv4 address through a gateway.
    with pytest.raises(FetchError, match="private or local"):
        await resolve(address, 80, allow_loopback=False)
    with pytest.raises(FetchError, match="private or local"):
        await fetcher(allow_loopback=True).fetch(f"http://[{address}]/x")


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "2001:4860:4860::8888", "8.8.8.8"])
async def test_ipv6_forms_of_public_addresses_stay_allowed(address: str) -> None:
    # A host on an IPv6-only network reaches every IPv4 site through NAT64; those must still work.
    assert await resolve(address, 80, allow_loopback=False) == address


async def test_credentials_in_links_from_users_feeds_and_pages_are_never_stored_logged_or_shown(
    settings: Settings, site: str, caplog: pytest.LogCaptureFixture
) -> None:
    # The issue-11 follow-up: the credential was dropped before fetching, but still stored and shown.
    secret = site.replace("http://", "http://editor:hunter2@")
    news = await Services(settings.model_copy(update={"fetch_allow_loopback": True})).open()
    try:
        chat, poller = Commands(news), Poller(news)
        with caplog.at_level(logging.INFO):
            shown = await chat.ingesting.ingest(f"{secret}/missing")  # a failure names the link
            shown.messages += (await chat.ingesting.ingest(f"{site}/canonical-with-password.html")).messages
            shown.messages += (await chat.feeds.feed(f"add {secret}/advertises-with-password.html")).messages
            shown.messages += (await chat.feeds.feed(f"add {secret}/nothing-here")).messages
            added = await poller.add(f"{secret}/feed-with-passwords.xml")
            assert added.feed is not None, added.error
            result = await poller.poll(added.feed.id)
            shown.messages += (await chat.questions.latest("")).messages + (await chat.feeds.page()).messages
            opml = write_opml([("Wire", f"{secret}/wire.xml", None), ("Bad", f"{secret}/a b", None)])
            feeds = read_opml(opml.encode())
        assert "Could not store http://127.0.0.1:" in shown.messages[0]
        assert "/feed add http://127.0.0.1:" in " ".join(shown.messages)
        assert (result.new, result.failed) == (1, 0)
        assert feeds == [("Wire", f"{site}/wire.xml")]
        async with news.session() as session:
            stored = [(a.url, a.source) for a in await session.scalars(select(Article))]
            stored += [(f.url, f.site_url) for f in await session.scalars(select(Feed))]
        assert ("http://news.example/ferries", "news.example") in stored
        everything = " ".join(shown.messages) + repr(stored) + " ".join(r.getMessage() for r in caplog.records)
        assert "hunter2" not in everything and "editor" not in everything
    finally:
        await news.close()
