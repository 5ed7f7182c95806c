"""French articles: fr_core_news_sm's entities and parse, read with French rules for names,
roles and quotes, into the same Analysis as the English path."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import spacy
from sentencex import segment
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from bot.nlp.analyze import MAX_NAME_CHARS
from bot.nlp.parse import parse
from bot.nlp.quotes import long_enough
from bot.settings import get_settings
from domain.analysis import Analysis, EntityInfo, SentenceInfo
from domain.names import name_key

# The model's labels -> the kinds the English path stores. MISC (events, works, but also
# nationalities and slogans) is left out, as the English path leaves out NORP.
KINDS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
# Words that join a surname ("Jean-Yves Le Drian", "Charles de Gaulle"): the surname starts there.
PARTICLES = frozenset({"de", "d'", "d’", "du", "des", "le", "la", "van", "von", "der", "di", "da", "del", "della"})
# Definite articles: "la France" is France; they open a post ("le président"), where "un
# porte-parole" describes.
_DEFINITE = frozenset({"le", "la", "les", "l'", "l’"})
# Titles of address: "M. Macron" is Macron.
_ADDRESS = frozenset({"m.", "mm.", "mme", "mmes", "mlle", "me", "dr", "pr", "mgr"})
_ADDRESS_DOTTED = frozenset({"m.", "mm.", "mme.", "mlle.", "me.", "dr.", "pr.", "mgr."})
# What someone is, or who they are to another ("son homologue"), rather than a post.
_NOT_TITLES = frozenset(
    """homme femme hommes femmes personne gens garçon fille enfant fils frère sœur père mère mari
    épouse veuve ami amie homologue collègue rival rivale adversaire compatriote coéquipier
    coéquipière partenaire""".split()
)
# "le seul candidat", "la dernière joueuse": a distinction, not a post.
_STANDING = frozenset({"seul", "seule", "dernier", "dernière", "meilleur", "meilleure"})
MAX_ROLE_WORDS = 7
# Lemmas of the verbs that report speech.
SPEECH_VERBS = frozenset(
    """dire déclarer affirmer ajouter estimer souligner expliquer indiquer annoncer assurer
    préciser avertir insister rappeler confier lancer répondre reconnaître prévenir marteler
    juger dénoncer promettre écrire confirmer admettre répéter conclure noter observer déplorer
    regretter plaider réagir commenter""".split()
)
_IRREGULAR = {"dire": "dit", "écrire": "écrit", "reconnaître": "reconnu", "répondre": "répondu"}
_IRREGULAR |= {"promettre": "promis", "admettre": "admis", "conclure": "conclu", "prévenir": "prévenu"}
# Their past participles ("a réagi"): the tagger takes some for adjectives, with no verb lemma.
SPEECH_PARTICIPLES = frozenset(
    _IRREGULAR.get(verb) or (verb[:-2] + "é" if verb.endswith("er") else verb[:-1]) for verb in SPEECH_VERBS
)
PRONOUNS = frozenset({"il", "elle"})
# « … » (French spaces inside, any kind), “…”, or straight double quotes, within one paragraph.
_QUOTE = re.compile(r"«\s*([^«»\n]{8,}?)\s*»|“([^”\n]{8,})”|\"([^\"\n]{8,})\"")
# Non-breaking spaces French puts inside « » and before ; : ! ?: plain spaces, for the
# tokenizer (the same length, so every offset stays).
_NBSP = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})

Ref = tuple[str, str]
_lock = threading.Lock()


def sentence_starts(text: str) -> Iterator[int]:
    """Character offsets where sentences start: sentencex's split, a line break always ending
    one; a piece in lower case continues the sentence before it (as in `bot/nlp/sentences.py`)."""
    offset = 0
    for line in text.splitlines(keepends=True):
        cursor, previous = 0, ""
        for piece in segment("fr", line):
            piece = piece.strip()
            at = line.find(piece, cursor) if piece else -1
            if at < 0:
                continue
            # "M. Macron": a title of address ends no sentence.
            address = previous and previous.rsplit(" ", 1)[-1].lower() in _ADDRESS_DOTTED
            if not previous or not (piece[0].islower() or address):
                yield offset + at
            cursor, previous = at + len(piece), piece
        offset += len(line)


@Language.component("newsbrief_sentences_fr")
def preset_sentences(doc: Doc) -> Doc:
    """Sentences from rules, set before the parser (which keeps them): the small French model
    ends sentences inside names ("Jean-Yves | Le Drian") and after an opening «, and its
    entities never cross a sentence end."""
    starts = set(sentence_starts(doc.text))
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc


@cache
def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(f"spaCy model {name!r} is not installed: set FRENCH_MODEL to an installed one.") from exc
    nlp.add_pipe("newsbrief_sentences_fr", first=True)
    return nlp


def load_french(name: str) -> Language:
    """The French pipeline, loaded on first use and shared afterwards (thread-safe). The
    lemmatizer stays: speech verbs are found by lemma ("a déclaré", "déclare")."""
    with _lock:
        return _load(name)


def _words(tokens: Span | list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _is_title(word: str) -> bool:
    return word[:1].isupper()


def surname(words: list[str]) -> list[str]:
    """The family name of a full name: from its first particle ("Le Drian" of "Jean-Yves Le
    Drian", "de Gaulle"), else its last word."""
    for i, word in enumerate(words[1:-1], start=1):
        if word.lower() in PARTICLES:
            return words[i:]
    return words[-1:]


@dataclass
class _Name:
    start: int  # token span of the name in the doc (titles of address and articles left out)
    end: int
    text: str
    kind: str


def _opens(token: Token) -> bool:
    """Whether the token opens a sentence or a quote, where any word is capitalised."""
    return token.i == token.sent.start or token.doc[token.i - 1].is_punct or token.doc[token.i - 1].is_space


def _name_of(doc: Doc, start: int, end: int, kind: str) -> _Name | None:
    """The name an entity span stands for, or None when it is no name (a post the model took
    for an organisation, "ministre de l'Intérieur")."""
    # "Le Drian", "Le Havre": a capitalised article inside a sentence belongs to the name.
    if start > 0 and doc[start - 1].text in {"Le", "La", "Les", "De", "Du"} and not _opens(doc[start - 1]):
        start -= 1
    while end - start > 1 and doc[start].lower_ in _ADDRESS:
        start += 1
    # "la France", and "La France" opening a sentence or a quote; "Le Pen" opening one is a name.
    article = end - start > 1 and doc[start].lower_ in _DEFINITE
    if article and (doc[start].is_lower or (_opens(doc[start]) and kind != "PERSON")):
        start += 1
    if kind == "PERSON":  # "président Macron" tagged whole: the name starts at its first capital
        while end - start > 1 and doc[start].is_lower and doc[start].lower_ not in PARTICLES:
            start += 1
    while end - start > 1 and doc[end - 1].is_punct:
        end -= 1
    # "musée de Lyon" tagged a place: the place is what it is of, Lyon.
    if kind != "PERSON" and doc[start].is_lower and doc[start].lower_ not in PARTICLES:
        of = [t.i for t in doc[start:end] if t.lower_ in {"de", "d'", "d’", "du"}]
        if kind != "GPE" or not of or not _is_title(doc[of[-1] + 1 : end].text):
            return None
        start = of[-1] + 1
    text = " ".join(_words(doc[start:end]).split()).strip(" .,;:«»“”\"'’-")
    words = text.split(" ")
    if not text or len(text) > MAX_NAME_CHARS or not any(c.isalpha() for c in text):
        return None
    # A name starts with a capital, or with a particle before one ("de Gaulle").
    if not (_is_title(words[0]) or (words[0].lower() in PARTICLES and len(words) > 1 and _is_title(words[1]))):
        return None
    return _Name(start, end, text, kind)


class _FrenchLinker:
    """Ties each mention in one document to one entity; surnames to the full name."""

    def __init__(self, doc: Doc, headline: bool) -> None:
        self.doc = doc
        self.headline = headline  # sentence 0 is a headline: its names count, it gives no roles
        self.analysis = Analysis()
        self.sentence_of: dict[int, int] = {}
        self.person_by_token: dict[int, Ref] = {}
        self.covered: set[int] = set()
        # surname key ("le drian", and "drian") -> [(token index, person)]
        self.surnames: dict[str, list[tuple[int, Ref]]] = {}

    def run(self) -> Analysis:
        for position, sent in enumerate(self.doc.sents):
            words = [t.text for t in sent if not (t.is_punct or t.is_space)]
            self.analysis.sentences.append(SentenceInfo(" ".join(sent.text.split()), words))
            for token in sent:
                self.sentence_of[token.i] = position
        names = [
            name
            for ent in self.doc.ents
            if ent.label_ in KINDS and (name := _name_of(self.doc, ent.start, ent.end, KINDS[ent.label_]))
        ]
        for name in names:
            words = name.text.split(" ")
            # "De Gaulle" opening a sentence is a surname, not a first name and a surname.
            full = len(words) >= 2 and words[0].lower() not in PARTICLES
            if name.kind == "PERSON" and full and all(_is_title(w) for w in (words[0], words[-1])):
                ref = self._entity(name.text, "PERSON")
                for key in self._surname_keys(words):
                    self.surnames.setdefault(key, []).append((name.start, ref))
        for name in names:
            if self._surname_before(name):  # "Le" opening the sentence, then "Drian"
                name.start -= 1
                name.text = _words(self.doc[name.start : name.end])
            full = self._full_name_for(name.text, name.start)
            ref = full if full is not None else self._entity(name.text, name.kind)
            self._mention(ref, name.start, name.end)
        self._unlabelled_surnames()
        self._quotes()
        return self.analysis

    @staticmethod
    def _surname_keys(words: list[str]) -> set[str]:
        family = surname(words)
        return {name_key(" ".join(family)), name_key(family[-1])}

    def _full_name_for(self, name: str, at: int) -> Ref | None:
        """A surname ("Le Drian", "Drian", "Macron") of someone named in full here, whatever its
        label (the model tags some surnames LOC)."""
        people = self.surnames.get(name_key(name))
        if not people or (len(name.split(" ")) > 1 and name.split(" ")[0].lower() not in PARTICLES):
            return None
        before = [ref for start, ref in people if start <= at]
        return before[-1] if before else people[0][1]

    def _surname_before(self, name: _Name) -> bool:
        """A one-word name just after a particle that with it is a known surname ("Le" at the
        start of a sentence, then "Drian")."""
        if name.end - name.start != 1 or name.start == 0:
            return False
        return self.doc[name.start - 1].lower_ in PARTICLES and self._particle_surname(name.start)

    def _particle_surname(self, at: int) -> bool:
        key = name_key(f"{self.doc[at - 1].text} {self.doc[at].text}")
        return key in self.surnames

    def _unlabelled_surnames(self) -> None:
        for token in self.doc:
            if token.i in self.covered or not token.is_title or token.pos_ not in {"PROPN", "NOUN", "ADJ"}:
                continue
            start = token.i - 1 if token.i > 0 and self._particle_surname(token.i) else token.i
            if start < token.i and start in self.covered:
                continue
            full = self._full_name_for(_words(self.doc[start : token.i + 1]), token.i)
            if full is not None:
                self._mention(full, start, token.i + 1)

    def _entity(self, name: str, kind: str) -> Ref:
        ref = (name_key(name), kind)
        if ref not in self.analysis.entities:
            entity = self.analysis.entities[ref] = EntityInfo(name, kind)
            words = name.split(" ")
            if kind == "PERSON" and len(words) > 1:
                entity.aliases |= self._surname_keys(words)
        return ref

    def _mention(self, ref: Ref, start: int, end: int) -> None:
        span = self.doc[start:end]
        position = self.sentence_of[start]
        surface = " ".join(span.text.split())
        self.analysis.mentions.append((ref, position, surface[:300]))
        if name_key(surface) != ref[0]:
            self.analysis.entities[ref].aliases.add(name_key(surface))
        self.covered.update(range(start, end))
        for token in span:
            self.person_by_token[token.i] = ref
        if ref[1] == "PERSON" and not (self.headline and position == 0):
            for role in roles_for(span):
                self.analysis.roles.append((ref, position, role))

    def _person_at(self, i: int) -> Ref | None:
        ref = self.person_by_token.get(i)
        return ref if ref is not None and ref[1] == "PERSON" else None

    def _last_person_before(self, i: int) -> Ref | None:
        return next((ref for k in range(i - 1, -1, -1) if (ref := self._person_at(k)) is not None), None)

    def _speaker(self, verb: Token) -> Ref | None:
        """Who says it: the verb's subject ("Macron a déclaré", a pronoun: the last person
        named), or the person right after it ("…, a déclaré Emmanuel Macron")."""
        for child in verb.children:
            if child.dep_.startswith("nsubj"):
                if child.lower_ in PRONOUNS:
                    return self._last_person_before(child.i)
                found = next((ref for t in child.subtree if (ref := self._person_at(t.i)) is not None), None)
                if found is not None:
                    return found
        if (ref := self._person_after(verb)) is not None:
            return ref
        # "Le Drian a ajouté :" whose parse lost the subject: the name just before the verb.
        for i in range(verb.i - 1, max(verb.i - 3, verb.sent.start - 1), -1):
            if (ref := self._person_at(i)) is not None:
                return ref
        return None

    def _named_after(self, word: Token, titled: bool) -> Ref | None:
        """The person named right after `word`, maybe after their title ("a réagi le sénateur
        Bruno Retailleau"; with `titled`, after a title set off by a comma: "selon la procureure
        de Paris, Laure Beccuau"). A verb or other punctuation ends the search."""
        for i in range(word.i + 1, min(word.i + 1 + MAX_ROLE_WORDS + 2, word.sent.end)):
            if (ref := self._person_at(i)) is not None:
                return ref
            token = self.doc[i]
            if token.pos_ in {"VERB", "AUX", "PRON"} or (token.is_punct and not (titled and token.text == ",")):
                return None
        return None

    def _person_after(self, verb: Token) -> Ref | None:
        return self._named_after(verb, titled=False)

    def _according_to(self, tokens: Span | list[Token]) -> Ref | None:
        """ "selon Le Drian": the person named just after "selon"."""
        for token in tokens:
            if token.lower_ == "selon" and (ref := self._named_after(token, titled=True)) is not None:
                return ref
        return None

    def _quotes(self) -> None:
        quoted: set[int] = set()
        for match in _QUOTE.finditer(self.doc.text):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            start, end = match.start(group), match.end(group)
            text = match.group(group).strip().rstrip(",").strip()
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or not long_enough(text):
                continue
            sents = {span[0].sent, span[-1].sent}
            if span[-1].sent.end < len(self.doc):  # « … », a-t-il dit: may be cut off as its own
                sents.add(self.doc[span[-1].sent.end].sent)
            around = [t for s in sorted(sents, key=lambda s: s.start) for t in s]
            outside = [t for t in around if t.i < span.start - 1 or t.i > span.end]
            verb = next((t for t in outside if _speech(t)), None)
            speaker = self._speaker(verb) if verb is not None else self._according_to(outside)
            if speaker is None:
                continue
            position = self.sentence_of[span.start]
            said = self.sentence_of[verb.i] if verb is not None else self.sentence_of[span.end - 1]
            quoted.update(range(position, max(said, self.sentence_of[span.end - 1]) + 1))
            self.analysis.quotes.append((speaker, position, text, True))
        for position, sent in enumerate(self.doc.sents):
            if position in quoted or (self.headline and position == 0):
                continue
            speaker = self._reported(sent)
            if speaker is not None:
                self.analysis.quotes.append((speaker, position, " ".join(sent.text.split()), False))

    def _reported(self, sent: Span) -> Ref | None:
        """ "Macron a affirmé que …", "…, a déclaré Macron", "Selon Le Drian, …": who said it."""
        for token in sent:
            if _speech(token):
                # What is said is a clause ("a affirmé que …"), or comes before ("…, a déclaré X"):
                # "a annoncé la fermeture" reports a decision, not words.
                if any(c.dep_ in {"ccomp", "parataxis"} for c in token.children):
                    speaker = self._speaker(token)
                elif _after_comma(token):  # the speaker comes after the verb
                    speaker = self._person_after(token)
                else:
                    continue
                if speaker is not None:
                    return speaker
        return self._according_to(sent)


def _speech(token: Token) -> bool:
    """A verb that reports speech ("a déclaré", "affirme")."""
    if token.pos_ in {"VERB", "AUX"} and token.lemma_ in SPEECH_VERBS:
        return True
    return token.pos_ in {"VERB", "ADJ"} and token.lower_ in SPEECH_PARTICIPLES


def _after_comma(verb: Token) -> bool:
    """ "…, a déclaré": the verb (after its auxiliaries) follows a comma."""
    i = verb.i - 1
    while i > verb.sent.start and verb.doc[i].pos_ == "AUX":
        i -= 1
    return i > verb.sent.start and verb.doc[i].text == ","


def _role_text(tokens: list[Token]) -> str | None:
    """A post from the words of a title: it starts with a lower-case noun (or an adjective
    before one: "ancien ministre") and ends with a noun, a name or an adjective."""
    while tokens and (tokens[0].lower_ in _DEFINITE or tokens[0].pos_ in {"DET", "ADP"} or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].pos_ in {"ADP", "DET", "CCONJ"} or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > MAX_ROLE_WORDS:
        return None
    head = next((t for t in tokens if t.pos_ == "NOUN"), None)
    # "ancien ministre", "Premier ministre": only adjectives come before the title's noun.
    if head is None or not head.is_lower or not all(t.pos_ == "ADJ" for t in tokens[: tokens.index(head)]):
        return None
    if head.lower_ in _NOT_TITLES or tokens[0].lower_ in _STANDING:
        return None
    if tokens[-1].pos_ not in {"NOUN", "PROPN", "ADJ"} or any(t.ent_type_ == "PER" for t in tokens):
        return None
    if any(t.pos_ in {"VERB", "AUX", "PRON", "SCONJ", "NUM"} for t in tokens):
        return None
    return _words(tokens)


_ROLE_POS = frozenset({"NOUN", "ADJ", "ADP", "DET", "PROPN"})
# The words that join a title to what it is of ("ministre de l'Intérieur", "maire du village").
_OF = frozenset({"de", "d'", "d’", "du", "des"}) | _DEFINITE


def _opening(token: Token) -> bool:
    """A determiner that opens a noun phrase ("le ministre"), not one inside it ("de l'Intérieur")."""
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    return token.pos_ == "DET" and (before is None or before.pos_ != "ADP")


def premodifier_role(span: Span) -> str | None:
    """ "le ministre des Affaires étrangères Jean-Yves Le Drian" -> "ministre des Affaires
    étrangères"; "La maire de Paris, Anne Hidalgo," -> "maire de Paris"."""
    doc, sent = span.doc, span.sent
    i = span.start - 1
    comma = i >= sent.start and doc[i].text == ","
    if comma:
        i -= 1
    tokens: list[Token] = []
    while i >= sent.start and not _opening(doc[i]) and (doc[i].pos_ in _ROLE_POS or doc[i].text == "-"):
        tokens.insert(0, doc[i])
        i -= 1
    if comma:  # "La maire de Paris, Anne Hidalgo": the title opens the sentence
        opened = i >= sent.start and doc[i].lower_ in _DEFINITE
        if not (i < sent.start or (opened and i == sent.start)):
            return None
    elif i >= sent.start and doc[i].pos_ == "DET" and doc[i].lower_ not in _DEFINITE | {"son", "sa", "leur"}:
        return None  # "un responsable Jean Dupont": a description, not a post
    return _role_text(tokens)


def _phrase_after(head: Token) -> list[Token]:
    """A title noun and the words that complete it: adjectives, "de …" ("ministre de l'Intérieur")."""
    doc = head.doc
    tokens = [head]
    i = head.i + 1
    while i < head.sent.end and len(tokens) <= MAX_ROLE_WORDS:
        token = doc[i]
        if token.pos_ in {"ADJ", "NOUN", "PROPN"} or token.text == "-":
            tokens.append(token)
        elif token.pos_ in {"ADP", "DET"} and token.lower_ in _OF:
            tokens.append(token)
        else:
            break
        i += 1
    return tokens


def _closed(tokens: list[Token]) -> list[Token]:
    """The title, if punctuation closes it ("Darmanin, ministre de l'Intérieur, a dit"); else
    nothing: "Selon X, la réforme doit …" is the next clause's subject, no title."""
    after = tokens[-1].i + 1 if tokens else 0
    if not tokens or (after < tokens[-1].sent.end and not tokens[-1].doc[after].is_punct):
        return []
    return tokens


def _title_at(doc: Doc, i: int, end: int) -> list[Token]:
    """The title starting at token i ("ancien ministre des Affaires étrangères"): adjectives,
    a noun, what completes it; nothing if no noun comes."""
    start = i
    while i < end and doc[i].pos_ == "ADJ":  # "ancien ministre", "Premier ministre"
        i += 1
    if i >= end or doc[i].pos_ != "NOUN":
        return []
    return [*doc[start:i], *_phrase_after(doc[i])]


def apposition_role(span: Span) -> str | None:
    """ "Gérald Darmanin, ministre de l'Intérieur," -> "ministre de l'Intérieur"."""
    doc, end = span.doc, span.sent.end
    i = span.end
    if i >= end or doc[i].text != ",":
        return None
    i += 1
    if i < end and doc[i].lower_ in _DEFINITE:
        i += 1
    return _role_text(_closed(_title_at(doc, i, end)))


def copula_role(span: Span) -> str | None:
    """ "Anne Hidalgo est la maire de Paris" -> "maire de Paris" ("est un homme" says nothing of a post)."""
    doc, end = span.doc, span.sent.end
    i = span.end
    if i >= end or doc[i].lemma_ not in {"être", "devenir"} or doc[i].lower_ == "a":
        return None
    i += 1
    if i < end and doc[i].lemma_ == "devenir":  # "est devenu"
        i += 1
    if i < end and doc[i].lower_ in _DEFINITE:
        i += 1
    elif i < end and doc[i].pos_ == "DET":  # "est un ancien ministre" describes
        return None
    return _role_text(_title_at(doc, i, end))


def roles_for(span: Span) -> list[str]:
    """The posts the sentence gives the person named by `span`: before the name, in apposition, after "est"."""
    found = [premodifier_role(span), apposition_role(span), copula_role(span)]
    return [role for role in dict.fromkeys(found) if role]


def analyze_docs(docs: Iterator[Doc], headlines: list[bool]) -> list[Analysis]:
    """One Analysis per parsed Doc; `headlines[i]`: Doc i opens with its headline."""
    return [_FrenchLinker(doc, headline).run() for doc, headline in zip(docs, headlines, strict=True)]


def analyze_french(texts: list[str], headlines: list[bool] | None = None, model: str | None = None) -> list[Analysis]:
    """One Analysis per French text, in order (FRENCH_MODEL unless `model` is given)."""
    nlp = load_french(model or get_settings().french_model)
    flags = headlines if headlines is not None else [False] * len(texts)
    return analyze_docs(parse(nlp, [text.translate(_NBSP) for text in texts]), flags)
