"""Text hygiene shared by every source: decoding, boilerplate removal, identity hashes."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from charset_normalizer import from_bytes

from bot.i18n import N_, _
from domain.text import without_controls, without_userinfo


class NotText(ValueError):
    """The input is binary or not readable as text."""


WESTERN = {"cp1252", "latin_1", "iso8859_15"}
# Longest BOMs first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
NOT_TEXT = N_("this looks like a binary file, not text")  # translated where it is shown
TEXT_SAMPLE = 100_000  # characters checked for being text: enough to judge, fast for a 5 MB page
MAX_JUNK = 0.01  # share of control, unassigned or private-use characters real text never reaches
MIN_LETTERS = 0.3  # share of letters among visible characters; HTML and JSON stay far above it
_SPACES = frozenset("\t\n\r\f\v")


def decode(data: bytes, prose: bool = True) -> str:
    """Bytes in any common encoding (UTF-8/16/32, Latin-1, Windows-1252, ...) as text;
    NotText for what no encoding makes readable (binary files, random bytes). With prose=False
    (JSON lines, where brackets may outnumber letters) only control characters are judged."""
    text = _decode(data)
    if not looks_like_text(text, prose):
        raise NotText(NOT_TEXT)
    return text


def _decode(data: bytes) -> str:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    # NUL bytes are valid UTF-8 but in text they mean UTF-16 or UTF-32: let the detector judge.
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    matches = list(from_bytes(data))
    if not matches:
        raise NotText(NOT_TEXT)
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


def looks_like_text(text: str, prose: bool = True) -> bool:
    """Few control or unassigned characters and mostly letters: what any decoding of binary
    data or random bytes fails."""
    sample = text[:TEXT_SAMPLE]
    junk = letters = visible = 0
    for ch in sample:
        category = unicodedata.category(ch)
        if (category[0] == "C" and ch not in _SPACES and category != "Cf") or ch == "\ufffd":
            junk += 1
        elif not ch.isspace():
            visible += 1
            letters += category[0] == "L"
    return junk <= MAX_JUNK * len(sample) and (not prose or letters >= MIN_LETTERS * visible)


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


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def cut_text(text: str, limit: int) -> tuple[str, bool]:
    """The text, or its first `limit` characters ended at a paragraph, else a sentence, else a
    word boundary (when one falls in the second half); and whether it was cut."""
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    floor = limit // 2
    paragraph = head.rfind("\n\n")
    if paragraph >= floor:
        return head[:paragraph], True
    sentences = [m.end() for m in _SENTENCE_END.finditer(head, floor)]
    if sentences:
        return head[: sentences[-1]].rstrip(), True
    word = max(head.rfind(" "), head.rfind("\n"))
    return (head[:word] if word >= floor else head).rstrip(), True


def text_hash(text: str) -> str:
    """Identity of a text regardless of case, spacing and punctuation."""
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref_src|cmpid|ocid)$", re.I)


def one_line(value: object, limit: int) -> str:
    """A title, source or author from outside: a string (anything else is no value), control
    characters gone, spaces collapsed, at most `limit` characters."""
    if not isinstance(value, str):
        return ""
    return " ".join(without_controls(value.replace("\r", "\n"), lines=True).split())[:limit]


MAX_URL_CHARS = 2048  # the URL columns' length


def outside_url(value: object) -> str | None:
    """A link from outside as it may be kept: no credential, no control characters, http(s),
    at most MAX_URL_CHARS (a cut link would name another page); else None."""
    if not isinstance(value, str):
        return None
    url = without_userinfo(without_controls(value).strip())
    if not url.lower().startswith(("http://", "https://")) or len(url) > MAX_URL_CHARS:
        return None
    return url


def url_problem(url: str) -> str | None:
    """Why url cannot be fetched (not http(s), malformed, too long), or None: a link to store or a feed."""
    if len(url) > MAX_URL_CHARS:
        return _("the URL is longer than {most} characters").format(most=f"{MAX_URL_CHARS:,}")
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": an unclosed IPv6 host
        return _("the URL is malformed")
    try:
        parts.port  # noqa: B018 - a port out of range or not a number raises only when read
    except ValueError:
        return _("that link's port is not a number from 0 to 65535")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _("the URL is not http(s)")
    if any(char.isspace() or not char.isprintable() for char in url):
        return _("the URL contains spaces or control characters")
    return None


def canonical_url(url: str) -> str:
    """Lowercased scheme and host, credentials, tracking parameters and fragment dropped."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    netloc = parts.netloc.rpartition("@")[2].lower()
    if netloc.endswith(":80") and parts.scheme == "http":
        netloc = netloc[:-3]
    if netloc.endswith(":443") and parts.scheme == "https":
        netloc = netloc[:-4]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))
