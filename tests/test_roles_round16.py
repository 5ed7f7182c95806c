"""Issue 10, sixteenth round: a trade written in capitals in an apposition, a post the text then names
("the video maker, named …"). Sentences and names of our own."""

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
        ("A teacher called Ann Lister won the prize.", "Ann Lister", "teacher"),
        ("One resident, named only as Kevin Lowe, said the town had emptied.", "Kevin Lowe", "resident"),
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
    ],
)
def test_no_post_is_read(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert found(nlp, text).get(name, []) == []
