"""Issue 10, twelfth round: a person noun from WordNet's long tail (bot/nlp/data/person_nouns.txt), an
office inside a capitalised phrase, a body's name before a post, a guest list's long or timed post, a
headline's post after "Body of", a post whose body's name is too long. Sentences and names of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyze import analyze_texts
from tests.support.nlp import english, found


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A noun WordNet gives a person, with no agent ending.
        ("Orla Fenwick, a Dublin impresario, bought the old theatre last spring.", "Orla Fenwick", "Dublin impresario"),
        # Two words WordNet gives as one person noun.
        ("Former Halifax Comets tight end Rory Vantreight is to come out of retirement.", "Rory Vantreight",
         "Former Halifax Comets tight end"),
        ("Joost Verhaegen, a Dutch theatre impresario, signed her.", "Joost Verhaegen", "Dutch theatre impresario"),
        # An office the text capitalises, inside its phrase.
        ("Hal Brennock, the Canadian High Commissioner to Ghana, met the minister.", "Hal Brennock",
         "Canadian High Commissioner to Ghana"),
        # A body's capitalised name before the post is a word of the phrase, not a name before it.
        ("Liberal Democrat spokeswoman for rural affairs Lina Dorsey said the plan was late.", "Lina Dorsey",
         "Liberal Democrat spokeswoman for rural affairs"),
        # A guest list: a post too long whole is its own words; a programme's timestamps end it.
        ("Guests: Mira Tallon - Director of the Institute for the Study of Water and Climate Policy in Southern "
         "Africa at Rhodes University Dan Okoro - Lecturer, SOAS", "Mira Tallon", "Director"),
        ("Contributors: Dan Okoro - Lecturer, SOAS Mira Tallon - Video game developer 00:00 Intro 03:12 The water "
         "crisis 11:40 End", "Mira Tallon", "Video game developer"),
        # A post before the comma the name closes, after a time set off by its own comma.
        ("On Monday, Chilean Finance Minister, Tomas Orrego, said the budget would hold.", "Tomas Orrego",
         "Chilean Finance Minister"),
        # A post held and to be held on.
        ("Tomas Orrego will remain finance minister after the vote.", "Tomas Orrego", "finance minister"),
        # Past a clause set off by commas, the name's own link.
        ("Dale Prentis, who vanished in 2009, was a drug dealer who owed money, police said.", "Dale Prentis",
         "former drug dealer"),
        # A post whose body's name is too long whole: the post and the body, up to its next preposition.
        ("\"Thousands of homes have gone,\" said Ines Varga, head of the UN Office for the Coordination of Refugee "
         "Affairs. Tourists cut short their holidays.", "Ines Varga", "head of the UN Office"),
    ],
)  # fmt: skip
def test_a_post_read_in_the_round(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text).get(name, []), found(nlp, text)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A noun WordNet gives someone by trade, with no agent ending, opening a headline.
        ("Impresario Brendan Colley dies at 90.\n\nBrendan Colley staged forty musicals in the West End.",
         "Brendan Colley", "Impresario"),
    ],
)  # fmt: skip
def test_a_headlines_post(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text, headline=True).get(name, []), found(nlp, text, headline=True)


@pytest.mark.parametrize(
    ("text", "name", "wrong"),
    [
        # A title of address is no post, though WordNet has "sir" for a man of rank.
        ("Sir Alan Dorsey opened the fete on Saturday afternoon.", "Alan Dorsey", "Sir"),
        # Who held the post before is a relation, not the post.
        ("Critics say the new president is as harsh as her predecessor Ana Petrov.", "Ana Petrov", "predecessor"),
        # What befalls or marks someone is no trade, though WordNet files it under a person.
        ("The release of hostage Petra Lindqvist was confirmed on Tuesday.", "Petra Lindqvist", "hostage"),
        ("Yuki Tanaka is a football genius.", "Yuki Tanaka", "football genius"),
        # A headline's body that acts is no part of the post.
        ("Council Bans Busker Tom Vance From High Street\n\nTom Vance, 33, plays the bagpipes.", "Tom Vance",
         "Council Bans Busker"),
        # After a preposition the post is another's ("Shot by an assassin, Ann Lee, survived").
        ("Shot by an assassin, Ann Corliss, 60, survived the attack.", "Ann Corliss", "assassin"),
        # A caption's label is no word of the post's body.
        ("Breaking News Chelsea striker Ann Corliss has signed a new deal.", "Ann Corliss",
         "Breaking News Chelsea striker"),
        # A line that capitalises every word: its verb is no word of the office.
        ("BBC Appoints Director, Ann Corliss, To Lead Newsroom", "Ann Corliss", "BBC Appoints Director"),
        # Past a clause, a link that is not the name's own.
        ("Ann Corliss, who met him in 2001, said the man was a liar and a thief.", "Ann Corliss", "liar"),
        # A long apposition is not cut at a preposition that ends no body's name.
        ("Robin Colley, five-time award winner for such films as Wind River and Dry Creek, was there.", "Robin Colley",
         "five-time award winner for such films"),
    ],
)  # fmt: skip
def test_no_such_post_is_read(nlp, text: str, name: str, wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert wrong not in found(nlp, text).get(name, []), found(nlp, text)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Guests: Ann Corliss - Host of The 9:30 Show on Radio Dunmere Tom Vance - Critic",
         "Host of The 9:30 Show on Radio Dunmere"),
        ("Guests: Ann Corliss - Pastor of John 3:16 Church 00:00 Welcome 02:10 The sermon",
         "Pastor of John 3:16 Church"),
    ],
)  # fmt: skip
def test_a_time_inside_a_guests_post_is_no_chapter(nlp, text: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text)["Ann Corliss"] == [role]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A headline's "Sarah Vexley’s Shadow" is Sarah Vexley.
        ("Joe Rudgate’s Time in Sarah Vexley’s Shadow.", {"Joe Rudgate", "Sarah Vexley"}),
        # In a headline, the owner: "Hal Dunmore’s Top Aide" is Hal Dunmore.
        ("Senator Hal Dunmore’s Top Aide Quits", {"Hal Dunmore"}),
        # What is owned is the name when it is a full name of its own.
        ("Harlow Vance’s Ann Corliss said the spring range would be late.", {"Ann Corliss"}),
    ],
)  # fmt: skip
def test_a_possessive_inside_a_name_ends_it(nlp, text: str, names: set[str]) -> None:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_texts(nlp, [text], [False])
    people = {entity.name for entity in analysis.entities.values() if entity.kind == "PERSON"}
    assert people >= names and not any("’s" in name for name in people), people
