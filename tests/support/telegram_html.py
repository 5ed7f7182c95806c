"""Telegram's HTML parse mode as Telegram enforces it: the tags it accepts, escaping, and 4096 characters."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
# The tags Telegram's HTML parse mode accepts.
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}


class TelegramHTMLError(ValueError):
    pass


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in ALLOWED_TAGS:
            raise TelegramHTMLError(f'Unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            raise TelegramHTMLError(f'Unexpected end tag "{tag}"')

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            raise TelegramHTMLError(f"Unsupported entity &{name};")


def check_telegram_html(text: str) -> None:
    """Raise like Telegram does for text it cannot parse in HTML mode."""
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise TelegramHTMLError(f'Can\'t find end tag corresponding to start tag "{checker.stack[-1]}"')
    # A bare "<" or "&" that is not markup is rejected by Telegram as well.
    stripped = text
    for tag in ALLOWED_TAGS:
        stripped = stripped.replace(f"</{tag}>", "")
    stripped = re.sub(r"<(" + "|".join(map(re.escape, ALLOWED_TAGS)) + r")(\s[^>]*)?>", "", stripped)
    if "<" in stripped or ">" in stripped:
        raise TelegramHTMLError("Unexpected < or > in text")
    if re.search(r"&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", stripped):
        raise TelegramHTMLError("Unescaped & in text")


def assert_sendable(message: str) -> None:
    """Fail unless Telegram would accept this as one HTML message: not empty, valid, ≤ 4096 characters."""
    assert message.strip(), "an empty message"
    assert len(message) <= MESSAGE_LIMIT, f"{len(message)} characters"
    check_telegram_html(message)


def as_read(messages: list[str]) -> str:
    """A reply as a reader sees it: every message checked as sendable Telegram HTML, then shown
    as plain text."""
    for message in messages:
        assert_sendable(message)
    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(messages)))
