"""Roles a Russian text gives a person: the words before the name ("премьер-министр России
Михаил Мишустин"), in apposition after it ("Сергей Лавров, министр иностранных дел,"), after a
dash ("Лавров — глава МИД России") or a copula ("Лавров является главой МИД").

A role is a noun for a person (animate) in the name's own case, with the adjectives that agree
with it before it and its dependents after it: genitives ("глава МИД России"), a quoted or
bracketed name ("нападающий «Вашингтона»"), "по …" ("представитель ЕС по иностранным делам"),
a second post joined by "и" ("певец и музыкант"). A role read in another case ("с президентом
Белоруссии Александром Лукашенко") is put in the nominative.

Also: phrases with "от", "на", "при", "с" ("депутат Госдумы от Единой России"); two dependents
joined by "и" ("министр труда и соцзащиты"); posts listed with commas before a name, each a role;
the nearest noun for a person when a longer window reads as no one role ("портрет маршала
Георгия Жукова": "маршал"); ", занимающий пост губернатора области" after a name; a plural post
before a list of names, in the singular for each ("Вратари Игорь Шестеркин и Александр
Георгиев")."""

from __future__ import annotations

from collections.abc import Iterator

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
# Words inside a role: "представитель ЕС по внешней политике", "посол России в США", "депутат
# Госдумы от Единой России", "представитель США на конференции", "посол при ООН", "директор по
# связям с общественностью", "певец и музыкант", "директор школы № 5".
_HOLDING = ("занима", "назначенн", "назначен", "избранн", "избран")
# Heads of a post that are no nouns: "врио губернатора" (indeclinable), "исполняющий обязанности
# губернатора" (a participle).
_ACTING = frozenset({"врио"})
_PREPOSITIONS = frozenset({"по", "в", "во", "на", "от", "при", "с", "со"})
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
    readings = [
        form
        for form in vocab(token.text.lower())
        if form.feats.get("Number", "Sing") == feats.get("Number", "Sing")
        and (form.pos == token.pos or (token.pos == "PROPN" and form.pos == "NOUN"))
    ]
    forms = [form for form in readings if form.feats.get("Case") == case]
    if not forms and case in {"Acc", "Gen"}:
        # The tagger mistakes one for the other ("Экс-главу" tagged a genitive); see _agrees.
        forms = [form for form in readings if form.feats.get("Case") in {"Acc", "Gen"}]
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
    words = [
        _nominative(t, vocab) if i <= head and case not in {"Nom", None} and t.text.lower() not in _ACTING else t.text
        for i, t in enumerate(tokens)
    ]
    # A second post joined by "и" is in the head's case too ("певцом и музыкантом"); a second
    # noun that is no post ends the role before the "и" ("певица и мать троих детей": "певица").
    for i in range(head + 2, len(tokens)):
        if tokens[i - 1].text == "и" and tokens[i].pos == "NOUN" and _case(tokens[i]) == _case(tokens[head]):
            if _lemma(tokens[i], vocab) in _NOT_ROLES:
                tokens, words = tokens[: i - 1], words[: i - 1]
                break
            words[i] = _nominative(tokens[i], vocab) if case not in {"Nom", None} else tokens[i].text
    first = tokens[0]
    # "Премьер-министр России" opens a sentence; the post is "премьер-министр России" (but
    # "IT-директор" keeps its capitals).
    if (
        (first.pos == "NOUN" or _adjective(first) or head == 0)
        and words[0][:1].isupper()
        and not words[0][:2].isupper()
    ):
        words[0] = words[0][:1].lower() + words[0][1:]
    return str(recover_spaces(words, tokens))


def _head_at(tokens: list[DocToken], case: str | None, vocab: RussianVocab) -> int | None:
    """The first noun for a person in the name's case."""
    return next(_heads(tokens, case, vocab), None)


def _heads(tokens: list[DocToken], case: str | None, vocab: RussianVocab) -> Iterator[int]:
    """Each noun for a person in the name's case, in order."""
    for i, token in enumerate(tokens):
        feats = token.feats or {}
        # A name with no case (in Latin letters) takes its role in the nominative; a plural
        # ("губернаторы региона Андрей Ищенко и …") is of a list, not of this name.
        agrees = _agrees(feats.get("Case"), case or "Nom") and feats.get("Number") != "Plur"
        # The tagger reads a post opening a sentence before a name as a proper name ("Министр Лавров").
        opens = i == 0 or tokens[i - 1].text.lower() in {"и", ","}
        noun = token.pos == "NOUN" or (opens and token.pos == "PROPN" and _common_noun(token, vocab))
        if noun and _animate(token, vocab) and agrees and _may_be(token, feats.get("Case"), vocab):
            yield i
        elif token.text.lower() in _ACTING or (_acting(tokens, i) and agrees):
            yield i
        elif token.pos == "X" and case in {"Nom", None} and _foreign_post(token, vocab):
            yield i


