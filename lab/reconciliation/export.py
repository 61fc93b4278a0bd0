"""Exports for the accountants: one Excel workbook and one CSV per sheet.

Why both: the workbook is what finance opens and files with the month's close; the CSVs feed
their ERP import and diff nicely between re-runs. Sheets: summary, flows, unmatched, causes,
matches, allocations, orders.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from lab.reconciliation import views
from lab.reconciliation.status import order_status
from lab.spreadsheet_cells import inert_frame, keep_text, xlsx_frame

_FILLS = {
    "red": PatternFill("solid", fgColor="F4CCCC"),
    "yellow": PatternFill("solid", fgColor="FFF2CC"),
    "green": PatternFill("solid", fgColor="D9EAD3"),
}


def export_tables(con: duckdb.DuckDBPyConnection, periods: list[str]) -> dict[str, pd.DataFrame]:
    """The sheets of the export as DataFrames (no I/O)."""
    board = views.dashboard(con, periods)
    summary = (
        board.groupby("period")
        .agg(flows=("flows", "sum"), auto_closed=("auto_closed", "sum"))
        .reset_index()
    )
    for colour in ("green", "yellow", "red"):
        part = board[board["status"] == colour].set_index("period")["flows"]
        summary[colour] = summary["period"].map(part).fillna(0).astype(int)
    summary["automation_rate"] = (summary["auto_closed"] / summary["flows"]).round(4)
    matches = con.execute(
        """select * from recon_matches where period in (select unnest($p::varchar[]))
           order by period, flow_id, order_id, component""",
        {"p": periods},
    ).df()
    allocations = con.execute(
        """select * from allocations where period in (select unnest($p::varchar[]))
           order by period, flow_id, order_id, line_id, component""",
        {"p": periods},
    ).df()
    orders = pd.concat([order_status(con, p).assign(period=p) for p in periods], ignore_index=True)
    if "flows" in orders:
        orders["flows"] = orders["flows"].map(lambda v: ",".join(v) if v is not None else "")
    return {
        "summary": summary,
        "flows": views.flows(con, periods),
        "unmatched": views.top_unmatched(con, periods, limit=1_000_000),
        "causes": views.differences_by_cause(con, periods),
        "matches": matches,
        "allocations": allocations,
        "orders": orders,
    }


def export_period(
    con: duckdb.DuckDBPyConnection,
    periods: list[str],
    out_dir: str | Path,
    stem: str = "reconciliation",
) -> dict[str, Path]:
    """Write ``<stem>.xlsx`` and ``<stem>_<sheet>.csv`` into ``out_dir``; return the paths.

    Text from the statements (memos, counterparties) never becomes a formula: typed as text in
    the workbook, prefixed with ``'`` in the CSVs when it starts like one
    (:mod:`lab.spreadsheet_cells`).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = export_tables(con, periods)
    paths: dict[str, Path] = {}
    xlsx = out / f"{stem}.xlsx"
    with pd.ExcelWriter(xlsx, engine="openpyxl") as writer:
        for name, df in tables.items():
            clean = xlsx_frame(df)  # a memo's stray control character fails no workbook
            for col in clean.columns:
                if isinstance(clean[col].dtype, pd.DatetimeTZDtype):
                    clean[col] = clean[col].dt.tz_localize(None)
            clean.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            keep_text(sheet)  # a bank memo "=HYPERLINK(...)" stays text, never a formula
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
            for i, col in enumerate(clean.columns, start=1):
                width = min(
                    60, max(10, len(str(col)) + 2, *(len(str(v)) for v in clean[col].head(200)))
                )
                sheet.column_dimensions[get_column_letter(i)].width = width
            if "status" in clean.columns:
                idx = list(clean.columns).index("status") + 1
                for row in sheet.iter_rows(min_row=2, min_col=idx, max_col=idx):
                    fill = _FILLS.get(row[0].value)
                    if fill:
                        row[0].fill = fill
    paths["xlsx"] = xlsx
    for name, df in tables.items():
        csv = out / f"{stem}_{name}.csv"
        inert_frame(df).to_csv(csv, index=False, encoding="utf-8-sig")
        paths[name] = csv
    return paths
