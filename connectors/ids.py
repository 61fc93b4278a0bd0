"""Order-ID governance: one global ``order_id`` per order, whatever each system calls it.

Why: the article's "system says shipped, courier never picked it up" starts with ids that do not
line up — the platform, ERP, WMS, courier and CRM each write their own number, and a typo or a
second ERP number silently splits one order in two. This module

* assigns global ids (``OL`` + 9 digits, continuing the warehouse's maximum) to new external
  ids and records every (system, external_id) → order_id in ``order_id_map``;
* learns each system's number *shapes* from the data (``JD\\d{11,13}``, ``SO\\d{11}``...), so an
  id that fits no shape is visible;
* reports the cross-system ID consistency rate (the article's KPI: industry 76.3 %, excellent
  100 %) and lists the conflicting ids with the reason.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb

from connectors.rows import one_row

if TYPE_CHECKING:  # pandas is imported where a report is built: ingest does not need its 0.3 s
    import pandas as pd

ORDER_ID_PREFIX = "OL"
ORDER_ID_DIGITS = 9
INDUSTRY_AVERAGE = 0.763
EXCELLENT = 1.0
MINOR_SHARE = 0.01  # a shape holding < 1 % of a system's ids...
MIN_FORMAT_COUNT = 10  # ...and fewer than 10 of them is an outlier, not a format


# --------------------------------------------------------------------------- assignment
def next_order_number(con: duckdb.DuckDBPyConnection) -> int:
    """The largest numeric part of any ``OL…`` id in ``orders`` or ``order_id_map``."""
    row = one_row(
        con.execute(
            """SELECT coalesce(max(n), 0) FROM (
             SELECT TRY_CAST(substr(order_id, 3) AS BIGINT) AS n FROM orders WHERE order_id LIKE 'OL%'
             UNION ALL
             SELECT TRY_CAST(substr(order_id, 3) AS BIGINT) FROM order_id_map WHERE order_id LIKE 'OL%')"""
        )
    )
    return int(row[0])


def _known_ids_sql(orders_column: str | None) -> str:
    """External ids the warehouse already knows for ``$system`` (the map, else an orders column)."""
    by_col = (
        f"UNION ALL SELECT {orders_column} AS external_id, min(order_id) FROM orders "
        f"WHERE {orders_column} IS NOT NULL GROUP BY 1"
        if orders_column
        else ""
    )
    return f"""SELECT external_id, min(order_id) AS order_id FROM (
                   SELECT external_id, order_id FROM order_id_map WHERE system = $system {by_col})
               GROUP BY 1"""


def _new_id_sql(base: int, known: str, line: str) -> str:
    """``OL`` + 9 digits: the known id, else the next number after ``base`` in file order."""
    return (
        f"coalesce({known}, '{ORDER_ID_PREFIX}' || lpad(CAST({base} + row_number() OVER ("
        f"PARTITION BY {known} IS NULL ORDER BY {line}) AS VARCHAR), {ORDER_ID_DIGITS}, '0'))"
    )


def assign_order_ids(
    con: duckdb.DuckDBPyConnection,
    system: str,
    keys_table: str,
    out: str,
    *,
    orders_column: str | None = None,
    unique_keys: bool = False,
) -> tuple[int, int]:
    """Give every external id in ``keys_table(external_id, _line)`` a global order id.

    Known ids (already in ``order_id_map`` for ``system``, or in ``orders.<orders_column>``)
    keep theirs; new ones get ``OL`` + 9 digits continuing the maximum, in file order. Writes temp
    table ``out(external_id, order_id, is_new)``; returns (known, new) counts. Table names are
    static names chosen by the caller, never user text. ``unique_keys`` skips de-duplicating
    the keys when the caller knows each appears once.
    """
    base = next_order_number(con)
    keys = (
        f"SELECT external_id, _line AS first_line FROM {keys_table}"
        if unique_keys
        else f"SELECT external_id, min(_line) AS first_line FROM {keys_table} GROUP BY 1"
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {out} AS
        WITH keys AS ({keys}), known AS ({_known_ids_sql(orders_column)})
        SELECT k.external_id,
               {_new_id_sql(base, "kn.order_id", "k.first_line, k.external_id")} AS order_id,
               kn.order_id IS NULL AS is_new
        FROM keys k LEFT JOIN known kn USING (external_id)""",
        {"system": system},
    )
    known, new = one_row(
        con.execute(f"SELECT count(*) FILTER (NOT is_new), count(*) FILTER (is_new) FROM {out}")
    )
    return int(known), int(new)


