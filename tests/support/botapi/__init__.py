"""A fake Telegram Bot API, strict about what Telegram rejects: world state, update builders, HTTP server."""

from tests.support.botapi.server import FakeBotAPI
from tests.support.botapi.world import BOT_USER, TOKEN

__all__ = ["BOT_USER", "TOKEN", "FakeBotAPI"]
