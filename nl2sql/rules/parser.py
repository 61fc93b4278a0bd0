"""The ordered list of passes that turns items into a :class:`SemanticQuery`.

Why an explicit list: the passes depend on each other's claims (a number taken by a threshold
is no longer a top-N count; a noun grouped by "by" is no longer a bare context noun), so their
order *is* the grammar. Each entry says what it claims and what it needs from the earlier ones:

0a. ``read_same_period`` — 去年同期 / "the same period last year": after a compared period the
   year-over-year base (同比); alone asked back with two runnable periods (``passes.same_period``).
0. ``absorb_value_heads`` — "费城店": a lone character after a value that ends the Chinese
   word for the value's own entity is that value's head noun (``passes.value_heads``).
0a2. ``read_label_notes`` — "transaction volume (USD)": a bracketed note after a metric's words
   picks the metric whose label has it, before the note is read as a value
   (``passes.label_notes``).
0b. ``read_named_ratio`` — "ratio of A to B", "A与B之比": the model's ratio of those two
   metrics, or a refusal naming them (before "ratio" is refused as an unknown word).
0c. ``absorb_means_prepositions`` — "通过app支付": 通过 / 经由 right before a value is the
   preposition of means, a grammar word (``passes.means_words``), before it is refused as unknown.
0d. ``read_change_words`` — "year-over-year revenue change": a word that weakly names only the
   model's period changes, beside an unclaimed 环比 / 同比 word, becomes a term with those
   readings for 2c0 to pick among (``rules.change_words``).
1. ``refuse_unknown_words`` — verb forms of the model's events become verb items; no unknown
   word survives (needs: nothing).
1a. ``absorb_metric_qualifiers`` — "crossing revenue": a metric word right before another
   metric's word, where that metric's description says it there, qualifies it (one metric,
   not two; ``rules.description_qualifiers``).
1b. ``read_counted_nouns`` — "航班数", "订单量": a noun with a count suffix is its count metric
   (before any pass reads the noun as a grouping or a context noun).
1c. ``read_status_amounts`` — "total refunded for damaged returns": a status value asked for as an
   amount ("total", "sum of", "how much") is the one amount metric its word names.
2. ``prefer_nouns`` — "orders" is a noun when another word is only a metric.
2a. ``refuse_bare_with_metric`` — "sales with a discount" and no threshold anywhere: refused
   (``rules.passes.bare_with``), never the metric's total over every row.
2a2. ``read_have_metric`` — "how many boats have outings": the things with more than 0 of a
   count computed per thing (``passes.have_metric``); an amount after "have" is refused.
2b. ``qualify_dimensions`` — "各地区客户的成交额": an entity word beside its own dimension
   qualifies it (one role-qualified grouping, not two); needs the nouns settled by 2.
2c0. ``read_model_comparisons`` — "share of sales from ebooks" answered by the model's own
   "Ebook Share %" (a ratio/derived metric whose words carry the comparison and whose label
   the question says) before the words are read as a derivation (``rules.model_comparisons``).
2c. ``read_comparisons`` — "占比", "环比", "同比", "vs last month": claims the words and a
   compared period before the time range is taken (else "本月比上月" is two ranges).
3. ``take_time_range`` — the one time range.
4. ``group_by_grains`` — "monthly", "by week".
4b. ``read_flag_counts`` — "how many priority members": a yes/no flag dimension before a
   counted noun is a filter on its yes value and the noun's count (``rules.flags``); before
   the groupings, so "… by state" resolves among that count's dimensions.
4c. ``read_dimension_counts`` — "rides on bikes with more than 21 gears": a number of
   the things a dimension counts, after "with", filters each row; before the thresholds, which
   would refuse it as a number counting another noun than the metric.
4d. ``read_dimension_comparisons`` — "listings with capacity above 4", "planes built before
   1990": a number compared with a numeric dimension filters each row; before the thresholds,
   which refuse a condition on a dimension.
4d2. ``read_growth_speed`` — "借阅增长最快的分馆": fastest / 最快 said of a growth metric ranks
    from the top (the general direction is a duration's: least time first).
4e. ``read_absence`` — "how many customers with no orders", "never placed an order",
    "没有订单的客户有多少": the things with no row of the noun's count metric (``is null``).
5. ``read_thresholds`` — "return rate > 15%": claims comparison, number and metric before
   any pass could read the number as a count or the metric as a plain metric.
5c. ``read_dimension_extremes`` — "latest ride date per operator", "largest capacity per
    campsite": a superlative before a date or number dimension, no metric: its max/min per group.
5b. ``read_extreme_metric`` — "longest arrival delay", "最小的一笔预订金额": a superlative
   with nothing to rank is the model's max/min metric of the named metric's column
   (``passes.extremes``); before the ranking, which would refuse a top 1 of one total.
6. ``read_top_n`` — "top 5 SKUs by GMV": claims N and the ranked noun (after thresholds, so
   "GMV>1000" numbers are gone).
6b. ``read_average_per`` — "average incurred loss per claim" is the model's ratio of that
   amount to that count when it has exactly one (before "per claim" groups by every claim).
6z. ``read_distinct_groups`` — 不同门店的净销售额: a distinct word before an entity beside
   a metric is a "by" word (``passes.distinct_groups``).
7. ``read_group_markers`` — "by channel and region", "by GMV" (rank metric).
8. ``read_which`` — "which channel".
9. ``read_how_many`` — "how many customers".
9b. ``read_flag_sides`` — "known and unknown drivers": both sides of a flag group by it.
10. ``read_values`` — filters from values (after the groupings, which may claim a dimension
    word that is also a value).
10b. ``read_two_sides`` — "A是B的几倍", "A比B多多少": the two values of one dimension the
    values pass filtered are one ratio or difference (``passes.two_sides``).
11. ``read_booleans`` — yes/no dimensions named alone.
12. ``read_bare_terms`` — remaining dimensions group, remaining entities are context.
13. ``read_metrics`` — remaining metrics, the pending rank, fallbacks; refuses without metric.
13b. ``ask_joined_conditions`` — "VIP customers and B2B customers": conditions on two
    dimensions joined by "and" are asked back (union or both?) unless "both"/同时 is said.
13a. ``group_by_label_grain`` — "daily litres" on a metric labelled "Daily Litres": the
    label's periodicity word also groups by its grain.
14. ``apply_time_axis`` — a named date ("paid last month", "按签收日期") takes the time
    range and grain (needs the metrics, to check they reach it).
14a0. ``group_offset_by_period`` — "Sales MoM Change (%) for March 2026": a metric that
    compares periods (an offset input) asked for one whole period is read by that period's grain
    (``passes.offset_period``).
14a. ``ask_own_rows_period`` — "2018年3月的客户数" on a count dated by each one's own first
    date, when the model also counts them active over other rows: both readings asked back.
14a1. ``ask_own_rows_grain`` — "members by month" on the same two counts: asked back too.
14a2. ``ask_new_value_period`` — "new customers in March" where "new" is also a segment value
   and the count is dated by each customer's own date: both readings asked back.
14b. ``refuse_range_finer_than_grain`` — "ARR today" on a metric recorded by month: the range
    holds no month, so the answer would be empty.
15. ``read_sort`` — sort words.
16. ``read_trend`` — "trend" adds a time grain.
16b. ``settle_comparisons`` — a share needs a breakdown and an additive metric (or is a
   filtered count's part of its noun's count, "已取消订单的占比"); a change needs a time grain
   (added from the period when the question names one).
16c. ``settle_verbs`` — a verb ("flown", 出发) read by pass 1 is absorbed when it restates
   the metric, its entity or time, or a dimension the query uses; refused otherwise (needs
   the whole reading).
16d. ``refuse_count_for_money`` — "how much was paid for orders last month": an amount asked
   ("how much", 多少钱, 付了多少) where the whole reading is a count is asked back, offering the
   amounts the question's words name (``passes.money_asked``).
16e. ``read_bare_number_values`` — "… in 33101": the one whole number nothing claimed that is
    one dimension's stored value (a postal code) filters it (``passes.bare_numbers``).
16f. ``ask_year_or_value`` — "visits in 2010" where 2010 is also a stored store number:
    asked back with both readings (``passes.year_or_value``).
16g. ``ask_amount_span`` — "orders with GMV from 2000 to 2100": a year span right after "with
    <amount>" may be the amount's range; asked back (``passes.amount_spans``).
16h. ``read_hour_dimension`` — "按小时" / "by hour" on a model with no hourly grain: its one
    hour-of-day dimension, two asked back (``passes.hour_dimension``).
17. ``refuse_leftovers`` — unclaimed numbers, comparisons, values refuse.
18. ``merge_context`` — a follow-up folds into the previous query and keeps its share or
    change (needs every part this question named, so it runs last).
18b. ``refuse_self_counts`` — a count of the very thing grouped by (Bikes Used by bike,
    "which bike rode the most" read as Bikes Used) is 1 in every row: refused, offering the
    model's other counts by that thing (``passes.self_counts``). After every pass that may
    still replace the metric or drop the breakdown ("发票总额": the count becomes the
    invoices' own amount and the invoice breakdown goes) and after a follow-up's merge.
18c. ``refuse_linked_counts`` — a sum of per-row counts of a thing ("Total charge attempts" over
    visits) by that thing's own dimension (its stop reason, through the one attempt a visit
    links to) is refused, offering the thing's own count (``passes.linked_counts``); after the
    merge, like 18b.
19. ``build_query`` — catalog checks and the query.
"""

