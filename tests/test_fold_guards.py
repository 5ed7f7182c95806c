"""What must stay apart: a verb before a name is no team position, two well-covered people who
share a surname are two people whatever their given names, and a shorter name better covered
than the fuller one it ends is its own person. Names and sentences of our own."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.commands import Commands
from bot.ingest.pipeline import ingest
from bot.ingest.sources import RawArticle
from bot.nlp.analyze import analyze_texts
from bot.render.html import to_plain
from bot.services import Services
from domain.entities import EntityHit
from storage.queries import _merge
from tests.support.nlp import english

NOW = datetime(2021, 3, 1, tzinfo=UTC)


def hit(id: int, name: str, articles: int) -> EntityHit:
    return EntityHit(
        id=id, name=name, kind="PERSON", key=name.lower(), articles=articles, last_seen=NOW, role=None,
        same_key_ids=[], recent=0, surname_ids=[],
    )  # fmt: skip


def merged(*hits: EntityHit) -> dict[str, int]:
    return {h.name: h.articles for h in _merge(list(hits))}


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return english()


def test_a_verb_before_a_name_is_no_team_position(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "Rebels back Nora Quill in the leadership vote, the party said on Monday.",
        "Councillors lock Ivo Marsh out of the budget talks.",
        "Brive back Tom Ferrand scored twice.",
    ]
    found = [{role for _, _, role in analysis.roles} for analysis in analyze_texts(nlp, texts)]
    assert found[0].isdisjoint({"Rebels back"}) and found[1].isdisjoint({"Councillors lock"})
    assert "Brive back" in found[2]  # the player, the subject of what follows, keeps the position


def test_two_well_covered_given_name_forms_stay_two_people() -> None:
    assert merged(hit(1, "Mike Tallis", 40), hit(2, "Michael Tallis", 12)) == {"Mike Tallis": 40, "Michael Tallis": 12}
    # A rare spelling beside a well-covered one is that person's ("Joe"/"Joseph").
    assert merged(hit(1, "Joe Harwick", 30), hit(2, "Joseph Harwick", 2)) == {"Joe Harwick": 32}


def test_a_better_covered_shorter_name_is_its_own_person() -> None:
    assert merged(hit(1, "Paul Tern", 12), hit(2, "John Paul Tern", 5)) == {"Paul Tern": 12, "John Paul Tern": 5}
    # As rare as the fuller name: that person's ("Manuel Ortega" of "Jose Manuel Ortega").
    assert merged(hit(1, "Manuel Ortega", 1), hit(2, "Jose Manuel Ortega", 1)) == {"Jose Manuel Ortega": 2}


def test_thousands_of_bearers_of_one_surname_merge_at_once() -> None:
    hits = [hit(i, f"Given{i} Smithers", 1 + i % 7) for i in range(3000)]
    hits += [hit(5000 + i, f"Mike{i} Given{i} Smithers", 1) for i in range(1000)]
    ratio = best_time(hits) / max(best_time(hits[:400]), 1e-4)
    assert ratio < 40, ratio  # ten times the names; a quadratic fold would take ~100 times as long


def best_time(hits: list[EntityHit]) -> float:
    """The best of three runs, each on fresh copies: one run may be caught by a garbage collection."""
    times = []
    for _ in range(3):
        copies = [hit(h.id, h.name, h.articles) for h in hits]
        started = time.perf_counter()
        _merge(copies)
        times.append(time.perf_counter() - started)
    return min(times)


# Through the real store: articles of our own, ingested, then /who as a reader asks it.


def story(number: int, text: str) -> RawArticle:
    """A short article of its own: distinct text, title and date."""
    body = f"{text}\nThe report number {number} was filed on a quiet afternoon in the {number}th week."
    when = datetime.now(UTC) - timedelta(days=1, hours=number)
    return RawArticle(text=body, title=f"Report {number}", published=when, origin=f"{number}.txt")


async def ask_who(news: Services, name: str, *items: RawArticle) -> tuple[str, list[str]]:
    report = await ingest(news, list(items))
    assert len(report.new) == len(items), report.failed
    reply = await Commands(news).questions.who(name)
    return to_plain(reply.messages[0]).split("\n", 1)[0], [c.label for c in reply.choices]


async def test_a_name_with_and_without_its_middle_name_is_one_person(news: Services) -> None:
    # The middle name written once, then the short form: in the same article too.
    first, choices = await ask_who(
        news,
        "Tamsett",
        story(1, "Mary Louise Tamsett, the harbour commissioner, opened the new quay on Monday. Mary Tamsett "
                 "said the quay would take the largest ferries by the summer."),
        story(2, "Mary Tamsett, the harbour commissioner, said the ferry fees would stay the same next year."),
    )  # fmt: skip
    assert first == "Mary Tamsett — harbour commissioner", (first, choices)
    # Asked by either full name: the same person, with both names' articles.
    for name in ("Mary Tamsett", "Mary Louise Tamsett"):
        reply = to_plain("\n".join((await Commands(news).questions.who(name)).messages))
        assert reply.startswith("Mary Tamsett — harbour commissioner"), reply
        assert "Mary Louise Tamsett, the harbour commissioner, opened" in reply and "ferry fees" in reply, reply


async def test_two_different_middle_names_leave_the_short_name_a_choice(news: Services) -> None:
    # "Mary Tamsett" may be either: whose she is would be a guess.
    first, choices = await ask_who(
        news,
        "Tamsett",
        story(1, "Mary Louise Tamsett, the harbour commissioner, opened the new quay on Monday."),
        story(2, "Mary Anne Tamsett, a novelist, signed copies of her new book in the library on Friday."),
        story(3, "Mary Tamsett said the quay would take the largest ferries by the summer."),
    )
    assert first == "Which Tamsett do you mean?", (first, choices)
    assert sorted(c.split(" (")[0] for c in choices) == ["Mary Anne Tamsett", "Mary Louise Tamsett", "Mary Tamsett"]


async def test_a_surname_the_model_typed_org_is_the_person_its_articles_name(news: Services) -> None:
    # The model types "Jamal Sterland" and the bare "Sterland" ORG in the transfer stories; the
    # full name is written in both, and no other Sterland is.
    first, choices = await ask_who(
        news,
        "Sterland",
        story(1, "The Rovers winger Jamal Sterland scored twice on Saturday."),
        story(2, "Burnley want unsettled forward Jamal Sterland before the window opens. Any delay on a new deal "
                 "would please Sterland's agent."),
        story(3, "Unhappy Rovers rebel Jamal Sterland could feature on a number of wish lists in June. Sterland has "
                 "refused an improved offer."),
    )  # fmt: skip
    assert first == "Jamal Sterland — Rovers winger", (first, choices)


async def test_a_place_that_is_also_a_surname_stays_itself(news: Services) -> None:
    # The town is in more articles than the person, and its articles do not name him: /who asks
    # for a person, so it answers him with the town offered beside him (not with the town's
    # articles added); /status, for a place or a topic, asks which one.
    first, choices = await ask_who(
        news,
        "Kelbrook",
        story(1, "Flooding closed the main road into Kelbrook, a market town in Yorkshire, on Monday."),
        story(2, "Shopkeepers in the town of Kelbrook said the floods had cost them customers."),
        story(3, "Flooding closed the railway line to Kelbrook, a market town in Yorkshire, on Tuesday."),
        story(4, "Tom Kelbrook, the Rovers winger, scored twice on Saturday."),
        story(5, "Tom Kelbrook, the Rovers winger, signed a new contract on Friday."),
    )
    assert first == "Tom Kelbrook — Rovers winger", (first, choices)
    assert [c.split(" (")[0] for c in choices] == ["Kelbrook"]
    reply = await Commands(news).questions.who("Kelbrook")
    assert "Mentioned in 2 articles" in to_plain(reply.messages[0])
    status = await Commands(news).questions.status("Kelbrook")
    assert to_plain(status.messages[0]).startswith("Which Kelbrook do you mean?")


async def test_the_usual_short_form_is_not_folded_into_a_rare_fuller_name(news: Services) -> None:
    # "Tomas Brenner" in three articles is the one readers know; one "Tomas Karl Brenner" may be
    # anyone else: he is offered beside the answer, not swallowed by it.
    first, choices = await ask_who(
        news,
        "Brenner",
        story(1, "Tomas Brenner, the harbour master, closed the quay on Monday."),
        story(2, "Tomas Brenner, the harbour master, reopened the quay on Tuesday."),
        story(3, "Tomas Brenner, the harbour master, warned of storms on Wednesday."),
        story(4, "Tomas Karl Brenner, a painter, opened an exhibition in the old mill."),
    )
    assert first.startswith("Tomas Brenner — harbour master"), (first, choices)
    assert any(c.startswith("Tomas Karl Brenner") for c in choices), choices
