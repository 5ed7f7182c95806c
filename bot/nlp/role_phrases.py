"""A general reading of the role phrase the text sets beside a name, from the words and their tags.

The rules in roles.py each read one form ("Foreign Minister Tom Vance", "Tom Vance, the chairman,")
from the dependency parse, and the parse of the small model often hangs a plain phrase elsewhere.
Where none of them finds a role, this reads the places a phrase naming someone's post stands,
whatever the parse: right before the name ("The poet Ann Lee writes"), after the name's comma
("Ann Lee, a popular local politician and member of …"), after "is", "was" or "became", also
where the link is joined to the name's verb ("Ann Lee is a senior research associate in …",
"graduated and became a teacher"), before a comma or dash the name closes ("The chief prosecutor
at the ICC, Ann Lee, said"), and the subject's own role taken up "as" a post ("takes on her new
role as chairwoman"). The phrase is a run of describing words ending in a noun that names a
person by what they do (`person_noun`), with what the post is of, at or for. The analysis marks
these roles loose; they rank below any a rule read (storage/queries.py, LOOSE_ROLE_WEIGHT).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.person_nouns import OFFICES as _OFFICES
from bot.nlp.person_nouns import PERSON_NOUNS as _PERSON_NOUNS
from bot.nlp.roles import (
    AGENT_ENDINGS,
    BODY_NOUNS,
    CREDIT_LABELS,
    GENERIC,
    ITEM_LABELS,
    LETTERED_POSTS,
    MAX_OF_ROLE_WORDS,
    MAX_ROLE_WORDS,
    NAMED_POSTS,
    NOT_PERSON_NOUNS,
    POST_QUALIFIERS,
    PRAISE,
    ROLE_HEADS,
    TIME_MARKS,
    TITLE_ABBREVIATIONS,
    introduces_next,
    singular,
)
from domain.names import HONORIFICS

# Nouns in "-er", "-or", "-ent", "-ant" … that name a thing, not someone ("a major player" is
# someone; "a major factor", "the water", "a number" are not): the ones news sets beside a name.
_THINGS = frozenset(
    {"water", "number", "matter", "paper", "order", "power", "letter", "computer", "corner", "center", "chapter",
     "cancer", "tower", "river", "summer", "winter", "weather", "dinner", "finger", "shoulder", "quarter", "murder",
     "disorder", "poster", "theater", "banner", "container", "transfer", "register", "danger", "manner", "border",
     "error", "sector", "factor", "motor", "mirror", "floor", "door", "color", "colour", "honour", "honor", "favour",
     "labour", "labor", "behaviour", "rumour", "humour", "event", "content", "percent", "accident", "incident",
     "element", "talent", "parent", "moment", "comment", "segment", "giant", "plant", "grant", "restaurant",
     "account", "amount", "front", "point", "print", "hint", "joint", "court", "report", "sport", "support", "effort",
     "comfort", "resort", "airport", "passport", "desert", "concert", "dessert", "expert", "word", "record", "board",
     "standard", "award", "guard", "reward", "card", "yard", "lawn", "town", "brother", "mother", "father", "sister",
     "daughter", "partner", "member", "character", "other", "answer", "cover", "fever", "silver", "career",
     "layer", "user", "trailer", "thriller", "blockbuster", "sticker", "flyer", "folder", "filter", "trigger",
     "owner", "human", "woman", "man", "german", "roman", "shaman", "origin", "reign", "canyon", "dragon",
     "budget", "target", "market", "ticket", "jacket", "pocket", "racket", "rocket", "bucket", "basket", "planet",
     "hundred", "thousand", "second", "minute", "hour", "year", "month", "week", "day", "time", "lot", "bit",
     "ancient", "patient", "recent", "current", "urgent", "silent", "different", "present", "absent", "frequent",
     "apparent", "violent", "evident", "excellent", "efficient", "sufficient", "brilliant", "significant",
     "important", "relevant", "vacant", "pregnant", "elegant", "distant", "constant", "instant", "pleasant",
     "radiant", "abundant", "dominant", "vibrant", "ignorant", "arrogant", "tolerant", "reluctant"}
)  # fmt: skip
# Someone by a habit, a belief, a liking, a trait or a standing, not a post ("a heavy smoker",
# "a lifelong supporter", "an optimist", "a newcomer").
_NOT_POSTS = frozenset(
    {"supporter", "follower", "admirer", "lover", "believer", "sufferer", "carrier", "holder", "subscriber",
     "descendant", "ancestor", "neighbor", "neighbour", "smoker", "drinker", "gambler", "sleeper", "gardener",
     "walker", "reader", "traveller", "traveler", "visitor", "vegetarian", "vegan", "newcomer", "stranger",
     "perfectionist", "gentleman", "fighter", "dreamer", "optimist", "pessimist", "learner", "bloomer", "loner",
     "communicator", "competitor", "operator", "pioneer", "trailblazer", "traitor", "predator", "populist",
     "dubliner", "londoner", "yorker", "pacesetter", "scorer", "beater", "pleaser", "changer", "troublemaker",
     "chancer", "realist", "idealist", "romantic", "survivor", "mother", "grandmother", "grandfather", "father",
     "victim", "prisoner", "immigrant", "migrant", "refugee", "citizen", "native", "resident", "owner", "user",
     "customer", "buyer", "seller", "viewer", "listener", "voter", "commuter", "shopper", "donor", "churchgoer",
     "speaker", "denier", "theorist", "sympathiser", "sympathizer", "infiltrator", "civilian", "shareholder",
     "granddaughter", "grandson", "grandchild", "stepdaughter", "stepson", "niece", "nephew", "cousin", "killer",
     "murderer", "liar", "cheat", "fraudster"}
)  # fmt: skip
# A thing's endings ("management", "movement", "conference"), never someone.
_THING_ENDINGS = ("ment", "ness", "ship", "ence", "ance", "ency", "ancy", "ation", "ition", "ture", "ster")
# Endings of someone's name by what they do, beyond the agent's ("chairman", "spokeswoman").
_PERSON_ENDINGS = (*AGENT_ENDINGS, "man", "woman")
# Where a tail stops: a clause, a pronoun, an adverb, a superlative ("… at best").
_TAIL_ENDS = frozenset({"WP", "WDT", "WRB", "VBZ", "VBD", "VBP", "MD", "CC", "PRP", "EX", "RB", "JJS", "RBS"})
# Events a part is played in, not a post held ("the prosecutor in the case", "a passenger on the bus").
_EVENTS = frozenset(
    {"case", "trial", "final", "match", "game", "crash", "accident", "attack", "dinner", "wedding", "race", "bus",
     "van", "car", "flight", "plane", "train", "contest", "ceremony", "inquiry", "inquest", "incident", "shooting"}
)  # fmt: skip
# Verbs of a claim or a denial, by their first letters: what follows is someone's word.
_CLAIMS = ("claim", "alleg", "accus", "deni", "deny", "suspect", "insist")
# Parts played once, not posts ("was a passenger", "a suspect", "an unused substitute").
_ONE_OFF = frozenset(
    {"passenger", "suspect", "substitute", "speaker", "bearer", "winner", "juror", "guest", "witness", "runner-up",
     "victim", "spectator", "bystander", "attendee", "entrant", "nominee", "finalist"}
)  # fmt: skip
# Posts not held (yet): "a future prime minister", "a potential candidate".
_NOT_YET = frozenset({"future", "potential", "would-be", "possible", "likely", "prospective", "aspiring"})
# Standings in a contest, not posts ("the outsider in the best director category").
_STANDINGS = frozenset({"outsider", "underdog", "frontrunner", "front-runner", "hopeful", "contender"})
# Words that judge, not name a post ("a great player", "a real leader"): after "a", a judgement.
_JUDGEMENTS = _NOT_YET | frozenset(
    {"incredible", "superb", "inspirational", "exceptional", "failed", "corrupt", "useless", "honest", "brave",
     "key", "mediocre", "decent", "fine", "hopeless", "legendary", "iconic", "unused", "surprise"}
) | frozenset(
    {"great", "good", "better", "real", "true", "big", "huge", "fine", "brilliant", "fantastic", "wonderful",
     "terrible", "world-class", "natural", "proper", "genuine", "decent", "excellent", "outstanding", "amazing",
     "bad", "poor", "lovely", "nice", "strong", "weak", "tough", "young", "old", "little", "massive", "perfect",
     "complete", "total", "typical", "classic", "serious", "bit", "kind", "sort", "lot", "such", "keen", "avid",
     "passionate", "die-hard", "lifelong", "devoted", "heavy", "fast", "born", "proven", "shrewd", "fierce",
     "notorious", "frequent", "regular", "prolific", "gifted", "dangerous", "firm", "reformed", "early", "late",
     "much-loved", "talented"}
)  # fmt: skip
# Words that open the phrase and say which one ("a", "the", "his"), and adverbs between "is" and it.
_OPENERS = frozenset({"DT", "PRP$"})
_LINKS = frozenset({"is", "was", "remains", "became", "becomes"})
# After "was", a post held then: given as a former one ("Ann Lee was a teacher" -> "former teacher").
_PAST_LINKS = frozenset({"was"})
# What a post is of, at or for ("director of telecoms research", "envoy for Covid-19").
_OF = frozenset({"of", "at", "for", "in", "to"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "hardly", "scarcely", "barely"})
_DESCRIBING_TAGS = frozenset({"JJ", "JJR", "NN", "NNS", "VBN", "VBG", "CD", "HYPH", "NNP", "NNPS"})
_NAMED_KINDS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"})
# Capitalised posts that are also surnames ("Bishop"), a post only before what they are of.
_POSTS_OF = frozenset({"bishop", "dean", "duke", "earl", "provost", "rector", "abbot", "warden", "master", "marshal"})
# Ranks and titles abbreviated with a dot before a name.
_RANK_ABBREVIATIONS = TITLE_ABBREVIATIONS | frozenset(
    {"sgt", "pfc", "spc", "pte", "pvt", "cpl", "lt", "col", "capt", "maj", "gen", "adm", "cmdr", "sen", "rep", "gov"}
)
# Words before an abbreviated rank that are part of it ("Staff Sgt.", "Former Det.").
_RANK_QUALIFIERS = frozenset(
    {"staff", "master", "chief", "vice", "rear", "first", "senior", "lance", "former", "retired"}
)
# Titles of address a preceding phrase may set between its comma and the name ("the Rt Rev").
_ADDRESS = HONORIFICS | {"rt", "rev", "hon", "the", "rt.", "rev.", "hon."}


def trade_word(lower: str) -> bool:
    """A word for someone by trade or post, whatever its case: WordNet's ("veterinarian") or a
    compound ending in one of five letters or more ("triathlete", "kickboxer")."""
    if lower in _PERSON_NOUNS or lower in ROLE_HEADS:
        return True
    return len(lower) > 6 and any(lower[k:] in _PERSON_NOUNS for k in range(1, len(lower) - 4))


# Words an office's capitalised name puts before it: its rank or its portfolio ("High
# Commissioner", "Finance Minister"); not any capitalised word: "BBC Appoints Director, Ann Lee,"
# is a caption's verb.
_OFFICE_WORDS = POST_QUALIFIERS | frozenset(
    {"high", "vice", "chief", "senior", "executive", "police", "general", "grand", "lord", "principal", "special",
     "finance", "foreign", "home", "health", "defence", "defense", "education", "justice", "interior", "trade",
     "energy", "environment", "transport", "culture", "economy", "economic", "labour", "labor", "treasury",
     "agriculture", "housing", "security", "communications", "development", "business", "industry", "sports",
     "women"}
)  # fmt: skip


def person_noun(token: Token, plural: bool = False, headline: bool = False) -> bool:
    """A noun that names someone by what they do: a post ("minister", "poet", "PM"), in lower case
    a noun WordNet gives someone by trade ("impresario", "tight end"; data/person_nouns.txt) or an
    agent noun ("criminalist", "watcher", "chairwoman") that is not a thing's word, or an office
    inside a capitalised phrase ("the British High Commissioner")."""
    lower = token.lower_.rstrip(".")
    # "England number eight", "world number one": a place in a team or a ranking.
    if token.tag_ == "CD" and token.is_alpha and token.i > 0 and token.doc[token.i - 1].lower_ == "number":
        return True
    # ("criminalist", "nationalist" tagged an adjective: in lower case still someone.)
    misread = token.tag_ == "JJ" and token.is_lower and lower.endswith(("ist", "ian"))
    if plural:
        # ("MotoGP riders Ann Lee and …": the tagger may read a plural post as a verb.)
        if token.tag_ not in {"NNS", "NNPS", "VBZ"} or not lower.endswith("s"):
            return False
        lower = singular(lower)
    elif token.tag_ not in {"NN", "NNP"} and not misread:
        return False
    if token.is_title and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "of":
        if lower in _POSTS_OF:  # "the Bishop of Winchester"
            return True
    following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
    # "a member of the Scottish Parliament", "a partner at the firm": a post by what it is of (not
    # "a member of the public", "of the jury").
    if lower in {"member", "partner", "fellow"} and following in {"of", "at"}:
        of = token.doc[token.i + 2 : token.i + 4]
        return not any(t.lower_ in {"public", "jury", "audience", "crowd", "family", "household"} for t in of)
    if lower in NOT_PERSON_NOUNS or lower in BODY_NOUNS or lower in CREDIT_LABELS or lower in _STANDINGS:
        return False
    if lower in NAMED_POSTS or lower in TITLE_ABBREVIATIONS:
        return True
    if lower in _NOT_POSTS:
        return False
    # (A capitalised word that is no known post is as often a name: "Walter", "Cooper"; but a
    # headline capitalises every word: "Ann Lee, Mobster Turned Memoirist, Dies".)
    # ("Cartoonist Ann Lee documents …": opening its sentence, a lower-case word capitalised)
    opening = token.is_title and (token.is_sent_start or token.i == 0) and token.ent_type_ != "PERSON"
    cased = token.is_lower or (headline and token.is_title) or opening
    if not cased:
        # ("the British High Commissioner to Fiji": an office inside a capitalised phrase)
        inside = token.i > 0 and not token.is_sent_start and _describing(token.doc[token.i - 1])
        office = token.is_title and token.ent_type_ != "PERSON" and lower in _OFFICES
        return inside and office and not _headline(token)
    if lower in _THINGS:
        return False
    # ("Impresario Ann Lee", "the UN mediator", "a tight end": one word or two; not "Sir Ann Lee")
    pair = f"{token.doc[token.i - 1].lower_} {lower}" if token.i > 0 else ""
    if (lower in _PERSON_NOUNS and lower not in HONORIFICS) or pair in _PERSON_NOUNS:
        return True
    if len(lower) < 5 or lower.endswith(_THING_ENDINGS):
        return False
    return lower.endswith(_PERSON_ENDINGS)


def _headline(token: Token) -> bool:
    """Whether `token` is on the text's first line and that line is a headline's, every word of
    more than three letters capitalised (read once per text: a long text without a line break
    would otherwise be scanned for every name)."""
    doc = token.doc
    if "newsbrief_first_line" not in doc.user_data:
        line = next((t.i for t in doc if "\n" in t.whitespace_ or "\n" in t.text), len(doc) - 1)
        words = [t for t in doc[: line + 1] if t.is_alpha and len(t) > 3]
        titled = len(words) >= 3 and all(t.text[:1].isupper() for t in words)
        doc.user_data["newsbrief_first_line"] = line if titled else -1
    return token.i <= doc.user_data["newsbrief_first_line"]


def _describing(token: Token) -> bool:
    """A word of a role phrase before its noun: lower-case describing words and nouns, a body's
    or a nation's capitalised name ("WHO", "German", "New England Patriots"), a post in capitals."""
    if token.ent_type_ == "PERSON" or (token.is_punct and token.text not in {"-", "&", "/"}):
        return False
    if token.text in {"-", "&", "/"} or token.tag_ == "POS":
        return True
    if token.is_lower:
        return (token.tag_ in _DESCRIBING_TAGS and token.is_alpha) or "-" in token.text
    lower = token.lower_
    # ("the British High Commissioner": a word of an office's capitalised name; not in a line
    # that capitalises every word, "BBC Appoints Director, Ann Lee,")
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    before_office = following is not None and following.is_title and following.lower_ in _OFFICES
    office = (
        token.is_title and (lower in _OFFICES or (before_office and lower in _OFFICE_WORDS)) and not _headline(token)
    )
    return (
        office
        or token.ent_type_ in _NAMED_KINDS
        or token.tag_ == "JJ"
        or lower in NAMED_POSTS
        or lower in POST_QUALIFIERS
        or lower in TIME_MARKS
    )


