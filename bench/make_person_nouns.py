"""Write bot/nlp/data/person_nouns.txt from WordNet 3.0's noun database (run by hand, once).

role_phrases.person_noun asks whether a word names someone by what they do ("impresario",
"mediator", "commissioner"). Its own lexicon holds the posts news writes most; this list is the
long tail, taken from WordNet rather than guessed word by word:
- a person noun: a lower-case noun of one or two words whose first (most frequent) sense is in
  WordNet's noun.person file, no instance (a named person), under a trade, an office, a sport, a
  calling or a profession (TRADES) by a path through none of the standings a person has by what
  befalls or marks them (STANDINGS: a hostage, a tourist, a thief, a hero, a teen, a fan), and no kin;
- an office (marked ` office`): such a one-word noun under official, head or administrator, five
  letters or more: a post the text may capitalise ("the British High
  Commissioner to Fiji").

Usage: python bench/make_person_nouns.py /usr/share/wordnet   (Debian's wordnet-base package:
`apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb DIR`)"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "bot" / "nlp" / "data" / "person_nouns.txt"
PERSON_FILE = 18  # WordNet's lexicographer file noun.person
RELATIVE = "10235549"  # relative.n.01: kin
# official, head (a person in charge), administrator: posts a text may capitalise
OFFICES = ("10372373", "10162991", "09770472")
# What someone does (the synsets of these words, and all below them).
TRADES = (
    "worker", "professional", "official", "contestant", "performer", "creator", "expert", "serviceman",
    "skilled_worker", "adjudicator", "politician", "lawyer", "scientist", "advocate", "reformer", "businessperson",
    "capitalist", "communicator", "religious_person", "clergyman", "spiritual_leader",
)  # fmt: skip
# What befalls or marks someone, no trade, though WordNet may file it under one.
STANDINGS = (
    "exemplar", "lover", "friend", "juvenile", "unfortunate", "wrongdoer", "bad_person", "traveler", "good_person",
    "novice", "dissenter", "follower", "sick_person", "adult", "beneficiary", "prisoner", "inhabitant",
    "religionist", "adherent", "partisan", "hero", "genius", "witness", "pilgrim", "connoisseur", "aristocrat",
    "sceptic", "skeptic", "graduate", "alumnus", "gunman", "socialist", "communist", "leftist", "rightist",
    "radical", "conservative", "liberal", "moderate", "rebel", "extremist", "amateur", "idol", "party",
    "crack_shot", "bunny", "third_party", "nerd", "geek", "buffoon", "sage", "demigod", "polymath", "visionary",
    "powerhouse", "mistress", "companion", "foe", "workmate", "agnostic", "pagan", "gentile", "gypsy", "saint",
    "witch", "celibate", "spinster", "slave", "initiate", "holdout", "informer", "scab", "hack", "lackey",
    "hireling", "bibliophile", "booster", "patron", "hippie", "lefty", "regular", "heavy", "pedestrian",
    "sycophant", "toady", "servant", "drudge", "fanatic", "enthusiast", "whiz", "wizard", "prodigy", "titan",
    "heavyweight", "stalwart", "stooge", "expatriate", "exile", "emigrant", "dropout", "addict", "amputee",
    "tattletale", "sharpie", "demon", "motormouth", "cog", "sprog", "dogsbody", "puritan", "vigilante", "escort",
    "hermit", "tout", "goldbrick", "canary", "cyberpunk", "mastermind", "protester", "demonstrator",
    "accomplice", "confederate",
)  # fmt: skip
# Two words only under these (a trade, a sport, an office: "tight end", "civil servant"), not
# under "leader", whose senses take in praise ("class act").
PAIR_ROOTS = ("worker", "professional", "official", "contestant", "performer", "creator", "expert", "serviceman")
NOTICE = """\
# Person nouns from WordNet 3.0 (bench/make_person_nouns.py): one word per line; " office" marks
# a post a text may capitalise.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL
# NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or publicity
# pertaining to distribution of the software and/or database. Title to copyright in this
# software, database and any associated documentation shall at all times remain with Princeton
# University and LICENSEE agrees to preserve same.
"""

Synset = tuple[int, list[str], list[tuple[str, str]]]


def synsets(wordnet: Path) -> dict[str, Synset]:
    """Offset -> (lexicographer file, words, pointers) of every noun synset."""
    found: dict[str, Synset] = {}
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue  # the licence at the top
        fields = line.split(" | ")[0].split()
        count = int(fields[3], 16)
        words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * k]) for k in range(count)]
        rest = fields[4 + 2 * count :]
        pointers = [(rest[1 + 4 * k], rest[2 + 4 * k]) for k in range(int(rest[0]))]
        found[fields[0]] = (int(fields[1]), words, pointers)
    return found


def below(found: dict[str, Synset], roots: tuple[str, ...], stops: frozenset[str] = frozenset()) -> set[str]:
    """The synsets under `roots` (hyponyms, all the way down), roots included, not going into
    `stops` (WordNet files a synset under several: "surgeon" is a professional's, and through
    "professional" an adult's, so a standing is left out by the path, not by what lies below it)."""
    seen: set[str] = set()
    todo = [root for root in roots if root not in stops]
    while todo:
        offset = todo.pop()
        if offset not in seen:
            seen.add(offset)
            todo += [target for kind, target in found[offset][2] if kind == "~" and target not in stops]
    return seen


def _senses(found: dict[str, Synset], words: tuple[str, ...]) -> tuple[str, ...]:
    """Every noun.person synset of the words."""
    return tuple(
        offset for offset, (kind, lemmas, _) in found.items() if kind == PERSON_FILE and set(lemmas) & set(words)
    )


def main() -> None:
    wordnet = Path(sys.argv[1])
    found = synsets(wordnet)
    kin = {word for offset in below(found, (RELATIVE,)) for word in found[offset][1]}
    standings = frozenset(_senses(found, STANDINGS))
    offices = {word for offset in below(found, OFFICES, standings) for word in found[offset][1]}
    trades = below(found, _senses(found, TRADES), standings)
    allowed = {word for offset in trades for word in found[offset][1]} | offices
    pairs = {word for offset in below(found, _senses(found, PAIR_ROOTS)) for word in found[offset][1] if "_" in word}
    people: set[str] = set()
    for line in (wordnet / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        word, senses = fields[0], int(fields[2])
        # (two words: "tight end", "prima ballerina", "civil servant")
        if not (word.islower() and word.replace("-", "").replace("_", "").isalpha()) or word in kin:
            continue
        if word not in allowed or ("_" in word and word not in pairs):
            continue
        kind, _, pointers = found[fields[-senses]]  # senses are listed most frequent first
        if kind == PERSON_FILE and not any(pointer == "@i" for pointer, _ in pointers):
            people.add(word)
    lines = [
        f"{word.replace('_', ' ')} office"
        if word in offices and len(word) >= 5 and "_" not in word
        else word.replace("_", " ")
        for word in sorted(people)
    ]
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(NOTICE + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(people)} person nouns, {sum(line.endswith(' office') for line in lines)} offices -> {OUT}")


if __name__ == "__main__":
    main()
