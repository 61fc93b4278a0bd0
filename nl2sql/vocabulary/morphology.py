"""Verbs that are not model terms: their lemmas, their forms and the model words they come from.

Why: a question says what happened — "rides *ridden*", "customers who *signed up*", "orders
*shipped* in March", 出发, 发货 — while a model names things (``ride``, ``signup_date``,
``shipped_at``). A verb is neither a model term nor grammar, so without morphology it is either
refused or sits in a hand list of "harmless" words that grows with every data set. Here the
link comes from general resources only:

* **inflection** — ``lemminflect`` (MIT, a packaged English lemma/inflection lexicon) gives a
  word's verb lemma (flown → fly, departed → depart, signed → sign) and a verb's forms (ship →
  ships, shipped, shipping);
* **derivation** — general English suffix rules (departure → depart, shipment → ship,
  cancellation → cancel, arrival → arrive, delivery → deliver), each candidate verified as a
  verb by the same lexicon; verb + particle compounds (signup → sign up, checkout → check out);
* **CC-CEDICT** — an entry glossing both "to fly" and "flight" (飞行) links an irregular pair
  the suffixes cannot, when both words share their first letters; and the Chinese verbs of an
  English verb ("to depart" → 出发) come from the same dictionary.

Everything here runs when a model's vocabulary index is built (once per model content, cached
on disk by :mod:`nl2sql.vocabulary.index`); ``lemminflect``'s answers are read from a stored
table (:mod:`nl2sql.vocabulary.lemma_store`), so neither a question nor a new model's first
vocabulary build unpacks its lexicon.

>>> verb_lemmas("flown"), verb_lemmas("departed"), verb_lemmas("flights")
(('fly',), ('depart',), ())
>>> source_verbs("departure"), source_verbs("shipment"), source_verbs("signup")
(('depart',), ('ship',), ('sign up',))
>>> sorted(verb_forms("sign up"))
['sign up', 'signed up', 'signing up', 'signs up']
"""

from __future__ import annotations

import functools
import itertools
from importlib.metadata import PackageNotFoundError, version

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.chinese import glossary, word_frequency
from nl2sql.vocabulary.lemma_store import all_inflections, all_lemmas

#: derivational suffixes that make an event noun (or an agent noun) from a verb, longest first
#: within each family so "cancellation" tries -ation before -ion
DERIVATIONAL_SUFFIXES = (
    "ation",
    "ition",
    "ion",
    "ment",
    "ure",
    "al",
    "ance",
    "ence",
    "ery",
    "ing",
    "age",
    "er",
    "or",
    "y",
)
#: particles of English phrasal verbs written as one word in names ("signup", "checkout")
PARTICLES = ("up", "out", "in", "off", "on", "down", "over", "back")
#: Support verbs: they carry no event of their own, the noun beside them does ("*place* an
#: order", "discounts *given*", "revenue *generated*", "revenue that *came* from food",
#: 客户*贡献*的GMV, "which region *drove* the most sales"); and the trade verbs,
#: the event every sales fact records ("units *sold*", "customers who *bought*"). General
#: English, never words of a model: they are absorbed beside a metric whatever the model (a
#: model that names their event, a `purchased_at`, still gets its time axis), and shown in the
#: interpretation.
LIGHT_VERBS = frozenset(
    "place make give get generate contribute happen occur go sell buy purchase bring earn drive see record log file".split()  # noqa: SIM905
)
#: support verbs read in English only: "*file* a complaint / a claim / a request" is making
#: one, as "place an order" is; CC-CEDICT's Chinese for it (备案 "put on record") is a status
#: of its own ("已备案"), never absorbed
ENGLISH_ONLY_LIGHT = frozenset({"file"})
#: the trade verbs among them: each records an event of its own (a sale, a purchase), so a
#: date a model names after one is that event's date, never ignored
TRADE_VERBS = frozenset({"sell", "buy", "purchase", "earn"})
#: Verbs of joining: their event is the counted thing's own row coming into being ("users who
#: *signed up*", "members who *registered*", 注册的用户). General English and Chinese, never a
#: model's words. A model names that event by a count of *new* things ("new users", "New
#: Customer"), so these verbs reach only such a count (``nl2sql.vocabulary.verb_bridges``): beside
#: any other metric they name something the question does not ask for and are refused.
JOINING_VERBS = frozenset({"sign up", "register", "join", "enroll", "enrol", "subscribe"})
#: the Chinese verbs of joining (CC-CEDICT's "to register" also gives 登录 "log in", 挂号 "see a
#: doctor", so the dictionary is not asked here)
JOINING_VERBS_ZH = ("注册", "加入")
#: the name word of a count of things that just came into being ("new_users")
NEW_WORDS = frozenset({"new"})
#: words whose first letters a CC-CEDICT pivot's verb and noun must share (fly/flight)
PIVOT_PREFIX = 2
#: the jieba frequency a Chinese support verb needs (it is absorbed whatever the model)
LIGHT_MIN_FREQUENCY = 50