def _of_word(token: Token) -> bool:
    """A word of what a post is of or for: describing words, and any name but a person's
    ("Foreign Affairs", "Covid-19", "Winchester")."""
    hyphened = token.i > 0 and token.doc[token.i - 1].text == "-" and not token.doc[token.i - 1].whitespace_
    stops = {"VBD", "VBZ", "VBN", "MD", "DT", "PRP$", "IN", "RB", "CC"}
    if token.ent_type_ == "PERSON" or (token.tag_ in stops and not hyphened):  # ("Hague-based" whole)
        return False
    # ("research" of "director of telecoms research" the tagger may read as a verb)
    cased = token.is_title or token.is_upper
    return _describing(token) or (token.is_lower and token.is_alpha) or cased or token.like_num or "-" in token.text


# A role read, and the noun of its post ("chief prosecutor at the ICC", "prosecutor").
Reading = tuple[str, Token]


def _found(role: str | None, noun: Token) -> Reading | None:
    return (role, noun) if role else None


def _role(found: Reading | None) -> str | None:
    return found[0] if found else None


def _text(words: list[Token], limit: int = MAX_ROLE_WORDS) -> str | None:
    """The words as the text writes them, past an opening "a", "the" or "his"; None when they are
    no one phrase (a colon, a spaced dash, a hashtag or a question word inside) or too long."""
    while words and (words[0].tag_ in _OPENERS or words[0].is_punct):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].tag_ == "POS"):
        words = words[:-1]
    if not words or len(words) > limit:
        return None
    for token in words:
        spaced = token.text in {"-", "–"} and (token.whitespace_ or token.doc[token.i - 1].whitespace_)
        if token.text in {":", ";", "|"} or spaced or token.text[:1] in {"#", "@"} or token.tag_ in {"WP", "WDT"}:
            return None
    text = "".join(t.text_with_ws for t in words).strip()
    if text[:5].lower() in {"then-", "then–"}:  # "then-Sergeant": a post held then, a former one now
        text = "former " + text[5:]
    return text


