"""Shared fixtures: one small seeded demo warehouse per test session (built in seconds)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

TEST_ORDERS = 3_000
TEST_SEED = 42
TEST_END_DATE = "2026-11-20"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path to a small demo warehouse; tests must open it read-only (it is shared)."""
    from connectors.demo.generate import build_demo_warehouse

    path = tmp_path_factory.mktemp("warehouse") / "demo.duckdb"
    build_demo_warehouse(
        path, orders=TEST_ORDERS, seed=TEST_SEED, end_date=TEST_END_DATE, progress=False
    )
    return path


@pytest.fixture(scope="module")
def planned_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo warehouse with its last week's shipping recommendations stored
    (read-write; one per module that asks for it)."""
    import shutil

    from connectors.warehouse import connect
    from lab.shipping.recommend import WindowParams, recommend
    from lab.shipping.review import store_recommendations

    as_of = dt.date.fromisoformat(TEST_END_DATE)
    path = tmp_path_factory.mktemp("planned") / "demo.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path, read_only=False)
    try:
        store_recommendations(con, recommend(con, as_of, WindowParams()), as_of)
    finally:
        con.close()
    return path


@pytest.fixture()
def demo_con(demo_db: Path):
    """A read-only connection to the shared demo warehouse."""
    from connectors.warehouse import connect

    con = connect(demo_db, read_only=True)
    yield con
    con.close()


@pytest.fixture()
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty in-memory warehouse with the ingest schema, new for each test.

    Why here: the ingest and bank-statement tests (ten modules) each declared this same
    fixture. A module that needs another warehouse declares its own ``con``, which pytest
    uses instead of this one.
    """
    from connectors.warehouse import ensure_schema

    c = duckdb.connect(":memory:")
    ensure_schema(c)
    yield c
    c.close()


#: the modules that read :data:`connectors.sources._bank.REVERSAL_MARK` into a name of their own
#: (``from … import REVERSAL_MARK``): each must be patched for the mark to change everywhere
REVERSAL_MARK_READERS = ("mt940", "camt053", "_bank", "_bank_lines", "bank_csv")


