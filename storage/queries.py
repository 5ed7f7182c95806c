"""The questions the bot asks the store; each one a few indexed queries."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

from sqlalchemy import Integer, Select, func, or_, select, text, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Subquery

from domain.entities import Cited, EntityHit, Profile, Resolution, RoleSupport
from domain.given_names import adds_middle_names, has_variants, same_bearer
from domain.names import query_key
from domain.roles import english_markers, is_affiliation, is_coworker, names_post_of, narrows, post_word, shorter_forms
from storage.models import Alias, Article, Entity, Mention, Quote, Role, Sentence, _Evidence

RELATED_WINDOW = 500  # recent mentions considered for "appears with"
SEPARATE_RANGES = 64  # entities read one index range each; more (rare) are read as one IN list


def _newest(
    model: type[_Evidence],
    ids: list[int],
    limit: int,
    columns: tuple[ColumnElement, ...] = (),  # type: ignore[type-arg]
    order: tuple[ColumnElement, ...] = (),  # type: ignore[type-arg]
) -> Subquery:
    """The entities' evidence rows (these columns, else all) newest first (or in `order`), at most
    `limit` per entity: one ordered index range each. `entity_id IN (...) ORDER BY published_at
    LIMIT n` reads and sorts all their rows, a cost that grows with the store."""
    order = order or (model.published_at.desc(),)
    columns = columns or tuple(model.__table__.columns)  # type: ignore[attr-defined]
    if len(ids) > SEPARATE_RANGES:
        return select(*columns).where(model.entity_id.in_(ids)).order_by(*order).limit(limit).subquery()
    parts = [select(*columns).where(model.entity_id == id_).order_by(*order).limit(limit).subquery() for id_ in ids]
    return union_all(*(select(part) for part in parts)).subquery()


async def _hits(session: AsyncSession, condition, since: datetime | None = None) -> list[EntityHit]:  # type: ignore[no-untyped-def]
    """Entities matching condition, with their article counts (all time, and since `since`):
    the entities first (by index) with the counts the write path keeps in their rows, then
    their articles since `since` (one index range each, as long as that period is)."""
    entities = list(
        await session.execute(
            select(Entity.id, Entity.name, Entity.kind, Entity.key, Entity.article_count, Entity.last_seen)
            .where(condition)
            .limit(50)
        )
    )
    entities = [e for e in entities if e.article_count]
    if not entities:
        return []
    recent: dict[int, int] = {}
    if since is not None:
        # DISTINCT in a subquery, not count(DISTINCT ...): PostgreSQL hashes the one and sorts the
        # other; both read only the (entity_id, published_at, article_id) index.
        per_article = (
            select(Mention.entity_id, Mention.article_id)
            .where(Mention.entity_id.in_([e.id for e in entities]), Mention.published_at >= since)
            .distinct()
            .subquery()
        )
        counted = select(per_article.c.entity_id, func.count()).group_by(per_article.c.entity_id)
        recent = {entity_id: articles for entity_id, articles in await session.execute(counted)}
    hits = [
        EntityHit(e.id, e.name, e.kind, e.key, e.article_count, e.last_seen, recent=recent.get(e.id, 0))
        for e in entities
    ]
    return sorted(hits, key=lambda h: -h.articles)


# Prominence: which of several entities sharing a name a reader means. Decided from the store's
# own evidence, never from a list of names (see `prominent`).
DOMINANCE = 3  # the leader needs this many times the articles of the runner-up...
RECENT_DAYS = 30  # ...and must not be outnumbered in the store's latest month
RECENT_FLOOR = 3  # by a runner-up with at least this many articles in it
VARIANT_SHARE = 0.1  # a given-name variant folds into a name with ten times its articles (or its 2 at most)


def prominent(hits: list[EntityHit]) -> EntityHit | None:
    """The one entity a reader means among hits sharing a name, or None when two or more are
    comparably prominent (then the user chooses).

    The rule: rank by articles (distinct articles that mention the entity, a bare surname the
    store links to it included). The leader is the one meant when it has at least DOMINANCE (3)
    times the articles of the runner-up, and the runner-up does not lead the store's latest
    RECENT_DAYS (30) days with at least RECENT_FLOOR (3) articles there (a name that has changed
    hands lately is a choice). "Blair": Tony Blair 77 articles against Ian Blair's 3 is answered;
    two England rugby Robinsons with 14 and 7 articles of the same season are a choice. A bare
    surname left beside the full names (see `_merge`) never wins: it is a choice too."""
    if len(hits) < 2:
        return hits[0] if hits else None
    leader, runner_up = sorted(hits, key=lambda h: (-h.articles, -h.recent))[:2]
    if leader.articles < DOMINANCE * runner_up.articles:
        return None
    # A bare surname still standing beside full names is one the store could not link to any
    # of them (comparable bearers): whose it is, only the user can say.
    if leader.kind == "PERSON" and " " not in leader.key:
        if any(h.kind == "PERSON" and h.key.endswith(" " + leader.key) for h in hits):
            return None
    if runner_up.recent > leader.recent and runner_up.recent >= RECENT_FLOOR:
        return None
    return leader


def _fold(into: EntityHit, hit: EntityHit, surname: bool = False) -> None:
    into.same_key_ids += [hit.id, *hit.same_key_ids]
    into.surname_ids += [hit.id, *hit.same_key_ids] if surname else hit.surname_ids
    into.articles += hit.articles
    into.recent += hit.recent
    into.last_seen = max((d for d in (into.last_seen, hit.last_seen) if d), default=None)


def person_key(key: str) -> str:
    """A person's key with accents, middle initials and hyphens gone: "Nicolás Maduro", "Andrew M.
    Cuomo" and "Andrew Cuomo", "Kim Jong-un" and "Kim Jong Un" are written differently by
    different outlets, but are one name."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    plain = plain.replace("-", " ")
    words = plain.split(" ")
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w.rstrip(".")) > 1), words[-1]]
    return " ".join(words)


