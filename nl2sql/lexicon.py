"""The rules engine's vocabulary, built from a semantic model's catalog (never hard-coded).

Why character units for Chinese: a term such as "退货率" must be found inside "找出最近30天退货率>15%"
whatever jieba decides about its neighbours, so matching runs over units (one per CJK character,
one per English word, number or operator) with leftmost-longest lookup. jieba, loaded with every
model term as a user word, segments what is *left over* into words, so an unknown word such as
"颜色" is reported whole (and triggers a refusal with suggestions) instead of character by
character. rapidfuzz fixes English typos ("retrun", "chanel") against the model's own words.

The text form every match runs on (:func:`normalize`, :func:`units`, :func:`key_of`) is
``nl2sql.normalize``'s; those names stay importable from here.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from nl2sql.flag_words import flag_values, flag_words, no_side
from nl2sql.general import ROLES, STOP_EN
from nl2sql.normalize import UNIT_RE, plain_value_text
from nl2sql.normalize import Unit as Unit
from nl2sql.normalize import acronyms as acronyms
from nl2sql.normalize import key_of as key_of
from nl2sql.normalize import normalize as normalize
from nl2sql.normalize import units as units
from nl2sql.normalize import value_key as value_key
from nl2sql.published import prefer_published, without_partial_implied
from nl2sql.segmenter import ExtraWords, Segmenter
from nl2sql.vocabulary import bridges_for
from nl2sql.vocabulary.label_cores import label_cores, label_form_terms
from nl2sql.vocabulary.partial_zh import chinese_partials
from nl2sql.vocabulary.places import state_bridges_for
from nl2sql.vocabulary.values import (
    PartialIndex,
    attached_joins,
    attached_values,
    one_value,
    only_values,
    owner_compounds,
    role_compounds,
    spelling_index,
    spelling_key,
)
from semantic_layer.catalog import Catalog


@dataclass(frozen=True)
class Sense:
    """What a term can mean: a metric, a dimension, an entity or one value of a dimension."""

    kind: str  # metric | dimension | entity | value
    name: str
    value: str | None = None
    strong: bool = True  # matched by name or label (not only by a synonym)
    via: str = ""  # set when reached only through a vocabulary bridge: the model's own word


def _plural_variants(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = key[-1] if key else ""
    if not last.isascii() or not last.isalpha() or len(last) < 2:
        return []
    forms = {last + "s", last + "es"}
    if last.endswith("y"):
        forms.add(last[:-1] + "ies")
    if last.endswith("s"):
        forms.add(last[:-1])
    return [(*key[:-1], f) for f in forms]


def _plural_modifier(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """ "claims frequency" for a metric "claim frequency": users often keep the plural of the
    thing a two-word metric is about ("orders value"); only the modifier's regular plural."""
    first = key[0] if len(key) == 2 else ""
    if not first.isascii() or not first.isalpha() or len(first) < 3 or first.endswith("s"):
        return []
    plural = (
        first[:-1] + "ies" if first.endswith("y") and first[-2:-1] not in "aeiou" else first + "s"
    )
    return [(plural, key[1])]


