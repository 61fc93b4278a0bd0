"""Resource limits of every connection that runs model or user SQL: memory, threads, spill size.

Why: DuckDB's defaults are 80 % of the machine's RAM, every core and up to 90 % of the free
disk for spilling, per database instance. The server answers everyone from one instance per
warehouse file, so a hostile model view (``string_agg(repeat('x', 1000), '')`` over millions
of rows) or a heavy question could take most of the machine's memory (the server process is
the one the kernel kills) or fill the disk next to the warehouse. Every sandboxed connection
(:func:`connectors.warehouse.connect`, the Parquet engine) gets these least-privilege limits;
a query that needs more fails inside DuckDB with an Out of Memory error, which the guard turns
into a refusal saying what to do. The operator raises them with environment variables:

- ``ORDERLENS_QUERY_MEMORY_LIMIT`` (default ``2GB``): DuckDB's ``memory_limit``, shared by the
  queries running at once on one warehouse; sorts, joins and aggregates spill to disk past it;
- ``ORDERLENS_QUERY_THREADS`` (default: the cores, at most 4): DuckDB's ``threads``;
- ``ORDERLENS_QUERY_TEMP_LIMIT`` (default ``8GB``): ``max_temp_directory_size``, what spilling
  may write next to the warehouse (``<db>.tmp``).

>>> sorted(query_limits({"ORDERLENS_QUERY_MEMORY_LIMIT": "512MB", "ORDERLENS_QUERY_THREADS": "1"}).items())
[('max_temp_directory_size', '8GB'), ('memory_limit', '512MB'), ('threads', 1)]
>>> query_limits({"ORDERLENS_QUERY_THREADS": "0"})
Traceback (most recent call last):
...
connectors.errors.WarehouseError: ORDERLENS_QUERY_THREADS='0' is not a number of threads (a whole number from 1, e.g. 2)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from connectors.errors import WarehouseError

MEMORY_ENV = "ORDERLENS_QUERY_MEMORY_LIMIT"
THREADS_ENV = "ORDERLENS_QUERY_THREADS"
TEMP_ENV = "ORDERLENS_QUERY_TEMP_LIMIT"
DEFAULT_MEMORY = "2GB"
DEFAULT_TEMP = "8GB"
#: threads per warehouse instance at most by default (the answering workers share them)
DEFAULT_MAX_THREADS = 4
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", re.IGNORECASE)
#: bytes of each unit :data:`_SIZE` accepts, as DuckDB reads them (decimal KB/MB/GB, binary KiB…)
_UNIT_BYTES = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
               "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}  # fmt: skip


def _size(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name, "").strip() or default
    if not _SIZE.match(raw):
        raise WarehouseError(f"{name}={raw!r} is not a size: write e.g. 2GB or 512MB")
    return raw


def size_bytes(size: str) -> int:
    """Bytes of a size these settings accept (the one grammar of sizes, :data:`_SIZE`): what a
    Parquet scan may read at once is a share of the memory limit
    (:mod:`connectors.engines.parquet_bounds`).

    >>> size_bytes("2GB"), size_bytes("512 MiB"), size_bytes("1.5KB")
    (2000000000, 536870912, 1500)
    """
    match = _SIZE.match(size.strip())
    if not match:
        raise WarehouseError(f"{size!r} is not a size: write e.g. 2GB or 512MB")
    return int(float(match.group(1)) * _UNIT_BYTES[match.group(2).upper()])


def query_limits(env: Mapping[str, str] | None = None) -> dict[str, str | int]:
    """DuckDB settings limiting one warehouse instance's memory, threads and spill size."""
    env = os.environ if env is None else env
    raw = env.get(THREADS_ENV, "").strip()
    if raw:
        if not raw.isdigit() or int(raw) < 1:
            raise WarehouseError(
                f"{THREADS_ENV}={raw!r} is not a number of threads (a whole number from 1, e.g. 2)"
            )
        threads = int(raw)
    else:
        threads = max(1, min(DEFAULT_MAX_THREADS, os.cpu_count() or 1))
    return {
        "memory_limit": _size(env, MEMORY_ENV, DEFAULT_MEMORY),
        "threads": threads,
        "max_temp_directory_size": _size(env, TEMP_ENV, DEFAULT_TEMP),
    }


def limit_statements(limits: Mapping[str, str | int]) -> list[str]:
    """``SET`` statements applying ``limits`` to a connection opened without them (before its
    configuration is locked); the values are checked by :func:`query_limits`.

    >>> limit_statements({"memory_limit": "2GB", "threads": 2})
    ["SET memory_limit = '2GB'", 'SET threads = 2']
    """
    return [
        f"SET {name} = {value}" if isinstance(value, int) else f"SET {name} = '{value}'"
        for name, value in limits.items()
    ]
