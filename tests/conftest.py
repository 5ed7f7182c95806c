"""Fixtures: a real database (SQLite file, and PostgreSQL when reachable), the services,
and the bot running against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from telegram.ext import Application

from bot.commands import Commands
from bot.services import Services
from bot.settings import Settings, get_settings
from tests.support.botapi import TOKEN, FakeBotAPI

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_URL = os.environ.get("NEWSBRIEF_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("NEWSBRIEF_REQUIRE_POSTGRES") == "1"
_postgres_state: dict[str, str | None] = {}


async def _reset_postgres(url: str) -> str | None:
    """Empty the test database; None if it is reachable, else why not."""
    engine = create_async_engine(url)
    try:
        async with asyncio.timeout(10), engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
        return None
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'newsbrief.db'}"
    problem = await _reset_postgres(POSTGRES_URL)
    if problem:
        message = (
            f"PostgreSQL tests skipped: no PostgreSQL at {POSTGRES_URL} ({problem}). "
            "Start it or set NEWSBRIEF_TEST_POSTGRES_URL."
        )
        if REQUIRE_POSTGRES:
            pytest.fail(message)
        pytest.skip(message)
    return POSTGRES_URL


@pytest.fixture
def settings(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings for one test; the environment too, for code that reads it (the CLI)."""
    values = {
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": "",
        "FETCH_ALLOW_LOOPBACK": "0",
        "FETCH_TIMEOUT": "3",
        "ADMIN_USER_IDS": "",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(Path(database_url.split("///")[-1]).parent if "sqlite" in database_url else os.getcwd())
    get_settings.cache_clear()
    yield Settings(_env_file=None)
    get_settings.cache_clear()


@pytest.fixture
def news_overrides() -> dict[str, object]:
    """Settings a test module changes for its core (a module that serves its own sites on
    127.0.0.1 allows loopback fetches); override this fixture in the module."""
    return {}


@pytest.fixture
async def news(settings: Settings, news_overrides: dict[str, object]) -> AsyncIterator[Services]:
    core = await Services(settings.model_copy(update=news_overrides)).open()
    yield core
    await core.close()


@pytest.fixture
async def core(news_overrides: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Commands]:
    """The chat commands over an in-memory SQLite store: for core tests that need no PostgreSQL parity."""
    for key in ("DATABASE_URL", "TELEGRAM_BOT_TOKEN", "ADMIN_USER_IDS"):
        monkeypatch.delenv(key, raising=False)
    memory = Settings(_env_file=None, **{"database_url": "sqlite+aiosqlite://", "fetch_timeout": 3, **news_overrides})
    services = await Services(memory).open()
    yield Commands(services)
    await services.close()


@pytest.fixture
def fake_api() -> Iterator[FakeBotAPI]:
    api = FakeBotAPI().start()
    yield api
    api.stop()
    # A call real Telegram refuses for its form (an unknown method, a missing parameter) is a bug in the bot.
    assert not api.mistakes, api.mistakes


@asynccontextmanager
async def running_app(settings: Settings, fake_api: FakeBotAPI, **overrides: object) -> AsyncIterator[Application]:
    """The real Application, polling the fake Bot API (tests reach its core through
    `app.bot_data.commands`, e.g. to run a brief tick at a set time)."""
    from handlers.app import build_application

    overrides = {
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": fake_api.base_url,
        "telegram_api_base_file_url": fake_api.base_file_url,
        **overrides,
    }
    settings = settings.model_copy(update=overrides)
    app = build_application(settings, Services(settings))
    # What Application.run_polling does, minus signal handling and the blocking loop.
    await app.initialize()
    await app.post_init(app)
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)


@asynccontextmanager
async def running_bot(settings: Settings, fake_api: FakeBotAPI, **overrides: object) -> AsyncIterator[FakeBotAPI]:
    """The bot running against the fake Bot API; yields the fake API to talk through."""
    async with running_app(settings, fake_api, **overrides):
        yield fake_api


@pytest.fixture
async def telegram(settings: Settings, fake_api: FakeBotAPI) -> AsyncIterator[Application]:
    """The running Application (the `bot` fixture talks to it through the fake Bot API)."""
    async with running_app(settings, fake_api) as app:
        yield app


@pytest.fixture
def bot(telegram: Application, fake_api: FakeBotAPI) -> FakeBotAPI:
    return fake_api


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")
