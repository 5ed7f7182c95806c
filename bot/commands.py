"""The one table of chat commands, and the one way in: guards from the table's flags, then the
command. /help, Telegram's menu and handlers, the console, `newsbrief ask` and buttons read it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from bot import deep_links, inline, metrics
from bot.brief.alerts import Alerts
from bot.brief.deliver import Briefs
from bot.chat_language import ChatLanguages
from bot.feeds import Feeds
from bot.follows import Follows
from bot.i18n import N_, _, using
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

# Marked for the catalog with N_(), translated with _() where they are shown (in the reader's language).
NOT_HERE = N_("/{name} acts on a Telegram chat: send it in a chat with the bot (here, /brief shows today's brief).")
NOT_PRIVATE = N_("Send /{name} in a private chat with me.")
OPERATORS_ONLY = N_("Only the bot's operators can do that (their Telegram ids are in ADMIN_USER_IDS).")
ADMINS_ONLY = N_("Only this chat's administrators can change what it receives.")
UNKNOWN_LINK = N_("That link is not one I know.")
GREETING = (
    N_(
        "{newsbrief} reads the news for you: send me links or articles, and I find the people, "
        "places and organisations in them."
    ),
    N_("Then ask, for example:"),
    N_("<code>/who Lavrov</code> — who this is and what they said lately"),
    N_("<code>/status Idlib</code> — what is happening there, with sources"),
    N_("/help for everything."),
)
CHANNEL_NEEDS_TELEGRAM = N_(
    "Linking a channel needs Telegram: I look the channel up there to check that you and I both administer it. "
    "Send /channel add @yourchannel in a private chat with the bot."
)


@dataclass(frozen=True)
class Command:
    """A chat command: what /help says of it, what it runs, and who may run it where."""

    name: str
    what: str  # one line, for /help and Telegram's menu
    example: str
    run: Run
    aliases: tuple[str, ...] = ()
    needs_chat: bool = False  # answers about a chat (its brief, its follows): the console has its own
    private_only: bool = False
    operators_only: bool = False  # ADMIN_USER_IDS
    # Group administrators only (anyone in a private chat): always, or when the argument says
    # the command changes something (/topics add, but not /topics list).
    admins_only: bool | Callable[[str], bool] = False
    slow: bool = False  # Telegram shows "typing…" while it runs
    listed: bool = True  # in /help and Telegram's menu

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def needs_admin(self, arg: str) -> bool:
        """Whether the caller must manage the chat to run this (Telegram then asks who does)."""
        return self.admins_only(arg) if callable(self.admins_only) else self.admins_only

    def refusal(self, request: Request) -> str | None:
        """Why this request may not run, or None: every guard, in one place."""
        if self.operators_only and not request.caller.admin:
            return _(OPERATORS_ONLY)
        if self.needs_chat and request.where is None:
            return _(NOT_HERE).format(name=self.name)
        if self.private_only and request.where is not None and request.where.chat_type != "private":
            return _(NOT_PRIVATE).format(name=self.name)
        if self.needs_admin(request.arg) and not request.caller.manages_chat:
            return _(ADMINS_ONLY)
        return None


def _chat(request: Request) -> Where:
    """The chat of a command whose table entry needs one (the guard has checked it)."""
    assert request.where is not None
    return request.where


async def _channel(commands: Commands, request: Request) -> Reply:
    """/channel, where Telegram can look the channel up (not in the console)."""
    if request.channels is None:
        return Reply.of(_(CHANNEL_NEEDS_TELEGRAM))
    return await commands.subscriptions.channel(request.arg, request.channels)


COMMANDS: tuple[Command, ...] = (
    Command(
        "who",
        N_("who is this person or organisation"),
        N_("/who Lavrov"),
        lambda c, r: c.questions.who(r.arg, r.bot_username),
    ),
    Command(
        "status",
        N_("what is happening in a place or on a topic"),
        N_("/status Idlib"),
        lambda c, r: c.questions.status(r.arg),
    ),
    Command(
        "summarize",
        N_("a short summary of an article"),
        "/summarize 3 12",
        lambda c, r: c.summaries.summarize(r.arg, r.replied_text),
    ),
    Command(
        "trend",
        N_("a chart of daily articles about someone or something"),
        N_("/trend Idlib"),
        lambda c, r: c.questions.trend(r.arg),
    ),
    Command("latest", N_("the newest stored articles"), "/latest 5", lambda c, r: c.questions.latest(r.arg)),
    Command(
        "search", N_("find articles by words"), N_("/search ceasefire Syria"), lambda c, r: c.questions.search(r.arg)
    ),
    Command(
        "ingest",
        N_("store an article from a link or pasted text"),
        "/ingest https://example.com/story",
        lambda c, r: c.ingesting.ingest(r.arg, r.replied_text),
        slow=True,
    ),
    Command(
        "brief",
        N_("today's brief: the day's stories, summarized, with sources"),
        "/brief",
        lambda c, r: c.subscriptions.brief(r.where),
    ),
    Command(
        "subscribe",
        N_("a daily brief here at a local time, optionally on topics"),
        N_("/subscribe 07:30 Europe/Berlin topics: Syria"),
        lambda c, r: c.subscriptions.subscribe(r.arg, _chat(r)),
        needs_chat=True,
        admins_only=True,
    ),
    Command(
        "unsubscribe",
        N_("stop this chat's daily brief"),
        "/unsubscribe",
        lambda c, r: c.subscriptions.unsubscribe(_chat(r)),
        needs_chat=True,
        admins_only=True,
    ),
    Command(
        "settings",
        N_("this chat's brief: time, zone, topics, next delivery"),
        "/settings",
        lambda c, r: c.subscriptions.settings(_chat(r)),
        needs_chat=True,
    ),
    Command(
        "topics",
        N_("what this chat's brief favours"),
        N_("/topics add energy, Ukraine"),
        lambda c, r: c.subscriptions.topics(r.arg, _chat(r)),
        needs_chat=True,
        admins_only=changes_topics,
    ),
    Command(
        "follow",
        N_("an alert when a new article mentions someone or something"),
        N_("/follow Lavrov"),
        lambda c, r: c.follows.follow(r.arg, _chat(r)),
        needs_chat=True,
        admins_only=True,
    ),
    Command(
        "unfollow",
        N_("stop those alerts"),
        N_("/unfollow Lavrov"),
        lambda c, r: c.follows.unfollow(r.arg, _chat(r)),
        needs_chat=True,
        admins_only=True,
    ),
    Command(
        "following",
        N_("what this chat follows"),
        "/following",
        lambda c, r: c.follows.following(_chat(r)),
        needs_chat=True,
    ),
    Command(
        "channel",
        N_("send the daily brief to a channel you and the bot administer"),
        "/channel add @mychannel 08:00",
        _channel,
        needs_chat=True,
        private_only=True,
    ),
    Command(
        "feeds",
        N_("the feeds I follow and their state (operators)"),
        "/feeds",
        lambda c, r: c.feeds.page(r.arg),
        operators_only=True,
    ),
    Command(
        "feed",
        N_("add or remove a feed (operators)"),
        "/feed add https://feeds.bbci.co.uk/news/rss.xml",
        lambda c, r: c.feeds.feed(r.arg),
        operators_only=True,
    ),
    Command(
        "language",
        N_("the language I speak in this chat"),
        "/language ru",
        lambda c, r: c.languages.command(r.arg, _chat(r)),
        needs_chat=True,
        admins_only=lambda arg: bool(arg.strip()),  # anyone may ask which it is
    ),
    Command("help", N_("what I can do"), "/help", lambda c, r: c.help()),
    # Telegram sends /start itself (a new chat, or a t.me/<bot>?start=who_Lavrov link): a greeting
    # or the linked question, so neither /help nor the menu lists it.
    Command("start", N_("a short greeting"), "/start", lambda c, r: c.start(r), listed=False),
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
        self.languages = ChatLanguages(services)

    def caller(self, user_id: int | None, language_code: str | None = None) -> Caller:
        """A Telegram user, an operator when listed in ADMIN_USER_IDS, who reads `language_code`."""
        admin = user_id is not None and user_id in self.services.settings.admin_user_ids
        return Caller(user_id, admin, language_code=language_code)

    async def handle(
        self,
        text: str,
        replied_text: str | None = None,
        *,
        caller: Caller,
        where: Where | None = None,
        channels: ChannelLookup | None = None,
        bot_username: str | None = None,  # the bot's Telegram @name, for share links
    ) -> Reply:
        """Answer one message, typed or picked from a button (`where`: the chat, the console's own too),
        in the chat's language."""
        with using(await self.languages.of(caller, where)):
            return await self._handle(text, replied_text, caller, where, channels, bot_username)

    async def _handle(
        self,
        text: str,
        replied_text: str | None,
        caller: Caller,
        where: Where | None,
        channels: ChannelLookup | None,
        bot_username: str | None,
    ) -> Reply:
        text = clean_input(text)
        replied_text = clean_input(replied_text) if replied_text is not None else None
        if not text.strip().startswith("/"):
            return await self.ingesting.plain_text(text)
        name, arg = split_command(text)
        command = find(name)
        if command is None:
            return self.unknown(name)
        return await self.run(command, Request(arg, caller, where, replied_text, channels, bot_username))

    async def run(self, command: Command, request: Request) -> Reply:
        """The command, once its guards let the request through."""
        metrics.REPLIES.labels(command.name).inc()
        refusal = command.refusal(request)
        if refusal is not None:
            return Reply.of(refusal)
        return await command.run(self, request)

    async def help(self) -> Reply:
        blocks = [
            _(
                "{newsbrief} reads the news for you: send me articles, then ask about "
                "the people, places and topics in them."
            ).format(newsbrief=bold("newsbrief")),
            "",
        ]
        blocks += [
            f"/{command.name} — {esc(_(command.what))}\n    "
            + _("e.g. {example}").format(example=f"<code>{esc(_(command.example))}</code>")
            for command in COMMANDS
            if command.listed
        ]
        blocks.append(
            "\n"
            + _(
                "In a private chat, a plain link, a file (.txt, .html, .md, .pdf) or a post forwarded "
                "from a channel is stored too."
            )
        )
        return Reply.of(*blocks)

    async def start(self, request: Request) -> Reply:
        """/start: a short greeting, or the question a deep link carries (`who_Lavrov`)."""
        greeting = [_(line).format(newsbrief=bold("newsbrief")) for line in GREETING]
        if not request.arg or request.arg == inline.START:  # the inline mode's "open a chat" button
            return Reply.of(*greeting)
        linked = deep_links.decode(request.arg)
        command = find(linked[0]) if linked is not None else None
        if linked is None or command is None:
            return Reply.of(_(UNKNOWN_LINK), "", *greeting)
        return await self.run(command, replace(request, arg=linked[1]))

    @staticmethod
    def unknown(name: str) -> Reply:
        return Reply.of(_("I don't know the command /{name}. Send /help for the list.").format(name=esc(name[:40])))