@dataclass
class Lexicon:
    """Term -> senses for one catalog, plus what fuzzy matching and suggestions need."""

    catalog: Catalog
    terms: dict[tuple[str, ...], list[Sense]] = field(default_factory=dict)
    general: dict[tuple[str, ...], str] = field(default_factory=dict)
    max_len: int = 1
    vocab_words: list[str] = field(default_factory=list)  # English words of model terms
    suggestion_terms: dict[str, list[Sense]] = field(default_factory=dict)
    boolean_dims: frozenset[str] = frozenset()
    # upper-case values that are also grammar words ("US" / "us"): matched only when typed in
    # capitals, so "GMV to US" filters while "show us GMV" does not
    caps_terms: dict[tuple[str, ...], list[Sense]] = field(default_factory=dict)
    # words whose only link to the model is a bridge below the answer threshold: a question
    # using one is refused with that reading offered, never answered on it
    clarify: dict[str, list[Sense]] = field(default_factory=dict)
    # bridged words for time dimensions (发货日期 for `ship_date`), dimension -> words: time
    # dimensions are not lexicon terms, the rules' time axes read these next to the names
    time_phrases: dict[str, list[str]] = field(default_factory=dict)
    # the Chinese terms given to jieba as words (the model's terms and bridges, not the value
    # index): kept so a lexicon read from the disk cache registers exactly the same words
    #: its Chinese terms as segmenter words of its own (taken before the value index is added)
    segment_words: ExtraWords | None = None
    #: values by spelling key ("laguardia" for "La Guardia"; ``nl2sql.vocabulary.values``)
    spelling: dict[str, list[Sense]] = field(default_factory=dict)
    spelling_max: int = 0  # the longest value (in units) with a spelling key
    #: role-playing dimensions (base -> its role-qualified names) and, per metric, the roles
    #: it joins through (``nl2sql.vocabulary.values``; read by ``nl2sql.rules.roles``)
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    role_joins: dict[str, frozenset[str]] = field(default_factory=dict)
    #: verb forms that name a model term's event ("flown" -> `flights`, 出发 -> departure
    #: date) and support verbs (kind ``light``): never terms, read by the rules' verb pass
    verbs: dict[tuple[str, ...], list[Sense]] = field(default_factory=dict)
    #: the verb forms that say when something happened (past forms, Chinese verbs)
    dated_verbs: set[tuple[str, ...]] = field(default_factory=set)
    #: place names added as bridges to coded values ("texas" for TX; ``vocabulary.places``)
    place_keys: set[tuple[str, ...]] = field(default_factory=set)
    #: Chinese words that gloss an English word of the model (建筑 -> building): parts of the
    #: compounds the rules read part by part (``vocabulary.compose_zh``), never terms
    parts: dict[str, set[str]] = field(default_factory=dict)

    def lookup(self, seq: tuple[str, ...]) -> list[Sense] | None:
        """Senses of a unit tuple, None when it is not a model term."""
        return self.terms.get(seq)

    def spelled(self, seq: tuple[str, ...]) -> list[Sense]:
        """The value senses ``seq`` names when spacing, punctuation and name abbreviations
        are ignored ("La Guardia" typed for "LaGuardia"); empty when none, or when the
        spelling fits two different values."""
        skey = spelling_key(seq)
        if not skey:
            return []
        hit = self.spelling.get(skey)
        # the name typed without its spaces may also be a one-word value ("Northgate" and
        # "North Gate"): two values, so neither
        plain = [] if len(seq) == 1 and skey == seq[0] else self.terms.get(_plain_key(skey), [])
        plain = only_values(plain)
        if hit is None:
            return plain
        return hit if not plain or one_value(hit, plain) else []

    def describe(self, sense: Sense) -> str:
        """A short, human name for a sense, used in suggestions."""
        if sense.kind == "metric":
            m = self.catalog.metric(sense.name)
            return f"metric {m.label} ({m.name})" if m else sense.name
        if sense.kind == "dimension":
            d = self.catalog.dimension(sense.name)
            return f"dimension {d.label} ({d.name})" if d else sense.name
        if sense.kind == "entity":
            return f"entity {sense.name}"
        return f"value {sense.value} of {sense.name}"

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """The model terms closest to ``text`` (for refusals), best first, as readable strings.

        Chinese words are compared with Chinese terms and English with English, so that a
        suggestion is a plausible alternative rather than an accident of the scorer; when
        nothing is close, the first metrics of the model are offered instead.
        """
        word = normalize(text)
        out: list[str] = [self.describe(s) for s in self.clarify.get(word, [])]
        if word and not out:
            cjk = any("\u3400" <= ch <= "\u9fff" for ch in word)
            pool = [
                t
                for t in self.suggestion_terms
                if any("\u3400" <= ch <= "\u9fff" for ch in t) == cjk
            ]
            scorer = fuzz.ratio if cjk else fuzz.WRatio
            for term, score, _ in process.extract(word, pool, scorer=scorer, limit=limit * 3):
                if score < (51 if cjk else 60):
                    continue
                for sense in self.suggestion_terms[term]:
                    label = self.describe(sense)
                    if label not in out:
                        out.append(label)
        if not out:
            out = [self.describe(Sense("metric", m.name)) for m in self.catalog.metrics]
        return out[:limit]


