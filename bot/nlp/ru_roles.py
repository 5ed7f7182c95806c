"""Roles a Russian text gives a person: the words before the name ("премьер-министр России
Михаил Мишустин"), in apposition after it ("Сергей Лавров, министр иностранных дел,"), after a
dash ("Лавров — глава МИД России") or a copula ("Лавров является главой МИД").

A role is a noun for a person (animate) in the name's own case, with the adjectives that agree
with it before it and its dependents after it: genitives ("глава МИД России"), a quoted or
bracketed name ("нападающий «Вашингтона»"), "по …" ("представитель ЕС по иностранным делам"),
a second post joined by "и" ("певец и музыкант"). A role read in another case ("с президентом
Белоруссии Александром Лукашенко") is put in the nominative."""

from __future__ import annotations

from natasha.doc import DocToken
from natasha.norm import inflect_word, normal_word, recover_spaces
from natasha.shape import recover_shape

from bot.nlp.ru_models import RussianVocab

MAX_ROLE_WORDS = 10
_WORDS = frozenset({"NOUN", "ADJ", "PROPN", "X"})  # X: a foreign word ("участница Pussy Riot")
# Who someone is, or is to another, rather than a post ("мужчина", "его брат"), by lemma.
_NOT_ROLES = frozenset(
    """человек мужчина женщина парень девушка мальчик девочка ребенок ребёнок житель жительница
    сын дочь жена муж супруг супруга отец мать брат сестра вдова друг подруга коллега соперник
    соперница""".split()
)
_CLOSERS = frozenset({",", ".", ";", "—", "–", ")", "!", "?", ":"})
_DASHES = frozenset({"—", "–", "-"})
_COPULAS = frozenset({"является", "являлся", "являлась", "являются", "являющийся", "являющаяся", "был", "была"})
_BRACKETS = {"»": "«", "“": "„", '"': '"', ")": "("}
_OPENERS = {opener: closer for closer, opener in _BRACKETS.items()}
_NAME_MARKS = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
# Words inside a role: "представитель ЕС по внешней политике", "посол России в США", "певец и
# музыкант", "директор школы № 5".
_PREPOSITIONS = frozenset({"по", "в", "во"})
_LINKS = _PREPOSITIONS | {"и", "№", ","}


def _case(token: DocToken) -> str | None:
    return (token.feats or {}).get("Case")


def _adjective(token: DocToken) -> bool:
    """An adjective, or a participle used as one ("действующий чемпион")."""
    return token.pos == "ADJ" or (token.pos == "VERB" and (token.feats or {}).get("VerbForm") == "Part")


def _is_word(token: DocToken) -> bool:
    return token.pos in _WORDS or _adjective(token)


def _agrees(case: str | None, name_case: str) -> bool:
    """The tagger tells an animate accusative from a genitive by context only, and often wrongly
    ("назначил заместителя министра Сергея Рябкова": Acc, then Gen); they are one form."""
    return case == name_case or {case, name_case} == {"Acc", "Gen"}


def _fixed(token: DocToken) -> bool:
    """A dependent that keeps its form in any case of the role: a genitive ("России"), a word
    the tagger gives no case ("МИД", "UFC"), or punctuation of a quoted or bracketed name."""
    return (_is_word(token) and _case(token) in {"Gen", None}) or token.text in _BRACKETS or token.text in _OPENERS


def _nominative(token: DocToken, vocab: RussianVocab) -> str:
    """The word in the nominative, its number and gender kept. natasha inflects through the
    reading of the tagger's gender, which a noun of common gender lacks ("главой": "глава");
    the dictionary's readings in the same case do, the likeliest first."""
    feats = token.feats or {}
    case = feats.get("Case")
    if case in {"Nom", None}:
        return token.text
    forms = [
        form
        for form in vocab(token.text.lower())
        if form.pos == token.pos
        and form.feats.get("Case") == case
        and form.feats.get("Number", "Sing") == feats.get("Number", "Sing")
    ]
    # The tagger's gender first; then the likeliest; then, at a tie, the common adjective in
    # -ый/-ий over a rare one in -ой ("временным": "временный", not "временной").
    forms.sort(
        key=lambda f: (f.feats.get("Gender") not in {feats.get("Gender"), None}, -f.score, f.normal.endswith("ой"))
    )
    for form in forms:
        inflected = form.inflect({"Nom"})
        if inflected is not None:
            return recover_shape(normal_word(inflected.word), token.text)
    return recover_shape(inflect_word(vocab, token), token.text)


