"""Fetching a user's URL safely: public addresses only, checked after DNS on every hop."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit

import certifi
import httpx

from bot.i18n import _
from bot.settings import Settings
from domain.text import without_userinfo

USER_AGENT = "newsbrief/0.1 (news reader bot; +https://github.com/newsbrief)"
ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/x-rss+xml",
    "application/x-atom+xml",
    "application/xml",
    "text/xml",
    "text/plain",
    "application/json",
    "application/x-ndjson",
    "application/rdf+xml",
)
# One layer of these is decoded; anything else (stacked layers, br, zstd, compress) is refused, as a
# second layer only serves to hide a decompression bomb. Servers are asked for these only.
ACCEPT_ENCODING = "gzip, deflate"
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


class FetchError(Exception):
    """A URL that cannot or may not be fetched; the message is fit to show a user."""


@dataclass
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes
    status: int = 200  # 304: not modified since the validators sent (body empty)
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str | None:
        if "html" in self.content_type:
            return "html"
        if "xml" in self.content_type:
            return "feed"
        if "json" in self.content_type:
            return "jsonl"
        return None


# IPv6 forms that carry an IPv4 address in their last 32 bits: IPv4-compatible (::a.b.c.d), IPv4-mapped
# (::ffff:a.b.c.d), SIIT-translated (::ffff:0:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d). A gateway turns
# them into the IPv4 address, so that address is the one to judge.
_V4_IN_LAST_32_BITS = tuple(
    ipaddress.IPv6Network(net) for net in ("::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96")
)
# NAT64 for local use (RFC 8215): where the IPv4 address sits depends on the operator, so refuse all.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.sixtofour:
        return address.sixtofour
    if any(address in network for network in _V4_IN_LAST_32_BITS):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        # Teredo tunnels to whatever its client field says; no news site needs it.
        if address.teredo or address in _LOCAL_NAT64:
            return False
        address = _embedded_ipv4(address) or address
    return address.is_global and not address.is_multicast


def _allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address, allow_loopback: bool) -> bool:
    if _public(address):
        return True
    # Tests serve pages on 127.0.0.1; even then, private networks (10/8, 192.168/16, link-local
    # cloud metadata) stay refused, so a redirect there is caught in the tests too.
    return allow_loopback and address.is_loopback


async def resolve(host: str, port: int, allow_loopback: bool) -> str:
    """One address for host, refusing the host if any of its addresses is not allowed."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(_("cannot find the host {host}").format(host=host)) from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise FetchError(_("cannot find the host {host}").format(host=host))
    for address in addresses:
        if not _allowed(address, allow_loopback):
            raise FetchError(_("refusing to fetch {host}: it is a private or local address").format(host=host))
    return str(addresses[0])