def _add(lex: Lexicon, term: str, sense: Sense, plurals: bool = True) -> None:
    if not term or not term.strip():
        return
    key = value_key(term) if sense.kind == "value" else key_of(term)
    if not key:
        return
    keys = [key, *(_plural_variants(key) if plurals else [])]
    if plurals and sense.kind == "metric":
        # a metric's name only: "purchases cancelled" must stay the purchases beside a verb,
        # not become the "purchase cancelled" dimension
        keys += _plural_modifier(key)
    # no singular that is a grammar word: "by", of the acronym "bys" (Booking Yield Score)
    short = [k for k in keys[1:] if len(k) == 1 and len(k[0]) < len(key[-1])]
    keys = [k for k in keys if k not in short or not _is_general_word(k[0])]
    for k in keys:
        senses = lex.terms.setdefault(k, [])
        same = next(
            (
                s
                for s in senses
                if (s.kind, s.name, s.value) == (sense.kind, sense.name, sense.value)
            ),
            None,
        )
        if same is None:
            senses.append(sense)
        elif sense.strong and not same.strong:
            senses[senses.index(same)] = sense
        lex.max_len = max(lex.max_len, len(k))
    lex.suggestion_terms.setdefault(normalize(term), []).append(sense)


_BOOL_VALUES = {"true", "false"}
#: at most this many readings are listed when a word fits several values
MAX_CLARIFY = 8


def _is_general_word(term: str) -> bool:
    """A data value such as "in"/"out"/"all" that is also a grammar word: matching it as a value
    would turn "GMV in Q3" into a filter, so such values are only reachable via synonyms."""
    key = key_of(term)
    return len(key) == 1 and (key[0] in STOP_EN or key[0] in ROLES)


def _is_acronym(term: str) -> bool:
    return len(term) >= 2 and term.isascii() and term.isalpha() and term.isupper()


def _is_word_value(term: str) -> bool:
    """A value spelled like a grammar word ("US", "us"): reached in capitals or after "the"."""
    return len(term) >= 2 and term.isascii() and term.isalpha()


def _add_caps(lex: Lexicon, term: str, sense: Sense) -> None:
    senses = lex.caps_terms.setdefault(key_of(term), [])
    if all((s.kind, s.name, s.value) != (sense.kind, sense.name, sense.value) for s in senses):
        senses.append(sense)


def build_lexicon(catalog: Catalog) -> Lexicon:
    """Every way the catalog lets a user name something, keyed by unit tuples."""
    lex = Lexicon(catalog=catalog)
    for m in catalog.metrics:
        _add(lex, m.name, Sense("metric", m.name))
        _add(lex, m.label, Sense("metric", m.name))
        for syn in m.synonyms:
            _add(lex, syn, Sense("metric", m.name, strong=False))
    for e in catalog.entities:
        _add(lex, e.name, Sense("entity", e.name))
        _add(lex, e.label, Sense("entity", e.name))
        for syn in e.synonyms:
            _add(lex, syn, Sense("entity", e.name, strong=False))
    booleans = set()
    for d in catalog.dimensions:
        if d.dim_type == "time":
            continue
        short = d.name.split("__")[-1]
        sense = Sense("dimension", d.name)
        _add(lex, d.name, sense)
        entity_names = {e.name for e in catalog.entities}
        # a dimension that only repeats its entity's name ("sku__sku") is the entity itself
        if short not in entity_names:
            _add(lex, short, sense)
        _add(lex, d.label, sense)
        for syn in d.synonyms:
            _add(lex, syn, Sense("dimension", d.name, strong=False))
        values = {str(v).lower() for v in d.values}
        syn_keys = {str(k).lower() for k in d.value_synonyms}
        if (values or syn_keys) and (values | syn_keys) <= _BOOL_VALUES:
            # yes/no dimensions: the bare word filters on true ("预售订单"), value synonyms
            # ("现货", "B2C") name either side
            booleans.add(d.name)
            for v, words in d.value_synonyms.items():
                for w in words:
                    _add(
                        lex,
                        w,
                        Sense("value", d.name, value=str(v).lower(), strong=False),
                        plurals=False,
                    )
            continue
        for v in d.values:
            if not _is_general_word(str(v)):
                _add(lex, str(v), Sense("value", d.name, value=str(v)), plurals=False)
            elif _is_word_value(str(v)):
                _add_caps(lex, str(v), Sense("value", d.name, value=str(v)))
        for v, words in d.value_synonyms.items():
            for w in words:
                if not _is_general_word(w):
                    _add(lex, w, Sense("value", d.name, value=str(v), strong=False), plurals=False)
                elif _is_acronym(w):
                    _add_caps(lex, w, Sense("value", d.name, value=str(v), strong=False))
            if _is_general_word(str(v)) and _is_acronym(str(v)):
                _add_caps(lex, str(v), Sense("value", d.name, value=str(v)))
    lex.boolean_dims = frozenset(booleans)
    for m in catalog.metrics:  # "The number of free meetings booked." -> "free meetings booked"
        for core in label_cores(m.label):
            if key_of(core) not in lex.terms:
                _add(lex, core, Sense("metric", m.name))
    for form, name in label_form_terms(catalog.metrics, lex.terms):  # "S&M spend ($)"
        _add(lex, form, Sense("metric", name))
    for word, role in ROLES.items():
        k = key_of(word)
        if k and k not in lex.general:
            lex.general[k] = role
            lex.max_len = max(lex.max_len, len(k))
    # typo correction targets the model's own words and its few categorical values only: a
    # typo fixed into a bridged word would stack two guesses ("singles" -> "saving"), and one
    # of thousands of names is always close to some word ("median" -> "Medina")
    lex.vocab_words = sorted(
        {w for k in lex.terms for w in k if w.isascii() and w.isalpha() and len(w) >= 3}
    )
    _add_bridges(lex, catalog)
    _add_flag_words(lex, catalog)
    prefer_published(lex.terms, catalog)
    prefer_published(lex.clarify, catalog)
    # before the value index: it may hold 100,000 names, matched unit by unit like every
    # term; making each a segmenter word would cost more than the index itself
    term_texts = {"".join(key) for key in lex.terms}
    chinese = (w for w in term_texts if any("\u3400" <= ch <= "\u9fff" for ch in w))
    lex.segment_words = ExtraWords.of(chinese, TERM_FREQ)
    _add_value_index(lex, catalog)
    lex.spelling, lex.spelling_max = spelling_index(lex.terms)
    return lex


