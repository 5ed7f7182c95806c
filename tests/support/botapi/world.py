"""Telegram's side of the fake Bot API: chats, members, what the bot sent, and how Telegram answers each method."""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from tests.support.botapi.entities import from_html
from tests.support.telegram_html import CAPTION_LIMIT, MESSAGE_LIMIT, TelegramHTMLError, check_telegram_html

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
ADMIN_RIGHTS = (
    "can_be_edited is_anonymous can_manage_chat can_delete_messages can_manage_video_chats "
    "can_restrict_members can_promote_members can_change_info can_invite_users can_post_stories "
    "can_edit_stories can_delete_stories can_post_messages can_edit_messages"
).split()
Answer = tuple[int, dict]
GET_FILE_LIMIT = 20_000_000  # the largest file getFile serves a bot
INLINE_RESULTS_LIMIT = 50
START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")


def ok(result: object) -> Answer:
    return 200, {"ok": True, "result": result}


def error(status: int, description: str, **parameters: object) -> Answer:
    payload: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        payload["parameters"] = parameters
    return status, payload


class World:
    """Who is what in which chat, which chats exist by name, who blocked the bot, flood control,
    the updates waiting for the bot, and everything the bot called and sent."""

    def __init__(self) -> None:
        self.updates: list[dict] = []
        self.calls: list[tuple[str, dict]] = []
        self.sent: list[dict] = []
        self.rejected: list[tuple[dict, str]] = []  # messages Telegram refused (bad HTML, too long)
        self.mistakes: list[str] = []  # calls Telegram refuses for their form: unknown methods, missing params
        self.photos: list[dict] = []
        self.files: dict[str, bytes] = {}  # file_id -> the file a user sent (getFile, then download)
        self.downloads: list[str] = []  # file paths the bot downloaded
        self.inline_answers: list[dict] = []  # answerInlineQuery calls Telegram accepted
        self.edits: list[dict] = []  # edits of the bot's messages Telegram accepted
        # Each message the bot sent, as shown now (edits applied): its HTML text or caption and buttons.
        self.shown: dict[tuple[int, int], dict] = {}
        self.members: dict[tuple[int, int], str] = {}
        self.chats: dict[str, dict] = {}
        self.blocked: set[int] = set()
        self.flood_limit: tuple[float, float] | None = None  # (messages/s overall, per chat)
        self.storm = 0  # answer the next N sendMessage calls with 429
        self.too_many = 0  # 429s answered
        self.too_many_at: list[float] = []
        self.message_ids = itertools.count(1000)
        self.cond = threading.Condition()
        self._update_ids = itertools.count(1)
        self._sends: list[tuple[float, int]] = []

    def push(self, update: dict) -> None:
        """An update for the bot's next getUpdates."""
        with self.cond:
            update["update_id"] = next(self._update_ids)
            self.updates.append(update)
            self.cond.notify_all()

    def call(self, method: str, params: dict) -> Answer:
        """Answer a Bot API call as Telegram would; a call Telegram would refuse for its form fails loudly."""
        self.calls.append((method, params))
        spec = METHODS.get(method)
        if spec is None:
            self.mistakes.append(f"unknown method {method}")
            return error(404, f"Not Found: the fake Bot API has no method {method}")
        required, answer = spec
        missing = [name for name in required if params.get(name) in (None, "")]
        if missing:
            self.mistakes.append(f"{method} without {', '.join(missing)}")
            return error(400, f"Bad Request: {missing[0]} is required")
        return answer(self, params)

    # -- the methods ----------------------------------------------------------------------
    def get_updates(self, params: dict) -> Answer:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        with self.cond:
            while True:
                pending = [u for u in self.updates if u["update_id"] >= offset]
                remaining = deadline - time.monotonic()
                if pending or remaining <= 0:
                    return ok(pending)
                self.cond.wait(remaining)

    def send_message(self, params: dict) -> Answer:
        text = str(params.get("text", ""))
        if not text.strip():
            return error(400, "Bad Request: message text is empty")
        if len(text) > MESSAGE_LIMIT:
            self.rejected.append((params, "too long"))
            return error(400, "Bad Request: message is too long")
        refused = self._refused_html(params, text)
        if refused:
            return refused
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            return error(403, "Forbidden: bot was blocked by the user")
        with self.cond:
            wait = self._flooded(chat_id)
            if wait is not None:
                self.too_many += 1
                self.too_many_at.append(time.monotonic())
                return error(429, "Too Many Requests", retry_after=int(wait))
            message = self._bot_message(chat_id, text=text)
            self.sent.append(
                {
                    "chat_id": chat_id,
                    "text": text,
                    "params": params,
                    "at": time.monotonic(),
                    "message_id": message["message_id"],
                }
            )
            self._show(message, "text", text, params)
        return ok(message)

    def send_photo(self, params: dict) -> Answer:
        photo, caption = params.get("photo"), str(params.get("caption", ""))
        if not isinstance(photo, bytes) or not photo.startswith(b"\x89PNG"):
            return error(400, "Bad Request: photo is not an image")
        if len(caption) > CAPTION_LIMIT:
            return error(400, "Bad Request: message caption is too long")
        refused = self._refused_html(params, caption) if caption else None
        if refused:
            return refused
        chat_id = int(params["chat_id"])
        with self.cond:
            size = {"file_id": "p1", "file_unique_id": "p1", "width": 640, "height": 260}
            message = self._bot_message(chat_id, photo=[size], caption=caption)
            self.photos.append(
                {
                    "chat_id": chat_id,
                    "caption": caption,
                    "photo": photo,
                    "params": params,
                    "message_id": message["message_id"],
                }
            )
            self._show(message, "caption", caption, params)
        return ok(message)

    def get_chat(self, params: dict) -> Answer:
        found = self.chats.get(str(params.get("chat_id")))
        if found is None:
            return error(400, "Bad Request: chat not found")
        return ok({"accent_color_id": 0, "max_reaction_count": 11, **found})

    def get_chat_member(self, params: dict) -> Answer:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        status = self.members.get((chat_id, user_id), "member")
        user = BOT_USER if user_id == BOT_USER["id"] else {"id": user_id, "is_bot": False, "first_name": "U"}
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "administrator":
            member.update({right: True for right in ADMIN_RIGHTS})
        elif status == "creator":
            member["is_anonymous"] = False
        elif status == "kicked":
            member["until_date"] = 0
        return ok(member)

    def answer_inline_query(self, params: dict) -> Answer:
        """Inline results as Telegram checks them: at most 50, unique ids, an article's title and
        message (4096 characters, valid HTML), a button's start parameter."""
        results = params["results"]
        if not isinstance(results, list) or len(results) > INLINE_RESULTS_LIMIT:
            return error(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [str(result.get("id", "")) for result in results]
        if any(not 0 < len(i.encode()) <= 64 for i in ids):
            return error(400, "Bad Request: RESULT_ID_INVALID")
        if len(set(ids)) != len(ids):
            return error(400, "Bad Request: RESULT_ID_DUPLICATE")
        for result in results:
            if result.get("type") != "article":  # the only kind the fake knows
                return error(400, f"Bad Request: unsupported result type {result.get('type')}")
            content = result.get("input_message_content") or {}
            text = str(content.get("message_text", ""))
            if not str(result.get("title", "")).strip():
                return error(400, "Bad Request: RESULT_TITLE_EMPTY")
            if not text.strip():
                return error(400, "Bad Request: MESSAGE_EMPTY")
            if len(text) > MESSAGE_LIMIT:
                self.rejected.append((params, "too long"))
                return error(400, "Bad Request: MESSAGE_TOO_LONG")
            refused = self._refused_html(content, text)
            if refused:
                return refused
        button = params.get("button")
        if button is not None and not (
            str(button.get("text", "")).strip() and START_PARAMETER.fullmatch(str(button.get("start_parameter", "")))
        ):
            return error(400, "Bad Request: START_PARAM_INVALID")
        with self.cond:
            self.inline_answers.append({"inline_query_id": str(params["inline_query_id"]), "params": params})
        return ok(True)

    def get_file(self, params: dict) -> Answer:
        """A File to download, as Telegram gives bots files up to 20 MB."""
        file_id = str(params["file_id"])
        data = self.files.get(file_id)
        if data is None:
            return error(400, "Bad Request: invalid file_id")
        if len(data) > GET_FILE_LIMIT:
            return error(400, "Bad Request: file is too big")
        path = f"documents/{file_id}"
        return ok({"file_id": file_id, "file_unique_id": file_id, "file_size": len(data), "file_path": path})

    def download(self, file_path: str) -> bytes | None:
        """The bytes at a file path getFile gave, or None."""
        file_id = file_path.removeprefix("documents/")
        if not file_path.startswith("documents/") or file_id not in self.files:
            return None
        with self.cond:
            self.downloads.append(file_path)
        return self.files[file_id]

    def edit_message(self, params: dict, part: str | None) -> Answer:
        """editMessageText (`part` "text"), editMessageCaption ("caption") or editMessageReplyMarkup
        (None): the message as shown, changed; the buttons go unless the edit names them again. Refused
        as Telegram refuses it: a message it cannot find, an edit that changes nothing."""
        if params.get("inline_message_id"):  # a message sent through inline mode: not tracked here
            return ok(True)
        key = (int(params.get("chat_id") or 0), int(params.get("message_id") or 0))
        with self.cond:
            before = self.shown.get(key)
        if before is None:
            return error(400, "Bad Request: message to edit not found")
        after = {**before, "reply_markup": params.get("reply_markup") or None}
        if part is not None:
            if before["part"] != part:
                return error(400, f"Bad Request: there is no {part} in the message to edit")
            html = str(params.get(part, ""))
            if len(html) > (MESSAGE_LIMIT if part == "text" else CAPTION_LIMIT):
                self.rejected.append((params, "too long"))
                return error(400, f"Bad Request: message {part} is too long")
            refused = self._refused_html(params, html)
            if refused:
                return refused
            after["html"] = html
        if after == before:
            return error(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message",
            )
        with self.cond:
            self.shown[key] = after
            self.edits.append({"chat_id": key[0], "message_id": key[1], "part": part, "params": params})
        return ok(self.as_shown(*key))

    def as_shown(self, chat_id: int, message_id: int) -> dict:
        """A message of the bot's as Telegram hands it back (in a button press): its text or caption
        as plain text and entities, and its buttons."""
        shown = self.shown[(chat_id, message_id)]
        text, entities = from_html(shown["html"])
        message = {**shown["message"], shown["part"]: text}
        if entities:
            message["entities" if shown["part"] == "text" else "caption_entities"] = entities
        if shown["reply_markup"]:
            message["reply_markup"] = shown["reply_markup"]
        return message

    def _show(self, message: dict, part: str, html: str, params: dict) -> None:
        base = {key: value for key, value in message.items() if key != part}
        self.shown[(message["chat"]["id"], message["message_id"])] = {
            "message": base,
            "part": part,
            "html": html,
            "reply_markup": params.get("reply_markup") or None,
        }

    # -- Telegram's rules -----------------------------------------------------------------
    def _refused_html(self, params: dict, text: str) -> Answer | None:
        if params.get("parse_mode") != "HTML":
            return None
        try:
            check_telegram_html(text)
        except TelegramHTMLError as exc:
            self.rejected.append((params, str(exc)))
            return error(400, f"Bad Request: can't parse entities: {exc}")
        return None

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

    def _bot_message(self, chat_id: int, **content: Any) -> dict:
        """The Message object Telegram returns for something the bot sent."""
        return {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            **content,
        }


def _true(world: World, params: dict) -> Answer:
    return ok(True)


# The methods the bot may call, each with the parameters Telegram requires of it.
METHODS: dict[str, tuple[tuple[str, ...], Callable[[World, dict], Answer]]] = {
    "getMe": ((), lambda world, params: ok(BOT_USER)),
    "getUpdates": ((), World.get_updates),
    "sendMessage": (("chat_id", "text"), World.send_message),
    "sendPhoto": (("chat_id", "photo"), World.send_photo),
    "getChat": (("chat_id",), World.get_chat),
    "getChatMember": (("chat_id", "user_id"), World.get_chat_member),
    "getFile": (("file_id",), World.get_file),
    "sendChatAction": (("chat_id", "action"), _true),
    "answerCallbackQuery": (("callback_query_id",), _true),
    "editMessageText": (("text",), lambda world, params: world.edit_message(params, "text")),
    "editMessageCaption": ((), lambda world, params: world.edit_message(params, "caption")),
    "editMessageReplyMarkup": ((), lambda world, params: world.edit_message(params, None)),
    "answerInlineQuery": (("inline_query_id", "results"), World.answer_inline_query),
    "setMyCommands": (("commands",), _true),
    "deleteMyCommands": ((), _true),
    "setWebhook": (("url",), _true),
    "deleteWebhook": ((), _true),
}
