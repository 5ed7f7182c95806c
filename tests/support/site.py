"""One configurable fake web site on 127.0.0.1: routes to pages, feeds, redirects, slow and huge answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from tests.support.serving import quiet_handler, serving

RSS = "application/rss+xml"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Request:
    """A request as the site received it."""

    path: str  # with its query string
    headers: dict[str, str]
    base: str  # the site's own base URL, http://127.0.0.1:PORT

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers.items() if key.lower() == name.lower()), None)


@dataclass(frozen=True)
class Page:
    """What a route answers. `chunk` × `repeat` is streamed after the body without a Content-Length."""

    body: bytes = b""
    status: int = 200
    content_type: str = HTML
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunk: bytes = b""
    repeat: int = 0


def redirect(location: str, status: int = 302) -> Page:
    return Page(status=status, content_type="text/plain", headers={"Location": location})


def fill(path: Path, base: str) -> bytes:
    """A fixture file whose links say BASE, pointing at this site."""
    return path.read_bytes().replace(b"BASE", base.encode())


NOT_FOUND = Page(b"not found", status=404, content_type="text/plain")
Route = Page | Callable[[Request], Page]


class FakeSite:
    """Routes (path without query → a Page, or a function of the request to one); it records every
    request and the most it served at once."""

    def __init__(self, routes: Mapping[str, Route], fallback: Callable[[Request], Page] | None = None) -> None:
        self.routes = dict(routes)
        self.fallback = fallback or (lambda request: NOT_FOUND)
        self.requests: list[Request] = []
        self.most_at_once = 0
        self._in_flight = 0
        self._lock = threading.Lock()

    @contextmanager
    def serving(self) -> Iterator[str]:
        """Serve the site; yields its base URL."""
        with serving(quiet_handler(self._serve)) as url:
            yield url

    def answer(self, request: Request) -> Page:
        route = self.routes.get(request.path.split("?", 1)[0])
        if route is None:
            return self.fallback(request)
        return route if isinstance(route, Page) else route(request)

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        base = f"http://127.0.0.1:{handler.server.server_port}"
        request = Request(handler.path, dict(handler.headers.items()), base)
        with self._lock:
            self.requests.append(request)
            self._in_flight += 1
            self.most_at_once = max(self.most_at_once, self._in_flight)
        try:
            page = self.answer(request)
            time.sleep(page.delay)
            _write(handler, page)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client refused the answer from its headers, or stopped reading at its cap
        finally:
            with self._lock:
                self._in_flight -= 1


def _write(handler: BaseHTTPRequestHandler, page: Page) -> None:
    handler.send_response(page.status)
    handler.send_header("Content-Type", page.content_type)
    if not page.repeat:
        handler.send_header("Content-Length", str(len(page.body)))
    for name, value in page.headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(page.body)
    for _ in range(page.repeat):
        handler.wfile.write(page.chunk)


def served(site: FakeSite) -> Any:
    """A module fixture serving the site while the module's tests run; it gives the base URL."""

    @pytest.fixture(scope="module")
    def base_url() -> Iterator[str]:
        with site.serving() as url:
            yield url

    return base_url