def number_orders(
    con: duckdb.DuckDBPyConnection,
    system: str,
    rows: str,
    key: str,
    out: str,
    *,
    orders_column: str | None = None,
) -> tuple[int, int]:
    """One row per order of ``rows`` (the first by ``_line`` when a key repeats, e.g. JD lines),
    with ``external_id`` (= ``key``), its global ``order_id`` and ``_is_new``, as ``out``.

    The same ids as :func:`assign_order_ids`, but the rows travel with their id, so loading a
    2M-row export needs no second join of the file's rows with an id table on the (long, text)
    external id; known ids are found by one hash join with the ids the warehouse already holds.
    When none is known (the usual case: a new export) the ids need no sort of the file either:
    with consecutive line numbers the n-th order is ``base + n`` by its line, else by its
    position in an ordered copy. ``rows`` yields its rows in ``_line`` order. Returns (known, new).
    """
    base = next_order_number(con)
    known_sql = _known_ids_sql(orders_column)
    params = {"system": system}
    n, n_keys, first, last, n_known = one_row(
        con.execute(
            f"""SELECT count(*), count(DISTINCT {key}), min(_line), max(_line),
                   count(*) FILTER ({key} IN (SELECT external_id FROM ({known_sql})))
            FROM {rows}""",
            params,
        )
    )
    if n_keys == n and not n_known:  # one row per order, all new: number by position
        number = f"_line + {base + 1 - (first or 0)}"
        source = rows
        if n and last - first + 1 != n:  # gaps (rejected rows): position in an ordered copy
            con.execute(f"CREATE OR REPLACE TEMP TABLE {out}_rows AS SELECT * FROM {rows}")
            start, span = one_row(
                con.execute(f"SELECT min(rowid), max(rowid) - min(rowid) + 1 FROM {out}_rows")
            )
            number = f"rowid + {base + 1 - start}" if span == n else ""  # dense row ids only
            source = f"{out}_rows"
        if number:
            con.execute(
                f"""CREATE OR REPLACE TEMP VIEW {out} AS
                SELECT *, {key} AS external_id, '{ORDER_ID_PREFIX}' || lpad(CAST({number} AS VARCHAR),
                       {ORDER_ID_DIGITS}, '0') AS order_id, TRUE AS _is_new
                FROM {source}"""
            )
            return 0, int(n)
    source = (
        f"(SELECT *, {key} AS external_id FROM {rows})"
        if n_keys == n
        else f"(SELECT DISTINCT ON ({key}) *, {key} AS external_id FROM {rows} ORDER BY {key}, _line)"
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {out} AS
        WITH known AS ({known_sql})
        SELECT s.*, {_new_id_sql(base, "kn.order_id", "s._line, s.external_id")} AS order_id,
               kn.order_id IS NULL AS _is_new
        FROM {source} s LEFT JOIN known kn ON kn.external_id = s.external_id""",
        params,
    )
    known, new = one_row(
        con.execute(f"SELECT count(*) FILTER (NOT _is_new), count(*) FILTER (_is_new) FROM {out}")
    )
    return int(known), int(new)


# --------------------------------------------------------------------------- patterns
@dataclass(frozen=True)
class IdPattern:
    """One learned number shape of a system, with how many ids have it."""

    regex: str
    count: int
    share: float

    @property
    def is_minor(self) -> bool:
        """Too rare to be a format: ids of this shape are outliers (typos, one-off numbers)."""
        return self.share < MINOR_SHARE and self.count < MIN_FORMAT_COUNT


_RUN = re.compile(r"9+|[A-Za-z]+|[^9A-Za-z]")


def _tokens(mask: str) -> list[str]:
    return _RUN.findall(mask)


def learn_patterns(masks: dict[str, int], *, max_literals: int = 8) -> list[IdPattern]:
    """Generalise id masks (digits written as ``9``) into regexes with counts, largest first.

    Letter runs that take few values stay literal (``JD``, ``SO``); many values become a class.
    Digit runs of varying length merge into ``\\d{min,max}``.

    >>> [p.regex for p in learn_patterns({"JD99999999999": 5, "JD9999999999999": 2, "SO99999999999": 4})]
    ['JD\\\\d{11,13}', 'SO\\\\d{11}']
    >>> learn_patterns({"POS-SH99-999999-9999": 3})[0].regex
    'POS\\\\-SH\\\\d{2}\\\\-\\\\d{6}\\\\-\\\\d{4}'
    """
    total = sum(masks.values()) or 1
    shapes: dict[tuple, list[tuple[list[str], int]]] = defaultdict(list)
    for mask, n in masks.items():
        toks = _tokens(mask)
        shape = tuple("9" if t[0] == "9" else ("A" if t[0].isalpha() else t) for t in toks)
        shapes[shape].append((toks, n))
    refined: dict[tuple, list[tuple[list[str], int]]] = defaultdict(list)
    for shape, members in shapes.items():
        literal_pos = {
            i
            for i, s in enumerate(shape)
            if s == "A" and len({m[0][i] for m in members}) <= max_literals
        }
        for toks, n in members:
            key = tuple(toks[i] if i in literal_pos else s for i, s in enumerate(shape))
            refined[key].append((toks, n))
    out = []
    for key, members in refined.items():
        parts = []
        for i, s in enumerate(key):
            lens = [len(m[0][i]) for m in members]
            lo, hi = min(lens), max(lens)
            rng = f"{{{lo}}}" if lo == hi else f"{{{lo},{hi}}}"
            if s == "9":
                parts.append(r"\d" + rng)
            elif s == "A":
                parts.append("[A-Za-z]" + rng)
            else:
                parts.append(re.escape(s))
        count = sum(n for _, n in members)
        out.append(IdPattern("".join(parts), count, round(count / total, 6)))
    return sorted(out, key=lambda p: (-p.count, p.regex))


def system_masks(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """Id masks per system from ``order_id_map`` and per ``platform:<channel>`` from orders."""
    rows = con.execute(
        r"""SELECT system, regexp_replace(external_id, '[0-9]', '9', 'g') AS m, count(*)
            FROM order_id_map GROUP BY 1, 2
            UNION ALL
            SELECT 'platform:' || channel, regexp_replace(channel_order_no, '[0-9]', '9', 'g'),
                   count(*)
            FROM orders WHERE channel_order_no IS NOT NULL GROUP BY 1, 2"""
    ).fetchall()
    masks: dict[str, dict[str, int]] = defaultdict(dict)
    for system, mask, n in rows:
        masks[system][mask] = int(n)
    return dict(masks)


# --------------------------------------------------------------------------- report
@dataclass
class IdReport:
    """Cross-system ID consistency: the rate, the learned shapes, the conflicting ids."""

    orders_checked: int
    orders_consistent: int
    patterns: dict[str, list[IdPattern]]
    conflicts: pd.DataFrame = field(repr=False)

    @property
    def consistency_rate(self) -> float:
        """Share of orders whose ids agree across every system (1.0 when none are checked)."""
        return self.orders_consistent / self.orders_checked if self.orders_checked else 1.0

    def summary(self) -> str:
        """One line with the KPI against the industry baselines."""
        return (
            f"cross-system ID consistency {self.consistency_rate:.1%} "
            f"({self.orders_consistent}/{self.orders_checked} orders; industry average "
            f"{INDUSTRY_AVERAGE:.1%}, excellent {EXCELLENT:.0%}); "
            f"{self.conflicts['order_id'].nunique() if len(self.conflicts) else 0} orders with "
            f"conflicting ids"
        )

    def to_dict(self, max_conflicts: int = 1000) -> dict:
        """JSON-ready form (``orderlens ids report --json``)."""
        conf = self.conflicts.head(max_conflicts).astype(object)
        return {
            "consistency_rate": round(self.consistency_rate, 6),
            "orders_checked": self.orders_checked,
            "orders_consistent": self.orders_consistent,
            "industry_average": INDUSTRY_AVERAGE,
            "excellent": EXCELLENT,
            "patterns": {
                s: [{"regex": p.regex, "count": p.count, "share": p.share} for p in ps]
                for s, ps in self.patterns.items()
            },
            "conflicts": conf.where(conf.notna(), None).to_dict(orient="records"),
            "conflicts_total": len(self.conflicts),
        }


_CONFLICTS_SQL = """
WITH snap AS (SELECT DISTINCT order_id, system, external_id FROM status_snapshots
              WHERE external_id IS NOT NULL AND order_id IS NOT NULL),
map_by_order AS (SELECT order_id, system, string_agg(external_id, ' | ' ORDER BY external_id) AS ids
                 FROM order_id_map GROUP BY 1, 2),
snap_conflicts AS (
    SELECT s.order_id, s.system, s.external_id, mo.ids AS expected,
           CASE WHEN m.order_id IS NULL THEN 'snapshot id not in order_id_map'
                ELSE 'snapshot id maps to another order (' || m.order_id || ')' END AS reason
    FROM snap s
    LEFT JOIN order_id_map m ON m.system = s.system AND m.external_id = s.external_id
    LEFT JOIN map_by_order mo ON mo.order_id = s.order_id AND mo.system = s.system
    WHERE m.order_id IS DISTINCT FROM s.order_id
),
column_conflicts AS (
    SELECT o.order_id, sys.system, sys.ext AS external_id, mo.ids AS expected,
           'orders.' || sys.col || ' not in order_id_map' AS reason
    FROM orders o,
         LATERAL (VALUES ('platform', 'channel_order_no', o.channel_order_no),
                         ('erp', 'erp_order_no', o.erp_order_no)) sys(system, col, ext)
    JOIN map_by_order mo ON mo.order_id = o.order_id AND mo.system = sys.system
    LEFT JOIN order_id_map m ON m.system = sys.system AND m.external_id = sys.ext
    WHERE sys.ext IS NOT NULL AND m.order_id IS DISTINCT FROM o.order_id
)
SELECT * FROM snap_conflicts UNION ALL SELECT * FROM column_conflicts
ORDER BY order_id, system, external_id
"""


def consistency_report(con: duckdb.DuckDBPyConnection) -> IdReport:
    """Check every order's ids across systems and learn each system's number shapes.

    An order is *consistent* when every id any system reported for it (status snapshots, the
    orders row) is the one ``order_id_map`` holds for that system and order, and each mapped id
    fits a main shape of its system. Conflicts carry the id, what the map expected and why.
    """
    patterns = {s: learn_patterns(m) for s, m in sorted(system_masks(con).items())}
    conflicts = con.execute(_CONFLICTS_SQL).df()
    outliers = []
    for system, masks in system_masks(con).items():
        if ":" in system:
            continue
        # judged on letter-agnostic shapes: 12 store codes are one format, "S0…" for "SO…" is not
        shapes = learn_patterns(masks, max_literals=0)
        minor = [p.regex for p in shapes if p.is_minor]
        if not minor:
            continue
        main = re.compile("|".join(f"(?:{p.regex})" for p in shapes if not p.is_minor) or "(?!)")
        rows = con.execute(
            "SELECT order_id, system, external_id FROM order_id_map WHERE system = ?", [system]
        ).fetchall()
        usual = " | ".join(p.regex for p in patterns[system] if not p.is_minor)
        outliers += [
            (o, s_, e, usual, "id fits no usual shape of its system")
            for o, s_, e in rows
            if not main.fullmatch(e)
        ]
    if outliers:
        import pandas as pd  # only for a report with outliers: ingest does not need its 0.3 s

        conflicts = pd.concat(
            [conflicts, pd.DataFrame(outliers, columns=conflicts.columns)], ignore_index=True
        )
    checked = one_row(
        con.execute(
            """SELECT count(*) FROM (SELECT order_id FROM order_id_map UNION
                                 SELECT order_id FROM status_snapshots WHERE order_id IS NOT NULL)"""
        )
    )[0]
    bad = conflicts["order_id"].nunique() if len(conflicts) else 0
    return IdReport(int(checked), int(checked) - int(bad), patterns, conflicts)
