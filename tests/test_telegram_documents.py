"""Files and forwarded posts sent to the bot (handlers/documents.py), through the fake Bot API."""

from __future__ import annotations

import re
import time
import zlib
from datetime import UTC, datetime

import pytest

from bot.commands import Commands
from bot.settings import Settings
from tests.conftest import FIXTURES, fixture_text, running_bot
from tests.support.botapi import FakeBotAPI, updates
from tests.support.pdfs import article_pdf, text_pdf
from tests.support.site import FakeSite, Page

ALEPPO = fixture_text("aleppo-truce.txt")
TARTU = (FIXTURES / "page.html").read_bytes()
MARKDOWN = """# Harbour of Tallinn reopens after repairs

The harbour of **Tallinn** reopened on Monday after *forty days* of repairs, the port authority said.
Harbour master [Jaan Tamm](https://example.com/tamm) said ferries to Helsinki would run every hour.

- Cargo ships return on Wednesday.
- Cruise ships return in May.
"""


async def texts(bot: FakeBotAPI, chat_id: int = 42, count: int = 1) -> list[str]:
    return [m["text"] for m in await bot.replies(chat_id, count)]


async def test_text_markdown_html_and_pdf_files_are_stored_and_listed(bot: FakeBotAPI) -> None:
    bot.send_document(ALEPPO.encode("utf-16"), "aleppo-truce.txt", "text/plain")
    (stored,) = await texts(bot)
    assert stored.startswith("Stored #1: <b>Ankara rules out new offensive as Aleppo truce talks stall</b>")
    assert "Mevlut Cavusoglu" in stored

    bot.send_document(MARKDOWN.encode(), "harbour.md", "text/markdown")
    (stored,) = await texts(bot)
    assert stored.startswith("Stored #2: <b>Harbour of Tallinn reopens after repairs</b>")

    bot.send_document(TARTU, "tartu.html", "text/html")
    (stored,) = await texts(bot)
    assert stored.startswith("Stored #3: <b>Tartu festival draws record crowds</b>")

    bot.send_document(article_pdf(fixture_text("rugby.txt")), "rugby.pdf", "application/pdf")
    (stored,) = await texts(bot)
    assert stored.startswith("Stored #4: ") and "Robinson" in stored

    (latest,) = await bot.ask("/latest")
    assert "#1 · " in latest and "— aleppo-truce.txt" in latest
    assert "Harbour of Tallinn reopens after repairs — harbour.md" in latest
    assert "Tartu festival draws record crowds" in latest and "— tartu.html" in latest  # not the site it claims
    assert "Baltic Daily" not in latest
    assert "#4 · " in latest and "— rugby.pdf" in latest

    (summary,) = await bot.ask("/summarize 2")
    assert "**" not in summary and "[Jaan Tamm]" not in summary  # Markdown is read, not stored as markup
    assert "reopened on Monday after forty days of repairs" in summary

    (who,) = await bot.ask("/who Cavusoglu")
    assert who.splitlines()[0] == "<b>Mevlut Cavusoglu</b> — Turkish Foreign Minister"
    assert "aleppo-truce.txt" in who  # the file is the source
    assert bot.downloads == [f"documents/{params['file_id']}" for name, params in bot.calls if name == "getFile"]
    assert not bot.rejected


async def test_the_same_file_twice_is_a_duplicate(bot: FakeBotAPI) -> None:
    bot.send_document(ALEPPO.encode(), "aleppo.txt")
    (stored,) = await texts(bot)
    assert stored.startswith("Stored #1")
    bot.send_document(ALEPPO.encode("cp1252", errors="replace"), "aleppo-copy.txt")
    (again,) = await texts(bot)
    assert again.startswith("Already stored as #1")


async def test_an_oversized_file_is_refused_before_any_download(bot: FakeBotAPI) -> None:
    bot.send_document(b"x" * 100, "huge.pdf", "application/pdf", file_size=48_000_000)
    (refused,) = await texts(bot)
    assert refused == "I cannot read huge.pdf: it is 48.0 MB; I read files up to 5.0 MB."
    assert "getFile" not in bot.methods() and not bot.downloads
    (latest,) = await bot.ask("/latest")
    assert "No articles yet" in latest


async def test_a_file_larger_than_it_claims_is_refused_by_what_telegram_says_of_it(
    settings: Settings, fake_api: FakeBotAPI
) -> None:
    overrides = {"fetch_max_bytes": 10_000}
    async with running_bot(settings, fake_api, **overrides) as bot:
        bot.send_document(("Harbour news. " * 2000).encode(), "long.txt", file_size=900)
        (refused,) = await texts(bot)
        assert refused == "I cannot read long.txt: it is 28,000 bytes; I read files up to 10,000 bytes."
        assert "getFile" in bot.methods() and not bot.downloads


