"""The general language the rules engine knows: grammar words, never domain words.

Why a table of words and roles: everything about a particular business (metric names, channel
names, regions...) comes from the semantic model's catalog; what is built in is only the
vocabulary any analytics question uses in Chinese or English — "by/按", "top/前", "above/超过",
"how many/多少", "and/且", "not/非" — each with the role it plays in a question.

>>> ROLES["按"], ROLES["at least"], ROLES["最少"]
('group', 'cmp:>=', 'bottom')
"""

from __future__ import annotations

from nl2sql.counters import COUNT_SUFFIXES, COUNTERS, DISTINCT_WORDS
from nl2sql.negation_words import NEG_ROLE_WORDS
from nl2sql.scale_words import BY_WORD as SCALE_WORDS
from nl2sql.scale_words import FRAMES as SCALE_FRAMES
from nl2sql.unit_words import FRAMES as UNIT_FRAMES
from nl2sql.unit_words import KIND_QUESTIONS
from nl2sql.unit_words import QUESTION_WORDS as UNIT_WORDS

GRAINS = ("day", "week", "month", "quarter", "year")


def _words(role: str, text: str) -> dict[str, str]:
    return {w.strip(): role for w in text.split("|") if w.strip()}


def _split(text: str) -> list[str]:
    return text.split()


