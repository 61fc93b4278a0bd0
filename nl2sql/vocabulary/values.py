"""The value index: every name-like value of high-cardinality dimensions, and their partials.

Why beyond the catalog's values: the catalog keeps the values of low-cardinality dimensions
(≤ 50, for menus and prompts); users also name one store among 800, an airport among 1,400 or a
city among thousands — codes ("JFK") and names ("Acme Trading Co., Ltd."), often only in part
("Acme", "上海" for 上海徐汇店). This module reads those values once per warehouse and model
(SQL built by the semantic layer's resolver and sqlglot, cached on disk by warehouse file,
modification time and model content) and derives:

- exact keys: the value as typed (``/``, ``_``, ``&``, ``-`` kept: "N/A", "SKU_A12", "AT&T");
- partial keys: a name's leading words ("acme", "acme trading") and, for Chinese names, their
  leading characters ("上海", "上海徐汇"). A partial that fits one value is a term shown as
  "Acme → Acme Trading Co., Ltd."; one that fits several is a clarification listing them;
- spelling keys (:func:`spelling_key`): a value with spacing, punctuation and the general name
  abbreviations taken out ("LaGuardia" = "La Guardia", "O'Hare" = "OHare", "St. Cloud" =
  "Saint Cloud"), matched only when the exact key did not, and only when it names one value.

Only values with a letter or a Chinese character are indexed: bare numbers and dates are not
names, and order numbers are the order-trace feature's business.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import unicodedata
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from nl2sql.vocabulary import cedict, ecdict
from nl2sql.vocabulary.cache import cache_dir, content_hash, read_json, write_json
from semantic_layer.catalog import Catalog, CatalogDimension
from semantic_layer.catalog_builder import ValueReader, direct_reader
from semantic_layer.resolve import Resolver

#: a dimension with more distinct values than this is an identifier, not a name list
MAX_VALUES = 200_000
#: partial keys shorter than this (characters) are never offered alone
MIN_PARTIAL_CHARS = 2
#: longest leading part of a Chinese name indexed as a partial name: people type the start of
#: a long name, not most of it, and each part is normalized and kept (session 23: a data value
#: of 10,000 characters made 10,000 partials, and the first question never came)
MAX_PARTIAL_CHARS = 24
#: readings kept per partial name (beyond one it is a clarification listing a few of them)
MAX_KEPT = 9
_NAMEY = re.compile(r"[A-Za-z\u3400-\u9fff]")
_CJK_RUN = re.compile(r"^[\u3400-\u9fff]+")
#: general abbreviations of name words: both spellings reach one form, so "Saint Cloud" finds
#: "St. Cloud Regional" and "Acme International" finds "Acme Intl" (general English, no data)
NAME_ABBREVIATIONS = {
    "saint": "st",
    "street": "st",
    "mount": "mt",
    "fort": "ft",
    "international": "intl",
    "national": "natl",
    "company": "co",
    "corporation": "corp",
    "incorporated": "inc",
    "limited": "ltd",
    "brothers": "bros",
    "avenue": "ave",
    "road": "rd",
    "department": "dept",
    "university": "univ",
    "and": "&",
}
#: longest value (in units) a spelling key is looked up for; longer names match as typed
MAX_SPELLING_UNITS = 8
#: the values attached to each live catalog, by ``id``; an entry goes when its catalog is
#: collected (``weakref.finalize``), never earlier: a bounded registry that was cleared after 32
#: catalogs made a later lexicon build of a catalog still in use miss its high-cardinality values
#: (tpcds "pop items" then read "pop" as a grouping — answers that depended on how many models
#: the process had opened before)
_registry: dict[int, tuple[weakref.ref[Catalog], Any]] = {}
_lock = threading.Lock()


def _dimension_sources(model: Any, catalog: Catalog) -> list[tuple[str, str, str]]:
    """(qualified name, node, expr) of categorical dimensions whose values the catalog lacks."""
    have = {d.name for d in catalog.dimensions if d.values or d.dim_type != "categorical"}
    have.update(catalog.unread_values)  # ran out of time once already: not read again
    out = []
    for node in model.nodes.values():
        if node.primary_entity is None:
            continue
        for d in node.dimensions.values():
            q = f"{node.primary_entity}__{d.name}"
            if d.type == "categorical" and q not in have and catalog.dimension(q) is not None:
                out.append((q, node.name, d.expr))
                have.add(q)
    return out


def _read_values(
    model: Any, read: ValueReader, node: str, expr: str, dim: str
) -> tuple[str, ...] | None:
    """Distinct name-like values of one dimension (empty when there are too many; None when
    ``read`` ran out of time)."""
    r = Resolver(model, node)
    e = r.expression(expr)
    count = exp.Select(expressions=[exp.Count(this=exp.Distinct(expressions=[e.copy()]))])
    values = exp.Select(expressions=[exp.alias_(exp.cast(e.copy(), "VARCHAR"), "v")]).distinct()
    values = values.where(exp.Not(this=exp.Is(this=e.copy(), expression=exp.Null())))
    try:
        counted = read(r.from_clause(count).sql(dialect="duckdb"), dim)
        if counted is None:
            return None
        (n,) = counted[0]
        if not n or n > MAX_VALUES:
            return ()
        rows = read(r.from_clause(values).sql(dialect="duckdb"), dim)
        if rows is None:
            return None
    except Exception:  # a table or column the warehouse lacks: that dimension has no values
        return ()
    return tuple(sorted(str(v) for (v,) in rows if _NAMEY.search(str(v))))


def read_value_index(
    model: Any, con: Any, catalog: Catalog, db_key: str = "", read: ValueReader | None = None
) -> dict[str, tuple[str, ...]]:
    """Qualified dimension -> its values, for every high-cardinality categorical dimension.

    With a stable ``db_key`` (warehouse path + modification time) the result is cached on disk
    next to the vocabulary index; a rebuilt warehouse or an edited model gets a new entry.
    ``read`` (``semantic_layer.catalog_builder.ValueReader``, default: ``con`` read directly)
    may run out of time on a dimension: it then has no values here, and nothing is cached.
    """
    sources = _dimension_sources(model, catalog)
    if not sources:
        return {}
    path = None
    if db_key and not db_key.startswith("con:"):
        key = content_hash({"db": db_key, "dims": sources, "max": MAX_VALUES})
        path = cache_dir("values") / f"{key}.json"
        doc = read_json(path)
        if isinstance(doc, dict) and doc.get("key") == key:
            return {k: tuple(v) for k, v in doc["values"].items()}
    out = {}
    read = direct_reader(con) if read is None else read
    complete = True
    for q, node, expr in sources:
        vals = _read_values(model, read, node, expr, q)
        complete = complete and vals is not None
        if vals:
            out[q] = vals
    if path is not None and complete:  # a read that ran out of time is tried again next time
        write_json(path, {"key": path.stem, "values": {k: list(v) for k, v in out.items()}})
    return out


def role_playing_dimensions(model: Any) -> dict[str, tuple[str, ...]]:
    """Dimensions of tables that play several roles, with their role-qualified names.

    One docks table as origin and as destination (two primary/unique entities): the catalog
    lists ``origin_dock__code`` only, yet "crossings to NHB" means the destination. A value
    of such a dimension is given one reading per role (``destination_dock__code`` too),
    so direction words choose the role and, without one, the engine asks instead of taking the
    catalog's path.
    """
    out: dict[str, tuple[str, ...]] = {}
    for node in model.nodes.values():
        keys = [
            e.name for e in node.entities.values() if e.type in ("primary", "unique", "natural")
        ]
        if node.primary_entity is None or len(keys) < 2:
            continue
        for d in node.dimensions:
            out[f"{node.primary_entity}__{d}"] = tuple(f"{k}__{d}" for k in keys)
    return out


def role_joins(model: Any, roles: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Metric -> the roles of role-playing tables it joins through a key of its own path.

    Why not the catalog's entity list: once a metric reaches the members table as the
    payer member, that table's other keys (``refunded_member``) are reachable too, yet
    a "refunded member state" of a loan would be the payer member's state under another
    name — a wrong answer. A role counts only when a join hop goes through it.
    """
    role_names = {name.split("__")[0] for names in roles.values() for name in names}
    out: dict[str, frozenset[str]] = {}
    for metric in getattr(model, "metrics", {}):
        joined: set[str] = set()
        for leaf in model.leaf_nodes(metric):
            for path in model.all_join_paths(leaf):
                joined |= {hop.entity for hop in path if hop.entity in role_names}
        out[metric] = frozenset(joined)
    return out


