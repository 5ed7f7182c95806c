"""Russian names put in the nominative, and the capitalised words that are no names."""

from __future__ import annotations

import re

from natasha.doc import DocSpan, DocToken
from natasha.norm import inflect_word, normal_word, recover_spaces, select_form, syntax_normalize
from natasha.shape import recover_shape

from bot.nlp.ru_models import RussianVocab

# pymorphy's marks of a proper name, and of an abbreviation ("СМИ", "МИД").
_NAMES = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad"})
_PROPER = _NAMES | {"Abbr"}
_INFLECTED = frozenset({"NOUN", "PROPN", "ADJ"})
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_CYRILLIC_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
# The endings of a masculine name of a hard stem in each oblique case ("Илона Маска", "Илону
# Маску": "Илон Маск"), for a name the dictionary does not know as a man's.
_MASCULINE_ENDINGS = {"Gen": "а", "Acc": "а", "Dat": "у", "Ins": "ом", "Loc": "е"}


def _nominative(token: DocToken, vocab: RussianVocab, confirmed: bool = False) -> str:
    """The word in the nominative. natasha inflects a word only through a reading of the
    tagger's gender and number; when there is none ("Нидерландах", "Безоса", "Никульшину"),
    a reading in the same case does, a name's first."""
    word = inflect_word(vocab, token)
    case = (token.feats or {}).get("Case")
    if token.pos not in _INFLECTED or case in {"Nom", None}:
        return recover_shape(word, token.text)
    chosen = select_form(vocab(normal_word(token.text)), token.pos, token.feats)
    if chosen is not None and "Fixd" not in chosen.tag.grammemes:
        return recover_shape(word, token.text)  # natasha's reading ("в Аравийском море": "море")
    feats = token.feats or {}
    # A male person's accusative is his genitive ("встретил Неймара"); pymorphy's guess for an
    # unknown name may call it indeclinable (Fixd), which inflects to itself.
    cases = {case, "Gen"} if case == "Acc" and feats.get("Animacy") == "Anim" else {case}
    forms = [
        form
        for form in vocab(word)
        if form.feats.get("Case") in cases and form.pos in {"NOUN", "ADJ"} and "Fixd" not in form.tag.grammemes
    ]
    gender = feats.get("Gender")
    forms.sort(key=lambda form: (not _NAMES & set(form.tag.grammemes), form.feats.get("Gender") != gender))
    for form in forms:
        inflected = form.inflect({"Nom"})
        if inflected is not None:
            return recover_shape(normal_word(inflected.word), token.text)
    # Only a word the dictionary knows otherwise ("Илона" a woman's name, "Маска" a mask), or one
    # of a name another word of which can only be in an oblique case ("Джеффа Безоса"): an unknown
    # word alone may be a woman's name in the nominative the tagger misread ("Эльсина").
    known = confirmed or vocab.word_is_known(token.text.lower())
    return recover_shape(_masculine_stem(word, feats) if known else word, token.text)


def _masculine_stem(word: str, feats: dict[str, str]) -> str:
    """A man's name the dictionary knows no reading of in its case, in the nominative by its
    ending: "Илона" (Gen; the dictionary knows only the woman's name) is "Илон", "Маску" (Dat)
    "Маск". Only a masculine singular the tagger is sure of, and a stem ending in a consonant."""
    ending = _MASCULINE_ENDINGS.get(feats.get("Case", ""))
    if feats.get("Gender") != "Masc" or feats.get("Number") == "Plur" or not ending or not word.endswith(ending):
        return word
    stem = word[: -len(ending)]
    return stem if len(stem) > 1 and stem[-1].lower() in _CYRILLIC_CONSONANTS else word


def _nominative_shape(token: DocToken) -> bool:
    """A word of a name that no oblique case but the instrumental ends in: a Cyrillic consonant
    ("Галявиев", "Гильманов"). The tagger reads some such names as genitives ("Устроивший стрельбу
    Ильназ Галявиев")."""
    case = (token.feats or {}).get("Case")
    return case in {"Gen", "Dat", "Loc"} and token.text[-1:].lower() in _CYRILLIC_CONSONANTS


