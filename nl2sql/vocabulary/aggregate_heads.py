"""The words that only say a thing is summed or counted, and each caller's named subset.

Why: five modules each kept their own small set of "total" words (metric names' closing
words, description heads, sole-word guards, the Chinese and English words before a metric
phrase). They differ on purpose — a metric name closing in "count" is a count, not a sum,
so a name's closing word may be "total" or "sum" only; a description's head may close in
"count" too — and the differences were easy to miss when the sets sat apart. One module
keeps the shared core and names each subset with why it differs, so a new total word is
added once and a caller's exception stays visible.
"""

from __future__ import annotations

#: the English words that say only "added up", wherever they stand
SUM_WORDS = frozenset({"total", "sum"})

#: Chinese total words written before what they total (总里程, 合计金额)
ZH_TOTAL_WORDS = frozenset({"总", "总计", "合计", "总和", "总共"})

#: a metric name's closing word that only says it is summed (`duels_total`, `fare_sum`);
#: "count" is left out: `order_count` is a count, its last word is what it is
TRAILING_TOTALS = SUM_WORDS

#: words after a description's head that only say how it is kept ("… goals total",
#: "… visits count"): a description may close in "count" where a name may not
DESCRIPTION_TRAILING = SUM_WORDS | {"count"}

#: heads after which a label noun names the things summed, not the metric ("Order Total",
#: "Claim Amount", "Visit Count"): the measuring nouns too, since a noun before them is what
#: is measured, never the metric's own word
SUMMED_THING_HEADS = SUM_WORDS | {"amount", "value", "count", "number"}

#: a total word before a metric's name or label phrase names the ``sum`` aggregation
#: (``rules.metric_names``): "overall" and 一共 ("altogether") too, since there the phrase
#: is a metric the words are compared against, not an item of a parse
TOTAL_BEFORE_NAME = SUM_WORDS | {"overall"} | ZH_TOTAL_WORDS | {"一共"}

#: a total word (a stop item of a parse) before a metric word ("total mileage", "总里程",
#: "sum of distance"): the tokenizer keeps "sum of" as one stop item
TOTAL_BEFORE_WORD = SUM_WORDS | {"sum of"} | ZH_TOTAL_WORDS

#: Chinese total words that also follow what they total ("骑行里程合计", "预订金额的总和"):
#: 总 and 总共 only lead (总里程; 总共 is an adverb before a verb)
TOTAL_AFTER_WORD = frozenset({"合计", "总计", "总和"})
