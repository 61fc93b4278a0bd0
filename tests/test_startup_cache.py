"""The on-disk startup cache (nl2sql.startup_cache) and the answer cache's model key.

Each test points the startup cache at its own directory and forgets the process's in-memory
caches between steps, which is what a new ``orderlens ask`` process sees.
"""

from __future__ import annotations

import importlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nl2sql.lexicon
from nl2sql import ask, catalog_for, startup_cache
from nl2sql.rules import axes
from semantic_layer.loader import BUILTIN_MODEL_DIR

#: the module, not the function ``nl2sql.ask`` that shadows it on the package
ask_module = importlib.import_module("nl2sql.ask")
TODAY = "2026-11-20"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    """A private directory for startup entries (the other caches stay shared: they are slow)."""
    root = tmp_path / "startup-cache"

    def private(*parts: str) -> Path:
        path = root.joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path

    monkeypatch.setattr(startup_cache, "cache_dir", private)
    _new_process()
    yield root / "startup"
    _new_process()


def _new_process() -> None:
    """Forget what this process holds in memory, as a fresh command-line run would."""
    ask_module._models.clear()
    ask_module._catalogs.clear()
    nl2sql.lexicon._cache.clear()
    axes._cache.clear()
    startup_cache._model_keys.clear()


def _model_copy(tmp_path: Path) -> Path:
    model = tmp_path / "model"
    shutil.copytree(BUILTIN_MODEL_DIR, model)
    return model


def test_builtin_model_dir_is_the_loaders(cache) -> None:
    assert startup_cache.builtin_model_dir() == BUILTIN_MODEL_DIR.resolve()


def test_second_process_reads_model_catalog_and_lexicon_from_disk(cache, demo_db, monkeypatch):
    first = catalog_for(None, demo_db)
    entries = sorted(p.name.split("-")[0] for p in cache.glob("*.pickle"))
    assert entries == ["catalog", "model"]
    _new_process()

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again although the disk cache holds it")

    monkeypatch.setattr(nl2sql.lexicon, "build_lexicon", no_build)
    monkeypatch.setattr(ask_module, "_build_catalog", no_build)
    monkeypatch.setattr(ask_module, "_load_model", no_build)
    again = catalog_for(None, demo_db)
    assert again is not first and again == first
    assert axes._cache.get(again) is not None  # the time-axis index adopted before any question
    answer = ask("各渠道GMV", db=demo_db, today=TODAY)
    assert answer.ok and set(answer.df["order__channel"]) >= {"jd", "taobao"}
    assert nl2sql.lexicon.lexicon_for(again).catalog is again  # adopted, not rebuilt


def test_an_edited_model_is_seen_at_once(cache, demo_db, tmp_path) -> None:
    model = _model_copy(tmp_path)
    before = ask("GMV by channel", model=model, db=demo_db, today=TODAY)
    sales = model / "sales.yml"
    text = sales.read_text(encoding="utf-8")
    sales.write_text(text.replace("expr: goods_amount", "expr: paid_amount", 1), "utf-8")
    _new_process()
    after = ask("GMV by channel", model=model, db=demo_db, today=TODAY)
    assert before.ok and after.ok
    assert "goods_amount" in before.sql and "paid_amount" in after.sql
    assert after.df.iloc[:, -1].sum() != pytest.approx(before.df.iloc[:, -1].sum())
    # a new synonym in the reviewed overlay is a new word at once, too
    overlay = model / ".orderlens" / "synonyms.yml"
    overlay.parent.mkdir()
    overlay.write_text("orderlens_synonyms: 1\nmetrics:\n  gmv: [grosswidget]\n", encoding="utf-8")
    _new_process()
    assert ask("grosswidget by channel", model=model, db=demo_db, today=TODAY).ok


def test_a_changed_warehouse_gets_its_own_values(cache, demo_db, tmp_path) -> None:
    from connectors.warehouse import write_connection

    db = tmp_path / "w.duckdb"
    shutil.copy(demo_db, db)
    assert "douyin" not in catalog_for(None, db).dimension("order__channel").values
    with write_connection(db) as con:
        con.execute("UPDATE orders SET channel = 'douyin' WHERE channel = 'jd'")
    _new_process()
    values = catalog_for(None, db).dimension("order__channel").values
    assert "douyin" in values and "jd" not in values


