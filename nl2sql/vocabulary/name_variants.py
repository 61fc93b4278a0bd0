"""Other ways users say a dimension's name: its short form written whole, its kind head swapped.

Why a module of its own: these two variants are spelling habits of column names (`device_os`,
`device_category`), not readings of the model's labels or descriptions; ``english_anchors``
adds them to a dimension's own anchors.
"""

from __future__ import annotations

import re

from nl2sql.vocabulary.anchors import LABEL, SUFFIX, THESAURUS, Anchor
from nl2sql.vocabulary.english import name_words, singular

#: short forms owners write in column names for everyday words, said whole by users and
#: glossed whole by the dictionaries (`device_os` is asked as "operating system", 操作系统)
NAME_ABBREVIATIONS = {
    "os": "operating system",
    "txn": "transaction",
    "acct": "account",
    "dept": "department",
    "mgr": "manager",
    "addr": "address",
    "qty": "quantity",
    "amt": "amount",
    "pct": "percent",
}


def expanded_anchors(kind: str, name: str, via: str, short: str) -> list[Anchor]:
    """The name with a short form it closes with written whole: "device operating system" and
    "operating system" for `device_os`.

    Why: users and the Chinese dictionaries know the whole word; the short form alone was the
    only way to the dimension ("pageviews by operating system", "各操作系统的浏览量" refused).

    >>> [a.phrase for a in expanded_anchors("dimension", "event__device_os", "", "device_os")]
    ['device operating system', 'operating system']
    >>> expanded_anchors("dimension", "event__device_type", "", "device_type")
    []
    """
    words = [w.lower() for w in name_words(short)]
    whole = NAME_ABBREVIATIONS.get(words[-1]) if words else None
    if whole is None:
        return []
    out = [Anchor(" ".join([*words[:-1], whole]), kind, name, None, via or short, "name", LABEL)]
    if len(words) > 1:
        out.append(Anchor(whole, kind, name, None, via or short, "suffix", SUFFIX))
    return out


#: heads that say "which kind of" the modifier: `device_category` is asked as "device type"
KIND_HEADS = ("type", "category", "kind")


def kind_head_anchors(name: str, label: str, short: str) -> list[Anchor]:
    """The dimension's modifier with the other kind heads: "device type" and "device kind" for
    `device_category`, "room category" for `room_type`.

    Why: which of these words an owner wrote is a habit, and users say another ("pageviews by
    device type" was refused on a `device_category`). Less sure than the name: a model that
    has both `product_type` and `product_category` keeps each by its own name, and the other
    word ("product kind") then fits both and is clarified.

    >>> [a.phrase for a in kind_head_anchors("event__device_category", "", "device_category")]
    ['device type', 'device kind']
    >>> kind_head_anchors("order__category", "", "category")
    []
    """
    words = [singular(w.lower()) for w in name_words(short)]
    if len(words) < 2 or words[-1] not in KIND_HEADS:
        return []
    return [
        Anchor(
            " ".join([*words[:-1], head]),
            "dimension",
            name,
            None,
            label or short,
            "kind",
            THESAURUS,
        )
        for head in KIND_HEADS
        if head != words[-1]
    ]


def slash_alternatives(label: str) -> list[str]:
    """The label once per word of a slashed pair: "Seed Spend" and "Soil Spend" of
    "Seed/Soil Spend".

    Why: a slash between two words in a label says "either or both" — the metric is what
    either word names with the rest of the label. The whole pair was the only way in, so
    "seed spend" (种子支出) was refused as an unknown word. Only one pair of single
    words (``A/B``); a number pair ("24/7") or a unit ("km/h": fewer than three letters
    on a side) is no alternative.

    >>> slash_alternatives("Seed/Soil Spend")
    ['Seed Spend', 'Soil Spend']
    >>> slash_alternatives("Speed (km/h)"), slash_alternatives("Revenue")
    ([], [])
    """
    pairs = re.findall(r"\b([A-Za-z]{3,})\s*/\s*([A-Za-z]{3,})\b", label or "")
    if len(pairs) != 1:
        return []
    whole = re.search(r"\b[A-Za-z]{3,}\s*/\s*[A-Za-z]{3,}\b", label)
    assert whole is not None
    head, tail = label[: whole.start()], label[whole.end() :]
    return [f"{head}{w}{tail}".strip() for w in pairs[0]]
