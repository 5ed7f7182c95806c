"""French articles (bot/nlp/french.py): read with the French model, so /who, /status and /summarize
answer about them as about English ones; English articles still go through the English model."""

from __future__ import annotations

from sqlalchemy import select

from bot.commands import Commands
from bot.nlp import analyzers, french
from bot.nlp.french import analyze_french
from bot.reply import CONSOLE
from storage.models import Article
from tests.support.articles import store
from tests.support.telegram_html import as_read

DEFENCE = "\n".join(
    [
        "Paris et Berlin veulent relancer la défense européenne",
        "",
        "Le président Emmanuel Macron a reçu mardi à l'Élysée le chancelier allemand Olaf Scholz pour un dîner "
        "consacré à la défense européenne.",
        "Le ministre des Affaires étrangères Jean-Yves Le Drian participait également à la rencontre.",
        "« Nous ne laisserons personne diviser l'Europe sur la question de l'Ukraine », a déclaré Jean-Yves Le Drian "
        "à l'issue du dîner.",
        "Les deux dirigeants ont évoqué un fonds commun pour l'industrie de l'armement, selon un communiqué publié "
        "mercredi.",
        "Le Drian a ajouté que la France et l'Allemagne présenteraient des propositions communes avant le sommet de "
        "Bruxelles.",
        "Des diplomates ont toutefois rappelé que plusieurs pays d'Europe centrale restent sceptiques "
        "face à ce projet.",
    ]
)

MARSEILLE = "\n".join(
    [
        "Marseille renforce ses effectifs de police",
        "",
        "La maire de Paris, Anne Hidalgo, a salué lundi le plan de sécurité annoncé pour la ville.",
        "« La situation à Marseille reste très préoccupante et nous devons agir vite », a affirmé Gérald Darmanin, "
        "ministre de l'Intérieur.",
        "Deux cents policiers supplémentaires seront déployés à Marseille d'ici la fin de l'année, "
        "a précisé le ministère.",
        "Les habitants des quartiers nord de Marseille réclament depuis des mois davantage de moyens "
        "pour leurs écoles.",
        "M. Darmanin a promis de revenir à Marseille au printemps pour dresser un premier bilan du plan.",
    ]
)

ENGLISH = "\n".join(
    [
        "Ankara rules out new offensive as Aleppo truce talks stall",
        "",
        "Turkey has no plans for a new ground offensive in northern Syria, Turkish Foreign Minister Mevlut Cavusoglu "
        "said on Tuesday.",
        "Fighting has nonetheless continued in the countryside west of Aleppo, where artillery shelled two villages.",
    ]
)


async def ask(core: Commands, text: str) -> str:
    return as_read((await core.handle(text, caller=CONSOLE)).messages)


async def test_who_on_a_surname_with_its_particle_answers_the_full_name_and_the_role_before_it(core: Commands) -> None:
    await store(core.services, [DEFENCE])
    answer = await ask(core, "/who Le Drian")
    assert answer.startswith("Jean-Yves Le Drian — ministre des Affaires étrangères"), answer
    assert (await ask(core, "/who Macron")).startswith("Emmanuel Macron — président"), answer


async def test_a_quote_in_french_quotation_marks_is_attributed_to_its_speaker(core: Commands) -> None:
    await store(core.services, [MARSEILLE])
    answer = await ask(core, "/who Darmanin")
    assert answer.startswith("Gérald Darmanin — ministre de l'Intérieur"), answer
    said = answer.split("Said", 1)[1]
    assert "La situation à Marseille reste très préoccupante et nous devons agir vite" in said
    # The role given in apposition before the name: "La maire de Paris, Anne Hidalgo,".
    assert (await ask(core, "/who Hidalgo")).startswith("Anne Hidalgo — maire de Paris")


async def test_status_on_a_french_place_lists_its_sentences_with_their_source(core: Commands) -> None:
    await store(core.services, [MARSEILLE, DEFENCE], outlets=["Le Provençal", "Le Quotidien"])
    answer = await ask(core, "/status Marseille")
    assert answer.startswith("Marseille — place"), answer
    assert "Deux cents policiers supplémentaires seront déployés à Marseille" in answer
    assert "Le Provençal" in answer and "Le Quotidien" not in answer


async def test_summarize_returns_whole_french_sentences(core: Commands) -> None:
    report = await store(core.services, [MARSEILLE])
    answer = await ask(core, f"/summarize 5 {report.new[0].id}")
    bullets = [line.removeprefix("• ") for line in answer.splitlines() if line.startswith("• ")]
    body = MARSEILLE.split("\n", 2)[2].splitlines()
    # Every bullet is one of the article's sentences, whole: "M." opens one, it ends none.
    assert bullets and all(bullet in body for bullet in bullets), bullets
    assert any(bullet.startswith("M. Darmanin a promis") for bullet in bullets), bullets


async def test_an_english_article_still_goes_through_the_english_model(core: Commands) -> None:
    # A fresh process: neither analyzer loaded yet.
    analyzers._pipeline.cache_clear()
    french._load.cache_clear()
    await store(core.services, [ENGLISH])
    assert french._load.cache_info().currsize == 0, "an English article loaded the French model"
    assert (await ask(core, "/who Cavusoglu")).startswith("Mevlut Cavusoglu — Turkish Foreign Minister")
    await store(core.services, [DEFENCE])
    async with core.services.session() as session:
        languages = dict((await session.execute(select(Article.title, Article.language))).all())
    assert languages == {
        "Ankara rules out new offensive as Aleppo truce talks stall": "en",
        "Paris et Berlin veulent relancer la défense européenne": "fr",
    }


def test_roles_quotes_and_surnames_from_french_rules() -> None:
    (analysis,) = analyze_french(
        [
            "La maire de Paris, Anne Hidalgo, est candidate.\n"
            "Charles de Gaulle est mort en 1970. De Gaulle reste une référence, selon les sondages.\n"
            "Gérald Darmanin est le ministre de l'Intérieur.\n"
            "« Nous ne céderons rien », a lancé l'ancien président."
        ]
    )
    people = {entity.name: entity for entity in analysis.entities.values() if entity.kind == "PERSON"}
    assert set(people) == {"Anne Hidalgo", "Charles de Gaulle", "Gérald Darmanin"}
    assert {"de gaulle", "gaulle"} <= people["Charles de Gaulle"].aliases
    roles = {(ref[0], role) for ref, _, role in analysis.roles}
    assert roles == {("anne hidalgo", "maire de Paris"), ("gérald darmanin", "ministre de l'Intérieur")}
    # Too short to be what was said, and said by no one named: no quote.
    assert analysis.quotes == []
