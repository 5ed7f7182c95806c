"""The languages articles are told apart in: ISO 639-1 codes and their English names."""

from __future__ import annotations

# Common news languages. Fewer is faster and more accurate: each one added is one more that a
# short text can be mistaken for. Russian and Ukrainian are both here so that neither is
# taken for the other.
LANGUAGE_NAMES = {
    "en": "English",
    "ru": "Russian",
    "uk": "Ukrainian",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "tr": "Turkish",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
}
DEFAULT_LANGUAGE = "en"  # of a text too short to tell, and of the articles stored before languages were


def language_name(code: str | None) -> str:
    """ "Russian" for "ru"; an unknown code as it is."""
    code = code or DEFAULT_LANGUAGE
    return LANGUAGE_NAMES.get(code, code)
