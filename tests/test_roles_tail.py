"""Issue 10, roles of the long tail: the trades private people are named by, role nouns the tagger
misreads, a post "of" something in lower case, and an honorific that is a post. Sentences of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyze import analyze_texts
from tests.support.nlp import english, roles


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        # A position the tagger read as an adverb or a particle, after the words describing it.
        (
            "United agreed a fee for teenage forward Rory Dunmore with Stenhouse on Friday.",
            "Rory Dunmore",
            "teenage forward",
        ),
        (
            "'Everyone is fit and ready,' centre back Tomas Ferrer said after training on Monday.",
            "Tomas Ferrer",
            "centre back",
        ),
        (
            "Town will again be without Ireland full back Tom Varley for the derby at home.",
            "Tom Varley",
            "Ireland full back",
        ),
        # "international" as a player's standing, read as an adjective.
        (
            "Okafor battled with Peru international Diego Salas, who had a fine evening.",
            "Diego Salas",
            "Peru international",
        ),
        # Trades the news names people by.
        ("In the clip, a chemist shows blogger Ida Morrow in a kitchen how the soap is made.", "Ida Morrow", "blogger"),
        # The title a preposition's object, the company before it.
        (
            "In a new video TikTok star Nola Brisk paints her face to look like a cat.",
            "Nola Brisk",
            "TikTok star",
        ),
        # A lower-case post "of" a field, before the name.
        ("ABC director of research Mark Sollen said that costs rose again.", "Mark Sollen", "ABC director of research"),
        # A spelled number inside a capitalised title; a qualifier the tagger read as a verb.
        (
            "Four-time Formula One champion Nils Laufer thinks the young driver will cope well.",
            "Nils Laufer",
            "Four-time Formula One champion",
        ),
        (
            "The rally heard from the local Labour hopeful and shadow health secretary Dougal Ander at the school.",
            "Dougal Ander",
            "shadow health secretary",
        ),
        (
            "Voters backed Ohio state Senator Wendy Harlow in the primary last spring.",
            "Wendy Harlow",
            "Ohio state Senator",
        ),
        # A team before a position of two words the tagger misread.
        (
            "Harriers full back Ugo Manye (centre) will retire when the season ends in May.",
            "Ugo Manye",
            "Harriers full back",
        ),
        # Counsel in a court report.
        ("Eddie Cole, prosecuting, said the defendant had lied to police.", "Eddie Cole", "prosecuting"),
        ("Andrew Lawton, representing Mason, said his client was sorry.", "Andrew Lawton", "representing Mason"),
        # An honorific that is a post, when the text states no other.
        ("Professor Alan Crewe, who ran the trial, said the results were clear.", "Alan Crewe", "Professor"),
    ],
)
def test_a_role_of_the_long_tail_is_found(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in roles(analyze_texts(nlp, [text])[0]).get(person, [])


def test_a_role_noun_that_is_also_a_verb_is_no_title_after_a_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    # "back" and "lock" as verbs taking the name as object: no describing word, no title.
    for text in (
        "Tories back Boris Kemp in the vote on Tuesday.",
        "Members will lock Tom Varley out of the meeting.",
    ):
        found = roles(analyze_texts(nlp, [text])[0])
        assert not any("back" in role or "lock" in role for person in found.values() for role in person), found


def test_a_field_after_of_is_never_the_role_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze_texts(nlp, ["ABC director of research Mark Sollen said that costs rose again."])[0])
    assert "research" not in found.get("Mark Sollen", [])


def test_a_caption_word_is_never_a_role(nlp) -> None:  # type: ignore[no-untyped-def]
    # Where someone stands in a photo, what a caption points to, a caption run into the text.
    for text, person in (
        ("County wing Ugo Manye (centre) will retire when the season ends in May.", "Ugo Manye"),
        ("Scroll down for video Lena Brandvold told the show she was moving abroad.", "Lena Brandvold"),
        ("Her friends waited for news at trial Mira Tollefsen was later released on bail.", "Mira Tollefsen"),
    ):
        found = roles(analyze_texts(nlp, [text])[0]).get(person, [])
        assert not {"centre", "video", "trial"} & {role.lower() for role in found}, found


@pytest.mark.parametrize(
    "text",
    [
        # A trade noun that is a verb here, after a plural subject.
        "Detectives suspect Ann Lee was killed at her home on Friday.",
        "Rivals engineer Ann Lee's downfall at the party conference.",
        # "representing" a place in a race, not a client in court.
        "Tom Vance, representing Manchester, won the 100m on Saturday.",
    ],
)
def test_a_verb_or_a_team_is_no_role(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze_texts(nlp, [text])[0]) == {}
