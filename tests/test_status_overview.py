"""The /status overview is about its entity: every sentence in it names the entity."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import from_text
from bot.services import Services
from storage import queries
from storage.models import Mention, Sentence

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


async def store(news: Services, texts: list[str]) -> None:
    items = []
    for n, text in enumerate(texts):
        item = from_text(text, f"Outlet {n}")
        item.source, item.published = f"Outlet {n}", datetime.now(UTC) - timedelta(hours=3 - n)
        items.append(item)
    report = await ingest(news, items)
    assert len(report.new) == len(texts)


async def test_the_status_overview_talks_about_the_place_not_the_news_around_it(news: Services) -> None:
    await store(news, TARTU)
    reply = await Commands(news).questions.status("Tartu")
    lines = "\n".join(reply.messages).split("\n")
    overview = next(line for line in lines if line.startswith("<b>Overview ("))
    sentences = re.split(r"(?<=\.) ", overview.split("</b>: ", 1)[1])
    assert len(sentences) == 2
    assert all("Tartu" in sentence for sentence in sentences), sentences
    assert "budget" not in overview and "forum" not in overview


async def test_a_name_the_model_missed_counts_a_lowercase_acronym_does_not(news: Services) -> None:
    await store(news, [LAVROV, FISHING])
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
