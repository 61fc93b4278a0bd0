"""The ``make demo`` tour answers every sample question on the demo warehouse."""

from __future__ import annotations

from lab import demo_tour


def test_every_sample_question_is_answered_with_an_interpretation(demo_db, capsys) -> None:
    code = demo_tour.main(["--db", str(demo_db), "--today", "2026-11-20"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "could not answer" not in out
    lines = out.splitlines()
    for question in demo_tour.SAMPLE_QUESTIONS:
        at = lines.index(f"❯ {question}")
        interpretation = lines[at + 1].strip()
        # the interpretation names what was measured, e.g.
        # "units sold (by SKU, product name), time: this year"
        assert interpretation and not interpretation.startswith("could not"), (question, out)
    units = lines.index("❯ top 5 SKUs by units sold this year")
    assert lines[units + 1].strip().startswith("units sold (by SKU, product name), time: this year")
    assert lines[units + 2].split() == ["sku", "sku__sku_name", "units_sold"]
    assert len([ln for ln in lines[units + 3 : units + 9] if ln.strip().startswith("SKU-")]) == 5
