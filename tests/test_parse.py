"""Long texts are parsed in pieces that join back into one document."""

from __future__ import annotations

from bot.nlp.analyze import analyze_texts
from bot.nlp.model import load_pipeline
from bot.nlp.parse import PIECE_CHARS, parse, pieces
from bot.settings import Settings

PARAGRAPH = (
    "The harbour board of Port Ellery met on Monday to discuss the new ferry timetable. "
    "Residents asked for an earlier morning crossing to the mainland.\n\n"
)


def test_pieces_join_back_exactly_and_end_after_a_paragraph() -> None:
    text = PARAGRAPH * 200
    parts = pieces(text)
    assert "".join(parts) == text
    assert len(parts) > 1
    assert all(len(part) <= PIECE_CHARS for part in parts)
    assert all(part.endswith("\n\n") for part in parts[:-1])


def test_a_text_without_breaks_is_still_cut_to_size() -> None:
    text = "x" * (PIECE_CHARS * 2 + 5)
    assert [len(part) for part in pieces(text)] == [PIECE_CHARS, PIECE_CHARS, 5]


def test_a_long_article_is_one_document_with_names_from_every_piece() -> None:
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    filler = PARAGRAPH * 150  # about 22,000 characters: three pieces
    text = "Mayor Alice Brennan opened the session.\n\n" + filler + "Governor Tomas Okafor closed it on Friday.\n\n"
    (doc,) = parse(nlp, [text])
    assert doc.text == text
    (analysis,) = analyze_texts(nlp, [text, "A short one about Lisbon."])[:1]
    names = set(analysis.entity_names())
    assert {"Alice Brennan", "Tomas Okafor"} <= names
