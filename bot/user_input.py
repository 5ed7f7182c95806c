"""What users type, read safely: the command and its argument, numbers and ids, links."""

from __future__ import annotations

import re

from domain.text import without_controls

URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+", re.IGNORECASE)  # control characters end a link
ENTITY_ID = re.compile(r"^#([0-9]+)$")
# ASCII digits only: str.isdigit() accepts "²", which int() refuses. Ids are PostgreSQL integers,
# so a larger number names nothing (and would overflow the bind on PostgreSQL and SQLite alike).
_NUMBER = re.compile(r"[0-9]{1,30}")
# The argument starts after the first space or line break: "/ingest\nText…" is text to store.
_COMMAND = re.compile(r"\s*/(\S*)\s*(.*)", re.DOTALL)
MAX_ID = 2**31 - 1


def split_command(text: str) -> tuple[str, str]:
    """("/who@mybot Lavrov") -> ("who", "Lavrov")."""
    match = _COMMAND.fullmatch(text)
    if match is None:
        return "", text.strip()
    return match.group(1).split("@", 1)[0].lower(), match.group(2).strip()


def user_number(text: str) -> int | None:
    """A count or an id as typed ("12", "007"), or None when it is not ASCII digits."""
    text = text.strip()
    return int(text) if _NUMBER.fullmatch(text) else None


def is_id(number: int | None) -> bool:
    """Whether a row could have this id (a bound check before any lookup)."""
    return number is not None and 1 <= number <= MAX_ID


def clean_input(text: str) -> str:
    """User text without characters no store keeps (NUL, other control characters, lone surrogates)."""
    return without_controls(text, lines=True)
