"""Master data of the demo: customers and SKUs (NumPy arrays, one entry per row).

Why separate: orders, returns and stock all depend on who buys (tier, region, B2B) and what
(category, price, weight, return propensity); drawing those first keeps the order generator a
pure function of them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from connectors.demo.common import DAY, NAT, Context, choice

TIERS = np.array(["VIP", "gold", "silver", "regular"], dtype=object)
TIER_WEIGHTS = [0.05, 0.15, 0.30, 0.50]

DOMESTIC_REGIONS = {
    "华东": ["上海", "杭州", "南京", "苏州", "宁波", "合肥"],
    "华北": ["北京", "天津", "石家庄", "太原", "济南"],
    "华南": ["广州", "深圳", "厦门", "南宁", "东莞"],
    "西南": ["成都", "重庆", "昆明", "贵阳"],
    "华中": ["武汉", "长沙", "郑州", "南昌"],
    "东北": ["沈阳", "大连", "哈尔滨", "长春"],
    "西北": ["西安", "兰州", "乌鲁木齐", "银川"],
}
REGION_WEIGHTS = [0.30, 0.18, 0.22, 0.10, 0.10, 0.05, 0.05]
EXPORT_COUNTRIES = ["DE", "US", "JP", "GB", "FR", "AU"]
EXPORT_WEIGHTS = [0.25, 0.25, 0.15, 0.12, 0.12, 0.11]
EXPORT_CITIES = {
    "DE": ["Berlin", "Hamburg", "München", "Frankfurt"],
    "US": ["Los Angeles", "New York", "Chicago", "Seattle"],
    "JP": ["Tokyo", "Osaka", "Nagoya"],
    "GB": ["London", "Manchester", "Birmingham"],
    "FR": ["Paris", "Lyon", "Marseille"],
    "AU": ["Sydney", "Melbourne", "Brisbane"],
}
OVERSEAS_SHARE = 0.15
B2B_SHARE = 0.08

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "丽",
    "强",
    "平",
    "刚",
]
WESTERN_FIRST = [
    "Anna",
    "Lukas",
    "Emma",
    "Noah",
    "Mia",
    "Liam",
    "Yuki",
    "Haruto",
    "Olivia",
    "Jack",
    "Chloé",
    "Louis",
]
WESTERN_LAST = [
    "Müller",
    "Schmidt",
    "Smith",
    "Johnson",
    "Tanaka",
    "Sato",
    "Brown",
    "Martin",
    "Wilson",
    "Dubois",
]
COMPANY_WORDS = [
    "康达",
    "华信",
    "瑞丰",
    "恒通",
    "博润",
    "安泰",
    "嘉禾",
    "盛源",
    "永辉",
    "宏图",
    "致远",
    "鼎盛",
    "佳和",
    "新锐",
    "天成",
    "益康",
]
COMPANY_TRADES = [
    "医疗器械",
    "贸易",
    "母婴用品",
    "宠物用品",
    "电子科技",
    "商贸",
    "诊所管理",
    "供应链",
]

CATEGORIES = {
    # category: (weight share, price range CNY, weight range kg, base return rate, brands)
    "小家电": (0.18, (89, 1299), (1.0, 6.0), 0.06, ["美的", "小熊", "九阳", "苏泊尔"]),
    "美妆": (0.18, (39, 699), (0.1, 0.6), 0.05, ["珀莱雅", "薇诺娜", "花西子", "完美日记"]),
    "母婴": (0.14, (29, 499), (0.2, 3.0), 0.05, ["好孩子", "贝亲", "飞鹤", "全棉时代"]),
    "宠物食品": (0.12, (19, 399), (0.5, 10.0), 0.02, ["皇家", "麦富迪", "比瑞吉", "网易严选"]),
    "医疗器械": (0.10, (59, 3999), (0.3, 8.0), 0.04, ["鱼跃", "欧姆龙", "三诺", "可孚"]),
    "服装": (0.16, (59, 899), (0.2, 1.5), 0.12, ["李宁", "安踏", "波司登", "太平鸟"]),
    "数码配件": (0.12, (19, 599), (0.05, 0.8), 0.07, ["绿联", "倍思", "公牛", "Anker"]),
}
NOUNS = {
    "小家电": ["电饭煲", "空气炸锅", "破壁机", "电水壶", "吸尘器", "加湿器"],
    "美妆": ["精华液", "面霜", "口红", "防晒霜", "面膜"],
    "母婴": ["婴儿推车", "奶瓶", "奶粉", "纸尿裤", "湿巾"],
    "宠物食品": ["猫粮", "狗粮", "冻干零食", "猫砂"],
    "医疗器械": ["血压计", "制氧机", "血糖仪", "雾化器", "轮椅"],
    "服装": ["羽绒服", "运动鞋", "T恤", "卫衣", "冲锋衣"],
    "数码配件": ["充电器", "数据线", "移动电源", "耳机", "插线板"],
}
INSTALL_CATEGORIES = {"小家电", "医疗器械"}


def make_skus(ctx: Context) -> pd.DataFrame:
    """~200 SKUs (min 50): category, brand, prices, weight, return propensity, popularity.

    A few "bad" SKUs get a return rate above 25% (and, via :mod:`orders`, few repeat buyers),
    so "return rate > 15% and repurchase < 5%" questions have answers.
    """
    rng = ctx.rng
    n = int(np.clip(ctx.orders // 100, 50, 200))
    cats = list(CATEGORIES)
    cat = choice(rng, [CATEGORIES[c][0] for c in cats], n)
    lo = np.array([CATEGORIES[c][1][0] for c in cats], dtype=float)[cat]
    hi = np.array([CATEGORIES[c][1][1] for c in cats], dtype=float)[cat]
    price = np.round(np.exp(rng.uniform(np.log(lo), np.log(hi))), 0) - 0.1
    wlo = np.array([CATEGORIES[c][2][0] for c in cats])[cat]
    whi = np.array([CATEGORIES[c][2][1] for c in cats])[cat]
    weight = np.round(rng.uniform(wlo, whi), 2)
    base_rr = np.array([CATEGORIES[c][3] for c in cats])[cat]
    return_rate = np.clip(base_rr * rng.lognormal(0, 0.35, n), 0.005, 0.14)
    bad = np.zeros(n, dtype=bool)
    bad[rng.choice(n, size=max(3, n // 16), replace=False)] = True
    return_rate[bad] = rng.uniform(0.32, 0.42, bad.sum())
    popularity = rng.lognormal(0, 0.9, n)
    # bad SKUs sell well enough (mostly to one-off buyers) for their return rate to show
    popularity[bad] = np.maximum(popularity[bad], np.median(popularity)) * 3
    brand_idx = rng.integers(0, 4, n)
    noun_idx = rng.integers(0, 6, n)
    cat_names = np.array(cats, dtype=object)[cat]
    brands = np.array([CATEGORIES[c][4][b] for c, b in zip(cat_names, brand_idx, strict=True)])
    nouns = np.array(
        [NOUNS[c][k % len(NOUNS[c])] for c, k in zip(cat_names, noun_idx, strict=True)]
    )
    install = np.isin(cat_names, list(INSTALL_CATEGORIES)) & (rng.random(n) < 0.3)
    return pd.DataFrame(
        {
            "sku_num": np.arange(1, n + 1),
            "sku": [f"SKU-{i:04d}" for i in range(1, n + 1)],
            "sku_name": [
                f"{b} {w} {chr(65 + i % 26)}{i % 90 + 10}"
                for i, (b, w) in enumerate(zip(brands, nouns, strict=True))
            ],
            "category": cat_names,
            "brand": brands,
            "unit_cost": np.round(price * rng.uniform(0.35, 0.7, n), 2),
            "list_price": price,
            "weight_kg": weight,
            "return_rate": return_rate,
            "is_bad": bad,
            "service_hours_per_unit": np.where(install, rng.choice([0.5, 1.0, 1.5, 2.0], n), 0.0),
            "popularity": popularity,
        }
    )


def make_customers(ctx: Context) -> pd.DataFrame:
    """~orders/4 customers (min 200) with tier, region, B2B flag and an ordering propensity.

    ``weight`` (lognormal, ×2.5 for B2B) drives how often each customer orders, which makes
    order counts per customer skewed: a few buy many times, many buy once.
    """
    rng = ctx.rng
    n = max(200, ctx.orders // 4)
    overseas = rng.random(n) < OVERSEAS_SHARE
    b2b = rng.random(n) < B2B_SHARE
    regions = list(DOMESTIC_REGIONS)
    reg = choice(rng, REGION_WEIGHTS, n)
    country_idx = choice(rng, EXPORT_WEIGHTS, n)
    city_pick = rng.integers(0, 60, n)
    region = np.where(overseas, "海外", np.array(regions, dtype=object)[reg])
    country = np.where(overseas, np.array(EXPORT_COUNTRIES, dtype=object)[country_idx], "CN")
    cities = []
    for r, c, k in zip(region, country, city_pick, strict=True):
        pool = EXPORT_CITIES[c] if r == "海外" else DOMESTIC_REGIONS[r]
        cities.append(pool[k % len(pool)])
    cn_names = (
        np.array(SURNAMES, dtype=object)[rng.integers(0, len(SURNAMES), n)]
        + np.array(GIVEN, dtype=object)[rng.integers(0, len(GIVEN), n)]
    )
    west = (
        np.array(WESTERN_FIRST, dtype=object)[rng.integers(0, len(WESTERN_FIRST), n)]
        + " "
        + np.array(WESTERN_LAST, dtype=object)[rng.integers(0, len(WESTERN_LAST), n)]
    )
    # B2B names are unique: bank counterparties are matched to customers by name.
    b2b_rank = np.cumsum(b2b) - 1
    combos = len(COMPANY_WORDS) * len(COMPANY_TRADES)
    perm = rng.permutation(combos)
    company: list[str | None] = []
    for i, (is_b, rank, city) in enumerate(zip(b2b, b2b_rank, cities, strict=True)):
        if not is_b:
            company.append(None)
            continue
        k = perm[rank % combos]
        word, trade = COMPANY_WORDS[k % len(COMPANY_WORDS)], COMPANY_TRADES[k // len(COMPANY_WORDS)]
        suffix = "" if rank < combos else f"第{rank // combos}分公司"
        prefix = city if region[i] != "海外" else city + " "
        company.append(f"{prefix}{word}{trade}有限公司{suffix}")
    name = np.where(b2b, np.array(company, dtype=object), np.where(overseas, west, cn_names))
    return pd.DataFrame(
        {
            "cust_num": np.arange(1, n + 1),
            "customer_id": [f"C{i:07d}" for i in range(1, n + 1)],
            "customer_name": name,
            "tier": TIERS[choice(rng, TIER_WEIGHTS, n)],
            "region": region,
            "city": np.array(cities, dtype=object),
            "country": country,
            "is_b2b": b2b,
            "weight": rng.lognormal(0, 1.0, n) * np.where(b2b, 2.5, 1.0),
            "created_at": np.full(n, NAT, dtype=np.int64),
            "contract": np.where(b2b, True, False),
            "has_rebate": b2b & (rng.random(n) < 0.4),
            "account": [f"6228{(i * 7919 + 13) % 10**12:012d}" for i in range(1, n + 1)],
        }
    )


def finish_customers(ctx: Context, customers: pd.DataFrame, first_order: np.ndarray) -> None:
    """Set ``created_at``: shortly before the first order, or any time for non-buyers."""
    rng = ctx.rng
    n = len(customers)
    lead = rng.uniform(0, 60, n) * DAY
    anytime = ctx.start + rng.uniform(0, ctx.as_of - ctx.start - DAY, n)
    created = np.where(first_order != NAT, first_order - lead, anytime)
    customers["created_at"] = created.astype(np.int64)