def _read(words: list[Token], plural: bool = False, headline: bool = False) -> str | None:
    """The role of a phrase `words` whose last word is its noun, or None."""
    # ("the Sufi figure", "an opposition figure": known, and for what)
    known = len(words) > 1 and words[-1].lower_ in GENERIC and words[-2].lower_ not in _JUDGEMENTS | TIME_MARKS
    if not words or not (person_noun(words[-1], plural, headline) or known):
        return None
    if any(t.tag_ in {"JJS", "RBS"} or t.lower_ in {"only", "first", "last", "next"} for t in words):
        return None  # "the best player", "the first woman": a distinction, not a post
    role = _text(words)
    if role and plural:
        role = role[: len(role) - len(words[-1].text)] + singular(words[-1].text)
    return role


def _with_what(words: list[Token], after: int, headline: bool = False) -> str | None:
    """The phrase `words`, with the "of/at/for …" that follows it from index `after` up to a
    comma, a stop or a clause, read whole when it tidies, else the phrase alone."""
    doc = words[-1].doc
    base = _read(words, headline=headline)
    if base is None or after >= len(doc) or doc[after].lower_ not in _OF:
        return base
    end = after + 1
    while end < len(doc) and end - after <= MAX_OF_ROLE_WORDS and not doc[end].is_punct:
        # ("a doctor in London and his wife …", "… until she retired", "… at best": a clause or
        # a judgement, not where the post is held)
        token = doc[end]
        if token.tag_ in _TAIL_ENDS or token.is_space or (token.tag_ == "IN" and token.dep_ == "mark"):
            break
        # ("used her position as treasurer to push for reform": a purpose, not what the post is of)
        if token.tag_ == "TO" and end + 1 < len(doc) and doc[end + 1].tag_ == "VB":
            break
        # ("a criminalist for the county for thirty years": when, not where, ends it)
        if doc[end].ent_type_ in {"DATE", "TIME"}:
            while end > after + 1 and doc[end - 1].tag_ in {"IN", "DT"}:
                end -= 1
            break
        end += 1
    while end > after + 1 and doc[end - 1].tag_ in {"IN", "DT", "TO"}:
        end -= 1
    if end == after + 1:
        return base
    tail = doc[after:end]
    # ("the prosecutor in the case", "a passenger on the bus": a part in one event, no post)
    # (an event in capitals too, as its name's last word: "the World Cup Final", "the Lockerbie
    # Trial"; not "the Race Equality Taskforce")
    last_of_name = [t for t in tail if t.i + 1 >= len(doc) or not doc[t.i + 1].is_title]
    if any(t.lower_ in _EVENTS and (t.is_lower or t in last_of_name) for t in tail):
        return None
    whole = _text([*words, *tail], MAX_OF_ROLE_WORDS)
    return whole or base


