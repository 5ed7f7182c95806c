"""Issue 10, seventh round: a post "of" something the parser makes the name's object ("director of
rugby Tom Vance"), a post after the name's comma that the parse hangs elsewhere, two posts in one
word ("singer/guitarist"), names the text states are people's (a rank before a name tagged a
place, an agent noun before a name tagged in part), two full names joined by "&", a headline's
word after a name whose surname the body uses, "Mullah", and an initial of a team sheet folded
into the one bearer with that initial. Sentences and names of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyze import analyze_docs, analyze_texts
from bot.services import Services
from domain.names import clean_name
from storage.queries import _merge
from tests.support.nlp import english, people, roles
from tests.test_fold_guards import ask_who, hit, merged, story


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        # The parser makes the name the object of "of": the post is "director of rugby".
        ('Westbury director of rugby Dean Ryland said: "Phil has broken his wrist."', "Dean Ryland",
         "Westbury director of rugby"),
        ("He was touted by Westbury director of rugby Dean Ryland as a possible Lions openside.", "Dean Ryland",
         "Westbury director of rugby"),
        # A post right after the name's comma, whatever the parse.
        ("Stories matter, according to Carla Fenwick, chief of technology giant Brightware.",
         "Carla Fenwick", "chief of technology giant Brightware"),
        # The model tags no person here: the post after the comma says it is one.
        ("Music is changing, according to Nadia Brel, chief of record giant Sonovox Records.",
         "Nadia Brel", "chief of record giant Sonovox Records"),
        # Two posts written as one word.
        ("Singer/guitarist Tom Vance and bassist Carl Penn formed the band in 1990.", "Tom Vance",
         "Singer/guitarist"),
    ],
)  # fmt: skip
def test_a_post_the_parse_misreads_is_read_from_the_words(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in roles(analyze_texts(nlp, [text])[0]).get(person, []), roles(analyze_texts(nlp, [text])[0])


def test_a_post_right_before_the_name_is_the_names_own_not_the_post_it_is_of(nlp) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze_texts(nlp, ["The agent of striker Tom Vance said no offer had come."])[0])
    assert found.get("Tom Vance") == ["striker"], found


def test_a_rank_before_a_name_tagged_a_place_makes_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Vance reaches Ohio semi-finals.\n\nBritish number one Johanna Vance reaches the Ohio Open "
        "semi-finals with a straight-set win over former champion Ann Lee."
    )
    analysis = analyze_texts(nlp, [text], [True])[0]
    assert "Johanna Vance" in people(analysis)
    assert "British number one" in roles(analysis)["Johanna Vance"]


def test_an_agent_noun_before_a_name_the_model_tags_in_part_makes_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # The model tags only "Darren"; "Till" is a word too. A contender is someone.
    text = "Robert Whitby beats British contender Darren Till in the final event of the night."
    analysis = analyze_texts(nlp, [text])[0]
    assert "Darren Till" in people(analysis)
    assert roles(analysis)["Darren Till"] == ["British contender"]


def test_kin_before_a_name_states_no_post(nlp) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze_texts(nlp, ["Her brother Tom Vance said he was shocked."])[0]) == {}


def test_two_full_names_joined_by_an_ampersand_are_two_people(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Plays of the Week: Travis Kellner & Derrick Hume make defenders miss.")
    start = doc.text.index("Travis")
    doc.ents = [doc.char_span(start, doc.text.index(" make"), label="PERSON")]
    assert people(next(analyze_docs([doc]))) == {"Travis Kellner", "Derrick Hume"}


def test_a_headline_word_after_a_name_the_body_calls_by_its_surname_is_cut(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Jake Marchbank Wins Ohio Primary for the House Seat.\n\n"
        "Mr. Marchbank, a city councilor, won the fragmented race with 23 percent of the vote."
    )
    analysis = analyze_texts(nlp, [text], [True])[0]
    assert "Jake Marchbank" in people(analysis) and "Jake Marchbank Wins" not in people(analysis)
    assert roles(analysis)["Jake Marchbank"] == ["city councilor"]


def test_mullah_is_a_title_of_address() -> None:
    assert clean_name("Mullah Abdul Ghani Bakri", "PERSON") == "Abdul Ghani Bakri"


def test_an_initial_of_a_team_sheet_is_the_one_bearer_with_that_initial() -> None:
    # His mentions, but no more articles for prominence: a letter is weak evidence.
    assert merged(hit(1, "Serge Bettan", 2), hit(2, "S Bettan", 2)) == {"Serge Bettan": 2}
    assert [h.ids for h in _merge([hit(1, "Serge Bettan", 2), hit(2, "S Bettan", 2)])] == [[1, 2]]
    # A letter far better covered than the bearer is a name of its own ("T Rex"); a bearer with
    # a middle or a hyphenated name bears the letter too.
    assert merged(hit(1, "Tom Bettan", 3), hit(2, "T Bettan", 25)) == {"Tom Bettan": 3, "T Bettan": 25}
    assert merged(hit(1, "Jacques Bettan", 2), hit(2, "Jean-Pierre Bettan", 2), hit(3, "J Bettan", 2)) == {
        "Jacques Bettan": 2,
        "Jean-Pierre Bettan": 2,
        "J Bettan": 2,
    }
    # Two bearers with that initial: whose it is would be a guess.
    assert merged(hit(1, "Serge Bettan", 2), hit(2, "Simon Bettan", 2), hit(3, "S Bettan", 2)) == {
        "Serge Bettan": 2,
        "Simon Bettan": 2,
        "S Bettan": 2,
    }


async def test_who_answers_the_person_before_a_song_of_that_name(news: Services) -> None:
    first, choices = await ask_who(
        news,
        "Harrow",
        story(1, 'The band played "Harrow" at the festival, and the crowd sang "Harrow" back to them.'),
        story(2, 'Critics called "Harrow" the song of the summer.'),
        story(3, 'Radio stations played "Harrow" every hour on Monday.'),
        story(4, "Singer Delia Harrow cancelled her tour on Friday, her agent said."),
    )
    assert first.startswith("Delia Harrow — ") and "singer" in first.lower(), (first, choices)


def test_a_team_and_its_post_in_a_headline_are_cut_from_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # The model's tags as it gave them for such a headline: the team, the post and the verb in the name.
    text = (
        "Falcons Receiver DeShawn Marsh Apologizes for Posts.\n\n"
        "The Atlanta Falcons condemned social media posts by Marsh, the team's star."
    )
    doc = nlp(text)
    name, surname = "Falcons Receiver DeShawn Marsh Apologizes", text.rindex("Marsh")
    doc.ents = [doc.char_span(0, len(name), label="PERSON"), doc.char_span(surname, surname + 5, label="PERSON")]
    analysis = next(analyze_docs([doc], [True]))
    assert people(analysis) == {"DeShawn Marsh"}, people(analysis)
    assert "Falcons Receiver" in roles(analysis)["DeShawn Marsh"]


def test_a_capitalised_post_the_article_writes_in_lower_case_opens_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The group worked with teachers to write a pack for songwriters and composers.\n\n"
        "Songwriter Guy Renwick, who has worked with stars, has backed the scheme."
    )
    analysis = analyze_texts(nlp, [text])[0]
    assert people(analysis) == {"Guy Renwick"} and roles(analysis)["Guy Renwick"] == ["Songwriter"]


def test_a_headline_names_the_person_the_article_gives_inside_its_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Astronaut Mara Quist Becomes First Woman to Reach the Deep.\n\n"
        "The astronaut Mara Quist, 68, is now also the first woman to reach the trench."
    )
    doc = nlp(text)
    headline, body = "Astronaut Mara Quist Becomes", text.rindex("Mara Quist")
    doc.ents = [doc.char_span(0, len(headline), label="PERSON"), doc.char_span(body, body + 10, label="PERSON")]
    analysis = next(analyze_docs([doc], [True]))
    assert people(analysis) == {"Mara Quist"}, people(analysis)


def test_a_client_is_someones_relation_not_a_post(nlp) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze_texts(nlp, ["The agent tried to involve his client Tom Vance in the deal."])[0]) == {}


def test_a_guests_post_the_model_tagged_into_the_name_is_the_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Guests: Omar Haddad - Senior Fellow, Tamim Institute for Public Policy and International Affairs, "
        "American University of Cairo - Subscribe to our channel"
    )
    doc = nlp(text)
    start = text.index("Omar")
    doc.ents = [doc.char_span(start, text.index(","), label="PERSON")]
    assert roles(next(analyze_docs([doc]))) == {"Omar Haddad": ["Senior Fellow"]}


def test_a_long_guests_post_ends_where_it_is_held(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Presenter: Ann Lee Guests; Omar Haddad - Senior Public Policy Fellow and Professor of Journalism at "
        "the American University in Cairo Karim Nassar - Adjunct Professor at Georgetown University"
    )
    found = roles(analyze_texts(nlp, [text])[0])
    assert found["Omar Haddad"] == ["Senior Public Policy Fellow and Professor of Journalism"], found


def test_a_plural_post_run_into_a_name_is_no_first_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Guests: Ann Lee - Coordinator, Committee to Protect Journalists Omar Haddad - Executive Director, Arab Center"
    )
    doc = nlp(text)
    start = text.index("Journalists")
    doc.ents = [doc.char_span(start, text.index(" - Executive"), label="PERSON")]
    assert "Omar Haddad" in people(next(analyze_docs([doc])))


def test_a_full_name_tagged_a_place_is_the_person_a_post_gives_the_surname_of(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Italy nearly scored through Ludovico Benatti, but the late try ensured an Irish victory. "
        "Winger Benatti dropped the ball as he reached for the line."
    )
    assert roles(analyze_texts(nlp, [text])[0]) == {"Ludovico Benatti": ["Winger"]}


def test_a_post_the_tagger_reads_as_a_verb_in_a_list_of_players_is_the_post(nlp) -> None:  # type: ignore[no-untyped-def]
    found = roles(analyze_texts(nlp, ["Prop Tom Vance and lock Carl Penn both return to the squad after injury."])[0])
    assert found == {"Tom Vance": ["Prop"], "Carl Penn": ["lock"]}


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        # A headline that names the post someone takes.
        ("Nadia Corrie becomes new culture secretary.\n\nThe MP for Mid Wessex and former health minister was "
         "promoted on Wednesday.", "Nadia Corrie", "new culture secretary"),
        ("Ella Marsh Is Elected First Black Mayor of Kenport.\n\nMs. Marsh is also the first woman to hold the post.",
         "Ella Marsh", "First Black Mayor of Kenport"),
        # A post in capitals after the name's comma.
        ("Republican Defends Inquiry Into Election.\n\nMichael Gableton, a conservative former State Supreme Court "
         "Justice, declared that the inquiry was lawful.", "Michael Gableton",
         "conservative former State Supreme Court Justice"),
    ],
)  # fmt: skip
def test_a_headline_or_a_capitalised_apposition_states_the_post(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze_texts(nlp, [text], [True])[0]).get(person) == [role]


def test_a_department_head_before_the_names_comma_is_the_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Amid fears of a no-deal exit, the government's legal department head, Jonathan Pryce, quit in protest."
    assert roles(analyze_texts(nlp, [text])[0]) == {"Jonathan Pryce": ["government's legal department head"]}


def test_a_nationality_the_model_took_into_a_name_is_cut(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Swiss star will face seventh seed Russian Mikhail Yerin in the quarter-finals. "
        "The Russian beat Germany's Rainer Holt 7-5 6-4."
    )
    assert roles(analyze_texts(nlp, [text])[0]).get("Mikhail Yerin") == ["seventh seed"]


@pytest.mark.parametrize(
    "text",
    [
        # A bank or a country after which a post follows is no person (a post a body holds too).
        "Goldman Sachs, the lead adviser on the deal, said the bid was fair.",
        "Cases rose in New York, 12, New Jersey, 9, and Rhode Island, 4.",
        "Costa Rica Elected Chair of Forest Forum.\n\nThe country will lead the forum for two years.",
        # An agent noun before a company's name.
        "Train operator Great Western cancelled dozens of services on Monday.",
    ],
)
def test_bodies_and_places_stay_what_they_are(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert people(analyze_texts(nlp, [text], ["\n" in text])[0]) == set()


def test_the_new_rules_leave_names_and_posts_they_do_not_read_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    def read(text: str) -> tuple[dict[str, list[str]], set[str]]:
        analysis = analyze_texts(nlp, [text])[0]
        return roles(analysis), people(analysis)

    # A royal title before a given name says nothing of a lake's name.
    assert "Lake Victoria" not in read("Queen Victoria opened the dam at Lake Victoria in 1890.")[1]
    # "head bowed" is no post; nor is what a coach is of when it is no post's field.
    assert read("Tom Vardy, head bowed, left the court after the verdict.")[0] == {}
    assert "coach" not in " ".join(
        read("The coach of teenage sensation Hope Dallow said she would rest.")[0].get("Hope Dallow", [])
    )
    # An adjective of faith elsewhere, a post that is a given name too: the whole name stays.
    assert (
        "Christian Paul Jensen"
        in read("Christian groups protested outside the hall. Christian Paul Jensen spoke first.")[1]
    )
    assert "Justice Winslow" in read("Justice Winslow scored 12 points for the Heat.")[1]
    assert "Victor Manuel Ortega" in read("The victor was never in doubt. Victor Manuel Ortega won by ten points.")[1]


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        # The post after "as", when the name is what an act is of, and "their" is the club's.
        ("Harbour Town confirm the appointment of Lev Marić as their new head coach.", "Lev Marić",
         "new head coach"),
        # A rank in figures after "number".
        ("Brian Ochman, the world number 127, won in three sets.", "Brian Ochman", "world number 127"),
        # The same rank before the name.
        ("Ann Lee saw off world number 127 Brian Ochman in the first round.", "Brian Ochman", "world number 127"),
        # What a post is of after the comma, when the parse hangs "of" elsewhere ("United" no verb).
        ("Bonnie Castel, head of National Nurses United, raised the alarm over shortages.", "Bonnie Castel",
         "head of National Nurses United"),
        # An Irish prime minister's title.
        ("Taoiseach Leo Vardy said the border must stay open.", "Leo Vardy", "Taoiseach"),
    ],
)  # fmt: skip
def test_posts_after_as_ranks_in_figures_and_titles(nlp, text: str, person: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert roles(analyze_texts(nlp, [text])[0]).get(person) == [role], roles(analyze_texts(nlp, [text])[0])


def test_a_guest_list_names_the_guest_after_the_last_ones_affiliation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Presenter: Imran Khan Guests: Wang Hui - President and Founder of the Center for China and "
        "Globalization Theresa Fallon - Director of the Center for Russia Europe Asia Studies"
    )
    doc = nlp(text)
    start = text.index("Globalization")
    doc.ents = [doc.char_span(start, text.index(" - Director"), label="PERSON")]
    found = roles(next(analyze_docs([doc])))
    assert found["Theresa Fallon"] == ["Director of the Center for Russia Europe Asia Studies"], found
    assert "Globalization Theresa Fallon" not in found


def test_a_credits_next_label_is_no_part_of_the_name_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Producer: Ala Hassan Translator: Nemonte Nava Executive producer: Andrew Phelps"
    doc = nlp(text)
    start = text.index("Nemonte")
    doc.ents = [doc.char_span(start, text.index(" producer"), label="PERSON")]
    assert people(next(analyze_docs([doc]))) == {"Nemonte Nava"}
