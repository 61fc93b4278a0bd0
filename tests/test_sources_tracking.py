"""Courier tracking events: carrier code tables, API errors, JSON lines and CSV."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from connectors.ingest import ingest_files
from connectors.warehouse import ensure_schema

FIX = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture()
def con():
    c = duckdb.connect(":memory:")
    ensure_schema(c)
    c.execute(
        "insert into shipments (shipment_id, order_id, carrier, tracking_no) values "
        "('SH000000001', 'OL000000001', 'SF', 'SF1234567890')"
    )
    yield c
    c.close()


def test_jsonl_codes_api_errors_and_rejects(con, tmp_path):
    f = ingest_files(
        con, "tracking", [FIX / "tracking_events.jsonl"], rejects_dir=tmp_path, progress=False
    ).files[0]
    assert (f.rows_read, f.rows_loaded, f.rows_rejected) == (9, 7, 2)
    assert f.rejects[0]["line"] == 8 and "unknown status code" in f.rejects[0]["reason"]
    assert f.rejects[1]["line"] == 9 and "invalid JSON" in f.rejects[1]["reason"]
    rows = con.execute(
        "select carrier, tracking_no, event_time::varchar, status_code, status_text, "
        "shipment_id, is_api_error from tracking_events order by event_time"
    ).fetchall()
    assert rows[0] == (
        "SF",
        "SF1234567890",
        "2026-02-10 18:00:00",
        "PICKED_UP",
        "顺丰速运 已收取快件",
        "SH000000001",
        False,
    )
    by_no = {r[1]: r for r in rows}
    assert by_no["ZT7300000001"][3] == "PICKED_UP"
    assert by_no["YT9876543210"][3:5] == ("API_TIMEOUT", "接口超时") and by_no["YT9876543210"][6]
    assert by_no["JDX000123"][3:5] == ("PICKUP_FAILED", "揽收失败")
    assert by_no["SF0000000000"][3:5] == ("INVALID_NUMBER", "单号无效") and by_no["SF0000000000"][6]
    codes = [r[3] for r in rows if r[1] == "SF1234567890"]
    assert codes == ["PICKED_UP", "IN_TRANSIT", "DELIVERED"]
    # pushes repeat: the same file content again adds nothing; same events in a new file neither
    again = tmp_path / "again.jsonl"
    again.write_text(
        (FIX / "tracking_events.jsonl").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    f2 = ingest_files(con, "tracking", [again], rejects_dir=tmp_path, progress=False).files[0]
    assert (f2.rows_loaded, f2.rows_duplicate) == (0, 7)


def test_csv_gbk_chinese_headers(con, tmp_path):
    f = ingest_files(
        con, "tracking", [FIX / "tracking_events.csv"], rejects_dir=tmp_path, progress=False
    ).files[0]
    assert (f.rows_loaded, f.rows_rejected) == (2, 1)
    assert con.execute(
        "select event_time::varchar, status_code, status_text, location from tracking_events "
        "order by event_time"
    ).fetchall() == [
        ("2026-02-11 08:00:00", "IN_TRANSIT", "已发出", "上海"),
        ("2026-02-12 09:30:00", "DELIVERED", "本人签收", "北京"),
    ]
