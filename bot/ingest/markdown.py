"""Markdown as its reader sees it: headings, paragraphs and list items as plain text, no markup."""

from __future__ import annotations

import lxml.html
from markdown_it import MarkdownIt

from bot.ingest.pdf import READ_CHARS

BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "th", "td")
NESTED = {*BLOCKS, "ul", "ol", "blockquote", "table", "thead", "tbody", "tr", "hr"}


def markdown_text(source: str) -> str:
    """The text's blocks, one paragraph each (a leading heading first, as a title would be)."""
    # Raw HTML in the Markdown stays the characters typed (escaped when shown), never markup run.
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(source[:READ_CHARS])
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return "\n\n".join(text for block in root.iter(*BLOCKS) if (text := _own_text(block)))


def _own_text(block: lxml.html.HtmlElement) -> str:
    """A block's words without those of the blocks inside it (a list item's sublist), which come on their own."""
    parts = [block.text or ""]
    for child in block:
        if child.tag not in NESTED:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())
