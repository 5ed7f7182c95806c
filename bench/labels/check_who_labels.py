"""Check a set-aside /who label file without running the bot: its format matches who_dev.json's, no query
(store + query) is in another part (who_dev.json, who_heldout.json … who_heldout32.json), and, with --counts,
every count and verdict follows WHO_RULES.md (for the cnndm and web stores, WHO_RULES_CNNDM.md, and for a file labelled
by WHO_RULES_TAIL.md, those rules: no minimum count, a count of 1 may be offered) when recounted from the text.

Usage: python bench/labels/check_who_labels.py [bench/labels/who_heldout3.json] [--counts ../shared/data]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
EARLIER = (
    "who_dev.json",
    "who_heldout.json",
    "who_heldout2.json",
    "who_heldout3.json",
    "who_heldout4.json",
    "who_heldout5.json",
    "who_heldout6.json",
    "who_heldout7.json",
    "who_heldout8.json",
    "who_heldout9.json",
    "who_heldout10.json",
    "who_heldout11.json",
    "who_heldout12.json",
    "who_heldout13.json",
    "who_heldout14.json",
    "who_heldout15.json",
    "who_heldout16.json",
    "who_heldout17.json",
    "who_heldout18.json",
    "who_heldout19.json",
    "who_heldout20.json",
    "who_heldout21.json",
    "who_heldout22.json",
    "who_heldout23.json",
    "who_heldout24.json",
    "who_heldout25.json",
    "who_heldout26.json",
    "who_heldout27.json",
    "who_heldout28.json",
    "who_heldout29.json",
    "who_heldout30.json",
    "who_heldout31.json",
    "who_heldout32.json",
)
STORES = ("bbc", "timeline", "cnndm", "web")
# The least count a bearer needs to dominate, or to be offered: 250 articles give smaller counts (WHO_RULES_CNNDM.md).
LEAST = {"bbc": (3, 2), "timeline": (3, 2), "cnndm": (1, 1), "web": (1, 1)}
# WHO_RULES_TAIL.md takes the cnndm thresholds for the tail of the bbc and timeline stores.
TAIL_LEAST = {store: (1, 1) for store in STORES}


def format_errors(document: dict) -> list[str]:
    """What breaks the format the scorer (bench/who_status_eval.py) and the earlier files use."""
    errors = [f"missing key {key!r}" for key in ("about", "rules", "labels") if key not in document]
    for label in document.get("labels", []):
        where = f"{label.get('store')}:{label.get('query')}"
        bearers = label.get("bearers")
        if label.get("store") not in STORES or not isinstance(label.get("query"), str):
            errors.append(f"{where}: store must be one of {', '.join(STORES)}, query a string")
        if not isinstance(bearers, dict) or not all(isinstance(c, int) and c >= 1 for c in bearers.values()):
            errors.append(f"{where}: bearers must map each full name to a count of at least 1")
            continue
        if label.get("meant") == "ambiguous":
            offer = label.get("offer") or []
            if len(offer) < 2 or any(name not in bearers for name in offer):
                errors.append(f"{where}: an ambiguous label offers at least two of its bearers")
        else:
            names, roles = label.get("names") or [], label.get("roles") or []
            if label.get("meant") not in names or label.get("meant") not in bearers:
                errors.append(f"{where}: the meant person must be among the names and the bearers")
            if not roles or any(role != role.lower() or not role.strip() for role in roles):
                errors.append(f"{where}: roles must be a non-empty list of lower-case phrases")
    return errors


def overlap_errors(labels: list[dict], path: Path) -> list[str]:
    """Queries asked twice in this file, or already in an earlier part (those have been looked at)."""
    keys = [(x["store"], x["query"]) for x in labels]
    errors = [f"{s}:{q} appears twice" for s, q in sorted(set(keys)) if keys.count((s, q)) > 1]
    for name in (n for n in EARLIER if n != path.name and (HERE / n).exists()):
        document = json.loads((HERE / name).read_text())
        earlier = {(x["store"], x["query"]) for x in document["labels"]}
        skipped = document.get("skipped") or {}
        earlier |= {(store, surname) for store, names in dict(skipped).items() for surname in names}
        errors += [f"{s}:{q} is already in {name}" for s, q in sorted(set(keys) & earlier)]
    return errors


def count_errors(labels: list[dict], data: Path, least: dict[str, tuple[int, int]] = LEAST) -> list[str]:
    """Recount by the plain-regex rule and re-derive each verdict (dominant, or who must be offered)."""
    from who_candidates import store_items
    from who_count import count

    items = {store: store_items(data, store) for store in sorted({label["store"] for label in labels})}
    errors = []
    for label in labels:
        where, bearers = f"{label['store']}:{label['query']}", label["bearers"]
        if label["meant"] != "ambiguous" and count(label["names"], items[label["store"]]) != bearers[label["meant"]]:
            errors.append(f"{where}: {label['meant']} recounts differently")
        # Other bearers were counted with their own forms too, so the bare name can only count fewer.
        errors += [
            f"{where}: {name} recounts higher than {stored}"
            for name, stored in bearers.items()
            if count([name], items[label["store"]]) > stored
        ]
        ranked = [*sorted(bearers.values(), reverse=True), 0]
        top, second = ranked[0], ranked[1]
        dominates, offered = least[label["store"]]
        if label["meant"] == "ambiguous":
            must = {name for name, c in bearers.items() if c >= offered and c >= top / 3}
            if top >= 3 * second or must != set(label["offer"]):
                errors.append(f"{where}: not truly ambiguous as labelled (must offer {sorted(must)})")
        elif " " not in label["query"] and not (
            top >= dominates and top >= 3 * second and bearers[label["meant"]] == top
        ):
            errors.append(f"{where}: {label['meant']} does not dominate the surname")
    return errors


def main() -> None:
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[i - 1] != "--counts"]
    path = Path(args[0]) if args else HERE / "who_heldout3.json"
    document = json.loads(path.read_text())
    errors = format_errors(document) + overlap_errors(document["labels"], path)
    if "--counts" in sys.argv:
        rules = str(document.get("rules", ""))
        least = TAIL_LEAST if rules.endswith(("WHO_RULES_TAIL.md", "WHO_RULES_SINGLE.md")) else LEAST
        errors += count_errors(document["labels"], Path(sys.argv[sys.argv.index("--counts") + 1]), least)
    for error in errors:
        print(error)
    labels = document["labels"]
    print(
        f"{path.name}: {len(labels)} labels, "
        + ", ".join(
            f"{s} {sum(x['store'] == s for x in labels)}" for s in STORES if any(x["store"] == s for x in labels)
        )
        + f"; on a shared surname {sum(len(x['bearers']) >= 2 for x in labels)}"
        + f", truly ambiguous {sum(x['meant'] == 'ambiguous' for x in labels)}"
        + ("; ok" if not errors else f"; {len(errors)} problems")
    )
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
