"""The console: a chat with the bot in the terminal, with a chat of its own that subscribes, follows
and gets its briefs and alerts printed while it runs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import stat
import sys
import threading
import weakref
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.brief.alerts import Alerts
from bot.brief.deliver import Briefs
from bot.commands import Commands
from bot.i18n import N_, _, using
from bot.reply import CONSOLE, Choice, Reply, Where
from bot.services import Services
from bot.user_input import user_number
from domain.chats import CONSOLE_CHAT_ID, CONSOLE_CHATS

log = logging.getLogger(__name__)

# The terminal's chat: stored like a private Telegram chat, under an id Telegram never gives one.
CONSOLE_CHAT = Where(CONSOLE_CHAT_ID, 0, "private", "console")
PROMPT = "you> "
QUIT = ("/quit", "/exit", "quit", "exit")
GREETING = N_(
    "newsbrief console — type /help, a number to pick a choice, or /quit. "
    "This is a chat of its own: its daily brief and alerts are printed here while it runs."
)

Read = Callable[[], Awaitable[str | None]]  # the next line typed; None at the end of input
Show = Callable[[Reply], None]  # prints a reply (the CLI's printer: plain text, numbered choices)


async def read_stdin() -> str | None:
    """A line from the terminal or a pipe, read so that deliveries go on while it waits."""
    loop = asyncio.get_running_loop()
    if loop not in _PIPED:
        _PIPED[loop] = await _piped_input(loop)
    piped = _PIPED[loop]
    if piped is None:
        return await _read_terminal()
    data = await piped.readline()
    if not data:
        return None
    return data.decode(sys.stdin.encoding or "utf-8", errors="replace").rstrip("\r\n")


# Piped input's reader (None at a terminal), made at the first line read; per event loop.
_PIPED: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.StreamReader | None] = weakref.WeakKeyDictionary()


async def _piped_input(loop: asyncio.AbstractEventLoop) -> asyncio.StreamReader | None:
    """Piped input, read by the event loop itself: a thread blocked on a pipe holds stdin's lock,
    and Ctrl-C would then abort the interpreter ("Fatal Python error: _enter_buffered_busy")."""
    if sys.stdin.isatty():
        return None
    reader = asyncio.StreamReader(limit=2**22)  # a pasted article is one line
    stdin = sys.stdin.buffer
    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (OSError, ValueError):  # no file behind it (a test's, or an embedding program's stream)
        mode = 0
    if not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):  # `< file`, /dev/null: never block, read at once
        reader.feed_data(stdin.read())
        reader.feed_eof()
        return reader
    # A duplicate, which the transport closes at the end of input: sys.stdin stays open.
    pipe = os.fdopen(os.dup(stdin.fileno()), "rb", buffering=0)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), pipe)
    return reader


async def _read_terminal() -> str | None:
    """A line typed at the terminal, in a thread (input() keeps line editing and the prompt).

    A daemon thread rather than asyncio.to_thread: at Ctrl-C, asyncio.run joins its executor's
    threads, and one blocked in input() would hold the console open until Enter."""
    loop = asyncio.get_running_loop()
    typed: asyncio.Future[str | None] = loop.create_future()

    def settle(line: str | None, error: BaseException | None) -> None:
        if typed.done():
            return
        if error is not None:
            typed.set_exception(error)
        else:
            typed.set_result(line)

    def read() -> None:
        line, error = None, None
        try:
            line = input(PROMPT)
        except EOFError:
            pass
        except Exception as exc:  # handed to the loop, which raises it where the line is awaited
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is waiting
            loop.call_soon_threadsafe(settle, line, error)

    threading.Thread(target=read, name="console input", daemon=True).start()
    return await typed


class ConsoleChat:
    """The console's chat: lines answered as Telegram answers a private chat, and the deliveries
    due to it (and to no other chat) printed through the same delivery log as the bot's."""

    def __init__(self, services: Services, show: Show, commands: Commands | None = None) -> None:
        self.commands = commands or Commands(services)
        self.show = show
        self.briefs = Briefs(services, chats=CONSOLE_CHATS)
        self.alerts = Alerts(services, CONSOLE_CHATS)
        self.choices: list[Choice] = []

    async def answer(self, line: str) -> None:
        """Answer one typed line; a number picks one of the last reply's choices, like a button."""
        picked = user_number(line)
        if picked is not None and self.choices and 1 <= picked <= len(self.choices):
            line = self.choices[picked - 1].command
        reply = await self.commands.handle(line, caller=CONSOLE, where=CONSOLE_CHAT)
        self.choices = reply.choices
        self.show(reply)

    async def send(self, chat_id: int, thread_id: int, text: str) -> None:
        """The delivery core's Sender: a brief or alert message, printed (a blank line first,
        since it may arrive while the prompt waits)."""
        self.show(Reply(["", text]))

    async def deliver(self, now: datetime | None = None) -> None:
        """Print this chat's briefs and follow alerts that are due."""
        await self.briefs.tick(self, now)
        await self.alerts.tick(self, now)

    async def _keep_delivering(self, every: float, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.deliver()
            except Exception:  # a failed round must not end the chat; the next one retries
                log.exception("console delivery failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)

    async def run(self, read: Read = read_stdin, every: float | None = None) -> None:
        """Chat until /quit or the end of input, delivering every `every` seconds meanwhile."""
        with using(self.commands.services.settings.default_language):
            self.show(Reply([_(GREETING)]))
        stop = asyncio.Event()
        interval = every if every is not None else self.commands.services.settings.brief_tick_seconds
        delivering = asyncio.create_task(self._keep_delivering(interval, stop), name="console deliveries")
        try:
            while (line := await read()) is not None:
                line = line.strip()
                if line in QUIT:
                    break
                if line:
                    await self.answer(line)
        finally:
            # A round under way finishes, so a brief half printed is recorded as printed.
            stop.set()
            await delivering
