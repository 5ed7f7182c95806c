"""The `newsbrief` command: run the bot, chat in the terminal, ingest, summarize, show."""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, TypeVar
from urllib.parse import urlsplit

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot.chat import Chat, is_id, user_number
from bot.ingest.feeds import NotAFeed, read_opml, write_opml
from bot.ingest.fetch import Fetcher
from bot.ingest.pipeline import Report, article_text, ingest
from bot.ingest.poll import Poller
from bot.ingest.sources import Failure, Item, RawArticle, from_path, from_url
from bot.ingest.text import without_controls, without_userinfo
from bot.logs import setup_logging
from bot.news import News
from bot.nlp.analyze import analyze_texts
from bot.render import replies
from bot.render.html import to_plain
from bot.reply import CONSOLE, Reply
from bot.settings import get_settings
from bot.settings import problem as settings_problem
from bot.summarize import DEFAULT_METHOD, METHODS, NewsDocument, summarize
from storage import feeds as feed_rows
from storage import queries
from storage.feeds import FeedState

cli = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="newsbrief: a Telegram bot that reads the news.",
)
out = Console(soft_wrap=True)  # piped output is data: never hard-wrapped
err = Console(stderr=True, soft_wrap=True)
T = TypeVar("T")

NO_TOKEN = (
    "No Telegram token: talk to @BotFather in Telegram, send /newbot, and put the token it gives "
    "you in .env as TELEGRAM_BOT_TOKEN=... (see .env.example); to try newsbrief without Telegram, "
    "run `make demo`."
)
REJECTED = "Telegram rejected TELEGRAM_BOT_TOKEN; get a new one from @BotFather (send /token there)."


def _with_news(work: Callable[[News], Awaitable[T]]) -> T:
    """Open the store, run `work`, close the store."""

    async def main() -> T:
        news = await News(get_settings()).open()
        try:
            return await work(news)
        finally:
            await news.close()

    return asyncio.run(main())


@cli.command()
def run(
    webhook_url: Annotated[
        str | None, typer.Option(help="serve a webhook at this public URL instead of polling")
    ] = None,
    port: Annotated[int, typer.Option(help="local port for the webhook server")] = 8443,
    listen: Annotated[str, typer.Option(help="local address for the webhook server")] = "0.0.0.0",
) -> None:
    """Start the bot (long polling, or a webhook with --webhook-url)."""
    settings = get_settings()
    if not settings.telegram_bot_token.strip():
        err.print(NO_TOKEN, soft_wrap=True, highlight=False)
        raise typer.Exit(1)
    from telegram.error import InvalidToken, NetworkError  # telegram is only needed for this command

    from bot.app import build_application

    # Chosen before logging starts, so that a generated secret is redacted too.
    webhook_secret = settings.webhook_secret or secrets.token_urlsafe(32)
    redact = setup_logging(
        settings.log_level, [settings.telegram_bot_token, webhook_secret], no_traceback=(InvalidToken, NetworkError)
    )
    app = build_application(settings, News(settings))
    try:
        if webhook_url:
            app.run_webhook(
                listen=listen,
                port=port,
                url_path=urlsplit(webhook_url).path.lstrip("/"),
                webhook_url=webhook_url,
                secret_token=webhook_secret,
            )
        else:
            app.run_polling()
    except InvalidToken:
        say(_rejected(settings.telegram_api_base_url), err)
        raise typer.Exit(1) from None
    except NetworkError as exc:
        say(f"Cannot reach the Telegram Bot API at {redact(settings.telegram_api_base_url)}: {redact(str(exc))}", err)
        raise typer.Exit(1) from None


def _rejected(base_url: str) -> str:
    """Telegram answers 401 to a bad token, and 404 to a URL that is not the Bot API."""
    if urlsplit(base_url).hostname == "api.telegram.org":
        return REJECTED
    return f"{REJECTED} Or TELEGRAM_API_BASE_URL ({base_url}) is not a Bot API server."