def _merge(hits: list[EntityHit], written: dict[int, dict[int, set[int]]] | None = None) -> list[EntityHit]:
    """One hit per name, however written: the same name tagged GPE here and ORG there, a
    person's name with or without accents and middle initials, or with a word the model took in
    before it ("Briton Tim Henman"). Then a bare surname ("Blair", "Mr Blair" in an article that
    never gives the full name) folded into the full name it abbreviates: the one bearer, or the
    prominent one among several. The folds are made at query time, so a later article that
    brings the evidence re-links them. `written`: per one-word non-person hit, the full names
    of its surname's bearers each of its articles writes (see `_full_names_written`)."""
    by_key: dict[str, EntityHit] = {}
    for hit in sorted(hits, key=lambda h: -h.articles):
        key = person_key(hit.key) if hit.kind == "PERSON" else hit.key
        first = by_key.get(key) or by_key.get(hit.key)
        if first is None:
            by_key[key] = hit
        else:
            _fold(first, hit)
    people = _fold_middle_names(_fold_tails(_fold_initials(_fold_given_names(list(by_key.values())))))
    return _fold_surnames(people, written or {})


def _fold_given_names(hits: list[EntityHit]) -> list[EntityHit]:
    """One person under two spellings of the given name ("Джо Байден", "Джозеф Байден"), folded
    into the better covered, as domain/given_names.py's rule allows, and only when the variant is
    rare beside it (at most VARIANT_SHARE of its articles, or 2): two well-covered names are two
    people ("Mike Johnson" and "Michael Johnson"), whatever their given names."""
    people: dict[str, list[EntityHit]] = defaultdict(list)  # by surname: only those pairs are compared
    for hit in hits:
        if hit.kind == "PERSON" and " " in hit.key and has_variants(hit.key):
            people[person_key(hit.key).rsplit(" ", 1)[1]].append(hit)
    folded: set[int] = set()
    for bearers in people.values():
        if len(bearers) < 2:
            continue
        names = [h.key for h in bearers]
        kept: list[EntityHit] = []
        for hit in sorted(bearers, key=lambda h: -h.articles):
            into = next((k for k in kept if same_bearer(k.key, hit.key, names)), None)
            if into is not None and hit.articles <= max(2, into.articles * VARIANT_SHARE):
                _fold(into, hit)
                folded.add(hit.id)
            else:
                kept.append(hit)
    return [h for h in hits if h.id not in folded]


def _fold_initials(hits: list[EntityHit]) -> list[EntityHit]:
    """ "S Betsen" of a team sheet is "Serge Betsen" when he is the one bearer of that surname
    whose given name starts with that letter; beside "Serge" and "Simon Betsen" it stays apart
    (whose it is would be a guess). A letter is weak evidence: its articles are his mentions,
    but they do not make him more prominent than a bearer named in full ("K Morgan" does not
    lift Kevin Morgan over Steve Morgan)."""
    full: dict[str, list[EntityHit]] = defaultdict(list)  # surname -> the bearers with a given name
    initials: list[tuple[EntityHit, str, str]] = []
    for hit in hits:
        words = person_key(hit.key).split(" ") if hit.kind == "PERSON" else []
        if len(words) < 2:
            continue
        if len(words) == 2 and len(words[0].rstrip(".")) == 1:
            initials.append((hit, words[0][0], words[1]))
        elif len(words[0].rstrip(".")) > 1:  # "Jean Pierre Rives", "Mary Ann Smithers" bear their letter too
            full[words[-1]].append(hit)
    folded: set[int] = set()
    for hit, letter, surname in initials:
        bearers = [b for b in full.get(surname, []) if person_key(b.key)[0] == letter]
        # "T Rex" in 25 articles beside one "Tom Rex": the letter is the name, not his.
        if len(bearers) == 1 and hit.articles <= bearers[0].articles:
            bearers[0].same_key_ids += [hit.id, *hit.same_key_ids]
            folded.add(hit.id)
    return [h for h in hits if h.id not in folded] if folded else hits


def _fold_tails(merged: list[EntityHit]) -> list[EntityHit]:
    """A name of two or more words that ends a longer one ("Manuel Barroso" of "Jose Manuel
    Barroso", "bin Salman" of "Mohammed bin Salman", "Mohammed bin Salman" of "Crown Prince
    Mohammed bin Salman") is that person when one bearer of the longer names is evident: the
    only one, or the prominent one among several. The shorter name folds into the longer when it
    is no better covered; the longer into the shorter when the shorter is the established form
    (DOMINANCE times the articles: "Michael Symmons Roberts" into "Symmons Roberts"); between the
    two ("Paul Jones" 12, "John Paul Jones" 5) they stay two people. Longest names first, so a
    chain folds into one."""
    keys = {h.id: person_key(h.key) for h in merged if h.kind == "PERSON" and " " in h.key}
    people = sorted((h for h in merged if h.id in keys), key=lambda h: -len(keys[h.id]))
    by_tail: dict[str, list[EntityHit]] = defaultdict(list)  # every ending of two or more words
    for hit in people:
        words = keys[hit.id].split(" ")
        for start in range(1, len(words) - 1):
            by_tail[" ".join(words[start:])].append(hit)
    folded: set[int] = set()
    for hit in people:
        longer = [p for p in by_tail.get(keys[hit.id], []) if p.id not in folded]
        owner = longer[0] if len(longer) == 1 else prominent(longer) if longer else None
        if owner is None:
            continue
        if hit.articles <= owner.articles:
            into, out = owner, hit
        elif hit.articles >= DOMINANCE * owner.articles:
            into, out = hit, owner
        else:
            continue
        _fold(into, out)
        folded.add(out.id)
    return [h for h in merged if h.id not in folded]


