"""Counting words of general language: Chinese count suffixes and counters, "different".

Why a table: Chinese counts a thing with a suffix on its noun (航班*数*, 订单*量*, 飞行*架次*,
下单*人数*) or a counter after 多少 (多少*架*飞机, 多少*辆*车, 多少*笔*); English says "number of"
or "how many different". These words belong to the language, not to any business, so they are
listed here once; which metric counts the noun comes from the semantic model
(:func:`nl2sql.rules.counting.count_metric`).

>>> "量" in ROW_COUNT_SUFFIXES, "件数" in ROW_COUNT_SUFFIXES, "架" in COUNTERS
(True, False, True)
"""

from __future__ import annotations

#: a suffix that turns a noun into its count: 航班数, 订单量, 架次, 人数, 笔数 ("how many X")
COUNT_SUFFIXES = frozenset(
    {
        "数",
        "数量",
        "量",
        "总数",
        "个数",
        "数目",
        "次数",
        "人数",
        "人次",
        "笔数",
        "单数",
        "单量",
        "件数",
        "架次",
        "车次",
        "班次",
        "总量",
    }
)

#: the suffixes that count the noun's own rows (骑行数 = how many rides); 件数 counts pieces,
#: 人数 people and 数量 / 总量 is as often a quantity (退货数量 = units returned), so a noun with
#: one of those is not read as its count (the question is left to the other rules)
ROW_COUNT_SUFFIXES = COUNT_SUFFIXES - {"件数", "人数", "人次", "数量", "总量"}

#: suffixes that count the noun's rows only in a model that counts no quantity of anything (保单
#: 数量 = how many policies where no metric is a quantity; 退货数量 = units returned where one is)
QUANTITY_SUFFIXES = frozenset({"数量", "总量"})

#: the words that make a metric a quantity of pieces rather than a count of rows
QUANTITY_WORDS = frozenset({"quantity", "quantities", "qty", "units", "pieces", "volume"})

#: count words whose first character is commerce shorthand for the thing counted: 单量 and
#: 单数 are "the number of orders" (单 for 订单, as in 下单), whatever noun stands before them
#: ("布鲁克林店的单量", "客户单量" count orders, never stores or customers)
SHORTHAND_COUNTS = {"单量": "订单", "单数": "订单"}

#: the suffix that counts people (客户人数): it counts the noun's own rows only when the noun is
#: a person
PEOPLE_SUFFIX = "人数"

#: "person-times" (入院人次, 就诊人次): how many times people did the thing, i.e. the event's own
#: rows, never distinct people; on a person noun (乘客人次: trips? passengers?) it stays unread
PERSON_TIMES_SUFFIX = "人次"

#: what a person-like entity is called (its name, label or synonyms): 人数 counts these
PERSON_WORDS = frozenset(
    {
        "customer",
        "client",
        "buyer",
        "user",
        "member",
        "guest",
        "passenger",
        "rider",
        "patient",
        "employee",
        "staff",
        "student",
        "visitor",
        "subscriber",
        "person",
        "people",
        "driver",
        "agent",
        "seller",
        "shopper",
        "客户",
        "顾客",
        "用户",
        "买家",
        "会员",
        "乘客",
        "员工",
        "学生",
        "访客",
        "患者",
    }
)

#: counters (量词) after 多少/几 that add nothing to a count: 多少架飞机, 几辆车, 多少笔, 几场比赛
COUNTERS = frozenset(
    [
        "个",
        "家",
        "名",
        "位",
        "款",
        "种",
        "条",
        "笔",
        "件",
        "次",
        "架",
        "辆",
        "台",
        "艘",
        "趟",
        "场",
        "单",
        "份",
        "张",
        "只",
        "头",
        "本",
        "批",
        "箱",
        "项",
        "所",
        "间",
        "座",
        "栋",
        "棵",
        "把",
        "颗",
        "盒",
        "瓶",
        "袋",
        "罐",
    ]
)

#: counters of pieces of goods (3件, 件数): a quantity of units, never how often an event
#: happened ("购买超过3件的订单" asks for orders of more than 3 units, not more than 3 buyers).
#: The containers goods are sold in count them the same way: "卖了多少盒", "超过1000瓶" ask for
#: units (boxes of tablets, bottles of wine), never for rows; 箱 stays a plain counter (a case
#: holds many units) and so do 支/包, which also count teams, pens and parcels.
PACKAGE_COUNTERS = frozenset({"盒", "瓶", "袋", "罐"})
PIECE_COUNTERS = frozenset({"件", "件数"}) | PACKAGE_COUNTERS

#: words asking for a count of distinct things: "how many different planes", "多少架不同的飞机"
DISTINCT_WORDS = frozenset(
    {"different", "distinct", "unique", "separate", "不同", "不同的", "不重复", "去重", "独立"}
)


def counts_a_noun(word: str) -> bool:
    """Whether ``word`` is a word plus a count suffix (浏览量 = 浏览 + 量): a quantity, which
    never names a category value (a `page_view` event) however a dictionary glosses it.

    >>> counts_a_noun("浏览量"), counts_a_noun("英国"), counts_a_noun("数量")
    (True, False, False)
    """
    return any(word.endswith(s) and len(word) - len(s) >= 2 for s in COUNT_SUFFIXES)
