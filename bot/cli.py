"""The `newsbrief` command: run the bot, chat in the terminal, ingest, summarize, show.

Only typer, rich and plain helpers are imported here; each command imports the modules it runs,
so `newsbrief --help` answers without loading spaCy, sumy, scipy or SQLAlchemy (seconds).
tests/test_cli.py fails if one of them is imported at the top again."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from bot.render.html import to_plain
from bot.reply import CONSOLE, Reply
from bot.user_input import is_id, user_number
from domain.text import without_controls

if TYPE_CHECKING:
    from bot.ingest.pipeline import Report
    from bot.ingest.sources import Item
    from bot.services import Services
    from domain.feeds import FeedRow, FeedState, PollResult

HELP = {"help_option_names": ["-h", "--help"]}  # subcommands inherit it from the app's context
cli = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings=HELP,
    help="newsbrief: a Telegram bot that reads the news for you.",
)
out = Console(soft_wrap=True)  # piped output is data: never hard-wrapped
err = Console(stderr=True, soft_wrap=True)
T = TypeVar("T")

# bot.summarize's METHODS, named here because importing it loads sumy and nltk (the test checks).
SUMMARY_METHODS = ("newsrank", "lead", "textrank-lead", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")
DEFAULT_SUMMARY_METHOD = "newsrank"
LIST_FEEDS = "`newsbrief feed list` lists them."
NO_FEEDS = "No feeds yet. Add one with `newsbrief feed add <url>`."

NO_TOKEN = (
    "No Telegram token: talk to @BotFather in Telegram, send /newbot, and put the token it gives "
    "you in .env as TELEGRAM_BOT_TOKEN=... (see .env.example); to try newsbrief without Telegram, "
    "run `make demo`."
)


def _print_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("newsbrief")
        except PackageNotFoundError:  # run from a checkout that was never installed
            number = "unknown (not installed)"
        out.print(f"newsbrief {number}", highlight=False, markup=False)
        raise typer.Exit()


@cli.callback()
def app(
    show_version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="print the version and exit")
    ] = False,
) -> None:
    """newsbrief: a Telegram bot that reads the news for you."""


def _with_services(work: Callable[[Services], Awaitable[T]]) -> T:
    """Open the store, run `work`, close the store."""
    from bot.services import Services
    from bot.settings import get_settings

    async def main() -> T:
        services = await Services(get_settings()).open()
        try:
            return await work(services)
        finally:
            await services.close()

    return asyncio.run(main())


def fail(text: str, code: int = 1) -> typer.Exit:
    """Say on stderr why the command failed; raise what it returns to exit with `code`."""
    say(text, err)
    return typer.Exit(code)


@cli.command()
def run(
    webhook_url: Annotated[
        str | None, typer.Option(help="serve a webhook at this public URL instead of polling")
    ] = None,
    port: Annotated[int, typer.Option(help="local port for the webhook server")] = 8443,
    listen: Annotated[str, typer.Option(help="local address for the webhook server")] = "0.0.0.0",
) -> None:
    """Start the bot (long polling, or a webhook with --webhook-url)."""
    from bot.settings import get_settings, webhook_problem

    settings = get_settings()
    if webhook_url is not None and (problem := webhook_problem(settings, webhook_url, port)):
        raise fail(problem, 2)
    if not settings.telegram_bot_token.strip():
        raise fail(NO_TOKEN)
    from handlers.app import serve  # telegram is only needed for this command

    problem = serve(settings, webhook_url=webhook_url, port=port, listen=listen)
    if problem is not None:
        raise fail(problem)


@cli.command()
def worker() -> None:
    """Poll due feeds and store their articles, without Telegram, until Ctrl-C or SIGTERM.

    Add workers beside the bot for NLP throughput: they share the feeds, each polled once."""
    from bot.health import HealthServer
    from bot.ingest.poll import Poller
    from bot.logs import setup_logging
    from bot.settings import get_settings

    settings = get_settings()
    setup_logging(settings.log_level, [settings.telegram_bot_token, settings.webhook_secret])

    async def work(services: Services) -> None:
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(signum, stop.set)
        await services.nlp()  # load spaCy now, not in the first round
        health = HealthServer(services)
        await health.start(settings.health_port, settings.health_listen)  # off unless HEALTH_PORT is set
        try:
            await Poller(services).keep_polling(settings.feed_tick_seconds, stop)
        finally:
            await health.stop()
        logging.getLogger(__name__).info("worker stopped")  # the last line: it stopped, not died

    _with_services(work)


def say(text: str, console: Console = out) -> None:
    """A line of data, as given but for control characters: no markup, colouring or wrapping.
    Article text is someone else's: an escape sequence in a title must not drive the terminal."""
    console.print(without_controls(text, lines=True), highlight=False, markup=False, soft_wrap=True)


