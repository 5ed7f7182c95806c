"""Russian articles analysed with natasha into the Analysis the English spaCy path produces:
sentences and their words, entities named in the nominative and linked within the article,
mentions, roles and quotes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

from natasha import Doc
from natasha.doc import DocSpan, DocToken
from natasha.norm import inflect_word
from threadpoolctl import threadpool_limits

from bot.nlp import ru_quotes as q
from bot.nlp.quotes import long_enough
from bot.nlp.ru_models import RussianVocab, models
from bot.nlp.ru_names import fix_cases, is_no_name, name_case, nominative, split_person
from bot.nlp.ru_parse import parse_texts
from bot.nlp.ru_roles import list_role, role_after, roles_before
from domain.analysis import Analysis, EntityInfo, SentenceInfo
from domain.names import clean_name, name_key

Ref = tuple[str, str]
MAX_NAME_CHARS = 120
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_lock = threading.Lock()


def _fold(word: str) -> str:
    """natasha writes normalised names with е for ё; so do the keys compared here."""
    return word.lower().replace("ё", "е")


def _stems(word: str) -> list[str]:
    """The word without the ending of an oblique case of a man's surname ("безоса": "безос")."""
    return [word[: -len(end)] for end in ("ом", "а", "у", "е") if word.endswith(end) and len(word) > len(end) + 2]


def entity_kind(span: DocSpan) -> str:
    """The label the English path stores: PERSON, ORG, and for a place GPE (a proper name:
    a country, a city) or LOC (a feature named by a common noun: "Черное море")."""
    if span.type == "PER":
        return "PERSON"
    if span.type == "ORG":
        return "ORG"
    return "GPE" if all(t.pos == "PROPN" or not t.text[:1].isalpha() for t in span.tokens) else "LOC"