class Fetcher:
    def __init__(
        self,
        *,
        allow_loopback: bool = False,
        timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
        per_host: int = 2,
    ) -> None:
        self.allow_loopback = allow_loopback
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        # Politeness: at most `per_host` requests in flight to one host, whoever asks.
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))
        # Loading the CA bundle costs ~70 ms of CPU on the event loop: once per fetcher, not per fetch.
        self._tls: ssl.SSLContext | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Fetcher:
        return cls(
            allow_loopback=settings.fetch_allow_loopback,
            timeout=settings.fetch_timeout,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            per_host=settings.fetch_per_host,
        )

    async def fetch(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """The document at url; headers are sent too (conditional GET validators)."""
        host = (urlsplit(url).hostname or "").lower()
        try:
            # Waiting for a turn at a busy host is politeness, not the site being slow: the
            # time limit starts once the request may go.
            async with self._hosts[host], asyncio.timeout(self.timeout):
                return await self._fetch(url, headers or {})
        except TimeoutError as exc:
            raise FetchError(
                _("the site took longer than {seconds} s to answer").format(seconds=f"{self.timeout:g}")
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(_("could not fetch the page ({error})").format(error=type(exc).__name__)) from exc

    async def _fetch(self, url: str, extra_headers: dict[str, str]) -> Fetched:
        timeout = httpx.Timeout(self.timeout, connect=min(self.timeout, 5.0))
        if self._tls is None:
            self._tls = ssl.create_default_context(cafile=certifi.where())
        client = httpx.AsyncClient(timeout=timeout, follow_redirects=False, trust_env=False, verify=self._tls)
        async with client:
            for _hop in range(self.max_redirects + 1):
                url = without_userinfo(url)  # never sent in the Host header, nor returned to be stored
                parts = urlsplit(url)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    raise FetchError(_("only http and https links can be fetched"))
                port = _port(parts)
                address = await resolve(parts.hostname, port, self.allow_loopback)
                # Connect to the address just checked, so DNS cannot change between check and use.
                host_in_url = f"[{address}]" if ":" in address else address
                pinned = parts._replace(netloc=f"{host_in_url}:{port}").geturl()
                request = client.build_request(
                    "GET",
                    pinned,
                    headers={
                        **extra_headers,
                        "Host": parts.netloc,
                        "User-Agent": USER_AGENT,
                        "Accept": ", ".join(ACCEPTED_TYPES),
                        "Accept-Encoding": ACCEPT_ENCODING,
                    },
                    extensions={"sni_hostname": parts.hostname},
                )
                response = await client.send(request, stream=True)
                try:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return await self._read(url, response)
                finally:
                    await response.aclose()
            raise FetchError(_("too many redirects (more than {most})").format(most=self.max_redirects))

    async def _read(self, url: str, response: httpx.Response) -> Fetched:
        headers = {name.lower(): value for name, value in response.headers.items()}
        if response.status_code == 304:
            return Fetched(url=url, content_type="", body=b"", status=304, headers=headers)
        if response.status_code >= 400:
            raise FetchError(
                _("the site answered {status}").format(status=f"{response.status_code} {response.reason_phrase}")
            )
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and not content_type.startswith(ACCEPTED_TYPES):
            raise FetchError(_("this link is not an article or a feed ({type})").format(type=content_type))
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large()
        decoder = _decoder(response.headers.get("content-encoding", ""), self.max_bytes)
        body, received = bytearray(), 0
        # Raw bytes, decoded here: httpx would inflate a whole network chunk at once, however large.
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if decoder is None:
                body.extend(chunk)
            else:
                decoder.feed(chunk, body)
            if received > self.max_bytes or len(body) > self.max_bytes:
                raise self._too_large()
        if decoder is not None:
            decoder.finish(body)
            if len(body) > self.max_bytes:
                raise self._too_large()
        return Fetched(url, content_type, bytes(body), status=response.status_code, headers=headers)

    def _too_large(self) -> FetchError:
        return FetchError(_("the page is larger than {size} MB").format(size=self.max_bytes // 1_000_000))


def _port(parts: SplitResult) -> int:
    try:
        return parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:  # urlsplit checks the port only when asked for it
        raise FetchError(_("that link's port is not a number from 0 to 65535")) from exc


class _Inflater:
    """One layer of gzip or deflate, inflated a bounded step at a time into the body.

    zlib's max_length stops each step at the room left, so a bomb is refused at the size cap
    instead of being expanded in memory first.
    """

    def __init__(self, coding: str, limit: int) -> None:
        self._coding = coding
        self._zlib = zlib.decompressobj(_WBITS[coding])
        self._limit = limit
        self._started = False

    def feed(self, data: bytes, body: bytearray) -> None:
        while data:
            try:
                body.extend(self._zlib.decompress(data, self._limit - len(body) + 1))
            except zlib.error as exc:
                if self._coding == "deflate" and not self._started:
                    # Some servers send raw deflate without the zlib header the standard asks for.
                    self._coding, self._zlib = "raw deflate", zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError(_("the page's {coding} data is damaged").format(coding=self._coding)) from exc
            self._started = True
            if len(body) > self._limit:
                return  # the caller refuses it
            data = self._zlib.unconsumed_tail

    def finish(self, body: bytearray) -> None:
        # All input is consumed, so what zlib still holds is at most its window, not a bomb.
        body.extend(self._zlib.flush())


def _decoder(content_encoding: str, limit: int) -> _Inflater | None:
    codings = [c for c in (part.strip().lower() for part in content_encoding.split(",")) if c not in ("", "identity")]
    if not codings:
        return None
    if len(codings) > 1:
        layers = ", ".join(codings)[:60]
        raise FetchError(
            _("the site sent the page compressed {count} times ({layers}); refusing it").format(
                count=len(codings), layers=layers
            )
        )
    if codings[0] not in _WBITS:
        raise FetchError(
            _("the site sent the page in an encoding newsbrief cannot read ({coding})").format(coding=codings[0][:30])
        )
    return _Inflater(codings[0], limit)