@functools.cache
def resource_version() -> str:
    """The installed ``lemminflect`` version ("absent" without it): part of the cache key."""
    try:
        return version("lemminflect")
    except PackageNotFoundError:
        return "absent"


@functools.cache
def verb_lemmas(word: str) -> tuple[str, ...]:
    """The verb lemmas ``word`` is a form of, from the lexicon only (no guessing for unknown
    words): "flown" -> fly; "flights" -> () (a noun, not a verb form)."""
    if not word.isascii() or not word.isalpha():
        return ()
    lemmas = all_lemmas(word, "VERB").get("VERB", ())
    return tuple(lemmas)


@functools.cache
@functools.cache
def noun_lemmas(word: str) -> tuple[str, ...]:
    """The lexicon's noun lemmas of ``word`` (``("species",)`` for "species", ``()`` for a
    word it does not know as a noun)."""
    if not word.isascii() or not word.isalpha():
        return ()
    return tuple(all_lemmas(word.lower(), "NOUN").get("NOUN", ()))


@functools.cache
def adjective_lemmas(word: str) -> tuple[str, ...]:
    """The lexicon's adjective lemmas of ``word`` ("coldest" -> ``("cold",)``)."""
    if not word.isascii() or not word.isalpha():
        return ()
    return tuple(all_lemmas(word.lower(), "ADJ").get("ADJ", ()))


def is_english_word(word: str) -> bool:
    """Whether the lexicon knows ``word`` as a noun, verb, adjective or adverb ("cog": yes,
    "aov": no): a string of initials that spells a word is read as that word."""
    if not word.isascii() or not word.isalpha():
        return False
    return bool(all_lemmas(word))


@functools.cache
def is_verb(word: str) -> bool:
    """Whether the lexicon knows ``word`` as the base form of a verb ("depart": yes,
    "departe": no)."""
    if not word.isascii() or not word.replace(" ", "").isalpha():
        return False
    return bool(all_inflections(word, "VERB"))


@functools.cache
def verb_forms(lemma: str) -> frozenset[str]:
    """The forms of verb ``lemma`` that can only be that verb (a phrasal verb keeps its
    particle: "signed up").

    A form that is also a noun ("discounts", "orders", "flying") is a noun in a question far
    more often than a verb, so it is left out — except past forms ("given", "left") and
    forms with their particle ("sign up"), which are verbs whatever else they spell.

    >>> sorted(verb_forms("discount")), sorted(verb_forms("depart"))
    (['discounted', 'discounting'], ['depart', 'departed', 'departing', 'departs'])
    """
    head, _, particle = lemma.partition(" ")
    inflections = all_inflections(head, "VERB")
    past = set(inflections.get("VBD", ()) + inflections.get("VBN", ()))
    forms = {head, *(f for group in inflections.values() for f in group)}
    # with its particle a form is a verb ("sign up"); alone it may be a noun ("sign")
    kept = {f for f in forms if particle or f in past or "NOUN" not in all_lemmas(f)}
    return frozenset(f"{f} {particle}" if particle else f for f in kept)


@functools.cache
def is_past(form: str) -> bool:
    """Whether an English verb form is a past form ("shipped", "flown", "signed up"): the form
    that says *when* something happened, so beside a date it names a time axis."""
    head = form.split(" ")[0]
    for lemma in verb_lemmas(head):
        forms = all_inflections(lemma, "VERB")
        if head in forms.get("VBD", ()) + forms.get("VBN", ()):
            return True
    return False


def _stems(word: str, suffix: str) -> list[str]:
    """Candidate verbs left when ``suffix`` is taken off ``word`` (spelling restored:
    arriv -> arrive, cancell -> cancel, deliver-y -> deliver)."""
    stem = word[: -len(suffix)]
    if len(stem) < 3:
        return []
    # gener(ation) -> generate, don(ation) -> donate: tried first, since the bare stem is
    # often a shorter verb of another meaning (don, educe)
    out = [stem + "ate"] if suffix == "ation" else []
    out += [stem, stem + "e"]
    if len(stem) > 3 and stem[-1] == stem[-2]:
        out.append(stem[:-1])  # cancell(ation) -> cancel, shipp(ing) -> ship
    if stem.endswith("i"):
        out.append(stem[:-1] + "y")  # carri(er) -> carry
    return out + _alternations(stem, suffix)


