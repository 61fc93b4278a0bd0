"""US state names for a dimension whose values are the states' postal codes (TX, CA, NY).

Why: American data stores a state as its two-letter code, and users name it ("policies in
Texas", "claims in California", 加州的保单数). Without the names the word was unknown and the
question refused. The 50 states and DC with their codes are a fixed public table (ISO 3166-2:US,
like a unit table, not a word of any model); the Chinese names come from CC-CEDICT, read in
reverse like every other Chinese bridge.

Only a dimension whose values are all state codes (at least three of them) gets the names, so a
column of other two-letter codes ("IN" an airline, "CA" a country) is never read as states.
Chinese names are the CC-CEDICT words glossed as the state ("Texas, US state"), its 州 forms
(州 = state) and words whose one gloss is the bare name (加州 "California", 纽约 "New York");
a word CC-CEDICT glosses as a country or city of that name (格鲁吉亚 "Georgia (country)") is
left out.

>>> sorted(b.term for b in state_bridges_for("state", ("TX", "CA", "NY")))[:4]
['california', 'new york', 'texas', '加利福尼亚']
>>> state_bridges_for("airline", ("AA", "UA", "DL"))
[]
"""

from __future__ import annotations

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.bridges import Bridge
from semantic_layer.catalog import Catalog

#: how surely a state's name means its code on a column of state codes
STATE_NAME = 0.9
US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}
#: fewest codes a column needs before it is read as states (two could be anything)
MIN_CODES = 3
#: codes a US state column also holds without being any less a state column: the territories
#: (Puerto Rico, Guam, ...), the Pacific freely associated states and the armed forces' postal
#: codes (ISO 3166-2:US and USPS Publication 28; a fixed public table like the states)
US_OTHER_CODES = frozenset({"PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH", "PW", "AA", "AE", "AP"})
#: most values of a column named "state" that may be no code at all ("not-provided", "N/A"):
#: the placeholders public data writes for a missing state
MAX_PLACEHOLDERS = 2
_CODE_SHAPE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _is_code_shaped(value: str) -> bool:
    """Two capital letters: what a state code, a country code or an airline code looks like."""
    return len(value) == 2 and all(ch in _CODE_SHAPE for ch in value)


def _state_codes(codes: list[str], named: bool) -> list[str]:
    """The state codes of a column when it is a column of states, else none.

    Every value must be a state code, except on a dimension named "state": there the US
    territories and military codes (PR, GU, AE) and at most two placeholders that are no
    code at all ("not-provided") may stand beside them, the way public US data (CFPB, census)
    writes a state. A code of another kind (ON, a province; UA, an airline) still rules the
    column out, and so do three or more non-codes (a status column named "state").
    """
    states = [c for c in codes if c in US_STATES]
    if not named:
        return states if len(states) == len(codes) else []
    others = [c for c in codes if c not in US_STATES]
    if any(_is_code_shaped(c) and c not in US_OTHER_CODES for c in others):
        return []
    if sum(not _is_code_shaped(c) for c in others) > MAX_PLACEHOLDERS:
        return []
    return states


def _chinese_names(name: str) -> list[str]:
    """CC-CEDICT's Chinese for a state: words glossed as the state ("Texas, US state",
    "Illinois (US state)"), its 州 forms, or words whose one gloss is the bare name (加州
    "California"); never a word glossed as a country or city of that name (格鲁吉亚)."""
    n = name.lower()
    exact = {w for w, _, how in cedict.chinese_for(n) if how == "exact"}
    marked = {
        w for key in (f"{n}, us state", f"{n} us state") for w, _, _ in cedict.chinese_for(key)
    }
    noted = {w for key in (f"{n} country", f"{n} city") for w, _, _ in cedict.chinese_for(key)}
    return sorted(
        w for w in exact - noted if w in marked or w.endswith("州") or cedict.sense_count(w) == 1
    )


def state_bridges_for(dimension: str, values: tuple[str, ...]) -> list[Bridge]:
    """Bridges from state names to the codes of one dimension (none unless all are codes).

    Two codes are states only on a dimension named "... state": a parking operator in two
    states has ``state`` = CA / WA, and "加州各城市的收入" was refused.

    >>> [b.term for b in state_bridges_for("lot__state", ("CA", "WA"))][:2]
    ['california', '加利福尼亚']
    >>> state_bridges_for("flight__carrier", ("CA", "WA"))
    []

    A state column of public data also holds territories and a placeholder; an unnamed
    column, or one with a code of another kind, does not get names:

    >>> sorted({b.value for b in state_bridges_for("state", ("TX", "CA", "PR", "not-provided"))})
    ['CA', 'TX']
    >>> state_bridges_for("state", ("TX", "CA", "ON", "not-provided"))
    []
    >>> state_bridges_for("s", ("TX", "CA", "NY", "PR"))
    []
    """
    named = dimension.split("__")[-1].lower().split("_")[-1] == "state"
    codes = _state_codes([str(v) for v in values], named)
    if len(codes) < (2 if named else MIN_CODES):
        return []
    out = []
    for code in codes:
        name = US_STATES[code]
        for term in [name.lower(), *_chinese_names(name)]:
            out.append(Bridge(term, "value", dimension, code, code, "gazetteer", STATE_NAME))
    return out


def state_bridges(catalog: Catalog) -> list[Bridge]:
    """State-name bridges for every dimension of ``catalog`` whose values are state codes."""
    out: list[Bridge] = []
    for d in catalog.dimensions:
        if d.dim_type == "categorical" and d.values:
            out += state_bridges_for(d.name, tuple(d.values))
    return out
