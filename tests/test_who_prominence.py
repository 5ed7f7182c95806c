"""/who, /status, /trend and /follow on a name several people share: the one readers mean is
answered at once, the others offered under the answer; a choice first only when comparable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import RawArticle
from bot.render.html import to_plain
from bot.reply import CONSOLE, Reply, Where
from bot.services import Services
from domain.entities import EntityHit
from storage.queries import _merge

NOW = datetime.now(UTC).replace(microsecond=0)
TOWNS = ["Leeds", "Derby", "Bath", "Hull", "York", "Ely", "Wells", "Ripon"]


def article(number: int, text: str, days_ago: float = 1) -> RawArticle:
    """A short article of its own: distinct text, title and date."""
    town = TOWNS[number % len(TOWNS)]
    body = f"{text}\nThe visit to {town} on day {number} drew a crowd of {100 + number} people."
    when = NOW - timedelta(days=days_ago)
    return RawArticle(text=body, title=f"Report {number} from {town}", published=when, origin=f"{number}.txt")


def premier(number: int, days_ago: float = 1) -> RawArticle:
    return article(
        number,
        f"Prime Minister Tessa Marsh opened a hospital in {TOWNS[number % len(TOWNS)]}. "
        "Tessa Marsh said the new wards would cut waiting lists across the region this year.",
        days_ago,
    )


def singer(number: int, days_ago: float = 1) -> RawArticle:
    return article(
        number,
        "The singer Owen Marsh played to a full hall. Owen Marsh said the tour would end in the spring "
        "after forty concerts in nine countries.",
        days_ago,
    )


def first_line(reply: Reply) -> str:
    return to_plain(reply.messages[0]).split("\n", 1)[0]


async def store(news: Services, *items: RawArticle) -> None:
    report = await ingest(news, list(items))
    assert len(report.new) == len(items), report.failed


async def test_the_dominant_bearer_is_answered_and_the_others_offered_under_it(news: Services) -> None:
    await store(news, *(premier(n) for n in range(4)), singer(10))
    chat = Commands(news)
    reply = await chat.questions.who("Marsh")
    assert first_line(reply) == "Tessa Marsh — Prime Minister"
    assert "Also: Owen Marsh" in to_plain("\n".join(reply.messages))
    assert [c.label for c in reply.choices] == ["Owen Marsh (person, 1 article)"]
    # The button answers for the other bearer.
    other = await chat.handle(reply.choices[0].command, caller=CONSOLE)
    assert first_line(other).startswith("Owen Marsh — ")
    # /status and /trend resolve the same way, through the same step.
    status = await chat.questions.status("Marsh")
    assert first_line(status).startswith("Tessa Marsh — person")
    assert [c.command for c in status.choices] == [reply.choices[0].command.replace("/who", "/status")]
    trend = await chat.questions.trend("Marsh")
    assert to_plain(trend.messages[0]).startswith("Tessa Marsh — ")


async def test_comparably_prominent_bearers_are_a_choice(news: Services) -> None:
    await store(news, *(premier(n) for n in range(2)), *(singer(n) for n in range(10, 12)))
    reply = await Commands(news).questions.who("Marsh")
    assert first_line(reply) == "Which Marsh do you mean?"
    labels = sorted(c.label for c in reply.choices)
    assert labels == ["Owen Marsh (person, 2 articles)", "Tessa Marsh (person, 2 articles)"]


async def test_a_runner_up_leading_the_latest_month_makes_it_a_choice(news: Services) -> None:
    # Tessa Marsh dominated a year ago; this month the coverage is Owen Marsh's.
    await store(
        news,
        *(premier(n, days_ago=400 + n) for n in range(12)),
        *(singer(n, days_ago=2 + n) for n in range(20, 24)),
    )
    reply = await Commands(news).questions.who("Marsh")
    assert first_line(reply) == "Which Marsh do you mean?"


async def test_a_bare_surname_links_to_the_prominent_full_name_when_the_evidence_comes(news: Services) -> None:
    chat = Commands(news)
    await store(
        news,
        article(
            30,
            "Critics attacked Mrs Marsh over the plan. Mrs Marsh said the hospital plan would go "
            "ahead whatever the cost to the party.",
        ),
    )
    before = await chat.questions.who("Marsh")
    assert first_line(before).startswith("Marsh — ")
    # Later articles name her in full: the bare surname is now hers, and so is what it said.
    await store(news, *(premier(n) for n in range(3)), singer(10))
    after = await chat.questions.who("Marsh")
    text = to_plain("\n".join(after.messages))
    assert first_line(after) == "Tessa Marsh — Prime Minister"
    assert "Mentioned in 4 articles" in text
    assert "whatever the cost to the party" in text
    assert [c.label for c in after.choices] == ["Owen Marsh (person, 1 article)"]


async def test_follow_takes_the_prominent_bearer(news: Services) -> None:
    await store(news, *(premier(n) for n in range(4)), singer(10))
    reply = await Commands(news).follows.follow("Marsh", Where(chat_id=42))
    assert "Tessa Marsh" in to_plain(reply.messages[0])
    assert [c.label for c in reply.choices] == ["Owen Marsh (person, 1 article)"]


async def test_a_bare_surname_the_store_cannot_link_never_wins_over_the_full_names(news: Services) -> None:
    bare = [
        article(40 + n, f"Critics attacked Mr Marsh over plan {n}. Mr Marsh said the plan number {n} was sound.")
        for n in range(5)
    ]
    await store(news, *(premier(n) for n in range(2)), *(singer(n) for n in range(10, 12)), *bare)
    reply = await Commands(news).questions.who("Marsh")
    assert first_line(reply) == "Which Marsh do you mean?"
    labels = [c.label for c in reply.choices]
    assert "Tessa Marsh (person, 2 articles)" in labels and "Owen Marsh (person, 2 articles)" in labels


async def test_one_name_however_written_is_one_person(news: Services) -> None:
    await store(
        news,
        article(50, "Nicolás Ferreira, the mayor of the port, said the quay would reopen in June after repairs."),
        article(51, "Nicolas Ferreira, the mayor of the port, said ships would dock again within a month."),
        article(52, "Nicolas J. Ferreira said the harbour fees would stay the same for local fishermen."),
        article(53, "Mayor Nicolas Ferreira opened the rebuilt fish market on the north side of the harbour."),
    )
    reply = await Commands(news).questions.who("Ferreira")
    assert first_line(reply).startswith("Nicolas Ferreira — ")
    assert not reply.choices
    assert "Mentioned in 4 articles" in to_plain(reply.messages[0])


async def test_an_abbreviated_title_shows_as_written_and_a_bare_surnames_role_stays_its_own(news: Services) -> None:
    await store(
        news,
        article(60, "Gov. Tessa Marsh signed the budget on Monday. Tessa Marsh said schools would get more money."),
        article(61, "Gov. Tessa Marsh vetoed the road bill. Tessa Marsh said the state could not afford it."),
        article(62, "Gov. Tessa Marsh toured the flooded valley. Tessa Marsh promised help to every farm there."),
        # Another Marsh, named by surname alone: the store folds the mention into Tessa Marsh,
        # but the title it is given is not hers.
        article(63, "Harbour master Marsh said the tide would close the port. Marsh has run the harbour for years."),
    )
    reply = await Commands(news).questions.who("Marsh")
    assert first_line(reply) == "Tessa Marsh — Gov."  # the text's own wording
    described = [line for line in to_plain(reply.messages[0]).split("\n") if line.startswith("Also described as")]
    assert not any("master" in line.lower() for line in described)
    # Once the text spells the post out, it is shown spelled out (an abbreviation alone says
    # less), the abbreviation pooled with it.
    await store(
        news,
        article(64, "Governor Tessa Marsh opened the dam. Tessa Marsh said the valley was safe now."),
        article(65, "Governor Tessa Marsh met the farmers. Tessa Marsh said the aid would come in May."),
    )
    reply = await Commands(news).questions.who("Tessa Marsh")
    assert first_line(reply) == "Tessa Marsh — Governor"
    await store(news, article(66, "Governor Tessa Marsh signed the water bill. Tessa Marsh thanked the council."))
    await store(news, article(67, "Governor Tessa Marsh named a new judge. Tessa Marsh praised her record."))
    reply = await Commands(news).questions.who("Tessa Marsh")
    assert first_line(reply) == "Tessa Marsh — Governor"
    assert "Also described as" not in to_plain(reply.messages[0])  # "Gov." is the same post


def test_names_fold_on_evidence_of_one_bearer_only() -> None:
    def hit(id_: int, name: str, kind: str, articles: int) -> EntityHit:
        return EntityHit(id_, name, kind, name.lower(), articles, NOW)

    merged = _merge(
        [
            hit(1, "Tim Henman", "PERSON", 9),
            hit(2, "Briton Tim Henman", "PERSON", 1),  # a word the model took into the name
            hit(3, "Henman", "ORG", 4),  # a surname the model tagged an organisation in headlines
        ]
    )
    assert [(h.name, h.articles) for h in merged] == [("Tim Henman", 14)]
    # A country better covered than the person who bears its name stays a country; a two-word
    # name that ends one fuller name only ("Symmons Roberts") is that person, named in full.
    merged = _merge(
        [
            hit(4, "Jordan", "GPE", 50),
            hit(5, "Michael Jordan", "PERSON", 5),
            hit(6, "Symmons Roberts", "PERSON", 1),
            hit(7, "Michael Symmons Roberts", "PERSON", 1),
        ]
    )
    assert sorted((h.name, h.articles) for h in merged) == [
        ("Jordan", 50),
        ("Michael Jordan", 5),
        ("Michael Symmons Roberts", 2),
    ]
    # Two fuller names that end alike and are comparably covered: the short one stays a choice.
    merged = _merge(
        [
            hit(8, "Ann Roberts", "PERSON", 2),
            hit(9, "Mary Ann Roberts", "PERSON", 2),
            hit(10, "Jo Ann Roberts", "PERSON", 2),
        ]
    )
    assert len(merged) == 3


async def test_a_trend_chart_in_telegram_carries_the_also_buttons(news: Services, fake_api) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.conftest import running_bot

    await store(news, *(premier(n) for n in range(4)), singer(10))
    async with running_bot(news.settings, fake_api) as bot:
        bot.user_message("/trend Marsh")
        photo = await bot.photo()
    assert "Tessa Marsh" in photo["caption"]
    buttons = json.loads(photo["params"]["reply_markup"])["inline_keyboard"]
    assert any("Owen Marsh" in button["text"] for row in buttons for button in row)


async def test_a_name_written_family_name_first_answers_to_its_family_name(news: Services) -> None:
    await store(
        news,
        *(
            article(n, "President Wen Hualin opened the new bridge. Wen Hualin said trade along the river would grow.")
            for n in range(70, 74)
        ),
        # An article that names him only by his family name: the store keeps a bare "Wen".
        article(74, "Mr Wen told reporters that the talks had gone well and would continue next month."),
    )
    reply = await Commands(news).questions.who("Wen")
    assert first_line(reply) == "Wen Hualin — President"


async def test_a_hyphenated_given_name_is_the_same_name_without_the_hyphen(news: Services) -> None:
    await store(
        news,
        article(80, "Governor Park Sun-hee opened the new port. Park Sun-hee said exports would rise this year."),
        article(81, "Governor Park Sun-hee visited the shipyard. Park Sun-hee promised new jobs in the town."),
        article(82, "Governor Park Sun Hee closed the summit. Park Sun Hee said the deal would hold for years."),
        article(83, "Governor Park Sun Hee met farmers. Park Sun Hee said the harvest had been the best in a decade."),
    )
    reply = await Commands(news).questions.who("Park")
    assert not reply.choices
    assert "Mentioned in 4 articles" in to_plain(reply.messages[0])


async def test_a_title_one_article_gives_a_bare_surname_is_not_given_to_the_full_name(news: Services) -> None:
    await store(
        news,
        *(
            article(70 + n, f"Dominic Vale travelled north on day {n}. Dominic Vale said he had broken no rule.")
            for n in range(3)
        ),
        # A namesake known here only by his surname: his title must not become Dominic Vale's.
        article(75, "Veteran congressman Vale said the bill would pass. Vale has served for twenty years."),
    )
    line = first_line(await Commands(news).questions.who("Vale"))
    assert line.startswith("Dominic Vale")
    assert "congressman" not in line.lower()


def headlined(number: int, title: str, text: str, days_ago: float = 1) -> RawArticle:
    """An article whose headline is its own line, before the text (as feeds bring them)."""
    when = NOW - timedelta(days=days_ago)
    return RawArticle(text=text, title=title, published=when, origin=f"{number}.txt")


async def test_a_headlines_title_is_shown_when_the_text_gives_none_and_counts_below_the_texts(news: Services) -> None:
    await store(
        news,
        headlined(70, "Wales forward Tess Lund joins Derby on loan", "Tess Lund signed for the season on Monday."),
    )
    reply = await Commands(news).questions.who("Lund")
    assert first_line(reply) == "Tess Lund — Wales forward"
    # An older article's text calls her captain: the text's title leads (a headline counts
    # half), though the headline is newer.
    await store(
        news,
        article(71, "Derby captain Tess Lund scored twice. Tess Lund said the team had earned it.", days_ago=3),
    )
    reply = await Commands(news).questions.who("Lund")
    assert first_line(reply) == "Tess Lund — Derby captain"
