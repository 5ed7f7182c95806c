"""Fetching a user's URL safely: public addresses only, checked after DNS on every hop."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from bot.settings import Settings

USER_AGENT = "newsbrief/0.1 (news reader bot; +https://github.com/newsbrief)"
ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "application/rss+xml",
    "application/atom+xml",
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


def _allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address, allow_private: bool) -> bool:
    if _public(address):
        return True
    # Tests serve pages on 127.0.0.1; nothing else ever needs a non-public address.
    return allow_private and (address.is_private or address.is_loopback) and not address.is_multicast


async def resolve(host: str, port: int, allow_private: bool) -> str:
    """One address for host, refusing the host if any of its addresses is not allowed."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot find the host {host}") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise FetchError(f"cannot find the host {host}")
    for address in addresses:
        if not _allowed(address, allow_private):
            raise FetchError(f"refusing to fetch {host}: it is a private or local address")
    return str(addresses[0])


class Fetcher:
    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
    ) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects

    @classmethod
    def from_settings(cls, settings: Settings) -> Fetcher:
        return cls(
            allow_private=settings.fetch_allow_private,
            timeout=settings.fetch_timeout,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
        )

    async def fetch(self, url: str) -> Fetched:
        try:
            async with asyncio.timeout(self.timeout):
                return await self._fetch(url)
        except TimeoutError as exc:
            raise FetchError(f"the site took longer than {self.timeout:g} s to answer") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"could not fetch the page ({type(exc).__name__})") from exc

    async def _fetch(self, url: str) -> Fetched:
        timeout = httpx.Timeout(self.timeout, connect=min(self.timeout, 5.0))
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            for _ in range(self.max_redirects + 1):
                parts = urlsplit(url)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    raise FetchError("only http and https links can be fetched")
                port = parts.port or (443 if parts.scheme == "https" else 80)
                address = await resolve(parts.hostname, port, self.allow_private)
                # Connect to the address just checked, so DNS cannot change between check and use.
                host_in_url = f"[{address}]" if ":" in address else address
                pinned = parts._replace(netloc=f"{host_in_url}:{port}").geturl()
                request = client.build_request(
                    "GET",
                    pinned,
                    headers={"Host": parts.netloc, "User-Agent": USER_AGENT, "Accept": ", ".join(ACCEPTED_TYPES)},
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
        return Fetched(url=url, content_type=content_type, body=bytes(body))
