"""Check the Russian label files (ru_who.json, ru_status.json) against RU_RULES.md: their shape, and,
given the data folder, that every count, day and newest item follows from the `forms` by plain regex.

Usage: python bench/labels/ru_check.py [../shared/data]   (prints each problem; exits 1 if any)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ru_candidates import Item, naming, store_items

HERE = Path(__file__).parent
PERSON_KEYS = {"store", "query", "meant", "names", "roles", "bearers", "forms"}
PLACE_KEYS = {"store", "query", "forms", "mentions", "latest_day", "newest", "latest_day_items"}


def lower_nominative(phrase: str) -> bool:
    """A role as the rules write it: lower case, ё as е, no quotation marks."""
    return phrase == phrase.lower() and "ё" not in phrase and not any(q in phrase for q in '«»"“”„')


def who_problems(labels: dict) -> list[str]:
    problems = []
    people = [label for label in labels["labels"] if label["meant"] != "ambiguous"]
    if len(people) < 40:
        problems.append(f"only {len(people)} people with roles (40 needed)")
    if len({label["query"] for label in labels["labels"]}) != len(labels["labels"]):
        problems.append("a query is labelled twice")
    for label in labels["labels"]:
        where = f"who {label.get('query')!r}"
        keys = PERSON_KEYS | ({"offer"} if label.get("meant") == "ambiguous" else set())
        if set(label) != keys:
            problems.append(f"{where}: keys {sorted(set(label) ^ keys)} wrong")
            continue
        counts = sorted(label["bearers"].values(), reverse=True)
        dominant = counts[0] >= 1 and (len(counts) == 1 or counts[0] >= 3 * counts[1])
        if label["meant"] == "ambiguous":
            wanted = {b for b, n in label["bearers"].items() if n >= max(1, counts[0] / 3)}
            if dominant or set(label["offer"]) != wanted:
                problems.append(f"{where}: ambiguous, but offer {label['offer']} is not {sorted(wanted)}")
        else:
            if not dominant or max(label["bearers"], key=label["bearers"].get) != label["meant"]:
                problems.append(f"{where}: {label['meant']} does not dominate {label['bearers']}")
            if label["meant"] not in label["names"] or not label["roles"]:
                problems.append(f"{where}: the meant name or the roles missing")
            if not all(lower_nominative(r) for r in label["roles"]):
                problems.append(f"{where}: roles not lower case without quotes: {label['roles']}")
        if set(label["forms"]) != set(label["bearers"]):
            problems.append(f"{where}: forms and bearers name different people")
    return problems


def status_problems(labels: dict) -> list[str]:
    problems = []
    if len(labels["places"]) < 15:
        problems.append(f"only {len(labels['places'])} places (15 needed)")
    for place in labels["places"]:
        where = f"status {place.get('query')!r}"
        if set(place) != PLACE_KEYS:
            problems.append(f"{where}: keys {sorted(set(place) ^ PLACE_KEYS)} wrong")
            continue
        if place["mentions"] < 3 or not place["newest"] or not place["latest_day_items"]:
            problems.append(f"{where}: fewer than 3 mentions, or no newest item")
        if any(item["published"][:10] != place["latest_day"] for item in place["newest"] + place["latest_day_items"]):
            problems.append(f"{where}: an item is not from {place['latest_day']}")
        newest_urls = {item["url"] for item in place["newest"]}
        if not newest_urls <= {item["url"] for item in place["latest_day_items"]}:
            problems.append(f"{where}: the newest item is not among that day's items")
    return problems


def data_problems(who: dict, status: dict, items: list[Item]) -> list[str]:
    """Recount every label from its forms: the numbers must follow from the text."""
    problems = []
    if len(items) != 385:
        problems.append(f"the store has {len(items)} items, not 385")
    for label in who["labels"]:
        for bearer, forms in label["forms"].items():
            if any(not naming([f], items) for f in forms):
                problems.append(f"who {label['query']!r}: a form of {bearer} the text never writes")
            if len(naming(forms, items)) != label["bearers"][bearer]:
                problems.append(f"who {label['query']!r}: {bearer} is in {len(naming(forms, items))} items")
    for place in status["places"]:
        hits = naming(place["forms"], items)
        newest = max((i.published for i in hits), default=None)
        urls = {i.url for i in hits if i.published == newest}
        if len(hits) != place["mentions"] or urls != {item["url"] for item in place["newest"]}:
            problems.append(f"status {place['query']!r}: recounted {len(hits)} items, newest {sorted(urls)}")
    return problems


def main() -> None:
    who = json.loads((HERE / "ru_who.json").read_text(encoding="utf-8"))
    status = json.loads((HERE / "ru_status.json").read_text(encoding="utf-8"))
    problems = who_problems(who) + status_problems(status)
    if len(sys.argv) > 1:
        problems += data_problems(who, status, store_items(Path(sys.argv[1])))
    for problem in problems:
        print(problem)
    people = sum(label["meant"] != "ambiguous" for label in who["labels"])
    print(f"{people} people, {len(who['labels']) - people} ambiguous, {len(status['places'])} places: ", end="")
    print(f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