ROLES: dict[str, str] = {}
for _role, _text in [
    (
        "group",
        "by|per|each|every|for each|for every|grouped by|group by|broken down by|breakdown by|"
        "split by|across|按|按照|各|每个|每|分|各个|每一个|逐|分别按|依|根据|每家|各家|每一家|每位|每名|"
        "每张|每笔|每件|每条|每份|每台|每辆|每架|每间|每项|每本|每篇|每次|每趟|各位|每支|各支|"
        "每种|每类|每款|各款|每一款|各类|各种|each type of|every type of|each kind of|every kind of|"
        "for each type of|for every type of|for each kind of|for every kind of",
    ),
    ("grain:day", "day|days|日|天"),
    ("grain:week", "week|weeks|周|星期"),
    ("grain:month", "month|months|月|月份"),
    ("grain:quarter", "quarter|quarters|季度|季"),
    ("grain:year", "year|years|年|年度|年份"),
    ("grainadj:day", "daily|每天|每日|逐日|日度|按日|按天|分日|day by day"),
    ("grainadj:week", "weekly|每周|每星期|逐周|周度|按周|分周|over the weeks"),
    (
        "grainadj:month",
        "monthly|每月|每个月|逐月|月度|按月|分月|按月份|month by month|over the months",
    ),
    (
        "grainadj:quarter",
        "quarterly|每季度|每个季度|逐季|季度别|按季度|按季|分季度|over the quarters",
    ),
    # "over the years": one row per year, as "year by year" (a plural period, not "over the year")
    ("grainadj:year", "yearly|annual|annually|每年|逐年|按年|分年|按年度|over the years"),
    (
        "which",
        "which|what|哪些|哪个|哪几个|哪家|哪几家|哪类|哪种|哪一个|哪一类|哪位|哪些个|哪款|哪几款|哪几类|"
        # "…最多的前三位观众是谁": "who are they" after the noun asks which ones, like 是哪些
        "是谁|分别是谁|都是谁|都有谁",
    ),
    (
        "howmany",
        "how many|number of|count of|# of|多少|几个|多少个|几|几家|几笔|多少笔|多少家|多少位|几位|多少次|几次|"
        "数量|个数|总数|数目|数|笔数|次数|人数|件数|单数|"
        "the number of|total number of|count the|count",
    ),
    # a rank by its position: "排名第二", "第3名", "第二高" (the number follows), "second
    # highest" (the superlative follows); read by ``rules.passes.ordinals``
    ("nth", "排名第|排第|排行第|第"),
    ("nth:2", "second|2nd"),
    ("nth:3", "third|3rd"),
    ("nth:4", "fourth|4th"),
    ("nth:5", "fifth|5th"),
    (
        "top",
        "top|highest|most|largest|biggest|greatest|maximum|max|前|排名前|最高|最多|最大|"
        "最贵|头部|longest|slowest|most expensive|最长|最久|最慢|best selling|best-selling|"
        "bestselling|最畅销|sold the best|sells the best|sold best|卖得最好|卖的最好|"
        "排名第一|排第一|第一名|排行第一",
    ),
    (
        "bottom",
        "bottom|lowest|least|fewest|smallest|minimum|min|最低|最少|最小|后|倒数|末尾|"
        "排名后|尾部|shortest|fastest|quickest|cheapest|最短|最快|最便宜|worst selling|"
        "worst-selling|最滞销|sold the worst|sold worst|卖得最差|卖的最差|倒数第一|排名最后|"
        "垫底",
    ),
    # none of a noun per thing (rules.absence; "with no" in rules.tokenize); unread, refused
    ("none", "never|没有|从未|从没"),
    # the largest / smallest value of a date (passes.dimension_extremes); unread, refused
    ("latest", "latest|most recent|newest|最晚|最新"),
    ("earliest", "earliest|oldest|最早"),
    # best / worst rank by whether more is better, which the model does not say: a loss ratio,
    # a delay or a cost is best when lowest (read as "top", "the best loss ratio" was the
    # highest — a wrong answer); refused with the way to ask (highest / lowest)
    ("polar", "best|worst|最好|最佳|最差|最糟|最坏"),
    (
        "cmp:>",
        "> |>|above|over|more than|greater than|higher than|exceeds|exceed|exceeding|exceeded|"
        "longer than|slower than|later than|长于|晚于|"
        "larger than|bigger than|大于|高于|超过|超出|多于|在之上",
    ),
    (
        "cmp:>=",
        ">=|≥|at least|no less than|not less than|not below|no fewer than|not fewer than|"
        "no lower than|not lower than|no smaller than|not smaller than|不低于|不少于|不小于|至少|"
        "以上|及以上|或以上|or more|or above|and above|大于等于|大于或等于|不止|起码|最少为",
    ),
    (
        "cmp:<",
        "<|below|under|less than|lower than|fewer than|smaller than|小于|低于|少于|不到|不足|未达|未满|"
        "shorter than|faster than|quicker than|earlier than|短于|早于",
    ),
    (
        "cmp:<=",
        "<=|≤|at most|no more than|not more than|not above|not exceeding|no higher than|"
        "not higher than|no greater than|not greater than|no larger than|not larger than|"
        "不超过|不高于|不大于|至多|以下|及以下|或以下|or less|or below|and below|小于等于|小于或等于|"
        "不多于|最多为",
    ),
    ("cmp:=", "=|==|equal to|equals|等于|恰好|正好"),
    ("cmp:!=", "!=|<>|not equal to|不等于"),
    # not/excluding/非/除了/以外 and a verb's "not (yet)" 未取消 (nl2sql.negation_words)
    ("neg", "|".join(NEG_ROLE_WORDS)),
    # "除了美国，其他国家…": the rest after an exclusion; alone it says other than what?
    ("other", "其他|其它|其余|别的"),
    ("sort", "sort|sorted|order by|ordered by|rank|ranked|ranking|排序|排名|排列|排个序|排一下"),
    (
        "asc",
        "ascending|asc|increasing|升序|从低到高|从小到大|由低到高|由小到大|正序|low to high|"
        "lowest to highest|smallest to largest|least to most|lowest first|smallest first",
    ),
    (
        "desc",
        "descending|desc|decreasing|降序|从高到低|从大到小|由高到低|由大到小|倒序|high to low|"
        "highest to lowest|largest to smallest|most to least|highest first|largest first",
    ),
    ("and", "and|且|并且|同时|而且|以及|和|与|及|、|,|&|also|as well as|plus|跟|同|还有|并|, and"),
    ("or", "or|或|或者|或是|还是"),
    ("avg", "average|avg|mean|平均|均值|平均值|平均数"),
    # the mean over periods of each period's total: "日均收入" (rules.passes.period_mean)
    ("periodavg:day", "日均|日平均"),
    ("periodavg:week", "周均|周平均"),
    ("periodavg:month", "月均|月平均"),
    ("periodavg:year", "年均|年平均"),
    ("trend", "trend|trends|over time|趋势|走势|变化|变化趋势|时间序列"),
    (
        "compare",
        "compare|comparison|vs|versus|对比|比较|相比|compared to|compared with|compared|"
        "against|较|比|相较|相较于|相比于|与",
    ),
    # share of total and change over time (nl2sql.derived computes them; never ignored)
    (
        "share",
        "share|share of total|share of the total|percentage|percentage of|percent of total|percent of|percent|"
        "proportion|proportion of|fraction|fraction of|占比|所占比例|比例|份额|百分比|占总|占总数|"
        "占全部|占|百分之几|百分之多少|几成",
    ),
    # two values of one dimension against each other, one number: "A是B的几倍" (A / B),
    # "A比B多多少" (A - B), "A比B少多少" (B - A) (nl2sql.rules.passes.two_sides)
    ("times", "几倍|多少倍"),
    (
        "diff",
        "多多少|高多少|大多少|长多少|贵多少|多了多少|高了多少|差多少|相差多少|差了多少|差距多大|"
        "差距有多大",
    ),
    ("diff:less", "少多少|低多少|小多少|短多少|便宜多少|少了多少|低了多少"),
    ("pop", "环比|period over period|sequential|sequentially|上期|上一期"),
    ("pop:day", "day over day|日环比"),
    ("pop:week", "week over week|wow|周环比"),
    ("pop:month", "month over month|mom|月环比"),
    ("pop:quarter", "quarter over quarter|qoq|季度环比|季环比"),
    ("yoy", "同比|year over year|yoy|去年同期|上年同期"),
    ("growth", "growth|增长|增长率|增幅|增速|涨幅|growth rate"),
    (
        "followup",
        "what about|how about|and what about|instead|only|只看|只|仅看|仅|换成|改成|改为|换为|那么看",
    ),
    ("dist", "distribution|分布|分布情况|构成"),
    # a currency no unit table converts ("10元", "20 bucks"): the number is money
    # (nl2sql.rules.money; named currencies, "USD", "美元", are unit words below)
    ("money", "元|块|块钱|bucks"),
    (
        "unit",
        "小时|个小时|几个小时|多少小时|hours|hour|in hours|分钟|多少分钟|minutes|mins|in minutes|"
        "in days|多少天|几天",
    ),
]:
    ROLES.update(_words(_role, _text))
