"""An HTTP server on 127.0.0.1 in a thread, for the fake web site and the fake Bot API."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up early (a long poll cut short, a fetcher refusing a page) is normal.
        pass


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """An HTTP server for the handler on 127.0.0.1, in a thread; yields its base URL."""
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def quiet_handler(serve: Callable[[BaseHTTPRequestHandler], None], methods: tuple[str, ...] = ("GET",)) -> type:
    """A request handler class that passes each request of these methods to `serve`, and logs nothing."""
    attributes: dict[str, object] = {"log_message": lambda handler, *args: None}
    for method in methods:
        attributes[f"do_{method}"] = lambda handler: serve(handler)
    return type("QuietHandler", (BaseHTTPRequestHandler,), attributes)
