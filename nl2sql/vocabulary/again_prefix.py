"""重新X beside 重X for a model term of an English "re-" word (reactivation: 重激活).

Why: dictionaries render English "re-" words with the bound prefix 重 (ECDICT: reactivation
重激活, CC-CEDICT: 重 "to repeat; again; re-"), while an analyst writes the free word 重新
("again; once more; re-", CC-CEDICT) before the verb: 重新激活, 重新打开. The term 重激活 did not
match 重新激活, and "重新激活带来的净ARR变动" was refused with 重新 and 激活 unknown.

Only a Chinese term that is 重 followed by a CC-CEDICT word of two characters or more, and
only when every thing it names is an English word starting with "re" (its value, the word it
was read from, or its name): 重量 (weight), 重要 (important) or 重点 (key point) never name a
"re-" word, so they get no variant.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

#: the bound prefix dictionaries write and the free word analysts write
BOUND, FREE = "重", "重新"


class _Named(Protocol):
    """What a term's sense says it names (read only)."""

    @property
    def name(self) -> str: ...

    @property
    def value(self) -> str | None: ...

    @property
    def via(self) -> str: ...


def _english(sense: _Named) -> str:
    return (sense.via or sense.value or sense.name.split("__")[-1]).lower()


def again_variants(
    terms: Mapping[tuple[str, ...], Sequence[_Named]], is_word: Callable[[str], bool]
) -> list[tuple[str, tuple[str, ...]]]:
    """(重新X, key of 重X) for each term 重X of a "re-" word whose X is a dictionary word
    (``is_word``), when 重新X is no term yet.

    >>> from nl2sql.lexicon import Sense
    >>> terms = {("重", "激", "活"): [Sense("value", "t__kind", value="reactivation")],
    ...          ("重", "要", "性"): [Sense("dimension", "t__importance")]}
    >>> again_variants(terms, {"激活", "要性"}.__contains__)
    [('重新激活', ('重', '激', '活'))]
    """
    out = []
    for key, senses in terms.items():
        if len(key) < 3 or key[0] != BOUND or not all(len(c) == 1 for c in key):
            continue
        rest = "".join(key[1:])
        if len(rest) < 2 or not is_word(rest) or not senses:
            continue
        if not all(_english(s).startswith("re") for s in senses):
            continue
        variant = FREE + rest
        if tuple(variant) not in terms:
            out.append((variant, key))
    return out