def _run_before(doc, last: int, floor: int) -> list[Token]:  # type: ignore[no-untyped-def]
    """The describing words that end at `last`, walking left no further than `floor`."""
    first = last
    while first - 1 >= floor and _describing(doc[first - 1]) and last - first < 6:
        first -= 1
    # ("4x100m relay gold medallist": a word the tokenizer split is read whole.)
    while first - 1 >= floor and not doc[first - 1].whitespace_ and not doc[first - 1].is_punct:
        first -= 1
    return list(doc[first : last + 1])


def _compound_of(token: Token, words: list[Token]) -> bool:
    """A capitalised word, no name of its own, that the parse makes part of the phrase `words`,
    opening its sentence or after a plain word (not "Breaking News Chelsea striker")."""
    inside = words[0].i <= token.head.i <= words[-1].i
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    opens = before is None or not (before.is_title or before.is_upper)
    compound = token.tag_ == "NNP" and token.is_title and not token.ent_type_ and token.dep_ == "compound"
    return compound and inside and opens and token.lower_ not in ITEM_LABELS  # (nor "Video Fox News host")


def _before_name(span: Span) -> Reading | None:
    """ "The poet Ann Lee writes", "PM Tom Vance says", "WHO's special envoy for Covid-19 Ann Lee",
    "criminalist Tom Vance", "MotoGP riders Carl Penn and Tom Vance": the phrase right before the
    name (past its titles of address, and past the names listed before it)."""
    doc = span.doc
    floor = span.sent.start
    i = span.start - 1
    plural = listed = False
    # "Sgt. Ann Lee", "Pfc. Tom Vance": a rank abbreviated with a dot the tokenizer split off (and
    # the parser may end a sentence at).
    if i >= 1 and doc[i].text == "." and doc[i - 1].is_title and doc[i - 1].lower_ in _RANK_ABBREVIATIONS:
        if span.root.dep_ in {"compound", "nmod"} and span.root.head.i >= span.end:
            return None  # ("The Sgt. Ann Lee Foundation")
        # ("Lt. Cmdr.", "Staff Sgt.", "Former Det.": the whole rank as written)
        first = i - 1
        while first - 1 >= 0 and (
            (doc[first - 1].text == "." and first - 2 >= 0 and doc[first - 2].lower_ in _RANK_ABBREVIATIONS)
            or (doc[first - 1].is_title and doc[first - 1].lower_ in _RANK_QUALIFIERS)
        ):
            first -= 2 if doc[first - 1].text == "." else 1
        return doc[first : i + 1].text, doc[i - 1]
    # "riders Carl Penn and Tom Vance": the list's phrase is each one's, in the singular.
    while i > floor and doc[i].text in {",", "and", "&"} and doc[i - 1].ent_type_ == "PERSON":
        i -= 1
        while i > floor and doc[i - 1].ent_type_ == "PERSON":
            i -= 1
        i -= 1
        plural = listed = True
    if not plural and span.end + 1 < len(doc) and doc[span.end].text in {"and", "&"}:
        plural = doc[span.end + 1].ent_type_ == "PERSON"
    while i > floor and doc[i].lower_.rstrip(".") in HONORIFICS and doc[i].is_title:
        i -= 1
    # "Speaking to Al Jazeera, Sindh health minister, Dr Azra Pechuho said …": a post set off by
    # commas before a name that goes on to speak or act.
    if i - 1 > floor and not listed and doc[i - 1].lower_ in ROLE_HEADS and introduces_next(doc[i]):
        # (set off on both sides: only the post's own words back to the comma before it, not "A
        # friend of the singer, Ann Lee was there")
        k = i - 2
        while k > floor and doc[k].tag_ in {"NN", "NNS", "NNP", "JJ"}:
            k -= 1
        if doc[i - 1].is_lower and doc[k].text == ",":
            i -= 1
    if i < floor:
        return None
    # "director of telecoms research Tom Vance": a post with what it is of before the name.
    of = next((k for k in range(i - 1, max(floor, i - 4) - 1, -1) if doc[k].lower_ in {"of", "for"}), None)
    head = of - 1 if of is not None and of > floor and all(_of_word(t) for t in doc[of + 1 : i + 1]) else i
    if head < floor:
        return None
    post = doc[head]
    headline = _headline(doc[i])
    # ("the lawyer for the family of Ann Lee": what a post is of ends in a noun, not "of", "the late";
    # "manager for video game giant Acme": a noun for someone or a body before the name is the
    # name's own, and the post before it another's)
    last = doc[i].lower_
    owner = person_noun(doc[i]) or last in BODY_NOUNS or last == "giant" or last.endswith(AGENT_ENDINGS)
    if head != i and (doc[i].tag_ not in {"NN", "NNS", "NNP", "NNPS", "CD", "VB", "VBP"} or owner):
        return None
    # "to engineer Tom Vance's exit", "The model Tom Vance built collapsed": a verb, or a noun
    # the name's own clause is about.
    clause = span.root.head
    about = clause.dep_ == "relcl" and clause.head.i == post.i and post.dep_ != "ROOT"
    # "MotoGP riders Ann Lee and Tom Vance" (a plural post the tagger made a verb), but not "The
    # club offers Ann Lee and Tom Vance new deals": after a subject it is the verb.
    before = doc[head - 1] if head > floor else None
    misread = plural and post.tag_ == "VBZ" and (before is None or before.tag_ == "JJ")
    if (post.tag_.startswith("VB") and not misread) or about:
        return None
    # "The ventilator Ann Lee's firm made": before a possessive name, only a known post.
    owned = span.end < len(doc) and doc[span.end].tag_ == "POS"
    if owned and post.lower_ not in NAMED_POSTS:
        return None
    # "the official Tom Vance calendar": a name that itself modifies a noun after it is given no
    # title ("official", "dean" are read only where set off: "A Chinese official, Wang Lei,").
    # (Not the last of a list after a plural post, "riders Ann Lee and Tom Vance crash …", which
    # the parser may run into the noun after it.)
    after = doc[span.end] if span.end < len(doc) else None
    misread = listed and after is not None and after.is_lower and after.dep_ in {"ROOT", "conj"}
    modifies = span.root.dep_ in {"compound", "nmod", "amod"} and span.root.head.i >= span.end and not misread
    if modifies or (post.lower_ in NAMED_POSTS and post.lower_ not in ROLE_HEADS):
        return None
    # ("former Westlife star Carl Penn and Tom Vance": a post in the singular is the first one's.)
    if listed and post.tag_ not in {"NNS", "NNPS", "VBZ"}:
        return None
    words = _run_before(doc, head, floor)
    # ("Liberal Democrat spokeswoman …": a capitalised word the parser hangs on the phrase is a
    # word of its body's name, not a name before it)
    while words[0].i > floor and not headline and _compound_of(doc[words[0].i - 1], words):
        words.insert(0, doc[words[0].i - 1])
    opening = doc[words[0].i - 1] if words[0].i > floor else None
    # (after "to" or a modal a verb; after a person their own phrase; after "#" a hashtag's word)
    if opening is not None and (
        opening.lower_ == "to" or opening.tag_ == "MD" or opening.ent_type_ == "PERSON" or opening.text in {"#", "@"}
    ):
        return None
    # ("Tom Vance coach Ann Lee": a name right before the phrase is whose post it is, or a list.)
    if opening is not None and opening.tag_ in {"NNP", "NNPS"} and not opening.ent_type_:
        return None
    if head != i:
        whole = _text(list(doc[words[0].i : i + 1]), MAX_OF_ROLE_WORDS)
        return _found(whole if whole and person_noun(post) else _read(words), post)
    plural = plural and post.tag_ in {"NNS", "NNPS", "VBZ"}
    if plural and words[0].tag_ == "CD":  # ("The two drivers Ann Lee and Tom Vance")
        words = words[1:]
    # "Winners Ann Lee and Tom Vance": a standing alone, praise; "World Cup winners" name it.
    if plural and len(words) == 1 and singular(post.lower_) in PRAISE:
        return None
    return _found(_read(words, plural), post)