def _acting(tokens: list[DocToken], i: int) -> bool:
    """ "исполняющий обязанности": a participle of "исполнять" before "обязанности"."""
    return (
        tokens[i].text.lower().startswith("исполняющ")
        and i + 1 < len(tokens)
        and tokens[i + 1].text.lower() == "обязанности"
    )


def _animate(token: DocToken, vocab: RussianVocab) -> bool:
    """A noun for a person. The tagger calls some inanimate ("посланница Молдавии"); the
    dictionary, which knows every reading of the word, has the last word."""
    if (token.feats or {}).get("Animacy") == "Anim":
        return True
    forms = [form for form in vocab(token.text.lower()) if form.pos == "NOUN"]
    return bool(forms) and all(form.feats.get("Animacy") == "Anim" for form in forms)


def _foreign_post(token: DocToken, vocab: RussianVocab) -> bool:
    """A post written with a Latin prefix, which the tagger leaves foreign: "IT-директор",
    "PR-менеджер", its last part a person's noun in the nominative."""
    prefix, _, word = token.text.rpartition("-")
    if not prefix or not prefix.isascii() or not word:
        return False
    return any(
        form.pos == "NOUN" and form.feats.get("Animacy") == "Anim" and form.feats.get("Case") == "Nom"
        for form in vocab(word.lower())
    )


def _may_be(token: DocToken, case: str | None, vocab: RussianVocab) -> bool:
    """Whether the dictionary allows the tagger's case: "сыграла злодейку Круэллу" is tagged
    as a nominative, which "злодейку" never is."""
    word = token.text.lower()
    # The accusative and the genitive are one form of a person's noun (see _agrees).
    cases = {"Acc", "Gen"} if case in {"Acc", "Gen"} else {case}
    return not vocab.word_is_known(word) or any(form.feats.get("Case") in cases for form in vocab(word))


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
    if after and (after[-1].text.lower() in _LINKS or (after[-1].text in _OPENERS and after[-1].text not in _BRACKETS)):
        return False
    depth = 0
    linked = False  # after "по" or "в": its words take the preposition's case
    for i, token in enumerate(after, head + 1):
        if depth and token.text in _BRACKETS:
            depth -= 1
        elif token.text in _OPENERS:
            depth += 1
        elif depth or _fixed(token) or token.pos == "X" or _inner_dot(tokens, i):
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
                if not _joins_dependents(tokens, i):
                    return False
        elif linked and (token.pos == "NOUN" or _adjective(token)):
            continue
        elif token.pos == "NOUN" and _case(token) == _case(tokens[head]):
            # A second person's noun in the head's case, not a genitive, is a post of its own,
            # the one nearer the name ("основатель Tesla миллиардер Илон Маск": "миллиардер").
            second = tokens[i - 1].text.lower() == "и"  # "певец и музыкант", checked at "и"
            if not second and _case(token) != "Gen" and (token.feats or {}).get("Animacy") == "Anim":
                return False
        elif not _descends(token, tokens[head], tokens):
            return False
    return depth == 0


def _joins_dependents(tokens: list[DocToken], at: int) -> bool:
    """Whether the "и" at tokens[at] joins two dependents of one post ("министр труда и
    соцзащиты", "актер театра и кино", "игрок «Манчестер Юнайтед» и «Реала»", "основатель Tesla
    и SpaceX"): fixed words on both sides, the second no animate noun, which would open a post of
    its own, maybe another person's ("министра обороны и главы МИД")."""
    if at + 1 >= len(tokens):
        return False
    before, after = tokens[at - 1], tokens[at + 1]
    return (
        (_fixed(before) or before.pos == "X")
        and (_fixed(after) or after.pos == "X")
        and not (after.pos == "NOUN" and (after.feats or {}).get("Animacy") == "Anim")
    )


