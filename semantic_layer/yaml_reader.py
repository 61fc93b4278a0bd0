"""Finding and reading a model's YAML with line numbers: a plain folder or a dbt project.

Why line numbers: every problem is reported as ``file:line``; PyYAML drops positions, so a small
loader stores each mapping's line under ``__line__`` (removed before objects are built).

Why dbt projects are read as dbt reads them: people point OrderLens at the project they already
have. With a ``dbt_project.yml`` only YAML under its ``model-paths`` is read (not ``target/``,
``dbt_packages/`` or seeds), its ``.sql`` files are dbt models built in the warehouse (never
inlined as views), and ``ref('x')`` names the relation dbt builds for ``x``: its ``alias`` and
its custom ``schema`` (``<target schema>_<custom>``, dbt's default ``generate_schema_name``),
taken from the model's YAML ``config:``, its ``{{ config(...) }}`` block or ``dbt_project.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from connectors.bounded_yaml import (
    MAX_YAML_BYTES,
    AliasBomb,
    BoundedLoader,
    read_text_bounded,
    read_yaml_file,
)
from connectors.bounded_yaml import safe_load_bounded as safe_load_bounded
from semantic_layer.errors import ModelLoadError
from semantic_layer.issues import IssueCollector
from semantic_layer.model_size import ModelLimits, check_bytes, check_file_count, model_limits
from semantic_layer.model_walk import model_files
from semantic_layer.project_vars import project_vars, render_project_vars
from semantic_layer.yaml_shapes import LINE, shape_problems

DEFAULT_TARGET_SCHEMA = "main"  # dbt-duckdb's default schema when profiles.yml is not read
# a ``{{ config(...) }}`` block: its opening, then the first ``) }}`` after it; and its
# keyword arguments, each from the start of a word. Two searches rather than one ``.*?``
# pattern, and a word never retried from its middle: both patterns were quadratic (session
# 23: 20,000 digits in a block took 15.5 s, 4,000 unclosed openers 3.75 s; a model file may
# be 16 MiB)
_CONFIG_OPEN = re.compile(r"\{\{\s*config\(")
_CONFIG_CLOSE = re.compile(r"\)\s*\}\}")
_KWARG = re.compile(r"""(?<!\w)(\w+)\s*=\s*['"]([^'"]+)['"]""")
_JINJA = re.compile(r"\{\{|\{%")  # dbt model files are Jinja templates; views are plain SQL


# The bounded loader (aliases, size) lives in the lowest layer so that ``connectors`` (ingest
# mappings) reads YAML with the same bound; ``safe_load_bounded`` is re-exported for callers.
_BoundedLoader = BoundedLoader


class _LineLoader(_BoundedLoader):
    """The bounded safe loader that also remembers the line of every mapping (for error
    messages) and every key written twice in one mapping (see ``_note_duplicate_keys``)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int, int]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    _note_duplicate_keys(loader, node)
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


def _note_duplicate_keys(loader: _LineLoader, node: yaml.MappingNode) -> None:
    """Remember every key written twice in one mapping, with both lines, on the loader.

    Why: PyYAML keeps the second value silently, so a model file with ``saved_queries:`` (or
    ``metrics:``, or a measure's ``agg:``) twice lost the first list without a word (session 26:
    a built-in saved query vanished). dbt 1.10 keeps the second value too and warns
    (``DuplicateYAMLKeysDeprecation``); a public project loads with such a key (a semantic
    model with ``label:`` twice), so the duplicate is a warning naming both lines, not a failed
    load.
    """
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        line = key_node.start_mark.line + 1
        if key_node.value in seen:
            loader.duplicate_keys.append((key_node.value, seen[key_node.value], line))
        seen[key_node.value] = line