def _phrase_after(doc, start: int, owned: bool = False) -> tuple[list[Token], int, bool] | None:  # type: ignore[no-untyped-def]
    """The describing words from `start` (past "a", "the", "his"), up to the first word that is
    none, and where they end; or None when a negation or nothing is there."""
    i = start
    while i < len(doc) and doc[i].tag_ in {"RB"} and doc[i].lower_ not in _NEGATIONS:
        i += 1
    if i < len(doc) and doc[i].lower_ in _NEGATIONS:
        return None
    indefinite = i < len(doc) and doc[i].lower_ in {"a", "an"}
    if i < len(doc) and doc[i].tag_ in _OPENERS:
        i += 1
    first = i
    # (In a headline every word is capitalised: "Ann Lee, Mobster Turned Memoirist, Dies".)
    headline = start < len(doc) and _headline(doc[start])
    if not headline:
        # (an owner's possessive only after a name tagged a person's: "Goldman Sachs, Mr Musk's
        # banker," is a bank)
        i = _past_owner(doc, first) if owned else first
        i = _portfolio_end(doc, i) or i
    while i < len(doc) and i - first < 8 and doc[i].tag_ != "POS":
        cased = headline and doc[i].is_title and doc[i].ent_type_ != "PERSON" and len(doc[i]) > 1
        if not (_describing(doc[i]) or cased):
            break
        i += 1
    words = list(doc[first:i])
    # The phrase ends at its noun: "a senior research associate in …", "a lawmaker who …".
    while words and not person_noun(words[-1], headline=headline):
        words.pop()
    if not words:
        return None
    end = words[-1].i + 1
    after = doc[end] if end < len(doc) else None
    # "a popular local politician and member of …": the first post; "a China … watcher based in".
    ends = after is None or after.is_punct or after.tag_ in {"IN", "WP", "WDT", "VBN", "CC", "TO", "VBG"}
    # ("the DJ sacked after …": a past participle the tagger read as a past tense, hung on the noun)
    ends = ends or (after.tag_ == "VBD" and after.dep_ == "acl" and after.head.i == words[-1].i)
    # (not a piece of a hyphenated word: "was runner-up to …")
    ends = ends and not (after is not None and after.text in {"-", "–"} and not words[-1].whitespace_)
    if not ends or (indefinite and words[0].lower_ in _JUDGEMENTS):
        return None
    # "is a winner", "a star", "a leader": after "a" alone, praise, not a post.
    if indefinite and len(words) == 1 and words[0].lower_ in PRAISE:
        return None
    return words, end, headline