class _Linker:
    """Ties each mention in one document to one entity; a surname alone to the full name."""

    def __init__(self, doc: Doc, headline: bool, vocab: RussianVocab) -> None:
        self.doc = doc
        self.headline = headline  # the first sentence is a headline: its names count, it gives no roles
        self.vocab = vocab
        self.analysis = Analysis()
        self.where: dict[str, tuple[int, int]] = {}  # token id -> (sentence position, index in it)
        self.children: dict[str, list[DocToken]] = {}
        self.person_by_token: dict[str, Ref] = {}
        self.people: list[tuple[Ref, list[DocToken]]] = []  # person mentions, in text order
        self.covered: set[str] = set()

    def run(self) -> Analysis:
        for position, sent in enumerate(self.doc.sents):
            words = [t.text for t in sent.tokens if t.pos != "PUNCT"]
            self.analysis.sentences.append(SentenceInfo(" ".join(sent.text.split()), words))
            for index, token in enumerate(sent.tokens):
                self.where[token.id] = (position, index)
                self.children.setdefault(token.head_id, []).append(token)
        spans = [part for span in self.doc.spans for part in split_person(span)]
        for span in spans:
            fix_cases(span)
        named = [(span, kind, name) for span in spans if (name := self._name(span, kind := entity_kind(span)))]
        surnames = self._full_people(named)
        for span, kind, name in named:
            self.covered.update(t.id for t in span.tokens)
            full = self._full_name_for(name, span.start, surnames)
            self._mention(full or self._entity(name, kind), span.tokens, span.text, name)
        self._unlabelled_surnames(surnames)
        self.people.sort(key=lambda person: person[1][0].start)
        self._roles()
        self._quotes()
        return self.analysis

    def _name(self, span: DocSpan, kind: str) -> str | None:
        """The span's name in the nominative ("с Владимиром Зеленским" -> "Владимир Зеленский"),
        or None when it is no name."""
        first = self.where[span.tokens[0].id][1] == 0
        if is_no_name(span, first, self.vocab):
            return None
        try:
            normal = nominative(span, self.vocab)
        except Exception:  # a word pymorphy cannot inflect: the name as written
            normal = span.text
        # "Европейский союз (ЕС": a name runs to its parenthesis, which the model may cut.
        # A person's name in parentheses after it is the same name in other letters ("Ричард
        # Раапхорст (Richard Raaphorst)"): the name is the words before.
        if "(" in normal and (")" not in normal or kind == "PERSON"):
            normal = normal.split("(", 1)[0]
        name = clean_name(normal, kind)
        if not name or len(name) > MAX_NAME_CHARS or not any(c.isalpha() for c in name):
            return None
        return name

    def _full_people(self, named: list[tuple[DocSpan, str, str]]) -> dict[str, list[tuple[int, Ref]]]:
        """Surname -> [(where, person)] for every person named with two or more words."""
        found: dict[str, list[tuple[int, Ref]]] = {}
        for span, kind, name in named:
            words = name.split(" ")
            if kind == "PERSON" and len(words) >= 2 and all(w[:1].isupper() for w in words):
                found.setdefault(_fold(words[-1]), []).append((span.start, self._entity(name, kind)))
        return found

    @staticmethod
    def _full_name_for(name: str, at: int, surnames: dict[str, list[tuple[int, Ref]]]) -> Ref | None:
        """A one-word name that is the surname of someone named in full here (whatever its
        label: the model tags some surnames LOC or ORG), in its case too when the dictionary does
        not know it ("Безоса" of "Джефф Безос", named in full here)."""
        if " " in name:
            return None
        folded = _fold(name)
        key = next((k for k in (folded, *_stems(folded)) if k in surnames), None)
        if key is None:
            return None
        people = surnames[key]
        before = [ref for start, ref in people if start <= at]
        return before[-1] if before else people[0][1]

    def _unlabelled_surnames(self, surnames: dict[str, list[tuple[int, Ref]]]) -> None:
        """A surname the NER model left out ("Лаврова встретили…") still mentions the person."""
        for token in self.doc.tokens:
            if token.id in self.covered or token.pos != "PROPN" or not token.text[:1].isupper():
                continue
            normal = _fold(inflect_word(self.vocab, token))
            full = self._full_name_for(normal, token.start, surnames)
            if full is not None:
                self._mention(full, [token], token.text, normal)

    def _entity(self, name: str, kind: str) -> Ref:
        ref = (name_key(name), kind)
        if ref not in self.analysis.entities:
            entity = self.analysis.entities[ref] = EntityInfo(name, kind)
            if kind == "PERSON" and " " in name:
                entity.aliases.add(name_key(name.split(" ")[-1]))
        return ref

    def _mention(self, ref: Ref, tokens: list[DocToken], surface: str, name: str) -> None:
        position = self.where[tokens[0].id][0]
        self.analysis.mentions.append((ref, position, surface.strip()[:300]))
        # The name in the nominative, not the inflected surface, is what a user asks for.
        if ref[0] != name_key(name):
            self.analysis.entities[ref].aliases.add(name_key(name))
        if ref[1] == "PERSON":
            for token in tokens:
                self.person_by_token[token.id] = ref
            self.people.append((ref, tokens))

    def _roles(self) -> None:
        taken: dict[int, set[int]] = {}
        for token_id in self.person_by_token:
            position, index = self.where[token_id]
            taken.setdefault(position, set()).add(index)
        for ref, tokens in self.people:
            position, start = self.where[tokens[0].id]
            if self.headline and position == 0:
                continue
            end = self.where[tokens[-1].id][1] + 1
            sent = self.doc.sents[position].tokens
            case = name_case(tokens)
            before = roles_before(sent, start, case, taken[position], self.vocab)
            # The words of a name tagged in two cases ("Кэндзи" Gen, "Сато" Nom): the tagger is
            # unsure of the case, and a role in the other is the name's too.
            others = {(t.feats or {}).get("Case") for t in tokens} - {case, None}
            if case is None and start > 0 and sent[start - 1].pos == "NOUN":
                # A name in Latin letters has no case; the post before it shows the one it is in
                # ("поддержал исполнительницу Manizha").
                others.add((sent[start - 1].feats or {}).get("Case"))
            for other in others - {None}:
                before = before or roles_before(sent, start, other, taken[position], self.vocab)
            for role in (*before, role_after(sent, end, case, taken[position], self.vocab)):
                if role is not None:
                    self.analysis.roles.append((ref, position, role))
        self._lists(taken)

    def _lists(self, taken: dict[int, set[int]]) -> None:
        """Names listed with "и" or commas after a post in the plural ("Вратари Игорь Шестеркин
        и Александр Георгиев"): the post, in the singular, is each one's role."""
        groups: list[list[tuple[Ref, list[DocToken]]]] = []
        last: tuple[int, int] | None = None  # (sentence, index after the last name)
        for ref, tokens in self.people:
            position, start = self.where[tokens[0].id]
            sent = self.doc.sents[position].tokens
            joined = (
                last is not None
                and last[0] == position
                and all(t.text.lower() in {"и", ","} for t in sent[last[1] : start])
            )
            if joined and start > last[1]:
                groups[-1].append((ref, tokens))
            else:
                groups.append([(ref, tokens)])
            last = (position, self.where[tokens[-1].id][1] + 1)
        for group in groups:
            if len(group) < 2:
                continue
            ref, tokens = group[0]
            position, start = self.where[tokens[0].id]
            if self.headline and position == 0:
                continue
            sent = self.doc.sents[position].tokens
            role = list_role(sent, start, name_case(tokens), taken[position], self.vocab)
            if role is not None:
                self.analysis.roles.extend((each, position, role) for each, _ in group)

    def _subtree(self, token: DocToken) -> Iterator[DocToken]:
        stack = [token]
        while stack:
            each = stack.pop()
            yield each
            stack.extend(self.children.get(each.id, []))

    def _last_person_before(self, offset: int) -> Ref | None:
        before = [ref for ref, tokens in self.people if tokens[0].start < offset]
        return before[-1] if before else None

    def _speaker(self, subject: DocToken) -> Ref | None:
        """The person a verb's subject names: in its words ("глава МИД Сергей Лавров"), or the
        person before it that "он", "она" stands for."""
        if subject.text.lower() in q.PRONOUNS:
            return self._last_person_before(subject.start)
        for token in self._subtree(subject):
            if token.id in self.person_by_token:
                return self.person_by_token[token.id]
        return None

    def _said_by(self, tokens: list[DocToken], before: int) -> Ref | None:
        """Who these words (outside a quotation) say spoke: the subject of a verb of saying,
        "по словам …", or a name followed by a colon; else, with a verb of saying, the one
        person they name."""
        verbs = [t for t in tokens if q.is_speech_verb(t, self.vocab)]
        for verb in verbs:
            for child in self.children.get(verb.id, []):
                if child.rel in _SUBJECTS and (speaker := self._speaker(child)) is not None:
                    return speaker
        if (speaker := self._according_to(tokens)) is not None:
            return speaker
        for i, token in enumerate(tokens[1:], 1):
            # "Песков: «…»", and a headline's "Медведев о теннисе: «…»": the name before the
            # colon, or the name the words before it open with.
            if token.text == ":" and token.stop <= before:
                for named in (tokens[i - 1], tokens[0]):
                    if named.id in self.person_by_token:
                        return self.person_by_token[named.id]
        named = {self.person_by_token[t.id] for t in tokens if t.id in self.person_by_token}
        if verbs and len(named) == 1:
            return named.pop()
        if verbs and not named and any(t.text.lower() in q.PRONOUNS for t in tokens):
            return self._last_person_before(before)
        return None

    def _position_at(self, offset: int) -> int:
        position = 0
        for i, sent in enumerate(self.doc.sents):
            if sent.start <= offset:
                position = i
        return position

    def _quotes(self) -> None:
        quoted: set[int] = set()
        for quote in q.marked_quotes(self.doc.text) + q.dash_quotes(self.doc.text):
            if not long_enough(quote.text):
                continue
            first, last = self._position_at(quote.start), self._position_at(max(quote.end - 1, quote.start))
            if quote.author is not None:
                start, stop = quote.author
                words = [t for t in self.doc.tokens if start <= t.start and t.stop <= stop]
            else:
                # The narrator's words of the sentences the quotation opens and closes in.
                words = [
                    t
                    for position in range(first, last + 1)
                    for t in self.doc.sents[position].tokens
                    if t.stop < quote.start or t.start > quote.end
                ]
            speaker = self._said_by(words, quote.start)
            if speaker is None and quote.author is None and self._ends_sentence(quote, last):
                speaker = self._attribution(last + 1)
                last += speaker is not None
            if speaker is None:
                continue
            quoted.update(range(first, last + 1))
            self.analysis.quotes.append((speaker, first, quote.text, True))
        for position, sent in enumerate(self.doc.sents):
            if position in quoted or (self.headline and position == 0):
                continue
            speaker = self._reported(sent.tokens)
            if speaker is not None:
                self.analysis.quotes.append((speaker, position, " ".join(sent.text.split()), False))

    def _ends_sentence(self, quote: q.QuoteSpan, position: int) -> bool:
        """A quotation that closes its sentence ("«…»." then "Так заявил Лавров.") may be
        attributed by the next one."""
        return self.doc.text[quote.end : self.doc.sents[position].stop].strip(" »“”.!?…") == ""

    def _attribution(self, position: int) -> Ref | None:
        """ "Так заявил Лавров.", "Об этом сообщил он.": a sentence after a quotation that says
        who spoke it, and reports nothing of its own (no "…, что …")."""
        if position >= len(self.doc.sents):
            return None
        sent = self.doc.sents[position]
        if q.marked_quotes(sent.text):
            return None
        for token in sent.tokens:
            children = self.children.get(token.id, [])
            if q.is_speech_verb(token, self.vocab) and not any(c.rel == "ccomp" for c in children):
                for child in children:
                    if child.rel in _SUBJECTS and (speaker := self._speaker(child)) is not None:
                        return speaker
        return None

    def _according_to(self, tokens: list[DocToken]) -> Ref | None:
        """ "По словам Зеленского, …": the person named after "по словам"."""
        for i, token in enumerate(tokens[1:], 1):
            if token.text.lower() == "словам" and tokens[i - 1].text.lower() == "по":
                for after in tokens[i + 1 : i + 8]:
                    if after.id in self.person_by_token:
                        return self.person_by_token[after.id]
        return None

    def _reported(self, tokens: list[DocToken]) -> Ref | None:
        """ "Песков заявил, что …", "Об этом сообщил Лавров": the subject of a verb of saying
        that governs a clause or the sentence; or "по словам Лаврова, …"."""
        if (speaker := self._according_to(tokens)) is not None:
            return speaker
        for token in tokens:
            if not q.is_speech_verb(token, self.vocab):
                continue
            children = self.children.get(token.id, [])
            if token.rel == "root" or any(child.rel in {"ccomp", "parataxis"} for child in children):
                for child in children:
                    if child.rel in _SUBJECTS and (speaker := self._speaker(child)) is not None:
                        return speaker
        return None


def analyze_russian(texts: list[str], headlines: list[bool] | None = None) -> list[Analysis]:
    """One Analysis per Russian text, in order; `headlines[i]`: text i opens with its headline."""
    flags = headlines if headlines is not None else [False] * len(texts)
    vocab = models().vocab
    # natasha's taggers keep no state between calls, but one batch at a time bounds the memory.
    # Their small matrix products run 3 to 8 times faster on one BLAS thread than on a pool
    # whose threads wait on each other (and on the other parse workers, one per core).
    with _lock, threadpool_limits(limits=1, user_api="blas"):
        docs = parse_texts(texts)
        return [_Linker(doc, flag, vocab).run() for doc, flag in zip(docs, flags, strict=True)]


def russian_analyzer() -> Callable[[list[str], list[bool]], list[Analysis]]:
    """The analyzer of Russian texts, its models loaded now (the loader in bot/nlp/analyzers.py)."""
    models()
    return analyze_russian