def _fold_middle_names(merged: list[EntityHit]) -> list[EntityHit]:
    """One person with and without middle names ("Marie Teresa Ratcliffe", "Marie Ratcliffe"; the
    rule in domain/given_names.py): each name joins the longest fuller name it abbreviates when
    those fuller names are one chain (each the longest's abbreviation); two fuller names apart
    ("Marie Anne", "Marie Teresa") make it a guess, and it stays. Each person's names fold into
    the one with most articles; at a tie the shorter, as news writes a middle name once and then
    the short form (and as the name a reader types)."""
    words = {h.id: person_key(h.key).split(" ") for h in merged if h.kind == "PERSON" and " " in h.key}
    groups: dict[tuple[str, str], list[EntityHit]] = defaultdict(list)  # by first and last word
    for hit in merged:
        if hit.id in words:
            groups[(words[hit.id][0], words[hit.id][-1])].append(hit)
    folded: set[int] = set()
    for bearers in groups.values():
        if len(bearers) < 2:
            continue
        names = {h.id: " ".join(words[h.id]) for h in bearers}
        person = {h.id: h.id for h in bearers}  # each name's person: the names joined so far
        for hit in bearers:
            # A two-word form better covered than the fuller name ("John Smith" in 40 articles
            # beside two "John Paul Smith") may be anyone of that name: it joins a fuller name only
            # when it is rare or the fuller name is as well covered.
            if len(words[hit.id]) != 2:
                continue
            fuller = [
                b
                for b in bearers
                if adds_middle_names(names[hit.id], names[b.id])
                and (hit.articles <= MIDDLE_NAME_RARE or b.articles >= hit.articles)
            ]
            if not fuller:
                continue
            longest = max(fuller, key=lambda b: len(words[b.id]))
            if any(b is not longest and not adds_middle_names(names[b.id], names[longest.id]) for b in fuller):
                continue  # two fuller names apart: whose it is would be a guess
            person[_root(person, hit.id)] = _root(person, longest.id)
        together: dict[int, list[EntityHit]] = defaultdict(list)
        for hit in bearers:
            together[_root(person, hit.id)].append(hit)
        for names_of_one in together.values():
            into, *rest = sorted(names_of_one, key=lambda h: (-h.articles, len(words[h.id])))
            for out in rest:
                _fold(into, out)
                folded.add(out.id)
    return [h for h in merged if h.id not in folded]


MIDDLE_NAME_RARE = 2  # articles: a two-word form this rare beside a fuller name is its short form


def _root(person: dict[int, int], id_: int) -> int:
    while person[id_] != id_:
        id_ = person[id_]
    return id_


WRITTEN_SHARE = 0.5  # a one-word place or body is a person's surname if their full name is in half its articles
WRITTEN_MAX_ARTICLES = 60  # a one-word name in more articles than this is read as itself, unchecked


def _fold_surnames(merged: list[EntityHit], written: dict[int, dict[int, set[int]]] | None = None) -> list[EntityHit]:
    people = [h for h in merged if h.kind == "PERSON" and " " in h.key]
    result = []
    for hit in merged:
        owners = [p for p in people if p.key.split(" ")[-1] == hit.key] if " " not in hit.key else []
        owner = prominent(owners) if owners else _family_name_first(hit, people)
        # The model tags some surnames ORG or GPE ("Pogba" in a headline); but a place or body
        # better covered than the person ("Jordan" the country) is itself, not their surname...
        if owner is not None and not (hit.kind == "PERSON" or owner.articles >= hit.articles):
            owner = None
        # ...unless its own articles say whose surname it is (see `_written_owner`).
        if owner is None and hit.kind != "PERSON" and owners:
            articles: dict[int, set[int]] = {}  # its articles (all its entities') -> full names written
            for id_ in hit.ids:
                articles.update((written or {}).get(id_, {}))
            owner = _written_owner(owners, list(articles.values()))
        if owner is not None:
            _fold(owner, hit, surname=True)
            continue
        result.append(hit)
    return sorted(result, key=lambda h: -h.articles)


def _written_owner(owners: list[EntityHit], articles: list[set[int]]) -> EntityHit | None:
    """The person a one-word place or body ("Sterling" tagged ORG) is the surname of, by what its
    articles write: one bearer's full name in at least WRITTEN_SHARE of them, and no other
    bearer's in any ("Washington" the place, in hundreds of articles, is no "Denzel Washington"
    of one)."""
    if not articles:
        return None
    whose = {id_: owner for owner in owners for id_ in owner.ids}
    named = {whose[id_].id for bearers in articles for id_ in bearers if id_ in whose}
    if len(named) != 1:
        return None
    owner = next(o for o in owners if o.id in named)
    in_articles = sum(1 for bearers in articles if bearers)
    return owner if in_articles >= WRITTEN_SHARE * len(articles) else None


async def _full_names_written(session: AsyncSession, hits: list[EntityHit]) -> dict[int, dict[int, set[int]]]:
    """For each one-word place or body among the hits whose name is the surname of people among
    them ("Sterling" tagged ORG, "Raheem Sterling"), per article of its own: which of those
    people's full names the article writes (the model may have tagged them otherwise there, so
    the text is read, not the mentions). One query for all, and none when there is no such hit."""
    people = [h for h in hits if h.kind == "PERSON" and " " in h.key]
    candidates = {
        h.id: [p for p in people if p.key.split(" ")[-1] == h.key]
        for h in hits
        if h.kind != "PERSON" and " " not in h.key and h.articles <= WRITTEN_MAX_ARTICLES
    }
    candidates = {id_: bearers for id_, bearers in candidates.items() if bearers}
    if not candidates:
        return {}
    bearers = {p.id: p.name for ps in candidates.values() for p in ps}
    ids = list(bearers)
    articles = select(Mention.entity_id, Mention.article_id).where(Mention.entity_id.in_(list(candidates))).distinct()
    articles = articles.subquery()
    document = Article.title + " " + Article.text
    names = (document.ilike(f"%{_like(bearers[id_])}%", escape="\\") for id_ in ids)
    rows = await session.execute(
        select(articles.c.entity_id, articles.c.article_id, *names).join(Article, Article.id == articles.c.article_id)
    )
    found: dict[int, dict[int, set[int]]] = defaultdict(dict)
    for entity_id, article_id, *flags in rows:
        found[entity_id][article_id] = {id_ for id_, flag in zip(ids, flags, strict=True) if flag}
    return dict(found)