def role_compounds(roles: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """("deliver to member", ``deliver_member``): the "X-to" compound of each role entity.

    Why: a party's role is written "deliver-to contact", "bill-to address", "sold-to party" in
    general business English, where the model names the entity ``deliver_member``; the hyphen
    is a space once normalized, so the compound is one more way to name the role.
    """
    out = []
    for names in roles.values():
        for entity in dict.fromkeys(name.split("__")[0] for name in names):
            words = entity.split("_")
            if len(words) >= 2 and words[0] not in ("to", "from"):
                out.append((" ".join([words[0], "to", *words[1:]]), entity))
    return out


def owner_compounds(catalog: Catalog, roles: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """("destination dock name", ``destination_dock__dock_name``): a dimension named
    after its owner when the owner's name ends in the word its label starts with.

    Why: "crossings by destination dock name" read "destination dock" as the role and left
    "name" unknown, so a plain question was refused, while "dock name of destination
    dock" was answered. English runs the two names together over the shared word, as in
    "customer id" for a customer's "Customer ID"; only that overlap is added, never a new word.

    >>> from semantic_layer.catalog import CatalogDimension, CatalogEntity
    >>> cat = Catalog(metrics=(), dimensions=(
    ...     CatalogDimension("origin_dock__dock_name", "Dock Name",
    ...                      entity="origin_dock"),),
    ...     entities=(CatalogEntity("origin_dock", "origin dock"),
    ...               CatalogEntity("destination_dock", "destination dock")))
    >>> owner_compounds(cat, {"origin_dock__dock_name": (
    ...     "origin_dock__dock_name", "destination_dock__dock_name")})
    [('origin dock name', 'origin_dock__dock_name'), \
('destination dock name', 'destination_dock__dock_name')]
    """
    labels = {e.name: (e.label or e.name) for e in catalog.entities}
    out = []
    for d in catalog.dimensions:
        if d.dim_type == "time" or not d.entity:
            continue
        said = d.label.split("(")[0].lower().split()
        for name in roles.get(d.name, (d.name,)):
            owner = name.split("__")[0]
            words = labels.get(owner, owner).replace("_", " ").lower().split()
            if len(said) >= 2 and words and words[-1] == said[0]:
                out.append((" ".join([*words, *said[1:]]), name))
    return out


def attach_values(
    catalog: Catalog,
    values: dict[str, tuple[str, ...]],
    roles: dict[str, tuple[str, ...]] | None = None,
    joins: dict[str, frozenset[str]] | None = None,
) -> None:
    """Make ``values`` part of the vocabulary of ``catalog`` (read by the lexicon build);
    ``roles`` are the role-playing dimensions among them (see :func:`role_playing_dimensions`)
    and ``joins`` the roles each metric joins through (:func:`role_joins`).
    """
    key = id(catalog)
    with _lock:
        known = _registry.get(key)
        _registry[key] = (weakref.ref(catalog), (values, roles or {}, joins or {}))
    if known is None or known[0]() is not catalog:
        weakref.finalize(catalog, _forget, key)


def _forget(key: int) -> None:
    """Drop the entry of a collected catalog (unless a new catalog took its ``id`` since)."""
    with _lock:
        hit = _registry.get(key)
        if hit is not None and hit[0]() is None:
            del _registry[key]


def attached_values(
    catalog: Catalog,
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The high-cardinality values attached to ``catalog`` and its role-playing dimensions."""
    with _lock:
        hit = _registry.get(id(catalog))
    return hit[1][:2] if hit is not None and hit[0]() is catalog else ({}, {})


def number_column(catalog: Catalog, d: CatalogDimension) -> bool:
    """Whether ``d`` is a categorical column of numbers: not a key, every known value a number
    and no name-like values attached to it or a role copy of it. Why the attached check:
    numeric columns keep no value list, and text ones either keep one or are attached as
    high-cardinality names, so an empty value list alone does not say "numbers"."""
    if d.dim_type != "categorical" or d.is_key:
        return False
    if any(not str(v).replace(".", "", 1).lstrip("-").isdigit() for v in d.values):
        return False  # text values
    texts, roles = attached_values(catalog)
    bases = [b for b, copies in roles.items() if d.name in copies] or [d.name]
    return not any(texts.get(b) for b in bases)


def attached_joins(catalog: Catalog) -> dict[str, frozenset[str]]:
    """The roles each metric of ``catalog`` joins through (see :func:`role_joins`)."""
    with _lock:
        hit = _registry.get(id(catalog))
    return hit[1][2] if hit is not None and hit[0]() is catalog else {}


def partial_names(value: str, stop: Iterable[str] = ()) -> list[str]:
    """Leading parts of a name a user may type for it, shortest first.

    English: the leading one or two words of a capitalised name (never a lone stop word, never
    the whole value; codes with ``_`` and lower-case values have none); Chinese: every leading
    run of at least two characters short of the whole name.

    >>> partial_names("Acme Trading Co., Ltd.")
    ['Acme', 'Acme Trading']
    >>> partial_names("上海徐汇店")
    ['上海', '上海徐', '上海徐汇']
    >>> partial_names("JFK"), partial_names("partially_refunded"), partial_names("in transit")
    ([], [], [])
    """
    stop = set(stop)
    out: list[str] = []
    run = _CJK_RUN.match(value)
    if run:
        text = run.group(0)
        longest = min(len(text), len(value) - 1, MAX_PARTIAL_CHARS)
        out += [text[:n] for n in range(MIN_PARTIAL_CHARS, longest + 1)]
        return out
    if "_" in value or not value[:1].isupper():
        return out  # codes ("partially_refunded") and lower-case words are not proper names
    words = re.findall(r"[A-Za-z][A-Za-z'&.-]*|\d+", value)
    for n in (1, 2):
        if len(words) > n:
            part = " ".join(words[:n]).rstrip(".,-&'")
            if len(part) >= 3 and part.lower() not in stop and part != value:
                out.append(part)
    if _surname(words, stop):
        out.append(words[1])
    return out


#: ECDICT's mark of a headword that is a family name ("汉森（姓氏）")
_SURNAME_MARK = "姓"


def _surname(words: list[str], stop: set[str]) -> bool:
    """Whether a two-word capitalised name ends in a surname a user may type alone.

    Why: people are named by their family name ("Haaland" for "Erling Haaland"), which is no
    leading part. Only a second word that is no English word (no dictionary knows it) or one
    ECDICT marks as a family name (姓氏) counts: "Acme Trading" never yields "Trading", which a
    question may use as a word.

    >>> _surname(["Erling", "Haaland"], set()), _surname(["Acme", "Trading"], set())
    (True, False)
    """
    if len(words) != 2 or not all(w.isalpha() and w[:1].isupper() for w in words):
        return False
    last = words[1].lower()
    if len(last) < 3 or last in stop:
        return False
    text = ecdict.translation(last)
    known = bool(text) or cedict.STORE().get("known", last) is not None
    return not known or _SURNAME_MARK in text


@dataclass
class PartialIndex:
    """Partial name -> the (dimension, value) pairs it may stand for."""

    partials: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, dim: str, value: str, stop: Iterable[str] = ()) -> None:
        """Index the partial names of one value.

        A partial shared by many values ("上海" of 8,000 stores) keeps only the first
        :data:`MAX_KEPT`: enough to know it is ambiguous and to offer a few readings, without
        a list per partial as long as the dimension.
        """
        for part in partial_names(value, stop):
            hits = self.partials.setdefault(part, [])
            if len(hits) < MAX_KEPT and (dim, value) not in hits:
                hits.append((dim, value))


def with_role_dimensions(
    catalog: Catalog,
    roles: dict[str, tuple[str, ...]],
    joins: dict[str, frozenset[str]] | None = None,
) -> Catalog:
    """``catalog`` with every role-qualified copy of a role-playing dimension listed, for the
    metrics that reach that role's entity (``destination_dock__code`` for a metric of
    crossings, which joins docks as origin and as destination); with ``joins``
    (:func:`role_joins`), only for the roles a metric joins through."""
    if not roles:
        return catalog
    known = {d.name: d for d in catalog.dimensions}
    extra: list[CatalogDimension] = []
    for base, names in roles.items():
        d = known.get(base)
        if d is None:
            continue
        for name in names:
            if name not in known:
                entity = name.split("__")[0]
                label = f"{d.label} ({entity.replace('_', ' ')})"
                copy = dataclasses.replace(d, name=name, label=label, entity=entity)
                extra.append(copy)
                known[name] = copy
    metrics = []
    for m in catalog.metrics:
        added = [
            name
            for base, names in roles.items()
            for name in names
            if name not in m.dimensions
            and base in m.dimensions
            and name.split("__")[0] in m.dimensions
            and (joins is None or name.split("__")[0] in joins.get(m.name, frozenset()))
        ]
        metrics.append(dataclasses.replace(m, dimensions=(*m.dimensions, *added)) if added else m)
    return dataclasses.replace(
        catalog, metrics=tuple(metrics), dimensions=(*catalog.dimensions, *extra)
    )


def _fold(unit: str) -> str:
    """A word or number unit without apostrophes and accents ("são" -> "sao")."""
    if not unit.isascii():
        unit = "".join(
            ch for ch in unicodedata.normalize("NFKD", unit) if not unicodedata.combining(ch)
        )
    return unit.replace("'", "")


def spelling_key(units: Iterable[str]) -> str:
    """One string for every way of spacing, punctuating and abbreviating a name.

    ``units`` are the lexicon's normalized units (lower case, full-width folded by NFKC):
    words, numbers and CJK characters are kept without apostrophes and accents ("São" =
    "Sao"), the name abbreviations of :data:`NAME_ABBREVIATIONS` are folded to one form, ``&``
    is kept ("AT&T" = "AT and T"), and every other punctuation mark is dropped.

    >>> spelling_key(["la", "guardia"]), spelling_key(["laguardia"])
    ('laguardia', 'laguardia')
    >>> spelling_key(["o'hare"]), spelling_key(["st", ".", "cloud"]), spelling_key(["saint", "cloud"])
    ('ohare', 'stcloud', 'stcloud')
    >>> spelling_key(["e", "commerce"]), spelling_key(["a", "&", "b", "co", "."])
    ('ecommerce', 'a&bco')
    >>> spelling_key(["s", "ã", "o", "paulo"]), spelling_key(["o", "’", "hare"])
    ('saopaulo', 'ohare')
    """
    out = []
    for u in units:
        if u == "&":
            out.append(u)
        elif u[:1].isalnum():
            word = _fold(u)
            out.append(NAME_ABBREVIATIONS.get(word, word))
    return "".join(out)


def only_values(senses: Iterable[Any]) -> list[Any]:
    """``senses`` when every one is a value (else nothing: a spelling key never reaches a
    metric or a dimension, whose names have their own typo rules)."""
    got = list(senses)
    return got if got and all(s.kind == "value" for s in got) else []


def one_value(a: list[Any], b: list[Any]) -> bool:
    """Whether two lists of value senses name the same value (in one or several roles)."""
    return {s.value for s in a} == {s.value for s in b}


def spelling_index(terms: dict[tuple[str, ...], list[Any]]) -> tuple[dict[str, list[Any]], int]:
    """Spelling key -> the value senses of ``terms`` it stands for, and the longest key in units.

    Only keys that a different spacing or punctuation could reach are stored (a one-word
    value is found through its own unit key at lookup, see ``Lexicon.spelled``). A key shared
    by two different values maps to an empty list: "never a guess across values" — the word
    then stays unknown and is refused with suggestions.
    """
    index: dict[str, list[Any]] = {}
    longest = 0
    for key, senses in terms.items():
        if len(key) > MAX_SPELLING_UNITS or senses[0].kind != "value":
            continue
        vals = only_values(senses)
        if not vals or any("\u3400" <= u[:1] <= "\u9fff" for u in key):
            continue  # Chinese names match by their characters, spaced or not
        skey = spelling_key(key)
        if len(skey) < 3 or skey.isdigit() or (len(key) == 1 and skey == key[0]):
            continue  # two letters are a word or an initialism; numbers match as typed
        have = index.get(skey)
        if have is None:
            index[skey] = vals
        elif have and not one_value(have, vals):
            index[skey] = []
        longest = max(longest, len(key))
    return index, longest
