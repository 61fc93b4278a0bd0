"""Direction controls and zero-width characters of a model (or the data) never reach what a
person reads: interpretation, suggestions, chart titles, column labels of exports.

Session 20 left it open: a label holding a right-to-left override (U+202E) made the page's
interpretation read backwards, so whoever writes the model could make "not cancelled" read as
"cancelled". The label below is invented ("refund-free takings"), written reversed inside an
override so that it *displays* forward while its characters run backwards.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import nl2sql
import semantic_layer
from nl2sql.interpret import value_label
from semantic_layer.catalog import Catalog, CatalogDimension
from semantic_layer.display_text import HIDDEN

RLO, PDF, ZWSP, RLI, PDI = "\u202e", "\u202c", "\u200b", "\u2067", "\u2069"
BUILTIN = Path(semantic_layer.__file__).parent / "models"


@pytest.fixture()
def hostile_model(tmp_path: Path) -> Path:
    model = tmp_path / "model"
    shutil.copytree(BUILTIN, model)
    sales = model / "sales.yml"
    text = sales.read_text(encoding="utf-8")
    label = f"{RLO}sgnikat eerf-dnufer{PDF} gr{ZWSP}oss"
    old = "  - name: gmv\n    label: GMV\n"
    assert old in text
    text = text.replace(old, f'  - name: gmv\n    label: "{label}"\n', 1)
    sales.write_text(text, encoding="utf-8")
    return model


def _texts(answer: nl2sql.Answer) -> list[str]:
    chart_title = answer.chart.to_dict().get("title") if answer.chart is not None else None
    return [
        answer.headline,
        answer.interpretation,
        answer.reason,
        *answer.suggestions,
        *answer.column_labels.values(),
        str(chart_title or ""),
    ]


def test_a_hostile_label_is_shown_without_its_controls(hostile_model: Path, demo_db: Path) -> None:
    model = semantic_layer.load_model(hostile_model)
    assert model.metrics["gmv"].label == "sgnikat eerf-dnufer gross"
    answer = nl2sql.ask("GMV by channel", model=hostile_model, db=demo_db, today="2026-11-20")
    assert not answer.refused, answer.reason
    assert "sgnikat eerf-dnufer gross" in answer.interpretation
    shown = _texts(answer)
    assert "sgnikat eerf-dnufer gross" in answer.column_labels.values()
    assert [t for t in shown if HIDDEN.search(t)] == []


def test_a_refusal_offering_the_label_shows_it_plain(hostile_model: Path, demo_db: Path) -> None:
    answer = nl2sql.ask("GMV by zodiac sign", model=hostile_model, db=demo_db, today="2026-11-20")
    assert answer.refused
    assert [t for t in _texts(answer) if HIDDEN.search(t)] == []


def test_a_data_value_with_an_override_is_shown_plain() -> None:
    catalog = Catalog(metrics=(), dimensions=(CatalogDimension("order__channel", "channel"),))
    value = f"{RLI}DJ{PDI} {RLO}pohs{PDF}"
    assert value_label(catalog, "order__channel", value, "en") == "DJ pohs"
    assert value_label(catalog, "order__channel", value, "zh") == "DJ pohs"
