"""Bad settings are refused at start in one line naming the setting and what it may be."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings

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
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(tmp_path: Path, setting: str, allowed: str) -> None:
    name, _, value = setting.partition("=")
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", name: value}
    done = subprocess.run(
        [str(NEWSBRIEF), "ask", "/latest"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
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
