"""The Russian /who and /status benchmark scores replies as bench/labels/RU_RULES.md says, in either
interface language (made-up people and places, not the labels)."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.ru_eval import score_status, score_who
from bot.i18n import _, using
from bot.render import replies
from bot.render.html import bold
from bot.reply import Choice, Reply
from domain.entities import Cited

PERSON = {
    "query": "Семенов",
    "meant": "Петр Семенов",
    "names": ["Петр Семенов"],
    "roles": ["тренер зенита", "главный тренер зенита"],
}
AMBIGUOUS = {"query": "Орлова", "meant": "ambiguous", "offer": ["Анна Орлова", "Мария Орлова"]}
NEWEST = {"published": "2021-05-18T15:00:00Z", "source": "Ria.ru", "url": "https://ria.ru/1"}
SAME_DAY = {"published": "2021-05-18T09:00:00Z", "source": "Lenta", "url": "https://lenta.ru/2"}
PLACE = {
    "query": "Киев",
    "latest_day": "2021-05-18",
    "newest": [NEWEST],
    "latest_day_items": [NEWEST, SAME_DAY],
}


def answer(name: str, role: str, *also: str) -> Reply:
    choices = [Choice(f"{other} (человек, 1 статья)", f"/who {other}") for other in also]
    return Reply.of(f"{bold(name)} — {role}", "Упоминается в 3 статьях.", choices=choices)


def russian(message: str, query: str, *names: str) -> Reply:
    """A reply in the Russian interface, worded by the bot's own catalog."""
    with using("ru"):
        text = _(message).format(name=bold(query), words=query)
    return Reply.of(text, choices=[Choice(f"{n} (человек, 2 статьи)", f"/who {n}") for n in names])


def line(day: str, text: str, source: str, url: str | None, article_id: int) -> Cited:
    return Cited(text, datetime.fromisoformat(day).replace(tzinfo=UTC), article_id, "Заголовок", source, url)


def status(name: str, *lines: Cited) -> Reply:
    return Reply.of(*replies.status(name, "GPE", len(lines), lines[0].published_at if lines else None, list(lines)))


def test_a_direct_answer_is_compared_with_yo_as_ye_and_quotes_dropped() -> None:
    assert score_who(PERSON, answer("Пётр Семёнов", "Главный тренер «Зенита»", "Ольга Семенова"))[0] is None
    assert score_who(PERSON, answer("Петр Семенов", 'тренер "Зенита"'))[0] is None


def test_wrong_person_role_and_nothing_read_are_told_apart_in_both_languages() -> None:
    assert score_who(PERSON, answer("Петра Семенова", "тренер «Зенита»"))[0] == "wrong person"
    assert score_who(PERSON, answer("Петр Семенов", "человек"))[0] == "role missing or wrong"
    message = "I have not read about {name} yet. Try /search {words}, or send me an article with /ingest."
    assert score_who(PERSON, russian(message, "Семенов"))[0] == "no answer"
    assert score_who(PERSON, Reply.of(message.format(name="Семенов", words="Семенов")))[0] == "no answer"


def test_asking_which_one_in_russian_is_a_choice() -> None:
    dominated = russian("Which {name} do you mean?", "Семенов", "Петр Семенов", "Ольга Семенова")
    assert score_who(PERSON, dominated)[0] == "choice instead of answer"
    offered = russian("Which {name} do you mean?", "Орлова", "Анна Орлова", "Мария Орлова", "Ирина Орлова")
    assert score_who(AMBIGUOUS, offered)[0] is None
    assert score_who(AMBIGUOUS, russian("Which {name} do you mean?", "Орлова", "Анна Орлова"))[0] == (
        "bearer missing from choices"
    )
    assert score_who(AMBIGUOUS, answer("Анна Орлова", "министр"))[0] == "ambiguous not offered"


def test_status_is_right_when_named_newest_first_and_citing_the_latest_day() -> None:
    reply = status(
        "Киев",
        line("2021-05-18", "В Киеве прошел митинг.", "Ria.ru", "https://ria.ru/1", 7),
        line("2021-05-12", "Киев ответил.", "Lenta", "https://lenta.ru/9", 3),
    )
    assert score_status(PLACE, reply)[:2] == (None, True)


def test_the_stricter_figure_wants_the_newest_item_itself() -> None:
    reply = status("Киев", line("2021-05-18", "Утром в Киеве.", "Lenta", "https://lenta.ru/2", 4))
    assert score_status(PLACE, reply)[:2] == (None, False)


def test_each_status_error_is_told_apart() -> None:
    newest = line("2021-05-18", "В Киеве прошел митинг.", "Ria.ru", "https://ria.ru/1", 7)
    older = line("2021-05-12", "Киев ответил.", "Lenta", "https://lenta.ru/9", 3)
    assert score_status(PLACE, status("Киеве", newest))[0] == "place not named"
    assert score_status(PLACE, status("Киев", older, newest))[0] == "not newest first"
    assert score_status(PLACE, status("Киев", older))[0] == "first item not from the latest day"
    other = line("2021-05-18", "В Киеве тоже.", "Rbc", "https://rbc.ru/5", 8)
    assert score_status(PLACE, status("Киев", other))[0] == "source not one of that day's items"
    unlinked = line("2021-05-18", "В Киеве.", "Lenta", None, 4)
    assert score_status(PLACE, status("Киев", unlinked))[0] is None
    nothing = russian("I have not read about {name} yet.", "Киев")
    assert score_status(PLACE, nothing)[0] == "nothing found"
