"""Roles and titles the text gives a person: before the name, in apposition, or after "is"."""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Span, Token

from bot.nlp.person_nouns import PERSON_NOUNS
from domain.names import HONORIFICS, MONTHS, NAME_MONTHS, WEEKDAYS
from domain.roles import COWORKERS

_PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "cc", "conj"})
_COPULAS = frozenset({"is", "was", "'s", "remains", "became", "becomes"})
_PRESENT_COPULAS = frozenset({"is", "'s", "remains", "becomes"})
# A caption's directions ("Tom Vance (right) with his coach") are where someone stands in a photo.
_NOT_ROLES = frozenset(
    {"earlier", "later", "then", "now", "also", "former", "said", "says", "left", "right", "pictured", "above", "below"}
    # "Scroll down for video Tom Vance": what a caption points to, never who someone is.
    | {"video", "footage", "photo", "picture", "image", "clip", "gallery"}
    # "No 1 choice Tom Vance", "the favourite": who is picked for a post, not the post.
    | {"choice", "favourite", "favorite", "pick", "option"}
    # "was part of the team": belonging, not a post.
    | {"part"}
)
# Where someone stands in a photo, in brackets after the name ("Tom Vance (centre)"); "centre" is a
# position too, but never in a caption's brackets.
_PHOTO_PLACES = frozenset({"centre", "center", "top", "bottom", "inset", "front", "middle", "background", "foreground"})
# Words that qualify a post and that the tagger may read as a verb ("shadow foreign secretary",
# "acting chief executive"): right before a title, part of it.
_POST_QUALIFIERS = frozenset({"shadow", "acting", "interim", "deputy", "caretaker", "assistant"})
# Words that say what someone is, not what they do ("the man", "a woman").
# Kin are who someone is to another ("son of a minister"), not a post; but kin of a named person
# ("George Park's brother Tom Park") is how the news identifies someone.
_KIN = frozenset({"son", "daughter", "wife", "husband", "father", "mother", "brother", "sister", "widow"})
# Who someone is to another person ("his rival Tom Vance"): a relation, not a post. But who someone
# works beside ("Mercedes team-mate", "co-star") says what they do: kept as a role, ranked below
# any post (domain/roles.COWORKERS).
_RELATIONS = (
    frozenset({"compatriot", "countryman", "rival", "colleague", "friend", "opponent", "client"})
    # "her predecessor John Magufuli": who held a post before, not which post.
    | frozenset({"predecessor", "successor"})
    | COWORKERS
)
_NOT_TITLES = (
    frozenset({"man", "woman", "men", "women", "person", "people", "boy", "girl", "guy", "one"})
    # A group of people ("the pair Ann Lee and Tom Vance") is never one person's post.
    | frozenset({"pair", "duo", "trio", "couple"})
    | _KIN
    | (_RELATIONS - COWORKERS)
)
_PEOPLE_NOUNS = frozenset({"man", "woman", "boy", "girl"})
# Nouns that say someone is known, not for what: alone ("a personality", "a former member") they
# are no role; with what they are known for ("TV personality", "opposition figure") they are.
_GENERIC = frozenset({"personality", "figure", "character", "individual", "celebrity", "name", "member"})
# Words that mark a post's time, not the post ("former member" is still only a member).
_TIME_MARKS = frozenset({"former", "ex", "ex-", "then", "one-time", "onetime", "late"})
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she"})
# Copulas of a list of people ("Ann Lee and Tom Vance are Olympic champions").
_PLURAL_COPULAS = frozenset({"are", "were"})
_TITLE_PREPOSITIONS = frozenset({"of", "to", "for"})
# After a comma the post may also say where it is held ("Ann Lee, a teacher in rural Peru,",
# "Tom Vance, a professor at Georgetown University,").
_WHERE_PREPOSITIONS = _TITLE_PREPOSITIONS | {"in", "at"}
# "is the outsider in the best director category", "the favourite among": a standing, not a post.
_STANDING_PREPOSITIONS = frozenset({"in", "among"})
_RANKS = frozenset({"only", "first", "last", "next", "latest"})
MAX_ROLE_WORDS = 7
# "current manager of the NatWest Biggin Hill branch": a post with what it is of runs longer.
MAX_OF_ROLE_WORDS = 10
_TAG_MARKS = frozenset({"#", "@"})  # a hashtag's or a handle's first character
_HYPHENS = frozenset({"-", "–"})
# Words an item opens with that label the item, not the person ("Watch Tom Vance's goal",
# "Live Tom Vance ..."): a caption's imperative or a page's tag, never a title.
_ITEM_LABELS = frozenset(
    {
        "watch", "video", "live", "breaking", "listen", "exclusive", "pictured", "update", "analysis",
        "opinion", "review", "explainer", "interview", "podcast", "audio", "photos", "gallery", "read",
        "see", "profile", "obituary", "quiz", "latest", "recap", "highlights",
    }
)  # fmt: skip
# Ranks of the forces and the police, written before a name as its title ("Trooper",
# "Detective Constable Ann Lee").
FORCES_RANKS = frozenset(
    {"fusilier", "trooper", "corporal", "sergeant", "lieutenant", "colonel", "gunner", "sapper", "rifleman",
     "guardsman", "constable", "detective", "inspector", "superintendent", "sheriff", "admiral", "brigadier"}
)  # fmt: skip
# Ranks that are everyday words too, written in capitals before a name ("Major Tom Vance").
_RANK_WORDS = frozenset({"major", "general", "private"})
# Kinds of body a name may follow ("fitness company Bounce", "the band Coldplay"): no post, and
# the name after one is the body's.
BODY_NOUNS = frozenset(
    {"company", "firm", "brand", "band", "charity", "agency", "startup", "start-up", "retailer", "airline",
     "carmaker", "newspaper", "magazine", "website", "app", "label", "chain", "supermarket"}
)  # fmt: skip
# Bodies that govern, never a person's post ("the Juan Guaido government Ann Lee": the name after
# one is a guest's in a list, not the body's, so they are no BODY_NOUNS).
_RULING_BODIES = frozenset({"government", "administration", "ministry", "parliament", "council", "committee"})
# Nouns that name a post, a trade or a standing in a game: what a headline's capitalised
# words before a full name must end with to be a title ("Wales Forward", "Gov."), since a
# headline capitalises every word. A generic list of role nouns, no names.
ROLE_HEADS = frozenset(
    {
        "forward", "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "full-back",
        "captain", "coach", "manager", "boss", "star", "player", "footballer", "cricketer", "batsman",
        "bowler", "golfer", "jockey", "driver", "boxer", "champion", "winner", "seed", "legend",
        "governor", "minister", "president", "senator", "secretary", "chancellor", "mayor", "leader",
        "chief", "chairman", "chairwoman", "director", "executive", "founder", "presenter", "host",
        "producer", "correspondent", "editor", "reporter", "journalist", "actor", "actress", "singer",
        "rapper", "musician", "comedian", "judge", "lawyer", "spokesman", "spokeswoman", "adviser", "advisor",
        "ambassador", "envoy", "general", "commander", "officer", "premier", "mp", "candidate",
        "congressman", "congresswoman", "representative", "lawmaker", "king", "queen", "prince",
        "princess", "pope", "rep.", "gov.", "sen.", "gen.", "pres.", "pm", "ceo", "professor", "analyst",
        "back", "wing", "centre", "fly-half", "scrum-half", "flanker", "prop", "hooker", "lock", "filmmaker",
        "playwright", "activist", "diplomat", "co-ordinator", "coordinator", "strategist", "economist",
        "republican", "democrat", "aide",
        # Trades and standings the news names private people and public ones by ("blogger Ann
        # Lee", "Peru international Tom Vance", "passenger Tom Vance"). No word here is also a
        # common surname ("Bishop", "Cook", "Mason"), since a title-case one is cut from a name.
        "blogger", "vlogger", "climber", "mountaineer", "chef", "nun", "priest", "cleric", "imam",
        "rabbi", "vicar", "guard", "international", "author", "writer", "novelist", "poet", "artist",
        "photographer", "designer", "architect", "engineer", "scientist", "researcher", "doctor",
        "surgeon", "nurse", "psychiatrist", "psychologist", "teacher", "headteacher", "headmaster",
        "headmistress", "lecturer", "fellow", "head", "taoiseach", "tanaiste", "tánaiste", "justice",
        "administrator", "student", "pupil", "model", "dancer", "pianist", "composer",
        "guitarist", "drummer", "broadcaster", "commentator", "pundit", "columnist", "entrepreneur",
        "businessman", "businesswoman", "banker", "investor", "tycoon", "billionaire", "owner",
        "referee", "umpire", "trainer", "cyclist", "sprinter", "swimmer", "athlete", "skier",
        "substitute", "prosecutor", "solicitor", "barrister", "attorney", "pilot", "soldier",
        "veteran", "firefighter", "paramedic", "councillor", "politician", "campaigner", "volunteer",
        "resident", "passenger", "expert", "spokesperson", "superstar", "socialite", "frontman",
        "frontwoman", "suspect", "cinematographer", "choreographer", "screenwriter", "lyricist", "sculptor",
        "curator", "historian", "medallist", "medalist", "inventor", "all-rounder", "rounder",
        # Ranks abbreviated without a dot ("Gen Mark Vance", "Sgt Ann Lee").
        "gen", "sgt", "lt", "col", "capt", "maj", "cpl", "pte", "pvt",
        # Church posts written before a name, a chair, and American football's positions.
        "cardinal", "archbishop", "chair", "receiver", "quarterback", "linebacker",
        # A runner of any distance, who survived; standings in a tournament.
        "runner", "survivor", "critic", "qualifier", "finalist", "semi-finalist", "debutant",
        # Parties to a case, and a post named by the one it matches ("his Israeli counterpart, …").
        "plaintiff", "defendant", "claimant", "counterpart", "translator", "interpreter", "principal", "barber",
        "wicketkeeper", "wicket-keeper", "opener", "schoolgirl", "schoolboy", "skateboarder", "physio",
        "associate", "dj", "magistrate",
    }
)  # fmt: skip
ROLE_HEADS |= FORCES_RANKS
# Posts written in capital letters before a name ("radio DJ Mike Read", "PC Ann Lee"): taken off a
# name of three words or more, never off a stage name of two ("DJ Shadow").
LETTERED_POSTS = frozenset({"dj", "pc", "pm", "mp", "ceo"})
# Places in a team ("Wolves forward", "Brive back"), which a tagger may read as verbs or adverbs.
_POSITIONS = frozenset(
    {"forward", "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "back", "wing", "centre",
     "prop", "hooker", "lock", "flanker", "captain", "coach", "manager", "boss", "star", "player", "international"}
)  # fmt: skip
# Role nouns that are also verbs, adverbs or particles ("back Tom Vance in the vote", "lock Tom
# Vance out"): when the tagger reads one as such, it is a title only after a word describing it
# ("centre back", "teenage forward").
_ALSO_NOT_NOUNS = frozenset(
    {"back", "forward", "lock", "prop", "host", "star", "wing", "centre", "general", "judge", "coach",
     "boss", "captain", "champion", "guard", "hooker", "chief", "model", "pilot", "referee", "trainer",
     "substitute", "lead", "international", "expert", "resident", "veteran", "author", "suspect", "engineer",
     "nurse", "doctor", "counsel", "director", "producer"}
)  # fmt: skip


def _lower_nouns(doc: Doc) -> set[str]:
    """Nouns the document writes in lower case somewhere (computed once per document)."""
    words = doc.user_data.get("newsbrief_lower_nouns")
    if words is None:
        words = doc.user_data["newsbrief_lower_nouns"] = {t.text for t in doc if t.is_lower and t.tag_ in {"NN", "NNS"}}
    return words


# Given names that are agent nouns too.
_AGENT_NAMES = frozenset(
    {"hunter", "archer", "carter", "tyler", "taylor", "tucker", "walker", "porter", "parker", "chandler", "cooper",
     "spencer", "fletcher", "ryder", "sawyer", "baker", "skipper", "grant", "brent", "trent", "vincent", "laurent",
     "christian", "julian", "adrian", "damian", "brian", "sebastian", "fabian", "kristian", "bryant", "victor",
     "connor", "trevor", "hector", "ivor", "nestor", "homer", "warner", "webster", "forrest", "palmer", "fisher"}
)  # fmt: skip


def written_as_noun(token: Token) -> bool:
    """A capitalised agent noun the document also writes in lower case in the plural
    ("Songwriter" beside "songwriters"): a post opening a caption, not a first name."""
    nouns = _lower_nouns(token.doc)
    lower = token.lower_
    # The plural: "the victor" beside "Victor Manuel Ortega" is not enough; and a given name
    # stays one beside its trade ("Hunter S. Thompson" and hunters).
    return token.is_title and lower.endswith(AGENT_ENDINGS) and lower + "s" in nouns and lower not in _AGENT_NAMES


def _first_name_like(token: Token) -> bool:
    """A capitalised word just before a bare surname may be the first name the model left out
    ("Huw" of "Huw Stephens", "Sylvain Distin") or a slogan's "Vote" rather than a title: it
    counts as a title only when the text also uses it as a noun in lower case ("President Bush"
    beside "the president"; a first name never is). Before a full name ("Mayor Ilze Ozola") a
    capitalised word is a title: first names do not stack."""
    if token.is_upper or token.is_lower:
        return False
    return token.lower_ not in _lower_nouns(token.doc)


def _given_name_elsewhere(token: Token, span: Span) -> bool:
    """ "Manjeet Singh Riyat was described …", the model's name "Singh Riyat": a capitalised word
    that is no title, before a name the text elsewhere writes whole with it as one person's
    ("consultant Manjeet Singh Riyat"), is the name's first word."""
    if not token.is_title or token.lower_ in _ABBREVIABLE_TITLES or token.lower_ in _lower_nouns(token.doc):
        return False
    whole = f"{token.text} {span.text}"
    return any(name.startswith(whole) for name in _person_names(token.doc))


def _person_names(doc: Doc) -> list[str]:
    """The texts the model tags PERSON in the document (computed once per document)."""
    names = doc.user_data.get("newsbrief_person_names")
    if names is None:
        names = doc.user_data["newsbrief_person_names"] = [e.text for e in doc.ents if e.label_ == "PERSON"]
    return names


def _last_word(tokens: list[Token]) -> str:
    """The role's last word, whole when hyphenated ("team-mate" of "team", "-", "mate"), lower case."""
    start = len(tokens) - 1
    while start >= 2 and tokens[start - 1].text in _HYPHENS and not tokens[start - 1].whitespace_:
        if tokens[start - 2].whitespace_:
            break
        start -= 2
    return "".join(t.lower_ for t in tokens[start:])


def _late(tokens: list[Token]) -> bool:
    """ "the late singer": "late" says the person has died, it is no part of the post (but
    "late-night host" is a post)."""
    return len(tokens) > 1 and tokens[0].lower_ == "late" and tokens[1].text not in _HYPHENS


def _whole(tokens: list[Token]) -> list[Token]:
    """The tokens widened to whole words: "10,000m champion" (not "m champion"), "European
    co-ordinator" (not "European co"). The tokenizer splits numbers from units and hyphenated
    words into pieces; a role is whole words of the text."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    sent = tokens[0].sent
    start, end = tokens[0].i, tokens[-1].i + 1
    while start > sent.start and not doc[start - 1].whitespace_ and _word_piece(doc[start - 1]):
        start -= 1
    while end < sent.end and not doc[end - 1].whitespace_ and _word_piece(doc[end]):
        end += 1
    if doc[start].text in _HYPHENS:  # a dash glued to a name before it is no part of the role
        start += 1
    if end > start and doc[end - 1].text in _HYPHENS:
        end -= 1
    if start == tokens[0].i and end == tokens[-1].i + 1:
        return tokens
    return [*doc[start : tokens[0].i], *tokens, *doc[tokens[-1].i + 1 : end]]


def _word_piece(token: Token) -> bool:
    """A piece of a word split by the tokenizer: letters, digits, or a hyphen, not a name's."""
    return (token.text in _HYPHENS or token.is_alpha or token.like_num) and token.ent_type_ != "PERSON"


# First pieces that make a hyphenated word an adjective ("out-of-form", "up-and-coming",
# "in-form", "22-year-old"): it describes someone, it names no post ("editor-in-chief" does).
_ADJECTIVE_PIECES = frozenset({"out", "up", "in", "on", "off", "well", "much", "long", "hard"})


def _hyphen_adjective(tokens: list[Token]) -> bool:
    pieces = [t.lower_ for t in _hyphen_pieces(tokens)]
    return len(pieces) > 1 and (pieces[0] in _ADJECTIVE_PIECES or pieces[0].isdigit())


def _past_tense(token: Token) -> bool:
    """ "The 22-year-old pipped Tom Vance": a past tense the tagger read as a noun before a name.
    Nouns in "-ed" are short or end in "-eed" ("seed", "bed")."""
    word = token.lower_
    return word.endswith("ed") and not word.endswith("eed") and len(word) > 4 and word not in ROLE_HEADS


