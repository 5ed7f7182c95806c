"""Text hygiene shared by every source: decoding, boilerplate removal, identity hashes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from charset_normalizer import from_bytes


class NotText(ValueError):
    """The input is binary or not readable as text."""


WESTERN = {"cp1252", "latin_1", "iso8859_15"}


def decode(data: bytes) -> str:
    """Bytes in any common encoding (UTF-8, Latin-1, Windows-1252, ...) as text."""
    if b"\x00" in data[:8192]:
        raise NotText("this looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        return data.decode("latin-1")
    # Short input fits many code pages equally well; for an English news reader the
    # Western one is the likeliest of those that fit best.
    least_chaos = min(m.chaos for m in matches)
    for match in matches:
        if match.chaos == least_chaos and WESTERN & set(match.could_be_from_charset):
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                return data.decode("latin-1")
    return str(matches[0])


# Lines that are site furniture, not news. Matched against short paragraphs only.
_BOILERPLATE_LINES = [
    r"advertisement",
    r"advertising",
    r"sponsored( content)?",
    r"subscribe\b.*",
    r"sign up\b.*",
    r"newsletter\b.*",
    r".*\bnewsletter[.!]?",
    r"(read|see) (more|also)\b.*",
    r"related (articles|stories|coverage|topics):?.*",
    r"related:.*",
    r"(follow|like) us\b.*",
    r"share (this|on)\b.*",
    r"click here\b.*",
    r"all rights reserved.*",
    r"copyright (©|\(c\)|\d{4}).*",
    r"©.*",
    r"we use cookies.*",
    r"this (web)?site uses cookies.*",
    r"accept (all )?cookies.*",
    r"(image|photo|picture)( copyright| source)?:.*",
    r"getty images",
    r"continue reading.*",
    r"skip to (main )?content",
    r"(top|latest) (stories|news)",
    r"most (read|popular)",
]
_BOILERPLATE = re.compile(r"^[\W_]*(" + "|".join(_BOILERPLATE_LINES) + r")[\W_]*$", re.IGNORECASE)
BOILERPLATE_MAX_CHARS = 160


def is_boilerplate(paragraph: str) -> bool:
    text = paragraph.strip()
    return len(text) <= BOILERPLATE_MAX_CHARS and bool(_BOILERPLATE.match(text))


def clean_text(text: str) -> str:
    """Normalized paragraphs separated by blank lines, boilerplate lines dropped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    paragraphs = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line and not is_boilerplate(line):
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def text_hash(text: str) -> str:
    """Identity of a text regardless of case, spacing and punctuation."""
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref_src|cmpid|ocid)$", re.I)


def canonical_url(url: str) -> str:
    """Lowercased scheme and host, tracking parameters and fragment dropped."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    netloc = parts.netloc.lower()
    if netloc.endswith(":80") and parts.scheme == "http":
        netloc = netloc[:-3]
    if netloc.endswith(":443") and parts.scheme == "https":
        netloc = netloc[:-4]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))