#: the shortest stem whose last letters are changed (admiss -> admit; never sess -> set)
MIN_ALTERED_STEM = 5


def _alternations(stem: str, suffix: str) -> list[str]:
    """Verbs whose last letters change before a Latinate suffix, after the plain candidates:
    demol-ition -> demolish, applic-ation -> apply, subscript-ion -> subscribe, recept-ion ->
    receive, admiss-ion -> admit, inclus-ion -> include, expans-ion -> expand.

    Why: English spells these nouns from the Latin stem, so taking the suffix off leaves no
    verb, and a value a model stores as the noun (a work type ``demolition``) never met the
    Chinese verb a user types for it (拆除 "to demolish"). Every candidate is still checked
    as a verb by the lexicon, so a wrong guess ("demolite") finds nothing.

    >>> [derived_from(w) for w in ("demolition", "verification", "subscription", "admission")]
    ['demolish', 'verify', 'subscribe', 'admit']
    >>> [derived_from(w) for w in ("inclusion", "expansion", "reception", "competition")]
    ['include', 'expand', 'receive', 'compete']
    >>> source_verbs("session")
    ()
    """
    out: list[str] = []
    if len(stem) < MIN_ALTERED_STEM:
        return out  # sess(ion) -> "set", pass(ion) -> "pat": a short stem is a word of its own
    if suffix == "ition":
        out.append(stem + "ish")  # demol(ition) -> demolish, abol(ition) -> abolish
    if suffix == "ation" and stem.endswith("ic"):
        out.append(stem[:-2] + "y")  # applic(ation) -> apply, verific(ation) -> verify
    if suffix == "ion" and stem.endswith("pt"):
        out += [stem[:-2] + "be", stem[:-2] + "e"]  # subscript -> subscribe, consumpt -> consume
        if stem.endswith("cept"):
            out.append(stem[:-4] + "ceive")  # recept(ion) -> receive
    if suffix == "ion" and stem.endswith("ss"):
        out.append(stem[:-2] + "t")  # admiss(ion) -> admit, permiss(ion) -> permit
    elif suffix == "ion" and stem.endswith("s"):
        out += [stem[:-1] + "de", stem[:-1] + "d", stem[:-1] + "t"]  # include, expand, convert
    return out


def _phrasal(word: str) -> str | None:
    """ "signup" -> "sign up": a verb and a particle written as one word."""
    for particle in PARTICLES:
        head = word[: -len(particle)]
        if word.endswith(particle) and len(head) >= 3 and is_verb(head):
            return f"{head} {particle}"
    return None


def phrasal_lemmas(words: list[str]) -> list[str]:
    """Phrasal verbs written as two words of a name: a verb followed by a particle, that a
    dictionary knows as one verb (CC-CEDICT's "to sign up", the glossary's "signup"); a verb
    that merely precedes a particle ("price up") is no phrasal verb.

    >>> phrasal_lemmas(["parent", "sign", "up"]), phrasal_lemmas(["sign", "up", "route"])
    (['sign up'], ['sign up'])
    >>> phrasal_lemmas(["price", "up"])
    []
    """
    out = []
    for w, nxt in itertools.pairwise(words):
        if nxt not in PARTICLES or len(w) < 3 or not is_verb(w):
            continue
        phrase = f"{w} {nxt}"
        if w + nxt in glossary() or any(h == "verb" for _, _, h in cedict.chinese_for(phrase)):
            out.append(phrase)
    return out


def _pivot_verbs(noun: str) -> list[str]:
    """Verbs a CC-CEDICT entry glosses together with ``noun`` (飞行: "to fly", "flight")."""
    out = []
    for word, _, how in cedict.chinese_for(noun):
        if how != "exact":
            continue
        verbs, nouns = cedict.pivot(word)
        if noun not in nouns:
            continue
        out += [v for v in verbs if v[:PIVOT_PREFIX] == noun[:PIVOT_PREFIX] and is_verb(v)]
    return out


@functools.cache
def derived_from(word: str) -> str | None:
    """The verb a noun is derived from by one suffix ("cancellation" -> cancel), or None;
    no dictionary pivots (those link words by meaning: "repurchase" -> redeem).

    >>> derived_from("cancellation"), derived_from("acceptance"), derived_from("repurchase")
    ('cancel', 'accept', None)
    >>> derived_from("donation"), derived_from("information"), derived_from("education")
    ('donate', 'inform', 'educate')
    """
    if not word.isascii() or not word.isalpha() or verb_lemmas(word):
        return None
    for suffix in DERIVATIONAL_SUFFIXES:
        if word.endswith(suffix):
            found = [s for s in _stems(word, suffix) if is_verb(s)]
            return found[0] if found else None
    return None