@pytest.fixture()
def reversals_off(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """A switch for the "an evaluation drops when reversals are not held" tests: call it to
    switch the rule off (``monkeypatch.undo()`` switches it back on).

    Why both sides: reconciliation holds a line that carries the readers' reversal mark, and
    since session 26 an English-language outflow saying REVERSAL holds one too — so matching
    looks for a mark no line has, and the readers write another mark (``[冲正 off]``, which
    says no REVERSAL). Two recon-set test modules each repeated this five-module loop.
    """

    def off() -> None:
        monkeypatch.setattr("lab.reconciliation.matching.REVERSAL_MARK", "(no such mark)")
        for reader in REVERSAL_MARK_READERS:
            monkeypatch.setattr(f"connectors.sources.{reader}.REVERSAL_MARK", "[冲正 off]")

    return off


@pytest.fixture()
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The vocabulary and startup caches of this test run, never the user's ``~/.cache``.

    Why: tests that build tiny catalogs write their vocabulary indexes there; one folder for
    the whole run keeps them apart from a developer's real cache and shared between tests.
    Files use it with ``pytestmark = pytest.mark.usefixtures("own_cache")``.
    """
    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@dataclass
class YamlShop:
    """A small semantic model (its YAML in ``path``) over an in-memory warehouse ``con``."""

    path: Path
    con: duckdb.DuckDBPyConnection
    today: dt.date
    #: this run's engine cache folder (under pytest's basetemp, as :func:`own_cache`)
    cache: Path

    def ask(self, question: str) -> Any:
        """The rules engine's answer, as ``orderlens ask`` would give it.

        Why a ``db_key``: an in-memory warehouse has no identity, so ``ask`` would rebuild the
        catalog, value index and lexicon for every question; this shop's warehouse is fixed
        once made (tests only read it), so its folder names it and they are built once per shop,
        as for a warehouse file.

        Why this run's cache folder: with a ``db_key`` the catalog and value index are also
        written to the on-disk cache, keyed by the shop's folder, not by its data. In the
        user's cache that would leave entries behind on every run, and a later run with the same
        folder (a fixed ``--basetemp``, or numbering restarted after ``/tmp`` was cleared) whose
        test data changed while its model did not would read the old values. Pytest's basetemp
        is new (or emptied) for every run, so its entries never outlive the data they were built
        from.
        """
        from nl2sql import ask  # the engine loads only for the tests that ask

        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("ORDERLENS_CACHE_DIR", str(self.cache))
            return ask(
                question,
                model=self.path,
                con=self.con,
                engine="rules",
                today=self.today,
                chart=False,
                db_key=f"yaml-shop:{self.path}",
            )


@pytest.fixture(scope="session")
def yaml_shop(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str, str, str, dt.date], YamlShop]]:
    """Make a :class:`YamlShop` from model YAML text and warehouse SQL text (one per call).

    Their connections are closed when the session ends: on this thread, before Python
    finalizes, not whenever (and on whichever thread) the last reference happens to go.
    """
    made: list[duckdb.DuckDBPyConnection] = []

    def make(name: str, model: str, data: str, today: dt.date) -> YamlShop:
        root = tmp_path_factory.mktemp(name)
        (root / "m").mkdir()
        (root / "m" / "model.yml").write_text(model, encoding="utf-8")
        con = duckdb.connect()
        made.append(con)
        con.execute(data)
        return YamlShop(root / "m", con, today, tmp_path_factory.getbasetemp() / "cache")

    yield make
    for con in made:
        con.close()


@pytest.fixture(scope="session")
def probe_sessions() -> Iterator[Any]:
    """The probe sets' models and connections (``lab.evals.heldout.probes``), each opened once
    for the whole run and shared by the probe files; a set whose warehouse cannot be built
    here is skipped with the reason."""
    from lab.evals.heldout.data import EvalDataError
    from lab.evals.heldout.probes import ProbeSessions

    class Skipping(ProbeSessions):
        def open(self, name: str) -> tuple[Any, Any]:
            try:
                return super().open(name)
            except EvalDataError as exc:
                pytest.skip(f"cannot build the {name} warehouse here: {exc}")

    sessions = Skipping()
    yield sessions
    sessions.close()


@pytest.fixture(scope="session")
def toy_history_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipping toy warehouse with its history of shipped orders (``lab.shipping.toy``),
    built once; tests open it read-only (it is shared)."""
    from connectors.warehouse import connect
    from lab.shipping.toy import add_history_orders, build_toy_warehouse

    path = tmp_path_factory.mktemp("toy-history") / "toy.duckdb"
    con = connect(path)
    build_toy_warehouse(con)
    add_history_orders(con)
    con.close()
    return path


def _backtest(db: Path) -> Any:
    from connectors.warehouse import connect
    from lab.shipping.backtest import run_backtest

    con = connect(db, read_only=True)
    try:
        return run_backtest(con)
    finally:
        con.close()


@pytest.fixture(scope="session")
def toy_backtest(toy_history_db: Path) -> Any:
    """The shipping backtest with default parameters on :func:`toy_history_db`, run once.

    Why shared: one backtest takes seconds, and the backtest and calibration tests each ran
    this same one; they only read the result (``lab.shipping.backtest.BacktestResult``).
    """
    return _backtest(toy_history_db)


@pytest.fixture(scope="session")
def demo_backtest(demo_db: Path) -> Any:
    """The shipping backtest with default parameters on the shared demo warehouse, run once."""
    return _backtest(demo_db)


@pytest.fixture(scope="session")
def ask_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """`orderlens serve` as a real subprocess on 127.0.0.1 with a token; stopped afterwards.

    Why once per session: starting it (a Python process, the catalog, the chart renderer) takes
    seconds, tens under load, and the browser tests and the page-sanitizer red-team test each
    started their own; they only read through it (tests count history entries relative to
    what is there).
    """
    from tests.server_starts import running_server

    home = tmp_path_factory.mktemp("jupyter")
    args = ["--ip", "127.0.0.1", "--db", str(demo_db), "--today", "2026-11-20"]
    with running_server("serve", args, home) as server:
        yield {"base": server.base, "token": server.token, "log": server.log}


@pytest.fixture()
def edit_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Run reconciliation with one step file edited (a rule made wrong on purpose): the
    evaluation sets' tests show their score dropping when a rule is wrong."""
    import shutil

    from lab.reconciliation import sql_steps

    sql_dir = tmp_path / "sql"
    shutil.copytree(sql_steps.SQL_DIR, sql_dir)

    def edit(step: str, old: str, new: str) -> None:
        path = sql_dir / f"{step}.sql"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
        monkeypatch.setattr(sql_steps, "SQL_DIR", sql_dir)
        sql_steps.load_step.cache_clear()

    yield edit
    sql_steps.load_step.cache_clear()
