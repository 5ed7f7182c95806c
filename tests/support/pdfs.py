"""Small PDFs made in the test: text set in Helvetica, one list of lines a page, with a valid cross-reference table."""

from __future__ import annotations

import textwrap


def _literal(text: str) -> bytes:
    """A PDF string literal in WinAnsi (Windows-1252: curly quotes and dashes too)."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252", errors="replace") + b")"


def text_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF showing each page's lines, top to bottom, as a word processor sets them."""
    page_ids = [3 + 2 * n for n in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    info_id = font_id + 1
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids) + b"] /Count %d >>" % len(pages),
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        info_id: b"<< /Title " + _literal(title or "") + b" >>",
    }
    for page_id, lines in zip(page_ids, pages, strict=True):
        shown = b" ".join(_literal(line) + b" Tj T*" for line in lines)
        stream = b"BT /F1 10 Tf 13 TL 56 780 Td " + shown + b" ET"
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font_id, page_id + 1)
        )
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[number] for number in sorted(objects))
    trailer = b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out += trailer % (len(objects) + 1, info_id, xref)
    return bytes(out)


def article_pdf(text: str, width: int = 95, title: str | None = None) -> bytes:
    """An article as a PDF sets it: each paragraph broken into lines of `width` characters."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines += textwrap.wrap(" ".join(paragraph.split()), width) or [""]
    return text_pdf([lines[i : i + 55] for i in range(0, len(lines), 55)], title)
