"""Safe ingest: many files of one format into the warehouse, all or nothing, exactly once.

Why each guarantee:

* **transactional** — the whole batch runs in one DuckDB transaction; a file that cannot be read
  (wrong encoding, wrong columns, not a CSV) raises :class:`IngestError` and ROLLBACK leaves the
  warehouse exactly as it was (and no rejects files behind);
* **idempotent** — each file's SHA-256 (streamed) is recorded in ``ingest_log``; the same file
  again (even renamed, even twice in one call) adds nothing, and readers anti-join on natural
  keys so two *overlapping* exports do not duplicate orders or bank lines;
* **honest about bad rows** — a row that fails validation is not loaded and not silently
  dropped: it is reported with file, line and reason and written to
  ``<rejects_dir>/<file>.<fp8>.rejects.csv`` (columns ``file,line,reason,raw``);
* **streaming** — files are hashed and transcoded in 1 MiB chunks and parsed by DuckDB's CSV
  reader, so file size is bounded by disk, not memory; tqdm shows progress on big files.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from tqdm import tqdm

from connectors.errors import IngestError
from connectors.rows import one_row
from connectors.sources import reader_module
from connectors.sources._tabular import install_macros
from connectors.sources._text import fingerprint
from connectors.sources.base import DatabaseSourceReader, LoadContext, LoadResult
from connectors.spreadsheet_text import FORMULA_STARTS, inert_sql
from connectors.warehouse import ensure_schema

BIG_FILE = 64 << 20  # show a byte progress bar above 64 MiB
DEFAULT_REJECTS_DIR = Path(".orderlens") / "rejects"


@dataclass
class FileReport:
    """What happened to one file."""

    path: str
    fingerprint: str
    status: str  # "loaded" | "skipped: already ingested" | "skipped: duplicate in batch"
    target_table: str = ""
    rows_read: int = 0
    rows_loaded: int = 0
    rows_updated: int = 0
    rows_duplicate: int = 0
    rows_rejected: int = 0
    rejects_path: str | None = None
    rejects: list[dict[str, Any]] = field(default_factory=list)  # first 20: file, line, reason
    extra: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    overlaps: dict[str, int] = field(default_factory=dict)  # earlier file -> lines seen again
    skipped: dict[str, int] = field(default_factory=dict)  # kind -> lines left out (not money)
    notes: list[str] = field(default_factory=list)  # e.g. a statement missing between two


@dataclass
class IngestReport:
    """The batch result (``orderlens ingest`` prints its summary)."""

    format: str
    files: list[FileReport] = field(default_factory=list)

    @property
    def rows_loaded(self) -> int:
        """New rows in the main target table over all files."""
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_rejected(self) -> int:
        """Rows refused over all files."""
        return sum(f.rows_rejected for f in self.files)

    def summary(self) -> str:
        """Human lines: one per file plus the rejects to look at."""
        out = []
        for f in self.files:
            if f.status != "loaded":
                out.append(f"{f.path}: {f.status} ({f.fingerprint[:12]})")
                continue
            extra = ", ".join(f"{k} +{v}" for k, v in f.extra.items() if v)
            out.append(
                f"{f.path}: {f.rows_read} rows read, {f.target_table} +{f.rows_loaded} new, "
                f"{f.rows_updated} updated, {f.rows_duplicate} already present, "
                f"{f.rows_rejected} rejected{' (' + extra + ')' if extra else ''} in {f.seconds:.2f}s"
            )
            for earlier, n in f.overlaps.items():
                out.append(f"  overlaps {earlier}: {n} lines already loaded from it")
            if f.skipped:
                out.append(
                    "  skipped (not transactions): "
                    + ", ".join(f"{n} {kind}" for kind, n in f.skipped.items())
                )
            out += [f"  note: {n}" for n in f.notes]
            for r in f.rejects[:5]:
                out.append(f"  line {r['line']}: {r['reason']}")
            if f.rows_rejected:
                out.append(f"  all rejects: {f.rejects_path}")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"format": self.format, "files": [asdict(f) for f in self.files]}


def _already_ingested(con: duckdb.DuckDBPyConnection, fp: str) -> bool:
    return (
        one_row(con.execute("SELECT count(*) FROM ingest_log WHERE fingerprint = ?", [fp]))[0] > 0
    )


def _hash(path: Path, progress: bool) -> str:
    size = path.stat().st_size
    with tqdm(
        total=size,
        unit="B",
        unit_scale=True,
        desc=f"hash {path.name}",
        disable=not progress or size < BIG_FILE,
        file=sys.stderr,
    ) as bar:
        return fingerprint(path, bar.update)


def _write_rejects(
    con: duckdb.DuckDBPyConnection,
    res: LoadResult,
    label: str,
    fp: str,
    rejects_dir: Path,
    stem: str,
) -> tuple[int, str | None, list[dict[str, Any]]]:
    if not res.rejects:
        return 0, None, []
    n = one_row(con.execute(f"SELECT count(*) FROM {res.rejects}"))[0]
    if not n:
        return 0, None, []
    rejects_dir.mkdir(parents=True, exist_ok=True)
    out = rejects_dir / f"{stem}.{fp[:8]}.rejects.csv"
    # people open it in a spreadsheet: a file named `=2+5.csv` (or a reason, a raw line starting
    # like a formula) is shown as text, never run (session 20; lab.spreadsheet_cells)
    con.execute(
        f"COPY (SELECT {inert_sql('$label')} AS file, line, {inert_sql('reason')} AS reason, "
        f"{inert_sql('raw')} AS raw FROM {res.rejects} ORDER BY line) "
        f"TO '{_sql_path(out)}' (HEADER, DELIMITER ',')",
        {"label": label, "formula_starts": list(FORMULA_STARTS)},
    )
    first = con.execute(f"SELECT line, reason FROM {res.rejects} ORDER BY line LIMIT 20").fetchall()
    return int(n), str(out), [{"file": label, "line": ln, "reason": r} for ln, r in first]


def _drop_temp(con: duckdb.DuckDBPyConnection, prefix: str) -> None:
    """Free a file's staging tables (they can be as big as the file)."""
    names = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ?)",
        [prefix + "_"],
    ).fetchall()
    views = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE temporary AND starts_with(view_name, ?)",
        [prefix + "_"],
    ).fetchall()
    for (name,) in views:
        con.execute(f'DROP VIEW IF EXISTS temp."{name}"')
    for (name,) in names:
        con.execute(f'DROP TABLE IF EXISTS temp."{name}"')


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    paths: Iterable[str | Path],
    *,
    mapping: Any = None,
    rejects_dir: str | Path | None = None,
    progress: bool = True,
    options: dict[str, Any] | None = None,
) -> IngestReport:
    """Ingest ``paths`` with the ``fmt`` reader in one transaction; see the module doc.

    Args:
        con: a writable warehouse connection (the schema is created if missing).
        fmt: one of :data:`connectors.sources.FORMATS`.
        paths: files (for ``postgres``: connection strings).
        mapping: mapping file / object for ``orders-csv`` (and ``postgres``).
        rejects_dir: where rejects CSVs go (default ``.orderlens/rejects``).
        progress: tqdm bars on big files.
        options: reader-specific options (``postgres``: ``query`` or ``table``).

    Raises:
        IngestError: a file could not be read; nothing was written.
    """
    module = reader_module(fmt)
    ensure_schema(con)
    install_macros(con)
    rdir = Path(rejects_dir) if rejects_dir is not None else DEFAULT_REJECTS_DIR
    report = IngestReport(fmt)
    written: list[Path] = []
    seen: set[str] = set()
    path_list = [str(p) for p in paths]
    database = module if isinstance(module, DatabaseSourceReader) else None
    con.execute("BEGIN TRANSACTION")
    try:
        with tempfile.TemporaryDirectory(prefix="orderlens-ingest-") as tmp:
            redact = database.redact if database is not None else str
            for i, source in enumerate(
                tqdm(
                    path_list,
                    desc=f"ingest {fmt}",
                    unit="file",
                    file=sys.stderr,
                    disable=not progress or len(path_list) < 2,
                )
            ):
                t0 = time.perf_counter()
                label = redact(source)
                ctx = LoadContext(
                    prefix=f"_ol{i}",
                    tmp_dir=Path(tmp),
                    mapping=mapping,
                    progress=progress,
                    options={**(options or {}), "label": label},
                )
                if database is None:
                    path = Path(source)
                    if not path.is_file():
                        raise IngestError(f"{label}: no such file")
                    fp = _hash(path, progress)
                    stem = path.name
                else:  # a database source hashes what it streams
                    fp = database.source_fingerprint(con, source, ctx)
                    path, stem = Path(tmp) / f"source{i}", f"source{i}"
                if fp in seen or _already_ingested(con, fp):
                    status = (
                        "skipped: duplicate in batch" if fp in seen else "skipped: already ingested"
                    )
                    report.files.append(FileReport(label, fp, status))
                    _drop_temp(con, ctx.prefix)
                    continue
                seen.add(fp)
                try:
                    if isinstance(module, DatabaseSourceReader):
                        res = module.load(con, source, ctx)
                    else:
                        res = module.load(con, path, ctx)
                except duckdb.Error as exc:
                    raise IngestError(f"{label}: {exc}") from exc
                n_rej, rej_path, first = _write_rejects(con, res, label, fp, rdir, stem)
                if rej_path:
                    written.append(Path(rej_path))
                con.execute(
                    "INSERT INTO ingest_log VALUES (?, ?, ?, now()::TIMESTAMP, ?, ?, ?)",
                    [fp, fmt, label, res.rows_loaded, n_rej, res.target_table],
                )
                _drop_temp(con, ctx.prefix)
                report.files.append(
                    FileReport(
                        label,
                        fp,
                        "loaded",
                        res.target_table,
                        res.rows_read,
                        res.rows_loaded,
                        res.rows_updated,
                        res.rows_duplicate,
                        n_rej,
                        rej_path,
                        first,
                        res.extra,
                        round(time.perf_counter() - t0, 3),
                        dict(res.overlaps),
                        dict(res.skipped),
                        list(res.notes),
                    )
                )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return report
