"""The vocabulary beyond a model's own words: bridges, the value index, the cache, the overlay.

The model under test (``fixtures/vocab_shop``) is written like a dbt project by someone else:
English names, labels and descriptions, no synonyms. Every answer is checked against the
number computed by hand from the same rows.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from nl2sql.ask import ask
from nl2sql.lexicon import Sense, key_of, lexicon_for
from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

MODEL = Path(__file__).parent / "fixtures" / "vocab_shop"
NAMES = ["Acme Trading Co., Ltd.", "上海徐汇店", "上海浦东店", "北京朝阳店", "AT&T Store"] + [
    f"Outlet {i:03d}" for i in range(60)
]  # 65 locations: more than the catalog's 50, so only the value index knows them
TODAY = "2026-04-01"


pytestmark = pytest.mark.usefixtures("own_cache")


@pytest.fixture(scope="module")
def shop_con():
    locations = pd.DataFrame(
        {
            "location_id": range(len(NAMES)),
            "location_name": NAMES,
            "region": ["East" if i % 2 else "West" for i in range(len(NAMES))],
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": range(400),
            "location_id": [i % len(NAMES) for i in range(400)],
            "rep_name": [["Ann", "Bob", "Cy"][i % 3] for i in range(400)],
            "order_total": [100.0 + i for i in range(400)],
            "cost": [60.0 + i % 7 for i in range(400)],
            "ordered_at": [dt.date(2026, 1, 1) + dt.timedelta(days=i % 90) for i in range(400)],
        }
    )
    con = duckdb.connect()
    con.register("locations_df", locations)
    con.register("orders_df", orders)
    con.execute("create table locations as select * from locations_df")
    con.execute("create table orders as select * from orders_df")
    yield con
    con.close()


def _ask(question: str, con):
    return ask(question, model=MODEL, con=con, engine="rules", today=TODAY, chart=False)


def _profit(con, where: str = "true") -> float:
    return con.execute(
        "select sum(order_total - cost) from orders o join locations l using (location_id) "
        f"where {where}"
    ).fetchall()[0][0]


def test_everyday_english_reaches_names_labels_and_descriptions(shop_con) -> None:
    a = _ask("gross profit by store", shop_con)
    assert (
        a.ok
        and a.query.metrics == ["order_gross_profit"]
        and a.query.group_by == ["location", "location__location_name"]
    )
    assert "store → location" in a.interpretation
    assert "gross profit → Order Gross Profit" in a.interpretation
    got = {key: value for key, _name, value in a.df.itertuples(index=False, name=None)}
    assert got[0] == _profit(shop_con, "location_id = 0")
    b = _ask("gross profit by agent", shop_con)  # "agent" is only in rep_name's description
    assert b.query.group_by == ["order__rep_name"] and "agent → rep name" in b.interpretation
    assert (
        dict(b.df.itertuples(index=False, name=None))["Ann"]
        == shop_con.execute(
            "select sum(order_total - cost) from orders where rep_name = 'Ann'"
        ).fetchall()[0][0]
    )


def test_chinese_words_reach_an_english_only_model_through_cc_cedict(shop_con) -> None:
    a = _ask("各门店的毛利", shop_con)
    assert (
        a.ok
        and a.query.metrics == ["order_gross_profit"]
        and a.query.group_by == ["location", "location__location_name"]
    )
    assert "门店 → location" in a.interpretation and "毛利 → Order Gross Profit" in a.interpretation


def test_median_reaches_a_median_metric_in_chinese() -> None:
    cat = Catalog(
        metrics=(CatalogMetric("median_delivery_days", "Median Delivery Days"),),
        dimensions=(),
    )
    senses = lexicon_for(cat).lookup(key_of("中位数"))
    assert senses is not None and {(s.kind, s.name) for s in senses} == {
        ("metric", "median_delivery_days")
    }
    assert all(s.via == "Median Delivery Days" for s in senses)


def test_a_metric_named_by_its_last_word_alone(shop_con) -> None:
    # "profit" ends only "Order Gross Profit" and no other term uses it: answered and shown
    # (nl2sql/vocabulary/heads.py); a competitor keeps the clarification
    # (tests/test_nl2sql_head_words.py)
    a = _ask("profit by region", shop_con)
    assert a.ok and a.query.metrics == ["order_gross_profit"], a.error
    assert "profit → Order Gross Profit" in a.interpretation
    got = dict(a.df.itertuples(index=False, name=None))
    region = next(iter(got))
    assert got[region] == _profit(shop_con, f"region = '{region}'")


def test_general_words_never_become_model_terms() -> None:
    cat = Catalog(
        metrics=(CatalogMetric("returned_orders", "Orders with a return"),),
        dimensions=(CatalogDimension("order__status", "Status", description="Order status."),),
        entities=(CatalogEntity("order", "order"),),
    )
    lex = lexicon_for(cat)
    for word in ("with a return", "by", "total", "status", "按"):
        senses = lex.lookup(key_of(word)) or []
        assert not [s for s in senses if s.via], word


def test_high_cardinality_values_and_partial_names(shop_con) -> None:
    a = _ask("gross profit of Acme", shop_con)
    assert a.ok and a.query.filters[0].values == ["Acme Trading Co., Ltd."]
    assert "acme → Acme Trading Co., Ltd." in a.interpretation
    assert a.df.iloc[0, 0] == _profit(shop_con, "location_name = 'Acme Trading Co., Ltd.'")
    b = _ask("上海徐汇店的毛利", shop_con)
    assert b.ok and b.df.iloc[0, 0] == _profit(shop_con, "location_name = '上海徐汇店'")
    c = _ask("gross profit of AT&T Store", shop_con)  # '&' does not split the value
    assert c.ok and c.query.filters[0].values == ["AT&T Store"]


def test_an_ambiguous_partial_name_is_a_runnable_clarification(shop_con) -> None:
    a = _ask("上海的毛利", shop_con)
    assert a.refused and a.reason == "「上海」可能指：上海徐汇店、上海浦东店，请说明是哪一个"
    assert a.error == "'上海' could mean 上海徐汇店 or 上海浦东店; say which one"
    assert len(a.suggestions) == 2
    assert "上海徐汇店" in a.suggestions[0] and "上海浦东店" in a.suggestions[1]
    assert all(_ask(q, shop_con).ok for q in a.suggestions)


def test_a_word_typed_in_capitals_is_never_typo_corrected(shop_con) -> None:
    catalog = _ask("gross profit", shop_con)  # warms the catalog
    assert catalog.ok
    lower = _ask("gross profit by regin", shop_con)
    assert lower.ok and lower.query.group_by == ["location__region"]
    caps = _ask("gross profit by REGIN", shop_con)
    assert caps.refused and "'regin'" in caps.error


def test_value_keys_keep_underscores_and_slashes() -> None:
    cat = Catalog(
        metrics=(CatalogMetric("units", "Units"),),
        dimensions=(
            CatalogDimension("sku__code", "SKU code", values=("SKU_A12", "N/A", "PRE-SALE")),
        ),
    )
    u = understand("units for SKU_A12", cat, dt.date(2026, 4, 1))
    assert not u.refused and u.query.filters[0].values == ["SKU_A12"]
    assert understand("units for N/A", cat, dt.date(2026, 4, 1)).query.filters[0].values == ["N/A"]


def test_bridges_are_cached_on_disk_by_model_content(monkeypatch, tmp_path) -> None:
    from nl2sql.vocabulary import index

    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path))
    cat = Catalog(metrics=(CatalogMetric("store_count", "Store count"),), dimensions=())
    first = index.bridges_for(cat)
    files = list((tmp_path / "vocabulary").glob("*.json"))
    assert len(files) == 1 and files[0].stem == index.catalog_fingerprint(cat)
    index._memo.clear()

    def no_build(_catalog):  # a second process reads the cached index, never rebuilds
        raise AssertionError("rebuilt although cached")

    monkeypatch.setattr(index, "build_bridges", no_build)
    assert index.bridges_for(cat) == first
    edited = Catalog(metrics=(CatalogMetric("store_count", "Shop count"),), dimensions=())
    assert index.catalog_fingerprint(edited) != index.catalog_fingerprint(cat)


def test_jieba_keeps_one_dictionary_cache_per_user(tmp_path) -> None:
    cache, tmp = tmp_path / "cache", tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "ORDERLENS_CACHE_DIR": str(cache), "TMPDIR": str(tmp)}
    # mixed text is cut by jieba itself (pure Chinese reads the segmentation store, which
    # make prebuilds into the package, and never loads jieba)
    code = "from nl2sql.lexicon import segment; print(segment('各门店的GMV毛利'))"
    for _ in range(2):
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    assert (cache / "jieba" / "jieba.cache").stat().st_size > 1_000_000
    assert not list(tmp.glob("orderlens-jieba-*")) and not list(tmp.glob("jieba*"))


def test_overlay_adds_reviewed_synonyms(tmp_path, shop_con) -> None:
    from nl2sql.vocabulary.overlay import OverlayError, apply_overlay, read_overlay

    model = tmp_path / "model"
    model.mkdir()
    (model / "shop.yml").write_bytes((MODEL / "shop.yml").read_bytes())
    (model / ".orderlens").mkdir()
    (model / ".orderlens" / "synonyms.yml").write_text(
        "orderlens_synonyms: 1\nmetrics:\n  order_gross_profit: [takings margin]\n",
        encoding="utf-8",
    )
    a = ask("takings margin by region", model=model, con=shop_con, today=TODAY, chart=False)
    assert a.ok and a.query.metrics == ["order_gross_profit"]
    assert "→" not in a.interpretation  # an owner's synonym is the model's own word
    bad = tmp_path / "bad.yml"
    bad.write_text("orderlens_synonyms: 1\nmetrics:\n  nope: [x]\n", encoding="utf-8")
    cat = Catalog(metrics=(CatalogMetric("gmv", "GMV"),), dimensions=())
    with pytest.raises(OverlayError, match="metrics nope not in the model"):
        apply_overlay(cat, read_overlay(bad))
    bad.write_text("metrics: {}\n", encoding="utf-8")
    with pytest.raises(OverlayError, match="must start with `orderlens_synonyms: 1`"):
        read_overlay(bad)


def test_bridged_senses_are_weak_and_carry_their_source() -> None:
    cat = Catalog(
        metrics=(CatalogMetric("gmv", "GMV"),),
        dimensions=(),
        entities=(CatalogEntity("location", "location"),),
    )
    senses = lexicon_for(cat).lookup(key_of("store"))
    assert senses == [Sense("entity", "location", strong=False, via="location")]


def test_suggest_synonyms_writes_a_reviewable_overlay_and_never_the_model(tmp_path) -> None:
    from click.testing import CliRunner

    from lab.cli import cli
    from nl2sql.vocabulary.overlay import read_overlay

    model = tmp_path / "model"
    model.mkdir()
    original = (MODEL / "shop.yml").read_bytes()
    (model / "shop.yml").write_bytes(original)
    runner = CliRunner()
    args = ["model", "suggest-synonyms", "--semantic-model", str(model), "--no-llm"]
    got = runner.invoke(cli, args)
    assert got.exit_code == 0, got.output
    overlay = model / ".orderlens" / "synonyms.yml"
    doc = read_overlay(overlay)
    assert {"store", "门店"} <= set(doc["entities"]["location"])
    assert {"gross profit", "毛利"} <= set(doc["metrics"]["order_gross_profit"])
    assert "agent" in doc["dimensions"]["order__rep_name"]
    assert "# thesaurus 0.85" in overlay.read_text(encoding="utf-8")  # every word says why
    assert (model / "shop.yml").read_bytes() == original
    again = runner.invoke(cli, args)  # a reviewed file is never overwritten silently
    assert again.exit_code != 0 and "pass --force" in again.output


def test_llm_proposals_are_validated_against_the_model() -> None:
    from nl2sql.vocabulary.suggest import llm_proposals

    class FakeChat:
        def __init__(self, content: str) -> None:
            self.content, self.seen = content, []

        def invoke(self, messages):
            self.seen.append(messages)
            return self

    cat = Catalog(metrics=(CatalogMetric("gmv", "GMV"),), dimensions=())
    chat = FakeChat('```json\n{"metrics": {"gmv": ["成交额", 7], "nope": ["x"]}}\n```')
    got = llm_proposals(cat, chat)
    assert [(p.section, p.name, p.word, p.source) for p in got] == [
        ("metrics", "gmv", "成交额", "llm")
    ]
    assert '"gmv": "GMV"' in chat.seen[0][1][1]
    with pytest.raises(ValueError, match="not JSON"):
        llm_proposals(cat, FakeChat("sorry, I cannot help"))


def test_a_bridged_word_that_repeats_its_neighbour_is_refused(shop_con) -> None:
    # "store location": "store" only repeats "location", so it must mean something else
    a = _ask("gross profit by store location", shop_con)
    assert a.refused and a.error.startswith("'store' reads as the same thing as 'location'")


ROLE_MODEL = """
semantic_models:
  - name: ports
    model: ref('ports')
    entities:
      - {name: origin_port, type: primary, expr: code}
      - {name: destination_port, type: unique, expr: code}
    dimensions:
      - {name: port_code, type: categorical, label: Port Code, expr: code}
  - name: trips
    model: ref('trips')
    defaults: {agg_time_dimension: left_at}
    entities:
      - {name: trip, type: primary, expr: trip_id}
      - {name: origin_port, type: foreign, expr: origin}
      - {name: destination_port, type: foreign, expr: dest}
    dimensions:
      - {name: left_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: trip_rows, agg: count, expr: trip_id}
