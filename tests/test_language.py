"""Each article's language: told from its text, stored, shown, and what reads it (bot/nlp/analyzers.py):
the English model only English; other languages are stored, searchable and summarised by position."""

from __future__ import annotations

from sqlalchemy import select, text
from typer.testing import CliRunner

from bot.cli import cli
from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import RawArticle
from bot.nlp.language import detect_language
from bot.render.html import to_plain
from bot.reply import Caller, Where
from bot.services import Services
from bot.settings import Settings
from storage import queries
from storage.models import Article
from tests.support.migrations import downgrade_and_upgrade

ME, HERE = Caller(42, admin=False), Where(42)

# Written for these tests. German: ordinals ("1. März") and abbreviations ("z. B.") that a
# splitter must not end a sentence at, and capitalised nouns the English model takes for names.
GERMAN = (
    "Windkraft: Berlin beschleunigt Genehmigungen\n\n"
    "Die Bundesregierung hat am Mittwoch neue Regeln für den Ausbau der Windkraft beschlossen. "
    "Ab dem 1. März sollen Genehmigungen z. B. für Windräder an Autobahnen in zwei Monaten erteilt werden. "
    "Bisher dauerten die Verfahren in vielen Bundesländern mehrere Jahre. "
    "Kritiker warnten in zwei Sätzen vor zu viel Eile beim Naturschutz. "
    "Die Branche begrüßte die Entscheidung und kündigte neue Investitionen an."
)
GERMAN_SENTENCES = [
    "Die Bundesregierung hat am Mittwoch neue Regeln für den Ausbau der Windkraft beschlossen.",
    "Ab dem 1. März sollen Genehmigungen z. B. für Windräder an Autobahnen in zwei Monaten erteilt werden.",
    "Bisher dauerten die Verfahren in vielen Bundesländern mehrere Jahre.",
]
RUSSIAN = (
    "В Новосибирске откроют новый мост через Обь\n\n"
    "Власти Новосибирска объявили в среду о строительстве нового моста через Обь. "
    "По словам мэра, работы начнутся 1 июня и завершатся до конца 2027 г. в три этапа. "
    "Новый мост соединит левый и правый берег города и разгрузит старые переправы. "
    "«Мы ждали этого решения десять лет», — сказал житель города. "
    "Стоимость проекта оценивается в сорок миллиардов рублей."
)
RUSSIAN_SENTENCES = [
    "Власти Новосибирска объявили в среду о строительстве нового моста через Обь.",
    "По словам мэра, работы начнутся 1 июня и завершатся до конца 2027 г. в три этапа.",
    "Новый мост соединит левый и правый берег города и разгрузит старые переправы.",
    "«Мы ждали этого решения десять лет», — сказал житель города.",
    "Стоимость проекта оценивается в сорок миллиардов рублей.",
]
ENGLISH = (
    "Harbour reopens in Tallinn\n\n"
    "Mayor Ilze Ozola reopened the harbour of Tallinn on Monday after two years of repairs. "
    "Ships queued overnight to enter, and officials said the work had cost two million euros."
)


async def stored(core: Commands, article: str) -> str:
    (reply,) = (await core.handle("/ingest", article, caller=ME, where=HERE)).messages
    return to_plain(reply)


async def language_of(core: Commands, article_id: int) -> str | None:
    async with core.services.session() as session:
        article = await queries.get_article(session, article_id)
        assert article is not None
        return article.language


def bullets(reply: str) -> list[str]:
    return [line.removeprefix("• ") for line in to_plain(reply).splitlines() if line.startswith("• ")]


async def test_russian_and_german_articles_are_stored_with_their_language_and_shown_in_latest(
    core: Commands,
) -> None:
    assert (await stored(core, ENGLISH)).startswith("Stored #1")
    assert (await stored(core, RUSSIAN)).startswith("Stored #2")
    assert (await stored(core, GERMAN)).startswith("Stored #3")
    assert [await language_of(core, n) for n in (1, 2, 3)] == ["en", "ru", "de"]
    lines = to_plain((await core.questions.latest("")).messages[0]).splitlines()
    line_of = {line.split(" · ")[0]: line for line in lines[1:]}
    assert "· German · Windkraft: Berlin beschleunigt Genehmigungen" in line_of["#3"]
    assert "· Russian · В Новосибирске откроют новый мост через Обь" in line_of["#2"]
    # English, the default, goes without saying.
    assert "English" not in line_of["#1"] and "· Harbour reopens in Tallinn" in line_of["#1"]


async def test_a_summary_of_a_german_or_russian_article_is_its_whole_lead_sentences(core: Commands) -> None:
    await stored(core, GERMAN)
    await stored(core, RUSSIAN)
    (german,) = (await core.handle("/summarize 1", caller=ME, where=HERE)).messages
    assert bullets(german) == GERMAN_SENTENCES
    assert to_plain(german).startswith("Windkraft: Berlin beschleunigt Genehmigungen")
    # Russian has a pipeline of its own (or will): its summary ranks, but keeps whole sentences.
    (russian,) = (await core.handle("/summarize 2", caller=ME, where=HERE)).messages
    assert len(bullets(russian)) == 3 and set(bullets(russian)) <= set(RUSSIAN_SENTENCES)


async def test_pasted_german_text_is_summarised_in_whole_sentences_too(core: Commands) -> None:
    (reply,) = (await core.summaries.summarize("2", replied_text=GERMAN)).messages
    assert bullets(reply) == GERMAN_SENTENCES[:2]


