"""Inline mode without Telegram: `@bot Lavrov` (or `@bot status Idlib`) as a few ready answers to
pick from, each the /who or /status answer as one message."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from bot.choose import resolve_or_choose
from bot.i18n import N_, _
from bot.questions import Questions
from bot.render import replies
from bot.render.html import paginate, to_plain
from bot.user_input import clean_input
from domain.entities import EntityHit
from storage import queries

MAX_RESULTS = 5  # one per bearer of a shared name, as the buttons under /who offer them
MIN_QUERY = 2  # a single letter matches too much to be worth a database round
MAX_QUERY = 100
DESCRIPTION = 120  # characters Telegram shows under a result's title, about two lines
HINT = N_("Type a name, e.g. Lavrov, or status Idlib")
START = "inline"  # the /start payload of the hint button (letters, digits, _ and - only)
_MODE = re.compile(r"^/?(who|status)(?:@\w+)?(?:\s+|$)", re.IGNORECASE)


@dataclass(frozen=True)
class InlineResult:
    """One answer offered: what the list shows (title, description) and the message it sends."""

    id: str  # unique within one answer, at most 64 bytes
    title: str
    description: str
    html: str  # one Telegram HTML message, at most 4096 characters, naming its sources


@dataclass
class InlineAnswer:
    """The results for one inline query, and a hint shown above them (None: no hint)."""

    results: list[InlineResult] = field(default_factory=list)
    hint: str | None = None


def parse(query: str) -> tuple[str, str]:
    """("status Idlib") -> ("status", "Idlib"); a bare name asks /who."""
    query = " ".join(clean_input(query).split())
    match = _MODE.match(query)
    if match is None:
        return "who", query[:MAX_QUERY]
    return match.group(1).lower(), query[match.end() :][:MAX_QUERY]


def _first_message(blocks: list[str]) -> str:
    """The blocks as one message: the first page, whole blocks only."""
    return paginate(blocks)[0]


def _clip(text: str, limit: int = DESCRIPTION) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


async def answer(questions: Questions, query: str) -> InlineAnswer:
    """The inline answer to `query`: /who by default, /status when it starts with "status"."""
    mode, name = parse(query)
    if len(name) < MIN_QUERY:
        return InlineAnswer(hint=_(HINT))
    results = await (_status(questions, name) if mode == "status" else _who(questions, name))
    if not results:
        return InlineAnswer(hint=_clip(_("Nothing about {name} yet: send me articles").format(name=name), 60))
    return InlineAnswer(results)


async def _candidates(questions: Questions, name: str, command: str) -> list[EntityHit]:
    """Everyone the name may mean, the most prominent first (as /who would answer)."""
    picked = await resolve_or_choose(questions.services, name, command, people_first=command == "who")
    return picked.hits[:MAX_RESULTS]


async def _who(questions: Questions, name: str) -> list[InlineResult]:
    results = []
    for hit in await _candidates(questions, name, "who"):
        async with questions.services.session() as session:
            profile = await queries.profile(session, hit)
        role = profile.roles[0].role if profile.roles else replies.kind_word(hit.kind)
        seen = _("{articles}, last seen {day}").format(
            articles=replies.articles_phrase(hit.articles), day=replies.day(hit.last_seen)
        )
        said = f" · “{profile.said[0].text}”" if profile.said else ""
        results.append(
            InlineResult(
                f"who-{hit.id}",
                _clip(f"{hit.name} — {role}", 100),
                _clip(seen + said),
                _first_message(replies.who(profile)),
            )
        )
    return results


async def _status(questions: Questions, name: str) -> list[InlineResult]:
    results = []
    for hit in await _candidates(questions, name, "status"):
        # By id: the answer for this bearer of the name, whoever else shares it.
        reply = await questions.status(f"#{hit.id}")
        lines = to_plain(reply.messages[0]).splitlines()
        kind = replies.kind_word(hit.kind, replies.TOPIC)
        latest = lines[1] if len(lines) > 1 else replies.articles_phrase(hit.articles)
        title = _clip(f"{hit.name} — {kind} · {replies.articles_phrase(hit.articles)}", 100)
        results.append(InlineResult(f"status-{hit.id}", title, _clip(latest), reply.messages[0]))
    if results:
        return results
    # No entity by that name: the sentences that use the words, as /status answers a topic.
    async with questions.services.session() as session:
        total, lines = await queries.topic_sentences(session, name)
    if not lines:
        return []
    html = _first_message(replies.status(name, None, total, lines[0].published_at, lines))
    key = hashlib.sha1(name.lower().encode(), usedforsecurity=False).hexdigest()[:16]
    title = f"{name} — {replies.kind_word(None, replies.TOPIC)} · {replies.articles_phrase(total)}"
    return [InlineResult(f"topic-{key}", _clip(title, 100), _clip(to_plain(replies.cited_line(lines[0]))), html)]