def _like(text_: str) -> str:
    return text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _family_name_first(hit: EntityHit, people: list[EntityHit]) -> EntityHit | None:
    """A bare name no one bears as a surname may be the family name of a name written family name
    first ("Xi" of "Xi Jinping"). It is theirs only when that full name is the established form
    (DOMINANCE times the bare name's articles), so a first name used alone is rarely taken."""
    if hit.kind != "PERSON" or " " in hit.key:
        return None
    owner = prominent([p for p in people if p.key.split(" ")[0] == hit.key])
    return owner if owner is not None and owner.articles >= DOMINANCE * hit.articles else None


async def _family_name_first_hits(
    session: AsyncSession,
    key: str,
    hits: list[EntityHit],
    kind_filter: ColumnElement[bool] | bool,
    since: datetime | None,
) -> list[EntityHit]:
    """People whose name starts with a bare name the hits hold but no one bears as a surname."""
    if " " in key or not any(h.kind == "PERSON" and h.key == key for h in hits):
        return []
    if any(h.key.endswith(" " + key) for h in hits):
        return []
    pattern = key.replace("\\", "").replace("%", "").replace("_", "")
    found = await _hits(session, Entity.key.like(f"{pattern} %") & (Entity.kind == "PERSON") & kind_filter, since)
    return [f for f in found if f.id not in {h.id for h in hits}]


async def _longer_name_hits(
    session: AsyncSession,
    key: str,
    hits: list[EntityHit],
    kind_filter: ColumnElement[bool] | bool,
    since: datetime | None,
) -> list[EntityHit]:
    """People whose fuller name ends with a name of two or more words the hits hold ("Mohammed
    bin Salman" for "bin Salman"), so that `_fold_tails` can link them; and the name with more
    or no middle names ("Marie Teresa Ratcliffe", "Marie Ratcliffe"), for `_fold_middle_names`."""
    if " " not in key or not any(h.kind == "PERSON" and h.key == key for h in hits):
        return []
    # Through the surname alias every person's entity has (an index lookup), not a scan of names.
    bearers = select(Alias.entity_id).where(Alias.alias == key.split(" ")[-1])
    pattern = key.replace("\\", "").replace("%", "").replace("_", "")
    first, last = pattern.split(" ")[0], pattern.split(" ")[-1]
    names = or_(Entity.key.like(f"% {pattern}"), Entity.key.like(f"{first} % {last}"), Entity.key == f"{first} {last}")
    condition = Entity.id.in_(bearers) & names & (Entity.kind == "PERSON")
    found = await _hits(session, condition & kind_filter, since)
    return [f for f in found if f.id not in {h.id for h in hits}]


async def _recent_since(session: AsyncSession) -> datetime | None:
    """The start of the store's latest RECENT_DAYS (from its newest article, by index)."""
    newest = await session.scalar(select(func.max(Article.published_at)))
    return newest - timedelta(days=RECENT_DAYS) if newest else None


async def find_entities(session: AsyncSession, query: str, kinds: set[str] | None = None) -> list[EntityHit]:
    """Entities a user may mean by `query`: exact name, then alias, then a word of the name;
    most prominent first."""
    key = query_key(query)
    if not key:
        return []
    kind_filter = Entity.kind.in_(kinds) if kinds else True
    since = await _recent_since(session)
    alias_ids = select(Alias.entity_id).where(Alias.alias == key)
    hits = await _hits(session, (Entity.key == key) & kind_filter, since)
    hits += await _hits(session, Entity.id.in_(alias_ids) & (Entity.key != key) & kind_filter, since)
    hits += await _family_name_first_hits(session, key, hits, kind_filter, since)
    hits += await _longer_name_hits(session, key, hits, kind_filter, since)
    if not hits:
        pattern = key.replace("\\", "").replace("%", "").replace("_", "")
        hits = await _hits(
            session,
            or_(Entity.key.like(f"{pattern} %"), Entity.key.like(f"% {pattern}"), Entity.key.like(f"% {pattern} %"))
            & kind_filter,
            since,
        )
    return _merge(hits, await _full_names_written(session, hits))


async def resolve(session: AsyncSession, query: str, people_first: bool = False) -> Resolution:
    """The entity meant by `query` and the other candidates. `people_first` (for /who): when people
    with full names bear the name ("Courtney Love" for "Love"), the one meant is among them, and a
    song, a place or a club of that name is offered beside them; a one-word "person" (a word the
    model took for a name) does not set the others aside."""
    hits = await find_entities(session, query)
    people = [h for h in hits if h.kind == "PERSON" and " " in h.key] if people_first else []
    if people and len(people) < len(hits):
        hit = prominent([h for h in hits if h.kind == "PERSON"])
        return Resolution(hit, [h for h in hits if h is not hit])
    hit = prominent(hits)
    return Resolution(hit, [h for h in hits if h is not hit])


async def entity_by_id(session: AsyncSession, entity_id: int) -> EntityHit | None:
    """The entity behind a choice button, folded together with its other spellings and labels
    as a search for its name would be."""
    entity = await session.get(Entity, entity_id)
    if entity is None:
        return None
    for hit in await find_entities(session, entity.name):
        if entity_id in hit.ids:
            return hit
    hits = await _hits(session, Entity.id == entity_id)
    return hits[0] if hits else None


def _cited(stmt: Select) -> Select:
    """Add the columns Cited takes after text and date, in its order."""
    return stmt.add_columns(Article.id, Article.title, Article.source, Article.url)


ROLE_WINDOW = 1000  # the newest role statements read per entity: the cost does not grow with the store


