"""The console (bot/console.py) is a chat of its own: it subscribes, follows and keeps topics in the
database like any chat, gets its briefs and alerts printed while it runs, once, and only its own."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from sqlalchemy import select, update
from telegram.ext import Application

from bot.brief.alerts import Alerts
from bot.brief.deliver import Briefs
from bot.cli import print_reply
from bot.commands import CHANNEL_NEEDS_TELEGRAM
from bot.console import ConsoleChat, Read
from bot.reply import Reply, Where
from bot.services import Services
from bot.subscriptions import Subscriptions
from domain.chats import CONSOLE_CHAT_ID
from storage.models import Delivery, Follow, Subscription
from tests.support.articles import store, store_brief_news
from tests.support.botapi import FakeBotAPI
from tests.support.briefs import brief_time, briefs_to, tick

NEWSBRIEF = str(Path(sys.executable).parent / "newsbrief")

LAVROV = """Lavrov holds grain talks in Ankara

Russian Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara on Tuesday to discuss grain shipments.
Lavrov told reporters after the meeting that the talks on grain had been useful.
The weather in Ankara was cold and grey all week, and snow closed the airport for an hour."""

LAVROV_AGAIN = """Lavrov visits Belgrade

Russian Foreign Minister Sergei Lavrov arrived in Belgrade on Thursday for talks on energy supplies.
Lavrov said the gas contract would be extended for another winter.
Serbian officials said the talks would continue in Moscow next month."""


class Terminal:
    """What the console printed, as the terminal shows it (the CLI's own printer)."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.console = Console(file=self.buffer, soft_wrap=True, width=200)

    def show(self, reply: Reply) -> None:
        print_reply(reply, self.console)

    @property
    def text(self) -> str:
        return self.buffer.getvalue()


class Recorder:
    """A Telegram-side sender that records where it would post."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send(self, chat_id: int, thread_id: int, text: str) -> None:
        self.sent.append((chat_id, text))


def typed(*lines: str) -> Read:
    """An input source that types these lines, then ends."""
    left = iter(lines)

    async def read() -> str | None:
        return next(left, None)

    return read


async def sent_deliveries(news: Services) -> list[Delivery]:
    async with news.session() as session:
        return list(await session.scalars(select(Delivery).where(Delivery.status == "sent")))


async def test_subscribe_topics_and_follow_are_stored_for_the_console_chat(news: Services) -> None:
    await store(news, [LAVROV])
    terminal = Terminal()
    chat = ConsoleChat(news, terminal.show)
    await chat.run(
        typed(
            "/subscribe 07:30 Europe/Berlin topics: energy",
            "/settings",
            "/topics add Ukraine",
            "/follow Lavrov",
            "/following",
            "/quit",
        ),
        every=60,
    )
    out = terminal.text
    assert "subscribe from a chat" not in out and "acts on a Telegram chat" not in out
    assert "Subscribed." in out
    assert "Daily brief at 07:30 Europe/Berlin" in out and "Topics: energy" in out
    assert "Topics: energy, Ukraine" in out
    assert "Following Sergei Lavrov" in out
    assert "Following: Sergei Lavrov" in out
    async with news.session() as session:
        (subscription,) = await session.scalars(select(Subscription))
        (follow,) = await session.scalars(select(Follow))
    assert (subscription.chat_id, subscription.chat_type, subscription.title) == (CONSOLE_CHAT_ID, "private", "console")
    assert follow.chat_id == CONSOLE_CHAT_ID

    # A console started again is the same chat.
    again = Terminal()
    await ConsoleChat(news, again.show).run(typed("/settings"), every=60)
    assert "Daily brief at 07:30 Europe/Berlin" in again.text


async def test_a_due_brief_is_printed_once_and_never_sent_to_telegram(news: Services) -> None:
    await store_brief_news(news)
    at, due = brief_time()
    terminal = Terminal()
    chat = ConsoleChat(news, terminal.show)
    await chat.answer(f"/subscribe {at} Europe/Berlin")
    # A Telegram chat subscribed for the same minute gets its brief from the bot, not the console.
    await Subscriptions(news, Briefs(news)).subscribe(f"{at} Europe/Berlin", Where(42))

    await chat.deliver(due - timedelta(minutes=1))
    assert "Daily brief —" not in terminal.text
    telegram = Recorder()
    assert (await Briefs(news, worker="bot").tick(telegram, due)).sent == 1
    assert [chat_id for chat_id, _ in telegram.sent] == [42]  # the bot never posts to the console's chat

    await chat.deliver(due)
    assert terminal.text.count("Daily brief —") == 1
    assert "3 stories from 4 articles" in terminal.text
    assert "Baltic Ledger, Kaunas Post" in terminal.text  # sources named, as in Telegram

    # Another round, and a console started again later, print nothing more.
    await chat.deliver(due + timedelta(minutes=1))
    restarted = Terminal()
    await ConsoleChat(news, restarted.show).deliver(due + timedelta(minutes=5))
    assert terminal.text.count("Daily brief —") == 1 and "Daily brief —" not in restarted.text
    assert (await Briefs(news, worker="bot").tick(telegram, due + timedelta(minutes=5))).sent == 0
    assert sorted(d.status for d in await sent_deliveries(news)) == ["sent", "sent"]


async def test_the_brief_is_printed_while_the_console_waits_for_input(news: Services) -> None:
    await store_brief_news(news)
    terminal = Terminal()
    printed = asyncio.Event()

    def show(reply: Reply) -> None:
        terminal.show(reply)
        if "Daily brief —" in terminal.text:
            printed.set()

    chat = ConsoleChat(news, show)
    await chat.answer(f"/subscribe {datetime.now(UTC) - timedelta(minutes=2):%H:%M} UTC")
    async with news.transaction() as session:  # subscribed yesterday: today's brief is due
        await session.execute(update(Subscription).values(created_at=datetime.now(UTC) - timedelta(days=1)))

    async def read() -> str | None:
        """Types nothing until the brief has been printed, then quits."""
        async with asyncio.timeout(60):
            await printed.wait()
        return "/quit"

    await chat.run(read, every=0.1)
    assert terminal.text.count("Daily brief —") == 1
    (delivery,) = await sent_deliveries(news)
    assert delivery.messages_sent >= 1


async def test_a_follow_alert_is_printed_in_the_console_only(news: Services) -> None:
    await store(news, [LAVROV])
    terminal = Terminal()
    chat = ConsoleChat(news, terminal.show)
    await chat.answer("/follow Lavrov")
    await store(news, [LAVROV_AGAIN], ["Belgrade Wire"], age=lambda n: timedelta(0))

    telegram = Recorder()
    assert await Alerts(news).tick(telegram) == 0 and telegram.sent == []  # the bot leaves it to the console
    await chat.deliver()
    assert terminal.text.count("New on Sergei Lavrov") == 1
    assert "Lavrov visits Belgrade — Belgrade Wire" in terminal.text
    await chat.deliver()
    assert terminal.text.count("New on Sergei Lavrov") == 1


async def test_channel_in_the_console_says_it_needs_telegram(news: Services) -> None:
    terminal = Terminal()
    await ConsoleChat(news, terminal.show).run(typed("/channel add @mychannel 08:00", "/channel"), every=60)
    assert terminal.text.count(CHANNEL_NEEDS_TELEGRAM) == 2
    assert "I don't know the command" not in terminal.text
    async with news.session() as session:
        assert list(await session.scalars(select(Subscription))) == []


async def test_the_running_bot_never_posts_the_console_chats_brief(bot: FakeBotAPI, telegram: Application) -> None:
    news = telegram.bot_data.commands.services
    await store_brief_news(news)
    at, due = brief_time()
    terminal = Terminal()
    chat = ConsoleChat(news, terminal.show)
    await chat.answer(f"/subscribe {at} Europe/Berlin")
    bot.user_message(f"/subscribe {at} Europe/Berlin")
    assert "Subscribed." in (await bot.replies())[0]["text"]

    assert (await tick(telegram, due)).sent == 1
    assert briefs_to(bot) == {42: 1}  # the Telegram chat only: chat 0 is the terminal's
    await chat.deliver(due)
    assert terminal.text.count("Daily brief —") == 1


async def test_ctrl_c_with_piped_input_exits_130_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", "NLP_PROCESSES": "1"}
    pipe = asyncio.subprocess.PIPE
    # Ctrl-C as a terminal sends it: a runner started in the background may ignore SIGINT, and its
    # children would inherit that (a shell's background job ignores it), so the console gets the default.
    process = await asyncio.create_subprocess_exec(
        NEWSBRIEF, "console", env=env, cwd=tmp_path, stdin=pipe, stdout=pipe, stderr=pipe,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(b"/latest\n")  # the pipe stays open: the console waits for the next line
    greeting = await asyncio.wait_for(process.stdout.readline(), 120)
    assert greeting.startswith(b"newsbrief console")
    assert (await asyncio.wait_for(process.stdout.readline(), 60)).startswith(b"No articles yet")
    process.send_signal(signal.SIGINT)
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 130, stderr.decode()
    assert b"Fatal Python error" not in stderr and b"Traceback" not in stderr
