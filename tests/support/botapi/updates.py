"""Updates as Telegram sends them: a user's message or command, a button press, the bot removed from a chat."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from tests.support.botapi.world import BOT_USER

ANN = {"id": 42, "is_bot": False, "first_name": "Ann"}


def chat(chat_id: int, chat_type: str = "private", title: str = "Group") -> dict:
    named = {"first_name": "Ann"} if chat_type == "private" else {"title": title}
    return {"id": chat_id, "type": chat_type, **named}


def user(user_id: int, language_code: str | None = None) -> dict:
    """A user; `language_code` as their Telegram app is set ("ru"), absent when None."""
    return {**ANN, "id": user_id, **({"language_code": language_code} if language_code else {})}


def message(
    ids: Iterator[int],
    text: str,
    chat_id: int = 42,
    chat_type: str = "private",
    reply_to_text: str | None = None,
    user_id: int = 42,
    thread_id: int | None = None,
    language_code: str | None = None,
) -> dict:
    """A user's message; one starting with "/" carries the bot_command entity Telegram adds."""
    sent: dict[str, Any] = {
        "message_id": next(ids),
        "date": int(time.time()),
        "chat": chat(chat_id, chat_type),
        "from": user(user_id, language_code),
        "text": text,
    }
    if thread_id is not None:  # a forum supergroup's topic
        sent["chat"]["is_forum"] = True
        sent["message_thread_id"] = thread_id
        sent["is_topic_message"] = True
    if text.startswith("/"):
        length = len(text.split()[0]) if text.split() else 1
        sent["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    if reply_to_text is not None:
        sent["reply_to_message"] = {
            "message_id": next(ids),
            "date": int(time.time()),
            "chat": sent["chat"],
            "from": {"id": 7, "is_bot": False, "first_name": "Bob"},
            "text": reply_to_text,
        }
    return {"message": sent}


def button_press(
    ids: Iterator[int],
    data: str,
    chat_id: int = 42,
    user_id: int = 42,
    chat_type: str = "private",
    message: dict | None = None,
    language_code: str | None = None,
) -> dict:
    """A user presses an inline button with this callback data, under a message of the bot's
    (`message`, as Telegram shows it; by default one the bot cannot edit)."""
    return {
        "callback_query": {
            "id": str(next(ids)),
            "chat_instance": "1",
            "data": data,
            "from": user(user_id, language_code),
            "message": message
            or {
                "message_id": next(ids),
                "date": int(time.time()),
                "chat": chat(chat_id, chat_type),
                "from": BOT_USER,
                "text": "Which one?",
            },
        }
    }


def bot_removed(chat_id: int, chat_type: str = "group", status: str = "kicked") -> dict:
    """The my_chat_member update Telegram sends when the bot is removed or blocked."""
    return {
        "my_chat_member": {
            "chat": chat(chat_id, chat_type, title="G"),
            "from": ANN,
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": BOT_USER},
            "new_chat_member": {
                "status": status,
                "user": BOT_USER,
                **({"until_date": 0} if status == "kicked" else {}),
            },
        }
    }


def inline_query(ids: Iterator[int], query: str, user_id: int = 42, chat_type: str = "sender") -> dict:
    """A user types `@bot query` in a chat (`chat_type` of the chat it is typed in)."""
    return {
        "inline_query": {
            "id": str(next(ids)),
            "from": user(user_id),
            "query": query,
            "offset": "",
            "chat_type": chat_type,
        }
    }


def document_message(
    ids: Iterator[int],
    file: dict,
    caption: str | None = None,
    chat_id: int = 42,
    chat_type: str = "private",
    user_id: int = 42,
) -> dict:
    """A user sends a file (`file` is the Document object: file_id, file_name, mime_type, file_size)."""
    sent: dict[str, Any] = {
        "message_id": next(ids),
        "date": int(time.time()),
        "chat": chat(chat_id, chat_type),
        "from": user(user_id),
        "document": file,
    }
    if caption is not None:
        sent["caption"] = caption
        if caption.startswith("/"):
            sent["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": len(caption.split()[0])}]
    return {"message": sent}


def replying_to(ids: Iterator[int], text: str, replied: dict, chat_id: int = 42, chat_type: str = "private") -> dict:
    """A user's message (a command, say) in reply to `replied`, a message as document_message makes it."""
    update = message(ids, text, chat_id=chat_id, chat_type=chat_type)
    update["message"]["reply_to_message"] = replied["message"]
    return update


def channel_origin(title: str, username: str | None, post_id: int, date: int, channel_id: int = -1001234567890) -> dict:
    """Where a forwarded channel post comes from (a private channel has no username)."""
    channel: dict[str, Any] = {"id": channel_id, "type": "channel", "title": title}
    if username:
        channel["username"] = username
    return {"type": "channel", "chat": channel, "message_id": post_id, "date": date}


def user_origin(first_name: str, date: int, user_id: int = 77) -> dict:
    """A forwarded message of a person's who lets forwards name them."""
    return {"type": "user", "sender_user": {"id": user_id, "is_bot": False, "first_name": first_name}, "date": date}


def forwarded(
    ids: Iterator[int], text: str, origin: dict, chat_id: int = 42, user_id: int = 42, as_caption: bool = False
) -> dict:
    """A user forwards a post to the bot: its text (or a photo's caption) and where it came from."""
    sent: dict[str, Any] = {
        "message_id": next(ids),
        "date": int(time.time()),
        "chat": chat(chat_id),
        "from": user(user_id),
        "forward_origin": origin,
    }
    if as_caption:
        sent["photo"] = [{"file_id": "ph1", "file_unique_id": "ph1", "width": 90, "height": 60}]
        sent["caption"] = text
    else:
        sent["text"] = text
    return {"message": sent}
