"""Split the /who labels into who_dev.json (2/3) and who_heldout.json (1/3) by the frozen rule of
WHO_RULES.md, from a hand-written list: one label a line,
`store | query | meant | names | roles | bearers` (names, roles: `;`-separated; bearers:
`Full Name=count;...`; for meant `ambiguous` the names are the bearers to offer, roles empty).
Usage: python bench/labels/split_who.py LABELS.txt  (or --check: the two files obey the rule)"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
ABOUT = (
    "/who labels for issue 10, made by hand from the store's text under WHO_RULES.md (frozen before "
    "labelling): store (bbc = bbc-news-summary-dev articles, timeline = news-timeline items), the query a "
    "reader types, who they mean (or 'ambiguous'), the accepted full names and role phrases, or the bearers "
    "that must be offered; bearers = items of the store naming each full name (the forms of one person's "
    "name, with a middle initial or an accent, counted together)."
)


def held_out(store: str, query: str) -> bool:
    return int(hashlib.sha1(f"{store}:{query}".encode()).hexdigest(), 16) % 3 == 0


def parse(line: str) -> dict:
    store, query, meant, names, roles, bearers = (part.strip() for part in line.split("|"))
    label: dict = {"store": store, "query": query, "meant": meant}
    if meant == "ambiguous":
        label["offer"] = [n.strip() for n in names.split(";")]
    else:
        label["names"] = [n.strip() for n in names.split(";")] if names else [meant]
        label["roles"] = [r.strip().lower() for r in roles.split(";") if r.strip()]
    label["bearers"] = {b.split("=")[0].strip(): int(b.split("=")[1]) for b in bearers.split(";") if b.strip()}
    return label


def main() -> None:
    if sys.argv[1] == "--check":
        for part, expected in (("dev", False), ("heldout", True)):
            labels = json.loads((HERE / f"who_{part}.json").read_text())["labels"]
            assert all(held_out(x["store"], x["query"]) == expected for x in labels), part
        print("split ok")
        return
    lines = [x for x in Path(sys.argv[1]).read_text().splitlines() if x.strip() and not x.startswith("#")]
    labels = [parse(line) for line in lines]
    keys = [(x["store"], x["query"]) for x in labels]
    assert len(keys) == len(set(keys)), "one label per store and query"
    for part, wanted in (("dev", False), ("heldout", True)):
        chosen = [x for x in labels if held_out(x["store"], x["query"]) == wanted]
        document = {"about": ABOUT, "rules": "bench/labels/WHO_RULES.md", "labels": chosen}
        (HERE / f"who_{part}.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
        print(part, len(chosen))


if __name__ == "__main__":
    main()
