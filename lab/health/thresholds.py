"""Threshold overrides for the health checks, from a dict or a YAML file.

Why nested by check: the same word (``minutes``) means different things for different checks;
``{"status_disagreement": {"minutes": 20}}`` is unambiguous. Dotted keys
(``"status_disagreement.minutes"``) are accepted too, so CLI flags and notebook parameters can
stay flat.

>>> normalize_thresholds({"status_disagreement.minutes": 20, "shipped_not_picked_up": {"hours": 12}})
{'status_disagreement': {'minutes': 20}, 'shipped_not_picked_up': {'hours': 12}}
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from lab.health.checks import CHECKS
from lab.health.errors import HealthError
from semantic_layer.yaml_reader import safe_load_bounded


def normalize_thresholds(raw: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Turn nested or dotted threshold overrides into ``{check: {param: value}}``."""
    out: dict[str, dict[str, Any]] = {}
    for key, value in (raw or {}).items():
        if isinstance(value, Mapping):
            check, params = key, dict(value)
        elif "." in key:
            check, param = key.split(".", 1)
            params = {param: value}
        else:
            raise HealthError(
                f"threshold {key!r} must be 'check.param' or a mapping under a check name"
            )
        if check not in CHECKS:
            raise HealthError(
                f"thresholds name unknown check {check!r}; choose from {sorted(CHECKS)}"
            )
        for param in params:
            CHECKS[check].parameters({param: params[param]})  # validates name and type
        out.setdefault(check, {}).update(params)
    return out


def load_thresholds(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read threshold overrides from a YAML file (``check: {param: value}``)."""
    path = Path(path)
    try:
        data = safe_load_bounded(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise HealthError(f"cannot read thresholds file {path}: {exc}") from exc
    if not isinstance(data, Mapping):
        raise HealthError(f"{path}: expected a mapping of check name -> thresholds")
    try:
        return normalize_thresholds(data)
    except HealthError as exc:
        raise HealthError(f"{path}: {exc}") from exc


def effective_thresholds(overrides: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Every check's thresholds: defaults overlaid with the overrides."""
    norm = normalize_thresholds(overrides)
    return {name: check.parameters(norm.get(name)) for name, check in CHECKS.items()}