@pytest.mark.parametrize(
    ("name", "mime"),
    [("setup.exe", "application/x-msdownload"), ("news.zip", "application/zip"), (None, "image/png")],
)
async def test_files_of_other_kinds_are_refused_clearly(bot: FakeBotAPI, name: str | None, mime: str) -> None:
    bot.send_document(b"MZ\x90\x00\x03" + bytes(range(256)) * 4, name, mime)
    (refused,) = await texts(bot)
    assert refused == f"I cannot read {name or 'that file'}: I read .txt, .md, .html and .pdf files."
    assert "getFile" not in bot.methods()


async def test_a_broken_pdf_is_refused_and_nothing_is_written(bot: FakeBotAPI) -> None:
    good = article_pdf(ALEPPO)
    for name, data in [("cut.pdf", good[: len(good) // 3]), ("fake.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)]:
        bot.send_document(data, name, "application/pdf")
        (refused,) = await texts(bot)
        assert refused == f"Could not store {name}: this PDF is damaged or not a PDF"
    (latest,) = await bot.ask("/latest")
    assert "No articles yet" in latest


async def test_a_small_pdf_of_megabytes_of_drawing_is_refused_in_seconds(bot: FakeBotAPI) -> None:
    # 15 KB that inflate to one page of 10 MB of text operators: a minute of pypdf's time, unbounded.
    pdf = text_pdf([["x"]])
    bomb = zlib.compress(b"BT /F1 10 Tf 56 780 Td " + b"(A) Tj " * 1_500_000 + b" ET", 9)
    match = re.search(rb"<< /Length (\d+) >>\nstream\n", pdf)
    assert match is not None
    end = match.end() + int(match.group(1))
    heavy = pdf[: match.start()] + b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(bomb) + bomb + pdf[end:]
    started = time.monotonic()
    bot.send_document(heavy, "heavy.pdf", "application/pdf")
    (refused,) = await texts(bot)
    assert refused == "Could not store heavy.pdf: its pages hold too many drawing instructions to read"
    assert time.monotonic() - started < 10


async def test_a_pdf_without_text_and_a_binary_txt_get_clear_answers(bot: FakeBotAPI) -> None:
    bot.send_document(text_pdf([[]]), "scan.pdf", "application/pdf")
    (scan,) = await texts(bot)
    assert scan.startswith("Could not store scan.pdf: no text found in it")
    bot.send_document(bytes(range(256)) * 8, "data.txt", "text/plain")
    (binary,) = await texts(bot)
    assert binary == "Could not store data.txt: this looks like a binary file, not text"
    (latest,) = await bot.ask("/latest")
    assert "No articles yet" in latest


async def test_in_a_group_a_file_is_read_only_when_asked(bot: FakeBotAPI) -> None:
    group = {"chat_id": -100, "chat_type": "group"}
    bot.send_document(ALEPPO.encode(), "aleppo.txt", **group)
    bot.send_document(fixture_text("rugby.txt").encode(), "rugby.txt", caption="/ingest@OtherBot", **group)
    (reply,) = await bot.ask("/latest", **group)
    assert "No articles yet" in reply  # neither file was the bot's to read

    bot.send_document(ALEPPO.encode(), "aleppo.txt", caption="/ingest", **group)
    (stored,) = await texts(bot, -100)
    assert stored.startswith("Stored #1")
    shared = bot.send_document(fixture_text("rugby.txt").encode(), "rugby.txt", **group)
    bot.push(
        updates.replying_to(bot.message_ids, "/ingest@newsbrief_test_bot", shared, chat_id=-100, chat_type="group")
    )
    (stored,) = await texts(bot, -100)
    assert stored.startswith("Stored #2")
    assert len(bot.downloads) == 2


def _page(title: str, body: str, site: str, canonical: str) -> bytes:
    return (
        f'<html><head><title>{title}</title><meta property="og:site_name" content="{site}">'
        f'<link rel="canonical" href="{canonical}"></head><body><article><h1>{title}</h1>'
        f"<p>{body}</p></article></body></html>"
    ).encode()


async def test_an_uploaded_page_cannot_claim_another_sites_story(settings: Settings, fake_api: FakeBotAPI) -> None:
    real = "The ministry said on Monday that the border crossing at Narva would reopen to lorries next week. " * 3
    forged = "The ministry denied on Monday that the border crossing at Narva would ever reopen to lorries. " * 3
    site = FakeSite({"/news/world-123": Page(b"")})
    with site.serving() as base:
        story = f"{base}/news/world-123"
        site.routes["/news/world-123"] = Page(_page("Narva crossing to reopen", real, "BBC News", story))
        async with running_bot(settings, fake_api, fetch_allow_loopback=True) as bot:
            bot.send_document(_page("Narva crossing stays shut", forged, "BBC News", story), "forged.html", "text/html")
            (stored,) = await texts(bot)
            assert stored.startswith("Stored #1: <b>Narva crossing stays shut</b>")

            # The real story is read, not "already stored".
            (real_stored,) = await bot.ask(f"/ingest {story}?utm_source=x")
            assert real_stored.startswith("Stored #2: <b>Narva crossing to reopen</b>")

            (latest,) = await bot.ask("/latest")
            forged_line = next(line for line in latest.splitlines() if line.startswith("#1 · "))
            assert forged_line.endswith("— forged.html") and "href" not in forged_line
            assert f'href="{story}"' in latest and "— BBC News" in latest  # the site's own page

            bot.send_document(_page("Narva crossing stays shut", forged, "BBC News", story), "copy.html", "text/html")
            (again,) = await texts(bot)
            assert again.startswith("Already stored as #1")  # a file is told from others by its text


async def test_a_forwarded_channel_post_is_stored_with_the_channel_as_source(bot: FakeBotAPI) -> None:
    posted = int(datetime(2026, 11, 20, 9, 30, tzinfo=UTC).timestamp())
    origin = updates.channel_origin("Levant Wire", "levantwire", 812, posted)
    bot.forward(ALEPPO, origin)
    (stored,) = await texts(bot)
    assert stored.startswith("Stored #1: <b>Ankara rules out new offensive as Aleppo truce talks stall</b>")

    (latest,) = await bot.ask("/latest")
    assert '#1 · 2026-11-20 · <a href="https://t.me/levantwire/812">Ankara rules out' in latest
    assert "— Telegram: @levantwire" in latest and "Levant Wire" not in latest  # a title could pass for an outlet

    (who,) = await bot.ask("/who Cavusoglu")
    assert who.splitlines()[0] == "<b>Mevlut Cavusoglu</b> — Turkish Foreign Minister"
    assert "2026-11-20" in who and "Telegram: @levantwire" in who and "https://t.me/levantwire/812" in who

    bot.forward(ALEPPO, origin)  # the same post again, as another user might
    (again,) = await texts(bot)
    assert again.startswith("Already stored as #1")
    assert not bot.rejected


REFUSED_FORWARD = "I only store posts forwarded from public channels; paste the text with /ingest to store it."


async def test_only_a_public_channels_forward_is_stored(bot: FakeBotAPI) -> None:
    now = int(time.time())
    text = "Harbour master Jaan Tamm said on Monday that the harbour of Tallinn would reopen in March."
    private = updates.channel_origin("Reuters", None, 31, now, channel_id=-1009876543210)
    hidden = {"type": "hidden_user", "sender_user_name": "Mari Kask", "date": now}
    for origin in [private, updates.user_origin("Mari", now), hidden]:
        bot.forward(text, origin)
        (refused,) = await texts(bot)
        assert refused == REFUSED_FORWARD
    (latest,) = await bot.ask("/latest")
    assert "No articles yet" in latest  # nothing written for a few is shown to every user

    (stored,) = await bot.ask(f"/ingest {text}")  # pasted on purpose, it is stored
    assert stored.startswith("Stored #1")


async def test_a_forward_with_no_text_gets_an_answer_not_a_pointer(bot: FakeBotAPI) -> None:
    bot.forward("", updates.channel_origin("Levant Wire", "levantwire", 9, int(time.time())), as_caption=True)
    (reply,) = await texts(bot)
    assert reply == "That post has no text to store."


async def test_a_forwarded_link_is_read_by_following_the_link(settings: Settings, fake_api: FakeBotAPI) -> None:
    site = FakeSite({"/tartu.html": Page(TARTU)})
    with site.serving() as base:
        async with running_bot(settings, fake_api, fetch_allow_loopback=True) as bot:
            origin = updates.channel_origin("Baltic Wire", "balticwire", 5, int(time.time()))
            bot.forward(f"Festival news: {base}/tartu.html", origin)
            (stored,) = await texts(bot)
            assert stored.startswith("Stored #1: <b>Tartu festival draws record crowds</b>")
            (latest,) = await bot.ask("/latest")
            assert f'href="{base}/tartu.html"' in latest and "— Baltic Daily" in latest  # the page's own source


async def test_the_core_checks_the_bytes_it_is_given_not_only_the_claim(core: Commands) -> None:
    limit = core.ingesting.document_limit
    (refused,) = (await core.ingesting.document(b"a" * (limit + 1), "big.txt", "text/plain")).messages
    assert refused.startswith("I cannot read big.txt: it is ")
    (latest,) = (await core.questions.latest("")).messages
    assert "No articles yet" in latest
