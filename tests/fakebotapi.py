"""A fake Telegram Bot API server on 127.0.0.1, strict about what Telegram rejects.

python-telegram-bot talks to it through `base_url`, exactly as it talks to Telegram:
getUpdates long polling, sendMessage, setMyCommands, answerCallbackQuery, ...
"""

from __future__ import annotations

import asyncio
import email.policy
import itertools
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.parser import BytesParser
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

TOKEN = "123456:TEST-token-not-real"
BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "newsbrief",
    "username": "newsbrief_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# The tags Telegram's HTML parse mode accepts.
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}


class TelegramHTMLError(ValueError):
    pass


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in ALLOWED_TAGS:
            raise TelegramHTMLError(f'Unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            raise TelegramHTMLError(f'Unexpected end tag "{tag}"')

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            raise TelegramHTMLError(f"Unsupported entity &{name};")


def check_telegram_html(text: str) -> None:
    """Raise like Telegram does for text it cannot parse in HTML mode."""
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise TelegramHTMLError(f'Can\'t find end tag corresponding to start tag "{checker.stack[-1]}"')
    # A bare "<" or "&" that is not markup is rejected by Telegram as well.
    stripped = text
    for tag in ALLOWED_TAGS:
        stripped = stripped.replace(f"</{tag}>", "")
    stripped = re.sub(r"<(" + "|".join(map(re.escape, ALLOWED_TAGS)) + r")(\s[^>]*)?>", "", stripped)
    if "<" in stripped or ">" in stripped:
        raise TelegramHTMLError("Unexpected < or > in text")
    if re.search(r"&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", stripped):
        raise TelegramHTMLError("Unescaped & in text")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A long poll cut short by the bot's shutdown is normal, not an error.
        pass


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """An HTTP server for the handler on 127.0.0.1, in a thread; yields its base URL."""
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


class FakeBotAPI:
    def __init__(self) -> None:
        self.updates: list[dict] = []
        self.calls: list[tuple[str, dict]] = []
        self.sent: list[dict] = []
        self.rejected: list[tuple[dict, str]] = []
        self.photos: list[dict] = []
        # Telegram's side of the world: who is what in which chat, which chats exist by name,
        # who blocked the bot, and flood control.
        self.members: dict[tuple[int, int], str] = {}
        self.chats: dict[str, dict] = {}
        self.blocked: set[int] = set()
        self.flood_limit: tuple[float, float] | None = None  # (messages/s overall, per chat)
        self.storm = 0  # answer the next N sendMessage calls with 429
        self.too_many = 0  # 429s answered
        self.too_many_at: list[float] = []
        self._sends: list[tuple[float, int]] = []
        self._cond = threading.Condition()
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._server = QuietServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle ------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/bot"

    def start(self) -> FakeBotAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what tests do --------------------------------------------------------------------
    def push(self, update: dict) -> None:
        with self._cond:
            update["update_id"] = next(self._ids)
            self.updates.append(update)
            self._cond.notify_all()

    def user_message(
        self,
        text: str,
        chat_id: int = 42,
        chat_type: str = "private",
        reply_to_text: str | None = None,
        user_id: int = 42,
        thread_id: int | None = None,
    ) -> None:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {
                "id": chat_id,
                "type": chat_type,
                **({"first_name": "Ann"} if chat_type == "private" else {"title": "Group"}),
            },
            "from": {"id": user_id, "is_bot": False, "first_name": "Ann"},
            "text": text,
        }
        if thread_id is not None:  # a forum supergroup's topic
            message["chat"]["is_forum"] = True
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        if text.startswith("/"):
            length = len(text.split()[0]) if text.split() else 1
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if reply_to_text is not None:
            message["reply_to_message"] = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": message["chat"],
                "from": {"id": 7, "is_bot": False, "first_name": "Bob"},
                "text": reply_to_text,
            }
        self.push({"message": message})

    def bot_removed(self, chat_id: int, chat_type: str = "group", status: str = "kicked") -> None:
        """The my_chat_member update Telegram sends when the bot is removed or blocked."""
        chat = {
            "id": chat_id,
            "type": chat_type,
            **({"first_name": "Ann"} if chat_type == "private" else {"title": "G"}),
        }
        self.push(
            {
                "my_chat_member": {
                    "chat": chat,
                    "from": {"id": 42, "is_bot": False, "first_name": "Ann"},
                    "date": int(time.time()),
                    "old_chat_member": {"status": "member", "user": BOT_USER},
                    "new_chat_member": {
                        "status": status,
                        "user": BOT_USER,
                        **({"until_date": 0} if status == "kicked" else {}),
                    },
                }
            }
        )

    def press_button(self, data: str, chat_id: int = 42, user_id: int = 42, chat_type: str = "private") -> None:
        """A user presses an inline button with this callback data, under a message of the bot's."""
        named = {"first_name": "Ann"} if chat_type == "private" else {"title": "Group"}
        chat = {"id": chat_id, "type": chat_type, **named}
        self.push(
            {
                "callback_query": {
                    "id": str(next(self._message_ids)),
                    "chat_instance": "1",
                    "data": data,
                    "from": {"id": user_id, "is_bot": False, "first_name": "Ann"},
                    "message": {
                        "message_id": next(self._message_ids),
                        "date": int(time.time()),
                        "chat": chat,
                        "from": BOT_USER,
                        "text": "Which one?",
                    },
                }
            }
        )

    async def replies(self, chat_id: int = 42, count: int = 1, wait: float = 60.0) -> list[dict]:
        """Wait for `count` messages sent to chat_id since the last call; return them."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with self._cond:
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

    def methods(self) -> list[str]:
        return [name for name, _ in self.calls]

    # -- the API --------------------------------------------------------------------------
    def _answer(self, method: str, params: dict) -> tuple[int, dict]:
        self.calls.append((method, params))
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        if method == "sendMessage":
            return self._send_message(params)
        if method == "sendPhoto":
            return self._send_photo(params)
        if method == "getChatMember":
            return self._chat_member(params)
        if method == "getChat":
            found = self.chats.get(str(params.get("chat_id")))
            if found is None:
                return 400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
            return 200, {"ok": True, "result": {"accent_color_id": 0, "max_reaction_count": 11, **found}}
        return 200, {"ok": True, "result": True}

    def _send_photo(self, params: dict) -> tuple[int, dict]:
        photo, caption = params.get("photo"), str(params.get("caption", ""))
        if not isinstance(photo, bytes) or not photo.startswith(b"\x89PNG"):
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: photo is not an image"}
        if len(caption) > 1024:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message caption is too long"}
        if caption and params.get("parse_mode") == "HTML":
            try:
                check_telegram_html(caption)
            except TelegramHTMLError as exc:
                self.rejected.append((params, str(exc)))
                return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: can't parse entities: {exc}"}
        chat_id = int(params["chat_id"])
        with self._cond:
            self.photos.append({"chat_id": chat_id, "caption": caption, "photo": photo, "params": params})
        size = {"file_id": "p1", "file_unique_id": "p1", "width": 640, "height": 260}
        return 200, {"ok": True, "result": self._bot_message(chat_id, photo=[size], caption=caption)}

    def _chat_member(self, params: dict) -> tuple[int, dict]:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        status = self.members.get((chat_id, user_id), "member")
        user = BOT_USER if user_id == BOT_USER["id"] else {"id": user_id, "is_bot": False, "first_name": "U"}
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "administrator":
            rights = (
                "can_be_edited is_anonymous can_manage_chat can_delete_messages can_manage_video_chats "
                "can_restrict_members can_promote_members can_change_info can_invite_users can_post_stories "
                "can_edit_stories can_delete_stories can_post_messages can_edit_messages"
            )
            member.update({right: True for right in rights.split()})
        elif status == "creator":
            member["is_anonymous"] = False
        elif status == "kicked":
            member["until_date"] = 0
        return 200, {"ok": True, "result": member}

    def _flooded(self, chat_id: int) -> float | None:
        """Seconds to wait if this message breaks flood control, as Telegram answers 429."""
        now = time.monotonic()
        if self.storm > 0:
            self.storm -= 1
            return 1.0
        if self.flood_limit is None:
            return None
        overall, per_chat = self.flood_limit
        self._sends = [(t, c) for t, c in self._sends if now - t < 1.0]
        if len(self._sends) >= overall or sum(1 for _, c in self._sends if c == chat_id) >= per_chat:
            return 1.0
        self._sends.append((now, chat_id))
        return None

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.monotonic() + wait
        with self._cond:
            while True:
                pending = [u for u in self.updates if u["update_id"] >= offset]
                remaining = deadline - time.monotonic()
                if pending or remaining <= 0:
                    return pending
                self._cond.wait(remaining)

    def _send_message(self, params: dict) -> tuple[int, dict]:
        text = str(params.get("text", ""))
        if not text.strip():
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"}
        if len(text) > 4096:
            self.rejected.append((params, "too long"))
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"}
        if params.get("parse_mode") == "HTML":
            try:
                check_telegram_html(text)
            except TelegramHTMLError as exc:
                self.rejected.append((params, str(exc)))
                return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: can't parse entities: {exc}"}
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
        with self._cond:
            wait = self._flooded(chat_id)
            if wait is not None:
                self.too_many += 1
                self.too_many_at.append(time.monotonic())
                retry = {"retry_after": int(wait)}
                return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests", "parameters": retry}
        record = {"chat_id": chat_id, "text": text, "params": params, "at": time.monotonic()}
        with self._cond:
            self.sent.append(record)
        return 200, {"ok": True, "result": self._bot_message(chat_id, text=text)}

    def _bot_message(self, chat_id: int, **content: Any) -> dict:
        """The Message object Telegram returns for something the bot sent."""
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            **content,
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                self._serve()

            def do_GET(self) -> None:
                self._serve()

            def _serve(self) -> None:
                path = self.path.split("?", 1)[0]
                prefix = f"/bot{TOKEN}/"
                if not path.startswith(prefix):
                    self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                    return
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                content_type = self.headers.get("content-type", "")
                if content_type.startswith("multipart/form-data"):
                    params = _parse_multipart(raw, content_type)
                else:
                    params = _parse(raw.decode(), content_type)
                status, payload = api._answer(path[len(prefix) :], params)
                self._reply(status, payload)

            def _reply(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def _parse_multipart(raw: bytes, content_type: str) -> dict:
    """Uploads (sendPhoto): files as bytes, other fields as text."""
    message = BytesParser(policy=email.policy.default).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    )
    params: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        params[name] = payload if part.get_filename() else payload.decode()
    return params


def _parse(body: str, content_type: str) -> dict:
    if not body:
        return {}
    if "json" in content_type:
        return json.loads(body)
    params: dict[str, Any] = {}
    for key, values in parse_qs(body, keep_blank_values=True).items():
        value = values[0]
        try:
            params[key] = json.loads(value) if value[:1] in "[{" else value
        except json.JSONDecodeError:
            params[key] = value
    return params