def _plain_key(text: str) -> tuple[str, ...]:
    """The unit tuple of a spelling key (how a value typed without spaces is keyed)."""
    return tuple(m.group(0) for m in UNIT_RE.finditer(text))


#: characters :func:`normalize` may rewrite as digits; values without them skip that step
_CJK_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千万亿]")


def _add_index_value(lex: Lexicon, dim: str, value: str) -> None:
    """One value of the value index: like :func:`_add` for a value, with one normalization
    and no fuzzy-suggestion entry (the index may hold 100,000 names; suggestions come from the
    catalog's own terms)."""
    text = normalize(value) if _CJK_NUMERAL.search(value) else plain_value_text(value)
    key = _plain_key(text)
    if not key:
        return
    sense = Sense("value", dim, value=value)
    if len(key) == 1 and (key[0] in STOP_EN or key[0] in ROLES):
        if _is_word_value(value):
            _add_caps(lex, value, sense)
        return
    clash = key in lex.place_keys and any(x.name != dim for x in lex.terms.get(key, []))
    if clash and _place_name_clash(lex, value, key, sense):
        return
    senses = lex.terms.setdefault(key, [])
    if sense not in senses:
        senses.append(sense)
    if len(key) > lex.max_len:
        lex.max_len = len(key)


def _place_name_clash(lex: Lexicon, text: str, key: tuple[str, ...], *senses: Sense) -> bool:
    """A place name that is also a value of another dimension: the user says which.

    Why: "sales to Texas" on data with a city named Texas answered the city, while "Texas"
    names the state TX just as surely (``nl2sql.vocabulary.places``). Both readings go to a
    clarification and the word stops being a term, so the question is refused with both.
    """
    readings = [*senses, *(x for x in lex.terms.get(key, []) if x.kind == "value")]
    others = {(x.name, x.value) for x in readings}
    if len(others) < 2 or any(x.kind != "value" for x in lex.terms.get(key, [])):
        return False
    lex.terms.pop(key, None)
    clar = lex.clarify.setdefault(normalize(text), [])
    for x in readings:
        weak = Sense("value", x.name, value=x.value, strong=False, via=f"{x.value} ({x.name})")
        if weak not in clar:
            clar.append(weak)
    return True


