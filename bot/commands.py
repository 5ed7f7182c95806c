"""The one table of chat commands, and the one way in: guards from the table's flags, then the
command. /help, Telegram's menu and handlers, the console, `newsbrief ask` and buttons read it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.brief.alerts import Alerts
from bot.brief.deliver import Briefs
from bot.feeds import Feeds
from bot.follows import Follows
from bot.ingest.poll import Poller
from bot.ingesting import Ingesting
from bot.questions import Questions
from bot.render.html import bold, esc
from bot.reply import Caller, ChannelLookup, Reply, Request, Where
from bot.services import Services
from bot.subscriptions import Subscriptions, changes_topics
from bot.summaries import Summaries
from bot.user_input import clean_input, split_command

Run = Callable[["Commands", Request], Awaitable[Reply]]

NOT_HERE = "/{name} acts on a Telegram chat: send it in a chat with the bot (here, /brief shows today's brief)."
NOT_PRIVATE = "Send /{name} in a private chat with me."
OPERATORS_ONLY = "Only the bot's operators can do that (their Telegram ids are in ADMIN_USER_IDS)."
ADMINS_ONLY = "Only this chat's administrators can change what it receives."


@dataclass(frozen=True)
class Command:
    """A chat command: what /help says of it, what it runs, and who may run it where."""

    name: str
    what: str  # one line, for /help and Telegram's menu
    example: str
    run: Run
    aliases: tuple[str, ...] = ()
    needs_chat: bool = False  # answers about a chat (its brief, its follows): not in the console
    private_only: bool = False
    operators_only: bool = False  # ADMIN_USER_IDS
    # Group administrators only (anyone in a private chat): always, or when the argument says
    # the command changes something (/topics add, but not /topics list).
    admins_only: bool | Callable[[str], bool] = False
    slow: bool = False  # Telegram shows "typing…" while it runs

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def needs_admin(self, arg: str) -> bool:
        """Whether the caller must manage the chat to run this (Telegram then asks who does)."""
        return self.admins_only(arg) if callable(self.admins_only) else self.admins_only

    def refusal(self, request: Request) -> str | None:
        """Why this request may not run, or None: every guard, in one place."""
        if self.operators_only and not request.caller.admin:
            return OPERATORS_ONLY
        if self.needs_chat and request.where is None:
            return NOT_HERE.format(name=self.name)
        if self.private_only and request.where is not None and request.where.chat_type != "private":
            return NOT_PRIVATE.format(name=self.name)
        if self.needs_admin(request.arg) and not request.caller.manages_chat:
            return ADMINS_ONLY
        return None


def _chat(request: Request) -> Where:
    """The chat of a command whose table entry needs one (the guard has checked it)."""
    assert request.where is not None
    return request.where


COMMANDS: tuple[Command, ...] = (
    Command("who", "who is this person or organisation", "/who Lavrov", lambda c, r: c.questions.who(r.arg)),
    Command(
        "status",
        "what is happening in a place or on a topic",
        "/status Idlib",
        lambda c, r: c.questions.status(r.arg),
    ),
    Command(
        "summarize",
        "a short summary of an article",
        "/summarize 3 12",
        lambda c, r: c.summaries.summarize(r.arg, r.replied_text),
    ),
    Command(
        "trend",
        "a chart of daily articles about someone or something",
        "/trend Idlib",
        lambda c, r: c.questions.trend(r.arg),
    ),
    Command("latest", "the newest stored articles", "/latest 5", lambda c, r: c.questions.latest(r.arg)),
    Command("search", "find articles by words", "/search ceasefire Syria", lambda c, r: c.questions.search(r.arg)),
    Command(
        "ingest",
        "store an article from a link or pasted text",
        "/ingest https://example.com/story",
        lambda c, r: c.ingesting.ingest(r.arg, r.replied_text),
        slow=True,
    ),
    Command(
        "brief",
        "today's brief: the day's stories, summarized, with sources",
        "/brief",
        lambda c, r: c.subscriptions.brief(r.where),
    ),
    Command(
        "subscribe",
        "a daily brief here at a local time, optionally on topics",
        "/subscribe 07:30 Europe/Berlin topics: Syria",
        lambda c, r: c.subscriptions.subscribe(r.arg, _chat(r)),
        needs_chat=True,
        admins_only=True,
    ),
    Command(
        "unsubscribe",
        "stop this chat's daily brief",
        "/unsubscribe",
        lambda c, r: c.subscriptions.unsubscribe(_chat(r)),
        needs_chat=True,
        admins_only=True,
    ),
    Command(
        "settings",
        "this chat's brief: time, zone, topics, next delivery",
        "/settings",
        lambda c, r: c.subscriptions.settings(_chat(r)),
        needs_chat=True,
    ),
    Command(
        "topics",
        "what this chat's brief favours",
        "/topics add energy, Ukraine",
        lambda c, r: c.subscriptions.topics(r.arg, _chat(r)),
        needs_chat=True,
        admins_only=changes_topics,
    ),
    Command(
        "follow",
        "an alert when a new article mentions someone or something",
        "/follow Lavrov",
        lambda c, r: c.follows.follow(r.arg, _chat(r)),
        needs_chat=True,
        admins_only=True,
    ),
    Command(
        "unfollow",
        "stop those alerts",
        "/unfollow Lavrov",
        lambda c, r: c.follows.unfollow(r.arg, _chat(r)),
        needs_chat=True,
        admins_only=True,
    ),
    Command(
        "following",
        "what this chat follows",
        "/following",
        lambda c, r: c.follows.following(_chat(r)),
        needs_chat=True,
    ),
    Command(
        "channel",
        "send the daily brief to a channel you and the bot administer",
        "/channel add @mychannel 08:00",
        lambda c, r: c.subscriptions.channel(r.arg, r.channels),
        needs_chat=True,
        private_only=True,
    ),
    Command(
        "feeds",
        "the feeds I follow and their state (operators)",
        "/feeds",
        lambda c, r: c.feeds.page(r.arg),
        operators_only=True,
    ),
    Command(
        "feed",
        "add or remove a feed (operators)",
        "/feed add https://feeds.bbci.co.uk/news/rss.xml",
        lambda c, r: c.feeds.feed(r.arg),
        operators_only=True,
    ),
    Command("help", "what I can do", "/help", lambda c, r: c.help(), aliases=("start",)),
)
_BY_NAME = {name: command for command in COMMANDS for name in command.names}


def find(name: str) -> Command | None:
    """The command called `name` (or one of its aliases)."""
    return _BY_NAME.get(name.lower())


class Commands:
    """Every chat command over the shared services, without Telegram: text in, Reply out."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.poller = Poller(services)
        self.briefs = Briefs(services)
        self.alerts = Alerts(services)
        self.questions = Questions(services)
        self.ingesting = Ingesting(services)
        self.summaries = Summaries(services, self.ingesting)
        self.feeds = Feeds(services, self.poller)
        self.follows = Follows(services)
        self.subscriptions = Subscriptions(services, self.briefs)

    def caller(self, user_id: int | None) -> Caller:
        """A Telegram user, an operator when listed in ADMIN_USER_IDS."""
        return Caller(user_id, user_id is not None and user_id in self.services.settings.admin_user_ids)

    async def handle(
        self,
        text: str,
        replied_text: str | None = None,
        *,
        caller: Caller,
        where: Where | None = None,
        channels: ChannelLookup | None = None,
    ) -> Reply:
        """Answer one message, typed or picked from a button (`where`: None in the console)."""
        text = clean_input(text)
        replied_text = clean_input(replied_text) if replied_text is not None else None
        if not text.strip().startswith("/"):
            return await self.ingesting.plain_text(text)
        name, arg = split_command(text)
        command = find(name)
        if command is None:
            return self.unknown(name)
        return await self.run(command, Request(arg, caller, where, replied_text, channels))

    async def run(self, command: Command, request: Request) -> Reply:
        """The command, once its guards let the request through."""
        refusal = command.refusal(request)
        if refusal is not None:
            return Reply.of(refusal)
        return await command.run(self, request)

    async def help(self) -> Reply:
        blocks = [
            bold("newsbrief") + " reads the news for you: send me articles, then ask about "
            "the people, places and topics in them.",
            "",
        ]
        blocks += [
            f"/{command.name} — {esc(command.what)}\n    e.g. <code>{esc(command.example)}</code>"
            for command in COMMANDS
        ]
        blocks.append("\nIn a private chat, a plain link is stored too.")
        return Reply.of(*blocks)

    @staticmethod
    def unknown(name: str) -> Reply:
        return Reply.of(f"I don't know the command /{esc(name[:40])}. Send /help for the list.")
