"""Red team, session 23: data values and model words built to stall the engine's warm-up.

Found by timing every compiled pattern of ``nl2sql`` on long strings, then on the live engine:
a warehouse whose ``customers.city`` held eleven values of 10,000 characters (``十`` repeated,
digits, ...; a value comes from files other people export) never answered its first question:
killed after 14 minutes (load 13-15), inside ``normalize_numerals``. Two causes: the
lexicon indexes every leading run of two or more characters of a Chinese value as a partial
name (10,000 partials for one value), and two numeral patterns retried a run of numerals from
every position (quadratic: ``normalize`` of 4,000 ``十`` took 6.6 s, of 4,000 digits 5.0 s),
so each value cost the cube of its length. Now a partial name is at most
:data:`~nl2sql.vocabulary.values.MAX_PARTIAL_CHARS` characters and the patterns start only at
the beginning of a run (same readings), so a long value costs its length.
"""

from __future__ import annotations

import time

import duckdb
import pytest

from nl2sql.normalize import normalize
from nl2sql.numbers import normalize_numerals
from nl2sql.vocabulary.values import MAX_PARTIAL_CHARS, partial_names


@pytest.mark.parametrize("text", ["十" * 20_000, "0" * 20_000, "三点" * 10_000])
def test_normalize_is_linear_on_long_runs_of_numerals(text: str) -> None:
    started = time.perf_counter()
    normalize(text)
    assert time.perf_counter() - started < 2.0  # before: ~160 s for 20,000 十 (6.6 s at 4,000)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("前十个城市", "前10个城市"),
        ("三十五个城市", "35个城市"),
        ("一点五倍", "1.5倍"),
        ("超过一千五百元", "超过1500元"),
        ("统一价格", "统一价格"),
        ("一千二百三十四万五千六百七十八元", "12345678元"),
        ("销售额超过1.5万", "销售额超过15000"),
        ("超过3千", "超过3000"),
        ("12万", "120000"),
        ("1.2.5万", "1.25000"),
        ("点五个", "点5个"),
        ("三点五个", "3.5个"),
        ("100分", "100分"),
        ("5万分", "5万分"),
    ],
)
def test_numerals_read_as_before(text: str, read: str) -> None:
    assert normalize_numerals(text) == read


def test_a_long_chinese_value_has_few_partial_names() -> None:
    parts = partial_names("上" * 10_000)
    assert len(parts) == MAX_PARTIAL_CHARS - 1  # 2 .. MAX_PARTIAL_CHARS characters
    assert max(map(len, parts)) == MAX_PARTIAL_CHARS
    assert partial_names("上海徐汇店") == ["上海", "上海徐", "上海徐汇"]  # short names as before


def test_a_term_longer_than_a_question_can_name_sets_no_match_length() -> None:
    """The tokenizer tries every length up to the longest term at every unit: one 10,000-unit
    value made a 400-character question cubic (12-25 s per question, 0.9 s after)."""
    from nl2sql.lexicon_base import MAX_TERM_UNITS, Lexicon, Sense, add_term
    from nl2sql.lexicon_values import _add_index_value

    lex = Lexicon(catalog=None)  # type: ignore[arg-type]
    add_term(lex, "上海徐汇店", Sense("value", "city", value="上海徐汇店"))
    assert ("上", "海", "徐", "汇", "店") in lex.terms
    add_term(lex, "十" * 10_000, Sense("value", "city", value="十" * 10_000))
    _add_index_value(lex, "city", "店" * 10_000)
    add_term(lex, " ".join(["bread"] * 200), Sense("metric", "loaves"))
    assert lex.max_len <= MAX_TERM_UNITS
    assert lex.max_len == 5


def test_long_values_in_the_warehouse_do_not_stall_the_first_question(tmp_path, monkeypatch):
    from nl2sql import ask

    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path / "cache"))
    db = tmp_path / "shop.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create table stores (store_id varchar, city varchar, sales double, sold_on date)")
    evil = ["十" * 10_000, "0" * 10_000, "三点" * 5_000, "（ " * 5_000, "上海" + "店" * 9_998]
    rows = [(f"S{i}", c, 10.0 * i, "2026-11-01") for i, c in enumerate(["上海", "北京", *evil])]
    con.executemany("insert into stores values (?, ?, ?, ?)", rows)
    con.close()
    model = tmp_path / "model"
    model.mkdir()
    (model / "stores.yml").write_text(
        """semantic_models:
  - name: stores
    model: ref('stores')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: store, type: primary, expr: store_id}
    dimensions:
      - {name: city, type: categorical, label: city}
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: sales, agg: sum, label: sales}
metrics:
  - {name: sales, type: simple, label: sales, type_params: {measure: sales}}
""",
        encoding="utf-8",
    )
    from connectors.warehouse import connect

    ro = connect(db, read_only=True)
    started = time.perf_counter()
    got = ask("各城市的sales", con=ro, today="2026-11-20", model=model)
    assert time.perf_counter() - started < 60  # before: did not finish (killed at 14 min)
    assert not got.refused, got.reason
    started = time.perf_counter()
    ask("各城市" + "月份" * 190, con=ro, today="2026-11-20", model=model)  # 400 characters
    assert time.perf_counter() - started < 8  # before: 12-25 s with such values (0.9 s after)
    shanghai = ask("上海的sales", con=ro, today="2026-11-20", model=model)
    assert not shanghai.refused, shanghai.reason
    assert "'上海'" in (shanghai.sql or "")  # the short value is still named
