"""Courier tracking events: push payloads as JSON lines, or CSV exports of the same fields.

Each event is mapped to a canonical ``status_code`` through per-carrier code tables
(``CARRIER_CODES``; SF route opCodes, ZTO/YTO scan types, JD Logistics states), then through
the generic table ``COMMON_CODES`` (canonical names, Chinese status words, API error codes).
A code neither table knows is a reject naming the carrier — a new courier status must be
mapped on purpose, never ignored (the article's "courier failures silently ignored").

Field mapping (JSON keys or CSV headers; first present wins) → ``tracking_events``:

=============  ===========================================  =============================
canonical      keys / headers                               note
=============  ===========================================  =============================
event_id       event_id, id, 事件ID                          else hash of the event
carrier        carrier, 快递公司, 承运商                       required (``SF``, ``ZTO``...)
tracking_no    tracking_no, mailno, 运单号, 快递单号            required
event_time     event_time, time, accept_time, 时间, 操作时间   required
status_code    code, status, opcode, 状态码                   mapped, required
status_text    text, desc, remark, 状态描述                   else the canonical Chinese word
location       location, city, 地点                          optional
shipment_id    —                                            looked up by tracking_no
is_api_error   —                                            status API_TIMEOUT / INVALID_NUMBER
=============  ===========================================  =============================
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from connectors.errors import IngestError
from connectors.rows import one_row
from connectors.sources._bank import stage_python_rows
from connectors.sources._files import as_utf8_csv
from connectors.sources._tabular import Field, install_macros, read_csv_raw, typed_rows
from connectors.sources._text import detect_encoding, iter_lines
from connectors.sources.base import LoadContext, LoadResult, insert_new

CANONICAL = {
    "PICKED_UP": "揽收", "IN_TRANSIT": "运输中", "OUT_FOR_DELIVERY": "派件", "DELIVERED": "签收",
    "EXCEPTION": "异常", "RETURNED": "退回", "PICKUP_FAILED": "揽收失败",
    "API_TIMEOUT": "接口超时", "INVALID_NUMBER": "单号无效",
}  # fmt: skip
API_ERRORS = ("API_TIMEOUT", "INVALID_NUMBER")

COMMON_CODES: dict[str, str] = {
    **{c: c for c in CANONICAL},
    **{v: k for k, v in CANONICAL.items()},
    "已揽收": "PICKED_UP", "揽件": "PICKED_UP", "在途": "IN_TRANSIT", "到达": "IN_TRANSIT",
    "发出": "IN_TRANSIT", "派送中": "OUT_FOR_DELIVERY", "已签收": "DELIVERED", "疑难": "EXCEPTION",
    "退件": "RETURNED", "TIMEOUT": "API_TIMEOUT", "ERR_TIMEOUT": "API_TIMEOUT",
    "NO_SUCH_NUMBER": "INVALID_NUMBER", "INVALID": "INVALID_NUMBER", "PICKUP_FAIL": "PICKUP_FAILED",
}  # fmt: skip

CARRIER_CODES: dict[str, dict[str, str]] = {
    # SF Express route push opCode
    "SF": {"50": "PICKED_UP", "51": "PICKED_UP", "30": "IN_TRANSIT", "31": "IN_TRANSIT",
           "36": "IN_TRANSIT", "130": "IN_TRANSIT", "44": "OUT_FOR_DELIVERY",
           "204": "OUT_FOR_DELIVERY", "80": "DELIVERED", "8000": "DELIVERED", "33": "EXCEPTION",
           "70": "EXCEPTION", "99": "RETURNED", "648": "RETURNED", "54": "PICKUP_FAILED"},
    # ZTO / YTO scan types
    "ZTO": {"GOT": "PICKED_UP", "DEPARTURE": "IN_TRANSIT", "ARRIVAL": "IN_TRANSIT",
            "DISPATCH": "OUT_FOR_DELIVERY", "SIGNED": "DELIVERED", "PROBLEM": "EXCEPTION",
            "RETURN_SCAN": "RETURNED", "RETURN_SIGNED": "RETURNED"},
    "YTO": {"GOT": "PICKED_UP", "ACCEPT": "PICKED_UP", "TRANSIT": "IN_TRANSIT",
            "DELIVERING": "OUT_FOR_DELIVERY", "SIGNED": "DELIVERED", "FAILED": "EXCEPTION",
            "RETURN": "RETURNED"},
    # JD Logistics states
    "JDL": {"PICKUP": "PICKED_UP", "SORTING": "IN_TRANSIT", "TRANSPORT": "IN_TRANSIT",
            "DELIVERY": "OUT_FOR_DELIVERY", "FINISHED": "DELIVERED", "REJECTED": "RETURNED",
            "ABNORMAL": "EXCEPTION"},
}  # fmt: skip

KEYS: dict[str, tuple[str, ...]] = {
    "event_id": ("event_id", "id", "事件ID"),
    "carrier": ("carrier", "快递公司", "承运商"),
    "tracking_no": ("tracking_no", "mailno", "运单号", "快递单号"),
    "event_time": ("event_time", "time", "accept_time", "时间", "操作时间"),
    "code": ("code", "status", "opcode", "状态码"),
    "status_text": ("text", "desc", "remark", "状态描述"),
    "location": ("location", "city", "地点"),
}
REQUIRED = ("carrier", "tracking_no", "event_time", "code")


def _jsonl_rows(path: Path) -> list[dict]:
    rows: list[dict] = []
    for lineno, line in iter_lines(path, detect_encoding(path)):
        text = line.strip().lstrip("\ufeff")
        if not text:
            continue
        try:
            obj = json.loads(text)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            rows.append({"_line": lineno, "_bad": f"invalid JSON ({exc})", "_rawtext": text})
            continue
        row: dict = {"_line": lineno}
        for canon, names in KEYS.items():
            row[canon] = next((obj[n] for n in names if obj.get(n) not in (None, "")), None)
        rows.append(row)
    return rows


def _code_table(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} (carrier VARCHAR, code VARCHAR, canon VARCHAR)"
    )
    rows = [("*", k.upper(), v) for k, v in COMMON_CODES.items()]
    rows += [(c, k.upper(), v) for c, codes in CARRIER_CODES.items() for k, v in codes.items()]
    con.executemany(f"INSERT INTO {name} VALUES (?, ?, ?)", rows)


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one JSON-lines or CSV tracking file into ``tracking_events``."""
    install_macros(con)
    p = ctx.prefix
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows = _jsonl_rows(path)
        bad = [r for r in rows if "_bad" in r]
        raw = stage_python_rows(con, [r for r in rows if "_bad" not in r], list(KEYS), f"{p}_raw")
        if bad:
            con.executemany(
                f"INSERT INTO {raw.rejects} VALUES (?, ?, ?)",
                [(r["_line"], r["_bad"], r["_rawtext"]) for r in bad],
            )
            raw.rows += len(bad)
        src = {k: k for k in KEYS}
    else:
        raw = read_csv_raw(con, as_utf8_csv(path, ctx.tmp_dir), f"{p}_raw", shown=path)
        src = {}
        for canon, names in KEYS.items():
            hit = next((n for n in names if n in raw.columns), None)
            if hit:
                src[canon] = hit
        missing = [k for k in REQUIRED if k not in src]
        if missing:
            raise IngestError(
                f"{path}: tracking CSV lacks {', '.join(missing)} (headers tried: "
                f"{'; '.join('/'.join(KEYS[m]) for m in missing)}); found {', '.join(raw.columns)}"
            )
    fields = [
        Field(
            "_" + k if k == "code" else k,
            h,
            "timestamp" if k == "event_time" else "text",
            required=k in REQUIRED,
        )
        for k, h in src.items()
    ]
    _code_table(con, f"{p}_codes")
    has = {f.target for f in fields}
    typed = f"{p}_typed"
    typed_rows(
        con,
        raw,
        fields,
        typed,
        checks=[
            (
                f"""NOT EXISTS (SELECT 1 FROM {p}_codes m WHERE m.code = upper(_code)
                        AND m.carrier IN (upper(carrier), '*'))""",
                "unknown status code for this carrier (add it to CARRIER_CODES or map it to a canonical code)",
            )
        ],
    )
    canon = (
        f"coalesce((SELECT canon FROM {p}_codes m WHERE m.carrier = upper(t.carrier) AND "
        f"m.code = upper(t._code)), (SELECT canon FROM {p}_codes m WHERE m.carrier = '*' AND "
        "m.code = upper(t._code)))"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {p}_ev AS SELECT t.*, {canon} AS status_code FROM {typed} t"
    )
    words = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in CANONICAL.items())
    event_id = ("coalesce(event_id, " if "event_id" in has else "(") + (
        "'EV-' || substr(sha256(concat_ws('|', upper(carrier), tracking_no, event_time, "
        "status_code)), 1, 16))"
    )
    res = LoadResult("tracking_events", rows_read=raw.rows, rejects=raw.rejects)
    n = one_row(con.execute(f"SELECT count(*) FROM {p}_ev"))[0]
    res.rows_loaded = insert_new(
        con,
        "tracking_events",
        f"""SELECT {event_id} AS event_id,
                   (SELECT min(s.shipment_id) FROM shipments s WHERE s.tracking_no = e.tracking_no)
                       AS shipment_id,
                   upper(carrier) AS carrier, tracking_no, event_time, status_code,
                   {"coalesce(status_text, " if "status_text" in has else "("}
                       CASE status_code {words} END) AS status_text,
                   {"location" if "location" in has else "NULL"} AS location,
                   status_code IN ('API_TIMEOUT', 'INVALID_NUMBER') AS is_api_error
            FROM {p}_ev e""",
        ("event_id",),
    )
    res.rows_duplicate = n - res.rows_loaded
    return res
