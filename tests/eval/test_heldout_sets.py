"""The held-out evaluation: frozen halves, set shape, the scorer, the data builders.

The engine's scores on these sets are deliberately not asserted here (they are reported by
``make eval``); what is asserted is that the measurement itself is sound: a frozen half cannot
change unnoticed, every gold SQL runs on its warehouse, and the scorer counts wrong answers and
answered must-refuse questions as wrong.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest
import yaml

import nl2sql
from connectors.warehouse import connect
from lab.evals.heldout.data import EVAL_DIR, WAREHOUSES
from lab.evals.heldout.runner import (
    EvalSetError,
    Question,
    check_frozen,
    load_set,
    score_questions,
)
from lab.evals.heldout.scoring import same_result
from lab.evals.heldout.sets import (
    SET_NAMES,
    WORDING_SETS,
    strip_synonyms,
    write_model_without_synonyms,
)

CJK = re.compile(r"[\u4e00-\u9fff]")

EXPECTED_ROWS = {
    "flights": {
        "flights": 336_776,
        "airports": 1_458,
        "airlines": 16,
        "planes": 3_322,
        "weather": 26_115,
    },
    "tpcds": {
        "sales": 503_753,
        "sales_returns": 49_888,
        "customers": 10_000,
        "items": 1_800,
        "ship_modes": 20,
        "return_reasons": 3,
    },
    "mf_tutorial": {"transactions": 50, "customers": 4, "countries": 6},
    "mf_simple": {
        "fct_bookings": 11_044,
        "fct_views": 30_009,
        "fct_visits": 14_027,
        "fct_buys": 2_865,
        "fct_revenue": 8_009,
        "fct_accounts": 18_240,
        "fct_id_verifications": 1_816,
        "dim_listings_latest": 420,
        "dim_lux_listing_id_mapping": 58,
        "dim_users": 1_500,
        "dim_users_latest": 1_500,
        "dim_companies": 60,
        "mf_time_spine": 2_557,
    },
}


@pytest.mark.parametrize("name", SET_NAMES)
def test_test_half_is_still_the_frozen_one(name: str) -> None:
    check_frozen(EVAL_DIR, name)
    head = (EVAL_DIR / name / "test.yaml").read_text().splitlines()[:3]
    assert any("must never open" in line for line in head)


def test_an_edited_test_half_is_detected(tmp_path: Path) -> None:
    shutil.copytree(EVAL_DIR / "flights", tmp_path / "flights")
    shutil.copyfile(EVAL_DIR / "frozen.yaml", tmp_path / "frozen.yaml")
    check_frozen(tmp_path, "flights")
    test_file = tmp_path / "flights" / "test.yaml"
    test_file.write_text(test_file.read_text().replace("LAX", "SFO", 1))
    with pytest.raises(EvalSetError, match="edited after it was frozen"):
        check_frozen(tmp_path, "flights")


@pytest.mark.parametrize("name", SET_NAMES)
def test_each_set_has_60_questions_half_chinese_and_10_to_refuse(name: str) -> None:
    halves = [load_set(EVAL_DIR / name / f"{half}.yaml") for half in ("dev", "test")]
    questions = [q for half in halves for q in half.questions]
    assert [len(h.questions) for h in halves] == [30, 30]
    assert sum(q.lang == "zh" for q in questions) == 30
    assert all(bool(CJK.search(q.text)) == (q.lang == "zh") for q in questions)
    assert sum(q.refuse for q in questions) >= 10
    assert len({q.id for q in questions}) == 60
    assert len({q.text for q in questions}) == 60


@pytest.mark.parametrize("name", SET_NAMES)
def test_builders_produce_the_expected_tables(name: str) -> None:
    warehouse = WAREHOUSES[name]()
    counts = {t: n for t, n in warehouse.row_counts.items() if t in EXPECTED_ROWS[name]}
    assert counts == EXPECTED_ROWS[name]
    con = connect(warehouse.db, read_only=True)
    try:
        for table, rows in EXPECTED_ROWS[name].items():
            assert con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == rows
    finally:
        con.close()


@pytest.mark.parametrize("name", SET_NAMES)
def test_every_gold_sql_runs_and_the_model_is_english_without_synonyms(name: str) -> None:
    from semantic_layer import load_model

    warehouse = WAREHOUSES[name]()
    con = connect(warehouse.db, read_only=True)
    try:
        load_model(warehouse.model_dir, con=con)
        for half in ("dev", "test"):
            for q in load_set(EVAL_DIR / name / f"{half}.yaml").questions:
                for sql in q.gold_sql:
                    assert len(con.execute(sql).fetchdf()) > 0, q.id
    finally:
        con.close()
    for path in [*warehouse.model_dir.rglob("*.yml"), *warehouse.model_dir.rglob("*.yaml")]:
        text = path.read_text()
        assert not CJK.search(text) and "synonyms" not in text, path


def test_same_result_tolerates_order_names_extra_columns_and_float_noise() -> None:
    gold = pd.DataFrame({"k": ["a", "b"], "v": [1.0, 2.0]})
    assert same_result(gold, pd.DataFrame({"x": ["b", "a"], "y": [2.0000000001, 1.0]}))
    assert same_result(gold, pd.DataFrame({"label": ["A", "B"], "k": ["a", "b"], "v": [1, 2]}))
    assert same_result(
        pd.DataFrame({"d": [pd.Timestamp("2013-07-01")], "n": [3]}),
        pd.DataFrame({"month": [pd.Timestamp("2013-07-01").date()], "flights": [3]}),
    )


def test_same_result_compares_totals_alike_in_six_digits_in_any_row_order() -> None:
    """Rounded to 6 digits for sorting, these two totals tied and the unordered comparison
    paired them as listed: the same rows in another order scored as a different result."""
    gold = pd.DataFrame({"id": ["a", "b"], "total": [1290782.26, 1290784.0]})
    assert same_result(gold, pd.DataFrame({"id": ["b", "a"], "total": [1290784.0, 1290782.26]}))
    assert not same_result(gold, pd.DataFrame({"id": ["b", "a"], "total": [1290782.26, 1290784.0]}))


def test_same_result_fails_on_values_rows_pairing_and_order() -> None:
    gold = pd.DataFrame({"k": ["a", "b"], "v": [1.0, 2.0]})
    assert not same_result(gold, pd.DataFrame({"k": ["a", "b"], "v": [1.0, 2.1]}))
    assert not same_result(gold, pd.DataFrame({"k": ["a"], "v": [1.0]}))
    assert not same_result(gold, pd.DataFrame({"k": ["a", "b"], "v": [2.0, 1.0]}))
    assert not same_result(gold, pd.DataFrame({"v": [1.0, 2.0]}))
    assert same_result(gold, pd.DataFrame({"k": ["b", "a"], "v": [2.0, 1.0]}))
    assert not same_result(gold, pd.DataFrame({"k": ["b", "a"], "v": [2.0, 1.0]}), ordered=True)


def test_same_result_refuses_an_unasked_metric_leading_the_answer() -> None:
    """The gold's number must be the answer's first metric: a count of all orders shown first
    and the asked count second is what a reader takes as the answer (a wrong one)."""
    gold = pd.DataFrame({"n": [30]})
    both = pd.DataFrame({"order_count": [460], "return_count": [30]})
    assert same_result(gold, both)  # columns alone cannot tell
    assert not same_result(gold, both, metric_columns=["order_count", "return_count"])
    assert same_result(gold, both, metric_columns=["return_count", "order_count"])
    # a top-N's ranking metric beside a gold list of keys, a label beside a key: still right
    keys = pd.DataFrame({"carrier": ["UA", "AA"]})
    ranked = pd.DataFrame({"carrier": ["UA", "AA"], "name": ["United", "American"], "f": [9, 8]})
    assert same_result(keys, ranked, metric_columns=["f"])
    # a grouping the question did not ask for splits the rows: wrong with or without metrics
    split = pd.DataFrame({"channel": ["a", "b"], "return_count": [10, 20]})
    assert not same_result(gold, split, metric_columns=["return_count"])


def _fake_ask(answers: dict[str, object]):
    def ask(question: str, **_: object):
        result = answers[question]
        if isinstance(result, Exception):
            raise result
        if result is None:  # the engine's other refusal form: an Answer marked refused
            return SimpleNamespace(df=None, refused=True, error="unknown word", interpretation="")
        query = SimpleNamespace(metrics=[c for c in result.columns if c != "k"])
        return SimpleNamespace(
            df=result, refused=False, interpretation=f"read: {question}", query=query
        )

    return ask


def test_scorer_counts_wrong_answers_and_answered_refusals_as_wrong(monkeypatch) -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 1), ('b', 2)) v(k, n)")
    right = pd.DataFrame({"k": ["b", "a"], "total": [2, 1]})
    answers = {
        "right": right,
        "off by one": pd.DataFrame({"k": ["a", "b"], "total": [1, 3]}),
        "unknown word": nl2sql.NL2SQLError("unknown word `colour`"),
        "must refuse, refused": nl2sql.NL2SQLError("no metric for fuel"),
        "must refuse, answered": right,
        "crash": ZeroDivisionError("boom"),
        "refused as an answer": None,
        "unasked metric first": pd.DataFrame({"k": ["a", "b"], "all": [5, 5], "total": [1, 2]}),
    }
    monkeypatch.setattr(nl2sql, "ask", _fake_ask(answers))
    gold = ("SELECT k, SUM(n) FROM t GROUP BY k",)
    questions = [
        Question("q1", "right", "en", gold_sql=gold),
        Question("q2", "off by one", "zh", gold_sql=gold),
        Question("q3", "unknown word", "en", gold_sql=gold),
        Question("q4", "must refuse, refused", "zh", refuse=True),
        Question("q5", "must refuse, answered", "en", refuse=True),
        Question("q6", "crash", "en", gold_sql=gold),
        Question("q7", "refused as an answer", "en", gold_sql=gold),
        Question("q8", "unasked metric first", "en", gold_sql=gold),
    ]
    score = score_questions("nl-eval-demo-dev", questions, None, con, "2026-01-01")
    verdicts = {o.question.id: o.verdict for o in score.outcomes}
    assert verdicts == {
        "q1": "correct",
        "q2": "wrong",
        "q3": "refused",
        "q4": "correct",
        "q5": "wrong",
        "q6": "wrong",
        "q7": "refused",
        "q8": "wrong",  # the gold's totals are the second metric, after an unasked one
    }
    assert (
        score.line()
        == "nl-eval-demo-dev: accuracy=25.0% correct=2/8 refused=2 wrong=4 zh=1/2 en=1/6"
    )


def test_load_set_rejects_a_question_with_both_gold_and_refuse(tmp_path: Path) -> None:
    path = tmp_path / "dev.yaml"
    doc = {
        "set": "x",
        "half": "dev",
        "today": "2026-01-01",
        "questions": [{"id": "x1", "lang": "en", "question": "q", "gold_sql": "SELECT 1"}],
    }
    doc["questions"][0]["refuse"] = True
    path.write_text(yaml.safe_dump(doc))
    with pytest.raises(EvalSetError, match="exactly one of gold_sql or refuse"):
        load_set(path)


def test_stripping_synonyms_keeps_a_loadable_builtin_model(tmp_path: Path) -> None:
    from semantic_layer import BUILTIN_MODEL_DIR, load_model

    assert strip_synonyms({"config": {"meta": {"synonyms": ["x"], "format": "percent"}}}) == {
        "config": {"meta": {"format": "percent"}}
    }
    written = write_model_without_synonyms(Path(BUILTIN_MODEL_DIR), tmp_path)
    assert written == len(list(Path(BUILTIN_MODEL_DIR).rglob("*.yml")))
    assert not any("synonyms" in p.read_text() for p in tmp_path.rglob("*.yml"))
    original, stripped = load_model(), load_model(tmp_path)
    assert sorted(stripped.metrics) == sorted(original.metrics)


def test_the_cli_shows_dev_questions_but_only_the_line_of_a_test_half(capsys) -> None:
    from lab.evals.heldout.sets import main

    assert main(["--set", "mf_tutorial", "--half", "test"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("nl-eval-mf_tutorial-test: accuracy=")
    assert main(["--set", "mf_tutorial"]) == 0
    out = capsys.readouterr().out
    assert "mf-dev-01" in out and "how many transactions were there?" in out
    assert re.search(r"nl-eval-mf_tutorial-dev: accuracy=[\d.]+% correct=\d+/30 ", out)


def test_a_set_that_cannot_be_built_prints_an_error_line_and_the_others_still_run(
    monkeypatch,
) -> None:
    from lab.evals import nl_heldout
    from lab.evals.heldout.runner import Score

    def fake_score(name: str):
        if name == "tpcds":
            raise RuntimeError("installing duckdb-extension-tpcds failed")
        return [Score(f"nl-eval-{name}-dev"), Score(f"nl-eval-{name}-test")]

    monkeypatch.setattr(nl_heldout, "score_heldout", fake_score)
    monkeypatch.setattr(nl_heldout, "score_without_synonyms", lambda db: Score("nl-eval-nosyn"))
    lines = nl_heldout.run("unused.duckdb")
    assert [line.split(":")[0] for line in lines] == [
        "nl-eval-flights-dev",
        "nl-eval-flights-test",
        "nl-eval-tpcds",
        "nl-eval-mf_tutorial-dev",
        "nl-eval-mf_tutorial-test",
        "nl-eval-mf_simple-dev",
        "nl-eval-mf_simple-test",
        "nl-eval-orders_wording-dev",
        "nl-eval-orders_wording-test",
        "nl-eval-nosyn",
    ]
    assert lines[2] == "nl-eval-tpcds: ERROR RuntimeError: installing duckdb-extension-tpcds failed"


def test_eval_sessions_read_through_the_duckdb_sandbox(tmp_path: Path) -> None:
    """The held-out harness opens its warehouse like every query path: external access off.

    A model view over a file on the machine is readable with a plain read-only connection
    (what the harness used before) and refused through the session the harness now uses.
    """
    from lab.evals.heldout.data import EvalWarehouse
    from lab.evals.heldout.sets import _warehouse_session

    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(f"CREATE VIEW leak AS SELECT content FROM read_text('{secret}')")
    with duckdb.connect(str(db), read_only=True) as plain:
        assert plain.execute("SELECT content FROM leak").fetchone()[0].startswith("root")
    warehouse = EvalWarehouse("tiny", db, tmp_path / "no-model", {})
    with _warehouse_session(warehouse) as (model, con):
        assert model == warehouse.model_dir  # no model there: the engine reports it per question
        with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
            con.execute("SELECT content FROM leak").fetchall()


@pytest.mark.parametrize("name", WORDING_SETS)
def test_wording_set_is_frozen_balanced_and_its_gold_runs_on_the_demo_schema(
    name: str, demo_con
) -> None:
    """The other-wording set: frozen test half, 20 + 20 questions, half Chinese, 10 to refuse.

    Its gold SQL is written against the demo warehouse's tables; the shared test warehouse has
    the same schema (smaller, other seed), so every gold statement must run on it.
    """
    check_frozen(EVAL_DIR, name)
    halves = [load_set(EVAL_DIR / name / f"{half}.yaml") for half in ("dev", "test")]
    questions = [q for half in halves for q in half.questions]
    assert [len(h.questions) for h in halves] == [20, 20]
    assert sum(q.lang == "zh" for q in questions) == 20
    # an English question may name a Chinese value (a promotion called 双11)
    assert all(CJK.search(q.text) for q in questions if q.lang == "zh")
    assert sum(q.refuse for q in questions) == 10
    assert len({q.id for q in questions}) == len({q.text for q in questions}) == 40
    for q in questions:
        for sql in q.gold_sql:
            demo_con.execute(sql).fetchall()


def test_same_result_treats_pandas_missing_values_alike() -> None:
    """A LAG over an integer column comes back as pandas' NA (nullable Int64); NaN elsewhere."""
    gold = pd.DataFrame({"m": [1, 2], "prev": pd.array([pd.NA, 230], dtype="Int64")})
    assert same_result(gold, pd.DataFrame({"m": [1, 2], "prev": [float("nan"), 230.0]}))
    assert same_result(gold, pd.DataFrame({"m": [1, 2], "prev": [None, 230]}))
    assert not same_result(gold, pd.DataFrame({"m": [1, 2], "prev": [0.0, 230.0]}))
