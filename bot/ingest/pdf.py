"""A PDF's text, read with pypdf in a child process with a hard time limit and a memory cap; hostile files refused."""

from __future__ import annotations

import json
import logging
import re
import statistics
import subprocess
import sys
import threading
import time
from io import BytesIO

from pypdf import PdfReader
from pypdf import apply_configuration as pdf_limits

from bot.i18n import N_, _
from bot.ingest.text import one_line

PDF_MAX_PAGES = 300
PDF_SECONDS = 20.0  # a PDF's reading is killed after this long (pages after 3/4 of it are left unread)
PAGE_CONTENT_BYTES = 1_000_000  # a page whose drawing instructions are longer is left out: an article's are ~10 KB
PDF_MEMORY_BYTES = 1_000_000_000  # the reading process's address space
PDF_READERS = threading.BoundedSemaphore(2)  # PDFs read at once, so many uploads cannot take every core
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
# The reasons a PDF is refused, worded in the child in English and in the reader's language by
# the parent (`_why`).
BROKEN_PDF = N_("this PDF is damaged or not a PDF")
LOCKED_PDF = N_("this PDF is password-protected")
NO_TEXT = N_("no text found in it (a scanned PDF holds pictures of pages, not text)")
TOO_COMPLEX = N_("its pages hold too many drawing instructions to read")
TOO_SLOW = N_("reading its text took over {seconds} seconds")

# A broken PDF makes pypdf log a warning per object it repairs: one line per file is enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)
log = logging.getLogger(__name__)


class Unreadable(ValueError):
    """The PDF gives no text; the message says why, for the user."""


def pdf_text(data: bytes, origin: str = "") -> tuple[str, str]:
    """The PDF's title (from its properties; "" when none) and its text, page by page.

    pypdf checks its time only between pages, and one page of a 30 KB file can hold 10 MB of
    drawing instructions, so the reading runs in a child process that is killed at PDF_SECONDS."""
    command = [sys.executable, "-m", "bot.ingest.pdf", str(PDF_MAX_PAGES), str(PDF_SECONDS * 0.75)]
    command.append(str(PAGE_CONTENT_BYTES))
    with PDF_READERS:
        try:
            done = subprocess.run(command, input=data, capture_output=True, timeout=PDF_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            log.info("reading the PDF %r took over %.0f seconds", origin, PDF_SECONDS)
            raise Unreadable(_why(TOO_SLOW)) from exc
    try:
        answer = json.loads(done.stdout)
    except ValueError:  # the child died (out of memory, a crash in a parser)
        return_code, error = done.returncode, done.stderr.decode(errors="replace").strip()[-300:]
        raise _broken(origin, RuntimeError(f"exit {return_code}: {error}")) from None
    if "error" in answer:
        if answer.get("broken"):
            log.info("could not read the PDF %r: %s", origin, answer["broken"])
        raise Unreadable(_why(str(answer["error"])))
    return answer["title"], answer["text"]


def _why(reason: str) -> str:
    """A refusal in the reader's language, with the time limit filled in."""
    return _(reason).format(seconds=f"{PDF_SECONDS:.0f}")


def _read(data: bytes, max_pages: int, seconds: float, page_bytes: int) -> tuple[str, str]:
    """pdf_text's work, done in the child: a page that fails is left out; a PDF whose structure
    fails, or whose every page did, is Unreadable (pypdf raises RecursionError and MemoryError too)."""
    deadline = time.monotonic() + seconds
    pages: list[str] = []
    broken: Exception | None = None
    slow = too_complex = False
    with pdf_limits(**PDF_BOUNDS):
        try:
            reader = PdfReader(BytesIO(data))
            if reader.is_encrypted and not _opened(reader):
                raise Unreadable(LOCKED_PDF)
            title = one_line((reader.metadata or {}).get("/Title"), 500)
            count = min(len(reader.pages), max_pages)
        except Unreadable:
            raise
        except Exception as exc:
            raise _Broken(exc) from exc
        read = 0
        for number in range(count):
            if read > READ_CHARS:
                break
            if time.monotonic() > deadline:
                slow = True
                break
            try:
                page = reader.pages[number]
                contents = page.get_contents()
                if contents is not None and len(contents.get_data()) > page_bytes:
                    too_complex = True  # a bomb, or a drawing: minutes of pypdf's time either way
                    continue
                text = unwrap(page.extract_text() or "")
            except Exception as exc:
                broken = exc
                continue
            read += len(text)
            pages.append(text)
    text = "\n\n".join(page for page in pages if page.strip())
    if not text.strip():
        if slow:
            raise Unreadable(TOO_SLOW)
        if too_complex:
            raise Unreadable(TOO_COMPLEX)
        raise _Broken(broken) if broken is not None else Unreadable(NO_TEXT)
    # A PDF's /Title is often its file name or the word processor's ("Microsoft Word - x.doc").
    return ("" if title.lower().endswith((".doc", ".docx", ".pdf")) else title), text


class _Broken(Exception):
    """The PDF's structure failed, in the child: the parent logs why and tells the user BROKEN_PDF."""


def _child(argv: list[str]) -> None:
    """`python -m bot.ingest.pdf PAGES SECONDS PAGE_BYTES`: the PDF on stdin, JSON on stdout."""
    import resource  # Unix only, like the deployment; imported where the child needs it

    resource.setrlimit(resource.RLIMIT_AS, (PDF_MEMORY_BYTES, PDF_MEMORY_BYTES))
    data = sys.stdin.buffer.read()
    try:
        title, text = _read(data, int(argv[0]), float(argv[1]), int(argv[2]))
        answer: dict[str, str | bool] = {"title": title, "text": text}
    except Unreadable as exc:
        answer = {"error": str(exc)}
    except _Broken as exc:
        cause = exc.args[0] if exc.args else exc
        answer = {"error": BROKEN_PDF, "broken": f"{type(cause).__name__}: {cause}"}
    sys.stdout.write(json.dumps(answer))


def _opened(reader: PdfReader) -> bool:
    """Whether an encrypted PDF opens with no password (many are encrypted only against editing)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unknown or broken cipher: as locked as a password
        return False


def _broken(origin: str, exc: Exception) -> Unreadable:
    log.info("could not read the PDF %r: %s: %s", origin, type(exc).__name__, exc)
    return Unreadable(_why(BROKEN_PDF))


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


if __name__ == "__main__":
    _child(sys.argv[1:])