def test_corrupt_foreign_or_mismatched_entries_are_rebuilt(cache, demo_db) -> None:
    reference = catalog_for(None, demo_db)
    entries = sorted(cache.glob("catalog-*.pickle"))
    assert len(entries) == 1
    entry = entries[0]
    good = entry.read_bytes()
    # an entry naming a class that has since moved fails to unpickle like a truncated one; the
    # engine key keys such entries out first (test_a_class_moved_to_another_module_...)
    for damage in (
        good[: len(good) // 2],  # truncated by a crash
        b"not a pickle at all",
        pickle.dumps((("catalog", "another key"), "a wrong payload")),  # keyed differently
        pickle.dumps(("catalog", "no tag")),
    ):
        entry.write_bytes(damage)
        _new_process()
        rebuilt = catalog_for(None, demo_db)
        assert rebuilt == reference
        assert entry.read_bytes() != damage  # replaced by a good entry
    entry.chmod(0o666)  # writable by others: never unpickled (it could run their code)
    assert startup_cache._read(entry, ("catalog",)) is None


def test_a_class_moved_to_another_module_is_a_new_engine_key(tmp_path, monkeypatch) -> None:
    """Entries pickle classes by module path: moving one (same code, another file) must key
    every old entry out, or a new checkout would look for it where it no longer is."""
    for package in ("connectors", "semantic_layer", "nl2sql"):
        (tmp_path / package).mkdir()
    code = "class Lexicon:\n    pass\n"
    (tmp_path / "nl2sql" / "lexicon.py").write_text(code, encoding="utf-8")
    monkeypatch.setattr(startup_cache, "__file__", str(tmp_path / "nl2sql" / "startup_cache.py"))
    try:
        startup_cache.engine_key.cache_clear()
        before = startup_cache.engine_key()
        (tmp_path / "nl2sql" / "lexicon.py").rename(tmp_path / "nl2sql" / "lexicon_base.py")
        startup_cache.engine_key.cache_clear()
        after = startup_cache.engine_key()
    finally:
        startup_cache.engine_key.cache_clear()
    assert before != after


def test_answer_cache_is_keyed_by_the_models_content(tmp_path, demo_db) -> None:
    """Issue 15: an edited model must not serve answers computed with the old one."""
    from lab.server.history import QuestionHistory
    from lab.server.service import AskService, ServiceSettings

    model = _model_copy(tmp_path)
    settings = ServiceSettings(
        db=str(demo_db), semantic_model=str(model), engine="rules", today=TODAY, chart_svg=False
    )
    service = AskService(settings, QuestionHistory(None), answer_cache_size=16)
    try:  # closed: the shared warehouse is not left open for ANCHOR_LINGER_S past the test
        status, first = service.ask("GMV by channel")
        assert status == 200 and not first["cached"]
        assert service.ask("GMV by channel")[1]["cached"]  # a repeat is served from memory
        sales = model / "sales.yml"
        text = sales.read_text(encoding="utf-8")
        sales.write_text(text.replace("expr: goods_amount", "expr: paid_amount", 1), "utf-8")
        status, edited = service.ask("GMV by channel")
    finally:
        service.close()
    assert status == 200 and not edited["cached"]
    assert "paid_amount" in edited["sql"] and edited["rows"] != first["rows"]


def test_english_question_in_a_warm_cache_imports_nothing_it_does_not_use(demo_db, tmp_path):
    """The cold-start budget: a cached English question imports no jieba, no YAML loader and
    no cn2an (the time-axis index that needs it comes from the cache too); nor, without
    ``--json``/``--chart``, the charts, nor the LLM engine, the HTML view or other commands;
    nor dbt-semantic-interfaces' pydantic classes (the cached model's are frozen).

    Two fresh processes on a cache directory of their own: the first fills it. (On the user's
    shared cache, other checkouts' test runs on the same machine wrote more than
    ``MAX_ENTRIES`` entries between the two runs, pruned this one, and the second run missed.)
    """
    env = {**os.environ, "ORDERLENS_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys\n"
        "from lab.cli import cli\n"
        f"cli(['ask', 'GMV by channel', '--db', {str(demo_db)!r}, '--today', {TODAY!r}],"
        " standalone_mode=False)\n"
        "loaded = ('jieba', 'semantic_layer.loader', 'cn2an', 'nl2sql.charts',\n"
        "          'nl2sql.chart_specs', 'nl2sql.llm_engine', 'nl2sql.answer_html',\n"
        "          'lab.commands.serve', 'lab.commands.health',\n"
        "          'dbt_semantic_interfaces.implementations.metric')\n"
        "print(sorted(m for m in loaded if m in sys.modules))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env
        )
        for _ in range(2)
    ]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr
    assert "taobao" in runs[1].stdout
    assert runs[1].stdout.strip().splitlines()[-1] == "[]"
