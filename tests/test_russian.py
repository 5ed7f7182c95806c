"""Russian articles (bot/nlp/russian.py): read with natasha, names in the nominative, so /who,
/status and /summarize answer about them whatever case the article or the user wrote a name in."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from bot.commands import Commands
from bot.nlp.ru_query import normal_query
from bot.nlp.russian import analyze_russian
from bot.reply import CONSOLE
from bot.summarize import summarize
from domain.entities import RoleSupport
from storage.queries import rank_roles
from tests.support.articles import store
from tests.support.telegram_html import as_read

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
    return as_read((await core.handle(text, caller=CONSOLE)).messages)


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


def test_quotes_roles_and_no_names_from_russian_rules() -> None:
    (analysis,) = analyze_russian(
        [
            "Глава МИД России Сергей Лавров встретился с министром обороны Турции Хулуси Акаром.\n"
            "Лавров: „Мы обсудили все вопросы безопасности в регионе без исключения“.\n"
            "Акар подчеркнул: «Турция не изменит своей позиции по поставкам зерна через проливы».\n"
            "Эндокринологи назвали главные признаки раннего диабета.\n"
            "«Мы ждем ответа», — сказал он."
        ]
    )
    names = {entity.name for entity in analysis.entities.values()}
    assert {"Сергей Лавров", "Хулуси Акар", "Россия", "Турция"} <= names, names
    # A common word opening a sentence is no name.
    assert "Эндокринологи" not in names
    roles = {(ref[0], role) for ref, _, role in analysis.roles}
    assert roles == {("сергей лавров", "глава МИД России"), ("хулуси акар", "министр обороны Турции")}, roles
    said = {(ref[0], text) for ref, _, text, direct in analysis.quotes if direct}
    assert said == {
        ("сергей лавров", "Мы обсудили все вопросы безопасности в регионе без исключения"),
        ("хулуси акар", "Турция не изменит своей позиции по поставкам зерна через проливы"),
    }, said


def roles_in(text: str) -> set[tuple[str, str]]:
    """(person key, role) for every role the text states, its first line no headline."""
    (analysis,) = analyze_russian([text])
    return {(ref[0], role) for ref, _, role in analysis.roles}


def test_a_role_before_the_name_in_another_case_is_put_in_the_nominative() -> None:
    # "главой" (common gender, which natasha's inflection misses) and "бывшим временным" (an
    # adjective with a rare namesake in -ой: "временной").
    assert roles_in("Премьер Японии встретился с главой Казахстана Касымом-Жомартом Токаевым.") == {
        ("касым-жомарт токаев", "глава Казахстана")
    }
    assert roles_in("Вчера судья оштрафовал бывшим временным чемпионом лиги Тони Фергюсоном.") == {
        ("тони фергюсон", "бывший временный чемпион лиги")
    }


def test_a_role_holds_a_quoted_or_bracketed_name_a_foreign_name_and_a_phrase_with_po() -> None:
    assert roles_in("Защитник «Ротора» Игорь Семенов получил травму.") == {("игорь семенов", "защитник «Ротора»")}
    assert roles_in("Суд оштрафовал солистку группы Little Big Софью Таюрскую.") == {
        ("софья таюрская", "солистка группы Little Big")
    }
    assert roles_in("Американский боец смешанных единоборств (MMA) Джон Джонс вернулся.") == {
        ("джон джонс", "американский боец смешанных единоборств (MMA)")
    }
    assert roles_in("Уполномоченный по правам человека в Москве Татьяна Потяева выступила с докладом.") == {
        ("татьяна потяева", "уполномоченный по правам человека в Москве")
    }


def test_two_posts_joined_by_and_are_one_role_but_a_second_person_is_not_theirs() -> None:
    assert roles_in("Поэт и переводчик Андрей Гришин представил новую книгу.") == {
        ("андрей гришин", "поэт и переводчик")
    }
    # "президент Франции и канцлер Германии" are two people: the role is the words after "и".
    assert roles_in("Вместе с президентом Франции и канцлером Германии Ангелой Меркель выступил мэр.") == {
        ("ангела меркель", "канцлер Германии")
    }


def test_a_relative_is_no_role_in_any_case() -> None:
    assert roles_in("Певица навестила в больнице любимого мужа Игоря Петрова.") == set()
    assert roles_in("Вместе с супругом Павлом Деревянко актриса снялась в сериале.") == set()


def test_a_name_that_is_a_genitive_of_the_words_before_it_has_no_role_from_them() -> None:
    # A supporter of Navalny's movement, not Navalny: the parse hangs the name on "движения".
    assert roles_in("Полиция задержала сторонника движения Алексея Навального.") == set()


def test_roles_after_a_dash_a_copula_and_an_ex_prefix() -> None:
    assert roles_in("Ирина Волкова — директор школы № 5, рассказала о ремонте.") == {
        ("ирина волкова", "директор школы № 5")
    }
    assert roles_in("Олег Смирнов является председателем комитета Госдумы.") == {
        ("олег смирнов", "председатель комитета Госдумы")
    }
    assert roles_in("Экс-министр финансов Греции Янис Варуфакис дал интервью.") == {
        ("янис варуфакис", "экс-министр финансов Греции")
    }
    # "Песков — о параде": what someone spoke of after a dash is no role.
    assert roles_in("Дмитрий Песков — о погоде на параде и планах Кремля.") == set()


def test_a_headline_that_names_no_one_gives_no_role() -> None:
    (analysis,) = analyze_russian(
        ["Глава МИД: переговоры будут трудными\n\nСергей Лавров ответил на вопросы журналистов."], [True]
    )
    assert analysis.roles == [], analysis.roles


async def test_who_answers_a_role_stated_in_the_instrumental_in_the_nominative(core: Commands) -> None:
    await store(
        core.services,
        [
            "Путин встретился с Токаевым\n\n"
            "Президент России провел переговоры с главой Казахстана Касымом-Жомартом Токаевым в Сочи.\n"
            "Стороны обсудили поставки зерна."
        ],
    )
    answer = await ask(core, "/who Токаев")
    assert answer.startswith("Касым-Жомарт Токаев — глава Казахстана"), answer


def test_a_role_the_dictionary_cannot_have_in_the_tagged_case_is_none() -> None:
    # The tagger reads "злодейку" (accusative only) as a nominative agreeing with the name.
    assert roles_in("В новом фильме актриса сыграла злодейку Круэллу Де Виль.") == set()


ROADS = "\n".join(
    [
        "Власти утвердили план ремонта дорог",
        "",
        "Правительство Новосибирской области утвердило план ремонта дорог на следующий год, "
        "и это не первый такой план.",
        "Но и это было не так, как все они тогда же и думали об этом, и не так, как все они хотели.",
        "План ремонта дорог предусматривает замену асфальта на двенадцати участках трассы, как и было обещано.",
        "На ремонт дорог и участков трассы область выделит два миллиарда рублей, но и этого, как все они говорят, "
        "не хватит.",
        "Подрядчиков для ремонта трассы выберут на открытом конкурсе весной, и это не так уж быстро.",
    ]
)


async def test_summarize_ranks_russian_sentences_with_russian_stop_words(core: Commands) -> None:
    report = await store(core.services, [ROADS])
    article_id = report.new[0].id
    answer = await ask(core, f"/summarize 2 {article_id}")
    bullets = [line.removeprefix("• ") for line in answer.splitlines() if line.startswith("• ")]
    lines = ROADS.split("\n", 2)[2].splitlines()
    # The lead and the sentence about the plan: whole sentences, in article order. The sentence of
    # function words only ("и", "это", "не", "как", "все", "они") says nothing and ranks low.
    assert bullets == [lines[0], lines[2]], bullets
    found = await core.summaries.stored_document(article_id)
    assert found is not None and found[0].language == "ru"
    # With English stop words, the function words it shares with every other sentence make it central.
    assert lines[1] in summarize(dataclasses.replace(found[0], language="en"), 2)


async def test_a_russian_quote_is_shown_in_russian_quotation_marks(core: Commands) -> None:
    await store(core.services, [TALKS])
    said = (await ask(core, "/who Мишустин")).split("Said", 1)[1]
    assert "«Мы готовы продлить договор о транзите газа еще на пять лет»" in said, said
    assert "“" not in said


def test_a_role_in_the_accusative_a_participle_and_a_list_after_po() -> None:
    # The tagger reads "заместителя" as an accusative and the name as a genitive: one form.
    assert roles_in("Премьер назначил заместителя министра финансов Ивана Чеботарева своим советником.") == {
        ("иван чеботарев", "заместитель министра финансов")
    }
    assert roles_in("В финале действующий чемпион Игорь Громов сыграет с новичком.") == {
        ("игорь громов", "действующий чемпион")
    }
    assert roles_in(
        "Так считает председатель комиссии по науке, образованию и культуре Анна Белова, сообщает ТАСС."
    ) == {("анна белова", "председатель комиссии по науке, образованию и культуре")}
    # A comma outside "по …" separates: the role is the words after it.
    assert roles_in("Об этом сообщили врачи, главный врач больницы Ольга Круглова.") == {
        ("ольга круглова", "главный врач больницы")
    }


def test_russian_roles_pool_by_their_first_noun_and_a_newer_former_supersedes() -> None:
    day = lambda n: datetime(2021, 5, n, tzinfo=UTC)  # noqa: E731
    # "президент" is "президент России" said shorter: its head comes first, its genitive after.
    pooled = rank_roles([RoleSupport("президент", 1, day(9)), RoleSupport("президент России", 1, day(8))])
    assert [(r.role, r.articles) for r in pooled] == [("президент России", 2)]
    # "глава МИД" and "глава МИД России" are one post (its word is "глава"), however they end.
    posts = rank_roles(
        [
            RoleSupport("глава МИД России", 1, day(2)),
            RoleSupport("министр иностранных дел", 1, day(3)),
            RoleSupport("глава ведомства", 1, day(4)),
        ]
    )
    assert posts[0].role == "глава ведомства" and posts[1].role == "министр иностранных дел", posts
    stale = rank_roles([RoleSupport("президент Украины", 3, day(1)), RoleSupport("экс-президент Украины", 1, day(5))])
    assert [r.role for r in stale] == ["экс-президент Украины", "президент Украины"]
    also_stale = rank_roles([RoleSupport("президент", 3, day(1)), RoleSupport("бывший президент", 1, day(5))])
    assert [r.role for r in also_stale] == ["бывший президент", "президент"]


async def test_who_answers_the_fuller_wording_of_one_russian_post(core: Commands) -> None:
    older = "Песков о параде\n\nПресс-секретарь президента России Дмитрий Песков рассказал о параде Победы."
    newer = "Песков о погоде\n\nПресс-секретарь президента Дмитрий Песков прокомментировал прогноз погоды."
    await store(core.services, [newer, older], age=lambda n: timedelta(days=n + 1))
    answer = await ask(core, "/who Песков")
    assert answer.startswith("Дмитрий Песков — пресс-секретарь президента России"), answer
