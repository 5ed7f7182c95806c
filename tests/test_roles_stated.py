"""Issue 10, roles on a large store: the role the text states is found whole, names carry no
role words, and a shorter name is linked to the one fuller name it ends. Sentences of our own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.nlp.analyze import analyze_texts
from domain.entities import EntityHit, RoleSupport
from storage.queries import _merge, rank_roles
from tests.support.nlp import english, people, roles

NOW = datetime(2021, 3, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        # A title with its place or team before the name, however the parser hangs it.
        ("Fans cheered as Rovers forward Tomas Brandt scored twice in the cup tie.", "Tomas Brandt", "Rovers forward"),
        (
            "Rovers and Norway forward Tomas Brandt expects the league to finish in June.",
            "Tomas Brandt",
            "Rovers and Norway forward",
        ),
        # An apposition after the post: "the post, Name,".
        ("The mayor praised his chief of staff, Sarah Collins, for the new budget.", "Sarah Collins", "chief of staff"),
        ("Police said an unarmed protester, Kai Lund, was hurt on Friday night.", "Kai Lund", "unarmed protester"),
        (
            "The board may reinstate the captain of the ferry Dawn, Otto Brask, who was dismissed in May.",
            "Otto Brask",
            "captain of the ferry Dawn",
        ),
        # A capitalised post in apposition (a list of guests).
        ("Guests: Mark Dawson, Director of the Harbour Institute.", "Mark Dawson", "Director of the Harbour Institute"),
        # "former" and "ex-" stay with the post.
        (
            "Former transport minister Peter Walsh MP said the fares were too high.",
            "Peter Walsh",
            "Former transport minister",
        ),
        (
            "Ex-Green councillor Ruth Alder told the radio programme she would stand again.",
            "Ruth Alder",
            "Ex-Green councillor",
        ),
        # Who someone works beside is a role.
        ("The singer hugged co-star Lena Holm on the red carpet.", "Lena Holm", "co-star"),
        # "as" a post; "is a professor of" a field.
        (
            "Officials hope Jan Oster will succeed Carl Moss as Finland manager next month.",
            "Carl Moss",
            "Finland manager",
        ),
        (
            "Peter Walsh is a professor of medieval history at the city university.",
            "Peter Walsh",
            "professor of medieval history",
        ),
        # Kin of the person just named.
        ("Mayor Theo Rask and his wife, Mira Rask, opened the fair.", "Mira Rask", "wife"),
    ],
)
def test_a_stated_role_is_found(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in roles(analyze_texts(nlp, [text])[0]).get(person, [])


def test_a_role_is_whole_words_never_a_fragment(nlp) -> None:  # type: ignore[no-untyped-def]
    # A number glued to its unit and a hyphenated word stay whole.
    found = roles(analyze_texts(nlp, ["World 5,000m champion Abel Tesfaye won again in Oslo on Friday."])[0])
    assert [role[-15:] for role in found["Abel Tesfaye"]] == ["5,000m champion"]
    found = roles(analyze_texts(nlp, ["Mona Pirk, regional co-ordinator for the Open Rights Trust, said so."])[0])
    assert found.get("Mona Pirk") == ["regional co-ordinator"]
    # An adjective alone, or a verb the tagger read as a noun, is no role.
    assert not roles(analyze_texts(nlp, ["Coach Bo Lind dropped the out-of-form Sami Rautio for Sunday."])[0]).get(
        "Sami Rautio"
    )
    assert not roles(analyze_texts(nlp, ["The 21-year-old edged Piet Vlaar on the last bend in Rome."])[0]).get(
        "Piet Vlaar"
    )


def test_a_headline_title_before_a_full_name_is_found(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ohio Governor Dale Penn Delays Reopening.\n\nThe state will wait two more weeks."
    assert roles(analyze_texts(nlp, [text], [True])[0]).get("Dale Penn") == ["Ohio Governor"]
    text = "Profile: Former Irish PM Peter Walsh.\n\nHe led the country for nine years."
    assert roles(analyze_texts(nlp, [text], [True])[0]).get("Peter Walsh") == ["Former Irish PM"]


def test_a_role_word_or_a_stray_word_is_no_part_of_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_texts(nlp, ["Keeper Tomas Brandt was setting his wall when the kick flew in."])[0]
    assert "Tomas Brandt" in people(analysis)
    assert roles(analysis).get("Tomas Brandt") == ["Keeper"]
    analysis = analyze_texts(nlp, ["Defenders Ole Berg and Ivo Sand, plus Rune Dahl have knocks this week."])[0]
    assert "Rune Dahl" in people(analysis)
    assert not any(name.startswith("plus") for name in people(analysis))
    analysis = analyze_texts(nlp, ["Editor: Sarah Collins Producer: Mark Dawson"])[0]
    assert roles(analysis) == {"Sarah Collins": ["Editor"], "Mark Dawson": ["Producer"]}


def support(role: str, articles: int) -> RoleSupport:
    return RoleSupport(role, articles, NOW)


def test_a_post_outranks_who_someone_works_beside_and_is_shown_spelled_out() -> None:
    ranked = rank_roles([support("team-mate", 3), support("Mercedes driver", 1)])
    assert ranked[0].role == "Mercedes driver"
    assert rank_roles([support("team-mate", 2)])[0].role == "team-mate"
    # "Gov." pooled with "Governor", shown spelled out once the text spells it out.
    assert rank_roles([support("Gov.", 3), support("Governor", 1)])[0].role == "Governor"


def test_a_shorter_name_folds_into_the_one_fuller_name_it_ends() -> None:
    def hit(id_: int, name: str, articles: int) -> EntityHit:
        return EntityHit(id_, name, "PERSON", name.lower(), articles, NOW)

    merged = _merge([hit(1, "Luis Maria Soto", 1), hit(2, "Maria Soto", 1)])
    assert [(h.name, h.articles) for h in merged] == [("Luis Maria Soto", 2)]
    # A chain: the prominent fuller name takes the title-prefixed form and the bare tail.
    merged = _merge(
        [
            hit(3, "Prince Omar bin Said", 2),
            hit(4, "Omar bin Said", 6),
            hit(5, "bin Said", 1),
            hit(6, "Omer bin Said", 1),
        ]
    )
    assert sorted((h.name, h.articles) for h in merged) == [("Omar bin Said", 9), ("Omer bin Said", 1)]


def test_a_shorter_name_and_a_title_before_a_surname_link_to_the_full_name_in_one_article(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Poet Daniel Lloyd Evans won the prize on Tuesday. Lloyd Evans said he was delighted."
    assert people(analyze_texts(nlp, [text])[0]) == {"Daniel Lloyd Evans"}
    analysis = analyze_texts(
        nlp, ["Emma Harper will star in the new film. Actress Harper said she was thrilled by the script."]
    )[0]
    assert people(analysis) == {"Emma Harper"}
    assert roles(analysis) == {"Emma Harper": ["Actress"]}


def test_one_mention_states_one_post_however_many_rules_find_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Peter Walsh, Chief Secretary to the Treasury, will leave Parliament at the election."
    assert roles(analyze_texts(nlp, [text])[0]) == {"Peter Walsh": ["Chief Secretary to the Treasury"]}


@pytest.mark.parametrize(
    ("headline", "person", "role"),
    [
        (
            "Peter Walsh, Painter and Outspoken Housing Activist, Dies at 90",
            "Peter Walsh",
            "Painter and Outspoken Housing Activist",
        ),
        ("Peter Walsh: Ex-Irish PM appointed UK trade envoy", "Peter Walsh", "Ex-Irish PM"),
        ("Mark Dawson: Painter and housing activist dies at 90", "Mark Dawson", "Painter and housing activist"),
    ],
)
def test_a_headline_apposition_after_a_full_name_is_a_role(nlp, headline: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_texts(nlp, [f"{headline}.\n\nFriends paid tribute on Monday."], [True])[0]
    assert roles(analysis).get(person) == [role]


def test_a_position_after_a_club_the_tagger_read_as_an_adjective(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Two forwards are injured, while Brive back Peter Walsh has received his first call-up."
    assert roles(analyze_texts(nlp, [text])[0]).get("Peter Walsh") == ["Brive back"]


def test_a_first_name_the_model_left_out_after_an_opening_role_word_is_the_names(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_texts(nlp, ["Wing Julien Moreau says France can still win the title this spring."])[0]
    assert roles(analysis) == {"Julien Moreau": ["Wing"]}


async def test_who_by_the_end_of_a_longer_name_answers_its_one_bearer(news) -> None:  # type: ignore[no-untyped-def]
    from bot.commands import Commands
    from tests.test_who_prominence import article, first_line, store

    await store(
        news,
        article(70, "Finance Minister Maria Luisa Ortega presented the budget. Ortega said taxes would fall."),
        article(71, "Finance Minister Maria Luisa Ortega met the bankers. She promised stable rates."),
        article(72, "The opposition criticised Luisa Ortega over the budget in parliament on Friday."),
    )
    assert first_line(await Commands(news).questions.who("Luisa Ortega")) == "Maria Luisa Ortega — Finance Minister"


def test_a_party_adjective_and_a_party_member_title_are_part_of_the_role(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'It was a blow, critics said." Conservative health spokeswoman Emma Harper said the plan would fail.'
    assert roles(analyze_texts(nlp, [text])[0]).get("Emma Harper") == ["Conservative health spokeswoman"]
    headline = "Peter Walsh, House Republican With a Long Record, Loses Primary.\n\nVoters chose a newcomer."
    assert roles(analyze_texts(nlp, [headline], [True])[0]).get("Peter Walsh") == ["House Republican"]
