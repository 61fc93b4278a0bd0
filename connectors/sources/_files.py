"""Turn whatever the user exported (UTF-8/GBK CSV, XLSX) into one UTF-8 CSV DuckDB can stream.

Why: DuckDB's CSV reader only decodes UTF-8/UTF-16/Latin-1 (its ``encodings`` extension needs
the network), and Excel exports are XLSX. UTF-8 files are read in place (no copy: the fast path
for big files); GBK files are transcoded chunk by chunk into the scratch dir; XLSX sheets are
streamed row by row by openpyxl's read-only mode.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from connectors.errors import IngestError
from connectors.sources._text import detect_encoding, to_utf8

#: What an XLSX workbook may expand to in all (its parts are zipped XML): a 1,000,000-row
#: export is a few hundred MB of XML; a "zip bomb" is far more.
MAX_XLSX_EXPANDED = 1 << 30
#: How much one part may expand beyond its zipped size once it is big (real sheets: 5-30x).
MAX_XLSX_RATIO = 100
_RATIO_FROM = 16 << 20


def check_xlsx_expansion(path: Path) -> None:
    """Refuse a workbook whose parts expand past :data:`MAX_XLSX_EXPANDED` in all, or one part
    past :data:`MAX_XLSX_RATIO` times its zipped size (once over 16 MB), before openpyxl reads it.

    Why: openpyxl's read-only mode still loads the shared strings whole, and writes every row;
    a 1 MB workbook whose one shared string is 1 GB of ``A`` took 50 s and 2 GB of memory
    before failing, a 3.6 MB one of 12 million rows ran for minutes (session 10). The sizes
    come from the zip's directory, and Python's zip reader never inflates a part past its
    declared size, so they bound what is read.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            parts = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError(f"{path}: not a readable XLSX workbook ({exc}); re-export it") from exc
    total = sum(p.file_size for p in parts)
    if total > MAX_XLSX_EXPANDED:
        raise IngestError(
            f"{path}: the workbook expands to {total / 2**20:,.1f} MB (at most "
            f"{MAX_XLSX_EXPANDED >> 20:,} MB is read): export it as CSV instead, or split it"
        )
    for p in parts:
        if p.file_size > _RATIO_FROM and p.file_size > MAX_XLSX_RATIO * max(p.compress_size, 1):
            raise IngestError(
                f"{path}: its part {p.filename} expands {p.file_size // max(p.compress_size, 1):,}"
                f" times (to {p.file_size / 2**20:,.0f} MB), which no spreadsheet export does: "
                "re-export the file from its source, or export it as CSV"
            )


def xlsx_to_csv(path: Path, out: Path) -> int:
    """First sheet of an XLSX workbook as a UTF-8 CSV (streamed); returns rows written."""
    # openpyxl loads only for .xlsx files, not with every reader
    from openpyxl import load_workbook

    check_xlsx_expansion(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError: openpyxl raises many kinds
        raise IngestError(f"{path}: not a readable XLSX workbook ({exc}); re-export it") from exc
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for row in wb.worksheets[0].iter_rows(values_only=True):
            writer.writerow(["" if v is None else _cell(v) for v in row])
            n += 1
    wb.close()
    return n


def workbook_epoch(path: Path) -> datetime:
    """The day an XLSX workbook counts its serial dates from: 1899-12-30 (Excel's 1900 date
    system) or 1904-01-01 (the 1904 system old Mac workbooks use)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return wb.epoch
    finally:
        wb.close()


def _cell(v: object) -> str:
    if hasattr(v, "strftime"):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def as_utf8_csv(
    path: Path,
    tmp_dir: Path,
    *,
    keep: Callable[[int, str], bool | None] | None = None,
    transform: Callable[[str], str] | None = None,
) -> Path:
    """A UTF-8 CSV with the content of ``path`` (the file itself when it already is one)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        out = tmp_dir / (path.stem + ".xlsx.csv")
        xlsx_to_csv(path, out)
        return out
    enc = detect_encoding(path)
    if enc == "utf-8" and keep is None and transform is None:
        return path
    out = tmp_dir / (path.stem + ".utf8.csv")
    to_utf8(path, out, enc, keep=keep, transform=transform)
    return out


def csv_headers(csv_path: Path) -> list[str]:
    """The cleaned header names of a UTF-8 CSV (first record)."""
    with csv_path.open(encoding="utf-8", newline="") as fh:
        first = next(csv.reader(fh), [])
    return [h.strip().lstrip("\ufeff").strip("`'\"=\t ").strip() for h in first]
