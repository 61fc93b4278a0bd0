"""Load test of the Ask API: 20 concurrent clients against a real server, answer cache off.

Starts ``orderlens serve`` on 127.0.0.1 (token auth) over the 20,000-order demo warehouse
``bench/out/demo-20k.duckdb`` (the demo's defaults, end 2026-11-20; built when missing), with
the answer cache off so that every request runs the question engine and its SQL (and the
per-user cap off: every client shares the server token and 127.0.0.1), warms it up, then lets
N client threads POST questions to ``/orderlens/api/ask`` in a loop for a bounded
time. Prints throughput, p50/p95/p99 latency and errors, and the CPU the server spent per
answered request (its process and its children, e.g. the chart renderer, from ``/proc``).

Why CPU per request next to req/s: the machine this runs on is shared, so throughput and
latency move with whatever else runs; the CPU seconds a request costs barely do. A change is
judged by its CPU-ms per request (the work the server does), its throughput by req/s. The
same is printed for the DuckDB baseline (CPU-ms per query of this process, all its threads),
and ``cpu ratio`` = DuckDB CPU per query / server CPU per request: the throughput ratio the
server would reach on an otherwise idle machine if CPU were the only limit.

The baseline, measured in the same run: DuckDB running the SQL of the same questions serially
on one read-only connection for the same time. Its queries per second are the limit of this
machine for that work; the server's throughput is reported as a ratio to it. Target: zero
errors, p95 < 1 s and throughput ratio >= 0.8.

    .venv/bin/python bench/load_ask.py [--clients 20] [--duration 30] [--db FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import tempfile
import threading
import time
from pathlib import Path

from warehouse_1m import orders_in

from lab.server.launch import ServerStartError, start_server

DEMO_DB = Path(__file__).resolve().parent / "out" / "demo-20k.duckdb"
DEMO_ORDERS = 20_000

TODAY = "2026-11-20"
QUESTIONS = (
    "各渠道的GMV",
    "按月的订单数",
    "最近30天各品类的退货率",
    "revenue by channel last month",
    "top 5 SKUs by units sold this year",
    "on-time delivery rate by carrier",
    "各快递公司的准时送达率",
    "average order value by channel",
)
MAX_REQUESTS = 100_000  # hard bound besides the duration


def request(
    port: int,
    token: str,
    method: str,
    path: str,
    body: dict | None,
    conn: http.client.HTTPConnection | None = None,
) -> tuple[int, bytes]:
    """One HTTP request with Jupyter token auth (keep-alive when ``conn`` is given)."""
    own = conn is None
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"token {token}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        c.request(method, path, body=data, headers=headers)
        resp = c.getresponse()
        return resp.status, resp.read()
    finally:
        if own:
            c.close()


def process_tree_cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) of ``pid`` and its live descendants; None without /proc.

    Why descendants: the server renders charts in a child process, and that work is part of
    what a request costs. Children that already exited are counted through their parent's
    ``cutime``/``cstime`` once waited for.
    """
    proc = Path("/proc")
    if not (proc / str(pid) / "stat").exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # exited while we looked
            continue
        # the command name may hold spaces and parentheses: fields start after the last ")"
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
        utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
        cpu[int(entry.name)] = (utime + stime + cutime + cstime) / tick
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(cpu.get(p, 0.0) for p in tree)


def load_average() -> str:
    """The 1/5/15-minute load averages, printed with every timing (the machine is shared)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def run_load(port: int, token: str, clients: int, duration_s: float) -> dict:
    """N threads asking in a loop until the deadline; latencies in ms and error samples."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + duration_s
    counter = iter(range(MAX_REQUESTS))

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        n = i
        while time.monotonic() < stop_at:
            try:
                next(counter)
            except StopIteration:
                break
            question = QUESTIONS[n % len(QUESTIONS)]
            n += 1
            started = time.perf_counter()
            try:
                status, body = request(
                    port, token, "POST", "/orderlens/api/ask", {"question": question}, conn
                )
                ok = status == 200
                why = f"{status} {body[:120]!r}"
            except (OSError, http.client.HTTPException) as exc:
                ok, why = False, f"{type(exc).__name__}: {exc}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(f"{question}: {why}")
        conn.close()

    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"latencies": latencies, "errors": errors, "wall_s": time.monotonic() - began}


def ensure_demo_warehouse(path: Path = DEMO_DB) -> Path:
    """The 20,000-order demo warehouse at ``path`` (built with the demo's defaults if missing)."""
    if orders_in(path) != DEMO_ORDERS:
        from connectors.demo.generate import build_demo_warehouse

        print(f"building {path} ({DEMO_ORDERS:,} orders)...", flush=True)
        build_demo_warehouse(path, orders=DEMO_ORDERS, end_date=TODAY, progress=False)
    return path


