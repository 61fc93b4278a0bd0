"""Negation and exclusion words: one list, cut into the subsets each reader needs.

Why one module with named subsets rather than one set: the same word negates different things
depending on where it stands and who reads it, so the readers cannot share a single set without
moving readings —

- the parser's "neg" role (``nl2sql.general``) reads words *before* what they exclude (非周末,
  "excluding freight") plus the postposed ones (周末以外) and a verb's "not yet" (未取消);
- a clause of an event ("没下过单的客户", ``rules.clause_verbs``) starts with a "never" word, which
  the parser reads as the role "none" (absence), not as "neg";
- a description's "NON-CANCELED orders" (``passes.metric_or_noun``) is read word by word, where
  "no" negates the next word but "besides"/"outside" would hit ordinary description words;
- a suggestion must say every negation its question said (``rules.kept_marks``), checked on raw
  text by character, so the words whose characters are no negation (不同, 非常, 未来) are listed
  to be taken out first.

A new negation word goes here, into every subset whose reader should see it.

>>> "外" in POSTPOSED_ZH, "外" in POSTPOSED_ZH_CLOSING
(True, False)
>>> set(OPENS_EXCLUSION_ZH) <= set(EXCLUDING_ZH)
True
"""

from __future__ import annotations

#: English words before what they exclude ("excluding freight", "other than weekends")
EXCLUDING_EN: tuple[str, ...] = (
    "not",
    "excluding",
    "exclude",
    "excludes",
    "except",
    "without",
    "other than",
    "non",
    "apart from",
    "besides",
    "outside",
    "outside of",
)
#: Chinese words before what they exclude (不含运费, 除了周末, 非会员)
EXCLUDING_ZH: tuple[str, ...] = (
    "不含",
    "除了",
    "除",
    "排除",
    "非",
    "不是",
    "不在",
    "剔除",
    "去掉",
    "去除",
    "不包括",
    "不包含",
    "除去",
    "不算",
    "不计",
)
#: prefixes that make a negated noun of the next word ("non-member", 非会员): "非重复退款" is read
#: "(non-duplicate) refunds" as readily as "not (duplicate refunds)" (``rules.kind_negation``)
PREFIX_NEGATIONS: tuple[str, ...] = ("non", "非")
#: Chinese words written *after* what they exclude (京东以外, 美国之外, 周末除外)
POSTPOSED_ZH: tuple[str, ...] = ("以外", "之外", "外", "除外")
#: the postposed words that close an exclusion after a flag (周末以外): 外 alone ends too many
#: ordinary words (国外, 另外) to be read there
POSTPOSED_ZH_CLOSING: tuple[str, ...] = tuple(w for w in POSTPOSED_ZH if w != "外")
#: preposed words that open an exclusion a postposed one closes (除了周末以外: one negation)
OPENS_EXCLUSION_ZH: tuple[str, ...] = ("除", "除了", "除去")
#: a verb's "not (yet)": 未取消的航班 = flights not cancelled (a flag or value negated)
NOT_YET_ZH: tuple[str, ...] = ("未", "尚未", "未曾", "未被", "尚未被", "没被", "没有被")
#: "never" words that open a clause of an event: 没下过单的客户 are those who never did it
NEVER_ZH: tuple[str, ...] = (
    "没有",
    "没",
    "从未",
    "从没",
    "从来没有",
    "从来没",
    "未曾",
    "未",
    "不曾",
)
#: English words that negate the next word of a description ("NON-CANCELED", "no fee")
NEGATING_NEXT_EN: frozenset[str] = frozenset(
    {"non", "not", "no", "excluding", "excludes", "exclude", "except", "without"}
)

#: characters that say a negation somewhere in raw Chinese text (没有/没/未/非/不/无/除了…以外)
NEGATION_CHARS_ZH = "没未非不无除"
#: words made of those characters that are no negation ("different", "very", "future" …)
NOT_NEGATIONS_ZH: tuple[str, ...] = ("不同", "不错", "非常", "未来", "无线", "无论", "不论")
#: English negation words in raw text (after "n't" is spelled "not")
NEGATIONS_EN: tuple[str, ...] = (
    "not",
    "no",
    "never",
    "without",
    "excluding",
    "except",
    "non",
    "nor",
    "none",
)

#: every word the parser reads with the role "neg" (``nl2sql.general.ROLES``)
NEG_ROLE_WORDS: tuple[str, ...] = EXCLUDING_EN + EXCLUDING_ZH + POSTPOSED_ZH + NOT_YET_ZH
