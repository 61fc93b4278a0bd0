"""English word handling for the vocabulary bridges: splitting names, content words, thesaurus.

Why these rules: a dbt model names things ``company_claim_number`` or ``orderGrossProfit`` and
describes them in a sentence; users say "claim number", "gross profit" or the word the
description uses ("the agent who sold it"). English compounds are head-final, so a name's
*suffixes* ("gross profit", "profit") still name the same thing while its prefixes ("order
gross") do not; a description's content words name what the column holds. The thesaurus
(``thesaurus.yml``) is general business language, loaded once.

>>> name_words("company_claim_number"), name_words("orderGrossProfit")
(['company', 'claim', 'number'], ['order', 'gross', 'profit'])
>>> suffixes(["order", "gross", "profit"])
[['gross', 'profit'], ['profit']]
>>> singular("policies"), singular("addresses"), singular("sales"), singular("status")
('policy', 'address', 'sales', 'status')
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from nl2sql.vocabulary import morphology

# camelCase splits before a capital, except inside a letter-digit-letter code ("B2C", "P2P"),
# which stays one word as in a question (``nl2sql.normalize.UNIT_RE``): split into "b" and
# "c", the model's "B2C Revenue" offered "c revenue" and "B2C收入" never met its own name
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[0-9])(?=[A-Z][a-z])")
_WORD = re.compile(r"[a-z]+\d+[a-z][a-z0-9]*(?![a-z0-9.])|[a-z][a-z']*")

#: Words too general to name one thing on their own ("number", "date"): a name's last word of
#: this kind is never offered alone, and descriptions never contribute them.
GENERIC_HEADS = frozenset(
    """id key number no code name value amount total count sum type kind status flag date time
    day month year timestamp at ts dt indicator level rate ratio percent percentage pct avg
    average min max mean field column record row table entry data info information detail
    details text description label""".split()  # noqa: SIM905
)

#: Function words and verbs a description uses around the words that matter.
FUNCTION_WORDS = frozenset(
    """a an the of for in on at to from by with without within into onto over under about
    and or but nor not no yes is are was were be been being has have had do does did this that
    these those it its it's they their them there here which who whom whose what when where why
    how each every any all some one two per via as if than then also only just such same other
    own more most less least many much can could may might must shall should will would e.g.
    i.e. etc used use uses using given gives based whether either neither both up down out off
    so very we our you your he she his her him i me my identifier associated
    corresponding related relating refers refer referring represents represent representing
    indicates indicate indicating contains contain containing includes include including
    stored holds held means meaning shows shown listed tracks tracked recorded made makes
    sets took take takes taken sold sell sells bought buy buys paid pay pays gave give gives
    got get gets went goes came come comes kept keeps left sent spent brought built never
    always often usually again already still yet""".split()  # noqa: SIM905
)

#: the time units a cyclic position names: "time of day", "day of the week", "month of year"
TIME_UNITS = "time|minute|hour|day|week|month|quarter|year"
_CYCLIC = re.compile(rf"\b({TIME_UNITS}) of (?:the )?({TIME_UNITS})\b")

#: The aggregations (and the words for them) that make a metric an average, not a total: one
#: list for every rule that tells the two apart (an average's suffix beside a sum, "average X")
AVERAGE_AGGS = frozenset({"average", "avg", "mean"})

#: Words after which a name is no longer a head-final compound ("rate by order")
PREPOSITIONS = frozenset(
    "of for in on at to from by with without within into per via over under than vs and or".split()  # noqa: SIM905
)


def name_words(name: str) -> list[str]:
    """A name split into lower-case words (``snake_case``, ``camelCase``, spaces, ``__``)."""
    text = _CAMEL.sub(" ", name).replace("_", " ").replace("-", " ").lower()
    return _WORD.findall(text)


#: Two words joined by a hyphen. The look-behind starts a match only at a word's first letter:
#: without it every letter of a long word without a hyphen was a start whose greedy run
#: backtracked to it, quadratic in the word (session 30: a 30,000-letter label took 13 s, a
#: 1 MB one hours). It finds the same pairs: a start inside a word never matched anyway.
_HYPHENED = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-([A-Za-z]+)")


def hyphen_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The word pairs ``text`` writes joined by a hyphen, lower case ("On-Time" -> on, time).

    >>> sorted(hyphen_pairs("Box On-Time Pickup Rate, At-Risk Members"))
    [('at', 'risk'), ('on', 'time')]
    """
    return frozenset((a.lower(), b.lower()) for a, b in _HYPHENED.findall(text or ""))


