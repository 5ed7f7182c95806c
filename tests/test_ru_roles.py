"""Russian roles and names as a reader of the news would state them (bot/nlp/ru_roles.py,
ru_names.py): each sentence here is the project's own."""

from __future__ import annotations

from bot.nlp.russian import analyze_russian


def roles_in(text: str) -> set[tuple[str, str]]:
    """(person key, role) for every role the text states, its first line no headline."""
    (analysis,) = analyze_russian([text])
    return {(ref[0], role) for ref, _, role in analysis.roles}


def people_in(text: str) -> set[str]:
    (analysis,) = analyze_russian([text])
    return {entity.name for ref, entity in analysis.entities.items() if ref[1] == "PERSON"}


def test_a_role_keeps_its_phrases_with_ot_na_and_s() -> None:
    assert roles_in("Депутат городской думы от партии «Яблоко» Олег Новиков выступил на заседании.") == {
        ("олег новиков", "депутат городской думы от партии «Яблоко»")
    }
    assert roles_in("Журналисты расспросили директора школы по работе с родителями Елену Котову.") == {
        ("елена котова", "директор школы по работе с родителями")
    }
    roles = {role for _, role in roles_in("Представитель Японии на переговорах по рыболовству Кэндзи Сато ушел.")}
    assert roles == {"представитель Японии на переговорах по рыболовству"}


def test_two_genitives_or_names_joined_by_and_belong_to_one_post() -> None:
    assert roles_in("Министр культуры и туризма Анна Белова открыла выставку.") == {
        ("анна белова", "министр культуры и туризма")
    }
    assert roles_in("Бывший игрок «Торпедо» и «Ротора» Денис Лебедев открыл школу.") == {
        ("денис лебедев", "бывший игрок «Торпедо» и «Ротора»")
    }


def test_a_role_holds_straight_quotes_a_web_address_and_a_latin_prefix() -> None:
    assert roles_in('Вратарь "Сокола" Павел Орлов пропустил два гола.') == {("павел орлов", 'вратарь "Сокола"')}
    assert roles_in("Обозреватель Sport.ru Илья Громов назвал матч скучным.") == {
        ("илья громов", "обозреватель Sport.ru")
    }
    assert roles_in("IT-директор банка Роман Серов объяснил сбой.") == {("роман серов", "IT-директор банка")}


def test_a_post_the_tagger_calls_inanimate_or_in_the_wrong_case_is_still_a_post() -> None:
    assert roles_in("На сцену вышла посланница Латвии Инга Озола.") == {("инга озола", "посланница Латвии")}
    # "Экс-главу" (accusative) is tagged a genitive, as the name after it is.
    assert roles_in("Экс-главу «Роснано» Анатолия Чубайса вызвали на допрос.") == {
        ("анатолий чубайс", "экс-глава «Роснано»")
    }


def test_the_post_right_before_the_name_is_found_after_other_words() -> None:
    assert roles_in("Музей получил портрет генерала Петра Багратиона.") == {("петр багратион", "генерал")}
    # Two posts in apposition: the name is in apposition to the nearer one.
    assert roles_in("Суд вызвал основателя банка «Север» миллиардера Олега Титова.") == {("олег титов", "миллиардер")}


def test_posts_listed_with_commas_before_a_name_are_each_a_role() -> None:
    assert roles_in("Бывший вратарь «Динамо», тренер молодежной сборной Игорь Волков дал интервью.") == {
        ("игорь волков", "тренер молодежной сборной"),
        ("игорь волков", "бывший вратарь «Динамо»"),
    }


def test_a_description_that_is_no_post_is_left_out_of_the_role() -> None:
    assert roles_in("Основатель студии Pixel и самый известный человек в городе Антон Ершов открыл кафе.") == {
        ("антон ершов", "основатель студии Pixel")
    }
    assert roles_in("Певица и мать троих детей Анна Иванова выпустила альбом.") == {("анна иванова", "певица")}
    # The wife of a president is no president.
    assert roles_in("Журналисты встретили жену президента Марину Иванову.") == set()


def test_the_post_one_holds_after_the_name_is_a_role_in_the_nominative() -> None:
    assert roles_in("Суд арестовал Петра Сидорова, занимавшего пост мэра Твери.") == {("петр сидоров", "мэр Твери")}


def test_a_mans_name_the_dictionary_reads_otherwise_is_put_in_the_nominative() -> None:
    # "Илона" is a woman's name and "Маска" a mask to the dictionary; "Джеффа" is a man's
    # genitive only, so "Безоса", unknown, is one too.
    assert people_in("Блогер назвал бизнесмена Илона Маска гением, а потом написал Илону Маску письмо.") == {
        "Илон Маск"
    }
    assert people_in("Яхта строится для Джеффа Безоса на верфи в Нидерландах.") == {"Джефф Безос"}


def test_a_name_run_together_with_another_in_the_genitive_is_two_names() -> None:
    assert people_in("Об этом сообщил адвокат Смирновой Рустам Гилязов.") == {"Рустам Гилязов", "Смирнова"}


def test_a_name_in_other_letters_in_parentheses_is_not_part_of_the_name() -> None:
    assert people_in("Мартин Гловер (Martin Glover) выпустил новый альбом.") == {"Мартин Гловер"}


def test_a_surname_alone_in_another_case_is_the_person_named_in_full() -> None:
    (analysis,) = analyze_russian(
        ["Новая яхта Торвальдсона.\n\nБизнесмен Ларс Торвальдсон купил яхту в Италии."], [True]
    )
    people = {entity.name for ref, entity in analysis.entities.items() if ref[1] == "PERSON"}
    assert people == {"Ларс Торвальдсон"}, people


def test_a_post_in_the_plural_before_a_list_of_names_is_each_ones_in_the_singular() -> None:
    assert roles_in("Российские теннисисты Андрей Рублев и Карен Хачанов вышли в финал.") == {
        ("андрей рублев", "российский теннисист"),
        ("карен хачанов", "российский теннисист"),
    }
    # Two countries, two presidents: which is whose the words do not say.
    assert roles_in("Президенты Сербии и Венгрии Александр Вучич и Янош Адер провели переговоры.") == set()


def test_adjectives_joined_by_and_stay_in_the_role_and_a_latin_name_takes_the_case_of_its_post() -> None:
    assert roles_in("Российский и французский режиссер, продюсер Антон Гриневич снял фильм.") == {
        ("антон гриневич", "продюсер"),
        ("антон гриневич", "российский и французский режиссер"),
    }
    assert roles_in("Критик высказался о песне певицы Manizha на конкурсе.") == {("manizha", "певица")}


def test_an_acting_head_and_a_post_taken_after_the_name_are_roles() -> None:
    assert roles_in("Встреча прошла с исполняющим обязанности губернатора Иваном Петровым.") == {
        ("иван петров", "исполняющий обязанности губернатора")
    }
    assert roles_in("Врио губернатора Олег Громов провел совещание.") == {("олег громов", "врио губернатора")}
    assert roles_in("Иван Петров, назначенный на пост министра финансов, провел совещание.") == {
        ("иван петров", "министр финансов")
    }
    # Seeking a post is not holding it.
    assert roles_in("Иван Петров, претендующий на пост мэра, провел встречу.") == set()