def fix_cases(span: DocSpan) -> None:
    """Put right, in place, what the tagger says of the words of a person's name when the words
    themselves cannot be so: a name whose every word ends in a consonant is in the nominative."""
    if span.type != "PER" or not span.tokens:
        return
    if all(_nominative_shape(t) for t in span.tokens):
        for token in span.tokens:
            token.feats = {**token.feats, "Case": "Nom"}
    # A Cyrillic word the tagger calls foreign ("Джаника Файзиева": X) is a word of the name,
    # in the case, gender and number the name's other words show.
    tagged = next((t for t in span.tokens if t.pos == "PROPN" and (t.feats or {}).get("Case")), None)
    for token in span.tokens:
        if tagged is not None and token.pos == "X" and _CYRILLIC.search(token.text):
            token.pos, token.feats = "PROPN", dict(tagged.feats)


def split_person(span: DocSpan) -> list[DocSpan]:
    """A person's span the NER model ran together with a name before it in another case: "адвокат
    Никульшиной Мансур Гильманов" is Nikulshina's lawyer Mansur Gilmanov. The first word, in an
    oblique case, is a name of its own when the two or more after it are all nominatives."""
    tokens = span.tokens
    cases = [(t.feats or {}).get("Case") for t in tokens]
    if span.type != "PER" or len(tokens) < 3 or cases[0] in {"Nom", None} or any(c != "Nom" for c in cases[1:]):
        return [span]
    first, rest = tokens[0], tokens[1:]
    head = DocSpan(first.start, first.stop, span.type, first.text, tokens=[first])
    tail = DocSpan(rest[0].start, rest[-1].stop, span.type, span.text[rest[0].start - span.start :], tokens=rest)
    return [head, tail]


def nominative(span: DocSpan, vocab: RussianVocab) -> str:
    """The span's name in the nominative: each word of a person's or a place's name
    ("с Владимиром Зеленским" -> "Владимир Зеленский"); the head of an organisation's, its
    genitives kept ("Министерства обороны" -> "Министерство обороны", natasha's way), and so
    of a place named with a common noun ("на Красной площади")."""
    if span.type == "ORG" or (span.type == "LOC" and any(t.pos in {"NOUN", "ADJ"} for t in span.tokens)):
        # "Красной площади", "бульвара Рокоссовского": the head and its adjectives, by the parse.
        return str(syntax_normalize(vocab, span.tokens))
    confirmed = any(_only_oblique(token, vocab) for token in span.tokens)
    words = [_nominative(token, vocab, confirmed) for token in _agreeing(span.tokens)]
    return str(recover_spaces(words, span.tokens))


def _only_oblique(token: DocToken, vocab: RussianVocab) -> bool:
    """A word of a name the dictionary knows as a name in oblique cases only ("Джеффа")."""
    word = token.text.lower()
    forms = [form for form in vocab(word) if _NAMES & set(form.tag.grammemes)]
    return vocab.word_is_known(word) and bool(forms) and all(form.feats.get("Case") != "Nom" for form in forms)


def name_case(tokens: list[DocToken]) -> str | None:
    """The case of a name: the one its words show other than the nominative, if any."""
    cases = [(t.feats or {}).get("Case") for t in tokens]
    shown = [case for case in cases if case not in {"Nom", None}]
    if shown:
        return max(set(shown), key=shown.count)
    return "Nom" if "Nom" in cases else None


def _agreeing(tokens: list[DocToken]) -> list[DocToken]:
    """The words of one name share its case. The tagger reads an unknown word as a nominative
    ("с Хулуси Акаром": "Акаром" Nom); the case another word of the name shows is that word's too."""
    case = name_case(tokens)
    if case in {"Nom", None}:
        return tokens
    return [
        DocToken(t.start, t.stop, t.text, t.id, t.head_id, t.rel, t.pos, {**t.feats, "Case": case})
        if (t.feats or {}).get("Case") == "Nom"
        else t
        for t in tokens
    ]


def is_no_name(span: DocSpan, first_in_sentence: bool, vocab: RussianVocab) -> bool:
    """A common word the NER model took for a name: a "person" the tagger calls a common noun
    or adjective ("Рисунком", "Экс-советник"), or a word capitalised only because it opens the
    sentence, which the dictionary knows with no reading as a name ("Эндокринологи назвали…")."""
    if len(span.tokens) != 1:
        return False
    token = span.tokens[0]
    if span.type == "PER" and token.pos in {"NOUN", "ADJ"}:
        return True
    if not first_in_sentence or token.text.isupper():
        return False
    word = token.text.lower()
    forms = vocab(word)
    return vocab.word_is_known(word) and not any(_PROPER & set(form.tag.grammemes) for form in forms)
