"""A message the bot sent in HTML, as Telegram hands it back (in a button press): plain text and
entities, their offsets and lengths in UTF-16 code units."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

KINDS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "blockquote": "blockquote",
    "a": "text_link",
}


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.open: list[dict[str, Any]] = []
        self.entities: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        entity: dict[str, Any] = {"type": KINDS.get(tag, ""), "offset": _units(self.text)}
        if tag == "a":
            entity["url"] = dict(attrs).get("href") or ""
        self.open.append(entity)

    def handle_endtag(self, tag: str) -> None:
        entity = self.open.pop()
        entity["length"] = _units(self.text) - entity["offset"]
        if entity["type"] and entity["length"]:
            self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.text += data


def from_html(html: str) -> tuple[str, list[dict[str, Any]]]:
    """(text, entities) of a message sent with parse_mode HTML."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.text, sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