def say(text: str, console: Console = out) -> None:
    """A line of data, as given but for control characters: no markup, colouring or wrapping.
    Article text is someone else's: an escape sequence in a title must not drive the terminal."""
    console.print(without_controls(text, lines=True), highlight=False, markup=False, soft_wrap=True)


def print_reply(reply: Reply) -> None:
    if reply.image is not None:
        path = Path(f"newsbrief-chart-{secrets.token_hex(3)}.png")
        path.write_bytes(reply.image)
        say(f"[chart saved to {path}]")
    for message in reply.messages:
        say(to_plain(message))
    for number, choice in enumerate(reply.choices, start=1):
        say(f"  {number}. {choice.label}")


@cli.command()
def ask(message: Annotated[str, typer.Argument(help='what you would send the bot, e.g. "/who Lavrov"')]) -> None:
    """Send the bot one message and print its answer."""
    if not message.strip():
        err.print('Give a message, for example: newsbrief ask "/who Lavrov"')
        raise typer.Exit(2)
    print_reply(_with_news(lambda news: Chat(news).handle(message, caller=CONSOLE)))


@cli.command()
def console() -> None:
    """Chat with the bot in the terminal (no Telegram needed)."""

    async def loop(news: News) -> None:
        chat = Chat(news)
        out.print("newsbrief console — type /help, a number to pick a choice, or /quit.", highlight=False)
        choices: list = []
        while True:
            try:
                line = (await asyncio.to_thread(input, "you> ")).strip()
            except EOFError:
                break
            if line in ("/quit", "/exit", "quit", "exit"):
                break
            picked = user_number(line)
            if picked is not None and choices and 1 <= picked <= len(choices):
                line = choices[picked - 1].command
            if not line:
                continue
            reply = await chat.handle(line, caller=CONSOLE)
            choices = reply.choices
            print_reply(reply)

    _with_news(loop)


def _read_items(targets: list[str]) -> list[Item]:
    items: list[Item] = []
    for target in targets:
        if target.startswith(("http://", "https://")):
            items.extend(asyncio.run(from_url(Fetcher.from_settings(get_settings()), target)))
        else:
            items.extend(from_path(Path(target)))
    return items


@cli.command("ingest")
def ingest_command(
    targets: Annotated[list[str], typer.Argument(help="files, directories, URLs, or - for standard input")],
) -> None:
    """Store articles; prints `N new, M duplicates, K failed`."""
    items = _read_items(targets)

    async def work(news: News) -> Report:
        if not out.is_terminal:
            return await ingest(news, items)
        columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=out, transient=True) as progress:
            task = progress.add_task("ingest", total=len(items))
            return await ingest(news, items, on_progress=lambda n: progress.advance(task, n))

    report = _with_news(work)
    for failure in report.failed:
        say(f"failed: {failure.origin}: {failure.reason}")
    say(report.line())


