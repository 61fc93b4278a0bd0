"""Red team, session 30: a model edited while a question is being answered.

The service reads the model once per request, and the engine answers on it; the labels and
formats the answer is shown with came from ``self._catalog_obj``, the catalog of whichever
model the *latest* warm-up loaded. A request that reloaded an edited model meanwhile (here: the
metric's label and format changed while the first question ran) made the first answer show the
new model's label on the old model's numbers, and that answer was kept in the answer cache
under the old model's key: putting the file back served it again. Probed on main a5bdf0c5: the
column read "Parcels shipped" with a percent format, and again from the cache after the revert.
Now an answer is shown with the catalog of the model it was answered on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lab.server.history import QuestionHistory
from lab.server.service import AskService, ServiceSettings
from tests.server_helpers import small_model_dir


def test_an_answer_is_shown_with_the_model_it_was_answered_on(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model_dir = small_model_dir(tmp_path)
    sales = model_dir / "sales.yml"
    first_text = sales.read_text(encoding="utf-8")
    edited = first_text.replace(
        "    label: Orders\n", "    label: Parcels shipped\n    config: {meta: {format: percent}}\n"
    )
    assert edited != first_text
    settings = ServiceSettings(db=str(demo_db), semantic_model=str(model_dir), engine="rules",
                               today="2026-11-20", chart_svg=False)  # fmt: skip
    service = AskService(settings, QuestionHistory(None))
    real = AskService._ask_engine
    edits: list[str] = []

    def engine(self: AskService, question: str, *args: Any) -> Any:
        answer = real(self, question, *args)
        if not edits:  # another request reloads the edited model while this one runs
            edits.append(question)
            sales.write_text(edited, encoding="utf-8")
            self.warm_up()
        return answer

    monkeypatch.setattr(AskService, "_ask_engine", engine)
    try:
        status, body = service.ask("orders by channel", record=False)
        assert status == 200 and edits == ["orders by channel"]
        meta = {m["name"]: m for m in body["column_meta"]}
        assert meta["orders"]["label"] == "Orders", meta["orders"]
        assert meta["orders"]["format"] != "percent"

        status, now = service.ask("orders by channel", record=False)  # the edited model
        assert status == 200 and now["cached"] is False
        assert {m["name"]: m for m in now["column_meta"]}["orders"]["label"] == "Parcels shipped"

        sales.write_text(first_text, encoding="utf-8")  # put back: the first entry again
        status, again = service.ask("orders by channel", record=False)
        assert status == 200 and again["cached"] is True
        assert {m["name"]: m for m in again["column_meta"]}["orders"]["label"] == "Orders"
    finally:
        service.close()
