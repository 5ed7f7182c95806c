"""Russian articles (bot/nlp/russian.py): read with natasha, names in the nominative, so /who,
/status and /summarize answer about them whatever case the article or the user wrote a name in."""

from __future__ import annotations

import html
import re

from bot.commands import Commands
from bot.nlp.ru_query import normal_query
from bot.nlp.russian import analyze_russian
from bot.reply import CONSOLE
from tests.support.articles import store
from tests.support.telegram_html import assert_sendable

TALKS = "\n".join(
    [
        "Мишустин и Зеленский обсудили транзит газа",
        "",
        "Премьер-министр России Михаил Мишустин провел в Киеве переговоры с Владимиром Зеленским.",
        "«Мы готовы продлить договор о транзите газа еще на пять лет», — заявил Мишустин журналистам после встречи.",
        "Президент Украины Владимир Зеленский назвал переговоры трудными, но полезными.",
        "По словам Зеленского, Киев ждет от Москвы письменных гарантий до конца месяца.",
        "Следующая встреча пройдет в Минске в декабре, сообщили в правительстве.",
    ]
)

MINISTERS = "\n".join(
    [
        "Лавров прилетел в Анкару",
        "",
        "Сергей Лавров, министр иностранных дел России, прилетел в Анкару во вторник.",
        "Лаврова встретили в аэропорту представители турецкого МИД.",
        "— Мы рассчитываем на честный и открытый разговор с партнерами, — сказал Лавров журналистам. — "
        "Других вариантов нет.",
        "В Анкаре также находится делегация из Баку.",
    ]
)


async def ask(core: Commands, text: str) -> str:
    """The reply as a reader sees it: every message valid Telegram HTML, shown as plain text."""
    reply = await core.handle(text, caller=CONSOLE)
    for message in reply.messages:
        assert_sendable(message)
    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(reply.messages)))


def test_inflected_mentions_are_one_entity_named_in_the_nominative() -> None:
    (analysis,) = analyze_russian([TALKS.replace("\n\n", ".\n\n", 1)], [True])
    names = {entity.name: ref for ref, entity in analysis.entities.items()}
    assert {"Михаил Мишустин", "Владимир Зеленский", "Киев", "Минск"} <= set(names), names
    assert names["Киев"][1] == "GPE" and names["Михаил Мишустин"][1] == "PERSON"
    # "с Владимиром Зеленским", "Владимир Зеленский", "Зеленского": one person, mentioned three times
    # (and once in the headline, by surname).
    surfaces = [surface for ref, _, surface in analysis.mentions if ref == names["Владимир Зеленский"]]
    assert {"Владимиром Зеленским", "Владимир Зеленский", "Зеленского"} <= set(surfaces), surfaces
    assert not any(
        entity.name in {"Зеленского", "Владимиром Зеленским", "Киеве"} for entity in analysis.entities.values()
    )


async def test_who_on_a_surname_in_any_case_answers_the_full_name_and_the_role_before_it(core: Commands) -> None:
    await store(core.services, [TALKS])
    for query in ("Зеленский", "Зеленского", "Зеленским"):
        answer = await ask(core, f"/who {query}")
        assert answer.startswith("Владимир Зеленский — президент Украины"), (query, answer)
    answer = await ask(core, "/who Мишустина")
    assert answer.startswith("Михаил Мишустин — премьер-министр России"), answer


async def test_a_quote_in_russian_quotation_marks_is_attributed_to_its_speaker(core: Commands) -> None:
    await store(core.services, [TALKS])
    answer = await ask(core, "/who Мишустин")
    said = answer.split("Said", 1)[1]
    assert "Мы готовы продлить договор о транзите газа еще на пять лет" in said, answer
    # Zelensky's words reported with "По словам Зеленского" are his, not Mishustin's.
    assert "письменных гарантий" not in said
    zelensky = (await ask(core, "/who Зеленский")).split("Said", 1)[1]
    assert "По словам Зеленского, Киев ждет от Москвы письменных гарантий до конца месяца." in zelensky


async def test_status_on_a_place_typed_in_the_locative_finds_it(core: Commands) -> None:
    await store(core.services, [TALKS, MINISTERS], outlets=["Вести", "Коммерсант"])
    answer = await ask(core, "/status Киеве")
    assert answer.startswith("Киев — place"), answer
    assert "Киев ждет от Москвы письменных гарантий до конца месяца" in answer
    assert "Вести" in answer and "Коммерсант" not in answer
    assert (await ask(core, "/status в Анкаре")).startswith("Анкара — place")


async def test_summarize_returns_whole_russian_sentences(core: Commands) -> None:
    report = await store(core.services, [TALKS])
    answer = await ask(core, f"/summarize 4 {report.new[0].id}")
    bullets = [line.removeprefix("• ") for line in answer.splitlines() if line.startswith("• ")]
    body = TALKS.split("\n", 2)[2].splitlines()
    assert len(bullets) == 4 and all(bullet in body for bullet in bullets), bullets


async def test_apposition_and_dash_speech_give_the_role_and_the_quote(core: Commands) -> None:
    await store(core.services, [MINISTERS])
    answer = await ask(core, "/who Лаврова")
    assert answer.startswith("Сергей Лавров — министр иностранных дел России"), answer
    said = answer.split("Said", 1)[1]
    assert "Мы рассчитываем на честный и открытый разговор с партнерами. Других вариантов нет." in said, answer


def test_queries_are_put_in_the_nominative_up_to_the_head_noun() -> None:
    assert normal_query("Зеленского") == "Зеленский"
    assert normal_query("Киеве") == "Киев"
    assert normal_query("Сергея Лаврова") == "Сергей Лавров"
    assert normal_query("Московской области") == "Московская область"
    # Genitives after the head stay: "МИД России" is not "МИД Россия".
    assert normal_query("Министерства обороны России") == "Министерство обороны России"
    assert normal_query("в Киеве") == "Киев"
    assert normal_query("Lavrov") == "Lavrov"
