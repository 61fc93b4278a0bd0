"""Ingest from a REAL PostgreSQL server started for the session on 127.0.0.1.

The fixture installs Debian's ``postgresql`` package when ``initdb`` is missing (we run as root
in CI containers), runs the server as the ``postgres`` system user in a temp dir on a free port
with its socket in that dir, and stops it afterwards.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from connectors.ingest import ingest_files
from connectors.warehouse import ensure_schema

pytestmark = pytest.mark.slow


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _install_postgres() -> str | None:
    """Install Debian's postgresql; returns why it failed, or None."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return "not root or no apt-get: cannot install the postgresql package"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "postgresql"]):
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
        if r.returncode != 0:
            return f"{' '.join(cmd)} failed: {r.stderr[-500:]}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*args: str) -> subprocess.CompletedProcess:
    runner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*runner, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def pg_server():
    bindir = _pg_bin()
    if bindir is None:
        why = _install_postgres()
        bindir = _pg_bin()
        if bindir is None:
            pytest.skip(f"PostgreSQL unavailable: {why}")
    if os.geteuid() == 0:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "postgres"],
            capture_output=True,
            check=False,
        )
    root = Path(tempfile.mkdtemp(prefix="orderlens-pg-"))  # not under a 0700 pytest dir
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = _free_port()
    r = _as_postgres(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--locale=C",
    )
    assert r.returncode == 0, r.stderr
    r = _as_postgres(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(root / "pg.log"),
        "-w",
        "-o",
        f"-p {port} -k {sock} -h 127.0.0.1",
        "start",
    )
    assert r.returncode == 0, r.stderr + (root / "pg.log").read_text()
    try:
        yield f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
    finally:
        _as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture()
def erp(pg_server):
    import psycopg

    with psycopg.connect(pg_server, autocommit=True) as pg:
        pg.execute("DROP SCHEMA IF EXISTS erp CASCADE")
        pg.execute("CREATE SCHEMA erp")
        pg.execute("""CREATE TABLE erp.sales_orders (
            order_no text PRIMARY KEY, platform_no text, created timestamp, customer text,
            goods numeric(14,2), freight numeric(14,2), discount numeric(14,2), status text)""")
        pg.execute("""CREATE TABLE erp.sales_lines (
            order_no text REFERENCES erp.sales_orders, line int, sku text, qty int,
            price numeric(14,2))""")
        pg.execute("""INSERT INTO erp.sales_orders VALUES
            ('SO2602100001', 'JD20260210001', '2026-02-10 08:00', '北京某某诊所', 358, 0, 5, 'shipped'),
            ('SO2602100002', NULL, '2026-02-10 09:30', '上海某某贸易有限公司', 1000, 20, 0, 'awaiting_shipment'),
            ('SO2602110003', 'WX20260211000001', '2026-02-11 10:00', '刘备', 66, 0, 6, 'completed')""")
        pg.execute("""INSERT INTO erp.sales_lines VALUES
            ('SO2602100001', 1, 'SKU-0001', 2, 129), ('SO2602100001', 2, 'SKU-0002', 4, 25),
            ('SO2602100002', 1, 'SKU-0003', 10, 100), ('SO2602110003', 1, 'SKU-0001', 1, 66)""")
    return pg_server


QUERY = """SELECT o.order_no AS erp_order_no, o.platform_no AS channel_order_no,
       o.created AS created_at, o.customer AS customer_name, o.goods AS goods_amount,
       o.freight AS shipping_fee, o.discount AS discount_amount, o.status AS order_status,
       l.sku, l.qty, l.price AS unit_price
FROM erp.sales_orders o JOIN erp.sales_lines l USING (order_no) ORDER BY o.order_no, l.line"""