#: the suffixes :func:`event_nouns` builds nouns with: the event itself ("failure",
#: "cancellation", "approval"); -ment, -ance and -ery also make nouns of other senses
#: ("department" is no departing, "deliverance" no delivery)
EVENT_NOUN_SUFFIXES = ("ure", "ation", "ition", "ion", "al")


@functools.cache
def event_nouns(verb: str) -> tuple[str, ...]:
    """The event nouns made from ``verb`` by one suffix that the lexicon knows and that
    :func:`derived_from` takes back to ``verb``.

    >>> event_nouns("fail"), event_nouns("cancel"), event_nouns("depart"), event_nouns("book")
    (('failure',), ('cancelation', 'cancellation'), ('departure',), ())
    """
    if not verb.isascii() or not verb.isalpha() or len(verb) < 3:
        return ()
    bases = list(dict.fromkeys([verb, verb[:-1] if verb.endswith("e") else verb, verb + verb[-1]]))
    out = [
        base + suffix
        for suffix in EVENT_NOUN_SUFFIXES
        for base in bases
        if is_english_word(base + suffix) and derived_from(base + suffix) == verb
    ]
    return tuple(sorted(set(out)))


@functools.cache
def source_verbs(word: str) -> tuple[str, ...]:
    """The verbs a model word names the event of: "departure" -> depart, "shipped" -> ship,
    "orders" -> order, "signup" -> sign up, "flight" -> fly.

    A word that is itself a verb form keeps its lemma ("shipped", "order"); otherwise one
    derivational suffix is taken off and the stem must be a verb the lexicon knows.
    """
    if not word.isascii() or not word.isalpha() or len(word) < 3:
        return ()
    out: list[str] = list(verb_lemmas(word))
    if not out:
        for suffix in DERIVATIONAL_SUFFIXES:
            if word.endswith(suffix):
                found = [s for s in _stems(word, suffix) if is_verb(s)]
                if found:
                    out.append(found[0])
                    break
    phrasal = _phrasal(word)
    if phrasal:
        out.append(phrasal)
    out += _pivot_verbs(word)
    return tuple(dict.fromkeys(out))


def chinese_verbs(lemma: str, min_frequency: int = 0) -> list[str]:
    """Chinese words whose first verb sense is "to <lemma>" (depart -> 离开, fly -> 飞行).

    Only the main verb sense counts, and words with many verb senses are left out: 产生 is "to
    generate" among nine other things. ``min_frequency`` (jieba's word frequency) keeps only
    everyday words — for verbs absorbed whatever the model, where a rare word with a narrower
    sense (外卖 "to sell takeout") must not be swallowed.
    """
    if " " in lemma:
        return []
    words = [
        word
        for word, pos, how in cedict.chinese_for(lemma)
        if how == "verb"
        and pos == 0
        and cedict.verb_count(word) <= 3
        and word_frequency(word) >= min_frequency
    ]
    words += [w for w in phrase_verbs(lemma) if word_frequency(w) >= min_frequency]
    return words + directional_forms(words)


#: the directional verbs a verb compound may end in before its complement 去 / 来 (卖出 -> 卖出去)
_DIRECTIONS = frozenset("出回进上下过起")


def directional_forms(verbs: list[str]) -> list[str]:
    """The verbs with the directional complement 去 / 来 written after them: 卖出去, 退回来.

    Why: Chinese adds 去 ("away") or 来 ("towards") to a verb of motion without changing which
    event it names — 卖出去了多少盒 is how many boxes were sold, as 卖出了多少盒 — and no
    dictionary lists the longer forms, so 卖出去 was an unknown word and refused. Only forms
    jieba's dictionary lists as words (real compounds, not any verb plus a character).

    >>> directional_forms(["卖出", "退回", "销售"])
    ['卖出去', '退回去', '退回来']
    """
    out = []
    for verb in verbs:
        if len(verb) < 2 or verb[-1] not in _DIRECTIONS:
            continue
        out += [
            f
            for f in (verb + "去", verb + "来")
            if f not in verbs and f not in out and word_frequency(f) > 0
        ]
    return out