async def test_no_entities_come_from_the_english_model_reading_german(core: Commands) -> None:
    reply = await stored(core, GERMAN)
    assert "Entities: none found" in reply
    for noun in ("Sätzen", "Windkraft", "Bundesregierung", "Genehmigungen"):
        (who,) = (await core.handle(f"/who {noun}", caller=ME, where=HERE)).messages
        assert to_plain(who).startswith(f"I have not read about {noun} yet"), who


async def test_an_article_in_another_language_is_found_by_search(core: Commands) -> None:
    await stored(core, RUSSIAN)
    await stored(core, GERMAN)
    (found,) = (await core.handle("/search моста", caller=ME, where=HERE)).messages
    assert "#1 · " in found and "Russian" in found and "#2" not in found
    (found,) = (await core.handle("/search Windräder", caller=ME, where=HERE)).messages
    assert "#2 · " in found and "German" in found


async def test_english_is_still_parsed_by_the_model_in_a_batch_of_three_languages(core: Commands) -> None:
    articles = [
        RawArticle(text=body, title=title, origin=name)
        for name, (title, body) in (
            ("de.txt", GERMAN.split("\n\n", 1)),
            ("en.txt", ENGLISH.split("\n\n", 1)),
            ("ru.txt", RUSSIAN.split("\n\n", 1)),
        )
    ]
    report = await ingest(core.services, articles)
    assert report.line() == "3 new, 0 duplicates, 0 failed"
    by_origin = {item.origin: item for item in report.new}
    assert by_origin["de.txt"].entities == []
    assert {"Ilze Ozola", "Tallinn"} <= set(by_origin["en.txt"].entities)
    (who,) = (await core.handle("/who Ozola", caller=ME, where=HERE)).messages
    assert to_plain(who).startswith("Ilze Ozola")
    # Each article keeps its own sentences (the batch was split by language, then put back in order).
    async with core.services.session() as session:
        for item, first in ((by_origin["de.txt"], GERMAN_SENTENCES[0]), (by_origin["ru.txt"], RUSSIAN_SENTENCES[0])):
            sentences = await queries.article_sentences(session, item.id)
            assert sentences[0][0] == first


async def test_a_text_too_short_to_tell_is_taken_for_english(core: Commands) -> None:
    assert detect_language("Berlin Moskau Paris") is None
    # A score line: 40 characters, 10 letters. It is stored, and in the default language.
    report = await ingest(core.services, [RawArticle(text="Zürich 3-1 (2-0), 45' + 90'; 12,000 fans")])
    (item,) = report.new
    assert await language_of(core, item.id) == "en"


def test_the_cli_show_names_the_language(settings: Settings) -> None:
    runner = CliRunner()
    ingested = runner.invoke(cli, ["ingest", "-"], input=RUSSIAN, catch_exceptions=False)
    assert ingested.output.startswith("1 new"), ingested.output
    shown = runner.invoke(cli, ["show", "1"], catch_exceptions=False)
    assert "language: Russian (ru)" in shown.output


async def test_the_migration_adds_the_language_to_a_store_written_before_it(news: Services) -> None:
    await ingest(news, [RawArticle(text=RUSSIAN.split("\n\n", 1)[1], title="Мост через Обь")])
    async with news.engine.begin() as connection:
        await downgrade_and_upgrade(connection, "0005")
        # The older article is kept, with no language: it was stored before languages were.
        assert (await connection.execute(text("SELECT count(*) FROM articles WHERE language IS NULL"))).scalar() == 1
    await ingest(news, [RawArticle(text=GERMAN.split("\n\n", 1)[1], title="Windkraft")])
    async with news.session() as session:
        languages = (await session.scalars(select(Article.language).order_by(Article.id))).all()
    assert languages == [None, "de"]
    lines = to_plain((await Commands(news).questions.latest("")).messages[0]).splitlines()
    assert "German" in lines[1] and "Мост через Обь" in lines[2] and "Russian" not in lines[2]


async def test_a_short_english_item_full_of_foreign_names_is_read_as_english(core: Commands) -> None:
    # Written for this test: lingua's trigrams take the names for Dutch, French or Italian.
    items = [
        "Dutch cyclist Daan van Groenendaal apologises for the crash that left compatriot Fabio Jakobsma in a coma.",
        "Olympic champion Katerina Stefanidou wins the women's edition of the garden pole vault challenge.",
    ]
    for body in items:
        assert detect_language(body) == "en", body
    await ingest(core.services, [RawArticle(text=items[0], title="Cyclist Groenendaal apologises for crash")])
    (who,) = (await core.handle("/who Groenendaal", caller=ME, where=HERE)).messages
    assert to_plain(who).startswith("Daan van Groenendaal — Dutch cyclist"), to_plain(who)
    # A short text in another language is still told as that language.
    assert detect_language("Le président a annoncé jeudi de nouvelles mesures pour la région de Lyon.") == "fr"
    assert detect_language("Der Bundestag hat am Donnerstag das neue Gesetz für Radfahrer beschlossen.") == "de"
    # Nor is a text with none of either language's small words, or in other letters, made English.
    for code, body in (
        ("tr", "Merkez Bankası politika faizini yüzde 50 seviyesinde sabit tuttu."),
        ("it", "Netflix aumenta i prezzi degli abbonamenti in Italia."),
        ("uk", "Уряд ухвалив нову програму підтримки внутрішньо переміщених осіб."),
        ("zh", "中国国务院今天召开常务会议，研究部署经济工作。"),
    ):
        assert detect_language(body) == code, body
