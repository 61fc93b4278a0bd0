"""The lexicon's data: :class:`Sense`, :class:`Lexicon` and how one term is added to it.

Why a module of its own: ``nl2sql.lexicon`` builds a lexicon from a catalog and
``nl2sql.lexicon_values`` adds the value index to it; both add terms the same way
(:func:`add_term`, :func:`add_caps`), so the class and those helpers live below both.
``nl2sql.lexicon`` re-exports :class:`Sense` and :class:`Lexicon`, the names the rules import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from nl2sql.general import ROLES, STOP_EN
from nl2sql.normalize import UNIT_RE, has_cjk, key_of, normalize, value_key
from nl2sql.segmenter import ExtraWords
from nl2sql.vocabulary.values import one_value, only_values, spelling_key
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


def is_letter_value(value: str) -> bool:
    """Whether a data value is one capital letter (an ABC class "A", a tier "I", a grade "B"):
    also the article "a" or the pronoun "I", so it is read only where neither can stand
    (``nl2sql.lexicon``, ``rules.tokenize``; ``rules.dropped_codes`` refuses where it was
    dropped). One test for both, so the letters read and the letters checked are the same.

    >>> is_letter_value("A"), is_letter_value("a"), is_letter_value("AB"), is_letter_value("Ä")
    (True, False, False, False)
    """
    return len(value) == 1 and value.isascii() and value.isupper()


#: endings whose English plural adds "-es" (branch -> branches, box -> boxes)
_ES_ENDINGS = ("ch", "sh", "s", "x", "z")


def es_plural(value: str) -> str | None:
    """The "-es" plural of a one-word value, else None (a value's own term takes no plural).

    Why: "net sales at branches" on a model whose location type is `branch` was refused as an
    unknown word; "-s" plurals of a value already read as the value ("onsites"), "-es" ones
    did not. Only plain words of three letters or more.

    >>> es_plural("branch"), es_plural("box"), es_plural("onsite"), es_plural("A"), es_plural("a b")
    ('branches', 'boxes', None, None, None)
    """
    if len(value) < 3 or not value.isascii() or not value.isalpha():
        return None
    return value + "es" if value.lower().endswith(_ES_ENDINGS) else None


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
    #: :meth:`suggestion_pool`'s split of ``suggestion_terms`` by script, with the dict and
    #: size it was taken from (not an init field: a copy made by ``dataclasses.replace`` starts
    #: without it)
    _pools: tuple[object, int, list[str], list[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def suggestion_pool(self, cjk: bool) -> list[str]:
        """The suggestion terms written in Chinese (``cjk``) or not, in their insertion order.

        Why one pool per lexicon: a refusal compares each unknown word with every term of its
        own script (:meth:`suggest`, ``rules.closest.closest_senses`` and
        ``rules.closest.rendered_senses``), and splitting ~13,000 terms by ``has_cjk`` on each of
        those calls was most of a refusal's cost. Terms are added after the lexicon is built
        (the value index, a model's bridges), never removed, so the split is taken again when
        the dict's size or identity changed since it was made.
        """
        got = self._pools
        terms = self.suggestion_terms
        if got is None or got[0] is not terms or got[1] != len(terms):
            zh: list[str] = []
            other: list[str] = []
            for t in terms:
                (zh if has_cjk(t) else other).append(t)
            got = self._pools = (terms, len(terms), zh, other)
        return got[2] if cjk else got[3]

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
        plain = [] if len(seq) == 1 and skey == seq[0] else self.terms.get(plain_key(skey), [])
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
            cjk = has_cjk(word)
            pool = self.suggestion_pool(cjk)
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


#: most units (words, numbers, CJK characters) of a term the engine matches. Why a bound: the
#: tokenizer tries every length up to the longest term at every unit of a question, so one
#: data value of 10,000 characters made a 400-character question cubic (session 23: 12-25 s
#: per question); no one types a name longer than this, and its leading parts stay partials
MAX_TERM_UNITS = 64


def add_term(lex: Lexicon, term: str, sense: Sense, plurals: bool = True) -> None:
    if not term or not term.strip():
        return
    key = value_key(term) if sense.kind == "value" else key_of(term)
    if not key or len(key) > MAX_TERM_UNITS:
        return
    keys = [key, *(_plural_variants(key) if plurals else [])]
    if plurals and sense.kind == "metric":
        # a metric's name only: "purchases cancelled" must stay the purchases beside a verb,
        # not become the "purchase cancelled" dimension
        keys += _plural_modifier(key)
    # no singular that is a grammar word: "by", of the acronym "bys" (Booking Yield Score)
    short = [k for k in keys[1:] if len(k) == 1 and len(k[0]) < len(key[-1])]
    keys = [k for k in keys if k not in short or not is_general_word(k[0])]
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


def is_general_word(term: str) -> bool:
    """A data value such as "in"/"out"/"all" that is also a grammar word: matching it as a value
    would turn "GMV in Q3" into a filter, so such values are only reachable via synonyms."""
    key = key_of(term)
    return len(key) == 1 and (key[0] in STOP_EN or key[0] in ROLES)


def is_word_value(term: str) -> bool:
    """A value spelled like a grammar word ("US", "us"): reached in capitals or after "the"."""
    return len(term) >= 2 and term.isascii() and term.isalpha()


def add_caps(lex: Lexicon, term: str, sense: Sense) -> None:
    senses = lex.caps_terms.setdefault(key_of(term), [])
    if all((s.kind, s.name, s.value) != (sense.kind, sense.name, sense.value) for s in senses):
        senses.append(sense)


def plain_key(text: str) -> tuple[str, ...]:
    """The unit tuple of a spelling key (how a value typed without spaces is keyed)."""
    return tuple(m.group(0) for m in UNIT_RE.finditer(text))