def phrase_verbs(lemma: str) -> list[str]:
    """Chinese words glossed first as a phrase on ``lemma`` ("to apply for sth") whose main noun
    sense is the noun derived from it ("application"): 申请 for apply, 付款 for pay.

    Why: the verb and its derived noun in one entry say the word names ``lemma``'s event, as
    "to apply" would; the phrase alone would not ("to pay in installments" is a narrower
    event, and its noun "payment in installments" is no one word). A model's `applied_date`
    is the date 申请 asks about ("2025年申请的许可证").

    >>> phrase_verbs("apply"), "付款" in phrase_verbs("pay"), phrase_verbs("carry")
    (['申请'], True, [])
    """
    if not is_verb(lemma):
        return []
    return [
        word
        for word, noun in cedict.verb_phrase_nouns(lemma)
        if derived_from(noun) == lemma
        and not noun.endswith(_AGENT_SUFFIXES)
        and cedict.verb_count(word) <= 3
    ]


#: the suffixes of an agent noun: the one who acts (carrier, director) is not the event, so an
#: entry glossed "to carry a disease / carrier" (带病) names no carrying
_AGENT_SUFFIXES = ("er", "or")


def is_joining_form(text: str) -> bool:
    """Whether a verb form is a verb of joining (:data:`JOINING_VERBS`, :data:`JOINING_VERBS_ZH`).

    >>> is_joining_form("signed up"), is_joining_form("registered"), is_joining_form("注册")
    (True, True, True)
    >>> is_joining_form("placed"), is_joining_form("signed")
    (False, False)
    """
    words = text.strip().lower().split(" ")
    if text.strip() in JOINING_VERBS_ZH:
        return True
    if not words[0].isascii() or not words[0].isalpha():
        return False
    lemmas = set(verb_lemmas(words[0]))
    if len(words) > 1:
        lemmas = {f"{lemma} {words[1]}" for lemma in lemmas}
    return bool(lemmas & JOINING_VERBS)


def glossary_verbs(lemma: str) -> list[str]:
    """The business glossary's Chinese for verb ``lemma`` that CC-CEDICT knows as a verb, beyond
    :func:`chinese_verbs`: 发货 is glossed "to dispatch merchandise", never "to ship", so the
    dictionary alone never links it to a model's `ship_method` or `shipped_at`.

    >>> glossary_verbs("ship")
    ['发货', '运输']
    >>> glossary_verbs("amount")  # 金额 is no verb
    []
    """
    head, _, particle = lemma.partition(" ")
    if not is_verb(head) or (particle and particle not in PARTICLES):
        return []
    own = set(chinese_verbs(lemma))
    # a phrasal verb is glossed closed up, as its noun is written ("signup": 注册)
    return [
        word
        for word, _, alone in glossary().get(lemma.replace(" ", ""), ())
        if alone and word not in own and cedict.verb_count(word) >= 1
    ]


#: words that make the verbs after them a condition or an exception, not the metric's event
#: ("Number of rides that *never* started", "orders *including* refunded ones")
_QUALIFIERS = frozenset(
    "not never no without excluding except including unless if when whether before after".split()  # noqa: SIM905
)


#: verbs of arithmetic: a description "Bookings divided by bookers" states a formula, not an
#: event its rows record; absorbed as the metric's verb, "A divided by B" lost its operator and
#: answered A and B side by side (an operator the engine cannot apply must stay unknown)
_ARITHMETIC = frozenset(
    "divide multiply subtract add sum average count total aggregate compute calculate".split()  # noqa: SIM905
)


def event_verb(description: str) -> str | None:
    """The verb a metric's description says its rows record ("Total miles *ridden*." -> ride).

    Only the first clause counts, only a past form that is no noun ("ridden", not "bikes",
    not the gerund "shipping"), and nothing after a negation or a condition: "Number of rides that never
    started" names no event of its own. A verb of arithmetic ("divided by", "multiplied by")
    names a formula, not an event.

    >>> event_verb("Total miles ridden."), event_verb("Number of rides that never started.")
    ('ride', None)
    >>> event_verb("Net takings divided by total sales."), event_verb("Bookings divided by views")
    (None, None)
    """
    first = description.strip().lower().split(".")[0].split(",")[0].split(";")[0]
    for token in first.split():
        if token in _QUALIFIERS:
            return None
        if not token.isalpha():
            continue
        readings = all_lemmas(token)
        if "NOUN" in readings:
            continue
        for lemma in readings.get("VERB", ()):
            if lemma in _ARITHMETIC:
                continue
            past = all_inflections(lemma, "VERB")
            if token in past.get("VBN", ()) + past.get("VBD", ()):
                return str(lemma)
    return None
