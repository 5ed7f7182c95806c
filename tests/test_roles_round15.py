"""Issue 10, fifteenth round: a word that is no given name run into the front of a name, a title before
a bare surname that the text writes before the full name, a trade's noun read as an adjective in an
apposition, a rank after a post, a post a body owns in an apposition, a capitalised post the parse hangs
elsewhere, the post "of" a party, a caption's thing before a name, a bracket after a name, a name's last
word the model left out. Sentences and names of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyze import analyze_texts
from tests.support.nlp import english, found, people


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A trade's noun opening its sentence, run into a name the text also writes alone.
        ("The fundraiser began in May. Triathlete Nora Pellow, 31, from Leeds, nearly died in a crash. "
         "Nora Pellow and her partner now raise money for a hospice.", "Nora Pellow", "Triathlete"),
        # ... after a caption run into the text.
        ("The tabby cheers up sick cats and rabbits at a Czech animal hospital Veterinarian Lucyna Kowal-Brzek "
         "treated him and then adopted him. His owner, vet Lucyna Kowal-Brzek, kept him.", "Lucyna Kowal-Brzek",
         "Veterinarian"),
        # A trade's noun the tagger reads as an adjective, after its article, in an apposition.
        ('"It is a crisis," according to Carla Menzies, an obstetrician and gynecologist who runs a clinic.',
         "Carla Menzies", "obstetrician"),
        # A rank after a post, before the name.
        ("Army spokesman Major Sipho Dlamini said the convoy had not been attacked.", "Sipho Dlamini",
         "Army spokesman Major"),
        # A post a body owns, the body read as the apposition.
        ("Owen Treharne, the Duchy of Lancaster's Estate Director at Kelso, said: 'We are pleased.'",
         "Owen Treharne", "Duchy of Lancaster's Estate Director at Kelso"),
        # A capitalised post right before the name, the parse hanging both on the verb after a dash.
        ("Labour fears the pledge came too little too late London Mayor Ned Fairbank - speaking on local radio "
         "this morning, has ruled himself out of the race.", "Ned Fairbank", "London Mayor"),
        # The post "of" a party whose name the parse hangs the person's name on.
        ("Pictured, Tom Vance MP and former leader of the Welsh Labour party Ann Lister at the launch.",
         "Ann Lister", "former leader of the Welsh Labour party"),
        # A post opening the sentence, the name after its comma and before a bracket.
        ("Director of BrightPath, Justine Marlow (standing by the window), is seen teaching a class.",
         "Justine Marlow", "Director of BrightPath"),
        # A plural post, its comma, then a list of names joined by "and": each is one.
        ("He was joined by two fellow NBA players, Tom Vance and Carl Penn of the Hawks.", "Tom Vance",
         "fellow NBA player"),
        ("The three judges, Ann Lister, Tom Vance and Carla Menzies, retired in June.", "Tom Vance", "judge"),
        # A body that owns the post after the name's comma, and a participle before the post's noun.
        ("Anthony Dorset, Kelso & Dorset's managing director, said the deal was sound.", "Anthony Dorset",
         "Kelso & Dorset's managing director"),
        # A plural post opening the sentence, its comma, then the list.
        ("The two defendants, Craig Mellor and Dean Oakes, deny murder.", "Dean Oakes", "defendant"),
        # A post opening the sentence bare, before the comma and the name that is the subject.
        ("British Paralympic powerlifter, Ali Jawad takes you through four exercises.", "Ali Jawad",
         "British Paralympic powerlifter"),
        # A quoted word opening the title before the name, and a quoted post.
        ("The case was taken up by 'peacemaking' Ohio sheriff Abe Vargas last year.", "Abe Vargas",
         "'peacemaking' Ohio sheriff"),
        ('The "rogue trader" Nick Lessing was jailed for six years.', "Nick Lessing", "rogue trader"),
        # A figure inside a body's name in the post after the name's comma.
        ('Carol Wilder, BBC News 24 political correspondent, added: "There is real concern."', "Carol Wilder",
         "BBC News 24 political correspondent"),
        # A title opening the sentence before a name of two words that acts, the model tagging all a body.
        ("Star Carla Appleby had to pull out of the show with a broken foot.", "Carla Appleby", "Star"),
        ("The Lutheran bishop and the Catholic Archbishop Wilton Gregg said the visit was a stunt.", "Wilton Gregg",
         "Catholic Archbishop"),
        # A party's member and two title words cut off the front of the model's name.
        ("Chief Magistrate Ray Rinaldo said the case was closed.", "Ray Rinaldo", "Chief Magistrate"),
        # A rank and a post's qualifier before the title words cut off the front of the model's name.
        ("Deputy Chief Constable Ann Vance said the force would act.", "Ann Vance", "Deputy Chief Constable"),
        # The post someone "will be", named to it.
        ("Tor Wenner will be the UN envoy between Israel and the Palestinians.", "Tor Wenner", "UN envoy"),
        # A post "of" which the name is, after a dash that ends the sentence with it.
        ("Crowds protested against the choice of a new election chief - Anna Kowalski.", "Anna Kowalski",
         "new election chief"),
        # The name's last word the model left out: the subject after the name's words.
        ("Porto coach Nuno Esteves Santo insisted his side had played well. Santo said: 'We will fight.'",
         "Nuno Esteves Santo", "Porto coach"),
    ],
)  # fmt: skip
def test_a_post_read_in_the_round(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text).get(name, [])


def test_letters_before_a_full_name_are_no_given_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Stan Holloway, whose comic songs ran for decades, has died. "
        '"Terrible news," Pardew wrote online. "RIP Stan Holloway. What a loss." Holloway was also known for '
        "his songs."
    )
    assert {name for name in people(analyze_texts(nlp, [text])[0]) if "Holloway" in name} == {"Stan Holloway"}


def test_a_title_written_before_the_full_name_links_the_bare_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Major Tom Dunstable, of the Rifles, drew up the plan. Major Dunstable later retired to a farm."
    analysis = analyze_texts(nlp, [text])[0]
    assert people(analysis) == {"Tom Dunstable"}
    assert "Major" in found(nlp, text)["Tom Dunstable"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A given name stays before a name the text also writes without it (a middle name in use).
        ("Mary Ann Pellow, 31, won the race. Ann Pellow said she was tired.", "Mary Ann Pellow"),
        # Two surnames, the second pair written alone later.
        ("Gabriel Garcia Marquez wrote the novel in Mexico. Garcia Marquez said it took 18 months.",
         "Gabriel Garcia Marquez"),
        # A given name that is a word for someone by trade, before two surnames written alone later.
        ("Victor Ruiz Gomez scored the opener. Ruiz Gomez joined the club in June.", "Victor Ruiz Gomez"),
        # A place before a full name is no title of the surname's other bearer.
        ("In Chelsea Bill Clinton met voters on Tuesday. Chelsea Clinton joined him later.", "Chelsea Clinton"),
        # A given name that is a word, not at the sentence's start.
        ("The club signed Will Pellow Jones last week, and Pellow Jones scored twice.", "Will Pellow Jones"),
    ],
)  # fmt: skip
def test_a_given_name_is_kept(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in people(analyze_texts(nlp, [text])[0])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A caption's thing of the person's own, run into the text before the name.
        (
            "The coach was furious after Ned Fairbank's recent transfer jibe Ned Fairbank led the club to the "
            "title in 2009.",
            "Ned Fairbank",
        ),
        # A body's name opening with a role noun is no person's title.
        ("He was voted, by the International Tennis Writers, the best ambassador for the sport.", "Tennis Writers"),
        # Quoted speech before a name is no title.
        ('He said "no way" Tom Vance would stay.', "Tom Vance"),
        ('She called it "disgraceful" Tom Vance said.', "Tom Vance"),
        ('Protesters branded him a "traitor" Jim Bellamy said later.', "Jim Bellamy"),
        # "will be" something that is no post; a relation "of" someone before a dash.
        ("Carl Penning will be the subject of a new documentary.", "Carl Penning"),
        ("Tributes were paid to the daughter of a fisherman - Ann Pryde.", "Ann Pryde"),
        # "will be" something no post names; a quoted word ending an opening phrase.
        ("Ann Lee will be the big loser if the deal goes through, analysts say.", "Ann Lee"),
        # A letter's greeting before the name's comma.
        ("Dear editor, Ann Leigh writes from Bath.", "Ann Leigh"),
        # A time opening the sentence before its comma is no post.
        ("Yesterday, Ann Lee said the plan had failed.", "Ann Lee"),
        # A clause opening the sentence before the list that is its verb's subject.
        ("Speaking to reporters, Gareth Pruitt and Helen Okoye said the deal was dead.", "Helen Okoye"),
        ("Escorted by police officers, Brian Tully and Kevin Lowe were led from the dock.", "Brian Tully"),
        # A list of posts and names, and a list of whose friend someone is.
        ("He met players, coaches, Tom Vance and Ann Lister at the club.", "Tom Vance"),
        ("She is a friend of the singers, Tom Vance and Ann Lister.", "Ann Lister"),
    ],
)
def test_no_post_is_read(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text).get(name, []) == []


def test_the_show_of_a_name_is_no_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze_texts(nlp, ["The Tom Vance Show returned on Monday after a show about cooking."])[0]
    assert not any(name.endswith("Show") for name in people(analysis))


@pytest.mark.parametrize(
    ("text", "headline", "name"),
    [
        # A headline's capitalised word, and a team's name the text also writes before a post.
        ("Ann Lee Campaign Raises Millions\n\nThe money came from small donors.", True, "Ann Lee"),
        ("Wolves manager Gary Oneil Wolves insisted the team had improved. Wolves manager Carl Penn agreed.", False,
         "Gary Oneil"),
    ],
)  # fmt: skip
def test_a_word_after_a_name_is_no_surname(nlp, text: str, headline: bool, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in people(analyze_texts(nlp, [text], [headline])[0])


def test_kin_of_a_namesake_keeps_its_post(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mr Vance's nephew Hunter Lloyd Vance said the family was devastated."
    assert found(nlp, text)["Hunter Lloyd Vance"] == ["nephew"]


def test_a_rank_word_before_a_bare_surname_may_be_a_given_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Rams lineman Major Harris was injured in practice.").get("Harris", []) == []


def test_a_post_of_a_thing_is_not_the_name_after_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "of" a thing in lower case, whose name is another clause's subject: the manager is not his.
    roles = found(nlp, "The manager of the hotel Sam Fender stayed at said he was charming.").get("Sam Fender", [])
    assert not any("manager" in role for role in roles)


def test_a_trade_opening_the_sentence_tagged_a_place_is_read_by_rule(nlp) -> None:  # type: ignore[no-untyped-def]
    # The model tags "Cartoonist" a place: a rule reads it, not only the words (a loose role ranks below).
    text = (
        "Our hidden faces: Drawings of India's new life.\n\nCartoonist Anjali Rao shows how masks became "
        "common in Delhi - even before the lockdown."
    )
    analysis = analyze_texts(nlp, [text])[0]
    ruled = {role for ref, at, role in analysis.roles if (ref, at, role) not in analysis.loose_roles}
    assert "Cartoonist" in ruled


def test_a_nationality_opening_the_sentence_is_read_only_from_the_words(nlp) -> None:  # type: ignore[no-untyped-def]
    # A people's noun before a name is no post a rule reads (the words may still give it, ranked below).
    analysis = analyze_texts(nlp, ["Canadian Denis Shapov beat the top seed in straight sets."])[0]
    assert not [role for ref, at, role in analysis.roles if (ref, at, role) not in analysis.loose_roles]


def test_a_credits_label_without_its_colon_is_no_given_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Scholars explain the change. Contributors Mark Hughes - associate professor of history, Kelso "
        "University Ann Lister - lecturer in law, Leeds University"
    )
    assert "Mark Hughes" in people(analyze_texts(nlp, [text])[0])


def test_a_quoted_word_ending_an_opening_phrase_is_no_part_of_the_title(nlp) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, "Amid the 'crisis' minister Ann Lee flew to Brussels.")["Ann Lee"] == ["minister"]
