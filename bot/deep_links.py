"""Telegram deep links (`t.me/<bot>?start=<payload>`): a command and its argument packed into the
64 characters of A-Z a-z 0-9 _ - that Telegram allows in a payload, and unpacked again."""

from __future__ import annotations

import base64
import binascii
import re

from bot.user_input import clean_input

LINKED = ("who", "status", "summarize")  # the commands a link may run
MAX_PAYLOAD = 64
# Readable in the link as it is: ASCII letters, digits, hyphens, spaces (written "_").
_PLAIN = re.compile(r"[A-Za-z0-9 -]+")
# The command, then "_" and the argument as written, or "-" and the argument's UTF-8 in base64url.
_PAYLOAD = re.compile(r"([a-z]+)([_-])([A-Za-z0-9_-]+)")


def encode(command: str, arg: str) -> str | None:
    """`who_Sergei_Lavrov`; `who-0JfQtdC70LXQvdGB0LrQuNC5` for a name that is not plain ASCII
    (or has "_" in it); None when the command takes no links or the payload would not fit."""
    if command not in LINKED or not arg.strip():
        return None
    if _PLAIN.fullmatch(arg):
        payload = f"{command}_{arg.replace(' ', '_')}"
    else:
        packed = base64.urlsafe_b64encode(arg.encode("utf-8")).rstrip(b"=").decode("ascii")
        payload = f"{command}-{packed}"
    return payload if len(payload) <= MAX_PAYLOAD else None


def decode(payload: str) -> tuple[str, str] | None:
    """(command, argument) from a payload `encode` made, or None for one it cannot have made."""
    match = _PAYLOAD.fullmatch(payload.strip())
    if match is None or match.group(1) not in LINKED or len(payload.strip()) > MAX_PAYLOAD:
        return None
    command, kind, body = match.groups()
    if kind == "_":
        arg = body.replace("_", " ")
    else:
        try:
            arg = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return None
    # A hand-made link may carry anything base64 can: the argument is user input like any other.
    arg = clean_input(arg)
    return (command, arg) if arg.strip() else None


def share_url(bot_username: str, command: str, arg: str) -> str | None:
    """The link that opens a chat with the bot and runs `/command arg` there (None: it cannot)."""
    payload = encode(command, arg)
    return f"https://t.me/{bot_username}?start={payload}" if payload and bot_username else None