def _tidy(tokens: list[Token], limit: int = MAX_ROLE_WORDS) -> str | None:
    tokens = _whole(tokens)
    # ("all" of "all-rounder" is a piece of the word, not a determiner)
    # (a quoted word opening the title keeps its marks: "'peacemaking' Texas sheriff")
    while tokens and (
        (tokens[0].tag_ in {"DT", "PRP$", "POS"} and tokens[0].whitespace_)
        or (tokens[0].is_punct and not (tokens[0].text in QUOTES and any(t.text in QUOTES for t in tokens[1:-1])))
        or _late(tokens)
    ):
        tokens = tokens[1:]
    # "as they eye captain Tom Vance": a word right after a subject pronoun is its verb.
    pronouns = [k for k, t in enumerate(tokens) if t.lower_ in _SUBJECT_PRONOUNS and t.tag_ == "PRP"]
    if pronouns:
        tokens = tokens[pronouns[-1] + 2 :]
    elif tokens and tokens[0].i > 0 and tokens[0].doc[tokens[0].i - 1].lower_ in _SUBJECT_PRONOUNS:
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS") and not _abbreviation_dot(tokens):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > limit:
        return None
    # "number one", "world number two": a rank whose last word is a number.
    ranked = len(tokens) > 1 and tokens[-2].lower_ == "number" and tokens[-1].tag_ == "CD" and tokens[-1].is_alpha
    # "world No 1": the same rank in figures.
    ranked = ranked or (len(tokens) > 1 and tokens[-2].lower_ in {"no", "no.", "number"} and tokens[-1].is_digit)
    # "co-star" whose last piece the tagger read as an adjective: a hyphenated word is a noun
    # when one of its pieces is.
    # "director of the popular West End musical": a post with what it is of ends in that
    # phrase; the post's own noun is the word before "of".
    of = next(
        (k for k, t in enumerate(tokens) if k and t.lower_ in _WHERE_PREPOSITIONS and tokens[k - 1].whitespace_),
        len(tokens),
    )  # not the "in" of "stand-in"
    pieces = _hyphen_pieces(tokens[:of])
    # "Peru international", "full back": a role noun the tagger read as an adjective or adverb.
    # But "a fellow Scot": "fellow" as an adjective is no post.
    misread = _misread_post(tokens[of - 1]) or (tokens[of - 1].tag_ == "JJ" and _misread_trade(tokens[of - 1]))
    if not any(t.tag_ in {"NN", "NNS", "NNP", "NNPS"} for t in pieces) and not ranked and not misread:
        return None
    # ("United" of "National Nurses United" after "of" is a name's word, not a verb)
    named_of = tokens[-1].is_title and any(t.lower_ == "of" for t in tokens[:-1])
    if _hyphen_adjective(tokens) or (_past_tense(tokens[-1]) and not named_of):
        return None
    # "#BelarusElection" (the "#" a token of its own or not): a hashtag names no post.
    if any(t.text[:1] in _TAG_MARKS or (t.i > 0 and t.doc[t.i - 1].text in _TAG_MARKS) for t in tokens):
        return None
    # "whose brother's killing": a relative clause describes, it names no post.
    if any(t.tag_ in {"WP", "WP$", "WDT"} for t in tokens):
        return None
    # "Watch Tom Vance's goal": a caption's label; "Wow": an interjection.
    # ("Video game developer": a word of a compound noun, not a label.)
    compound = len(tokens) > 1 and tokens[0].tag_ in {"NN", "NNP"} and tokens[1].is_lower and tokens[1].tag_ == "NN"
    labelled = tokens[0].lower_ in _ITEM_LABELS and not tokens[0].is_lower and not compound
    if labelled or any(t.tag_ == "UH" for t in tokens):
        return None
    # "Contributors: Ann Lee - General manager": a colon or a spaced dash separates two phrases
    # (a list's name and its title); a role is one phrase ("full-back" has no spaces).
    if any(t.text in {":", ";"} or (t.text in _HYPHENS and (t.whitespace_ or _spaced_before(t))) for t in tokens):
        return None
    # "over 60m.", "the 100m": a distance or a score is no title (its last word whole: "60", "m.").
    glued = len(tokens) - 1
    while glued > 0 and not tokens[glued - 1].whitespace_:
        glued -= 1
    if any(c.isdigit() for t in tokens[glued:] for c in t.text) and not ranked:
        return None
    titled = len(tokens) > 1 and tokens[-1].lower_ in HONORIFICS and _ordinal(tokens[-2])  # "First Lady"
    former = any(t.lower_ in _TIME_MARKS for t in tokens[:-1])  # "former Beatle": a band's member
    # ("shares rose 5 pc Tom Vance said": the letters of a post only in capitals)
    if tokens[-1].lower_ in LETTERED_POSTS and not tokens[-1].is_upper:
        return None
    lettered = tokens[-1].is_upper and tokens[-1].lower_ in LETTERED_POSTS  # "DJ" taken into "DJ Mike Read"
    person = tokens[-1].ent_type_ == "PERSON" and not _past_a_dash(tokens[-1]) and not lettered
    # ("creator of Family Guy": a post of what the model tags a person is still a post.)
    named = tokens[-1].ent_type_ in {"DATE", "TIME"} or (person and not former and of == len(tokens))
    if tokens[-1].lower_ in _NOT_ROLES or (named and not titled):
        return None
    # What someone is ("the man"), not what they do. But a private person is identified by
    # what the news says of them ("unarmed black man George Floyd", "a 46-year-old Minneapolis
    # man"), and kin of a named person ("George Park's brother Tom Park") by that person.
    last = _last_word(tokens[:of])  # the post's own word: "creator" of "creator of Family Guy"
    # "trampoline fitness company Bounce": a body's kind before its name, no one's post (not
    # where the post is held: "correspondent, Science Magazine").
    comma = next((k for k, t in enumerate(tokens) if t.text == ","), len(tokens))
    if _last_word(tokens[: min(of, comma)]) in _KINDS_OF_BODY:  # nor "Hotel Guests"
        return None
    kin_of_someone = last in _KIN and any(t.ent_type_ == "PERSON" for t in tokens[:-1])
    if last in _NOT_TITLES and not ranked and not kin_of_someone and not _described(tokens):
        return None
    if "-" in last and last.rsplit("-", 1)[-1] in _RELATIONS - COWORKERS:  # "arch-rival", like "rival"
        return None
    # "a personality", "former member": known, but not for what.
    if last in _GENERIC and all(t.lower_ in _TIME_MARKS or t.text in _HYPHENS for t in tokens[:-1]):
        return None
    # A letter ("B" of "B O'Driscoll" in a team sheet) is an initial, never a role.
    if len(tokens) == 1 and sum(c.isalpha() for c in tokens[0].text) < 2:
        return None
    # "slogan Vote" (of "the slogan Vote Blair"): a common noun before a capitalised last word
    # is no title; titles run "Foreign Minister", "foreign secretary", "Chelsea boss".
    post = tokens[:of]  # "editor of gadget magazine Stuff": the check is on the post, not what it is of
    # ("Texas state Senator" is a post, "police spokesman Major" a post and a rank)
    rank_after = post[-1].lower_ in _RANK_WORDS and len(post) > 1 and post[-2].lower_ in ROLE_HEADS
    slogan = post[-1].lower_ not in ROLE_HEADS and not rank_after
    if slogan and len(post) > 1 and post[-1].is_title and post[-2].is_lower and post[-2].tag_ in {"NN", "NNS"}:
        # ("a leading light of the escape Major Tom Vance": the rank alone is his; before a bare surname,
        # "lineman Major Harris", it may be his given name)
        named = post[-1].doc[post[-1].i + 1 : post[-1].i + 3]
        full = len(named) == 2 and all(t.ent_type_ == "PERSON" for t in named)
        return post[-1].text if post[-1].lower_ in FORCES_RANKS | _RANK_WORDS and of == len(tokens) and full else None
    # An entity alone ("Microsoft Bill Gates") is an affiliation, not a role; but one that ends
    # in a role noun ("House Republican", "Labour MP" tagged as a body) names a post.
    # ("Nurse Ann Lee", the post alone tagged a place, still names her post; a party's or a
    # nation's word alone, "Republican", tagged one, is an affiliation.)
    posted = last in ROLE_HEADS or last.split("-")[-1] in ROLE_HEADS  # "co-host"
    alone = len(tokens) == 1 and (tokens[0].ent_type_ in {"NORP", "ORG"} or not tokens[0].is_title)
    # ("Cartoonist Ann Lee documents …", the agent noun opening the sentence tagged a place or a people)
    opening = len(tokens) == 1 and tokens[0].is_sent_start and tokens[0].is_title and _before_person(tokens[0])
    # (not a nation's, a faith's or a club's people: "Canadian", "Presbyterian", "Evertonian")
    demonym = last.endswith("ian") or (tokens[0].ent_type_ == "NORP" and not last.endswith(("ist", "er", "or")))
    if opening and last.endswith(AGENT_ENDINGS) and last not in _AGENT_NAMES | _NOT_AGENTS and not demonym:
        posted, alone = True, False
    # (A post the model ran into a name across a spaced dash, "Ann Lee - director", is no entity.)
    tagged = all(t.ent_type_ for t in tokens) and not _past_a_dash(tokens[0])
    if tagged and not titled and not (posted and not alone):
        return None
    text = "".join(t.text_with_ws for t in tokens).strip()
    # "then-Sergeant": the post held at the time told of, a former one now.
    if text[:5].lower() in {"then-", "then–"} and len(text) > 5:
        text = "former " + text[5:]
    return text if any(c.isalpha() for c in text) else None


def _misread_post(word: Token) -> bool:
    """A role noun the tagger read as an adjective or an adverb, in lower case ("Peru
    international") or opening its sentence ("Paramedic Tom Vance was …")."""
    lower = word.lower_
    cased = word.is_lower or (word.is_title and word.is_sent_start)
    return cased and lower in ROLE_HEADS and lower != "fellow"


def _before_person(word: Token) -> bool:
    """Whether a person's name the model tagged starts right after `word`."""
    after = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return after is not None and after.ent_type_ == "PERSON" and after.ent_iob_ == "B"


def _misread_trade(word: Token) -> bool:
    """A noun for someone by trade, in lower case after "a", "an" or "the", that the tagger read as
    an adjective ("an obstetrician", "a criminalist")."""
    lower = word.lower_
    trade = lower in ROLE_HEADS or lower.endswith(("ian", "ist"))
    return word.is_lower and trade and any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in word.lefts)


def _past_a_dash(token: Token) -> bool:
    """A word the model tagged into a person's name across a spaced dash ("Ann Lee - Senior
    Fellow" as one person): it is the post after the name, not the name."""
    doc = token.doc
    i = token.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
        if spaced_dash(doc[i]):
            return True
    return False


def _abbreviation_dot(tokens: list[Token]) -> bool:
    """ "Lt. Col." before a name: the last dot is the abbreviation's, not the sentence's."""
    dot = tokens[-1]
    word = tokens[-2] if len(tokens) > 1 else None
    after = dot.doc[dot.i + 1] if dot.i + 1 < len(dot.doc) else None
    glued = word is not None and not word.whitespace_ and word.is_title and len(word) <= 4
    return dot.text == "." and glued and after is not None and after.is_title


def _hyphen_pieces(tokens: list[Token]) -> list[Token]:
    """The pieces of the last word: ["co", "-", "star"] of "co-star", [t] of a plain word."""
    start = len(tokens) - 1
    while start >= 2 and tokens[start - 1].text in _HYPHENS and not tokens[start - 1].whitespace_:
        if tokens[start - 2].whitespace_:
            break
        start -= 2
    return [t for t in tokens[start:] if t.text not in _HYPHENS]


def _spaced_before(token: Token) -> bool:
    return token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _described(tokens: list[Token]) -> bool:
    """ "black man", "46-year-old Minneapolis woman": a person noun with words that describe
    them (not "the best man", "the only one")."""
    person = tokens[-1]
    if person.lower_ not in _PEOPLE_NOUNS:
        return False
    described = [t for t in tokens[:-1] if t.dep_ in {"amod", "compound", "nmod", "npadvmod"} or t.ent_type_]
    return bool(described) and not any(t.tag_ in {"JJS", "RBS"} or t.lower_ in _RANKS for t in tokens)


def _ordinal(token: Token) -> bool:
    return token.is_title and (token.ent_type_ == "ORDINAL" or token.lower_ in {"first", "second"})


# Where a rank in figures is held ("world number 127", "WTA No 40").
_RANK_FIELDS = frozenset({"world", "national", "european", "atp", "wta", "fifa", "uefa", "fide", "tour"})


def rank_field(token: Token) -> bool:
    """The field a rank in figures is held in: the world, a tour, a nation ("British number 2")."""
    return token.lower_ in _RANK_FIELDS or (token.ent_type_ == "NORP" and token.is_title)


def premodifier_role(span: Span) -> str | None:
    """ "Russian Foreign Minister Sergei Lavrov" -> "Russian Foreign Minister";
    "Trade and Industry Secretary Patricia Hewitt" -> "Trade and Industry Secretary"."""
    doc = span.doc
    # A name that itself modifies a noun ("Vote Blair posters", "the Tony Blair era") is not
    # being given a title: what precedes it belongs to that noun phrase.
    # But "Tom Vance MP": the parser may hang the name on the letters after it.
    letters = span.end < len(doc) and doc[span.end].is_upper and span.root.head.i == span.end
    # ("Governor Ann Lee pledges action", the parse hanging the name on "action": a capitalised
    # post right before the name is its title whatever noun the name modifies.)
    titled = span.start > 0 and doc[span.start - 1].is_title and doc[span.start - 1].lower_ in ROLE_HEADS
    if span.root.dep_ == "compound" and span.root.head.i >= span.end and not (letters or titled):
        return None
    region: list[Token] = []
    quoted_at: set[int] = set()
    i = span.start - 1
    # "United boss Sir Alex Ferguson": the role is before the honorific.
    honorifics = [t for t in span[:-1] if t.lower_.rstrip(".") in HONORIFICS][:1]
    while i >= span.sent.start and doc[i].lower_.rstrip(".") in HONORIFICS:
        honorifics.insert(0, doc[i])
        i -= 1
    # "First Lady Jill Biden": after an ordinal the honorific is the title's own word.
    titled = bool(honorifics) and i >= span.sent.start and _ordinal(doc[i])
    while i >= span.sent.start:
        token = doc[i]
        glued = token.text in _HYPHENS or token.text == "/"  # "singer/guitarist": two posts in one word
        if glued and not token.whitespace_ and i > span.sent.start and not doc[i - 1].whitespace_:
            region[:0] = [doc[i - 1], token]  # "full-back", "co-chairman": one word split in three
            i -= 2
            continue
        # "scrum-half" whose last piece the parser made an object: the three pieces are one word.
        joined = i - 2 >= span.sent.start and doc[i - 1].text in _HYPHENS
        if joined and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
            region[:0] = [doc[i - 2], doc[i - 1], token]
            i -= 3
            continue
        # "10,000m champion": a number glued to its unit is one word with it, whatever the parse.
        if region and token.i + 1 == region[0].i and not token.whitespace_ and _word_piece(token):
            region.insert(0, token)
            i -= 1
            continue
        # "Former Beatle Sir Paul McCartney": after "former" a name (tagged a person) is the band
        # or team the person was in, a title; a person is never "former".
        if token.ent_type_ == "PERSON" and i > span.sent.start and doc[i - 1].lower_ in _TIME_MARKS:
            region[:0] = [doc[i - 1], token]
            i -= 2
            continue
        # "'shock jock' Tom Vance", "'peacemaking' Texas sheriff Tom Vance": a quoted word or two of the
        # title, as the text writes it (the quote marks kept; no quoted speech: at most three words).
        # ("“Fleabag” creator Ann Lee": a work's title in quote marks before the post's own words.)
        quoted = _quoted_words(doc, i, span.sent.start) or (_quoted_title(doc, i, span.sent.start) if region else None)
        # (quoted speech before a name is no title: only quoted words before the title's own, or a post)
        last_quoted = quoted[-2].lower_ if quoted is not None else ""
        if quoted is not None and (region or last_quoted in ROLE_HEADS or last_quoted.endswith(AGENT_ENDINGS)):
            region[:0] = quoted
            quoted_at.update(t.i for t in quoted)
            break  # (what comes before the quote is the sentence's: "So-called 'life coach'")
        inside = {t.i for t in region}
        # "British number one Tim Henman", "world number 127": the number of a rank hangs on "number";
        # in figures only in a field ("shirt number 10 Lionel Messi", "Fans of number 7" rank nobody).
        ranked = token.is_alpha or (token.is_digit and i - 2 >= span.sent.start and rank_field(doc[i - 2]))
        if token.dep_ == "nummod" and ranked and i > span.sent.start and doc[i - 1].lower_ == "number":
            region[:0] = [doc[i - 1], token]
            i -= 2
            continue
        # "Radio 3 star", "Channel 4 presenter": a figure after a capitalised word is its name's.
        tied = i > span.sent.start and (token.head.i == i - 1 or doc[i - 1].head.i in {i, token.head.i})
        named = tied and doc[i - 1].is_title
        if token.tag_ == "CD" and token.is_digit and named and region and token.i + 1 == region[0].i:
            region[:0] = [doc[i - 1], token]
            i -= 2
            continue
        # "Olympic 10,000 metres champion": a distance's figure before its unit is a word of the title.
        # (the parse may hang the figure on the word before it)
        if token.tag_ == "CD" and token.like_num and region and region[0].i == token.i + 1:
            if region[0].lower_ in _DISTANCE_UNITS:
                region.insert(0, token)
                i -= 1
                continue
        # "Formula One champion": a spelled number inside a capitalised name is a word of it.
        if token.dep_ == "nummod" and token.is_alpha and token.is_title and region and token.head.i == region[0].i:
            region.insert(0, token)
            i -= 1
            continue
        # A name tagged PERSON that modifies the role ("Manchester United boss") is whose role it is.
        # ("radio DJ Mike Read": a post's letters the model took into the name are the title.)
        lettered = token.is_upper and token.lower_ in LETTERED_POSTS and token.head.i in range(span.start, span.end)
        if token.ent_type_ == "PERSON" and token.head.i not in inside and not lettered:
            break
        # "on Tuesday Arsenal captain Tom Vance": a day or month the parser hung on the title
        # ("Sunday Mirror editor" is a paper's name).
        if _dated(token):
            break
        # "Secretary of State Mike Pompeo", "Chief Secretary to the Treasury Paul Boateng": the
        # title's own phrase; the check below keeps it only when it hangs on the title.
        of_phrase = token.dep_ in {"pobj", "det"} or (token.dep_ == "prep" and token.lower_ in _TITLE_PREPOSITIONS)
        if _post_of_name(token, region, span):
            region.insert(0, token)
            i -= 1
            continue
        if (token.dep_ not in _PREMODIFIER_DEPS and not of_phrase) or token.lower_.rstrip(".") in HONORIFICS:
            break
        region.insert(0, token)
        i -= 1
    if titled and region and region[-1].i == honorifics[0].i - 1:
        region += honorifics
    # "Wales back Tom Vance and England centre Carl Penn": a list's "and" after another person
    # ends that person's part; what follows is this one's title. A "former" before the list
    # stays ("former Manchester United and Everton player", the club tagged as a person).
    marks: list[str] = []
    # "Compatriot and seventh seed Tom Vance": who he is to another, then his title; the title.
    for k, token in enumerate(region):
        after_relation = k > 0 and _last_word(region[:k]) in _RELATIONS
        if token.dep_ == "cc" and (after_relation or any(t.ent_type_ == "PERSON" for t in region[:k])):
            marks = [t.text for t in region[:k] if t.lower_ in _TIME_MARKS and t.is_lower]
            region = region[k + 1 :]
            break
    # Keep the longest run that hangs together: every word attached inside it or the name.
    # "Former minister Tom Vance MP": the parser hangs the name and its title on the "MP" after it.
    after = span.end if span.end < len(doc) and doc[span.end].tag_ == "NNP" and span.root.head.i == span.end else None
    while region:
        inside = {t.i for t in region} | set(range(span.start, span.end)) | ({after} if after is not None else set())
        if all(
            t.head.i in inside
            or t.i in quoted_at
            or _rank_beside(t, span)
            or _title_beside(t, span)
            or _post_of_name(t, region, span)
            for t in region
        ):
            if len(region) == 1 and len(span) == 1 and _first_name_like(region[0]):
                return None
            if len(region) == 1 and _given_name_elsewhere(region[0], span):
                return None
            if _stray_noun(region) or _stray_abbreviation(region):
                return None
            qualifier = doc[region[0].i - 1] if region[0].i > span.sent.start else None
            if qualifier is not None and qualifier.lower_ in _POST_QUALIFIERS and qualifier.whitespace_:
                region.insert(0, qualifier)
            # "Tom Vance's recent jibe Tom Vance captained …": a caption run into the text; no one
            # is titled by a thing of their own.
            if qualifier is not None and qualifier.tag_ == "POS" and qualifier.i >= len(span):
                if doc[qualifier.i - len(span) : qualifier.i].text == span.text:
                    return None
            post = _post_of_body(region, span)
            if post is not None:
                return _tidy(post, MAX_OF_ROLE_WORDS)
            role = _tidy(region)
            if role and marks and not role.lower().startswith(marks[0].lower()):
                role = " ".join([*marks, role])
            # "Oscar hopefuls Mike Leigh and Imelda Staunton": each of a list is one.
            listed = span.root.dep_ == "conj" or any(t.dep_ == "conj" for t in span.root.rights)
            if role and listed and region[-1].tag_ == "NNS" and role.endswith(region[-1].text):
                # ("Market studies Ann Lee and …": a plural of a thing is no post.)
                if _thing_plural(region[-1]):
                    return None
                role = _singular_role(role, region[-1].text)
            # "World Cup winners Tom Vance" (the rest of the list elsewhere): one person is no group.
            elif role and region[-1].tag_ in {"NNS", "NNPS"}:
                return None
            return role
        region = region[1:]
    return None