def _inner_dot(tokens: list[DocToken], at: int) -> bool:
    """A full stop inside a word written without spaces ("Sportbox.ru", "Mail.ru")."""
    return (
        tokens[at].text == "."
        and 0 < at < len(tokens) - 1
        and tokens[at - 1].stop == tokens[at].start
        and tokens[at + 1].start == tokens[at].stop
        and tokens[at - 1].text[-1:].isalnum()
        and tokens[at + 1].text[:1].isalnum()
    )


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


def _window_start(sent: list[DocToken], start: int, taken: set[int]) -> int:
    """Where the words that may hold a role before sent[start] begin."""
    first, words = start, 0
    while first > 0 and words < MAX_ROLE_WORDS + 2 and first - 1 not in taken:
        previous = sent[first - 1]
        opened = _back_over_brackets(sent, first)
        if opened < first - 1 and not taken & set(range(opened, first)):
            first, words = opened, words + 1
        elif (
            _is_word(previous)
            or previous.text.lower() in _LINKS
            or previous.pos == "NUM"
            or _inner_dot(sent, first - 1)
        ):
            first, words = first - 1, words + 1
        else:
            break
    return first


def list_role(sent: list[DocToken], start: int, case: str | None, taken: set[int], vocab: RussianVocab) -> str | None:
    """The post in the plural before a list of names that starts at sent[start] ("Вратари Игорь
    Шестеркин и Александр Георгиев"), in the singular nominative: each of them holds it. Not
    where the post's words join two ("президенты России и Белоруссии": whose is which?)."""
    window = sent[_window_start(sent, start, taken) : start]
    for head, token in enumerate(window):
        feats = token.feats or {}
        if not (
            token.pos == "NOUN"
            and feats.get("Number") == "Plur"
            and _animate(token, vocab)
            and _agrees(feats.get("Case"), case or "Nom")
        ):
            continue
        if any(t.text.lower() in {"и", ","} for t in window[head + 1 :]) or not _dependents_fit(window, head):
            continue
        begin = _adjectives_before(window, head)
        if _lemma(token, vocab) in _NOT_ROLES:
            return None
        words = [_singular(t, vocab) for t in window[begin : head + 1]] + [t.text for t in window[head + 1 :]]
        if words[0][:1].isupper() and not words[0][:2].isupper():
            words[0] = words[0][:1].lower() + words[0][1:]
        return str(recover_spaces(words, window[begin:]))
    return None


def _singular(token: DocToken, vocab: RussianVocab) -> str:
    """A plural noun or adjective in the singular nominative ("российские вратари": "российский
    вратарь"); an adjective in the masculine, the gender a post's noun has for anyone."""
    grams = {"Nom", "Sing"} | ({"Masc"} if token.pos != "NOUN" else set())
    for form in vocab(token.text.lower()):
        if form.feats.get("Number") == "Plur" and (form.pos == token.pos or _adjective(token)):
            inflected = form.inflect(grams)
            if inflected is not None:
                return recover_shape(inflected.word, token.text)
    return token.text


def roles_before(sent: list[DocToken], start: int, case: str | None, taken: set[int], vocab: RussianVocab) -> list[str]:
    """The roles in the words just before the name starting at sent[start], nearest first: one,
    or posts listed with commas ("Действующий мэр Лондона, кандидат от Лейбористской партии Садик
    Хан": both). `taken`: indexes of tokens that belong to people's names (a role never runs
    into another name)."""
    window, roles = sent[_window_start(sent, start, taken) : start], []
    while window:
        found = _last_role(window, sent[start], case, vocab)
        if found is None and (joined := _no_post_after_and(window, case, vocab)) is not None:
            window = window[:joined]
            continue
        if found is None:
            break
        begin, role = found
        roles.append(role)
        if begin < 2 or window[begin - 1].text != ",":
            break
        window = window[: begin - 1]
    return roles


def _no_post_after_and(window: list[DocToken], case: str | None, vocab: RussianVocab) -> int | None:
    """Where the "и" is that joins a post to a description that is no post, of the same person:
    "Основатель Amazon и самый богатый человек в мире Джефф Безос" (the role: "основатель Amazon")."""
    joins = [i for i, token in enumerate(window) if token.text.lower() == "и"]
    if not joins or joins[-1] < 2:
        return None
    at = joins[-1]
    tail = window[at + 1 :]
    head = _head_at(tail, case, vocab)
    if head is None or _lemma(tail[head], vocab) not in _NOT_ROLES or not all(map(_adjective, tail[:head])):
        return None
    return at if _dependents_fit(tail, head) else None