def suffixes(words: list[str], joined: frozenset[tuple[str, str]] = frozenset()) -> list[list[str]]:
    """Proper suffixes of a compound, longest first; a lone generic head word is left out.

    Only the part before a function word is a compound: in "return rate by order" or "orders
    with a return" the head comes *before* the preposition, so no suffix is taken past it.
    A preposition the label hyphenates to the next word (``joined``: "On-Time", "At-Risk") is
    part of one modifier, not a phrase after the head, and no suffix starts inside the pair.

    >>> suffixes(["return", "rate", "by", "order"]), suffixes(["orders", "with", "a", "return"])
    ([], [])
    >>> suffixes(["box", "on", "time", "pickup", "rate"], frozenset({("on", "time")}))
    [['on', 'time', 'pickup', 'rate'], ['pickup', 'rate']]
    """

    def pair(i: int) -> bool:
        return i + 1 < len(words) and (words[i], words[i + 1]) in joined

    cut = next((i for i, w in enumerate(words) if w in PREPOSITIONS and not pair(i)), len(words))
    if cut < len(words):
        words = words[:cut]
    out = []
    for i in range(1, len(words)):
        tail = words[i:]
        if (len(tail) == 1 and tail[0] in GENERIC_HEADS) or pair(i - 1):
            continue
        out.append(tail)
    return out


