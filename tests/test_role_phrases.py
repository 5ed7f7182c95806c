"""Issue 10, eleventh round: the general reading of a role phrase beside a name (bot/nlp/role_phrases.py),
where no rule of roles.py read one: before the name, after its comma, after "is"/"was", and before the
comma the name closes. Sentences and names of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyze import analyze_texts
from tests.support.nlp import english, people, roles


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
            "Aldo Pirrone was a criminalist at the Dunmore crime laboratory for thirty years.",
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
    ],
)
def test_no_post_is_read_where_the_phrase_names_none(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_texts(nlp, [text], [False])[0]
    assert name in people(analysis)  # the person is read; only no role is stated
    assert roles(analysis).get(name, []) == [], roles(analysis)