def role_before(sent: list[DocToken], start: int, case: str | None, taken: set[int], vocab: RussianVocab) -> str | None:
    """The nearest role before the name (roles_before's first)."""
    return next(iter(roles_before(sent, start, case, taken, vocab)), None)


def _adjectives_before(window: list[DocToken], head: int) -> int:
    """Where the adjectives agreeing with the head before it begin, two joined by "и" too
    ("американский и канадский актер")."""
    begin = head

    def agrees(i: int) -> bool:
        return i >= 0 and _adjective(window[i]) and _case(window[i]) == _case(window[head])

    while True:
        if agrees(begin - 1):
            begin -= 1
        elif begin < head and window[begin - 1 : begin] and window[begin - 1].text.lower() == "и" and agrees(begin - 2):
            begin -= 2
        else:
            return begin


def _last_role(window: list[DocToken], name: DocToken, case: str | None, vocab: RussianVocab) -> tuple[int, str] | None:
    """The role the window ends with, and where it begins. From the first noun for a person in
    the name's case whose words run to the window's end as one role, the longest first:
    "министр обороны и глава МИД Сергей Лавров" gives "глава МИД" when the whole is no one role,
    "портрет маршала Георгия Жукова" gives "маршал"."""
    for head in _heads(window, case, vocab):
        if _apposed_last(window, head, case):
            continue
        begin = _adjectives_before(window, head)
        if _dependents_fit(window, head) and not _owned(name, window, head):
            # A relative's noun whose words run to the name is the end of it: "жену президента
            # Марину Иванову" names the president's wife, whose post it does not say.
            role = _role_text(window[begin:], head - begin, case, vocab)
            return None if role is None else (begin, role)
    return None


def _apposed_last(window: list[DocToken], head: int, case: str | None) -> bool:
    """Whether the word just before the name is a person's noun in the name's case, apart from
    the head by other words: a second post, the one the name is in apposition to ("основателя
    компаний Tesla и SpaceX миллиардера Илона Маска": "миллиардер"). Right after the head it is
    the head's genitive ("заместителя министра Сергея Рябкова")."""
    last = window[-1]
    between = {t.text.lower() for t in window[head + 1 : -1]}
    # "певец и музыкант" is one role; "исполнитель в стиле ритм-н-блюз" has its words after "в".
    return (
        head < len(window) - 2
        and window[-2].text.lower() != "и"
        and not between & _PREPOSITIONS
        and last.pos == "NOUN"
        and (last.feats or {}).get("Animacy") == "Anim"
        and _agrees(_case(last), case or "Nom")
        and (last.feats or {}).get("Number") != "Plur"
    )


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
            token.text == ","
            or not (_is_word(token) or token.text.lower() in _LINKS or token.pos == "NUM" or _inner_dot(sent, stop))
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


def _held_post(sent: list[DocToken], at: int) -> int | None:
    """Where the post begins after "Иван Белозерцев, занимавший пост губернатора области" (or
    "назначенный на должность", "избранный на пост"): a participle of holding or of taking a post
    (not of seeking one), "пост" or "должность", then the post in the genitive."""
    verb = sent[at] if at < len(sent) else None
    if verb is None or (verb.feats or {}).get("VerbForm") != "Part" or not verb.text.lower().startswith(_HOLDING):
        return None
    at += 1
    if at < len(sent) and sent[at].text.lower() == "на":
        at += 1
    if at + 1 < len(sent) and sent[at].text.lower() in {"пост", "должность"}:
        return at + 1
    return None


def role_after(sent: list[DocToken], end: int, case: str | None, taken: set[int], vocab: RussianVocab) -> str | None:
    """The role after the name that ends before sent[end]: in apposition (", министр иностранных
    дел,"), after a dash ("Лавров — глава МИД России."), a copula's ("Лавров является главой
    МИД", in the instrumental), or the post one holds (", занимающий пост главы МИД")."""
    if end >= len(sent):
        return None
    following = sent[end].text
    if following == "," and (post := _held_post(sent, end + 1)) is not None:
        return _role_from(sent, post, "Gen", taken, vocab)
    if following == ",":
        return _role_from(sent, end + 1, case or "Nom", taken, vocab)
    if following in _DASHES and case in {"Nom", None}:
        # "Песков — о параде" says what someone spoke of, no role: a role after a dash is a noun phrase.
        return _role_from(sent, end + 1, "Nom", taken, vocab)
    if following.lower() in _COPULAS and case in {"Nom", None}:
        return _role_from(sent, end + 1, "Ins", taken, vocab)
    return None
