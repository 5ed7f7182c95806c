"""Issue 10, roles of the long tail: the trades private people are named by, role nouns the tagger
misreads, a post "of" something in lower case, and an honorific that is a post. Sentences of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyze import analyze_texts
from bot.nlp.model import load_pipeline
from bot.settings import Settings
from domain.analysis import Analysis


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline(Settings(_env_file=None).spacy_model)


def roles(analysis: Analysis) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for (key, kind), _, role in analysis.roles:
        found.setdefault(analysis.entities[(key, kind)].name, []).append(role)
    return found


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        # A position the tagger read as an adverb or a particle, after the words describing it.
        (
            "Rovers confirmed the sale of teenage forward Rory Dunmore to Stenhouse for a fee.",
            "Rory Dunmore",
            "teenage forward",
        ),
        (
            "'The squad is in good health,' centre back Tomas Ferrer told reporters on Monday.",
            "Tomas Ferrer",
            "centre back",
        ),
        (
            "Quins are still without England full back Tom Varley and have brought in a centre.",
            "Tom Varley",
            "England full back",
        ),
        # "international" as a player's standing, read as an adjective.
        (
            "Okafor tussles with Peru international Diego Salas, who enjoyed a fine game.",
            "Diego Salas",
            "Peru international",
        ),
        # Trades the news names people by.
        ("A nurse explains to blogger Ida Morrow in a video how the cream works.", "Ida Morrow", "blogger"),
        # The title a preposition's object, the company before it.
        (
            "In a startling new tutorial YouTube star Nola Brisk turns herself into a doll.",
            "Nola Brisk",
            "YouTube star",
        ),
        # A lower-case post "of" a field, before the name.
        ("ABC director of research Mark Sollen said that costs rose again.", "Mark Sollen", "ABC director of research"),
        # A spelled number inside a capitalised title; a qualifier the tagger read as a verb.
        (
            "Three-time Formula One champion Nils Laufer said the public will watch him.",
            "Nils Laufer",
            "Three-time Formula One champion",
        ),
        (
            "He spoke beside local Labour candidate and shadow foreign secretary Dougal Ander at the hall.",
            "Dougal Ander",
            "shadow foreign secretary",
        ),
        (
            "She once helmed a campaign for Texas state Senator Wendy Harlow in 2014.",
            "Wendy Harlow",
            "Texas state Senator",
        ),
        # A team before a position of two words the tagger misread.
        ("Rovers full back Ugo Manye (centre) is hanging up his boots in May.", "Ugo Manye", "Rovers full back"),
        # Counsel in a court report.
        ("Eddie Cole, prosecuting, said the defendant had lied to police.", "Eddie Cole", "prosecuting"),
        ("Andrew Lawton, representing Mason, said his client was sorry.", "Andrew Lawton", "representing Mason"),
        # An honorific that is a post, when the text states no other.
        ("Professor Alan Crewe, who led the study, said the results were clear.", "Alan Crewe", "Professor"),
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
        ("Rovers full back Ugo Manye (centre) is hanging up his boots in May.", "Ugo Manye"),
        ("Scroll down for video Lena Brandvold told the show she was moving abroad.", "Lena Brandvold"),
        ("Her lawyer feared an outcome at trial Mira Tollefsen was arrested in 2013.", "Mira Tollefsen"),
    ):
        found = roles(analyze_texts(nlp, [text])[0]).get(person, [])
        assert not {"centre", "video", "trial"} & {role.lower() for role in found}, found