async def roles_of(session: AsyncSession, ids: list[int]) -> list[RoleSupport]:
    """Each role (case folded, abbreviations spelled out) with the articles that give it and
    when, and which of them give it only in their headline, from the newest statements (one
    index range per entity)."""
    columns = (Role.role, Role.article_id, Role.published_at, Role.sentence_id, Role.loose)
    newest = _newest(Role, ids, ROLE_WINDOW, columns)
    # Sentence 0 of an article with a title is its headline (stored first, see analysis_text).
    in_headline = (Sentence.position == 0) & (Article.title != "")
    rows = await session.execute(
        select(newest.c.role, newest.c.article_id, newest.c.published_at, in_headline, newest.c.loose)
        .add_columns(newest.c.sentence_id)
        .join(Sentence, Sentence.id == newest.c.sentence_id)
        .join(Article, Article.id == newest.c.article_id)
    )
    found: dict[str, RoleSupport] = {}
    spellings: dict[str, Counter[str]] = {}
    for role, article_id, published, headline, loose, sentence_id in rows:
        published = published if published.tzinfo else published.replace(tzinfo=UTC)
        headlines, loosely = ({article_id} if headline else set()), ({article_id} if loose else set())
        item = RoleSupport(role, 1, published, {article_id: published}, headlines, loosely, sentence_id)
        key = _spelled_out(role).lower()  # "Gov." and "Governor": one role
        spellings.setdefault(key, Counter())[role] += 1
        same = found.get(key)
        if same is None:
            found[key] = item
        else:
            same.pool(item)
    # Shown as most often written ("President" over "president"): the text's own wording; but
    # an abbreviation only when the text never spells the post out ("Governor" over "Gov.").
    for key, item in found.items():
        item.role = min(spellings[key].items(), key=lambda s: (_abbreviated(s[0]), -s[1], s[0]))[0]
    return rank_roles(list(found.values()))


# Titles news abbreviates before a name ("Gov. Andrew Cuomo"): pooled with the full word, and
# shown as the text most often writes them.
_ABBREVIATIONS = {
    "gov": "Governor",
    "sen": "Senator",
    "rep": "Representative",
    "gen": "General",
    "pres": "President",
    "supt": "Superintendent",
    "insp": "Inspector",
    "sgt": "Sergeant",
    "col": "Colonel",
    "lt": "Lieutenant",
    "capt": "Captain",
}


def _abbreviated(role: str) -> bool:
    return any(w.lower().rstrip(".") in _ABBREVIATIONS for w in english_markers(role).split(" "))


def _spelled_out(role: str) -> str:
    words = english_markers(role).split(" ")  # "экс-", "бывший" compared as "former"
    return " ".join(_ABBREVIATIONS.get(w.lower().rstrip("."), w) for w in words)


_MARKED = frozenset({"former", "shadow", "deputy", "acting", "interim", "vice", "outgoing", "new"})


def _marks(role: str) -> frozenset[str]:
    """The role's markers ("former", "shadow"); "New" of "New York Governor" is a place's name."""
    written = re.sub("ex-", "former ", _spelled_out(role), flags=re.IGNORECASE).split()
    return frozenset(w.lower() for w in written if w.lower() in _MARKED and w != "New")


def _words_of(role: str) -> list[str]:
    """The role's words for comparing wordings: "Gov." as "governor" (a tail of "New York
    Governor"), "ex-" as "former"."""
    return _spelled_out(role).lower().replace("ex-", "former ").split()


def _spelling(role: str) -> str:
    """ "popstar", "pop star" and "pop-star"; "ex-chatshow host" and "former chat show host";
    "Gov." and "Governor": one role spelled differently."""
    return "".join(_words_of(role)).replace("-", "")


# How recent a statement is: the articles of the person's latest half-year (from their newest
# role statement) count in full, older ones half, so a post held now outranks one stated more
# often long ago ("presidential candidate" in one year, "US President" the next).
RECENT_ROLE_DAYS = 182
OLDER_ROLE_WEIGHT = 0.5
# A headline is telegraphic and capitalised: an article that states a role only there counts
# half, so a role its text states wins when the support is otherwise alike.
HEADLINE_ROLE_WEIGHT = 0.5
# A role read from the words alone (bot/nlp/role_phrases.py) counts a fifth: it shows where no
# rule read one, and a role a rule read wins unless the loose one is stated five times as often.
LOOSE_ROLE_WEIGHT = 0.2


def _support(role: RoleSupport, newest: datetime) -> float:
    since = newest - timedelta(days=RECENT_ROLE_DAYS)
    return sum(
        (1.0 if when >= since else OLDER_ROLE_WEIGHT)
        * (HEADLINE_ROLE_WEIGHT if article in role.headline else 1.0)
        * (LOOSE_ROLE_WEIGHT if article in role.loose else 1.0)
        for article, when in role.seen.items()
    )


def _post_word(words: list[str]) -> str:
    """The word that names the post: the last, but "number" for a rank ("world number three",
    "British number one": one post, a rank, however it stands)."""
    return post_word(words)  # the last word in English, the first noun in Russian (domain/roles.py)


