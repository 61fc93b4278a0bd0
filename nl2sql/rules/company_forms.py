"""A name that a dimension also holds with a company form after it: NORTHWIND, NORTHWIND LTD.

Why: registries keep one maker or supplier under several spellings, the bare name and the name
with its legal form or corporate designator ("NORTHWIND" and "NORTHWIND LTD", "KESTREL" and
"KESTREL INDUSTRIES"). "orders from Northwind" matched the bare value exactly and answered its
rows alone — part of the company's rows, a wrong number with nothing in it to say so (first
seen on a public aircraft registry). Whether the two spellings are one company is the data's
business, not the engine's guess: the question is asked back with both values offered.

The words are general: the legal forms of English and European company law (Inc, Ltd, LLC,
PLC, GmbH, AG, SA, NV, BV, SRL) and the designators company names carry after the name in
those languages (Company, Group, Holding(s), Industries / Industrie) — never a value of a model.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState

#: words that only say which legal form a company name has
COMPANY_FORMS = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "nv",
        "bv",
        "srl",
        "group",
        "holding",
        "holdings",
        "industrie",
        "industries",
    }
)


def _words(value: str) -> list[str]:
    return value.lower().replace(",", " ").replace(".", " ").split()


def company_spellings(value: str, values: tuple[str, ...] | list[str]) -> list[str]:
    """The other values that are ``value`` followed only by legal-form words.

    >>> company_spellings("KESTREL", ["KESTREL", "KESTREL INDUSTRIES", "KESTRELS", "NORTHWIND"])
    ['KESTREL INDUSTRIES']
    >>> company_spellings("Kestrel", ["Kestrel Group", "Kestrel Holdings PLC", "Kestrel Air"])
    ['Kestrel Group', 'Kestrel Holdings PLC']
    >>> company_spellings("NORTHWIND", ["NORTHWIND", "NORTHWIND HARBOUR"])
    []
    """
    own = _words(value)
    if not own:
        return []
    out = []
    for v in values:
        words = _words(str(v))
        rest = words[len(own) :]
        if words[: len(own)] == own and rest and all(w in COMPANY_FORMS for w in rest):
            out.append(str(v))
    return out


def refuse_company_spellings(p: ParseState, text: str, dim: str, value: str) -> None:
    """Ask back when the value matched is also spelled with a company form in ``dim``."""
    d = p.catalog.dimension(dim)
    if d is None or not d.values:
        return
    asked = " ".join(_words(p.result.question))
    # "KESTREL or KESTREL INDUSTRIES": a spelling the question writes out is already chosen
    others = [o for o in company_spellings(value, d.values) if " ".join(_words(o)) not in asked]
    if not others:
        return
    both = [value, *others]
    label = d.label or dim
    raise Refusal(
        f"'{text}' matches {label} '{value}', and {label} also holds "
        + ", ".join(f"'{o}'" for o in others)
        + " — the same name with a company form; say which one, or list them all",
        zh=f"“{text}”对应{label}“{value}”，而{label}还有"
        + "、".join(f"“{o}”" for o in others)
        + "（同一名称加公司后缀）；请说明是哪一个，或全部列出",
        words=[text],
        senses=[Sense("value", dim, value=v) for v in both],
    )