def print_reply(reply: Reply, console: Console = out) -> None:
    """A reply as terminal text; a chart is saved to a file, choices are numbered."""
    if reply.image is not None:
        # A temporary file, not the current folder: the terminal names it, the user keeps it or not.
        with tempfile.NamedTemporaryFile(prefix="newsbrief-chart-", suffix=".png", delete=False) as file:
            file.write(reply.image)
        say(f"[chart saved to {file.name}]", console)
    for message in reply.messages:
        say(to_plain(message), console)
    for number, choice in enumerate(reply.choices, start=1):
        say(f"  {number}. {choice.label}", console)


@cli.command()
def ask(message: Annotated[str, typer.Argument(help='what you would send the bot, e.g. "/who Lavrov"')]) -> None:
    """Send the bot one message and print its answer."""
    from bot.commands import Commands

    if not message.strip():
        raise fail('Give a message, for example: newsbrief ask "/who Lavrov"', 2)
    from bot.console import CONSOLE_CHAT  # the console's own chat: /subscribe here is the console's

    reply = _with_services(lambda services: Commands(services).handle(message, caller=CONSOLE, where=CONSOLE_CHAT))
    print_reply(reply)


@cli.command()
def console() -> None:
    """Chat with the bot in the terminal (no Telegram needed); its briefs and alerts are printed."""
    from bot.console import ConsoleChat

    _with_services(lambda services: ConsoleChat(services, print_reply).run())


def _read_items(targets: list[str]) -> list[Item]:
    from bot.fetch import Fetcher
    from bot.ingest.sources import from_path, from_url
    from bot.settings import get_settings

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
    """Store articles; prints `N new, M duplicates, K failed`, and exits 1 if any failed."""
    from bot.ingest.pipeline import ingest

    items = _read_items(targets)

    async def work(services: Services) -> Report:
        if not out.is_terminal:
            return await ingest(services, items)
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=out, transient=True) as progress:
            task = progress.add_task("ingest", total=len(items))
            return await ingest(services, items, on_progress=lambda n: progress.advance(task, n))

    report = _with_services(work)
    for failure in report.failed:
        say(f"failed: {failure.origin}: {failure.reason}", err)
    say(report.line())
    if report.failed:
        raise typer.Exit(1)


