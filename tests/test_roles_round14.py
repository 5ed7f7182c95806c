"""Issue 10, fourteenth round: a post opening its sentence read as an adjective, "one of" after "is", a group
"including" the name, a plural post before a list of names, a name the model missed that the text
gives a post, a figure inside a name, a headline's description with a noun read as a verb or an
infinitive, a body's letters before a title, a clause after a dash; at query time, the post an
article introduces someone by first, and a bare title pooled into the same post stated in full.
Sentences and names of our own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import RawArticle
from bot.nlp.analyze import analyze_texts
from bot.render.html import to_plain
from bot.services import Services
from tests.support.nlp import english, found, people
from tests.test_nlp import parsed


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


@pytest.mark.parametrize(
    ("text", "headline", "name", "role"),
    [
        # A post opening its sentence, read as an adjective.
        ("Measles: 'I didn't think I was going to make it'.\n\nParamedic Mark Anders caught measles but is now "
         "out of hospital and recovering.", True, "Mark Anders", "Paramedic"),
        # "one of" a group after "is" or "was", to a participle or a relative clause.
        ("Tom Vance is one of three former guards accused of assault at the prison.", False, "Tom Vance",
         "one of three former guards"),
        ("Ann Lister was one of two nurses at the Hollin care home who spoke out.", False, "Ann Lister",
         "one of two nurses"),
        # A group named by what its members do, "including" the name: one of them.
        ("Celebrated Japanese directors including Ann Lister have made films at the studio.", False, "Ann Lister",
         "Celebrated Japanese director"),
        # A plural post before a list of names, read as a verb.
        ("And novelists Ann Lister, Carl Penn and Tom Vance will compete for the prize.", False, "Carl Penn",
         "novelist"),
        # A name the model missed, that the text gives a post only a person holds.
        ("Exports fell by 0.2%. Parul Jain, deputy chief economist at Hollin Securities, said demand would "
         "recover.", False, "Parul Jain", "deputy chief economist at Hollin Securities"),
        # A name the model missed (its surname read as a plural), that then speaks, given a post.
        ("The vote was close.\n\nHugo Lueders, director for public affairs at Kelso, said the vote was a relief.",
         True, "Hugo Lueders", "director for public affairs at Kelso"),
        ("Lockdown: Dressing up at home.\n\nPhotographer Julia Marsh finds inspiration in old paintings as she "
         "turns the camera on herself.", True, "Julia Marsh", "Photographer"),
        # An obituary's description whose capitalised noun the tagger read as a verb.
        ("Tom Vance, Quiz Show Whistle-Blower, Is Dead at 88.\n\nHe exposed the scandal.", True, "Tom Vance",
         "Quiz Show Whistle-Blower"),
        # An obituary's description with an infinitive's clause after its head noun.
        ("Tom Vance, Last Man to Walk on the Moon, Dies at 82.\n\nHe was 82.", True, "Tom Vance",
         "Last Man to Walk on the Moon"),
    ],
)  # fmt: skip
def test_a_post_read_in_the_round(nlp, text: str, headline: bool, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text, headline).get(name, [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A verb in "-s" after a subject is no plural post.
        ("He thanks Ann Lister and Tom Vance for their help.", "Tom Vance"),
        # "including" after a plural that names no one.
        ("Several countries including Ann Lister's home nation sent teams.", "Ann Lister"),
        # "one of" the best: praise, no post.
        ("Tom Vance is one of the best players of his generation.", "Tom Vance"),
        ("Tom Vance was one of the greatest entertainers the world has ever seen.", "Tom Vance"),
        # Said with "is", "one of" a group that no known post names, judged, pointed at or supposed.
        ("Ann Lister is one of the great survivors of British politics.", "Ann Lister"),
        ("Ann Lister is one of our regular readers and wrote in to complain.", "Ann Lister"),
        ("If Tom Vance was one of the attackers, he will face a life sentence, the court heard.", "Tom Vance"),
        ("Ann Lister is one of those teachers pupils never forget.", "Ann Lister"),
        # "such as" a firm, a book or a habit; nor a name the parse hangs on the group's noun.
        ("Heavy drinkers such as Tom Vance are most at risk, the study found.", "Tom Vance"),
        ("Impressionists such as Rory Bremner mock politicians such as Boris Johnson.", "Boris Johnson"),
        # A verb in "-s" after "and" inside a sentence.
        ("The manager praised the squad and backs Tom Vance and Carl Penn to start on Saturday.", "Carl Penn"),
        # A government is no one's post.
        ("The Ortega government Tomas Ruiz said the talks failed.", "Tomas Ruiz"),
        # An adjective with an agent's ending before a name is no post.
        ("When brilliant Tom Vance scored the winner, the crowd erupted.", "Tom Vance"),
        # A verb in "-s" after a comma, an adverb or "who", before a list of names.
        ("Smith, 45, coaches Ann Lister, Tom Vance and Carl Penn at the club.", "Tom Vance"),
        ("He also coaches Ann Lister and Tom Vance at the academy.", "Ann Lister"),
        ("Murray, who captains Ann Lister and Tom Vance in the cup, said he was proud.", "Tom Vance"),
    ],
)
def test_no_post_is_read(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text).get(name, []) == []


def test_a_clause_after_an_asides_closing_dash_is_no_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "He hopes the return of Ann Lister - out of the side since falling out with former coach Tom Vance - "
        "will send a message to other players in Wales."
    )
    assert found(nlp, text) == {"Tom Vance": ["former coach"]}
    # An aside that is the post stays one.
    assert found(nlp, "Tom Vance - Kelso's chief economist - warned that inflation would stay high.")["Tom Vance"]


def test_a_government_before_a_name_is_no_post_of_his(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He advised the Juan Guaido government Tomas Ruiz, former Mayor of Chacao District, said."
    assert found(nlp, text)["Tomas Ruiz"] == ["former Mayor of Chacao District"]


def test_a_headlines_verb_before_a_name_is_no_part_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Biden Is Expected to Pick Jennifer Granholm as Energy Secretary.\n\nThe former governor would lead it."
    assert "Jennifer Granholm" in people(analyze_texts(nlp, [text], [True])[0])
    assert "Sue Barker" in people(analyze_texts(nlp, ["Sue Barker said the match was over."])[0])


def test_a_figure_inside_a_name_is_no_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_texts(nlp, ["Italian daily Il Sole 24 Ore said the plan was late, and Tom Vance agreed."])[0]
    assert people(analysis) == {"Tom Vance"}


@pytest.mark.parametrize(
    "text",
    [
        "Kelso Analysis, the media analyst, said viewing fell.",
        "Victorian Plumbing, the online bathroom specialist, warned on profits.",
        "Surfers Against Sewage, the clean water campaigner, welcomed the fine.",
        "Poet Laureate Armitage reads the poem at the ceremony.",
        "Resident Evil Village sold five million copies in its first year.",
        "Sea Shepherd is the leading campaigner against whaling in the Southern Ocean.",
        # A firm called by an insolvency post, that then speaks.
        "Begbies Traynor, the administrator, said it was looking for a buyer.",
        # A title's abbreviation after the opening title is no given name.
        "The raids ended at dawn. Chief Supt Rowlands went on to warn that more raids would follow.",
    ],
)
def test_a_firm_a_group_or_a_title_is_no_person(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert people(analyze_texts(nlp, [text])[0]) == set()


def test_a_bodys_letters_before_a_title_are_part_of_it() -> None:
    # "UFC middleweight Joel Barker delivers a kick ." as the model parses it: the name hung on the
    # title as its apposition, the letters a compound of the title.
    analysis = parsed(
        ["UFC", "middleweight", "Joel", "Barker", "delivers", "a", "kick", "."],
        ["NNP", "NN", "NNP", "NNP", "VBZ", "DT", "NN", "."],
        [1, 4, 3, 1, 4, 6, 4, 4],
        ["compound", "nsubj", "compound", "appos", "ROOT", "det", "dobj", "punct"],
        ["B-ORG", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"],
    )
    assert [role for _, _, role in analysis.roles] == ["UFC middleweight"]


async def who_first_line(news: Services, *articles: tuple[str, str, float]) -> str:
    """/who Vance's first line after ingesting (text, title, days ago) articles of our own."""
    now = datetime.now(UTC)
    items = [
        RawArticle(text=text, title=title, published=now - timedelta(days=ago), origin=f"{n}.txt")
        for n, (text, title, ago) in enumerate(articles)
    ]
    await ingest(news, items)
    reply = await Commands(news).questions.who("Vance")
    return to_plain(reply.messages[0]).split("\n", 1)[0]