def _past_owner(doc, first: int) -> int:  # type: ignore[no-untyped-def]
    """ "President Trump’s former campaign manager", "Ms Jowell's deputy": past a capitalised
    owner's possessive that opens the phrase (at most three words), else `first`."""
    owner = next((k for k in range(first + 1, min(first + 4, len(doc))) if doc[k].tag_ == "POS"), None)
    if owner is None or not all(t.is_title or t.is_upper for t in doc[first:owner]):
        return first
    return owner + 1


def _portfolio_end(doc, first: int) -> int | None:  # type: ignore[no-untyped-def]
    """ "Commerce and Industry Minister", "Culture, Media and Sport Secretary": a portfolio's
    capitalised words joined by "and" before an office; where the office ends, else None."""
    k, joined = first, False
    while k < len(doc) and k - first < 7:
        token = doc[k]
        if token.is_title and token.lower_ in _OFFICES:
            return k + 1 if joined and k > first else None
        if token.lower_ in {"and", "&"} or (token.text == "," and k > first):
            joined = joined or token.lower_ in {"and", "&"}
        elif not token.is_title or token.ent_type_ == "PERSON":
            return None
        k += 1
    return None


def _after_name(span: Span) -> Reading | None:
    """ "Ann Lee, a popular local politician and member of the ANC,", "Ann Lee, 94, Tireless
    Advocate for Clean Energy, Dies", "Ann Lee is a doctor in New York City", "Tom Vance was a
    criminalist": the phrase after the name's comma or after "is"/"was"."""
    doc = span.doc
    i = span.end
    link = None
    if i < len(doc) and doc[i].text == ",":
        i += 1
        # (an age between two commas: "Ann Lee, 94, …", then maybe "is a paramedic")
        if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].text == ",":
            i += 2
            if i < len(doc) and doc[i].lower_ in _LINKS:
                link = doc[i]
                i += 1
        # ("Ann Lee, she is the chairman of …": the name opening its sentence, then what the text
        # says she is; not "At Acme, she was …", "The daughter of Tom Vance, she is …")
        elif (
            span.start == span.sent.start
            and i + 1 < len(doc)
            and doc[i].lower_ in {"he", "she"}
            and doc[i + 1].lower_ in _LINKS
        ):
            link = doc[i + 1]
            i += 2
        elif i < len(doc) and doc[i].tag_ == "WP" and (later := _later_link(span) or _relative_link(span, doc[i])):
            link = later
            i = later.i + 1
    elif i < len(doc) and doc[i].lower_ in _LINKS:
        link = doc[i]
        i += 1
    # ("Ann Lee will remain prime minister": the post she holds and goes on holding)
    elif i + 1 < len(doc) and doc[i].lower_ == "will" and doc[i + 1].lower_ == "remain":
        link = doc[i + 1]
        i += 2
    elif (later := _later_link(span)) is not None:
        link = later
        i = later.i + 1
    else:
        return None
    if link is not None and _unasserted(span):
        return None
    # ("was appointed head coach", "is named captain": an act, and the post a current one)
    if link is not None and i < len(doc) and doc[i].tag_ in {"VBN", "VBD"}:
        return None
    found = _phrase_after(doc, i, owned=span.label_ == "PERSON")
    if found is None:
        return None
    words, end, headline = found
    if link is None and end < len(doc) and introduces_next(doc[end]):
        return None
    # A noun for someone that is no known post ("a watcher", "a criminalist") is one only with
    # what it is of ("an online media watcher") or where it is held ("… at Human Rights Watch").
    after = doc[end + 1 : end + 3]
    placed = (
        end < len(doc)
        and doc[end].lower_ in _OF
        and any((t.is_title or t.is_upper) and t.ent_type_ not in {"DATE", "PERSON"} for t in after)
    )
    described = any(t.tag_ in {"NN", "NNS", "NNP", "NNPS"} or t.ent_type_ for t in words[:-1])
    joined = words[-1].lower_ in {"member", "partner", "fellow"}  # "a member of the group": of what
    lettered = words[-1].is_upper and words[-1].lower_ in LETTERED_POSTS  # "Tom Vance, the DJ sacked after …"
    if words[-1].lower_ not in NAMED_POSTS and not (placed or described or joined or lettered):
        return None
    if words[-1].lower_ in _ONE_OFF:
        return None
    role = _with_what(words, end, headline)
    if role and link is not None and link.lower_ in _PAST_LINKS and words[0].lower_ not in TIME_MARKS:
        role = f"former {role}"
    return _found(role, words[-1])


