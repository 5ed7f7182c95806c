"""The daily brief in chat: /subscribe, /unsubscribe, /settings, /topics, /brief, /channel."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.brief.deliver import Briefs, tz_of
from bot.chat_language import ChatLanguages
from bot.i18n import _, format_day
from bot.render.html import bold, esc
from bot.reply import ChannelLookup, Reply, Where
from bot.services import Services
from domain.schedule import next_occurrence, parse_time, zone
from storage import briefs as rows
from storage.models import Subscription

MAX_TOPICS = 20
_TOPICS = re.compile(r"\btopics?\s*:\s*(.*)$", re.IGNORECASE | re.DOTALL)
TOPIC_CHANGES = ("add", "remove", "clear")  # what only those who manage the chat may do to its topics


def split_topics(text: str) -> list[str]:
    """ "Syria, energy; Ukraine" -> ["Syria", "energy", "Ukraine"] (plain words, never patterns)."""
    topics = [" ".join(t.split())[:60] for t in re.split(r"[,;\n]", text)]
    return list(dict.fromkeys(t for t in topics if t))


def changes_topics(arg: str) -> bool:
    """Whether /topics with this argument changes them (listing them is anyone's)."""
    return arg.strip().partition(" ")[0].lower() in TOPIC_CHANGES


def _topics_line(topics: list[str]) -> str:
    return _("Topics: ") + (esc(", ".join(topics)) if topics else _("none (all news)"))


class Subscriptions:
    """A chat's daily brief. The table's guards have run: there is a chat, and the caller may
    change its brief."""

    def __init__(self, services: Services, briefs: Briefs) -> None:
        self.services = services
        self.briefs = briefs
        self.languages = ChatLanguages(services)

    def _describe(self, subscription: Subscription, now: datetime) -> str:
        tz = tz_of(subscription)
        upcoming = next_occurrence(now, subscription.hour, subscription.minute, tz).astimezone(tz)
        lines = [
            _("Daily brief at {time} {zone} · next: {next}").format(
                time=bold(f"{subscription.hour:02d}:{subscription.minute:02d}"),
                zone=esc(subscription.timezone),
                next=format_day(upcoming, "EEE d MMM") + f" {upcoming:%H:%M}",
            ),
            _topics_line(subscription.topic_list),
        ]
        if not subscription.active:
            reason = subscription.paused_reason or _("the bot could not post here")
            lines.append(_("Paused: {reason}").format(reason=esc(reason)))
        return "\n".join(lines)

    async def subscribe(self, arg: str, where: Where) -> Reply:
        """/subscribe [HH:MM] [Area/City] [topics: a, b]"""
        settings = self.services.settings
        topics: list[str] | None = None
        found = _TOPICS.search(arg)
        if found:
            topics = split_topics(found.group(1))[:MAX_TOPICS]
            arg = arg[: found.start()]
        when, tz_name = parse_time(settings.brief_time) or (8, 0), settings.default_timezone
        for word in arg.split():
            if parse_time(word):
                when = parse_time(word)  # type: ignore[assignment]
            elif zone(word):
                tz_name = str(zone(word))
            elif re.fullmatch(r"\d{1,2}[:.h]\d{2}", word):
                return Reply.of(
                    _("“{word}” is not a time of day. Use HH:MM, e.g. /subscribe 07:30").format(word=esc(word))
                )
            else:
                return Reply.of(
                    _(
                        "I don't know the time zone “{word}”. Use an Area/City name, "
                        "e.g. /subscribe 07:30 Europe/Berlin"
                    ).format(word=esc(word[:60]))
                )
        now = datetime.now(UTC)
        async with self.services.transaction() as session:
            existing = await rows.get_subscription(session, where.chat_id, where.thread_id)
            values: dict[str, object] = {
                "chat_id": where.chat_id,
                "thread_id": where.thread_id,
                "chat_type": where.chat_type,
                "title": where.title[:300],
                "hour": when[0],
                "minute": when[1],
                "timezone": tz_name,
                "active": True,
                "paused_reason": None,
                "created_at": now,
            }
            if topics is not None:
                values["topics"] = ", ".join(topics)
            elif existing is None:
                values["topics"] = ""
            subscription = await rows.save_subscription(session, values)
            text = self._describe(subscription, now)
        await self.languages.note(where.chat_id)  # the brief comes in the language of whoever subscribed
        head = _("Subscription updated.") if existing else _("Subscribed.")
        return Reply.of(f"{head}\n{text}\n" + _("/settings shows it, /unsubscribe stops it."))

    async def unsubscribe(self, where: Where) -> Reply:
        async with self.services.transaction() as session:
            removed = await rows.remove_subscription(session, where.chat_id, where.thread_id)
        return Reply.of(
            _("Unsubscribed: no more daily briefs here.") if removed else _("This chat has no daily brief.")
        )

    async def settings(self, where: Where) -> Reply:
        async with self.services.session() as session:
            subscription = await rows.get_subscription(session, where.chat_id, where.thread_id)
        if subscription is None:
            return Reply.of(_("No daily brief here yet. /subscribe 08:00 Europe/London starts one."))
        return Reply.of(self._describe(subscription, datetime.now(UTC)))

    async def topics(self, arg: str, where: Where) -> Reply:
        """/topics add a, b · /topics remove a · /topics list"""
        action, _sep, rest = arg.strip().partition(" ")
        action = action.lower() or "list"
        if action not in ("list", *TOPIC_CHANGES):
            return Reply.of(_("Use /topics add Syria, energy · /topics remove energy · /topics list"))
        async with self.services.transaction() as session:
            subscription = await rows.get_subscription(session, where.chat_id, where.thread_id)
            if subscription is None:
                return Reply.of(_("Subscribe first: /subscribe 08:00 topics: Syria, energy"))
            current = subscription.topic_list
            given = split_topics(rest)
            left_out = 0
            if action == "add":
                wanted = list(dict.fromkeys(current + given))
                current, left_out = wanted[:MAX_TOPICS], max(0, len(wanted) - MAX_TOPICS)
            elif action == "remove":
                drop = {t.lower() for t in given}
                current = [t for t in current if t.lower() not in drop]
            elif action == "clear":
                current = []
            subscription.topics = ", ".join(current)
        answer = _topics_line(current)
        if left_out:
            answer += "\n" + _("{count} more not added: a chat keeps at most {most} topics.").format(
                count=left_out, most=MAX_TOPICS
            )
        return Reply.of(answer)

    async def brief(self, where: Where | None) -> Reply:
        """Today's brief now: the last 24 hours, favouring the chat's topics."""
        topics: list[str] = []
        tz = zone(self.services.settings.default_timezone)
        if where is not None:
            async with self.services.session() as session:
                subscription = await rows.get_subscription(session, where.chat_id, where.thread_id)
            if subscription is not None:
                topics, tz = subscription.topic_list, tz_of(subscription)
        now = datetime.now(UTC)
        messages = await self.briefs.compose(topics, now - timedelta(hours=24), now, tz or UTC)
        return Reply(messages)

    async def pause(self, chat_id: int, reason: str) -> int:
        async with self.services.transaction() as session:
            return await rows.pause_chat(session, chat_id, reason)

    async def resume(self, chat_id: int) -> int:
        async with self.services.transaction() as session:
            return await rows.resume_chat(session, chat_id)

    async def channel(self, arg: str, lookup: ChannelLookup | None) -> Reply:
        """/channel add @name [HH:MM] [Area/City] [topics: …] · /channel remove @name: the brief in
        a channel where both the user and the bot are administrators (only Telegram can tell)."""
        action, _sep, rest = arg.partition(" ")
        name, _sep, options = rest.strip().partition(" ")
        if action.lower() not in ("add", "remove") or not name.startswith("@"):
            return Reply.of(_("Use /channel add @channelname [HH:MM] [Area/City], or /channel remove @channelname"))
        if lookup is None:
            return Reply.of(_("Channels are linked in Telegram: send this from a private chat with the bot."))
        channel = await lookup(name)
        shown = esc(name[:100])
        if channel is None:
            return Reply.of(
                _("I cannot see {channel}. Add me to the channel as an administrator first.").format(channel=shown)
            )
        if not channel.is_channel:
            return Reply.of(_("{channel} is not a channel.").format(channel=shown))
        if not channel.bot_may_post:
            return Reply.of(
                _("Make me an administrator of {channel} who may post, then try again.").format(channel=shown)
            )
        if not channel.user_is_admin:
            return Reply.of(_("Only administrators of {channel} can link it.").format(channel=shown))
        target = Where(channel.chat_id, 0, "channel", channel.title or name)
        if action.lower() == "remove":
            return await self.unsubscribe(target)
        return await self.subscribe(options, target)
