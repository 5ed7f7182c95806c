"""The `newsbrief` command: run the bot, chat in the terminal, ingest, summarize, show."""

from __future__ import annotations

import asyncio
import json
import secrets
import signal
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot.commands import Commands
from bot.feeds import Feeds
from bot.fetch import Fetcher
from bot.ingest.feeds import NotAFeed, read_opml, write_opml
from bot.ingest.pipeline import Report, ingest
from bot.ingest.poll import Poller
from bot.ingest.sources import Item, RawArticle, from_path, from_url
from bot.ingesting import Ingesting
from bot.logs import setup_logging
from bot.render import replies
from bot.render.html import to_plain
from bot.reply import CONSOLE, Reply
from bot.services import Services
from bot.settings import get_settings
from bot.settings import problem as settings_problem
from bot.summaries import Summaries, parse_documents
from bot.summarize import DEFAULT_METHOD, METHODS, summarize
from bot.user_input import is_id, user_number
from domain.feeds import FeedState
from domain.sources import Failure
from domain.text import without_controls
from storage import feeds as feed_rows
from storage import queries

cli = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="newsbrief: a Telegram bot that reads the news for you.",
)
out = Console(soft_wrap=True)  # piped output is data: never hard-wrapped
err = Console(stderr=True, soft_wrap=True)
T = TypeVar("T")

NO_TOKEN = (
    "No Telegram token: talk to @BotFather in Telegram, send /newbot, and put the token it gives "
    "you in .env as TELEGRAM_BOT_TOKEN=... (see .env.example); to try newsbrief without Telegram, "
    "run `make demo`."
)


def _with_services(work: Callable[[Services], Awaitable[T]]) -> T:
    """Open the store, run `work`, close the store."""

    async def main() -> T:
        services = await Services(get_settings()).open()
        try:
            return await work(services)
        finally:
            await services.close()

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
    from handlers.app import serve  # telegram is only needed for this command

    problem = serve(settings, webhook_url=webhook_url, port=port, listen=listen)
    if problem is not None:
        say(problem, err)
        raise typer.Exit(1)


@cli.command()
def worker() -> None:
    """Poll due feeds and store their articles, without Telegram, until Ctrl-C or SIGTERM.

    Add workers beside the bot for NLP throughput: they share the feeds, each polled once."""
    settings = get_settings()
    setup_logging(settings.log_level, [settings.telegram_bot_token, settings.webhook_secret])

    async def work(services: Services) -> None:
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(signum, stop.set)
        await services.nlp()  # load spaCy now, not in the first round
        await Poller(services).keep_polling(settings.feed_tick_seconds, stop)

    _with_services(work)


def say(text: str, console: Console = out) -> None:
    """A line of data, as given but for control characters: no markup, colouring or wrapping.
    Article text is someone else's: an escape sequence in a title must not drive the terminal."""
    console.print(without_controls(text, lines=True), highlight=False, markup=False, soft_wrap=True)


def print_reply(reply: Reply, console: Console = out) -> None:
    """A reply as terminal text; a chart is saved to a file, choices are numbered."""
    if reply.image is not None:
        path = Path(f"newsbrief-chart-{secrets.token_hex(3)}.png")
        path.write_bytes(reply.image)
        say(f"[chart saved to {path}]", console)
    for message in reply.messages:
        say(to_plain(message), console)
    for number, choice in enumerate(reply.choices, start=1):
        say(f"  {number}. {choice.label}", console)


@cli.command()
def ask(message: Annotated[str, typer.Argument(help='what you would send the bot, e.g. "/who Lavrov"')]) -> None:
    """Send the bot one message and print its answer."""
    if not message.strip():
        err.print('Give a message, for example: newsbrief ask "/who Lavrov"')
        raise typer.Exit(2)
    print_reply(_with_services(lambda services: Commands(services).handle(message, caller=CONSOLE)))


@cli.command()
def console() -> None:
    """Chat with the bot in the terminal (no Telegram needed)."""

    async def loop(services: Services) -> None:
        commands = Commands(services)
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
            reply = await commands.handle(line, caller=CONSOLE)
            choices = reply.choices
            print_reply(reply)

    _with_services(loop)


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

    async def work(services: Services) -> Report:
        if not out.is_terminal:
            return await ingest(services, items)
        columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=out, transient=True) as progress:
            task = progress.add_task("ingest", total=len(items))
            return await ingest(services, items, on_progress=lambda n: progress.advance(task, n))

    report = _with_services(work)
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

        async def stored(services: Services) -> None:
            summaries = Summaries(services, Ingesting(services))
            for article_id in ids:
                found = await summaries.stored_document(article_id)
                if found is None:
                    err.print(f"There is no article #{article_id}.")
                    continue
                document, article = found
                source = article.url or article.source or f"#{article.id}"
                results.append({"source": source, "title": article.title, "sentences": summarize(document, n, method)})

        _with_services(stored)
    items = _read_items([t for t in targets if user_number(t) is None])
    articles = [item for item in items if isinstance(item, RawArticle)]
    for failure in (item for item in items if isinstance(item, Failure)):
        say(f"failed: {failure.origin}: {failure.reason}", err)
    if articles:
        from bot.nlp.model import load_pipeline

        settings = get_settings()
        documents = parse_documents(load_pipeline(settings.spacy_model), articles, settings.max_text_chars)
        for article, document in zip(articles, documents, strict=True):
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
    async def work(services: Services) -> list[FeedState]:
        async with services.session() as session:
            return await feed_rows.list_feeds(session)

    return _with_services(work)


@feeds_cli.command("add")
def feed_add(
    url: Annotated[str, typer.Argument(help="the feed's URL, or a page that advertises one")],
    name: Annotated[str | None, typer.Option(help="what to call it (default: the feed's title)")] = None,
) -> None:
    """Follow a feed and poll it now."""

    async def work(services: Services) -> int:
        poller = Poller(services)
        reply, added = await Feeds(services, poller).add(url, name, add="newsbrief feed add", poll=False)
        print_reply(reply, err if added.error else out)
        if added.feed is None:
            return 1
        if not added.existing:
            say(to_plain(replies.poll_line(await poller.poll(added.feed.id))))
        return 0

    raise typer.Exit(_with_services(work))


@feeds_cli.command("list")
def feed_list() -> None:
    """Every feed with its state: last fetched, last new item, items stored, errors, next poll."""

    states = _feed_states()
    for block in replies.feed_states(states, datetime.now(UTC), get_settings().feed_broken_after):
        say(to_plain(block))


@feeds_cli.command("remove")
def feed_remove(feed_id: int) -> None:
    """Stop following a feed (the articles it brought stay)."""
    print_reply(_with_services(lambda services: Feeds(services, Poller(services)).remove(str(feed_id))))


@feeds_cli.command("poll")
def feed_poll(feed_id: Annotated[int | None, typer.Argument(help="one feed (default: every feed)")] = None) -> None:
    """Poll now, whatever the schedule; prints `N new, M duplicates, K failed` per feed."""
    if feed_id is not None and not is_id(feed_id):
        say(f"There is no feed #{feed_id}.")
        raise typer.Exit(1)
    results = _with_services(lambda services: Poller(services).poll_all(None if feed_id is None else [feed_id]))
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
    added, existing = _with_services(lambda services: Poller(services).import_feeds(listed))
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

    async def get(services: Services):  # type: ignore[no-untyped-def]
        async with services.session() as session:
            return await queries.get_article(session, article_id)

    # An id past the database's integer range names no article (and would overflow the lookup).
    article = _with_services(get) if is_id(article_id) else None
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