def rank_roles(support: list[RoleSupport]) -> list[RoleSupport]:
    """Roles best supported first, then newest. A role that is the tail of a longer one ("captain"
    of "England captain") counts for the longer, unless they differ in a marker ("shadow home
    secretary" is not "home secretary"); a role superseded by a newer "former …" comes last."""
    if not support:
        return []
    newest = max(r.last_seen for r in support)
    pooled: dict[str, RoleSupport] = {}
    # Best supported spelling first: it names the pooled role.
    for item in sorted(support, key=lambda r: (-r.articles, -r.last_seen.timestamp(), r.role)):
        key = _spelling(item.role)
        same = pooled.get(key)
        if same is None:
            pooled[key] = RoleSupport(
                item.role,
                item.articles,
                item.last_seen,
                dict(item.seen),
                set(item.headline),
                set(item.loose),
                item.first_at,
            )
        else:  # "Gov." and "Governor" spelled out alike; "popstar" and "pop star"
            same.pool(item)
            if _abbreviated(same.role) and not _abbreviated(item.role):
                same.role = item.role  # the post spelled out, as the text also writes it
    for short in sorted(pooled.values(), key=lambda r: len(r.role.split())):
        words = _words_of(short.role)
        marks = _marks(short.role)
        longer = [
            r
            for r in pooled.values()
            if r is not short
            # its tail in English, its start in Russian too; or its head ("minister for schools")
            # where every article that states the bare title states it in full
            and (
                narrows(words, _words_of(r.role))
                or (names_post_of(words, _words_of(r.role)) and r.seen.keys() >= short.seen.keys())
            )
            and _marks(r.role) == marks
        ]
        if longer:
            into = max(longer, key=lambda r: (r.articles, r.last_seen))
            into.pool(short)
            del pooled[_spelling(short.role)]
    current, stale = [], []
    for item in pooled.values():
        words = _words_of(item.role)
        superseded = any(
            _words_of(other.role) == ["former", *words] and other.last_seen >= item.last_seen
            for other in pooled.values()
        )
        (stale if superseded else current).append(item)

    # At equal support, which party someone is of ("a Florida Republican") comes after the post
    # the text states beside it ("Representative"); then the newest; then the first stated, as an
    # article introduces someone by their post and then describes them ("France fly-half Tom
    # Vance …", later "Vance, a veteran of 43 caps,": measured over every labelled set, 8 answers
    # gained and 3 lost against the fuller statement first); then the fuller statement.
    def order(r: RoleSupport) -> tuple[float, bool, float, int, int, str]:
        words = _words_of(r.role)
        return (-_support(r, newest), is_affiliation(words), -r.last_seen.timestamp(), r.first_at, -len(words), r.role)

    # Who the person works beside ("Mercedes team-mate") comes after any post the text states.
    posts = sorted((r for r in current if not is_coworker(_words_of(r.role))), key=order)
    beside = sorted((r for r in current if is_coworker(_words_of(r.role))), key=order)
    return _by_post(posts, newest) + _by_post(beside, newest) + sorted(stale, key=order)


def _by_post(roles: list[RoleSupport], newest: datetime) -> list[RoleSupport]:
    """Roles that name one post in different words ("election coordinator", "campaign
    coordinator": the same last word and markers) support each other: the post stated in most
    articles (each article once, recent ones in full) comes first, shown in its best-supported
    wording, then each other post's wording, then the remaining wordings. At equal support a
    current post comes before a "former" one: the first line says what the person is now."""
    posts: dict[tuple[str, frozenset[str]], list[RoleSupport]] = {}
    for role in roles:  # already best first within a post
        words = _words_of(role.role)
        posts.setdefault((_post_word(words), _marks(role.role)), []).append(role)

    def weight(key: tuple[str, frozenset[str]]) -> tuple[float, bool, float]:
        members = posts[key]
        together = RoleSupport(members[0].role, 0, members[0].last_seen, {})
        for member in members:
            together.pool(member)
        return (-_support(together, newest), "former" in key[1], -together.last_seen.timestamp())

    ordered = sorted(posts, key=weight)
    return [posts[key][0] for key in ordered] + [r for key in ordered for r in posts[key][1:]]


async def profile(session: AsyncSession, hit: EntityHit, limit: int = 5) -> Profile:
    ids = hit.ids
    newest = _newest(Quote, ids, limit, order=(Quote.published_at.desc(), Quote.article_id.desc(), Quote.sentence_id))
    said_rows = await session.execute(
        _cited(select(newest.c.text, newest.c.published_at))
        .add_columns(newest.c.sentence_id, newest.c.direct)
        .join(Article, Article.id == newest.c.article_id)
        .order_by(newest.c.published_at.desc(), newest.c.article_id.desc(), newest.c.sentence_id)
        .limit(limit)
    )
    said = [Cited(*row) for row in said_rows]
    shown = {item.sentence_id for item in said}
    mentioned = [m for m in await entity_sentences(session, ids, limit * 2) if m.sentence_id not in shown][:limit]
    # Co-occurrence over the most recent mentions only, so the cost does not grow with the store.
    return Profile(hit, await roles_for_hit(session, hit), said, mentioned, await related(session, ids, limit))


async def roles_for_hit(session: AsyncSession, hit: EntityHit) -> list[RoleSupport]:
    """The roles stated for the entity. A bare surname folded in ("Cummings" in a headline) may
    be another bearer's: its roles only add support to roles the full name is given, unless the
    full name is given none."""
    surnames = set(hit.surname_ids)
    named = await roles_of(session, [i for i in hit.ids if i not in surnames])
    if not surnames:
        return named
    bare = await roles_of(session, list(surnames))
    if not named:
        # The surname alone is this bearer's only when the store names no other bearer of it,
        # and a role given to it in one article only may be a namesake's ("Black congressman
        # Cummings" beside Dominic Cummings): it needs two.
        if await _other_bearers(session, list(surnames), hit.ids):
            return []
        return [r for r in bare if r.articles >= 2]
    # A bare role the same as, or the tail of, one the full name is given ("prime minister" of
    # "UK Prime Minister") supports it; rank_roles pools them.
    tails = {form for r in named for form in shorter_forms(_words_of(r.role))}
    return rank_roles(named + [r for r in bare if tuple(_words_of(r.role)) in tails])


async def _other_bearers(session: AsyncSession, surname_ids: list[int], ids: list[int]) -> bool:
    """Whether a person outside `ids` has one of these bare surnames as their surname."""
    keys = select(Entity.key).where(Entity.id.in_(surname_ids)).scalar_subquery()
    other = await session.scalar(
        select(Alias.entity_id)
        .join(Entity, Entity.id == Alias.entity_id)
        .where(Alias.alias.in_(keys), Entity.kind == "PERSON", Entity.id.not_in(ids))
        .limit(1)
    )
    return other is not None


