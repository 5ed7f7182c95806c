"""Logging set-up that never writes the bot token or the webhook secret."""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Iterable
from types import TracebackType
from typing import Any
from urllib.parse import quote

REDACTED = "<redacted>"
# A Bot API token's shape (digits:35 characters), and any token in a Bot API URL (/bot<token>/),
# so a token that is not the configured one (a typo, an old one) is hidden too.
TOKEN_SHAPE = r"\b\d{5,}:[\w-]{30,}"
TOKEN_IN_URL = r"(?<=/bot)\d+:[^/\s?#'\"`]+"
# python-telegram-bot logs, at DEBUG, the secret a caller sent: a near miss shows most of ours.
SENT_SECRET = r"(?<=wrong secret token: )\S+"


# Loggers kept at WARNING: httpx logs every request URL at INFO (Bot API URLs contain the token),
# and the scheduler logs "Running job" and "executed successfully" for every tick (three a
# minute), which would bury the one line per update and per feed poll that INFO is for.
NOISY = ("httpx", "httpcore", "apscheduler", "tornado.access")


class Redactor:
    """Replaces secrets, and anything shaped like a bot token, in text about to be shown."""

    def __init__(self, secrets: Iterable[str]) -> None:
        words = {secret for secret in secrets if secret}
        # The part after the colon is the secret half of a token; URL-encoding keeps it intact.
        words |= {word.split(":", 1)[1] for word in words if len(word.partition(":")[2]) >= 8}
        # As a URL or a server may echo it back: percent-encoded, in another case (IGNORECASE).
        words |= {quote(word, safe=safe) for word in words for safe in ("", ":")}
        literal = [re.escape(word) for word in sorted(words, key=len, reverse=True)]
        self.pattern = re.compile("|".join([*literal, TOKEN_IN_URL, TOKEN_SHAPE, SENT_SECRET]), re.IGNORECASE)

    def __call__(self, text: str) -> str:
        return self.pattern.sub(REDACTED, text)


class RedactingFormatter(logging.Formatter):
    """Redacts the whole formatted record: message, arguments, exception text and stack."""

    def __init__(self, redact: Redactor, fmt: str) -> None:
        super().__init__(fmt)
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))

    def formatException(self, ei: Any) -> str:
        # Cached on the record as exc_text, where other formatters would find it.
        return self.redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return self.redact(super().formatStack(stack_info))


class NoTraceback(logging.Filter):
    """Logs the given exceptions as one line: their message says it all, their traceback
    (Telegram's client, httpx) tells an operator nothing."""

    def __init__(self, *types: type[BaseException]) -> None:
        super().__init__()
        self.types = types

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if self.types and isinstance(exc, self.types):
            record.msg = f"{record.getMessage()} ({type(exc).__name__}: {exc})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def setup_logging(level: str, secrets: Iterable[str], no_traceback: tuple[type[BaseException], ...] = ()) -> Redactor:
    """Log to stderr, never showing a secret; the redactor is returned for other output."""
    redact = Redactor(secrets)
    logging.basicConfig(level=level.upper())
    formatter = RedactingFormatter(redact, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
        handler.addFilter(NoTraceback(*no_traceback))

    def excepthook(kind: type[BaseException], value: BaseException | None, tb: TracebackType | None) -> None:
        sys.stderr.write(redact("".join(traceback.format_exception(kind, value, tb))))

    # An exception nobody catches is printed outside logging: redact it too.
    sys.excepthook = excepthook
    threading.excepthook = lambda args: excepthook(args.exc_type, args.exc_value, args.exc_traceback)
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    return redact
