"""Rendering (bot/render/): replies and briefs are valid Telegram HTML and fit in 4096 characters."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.render import replies
from bot.render.brief import brief as render_brief
from bot.render.html import esc, link, paginate, to_plain
from domain.briefs import Story, WindowArticle
from domain.entities import EntityHit, Profile
from tests.support.telegram_html import assert_sendable, check_telegram_html


def test_escaping_and_links_are_valid_telegram_html() -> None:
    message = esc('a <b> & "c"') + " " + link("x & <y>", 'https://e.com/?a=1&b="2"')
    check_telegram_html(message)
    assert to_plain(message) == 'a <b> & "c" x & <y> (https://e.com/?a=1&b="2")'


def test_paginate_splits_between_blocks_and_inside_huge_ones() -> None:
    blocks = [f"<b>{i}</b> " + esc("word & more " * 30) for i in range(100)] + [esc("z<" * 5000)]
    messages = paginate(blocks)
    assert len(messages) > 2
    for message in messages:
        assert_sendable(message)
    assert "".join(to_plain(m) for m in messages).count("word & more") == 3000


def test_a_long_brief_is_split_at_story_boundaries() -> None:
    now = datetime(2026, 11, 26, 8, tzinfo=UTC)
    stories = []
    for n in range(40):
        article = WindowArticle(n, f"Story number {n} & <more>", f"Outlet {n}", f"https://example.com/{n}", now, None)
        stories.append(Story([article], summary=[f"Sentence {n} " + "word " * 60, "Another sentence. " * 5]))
    messages = render_brief(stories, now, 40)
    assert len(messages) > 1
    for message in messages:
        assert_sendable(message)
    for n in range(40):
        holding = [m for m in messages if f"{n + 1}. Story number {n} &amp; &lt;more&gt;" in m]
        assert len(holding) == 1 and f"Sentence {n} " in holding[0]  # the whole story in one message


def test_a_name_of_two_kinds_is_listed_once() -> None:
    # spaCy may tag one name as two kinds (Kaunas a GPE here, a LOC there): two entities, one name.
    (_stored, entities, _try) = replies.stored(3, "Talks", ["Paris", "Berlin", "Berlin"], duplicate=False)
    assert entities == "Entities: Paris, Berlin"
    seen = datetime(2026, 11, 20, tzinfo=UTC)
    hit = EntityHit(1, "Jonas Petraitis", "PERSON", "jonas petraitis", 2, seen)
    related = [("Kaunas", "GPE", 2), ("Kaunas", "LOC", 2), ("Vilnius", "GPE", 1)]
    who = "\n".join(replies.who(Profile(hit, [], [], [], related)))
    assert who.endswith("<b>Appears with</b>: Kaunas (2), Vilnius (1)")
    trend = "\n".join(replies.trend([0, 1], seen, related))
    assert trend.endswith("<b>Most involved</b>: Kaunas (2), Vilnius (1)")
