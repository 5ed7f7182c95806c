"""/who, /status, /trend, /latest and /search (bot/questions.py): answers from what was read, about their subject."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from telegram.ext import Application

from bot.commands import Commands
from bot.services import Services
from storage import queries
from storage.models import Mention, Sentence
from tests.support.articles import store, store_brief_news
from tests.support.botapi import FakeBotAPI

# Each report opens with other news (a budget, a business forum), as roundups do; the sentences
# about the place come later.
TARTU = [
    """Tartu opens its first tram line

The finance minister presented next year's budget to parliament on Monday, promising lower taxes for small firms.
Economists said the budget would widen the deficit unless growth picks up in the spring.
The city council in Tartu opened a tram line on Monday that links the university with the railway station.
Tartu mayor Urmas Klaas said the trams would carry ten thousand passengers a day by the summer.
Students in Tartu queued for an hour to ride the first tram across the river.
The line cost Tartu forty million euros, most of it paid by the European Union.""",
    """Trams return to Tartu after a century

Business leaders gathered at the economic forum in the mountains, where the budget was the talk of every dinner.
The forum's organisers said the budget debate had drawn record crowds to the sessions on taxes.
Trams are running in Tartu again, a hundred years after the last horse-drawn car left its streets.
Shopkeepers on the main street of Tartu said the building work had cost them customers for two years.
Engineers in Tartu tested the new trams through the winter to make sure they could cope with snow.
A second line to the hospital district of Tartu is planned for 2029.""",
    """Tartu tram line draws crowds

Parliament will vote on the budget next week after three days of debate, the speaker said on Tuesday.
Opposition parties said the budget did too little for pensioners and promised to vote against it.
Thousands of people rode the new tram in Tartu on its first day, the transport company said.
Pensioners in Tartu will ride the trams free of charge, the city council decided.
The tram depot in Tartu will also house a small museum of the city's old horse trams.
Residents of the villages around Tartu asked for bus connections to the new tram stops.""",
]

LAVROV = """Lavrov holds grain talks in Ankara

Russian Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara on Tuesday to discuss grain shipments.
Lavrov told reporters after the meeting that the talks on grain had been useful.
The weather in Ankara was cold and grey all week, and snow closed the airport for an hour."""

FISHING = """Fishing quotas agreed

