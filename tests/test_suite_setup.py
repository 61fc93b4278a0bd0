"""The test suite's own set-up stays cheap: what every pytest process pays before any test.

Why: langsmith, installed with langchain, registers a pytest plugin (``langsmith_plugin``)
that imports langsmith in every pytest process, ~1.3 s of CPU each (a targeted run of one file
took 2.4 s instead of 1.1 s to collect); no test uses it, so pyproject's addopts blocks it.
"""

from __future__ import annotations

import pytest


def test_the_unused_langsmith_plugin_is_not_loaded(pytestconfig: pytest.Config) -> None:
    assert not pytestconfig.pluginmanager.has_plugin("langsmith_plugin")
    assert pytestconfig.pluginmanager.is_blocked("langsmith_plugin")
