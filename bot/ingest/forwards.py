"""A post forwarded to the bot, as an article: the channel (or sender) as source, the post's link as URL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.ingest.sources import RawArticle, from_text
from bot.user_input import URL

# Telegram's ids of channels and supergroups are -100 followed by the id its t.me/c/ links use.
_CHANNEL_ID_BASE = -1_000_000_000_000


@dataclass(frozen=True)
class Forwarded:
    """What Telegram tells of a forwarded message, in plain types (the handler fills it)."""

    text: str  # the message's text, or its caption
    date: datetime  # when the original was sent
    source: str  # the channel's title, or the name Telegram shows as "Forwarded from"
    username: str | None = None  # a public channel's @username, without the @
    chat_id: int | None = None  # the channel's id
    message_id: int | None = None  # the post's number in its channel


def post_url(post: Forwarded) -> str | None:
    """The post's own link: t.me/<channel>/<n> for a public channel, t.me/c/<id>/<n> (open to its
    members) for a private one; None for a person's or a group's message, which has none."""
    if post.message_id is None:
        return None
    if post.username:
        return f"https://t.me/{post.username}/{post.message_id}"
    if post.chat_id is not None and post.chat_id < _CHANNEL_ID_BASE:
        return f"https://t.me/c/{_CHANNEL_ID_BASE - post.chat_id}/{post.message_id}"
    return None


def link_only(text: str, min_chars: int) -> str | None:
    """The link a post is about, when the post is little more than that link."""
    match = URL.search(text)
    if match is None or len(URL.sub("", text).strip()) >= min_chars:
        return None
    return match.group(0)


def from_forward(post: Forwarded) -> RawArticle:
    """The post as an article; its first line is the title when a blank line follows it."""
    url = post_url(post)
    article = from_text(post.text, url or f"the post from {post.source}")
    article.url = url
    article.source = post.source
    article.published = post.date
    return article