def _later_link(span: Span) -> Token | None:
    """ "Ann Lee graduated and became a teacher": a link joined to the verb the name is the
    subject of, in the same sentence."""
    root = span.root
    if root.dep_ != "nsubj":
        return None
    verb = root.head
    # ("Ann Lee, who disappeared in 2006, was a drug dealer": the name's own link, past a clause)
    if verb.i > span.end and verb.lower_ in _LINKS and any(c.dep_ == "attr" for c in verb.children):
        return verb
    # (not a joined clause with its own subject: "Tom Vance lost and Ann Lee became leader")
    joined = [
        c
        for c in verb.children
        if c.dep_ == "conj" and c.i > span.end and not any(k.dep_ in {"nsubj", "nsubjpass", "expl"} for k in c.children)
    ]
    return next(
        (v for v in joined if v.lower_ in _LINKS and any(c.dep_ == "attr" for c in v.children)),
        None,
    )


def _relative_link(span: Span, who: Token) -> Token | None:
    """ "said Ann Lee, who is a senior adviser to …": the present link of the relative clause on the
    name (not "who was a student at the time": a past one tells of then, not of a former post)."""
    link = who.head
    on_name = link.dep_ == "relcl" and link.head.i in range(span.start, span.end)
    present = link.lower_ in _LINKS - _PAST_LINKS
    if who.dep_ == "nsubj" and on_name and present and any(c.dep_ == "attr" for c in link.children):
        return link
    return None


def _unasserted(span: Span) -> bool:
    """Whether what the sentence says of the name is not the text's own statement: inside a
    quotation ('"Ann Lee is a Russian agent," he claimed') or a condition ("If Ann Lee was a
    doctor, …")."""
    sentence = span.sent
    before = span.doc[sentence.start : span.start]
    quotes = sum(1 for t in before if t.text in {'"', "“", "”", "‘", "’"} or t.tag_ in {"``", "''"})
    claimed = any(t.lower_.startswith(_CLAIMS) for t in span.root.ancestors)
    return quotes % 2 == 1 or claimed or any(t.lower_ in {"if", "whether", "unless"} for t in before)


def _before_comma(span: Span) -> Reading | None:
    """ "The chief prosecutor at the Hague-based ICC, Ann Lee, is …", "A New Hampshire lawmaker,
    Tom Vance, beat …", "the Bishop of Winchester, the Rt Rev Tom Vance, said": a phrase, then
    the name between two commas."""
    doc = span.doc
    floor = span.sent.start
    dashed = span.start > floor and doc[span.start - 1].text in {"-", "–", "—"} and doc[span.start - 1].whitespace_
    # ("the nomination of a new election administrator - Ann Lee.": a spaced dash, the name last)
    # ("The coach, Tom Vance (pictured), said": a bracket after the name closes it too)
    closes = {".", "!", "?"} if dashed else {",", ")", "(", "-", "–"}
    # ("A veteran jihadist, Ann Lee was killed …": a phrase opening the sentence, then the name
    # as the subject of what follows.)
    root = span.root
    # (the parse may make the phrase the subject and the name its apposition)
    subject = root.dep_ in {"nsubj", "nsubjpass"} or (
        root.dep_ == "appos" and root.head.i < span.start and root.head.dep_ in {"nsubj", "nsubjpass"}
    )
    # (not "The auditor, Grant Thornton said it would …": a firm's "it"; nor "The goalkeeper, Ann
    # Lee added, was the best": the name is the source, set off with its verb)
    firm = any(t.lower_ in {"it", "its"} for t in doc[span.end : span.sent.end])
    source = span.end + 1 < len(doc) and doc[span.end].tag_.startswith("VB") and doc[span.end + 1].text == ","
    # ("British Paralympic powerlifter, Ann Lee takes you …": the phrase may open the sentence bare)
    # (not a letter's greeting: "Dear editor, Ann Lee writes")
    bare = doc[floor].tag_ in {"DT", "JJ", "NN", "NNP"} and doc[floor].lower_ != "dear"
    subject = subject and not dashed and not firm and not source and bare
    if span.end < len(doc) and doc[span.end].text not in closes and not subject:
        return None
    if span.end >= len(doc) and not dashed:
        return None
    comma = span.start - 1
    while comma > floor and doc[comma].lower_ in _ADDRESS and doc[comma].text != ",":
        comma -= 1
    if comma <= floor or (doc[comma].text != "," and not dashed):
        return None
    # The post right before the comma ("A New Hampshire lawmaker,"), or before what it is of, at
    # or for ("The chief prosecutor at the Hague-based ICC,").
    head = comma - 1
    if head <= floor:
        return None
    if not person_noun(doc[head]):
        at = next((k for k in range(comma - 2, max(floor, comma - 8), -1) if doc[k].lower_ in _OF), None)
        tail = doc[at + 1 : comma] if at is not None else []
        if at is None or not all(_of_word(t) or t.tag_ == "DT" for t in tail) or not person_noun(doc[at - 1]):
            return None
        head = at - 1
    words = _run_before(doc, head, floor)
    k = words[0].i
    region = list(doc[k:comma])
    if len(region) > MAX_OF_ROLE_WORDS:
        return None
    cut = head - k + 1
    opening = doc[k - 1] if k > floor else None
    opens = (opening is None and k == floor) or (opening is not None and opening.i == floor)
    if subject and span.end < len(doc) and doc[span.end].text not in closes and not opens:
        return None
    if dashed and (opening is None or opening.lower_ not in {"a", "an", "the"}):
        return None  # (only a phrase in a sentence: "Presenter - Ann Lee" is a credit's label)
    if opening is not None and opening.tag_ == "DT":
        opening = doc[opening.i - 1] if opening.i > floor else None
    # (after a name or a list: "Ann Lee, the coach, Tom Vance, …" is three people or two; but
    # "Last week, Argentine Economic Minister, Tom Vance, said" is one)
    listed = opening is not None and opening.text == "," and opening.i > floor
    listed = listed and doc[opening.i - 1].ent_type_ not in {"", "DATE", "TIME"}  # (not "Last week,")
    # ("A friend of the singer, Tom Vance,", "The son of a docker, Tom Vance,": the name is the
    # friend's or the son's; the post an object of another noun is no one's here)
    # (after a dash the name ends the sentence as the phrase's: "the nomination of a new election
    # administrator - Ann Lee.")
    event = dashed and opening is not None and opening.lower_ == "of" and _event_before(opening)
    if opening is not None and (opening.ent_type_ == "PERSON" or listed or (opening.tag_ == "IN" and not event)):
        return None
    if cut < len(region):
        return _found(_text(region, MAX_OF_ROLE_WORDS) or _read(words), doc[head])
    return _found(_read(words), doc[head])


