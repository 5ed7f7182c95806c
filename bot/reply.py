"""What the chat core answers (Reply, with choices), and who asks what from where (Caller, Where, Request)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.render.html import paginate


@dataclass
class Choice:
    label: str
    command: str  # sent back as if the user typed it (callback data in Telegram)


@dataclass
class Reply:
    messages: list[str]
    choices: list[Choice] = field(default_factory=list)
    image: bytes | None = None  # a PNG sent before the messages; the first message is its caption

    @classmethod
    def of(cls, *blocks: str, choices: list[Choice] | None = None, image: bytes | None = None) -> Reply:
        return cls(paginate(list(blocks)), choices or [], image)


@dataclass(frozen=True)
class Caller:
    """Who sent the command: operators (ADMIN_USER_IDS, or the local console) may change feeds."""

    user_id: int | None
    admin: bool
    manages_chat: bool = True  # may change this chat's brief: private chats, group administrators
    language_code: str | None = None  # Telegram's language of the user ("ru", "en-GB"); None: not told


CONSOLE = Caller(None, admin=True)


@dataclass(frozen=True)
class Where:
    """The chat (and forum topic) a command came from: where a brief is to be delivered."""

    chat_id: int
    thread_id: int = 0
    chat_type: str = "private"
    title: str = ""


@dataclass(frozen=True)
class Channel:
    """A channel as Telegram describes it to the bot and the user who wants to link it."""

    chat_id: int
    title: str
    is_channel: bool
    bot_may_post: bool  # the bot administers it with the right to post
    user_is_admin: bool


# Looks a channel up by its @name (None: the bot cannot see it). Only Telegram can answer.
ChannelLookup = Callable[[str], Awaitable[Channel | None]]


@dataclass(frozen=True)
class Request:
    """One command as typed or picked from a button: its argument, the message it replies to,
    who sent it from where, and (in Telegram) how to look a channel up."""

    arg: str
    caller: Caller
    where: Where | None = None  # None: no chat (a caller with nowhere to deliver briefs or alerts)
    replied_text: str | None = None
    channels: ChannelLookup | None = None
    bot_username: str | None = None  # the bot's Telegram @name, for share links (None: the console)
