"""The cnndm /who store (bench/labels/WHO_RULES_CNNDM.md): how its articles are ingested, and the checker's
counts for a store of 250 articles, on a small archive of our own written in the same format."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.labels.check_who_labels import HERE, count_errors
from bench.who_status_eval import cnndm_articles

HARBOUR = (
    "Harbour master Dora Quayle closed the north quay on Monday after a storm. Ships waited offshore. "
    "Quayle said the quay would reopen once divers had checked the wall."
)
FERRY = "Ferry captain Ned Quayle sailed late. Dora Quayle thanked the crew."
LIGHTHOUSE = "The lighthouse keeper, Ivo Penhale, kept the lamp burning all night long."


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cnndm"
    folder.mkdir()
    archive = "http://web.archive.org/web/{}id_/http://www.dailymail.co.uk/news/article-{}.html"
    records = [
        {"article": HARBOUR, "url": archive.format("20150403223948", 1)},
        {"article": FERRY, "url": archive.format("20150412080000", 2)},
        {"article": LIGHTHOUSE, "url": archive.format("20150501120000", 3)},
    ]
    (folder / "frank_cnndm_test250.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    monkeypatch.syspath_prepend(str(HERE))  # the checker imports its siblings as the scripts run them
    monkeypatch.delitem(sys.modules, "who_candidates", raising=False)
    return tmp_path


def test_an_article_is_titled_by_its_first_sentence_and_dated_by_its_archive_stamp(data: Path) -> None:
    first = cnndm_articles(data)[0]
    assert first.title == "Harbour master Dora Quayle closed the north quay on Monday after a storm."
    assert first.text.startswith(first.title)  # so the bot reads the article and nothing more
    assert first.published == datetime(2015, 4, 3, tzinfo=UTC)
    assert first.source == "dailymail.co.uk"
    assert first.url is not None and first.url.endswith("article-1.html")


def test_in_a_small_store_one_article_is_enough_to_dominate_or_to_be_offered(data: Path) -> None:
    keeper = {
        "store": "cnndm",
        "query": "Penhale",
        "meant": "Ivo Penhale",
        "names": ["Ivo Penhale"],
        "roles": ["lighthouse keeper"],
        "bearers": {"Ivo Penhale": 1},
    }
    quayles = {
        "store": "cnndm",
        "query": "Quayle",
        "meant": "ambiguous",
        "offer": ["Dora Quayle", "Ned Quayle"],
        "bearers": {"Dora Quayle": 2, "Ned Quayle": 1},
    }
    assert count_errors([keeper, quayles], data) == []
    only_dora = {**quayles, "offer": ["Dora Quayle"]}
    assert count_errors([only_dora], data) == [
        "cnndm:Quayle: not truly ambiguous as labelled (must offer ['Dora Quayle', 'Ned Quayle'])"
    ]
