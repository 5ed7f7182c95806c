"""Which chats a delivery run serves: the terminal's own chat, or the Telegram chats."""

from __future__ import annotations

from dataclasses import dataclass

# The console's chat: Telegram never numbers a chat 0 (users are positive, groups and channels
# negative), so its subscriptions and follows live beside Telegram's without colliding.
CONSOLE_CHAT_ID = 0


@dataclass(frozen=True)
class Audience:
    """The chats a sender reaches: the console's chat alone, or every chat but it."""

    console: bool

    def includes(self, chat_id: int) -> bool:
        """Whether this sender delivers to `chat_id`."""
        return (chat_id == CONSOLE_CHAT_ID) == self.console


TELEGRAM_CHATS = Audience(console=False)  # the bot: it can never post to the terminal
CONSOLE_CHATS = Audience(console=True)  # `newsbrief console`: its own chat only
