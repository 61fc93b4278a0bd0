"""Seeded warehouse for appspace/kwwhat (EV charging reliability from OCPP 1.6 logs).

Why generated at the mart grain: the project derives its marts from raw OCPP message logs
through some twenty intermediate models; what its semantic models read are eight marts
(``dim_chargers``, ``dim_ports``, ``dim_connectors``, ``dim_drivers``, ``dim_locations``,
``fact_charge_attempts``, ``fact_visits``, ``fact_uptime``), drawn here with a fixed seed and
the columns and rules the owner's marts.yml documents: an attempt is successful when it has a
transaction, does not end Faulted, stops for Local / Remote / EVDisconnected and moved more
than 0.1 kWh; a visit groups one to three attempts of one driver at one location and takes
the success of its last attempt; surrogate keys are md5 of the natural keys.

One deviation, outside the semantic YAML: the owner's ``dim_ports`` and ``dim_connectors``
select no ``location_id`` while their semantic models read it, so both carry the charger's
location here.

Both sides of every filter: visits from 2025-10-01 to 2025-11-15 (today 2025-11-16) at four
locations; first-attempt successes, troubled successes (several attempts) and failures;
known drivers and the UNKNOWN sentinel; commissioned and decommissioned chargers; days of full
and partial uptime.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import duckdb

SEED = 1016
LOCATIONS = ["harbor-st", "airport-p3", "mall-west", "depot-north"]
CHARGERS = [  # charger id, location, ports, decommissioned
    ("CP-101", "harbor-st", 2, None),
    ("CP-102", "harbor-st", 2, None),
    ("CP-103", "harbor-st", 1, "2025-11-10 00:00:00"),
    ("CP-201", "airport-p3", 2, None),
    ("CP-202", "airport-p3", 2, None),
    ("CP-203", "airport-p3", 2, None),
    ("CP-301", "mall-west", 1, None),
    ("CP-302", "mall-west", 2, "2025-11-01 00:00:00"),
    ("CP-401", "depot-north", 2, None),
    ("CP-402", "depot-north", 1, None),
]
CONNECTOR_TYPES = ["CCS", "CHAdeMO", "Type2", "NACS"]
START = dt.datetime(2025, 10, 1)
DAYS = 46  # to 2025-11-15


def _key(*parts: object) -> str:
    """dbt_utils.generate_surrogate_key: md5 of the parts joined by '-'."""
    return hashlib.md5("-".join(str(p) for p in parts).encode()).hexdigest()


def _hardware(con: duckdb.DuckDBPyConnection, rng: random.Random) -> list[tuple]:
    con.execute("CREATE TABLE dim_locations (location_key VARCHAR, location_id VARCHAR)")
    con.executemany(
        "INSERT INTO dim_locations VALUES (?, ?)", [(_key(loc), loc) for loc in LOCATIONS]
    )
    con.execute(
        "CREATE TABLE dim_chargers (charger_key VARCHAR, charger_id VARCHAR, location_id "
        "VARCHAR, commissioned_ts TIMESTAMP, decommissioned_ts TIMESTAMP, is_commissioned "
        "BOOLEAN, port_count INTEGER)"
    )
    con.executemany(
        "INSERT INTO dim_chargers VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (_key(c), c, loc, "2024-03-01 00:00:00", off, off is None, n)
            for c, loc, n, off in CHARGERS
        ],
    )
    ports = [(c, p, loc, off) for c, loc, n, off in CHARGERS for p in range(1, n + 1)]
    con.execute(
        "CREATE TABLE dim_ports (port_key VARCHAR, charger_id VARCHAR, port_id INTEGER, "
        "connector_count INTEGER, location_id VARCHAR)"
    )
    con.execute(
        "CREATE TABLE dim_connectors (connector_key VARCHAR, charger_id VARCHAR, port_id INTEGER, "
        "connector_id INTEGER, connector_type VARCHAR, latest_status VARCHAR, latest_error_code "
        "VARCHAR, latest_status_ts TIMESTAMP, location_id VARCHAR)"
    )
    for c, p, loc, _ in ports:
        n = 2 if p == 1 else 1
        con.execute("INSERT INTO dim_ports VALUES (?, ?, ?, ?, ?)", [_key(c, p), c, p, n, loc])
        for k in range(1, n + 1):
            status = rng.choice(["Available", "Available", "Charging", "Faulted", "Unavailable"])
            con.execute(
                "INSERT INTO dim_connectors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    _key(c, p, k),
                    c,
                    p,
                    k,
                    rng.choice(CONNECTOR_TYPES),
                    status,
                    "GroundFailure" if status == "Faulted" else "NoError",
                    "2025-11-15 22:00:00",
                    loc,
                ],
            )
    return ports


def _attempt(
    rng: random.Random, port: tuple, when: dt.datetime, tag: str | None, succeed: bool
) -> dict:
    charger, port_id, loc, _ = port
    has_tx = succeed or rng.random() < 0.5
    reason: str | None
    kwh: float | None
    if succeed:
        nxt, reason, kwh = (
            "Charging",
            rng.choice(["Local", "Remote", "EVDisconnected"]),
            round(rng.uniform(4, 60), 3),
        )
    else:
        nxt = rng.choice(["Faulted", "Available", "Charging"])
        reason = rng.choice(["PowerLoss", "EmergencyStop", "Other", "Local"]) if has_tx else None
        kwh = round(rng.uniform(0, 0.1), 3) if has_tx else None
        if nxt != "Faulted" and reason in ("Local",) and kwh is not None:
            kwh = 0.05  # a Local stop is a failure only when almost nothing was delivered
    minutes = rng.randrange(20, 90) if succeed else rng.randrange(1, 8)
    stop = when + dt.timedelta(minutes=minutes)
    ok = (
        has_tx
        and nxt != "Faulted"
        and reason in ("Local", "Remote", "EVDisconnected")
        and kwh is not None
        and kwh > 0.1
    )
    return {
        "id": _key(charger, 1, when),
        "port_key": _key(charger, port_id),
        "location_key": _key(loc),
        "charger_id": charger,
        "connector_id": 1,
        "start": when,
        "stop": stop,
        "status": "Preparing",
        "next_status": nxt,
        "id_tag": tag,
        "transaction_id": rng.randrange(10**6, 10**7) if has_tx else None,
        "stop_reason": reason,
        "kwh": kwh,
        "ok": ok,
        "port": port,
    }


def _activity(con: duckdb.DuckDBPyConnection, rng: random.Random, ports: list[tuple]) -> None:
    tags = [f"RFID{n:04d}" for n in range(1, 41)]
    attempts, visits = [], []
    for _ in range(700):
        port = rng.choice(ports)
        if port[3] and rng.random() < 0.5:
            port = ports[0]
        tag = rng.choice(tags) if rng.random() < 0.85 else None
        when = START + dt.timedelta(days=rng.randrange(0, DAYS), minutes=rng.randrange(0, 1380))
        plan = rng.choices(["first", "troubled", "failed"], weights=[62, 20, 18])[0]
        tries = 1 if plan == "first" else rng.choice([2, 2, 3])
        if plan == "failed":
            tries = rng.choice([1, 1, 2, 3])
        group = []
        for t in range(tries):
            last = t == tries - 1
            group.append(_attempt(rng, port, when, tag, succeed=last and plan != "failed"))
            when = group[-1]["stop"] + dt.timedelta(minutes=rng.randrange(1, 4))
        attempts += group
        first, end = group[0], group[-1]
        loc = port[2]
        energy = sum(a["kwh"] or 0 for a in group)
        visits.append(
            (
                _key(loc, first["charger_id"], first["start"]),
                _key(loc),
                loc,
                tag,
                _key(tag or "UNKNOWN"),
                first["start"],
                end["stop"],
                tries,
                first["id"],
                end["id"],
                first["port_key"],
                end["port_key"],
                port[1],
                port[1],
                round(energy, 3),
                (end["stop"] - first["start"]).total_seconds() / 60,
                first["charger_id"],
                end["charger_id"],
                end["ok"],
            )
        )
    con.execute(
        "CREATE TABLE fact_charge_attempts (charge_attempt_id VARCHAR, port_key VARCHAR, "
        "location_key VARCHAR, charger_id VARCHAR, connector_id INTEGER, charge_attempt_start_ts "
        "TIMESTAMP, charge_attempt_stop_ts TIMESTAMP, previous_status VARCHAR, status VARCHAR, "
        "next_status VARCHAR, id_tag VARCHAR, transaction_id BIGINT, transaction_stop_reason "
        "VARCHAR, energy_transferred_kwh DOUBLE, is_successful BOOLEAN)"
    )
    con.executemany(
        "INSERT INTO fact_charge_attempts VALUES (" + ", ".join(["?"] * 15) + ")",
        [
            (
                a["id"],
                a["port_key"],
                a["location_key"],
                a["charger_id"],
                a["connector_id"],
                a["start"],
                a["stop"],
                "Available",
                a["status"],
                a["next_status"],
                a["id_tag"],
                a["transaction_id"],
                a["stop_reason"],
                a["kwh"],
                a["ok"],
            )
            for a in attempts
        ],
    )
    con.execute(
        "CREATE TABLE fact_visits (visit_id VARCHAR, location_key VARCHAR, location_id VARCHAR, "
        "id_tag VARCHAR, driver_key VARCHAR, visit_start_ts TIMESTAMP, visit_end_ts TIMESTAMP, "
        "charge_attempt_count INTEGER, first_charge_attempt_id VARCHAR, last_charge_attempt_id "
        "VARCHAR, first_port_key VARCHAR, last_port_key VARCHAR, first_port_id INTEGER, "
        "last_port_id INTEGER, total_energy_transferred_kwh DOUBLE, visit_duration_minutes "
        "DOUBLE, first_charger_id VARCHAR, last_charger_id VARCHAR, is_successful BOOLEAN)"
    )
    con.executemany("INSERT INTO fact_visits VALUES (" + ", ".join(["?"] * 19) + ")", visits)
    con.execute(
        "CREATE TABLE dim_drivers AS SELECT md5(coalesce(id_tag, 'UNKNOWN')) AS driver_key, "
        "coalesce(id_tag, 'UNKNOWN') AS id_tag, id_tag IS NOT NULL AS is_known_driver, "
        "min(charge_attempt_start_ts) AS first_seen_ts, max(charge_attempt_start_ts) AS "
        "last_seen_ts, CASE WHEN id_tag IS NULL THEN NULL WHEN right(id_tag, 1) = '7' THEN "
        "'Blocked' ELSE 'Accepted' END AS first_authorization_status, CASE WHEN id_tag IS NULL "
        "THEN NULL WHEN right(id_tag, 1) IN ('7', '3') THEN 'Blocked' ELSE 'Accepted' END AS "
        "latest_authorization_status FROM fact_charge_attempts GROUP BY coalesce(id_tag, "
        "'UNKNOWN'), id_tag"
    )


def _uptime(con: duckdb.DuckDBPyConnection, rng: random.Random, ports: list[tuple]) -> None:
    rows = []
    for charger, port_id, loc, off in ports:
        for d in range(DAYS):
            day = (START + dt.timedelta(days=d)).date()
            if off and day >= dt.date.fromisoformat(off[:10]):
                continue  # not commissioned: no uptime row
            down = rng.choice([0] * 8 + [30, 90, 240, 720, 1440])
            rows.append(
                (
                    _key(charger, port_id, day),
                    charger,
                    _key(charger, port_id),
                    _key(loc),
                    port_id,
                    day,
                    (1440 - down) / 1440,
                )
            )
    con.execute(
        "CREATE TABLE fact_uptime (uptime_id VARCHAR, charger_id VARCHAR, port_key "
        "VARCHAR, location_key VARCHAR, port_id INTEGER, date_id DATE, uptime DOUBLE)"
    )
    con.executemany("INSERT INTO fact_uptime VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the eight marts the project's semantic models read (target schema ``main``)."""
    rng = random.Random(SEED)
    ports = _hardware(con, rng)
    _activity(con, rng, ports)
    _uptime(con, rng, ports)
