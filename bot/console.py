"""The console: a chat with the bot in the terminal, with a chat of its own that subscribes, follows
and gets its briefs and alerts printed while it runs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.brief.alerts import Alerts
from bot.brief.deliver import Briefs
from bot.commands import Commands
from bot.reply import CONSOLE, Choice, Reply, Where
from bot.services import Services
from bot.user_input import user_number
from domain.chats import CONSOLE_CHAT_ID, CONSOLE_CHATS

log = logging.getLogger(__name__)

# The terminal's chat: stored like a private Telegram chat, under an id Telegram never gives one.
CONSOLE_CHAT = Where(CONSOLE_CHAT_ID, 0, "private", "console")
PROMPT = "you> "
QUIT = ("/quit", "/exit", "quit", "exit")
GREETING = (
    "newsbrief console — type /help, a number to pick a choice, or /quit. "
    "This is a chat of its own: its daily brief and alerts are printed here while it runs."
)

Read = Callable[[], Awaitable[str | None]]  # the next line typed; None at the end of input
Show = Callable[[Reply], None]  # prints a reply (the CLI's printer: plain text, numbered choices)


async def read_stdin() -> str | None:
    """A line from the terminal, read in a thread so that deliveries go on while it waits.

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
        self.show(Reply([GREETING]))
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