@cli.command("summarize")
def summarize_command(
    targets: Annotated[list[str], typer.Argument(help="article ids, files, directories or URLs")],
    n: Annotated[int, typer.Option("-n", "--sentences", min=1, max=50, help="sentences per summary")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per article")] = False,
    method: Annotated[str, typer.Option(help=f"one of: {', '.join(SUMMARY_METHODS)}")] = DEFAULT_SUMMARY_METHOD,
) -> None:
    """Print extractive summaries (sentences in article order); exits 1 if any target failed."""
    if method not in SUMMARY_METHODS:
        raise fail(f"Unknown method {method!r}; choose one of: {', '.join(SUMMARY_METHODS)}", 2)
    from bot.ingest.sources import RawArticle
    from bot.ingesting import Ingesting
    from bot.settings import get_settings
    from bot.summaries import Summaries, parse_documents
    from bot.summarize import summarize
    from domain.sources import Failure

    results: list[dict] = []
    failed = 0
    ids = [number for t in targets if (number := user_number(t)) is not None]
    if ids:

        async def stored(services: Services) -> int:
            missing = 0
            summaries = Summaries(services, Ingesting(services))
            for article_id in ids:
                found = await summaries.stored_document(article_id)
                if found is None:
                    say(f"There is no article #{article_id}. `newsbrief ask /latest` lists the ids.", err)
                    missing += 1
                    continue
                document, article = found
                source = article.url or article.source or f"#{article.id}"
                results.append({"source": source, "title": article.title, "sentences": summarize(document, n, method)})
            return missing

        failed += _with_services(stored)
    items = _read_items([t for t in targets if user_number(t) is None])
    articles = [item for item in items if isinstance(item, RawArticle)]
    for failure in (item for item in items if isinstance(item, Failure)):
        say(f"failed: {failure.origin}: {failure.reason}", err)
        failed += 1
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
    if failed or not results:
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
    if not dataset.exists():
        raise fail(f"No dataset at {dataset}.", 2)
    from rich.table import Table

    from bot.nlp.model import load_pipeline
    from bot.settings import get_settings
    from bot.summarize.evaluate import evaluate, load, parse

    examples = load(dataset, k, limit)
    documents = parse(load_pipeline(get_settings().spacy_model), examples)
    scores = evaluate(examples, documents)
    table = Table(title=f"{dataset.name}: {len(examples)} articles, k = {k or 'reference sentences'}")
    for column in ("method", "ROUGE-1", "ROUGE-2", "ROUGE-L", "ms/article"):
        table.add_column(column, justify="left" if column == "method" else "right")
    for score in scores:
        name = f"{score.method} (default)" if score.method == DEFAULT_SUMMARY_METHOD else score.method
        table.add_row(
            name, f"{score.rouge1:.2f}", f"{score.rouge2:.2f}", f"{score.rougeL:.2f}", f"{score.ms_per_article:.1f}"
        )
    out.print(table)


feeds_cli = typer.Typer(help="Follow RSS and Atom feeds (the running bot polls them).", no_args_is_help=True)
cli.add_typer(feeds_cli, name="feed")


def _feed_states() -> list[FeedState]:
    from storage import feeds as feed_rows

    async def work(services: Services) -> list[FeedState]:
        async with services.session() as session:
            return await feed_rows.list_feeds(session)

    return _with_services(work)


@feeds_cli.command("add")
def feed_add(
    url: Annotated[str, typer.Argument(help="the feed's URL, or a page that advertises one")],
    name: Annotated[str | None, typer.Option(help="what to call it (default: the feed's title)")] = None,
) -> None:
    """Follow a feed and poll it now; exits 1 if it could not be added."""
    from bot.feeds import Feeds
    from bot.ingest.poll import Poller
    from bot.render import replies

    async def work(services: Services) -> int:
        poller = Poller(services)
        reply, added = await Feeds(services, poller).add(url, name, add="newsbrief feed add", poll=False)
        # Not added (an error, or a page offering feeds to add instead): the reply says why, on stderr.
        print_reply(reply, err if added.feed is None else out)
        if added.feed is None:
            return 1
        if not added.existing:
            result = await poller.poll(added.feed.id)
            say(to_plain(replies.poll_line(result)), err if result.error else out)
        return 0

    raise typer.Exit(_with_services(work))


@feeds_cli.command("list")
def feed_list() -> None:
    """Every feed with its state: last fetched, last new item, items stored, errors, next poll."""
    from bot.render import replies
    from bot.settings import get_settings

    states = _feed_states()
    if not states:
        say(NO_FEEDS)
        return
    for block in replies.feed_states(states, datetime.now(UTC), get_settings().feed_broken_after):
        say(to_plain(block))


def _no_feed(target: str) -> str:
    shown = f"#{target}" if user_number(target) is not None else target
    return f"No feed {shown}. {LIST_FEEDS}"


@feeds_cli.command("remove")
def feed_remove(
    target: Annotated[str, typer.Argument(help="the feed's id, as `newsbrief feed list` shows it, or its URL")],
) -> None:
    """Stop following a feed (the articles it brought stay); exits 1 if there is no such feed."""
    from bot.feeds import Feeds
    from bot.ingest.poll import Poller

    async def work(services: Services) -> FeedRow | None:
        return await Feeds(services, Poller(services)).drop(target)

    feed = _with_services(work)
    if feed is None:
        raise fail(_no_feed(target))
    say(f"Removed feed #{feed.id} {feed.title}. The articles it brought stay.")


@feeds_cli.command("poll")
def feed_poll(feed_id: Annotated[int | None, typer.Argument(help="one feed (default: every feed)")] = None) -> None:
    """Poll now, whatever the schedule; prints `N new, M duplicates, K failed` per feed, and exits
    1 if a feed's poll failed."""
    from bot.ingest.poll import Poller
    from bot.render import replies
    from storage import feeds as feed_rows

    async def work(services: Services) -> list[PollResult] | None:
        if feed_id is None:
            return await Poller(services).poll_all()
        async with services.session() as session:
            if await feed_rows.get_feed(session, feed_id) is None:
                return None
        return await Poller(services).poll_all([feed_id])

    # An id past the database's integer range names no feed (and would overflow the lookup).
    results = _with_services(work) if feed_id is None or is_id(feed_id) else None
    if results is None:
        raise fail(_no_feed(str(feed_id)))
    if not results:
        say(NO_FEEDS)
    for result in results:
        say(to_plain(replies.poll_line(result)), err if result.error else out)
        for failure in result.failures[:10]:
            say(f"  failed: {failure.origin}: {failure.reason}", err)
    raise typer.Exit(1 if any(r.error for r in results) else 0)


@feeds_cli.command("import")
def feed_import(opml: Annotated[Path, typer.Argument(help="an OPML file, as RSS readers export")]) -> None:
    """Follow every feed of an OPML list (each is checked at its first poll); exits 1 if the file
    is not one."""
    from bot.ingest.feeds import NotAFeed, read_opml
    from bot.ingest.poll import Poller

    try:
        listed = read_opml(opml.read_bytes())
    except (OSError, NotAFeed) as exc:
        raise fail(f"Cannot import {opml}: {exc}") from exc
    if not listed:
        raise fail(f"Cannot import {opml}: no feed in it to follow (is it an OPML subscription list?)")
    added, existing = _with_services(lambda services: Poller(services).import_feeds(listed))
    for feed in added:
        say(f"Added feed #{feed.id} {feed.title}")
    say(f"{len(added)} added, {existing} already followed")


@feeds_cli.command("export")
def feed_export() -> None:
    """Print every feed as OPML, for another reader."""
    from bot.ingest.feeds import write_opml

    feeds = [(state.feed.title, state.feed.url, state.feed.site_url) for state in _feed_states()]
    sys.stdout.write(write_opml(feeds))


@cli.command()
def show(article_id: int) -> None:
    """Print a stored article; exits 1 if there is none with that id."""
    from domain.languages import language_name
    from storage import queries

    async def get(services: Services):  # type: ignore[no-untyped-def]
        async with services.session() as session:
            return await queries.get_article(session, article_id)

    # An id past the database's integer range names no article (and would overflow the lookup).
    article = _with_services(get) if is_id(article_id) else None
    if article is None:
        raise fail(f"There is no article #{article_id}. `newsbrief ask /latest` lists the ids.")
    for label, value in (
        ("title", article.title),
        ("source", article.source),
        ("date", article.published_at.strftime("%Y-%m-%d %H:%M UTC")),
        ("url", article.url or "-"),
        ("author", article.author or "-"),
        ("language", f"{language_name(article.language)} ({article.language})" if article.language else "-"),
    ):
        say(f"{label}: {value}")
    say("")
    say(article.text)


def main() -> None:
    try:
        cli()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        from pydantic import ValidationError  # here: pydantic is not needed to print help

        from bot.services import DatabaseUnreachable

        if isinstance(exc, DatabaseUnreachable):
            say(str(exc), err)  # where and why, with no password and no traceback
            sys.exit(1)
        if not isinstance(exc, ValidationError):
            raise
        from bot.settings import problem as settings_problem

        # A bad setting: say which and what it may be, no traceback.
        say(settings_problem(exc), err)
        sys.exit(2)
