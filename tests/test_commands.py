"""The command table (bot/commands.py): every command in /help, the menu and Telegram runs, and its guards
(operators only, needs a chat, private chat only, group administrators only) refuse in one place."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.commands import ADMINS_ONLY, COMMANDS, NOT_HERE, OPERATORS_ONLY, Commands, find
from bot.reply import CONSOLE, Caller, Where
from bot.settings import Settings
from storage.models import Feed, Follow, Subscription
from tests.conftest import running_bot
from tests.support.botapi import FakeBotAPI
from tests.support.telegram_html import assert_sendable

GROUP = Where(-300, 0, "group", "Group")
MEMBER = Caller(44, admin=False, manages_chat=False)
GROUP_ADMIN = Caller(43, admin=False, manages_chat=True)


async def say(core: Commands, text: str, caller: Caller = CONSOLE, where: Where | None = None) -> str:
    reply = await core.handle(text, caller=caller, where=where)
    for message in reply.messages:
        assert_sendable(message)
    return "\n".join(reply.messages)


def test_names_and_aliases_are_unique_and_found_in_any_case() -> None:
    names = [name for command in COMMANDS for name in command.names]
    assert len(names) == len(set(names))
    assert find("START") is find("start") and find("Who") is find("who") and find("nosuch") is None


async def test_help_lists_every_command_of_the_table_with_its_example(core: Commands) -> None:
    help_text = await say(core, "/help")
    for command in COMMANDS:
        listed = f"/{command.name} — " in help_text and command.example.split()[0] in help_text
        assert listed == command.listed, command.name  # /start greets instead (tests/test_telegram_chat.py)


async def test_every_command_runs_and_a_caller_without_a_chat_is_told_what_needs_one(core: Commands) -> None:
    for command in COMMANDS:
        reply = await say(core, f"/{command.name}")
        assert "I don't know the command" not in reply, command.name
        assert (reply == NOT_HERE.format(name=command.name)) == command.needs_chat, command.name


async def test_operator_commands_refuse_everyone_else(core: Commands) -> None:
    stranger = core.caller(777)
    for command in ("/feed add https://feeds.example/world.rss", "/feeds"):
        assert await say(core, command, stranger, Where(777)) == OPERATORS_ONLY
    async with core.services.session() as session:
        assert await session.scalar(select(func.count(Feed.id))) == 0


async def test_channel_is_for_private_chats_only(core: Commands) -> None:
    reply = await say(core, "/channel add @balticbrief 08:00", GROUP_ADMIN, GROUP)
    assert reply == "Send /channel in a private chat with me."


async def test_only_group_administrators_change_the_chat_and_anyone_reads_it(core: Commands) -> None:
    for command in ("/subscribe 08:00", "/unsubscribe", "/topics add energy", "/follow Lavrov", "/unfollow Lavrov"):
        assert await say(core, command, MEMBER, GROUP) == ADMINS_ONLY, command
    async with core.services.session() as session:
        assert await session.scalar(select(func.count(Subscription.id))) == 0
        assert await session.scalar(select(func.count(Follow.id))) == 0
    assert "Subscribed." in await say(core, "/subscribe 08:00 topics: energy", GROUP_ADMIN, GROUP)
    assert "Topics: energy" in await say(core, "/topics list", MEMBER, GROUP)  # reading is no change
    assert "<b>08:00</b>" in await say(core, "/settings", MEMBER, GROUP)


@pytest.mark.parametrize("text", ["/who", "/status", "/trend", "/follow", "/summarize"])
async def test_a_command_without_its_argument_says_how_to_use_it(core: Commands, text: str) -> None:
    reply = await say(core, text, where=Where(42))
    assert text in reply and "e.g." not in reply and "I don't know" not in reply


async def test_the_menu_lists_operator_commands_to_operators_only(settings: Settings, fake_api: FakeBotAPI) -> None:
    async with running_bot(settings, fake_api, admin_user_ids=frozenset({42, 77})):
        # The English menus (the default, no language_code); tests/test_i18n.py checks the Russian ones.
        menus = [params for name, params in fake_api.calls if name == "setMyCommands" and "language_code" not in params]
    everyone = {c["command"] for c in menus[0]["commands"]}
    assert "scope" not in menus[0] and {"who", "follow", "channel", "help"} <= everyone
    assert not everyone & {"feed", "feeds"}
    scoped = {m["scope"]["chat_id"]: {c["command"] for c in m["commands"]} for m in menus[1:]}
    assert set(scoped) == {42, 77}
    assert all(commands == everyone | {"feed", "feeds"} for commands in scoped.values())


async def test_every_command_in_help_has_a_handler(bot: FakeBotAPI) -> None:
    (help_text,) = await bot.ask("/help")
    for command in COMMANDS:
        assert (f"/{command.name} — " in help_text) == command.listed
        (reply,) = await bot.ask(f"/{command.name}", user_id=99)
        assert "I don't know the command" not in reply, command.name


async def test_feed_commands_are_for_operators_only(bot: FakeBotAPI) -> None:
    for command in ("/feed add https://feeds.example/rss.xml", "/feeds"):
        (reply,) = await bot.ask(command, user_id=99)
        assert "Only the bot's operators" in reply