# Units of a race's distance, after its figure in a champion's title ("10,000 metres champion").
_DISTANCE_UNITS = frozenset(
    {"metres", "meters", "metre", "meter", "m", "km", "kilometres", "kilometers", "miles", "mile", "yards"}
)
# Titles news abbreviates before a name that ROLE_HEADS does not hold in their short form.
_TITLE_ABBREVIATIONS = frozenset(
    {"gov", "sen", "rep", "supt", "insp", "det", "prof", "cllr", "cmdr", "pres", "maj", "adm", "brig", "cpl", "pvt"}
)
_ABBREVIABLE_TITLES = ROLE_HEADS | _TITLE_ABBREVIATIONS
# Titles before a name: posts and titles of address.
_TITLES = ROLE_HEADS | HONORIFICS
# A second post joined in an apposition, or kin ("a father and husband").
_POSTS_OR_KIN = ROLE_HEADS | _KIN


def _stray_abbreviation(region: list[Token]) -> bool:
    """ "told by hosts Ant and Dec. Natalie Appleton's decision": a word with a dot that is no
    title's abbreviation ends the sentence before; it is not the name's title."""
    word = region[0]
    short = word.lower_.rstrip(".")
    return len(region) == 1 and word.text.endswith(".") and short not in _ABBREVIABLE_TITLES


def _stray_noun(region: list[Token]) -> bool:
    """ "an outcome at trial Ann Lee was first arrested": a caption run into the text leaves a
    common noun after a preposition before a name; one that names no one is no title."""
    word = region[0]
    before = word.doc[word.i - 1] if word.i > 0 else None
    lone = len(region) == 1 and word.is_lower and word.tag_ in {"NN", "NNS"}
    return lone and before is not None and before.tag_ == "IN" and not names_someone(word)


def _post_of_name(token: Token, region: list[Token], span: Span) -> bool:
    """ "director of rugby Nigel Melville": the parser makes the name the object of "of", so the
    post it is "of" ends the name's title ("director of rugby"), wherever the post hangs; unless
    a post stands right before the name ("the agent of striker Tom Vance")."""
    of = next((t for t in region if t.lower_ == "of"), None)
    return (
        of is not None
        and of.i == token.i + 1
        and of.head.i == token.i
        and span.root.head.i == of.i
        and token.lower_ in ROLE_HEADS
        and span.start > of.i + 1
        # "of rugby", "of security": nouns only ("the coach of teenage sensation Ann Lee" is not).
        and all(t.is_lower and t.tag_ in {"NN", "NNS", "NNP"} for t in token.doc[of.i + 1 : span.start])
        # "the manager of striker Tom Vance": a post right before the name is the name's own.
        and not _names_someone(token.doc[span.start - 1])
    )


def _post_of_body(region: list[Token], span: Span) -> list[Token] | None:
    """ "former leader of the Scottish Labour party Ann Lee attended": the parser makes the name
    the object of "of", so the words before it name the body; the post is the noun "of" hangs on,
    with its own words before it."""
    of = span.root.head
    if span.root.dep_ != "pobj" or of.lower_ != "of" or not span[0].is_title:
        return None
    if region[0].i not in {of.i + 1, of.i + 2}:
        return None
    post = of.head
    if post.lower_ not in ROLE_HEADS or post.i + 1 != of.i or _last_word(region) in ROLE_HEADS:
        return None
    # (a body named in capitals: not "the manager of the hotel Ann Lee stayed at", whose name is
    # another clause's subject)
    if not any(t.is_title or t.is_upper or t.ent_type_ == "ORG" for t in region):
        return None
    return list(span.doc[post.left_edge.i : span.start])


def _opening_quote(doc: Doc, close: int, floor: int, most: int) -> int | None:
    """Where the quote closed by the mark at `close` opens, with one to `most` words between, not
    before `floor`."""
    if doc[close].text not in QUOTES:
        return None
    return next((k for k in range(close - 2, max(floor, close - 1 - most) - 1, -1) if doc[k].text in QUOTES), None)


def _quoted_words(doc: Doc, close: int, floor: int) -> list[Token] | None:
    """The quote marks at `close` and before it, and the one to three lower-case words between them."""
    open_ = _opening_quote(doc, close, floor, 3)
    if open_ is None:
        return None
    words = doc[open_ + 1 : close]
    # (a title's place: after "the", a possessive or a preposition, or opening the sentence;
    # not quoted speech after a verb, "a" or "him": "branded him a 'traitor' Tom Vance said")
    before = doc[open_ - 1] if open_ > floor else None
    placed = before is None or before.lower_ == "the" or before.tag_ in {"POS", "PRP$", "IN"}
    # (not the end of an opening phrase: "Amid the 'crisis' minister Ann Lee flew …")
    if before is not None and before.tag_ != "IN" and before.i > floor and doc[before.i - 1].tag_ == "IN":
        placed = False
    if placed and all(t.is_alpha and t.is_lower and not t.is_stop for t in words):
        return list(doc[open_ : close + 1])
    return None


_TITLE_LINKS = frozenset({"of", "the", "a", "in", "on"})  # (not "and": a role would be cut at it)


def _quoted_title(doc: Doc, close: int, floor: int) -> list[Token] | None:
    """The quote marks at `close` and before it, and the one to four capitalised words of a work's
    title between them ("“Mrs Maisel”"), the quote opening its clause or after an article, a
    possessive, a preposition or a conjunction."""
    # (marks that open and close, not a possessive's apostrophe: "Wales' team physiotherapist")
    if doc[close].text not in QUOTES or doc[close].tag_ == "POS" or doc[close - 1].whitespace_:
        return None
    open_ = _opening_quote(doc, close, floor, 4)
    if open_ is None:
        return None
    words = doc[open_ + 1 : close]
    before = doc[open_ - 1] if open_ > floor else None
    if doc[open_].whitespace_ or (before is not None and not before.whitespace_):
        return None
    placed = before is None or before.is_punct or before.lower_ == "the" or before.tag_ in {"POS", "PRP$", "IN", "CC"}
    titled = words[0].is_title and all(t.is_title or t.is_upper or t.lower_ in _TITLE_LINKS for t in words)
    # (a name's words, not a feeling, "'Devastated' manager", nor a song's words a role would be
    # cut at, "I Will Survive")
    named = any(t.tag_ in {"NN", "NNS", "NNP", "NNPS"} for t in words)
    spoken = any(t.lower_ in _SUBJECT_PRONOUNS for t in words)
    return list(doc[open_ : close + 1]) if placed and titled and named and not spoken else None


def _title_beside(token: Token, span: Span) -> bool:
    """ "London Mayor Ann Lee - appearing on …": a capitalised post right before the name, which
    the parser hangs on the word the name hangs on, is still the name's title."""
    return (
        token.i + 1 == span.start
        and token.is_title
        and token.lower_ in ROLE_HEADS
        and token.dep_ == "compound"
        and token.head == span.root.head
    )


def _rank_beside(token: Token, span: Span) -> bool:
    """ "World number one Tom Vance believes": the parser hangs the rank's "number" on the verb
    the name hangs on; with its number and right before the name, it is still the name's rank."""
    doc = token.doc
    return (
        token.lower_ == "number"
        and token.i + 2 == span.start
        and doc[token.i + 1].dep_ == "nummod"
        and token.head == span.root.head
    )


def apposition_role(span: Span) -> str | None:
    """ "Jack Straw, the foreign secretary," -> "foreign secretary"."""
    # An apposition is set off by a comma, dash or bracket; "Roddick double-faults twice" is a
    # verb the parser read as a noun.
    if span.end >= len(span.doc) or not span.doc[span.end].is_punct:
        return None
    for child in span.root.children:
        # "Ann Lee, Director of the Gulf Studies Center": a post capitalised in a list of guests.
        post = child.tag_ == "NNP" and (child.lower_ in _NAMED_POSTS or child.lower_ in _lower_nouns(child.doc))
        # ("Dr Ann Lee, Consultant Clinical Oncologist at University College Hospital,": a trade in
        # capitals, with words before it or a place after it, that the model tags as nothing.)
        post = post or (child.tag_ == "NNP" and _capitalised_trade(child))
        # ("Ann Lee, an obstetrician and gynecologist who …": a trade's noun the tagger read as an
        # adjective, after its article.)
        misread = child.tag_ == "JJ" and _misread_trade(child)
        owned = _owned_post(child) if child.dep_ == "appos" and child.i >= span.end and child.tag_ == "NNP" else None
        if owned is not None:  # "Ann Lee, the Duchy of Cornwall's Estate Director, said"
            return _tidy(list(span.doc[child.left_edge.i : owned.i + 1]), MAX_OF_ROLE_WORDS)
        if child.dep_ == "appos" and child.i >= span.end and (child.tag_ in {"NN", "NNS"} or post or misread):
            closing = child.right_edge.i + 1
            if closing < len(span.doc) and introduces_next(span.doc[closing]):
                return None
            if child.lower_ in _KIN:
                return _kin_of(child)
            bracketed = child.i > 0 and span.doc[child.i - 1].text == "("
            if bracketed and child.lower_ in _PHOTO_PLACES:
                return None
            # A man or woman may be described; a plural ("Tom Vance, the champions,") is a group.
            if child.lower_ in _NOT_TITLES - _PEOPLE_NOUNS or child.tag_ == "NNS":
                return None
            tokens = [t for t in child.subtree if t.i <= child.i]
            # "the Canadian fashion and retailing executive": the parse may take the first of two
            # joined modifiers for the head; the post is the noun they both modify. (Not "a Labour
            # peer and a human rights lawyer": two posts, each with its own "a".)
            joined = [
                c
                for c in child.rights
                if c.dep_ == "conj"
                and c.tag_ == "NN"
                and c.lower_ in ROLE_HEADS
                and not any(t.dep_ == "det" for t in c.lefts)
            ]
            if joined and child.lower_ not in ROLE_HEADS and any(c.dep_ == "cc" for c in child.rights):
                child = joined[0]
                tokens = list(span.doc[tokens[0].i : child.i + 1])
            # "WorldCom's former number two": the rank's number comes after its noun.
            after = span.doc[child.i + 1] if child.i + 1 < len(span.doc) else None
            if (
                child.lower_ == "number"
                and after is not None
                and after.dep_ == "nummod"
                and (after.is_alpha or after.is_digit)
            ):
                tokens.append(after)
            # "chief executive of Hewlett-Packard", "Chief Secretary to the Treasury": whose post
            # it is belongs to the role.
            # "a figure in the party" is still only a figure: where, for a post, not for a standing.
            where = child.lower_ not in _GENERIC
            of = [
                c
                for c in child.rights
                if c.dep_ == "prep" and (c.lower_ in _TITLE_PREPOSITIONS or (where and _where(c)))
            ]
            if of:
                phrase = [t for t in child.subtree if child.i < t.i <= of[0].right_edge.i]
                # "of the Broadway musical, Night Lights": the phrase ends at its comma; "of student
                # services who now advises …" before its relative clause.
                # (not a title's capitalised "Which?" or "Who": "editor of What Car?")
                relative = next(
                    (k for k, t in enumerate(phrase) if t.tag_ in {"WP", "WDT"} and t.is_lower), len(phrase)
                )
                tokens += phrase[: next((k for k, t in enumerate(phrase) if t.text == ","), relative)]
            # ("head of the UN Office for the Coordination of Humanitarian Affairs": too long whole,
            # the post and what it is of, up to the next preposition; not inside "University of …")
            inner = next(
                (k for k, t in enumerate(tokens) if of and t.i > of[0].i and t.tag_ == "IN" and _inside_name(t)),
                len(tokens),
            )
            return (
                _tidy(tokens, MAX_OF_ROLE_WORDS if of else MAX_ROLE_WORDS)
                or (_tidy(tokens[:inner], MAX_OF_ROLE_WORDS) if inner < len(tokens) else None)
                or _tidy([t for t in child.subtree if t.i <= child.i])
            )
    return None


def _capitalised_trade(head: Token) -> bool:
    """An apposition's head that names someone by trade (WordNet's "Oncologist"), written in capitals with a
    word of its own before it or a preposition after it, none of them tagged as an entity: a
    post's capitalised name, not another person's surname ("Ann Lee, Walker and Baker")."""
    words = [t for t in head.subtree if t.i <= head.i]
    placed = any(c.dep_ == "prep" and c.lower_ in _WHERE_PREPOSITIONS for c in head.rights)
    untagged = not any(t.ent_type_ for t in words)
    trade = head.lower_ in _NAMED_POSTS or head.lower_ in PERSON_NOUNS
    return trade and untagged and (len(words) > 1 or placed)


def _owned_post(body: Token) -> Token | None:
    """ "the Duchy of Cornwall's Estate Director": the parse makes the body the apposition and
    hangs the post, owned by what the body is of, on its "of"; the post."""
    for of in body.children:
        if of.dep_ == "prep" and of.lower_ == "of":
            for post in of.children:
                owner = any(t.tag_ == "POS" for t in post.children) or any(
                    c.dep_ == "poss" and any(t.tag_ == "POS" for t in c.children) for c in post.children
                )
                if post.dep_ == "pobj" and post.lower_ in ROLE_HEADS | _NAMED_POSTS and owner:
                    return post
    return None


def _inside_name(preposition: Token) -> bool:
    """A preposition after a body's capitalised word that a capitalised word follows ("the UN
    Office for the Coordination of …"), not "of" ("University of Nottingham")."""
    doc = preposition.doc
    after = doc[preposition.i + 1 : preposition.i + 3]
    named = preposition.i > 0 and doc[preposition.i - 1].is_title
    return preposition.lower_ != "of" and named and any(t.is_title for t in after)


_APPOSITION_ENDS = frozenset({",", ".", ";", ")", "!", "?"})
_HEAD_POSES = frozenset({"down", "up", "first", "high", "bowed", "held", "low", "in", "lowered", "raised", "back"})


