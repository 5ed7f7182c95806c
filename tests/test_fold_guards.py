"""What must stay apart: a verb before a name is no team position, two well-covered people who
share a surname are two people whatever their given names, and a shorter name better covered
than the fuller one it ends is its own person. Names and sentences of our own."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from bot.nlp.analyze import analyze_texts
from bot.nlp.model import load_pipeline
from bot.settings import Settings
from domain.entities import EntityHit
from storage.queries import _merge

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
    return load_pipeline(Settings(_env_file=None).spacy_model)


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
    started = time.perf_counter()
    _merge(hits)
    small = time.perf_counter() - started
    started = time.perf_counter()
    _merge(hits[:400])
    ratio = small / max(time.perf_counter() - started, 1e-4)
    assert ratio < 40, ratio  # ten times the names; a quadratic fold would take ~100 times as long
