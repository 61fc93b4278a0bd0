"""Chinese "kind of X" words for a dimension named X: 币种 for a currency, 险种 for insurance.

Why: Chinese names the column that sorts things by X with X's head character plus 种 or 类
("kind"): 币种 is the currency a row is in (按币种统计), 险种 the line of insurance. CC-CEDICT
lists some of these (币别, 险种) but not 币种, the everyday word for it, so 各币种的收入占比 on a
model with a ``transaction_currency`` dimension was refused. The word is read as the
dimension's head noun when the dictionaries agree on every part:

- the first character is the head of CC-CEDICT's main rendering of X (币 of 货币 "currency",
  险 of 保险 "insurance": Chinese compounds end on their head) and itself glosses X;
- the second is 种 or 类, CC-CEDICT's "kind, type" characters;
- jieba knows the whole as a noun users write, and CC-CEDICT either lacks it or glosses it
  with X too (险种 "type of insurance"): 贝类 is "shellfish", not a kind of currency.

>>> kind_compounds("currency", ["货币"])
['币种']
>>> kind_compounds("currency", ["通货"])
[]
"""

from __future__ import annotations

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.chinese import jieba_tag, word_frequency

#: the characters that make a noun "kind of <noun>" (CC-CEDICT glosses both "kind; type")
KIND_CHARS = ("种", "类")


def kind_compounds(head: str, renderings: list[str]) -> list[str]:
    """The "kind of ``head``" words built on the last character of ``renderings`` (CC-CEDICT's
    main Chinese for ``head``), checked as the module docstring says."""
    glossing = set(cedict.parts(head))
    out: list[str] = []
    for rendering in renderings:
        char = rendering[-1:]
        if len(rendering) < 2 or char not in glossing:
            continue
        for kind in KIND_CHARS:
            word = char + kind
            if word in out or not word_frequency(word) or not jieba_tag(word).startswith("n"):
                continue
            if cedict.STORE().get("word", word) is not None and word not in glossing:
                continue  # a dictionary word of its own meaning (贝类 "shellfish")
            out.append(word)
    return out
