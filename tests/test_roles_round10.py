"""Issue 10, tenth round: a party's member after a post, two posts of a guest joined by "and", a
guest's post after a comma, a post of a body before the name, a body in capitals before a post,
modifiers joined before one post, a title before a hyphenated surname the model tags a body, a
name the model splits into two places, an age glued to a name, and a month's abbreviation that is
no title. Sentences and names of our own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.nlp.analyze import analyze_texts
from domain.entities import RoleSupport
from storage.queries import rank_roles
from tests.support.nlp import english, found, people


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


def test_a_post_stated_beside_a_party_comes_first() -> None:
    when = datetime(2026, 5, 1, tzinfo=UTC)
    for affiliation in ("Ohio Republican", "Democrat of Vermont", "Labour"):
        ranked = rank_roles([RoleSupport("Representative", 1, when), RoleSupport(affiliation, 1, when)])
        assert ranked[0].role == "Representative", affiliation
        ranked = rank_roles([RoleSupport("councillor", 1, when), RoleSupport(affiliation, 1, when)])
        assert ranked[0].role == "councillor", affiliation
    # Alone, the party is still what the text says of them.
    assert [r.role for r in rank_roles([RoleSupport("Ohio Republican", 1, when)])] == ["Ohio Republican"]


def test_a_party_stated_far_more_often_still_leads() -> None:
    when = datetime(2026, 5, 1, tzinfo=UTC)
    ranked = rank_roles([RoleSupport("Ohio Republican", 20, when), RoleSupport("lifelong fan", 1, when)])
    assert ranked[0].role == "Ohio Republican"


def test_the_first_of_a_guests_two_long_posts_is_theirs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Presenter: Imogen Hart Guests: Colm Devane - Liberal campaigner and former deputy press officer for the "
        "National Reform League of the Western Provinces Ruth Ashdown - Chief Executive of Pellmark, a data firm"
    )
    found_roles = found(nlp, text)
    assert found_roles.get("Colm Devane") == ["Liberal campaigner"]
    assert found_roles.get("Ruth Ashdown") == ["Chief Executive of Pellmark, a data firm"]


def test_a_guests_post_written_after_a_comma_is_not_the_last_guests(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Contributors: Mara Quist - Editor, The Harbour Post Tobias Renn - Reporter and columnist "
        "Elsa Marchetti, Associate lecturer - Tallin Institute Ida Sorel - Director, Kestrel Centre"
    )
    found_roles = found(nlp, text)
    assert found_roles.get("Elsa Marchetti") == ["Associate lecturer"]
    assert "columnist" not in found_roles.get("Elsa Marchetti", [])


def test_a_place_and_the_next_guest_after_a_comma_are_no_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Contributors: Mara Quist - research director, Centre for Media, Policy and Public Life, Brandt University "
        "Will Sommerby - tech reporter, The Daily Lantern"
    )
    assert "Public Life" not in people(analyze_texts(nlp, [text], [False])[0])


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("But director of the Friends of Fenland Trust, Harold Mabbott, accused the council of neglect.",
         "Harold Mabbott", "director of the Friends of Fenland Trust"),
        ('WHO chief Dr Amara Osei says "the curve is flattening".', "Amara Osei", "WHO chief"),
        ("Lukas Brandt, the Austrian furniture and lighting designer, opened a shop.", "Lukas Brandt",
         "Austrian furniture and lighting designer"),
        ("Former Sugarcane singer Petra Holm,29, left the show on Monday.", "Petra Holm", "Former Sugarcane singer"),
    ],
)  # fmt: skip
def test_posts_the_parse_hangs_elsewhere(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text).get(person, []), found(nlp, text)


def test_two_posts_each_with_its_own_article_stay_two(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Helga Morrow, a Labour peer and a human rights lawyer, spoke."
    assert "and" not in " ".join(found(nlp, text).get("Helga Morrow", []))


def test_a_title_before_a_hyphenated_surname_tagged_a_body_makes_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Money spent on war should go to the poor, Cardinal Cormac Fitz-O'Hare has said."
    assert "Cormac Fitz-O'Hare" in people(analyze_texts(nlp, [text], [False])[0])


def test_a_name_read_as_two_places_after_a_post_is_one_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Defending champion Andreescu pulls out of US Open\n\nDefending champion Bianca Andreescu withdraws "
        "from this year's US Open because of injury."
    )
    assert "Bianca Andreescu" in people(analyze_texts(nlp, [text], [True])[0])


@pytest.mark.parametrize(
    "text",
    [
        "The coach Brazil Argentina rivalry was discussed. Argentina won.",
        "Defending champion London Scottish were relegated. London Scottish lost.",
        "The ambassador Russia Ukraine war plan was leaked in Ukraine.",
    ],
)
def test_two_places_after_a_post_stay_places(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert people(analyze_texts(nlp, [text], [False])[0]) == set()


def test_a_months_abbreviation_ending_the_sentence_before_is_no_title(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The contestants were told by hosts Ant and Dec. Natalie Wendt's decision to quit had saved them."
    assert found(nlp, text).get("Natalie Wendt", []) == []
    assert found(nlp, "Gov. Andrew Pelham said on Monday.").get("Andrew Pelham") == ["Gov."]


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("Radio 3 star Imelda Crane says music helped her through surgery.", "Imelda Crane", "Radio 3 star"),
        ('"It looks grim," said Danish trades union official Ulf Brandtner.', "Ulf Brandtner", "official"),
    ],
)  # fmt: skip
def test_a_channels_figure_and_an_official_are_part_of_the_post(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert any(r.endswith(role) for r in found(nlp, text).get(person, [])), found(nlp, text)


def test_the_official_calendar_of_someone_is_no_post(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Fans queued for the official Tom Vance calendar on Friday.").get("Tom Vance", []) == []
    assert found(nlp, "Official Tom Vance biography out now", headline=True).get("Tom Vance", []) == []


def test_whom_a_person_serves_is_not_their_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "An adviser to the prime minister of Japan, Kenji Sato, resigned over the remarks."
    assert found(nlp, text).get("Kenji Sato") == ["adviser to the prime minister of Japan"]


def test_an_and_inside_a_bodys_name_joins_no_two_posts(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Presenter: Imran Dane Guests: Lena Roth - Head of the Department of War and Peace Studies and Senior "
        "Fellow at the Institute for Security and Development Policy Tom Vance - Journalist"
    )
    assert found(nlp, text).get("Lena Roth") == ["Head of the Department of War and Peace Studies"]


def test_a_headlines_meet_is_no_given_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Thursday: Meet Rowan Ashby, a longtime Nevada journalist who is based in Reno."
    assert "Rowan Ashby" in people(analyze_texts(nlp, [text], [True])[0])


def test_a_guests_post_is_what_follows_their_dash_not_the_last_guests_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Presenter: Imogen Hart Guests: Paulo Serra - Labour strategist and former aide to Senator Ruth Kell "
        "Dermot Pryce - Green strategist Jonas Albrecht - Chief Executive of Fennick, a data firm"
    )
    found_roles = found(nlp, text)
    assert found_roles.get("Jonas Albrecht") == ["Chief Executive of Fennick, a data firm"]
    assert found_roles.get("Paulo Serra") == ["Labour strategist and former aide"]  # "Senator" is Ruth Kell's


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("Paramedic Tristan Corrie says he faced a dilemma over the rota.", "Tristan Corrie", "Paramedic"),
        ('Opener Dom Sibbet says he "felt self-conscious" on the tour.', "Dom Sibbet", "Opener"),
        ("Skateboarder Gui Khuron, aged 11, breaks long-standing record", "Gui Khuron", "Skateboarder"),
        ("England fell as the captain edged a catch to wicketkeeper Mohammad Rizal in the first Test.",
         "Mohammad Rizal", "wicketkeeper"),
        ("Three agents were seen questioning the jogger, Bena Aprelo, in his Boston neighborhood.", "Bena Aprelo",
         "jogger"),
        ('Oliver Fenner, a former Eton pupil and joint leader of the Wenlock Hunt, said: "No regrets."',
         "Oliver Fenner", "joint leader of the Wenlock Hunt"),
        ("Bridget Walsham, honorary Research Associate at the University of Nottingham's Malaysia Campus.",
         "Bridget Walsham", "honorary Research Associate"),
    ],
)  # fmt: skip
def test_posts_read_after_held_out_18(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text).get(person, []), found(nlp, text)


def test_a_guests_name_after_the_last_guests_affiliation_in_capitals(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Contributors: Mona Slade - fellow, Institute for Public Knowledge, NYU Cori Crane - director, Foxbridge "
        "Phil Boothe - co-ordinator, MedTrust"
    )
    assert found(nlp, text).get("Cori Crane") == ["director"]


def test_a_word_broken_at_a_lines_end_is_no_role(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Guests: David Strand - Thai historian and author of: 'Truth on Trial; Defamation, Treason and Lese- "
        "Majeste Jade Donovan, Dean of the Graduate School of Law at Siam University"
    )
    assert found(nlp, text).get("Jade Donovan") == ["Dean of the Graduate School of Law at Siam University"]


def test_dean_before_a_surname_is_a_given_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "Dean Rylance" in people(analyze_texts(nlp, ["Dean Rylance said the wrist was broken."], [False])[0])


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Jaden ‘Wolfiez’ Ashford, 15, wins $1m at the gaming world cup.", "Jaden Ashford"),
        ("Andy 'The Viking' Fordwick, the former world darts champion, has died aged 59.", "Andy Fordwick"),
        ("Egypt striker Ahmed 'Mido' Hassan has joined Tottenham on loan.", "Ahmed Hassan"),
    ],
)
def test_a_quoted_nickname_between_given_name_and_surname_is_no_part_of_the_name(nlp, text: str, person: str) -> None:  # type: ignore[no-untyped-def]
    assert person in people(analyze_texts(nlp, [text], [False])[0])


def test_a_headlines_quoted_phrase_makes_no_person(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_texts(nlp, ["Giant 'Murder Hornet' Resurfaces in Washington"], [True])[0]
    assert "Giant Resurfaces" not in people(analysis)


@pytest.mark.parametrize(
    "text",
    [
        "International Paper Company announced 1,000 job cuts.",
        "Keeper Security Limited was hacked on Monday.",
        "General Accounting Office auditors found the programme had overspent.",
        "Host Hotels Resorts reported a loss.",
    ],
)
def test_a_bodys_name_opening_with_a_post_word_stays_a_body(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert people(analyze_texts(nlp, [text], [False])[0]) == set()


def test_a_second_post_is_read_only_inside_the_apposition(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Tom Vance, the chairman, and the secretary, Ann Lee, resigned."
    assert found(nlp, text).get("Tom Vance") == ["chairman"]


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("Alan Brice, a former vice- president of the World Bank, said the loans were unsustainable.", "Alan Brice",
         "former vice- president of the World Bank"),
        ("Guests: Tom Vance - Co- Director, Peace Lab Ann Lee - journalist", "Tom Vance", "Co- Director, Peace Lab"),
    ],
)  # fmt: skip
def test_a_post_broken_at_a_lines_end_is_still_a_post(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text).get(person, []), found(nlp, text)


def test_the_first_guests_initials_stay_in_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Guests: AK Abdul Momen - former foreign minister of Bangladesh Ann Lee - analyst"
    assert "AK Abdul Momen" in people(analyze_texts(nlp, [text], [False])[0])


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ('He added: "I thank (sporting director) Frank Arnold and (chairman) Daniel Levin for their help."',
         "Daniel Levin", "chairman"),
        ("He ran to help physio Jim Joyner and coach Denis Rolfe calm the striker down.", "Jim Joyner", "physio"),
        ("Presenter: Nick Clay Guests: Craig Millard - Head of Security of Big Life Trust who leads anti-poaching "
         "operations and manages 300 rangers Kaddu Sebun - Chief Executive Officer of the Wildlife Fund",
         "Craig Millard", "Head of Security of Big Life Trust"),
        ("Abba’s Björn Ulvaeus, co-writer of musical Mamma Mia!, says he fears for the West End.", "Björn Ulvaeus",
         "co-writer"),
    ],
)  # fmt: skip
def test_posts_read_after_held_out_19(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text).get(person, []), found(nlp, text)


def test_a_second_description_with_its_own_article_is_not_a_second_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Rodrigo Olivera, a professor of banking law and an expert in sovereign debt, said the bonds would fall."
    found_roles = found(nlp, text).get("Rodrigo Olivera", [])
    assert found_roles and all(r.startswith("professor") for r in found_roles), found_roles
