"""The `newsbrief` command as a user runs it in a terminal."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import DEFAULT_SUMMARY_METHOD, SUMMARY_METHODS, cli
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
    assert result.exit_code == 1, result.output  # some failed: a script can tell
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
    assert "I don't know the command" not in result.output and "acts on a Telegram chat" not in result.output
    # Linking a channel is the one thing only Telegram can do (it looks the channel up): it says so.
    channel = newsbrief("ask", "/channel add @mychannel 08:00").output
    assert channel.startswith("Linking a channel needs Telegram")
    assert "Only the bot's operators" not in newsbrief("ask", "/feeds").output  # the console is the operator


def test_ask_and_the_console_are_one_chat(settings: Settings) -> None:
    assert "Subscribed." in newsbrief("ask", "/subscribe 07:30 Europe/Berlin topics: energy").output
    result = newsbrief("console", stdin="/settings\n/topics add Ukraine\n/quit\n")
    assert result.exit_code == 0, result.output
    assert "Daily brief at 07:30 Europe/Berlin" in result.output and "Topics: energy, Ukraine" in result.output
    assert "Topics: energy, Ukraine" in newsbrief("ask", "/settings").output


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


# -- the command line's conventions: fast help, version, exit codes, CLI wording, pipes ---------------

HEAVY = ("spacy", "thinc", "sumy", "nltk", "scipy", "numpy", "sqlalchemy", "telegram", "trafilatura", "matplotlib")
EVERY_HELP = """
import json, sys
from typer.main import get_command
from bot.cli import cli, main

def paths(command, prefix):
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from paths(sub, [*prefix, name])

runs = [[*path, "--help"] for path in paths(get_command(cli), [])] + [["-h"], ["feed", "add", "-h"], ["--version"]]
codes = {}
for args in runs:
    sys.argv = ["newsbrief", *args]
    try:
        main()
    except SystemExit as done:
        codes[" ".join(args)] = done.code
with open(OUT, "w") as out:
    json.dump({"codes": codes, "loaded": sorted(name for name in sys.modules if name.split(".")[0] in HEAVY)}, out)
"""


def test_help_of_every_command_loads_no_nlp_or_database(tmp_path: Path) -> None:
    """`--help` is instant: spaCy alone takes longer to import than all of the help needs."""
    report = tmp_path / "report.json"
    script = f"OUT = {str(report)!r}\nHEAVY = {HEAVY!r}\n" + EVERY_HELP
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(report.read_text())
    assert {"--help", "feed remove --help", "eval summaries --help", "-h", "--version"} <= set(found["codes"])
    assert set(found["codes"].values()) == {0}, found["codes"]
    assert found["loaded"] == []
    assert "Usage: newsbrief feed add" in done.stdout  # -h answered like --help


def test_version_and_short_help(settings: Settings) -> None:
    shown = newsbrief("--version")
    assert shown.exit_code == 0 and shown.stdout == f"newsbrief {version('newsbrief')}\n"
    for args in (["-h"], ["feed", "-h"], ["summarize", "-h"]):
        result = newsbrief(*args)
        assert result.exit_code == 0 and "Usage: " in result.stdout, args
        assert re.search(r"--help +-h ", result.stdout), args


def test_the_summary_methods_in_help_are_the_summarizers() -> None:
    from bot.summarize import DEFAULT_METHOD, METHODS

    assert SUMMARY_METHODS == tuple(METHODS) and DEFAULT_SUMMARY_METHOD == DEFAULT_METHOD


def test_failed_work_exits_1_with_the_reason_on_stderr(settings: Settings, tmp_path: Path) -> None:
    missing = newsbrief("ingest", str(tmp_path / "missing.txt"), str(FIXTURES / "rugby.txt"))
    assert missing.exit_code == 1
    assert missing.stdout == "1 new, 0 duplicates, 1 failed\n"
    assert missing.stderr.startswith(f"failed: {tmp_path / 'missing.txt'}: No such file")

    for args, message in (
        (["feed", "remove", "99"], "No feed #99. `newsbrief feed list` lists them.\n"),
        (["feed", "poll", "99"], "No feed #99. `newsbrief feed list` lists them.\n"),
        (["show", "99"], "There is no article #99. `newsbrief ask /latest` lists the ids.\n"),
    ):
        result = newsbrief(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message), args

    for not_opml in (FIXTURES / "feed.xml", FIXTURES / "rugby.txt", tmp_path / "missing.opml"):
        result = newsbrief("feed", "import", str(not_opml))
        assert result.exit_code == 1 and result.stdout == "", not_opml
        assert result.stderr.startswith(f"Cannot import {not_opml}: "), not_opml

    refused = newsbrief("feed", "add", "ftp://news.example/feed")
    assert refused.exit_code == 1 and "not http(s)" in refused.stderr
    partly = newsbrief("summarize", "1", "2", "--json")  # #1 is the rugby article; there is no #2
    assert partly.exit_code == 1 and json.loads(partly.stdout)["sentences"]
    assert "There is no article #2" in partly.stderr


def test_feed_commands_speak_cli_syntax(settings: Settings, tmp_path: Path) -> None:
    empty = newsbrief("feed", "list")
    assert empty.exit_code == 0
    assert empty.stdout == "No feeds yet. Add one with `newsbrief feed add <url>`.\n"
    assert newsbrief("feed", "poll").stdout == empty.stdout
    opml = tmp_path / "feeds.opml"
    opml.write_text(OPML.format(url="https://news.example/rss", other="https://wire.example/atom"))
    assert newsbrief("feed", "import", str(opml)).stdout.splitlines()[-1] == "2 added, 0 already followed"
    removed = newsbrief("feed", "remove", "https://wire.example/atom")
    assert (removed.exit_code, removed.stdout) == (0, "Removed feed #2 Wire. The articles it brought stay.\n")
    again = newsbrief("feed", "remove", "2")
    assert again.exit_code == 1 and "/feed" not in again.stderr
    assert "#1 News" in newsbrief("feed", "list").stdout


OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
<outline type="rss" text="News" xmlUrl="{url}"/>
<outline type="rss" text="Wire" xmlUrl="{other}"/>
</body></opml>
"""


def piped(*args: str) -> subprocess.CompletedProcess[str]:
    """`newsbrief ARGS | cat`: stdout and stderr are pipes, and no COLUMNS says how wide."""
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    command = [sys.executable, "-c", "from bot.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_piped_output_is_never_wrapped(settings: Settings, tmp_path: Path) -> None:
    long_url = "https://news.example/feeds/" + "-".join(["baltic-harbour-and-rail-news"] * 8) + ".rss?edition=en"
    opml = tmp_path / "feeds.opml"
    opml.write_text(OPML.format(url=long_url, other="https://wire.example/atom"))
    assert newsbrief("feed", "import", str(opml)).exit_code == 0

    listing = piped("feed", "list")
    assert listing.returncode == 0, listing.stderr
    assert f"#1 News ({long_url}) — ✅ ok" in listing.stdout.splitlines()
    assert all(len(line) < 200 for line in listing.stdout.splitlines() if long_url not in line)

    missing = tmp_path / ("a-file-name-longer-than-a-terminal-is-wide-" * 3 + ".txt")
    failed = piped("ingest", str(missing))
    assert failed.returncode == 1
    assert failed.stderr.splitlines() == [f"failed: {missing}: No such file or directory"]
    assert failed.stdout == "0 new, 0 duplicates, 1 failed\n"