@cli.command("summarize")
def summarize_command(
    targets: Annotated[list[str], typer.Argument(help="article ids, files, directories or URLs")],
    n: Annotated[int, typer.Option("-n", "--sentences", min=1, max=50, help="sentences per summary")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per article")] = False,
    method: Annotated[str, typer.Option(help=f"one of: {', '.join(METHODS)}")] = DEFAULT_METHOD,
) -> None:
    """Print extractive summaries (sentences in article order)."""
    if method not in METHODS:
        err.print(f"Unknown method {method!r}; choose one of: {', '.join(METHODS)}")
        raise typer.Exit(2)
    results: list[dict] = []
    ids = [number for t in targets if (number := user_number(t)) is not None]
    if ids:

        async def stored(news: News) -> None:
            chat = Chat(news)
            for article_id in ids:
                found = await chat.stored_document(article_id)
                if found is None:
                    err.print(f"There is no article #{article_id}.")
                    continue
                document, article = found
                source = article.url or article.source or f"#{article.id}"
                results.append({"source": source, "title": article.title, "sentences": summarize(document, n, method)})

        _with_news(stored)
    items = _read_items([t for t in targets if user_number(t) is None])
    articles = [item for item in items if isinstance(item, RawArticle)]
    for failure in (item for item in items if isinstance(item, Failure)):
        say(f"failed: {failure.origin}: {failure.reason}", err)
    if articles:
        from bot.nlp.model import load_pipeline

        nlp = load_pipeline(get_settings().spacy_model)
        analyses = analyze_texts(nlp, [article_text(a.text)[0] for a in articles])
        for article, analysis in zip(articles, analyses, strict=True):
            document = NewsDocument.from_analysis(analysis)
            results.append(
                {
                    "source": article.url or article.origin,
                    "title": article.title,
                    "sentences": summarize(document, n, method),
                }
            )
    for result in results:
        if as_json:
            out.print_json(json.dumps(result, ensure_ascii=False), indent=None)
        else:
            heading = without_controls(result["title"] or result["source"])
            out.print(f"[bold]{escape(heading)}[/bold]", highlight=False)
            for sentence in result["sentences"]:
                say(f"  • {sentence}")
    if not results:
        raise typer.Exit(1)


evaluations = typer.Typer(help="Measure newsbrief against reference data.", no_args_is_help=True)
cli.add_typer(evaluations, name="eval")


@evaluations.command("summaries")
def eval_summaries(
    dataset: Annotated[
        Path, typer.Argument(help="a folder with articles/ and summaries/, or a JSONL with article/highlights")
    ],
    k: Annotated[int | None, typer.Option(help="sentences per summary (default: the reference's count, or 3)")] = None,
    limit: Annotated[int | None, typer.Option(help="only the first N articles")] = None,
) -> None:
    """ROUGE-1/2/L and ms per article for every summarizer, measured in one run."""
    from rich.table import Table

    from bot.nlp.model import load_pipeline
    from bot.summarize.evaluate import evaluate, load, parse

    if not dataset.exists():
        err.print(f"No dataset at {dataset}.")
        raise typer.Exit(2)
    examples = load(dataset, k, limit)
    documents = parse(load_pipeline(get_settings().spacy_model), examples)
    scores = evaluate(examples, documents)
    table = Table(title=f"{dataset.name}: {len(examples)} articles, k = {k or 'reference sentences'}")
    for column in ("method", "ROUGE-1", "ROUGE-2", "ROUGE-L", "ms/article"):
        table.add_column(column, justify="left" if column == "method" else "right")
    for score in scores:
        name = f"{score.method} (default)" if score.method == DEFAULT_METHOD else score.method
        table.add_row(
            name, f"{score.rouge1:.2f}", f"{score.rouge2:.2f}", f"{score.rougeL:.2f}", f"{score.ms_per_article:.1f}"
        )
    out.print(table)


feeds_cli = typer.Typer(help="Follow RSS and Atom feeds (the running bot polls them).", no_args_is_help=True)
cli.add_typer(feeds_cli, name="feed")


def _feed_states() -> list[FeedState]:
    async def work(news: News) -> list[FeedState]:
        async with news.session() as session:
            return await feed_rows.list_feeds(session)

    return _with_news(work)


@feeds_cli.command("add")
def feed_add(
    url: Annotated[str, typer.Argument(help="the feed's URL, or a page that advertises one")],
    name: Annotated[str | None, typer.Option(help="what to call it (default: the feed's title)")] = None,
) -> None:
    """Follow a feed and poll it now."""

    async def work(news: News) -> int:
        poller = Poller(news)
        added = await poller.add(url, name)
        if added.error:
            err.print(f"Could not add {without_userinfo(url)}: {added.error}", highlight=False, markup=False)
            return 1
        if added.offers:
            say("That page is not a feed. It advertises:")
            for title, feed_url in added.offers:
                say(f"  newsbrief feed add {feed_url}" + (f"    # {title}" if title else ""))
            return 1
        feed = added.feed
        assert feed is not None
        if added.existing:
            say(f"Already following feed #{feed.id} {feed.title}")
            return 0
        say(f"Added feed #{feed.id} {feed.title}")
        say(to_plain(replies.poll_line(await poller.poll(feed.id))))
        return 0

    raise typer.Exit(_with_news(work))


@feeds_cli.command("list")
def feed_list() -> None:
    """Every feed with its state: last fetched, last new item, items stored, errors, next poll."""

    states = _feed_states()
    for block in replies.feed_states(states, datetime.now(UTC), get_settings().feed_broken_after):
        say(to_plain(block))


@feeds_cli.command("remove")
def feed_remove(feed_id: int) -> None:
    """Stop following a feed (the articles it brought stay)."""
    print_reply(_with_news(lambda news: Chat(news).feed(f"remove {feed_id}", CONSOLE)))


@feeds_cli.command("poll")
def feed_poll(feed_id: Annotated[int | None, typer.Argument(help="one feed (default: every feed)")] = None) -> None:
    """Poll now, whatever the schedule; prints `N new, M duplicates, K failed` per feed."""
    if feed_id is not None and not is_id(feed_id):
        say(f"There is no feed #{feed_id}.")
        raise typer.Exit(1)
    results = _with_news(lambda news: Poller(news).poll_all(None if feed_id is None else [feed_id]))
    for result in results:
        say(to_plain(replies.poll_line(result)))
        for failure in result.failures[:10]:
            say(f"  failed: {failure.origin}: {failure.reason}")
    if not results:
        say("No feeds yet: newsbrief feed add URL")
    raise typer.Exit(1 if any(r.error for r in results) else 0)


@feeds_cli.command("import")
def feed_import(opml: Annotated[Path, typer.Argument(help="an OPML file, as RSS readers export")]) -> None:
    """Follow every feed of an OPML list (each is checked at its first poll)."""
    try:
        listed = read_opml(opml.read_bytes())
    except (OSError, NotAFeed) as exc:
        err.print(f"Cannot import {opml}: {exc}", highlight=False, markup=False)
        raise typer.Exit(1) from exc
    added, existing = _with_news(lambda news: Poller(news).import_feeds(listed))
    for feed in added:
        say(f"Added feed #{feed.id} {feed.title}")
    say(f"{len(added)} added, {existing} already followed")


@feeds_cli.command("export")
def feed_export() -> None:
    """Print every feed as OPML, for another reader."""

    feeds = [(state.feed.title, state.feed.url, state.feed.site_url) for state in _feed_states()]
    sys.stdout.write(write_opml(feeds))


@cli.command()
def show(article_id: int) -> None:
    """Print a stored article."""

    async def get(news: News):  # type: ignore[no-untyped-def]
        async with news.session() as session:
            return await queries.get_article(session, article_id)

    # An id past the database's integer range names no article (and would overflow the lookup).
    article = _with_news(get) if is_id(article_id) else None
    if article is None:
        err.print(f"There is no article #{article_id}. `newsbrief ask /latest` lists the ids.")
        raise typer.Exit(1)
    for label, value in (
        ("title", article.title),
        ("source", article.source),
        ("date", article.published_at.strftime("%Y-%m-%d %H:%M UTC")),
        ("url", article.url or "-"),
        ("author", article.author or "-"),
    ):
        say(f"{label}: {value}")
    say("")
    say(article.text)


def main() -> None:
    try:
        cli()
    except KeyboardInterrupt:
        sys.exit(130)
    except ValidationError as exc:  # a bad setting: say which and what it may be, no traceback
        err.print(settings_problem(exc), highlight=False, markup=False, soft_wrap=True)
        sys.exit(2)