# counting words (nl2sql.counters): a count suffix asks "how many", "different" asks for distinct
ROLES.update({w: "howmany" for w in COUNT_SUFFIXES if w not in ROLES})
ROLES.update({w: "distinct" for w in DISTINCT_WORDS if w not in ROLES})
# units of length, mass and money (nl2sql.unit_words): converted, absorbed or refused, never lost
for _w in UNIT_WORDS:
    for _form in (_w, f"in {_w}" if _w.isascii() else f"多少{_w}"):
        ROLES.setdefault(_form, "unit")
    if not _w.isascii():  # the unit framed as the one to count in: 以美元计价, 按公里计
        for _frame in UNIT_FRAMES:
            ROLES.setdefault(_frame.format(_w), "unit")
# scales of presentation ("in thousands", 万元, 以亿元计): the answer shown scaled (nl2sql.scale_words)
for _w in SCALE_WORDS:
    ROLES.setdefault(_w, "unit")
    if not _w.isascii():
        for _frame in SCALE_FRAMES:
            ROLES.setdefault(_frame.format(_w), "unit")
# "多久", "how long": a duration (or a length) in whatever unit the model keeps it
ROLES.update({w: f"kindq:{kind}" for w, kind in KIND_QUESTIONS.items()})

# Support verbs ("placed", "made", "given", "generated", "went") are not listed here: their
# forms come from a morphology lexicon (nl2sql.vocabulary.morphology.LIGHT_VERBS), and verbs
# that name a model's events ("flown", "departed") are read against the model, not ignored.
STOP_EN = set(
    _split("""
a an the of for in on at to from with worth whose where that who whom is are was were be been being do
does did show me list give get find what's whats tell i we our my us you your please display all
i'm i've we're we've
total overall data has have had having it its their there then as can could would will should
shall let lets let's see view look up how much many much so far currently now ever still yet this these those
them they any some just only also which's whole entire altogether sum summed combined value values
numbers figures figure stats statistics report between during since before after until within
into up out when while one ones if per group grouped broken down breakdown items item thing things
across along via than more less fewer higher lower bigger smaller
better worse greater larger due because caused both
pls plz hi hey break breaks
""")
)

