"""Each analysis rule, shown on a sentence of our own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from spacy.tokens import Doc

from bot.nlp.analyze import analyze_docs, analyze_texts
from bot.nlp.model import load_pipeline
from bot.settings import Settings
from domain.analysis import Analysis
from domain.entities import RoleSupport
from domain.names import clean_name, name_key, query_key
from storage.queries import rank_roles
from tests.support.nlp import roles


def day(n: int) -> datetime:
    """A day of January 2005, for role statements dated relative to each other."""
    return datetime(2005, 1, n, tzinfo=UTC)


@pytest.fixture(scope="module")
def analyze():  # type: ignore[no-untyped-def]
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    return lambda text: analyze_texts(nlp, [text])[0]


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        (
            "Polish Foreign Minister Radoslaw Sikorski said the talks would resume.",
            "Radoslaw Sikorski",
            "Polish Foreign Minister",
        ),
        ("Chelsea boss Jose Mourinho has been charged by the FA.", "Jose Mourinho", "Chelsea boss"),
        ("Jack Straw, the foreign secretary, said the deal was close.", "Jack Straw", "foreign secretary"),
        ("Anna Berg is the chief executive of Nordbank.", "Anna Berg", "chief executive of Nordbank"),
        (
            "Trade and Industry Secretary Patricia Hewitt opened the fair.",
            "Patricia Hewitt",
            "Trade and Industry Secretary",
        ),
        # The role before an honorific; an organisation the model tags as a person in it.
        ("Aston Villa boss Sir David O'Leary said the side was improving.", "David O'Leary", "Aston Villa boss"),
        # A hyphenated role is one word, not its last piece.
        ("The try was scored by full-back Tom Vance in the last minute.", "Tom Vance", "full-back"),
        ("Wasps scrum-half Tom Vance has been recalled to the squad.", "Tom Vance", "Wasps scrum-half"),
        # A title with its own "of" phrase.
        ("Secretary of State Anna Berg said the talks would resume.", "Anna Berg", "Secretary of State"),
    ],
)
def test_roles(analyze, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in roles(analyze(text)).get(person, [])


def test_surname_links_to_full_name_even_when_mislabelled(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Turkish Foreign Minister Mevlut Cavusoglu said on Tuesday that talks would go on.\n"
        "“We are not preparing any operation,” Cavusoglu said in an interview with Greek TV "
        "and German TV channels ERT and ZDF."
    )
    analysis = analyze(text)
    people = {ref for ref, _, _ in analysis.mentions if ref[1] == "PERSON"}
    assert people == {("mevlut cavusoglu", "PERSON")}
    surfaces = [surface for ref, _, surface in analysis.mentions if ref[0] == "mevlut cavusoglu"]
    assert surfaces == ["Mevlut Cavusoglu", "Cavusoglu"]
    assert "cavusoglu" in analysis.entities[("mevlut cavusoglu", "PERSON")].aliases


def test_quotes_direct_pronoun_and_reported(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mayor Ilze Ozola said the bridge would open in May.\n"
        "“It is the biggest project in a generation. We finished it on budget,” she added.\n"
        "Critics were not convinced."
    )
    quotes = analyze(text).quotes
    speakers = {ref[0] for ref, *_ in quotes}
    assert speakers == {"ilze ozola"}
    direct = [q for q in quotes if q[3]]
    assert direct[0][2] == "It is the biggest project in a generation. We finished it on budget"
    reported = [q for q in quotes if not q[3]]
    assert reported and reported[0][2].startswith("Mayor Ilze Ozola said")


def test_paragraphs_never_merge_into_one_sentence(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze("The vote was close\n\nNobody expected the result")
    assert [s.text for s in analysis.sentences] == ["The vote was close", "Nobody expected the result"]


def test_places_the_model_calls_norp_are_kept_as_places(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Fighting has nonetheless continued in the countryside west of Aleppo, where "
        "government artillery shelled two villages overnight. Turkish observers watched."
    )
    assert ("aleppo", "GPE") in analysis.entities
    assert not any(key in {"turkish", "russian"} for key, _ in analysis.entities)


@pytest.mark.parametrize(
    ("raw", "kind", "clean"),
    [
        ("Tony Blair's", "PERSON", "Tony Blair"),
        ("Sir Alex Ferguson", "PERSON", "Alex Ferguson"),
        ("Ms Hewitt", "PERSON", "Hewitt"),
        ("Following Mr Straw", "PERSON", "Straw"),  # a sentence's first word the model took in
        ("the White House", "ORG", "White House"),
        ("U.S.", "GPE", "U.S."),
    ],
)
def test_clean_names(raw: str, kind: str, clean: str) -> None:
    assert clean_name(raw, kind) == clean


def test_keys_fold_spelling() -> None:
    assert name_key("U.S.") == name_key("US") == "us"
    assert name_key("The United States") == "united states"
    assert query_key("Mr Blair's") == "blair"


def test_what_someone_is_is_not_a_role(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("The man, Tom Vance, said he had never met her."))
    assert "man" not in found.get("Tom Vance", [])


def test_roles_pool_variants_and_former_supersedes() -> None:
    pooled = rank_roles(
        [
            RoleSupport("captain", 1, day(2)),
            RoleSupport("England captain", 1, day(1)),
            RoleSupport("full-back", 1, day(3)),
        ]
    )
    assert [(r.role, r.articles) for r in pooled] == [("England captain", 2), ("full-back", 1)]
    stale = rank_roles([RoleSupport("Home Secretary", 3, day(1)), RoleSupport("Ex-Home Secretary", 1, day(5))])
    assert [r.role for r in stale] == ["Ex-Home Secretary", "Home Secretary"]
    shadow = rank_roles([RoleSupport("home secretary", 2, day(1)), RoleSupport("shadow home secretary", 1, day(5))])
    assert {r.role for r in shadow} == {"home secretary", "shadow home secretary"}


def test_a_full_name_labelled_organisation_is_a_person_when_the_surname_is(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "SNP Holyrood leader Morag Dunbar said the plan was flawed. Ms Dunbar added that ministers had ignored it."
    )
    assert ("morag dunbar", "PERSON") in analysis.entities
    linked = [surface for ref, _, surface in analysis.mentions if ref == ("morag dunbar", "PERSON")]
    assert linked == ["Morag Dunbar", "Ms Dunbar"]
    assert "SNP Holyrood leader" in roles(analysis)["Morag Dunbar"]


def test_short_forms_of_a_country_are_one_place(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The United States imposed new sanctions. Officials in the U.S. said the US would act. "
        "The White House said it agreed."
    )
    places = {ref for ref in analysis.entities if ref[1] != "PERSON"}
    assert ("united states", "GPE") in places and not any(key == "us" for key, _ in places)
    assert {"us"} <= analysis.entities[("united states", "GPE")].aliases
    assert ("white house", "ORG") in analysis.entities  # an organisation, not a person


def test_a_headline_names_people_but_gives_no_roles() -> None:
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    text = (
        "Leeds boss Miller faces Harper claim.\n\n"
        "Sarah Harper has asked a court in Leeds to freeze the assets of her former partner, David Miller."
    )
    as_text, as_headline = analyze_texts(nlp, [text, text], headlines=[False, True])
    assert (("david miller", "PERSON"), 0, "Leeds boss") in as_text.roles  # what the telegraphic line would give
    assert any(position == 0 for ref, position, _ in as_headline.mentions if ref == ("david miller", "PERSON"))
    assert not [role for _, position, role in as_headline.roles if position == 0]


# -- issue 10: names that are no names, roles that are no roles, quotes that are fragments ----


def test_a_slogan_before_a_surname_is_not_a_first_name(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The slogan Vote Blair was printed on every leaflet, said Tony Blair's agent. The vote is in May."
    )
    people = {ref[0] for ref, _, _ in analysis.mentions if ref[1] == "PERSON"}
    assert people == {"tony blair"}
    assert next(surface for ref, _, surface in analysis.mentions if ref[0] == "tony blair") == "Blair"
    assert not analysis.roles  # neither "slogan" nor "Vote" is his title


def test_a_common_noun_before_a_capitalised_word_is_no_title(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("The slogan Vote Marsh was printed on every leaflet, said Anna Marsh's agent."))
    assert found == {}


def test_a_one_word_person_the_article_calls_an_organisation_is_one(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze("Fans of Everton sang. Everton said the club would appeal, and Everton fans agreed.")
    assert set(analysis.entities) == {("everton", "ORG")}


def test_a_headline_word_the_body_never_uses_is_no_person() -> None:
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    text = (
        "Swank leads Oscar race\n\n"
        "The actress is the favourite for best actress at the Academy Awards in March, critics said."
    )
    (analysis,) = analyze_texts(nlp, [text], headlines=[True])
    assert ("oscar", "PERSON") not in analysis.entities


def test_a_description_is_not_a_role(analyze) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze("Tom Bale is a class act.")) == {}
    assert roles(analyze("Dan Price is a great player.")) == {}
    assert roles(analyze("Tom Bale is the captain of the side."))["Tom Bale"] == ["captain of the side"]
    assert roles(analyze("Gordon Ross, son of a Church of Scotland minister, spoke.")) == {}
    assert roles(analyze("Andy Kerr is the only player to win twice.")) == {}
    assert roles(analyze("Sara Lind is the best player in the squad.")) == {}


def test_an_apposition_keeps_whose_role_it_is(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("Lena Holm, chief executive of Nordbank, said sales rose."))
    assert found["Lena Holm"] == ["chief executive of Nordbank"]
    # The surname alone, with the title after it, gives the same person a role.
    found = roles(analyze("Lena Holm opened the fair. Holm, Nordbank's boss, said sales rose."))
    assert found["Lena Holm"] == ["Nordbank's boss"]


def parsed(words: list[str], tags: list[str], heads: list[int], deps: list[str], ents: list[str]) -> Analysis:
    """The analysis of a sentence parsed by hand, as the model parses team sheets and listings."""
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    doc = Doc(nlp.vocab, words=words, tags=tags, heads=heads, deps=deps, ents=ents)
    return next(analyze_docs([doc]))


def test_an_initial_or_a_first_name_left_out_of_the_name_is_no_role() -> None:
    sheet = parsed(
        ["B", "Cole", ",", "(", "Leinster", ")"],
        ["NNP", "NNP", ",", "-LRB-", "NNP", "-RRB-"],
        [1, 1, 1, 1, 3, 1],
        ["compound", "ROOT", "punct", "punct", "appos", "punct"],
        ["O", "B-PERSON", "O", "O", "B-ORG", "O"],
    )
    assert not sheet.roles
    missed = parsed(
        ["Huw", "Stephens", "hosts", "the", "late", "show", "."],
        ["NNP", "NNP", "VBZ", "DT", "JJ", "NN", "."],
        [1, 2, 2, 5, 5, 2, 2],
        ["compound", "nsubj", "ROOT", "det", "amod", "dobj", "punct"],
        ["O", "B-PERSON", "O", "O", "O", "O", "O"],
    )
    assert not missed.roles
    # A capitalised title before a surname the text also writes as a noun is a title.
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    (titled,) = analyze_texts(nlp, ["President Bush spoke. The president said Bush would act."])
    assert roles(titled)["Bush"] == ["President"]


def test_a_team_sheet_read_as_one_person_is_several_names() -> None:
    sheet = parsed(
        ["James", ",", "Robinson", "and", "Lewsey", "start", "."],
        ["NNP", ",", "NNP", "CC", "NNP", "VBP", "."],
        [5, 0, 0, 0, 0, 5, 5],
        ["nsubj", "punct", "conj", "cc", "conj", "ROOT", "punct"],
        ["B-PERSON", "I-PERSON", "I-PERSON", "O", "B-PERSON", "O", "O"],
    )
    assert {name for (name, kind) in sheet.entities if kind == "PERSON"} == {"james", "robinson", "lewsey"}


def test_a_quoted_phrase_is_no_quote_but_its_sentence_is(analyze) -> None:  # type: ignore[no-untyped-def]
    quotes = analyze('Mayor Ilze Ozola said the delay was "an issue" for the town council this winter.').quotes
    assert [(text, direct) for _, _, text, direct in quotes] == [
        ('Mayor Ilze Ozola said the delay was "an issue" for the town council this winter.', False)
    ]


def test_a_title_the_parser_hangs_the_name_on_is_the_role(analyze) -> None:  # type: ignore[no-untyped-def]
    # The name parsed as the apposition of the noun phrase before it: the title is the word
    # before the name, with the film it is of (the more specific wording), never the sentence's
    # first word.
    text = "Unlike many rivals, Song of the Sea director Lena Holm has vowed not to campaign for an award."
    found = roles(analyze(text))
    assert found["Lena Holm"] == ["Song of the Sea director"]
    found = roles(analyze("Compatriot and ninth seed Lena Holm also reached the last eight."))
    assert found["Lena Holm"] == ["ninth seed"]
    # A plural title before a list of names: each of them holds it, in the singular.
    found = roles(analyze("The jury includes actresses Mara Quist and Lena Holm."))
    assert found["Mara Quist"] == ["actress"] and found["Lena Holm"] == ["actress"]
    # Who someone is to another ("his rival") is no post; a plural before one name is a verb.
    assert roles(analyze("Mr Brown joined his alleged rival Alan Milburn at the launch.")) == {}
    assert roles(analyze("Moya outplays Agassi to lead 30-0 before the American hits back.")) == {}


def test_a_rank_written_as_number_one_is_a_role(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("British number one Lena Holm will face Mara Quist in the first round."))
    assert found["Lena Holm"] == ["British number one"]
    found = roles(analyze("Lena Holm, Nordbank's former number two, resigned."))
    assert found["Lena Holm"] == ["Nordbank's former number two"]


def test_a_relative_clause_is_no_role(analyze) -> None:  # type: ignore[no-untyped-def]
    text = "Mara Quist, whose brother's killing by a police officer led to protests, urges reform."
    assert roles(analyze(text)) == {}


def test_a_verb_after_a_name_is_no_apposition(analyze) -> None:  # type: ignore[no-untyped-def]
    # No comma, dash or bracket sets it off: "double-faults" is what she does.
    found = roles(analyze("Lena Holm served well. Holm double-faults twice and Quist takes the set."))
    assert found == {}
    # A distance after a dash is no title either.
    assert roles(analyze("He will race a member of the relay team - Lena Holm - over 60m.")) == {}


def test_kin_of_a_named_person_identifies_someone(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("George Park's brother Tom Park has urged the council to act."))
    assert found["Tom Park"] == ["George Park's brother"]
    # Kin of no one named is still no role.
    assert roles(analyze("His brother Tom Park spoke at the meeting.")) == {}


def test_a_described_man_or_woman_identifies_someone(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("Crowds mourned Dale Rusk, an unarmed young man, outside the court in Tulsa."))
    assert found.get("Dale Rusk") == ["unarmed young man"]
    found = roles(analyze("Police said retired Ohio woman Greta Vail had been missing since Friday."))
    assert "retired Ohio woman" in found.get("Greta Vail", [])
    # Still no role: the bare noun, one with a relative clause, and a distinction.
    assert "man" not in roles(analyze("Tom Vance, the man who found her, said so.")).get("Tom Vance", [])
    assert not roles(analyze("Tom Vance is the right man for the job, the board said.")).get("Tom Vance")


def test_a_plural_title_before_a_list_gives_each_the_singular(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("Award hopefuls Nina Brook and Carl Penn were both at the gala in Leeds."))
    assert found.get("Nina Brook") and all(role.split()[-1] == "hopeful" for role in found["Nina Brook"])


def test_a_standing_is_not_a_post(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("Carl Penn is the favourite in the race for the mayoralty of Leeds."))
    assert not found.get("Carl Penn")


def test_a_name_listed_with_a_person_is_a_person(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze("The panel includes actresses Cate Bellamy and Nora Lindqvist, organisers said on Monday.")
    assert ("cate bellamy", "PERSON") in analysis.entities
    assert roles(analysis).get("Cate Bellamy") == ["actress"]


def test_wordings_of_one_post_support_it_and_a_current_post_comes_before_a_former() -> None:
    ranked = rank_roles(
        [
            RoleSupport("election coordinator", 2, day(1)),
            RoleSupport("campaign coordinator", 1, day(2)),
            RoleSupport("election chief", 2, day(9)),
            RoleSupport("key ally", 1, day(8)),
        ]
    )
    assert ranked[0].role == "election coordinator"  # three articles call the post a coordinator
    assert [r.role for r in ranked[:3]] == ["election coordinator", "election chief", "key ally"]
    ranked = rank_roles([RoleSupport("England manager", 1, day(1)), RoleSupport("former Everton player", 1, day(5))])
    assert ranked[0].role == "England manager"


def test_a_plural_in_ies_is_singular_in_y(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("The gala honoured former first ladies Ann Doyle and Rita Kerr in Boston on Sunday."))
    assert found.get("Rita Kerr") and all(role.endswith("lady") for role in found["Rita Kerr"])


def test_who_someone_is_to_another_is_not_a_post(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("Ross Dale finished second to his old rival Owen Pike at the indoor meeting in Sheffield."))
    assert not found.get("Owen Pike")


def test_a_title_the_parser_made_a_second_subject_is_the_role(analyze) -> None:  # type: ignore[no-untyped-def]
    # The model reads "legend" and "Carl Penn" as two subjects of "is".
    found = roles(analyze("The US legend Carl Penn is likely to win his third title in three weeks."))
    assert found.get("Carl Penn") == ["US legend"]


# -- issue 10, second round: which role phrases are collected, and which one leads ------------


def test_who_someone_works_beside_is_a_role_whole(analyze) -> None:  # type: ignore[no-untyped-def]
    # A team-mate or a co-star says what the person does (ranked after any post: storage).
    assert roles(analyze("Carl Penn finished second to British team-mate Tom Vance in Oslo.")).get("Tom Vance") == [
        "British team-mate"
    ]
    assert roles(analyze("The comic hugged co-star Lena Holm on the red carpet.")).get("Lena Holm") == ["co-star"]


def test_the_late_says_someone_died_not_what_they_did(analyze) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze("The late singer Lena Holm was remembered at a concert on Sunday.")) == {
        "Lena Holm": ["singer"]
    }
    # "late-night" is part of the post.
    assert roles(analyze("Late-night host Tom Vance joked about the vote.")) == {"Tom Vance": ["Late-night host"]}


def test_a_word_that_says_someone_is_known_is_a_role_only_with_what_for(analyze) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze("Lena Holm, a figure in the party, spoke at the rally.")) == {}
    assert roles(analyze("Tom Vance, a former member, spoke at the rally.")) == {}
    assert roles(analyze("Opposition figure Tom Vance was arrested in Minsk.")) == {"Tom Vance": ["Opposition figure"]}


def test_first_lady_is_a_title_not_an_honorific(analyze) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze("The ward was opened by First Lady Mara Quist on Monday.")) == {"Mara Quist": ["First Lady"]}
    assert roles(analyze("Arsenal boss Sir Tom Vance was angry after the game.")) == {"Tom Vance": ["Arsenal boss"]}


def test_kin_of_someone_the_reader_can_place_is_a_role(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("Lena Holm, wife of the president, opened the school in Tartu."))
    assert found == {"Lena Holm": ["wife of the president"]}
    found = roles(analyze("Lena Holm is the widow of Tom Vance, the painter."))
    assert found.get("Lena Holm") == ["widow of Tom Vance"]
    # Kin of someone unnamed and unplaced still says nothing.
    assert roles(analyze("Ann Carr, daughter of a farmer, spoke at the meeting.")) == {}


def test_people_listed_as_one_thing_each_have_that_role(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("Tom Vance and Carl Penn are Olympic gold medallists now."))
    assert found == {"Tom Vance": ["Olympic gold medallist"], "Carl Penn": ["Olympic gold medallist"]}
    # A judgement is no role, for a list as for one person.
    assert roles(analyze("Tom Vance and Carl Penn are great players.")) == {}


def test_a_title_after_another_persons_name_in_a_list_is_the_second_persons(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("Wales back Tom Vance and England centre Carl Penn both scored twice."))
    assert found.get("Carl Penn") and not any("Vance" in role for role in found["Carl Penn"])
    # A club the model tags as a person before the "and": the role keeps its "former".
    text = "On the radio show, former Aston Villa and Everton player Tom Vance chooses his best matches."
    found = roles(analyze(text))
    assert found.get("Tom Vance") and all(role.startswith("former") for role in found["Tom Vance"])


def test_a_hashtag_is_no_role(analyze) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze("Crowds chanted #MinskProtests leader Tom Vance out of the square.")) == {}
    # A company written in camel case is no hashtag.
    found = roles(analyze("Lawyers defending former NordBank chief Tom Vance called a witness."))
    assert found == {"Tom Vance": ["former NordBank chief"]}


def test_a_hyphenated_title_the_parser_split_stays_whole(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("He got the place after the injury to fly-half Jonny Vance, ahead of the trip."))
    assert found == {"Jonny Vance": ["fly-half"]}


def test_one_role_spelled_apart_or_together_is_one() -> None:
    ranked = rank_roles(
        [RoleSupport("popstar", 1, day(1)), RoleSupport("pop star", 2, day(2)), RoleSupport("singer", 2, day(9))]
    )
    assert [(r.role, r.articles) for r in ranked] == [("pop star", 3), ("singer", 2)]


def test_an_article_counts_once_for_a_post_however_many_wordings_it_uses() -> None:
    # One article calls her "England captain" and "the captain"; two others call her a prop.
    ranked = rank_roles(
        [
            RoleSupport("England captain", 1, day(1), {7: day(1)}),
            RoleSupport("captain", 1, day(1), {7: day(1)}),
            RoleSupport("prop", 2, day(2), {8: day(2), 9: day(2)}),
        ]
    )
    assert [(r.role, r.articles) for r in ranked] == [("prop", 2), ("England captain", 1)]


def test_a_post_stated_lately_outranks_one_stated_more_often_long_ago() -> None:
    now = datetime(2021, 6, 1, tzinfo=UTC)
    ranked = rank_roles(
        [
            RoleSupport("presidential candidate", 3, now - timedelta(days=300)),
            RoleSupport("President", 2, now),
        ]
    )
    assert ranked[0].role == "President"
    # Within the same half-year, most often wins.
    ranked = rank_roles(
        [
            RoleSupport("presidential candidate", 3, now - timedelta(days=30)),
            RoleSupport("President", 2, now),
        ]
    )
    assert ranked[0].role == "presidential candidate"


def test_a_rank_is_one_post_however_it_stands() -> None:
    ranked = rank_roles(
        [
            RoleSupport("world number three", 1, day(1)),
            RoleSupport("world number two", 1, day(2)),
            RoleSupport("third seed", 1, day(9)),
        ]
    )
    assert ranked[0].role.startswith("world number")


def test_a_position_after_a_team_read_as_an_adverb_is_the_role(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("England forward Tom Vance will miss the match against Wales."))
    assert found == {"Tom Vance": ["England forward"]}
    assert roles(analyze("Tom Vance, the Wales back, scored twice.")) == {"Tom Vance": ["Wales back"]}
    # An adverb that is an adverb stays out.
    assert roles(analyze("Chelsea also signed Tom Vance on Monday.")) == {}


def test_the_word_after_a_subject_pronoun_is_its_verb_not_a_title(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("Every big club wants him, as they eye captain Tom Vance, and the board knows it."))
    assert found == {"Tom Vance": ["captain"]}


# -- issue 10, second round: headline titles, labels and lists that are no roles --------------


def test_a_headline_gives_a_title_it_states_plainly_before_a_full_name() -> None:
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    texts = [
        "Rep. Tom Vance's Mother Dies At 90.\n\nShe lived in Ohio all her life.",
        "Wales forward Tom Vance joins Leeds on loan.\n\nThe deal runs for a season.",
    ]
    abbreviated, position = analyze_texts(nlp, texts, headlines=[True, True])
    assert (("tom vance", "PERSON"), 0, "Rep.") in abbreviated.roles  # as the headline writes it
    assert (("tom vance", "PERSON"), 0, "Wales forward") in position.roles


def test_a_captions_label_a_list_and_a_group_are_no_roles(analyze) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze("Watch Tom Vance's late winner against Leeds on Saturday.")) == {}
    credits = "Produced by: Ann Lee, Dan Price and Carl Penn Contributors: Tom Vance - General manager, TV Nord"
    assert not any("Vance" in role for found in roles(analyze(credits)).values() for role in found)
    # A plural title before one name of a list is each one's, in the singular; never the group.
    found = roles(analyze("The squad is without World Cup winners Tom Vance, Carl Penn and Dan Price."))
    assert all(not role.endswith("winners") for listed in found.values() for role in listed)


def test_a_rank_the_parser_hangs_on_the_verb_is_still_the_rank(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("World number one Lena Holm believes the final will be postponed until May."))
    assert found == {"Lena Holm": ["World number one"]}


def test_a_title_keeps_the_name_of_what_it_is_of_and_credits_name_the_post(analyze) -> None:  # type: ignore[no-untyped-def]
    text = "The jury: Kite Runner actress Mara Quist, critic Dan Price and Climbing the Wall director Lena Holm."
    found = roles(analyze(text))
    assert found["Lena Holm"] == ["Climbing the Wall director"]  # the more specific wording
    assert found["Mara Quist"] == ["Kite Runner actress"]
    found = roles(analyze("Will the talks resume? Presenter: Lena Holm. Guests: Dan Price, professor of law."))
    assert found["Lena Holm"] == ["Presenter"]
    assert roles(analyze("Produced by: Lena Holm and Dan Price.")) == {}  # credits that name no post


def test_an_abbreviation_is_the_tail_of_a_longer_title_and_new_of_a_place_is_no_marker() -> None:
    day = lambda n: datetime(2020, 5, n, tzinfo=UTC)  # noqa: E731
    ranked = rank_roles([RoleSupport("Gov.", 3, day(1)), RoleSupport("New Jersey Governor", 2, day(9))])
    assert [(r.role, r.articles) for r in ranked] == [("New Jersey Governor", 5)]  # the specific wording
    # A lower-case "new" still marks a post of its own.
    ranked = rank_roles([RoleSupport("coach", 3, day(1)), RoleSupport("new coach", 1, day(9))])
    assert [r.role for r in ranked] == ["coach", "new coach"]


def test_a_role_noun_right_before_a_full_name_is_its_title_whatever_the_parse(analyze) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze("On the show, Dan Price speaks to producer Lena Holm about the election coverage."))
    assert found == {"Lena Holm": ["producer"]}
    # A unit glued to its number is no part of a title.
    found = roles(analyze("Britain's 800m and 1500m champion Lena Holm is taking part in the 1000m."))
    assert not any(role.startswith("m ") for role in found.get("Lena Holm", []))
