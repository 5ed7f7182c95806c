"""The analysis of one article: what is stored for it, computed in one spaCy pass."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from bot.nlp import quotes as q
from bot.nlp.parse import CURLY_NAMES, parse
from bot.nlp.role_phrases import person_noun, phrase_role, stated_post, trade_word
from bot.nlp.roles import (
    AGENT_ENDINGS,
    AGENT_NAMES,
    BODY_NOUNS,
    CREDIT_LABELS,
    FORCES_RANKS,
    ITEM_LABELS,
    LETTERED_POSTS,
    POST_QUALIFIERS,
    QUOTES,
    RANK_WORDS,
    ROLE_HEADS,
    TITLE_ABBREVIATIONS,
    agent_post,
    copula_role,
    credited_guest,
    guest_role,
    headline_copula_role,
    headline_obituary,
    headline_role,
    label_role,
    names_someone,
    rank_field,
    roles_for,
    spaced_dash,
    written_apposition_post,
    written_as_noun,
)
from domain.analysis import Analysis, EntityInfo, SentenceInfo
from domain.names import HONORIFICS, MONTHS, NAME_MONTHS, WEEKDAYS, clean_name, full_form, name_key
from domain.roles import PARTY_MEMBERS

# NORP ("Russian"), dates and numbers are not things a user asks /who or /status about.
KINDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW"})
MAX_NAME_CHARS = 120
# Titles of address given only to a person ("Lord" also opens "Lord of the Rings").
_ADDRESS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})
# Demonyms and group names ("Turkish", "Kurds", "Republicans"); other proper nouns the model
# labels NORP are mostly places ("Aleppo").
_DEMONYM_ENDINGS = ("an", "ans", "ish", "ese", "i", "is", "ic", "ics", "s")
# Lower-case words inside names ("Mohammed bin Salman", "Ludwig van Beethoven").
_PARTICLES = frozenset("bin ibn al el de da di du del della der den van von le la ter ten dos das".split())
# Titles that are part of how a royal is named ("Queen Elizabeth II"): kept in the name.
_ROYAL = frozenset({"king", "queen", "prince", "princess", "pope", "emperor", "sheikh"})
_DASHES = frozenset({"-", "–", "—"})
# Kinds the model gives a person's full name by mistake ("scrum-half Tom Vance" tagged ORG).
_RETYPED = frozenset({"ORG", "GPE", "FAC", "NORP", "LOC", "WORK_OF_ART"})
# Offices written in capitals inside a title ("UN Special Coordinator", "Prime Minister").
_OFFICES = frozenset(
    {"coordinator", "co-ordinator", "director", "minister", "secretary", "president", "governor", "senator",
     "chairman", "chairwoman", "ambassador", "envoy", "commander", "spokesman", "spokeswoman", "adviser",
     "correspondent", "editor", "professor", "chancellor", "mayor", "commissioner", "representative"}
)  # fmt: skip
_BODY_ROLES = frozenset(
    {
        "owner",
        "broadcaster",
        "investor",
        "sponsor",
        "partner",
        "backer",
        "supplier",
        "publisher",
        "producer",
        "champion",
        "winner",
        "leader",
        "founder",
        "member",
        "host",
        "international",
        # a country or a club qualifies and reaches finals; a firm sues, is sued and has counterparts
        "qualifier",
        "finalist",
        "semi-finalist",
        "debutant",
        "counterpart",
        "defendant",
        "plaintiff",
        "claimant",
    }
)
# Posts written before a name that ROLE_HEADS leaves out ("One guard, Tom Vance,").
_MORE_HEADS = frozenset(
    {"guard", "stand-off", "half-back", "full-back", "fullback", "second-row", "wicketkeeper", "official"}
)
# Letters only a person writes after a name ("Ann Lee QC"; "Acme PLC" is a company's).
_PERSON_LETTERS = frozenset({"qc", "kc", "mp", "msp", "mep", "mla", "obe", "mbe", "cbe", "kbe", "dbe"})
# Words that end a firm's or an office's name ("International Paper Company", "Keeper Security
# Limited").
_FIRM_WORDS = frozenset(
    "company limited ltd inc corp plc productions studio studios resorts hotels insurance office index building "
    "corps theatre machines entertainment securities".split()
)
# Words of a club's, a place's or a body's name, never of a person's ("Leeds United").
_BODY_WORDS = frozenset(
    "united city town county rovers athletic club fc afc party council house street road park stadium group "
    "bank university college school hospital airport court church cup league state republic kingdom island "
    "islands news times post capital partners holdings farms logistics estates hotel motors foods works "
    "services research freight institute foundation centre center network initiative fund trust society "
    "association commission committee ministry department agency utilities".split()
)
# Words that open a person's span without being their name ("Saturday Tom Vance").
# Positions in a team ("Valencia striker"), and its boss: the word before one is the team's name.
_PLAYER_POSITIONS = frozenset(
    {"forward", "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "full-back", "fullback",
     "prop", "hooker", "flanker", "fly-half", "scrum-half", "centre-back", "centre-half", "boss"}
)  # fmt: skip
_SAINTS = frozenset({"st", "st.", "saint"})
# Words a headline introduces someone with ("Meet Ann Lee"), never a given name.
_INTRODUCING = frozenset({"meet"})


def entity_kind(span: Span) -> str | None:
    """The label we store for a span, or None when it is not a thing users ask about."""
    if span.label_ in KINDS:
        return span.label_
    if span.label_ == "NORP" and all(t.tag_ == "NNP" for t in span):
        if not span.text.lower().endswith(_DEMONYM_ENDINGS):
            return "GPE"
    return None


# Words that open a post before a lower-case trade ("Chief scout").
_OFFICE_TITLES = frozenset({"chief", "head", "senior", "principal", "lead", "deputy", "assistant"})
# Titles of address by which a bare surname is read ("Mr. Saunders").
_ADDRESSES = frozenset({"mr", "mrs", "ms", "miss"})
# Titles a mention of a surname may open with ("Mr. Saunders", "Dr King", "Judge Barnes").
_TITLED = HONORIFICS | _ADDRESSES | ROLE_HEADS
# Words by which a text tells a father from a son of one name.
_GENERATION_KIN = frozenset(
    {"father", "son", "dad", "elder", "younger", "senior", "junior", "grandson", "grandfather", "nephew", "uncle"}
)


def _title_case(sentence: Span) -> bool:
    """A line that capitalises every word longer than three letters (a headline's style)."""
    return all(t.is_title for t in sentence if t.is_alpha and len(t) > 3)


def _generation(word: str) -> bool:
    """A name's last word that tells a generation ("III", "Jr"), not a word of a headline."""
    return (word.isupper() and set(word) <= set("IVX")) or word.rstrip(".") in {"Jr", "Sr"}


def _post_nominal(token: Token) -> bool:
    """Letters after a name ("QC", "MP", "OBE"): an upper-case word of two to four letters that is
    no Roman numeral."""
    text = token.text
    return token.is_alpha and text.isupper() and 2 <= len(text) <= 4 and not set(text) <= set("IVX")


def _name_shaped(text: str) -> bool:
    """Two to four capitalised words (name particles aside), none an initial, an acronym or a word
    of a body's name ("Leeds United"): how a person's full name is written."""
    words = text.split()
    named = [w for w in words if w not in _PARTICLES]
    if not 2 <= len(words) <= 4 or len(named) < 2 or not words[0][:1].isupper():
        return False
    for word in named:
        letters = word.replace("'", "").replace("’", "").replace("-", "")
        if not (letters.isalpha() and letters[:1].isupper() and len(letters) > 1 and not letters.isupper()):
            return False
        if word.lower() in _BODY_WORDS:
            return False
    return True


def _role_head(word: str) -> bool:
    return word in ROLE_HEADS or word in _MORE_HEADS


def _word_before(span: Span) -> str:
    """The whole word written before the span in its sentence (past a comma or colon: "One guard,
    Tom Vance"), lower case; "" at the sentence's start."""
    doc = span.doc
    start = span.start  # the sentence's first token
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    # The tokens' own text: Doc.text joins the whole document anew at every call.
    before = "".join(t.text_with_ws for t in doc[start : span.start]).rstrip(" ,:(\n\t")
    words = before.split()
    return words[-1].lower() if words else ""


def _person_role(role: str) -> bool:
    """A role only a person holds: a post ("scrum-half", "Actress") or a noun for someone who
    does something ("teacher", "model"), not a thing's ("cruise ship", "home to Dover")."""
    last = role.split()[-1] if role.split() else ""
    # "Leipzig owner Red Bull", "broadcaster Sky Sports": posts a company holds too.
    if last.lower() in _BODY_ROLES:
        return False
    if _role_head(last.lower()) or last.lower() in {"model", "star"}:
        return True
    return last.islower() and last.endswith(AGENT_ENDINGS)


def _after_preposition(span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.tag_ == "DT" and span.start > 1:
        before = doc[span.start - 2]
    return before is not None and before.tag_ == "IN"


def _person_letters(token: Token) -> bool:
    return token.is_upper and token.lower_ in _PERSON_LETTERS


def _ranked(doc: Doc, start: int) -> bool:
    """ "world No 1 Tom Vance", "British number one Ann Lee": a rank right before a name, in a
    field ("world", a nation); "flight number 370 Malaysia Airlines", "shirt number 10" rank nothing."""
    return (
        start >= 2
        and doc[start - 1].like_num
        and doc[start - 2].lower_ in {"no", "no.", "number"}
        and (rank_field(doc[start - 3]) if start >= 3 else False)
    )


def _aged(doc: Doc, end: int, start: int | None = None) -> bool:
    """ "Ann Lee, 37, was…": an age set off by commas right after a name. Not "The Grange Hotel,
    4, was sold" (a person is no "the"), nor a list or an address ("Bath Rugby, 17, Gloucester",
    "Kingsway Primary, 14, Mill Lane"): after the age, the sentence goes on in lower case."""
    after = doc[end : end + 4]
    if len(after) < 4 or after[0].text != "," or not after[1].is_digit or after[2].text != ",":
        return False
    if start is not None and start > 0 and doc[start - 1].lower_ == "the":
        return False
    return after[3].is_lower


# Nouns for a person of a nation or a region, written before the name ("Scot Stephen Cameron",
# "Dutchman Arnoud Okken"): never a first name in a name of three words or more.
_DEMONYM_NOUNS = frozenset(
    {"Scot", "Brit", "Briton", "Scotsman", "Scotswoman", "Welshman", "Welshwoman", "Irishman", "Irishwoman",
     "Englishman", "Englishwoman", "Frenchman", "Frenchwoman", "Dutchman", "Dutchwoman", "Kiwi", "Aussie",
     "Yorkshireman", "Yorkshirewoman", "Cornishman", "Ulsterman", "Corkman", "Kerryman", "Dubliner", "Glaswegian",
     "Geordie", "Scouser", "Liverpudlian", "Mancunian", "Londoner", "Parisian", "Muscovite", "Texan", "Catalan"}
)  # fmt: skip
# Nationalities and faiths that are given names too ("Christian Eriksen", "Roman Abramovich").
_GIVEN_NATIONALITIES = frozenset({"Christian", "Roman", "Jordan", "Israel", "Francis", "German", "Norman", "Indiana"})
# Posts that are given names too ("Justice Winslow scored 12 points"): never cut off a name.
_GIVEN_POSTS = frozenset({"justice"})
# Words an opening post is never: a royal's title or one written as part of a name.
_NAMED_TITLES = _ROYAL | _GIVEN_POSTS
# Any word of a firm's or a body's name.
_BODY_NAME_WORDS = _BODY_WORDS | _FIRM_WORDS
MAX_GUEST_POST_WORDS = 12
# Where a long post in a guest list is cut: before where or for whom it is held.
_POST_ENDS = (
    frozenset({","}),
    frozenset({"at", "for", "in", "with", "on", "to"}),
    frozenset({"and"}),
    frozenset({"of"}),
)
# Church titles that are surnames too ("Bishop" is one): a title only before the surname of
# someone the article names in full ("Bishop Spong" beside "John Shelby Spong").
_SURNAME_TITLES = frozenset({"bishop", "pastor", "deacon", "canon", "abbot", "elder"})
# Posts only a person holds (a bank may be "the lead adviser", a country "chair" of a bloc).
_PERSON_ONLY = frozenset(
    {"secretary", "minister", "chief", "professor", "justice", "editor", "founder", "judge", "senator",
     "governor", "mayor", "actor", "actress", "singer", "president", "chairman", "chairwoman", "spokesman",
     "spokeswoman", "ambassador", "envoy", "lawmaker", "congressman", "congresswoman", "councillor", "councilor",
     # trades and callings no company is said to follow ("Ann Lee, a human rights lawyer,")
     "lawyer", "attorney", "barrister", "solicitor", "surgeon", "nurse", "teacher", "lecturer", "student",
     "official", "writer", "author", "poet", "priest", "imam", "rabbi", "cleric", "presenter", "reporter",
     "correspondent", "comedian", "footballer", "cricketer", "golfer", "soldier", "campaigner", "recipient",
     "analyst", "economist", "paramedic", "schoolgirl", "schoolboy", "pupil"}
)  # fmt: skip


# Titles and their abbreviations, written before a name ("Chief Supt Deats").
_TITLE_WORDS = ROLE_HEADS | TITLE_ABBREVIATIONS | FORCES_RANKS
_OPENING_TITLES = _TITLE_WORDS | POST_QUALIFIERS  # ("Deputy Chief Constable Ann Lee")
# Person-only posts a firm or a campaign group is also called ("Argus Media, the commodities analyst").
_GROUPS_TOO = frozenset({"analyst", "campaigner", "specialist", "chemist", "florist", "stockist", "recipient"})


def _person_only(word: str) -> bool:
    """A post only a person holds, or a noun for someone with a calling ("imperialist")."""
    return word in _PERSON_ONLY or word.endswith("ist")


def _titled_person_after(doc: Doc, dash: int) -> bool:
    """ "… - President Ann Lee", "… - coach Tom Vance": after the dash, a title of at most three
    words and then a person's name (not "- journalist and editor Tom Vance", a post and the
    next guest)."""
    for k in range(dash + 1, min(dash + 5, len(doc))):
        token = doc[k]
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            return k > dash + 1
        if token.is_punct or token.tag_ == "CC":
            return False
    return False


def _post_of(names: list[Span], k: int, end: int) -> bool:
    """Whether the words after guest k's comma, up to the next guest's name, name a post."""
    stop = names[k + 1].start if k + 1 < len(names) else end
    post = names[k].doc[names[k].end + 1 : stop]
    return any(names_someone(t) or t.lower_.endswith(AGENT_ENDINGS) for t in post)


def _posted_speaker(span: Span, post: Token) -> bool:
    """ "…," said Ann Lee, head of distribution at Acme": a name who says something and is the
    head of a part of something is a person (a firm that says may be "a leader in snacks", or the
    head of a consortium, but is not the head of a trade: a lower-case word after "of")."""
    doc, root = post.doc, span.root
    if post.lower_ != "head" or post.i + 2 >= len(doc) or doc[post.i + 1].lower_ != "of":
        return False
    named = doc[post.i + 2]
    if named.lower_ == "the" and post.i + 3 < len(doc):
        named = doc[post.i + 3]
    # ("Ann Lee, the head of U.N. Women,", "head of the National Trust": of a body named in
    # capitals; a firm may be "the head of the consortium".)
    if named.is_title or named.is_upper:
        return True
    return (
        root.dep_ == "nsubj" and root.head.lower_ in q.SPEECH_VERBS and named.is_lower and named.tag_ in {"NN", "NNS"}
    )


def _person_described(span: Span) -> bool:
    """An obituary whose description names a person's post or calling, not a firm's ("Wall
    Street Lender", "Rental Giant" are firms')."""
    noun = headline_obituary(span)
    return noun is not None and (_person_only(noun) or noun in ROLE_HEADS)


# Posts a firm or a team holds as well as a person ("a maker of pumps", "the market leader").
_FIRM_POSTS = _BODY_ROLES | frozenset(
    {"maker", "producer", "supplier", "provider", "manufacturer", "retailer", "lender", "insurer", "publisher",
     "developer", "distributor", "operator", "carrier", "exporter", "importer", "builder", "leader", "holder",
     "giant", "rival", "buyer", "seller", "bidder", "backer", "creditor", "employer", "competitor", "challenger",
     "member", "winner", "owner", "client", "customer", "subsidiary", "brand", "group", "adviser", "advisor",
     "consultant", "auditor", "underwriter", "broker", "agent", "contractor", "arm", "unit", "lobbyist", "bookmaker",
     "manager", "player", "coordinator", "engineer", "headliner", "star", "regulator", "administrator", "receiver",
     "liquidator"}
)  # fmt: skip


# Posts a firm, a team or a campaign group may be called.
_FIRM_OR_GROUP = _FIRM_POSTS | _GROUPS_TOO


def _phrased_person(span: Span) -> bool:
    """A full name tagged a body that the phrase beside it names by a post a firm or a team does
    not hold ("Sindiso Magaqa, a popular local politician"), read as the general reading of
    role_phrases.py reads it."""
    noun = stated_post(span)
    post = noun.lower_ if noun is not None else ""
    return bool(post) and post not in _FIRM_POSTS and (_role_head(post) or _person_only(post))


def _posted_after(span: Span) -> bool:
    """A name given, after its comma or after "is", a post that a person holds and a firm or a
    team does not ("Ann Lee, deputy chief economist at Acme,", "Ann Lee is a swimming teacher"),
    or a post no firm holds when the name then speaks ("Ann Lee, European director for public
    policy at Acme, said"). Not one a firm or a campaign group is also called ("Argus Media, the
    commodities analyst", "Wise Owl, the insolvency specialist", "Begbies Traynor, the
    administrator")."""
    post = written_apposition_post(span)
    if post is not None:
        root = span.root
        speaks = root.dep_ == "nsubj" and root.head.lower_ in q.SPEECH_VERBS
        held = post.lower_ not in _FIRM_OR_GROUP
        posted = (_person_only(post.lower_) or (_role_head(post.lower_) and speaks)) and held
        return posted or _posted_speaker(span, post)
    role = copula_role(span)
    last = role.split()[-1].lower() if role else ""
    held = last not in _FIRM_OR_GROUP
    return bool(last) and held and (_role_head(last) or _person_only(last))


def _acting_name(words: Span) -> bool:
    """A person's name written as one that says or does something, or is set off or owned: a verb,
    a comma or a possessive right after it ("Tristan Cork says", "Leah Begg's poem"), and no word
    of a firm's or a body's name in it ("International Paper Company announced")."""
    doc = words.doc
    after = doc[words.end] if words.end < len(doc) else None
    acts = after is not None and (after.tag_ in {"VBZ", "VBD", "VBP", "MD", "POS"} or after.text == ",")
    bodily = any(t.lower_ in _BODY_NAME_WORDS for t in words)
    return acts and not bodily and _name_shaped(words.text)


# Role nouns that also open bodies' names ("the International Tennis Writers", "General Electric").
_BODY_OPENERS = frozenset(
    {"international", "general", "chief", "head", "principal", "associate", "host", "guard", "back", "wing",
     "centre", "lock", "prop", "seed", "fellow", "model", "resident", "veteran", "expert", "owner", "chair"}
)  # fmt: skip


def _possessive(token: Token) -> bool:
    """ "'s", whatever its tag (the tagger may read a curly "’s" as a closing quote)."""
    return token.tag_ == "POS" or token.lower_ in {"'s", "’s"}


def _describing_title(word: Token) -> bool:
    """A capitalised word before a title that says which ("Catholic", "Labour", "British")."""
    return word.is_title and word.ent_type_ in {"NORP", "ORG", "GPE"} and word.lower_ not in ROLE_HEADS


def _opening_post(word: Token) -> bool:
    """A post in title case opening its sentence that only a person holds ("Paramedic", "Opener",
    "Skateboarder"); not a word that also opens bodies' names ("International", "General",
    "Admiral", "Host")."""
    opens = word.is_sent_start or (word.i > 0 and word.doc[word.i - 1].text in {":", "|"})
    lower = word.lower_
    personal = lower.endswith(AGENT_ENDINGS) or _person_only(lower)
    return opens and word.is_title and _role_head(lower) and personal and lower not in _NAMED_TITLES


def _stated_person(span: Span) -> tuple[Span, str | None] | None:
    """A full name the model tagged ORG, GPE, FAC, NORP or LOC that the text states is a person's:
    a post written right before it in the way a person's is ("scrum-half Tom Vance", "Wales prop
    Tom Vance", "One guard, Tom Vance,"), a rank before it ("British number one Ann Lee"), an age
    or a post after it ("Ann Lee, 37,", "Ann Lee, chief of Acme."), or letters only a person carries
    right after it ("Ann Lee QC"). The span as a person's (the letters still in it, for _trimmed to
    cut) and the post when the role rules miss it ("stand-off"), else None. A team or a body before a role noun
    ("Arsenal boss Tom Vance") is never the person."""
    if span.label_ not in _RETYPED:
        return None
    doc = span.doc
    # "beating Frenchman Gilles Simon 7-6 6-3": a score after a name is no part of it.
    scored = span.end
    while scored - span.start > 1 and not any(c.isalpha() for c in doc[scored - 1].text):
        scored -= 1
    if scored < span.end:
        span = Span(doc, span.start, scored, label=span.label_)
    # "Abba’s Björn Ulvaeus fears …" read as one body: a body's possessive, then a name that acts.
    if len(span) >= 4 and _possessive(span[1]) and span[0].is_title:
        rest = doc[span.start + 2 : span.end]
        proper = all(t.tag_ == "NNP" for t in rest)  # ("Trump's America Racially charged")
        # (or a name the text writes again: a headline's verb may be read as a noun, "Ann Lee fears")
        again = doc.text.count(rest.text) > 1 and _name_shaped(rest.text)
        again = again and not any(t.lower_ in _BODY_NAME_WORDS for t in rest)  # ("Abiy's Prosperity Party")
        if proper and len(rest) <= 3 and (_acting_name(rest) or again):
            return Span(doc, rest.start, rest.end, label="PERSON"), None
    lead = span.start + (doc[span.start].lower_ == "the")  # (the model may take "the" in)
    before = doc[lead - 1] if lead > 0 else None
    opening = doc[lead].is_sent_start or (before is not None and before.lower_ == "the")
    # "Wales prop Tom Vance" read as one name: the name is what follows the lower-case post.
    # "UN Special Coordinator Ann Lee" too: an office in capitals after the first word (not the
    # "International" of "The International Monetary Fund").
    for i in range(span.start, span.end - 2):
        post = doc[i].is_lower or (doc[i].is_title and i > span.start and doc[i].lower_ in _OFFICES)
        if post and _role_head(doc[i].lower_) and _name_shaped(doc[i + 1 : span.end].text):
            return Span(doc, i + 1, span.end, label="PERSON"), None
        # "Frenchman Cyril Saulnier" read as a body: a nationality's noun for a person, then the name.
        if i == span.start and doc[i].text in _DEMONYM_NOUNS and _name_shaped(doc[i + 1 : span.end].text):
            return Span(doc, i + 1, span.end, label="PERSON"), doc[i].text
        # "Paramedic Tristan Cork says …": a post opening the sentence, capitalised, then a name
        # that says or does something ("International Paper Company announced" is a firm's name).
        named_end = span.end - (doc[span.end - 1].tag_ == "POS")  # ("Schoolgirl Leah Begg's poem")
        if i == span.start and _opening_post(doc[i]) and named_end - span.start == 3:
            if _acting_name(doc[i + 1 : named_end]):
                return Span(doc, i + 1, named_end, label="PERSON"), doc[i].text
        # "Star Ann Lee had to pull out", "Catholic Archbishop Tom Vance said": a title opening the
        # sentence, then a name of two words that acts, no post's or body's word in it.
        opens = opening and (i == lead or (i == lead + 1 and _describing_title(doc[lead])))
        if opens and named_end - i == 3 and doc[i].is_title:
            name = doc[i + 1 : named_end]
            titled = doc[i].lower_ in ROLE_HEADS - _NAMED_TITLES - _BODY_OPENERS
            proper = all(t.tag_ == "NNP" and t.lower_ not in ROLE_HEADS for t in name)  # ("Tennis Writers")
            if titled and proper and _acting_name(name):
                return Span(doc, i + 1, named_end, label="PERSON"), doc[lead : i + 1].text
    end = span.end
    letters = end - span.start >= 3 and _person_letters(doc[end - 1])
    if letters:
        end -= 1
    elif end < len(doc) and _person_letters(doc[end]):
        # "Labour MSP Ann Lee": letters before a name are her title, not the party's.
        letters = end + 1 == len(doc) or not doc[end + 1].is_title
    if not _name_shaped(doc[span.start : end].text):
        return None
    # A name tagged a facility or a body, never a place ("New York, 12,", "Saudi Arabia, custodian
    # of the holy mosques"), is a person's by a rank before it, an age after it, or a post only a
    # person holds: after its comma ("a maker of pumps", "the lead adviser" may be a company's)
    # or taken in a headline ("becomes new culture secretary").
    stated = False
    if span.label_ in {"FAC", "ORG", "WORK_OF_ART"}:
        post = written_apposition_post(span)
        taken = headline_copula_role(span)
        stated = (
            _ranked(doc, span.start)
            or _aged(doc, end, span.start)
            or (post is not None and (_person_only(post.lower_) or _posted_speaker(span, post)))
            or (taken is not None and any(_person_only(w.lower()) for w in taken.split()))
            # "Translator: Ann Lee Executive producer: …": a credit's label before the name.
            or label_role(span) is not None
            or _person_described(span)
            or _phrased_person(span)
        )
    if not letters and not stated:
        after = doc[end] if end < len(doc) else None
        if (
            after is not None
            and after.tag_ in {"NN", "NNS", "NNP", "NNPS"}  # the pipeline sets tags, not pos_
            and (_role_head(after.lower_) or _person_letters(after))
        ):
            return None
        root = span.root
        if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= span.end:
            return None
        last = _word_before(span)
        # ("Chief scout Bear Grylls says": a noun for someone by trade right before a name that
        # speaks or acts, after a title; "jeweller Ernest Jones said", "US lender Wells Fargo said"
        # are firms.)
        before = doc[span.start - 1] if span.start > span.sent.start else None
        opener = doc[before.i - 1] if before is not None and before.i > span.sent.start else None
        titled = opener is not None and (
            opener.lower_ in _OFFICE_TITLES or (opener.is_title and opener.lower_ in ROLE_HEADS)
        )
        traded = titled and before.is_lower and before.lower_ not in _FIRM_POSTS and person_noun(before)
        traded = traded and _acting_name(span)
        if not (_role_head(last) or traded) or last in _BODY_ROLES:
            return None
        if not any(role.split()[-1].lower() == last for role in roles_for(doc[span.start : end])):
            # "stand-off Tom Vance" that the role rules miss: the post written right before the
            # name, in lower case, that the parse hangs on it.
            pieces = len(last.split("-")) * 2 - 1  # "stand", "-", "off"
            word = doc[max(span.sent.start, span.start - pieces) : span.start]
            tied = len(word) and word.text.lower() == last and word[0].is_lower and doc[span.start - 1].whitespace_
            if not (tied and any(span.start <= t.head.i < span.end for t in word)):
                return None
            return Span(doc, span.start, span.end, label="PERSON"), word.text
    return Span(doc, span.start, span.end, label="PERSON"), None


def _name_read_as_two(ent: Span, following: Span, written: Counter[str]) -> Span | None:
    """ "Defending champion Bianca Andreescu" tagged two places, one word each: after a post in
    lower case, two capitalised words the tagger split are one name, when the article names her
    by the second alone too ("Andreescu pulls out") and they modify no noun after them ("the
    coach Brazil Argentina rivalry") nor stand before another name."""
    doc = ent.doc
    kinds = _RETYPED - {"NORP"}  # ("London Scottish": a club)
    if ent.label_ not in kinds or following.label_ not in kinds or ent.end != following.start:
        return None
    if len(ent) != 1 or len(following) != 1 or not doc[ent.start].whitespace_ or ent.start == 0:
        return None
    post = doc[ent.start - 1]
    words = f"{ent.text} {following.text}"
    if not (post.is_lower and post.tag_ == "NN" and _role_head(post.lower_)) or not _name_shaped(words):
        return None
    after = doc[following.end] if following.end < len(doc) else None
    if following.root.dep_ in {"compound", "amod", "nmod"} or (
        after is not None and (after.is_title or after.tag_ in {"NN", "NNS"})
    ):
        return None
    if written[following.text] < 2:  # `written`: how often the document writes each word
        return None
    return Span(doc, ent.start, following.end, label="PERSON")


class _Linker:
    """Ties each mention in one document to one entity; short forms to the full name."""

    def __init__(self, doc: Doc, headline: bool = False) -> None:
        self.doc = doc
        # The first sentence is the headline: telegraphic ("Jones files Conte lawsuit"), so its
        # names count but it gives only plainly stated titles (see roles.headline_role).
        self.headline = headline
        self.analysis = Analysis()
        self.sentence_of: dict[int, int] = {}
        self.person_by_token: dict[int, tuple[str, str]] = {}
        self.covered: set[int] = set()
        self.body_text: dict[int, str] = {}  # the text after a headline's sentence, by where it ends
        self.suffix_titles: set[str] | None = None  # titles written before a suffixed name ("judge")
        self.by_generation: set[tuple[str, str]] = set()  # people named with a suffix ("Kenneth Saunders III")
        self.not_names: set[int] = set()  # tokens cut off a name ("Vote" of "Vote Blair"): no role either
        # A role noun cut off the front of a name ("Keeper" of "Keeper Tom Vance"), by the name's
        # first token: the model tagged it part of the name, so the parse rules do not see it.
        self.cut_roles: dict[int, str] = {}
        self.guest_starts: set[int] = set()  # where the names of a programme's guests start
        self.guest_posts: dict[int, str] = {}  # a guest's name (its start) -> the post the credits give
        self.stated: set[int] = set()  # starts of untagged names the text states are people's
        # The agent noun that stated an untagged name a person's ("British contender Darren Till"),
        # by the name's first token: its role when the parse gives none.
        self.agent_posts: dict[int, str] = {}
        self.nominal_norp: dict[str, list[int]] | None = None  # see _nominal_nationalities
        self.lower_words: set[str] | None = None  # see _lower_words

    def run(self) -> Analysis:
        doc = self.doc
        for position, sent in enumerate(doc.sents):
            words = [t.text for t in sent if not (t.is_punct or t.is_space)]
            text = " ".join(sent.text.split())
            self.analysis.sentences.append(SentenceInfo(text, words))
            for token in sent:
                self.sentence_of[token.i] = position
        found: list[tuple[Span, str]] = self._nicknamed()
        nicknamed = {i for span, _ in found for i in range(span.start, span.end)}
        ents = [e for e in doc.ents if not any(i in nicknamed for i in range(e.start, e.end))]
        written = Counter(t.text for t in doc)
        for k, ent in enumerate(ents):
            if k and found and ents[k - 1].end == ent.start and found[-1][0].end == ent.end:
                continue  # the surname of a name read as two places, taken with its given name
            if k + 1 < len(ents) and (named := _name_read_as_two(ent, ents[k + 1], written)) is not None:
                found.append((named, "PERSON"))
                continue
            stated = _stated_person(ent)
            if stated is not None:
                found.append((stated[0], "PERSON"))
                if stated[1]:
                    self.cut_roles[stated[0].start] = stated[1]
            elif kind := entity_kind(ent):
                found.append((ent, kind))
        spans = self._one_kind_per_name(self._people_mislabelled(found))
        spans = self._teams_by_position(self._untagged_people(self._split_lists(spans)))
        spans = self._leading_non_names(self._leading_entities(self._trim_names(spans)))
        spans = self._not_names(spans)
        spans = self._untagged_bearers(spans)
        surnames = self._full_people([e for e, kind in spans if kind == "PERSON"])
        for span, kind in spans:
            self.covered.update(range(span.start, span.end))
            name = clean_name(span.text, kind)
            if not name or len(name) > MAX_NAME_CHARS or not any(c.isalpha() for c in name):
                continue
            if kind == "PERSON":
                # "Li Na 6-3 7-6": a score after a name is no part of it.
                words = name.split(" ")
                while len(words) > 1 and not any(c.isalpha() for c in words[-1]):
                    words.pop()
                name = " ".join(words)
                # "'s" or "B" alone (a possessive, an initial the model tagged) is nobody's name,
                # nor is "COVID-19" (a thing's), or "Twitter" in "Follow us on Twitter: https://…".
                linked = span.end + 1 < len(doc) and doc[span.end].text == ":" and doc[span.end + 1].like_url
                if (
                    not any(sum(map(str.isalpha, word)) > 1 for word in words)
                    or (len(words) == 1 and any(c.isdigit() for c in name))
                    or (len(words) == 1 and linked)
                ):
                    continue
                # "Il Sole 24 Ore", "Ocean's 11 Cast": a figure inside a name is a paper's or a
                # title's, never a person's ("50 Cent" opens with his).
                if any(word.isdigit() for word in words[1:]):
                    kind = "ORG"
            full = self._full_name_for(name, span.start, surnames)
            if full is not None:
                self._mention(full, span, span.text)
                continue
            self._mention(self._entity(name, kind), span, span.text)
        self._unlabelled_surnames(surnames)
        self._quotes()
        self._own_spellings()
        return self.analysis

    def _own_spellings(self) -> None:
        """Names parsed with a plain apostrophe ("O'Reilly", see parse.plain_apostrophes) written
        back as the text writes them ("O’Reilly"), wherever the analysis shows text."""
        changed: dict[str, str] = self.doc.user_data.get(CURLY_NAMES) or {}
        if not changed:
            return
        pattern = re.compile("|".join(re.escape(word) for word in sorted(changed, key=len, reverse=True)))

        def own(text: str) -> str:
            return pattern.sub(lambda m: changed[m.group(0)], text)

        a = self.analysis
        for sentence in a.sentences:
            sentence.text, sentence.words = own(sentence.text), [own(w) for w in sentence.words]
        for entity in a.entities.values():
            entity.name = own(entity.name)
        a.mentions = [(ref, at, own(text)) for ref, at, text in a.mentions]
        a.roles = [(ref, at, own(text)) for ref, at, text in a.roles]
        a.quotes = [(ref, at, own(text), direct) for ref, at, text, direct in a.quotes]

    def _people_mislabelled(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """A full name the model labels ORG, GPE or FAC ("Nicola Sturgeon" as ORG) is a person when
        the article also calls that surname a person: tagged PERSON alone, after a post ("Winger
        Nitoglia"), or after Mr, Ms, Dr."""
        people: set[str] = set()
        for span, kind in spans:
            words = clean_name(span.text, kind).split(" ")
            if kind == "PERSON" and len(words) == 1:
                people.add(words[0].lower())
            # "Winger Nitoglia": a post, then the surname.
            # Not a royal title: a given name follows it ("Queen Victoria", beside "Lake Victoria").
            if kind == "PERSON" and len(words) == 2 and words[0].lower() in ROLE_HEADS - _ROYAL:
                people.add(words[1].lower())
        for token in self.doc[1:]:
            if self.doc[token.i - 1].lower_.rstrip(".") in HONORIFICS and token.is_title:
                people.add(token.lower_)
        # Tokens of the names tagged PERSON: a name listed with one ("actresses Cate Blanchett
        # and Helena Bonham-Carter", the first tagged ORG) is of the same kind.
        person_tokens = {t.i for span, kind in spans if kind == "PERSON" for t in span}
        fixed = []
        for span, kind in spans:
            # "Alison Vance" with only "Vance" tagged, or tagged ORG ("Ann Vance and Tom Lee"): the
            # untagged first name before it is part of the name.
            if kind == "PERSON" and self._untagged_surname(span):
                span = Span(self.doc, span.start, span.end + 1, label=span.label)
            first = self._untagged_first_name(span)
            if first is not None and kind == "PERSON":
                # "Ana Caistor Arendar, Head of …" with only "Arendar" tagged: a second untagged
                # word before, opening the sentence or the entry, is the given name.
                earlier = self._untagged_first_name(self.doc[first : first + 1])
                opening = earlier is not None and (earlier == 0 or self.doc[earlier - 1].text in {".", ":"})
                span = Span(self.doc, earlier if opening else first, span.end, label=span.label)
            elif first is not None:
                longer = Span(self.doc, first, span.end, label=span.label)
                root = longer.root
                listed = (root.dep_ == "conj" and root.head.i in person_tokens) or any(
                    t.dep_ == "conj" and t.i in person_tokens for t in root.rights
                )
                # "Cardinal Cormac Murphy-O'Connor", the surname tagged a body: a title in capitals
                # before the given name says whose name it is.
                title = self.doc[first - 1] if first > 0 else None
                titled = title is not None and title.is_title and title.lower_ in ROLE_HEADS - _ROYAL
                if listed or titled or span.text.lower() in people:
                    span, kind = longer, "PERSON"
            words = clean_name(span.text, kind).split(" ")
            # "Ms Fiorina" tagged ORG: a title of address is only ever given to a person.
            titled = kind != "PERSON" and len(span) == 2 and span[0].lower_.rstrip(".") in _ADDRESS
            name_like = 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words)
            root = span.root
            listed = (root.dep_ == "conj" and root.head.i in person_tokens) or any(
                t.dep_ == "conj" and t.i in person_tokens for t in root.rights
            )
            mislabelled = titled or (kind != "PERSON" and name_like and (words[-1].lower() in people or listed))
            fixed.append((span, "PERSON" if mislabelled else kind))
        return fixed

    def _one_kind_per_name(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """A full name tagged PERSON in one sentence and ORG or GPE in another ("Tom Vance" both)
        is one person: every mention of it is the person's (letters after it aside: "Ann Lee QC").
        The model also tags a club or a show a person now and then ("Aston Villa", "the Old
        Bailey"), so the article must say it is a person: more of its mentions are tagged so, a
        post is stated for it ("Actress"), or its surname follows a title of address; and it is
        never written after "the"."""

        def key(span: Span, kind: str) -> str:
            words = clean_name(span.text, kind).split(" ")
            while len(words) > 2 and words[-1].isupper() and words[-1].lower() in _PERSON_LETTERS:
                words = words[:-1]
            return name_key(" ".join(words))

        groups: dict[str, list[tuple[Span, str]]] = {}
        for span, kind in spans:
            groups.setdefault(key(span, kind), []).append((span, kind))
        doc = self.doc
        titled = {t.lower_ for t in doc[1:] if doc[t.i - 1].lower_.rstrip(".") in HONORIFICS}
        people: set[str] = set()
        for name, group in groups.items():
            tagged = sum(1 for _, kind in group if kind == "PERSON")
            others = sum(1 for _, kind in group if kind in _RETYPED)
            if not tagged or not others or not _name_shaped(name.title()):
                continue
            if any(span.start > 0 and doc[span.start - 1].lower_ == "the" for span, _ in group):
                continue
            stated = any(_person_role(role) for span, _ in group for role in roles_for(span))
            if tagged > others or stated or name.split(" ")[-1] in titled:
                people.add(name)
        return [(span, "PERSON" if kind in _RETYPED and key(span, kind) in people else kind) for span, kind in spans]

    def _untagged_surname(self, span: Span) -> bool:
        """ "Valencia boss Nuno Espirito Santo insisted … Santo said", the model's name "Nuno Espirito":
        the capitalised proper noun right after a name of two words or more, which the name's words
        modify and which is the subject of the sentence's verb, is its last word when the article
        writes it alone elsewhere as a person's ("Santo said", "Mr Santo"), never as a place's or a
        body's ("Rory McIlroy Augusta struggled", "Anna Webb Staff at the school said")."""
        doc = self.doc
        if len(span) < 2 or span.end >= len(doc):
            return False
        word = doc[span.end]
        if not (word.is_title and word.is_alpha and word.tag_ == "NNP" and not word.ent_type_):
            return False
        if word.dep_ not in {"nsubj", "nsubjpass"} or not word.head.tag_.startswith("VB"):
            return False
        if span[-1].dep_ != "compound" or span[-1].head.i != word.i or _title_case(word.sent):
            return False
        lower = word.lower_
        if lower in self._lower_words() or lower in _BODY_NAME_WORDS or lower in ROLE_HEADS:
            return False
        others = [t for t in doc if t.text == word.text and t.i != word.i]
        if any(t.ent_type_ not in {"", "PERSON"} or (t.head.is_lower and t.dep_ == "compound") for t in others):
            return False

        def alone(t: Token) -> bool:
            before = doc[t.i - 1] if t.i > 0 else None
            addressed = before is not None and before.lower_.rstrip(".") in HONORIFICS
            bare = before is None or not (before.is_title and before.tag_ == "NNP")
            return addressed or (bare and (t.ent_type_ == "PERSON" or t.dep_ in {"nsubj", "nsubjpass"}))

        return any(alone(t) for t in others)

    def _untagged_first_name(self, span: Span) -> int | None:
        """The index of the first name before a one-word name the model tagged without it: a
        capitalised proper noun no entity covers, that is no title or role noun and that the
        article never writes in lower case (so "Vote" of "Vote Blair" is none)."""
        doc = self.doc
        if span.start == 0 or not span[0].is_title:
            return None
        word = doc[span.start - 1]
        # "…, Andrew Nicol QC, Manjit Singh Gill QC": in a list, a longer name may lose its first
        # word too; a capitalised word after the list's comma or "and" is no title.
        listed = span.start >= 2 and doc[span.start - 2].text in {",", "and", "&"} and not word.is_stop
        # (a list of people: the item before is a person's name, "Wales, Arsenal Tom Vance" is not)
        listed = listed and any(t.ent_type_ == "PERSON" for t in doc[max(0, span.start - 5) : span.start - 2])
        # ("Speaker Bob Hart", "Pastor …", "Independent …": a post or a label, no first name)
        listed = listed and not word.lower_.endswith(AGENT_ENDINGS)
        one_word = all(not t.whitespace_ for t in span[:-1])  # "Murphy-O'Connor": one word
        if not one_word and not listed:
            return None
        # An initial ("M Dawson" of a team sheet) says too little to make another bearer.
        if not (word.is_title and word.is_alpha and len(word) > 1 and word.tag_ == "NNP" and not word.ent_type_):
            return None
        if word.lower_ in (ROLE_HEADS - _GIVEN_POSTS) or word.lower_ in HONORIFICS or word.lower_ in _ROYAL:
            return None
        if word.lower_ in self._lower_words():
            return None
        # "the slogan Vote Marsh": after a common noun that names no one, a capitalised pair is
        # that thing's name ("campaigner Alison Vance" is hers).
        before = doc[word.i - 1] if word.i > 0 else None
        if before is not None and before.is_lower and before.tag_ in {"NN", "NNS"} and not names_someone(before):
            return None
        return word.i

    def _lower_words(self) -> set[str]:
        """The words the document writes in lower case, read once."""
        if self.lower_words is None:
            self.lower_words = {t.lower_ for t in self.doc if t.is_lower}
        return self.lower_words

    def _split_first_names(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """ "blonde Natalia Vance" with "Natalia" tagged a place and "Vance" a person, in an article
        that tags "Natalia Vance" a person elsewhere: the two words are that person's name."""
        full = {clean_name(s.text, k).lower() for s, k in spans if k == "PERSON" and len(s) == 2}
        result: list[tuple[Span, str]] = []
        for span, kind in spans:
            if result and kind == "PERSON" and len(span) == 1 and span.start > 0:
                before, before_kind = result[-1]
                joined = f"{before.text} {span.text}".lower()
                if len(before) == 1 and before.end == span.start and before_kind != "PERSON" and joined in full:
                    result[-1] = (Span(self.doc, before.start, span.end, label=span.label), "PERSON")
                    continue
            result.append((span, kind))
        return result

    def _untagged_bearers(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """ "Alison Vance said" left untagged in an article that tags "Vance" or "Pete Vance" a
        person: a first name before a surname the article gives a person is one more bearer of it
        (not "Pete Vance", whose titles would otherwise take in hers)."""
        spans = self._split_first_names(spans)
        surnames = {clean_name(s.text, k).lower().split(" ")[-1] for s, k in spans if k == "PERSON"}
        tagged = {t.i for s, _ in spans for t in s}
        extra = []
        for token in self.doc[1:]:
            if token.i in tagged or token.i - 1 in tagged or token.lower_ not in surnames:
                continue
            if token.tag_ == "NNP" and not token.ent_type_:
                first = self._untagged_first_name(self.doc[token.i : token.i + 1])
                # "Bishop Sprott" beside "John Shelby Sprott": a church title, then his surname.
                titled = first is not None and self.doc[first].lower_ in _SURNAME_TITLES
                if titled and self._named_earlier(self.doc[token.i : token.i + 1], spans):
                    self.cut_roles[token.i] = self.doc[first].text
                    extra.append((Span(self.doc, token.i, token.i + 1, label="PERSON"), "PERSON"))
                elif first is not None:
                    extra.append((Span(self.doc, first, token.i + 1, label="PERSON"), "PERSON"))
        return sorted([*spans, *extra], key=lambda pair: pair[0].start) if extra else spans

    def _split_lists(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """ "Terry, Bridge" (a team sheet the model read as one person) is two names; so is
        "Travis Kelce & Derrick Henry", two full names joined ("Simon & Garfunkel" stays a duo)."""
        result = []
        for span, kind in spans:
            join = next((t for t in span if t.lower_ in {"&", "and"}), None) if kind == "PERSON" else None
            if join is not None:
                left, right = self.doc[span.start : join.i], self.doc[join.i + 1 : span.end]
                if _name_shaped(left.text) and _name_shaped(right.text):
                    result += [(Span(self.doc, s.start, s.end, label=span.label), kind) for s in (left, right)]
                    continue
            if kind != "PERSON" or not any(t.text == "," for t in span):
                result.append((span, kind))
                continue
            start = span.start
            for token in [*span, None]:
                if token is None or token.text == ",":
                    end = token.i if token is not None else span.end
                    if end > start:
                        result.append((Span(self.doc, start, end, label=span.label), kind))
                    start = end + 1
        return result

    def _trim_names(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """Words the model took into a person's name that are no part of it, so one person is one
        entity: "Keeper Tom Vance", "Lawyer Ann Lee" (a role noun opening a three-word span:
        left before the name, it is read as the title), "plus Tom Vance" (a lower-case word that
        is no name particle), "Tom Vance - aka" (what follows a spaced dash)."""
        result = []
        for span, kind in spans:
            if kind == "PERSON":
                span = self._trimmed(span)
            if len(span):
                result.append((span, kind))
        return result

    def _trimmed(self, span: Span) -> Span:
        doc = self.doc
        start, end = span.start, span.end
        # "Nadia Magnenat-Thalman": the model's name stops at the hyphen of a double surname.
        while end + 1 < len(doc) and doc[end].text in _DASHES and not doc[end - 1].whitespace_:
            after = doc[end + 1]
            if doc[end].whitespace_ or not (after.is_title and after.is_alpha) or after.ent_type_:
                break
            end += 2
        # "Wing Tom Vance says …" read as the title "Wing Tom" and the surname "Vance": after a
        # role noun opening the sentence, the capitalised word before the surname is the first name.
        if end - start == 1 and start >= 2:
            first, role = doc[start - 1], doc[start - 2]
            opens = role.i == role.sent.start or doc[role.i - 1].is_punct
            untagged = first.is_title and first.tag_ == "NNP" and not first.ent_type_ and first.head.i == start
            if untagged and opens and role.is_title and role.lower_ in ROLE_HEADS and role.lower_ not in _ROYAL:
                self.cut_roles[start - 1] = role.text
                return Span(doc, start - 1, end, label=span.label)
        # "advice columnist E Jean Carroll": an initial before the name the model left out of it.
        # (a full name only: "G Henson" in a team sheet is how the sheet names him, initial and all)
        initial = doc[start - 1] if start > span.sent.start and " " in doc[start:end].text else None
        if (
            initial is not None
            and re.fullmatch(r"[A-Z]\.?", initial.text)
            and initial.tag_ == "NNP"
            and not initial.ent_type_
            and start <= initial.head.i < end
            # (not the letter of "Plan B", "Vitamin C", "posting on X", "the case of V")
            and (
                initial.i == span.sent.start
                or not (doc[initial.i - 1].is_title or doc[initial.i - 1].tag_ in {"IN", "DT"})
            )
        ):
            start -= 1
        dash = next((t.i for t in span if t.text in _DASHES and (t.whitespace_ or doc[t.i - 1].whitespace_)), None)
        if dash is not None and dash > start:
            end = dash
        # "Joe Biden’s Time in Sarah Palin’s Shadow": a possessive inside the name ends it; the
        # name is the owner, or what is owned when that is two words or more and the owner one
        # word or the line no headline ("Abba’s Björn Ulvaeus", "Louis Vuitton’s Ann Lee said";
        # not "Cory Booker’s Top Aide").
        owned = next((t.i for t in doc[start + 1 : end - 1] if _possessive(t)), None)
        if owned is not None:
            after = doc[owned + 1 : end]
            titled = _title_case(span.sent)
            if len(after) >= 2 and all(t.is_title for t in after) and (owned - start == 1 or not titled):
                start = owned + 1
            else:
                end = owned
        # "Ann Lee QC", "Tom Vance MP": letters after a name (an honour, a post) are no part of it;
        # a name never ends in an acronym, though a regnal number ("Elizabeth II") ends one.
        while end - start >= 3 and _post_nominal(doc[end - 1]):
            end -= 1
        # "Ann Lee Producer: Tom Vance", "Tom Vance Guests: …": the next credit's label taken into
        # the name before it.
        while end - start >= 3 and end < len(doc) and doc[end].text == ":":
            if doc[end - 1].lower_ not in ROLE_HEADS | CREDIT_LABELS:
                break
            end -= 1
        # "Translator: Ann Lee Executive producer: Tom Vance": the label's first word taken in.
        labelled = end + 1 < len(doc) and doc[end + 1].text == ":" and doc[end].lower_ in ROLE_HEADS | CREDIT_LABELS
        if end - start >= 3 and labelled and doc[end].is_lower and doc[end - 1].is_title:
            end -= 1
        # "Guests: Wang Li - Founder of the Center for China and Globalization Theresa Fallon -
        # Director": a guest's name is what follows the last guest's affiliation ("and", "of").
        guest = end < len(doc) and spaced_dash(doc[end]) and end - start >= 3
        # ("Rose Tan - engineer and Mary Louise Tamsett - harbour commissioner": after a post in
        # lower case, "and" opens the next guest, whose name is whole.)
        if guest and start > 1 and doc[start - 1].lower_ in {"and", "of", "for", "&"} and doc[start - 2].is_title:
            start = end - 2
        # ("…, Institute for Public Knowledge, NYU Cori Crider - director": the last guest's
        # affiliation in capitals run into the name.)
        elif guest and doc[start].is_upper and doc[start].is_alpha and len(doc[start]) > 1 and start > 0:
            if doc[start - 1].text != ":":  # ("Guests: AK Abdul Momen - …": the first guest's initials)
                start = end - 2

        # "Presenter: Imran Khan Guests:" read as "Khan Guests": the name starts after the colon.
        label = end - start == 2 and end < len(doc) and doc[end].text == ":" and doc[end - 1].lower_ in CREDIT_LABELS
        if (
            label
            and start >= 2
            and doc[start - 2].text == ":"
            and doc[start - 1].is_title
            and not doc[start - 1].ent_type_
        ):
            start, end = start - 1, end - 1
        while end - start >= 3:
            first = doc[start]
            lower = first.is_lower and first.lower_ not in _PARTICLES
            # "Songwriter Guy Chambers," opening a paragraph of an article about songwriters.
            # ("radio DJ Mike Read", "PM Tom Vance": a post's letters in capitals.)
            lettered = first.is_upper and first.lower_ in LETTERED_POSTS
            # ("Tory Ann Lee Vance", "Labour Tom Vance Lee": a party's member is no first name either)
            titled = first.lower_ in ROLE_HEADS or written_as_noun(first) or first.lower_ in PARTY_MEMBERS
            role = ((first.is_title and titled) or lettered) and first.lower_ not in _ROYAL | _GIVEN_POSTS
            # "Russian Mikhail Youzhny" beside "the Russian" tagged a nationality: no first name.
            # Only a nationality written as a noun elsewhere ("The Russian beat …"), not as an
            # adjective ("Christian groups", "the Roman road"): those are given names too.
            nominal = self._nominal_nationalities().get(first.text, ())
            if first.is_title and first.text not in _GIVEN_NATIONALITIES and any(at != start for at in nominal):
                start += 1
                continue
            # "Scot Stephen Cameron": a nationality's noun for a person is no first name.
            if first.text in _DEMONYM_NOUNS:
                start += 1
                continue
            # "Committee to Protect Journalists Khalil Jahshan": a post's plural is never a first name.
            single = first.lower_[:-1]
            # ("Rogers Hornsby Smith": "-er" plurals are surnames too; only a listed post's.)
            # ("Contributors Ann Lee - associate professor …": a credit's label without its colon)
            if (
                first.is_title
                and first.lower_.endswith("s")
                and (single in ROLE_HEADS or single.endswith(("ist", "ian")) or first.lower_ in CREDIT_LABELS)
            ):
                start += 1
                continue
            # "Eagles Receiver DeSean Jackson Apologizes" (a headline): a team, then its post.
            second = doc[start + 1]
            posted = (
                end - start >= 4 and second.is_title and second.lower_ in ROLE_HEADS and second.lower_ not in _ROYAL
            )
            if posted and not role and not lower:
                self.cut_roles[start + 2] = doc[start : start + 2].text
                start += 2
                continue
            if not (lower or role):
                break
            # "Hunter S. Thompson": what is left would open with an initial; the word is his name.
            second_initial = len(doc[start + 1].text.rstrip(".")) == 1 and doc[start + 1].is_upper
            if role and second_initial:
                break
            if role:
                # ("Chief Magistrate Ann Lee Vance": two title words cut in turn are one title)
                previous = self.cut_roles.pop(start, None) if start > span.start else None
                if previous is None:  # ("Chief" of "Chief Magistrate Ann Lee", the model's name "Magistrate Ann Lee")
                    k = start
                    while k > span.sent.start and doc[k - 1].is_title and doc[k - 1].lower_ in _OPENING_TITLES:
                        k -= 1
                    previous = doc[k:start].text if k < start else None
                self.cut_roles[start + 1] = f"{previous} {first.text}" if previous else first.text
            start += 1
        # "… Expected to Pick Jennifer Granholm": a verb the model took in before the name, whose
        # object the name is ("Sue Barker said": "Sue" is nobody's verb).
        first, last = doc[start], doc[end - 1]
        if end - start >= 3 and first.tag_.startswith("VB") and last.head.i == start and last.dep_ == "dobj":
            start += 1
        end = self._before_headline_verb(start, end)
        return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label)

    def _before_headline_verb(self, start: int, end: int) -> int:
        """ "Al Gore Endorses Joe Biden", "Ayesha Curry Will Endorse Biden": in a headline that capitalises
        every word, the name ends before the headline's verb the model took in (a verb's tag, or the
        line's root with an object after the name), two words in at least."""
        doc = self.doc
        sentence = doc[start].sent
        if end - start < 3 or not self.headline or self.sentence_of.get(start) != 0:
            return end
        if not _title_case(sentence):
            return end
        for k in range(start + 2, end):
            token = doc[k]
            if _generation(token.text):  # ("Marcus Smith Jr. and …": the parse may make "Jr." the root)
                continue
            verb = token.tag_ in {"MD", "VB", "VBZ", "VBD", "VBP"}
            rooted = token.dep_ == "ROOT" and any(not c.is_punct and c.i >= end for c in token.rights)
            if verb or rooted:
                return k
        return end

    def _nominal_nationalities(self) -> dict[str, list[int]]:
        """Each nationality the model tags as a noun ("The Russian beat …"), with where it starts;
        read once per document."""
        if self.nominal_norp is None:
            self.nominal_norp = {}
            for e in self.doc.ents:
                if e.label_ == "NORP" and e.root.dep_ not in {"amod", "compound"}:
                    self.nominal_norp.setdefault(e.text, []).append(e.start)
        return self.nominal_norp

    def _leading_entities(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """ "Isco Tom Vance" (two players listed), "Everton Vance" (a caption run into the next
        sentence): leading words the article tags elsewhere as an entity of their own belong to
        that entity, when what follows is a name in itself: two capitalised words or more, or a
        surname the article gives someone else in full ("Tom Vance"). Before a one-word rest the
        leading words must be tagged as something other than a person somewhere ("Everton" the
        club), since a first name can stand alone too ("Tom", then "Tom Vance", "Ann Vance")."""
        doc = self.doc
        kinds: dict[str, set[tuple[int, str]]] = {}  # a tagged name -> (its span's start, its kind)
        full: dict[str, set[str]] = {}  # surname -> the names of two words or more that end with it
        for span, kind in spans:
            name = clean_name(span.text, kind).lower()
            kinds.setdefault(name, set()).add((span.start, kind))
            if kind == "PERSON" and " " in name:
                full.setdefault(name.split(" ")[-1], set()).add(name)
        result = []
        for span, kind in spans:
            own = clean_name(span.text, kind).lower()
            for cut in (1, 2):
                if kind != "PERSON" or len(span) - cut < 1 or span.start in self.stated:
                    break
                lead = clean_name(doc[span.start : span.start + cut].text, kind).lower()
                rest = doc[span.start + cut : span.end]
                others = {k for start, k in kinds.get(lead, set()) if start != span.start}
                if len(rest) >= 2 and all(t.is_title for t in rest):
                    named = bool(others)
                else:
                    surname = clean_name(rest.text, kind).lower().split(" ")[-1]
                    named = bool(others - {"PERSON"}) and bool(full.get(surname, set()) - {own})
                if named:
                    self.not_names.add(span.start + cut - 1)
                    span = Span(doc, span.start + cut, span.end, label=span.label)
                    break
            result.append((span, kind))
        return result

    def _untagged_people(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """A full name the model left untagged, or tagged only in part ("Per" untagged and
        "Vance" an organisation), that the text states is a person's: a post right before it in
        lower case ("Arsenal defender Per Vance"), a rank ("world No 1 Tom Vance"), a title of the
        forces or the police ("Detective Constable Ann Lee"), or an age right after it ("Ann Lee,
        37,"). The words of the name are two or three capitalised ones no entity reaches past."""
        doc = self.doc
        reach = {}  # token -> the entity span it is in
        for span, _ in spans:
            for t in span:
                reach[t.i] = span
        guests = self._guest_entries()
        self.guest_starts = {g.start for g in guests}
        if guests:
            spans = self._room_for_guests(spans, guests)
            reach = {t.i: span for span, _ in spans for t in span}
        found: list[Span] = [g for g in guests if not any(t.i in reach for t in g)]
        reach.update({t.i: g for g in found for t in g})
        i = 0
        while i < len(doc):
            end = i
            while end < len(doc) and doc[end].is_title and doc[end].tag_ in {"NNP", "NNPS"} and end - i < 4:
                end += 1
            # "Free University of Berlin Ann Lee": the words that end an entity begun before are its.
            while i < end and i in reach and reach[i].start < i:
                i += 1
            # "spokeswoman Ann Lee Thursday declined": a day after the name is when, not a name.
            if end - i > 2 and doc[end - 1].lower_ in WEEKDAYS | MONTHS:
                end -= 1
            if not 2 <= end - i <= 3 or (end < len(doc) and doc[end].is_title and doc[end].tag_ in {"NNP", "NNPS"}):
                i = max(end, i + 1)
                continue
            inside = [reach[k] for k in range(i, end) if k in reach]
            # "Ann Lee - Professor" tagged as one body: what follows the spaced dash is her post.
            dashed = end < len(doc) and spaced_dash(doc[end])
            whole = all(i <= s.start and (s.end <= end or dashed) for s in inside)
            exact = next((s for s in inside if (s.start, s.end) == (i, end)), None)
            if exact is None and dashed and inside and inside[0].label_ == "PERSON":
                exact = inside[0]  # a person's name the dash trims later (_trimmed)
            # "Witness Tom Vance, 52,": a full name the model tagged inside the run is the name; the
            # word before it is a title. Only a surname tagged alone ("Rhodri" untagged) grows.
            tagged_full = [s for s in inside if s.label_ == "PERSON" and len(s) >= 2]
            if exact is None and tagged_full:
                full = tagged_full[0]
                if len(full) == 2 and self._stated_before_or_after(full.start, full.end, agent=True):
                    self.stated.add(tagged_full[0].start)
                i = end
                continue
            # "captain Hollin Vale boss Tom Lee": a club before a post is no person.
            after = doc[end] if end < len(doc) else None
            body = after is not None and after.is_lower and after.lower_ in ROLE_HEADS
            person = exact is None or exact.label_ == "PERSON"  # a whole name tagged a body: _stated_person's
            # ("Saudi Arabia - Crown Prince …": a place the model knows, then a dash, is a dateline.)
            person = person and not any(s.label_ in {"GPE", "LOC"} for s in inside)
            # An agent noun states a person only before a name the model tagged a person in part
            # ("British contender Darren Till"): "train operator Great Western" is a company.
            partly = any(s.label_ == "PERSON" for s in inside)
            stated = self._stated_before_or_after(i, end, agent=partly)
            # "Photographer Ann Lee finds …", all untagged: a post opening the sentence, then a name
            # that acts (as _stated_person reads it when the model tags the three words a body).
            # (Not "Poet Laureate Ann Lee": the post is the next word's, a title of two words.)
            opened = not inside and end - i == 3 and _opening_post(doc[i]) and _acting_name(doc[i + 1 : end])
            # ("Resident Evil Village sold …": a post in "-ant" or "-ent" opens titles too.)
            trade = _person_only(doc[i].lower_) or doc[i].lower_.endswith(("er", "or", "ist", "ian"))
            # (Nor "Chief Supt Deats went on": the next word is a title too.)
            titled = doc[i + 1].lower_.rstrip(".") in _TITLE_WORDS if opened else False
            opened = opened and doc[i].head.i == end - 1 and trade and not titled
            if opened and _name_shaped(doc[i + 1 : end].text):
                found.append(Span(doc, i + 1, end, label="PERSON"))
                self.cut_roles[i + 1] = doc[i].text
                i = end
                continue
            # ("Ann Lee, deputy chief economist at Acme, said", "Ann Lee is senior benefit officer
            # at …": a name the model missed whole, that the text gives a post only a person holds.)
            # (The whole capitalised run: "Surfers Against Sewage, the campaigner," is not "Against Sewage".)
            whole_run = i == 0 or not doc[i - 1].is_title
            stated = stated or (not inside and whole_run and _posted_after(Span(doc, i, end, label="PERSON")))
            if whole and person and not body and _name_shaped(doc[i:end].text) and stated:
                # Tagged or not, a name the text states is a person's is whole: no leading word
                # of it is cut as a place ("Rhodri" tagged a place elsewhere).
                if end - i == 2:  # three words may still open with a place ("Peru Ann Lee")
                    self.stated.add(i)
                if exact is None:
                    found.append(Span(doc, i, end, label="PERSON"))
            i = end
        if not found:
            return spans
        covered = {t.i for span in found for t in span}
        kept = [(s, k) for s, k in spans if not any(t.i in covered for t in s)]
        return sorted([*kept, *((s, "PERSON") for s in found)], key=lambda pair: pair[0].start)

    def _room_for_guests(self, spans: list[tuple[Span, str]], guests: list[Span]) -> list[tuple[Span, str]]:
        """The entities beside the guests' names: one the model ran into a guest's name ends
        where the name starts ("University of Oxford | Abdullah Baabood"), and one inside a
        guest's post is no person unless it is a name on its own."""
        doc = self.doc
        guest_tokens = {t.i for g in guests for t in g}
        kept = []
        for span, kind in spans:
            if not any(t.i in guest_tokens for t in span):
                kept.append((span, kind))
                continue
            cut = next(t.i for t in span if t.i in guest_tokens)
            # ("Presenter: Ann Lee Guests Tom Vance, …": the credits' label is no part of hers.)
            labelled = cut
            while cut > span.start and (doc[cut - 1].lower_ in CREDIT_LABELS or doc[cut - 1].text == ":"):
                cut -= 1
            # What is left of a person's span is a name only before the label ("Ann Lee" the
            # presenter); else it is the end of an affiliation ("Hong Kong Free Press | Tom …").
            named = kind != "PERSON" or (cut < labelled and _name_shaped(doc[span.start : cut].text))
            if cut - span.start >= 1 and named and not any(g.start <= span.start < g.end for g in guests):
                kept.append((Span(doc, span.start, cut, label=span.label), kind))
        # Between one guest's name and the next is the first's post: a name there that
        # modifies a noun is a thing's ("Ann Lee - Co-host, Sarajevo Calling podcast Tom …"),
        # and words no name is made of are the post's ("Lecturer at"), though a person may
        # be named in it ("adviser to Senator Tom Vance").
        ordered = sorted(guests, key=lambda g: g.start)
        posts = [
            (a.end, b.start)
            for a, b in itertools.pairwise(ordered)
            if b.start - a.end <= MAX_GUEST_POST_WORDS + 8
            and not any("\n" in t.text or t.text in {".", ":", "?", "!"} for t in doc[a.end : b.start])
        ]
        return [
            (span, kind)
            for span, kind in kept
            if kind != "PERSON"
            or not any(a <= span.start and span.end <= b for a, b in posts)
            or (
                _name_shaped(re.split(r" [-–—] ", span.text)[0])  # "Ann Lee - Professor" tagged whole
                and not (span.end < len(doc) and doc[span.end].is_lower and doc[span.end].tag_ in {"NN", "NNS"})
            )
        ]

    def _nicknamed(self) -> list[tuple[Span, str]]:
        """ "Andy 'The Viking' Fordham", "Jaden ‘Wolfiez’ Ashman": a given name, a quoted nickname of
        one to three capitalised words, a surname; one person (clean_name drops the nickname)
        where the model tags a person in it, or tags the whole of it one entity."""
        doc = self.doc
        found = []
        tagged = {(e.start, e.end) for e in doc.ents}  # (Doc.ents builds every span anew: read once)
        for opening in (t for t in doc[1:] if t.text in QUOTES and t.whitespace_ == ""):
            given = doc[opening.i - 1]
            close = next((t.i for t in doc[opening.i + 1 : opening.i + 5] if t.text in QUOTES), None)
            if close is None or close + 1 >= len(doc) or close == opening.i + 1:
                continue
            surname, nickname = doc[close + 1], doc[opening.i + 1 : close]
            named = [
                w
                for w in (given, surname)
                if w.is_title and w.is_alpha and len(w) > 1 and not w.is_stop and w.tag_ == "NNP"
            ]
            if len(named) < 2 or not all(t.is_title for t in nickname) or not given.whitespace_:
                continue
            span = Span(doc, given.i, close + 2, label="PERSON")
            whole = (span.start, span.end) in tagged
            if whole or any(t.ent_type_ == "PERSON" for t in (given, surname)):
                found.append((span, "PERSON"))
        return found

    def _guest_entries(self) -> list[Span]:
        """ "… of the United States. Vasily Kashin - Senior Fellow, …", "Guests: Ann Lee - Professor,
        University of Oxford Tom Vance - Director, …": in a list of guests each entry is a name, a
        spaced dash and a post. The tagger may read an unusual given name as another word
        ("Vasily" an adverb) or run a name into the affiliation before it, so the name is the
        two words before the dash (a hyphenated surname one word): where an entry opens a
        sentence, or anywhere in a programme's credits after its first entry."""
        doc = self.doc
        found = []
        credits = -1  # where the current credits' first entry ends (its dash), -1 outside them
        for token in doc:
            if "\n" in token.text:
                credits = -1
            elif token.i >= 1 and token.text == ":" and doc[token.i - 1].lower_ in CREDIT_LABELS:
                credits = len(doc)  # inside, no entry yet
            if token.i < 2 or not spaced_dash(token):
                continue
            last = token.i - 1
            first = last - 1
            while first >= 1 and doc[first].text in _DASHES and not doc[first].whitespace_:
                first -= 2  # "Espina-Varona": one word of three tokens
            if first < 0:
                continue
            words = [doc[first], doc[last]]
            shaped = all(w.is_title and w.is_alpha and not w.is_stop and w.tag_[:2] != "VB" for w in words)
            first = self._whole_given_name(first)
            opens = first == 0 or doc[first - 1].text in {".", ":"} or doc[first - 1].is_space
            # ("Kuala Lumpur - Prime Minister Ann Lee said": a dateline, a place, then a title and
            # the name it is for.)
            after = doc[token.i + 1 : token.i + 6]
            dateline = any(w.ent_type_ in {"GPE", "LOC"} for w in words) or _titled_person_after(doc, token.i)
            posted = not dateline and any(t.lower_ in ROLE_HEADS | _MORE_HEADS for t in after[:3])
            # In the credits, an entry's post names someone ("Political Analyst - Subscribe to our
            # channel" is the last post, then no entry).
            listed = 0 <= credits < first and self._names_a_post(token.i)
            if shaped and ((opens and posted) or listed) and _name_shaped(doc[first : token.i].text):
                found.append(Span(doc, first, token.i, label="PERSON"))
                # Its post is what the entry says after the dash, not the last guest's post that
                # runs into the name ("… Democratic strategist Jim Anderson - Chief Executive …").
                if listed and (post := guest_role(found[-1])):
                    self.guest_posts[first] = post
            elif 0 <= credits < token.i and (guest := self._comma_entry(token.i, credits)) is not None:
                found.append(guest)
            if credits == len(doc):
                credits = token.i
        labels = [t for t in doc if t.lower_ in CREDIT_LABELS and t.is_title]
        return found + self._presenters(labels) + self._comma_guests(labels)

    def _comma_entry(self, dash: int, credits: int) -> Span | None:
        """ "… Journalist and commentator Ann Lee, Postdoctoral researcher - Acme University": in
        the credits, an entry may give the name, a comma and the post before its dash; the post
        is hers (not the word before her name, the last guest's)."""
        doc = self.doc
        comma = next((t.i for t in doc[max(credits, dash - 5) : dash] if t.text == ","), None)
        if comma is None or comma - 2 <= credits:
            return None
        post = doc[comma + 1 + (doc[comma + 1].tag_ == "DT") : dash]
        words = [doc[comma - 2], doc[comma - 1]]
        shaped = all(w.is_title and w.is_alpha and not w.is_stop and w.lower_ not in ROLE_HEADS for w in words)
        # (its post's last word a role noun, or one in lower case: "Harvard University Will
        # Sommer" after a comma is a place and the next guest)
        last = post[-1] if post else None
        if last is None or any(t.ent_type_ == "PERSON" for t in post):
            return None
        if not (last.lower_ in ROLE_HEADS or (last.is_lower and names_someone(last))):
            return None
        if not shaped or not _name_shaped(doc[comma - 2 : comma].text):
            return None
        self.guest_posts[comma - 2] = post.text
        return Span(doc, comma - 2, comma, label="PERSON")

    def _names_a_post(self, dash: int) -> bool:
        """Whether the words after a dash in the credits, to the next dash or link, name a post."""
        post = self.doc[dash + 1 : dash + 1 + MAX_GUEST_POST_WORDS]
        post = post[: next((t.i - post.start for t in post if spaced_dash(t) or t.like_url), len(post))]
        return any(names_someone(t) or t.lower_.endswith(AGENT_ENDINGS) for t in post)

    def _presenters(self, labels: list[Token]) -> list[Span]:
        """ "Presenter: Imran Malik Guests: …": the name between a credit's label and the guests'
        label is a person's, however the model tags it (it may run it into "Guests")."""
        doc = self.doc
        found = []
        for label in (t for t in labels if t.i >= 4):
            colon, first, last = doc[label.i - 3], doc[label.i - 2], doc[label.i - 1]
            credit = doc[colon.i - 1]
            if colon.text != ":" or not (credit.is_title and credit.lower_ in ROLE_HEADS):
                continue
            if _name_shaped(f"{first.text} {last.text}") and not (first.is_stop or last.is_stop):
                found.append(Span(doc, first.i, label.i, label="PERSON"))
        return found

    def _whole_given_name(self, first: int) -> int:
        """Where a guest's name starts, given its second-last word: before a hyphenated given
        name's first piece ("Mohamed-Dhia Hammami"), or the given name before a particle ("Mansour
        El Kikhia", "Emmanuel De Neve")."""
        doc = self.doc
        while first >= 2 and doc[first - 1].text in _DASHES and not doc[first - 1].whitespace_:
            if doc[first - 2].whitespace_ or not doc[first - 2].is_title:
                break
            first -= 2
        if first >= 1 and doc[first].lower_ in _PARTICLES | {"abdul", "abdel", "abu"} and doc[first - 1].is_title:
            first -= 1
        # "… engineer and Mary Louise Tamsett - …": three names, all that follows the entry's start.
        elif first >= 1 and doc[first - 1].is_title and doc[first - 1].is_alpha and not doc[first - 1].is_stop:
            if first == 1 or doc[first - 2].lower_ in {"and", "&", ":", "."} or doc[first - 2].is_space:
                first -= 1
        return first

    def _comma_guests(self, labels: list[Token]) -> list[Span]:
        """ "Guests Ann Lee, Assistant Professor of Politics at Acme University Tom Vance, Political
        Analyst Jo Kerr, …": credits that give each guest's name, a comma and a post, the post
        running on into the next name. A name is the two capitalised words before a comma, right
        after the label or after a post; each guest's post (when it names one) is what runs to
        the next name, kept in `guest_posts`."""
        doc = self.doc
        found: list[Span] = []
        for label in labels:
            colon = label.i + 1 < len(doc) and doc[label.i + 1].text == ":"
            # A label with its colon, or run on after the presenter's name ("Presenter: Ann Lee
            # Guests Tom Vance, …"); "Guest Tom Vance, a chef, said" opening a sentence is prose.
            if not colon and not (label.i > 0 and doc[label.i - 1].is_title and doc[label.i - 1].is_alpha):
                continue
            # ("Among the guests: Ann Lee, the mayor, and …" is prose.)
            if label.i > 0 and doc[label.i - 1].is_lower:
                continue
            start = label.i + 1 + colon
            end = start
            while end < len(doc) and not (
                "\n" in doc[end].text
                or doc[end].lower_.startswith(("http", "www."))
                or spaced_dash(doc[end])
                or doc[end].text in {".", ":", "|"}
            ):
                end += 1
            names: list[Span] = []
            for comma in (t.i for t in doc[start + 2 : end] if t.text == ","):
                first, last = comma - 2, comma - 1
                while first > start and doc[first].text in _DASHES and not doc[first].whitespace_:
                    first -= 2  # "Espina-Varona"
                words = [doc[first], doc[last]]
                shaped = all(
                    w.is_title and w.is_alpha and not w.is_stop and w.lower_ not in ROLE_HEADS | _BODY_WORDS
                    for w in words
                )
                first = max(start, self._whole_given_name(first))
                # "Professor of Political Science, …": after a preposition the words are the post's
                # (a closing quote ends a post: "author of "It's Not Always Depression" Ann Lee, …").
                before = doc[first - 1]
                after_post = first > start and not before.is_stop and (not before.is_punct or before.text in QUOTES)
                after_post = after_post or before.text == ";"  # "Ann Lee, lecturer; Tom Vance, …"
                if shaped and (first == start or (names and after_post)) and _name_shaped(doc[first:comma].text):
                    names.append(Span(doc, first, comma, label="PERSON"))
            # A list of guests gives the first a post ("Panel: Acme Foods, Blue Harbor and …" names bodies).
            if not names or names[0].start != start or not _post_of(names, 0, end):
                continue

            # A later "name" whose words after the comma name no post is the end of the post
            # before ("… at Colombia Risk Analysis, a political consultancy Ann Lee, …").
            k = 1
            while k < len(names):
                if not _post_of(names, k, end):
                    del names[k]
                else:
                    k += 1
            # Every name left has a post: the credits' post, never another rule's.
            for k, name in enumerate(names):
                stop = names[k + 1].start if k + 1 < len(names) else end
                words = doc[name.end + 1 : stop].text.strip(" ,;").split()
                if words and words[0].lower() in {"a", "an", "the"}:
                    words = words[1:]
                # A long post without where or for whom it is held: up to its first comma, else
                # its first "at", "for" …, else its "of".
                for ends in _POST_ENDS:
                    if len(words) <= MAX_GUEST_POST_WORDS:
                        break
                    cut = [j for j, w in enumerate(words) if j and (w in ends or (w.endswith(",") and "," in ends))]
                    words = words[: cut[0] + (words[cut[0]].endswith(","))] if cut else words
                fits = words and len(words) <= MAX_GUEST_POST_WORDS
                self.guest_posts[name.start] = " ".join(words).rstrip(",") if fits else ""
            found += names
        return found

    def _stated_before_or_after(self, start: int, end: int, agent: bool = False) -> bool:
        doc = self.doc
        before = doc[start - 1] if start > 0 else None
        # "cast an American actress - Ann Lee - as …": a post, then the name set off by dashes.
        if before is not None and spaced_dash(before) and end < len(doc) and spaced_dash(doc[end]):
            post = doc[before.i - 1]  # (not a body's: "the winner - Real Madrid -")
            if post.is_lower and post.tag_ == "NN" and post.lower_ in ROLE_HEADS - _BODY_ROLES:
                return True
        if before is not None and before.lower_ in ROLE_HEADS | _MORE_HEADS and before.lower_ not in _BODY_ROLES:
            # a post in lower case; a rank in capitals; a title in capitals after another of its
            # words ("UN Special Coordinator Ann Lee")
            titled = start >= 2 and (doc[start - 2].is_title or doc[start - 2].is_upper) and not doc[start - 2].is_stop
            office = titled and before.lower_ in _OFFICES
            if before.is_lower or (before.is_title and (before.lower_ in FORCES_RANKS or office)):
                return True
        # "British contender Darren Till": an agent noun in lower case is a post too.
        if agent and before is not None and agent_post(before) and before.lower_ not in _BODY_ROLES:
            first = before.i
            # (each word hangs on the post or on a word of it: "Palm Beach County property tax appraiser")
            while (
                first > 0 and first <= doc[first - 1].head.i <= before.i and doc[first - 1].dep_ in {"amod", "compound"}
            ):
                first -= 1
            self.agent_posts[start] = doc[first : before.i + 1].text
            return True
        if _ranked(doc, start):
            return True
        # "Guests: Ann Lee - novelist and playwright": a programme's guest, then her post.
        if credited_guest(doc, start, end):
            return True
        after = doc[end : end + 4]
        if len(after) > 1 and spaced_dash(after[0]) and any(t.lower_ in ROLE_HEADS | _MORE_HEADS for t in after[1:]):
            return True
        return _aged(doc, end)

    def _teams_by_position(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """A one-word name the article writes before a player's position ("Valencia striker",
        "Leeds winger") is a team, whatever the model tagged it: every one-word mention of it
        here is the team's. A coach or a captain may be someone's ("Murray coach"), a position
        in a team is not."""
        doc = self.doc
        # A surname the article gives someone in full is that person's ("Ferguson" of "Alex Ferguson").
        surnames = {span[-1].lower_ for span, kind in spans if kind == "PERSON" and len(span) > 1}
        teams = {
            span.text.lower()
            for span, kind in spans
            if kind == "PERSON"
            and len(span) == 1
            and span.end < len(doc)
            and doc[span.end].is_lower
            and doc[span.end].lower_ in _PLAYER_POSITIONS
            and span[0].lower_ not in surnames
        }
        if not teams:
            return spans
        return [
            (Span(doc, span.start, span.end, label="ORG"), "ORG")
            if kind == "PERSON" and len(span) == 1 and span.text.lower() in teams
            else (span, kind)
            for span, kind in spans
        ]

    def _leading_non_names(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """Words opening a person's span that are no part of the name: a weekday or a month
        ("Saturday Tom Vance"; "May", "June", "April" and "August" are given names too, so only
        before a surname the article gives someone else in full), "St" or "Saint"; and the name
        of a ground, a club, a place or an event the article tags elsewhere, or writes inside one
        ("Valencia Vance" beside "Valencia CF", "Family Circle Cup Ann Lee"), when the rest is a
        name of its own: a surname the article gives someone with another given name ("Tom
        Vance"), or a full name it tags a person elsewhere. A span tagged a place or a ground
        that is such words before a surname ("Headingley Vance" as FAC, beside "Tom Vance") is
        split the same way. A real given name that is a place too ("Jordan" of "Jordan Vance")
        stays, unless the surname has another given name here."""
        doc = self.doc
        full: dict[str, set[str]] = {}  # surname -> the full names that end with it
        person_names: dict[str, int] = {}  # name -> how many spans give a person it
        for span, kind in spans:
            if kind == "PERSON":
                name = clean_name(span.text, kind).lower()
                person_names[name] = person_names.get(name, 0) + 1
                if " " in name:
                    full.setdefault(name.split(" ")[-1], set()).add(name)
        # surname -> the capitalised words written right before a full name ending with it
        titled: dict[str, set[str]] = {}
        for span, kind in spans:
            words = clean_name(span.text, kind).lower().split(" ") if kind == "PERSON" else []
            title = doc[span.start - 1] if span.start > 0 else None
            if len(words) >= 2 and title is not None and title.is_title and not title.ent_type_:
                if title.lower_.rstrip(".") in _TITLE_WORDS | HONORIFICS | RANK_WORDS:
                    titled.setdefault(words[-1], set()).add(title.lower_)
        # "vicente del bosque" ends with "del bosque" and "bosque": each name under its endings.
        endings: dict[str, set[str]] = {}
        for name in person_names:
            words = name.split(" ")
            for k in range(1, len(words)):
                endings.setdefault(" ".join(words[k:]), set()).add(name)

        # The names (with their kinds) of the non-person entities, and the first words of those
        # of them no person's name is like ("Valencia" of "Valencia CF"), with where each is: read
        # once, so that a text naming thousands of people stays linear.
        other_names: dict[str, list[tuple[Span, str]]] = {}
        other_words: dict[str, list[Span]] = {}
        for other, other_kind in spans:
            if other_kind != "PERSON":
                name = clean_name(other.text, other_kind)
                other_names.setdefault(name.lower(), []).append((other, other_kind))
                if " " in name and not _name_shaped(name):
                    other_words.setdefault(name.lower().split(" ")[0], []).append(other)

        def outside(other: Span, span: Span) -> bool:
            return other.end <= span.start or other.start >= span.end

        def elsewhere(span: Span, lead: str) -> tuple[str | None, bool]:
            """The kind of the first entity outside the span named `lead`, and whether one outside
            it opens with that word."""
            kind = next((k for other, k in other_names.get(lead, ()) if outside(other, span)), None)
            return kind, any(outside(other, span) for other in other_words.get(lead, ()))

        result: list[tuple[Span, str]] = []
        for span, kind in spans:
            if (
                len(span) < 2
                or not (kind == "PERSON" or (kind in _RETYPED and len(span) <= 4))
                or span.start in self.stated
            ):
                result.append((span, kind))
                continue
            own = clean_name(span.text, "PERSON").lower()
            cut, lead_kind = 0, ""
            # "Del Bosque" beside "Vicente del Bosque": the whole span ends a fuller name here; and a
            # name written so twice is a name.
            fuller = any(name != own for name in endings.get(own, ()))
            repeated = person_names.get(own, 0) > (1 if kind == "PERSON" else 0)
            for n in (1, 2, 3):
                if fuller or len(span) - n < 1 or span[n - 1].is_lower or span[0].lower_ in _PARTICLES:
                    break
                lead = doc[span.start : span.start + n].text.lower()
                rest = doc[span.start + n : span.end]
                rest_name = clean_name(rest.text, "PERSON").lower()
                if not rest_name or not all(w[:1].isupper() for w in rest.text.split() if w not in _PARTICLES):
                    break
                # the rest is what ends the name of someone else here ("Tom Vance" for "Vance"), or a
                # full name the article tags a person
                tail = " " + rest_name
                other_bearer = any(name != own and name.endswith(tail) for name in full.get(tail.split(" ")[-1], ()))
                named = other_bearer or (" " in rest_name and rest_name in person_names)
                # "Saturday Tom Vance"; but "January Jones" may be a name, cut only beside another Jones.
                # ("Meet Ann Lee, the …": a headline's word that introduces someone, before a full name.)
                introduced = lead in _INTRODUCING and " " in rest_name
                if (
                    n == 1
                    and kind == "PERSON"
                    and (lead in WEEKDAYS or (lead in MONTHS and " " in rest_name) or introduced)
                ):
                    cut = n
                    break
                if n == 1 and lead in NAME_MONTHS | WEEKDAYS | MONTHS | _SAINTS and other_bearer:
                    cut = n
                    break
                # "Triathlete Charlotte Roach, 26,", "RIP Stan Freberg" before a name the article also
                # writes alone: a word that is no given name.
                if n == 1 and kind == "PERSON" and not repeated and self._no_given_name(span):
                    cut = n
                    if trade_word(lead):
                        self.cut_roles[span.start + 1] = span[0].text
                    break
                # "Major Stallard" beside "Major Tom Stallard": the title the article writes before
                # the full name of the surname's one bearer.
                bearers = {name for name in full.get(rest_name, ()) if name != own}
                if n == 1 and kind == "PERSON" and len(bearers) == 1 and lead in titled.get(rest_name, ()):
                    cut = n  # (the title is the full name's role already)
                    break
                lead_named, lead_opens = elsewhere(span, lead)
                tagged = lead_named is not None or (n == 1 and lead_opens)
                # "against Valencia Enrique said", "at Headingley Vance stayed": a caption run into
                # the text puts the place after a preposition; "Chelsea Clinton" and "Paris Hilton"
                # beside "Bill Clinton" and "Rick Hilton" are names.
                if tagged and named and not repeated and _after_preposition(span):
                    cut, lead_kind = n, lead_named or kind
                    break
            if not cut:
                result.append((span, kind))
                continue
            lead_span, rest = doc[span.start : span.start + cut], doc[span.start + cut : span.end]
            if span.start + cut not in self.cut_roles:
                self.not_names.add(span.start + cut - 1)
            if kind != "PERSON" and lead_span.text.lower() not in WEEKDAYS | MONTHS | NAME_MONTHS | _SAINTS:
                # "Holland Vance" tagged ORG, "Holland" a place elsewhere: the place.
                result.append((Span(doc, lead_span.start, lead_span.end, label=lead_kind or kind), lead_kind or kind))
            result.append((Span(doc, rest.start, rest.end, label="PERSON"), "PERSON"))
        return result

    def _no_given_name(self, span: Span) -> bool:
        """Whether the first word of a person's span of three words or more is no given name, when the
        rest is written elsewhere in the text: a caption's label in capitals opening its sentence ("RIP
        Stan Freberg"), or a long word for someone by trade that no one is named ("Triathlete Charlotte
        Roach, 26,", "at a shelter Veterinarian Ann Lee"; not "Victor", "Chandler", "Dean")."""
        first = span[0]
        before = self.doc[first.i - 1] if first.i > 0 else None
        opens = before is None or first.is_sent_start or before.is_punct
        if len(span) < 3 or first.is_stop or not all(t.is_title for t in span[1:] if t.is_alpha):
            return False
        lower = first.lower_
        if first.is_upper:
            label = opens and (lower in ITEM_LABELS or lower == "rip")
        else:
            # (a trade's word after a caption run into the text, "at a shelter Veterinarian Ann Lee")
            trade = len(lower) >= 8 and lower not in AGENT_NAMES and trade_word(lower)
            label = trade and (opens or before.is_lower)
        # (the text read last: only for a word that may be no name)
        return label and self.doc.text.count(span[1:].text) > 1

    def _not_names(self, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """Words that are no names never make a person, judged from the article itself:
        - "Vote Blair": a leading word the article also writes in lower case, before the surname
          of a person it names, is not their first name: the mention is the surname alone;
        - "Chelsea" tagged PERSON once but ORG elsewhere in the article is the other thing;
        - a one-word name in a title-case headline that the body never uses is a headline word;
        - "Chan Chan", "Bora Bora": a word written twice is a place's name unless the text states
          a post or an age for it ("Ali Ali, 19,"), and "St James" (of "St James' Park") a saint's
          or a place's: neither is a given name and a surname."""
        doc = self.doc
        lower = {t.text for t in doc if t.is_lower}
        # surname -> the names that end with it ("blair" -> {"tony blair", "mr blair"})
        people: dict[str, set[str]] = {}
        for other, other_kind in spans:
            if other_kind == "PERSON":
                name = clean_name(other.text, other_kind).lower()
                people.setdefault(name.split(" ")[-1], set()).add(name)
        for token in doc[1:]:
            if doc[token.i - 1].lower_.rstrip(".") in HONORIFICS:
                people.setdefault(token.lower_, set()).add("mr " + token.lower_)
        other_kind = {clean_name(s.text, k).lower(): k for s, k in spans if k != "PERSON"}
        person_names = self._person_names(spans)
        body = {t.lower_ for t in doc if self.sentence_of.get(t.i, 0) > 0}
        body_names = {
            clean_name(s.text, k).lower() for s, k in spans if k == "PERSON" and self.sentence_of.get(s.start, 0) > 0
        }
        result = []
        for span, kind in spans:
            words = clean_name(span.text, kind).split(" ") if kind == "PERSON" else []
            # "Spencer Cox Wins Race" in a headline beside "Spencer Cox": the name, then a word of
            # the headline.
            own = " ".join(words).lower()
            # A name of three words or more in a title-case headline may take in its words.
            long_in_headline = (
                self.headline
                and self.sentence_of.get(span.start) == 0
                and len(words) >= 3
                and len(span) >= 3
                and not self._written_in_body(span)
            )
            inner = self._headline_inner_name(span, words, person_names) if long_in_headline else None
            if inner is not None:
                span, words = inner
            elif len(words) >= 3 and " ".join(words[:-1]).lower() in person_names:
                span, words = Span(doc, span.start, span.end - 1, label=span.label), words[:-1]
            # "Jake Auchincloss Wins Primary" beside "Mr. Auchincloss": the body's surname ends it.
            elif (
                long_in_headline
                and not _generation(words[-1])  # ("Kenneth Saunders III" beside "Mr. Saunders")
                and people.get(words[-1].lower(), set()) <= {own}
                and people.get(words[-2].lower(), set()) - {own}
                and own not in body_names  # "Maria Garcia Santos", named so in the body too
            ):
                span, words = Span(doc, span.start, span.end - 1, label=span.label), words[:-1]
            # "Biden to Pick Jennifer Granholm" beside "Jennifer Granholm": a headline's verb, then the name.
            elif (
                long_in_headline
                and words[1].lower() not in _PARTICLES  # "Vicente Del Bosque" beside "Del Bosque"
                and " ".join(words[1:]).lower() in person_names
            ):
                span, words = Span(doc, span.start + 1, span.end, label=span.label), words[1:]
            # "The Louise Michel" (a ship): a person's name never opens with "the".
            if kind == "PERSON" and span[0].lower_ == "the":
                continue
            # "Buenos Aires - President Ann Lee said": a dateline's place opening the sentence,
            # then a dash and the person the news is about.
            if kind == "PERSON" and self._dateline(span):
                continue
            # "fitness company Bounce", "the band Keane": a body's kind, then its name (not a
            # guest after the end of the last one's affiliation: "… news website Tom Vance - …").
            kind_before = span.start > 0 and doc[span.start - 1].is_lower and doc[span.start - 1].lower_ in BODY_NOUNS
            if kind == "PERSON" and kind_before and span.start not in self.guest_starts:
                kind = "ORG"
            # "Could the treaty collapse? | Inside Story": after a headline's bar, the programme's
            # or the outlet's name.
            # (Only at the headline's end: "Opinion | Ann Lee: Why …" names a person.)
            barred = kind == "PERSON" and self.headline and span.start > 0 and doc[span.start - 1].text == "|"
            if barred and self._ends_first_line(span):
                continue
            # A doubled name is a person's only when the text says so ("analyst Hassan Hassan").
            doubled = len(words) == 2 and words[0].lower() == words[1].lower() and span.start not in self.stated
            if doubled or (len(words) == 2 and words[0].lower() in _SAINTS):
                continue
            named_else = people.get(words[-1].lower(), set()) - {" ".join(words).lower()} if words else set()
            # "Actress Roberts" beside "Julia Roberts": a title, then the surname.
            # ("DJ Shadow": a stage name of two words keeps its letters)
            titled = len(words) == 2 and words[0].lower() in ROLE_HEADS - _ROYAL - _GIVEN_POSTS - LETTERED_POSTS
            church = len(words) == 2 and words[0].lower() in _SURNAME_TITLES
            titled = titled or (church and self._named_earlier(span, spans))
            # "Winger Nitoglia": a post is never a given name, whoever else the article names.
            if len(words) == 2 and len(span) > 1 and ((words[0].lower() in lower and named_else) or titled):
                if titled:
                    self.cut_roles[span.end - 1] = span[0].text
                else:
                    self.not_names.add(span.start)
                span = Span(doc, span.end - 1, span.end, label=span.label)
                words = words[1:]
            if len(words) == 1 and not named_else and span[0].lower_.rstrip(".") not in HONORIFICS:
                if words[0].lower() in other_kind:
                    kind = other_kind[words[0].lower()]
                elif self.headline and self.sentence_of[span.start] == 0 and words[0].lower() not in body:
                    continue
            result.append((span, kind))
        return result

    def _ends_first_line(self, span: Span) -> bool:
        doc = self.doc
        line_end = next((t.i for t in doc[span.end :] if "\n" in t.text), len(doc))
        last = all(t.is_punct or t.is_space for t in doc[span.end : line_end])
        return last and not any("\n" in t.text for t in doc[: span.start])

    def _named_earlier(self, span: Span, spans: list[tuple[Span, str]]) -> bool:
        """Whether the surname ending `span` is a person's the text names in full in an earlier
        sentence and in no full name of this one ("John Shelby Spong, 90, Dies" before "Bishop
        Spong pushed …"; not "Pastor Ruiz and his wife Maria Ruiz")."""
        surname = span[-1].lower_
        here = self.sentence_of.get(span.start)
        full = [
            self.sentence_of.get(s.start)
            for s, k in spans
            if k == "PERSON" and len(s) > 1 and s[-1].lower_ == surname and s.start != span.start
        ]
        full = [at for at in full if at is not None]
        return bool(full) and here is not None and min(full) < here and here not in full

    def _dateline(self, span: Span) -> bool:
        doc = self.doc
        end = span.end - 1 if doc[span.end - 1].text in _DASHES else span.end  # "Buenos Aires -"
        opens = span.start == 0 or doc[span.start - 1].is_space or doc[span.start].is_sent_start
        dash = end < len(doc) and doc[end].text in _DASHES and bool(doc[end - 1].whitespace_)
        return opens and dash and _titled_person_after(doc, end)

    def _written_in_body(self, span: Span) -> bool:
        """ "Manjeet Singh Riyat was described …" where the model's name is "Singh Riyat": the body
        writes the headline's name whole, so the whole is the name."""
        end = span.sent.end  # (Doc.text joins the document anew at every call: read it once per sentence)
        if end not in self.body_text:
            self.body_text[end] = self.doc[end:].text
        return re.search(rf"(?<![\w-]){re.escape(span.text)}(?![\w-])", self.body_text[end]) is not None

    def _headline_inner_name(
        self, span: Span, words: list[str], person_names: set[str]
    ) -> tuple[Span, list[str]] | None:
        """ "Astronaut Kathy Sullivan Becomes First Woman" beside "Kathy Sullivan": in a title-case
        headline, the longest full name inside the span that the article gives a person is the
        name; the words around it are the headline's."""
        if not (
            self.headline and self.sentence_of.get(span.start) == 0 and len(words) >= 3 and len(span) == len(words)
        ):
            return None
        for size in range(len(words) - 1, 1, -1):
            for a in range(len(words) - size + 1):
                if " ".join(words[a : a + size]).lower() in person_names:
                    return Span(self.doc, span.start + a, span.start + a + size, label=span.label), words[a : a + size]
        return None

    def _person_names(self, spans: list[tuple[Span, str]]) -> set[str]:
        return {clean_name(s.text, k).lower() for s, k in spans if k == "PERSON"}

    def _full_people(self, spans: list[Span]) -> dict[str, list[tuple[int, tuple[str, str]]]]:
        """Surname -> [(token index, person)] for every person named with two or more words."""
        found: dict[str, list[tuple[int, tuple[str, str]]]] = {}
        for span in spans:
            name = clean_name(span.text, "PERSON")
            words = name.split(" ")
            # "Vicente del Bosque": a name particle is a name's word in lower case.
            if len(words) >= 2 and words[0][:1].isupper() and all(w[:1].isupper() or w in _PARTICLES for w in words):
                ref = self._entity(name, "PERSON")
                found.setdefault(words[-1].lower(), []).append((span.start, ref))
                if len(words) >= 3 and _generation(words[-1]):  # "Mr. Saunders" of "Kenneth Saunders III"
                    found.setdefault(words[-2].lower(), []).append((span.start, ref))
                    self.by_generation.add(ref)
        return found

    def _full_name_for(
        self, name: str, at: int, surnames: dict[str, list[tuple[int, tuple[str, str]]]]
    ) -> tuple[str, str] | None:
        """A one-word name that is the surname of someone named in full here (whatever its
        label: the model tags some surnames ORG or GPE); a name of two words or more that ends the
        one fuller name here ("Symmons Roberts" of "Michael Symmons Roberts")."""
        last = name.lower().split(" ")[-1]
        if last not in surnames:
            return None
        if " " in name:
            tail = " " + name_key(name)
            fuller = {ref for _, ref in surnames[last] if ref[0].endswith(tail)}
            return fuller.pop() if len(fuller) == 1 else None
        people = surnames[name.lower()]
        # (two bearers of suffixes, "Ken Griffey Jr. and his father, Ken Griffey Sr.": either one)
        suffixed = {ref for _, ref in people if ref in self.by_generation}
        # (one man written two ways, "George S. Patton IV" and "George Patton IV", counts once)
        bearers = {(ref[0].split()[0], ref[0].split()[-1]) for ref in suffixed}
        if len(bearers) > 1 or not self._son_meant(name, at):
            people = [(start, ref) for start, ref in people if ref not in suffixed]
        if not people:
            return None
        before = [ref for start, ref in people if start <= at]
        return before[-1] if before else people[0][1]

    def _son_meant(self, surname: str, at: int) -> bool:
        """Whether a bare surname at `at` may be the bearer of a generation's suffix ("Mr. Saunders"
        of "Kenneth Saunders III"): bare, after a title of address ("Mr", "Dr", "Rev"), or after a
        title the text gives him ("Judge Barnes" beside "Judge William Barnes Jr."), not another's
        ("President Kennedy" beside "Robert F. Kennedy Jr."); and not set off as a father or a son
        ("Mr Trump, his father, agreed"; "Mr. Smith, the son of a mill worker," and "Griffey, whose
        father also played" are the son)."""
        doc = self.doc
        k = at  # the surname itself, past a title the mention opens with ("Mr. Saunders", "Dr King")
        while k + 1 < len(doc) and doc[k].text != surname and doc[k].lower_.rstrip(".") in _TITLED:
            k += 1
        before = doc[k - 1] if k > 0 else None
        title = before.lower_.rstrip(".") if before is not None and before.is_title else ""
        addressed = not title or title in _ADDRESSES | HONORIFICS or title in self._suffixed_titles()
        # ("Mr Trump, his father," / "his father, Mr Trump": the mention is the kin)
        after = doc[k + 1 : k + 5]
        kin_after = len(after) == 4 and after[0].text == "," and after[1].lower_ in {"his", "her", "their"}
        kin_after = kin_after and after[2].lower_ in _GENERATION_KIN and after[3].is_punct
        opens = k - 1 if title else k
        kin_before = opens >= 2 and doc[opens - 1].text == "," and doc[opens - 2].lower_ in _GENERATION_KIN
        return addressed and not (kin_after or kin_before)

    def _suffixed_titles(self) -> set[str]:
        """The titles written right before a name with a generation's suffix ("judge" of "Judge
        William Barnes Jr."), read once per document."""
        if self.suffix_titles is None:
            self.suffix_titles = set()
            for ent in self.doc.ents:
                words = ent.text.split()
                if ent.start > 0 and len(words) >= 3 and _generation(words[-1].rstrip(",")):
                    self.suffix_titles.add(self.doc[ent.start - 1].lower_.rstrip("."))
                    # (or the name's first word, where the model took the title in: "Judge William Barnes Jr.")
                    self.suffix_titles.add(words[0].lower().rstrip("."))
        return self.suffix_titles

    def _unlabelled_surnames(self, surnames: dict[str, list[tuple[int, tuple[str, str]]]]) -> None:
        for token in self.doc:
            if token.i in self.covered or not token.is_title or token.tag_ != "NNP":
                continue
            full = self._full_name_for(token.text, token.i, surnames)
            if full is not None:
                self._mention(full, self.doc[token.i : token.i + 1], token.text)

    def _entity(self, name: str, kind: str) -> tuple[str, str]:
        if kind != "PERSON" and (full := full_form(name)) is not None:
            short = name_key(name)
            name = full
            ref = (name_key(name), kind)
            self._entity(name, kind)
            self.analysis.entities[ref].aliases.add(short)
            return ref
        ref = (name_key(name), kind)
        entity = self.analysis.entities.get(ref)
        if entity is None:
            entity = self.analysis.entities[ref] = EntityInfo(name, kind)
            if kind == "PERSON" and " " in name:
                words = name.split(" ")
                entity.aliases.add(name_key(words[-1]))
                if len(words) >= 3 and _generation(words[-1]):
                    entity.aliases.add(name_key(words[-2]))
        return ref

    def _mention(self, ref: tuple[str, str], span: Span, surface: str) -> None:
        position = self.sentence_of[span.start]
        self.analysis.mentions.append((ref, position, surface.strip()[:300]))
        if ref[0] != name_key(clean_name(surface, ref[1])):
            self.analysis.entities[ref].aliases.add(name_key(clean_name(surface, ref[1])))
        for token in span:
            self.person_by_token[token.i] = ref
        if ref[1] == "PERSON":
            cut = self.doc[span.start - 1].text if span.start - 1 in self.not_names else None
            # A headline is telegraphic: only a title it states plainly before a full name counts.
            if span.start in self.guest_posts:  # the credits say whose post is whose
                found = [self.guest_posts[span.start] or None]
            else:
                found = [headline_role(span)] if self.headline and position == 0 else roles_for(span)
            found.append(self.cut_roles.get(span.start))
            if not any(found):
                found.append(self.agent_posts.get(span.start))
            # Where no rule read a role, the phrase beside the name, read from its words.
            loose = phrase_role(span) if not any(found) else None
            if loose:
                found.append(loose)
                self.analysis.loose_roles.add((ref, position, loose))
            for role in dict.fromkeys(found):  # a cut title the parse also finds counts once
                if role and role != cut:
                    self.analysis.roles.append((ref, position, role))

    def _person_at(self, token_index: int) -> tuple[str, str] | None:
        ref = self.person_by_token.get(token_index)
        return ref if ref is not None and ref[1] == "PERSON" else None

    def _last_person_before(self, token_index: int) -> tuple[str, str] | None:
        for i in range(token_index - 1, -1, -1):
            ref = self._person_at(i)
            if ref is not None:
                return ref
        return None

    def _speaker(self, subject) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
        if subject.lower_ in q.PRONOUNS:
            return self._last_person_before(subject.i)
        for token in subject.subtree:
            ref = self._person_at(token.i)
            if ref is not None:
                return ref
        return None

    def _quotes(self) -> None:
        quoted_sentences: set[int] = set()
        for quote in q.quote_spans(self.doc):
            verb = q.attribution_verb(self.doc, quote)
            subject = q.speech_subject(verb) if verb is not None else None
            speaker = self._speaker(subject) if subject is not None else None
            if speaker is None or not q.long_enough(quote.text):
                continue
            span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
            position = self.sentence_of[span.start] if span is not None else 0
            last = max(self.sentence_of[verb.i], position) if verb is not None else position
            quoted_sentences.update(range(position, last + 1))
            self.analysis.quotes.append((speaker, position, quote.text, True))
        for position, sent in enumerate(self.doc.sents):
            if position in quoted_sentences:
                continue
            subject = q.reported_speech_subject(sent.root)
            speaker = self._speaker(subject) if subject is not None else None
            if speaker is not None:
                self.analysis.quotes.append((speaker, position, " ".join(sent.text.split()), False))


def analyze_docs(docs: Iterable[Doc], headlines: Iterable[bool] | None = None) -> Iterator[Analysis]:
    flags = iter(headlines) if headlines is not None else None
    for doc in docs:
        yield _Linker(doc, next(flags) if flags is not None else False).run()


def analyze_texts(nlp: Language, texts: list[str], headlines: list[bool] | None = None) -> list[Analysis]:
    """One pass over many texts (parsed in bounded memory); `headlines[i]`: text i starts with one."""
    return list(analyze_docs(parse(nlp, texts), headlines))