def duckdb_serial(db: Path, duration_s: float) -> dict:
    """The questions' own SQL run by DuckDB one after another: queries per second.

    The SQL is what the engine generates for each question (asked once, in-process); running
    it serially on one read-only connection is the work the server must do per request minus
    everything of its own (HTTP, the engine, JSON, charts).
    """
    from connectors.warehouse import connect
    from nl2sql import ask

    sqls = []
    for q in QUESTIONS:
        answer = ask(q, db=str(db), today=TODAY, chart=False)
        if not answer.sql:
            raise SystemExit(f"baseline question {q!r} has no SQL: {answer.error}")
        sqls.append(answer.sql)
    con = connect(db, read_only=True)
    try:
        for sql in sqls:  # warm-up pass
            con.execute(sql).fetchall()
        done, stop_at, began = 0, time.monotonic() + duration_s, time.monotonic()
        cpu0 = time.process_time()  # every thread of this process: DuckDB's workers too
        while time.monotonic() < stop_at and done < MAX_REQUESTS:
            con.execute(sqls[done % len(sqls)]).fetchall()
            done += 1
        wall, cpu = time.monotonic() - began, time.process_time() - cpu0
    finally:
        con.close()
    return {"queries": done, "wall_s": wall, "qps": done / wall, "cpu_ms": cpu * 1000 / done}


def load_phase(db: Path, clients: int, duration: float) -> dict:
    """Start a server with the answer cache off, warm it up, load it, stop it."""
    with tempfile.TemporaryDirectory(prefix="orderlens-load-") as tmp:
        try:
            server = start_server(
                "serve",
                [
                    "--ip",
                    "127.0.0.1",
                    "--db",
                    str(db),
                    "--today",
                    TODAY,
                    "--OrderLensApp.answer_cache_size=0",
                    # all clients share one token and one address: the per-user cap (2 at
                    # once) would refuse 18 of 20; this measures throughput, not fairness
                    "--OrderLensApp.max_concurrent_per_user=0",
                ],
                Path(tmp),
            )
        except ServerStartError as exc:
            raise SystemExit(str(exc)) from exc
        port, token = server.port, server.token
        try:
            for q in QUESTIONS:  # warm-up: model, catalog, chart renderer
                status, body = request(port, token, "POST", "/orderlens/api/ask", {"question": q})
                if status != 200:
                    raise SystemExit(f"warm-up question {q!r} failed: {status} {body[:300]!r}")
            pid = server.proc.pid
            print(f"server pid    {pid} (load {load_average()})", flush=True)
            cpu0 = process_tree_cpu_s(pid)
            res = run_load(port, token, clients, duration)
            cpu1 = process_tree_cpu_s(pid)
            res["cpu_s"] = None if cpu0 is None or cpu1 is None else cpu1 - cpu0
            return res
        finally:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per phase (max 120)")
    parser.add_argument("--db", type=Path, default=None, help="warehouse (default: 20k demo)")
    args = parser.parse_args(argv)
    duration = min(args.duration, 120.0)
    db = args.db or ensure_demo_warehouse()
    print(f"warehouse {db}: {orders_in(db):,} orders", flush=True)

    base = duckdb_serial(db, duration)
    print(
        f"baseline      DuckDB, the same SQL serially: {base['queries']} queries in "
        f"{base['wall_s']:.1f} s ({base['qps']:.1f} q/s, {base['cpu_ms']:.2f} CPU-ms/query; "
        f"load {load_average()})",
        flush=True,
    )
    print(f"== answer cache off: {args.clients} clients x {duration:.0f} s", flush=True)
    res = load_phase(db, args.clients, duration)
    lat, errors = res["latencies"], res["errors"]
    if not lat:
        print("no request completed")
        return 1
    p50, p95, p99 = (percentile(lat, q) for q in (50, 95, 99))
    rps = len(lat) / res["wall_s"]
    print(f"requests      {len(lat)} in {res['wall_s']:.1f} s  ({rps:.1f} req/s)")
    print(f"latency ms    p50 {p50:.0f}  p95 {p95:.0f}  p99 {p99:.0f}  max {max(lat):.0f}")
    print(f"errors        {len(errors)}" + (f"  e.g. {errors[0]}" if errors else ""))
    cpu_ms = None if res["cpu_s"] is None else res["cpu_s"] * 1000 / len(lat)
    if cpu_ms is not None:
        print(
            f"server cpu    {res['cpu_s']:.1f} s = {cpu_ms:.2f} CPU-ms/request "
            f"(cpu ratio {base['cpu_ms'] / cpu_ms:.2f}; load {load_average()})"
        )
    ratio = rps / base["qps"]
    print(f"ratio         server req/s / DuckDB serial q/s = {ratio:.2f}")
    ok = not errors and p95 < 1000 and ratio >= 0.8
    cpu_part = "" if cpu_ms is None else f" cpu_ms={cpu_ms:.2f} duckdb_cpu_ms={base['cpu_ms']:.2f}"
    print(
        f"load-ask: p95_ms={p95:.0f} rps={rps:.1f} ratio={ratio:.2f}{cpu_part} "
        f"errors={len(errors)} load={os.getloadavg()[0]:.2f} "
        f"target(p95<1000, ratio>=0.8, no errors) {'MET' if ok else 'NOT MET'}",
        flush=True,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
