"""Safe ingest: transactions, idempotency, rejects, encodings, messy numbers and dates."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files

FIX = Path(__file__).parent / "fixtures" / "sources"


def _count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def _snapshot(con) -> dict[str, int]:
    return {
        t: _count(con, t)
        for t in ("orders", "order_lines", "customers", "skus", "order_id_map", "ingest_log")
    }


def test_taobao_gbk_loads_and_rejects_with_line_and_reason(con, tmp_path):
    rep = ingest_files(
        con, "taobao", [FIX / "taobao_orders_gbk.csv"], rejects_dir=tmp_path, progress=False
    )
    f = rep.files[0]
    assert (f.rows_read, f.rows_loaded, f.rows_rejected) == (7, 4, 3)
    assert [(r["line"], r["reason"].split(" (")[0]) for r in f.rejects] == [
        (6, "bad money in 买家应付货款: '十二元'"),
        (7, "unknown 订单状态 value"),
        (8, "missing 订单创建时间"),
    ]
    with open(f.rejects_path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["line"] for r in rows] == ["6", "7", "8"]
    assert rows[0]["file"].endswith("taobao_orders_gbk.csv")
    assert "十二元" in rows[0]["raw"]
    got = con.execute(
        "select channel_order_no, goods_amount, shipping_fee, paid_amount, order_status, "
        "payment_status, created_at::varchar, destination_region, destination_city "
        "from orders order by channel_order_no"
    ).fetchall()
    assert got[0] == (
        "3917364521098765432",
        Decimal("1234.50"),
        Decimal("10.00"),
        Decimal("1244.50"),
        "completed",
        "paid",
        "2026-02-10 08:00:00",
        "华东",
        "杭州市",
    )
    # full-width digits ８９．００ and date 2026/2/10 9:05
    assert got[1][1] == Decimal("89.00") and got[1][6] == "2026-02-10 09:05:00"
    assert got[1][4:6] == ("awaiting_shipment", "paid")
    # 20260211 and 2026年2月12日 10:30
    assert got[2][6] == "2026-02-11 00:00:00" and got[2][4] == "pending_payment"
    assert got[3][6] == "2026-02-12 10:30:00"
    # the same buyer twice is one customer
    assert _count(con, "customers") == 3
    ids = [r[0] for r in con.execute("select order_id from orders order by order_id").fetchall()]
    assert ids == ["OL000000001", "OL000000002", "OL000000003", "OL000000004"]


def test_reingest_same_file_adds_nothing_even_renamed(con, tmp_path):
    ingest_files(
        con, "taobao", [FIX / "taobao_orders_gbk.csv"], rejects_dir=tmp_path, progress=False
    )
    before = _snapshot(con)
    copy = tmp_path / "renamed.csv"
    copy.write_bytes((FIX / "taobao_orders_gbk.csv").read_bytes())
    rep = ingest_files(
        con, "taobao", [FIX / "taobao_orders_gbk.csv", copy], rejects_dir=tmp_path, progress=False
    )
    assert [f.status for f in rep.files] == ["skipped: already ingested"] * 2
    assert _snapshot(con) == before


def test_duplicate_file_in_one_batch_loaded_once(con, tmp_path):
    p = FIX / "jd_orders_gbk.csv"
    rep = ingest_files(con, "jd", [p, p], rejects_dir=tmp_path, progress=False)
    assert [f.status for f in rep.files] == ["loaded", "skipped: duplicate in batch"]
    assert _count(con, "orders") == 3 and _count(con, "ingest_log") == 1


def test_overlapping_export_updates_status_without_duplicates(con, tmp_path):
    ingest_files(
        con, "taobao", [FIX / "taobao_orders_gbk.csv"], rejects_dir=tmp_path, progress=False
    )
    rep = ingest_files(
        con, "taobao", [FIX / "taobao_orders_overlap.csv"], rejects_dir=tmp_path, progress=False
    )
    f = rep.files[0]
    assert (f.rows_loaded, f.rows_updated, f.rows_duplicate) == (1, 1, 1)
    assert _count(con, "orders") == 5
    assert con.execute(
        "select order_status from orders where channel_order_no = '3917364521098765433'"
    ).fetchone() == ("shipped",)
    # the new order continues the global id sequence
    assert con.execute(
        "select order_id from order_id_map where external_id = '3917364521098765439'"
    ).fetchone() == ("OL000000005",)
    # known orders keep their id (the one the first export gave them)
    assert con.execute(
        "select order_id from order_id_map where external_id = '3917364521098765433'"
    ).fetchone() == ("OL000000002",)


def test_bad_file_rolls_back_whole_batch(con, tmp_path):
    ingest_files(con, "jd", [FIX / "jd_orders_gbk.csv"], rejects_dir=tmp_path / "a", progress=False)
    before = _snapshot(con)
    wrong = tmp_path / "wrong_columns.csv"
    wrong.write_text("id,amount\n1,2\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"wrong_columns.csv: missing column\(s\) 订单编号"):
        ingest_files(
            con,
            "taobao",
            [FIX / "taobao_orders_gbk.csv", wrong],
            rejects_dir=tmp_path / "b",
            progress=False,
        )
    assert _snapshot(con) == before
    assert not (tmp_path / "b").exists() or not list((tmp_path / "b").iterdir())


def test_wrong_encoding_is_refused(con, tmp_path):
    bad = tmp_path / "utf16.csv"
    bad.write_bytes(b"\x00\x01\x02binary\x00garbage" * 50)
    with pytest.raises(IngestError, match="binary"):
        ingest_files(con, "taobao", [bad], rejects_dir=tmp_path, progress=False)
    mixed = tmp_path / "mixed.csv"
    good = (FIX / "taobao_orders_gbk.csv").read_bytes()
    # a valid UTF-8 head then bytes that are neither UTF-8 nor GBK
    mixed.write_bytes("订单编号,x\n".encode() + b"\xff\xfe\xfd\xff" * 10 + good[:50])
    with pytest.raises(IngestError, match=r"decode|invalid"):
        ingest_files(con, "taobao", [mixed], rejects_dir=tmp_path, progress=False)
    assert _count(con, "orders") == 0 and _count(con, "ingest_log") == 0


def test_truncated_file_rejects_the_cut_row(con, tmp_path):
    data = (FIX / "jd_orders_gbk.csv").read_bytes().rstrip()
    cut = tmp_path / "truncated.csv"
    cut.write_bytes(data[: data.rindex(b"\r\n") + 30])  # last line cut after a few fields
    rep = ingest_files(con, "jd", [cut], rejects_dir=tmp_path, progress=False)
    f = rep.files[0]
    assert f.rows_rejected == 2  # the bad qty line + the truncated line
    reasons = {r["line"]: r["reason"] for r in f.rejects}
    assert reasons[5].startswith("bad int in 订购数量")
    assert "truncated" in reasons[6]
    assert _count(con, "orders") == 2


def test_jd_lines_and_amount_formats(con, tmp_path):
    ingest_files(con, "jd", [FIX / "jd_orders_gbk.csv"], rejects_dir=tmp_path, progress=False)
    o = con.execute(
        "select channel_order_no, goods_amount, shipping_fee, discount_amount, paid_amount, channel "
        "from orders order by channel_order_no"
    ).fetchall()
    assert o[0] == (
        "JD20260210001",
        Decimal("358.00"),
        Decimal("0.00"),
        Decimal("5.00"),
        Decimal("353.00"),
        "jd",
    )
    assert o[1][1:5] == (Decimal("1299.00"), Decimal("6.00"), Decimal("0.00"), Decimal("1305.00"))
    lines = con.execute(
        "select l.line_id, l.sku, l.qty, l.line_amount from order_lines l join orders o "
        "using (order_id) where o.channel_order_no = 'JD20260210001' order by line_no"
    ).fetchall()
    assert [(r[1], r[2], r[3]) for r in lines] == [
        ("100012345678", 2, Decimal("258.00")),
        ("100087654321", 4, Decimal("100.00")),
    ]
    assert lines[0][0].endswith("-1")
    assert con.execute("select sku_name from skus where sku = '100012345678'").fetchone() == (
        "电子血压计 臂式",
    )


def test_taobao_xlsx(con, tmp_path):
    rep = ingest_files(
        con, "taobao", [FIX / "taobao_orders.xlsx"], rejects_dir=tmp_path, progress=False
    )
    assert rep.files[0].rows_loaded == 2
    assert con.execute(
        "select paid_amount, created_at::varchar, destination_city from orders "
        "where channel_order_no = '3917364521098770001'"
    ).fetchone() == (Decimal("120.50"), "2026-03-01 09:30:00", "苏州市")


def test_orders_csv_mapping_maps_both_ids(con, tmp_path):
    rep = ingest_files(
        con,
        "orders-csv",
        [FIX / "erp_orders.csv"],
        mapping=FIX / "erp_mapping.yml",
        rejects_dir=tmp_path,
        progress=False,
    )
    assert rep.files[0].rows_loaded == 2
    m = dict(
        con.execute("select system || ':' || external_id, order_id from order_id_map").fetchall()
    )
    assert m["erp:SO2602100001"] == m["platform:WX20260210000123"]
    assert con.execute(
        "select paid_amount, order_status from orders where erp_order_no = 'SO2602100002'"
    ).fetchone() == (Decimal("60.00"), "shipped")


def test_orders_csv_without_or_with_bad_mapping(con, tmp_path):
    with pytest.raises(IngestError, match="--mapping"):
        ingest_files(con, "orders-csv", [FIX / "erp_orders.csv"], progress=False)
    bad = tmp_path / "m.yml"
    bad.write_text("system: erp\nkey: erp_order_no\norders: {erp_order_no: a, colour: b}\n")
    with pytest.raises(IngestError, match="'colour' is not an orders column"):
        ingest_files(con, "orders-csv", [FIX / "erp_orders.csv"], mapping=bad, progress=False)


def test_unknown_format_and_missing_file(con, tmp_path):
    with pytest.raises(IngestError, match="unknown format"):
        ingest_files(con, "sap", [FIX / "erp_orders.csv"], progress=False)
    with pytest.raises(IngestError, match="no such file"):
        ingest_files(con, "jd", [tmp_path / "nope.csv"], progress=False)


def test_line_numbers_stay_exact_on_a_file_read_in_parallel(con, tmp_path):
    """57 MB: DuckDB reads it with several threads; reject lines must still be physical lines."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from bench_ingest import generate

    big = tmp_path / "big.csv"
    generate(big, 300_000)
    lines = big.read_bytes().split(b"\n")
    for n in (150_001, 299_987):  # 1-based physical lines holding 交易成功 / 交易关闭
        lines[n - 1] = lines[n - 1].replace(
            b",\xe4\xba\xa4\xe6\x98\x93", b",\xe6\x9c\xaa\xe7\x9f\xa5", 1
        )
    lines[200_000 - 1] = b'="1",broken'  # too few fields
    big.write_bytes(b"\n".join(lines))
    f = ingest_files(con, "taobao", [big], rejects_dir=tmp_path, progress=False).files[0]
    assert f.rows_rejected == 3 and f.rows_loaded == 299_997
    assert [r["line"] for r in f.rejects] == [150_001, 200_000, 299_987]
    # the row after the structural reject still carries its own order number
    assert con.execute(
        "select count(*) from orders where channel_order_no = '3900000000000199999'"
    ).fetchone() == (1,)
    # global ids are dense and in file order although rows were read in parallel and three
    # lines were refused (no id is spent on a reject)
    got = dict(
        con.execute(
            "select channel_order_no, order_id from orders where channel_order_no in "
            "('3900000000000000000', '3900000000000149998', '3900000000000150000', "
            "'3900000000000299999')"
        ).fetchall()
    )
    assert got == {
        "3900000000000000000": "OL000000001",
        "3900000000000149998": "OL000149999",
        "3900000000000150000": "OL000150000",
        "3900000000000299999": "OL000299997",
    }
    assert con.execute(
        "select count(distinct order_id), max(order_id) from order_id_map"
    ).fetchone() == (299_997, "OL000299997")