_ROLE_NOUNS = frozenset({"role", "job", "post", "position"})
# Verbs by which the subject takes up or holds a role now ("takes on her new role as …"), by
# their first letters (no lemmatizer runs): not "lost", "quit", "applied for", "turned down".
_TAKING = ("take", "took", "start", "began", "begin", "assum", "settl", "continu", "retain", "hold", "held")
# What an acting part is played in: "reprises her role as the President in the new season".
_WORKS = frozenset({"film", "series", "drama", "season", "show", "play", "movie", "episode", "sitcom", "soap"})


# What befalls a post, before "of" and its holder ("the nomination of a new administrator - Ann Lee").
_POST_EVENTS = frozenset(
    {"nomination", "appointment", "election", "selection", "choice", "resignation", "sacking", "dismissal",
     "arrival", "departure", "signing", "return", "death", "arrest", "promotion", "confirmation"}
)  # fmt: skip


def _event_before(of: Token) -> bool:
    """ "the nomination of", not "the daughter of", "the lawyer of": the noun "of" follows is an event."""
    return of.i > 0 and of.doc[of.i - 1].lower_ in _POST_EVENTS


def role_as(span: Span) -> str | None:
    """ "Ann Lee takes on her new role as chairwoman of the Taskforce", "Tom Vance began his job as
    head coach": the subject's own role, job or post "as" a phrase, the object of a verb of
    taking it up or holding it, the subject's own ("his", "her", "their" on the noun)."""
    doc = span.doc
    root = span.root
    if root.dep_ != "nsubj":
        return None
    verb = root.head
    if not verb.lower_.startswith(_TAKING) or any(c.dep_ == "neg" for c in verb.children):
        return None
    for noun in verb.subtree:
        if noun.lower_ not in _ROLE_NOUNS or noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ != "as":
            continue
        if noun.head.i != verb.i and noun.head.head.i != verb.i:  # ("takes on" hangs on "on")
            return None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if not owners or owners[0].lower_ not in {"his", "her", "their"}:
            return None
        found = _phrase_after(doc, noun.i + 2)
        if found is None:
            return None
        words, after, _ = found
        if words[-1].lower_ in _ONE_OFF or any(t.lower_ in _WORKS for t in doc[after : after + 5]):
            return None
        return _with_what(words, after)
    return None


def stated_post(span: Span) -> Token | None:
    """The noun of the post a phrase beside the name states, for telling a person from a body:
    after the name or before the comma it closes, else before it, but not with an "of" or "for"
    ("head of investment bank Acme" is another's post)."""
    found = _after_name(span) or _before_comma(span)
    if found is None:
        found = _before_name(span)
        if found is not None and any(w in {"of", "for"} for w in found[0].lower().split()):
            return None
    return found[1] if found else None


def phrase_role(span: Span) -> str | None:
    """The role a phrase beside the name states, read from the words: before it, after it, or
    before the comma it closes."""
    # (a surname alone is read where the full name is; "Considers Tom Vance", a headline's verb
    # the model ran into the name, has no title before it)
    if len(span) < 2 or (span[0].tag_.startswith("VB") and _headline(span[0])):
        return None
    return _role(
        _before_name(span) or _after_name(span) or _before_comma(span) or _plural_before_comma(span)
    ) or role_as(span)


def _plural_before_comma(span: Span) -> Reading | None:
    """ "two fellow NBA players, Ann Lee and Tom Vance of the Hawks": a plural post, its comma, then
    a list of names joined by "and" that it names; each of them is one (not a list of the post and
    others, "players, coaches, Ann Lee and Tom Vance", nor "friends of the players, Ann Lee and …")."""
    doc = span.doc
    floor = span.sent.start
    first, last = span.start, span.end

    # (a name in the list may be tagged a place: any run of capitalised proper nouns is one)
    def named(token: Token) -> bool:
        return token.ent_type_ == "PERSON" or (token.tag_ in {"NNP", "NNPS"} and token.is_title)

    while first - 2 >= floor and doc[first - 1].text in {",", "and", "&"} and named(doc[first - 2]):
        first -= 2
        while first > floor and named(doc[first - 1]):
            first -= 1
    # (after its "and", a comma closes the list: "Without their captains, Ann Lee and Tom Vance, England …")
    ended = any(t.lower_ in {"and", "&"} for t in doc[first : span.start])
    while last + 1 < len(doc) and doc[last].text in {",", "and", "&"} and named(doc[last + 1]):
        if ended and doc[last].text == ",":
            break
        ended = ended or doc[last].text != ","
        last += 2
        while last < len(doc) and named(doc[last]):
            last += 1
    joined = any(t.lower_ in {"and", "&"} for t in doc[first:last])
    head = first - 2
    if not joined or head < floor or doc[first - 1].text != "," or not person_noun(doc[head], plural=True):
        return None
    # ("Speaking to reporters, Ann Lee and Tom Vance said …": the list is the verb's subject, and the
    # phrase before its comma another clause's)
    if last < len(doc) and (doc[last].tag_.startswith("VB") or doc[last].tag_ == "MD"):
        return None
    words = _run_before(doc, head, floor)
    while len(words) > 1 and words[0].tag_ in {"CD", "DT"}:  # ("the two nurses")
        words = words[1:]
    words = [t for t in words if t.tag_ != "CD"] or words  # ("the firm's two directors")
    k = words[0].i - 1
    while k >= floor and doc[k].tag_ in {"DT", "CD", "PRP$"}:
        k -= 1
    opening = doc[k] if k >= floor else None
    if opening is not None and (opening.text in {",", "and", "or"} or opening.lower_ == "of"):
        return None
    # ("Escorted by police officers, Ann Lee and Tom Vance, both 30, were led …": a clause that opens
    # the sentence before its verb, not a phrase naming the list: "The two nurses, Ann Lee and …")
    if opening is not None and span.sent.root.i >= last:
        return None
    return _found(_read(words, plural=True), doc[head])
