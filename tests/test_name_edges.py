"""A person's name never carries a neighbour's word: another entity run into it, a rank, or the
letters after it. Sentences of our own."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from bot.nlp.analyze import analyze_docs, analyze_texts
from bot.nlp.model import load_pipeline
from bot.settings import Settings
from domain.analysis import Analysis


@pytest.fixture(scope="module")
def analyze():  # type: ignore[no-untyped-def]
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    return lambda text: analyze_texts(nlp, [text])[0]


def people(analysis: Analysis) -> set[str]:
    return {e.name for (_, kind), e in analysis.entities.items() if kind == "PERSON"}


def roles_of(analysis: Analysis, name: str) -> list[str]:
    return [role for (key, _), _, role in analysis.roles if analysis.entities[(key, "PERSON")].name == name]


def test_an_event_run_into_a_surname_is_not_a_first_name(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Daniel Okafor scored the winner for Sunderland, and Okafor said he was delighted. "
        "He compared the goal to scoring at the World Cup in Brazil. "
        "It was like the World Cup Okafor added with a smile."
    )
    assert people(analysis) == {"Daniel Okafor"}


def test_a_team_mate_listed_before_a_full_name_is_not_part_of_it(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Pedro trained alone on Friday, the coach said. "
        "Ancelotti will pick Pedro Daniel Okafor and Luis Romero for the final against Sevilla."
    )
    assert "Daniel Okafor" in people(analysis)
    assert "Pedro Daniel Okafor" not in people(analysis)


def test_a_rank_before_a_name_is_the_title_not_the_first_name(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze("Drivers should slow down on the bridges, said Sergeant Paula Wendt of the county police.")
    assert "Paula Wendt" in people(analysis)
    assert roles_of(analysis, "Paula Wendt") == ["Sergeant"]


def test_letters_after_a_name_are_not_part_of_it(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze("Judge Marcus Hollin QC ordered the builder to repay the money within three months.")
    assert "Marcus Hollin" in people(analysis)
    assert "Marcus Hollin QC" not in people(analysis)


def test_a_regnal_number_stays_in_the_name(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze("King Henry VIII married six times, the historian Ruth Abels told the audience.")
    assert not any(name.endswith("Henry") for name in people(analysis))


def test_an_untagged_first_name_makes_a_second_bearer_of_a_surname(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The abuse campaigner Pete Harlow welcomed the report on Monday. "
        "But Director of Public Prosecutions Alison Harlow said the case was closed."
    )
    assert {"Pete Harlow", "Alison Harlow"} <= people(analysis)
    # her title is no part of his
    assert not any("Alison" in role for role in roles_of(analysis, "Pete Harlow"))


def test_a_first_name_before_a_surname_tagged_alone_is_kept(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The manager has reminded Raheel Dunmore and Jordan Pike about their responsibilities. "
        "Dunmore was pictured with Pike at a party on Monday."
    )
    assert "Raheel Dunmore" in people(analysis)


def test_a_caption_direction_is_no_role(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze("Raheel Dunmore (right) was pictured with his team-mate Jordan Pike at a party on Monday.")
    assert "right" not in roles_of(analysis, "Raheel Dunmore")


def test_a_post_named_after_what_it_is_of_is_the_title(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze("Director of Public Prosecutions Alison Harlow was forced into a climbdown.")
    assert roles_of(analysis, "Alison Harlow") == ["Director of Public Prosecutions"]


def test_a_first_name_tagged_a_place_before_a_surname_is_the_name(analyze) -> None:  # type: ignore[no-untyped-def]
    # The model's tags as seen in a real article, set by hand: "Natalia" a place, "Moss" a person.
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    doc = nlp("Natalia Moss starred in a sitcom. Bubbly blonde Natalia Moss moved to Manila.")
    first, second = [t.i for t in doc if t.text == "Natalia"]
    doc.ents = [
        Span(doc, first, first + 2, label="PERSON"),
        Span(doc, second, second + 1, label="GPE"),
        Span(doc, second + 1, second + 2, label="PERSON"),
    ]
    analysis = next(analyze_docs([doc]))
    assert people(analysis) == {"Natalia Moss"}
    assert not any("Natalia" in role for role in roles_of(analysis, "Natalia Moss"))


def test_a_group_noun_is_no_ones_title(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze("The painting shows the pair Marta Ruiz and Dr Paulo Brandt standing in her garden.")
    assert "pair" not in roles_of(analysis, "Marta Ruiz")


def test_an_initial_before_a_surname_makes_no_second_bearer(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Scrum-half Matt Dawlish kicked the winning penalty. "
        "England: J Robinson, M Dawlish, W Greenwood, B Cohen, L Dallaglio."
    )
    assert not any(name.startswith("M ") for name in people(analysis))
