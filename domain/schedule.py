"""Local delivery times: parsing "08:00 Europe/Berlin", and the occurrences around a moment."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.h]([0-5][0-9])$")


def parse_time(text: str) -> tuple[int, int] | None:
    """ "8:00", "08:00", "20.30" -> (hour, minute)."""
    match = _TIME.match(text.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


@cache
def _zone_names() -> dict[str, str]:
    """Every IANA key, by its lower case (listing them walks the zone files: once is enough)."""
    return {name.lower(): name for name in available_timezones()}


def zone(name: str) -> ZoneInfo | None:
    """An IANA zone ("Europe/Berlin", "europe/berlin", "UTC"), or None if there is no such zone.
    Only listed keys are opened: ZoneInfo("Europe") reads a directory (IsADirectoryError), and a
    name of 300 letters is too long for a file name."""
    key = _zone_names().get(name.strip().lower())
    if key is None:
        return None
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _at(day: datetime, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    return datetime.combine(day.date(), time(hour, minute), tzinfo=tz).astimezone(UTC)


def last_occurrence(now: datetime, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    """The latest local hour:minute at or before now, in UTC."""
    local = now.astimezone(tz)
    today = _at(local, hour, minute, tz)
    return today if today <= now else _at(local - timedelta(days=1), hour, minute, tz)


def next_occurrence(now: datetime, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    local = now.astimezone(tz)
    today = _at(local, hour, minute, tz)
    return today if today > now else _at(local + timedelta(days=1), hour, minute, tz)


def local_day(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d")
