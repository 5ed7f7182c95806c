"""A PDF's text, read with pypdf within bounds (pages, seconds, pypdf's own limits); hostile files refused."""

from __future__ import annotations

import logging
import re
import statistics
import time
from io import BytesIO

from pypdf import PdfReader
from pypdf import apply_configuration as pdf_limits

from bot.ingest.text import one_line

PDF_MAX_PAGES = 300
PDF_SECONDS = 20.0  # a PDF's text is read for this long at most (checked between pages)
READ_CHARS = 800_000  # text read at most: four times the most an article keeps (MAX_TEXT_CHARS ≤ 200,000)
# pypdf's own bounds, tightened for files of a few MB: a stream that inflates past these is a
# bomb, not an article.
PDF_BOUNDS = {
    "zlib_maximum_output_length": 50_000_000,
    "lzw_maximum_output_length": 50_000_000,
    "run_length_maximum_output_length": 50_000_000,
    "stream_decoding_work_maximum_length": 100_000_000,
    "xform_maximum_invocations_per_extraction": 500,
    "jbig2dec_binary": None,  # never start an outside program for a file from outside
}
BROKEN_PDF = "this PDF is damaged or not a PDF"
LOCKED_PDF = "this PDF is password-protected"
NO_TEXT = "no text found in it (a scanned PDF holds pictures of pages, not text)"

# A broken PDF makes pypdf log a warning per object it repairs: one line per file is enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)
log = logging.getLogger(__name__)


class Unreadable(ValueError):
    """The PDF gives no text; the message says why, for the user."""


def pdf_text(data: bytes, origin: str = "") -> tuple[str, str]:
    """The PDF's title (from its properties; "" when none) and its text, page by page.

    pypdf raises many kinds on hostile input (RecursionError and MemoryError too): a page that
    fails is left out; a PDF whose structure fails, or whose every page did, is Unreadable."""
    deadline = time.monotonic() + PDF_SECONDS
    pages: list[str] = []
    broken: Exception | None = None
    slow = False
    with pdf_limits(**PDF_BOUNDS):
        try:
            reader = PdfReader(BytesIO(data))
            if reader.is_encrypted and not _opened(reader):
                raise Unreadable(LOCKED_PDF)
            title = one_line((reader.metadata or {}).get("/Title"), 500)
            count = min(len(reader.pages), PDF_MAX_PAGES)
        except Unreadable:
            raise
        except Exception as exc:
            raise _broken(origin, exc) from exc
        read = 0
        for number in range(count):
            if read > READ_CHARS:
                break
            if time.monotonic() > deadline:
                slow = True
                break
            try:
                text = unwrap(reader.pages[number].extract_text() or "")
            except Exception as exc:
                broken = exc
                continue
            read += len(text)
            pages.append(text)
    text = "\n\n".join(page for page in pages if page.strip())
    if not text.strip():
        if slow:
            raise Unreadable(f"reading its text took over {PDF_SECONDS:.0f} seconds")
        raise _broken(origin, broken) if broken is not None else Unreadable(NO_TEXT)
    # A PDF's /Title is often its file name or the word processor's ("Microsoft Word - x.doc").
    return ("" if title.lower().endswith((".doc", ".docx", ".pdf")) else title), text


def _opened(reader: PdfReader) -> bool:
    """Whether an encrypted PDF opens with no password (many are encrypted only against editing)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unknown or broken cipher: as locked as a password
        return False


def _broken(origin: str, exc: Exception) -> Unreadable:
    log.info("could not read the PDF %r: %s: %s", origin, type(exc).__name__, exc)
    return Unreadable(BROKEN_PDF)


_HYPHENATED = re.compile(r"(\w)- (?=[a-z])")


def unwrap(page: str) -> str:
    """A page's lines joined into paragraphs: PDF text breaks every line, and a paragraph ends
    where a line falls well short of the page's usual line (a paragraph's last line, a heading)."""
    lines = [" ".join(line.split()) for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 3:
        return "\n\n".join(line for line in lines if line)
    full = statistics.quantiles(lengths, n=10)[-1]  # the 90th percentile: a full line
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        if (not line or len(line) < 0.75 * full) and paragraphs[-1]:
            paragraphs.append([])
    # A word broken at a line's end ("Wed-" "nesday") is made whole again.
    return "\n\n".join(_HYPHENATED.sub(r"\1", " ".join(paragraph)) for paragraph in paragraphs if paragraph)