def conjoined_apposition_role(span: Span) -> str | None:
    """ "Otis Ferry, a former Eton pupil and joint leader of the South Shropshire Hunt,": a second
    post joined to the first in the apposition is one too (the first is apposition_role's)."""
    if span.end >= len(span.doc) or not span.doc[span.end].is_punct:
        return None
    for child in span.root.children:
        if child.dep_ != "appos" or child.i < span.end or child.lower_ not in ROLE_HEADS:
            continue
        for conj in child.rights:
            # (its own "a" makes it a separate description: "professor of law and an expert in …")
            if conj.dep_ != "conj" or conj.tag_ != "NN" or conj.lower_ not in _POSTS_OR_KIN:
                continue
            if any(t.dep_ == "det" for t in conj.lefts):
                continue
            # (only inside the apposition: "Tom Vance, the chairman, and the secretary, Ann Lee,")
            if any(t.text == "," for t in span.doc[child.i : conj.i]):
                continue
            tokens = [t for t in conj.subtree if t.i <= conj.i]
            of = [c for c in conj.rights if c.dep_ == "prep" and c.lower_ in _TITLE_PREPOSITIONS]
            if of:
                phrase = [t for t in conj.subtree if conj.i < t.i <= of[0].right_edge.i]
                tokens += phrase[: next((k for k, t in enumerate(phrase) if t.text == ","), len(phrase))]
            return _tidy(tokens, MAX_OF_ROLE_WORDS if of else MAX_ROLE_WORDS)
    return None


def listed_post_role(span: Span) -> str | None:
    """ "Prop Tom Vance and lock Carl Penn return": in a list of people each with a post, the
    tagger may read a post as a verb ("lock"); in lower case right before the name, after "and"
    or a comma, it is still the post."""
    doc = span.doc
    if span.start < 2:
        return None
    post, before = doc[span.start - 1], doc[span.start - 2]
    people = [t for t in doc[max(0, before.i - 4) : before.i] if t.ent_type_ == "PERSON"]
    # The person before has a post of their own ("Prop Tom Vance and lock …"): a list of posts,
    # not "booed Ann Lister and back Tom Vance".
    first = people[0].i if people else 0
    while first > 0 and doc[first - 1].ent_type_ == "PERSON":
        first -= 1
    posted = first > 0 and doc[first - 1].lower_ in ROLE_HEADS
    if post.is_lower and post.lower_ in ROLE_HEADS and before.lower_ in {"and", ",", "&"} and people and posted:
        return post.text
    return None


def plural_post_role(span: Span) -> str | None:
    """ "And playwrights Ann Lee, Tom Vance and Carl Penn will …": a plural post right before a
    list of names, each of whom holds it, that the tagger may read as a verb in "-s"; read from
    the words, since the parse may hang a name of the list on the next word ("… and Tom Vance
    crash")."""
    doc = span.doc
    k = span.start - 1
    while k > span.sent.start and (doc[k].ent_type_ == "PERSON" or doc[k].text in {",", "and", "&"}):
        k -= 1
    joined = span.end + 1 < len(doc) and doc[span.end].text in {",", "and", "&"}
    listed = any(t.ent_type_ == "PERSON" for t in doc[k + 1 : span.start]) or (
        joined and doc[span.end + 1].ent_type_ == "PERSON"
    )
    post = doc[k]
    if not listed or doc[k + 1].ent_type_ != "PERSON":
        return None
    cased = post.is_lower or (post.is_title and post.is_sent_start)
    if not cased or post.tag_ not in {"NNS", "VBZ"} or not post.lower_.endswith("s"):
        return None
    # (Only opening its sentence, after an opening "And" or after a preposition: elsewhere the
    # word may be a verb in "-s", "Smith, 45, coaches Ann Lee and …", "… and backs Ann Lee and …".)
    # ("MotoGP riders …": a word describing the post is the title's.)
    before = doc[post.i - 1] if post.i > span.sent.start else None
    described = before is not None and before.head.i == post.i and before.dep_ in {"amod", "compound"}
    opening = post if not described else before
    ahead = doc[opening.i - 1] if opening.i > span.sent.start else None
    if ahead is not None and not (ahead.tag_ == "IN" or (ahead.tag_ == "CC" and ahead.i == span.sent.start)):
        return None
    single = _singular(post.lower_)
    if single not in ROLE_HEADS or _thing_plural(post):
        return None
    return f"{before.text} {single}" if described else single


def written_apposition_role(span: Span) -> str | None:
    """ "Carly Fiorina, chief of technology giant Hewlett Packard." where the parse hangs the post
    elsewhere: read from the words, a post (ROLE_HEADS, or an agent noun: "a Victorian
    imperialist") right after the name's comma, with the words before it in lower case or a
    people's adjective ("Victorian"), and what it is "of", up to the next stop."""
    found = _written_apposition(span)
    return _tidy(found[0], MAX_OF_ROLE_WORDS) if found else None


def written_apposition_post(span: Span) -> Token | None:
    """The post's own noun of `written_apposition_role` ("chief", "imperialist")."""
    found = _written_apposition(span)
    return found[1] if found else None


def _written_apposition(span: Span) -> tuple[list[Token], Token] | None:
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    i = span.end + 1
    if doc[i].tag_ == "DT":
        i += 1
    words: list[Token] = []
    # "Tom Vance, head down, walked off", "head in hands": how someone holds their head.
    if doc[i].lower_ == "head" and i + 1 < len(doc) and (doc[i + 1].lower_ in _HEAD_POSES or doc[i + 1].tag_ == "VBN"):
        return None
    # "Ann Lee, Hall & Woodhouse's managing director, said": the body that owns the post, first.
    owner = next((k for k in range(i + 1, min(i + 6, len(doc))) if doc[k].tag_ == "POS"), None)
    if owner is not None and all(t.is_title or t.is_upper or t.lower_ in {"&", "of", "and"} for t in doc[i:owner]):
        if doc[i].is_title or doc[i].is_upper:
            words, i = list(doc[i : owner + 1]), owner + 1
    while i < len(doc) and len(words) < MAX_ROLE_WORDS:
        token = doc[i]
        # "a conservative former State Supreme Court Justice": capitals inside a post, not a name.
        cased = token.is_lower or ((token.is_title or token.is_upper) and token.ent_type_ != "PERSON")
        # Words of the post's own noun phrase: "daughter of a farmer" is none.
        # ("managing director", "acting chairman": a participle before the post's noun is its word)
        acting = token.tag_ == "VBG" and i + 1 < len(doc) and doc[i + 1].lower_ in ROLE_HEADS
        # ("BBC News 24 political correspondent": a figure inside a body's capitalised name)
        figure = token.is_digit and bool(words) and words[-1].is_title
        if not ((token.is_alpha or figure) and (cased or figure)):
            return None
        if not (token.tag_ in {"JJ", "NN", "NNS", "NNP", "VBN", "CD"} or acting):
            return None
        words.append(token)
        after = doc[i + 1] if i + 1 < len(doc) else None
        if token.lower_ in ROLE_HEADS or agent_post(token):
            if not token.is_lower and token.lower_ not in ROLE_HEADS:
                return None
            if after is None or after.text in _APPOSITION_ENDS:
                return None if introduces_next(after) else (words, token)
            # "a human rights lawyer and journalist,": two posts, the first the post's own noun.
            second = doc[i + 2] if i + 3 < len(doc) and after.lower_ == "and" else None
            if second is not None and second.is_lower and second.tag_ == "NN" and doc[i + 3].text in _APPOSITION_ENDS:
                if second.lower_ in ROLE_HEADS:  # not "a nurse and grandmother", "doctor and patient"
                    return [*words, after, second], token
            if after.lower_ in _TITLE_PREPOSITIONS | {"at"}:
                end = i + 2
                while end < len(doc) and doc[end].text not in _APPOSITION_ENDS and not doc[end].is_space:
                    end += 1
                # "a student at the time": when, not where the post is held.
                if any(t.lower_ in _TIME_NOUNS for t in doc[i + 1 : end]):
                    return words, token
                return [*words, *doc[i + 1 : end]], token
            # "a Victorian imperialist in Southern Africa who …": the post, then where or who; not
            # "head bowed", "a fellow Scot", "chief among the critics".
            if after.tag_ in {"WP", "WDT"} or (after.tag_ == "IN" and after.lower_ != "among"):
                return words, token
            if not (after.is_lower and after.tag_ in {"NN", "NNS"}):
                return None
        i += 1
    return None


def introduces_next(comma: Token | None) -> bool:
    """ "Speaking to Al Jazeera, Sindh health minister, Dr Azra Pechuho said": a post set off
    by commas and followed by a full name that speaks or acts is that name's, not the one before.
    The name is tagged a person's, or is capitalised words after a title of address."""
    if comma is None or comma.text != ",":
        return False
    doc, i = comma.doc, comma.i + 1
    # (after a person's name the post is that person's apposition: "In a letter to Ann Lee, chief
    # executive, Tom Vance said …")
    opening = comma.i - 1
    while opening > comma.sent.start and doc[opening].text != ",":
        opening -= 1
    named = doc[opening - 1] if doc[opening].text == "," and opening > 0 else None
    # (a capitalised name the model left untagged may be a person's too: "After talks with
    # Erdogan, Turkish president, Vladimir Putin said"; a body's or a place's is not)
    if named is not None and (named.ent_type_ == "PERSON" or (named.is_title and not named.ent_type_)):
        return False
    while i < len(doc) and doc[i].lower_.rstrip(".") in HONORIFICS and doc[i].is_title:
        i += 1
    addressed = i > comma.i + 1
    end = i
    while end < len(doc) and (
        (doc[end].ent_type_ == "PERSON" and (end == i or doc[end].ent_iob_ == "I"))
        or (addressed and doc[end].is_title and doc[end].tag_ == "NNP")
    ):
        end += 1
    # (a verb right after it that goes on: "…, Tom Vance said." closes a report instead)
    acts = end + 1 < len(doc) and doc[end].tag_ in {"VBZ", "VBD", "VBP", "MD"} and not doc[end + 1].is_punct
    return end - i >= 2 and acts


# "at the time", "in the past": when, not where.
_TIME_NOUNS = frozenset({"time", "times", "moment", "past", "end", "start", "beginning", "weekend", "morning", "night"})


def _where(prep: Token) -> bool:
    """ "in rural Peru", "at Georgetown University": where a post is held, not when."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return (
        prep.lower_ in {"in", "at"}
        and bool(objects)
        and not any(o.lower_ in _TIME_NOUNS or o.ent_type_ in {"DATE", "TIME"} for o in objects)
    )


# Verbs by which a post is held now and on ("who will remain as chief executive").
_REMAINING = frozenset({"remain", "remains"})


def copula_role(span: Span) -> str | None:
    """ "Patricia Hewitt is the trade secretary" -> "trade secretary"."""
    root = span.root
    # "Ann Lee and Tom Vance are Olympic champions": each of the listed subjects is one.
    listed = (root.dep_ == "conj" and root.head.dep_ == "nsubj") or any(t.dep_ == "conj" for t in root.rights)
    subject = root.head if root.dep_ == "conj" else root
    # "Rojo's wife, Ann Lee (pictured), is a model": the name is the subject's apposition.
    if root.dep_ == "appos" and root.head.dep_ == "nsubj" and root.head.i < root.i:
        subject = root.head
    head = subject.head
    copulas = _PLURAL_COPULAS if listed else _COPULAS
    # "Ann Lee will be the UN envoy": the post she is named to.
    future = head.lower_ == "be" and any(c.dep_ == "aux" and c.lower_ in {"will", "'ll"} for c in head.children)
    # (a post, not "the subject of a documentary", "the target", "the voice of the dragon")
    future = future and any(c.dep_ == "attr" and c.lower_ in ROLE_HEADS for c in head.children)
    if subject.dep_ != "nsubj" or (head.lower_ not in copulas and not future):
        # "Tom Vance, who is the club's chairman,": the same statement in a relative clause.
        # ("who will remain as chief executive": the post held now and on.)
        relative = (
            c
            for c in root.children
            if c.dep_ == "relcl" and c.lower_ in _COPULAS | _REMAINING and any(k.lower_ == "who" for k in c.children)
        )
        head = next(relative, None)
        # "who was then the manager": a past post is read only where the text says it is past.
        if head is None or listed or head.lower_ not in _PRESENT_COPULAS | _REMAINING:
            return None
    # "Tom Vance is not a doctor".
    if any(c.dep_ == "neg" for c in head.children):
        return None
    held_as = [o for c in head.children if c.lower_ == "as" for o in c.children] if head.lower_ in _REMAINING else []
    for child in [*head.children, *held_as]:
        attr = child.dep_ == "attr" or (child.dep_ == "pobj" and child.lower_ in ROLE_HEADS)
        if attr and child.tag_ in ({"NNS"} if listed else {"NN", "NNS"}):
            if child.lower_ in _KIN:  # "is the wife of the president"
                return None if listed else _kin_of(child)
            # "is the right man" says what someone is, not their post.
            if child.lower_ in _NOT_TITLES:
                return None
            # "are great players" judges them; "are Olympic champions" names what they won.
            if listed and any(t.dep_ == "amod" and t.is_lower and t.lower_ not in _TIME_MARKS for t in child.lefts):
                return None
            if any(t.dep_ == "prep" and t.lower_ in _STANDING_PREPOSITIONS for t in child.rights):
                return None
            # "is a class act", "is a great player" describe; "is the chairman", "is Microsoft's
            # chairman" name a post, and so does a role noun after "a" with what it is of ("is a
            # professor of European studies").
            indefinite = any(t.dep_ == "det" and t.lower_ in {"a", "an"} for t in child.children)
            of_what = any(c.dep_ == "prep" and c.lower_ == "of" for c in child.rights)
            # "was a teacher before she became an MP": after "a", a post held now or to be.
            plain = _plainly_named(child) and (head.lower_ in _PRESENT_COPULAS or future)
            if indefinite and (listed or child.lower_ not in ROLE_HEADS or not (of_what or plain)):
                return None
            # "is the only player", "the best man", "the first woman": a distinction, not a post.
            if any(t.dep_ == "amod" and (t.tag_ in {"JJS", "RBS"} or t.lower_ in _RANKS) for t in child.children):
                return None
            tokens = [t for t in child.subtree if t.i <= child.i]
            # "is a professor of European studies", "is the boss of Ecosia, which …": what the post
            # is of, to its comma.
            posted = child.lower_ in ROLE_HEADS
            of = [c for c in child.rights if c.dep_ == "prep" and c.lower_ == "of"] if posted else []
            phrase = list(child.doc[child.i + 1 : of[0].right_edge.i + 1]) if of else []
            phrase = phrase[: next((k for k, t in enumerate(phrase) if t.text == ","), len(phrase))]
            role = (_tidy([*tokens, *phrase], MAX_OF_ROLE_WORDS) if of else None) or _tidy(tokens)
            return _singular_role(role, child.text) if role and listed and role.endswith(child.text) else role
    return None


def named_post_role(span: Span) -> str | None:
    """ "The musical's British director is Matthew Warchus", "The head of the agency is Ann Lee":
    the post first, the name after "is". Only a present post the subject names by its role noun."""
    root = span.root
    head = root.head
    if root.dep_ != "attr" or head.lower_ not in _PRESENT_COPULAS or any(c.dep_ == "neg" for c in head.children):
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj" and c.i < span.start), None)
    if subject is None or subject.tag_ != "NN" or subject.lower_ not in ROLE_HEADS:
        return None
    # "The best player is Ann Lee", "A winner is …", "The real winner", "the director's favourite
    # actor", "The main suspect": a distinction, a judgement or a status, not a post.
    if subject.lower_ in _PRAISE or subject.lower_ in {"suspect", "winner"}:
        return None
    if any(t.tag_ in {"JJS", "RBS"} or t.lower_ in _RANKS or t.lower_ in {"a", "an"} for t in subject.children):
        return None
    if any(
        t.dep_ == "amod" and t.is_lower and t.lower_ not in _POST_QUALIFIERS | {"new", "current"}
        for t in subject.children
    ):
        return None
    tokens = [t for t in subject.subtree if t.i < head.i]
    return _tidy(tokens[: next((k for k, t in enumerate(tokens) if t.text == ","), len(tokens))], MAX_OF_ROLE_WORDS)


_NAMING_VERBS = frozenset({"named", "called", "identified"})


def called_role(span: Span) -> str | None:
    """ "The video maker, named Meo Madeley,", "The pilot, identified as Ann Lee,": the post first,
    then, set off by a comma, the name the text gives its bearer. Not "The coach named Ann Lee in
    the squad": there the verb is the post's own act. ("A man named …" is no post: `_tidy` refuses it.)"""
    root = span.root
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "as" else root.head
    if root.dep_ not in {"oprd", "attr", "pobj"} or verb.lower_ not in _NAMING_VERBS or verb.dep_ != "acl":
        return None
    if len(span) < 2:  # (a name the model cut to a rank's letters, "identified as Sgt. Ann Lee", is none)
        return None
    noun = verb.head
    set_off = verb.i > 0 and verb.doc[verb.i - 1].text == "," and noun.dep_ != "ROOT"
    # (a known post, or a trade with its own words: "video maker"; not "teenager", "killer")
    trade = noun.lower_ in _NAMED_POSTS or any(c.dep_ == "compound" for c in noun.lefts)
    if noun.tag_ != "NN" or not noun.is_lower or not set_off or not trade:
        return None
    # ("One resident, named only as Ann Lee,": one of several is no part of the post.)
    return _tidy([t for t in noun.subtree if t.i <= noun.i and t.lower_ != "one"])


