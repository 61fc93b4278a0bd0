"""Red team, session 10: an XLSX export that expands far past its size is refused before reading.

Before: openpyxl's read-only mode loads a workbook's shared strings whole and writes every row,
so a 1 MB workbook whose one shared string is 1 GB took 50 s and 2 GB of memory before failing
(MemoryError), and a 3.6 MB workbook of 12 million rows ran for minutes writing its CSV. The
tests use smaller bombs of the same shapes (fast), and the total cap is lowered to test it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb
import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files
from connectors.sources import _files
from connectors.sources._files import as_utf8_csv
from connectors.warehouse import ensure_schema

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>'


def _workbook(path: Path, sheet: bytes, strings: bytes) -> Path:
    """A minimal workbook with ``sheet`` and ``strings`` as its parts (maximally zipped)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="S" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DOC}/sharedStrings"'
            ' Target="sharedStrings.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", strings)
    return path


def _one_string_bomb(path: Path, mb: int) -> Path:
    """One shared string of ``mb`` MB of 'A' (the real one: 1 GB zipped to 1 MB)."""
    strings = f'<sst xmlns="{MAIN}"><si><t>'.encode() + b"A" * (mb << 20) + b"</t></si></sst>"
    sheet = SHEET + '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    return _workbook(path, sheet.encode(), strings)


def _many_rows_bomb(path: Path, mb: int) -> Path:
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = SHEET.encode() + row * ((mb << 20) // len(row)) + b"</sheetData></worksheet>"
    return _workbook(path, sheet, f'<sst xmlns="{MAIN}"></sst>'.encode())


@pytest.mark.parametrize("bomb", [_one_string_bomb, _many_rows_bomb])
def test_a_part_expanding_hundreds_of_times_is_refused(tmp_path: Path, bomb) -> None:
    path = bomb(tmp_path / "export.xlsx", 40)
    with pytest.raises(IngestError, match=r"expands \d[\d,]* times .* re-export the file"):
        as_utf8_csv(path, tmp_path)
    assert not list(tmp_path.glob("*.csv"))  # nothing was written


def test_a_workbook_past_the_total_cap_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(_files, "MAX_XLSX_EXPANDED", 1 << 20)
    row = b'<row><c t="inlineStr"><is><t>' + b"%07d" + b"</t></is></c></row>"
    sheet = SHEET.encode() + b"".join(row % i for i in range(40_000)) + b"</sheetData></worksheet>"
    path = _workbook(tmp_path / "big.xlsx", sheet, f'<sst xmlns="{MAIN}"></sst>'.encode())
    with pytest.raises(IngestError, match=r"expands to [\d.,]+ MB .* export it as CSV"):
        as_utf8_csv(path, tmp_path)


def test_ingest_refuses_the_bomb_and_loads_nothing(tmp_path: Path) -> None:
    con = duckdb.connect()
    ensure_schema(con)
    path = _one_string_bomb(tmp_path / "淘宝订单.xlsx", 40)
    with pytest.raises(IngestError, match="re-export the file"):
        ingest_files(con, "taobao", [path], rejects_dir=tmp_path, progress=False)
    assert con.execute("SELECT count(*) FROM orders").fetchone() == (0,)


def test_a_real_export_still_loads(tmp_path: Path) -> None:
    out = as_utf8_csv(FIX / "taobao_orders.xlsx", tmp_path)
    assert "3917364521098770001" in out.read_text(encoding="utf-8")
