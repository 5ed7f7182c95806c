"""Telegram HTML: escaping, links, splitting under 4096 characters, and a plain-text form."""

from __future__ import annotations

import html
import re

LIMIT = 4096


def esc(text: object) -> str:
    """Article or user text made safe inside Telegram HTML."""
    return html.escape(str(text), quote=False)


def link(label: str, url: str | None) -> str:
    if not url or not url.startswith(("http://", "https://")):
        return esc(label)
    return f'<a href="{html.escape(url, quote=True)}">{esc(label)}</a>'


def bold(text: str) -> str:
    return f"<b>{esc(text)}</b>"


def italic(text: str) -> str:
    return f"<i>{esc(text)}</i>"


def _split_long_block(block: str, limit: int) -> list[str]:
    """A block longer than a message: cut at spaces where possible, never inside a tag or
    an entity (the block is reduced to text, then each piece is escaped on its own)."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in to_plain(block):
        escaped = esc(char)
        if size + len(escaped) > limit:
            text = "".join(current)
            cut = text.rfind(" ")
            head, tail = (text[:cut], text[cut + 1 :]) if cut > 0 else (text, "")
            pieces.append(esc(head))
            current, size = list(tail), len(esc(tail))
        current.append(char)
        size += len(escaped)
    if current:
        pieces.append(esc("".join(current)))
    return [p for p in pieces if p.strip()]


def paginate(blocks: list[str], limit: int = LIMIT) -> list[str]:
    """Messages of at most `limit` characters, split between blocks (lines or paragraphs)."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        parts = [block] if len(block) <= limit else _split_long_block(block, limit)
        for part in parts:
            candidate = f"{current}\n{part}" if current else part
            if len(candidate) > limit:
                messages.append(current)
                current = part
            else:
                current = candidate
    if current:
        messages.append(current)
    return messages or [""]


_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
_TAG = re.compile(r"</?[a-z][^>]*>")


def to_plain(message: str) -> str:
    """The message as terminal text: tags stripped, links as `text (url)`."""

    def _link(match: re.Match[str]) -> str:
        url, label = html.unescape(match.group(1)), match.group(2)
        return f"{label} ({url})" if url != html.unescape(_TAG.sub("", label)) else label

    return html.unescape(_TAG.sub("", _LINK.sub(_link, message)))
