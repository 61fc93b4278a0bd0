"""Where rules live: every place that may compare a column to literal values, as SQL trees.

Each collector turns one kind of artefact into :class:`Place` objects (kind, location, parsed
tree): semantic-model YAML (``expr`` / ``filter`` / ``where`` strings, with the dbt jinja
``{{ Dimension('order__payment_status') }}`` rendered to the column it names), the health-check
SQL, allocation rules YAML, SQL strings inside notebook code cells, automation-rule examples and
any SQL file a user points at. Nothing is executed; text is only parsed.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlglot
import yaml
from sqlglot import exp

from connectors.bounded_yaml import read_yaml_file
from lab.health.checks import CHECKS
from lab.impact.errors import ImpactError

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODEL_DIRS = (REPO_ROOT / "semantic_layer" / "models",)
DEFAULT_RULE_DIRS = (REPO_ROOT / "lab" / "reconciliation" / "rules",)
DEFAULT_NOTEBOOK_DIRS = (REPO_ROOT / "notebooks",)
DEFAULT_AUTOMATION_DIRS = (Path(__file__).parent / "examples",)
#: The reconciliation matcher's SQL steps: they compare payment_status, bill_type, … to literals.
DEFAULT_PIPELINE_SQL_DIRS = (REPO_ROOT / "lab" / "reconciliation" / "sql",)

_JINJA = re.compile(
    r"\{\{\s*(Dimension|TimeDimension|Entity|Metric)\(\s*['\"]([^'\"]+)['\"][^)]*\)"
    r"(?:\.\w+\([^)]*\))*\s*\}\}"
)
_SQLISH = re.compile(r"\b(select|where|case|when|in)\b|=|<>|!=", re.IGNORECASE)
_SQL_KEYS = frozenset(
    {"expr", "filter", "filters", "where", "sql", "condition", "when", "match", "formula", "rule"}
)


@dataclass(frozen=True)
class Place:
    """One piece of SQL that may compare columns to literals, and where it lives."""

    kind: str  # semantic_model, health_check, allocation_rule, reconciliation_step, notebook, automation, sql_file
    location: str  # file and path inside it (YAML key path, cell number, statement number)
    name: str
    tree: exp.Expr


def render_dbt_jinja(text: str, dimension_exprs: dict[str, str] | None = None) -> str:
    """Replace dbt's ``{{ Dimension('entity__dim') }}`` by the column the dimension reads.

    >>> render_dbt_jinja("{{ Dimension('order__payment_status') }} = 'paid'")
    "payment_status = 'paid'"
    >>> render_dbt_jinja("{{ Dimension('order__pay') }} in ('x')", {"pay": "payment_status"})
    "payment_status in ('x')"
    """
    dims = dimension_exprs or {}

    def column(match: re.Match[str]) -> str:
        name = match.group(2).split("__")[-1]
        return dims.get(name, name)

    return _JINJA.sub(column, text)


def _parse(text: str) -> exp.Expr | None:
    """Parse a statement or a bare expression; None when it is not SQL."""
    try:
        tree = sqlglot.parse_one(text, read="duckdb")
    except (sqlglot.errors.ParseError, sqlglot.errors.TokenError, ValueError):
        return None
    return tree


def _walk_yaml(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            sub = f"{path}.{key}" if path else str(key)
            if isinstance(value, str) and str(key).lower() in _SQL_KEYS:
                yield sub, value
            elif isinstance(value, list) and str(key).lower() in _SQL_KEYS:
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield f"{sub}[{i}]", item
                    else:
                        yield from _walk_yaml(item, f"{sub}[{i}]")
            else:
                yield from _walk_yaml(value, sub)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            label = item.get("name") if isinstance(item, dict) else None
            yield from _walk_yaml(item, f"{path}[{label or i}]")


def _read_yaml(path: Path) -> Any:
    try:
        return read_yaml_file(path)  # bounded: an alias bomb hung impact (s19)
    except (OSError, yaml.YAMLError) as exc:
        raise ImpactError(f"cannot read YAML {path}: {exc}") from exc


def _yaml_files(dirs: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        d = Path(d)
        if d.is_file():
            files.append(d)
        elif d.is_dir():
            files += sorted([*d.rglob("*.yml"), *d.rglob("*.yaml")])
    return files


def _dimension_exprs(docs: list[Any]) -> dict[str, str]:
    """Dimension name -> the column its ``expr`` reads (when it is a plain column)."""
    out: dict[str, str] = {}
    for doc in docs:
        models = doc.get("semantic_models") if isinstance(doc, dict) else None
        for model in models if isinstance(models, list) else []:
            # a hand-edited file's wrong shape is skipped: it was an AttributeError traceback
            dims = model.get("dimensions") if isinstance(model, dict) else None
            for dim in dims if isinstance(dims, list) else []:
                expr = dim.get("expr") if isinstance(dim, dict) else None
                if isinstance(expr, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", expr.strip()):
                    out[str(dim.get("name"))] = expr.strip()
    return out


def yaml_places(dirs: Iterable[Path], kind: str) -> list[Place]:
    """SQL strings in YAML files (semantic models, allocation rules), jinja rendered."""
    files = _yaml_files(dirs)
    docs = [_read_yaml(f) for f in files]
    dims = _dimension_exprs(docs)
    places: list[Place] = []
    for file, doc in zip(files, docs, strict=True):
        for key_path, text in _walk_yaml(doc, ""):
            if not _SQLISH.search(text):
                continue
            tree = _parse(render_dbt_jinja(text, dims))
            if tree is not None:
                places.append(Place(kind, f"{_rel(file)}:{key_path}", key_path, tree))
    return places


def health_check_places() -> list[Place]:
    """The health checks' SQL definitions."""

    return [Place("health_check", _rel(c.sql_path), c.name, c.expression) for c in CHECKS.values()]


