"""Red team, session 20: relative server paths are redacted for business users too.

Session 19 left relative paths open ("they name no folder outside the server's own"). Found on
a running ``orderlens serve --semantic-model ./model``: a synonyms overlay that does not parse
made every ask user's question a 422 reading ``model/.orderlens/synonyms.yml: cannot read the
synonyms overlay (…)``, the model folder as the operator typed it, relative to the server's
working directory (``../../srv/models/…`` just the same). Only absolute paths were redacted.
Text that is a relative path existing from the server's working directory is now replaced the
same way; words with a slash that are no such path stay.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.server.redact import REDACTED, redact_paths


@pytest.fixture()
def server_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    serve_dir = tmp_path / "ops" / "serve"
    (serve_dir / "model" / ".orderlens").mkdir(parents=True)
    (serve_dir / "model" / ".orderlens" / "synonyms.yml").write_text("x: [\n")
    (tmp_path / "ops" / "secret models qz").mkdir()
    monkeypatch.chdir(serve_dir)
    return serve_dir


def test_a_relative_overlay_path_is_redacted(server_cwd: Path) -> None:
    message = "model/.orderlens/synonyms.yml: cannot read the synonyms overlay (line 2)"
    assert redact_paths(message) == f"{REDACTED}: cannot read the synonyms overlay (line 2)"


def test_paths_above_the_working_directory_are_redacted(server_cwd: Path) -> None:
    message = "../secret models qz/orders.yml:2: bad and ./model/x.yml:3: bad"
    out = redact_paths(message)
    assert "secret" not in out and "qz" not in out and "model/" not in out, out
    assert out == f"{REDACTED}:2: bad and {REDACTED}:3: bad"


@pytest.mark.parametrize(
    "message",
    [
        "no OrderLens API route GET /orderlens/api/histroy",
        "GMV/order count is not a metric",
        "sales.yml:3: YAML: did not find expected ',' or ']'",
        "between 2026/11/01 and 2026/11/20",
        "and/or",
        "../",
    ],
)
def test_words_that_are_no_path_here_stay(server_cwd: Path, message: str) -> None:
    assert redact_paths(message) == message
