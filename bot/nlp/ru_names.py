"""Russian names put in the nominative, and the capitalised words that are no names."""

from __future__ import annotations

from natasha.doc import DocSpan, DocToken
from natasha.norm import inflect_word, normal_word, recover_spaces, select_form, syntax_normalize
from natasha.shape import recover_shape

from bot.nlp.ru_models import RussianVocab

# pymorphy's marks of a proper name, and of an abbreviation ("СМИ", "МИД").
_NAMES = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad"})
_PROPER = _NAMES | {"Abbr"}
_INFLECTED = frozenset({"NOUN", "PROPN", "ADJ"})


def _nominative(token: DocToken, vocab: RussianVocab) -> str:
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
    return recover_shape(word, token.text)


def nominative(span: DocSpan, vocab: RussianVocab) -> str:
    """The span's name in the nominative: each word of a person's or a place's name
    ("с Владимиром Зеленским" -> "Владимир Зеленский"); the head of an organisation's, its
    genitives kept ("Министерства обороны" -> "Министерство обороны", natasha's way), and so
    of a place named with a common noun ("на Красной площади")."""
    if span.type == "ORG" or (span.type == "LOC" and any(t.pos in {"NOUN", "ADJ"} for t in span.tokens)):
        # "Красной площади", "бульвара Рокоссовского": the head and its adjectives, by the parse.
        return str(syntax_normalize(vocab, span.tokens))
    return str(recover_spaces([_nominative(token, vocab) for token in _agreeing(span.tokens)], span.tokens))


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
