"""The /who benchmark scores replies the way a reader judges them (bench/labels/WHO_RULES.md)."""

from __future__ import annotations

from bench.who_status_eval import score_label
from bot.render.html import bold
from bot.reply import Choice, Reply

PERSON = {"query": "Blair", "meant": "Tony Blair", "names": ["Tony Blair"], "roles": ["prime minister"]}
AMBIGUOUS = {"query": "Robinson", "meant": "ambiguous", "offer": ["Andy Robinson", "Jason Robinson"]}


def answer(name: str, role: str, *also: str) -> Reply:
    choices = [Choice(f"{other} (person, 3 articles)", f"/who {other}") for other in also]
    return Reply.of(f"{bold(name)} — {role}", "Mentioned in 79 articles, last seen 2005-01-01.", choices=choices)


def choice(query: str, *names: str) -> Reply:
    return Reply.of(
        f"Which {query} do you mean?", choices=[Choice(f"{n} (person, 4 articles)", f"/who {n}") for n in names]
    )


def test_a_direct_answer_with_other_bearers_as_buttons_is_right() -> None:
    assert score_label(PERSON, answer("Tony Blair", "Prime Minister", "Cherie Blair", "Ian Blair"))[0] is None


def test_asking_which_one_when_one_person_dominates_is_an_error() -> None:
    assert score_label(PERSON, choice("Blair", "Tony Blair", "Cherie Blair"))[0] == "choice instead of answer"


def test_wrong_person_role_and_nothing_found_are_told_apart() -> None:
    assert score_label(PERSON, answer("Cherie Blair", "lawyer"))[0] == "wrong person"
    assert score_label(PERSON, answer("Tony Blair", "person"))[0] == "role missing or wrong"
    nothing = Reply.of("I have not read about Blair yet. Try /search Blair, or send me an article with /ingest.")
    assert score_label(PERSON, nothing)[0] == "no answer"


def test_an_ambiguous_surname_must_offer_every_prominent_bearer() -> None:
    assert score_label(AMBIGUOUS, choice("Robinson", "Andy Robinson", "Jason Robinson", "Anne Robinson"))[0] is None
    assert score_label(AMBIGUOUS, choice("Robinson", "Andy Robinson", "Jason Robinsons"))[0] == (
        "bearer missing from choices"
    )
    assert score_label(AMBIGUOUS, answer("Andy Robinson", "England coach"))[0] == "ambiguous not offered"