def _add_value_index(lex: Lexicon, catalog: Catalog) -> None:
    """High-cardinality values (``nl2sql.vocabulary.values``) and partial names of all values.

    A partial name ("Acme", "上海") that fits one value becomes a weak term carrying the full
    value as ``via``; one that fits several becomes a clarification listing them, so the
    engine asks instead of picking one.
    """
    extra, roles = attached_values(catalog)
    lex.roles, lex.role_joins = roles, attached_joins(catalog)
    for term, entity in role_compounds(roles):  # "ship-to customer" for ship_customer
        if key_of(term) not in lex.terms:
            _add(lex, term, Sense("entity", entity, strong=False), plurals=True)
    for term, dim in owner_compounds(catalog, roles):  # "destination airport name"
        if key_of(term) not in lex.terms:
            _add(lex, term, Sense("dimension", dim, strong=False))
    for dim, vals in extra.items():  # state names of indexed state codes (Texas for TX)
        for b in state_bridges_for(dim, vals):
            places = [Sense("value", n, value=b.value, via=b.via) for n in roles.get(dim, (dim,))]
            key = value_key(b.term)
            if key in lex.terms:
                _place_name_clash(lex, b.term, key, *places)
            elif key and key not in lex.general:
                for place in places:  # a table in two roles: one reading per role
                    _add(lex, b.term, place, plurals=False)
                lex.place_keys.add(key)
    dims_of: dict[str, list[str]] = defaultdict(list)
    for dim, vals in extra.items():
        for v in vals:
            dims_of[v].append(dim)
    for v, dims in dims_of.items():
        if len(dims) == 1:
            # a table in two roles: one reading per role, for direction words to choose
            for name in roles.get(dims[0], dims[:1]):
                _add_index_value(lex, name, v)
        elif not any(s.kind != "value" for s in lex.terms.get(value_key(v), [])):
            # one name in two different dimensions: which one is meant is the user's to say
            lex.clarify.setdefault(normalize(v), []).extend(
                Sense("value", d, value=v, strong=False, via=f"{v} ({d})") for d in dims
            )
    partial = PartialIndex()
    stop = STOP_EN | set(ROLES)
    for d in catalog.dimensions:
        if d.name in lex.boolean_dims or (
            d.name.split("__")[0] != (d.entity or "")
            and any(d.name in names for names in roles.values())
        ):
            continue  # role copies are indexed through their base dimension
        for v in (*d.values, *extra.get(d.name, ())):
            partial.add(d.name, str(v), stop)
    for part, hits in partial.partials.items():
        key = value_key(part)
        if not key or key in lex.terms or key in lex.general:
            continue
        if len(hits) == 1:
            dim, value = hits[0]
            for name in roles.get(dim, (dim,)):  # a table in two roles: one reading per role
                _add(lex, part, Sense("value", name, value=value, strong=False, via=value), False)
        else:
            lex.clarify[normalize(part)] = [
                Sense("value", dim, value=value, strong=False, via=value)
                for dim, value in hits[:MAX_CLARIFY]
            ]
    for zh, dim, value in chinese_partials(partial.partials, lex.terms):  # 信用卡: "Credit card"
        _add(lex, zh, Sense("value", dim, value=value, strong=False, via=value), False)


def _add_bridges(lex: Lexicon, catalog: Catalog) -> None:
    """Words users type for model terms the model never lists (see ``nl2sql.vocabulary``).

    A bridge never shadows the model's own terms or general language: only words that would
    otherwise be unknown are added, confident ones as terms (weak senses carrying ``via``, so
    the answer shows "门店 → location"), the rest as clarifications.
    """
    own = set(lex.terms)
    for b in without_partial_implied(bridges_for(catalog), catalog):
        if b.kind == "part":
            lex.parts.setdefault(b.term, set()).add(b.name)
            continue
        key = key_of(b.term) if b.kind != "value" else value_key(b.term)
        if b.source == "gazetteer" and key in own:
            place = Sense("value", b.name, b.value, strong=False, via=b.via)
            _place_name_clash(lex, b.term, key, place)
            continue
        if not key or key in own or key in lex.general or b.term in STOP_EN:
            continue
        if b.source.startswith(("verb", "light")):
            verb = Sense(b.kind, b.name, b.value, strong=False, via=b.via)
            if verb not in lex.verbs.setdefault(key, []):
                lex.verbs[key].append(verb)
            if b.source.endswith("+past"):
                lex.dated_verbs.add(key)
            continue
        if b.kind == "time":
            if b.accepted:
                lex.time_phrases.setdefault(b.name, []).append(b.term)
            continue
        sense = Sense(b.kind, b.name, b.value, strong=False, via=b.via)
        if b.accepted:
            _add(lex, b.term, sense, plurals=b.term.isascii() and b.source != "value")
            if b.source == "gazetteer":
                lex.place_keys.add(key)
        else:
            senses = lex.clarify.setdefault(normalize(b.term), [])
            if sense not in senses:
                senses.append(sense)


