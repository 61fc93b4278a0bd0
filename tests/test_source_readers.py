"""Every registered ingest format satisfies the reader contract (``SourceReader`` Protocol)."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.sources import FORMATS, reader_module
from connectors.sources.base import DatabaseSourceReader, LoadResult, SourceReader

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_a_reader_with_the_contract_signature(fmt):
    reader = reader_module(fmt)
    assert isinstance(reader, SourceReader)
    params = list(inspect.signature(reader.load).parameters)
    assert params == ["con", params[1], "ctx"] and params[1] in ("path", "conninfo")
    hints = inspect.get_annotations(reader.load, eval_str=True)
    assert hints["return"] is LoadResult


def test_only_database_sources_are_database_readers():
    database = {f for f in FORMATS if isinstance(reader_module(f), DatabaseSourceReader)}
    assert database == {"postgres"}
    shown = reader_module("postgres").redact("postgresql://u:secret@h/db")
    assert "secret" not in shown and "host=h" in shown


def test_a_module_without_load_is_refused(monkeypatch):
    monkeypatch.setitem(FORMATS, "not-a-reader", "connectors.sources._text")
    with pytest.raises(IngestError, match="does not define load"):
        reader_module("not-a-reader")


def test_engine_modules_do_not_import_their_package():
    """``connectors.engines`` imports its engines; they must not import it back (no cycle)."""
    package = "connectors.engines"
    for path in (ROOT / "connectors" / "engines").glob("*.py"):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        assert package not in imported, f"{path.name} imports {package}: an import cycle"
    importlib.import_module("connectors.engines.spark")  # importable on its own
