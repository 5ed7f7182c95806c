"""Text from outside made safe to store, send and show: no control characters, terminal escapes or
credentials in links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

# C0 and C1 control characters (NUL breaks PostgreSQL text; ESC sequences drive terminals) and
# lone surrogates (not UTF-8). Tab and newline are kept where a text has lines.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


# A terminal escape sequence goes whole (CSI "ESC[31m", OSC "ESC]0;title BEL"): its ESC alone
# would leave "[31m" in a title.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")


def without_controls(text: str, lines: bool = False) -> str:
    """The text without terminal escape sequences and control characters; with lines, tab and
    newline stay."""
    if "\x1b" in text:
        text = _ESCAPES.sub("", text)
    return (_CONTROLS if lines else _LINE_CONTROLS).sub("", text)


# What urlsplit takes for the authority: after "scheme://", up to the first / ? or #.
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]*@")


def without_userinfo(url: str) -> str:
    """The URL with any `user:password@` removed: a credential must never be sent, stored or shown."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed host ("http://u:p@[x/"): still no credential may pass
        return _USERINFO.sub(lambda m: (m.group(1) or "") + "//", url, count=1)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
