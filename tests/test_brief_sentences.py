"""Brief stories (bot/brief/stories.py): one event each, its two sentences from its own articles, about its headline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.brief.stories import cluster
from bot.commands import Commands
from domain.briefs import WindowArticle
from tests.support.articles import store

GERMANY = """IMF cuts German growth estimate

The International Monetary Fund cut its forecast for economic growth in Germany this year to 0.8%, citing weak exports.
Officials at the finance ministry in Berlin said the forecast was too gloomy and that exports would recover.
The fund said German factories had lost orders for a third quarter in a row.
Chancellor Olaf Scholz said Germany would not cut spending on railways to please the fund."""

LIBERIA = """IMF raises Liberia growth forecast

The International Monetary Fund raised its forecast for economic growth in Liberia to 5%, citing rubber exports.
Officials at the finance ministry in Monrovia said the forecast showed that exports would keep growing.
The fund said Liberia still needed to collect more taxes before it could pay its teachers on time.
President Joseph Boakai said Liberia would use the money to pave the road to Gbarnga."""

RIGA = """Riga airport opens second runway

Heavy snow closed schools across the Baltic states on Monday and delayed trains between Vilnius and Warsaw for hours.
Forecasters said more snow would fall on the coast of Lithuania and Poland until the end of the week.
The airport in Riga opened its second runway on Monday, allowing the airport to handle twice as many flights.
Airport director Laila Odina said the runway in Riga had cost 90 million euros and took three years to build.
Airlines said they would add routes from Riga to Oslo, Lisbon and Dublin in the spring."""

FILLER = [
    """Tallinn library reopens

The national library in Tallinn reopened on Monday after six years of repairs to its roof and reading rooms.
Librarians said the library had moved two million books back onto its shelves during the summer.""",
    """Vilnius bakery wins prize

A family bakery in Vilnius won a European prize for its rye bread at a fair in Lyon on Sunday.
The bakers said they had used the same sourdough starter since their grandmother opened the shop in 1961.""",
]


def minutes_apart(n: int) -> timedelta:
    """The n-th article's age: two hours, and a minute more for each after the first."""
    return timedelta(hours=2, minutes=n)


def story_block(brief: str, headline: str) -> str:
    """The story's lines in the brief: its headline, its two sentences and its sources."""
    blocks = brief.split("\n\n")
    return next((block for block in blocks if headline in block.split("\n")[0]), "(no such story)\n")


async def test_articles_sharing_only_an_organisation_are_not_one_story(core: Commands) -> None:
    await store(core.services, [GERMANY, LIBERIA, *FILLER], age=minutes_apart)
    (brief,) = (await core.subscriptions.brief(None)).messages
    germany = story_block(brief, "IMF cuts German growth estimate")
    # The story about German growth tells of Germany, and nothing of Liberia.
    assert "German" in germany.split("\n")[1] and "Liberia" not in germany and "Monrovia" not in germany
    liberia = story_block(brief, "IMF raises Liberia growth forecast")
    assert "Liberia" in liberia.split("\n")[1] and "German" not in liberia


async def test_a_story_s_sentences_are_about_its_headline(core: Commands) -> None:
    await store(core.services, [RIGA, *FILLER], age=minutes_apart)
    (brief,) = (await core.subscriptions.brief(None)).messages
    riga = story_block(brief, "Riga airport opens second runway").split("\n")
    # The weather report that opens the article is not what the runway story is about.
    assert riga[1].startswith("The airport in Riga opened its second runway on Monday")
    assert "snow" not in riga[1]


def test_a_chain_of_pairs_is_not_one_story_and_near_duplicates_always_are() -> None:
    """A shares a lot with B, and B with C, but A and C nothing: not one event. A copy of a
    story (the same story_id) joins it even with nothing else in common."""
    now = datetime(2026, 11, 26, 8, tzinfo=UTC)

    def article(n: int, title: str, lead: str, entities: dict[int, str], story: int | None = None) -> WindowArticle:
        return WindowArticle(n, title, f"Outlet {n}", None, now, story, entities, lead.split())

    klaipeda, kiel = {1: "Klaipeda", 2: "LDU"}, {3: "DFDS", 4: "Kiel"}
    articles = [
        article(1, "Port of Klaipeda strike", "dockers strike at the port of Klaipeda over pay", klaipeda),
        article(2, "Klaipeda strike ends", "dockers at Klaipeda end strike so ferries can sail again", klaipeda | kiel),
        article(3, "Kiel ferry line resumes", "ferries sail again to Kiel with new ships", kiel),
        article(4, "Gdansk library reopens", "the city library reopens after repairs", {5: "Gdansk"}),
        article(5, "Warsaw bakery wins prize", "a bakery wins a prize for rye bread", {6: "Warsaw"}),
        article(6, "Books are back", "readers return", {}, story=4),
    ]
    together = [sorted(a.id for a in story.articles) for story in cluster(articles)]
    assert [1, 2, 3] not in together
    assert [1, 2] in together or [2, 3] in together
    assert [4, 6] in together and [5] in together