metrics:
  - {name: trips, label: Trips, type: simple, type_params: {measure: trip_rows}}
"""


def test_a_value_of_a_table_in_two_roles_takes_the_role_the_question_names(tmp_path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "ports.yml").write_text(ROLE_MODEL, encoding="utf-8")
    con = duckdb.connect()
    codes = [f"P{i:02d}" for i in range(60)]  # > 50: only the value index knows them
    con.execute("create table ports as select unnest($1::varchar[]) as code", [codes])
    con.execute(
        "create table trips as select i as trip_id, 'P' || lpad((i % 60)::varchar, 2, '0') "
        "as origin, 'P' || lpad(((i * 7) % 60)::varchar, 2, '0') as dest, "
        "date '2026-01-01' as left_at from range(600) t(i)"
    )

    def run(q: str):
        return ask(q, model=tmp_path / "m", con=con, engine="rules", today=TODAY, chart=False)

    to = run("trips to P07")
    assert to.ok and to.query.filters[0].dimension == "destination_port"
    gold = con.execute("select count(*) from trips where dest = 'P07'").fetchall()[0][0]
    assert to.df.iloc[0, 0] == gold
    frm = run("trips from P07")
    assert frm.ok and frm.query.filters[0].dimension == "origin_port"
    assert not run("trips at P07").ok  # no direction word: the engine asks, never picks a path
