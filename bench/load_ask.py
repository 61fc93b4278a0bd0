"""Load test of the Ask API: 20 concurrent clients for 30 s against a real server.

Starts ``orderlens serve`` on 127.0.0.1 (token auth) over the 1,000,000-order warehouse
``bench/out/bench-1m.duckdb`` (reused when it holds 1M orders; built with seed 1, end
2026-11-20 otherwise), warms it up, then lets N client threads POST questions to
``/orderlens/api/ask`` in a loop for a bounded time. Prints throughput, p50/p95/p99 latency and
errors, and, as the baseline measured in the same run, the latency of the same questions
answered in-process by ``nl2sql.ask`` one at a time (the ratio is the price of HTTP, JSON, SVG
rendering and queueing under load). Target: zero errors and p95 < 1 s.

    .venv/bin/python bench/load_ask.py [--clients 20] [--duration 30] [--db FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from warehouse_1m import BENCH_DB, ensure_bench_warehouse, orders_in

from lab.server.launch import ServerStartError, start_server

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


def baseline(db: Path) -> list[float]:
    """The same questions in-process, one at a time (after one warm-up pass)."""
    from nl2sql import ask
    from semantic_layer import load_model

    model = load_model()
    for q in QUESTIONS:
        ask(q, model=model, db=str(db), today=TODAY)
    out = []
    for _ in range(2):
        for q in QUESTIONS:
            started = time.perf_counter()
            ask(q, model=model, db=str(db), today=TODAY)
            out.append((time.perf_counter() - started) * 1000)
    return out


PHASES = (
    ("answer cache off (every request runs the engine)", ("--OrderLensApp.answer_cache_size=0",)),
    ("default server (answer cache on, repeats served from memory)", ()),
)


def load_phase(db: Path, extra: tuple[str, ...], clients: int, duration: float) -> dict:
    """Start a server with ``extra`` settings, warm it up, load it, stop it."""
    with tempfile.TemporaryDirectory(prefix="orderlens-load-") as tmp:
        try:
            server = start_server(
                "serve",
                ["--ip", "127.0.0.1", "--db", str(db), "--today", TODAY, *extra],
                Path(tmp),
                timeout_s=120,
            )
        except ServerStartError as exc:
            raise SystemExit(str(exc)) from exc
        port, token = server.port, server.token
        try:
            for q in QUESTIONS:  # warm-up: model, catalog, chart renderer
                status, body = request(port, token, "POST", "/orderlens/api/ask", {"question": q})
                if status != 200:
                    raise SystemExit(f"warm-up question {q!r} failed: {status} {body[:300]!r}")
            return run_load(port, token, clients, duration)
        finally:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per phase (max 120)")
    parser.add_argument("--db", type=Path, default=None, help="warehouse (default: 1M bench)")
    args = parser.parse_args(argv)
    duration = min(args.duration, 120.0)
    db = args.db or ensure_bench_warehouse(BENCH_DB)
    print(f"warehouse {db}: {orders_in(db):,} orders", flush=True)

    base = baseline(db)
    b50 = statistics.median(base)
    print(f"baseline: in-process ask(), one at a time: p50 {b50:.0f} ms", flush=True)
    met = []
    for label, extra in PHASES:
        print(f"== {label}: {args.clients} clients x {duration:.0f} s", flush=True)
        res = load_phase(db, extra, args.clients, duration)
        lat, errors = res["latencies"], res["errors"]
        if not lat:
            print("no request completed")
            met.append(False)
            continue
        p50, p95, p99 = (percentile(lat, q) for q in (50, 95, 99))
        print(
            f"requests      {len(lat)} in {res['wall_s']:.1f} s  ({len(lat) / res['wall_s']:.1f} req/s)"
        )
        print(f"latency ms    p50 {p50:.0f}  p95 {p95:.0f}  p99 {p99:.0f}  max {max(lat):.0f}")
        print(f"errors        {len(errors)}" + (f"  e.g. {errors[0]}" if errors else ""))
        print(f"ratio         server p50 / in-process p50 = {p50 / b50:.1f}x")
        ok = not errors and p95 < 1000
        met.append(ok)
        print(
            f"target        zero errors and p95 < 1000 ms: {'MET' if ok else 'NOT MET'}", flush=True
        )
    return 0 if met and met[-1] else 1


if __name__ == "__main__":
    raise SystemExit(main())
