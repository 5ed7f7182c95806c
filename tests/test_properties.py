"""Every chat command, fed arbitrary text, answers: no exception, a reply, valid Telegram HTML, ≤ 4096
characters. Runs on both databases (the `news` fixture is parametrised over SQLite and PostgreSQL)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from bot.commands import COMMANDS, Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import from_text
from bot.reply import Caller, Where
from bot.services import Services
from tests.conftest import fixture_text
from tests.support.telegram_html import assert_sendable

NAMES = [name for command in COMMANDS for name in command.names] + ["", "nosuch", "WHO", "who@newsbrief_test_bot"]
# What users type that once broke a parser: ASCII and other digits ("²".isdigit() but int("²") fails),
# ids past PostgreSQL's int32, NUL and other control characters, HTML metacharacters, zones.
TRICKY = [
    *"0123456789²³٣१#-+.:/@<>&\"' \x00\x01\x7f\n\tAaZzéß",
    "add ",
    "remove ",
    "list",
    "topics: ",
    "Europe",
    "Europe/Berlin",
    "07:30",
    "99999999999999999999",
    "2147483648",
    "9223372036854775808",
    "Aleppo",
    "Cavusoglu",
    "<b>",
    "&amp;",
]
ARGUMENTS = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(TRICKY), max_size=12).map("".join),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.integers(min_value=0, max_value=2**70).map(lambda n: f"#{n}"),
    st.lists(st.sampled_from(TRICKY), min_size=1500, max_size=3000).map("".join),  # past a message's length
)
ME = Caller(42, admin=True)  # an operator, so /feed and /feeds are exercised too
GUEST = Caller(7, admin=False, manages_chat=False)  # a group member who is no administrator
HERE = Where(42, 0, "private", "tester")


@pytest.fixture
async def chat(news: Services) -> AsyncIterator[Commands]:
    """The chat core over a small store: one real article, so ids, names and searches can match."""
    await ingest(news, [from_text(fixture_text("aleppo-truce.txt"), "aleppo-truce.txt")])
    yield Commands(news)


def _offline(*texts: str | None) -> bool:
    # A link would be fetched (DNS to a random host); every other path stays on this machine.
    return all("http" not in (text or "").lower() for text in texts)


@settings(
    # ~100 keeps the suite fast; NEWSBRIEF_PROPERTY_EXAMPLES=2000 for a longer hunt.
    max_examples=int(os.environ.get("NEWSBRIEF_PROPERTY_EXAMPLES", "100")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Inputs that once broke a command, always tried.
@example(command="who", argument="#9223372036854775808", replied=None, caller=ME, where=HERE)
@example(command="summarize", argument="2147483648", replied=None, caller=ME, where=HERE)
@example(command="latest", argument="²", replied=None, caller=ME, where=HERE)
@example(command="subscribe", argument="07:30 Europe", replied=None, caller=ME, where=HERE)
@example(command="status", argument="Alep\x00po", replied=None, caller=ME, where=HERE)
@given(
    command=st.sampled_from(NAMES),
    argument=ARGUMENTS,
    replied=st.one_of(st.none(), st.text(max_size=200)),
    caller=st.sampled_from([ME, GUEST]),
    where=st.sampled_from([HERE, Where(-100, 5, "supergroup", "Forum"), None]),  # None: the console
)
async def test_every_command_answers_any_text(
    chat: Commands, command: str, argument: str, replied: str | None, caller: Caller, where: Where | None
) -> None:
    assume(_offline(argument, replied))
    reply = await chat.handle(f"/{command} {argument}", replied, caller=caller, where=where)
    assert reply.messages and any(message.strip() for message in reply.messages)
    for message in reply.messages:
        assert_sendable(message)