STOP_ZH = set(
    _split("""
的 了 吗 呢 吧 啊 呀 嘛 是 在 有 为 于 把 被 给 让 请 帮 帮我 我 我们 你 您 查 查询 查看 查一下 看 看看
看一下 统计 统计一下 显示 列出 列 找 找出 找到 告诉 告诉我 给出 给我 一下 下 情况 数据 分别 都 共 总 总共 总额
一共 合计 总计 总和 整体 全部 所有 全 各自 时 时候 期间 内 以内 之内 中 里 里面 上 当中 对应 相关 对 关于 这 那
这些 那些 个 家 名 位 款 种 条 笔 件 类 次 是多少 多少钱 怎么样 如何 怎样 有哪些 分别是 是什么 什么 哪 呢 么
以来 之后 以后 之前 以前 起 开始 从 到 至 自 由 将 其 其中 及其 它们 他们 一些 要 想 想要 需要 能 能否 可以
请问 麻烦 帮忙 输出 返回 展示 展现 汇总 统计下 计算 算 算一下 算下 一览 清单 列表 明细 结果 排 多 高 低 大
小 前后 数值 指标 值 分析 看下 报表 报告 每一 各项 当前 目前 现在 截止 截至 为止 共计 累计 所在 所属 属于
对于 针对 按照 了解 情形 状况 水平 分组 并且 导致 因为 由于 造成 引起 发往 运往 寄往 来自 发到 寄到 卖 卖了 买 买了 下单 下过 买过 卖过 下了 发了 发出 寄出 目前为止 到目前为止 迄今 迄今为止 至今
飞往 去往 开往 出发 起飞 抵达 飞抵 降落 离港 到港 已 已经 看到 看过 看见
加起来 加在一起 合起来 加总 总起来
使用 使用了 用了 用过
含有 带有 拥有
之间 介于
就 才
""")
)

# 就 / 才 are adverbs of timing and degree ("right at", "only then", "as many as"): 首次尝试就成功的
# 访问 is 首次尝试成功的访问, 多次尝试才成功 多次尝试成功; they say how the speaker feels about when or how
# much, never which rows (a compound holding the character, 人才 or 成就, is segmented as its own word)
# 之间 / 介于 are "between", as the English word is a grammar word (passes.between reads the range
# "在X到Y之间" / "介于X和Y之间" around a metric)
# 含有 / 带有 / 拥有 are 有 ("to have, to contain") written out: 含有食物的订单 is 有食物的订单, the
# orders with food (``rules.passes.phrases`` reads 有B的A); 包含 / 包括 stay out, as "including"
# they may add rows rather than select them
# 因 ("because of", before a reason: 因质量问题退货) and 用 ("using", before a means: 用快递发货,
# 一共用了多少架飞机) are prepositions there; the reason or the means itself is a value the
# question names, which is read as the condition it is
SINGLE_CHAR_STOP = set(
    "发的了吗呢吧啊呀是在有为于把被给让请我你查看列找下都共总全中里上内个家名位款种条笔件类次从到至自由将其要想能算多高低大小哪么值排往已因用就才"
) | {c for c in COUNTERS if len(c) == 1}  # 多少架, 几辆: a counter adds nothing to a count

# everyday English abbreviations, expanded before matching (never when the model itself uses
# the short form as a term)
ABBREVIATIONS: dict[str, str] = {
    "amt": "amount",
    "amts": "amounts",
    "avg": "average",
    "qty": "quantity",
    "cnt": "count",
    "num": "number",
    "pct": "percent",
    "rev": "revenue",
    "cust": "customer",
    "custs": "customers",
    "ord": "order",
    "ords": "orders",
    "mo": "month",
    "yr": "year",
    "wk": "week",
    "qtr": "quarter",
    "cat": "category",
    "cats": "categories",
}
