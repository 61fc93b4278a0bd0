"""A Chinese grouping word that swallowed the first character of the model's noun after it.

Why: jieba cuts 各类别的 as 各类 ("every kind") / 别的 ("other"), so the breakdown word 类别
(category, a model term) was never seen: 别的 asked "other than what?" and the question was
refused, where 各 + 类别 + 的 ("by category") was meant. The same happens wherever a grouping
word ends in the character a model noun starts with (各类 + 类型, 每种 + 种类).

The characters are regrouped only when nothing is lost: the grouping word without its last
character is a grouping word of the same role (各类 -> 各), that character and the start of
the next word make a model term naming a dimension or an entity (what a grouping word asks
to break down by), and the next word's rest is nothing, a stop word or a general word (kept
with its role). Anything else is left as jieba cut it.
"""

from __future__ import annotations

from dataclasses import replace

from nl2sql.general import SINGLE_CHAR_STOP, STOP_ZH
from nl2sql.lexicon import Lexicon
from nl2sql.rules.items import Item


def _is_cjk(text: str) -> bool:
    return bool(text) and all("\u3400" <= ch <= "\u9fff" for ch in text)


def _rest_item(rest: str, start: int, lex: Lexicon) -> Item | None:
    """The item the next word's rest becomes, or None when it would be an unknown word."""
    role = lex.general.get(tuple(rest))
    if role:
        return Item("role", rest, start, start + len(rest), role=role)
    if rest in STOP_ZH or (len(rest) == 1 and rest in SINGLE_CHAR_STOP):
        return Item("stop", rest, start, start + len(rest))
    return None


def split_group_words(items: list[Item], lex: Lexicon) -> list[Item]:
    """``items`` with each grouping word that ends in a model noun's first character cut back
    (see the module's docstring).

    >>> from nl2sql.lexicon import Sense
    >>> lex = Lexicon(catalog=None)
    >>> lex.general[("各",)] = "group"; lex.general[("各", "类")] = "group"
    >>> lex.general[("别", "的")] = "other"
    >>> lex.terms[("类", "别")] = [Sense("dimension", "category")]
    >>> its = [Item("role", "各类", 0, 2, role="group"), Item("role", "别的", 2, 4, role="other")]
    >>> [(i.kind, i.text) for i in split_group_words(its, lex)]
    [('role', '各'), ('domain', '类别'), ('stop', '的')]
    """
    out: list[Item] = []
    k = 0
    while k < len(items):
        left = items[k]
        right = items[k + 1] if k + 1 < len(items) else None
        got = _regroup(left, right, lex) if right is not None else None
        if got is None:
            out.append(left)
            k += 1
            continue
        out.extend(got)
        k += 2
    return out


def _regroup(left: Item, right: Item, lex: Lexicon) -> list[Item] | None:
    if (
        left.kind != "role"
        or not left.role.startswith("group")
        or len(left.text) < 2
        or not _is_cjk(left.text)
        or right.kind not in ("role", "unknown", "stop")
        or left.end != right.start
        or not _is_cjk(right.text)
    ):
        return None
    head, last = left.text[:-1], left.text[-1]
    if lex.general.get(tuple(head)) != left.role:
        return None
    for n in range(len(right.text), 0, -1):
        senses = lex.terms.get(tuple(last + right.text[:n]))
        if not senses or any(s.kind not in ("dimension", "entity") for s in senses):
            continue
        rest = right.text[n:]
        tail = _rest_item(rest, right.start + n, lex) if rest else None
        if rest and tail is None:
            continue
        noun = Item("domain", last + right.text[:n], left.end - 1, right.start + n, senses=senses)
        grouped = replace(left, text=head, end=left.end - 1)
        return [grouped, noun] + ([tail] if tail is not None else [])
    return None
