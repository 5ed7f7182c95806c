"""Files read (bot/ingest/documents.py, pdf.py, markdown.py) and forwarded posts (forwards.py)."""

from __future__ import annotations

import re
import time
import zlib
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from bot.ingest import pdf
from bot.ingest.documents import document_kind, from_document
from bot.ingest.forwards import Forwarded, from_forward, link_only, post_url
from bot.ingest.pdf import BROKEN_PDF, TOO_COMPLEX, unwrap
from bot.ingest.sources import RawArticle, from_bytes, from_path, from_pdf
from domain.sources import Failure
from tests.conftest import FIXTURES, fixture_text
from tests.support.pdfs import article_pdf, text_pdf

HARBOUR = "Harbour of Tallinn reopened on Monday after forty days of repairs, the port authority said."


@pytest.mark.parametrize(
    ("name", "mime", "kind"),
    [
        ("a.TXT", None, "txt"),
        ("notes.md", "application/octet-stream", "md"),
        ("page.htm", "text/html", "html"),
        ("paper.pdf", "application/pdf", "pdf"),
        (None, "application/pdf", "pdf"),
        ("", "text/plain; charset=utf-8", "txt"),
        ("setup.exe", "text/plain", None),  # the name decides: Telegram's MIME type follows it anyway
        ("archive.zip", "application/zip", None),
        (None, "image/jpeg", None),
    ],
)
def test_the_kind_of_a_file_is_judged_by_name_then_mime_type(name: str | None, mime: str | None, kind: str | None):
    assert document_kind(name, mime) == kind


def test_pdf_lines_are_joined_into_paragraphs() -> None:
    page = (
        "Harbour reopens\n"
        "The harbour of Tallinn reopened on Monday after forty days of repairs, the port authority\n"
        "said. Ferries to Helsinki will run every hour, and cargo ships return on Wed-\n"
        "nesday.\n"
        "Cruise ships return in May, when the new terminal opens to passengers and their cars.\n"
        "That is all.\n"
    )
    assert unwrap(page).split("\n\n") == [
        "Harbour reopens",
        "The harbour of Tallinn reopened on Monday after forty days of repairs, the port authority said. Ferries "
        "to Helsinki will run every hour, and cargo ships return on Wednesday.",
        "Cruise ships return in May, when the new terminal opens to passengers and their cars. That is all.",
    ]


def test_a_pdf_gives_its_text_title_and_no_markup() -> None:
    article = from_pdf(article_pdf(fixture_text("aleppo-truce.txt")), "aleppo.pdf")
    assert isinstance(article, RawArticle)
    assert article.title == "Ankara rules out new offensive as Aleppo truce talks stall"
    assert "Turkish Foreign Minister Mevlut Cavusoglu said on Tuesday." in article.text


def test_a_pdf_without_a_headline_takes_its_documents_title() -> None:
    titled = from_pdf(text_pdf([[HARBOUR]], title="Tallinn harbour"), "t.pdf")
    assert isinstance(titled, RawArticle) and titled.title == "Tallinn harbour"
    named = from_pdf(text_pdf([[HARBOUR]], title="Microsoft Word - harbour.doc"), "t.pdf")
    assert isinstance(named, RawArticle) and named.title == ""  # the pipeline takes the first line


def test_pages_past_the_cap_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "PDF_MAX_PAGES", 2)
    article = from_pdf(text_pdf([["Page one of the report."], ["Page two of it."], ["Page three."]]), "p.pdf")
    assert isinstance(article, RawArticle)
    assert "Page two" in article.text and "Page three" not in article.text


def test_a_pdf_that_takes_too_long_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "PDF_SECONDS", 0.0)
    failure = from_pdf(text_pdf([[HARBOUR]]), "slow.pdf")
    assert failure == Failure("slow.pdf", "reading its text took over 0 seconds")


def _with_stream(pdf: bytes, stream: bytes) -> bytes:
    """The PDF with its first page's content replaced by a Flate-compressed stream."""
    match = re.search(rb"<< /Length (\d+) >>\nstream\n", pdf)
    assert match is not None
    end = match.end() + int(match.group(1))
    head = b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(stream)
    return pdf[: match.start()] + head + stream + pdf[end:]


def test_a_decompression_bomb_is_refused_quickly() -> None:
    bomb = zlib.compress(b"BT /F1 10 Tf 56 780 Td (" + b"A" * 60_000_000 + b") Tj ET", 9)
    assert len(bomb) < 100_000
    started = time.monotonic()
    failure = from_pdf(_with_stream(text_pdf([[HARBOUR]]), bomb), "bomb.pdf")
    assert failure == Failure("bomb.pdf", BROKEN_PDF)
    assert time.monotonic() - started < 10


def test_a_bad_page_costs_only_itself() -> None:
    pdf = text_pdf([["first"], [HARBOUR]])
    broken = _with_stream(pdf, b"\x78\x9c not zlib at all")  # the first page's content is damaged
    article = from_pdf(broken, "two.pdf")
    assert isinstance(article, RawArticle) and HARBOUR in article.text


