"""Issue 10, sixteenth round: a trade written in capitals in an apposition, a post the text then names
("the video maker, named …"), a post after another person and "and", a post's letters after the name's
comma, an Irish head of government, a place's name before an agent noun, a post "of" what ends before a
relative clause, a relative clause's link on the name, a work's title in quote marks before a post.
Sentences and names of our own."""

from __future__ import annotations

import pytest

from tests.support.nlp import english, found


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A trade in capitals in an apposition, with words of its own before it and a place after it.
        ("Dr Helen Okoye, Consultant Clinical Oncologist at St Mark's Hospital, said the drug works.", "Helen Okoye",
         "Consultant Clinical Oncologist at St Mark's Hospital"),
        # A post, then the name the text gives its bearer.
        ("The video maker, named Nora Pellow, can be heard laughing as the puppy chases the cat.", "Nora Pellow",
         "video maker"),
        ("The pilot, identified as Brian Tully, was killed.", "Brian Tully", "pilot"),
        ("One resident, named only as Kevin Lowe, said the town had emptied.", "Kevin Lowe", "resident"),
        # A post set off by commas after "X and the …": the name is the post's, not the other person's.
        ("After both Vance and the House speaker, Carl Penn, made statements supporting the memo's release, "
         "the fight over its fate took a twist.", "Carl Penn", "House speaker"),
        # A post's letters after the name's comma, a past participle the tagger read as a past tense after it.
        ("Vance lost. Tom Vance, the DJ sacked after a singer complained, has been hired by a radio station.",
         "Tom Vance", "DJ"),
        # An Irish head of government's deputy.
        ("Last night Tanaiste Liam Byrne made a strong claim on RTE. Byrne was speaking after a day of "
         "confusion.", "Liam Byrne", "Tanaiste"),
        # A place's name and words of the post before an agent noun.
        ("Palm Beach County property tax appraiser Dorothy Jacks disagrees, saying the course is worth less.",
         "Dorothy Jacks", "Palm Beach County property tax appraiser"),
        # What the post is of, up to its relative clause.
        ("Levi Pay, a former director of student services who now advises universities, says students want "
         "choice.", "Levi Pay", "former director of student services"),
        # A relative clause's present link on a name after "said".
        ("“It is a big risk,” said Paul Begala, who is a senior advisor to the party.", "Paul Begala",
         "senior advisor to the party"),
        # A work's title in quote marks before the post, after a comma or a conjunction.
        ("Moments earlier, “Fleabag” creator Phoebe Waller-Bridge accepted the statuette.", "Phoebe Waller-Bridge",
         "“Fleabag” creator"),
        ("But “Mrs Maisel” actress Alex Borstein said the prize should have gone elsewhere.", "Alex Borstein",
         "“Mrs Maisel” actress"),
    ],
)  # fmt: skip
def test_a_post_read_in_the_round(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text).get(name, [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A man is described, not posted; a list of surnames is no trade.
        ("A man named Gareth Pruitt was arrested on Friday.", "Gareth Pruitt"),
        ("The victim, named as Tom Vance, 34, died in hospital.", "Tom Vance"),
        # A work's title in brackets after a name ("My Summer of Love") is no post.
        ("Nominees include Nora Pellow (My Summer of Love) and Ann Lister (The Mother).", "Nora Pellow"),
        # The naming verb is the post's own act; a past link tells of then.
        ("The coach named Ann Lister in the squad for the World Cup.", "Ann Lister"),
        ("The prosecutor called Tom Vance to the stand on the third day of the trial.", "Tom Vance"),
        ("“We won't give up,” said Tom Vance, who was a student at the time.", "Tom Vance"),
        # The other person's post set off by commas, then this one's name.
        ("Speaking alongside Ann Lister, the club's physio, Tom Vance, said the injury was minor.", "Tom Vance"),
        # A post after a comma that another person's verb follows; a piece of a hyphenated word.
        ("He met Ann Lister, the coach said on Monday.", "Ann Lister"),
        (
            "Lewis-Farr, who was runner-up to team-mate Jason Gardner at the Europeans, will train at home. "
            "Mark Lewis-Farr is out.",
            "Mark Lewis-Farr",
        ),
    ],
)
def test_no_post_is_read(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text).get(name, []) == []


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A title's capitalised "What" is no relative clause.
        ("Ann Lister, editor of What Car?, said prices would rise.", "Ann Lister", "editor"),
        # A feeling in quote marks, a song's words with a pronoun: no work's title.
        ('"Gutted" boss Tom Vance hit out at the referee.', "Tom Vance", "boss"),
        ('"I Will Survive" singer Ann Lister performed.', "Ann Lister", "singer"),
    ],
)
def test_the_post_alone_is_read(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text).get(name) == [role]


def test_a_possessive_after_quoted_speech_is_no_title_in_quote_marks(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We are pretty optimistic he is getting there," Wales\' team physiotherapist Mark Dawes said.'
    assert found(nlp, text).get("Mark Dawes") == ["team physiotherapist"]
