"""A post forwarded to the bot, as an article: only a public channel's, with the channel as source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.ingest.sources import RawArticle, from_text
from bot.user_input import URL


@dataclass(frozen=True)
class Forwarded:
    """What Telegram tells of a forwarded message, in plain types (the handler fills it).

    Only a public channel's post has a `username` and a `message_id`: a person's message, a
    group's, or a private channel's post has neither, and is never stored (the store is shared by
    every user, and those were written for a few)."""

    text: str  # the message's text, or its caption
    date: datetime  # when the original was sent
    username: str | None = None  # a public channel's @username, without the @
    message_id: int | None = None  # the post's number in its channel


def is_public_post(post: Forwarded) -> bool:
    """A post anyone can open at t.me/<channel>/<n>."""
    return bool(post.username) and post.message_id is not None


def post_url(post: Forwarded) -> str | None:
    """The post's own link, t.me/<channel>/<n>; None for anything but a public channel's post."""
    return f"https://t.me/{post.username}/{post.message_id}" if is_public_post(post) else None


def post_source(post: Forwarded) -> str:
    """ "Telegram: @channel": says what it is, where a channel's title ("Reuters") could pass for an outlet."""
    return f"Telegram: @{post.username}"


def link_only(text: str, min_chars: int) -> str | None:
    """The link a post is about, when the post is little more than that link."""
    match = URL.search(text)
    if match is None or len(URL.sub("", text).strip()) >= min_chars:
        return None
    return match.group(0)


def from_forward(post: Forwarded) -> RawArticle:
    """A public channel's post as an article; its first line is the title when a blank line follows it."""
    url = post_url(post)
    article = from_text(post.text, url or "a forwarded post")
    article.url = url
    article.source = post_source(post)
    article.published = post.date
    return article
