"""GET /healthz and GET /metrics on HEALTH_PORT, as a container's healthcheck and Prometheus see them."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.commands import Commands
from bot.health import HealthServer
from bot.reply import CONSOLE
from bot.services import Services
from bot.settings import Settings
from tests.conftest import running_app
from tests.support.botapi import FakeBotAPI

METRICS = (
    "newsbrief_updates_total",
    "newsbrief_update_seconds",
    "newsbrief_replies_total",
    "newsbrief_ingested_articles_total",
    "newsbrief_ingest_seconds",
    "newsbrief_feed_polls_total",
    "newsbrief_briefs_total",
    "newsbrief_telegram_retry_after_total",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sample(text: str, name: str, **labels: str) -> float:
    """One sample's value in Prometheus' text format (0 when it is not there yet)."""
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and found.labels == labels:
                return found.value
    return 0.0


def moved(before: str, after: str, name: str, **labels: str) -> float:
    """How much a sample grew between two scrapes."""
    return sample(after, name, **labels) - sample(before, name, **labels)


async def get(port: int, path: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=10) as client:
        return await client.get(f"http://127.0.0.1:{port}{path}")


@pytest.fixture
async def health(news: Services) -> AsyncIterator[int]:
    """The health server over the test's real database (SQLite file, PostgreSQL); yields its port."""
    server = HealthServer(news)
    port = free_port()
    await server.start(port, "127.0.0.1")
    yield port
    await server.stop()


async def test_healthz_is_ok_when_the_database_answers(health: int) -> None:
    response = await get(health, "/healthz")
    assert (response.status_code, response.text) == (200, "ok\n")


async def test_metrics_name_every_counter_and_count_replies(health: int, news: Services) -> None:
    before = (await get(health, "/metrics")).text
    for name in METRICS:
        assert f"# TYPE {name.removesuffix('_total')}" in before, name

    commands = Commands(news)
    await commands.handle("/help", caller=CONSOLE)
    stored = await commands.handle(
        "/ingest Harbour reopens in Tallinn\n\nThe harbour of Tallinn reopened on Monday after ten days of repairs, "
        "the port authority said.",
        caller=CONSOLE,
    )
    assert "Stored" in stored.messages[0]

    response = await get(health, "/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text
    assert moved(before, after, "newsbrief_replies_total", command="help") == 1
    assert moved(before, after, "newsbrief_replies_total", command="ingest") == 1
    assert moved(before, after, "newsbrief_ingested_articles_total", outcome="new") == 1
    assert moved(before, after, "newsbrief_ingest_seconds_count") == 1


async def test_healthz_is_503_when_the_database_is_away(settings: Settings) -> None:
    nowhere = settings.model_copy(update={"database_url": f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/x"})
    services = Services(nowhere)
    server = HealthServer(services)
    port = free_port()
    await server.start(port, "127.0.0.1")
    try:
        response = await get(port, "/healthz")
    finally:
        await server.stop()
        await services.engine.dispose()
    assert response.status_code == 503
    assert "database" in response.text


async def test_off_by_default(settings: Settings) -> None:
    assert settings.health_port == 0
    server = HealthServer(Services(settings))
    await server.start(settings.health_port, "127.0.0.1")
    assert server.server is None


async def test_a_taken_port_is_one_error_line_not_a_crash(
    health: int, news: Services, caplog: pytest.LogCaptureFixture
) -> None:
    second = HealthServer(news)
    await second.start(health, "127.0.0.1")
    assert second.server is None
    assert f"cannot listen on 127.0.0.1:{health}" in caplog.text
    assert (await get(health, "/healthz")).status_code == 200  # the first one serves on


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_running_bot_serves_health_and_counts_updates(settings: Settings, fake_api: FakeBotAPI) -> None:
    port = free_port()
    async with running_app(settings, fake_api, health_port=port, health_listen="127.0.0.1"):
        assert (await get(port, "/healthz")).status_code == 200
        before = (await get(port, "/metrics")).text
        fake_api.storm = 1  # Telegram answers the next message 429: the rate limiter waits and sends it again
        (reply,) = await fake_api.ask("/help")
        assert "/who" in reply
        (reply,) = await fake_api.ask("hello there")
        after = (await get(port, "/metrics")).text
    assert moved(before, after, "newsbrief_updates_total", kind="/help", chat_type="private") == 1
    assert moved(before, after, "newsbrief_updates_total", kind="text", chat_type="private") == 1
    assert moved(before, after, "newsbrief_replies_total", command="help") == 1
    assert moved(before, after, "newsbrief_update_seconds_count") == 2
    assert moved(before, after, "newsbrief_telegram_retry_after_total") == 1 == fake_api.too_many
    # Stopped with the bot: the port is free again.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))
