"""Red team, session 21: a broken synonyms overlay no longer stops questions when the
warehouse changes (session 20's open item).

The server keeps answering with the last valid model while the overlay beside it does not read
(session 20). A warehouse change (an ingest) needs a new catalog for that model, and building
it read the broken overlay again: every question was a 422 naming the file until it was fixed.
The model that was taken with the overlay now keeps it; a model loaded after the edit (what
``orderlens ask`` and ``%ask`` load) still meets the error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

import nl2sql
from lab.server.model_state import ModelKeeper
from nl2sql.vocabulary.overlay import OverlayError
from tests.server_helpers import small_model_dir

pytestmark = pytest.mark.usefixtures("own_cache")  # the keys are of this run's model loads

OVERLAY = "orderlens_synonyms: 1\nmetrics:\n  orders: [purchases]\n"


def test_the_last_valid_model_keeps_its_overlay_on_a_new_warehouse(
    tmp_path: Path, demo_db: Path
) -> None:
    model_dir = small_model_dir(tmp_path)
    overlay = model_dir / ".orderlens" / "synonyms.yml"
    overlay.parent.mkdir()
    overlay.write_text(OVERLAY, encoding="utf-8")
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(demo_db, db)
    keeper = ModelKeeper(str(model_dir))
    before = nl2sql.ask("purchases by channel", model=keeper.current(), db=db, today="2026-11-20")
    assert not before.refused, before.reason

    overlay.write_text("orderlens_synonyms: 1\nmetrics:\n  orders: [order\n", encoding="utf-8")
    model = keeper.current()  # the last valid model, the status says why
    assert keeper.status()["file"] == ".orderlens/synonyms.yml"
    with duckdb.connect(str(db)) as con:  # an ingest: a new warehouse version
        con.execute("CREATE TABLE kiln_batches (batch_id INTEGER)")
    after = nl2sql.ask("purchases by channel", model=model, db=db, today="2026-11-20")
    assert not after.refused, after.reason  # was: OverlayError naming synonyms.yml
    assert after.df is not None and len(after.df) == len(before.df)

    with pytest.raises(OverlayError, match="synonyms"):  # a model loaded now meets the error
        nl2sql.ask("purchases by channel", model=str(model_dir), db=db, today="2026-11-20")