def _lemma(token: DocToken, vocab: RussianVocab) -> str:
    return _nominative(token, vocab).lower().replace("ё", "е")


def _role_text(tokens: list[DocToken], head: int, case: str | None, vocab: RussianVocab) -> str | None:
    """The role's words, its head and the adjectives before it in the nominative."""
    if not tokens or sum(_is_word(t) for t in tokens) > MAX_ROLE_WORDS:
        return None
    if _lemma(tokens[head], vocab) in _NOT_ROLES:
        return None
    words = [_nominative(t, vocab) if i <= head and case not in {"Nom", None} else t.text for i, t in enumerate(tokens)]
    # A second post joined by "и" is in the head's case too ("певцом и музыкантом").
    for i in range(head + 2, len(tokens)):
        if tokens[i - 1].text == "и" and tokens[i].pos == "NOUN" and _case(tokens[i]) == _case(tokens[head]):
            words[i] = _nominative(tokens[i], vocab) if case not in {"Nom", None} else tokens[i].text
    first = tokens[0]
    # "Премьер-министр России" opens a sentence; the post is "премьер-министр России".
    if (first.pos == "NOUN" or _adjective(first) or head == 0) and words[0][:1].isupper() and not words[0].isupper():
        words[0] = words[0][:1].lower() + words[0][1:]
    return str(recover_spaces(words, tokens))


def _head_at(tokens: list[DocToken], case: str | None, vocab: RussianVocab) -> int | None:
    """The first noun for a person in the name's case."""
    for i, token in enumerate(tokens):
        feats = token.feats or {}
        # A name with no case (in Latin letters) takes its role in the nominative; a plural
        # ("губернаторы региона Андрей Ищенко и …") is of a list, not of this name.
        agrees = _agrees(feats.get("Case"), case or "Nom") and feats.get("Number") != "Plur"
        # The tagger reads a post opening a sentence before a name as a proper name ("Министр Лавров").
        noun = token.pos == "NOUN" or (i == 0 and token.pos == "PROPN" and _common_noun(token, vocab))
        if noun and feats.get("Animacy") == "Anim" and agrees and _may_be(token, feats.get("Case"), vocab):
            return i
    return None


def _may_be(token: DocToken, case: str | None, vocab: RussianVocab) -> bool:
    """Whether the dictionary allows the tagger's case: "сыграла злодейку Круэллу" is tagged
    as a nominative, which "злодейку" never is."""
    word = token.text.lower()
    return not vocab.word_is_known(word) or any(form.feats.get("Case") == case for form in vocab(word))


def _common_noun(token: DocToken, vocab: RussianVocab) -> bool:
    """A capitalised word the dictionary knows only as a common noun."""
    forms = vocab(token.text.lower())
    return bool(forms) and all(f.pos == "NOUN" and not _NAME_MARKS & set(f.tag.grammemes) for f in forms)


def _descends(token: DocToken, head: DocToken, tokens: list[DocToken]) -> bool:
    """Whether the parse attaches `token` under `head` within these tokens."""
    by_id = {t.id: t for t in tokens}
    seen = set()
    while token.head_id in by_id and token.id not in seen:
        seen.add(token.id)
        token = by_id[token.head_id]
        if token is head:
            return True
    return False


def _same_noun(token: DocToken, head: DocToken) -> bool:
    return token.pos == "NOUN" and (token.feats or {}).get("Animacy") == "Anim" and _case(token) == _case(head)


def _dependents_fit(tokens: list[DocToken], head: int) -> bool:
    """The words after the head depend on it: genitives and fixed words, a quoted or bracketed
    name, "по" and its words, a second post after "и", or words the parse puts under the head."""
    after = tokens[head + 1 :]
    if after and (after[-1].text.lower() in _LINKS or after[-1].text in _OPENERS):
        return False
    depth = 0
    linked = False  # after "по" or "в": its words take the preposition's case
    for i, token in enumerate(after, head + 1):
        if depth and token.text in _BRACKETS:
            depth -= 1
        elif token.text in _OPENERS:
            depth += 1
        elif depth or _fixed(token) or token.pos == "X":
            continue
        elif token.text.lower() in _PREPOSITIONS:
            linked = True
        elif token.text == "№" or (token.pos == "NUM" and tokens[i - 1].text == "№"):
            continue
        elif token.text == ",":
            if not linked:  # "комитета по информационной политике, технологиям и связи" only
                return False
        elif token.text.lower() == "и":
            # "политике и политике безопасности" within "по …"; else two posts of one person
            # ("певец и музыкант"), never a second person's ("президент России и премьер Японии").
            if not linked and not (i - 1 == head and _same_noun(tokens[i + 1], tokens[head])):
                return False
        elif linked and (token.pos == "NOUN" or _adjective(token)):
            continue
        elif token.pos == "NOUN" and _case(token) == _case(tokens[head]):
            continue
        elif not _descends(token, tokens[head], tokens):
            return False
    return depth == 0


