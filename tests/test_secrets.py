"""The bot token and the webhook secret never reach the operator's terminal or log."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from bot.logs import RedactingFormatter, Redactor
from bot.settings import Settings
from tests.support.botapi import TOKEN, FakeBotAPI

NEWSBRIEF = str(Path(sys.executable).parent / "newsbrief")
WRONG_TOKEN = "987654321:AAHwrongTokenNeverToBeShown-x_y1234567"
SECRET = "webhook-secret-never-shown-42"
REJECTED = "Telegram rejected TELEGRAM_BOT_TOKEN; get a new one from @BotFather"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def run_bot(token: str, base_url: str, *args: str, wait: float = 120) -> tuple[int, str]:
    """`newsbrief run` at DEBUG, as an operator starts it; its exit code and all it printed."""
    env = dict(os.environ, TELEGRAM_BOT_TOKEN=token, TELEGRAM_API_BASE_URL=base_url, LOG_LEVEL="DEBUG")
    env["WEBHOOK_SECRET"] = SECRET
    env["WEBHOOK_BEHIND_PROXY"] = "true"  # the tests' webhook is plain http on 127.0.0.1
    process = await asyncio.create_subprocess_exec(
        NEWSBRIEF, "run", *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        output, _ = await asyncio.wait_for(process.communicate(), wait)
    except TimeoutError:
        process.send_signal(signal.SIGINT)
        output, _ = await asyncio.wait_for(process.communicate(), 30)
    return process.returncode or 0, output.decode()


def said(output: str, start: str) -> str:
    """The line of output that starts so ("" if none). Not always the last: at DEBUG, the database
    driver may log its closing after it."""
    return next((line for line in output.splitlines() if line.startswith(start)), "")


def assert_no_secret(output: str, *tokens: str) -> None:
    for token in tokens:
        assert token not in output
        assert token.split(":")[1] not in output
    assert SECRET not in output


def webhook_args(port: int) -> list[str]:
    return ["--webhook-url", f"http://127.0.0.1:{port}/hook", "--port", str(port), "--listen", "127.0.0.1"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_a_rejected_token_is_one_clean_line_without_the_token(
    settings: Settings, fake_api: FakeBotAPI, mode: str
) -> None:
    args = webhook_args(closed_port()) if mode == "webhook" else []
    code, output = await run_bot(WRONG_TOKEN, fake_api.base_url, *args)
    assert code != 0
    assert said(output, REJECTED)
    assert "Traceback" not in output
    assert_no_secret(output, WRONG_TOKEN)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_wrong_api_url_never_shows_the_token(settings: Settings, fake_api: FakeBotAPI) -> None:
    # A server that is not the Bot API answers 404, which Telegram's client reports with the token in it.
    not_the_api = fake_api.base_url.removesuffix("/bot") + "/not-the-bot-api/"
    code, output = await run_bot(TOKEN, not_the_api)
    assert code != 0
    assert "TELEGRAM_API_BASE_URL" in said(output, REJECTED)
    assert_no_secret(output, TOKEN)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_an_unreachable_api_is_one_clean_line(settings: Settings) -> None:
    code, output = await run_bot(TOKEN, f"http://127.0.0.1:{closed_port()}/bot")
    assert code != 0
    assert said(output, "Cannot reach the Telegram Bot API at http://127.0.0.1:")
    assert "Traceback" not in output
    assert_no_secret(output, TOKEN)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_setting_the_webhook_never_logs_its_secret(settings: Settings, fake_api: FakeBotAPI) -> None:
    port = closed_port()
    process = await asyncio.create_subprocess_exec(
        NEWSBRIEF,
        "run",
        *webhook_args(port),
        env=dict(
            os.environ,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=fake_api.base_url,
            LOG_LEVEL="DEBUG",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_BEHIND_PROXY="true",  # the tests' webhook is plain http on 127.0.0.1
        ),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        for _ in range(1200):
            if "setWebhook" in fake_api.methods():
                break
            await asyncio.sleep(0.1)
        assert dict(fake_api.calls)["setWebhook"]["secret_token"] == SECRET
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert "setWebhook" in output.decode()  # DEBUG logged the call: without its secret
    assert_no_secret(output.decode(), TOKEN)


def test_log_records_are_redacted_everywhere() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter(Redactor([TOKEN, SECRET]), "%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.secrets")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling %s with %r", f"https://api.telegram.org/bot{TOKEN}/getMe", {"secret_token": SECRET})
        logger.warning("an old token in a URL: /bot%s/getMe", WRONG_TOKEN)
        logger.warning("url-encoded: %s", TOKEN.replace(":", "%3A"))
        try:
            raise RuntimeError(f"The token `{TOKEN}` was rejected")
        except RuntimeError:
            logger.exception("start failed", stack_info=True)
    finally:
        logger.removeHandler(handler)
    logged = stream.getvalue()
    assert "getMe" in logged and "Traceback" in logged and "Stack (most recent call last)" in logged
    assert_no_secret(logged, TOKEN, WRONG_TOKEN)


def test_echoed_and_near_miss_secrets_are_redacted() -> None:
    """A server that echoes the path in upper case, a token with a space percent-encoded, and
    the near-miss secret a caller sends to the webhook: none of them shows ours."""
    spaced = "123456:secret part with spaces"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter(Redactor([TOKEN, SECRET, spaced]), "%(message)s"))
    logger = logging.getLogger("tests.secrets.echo")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("404 for /BOT%s/GETME", TOKEN.upper())
        logger.warning("404 for /bot%s/getMe", spaced.replace(" ", "%20"))
        logger.debug("Request had the wrong secret token: %s", SECRET[:-1] + "x")
        logger.setLevel(logging.DEBUG)
        logger.debug("Request had the wrong secret token: %s", SECRET[:-1] + "x")
    finally:
        logger.removeHandler(handler)
    logged = stream.getvalue()
    assert "GETME" in logged and "wrong secret token" in logged
    assert TOKEN.split(":")[1].upper() not in logged
    assert "with%20spaces" not in logged
    assert SECRET[:-1] not in logged
