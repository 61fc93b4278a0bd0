"""Country codes as their names: 德国 and "Germany" for the value ``DE`` of a country dimension.

Why: dbt projects store countries as ISO 3166 codes (``DE``, ``US``), while people name the
country, in Chinese always (发往德国的订单). The names come from the Unicode CLDR through PyPI
``babel`` (BSD-3-Clause), a general resource, never from a question set. Only dimensions whose
name or label says country or nation get them: a two-letter code means a US state or a
language elsewhere (``DE`` is also Delaware). The bridge is shown in the interpretation
("德国 → DE").
"""

from __future__ import annotations

import functools

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import name_words

#: as sure as a dictionary's main sense: CLDR names one country per code
COUNTRY = 0.9
_COUNTRY_WORDS = frozenset({"country", "countries", "nation", "nations"})
#: ISO 3166-1's "exceptionally reserved" codes that name a country in common use: ``UK`` is
#: reserved for the United Kingdom at its request and is what the EU, ISO 3166's own list and
#: most data sets write instead of ``GB`` (a project's ``country_id`` of US, UK, DE, JP left
#: 英国 / "United Kingdom" unknown while 德国 reached DE). Read only when the column does not
#: also hold the assigned code.
_EXCEPTIONALLY_RESERVED = {"UK": "GB"}


@functools.cache
def territory_names() -> dict[str, tuple[str, ...]]:
    """ISO 3166-1 alpha-2 code -> its English and Chinese names (CLDR, through babel).

    >>> territory_names()["DE"]
    ('Germany', '德国')
    """
    from babel import Locale  # lazy: only the vocabulary index build needs it

    en, zh = Locale("en").territories, Locale("zh").territories
    out: dict[str, tuple[str, ...]] = {}
    for code, name in en.items():
        if isinstance(code, str) and len(code) == 2 and code.isalpha() and code in zh:
            out[code] = (str(name), str(zh[code]))
    return out


def is_country_dimension(name: str, label: str) -> bool:
    """Whether a dimension's own name or label says it holds countries.

    >>> is_country_dimension("order__destination_country", ""), is_country_dimension("c__state", "")
    (True, False)
    """
    words = name_words(name.split("__")[-1]) + name_words(label or "")
    return bool(_COUNTRY_WORDS & set(words))


def country_anchors(dimensions: list[tuple[str, str, tuple[str, ...]]]) -> list[Anchor]:
    """Name anchors for the country-code values of ``(name, label, values)`` dimensions."""
    names = territory_names()
    out = []
    for dim, label, values in dimensions:
        if not is_country_dimension(dim, label):
            continue
        lower = _lower_codes(values, names)
        held = {str(v).strip().upper() for v in values}
        for v in values:
            code = str(v).strip()
            if lower and code.islower():
                code = code.upper()
            assigned = _EXCEPTIONALLY_RESERVED.get(code)
            if assigned and assigned not in held:
                code = assigned
            if code.upper() != code or code not in names:
                continue
            for text in names[code]:
                phrase = " ".join(name_words(text)) if text.isascii() else text
                out.append(Anchor(phrase, "value", dim, str(v), str(v), "country", COUNTRY))
    return out


def _lower_codes(values: tuple[str, ...], names: dict[str, tuple[str, ...]]) -> bool:
    """Whether a country column writes every value as a lower-case ISO code ("jp", "fr").

    Why: web and booking data often keep ISO codes in lower case, and "bookings in Japan" was
    refused. Only a column that is all lower-case two-letter codes, each a country, is read so:
    a mixed or longer value means the column holds something else.

    >>> _lower_codes(("jp", "fr", "us"), territory_names()), _lower_codes(("jp", "xx"), territory_names())
    (True, False)
    """
    codes = [str(v).strip() for v in values if str(v).strip()]
    return bool(codes) and all(
        len(c) == 2 and c.isalpha() and c.islower() and c.upper() in names for c in codes
    )


#: a dimension named by its values' kind is a little less sure than one named by its own words
COUNTRY_KIND = 0.8
#: the share of a dimension's values that must be country names for it to be "the country"
COUNTRY_SHARE = 0.8
#: at least this many distinct country values (one or two may be anything)
MIN_COUNTRIES = 3


def holds_country_names(values: tuple[str, ...]) -> bool:
    """Whether most of ``values`` are countries' English names (CLDR), at least three.

    >>> holds_country_names(("India", "Brazil", "Egypt", "Cuba")), holds_country_names(("A", "B"))
    (True, False)
    """
    known = {n[0].lower() for n in territory_names().values()}
    known |= {"united states", "usa", "uk"}  # the short forms CLDR lists as variants
    hits = sum(1 for v in values if str(v).strip().lower() in known)
    return hits >= MIN_COUNTRIES and hits >= COUNTRY_SHARE * len(values)


def country_kind_anchors(dimensions: list[tuple[str, str, tuple[str, ...]]]) -> list[Anchor]:
    """ "country" and "nation" for the one dimension whose values are countries' names when its
    own name does not say so ("country_region", "market", "territory").

    Why: users ask "observations by country" / "各个国家的观测次数"; a model calling the column
    ``country_region`` (the data set's "Country/Region") was refused on "country", which only
    its first word says. The values, not a list of names, tell the dimension holds countries;
    two such dimensions (origin and destination) get no anchor here: that stays a question.

    >>> [a.phrase for a in country_kind_anchors([("l__market", "", ("India", "Cuba", "Peru"))])]
    ['country', 'nation']
    """
    dims = [(dim, label) for dim, label, values in dimensions if holds_country_names(values)]
    if len(dims) != 1:
        return []
    dim, label = dims[0]
    via = label or dim.split("__")[-1].replace("_", " ")
    return [
        Anchor(w, "dimension", dim, None, via, "values", COUNTRY_KIND)
        for w in ("country", "nation")
    ]