def _add_flag_words(lex: Lexicon, catalog: Catalog) -> None:
    """ "organic" / "有机" for a yes/no flag ``is_organic_product`` (``nl2sql.flag_words``):
    weak, bridged terms, only where the model and general language have no such word."""
    taken = set(lex.terms)  # words the model already has; flags sharing a word all keep it
    for d in catalog.dimensions:
        if d.name not in lex.boolean_dims and flag_values(d) is None:
            continue
        for word in flag_words(d):
            key = key_of(word)
            if key and key not in taken and key not in lex.general and word not in STOP_EN:
                _add(lex, word, Sense("dimension", d.name, strong=False, via=d.label))
        no, words = no_side(d, d.name in lex.boolean_dims)
        for word in words:
            key = key_of(word)
            if not key or key in lex.general or word in STOP_EN:
                continue
            sense = Sense("value", d.name, value=no, strong=False, via=f"{d.label}: no")
            if key not in taken:
                _add(lex, word, sense)
            elif all(not s.strong and s.name == d.name for s in lex.terms.get(key, [])):
                lex.terms[key] = [sense]  # `is_active` described "… is inactive": its no side


def clarification(words: list[str], lex: Lexicon) -> tuple[str, str, list[Sense]] | None:
    """A clarifying refusal for unknown ``words`` that all have readings the vocabulary knows
    only weakly (a partial name that fits several values, a word bridged below the threshold).

    Returns the reason in English and in Chinese and the readings of the first word (the
    refusal's suggestions rewrite the question with each); None when some word has none.
    """
    readings = [(w, lex.clarify.get(normalize(w), [])) for w in words]
    if not words or not all(r for _, r in readings):
        return None
    word, senses = readings[0]
    names = list(dict.fromkeys(s.via or s.value or s.name for s in senses))
    return (
        f"'{word}' could mean {' or '.join(names)}; say which one",
        f"「{word}」可能指：{'、'.join(names)}，请说明是哪一个",
        senses,
    )


# ---- jieba: quiet, one dictionary cache per user (reused by every process), one tokenizer ------
_jieba_lock = threading.Lock()
_jieba_tokenizer: Segmenter | None = None
#: the frequency jieba's ``add_word`` gives a model term, so it wins over the words it contains
TERM_FREQ = 200_000


def _tokenizer() -> Segmenter:
    global _jieba_tokenizer
    with _jieba_lock:
        if _jieba_tokenizer is None:
            # jieba's segmentation over its dictionary on disk (nl2sql.segmenter): a question
            # looks up its own substrings instead of loading 350,000 words per process
            _jieba_tokenizer = Segmenter()
        return _jieba_tokenizer


def segment(text: str, lex: Lexicon | None = None) -> list[str]:
    """jieba words of a Chinese fragment (``lex``'s terms kept whole; none without one).

    Why the terms travel with the lexicon instead of jieba's process-wide ``add_word``: one
    model's terms would otherwise re-cut another model's questions in the same process.
    """
    extra = lex.segment_words if lex is not None else None
    return [w for w in _tokenizer().cut(text, HMM=False, extra=extra) if w.strip()]


def correct_typo(word: str, lex: Lexicon) -> str | None:
    """The model word an English typo most likely means ("retrun" -> "return"), or None.

    Only long-enough words with one clear best match are corrected, so a real unknown word is
    reported instead of silently replaced.
    """
    if len(word) < 4 or word in STOP_EN or not lex.vocab_words:
        return None
    hits = process.extract(word, lex.vocab_words, scorer=fuzz.ratio, limit=2)
    if not hits or hits[0][1] < (80 if len(word) >= 6 else 86):
        return None
    if len(hits) > 1 and hits[1][1] == hits[0][1]:
        return None
    alone = lex.terms.get((hits[0][0],))
    if alone and all(s.via for s in alone):
        return None  # the fixed word would only match through a bridge: two guesses stacked
    return hits[0][0]


# ---- per-catalog cache --------------------------------------------------------------------------
_cache: dict[int, tuple[Catalog, Lexicon]] = {}
_cache_lock = threading.Lock()


def lexicon_for(catalog: Catalog) -> Lexicon:
    """The (cached) lexicon of a catalog object."""
    with _cache_lock:
        hit = _cache.get(id(catalog))
        if hit is not None and hit[0] is catalog:
            return hit[1]
    lex = build_lexicon(catalog)
    adopt_lexicon(lex)
    return lex


def adopt_lexicon(lex: Lexicon) -> None:
    """Use ``lex`` (built elsewhere, e.g. read from ``nl2sql.startup_cache``) for its catalog.

    :func:`lexicon_for` then returns it for ``lex.catalog`` instead of building another (its
    segmenter words came with it).
    """
    with _cache_lock:
        if len(_cache) > 16:
            _cache.clear()
        _cache[id(lex.catalog)] = (lex.catalog, lex)
