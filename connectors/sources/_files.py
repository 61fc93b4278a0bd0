"""Turn whatever the user exported (UTF-8/GBK CSV, XLSX) into one UTF-8 CSV DuckDB can stream.

Why: DuckDB's CSV reader only decodes UTF-8/UTF-16/Latin-1 (its ``encodings`` extension needs
the network), and Excel exports are XLSX. UTF-8 files are read in place (no copy: the fast path
for big files); GBK files are transcoded chunk by chunk into the scratch dir; XLSX sheets are
streamed row by row by openpyxl's read-only mode.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from connectors.errors import IngestError
from connectors.sources._text import detect_encoding, to_utf8


def xlsx_to_csv(path: Path, out: Path) -> int:
    """First sheet of an XLSX workbook as a UTF-8 CSV (streamed); returns rows written."""
    # openpyxl loads only for .xlsx files, not with every reader
    from openpyxl import load_workbook

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
