"""Issue 10, eleventh round: the general reading of a role phrase beside a name (bot/nlp/role_phrases.py),
where no rule of roles.py read one: before the name, after its comma, after "is"/"was", and before the
comma the name closes. Sentences and names of our own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import RawArticle
from bot.nlp.analyze import analyze_texts
from bot.render.html import to_plain
from bot.reply import Caller, Where
from bot.services import Services
from domain.entities import RoleSupport
from storage.queries import rank_roles
from tests.support.migrations import downgrade_and_upgrade
from tests.support.nlp import english, people, roles

ME, HERE = Caller(42, admin=False), Where(42)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


def found(nlp, text: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return roles(analyze_texts(nlp, [text], [False])[0])


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # Before the name, whatever the parse makes of the phrase.
        ("The poet Marisol Quintrell writes for the weekend review about the coast.", "Marisol Quintrell", "poet"),
        ("PM Marco Bellini says the country cannot wait for a cure.", "Marco Bellini", "PM"),
        (
            "The virus will not go away, says the agency's special envoy for Covid-19 Hallam Brisket.",
            "Hallam Brisket",
            "special envoy",
        ),
        (
            '"Now the real bargaining begins," director of network research Tony Harrow said.',
            "Tony Harrow",
            "director of network research",
        ),
        (
            "The jury was told by criminalist Petra Vandeleur that the residue was old.",
            "Petra Vandeleur",
            "criminalist",
        ),
        ("Rugby number eight Tobias Marlowe says his faith kept him standing.", "Tobias Marlowe", "number eight"),
        # A rank abbreviated with a dot, which the parser may take for a sentence's end.
        ("The body was believed to be that of Sgt. Marcus T. Holloway, the police said.", "Marcus T. Holloway", "Sgt."),
        ("Staff Sgt. Kyle Burke received the Silver Star.", "Kyle Burke", "Staff Sgt."),
        # A plural post over a list of names is each one's, in the singular.
        (
            "Superbike riders Emil Kastner and Joaquin Solter crashed at the Brno circuit on Sunday.",
            "Joaquin Solter",
            "rider",
        ),
        # After "is" or "was", with where the post is held.
        (
            "Ingrid Vallory is a senior research associate in the Security Programme at Dunmore University.",
            "Ingrid Vallory",
            "senior research associate in the Security Programme at Dunmore University",
        ),
        (
            "Dr Lucinda Marsh is a doctor in Leeds who has practised for fifty years.",
            "Lucinda Marsh",
            "doctor in Leeds",
        ),
        (
            "Aldo Pirrone was a criminalist at the Ohio state crime laboratory for thirty years.",
            "Aldo Pirrone",
            "criminalist",
        ),
        # After the name's comma: the first of two posts joined by "and".
        (
            "Police are investigating the shooting of Joseph Mabena, a popular local politician and member of the "
            "ruling party known for his work.",
            "Joseph Mabena",
            "popular local politician",
        ),
        (
            "The president encouraged the Sufi figure Sayed Mahmoud to work with the composer.",
            "Sayed Mahmoud",
            "Sufi figure",
        ),
        (
            "Protesters marched on Friday, and a new election administrator - Joseph Mabena - was named.",
            "Joseph Mabena",
            "new election administrator",
        ),
        # A post opening the sentence, capitalised; a link joined to the name's verb.
        ("Cartoonist Priya Nair drew the cover for the anniversary issue.", "Priya Nair", "Cartoonist"),
        ("Peter Lambert left university and became a teacher in Hull.", "Peter Lambert", "teacher"),
        # The subject's own role "as" a post, later in the sentence.
        (
            "Maria Kovacs takes on her new role as chairwoman of the Race Equality Board in Leeds.",
            "Maria Kovacs",
            "chairwoman of the Race Equality Board",
        ),
        # Before the comma the name closes.
        (
            "The chief prosecutor at the Hague-based court, Amara Oyelaran, is among those named.",
            "Amara Oyelaran",
            "chief prosecutor at the Hague-based court",
        ),
        (
            "Opponents included the Bishop of Dunmore, the Rt Rev Michael Halloway, who said it would divide people.",
            "Michael Halloway",
            "Bishop of Dunmore",
        ),
    ],
)
def test_a_phrase_beside_the_name_is_their_role(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    # (as /who is scored: the role shown contains the one the text states)
    assert any(role in stated for stated in found(nlp, text).get(name, [])), found(nlp, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A thing, a standing, a judgement or a negation is no post.
        ("Peter Lambert is a danger to himself, the court heard.", "Peter Lambert"),
        ("Sarah Rusk is the outsider in the best director category this year.", "Sarah Rusk"),
        ("Bartholomew Quist is a great player and a fine man.", "Bartholomew Quist"),
        ("Oriana Belcourt is not a doctor, the court heard.", "Oriana Belcourt"),
        # Whom a post serves, or someone else's post before a list, is not theirs.
        ("The letter was signed by the spokesman for David Ashcombe on Friday.", "David Ashcombe"),
        (
            "The duet from former band star Corwin Hale and Delphine Marchetti fell to number five.",
            "Delphine Marchetti",
        ),
        ("World number one Ysolde Brandt and Marit Kjelsberg also went through.", "Marit Kjelsberg"),
        ("A friend of the singer, Chris Walsh, said she was devastated.", "Chris Walsh"),
        ("David Ashcombe praised Sarah Rusk's role as chairwoman of the board.", "David Ashcombe"),
        ("Peter Lambert lost his job as a bus driver in March.", "Peter Lambert"),
        ("Peter Lambert lost the vote and Michael Halloway became leader of the party.", "Peter Lambert"),
        # An act, a part in one event, a habit, an accusation, a condition or a post not yet held.
        ("David Mercer was appointed head coach of Leeds United on Friday.", "David Mercer"),
        ("Emma Castellano was a passenger in the van when it overturned.", "Emma Castellano"),
        ("Peter Lambert was the prosecutor in the case against the bank.", "Peter Lambert"),
        ("Sarah Rusk is a lifelong supporter of Leeds United.", "Sarah Rusk"),
        ('"Sam Cole is a Russian agent," the senator claimed.', "Sam Cole"),
        ("If Sophie Lambert was a doctor, she would know what to do.", "Sophie Lambert"),
        ("Michael Halloway is a future prime minister, his friends say.", "Michael Halloway"),
    ],
)
def test_no_post_is_read_where_the_phrase_names_none(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_texts(nlp, [text], [False])[0]
    assert name in people(analysis)  # the person is read; only no role is stated
    assert roles(analysis).get(name, []) == [], roles(analysis)


def test_a_loose_role_shows_only_where_no_rule_read_one() -> None:
    when = datetime(2026, 5, 1, tzinfo=UTC)
    loose = RoleSupport("media watcher", 3, when)
    loose.loose = set(loose.seen)
    ranked = rank_roles([loose, RoleSupport("actress", 1, when)])
    assert [r.role for r in ranked] == ["actress", "media watcher"]
    # Alone, or stated five times as often, it leads.
    assert rank_roles([loose])[0].role == "media watcher"
    many = RoleSupport("media watcher", 6, when)
    many.loose = set(many.seen)
    assert rank_roles([many, RoleSupport("actress", 1, when)])[0].role == "media watcher"


async def test_who_shows_a_rule_read_post_over_a_loose_one_and_a_loose_one_alone(core: Commands) -> None:
    articles = [
        RawArticle(text="Actress Maria Kovacs said the festival would go ahead in June.", title="Festival on"),
        RawArticle(text="Maria Kovacs is a social media watcher based in Amsterdam.", title="Guests tonight"),
        RawArticle(text="Maria Kovacs is a social media watcher based in Budapest.", title="On air"),
        RawArticle(
            text="Peter Lindqvist is a senior research associate in the Security Programme at Dunmore.", title="Tonight"
        ),
    ]
    await ingest(core.services, articles)
    (who,) = (await core.handle("/who Kovacs", caller=ME, where=HERE)).messages
    assert to_plain(who).startswith("Maria Kovacs — Actress"), to_plain(who)
    (who,) = (await core.handle("/who Lindqvist", caller=ME, where=HERE)).messages
    assert to_plain(who).startswith("Peter Lindqvist — senior research associate"), to_plain(who)


async def test_the_migration_keeps_the_roles_stored_before_it_as_read_by_rules(news: Services) -> None:
    await ingest(news, [RawArticle(text="Actress Maria Kovacs said the festival would go ahead.", title="Festival on")])
    async with news.engine.begin() as connection:
        await downgrade_and_upgrade(connection, "0007")
        rows = (await connection.execute(text("SELECT role, loose FROM roles"))).all()
    assert [(role, bool(loose)) for role, loose in rows] == [("Actress", False)]


def test_the_tail_of_a_post_ends_where_its_clause_does(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Jake Harlow is a doctor in London and his wife is a nurse.") == {
        "Jake Harlow": ["doctor in London"]
    }
    assert found(nlp, "Ann Marsh, 58, was a teacher in Hull before she entered politics.") == {
        "Ann Marsh": ["former teacher in Hull"]
    }


def test_a_name_tagged_a_body_is_a_person_where_the_phrase_names_a_persons_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The inquiry heard from Mandla Zulu, a popular local politician and member of the ruling party."
    analysis = analyze_texts(nlp, [text], [False])[0]
    assert people(analysis) == {"Mandla Zulu"}
    assert roles(analysis)["Mandla Zulu"][0].startswith("popular local politician")
    # A firm's post ("the lead adviser") leaves a firm's name a firm's.
    analysis = analyze_texts(nlp, ["Goldman Sachs, the lead adviser on the deal, said the bid was fair."], [False])[0]
    assert people(analysis) == set()


@pytest.mark.parametrize(
    "text",
    [
        # A body named like a person: "she" after an opening phrase, a firm's post, another's post.
        "At Goldman Sachs, she was a managing director in the fixed-income division.",
        "Eli Lilly, the US drugmaker, raised its forecast on Tuesday.",
        "She was the chief executive of Swiss bank Credit Suisse until 2020.",
    ],
)
def test_a_body_named_like_a_person_stays_a_body(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert people(analyze_texts(nlp, [text], [False])[0]) == set()
