"""Issue 10, thirteenth round: a post set off by commas before the name that speaks, a portfolio
joined by "and", an owner's possessive opening an apposition, a post held on ("who will remain as"),
a phrase opening the sentence before its subject, a post's capital letters, an initial the model left
out, a generation's suffix, a headline's name the body writes whole, a score after a name.
Sentences and names of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyze import analyze_texts
from tests.support.nlp import english, found, people, roles


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # The post set off by commas is the next name's, who goes on to speak.
        ("Speaking to Radio Kelso, Punjab health minister, Dr Nadia Qureshi said a second wave was likely.",
         "Nadia Qureshi", "Punjab health minister"),
        # A portfolio's capitalised words joined by "and" before the office.
        ("Ravi Menon, Commerce and Industry Minister, announced the decision in Delhi on Thursday.", "Ravi Menon",
         "Commerce and Industry Minister"),
        # An owner's possessive opens the apposition.
        ("Dana Whitlock, Governor Hale’s former campaign manager, will speak tonight.", "Dana Whitlock",
         "Governor Hale’s former campaign manager"),
        # A post held now and on, in a relative clause.
        ("Piet Rooker, who will remain as Granite chief executive, said the offer was fair.", "Piet Rooker",
         "Granite chief executive"),
        # A phrase opening the sentence, then its subject's name.
        ("A veteran smuggler, Omar Haddadi was arrested at the border on Monday.", "Omar Haddadi",
         "veteran smuggler"),
        # A post's letters in capitals, with the word before it.
        ("The song was written by radio DJ Colin Marsh last winter.", "Colin Marsh", "radio DJ"),
        # A rank abbreviated without a dot.
        ("Pte Sam Holloway wrote the letter to his mother just before he was killed.", "Sam Holloway", "Pte"),
        # An initial the model leaves out is the name's; the post before it is read.
        ("The suit was filed by advice columnist E Jean Morrow, who accuses him of assault.", "E Jean Morrow",
         "advice columnist"),
        # A lower-case trade before a name that speaks.
        ("Chief scout Bram Oakes says the movement must learn from its past.", "Bram Oakes", "Chief scout"),
        # A verb the parse hung a noun on after the name.
        ("Governor Tessa Lund pledges action after the economy shrinks.", "Tessa Lund", "Governor"),
        # A post inside an "of" phrase is still the post.
        ("The inquiry led to the resignation of its then chief executive, Dev Sandhu.", "Dev Sandhu",
         "then chief executive"),
    ],
)  # fmt: skip
def test_a_post_read_in_the_round(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in found(nlp, text).get(name, []), found(nlp, text)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A generation's suffix ends the name; the body's "Mr." and surname is the same man.
        ("Leon Abernathy III, Civic Leader with a Quiet Touch, Dies at 51\n\nHe joined his first board at 18. "
         "Mr. Abernathy died of the coronavirus.", "Leon Abernathy III", "Civic Leader"),
        # The body writes the headline's name whole: the whole is the name.
        ("Leeds nurse Harjit Kaur Sandhu dies.\n\nHarjit Kaur Sandhu was described as much loved.",
         "Harjit Kaur Sandhu", "Leeds nurse"),
    ],
)  # fmt: skip
def test_a_headlines_name_and_post(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_texts(nlp, [text], [True])
    assert role in roles(analysis).get(name, []), roles(analysis)
    assert people(analysis) == {name}  # one person, not a second under part of the name


def test_a_score_after_a_name_is_no_part_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Third seed Jan Holm won after beating Frenchman Gilles Renard 7-6 6-3 in the first match of the day."
    assert found(nlp, text).get("Gilles Renard") == ["Frenchman"], found(nlp, text)


@pytest.mark.parametrize(
    ("text", "name", "wrong"),
    [
        # The post before the comma is not the name's before it.
        ("Speaking to Radio Kelso, Punjab health minister, Dr Nadia Qureshi said a second wave was likely.",
         "Radio Kelso", "Punjab health minister"),
        # A post another's, in an "of" phrase before the comma.
        ("A friend of the singer, Ann Corliss was there.", "Ann Corliss", "singer"),
        # A relation, hyphenated or not, is no post; the post beside it is.
        ("He will face arch-rival Pavel Novak, the current world record holder.", "Pavel Novak", "arch-rival"),
        # A report closing the sentence: the post is the name's before it.
        ("The meeting was chaired by Ann Corliss, the foreign secretary, Tom Vance said.", "Tom Vance",
         "foreign secretary"),
        # After a person's name the post set off is that person's, whoever speaks next.
        ("The award went to Ann Corliss, a nurse, Tom Vance announced at the ceremony.", "Tom Vance", "nurse"),
        # Who someone is to the holder of a post is not the post.
        ("A relative of the president, Tom Vance, was appointed to the board.", "Tom Vance", "president"),
        ("The bodyguard of the president, Tom Vance, was killed.", "Tom Vance", "president"),
        # "pc" in lower case is per cent.
        ("The shares rose 5 pc Tom Vance said on Tuesday.", "Tom Vance", "pc"),
        # A name set off with its verb is the source, not the one the opening phrase names.
        ("The goalkeeper, Ann Lee added, was the best in the league.", "Ann Lee", "goalkeeper"),
    ],
)  # fmt: skip
def test_no_such_post_is_read(nlp, text: str, name: str, wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert wrong not in found(nlp, text).get(name, []), found(nlp, text)


def test_a_team_sheets_initials_stay_as_the_sheet_writes_them(nlp) -> None:  # type: ignore[no-untyped-def]
    (analysis,) = analyze_texts(nlp, ["Wales: G Henlow, P Griffen, R Mabry; replacements: T Sowden."], [False])
    assert not any(name[:2] in {"G ", "P ", "R ", "T "} for name in people(analysis)), people(analysis)


@pytest.mark.parametrize(
    ("text", "person", "not_person"),
    [
        # A stage name of two words keeps its letters.
        ("DJ Shadow will headline the festival's second stage on Saturday.", "DJ Shadow", "Shadow"),
        # A letter after a preposition is no initial ("posting on X").
        ("Posting on X Tom Vance wrote that he was disappointed.", "Tom Vance", "X Tom Vance"),
        # Where the text tells father from son, the bare surname is not linked to the son.
        ("Donald Trump Jr said the inquiry was a witch hunt. Mr Trump, his father, agreed.", "Trump",
         None),
    ],
)  # fmt: skip
def test_names_kept_as_written(nlp, text: str, person: str, not_person: str | None) -> None:  # type: ignore[no-untyped-def]
    named = people(analyze_texts(nlp, [text], [False])[0])
    assert person in named and not_person not in named, named


@pytest.mark.parametrize(
    "text",
    [
        # An owner's possessive does not make a bank a person.
        "Goldman Sachs, Mr Musk's banker, declined to comment.",
        # A trade before a firm's name, with no title before it, is the firm's.
        "In the US, lender Wells Fargo said it would pay the fine.",
    ],
)
def test_a_firm_stays_a_firm(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert people(analyze_texts(nlp, [text], [False])[0]) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A title-case headline's verb the model took into the name ends it.
        ("Stephen and Maria Curry Will Endorse Biden at Tonight's DNC.\n\nThe couple spoke.", "Maria Curry"),
        ("Stephen and Sonia Curry Will Endorse Biden at Tonight's DNC.\n\nThe couple spoke.", "Sonia Curry"),
    ],
)  # fmt: skip
def test_a_headlines_verb_is_no_word_of_the_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    named = people(analyze_texts(nlp, [text], [True])[0])
    assert name in named and not any(other.startswith(name + " ") for other in named), named


def test_the_son_named_with_his_suffix_is_mr_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Thomas Vance Jr., who built a shipping empire, died at 88. "
        "Mr. Vance took over the business from his father in 1962."
    )
    assert people(analyze_texts(nlp, [text], [False])[0]) == {"Thomas Vance Jr"}


@pytest.mark.parametrize(
    "text",
    [
        # Under a title the text gives him.
        "Judge Warren Bastian Jr. has retired after 30 years. Judge Bastian presided over the fraud trial.",
        # A description of him as a son is no father set beside him.
        "Harold Jenkley III, who served four terms as mayor, died on Monday. Mr. Jenkley, the son of a "
        "steelworker, grew up on the city's west side.",
    ],
)
def test_the_suffixs_bearer_is_the_surname_under_his_own_title(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    named = people(analyze_texts(nlp, [text], [False])[0])
    assert len(named) == 1 and named.pop().endswith(("Jr", "III")), named
