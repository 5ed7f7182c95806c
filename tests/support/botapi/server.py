"""The fake Bot API over HTTP on 127.0.0.1: python-telegram-bot reaches it through `base_url`,
exactly as it reaches Telegram (getUpdates long polling, sendMessage, multipart uploads, ...)."""

from __future__ import annotations

import asyncio
import email.policy
import json
import threading
import time
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote

from tests.support.botapi import updates
from tests.support.botapi.world import TOKEN, World, error
from tests.support.serving import QuietServer, quiet_handler


class FakeBotAPI(World):
    """The world, served over HTTP, with what tests do: send updates, then wait for the bot's answers."""

    def __init__(self) -> None:
        super().__init__()
        self._server = QuietServer(("127.0.0.1", 0), quiet_handler(self._serve, ("GET", "POST")))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle ------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/bot"

    @property
    def base_file_url(self) -> str:
        """python-telegram-bot's `base_file_url` (TELEGRAM_API_BASE_FILE_URL): files are downloaded here."""
        return f"http://127.0.0.1:{self._server.server_port}/file/bot"

    def start(self) -> FakeBotAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what tests do --------------------------------------------------------------------
    def user_message(self, text: str, **kwargs: Any) -> None:
        """A user sends this (see updates.message for the chat, reply and topic options)."""
        self.push(updates.message(self.message_ids, text, **kwargs))

    def press_button(self, data: str, under: dict | None = None, **kwargs: Any) -> None:
        """A user presses a button with this data; `under`: the message of the bot's it is under
        (as `replies` returned it), which the bot may then edit."""
        if under is not None:
            shown = self.as_shown(under["chat_id"], under["message_id"])
            kwargs = {"chat_id": under["chat_id"], "message": shown, **kwargs}
        self.push(updates.button_press(self.message_ids, data, **kwargs))

    def bot_removed(self, chat_id: int, **kwargs: Any) -> None:
        self.push(updates.bot_removed(chat_id, **kwargs))

    async def ask(self, text: str, count: int = 1, **kwargs: Any) -> list[str]:
        """A user sends this; the texts of the bot's `count` answers to that chat."""
        self.user_message(text, **kwargs)
        return [m["text"] for m in await self.replies(kwargs.get("chat_id", 42), count)]

    async def replies(self, chat_id: int = 42, count: int = 1, wait: float = 60.0) -> list[dict]:
        """Wait for `count` messages sent to chat_id since the last call; return them."""
        deadline = time.monotonic() + wait
        mine: list[dict] = []
        while time.monotonic() < deadline:
            with self.cond:
                mine = [m for m in self.sent if m["chat_id"] == chat_id and not m.get("_seen")]
                if len(mine) >= count:
                    for m in mine:
                        m["_seen"] = True
                    return mine
            await asyncio.sleep(0.02)
        raise AssertionError(f"the bot sent {len(mine)} of {count} expected messages to chat {chat_id}")

    async def photo(self, wait: float = 10.0) -> dict:
        """Wait for the bot's first photo and return it."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.photos:
                return self.photos[0]
            await asyncio.sleep(0.05)
        assert self.photos, "the bot sent no photo"
        return self.photos[0]

    def inline_query(self, query: str, **kwargs: Any) -> str:
        """A user types `@bot query` in some chat; returns the query's id (see updates.inline_query)."""
        update = updates.inline_query(self.message_ids, query, **kwargs)
        self.push(update)
        return update["inline_query"]["id"]

    async def ask_inline(self, query: str, wait: float = 30.0, **kwargs: Any) -> dict:
        """A user types `@bot query`; the bot's answerInlineQuery parameters for it (results decoded)."""
        query_id = self.inline_query(query, **kwargs)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with self.cond:
                found = [a for a in self.inline_answers if a["inline_query_id"] == query_id]
            if found:
                return found[0]["params"]
            await asyncio.sleep(0.02)
        raise AssertionError(f"the bot did not answer the inline query {query!r}")

    def send_document(
        self,
        data: bytes,
        file_name: str | None,
        mime_type: str | None = None,
        file_size: int | None = -1,
        **kwargs: Any,
    ) -> dict:
        """A user sends a file (`file_size` as Telegram states it: the real size by default, None
        for none); returns the update (see updates.document_message for caption and chat)."""
        file_id = f"doc{next(self.message_ids)}"
        self.files[file_id] = data
        document: dict[str, Any] = {"file_id": file_id, "file_unique_id": file_id}
        if file_name is not None:
            document["file_name"] = file_name
        if mime_type is not None:
            document["mime_type"] = mime_type
        if file_size is not None:
            document["file_size"] = len(data) if file_size == -1 else file_size
        update = updates.document_message(self.message_ids, document, **kwargs)
        self.push(update)
        return update

    def forward(self, text: str, origin: dict, **kwargs: Any) -> None:
        """A user forwards a post to the bot (origin: updates.channel_origin or updates.user_origin)."""
        self.push(updates.forwarded(self.message_ids, text, origin, **kwargs))

    def methods(self) -> list[str]:
        return [name for name, _ in self.calls]

    # -- HTTP -----------------------------------------------------------------------------
    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?", 1)[0]
        prefix = f"/bot{TOKEN}/"
        files = f"/file/bot{TOKEN}/"
        if request.command == "GET" and unquote(path).startswith(files):  # File downloads quote the token's ":"
            self._serve_file(request, unquote(path).removeprefix(files))
            return
        if path.startswith(prefix):
            length = int(request.headers.get("content-length") or 0)
            raw = request.rfile.read(length) if length else b""
            status, payload = self.call(path[len(prefix) :], parse_params(raw, request.headers.get("content-type", "")))
        else:
            status, payload = error(401, "Unauthorized")
        data = json.dumps(payload).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _serve_file(self, request: BaseHTTPRequestHandler, file_path: str) -> None:
        data = self.download(file_path)
        request.send_response(200 if data is not None else 404)
        request.send_header("Content-Type", "application/octet-stream")
        request.send_header("Content-Length", str(len(data or b"")))
        request.end_headers()
        request.wfile.write(data or b"")


def parse_params(raw: bytes, content_type: str) -> dict:
    """A call's parameters: JSON, a form (JSON-encoded values decoded), or multipart with files as bytes."""
    if content_type.startswith("multipart/form-data"):
        return _parse_multipart(raw, content_type)
    if not raw:
        return {}
    if "json" in content_type:
        return json.loads(raw)
    params: dict[str, Any] = {}
    for key, values in parse_qs(raw.decode(), keep_blank_values=True).items():
        value = values[0]
        try:
            params[key] = json.loads(value) if value[:1] in "[{" else value
        except json.JSONDecodeError:
            params[key] = value
    return params


def _parse_multipart(raw: bytes, content_type: str) -> dict:
    message = BytesParser(policy=email.policy.default).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    )
    params: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        params[name] = payload if part.get_filename() else payload.decode()
    return params