def test_ingest_query_with_canonical_names_is_idempotent(erp, tmp_path):
    from lab.cli import cli

    db = tmp_path / "w.duckdb"
    conninfo = erp + " password=not-logged"
    runner = CliRunner()
    args = [
        "ingest",
        "postgres",
        conninfo,
        "--query",
        QUERY,
        "--db",
        str(db),
        "--rejects",
        str(tmp_path / "rej"),
    ]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert "orders +3 new" in res.output and "order_lines +4" in res.output
    assert "not-logged" not in res.output
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "select erp_order_no, channel_order_no, goods_amount, shipping_fee, discount_amount, "
        "paid_amount, order_status, created_at::varchar from orders order by erp_order_no"
    ).fetchall()
    assert rows[0] == (
        "SO2602100001",
        "JD20260210001",
        Decimal("358.00"),
        Decimal("0.00"),
        Decimal("5.00"),
        Decimal("353.00"),
        "shipped",
        "2026-02-10 08:00:00",
    )
    assert rows[1][5] == Decimal("1020.00")
    assert con.execute("select count(*) from order_lines").fetchone() == (4,)
    assert con.execute("select count(*) from order_id_map").fetchone() == (5,)  # 3 erp + 2 platform
    assert "not-logged" not in con.execute("select path from ingest_log").fetchone()[0]
    con.close()
    res = runner.invoke(cli, args)  # unchanged source: nothing added
    assert res.exit_code == 0 and "skipped: already ingested" in res.output

    import psycopg

    with psycopg.connect(erp, autocommit=True) as pg:  # the ERP moves on
        pg.execute(
            "INSERT INTO erp.sales_orders VALUES ('SO2602120004', NULL, '2026-02-12 11:00', "
            "'关羽', 45, 0, 0, 'awaiting_shipment')"
        )
        pg.execute("INSERT INTO erp.sales_lines VALUES ('SO2602120004', 1, 'SKU-0002', 1, 45)")
        pg.execute(
            "UPDATE erp.sales_orders SET status = 'delivered' WHERE order_no = 'SO2602100001'"
        )
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert "orders +1 new, 1 updated, 3 already present" in res.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from orders").fetchone() == (4,)
    assert con.execute(
        "select order_status from orders where erp_order_no = 'SO2602100001'"
    ).fetchone() == ("delivered",)
    con.close()


def test_ingest_table_with_mapping_and_bad_rows(erp, tmp_path):
    import psycopg

    with psycopg.connect(erp, autocommit=True) as pg:
        pg.execute(
            "INSERT INTO erp.sales_orders VALUES ('SO2602130005', NULL, NULL, 'x', 1, 0, 0, "
            "'shipped'), ('SO2602130006', NULL, '2026-02-13', 'y', 1, 0, 0, 'lost')"
        )
    mapping = tmp_path / "m.yml"
    mapping.write_text(
        """system: erp
key: erp_order_no
orders: {erp_order_no: order_no, channel_order_no: platform_no, created_at: created,
         goods_amount: goods, shipping_fee: freight, discount_amount: discount}
status:
  column: status
  map: {shipped: [shipped, paid], awaiting_shipment: [awaiting_shipment, paid],
        completed: [completed, paid]}
customer: customer
""",
        encoding="utf-8",
    )
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    rep = ingest_files(
        con,
        "postgres",
        [erp],
        mapping=mapping,
        rejects_dir=tmp_path,
        progress=False,
        options={"table": "erp.sales_orders"},
    )
    f = rep.files[0]
    assert (f.rows_read, f.rows_loaded, f.rows_rejected) == (5, 3, 2)
    assert sorted(r["reason"].split(" (")[0] for r in f.rejects) == [
        "missing created",
        "unknown status value",
    ]
    assert con.execute("select count(*) from customers").fetchone() == (3,)


def test_unreachable_server_fails_cleanly(tmp_path):
    from connectors.errors import IngestError

    con = duckdb.connect(":memory:")
    ensure_schema(con)
    with pytest.raises(IngestError, match=r"postgres dbname=x host=127\.0\.0\.1 port=1:") as err:
        ingest_files(
            con,
            "postgres",
            ["host=127.0.0.1 port=1 dbname=x password=s3cret"],
            progress=False,
            options={"table": "t"},
        )
    assert "s3cret" not in str(err.value)
    assert con.execute("select count(*) from ingest_log").fetchone() == (0,)