async def test_at_equal_support_the_post_an_article_introduces_someone_by_comes_first(news: Services) -> None:
    text = (
        "France fly-half Tom Vance has warned that the pressure is mounting on the coach after the defeat.\n"
        "The team lost a lead of twelve points in the last quarter of the match.\n"
        "Vance, a veteran of 43 international caps, said the squad needed a settled side."
    )
    line = await who_first_line(news, (text, "Vance fires warning", 0))
    assert line.startswith("Tom Vance — ") and line.endswith("fly-half")


def test_an_obituarys_judgement_before_an_infinitive_is_no_post(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Tom Vance, Reluctant to Retire, Dies at 99.\n\nHe worked on.", True) == {}


async def test_a_bare_title_and_the_same_post_in_full_are_one_role_shown_in_full(news: Services) -> None:
    text = (
        "Spokesman Tom Vance said the embassy would stay open through the winter.\n"
        "Staff were told to keep their travel plans under review.\n"
        "Vance, a spokesman for the Foreign Office, added that the advice would be updated weekly."
    )
    line = await who_first_line(news, (text, "Embassy to stay open", 0))
    assert line == "Tom Vance — spokesman for the Foreign Office"


async def test_a_bare_title_stated_elsewhere_too_is_not_taken_for_a_post_stated_once(news: Services) -> None:
    summits = [
        (f"President Tom Vance opened the {town} summit on trade.\nHe spoke for an hour on day {n}.",
         f"Summit opens in {town}", n + 1)
        for n, town in enumerate(["Leeds", "Derby", "Hull"])
    ]  # fmt: skip
    college = (
        "President Tom Vance met students.\nTom Vance, president of the debating society at Oxford, was a "
        "keen speaker even then.",
        "Vance visits his old college",
        0,
    )
    assert await who_first_line(news, *summits, college) == "Tom Vance — President"
