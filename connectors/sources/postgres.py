"""PostgreSQL source: ERP tables or queries streamed into the warehouse by connection string.

DuckDB's ``postgres`` extension needs a download (no network here), so rows are pulled with
``psycopg`` through a *server-side* (named) cursor in batches of 50,000, each batch converted to
an Arrow table and appended to a DuckDB staging table — memory stays flat however big the
table. The session is ``READ ONLY``: ingest never writes to the ERP.

Columns then go through the same order pipeline as files: ``--mapping FILE.yml`` (the
``orders-csv`` mapping format, headers = result column names), or, without a mapping, result
columns named like canonical ``orders`` columns (``erp_order_no``, ``created_at``,
``paid_amount``...) and optionally ``sku``/``sku_name``/``qty``/``unit_price``/``line_amount`` for
one row per line. The key is ``erp_order_no`` when present (system ``erp``), else
``channel_order_no`` (system ``platform``).

Idempotency: the fingerprint is the SHA-256 of the query and every row streamed, so re-running
an unchanged source adds nothing, and a changed one only adds/updates what changed (anti-join on
the order keys). Passwords never reach ``ingest_log`` or messages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from connectors.errors import IngestError
from connectors.sources._orders import LINE_FIELDS, ORDER_TYPES, OrderMapping, load_orders_raw
from connectors.sources._tabular import RawTable, install_macros, new_rejects_table
from connectors.sources.base import LoadContext, LoadResult
from connectors.sources.mapping import load_mapping

if TYPE_CHECKING:  # psycopg is imported only where a PostgreSQL source is read
    from psycopg import sql as pgsql

BATCH = 50_000


def redact(conninfo: str) -> str:
    """The connection string without its password (for logs and messages).

    >>> redact("host=db user=erp password=s3cret dbname=sales")
    'user=erp dbname=sales host=db'
    >>> redact("postgresql://erp:s3cret@db:5432/sales")
    'user=erp dbname=sales host=db port=5432'
    """
    # psycopg (a hundred modules) loads only when a PostgreSQL source is read
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        params = conninfo_to_dict(conninfo)
    except Exception:  # psycopg.ProgrammingError on a malformed string
        return "<unparseable connection string>"
    params.pop("password", None)
    return make_conninfo("", **{k: v for k, v in params.items() if v is not None})


def _query(options: dict) -> tuple[pgsql.SQL | pgsql.Composed, str]:
    # psycopg loads only when a PostgreSQL source is read (see redact)
    from psycopg import sql

    if options.get("table"):
        parts = str(options["table"]).split(".")
        q = sql.SQL("SELECT * FROM {}").format(sql.Identifier(*parts))
        return q, f"table {options['table']}"
    if options.get("query"):
        return sql.SQL(options["query"]), str(options["query"])  # runs on the user's own server
    raise IngestError("postgres needs --query or --table")


def source_fingerprint(con: duckdb.DuckDBPyConnection, conninfo: str, ctx: LoadContext) -> str:
    """Stream the source into a staging table while hashing it; the hash is the fingerprint."""
    # psycopg loads only when a PostgreSQL source is read (see redact)
    import psycopg

    query, text = _query(ctx.options)
    table = f"{ctx.prefix}_raw"
    h = hashlib.sha256(text.encode())
    rows = 0
    try:
        with psycopg.connect(conninfo, connect_timeout=10) as pg:
            pg.read_only = True
            with pg.cursor(name="orderlens_ingest") as cur:
                cur.itersize = BATCH
                cur.execute(query)
                if cur.description is None:
                    raise IngestError(
                        f"postgres {text} returned no result set; give a SELECT (--query) or a --table"
                    )
                names = [d.name for d in cur.description]
                h.update("\x1e".join(names).encode())
                con.execute(
                    f"CREATE OR REPLACE TEMP TABLE {table} (_line BIGINT, "
                    + ", ".join(f'"{n.replace(chr(34), "")}" VARCHAR' for n in names)
                    + ")"
                )
                while batch := cur.fetchmany(BATCH):
                    cols = list(zip(*batch, strict=True))
                    text_cols = [[None if v is None else str(v) for v in c] for c in cols]
                    for r in zip(*text_cols, strict=True):
                        h.update("\x1f".join("\x00" if v is None else v for v in r).encode())
                    arrow = pa.table(
                        {
                            "_line": pa.array(range(rows + 1, rows + len(batch) + 1), pa.int64()),
                            **{f"c{i}": pa.array(c, pa.string()) for i, c in enumerate(text_cols)},
                        }
                    )
                    con.register(f"{table}_batch", arrow)
                    con.execute(f"INSERT INTO {table} SELECT * FROM {table}_batch")
                    con.unregister(f"{table}_batch")
                    rows += len(batch)
    except psycopg.Error as exc:
        raise IngestError(f"postgres {redact(conninfo)}: {str(exc).strip()}") from exc
    ctx.options["_raw"] = RawTable(table, names, rows, new_rejects_table(con, f"{table}_rej"))
    return h.hexdigest()


def identity_mapping(columns: list[str]) -> OrderMapping:
    """Mapping for a result whose columns already carry canonical names."""
    key = "erp_order_no" if "erp_order_no" in columns else "channel_order_no"
    if key not in columns:
        raise IngestError(
            "postgres result needs an erp_order_no or channel_order_no column (alias your "
            f"query's columns to canonical names) or a --mapping file; got {', '.join(columns)}"
        )
    lines = {c: c for c in LINE_FIELDS if c in columns} if "sku" in columns else {}
    return OrderMapping(
        name="postgres",
        system="erp" if key == "erp_order_no" else "platform",
        key=key,
        orders={c: c for c in columns if c in ORDER_TYPES and c != "order_id"},
        customer_column="customer_name" if "customer_name" in columns else None,
        address_column="address" if "address" in columns else None,
        lines=lines,
    )


def load(con: duckdb.DuckDBPyConnection, conninfo: str | Path, ctx: LoadContext) -> LoadResult:
    """Load the rows staged by :func:`source_fingerprint` through the mapping."""
    install_macros(con)
    raw: RawTable = ctx.options["_raw"]
    if ctx.mapping is not None:
        m = ctx.mapping if isinstance(ctx.mapping, OrderMapping) else load_mapping(ctx.mapping)
        missing = [h for h in m.source_headers if h not in raw.columns]
        if missing:
            raise IngestError(
                f"postgres result lacks column(s) {', '.join(missing)} the mapping "
                f"needs; it has {', '.join(raw.columns)}"
            )
    else:
        m = identity_mapping(raw.columns)
    return load_orders_raw(con, raw, ctx, m)
