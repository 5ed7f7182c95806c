"""The alphabet of a text (domain/scripts.py), which picks a quote's marks and a role's post word."""

from __future__ import annotations

from domain.scripts import is_cyrillic, quote_marks


def test_a_text_is_cyrillic_when_most_of_its_letters_are() -> None:
    assert is_cyrillic("Глава МИД России") and is_cyrillic("боец UFC из Дагестана")
    assert not is_cyrillic("UFC fighter") and not is_cyrillic("2:6, 4:6") and not is_cyrillic("")
    assert quote_marks("Мы готовы") == ("«", "»") and quote_marks("We are ready") == ("“", "”")