def sql_file_places(files: Iterable[Path], kind: str = "sql_file") -> list[Place]:
    """Every statement of the given ``.sql`` files (or every ``.sql`` under given dirs)."""
    paths: list[Path] = []
    for f in files:
        f = Path(f)
        if f.is_dir():
            paths += sorted(f.rglob("*.sql"))
        elif f.exists():
            paths.append(f)
        else:
            raise ImpactError(f"SQL file {f} does not exist; pass an existing .sql file to --sql")
    places: list[Place] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            trees = sqlglot.parse(text, read="duckdb")
        except (sqlglot.errors.ParseError, sqlglot.errors.TokenError) as exc:
            raise ImpactError(f"{path}: not SQL sqlglot can parse: {exc}") from exc
        statements = [t for t in trees if t is not None]
        for i, tree in enumerate(statements, start=1):
            loc = _rel(path) if len(statements) == 1 else f"{_rel(path)}:statement {i}"
            places.append(Place(kind, loc, path.stem, tree))
    return places


def _python_strings(source: str) -> Iterator[tuple[int, str]]:
    """String literals of a code cell (IPython magics and shell lines blanked out)."""
    lines = [("" if ln.lstrip().startswith(("%", "!")) else ln) for ln in source.splitlines()]
    try:
        module = ast.parse("\n".join(lines))
    except SyntaxError:
        return
    for node in ast.walk(module):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def notebook_places(dirs: Iterable[Path]) -> list[Place]:
    """SQL found in notebook code cells: string literals that parse as SQL, and %%sql cells."""
    places: list[Place] = []
    for d in dirs:
        d = Path(d)
        files = [d] if d.is_file() else sorted(d.glob("*.ipynb")) if d.is_dir() else []
        for nb_path in files:
            try:
                nb = json.loads(nb_path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise ImpactError(f"cannot read notebook {nb_path}: {exc}") from exc
            code_cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
            for n, cell in enumerate(code_cells, start=1):
                source = "".join(cell.get("source", []))
                if source.lstrip().startswith("%%sql"):
                    body = source.lstrip().split("\n", 1)[1] if "\n" in source else ""
                    candidates: list[tuple[int, str]] = [(2, body)]
                else:
                    candidates = list(_python_strings(source))
                for line, text in candidates:
                    if not _SQLISH.search(text) or len(text) < 5:
                        continue
                    tree = _parse(text)
                    if tree is not None and tree.find(exp.EQ, exp.NEQ, exp.In, exp.Case):
                        loc = f"{_rel(nb_path)}:code cell {n}, line {line}"
                        places.append(Place("notebook", loc, nb_path.stem, tree))
    return places


def collect_places(
    *,
    model_dirs: Iterable[Path] | None = None,
    rule_dirs: Iterable[Path] | None = None,
    notebook_dirs: Iterable[Path] | None = None,
    automation_dirs: Iterable[Path] | None = None,
    pipeline_sql_dirs: Iterable[Path] | None = None,
    sql_files: Iterable[Path] = (),
    include_health_checks: bool = True,
) -> list[Place]:
    """Every place from every source (defaults: the repository's own models, rules, notebooks)."""
    places: list[Place] = []
    models = [Path(d) for d in (model_dirs or DEFAULT_MODEL_DIRS)]
    places += yaml_places(models, "semantic_model")
    places += sql_file_places([d for d in models if d.exists()], kind="semantic_model")
    if include_health_checks:
        places += health_check_places()
    places += yaml_places(rule_dirs or DEFAULT_RULE_DIRS, "allocation_rule")
    places += notebook_places(notebook_dirs or DEFAULT_NOTEBOOK_DIRS)
    auto = [Path(p) for p in (automation_dirs or DEFAULT_AUTOMATION_DIRS) if Path(p).exists()]
    places += sql_file_places(auto, kind="automation")
    steps = [Path(p) for p in (pipeline_sql_dirs or DEFAULT_PIPELINE_SQL_DIRS) if Path(p).exists()]
    places += sql_file_places(steps, kind="reconciliation_step")
    places += sql_file_places([Path(f) for f in sql_files], kind="sql_file")
    return places


def _rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)