def singular(word: str) -> str:
    """A conservative singular of an English noun (only the regular, unambiguous endings).

    A noun the lexicon knows only as its own lemma keeps its "s" ("species", "series",
    "news"): cut, "species" became "specy", which no dictionary glosses (物种 never reached a
    ``species`` entity).

    >>> singular("observations"), singular("categories"), singular("species"), singular("news")
    ('observation', 'category', 'species', 'news')
    """
    if len(word) <= 3 or not word.isalpha() or word.endswith(("ss", "us", "is", "sales")):
        return word
    if word.endswith("s") and morphology.noun_lemmas(word) == (word,):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def verb_stems(word: str) -> list[str]:
    """The verbs a noun or participle may come from, for "to ..." dictionary glosses.

    Over-generates on purpose ("cancellation" -> cancel, cancell...): only stems that are
    really glossed as verbs in the dictionary find anything.

    >>> verb_stems("cancelled")[:3], verb_stems("departure"), verb_stems("arrival")
    (['cancelled', 'cancell', 'cancel'], ['departure', 'depart', 'departe'], ['arrival', 'arriv', 'arrive'])
    """
    out = [word]
    for suffix in ("ation", "ition", "ion", "ment", "ure", "al", "ed", "ing", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            out += [stem, stem[:-1] if stem[-1:] == stem[-2:-1] else stem + "e"]
            break
    return list(dict.fromkeys(out))


def gerund(word: str) -> str | None:
    """The -ing form of a short verb-like word, None when the word already is one.

    Model names use the bare verb as a modifier ("pack mode", "order date"); users often say
    the gerund ("packing mode").

    >>> gerund("ship"), gerund("return"), gerund("store"), gerund("shipping")
    ('shipping', 'returning', 'storing', None)
    """
    if len(word) < 3 or not word.isalpha() or word.endswith("ing"):
        return None
    if word.endswith("e") and not word.endswith("ee"):
        return word[:-1] + "ing"
    vowels = "aeiou"
    one_syllable = len(re.findall(f"[{vowels}]+", word)) == 1
    if (
        one_syllable
        and word[-1] not in vowels + "wxy"
        and word[-2] in vowels
        and word[-3] not in vowels
    ):
        return word + word[-1] + "ing"
    return word + "ing"


def _is_verb_form(word: str) -> bool:
    """Past forms and adverbs ("departed", "cancelled", "usually") describe, they do not name.

    A short past form ("ended", "used") is one too when English morphology knows it as a
    past of a verb: "True when the visit ended in a successful charge" made "ended" a name
    of the success flag, and "visits ended with the stop reason X" kept only successes.

    >>> _is_verb_form("departed"), _is_verb_form("usually"), _is_verb_form("speed")
    (True, True, False)
    >>> _is_verb_form("ended"), _is_verb_form("used"), _is_verb_form("red"), _is_verb_form("bed")
    (True, True, False, False)
    """
    if len(word) > 5 and word.endswith("ly"):
        return True
    if not word.endswith("ed") or word.endswith("eed"):
        return False
    return len(word) > 5 or (len(word) > 3 and morphology.is_past(word))


def content_phrases(text: str, max_words: int = 2) -> list[str]:
    """The phrases of a description that can name what it describes.

    Runs of words that are neither function words nor generic heads; of each run, its tails of
    at most ``max_words`` words (the head noun and its nearest modifier). Only the first sentence counts: later ones tend to describe other
    things ("Joins to the customer table").

    >>> content_phrases("The insurance agent who sold the policy. Joins to agents.")
    ['insurance agent', 'agent', 'policy']
    >>> content_phrases("True when the flight never departed.")
    ['true', 'flight']

    A position of time inside a longer period ("time of day", "day of week", "hour of the
    day") is a phrase of its own: its words are generic heads, yet together they name what a
    column holds (a morning/evening bucket, a weekday), and read apart "by time of day" grouped
    by a `time` key and the day grain.

    >>> content_phrases("Time of day category (morning/afternoon/evening/night)")
    ['time of day', 'category', 'morning', 'afternoon', 'evening', 'night']
    """
    first = re.split(r"(?<=[.;!?])\s|\n", text.strip(), maxsplit=1)[0].lower()
    cyclic = [" ".join(m.group(1, 2)).replace(" ", " of ") for m in _CYCLIC.finditer(first)]
    runs: list[list[str]] = [[]]
    for tok in re.findall(r"[a-z][a-z'-]*|\S", first):
        if (
            tok in FUNCTION_WORDS
            or tok in GENERIC_HEADS
            or not tok[0].isalpha()
            or len(tok) < 3
            or _is_verb_form(tok)
        ):
            if tok not in ("the", "a", "an"):
                runs.append([])
            continue
        runs[-1].append(tok)
    out: list[str] = []
    for run in runs:
        # head-final: "sales agent" names an agent, so its tails are candidates, not "sales"
        for i in range(len(run)):
            if len(run) - i <= max_words:
                out.append(" ".join(run[i:]))
    return list(dict.fromkeys([*cyclic, *out]))


@functools.cache
def thesaurus() -> dict[str, tuple[str, ...]]:
    """Word or phrase -> the other members of its group in ``thesaurus.yml``."""
    doc = yaml.safe_load(thesaurus_text())
    out: dict[str, tuple[str, ...]] = {}
    for group in doc["groups"]:
        words = [str(w).lower().rstrip("~") for w in group]
        for w in words:
            out[w] = tuple(x for x in words if x != w)
    return out


@functools.cache
def english_only() -> frozenset[str]:
    """Thesaurus words marked ``~``: polysemous, so never looked up in CC-CEDICT."""
    doc = yaml.safe_load(thesaurus_text())
    return frozenset(
        str(w).lower().rstrip("~") for g in doc["groups"] for w in g if str(w).endswith("~")
    )


def thesaurus_text() -> str:
    """The thesaurus file as shipped (part of the vocabulary cache key)."""
    return resources.files("nl2sql.vocabulary").joinpath("thesaurus.yml").read_text("utf-8")
