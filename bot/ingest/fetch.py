"""Fetching a user's URL safely: public addresses only, checked after DNS on every hop."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from bot.settings import Settings

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


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
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
        raise FetchError(f"cannot find the host {host}") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise FetchError(f"cannot find the host {host}")
    for address in addresses:
        if not _allowed(address, allow_loopback):
            raise FetchError(f"refusing to fetch {host}: it is a private or local address")
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
            raise FetchError(f"the site took longer than {self.timeout:g} s to answer") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"could not fetch the page ({type(exc).__name__})") from exc

    async def _fetch(self, url: str, extra_headers: dict[str, str]) -> Fetched:
        timeout = httpx.Timeout(self.timeout, connect=min(self.timeout, 5.0))
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            for _ in range(self.max_redirects + 1):
                parts = urlsplit(url)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    raise FetchError("only http and https links can be fetched")
                port = parts.port or (443 if parts.scheme == "https" else 80)
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
            raise FetchError(f"too many redirects (more than {self.max_redirects})")

    async def _read(self, url: str, response: httpx.Response) -> Fetched:
        headers = {name.lower(): value for name, value in response.headers.items()}
        if response.status_code == 304:
            return Fetched(url=url, content_type="", body=b"", status=304, headers=headers)
        if response.status_code >= 400:
            raise FetchError(f"the site answered {response.status_code} {response.reason_phrase}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and not content_type.startswith(ACCEPTED_TYPES):
            raise FetchError(f"this link is not an article or a feed ({content_type})")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"the page is larger than {self.max_bytes // 1_000_000} MB")
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body.extend(chunk)
            if len(body) > self.max_bytes:
                raise FetchError(f"the page is larger than {self.max_bytes // 1_000_000} MB")
        return Fetched(url, content_type, bytes(body), status=response.status_code, headers=headers)