from __future__ import annotations

from collections.abc import Callable

from nl2sql.rules.absence import read_absence
from nl2sql.rules.change_words import read_change_words
from nl2sql.rules.dangling_prepositions import refuse_dangling_prepositions
from nl2sql.rules.description_qualifiers import absorb_metric_qualifiers
from nl2sql.rules.flags import read_flag_counts
from nl2sql.rules.followup import merge_context
from nl2sql.rules.label_grains import group_by_label_grain
from nl2sql.rules.model_comparisons import read_model_comparisons
from nl2sql.rules.passes.amount_spans import ask_amount_span
from nl2sql.rules.passes.average_per import read_average_per
from nl2sql.rules.passes.bare import read_bare_terms
from nl2sql.rules.passes.bare_numbers import read_bare_number_values
from nl2sql.rules.passes.bare_with import refuse_bare_with_metric
from nl2sql.rules.passes.booleans import read_booleans, read_flag_sides
from nl2sql.rules.passes.build import build_query
from nl2sql.rules.passes.coarse_time import refuse_range_finer_than_grain
from nl2sql.rules.passes.column_conditions import read_column_conditions
from nl2sql.rules.passes.comparisons import read_comparisons
from nl2sql.rules.passes.counts import read_counted_nouns, read_how_many
from nl2sql.rules.passes.dimension_comparisons import read_dimension_comparisons
from nl2sql.rules.passes.dimension_counts import read_dimension_counts
from nl2sql.rules.passes.dimension_extremes import (
    read_dimension_extremes,
    settle_dimension_extreme,
)
from nl2sql.rules.passes.distinct_groups import read_distinct_groups
from nl2sql.rules.passes.extremes import read_extreme_metric
from nl2sql.rules.passes.grains import group_by_grains
from nl2sql.rules.passes.grouping import read_group_markers
from nl2sql.rules.passes.growth_speed import read_growth_speed
from nl2sql.rules.passes.have_metric import read_have_metric
from nl2sql.rules.passes.hour_dimension import read_hour_dimension
from nl2sql.rules.passes.identifiers import read_identifier_values
from nl2sql.rules.passes.joined_conditions import ask_joined_conditions
from nl2sql.rules.passes.label_notes import read_label_notes
from nl2sql.rules.passes.label_values import read_label_values
from nl2sql.rules.passes.leftovers import refuse_leftovers
from nl2sql.rules.passes.linked_counts import refuse_linked_counts
from nl2sql.rules.passes.means_words import absorb_means_prepositions
from nl2sql.rules.passes.metric_or_noun import prefer_nouns
from nl2sql.rules.passes.metrics import read_metrics
from nl2sql.rules.passes.money_asked import refuse_count_for_money
from nl2sql.rules.passes.named_ratio import read_named_ratio
from nl2sql.rules.passes.number_labels import read_number_labels, read_relative_labels
from nl2sql.rules.passes.offset_period import group_offset_by_period
from nl2sql.rules.passes.ordinals import read_ordinals, settle_offset
from nl2sql.rules.passes.own_rows_period import (
    ask_new_value_period,
    ask_own_rows_grain,
    ask_own_rows_period,
)
from nl2sql.rules.passes.pending import refuse_pending_states
from nl2sql.rules.passes.per_rows import note_per_rows
from nl2sql.rules.passes.per_value_metric import prefer_per_value_metric
from nl2sql.rules.passes.period_mean import read_period_mean
from nl2sql.rules.passes.qualify import qualify_dimensions
from nl2sql.rules.passes.quantified_values import ask_quantified_values
from nl2sql.rules.passes.same_period import read_same_period
from nl2sql.rules.passes.self_counts import refuse_self_counts
from nl2sql.rules.passes.settle_comparisons import settle_comparisons
from nl2sql.rules.passes.sorting import read_sort
from nl2sql.rules.passes.status_amount import read_status_amounts
from nl2sql.rules.passes.thresholds import read_thresholds
from nl2sql.rules.passes.time_axis import apply_time_axis
from nl2sql.rules.passes.time_range import take_time_range
from nl2sql.rules.passes.top_n import read_top_n
from nl2sql.rules.passes.trend import read_trend
from nl2sql.rules.passes.two_sides import read_two_sides
from nl2sql.rules.passes.unknown import refuse_unknown_words, settle_verbs
from nl2sql.rules.passes.value_heads import absorb_value_heads
from nl2sql.rules.passes.value_named_count import read_value_named_counts
from nl2sql.rules.passes.values import read_values
from nl2sql.rules.passes.which import read_which
from nl2sql.rules.passes.whole_words import read_whole_words
from nl2sql.rules.passes.year_or_value import ask_year_or_value
from nl2sql.rules.state import ParseState
from semantic_layer.query import SemanticQuery