# Role nouns that also praise ("is a winner", "a real leader", "a star"): after "a" alone, a judgement.
_PRAISE = frozenset(
    {"star", "superstar", "legend", "leader", "winner", "champion", "player", "boss", "chief", "king", "queen",
     "prince", "princess", "general", "veteran", "expert", "international", "back", "host"}
)  # fmt: skip


def _plainly_named(noun: Token) -> bool:
    """ "a model", "a lingerie model", "a Labour MP", "a British diplomat", "a former soldier":
    after "a", a trade, or a role noun whose modifiers say which post (nouns, a party, a nation, a
    time) names it; "a great player", "a keen golfer", "a winner" judge the person."""
    modifiers = [t for t in noun.lefts if t.dep_ != "det"]
    if not modifiers:
        return noun.lower_ not in _PRAISE
    return all(
        t.dep_ == "compound" or t.lower_ in _TIME_MARKS or (t.is_title and t.ent_type_ in {"NORP", "GPE", "ORG"})
        for t in modifiers
    )


def _kin_of(kin: Token) -> str | None:
    """ "wife of the president", "widow of Tom Vance": kin of someone the reader can place (a
    person named, or a post) identifies a person; "son of a minister" does not."""
    of = next((c for c in kin.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    whom = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if whom is None:
        return None
    named = whom.ent_type_ == "PERSON"
    placed = any(t.dep_ in {"det", "poss"} and t.lower_ not in {"a", "an"} for t in whom.children)
    if not named and not (placed and whom.tag_ == "NN" and whom.is_lower):
        return None
    # A name ends the phrase ("widow of Tom Vance, the painter"); a post keeps its own words.
    end = whom.i if named else whom.right_edge.i
    words = list(kin.doc[kin.i : end + 1])
    if len(words) > MAX_ROLE_WORDS or any(t.is_punct for t in words):
        return None
    return "".join(t.text_with_ws for t in words).strip()


def title_head_role(span: Span) -> str | None:
    """ "Passion of the Christ director Mel Gibson" -> "Passion of the Christ director";
    "actresses Cate Blanchett and Helena Bonham-Carter" -> "actress". The parser sometimes hangs
    the name on the title before it, as its apposition; the title's lower-case words (and
    nationality adjectives) are the role, with the capitalised name before them that says whose
    post it is (the bare title when that is too long)."""
    first = span.root
    while first.dep_ == "conj":  # "actresses Kate Winslet and Cate Blanchett": the list's first name
        first = first.head
    start = min([first.i] + [t.i for t in first.lefts if t.dep_ == "compound"])
    # "Former England captain Sir Bill Beaumont": the title is before the honorific.
    while start > span.sent.start and span.doc[start - 1].lower_.rstrip(".") in HONORIFICS:
        start -= 1
    if first.dep_ != "appos" or start == span.sent.start or (first != span.root and first.tag_ != "NNP"):
        return None
    # The parser may hang the name on a noun further back ("Passion"): the title is the word before.
    head = span.doc[start - 1]
    if head.tag_ not in {"NN", "NNS"} or not head.is_lower:
        return None
    # A plural titles a list ("actresses A and B"); before one name it is a verb the tagger
    # misread ("Nadal outplays Roddick").
    listed = first != span.root or any(t.dep_ == "conj" for t in first.rights)
    if (head.tag_ == "NNS") != listed:
        return None
    # "Market studies Ann Lee and Tom Vance": a plural of a thing titles no one.
    if head.tag_ == "NNS" and _thing_plural(head):
        return None
    # "their compatriot", "his rival": who the person is to someone, not a post.
    if any(t.tag_ == "PRP$" for t in head.lefts):
        return None
    owner = next((t for t in head.lefts if t.dep_ == "poss" and t.ent_type_ == "PERSON"), None)
    if owner is not None and head.lower_ in _KIN:  # "George Park's brother Tom Park"
        return _tidy(list(span.doc[owner.left_edge.i : head.i + 1]))
    words = _described_title(head, {"NORP"})
    known = _known_for(words)
    role = _tidy(known + words) or _tidy(words)
    if role and head.tag_ == "NNS":  # "actresses" of a list: each of them is an actress
        role = _singular_role(role, head.text)
    # "Former welfare minister Tom Vance": the post is no longer held; say so.
    first = (known or words)[0]
    before = span.doc[first.i - 1] if first.i > span.sent.start else None
    if role and before is not None and before.lower_ in _TIME_MARKS and not role.lower().startswith(before.lower_):
        role = f"{before.text} {role}"
    return role


_NAME_LINKS = frozenset({"of", "the", "and", "for", "in", "on", "a"})


def _known_for(words: list[Token]) -> list[Token]:
    """The capitalised name right before a title, which says whose or of what the post is
    ("Song of the Sea director", "Match of the Day commentator"): the more specific wording,
    pooled with the bare "director" when ranked."""
    doc = words[0].doc
    start = words[0].i
    sent = words[0].sent.start
    while start > sent:
        token = doc[start - 1]
        if not (token.is_title or _letters(token) or token.lower_ in _NAME_LINKS):
            break
        if token.is_punct or token.ent_type_ == "PERSON" or token.lower_ in _ITEM_LABELS:
            break
        start -= 1
    found = list(doc[start : words[0].i])
    # A name opens with neither "the" nor "of", nor with a sentence's first word capitalised
    # only for being first ("Compatriot and seventh seed"; but "Touching the Void director").
    while found and (found[0].lower_ in _NAME_LINKS or (found[0].i == sent and found[0].tag_ not in {"NNP", "NNPS"})):
        found = found[1:]
    return found if any(t.is_title or _letters(t) for t in found) else []


def _letters(token: Token) -> bool:
    """A body's name in capital letters ("UFC" of "UFC middleweight")."""
    return token.is_upper and token.is_alpha and len(token) > 1


def _described_title(head: Token, kinds: set[str]) -> list[Token]:
    """A title noun with the words just before it that describe it: lower-case modifiers, and
    entities of these kinds ("Russian", "US")."""
    words = [head]
    doc = head.doc
    # "fly-half" whose first piece the parser took for a verb: the pieces are one word.
    while words[0].i >= 2 and doc[words[0].i - 1].text in _HYPHENS and doc[words[0].i - 2].is_lower:
        if doc[words[0].i - 1].whitespace_ or doc[words[0].i - 2].whitespace_:
            break
        words[:0] = [doc[words[0].i - 2], doc[words[0].i - 1]]
    for token in reversed(list(head.lefts)):
        if token.i != words[0].i - 1 or token.dep_ not in {"amod", "compound"}:
            break
        if not (token.is_lower or token.ent_type_ in kinds or _proper_adjective(token)):
            break
        words.insert(0, token)
        if token.ent_type_ == "ORG":  # a company's name opens the title ("YouTube star")
            break
    # "Compatriot and seventh seed": the parser may hang an ordinal elsewhere; right before
    # the title, it is the title's rank.
    before = doc[words[0].i - 1] if words[0].i > head.sent.start else None
    if before is not None and before.is_lower and before.ent_type_ == "ORDINAL":
        words.insert(0, before)
    # "Former welfare minister": a post no longer held says so.
    before = doc[words[0].i - 1] if words[0].i > head.sent.start else None
    if before is not None and before.lower_ in _TIME_MARKS and before.lower_ != "late":
        words.insert(0, before)
    return words


def _adjacent_description(head: Token, kinds: set[str]) -> list[Token]:
    """A title noun with the describing words written right before it, read by position, not by
    the parse: lower-case adjectives and nouns, names of these kinds ("England full back")."""
    words = [head]
    doc = head.doc
    while len(words) < 4 and words[0].i > head.sent.start:
        token = doc[words[0].i - 1]
        if not token.whitespace_ or token.is_punct:
            break
        described = token.is_lower and token.is_alpha and token.tag_ in {"JJ", "NN"}
        if not (described or token.ent_type_ in kinds or _proper_adjective(token)):
            break
        words.insert(0, token)
    before = doc[words[0].i - 1] if words[0].i > head.sent.start else None
    if before is not None and before.lower_ in _TIME_MARKS and before.lower_ != "late":
        words.insert(0, before)
    return words


def _proper_adjective(token: Token) -> bool:
    """ "Conservative family spokeswoman": a capitalised adjective the text never writes in lower
    case is a party's or a people's name, part of the title."""
    words = token.doc.user_data.get("newsbrief_lower_words")
    if words is None:
        words = token.doc.user_data["newsbrief_lower_words"] = {t.text for t in token.doc if t.is_lower}
    return token.is_title and token.tag_ == "JJ" and token.lower_ not in words


def _singular_role(role: str, plural: str) -> str:
    """ "Oscar hopefuls" -> "Oscar hopeful": the role whose last word is `plural`, singular."""
    return role[: len(role) - len(plural)] + _singular(plural)


def _singular(plural: str) -> str:
    """The pipeline runs without spaCy's lemmatizer (its tables cost time at ingest): titles in
    the plural are regular ("actresses", "directors", "coaches")."""
    if plural.endswith("ies") and len(plural) > 4:  # "ladies", "secretaries"
        return plural[:-3] + "y"
    if plural.endswith(("sses", "shes", "ches", "xes")):
        return plural[:-2]
    return plural[:-1] if plural.endswith("s") and not plural.endswith("ss") else plural


def sibling_title_role(span: Span) -> str | None:
    """ "The late US legend Elvis Presley is…": the parser made the title and the name two
    subjects of one verb. A lower-case noun right before a full name, hanging on the same word
    as the name, is its title (with the words that describe it)."""
    start = span.start
    if len(span) < 2 or start == span.sent.start:
        return None
    head = span.doc[start - 1]
    if (
        head.tag_ not in {"NN", "NNS"}
        or not head.is_lower
        or head.head != span.root.head
        or head.dep_ != span.root.dep_
    ):
        return None
    return _tidy(_described_title(head, {"NORP", "GPE"}))


_TEAMS = frozenset({"GPE", "ORG", "NORP"})


def team_position_role(span: Span) -> str | None:
    """ "England forward Tom Vance", "Tom Vance, the Wales back,": the tagger reads a position
    after a team as an adverb and the parser hangs the name on the team. A lower-case word the
    team governs, between the team and the name (or ending the apposition), is the position."""
    doc = span.doc
    root = span.root
    if (pattern := _team_position_before(span)) is not None:
        return pattern
    if span.start >= 2:  # the name and the team before it hang on each other or on one word
        team, word = doc[span.start - 2], doc[span.start - 1]
        on_team = root.dep_ == "appos" and root.head == team
        beside = team.head == root or (team.head == root.head and team.dep_ == root.dep_)
        if (on_team or beside) and _position_after(team, word) and not _verb_object(span):
            return f"{team.text} {word.text}"
    if span.end + 2 < len(doc) and doc[span.end].is_punct:  # the team is the name's apposition
        for team in (c for c in root.children if c.dep_ == "appos" and c.i > span.end):
            word = doc[team.i + 1] if team.i + 1 < len(doc) else None
            after = doc[team.i + 2] if team.i + 2 < len(doc) else None
            if word is not None and after is not None and after.is_punct and _position_after(team, word):
                return f"{team.text} {word.text}"
    return None


def _team_position_before(span: Span) -> str | None:
    """ "as Wolves forward Tom Vance beats …", "Wolves and Portugal forward Tom Vance": a
    capitalised team, a lower-case role noun, then a full name, however the parser read them."""
    doc = span.doc
    if len(span) < 2 or span.start - 2 < span.sent.start:
        return None
    team, word = doc[span.start - 2], doc[span.start - 1]
    if not (word.is_lower and word.is_alpha and word.lower_ in _POSITIONS and word.tag_ not in {"NN", "NNS"}):
        return None  # a noun the other rules read with its own modifiers; "Rivals engineer": a verb
    # A capitalised word the tagger read as an adjective ("while Brive back …") is a name
    # unless capitalised only for opening the sentence.
    named = team.tag_ in {"NNP", "NNPS", "NNS"} or (team.tag_ == "JJ" and team.i > span.sent.start)
    if not team.is_title or not named or team.ent_type_ == "PERSON":
        return None
    if _verb_object(span):
        return None
    start = team.i
    # "Wolves and Portugal forward": two teams the player is in.
    if start - 2 >= span.sent.start and doc[start - 1].lower_ == "and" and doc[start - 2].is_title:
        if doc[start - 2].tag_ in {"NNP", "NNPS", "NNS"} and doc[start - 2].ent_type_ != "PERSON":
            start -= 2
    return "".join(t.text_with_ws for t in doc[start : word.i + 1]).strip()


def _verb_object(span: Span) -> bool:
    """Whether the word before the name may be a verb taking it as object: "Tories back Boris
    Johnson in the vote", "Democrats lock Nancy Pelosi out" are parsed just like "Brive back
    Julien Laharrague scored"; what follows the name tells them apart (a preposition or particle
    going on with the verb), not the parse."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.tag_ in {"IN", "RP", "RB", "TO"}  # tags: the pipeline sets no pos_


def _position_after(team: Token, word: Token) -> bool:
    # "Wales forward Tom Vance" with "Wales" left untagged: a capitalised word before a position noun.
    known = team.ent_type_ in _TEAMS or (not team.ent_type_ and team.is_title and word.lower_ in ROLE_HEADS)
    return (
        known
        # "Wolves forward", "Brive back": a team tagged as a plural or an adjective, capitalised.
        and (team.tag_ in {"NNP", "NNPS"} or (team.is_title and team.tag_ in {"NNS", "JJ"}))
        and word.i == team.i + 1
        and word.head == team
        and word.is_lower
        and word.is_alpha
        and word.tag_ in {"RB", "RP"}
        and word.lower_ not in _NOT_ROLES
    )


def headline_role(span: Span) -> str | None:
    """A headline's title for a full name: "Epstein ex-girlfriend Ann Lee to appear in court",
    "Rep. Tom Vance's Father Dies". A headline capitalises words and drops articles, so only a
    title that ends in a lower-case word or in a role noun counts, and only before a full name
    (a capitalised word before a bare surname may be its first name or a slogan's)."""
    if len(span) < 2:
        return None
    described = headline_description(span)
    if described is not None:
        return described
    capitalised = _capitalised_title(span)
    role = (
        premodifier_role(span)
        or team_position_role(span)
        or capitalised
        or _headline_apposition(span)
        or as_role(span)
        or _headline_as(span)
    )
    # "Missing Black Lives Matter Activist Ann Lee": the parse's title may stop inside the
    # capitalised one, which then is whole.
    if capitalised is not None and role is not None and capitalised.endswith(f" {role}"):
        role = capitalised
    if role is None:
        # "… Is Elected First Black Mayor of Ferguson": ends in a role noun and what it is of.
        return _headline_copula(span)
    last = role.split()[-1]
    return role if last.islower() or last.lower() in ROLE_HEADS else None


def _headline_as(span: Span) -> str | None:
    """ "Labour names Ann Lee as new general secretary": a headline's post after "as", read from
    the words (the parser may make "names" a noun): up to four words, no article, ending in a
    role noun."""
    doc = span.doc
    # The name is what the verb acts on, after it ("Ann Lee Eyed as Next Governor" is talk).
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "as" or span.start == span.sent.start:
        return None
    words: list[Token] = []
    for token in doc[span.end + 1 : min(span.end + 5, span.sent.end)]:
        if token.tag_ not in {"JJ", "NN", "NNP", "VBN"} and token.text not in _HYPHENS:
            break
        words.append(token)
    heads = [k for k, t in enumerate(words) if t.lower_ in ROLE_HEADS]
    return _tidy(words[: heads[-1] + 1]) if heads else None


QUOTES = frozenset({"‘", "’", "'", '"', "“", "”"})
# A headline's verb after a description set off by commas: "Ann Lee, …, Dies at 95".
_DEATH_VERBS = frozenset({"dies", "died", "dead"})


def headline_obituary(span: Span) -> str | None:
    """ "Ann Lee, Champion of Women in the Military, Dies at 95", "Tom Vance, a Typewriter
    Whisperer, Is Dead at 74": an obituary's headline, and the head noun of its description
    ("champion", "whisperer"), lower case; else None."""
    found = _described_in_headline(span)
    if found is None or not found[1]:
        return None
    words = found[0]
    return words[_description_head(words) - 1].lower_


def _description_head(words: list[Token]) -> int:
    """Where a description's head noun phrase ends: at its first preposition or clause ("First
    Woman to Run Common Cause": an infinitive's after a noun for someone too; "Reluctant to Retire" is none)."""
    infinitive = {k for k, t in enumerate(words) if k and t.tag_ == "TO" and words[k - 1].lower_ in _SOMEONE}
    opens = {k for k, t in enumerate(words) if k and (t.tag_ in {"IN", "WP", "WDT"} or t.lower_ == "who")}
    clause = (k for k in range(len(words)) if k in opens or k in infinitive)
    return next(clause, len(words))


def headline_description(span: Span) -> str | None:
    """ "Ann Lee, Champion of Women in the Military, Dies at 95", "Tom Vance, Key Figure in
    Russia Inquiry, Defends Appointment": a headline that describes the name between two commas
    and then says what they did. The description is whole: its head noun and what it is of
    ("Lawyer Who Defended …", "Sleuth With a Wide-Ranging Career"). An obituary's describes a
    person whatever its noun; another headline's must name a post or someone who does something."""
    found = _described_in_headline(span)
    if found is None:
        return None
    words, obituary = found
    head = _description_head(words)
    noun = words[head - 1].lower_
    posted = noun in ROLE_HEADS or noun in _GENERIC or (noun.endswith(AGENT_ENDINGS) and noun not in _NOT_TITLES)
    # Another headline's description must name a post or someone who does something ("Biden,
    # Sanders, Warren Rally"). An obituary's describes a person whatever its noun and whatever
    # the model tags it ("Transgender Plaintiff in …", "Yankees Scout", "Sleuth With …"), but a
    # place or a nationality alone is no description ("…, Texas, Dies"), and a participle says
    # what happened, not what they were ("…, Jailed for Fraud, Dies").
    placed = all(t.ent_type_ in {"GPE", "LOC", "NORP"} for t in words[:head])
    participle = noun.endswith("ed") and words[head - 1].tag_ != "NN"
    if not posted and (not obituary or placed or participle):
        return None
    # "House Republican With a Long Record": the post; what it is of, for or in stays.
    if head < len(words) and words[head].lower_ == "with":
        words = words[:head]
    # The quotes left out ("‘Linchpin’ in …"), each word keeps the space after it.
    doc = words[0].doc
    written = "".join(t.whitespace_ if t.text in QUOTES else t.text_with_ws for t in doc[words[0].i : words[-1].i + 1])
    return " ".join(written.split())


def _described_in_headline(span: Span) -> tuple[list[Token], bool] | None:
    """The words between the name's comma and the next one, when a verb follows (and whether the
    verb tells a death), in a headline of one sentence; else None."""
    doc = span.doc
    end = span.sent.end
    if span.end + 3 >= end or doc[span.end].text != ",":
        return None
    close = next((t.i for t in doc[span.end + 1 : end] if t.text == ","), None)
    # "Overlooked No More: Ann Lee, Suffragist Who Fought for Working Women": the description
    # may run to the headline's end (a verb, then, does not follow).
    last = end
    while last > span.end + 1 and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    if close is not None and close + 1 >= end:
        return None
    words = [t for t in doc[span.end + 1 : close or last] if t.text not in QUOTES]
    while words and words[0].lower_ in {"a", "an", "the"}:
        words = words[1:]
    after = doc[close + 1] if close is not None else doc[last - 1]
    if close is not None and after.text in {"’", "'", '"', "”"} and close + 2 < end:  # "'Queen of …,' Dies"
        after = doc[close + 2]
    # A headline's verb may be tagged a name's word ("…, Defends Mueller Appointment"): a capitalised
    # word in "-s" that opens what follows.
    third_person = after.is_title and after.lower_.endswith("s") and not after.lower_.endswith(("ss", "'s"))
    verb = close is None or after.tag_[:2] in {"VB", "MD"} or after.lower_ in _DEATH_VERBS or third_person
    if not words or len(words) > MAX_OF_ROLE_WORDS or not verb:
        return None
    first = words[0]
    # "Ann Lee, Who Led Stanford, Dies", "Ann Lee, 45, Dies", "Ann Lee, of Brooklyn, Dies": a
    # clause, an age or a place, not what they were.
    if first.tag_ in {"WP", "WP$", "WDT", "IN", "CD"} or first.lower_ in {"who", "whose"} or not first.is_alpha:
        return None
    # A noun phrase up to its clause: not a headline's next verb, a plea or a judgement ("…, Eye
    # Another Striker", "Tom Vance, You Are No Leader", "…, Please Don't …", "…, Never Better, …").
    # ("Sleuth With a Wide-Ranging Career": what follows the head noun's preposition may hold a
    # participle; "Missing Black Lives Matter Activist": one may open the phrase.)
    clause = _description_head(words)
    # (The participle then describes a noun: "Acclaimed by Critics", "Jailed for Fraud" are clauses.)
    opener = words[0].tag_ in {"VBG", "VBN"} and clause >= 2 and words[clause - 1].tag_ in {"NN", "NNP", "NNS"}
    # ("Quiz Show Whistle-Blower": a capitalised noun the tagger read as a verb, that the parse
    # still hangs on a later word of the phrase, is a noun.)
    if any(
        (t.tag_[:2] in {"VB", "RB", "PR", "UH", "MD"} and not (k == 0 and opener) and not _compound_in(t, words))
        or t.tag_ in {"JJR", "JJS"}
        for k, t in enumerate(words[:clause])
    ):
        return None
    # To the headline's end only where the name opens it ("Overlooked No More: Ann Lee, …").
    opens = span.start == span.sent.start or doc[span.start - 1].text == ":"
    if close is None and not opens:
        return None
    if close is None:
        return words, False
    following = doc[after.i + 1] if after.i + 1 < end else None
    dead = after.lower_ in {"is", "was"} and following is not None and following.lower_ == "dead"
    return words, after.lower_ in _DEATH_VERBS or dead


def _compound_in(token: Token, words: list[Token]) -> bool:
    return token.dep_ == "compound" and token.tag_[:2] == "VB" and token.i < token.head.i <= words[-1].i


def _headline_apposition(span: Span) -> str | None:
    """ "Ann Lee, Playwright and Activist, Dies at 84", "Tom Vance: Ex-Danish PM appointed envoy":
    after a comma or a colon, the words up to the next comma, verb or preposition, when they end
    in a role noun (a headline capitalises verbs too: the tagger's verb tag ends the title)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text not in {",", ":"}:
        return None
    # The sentencizer may end the headline at its colon: the title is the words after it.
    end = doc[span.end + 1].sent.end if doc[span.end].text == ":" else span.sent.end
    words: list[Token] = []
    for token in doc[span.end + 1 : end]:
        if token.is_space:
            break
        verb = _verb_or_prep(token) and token.lower_ not in ROLE_HEADS  # "inventor" read as a verb
        if (token.is_punct and token.text not in _HYPHENS) or verb or token.ent_type_ == "PERSON":
            break
        words.append(token)
    # "Tireless inventor ahead of his time": the title ends with its role noun.
    heads = [k for k, word in enumerate(words) if word.lower_ in ROLE_HEADS]
    words = words[: heads[-1] + 1] if heads else []
    if not words or len(words) > 6:
        return None
    return _tidy(words)


_BECOMES = frozenset({"becomes", "became", "named", "elected", "appointed", "chosen", "confirmed"})


def headline_copula_role(span: Span) -> str | None:
    """Public form of `_headline_copula`, for the name rules in analyze.py."""
    return _headline_copula(span)


def _headline_copula(span: Span) -> str | None:
    """ "Ann Lee becomes new culture secretary", "Ann Lee Is Elected First Black Mayor of
    Ferguson": a headline that names the post someone takes, up to its role noun (and what the
    post is of, in capitals)."""
    doc = span.doc
    i = span.end
    while i < span.sent.end and doc[i].lower_ in {"is", "was", "has", "been"}:
        i += 1
    if i >= span.sent.end or doc[i].lower_ not in _BECOMES:
        return None
    words: list[Token] = []
    for token in doc[i + 1 : span.sent.end]:
        if token.is_punct or token.is_space or _verb_or_prep(token) or token.ent_type_ == "PERSON":
            break
        words.append(token)
    heads = [k for k, word in enumerate(words) if word.lower_ in ROLE_HEADS]
    if not heads or len(words[: heads[-1] + 1]) > MAX_ROLE_WORDS:
        return None
    # "Becomes Head Office of HSBC": the role noun modifies another; the phrase names a thing.
    if heads[-1] + 1 < len(words):
        return None
    end = words[heads[-1]].i + 1
    # "Mayor of Ferguson": what the post is of, in capitals.
    if end + 1 < span.sent.end and doc[end].lower_ == "of" and doc[end + 1].is_title:
        end += 2
        while end < span.sent.end and doc[end].is_title:
            end += 1
    return _tidy(list(doc[words[0].i : end]), MAX_OF_ROLE_WORDS)


def _capitalised_title(span: Span) -> str | None:
    """ "Texas Governor Greg Abbott Pauses Reopening": the parser may hang a headline's title on
    its verb. Up to three capitalised words right before the name, opening the headline or
    after a colon, a verb or a preposition, are its title when they end in a role noun."""
    doc = span.doc
    words: list[Token] = []
    i = span.start - 1
    capitalised = doc[i].is_title or (doc[i].is_upper and doc[i].is_alpha) if i >= span.sent.start else False
    while capitalised and doc[i].ent_type_ != "PERSON" and not _verb_or_prep(doc[i]):
        words.insert(0, doc[i])
        i -= 1
        capitalised = i >= span.sent.start and (doc[i].is_title or (doc[i].is_upper and doc[i].is_alpha))
    bounded = i < span.sent.start or doc[i].is_punct or _verb_or_prep(doc[i])
    # Four after a verb or a preposition ("Missing Black Lives Matter Activist", "Picks Former
    # Senate Majority Leader"): the verb marks where the title begins.
    most = 4 if i >= span.sent.start and _verb_or_prep(doc[i]) else 3
    if not words or len(words) > most or not bounded or words[-1].lower_ not in ROLE_HEADS:
        return None
    return _tidy(words)


def _verb_or_prep(token: Token) -> bool:
    return token.tag_[:2] in {"VB", "IN"}


def label_role(span: Span) -> str | None:
    """ "Presenter: Tom Vance": a programme's credits name the post, a colon, then the person.
    Only a role noun opening its own line or sentence counts ("Produced by: Tom Vance" names no post)."""
    doc = span.doc
    start = span.start
    if len(span) < 2 or start < 2 or doc[start - 1].text != ":":
        return None
    label = doc[start - 2]
    if not label.is_title or label.lower_ not in ROLE_HEADS:
        return None
    # "Editor: Ann Lee Producer: Tom Vance": in a run of credits the label follows the last name.
    if _opens_credit(doc, label.i - 1):
        return label.text
    before = doc[label.i - 1]
    if before.is_title and before.ent_type_ != "PERSON" and _opens_credit(doc, before.i - 1):
        return f"{before.text} {label.text}"  # "Film Editor", "Executive Producer"
    return None


def spaced_dash(token: Token) -> bool:
    before = token.doc[token.i - 1] if token.i > 0 else None
    spaced = bool(token.whitespace_) and before is not None and bool(before.whitespace_)
    return spaced and token.text in _HYPHENS | {"—"}


# A programme's timestamps ("00:00 Intro 02:17 …"): its chapters, after the guests.
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


def _chapter(token: Token) -> bool:
    """The first timestamp of a programme's chapters, "00:00" ("… developer 00:00 Intro 02:17 …";
    the guest's post ends there); not a time or a verse in a name ("The 9:30 Show", "John 3:16
    Church")."""
    return _CLOCK.fullmatch(token.text) is not None and token.text.strip("0:") == ""


# Labels of a programme's credits that are no posts ("Guests: Ann Lee - …").
CREDIT_LABELS = frozenset({"guest", "guests", "contributor", "contributors", "panel", "panellists", "panelists"})


def credited_guest(doc: Doc, start: int, end: int) -> bool:
    """ "Guests: Ann Lee - Founding member, …", "Guests: Tom Vance -Director": the first name of
    a programme's guests, right after the label, then a dash (its space before it, since
    "Magnenat-Thalman" is one name): whatever the post's noun, the list states a person."""
    labelled = start >= 2 and doc[start - 1].text == ":" and doc[start - 2].lower_ in CREDIT_LABELS
    return labelled and end < len(doc) and doc[end].text[0] in _HYPHENS | {"—"} and bool(doc[end - 1].whitespace_)


# Tags a clause opens with, never a post: a verb, a modal, a pronoun.
_CLAUSE_TAGS = frozenset({"MD", "VBZ", "VBD", "VBP", "PRP"})


def guest_role(span: Span) -> str | None:
    """ "Guests: Ann Lee - Professor of Law, Rutgers University Tom Vance - Director, …": a
    programme's list of guests gives each name, a spaced dash, then the post and where it is
    held, up to the next guest's name (two capitalised words before the next dash) or the end."""
    doc = span.doc
    credited = credited_guest(doc, span.start, span.end)
    if len(span) < 2 or span.end + 1 >= len(doc) or not (spaced_dash(doc[span.end]) or credited):
        return None
    # ("… falling out with coach Tom Vance - will send a message to …": after a dash that closes
    # an aside the sentence goes on, with its verb; no post opens with one, nor with a pronoun.)
    if not credited and doc[span.end + 1].tag_ in _CLAUSE_TAGS:
        return None
    # ("Ann Lee - out of the side since … - will send …", "- under pressure after five defeats -
    # insisted": an aside between two dashes, the sentence going on after the second, that opens
    # with a preposition or a particle says where someone stands, not their post; "Tom Vance -
    # HSBC's chief economist - warned" names it.)
    opening = doc[span.end + 1]
    placed = opening.tag_ in {"IN", "RP"} or opening.lower_ in {"out", "back", "off", "up", "down"}
    if not credited and placed:  # (the sentence read on only for such an aside, not for every name)
        closing = next((t for t in doc[span.end + 1 : span.sent.end] if spaced_dash(t)), None)
        if closing is not None and closing.i + 1 < len(doc) and doc[closing.i + 1].tag_ in _CLAUSE_TAGS:
            return None
    tokens: list[Token] = []
    glued = len(doc[span.end]) > 1  # "-Founding member": the post's first word carries the dash
    for token in doc[span.end + 1 - glued : span.end + 1 + MAX_OF_ROLE_WORDS + 2]:
        # (the next name's surname may be hyphenated: "Inday Espina-Varela - …")
        k = token.i + 2
        while k + 1 < len(doc) and doc[k].text in _HYPHENS and not doc[k].whitespace_ and not doc[k - 1].whitespace_:
            k += 2
        ahead = doc[k] if k < len(doc) else None
        next_guest = ahead is not None and token.is_title and doc[token.i + 1].is_title and spaced_dash(ahead)
        # ("… of the African Wildlife Foundation - Subscribe …": the next guest has a post.)
        next_guest = next_guest and any(_names_someone(t) for t in doc[k + 1 : k + 1 + MAX_OF_ROLE_WORDS])
        glued = token.text in _HYPHENS and not token.whitespace_  # "Editor-in-chief"
        ends = (
            token.is_space
            or token.text == "|"
            or token.like_url
            or _chapter(token)  # "- Video game developer 00:00 Intro 02:17 …"
            or (token.is_punct and token.text not in {",", "&", "'", "’"} and not glued)
        )
        named = token.ent_type_ == "PERSON" and token.ent_iob_ == "B"
        # ("Head of Security of Big Life Foundation who leads …": a relative clause tells what
        # they do, after the post.)
        relative = token.tag_ in {"WP", "WDT"} and bool(tokens)
        if next_guest or ends or spaced_dash(token) or named or relative:
            break
        tokens.append(token)
    # "former adviser to Senator John McCain": a title before someone the post names (not the
    # next guest) is that person's, not the guest's.
    while named and not next_guest and tokens and tokens[-1].is_title:
        if tokens[-1].lower_.rstrip(".") not in _TITLES:
            break
        tokens.pop()
    while tokens and (tokens[-1].text in {",", "&"} or tokens[-1].tag_ in {"IN", "CC", "DT", "TO"}):
        tokens.pop()  # "Professor at" before a link
    post = tokens[: next((k for k, t in enumerate(tokens) if t.text == ","), len(tokens))]
    # (Credited, the post may name no role noun, "Founding member", but it is words, not a
    # name or a place: "Guests: Ann Lee - Maria Lopez", "- University of Ibadan".)
    worded = credited and any(t.is_lower and not t.is_stop for t in post)
    if not post or not (worded or any(_names_someone(t) for t in post)):
        return None
    # Where the post is held, after a comma, while it stays short; else the post alone, or up to
    # where it is held ("Senior Fellow and Professor of Journalism at the American University in …").
    where = post[: next((k for k, t in enumerate(post) if k and t.lower_ in {"at", "in"}), len(post))]
    # Two posts joined, too long together ("Senior Fellow for Korea Studies and Director of the
    # Program on …"): the first, when its own word (before its "for") names someone.
    first = where[: next((k for k, t in enumerate(where) if k and _joins_posts(t)), len(where))]
    first = first[1:] if first and first[0].lower_ in {"a", "an", "the"} else first
    head = first[: next((k for k, t in enumerate(first) if t.tag_ == "IN"), len(first))]
    first = first if head and _names_someone(head[-1]) else []
    # (Too long whole, "Director of the Center for the Study of Race and Ethnicity in America",
    # the post's own words, when they are a known post: not "Resident of Kensington for 40 years".)
    own = head if head and head[-1].lower_ in _GUEST_POSTS else []
    role = next(
        (r for r in (_tidy(part, MAX_OF_ROLE_WORDS) for part in (tokens, post, where, first, own) if part) if r), None
    )
    return role.lstrip("-–—") if role else None


def _joins_posts(token: Token) -> bool:
    """An "and" between two posts ("… Studies and Director of …", "… strategist and former press
    secretary"), not one inside a body's name ("Department of War and Peace Studies")."""
    if token.lower_ != "and" or token.i + 1 >= len(token.doc):
        return False
    after = token.doc[token.i + 1 : token.i + 1 + MAX_OF_ROLE_WORDS]
    words = after[: next((k for k, t in enumerate(after) if t.tag_ in {"IN", "CC"} or t.is_punct), len(after))]
    return after[0].is_lower or any(_names_someone(t) for t in words)


def _opens_credit(doc: Doc, i: int) -> bool:
    """Whether a credit's label may start after token i: a line or sentence start, punctuation,
    or the name of the credit before."""
    if i < 0 or doc[i].is_punct or doc[i].is_space or doc[i].ent_type_ == "PERSON" or doc[i + 1].is_sent_start:
        return True
    # "Logistics: Alianza Ceibo Translator: …": the credit before names a body.
    return bool(doc[i].ent_type_) and any(t.text == ":" for t in doc[max(0, i - 5) : i])


AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")


def agent_post(noun: Token) -> bool:
    """A noun in lower case for someone who does something ("contender", "campaigner"), not kin
    or another relation ("sister", "brother")."""
    lower = noun.lower_
    agent = lower.endswith(AGENT_ENDINGS) and lower not in _NOT_AGENTS
    return noun.is_lower and noun.tag_ == "NN" and agent


def names_someone(noun: Token) -> bool:
    """Public form of `_names_someone`, for the name rules in analyze.py."""
    return _names_someone(noun)


# A post read only where the text sets it off or describes it ("A Chinese official, Wang Lei,"):
# before a name alone it is as often an adjective ("Official Tom Vance biography").
_SET_OFF_POSTS = frozenset({"official", "dean", "deputy"})  # ("Dean Ryland" is a name)
_NAMED_POSTS = ROLE_HEADS | _SET_OFF_POSTS
# A guest's post read alone when the whole is too long: a known post, not where they live.
_GUEST_POSTS = _NAMED_POSTS - {"resident"}


def _names_someone(noun: Token) -> bool:
    """A noun that names a person by what they do: a role noun, or an agent noun ("demonstrator",
    "lawyer", "strategist")."""
    return noun.lower_ in _NAMED_POSTS or noun.lower_.endswith(AGENT_ENDINGS)


def _ends_a_post(word: Token) -> bool:
    """ "an armed demonstrator", "the founder of Iran's Islamic Republic": a common noun, or what
    one is of, before a comma."""
    of = word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.tag_ == "NN"
    return word.tag_ == "NN" or of


# What befalls the holder of a post or is theirs ("the resignation of its chief executive, Tom
# Vance", "a portrait of the artist, Ann Lee"): the post after "of" is the name's. Before any other
# noun ("a relative of the president, Tom Vance", "the bodyguard of the president") it is another's.
_THINGS_OF_A_POST = frozenset(
    {"death", "funeral", "arrest", "murder", "trial", "exit", "election", "release", "detention", "injury",
     "home", "house", "office", "absence", "conduct", "evidence", "story", "biography", "portrait", "photo",
     "picture", "role", "case", "idea", "brainchild", "life", "career", "memoir", "memoirs", "words", "view",
     "views", "decision", "plan", "family", "legacy", "body", "name", "return", "wedding", "speech", "letter"}
)  # fmt: skip
# Endings of nouns for events and states ("resignation", "sacking", "tenure").
_EVENT_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ing", "ure", "ship", "ness", "ity", "val", "sal")


def _event_or_thing(noun: Token) -> bool:
    """ "resignation", "sacking", "portrait": not a noun for a person ("sibling", "celebrity")."""
    lower = noun.lower_
    personal = _names_someone(noun) or lower in _NOT_TITLES | _GENERIC | _RELATIONS | {"sibling", "darling"}
    return lower in _THINGS_OF_A_POST or (lower.endswith(_EVENT_ENDINGS) and not personal)


def _joined_person(token: Token) -> bool:
    """A person's name joined to what follows by "and" ("both Tom Vance and the House speaker")."""
    return token.ent_type_ == "PERSON" and any(c.dep_ == "cc" for c in token.children)


def preceding_apposition_role(span: Span) -> str | None:
    """ "his campaign manager, Tom Vance,", "the captain of the carrier Hope, Tom Vance,": the
    post comes first and the name, set off by a comma, is its apposition."""
    doc = span.doc
    root = span.root
    # "the study's author, Dr Ann Lee,": an honorific between the comma and the name.
    comma = span.start - 1
    while comma > 0 and doc[comma].lower_.rstrip(".") in HONORIFICS and doc[comma].is_title:
        comma -= 1
    # ("cast an American actress - Ann Lee - as …": dashes set it off too.)
    dashed = comma >= 1 and spaced_dash(doc[comma]) and span.end < len(doc) and spaced_dash(doc[span.end])
    if comma < 1 or (doc[comma].text != "," and not dashed):
        return None
    if dashed:
        # (only a post right before the dash: "a member of the relay team - Ann Lee -" is left)
        if doc[comma - 1].tag_ != "NN" or doc[comma - 1].lower_ not in ROLE_HEADS:
            return None
        noun = doc[comma - 1]
    elif (body_post := _body_of_a_post(doc[comma - 1])) is not None and (
        root.dep_ == "appos" or (span.end < len(doc) and doc[span.end].text == ",")
    ):
        noun = body_post  # "director of the Victims of Crime Trust, Tom Vance,"
    # ("… agents questioning the jogger, Bena Apreala, …": a plural the parse hangs the name on is
    # a group, and "both Tom Vance and the House speaker, Ann Lee," another person; the noun right
    # before the comma is whom the name sets off.)
    elif (
        root.dep_ == "appos"
        and root.head.i < comma
        and not ((root.head.tag_ == "NNS" or _joined_person(root.head)) and _ends_a_post(doc[comma - 1]))
    ):
        noun = root.head
    elif span.end < len(doc) and doc[span.end].text == "," and _ends_a_post(doc[comma - 1]):
        noun = doc[comma - 1]  # "shot an armed demonstrator, Tom Vance, on Sunday", parsed otherwise
    else:
        return None
    # "the captain of the aircraft carrier Hope": the name hangs on the last noun; the post is the first.
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.tag_ == "NN":
        # (not past an event or a thing: "the resignation of its chief executive, Tom Vance", "a
        # portrait of the artist" name the holder; "a relative of the president, Tom Vance" says
        # whose the post is)
        if _names_someone(noun) and _event_or_thing(noun.head.head):
            break
        noun = noun.head.head
    # ("the Kyrgyz President, Askar Akaev,": a post capitalised after "the" is one too.)
    capitalised = noun.tag_ == "NNP" and noun.lower_ in ROLE_HEADS and any(t.lower_ == "the" for t in noun.lefts)
    if not capitalised and (noun.tag_ != "NN" or not noun.is_lower):
        return None
    # "Tom Vance and his wife, Ann Vance,": kin of the person just named.
    if noun.lower_ in _KIN:
        owned = any(t.tag_ == "PRP$" for t in noun.lefts)
        named = any(t.ent_type_ == "PERSON" for t in doc[noun.sent.start : noun.i])
        return noun.text if owned and named else None
    if noun.lower_ in _NOT_TITLES or not _names_someone(noun):
        return None
    tokens = list(doc[noun.left_edge.i : comma])
    # ("the leader of the Metropolitan Opera and Philadelphia Orchestra": what a post is of may be long.)
    of = any(t.lower_ in _TITLE_PREPOSITIONS for t in doc[noun.i : comma])
    whole = _tidy(tokens, MAX_OF_ROLE_WORDS if of else MAX_ROLE_WORDS)
    return whole or _tidy([t for t in noun.subtree if t.i <= noun.i])


def _body_of_a_post(last: Token) -> Token | None:
    """The post a body is of, where the body's name ends at `last`: "director" of "director of
    the Victims of Crime Trust" (the parse may hang the name after it on the body's last word)."""
    if last.ent_type_ not in {"ORG", "GPE", "FAC"}:
        return None
    start = last.i
    while start > 0 and last.doc[start].ent_iob_ == "I":
        start -= 1
    body = last.doc[start : last.i + 1].root
    of = body.head
    post = of.head
    # (Not "an adviser to the prime minister of Japan, Kenji Sato,": a post that is itself the
    # object of another's "to" or "for" is whom the person serves.)
    served = post.dep_ == "pobj"
    if body.dep_ == "pobj" and of.lower_ == "of" and post.tag_ == "NN" and post.lower_ in ROLE_HEADS and not served:
        return post
    return None


# Acts that give someone a post, and verbs that say one did not happen.
_POSTING_ACTS = frozenset(
    {"appointment", "election", "re-election", "nomination", "confirmation", "selection", "installation",
     "promotion", "hiring", "naming", "signing", "reappointment", "inauguration", "swearing-in", "return", "recall"}
)  # fmt: skip
_DENIALS = frozenset(
    {"denied", "denies", "deny", "rejected", "rejects", "reject", "ruled", "rules", "rule", "blocked", "blocks",
     "opposed", "opposes", "oppose", "dismissed", "dismisses", "feared", "fears"}
)  # fmt: skip


def as_role(span: Span) -> str | None:
    """ "succeed Tom Vance as Scotland manager", "Tom Vance served as coach": the post after "as"
    (a role noun with no "a": "sees Tom Vance as a threat" names none)."""
    root = span.root
    # "Former captain Tom Vance is re-elected as chairman": the name in apposition to its subject.
    if root.dep_ == "appos" and root.head.i < root.i:
        root = root.head
    # "confirm the appointment of Tom Vance as their new head coach": the name of an act's noun,
    # one that gives a post; not "reports of Tom Vance as their next manager", nor an act denied.
    act = root.head.head
    of_act = root.dep_ == "pobj" and root.head.lower_ == "of" and act.lower_ in _POSTING_ACTS
    if of_act and (act.head.lower_ in _DENIALS or any(c.dep_ == "neg" for c in act.head.children)):
        return None
    if root.dep_ not in {"dobj", "nsubj", "nsubjpass"} and not of_act:
        return None
    verb = root.head.head if of_act else root.head
    # "as" on the name, on its verb, or on the main verb after an auxiliary ("is re-elected as").
    near = [*root.children, *verb.children, *(verb.head.children if verb.dep_.startswith("aux") or of_act else [])]
    for prep in near:
        if prep.dep_ != "prep" or prep.lower_ != "as" or prep.i < span.end:
            continue
        for post in (c for c in prep.children if c.dep_ == "pobj"):
            if post.tag_ != "NN" or post.lower_ not in ROLE_HEADS:
                return None
            # "as a threat" describes; "succeed Tom Vance as Sam Lee's coach" may name the
            # subject's new post, not the person's.
            # But "as their new head coach": the club's pronoun, the person's post.
            if any(t.dep_ == "det" or (t.dep_ == "poss" and t.tag_ != "PRP$") for t in post.children):
                return None
            return _tidy([t for t in post.subtree if t.i <= post.i])
    return None


_COURT_SIDES = frozenset({"prosecuting", "defending"})
_COUNSEL_VERBS = frozenset({"said", "told", "says", "added", "argued", "asked", "explained", "described", "claimed"})


def court_role(span: Span) -> str | None:
    """ "Ann Lee, prosecuting, said", "Tom Vance, representing Mason, said": a court report's
    way of naming counsel, set off by commas after the name."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != ",":
        return None
    word = doc[span.end + 1]
    end = span.end + 2
    if word.lower_ == "representing":
        while end < len(doc) and end - span.end <= 5 and doc[end].is_title:
            end += 1
        if end == span.end + 2:
            return None
    elif word.lower_ not in _COURT_SIDES:
        return None
    # "Tom Vance, representing Leeds, won the 100m": counsel is named where they speak.
    spoke = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in _COUNSEL_VERBS
    return doc[span.end + 1 : end].text if spoke else None


def one_of_role(span: Span) -> str | None:
    """ "Tom Vance, one of the world's best climbers,", "Ann Lee one of the group's founders":
    one of a group named by what its members do says what the person is; the phrase as written,
    whatever the parser hangs it on."""
    doc = span.doc
    i = span.end + (span.end < len(doc) and doc[span.end].text == ",")
    # "Ann Lee is one of four officers charged": the same said with "is" or "was".
    root = span.root
    said = i < len(doc) and doc[i].lower_ in _COPULAS and root.dep_ == "nsubj" and root.head.i == i
    i += said
    if i + 2 >= len(doc) or doc[i].lower_ != "one" or doc[i + 1].lower_ != "of":
        return None
    noun = next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
    # "one of the co-founders": the tagger splits the word; its last piece is the noun.
    while noun is not None and noun.i + 2 < len(doc) and doc[noun.i + 1].text in _HYPHENS:
        if noun.whitespace_ or doc[noun.i + 1].whitespace_:
            break
        noun = doc[noun.i + 2]
    if noun is None or noun.tag_ != "NNS" or not _names_someone_plural(noun):
        return None
    # "one of the best players of her generation" praises; "one of the children's grandparents" is kin.
    superlative = any(t.tag_ in {"JJS", "RBS"} for t in noun.subtree if t.i < noun.i)
    if (superlative and _singular(noun.lower_) in _PRAISE) or _singular(noun.lower_) in _NOT_TITLES:
        return None
    if said and not _posted_group(noun, superlative):
        return None
    if "parent" in noun.lower_:
        return None
    # A relative clause ends what the group is, with its "who" or without ("the players Smith signed").
    clauses = {t.i for c in noun.rights if c.dep_ == "relcl" for t in c.subtree}
    tokens = [doc[i], doc[i + 1]]
    for token in doc[i + 2 : noun.right_edge.i + 1]:
        glued = token.text in _HYPHENS and not token.whitespace_ and not doc[token.i - 1].whitespace_
        if (token.is_punct and not glued) or token.tag_ in {"WP", "WDT", "WP$"} or token.i in clauses:
            break  # a comma or a relative clause ends what the group is
        tokens.append(token)
    # Too long, the group ends before a participle's clause ("officers charged with murder in …").
    clause = next((k for k, t in enumerate(tokens) if t.i > noun.i and t.tag_ in {"VBN", "VBG"}), len(tokens))
    if len(tokens) > MAX_OF_ROLE_WORDS:
        tokens = tokens[:clause]
    if not tokens or tokens[-1].i < noun.i or len(tokens) > MAX_OF_ROLE_WORDS:
        return None
    return "".join(t.text_with_ws for t in tokens).strip()


def _posted_group(noun: Token, superlative: bool) -> bool:
    """ "Ann Lee is one of four former officers": said with "is", "one of" a group states a post
    only when the group is named by a known post ("one of our readers", "one of the losers" are
    not) with no judgement or pointing word before it ("one of the great survivors of politics",
    "one of those teachers", "one of the greatest entertainers"), and not under "if"."""
    single = _singular(noun.lower_)
    if superlative or single not in ROLE_HEADS or single in _PRAISE or single == "survivor":
        return False
    lefts = list(noun.lefts)
    plain = _PLAIN_MARKS
    judged = any(t.dep_ == "amod" and t.tag_ == "JJ" and t.is_lower and t.lower_ not in plain for t in lefts)
    pointed = any(t.tag_ == "PRP$" or t.lower_ in {"those", "these"} for t in lefts)
    copula = noun.head.head.head  # "of" -> "one" -> "is"
    hypothetical = any(c.dep_ == "mark" and c.lower_ in {"if", "whether", "unless"} for c in copula.children)
    return not (judged or pointed or hypothetical)


# Words that count a group, not what its members do ("several ministers including Ann Lee").
_COUNTING = frozenset({"several", "many", "other", "some", "few", "various", "numerous", "all", "both", "fellow"})


def including_role(span: Span) -> str | None:
    """ "Famous Japanese directors including Ann Lee", "ministers such as Ann Lee and Tom Vance":
    one of a group named by what its members do, the group's noun in the singular with the words
    that describe it; not how many there are ("several", "two")."""
    doc = span.doc
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:  # the later names of a list
        first = first.head
    prep = first.head
    such = prep.lower_ == "as" and prep.i > 0 and doc[prep.i - 1].lower_ == "such"
    if first.dep_ != "pobj" or not (prep.lower_ == "including" or such):
        return None
    noun = prep.head
    # Only a group named by a known post: "bookmakers such as William Hill", "thrillers such as
    # Jack Reacher", "heavy drinkers such as Ann Lee" name firms, books and habits.
    if noun.tag_ != "NNS" or noun.i >= prep.i or _singular(noun.lower_) not in ROLE_HEADS or _thing_plural(noun):
        return None
    if _singular(noun.lower_) in _NOT_TITLES | _PRAISE or any(t.tag_ in {"JJS", "RBS"} for t in noun.lefts):
        return None
    # The describing words right before the noun ("Famous Japanese"), not a name the parse hung
    # on it ("Impressionists such as Rory Bremner mock politicians such as …").
    words = [noun]
    while words[0].i > 0 and words[0].i > words[0].sent.start:
        left = doc[words[0].i - 1]
        if left.ent_type_ == "PERSON" or left.is_punct or not (words[0].i > left.i and left.head.i <= noun.i):
            break
        if left.head.i < left.i or left.dep_ not in {"amod", "compound", "nummod", "det", "poss", "case"}:
            break
        words.insert(0, left)
    if any(a.tag_ == b.tag_ == "NNP" and a.ent_type_ for a, b in itertools.pairwise(words)):
        return None  # (a name of two words the model took for a body's)
    while words and (words[0].lower_ in _COUNTING or words[0].tag_ in {"CD", "DT", "PRP$"}):
        words = words[1:]
    role = _tidy(words)
    return _singular_role(role, noun.text) if role and role.endswith(noun.text) else None


_PEOPLE_IN_Y = frozenset({"deputy", "envoy", "lady", "attorney", "nanny", "baby", "emissary", "dignitary", "secretary"})


def _thing_plural(noun: Token) -> bool:
    """ "studies", "policies", "countries": a plural in "-ies" of no post ("deputies", "first
    ladies" are people)."""
    singular = _singular(noun.lower_)
    return noun.lower_.endswith("ies") and singular not in ROLE_HEADS and singular not in _PEOPLE_IN_Y


def _names_someone_plural(noun: Token) -> bool:
    singular = _singular(noun.lower_)
    return singular in ROLE_HEADS or singular.endswith(AGENT_ENDINGS)


# Linking words inside a capitalised name ("News of the World", "Marks & Spencer").
_NAME_JOINS = frozenset({"of", "the", "&", "and", "in", "on"})  # "Al-Qaeda in the Arabian Peninsula"


def _dated(word: Token) -> bool:
    """ "said on Tuesday", "in May": a day or a month after a preposition, not a word of a name
    ("Sunday Times", "Sheffield Wednesday", "the Mail on Sunday")."""
    doc = word.doc
    before = doc[word.i - 1] if word.i > 0 else None
    named = word.i > 1 and doc[word.i - 2].is_title  # "Mail on Sunday"
    return word.lower_ in WEEKDAYS | MONTHS | NAME_MONTHS and before is not None and before.tag_ == "IN" and not named


def written_title_role(span: Span) -> str | None:
    """ "Leeds Rhinos veteran Tom Vance", "Bayer Leverkusen defender Tom Vance", "former News of
    the World editor Ann Lee", "Texas state Senator Ann Lee": a team, body or place written in
    capitals, then a post with a word in lower case, then the full name. Read from the words: the
    parser often makes the role noun a verb here, or the team the name's subject."""
    doc = span.doc
    first = span.sent.start
    # A sentence the parser started inside a phrase ("for Texas state | Senator Ann Lee WHERE'S
    # …", a caption run on) goes on from the words before it.
    if first > 0 and not (doc[first - 1].is_punct or doc[first - 1].is_space):
        first = doc[first - 1].sent.start
    post = span.start - 1
    if len(span) < 2 or post <= first or doc[post].lower_ not in ROLE_HEADS:
        return None
    start = post
    # "vice-chairman", "all-rounder": the pieces of the post's word.
    while start - 2 > first and doc[start - 1].text in _HYPHENS and not doc[start - 1].whitespace_:
        if doc[start - 2].whitespace_:
            break
        start -= 2
    # "state" of "Texas state Senator", "royal" of "royal editor": lower-case words on the post.
    while start - 1 > first and doc[start - 1].is_lower:
        word = doc[start - 1]
        # "attacking" of "Colombia attacking midfielder"; "surrogate and health policy expert".
        joined = (
            word.lower_ == "and"
            and start - 2 > first
            and doc[start - 2].is_lower
            and doc[start - 2].tag_ in {"NN", "JJ"}
        )
        if word.tag_ not in {"NN", "JJ", "VBG"} and not joined:
            break
        start -= 1
    if not any(t.is_lower for t in doc[start : post + 1]):
        return None  # a headline's capitalised words are read by headline_role
    k = start
    while k - 1 >= first:
        word = doc[k - 1]
        # A plural or an adjective in capitals only opening the sentence ("Detectives suspect Ann
        # Lee was…") is a common word, unless tagged as a name ("Wolves").
        common = word.tag_ == "NNS" and word.i == span.sent.start and not word.ent_type_
        # "Formula One", "Formula 1": a number is a word of a name in capitals.
        numbered = word.tag_ == "CD" and (word.is_alpha or (k - 2 >= first and doc[k - 2].is_title))
        named = (word.tag_ in {"NNP", "NNPS", "NNS", "JJ"} and not common) or numbered
        capital = numbered or ((word.is_title or (word.is_upper and len(word) > 1)) and named)
        # "of the" inside "News of the World"; "and" between two teams, not after a person.
        after_person = k - 2 >= first and doc[k - 2].ent_type_ == "PERSON"
        join = word.lower_ in _NAME_JOINS and k < start and not (word.lower_ == "and" and after_person)
        # "the MDA's chairman": whose post it is, a body's possessive (never a person's).
        owner = doc[k - 2] if k - 2 >= first else None
        owned = owner is not None and (owner.is_title or (owner.is_upper and len(owner) > 1))
        if word.tag_ == "POS" and owned and owner.ent_type_ != "PERSON":  # "Dead Man's Shoes' star" too
            join = True
        if _dated(word) or not (capital or join):
            break
        k -= 1
    # A sentence's capitalised first word may be an opener ("But", "The"), and a run ends in a name.
    while k < start and (doc[k].is_stop or doc[k].lower_ in _NAME_JOINS):
        k += 1
    if k == start:
        return None  # no team or body before the post: the other rules read it
    # "Tories back Boris Kemp in the vote": one word, then a role noun that is also a verb
    # taking the name ("Dead Man's Shoes' star Ann Lee for the award" is a title).
    verb = start == post and doc[post].lower_ in _ALSO_NOT_NOUNS and _verb_object(span)
    if verb and start - k == 1:
        return None
    if k - 1 >= first and doc[k - 1].lower_ in _TIME_MARKS:
        k -= 1
    return _tidy(list(doc[k : post + 1]), MAX_OF_ROLE_WORDS)


def rank_in_figures_role(span: Span) -> str | None:
    """ "world No 1 Tom Vance", "British No 2 Ann Lee": a rank in figures before the name (the
    parser reads "No" as a determiner and drops it)."""
    doc = span.doc
    at = span.start
    if at < 2 or not doc[at - 1].is_digit or doc[at - 2].lower_ not in {"no", "no."} or not doc[at - 2].is_title:
        return None
    words = [doc[at - 2], doc[at - 1]]
    where = doc[at - 3] if at >= 3 else None
    if where is not None and where.is_alpha and where.tag_ in {"NN", "JJ", "NNP"} and not where.is_stop:
        words.insert(0, where)
    return " ".join(t.text for t in words)


_OFFICE_LETTERS = frozenset({"qc", "kc", "mp", "msp", "mep", "mla"})


def letters_role(span: Span) -> str | None:
    """ "Ann Lee QC said": letters of an office after a name are the post, when nothing else
    states one."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.is_upper and after.lower_ in _OFFICE_LETTERS:
        return after.text
    return None


_BROKEN_WORD = re.compile(r"(\w+)[-–] (\w+)")


def _broken(role: str) -> bool:
    """ "Lese- Majeste": a role that is only a word broken at a line's end ("vice- president" and
    "co- founder" are posts still)."""
    match = _BROKEN_WORD.fullmatch(role)
    return match is not None and not any(w.lower() in ROLE_HEADS for w in match.groups())


def roles_for(span: Span) -> list[str]:
    found = [
        premodifier_role(span),
        label_role(span),
        apposition_role(span),
        conjoined_apposition_role(span),
        copula_role(span),
        named_post_role(span),
        called_role(span),
        title_head_role(span),
        team_position_role(span),
        preceding_apposition_role(span),
        as_role(span),
        office_of_role(span),
        lower_office_of_role(span),
        court_role(span),
        one_of_role(span),
        including_role(span),
        rank_in_figures_role(span),
        guest_role(span),
    ]
    written = written_title_role(span)
    # The same post read from the words, longer: kept when it contains what the parse gave.
    if written and not any(r and r.split()[-1] == written.split()[-1] and not _inside(r, written) for r in found):
        found.append(written)
    # "Bonnie Castillo, head of National Nurses United,": the parse hangs "of" elsewhere and
    # gives "head"; the words give the post with what it is of.
    after_comma = written_apposition_role(span)
    if after_comma and found[2] and _inside(found[2], after_comma) and found[2].split()[-1] in after_comma.split():
        found[2] = after_comma
    if not any(found):
        found.append(
            after_comma
            or listed_post_role(span)
            or plural_post_role(span)
            or sibling_title_role(span)
            or adjacent_title_role(span)
            or honorific_post_role(span)
            or letters_role(span)
            or bare_post_role(span)
        )
    # ("WHO chief Dr Ann Lee": the parse may give "chief" alone; the longer wording replaces it below.)
    found.append(lettered_body_post_role(span))
    found.append(bracketed_post_role(span))
    # ("Lese- Majeste": a word broken at a line's end is a fragment, never a role.)
    roles = list(dict.fromkeys(role for role in found if role and not _broken(role)))
    # One mention states one post: a wording inside a longer one found by another rule ("Chief
    # Secretary" of "Chief Secretary to the Treasury") would count the article twice.
    return [r for r in roles if not any(r != other and _inside(r, other) for other in roles)]


def bare_post_role(span: Span) -> str | None:
    """ "How photographer Ann Lee carried on": a post in lower case right before a full name is
    hers, however the parse hangs it (here as the verb's object). Only a word tagged a noun: "to
    host Tom Vance" is a verb."""
    doc = span.doc
    if len(span) < 2 or span.start == span.sent.start:
        return None
    post = doc[span.start - 1]
    # ("But defender Tom Vance is suspended": an agent noun the tagger made a verb, but not after
    # "to" or a modal, where it may be one: "to engineer Tom Vance's exit".)
    before = doc[post.i - 1] if post.i > span.sent.start else None
    # ("Rivals engineer Ann Lee's downfall": after a subject it is the verb.)
    verbal = before is not None and (before.lower_ == "to" or before.tag_ in {"MD", "NN", "NNS", "PRP", "WP"})
    agent = post.tag_ in {"VB", "VBP"} and post.lower_.endswith(("er", "or", "ist", "ian")) and not verbal
    # "#MinskProtests leader Tom Vance", "Acme leader …": a name before the post is whose it
    # is, which the title rules read.
    owned = before is not None and (before.tag_ in {"NNP", "NNPS"} or before.text[:1] in _TAG_MARKS)
    # ("The model Tom Vance built collapsed": after "the", a post the parse does not tie to the
    # name may be what the name's clause is about; the title rules read "the lawyer Ann Lee".)
    owned = owned or (before is not None and before.tag_ in {"DT", "WDT"})
    if owned or not (post.is_lower and (post.tag_ == "NN" or agent) and post.lower_ in ROLE_HEADS):
        return None
    return post.text


def bracketed_post_role(span: Span) -> str | None:
    """ "thank (sporting director) Frank Arnesen and (chairman) Daniel Levy": a post in brackets
    right before a name, as a transcript or a quote's editor writes it."""
    doc = span.doc
    if span.start < 3 or doc[span.start - 1].text != ")":
        return None
    opening = next((t.i for t in doc[max(0, span.start - 6) : span.start - 1] if t.text == "("), None)
    if opening is None:
        return None
    words = list(doc[opening + 1 : span.start - 1])
    if not words or not all(t.is_lower or t.text in _HYPHENS for t in words) or words[-1].lower_ not in ROLE_HEADS:
        return None
    return _tidy(words)


def lettered_body_post_role(span: Span) -> str | None:
    """ "WHO chief Dr Tedros …": a body written in capitals the tagger reads as another word (the
    pronoun "who"), then a post in lower case, then the name (past its titles of address)."""
    doc = span.doc
    i = span.start - 1
    while i > span.sent.start and doc[i].lower_.rstrip(".") in HONORIFICS and doc[i].is_title:
        i -= 1
    if i <= span.sent.start or i == span.start:
        return None
    post, body = doc[i], doc[i - 1]
    lettered = body.is_upper and body.is_alpha and len(body) >= 2 and not body.ent_type_
    if lettered and post.is_lower and post.tag_ == "NN" and post.lower_ in ROLE_HEADS:
        return f"{body.text} {post.text}"
    return None


def office_of_role(span: Span) -> str | None:
    """ "Director of Public Prosecutions Ann Lee said": a post named after what it is of, written
    before the name. The post is a role noun in title case opening the clause, every word between
    its "of" and the name is capitalised (at most four), and the parse ties the post and the name
    (whichever way it hangs them: the name inside the "of" phrase, the post on the name, or the
    name as the post's apposition)."""
    doc = span.doc
    start = span.start
    k = start - 1
    while k > span.sent.start and start - k <= 4 and doc[k].is_title and doc[k].lower_ != "of":
        k -= 1
    of, post = doc[k], doc[k - 1] if k > 0 else None
    if post is None or of.lower_ != "of" or k == start - 1 or of.head.i != post.i:
        return None
    if not post.is_title or post.lower_ not in ROLE_HEADS or not all(t.is_title for t in doc[k + 1 : start]):
        return None
    root = span.root
    tied = root.head.i in {post.i, of.i} or post.head.i == root.i or any(t.head.i == root.i for t in doc[k + 1 : start])
    opens = post.i == post.sent.start or doc[post.i - 1].is_punct or doc[post.i - 1].tag_ in {"CC", "IN", "VBD", "VBZ"}
    return doc[post.i : start].text if tied and opens else None


def lower_office_of_role(span: Span) -> str | None:
    """ "CIS director of research Ann Lee said": a lower-case post with what it is of, written
    right before the name (one to three lower-case nouns after "of"), the parse tying the two;
    with the words the post hangs before it ("CIS")."""
    doc = span.doc
    start = span.start
    k = start - 1
    while k > span.sent.start and start - k <= 3 and doc[k].is_lower and doc[k].tag_ in {"NN", "NNS"}:
        k -= 1
    if k == start - 1 or k - 1 < span.sent.start or doc[k].lower_ != "of":
        return None
    of, post = doc[k], doc[k - 1]
    if not post.is_lower or post.lower_ not in ROLE_HEADS or of.head.i != post.i:
        return None
    root = span.root
    tied = root.head.i in {post.i, of.i} or post.head.i == root.i or any(t.head.i == root.i for t in doc[k + 1 : start])
    if not tied:
        return None
    first = post.i
    while first - 1 >= span.sent.start and doc[first - 1].head.i == post.i and doc[first - 1].dep_ in _PREMODIFIER_DEPS:
        first -= 1
    return _tidy(list(doc[first:start]))


# Honorifics that are also posts: "Professor Ann Lee" is a professor; "Dr" may be any doctorate.
# Honorifics that are posts, as a role: a professor's chair, a nun's or a priest's calling.
_POST_HONORIFICS = {"professor": "Professor", "prof": "Professor", "prof.": "Professor", "sister": "Sister",
                    "father": "Father"}  # fmt: skip


def honorific_post_role(span: Span) -> str | None:
    """ "Professor Ann Lee, who led the study", "Sister Ann Lee": the honorific is the only post
    the text states. Capitalised before a full name, "Sister" and "Father" are a calling ("his
    sister Ann Lee" is kin, in lower case)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > span.sent.start else None
    # "Sister Ann Lee said her brother …": opening a sentence that speaks of kin, she is kin.
    kin = any(t.lower_ in _KIN for t in span.sent if t.i != span.start - 1)
    calling = before is not None and before.lower_ in {"sister", "father"}
    if calling and before.i == span.sent.start and kin:
        return None
    if before is not None and before.is_title and before.lower_ in _POST_HONORIFICS and len(span) > 1:
        return _POST_HONORIFICS[before.lower_]
    inside = len(span) > 2 and span[0].is_title and span[0].lower_ in _POST_HONORIFICS
    return _POST_HONORIFICS[span[0].lower_] if inside else None


def _inside(short: str, long: str) -> bool:
    s, w = short.lower().split(), long.lower().split()
    return len(s) < len(w) and any(w[k : k + len(s)] == s for k in range(len(w) - len(s) + 1))


def adjacent_title_role(span: Span) -> str | None:
    """ "speaks to producer Tom Vance" where the parser made the title a verb's complement: a
    lower-case role noun right before a full name is its title, whatever the parse."""
    if len(span) < 2 or span.start <= span.sent.start:
        return None
    head = span.doc[span.start - 1]
    if not head.is_lower or head.lower_ not in ROLE_HEADS:
        return None
    if head.tag_ == "NN":
        # "YouTube star Ann Lee", the title a preposition's object: the company is whose star.
        words = _described_title(head, {"NORP", "GPE", "ORG"})
    else:
        # "teenage forward Tom Vance", "to blogger Ann Lee": a role noun the tagger read as an
        # adverb, a particle or a verb hangs nothing on itself; the words describing it are the
        # ones right before it.
        words = _adjacent_description(head, {"NORP", "GPE"})
        # "Tories back Boris Kemp in the vote": after a name alone, such a word may be a verb.
        described = any(t.is_lower for t in words[:-1])
        if head.lower_ in _ALSO_NOT_NOUNS and not described and (len(words) == 1 or _verb_object(span)):
            return None
        # "Rovers full back Tom Vance": the team before a position of two words.
        team = span.doc[words[0].i - 1] if words[0].i > span.sent.start else None
        named = team is not None and (team.tag_ in {"NNPS", "NNS"} or (team.tag_ == "NNP" and team.i > span.sent.start))
        if named and team.is_title and team.ent_type_ != "PERSON" and len(words) > 1:
            return _tidy([team, *words])
    # After a name or a hashtag ("#MinskProtests leader") the title is part of a phrase the
    # other rules read whole and rejected.
    # Glued to a number ("800m champion"), the first word is a unit, the title a longer phrase.
    before = span.doc[words[0].i - 1] if words[0].i > span.sent.start else None
    if before is not None and (before.tag_ in {"NNP", "NNPS"} or before.text[:1] in _TAG_MARKS or before.is_title):
        return None
    if before is not None and (not before.whitespace_ or before.tag_ == "CD"):
        return None
    return _tidy(words)


# For the general reading of a role phrase (role_phrases.py), which tests the same words.
NAMED_POSTS = _NAMED_POSTS
NOT_PERSON_NOUNS = _NOT_TITLES | _GENERIC | _NOT_ROLES | _PHOTO_PLACES | _KIN | _RELATIONS - COWORKERS
POST_QUALIFIERS = _POST_QUALIFIERS
PRAISE = _PRAISE
GENERIC = _GENERIC
TIME_MARKS = _TIME_MARKS
TITLE_ABBREVIATIONS = _TITLE_ABBREVIATIONS
ITEM_LABELS = _ITEM_LABELS
singular = _singular
# For the linker (analyze.py): words before a name that are no given name, or that are.
AGENT_NAMES = _AGENT_NAMES
RANK_WORDS = _RANK_WORDS

# Sets read on every role, built once.
_KINDS_OF_BODY = BODY_NOUNS | CREDIT_LABELS | _RULING_BODIES  # kinds of body, never a post's last word
_NOT_AGENTS = _NOT_TITLES | _RULING_BODIES  # agent nouns of no one's post ("government", "sister")
_SOMEONE = ROLE_HEADS | _PEOPLE_NOUNS | {"person"}  # nouns for someone an infinitive may follow
_PLAIN_MARKS = _TIME_MARKS | _RANKS  # words before a group's noun that judge nothing ("former", "last")