async def related(session: AsyncSession, ids: list[int], limit: int = 5) -> list[tuple[str, str, int]]:
    """The entities most often in the same sentences, with counts (over the recent mentions
    only, so the cost does not grow with the store)."""
    mentions = _newest(Mention, ids, RELATED_WINDOW, (Mention.sentence_id, Mention.published_at))
    recent = select(mentions.c.sentence_id).order_by(mentions.c.published_at.desc()).limit(RELATED_WINDOW).subquery()
    other = aliased(Mention)
    rows = await session.execute(
        select(Entity.name, Entity.kind, func.count(func.distinct(other.sentence_id)).label("n"))
        .select_from(recent)
        .join(other, other.sentence_id == recent.c.sentence_id)
        .join(Entity, Entity.id == other.entity_id)
        .where(other.entity_id.not_in(ids))
        .group_by(Entity.name, Entity.kind)
        .order_by(text("n DESC"), Entity.name)
        .limit(limit)
    )
    return [(name, kind, n) for name, kind, n in rows]


async def daily_mentions(session: AsyncSession, ids: list[int], until: datetime, days: int = 14) -> list[int]:
    """Articles mentioning the entity on each of the `days` days up to `until` (oldest first)."""
    start = (until - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    rows = await session.execute(
        select(Mention.article_id, Mention.published_at)
        .where(Mention.entity_id.in_(ids), Mention.published_at >= start, Mention.published_at <= until)
        .distinct()
    )
    counts = [0] * days
    seen: set[int] = set()
    for article_id, published in rows:
        if article_id in seen:
            continue
        seen.add(article_id)
        index = (published.date() - start.date()).days
        if 0 <= index < days:
            counts[index] += 1
    return counts


SAME_LINE = 0.6  # word-set Jaccard above which two sentences report the same development


def _unique(items: list[Cited]) -> list[Cited]:
    """One line per development: a sentence repeated, or reworded by another outlet (most of its
    words shared), joins the first (newest) line, which counts its sources."""
    kept: list[tuple[set[str], Cited]] = []
    for item in items:
        words = set(re.findall(r"\w+", item.text.lower()))
        for other_words, other in kept:
            if words and len(words & other_words) / len(words | other_words) >= SAME_LINE:
                other.sources += [s for s in item.sources or [item.source] if s not in other.sources]
                break
        else:
            item.sources = item.sources or [item.source]
            kept.append((words, item))
    return [item for _, item in kept]


def merge_cited(*lists: list[Cited], limit: int = 8) -> list[Cited]:
    """Lines from several searches as one list: newest first, one line per development."""
    merged = sorted((item for items in lists for item in items), key=lambda c: c.published_at, reverse=True)
    return _unique(merged)[:limit]


async def entity_sentences(session: AsyncSession, ids: list[int], limit: int = 8) -> list[Cited]:
    """Sentences that mention the entity, newest article first, in article order."""
    # The newest mentions come off the (entity_id, published_at) index; only they are joined.
    columns = (Mention.article_id, Mention.sentence_id, Mention.published_at)
    mentions = _newest(Mention, ids, limit * 4, columns)
    newest = select(mentions).order_by(mentions.c.published_at.desc()).limit(limit * 4).subquery()
    rows = await session.execute(
        _cited(select(Sentence.text, newest.c.published_at))
        .add_columns(Sentence.id)
        .join(Sentence, Sentence.id == newest.c.sentence_id)
        .join(Article, Article.id == newest.c.article_id)
        .order_by(newest.c.published_at.desc(), Article.id.desc(), Sentence.position)
    )
    return _unique([Cited(*row) for row in rows])[:limit]


async def overview_sentences(
    session: AsyncSession, ids: list[int], days: int = 7, articles: int = 8
) -> dict[tuple[int, str | None], list[tuple[str, str]]]:
    """The newest articles about the entity within a week of the latest one: per (article, its
    language), its sentences about the entity as (text, words) in order, for an extractive
    overview ranked with each article's own stop words."""
    # The newest mention first (one index lookup per entity), then only that week's mentions:
    # the top articles of the whole history within a week of the latest are the week's top.
    newest_one = _newest(Mention, ids, 1, (Mention.published_at,))
    latest = await session.scalar(select(func.max(newest_one.c.published_at)))
    if latest is None:
        return {}
    newest = await session.execute(
        select(Mention.article_id, func.max(Mention.published_at).label("at"))
        .where(Mention.entity_id.in_(ids), Mention.published_at >= latest - timedelta(days=days))
        .group_by(Mention.article_id)
        .order_by(func.max(Mention.published_at).desc())
        .limit(articles)
    )
    recent = newest.all()
    if not recent:
        return {}
    latest = recent[0][1]
    chosen = [article_id for article_id, at in recent if at >= latest - timedelta(days=days)]
    # Only sentences about the entity: an article's other sentences (a budget speech that names
    # Iraq once) would pull the overview off its subject.
    mentioned = set(
        await session.scalars(
            select(Mention.sentence_id).where(
                Mention.entity_id.in_(ids),
                # the chosen articles' dates: keeps the entity index range to that week
                Mention.published_at >= latest - timedelta(days=days),
                Mention.article_id.in_(chosen),
            )
        )
    )
    naming = await _names_pattern(session, ids)
    rows = await session.execute(
        select(Sentence.id, Sentence.article_id, Sentence.text, Sentence.words, _language_of_sentence())
        .where(Sentence.article_id.in_(chosen), not_headline())
        .order_by(Sentence.article_id, Sentence.position)
    )
    found: dict[tuple[int, str | None], list[tuple[str, str]]] = {}
    for sentence_id, article_id, text_, words, language in rows:
        if sentence_id in mentioned or (naming and naming.search(text_)):
            found.setdefault((article_id, language), []).append((text_, words))
    return found


def _language_of_sentence():  # type: ignore[no-untyped-def]
    """The language of the sentence's article (a subquery: not_headline() already correlates Article)."""
    return select(Article.language).where(Article.id == Sentence.article_id).scalar_subquery()


SHORT_NAME = 3  # aliases this short ("us", "un") are acronyms: matched in capitals only


async def _names_pattern(session: AsyncSession, ids: list[int]) -> re.Pattern[str] | None:
    """Any of the entities' names or aliases as a whole word: the model misses some mentions."""
    names = set(await session.scalars(select(Entity.name).where(Entity.id.in_(ids))))
    names |= set(await session.scalars(select(Alias.alias).where(Alias.entity_id.in_(ids))))
    # Aliases are stored lowercased, but in text a name starts with a capital: "Brown" the
    # chancellor, not the colour; a short one is all capitals ("US", not "us").
    spelled = {
        re.escape(n.upper()) if len(n) <= SHORT_NAME else f"{re.escape(n[0].upper())}(?i:{re.escape(n[1:])})"
        for n in (name.strip() for name in names)
        if n
    }
    if not spelled:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(sorted(spelled, key=len, reverse=True))})(?!\w)")