Pass = Callable[[ParseState], None]

#: The passes in the order they run (see the module docstring for why this order).
PASSES: tuple[Pass, ...] = (
    refuse_pending_states,
    read_same_period,
    absorb_value_heads,
    read_label_notes,
    read_named_ratio,
    refuse_dangling_prepositions,
    read_relative_labels,
    absorb_means_prepositions,
    read_change_words,
    refuse_unknown_words,
    absorb_metric_qualifiers,
    read_whole_words,
    read_label_values,
    read_counted_nouns,
    read_status_amounts,
    prefer_nouns,
    refuse_bare_with_metric,
    read_have_metric,
    qualify_dimensions,
    read_model_comparisons,
    read_comparisons,
    take_time_range,
    group_by_grains,
    read_period_mean,
    read_identifier_values,
    read_flag_counts,
    read_column_conditions,
    read_dimension_counts,
    read_dimension_comparisons,
    read_growth_speed,
    read_ordinals,
    read_absence,
    read_thresholds,
    read_number_labels,  # "highest X in season 2026": the label, before a ranking takes "in season"
    read_extreme_metric,
    read_dimension_extremes,
    read_top_n,
    read_average_per,
    read_distinct_groups,
    read_group_markers,
    read_which,
    read_how_many,
    read_flag_sides,
    ask_quantified_values,
    read_values,
    read_two_sides,
    read_booleans,
    read_bare_terms,
    read_metrics,
    read_value_named_counts,
    ask_joined_conditions,
    group_by_label_grain,
    settle_offset,
    apply_time_axis,
    group_offset_by_period,
    ask_own_rows_period,
    ask_own_rows_grain,
    ask_new_value_period,
    refuse_range_finer_than_grain,
    read_sort,
    read_trend,
    settle_dimension_extreme,
    settle_comparisons,
    settle_verbs,
    refuse_count_for_money,
    read_bare_number_values,
    ask_year_or_value,
    ask_amount_span,
    note_per_rows,
    prefer_per_value_metric,
    read_hour_dimension,
    refuse_leftovers,
    merge_context,
    refuse_self_counts,
    refuse_linked_counts,
)


def parse(state: ParseState) -> SemanticQuery:
    """Run every pass over ``state``, then build the query (raises ``Refusal``)."""
    for run in PASSES:
        run(state)
    return build_query(state)