US officials said on Monday that the fishing agreement with Canada would be signed in June.
Let us hope the agreement holds this time, one fisherman in Halifax said on the quay.
The harbour master in Halifax said the boats would stay in port until the quotas were published."""


async def test_the_status_overview_talks_about_the_place_not_the_news_around_it(core: Commands) -> None:
    await store(core.services, TARTU, age=lambda n: timedelta(hours=3 - n))
    reply = await core.questions.status("Tartu")
    lines = "\n".join(reply.messages).split("\n")
    overview = next(line for line in lines if line.startswith("<b>Overview ("))
    sentences = re.split(r"(?<=\.) ", overview.split("</b>: ", 1)[1])
    assert len(sentences) == 2
    assert all("Tartu" in sentence for sentence in sentences), sentences
    assert "budget" not in overview and "forum" not in overview


async def test_a_name_the_model_missed_counts_a_lowercase_acronym_does_not(news: Services) -> None:
    await store(news, [LAVROV, FISHING], age=lambda n: timedelta(hours=3 - n))
    async with news.transaction() as session:
        # The model missing a mention: the sentence that names Lavrov has no mention row.
        missed = select(Sentence.id).where(Sentence.text.startswith("Lavrov told reporters"))
        await session.execute(delete(Mention).where(Mention.sentence_id.in_(missed)))
    async with news.session() as session:
        (lavrov,) = await queries.find_entities(session, "Sergei Lavrov")
        about_lavrov = await queries.overview_sentences(session, lavrov.ids)
        (us,) = await queries.find_entities(session, "United States")
        about_us = await queries.overview_sentences(session, us.ids)
    lavrov_texts = [text for rows in about_lavrov.values() for text, _ in rows]
    assert any(text.startswith("Lavrov told reporters") for text in lavrov_texts)  # by its alias
    assert not any("weather" in text for text in lavrov_texts)
    us_texts = [text for rows in about_us.values() for text, _ in rows]
    assert any(text.startswith("US officials said") for text in us_texts)
    assert not any("Let us hope" in text or "harbour master" in text for text in us_texts)


async def test_status_ends_with_the_trend_and_no_overview_off_its_subject(
    bot: FakeBotAPI, telegram: Application
) -> None:
    await store_brief_news(telegram.bot_data.commands.services)
    bot.user_message("/status Kaunas")
    (status,) = await bot.replies()
    lines = status["text"].split("\n")
    assert lines[0].startswith("<b>Kaunas</b> — place · 2 articles")
    # Every sentence naming Kaunas is a dated line already: an overview could only repeat them
    # or talk of something else (the minister), so there is none (see the overview test above).
    assert not any(line.startswith("<b>Overview") for line in lines)
    # Daily articles as a sparkline ending today (2 articles), and who is named alongside.
    trend = next(line for line in lines if line.startswith("<b>Trend</b>: "))
    assert trend.startswith("<b>Trend</b>: ▁▁▁▁▁▁▁▁▁▁▁▁▁█ articles a day") and "(most 2)" in trend
    assert any(line.startswith("<b>Most involved</b>: Rail Baltica (") for line in lines)


async def test_status_shows_one_development_once_with_its_sources(core: Commands) -> None:
    bridge = "a new bridge over the Neris river would open on Friday"
    reports = [
        ("Wire A", f"The city council in Vilnius said {bridge}."),
        ("Wire B", f"The city council in Vilnius said on Tuesday that {bridge}."),
        ("Wire C", f"The city council in Vilnius said that {bridge}."),
        ("Wire D", "The mayor of Vilnius said the old market hall would close for repairs in the spring."),
    ]
    texts = [f"{sentence} Traffic will be diverted while work goes on." for _, sentence in reports]
    outlets = [outlet for outlet, _ in reports]
    await store(core.services, texts, outlets, age=lambda n: timedelta(hours=10 - n), all_new=False)
    reply = await core.questions.status("Vilnius")
    lines = [line for line in reply.messages[0].split("\n") if line[:4].isdigit()]
    about_bridge = [line for line in lines if "Neris" in line]
    assert len(about_bridge) == 1 and about_bridge[0].endswith(" · 3 sources")
    assert any("market hall" in line and "sources" not in line for line in lines)


async def test_a_name_the_model_missed_is_found_by_the_word_in_the_newest_articles(news: Services) -> None:
    texts = [
        ("Older", "Tallinn Harbour Reopens After Storm Damage", "Ferries resumed on Monday after repairs."),
        ("Newer", "Tallinnova Fashion Week Opens", "Designers showed their spring collections in the old town."),
    ]
    bodies = [f"{title}\n\n{body} The organisers expect more visitors next year." for _, title, body in texts]
    outlets = [outlet for outlet, _, _ in texts]
    await store(news, bodies, outlets, age=lambda n: timedelta(hours=5 - n), all_new=False)
    async with news.session() as session:
        found = await queries.named_sentences(session, "Tallinn", datetime.now(UTC) - timedelta(days=1))
    # The headline that names the place, whole word only ("Tallinnova" is another name).
    assert [(c.text, c.source) for c in found] == [("Tallinn Harbour Reopens After Storm Damage.", "Older")]


async def test_who_leads_with_the_post_stated_in_most_articles_lately(core: Commands) -> None:
    # A year ago three articles called her a candidate; the latest two call her president (one
    # of them twice, in two wordings: that article counts once).
    texts = [
        "Holm leads the race\n\nPresidential candidate Lena Holm opened her campaign office in Tartu on Monday.",
        "Holm in Narva\n\nPresidential candidate Lena Holm spoke to dock workers in Narva about wages.",
        "Holm debate\n\nPresidential candidate Lena Holm promised cheaper trains during the debate in Parnu.",
        "Holm signs treaty\n\nPresident Lena Holm signed the fishing treaty in Riga on Tuesday.",
        "Holm meets farmers\n\nPresident Lena Holm met farmers in Viljandi. Lena Holm is the president of the "
        "republic, the farmers' union said.",
    ]
    ages = [timedelta(days=400), timedelta(days=390), timedelta(days=380), timedelta(days=2), timedelta(days=1)]
    await store(core.services, texts, age=lambda n: ages[n])
    reply = await core.questions.who("Holm")
    first = reply.messages[0].split("\n", 1)[0]
    assert first == "<b>Lena Holm</b> — President", first
