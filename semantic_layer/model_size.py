"""How big a semantic model may be: files, bytes, metrics and elements, counted before loading.

Why: one model file is at most ``MAX_YAML_BYTES`` (16 MiB), but nothing counted the files or
what they hold. A model of 10,000 metrics took about 2 minutes of CPU to load (session 11) and
its lexicon and catalog grow with it; a folder of 100,000 files would be walked, read and
validated before anything said no, on every server start and model edit. Each limit is checked
as soon as what it counts is known (the file walk, the sizes, the parsed documents), so a model
over it is a :class:`~semantic_layer.errors.ModelLoadError` naming the count, the limit and the
variable that raises it, before memory grows with it. The defaults are far above real models
(the built-in one has 8 files and under 100 metrics).

>>> model_limits({})
ModelLimits(files=5000, bytes=67108864, metrics=5000, elements=50000)
>>> model_limits({"ORDERLENS_MODEL_MAX_METRICS": "20000"}).metrics
20000
>>> model_limits({"ORDERLENS_MODEL_MAX_FILES": "lots"})
Traceback (most recent call last):
...
semantic_layer.errors.ModelLoadError: ORDERLENS_MODEL_MAX_FILES='lots': give a whole number of at least 1
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from semantic_layer.errors import ModelLoadError

FILES_ENV = "ORDERLENS_MODEL_MAX_FILES"
BYTES_ENV = "ORDERLENS_MODEL_MAX_BYTES"
METRICS_ENV = "ORDERLENS_MODEL_MAX_METRICS"
ELEMENTS_ENV = "ORDERLENS_MODEL_MAX_ELEMENTS"
_DEFAULTS = {FILES_ENV: 5000, BYTES_ENV: 64 * 1024 * 1024, METRICS_ENV: 5000, ELEMENTS_ENV: 50000}


@dataclass(frozen=True)
class ModelLimits:
    """The largest model this process loads (see the module's docstring)."""

    files: int  # YAML files read (a dbt project's model paths included)
    bytes: int  # their sizes added up (a semantic manifest's own size)
    metrics: int
    elements: int  # semantic models, dimensions, measures and entities together


def model_limits(env: Mapping[str, str] | None = None) -> ModelLimits:
    """The limits, from the environment's ``ORDERLENS_MODEL_MAX_*`` variables or the defaults."""
    env = os.environ if env is None else env
    got: dict[str, int] = {}
    for name, default in _DEFAULTS.items():
        raw = env.get(name, "").strip()
        if not raw:
            got[name] = default
            continue
        if not raw.isdigit() or int(raw) < 1:
            raise ModelLoadError(f"{name}={raw!r}: give a whole number of at least 1")
        got[name] = int(raw)
    return ModelLimits(got[FILES_ENV], got[BYTES_ENV], got[METRICS_ENV], got[ELEMENTS_ENV])


def _over(root: Path | str, what: str, count: str, limit: int, env: str) -> ModelLoadError:
    return ModelLoadError(
        f"{root}: the model has {count} {what}, more than the {limit:,} a model may have; "
        f"point at the folder that holds only the semantic model, split it, or raise "
        f"{env} if it really is this big"
    )


def check_file_count(root: Path, count: int, limits: ModelLimits) -> None:
    """Called during the file walk: stops it as soon as it passes the limit."""
    if count > limits.files:
        raise _over(root, "YAML files", f"more than {limits.files:,}", limits.files, FILES_ENV)


def check_bytes(root: Path, files: list[Path], limits: ModelLimits) -> None:
    """The files' sizes added up, before any is read."""
    total = 0
    for f in files:
        try:
            total += f.stat().st_size
        except OSError:
            continue  # the reader reports a file it cannot read
    if total > limits.bytes:
        raise _over(root, "bytes of YAML", f"{total:,}", limits.bytes, BYTES_ENV)


def check_counts(
    root: Path | str, models: list[Any], metrics: list[Any], limits: ModelLimits
) -> None:
    """Metrics and elements of the parsed documents, before validation builds objects of them.

    ``models`` are semantic-model mappings (YAML) or objects with ``dimensions``, ``measures``
    and ``entities`` (a manifest's).
    """
    if len(metrics) > limits.metrics:
        raise _over(root, "metrics", f"{len(metrics):,}", limits.metrics, METRICS_ENV)
    elements = len(models)
    for sm in models:
        for key in ("dimensions", "measures", "entities"):
            part = sm.get(key) if isinstance(sm, dict) else getattr(sm, key, None)
            elements += len(part) if isinstance(part, list | tuple) else 0
    if elements > limits.elements:
        what = "elements (semantic models, dimensions, measures and entities)"
        raise _over(root, what, f"{elements:,}", limits.elements, ELEMENTS_ENV)
