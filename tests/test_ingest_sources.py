"""Reading articles (bot/ingest/sources.py, bot/ingest/text.py): titles, encodings, boilerplate, identities, JSONL."""

from __future__ import annotations

from bot.ingest.sources import from_jsonl, from_text, parse_date
from bot.ingest.text import canonical_url, clean_text, decode, text_hash


def test_text_first_line_is_title_only_before_a_blank_line() -> None:
    assert from_text("Title\n\nBody text here.", "x").title == "Title"
    untitled = from_text("Body starts here.\nAnd continues.", "x")
    assert untitled.title == "" and untitled.text.startswith("Body starts")


def test_decoding_any_encoding() -> None:
    assert decode("café".encode("latin-1")) == "café"
    assert decode("naïve “quotes”".encode("cp1252")) == "naïve “quotes”"
    assert decode("UTF-8 with BOM".encode("utf-8-sig")) == "UTF-8 with BOM"


def test_boilerplate_lines_are_dropped() -> None:
    text = clean_text(
        "Real news sentence one.\n- Advertisement -\nSubscribe to our newsletter\n"
        "Related: other things\nRead more: here\nThe newsletter industry grew by 5% in 2024, a study said."
    )
    assert text.split("\n\n") == [
        "Real news sentence one.",
        "The newsletter industry grew by 5% in 2024, a study said.",
    ]


def test_same_article_identities() -> None:
    assert (
        canonical_url("HTTPS://News.Example.com:443/a?utm_source=x&id=2&fbclid=9#top")
        == "https://news.example.com/a?id=2"
    )
    assert text_hash("Hello,  World!\n") == text_hash("hello world")


def test_jsonl_fields_and_dates() -> None:
    lines = (
        '{"title": "A", "article": "Body A", "link": "https://e.com/a", '
        '"published": "Tue, 05 Mar 2024 18:30:00 +0000"}\n'
        '{"title": "B", "description": "<p>Body <b>B</b></p>", "published": "2024-03-04T09:00:00"}\n'
        "[1, 2]\n"
    )
    a, b, bad = list(from_jsonl(lines, "f.jsonl"))
    assert a.text == "Body A" and a.url == "https://e.com/a" and a.published.isoformat() == "2024-03-05T18:30:00+00:00"
    assert b.text == "Body B" and b.published.isoformat() == "2024-03-04T09:00:00+00:00"
    assert bad.origin == "f.jsonl:3" and "JSON object" in bad.reason
    assert parse_date("not a date") is None
