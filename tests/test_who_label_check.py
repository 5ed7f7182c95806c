"""A fresh set-aside /who label file is checked without the bot: its format, and that no query was asked before."""

from __future__ import annotations

import json
from pathlib import Path

from bench.labels.check_who_labels import HERE, format_errors, overlap_errors
from bench.who_status_eval import set_report

PERSON = {
    "store": "bbc",
    "query": "Quayle",
    "meant": "Dora Quayle",
    "names": ["Dora Quayle"],
    "roles": ["harbour master"],
    "bearers": {"Dora Quayle": 4, "Ned Quayle": 1},
}


def test_the_set_aside_file_is_well_formed_and_asks_nothing_asked_before() -> None:
    path = HERE / "who_heldout2.json"
    document = json.loads(path.read_text())
    assert format_errors(document) == []
    assert overlap_errors(document["labels"], path) == []


def test_a_malformed_label_or_a_query_already_labelled_is_reported() -> None:
    shouting = {**PERSON, "roles": ["Harbour Master"]}
    lone_choice = {"store": "timeline", "query": "Quayle", "meant": "ambiguous", "offer": ["Dora Quayle"]}
    lone_choice["bearers"] = {"Dora Quayle": 3, "Ned Quayle": 2}
    errors = format_errors({"about": "", "rules": "", "labels": [shouting, lone_choice]})
    assert any("lower-case" in e for e in errors) and any("at least two" in e for e in errors)
    blair = {**PERSON, "query": "Blair", "meant": "Tony Blair", "names": ["Tony Blair"], "bearers": {"Tony Blair": 9}}
    assert overlap_errors([PERSON, PERSON, blair], Path("new.json")) == [
        "bbc:Quayle appears twice",
        "bbc:Blair is already in who_heldout.json",
    ]


def test_a_set_made_after_the_changes_reports_no_before_figure() -> None:
    report = set_report("heldout2", [(PERSON, None, "'Dora Quayle — harbour master'")])
    assert "right: 1/1 (100.0%)" in report
    assert "| choice instead of answer | 0 | 0 | 0 | — |" in report
    assert report.endswith("(commit 0641dec): not measured.")