RECENT_ARTICLES = 200  # the newest articles searched for a name the model did not tag


async def named_sentences(session: AsyncSession, name: str, since: datetime, limit: int = 8) -> list[Cited]:
    """Sentences of the newest articles (published since `since`) that use the name as a word,
    one per article: where the model missed a mention (a headline in title case, say)."""
    pattern = name.replace("\\", "").replace("%", "").replace("_", "")
    newest = (
        select(Article.id)
        .where(Article.published_at >= since)
        .order_by(Article.published_at.desc())
        .limit(RECENT_ARTICLES)
    )
    # Headlines, where the model misses names most (title case), over the whole period.
    headlines = (
        select(Article.id)
        .where(Article.published_at >= since, Article.title.ilike(f"%{pattern}%"))
        .order_by(Article.published_at.desc())
        .limit(limit * 3)
    )
    # Ids first, then one IN list: PostgreSQL plans an OR of two subqueries as a scan of all sentences.
    candidates = set(await session.scalars(newest)) | set(await session.scalars(headlines))
    if not candidates:
        return []
    rows = await session.execute(
        _cited(select(Sentence.text, Article.published_at))
        .add_columns(Sentence.id)
        .join(Article, Article.id == Sentence.article_id)
        .where(Sentence.article_id.in_(candidates), Sentence.text.ilike(f"%{pattern}%"))
        .order_by(Article.published_at.desc(), Article.id.desc(), Sentence.position)
    )
    word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    found: dict[int, Cited] = {}
    for row in rows:
        item = Cited(*row)
        if item.article_id not in found and word.search(item.text):
            found[item.article_id] = item
    return _unique(list(found.values()))[:limit]


def _words(query: str) -> list[str]:
    return re.findall(r"\w+", query.lower())[:12]


def _fts_condition(session: AsyncSession, query: str):  # type: ignore[no-untyped-def]
    words = _words(query)
    if not words:
        return None
    if session.bind.dialect.name == "sqlite":
        match = " ".join(f'"{w}"' for w in words)
        ids = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match").bindparams(match=match)
        return Article.id.in_(ids.columns(rowid=Integer))
    document = func.to_tsvector("english", Article.title + " " + Article.text)
    return document.op("@@")(func.plainto_tsquery("english", " ".join(words)))


async def search(session: AsyncSession, query: str, limit: int = 10) -> list[Article]:
    """Articles containing every word (stemmed), newest first."""
    condition = _fts_condition(session, query)
    if condition is None:
        return []
    stmt = select(Article).where(condition).order_by(Article.published_at.desc(), Article.id.desc())
    return list((await session.scalars(stmt.limit(limit))).all())


async def topic_sentences(session: AsyncSession, query: str, limit: int = 8) -> tuple[int, list[Cited]]:
    """For a topic that is no entity: matching articles, and their sentences that use the words."""
    condition = _fts_condition(session, query)
    if condition is None:
        return 0, []
    total = await session.scalar(select(func.count()).select_from(Article).where(condition)) or 0
    articles = await search(session, query, limit=limit * 3)
    stems = [w[:5] for w in _words(query)]
    found: list[Cited] = []
    for article in articles:
        rows = await session.execute(
            select(Sentence.text).where(Sentence.article_id == article.id).order_by(Sentence.position)
        )
        for (sentence,) in rows:
            lowered = sentence.lower()
            if all(stem in lowered for stem in stems):
                found.append(
                    Cited(sentence, article.published_at, article.id, article.title, article.source, article.url)
                )
                break
    return total, _unique(found)[:limit]


async def latest(session: AsyncSession, limit: int = 10) -> list[Article]:
    stmt = select(Article).order_by(Article.published_at.desc(), Article.id.desc()).limit(limit)
    return list((await session.scalars(stmt)).all())


async def get_article(session: AsyncSession, article_id: int) -> Article | None:
    return await session.get(Article, article_id)


async def article_by_url(session: AsyncSession, url: str) -> Article | None:
    return (await session.scalars(select(Article).where(Article.url == url))).first()


def not_headline():  # type: ignore[no-untyped-def]
    """Sentences other than the stored headline (sentence 0 when the title was analysed too,
    with a full stop added): summaries use the body."""
    title = select(Article.title).where(Article.id == Sentence.article_id).scalar_subquery()
    return ~((Sentence.position == 0) & (func.rtrim(Sentence.text, ".") == func.rtrim(title, ".")))


async def article_sentences(session: AsyncSession, article_id: int) -> list[tuple[str, list[str]]]:
    rows = await session.execute(
        select(Sentence.text, Sentence.words)
        .where(Sentence.article_id == article_id, not_headline())
        .order_by(Sentence.position)
    )
    return [(sentence, words.split(" ") if words else []) for sentence, words in rows]


async def count_articles(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(Article)) or 0
