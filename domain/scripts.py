"""Which alphabet a text is written in, told from its letters, and what follows from it."""

from __future__ import annotations


def _is_cyrillic_letter(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff" or "\u0500" <= char <= "\u052f"


def is_cyrillic(text: str) -> bool:
    """Whether most of the text's letters are Cyrillic ("Глава МИД" yes; "UFC" no; "" no)."""
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(map(_is_cyrillic_letter, letters)) * 2 > len(letters)


def quote_marks(text: str) -> tuple[str, str]:
    """The quotation marks the text's readers expect: «ёлочки» for a Cyrillic text, “…” otherwise."""
    return ("«", "»") if is_cyrillic(text) else ("“", "”")