def _load_documents(text: str) -> tuple[list[Any], list[tuple[str, int, int]]]:
    """Every document of ``text`` and the keys written twice in it, (key, first line, second
    line); ``yaml.load_all`` with the line loader, keeping the loader to read its notes."""
    loader = _LineLoader(text)
    try:
        docs = []
        while loader.check_data():
            docs.append(loader.get_data())
        return docs, list(loader.duplicate_keys)
    finally:
        loader.dispose()


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def strip_lines(value: Any) -> Any:
    """A copy of parsed YAML without the ``__line__`` bookkeeping keys."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


@dataclass
class DbtProject:
    """What OrderLens needs from a ``dbt_project.yml``: where models live, what ref() builds."""

    root: Path
    name: str
    model_paths: list[Path]
    target_schema: str = DEFAULT_TARGET_SCHEMA
    # model name -> (custom schema or None, alias or None), from the project file and .sql files
    configs: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # ``vars:`` the project's YAML may read with ``{{ var('name') }}`` (see project_vars)
    vars: dict[str, Any] = field(default_factory=dict)
    #: the folder the user pointed at inside the project (its ``models/`` or a sub-folder of
    #: it): only the YAML under it is read, with the project's configuration
    only: Path | None = None

    def relation(self, model: str, yaml_config: dict | None = None) -> tuple[str | None, str]:
        """(schema or None, table) dbt builds for ``model``; YAML ``config:`` wins over others."""
        schema, alias = self.configs.get(model, (None, None))
        cfg = yaml_config or {}
        schema = cfg.get("schema") or schema
        alias = cfg.get("alias") or alias
        full_schema = f"{self.target_schema}_{schema}" if schema else None
        return full_schema, alias or model


def find_dbt_project(root: Path) -> DbtProject | None:
    """The dbt project at ``root`` (a directory holding ``dbt_project.yml``), or the one whose
    model paths hold the folder ``root`` (``project/models``, ``project/models/marts``), else None.

    Why the second: users point OrderLens at the folder where their semantic YAML lives. Read as
    a plain folder, the dbt models beside it (Jinja ``.sql`` files) were parsed as OrderLens
    views and every one failed the load, and ``ref()`` lost the project's schemas and aliases.
    """
    project = _project_at(root)
    if project is not None or not root.is_dir():
        return project
    here = root.resolve()
    for parent in here.parents:
        if not (parent / "dbt_project.yml").is_file():
            continue
        project = _project_at(parent)
        if project is None or not any(
            here == p.resolve() or p.resolve() in here.parents for p in project.model_paths
        ):
            return None  # the nearest project does not hold this folder among its models
        project.only = root
        return project
    return None


def _project_at(root: Path) -> DbtProject | None:
    """The dbt project whose ``dbt_project.yml`` is in ``root``, else None."""
    file = root / "dbt_project.yml" if root.is_dir() else None
    if file is None or not file.exists():
        return None
    try:
        cfg = read_yaml_file(file) or {}
    except yaml.YAMLError as exc:
        raise ModelLoadError(f"{file}: cannot parse dbt_project.yml: {exc}") from exc
    problems = shape_problems("dbt_project", cfg)
    if problems:
        raise ModelLoadError(
            f"{file}: {'; '.join(problems)}. Fix: write dbt_project.yml as dbt documents it "
            '(`model-paths: ["models"]`, `models:` as a mapping of project names)'
        )
    paths = cfg.get("model-paths") or cfg.get("source-paths") or ["models"]
    name = str(cfg.get("name") or root.name)
    project = DbtProject(
        root=root, name=name, model_paths=[root / p for p in paths], vars=project_vars(cfg, name)
    )
    models_cfg = (cfg.get("models") or {}).get(project.name) or {}
    for base in project.model_paths:
        for sql in sorted(base.rglob("*.sql")) if base.is_dir() else []:
            folders = sql.relative_to(base).parts[:-1]
            schema, alias = _folder_schema(models_cfg, folders), None
            args = config_args(_sql_text(sql))
            if args is not None:
                kw = dict(_KWARG.findall(args))
                schema, alias = kw.get("schema", schema), kw.get("alias", alias)
            project.configs[sql.stem] = (schema, alias)
    return project


def config_args(text: str) -> str | None:
    """The arguments of the first ``{{ config(...) }}`` block of a dbt model file, or None.

    >>> config_args("{{ config(alias='dim_loaves') }} select 1"), config_args("{{ config(x")
    ("alias='dim_loaves'", None)
    """
    opened = _CONFIG_OPEN.search(text)
    if opened is None:
        return None
    closed = _CONFIG_CLOSE.search(text, opened.end())
    return None if closed is None else text[opened.end() : closed.start()]


def _folder_schema(cfg: dict, folders: tuple[str, ...]) -> str | None:
    """``+schema`` from dbt_project.yml's nested ``models:`` config (the deepest folder wins)."""
    schema = cfg.get("+schema") or cfg.get("schema")
    level: dict | None = cfg
    for part in folders:
        nxt = level.get(part) if level is not None else None
        level = nxt if isinstance(nxt, dict) else None
        if level is None:
            break
        schema = level.get("+schema") or level.get("schema") or schema
    return str(schema) if schema else None


def _yaml_files(root: Path, project: DbtProject | None, limits: ModelLimits) -> list[Path]:
    if root.is_file():
        return [root]
    if project is not None and project.only is not None:
        bases = [project.only]
    else:
        bases = [p for p in project.model_paths if p.is_dir()] if project else [root]
    out: list[Path] = []
    for base in bases:
        # hidden folders, target/, node_modules/... are never entered, and the walk is bounded
        # by the entries it visits (semantic_layer.model_walk), so a folder of 100,000 files
        # stops early; the YAML files are counted before any is read
        found = [p for p in model_files(base, (".yml", ".yaml")) if p.name != "dbt_project.yml"]
        check_file_count(root, len(out) + len(found), limits)
        out.extend(found)
    return out


