"""GET /healthz and GET /metrics on HEALTH_PORT: a port of their own, in polling and webhook mode.

Served by tornado (python-telegram-bot's webhook server, so no new web framework) on the bot's
own event loop: a health check that answers proves the loop is not stuck."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

from bot.services import Services
from storage.health import database_answers

log = logging.getLogger(__name__)


class Healthz(RequestHandler):
    """200 "ok" when the database answers, else 503: what a container's healthcheck asks."""

    def initialize(self, check: Callable[[], Awaitable[bool]]) -> None:
        self.check = check

    async def get(self) -> None:
        healthy = await self.check()
        self.set_status(200 if healthy else 503)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish("ok\n" if healthy else "database unreachable\n")


class Metrics(RequestHandler):
    """Prometheus' text format, from the process's default registry (bot/metrics.py)."""

    def get(self) -> None:
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.finish(generate_latest())


class HealthServer:
    """Started in the application's post_init, stopped in its post_shutdown; port 0 is off."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.server: HTTPServer | None = None

    async def start(self, port: int, listen: str) -> None:
        if not port:
            return
        app = Application(
            [("/healthz", Healthz, {"check": self.check}), ("/metrics", Metrics)],
            # A probe every few seconds is no news: tornado would log each request at INFO.
            log_function=lambda handler: None,
        )
        server = HTTPServer(app)
        try:
            server.listen(port, listen)
        except OSError as exc:  # the port is taken: the bot still answers chats, its probe says why not healthy
            log.error("no /healthz or /metrics: cannot listen on %s:%d (%s)", listen, port, exc.strerror or exc)
            return
        self.server = server
        log.info("health and metrics on http://%s:%d/healthz and /metrics", listen, port)

    async def check(self) -> bool:
        return await database_answers(self.services.engine)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            await self.server.close_all_connections()
            self.server = None