def _back_over_brackets(sent: list[DocToken], at: int) -> int:
    """Where a quoted or bracketed name ending at sent[at - 1] opens, or `at` if it is none."""
    closer = sent[at - 1].text
    if closer not in _BRACKETS:
        return at
    opener = _BRACKETS[closer]
    for i in range(at - 2, max(at - 2 - MAX_ROLE_WORDS, -1), -1):
        if sent[i].text == opener:
            return i
    return at


def role_before(sent: list[DocToken], start: int, case: str | None, taken: set[int], vocab: RussianVocab) -> str | None:
    """The role in the words just before the name starting at sent[start]; `taken`: indexes of
    tokens that belong to people's names (a role never runs into another name)."""
    first, words = start, 0
    while first > 0 and words < MAX_ROLE_WORDS + 2 and first - 1 not in taken:
        previous = sent[first - 1]
        opened = _back_over_brackets(sent, first)
        if opened < first - 1 and not taken & set(range(opened, first)):
            first, words = opened, words + 1
        elif _is_word(previous) or previous.text.lower() in _LINKS or previous.pos == "NUM":
            first, words = first - 1, words + 1
        else:
            break
    # The words after an "и" alone, when the whole does not read as one role ("министр обороны и
    # глава МИД Сергей Лавров": "глава МИД").
    cuts = [first] + [i + 1 for i in range(first, start) if sent[i].text.lower() in {"и", ","}]
    for cut in cuts:
        window = sent[cut:start]
        head = _head_at(window, case, vocab)
        if head is None:
            continue
        begin = head
        while begin > 0 and _adjective(window[begin - 1]) and _case(window[begin - 1]) == _case(window[head]):
            begin -= 1
        if _dependents_fit(window, head) and not _owned(sent[start], window, head):
            return _role_text(window[begin:], head - begin, case, vocab)
    return None


def _owned(name: DocToken, window: list[DocToken], head: int) -> bool:
    """Whether the parse makes the name a genitive of another word of the window, not the role's
    bearer: "члена банды Шамиля Басаева и …" names a member of Basayev's gang."""
    owner = next((t for t in window if t.id == name.head_id), None)
    return (
        owner is not None
        and owner is not window[head]
        and name.rel == "nmod"
        and (owner.feats or {}).get("Animacy") == "Inan"
    )


def _role_from(sent: list[DocToken], begin: int, case: str, taken: set[int], vocab: RussianVocab) -> str | None:
    """A role that sent[begin] opens and a comma, a full stop or a dash closes: adjectives, then
    its head in `case`, then its dependents."""
    stop, depth = begin, 0
    while stop < len(sent) and stop not in taken and stop - begin < MAX_ROLE_WORDS + 4:
        token = sent[stop]
        if depth and token.text in _BRACKETS:
            depth -= 1
        elif token.text in _OPENERS:
            depth += 1
        elif not depth and (
            token.text == "," or not (_is_word(token) or token.text.lower() in _LINKS or token.pos == "NUM")
        ):
            break
        stop += 1
    if depth or (stop < len(sent) and sent[stop].text not in _CLOSERS):
        return None
    window = sent[begin:stop]
    head = _head_at(window, case, vocab)
    if head is None or not all(map(_adjective, window[:head])) or not _dependents_fit(window, head):
        return None
    return _role_text(window, head, case, vocab)


def role_after(sent: list[DocToken], end: int, case: str | None, taken: set[int], vocab: RussianVocab) -> str | None:
    """The role after the name that ends before sent[end]: in apposition (", министр иностранных
    дел,"), after a dash ("Лавров — глава МИД России."), or a copula's ("Лавров является главой
    МИД", in the instrumental)."""
    if end >= len(sent):
        return None
    following = sent[end].text
    if following == ",":
        return _role_from(sent, end + 1, case or "Nom", taken, vocab)
    if following in _DASHES and case in {"Nom", None}:
        # "Песков — о параде" says what someone spoke of, no role: a role after a dash is a noun phrase.
        return _role_from(sent, end + 1, "Nom", taken, vocab)
    if following.lower() in _COPULAS and case in {"Nom", None}:
        return _role_from(sent, end + 1, "Ins", taken, vocab)
    return None