def _with_vars(doc: dict, project: DbtProject, file: str, col: IssueCollector) -> dict:
    """``doc`` with its ``{{ var(...) }}`` strings rendered as dbt renders them at parse time."""

    def report(line: int | None, problem: str) -> None:
        col.add(file, line, "var()", problem, "define it under `vars:` in dbt_project.yml")

    rendered: dict = render_project_vars(doc, project.vars, report)
    return rendered


def _sql_text(path: Path) -> str:
    """A view or dbt model file's text, bounded like a YAML file (a ``.sql`` symlink to
    ``/dev/zero`` was read until memory ran out); ``ModelLoadError`` naming it otherwise."""
    try:
        return read_text_bounded(path, errors="replace")
    except OSError as exc:
        raise ModelLoadError(f"{exc}; a model's .sql files are views of one SELECT") from exc


def read_files(
    root: Path, col: IssueCollector, project: DbtProject | None = None
) -> tuple[list[tuple[str, dict]], dict[str, str]]:
    """(file, document) pairs of every YAML document, and ``name -> SQL`` of view files.

    View files (``<name>.sql`` inlined as a subquery by ``ref('name')``) exist only in plain
    model folders: in a dbt project ``.sql`` files are models that dbt builds.
    """
    if not root.exists():
        raise ModelLoadError(
            f"semantic model directory {root} does not exist: pass an existing DIR"
        )
    limits = model_limits()
    files = _yaml_files(root, project, limits)
    if not files:
        raise ModelLoadError(
            f"no YAML files in {root}: a semantic model directory holds *.yml files with "
            "`semantic_models:` and `metrics:` (or pass a dbt project directory with "
            "dbt_project.yml, or its target/semantic_manifest.json)"
        )
    check_bytes(root, files, limits)
    docs: list[tuple[str, dict]] = []
    for f in files:
        try:
            if f.stat().st_size > MAX_YAML_BYTES:  # a 200 MB scalar took 841 MB to parse
                col.add(
                    str(f),
                    None,
                    "file",
                    f"has {f.stat().st_size:,} bytes, more than the {MAX_YAML_BYTES:,} a model "
                    "file may have",
                    "split it into smaller files",
                )
                continue
            loaded, twice = _load_documents(read_text_bounded(f))
            for key, first, second in twice:
                col.warn(
                    str(f),
                    second,
                    "YAML",
                    f"the key `{key}` is written twice in one mapping (lines {first} and "
                    f"{second}); only the second is read, as dbt reads it",
                    "merge the two into one key",
                )
            for doc in loaded:
                if doc is None:
                    continue
                if not isinstance(doc, dict):
                    col.add(
                        str(f),
                        None,
                        "file",
                        "top level is not a mapping",
                        "start the file with `semantic_models:` or `metrics:`",
                    )
                    continue
                if project is not None:
                    doc = _with_vars(doc, project, str(f), col)
                docs.append((str(f), doc))
        except AliasBomb as exc:
            col.add(str(f), None, "YAML", str(exc), "write the repeated values out")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            col.add(str(f), line, "YAML", str(getattr(exc, "problem", exc)), "fix the YAML syntax")
        except UnicodeDecodeError:
            col.add(str(f), None, "file", "is not UTF-8 text", "save it as UTF-8")
        except OSError as exc:  # a device, a pipe, a file too large or unreadable
            col.add(str(f), None, "file", f"cannot be read ({exc})", "point at a YAML file")
    if project is not None:
        if project.only is not None:
            col.warn(
                str(root),
                None,
                "folder",
                f"is inside the dbt project {project.root}: read with its dbt_project.yml "
                "(its .sql files are dbt models, ref() names the relations dbt builds)",
                "nothing to do; pass the project directory to read all of its YAML",
            )
        return docs, {}
    base = root if root.is_dir() else root.parent
    views: dict[str, str] = {}
    models: list[str] = []
    for p in model_files(base, (".sql",)):  # not in target/, .venv/...: dbt's compiled copies
        text = _sql_text(p)
        if _JINJA.search(text):  # a dbt model (ref(), config(), source()), not a plain view
            models.append(p.name)
        else:
            views[p.stem] = text
    if models:
        col.warn(
            str(base),
            None,
            "SQL files",
            f"{', '.join(models[:5])}{' …' if len(models) > 5 else ''} hold dbt Jinja: read as "
            "dbt models (ref() reads the table dbt builds), not as OrderLens views",
            "nothing to do if dbt built them; a view file is one plain SELECT",
        )
    return docs, views
