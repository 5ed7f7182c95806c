"""Bad settings are refused at start in one line naming the setting and what it may be."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.settings import Settings
from bot.settings import shown as shown_value
from storage.db import make_engine

NEWSBRIEF = Path(sys.executable).with_name("newsbrief")


@pytest.mark.parametrize(
    ("setting", "allowed"),
    [
        ("DEFAULT_TIMEZONE=Mars/Olympus", "an IANA time zone"),
        ("BRIEF_TIME=25:99", "HH:MM from 00:00 to 23:59"),
        ("BRIEF_STORIES=-3", "greater than or equal to 1"),
        ("LOG_LEVEL=LOUD", "DEBUG or INFO or WARNING or ERROR"),
        ("ADMIN_USER_IDS=abc", "Telegram user ids (numbers)"),
        ("SPACY_MODEL=missing_model", "an installed spaCy model package"),
        ("FETCH_MAX_BYTES=-1", "greater than or equal to 10000"),
        ("DATABASE_URL=mysql://db/news", "postgresql://USER@HOST:PORT/DATABASE"),
        ("DATABASE_URL=postgresql://db:5432x/news", "a port from 1 to 65535"),
        ("DATABASE_URL=postgresql://db/news?connect_timeout=5", "parameters are among sslmode"),
        ("DATABASE_URL=postgresql://db/news?sslmode=sometimes", "sslmode one of disable, allow, prefer, require"),
        ("HEALTH_LISTEN=notanip", "an IP address"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(tmp_path: Path, setting: str, allowed: str) -> None:
    name, _, value = setting.partition("=")
    done = newsbrief_ask(tmp_path, {name: value})
    assert done.returncode == 2
    assert done.stderr.strip() == f"Setting {name}={value} is not valid: {done.stderr.split(': ', 1)[1].strip()}"
    assert allowed in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_postgresql_urls_as_every_tool_writes_them_are_accepted(scheme: str) -> None:
    settings = Settings(_env_file=None, database_url=f"{scheme}://postgres@127.0.0.1:5432/test")
    assert settings.database_url == "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def test_good_settings_are_normalised() -> None:
    settings = Settings(_env_file=None, default_timezone="europe/berlin", brief_time="7:30", log_level="debug")
    assert (settings.default_timezone, settings.brief_time, settings.log_level) == ("Europe/Berlin", "07:30", "DEBUG")


def newsbrief_ask(tmp_path: Path, settings: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", **settings}
    command = [str(NEWSBRIEF), "ask", "/latest"]
    return subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("setting", "value", "shown"),
    [
        ("DATABASE_URL", "mysql://root:hunter2@db/x", "mysql://root:***@db/x"),
        ("DATABASE_URL", "postgresql://root:p@ss:w0rd@db:99999/x", "postgresql://root:***@db:99999/x"),
        ("TELEGRAM_BOT_TOKEN", "hunter2", None),  # a bad token is never refused for its form: not echoed either
    ],
)
def test_a_refused_setting_never_echoes_a_password(tmp_path: Path, setting: str, value: str, shown: str | None) -> None:
    done = newsbrief_ask(tmp_path, {setting: value, "BRIEF_TIME": "07:00"})
    assert "hunter2" not in done.stderr and "w0rd" not in done.stderr
    if shown is not None:
        assert done.returncode == 2 and done.stderr.startswith(f"Setting {setting}={shown} is not valid:"), done.stderr
    assert shown_value("TELEGRAM_BOT_TOKEN", "123:secret") == "(hidden)"
    assert shown_value("WEBHOOK_SECRET", "secret") == "(hidden)"


def test_libpq_url_parameters_are_translated_for_asyncpg() -> None:
    url = "postgresql://u:pw@db:5432/news?sslmode=verify-full&application_name=newsbrief-bot"
    settings = Settings(_env_file=None, database_url=url)
    assert (
        settings.database_url == "postgresql+asyncpg://u:pw@db:5432/news?ssl=verify-full&application_name=newsbrief-bot"
    )


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_postgresql_url_with_sslmode_and_application_name_connects(database_url: str) -> None:
    url = f"{database_url}?sslmode=disable&application_name=newsbrief-test"
    settings = Settings(_env_file=None, database_url=url)
    engine = make_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            name = await connection.scalar(text("SELECT current_setting('application_name')"))
        assert name == "newsbrief-test"
    finally:
        await engine.dispose()
