"""Local delivery times: parsing "08:00 Europe/Berlin", and the occurrences around a moment."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")


def parse_time(text: str) -> tuple[int, int] | None:
    """ "8:00", "08:00", "20.30" -> (hour, minute)."""
    match = _TIME.match(text.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def zone(name: str) -> ZoneInfo | None:
    """An IANA zone ("Europe/Berlin", "UTC"), or None if there is no such zone."""
    if not re.fullmatch(r"[A-Za-z_+\-0-9]+(/[A-Za-z_+\-0-9]+)*", name.strip()):
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
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