def test_a_locked_pdf_is_refused_and_one_locked_only_against_editing_is_read() -> None:
    def encrypted(user_password: str) -> bytes:
        writer = PdfWriter(clone_from=PdfReader(BytesIO(text_pdf([[HARBOUR]]))))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        out = BytesIO()
        writer.write(out)
        return out.getvalue()

    assert from_pdf(encrypted("secret"), "l.pdf") == Failure("l.pdf", "this PDF is password-protected")
    opened = from_pdf(encrypted(""), "o.pdf")
    assert isinstance(opened, RawArticle) and HARBOUR in opened.text


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4\n", b"not a pdf at all", bytes(range(256)) * 40])
def test_what_is_not_a_pdf_is_refused(data: bytes) -> None:
    assert from_pdf(data, "x.pdf") == Failure("x.pdf", BROKEN_PDF)


def test_markdown_is_read_as_its_reader_sees_it() -> None:
    source = b"# Tallinn\n\nThe *harbour* [reopened](https://example.com).\n\n<script>x</script>\n\n1. one\n"
    (article,) = from_document(source, "t.md", "md")
    assert isinstance(article, RawArticle)
    assert article.title == "Tallinn" and article.source == "t.md"
    # Raw HTML stays the characters typed (escaped when shown), never markup run or dropped unseen.
    assert article.text.split("\n\n") == ["The harbour reopened.", "<script>x</script>", "one"]


def test_the_terminal_reads_pdf_and_markdown_files_and_pdf_links(tmp_path: Path) -> None:
    (tmp_path / "harbour.pdf").write_bytes(article_pdf(f"Tallinn harbour reopens\n\n{HARBOUR}"))
    (tmp_path / "notes.md").write_text(f"# Tallinn\n\nThe **harbour** reopened.\n\n{HARBOUR}\n", encoding="utf-8")
    pdf_article, md_article = from_path(tmp_path)
    assert isinstance(pdf_article, RawArticle) and isinstance(md_article, RawArticle)
    assert (pdf_article.title, pdf_article.source) == ("Tallinn harbour reopens", "harbour.pdf")
    assert (md_article.title, md_article.source) == ("Tallinn", "notes.md")
    assert md_article.text.startswith("The harbour reopened.")
    # A link to a PDF comes with no kind the fetcher knows (application/pdf): its header tells.
    (linked,) = from_bytes(text_pdf([[HARBOUR]]), "https://example.com/r.pdf", None, url="https://example.com/r.pdf")
    assert isinstance(linked, RawArticle) and HARBOUR in linked.text
    assert (linked.url, linked.source) == ("https://example.com/r.pdf", "example.com")


def test_only_a_public_channels_post_has_a_link_and_its_source_says_telegram() -> None:
    when = datetime(2026, 11, 20, tzinfo=UTC)
    public = Forwarded(HARBOUR, when, "balticwire", 77)
    assert post_url(public) == "https://t.me/balticwire/77"
    assert post_url(Forwarded(HARBOUR, when)) is None
    article = from_forward(public)
    assert (article.url, article.source) == ("https://t.me/balticwire/77", "Telegram: @balticwire")
    assert article.published == when


def test_an_uploaded_page_keeps_its_file_name_not_the_site_and_link_it_claims() -> None:
    page = (
        (FIXTURES / "page.html")
        .read_bytes()
        .replace(b"</head>", b'<link rel="canonical" href="https://www.bbc.co.uk/news/world-123"></head>')
    )
    (named,) = from_document(page, "tartu.html", "html")
    (unnamed,) = from_document(page, "BBC News", "html")  # no suffix: the name could pass for an outlet
    assert isinstance(named, RawArticle) and isinstance(unnamed, RawArticle)
    assert (named.url, named.source) == (None, "tartu.html")
    assert (unnamed.url, unnamed.source) == (None, "uploaded file")


def test_a_page_with_megabytes_of_drawing_instructions_is_refused_in_seconds() -> None:
    # 30 KB of PDF inflating to one page of 10 MB of text operators: a minute of pypdf's time.
    bomb = zlib.compress(b"BT /F1 10 Tf 56 780 Td " + b"(A) Tj " * 1_500_000 + b" ET", 9)
    started = time.monotonic()
    failure = from_pdf(_with_stream(text_pdf([[HARBOUR]]), bomb), "heavy.pdf")
    assert failure == Failure("heavy.pdf", TOO_COMPLEX)
    assert time.monotonic() - started < 5


def test_a_pdf_is_read_under_a_hard_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # Under the page cap, one page can still take longer than the whole budget: the reader is killed.
    monkeypatch.setattr(pdf, "PAGE_CONTENT_BYTES", 100_000_000)
    monkeypatch.setattr(pdf, "PDF_SECONDS", 2.0)
    bomb = zlib.compress(b"BT /F1 10 Tf 56 780 Td " + b"(A) Tj " * 1_500_000 + b" ET", 9)
    started = time.monotonic()
    failure = from_pdf(_with_stream(text_pdf([[HARBOUR]]), bomb), "slow.pdf")
    assert failure == Failure("slow.pdf", "reading its text took over 2 seconds")
    assert time.monotonic() - started < 5


def test_a_post_that_is_a_link_is_read_by_its_link() -> None:
    assert link_only("Read this: https://example.com/a", 40) == "https://example.com/a"
    assert link_only(f"{HARBOUR} https://example.com/a", 40) is None
    assert link_only(HARBOUR, 40) is None
