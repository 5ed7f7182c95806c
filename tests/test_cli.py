"""The `newsbrief` command as a user runs it in a terminal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import cli
from bot.commands import COMMANDS
from bot.settings import Settings
from tests.conftest import FIXTURES

runner = CliRunner()


def newsbrief(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_run_without_token_says_what_to_do(settings: Settings) -> None:
    result = newsbrief("run")
    assert result.exit_code == 1
    assert "@BotFather" in result.output and "TELEGRAM_BOT_TOKEN" in result.output
    assert "make demo" in result.output


def test_ingest_a_directory_of_every_format(settings: Settings, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES, corpus, ignore=shutil.ignore_patterns("web", "brief"))  # the feed and brief tests
    (corpus / "nested").mkdir()
    (corpus / "nested" / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 300)
    result = newsbrief("ingest", str(corpus))
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    # 8 articles: 3 txt, 2 of the 3 distinct jsonl lines, 2 feed entries, 1 page.
    assert last == "8 new, 1 duplicates, 4 failed"
    assert "not valid JSON" in result.output and "binary" in result.output
    assert "malformed.xml" in result.output

    again = newsbrief("ingest", str(corpus))
    assert again.output.strip().splitlines()[-1] == "0 new, 9 duplicates, 4 failed"


def test_latin1_text_file_is_read_and_honorific_resolves(settings: Settings) -> None:
    assert newsbrief("ingest", str(FIXTURES / "hewitt-latin1.txt")).exit_code == 0
    result = newsbrief("ask", "/who Ms Hewitt")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "Patricia Hewitt — Trade and Industry Secretary"
    shown = newsbrief("show", "1")
    assert "title: Hewitt backs plan for café licences" in shown.output
    assert "relax licensing rules for cafés" in shown.output


def test_ask_prints_plain_text_with_links(settings: Settings) -> None:
    newsbrief("ingest", str(FIXTURES / "wire.jsonl"))
    result = newsbrief("ask", "/status Riga")
    assert result.exit_code == 0
    first, *lines = result.output.strip().splitlines()
    assert first.startswith("Riga — place · 1 article, last seen 2024-03-05")
    assert lines[0].startswith("2024-03-05 — Riga's city council approved")
    assert "Example News (https://news.example.com/riga)" in lines[0]
    assert "<" not in result.output


def test_ask_without_a_message_is_an_error(settings: Settings) -> None:
    result = runner.invoke(cli, ["ask", "  "])
    assert result.exit_code != 0
    assert "newsbrief ask" in result.output


def test_stdin_ingest_and_search_newest_first(settings: Settings) -> None:
    newsbrief("ingest", str(FIXTURES / "feed.xml"))
    result = newsbrief(
        "ingest", "-", stdin="Klaipeda ferry\n\nA new ferry from Klaipeda to Kiel starts in May, operator DFDS said.\n"
    )
    assert result.output.strip().endswith("1 new, 0 duplicates, 0 failed")
    found = newsbrief("ask", "/search bridge").output
    assert "Kaunas opens bridge" in found and "Vilnius" not in found
    latest = newsbrief("ask", "/latest").output.splitlines()
    assert "Klaipeda ferry" in latest[1]  # ingested today: newer than the feed's March items
    assert "Kaunas opens bridge" in latest[2] and "Vilnius airport" in latest[3]


def test_summarize_files_as_json_without_boilerplate(settings: Settings) -> None:
    result = newsbrief("summarize", str(FIXTURES / "aleppo-truce.txt"), "-n", "2", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["title"] == "Ankara rules out new offensive as Aleppo truce talks stall"
    assert len(record["sentences"]) == 2
    text = " ".join(record["sentences"])
    assert "Advertisement" not in text and "newsletter" not in text


def test_summarize_stored_article_by_id_in_article_order(settings: Settings) -> None:
    newsbrief("ingest", str(FIXTURES / "page.html"))
    result = newsbrief("summarize", "1", "-n", "2", "--json")
    record = json.loads(result.output)
    stored = newsbrief("show", "1").output
    positions = [stored.index(sentence) for sentence in record["sentences"]]
    assert positions == sorted(positions)
    assert "cookies" not in stored and "Most read" not in stored and "Home" not in stored


@pytest.mark.parametrize("method", ["lead", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl", "newsrank"])
def test_every_summary_method_works_offline(settings: Settings, method: str) -> None:
    result = newsbrief("summarize", str(FIXTURES / "aleppo-truce.txt"), "--method", method, "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["sentences"]) == 3


def test_console_is_a_chat_in_the_terminal(settings: Settings) -> None:
    newsbrief("ingest", str(FIXTURES / "rugby.txt"))
    result = newsbrief("console", stdin="/who Robinson\n2\n/quit\n")
    assert result.exit_code == 0
    assert "Which Robinson do you mean?" in result.output
    assert "1. " in result.output and "2. " in result.output
    # The second choice is answered like a button press in Telegram.
    assert "Robinson — England" in result.output.split("2. ", 1)[1]


def test_every_command_in_help_answers_in_the_console(settings: Settings) -> None:
    lines = [f"/{name}" for command in COMMANDS for name in command.names] + ["/quit"]
    result = newsbrief("console", stdin="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "I don't know the command" not in result.output
    # A command about a Telegram chat says so, rather than nothing or "unknown".
    channel = newsbrief("ask", "/channel add @mychannel 08:00").output
    assert channel.startswith("/channel acts on a Telegram chat")
    assert "Only the bot's operators" not in newsbrief("ask", "/feeds").output  # the console is the operator


def test_eval_summaries_scores_every_method(tmp_path: Path) -> None:
    for folder in ("articles/news", "summaries/news"):
        (tmp_path / folder).mkdir(parents=True)
    body = (
        "Harbour reopens after storm\n\n"
        "The harbour of Tallinn reopened on Monday after storm repairs. "
        "Officials said the work cost two million euros. "
        "Ships queued overnight to enter the port. "
        "Fishermen welcomed the news on the quay."
    )
    (tmp_path / "articles/news/001.txt").write_text(body)
    # Glued like the BBC set's references: no space after the full stop.
    (tmp_path / "summaries/news/001.txt").write_text(
        "The harbour of Tallinn reopened on Monday after storm repairs.Officials said the work cost two million euros."
    )
    result = newsbrief("eval", "summaries", str(tmp_path))
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.output.splitlines() if line.count("│") > 4}
    assert set(rows) >= {"newsrank (default)", "lead", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl"}
    assert "100.00" in rows["lead"]  # k = 2 reference sentences, which are the first two
