"""One person under a short and a full given name (domain/given_names.py)."""

from __future__ import annotations

from domain.given_names import adds_middle_names, one_given_name, same_bearer


def test_a_short_form_and_its_full_name_are_one_given_name() -> None:
    assert one_given_name("Джо", "Джозеф") and one_given_name("Joseph", "Joe")
    assert one_given_name("Алёша", "Алексей")  # ё and е are one letter here
    # Only listed forms: a name that merely starts the same is another name.
    assert not one_given_name("Ян", "Янис")


def test_two_spellings_of_one_given_name_with_one_surname_are_one_person() -> None:
    assert same_bearer("Джо Байден", "Джозеф Байден")
    assert same_bearer("Bill Gates", "William Gates")


def test_no_merge_without_the_same_surname_or_with_conflicting_evidence() -> None:
    assert not same_bearer("Джо Байден", "Хантер Байден")
    assert not same_bearer("Джо Байден", "Джозеф Смит")
    assert not same_bearer("Байден", "Джозеф Байден")  # a bare surname is another fold's business
    # Named as two people in one article: two people.
    assert not same_bearer("Джо Байден", "Джозеф Байден", seen_together=True)
    # "Алекс" is short for both "Александр" and "Алексей": with both in the store, no guess.
    assert same_bearer("Алекс Петров", "Александр Петров")
    assert not same_bearer("Алекс Петров", "Александр Петров", others=["Алексей Петров"])


def test_a_name_with_middle_names_added_is_the_fuller_name() -> None:
    assert adds_middle_names("Mary Tamsett", "Mary Louise Tamsett")
    assert adds_middle_names("Mary Tamsett", "Mary Louise Anne Tamsett")
    assert adds_middle_names("Mary Louise Tamsett", "Mary Louise Anne Tamsett")
    assert adds_middle_names("Mary Anne Tamsett", "Mary Louise Anne Tamsett")  # in order, not adjacent
    assert adds_middle_names("Renée Tamsett", "Renee Louise Tamsett")  # accents off
    # Another first or last word, another middle name, or no more words: not a fuller name.
    assert not adds_middle_names("Mary Louise Tamsett", "Mary Anne Tamsett")
    assert not adds_middle_names("Anne Tamsett", "Mary Anne Tamsett")
    assert not adds_middle_names("Mary Tamsett", "Mary Louise Tamsett-Hale")
    assert not adds_middle_names("Mary Tamsett", "Mary Tamsett")
    assert not adds_middle_names("Tamsett", "Mary Louise Tamsett")


def test_one_names_spellings_in_english_transliteration_are_one_given_name() -> None:
    assert same_bearer("Mohammad Khatami", "Mohammed Khatami")
    assert not same_bearer("Mohammad Khatami", "Ali Khatami")
