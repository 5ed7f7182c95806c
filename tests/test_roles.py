"""Role words and post words in either word order (domain/roles.py)."""

from __future__ import annotations

from domain.roles import english_markers, narrows, post_word, role_words, shorter_forms


def test_the_post_is_last_in_english_and_first_after_its_adjectives_in_russian() -> None:
    assert post_word(role_words("Russian Foreign Minister")) == "minister"
    assert post_word(role_words("world number three")) == "number"
    assert post_word(role_words("министр иностранных дел России")) == "министр"
    assert post_word(role_words("президент России")) == "президент"
    assert post_word(role_words("глава МИД России")) == "глава"
    assert post_word(role_words("бывший президент")) == "президент"
    assert post_word(role_words("верховный представитель ЕС по иностранным делам")) == "представитель"
    # A word like an adjective before "по" or a quoted name is the post itself.
    assert post_word(role_words("уполномоченный по правам человека")) == "уполномоченный"
    assert post_word(role_words("нападающий «Спартака»")) == "нападающий"
    assert post_word(role_words("российский теннисист")) == "теннисист"


def test_russian_markers_read_as_the_english_ones() -> None:
    assert role_words("экс-президент Украины") == ["former", "президент", "украины"]
    assert role_words("Бывший президент Украины") == ["former", "президент", "украины"]
    assert role_words("Ex-Home Secretary") == ["former", "home", "secretary"]
    assert role_words("Врио губернатора") == ["acting", "губернатора"]


def test_a_shorter_wording_of_a_post_is_its_tail_in_english_and_its_start_in_russian() -> None:
    assert narrows(["captain"], ["england", "captain"])
    assert not narrows(["england"], ["england", "captain"])
    assert narrows(["президент"], ["президент", "россии"])
    assert narrows(role_words("пресс-секретарь президента"), role_words("пресс-секретарь президента России"))
    assert narrows(["президент"], ["российский", "президент"])
    assert not narrows(["президент"], ["президент"])
    assert ("президент",) in shorter_forms(["президент", "россии"])
    assert ("england",) not in shorter_forms(["england", "captain"])


def test_russian_markers_are_written_as_english_ones_and_the_rest_as_written() -> None:
    assert english_markers("экс-президент Украины") == "former президент Украины"
    assert english_markers("Бывший глава МИД") == "former глава МИД"
    assert english_markers("Ex-Home Secretary") == "Ex-Home Secretary"
    assert english_markers("New York Governor") == "New York Governor"
