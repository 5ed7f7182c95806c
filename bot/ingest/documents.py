"""Files sent in a chat: which kinds are read, how large, and the articles in them."""

from __future__ import annotations

from pathlib import PurePosixPath

from bot.i18n import N_, _, ngettext
from bot.ingest.sources import Item, RawArticle, from_bytes

# By name first (Telegram's MIME type follows the name), else by MIME type for a file with none.
KINDS_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
KINDS_BY_MIME = {
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
}
READABLE = N_(".txt, .md, .html and .pdf")  # translated where shown
TELEGRAM_MAX_BYTES = 20_000_000  # the largest file getFile lets a bot download


def document_kind(file_name: str | None, mime_type: str | None) -> str | None:
    """txt, md, html or pdf for a file the bot reads; None for any other."""
    suffix = PurePosixPath(file_name or "").suffix.lower()
    if suffix:
        return KINDS_BY_SUFFIX.get(suffix)
    return KINDS_BY_MIME.get((mime_type or "").partition(";")[0].strip().lower())


def max_document_bytes(fetch_max_bytes: int) -> int:
    """The largest file read: as large as a page the bot would fetch, within what Telegram serves."""
    return min(fetch_max_bytes, TELEGRAM_MAX_BYTES)


def size_refusal(size: int | None, limit: int) -> str | None:
    """Why a file of this many bytes is not read, or None when it may be."""
    if size is None or size <= limit:
        return None
    return _("it is {size}; I read files up to {limit}").format(size=_megabytes(size), limit=_megabytes(limit))


def _megabytes(size: int) -> str:
    if size >= 100_000:
        return _("{size} MB").format(size=f"{size / 1_000_000:.1f}")
    return ngettext("{size} byte", "{size} bytes", size).format(size=f"{size:,}")


UPLOADED = "uploaded file"  # the source of a file with no name of its kind ("BBC News", no suffix)


def from_document(data: bytes, file_name: str, kind: str) -> list[Item]:
    """The article in a file of a known kind, with the file's name as its source and no URL.

    Anyone can write a page: what it declares of itself (rel=canonical, og:site_name) would let
    a forged upload pass as another outlet's story and make its real URL "already stored". So a
    file's article keeps the file's name, and is told from others by its text alone."""
    source = file_name if PurePosixPath(file_name).suffix.lower() in KINDS_BY_SUFFIX else UPLOADED
    items = list(from_bytes(data, file_name, kind))
    for item in items:
        if isinstance(item, RawArticle):
            item.url, item.source = None, source
    return items
