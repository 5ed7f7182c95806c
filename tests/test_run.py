"""`newsbrief run` as an operator starts it: polling or webhook, against the fake Bot API."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.settings import Settings
from tests.support.botapi import TOKEN, FakeBotAPI

NEWSBRIEF = str(Path(sys.executable).parent / "newsbrief")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def start(fake_api: FakeBotAPI, *args: str) -> asyncio.subprocess.Process:
    env = dict(
        os.environ,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake_api.base_url,
        LOG_LEVEL="DEBUG",
        WEBHOOK_SECRET="s3cret-for-tests",
        WEBHOOK_BEHIND_PROXY="true",  # the tests' webhook is plain http on 127.0.0.1
    )
    return await asyncio.create_subprocess_exec(
        NEWSBRIEF, "run", *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )


async def wait_for_call(fake_api: FakeBotAPI, method: str, wait: float = 60) -> dict:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        for name, params in fake_api.calls:
            if name == method:
                return params
        await asyncio.sleep(0.05)
    raise AssertionError(f"the bot never called {method}; it called {fake_api.methods()}")


async def stop(process: asyncio.subprocess.Process) -> str:
    if process.returncode is None:
        process.send_signal(signal.SIGINT)
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    return stderr.decode()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_polling_bot_answers_and_never_logs_the_token(settings: Settings, fake_api: FakeBotAPI) -> None:
    process = await start(fake_api)
    try:
        await wait_for_call(fake_api, "setMyCommands")
        fake_api.user_message("/help")
        (reply,) = await fake_api.replies()
        assert "/who" in reply["text"]
    finally:
        logs = await stop(process)
    assert "newsbrief is up as @newsbrief_test_bot" in logs
    assert TOKEN not in logs and TOKEN.split(":")[1] not in logs


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_webhook_checks_the_secret(settings: Settings, fake_api: FakeBotAPI) -> None:
    port = free_port()
    process = await start(
        fake_api, "--webhook-url", f"http://127.0.0.1:{port}/hook", "--port", str(port), "--listen", "127.0.0.1"
    )
    try:
        registered = await wait_for_call(fake_api, "setWebhook")
        assert registered["url"] == f"http://127.0.0.1:{port}/hook"
        assert registered["secret_token"] == "s3cret-for-tests"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "text": "/help",
                "chat": {"id": 42, "type": "private"},
                "from": {"id": 42, "is_bot": False, "first_name": "Ann"},
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        async with httpx.AsyncClient() as client:
            forged = await client.post(
                f"http://127.0.0.1:{port}/hook",
                content=json.dumps(update),
                headers={"Content-Type": "application/json"},
            )
            assert forged.status_code == 403
            sent = await client.post(
                f"http://127.0.0.1:{port}/hook",
                content=json.dumps(update),
                headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret-for-tests"},
            )
            assert sent.status_code == 200
        (reply,) = await fake_api.replies()
        assert "/who" in reply["text"]
    finally:
        logs = await stop(process)
    assert TOKEN not in logs


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (["--webhook-url", "http://bot.example.org/hook"], {}, "set WEBHOOK_BEHIND_PROXY=true"),
        (["--webhook-url", "bot.example.org/hook"], {"WEBHOOK_BEHIND_PROXY": "true"}, "public https:// URL"),
        (["--webhook-url", "https://bot.example.org/hook", "--port", "9100"], {"HEALTH_PORT": "9100"}, "HEALTH_PORT"),
    ],
)
async def test_a_webhook_that_cannot_work_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str], env: dict[str, str], said: str
) -> None:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "WEBHOOK_BEHIND_PROXY": "false",
        **env,
    }
    pipe = asyncio.subprocess.PIPE
    process = await asyncio.create_subprocess_exec(
        NEWSBRIEF, "run", *args, env=environment, cwd=tmp_path, stdout=pipe, stderr=pipe
    )
    _, stderr = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 2
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1 and said in lines[0], lines


async def test_an_unreachable_database_is_one_line_and_exit_1(tmp_path: Path, fake_api: FakeBotAPI) -> None:
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgresql://newsbrief:hunter2@127.0.0.1:{free_port()}/news?sslmode=disable",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": fake_api.base_url,
    }
    pipe = asyncio.subprocess.PIPE
    process = await asyncio.create_subprocess_exec(
        NEWSBRIEF, "run", env=environment, cwd=tmp_path, stdout=pipe, stderr=pipe
    )
    _, stderr = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 1
    said = stderr.decode()
    assert (
        said.strip()
        .splitlines()[-1]
        .startswith("Cannot reach the database at postgresql+asyncpg://newsbrief:***@127.0.0.1:")
    ), said
    assert "hunter2" not in said and "Traceback" not in said
