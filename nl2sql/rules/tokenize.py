"""Question text -> items: time expressions, model terms, general words, numbers, leftovers.

Why leftmost-longest matching over units (words, CJK characters, numbers, operators): model
terms are phrases ("return rate", "复购率") and the longest one that matches is the one the
user meant. English typos are fixed against the model's own words first; Chinese runs nobody
matched are segmented by jieba, so an unknown Chinese word is reported as the word it is.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from nl2sql.general import ABBREVIATIONS, ROLES, STOP_EN
from nl2sql.identity_cache import IdentityCache
from nl2sql.lexicon import Lexicon, Sense, Unit, correct_typo, segment, units, value_key
from nl2sql.rules.acronym_phrases import acronym_phrase, acronym_span
from nl2sql.rules.cjk_leftover import segment_leftover
from nl2sql.rules.clipped_words import clipped_word
from nl2sql.rules.de_phrases import term_across_de
from nl2sql.rules.fused_roles import fused_split
from nl2sql.rules.grammar_prefix import reclaim_grammar_words
from nl2sql.rules.group_split import split_group_words
from nl2sql.rules.items import Item, ItemKind
from nl2sql.rules.neighbour_roles import neighbour_roles
from nl2sql.rules.passive_terms import passive_term
from nl2sql.rules.plain_words import cuts_plain_term, plain_words
from nl2sql.rules.role_prefix import read_role_prefixes
from nl2sql.rules.spelled_terms import metric_spelling_max, plural_head, spelled_metric
from nl2sql.rules.typo import plausible_typo
from nl2sql.rules.unit_inside_terms import unit_inside_at
from nl2sql.timeparse import TimeMatch


def _cjk_boundaries(text: str, lex: Lexicon) -> set[int]:
    """Positions where jieba (with ``lex``'s terms) starts or ends a word in each Chinese run."""
    bounds: set[int] = set()
    i = 0
    while i < len(text):
        if "\u3400" <= text[i] <= "\u9fff":
            j = i
            while j < len(text) and "\u3400" <= text[j] <= "\u9fff":
                j += 1
            pos = i
            bounds.add(i)
            for word in segment(text[i:j], lex):
                cut = fused_split(word, lex.general)  # 数最多: 数 + 最多
                if cut is not None:
                    bounds.add(pos + cut)
                pos += len(word)
                bounds.add(pos)
            i = j
        else:
            i += 1
    return bounds


def build_items(
    text: str,
    times: list[TimeMatch],
    lex: Lexicon,
    notes: list[str],
    caps: frozenset[str] = frozenset(),
    found: list[Item] | tuple[Item, ...] = (),
) -> list[Item]:
    """The items of normalized ``text`` in order; ``times`` are its time expressions.

    ``notes`` receives one line per typo fixed; ``caps`` are the words the user wrote in
    capitals (acronyms that may name values only in that spelling); ``found`` are items
    recognised before tokenizing (time axes), kept as they are.
    """
    pre = [Item("time", text[tm.start : tm.end], tm.start, tm.end, time=tm) for tm in times]
    pre += [it for it in found if not any(it.start < t.end and t.start < it.end for t in pre)]
    pre.sort(key=lambda it: it.start)
    items: list[Item] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for it in pre:
        spans.append((pos, it.start))
        pos = it.end
    spans.append((pos, len(text)))
    bounds = _cjk_boundaries(text, lex)
    plain = plain_words(text)
    for idx, (a, b) in enumerate(spans):
        items.extend(_match_segment(text, a, b, lex, (bounds, plain), notes, caps))
        if idx < len(pre):
            items.append(pre[idx])
    items.sort(key=lambda it: it.start)
    items = split_group_words(reclaim_grammar_words(items, lex, text), lex)
    items = read_role_prefixes(items, lex, text)
    return neighbour_roles(items, lex)


def _terms_over(texts: list[str], k: int, lex: Lexicon, shortest: int = 1) -> list[list[Sense]]:
    """The senses of every model term spelled as the question writes it that covers word
    ``k`` (terms of at least ``shortest`` words)."""
    out = []
    for start in range(max(0, k - lex.max_len + 1), k + 1):
        for end in range(max(k + 1, start + shortest), min(len(texts), start + lex.max_len) + 1):
            senses = lex.terms.get(tuple(texts[start:end]))
            if senses is not None:
                out.append(senses)
    return out


def _in_term(texts: list[str], k: int, lex: Lexicon) -> bool:
    """Whether a model term spelled as the question writes it covers word ``k``.

    Why any term over it, not only one starting there: the model's own name may end with the
    short form ("pass accuracy pct"), and spelling it out ("percent") unmatched the name the
    user typed word for word.
    """
    return bool(_terms_over(texts, k, lex))


def _completes_metric(texts: list[str], k: int, lex: Lexicon) -> bool:
    """Whether word ``k`` completes a metric's name of two words or more with its neighbours,
    and every such term over it names only metrics.

    Why only metrics: a clipped word in an entity's name ("lux listings", a model's entity of
    luxury listings) read from "luxury listings" became the entity, and "bookings for luxury
    listings" was answered with all bookings — a wrong answer; unknown, it is refused.
    """
    over = _terms_over(texts, k, lex, shortest=2)
    return bool(over) and all(s.kind == "metric" for senses in over for s in senses)


def _model_word_plural(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` is the plural of a word the model itself uses ("cats" beside a "cat
    lounge hour" product): then it is that word, not a short form ("cats" for "categories",
    which the refusal quoted back as 'categories', a word the user never typed)."""
    return word.endswith("s") and word[:-1] in lex.vocab_words


def _rewrite_words(
    us: list[Unit], lex: Lexicon, notes: list[str], caps: frozenset[str] = frozenset()
) -> list[str]:
    """The unit texts to match: abbreviations spelled out, English typos fixed.

    A word typed in capitals ("ORD", "SHIP") is a code: it is never rewritten.
    """
    known_words = lex.vocab_words
    texts = [u.text for u in us]
    for k, u in enumerate(us):
        if u.text in caps:
            continue
        if (
            u.kind == "word"
            and u.text in ABBREVIATIONS
            and not _in_term(texts, k, lex)
            and not _model_word_plural(u.text, lex)
        ):
            texts[k] = ABBREVIATIONS[u.text]  # "avg order value", "refund amt"
            continue
        if (
            u.kind == "word"
            and (u.text,) not in lex.terms
            and (u.text,) not in lex.general
            and u.text not in STOP_EN
            and u.text not in _word_index(lex)
        ):
            fixed = correct_typo(u.text, lex)
            if fixed and fixed in known_words and plausible_typo(u.text, fixed):
                notes.append(f"'{u.text}' read as '{fixed}'")
                texts[k] = fixed
                continue
            clip = clipped_word(u.text, known_words)
            # the clipped word must complete a metric's name with its neighbours ("conversion
            # rate" -> "conv rate"): alone, a prefix is no evidence of meaning
            if clip and _completes_metric([*texts[:k], clip, *texts[k + 1 :]], k, lex):
                notes.append(f"'{u.text}' read as '{clip}'")
                texts[k] = clip
    return texts


#: the Chinese grouping words ("各", "每个"), as unit tuples
#: English articles, which model names never spell out
_ARTICLES = frozenset({"a", "an", "the"})
#: prepositions after which a grammar word before a model noun is a value ("for us listings";
#: ``rules.dropped_codes`` reads a dropped capital letter after them the same way)
VALUE_PREPOSITIONS = frozenset({"for", "in", "from", "of", "to", "at", "on", "with", "by"})
#: prepositions of place, after which a grammar word that is a data value is that value
_PLACE_PREPOSITIONS = frozenset({"in", "from", "outside", "within", "into"})


def _value_slot(texts: list[str], i: int, lex: Lexicon) -> bool:
    """Whether word ``i`` stands where only a modifier or a place can: after "the", after a
    preposition of place ("bookings in us"), or after a preposition and before a model noun
    ("for us listings", never "show us listings")."""
    if i == 0:
        return False
    if texts[i - 1] == "the":
        return True
    nxt = texts[i + 1] if i + 1 < len(texts) else ""
    if texts[i - 1] in _PLACE_PREPOSITIONS and len(texts[i]) == 2 and texts[i] not in ROLES:
        # "bookings in us", "listings in us by capacity": a two-letter code (a country, a
        # state) after "in" / "from" is a place, not a pronoun; dropped, the answer was for
        # every country. Longer grammar words ("from all channels") and roles ("in or after")
        # stay grammar
        return True
    return texts[i - 1] in VALUE_PREPOSITIONS and (nxt,) in lex.terms


def _caps_slot(
    word: str, caps: frozenset[str], texts: list[str], i: int, us: list[Unit], lex: Lexicon
) -> bool:
    """Whether word ``i``, a grammar word, may be the value it spells (``lex.caps_terms``).

    Two letters or more ("us", "or"): typed in capitals, or where no pronoun stands (a value
    slot, glued to Chinese). One letter ("A", "I") is also the article or the pronoun, so both:
    typed as a capital *and* in a value slot ("stockout days for A items") or glued to Chinese
    ("A类商品"); a lower-case "a" before a model noun ("for a customer") stays the article.
    """
    slot = _value_slot(texts, i, lex) or _glued_to_chinese(us, i)
    if len(word) == 1:
        # before a plural model noun ("A parts' revenue"): no article or pronoun stands there
        # (``caps`` holds such a letter only then: ``dropped_codes.before_plural``)
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        return word in caps and (slot or (nxt,) in lex.terms)
    return word in caps or slot


def _glued_to_chinese(us: list[Unit], i: int) -> bool:
    """Whether word ``i`` is written onto Chinese with no space: no English grammar word stands
    inside a Chinese sentence, so "us" in "us房源的预订数" is the value (read as the pronoun, the
    bookings of every country were answered)."""
    near = [us[k] for k in (i - 1, i + 1) if 0 <= k < len(us) and us[k].kind == "cjk"]
    return any(u.end == us[i].start or u.start == us[i].end for u in near)


def _match_at(
    text: str,
    us: list[Unit],
    texts: list[str],
    i: int,
    lex: Lexicon,
    both: tuple[set[int], list[tuple[int, int]]],
    last_end: int,
    caps: frozenset[str],
) -> tuple[Item, int] | None:
    """The longest model term or general phrase starting at unit ``i`` and its unit length;
    ``both``: the Chinese word boundaries with the model's terms, plain jieba's word spans."""
    n = len(us)
    bounds, plain = both
    for length in range(min(lex.max_len + 1, n - i), 0, -1):
        seq = tuple(texts[i : i + length])
        s, e = us[i].start, us[i + length - 1].end
        senses = lex.terms.get(seq) if length <= lex.max_len else None
        if not senses and length > 2 and seq[0] not in _ARTICLES and seq[-1] not in _ARTICLES:
            # "time to settle *a* claim" for the metric `time_to_settle_claim`: names never
            # carry articles, so one inside a phrase is skipped (never at its ends)
            bare = tuple(w for w in seq if w not in _ARTICLES)
            if len(bare) == length - 1:
                senses = lex.terms.get(bare)
        if not senses and length > 2 and length - 1 <= lex.max_len and us[i].kind == "word":
            senses = passive_term(seq, lex.terms)  # "loaves were baked": "Loaves Baked"
        if not senses and us[i].kind == "cjk" and length - 1 <= lex.max_len:
            senses = term_across_de(seq, lex)  # 流失的账户: the term 流失账户
        if not senses and length == 1 and _caps_slot(seq[0], caps, texts, i, us, lex):
            # a grammar word that is also a value ("us", "or", "in") is the value when typed
            # in capitals, after "the" ("listings in the us") or between a preposition and a
            # model noun ("bookings for us listings"): no pronoun stands there, and dropped it
            # answered for every country
            senses = lex.caps_terms.get(seq)
        if senses and us[i].kind == "cjk" and _kind_word_inside(text, s, e, senses):
            continue
        if us[i].kind == "cjk" and length > 1 and cuts_plain_term(text, senses, s, e, plain, lex):
            continue  # 3条规则: CC-CEDICT's 条规 does not take 规 from 规则
        if senses:
            return Item("domain", text[s:e], s, e, senses=list(senses)), length
        role = lex.general.get(seq)
        # a general word inside a Chinese run must coincide with jieba's word boundaries
        if role and (
            us[i].kind != "cjk"
            or ((s in bounds or s == last_end) and (e in bounds or i + length == n))
        ):
            return Item("role", text[s:e], s, e, role=role), length
    return None


def _kind_word_inside(text: str, s: int, e: int, senses: list[Sense]) -> bool:
    """Whether a model's kind word (停车 of "parking session": ``vocabulary.kind_words``)
    is only the start of a longer Chinese word here (停车位 "parking space").

    Why: the kind word names its entity wherever it stands; inside 停车位 it answered
    "停车位有多少个" with the count of parking sessions. jieba's own dictionary (without the
    model's terms) says where the word ends.
    """
    if e >= len(text) or not all(_is_kind_sense(x) for x in senses):
        return False
    words = segment(text[s : e + 2])
    return bool(words) and len(words[0]) > e - s


def _is_kind_sense(sense: Sense) -> bool:
    """An entity reached by its kind word: ``via`` is "<kind word> <entity>"."""
    name = sense.name.replace("_", " ")
    return sense.kind == "entity" and sense.via.endswith(" " + name) and sense.via != name


def _spelled_at(
    text: str, us: list[Unit], i: int, lex: Lexicon, shortest: int
) -> tuple[Item, int] | None:
    """A value written with other spacing or punctuation ("LaGuardia" for "La Guardia",
    "OHare" for "O'Hare") starting at unit ``i``, at least ``shortest`` units long.

    Tried after the exact terms, longest first, over words and numbers only (Chinese names
    match by their characters whatever the spacing). A span with a grammar word of two or more
    letters reaches only a value written as exactly those words joined by ``_`` or ``-``
    (:func:`own_words`: "in review" is `in_review`, "on line" is not "Online", "at" is not
    "AT-5"); single letters are initials ("A & B Co"). The item's senses carry the value as
    ``via``, so the answer shows "laguardia → La Guardia".
    """
    longest = max(lex.spelling_max, metric_spelling_max(lex), acronym_span(lex))
    if not longest or us[i].kind not in ("word", "num"):
        return None
    for length in range(min(longest, len(us) - i), max(shortest, 1) - 1, -1):
        span = us[i : i + length]
        if span[-1].kind not in ("word", "num") or any(u.kind == "cjk" for u in span):
            continue
        grammar = [
            u.text
            for u in span
            if u.kind == "word" and (u.text in STOP_EN or (u.text,) in lex.general)
        ]
        if grammar and length == 1:
            continue
        words = tuple(u.text for u in span)
        valued = length <= lex.spelling_max  # metric spellings may be longer than any value's
        senses = (lex.spelled(words) or plural_head(span, lex)) if valued else []
        if length <= metric_spelling_max(lex):  # as before acronym phrases widened the span
            senses = senses or spelled_metric(words, lex)
        if any(len(w) > 1 for w in grammar):
            senses = own_words(senses, tuple(u.text for u in span))
        senses = senses or acronym_phrase(words, lex)  # "cost per click" for "CPC"
        if senses:
            s, e = span[0].start, span[-1].end
            weak = [replace(x, strong=False, via=x.via or x.value or "") for x in senses]
            return Item("domain", text[s:e], s, e, senses=weak), length
    return None


def own_words(senses: list[Sense], words: tuple[str, ...]) -> list[Sense]:
    """The value senses whose value is ``words`` joined by ``_`` or ``-`` ("in_review",
    "on-hold" for "in review", "on hold"); all of them or none.

    Why: a grammar word never joins into a value of another spelling ("on line" is not
    "Online"), but a status stored as an identifier keeps its words at its joiners, so "permits
    in review" and "orders on hold" name `in_review` and `on-hold` exactly as written, on any
    model whose data stores statuses so.

    >>> s = [Sense("value", "stage", value="in_review")]
    >>> own_words(s, ("in", "review")) == s, own_words([Sense("value", "x", value="Inland")], ("in", "land"))
    (True, [])
    """
    kept = []
    for s in senses:
        us = value_key(s.value or "")
        joiners = {u for u in us if not u[:1].isalnum()}
        if joiners <= {"_", "-"} and tuple(u for u in us if u[:1].isalnum()) == words:
            kept.append(s)
    return kept if len(kept) == len(senses) else []


def _minus_before(us: list[Unit], i: int) -> bool:
    """A "-" written right before the number and not right after a word or number ("低于-20%",
    "below -5"): a negative number. "10-20" and "SKU-5" keep their hyphen as punctuation.

    Without this the sign was dropped as punctuation and "below -20%" read as "below 20%".
    """
    if i == 0 or us[i - 1].text != "-" or us[i - 1].end != us[i].start:
        return False
    if i == 1:
        return True
    before = us[i - 2]
    return before.end < us[i - 1].start or before.kind in ("cjk", "op")


def _single_unit(text: str, us: list[Unit], texts: list[str], i: int) -> tuple[Item, int]:
    """An unmatched non-CJK unit: a number (with its %), a stop word, decoration or unknown."""
    u = us[i]
    if u.kind == "num":
        pct = i + 1 < len(us) and us[i + 1].text == "%"
        end = us[i + 1].end if pct else u.end
        sign = -1.0 if _minus_before(us, i) else 1.0
        start = us[i - 1].start if sign < 0 else u.start
        item = Item("num", text[start:end], start, end, number=sign * float(u.text), pct=pct)
        return item, 2 if pct else 1
    if u.kind == "word":
        kind: ItemKind = "stop" if texts[i] in STOP_EN else "unknown"
        return Item(kind, texts[i], u.start, u.end), 1
    if u.text in "?!.;:()[]{}\"'`~-_/|" or u.kind == "op" or _is_decoration(u.text):
        return Item("stop", u.text, u.start, u.end), 1
    return Item("unknown", u.text, u.start, u.end), 1


def _match_segment(
    text: str,
    a: int,
    b: int,
    lex: Lexicon,
    bounds: tuple[set[int], list[tuple[int, int]]],
    notes: list[str],
    caps: frozenset[str] = frozenset(),
) -> list[Item]:
    us = units(text[a:b], offset=a)
    texts = _rewrite_words(us, lex, notes, caps)
    out: list[Item] = []
    leftover: list[int] = []  # indexes of unmatched CJK units

    def flush() -> None:
        if leftover:
            out.extend(segment_leftover(text, us[leftover[0]].start, us[leftover[-1]].end, lex))
            leftover.clear()

    i = 0
    last_end = -1
    while i < len(us):
        got = _match_at(text, us, texts, i, lex, bounds, last_end, caps)
        spelled = _spelled_at(text, us, i, lex, got[1] + 1 if got else 1)
        got = spelled or got
        around = unit_inside_at(text, us, texts, i, lex) if us[i].kind == "cjk" else None
        if around is not None and around[1] > (got[1] if got else 0):
            flush()  # 棕榈油的美元均价: the term 棕榈油均价 and the unit 美元
            out.extend(around[0])
            last_end = around[0][0].end
            i += around[1]
            continue
        if got is not None:
            flush()
            item, length = got
            out.append(item)
            if item.kind == "domain":
                last_end = item.end
            i += length
            continue
        if us[i].kind == "cjk":
            leftover.append(i)
            i += 1
            continue
        flush()
        item, length = _single_unit(text, us, texts, i)
        out.append(item)
        i += length
    flush()
    return out


def _is_decoration(ch: str) -> bool:
    """Punctuation, symbols and emoji ("GMV by channel 😀", "…", "→") carry no meaning here.

    >>> _is_decoration("😀"), _is_decoration("…"), _is_decoration("é")
    (True, True, False)
    """
    return all(
        unicodedata.category(c)[0] in "PSZ" or unicodedata.category(c) in ("Mn", "Cf") for c in ch
    )


_word_cache: IdentityCache[frozenset[str]] = IdentityCache(maxsize=16)


def _word_index(lex: Lexicon) -> frozenset[str]:
    """Every single word of any model term or general phrase (words typo correction skips).

    The entry keeps its lexicon alive and is checked by identity: a bare ``id()`` key is
    reused once a lexicon is garbage-collected, and a new model's lexicon got the old words.
    """
    return _word_cache.get_or_build(
        lex, lambda: frozenset(w for key in list(lex.terms) + list(lex.general) for w in key)
    )
